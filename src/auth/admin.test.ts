/**
 * Administering organisations and users on both backends: who may administer whom, adding users
 * with their activation link, replacing roles (never one's own admin role, never the last
 * administrator), disabling (sessions end, sign-in refused), new activation links, new
 * organisations, and actors whose rights changed after their session began.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  type Actor,
  actorFor,
  addOrganisation,
  addUser,
  adminEventsFor,
  checkPasswordSetupToken,
  createOrganisation,
  createUser,
  getUserFor,
  listOrganisationsFor,
  listUsersFor,
  login,
  newActivationLink,
  type Organisation,
  openSession,
  type Role,
  sessionFromToken,
  setDisabled,
  setPassword,
  setRoles,
  userById,
} from './index.js'

const PASSWORD = 'ақ бидай егістігі 2026'

/** The token of an activation path. */
const tokenOf = (path: string) =>
  decodeURIComponent(/^\/account\/activate\?token=(.+)$/.exec(path)?.[1] ?? '')

describe.each(BACKENDS)('administering users and organisations [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let seq = 0
  let authorisedBody: Organisation
  let integrator: Organisation
  let abAdmin: Actor
  let siAdmin: Actor
  let siReviewer: Actor

  async function user(org: Organisation, roles: Role[], name = 'Айгүл Серікқызы') {
    const { userId } = await createUser(db(), {
      email: `user${++seq}@example.kz`,
      name,
      organisationId: org.id,
      roles,
    })
    return userId
  }

  async function actor(org: Organisation, roles: Role[]): Promise<Actor> {
    const userId = await user(org, roles)
    // Administrators act, so they have set their password (an unactivated one does not count).
    if (roles.includes('admin')) await setPassword(db(), userId, 'a long enough password 1')
    const found = await actorFor(db(), userId, org.id)
    if (!found) throw new Error('no actor')
    return found
  }

  /** A fresh district akimat with an admin and an editor. */
  async function akimat() {
    const org = await createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: `Аудан әкімдігі ${++seq}`,
      nameRu: `Акимат района ${seq}`,
    })
    const admin = await actor(org, ['admin'])
    const editorId = await user(org, ['editor'])
    return { org, admin, editorId }
  }

  beforeAll(async () => {
    authorisedBody = await createOrganisation(db(), {
      kind: 'authorised-body',
      nameKk: 'Уәкілетті орган',
      nameRu: 'Уполномоченный орган',
    })
    integrator = await createOrganisation(db(), {
      kind: 'service-integrator',
      nameKk: 'Сервистік интегратор',
      nameRu: 'Сервисный интегратор',
    })
    abAdmin = await actor(authorisedBody, ['admin'])
    siAdmin = await actor(integrator, ['admin', 'reviewer'])
    siReviewer = await actor(integrator, ['reviewer'])
  })

  describe('who administers whom', () => {
    it('overseer admins see every user and organisation; an akimat admin only their own', async () => {
      const a = await akimat()
      const b = await akimat()
      for (const overseer of [abAdmin, siAdmin]) {
        const ids = (await listUsersFor(db(), overseer)).map((u) => u.id)
        expect(ids).toEqual(expect.arrayContaining([a.admin.userId, a.editorId, b.editorId]))
        const orgs = (await listOrganisationsFor(db(), overseer)).map((o) => o.id)
        expect(orgs).toEqual(expect.arrayContaining([a.org.id, b.org.id, integrator.id]))
      }
      const mine = await listUsersFor(db(), a.admin)
      expect(mine.map((u) => u.id).sort()).toEqual([a.admin.userId, a.editorId].sort())
      expect(await listOrganisationsFor(db(), a.admin)).toEqual([a.org])
      // The overseer's filter by organisation.
      const onlyB = await listUsersFor(db(), abAdmin, { organisationId: b.org.id })
      expect(onlyB.map((u) => u.id).sort()).toEqual([b.admin.userId, b.editorId].sort())
    })

    it('refuses everyone who is not an administrator', async () => {
      const a = await akimat()
      const editor = await actorFor(db(), a.editorId)
      const reader = await actor(a.org, ['reader', 'editor'])
      for (const nobody of [editor as Actor, reader, siReviewer]) {
        await expect(listUsersFor(db(), nobody)).rejects.toMatchObject({
          code: 'forbidden',
          messageKey: 'admin.error.notAdmin',
        })
        await expect(listOrganisationsFor(db(), nobody)).rejects.toMatchObject({
          code: 'forbidden',
        })
        await expect(getUserFor(db(), nobody, a.editorId)).rejects.toMatchObject({
          code: 'forbidden',
        })
        await expect(
          addUser(db(), nobody, {
            email: `x${++seq}@example.kz`,
            name: 'X',
            organisationId: a.org.id,
            roles: ['editor'],
          }),
        ).rejects.toMatchObject({ code: 'forbidden' })
        await expect(setDisabled(db(), nobody, a.editorId, true)).rejects.toMatchObject({
          code: 'forbidden',
        })
        await expect(newActivationLink(db(), nobody, a.editorId)).rejects.toMatchObject({
          code: 'forbidden',
        })
      }
      expect((await userById(db(), a.editorId))?.disabled).toBe(false)
    })

    it("an akimat admin cannot see or change another akimat's users", async () => {
      const a = await akimat()
      const b = await akimat()
      await expect(getUserFor(db(), a.admin, b.editorId)).rejects.toMatchObject({
        code: 'not_found',
      })
      await expect(setRoles(db(), a.admin, b.editorId, b.org.id, ['reader'])).rejects.toMatchObject(
        { code: 'forbidden', messageKey: 'admin.error.otherOrganisation' },
      )
      await expect(setRoles(db(), a.admin, b.editorId, a.org.id, ['reader'])).rejects.toMatchObject(
        { code: 'not_found' },
      )
      await expect(setDisabled(db(), a.admin, b.editorId, true)).rejects.toMatchObject({
        code: 'not_found',
      })
      await expect(newActivationLink(db(), a.admin, b.editorId)).rejects.toMatchObject({
        code: 'not_found',
      })
      // Nor an overseer's administrator.
      await expect(newActivationLink(db(), a.admin, abAdmin.userId)).rejects.toMatchObject({
        code: 'not_found',
      })
      const editor = await userById(db(), b.editorId)
      expect(editor?.disabled).toBe(false)
      expect(editor?.memberships).toEqual([{ organisationId: b.org.id, role: 'editor' }])
    })

    it('a user who also belongs to another organisation is only for overseer admins', async () => {
      const a = await akimat()
      const b = await akimat()
      const both = await user(a.org, ['editor'])
      await db()
        .insertInto('auth_membership')
        .values({ user_id: both, organisation_id: b.org.id, role: 'reader' })
        .execute()
      expect((await listUsersFor(db(), a.admin)).map((u) => u.id)).not.toContain(both)
      await expect(newActivationLink(db(), a.admin, both)).rejects.toMatchObject({
        code: 'not_found',
      })
      expect((await getUserFor(db(), abAdmin, both)).id).toBe(both)
    })

    it('reads the actor again: a removed admin role or a disabled admin no longer counts', async () => {
      const a = await akimat()
      const second = await actor(a.org, ['admin'])
      await setRoles(db(), a.admin, second.userId, a.org.id, ['editor'])
      // `second` is the actor of a session opened before the change.
      await expect(listUsersFor(db(), second)).rejects.toMatchObject({ code: 'forbidden' })
      const third = await actor(a.org, ['admin'])
      await setDisabled(db(), a.admin, third.userId, true)
      await expect(setDisabled(db(), third, a.editorId, true)).rejects.toMatchObject({
        code: 'forbidden',
      })
    })

    it('tells the state of each account', async () => {
      const a = await akimat()
      const active = await user(a.org, ['reader'])
      await db()
        .updateTable('auth_user')
        .set({ password_hash: 'scrypt$x' })
        .where('id', '=', active)
        .execute()
      const locked = await user(a.org, ['reader'])
      await db()
        .updateTable('auth_user')
        .set({ locked_until: new Date(Date.now() + 60_000).toISOString() })
        .where('id', '=', locked)
        .execute()
      const disabled = await user(a.org, ['reader'])
      await setDisabled(db(), a.admin, disabled, true)
      const states = Object.fromEntries(
        (await listUsersFor(db(), a.admin)).map((u) => [u.id, u.state]),
      )
      expect(states[active]).toBe('active')
      expect(states[locked]).toBe('locked')
      expect(states[disabled]).toBe('disabled')
      expect(states[a.editorId]).toBe('not-activated')
    })
  })

  describe('adding users', () => {
    it('an akimat admin adds an editor to their akimat and gets a working link', async () => {
      const a = await akimat()
      const email = `new${++seq}@akimat.example.kz`
      const added = await addUser(db(), a.admin, {
        email,
        name: 'Нұрлан Әбенов',
        organisationId: a.org.id,
        roles: ['editor', 'reader'],
      })
      const stored = await userById(db(), added.userId)
      expect(stored).toMatchObject({ email, hasPassword: false, disabled: false })
      expect(stored?.memberships.map((m) => m.role)).toEqual(['editor', 'reader'])
      const owner = await checkPasswordSetupToken(db(), tokenOf(added.activationPath))
      expect(owner.id).toBe(added.userId)
    })

    it('an akimat admin cannot add to another organisation; nothing is created', async () => {
      const a = await akimat()
      const b = await akimat()
      const email = `stray${++seq}@example.kz`
      for (const organisationId of [b.org.id, authorisedBody.id]) {
        await expect(
          addUser(db(), a.admin, { email, name: 'X', organisationId, roles: ['admin'] }),
        ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'admin.error.otherOrganisation' })
      }
      const all = await listUsersFor(db(), abAdmin)
      expect(all.some((u) => u.email === email)).toBe(false)
    })

    it('a reviewer only in a service-integrator organisation; at least one known role', async () => {
      const a = await akimat()
      const base = { name: 'Қарлығаш', organisationId: a.org.id }
      await expect(
        addUser(db(), abAdmin, { ...base, email: `r${++seq}@example.kz`, roles: ['reviewer'] }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.reviewerOnlyIntegrator' })
      await expect(
        addUser(db(), a.admin, { ...base, email: `r${++seq}@example.kz`, roles: [] }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.noRole' })
      await expect(
        addUser(db(), a.admin, {
          ...base,
          email: `r${++seq}@example.kz`,
          roles: ['owner' as Role],
        }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.role' })
      const reviewer = await addUser(db(), abAdmin, {
        name: 'Сарапшы',
        email: `rev${++seq}@si.example.kz`,
        organisationId: integrator.id,
        roles: ['reviewer'],
      })
      expect((await userById(db(), reviewer.userId))?.memberships).toEqual([
        { organisationId: integrator.id, role: 'reviewer' },
      ])
    })

    it('refuses a taken e-mail with a conflict', async () => {
      const a = await akimat()
      const email = `dup${++seq}@example.kz`
      const input = { email, name: 'A', organisationId: a.org.id, roles: ['editor' as Role] }
      await addUser(db(), a.admin, input)
      await expect(
        addUser(db(), a.admin, { ...input, email: email.toUpperCase() }),
      ).rejects.toMatchObject({ code: 'conflict', messageKey: 'auth.error.emailTaken' })
    })
  })

  describe('roles', () => {
    it("replaces a user's roles in the organisation", async () => {
      const a = await akimat()
      await setRoles(db(), a.admin, a.editorId, a.org.id, ['reader', 'admin', 'reader'])
      expect((await userById(db(), a.editorId))?.memberships.map((m) => m.role)).toEqual([
        'admin',
        'reader',
      ])
      const session = await actorFor(db(), a.editorId, a.org.id)
      expect(session?.roles).toEqual(['admin', 'reader'])
    })

    it('at least one role; reviewer only in the service integrator; only where a member', async () => {
      const a = await akimat()
      await expect(setRoles(db(), a.admin, a.editorId, a.org.id, [])).rejects.toMatchObject({
        messageKey: 'auth.error.noRole',
      })
      await expect(
        setRoles(db(), abAdmin, a.editorId, a.org.id, ['reviewer']),
      ).rejects.toMatchObject({ messageKey: 'auth.error.reviewerOnlyIntegrator' })
      await expect(
        setRoles(db(), abAdmin, a.editorId, integrator.id, ['reviewer']),
      ).rejects.toMatchObject({ code: 'input.invalid', messageKey: 'admin.error.notMember' })
      expect((await userById(db(), a.editorId))?.memberships).toEqual([
        { organisationId: a.org.id, role: 'editor' },
      ])
    })

    it('operator anywhere but the authorised body; signer only where results are signed', async () => {
      const a = await akimat()
      await setRoles(db(), a.admin, a.editorId, a.org.id, ['operator', 'signer'])
      expect((await userById(db(), a.editorId))?.memberships.map((m) => m.role)).toEqual([
        'operator',
        'signer',
      ])
      const centre = await addOrganisation(db(), abAdmin, {
        kind: 'service-centre',
        nameKk: `ХҚКО ${++seq}`,
        nameRu: `ЦОН ${seq}`,
      })
      expect(centre.kind).toBe('service-centre')
      const operator = await addUser(db(), abAdmin, {
        name: 'Оператор',
        email: `op${++seq}@hkko.example.kz`,
        organisationId: centre.id,
        roles: ['operator'],
      })
      // A service centre takes applications; it does not sign the provider's results.
      await expect(
        setRoles(db(), abAdmin, operator.userId, centre.id, ['operator', 'signer']),
      ).rejects.toMatchObject({ code: 'input.invalid', messageKey: 'auth.error.signerKind' })
      const abUser = await user(authorisedBody, ['reader'])
      await expect(
        setRoles(db(), abAdmin, abUser, authorisedBody.id, ['operator']),
      ).rejects.toMatchObject({ code: 'input.invalid', messageKey: 'auth.error.operatorKind' })
      await expect(
        addUser(db(), abAdmin, {
          name: 'Қол қоюшы',
          email: `sig${++seq}@example.kz`,
          organisationId: integrator.id,
          roles: ['signer'],
        }),
      ).rejects.toMatchObject({ messageKey: 'auth.error.signerKind' })
      expect((await userById(db(), operator.userId))?.memberships).toEqual([
        { organisationId: centre.id, role: 'operator' },
      ])
      expect((await userById(db(), abUser))?.memberships).toEqual([
        { organisationId: authorisedBody.id, role: 'reader' },
      ])
    })

    it('an admin cannot remove their own admin role, even with another admin present', async () => {
      const a = await akimat()
      await actor(a.org, ['admin'])
      await expect(
        setRoles(db(), a.admin, a.admin.userId, a.org.id, ['editor']),
      ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'admin.error.ownAdmin' })
      // Nor give themselves another role (a reviewer deciding what they asked for, say).
      await expect(
        setRoles(db(), a.admin, a.admin.userId, a.org.id, ['admin', 'editor']),
      ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'admin.error.ownRoles' })
      expect((await userById(db(), a.admin.userId))?.memberships.map((m) => m.role)).toEqual([
        'admin',
      ])
    })

    it('refuses removing the last enabled administrator of an organisation', async () => {
      const a = await akimat()
      await expect(
        setRoles(db(), abAdmin, a.admin.userId, a.org.id, ['editor']),
      ).rejects.toMatchObject({ code: 'conflict', messageKey: 'admin.error.lastAdmin' })
      // A disabled second admin does not count.
      const disabledAdmin = await actor(a.org, ['admin'])
      await setDisabled(db(), abAdmin, disabledAdmin.userId, true)
      await expect(
        setRoles(db(), abAdmin, a.admin.userId, a.org.id, ['editor']),
      ).rejects.toMatchObject({ code: 'conflict' })
      // With a second enabled admin it is allowed.
      await setDisabled(db(), abAdmin, disabledAdmin.userId, false)
      await setRoles(db(), abAdmin, a.admin.userId, a.org.id, ['editor'])
      expect((await userById(db(), a.admin.userId))?.memberships.map((m) => m.role)).toEqual([
        'editor',
      ])
    })
  })

  describe('limits of power, and the trail', () => {
    it('keeps the authorised body’s users out of the service integrator’s reach', async () => {
      await expect(getUserFor(db(), siAdmin, abAdmin.userId)).rejects.toMatchObject({
        code: 'not_found',
      })
      await expect(newActivationLink(db(), siAdmin, abAdmin.userId)).rejects.toMatchObject({
        code: 'not_found',
      })
      expect((await listUsersFor(db(), siAdmin)).map((u) => u.id)).not.toContain(abAdmin.userId)
      await expect(
        addUser(db(), siAdmin, {
          email: `ab${++seq}@example.kz`,
          name: 'Жаңа',
          organisationId: authorisedBody.id,
          roles: ['admin'],
        }),
      ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'admin.error.authorisedBodyOnly' })
      await expect(
        addOrganisation(db(), siAdmin, { kind: 'authorised-body', nameKk: 'Б', nameRu: 'Б' }),
      ).rejects.toMatchObject({ messageKey: 'admin.error.authorisedBodyOnly' })
      // The authorised body's own admin reaches both.
      expect((await getUserFor(db(), abAdmin, siAdmin.userId)).id).toBe(siAdmin.userId)
    })

    it('shows a new link only for an account never activated, and records what admins did', async () => {
      const a = await akimat()
      const fresh = await newActivationLink(db(), a.admin, a.editorId)
      expect(fresh.showToAdministrator).toBe(true)
      await setPassword(db(), a.editorId, 'another long password 2')
      const inUse = await newActivationLink(db(), a.admin, a.editorId)
      expect(inUse.showToAdministrator).toBe(false)
      await setRoles(db(), a.admin, a.editorId, a.org.id, ['reader'])
      await setDisabled(db(), a.admin, a.editorId, true)
      const events = await adminEventsFor(db(), a.admin, a.editorId)
      expect(events.map((e) => e.kind)).toEqual([
        'user.disabled',
        'user.roles',
        'user.link',
        'user.link',
      ])
      expect(events[1]?.details).toEqual({ before: ['editor'], after: ['reader'] })
      expect(events.every((e) => e.actorUserId === a.admin.userId)).toBe(true)
    })

    it('does not count an administrator who never activated the account', async () => {
      const a = await akimat()
      // A "ghost" admin with an address nobody reads...
      await addUser(db(), a.admin, {
        email: `ghost${++seq}@example.kz`,
        name: 'Ghost',
        organisationId: a.org.id,
        roles: ['admin'],
      })
      // ...does not let the real last admin be removed.
      await expect(setDisabled(db(), abAdmin, a.admin.userId, true)).rejects.toMatchObject({
        messageKey: 'admin.error.lastAdmin',
      })
    })
  })

  describe('disabling', () => {
    it("ends the user's sessions and refuses their sign-in until enabled again", async () => {
      const a = await akimat()
      const email = `signed${++seq}@example.kz`
      const { userId } = await createUser(db(), {
        email,
        name: 'Ержан',
        organisationId: a.org.id,
        roles: ['editor'],
      })
      await setPassword(db(), userId, PASSWORD)
      const signedIn = await login(db(), { email, password: PASSWORD })
      if (!signedIn.ok) throw new Error('sign-in failed')
      await setDisabled(db(), a.admin, userId, true)
      expect(await sessionFromToken(db(), signedIn.token)).toBeUndefined()
      const rows = await db()
        .selectFrom('auth_session')
        .select('id')
        .where('user_id', '=', userId)
        .execute()
      expect(rows).toEqual([])
      expect(await login(db(), { email, password: PASSWORD })).toEqual({
        ok: false,
        reason: 'invalid',
      })
      expect((await getUserFor(db(), a.admin, userId)).state).toBe('disabled')
      await setDisabled(db(), a.admin, userId, false)
      expect((await login(db(), { email, password: PASSWORD })).ok).toBe(true)
    })

    it('an admin cannot disable themselves; nor the last administrator', async () => {
      const a = await akimat()
      const { token } = await openSession(db(), a.admin)
      await expect(setDisabled(db(), a.admin, a.admin.userId, true)).rejects.toMatchObject({
        code: 'forbidden',
        messageKey: 'admin.error.selfDisable',
      })
      await expect(setDisabled(db(), abAdmin, a.admin.userId, true)).rejects.toMatchObject({
        code: 'conflict',
        messageKey: 'admin.error.lastAdmin',
      })
      expect(await sessionFromToken(db(), token)).toBeDefined()
      expect((await userById(db(), a.admin.userId))?.disabled).toBe(false)
    })
  })

  describe('activation links', () => {
    it('issues a new link that replaces the old one', async () => {
      const a = await akimat()
      const first = await newActivationLink(db(), a.admin, a.editorId)
      const second = await newActivationLink(db(), a.admin, a.editorId)
      await expect(
        checkPasswordSetupToken(db(), tokenOf(first.activationPath)),
      ).rejects.toMatchObject({ code: 'not_found' })
      expect((await checkPasswordSetupToken(db(), tokenOf(second.activationPath))).id).toBe(
        a.editorId,
      )
      await expect(newActivationLink(db(), a.admin, 987654)).rejects.toMatchObject({
        code: 'not_found',
      })
    })
  })

  describe('organisations', () => {
    it('only overseer admins add organisations, with the usual checks', async () => {
      const a = await akimat()
      const input = {
        kind: 'local-executive-body',
        level: 'rural',
        nameKk: 'Ауыл әкімдігі',
        nameRu: 'Акимат села',
      } as const
      const made = await addOrganisation(db(), abAdmin, input)
      expect(made).toMatchObject({ kind: 'local-executive-body', level: 'rural' })
      expect(
        (await addOrganisation(db(), siAdmin, { ...input, nameKk: 'Екі' })).id,
      ).toBeGreaterThan(made.id)
      await expect(addOrganisation(db(), a.admin, input)).rejects.toMatchObject({
        code: 'forbidden',
        messageKey: 'admin.error.notOverseer',
      })
      await expect(addOrganisation(db(), siReviewer, input)).rejects.toMatchObject({
        code: 'forbidden',
      })
      await expect(addOrganisation(db(), abAdmin, { ...input, level: null })).rejects.toMatchObject(
        { messageKey: 'auth.error.level' },
      )
    })
  })
})
