/**
 * @module
 * Pieces every form shares.
 */
import type { Context } from 'hono'
import { type Actor, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type Person } from '../auth/index.js'
import type { Translator } from '../i18n/index.js'
import { CSRF_FIELD } from './auth.js'
import type { AppEnv } from './context.js'

/**
 * The hidden CSRF field every POST form must carry.
 * @example <form method="post" action="/x"><CsrfField token={c.get('csrfToken')} />…</form>
 */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />
}

/**
 * What Layout needs to show the signed-in user and the signed-in applicant, each with a sign-out
 * button (or a sign-in link): `<Layout {...layoutAuth(c)} t={t} …>`.
 */
export function layoutAuth(c: Context<AppEnv>): {
  actor: Actor | null
  person: Person | null
  csrfToken: string
} {
  return {
    actor: c.get('actor') ?? null,
    person: c.get('person') ?? null,
    csrfToken: c.get('csrfToken'),
  }
}

/** The new password, twice, as activation and the password change ask for it. */
export function NewPasswordFields({ t, id }: { t: Translator; id: string }) {
  return (
    <>
      {[
        { suffix: '', name: 'password', label: t('auth.field.newPassword') },
        { suffix: '2', name: 'password2', label: t('auth.field.repeatPassword') },
      ].map((field) => (
        <p>
          <label for={`${id}-password${field.suffix}`}>{field.label}</label>
          <br />
          <input
            type="password"
            id={`${id}-password${field.suffix}`}
            name={field.name}
            autocomplete="new-password"
            required
            minlength={PASSWORD_MIN_LENGTH}
            maxlength={PASSWORD_MAX_LENGTH}
          />
        </p>
      ))}
    </>
  )
}
