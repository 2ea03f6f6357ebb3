/// <reference lib="dom" />
/**
 * The home page in a real browser: opens, switches language with the header links (no
 * JavaScript needed), and the choice sticks.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

describe('home page in Chromium', () => {
  const server = useTestServer('sqlite')
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => browser?.close())

  it('opens in Kazakh, switches to Russian and English, and remembers the choice', async () => {
    const context = await browser.newContext({ locale: 'kk-KZ', javaScriptEnabled: false })
    const page = await context.newPage()
    const response = await page.goto(`${server().url}/`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('kk')
    expect(await page.locator('h2').first().textContent()).toBe('e-akimat не істейді')

    await page.getByRole('link', { name: 'Русский' }).click()
    await page.waitForURL(/lang=ru/)
    expect(await page.locator('html').getAttribute('lang')).toBe('ru')
    expect(await page.locator('h2').first().textContent()).toBe('Что делает e-akimat')
    expect(await page.getByRole('link', { name: 'Русский' }).getAttribute('aria-current')).toBe(
      'true',
    )

    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/lang=en/)
    expect(await page.locator('h2').first().textContent()).toBe('What e-akimat does')

    // The cookie carries the choice to a page opened without ?lang.
    await page.goto(`${server().url}/no-such-page`)
    expect(await page.locator('.error-message').textContent()).toBe(
      'The page or resource you asked for does not exist.',
    )
    // The stylesheet loaded under the Content-Security-Policy.
    const headerBorder = await page
      .locator('.site-header')
      .evaluate((el) => getComputedStyle(el).borderBottomStyle)
    expect(headerBorder).toBe('solid')
    await context.close()
  })
})
