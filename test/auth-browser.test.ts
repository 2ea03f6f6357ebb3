/// <reference lib="dom" />
/**
 * Sign-in and sign-out in a real browser without JavaScript: the browser's own Origin header,
 * SameSite cookies and form posts pass the CSRF checks; the pages pass axe (WCAG 2.1 AA).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { formatViolations, runAxe } from './support/axe.js'
import { launchBrowser } from './support/browser.js'
import { useTestServer } from './support/server.js'

describe('sign-in in Chromium', () => {
  const server = useTestServer('sqlite')
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
    const org = await createOrganisation(server().handle.db, {
      kind: 'service-integrator',
      nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
      nameRu: 'АО «Национальные информационные технологии»',
    })
    await createUser(server().handle.db, {
      email: 'reviewer@nitec.kz',
      name: 'Дәурен Асқарұлы',
      organisationId: org.id,
      roles: ['reviewer'],
      password: 'ақ бидай егістігі 2026',
    })
  })
  afterAll(async () => browser?.close())

  it('signs in from a private page, comes back to it, and signs out from the header', async () => {
    const context = await browser.newContext({ locale: 'kk-KZ', javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${server().url}/account`)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.locator('h1').textContent()).toBe('Жүйеге кіру')

    await page.getByLabel('Электрондық пошта').fill('Reviewer@NITEC.kz')
    await page.getByLabel('Құпиясөз').fill('ақ бидай егістігі 2026')
    await page.getByRole('button', { name: 'Кіру' }).click()
    await page.waitForURL(/\/account$/)
    expect(await page.locator('main').textContent()).toContain('Дәурен Асқарұлы')
    expect(await page.locator('main').textContent()).toContain(
      '«Ұлттық ақпараттық технологиялар» АҚ',
    )
    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === 'eakimat_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    })

    await page.locator('header').getByRole('button', { name: 'Шығу' }).click()
    await page.waitForURL(`${server().url}/`)
    expect((await context.cookies()).some((c) => c.name === 'eakimat_session')).toBe(false)
    await page.goto(`${server().url}/account`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await context.close()
  })

  it('has no WCAG 2.1 AA violations on the sign-in and account pages', async () => {
    // axe runs as a script: this context allows it (the pages themselves have none).
    const context = await browser.newContext({ locale: 'ru-RU', bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${server().url}/login`)
    const login = await runAxe(page)
    expect(login, formatViolations('/login', login)).toEqual([])
    await page.getByLabel('Электронная почта').fill('reviewer@nitec.kz')
    await page.getByLabel('Пароль').fill('ақ бидай егістігі 2026')
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.waitForURL(/\/portal$/)
    await page.goto(`${server().url}/account`)
    expect(await page.locator('h1').textContent()).toBe('Моя учётная запись')
    const account = await runAxe(page)
    expect(account, formatViolations('/account', account)).toEqual([])
    await context.close()
  })
})
