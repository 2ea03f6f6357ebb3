/**
 * @module
 * What browser tests do on e-akimat's pages again and again: a page in a new context per person
 * (kept in the caller's list to close), submitting a form by its action, signing in as staff or as an applicant,
 * and reading a page's main text or an application's status badge.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'

export function browserPages(options: {
  browser: () => Browser
  url: (path: string) => string
  password: string
  /** Where the contexts `person` opens are kept, for the caller to close. */
  contexts: BrowserContext[]
}) {
  const { contexts } = options

  /** A page in a context of its own (cookies, language) for one person. */
  async function person(locale: string): Promise<Page> {
    const context = await options.browser().newContext({ locale })
    contexts.push(context)
    return context.newPage()
  }

  /** Submits the form whose action ends with `action`, waiting for the page it leads to. */
  async function submit(page: Page, action: string): Promise<void> {
    const loaded = page.waitForEvent('load')
    await page.locator(`form[action$="${action}"] button[type=submit]`).click()
    await loaded
  }

  async function signInStaff(page: Page, email: string): Promise<void> {
    await page.goto(options.url('/login'))
    await page.locator('input[name=email]').fill(email)
    await page.locator('input[name=password]').fill(options.password)
    await submit(page, '/login')
    expect(new URL(page.url()).pathname).not.toBe('/login')
  }

  async function signInPerson(page: Page, iin: string): Promise<void> {
    await page.goto(options.url('/citizen/login'))
    await page.locator('input[name=iin]').fill(iin)
    await page.locator('input[name=password]').fill(options.password)
    await submit(page, '/citizen/login')
    expect(new URL(page.url()).pathname).not.toBe('/citizen/login')
  }

  /** The text of the page's main content, spaces collapsed. */
  async function mainText(page: Page): Promise<string> {
    return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ')
  }

  /** The status badge of an application page. */
  async function status(page: Page): Promise<string> {
    return ((await page.locator('main dl.facts .badge').first().textContent()) ?? '').trim()
  }

  return { person, submit, signInStaff, signInPerson, mainText, status }
}
