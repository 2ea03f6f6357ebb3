import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { binCheckDigit } from '../auth/index.js'
import { InputError } from '../core/index.js'
import {
  FIXTURE_CASES,
  FIXTURE_ENTITIES,
  FIXTURE_PEOPLE,
  FIXTURE_POWERS_OF_ATTORNEY,
  FixtureStateDatabases,
  parseStateDatabaseFixture,
  type StateDatabaseFixture,
} from './state-databases.js'

const bundled = (): StateDatabaseFixture =>
  JSON.parse(
    readFileSync(new URL('./fixtures/state-databases.json', import.meta.url), 'utf8'),
  ) as StateDatabaseFixture

const checkDigitValid = (n: string) => binCheckDigit(n) === Number(n[11])

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  )
}

describe('the bundled state database data set', () => {
  it('has about a dozen people, five legal entities and three powers of attorney', () => {
    expect(FIXTURE_PEOPLE.length).toBeGreaterThanOrEqual(12)
    expect(FIXTURE_ENTITIES).toHaveLength(5)
    expect(FIXTURE_POWERS_OF_ATTORNEY).toHaveLength(3)
  })

  it('gives every person a valid IIN that encodes their birth date and century', () => {
    const iins = new Set<string>()
    for (const person of FIXTURE_PEOPLE) {
      expect(person.iin, person.surname).toMatch(/^\d{12}$/)
      expect(checkDigitValid(person.iin), person.iin).toBe(true)
      const [year, month, day] = person.birthDate.split('-')
      expect(person.iin.slice(0, 6)).toBe(`${year!.slice(2)}${month}${day}`)
      const century = Number(person.iin[6])
      expect(year!.startsWith('19') ? [3, 4] : [5, 6], person.iin).toContain(century)
      expect(person.surname).toMatch(/^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+$/)
      iins.add(person.iin)
    }
    expect(iins.size).toBe(FIXTURE_PEOPLE.length)
  })

  it('gives every legal entity a valid resident BIN of its registration month, and a head from the people', () => {
    const people = new Set(FIXTURE_PEOPLE.map((p) => p.iin))
    for (const entity of FIXTURE_ENTITIES) {
      expect(checkDigitValid(entity.bin), entity.bin).toBe(true)
      expect(entity.bin[4]).toBe('4') // legal entity, resident
      const [year, month] = entity.registeredOn.split('-')
      expect(entity.bin.slice(0, 4)).toBe(`${year!.slice(2)}${month}`)
      expect(people.has(entity.headIin), entity.bin).toBe(true)
    }
  })

  it('has one expired power of attorney, between people of the data set', () => {
    const people = new Set(FIXTURE_PEOPLE.map((p) => p.iin))
    const today = '2026-11-26'
    expect(FIXTURE_POWERS_OF_ATTORNEY.filter((p) => p.validUntil < today)).toHaveLength(1)
    for (const poa of FIXTURE_POWERS_OF_ATTORNEY) {
      expect(people.has(poa.principalIin)).toBe(true)
      expect(people.has(poa.representativeIin)).toBe(true)
      expect(poa.principalIin).not.toBe(poa.representativeIin)
    }
  })

  it('names its test situations consistently with the data', () => {
    const person = (iin: string) => FIXTURE_PEOPLE.find((p) => p.iin === iin)
    expect(person(FIXTURE_CASES.individual)).toBeDefined()
    expect(person(FIXTURE_CASES.individualWithoutPatronymic)?.patronymic).toBeNull()
    expect(person(FIXTURE_CASES.minor)!.birthDate > '2008-11-26').toBe(true) // under 18 on 2026-11-26
    expect(FIXTURE_ENTITIES.find((e) => e.bin === FIXTURE_CASES.entity)?.headIin).toBe(
      FIXTURE_CASES.entityHead,
    )
    const valid = FIXTURE_POWERS_OF_ATTORNEY.find((p) => p.number === FIXTURE_CASES.powerOfAttorney)
    expect(valid).toMatchObject({
      principalIin: FIXTURE_CASES.principal,
      representativeIin: FIXTURE_CASES.representative,
    })
    expect(valid!.validUntil > '2026-11-26').toBe(true)
    const expired = FIXTURE_POWERS_OF_ATTORNEY.find(
      (p) => p.number === FIXTURE_CASES.expiredPowerOfAttorney,
    )
    expect(expired).toMatchObject({
      principalIin: FIXTURE_CASES.expiredPrincipal,
      representativeIin: FIXTURE_CASES.expiredRepresentative,
    })
    expect(expired!.validUntil < '2026-11-26').toBe(true)
    // The absent numbers are well formed and valid, and nobody has them.
    for (const n of [FIXTURE_CASES.absentIin, FIXTURE_CASES.absentBin]) {
      expect(checkDigitValid(n), n).toBe(true)
      expect(FIXTURE_PEOPLE.some((p) => p.iin === n)).toBe(false)
      expect(FIXTURE_ENTITIES.some((e) => e.bin === n)).toBe(false)
    }
  })

  it('is checked on load: a wrong check digit or an unknown head is refused', () => {
    const wrongDigit = bundled()
    const iin = wrongDigit.people[0]!.iin
    wrongDigit.people[0]!.iin = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`
    expect(() => parseStateDatabaseFixture(wrongDigit)).toThrow(/people\.0\.iin.*check digit/)

    const unknownHead = bundled()
    unknownHead.legalEntities[0]!.headIin = FIXTURE_CASES.absentIin
    expect(() => new FixtureStateDatabases(unknownHead)).toThrow(/is not a person/)

    expect(() => parseStateDatabaseFixture({ people: [] })).toThrow(/legalEntities/)
  })
})

describe('FixtureStateDatabases', () => {
  const db = new FixtureStateDatabases()

  it('finds a person by IIN, spaces ignored', async () => {
    expect(await db.person('900315400017')).toEqual({
      iin: '900315400017',
      surname: 'Сәрсенбаева',
      givenName: 'Айгүл',
      patronymic: 'Нұрланқызы',
      birthDate: '1990-03-15',
    })
    expect((await db.person(' 900315 400017 '))?.iin).toBe('900315400017')
  })

  it('answers undefined for a valid IIN or BIN nobody has, and for a wrong check digit', async () => {
    expect(await db.person(FIXTURE_CASES.absentIin)).toBeUndefined()
    expect(await db.legalEntity(FIXTURE_CASES.absentBin)).toBeUndefined()
    expect(await db.person('900315400018')).toBeUndefined()
    // An IIN is not a BIN: the databases are separate.
    expect(await db.legalEntity(FIXTURE_CASES.individual)).toBeUndefined()
    expect(await db.person(FIXTURE_CASES.entity)).toBeUndefined()
  })

  it('refuses an IIN or BIN that is not 12 digits, with a services.error key', async () => {
    for (const bad of ['', '90031540001', '9003154000170', '90031540001x']) {
      const personError = await thrown(db.person(bad))
      expect(personError, bad).toBeInstanceOf(InputError)
      expect((personError as InputError).messageKey).toBe('services.error.iin')
      expect((personError as InputError).params).toEqual({ value: bad })
      const entityError = await thrown(db.legalEntity(bad))
      expect((entityError as InputError).messageKey).toBe('services.error.bin')
    }
  })

  it('finds a legal entity by BIN with its head', async () => {
    expect(await db.legalEntity('040540000014')).toEqual({
      bin: '040540000014',
      nameKk: '«Жетісу Ақпарат» жауапкершілігі шектеулі серіктестігі',
      nameRu: 'Товарищество с ограниченной ответственностью «Жетісу Ақпарат»',
      headIin: '850722300021',
      registeredOn: '2004-05-12',
    })
  })

  it('finds powers of attorney, the expired one with its validUntil', async () => {
    expect(await db.powerOfAttorney(FIXTURE_CASES.powerOfAttorney)).toEqual({
      number: '250314-000127',
      principalIin: '010509600058',
      representativeIin: '951212300062',
      validUntil: '2030-03-13',
    })
    expect(await db.powerOfAttorney(` ${FIXTURE_CASES.expiredPowerOfAttorney} `)).toMatchObject({
      validUntil: '2024-06-04',
    })
    expect(await db.powerOfAttorney('999999-999999')).toBeUndefined()
    expect(await db.powerOfAttorney('№ 250314/127')).toBeUndefined()
    const empty = await thrown(db.powerOfAttorney('  '))
    expect((empty as InputError).messageKey).toBe('services.error.powerOfAttorneyNumber')
    expect(await thrown(db.powerOfAttorney('1'.repeat(65)))).toBeInstanceOf(InputError)
  })

  it('answers copies: changing an answer changes nothing stored', async () => {
    const person = await db.person(FIXTURE_CASES.individual)
    person!.surname = 'Changed'
    expect((await db.person(FIXTURE_CASES.individual))?.surname).toBe('Сәрсенбаева')
    expect(Object.isFrozen(FIXTURE_PEOPLE[0])).toBe(true)
  })

  it('can answer from another data set', async () => {
    const data = bundled()
    data.people = data.people.filter((p) => p.iin !== FIXTURE_CASES.individual)
    const other = new FixtureStateDatabases(data)
    expect(await other.person(FIXTURE_CASES.individual)).toBeUndefined()
    expect(await other.person(FIXTURE_CASES.entityHead)).toBeDefined()
  })
})
