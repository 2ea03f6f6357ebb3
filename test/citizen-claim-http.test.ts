/**
 * Claiming an applicant account with an EDS over real HTTP, on each storage backend: someone
 * registers another person's IIN first; the owner is refused at registration (409) and offered
 * the claim; the claim page shows the text to sign; a signature with the owner's own certificate
 * gives them the account (the squatter's password and session end); every wrong signature, an
 * expired text and a replay from another browser are refused with 400 and change nothing.
 */
import { describe, expect, it } from 'vitest'
import { binCheckDigit, loginPerson, personClaimStamp, registerPerson } from '../src/auth/index.js'
import { createLogger } from '../src/core/index.js'
import { createApp } from '../src/web/app.js'
import { PERSON_COOKIE } from '../src/web/auth.js'
import { CLAIM_VALID_MS, claimChallenge } from '../src/web/pages/citizen/account.js'
import { BACKENDS, useTestDatabase } from './support/database.js'
import { useTestServer } from './support/server.js'
import { signWith, testBin } from './support/services.js'
import { WebSession as Browser } from './support/web-session.js'

const SQUATTER_PASSWORD = 'басқа біреудің құпиясөзі'
const OWNER_PASSWORD = 'менің өз құпиясөзім 2026'
const MINUTE = 60 * 1000

/** A valid IIN for the n-th test person (born 1977-03-15, serial n, its check digit). */
function validIin(n: number): string {
  for (let serial = n; ; serial += 10_000) {
    const first11 = `7703153${String(serial % 10_000).padStart(4, '0')}`
    const check = binCheckDigit(first11)
    if (check >= 0) return `${first11}${check}`
  }
}

/** What the claim page shows: the form's token and time, and the text to sign. */
interface ClaimForm {
  csrf: string
  time: string
  text: string
  html: string
}

function formOf(html: string): ClaimForm {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  const time = /name="time" value="([^"]+)"/.exec(html)?.[1]
  const text = /<pre class="data-to-sign">([\s\S]*?)<\/pre>/.exec(html)?.[1]
  if (!csrf || !time || text === undefined) throw new Error('no claim form on the page')
  return { csrf, time, text, html }
}

describe.each(BACKENDS)('claiming an applicant account with an EDS [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  const db = () => server().handle.db
  let counter = 0
  const nextIin = () => validIin(++counter)

  async function row(iin: string) {
    return db().selectFrom('auth_person').selectAll().where('iin', '=', iin).executeTakeFirst()
  }

  async function sessionCount(iin: string) {
    const rows = await db()
      .selectFrom('auth_person_session')
      .innerJoin('auth_person', 'auth_person.id', 'auth_person_session.person_id')
      .select('auth_person_session.id')
      .where('auth_person.iin', '=', iin)
      .execute()
    return rows.length
  }

  /** Someone registers `iin` through the page and stays signed in; returns their browser. */
  async function squat(iin: string): Promise<Browser> {
    const squatter = new Browser(base)
    const _csrf = await squatter.csrfFrom('/citizen/register')
    const res = await squatter.post('/citizen/register', {
      _csrf,
      iin,
      name: 'Басқа Адам',
      email: 'squatter@example.kz',
      password: SQUATTER_PASSWORD,
      password2: SQUATTER_PASSWORD,
    })
    expect(res.status).toBe(303)
    return squatter
  }

  async function claimForm(browser: Browser, iin: string): Promise<ClaimForm> {
    const res = await browser.get(`/citizen/claim?iin=${iin}`)
    expect(res.status).toBe(200)
    return formOf(await res.text())
  }

  function claim(
    browser: Browser,
    iin: string,
    form: { csrf: string; time: string },
    signature: string,
    fields: Record<string, string> = {},
  ): Promise<Response> {
    return browser.post(`/citizen/claim?iin=${iin}`, {
      _csrf: form.csrf,
      time: form.time,
      name: 'Айгүл Серікқызы',
      email: 'aigul@example.kz',
      password: OWNER_PASSWORD,
      password2: OWNER_PASSWORD,
      signature,
      ...fields,
    })
  }

  /** The stored account and whether the squatter can still use it, to show nothing changed. */
  async function state(iin: string, squatter: Browser) {
    const stored = await row(iin)
    const squatterLogin = await loginPerson(db(), { iin, password: SQUATTER_PASSWORD })
    const home = await (await squatter.get('/')).text()
    return {
      name: stored?.name,
      email: stored?.email,
      passwordHash: stored?.password_hash,
      squatterPasswordWorks: squatterLogin.ok,
      squatterSignedIn: home.includes('Басқа Адам'),
    }
  }

  it('refuses the owner’s registration with 409 and links to the claim', async () => {
    const iin = nextIin()
    await squat(iin)
    for (const [language, offer] of [
      ['en', 'This IIN already has an account. If it is yours, prove it with your electronic'],
      ['kk', 'Бұл ЖСН-мен тіркелгі бұрыннан бар.'],
      ['ru', 'С этим ИИН уже есть учётная запись.'],
    ] as const) {
      const owner = new Browser(base, language)
      const _csrf = await owner.csrfFrom('/citizen/register')
      const res = await owner.post('/citizen/register', {
        _csrf,
        iin,
        name: 'Айгүл Серікқызы',
        password: OWNER_PASSWORD,
        password2: OWNER_PASSWORD,
      })
      expect(res.status).toBe(409)
      const html = await res.text()
      expect(html).toContain(offer)
      expect(html).toContain(`href="/citizen/claim?iin=${iin}"`)
    }
    // A registration refused for another reason offers no claim.
    const other = new Browser(base)
    const _csrf = await other.csrfFrom('/citizen/register')
    const short = await other.post('/citizen/register', {
      _csrf,
      iin: nextIin(),
      name: 'Айгүл',
      password: 'short',
      password2: 'short',
    })
    expect(short.status).toBe(400)
    expect(await short.text()).not.toContain('/citizen/claim')
  })

  it('shows the exact text to sign, bound to this browser, with its download and the commands', async () => {
    const iin = nextIin()
    await squat(iin)
    const owner = new Browser(base)
    const res = await owner.get(`/citizen/claim?iin=${iin}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const form = formOf(await res.text())
    const token = owner.cookies.get('eakimat_csrf')!
    expect(form.csrf).toBe(token)
    const at = new Date(form.time)
    expect(Math.abs(Date.now() - at.getTime())).toBeLessThan(MINUTE)
    const text = claimChallenge(iin, token, at, (await personClaimStamp(db(), iin)) ?? '')
    expect(form.text).toBe(text)
    expect(text).toMatch(
      new RegExp(
        `^e-akimat: I claim the applicant account of IIN ${iin}\\nAccount: [0-9a-f]{16}\\nToken: [0-9a-f]{16}\\nTime: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\n$`,
      ),
    )
    // The token line is a hash of the token, never the token itself.
    expect(text).not.toContain(token)
    expect(form.html).toContain(
      `npm run --silent cli -- services demo-certificate --iin ${iin} --name &quot;…&quot; --out certs`,
    )
    expect(form.html).toContain(
      `npm run --silent cli -- services sign --key certs/${iin}.key.pem --cert certs/${iin}.cert.pem --in claim-${iin}-data-to-sign.txt`,
    )
    for (const name of ['name', 'email', 'password', 'password2', 'signature']) {
      expect(form.html).toContain(`name="${name}"`)
    }
    const href = `/citizen/claim/challenge?iin=${iin}&amp;time=${encodeURIComponent(form.time)}`
    expect(form.html).toContain(`href="${href}"`)
    const download = await owner.get(href.replace('&amp;', '&'))
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(download.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="claim-${iin}-data-to-sign\\.txt"`),
    )
    expect(await download.text()).toBe(text)
    // Another browser gets another text for the same IIN and time.
    const elsewhere = new Browser(base)
    await elsewhere.get(`/citizen/claim?iin=${iin}`)
    const other = await elsewhere.get(href.replace('&amp;', '&'))
    expect(await other.text()).not.toBe(text)
    // Without the browser's token cookie there is nothing to bind to: back to the page.
    const bare = await fetch(`${base()}${href.replace('&amp;', '&')}`, { redirect: 'manual' })
    expect(bare.status).toBe(303)
    expect(bare.headers.get('location')).toBe(`/citizen/claim?iin=${iin}`)
    // An expired time gives no file.
    const old = new Date(Date.now() - CLAIM_VALID_MS - MINUTE).toISOString()
    const expired = await owner.get(
      `/citizen/claim/challenge?iin=${iin}&time=${encodeURIComponent(old)}`,
    )
    expect(expired.status).toBe(400)
    expect(await expired.text()).toContain('The text to sign has expired')
  })

  it('gives the account to the owner who signs with a certificate of that IIN', async () => {
    const iin = nextIin()
    const squatter = await squat(iin)
    expect(await sessionCount(iin)).toBe(1)
    const owner = new Browser(base)
    const form = await claimForm(owner, iin)
    const certificate = await server().pki.issue(iin, { name: 'СЕРІКҚЫЗЫ АЙГҮЛ' })
    const res = await claim(owner, iin, form, await signWith(certificate, form.text))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/applications')
    expect(owner.cookies.has(PERSON_COOKIE)).toBe(true)
    const home = await (await owner.get('/')).text()
    expect(home).toContain('Айгүл Серікқызы')
    expect(await row(iin)).toMatchObject({
      name: 'Айгүл Серікқызы',
      email: 'aigul@example.kz',
      failed_logins: 0,
      locked_until: null,
    })
    // The squatter's session ended, and their password no longer opens the account.
    expect(await sessionCount(iin)).toBe(1)
    const squatterHome = await squatter.get('/')
    expect(await squatterHome.text()).not.toContain('Басқа Адам')
    expect(squatter.cookies.has(PERSON_COOKIE)).toBe(false)
    const _csrf = await squatter.csrfFrom('/citizen/login')
    const again = await squatter.post('/citizen/login', {
      _csrf,
      iin,
      password: SQUATTER_PASSWORD,
    })
    expect(again.status).toBe(401)
    // The owner's new password does.
    expect((await loginPerson(db(), { iin, password: OWNER_PASSWORD })).ok).toBe(true)
    // The same signature again (same browser signed out, within the time) no longer matches the
    // account: it names the credentials the claim replaced.
    const page = await (await owner.get('/applications')).text()
    const logoutToken = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
    await owner.post('/citizen/logout', { _csrf: logoutToken })
    expect(owner.cookies.has(PERSON_COOKIE)).toBe(false)
    const replay = await claim(owner, iin, form, await signWith(certificate, form.text))
    expect(replay.status).toBe(400)
    expect((await loginPerson(db(), { iin, password: OWNER_PASSWORD })).ok).toBe(true)
  })

  it('refuses another IIN’s certificate, a company’s, other text, an expired or future time and a replay, changing nothing', async () => {
    const iin = nextIin()
    const squatter = await squat(iin)
    const before = await state(iin, squatter)
    expect(before).toMatchObject({ squatterPasswordWorks: true, squatterSignedIn: true })
    const own = await server().pki.issue(iin)
    const stranger = await server().pki.issue(nextIin())
    const company = await server().pki.issue(iin, { bin: testBin(counter) })

    const owner = new Browser(base)
    const form = await claimForm(owner, iin)
    const old = new Date(Date.now() - CLAIM_VALID_MS - MINUTE).toISOString()
    const ahead = new Date(Date.now() + 2 * MINUTE).toISOString()
    const token = owner.cookies.get('eakimat_csrf')!
    const replayer = new Browser(base)
    const replayForm = await claimForm(replayer, iin)

    const cases: [string, () => Promise<Response>, string][] = [
      [
        'another IIN',
        async () => claim(owner, iin, form, await signWith(stranger, form.text)),
        `The certificate is not this IIN’s: sign with a certificate issued to IIN ${iin}.`,
      ],
      [
        'a company certificate',
        async () => claim(owner, iin, form, await signWith(company, form.text)),
        'This is a company’s certificate (it carries a BIN): sign with your personal certificate.',
      ],
      [
        'other text',
        async () => claim(owner, iin, form, await signWith(own, form.text.replace(iin, nextIin()))),
        'The signature is not over the text shown on this page',
      ],
      [
        'an expired time',
        async () =>
          claim(
            owner,
            iin,
            { csrf: form.csrf, time: old },
            await signWith(
              own,
              claimChallenge(iin, token, new Date(old), (await personClaimStamp(db(), iin)) ?? ''),
            ),
          ),
        'The text to sign has expired: sign the new one shown below.',
      ],
      [
        'a time too far ahead',
        async () =>
          claim(
            owner,
            iin,
            { csrf: form.csrf, time: ahead },
            await signWith(
              own,
              claimChallenge(
                iin,
                token,
                new Date(ahead),
                (await personClaimStamp(db(), iin)) ?? '',
              ),
            ),
          ),
        'The text to sign has expired',
      ],
      [
        // The owner's good signature, posted from another browser with that browser's token.
        'a replay from another browser',
        async () =>
          claim(
            replayer,
            iin,
            { csrf: replayForm.csrf, time: form.time },
            await signWith(own, form.text),
          ),
        'The signature is not over the text shown on this page',
      ],
      [
        'no signature',
        async () => claim(owner, iin, form, ''),
        'Paste the signature (CMS, base64).',
      ],
      [
        'something that is not a signature',
        async () => claim(owner, iin, form, 'bm90IGEgc2lnbmF0dXJl'),
        'The signature could not be read',
      ],
    ]
    for (const [what, send, message] of cases) {
      const res = await send()
      expect(res.status, what).toBe(400)
      const html = await res.text()
      expect(html, what).toContain(message)
      expect(owner.cookies.has(PERSON_COOKIE), what).toBe(false)
      expect(replayer.cookies.has(PERSON_COOKIE), what).toBe(false)
      expect(await state(iin, squatter), what).toEqual(before)
    }
    // And the good signature in the owner's browser does work.
    const ok = await claim(owner, iin, form, await signWith(own, form.text))
    expect(ok.status).toBe(303)
  })

  it('keeps the signature after a password mistake and checks the password policy', async () => {
    const iin = nextIin()
    const squatter = await squat(iin)
    const before = await state(iin, squatter)
    const owner = new Browser(base)
    const form = await claimForm(owner, iin)
    const signature = await signWith(await server().pki.issue(iin), form.text)
    const mismatch = await claim(owner, iin, form, signature, { password2: `${OWNER_PASSWORD}x` })
    expect(mismatch.status).toBe(400)
    const html = await mismatch.text()
    expect(html).toContain('The two new passwords differ')
    expect(formOf(html)).toMatchObject({ time: form.time, text: form.text })
    expect(html).toContain(signature.slice(0, 40))
    expect(html).not.toContain(OWNER_PASSWORD)
    const same = await claim(owner, iin, form, signature, { password: iin, password2: iin })
    expect(same.status).toBe(400)
    expect(await same.text()).toContain('The password must not be your IIN.')
    expect(await state(iin, squatter)).toEqual(before)
  })

  it('answers in Kazakh and Russian', async () => {
    const iin = nextIin()
    await squat(iin)
    const stranger = await server().pki.issue(nextIin())
    for (const [language, message] of [
      ['kk', `Куәлік бұл ЖСН-ге тиесілі емес: ЖСН-і ${iin} адамға берілген куәлікпен қол қойыңыз.`],
      [
        'ru',
        `Свидетельство выдано не на этот ИИН: подпишите свидетельством, выданным на ИИН ${iin}.`,
      ],
    ] as const) {
      const browser = new Browser(base, language)
      const form = await claimForm(browser, iin)
      const res = await claim(browser, iin, form, await signWith(stranger, form.text))
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message)
    }
  })

  it('sends an IIN without an account to registration, and explains a malformed one', async () => {
    const iin = nextIin()
    const browser = new Browser(base)
    const page = await browser.get(`/citizen/claim?iin=${iin}`)
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toContain(`No account has the IIN ${iin}: register instead.`)
    expect(html).toContain('href="/citizen/register"')
    const _csrf = await browser.csrfFrom('/citizen/register')
    const posted = await browser.post(`/citizen/claim?iin=${iin}`, {
      _csrf,
      time: new Date().toISOString(),
      name: 'Айгүл',
      password: OWNER_PASSWORD,
      password2: OWNER_PASSWORD,
      signature: 'x',
    })
    expect(posted.status).toBe(400)
    expect(await posted.text()).toContain(`No account has the IIN ${iin}`)
    expect(await row(iin)).toBeUndefined()
    const malformed = await browser.get('/citizen/claim?iin=12345')
    expect(malformed.status).toBe(400)
    expect(await malformed.text()).toContain('The IIN must be 12 digits')
    const ask = await browser.get('/citizen/claim')
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain('<form method="get" action="/citizen/claim"')
  })

  it('refuses a claim without the form’s token, or from another site', async () => {
    const iin = nextIin()
    const squatter = await squat(iin)
    const before = await state(iin, squatter)
    const owner = new Browser(base)
    const form = await claimForm(owner, iin)
    const signature = await signWith(await server().pki.issue(iin), form.text)
    for (const csrf of ['', 'x'.repeat(43)]) {
      const res = await claim(owner, iin, { csrf, time: form.time }, signature)
      expect(res.status).toBe(403)
    }
    const foreign = await owner.post(
      `/citizen/claim?iin=${iin}`,
      {
        _csrf: form.csrf,
        time: form.time,
        name: 'Айгүл',
        password: OWNER_PASSWORD,
        password2: OWNER_PASSWORD,
        signature,
      },
      { origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    expect(await state(iin, squatter)).toEqual(before)
  })

  it('gives a disabled account its new credentials but no session', async () => {
    const iin = nextIin()
    await registerPerson(db(), { iin, name: 'Басқа Адам', password: SQUATTER_PASSWORD })
    await db().updateTable('auth_person').set({ disabled: 1 }).where('iin', '=', iin).execute()
    const owner = new Browser(base)
    const form = await claimForm(owner, iin)
    const res = await claim(
      owner,
      iin,
      form,
      await signWith(await server().pki.issue(iin), form.text),
    )
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('but it is disabled: ask the administrator to enable it.')
    expect(owner.cookies.has(PERSON_COOKIE)).toBe(false)
    expect(await row(iin)).toMatchObject({ name: 'Айгүл Серікқызы', disabled: 1 })
    expect(await sessionCount(iin)).toBe(0)
  })
})

describe.each(BACKENDS)('claiming without e-services configured [%s]', (backend) => {
  const handle = useTestDatabase(backend)

  it('answers 503 with a clear message and changes nothing', async () => {
    const iin = validIin(9000)
    await registerPerson(handle().db, { iin, name: 'Басқа Адам', password: SQUATTER_PASSWORD })
    const app = createApp({ database: handle(), logger: createLogger('silent') })
    const page = await app.request(`/citizen/claim?iin=${iin}`, {
      headers: { 'accept-language': 'en' },
    })
    expect(page.status).toBe(503)
    const message =
      'Signatures cannot be checked on this server (the e-services are not configured)'
    expect(await page.text()).toContain(message)
    const token = 'a'.repeat(43)
    const posted = await app.request(`http://localhost/citizen/claim?iin=${iin}`, {
      method: 'POST',
      headers: {
        cookie: `eakimat_csrf=${token}`,
        'accept-language': 'en',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: token,
        time: new Date().toISOString(),
        name: 'Айгүл',
        password: OWNER_PASSWORD,
        password2: OWNER_PASSWORD,
        signature: 'x',
      }).toString(),
    })
    expect(posted.status).toBe(503)
    expect(await posted.text()).toContain(message)
    expect((await loginPerson(handle().db, { iin, password: SQUATTER_PASSWORD })).ok).toBe(true)
  })
})
