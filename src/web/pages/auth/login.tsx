/**
 * @module
 * Sign-in (GET/POST /login) and sign-out (POST /logout).
 */
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { endSession, login } from '../../../auth/index.js'
import {
  clearSessionCookie,
  rateLimitMessage,
  SESSION_COOKIE,
  safeNext,
  setSessionCookie,
  signInRequest,
} from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { Layout } from '../../layout.js'
import { timeOfDay } from './labels.js'

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

function LoginPage({
  c,
  next,
  email = '',
  error,
}: {
  c: Context<AppEnv>
  next: string
  email?: string
  error?: string
}) {
  const t = c.get('t')
  return (
    <Layout
      t={t}
      language={c.get('language')}
      url={c.req.url}
      title={t('auth.login.title')}
      actor={null}
    >
      <h1>{t('auth.login.title')}</h1>
      <p class="lead">{t('auth.login.intro')}</p>
      {error ? (
        <p class="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/login" class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="login-email">{t('auth.field.email')}</label>
          <br />
          <input
            type="email"
            id="login-email"
            name="email"
            value={email}
            autocomplete="username"
            required
            maxlength={254}
          />
        </p>
        <p>
          <label for="login-password">{t('auth.field.password')}</label>
          <br />
          <input
            type="password"
            id="login-password"
            name="password"
            autocomplete="current-password"
            required
            maxlength={1024}
          />
        </p>
        <p>
          <button type="submit">{t('auth.login.submit')}</button>
        </p>
      </form>
      <p class="muted">{t('auth.login.help')}</p>
      <p>
        <a href="/portal/account-requests/new">{t('portal.accounts.askLink')}</a>
      </p>
    </Layout>
  )
}

function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store')
}

export function registerLoginPages(app: Hono<AppEnv>): void {
  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'))
    if (c.get('actor')) return c.redirect(next, 303)
    noStore(c)
    return c.html(<LoginPage c={c} next={next} />)
  })

  app.post('/login', async (c) => {
    const t = c.get('t')
    const body = await c.req.parseBody()
    const email = field(body, 'email').trim()
    const next = safeNext(field(body, 'next'))
    const db = c.get('services').database.db
    // Rotation: whatever session this browser had ends here; sign-in always opens a new one.
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await endSession(db, previous)
    const result = await login(db, {
      email,
      password: field(body, 'password'),
      userAgent: c.req.header('user-agent') ?? null,
      request: signInRequest(c),
    })
    noStore(c)
    if (!result.ok) {
      if (previous) clearSessionCookie(c)
      const error =
        result.reason === 'rate-limited'
          ? rateLimitMessage(c, result.retryAfterSeconds)
          : result.reason === 'locked'
            ? t('auth.login.locked', { time: timeOfDay(result.lockedUntil) })
            : t('auth.login.invalid')
      const status = result.reason === 'rate-limited' ? 429 : result.reason === 'locked' ? 423 : 401
      return c.html(
        <LoginPage c={c} next={next} email={email.slice(0, 254)} error={error} />,
        status,
      )
    }
    setSessionCookie(c, result.token)
    // With nowhere particular to go, a signed-in user starts in the portal.
    return c.redirect(next === '/' ? '/portal' : next, 303)
  })

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await endSession(c.get('services').database.db, token)
    clearSessionCookie(c)
    return c.redirect('/', 303)
  })
}
