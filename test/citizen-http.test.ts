/**
 * Applicants' accounts over real HTTP, on each storage backend: registration, sign-in with
 * lock-out, CSRF, sign-out, session rotation, a staff user and an applicant in one browser,
 * translated refusals; and requirePerson's answers for pages and the API.
 */
import { describe, expect, it } from 'vitest'
import {
  binCheckDigit,
  createOrganisation,
  createUser,
  findPersonByIin,
  loginPerson,
  openPersonSession,
  registerPerson,
} from '../src/auth/index.js'
import { createLogger } from '../src/core/index.js'
import { createApp } from '../src/web/app.js'
import { PERSON_COOKIE, requirePerson, safeNext } from '../src/web/auth.js'
import { BACKENDS, useTestDatabase } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'
import { WebSession as Browser } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const INVALID = 'The IIN or the password is wrong.'
const CSRF_FAILED =
  'The form has expired or was sent from another site. Reload the page and try again.'

/** A valid IIN for the n-th test person (born 1985-05-12, serial n, its check digit). */
function validIin(n: number): string {
  for (let serial = n; ; serial += 10_000) {
    const first11 = `8505124${String(serial % 10_000).padStart(4, '0')}`
    const check = binCheckDigit(first11)
    if (check >= 0) return `${first11}${check}`
  }
}

/** The same IIN with its check digit changed: a typing mistake. */
function mistyped(iin: string): string {
  return `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`
}

describe.each(BACKENDS)('applicants over HTTP [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  const db = () => server().handle.db
  let counter = 0
  const nextIin = () => validIin(++counter)

  async function register(browser: Browser, fields: Record<string, string> = {}) {
    const _csrf = await browser.csrfFrom('/citizen/register')
    return browser.post('/citizen/register', {
      _csrf,
      iin: nextIin(),
      name: 'Ерлан Асқарұлы',
      email: '',
      password: PASSWORD,
      password2: PASSWORD,
      ...fields,
    })
  }

  async function signIn(browser: Browser, iin: string, password = PASSWORD, next = '') {
    const _csrf = await browser.csrfFrom('/citizen/login')
    return browser.post('/citizen/login', { _csrf, iin, password, next })
  }

  async function registered(name = 'Айгүл Серікқызы') {
    const iin = nextIin()
    await registerPerson(db(), { iin, name, password: PASSWORD })
    return iin
  }

  it('shows signed-out visitors a citizens’ sign-in link in the header', async () => {
    const html = await (await new Browser(base).get('/')).text()
    expect(html).toContain('<a href="/citizen/login">Sign in (citizens)</a>')
    const catalog = await (await new Browser(base).get('/catalog')).text()
    expect(catalog).toContain('href="/citizen/login?next=%2Fcatalog"')
  })

  it('registers, signs in at once with an HttpOnly SameSite=Lax cookie and shows the name', async () => {
    const browser = new Browser(base)
    const page = await browser.get('/citizen/register')
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const form = await page.text()
    expect(form).toContain(`name="_csrf" value="${browser.cookies.get('eakimat_csrf')}"`)
    const iin = nextIin()
    const res = await register(browser, {
      iin: `${iin.slice(0, 6)} ${iin.slice(6)}`,
      name: ' Ерлан   Асқарұлы ',
      email: 'Erlan@Mail.KZ',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/applications')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PERSON_COOKIE}=`))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
    expect(await findPersonByIin(db(), iin)).toMatchObject({
      iin,
      name: 'Ерлан Асқарұлы',
      email: 'erlan@mail.kz',
    })
    const home = await browser.get('/')
    expect(home.headers.get('cache-control')).toBe('private, no-store')
    const html = await home.text()
    expect(html).toContain('Ерлан Асқарұлы')
    expect(html).toMatch(/<form method="post" action="\/citizen\/logout">/)
    expect(html).not.toContain('Sign in (citizens)')
    // Signed in, the sign-in and registration pages send the applicant on.
    for (const path of ['/citizen/login?next=%2Fcatalog', '/citizen/register?next=%2Fcatalog']) {
      const again = await browser.get(path)
      expect(again.status).toBe(303)
      expect(again.headers.get('location')).toBe('/catalog')
    }
  })

  it('sends the new applicant where they were going, never off-site', async () => {
    const there = await register(new Browser(base), { next: '/catalog?x=1' })
    expect(there.headers.get('location')).toBe('/catalog?x=1')
    for (const next of ['//evil.example', 'https://evil.example', '/citizen/login']) {
      const res = await register(new Browser(base), { next })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/applications')
    }
  })

  it('refuses differing passwords and a short one, keeping what was typed but no password', async () => {
    const browser = new Browser(base)
    const iin = nextIin()
    const mismatch = await register(browser, { iin, password2: `${PASSWORD}x` })
    expect(mismatch.status).toBe(400)
    const html = await mismatch.text()
    expect(html).toContain('The two new passwords differ')
    expect(html).toContain(`value="${iin}"`)
    expect(html).toContain('value="Ерлан Асқарұлы"')
    expect(html).not.toContain(PASSWORD)
    const short = await register(browser, { iin, password: 'short', password2: 'short' })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('at least 12 characters')
    const same = await register(browser, { iin, password: iin, password2: iin })
    expect(same.status).toBe(400)
    expect(await same.text()).toContain('The password must not be your IIN.')
    expect(await findPersonByIin(db(), iin)).toBeUndefined()
    expect(browser.cookies.has(PERSON_COOKIE)).toBe(false)
  })

  it.each([
    [
      'kk',
      (v: string) => `«${v}» ЖСН қате терілген: соңғы (бақылау) цифры басқаларына сәйкес келмейді.`,
    ],
    [
      'ru',
      (v: string) =>
        `ИИН «${v}» набран с ошибкой: последняя (контрольная) цифра не сходится с остальными.`,
    ],
  ])('explains a mistyped IIN in %s', async (language, message) => {
    const browser = new Browser(base, language)
    const bad = mistyped(nextIin())
    const res = await register(browser, { iin: bad })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(message(bad))
    expect(await findPersonByIin(db(), bad)).toBeUndefined()
  })

  it('explains an IIN that is not 12 digits in kk and ru', async () => {
    const kk = await register(new Browser(base, 'kk'), { iin: '12345' })
    expect(kk.status).toBe(400)
    expect(await kk.text()).toContain('ЖСН 12 цифрдан тұруы керек, «12345» емес.')
    const ru = await register(new Browser(base, 'ru'), { iin: '12345' })
    expect(await ru.text()).toContain('ИИН должен состоять из 12 цифр, а не «12345».')
  })

  it('refuses an IIN registered already with 409 and keeps the first account', async () => {
    const iin = await registered('Бірінші иесі')
    const browser = new Browser(base)
    const res = await register(browser, { iin, name: 'Басқа адам' })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain(`An account with the IIN ${iin} already exists`)
    expect(browser.cookies.has(PERSON_COOKIE)).toBe(false)
    expect((await findPersonByIin(db(), iin))?.name).toBe('Бірінші иесі')
    const ru = await register(new Browser(base, 'ru'), { iin })
    expect(await ru.text()).toContain(`Учётная запись с ИИН ${iin} уже есть`)
  })

  it('signs in with the IIN and goes where the applicant was going', async () => {
    const iin = await registered()
    const browser = new Browser(base)
    const res = await signIn(browser, iin, PASSWORD, '/catalog')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/catalog')
    expect(browser.cookies.has(PERSON_COOKIE)).toBe(true)
    expect(await (await browser.get('/')).text()).toContain('Айгүл Серікқызы')
    const plain = await signIn(new Browser(base), iin)
    expect(plain.headers.get('location')).toBe('/applications')
  })

  it('answers a wrong password, an unknown IIN and a malformed one with the same message', async () => {
    const iin = await registered()
    for (const [who, password] of [
      [iin, 'not the password'],
      [nextIin(), PASSWORD],
      ['abc', PASSWORD],
    ] as const) {
      const browser = new Browser(base)
      const res = await signIn(browser, who, password)
      expect(res.status).toBe(401)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(await res.text()).toContain(INVALID)
      expect(browser.cookies.has(PERSON_COOKIE)).toBe(false)
    }
  })

  it('locks the account after 5 failures: the 6th attempt, even with the right password, says until when', async () => {
    const iin = await registered()
    const browser = new Browser(base)
    for (let i = 0; i < 4; i++) {
      const res = await signIn(browser, iin, 'wrong password!!')
      expect(res.status).toBe(401)
      expect(await res.text()).toContain(INVALID)
    }
    const fifth = await signIn(browser, iin, 'wrong password!!')
    expect(fifth.status).toBe(423)
    const sixth = await signIn(browser, iin)
    expect(sixth.status).toBe(423)
    expect(await sixth.text()).toMatch(/the account is locked until \d\d:\d\d \(Astana time\)/)
    expect(browser.cookies.has(PERSON_COOKIE)).toBe(false)
    const kk = await signIn(new Browser(base, 'kk'), iin)
    expect(await kk.text()).toMatch(/тіркелгі \d\d:\d\d дейін бұғатталды \(Астана уақыты\)/)
  })

  it('refuses forms without or with a wrong _csrf, or from another site, and changes nothing', async () => {
    const iin = nextIin()
    const browser = new Browser(base)
    const _csrf = await browser.csrfFrom('/citizen/register')
    const fields = { iin, name: 'Айгүл', password: PASSWORD, password2: PASSWORD }
    for (const sent of [fields, { ...fields, _csrf: 'x'.repeat(43) }]) {
      const res = await browser.post('/citizen/register', sent)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain(CSRF_FAILED)
    }
    const foreign = await browser.post(
      '/citizen/register',
      { ...fields, _csrf },
      { origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    expect(await findPersonByIin(db(), iin)).toBeUndefined()
    // Without the double-submit cookie the token alone is not enough either.
    const noCookie = new Browser(base)
    const token = await noCookie.csrfFrom('/citizen/login')
    noCookie.cookies.delete('eakimat_csrf')
    await registerPerson(db(), { iin, name: 'Айгүл', password: PASSWORD })
    const login = await noCookie.post('/citizen/login', { _csrf: token, iin, password: PASSWORD })
    expect(login.status).toBe(403)
    expect(noCookie.cookies.has(PERSON_COOKIE)).toBe(false)
    // The right token does work.
    expect((await browser.post('/citizen/login', { _csrf, iin, password: PASSWORD })).status).toBe(
      303,
    )
  })

  it('signed in, forms carry the session’s token; sign-out with a wrong one is refused', async () => {
    const iin = await registered()
    const browser = new Browser(base)
    await signIn(browser, iin)
    const token = await browser.csrfFrom('/')
    expect(token).not.toBe(browser.cookies.get('eakimat_csrf'))
    const refused = await browser.post('/citizen/logout', { _csrf: 'wrong' })
    expect(refused.status).toBe(403)
    expect(await (await browser.get('/')).text()).toContain('Айгүл Серікқызы')
    // API writes with an applicant's cookie need the header with the session's token.
    const post = (headers: Record<string, string>) =>
      fetch(`${base()}/api/no-such-thing`, {
        method: 'POST',
        headers: { 'accept-language': 'en', 'content-type': 'application/json', ...headers },
        body: '{}',
      })
    const api = await post({ cookie: browser.header() })
    expect(api.status).toBe(403)
    expect(await json(api)).toEqual({ error: { code: 'forbidden', message: CSRF_FAILED } })
    expect((await post({ cookie: browser.header(), 'x-csrf-token': token })).status).toBe(404)
  })

  it('signs out: the session is deleted and the old cookie opens nothing', async () => {
    const iin = await registered()
    const browser = new Browser(base)
    await signIn(browser, iin)
    const oldCookie = browser.header()
    const _csrf = await browser.csrfFrom('/')
    const res = await browser.post('/citizen/logout', { _csrf })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    expect(res.headers.getSetCookie().join('\n')).toMatch(/eakimat_person=;/)
    expect(browser.cookies.has(PERSON_COOKIE)).toBe(false)
    const again = await fetch(`${base()}/citizen/login`, {
      headers: { cookie: oldCookie },
      redirect: 'manual',
    })
    expect(again.status).toBe(200)
    // The stale cookie is cleared, and the page shows no one signed in.
    expect(again.headers.getSetCookie().join('\n')).toMatch(/eakimat_person=;/)
    const home = await fetch(`${base()}/`, {
      headers: { cookie: oldCookie, 'accept-language': 'en' },
    })
    expect(await home.text()).toContain('Sign in (citizens)')
  })

  it('rotates the session at sign-in: the session from before no longer works', async () => {
    const iin = await registered()
    const browser = new Browser(base)
    await signIn(browser, iin)
    const first = browser.cookies.get(PERSON_COOKIE)!
    const _csrf = await browser.csrfFrom('/')
    const res = await browser.post('/citizen/login', { _csrf, iin, password: PASSWORD })
    expect(res.status).toBe(303)
    const second = browser.cookies.get(PERSON_COOKIE)!
    expect(second).not.toBe(first)
    const old = await fetch(`${base()}/citizen/login`, {
      headers: { cookie: `${PERSON_COOKIE}=${first}` },
      redirect: 'manual',
    })
    expect(old.status).toBe(200)
    expect((await browser.get('/citizen/login')).status).toBe(303)
  })

  it('lets a staff user and an applicant be signed in in one browser, each signing out alone', async () => {
    const organisation = await createOrganisation(db(), {
      kind: 'service-centre',
      nameKk: 'Түркістан қаласының ХҚКО',
      nameRu: 'ЦОН города Туркестан',
    })
    const email = `operator${counter}@hkko.example.kz`
    await createUser(db(), {
      email,
      name: 'Оператор Дана',
      organisationId: organisation.id,
      roles: ['operator'],
      password: PASSWORD,
    })
    const iin = await registered('Азамат Болатұлы')
    const browser = new Browser(base)
    expect((await browser.signIn(email, PASSWORD)).status).toBe(303)
    const staffToken = await browser.csrfFrom('/account')
    expect((await signIn(browser, iin)).status).toBe(303)
    const html = await (await browser.get('/')).text()
    expect(html).toContain('Оператор Дана')
    expect(html).toContain('Азамат Болатұлы')
    // Both signed in, forms carry the staff session's token (as before applicants existed).
    expect(await browser.csrfFrom('/')).toBe(staffToken)
    const out = await browser.post('/citizen/logout', { _csrf: staffToken })
    expect(out.status).toBe(303)
    const after = await (await browser.get('/account')).text()
    expect(after).toContain('Оператор Дана')
    expect(after).not.toContain('Азамат Болатұлы')
    // And the other way round: the staff sign-out leaves the applicant signed in.
    await signIn(browser, iin)
    expect((await browser.post('/logout', { _csrf: staffToken })).status).toBe(303)
    expect((await browser.get('/account')).status).toBe(303)
    expect(await (await browser.get('/')).text()).toContain('Азамат Болатұлы')
    expect((await loginPerson(db(), { iin, password: PASSWORD })).ok).toBe(true)
  })
})

describe.each(BACKENDS)('requirePerson [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let iinCounter = 5000

  function app() {
    const created = createApp({ database: handle(), logger: createLogger('silent') })
    created.get('/needs-person', (c) => c.text(`applicant ${requirePerson(c).name}`))
    created.post('/needs-person', (c) => c.text(`applicant ${requirePerson(c).name}`))
    created.get('/api/me', (c) => c.json({ iin: requirePerson(c).iin }))
    return created
  }

  async function cookie() {
    const person = await registerPerson(handle().db, {
      iin: validIin(++iinCounter),
      name: 'Гүлнар',
      password: PASSWORD,
    })
    const { token } = await openPersonSession(handle().db, person)
    return { person, cookie: `${PERSON_COOKIE}=${token}` }
  }

  it('sends a signed-out page visitor to the citizens’ sign-in, and back after', async () => {
    const page = await app().request('/needs-person?a=1')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/citizen/login?next=%2Fneeds-person%3Fa%3D1')
  })

  it('answers the API with 401 JSON in the request’s language', async () => {
    const res = await app().request('/api/me', { headers: { 'accept-language': 'ru' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Для этого войдите как заявитель (по ИИН).' },
    })
  })

  it('returns the signed-in applicant, and refuses a staff session', async () => {
    const { person, cookie: header } = await cookie()
    const page = await app().request('/needs-person', { headers: { cookie: header } })
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('applicant Гүлнар')
    const api = await app().request('/api/me', { headers: { cookie: header } })
    expect(await api.json()).toEqual({ iin: person.iin })
    // A staff cookie with the same value format is not an applicant's session.
    const staff = await app().request('/needs-person', {
      headers: { cookie: header.replace(PERSON_COOKIE, 'eakimat_session') },
    })
    expect(staff.status).toBe(303)
  })

  it('sends a form posted without a session back through the Referer after sign-in', async () => {
    const res = await app().request('http://localhost/needs-person', {
      method: 'POST',
      headers: {
        cookie: `eakimat_csrf=${'a'.repeat(43)}`,
        referer: 'http://localhost/services/1?step=2',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `_csrf=${'a'.repeat(43)}`,
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/citizen/login?next=%2Fservices%2F1%3Fstep%3D2')
  })
})

describe('safeNext and the applicants’ pages', () => {
  it('never sends anyone back to a sign-in, registration or sign-out page', () => {
    for (const path of ['/citizen/login?next=/x', '/citizen/register', '/citizen/logout']) {
      expect(safeNext(path)).toBe('/')
    }
    expect(safeNext('/citizen/other')).toBe('/citizen/other')
  })
})
