/**
 * @module
 * Password hashing with scrypt from node:crypto, and the password policy.
 *
 * Hashes are stored as `scrypt$N$r$p$salt$hash` (salt and hash base64url): N = 2^15, r = 8,
 * p = 1, a 16-byte random salt and a 64-byte key. scrypt needs 128·N·r bytes = 32 MiB of memory,
 * exactly Node's default `maxmem`, so `maxmem` is raised to 64 MiB. Verification reads the
 * parameters from the stored string (so they can be raised later) and compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { InputError } from '../core/index.js'

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const
/** Fewer characters than this are refused. */
export const PASSWORD_MIN_LENGTH = 12
/** More than this is refused too: hashing unbounded input would be a way to load the server. */
export const PASSWORD_MAX_LENGTH = 1024

const MAXMEM = 64 * 1024 * 1024

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, { N, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/**
 * Hashes a password for storage.
 * @example await hashPassword('correct horse battery') // 'scrypt$32768$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS
  const salt = randomBytes(saltBytes)
  const key = await derive(password, salt, N, r, p, keyBytes)
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** True when `password` matches the stored `encoded` hash; false for any malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  // Bounds keep a tampered row from making us allocate without limit.
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0
  if (!powerOfTwo || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16) || 128 * N * r > MAXMEM) {
    return false
  }
  const salt = Buffer.from(parts[4]!, 'base64url')
  const expected = Buffer.from(parts[5]!, 'base64url')
  if (salt.length === 0 || expected.length < 16) return false
  if (password.length > PASSWORD_MAX_LENGTH) return false
  const actual = await derive(password, salt, N, r, p, expected.length)
  return timingSafeEqual(actual, expected)
}

/**
 * The password policy, kept simple: at least 12 characters (letters of any alphabet, digits,
 * spaces and signs all count; a passphrase of several words is encouraged) and not the user's
 * e-mail address. Throws an {@link InputError} saying what is wrong.
 */
export function checkPasswordPolicy(password: string, email: string): void {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) {
    throw new InputError(
      `The password must have at least ${PASSWORD_MIN_LENGTH} characters`,
      'auth.error.passwordShort',
      { min: PASSWORD_MIN_LENGTH },
    )
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new InputError(
      `The password must have at most ${PASSWORD_MAX_LENGTH} characters`,
      'auth.error.passwordLong',
      { max: PASSWORD_MAX_LENGTH },
    )
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    throw new InputError(
      'The password must not be the e-mail address',
      'auth.error.passwordIsEmail',
    )
  }
}
