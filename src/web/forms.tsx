/**
 * @module
 * Pieces every form shares.
 */
import type { Context } from 'hono'
import type { Actor } from '../auth/index.js'
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
 * What Layout needs to show the signed-in user and a sign-out button (or a sign-in link):
 * `<Layout {...layoutAuth(c)} t={t} …>`.
 */
export function layoutAuth(c: Context<AppEnv>): { actor: Actor | null; csrfToken: string } {
  return { actor: c.get('actor') ?? null, csrfToken: c.get('csrfToken') }
}
