/**
 * @module
 * The password check both sign-ins share (staff by e-mail, applicants by IIN): the same answer
 * and about the same time for an unknown account (a dummy hash is verified), the lock-out while
 * it lasts, counting failures (five in a row lock the account for 15 minutes), and clearing the
 * count once the caller has decided to let the user in. `auth_user` and `auth_person` have the
 * same columns for this.
 *
 * Given where the attempt comes from (`audit`), it also applies the rate limit per client address
 * before anything else (no password is checked then) and records every refusal in the security
 * audit log (src/auth/security-events.ts): login.rate-limited, login.failed (unknown account,
 * wrong password, disabled), login.locked (the wrong password that locks the account, and every
 * attempt while it is locked). A locked account gives the same answer whatever the password, after
 * the same dummy hash check an unknown account gets, so it cannot be probed for its password.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { loginRateLimit, recordSecurityEvent, type SignInRequest } from './security-events.js'
import { randomToken } from './util.js'

export const LOCKOUT_THRESHOLD = 5
export const LOCKOUT_MS = 15 * 60 * 1000

/** The tables whose rows sign in with a password. */
export type PasswordTable = 'auth_user' | 'auth_person'

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: string }
  | { ok: false; reason: 'rate-limited'; until: string; retryAfterSeconds: number }

/** Where a sign-in attempt comes from and the name it was made with (never the password). */
export interface SignInAudit {
  request: SignInRequest
  /** The e-mail or IIN typed, kept (up to 254 characters) only when no account has it. */
  identifier: string
}

let dummyHash: Promise<string> | undefined

async function dummyCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomToken())
  await verifyPassword(password, await dummyHash)
}

function accountColumns(table: PasswordTable, id: number | undefined) {
  if (id === undefined) return {}
  return table === 'auth_user' ? { userId: id } : { personId: id }
}

/** Records a refused sign-in in the audit log (when the attempt's origin is known). */
export async function recordSignInRefusal(
  db: Kysely<Database>,
  table: PasswordTable,
  audit: SignInAudit | undefined,
  kind: 'login.failed' | 'login.locked' | 'login.rate-limited',
  accountId: number | undefined,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  if (!audit) return
  await recordSecurityEvent(db, {
    kind,
    at: now,
    ip: audit.request.ip,
    method: audit.request.method,
    path: audit.request.path,
    ...accountColumns(table, accountId),
    details: {
      account: table === 'auth_user' ? 'staff' : 'applicant',
      ...(accountId === undefined ? { identifier: audit.identifier.slice(0, 254) } : {}),
      ...details,
    },
  })
}

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
  audit?: SignInAudit,
): Promise<PasswordCheck> {
  if (audit) {
    const limit = await loginRateLimit(db, audit.request.ip, now)
    if (limit.limited) {
      await recordSignInRefusal(
        db,
        table,
        audit,
        'login.rate-limited',
        row?.id,
        { until: limit.until },
        now,
      )
      return {
        ok: false,
        reason: 'rate-limited',
        until: limit.until,
        retryAfterSeconds: limit.retryAfterSeconds,
      }
    }
  }
  if (!row?.password_hash) {
    await dummyCheck(password)
    const reason = row ? 'no-password' : 'unknown'
    await recordSignInRefusal(db, table, audit, 'login.failed', row?.id, { reason }, now)
    return { ok: false, reason: 'invalid' }
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    // The same work as for an unknown account, and the same answer whatever the password.
    await dummyCheck(password)
    await recordSignInRefusal(
      db,
      table,
      audit,
      'login.locked',
      row.id,
      { reason: 'attempt', lockedUntil: row.locked_until },
      now,
    )
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
    await recordSignInRefusal(
      db,
      table,
      audit,
      'login.locked',
      row.id,
      { reason: 'threshold', failures: counted.failed_logins, lockedUntil },
      now,
    )
    return { ok: false, reason: 'locked', lockedUntil }
  }
  await recordSignInRefusal(db, table, audit, 'login.failed', row.id, { reason: 'password' }, now)
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
