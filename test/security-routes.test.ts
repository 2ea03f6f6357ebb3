/**
 * Security suite, routes (issue 8 point 3): every route of the real app, derived from
 * `app.routes` (so a route added later is covered without editing this file), is requested
 * (a) by nobody: only routes on the PUBLIC allowlist below may answer 2xx; and
 * (b) for every POST/PUT/PATCH/DELETE, by a signed-in staff user (editor and admin) but with no
 *     CSRF token (page form field `_csrf` / API header `X-CSRF-Token`): always 403.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/core/logger.js'
import { translate } from '../src/i18n/index.js'
import { MAX_DOCUMENT_BYTES } from '../src/portal/index.js'
import { createApp, DEFAULT_BODY_LIMIT_BYTES } from '../src/web/app.js'
import { type RunningServer, startServer } from '../src/web/server.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'
import { seedTwoTenants, type Tenant } from './support/security.js'
import { useTestServer } from './support/server.js'
import { staff } from './support/services.js'
import { dump } from './support/tables.js'
import { WebSession } from './support/web-session.js'

/** Routes nobody may use with a 2xx answer, each with its reason. `METHOD path` as registered. */
const PUBLIC: [RegExp, string][] = [
  [/^GET \/healthz$/, 'health check for load balancers, reveals nothing'],
  [/^GET \/metrics$/, 'loopback or METRICS_TOKEN only (checked in src/web/metrics.ts)'],
  [/^GET \/$/, 'home page'],
  [/^GET \/catalog(\/|$|\.)/, 'public catalogue of functions, systems and acts (pages/exports)'],
  [/^GET \/search(\.csv|\.xlsx)?$/, 'public catalogue search'],
  [/^GET \/api\/catalog\//, 'public catalogue API'],
  [/^GET \/api\/search$/, 'public catalogue search API'],
  [
    /^GET \/(api\/)?automation\/coverage(\.csv)?$/,
    'public coverage report of the typical architecture (catalogue data only)',
  ],
  [/^GET \/api\/openapi\.json$/, 'API description'],
  [/^GET \/api\/services(\/:code(\/figures)?)?$/, 'public list of e-services and their figures'],
  [/^GET \/api\/verify\/:code$/, 'public verification of an issued result by its code'],
  [/^GET \/(citizen\/)?login$/, 'sign-in pages'],
  [/^GET \/citizen\/register$/, 'applicant registration page'],
  [/^GET \/account\/activate$/, 'activation page (needs the one-time token to do anything)'],
  [/^GET \/services\/:code\/apply$/, 'public description of an e-service before applying'],
  [/^GET \/static\//, 'static assets'],
  [
    /^GET \/portal$/,
    'portal landing page: signed out it shows only sign-in and ask-for-account links',
  ],
  [/^GET \/portal\/account-requests\/new$/, 'public form to ask for a staff account'],
  [/^GET \/citizen\/claim$/, 'applicant claim page (asks for an IIN; shows nothing stored)'],
  [/^GET \/services$/, 'public list of e-services'],
  [/^GET \/verify$/, 'public form to verify an issued result by its code'],
]

const app = createApp({
  // biome-ignore lint/suspicious/noExplicitAny: the route list only, no request is served
  database: {} as any,
  logger: createLogger('silent'),
  // biome-ignore lint/suspicious/noExplicitAny: as above
  files: {} as any,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  services: {} as any,
})
const ROUTES = [
  ...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
]
const WRITES = ROUTES.filter((r) => /^(POST|PUT|PATCH|DELETE) /.test(r))

function isPublic(route: string): boolean {
  return PUBLIC.some(([pattern]) => pattern.test(route))
}

/** Concrete paths for a route: parameters replaced by a likely real id and by nonsense. */
function pathsFor(path: string, real: string[] = []): string[] {
  if (!path.includes(':') && !path.includes('*')) return [path]
  const fill = (value: string) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, value).replace(/\*/g, 'x')
  return [...new Set([fill('1'), ...real.map(fill), fill('999999'), fill('nonsense')])]
}

describe('security: the route list', () => {
  it('is derived from the app and covers the known sensitive areas', () => {
    expect(ROUTES.length).toBeGreaterThan(100)
    for (const route of ['POST /admin/users', 'GET /portal/objects/:id', 'POST /api/applications'])
      expect(ROUTES).toContain(route)
  })
  it('every allowlist entry still matches a route (no stale entries)', () => {
    for (const [pattern] of PUBLIC) {
      if (pattern.source.includes('static')) continue
      expect(
        ROUTES.some((r) => pattern.test(r)),
        pattern.source,
      ).toBe(true)
    }
  })
})

describe.each(BACKENDS)('security: every route [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const admin = new WebSession(base)
  let a: Tenant
  let b: Tenant

  beforeAll(async () => {
    ;({ a, b } = await seedTwoTenants(server, `routes-${backend}`))
    const email = `routes-${backend}@example.kz`
    await staff(server().handle.db, {
      roles: ['editor', 'admin'],
      email,
      password: 'correct horse battery staple',
    })
    const res = await admin.signIn(email, 'correct horse battery staple')
    expect(res.status).toBe(303)
  })

  it('answers no 2xx to nobody outside the PUBLIC allowlist', async () => {
    const leaks: string[] = []
    for (const route of ROUTES) {
      if (isPublic(route)) continue
      const [method = 'GET', path = '/'] = route.split(' ')
      for (const concrete of pathsFor(path, [String(a.objectId)])) {
        const res = await fetch(`${base()}${concrete}`, {
          method,
          redirect: 'manual',
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          body: method === 'GET' ? undefined : '{}',
        })
        await res.arrayBuffer()
        if (res.status >= 200 && res.status < 300)
          leaks.push(`${method} ${concrete} → ${res.status}`)
        if (res.status >= 500) leaks.push(`${method} ${concrete} → ${res.status} (server error)`)
      }
    }
    expect(leaks).toEqual([])
  }, 120_000)

  it('shows nothing of organisation A to a signed-in user of organisation B, on any GET', async () => {
    // The check can fail: A sees its own draft.
    expect(await (await a.session.get(`/portal/objects/${a.objectId}`)).text()).toContain(a.marker)
    const leaks: string[] = []
    for (const route of ROUTES.filter((r) => r.startsWith('GET '))) {
      const path = route.slice(4)
      for (const concrete of pathsFor(path, [String(a.objectId)])) {
        const res = await b.session.get(concrete)
        const text = await res.text()
        if (res.status >= 500) leaks.push(`${route} ${concrete} → ${res.status}`)
        if (text.includes(a.marker)) leaks.push(`${concrete} → ${res.status} shows A's draft`)
      }
      // Listings and exports, also filtered by A's organisation.
      if (!path.includes(':')) {
        // q is a prefix of the marker only: search pages echo the query back.
        const q = encodeURIComponent(a.marker.slice(0, 12))
        const filtered = await b.session.get(`${path}?owner=${a.organisationId}&q=${q}`)
        if ((await filtered.text()).includes(a.marker))
          leaks.push(`${path}?owner=… → ${filtered.status} shows A's draft`)
      }
    }
    expect(leaks).toEqual([])
  }, 180_000)

  it('refuses every write with a valid session but no or a wrong CSRF token (403)', async () => {
    // Every table but the security log (which records each refusal) must stay as it was.
    const snapshot = async () => {
      const { auth_security_event: _log, ...rest } = await dump(server().handle)
      return rest
    }
    const before = await snapshot()
    const passed: string[] = []
    for (const route of WRITES) {
      const [method = 'POST', path = '/'] = route.split(' ')
      const api = path.startsWith('/api/')
      // A's real object, as A's editor and as the admin of another organisation.
      const concrete = pathsFor(path, [String(a.objectId)])[path.includes(':') ? 1 : 0] ?? path
      for (const who of [admin, a.session]) {
        for (const token of [undefined, 'x'.repeat(43)]) {
          const res = await fetch(`${base()}${concrete}`, {
            method,
            redirect: 'manual',
            headers: {
              cookie: who.header(),
              'accept-language': 'en',
              ...(api
                ? {
                    'content-type': 'application/json',
                    ...(token ? { 'x-csrf-token': token } : {}),
                  }
                : { 'content-type': 'application/x-www-form-urlencoded', origin: base() }),
            },
            body: api ? '{}' : new URLSearchParams(token ? { _csrf: token } : {}).toString(),
          })
          await res.arrayBuffer()
          // 403 from csrf(); 401 or a redirect to sign-in where the route needs an applicant
          // session (checked before CSRF for large-body routes); /citizen/logout without an
          // applicant session does nothing and redirects (by design in csrf()).
          const toSignIn =
            res.status === 303 &&
            /\/(citizen\/)?login|^\/services\/|^\/$/.test(
              new URL(res.headers.get('location') ?? '/', base()).pathname,
            )
          if (res.status !== 403 && res.status !== 401 && !toSignIn)
            passed.push(`${method} ${concrete} token=${token ? 'wrong' : 'none'} → ${res.status}`)
        }
      }
    }
    expect(passed).toEqual([])
    const after = await snapshot()
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
  }, 120_000)

  it('answers 413 to oversized bodies on form and upload routes and stores nothing', async () => {
    const snapshot = async () => {
      const { auth_security_event: _log, ...rest } = await dump(server().handle)
      return rest
    }
    const before = await snapshot()
    const objectPath = `/portal/objects/${a.objectId}`
    const csrf = await a.session.csrfFrom(objectPath)
    // A form route: over the default 1 MiB.
    const form = { _csrf: csrf, nameKk: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES) }
    const small = await a.session.post(`${objectPath}/edit`, form)
    expect(small.status).toBe(413)
    // The upload route: over its larger limit, 413…
    const upload = (bytes: number) => {
      const data = new FormData()
      data.set('_csrf', csrf)
      data.set('revision', '1')
      data.set('item', '11')
      data.set('file', new File([new Uint8Array(bytes)], 'big.pdf'))
      return a.session.post(`${objectPath}/documents`, data)
    }
    const huge = await upload(MAX_DOCUMENT_BYTES + 512 * 1024)
    expect(huge.status).toBe(413)
    await huge.arrayBuffer()
    const after = await snapshot()
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
    expect(await (await a.session.get(objectPath)).text()).not.toContain('big.pdf')
    // …while within the upload route's larger limit a 2 MiB body is read (refused as no PDF).
    const within = await upload(2 * 1024 * 1024)
    expect(within.status).not.toBe(413)
    expect(within.status).toBeLessThan(500)
  }, 60_000)

  it('answers 400 in the request language to bad JSON on every API write, never 500', async () => {
    const token = await admin.csrfFrom('/account')
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    const deepArray = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
    const bodies: [string, string, string][] = [
      ['malformed', 'application/json', '{"title": '],
      ['wrong type', 'text/plain', '{"title":"x"}'],
      ['array', 'application/json', '[1,2,3]'],
      ['number', 'application/json', '42'],
      ['deep object', 'application/json', deep],
      ['deep array', 'application/json', deepArray],
    ]
    const wrong: string[] = []
    const seen: string[] = []
    let parsed = 0
    for (const route of WRITES.filter((r) => r.includes(' /api/'))) {
      const [method = 'POST', path = '/'] = route.split(' ')
      const concrete = pathsFor(path)[0] ?? path
      for (const [kind, type, body] of bodies) {
        const res = await fetch(`${base()}${concrete}`, {
          method,
          redirect: 'manual',
          headers: {
            cookie: `${admin.header()}; eakimat_lang=ru`,
            'accept-language': 'ru',
            'content-type': type,
            'x-csrf-token': token,
          },
          body,
        })
        const text = await res.text()
        seen.push(`${method} ${concrete} ${kind} → ${res.status} ${text.slice(0, 100)}`)
        // 400 (415 for a wrong content type); 401/403/404 where the route refuses the caller or
        // the object before it reads the body. Never a 5xx, never a 2xx.
        const allowed = kind === 'wrong type' ? [415, 400, 401, 403, 404] : [400, 401, 403, 404]
        if (!allowed.includes(res.status))
          wrong.push(`${method} ${concrete} ${kind} → ${res.status}`)
        if (res.status === 400 || res.status === 415) {
          const message = (JSON.parse(text) as { error: { message: string } }).error.message
          const expected =
            kind === 'malformed'
              ? translate('ru', 'error.malformedJson')
              : translate('ru', 'error.input', { detail: '' })
          if (!message.startsWith(expected))
            wrong.push(`${method} ${concrete} ${kind} → message not in Russian: ${message}`)
          if (kind === 'malformed') parsed++
        }
      }
    }
    if (process.env.SHOW_ROUTES) console.log(seen.join('\n'))
    expect(wrong).toEqual([])
    // The body really was read and refused on most API writes (not all refused before parsing).
    expect(parsed).toBeGreaterThanOrEqual(10)
  }, 120_000)
})

/** Sends raw bytes; resolves with what the server answered and when it closed the socket. */
function rawClient(url: string, start: string, dribble?: string) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let answer = ''
  socket.on('data', (chunk) => {
    answer += chunk.toString()
  })
  socket.on('error', () => {})
  socket.write(start)
  let i = 0
  const timer = dribble
    ? setInterval(() => {
        if (i < dribble.length && !socket.destroyed) socket.write(dribble[i++] ?? '')
      }, 1000)
    : undefined
  const began = Date.now()
  return new Promise<{ answer: string; ms: number }>((resolve) => {
    socket.on('close', () => {
      if (timer) clearInterval(timer)
      resolve({ answer, ms: Date.now() - began })
    })
  })
}

describe('security: oversized and slow bodies [sqlite]', () => {
  let running: RunningServer
  let database: TestDatabase
  let close: () => Promise<void>
  beforeAll(async () => {
    const created = await createTestDatabase('sqlite')
    database = created.database
    const logger = createLogger('silent')
    // No route used here stores files or runs e-services.
    const app = createApp({
      database: created.handle,
      logger,
      files: {} as Parameters<typeof createApp>[0]['files'],
      services: {} as Parameters<typeof createApp>[0]['services'],
    })
    running = await startServer(app, {
      port: 0,
      host: '127.0.0.1',
      logger,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
    })
    close = () => created.handle.close()
  })
  afterAll(async () => {
    await running?.close()
    await close?.()
    await database?.drop()
  })

  it('answers 413 to a body over the limit, with and without Content-Length', async () => {
    const big = `{"a":"${'x'.repeat(DEFAULT_BODY_LIMIT_BYTES + 10)}"}`
    const sized = await fetch(`${running.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    })
    expect(sized.status).toBe(413)
    const bytes = new TextEncoder().encode(big)
    const chunked = await fetch(`${running.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 65536)
            controller.enqueue(bytes.slice(i, i + 65536))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.headers.get('content-length')).not.toBe(String(bytes.length))
    expect(chunked.status).toBe(413)
  })

  it('cuts slow headers and a dribbled body, and keeps answering others meanwhile', async () => {
    const slowHeaders = rawClient(
      running.url,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n',
      'X-a: bbbbbbbbbbbbbbbbbbbb',
    )
    const slowBody = rawClient(
      running.url,
      'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
      '{"email":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}',
    )
    const health = await fetch(`${running.url}/healthz`)
    expect(health.status).toBe(200)
    const [headers, body] = await Promise.all([slowHeaders, slowBody])
    expect(headers.ms).toBeLessThan(5000)
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408/)
    expect(body.ms).toBeLessThan(6000)
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200)
  }, 20_000)
})
