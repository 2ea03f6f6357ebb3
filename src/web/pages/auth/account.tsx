/**
 * @module
 * Who am I (GET /account) and changing the password (POST /account/password).
 */
import type { Context, Hono } from 'hono'
import { changePassword, hasRole, PASSWORD_MIN_LENGTH } from '../../../auth/index.js'
import { InputError } from '../../../core/index.js'
import { isMessageKey } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField, layoutAuth, NewPasswordFields } from '../../forms.js'
import { Layout } from '../../layout.js'
import { organisationKindName, organisationName, roleName } from './labels.js'

function AccountPage({
  c,
  notice,
  error,
}: {
  c: Context<AppEnv>
  notice?: string
  error?: string
}) {
  const t = c.get('t')
  const actor = requireActor(c)
  const language = c.get('language')
  return (
    <Layout
      t={t}
      language={language}
      url={c.req.url}
      title={t('auth.account.title')}
      {...layoutAuth(c)}
    >
      <h1>{t('auth.account.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="fields">
        <dt>{t('auth.field.name')}</dt>
        <dd>{actor.name}</dd>
        <dt>{t('auth.field.email')}</dt>
        <dd>{actor.email}</dd>
        <dt>{t('auth.field.organisation')}</dt>
        <dd>
          {organisationName(actor.organisation, language)}
          <span class="muted"> ({organisationKindName(t, actor.organisation.kind)})</span>
        </dd>
        <dt>{t('auth.field.roles')}</dt>
        <dd>{actor.roles.map((role) => roleName(t, role)).join(', ')}</dd>
      </dl>
      {hasRole(actor, 'admin') ? (
        <p>
          <a href="/admin/users">{t('admin.account.link')}</a>
        </p>
      ) : null}
      <h2 id="password">{t('auth.account.changePassword')}</h2>
      <p>{t('auth.password.policy', { min: PASSWORD_MIN_LENGTH })}</p>
      {error ? (
        <p class="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/account/password" class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="username" value={actor.email} autocomplete="username" />
        <p>
          <label for="account-current">{t('auth.field.currentPassword')}</label>
          <br />
          <input
            type="password"
            id="account-current"
            name="current"
            autocomplete="current-password"
            required
            maxlength={1024}
          />
        </p>
        <NewPasswordFields t={t} id="account" />
        <p>
          <button type="submit">{t('auth.account.savePassword')}</button>
        </p>
      </form>
      <form method="post" action="/logout">
        <CsrfField token={c.get('csrfToken')} />
        <button type="submit">{t('auth.menu.signOut')}</button>
      </form>
    </Layout>
  )
}

export function registerAccountPages(app: Hono<AppEnv>): void {
  app.get('/account', (c) => {
    const t = c.get('t')
    requireActor(c)
    const notice =
      c.req.query('activated') === '1'
        ? t('auth.account.activated')
        : c.req.query('changed') === '1'
          ? t('auth.account.passwordChanged')
          : undefined
    return c.html(<AccountPage c={c} notice={notice} />)
  })

  app.post('/account/password', async (c) => {
    const t = c.get('t')
    const actor = requireActor(c)
    const body = await c.req.parseBody()
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    if (text('password') !== text('password2')) {
      return c.html(<AccountPage c={c} error={t('auth.error.passwordMismatch')} />, 400)
    }
    try {
      await changePassword(c.get('services').database.db, {
        userId: actor.userId,
        current: text('current'),
        next: text('password'),
        keepSessionId: c.get('session')?.id,
      })
    } catch (error) {
      if (error instanceof InputError) {
        const message = isMessageKey(error.messageKey)
          ? t(error.messageKey, error.params)
          : error.message
        return c.html(<AccountPage c={c} error={message} />, 400)
      }
      throw error
    }
    return c.redirect('/account?changed=1', 303)
  })
}
