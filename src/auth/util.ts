/**
 * @module
 * Small helpers of the auth module: e-mail normalisation, random tokens and their hashes,
 * transactions that nest.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Trims and lower-cases an e-mail address; throws an InputError when it is not one. */
export function normaliseEmail(value: string): string {
  const email = String(value ?? '')
    .trim()
    .toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) {
    throw new InputError(`"${value}" is not an e-mail address`, 'auth.error.email', {
      value: String(value ?? ''),
    })
  }
  return email
}

/** 32 random bytes, base64url: session cookies, CSRF tokens, activation links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** sha256 hex of a token: what is stored in place of the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest()
  const y = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(x, y) && a.length === b.length
}

/** Runs `work` in a transaction, or in the caller's when `db` already is one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

/** A unique-constraint violation on either backend. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}
