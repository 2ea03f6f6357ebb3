/// <reference lib="dom" />
/**
 * The e-services of regulations 178/2012 end to end in Chromium, as the people of the
 * regulation use them: applicants on the portal (in Kazakh), the provider's operator and
 * authorised person at their desk and a population service centre's operator (in Russian), and
 * anyone checking a result by its code (in English). Each person has their own browser context;
 * signatures are made in the test process with certificates of a test authority the server
 * trusts (the applicant's signing tool), over the data to sign read from the page.
 *
 * What is walked:
 * - each of the three services through the portal to a result: apply with attachments, pay
 *   (apostille, mass media), sign; the operator finds it in /desk by term and decides, the
 *   signer issues; the applicant downloads the PDF, checks it on /verify/CODE, shares their
 *   name and answers the survey;
 * - each refusal the portal channel has for each service: unpaid, signature over other bytes,
 *   revoked certificate, certificate of another person, grounds not met (with the reasons);
 * - the provider's desk (registration, the operator's signature, a result), the data-missing
 *   refusal at the desk and at a service centre, and a centre registration with a power of
 *   attorney;
 * - a term that has passed (overdue in the inbox and the figures) and a step over its limit;
 * - an applicant, or staff of another organisation, getting 404 for what is not theirs;
 * - axe (light and dark) on the states the page tests (services-pages-browser) do not open.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/auth/index.js'
import { addWorkingDays, kazakhstanDate } from '../src/calendar/index.js'
import { type MessageKey, translate } from '../src/i18n/index.js'
import {
  FIXTURE_CASES,
  type IssuedCertificate,
  registerAtDesk,
  serviceDefinition,
  setProvider,
  TEST_CARDS,
} from '../src/services/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { browserPages } from './support/browser-pages.js'
import { useTestServer } from './support/server.js'
import { applicant, signWith, staff, TINY_PDF } from './support/services.js'

const PASSWORD = 'correct horse battery staple'
const APPLICANT = { iin: FIXTURE_CASES.individual, name: 'Сәрсенбаева Айгүл Нұрланқызы' }
const HEAD = { iin: FIXTURE_CASES.entityHead, name: 'Жұмабеков Ерлан Серікұлы' }
/** A 1×1 PNG, accepted where a scan may be an image. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const kk = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('kk', key, params)
const ru = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('ru', key, params)
const en = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('en', key, params)

type Code = 'apostille' | 'archival-certificate' | 'mass-media-registration'

/** What an applicant types and attaches for each service. */
interface ServiceForm {
  code: Code
  paid: boolean
  /** The provider's term in working days (different per service, to see the inbox's order). */
  termWorkingDays: number
  selects: Record<string, string>
  texts: Record<string, string>
  files: Record<string, { name: string; mimeType: string; buffer: Buffer }>
}

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(TINY_PDF) })

const SERVICES: ServiceForm[] = [
  {
    code: 'apostille',
    paid: true,
    termWorkingDays: 5,
    selects: { documentKind: 'archival-copy' },
    texts: {
      destinationCountry: 'Германия',
      issuingArchive: 'Орталық мемлекеттік мұрағат',
      documentNumber: '17-04/112',
      documentDate: '2024-05-17',
    },
    files: {
      archivalDocument: pdf('мұрағат-көшірмесі.pdf'),
      supportingDocument: { name: 'аударма.png', mimeType: 'image/png', buffer: TINY_PNG },
    },
  },
  {
    code: 'archival-certificate',
    paid: false,
    termWorkingDays: 10,
    selects: {},
    texts: {
      subject: 'Әкемнің 1975–1980 жылдардағы жұмыс өтілі туралы анықтама',
      period: '1975–1980',
      archive: 'Алматы облысының мемлекеттік мұрағаты',
      purpose: 'Зейнетақы тағайындау',
    },
    files: { supportingDocument: pdf('еңбек-кітапшасы.pdf') },
  },
  {
    code: 'mass-media-registration',
    paid: true,
    termWorkingDays: 15,
    selects: { distributionForm: 'online' },
    texts: {
      outletName: '«Жетісу жаңалықтары»',
      languages: 'қазақ, орыс',
      frequency: 'күн сайын',
      territory: 'Жетісу облысы',
    },
    files: { ownerDocument: pdf('жарғы.pdf') },
  },
]

const formOf = (code: Code): ServiceForm => {
  const form = SERVICES.find((s) => s.code === code)
  if (!form) throw new Error(code)
  return form
}

/** The refusals the regulation gives the portal channel (no state-database step there). */
const PORTAL_REFUSALS = ['unpaid', 'invalid', 'revoked', 'another-person', 'grounds'] as const
type PortalRefusal = (typeof PORTAL_REFUSALS)[number]

/** The text pdftotext reads from a PDF file. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
}

/** Today in Almaty, as the server computes terms from it. */
const today = () => kazakhstanDate(new Date())

describe('e-services end to end in Chromium', () => {
  const server = useTestServer('sqlite')
  let browser: Browser
  const contexts: BrowserContext[] = []
  let providerId = 0
  let operator: Actor
  let signer: Actor
  let centre: Actor
  let stranger: Actor
  /** Pages of the people, each in their own context (cookies). */
  let citizen: Page
  let head: Page
  let desk: Page
  let authorised: Page
  let centreDesk: Page
  let otherStaff: Page
  let visitor: Page
  const certificates = {} as Record<
    'own' | 'revoked' | 'another' | 'head' | 'operator' | 'centre',
    IssuedCertificate
  >
  /** Applications made along the way, by what they are for. */
  const made = new Map<string, { id: number; number: string }>()
  const app = (key: string) => {
    const found = made.get(key)
    if (!found) throw new Error(`no application "${key}" was made (an earlier test failed)`)
    return found
  }
  const url = (path: string) => `${server().url}${path}`

  const { person, submit, signInStaff, signInPerson, mainText, status } = browserPages({
    browser: () => browser,
    url,
    password: PASSWORD,
    contexts,
  })

  /** The application's id (from the address) and number (from the heading). */
  async function applicationOn(page: Page): Promise<{ id: number; number: string }> {
    const id = Number(/\/applications\/(\d+)/.exec(page.url())?.[1])
    const number = /\b(?:APS|ARC|SMI)-\d{4}-\d{6}\b/.exec(
      (await page.locator('h1').textContent()) ?? '',
    )?.[0]
    expect(id, page.url()).toBeGreaterThan(0)
    expect(number, 'application number in the heading').toBeDefined()
    return { id, number: number ?? '' }
  }

  /** Fills the service's fields and attachments (on the portal form or the desk's). */
  async function fillForm(page: Page, form: ServiceForm, language: 'kk' | 'ru' | 'en') {
    await page.locator('#result-language').selectOption(language)
    for (const [id, value] of Object.entries(form.selects)) {
      await page.locator(`[name="field.${id}"]`).selectOption(value)
    }
    for (const [id, value] of Object.entries(form.texts)) {
      await page.locator(`[name="field.${id}"]`).fill(value)
    }
    for (const [id, file] of Object.entries(form.files)) {
      await page.locator(`[name="file.${id}"]`).setInputFiles(file)
    }
  }

  /**
   * Applies for a service on the portal from the service's page: the form, the attachments and,
   * for a company, its BIN. Ends on the new application's page.
   */
  async function apply(
    page: Page,
    code: Code,
    options: { language?: 'kk' | 'ru' | 'en'; bin?: string } = {},
  ): Promise<{ id: number; number: string }> {
    const form = formOf(code)
    await page.goto(url(`/services/${code}`))
    await page.locator(`main a[href="/services/${code}/apply"]`).first().click()
    await page.waitForURL(`**/services/${code}/apply`)
    await page.locator('#provider').selectOption(String(providerId))
    if (options.bin) {
      await page.locator('#kind-legal-entity').check()
      await page.locator('#bin').fill(options.bin)
    }
    await fillForm(page, form, options.language ?? 'kk')
    await submit(page, `/services/${code}/apply`)
    expect(page.url()).toMatch(/\/applications\/\d+\?done=submitted$/)
    expect(await mainText(page)).toContain(kk('services.done.submitted'))
    expect(await status(page)).toBe(kk('services.status.in-progress'))
    return applicationOn(page)
  }

  async function pay(page: Page, card: string): Promise<void> {
    await page.locator('#card-number').fill(card)
    await submit(page, '/pay')
  }

  /** The exact data to sign, as the page shows it. */
  async function dataToSign(page: Page): Promise<string> {
    const data = await page.locator('pre.data-to-sign').textContent()
    expect(data).toMatch(/^\{\n/)
    return data ?? ''
  }

  async function paste(page: Page, signature: string): Promise<void> {
    await page.locator('textarea[name=signature]').fill(signature)
    await submit(page, '/sign')
  }

  /** Downloads what a link gives; returns the file's path and bytes. */
  async function download(page: Page, selector: string): Promise<{ path: string; bytes: Buffer }> {
    const started = page.waitForEvent('download')
    await page.locator(selector).first().click()
    const file = await started
    const path = await file.path()
    return { path, bytes: readFileSync(path) }
  }

  /** The result (or refusal) PDF of the page: a PDF holding the number and the code. */
  async function checkResultPdf(
    page: Page,
    number: string,
  ): Promise<{ code: string; text: string }> {
    const code = ((await page.locator('.result-box .code').first().textContent()) ?? '').trim()
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    const { path, bytes } = await download(page, 'a[href$="/result.pdf"]')
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(path)
    expect(text).toContain(number)
    expect(text).toContain(code)
    return { code, text: text.replace(/\s+/g, ' ') }
  }

  /** The rows of the inbox: number, term and text, top to bottom. */
  async function inbox(page: Page) {
    await page.goto(url('/desk'))
    return page.locator('table.inbox tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        number: row.querySelector('th a')?.textContent?.trim() ?? '',
        due: row.querySelector('time')?.getAttribute('datetime') ?? null,
        overdueClass: row.classList.contains('overdue'),
        text: (row.textContent ?? '').replace(/\s+/g, ' '),
      })),
    )
  }

  /** Earliest term first, applications without a term (not registered yet) last. */
  function expectSortedByTerm(rows: { due: string | null }[]) {
    const dues = rows.map((r) => r.due)
    const dated = dues.filter((d): d is string => d !== null)
    expect(dues.slice(0, dated.length), 'terms before the rows without one').toEqual(dated)
    expect(dated, 'earliest term first').toEqual([...dated].sort())
  }

  /** Staff open an application from their inbox by its number. */
  async function openFromInbox(page: Page, number: string): Promise<void> {
    await page.goto(url('/desk'))
    await page.getByRole('link', { name: number, exact: true }).click()
    await page.waitForURL(/\/desk\/applications\/\d+/)
  }

  async function decide(page: Page, number: string, refuse?: string): Promise<void> {
    await openFromInbox(page, number)
    if (refuse) {
      await page.locator('#decision-refuse').check()
      await page.locator('#reason').fill(refuse)
    } else {
      await page.locator('#decision-meets').check()
    }
    await submit(page, '/decision')
    expect(await mainText(page)).toContain(ru('services.done.decided'))
  }

  async function issue(page: Page, number: string): Promise<void> {
    await openFromInbox(page, number)
    await submit(page, '/issue')
    expect(await mainText(page)).toContain(ru('services.done.issued'))
    expect(await status(page)).toBe(ru('services.status.completed'))
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    const db = server().handle.db
    const pki = server().pki
    const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
    operator = await staff(db, { roles: ['operator'], name: 'Ақпарат және мұрағат комитеті' })
    providerId = operator.organisation.id
    signer = await staff(db, { roles: ['signer'], organisationId: providerId })
    centre = await staff(db, { kind: 'service-centre', roles: ['operator'], name: 'ХҚКО' })
    stranger = await staff(db, { roles: ['operator', 'signer'], name: 'Басқа ведомство' })
    for (const form of SERVICES) {
      await setProvider(db, admin, {
        serviceCode: form.code,
        organisationId: providerId,
        feeKzt: form.paid ? 3_000 : null,
        termWorkingDays: form.termWorkingDays,
      })
    }
    // The head of «Жетісу Ақпарат» has an account already; the first applicant registers.
    await applicant(db, HEAD.iin, HEAD.name)
    certificates.own = await pki.issue(APPLICANT.iin, { name: APPLICANT.name })
    certificates.revoked = await pki.issue(APPLICANT.iin, { name: APPLICANT.name })
    await pki.revoke(certificates.revoked)
    certificates.another = await pki.issue(FIXTURE_CASES.individualWithoutPatronymic)
    certificates.head = await pki.issue(HEAD.iin, { bin: FIXTURE_CASES.entity, name: HEAD.name })
    // Employees sign as employees: their organisation's BIN is in the certificate.
    certificates.operator = await pki.issue('870412300014', {
      bin: operator.organisation.bin ?? undefined,
      name: 'Оператор Комитета',
    })
    certificates.centre = await pki.issue('760305400023', {
      bin: centre.organisation.bin ?? undefined,
      name: 'Оператор ЦОН',
    })

    citizen = await person('kk-KZ')
    head = await person('kk-KZ')
    desk = await person('ru-RU')
    authorised = await person('ru-RU')
    centreDesk = await person('ru-RU')
    otherStaff = await person('ru-RU')
    visitor = await person('en-GB')
    await signInPerson(head, HEAD.iin)
    await signInStaff(desk, operator.email)
    await signInStaff(authorised, signer.email)
    await signInStaff(centreDesk, centre.email)
    await signInStaff(otherStaff, stranger.email)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('an applicant follows "Apply", registers at /citizen/register and lands on the form', async () => {
    await citizen.goto(url('/services/apostille'))
    await citizen.locator('main a[href="/services/apostille/apply"]').first().click()
    await citizen.waitForURL(/\/citizen\/login\?next=/)
    await citizen.locator('main a[href^="/citizen/register"]').click()
    await citizen.waitForURL(/\/citizen\/register\?next=/)
    await citizen.locator('input[name=iin]').fill(APPLICANT.iin)
    await citizen.locator('input[name=name]').fill(APPLICANT.name)
    await citizen.locator('input[name=password]').fill(PASSWORD)
    await citizen.locator('input[name=password2]').fill(PASSWORD)
    await submit(citizen, '/citizen/register')
    expect(new URL(citizen.url()).pathname).toBe('/services/apostille/apply')
    expect(await mainText(citizen)).toContain(APPLICANT.iin)
  })

  describe('each service through the portal to a result', () => {
    it('applicants apply with attachments, pay and sign (longest term first)', async () => {
      // The company's mass media first (15 working days), then the archival certificate (10),
      // then the apostille (5): the inbox must show them the other way round.
      const media = await apply(head, 'mass-media-registration', {
        language: 'en',
        bin: FIXTURE_CASES.entity,
      })
      expect(await mainText(head)).toContain(kk('services.pay.title'))
      await pay(head, TEST_CARDS.paid)
      expect(await mainText(head)).toContain(kk('services.done.paid'))
      await paste(head, await signWith(certificates.head, await dataToSign(head)))
      made.set('result:mass-media-registration', media)

      const archival = await apply(citizen, 'archival-certificate', { language: 'ru' })
      // No payment in this service: the signature panel comes at once.
      expect(await mainText(citizen)).not.toContain(kk('services.pay.title'))
      await paste(citizen, await signWith(certificates.own, await dataToSign(citizen)))
      made.set('result:archival-certificate', archival)

      const apostille = await apply(citizen, 'apostille')
      await pay(citizen, TEST_CARDS.paid)
      expect(await mainText(citizen)).toContain(kk('services.done.paid'))
      // This time the data comes from the download link; it is the same as the page shows.
      const shown = await dataToSign(citizen)
      const { bytes } = await download(citizen, 'a[href$="/data-to-sign"]')
      expect(bytes.toString('utf8')).toBe(shown)
      expect(shown).toContain(apostille.number)
      await paste(citizen, await signWith(certificates.own, bytes))
      made.set('result:apostille', apostille)

      for (const [page, { id }] of [
        [head, media],
        [citizen, archival],
        [citizen, apostille],
      ] as const) {
        await page.goto(url(`/applications/${id}`))
        expect(await status(page)).toBe(kk('services.status.in-progress'))
        const text = await mainText(page)
        expect(text).toContain(kk('services.waiting.provider-decision'))
        // Every step so far was quick: none over its limit.
        expect(await page.locator('table.history tr.over-limit').count()).toBe(0)
      }
    })

    it("the provider's operator sees them in /desk by term, with the calendar's terms", async () => {
      const rows = await inbox(desk)
      expectSortedByTerm(rows)
      const position = (key: string) => rows.findIndex((r) => r.number === app(key).number)
      const order = SERVICES.map((s) => position(`result:${s.code}`))
      expect(order.every((i) => i >= 0)).toBe(true)
      expect(order, 'apostille (5 days), archival (10), mass media (15)').toEqual(
        [...order].sort((a, b) => a - b),
      )
      for (const form of SERVICES) {
        const row = rows[position(`result:${form.code}`)]
        expect(row?.due).toBe(addWorkingDays(today(), form.termWorkingDays))
        expect(row?.overdueClass).toBe(false)
      }
      for (const form of SERVICES) await decide(desk, app(`result:${form.code}`).number)
    })

    it('the authorised person signs and issues each result', async () => {
      for (const form of SERVICES) await issue(authorised, app(`result:${form.code}`).number)
    })

    for (const form of SERVICES) {
      it(`${form.code}: the applicant sees it completed, downloads the PDF, verifies, shares and answers the survey`, async () => {
        const page = form.code === 'mass-media-registration' ? head : citizen
        const name = form.code === 'mass-media-registration' ? HEAD.name : APPLICANT.name
        const { id, number } = app(`result:${form.code}`)
        await page.goto(url(`/applications/${id}`))
        expect(await status(page)).toBe(kk('services.status.completed'))
        expect(await page.locator('.result-box h2').textContent()).toBe(kk('services.result.title'))
        const { code } = await checkResultPdf(page, number)
        made.set(`code:${form.code}`, { id, number: code })

        // The public page shows the defaults only: not the name, not the number.
        await visitor.goto(url(`/verify/${code}`))
        let shown = await mainText(visitor)
        expect(shown).toContain(code)
        expect(shown).not.toContain(en('services.verify.kindResult'))
        expect(shown).not.toContain(serviceDefinition(form.code)?.name.en ?? '?')
        expect(shown).toContain(en('services.verify.signatureValid'))
        expect(shown).not.toContain(name)
        expect(shown).not.toContain(number)
        expect((await visitor.goto(url(`/verify/${code}/document`)))?.status()).toBe(404)

        // The applicant shares their name (only): the page shows it, still not the number.
        await page.goto(url(`/applications/${id}`))
        await page.locator('#share-shareName').check()
        await submit(page, '/sharing')
        expect(await mainText(page)).toContain(kk('services.done.sharing'))
        expect(await page.locator('#share-shareName').isChecked()).toBe(true)
        await visitor.goto(url(`/verify/${code}`))
        shown = await mainText(visitor)
        expect(shown).toContain(name)
        expect(shown).not.toContain(number)

        // The Appendix 3 survey, once.
        await page.locator('#survey-quality-3').check()
        await page.locator('#survey-information-2').check()
        await submit(page, '/survey')
        const text = await mainText(page)
        expect(text).toContain(kk('services.done.survey'))
        expect(text).toContain(kk('services.survey.answer3'))
        expect(await page.locator('form[action$="/survey"]').count()).toBe(0)
      })
    }
  })

  describe('each refusal of the portal channel, for each service', () => {
    const cases = SERVICES.flatMap((form) =>
      PORTAL_REFUSALS.filter((kind) => form.paid || kind !== 'unpaid').map(
        (kind) => [form.code, kind] as const,
      ),
    )
    const REASONS = 'Мұрағаттық құжаттың көшірмесі мұрағат мөрімен куәландырылмаған.'

    it.each(cases)('%s: %s', async (code: Code, kind: PortalRefusal) => {
      const form = formOf(code)
      const { id, number } = await apply(citizen, code)
      made.set(`refused:${code}:${kind}`, { id, number })
      if (form.paid) await pay(citizen, kind === 'unpaid' ? TEST_CARDS.declined : TEST_CARDS.paid)
      if (kind !== 'unpaid') {
        const data = await dataToSign(citizen)
        const signature =
          kind === 'invalid'
            ? // Signed bytes that differ from the data to sign (another channel).
              await signWith(certificates.own, data.replace('"portal"', '"desk"'))
            : kind === 'revoked'
              ? await signWith(certificates.revoked, data)
              : kind === 'another-person'
                ? await signWith(certificates.another, data)
                : await signWith(certificates.own, data)
        await paste(citizen, signature)
      }
      if (kind === 'grounds') {
        expect(await status(citizen)).toBe(kk('services.status.in-progress'))
        await decide(desk, number, REASONS)
        await citizen.goto(url(`/applications/${id}`))
      }
      expect(await status(citizen)).toBe(kk('services.status.refused'))
      const refusal = ((await citizen.locator('main section.remarks').textContent()) ?? '').replace(
        /\s+/g,
        ' ',
      )
      const expected: Record<PortalRefusal, [MessageKey, MessageKey | null]> = {
        unpaid: ['services.refusal.unpaid', 'services.detail.declined'],
        invalid: ['services.refusal.signature', 'services.signature.data-mismatch'],
        revoked: ['services.refusal.signature', 'services.signature.revoked'],
        'another-person': ['services.refusal.signature', 'services.signature.identity-mismatch'],
        grounds: ['services.refusal.grounds', null],
      }
      const [reason, detail] = expected[kind]
      expect(refusal).toContain(kk(reason))
      if (detail) expect(refusal).toContain(kk(detail))
      if (kind === 'grounds') expect(refusal).toContain(REASONS)
      expect(await citizen.locator('.result-box h2').textContent()).toBe(
        kk('services.result.refusalTitle'),
      )
      await checkResultPdf(citizen, number)
    })
  })

  describe("the provider's desk and a population service centre", () => {
    it('the operator registers an archival certificate at the desk, signs the form; a result is issued', async () => {
      const form = formOf('archival-certificate')
      await desk.goto(url('/desk'))
      await desk.locator('main a[href="/desk/register"]').click()
      await desk.locator('a[href="/desk/register/archival-certificate?channel=desk"]').click()
      await desk.waitForURL(/\/desk\/register\/archival-certificate\?channel=desk$/)
      await desk.locator('#iin').fill(FIXTURE_CASES.individualWithoutPatronymic)
      await fillForm(desk, form, 'kk')
      // The operator took two minutes over the recipient's details: the form carries when it
      // was opened, so it is set back instead of making the test wait (limit: 10 seconds).
      await desk.locator('input[name=opened]').evaluate((input, at) => {
        ;(input as HTMLInputElement).value = at
      }, new Date(Date.now() - 120_000).toISOString())
      await submit(desk, '/desk/register/archival-certificate?channel=desk')
      expect(desk.url()).toMatch(/\/desk\/applications\/\d+\?done=registered$/)
      const { id, number } = await applicationOn(desk)
      expect(number).toMatch(/^ARC-/)
      made.set('desk', { id, number })
      let text = await mainText(desk)
      // The state database gave the recipient's name.
      expect(text).toContain('Ахметов Бауыржан')
      expect(text).toContain(ru('services.waiting.employee-signature'))

      // A signature over other bytes is refused as input: the application keeps waiting.
      const data = await dataToSign(desk)
      await paste(desk, await signWith(certificates.operator, `${data} `))
      expect(
        await desk.locator('main .error-message, main [role=alert]').first().textContent(),
      ).toContain(ru('services.signature.data-mismatch'))
      expect(await status(desk)).toBe(ru('services.status.in-progress'))
      await paste(desk, await signWith(certificates.operator, await dataToSign(desk)))
      expect(await mainText(desk)).toContain(ru('services.done.signed'))
      expect(await mainText(desk)).toContain(ru('services.waiting.provider-decision'))

      await decide(desk, number)
      await issue(authorised, number)
      await desk.goto(url(`/desk/applications/${id}`))
      expect(await status(desk)).toBe(ru('services.status.completed'))
      await checkResultPdf(desk, number)

      // The history: the recipient's details (P2) took two minutes against 10 seconds.
      const over = desk.locator('table.history tr.over-limit')
      expect(await over.count()).toBe(1)
      text = ((await over.textContent()) ?? '').replace(/\s+/g, ' ')
      const p2 = serviceDefinition('archival-certificate')?.channels.desk?.steps.find(
        (s) => s.id === 'P2',
      )
      expect(text).toContain(`P2 ${p2?.label.ru}`)
      expect(text).toContain(ru('services.overLimit'))
    })

    it('an IIN the state databases do not hold is refused at once at the desk', async () => {
      await desk.goto(url('/desk/register/apostille?channel=desk'))
      await desk.locator('#iin').fill(FIXTURE_CASES.absentIin)
      await fillForm(desk, formOf('apostille'), 'ru')
      await submit(desk, '/desk/register/apostille?channel=desk')
      expect(desk.url()).toMatch(/\/desk\/applications\/\d+\?done=refused$/)
      const { id, number } = await applicationOn(desk)
      made.set('desk:state-data', { id, number })
      expect(await status(desk)).toBe(ru('services.status.refused'))
      const refusal = await desk.locator('main section.remarks').textContent()
      expect(refusal).toContain(ru('services.refusal.state-data'))
      expect(refusal).toContain(ru('services.detail.recipient-missing'))
      expect(await desk.locator('pre.data-to-sign').count()).toBe(0)
      await checkResultPdf(desk, number)
    })

    it("a service centre registers an apostille for a principal through her representative's power of attorney", async () => {
      await centreDesk.goto(url('/desk/register'))
      await centreDesk.locator('a[href="/desk/register/apostille?channel=service-centre"]').click()
      await centreDesk.waitForURL(/\/desk\/register\/apostille\?channel=service-centre$/)
      // A centre registers for the providers; it has no desk channel of its own.
      expect(
        await centreDesk.locator('a[href="/desk/register/apostille?channel=desk"]').count(),
      ).toBe(0)
      await centreDesk.locator('#provider').selectOption(String(providerId))
      await centreDesk.locator('#iin').fill(FIXTURE_CASES.principal)
      await centreDesk.locator('#representative-iin').fill(FIXTURE_CASES.representative)
      await centreDesk.locator('#power-of-attorney').fill(FIXTURE_CASES.powerOfAttorney)
      await fillForm(centreDesk, formOf('apostille'), 'kk')
      await submit(centreDesk, '/desk/register/apostille?channel=service-centre')
      expect(centreDesk.url()).toMatch(/\/desk\/applications\/\d+\?done=registered$/)
      const { id, number } = await applicationOn(centreDesk)
      made.set('centre', { id, number })
      let text = await mainText(centreDesk)
      expect(text).toContain('Төлеуова Әсем Маратқызы')
      expect(text).toContain(FIXTURE_CASES.representative)
      expect(text).toContain(FIXTURE_CASES.powerOfAttorney)
      const data = await dataToSign(centreDesk)
      expect(data).toContain(FIXTURE_CASES.powerOfAttorney)
      await paste(centreDesk, await signWith(certificates.centre, data))
      text = await mainText(centreDesk)
      expect(text).toContain(ru('services.done.signed'))
      expect(text).toContain(ru('services.waiting.provider-decision'))
      // Sent to the provider: it is in the provider's inbox with the calendar's term.
      const row = (await inbox(desk)).find((r) => r.number === number)
      expect(row?.due).toBe(addWorkingDays(today(), formOf('apostille').termWorkingDays))
      expect(row?.text).toContain(ru('services.channel.service-centre'))
    })

    it('an expired power of attorney is refused at once at the centre', async () => {
      await centreDesk.goto(url('/desk/register/archival-certificate?channel=service-centre'))
      await centreDesk.locator('#provider').selectOption(String(providerId))
      await centreDesk.locator('#iin').fill(FIXTURE_CASES.expiredPrincipal)
      await centreDesk.locator('#representative-iin').fill(FIXTURE_CASES.expiredRepresentative)
      await centreDesk.locator('#power-of-attorney').fill(FIXTURE_CASES.expiredPowerOfAttorney)
      await fillForm(centreDesk, formOf('archival-certificate'), 'ru')
      await submit(centreDesk, '/desk/register/archival-certificate?channel=service-centre')
      expect(await status(centreDesk)).toBe(ru('services.status.refused'))
      const refusal = await centreDesk.locator('main section.remarks').textContent()
      expect(refusal).toContain(ru('services.refusal.state-data'))
      expect(refusal).toContain(ru('services.detail.expired'))
      expect(refusal).not.toContain(ru('services.signature.expired'))
      // The refusal document gives the same detail.
      const { number } = await applicationOn(centreDesk)
      const { text } = await checkResultPdf(centreDesk, number)
      expect(text).toContain(ru('services.detail.expired'))
      expect(text).not.toContain(ru('services.signature.expired'))
    })
  })

  describe('terms and limits', () => {
    it('an application past its term is overdue in the inbox (in words) and in the figures', async () => {
      const { id, number } = app('centre')
      const past = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10)
      // Time cannot pass in a test: the term was computed with the calendar at registration,
      // so it is moved into the past in the database, as the passing working days would.
      await server()
        .handle.db.updateTable('services_application')
        .set({ due_on: past })
        .where('id', '=', id)
        .execute()
      const rows = await inbox(desk)
      expectSortedByTerm(rows)
      expect(rows[0]?.number).toBe(number)
      expect(rows[0]?.due).toBe(past)
      expect(rows[0]?.text).toContain(ru('services.overdue'))
      expect(rows[0]?.overdueClass).toBe(true)
      expect(rows.filter((r) => r.text.includes(ru('services.overdue')))).toHaveLength(1)
      expect(await mainText(desk)).toContain(ru('services.desk.overdueCount', { n: 1 }))
      // The centre that registered it sees it overdue too, and so does its page.
      const atCentre = (await inbox(centreDesk)).find((r) => r.number === number)
      expect(atCentre?.text).toContain(ru('services.overdue'))
      await desk.goto(url(`/desk/applications/${id}`))
      expect(await desk.locator('main dl.facts').first().textContent()).toContain(
        ru('services.overdue'),
      )

      await visitor.goto(url('/services/apostille/figures'))
      const overdueRow = visitor.locator('tr', { hasText: en('services.figures.overdueNow') })
      expect(((await overdueRow.locator('td').textContent()) ?? '').trim()).toBe(
        `1 ${en('services.overdue')}`,
      )
      // The other services have nothing overdue.
      await visitor.goto(url('/services/archival-certificate/figures'))
      expect(
        (
          (await visitor
            .locator('tr', { hasText: en('services.figures.overdueNow') })
            .locator('td')
            .textContent()) ?? ''
        ).trim(),
      ).toBe('0')
    })
  })

  describe('what is not yours', () => {
    it("an applicant gets 404 for another applicant's application, attachment, data to sign and result", async () => {
      const { id } = app('result:apostille')
      await citizen.goto(url(`/applications/${id}`))
      const attachment = await citizen
        .locator('a[href*="/attachments/"]')
        .first()
        .getAttribute('href')
      expect(attachment).toMatch(new RegExp(`^/applications/${id}/attachments/\\d+$`))
      // The owner gets each of them.
      for (const path of [
        attachment,
        `/applications/${id}/data-to-sign`,
        `/applications/${id}/result.pdf`,
      ]) {
        expect((await citizen.context().request.get(url(path ?? ''))).status(), path ?? '').toBe(
          200,
        )
      }
      for (const path of [
        `/applications/${id}`,
        attachment ?? '',
        `/applications/${id}/data-to-sign`,
        `/applications/${id}/result.pdf`,
      ]) {
        const response = await head.goto(url(path))
        expect(response?.status(), path).toBe(404)
        expect(await head.locator('h1').textContent()).not.toContain(app('result:apostille').number)
      }
      // And the other way round; neither list shows the other's applications.
      const media = app('result:mass-media-registration')
      expect((await citizen.goto(url(`/applications/${media.id}`)))?.status()).toBe(404)
      expect((await citizen.goto(url(`/applications/${media.id}/result.pdf`)))?.status()).toBe(404)
      await citizen.goto(url('/applications'))
      expect(await mainText(citizen)).not.toContain(media.number)
      await head.goto(url('/applications'))
      const list = await mainText(head)
      expect(list).toContain(media.number)
      expect(list).not.toContain(app('result:apostille').number)
    })

    it('staff of another organisation get 404 for the application and its files', async () => {
      const { id } = app('desk')
      for (const path of [
        `/desk/applications/${id}`,
        `/desk/applications/${id}/data-to-sign`,
        `/desk/applications/${id}/result.pdf`,
        `/desk/applications/${app('result:apostille').id}`,
      ]) {
        expect((await otherStaff.goto(url(path)))?.status(), path).toBe(404)
      }
      const rows = await inbox(otherStaff)
      expect(rows).toEqual([])
    })
  })

  it('the states the page tests do not open pass axe in light and dark schemes', async () => {
    // An application at a service centre waiting for the operator's signature.
    const waiting = await registerAtDesk(server().handle.db, server().services, centre, {
      serviceCode: 'archival-certificate',
      channel: 'service-centre',
      providerOrganisationId: providerId,
      recipientKind: 'individual',
      iin: FIXTURE_CASES.minor,
      language: 'kk',
      form: formOf('archival-certificate').texts,
      attachments: [],
    })
    const pages: [who: 'citizen' | 'centre' | 'provider', path: string][] = [
      ['citizen', '/services/archival-certificate/apply'],
      ['citizen', '/services/mass-media-registration/apply'],
      ['citizen', `/applications/${app('refused:apostille:grounds').id}`],
      ['citizen', `/applications/${app('refused:archival-certificate:revoked').id}`],
      ['centre', '/desk/register/apostille?channel=service-centre'],
      ['centre', `/desk/applications/${waiting.id}`],
      ['centre', '/desk'],
      ['provider', `/desk/applications/${app('desk:state-data').id}`],
      ['provider', `/desk/applications/${app('desk').id}`],
      ['provider', '/desk'],
      ['provider', '/services/apostille/figures'],
    ]
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: 'kk-KZ', bypassCSP: true, colorScheme })
      contexts.push(context)
      const page = await context.newPage()
      let signedIn = ''
      for (const [who, path] of pages) {
        if (who !== signedIn) {
          await context.clearCookies()
          if (who === 'citizen') await signInPerson(page, APPLICANT.iin)
          else await signInStaff(page, who === 'centre' ? centre.email : operator.email)
          signedIn = who
        }
        const response = await page.goto(url(path))
        expect(response?.status(), path).toBe(200)
        const violations = await runAxe(page)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      }
    }
  }, 60_000)
})
