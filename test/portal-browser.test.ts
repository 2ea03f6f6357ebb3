/// <reference lib="dom" />
/**
 * The architecture portal walked end to end in Chromium, without JavaScript, as three people:
 * a district akimat asks for an account, the service integrator grants it, the akimat's editor
 * creates an object, uploads its PDF/A-1 copy and DOCX source and submits it; the reviewer returns
 * it with remarks, the editor corrects and resubmits, the reviewer accepts it with an accounting
 * code. A user of another akimat gets 404 for the draft, its history and its files throughout,
 * and after acceptance sees the registry entry but still not the files. The portal's pages pass
 * axe (WCAG 2.1 AA) in light and dark colour schemes.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const NEW_PASSWORD = 'Бурабай көлі 2026 жыл'
const FIXTURES = join(import.meta.dirname, 'fixtures/files')
const SCREENSHOTS = join(import.meta.dirname, '../test-results/screenshots')

describe('architecture portal in Chromium', () => {
  const server = useTestServer('sqlite')
  let browser: Browser
  const contexts: BrowserContext[] = []
  let akimat: Page
  let reviewer: Page
  let other: Page
  let objectUrl = ''
  let pdfUrl = ''

  async function person(): Promise<Page> {
    const context = await browser.newContext({ locale: 'ru-RU', javaScriptEnabled: false })
    contexts.push(context)
    return context.newPage()
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server().url}/login?lang=ru`)
    await page.locator('input[name=email]').fill(email)
    await page.locator('input[name=password]').fill(password)
    await page.locator('form.auth-form button[type=submit]').click()
    await page.waitForLoadState()
  }

  async function statusOf(page: Page, url: string): Promise<number> {
    const response = await page.goto(url)
    return response?.status() ?? 0
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(SCREENSHOTS, { recursive: true })
    const db = server().handle.db
    const si = await createOrganisation(db, {
      kind: 'service-integrator',
      nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
      nameRu: 'АО «Национальные информационные технологии»',
    })
    await createUser(db, {
      email: 'reviewer@nitec.kz',
      name: 'Дәурен Асқарұлы',
      organisationId: si.id,
      roles: ['reviewer'],
      password: PASSWORD,
    })
    const otherAkimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'region',
      nameKk: 'Түркістан облысының әкімдігі',
      nameRu: 'Акимат Туркестанской области',
    })
    await createUser(db, {
      email: 'editor@turkistan.kz',
      name: 'Мария Иванова',
      organisationId: otherAkimat.id,
      roles: ['editor'],
      password: PASSWORD,
    })
    const ministry = await createOrganisation(db, {
      kind: 'authorised-body',
      nameKk: 'Цифрлық даму министрлігі',
      nameRu: 'Министерство цифрового развития',
    })
    await createUser(db, {
      email: 'admin@mdai.gov.kz',
      name: 'Әкімші',
      organisationId: ministry.id,
      roles: ['admin'],
      password: PASSWORD,
    })
    akimat = await person()
    reviewer = await person()
    other = await person()
    await signIn(reviewer, 'reviewer@nitec.kz', PASSWORD)
    await signIn(other, 'editor@turkistan.kz', PASSWORD)
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('an akimat asks for an account and the service integrator grants it', async () => {
    await akimat.goto(`${server().url}/portal/account-requests/new?lang=ru`)
    await akimat.locator('select[name=organisationKind]').selectOption('local-executive-body')
    await akimat.locator('input[name=organisationNameKk]').fill('Бурабай ауданының әкімдігі')
    await akimat.locator('input[name=organisationNameRu]').fill('Акимат Бурабайского района')
    await akimat.locator('input[name=organisationBin]').fill('123456789013')
    await akimat.locator('select[name=organisationLevel]').selectOption('district')
    await akimat.locator('input[name=contactName]').fill('Асқар Бекұлы')
    await akimat.locator('input[name=contactPosition]').fill('Начальник отдела цифровизации')
    await akimat.locator('input[name=contactEmail]').fill('askar@burabay.example.kz')
    await akimat.locator('input[name=contactPhone]').fill('+7 701 000 00 00')
    await akimat.locator('select[name=requestedRole]').selectOption('editor')
    await akimat.locator('textarea[name=basis]').fill('Учёт объектов информатизации акимата')
    await akimat.locator('main form button[type=submit]').click()
    await akimat.waitForLoadState()
    const confirmation = (await akimat.locator('main').textContent()) ?? ''
    expect(confirmation).toMatch(/\d{4}-\d{2}-\d{2}/)

    await reviewer.goto(`${server().url}/portal/account-requests`)
    await reviewer
      .getByRole('link', { name: /Бурабай/ })
      .first()
      .click()
    await reviewer.waitForLoadState()
    await reviewer.locator('form[action$="/grant"] button[type=submit]').click()
    await reviewer.waitForLoadState()
    const text = (await reviewer.locator('main').textContent()) ?? ''
    const link = /https?:\/\/[^\s"<]+\/account\/activate\?token=[\w-]+/.exec(text)?.[0]
    expect(link).toBeDefined()

    await akimat.goto(link ?? '')
    const passwords = akimat.locator('main input[type=password]')
    await passwords.nth(0).fill(NEW_PASSWORD)
    await passwords.nth(1).fill(NEW_PASSWORD)
    await akimat.locator('main form button[type=submit]').click()
    await akimat.waitForLoadState()
    await akimat.goto(`${server().url}/portal`)
    expect(await akimat.locator('main').textContent()).toContain('Асқар Бекұлы')
  })

  it('the akimat creates an object, uploads its documents and submits it', async () => {
    await akimat.goto(`${server().url}/portal/objects/new`)
    await akimat.locator('select[name=kind]').selectOption('information-system')
    await akimat.locator('input[name=nameKk]').fill('Әкімдіктің электрондық құжат айналымы')
    await akimat.locator('input[name=nameRu]').fill('Электронный документооборот акимата')
    await akimat.locator('textarea[name=purpose]').fill('Регистрация обращений')
    await akimat.locator('input[name=stageSince]').fill('2026-02-02')
    await akimat.locator('main form button[type=submit]').click()
    await akimat.waitForLoadState()
    objectUrl = akimat.url().replace(/\?.*$/, '')
    expect(objectUrl).toMatch(/\/portal\/objects\/\d+$/)

    // Submitting without the terms of reference is refused, with what is missing.
    await akimat.locator('form[action$="/submit"] button').click()
    await akimat.waitForLoadState()
    expect(await akimat.locator('[role=alert]').textContent()).toMatch(/11/)

    // A PDF that is not PDF/A: refused, with the failed checks.
    await akimat.locator('select[name=item]').selectOption('11')
    await akimat.locator('input[name=file]').setInputFiles(join(FIXTURES, 'plain.pdf'))
    await akimat.locator('form.upload button[type=submit]').click()
    await akimat.waitForLoadState()
    expect(await akimat.locator('.checks li.failed').count()).toBeGreaterThan(0)

    for (const name of ['valid-pdfa1b.pdf', 'valid.docx']) {
      await akimat.locator('select[name=item]').selectOption('11')
      await akimat.locator('input[name=file]').setInputFiles(join(FIXTURES, name))
      await akimat.locator('form.upload button[type=submit]').click()
      await akimat.waitForLoadState()
      expect(await akimat.locator('.notice').textContent()).toBeTruthy()
    }
    pdfUrl = `${server().url}${await akimat.getByRole('link', { name: 'valid-pdfa1b.pdf' }).getAttribute('href')}`

    // Another akimat: nothing of the draft.
    expect(await statusOf(other, objectUrl)).toBe(404)
    expect(await statusOf(other, `${objectUrl}/history`)).toBe(404)
    expect(await statusOf(other, pdfUrl)).toBe(404)

    await akimat.goto(objectUrl)
    await akimat.locator('form[action$="/submit"] button').click()
    await akimat.waitForLoadState()
    expect(await akimat.locator('.badge').first().textContent()).toBe('На проверке')
    await akimat.screenshot({
      path: join(SCREENSHOTS, 'portal-object-submitted.png'),
      fullPage: true,
    })
    // Submitted is not public either.
    expect(await statusOf(other, objectUrl)).toBe(404)
  })

  it('the reviewer returns it with remarks; the akimat corrects and resubmits', async () => {
    await reviewer.goto(`${server().url}/portal/review`)
    await reviewer.getByRole('link', { name: 'Электронный документооборот акимата' }).click()
    await reviewer.waitForLoadState()
    // The reviewer reads the submitted file.
    const download = await reviewer.request.get(pdfUrl)
    expect(download.status()).toBe(200)
    await reviewer.locator('textarea[name="remark.purpose"]').fill('Опишите назначение подробнее')
    await reviewer.locator('form[action$="/return"] button[type=submit]').click()
    await reviewer.waitForLoadState()

    await akimat.goto(objectUrl)
    expect(await akimat.locator('.remarks').textContent()).toContain('Опишите назначение подробнее')
    await akimat.locator('a[href$="/edit"]').click()
    await akimat
      .locator('textarea[name=purpose]')
      .fill('Регистрация, рассмотрение и согласование обращений')
    await akimat.locator('main form button[type=submit]').click()
    await akimat.waitForLoadState()
    await akimat.locator('form[action$="/submit"] button').click()
    await akimat.waitForLoadState()
    expect(await akimat.locator('.badge').first().textContent()).toBe('На проверке')
  })

  it('the reviewer accepts it with an accounting code; the other akimat sees the registry entry only', async () => {
    await reviewer.goto(objectUrl)
    await reviewer.locator('form[action$="/accept"] button[type=submit]').click()
    await reviewer.waitForLoadState()
    const code = /KZ-IS-\d{4}-\d{5}-\d/.exec(
      (await reviewer.locator('h1').textContent()) ?? '',
    )?.[0]
    expect(code).toBeDefined()

    await akimat.goto(objectUrl)
    expect(await akimat.locator('h1').textContent()).toContain(code)
    await akimat.goto(`${objectUrl}/history`)
    const history = (await akimat.locator('main').textContent()) ?? ''
    expect(history).toContain('Регистрация, рассмотрение и согласование обращений')
    expect(history).toContain('Дәурен Асқарұлы')
    await akimat.screenshot({ path: join(SCREENSHOTS, 'portal-history.png'), fullPage: true })

    expect(await statusOf(other, objectUrl)).toBe(200)
    expect(await other.locator('h1').textContent()).toContain(code)
    expect(await other.locator('a[href*="/documents/"]').count()).toBe(0)
    expect(await statusOf(other, pdfUrl)).toBe(404)
    // Nor can they change it.
    expect(await other.locator('form[action$="/submit"]').count()).toBe(0)
  })

  it('the portal pages fit a 390 px phone screen without sideways scrolling', async () => {
    const context = await browser.newContext({
      locale: 'ru-RU',
      viewport: { width: 390, height: 844 },
    })
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, 'askar@burabay.example.kz', NEW_PASSWORD)
    const object = objectUrl.replace(server().url, '')
    for (const path of [
      '/portal',
      '/portal/objects',
      object,
      `${object}/history`,
      '/portal/objects/new',
    ]) {
      await page.goto(`${server().url}${path}?lang=ru`)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      // What sticks out, outside any scrolling box (for the failure message).
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
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      )
      expect(scrollWidth, `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(390)
    }
    await page.goto(`${server().url}${object}`)
    await page.screenshot({ path: join(SCREENSHOTS, 'portal-object-390.png'), fullPage: true })
  })

  it('the portal pages pass axe in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: 'kk-KZ', bypassCSP: true, colorScheme })
      contexts.push(context)
      const page = await context.newPage()
      await signIn(page, 'reviewer@nitec.kz', PASSWORD)
      for (const path of [
        '/portal',
        '/portal/objects',
        '/portal/review',
        objectUrl.replace(server().url, ''),
        `${objectUrl.replace(server().url, '')}/history`,
        '/portal/account-requests/new',
      ]) {
        await page.goto(`${server().url}${path}`)
        const violations = await runAxe(page)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      }
      // The administrator's pages, and the account requests the reviewer decides.
      const admin = await context.newPage()
      await context.clearCookies()
      await signIn(admin, 'admin@mdai.gov.kz', PASSWORD)
      for (const path of ['/admin/users', '/admin/organisations', '/portal/account-requests']) {
        await admin.goto(`${server().url}${path}`)
        expect(await admin.locator('h1').count(), path).toBe(1)
        const violations = await runAxe(admin)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      }
    }
  })
})
