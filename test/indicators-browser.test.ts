/// <reference lib="dom" />
/**
 * The target indicators in Chromium, without JavaScript: the editor of the example region akimat
 * signs in, enters a value with its note, records the computed values of the period, opens the
 * indicator's history and compares it across the region. The pages fit 1280 and 390 px screens
 * (screenshots in test-results/screenshots) and pass axe (WCAG 2.1 AA) in light and dark colour
 * schemes.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_AKIMATS, seedExampleAkimat } from '../src/akimat/index.js'
import { createUser } from '../src/auth/index.js'
import { loadCatalogSnapshot } from '../src/catalog/index.js'
import { translate } from '../src/i18n/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

const PASSWORD = 'Бурабай көлі 2026 жыл'
const SCREENSHOTS = join(import.meta.dirname, '../test-results/screenshots')
const EDITOR = 'editor@akmola.example.kz'
/** The current year in Kazakhstan: the period the dashboard opens in. */
const PERIOD = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 4)

describe('target indicators in Chromium', () => {
  const server = useTestServer('sqlite', { acts: 'bundled' })
  let browser: Browser
  const contexts: BrowserContext[] = []
  const ids: number[] = []
  let regionId = 0
  const url = (path: string) => `${server().url}${path}`
  const dashboard = () => `/akimats/${regionId}/indicators?period=${PERIOD}`
  const history = () => `/akimats/${regionId}/indicators/1.5.1?period=${PERIOD}`
  const region = () => `/akimats/region/11?code=1.5.1&period=${PERIOD}`

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

  /** Clicks a submit button, waiting for the page it leads to. */
  async function submit(page: Page, selector: string): Promise<void> {
    const loaded = page.waitForEvent('load')
    await page.locator(selector).click()
    await loaded
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(url('/login'))
    await page.locator('input[name=email]').fill(EDITOR)
    await page.locator('input[name=password]').fill(PASSWORD)
    await submit(page, 'form[action$="/login"] button[type=submit]')
    expect(new URL(page.url()).pathname).not.toBe('/login')
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(SCREENSHOTS, { recursive: true })
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    for (const example of EXAMPLE_AKIMATS) {
      ids.push((await seedExampleAkimat(db, snapshot, example)).organisationId)
    }
    regionId = ids[0]!
    await createUser(db, {
      email: EDITOR,
      name: 'Әсел Нұрланқызы',
      organisationId: regionId,
      roles: ['editor'],
      password: PASSWORD,
    })
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('an editor enters a value, records the computed values, opens the history and the region', async () => {
    const page = await (await open({ viewport: { width: 1280, height: 900 } })).newPage()
    await signIn(page)
    await page.goto(url(`/akimats/${regionId}`))
    await page.locator('nav.portal-nav a[href$="/indicators"]').click()
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toBe(`/akimats/${regionId}/indicators`)
    expect(await page.locator('article.indicator-card').count()).toBe(42)
    await page.screenshot({ path: join(SCREENSHOTS, 'indicators-dashboard-1280.png') })

    // A value with its note, through the form of 1.5.1 (a <details>, open without JavaScript).
    const card = page.locator('#i-1-5-1')
    expect(await card.locator('.indicator-value').textContent()).toBe(
      translate('kk', 'indicators.noValue'),
    )
    await card.locator('summary').click()
    await card.locator('input[name=value]').fill('87,5')
    await card.locator('textarea[name=note]').fill('Жұмыс орындарын түгендеу, 2026 жылғы 1 наурыз')
    await submit(page, '#i-1-5-1 button[type=submit]')
    expect(new URL(page.url()).search).toBe(`?period=${PERIOD}&done=saved&code=1.5.1`)
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(
      translate('kk', 'indicators.done.saved', { code: '1.5.1', period: PERIOD }),
    )
    expect(await page.locator('#i-1-5-1 .indicator-value').textContent()).toBe('87,5\u00a0%')
    expect(await page.locator('#i-1-5-1 .indicator-note').textContent()).toContain(
      'Жұмыс орындарын түгендеу',
    )
    // The overview draws it too.
    expect(
      await page.locator('svg.indicator-overview g[data-code="1.5.1"] .chart-bar').count(),
    ).toBe(1)

    // The computed values of the period, recorded as versions: 1.2.4–1.2.6 (no applications
    // for 1.2.7, no information resources printed for 1.2.10 at this level).
    await submit(page, 'form[action$="/indicators/record"] button[type=submit]')
    expect(new URL(page.url()).search).toBe(`?period=${PERIOD}&done=recorded&count=3`)
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(
      translate('kk', 'indicators.done.recorded', { count: 3, period: PERIOD }),
    )
    expect(await page.locator('#i-1-2-6 [data-versions]').getAttribute('data-versions')).toBe('1')
    await page.screenshot({ path: join(SCREENSHOTS, 'indicators-dashboard-recorded-1280.png') })

    // The history of 1.5.1, from its card.
    await page.locator('#i-1-5-1 a[href*="/indicators/1.5.1"]').click()
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toBe(`/akimats/${regionId}/indicators/1.5.1`)
    expect(await page.locator('table.indicator-history tbody tr').count()).toBe(1)
    expect(await page.locator('table.indicator-history tbody tr td').nth(5).textContent()).toBe(
      'Әсел Нұрланқызы',
    )
    expect(await page.locator('svg[aria-labelledby^="indicator-history"]').count()).toBe(1)
    await page.screenshot({
      path: join(SCREENSHOTS, 'indicators-history-1280.png'),
      fullPage: true,
    })

    // The region: the tab, then 1.5.1 chosen in the form.
    await page.locator('nav.portal-nav a[href="/akimats/region/11"]').click()
    await page.waitForLoadState()
    expect(await page.locator('table.indicator-region tbody tr').count()).toBe(3)
    await page.locator('select[name=code]').selectOption('1.5.1')
    await submit(page, 'form.indicator-region-form button[type=submit]')
    expect(new URL(page.url()).search).toBe(`?code=1.5.1&period=${PERIOD}`)
    const rows = page.locator('table.indicator-region tbody tr')
    expect(await rows.count()).toBe(3)
    expect(await rows.nth(0).locator('td.num').textContent()).toBe('87,5\u00a0%')
    expect(await rows.nth(1).locator('td.num').textContent()).toBe(
      translate('kk', 'indicators.noValue'),
    )
    await page.screenshot({ path: join(SCREENSHOTS, 'indicators-region-1280.png'), fullPage: true })
  })

  it('fits a 390 px phone screen without sideways scrolling', async () => {
    const page = await (await open({ viewport: { width: 390, height: 844 } })).newPage()
    await signIn(page)
    for (const [path, name] of [
      [dashboard(), 'dashboard'],
      [history(), 'history'],
      [region(), 'region'],
    ] as const) {
      const response = await page.goto(url(path))
      expect(response?.status(), path).toBe(200)
      expect(await page.locator('h1').count(), path).toBe(1)
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
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(scrollWidth, `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(390)
      await page.screenshot({
        path: join(SCREENSHOTS, `indicators-${name}-390.png`),
        fullPage: name !== 'dashboard',
      })
    }
  })

  it('passes axe in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await (await open({ colorScheme, javaScriptEnabled: true })).newPage()
      await signIn(page)
      for (const path of [dashboard(), history(), region()]) {
        await page.goto(url(path))
        const violations = await runAxe(page)
        expect(violations, formatViolations(`${colorScheme} ${path}`, violations)).toEqual([])
      }
    }
  })
})
