/**
 * The e-services' pages over real HTTP on each backend: the public catalogue with its diagrams
 * and figures; an applicant applies through the HTML form, pays on the simulated gateway, signs
 * the exact data shown; the provider's operator decides and the authorised person issues the
 * result; the public verification page shows only what the applicant shares and tells a true
 * copy from a false one. Another applicant or another organisation gets 404 for the
 * application and every download; every form needs the CSRF token.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Person } from '../src/auth/index.js'
import { FIXTURE_CASES, TEST_CARDS } from '../src/services/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { applicant, bindProvider, signWith, staff, TINY_PDF } from './support/services.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'correct horse battery staple'

/** The `_csrf` field of a page (its first form). */
function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no _csrf field on the page')
  return token
}

/** The text of a `<pre class="data-to-sign">` with HTML entities decoded. */
function preData(html: string): string {
  const raw = /<pre class="data-to-sign">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? ''
  return raw
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

async function signInPerson(session: WebSession, iin: string): Promise<void> {
  const _csrf = csrfOf(await (await session.get('/citizen/login')).text())
  const res = await session.post('/citizen/login', { _csrf, iin, password: PASSWORD, next: '/' })
  expect(res.status).toBe(303)
}

function apostilleForm(csrf: string, provider: number, extra: Record<string, string> = {}) {
  const data = new FormData()
  data.set('_csrf', csrf)
  data.set('opened', new Date(Date.now() - 60_000).toISOString())
  data.set('provider', String(provider))
  data.set('recipientKind', 'individual')
  data.set('language', 'ru')
  data.set('field.documentKind', 'archival-certificate')
  data.set('field.destinationCountry', 'Германия <b>')
  data.set('field.issuingArchive', 'Национальный архив')
  data.set('field.documentNumber', '17-04/112')
  data.set('field.documentDate', '2024-05-17')
  data.set('file.archivalDocument', new File([TINY_PDF], 'анықтама.pdf'))
  for (const [k, v] of Object.entries(extra)) data.set(k, v)
  return data
}

describe.each(BACKENDS)('e-services pages over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const citizen = new WebSession(base, 'en')
  const stranger = new WebSession(base, 'en')
  const operator = new WebSession(base, 'en')
  const signer = new WebSession(base, 'en')
  const otherOrg = new WebSession(base, 'en')
  const integrator = new WebSession(base, 'en')
  let providerId = 0
  let person: Person
  let appPath = ''
  let code = ''
  let issuedPdf = new Uint8Array()

  beforeAll(async () => {
    const db = server().handle.db
    const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
    const op = await staff(db, { roles: ['operator'] })
    const sg = await staff(db, { roles: ['signer'], organisationId: op.organisation.id })
    const other = await staff(db, { roles: ['operator', 'signer'] })
    providerId = op.organisation.id
    await bindProvider(db, admin, providerId, { feeKzt: 3_000, termWorkingDays: 5 })
    person = await applicant(db, FIXTURE_CASES.individual)
    await applicant(db, FIXTURE_CASES.principal, 'Бөтен Адам')
    for (const [session, actor] of [
      [operator, op],
      [signer, sg],
      [otherOrg, other],
      [integrator, admin],
    ] as const) {
      expect((await session.signIn(actor.email, PASSWORD)).status).toBe(303)
    }
    await signInPerson(citizen, FIXTURE_CASES.individual)
    await signInPerson(stranger, FIXTURE_CASES.principal)
  })

  it('lists the three services and shows each with its act, steps and diagrams', async () => {
    const anonymous = new WebSession(base, 'en')
    const list = await (await anonymous.get('/services')).text()
    for (const code of ['apostille', 'archival-certificate', 'mass-media-registration']) {
      expect(list).toContain(`href="/services/${code}"`)
    }
    expect(list).toContain('Apostille of archival certificates')
    const kk = await (await new WebSession(base, 'kk').get('/services')).text()
    expect(kk).toContain('Мұрағаттық анықтамалар беру')

    const page = await anonymous.get('/services/apostille')
    expect(page.status).toBe(200)
    const html = await page.text()
    // Three channels, each a figure with its diagram and a steps table.
    expect(html.match(/<figure class="diagram">/g)?.length).toBe(3)
    expect(html.match(/<svg[^>]*class="service-diagram"/g)?.length).toBe(3)
    expect(html).toContain('<th scope="row">P3</th>')
    expect(html).toContain('10–15 секунд')
    expect(html).toContain('href="/services/apostille/apply"')
    expect(html).toContain('2012-178-kk-e-service-regulations.txt')
    // The order is in the catalogue: the page links to it.
    expect(html).toContain('href="/catalog/acts/178"')
    expect((await anonymous.get('/catalog/acts/178')).status).toBe(200)
    // No inline style anywhere (the CSP forbids it).
    expect(html).not.toMatch(/\sstyle="/)
    // The mass-media registration has no service-centre channel.
    const media = await (await anonymous.get('/services/mass-media-registration')).text()
    expect(media.match(/<figure class="diagram">/g)?.length).toBe(2)

    expect((await anonymous.get('/services/no-such-service')).status).toBe(404)
    const figures = await anonymous.get('/services/apostille/figures')
    expect(figures.status).toBe(200)
    expect(await figures.text()).toContain('<svg')
  })

  it('sends applicants to sign in and shows the form of a service', async () => {
    const anonymous = new WebSession(base)
    const res = await anonymous.get('/services/apostille/apply')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/citizen/login?next=%2Fservices%2Fapostille%2Fapply')
    const form = await (await citizen.get('/services/apostille/apply')).text()
    expect(form).toContain('enctype="multipart/form-data"')
    expect(form).toContain(`<option value="${providerId}"`)
    expect(form).toContain('name="file.archivalDocument"')
    expect(form).toMatch(/name="opened" value="\d{4}-\d{2}-\d{2}T/)
  })

  it('shows the form again with the message and the values kept when a field is missing', async () => {
    const csrf = csrfOf(await (await citizen.get('/services/apostille/apply')).text())
    const res = await citizen.post(
      '/services/apostille/apply',
      apostilleForm(csrf, providerId, { 'field.destinationCountry': '' }),
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Fill in')
    expect(html).toContain('value="Национальный архив"')
    expect((await citizen.get('/applications')).status).toBe(200)
  })

  it('takes an application through payment and the applicant’s signature', async () => {
    const csrf = csrfOf(await (await citizen.get('/services/apostille/apply')).text())
    const res = await citizen.post('/services/apostille/apply', apostilleForm(csrf, providerId))
    expect(res.status).toBe(303)
    appPath = (res.headers.get('location') ?? '').replace(/\?.*$/, '')
    expect(appPath).toMatch(/^\/applications\/\d+$/)

    let html = await (await citizen.get(appPath)).text()
    expect(html).toContain('This is a simulation.')
    expect(html).toContain(TEST_CARDS.declined)
    expect(html).toContain('Германия &lt;b&gt;')
    expect(html).toContain('class="service-diagram"')
    const list = await (await citizen.get('/applications')).text()
    expect(list).toContain(`href="${appPath}"`)

    // A card number that is not one: the page again, with the message.
    const bad = await citizen.post(`${appPath}/pay`, { _csrf: csrfOf(html), cardNumber: '1234' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('The card number must have 12 to 19 digits')
    const paid = await citizen.post(`${appPath}/pay`, {
      _csrf: csrfOf(html),
      cardNumber: TEST_CARDS.paid,
    })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(`${appPath}?done=paid`)

    html = await (await citizen.get(`${appPath}?done=paid`)).text()
    expect(html).toContain('The payment has been received.')
    const shown = preData(html)
    const download = await citizen.get(`${appPath}/data-to-sign`)
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    const data = await download.text()
    expect(data).toBe(shown)
    expect(JSON.parse(data).form.destinationCountry).toBe('Германия <b>')

    const certificate = await server().pki.issue(FIXTURE_CASES.individual)
    const signed = await citizen.post(`${appPath}/sign`, {
      _csrf: csrfOf(html),
      signature: await signWith(certificate, data),
    })
    expect(signed.status).toBe(303)
    html = await (await citizen.get(appPath)).text()
    expect(html).toContain('the provider&#39;s decision on the documents and grounds')
  })

  it('shows a refusal with its reason and the failed check’s detail', async () => {
    const apply = async () => {
      const csrf = csrfOf(await (await citizen.get('/services/apostille/apply')).text())
      const res = await citizen.post('/services/apostille/apply', apostilleForm(csrf, providerId))
      return (res.headers.get('location') ?? '').replace(/\?.*$/, '')
    }
    const unpaid = await apply()
    let html = await (await citizen.get(unpaid)).text()
    const declined = await citizen.post(`${unpaid}/pay`, {
      _csrf: csrfOf(html),
      cardNumber: TEST_CARDS.declined,
    })
    expect(declined.headers.get('location')).toBe(`${unpaid}?done=declined`)
    html = await (await citizen.get(`${unpaid}?done=declined`)).text()
    expect(html).toContain('the application is refused for non-payment')
    expect(html).toContain('Refused: the service was not paid for.')
    expect(html).toContain('The payment was declined by the payment gateway.')
    expect(html).toContain('href="/verify/')

    // Signed with the certificate of another person: refused, and the page says why.
    const other = await apply()
    html = await (await citizen.get(other)).text()
    await citizen.post(`${other}/pay`, { _csrf: csrfOf(html), cardNumber: TEST_CARDS.paid })
    const data = await (await citizen.get(`${other}/data-to-sign`)).text()
    const stranger = await server().pki.issue(FIXTURE_CASES.principal)
    await citizen.post(`${other}/sign`, {
      _csrf: csrfOf(html),
      signature: await signWith(stranger, data),
    })
    html = await (await citizen.get(other)).text()
    expect(html).toContain('Refused: the electronic digital signature was not confirmed.')
    expect(html).toContain('The certificate is not the applicant')
  })

  it('lets no other applicant or organisation open the application or its files (404)', async () => {
    const html = await (await citizen.get(appPath)).text()
    const attachment = /href="(\/applications\/\d+\/attachments\/\d+)"/.exec(html)?.[1] ?? ''
    expect(attachment).not.toBe('')
    const own = await citizen.get(attachment)
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toBe('application/pdf')
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(TINY_PDF)

    const id = appPath.split('/').pop()
    for (const path of [appPath, attachment, `${appPath}/data-to-sign`, `${appPath}/result.pdf`]) {
      const res = await stranger.get(path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('Германия')
    }
    const deskPath = `/desk/applications/${id}`
    const deskAttachment = attachment.replace('/applications/', '/desk/applications/')
    for (const path of [
      deskPath,
      deskAttachment,
      `${deskPath}/data-to-sign`,
      `${deskPath}/result.pdf`,
    ]) {
      expect((await otherOrg.get(path)).status, path).toBe(404)
    }
    const inbox = await (await otherOrg.get('/desk')).text()
    expect(inbox).not.toContain(deskPath)
    // The provider's operator sees it, and its attachment.
    expect((await operator.get(deskPath)).status).toBe(200)
    expect((await operator.get(deskAttachment)).status).toBe(200)
    // A staff member of another organisation cannot act on it either.
    const csrf = csrfOf(await (await otherOrg.get('/desk')).text())
    const decision = await otherOrg.post(`${deskPath}/decision`, { _csrf: csrf, decision: 'meets' })
    expect(decision.status).toBe(404)
  })

  it('lets the provider decide and the authorised person issue the result', async () => {
    const id = appPath.split('/').pop()
    const deskPath = `/desk/applications/${id}`
    const inbox = await (await operator.get('/desk')).text()
    expect(inbox).toContain(`href="${deskPath}"`)
    let html = await (await operator.get(deskPath)).text()
    expect(html).toContain('action="/desk/applications/')
    const refused = await operator.post(`${deskPath}/decision`, {
      _csrf: csrfOf(html),
      decision: 'refuse',
      reason: 'short',
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('at least 10 characters')
    const meets = await operator.post(`${deskPath}/decision`, {
      _csrf: csrfOf(html),
      decision: 'meets',
      reason: '',
    })
    expect(meets.status).toBe(303)
    // The operator may not sign the result; the authorised person does.
    html = await (await operator.get(deskPath)).text()
    expect(html).not.toContain(`action="${deskPath}/issue"`)
    const forbidden = await operator.post(`${deskPath}/issue`, { _csrf: csrfOf(html) })
    expect(forbidden.status).toBe(403)
    html = await (await signer.get(deskPath)).text()
    expect(html).toContain(`action="${deskPath}/issue"`)
    const issued = await signer.post(`${deskPath}/issue`, { _csrf: csrfOf(html) })
    expect(issued.status).toBe(303)

    html = await (await citizen.get(appPath)).text()
    code = /<span class="code">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})<\/span>/.exec(html)?.[1] ?? ''
    expect(code).not.toBe('')
    expect(html).toContain(`href="/verify/${code}"`)
    const pdf = await citizen.get(`${appPath}/result.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    issuedPdf = new Uint8Array(await pdf.arrayBuffer())
    expect(new TextDecoder().decode(issuedPdf.slice(0, 5))).toBe('%PDF-')
    expect((await stranger.get(`${appPath}/result.pdf`)).status).toBe(404)
    const ended = await (await operator.get('/desk?view=ended')).text()
    expect(ended).toContain(`href="${deskPath}"`)
  })

  it('shows on the verification page only what the applicant shares', async () => {
    const anonymous = new WebSession(base, 'en')
    let html = await (await anonymous.get(`/verify/${code}`)).text()
    // Only that the code exists and its signature holds, until the applicant shares more.
    expect(html).not.toContain('Apostille of archival certificates')
    expect(html).toContain('has not chosen to show the details')
    expect(html).not.toContain(person.name)
    expect(html).not.toMatch(/APS-\d{4}-\d{6}/)
    expect(html).not.toContain(`/verify/${code}/document`)
    expect((await anonymous.get(`/verify/${code}/document`)).status).toBe(404)
    // Codes are read in any case and with spaces.
    const typed = await anonymous.get(
      `/verify?code=${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`,
    )
    expect(typed.status).toBe(303)
    expect(typed.headers.get('location')).toBe(`/verify/${code}`)

    const page = await (await citizen.get(appPath)).text()
    const shared = await citizen.post(`${appPath}/sharing`, {
      _csrf: csrfOf(page),
      shareName: 'on',
      shareDocument: 'on',
    })
    expect(shared.status).toBe(303)
    html = await (await anonymous.get(`/verify/${code}`)).text()
    expect(html).toContain(person.name)
    expect(html).not.toMatch(/APS-\d{4}-\d{6}/)
    const document = await anonymous.get(`/verify/${code}/document`)
    expect(document.status).toBe(200)
    expect(new Uint8Array(await document.arrayBuffer())).toEqual(issuedPdf)

    const check = async (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData()
      form.set('_csrf', csrfOf(await (await anonymous.get(`/verify/${code}`)).text()))
      form.set('document', new File([bytes], 'copy.pdf'))
      const res = await anonymous.post(`/verify/${code}`, form)
      expect(res.status).toBe(200)
      return res.text()
    }
    expect(await check(issuedPdf)).toContain('Yes: this is the document issued under this code.')
    const changed = issuedPdf.slice()
    changed[changed.length - 10] = (changed[changed.length - 10] ?? 0) ^ 1
    expect(await check(changed)).toContain('No: this file is not the document')

    const unknown = await anonymous.get('/verify/AAAA-BBBB-CCCC')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('No document was issued under the code')
    expect((await anonymous.get('/verify?code=not-a-code')).status).toBe(400)
  })

  it('takes the survey once, after the application has ended', async () => {
    const page = await (await citizen.get(appPath)).text()
    expect(page).toContain('Are you satisfied with the quality of the process')
    const answer = { _csrf: csrfOf(page), quality: '3', information: '2' }
    expect((await citizen.post(`${appPath}/survey`, answer)).status).toBe(303)
    const again = await citizen.post(`${appPath}/survey`, answer)
    expect(again.status).toBe(409)
    const figures = await (await new WebSession(base).get('/services/apostille/figures')).text()
    expect(figures).toContain('Survey answers (Appendix 3)')
    expect(figures).not.toContain('No applicant has answered the survey yet.')
  })

  it('registers an application at the provider’s desk and waits for the employee’s signature', async () => {
    const form = await (await operator.get('/desk/register')).text()
    expect(form).toContain('href="/desk/register/apostille?channel=desk"')
    // A service centre channel is not offered to a provider that is not a centre.
    expect(form).not.toContain('channel=service-centre')
    const csrf = csrfOf(form)
    const data = apostilleForm(csrf, providerId)
    data.set('iin', FIXTURE_CASES.individualWithoutPatronymic)
    const res = await operator.post('/desk/register/apostille?channel=desk', data)
    expect(res.status).toBe(303)
    const deskPath = (res.headers.get('location') ?? '').replace(/\?.*$/, '')
    expect(deskPath).toMatch(/^\/desk\/applications\/\d+$/)
    const html = await (await operator.get(deskPath)).text()
    expect(html).toContain(`action="${deskPath}/sign"`)
    expect(preData(html)).toContain('"channel": "desk"')
    // Another organisation's operator cannot register at this provider's desk.
    const refused = await otherOrg.get('/desk/register/apostille?channel=desk')
    expect(refused.status).toBe(403)
  })

  it('lets administrators of the integrator bind providers, and nobody else', async () => {
    const page = await integrator.get('/services/admin')
    expect(page.status).toBe(200)
    const html = await page.text()
    const bad = await integrator.post('/services/admin/providers', {
      _csrf: csrfOf(html),
      service: 'apostille',
      organisation: String(providerId),
      fee: 'abc',
      term: '5',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('must be a whole number')
    const ok = await integrator.post('/services/admin/providers', {
      _csrf: csrfOf(html),
      service: 'apostille',
      organisation: String(providerId),
      fee: '4500',
      term: '7',
    })
    expect(ok.status).toBe(303)
    const detail = await (await new WebSession(base, 'en').get('/services/apostille')).text()
    expect(detail).toContain('4\u00a0500 tenge')
    expect((await operator.get('/services/admin')).status).toBe(403)
    const forbidden = await operator.post('/services/admin/providers', {
      _csrf: csrfOf(await (await operator.get('/desk')).text()),
      service: 'apostille',
      organisation: String(providerId),
      fee: '1',
    })
    expect(forbidden.status).toBe(403)
  })

  it('refuses every form without the CSRF token and changes nothing', async () => {
    const id = appPath.split('/').pop()
    const wrong = 'x'.repeat(43)
    const applyForm = apostilleForm(wrong, providerId)
    expect((await citizen.post('/services/apostille/apply', applyForm)).status).toBe(403)
    for (const path of ['pay', 'sign', 'sharing', 'survey']) {
      expect((await citizen.post(`${appPath}/${path}`, { _csrf: wrong })).status, path).toBe(403)
    }
    for (const path of ['sign', 'decision', 'issue']) {
      const res = await operator.post(`/desk/applications/${id}/${path}`, { _csrf: wrong })
      expect(res.status, path).toBe(403)
    }
    const deskForm = apostilleForm(wrong, providerId)
    deskForm.set('iin', FIXTURE_CASES.individual)
    expect((await operator.post('/desk/register/apostille?channel=desk', deskForm)).status).toBe(
      403,
    )
    for (const path of ['/services/admin/providers', '/services/admin/providers/remove']) {
      const res = await integrator.post(path, {
        _csrf: wrong,
        service: 'apostille',
        organisation: String(providerId),
      })
      expect(res.status, path).toBe(403)
    }
    const verifyForm = new FormData()
    verifyForm.set('_csrf', wrong)
    verifyForm.set('document', new File([issuedPdf], 'copy.pdf'))
    expect((await new WebSession(base).post(`/verify/${code}`, verifyForm)).status).toBe(403)
    // Still bound, still one survey answer, sharing unchanged.
    const detail = await (await new WebSession(base, 'en').get('/services/apostille')).text()
    expect(detail).toContain('4\u00a0500 tenge')
    const verify = await (await new WebSession(base).get(`/verify/${code}`)).text()
    expect(verify).toContain(person.name)
  })
})
