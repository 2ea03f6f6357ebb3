/**
 * `npm run bench`: how long importing every bundled act takes on SQLite and on PostgreSQL, and
 * how fast the parser reads (MB/s); then, with the server on SQLite and every bundled act,
 * `GET /api/search` under load against a static JSON route of the same size (see `http.ts`).
 * Ratios are measured in one run, on this machine, so they can be compared; absolute times vary
 * with the machine's load. Exits non-zero when any HTTP request failed.
 *
 * Then the architecture portal (see `portal.ts`): registry lists with 2,000 objects on both
 * backends, and the document checks.
 *
 * Then the akimat architectures (see `akimat.ts`): the region example's architecture, gap report
 * and indicator dashboard before and after 20 more versions of every decision, on both backends.
 *
 * Then the e-services (see `services.ts`): applications submitted and completed per second
 * through the HTTP API by 32 clients on both backends, against the raw insert rate of the same
 * database measured in the same run.
 *
 * BENCH_RUNS (default 5): runs of each import/parse measurement; BENCH_HTTP_SECONDS (default 10):
 * length of each of the two HTTP load runs; BENCH_SERVICES_SECONDS (default 10): length of each
 * e-services run (API and raw inserts, per backend).
 */
import { readFileSync } from 'node:fs'
import { bundledActs, parseAct } from '../src/acts/index.js'
import { importBundledActs } from '../src/catalog/index.js'
import { createTestDatabase } from '../test/support/database.js'
import { benchAkimat } from './akimat.js'
import { benchHttp, CONNECTIONS, type LoadResult, SEARCH_QUERIES } from './http.js'
import { benchPortal } from './portal.js'
import { benchServices } from './services.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10)
if (!(HTTP_SECONDS > 0)) throw new Error('BENCH_HTTP_SECONDS must be a positive number of seconds')
const SERVICES_SECONDS = Number(process.env.BENCH_SERVICES_SECONDS ?? 10)
if (!(SERVICES_SECONDS > 0)) {
  throw new Error('BENCH_SERVICES_SECONDS must be a positive number of seconds')
}
const SEARCH_P95_TARGET_MS = 20

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function timeImport(backend: 'sqlite' | 'postgres'): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const { handle, database } = await createTestDatabase(backend)
    const started = performance.now()
    await importBundledActs(handle.db)
    times.push(performance.now() - started)
    await handle.close()
    await database.drop()
  }
  return median(times)
}

const files = bundledActs().map((a) => ({ name: a.file, bytes: readFileSync(a.path) }))
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0)
const parseTimes: number[] = []
for (let i = 0; i < RUNS; i++) {
  const started = performance.now()
  for (const f of files) parseAct(f.bytes, f.name)
  parseTimes.push(performance.now() - started)
}
const parseMs = median(parseTimes)
const sqliteMs = await timeImport('sqlite')
const postgresMs = await timeImport('postgres')

const mb = totalBytes / 1024 / 1024
console.log(`bundled acts: ${files.length} files, ${mb.toFixed(2)} MB, median of ${RUNS} runs`)
console.log(
  `parse only:              ${parseMs.toFixed(0)} ms (${(mb / (parseMs / 1000)).toFixed(2)} MB/s)`,
)
console.log(
  `import, SQLite:          ${sqliteMs.toFixed(0)} ms (target < 2000 ms: ${sqliteMs < 2000 ? 'met' : 'NOT met'})`,
)
console.log(`import, PostgreSQL:      ${postgresMs.toFixed(0)} ms`)
console.log(
  `ratio PostgreSQL/SQLite: ${(postgresMs / sqliteMs).toFixed(2)}; parse share of SQLite import: ${((parseMs / sqliteMs) * 100).toFixed(0)}%`,
)

const http = await benchHttp(HTTP_SECONDS)
const line = (name: string, r: LoadResult) =>
  console.log(
    `${name}${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, ` +
      `p99 ${r.p99.toFixed(2)} ms, ${r.requests} requests, ${r.errors} errors, ` +
      `${r.bytesPerResponse.toFixed(0)} B/response`,
  )
console.log(
  `HTTP, SQLite:            GET /api/search, ${SEARCH_QUERIES.length} queries, ` +
    `${http.documents} documents in the index, ${http.bodyBytes} B mean body, ` +
    `${CONNECTIONS} connections, ${HTTP_SECONDS} s per run; first search ${http.firstSearchMs.toFixed(0)} ms`,
)
line('HTTP search, no cache:   ', http.searchUncached)
line('HTTP search, cached:     ', http.search)
line('HTTP static, same size:  ', http.static)
// The target holds for the engine itself: the run with the response cache off.
const searchP95Met = http.searchUncached.p95 < SEARCH_P95_TARGET_MS
console.log(
  `ratio search/static:     throughput ${(http.searchUncached.rps / http.static.rps).toFixed(2)}, ` +
    `p95 ${(http.searchUncached.p95 / http.static.p95).toFixed(2)} without the response cache ` +
    `(target search p95 < ${SEARCH_P95_TARGET_MS} ms: ${searchP95Met ? 'met' : 'NOT met'}); ` +
    `with it: throughput ${(http.search.rps / http.static.rps).toFixed(2)}, ` +
    `p95 ${(http.search.p95 / http.static.p95).toFixed(2)}`,
)
const httpErrors =
  http.warmupErrors + http.search.errors + http.searchUncached.errors + http.static.errors
if (httpErrors > 0) {
  console.log(`HTTP errors: ${httpErrors} (warm-up ${http.warmupErrors})`)
  process.exitCode = 1
}

// The architecture portal: registry lists at a country's scale, document checks.
await benchPortal()

// Akimat architectures: the region example's architecture, gaps and indicators, with history.
await benchAkimat()

// The e-services: applications per second through the HTTP API, against the raw insert rate.
const services = await benchServices(SERVICES_SECONDS)
const servicesErrors = services.reduce((n, r) => n + r.errors, 0)
if (servicesErrors > 0) {
  console.log(`e-services errors: ${servicesErrors}`)
  process.exitCode = 1
}
