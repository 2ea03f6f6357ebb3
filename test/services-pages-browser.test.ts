/// <reference lib="dom" />
/**
 * The e-services' pages in Chromium: applications in each state are made through the services
 * module, then the public, applicant, staff and administrator pages are opened as those people
 * would. Every page fits a 390 px phone screen without sideways scrolling (wide diagrams and
 * tables scroll inside their own focusable box) and passes axe (WCAG 2.1 AA) in light and dark
 * colour schemes, in Kazakh.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/auth/index.js'
import {
  type ApplicantPerson,
  answerSurvey,
  applyOnPortal,
  dataToSignFor,
  decideApplication,
  FIXTURE_CASES,
  issueResult,
  payApplication,
  requireView,
  signApplication,
  TEST_CARDS,
} from '../src/services/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'
import { applicant, bindProvider, signWith, staff, TINY_PDF } from './support/services.js'

const PASSWORD = 'correct horse battery staple'
const SCREENSHOTS = join(import.meta.dirname, '../test-results/screenshots')

describe('e-services pages in Chromium', () => {
  const server = useTestServer('sqlite')
  let browser: Browser
  const contexts: BrowserContext[] = []
  let operator: Actor
  let signer: Actor
  let admin: Actor
  let waiting = 0
  let completed = 0
  let refused = 0
  let pending = 0
  let code = ''

  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(SCREENSHOTS, { recursive: true })
    const db = server().handle.db
    const ctx = server().services
    admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
    operator = await staff(db, { roles: ['operator'], name: 'Ақпарат және мұрағат комитеті' })
    signer = await staff(db, { roles: ['signer'], organisationId: operator.organisation.id })
    await bindProvider(db, admin, operator.organisation.id, { feeKzt: 3_000, termWorkingDays: 5 })
    const registered = await applicant(db, FIXTURE_CASES.individual)
    const person: ApplicantPerson = registered
    const apply = () =>
      applyOnPortal(db, ctx, person, {
        serviceCode: 'apostille',
        providerOrganisationId: operator.organisation.id,
        recipientKind: 'individual',
        language: 'kk',
        form: {
          documentKind: 'archival-certificate',
          destinationCountry: 'Германия',
          issuingArchive: 'Орталық мемлекеттік мұрағат',
          documentNumber: '17-04/112',
          documentDate: '2024-05-17',
        },
        attachments: [{ slot: 'archivalDocument', originalName: 'анықтама.pdf', bytes: TINY_PDF }],
        signedInAt: new Date(Date.now() - 120_000),
        formOpenedAt: new Date(Date.now() - 100_000),
      })
    const certificate = await server().pki.issue(FIXTURE_CASES.individual)
    const paidAndSigned = async () => {
      const view = await apply()
      await payApplication(db, ctx, person, view.id, TEST_CARDS.paid)
      const data = await dataToSignFor(db, { person }, view.id)
      await signApplication(db, ctx, { person }, view.id, await signWith(certificate, data))
      return view.id
    }
    waiting = await paidAndSigned()
    completed = await paidAndSigned()
    await decideApplication(db, ctx, operator, completed, { meets: true })
    await issueResult(db, ctx, signer, completed)
    await answerSurvey(db, person, completed, { quality: 3, information: 2 })
    refused = (await apply()).id
    await payApplication(db, ctx, person, refused, TEST_CARDS.declined)
    code = (await requireView(db, { person }, completed)).result?.code ?? ''
    expect(code).not.toBe('')
    pending = (await apply()).id // waits for payment
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  async function open(options: {
    viewport?: { width: number; height: number }
    colorScheme?: 'light' | 'dark'
    /** Off to see the pages as they work without JavaScript; axe needs it on. */
    javaScriptEnabled?: boolean
  }): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'kk-KZ', bypassCSP: true, ...options })
    contexts.push(context)
    return context
  }

  async function signInStaff(page: Page, email: string) {
    await page.goto(`${server().url}/login`)
    await page.locator('input[name=email]').fill(email)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.locator('form.auth-form button[type=submit]').click()
    await page.waitForLoadState()
  }

  async function signInApplicant(page: Page) {
    await page.goto(`${server().url}/citizen/login`)
    await page.locator('input[name=iin]').fill(FIXTURE_CASES.individual)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.locator('main form button[type=submit]').click()
    await page.waitForLoadState()
  }

  /** Who opens which pages. */
  const publicPaths = () => [
    '/services',
    '/services/apostille',
    '/services/archival-certificate/figures',
    '/services/apostille/figures',
    '/verify',
    `/verify/${code}`,
    '/verify/AAAA-BBBB-CCCC',
  ]
  const applicantPaths = () => [
    '/applications',
    '/services/apostille/apply',
    `/applications/${waiting}`,
    `/applications/${completed}`,
    `/applications/${refused}`,
    `/applications/${pending}`,
  ]
  const staffPaths = () => [
    '/desk',
    '/desk?view=ended',
    `/desk/applications/${waiting}`,
    `/desk/applications/${completed}`,
    '/desk/register',
    '/desk/register/apostille?channel=desk',
  ]

  async function visitAll(
    context: BrowserContext,
    check: (page: Page, path: string) => Promise<void>,
  ) {
    const visitor = await context.newPage()
    for (const path of publicPaths()) await check(visitor, path)
    const person = await context.newPage()
    await signInApplicant(person)
    for (const path of applicantPaths()) await check(person, path)
    await context.clearCookies()
    const employee = await context.newPage()
    await signInStaff(employee, operator.email)
    for (const path of staffPaths()) await check(employee, path)
    await context.clearCookies()
    const administrator = await context.newPage()
    await signInStaff(administrator, admin.email)
    await check(administrator, '/services/admin')
  }

  it('fits a 390 px phone screen without sideways scrolling', async () => {
    const context = await open({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })
    await visitAll(context, async (page, path) => {
      const response = await page.goto(`${server().url}${path}`)
      // The unknown code is a 404 page; everything else is found.
      expect(response?.status(), path).toBe(path.includes('AAAA') ? 404 : 200)
      expect(await page.locator('h1').count(), path).toBe(1)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((e) => {
            if (e.getBoundingClientRect().right <= 391) return false
            for (let a = e.parentElement; a; a = a.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false
            }
            return true
          })
          .slice(0, 8)
          .map(
            (e) =>
              `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} «${(e.parentElement?.textContent ?? '').slice(0, 60)}»`,
          ),
      )
      expect(scrollWidth, `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(390)
      if (path === `/applications/${completed}` || path === '/services/apostille') {
        const name = path.replace(/\W+/g, '-').replace(/^-|-$/g, '')
        await page.screenshot({
          path: join(SCREENSHOTS, `services-${name}-390.png`),
          fullPage: true,
        })
      }
    })
  })

  it('passes axe in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await open({ colorScheme })
      await visitAll(context, async (page, path) => {
        await page.goto(`${server().url}${path}`)
        const violations = await runAxe(page)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      })
    }
  })
})
