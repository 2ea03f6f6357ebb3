/**
 * @module
 * The security audit log (`auth_security_event`) and the sign-in rate limit per client address.
 *
 * - Events: failed sign-ins, lock-outs (the moment an account locks and every attempt while it is
 *   locked), sign-ins refused by the rate limit, denied access (403) and rejected CSRF tokens,
 *   each with the client address, the account when known, the method and path. Passwords are
 *   never recorded. Not recorded: 401 (a page that needs signing in, an expired session) and 404:
 *   both happen all the time to ordinary users and crawlers and would bury the events that matter.
 * - Rate limit: {@link LOGIN_RATE_LIMIT}.max counted sign-in events (login.failed, login.locked,
 *   login.rate-limited) from one address within {@link LOGIN_RATE_LIMIT}.windowMs refuse the next
 *   sign-in from that address until the oldest of the last `max` events leaves the window. The
 *   count is read from the table, so every instance sharing the database sees the same count.
 *   Each failed attempt writes exactly one counted event (the fifth wrong password writes
 *   login.locked, not login.failed as well).
 * - Retention: {@link deleteSecurityEventsBefore}; {@link SECURITY_EVENT_RETENTION_DAYS} by default.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

export const SECURITY_EVENT_KINDS = [
  'login.failed',
  'login.locked',
  'login.rate-limited',
  'access.denied',
  'csrf.rejected',
] as const
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number]

export function isSecurityEventKind(value: unknown): value is SecurityEventKind {
  return typeof value === 'string' && (SECURITY_EVENT_KINDS as readonly string[]).includes(value)
}

/**
 * Sign-in attempts from one address: at most `max` counted failures in `windowMs`. 20 in 10
 * minutes leaves room for an office or a population service centre behind one NAT address (each
 * account is also locked after 5 wrong passwords), and holds one address to 2,880 guesses a day.
 */
export const LOGIN_RATE_LIMIT = { max: 20, windowMs: 10 * 60 * 1000 } as const

/** The events the rate limit counts. */
const RATE_LIMITED_KINDS: readonly SecurityEventKind[] = [
  'login.failed',
  'login.locked',
  'login.rate-limited',
]

/** How long events are kept by default (the scheduler's daily clean-up uses this). */
export const SECURITY_EVENT_RETENTION_DAYS = 365

/** One event to record. `details` must never hold a password or a token. */
export interface SecurityEventInput {
  kind: SecurityEventKind
  at?: Date
  ip?: string | null
  userId?: number | null
  personId?: number | null
  organisationId?: number | null
  method?: string | null
  path?: string | null
  details?: Record<string, unknown>
}

/** An event as stored. */
export interface SecurityEvent {
  id: number
  kind: string
  at: string
  ip: string | null
  userId: number | null
  personId: number | null
  organisationId: number | null
  method: string | null
  path: string | null
  details: Record<string, unknown>
}

/** Where a sign-in attempt came from, for the rate limit and the log. */
export interface SignInRequest {
  ip: string | null
  method?: string | null
  path?: string | null
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null
  return value.length > max ? value.slice(0, max) : value
}

export async function recordSecurityEvent(
  db: Kysely<Database>,
  event: SecurityEventInput,
): Promise<void> {
  await db
    .insertInto('auth_security_event')
    .values({
      kind: event.kind,
      at: (event.at ?? new Date()).toISOString(),
      ip: clip(event.ip, 100),
      user_id: event.userId ?? null,
      person_id: event.personId ?? null,
      organisation_id: event.organisationId ?? null,
      method: clip(event.method, 16),
      path: clip(event.path, 500),
      details: JSON.stringify(event.details ?? {}),
    })
    .execute()
}

export interface SecurityEventFilters {
  kind?: SecurityEventKind
  ip?: string
  userId?: number
  personId?: number
  /** From this instant (inclusive). */
  from?: Date
  /** Before this instant (exclusive). */
  to?: Date
}

export interface SecurityEventPage {
  events: SecurityEvent[]
  total: number
  limit: number
  offset: number
}

const MAX_PAGE = 500

/** Events matching `filters`, newest first, `limit` (at most 500) from `offset`, and the total. */
export async function listSecurityEvents(
  db: Kysely<Database>,
  filters: SecurityEventFilters = {},
  paging: { limit?: number; offset?: number } = {},
): Promise<SecurityEventPage> {
  const limit = Math.min(Math.max(Math.trunc(paging.limit ?? 50), 1), MAX_PAGE)
  const offset = Math.max(Math.trunc(paging.offset ?? 0), 0)
  let query = db.selectFrom('auth_security_event')
  if (filters.kind) query = query.where('kind', '=', filters.kind)
  if (filters.ip) query = query.where('ip', '=', filters.ip)
  if (filters.userId !== undefined) query = query.where('user_id', '=', filters.userId)
  if (filters.personId !== undefined) query = query.where('person_id', '=', filters.personId)
  if (filters.from) query = query.where('at', '>=', filters.from.toISOString())
  if (filters.to) query = query.where('at', '<', filters.to.toISOString())
  const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
  return {
    events: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: r.at,
      ip: r.ip,
      userId: r.user_id,
      personId: r.person_id,
      organisationId: r.organisation_id,
      method: r.method,
      path: r.path,
      details: parseDetails(r.details),
    })),
    total: Number(counted.n),
    limit,
    offset,
  }
}

function parseDetails(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return (value ?? {}) as Record<string, unknown>
  try {
    return JSON.parse(value) as Record<string, unknown>
  } catch {
    return {}
  }
}

export type RateLimitState =
  | { limited: false }
  | { limited: true; until: string; retryAfterSeconds: number }

/**
 * Whether sign-ins from `ip` are refused at `now`: `limit.max` counted events within the window
 * before `now`. Then `until` is when the oldest of the newest `max` leaves the window.
 */
export async function loginRateLimit(
  db: Kysely<Database>,
  ip: string | null,
  now: Date = new Date(),
  limit: { max: number; windowMs: number } = LOGIN_RATE_LIMIT,
): Promise<RateLimitState> {
  if (!ip) return { limited: false }
  const since = new Date(now.getTime() - limit.windowMs).toISOString()
  const edge = await db
    .selectFrom('auth_security_event')
    .select('at')
    .where('ip', '=', ip)
    .where('kind', 'in', RATE_LIMITED_KINDS)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(1)
    .offset(limit.max - 1)
    .executeTakeFirst()
  if (!edge) return { limited: false }
  const untilMs = Date.parse(edge.at) + limit.windowMs
  return {
    limited: true,
    until: new Date(untilMs).toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((untilMs - now.getTime()) / 1000)),
  }
}

/** Deletes events older than `before`; returns how many. For retention (daily). */
export async function deleteSecurityEventsBefore(
  db: Kysely<Database>,
  before: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('auth_security_event')
    .where('at', '<', before.toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** The cut-off for the default retention: events before it may go. */
export function securityEventRetentionCutoff(
  now: Date = new Date(),
  days: number = SECURITY_EVENT_RETENTION_DAYS,
): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000)
}
