/**
 * @module
 * Sign-in, sessions and lock-out.
 *
 * - A session is identified by a random 32-byte token (base64url) that only the browser holds, in
 *   a cookie; the database keeps its sha256 as `auth_session.id`, so a leaked table opens nothing.
 * - A session ends after 2 hours without a request (idle) and 12 hours after sign-in (absolute),
 *   whichever comes first. `last_seen_at` is written at most once a minute.
 * - A session is bound to one organisation and carries its own CSRF token.
 * - Five failed sign-ins in a row lock the account for 15 minutes; during the lock even the right
 *   password is refused with the time the lock ends. A successful sign-in resets the count.
 *   Unknown e-mail, wrong password, disabled user and a user without a password all get the same
 *   answer, and take about as long (a dummy hash is verified for unknown users).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { checkPassword, clearFailures, recordSignInRefusal } from './lockout.js'
import type { SignInRequest } from './security-events.js'
import type { Actor } from './types.js'
import { actorFor } from './users.js'
import { randomToken, tokenHash } from './util.js'

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
/** `last_seen_at` is refreshed when older than this, not on every request. */
const TOUCH_AFTER_MS = 60 * 1000

export { LOCKOUT_MS, LOCKOUT_THRESHOLD } from './lockout.js'

/** A live session as the web layer uses it. */
export interface Session {
  /** sha256 (hex) of the cookie token. */
  id: string
  actor: Actor
  csrfToken: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

export type LoginResult =
  | { ok: true; token: string; session: Session }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: string }
  | { ok: false; reason: 'rate-limited'; until: string; retryAfterSeconds: number }

/**
 * Checks an e-mail and password and, when they are right and the account is not locked, opens a
 * session for the user's organisation (the first one, or `organisationId`). The caller puts
 * `token` in the cookie and should end the session the browser had before (rotation).
 */
export async function login(
  db: Kysely<Database>,
  input: {
    email: string
    password: string
    userAgent?: string | null
    organisationId?: number
    now?: Date
    /** Where the attempt comes from: applies the rate limit and records refusals (security log). */
    request?: SignInRequest
  },
): Promise<LoginResult> {
  const now = input.now ?? new Date()
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase()
  const password = String(input.password ?? '')
  const user = email
    ? await db.selectFrom('auth_user').selectAll().where('email', '=', email).executeTakeFirst()
    : undefined
  const audit = input.request ? { request: input.request, identifier: email } : undefined
  const check = await checkPassword(db, 'auth_user', user, password, now, audit)
  if (!check.ok) return check
  if (!user) return { ok: false, reason: 'invalid' }
  const actor = user.disabled ? undefined : await actorFor(db, user.id, input.organisationId)
  if (!actor) {
    const reason = user.disabled ? 'disabled' : 'no-organisation'
    await recordSignInRefusal(db, 'auth_user', audit, 'login.failed', user.id, { reason }, now)
    return { ok: false, reason: 'invalid' }
  }
  await clearFailures(db, 'auth_user', user.id)
  return { ok: true, ...(await openSession(db, actor, { userAgent: input.userAgent, now })) }
}

/**
 * Opens a session for an actor (after sign-in or activation) and returns the cookie token.
 * Also deletes sessions that have run out, so the table does not grow.
 */
export async function openSession(
  db: Kysely<Database>,
  actor: Actor,
  options: { userAgent?: string | null; now?: Date } = {},
): Promise<{ token: string; session: Session }> {
  const now = options.now ?? new Date()
  await deleteExpiredSessions(db, now)
  const token = randomToken()
  const session: Session = {
    id: tokenHash(token),
    actor,
    csrfToken: randomToken(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  }
  await db
    .insertInto('auth_session')
    .values({
      id: session.id,
      user_id: actor.userId,
      organisation_id: actor.organisation.id,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      user_agent: options.userAgent?.slice(0, 500) ?? null,
    })
    .execute()
  return { token, session }
}

/**
 * The live session for a cookie token, with its actor; undefined when the token is unknown, the
 * session ran out (idle or absolute) or the user was disabled or lost their roles. A session found
 * expired is deleted.
 */
export async function sessionFromToken(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<Session | undefined> {
  if (!token || token.length > 200) return undefined
  const id = tokenHash(token)
  const row = await db
    .selectFrom('auth_session')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const at = now.getTime()
  const lastSeen = Date.parse(row.last_seen_at)
  if (at >= Date.parse(row.expires_at) || at >= lastSeen + SESSION_IDLE_MS) {
    await db.deleteFrom('auth_session').where('id', '=', id).execute()
    return undefined
  }
  const actor = await actorFor(db, row.user_id, row.organisation_id)
  if (!actor) {
    await db.deleteFrom('auth_session').where('id', '=', id).execute()
    return undefined
  }
  let lastSeenAt = row.last_seen_at
  if (at - lastSeen >= TOUCH_AFTER_MS) {
    lastSeenAt = now.toISOString()
    await db
      .updateTable('auth_session')
      .set({ last_seen_at: lastSeenAt })
      .where('id', '=', id)
      .execute()
  }
  return {
    id,
    actor,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt,
    expiresAt: row.expires_at,
  }
}

/** Ends the session of a cookie token (sign-out); nothing happens for an unknown token. */
export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  if (!token || token.length > 200) return
  await db.deleteFrom('auth_session').where('id', '=', tokenHash(token)).execute()
}

/** Ends every session of a user (password set anew, account disabled). */
export async function endUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('auth_session').where('user_id', '=', userId).execute()
}

/** Deletes sessions past their absolute or idle end. */
export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db
    .deleteFrom('auth_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now.toISOString()),
        eb('last_seen_at', '<=', new Date(now.getTime() - SESSION_IDLE_MS).toISOString()),
      ]),
    )
    .execute()
}
