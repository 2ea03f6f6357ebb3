/**
 * @module
 * Applicants' accounts: citizens and companies' representatives who apply for public services
 * through the portal. They are not staff: a person has no organisation and no roles, signs in
 * with their IIN (ЖСН / ИИН, the login of the regulations' "login (ЖСН) and password", 178/2012
 * L174–175) and a password, and has sessions of their own (`auth_person_session`).
 *
 * The rules are those of staff sign-in (sessions.ts), applied to `auth_person`:
 * - the IIN is 12 digits with a valid check digit (the same algorithm as a BIN's);
 * - the password policy of passwords.ts, and the password must not be the IIN either;
 * - five failed sign-ins in a row lock the account for 15 minutes; during the lock even the right
 *   password is answered with the time the lock ends; success resets the count. An unknown IIN,
 *   a wrong password and a disabled account get the same answer, and take about as long (a dummy
 *   hash is verified for an unknown IIN);
 * - whoever proves the IIN is theirs (an EDS signature, checked by the caller) may replace an
 *   account's name, e-mail and password (replacePersonCredentials): the owner's way back from
 *   someone who registered their IIN first. It clears the lock-out and ends every session of the
 *   account, but a disabled account stays disabled;
 * - a session's token lives only in the browser's cookie; the table keeps its sha256. A session
 *   ends 2 hours after the last request or 12 hours after sign-in, whichever is first.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { ConflictError, InputError, isRecordId, NotFoundError, safeName } from '../core/index.js'
import type { Database } from '../db/index.js'
import { checkPassword, clearFailures, recordSignInRefusal } from './lockout.js'
import { binCheckDigit } from './organisations.js'
import { checkPasswordPolicy, hashPassword } from './passwords.js'
import type { SignInRequest } from './security-events.js'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.js'
import type { AuthPersonTable } from './tables.js'
import { inTransaction, isUniqueViolation, normaliseEmail, randomToken, tokenHash } from './util.js'

/** An applicant as the rest of the application sees them. */
export interface Person {
  personId: number
  /** 12-digit individual identification number (ЖСН / ИИН). */
  iin: string
  name: string
  /** Lower-case, or null when the person gave none. */
  email: string | null
}

/** An applicant's live session as the web layer uses it. */
export interface PersonSession {
  /** sha256 (hex) of the cookie token. */
  id: string
  person: Person
  csrfToken: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

export type PersonLoginResult =
  | { ok: true; token: string; session: PersonSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: string }
  | { ok: false; reason: 'rate-limited'; until: string; retryAfterSeconds: number }

export interface PersonInput {
  iin: string
  name: string
  /** Optional; empty means none. */
  email?: string | null
  password: string
}

const NAME_MAX = 300
/** `last_seen_at` is refreshed when older than this, not on every request. */
const TOUCH_AFTER_MS = 60 * 1000

function toPerson(row: Pick<Selectable<AuthPersonTable>, 'id' | 'iin' | 'name' | 'email'>): Person {
  return { personId: row.id, iin: row.iin, name: row.name, email: row.email }
}

/**
 * Checks an IIN: 12 digits (spaces ignored) whose last digit is the check digit of the first 11.
 * Throws an InputError (`persons.error.iin`, `persons.error.iinCheck`) otherwise.
 * @example normaliseIin('900101 300017') // '900101300017'; '900101300018' throws persons.error.iinCheck
 */
export function normaliseIin(value: string): string {
  const shown = String(value ?? '').slice(0, 40)
  const iin = String(value ?? '').replace(/\s+/g, '')
  if (!/^\d{12}$/.test(iin)) {
    throw new InputError(`The IIN must be 12 digits, not "${shown}"`, 'persons.error.iin', {
      value: shown,
    })
  }
  if (binCheckDigit(iin) !== Number(iin[11])) {
    throw new InputError(`The IIN "${shown}" has a wrong check digit`, 'persons.error.iinCheck', {
      value: shown,
    })
  }
  return iin
}

function checkPersonName(value: unknown): string {
  const name = typeof value === 'string' ? safeName(value).trim().replace(/\s+/g, ' ') : ''
  if (!name || name.length > NAME_MAX) {
    throw new InputError(
      `The full name is required (at most ${NAME_MAX} characters)`,
      'persons.error.name',
      { max: NAME_MAX },
    )
  }
  return name
}

function iinTaken(iin: string): ConflictError {
  return new ConflictError(`An account with IIN ${iin} already exists`, 'persons.error.iinTaken', {
    iin,
  })
}

/**
 * Creates an applicant's account. Refused with an InputError: an IIN that is not 12 digits or
 * has a wrong check digit, an empty name, a malformed e-mail, a password against the policy or
 * equal to the IIN; with a ConflictError (`persons.error.iinTaken`): an IIN already registered.
 * @example const person = await registerPerson(db, { iin: '900101300017', name: 'Айгүл Серікқызы', password: 'ақ бидай егістігі 2026' })
 */
export async function registerPerson(
  db: Kysely<Database>,
  input: PersonInput,
  now: Date = new Date(),
): Promise<Person> {
  const iin = normaliseIin(input.iin)
  const name = checkPersonName(input.name)
  const email = input.email?.trim() ? normaliseEmail(input.email) : null
  const password = String(input.password ?? '')
  if (password.trim() === iin) {
    throw new InputError('The password must not be the IIN', 'persons.error.passwordIsIin')
  }
  // Without an e-mail address, the policy's "not the address" rule compares with the IIN, which
  // was refused just above with its own message: only the length rules remain.
  checkPasswordPolicy(password, email ?? iin)
  if (await personIdByIin(db, iin)) throw iinTaken(iin)
  const passwordHash = await hashPassword(password)
  try {
    const row = await db
      .insertInto('auth_person')
      .values({ iin, name, email, password_hash: passwordHash, created_at: now.toISOString() })
      .returning(['id', 'iin', 'name', 'email'])
      .executeTakeFirstOrThrow()
    return toPerson(row)
  } catch (error) {
    // Two registrations of the same IIN at once: the unique index lets only one through.
    if (isUniqueViolation(error)) throw iinTaken(iin)
    throw error
  }
}

/** What replaces an account's credentials; the IIN stays. */
export interface PersonCredentials {
  name: string
  /** Optional; empty means none (an address given before is removed). */
  email?: string | null
  password: string
}

/**
 * Gives the account of `iin` a new name, e-mail (or none) and password, clears its failed
 * sign-ins and lock-out, and ends all its sessions, in one transaction; nothing else is recorded
 * and a disabled account stays disabled (`disabled` says so: then no session should be opened).
 * The caller must first have proved that the IIN is the claimant's (an EDS signature of a
 * certificate issued to this IIN). Refused with an InputError for the checks of
 * {@link registerPerson} (IIN, name, e-mail, password policy, password equal to the IIN) and a
 * NotFoundError (`persons.error.notFound`) when no account has the IIN.
 * @example const { disabled, ...person } = await replacePersonCredentials(db, '900101300017', { name: 'Айгүл Серікқызы', password: 'жаңа құпия сөз 2026' })
 */
export async function replacePersonCredentials(
  db: Kysely<Database>,
  iin: string,
  credentials: PersonCredentials,
): Promise<Person & { disabled: boolean }> {
  const checkedIin = normaliseIin(iin)
  const name = checkPersonName(credentials.name)
  const email = credentials.email?.trim() ? normaliseEmail(credentials.email) : null
  const password = String(credentials.password ?? '')
  if (password.trim() === checkedIin) {
    throw new InputError('The password must not be the IIN', 'persons.error.passwordIsIin')
  }
  checkPasswordPolicy(password, email ?? checkedIin)
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('auth_person')
      .set({ name, email, password_hash: passwordHash, failed_logins: 0, locked_until: null })
      .where('iin', '=', checkedIin)
      .returning(['id', 'iin', 'name', 'email', 'disabled'])
      .executeTakeFirst()
    if (!row) {
      throw new NotFoundError(`No account has the IIN ${checkedIin}`, 'persons.error.notFound', {
        iin: checkedIin,
      })
    }
    await trx.deleteFrom('auth_person_session').where('person_id', '=', row.id).execute()
    return { ...toPerson(row), disabled: row.disabled !== 0 }
  })
}

async function personIdByIin(db: Kysely<Database>, iin: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('auth_person')
    .select('id')
    .where('iin', '=', iin)
    .executeTakeFirst()
  return row?.id
}

/** The person with this id (disabled or not); undefined for an unknown id. */
export async function personById(
  db: Kysely<Database>,
  personId: number,
): Promise<Person | undefined> {
  if (!isRecordId(personId)) return undefined
  const row = await db
    .selectFrom('auth_person')
    .select(['id', 'iin', 'name', 'email'])
    .where('id', '=', personId)
    .executeTakeFirst()
  return row ? toPerson(row) : undefined
}

/** The person registered with this IIN (spaces ignored); undefined for none or a malformed IIN. */
export async function findPersonByIin(
  db: Kysely<Database>,
  iin: string,
): Promise<Person | undefined> {
  const normalised = String(iin ?? '').replace(/\s+/g, '')
  if (!/^\d{12}$/.test(normalised)) return undefined
  const row = await db
    .selectFrom('auth_person')
    .select(['id', 'iin', 'name', 'email'])
    .where('iin', '=', normalised)
    .executeTakeFirst()
  return row ? toPerson(row) : undefined
}

/**
 * Checks an IIN and password and, when they are right and the account is neither locked nor
 * disabled, opens a session. The caller puts `token` in the cookie and should end the session
 * the browser had before (rotation). Never throws for bad input: a malformed IIN is `invalid`.
 */
export async function loginPerson(
  db: Kysely<Database>,
  input: {
    iin: string
    password: string
    userAgent?: string | null
    now?: Date
    /** Where the attempt comes from: applies the rate limit and records refusals (security log). */
    request?: SignInRequest
  },
): Promise<PersonLoginResult> {
  const now = input.now ?? new Date()
  const iin = String(input.iin ?? '').replace(/\s+/g, '')
  const password = String(input.password ?? '')
  const row = /^\d{12}$/.test(iin)
    ? await db.selectFrom('auth_person').selectAll().where('iin', '=', iin).executeTakeFirst()
    : undefined
  const audit = input.request ? { request: input.request, identifier: iin } : undefined
  const check = await checkPassword(db, 'auth_person', row, password, now, audit)
  if (!check.ok) return check
  if (!row) return { ok: false, reason: 'invalid' }
  if (row.disabled) {
    const details = { reason: 'disabled' }
    await recordSignInRefusal(db, 'auth_person', audit, 'login.failed', row.id, details, now)
    return { ok: false, reason: 'invalid' }
  }
  await clearFailures(db, 'auth_person', row.id)
  const opened = await openPersonSession(db, toPerson(row), { userAgent: input.userAgent, now })
  return { ok: true, ...opened }
}

/**
 * Opens a session for a person (after sign-in or registration) and returns the cookie token.
 * Also deletes person sessions that have run out, so the table does not grow.
 */
export async function openPersonSession(
  db: Kysely<Database>,
  person: Person,
  options: { userAgent?: string | null; now?: Date } = {},
): Promise<{ token: string; session: PersonSession }> {
  const now = options.now ?? new Date()
  await deleteExpiredPersonSessions(db, now)
  const token = randomToken()
  const session: PersonSession = {
    id: tokenHash(token),
    person,
    csrfToken: randomToken(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  }
  await db
    .insertInto('auth_person_session')
    .values({
      id: session.id,
      person_id: person.personId,
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
 * The live session for a cookie token, with its person; undefined when the token is unknown, the
 * session ran out (idle or absolute) or the person was disabled. A session found so is deleted.
 */
export async function personSessionFromToken(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<PersonSession | undefined> {
  if (!token || token.length > 200) return undefined
  const id = tokenHash(token)
  const row = await db
    .selectFrom('auth_person_session')
    .innerJoin('auth_person', 'auth_person.id', 'auth_person_session.person_id')
    .select([
      'auth_person_session.csrf_token',
      'auth_person_session.created_at',
      'auth_person_session.last_seen_at',
      'auth_person_session.expires_at',
      'auth_person.id',
      'auth_person.iin',
      'auth_person.name',
      'auth_person.email',
      'auth_person.disabled',
    ])
    .where('auth_person_session.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const at = now.getTime()
  const lastSeen = Date.parse(row.last_seen_at)
  if (at >= Date.parse(row.expires_at) || at >= lastSeen + SESSION_IDLE_MS || row.disabled) {
    await db.deleteFrom('auth_person_session').where('id', '=', id).execute()
    return undefined
  }
  let lastSeenAt = row.last_seen_at
  if (at - lastSeen >= TOUCH_AFTER_MS) {
    lastSeenAt = now.toISOString()
    await db
      .updateTable('auth_person_session')
      .set({ last_seen_at: lastSeenAt })
      .where('id', '=', id)
      .execute()
  }
  return {
    id,
    person: toPerson(row),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt,
    expiresAt: row.expires_at,
  }
}

/** Ends the person session of a cookie token (sign-out); nothing happens for an unknown token. */
export async function endPersonSession(db: Kysely<Database>, token: string): Promise<void> {
  if (!token || token.length > 200) return
  await db.deleteFrom('auth_person_session').where('id', '=', tokenHash(token)).execute()
}

/** Deletes person sessions past their absolute or idle end. */
export async function deleteExpiredPersonSessions(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<void> {
  await db
    .deleteFrom('auth_person_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now.toISOString()),
        eb('last_seen_at', '<=', new Date(now.getTime() - SESSION_IDLE_MS).toISOString()),
      ]),
    )
    .execute()
}

/**
 * A short fingerprint of an account's current credentials (16 hex of the SHA-256 of its id and
 * password hash), or undefined for an unknown IIN. A claim text names it, so a claim signature
 * works once: after the claim the password hash, and so the stamp, is new.
 */
export async function personClaimStamp(
  db: Kysely<Database>,
  iin: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('auth_person')
    .select(['id', 'password_hash'])
    .where('iin', '=', iin)
    .executeTakeFirst()
  if (!row) return undefined
  return createHash('sha256').update(`${row.id}:${row.password_hash}`).digest('hex').slice(0, 16)
}
