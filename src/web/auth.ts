/**
 * @module
 * Sessions and CSRF protection for the web layer.
 *
 * - `session()` (after `language()`): reads the `eakimat_session` cookie, sets `c.var.actor`,
 *   `c.var.session` and `c.var.csrfToken`. Signed in, the CSRF token is the session's; signed
 *   out, it is the random value of the `eakimat_csrf` cookie (HttpOnly, SameSite=Strict), set
 *   with the first HTML page that lacks it (double-submit: the form field must equal the cookie,
 *   which another site can neither read nor set).
 * - `csrf()` (after the body limit): every POST/PUT/PATCH/DELETE to a page (not /api/*) must carry
 *   the form field `_csrf` equal to the expected token, and an Origin (or, without it, a Referer)
 *   of this host when the browser sends one; otherwise 403 with a translated page and nothing
 *   runs. The body is read with `c.req.parseBody()`, which Hono caches, so handlers can read it
 *   again (urlencoded and multipart alike). For /api/* writes with a live session cookie the
 *   header `X-CSRF-Token` must equal the session's token. API clients without a cookie session
 *   are not covered (there is no token-based API sign-in yet).
 * - `requireActor(c)` / `requireRole(c, role)`: the actor, or a redirect to /login?next=… for a
 *   page (401 JSON for /api/*); a missing role is 403.
 * - Applicants (citizens, company representatives) have sessions of their own in the cookie
 *   `eakimat_person` (HttpOnly, SameSite=Lax, Secure as the staff cookie). `session()` also sets
 *   `c.var.person` and `c.var.personSession`; a staff user and an applicant may be signed in in
 *   the same browser at once. The CSRF token is the staff session's when there is one, else the
 *   applicant session's, else the double-submit cookie's. `requirePerson(c)` is the applicant, or
 *   a redirect to /citizen/login?next=… (401 JSON for /api/*).
 * - `clientAddress(c)`: the client's IP address — the socket's peer, or with TRUST_PROXY the last
 *   address in X-Forwarded-For (the one the trusted proxy in front of us appended; earlier
 *   entries are whatever the client sent and can be forged).
 * - Refused CSRF checks are recorded as `csrf.rejected` in the security audit log by the error
 *   handler (src/web/errors.tsx), like every other 403 (`access.denied`).
 */
import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import {
  type Actor,
  hasRole,
  type Person,
  personSessionFromToken,
  type Role,
  type SignInRequest,
  sameSecret,
  sessionFromToken,
} from '../auth/index.js'
import { ForbiddenError } from '../core/index.js'
import type { MessageKey } from '../i18n/index.js'
import type { AppEnv } from './context.js'

export const SESSION_COOKIE = 'eakimat_session'
export const CSRF_COOKIE = 'eakimat_csrf'
/** The applicant's session cookie (citizens and company representatives). */
export const PERSON_COOKIE = 'eakimat_person'
/** Where applicants sign in, register and sign out. */
export const PERSON_LOGIN_PATH = '/citizen/login'
export const PERSON_REGISTER_PATH = '/citizen/register'
export const PERSON_LOGOUT_PATH = '/citizen/logout'
/** Where a signed-in applicant goes when nothing else was asked for: their applications. */
export const PERSON_HOME = '/applications'
/** The hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf'
/** The request header that carries the CSRF token for /api/* writes. */
export const CSRF_HEADER = 'X-CSRF-Token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

/** Whether cookies set on this request carry `Secure`. */
export function secureCookies(c: Context<AppEnv>): boolean {
  const mode = c.get('services').cookieSecure ?? 'auto'
  if (mode !== 'auto') return mode === 'always'
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return new URL(c.req.url).protocol === 'https:' || forwarded === 'https'
}

/** Puts a new session token in the cookie (HttpOnly, SameSite=Lax, Path=/, a browser session). */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c),
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c) })
}

/** Puts a new applicant session token in its cookie (the same attributes as the staff one). */
export function setPersonCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, PERSON_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c),
  })
}

export function clearPersonCookie(c: Context<AppEnv>): void {
  deleteCookie(c, PERSON_COOKIE, { path: '/', secure: secureCookies(c) })
}

function plainAddress(value: string | undefined): string | null {
  if (!value) return null
  let address = value.trim()
  // "[::1]" and "1.2.3.4:5678" are not what X-Forwarded-For should hold, but proxies vary.
  if (address.startsWith('[') && address.includes(']'))
    address = address.slice(1, address.indexOf(']'))
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address))
    address = address.slice(0, address.indexOf(':'))
  if (address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4) {
    address = address.slice(7)
  }
  return isIP(address) ? address.toLowerCase() : null
}

/**
 * The client's IP address: with TRUST_PROXY (`services.trustProxy`), the last entry of
 * X-Forwarded-For, which the proxy in front of the server appended; otherwise (or when that
 * header is missing or not an address) the socket's peer address. Null when unknown (a request
 * made in-process, without a socket).
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (c.get('services')?.trustProxy) {
    const hops = c.req.header('x-forwarded-for')?.split(',')
    const forwarded = plainAddress(hops?.[hops.length - 1])
    if (forwarded) return forwarded
  }
  try {
    return plainAddress(getConnInfo(c).remote.address)
  } catch {
    return null
  }
}

/** Where a sign-in attempt comes from: the rate limit and the security log use it. */
export function signInRequest(c: Context<AppEnv>): SignInRequest {
  return { ip: clientAddress(c), method: c.req.method, path: c.req.path }
}

/**
 * For a sign-in refused by the rate limit: sets Retry-After (seconds) and answers the translated
 * message (`security.rateLimit.message`); the caller answers 429 with it.
 */
export function rateLimitMessage(c: Context<AppEnv>, retryAfterSeconds: number): string {
  c.header('Retry-After', String(retryAfterSeconds))
  return c.get('t')('security.rateLimit.message', {
    minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
  })
}

function randomCsrf(): string {
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString('base64url')
}

/** Thrown by {@link requireActor}; `session()` turns it into a redirect or a 401. */
export class SignInRequired extends HTTPException {
  constructor() {
    super(401, { message: 'sign in required' })
  }
}

/** Thrown by {@link requirePerson}; `session()` turns it into a redirect or a 401. */
export class PersonSignInRequired extends HTTPException {
  constructor() {
    super(401, { message: 'applicant sign-in required' })
  }
}

/**
 * Loads the sessions and sets `actor`, `session`, `person`, `personSession` and `csrfToken`;
 * see the module notes.
 */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.path.startsWith('/static/')) {
      // Assets are the same for everyone: no session lookup for each of them.
      c.set('session', undefined)
      c.set('actor', undefined)
      c.set('personSession', undefined)
      c.set('person', undefined)
      c.set('csrfToken', '')
      return next()
    }
    const db = c.get('services').database.db
    const token = getCookie(c, SESSION_COOKIE)
    const live = token ? await sessionFromToken(db, token) : undefined
    if (token && !live) clearSessionCookie(c)
    c.set('session', live)
    c.set('actor', live?.actor)
    const personToken = getCookie(c, PERSON_COOKIE)
    const personLive = personToken ? await personSessionFromToken(db, personToken) : undefined
    if (personToken && !personLive) clearPersonCookie(c)
    c.set('personSession', personLive)
    c.set('person', personLive?.person)
    let csrfToken = live?.csrfToken ?? personLive?.csrfToken
    let fresh = false
    if (!csrfToken) {
      const cookie = getCookie(c, CSRF_COOKIE)
      if (cookie && TOKEN_SHAPE.test(cookie)) csrfToken = cookie
      else {
        csrfToken = randomCsrf()
        fresh = true
      }
    }
    c.set('csrfToken', csrfToken)
    await next()
    if (c.error instanceof SignInRequired) c.res = signInResponse(c)
    if (c.error instanceof PersonSignInRequired) c.res = personSignInResponse(c)
    const html = c.res.headers.get('content-type')?.startsWith('text/html') ?? false
    if (fresh && html) {
      setCookie(c, CSRF_COOKIE, csrfToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: secureCookies(c),
      })
    }
    // Pages for a signed-in user show who they are: never to be kept by a shared cache.
    const someone = live || c.get('actor') || personLive || c.get('person')
    if (someone && !c.res.headers.has('cache-control')) {
      c.res.headers.set('Cache-Control', 'private, no-store')
    }
  })

function signInResponse(c: Context<AppEnv>): Response {
  const t = c.get('t')
  if (isApi(c.req.path)) {
    return c.json({ error: { code: 'unauthorized', message: t('auth.error.signInRequired') } }, 401)
  }
  const here = new URL(c.req.url)
  const back =
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? `${here.pathname}${here.search}`
      : refererPath(c)
  const next = safeNext(back)
  return c.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303)
}

function personSignInResponse(c: Context<AppEnv>): Response {
  const t = c.get('t')
  if (isApi(c.req.path)) {
    return c.json(
      { error: { code: 'unauthorized', message: t('persons.error.signInRequired') } },
      401,
    )
  }
  const here = new URL(c.req.url)
  const back =
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? `${here.pathname}${here.search}`
      : refererPath(c)
  const next = safeNext(back)
  return c.redirect(
    next === '/' ? PERSON_LOGIN_PATH : `${PERSON_LOGIN_PATH}?next=${encodeURIComponent(next)}`,
    303,
  )
}

/** The path of a same-site Referer, for sending the user back after signing in. */
function refererPath(c: Context<AppEnv>): string {
  const referer = c.req.header('referer')
  if (!referer) return '/'
  try {
    const url = new URL(referer)
    return allowedHosts(c).includes(url.host) ? `${url.pathname}${url.search}` : '/'
  } catch {
    return '/'
  }
}

/** Pages never to be sent back to after signing in. */
const SIGN_IN_PAGES = new Set([
  '/login',
  '/logout',
  PERSON_LOGIN_PATH,
  PERSON_REGISTER_PATH,
  PERSON_LOGOUT_PATH,
])

/**
 * A safe place to go after signing in: a path on this site, never another site (`//evil`,
 * `https://evil`, `/\evil`), never the sign-in, registration or sign-out pages (staff's or
 * applicants'); anything else gives `/`.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/'
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/'
  const base = 'http://same.invalid'
  let url: URL
  try {
    url = new URL(value, base)
  } catch {
    return '/'
  }
  if (url.origin !== base) return '/'
  if (SIGN_IN_PAGES.has(url.pathname)) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

/** The signed-in actor; otherwise ends the request: redirect to /login (pages) or 401 (API). */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor')
  if (!actor) throw new SignInRequired()
  return actor
}

/**
 * The signed-in applicant; otherwise ends the request: redirect to /citizen/login (pages) or 401
 * (API). A staff session does not count: staff act for their organisation, not as applicants.
 */
export function requirePerson(c: Context<AppEnv>): Person {
  const person = c.get('person')
  if (!person) throw new PersonSignInRequired()
  return person
}

/** The signed-in actor holding `role` in their organisation; 403 when they lack it. */
export function requireRole(c: Context<AppEnv>, role: Role): Actor {
  const actor = requireActor(c)
  if (!hasRole(actor, role)) {
    const name = c.get('t')(`auth.role.${role}` as MessageKey)
    throw new ForbiddenError(`The ${role} role is required`, 'auth.error.roleRequired', {
      role: name,
    })
  }
  return actor
}

function allowedHosts(c: Context<AppEnv>): string[] {
  const hosts = [new URL(c.req.url).host]
  const host = c.req.header('host')
  if (host) hosts.push(host.toLowerCase())
  const forwarded = c.req.header('x-forwarded-host')?.split(',')[0]?.trim()
  if (forwarded) hosts.push(forwarded.toLowerCase())
  return hosts
}

/** When the browser says where the request comes from, it must be this host. */
function sameOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin')
  const source = origin ?? c.req.header('referer')
  if (source === undefined || source === '') return true
  if (source === 'null') return false
  try {
    return allowedHosts(c).includes(new URL(source).host)
  } catch {
    return false
  }
}

function csrfFailure(): ForbiddenError {
  return new ForbiddenError('CSRF check failed', 'auth.csrf.failed')
}

/** Rejects page writes without the right `_csrf` field and API writes without the header. */
export const csrf = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const live = c.get('session')
    const personLive = c.get('personSession')
    if (isApi(c.req.path)) {
      // With a session (staff, applicant, or both in one browser), the header must carry the
      // token of one of them.
      const tokens = [live?.csrfToken, personLive?.csrfToken].filter((t): t is string => !!t)
      const sent = c.req.header(CSRF_HEADER) ?? ''
      if (tokens.length > 0 && !tokens.some((token) => sameSecret(sent, token))) {
        throw csrfFailure()
      }
      return next()
    }
    // Signing out without a session changes nothing: let an expired page's button just work.
    if (!live && c.req.path === '/logout') return next()
    if (!personLive && c.req.path === PERSON_LOGOUT_PATH) return next()
    if (!sameOrigin(c)) throw csrfFailure()
    const expected = live?.csrfToken ?? personLive?.csrfToken ?? getCookie(c, CSRF_COOKIE)
    let sent: unknown
    try {
      sent = (await c.req.parseBody())[CSRF_FIELD]
    } catch (error) {
      if (error instanceof HTTPException) throw error // the body limit
      throw csrfFailure()
    }
    if (!expected || !TOKEN_SHAPE.test(expected) || typeof sent !== 'string') throw csrfFailure()
    if (!sameSecret(sent, expected)) throw csrfFailure()
    await next()
  })
