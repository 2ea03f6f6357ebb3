/**
 * @module
 * The password check both sign-ins share (staff by e-mail, applicants by IIN): the same answer
 * and about the same time for an unknown account (a dummy hash is verified), the lock-out while
 * it lasts, counting failures (five in a row lock the account for 15 minutes), and clearing the
 * count once the caller has decided to let the user in. `auth_user` and `auth_person` have the
 * same columns for this.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { randomToken } from './util.js'

export const LOCKOUT_THRESHOLD = 5
export const LOCKOUT_MS = 15 * 60 * 1000

/** The tables whose rows sign in with a password. */
export type PasswordTable = 'auth_user' | 'auth_person'

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: string }

let dummyHash: Promise<string> | undefined

/**
 * Checks `password` against an account row (undefined, or without a hash: unknown account).
 * A wrong password is counted, and the fifth in a row locks the account.
 */
export async function checkPassword(
  db: Kysely<Database>,
  table: PasswordTable,
  row: { id: number; password_hash: string | null; locked_until: string | null } | undefined,
  password: string,
  now: Date,
): Promise<PasswordCheck> {
  if (!row?.password_hash) {
    dummyHash ??= hashPassword(randomToken())
    await verifyPassword(password, await dummyHash)
    return { ok: false, reason: 'invalid' }
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until }
  }
  if (await verifyPassword(password, row.password_hash)) return { ok: true }
  // The two tables share these columns; Kysely cannot type a union of table names.
  const accounts = db as unknown as Kysely<Pick<Database, 'auth_user'>>
  const counted = await accounts
    .updateTable(table as 'auth_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', row.id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow()
  if (counted.failed_logins >= LOCKOUT_THRESHOLD) {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString()
    await accounts
      .updateTable(table as 'auth_user')
      .set({ failed_logins: 0, locked_until: lockedUntil })
      .where('id', '=', row.id)
      .execute()
    return { ok: false, reason: 'locked', lockedUntil }
  }
  return { ok: false, reason: 'invalid' }
}

/** Clears the failure count and any lock-out: the user is let in. */
export async function clearFailures(
  db: Kysely<Database>,
  table: PasswordTable,
  id: number,
): Promise<void> {
  const accounts = db as unknown as Kysely<Pick<Database, 'auth_user'>>
  await accounts
    .updateTable(table as 'auth_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}
