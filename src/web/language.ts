/**
 * @module
 * Chooses the interface language of each request: `?lang=` (which is also remembered in a
 * cookie), then the cookie, then Accept-Language, then Kazakh.
 */
import { getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  negotiateLanguage,
  translator,
} from '../i18n/index.js'
import type { AppEnv } from './context.js'

export const LANGUAGE_COOKIE = 'lang'

export const language = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const fromQuery = c.req.query('lang')
    let chosen: Language | undefined
    if (isLanguage(fromQuery)) {
      chosen = fromQuery
      setCookie(c, LANGUAGE_COOKIE, fromQuery, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: 365 * 24 * 3600,
      })
    }
    const fromCookie = getCookie(c, LANGUAGE_COOKIE)
    chosen ??= isLanguage(fromCookie) ? fromCookie : undefined
    chosen ??= negotiateLanguage(c.req.header('accept-language')) ?? DEFAULT_LANGUAGE
    c.set('language', chosen)
    c.set('t', translator(chosen))
    c.header('Content-Language', chosen)
    c.header('Vary', 'Accept-Language, Cookie', { append: true })
    await next()
  })

/** The current URL with `lang` set to `target`, for the language switch links. */
export function urlWithLanguage(requestUrl: string, target: Language): string {
  const url = new URL(requestUrl)
  url.searchParams.set('lang', target)
  return `${url.pathname}${url.search}`
}
