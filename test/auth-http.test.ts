/**
 * Sign-in, sessions, CSRF and activation over real HTTP, on each storage backend.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createOrganisation,
  createPasswordSetupToken,
  createUser,
  login,
} from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'
import { WebSession as Browser } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const INVALID = 'The e-mail address or the password is wrong.'
const CSRF_FAILED =
  'The form has expired or was sent from another site. Reload the page and try again.'

describe.each(BACKENDS)('sign-in and sessions over HTTP [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  const db = () => server().handle.db
  let organisationId = 0
  let counter = 0

  async function newUser(name = 'Айгүл Серікқызы', password: string | undefined = PASSWORD) {
    const email = `http${++counter}@akimat.example.kz`
    const { userId } = await createUser(db(), {
      email,
      name,
      organisationId,
      roles: ['editor', 'reader'],
      password,
    })
    return { email, userId }
  }

  beforeAll(async () => {
    const org = await createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бәйдібек ауданының әкімдігі',
      nameRu: 'Акимат Байдибекского района',
    })
    organisationId = org.id
  })

  it('serves the sign-in form with an HttpOnly SameSite=Strict CSRF cookie and its token', async () => {
    const browser = new Browser(base)
    const res = await browser.get('/login')
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('eakimat_csrf='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const html = await res.text()
    expect(html).toContain(`name="_csrf" value="${browser.cookies.get('eakimat_csrf')}"`)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('signs in: an HttpOnly SameSite=Lax session cookie and the way to where the user was going', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    const res = await browser.signIn(email.toUpperCase(), PASSWORD, '/account?x=1')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account?x=1')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('eakimat_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
    const account = await browser.get('/account')
    expect(account.status).toBe(200)
    expect(account.headers.get('cache-control')).toBe('private, no-store')
    const html = await account.text()
    expect(html).toContain('Айгүл Серікқызы')
    expect(html).toContain('Акимат Байдибекского района')
    expect(html).toContain('Editor, Reader (read-only)')
    expect(html).toMatch(/<form method="post" action="\/logout">/)
  })

  it('answers a wrong password and an unknown user with the same message and no session', async () => {
    const { email } = await newUser()
    for (const [address, password] of [
      [email, 'not the password'],
      ['nobody@akimat.example.kz', PASSWORD],
    ] as const) {
      const browser = new Browser(base)
      const res = await browser.signIn(address, password)
      expect(res.status).toBe(401)
      expect(await res.text()).toContain(INVALID)
      expect(browser.cookies.has('eakimat_session')).toBe(false)
    }
  })

  it('locks the account after 5 failures: the 6th attempt, even with the right password, says until when', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    for (let i = 0; i < 4; i++) {
      const res = await browser.signIn(email, 'wrong password!!')
      expect(res.status).toBe(401)
      expect(await res.text()).toContain(INVALID)
    }
    const fifth = await browser.signIn(email, 'wrong password!!')
    expect(fifth.status).toBe(423)
    const sixth = await browser.signIn(email, PASSWORD)
    expect(sixth.status).toBe(423)
    expect(await sixth.text()).toMatch(/the account is locked until \d\d:\d\d \(Astana time\)/)
    expect(browser.cookies.has('eakimat_session')).toBe(false)
  })

  it('signs out: the session is deleted and the old cookie opens nothing', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    await browser.signIn(email, PASSWORD)
    const oldCookie = browser.header()
    const _csrf = await browser.csrfFrom('/account')
    const res = await browser.post('/logout', { _csrf })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    expect(res.headers.getSetCookie().join('\n')).toMatch(/eakimat_session=;/)
    const again = await fetch(`${base()}/account`, {
      headers: { cookie: oldCookie },
      redirect: 'manual',
    })
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe('/login?next=%2Faccount')
  })

  it('rotates the session at sign-in: the session from before no longer works', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    await browser.signIn(email, PASSWORD)
    const first = browser.cookies.get('eakimat_session')!
    // Signed in, the sign-in page sends the user on; a sign-in form posted anyway (another tab)
    // carries the session's token.
    const page = await browser.get('/login?next=%2Faccount')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/account')
    const _csrf = await browser.csrfFrom('/account')
    const res = await browser.post('/login', { _csrf, email, password: PASSWORD })
    expect(res.status).toBe(303)
    const second = browser.cookies.get('eakimat_session')!
    expect(second).not.toBe(first)
    const old = await fetch(`${base()}/account`, {
      headers: { cookie: `eakimat_session=${first}` },
      redirect: 'manual',
    })
    expect(old.status).toBe(303)
    expect((await browser.get('/account')).status).toBe(200)
  })

  it('refuses a form without or with a wrong _csrf with 403, and changes nothing', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    await browser.signIn(email, PASSWORD)
    const change = {
      current: PASSWORD,
      password: 'a brand new password',
      password2: 'a brand new password',
    }
    for (const fields of [change, { ...change, _csrf: 'x'.repeat(43) }]) {
      const res = await browser.post('/account/password', fields)
      expect(res.status).toBe(403)
      const html = await res.text()
      expect(html).toContain(CSRF_FAILED)
    }
    // Nor from another site, even with the right token.
    const _csrf = await browser.csrfFrom('/account')
    const foreign = await browser.post(
      '/account/password',
      { ...change, _csrf },
      { origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    const logout = await browser.post('/logout', { _csrf: 'wrong' })
    expect(logout.status).toBe(403)
    // The password is unchanged and the session still works.
    expect((await login(db(), { email, password: PASSWORD })).ok).toBe(true)
    expect((await browser.get('/account')).status).toBe(200)
    // The right token does work.
    const ok = await browser.post('/account/password', { ...change, _csrf })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/account?changed=1')
    expect((await login(db(), { email, password: change.password })).ok).toBe(true)
  })

  it('refuses an anonymous sign-in form without the CSRF cookie', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    const _csrf = await browser.csrfFrom('/login')
    browser.cookies.delete('eakimat_csrf')
    const res = await browser.post('/login', { _csrf, email, password: PASSWORD })
    expect(res.status).toBe(403)
    expect(browser.cookies.has('eakimat_session')).toBe(false)
  })

  it('multipart forms carry the token too', async () => {
    const browser = new Browser(base)
    const _csrf = await browser.csrfFrom('/login')
    const { email } = await newUser()
    const form = new FormData()
    form.set('_csrf', _csrf)
    form.set('email', email)
    form.set('password', PASSWORD)
    const res = await fetch(`${base()}/login`, {
      method: 'POST',
      headers: { cookie: browser.header() },
      body: form,
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
  })

  it('requires X-CSRF-Token for API writes with a session cookie', async () => {
    const { email } = await newUser()
    const browser = new Browser(base)
    await browser.signIn(email, PASSWORD)
    const token = await browser.csrfFrom('/account')
    const post = (headers: Record<string, string>) =>
      fetch(`${base()}/api/no-such-thing`, {
        method: 'POST',
        headers: { 'accept-language': 'en', 'content-type': 'application/json', ...headers },
        body: '{}',
      })
    const refused = await post({ cookie: browser.header() })
    expect(refused.status).toBe(403)
    expect(await json(refused)).toEqual({ error: { code: 'forbidden', message: CSRF_FAILED } })
    // With the header, or without a session, the request goes on (to a 404 here).
    expect((await post({ cookie: browser.header(), 'x-csrf-token': token })).status).toBe(404)
    expect((await post({})).status).toBe(404)
  })

  it.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    'http:evil.example',
    '/login',
  ])('never sends the user off-site after sign-in (next=%s)', async (next) => {
    const { email } = await newUser()
    const browser = new Browser(base)
    const res = await browser.signIn(email, PASSWORD, next)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/portal')
    const page = await new Browser(base).get(`/login?next=${encodeURIComponent(next)}`)
    expect(await page.text()).toContain('name="next" value="/"')
  })

  it('sends a signed-out visitor of a private page to sign in, and back after', async () => {
    const browser = new Browser(base)
    const res = await browser.get('/account?tab=1')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount%3Ftab%3D1')
  })

  it('escapes names: a <script> in a name is shown as text', async () => {
    const { email } = await newUser('<script>alert(1)</script> Ерлан')
    const browser = new Browser(base)
    await browser.signIn(email, PASSWORD)
    const html = await (await browser.get('/account')).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ерлан')
    expect(html).not.toContain('<script>alert(1)')
  })

  describe('activation', () => {
    it('sets the password once and signs in; the link then says it was used', async () => {
      const { email, userId } = await newUser('Жаңа қызметкер', undefined)
      const token = await createPasswordSetupToken(db(), userId)
      const browser = new Browser(base)
      const page = await browser.get(`/account/activate?token=${token}`)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain(email)
      const _csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!
      const mismatch = await browser.post('/account/activate', {
        _csrf,
        token,
        password: PASSWORD,
        password2: `${PASSWORD}x`,
      })
      expect(mismatch.status).toBe(400)
      expect(await mismatch.text()).toContain('The two new passwords differ')
      const short = await browser.post('/account/activate', {
        _csrf,
        token,
        password: 'short',
        password2: 'short',
      })
      expect(short.status).toBe(400)
      expect(await short.text()).toContain('at least 12 characters')
      const res = await browser.post('/account/activate', {
        _csrf,
        token,
        password: PASSWORD,
        password2: PASSWORD,
      })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/account?activated=1')
      const account = await browser.get('/account?activated=1')
      expect(await account.text()).toContain('Your password is set and you are signed in.')

      const used = await new Browser(base).get(`/account/activate?token=${token}`)
      expect(used.status).toBe(400)
      expect(await used.text()).toContain('This activation link has already been used.')
      const usedPost = await browser.post('/account/activate', {
        _csrf: await browser.csrfFrom('/account'),
        token,
        password: 'yet another password',
        password2: 'yet another password',
      })
      expect(usedPost.status).toBe(400)
      expect((await login(db(), { email, password: PASSWORD })).ok).toBe(true)
    })

    it('answers an unknown link with a clear 404 page', async () => {
      const res = await new Browser(base).get('/account/activate?token=no-such-token')
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('This activation link is not known.')
    })
  })
})
