/**
 * @module
 * Setting the password with a one-time link (GET/POST /account/activate?token=…); on success the
 * user is signed in.
 */
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import {
  actorFor,
  checkPasswordSetupToken,
  endSession,
  openSession,
  PASSWORD_MIN_LENGTH,
  usePasswordSetupToken,
} from '../../../auth/index.js'
import { InputError } from '../../../core/index.js'
import { isMessageKey } from '../../../i18n/index.js'
import { SESSION_COOKIE, setSessionCookie } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField, NewPasswordFields } from '../../forms.js'
import { Layout } from '../../layout.js'

/** Policy errors are shown on the form; a used, expired or unknown link goes to the error page. */
const FORM_ERRORS = new Set([
  'auth.error.passwordShort',
  'auth.error.passwordLong',
  'auth.error.passwordIsEmail',
])

function ActivatePage({
  c,
  token,
  email,
  error,
}: {
  c: Context<AppEnv>
  token: string
  email: string
  error?: string
}) {
  const t = c.get('t')
  return (
    <Layout
      t={t}
      language={c.get('language')}
      url={c.req.url}
      title={t('auth.activate.title')}
      actor={null}
    >
      <h1>{t('auth.activate.title')}</h1>
      <p class="lead">{t('auth.activate.intro', { email })}</p>
      <p>{t('auth.password.policy', { min: PASSWORD_MIN_LENGTH })}</p>
      {error ? (
        <p class="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/account/activate" class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <NewPasswordFields t={t} id="activate" />
        <p>
          <button type="submit">{t('auth.activate.submit')}</button>
        </p>
      </form>
    </Layout>
  )
}

export function registerActivationPages(app: Hono<AppEnv>): void {
  app.get('/account/activate', async (c) => {
    const token = c.req.query('token') ?? ''
    const user = await checkPasswordSetupToken(c.get('services').database.db, token)
    c.header('Cache-Control', 'no-store')
    return c.html(<ActivatePage c={c} token={token} email={user.email} />)
  })

  app.post('/account/activate', async (c) => {
    const t = c.get('t')
    const db = c.get('services').database.db
    const body = await c.req.parseBody()
    const token = typeof body.token === 'string' ? body.token : ''
    const password = typeof body.password === 'string' ? body.password : ''
    const user = await checkPasswordSetupToken(db, token)
    c.header('Cache-Control', 'no-store')
    if (password !== body.password2) {
      return c.html(
        <ActivatePage
          c={c}
          token={token}
          email={user.email}
          error={t('auth.error.passwordMismatch')}
        />,
        400,
      )
    }
    let userId: number
    try {
      userId = await usePasswordSetupToken(db, token, password)
    } catch (error) {
      if (error instanceof InputError && FORM_ERRORS.has(error.messageKey)) {
        const message = isMessageKey(error.messageKey)
          ? t(error.messageKey, error.params)
          : error.message
        return c.html(<ActivatePage c={c} token={token} email={user.email} error={message} />, 400)
      }
      throw error
    }
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await endSession(db, previous)
    const actor = await actorFor(db, userId)
    if (!actor) return c.redirect('/login', 303)
    const { token: sessionToken } = await openSession(db, actor, {
      userAgent: c.req.header('user-agent') ?? null,
    })
    setSessionCookie(c, sessionToken)
    return c.redirect('/account?activated=1', 303)
  })
}
