/// <reference lib="dom" />
/**
 * The catalogue in a real browser (Debian's Chromium through playwright-core), over the bundled
 * acts: the journeys a user takes — search by a word form, open a row and its system, switch the
 * language, change the "as at" date, compare a system's names in both languages — all with
 * JavaScript disabled; then accessibility (axe-core, light and dark), the keyboard path through
 * the skip link, and screenshots at desktop and phone widths without horizontal overflow.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AxeViolation, formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

const RESULTS = join(import.meta.dirname, '..', 'test-results')
const SCREENSHOTS = join(RESULTS, 'screenshots')

/** The folder for screenshots and axe reports: build output, never committed. */
function resultsFolder(): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  writeFileSync(join(RESULTS, '.gitignore'), '*\n')
  return RESULTS
}

/** A row the bundled acts print, and one of the systems it names. */
const ROW_PATH = '/catalog/rows/158/2/369'
const SYSTEM_PATH = '/catalog/systems/ekabzh'
const UNEMPLOYED = 'регистрация и постановка на учет безработных граждан'

describe('catalogue in Chromium', () => {
  const server = useTestServer('sqlite', { acts: 'bundled' })
  let browser: Browser
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
  })

  const url = (path: string) => `${server().url}${path}`
  /** A page in a fresh context; JavaScript is off unless the options turn it on. */
  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: 'kk-KZ',
      javaScriptEnabled: false,
      ...options,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(5_000)
    return page
  }
  /** The pages are server-rendered: none of them carries a script. */
  async function expectNoScripts(page: Page) {
    expect(await page.locator('script').count()).toBe(0)
  }
  const pathOf = (page: Page) => new URL(page.url()).pathname
  const hrefs = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))

  describe('journeys with JavaScript disabled', () => {
    it('finds a function by a Kazakh word form the act never prints, opens it and its system', async () => {
      const page = await openPage()
      await page.goto(url('/catalog'))
      await expectNoScripts(page)
      const box = page.locator('search #header-q')
      await box.fill('мекенжайлардың')
      await box.press('Enter')
      await page.waitForURL(/\/search\?q=/)
      expect(await page.locator('h1').textContent()).toBe('Іздеу: мекенжайлардың')
      expect(await page.locator('#search-q').inputValue()).toBe('мекенжайлардың')

      const results = page.locator('ol.results > li')
      expect(await results.count()).toBeGreaterThan(0)
      const marks = (await page.locator('ol.results mark').allTextContents()).map((m) =>
        m.toLocaleLowerCase('kk'),
      )
      // The match is another form of the word, highlighted where the act prints it.
      expect(marks.filter((m) => m.startsWith('мекенжай') && m !== 'мекенжайлардың')).not.toEqual(
        [],
      )
      expect(marks).not.toContain('мекенжайлардың')

      const first = page.locator('ol.results > li > a[href^="/catalog/rows/"]').first()
      const functionText = (await first.textContent())?.trim() ?? ''
      expect(await first.locator('mark').count()).toBeGreaterThan(0)
      const rowHref = (await first.getAttribute('href')) ?? ''
      const [, act, section, number] =
        rowHref.match(/^\/catalog\/rows\/([^/]+)\/(\d+)\/(\d+)$/) ?? []
      expect(act).toBeDefined()
      await first.click()
      await page.waitForURL((u) => u.pathname === rowHref)

      expect(await page.locator('h1').textContent()).toBe(
        `${act} акт, ${section}-бөлім, ${number}-жол`,
      )
      expect((await page.locator('dd.function').textContent())?.trim()).toBe(functionText)
      // The source lines print the function's words, broken over lines as in the act.
      const source = page.locator('pre.source')
      await expect.poll(() => source.isVisible()).toBe(true)
      const lines = (await source.textContent())!
        .split('\n')
        .map((line) => line.replace(/^\s*\d+ ?/, ''))
        .join('')
      const squash = (text: string) => text.replace(/\s+/g, '')
      expect(squash(lines)).toContain(squash(functionText))
      // The line numbers are decoration, hidden from screen readers.
      expect(await source.locator('.line-number[aria-hidden="true"]').count()).toBeGreaterThan(1)

      const systemLink = page.locator('dl.fields a[href^="/catalog/systems/"]').first()
      const systemName = (await systemLink.textContent())?.trim() ?? ''
      expect(systemName).not.toBe('')
      await systemLink.click()
      await page.waitForURL(/\/catalog\/systems\//)
      expect(await page.locator('h1').textContent()).toBe(systemName)
      const rowLinks = await hrefs(page, 'table.rows a[href^="/catalog/rows/"]')
      expect(rowLinks.length).toBeGreaterThan(0)
      expect(rowLinks).toContain(rowHref)
      expect(await page.locator('main [role="status"]').textContent()).toMatch(/\d+ функция/)
    })

    it('switches a row page to Russian and English and stays on the row', async () => {
      const page = await openPage()
      await page.goto(url(ROW_PATH))
      expect(await page.locator('html').getAttribute('lang')).toBe('kk')
      expect(await page.locator('h1').textContent()).toBe('158 акт, 2-бөлім, 369-жол')
      const currentTab = page.locator('.catalog-tabs a[aria-current="page"]')
      expect(await currentTab.textContent()).toBe('Функциялар')

      await page.getByRole('link', { name: 'Русский' }).click()
      await page.waitForURL(/lang=ru/)
      expect(pathOf(page)).toBe(ROW_PATH)
      expect(await page.locator('html').getAttribute('lang')).toBe('ru')
      expect(await page.locator('h1').textContent()).toBe('Акт 158, раздел 2, строка 369')
      expect(await currentTab.textContent()).toBe('Функции')
      expect(await page.locator('.skip').textContent()).toBe('Перейти к содержанию')
      // The act's own text stays in its language, marked as such.
      expect(await page.locator('pre.source').getAttribute('lang')).toBe('kk')

      await page.getByRole('link', { name: 'English' }).click()
      await page.waitForURL(/lang=en/)
      expect(pathOf(page)).toBe(ROW_PATH)
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.locator('h1').textContent()).toBe('Act 158, section 2, row 369')
      expect(await currentTab.textContent()).toBe('Functions')
      expect(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe(
        'true',
      )
      expect(await page.locator('#header-q').getAttribute('placeholder')).toBe(
        'Function, system, abbreviation…',
      )
    })

    it('switches a system page with a date to English and keeps the date', async () => {
      const page = await openPage()
      await page.goto(url(`${SYSTEM_PATH}?at=2017-01-01`))
      await page.getByRole('link', { name: 'English' }).click()
      await page.waitForURL(/lang=en/)
      expect(pathOf(page)).toBe(SYSTEM_PATH)
      expect(new URL(page.url()).searchParams.get('at')).toBe('2017-01-01')
      expect(await page.locator('#at').inputValue()).toBe('2017-01-01')
      expect(await page.locator('label[for="at"]').textContent()).toBe('As at')
      expect(await page.locator('main [role="status"]').textContent()).toMatch(
        /^\d+ functions in force on 2017-01-01 name this system\.$/,
      )
    })

    it('shows the amended row after the "as at" date moves past the amendment', async () => {
      const page = await openPage()
      await page.goto(url('/catalog/rows?section=2&at=2022-01-01'))
      await expectNoScripts(page)
      expect(await page.getByText(UNEMPLOYED, { exact: true }).count()).toBe(0)
      expect(await page.locator('a[href="/catalog/rows/352/2/206"]').count()).toBe(0)
      const countBefore = await page.locator('main p[role="status"]').textContent()

      await page.locator('#at').fill('2022-11-01')
      await page.locator('form.at-form button[type="submit"]').click()
      await page.waitForURL(/at=2022-11-01/)
      const query = new URL(page.url()).searchParams
      expect(query.get('section')).toBe('2')
      expect(await page.locator('#at').inputValue()).toBe('2022-11-01')
      expect(await page.locator('main p[role="status"]').textContent()).not.toBe(countBefore)

      const cell = page.locator('table.rows td', { hasText: UNEMPLOYED })
      expect(await cell.count()).toBe(1)
      expect(await cell.getAttribute('lang')).toBe('ru')
      const link = page
        .locator('table.rows tr')
        .filter({ has: page.locator('td', { hasText: UNEMPLOYED }) })
        .locator('a')
        .first()
      expect(await link.getAttribute('href')).toBe('/catalog/rows/352/2/206?at=2022-11-01')
      await link.click()
      await page.waitForURL((u) => u.pathname === '/catalog/rows/352/2/206')
      expect((await page.locator('dd.function').textContent())?.trim()).toBe(UNEMPLOYED)
    })

    it('offers the dates with loaded text when nothing is in force today', async () => {
      const page = await openPage()
      await page.goto(url('/catalog?lang=en'))
      const notice = page.locator('.notice[role="status"]')
      expect(await notice.locator('strong').textContent()).toMatch(
        /^No loaded text of the typical architecture is in force on \d{4}-\d{2}-\d{2}\.$/,
      )
      expect(await page.locator('section.level').count()).toBe(0)
      expect(await notice.getByRole('link').allTextContents()).toEqual([
        'View as at 2018-07-13',
        'View as at 2022-12-31',
      ])

      await notice.getByRole('link', { name: 'View as at 2022-12-31' }).click()
      await page.waitForURL(/at=2022-12-31/)
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.locator('#at').inputValue()).toBe('2022-12-31')
      expect(await page.locator('p.lead').textContent()).toMatch(
        /^\d+ functions in force on 2022-12-31, by administrative level and group\.$/,
      )
      // Only the amendments of order 304 are loaded: the page says so instead of "nothing".
      expect(await page.locator('.notice').textContent()).toContain('only the rows its amendments')
      expect(await page.locator('section.level').count()).toBeGreaterThan(0)

      // The amended row is in section 2.
      await page
        .locator('section.level[aria-labelledby="level-2"] a', {
          hasText: /^All \d+ functions of this level$/,
        })
        .click()
      await page.waitForURL(/\/catalog\/rows\?/)
      expect(new URL(page.url()).searchParams.get('at')).toBe('2022-12-31')
      expect(new URL(page.url()).searchParams.get('section')).toBe('2')
      expect(await page.locator('table.rows a[href^="/catalog/rows/"]').count()).toBeGreaterThan(0)
      expect(await page.getByText(UNEMPLOYED, { exact: true }).count()).toBe(1)
    })

    it('finds the same rows for «ЭҮП» and «ПЭП» through the search form', async () => {
      const page = await openPage()
      const search = async (q: string) => {
        await page.locator('#search-q').fill(q)
        await page.locator('form.search-form button[type="submit"]').click()
        await page.waitForURL((u) => u.searchParams.get('q') === q)
        expect(await page.locator('h1').textContent()).toBe(`Іздеу: ${q}`)
        return {
          rows: new Set(await hrefs(page, 'ol.results > li > a[href^="/catalog/rows/"]')),
          marks: new Set(await page.locator('ol.results mark').allTextContents()),
        }
      }
      await page.goto(url('/search'))
      await expectNoScripts(page)
      const kazakh = await search('ЭҮП')
      const russian = await search('ПЭП')
      expect(kazakh.rows.size).toBeGreaterThan(0)
      expect([...russian.rows].sort()).toEqual([...kazakh.rows].sort())
      // Each finds the system under both names.
      expect(kazakh.marks).toContain('ПЭП')
      expect(russian.marks).toContain('ЭҮП')
    })
  })

  describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
    const PAGES = [
      '/',
      '/catalog?at=2017-01-01',
      '/catalog/rows?section=3&at=2017-01-01',
      ROW_PATH,
      '/catalog/systems?at=2017-01-01',
      SYSTEM_PATH,
      '/catalog/coverage?at=2017-01-01',
      '/catalog/acts',
      '/catalog/acts/142',
      '/catalog/changes?from=142&to=352',
      `/search?q=${encodeURIComponent('өтініштеріне')}`,
      '/catalog?lang=en',
    ]
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`has no serious or critical violations in the ${colorScheme} colour scheme`, async () => {
        const page = await openPage({ javaScriptEnabled: true, bypassCSP: true, colorScheme })
        const all: { path: string; violations: AxeViolation[] }[] = []
        for (const path of PAGES) {
          const response = await page.goto(url(path))
          expect(response?.status(), path).toBe(200)
          all.push({ path, violations: await runAxe(page) })
        }
        writeFileSync(
          join(resultsFolder(), `axe-${colorScheme}.json`),
          `${JSON.stringify(all, null, 2)}\n`,
        )
        const blocking = all.flatMap(({ path, violations }) => {
          const found = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          return found.length ? [formatViolations(path, found)] : []
        })
        expect(blocking, `axe (${colorScheme}):\n${blocking.join('\n')}`).toEqual([])
      })
    }
  })

  describe('keyboard', () => {
    const focused = (page: Page) =>
      page.evaluate(() => {
        const el = document.activeElement
        return el
          ? { tag: el.tagName, id: el.id, className: el.className, text: el.textContent }
          : null
      })

    it('reaches the skip link first, then the header search box', async () => {
      const page = await openPage({ viewport: { width: 1280, height: 720 } })
      await page.goto(url('/catalog?at=2017-01-01'))
      await page.keyboard.press('Tab')
      expect(await focused(page)).toMatchObject({
        tag: 'A',
        className: 'skip',
        text: 'Мазмұнға өту',
      })
      const box = await page.locator('a.skip').boundingBox()
      expect(box).not.toBeNull()
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.y).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280)
      expect(box!.y + box!.height).toBeLessThanOrEqual(720)
      expect(box!.width).toBeGreaterThan(10)

      let reached = false
      for (let i = 0; i < 6 && !reached; i++) {
        await page.keyboard.press('Tab')
        reached = (await focused(page))?.id === 'header-q'
      }
      expect(reached, 'Tab reaches #header-q within six presses after the skip link').toBe(true)
      // Once focus leaves it, the skip link is off screen again.
      const after = await page.locator('a.skip').boundingBox()
      expect(after!.x + after!.width).toBeLessThan(0)
    })

    it('moves to the content with Enter on the skip link', async () => {
      const page = await openPage({ viewport: { width: 1280, height: 720 } })
      await page.goto(url('/catalog?at=2017-01-01'))
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page.waitForURL(/#content$/)
      // The page scrolled to the main content…
      const top = await page.locator('#content').evaluate((el) => el.getBoundingClientRect().top)
      expect(Math.abs(top)).toBeLessThan(2)
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0)
      // …and the next Tab continues inside it, not in the header.
      await page.keyboard.press('Tab')
      expect(
        await page.evaluate(() =>
          document.getElementById('content')?.contains(document.activeElement),
        ),
      ).toBe(true)
      expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Деңгейлер' })
    })
  })

  describe('layout', () => {
    const SHOTS = [
      { name: 'catalog', path: '/catalog?at=2017-01-01' },
      { name: 'row', path: ROW_PATH },
      { name: 'coverage', path: '/catalog/coverage?at=2017-01-01' },
      { name: 'search', path: `/search?q=${encodeURIComponent('өтініштеріне')}` },
      { name: 'rows', path: '/catalog/rows?section=3&at=2017-01-01' },
      { name: 'systems', path: '/catalog/systems?at=2017-01-01' },
      { name: 'acts', path: '/catalog/acts?lang=ru' },
    ]

    /** The outermost elements that stick out to the right of the viewport. */
    const overflowing = (page: Page) =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth
        const describe = (el: Element) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${Array.from(el.classList)
            .map((c) => `.${c}`)
            .join('')}`
        const found: string[] = []
        for (const el of Array.from(document.body.querySelectorAll('*'))) {
          const rect = el.getBoundingClientRect()
          if (rect.right <= width + 1 || rect.width === 0) continue
          const parent = el.parentElement
          if (
            parent &&
            parent !== document.body &&
            parent.getBoundingClientRect().right > width + 1
          )
            continue
          const path: string[] = []
          for (let e: Element | null = el; e && e !== document.body; e = e.parentElement)
            path.unshift(describe(e))
          found.push(`${path.join(' > ')} (right edge ${Math.round(rect.right)} px)`)
        }
        return found.slice(0, 10)
      })

    for (const width of [1280, 390]) {
      it(`renders at ${width} px${width < 500 ? ' without horizontal overflow' : ''}`, async () => {
        resultsFolder()
        const page = await openPage({
          viewport: { width, height: width < 500 ? 844 : 800 },
          deviceScaleFactor: 1,
        })
        for (const shot of SHOTS) {
          await page.goto(url(shot.path))
          await page.screenshot({
            path: join(SCREENSHOTS, `${shot.name}-${width}.png`),
            fullPage: true,
          })
          if (width < 500) {
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
            expect
              .soft(
                scrollWidth,
                `${shot.path} overflows ${width} px: ${(await overflowing(page)).join('; ')}`,
              )
              .toBeLessThanOrEqual(width)
          }
        }
      })
    }
  })
})
