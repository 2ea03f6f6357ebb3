/**
 * @module
 * One-time password setup links (`/account/activate?token=…`): 32 random bytes, valid 72 hours,
 * stored as their sha256 only. Issuing a new link for a user cancels the older unused ones.
 */
import type { Kysely } from 'kysely'
import { InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { endUserSessions } from './sessions.js'
import type { User } from './types.js'
import { setPassword, userById } from './users.js'
import { inTransaction, randomToken, tokenHash } from './util.js'

export const PASSWORD_TOKEN_TTL_MS = 72 * 60 * 60 * 1000

/** The path a user opens to set their password. */
export function activationPath(token: string): string {
  return `/account/activate?token=${encodeURIComponent(token)}`
}

/** Creates a one-time password setup token for a user; returns the token (shown once). */
export async function createPasswordSetupToken(
  db: Kysely<Database>,
  userId: number,
  now: Date = new Date(),
): Promise<string> {
  const user = await userById(db, userId)
  if (!user) {
    throw new NotFoundError(`User ${userId} does not exist`, 'auth.error.userNotFound', {})
  }
  const token = randomToken()
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('auth_password_token')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute()
    await trx
      .insertInto('auth_password_token')
      .values({
        hash: tokenHash(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + PASSWORD_TOKEN_TTL_MS).toISOString(),
        used_at: null,
      })
      .execute()
  })
  return token
}

/**
 * The user a password setup token is for. Throws NotFoundError (404) for an unknown token and
 * InputError (400) for one already used or expired.
 */
export async function checkPasswordSetupToken(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<User> {
  const row =
    token && token.length <= 200
      ? await db
          .selectFrom('auth_password_token')
          .selectAll()
          .where('hash', '=', tokenHash(token))
          .executeTakeFirst()
      : undefined
  if (!row) {
    throw new NotFoundError('This activation link is not known', 'auth.activate.unknown')
  }
  if (row.used_at !== null) {
    throw new InputError('This activation link has already been used', 'auth.activate.used', {})
  }
  if (Date.parse(row.expires_at) <= now.getTime()) {
    throw new InputError('This activation link has expired', 'auth.activate.expired', {})
  }
  const user = await userById(db, row.user_id)
  if (!user) throw new NotFoundError('This activation link is not known', 'auth.activate.unknown')
  return user
}

/**
 * Sets the password with a setup token, once: marks the token used, checks the policy, stores
 * the hash, clears a lock-out and ends the user's sessions. Returns the user's id.
 */
export async function usePasswordSetupToken(
  db: Kysely<Database>,
  token: string,
  password: string,
  now: Date = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const user = await checkPasswordSetupToken(trx, token, now)
    const marked = await trx
      .updateTable('auth_password_token')
      .set({ used_at: now.toISOString() })
      .where('hash', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(marked.numUpdatedRows) !== 1) {
      throw new InputError('This activation link has already been used', 'auth.activate.used', {})
    }
    await setPassword(trx, user.id, password)
    await endUserSessions(trx, user.id)
    return user.id
  })
}
