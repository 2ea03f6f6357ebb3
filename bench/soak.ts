/**
 * @module
 * Load and soak: `npm run --silent soak -- --seconds N --connections C [--database sqlite|postgres]
 * [--warmup W]`.
 *
 * Starts the server as a child process (`node --import tsx src/cli/main.ts serve`, the same start
 * as production: migrations, bundled acts, catalogue cache) on a fresh database — a SQLite file in
 * a temporary folder, or a fresh schema of TEST_DATABASE_URL / DATABASE_URL (PostgreSQL) — after
 * seeding it through the domain functions: the service integrator, a provider organisation with
 * 4 operators and 4 signers bound to the three e-services, and C applicants. Their signatures are
 * made with a certification authority created for the run, which the server trusts through
 * SIGNATURE_TRUST_DIR.
 *
 * Then C client loops (each one keep-alive connection at a time, plain `fetch`) drive a mixed
 * load: catalogue pages and the JSON API, search in Kazakh and Russian (HTML and JSON), the
 * architecture portal's lists, the e-service pages, and whole e-service applications (the
 * applicant applies, fetches the data to sign, signs in the client, sends the signature — the
 * application is registered —, the operator decides, the signer issues the result). First a
 * warm-up (default 10% of N, at least 10 s), not counted; the server's resident memory
 * (VmRSS of its process, /proc/<pid>/status) after it is `rssStartMb`; it is sampled every 5 s
 * during the run, and `rssEndMb` is read at the end.
 *
 * Prints ONE JSON line on stdout:
 * { requests, errors, p50, p99, rssStartMb, rssEndMb, ... } — errors are 5xx answers and
 * connection failures; p50/p99 are latencies in ms over all requests of the timed run; the extra
 * fields say what else happened (4xx answers, applications completed, the RSS peak). Progress
 * goes to stderr. Exits 1 when errors > 0 or the end RSS is more than 15% above the start RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type Backend, migrateToLatest, openDatabase } from '../src/db/index.js'
import { FIXTURE_PEOPLE, type IssuedCertificate } from '../src/services/index.js'
import { createEmptyTestDatabase } from '../test/support/database.js'
import { applicant, bindProvider, signWith, staff, TestPki } from '../test/support/services.js'
import { SEARCH_QUERIES } from './http.js'
import {
  archivalCertificateApplication,
  generatedIin,
  SERVICE_CODE,
} from './support/applications.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PASSWORD = 'ақ бидай егістігі soak 2026'
const DESK_STAFF = 4
const RSS_SAMPLE_MS = 5_000
const RSS_GROWTH_LIMIT = 0.15
const ERROR_SAMPLES = 8
/**
 * The share of loop iterations that carry a whole application (6 requests, one of them the
 * signed result PDF); the others are one read of a page or the API.
 */
const APPLICATION_SHARE = 0.1

const log = (message: string) => process.stderr.write(`soak: ${message}\n`)

// ---------------------------------------------------------------------------------------------
// Options

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    database: { type: 'string', default: 'sqlite' },
    warmup: { type: 'string' },
  },
})
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)
const BACKEND = values.database as Backend
if (!(SECONDS > 0)) throw new Error('--seconds must be a positive number')
if (!(Number.isInteger(CONNECTIONS) && CONNECTIONS > 0)) {
  throw new Error('--connections must be a positive whole number')
}
if (BACKEND !== 'sqlite' && BACKEND !== 'postgres') {
  throw new Error('--database must be sqlite or postgres')
}
const WARMUP = values.warmup !== undefined ? Number(values.warmup) : Math.max(10, SECONDS / 10)
if (!(WARMUP >= 0)) throw new Error('--warmup must be a number of seconds')

// ---------------------------------------------------------------------------------------------
// Seeding

/** `count` applicants: the people the fixture state databases know first, then others. */
function applicantsToCreate(count: number): { iin: string; name: string }[] {
  const people = FIXTURE_PEOPLE.slice(0, count).map((p) => ({
    iin: p.iin,
    name: [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' '),
  }))
  const taken = new Set(people.map((p) => p.iin))
  for (let n = 1; people.length < count; n++) {
    const iin = generatedIin(n)
    if (taken.has(iin)) continue
    taken.add(iin)
    people.push({ iin, name: `Өтініш Беруші ${n}` })
  }
  return people
}

/** The application the soak's applicants send to the provider. */
function applicationBody(providerOrganisationId: number) {
  return {
    service: SERVICE_CODE,
    providerOrganisationId,
    language: 'kk',
    ...archivalCertificateApplication(),
  }
}

interface Seeded {
  providerOrganisationId: number
  operators: string[]
  signers: string[]
  applicants: { iin: string; certificate: IssuedCertificate }[]
}

async function seed(config: Parameters<typeof openDatabase>[0], pki: TestPki): Promise<Seeded> {
  const handle = await openDatabase(config)
  try {
    await migrateToLatest(handle)
    const db = handle.db
    const admin = await staff(db, {
      kind: 'service-integrator',
      name: 'Сервистік интегратор',
      roles: ['admin'],
    })
    const operators: string[] = []
    const signers: string[] = []
    let organisationId = 0
    for (let i = 0; i < DESK_STAFF; i++) {
      const operatorEmail = `operator${i}@archive.soak.kz`
      const operator = await staff(db, {
        kind: 'state-body',
        name: 'Ұлттық мұрағат',
        roles: ['operator'],
        email: operatorEmail,
        password: PASSWORD,
        ...(organisationId ? { organisationId } : {}),
      })
      organisationId = operator.organisation.id
      operators.push(operatorEmail)
      const signerEmail = `signer${i}@archive.soak.kz`
      await staff(db, { roles: ['signer'], organisationId, email: signerEmail, password: PASSWORD })
      signers.push(signerEmail)
    }
    await bindProvider(db, admin, organisationId, { termWorkingDays: 5 })
    const applicants: Seeded['applicants'] = []
    for (const p of applicantsToCreate(CONNECTIONS)) {
      await applicant(db, p.iin, p.name, PASSWORD)
      applicants.push({ iin: p.iin, certificate: await pki.issue(p.iin, { name: p.name }) })
    }
    return { providerOrganisationId: organisationId, operators, signers, applicants }
  } finally {
    await handle.close()
  }
}

// ---------------------------------------------------------------------------------------------
// The server process

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The resident memory of a process in MB (VmRSS), or NaN when it is gone. */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
    return kb ? Number(kb) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

async function startServerProcess(
  env: Record<string, string>,
  logFile: string,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort()
  const out = createWriteStream(logFile)
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--host', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.pipe(out)
  child.stderr?.pipe(out)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(`${url}/healthz`)
      await response.arrayBuffer()
      if (response.ok) return { child, url }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
  throw new Error(`the server did not start (exit code ${child.exitCode}); its log:\n${tail}`)
}

function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

// ---------------------------------------------------------------------------------------------
// The load

interface Session {
  cookie: string
  csrf: string
}

class Load {
  /** Whether the timed run is on: only then are requests counted. */
  timing = false
  requests = 0
  errors = 0
  status4xx = 0
  applicationsCompleted = 0
  latencies: number[] = []
  errorSamples: string[] = []
  /** Count and total time per route (ids and queries stripped), for the progress report. */
  routes = new Map<string, { count: number; ms: number; max: number }>()

  constructor(readonly url: string) {}

  private sample(message: string): void {
    if (this.errorSamples.length < ERROR_SAMPLES && !this.errorSamples.includes(message)) {
      this.errorSamples.push(message)
    }
  }

  async signIn(path: string, body: Record<string, string>, cookieName: string): Promise<Session> {
    const response = await fetch(this.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 200)}`)
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${cookieName}=`))
    if (!cookie) throw new Error(`${path}: no ${cookieName} cookie`)
    return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken }
  }

  /** One request; the body text when it answered 2xx, otherwise undefined (and counted). */
  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { session?: Session; body?: unknown; language?: string } = {},
  ): Promise<string | undefined> {
    const started = performance.now()
    const { session, body } = options
    const headers: Record<string, string> = { 'accept-language': options.language ?? 'kk' }
    if (session) headers.cookie = session.cookie
    if (method === 'POST') {
      headers['content-type'] = 'application/json'
      if (session) headers['x-csrf-token'] = session.csrf
    }
    try {
      const response = await fetch(this.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      this.count(performance.now() - started, method, path)
      if (response.status >= 500) {
        if (this.timing) this.errors++
        this.sample(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`)
        return undefined
      }
      if (response.status >= 400) {
        if (this.timing) this.status4xx++
        this.sample(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`)
        return undefined
      }
      return text
    } catch (error) {
      this.count(performance.now() - started, method, path)
      if (this.timing) this.errors++
      const cause = (error as Error).cause as Error | undefined
      this.sample(`${method} ${path}: ${(error as Error).message} ${cause?.message ?? ''}`)
      return undefined
    }
  }

  private count(ms: number, method: string, path: string): void {
    if (!this.timing) return
    this.requests++
    this.latencies.push(ms)
    const route = `${method} ${path.replace(/\?.*$/, '').replace(/\/\d+/g, '/:id')}`
    const stats = this.routes.get(route) ?? { count: 0, ms: 0, max: 0 }
    stats.count++
    stats.ms += ms
    stats.max = Math.max(stats.max, ms)
    this.routes.set(route, stats)
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

const KK_QUERIES = SEARCH_QUERIES.filter((q) => /[әғқңөұүһі]/u.test(q) || /^[А-ЯЁ]{2,4}$/u.test(q))
const RU_QUERIES = SEARCH_QUERIES.filter((q) => !KK_QUERIES.includes(q))

interface Client {
  person: Session
  certificate: IssuedCertificate
  operator: Session
  signer: Session
}

/** Reads of the catalogue, search, the portal and the e-service pages. */
async function browse(load: Load, client: Client): Promise<void> {
  const q = () => encodeURIComponent(Math.random() < 0.5 ? pick(KK_QUERIES) : pick(RU_QUERIES))
  const language = pick(['kk', 'ru', 'en'])
  const section = pick([1, 2, 3])
  const reads: (() => [string, Session | undefined])[] = [
    () => ['/catalog', undefined],
    () => [`/catalog/rows?section=${section}`, undefined],
    () => [`/catalog/rows?section=${section}&q=${q()}`, undefined],
    () => ['/catalog/systems', undefined],
    () => ['/catalog/acts', undefined],
    () => ['/catalog/coverage', undefined],
    () => [`/search?q=${q()}`, undefined],
    () => [`/api/search?q=${q()}`, undefined],
    () => [`/api/search?q=${q()}`, undefined],
    () => ['/api/catalog/levels', undefined],
    () => [`/api/catalog/rows?section=${section}&limit=50`, undefined],
    () => ['/api/catalog/systems', undefined],
    () => ['/api/catalog/acts', undefined],
    () => ['/portal', undefined],
    () => ['/portal/objects', client.operator],
    () => ['/api/portal/objects', client.operator],
    () => ['/services', undefined],
    () => [`/services/${SERVICE_CODE}`, undefined],
    () => ['/applications', client.person],
    () => ['/desk', client.operator],
  ]
  const [path, session] = pick(reads)()
  await load.request('GET', path, { session, language })
}

/** One application from the form to the result, by the applicant and the provider's staff. */
async function application(load: Load, client: Client, body: unknown): Promise<void> {
  const applied = await load.request('POST', '/api/applications', {
    session: client.person,
    body: { ...(body as object), formOpenedAt: new Date(Date.now() - 1_000).toISOString() },
  })
  if (!applied) return
  const { id } = JSON.parse(applied) as { id: number }
  const data = await load.request('GET', `/api/applications/${id}/data-to-sign`, {
    session: client.person,
  })
  if (data === undefined) return
  const signature = await signWith(client.certificate, data)
  const signed = await load.request('POST', `/api/applications/${id}/signature`, {
    session: client.person,
    body: { signature },
  })
  if (!signed) return
  await load.request('GET', `/api/applications/${id}`, { session: client.person })
  const decided = await load.request('POST', `/api/desk/applications/${id}/decision`, {
    session: client.operator,
    body: { meets: true },
  })
  if (!decided) return
  const issued = await load.request('POST', `/api/desk/applications/${id}/result`, {
    session: client.signer,
  })
  if (issued && (JSON.parse(issued) as { status: string }).status === 'completed') {
    if (load.timing) load.applicationsCompleted++
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

const round1 = (n: number) => Math.round(n * 10) / 10

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'e-akimat-soak-'))
  const database = await createEmptyTestDatabase(BACKEND)
  let server: ChildProcess | undefined
  try {
    log(
      `${BACKEND}, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s; files in ${dir}`,
    )
    const pki = await TestPki.create('e-akimat soak CA')
    const trustDir = join(dir, 'trust')
    mkdirSync(trustDir)
    writeFileSync(join(trustDir, 'soak-ca.pem'), pki.authority.certificate)
    writeFileSync(
      join(trustDir, 'soak-ca.crl'),
      await (async () => {
        await pki.refreshCrl()
        return (await pki.trust()).crls[0] as string
      })(),
    )
    const seeded = await seed(database.config, pki)
    log(`seeded ${seeded.applicants.length} applicants, ${DESK_STAFF} operators and signers`)
    const started = await startServerProcess(
      {
        DATABASE_URL: database.url,
        DATA_DIR: join(dir, 'data'),
        SIGNATURE_TRUST_DIR: trustDir,
        LOG_LEVEL: 'warn',
        COOKIE_SECURE: 'never',
        NODE_ENV: 'production',
      },
      join(dir, 'server.log'),
    )
    server = started.child
    const pid = server.pid!
    log(`server pid ${pid} at ${started.url}, RSS ${rssMb(pid).toFixed(0)} MB`)

    const load = new Load(started.url)
    const staffSession = (email: string) =>
      load.signIn('/api/session', { email, password: PASSWORD }, 'eakimat_session')
    const operators = await Promise.all(seeded.operators.map(staffSession))
    const signers = await Promise.all(seeded.signers.map(staffSession))
    const people = await Promise.all(
      seeded.applicants.map((a) =>
        load.signIn('/api/citizen/session', { iin: a.iin, password: PASSWORD }, 'eakimat_person'),
      ),
    )
    const clients: Client[] = seeded.applicants.map((a, i) => ({
      person: people[i]!,
      certificate: a.certificate,
      operator: operators[i % DESK_STAFF]!,
      signer: signers[i % DESK_STAFF]!,
    }))
    const body = applicationBody(seeded.providerOrganisationId)

    const rss: { at: number; mb: number }[] = []
    let rssStartMb = Number.NaN
    const t0 = performance.now()
    const warmupEnd = t0 + WARMUP * 1000
    const end = warmupEnd + SECONDS * 1000
    const sampler = setInterval(() => {
      const mb = rssMb(pid)
      const at = (performance.now() - t0) / 1000
      rss.push({ at, mb })
      log(
        `${at.toFixed(0)} s ${load.timing ? 'run' : 'warm-up'}: RSS ${mb.toFixed(0)} MB, ` +
          `${load.requests} requests, ${load.errors} errors, ${load.status4xx} 4xx, ` +
          `${load.applicationsCompleted} applications completed`,
      )
    }, RSS_SAMPLE_MS)
    const switcher = setTimeout(() => {
      rssStartMb = rssMb(pid)
      log(`warm-up done: RSS ${rssStartMb.toFixed(1)} MB`)
      load.timing = true
    }, WARMUP * 1000)
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          if (Math.random() < APPLICATION_SHARE) await application(load, client, body)
          else await browse(load, client)
        }
      }),
    )
    clearInterval(sampler)
    clearTimeout(switcher)
    const rssEndMb = rssMb(pid)
    const serverAlive = server.exitCode === null
    const sorted = Float64Array.from(load.latencies).sort()
    const during = rss.filter((s) => s.at >= WARMUP).map((s) => s.mb)
    const result = {
      requests: load.requests,
      errors: load.errors + (serverAlive ? 0 : 1),
      p50: round1(percentile(sorted, 50)),
      p99: round1(percentile(sorted, 99)),
      rssStartMb: round1(rssStartMb),
      rssEndMb: round1(rssEndMb),
      rssMaxMb: round1(Math.max(rssEndMb, ...during)),
      status4xx: load.status4xx,
      applicationsCompleted: load.applicationsCompleted,
      backend: BACKEND,
      seconds: SECONDS,
      connections: CONNECTIONS,
      requestsPerSecond: Math.round(load.requests / SECONDS),
    }
    for (const [route, s] of [...load.routes].sort((a, b) => b[1].ms - a[1].ms)) {
      log(
        `${route}: ${s.count} requests, mean ${(s.ms / s.count).toFixed(1)} ms, ` +
          `max ${s.max.toFixed(0)} ms`,
      )
    }
    for (const sample of load.errorSamples) log(`error sample: ${sample}`)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    const grew = rssEndMb > rssStartMb * (1 + RSS_GROWTH_LIMIT)
    if (grew) log(`RSS grew ${(((rssEndMb - rssStartMb) / rssStartMb) * 100).toFixed(1)}%`)
    return result.errors > 0 || grew || !(rssEndMb > 0) ? 1 : 0
  } finally {
    if (server) await stopServerProcess(server)
    await database.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

process.exitCode = await main().catch((error: Error) => {
  log(`failed: ${error.stack ?? error.message}`)
  return 2
})
