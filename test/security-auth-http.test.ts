/**
 * The sign-in rate limit, lock-out and the security audit log over real HTTP, on each backend.
 * Requests leave from chosen loopback addresses (127.0.0.x; Linux routes all of 127/8 to the
 * loopback interface), so each test is its own client address as the server sees it; a second
 * server runs with TRUST_PROXY on to check X-Forwarded-For.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  LOGIN_RATE_LIMIT,
  listSecurityEvents,
  recordSecurityEvent,
  type SecurityEvent,
} from '../src/auth/index.js'
import { createLogger } from '../src/core/logger.js'
import type { DatabaseHandle } from '../src/db/index.js'
import { createApp } from '../src/web/app.js'
import { type RunningServer, startServer } from '../src/web/server.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'
import { useTestServer } from './support/server.js'
import { applicant, staff } from './support/services.js'

const PASSWORD = 'correct horse battery staple'
const LIMIT = LOGIN_RATE_LIMIT.max
const MESSAGE = {
  en: 'Too many failed sign-ins from your network address. Try again in 10 min.',
  kk: 'Сіздің желі мекенжайыңыздан сәтсіз кіру әрекеттері тым көп. 10 минуттан кейін қайталаңыз.',
  ru: 'Слишком много неудачных попыток входа с вашего сетевого адреса. Повторите через 10 мин.',
}

/** A cookie-keeping client whose connections leave from `address`. */
class Client {
  cookies = new Map<string, string>()
  constructor(
    private readonly base: () => string,
    private readonly address: string,
    private readonly language = 'en',
    private readonly extra: Record<string, string> = {},
  ) {}

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const url = new URL(path, this.base())
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const req = http.request(
          url,
          {
            method,
            localAddress: this.address,
            headers: {
              'accept-language': this.language,
              ...(cookie ? { cookie } : {}),
              ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
              ...this.extra,
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => {
              for (const line of res.headers['set-cookie'] ?? []) {
                const [pair = ''] = line.split(';')
                const eq = pair.indexOf('=')
                const name = pair.slice(0, eq).trim()
                const value = pair.slice(eq + 1).trim()
                if (!value || /max-age=0/i.test(line)) this.cookies.delete(name)
                else this.cookies.set(name, value)
              }
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: Buffer.concat(chunks).toString('utf8'),
              })
            })
          },
        )
        req.on('error', reject)
        req.end(body)
      },
    )
  }

  get(path: string) {
    return this.request('GET', path)
  }

  post(path: string, fields: Record<string, string>) {
    return this.request('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    })
  }

  postJson(path: string, value: unknown) {
    return this.request('POST', path, JSON.stringify(value), {
      'content-type': 'application/json',
    })
  }

  async csrfFrom(path: string): Promise<string> {
    const page = await this.get(path)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1]
    if (!token) throw new Error(`no _csrf field on ${path}`)
    return token
  }

  async signIn(email: string, password: string) {
    const _csrf = await this.csrfFrom('/login')
    return this.post('/login', { _csrf, email, password, next: '/account' })
  }

  async citizenSignIn(iin: string, password: string) {
    const _csrf = await this.csrfFrom('/citizen/login')
    return this.post('/citizen/login', { _csrf, iin, password, next: '' })
  }
}

async function emailOf(handle: DatabaseHandle, userId: number): Promise<string> {
  const row = await handle.db
    .selectFrom('auth_user')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return row.email
}

const kinds = (events: SecurityEvent[]) => events.map((e) => e.kind)

describe.each(BACKENDS)(
  'sign-in rate limit, lock-out and the security log over HTTP [%s]',
  (backend) => {
    const server = useTestServer(backend, { acts: 'bundled' })
    const base = () => server().url
    const handle = () => server().handle
    const db = () => server().handle.db

    it(`refuses sign-ins from an address after ${LIMIT} failures with 429, Retry-After and the message in kk, ru and en`, async () => {
      const address = '127.0.0.11'
      const actor = await staff(db(), { roles: ['editor'] })
      const email = await emailOf(handle(), actor.userId)
      const en = new Client(base, address, 'en')
      for (let i = 1; i <= LIMIT; i++) {
        const res = await en.signIn(`nobody${i}@example.kz`, `guess-${i}`)
        expect(res.status).toBe(401)
      }
      // Refused before any password is checked: even the right one of an unlocked account.
      const kk = new Client(base, address, 'kk')
      const refused = await kk.signIn(email, PASSWORD)
      expect(refused.status).toBe(429)
      const retryAfter = Number(refused.headers['retry-after'])
      expect(retryAfter).toBeGreaterThan(540)
      expect(retryAfter).toBeLessThanOrEqual(600)
      expect(refused.text).toContain(MESSAGE.kk)
      expect(refused.headers['set-cookie']?.some((c) => c.startsWith('eakimat_session='))).not.toBe(
        true,
      )
      // The applicants' sign-in shares the address's count.
      const ru = new Client(base, address, 'ru')
      const person = await applicant(db(), '900101300017')
      const citizen = await ru.citizenSignIn(person.iin, PASSWORD)
      expect(citizen.status).toBe(429)
      expect(citizen.headers['retry-after']).toMatch(/^\d+$/)
      expect(citizen.text).toContain(MESSAGE.ru)
      // And so do the JSON sign-ins.
      const api = await en.postJson('/api/session', { email, password: PASSWORD })
      expect(api.status).toBe(429)
      expect(api.headers['retry-after']).toMatch(/^\d+$/)
      expect(JSON.parse(api.text)).toEqual({ error: { code: 'rate_limited', message: MESSAGE.en } })
      const apiCitizen = await ru.postJson('/api/citizen/session', {
        iin: person.iin,
        password: PASSWORD,
      })
      expect(apiCitizen.status).toBe(429)
      expect(JSON.parse(apiCitizen.text).error.message).toBe(MESSAGE.ru)
      // Without TRUST_PROXY, X-Forwarded-For is ignored: claiming another address changes nothing.
      const forged = new Client(base, address, 'en', { 'x-forwarded-for': '203.0.113.50' })
      expect((await forged.signIn(email, PASSWORD)).status).toBe(429)

      // Another address signs in.
      const other = new Client(base, '127.0.0.12', 'en')
      const ok = await other.signIn(email, PASSWORD)
      expect(ok.status).toBe(303)
      expect(ok.headers.location).toBe('/account')

      const log = await listSecurityEvents(db(), { ip: address }, { limit: 100 })
      expect(kinds(log.events).filter((k) => k === 'login.failed')).toHaveLength(LIMIT)
      expect(kinds(log.events).filter((k) => k === 'login.rate-limited')).toHaveLength(5)
      expect(log.events[0]).toMatchObject({ kind: 'login.rate-limited', method: 'POST' })
      const paths = new Set(log.events.map((e) => e.path))
      expect(paths).toEqual(
        new Set(['/login', '/citizen/login', '/api/session', '/api/citizen/session']),
      )
      expect((await listSecurityEvents(db(), { ip: '203.0.113.50' })).total).toBe(0)
      const failed = log.events.find((e) => e.kind === 'login.failed')
      expect(failed?.details).toMatchObject({ account: 'staff', reason: 'unknown' })
      expect(JSON.stringify(log.events)).not.toContain('guess-')
    })

    it('locks a staff account after 5 wrong passwords, refuses the right one while locked, lets it in after', async () => {
      const address = '127.0.0.21'
      const actor = await staff(db(), { roles: ['editor'] })
      const email = await emailOf(handle(), actor.userId)
      const client = new Client(base, address)
      for (let i = 1; i <= 4; i++) {
        expect((await client.signIn(email, `wrong ${i}`)).status).toBe(401)
      }
      const fifth = await client.signIn(email, 'wrong 5')
      expect(fifth.status).toBe(423)
      const right = await client.signIn(email, PASSWORD)
      expect(right.status).toBe(423)
      // The same answer as for the wrong password that locked it.
      const alert = (text: string) =>
        /<p class="error-message" role="alert">([^<]*)<\/p>/.exec(text)?.[1]
      expect(alert(right.text)).toBe(alert(fifth.text))
      expect(alert(right.text)).toMatch(/^Too many failed attempts: the account is locked until/)
      // The lock ends (moved into the past): the right password is let in.
      await db()
        .updateTable('auth_user')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', actor.userId)
        .execute()
      expect((await client.signIn(email, PASSWORD)).status).toBe(303)

      const log = await listSecurityEvents(db(), { ip: address })
      expect(kinds(log.events)).toEqual([
        'login.locked',
        'login.locked',
        'login.failed',
        'login.failed',
        'login.failed',
        'login.failed',
      ])
      for (const event of log.events) {
        expect(event).toMatchObject({ userId: actor.userId, ip: address, path: '/login' })
      }
      expect(log.events.map((e) => e.details.reason)).toEqual([
        'attempt',
        'threshold',
        'password',
        'password',
        'password',
        'password',
      ])
    })

    it('locks an applicant after 5 wrong passwords, refuses the right one while locked, lets it in after', async () => {
      const address = '127.0.0.22'
      const person = await applicant(db(), '900315400017')
      const client = new Client(base, address, 'ru')
      for (let i = 1; i <= 4; i++) {
        expect((await client.citizenSignIn(person.iin, `wrong ${i}`)).status).toBe(401)
      }
      expect((await client.citizenSignIn(person.iin, 'wrong 5')).status).toBe(423)
      const right = await client.citizenSignIn(person.iin, PASSWORD)
      expect(right.status).toBe(423)
      expect(right.text).toContain('заблокирован')
      await db()
        .updateTable('auth_person')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', person.personId)
        .execute()
      const ok = await client.citizenSignIn(person.iin, PASSWORD)
      expect(ok.status).toBe(303)

      const log = await listSecurityEvents(db(), { ip: address })
      expect(kinds(log.events)).toEqual([
        'login.locked',
        'login.locked',
        'login.failed',
        'login.failed',
        'login.failed',
        'login.failed',
      ])
      expect(log.events[0]).toMatchObject({
        personId: person.personId,
        userId: null,
        path: '/citizen/login',
        method: 'POST',
      })
    })

    it('records 403s and CSRF rejections with address, path and actor; non-admins get 403 on the log', async () => {
      const address = '127.0.0.31'
      const editor = await staff(db(), { roles: ['editor'], kind: 'service-integrator' })
      const client = new Client(base, address)
      expect((await client.signIn(await emailOf(handle(), editor.userId), PASSWORD)).status).toBe(
        303,
      )
      const page = await client.get('/admin/security')
      expect(page.status).toBe(403)
      expect(page.text).toContain(
        'Only administrators of the authorised body or the service integrator see the security log.',
      )
      const api = await client.get('/api/admin/security-events')
      expect(api.status).toBe(403)
      expect(JSON.parse(api.text).error.code).toBe('forbidden')
      // An admin of another kind of organisation is no overseer either.
      const localAdmin = await staff(db(), { roles: ['admin'], kind: 'local-executive-body' })
      const other = new Client(base, address, 'kk')
      expect(
        (await other.signIn(await emailOf(handle(), localAdmin.userId), PASSWORD)).status,
      ).toBe(303)
      expect((await other.get('/admin/security')).status).toBe(403)
      // A form without the right token.
      const stranger = new Client(base, address)
      await stranger.get('/login')
      const csrf = await stranger.post('/login', { _csrf: 'x'.repeat(43), email: 'a@b.kz' })
      expect(csrf.status).toBe(403)
      const signedInCsrf = await client.post('/logout', { _csrf: 'y'.repeat(43) })
      expect(signedInCsrf.status).toBe(403)

      const log = await listSecurityEvents(db(), { ip: address })
      const denied = log.events.filter((e) => e.kind === 'access.denied')
      expect(denied.map((e) => [e.method, e.path, e.userId])).toEqual([
        ['GET', '/admin/security', localAdmin.userId],
        ['GET', '/api/admin/security-events', editor.userId],
        ['GET', '/admin/security', editor.userId],
      ])
      expect(denied[2]).toMatchObject({ organisationId: editor.organisation.id, ip: address })
      expect(denied[2]?.details).toMatchObject({
        code: 'forbidden',
        reason: 'security.audit.forbidden',
      })
      const rejected = log.events.filter((e) => e.kind === 'csrf.rejected')
      expect(rejected.map((e) => [e.method, e.path, e.userId])).toEqual([
        ['POST', '/logout', editor.userId],
        ['POST', '/login', null],
      ])
      // 401 and 404 are not recorded.
      const signedOut = new Client(base, address)
      expect((await signedOut.get('/api/admin/security-events')).status).toBe(401)
      expect((await signedOut.get('/no-such-page')).status).toBe(404)
      expect((await listSecurityEvents(db(), { ip: address })).total).toBe(log.total)
    })

    it('shows an overseer admin the log with filters and paging, in kk, ru and en, and as JSON', async () => {
      const address = '127.0.0.41'
      const admin = await staff(db(), { roles: ['admin'], kind: 'service-integrator' })
      const probe = '192.0.2.77'
      for (let i = 0; i < 55; i++) {
        await recordSecurityEvent(db(), {
          kind: i % 5 === 0 ? 'csrf.rejected' : 'login.failed',
          at: new Date(Date.UTC(2026, 9, 1, 6, i)),
          ip: probe,
          method: 'POST',
          path: '/login',
          details: { identifier: `probe${i}@example.kz` },
        })
      }
      const client = new Client(base, address, 'ru')
      expect((await client.signIn(await emailOf(handle(), admin.userId), PASSWORD)).status).toBe(
        303,
      )
      const users = await client.get('/admin/users')
      expect(users.text).toContain('href="/admin/security"')

      const all = await client.get(`/admin/security?ip=${probe}`)
      expect(all.status).toBe(200)
      expect(all.headers['cache-control']).toBe('private, no-store')
      expect(all.text).toContain('<h1>Журнал безопасности</h1>')
      expect(all.text).toContain('События 1–50 из 55')
      // Newest first: 2026-10-01 06:54 UTC is 11:54 in Astana.
      const first = all.text.indexOf('2026-10-01 11:54')
      expect(first).toBeGreaterThan(0)
      expect(first).toBeLessThan(all.text.indexOf('2026-10-01 11:53'))
      expect(all.text).toContain('probe54@example.kz')
      expect(all.text).not.toContain('probe4@example.kz')
      expect(all.text).toContain(`href="/admin/security?ip=${probe}&amp;offset=50"`)
      const second = await client.get(`/admin/security?ip=${probe}&offset=50`)
      expect(second.text).toContain('События 51–55 из 55')
      expect(second.text).toContain('probe4@example.kz')

      const kk = new Client(base, address, 'kk')
      kk.cookies = client.cookies
      const filtered = await kk.get(`/admin/security?ip=${probe}&kind=csrf.rejected`)
      expect(filtered.text).toContain('Қауіпсіздік журналы')
      expect(filtered.text).toContain('Форма токені қабылданбады')
      expect(filtered.text).toContain('11 оқиғаның 1–11')
      const dated = await kk.get(`/admin/security?ip=${probe}&from=2026-10-02`)
      expect(dated.text).toContain('Сәйкес оқиғалар жоқ.')

      const json = await client.get(
        `/api/admin/security-events?ip=${probe}&kind=login.failed&limit=5&offset=1`,
      )
      expect(json.status).toBe(200)
      const body = JSON.parse(json.text) as { events: SecurityEvent[]; total: number }
      expect(body.total).toBe(44)
      expect(body.events).toHaveLength(5)
      expect(body.events[0]).toMatchObject({
        kind: 'login.failed',
        ip: probe,
        at: '2026-10-01T06:53:00.000Z',
        path: '/login',
        details: { identifier: 'probe53@example.kz' },
      })
      const bad = await client.get('/api/admin/security-events?kind=nonsense')
      expect(bad.status).toBe(400)
      const badDate = await client.get('/api/admin/security-events?from=yesterday')
      expect(badDate.status).toBe(400)
    })
  },
)

describe.each(BACKENDS)('TRUST_PROXY on [%s]', (backend) => {
  let database: TestDatabase | undefined
  let handle: DatabaseHandle | undefined
  let running: RunningServer | undefined
  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    database = created.database
    handle = created.handle
    const logger = createLogger('silent')
    const app = createApp({ database: created.handle, logger, trustProxy: true })
    running = await startServer(app, { port: 0, host: '127.0.0.1', logger })
  })
  afterAll(async () => {
    await running?.close()
    await handle?.close()
    await database?.drop()
  })
  const base = () => running?.url ?? ''

  it('takes the client address from the last X-Forwarded-For entry', async () => {
    if (!handle) throw new Error('no database')
    const actor = await staff(handle.db, { roles: ['editor'] })
    const email = await emailOf(handle, actor.userId)
    // The client wrote the first entry itself; the proxy appended the address it saw.
    const client = new Client(base, '127.0.0.51', 'en', {
      'x-forwarded-for': '203.0.113.7, 198.51.100.9',
    })
    for (let i = 1; i <= LIMIT; i++) {
      expect((await client.signIn(`nobody${i}@example.kz`, 'x')).status).toBe(401)
    }
    const refused = await client.signIn(email, PASSWORD)
    expect(refused.status).toBe(429)
    expect(refused.text).toContain(MESSAGE.en)
    // Same socket, another client behind the proxy: signs in.
    const neighbour = new Client(base, '127.0.0.51', 'en', { 'x-forwarded-for': '198.51.100.10' })
    expect((await neighbour.signIn(email, PASSWORD)).status).toBe(303)
    // Without the header, the socket's address counts.
    const direct = new Client(base, '127.0.0.51')
    expect((await direct.signIn('nobody@example.kz', 'x')).status).toBe(401)

    const proxied = await listSecurityEvents(handle.db, { ip: '198.51.100.9' }, { limit: 100 })
    expect(proxied.total).toBe(LIMIT + 1)
    expect((await listSecurityEvents(handle.db, { ip: '203.0.113.7' })).total).toBe(0)
    expect(kinds((await listSecurityEvents(handle.db, { ip: '127.0.0.51' })).events)).toEqual([
      'login.failed',
    ])
  })
})
