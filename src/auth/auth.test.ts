/**
 * Storage tests of the auth module on both backends: organisations, users, sign-in with
 * lock-out, sessions (idle and absolute expiry), one-time activation tokens.
 */
import { describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  actorFor,
  bootstrap,
  changePassword,
  checkPasswordSetupToken,
  createOrganisation,
  createPasswordSetupToken,
  createUser,
  endSession,
  findOrganisationByBin,
  findUserByEmail,
  getOrganisation,
  hasRole,
  LOCKOUT_MS,
  listOrganisations,
  listUsers,
  login,
  ORGANISATION_KINDS,
  type OrganisationKind,
  openSession,
  PASSWORD_TOKEN_TTL_MS,
  ROLES,
  roleAllowedIn,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionFromToken,
  unlockUser,
  usePasswordSetupToken,
  userById,
} from './index.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const MINUTE = 60 * 1000

describe.each(BACKENDS)('auth storage [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let emailCounter = 0
  const email = () => `user${++emailCounter}@akimat.example.kz`

  async function organisation() {
    return createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Аудан әкімдігі',
      nameRu: 'Акимат района',
    })
  }

  async function userWithPassword(roles: ('editor' | 'reader' | 'admin')[] = ['editor']) {
    const org = await organisation()
    const address = email()
    const { userId } = await createUser(db(), {
      email: address,
      name: 'Айгүл Серікқызы',
      organisationId: org.id,
      roles,
      password: PASSWORD,
    })
    return { userId, email: address, org }
  }

  describe('organisations', () => {
    it('creates, reads and finds an organisation by BIN', async () => {
      const created = await createOrganisation(db(), {
        kind: 'state-body',
        nameKk: '  Қаржы   министрлігі ',
        nameRu: 'Министерство финансов',
        bin: '9405 4000 0121',
        email: 'Info@Minfin.gov.kz',
      })
      expect(created).toMatchObject({
        kind: 'state-body',
        nameKk: 'Қаржы министрлігі',
        bin: '940540000121',
        level: null,
        email: 'info@minfin.gov.kz',
      })
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(await getOrganisation(db(), created.id)).toEqual(created)
      expect(await findOrganisationByBin(db(), '940540000121')).toEqual(created)
      expect(await findOrganisationByBin(db(), '000000000000')).toBeUndefined()
      expect((await listOrganisations(db())).map((o) => o.id)).toContain(created.id)
    })

    it('refuses a second organisation with the same BIN', async () => {
      const input = { kind: 'quasi-public', nameKk: 'А', nameRu: 'А', bin: '111111111110' } as const
      await createOrganisation(db(), input)
      await expect(createOrganisation(db(), input)).rejects.toMatchObject({
        code: 'conflict',
        messageKey: 'auth.error.binTaken',
      })
    })

    it('checks kind, level and BIN', async () => {
      const base = { nameKk: 'А', nameRu: 'А' }
      await expect(
        createOrganisation(db(), { ...base, kind: 'local-executive-body' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.level' })
      await expect(
        createOrganisation(db(), { ...base, kind: 'state-body', level: 'region' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.levelOnlyLocal' })
      await expect(
        createOrganisation(db(), { ...base, kind: 'state-body', bin: '12345' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.bin' })
      // One mistyped digit, and two neighbours swapped: the check digit no longer matches.
      for (const bin of ['123456789012', '123456789103', '213456789013']) {
        await expect(
          createOrganisation(db(), { ...base, kind: 'state-body', bin }),
        ).rejects.toMatchObject({ messageKey: 'auth.error.binCheck' })
      }
      await expect(
        // biome-ignore lint/suspicious/noExplicitAny: a wrong kind from outside
        createOrganisation(db(), { ...base, kind: 'ministry' as any }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.kind' })
      await expect(
        createOrganisation(db(), { nameKk: ' ', nameRu: 'А', kind: 'state-body' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.organisationName' })
    })
  })

  describe('users', () => {
    it('holds each role only in the organisation kinds that have it', async () => {
      // reviewer: the service integrator; operator: all but the authorised body; signer: the
      // providers whose authorised person signs results.
      const expected: Record<string, OrganisationKind[]> = {
        reviewer: ['service-integrator'],
        operator: ORGANISATION_KINDS.filter((k) => k !== 'authorised-body'),
        signer: ['state-body', 'local-executive-body', 'state-legal-entity'],
        editor: [...ORGANISATION_KINDS],
        admin: [...ORGANISATION_KINDS],
        reader: [...ORGANISATION_KINDS],
      }
      expect(Object.keys(expected).sort()).toEqual([...ROLES].sort())
      for (const kind of ORGANISATION_KINDS) {
        const org = await createOrganisation(db(), {
          kind,
          level: kind === 'local-executive-body' ? 'rural' : null,
          nameKk: `Ұйым ${kind}`,
          nameRu: `Организация ${kind}`,
        })
        for (const role of ROLES) {
          const allowed = expected[role]!.includes(kind)
          expect(roleAllowedIn(role, kind), `${role} in ${kind}`).toBe(allowed)
          const created = createUser(db(), {
            email: email(),
            name: 'Рөл',
            organisationId: org.id,
            roles: ['reader', role],
          })
          if (allowed) await expect(created, `${role} in ${kind}`).resolves.toBeDefined()
          else {
            await expect(created, `${role} in ${kind}`).rejects.toMatchObject({
              code: 'input.invalid',
            })
          }
        }
      }
    })

    it('stores the e-mail lower-case and refuses it again in any case', async () => {
      const org = await organisation()
      const { userId } = await createUser(db(), {
        email: '  Aigul.S@Akimat.KZ ',
        name: 'Айгүл',
        organisationId: org.id,
        roles: ['editor', 'reader', 'editor'],
      })
      const user = await userById(db(), userId)
      expect(user).toMatchObject({
        email: 'aigul.s@akimat.kz',
        hasPassword: false,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
      })
      expect(user?.memberships).toEqual([
        { organisationId: org.id, role: 'editor' },
        { organisationId: org.id, role: 'reader' },
      ])
      await expect(
        createUser(db(), {
          email: 'AIGUL.S@akimat.kz',
          name: 'Другая',
          organisationId: org.id,
          roles: ['reader'],
        }),
      ).rejects.toMatchObject({ code: 'conflict', messageKey: 'auth.error.emailTaken' })
      expect((await findUserByEmail(db(), 'AiGuL.s@AKIMAT.kz'))?.id).toBe(userId)
      expect((await listUsers(db())).filter((u) => u.email === 'aigul.s@akimat.kz')).toHaveLength(1)
    })

    it('gives the reviewer role only in a service-integrator organisation', async () => {
      const org = await organisation()
      await expect(
        createUser(db(), {
          email: email(),
          name: 'X',
          organisationId: org.id,
          roles: ['reviewer'],
        }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.reviewerOnlyIntegrator' })
      const integrator = await createOrganisation(db(), {
        kind: 'service-integrator',
        nameKk: 'СИ',
        nameRu: 'СИ',
      })
      const { userId } = await createUser(db(), {
        email: email(),
        name: 'X',
        organisationId: integrator.id,
        roles: ['reviewer'],
      })
      const actor = await actorFor(db(), userId)
      expect(actor?.organisation.id).toBe(integrator.id)
      expect(actor && hasRole(actor, 'reviewer')).toBe(true)
      expect(actor && hasRole(actor, 'editor')).toBe(false)
    })

    it('refuses an unknown organisation, no role, a bad e-mail or a weak password', async () => {
      const org = await organisation()
      const base = { email: email(), name: 'X', organisationId: org.id }
      await expect(
        createUser(db(), { ...base, organisationId: 999999, roles: ['editor'] }),
      ).rejects.toMatchObject({ code: 'not_found' })
      await expect(createUser(db(), { ...base, roles: [] })).rejects.toMatchObject({
        messageKey: 'auth.error.noRole',
      })
      await expect(
        createUser(db(), { ...base, email: 'not-an-email', roles: ['editor'] }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.email' })
      await expect(
        createUser(db(), { ...base, roles: ['editor'], password: 'short' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.passwordShort' })
      expect(await findUserByEmail(db(), base.email)).toBeUndefined()
    })

    it('makes an actor for the organisation with its roles, and none for another', async () => {
      const { userId, org } = await userWithPassword(['editor', 'reader'])
      const actor = await actorFor(db(), userId)
      expect(actor).toMatchObject({ userId, name: 'Айгүл Серікқызы', organisation: { id: org.id } })
      expect([...(actor?.roles ?? [])].sort()).toEqual(['editor', 'reader'])
      const other = await organisation()
      expect(await actorFor(db(), userId, other.id)).toBeUndefined()
      expect(await actorFor(db(), 999999)).toBeUndefined()
    })
  })

  describe('sign-in and lock-out', () => {
    it('signs in with the right password in any e-mail case and gives the same answer otherwise', async () => {
      const { email: address, userId } = await userWithPassword()
      const ok = await login(db(), { email: address.toUpperCase(), password: PASSWORD })
      expect(ok.ok).toBe(true)
      if (!ok.ok) return
      expect(ok.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(ok.session.id).not.toBe(ok.token)
      expect(ok.session.actor.userId).toBe(userId)
      expect(await login(db(), { email: address, password: `${PASSWORD}!` })).toEqual({
        ok: false,
        reason: 'invalid',
      })
      expect(await login(db(), { email: 'nobody@akimat.example.kz', password: PASSWORD })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    })

    it('refuses a user who has not set a password yet, like a wrong one', async () => {
      const org = await organisation()
      const address = email()
      await createUser(db(), {
        email: address,
        name: 'X',
        organisationId: org.id,
        roles: ['reader'],
      })
      expect(await login(db(), { email: address, password: '' })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    })

    it('locks after 5 failures for 15 minutes, even against the right password, then lets in', async () => {
      const { email: address, userId } = await userWithPassword()
      const t0 = new Date('2026-11-26T10:00:00.000Z')
      for (let i = 1; i <= 4; i++) {
        const result = await login(db(), { email: address, password: 'wrong password!', now: t0 })
        expect(result).toEqual({ ok: false, reason: 'invalid' })
        expect((await userById(db(), userId))?.failedLogins).toBe(i)
      }
      const fifth = await login(db(), { email: address, password: 'wrong password!', now: t0 })
      const until = new Date(t0.getTime() + LOCKOUT_MS).toISOString()
      expect(fifth).toEqual({ ok: false, reason: 'locked', lockedUntil: until })
      const during = new Date(t0.getTime() + LOCKOUT_MS - 1000)
      expect(await login(db(), { email: address, password: PASSWORD, now: during })).toEqual({
        ok: false,
        reason: 'locked',
        lockedUntil: until,
      })
      const after = new Date(t0.getTime() + LOCKOUT_MS + 1000)
      const ok = await login(db(), { email: address, password: PASSWORD, now: after })
      expect(ok.ok).toBe(true)
      expect(await userById(db(), userId)).toMatchObject({ failedLogins: 0, lockedUntil: null })
    })

    it('resets the failure count on success', async () => {
      const { email: address, userId } = await userWithPassword()
      for (let i = 0; i < 4; i++) await login(db(), { email: address, password: 'nope nope nope' })
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(true)
      expect((await userById(db(), userId))?.failedLogins).toBe(0)
      for (let i = 0; i < 4; i++) await login(db(), { email: address, password: 'nope nope nope' })
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(true)
    })

    it('unlocks on demand', async () => {
      const { email: address } = await userWithPassword()
      for (let i = 0; i < 5; i++) await login(db(), { email: address, password: 'nope nope nope' })
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(false)
      await unlockUser(db(), address.toUpperCase())
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(true)
      await expect(unlockUser(db(), 'nobody@x.kz')).rejects.toMatchObject({ code: 'not_found' })
    })
  })

  describe('sessions', () => {
    it('stores only the hash of the token and ends at sign-out', async () => {
      const { email: address } = await userWithPassword()
      const result = await login(db(), { email: address, password: PASSWORD, userAgent: 'test' })
      if (!result.ok) throw new Error('sign-in failed')
      const stored = await db().selectFrom('auth_session').select('id').execute()
      expect(stored.map((s) => s.id)).not.toContain(result.token)
      expect(stored.map((s) => s.id)).toContain(result.session.id)
      const found = await sessionFromToken(db(), result.token)
      expect(found?.actor.email).toBe(address)
      expect(found?.csrfToken).toBe(result.session.csrfToken)
      await endSession(db(), result.token)
      expect(await sessionFromToken(db(), result.token)).toBeUndefined()
      expect(await sessionFromToken(db(), 'made-up')).toBeUndefined()
    })

    it('ends after 2 hours idle, and is kept alive by use', async () => {
      const { userId } = await userWithPassword()
      const actor = (await actorFor(db(), userId))!
      const t0 = new Date('2026-11-26T08:00:00.000Z')
      const at = (ms: number) => new Date(t0.getTime() + ms)
      const { token } = await openSession(db(), actor, { now: t0 })
      expect(await sessionFromToken(db(), token, at(SESSION_IDLE_MS - MINUTE))).toBeDefined()
      // Used at 1:59, so idle from then: still alive at 3:58.
      expect(
        await sessionFromToken(db(), token, at(2 * SESSION_IDLE_MS - 2 * MINUTE)),
      ).toBeDefined()
      expect(await sessionFromToken(db(), token, at(4 * SESSION_IDLE_MS))).toBeUndefined()
      // Expired sessions are deleted, not just refused.
      expect(await sessionFromToken(db(), token, at(SESSION_IDLE_MS - 2 * MINUTE))).toBeUndefined()
    })

    it('ends 12 hours after sign-in however much it is used', async () => {
      const { userId } = await userWithPassword()
      const actor = (await actorFor(db(), userId))!
      const t0 = new Date('2026-11-26T08:00:00.000Z')
      const { token } = await openSession(db(), actor, { now: t0 })
      for (let h = 1; h < 12; h++) {
        expect(
          await sessionFromToken(db(), token, new Date(t0.getTime() + h * 3600_000)),
        ).toBeDefined()
      }
      expect(
        await sessionFromToken(db(), token, new Date(t0.getTime() + SESSION_ABSOLUTE_MS)),
      ).toBeUndefined()
    })

    it('ends other sessions when the password is changed', async () => {
      const { email: address, userId } = await userWithPassword()
      const a = await login(db(), { email: address, password: PASSWORD })
      const b = await login(db(), { email: address, password: PASSWORD })
      if (!a.ok || !b.ok) throw new Error('sign-in failed')
      await expect(
        changePassword(db(), { userId, current: 'wrong one!!!!', next: 'новый пароль 2026' }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.currentPassword' })
      await changePassword(db(), {
        userId,
        current: PASSWORD,
        next: 'новый пароль 2026',
        keepSessionId: a.session.id,
      })
      expect(await sessionFromToken(db(), a.token)).toBeDefined()
      expect(await sessionFromToken(db(), b.token)).toBeUndefined()
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(false)
      expect((await login(db(), { email: address, password: 'новый пароль 2026' })).ok).toBe(true)
    })
  })

  describe('activation tokens', () => {
    it('sets the password once, stores only the hash, and refuses the token again', async () => {
      const org = await organisation()
      const address = email()
      const { userId } = await createUser(db(), {
        email: address,
        name: 'X',
        organisationId: org.id,
        roles: ['editor'],
      })
      const token = await createPasswordSetupToken(db(), userId)
      const rows = await db().selectFrom('auth_password_token').selectAll().execute()
      expect(rows.map((r) => r.hash)).not.toContain(token)
      expect((await checkPasswordSetupToken(db(), token)).email).toBe(address)
      await expect(usePasswordSetupToken(db(), token, 'short')).rejects.toMatchObject({
        messageKey: 'auth.error.passwordShort',
      })
      // A refused password does not use the token up.
      expect(await usePasswordSetupToken(db(), token, PASSWORD)).toBe(userId)
      expect((await login(db(), { email: address, password: PASSWORD })).ok).toBe(true)
      await expect(usePasswordSetupToken(db(), token, 'another password 1')).rejects.toMatchObject({
        status: 400,
        messageKey: 'auth.activate.used',
      })
      await expect(checkPasswordSetupToken(db(), 'unknown-token')).rejects.toMatchObject({
        status: 404,
        messageKey: 'auth.activate.unknown',
      })
    })

    it('expires after 72 hours, and a newer link cancels the older one', async () => {
      const { userId } = await userWithPassword()
      const t0 = new Date('2026-11-26T08:00:00.000Z')
      const token = await createPasswordSetupToken(db(), userId, t0)
      const justBefore = new Date(t0.getTime() + PASSWORD_TOKEN_TTL_MS - 1000)
      expect((await checkPasswordSetupToken(db(), token, justBefore)).id).toBe(userId)
      const at = new Date(t0.getTime() + PASSWORD_TOKEN_TTL_MS)
      await expect(usePasswordSetupToken(db(), token, PASSWORD, at)).rejects.toMatchObject({
        status: 400,
        messageKey: 'auth.activate.expired',
      })
      const newer = await createPasswordSetupToken(db(), userId, t0)
      await expect(checkPasswordSetupToken(db(), token, t0)).rejects.toMatchObject({ status: 404 })
      expect((await checkPasswordSetupToken(db(), newer, t0)).id).toBe(userId)
    })
  })

  describe('bootstrap on an empty database', () => {
    const fresh = useTestDatabase(backend)

    it('creates the two organisations and the administrator once', async () => {
      const result = await bootstrap(fresh().db, { email: 'Admin@Mdai.gov.kz' })
      expect(result.serviceIntegrator).toMatchObject({
        kind: 'service-integrator',
        nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
        nameRu: 'АО «Национальные информационные технологии»',
      })
      expect(result.authorisedBody.kind).toBe('authorised-body')
      expect(result.created).toHaveLength(2)
      const actor = await actorFor(fresh().db, result.userId)
      expect(actor).toMatchObject({
        email: 'admin@mdai.gov.kz',
        roles: ['admin'],
        organisation: { id: result.authorisedBody.id },
      })
      expect((await checkPasswordSetupToken(fresh().db, result.token)).id).toBe(result.userId)
      await expect(bootstrap(fresh().db, { email: 'second@mdai.gov.kz' })).rejects.toMatchObject({
        code: 'conflict',
        messageKey: 'auth.error.bootstrapDone',
      })
      expect(await findUserByEmail(fresh().db, 'second@mdai.gov.kz')).toBeUndefined()
      expect(await listOrganisations(fresh().db)).toHaveLength(2)
    })
  })

  describe('bootstrap with organisations already there', () => {
    const fresh = useTestDatabase(backend)

    it('reuses an organisation of the same kind', async () => {
      const integrator = await createOrganisation(fresh().db, {
        kind: 'service-integrator',
        nameKk: 'ҰАТ',
        nameRu: 'НИТ',
      })
      const result = await bootstrap(fresh().db, { email: 'first@mdai.gov.kz' })
      expect(result.serviceIntegrator).toEqual(integrator)
      expect(result.created.map((o) => o.kind)).toEqual(['authorised-body'])
    })
  })
})
