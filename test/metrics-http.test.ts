/**
 * /metrics over real HTTP on both backends: counters by route pattern and status, the latency
 * histogram, gauges from seeded data, access control, the exposition format, and the request id
 * on log lines.
 */
import { networkInterfaces } from 'node:os'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/core/logger.js'
import type { DatabaseHandle } from '../src/db/index.js'
import { createApp } from '../src/web/app.js'
import { LATENCY_BUCKETS, metricsAllowed } from '../src/web/metrics.js'
import { type RunningServer, startServer } from '../src/web/server.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'
import { staff } from './support/services.js'

/** A non-loopback IPv4 address of this machine, to reach a server as a remote client would. */
const NON_LOOPBACK = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address

/** One line of the Prometheus text exposition format (0.0.4). */
const EXPOSITION_LINE =
  /^(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|[Nn]a[Nn]|\+Inf|-Inf)( -?\d+)?)$/

function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return undefined
}

describe.each(BACKENDS)('/metrics on %s', (backend) => {
  let database: TestDatabase
  let handle: DatabaseHandle
  let open: RunningServer
  let guarded: RunningServer
  const lines: Record<string, unknown>[] = []

  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    database = created.database
    handle = created.handle
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
        done()
      },
    })
    const logger = createLogger('info', stream)
    open = await startServer(createApp({ database: handle, logger }), {
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('silent'),
    })
    guarded = await startServer(
      createApp({ database: handle, logger: createLogger('silent'), metricsToken: 's3cret-token' }),
      { port: 0, host: '127.0.0.1', logger: createLogger('silent') },
    )
  })
  afterAll(async () => {
    await open?.close()
    await guarded?.close()
    await handle?.close()
    await database?.drop()
  })

  it('counts requests by route pattern and status, and times them', async () => {
    const expected = new Map<string, number>()
    const hit = async (path: string, route: string) => {
      const response = await fetch(`${open.url}${path}`)
      await response.arrayBuffer()
      const key = `${route}|${response.status}`
      expected.set(key, (expected.get(key) ?? 0) + 1)
    }
    await hit('/healthz', '/healthz')
    await hit('/healthz', '/healthz')
    await hit('/api/akimats/7/gaps', '/api/akimats/:id/gaps')
    await hit('/api/akimats/8/gaps', '/api/akimats/:id/gaps')
    await hit('/no/such/page', 'unmatched')
    const text = await (await fetch(`${open.url}/metrics`)).text()
    for (const [key, count] of expected) {
      const [route, status] = key.split('|') as [string, string]
      expect(sample(text, 'http_requests_total', { method: 'GET', route, status })).toBe(count)
    }
    expect(text).not.toContain('route="/api/akimats/7/gaps"')
    // Histogram: every bucket, +Inf, count and sum.
    for (const le of LATENCY_BUCKETS) {
      expect(
        sample(text, 'http_request_duration_seconds_bucket', { route: '/healthz', le: String(le) }),
      ).toBeLessThanOrEqual(2)
    }
    expect(
      sample(text, 'http_request_duration_seconds_bucket', { route: '/healthz', le: '+Inf' }),
    ).toBe(2)
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/healthz' })).toBe(2)
    expect(
      sample(text, 'http_request_duration_seconds_count', { route: '/api/akimats/:id/gaps' }),
    ).toBe(2)
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0)
    // Every line is in the exposition format.
    for (const line of text.split('\n').filter(Boolean)) expect(line).toMatch(EXPOSITION_LINE)
  })

  it('gauges equal the seeded overdue items and queues', async () => {
    const actor = await staff(handle.db, { roles: ['editor'] })
    const now = new Date().toISOString()
    const base = {
      kind: 'information-system',
      owner_organisation_id: actor.organisation.id,
      name_kk: 'A',
      name_ru: 'A',
      purpose: 'p',
      stage: 'creation',
      stage_since: '2026-01-01',
      revision: 1,
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
      updated_by: actor.userId,
    }
    await handle.db
      .insertInto('portal_object')
      .values([
        { ...base, review_state: 'submitted', review_due_on: '2020-01-10' },
        { ...base, review_state: 'submitted', review_due_on: '2020-01-11' },
        { ...base, review_state: 'submitted', review_due_on: '2999-01-01' },
        { ...base, review_state: 'returned', update_due_on: '2020-01-01' },
        { ...base, review_state: 'accepted', review_due_on: '2020-01-01' },
      ])
      .execute()
    const mail = { email: 'a@example.kz', subject: 's', body: 'b', created_at: now, attempts: 0 }
    await handle.db
      .insertInto('portal_notification')
      .values([
        { ...mail },
        { ...mail, attempts: 2 },
        { ...mail, attempts: 5 },
        { ...mail, sent_at: now },
      ])
      .execute()
    await handle.db
      .insertInto('system_job_run')
      .values([
        {
          job: 'mail',
          slot: '1',
          holder: 'h',
          started_at: now,
          finished_at: now,
          outcome: 'error',
          details: '{}',
        },
        {
          job: 'mail',
          slot: '2',
          holder: 'h',
          started_at: now,
          finished_at: now,
          outcome: 'error',
          details: '{}',
        },
        {
          job: 'mail',
          slot: '3',
          holder: 'h',
          started_at: now,
          finished_at: now,
          outcome: 'ok',
          details: '{}',
        },
      ])
      .execute()
    const request = {
      status: 'pending',
      organisation_kind: 'local-executive-body',
      organisation_name_kk: 'O',
      organisation_name_ru: 'O',
      contact_name: 'C',
      contact_position: 'P',
      contact_email: 'c@example.kz',
      contact_phone: '+77000000000',
      requested_role: 'editor',
      basis: 'b',
      received_at: now,
    }
    await handle.db
      .insertInto('portal_account_request')
      .values([
        { ...request, due_on: '2020-02-01' },
        { ...request, due_on: '2999-02-01' },
        { ...request, status: 'granted', due_on: '2020-02-01' },
      ])
      .execute()
    const hourAgo = new Date(Date.now() - 3600_000).toISOString()
    const application = {
      service_code: 'archival-certificate',
      definition_version: 1,
      channel: 'portal',
      provider_organisation_id: actor.organisation.id,
      recipient_kind: 'individual',
      recipient_iin: '900101300001',
      recipient_name: 'R',
      language: 'ru',
      form: '{}',
      status: 'in-progress',
      created_at: now,
      updated_at: now,
      revision: 1,
    }
    await handle.db
      .insertInto('services_application')
      .values([
        // P3 allows 90 s: started an hour ago it is late, started now it is not.
        { ...application, number: 'T-1', current_step: 'P3', step_started_at: hourAgo },
        { ...application, number: 'T-2', current_step: 'P3', step_started_at: now },
        // P6 has no limit; this one is past its term instead.
        {
          ...application,
          number: 'T-3',
          current_step: 'P6',
          step_started_at: hourAgo,
          due_on: '2020-03-01',
        },
        {
          ...application,
          number: 'T-4',
          status: 'completed',
          current_step: 'P3',
          step_started_at: hourAgo,
          due_on: '2020-03-01',
        },
      ])
      .execute()
    const text = await (await fetch(`${open.url}/metrics`)).text()
    expect(sample(text, 'eakimat_portal_account_requests_overdue')).toBe(1)
    expect(sample(text, 'eakimat_services_applications_in_progress')).toBe(3)
    expect(sample(text, 'eakimat_services_applications_overdue')).toBe(1)
    expect(
      sample(text, 'eakimat_services_steps_overdue', { service: 'archival-certificate' }),
    ).toBe(1)
    expect(sample(text, 'eakimat_portal_reviews_overdue')).toBe(2)
    expect(sample(text, 'eakimat_portal_updates_overdue')).toBe(1)
    expect(sample(text, 'eakimat_outbox_waiting')).toBe(2)
    expect(sample(text, 'eakimat_outbox_failed')).toBe(1)
    expect(sample(text, 'eakimat_job_runs_failed', { job: 'mail' })).toBe(2)
  })

  it('asks for the token when one is set', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${guarded.url}/metrics`, {
      headers: { authorization: 'Bearer s3cret-tokex' },
    })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${guarded.url}/metrics`, {
      headers: { authorization: 'Bearer s3cret-token' },
    })
    expect(right.status).toBe(200)
    expect(await right.text()).toContain('http_requests_total')
  })

  it.runIf(NON_LOOPBACK)(
    'without a token refuses a client on a non-loopback address, whatever X-Forwarded-For says',
    async () => {
      const app = createApp({ database: handle, logger: createLogger('silent'), trustProxy: true })
      const server = await startServer(app, {
        port: 0,
        host: NON_LOOPBACK as string,
        logger: createLogger('silent'),
      })
      try {
        const url = `http://${NON_LOOPBACK}:${new URL(server.url).port}/metrics`
        const refused = await fetch(url, { headers: { 'x-forwarded-for': '127.0.0.1' } })
        expect(refused.status).toBe(403)
        expect(await refused.text()).not.toContain('http_requests_total')
      } finally {
        await server.close()
      }
    },
  )

  it('without a token admits only loopback socket addresses', () => {
    const decide = (address: string | undefined) =>
      metricsAllowed({ token: null, authorization: undefined, address })
    expect(decide('127.0.0.1')).toBe(true)
    expect(decide('::1')).toBe(true)
    expect(decide('::ffff:127.0.0.1')).toBe(true)
    expect(decide('10.0.0.5')).toBe(false)
    expect(decide(undefined)).toBe(false)
    expect(metricsAllowed({ token: 't', authorization: 'Bearer t', address: '10.0.0.5' })).toBe(
      true,
    )
    expect(metricsAllowed({ token: 't', authorization: 'Bearer ', address: '127.0.0.1' })).toBe(
      false,
    )
  })

  it('puts the request id on the request log line and in X-Request-Id, ignoring a client one', async () => {
    const response = await fetch(`${open.url}/healthz?probe=1`, {
      headers: { 'x-request-id': 'forged-by-client' },
    })
    await response.arrayBuffer()
    const id = response.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    const line = lines.find((entry) => entry.msg === 'request' && entry.requestId === id)
    expect(line).toMatchObject({ method: 'GET', path: '/healthz', status: 200 })
    expect(lines.some((entry) => entry.requestId === 'forged-by-client')).toBe(false)
  })

  it('behind a trusted proxy keeps its request id, and a 500 page and its log lines show it', async () => {
    const proxied: Record<string, unknown>[] = []
    const raw: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) {
          if (line) {
            raw.push(line)
            proxied.push(JSON.parse(line))
          }
        }
        done()
      },
    })
    const app = createApp({
      database: handle,
      logger: createLogger('info', stream),
      trustProxy: true,
    })
    app.get('/boom', () => {
      throw new Error('deliberate failure')
    })
    const server = await startServer(app, {
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('silent'),
    })
    try {
      const page = await fetch(`${server.url}/boom`, {
        headers: { 'x-request-id': 'proxy-id-42', 'accept-language': 'en' },
      })
      expect(page.status).toBe(500)
      expect(page.headers.get('x-request-id')).toBe('proxy-id-42')
      const html = await page.text()
      expect(html).toContain('<code>proxy-id-42</code>')
      expect(html).not.toContain('deliberate failure')
      const mine = proxied.filter((entry) => entry.requestId === 'proxy-id-42')
      expect(mine.map((entry) => entry.msg).sort()).toEqual(['request', 'request failed'])
      expect(mine.find((entry) => entry.msg === 'request')).toMatchObject({ status: 500 })
      // Once per line: a duplicate key breaks strict JSON log shippers.
      for (const line of raw.filter((l) => l.includes('proxy-id-42'))) {
        expect(line.split('"requestId"').length - 1).toBe(1)
      }
      // An id that is not plain letters, digits, - _ = is replaced by a new one.
      const odd = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b<c>' } })
      await odd.arrayBuffer()
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      await server.close()
    }
  })
  it('shows the request id on a 500 page and logs the error with it', async () => {
    const errors: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        errors.push(JSON.parse(String(chunk)))
        done()
      },
    })
    const app = createApp({ database: handle, logger: createLogger('info', stream) })
    app.get('/boom', () => {
      throw new Error('kaboom')
    })
    const response = await app.request('/boom')
    expect(response.status).toBe(500)
    const id = response.headers.get('x-request-id') ?? ''
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(await response.text()).toContain(id)
    expect(errors.some((entry) => entry.level === 50 && entry.requestId === id)).toBe(true)
  })
})
