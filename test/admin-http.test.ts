/**
 * Administering users and organisations over real HTTP, on each storage backend: an akimat admin
 * adds an editor and gets the one-time link, and cannot see or change another akimat's users;
 * an authorised-body admin adds an organisation and a service-integrator reviewer; roles and
 * disabling through the forms; a stale CSRF token changes nothing; names are shown escaped.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  actorFor,
  createOrganisation,
  createUser,
  findUserByEmail,
  listOrganisations,
  type Organisation,
  openSession,
  type Role,
  userById,
} from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'

/** The text of an HTML page without tags, with spaces collapsed. */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')

describe.each(BACKENDS)('administering users over HTTP [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  const db = () => server().handle.db
  let seq = 0
  let authorisedBody: Organisation
  let integrator: Organisation
  let akimatA: Organisation
  let akimatB: Organisation
  let akimatAdminId = 0
  let bEditorId = 0
  const abAdminEmail = 'admin@mdai.example.kz'
  const akimatAdminEmail = 'admin@akimat-a.example.kz'

  async function user(org: Organisation, roles: Role[], name = 'Айгүл Серікқызы') {
    const { userId } = await createUser(db(), {
      email: `user${++seq}@example.kz`,
      name,
      organisationId: org.id,
      roles,
    })
    return userId
  }

  /** A browser signed in as a user without a password (a session opened directly). */
  async function sessionOf(userId: number): Promise<WebSession> {
    const actor = await actorFor(db(), userId)
    if (!actor) throw new Error('no actor')
    const { token } = await openSession(db(), actor)
    const browser = new WebSession(base)
    browser.cookies.set('eakimat_session', token)
    return browser
  }

  async function signedIn(email: string): Promise<WebSession> {
    const browser = new WebSession(base)
    const res = await browser.signIn(email, PASSWORD)
    expect(res.status).toBe(303)
    return browser
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
    const akimat = (n: string) =>
      createOrganisation(db(), {
        kind: 'local-executive-body',
        level: 'district',
        nameKk: `${n} ауданының әкімдігі`,
        nameRu: `Акимат района ${n}`,
      })
    akimatA = await akimat('Сайрам')
    akimatB = await akimat('Түлкібас')
    await createUser(db(), {
      email: abAdminEmail,
      name: 'Әкімші Министрлік',
      organisationId: authorisedBody.id,
      roles: ['admin'],
      password: PASSWORD,
    })
    ;({ userId: akimatAdminId } = await createUser(db(), {
      email: akimatAdminEmail,
      name: 'Әкімдік әкімшісі',
      organisationId: akimatA.id,
      roles: ['admin'],
      password: PASSWORD,
    }))
    bEditorId = await user(akimatB, ['editor'], 'Түлкібас редакторы')
  })

  it('an akimat admin adds an editor to their akimat and gets the link once', async () => {
    const browser = await signedIn(akimatAdminEmail)
    const page = await browser.get('/admin/users')
    expect(page.status).toBe(200)
    const html = await page.text()
    // The portal navigation has the Users tab, current here.
    expect(html).toContain('href="/admin/users" aria-current="page"')
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const res = await browser.post('/admin/users', {
      _csrf,
      name: 'Нұрлан Әбенов',
      email: 'Nurlan@Sairam.example.kz',
      organisationId: String(akimatA.id),
      roles: 'editor',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    const link = /<code>([^<]+)<\/code>/.exec(text)?.[1] ?? ''
    expect(link).toMatch(new RegExp(`^${base()}/account/activate\\?token=[A-Za-z0-9_-]{43}$`))
    expect(plain(text)).toContain('pass it on to the user')
    const added = await findUserByEmail(db(), 'nurlan@sairam.example.kz')
    expect(added?.memberships).toEqual([{ organisationId: akimatA.id, role: 'editor' }])
    // The link works: the activation page opens for it.
    const activation = await new WebSession(base).get(link.slice(base().length))
    expect(activation.status).toBe(200)
    // The list shows the new user, not activated; the link is not shown again.
    const list = await (await browser.get('/admin/users')).text()
    expect(plain(list)).toContain('Нұрлан Әбенов nurlan@sairam.example.kz')
    expect(plain(list)).toContain('Not activated')
    expect(list).not.toContain(link)
  })

  it("an akimat admin cannot see or change another akimat's users", async () => {
    const browser = await signedIn(akimatAdminEmail)
    const list = await (await browser.get('/admin/users')).text()
    expect(list).not.toContain('Түлкібас редакторы')
    expect(list).not.toContain(abAdminEmail)
    expect((await browser.get(`/admin/users/${bEditorId}`)).status).toBe(404)
    const _csrf = await browser.csrfFrom('/admin/users')
    expect(
      (await browser.post(`/admin/users/${bEditorId}/disabled`, { _csrf, disabled: '1' })).status,
    ).toBe(404)
    expect((await browser.post(`/admin/users/${bEditorId}/activation`, { _csrf })).status).toBe(404)
    const roles = await browser.post(`/admin/users/${bEditorId}/roles`, {
      _csrf,
      organisationId: String(akimatB.id),
      roles: 'admin',
    })
    expect([403, 404]).toContain(roles.status)
    const stray = await browser.post('/admin/users', {
      _csrf,
      name: 'Бөтен',
      email: 'stray@example.kz',
      organisationId: String(akimatB.id),
      roles: 'admin',
    })
    expect(stray.status).toBe(403)
    expect(plain(await stray.text())).toContain(
      'You administer only the users of your own organisation.',
    )
    expect(await findUserByEmail(db(), 'stray@example.kz')).toBeUndefined()
    const editor = await userById(db(), bEditorId)
    expect(editor?.disabled).toBe(false)
    expect(editor?.memberships).toEqual([{ organisationId: akimatB.id, role: 'editor' }])
    // Organisations: only their own, and no form to add one.
    const orgs = await (await browser.get('/admin/organisations')).text()
    expect(orgs).toContain(akimatA.nameRu)
    expect(orgs).not.toContain(akimatB.nameRu)
    expect(orgs).not.toContain('action="/admin/organisations"')
    const before = (await listOrganisations(db())).length
    const refused = await browser.post('/admin/organisations', {
      _csrf,
      kind: 'state-body',
      nameKk: 'Жаңа',
      nameRu: 'Новая',
    })
    expect(refused.status).toBe(403)
    expect((await listOrganisations(db())).length).toBe(before)
  })

  it('an authorised-body admin adds an organisation and a service-integrator reviewer', async () => {
    const browser = await signedIn(abAdminEmail)
    const _csrf = await browser.csrfFrom('/admin/organisations')
    const bad = await browser.post('/admin/organisations', {
      _csrf,
      kind: 'local-executive-body',
      level: '',
      nameKk: 'Ауыл әкімдігі',
      nameRu: 'Акимат села',
      bin: '',
    })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(plain(badHtml)).toContain('A local executive body needs its level')
    // The form keeps what was typed.
    expect(badHtml).toContain('value="Ауыл әкімдігі"')
    const res = await browser.post('/admin/organisations', {
      _csrf,
      kind: 'local-executive-body',
      level: 'rural',
      nameKk: 'Ақсу ауылдық округінің әкімдігі',
      nameRu: 'Акимат Аксуского сельского округа',
      bin: '',
    })
    expect(res.status).toBe(303)
    const made = (await listOrganisations(db())).find((o) => o.nameRu.includes('Аксуского'))
    expect(made).toMatchObject({ kind: 'local-executive-body', level: 'rural' })
    expect(res.headers.get('location')).toBe(`/admin/organisations?added=${made?.id}`)
    const added = plain(await (await browser.get(res.headers.get('location') ?? '')).text())
    expect(added).toContain('The organisation "Акимат Аксуского сельского округа" was added.')

    const reviewer = await browser.post('/admin/users', {
      _csrf,
      name: 'Сарапшы Сапарова',
      email: 'reviewer@si.example.kz',
      organisationId: String(integrator.id),
      roles: 'reviewer',
    })
    expect(reviewer.status).toBe(200)
    expect(await reviewer.text()).toMatch(/<code>http:\/\/[^<]+\/account\/activate\?token=/)
    expect((await findUserByEmail(db(), 'reviewer@si.example.kz'))?.memberships).toEqual([
      { organisationId: integrator.id, role: 'reviewer' },
    ])
    // A reviewer outside the service integrator is refused with the translated message.
    const wrong = await browser.post('/admin/users', {
      _csrf,
      name: 'Қате',
      email: 'wrong@example.kz',
      organisationId: String(akimatB.id),
      roles: 'reviewer',
    })
    expect(wrong.status).toBe(400)
    const wrongHtml = await wrong.text()
    expect(plain(wrongHtml)).toContain(
      "The reviewer role exists only in the service integrator's organisation.",
    )
    expect(wrongHtml).toContain('value="wrong@example.kz"')
    expect(await findUserByEmail(db(), 'wrong@example.kz')).toBeUndefined()
    // The overseer sees other organisations' users and filters by organisation.
    const filtered = await (await browser.get(`/admin/users?organisation=${akimatB.id}`)).text()
    expect(filtered).toContain('Түлкібас редакторы')
    expect(filtered).not.toContain('nurlan@sairam.example.kz')
  })

  it('adds a population service centre and its operator; a signer there is refused, translated', async () => {
    const browser = await signedIn(abAdminEmail)
    const orgs = await (await browser.get('/admin/organisations')).text()
    expect(orgs).toContain(
      '<option value="service-centre">Population service centre (PSC)</option>',
    )
    const _csrf = await browser.csrfFrom('/admin/organisations')
    const res = await browser.post('/admin/organisations', {
      _csrf,
      kind: 'service-centre',
      level: '',
      nameKk: 'Сайрам ауданының ХҚКО',
      nameRu: 'ЦОН Сайрамского района',
      bin: '',
    })
    expect(res.status).toBe(303)
    const centre = (await listOrganisations(db())).find(
      (o) => o.nameRu === 'ЦОН Сайрамского района',
    )
    expect(centre?.kind).toBe('service-centre')
    const form = await (await browser.get('/admin/users')).text()
    expect(form).toMatch(/value="operator"[^>]*\/> <label[^>]*>Operator \(registers applications/)
    expect(plain(form)).toContain('Authorised person (signs results) — state bodies, akimats')
    const ru = new WebSession(base, 'ru')
    ru.cookies = new Map(browser.cookies)
    const signer = await ru.post('/admin/users', {
      _csrf,
      name: 'Қол қоюшы',
      email: 'signer@hkko.example.kz',
      organisationId: String(centre?.id),
      roles: 'signer',
    })
    expect(signer.status).toBe(400)
    expect(plain(await signer.text())).toContain(
      'Роль уполномоченного лица есть только в государственных органах, акиматах и государственных юридических лицах.',
    )
    expect(await findUserByEmail(db(), 'signer@hkko.example.kz')).toBeUndefined()
    const operator = await browser.post('/admin/users', {
      _csrf,
      name: 'Оператор Дана',
      email: 'operator@hkko.example.kz',
      organisationId: String(centre?.id),
      roles: 'operator',
    })
    expect(operator.status).toBe(200)
    expect((await findUserByEmail(db(), 'operator@hkko.example.kz'))?.memberships).toEqual([
      { organisationId: centre?.id, role: 'operator' },
    ])
  })

  it('changes roles with checkboxes, refuses removing one’s own admin role, disables and enables', async () => {
    const browser = await signedIn(akimatAdminEmail)
    const target = await user(akimatA, ['editor'], 'Ержан Төлеуов')
    const page = await (await browser.get(`/admin/users/${target}`)).text()
    expect(page).toMatch(/name="roles" value="editor" checked/)
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
    const form = new FormData()
    form.set('_csrf', _csrf)
    form.set('organisationId', String(akimatA.id))
    form.append('roles', 'editor')
    form.append('roles', 'reader')
    const saved = await browser.post(`/admin/users/${target}/roles`, form)
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/admin/users/${target}?done=roles`)
    expect((await userById(db(), target))?.memberships.map((m) => m.role)).toEqual([
      'editor',
      'reader',
    ])
    const none = await browser.post(`/admin/users/${target}/roles`, {
      _csrf,
      organisationId: String(akimatA.id),
    })
    expect(none.status).toBe(400)
    expect(plain(await none.text())).toContain('A user needs at least one role')

    const own = await browser.post(`/admin/users/${akimatAdminId}/roles`, {
      _csrf,
      organisationId: String(akimatA.id),
      roles: 'editor',
    })
    expect(own.status).toBe(403)
    expect(plain(await own.text())).toContain('You cannot remove your own administrator role.')
    const self = await browser.post(`/admin/users/${akimatAdminId}/disabled`, {
      _csrf,
      disabled: '1',
    })
    expect(self.status).toBe(403)
    expect((await userById(db(), akimatAdminId))?.memberships).toEqual([
      { organisationId: akimatA.id, role: 'admin' },
    ])

    // Disabling ends the target's session at once.
    const targetBrowser = await sessionOf(target)
    expect((await targetBrowser.get('/account')).status).toBe(200)
    const off = await browser.post(`/admin/users/${target}/disabled`, { _csrf, disabled: '1' })
    expect(off.status).toBe(303)
    expect((await targetBrowser.get('/account')).status).toBe(303)
    expect(plain(await (await browser.get(`/admin/users/${target}`)).text())).toContain('Disabled')
    const on = await browser.post(`/admin/users/${target}/disabled`, { _csrf, disabled: '0' })
    expect(on.status).toBe(303)
    expect((await userById(db(), target))?.disabled).toBe(false)

    // A new activation link, shown once and not cached.
    const link = await browser.post(`/admin/users/${target}/activation`, { _csrf })
    expect(link.status).toBe(200)
    expect(link.headers.get('cache-control')).toBe('no-store')
    expect(await link.text()).toMatch(/<code>http:\/\/[^<]+\/account\/activate\?token=/)
  })

  it('a stale CSRF token is refused with 403 and changes nothing', async () => {
    const browser = await signedIn(akimatAdminEmail)
    const stale = await browser.csrfFrom('/admin/users')
    // Signing out and in again opens a new session with a new token.
    expect((await browser.post('/logout', { _csrf: stale })).status).toBe(303)
    expect((await browser.signIn(akimatAdminEmail, PASSWORD)).status).toBe(303)
    expect(await browser.csrfFrom('/admin/users')).not.toBe(stale)
    const res = await browser.post('/admin/users', {
      _csrf: stale,
      name: 'Кешіккен',
      email: 'late@example.kz',
      organisationId: String(akimatA.id),
      roles: 'editor',
    })
    expect(res.status).toBe(403)
    expect(await findUserByEmail(db(), 'late@example.kz')).toBeUndefined()
    const target = await user(akimatA, ['editor'])
    const off = await browser.post(`/admin/users/${target}/disabled`, {
      _csrf: stale,
      disabled: '1',
    })
    expect(off.status).toBe(403)
    expect((await userById(db(), target))?.disabled).toBe(false)
  })

  it('shows a <script> in a user name escaped', async () => {
    const evil = await user(akimatA, ['reader'], '<script>alert(1)</script> Хакер')
    const browser = await signedIn(akimatAdminEmail)
    for (const path of ['/admin/users', `/admin/users/${evil}`]) {
      const html = await (await browser.get(path)).text()
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Хакер')
      expect(html).not.toContain('<script>alert(1)')
    }
  })

  it('is closed to those who are not administrators', async () => {
    const editor = await sessionOf(bEditorId)
    const res = await editor.get('/admin/users')
    expect(res.status).toBe(403)
    expect(plain(await res.text())).toContain('Only an administrator manages users.')
    expect((await editor.get('/admin/organisations')).status).toBe(403)
    const account = await (await editor.get('/account')).text()
    expect(account).not.toContain('href="/admin/users"')
    const anonymous = await new WebSession(base).get('/admin/users')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers')
    const admin = await signedIn(akimatAdminEmail)
    expect(await (await admin.get('/account')).text()).toContain('href="/admin/users"')
  })
})
