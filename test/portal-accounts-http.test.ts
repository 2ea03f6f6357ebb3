/**
 * Account requests for the architecture portal over real HTTP, on each storage backend: the
 * public Appendix 2 form, CSRF on it, the service integrator's list and decision, the one-time
 * activation link and the new user's first sign-in, and who may not see any of it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorFor, binCheckDigit, createOrganisation, createUser } from '../src/auth/index.js'
import { addWorkingDays, kazakhstanDate } from '../src/calendar/index.js'
import { listAccountRequests, listNotifications } from '../src/portal/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession as Browser } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const CSRF_FAILED =
  'The form has expired or was sent from another site. Reload the page and try again.'

/** A tiny browser: a cookie jar, English pages, no redirects followed. */

let seq = 0

/** A BIN with a right check digit from its first 11 digits (the next prefix when none fits). */
function validBin(prefix: string): string {
  let p = Number(prefix)
  for (;;) {
    const head = String(p).padStart(11, '0')
    const check = binCheckDigit(`${head}0`)
    if (check >= 0) return `${head}${check}`
    p++
  }
}

/** A complete Appendix 2 form for a new district akimat. */
function requestForm(overrides: Record<string, string> = {}): Record<string, string> {
  seq++
  return {
    organisationKind: 'local-executive-body',
    organisationLevel: 'district',
    organisationNameKk: `Сайрам ауданының әкімдігі ${seq}`,
    organisationNameRu: `Акимат Сайрамского района ${seq}`,
    organisationBin: validBin(`1401400${String(1000 + seq).slice(-4)}`),
    contactName: 'Айгүл Серікқызы',
    contactPosition: 'Цифрландыру бөлімінің басшысы',
    contactEmail: `requester${seq}@sairam.example.kz`,
    contactPhone: '+7 725 123 45 67',
    requestedRole: 'editor',
    basis: 'Әкімдікте ақпараттандыруға жауапты',
    ...overrides,
  }
}

/** The text of an HTML page without tags, with spaces collapsed (entities left as they are). */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')

describe.each(BACKENDS)('portal account requests over HTTP [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  const db = () => server().handle.db
  const reviewerEmail = 'reviewer@si.example.kz'
  const akimatEmail = 'editor@akimat.example.kz'
  let reviewerId = 0

  beforeAll(async () => {
    const si = await createOrganisation(db(), {
      kind: 'service-integrator',
      nameKk: 'Сервистік интегратор',
      nameRu: 'Сервисный интегратор',
      bin: '990140000007',
    })
    ;({ userId: reviewerId } = await createUser(db(), {
      email: reviewerEmail,
      name: 'Қарлығаш Сапарова',
      organisationId: si.id,
      roles: ['reviewer'],
      password: PASSWORD,
    }))
    const akimat = await createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'region',
      nameKk: 'Түркістан облысының әкімдігі',
      nameRu: 'Акимат Туркестанской области',
    })
    await createUser(db(), {
      email: akimatEmail,
      name: 'Ержан Оспанов',
      organisationId: akimat.id,
      roles: ['editor', 'admin'],
      password: PASSWORD,
    })
  })

  async function storedRequests() {
    const reviewer = await actorFor(db(), reviewerId)
    if (!reviewer) throw new Error('no reviewer')
    return listAccountRequests(db(), reviewer)
  }

  async function reviewerBrowser(): Promise<Browser> {
    const browser = new Browser(base)
    expect((await browser.signIn(reviewerEmail, PASSWORD)).status).toBe(303)
    return browser
  }

  /** Sends a request as an anonymous visitor; returns its number. */
  async function submit(form: Record<string, string>): Promise<number> {
    const visitor = new Browser(base)
    const _csrf = await visitor.csrfFrom('/portal/account-requests/new')
    const res = await visitor.post('/portal/account-requests/new', { _csrf, ...form })
    const html = await res.text()
    expect(res.status, plain(html)).toBe(200)
    return Number(/request No\. (\d+) is registered/.exec(plain(html))?.[1])
  }

  it('is linked from the sign-in page and the home page', async () => {
    const visitor = new Browser(base)
    for (const path of ['/login', '/']) {
      const html = await (await visitor.get(path)).text()
      expect(html).toContain('href="/portal/account-requests/new"')
    }
  })

  it('takes a request from anyone, without signing in, and confirms it with the number and the due date', async () => {
    const visitor = new Browser(base)
    const page = await visitor.get('/portal/account-requests/new')
    expect(page.status).toBe(200)
    const form = await page.text()
    expect(plain(form)).toContain('within 2 working days (rules 174, para 6)')
    // Only the organisations that ask (para 6) are offered; the level is there for akimats.
    for (const kind of [
      'state-body',
      'local-executive-body',
      'state-legal-entity',
      'quasi-public',
    ]) {
      expect(form).toContain(`<option value="${kind}"`)
    }
    expect(form).not.toContain('value="service-integrator"')
    expect(form).toContain('<option value="rural"')
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? ''

    const before = (await storedRequests()).length
    const expectedDue = addWorkingDays(kazakhstanDate(new Date()), 2)
    const res = await visitor.post('/portal/account-requests/new', { _csrf, ...requestForm() })
    const html = plain(await res.text())
    expect(res.status).toBe(200)
    const stored = await storedRequests()
    expect(stored).toHaveLength(before + 1)
    const mine = stored.find((r) => !stored.slice(0, before).includes(r)) ?? stored.at(-1)
    expect(html).toContain(`Your request No. ${mine?.id} is registered`)
    expect(html).toContain(`decide on it by ${expectedDue}`)
    expect(mine?.dueOn).toBe(expectedDue)
  })

  it('shows the form again with the values and the translated message when something is wrong', async () => {
    const visitor = new Browser(base)
    const _csrf = await visitor.csrfFrom('/portal/account-requests/new')
    const form = requestForm({ organisationBin: '', contactName: 'Әсел Нұрланқызы' })
    const res = await visitor.post('/portal/account-requests/new', { _csrf, ...form })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(plain(html)).toContain('Fill in “BIN (12 digits)”.')
    expect(html).toContain('value="Әсел Нұрланқызы"')
    expect(html).toMatch(/id="ar-organisationBin"[^>]*aria-invalid="true"/)

    const akimatWithoutLevel = await visitor.post('/portal/account-requests/new', {
      _csrf,
      ...requestForm({ organisationLevel: '' }),
    })
    expect(akimatWithoutLevel.status).toBe(400)
    expect(plain(await akimatWithoutLevel.text())).toContain(
      'An akimat needs its administrative level.',
    )

    // A second request from an address whose first one still waits: 409.
    const first = requestForm()
    await submit(first)
    const again = await visitor.post('/portal/account-requests/new', { _csrf, ...first })
    expect(again.status).toBe(409)
  })

  it('refuses a request without the CSRF token, or with a stale one, and stores nothing', async () => {
    const before = (await storedRequests()).length
    const visitor = new Browser(base)
    await visitor.csrfFrom('/portal/account-requests/new')
    const missing = await visitor.post('/portal/account-requests/new', requestForm())
    expect(missing.status).toBe(403)
    expect(plain(await missing.text())).toContain(CSRF_FAILED)
    // A token from another browser's page does not match this browser's cookie.
    const other = new Browser(base)
    const stale = await other.csrfFrom('/portal/account-requests/new')
    const wrong = await visitor.post('/portal/account-requests/new', {
      _csrf: stale,
      ...requestForm(),
    })
    expect(wrong.status).toBe(403)
    // No cookie at all (the page was never loaded in this browser).
    const fresh = new Browser(base)
    const noCookie = await fresh.post('/portal/account-requests/new', {
      _csrf: stale,
      ...requestForm(),
    })
    expect(noCookie.status).toBe(403)
    expect(await storedRequests()).toHaveLength(before)
  })

  it('lets the reviewer see the request escaped, grant it once, and the new user activate and sign in', async () => {
    const form = requestForm({
      contactName: '<script>alert(1)</script> Мұрат',
      contactEmail: 'new.user@sairam.example.kz',
    })
    const id = await submit(form)
    expect(id).toBeGreaterThan(0)
    const reviewer = await reviewerBrowser()

    const list = await reviewer.get('/portal/account-requests')
    expect(list.status).toBe(200)
    const listHtml = await list.text()
    expect(listHtml).toContain(`href="/portal/account-requests/${id}"`)
    expect(listHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Мұрат')
    expect(listHtml).not.toContain('<script>alert(1)')

    const detail = await reviewer.get(`/portal/account-requests/${id}`)
    expect(detail.status).toBe(200)
    const detailHtml = await detail.text()
    expect(detailHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Мұрат')
    expect(detailHtml).not.toContain('<script>alert(1)')
    expect(detailHtml).toContain(`action="/portal/account-requests/${id}/grant"`)
    expect(detailHtml).toContain(`action="/portal/account-requests/${id}/reject"`)
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(detailHtml)?.[1] ?? ''

    const granted = await reviewer.post(`/portal/account-requests/${id}/grant`, { _csrf })
    expect(granted.status).toBe(200)
    expect(granted.headers.get('cache-control')).toContain('no-store')
    const grantedHtml = await granted.text()
    const link = new RegExp(`${base()}/account/activate\\?token=[A-Za-z0-9_-]+`).exec(
      grantedHtml,
    )?.[0]
    expect(link, plain(grantedHtml)).toBeDefined()
    expect(plain(grantedHtml)).toContain('put in the outbox')

    // The same path waits in the outbox for the person; the outbox shows the name escaped.
    const mail = (await listNotifications(db())).find(
      (n) => n.email === 'new.user@sairam.example.kz',
    )
    expect(link?.endsWith(mail?.link ?? '-')).toBe(true)
    const outbox = await reviewer.get('/portal/outbox')
    expect(outbox.status).toBe(200)
    const outboxHtml = await outbox.text()
    expect(outboxHtml).toContain('new.user@sairam.example.kz')
    expect(outboxHtml).toContain('<details>')
    expect(outboxHtml).toContain('&lt;script&gt;')
    expect(outboxHtml).not.toContain('<script>alert(1)')
    // The token itself is a secret: shown once on the grant page, masked in the outbox.
    expect(outboxHtml).toContain('/account/activate?token=…')
    expect(outboxHtml).not.toContain(mail?.link ?? '-')

    // A second grant (a double submit) is refused with the translated message.
    const twice = await reviewer.post(`/portal/account-requests/${id}/grant`, { _csrf })
    expect(twice.status).toBe(409)
    expect(plain(await twice.text())).toContain('The request has already been decided')

    // The new user follows the link, sets a password, and can sign in with it.
    const person = new Browser(base)
    const path = link?.slice(base().length) ?? ''
    const activate = await person.get(path)
    expect(activate.status).toBe(200)
    const activateHtml = await activate.text()
    const token = /name="token" value="([^"]+)"/.exec(activateHtml)?.[1] ?? ''
    const personCsrf = /name="_csrf" value="([^"]+)"/.exec(activateHtml)?.[1] ?? ''
    const newPassword = 'жаңа құпиясөз 2026 Сайрам'
    const set = await person.post('/account/activate', {
      _csrf: personCsrf,
      token,
      password: newPassword,
      password2: newPassword,
    })
    expect(set.status).toBe(303)
    const signIn = await new Browser(base).signIn('new.user@sairam.example.kz', newPassword)
    expect(signIn.status).toBe(303)
    expect(signIn.headers.get('location')).toBe('/account')
    // The link worked once.
    expect((await new Browser(base).get(path)).status).not.toBe(200)
  })

  it('refuses with a reason (required), and filters the list by status', async () => {
    const id = await submit(requestForm())
    const reviewer = await reviewerBrowser()
    const _csrf = await reviewer.csrfFrom(`/portal/account-requests/${id}`)
    const empty = await reviewer.post(`/portal/account-requests/${id}/reject`, {
      _csrf,
      reason: ' ',
    })
    expect(empty.status).toBe(400)
    expect(plain(await empty.text())).toContain('Fill in “Reason”.')
    const refused = await reviewer.post(`/portal/account-requests/${id}/reject`, {
      _csrf,
      reason: 'БСН мемлекеттік тізілімде жоқ',
    })
    expect(refused.status).toBe(303)
    const page = plain(await (await reviewer.get(refused.headers.get('location') ?? '')).text())
    expect(page).toContain('The request is refused')
    expect(page).toContain('БСН мемлекеттік тізілімде жоқ')

    const rejected = await (await reviewer.get('/portal/account-requests?status=rejected')).text()
    expect(rejected).toContain(`href="/portal/account-requests/${id}"`)
    const pending = await (await reviewer.get('/portal/account-requests?status=pending')).text()
    expect(pending).not.toContain(`href="/portal/account-requests/${id}"`)
    expect(pending).toContain('badge request-pending')
    expect(pending).not.toContain('badge request-rejected')
    expect(pending).not.toContain('badge request-granted')
  })

  it('shows the list and the outbox to account managers only', async () => {
    const anonymous = new Browser(base)
    const redirect = await anonymous.get('/portal/account-requests')
    expect(redirect.status).toBe(303)
    expect(redirect.headers.get('location')).toBe('/login?next=%2Fportal%2Faccount-requests')

    const akimat = new Browser(base)
    expect((await akimat.signIn(akimatEmail, PASSWORD)).status).toBe(303)
    for (const path of [
      '/portal/account-requests',
      '/portal/outbox',
      '/portal/account-requests/1',
    ]) {
      const res = await akimat.get(path)
      expect(res.status, path).toBe(403)
      expect(plain(await res.text())).toContain(
        'Only the service integrator’s reviewers can do this.',
      )
    }
    const _csrf = await akimat.csrfFrom('/account')
    const pending = (await storedRequests()).find((r) => r.status === 'pending')
    const grant = await akimat.post(`/portal/account-requests/${pending?.id}/grant`, { _csrf })
    expect(grant.status).toBe(403)
    expect((await storedRequests()).find((r) => r.id === pending?.id)?.status).toBe('pending')
  })
})
