/**
 * @module
 * The embedded state databases: individuals (ЖТ МДҚ / ГБД ФЛ), legal entities (ЗТ МДҚ / ГБД ЮЛ)
 * and the notary system's powers of attorney (БНАЖ / ЕНИС), answered from the small data set
 * bundled in `fixtures/state-databases.json` (copied to `dist` by `scripts/copy-assets.mjs`).
 * The data set is checked when this module loads: every IIN and BIN has a valid check digit,
 * every head, principal and representative is one of the people.
 *
 * Who is there, and what each is for in tests (`FIXTURE_CASES` names them):
 *
 * | IIN / BIN / number | who | meant for |
 * | --- | --- | --- |
 * | 900315400017 | Сәрсенбаева Айгүл Нұрланқызы, 1990 | present: an individual applying for herself |
 * | 850722300021 | Жұмабеков Ерлан Серікұлы, 1985 | head of 040540000014 «Жетісу Ақпарат» ЖШС (a media publisher) |
 * | 781102400034 | Оспанова Гүлнәр Бақытжанқызы, 1978 | head of 110340000022 «Алтын Дала» ЖШС |
 * | 620130300046 | Қасымов Дәурен Өмірзақұлы, 1962 | head of 150940000031 «Ата жолы» қоғамдық қоры |
 * | 550925400128 | Шәкенова Ләззат Әміржанқызы, 1955 | head of 180240000041 «Өнер әлемі» АҚ |
 * | 800117300132 | Мұхтаров Ғалым Есенұлы, 1980 | head of 220740000056 «Ұлы Дала Медиа» ЖШС |
 * | 010509600058 | Төлеуова Әсем Маратқызы, 2001 | principal of the valid power of attorney 250314-000127 |
 * | 951212300062 | Ибраһимов Тимур Рүстемұлы, 1995 | representative under 250314-000127 (valid until 2030-03-13) |
 * | 700819400075 | Бекмұхамбетова Жанар Ғалымқызы, 1970 | principal of the expired power of attorney 230605-004512 |
 * | 990228300084 | Нұрпейісов Айдос Қайратұлы, 1999 | representative under 230605-004512 (expired 2024-06-04) and 260210-000389 (valid until 2031-02-09) |
 * | 880606400092 | Үсенова Ұлжан Ілиясқызы, 1988 | principal of 260210-000389 |
 * | 921010300108 | Ахметов Бауыржан, 1992 | present, without a patronymic |
 * | 100414500113 | Жұмабеков Әлихан Ерланұлы, 2010 | present, a minor |
 *
 * Any other IIN or BIN is absent, which is how tests reach the "data cannot be obtained"
 * (`state-data`) refusal: `910101300990` and `230340999995` are valid numbers kept for that
 * (`FIXTURE_CASES.absentIin`, `FIXTURE_CASES.absentBin`). An expired power of attorney is
 * returned as it is, with its `validUntil`: the engine decides what an expired one means.
 *
 * A lookup of an IIN or BIN that is not 12 digits (spaces are ignored), or of an empty power of
 * attorney number, throws `InputError`; a well-formed number that is not in the data set (even
 * one with a wrong check digit) is simply not found (`undefined`), as the real databases answer.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { binCheckDigit } from '../auth/index.js'
import { InputError } from '../core/index.js'
import type {
  LegalEntityRecord,
  PersonRecord,
  PowerOfAttorneyRecord,
  StateDatabases,
} from './adapters.js'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const twelveDigits = z
  .string()
  .regex(/^\d{12}$/)
  .refine((value) => binCheckDigit(value) === Number(value[11]), 'wrong check digit')

const fixtureSchema = z
  .object({
    people: z.array(
      z.strictObject({
        iin: twelveDigits,
        surname: z.string().min(1),
        givenName: z.string().min(1),
        patronymic: z.string().min(1).nullable(),
        birthDate: date,
      }),
    ),
    legalEntities: z.array(
      z.strictObject({
        bin: twelveDigits,
        nameKk: z.string().min(1),
        nameRu: z.string().min(1),
        headIin: twelveDigits,
        registeredOn: date,
      }),
    ),
    powersOfAttorney: z.array(
      z.strictObject({
        number: z.string().regex(/^[0-9A-Z-]{1,40}$/),
        principalIin: twelveDigits,
        representativeIin: twelveDigits,
        validUntil: date,
      }),
    ),
  })
  .superRefine((data, ctx) => {
    const iins = new Set(data.people.map((p) => p.iin))
    const unknown = (iin: string, where: string) => {
      if (!iins.has(iin))
        ctx.addIssue({ code: 'custom', message: `${where}: ${iin} is not a person` })
    }
    for (const entity of data.legalEntities) unknown(entity.headIin, `head of ${entity.bin}`)
    for (const poa of data.powersOfAttorney) {
      unknown(poa.principalIin, `principal of ${poa.number}`)
      unknown(poa.representativeIin, `representative under ${poa.number}`)
    }
  })

/** The shape of the bundled data set (and of a data set given to `FixtureStateDatabases`). */
export type StateDatabaseFixture = z.infer<typeof fixtureSchema>

/**
 * Reads and checks a data set in the shape of `fixtures/state-databases.json`.
 * @throws Error naming the first problem when the data set is not valid.
 */
export function parseStateDatabaseFixture(json: unknown): StateDatabaseFixture {
  const result = fixtureSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new Error(`State database fixture: ${issue.path.join('.')}: ${issue.message}`)
  }
  return result.data
}

const BUNDLED: StateDatabaseFixture = parseStateDatabaseFixture(
  JSON.parse(readFileSync(new URL('./fixtures/state-databases.json', import.meta.url), 'utf8')),
)

/** The individuals of the bundled data set, in file order. */
export const FIXTURE_PEOPLE: readonly Readonly<PersonRecord>[] = Object.freeze(
  BUNDLED.people.map((p) => Object.freeze({ ...p })),
)

/** The legal entities of the bundled data set, in file order. */
export const FIXTURE_ENTITIES: readonly Readonly<LegalEntityRecord>[] = Object.freeze(
  BUNDLED.legalEntities.map((e) => Object.freeze({ ...e })),
)

/** The notarised powers of attorney of the bundled data set, in file order. */
export const FIXTURE_POWERS_OF_ATTORNEY: readonly Readonly<PowerOfAttorneyRecord>[] = Object.freeze(
  BUNDLED.powersOfAttorney.map((p) => Object.freeze({ ...p })),
)

/** The numbers of the bundled data set by the test situation they are meant for. */
export const FIXTURE_CASES = {
  /** An adult individual applying for herself. */
  individual: '900315400017',
  /** An individual without a patronymic. */
  individualWithoutPatronymic: '921010300108',
  /** A minor (born 2010). */
  minor: '100414500113',
  /** A legal entity and its head, who applies for it. */
  entity: '040540000014',
  entityHead: '850722300021',
  /** A valid power of attorney (until 2030-03-13), its principal and representative. */
  powerOfAttorney: '250314-000127',
  principal: '010509600058',
  representative: '951212300062',
  /** An expired power of attorney (2024-06-04), its principal and representative. */
  expiredPowerOfAttorney: '230605-004512',
  expiredPrincipal: '700819400075',
  expiredRepresentative: '990228300084',
  /** Valid numbers that no database holds: the `state-data` refusal. */
  absentIin: '910101300990',
  absentBin: '230340999995',
} as const

/** The 12 digits of an IIN or BIN with spaces removed; `InputError` when it is not 12 digits. */
function twelveDigitNumber(value: string, kind: 'iin' | 'bin'): string {
  const digits = typeof value === 'string' ? value.replace(/\s+/g, '') : ''
  if (!/^\d{12}$/.test(digits)) {
    const name = kind === 'iin' ? 'An IIN' : 'A BIN'
    throw new InputError(`${name} is 12 digits, not "${value}"`, `services.error.${kind}`, {
      value: String(value),
    })
  }
  return digits
}

/**
 * The state databases and the notary system over a fixed data set: the bundled one, or one
 * given (checked with `parseStateDatabaseFixture`). Answers are copies; the data set never changes.
 */
export class FixtureStateDatabases implements StateDatabases {
  readonly #people: Map<string, PersonRecord>
  readonly #entities: Map<string, LegalEntityRecord>
  readonly #powers: Map<string, PowerOfAttorneyRecord>

  constructor(data: StateDatabaseFixture = BUNDLED) {
    const checked = data === BUNDLED ? data : parseStateDatabaseFixture(data)
    this.#people = new Map(checked.people.map((p) => [p.iin, p]))
    this.#entities = new Map(checked.legalEntities.map((e) => [e.bin, e]))
    this.#powers = new Map(checked.powersOfAttorney.map((p) => [p.number, p]))
  }

  /** The individual with this IIN, or undefined. @throws InputError when not 12 digits. */
  async person(iin: string): Promise<PersonRecord | undefined> {
    const found = this.#people.get(twelveDigitNumber(iin, 'iin'))
    return found && { ...found }
  }

  /** The legal entity with this BIN, or undefined. @throws InputError when not 12 digits. */
  async legalEntity(bin: string): Promise<LegalEntityRecord | undefined> {
    const found = this.#entities.get(twelveDigitNumber(bin, 'bin'))
    return found && { ...found }
  }

  /**
   * The power of attorney with this number (spaces ignored, letters in any case), expired or
   * not, or undefined: a number in a form the notary system never issues is simply not found.
   * @throws InputError when the number is empty or longer than 64 characters.
   */
  async powerOfAttorney(number: string): Promise<PowerOfAttorneyRecord | undefined> {
    const normalised = typeof number === 'string' ? number.replace(/\s+/g, '').toUpperCase() : ''
    if (normalised === '' || normalised.length > 64) {
      throw new InputError(
        `Not a power of attorney number: "${number}"`,
        'services.error.powerOfAttorneyNumber',
        { value: String(number) },
      )
    }
    const found = this.#powers.get(normalised)
    return found && { ...found }
  }
}
