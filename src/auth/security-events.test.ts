/**
 * Storage tests of the security audit log and the sign-in rate limit on both backends: recording
 * and listing with filters and paging, the sliding window per address (shared through the
 * database), what staff and applicant sign-ins record (never the password), the lock-out answer
 * that does not depend on the password, and retention.
 */
import { describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { applicant, staff } from '../../test/support/services.js'
import {
  deleteSecurityEventsBefore,
  LOGIN_RATE_LIMIT,
  listSecurityEvents,
  login,
  loginPerson,
  loginRateLimit,
  recordSecurityEvent,
  securityEventRetentionCutoff,
} from './index.js'

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60 * 1000
const T0 = new Date('2026-11-20T08:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE)

describe.each(BACKENDS)('security events [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let ipSerial = 0
  /** A fresh address per test: the events of one test never count in another. */
  const freshIp = () => `198.51.100.${++ipSerial}`

  it('records events and lists them newest first with filters and paging', async () => {
    const ip = freshIp()
    const other = freshIp()
    const actor = await staff(db(), { roles: ['editor'] })
    await recordSecurityEvent(db(), { kind: 'login.failed', at: at(0), ip, details: { a: 1 } })
    await recordSecurityEvent(db(), {
      kind: 'access.denied',
      at: at(1),
      ip,
      userId: actor.userId,
      organisationId: actor.organisation.id,
      method: 'POST',
      path: '/admin/users',
    })
    await recordSecurityEvent(db(), { kind: 'csrf.rejected', at: at(2), ip: other })
    await recordSecurityEvent(db(), { kind: 'login.failed', at: at(3), ip })

    const mine = await listSecurityEvents(db(), { ip })
    expect(mine.total).toBe(3)
    expect(mine.events.map((e) => e.kind)).toEqual([
      'login.failed',
      'access.denied',
      'login.failed',
    ])
    expect(mine.events[1]).toMatchObject({
      ip,
      userId: actor.userId,
      organisationId: actor.organisation.id,
      personId: null,
      method: 'POST',
      path: '/admin/users',
      at: at(1).toISOString(),
    })
    expect(mine.events[2]?.details).toEqual({ a: 1 })

    const failed = await listSecurityEvents(db(), { ip, kind: 'login.failed' })
    expect(failed.events.map((e) => e.at)).toEqual([at(3).toISOString(), at(0).toISOString()])
    const byUser = await listSecurityEvents(db(), { userId: actor.userId })
    expect(byUser.events.map((e) => e.kind)).toEqual(['access.denied'])
    const window = await listSecurityEvents(db(), { ip, from: at(1), to: at(3) })
    expect(window.events.map((e) => e.kind)).toEqual(['access.denied'])

    const first = await listSecurityEvents(db(), { ip }, { limit: 2 })
    const second = await listSecurityEvents(db(), { ip }, { limit: 2, offset: 2 })
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 })
    expect(first.events).toHaveLength(2)
    expect(second.events.map((e) => e.at)).toEqual([at(0).toISOString()])
  })

  it('limits an address after `max` counted failures in the window, until the oldest leaves', async () => {
    const ip = freshIp()
    expect(LOGIN_RATE_LIMIT).toEqual({ max: 20, windowMs: 10 * MINUTE })
    const TEN = { max: 10, windowMs: 10 * MINUTE }
    for (let i = 0; i < 9; i++) {
      await recordSecurityEvent(db(), { kind: 'login.failed', at: at(i * 0.5), ip })
    }
    // Events that are not failed sign-ins do not count.
    await recordSecurityEvent(db(), { kind: 'access.denied', at: at(5), ip })
    await recordSecurityEvent(db(), { kind: 'csrf.rejected', at: at(5), ip })
    expect(await loginRateLimit(db(), ip, at(6), TEN)).toEqual({ limited: false })
    await recordSecurityEvent(db(), { kind: 'login.locked', at: at(6), ip })
    const limited = await loginRateLimit(db(), ip, at(7), TEN)
    // The 10th newest is the first failure at T0: free again 10 minutes after it.
    expect(limited).toEqual({
      limited: true,
      until: at(10).toISOString(),
      retryAfterSeconds: 180,
    })
    expect(await loginRateLimit(db(), ip, at(10), TEN)).toEqual({ limited: false })
    // Another address is not affected; no address (an in-process call) is never limited.
    expect(await loginRateLimit(db(), freshIp(), at(7), TEN)).toEqual({ limited: false })
    expect(await loginRateLimit(db(), null, at(7), TEN)).toEqual({ limited: false })
    // Refusals count too: hammering keeps the address refused.
    await recordSecurityEvent(db(), { kind: 'login.rate-limited', at: at(10), ip })
    expect(await loginRateLimit(db(), ip, at(10), TEN)).toMatchObject({
      limited: true,
      until: at(10.5).toISOString(),
    })
  })

  it('staff sign-in records failures, the lock and attempts while locked; then refuses by rate', async () => {
    const ip = freshIp()
    const request = { ip, method: 'POST', path: '/login' }
    const actor = await staff(db(), { roles: ['editor'] })
    const user = await db()
      .selectFrom('auth_user')
      .select('email')
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow()
    const unknown = await login(db(), {
      email: 'nobody@example.kz',
      password: 'secret-guess-1',
      request,
      now: at(0),
    })
    expect(unknown).toEqual({ ok: false, reason: 'invalid' })
    for (let i = 1; i <= 4; i++) {
      const r = await login(db(), {
        email: user.email,
        password: `wrong-${i}`,
        request,
        now: at(i),
      })
      expect(r).toEqual({ ok: false, reason: 'invalid' })
    }
    const fifth = await login(db(), { email: user.email, password: 'wrong-5', request, now: at(5) })
    const lockedUntil = new Date(at(5).getTime() + 15 * MINUTE).toISOString()
    expect(fifth).toEqual({ ok: false, reason: 'locked', lockedUntil })
    // While locked, the right and a wrong password get the same answer.
    const right = await login(db(), { email: user.email, password: PASSWORD, request, now: at(6) })
    const wrong = await login(db(), { email: user.email, password: 'x', request, now: at(6) })
    expect(right).toEqual(fifth)
    expect(wrong).toEqual(fifth)

    const log = await listSecurityEvents(db(), { ip })
    expect(log.events.map((e) => [e.kind, e.details.reason])).toEqual([
      ['login.locked', 'attempt'],
      ['login.locked', 'attempt'],
      ['login.locked', 'threshold'],
      ['login.failed', 'password'],
      ['login.failed', 'password'],
      ['login.failed', 'password'],
      ['login.failed', 'password'],
      ['login.failed', 'unknown'],
    ])
    const last = log.events.at(-1)
    expect(last).toMatchObject({ userId: null, method: 'POST', path: '/login' })
    expect(last?.details).toEqual({
      account: 'staff',
      identifier: 'nobody@example.kz',
      reason: 'unknown',
    })
    expect(log.events[0]).toMatchObject({ userId: actor.userId, ip })
    expect(log.events[0]?.details.identifier).toBeUndefined()
    expect(log.events[2]?.details).toMatchObject({ failures: 5, lockedUntil })
    // Never a password.
    const text = JSON.stringify(log.events)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain('wrong-')
    expect(text).not.toContain('secret-guess')

    // 8 counted so far; 12 more failures (unknown accounts) and the 21st attempt is refused
    // without checking anything, even with the right password of an unlocked account.
    for (let n = 1; n <= 12; n++) {
      await login(db(), { email: `x${n}@example.kz`, password: 'p', request, now: at(7) })
    }
    const other = await staff(db(), { roles: ['reader'] })
    const otherUser = await db()
      .selectFrom('auth_user')
      .select('email')
      .where('id', '=', other.userId)
      .executeTakeFirstOrThrow()
    const refused = await login(db(), {
      email: otherUser.email,
      password: PASSWORD,
      request,
      now: at(8),
    })
    expect(refused).toEqual({
      ok: false,
      reason: 'rate-limited',
      until: at(10).toISOString(),
      retryAfterSeconds: 120,
    })
    const [event] = (await listSecurityEvents(db(), { ip, kind: 'login.rate-limited' })).events
    expect(event).toMatchObject({ userId: other.userId, path: '/login' })
    // The same account from another address signs in.
    const elsewhere = await login(db(), {
      email: otherUser.email,
      password: PASSWORD,
      request: { ...request, ip: freshIp() },
      now: at(8),
    })
    expect(elsewhere.ok).toBe(true)
  })

  it('applicant sign-in records failures and the lock with the person', async () => {
    const ip = freshIp()
    const request = { ip, method: 'POST', path: '/citizen/login' }
    const person = await applicant(db(), '900101300017')
    for (let i = 1; i <= 5; i++) {
      await loginPerson(db(), { iin: person.iin, password: `bad-${i}`, request, now: at(i) })
    }
    const locked = await loginPerson(db(), {
      iin: person.iin,
      password: PASSWORD,
      request,
      now: at(6),
    })
    expect(locked).toMatchObject({ ok: false, reason: 'locked' })
    const log = await listSecurityEvents(db(), { personId: person.personId })
    expect(log.events.map((e) => e.kind)).toEqual([
      'login.locked',
      'login.locked',
      'login.failed',
      'login.failed',
      'login.failed',
      'login.failed',
    ])
    expect(log.events[0]).toMatchObject({ ip, path: '/citizen/login', userId: null })
    expect(log.events[0]?.details).toMatchObject({ account: 'applicant', reason: 'attempt' })
    // Without a request (an in-process call) nothing is recorded and no limit applies.
    const before = (await listSecurityEvents(db(), {})).total
    await loginPerson(db(), { iin: person.iin, password: 'x', now: at(30) })
    expect((await listSecurityEvents(db(), {})).total).toBe(before)
  })

  it('deletes events older than the retention cut-off', async () => {
    const ip = freshIp()
    const now = new Date('2027-12-01T00:00:00.000Z')
    const cutoff = securityEventRetentionCutoff(now)
    expect(cutoff.toISOString()).toBe('2026-12-01T00:00:00.000Z')
    await recordSecurityEvent(db(), {
      kind: 'login.failed',
      ip,
      at: new Date('2026-11-30T23:59:59.000Z'),
    })
    await recordSecurityEvent(db(), { kind: 'login.failed', ip, at: cutoff })
    const before = (await listSecurityEvents(db(), {})).total
    expect(await deleteSecurityEventsBefore(db(), cutoff)).toBeGreaterThanOrEqual(1)
    const left = await listSecurityEvents(db(), { ip })
    expect(left.events.map((e) => e.at)).toEqual([cutoff.toISOString()])
    expect((await listSecurityEvents(db(), {})).total).toBeLessThan(before)
    // Everything the other tests wrote (November 2026) is older than the cut-off too.
    expect((await listSecurityEvents(db(), {})).total).toBe(1)
  })
})
