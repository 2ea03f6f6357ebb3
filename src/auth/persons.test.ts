/**
 * Applicants' accounts on both backends: IIN checks, registration, sign-in with lock-out,
 * sessions (idle and absolute expiry, hash-only storage) kept apart from staff sessions, and the
 * replacement of an account's credentials when its IIN's owner claims it.
 */
import { describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  binCheckDigit,
  createOrganisation,
  createUser,
  endPersonSession,
  findPersonByIin,
  LOCKOUT_MS,
  login,
  loginPerson,
  normaliseIin,
  openPersonSession,
  personById,
  personSessionFromToken,
  registerPerson,
  replacePersonCredentials,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionFromToken,
} from './index.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const MINUTE = 60 * 1000

/** A valid IIN for the n-th test person: born 1990-01-01, serial n, its check digit. */
function validIin(n: number): string {
  for (let serial = n; ; serial += 10_000) {
    const first11 = `9001013${String(serial % 10_000).padStart(4, '0')}`
    const check = binCheckDigit(first11)
    if (check >= 0) return `${first11}${check}`
  }
}

describe('normaliseIin', () => {
  it('accepts 12 digits with the right check digit, spaces ignored', () => {
    expect(normaliseIin('900101 300017')).toBe('900101300017')
    expect(normaliseIin(' 880101300010 ')).toBe('880101300010')
    // The first weighted sum is 10 here, so the check digit comes from the second weights.
    expect(binCheckDigit('90010130081')).toBe(1)
    expect(normaliseIin('900101300811')).toBe('900101300811')
  })

  it('refuses what is not 12 digits', () => {
    for (const value of [
      '',
      '90010130001',
      '9001013000170',
      '90010130001a',
      '９００１０１３０００１７',
    ]) {
      expect(() => normaliseIin(value)).toThrowError(
        expect.objectContaining({ code: 'input.invalid', messageKey: 'persons.error.iin' }),
      )
    }
  })

  it('refuses a mistyped digit, two swapped digits and a number no check digit fits', () => {
    // 900101300800: both weighted sums are 10, so no IIN starts with these 11 digits.
    expect(binCheckDigit('90010130080')).toBe(-1)
    for (const value of ['900101300018', '900101300071', '090101300017', '900101300800']) {
      expect(() => normaliseIin(value)).toThrowError(
        expect.objectContaining({ messageKey: 'persons.error.iinCheck', params: { value } }),
      )
    }
  })
})

describe.each(BACKENDS)('applicants (persons) [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let counter = 0
  const nextIin = () => validIin(++counter)

  async function person(overrides: { email?: string | null; name?: string } = {}) {
    const iin = nextIin()
    const registered = await registerPerson(db(), {
      iin,
      name: overrides.name ?? 'Айгүл Серікқызы',
      email: overrides.email,
      password: PASSWORD,
    })
    return { iin, person: registered }
  }

  async function failedLogins(personId: number) {
    const row = await db()
      .selectFrom('auth_person')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
    return { failed: row.failed_logins, lockedUntil: row.locked_until }
  }

  describe('registration', () => {
    it('stores the IIN without spaces, the name tidied and the e-mail lower-case', async () => {
      const iin = nextIin()
      const spaced = `${iin.slice(0, 6)} ${iin.slice(6)}`
      const registered = await registerPerson(db(), {
        iin: spaced,
        name: '  Ерлан   Асқарұлы ',
        email: ' Erlan@Mail.KZ ',
        password: PASSWORD,
      })
      expect(registered).toEqual({
        personId: expect.any(Number),
        iin,
        name: 'Ерлан Асқарұлы',
        email: 'erlan@mail.kz',
      })
      expect(await personById(db(), registered.personId)).toEqual(registered)
      expect(await findPersonByIin(db(), spaced)).toEqual(registered)
      expect(await findPersonByIin(db(), '123')).toBeUndefined()
      expect(await personById(db(), 0)).toBeUndefined()
      const row = await db()
        .selectFrom('auth_person')
        .selectAll()
        .where('id', '=', registered.personId)
        .executeTakeFirstOrThrow()
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
      expect(row.password_hash).not.toContain(PASSWORD)
      expect(row).toMatchObject({ failed_logins: 0, locked_until: null, disabled: 0 })
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT/)
    })

    it('takes no e-mail address as none', async () => {
      for (const email of [undefined, null, '', '   ']) {
        const { person: p } = await person({ email })
        expect(p.email).toBeNull()
      }
    })

    it('refuses an IIN registered already, with or without spaces', async () => {
      const { iin } = await person()
      for (const again of [iin, `${iin.slice(0, 4)} ${iin.slice(4)}`]) {
        await expect(
          registerPerson(db(), { iin: again, name: 'Басқа адам', password: PASSWORD }),
        ).rejects.toMatchObject({
          code: 'conflict',
          messageKey: 'persons.error.iinTaken',
          params: { iin },
        })
      }
    })

    it('lets only one of two registrations of the same IIN at once through', async () => {
      const iin = nextIin()
      const results = await Promise.allSettled(
        ['Бірінші', 'Екінші'].map((name) =>
          registerPerson(db(), { iin, name, password: PASSWORD }),
        ),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = results.find((r) => r.status === 'rejected')
      expect((refused as PromiseRejectedResult).reason).toMatchObject({
        messageKey: 'persons.error.iinTaken',
      })
      const rows = await db()
        .selectFrom('auth_person')
        .select('id')
        .where('iin', '=', iin)
        .execute()
      expect(rows).toHaveLength(1)
    })

    it('refuses a bad IIN, name, e-mail or password with a message key, and stores nothing', async () => {
      const iin = nextIin()
      const base = { iin, name: 'Айгүл', password: PASSWORD }
      const cases: [Parameters<typeof registerPerson>[1], string][] = [
        [{ ...base, iin: '12345' }, 'persons.error.iin'],
        [
          { ...base, iin: `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}` },
          'persons.error.iinCheck',
        ],
        [{ ...base, name: '   ' }, 'persons.error.name'],
        [{ ...base, name: 'а'.repeat(301) }, 'persons.error.name'],
        [{ ...base, email: 'not an address' }, 'auth.error.email'],
        [{ ...base, password: 'short' }, 'auth.error.passwordShort'],
        [{ ...base, password: 'x'.repeat(1025) }, 'auth.error.passwordLong'],
        [{ ...base, password: iin }, 'persons.error.passwordIsIin'],
        [{ ...base, password: ` ${iin} ` }, 'persons.error.passwordIsIin'],
        [
          { ...base, email: 'aigul.serikkyzy@mail.kz', password: 'Aigul.Serikkyzy@mail.kz' },
          'auth.error.passwordIsEmail',
        ],
      ]
      for (const [input, key] of cases) {
        await expect(registerPerson(db(), input), key).rejects.toMatchObject({
          code: 'input.invalid',
          messageKey: key,
        })
      }
      expect(await findPersonByIin(db(), iin)).toBeUndefined()
      // A twelve-character password is enough without an e-mail address.
      const ok = await registerPerson(db(), { ...base, password: 'жыл 2026 жыл' })
      expect(ok.iin).toBe(iin)
    })
  })

  describe('sign-in and lock-out', () => {
    it('signs in with the IIN (spaces ignored) and answers every wrong case the same', async () => {
      const { iin, person: p } = await person()
      const ok = await loginPerson(db(), {
        iin: ` ${iin.slice(0, 6)} ${iin.slice(6)}`,
        password: PASSWORD,
        userAgent: 'test',
      })
      expect(ok.ok).toBe(true)
      if (!ok.ok) return
      expect(ok.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(ok.session.person).toEqual(p)
      expect(ok.session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const invalid = { ok: false, reason: 'invalid' }
      expect(await loginPerson(db(), { iin, password: `${PASSWORD}!` })).toEqual(invalid)
      expect(await loginPerson(db(), { iin: nextIin(), password: PASSWORD })).toEqual(invalid)
      expect(await loginPerson(db(), { iin: 'not an IIN', password: PASSWORD })).toEqual(invalid)
      expect(await loginPerson(db(), { iin: '', password: '' })).toEqual(invalid)
    })

    it('locks after 5 failures for 15 minutes, even against the right password, then lets in', async () => {
      const { iin, person: p } = await person()
      const t0 = new Date('2026-11-26T10:00:00.000Z')
      for (let i = 1; i <= 4; i++) {
        const result = await loginPerson(db(), { iin, password: 'wrong password!', now: t0 })
        expect(result).toEqual({ ok: false, reason: 'invalid' })
        expect((await failedLogins(p.personId)).failed).toBe(i)
      }
      const fifth = await loginPerson(db(), { iin, password: 'wrong password!', now: t0 })
      const until = new Date(t0.getTime() + LOCKOUT_MS).toISOString()
      expect(fifth).toEqual({ ok: false, reason: 'locked', lockedUntil: until })
      const during = new Date(t0.getTime() + LOCKOUT_MS - 1000)
      expect(await loginPerson(db(), { iin, password: PASSWORD, now: during })).toEqual({
        ok: false,
        reason: 'locked',
        lockedUntil: until,
      })
      const after = new Date(t0.getTime() + LOCKOUT_MS + 1000)
      expect((await loginPerson(db(), { iin, password: PASSWORD, now: after })).ok).toBe(true)
      expect(await failedLogins(p.personId)).toEqual({ failed: 0, lockedUntil: null })
    })

    it('resets the failure count on success', async () => {
      const { iin, person: p } = await person()
      for (let i = 0; i < 4; i++) await loginPerson(db(), { iin, password: 'nope nope nope' })
      expect((await loginPerson(db(), { iin, password: PASSWORD })).ok).toBe(true)
      expect((await failedLogins(p.personId)).failed).toBe(0)
      for (let i = 0; i < 4; i++) await loginPerson(db(), { iin, password: 'nope nope nope' })
      expect((await loginPerson(db(), { iin, password: PASSWORD })).ok).toBe(true)
    })

    it('counts failures made at the same moment without losing any', async () => {
      const { iin, person: p } = await person()
      await Promise.all(
        [1, 2, 3].map(() => loginPerson(db(), { iin, password: 'wrong password!' })),
      )
      expect((await failedLogins(p.personId)).failed).toBe(3)
    })

    it('refuses a disabled account like a wrong password and ends its sessions', async () => {
      const { iin, person: p } = await person()
      const ok = await loginPerson(db(), { iin, password: PASSWORD })
      if (!ok.ok) throw new Error('sign-in failed')
      await db()
        .updateTable('auth_person')
        .set({ disabled: 1 })
        .where('id', '=', p.personId)
        .execute()
      expect(await loginPerson(db(), { iin, password: PASSWORD })).toEqual({
        ok: false,
        reason: 'invalid',
      })
      expect(await personSessionFromToken(db(), ok.token)).toBeUndefined()
      const left = await db()
        .selectFrom('auth_person_session')
        .select('id')
        .where('person_id', '=', p.personId)
        .execute()
      expect(left).toEqual([])
    })
  })

  describe('sessions', () => {
    it('stores only the hash of the token and ends at sign-out', async () => {
      const { iin, person: p } = await person()
      const result = await loginPerson(db(), { iin, password: PASSWORD, userAgent: 'test' })
      if (!result.ok) throw new Error('sign-in failed')
      const stored = await db()
        .selectFrom('auth_person_session')
        .select(['id', 'user_agent'])
        .where('person_id', '=', p.personId)
        .execute()
      expect(stored).toEqual([{ id: result.session.id, user_agent: 'test' }])
      expect(result.session.id).not.toBe(result.token)
      expect(result.session.id).toMatch(/^[0-9a-f]{64}$/)
      const found = await personSessionFromToken(db(), result.token)
      expect(found?.person).toEqual(p)
      expect(found?.csrfToken).toBe(result.session.csrfToken)
      await endPersonSession(db(), result.token)
      expect(await personSessionFromToken(db(), result.token)).toBeUndefined()
      expect(await personSessionFromToken(db(), 'made-up')).toBeUndefined()
      expect(await personSessionFromToken(db(), '')).toBeUndefined()
    })

    it('ends after 2 hours idle, and is kept alive by use', async () => {
      const { person: p } = await person()
      const t0 = new Date('2026-11-26T08:00:00.000Z')
      const at = (ms: number) => new Date(t0.getTime() + ms)
      const { token } = await openPersonSession(db(), p, { now: t0 })
      expect(await personSessionFromToken(db(), token, at(SESSION_IDLE_MS - MINUTE))).toBeDefined()
      // Used at 1:59, so idle from then: still alive at 3:58.
      expect(
        await personSessionFromToken(db(), token, at(2 * SESSION_IDLE_MS - 2 * MINUTE)),
      ).toBeDefined()
      expect(await personSessionFromToken(db(), token, at(4 * SESSION_IDLE_MS))).toBeUndefined()
      // Expired sessions are deleted, not just refused.
      expect(
        await personSessionFromToken(db(), token, at(SESSION_IDLE_MS - 2 * MINUTE)),
      ).toBeUndefined()
    })

    it('ends 12 hours after sign-in however much it is used', async () => {
      const { person: p } = await person()
      const t0 = new Date('2026-11-26T08:00:00.000Z')
      const { token } = await openPersonSession(db(), p, { now: t0 })
      for (let h = 1; h < 12; h++) {
        expect(
          await personSessionFromToken(db(), token, new Date(t0.getTime() + h * 3600_000)),
        ).toBeDefined()
      }
      expect(
        await personSessionFromToken(db(), token, new Date(t0.getTime() + SESSION_ABSOLUTE_MS)),
      ).toBeUndefined()
    })

    it('deletes run-out sessions of everyone when a session is opened', async () => {
      const { person: p } = await person()
      const t0 = new Date('2026-11-20T08:00:00.000Z')
      const { session: old } = await openPersonSession(db(), p, { now: t0 })
      await openPersonSession(db(), p, { now: new Date(t0.getTime() + SESSION_ABSOLUTE_MS) })
      const ids = await db().selectFrom('auth_person_session').select('id').execute()
      expect(ids.map((r) => r.id)).not.toContain(old.id)
    })

    it('keeps applicant and staff sessions apart: neither token opens the other kind', async () => {
      const { iin } = await person()
      const organisation = await createOrganisation(db(), {
        kind: 'service-centre',
        nameKk: 'Халыққа қызмет көрсету орталығы',
        nameRu: 'Центр обслуживания населения',
      })
      const email = `operator${counter}@hkko.example.kz`
      await createUser(db(), {
        email,
        name: 'Оператор',
        organisationId: organisation.id,
        roles: ['operator'],
        password: PASSWORD,
      })
      const staff = await login(db(), { email, password: PASSWORD })
      const applicant = await loginPerson(db(), { iin, password: PASSWORD })
      if (!staff.ok || !applicant.ok) throw new Error('sign-in failed')
      expect(await personSessionFromToken(db(), staff.token)).toBeUndefined()
      expect(await sessionFromToken(db(), applicant.token)).toBeUndefined()
      expect(await sessionFromToken(db(), staff.token)).toBeDefined()
      expect(await personSessionFromToken(db(), applicant.token)).toBeDefined()
    })

    it('goes with its person: deleting the account deletes its sessions', async () => {
      const { iin, person: p } = await person()
      const result = await loginPerson(db(), { iin, password: PASSWORD })
      if (!result.ok) throw new Error('sign-in failed')
      await db().deleteFrom('auth_person').where('id', '=', p.personId).execute()
      const left = await db()
        .selectFrom('auth_person_session')
        .select('id')
        .where('person_id', '=', p.personId)
        .execute()
      expect(left).toEqual([])
    })
  })

  describe('replacing the credentials (the IIN owner claims the account)', () => {
    const NEW_PASSWORD = 'менің өз құпия сөзім 2026'

    async function row(personId: number) {
      return db()
        .selectFrom('auth_person')
        .selectAll()
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
    }

    async function sessionsOf(personId: number) {
      return db()
        .selectFrom('auth_person_session')
        .select('id')
        .where('person_id', '=', personId)
        .execute()
    }

    it('sets the name, e-mail and password, clears the lock-out and ends every session', async () => {
      const { iin, person: squatter } = await person({ name: 'Басқа адам', email: 'x@mail.kz' })
      const bystander = await person()
      const first = await loginPerson(db(), { iin, password: PASSWORD })
      const second = await loginPerson(db(), { iin, password: PASSWORD })
      const other = await loginPerson(db(), { iin: bystander.iin, password: PASSWORD })
      if (!first.ok || !second.ok || !other.ok) throw new Error('sign-in failed')
      const t0 = new Date()
      for (let i = 0; i < 5; i++) {
        await loginPerson(db(), { iin, password: 'wrong password!', now: t0 })
      }
      const before = await row(squatter.personId)
      expect(before.locked_until).not.toBeNull()

      const replaced = await replacePersonCredentials(db(), ` ${iin.slice(0, 6)} ${iin.slice(6)}`, {
        name: '  Айгүл   Серікқызы ',
        email: ' Aigul@Mail.KZ ',
        password: NEW_PASSWORD,
      })
      expect(replaced).toEqual({
        personId: squatter.personId,
        iin,
        name: 'Айгүл Серікқызы',
        email: 'aigul@mail.kz',
        disabled: false,
      })
      const after = await row(squatter.personId)
      expect(after).toMatchObject({
        iin,
        name: 'Айгүл Серікқызы',
        email: 'aigul@mail.kz',
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        created_at: before.created_at,
      })
      expect(after.password_hash).not.toBe(before.password_hash)
      expect(after.password_hash).not.toContain(NEW_PASSWORD)
      expect(await sessionsOf(squatter.personId)).toEqual([])
      expect(await personSessionFromToken(db(), first.token)).toBeUndefined()
      expect(await personSessionFromToken(db(), second.token)).toBeUndefined()
      // Someone else's session is not touched.
      expect(await personSessionFromToken(db(), other.token)).toBeDefined()
      expect(await loginPerson(db(), { iin, password: PASSWORD })).toEqual({
        ok: false,
        reason: 'invalid',
      })
      const owner = await loginPerson(db(), { iin, password: NEW_PASSWORD })
      expect(owner.ok && owner.session.person).toEqual({
        personId: squatter.personId,
        iin,
        name: 'Айгүл Серікқызы',
        email: 'aigul@mail.kz',
      })
    })

    it('removes the e-mail address given before when none is given', async () => {
      for (const email of [undefined, null, '', '  ']) {
        const { iin, person: p } = await person({ email: 'squatter@mail.kz' })
        const replaced = await replacePersonCredentials(db(), iin, {
          name: 'Айгүл',
          email,
          password: NEW_PASSWORD,
        })
        expect(replaced.email).toBeNull()
        expect((await row(p.personId)).email).toBeNull()
      }
    })

    it('refuses what registration refuses, and changes nothing', async () => {
      const { iin, person: p } = await person({ name: 'Басқа адам' })
      const session = await loginPerson(db(), { iin, password: PASSWORD })
      if (!session.ok) throw new Error('sign-in failed')
      const before = await row(p.personId)
      const base = { name: 'Айгүл', password: NEW_PASSWORD }
      const cases: [string, Parameters<typeof replacePersonCredentials>[2], string][] = [
        [iin, { ...base, name: '  ' }, 'persons.error.name'],
        [iin, { ...base, email: 'not an address' }, 'auth.error.email'],
        [iin, { ...base, password: 'short' }, 'auth.error.passwordShort'],
        [iin, { ...base, password: ` ${iin} ` }, 'persons.error.passwordIsIin'],
        [
          iin,
          { ...base, email: 'aigul.serikkyzy@mail.kz', password: 'AIGUL.SERIKKYZY@MAIL.KZ' },
          'auth.error.passwordIsEmail',
        ],
        ['12345', base, 'persons.error.iin'],
        [`${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`, base, 'persons.error.iinCheck'],
      ]
      for (const [target, credentials, key] of cases) {
        await expect(
          replacePersonCredentials(db(), target, credentials),
          key,
        ).rejects.toMatchObject({ code: 'input.invalid', messageKey: key })
      }
      expect(await row(p.personId)).toEqual(before)
      expect(await personSessionFromToken(db(), session.token)).toBeDefined()
    })

    it('answers an IIN nobody registered with persons.error.notFound', async () => {
      const iin = nextIin()
      await expect(
        replacePersonCredentials(db(), iin, { name: 'Айгүл', password: NEW_PASSWORD }),
      ).rejects.toMatchObject({
        code: 'not_found',
        messageKey: 'persons.error.notFound',
        params: { iin },
      })
      expect(await findPersonByIin(db(), iin)).toBeUndefined()
    })

    it('keeps a disabled account disabled, and says so', async () => {
      const { iin, person: p } = await person()
      await db()
        .updateTable('auth_person')
        .set({ disabled: 1 })
        .where('id', '=', p.personId)
        .execute()
      const replaced = await replacePersonCredentials(db(), iin, {
        name: 'Айгүл',
        password: NEW_PASSWORD,
      })
      expect(replaced.disabled).toBe(true)
      expect((await row(p.personId)).disabled).toBe(1)
      expect(await loginPerson(db(), { iin, password: NEW_PASSWORD })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    })

    it("is one transaction: inside the caller's, a rollback undoes it all", async () => {
      const { iin, person: p } = await person({ name: 'Басқа адам' })
      const session = await loginPerson(db(), { iin, password: PASSWORD })
      if (!session.ok) throw new Error('sign-in failed')
      const before = await row(p.personId)
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            await replacePersonCredentials(trx, iin, { name: 'Айгүл', password: NEW_PASSWORD })
            expect(await trx.selectFrom('auth_person_session').select('id').execute()).toEqual(
              expect.not.arrayContaining([{ id: session.session.id }]),
            )
            throw new Error('rolled back')
          }),
      ).rejects.toThrow('rolled back')
      expect(await row(p.personId)).toEqual(before)
      expect(await personSessionFromToken(db(), session.token)).toBeDefined()
    })
  })
})
