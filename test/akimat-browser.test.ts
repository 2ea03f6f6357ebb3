/// <reference lib="dom" />
/**
 * An akimat's architecture in Chromium, without JavaScript: the editor of a new district akimat
 * signs in, adopts the typical set of its level with its KATO code, opens a function, chooses a
 * recommended system at level 1 and sees the gap report change; printed, the report leaves out
 * the navigation and the forms. The pages fit 1280 and 390 px screens (screenshots in
 * test-results/screenshots) and pass axe (WCAG 2.1 AA) in light and dark colour schemes, with an
 * example akimat's full report as well.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EXAMPLE_AKIMATS,
  maxLevel,
  seedExampleAkimat,
  typicalSet,
  typicalSetOptions,
} from '../src/akimat/index.js'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { type CatalogRow, loadCatalogSnapshot } from '../src/catalog/index.js'
import { translate } from '../src/i18n/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

const PASSWORD = 'Зеренді көлі 2026 жыл'
const SCREENSHOTS = join(import.meta.dirname, '../test-results/screenshots')
const KATO = '114400000'

describe('akimat architecture in Chromium', () => {
  const server = useTestServer('sqlite', { acts: 'bundled' })
  let browser: Browser
  const contexts: BrowserContext[] = []
  let akimatId = 0
  let exampleId = 0
  /** A function of the first page whose row names a system (preferably with several levels). */
  let chosen: CatalogRow
  let functionUrl = ''
  const url = (path: string) => `${server().url}${path}`

  async function open(
    options: {
      viewport?: { width: number; height: number }
      colorScheme?: 'light' | 'dark'
      javaScriptEnabled?: boolean
    } = {},
  ): Promise<BrowserContext> {
    const context = await browser.newContext({
      locale: 'kk-KZ',
      javaScriptEnabled: false,
      ...options,
      ...(options.javaScriptEnabled ? { bypassCSP: true } : {}),
    })
    contexts.push(context)
    return context
  }

  /** Submits the form whose action ends with `action`, waiting for the page it leads to. */
  async function submit(page: Page, action: string): Promise<void> {
    const loaded = page.waitForEvent('load')
    await page.locator(`form[action$="${action}"] button[type=submit]`).click()
    await loaded
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(url('/login'))
    await page.locator('input[name=email]').fill(email)
    await page.locator('input[name=password]').fill(PASSWORD)
    await submit(page, '/login')
    expect(new URL(page.url()).pathname).not.toBe('/login')
  }

  const heading = async (page: Page, id: string) =>
    Number(/\((\d+)\)\s*$/.exec((await page.locator(`h2#${id}`).textContent()) ?? '')?.[1])

  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(SCREENSHOTS, { recursive: true })
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    exampleId = (await seedExampleAkimat(db, snapshot, EXAMPLE_AKIMATS[1]!)).organisationId
    const akimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Сандықтау ауданының әкімдігі',
      nameRu: 'Акимат Сандыктауского района',
    })
    akimatId = akimat.id
    await createUser(db, {
      email: 'editor@sandyktau.example.kz',
      name: 'Айжан Серікқызы',
      organisationId: akimat.id,
      roles: ['editor'],
      password: PASSWORD,
    })
    const integrator = await createOrganisation(db, {
      kind: 'service-integrator',
      nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
      nameRu: 'АО «Национальные информационные технологии»',
    })
    await createUser(db, {
      email: 'overseer@nitec.example.kz',
      name: 'Дәурен Асқарұлы',
      organisationId: integrator.id,
      roles: ['reader'],
      password: PASSWORD,
    })
    const firstPage = typicalSet(
      snapshot,
      'district',
      typicalSetOptions(snapshot, 'district')[0]!.date,
    ).slice(0, 100)
    const named = firstPage.filter((row) => row.systemIds.length > 0)
    chosen = named.find((row) => maxLevel(row) > 1) ?? named[0]!
    functionUrl = `/akimats/${akimatId}/functions/${encodeURIComponent(
      `${chosen.architecture}:${chosen.section}.${chosen.number}`,
    )}`
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('an editor adopts the typical set, decides a function and sees the gap report change', async () => {
    const page = await (await open({ viewport: { width: 1280, height: 900 } })).newPage()
    await signIn(page, 'editor@sandyktau.example.kz')
    await page.goto(url('/akimats'))
    await page.locator(`a[href="/akimats/${akimatId}"]`).click()
    await page.waitForLoadState()
    expect(await page.locator('main').textContent()).toContain(
      translate('kk', 'akimat.pages.notAdopted.text'),
    )
    // The fullest set is offered first, and chosen.
    expect(await page.locator('input[name=at]').first().isChecked()).toBe(true)
    await page.locator('input[name=kato]').fill(KATO)
    await submit(page, '/adopt')
    expect(new URL(page.url()).search).toBe('?done=adopted')
    expect(await page.locator('[data-count=total]').textContent()).toBe('423')
    await page.screenshot({ path: join(SCREENSHOTS, 'akimat-architecture-1280.png') })

    await page.locator('nav.portal-nav a[href$="/gaps"]').click()
    await page.waitForLoadState()
    expect(await heading(page, 'not-automated')).toBe(423)
    expect(await heading(page, 'below-level')).toBe(0)

    // The function, from the architecture's first page.
    await page.goto(url(`/akimats/${akimatId}`))
    await page.locator(`a[href="${functionUrl}"]`).click()
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toBe(functionUrl)
    const recommended = page.locator('select[name=system] optgroup').first()
    expect(await recommended.getAttribute('label')).toBe(
      translate('kk', 'akimat.pages.field.recommendedGroup'),
    )
    const system = chosen.systemIds[0]!
    expect(await recommended.locator(`option[value="${system}"]`).count()).toBe(1)
    await page.locator('select[name=system]').selectOption(system)
    await page.locator('#level-1').check()
    await page.screenshot({ path: join(SCREENSHOTS, 'akimat-function-1280.png'), fullPage: true })
    await submit(page, functionUrl)
    expect(new URL(page.url()).search).toBe('?done=saved')
    expect(await page.locator('p.notice[role=status]').textContent()).toContain(
      translate('kk', 'akimat.pages.done.saved'),
    )
    expect(await page.locator('table.akimat-history tbody tr').count()).toBe(1)

    await page.locator('p.notice a[href$="/gaps"]').click()
    await page.waitForLoadState()
    expect(await heading(page, 'not-automated')).toBe(422)
    const below = maxLevel(chosen) > 1 ? 1 : 0
    expect(await heading(page, 'below-level')).toBe(below)
    expect(await heading(page, 'non-recommended')).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'akimat-gaps-1280.png') })

    // Printed: no navigation, no forms or downloads; the tables stay.
    await page.emulateMedia({ media: 'print' })
    for (const selector of ['header.site-header', 'nav.portal-nav', 'footer', '.downloads']) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false)
    }
    expect(await page.locator('h1').isVisible()).toBe(true)
    expect(await page.locator('table.akimat-gaps').first().isVisible()).toBe(true)
    await page.screenshot({ path: join(SCREENSHOTS, 'akimat-gaps-print.png') })
    await page.goto(url(`/akimats/${akimatId}`))
    expect(await page.locator('form.akimat-filters').isVisible()).toBe(false)
    expect(await page.locator('table.akimat-functions').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
    expect(await page.locator('form.akimat-filters').isVisible()).toBe(true)
    expect(await page.locator('header.site-header').isVisible()).toBe(true)
  })

  it('fits a 390 px phone screen without sideways scrolling', async () => {
    const page = await (await open({ viewport: { width: 390, height: 844 } })).newPage()
    await signIn(page, 'editor@sandyktau.example.kz')
    for (const [path, name] of [
      ['/akimats', 'list'],
      [`/akimats/${akimatId}`, 'architecture'],
      [functionUrl, 'function'],
      [`/akimats/${akimatId}/gaps`, 'gaps'],
    ] as const) {
      const response = await page.goto(url(path))
      expect(response?.status(), path).toBe(200)
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
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      )
      expect(scrollWidth, `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(390)
      await page.screenshot({ path: join(SCREENSHOTS, `akimat-${name}-390.png`) })
    }
  })

  it('passes axe in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await open({ colorScheme, javaScriptEnabled: true })
      const editor = await context.newPage()
      await signIn(editor, 'editor@sandyktau.example.kz')
      for (const path of [
        '/akimats',
        `/akimats/${akimatId}`,
        `/akimats/${akimatId}?status=below-level`,
        functionUrl,
        `/akimats/${akimatId}/gaps`,
      ]) {
        await editor.goto(url(path))
        const violations = await runAxe(editor)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      }
      // An example akimat, as the service integrator reads it: every kind of gap, read-only.
      await context.clearCookies()
      const overseer = await context.newPage()
      await signIn(overseer, 'overseer@nitec.example.kz')
      for (const path of [
        '/akimats',
        `/akimats/${exampleId}`,
        `/akimats/${exampleId}/gaps`,
        `/akimats/${exampleId}/functions/${encodeURIComponent('158:2.5')}`,
      ]) {
        const response = await overseer.goto(url(path))
        expect(response?.status(), path).toBe(200)
        const violations = await runAxe(overseer)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
        if (colorScheme === 'light' && path === `/akimats/${exampleId}`) {
          await overseer.locator('table.akimat-functions').scrollIntoViewIfNeeded()
          await overseer.screenshot({ path: join(SCREENSHOTS, 'akimat-example-functions.png') })
        }
      }
    }
  }, 180_000)
})
