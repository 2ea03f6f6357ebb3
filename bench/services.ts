/**
 * @module
 * The e-services part of `npm run bench`: applications submitted and completed per second
 * through the HTTP API, on SQLite and on PostgreSQL, against the raw insert rate of the same
 * database measured in the same run. Alone: `npx tsx bench/services.ts`.
 *
 * Per backend: a real server (createApp + startServer) on a fresh database, with a
 * ServicesContext that trusts a test certification authority; the service integrator's admin,
 * a provider organisation (4 operators and 4 signers, term 5 working days) and 32 applicants
 * with certificates (the people of the state databases' fixture first, then other valid IINs)
 * are set up through the domain functions. The clients sign in over the API (each applicant with
 * a session of their own; 8 clients share each operator's and each signer's session) and use
 * plain `fetch` (keep-alive). Then 32 client loops, each an applicant who also carries the case
 * through the provider's desk: `POST /api/applications`
 * (archival-certificate, no payment) → `GET …/data-to-sign` → sign in the client → `POST
 * …/signature` (registered: "submitted") → the operator's `POST …/decision` (meets) → the
 * signer's `POST …/result` ("completed"). A loop starts a new application until the time is up
 * and always finishes the one it started; rates are counts over the time until the last loop
 * ended. Each client first runs one application as a warm-up, which is not counted.
 *
 * The clients run in a child process (this file, forked), so that their signing and HTTP work
 * do not share the server's event loop; the machine's cores are shared all the same, which is
 * why the client process's CPU time is printed. Signing happens in the clients: its share of the
 * clients' time is printed.
 *
 * Then the limit: 32 loops each inserting single rows, one transaction per row, into a scratch
 * table of the same database through the same handle (created for the run, dropped after), for
 * the same number of seconds. After the run the database is asked how many rows one completed
 * application wrote, which explains the ratio.
 *
 * BENCH_SERVICES_SECONDS (default 10): length of each timed run (API and raw inserts).
 * Exits non-zero when any request failed (non-2xx, connection error, or an answer in another
 * state than expected) or the database holds another number of completed applications than the
 * clients counted.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import { createLogger } from '../src/core/logger.js'
import type { Backend, Database, DatabaseHandle } from '../src/db/index.js'
import { LocalFileStore } from '../src/files/index.js'
import { FIXTURE_PEOPLE, type IssuedCertificate } from '../src/services/index.js'
import { createApp } from '../src/web/app.js'
import { startServer } from '../src/web/server.js'
import { createTestDatabase } from '../test/support/database.js'
import {
  applicant,
  bindProvider,
  signWith,
  staff,
  TestPki,
  testServicesContext,
} from '../test/support/services.js'
import {
  archivalCertificateApplication,
  generatedIin,
  SERVICE_CODE,
} from './support/applications.js'

/** Concurrent clients, and concurrent loops of the raw insert run. */
export const SERVICES_CLIENTS = 32
/** Operators and signers of the provider; client i uses operator and signer i mod this. */
const DESK_STAFF = 4
const PASSWORD = 'ақ бидай егістігі bench 2026'
const CLIENT_ARG = '--services-bench-client'
const ERROR_SAMPLES = 5

export const CALLS = ['apply', 'data-to-sign', 'signature', 'decision', 'result'] as const
export type Call = (typeof CALLS)[number]

export interface Latency {
  count: number
  p50: number
  p99: number
}

export interface ServicesBenchResult {
  backend: Backend
  seconds: number
  /** Wall time of the timed run, until the last client loop ended (ms). */
  elapsedMs: number
  submitted: number
  completed: number
  submittedPerSecond: number
  completedPerSecond: number
  /** Non-2xx answers, connection errors and answers in an unexpected state (warm-up included). */
  errors: number
  /** The first few different error messages. */
  errorSamples: string[]
  latency: Record<Call | 'overall', Latency>
  /** Mean time of one signature in the client (ms), and the share of the clients' time it took. */
  signMs: number
  signShare: number
  /** CPU time over wall time of the timed run, in cores (1 = one core busy). */
  clientCpu: number
  serverCpu: number
  /** Sign-ins and warm-up in the client process before the timed run (ms). */
  clientSetupMs: number
  raw: RawInsertResult
  rows: RowsPerApplication
}

export interface RawInsertResult {
  rows: number
  perSecond: number
  p50: number
  p99: number
}

/** What the completed applications wrote, per application (means over all completed ones). */
export interface RowsPerApplication {
  /** Completed applications in the database (the warm-up ones included). */
  applications: number
  /** Rows inserted, by table. */
  inserted: {
    application: number
    event: number
    signature: number
    result: number
    attachment: number
  }
  insertedTotal: number
  /**
   * Rows inserted by the applicant's calls (application, signature, the applicant's events), and
   * by the staff's (their events, the result).
   */
  bySubmission: number
  byCompletion: number
  /** Compare-and-set updates of the application row (its revision minus one). */
  applicationUpdates: number
  /** Files written to the file store (result documents, attachments). */
  files: number
}

/** What the parent sends the client process. */
interface ClientPlan {
  url: string
  seconds: number
  providerOrganisationId: number
  form: Record<string, string>
  attachments: { slot: string; name: string; contentBase64: string }[]
  applicants: { iin: string; certificate: IssuedCertificate }[]
  operators: string[]
  signers: string[]
}

/** What the client process answers. */
interface ClientReport {
  submitted: number
  completed: number
  warmupCompleted: number
  errors: number
  errorSamples: string[]
  latencies: Record<Call, Float64Array>
  signMs: number
  signatures: number
  elapsedMs: number
  cpuMicros: number
  setupMs: number
}

// ---------------------------------------------------------------------------------------------
// The client process.

interface Session {
  cookie: string
  csrf: string
}

class Clients {
  submitted = 0
  completed = 0
  warmupCompleted = 0
  errors = 0
  errorSamples: string[] = []
  latencies: Record<Call, number[]> = {
    apply: [],
    'data-to-sign': [],
    signature: [],
    decision: [],
    result: [],
  }
  signMs = 0
  signatures = 0
  /** Whether the timed run is on (latencies and counts are kept only then). */
  timing = false

  constructor(private readonly plan: ClientPlan) {}

  /** Counts an error; keeps the first few different messages. */
  fail(message: string): undefined {
    this.errors += 1
    if (this.errorSamples.length < ERROR_SAMPLES && !this.errorSamples.includes(message)) {
      this.errorSamples.push(message)
    }
    return undefined
  }

  async signIn(path: string, body: Record<string, string>, cookieName: string): Promise<Session> {
    const response = await fetch(this.plan.url + path, {
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

  /** One API call; undefined (counted as an error) unless it answered 2xx. */
  async call(
    kind: Call,
    session: Session,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<string | undefined> {
    const started = performance.now()
    try {
      const response = await fetch(this.plan.url + path, {
        method,
        headers: {
          cookie: session.cookie,
          'accept-language': 'en',
          ...(method === 'POST'
            ? { 'content-type': 'application/json', 'x-csrf-token': session.csrf }
            : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      if (this.timing) this.latencies[kind].push(performance.now() - started)
      if (!response.ok) return this.fail(`${kind}: ${response.status} ${text.slice(0, 300)}`)
      return text
    } catch (error) {
      if (this.timing) this.latencies[kind].push(performance.now() - started)
      return this.fail(`${kind}: ${(error as Error).message}`)
    }
  }

  /** One application from the form to the result; false when a step failed. */
  async application(
    person: Session,
    certificate: IssuedCertificate,
    operator: Session,
    signer: Session,
  ): Promise<boolean> {
    const applied = await this.call('apply', person, 'POST', '/api/applications', {
      service: SERVICE_CODE,
      providerOrganisationId: this.plan.providerOrganisationId,
      language: 'kk',
      form: this.plan.form,
      attachments: this.plan.attachments,
      formOpenedAt: new Date(Date.now() - 1_000).toISOString(),
    })
    if (!applied) return false
    const { id, waitingFor } = JSON.parse(applied) as { id: number; waitingFor: string | null }
    if (waitingFor !== 'applicant-signature') {
      return !!this.fail(`apply: waiting for ${waitingFor}, not the applicant's signature`)
    }
    const data = await this.call(
      'data-to-sign',
      person,
      'GET',
      `/api/applications/${id}/data-to-sign`,
    )
    if (data === undefined) return false
    const signStarted = performance.now()
    const signature = await signWith(certificate, data)
    if (this.timing) {
      this.signMs += performance.now() - signStarted
      this.signatures += 1
    }
    const signed = await this.call(
      'signature',
      person,
      'POST',
      `/api/applications/${id}/signature`,
      {
        signature,
      },
    )
    if (!signed) return false
    const afterSigning = JSON.parse(signed) as { waitingFor: string | null; registeredAt: string }
    if (afterSigning.waitingFor !== 'provider-decision' || !afterSigning.registeredAt) {
      return !!this.fail(`signature: not registered (waiting for ${afterSigning.waitingFor})`)
    }
    if (this.timing) this.submitted += 1
    const decided = await this.call(
      'decision',
      operator,
      'POST',
      `/api/desk/applications/${id}/decision`,
      { meets: true },
    )
    if (!decided) return false
    if ((JSON.parse(decided) as { waitingFor: string | null }).waitingFor !== 'signer') {
      return !!this.fail('decision: the application does not wait for the signer')
    }
    const issued = await this.call('result', signer, 'POST', `/api/desk/applications/${id}/result`)
    if (!issued) return false
    const result = JSON.parse(issued) as { status: string; result: { kind: string } | null }
    if (result.status !== 'completed' || result.result?.kind !== 'result') {
      return !!this.fail(`result: status ${result.status}, not completed with a result`)
    }
    if (this.timing) this.completed += 1
    else this.warmupCompleted += 1
    return true
  }

  async run(): Promise<ClientReport> {
    const { plan } = this
    const setupStarted = performance.now()
    const staffSessions = async (emails: string[]) =>
      Promise.all(
        emails.map((email) =>
          this.signIn('/api/session', { email, password: PASSWORD }, 'eakimat_session'),
        ),
      )
    const operators = await staffSessions(plan.operators)
    const signers = await staffSessions(plan.signers)
    const people = await Promise.all(
      plan.applicants.map((a) =>
        this.signIn('/api/citizen/session', { iin: a.iin, password: PASSWORD }, 'eakimat_person'),
      ),
    )
    const clients = plan.applicants.map((a, i) => ({
      person: people[i]!,
      certificate: a.certificate,
      operator: operators[i % operators.length]!,
      signer: signers[i % signers.length]!,
    }))
    // Warm-up: one application per client, not counted.
    await Promise.all(
      clients.map((c) => this.application(c.person, c.certificate, c.operator, c.signer)),
    )
    const setupMs = performance.now() - setupStarted

    this.timing = true
    process.send?.({ kind: 'start' })
    const cpu = process.cpuUsage()
    const started = performance.now()
    const deadline = started + plan.seconds * 1000
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < deadline) {
          await this.application(c.person, c.certificate, c.operator, c.signer)
        }
      }),
    )
    const elapsedMs = performance.now() - started
    const used = process.cpuUsage(cpu)
    return {
      submitted: this.submitted,
      completed: this.completed,
      warmupCompleted: this.warmupCompleted,
      errors: this.errors,
      errorSamples: this.errorSamples,
      latencies: Object.fromEntries(
        CALLS.map((k) => [k, Float64Array.from(this.latencies[k])]),
      ) as Record<Call, Float64Array>,
      signMs: this.signMs,
      signatures: this.signatures,
      elapsedMs,
      cpuMicros: used.user + used.system,
      setupMs,
    }
  }
}

async function clientMain(): Promise<void> {
  const plan = await new Promise<ClientPlan>((resolve) =>
    process.once('message', (message) => resolve(message as ClientPlan)),
  )
  const report = await new Clients(plan).run()
  process.send?.({ kind: 'report', report }, () => process.exit(0))
}

/**
 * Runs the clients in a child process (this file) and waits for their report; also measures this
 * (the server's) process's CPU time from the start of the timed run to the report.
 */
function runClients(plan: ClientPlan): Promise<{ report: ClientReport; serverCpuMicros: number }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(fileURLToPath(import.meta.url), [CLIENT_ARG], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let cpu: NodeJS.CpuUsage | undefined
    let done: { report: ClientReport; serverCpuMicros: number } | undefined
    child.on('message', (message: { kind: 'start' } | { kind: 'report'; report: ClientReport }) => {
      if (message.kind === 'start') cpu = process.cpuUsage()
      else {
        const used = process.cpuUsage(cpu)
        done = { report: message.report, serverCpuMicros: used.user + used.system }
      }
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (done) resolve(done)
      else reject(new Error(`the services bench client process exited with code ${code}`))
    })
    child.send(plan)
  })
}

// ---------------------------------------------------------------------------------------------
// The server side.

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

function latencyOf(values: Float64Array): Latency {
  const sorted = Float64Array.from(values).sort()
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}

const GIVEN_NAMES = ['Ержан', 'Данияр', 'Асқар', 'Нұрлан', 'Бауыржан', 'Арман', 'Мақсат']
const FATHERS = ['Серікұлы', 'Болатұлы', 'Қайратұлы', 'Маратұлы']

/** The 32 applicants: the fixture people first (the state databases know them), then others. */
function applicantsToCreate(): { iin: string; name: string }[] {
  const people = FIXTURE_PEOPLE.slice(0, SERVICES_CLIENTS).map((p) => ({
    iin: p.iin,
    name: [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' '),
  }))
  for (let n = 1; people.length < SERVICES_CLIENTS; n++) {
    people.push({
      iin: generatedIin(n),
      name: `${GIVEN_NAMES[n % GIVEN_NAMES.length]} ${FATHERS[n % FATHERS.length]}`,
    })
  }
  return people
}

/** Raw single-row inserts, one transaction each, from 32 loops for `seconds`. */
async function rawInsertRate(handle: DatabaseHandle, seconds: number): Promise<RawInsertResult> {
  const db = handle.db
  const table = 'bench_raw_insert'
  const id =
    handle.backend === 'sqlite'
      ? sql`id integer primary key autoincrement`
      : sql`id bigserial primary key`
  await sql`create table ${sql.table(table)} (${id}, application_id integer not null,
    step_id text not null, at text not null, details text not null)`.execute(db)
  try {
    const latencies: number[] = []
    let rows = 0
    const started = performance.now()
    const deadline = started + seconds * 1000
    await Promise.all(
      Array.from({ length: SERVICES_CLIENTS }, async (_, loop) => {
        while (performance.now() < deadline) {
          const begun = performance.now()
          await db.transaction().execute(async (trx) => {
            await sql`insert into ${sql.table(table)} (application_id, step_id, at, details)
              values (${loop}, ${'C3'}, ${new Date().toISOString()}, ${'{"outcome":"passed"}'})`.execute(
              trx,
            )
          })
          latencies.push(performance.now() - begun)
          rows += 1
        }
      }),
    )
    const elapsed = performance.now() - started
    const stored = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`
      .execute(db)
      .then((r) => Number(r.rows[0]?.n))
    if (stored !== rows) throw new Error(`raw inserts: ${rows} counted, ${stored} stored`)
    const sorted = Float64Array.from(latencies).sort()
    return {
      rows,
      perSecond: rows / (elapsed / 1000),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    }
  } finally {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
}

function countFiles(folder: string): number {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .length
  } catch {
    return 0
  }
}

/** Rows the completed applications wrote, per application. */
async function rowsPerApplication(
  db: Kysely<Database>,
  filesRoot: string,
): Promise<RowsPerApplication> {
  const completed = await db
    .selectFrom('services_application')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string>('revision').as('revisions'),
    ])
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow()
  const applications = Number(completed.n)
  const per = (n: number | string | null | undefined) =>
    applications === 0 ? 0 : Number(n ?? 0) / applications
  const ofCompleted = async (
    table: 'services_event' | 'services_signature' | 'services_result' | 'services_attachment',
  ) => {
    const row = await db
      .selectFrom(table)
      .innerJoin('services_application', 'services_application.id', `${table}.application_id`)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('services_application.status', '=', 'completed')
      .executeTakeFirstOrThrow()
    return per(row.n)
  }
  const applicantEvents = await db
    .selectFrom('services_event')
    .innerJoin('services_application', 'services_application.id', 'services_event.application_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('services_application.status', '=', 'completed')
    .where('services_event.actor_kind', '=', 'person')
    .executeTakeFirstOrThrow()
    .then((row) => per(row.n))
  const inserted = {
    application: applications === 0 ? 0 : 1,
    event: await ofCompleted('services_event'),
    signature: await ofCompleted('services_signature'),
    result: await ofCompleted('services_result'),
    attachment: await ofCompleted('services_attachment'),
  }
  const insertedTotal = Object.values(inserted).reduce((a, b) => a + b, 0)
  const bySubmission =
    inserted.application + inserted.attachment + inserted.signature + applicantEvents
  return {
    applications,
    inserted,
    insertedTotal,
    bySubmission,
    byCompletion: insertedTotal - bySubmission,
    applicationUpdates: applications === 0 ? 0 : per(completed.revisions) - 1,
    files: per(countFiles(filesRoot)),
  }
}

/** One backend: set-up, the API run with the clients, the rows written, the raw insert run. */
async function benchBackend(backend: Backend, seconds: number): Promise<ServicesBenchResult> {
  const { handle, database } = await createTestDatabase(backend)
  const dataDir = mkdtempSync(join(tmpdir(), 'e-akimat-bench-services-'))
  const logger = createLogger('silent')
  try {
    const db = handle.db
    const pki = await TestPki.create('e-akimat bench CA')
    const services = await testServicesContext(pki, { dataDir })
    const files = new LocalFileStore(dataDir)
    const app = createApp({ database: handle, logger, files, services })
    const server = await startServer(app, { port: 0, host: '127.0.0.1', logger })
    services.publicUrl = server.url
    let report: ClientReport
    let serverCpuMicros: number
    try {
      const admin = await staff(db, {
        kind: 'service-integrator',
        name: 'Сервистік интегратор',
        roles: ['admin'],
      })
      const operators: string[] = []
      const signers: string[] = []
      let organisationId = 0
      for (let i = 0; i < DESK_STAFF; i++) {
        const operatorEmail = `operator${i}@archive.bench.kz`
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
        const signerEmail = `signer${i}@archive.bench.kz`
        await staff(db, {
          roles: ['signer'],
          organisationId,
          email: signerEmail,
          password: PASSWORD,
        })
        signers.push(signerEmail)
      }
      await bindProvider(db, admin, organisationId, { termWorkingDays: 5 })
      const applicants = await Promise.all(
        applicantsToCreate().map(async (p) => {
          await applicant(db, p.iin, p.name, PASSWORD)
          return { iin: p.iin, certificate: await pki.issue(p.iin, { name: p.name }) }
        }),
      )
      ;({ report, serverCpuMicros } = await runClients({
        url: server.url,
        seconds,
        providerOrganisationId: organisationId,
        ...archivalCertificateApplication(),
        applicants,
        operators,
        signers,
      }))
    } finally {
      await server.close()
    }
    const rows = await rowsPerApplication(db, files.root)
    const expected = report.completed + report.warmupCompleted
    if (rows.applications !== expected) {
      report.errors += 1
      report.errorSamples.push(
        `database: ${rows.applications} completed applications, the clients counted ${expected}`,
      )
    }
    const raw = await rawInsertRate(handle, seconds)
    const all = Float64Array.from(CALLS.flatMap((k) => [...report.latencies[k]]))
    const latency = Object.fromEntries([
      ...CALLS.map((k) => [k, latencyOf(report.latencies[k])]),
      ['overall', latencyOf(all)],
    ]) as Record<Call | 'overall', Latency>
    const elapsedSeconds = report.elapsedMs / 1000
    return {
      backend,
      seconds,
      elapsedMs: report.elapsedMs,
      submitted: report.submitted,
      completed: report.completed,
      submittedPerSecond: report.submitted / elapsedSeconds,
      completedPerSecond: report.completed / elapsedSeconds,
      errors: report.errors,
      errorSamples: report.errorSamples,
      latency,
      signMs: report.signatures ? report.signMs / report.signatures : 0,
      signShare: report.signMs / (SERVICES_CLIENTS * report.elapsedMs),
      clientCpu: report.cpuMicros / 1000 / report.elapsedMs,
      serverCpu: serverCpuMicros / 1000 / report.elapsedMs,
      clientSetupMs: report.setupMs,
      raw,
      rows,
    }
  } finally {
    await handle.close()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : n.toFixed(0))
const rate = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0))
const ratio = (n: number) => (n < 0.1 ? n.toFixed(3) : n.toFixed(2))
const mean = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

function print(r: ServicesBenchResult): void {
  const name = r.backend.padEnd(8)
  const l = r.latency
  const rows = r.rows
  const files = `${mean(rows.files)} file${rows.files === 1 ? '' : 's'}`
  console.log(
    `${name} submitted ${rate(r.submittedPerSecond)}/s = ` +
      `${ratio(r.submittedPerSecond / r.raw.perSecond)} of the raw insert rate ` +
      `${rate(r.raw.perSecond)}/s (each submission inserts ${mean(rows.bySubmission)} rows); ` +
      `completed ${rate(r.completedPerSecond)}/s = ${ratio(r.completedPerSecond / r.raw.perSecond)} ` +
      `(each completion inserts ${mean(rows.byCompletion)} more); ${r.submitted} submitted, ` +
      `${r.completed} completed in ${(r.elapsedMs / 1000).toFixed(1)} s; ${r.errors} errors`,
  )
  console.log(
    `${name} latency p50/p99 ms: ${CALLS.map((k) => `${k} ${ms(l[k].p50)}/${ms(l[k].p99)}`).join(', ')}; ` +
      `overall ${ms(l.overall.p50)}/${ms(l.overall.p99)} (${l.overall.count} requests)`,
  )
  console.log(
    `${name} raw inserts: ${rate(r.raw.perSecond)}/s (${SERVICES_CLIENTS} loops, one row per ` +
      `transaction, p50/p99 ${ms(r.raw.p50)}/${ms(r.raw.p99)} ms); one completed application ` +
      `inserts ${mean(rows.insertedTotal)} rows (application ${mean(rows.inserted.application)}, ` +
      `events ${mean(rows.inserted.event)}, signature ${mean(rows.inserted.signature)}, result ` +
      `${mean(rows.inserted.result)}, attachments ${mean(rows.inserted.attachment)}), updates ` +
      `the application row ${mean(rows.applicationUpdates)} times and the number counter once, ` +
      `writes ${files}; its rows at the completed rate: ` +
      `${rate(r.completedPerSecond * rows.insertedTotal)}/s = ` +
      `${ratio((r.completedPerSecond * rows.insertedTotal) / r.raw.perSecond)} of the raw insert rate`,
  )
  const serverMsPerApplication = r.completed
    ? (r.serverCpu * r.elapsedMs) / r.completed
    : Number.NaN
  console.log(
    `${name} CPU: server process ${r.serverCpu.toFixed(2)} cores ` +
      `(${ms(serverMsPerApplication)} ms per completed application), client process ` +
      `${r.clientCpu.toFixed(2)} cores; signing in the clients ${ms(r.signMs)} ms per signature, ` +
      `${(r.signShare * 100).toFixed(1)}% of the clients' time; sign-ins and warm-up ` +
      `${(r.clientSetupMs / 1000).toFixed(1)} s`,
  )
  for (const sample of r.errorSamples) console.log(`${name} error: ${sample}`)
}

/**
 * Runs the e-services benchmark on SQLite and on PostgreSQL, `seconds` per timed run, and
 * prints its lines. Returns the results; any `errors` mean a request failed.
 */
export async function benchServices(seconds: number): Promise<ServicesBenchResult[]> {
  if (!(seconds > 0)) throw new Error('BENCH_SERVICES_SECONDS must be a positive number of seconds')
  console.log(
    `\ne-services: ${SERVICE_CODE} on the portal over HTTP, ${SERVICES_CLIENTS} clients, each ` +
      'applying, signing (in the client), then deciding and issuing as the provider’s staff; ' +
      `${seconds} s per run; clients in a child process`,
  )
  const results: ServicesBenchResult[] = []
  for (const backend of ['sqlite', 'postgres'] as const) {
    const result = await benchBackend(backend, seconds)
    print(result)
    results.push(result)
  }
  return results
}

if (process.argv.includes(CLIENT_ARG)) {
  await clientMain()
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchServices(Number(process.env.BENCH_SERVICES_SECONDS ?? 10))
  if (results.some((r) => r.errors > 0)) process.exitCode = 1
}
