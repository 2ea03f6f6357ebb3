/**
 * @module
 * The HTTP part of `npm run bench`: the server in this process on SQLite with every bundled act,
 * `GET /api/search` under load from autocannon, and as a baseline a static JSON route of the same
 * size (same app, same middleware, no search work).
 *
 * autocannon runs in a worker thread so that the load generator does not share the server's event
 * loop; latencies are taken per request from its `response` event (autocannon's own summary has
 * no p95).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type autocannon from 'autocannon'
import { CatalogCache, importBundledActs } from '../src/catalog/index.js'
import { createLogger } from '../src/core/logger.js'
import { searchIndexFor } from '../src/search/index.js'
import { createApp } from '../src/web/app.js'
import { startServer } from '../src/web/server.js'
import { createTestDatabase } from '../test/support/database.js'

/**
 * Realistic queries: Kazakh and Russian word forms that do not occur literally, abbreviations,
 * multi-word queries and a typo.
 */
export const SEARCH_QUERIES = [
  'өтініштерді',
  'жүйелерінің',
  'тіркеуге',
  'заявлений',
  'информационных систем',
  'ЭҮП',
  'ПЭП',
  'ЖАО',
  'Е-собес',
  'өтініштерді қабылдау және тіркеу',
  'мемлекеттік қызметтерді көрсету',
  'оказание государственных услуг',
  'электронных документов',
  'автоматтандыпу',
]

const SEARCH_LIMIT = 10
export const CONNECTIONS = 32
const WARMUP_REQUESTS = 300
const STATIC_PATH = '/bench/static'

export interface LoadResult {
  /** Mean of autocannon's per-second request counts. */
  rps: number
  p50: number
  p95: number
  p99: number
  requests: number
  /** Non-2xx responses plus connection errors and timeouts. */
  errors: number
  /** Mean bytes per response on the wire, headers included. */
  bytesPerResponse: number
}

export interface HttpBenchResult {
  /** Documents in the search index (rows, systems, glossary entries, indicators). */
  documents: number
  /** The first search: builds the catalogue snapshot and the search index. */
  firstSearchMs: number
  /** Mean size of a search response body, which the static route copies. */
  bodyBytes: number
  warmupErrors: number
  /** Searches answered from the index's response cache (the default: people repeat searches). */
  search: LoadResult
  /** The same searches with the response cache off: every request runs the engine. */
  searchUncached: LoadResult
  static: LoadResult
}

/** The load generator: a CommonJS script for a worker thread, so no TypeScript loader is needed. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const autocannon = require(workerData.autocannon)
const latencies = []
let bytes = 0
const instance = autocannon(workerData.options, (error, result) => {
  if (error) throw error
  // Off the main thread autocannon hands back its raw result (histograms encoded, for its own
  // manager to merge): requests per second is completed requests over one-second samples.
  parentPort.postMessage({
    rps: result.totalCompletedRequests / result.samples,
    requests: result.totalCompletedRequests,
    errors: result.errors + result.timeouts + result.non2xx,
    latencies: Float64Array.from(latencies),
    bytes,
  })
})
instance.on('response', (client, statusCode, resBytes, responseTime) => {
  latencies.push(responseTime)
  bytes += resBytes
})
`

interface WorkerReport {
  rps: number
  requests: number
  errors: number
  latencies: Float64Array
  bytes: number
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

async function load(options: autocannon.Options): Promise<LoadResult> {
  const report = await new Promise<WorkerReport>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { autocannon: createRequire(import.meta.url).resolve('autocannon'), options },
    })
    worker.once('message', (message: WorkerReport) => resolve(message))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon worker exited with code ${code}`))
    })
  })
  const sorted = report.latencies.sort()
  return {
    rps: report.rps,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    requests: report.requests,
    errors: report.errors,
    bytesPerResponse: sorted.length ? report.bytes / sorted.length : 0,
  }
}

function searchPath(query: string): string {
  return `/api/search?q=${encodeURIComponent(query)}&limit=${SEARCH_LIMIT}`
}

/** A JSON document of exactly `bytes` bytes (UTF-8), shaped like an empty search response. */
function jsonOfSize(bytes: number): string {
  const shell = { query: 'static', total: 0, partial: false, results: [], pad: '' }
  const overhead = Buffer.byteLength(JSON.stringify(shell))
  return JSON.stringify({ ...shell, pad: 'x'.repeat(Math.max(0, bytes - overhead)) })
}

/** Runs the whole HTTP benchmark; `seconds` is the length of each of the two load runs. */
export async function benchHttp(seconds: number): Promise<HttpBenchResult> {
  const { handle, database } = await createTestDatabase('sqlite')
  const logger = createLogger('silent')
  try {
    await importBundledActs(handle.db)
    const catalog = new CatalogCache(handle.db)
    const app = createApp({ database: handle, logger, catalog })
    // The baseline route must exist before the first request (Hono builds its router then); its
    // body is filled in once the size of the search responses is known.
    let staticBody = ''
    app.get(STATIC_PATH, (c) => c.body(staticBody, 200, { 'content-type': 'application/json' }))
    const server = await startServer(app, { port: 0, host: '127.0.0.1', logger })
    // A second server on the same catalogue, with the search response cache off.
    const uncachedServer = await startServer(
      createApp({ database: handle, logger, catalog, searchCache: false }),
      { port: 0, host: '127.0.0.1', logger },
    )
    try {
      const paths = SEARCH_QUERIES.map(searchPath)
      let warmupErrors = 0
      const sizes = new Map<string, number>()
      const get = async (path: string) => {
        const response = await fetch(server.url + path)
        const body = new Uint8Array(await response.arrayBuffer())
        if (!response.ok) {
          warmupErrors++
          return
        }
        sizes.set(path, body.byteLength)
      }

      const firstStarted = performance.now()
      await get(paths[0]!)
      const firstSearchMs = performance.now() - firstStarted
      // Warm-up: a few hundred requests, eight at a time.
      let next = 0
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < WARMUP_REQUESTS) await get(paths[next++ % paths.length]!)
        }),
      )
      // The snapshot the server searched (unchanged since: nothing writes), and its index.
      const documents = searchIndexFor(await catalog.get()).documents

      const bodyBytes = Math.round(
        [...sizes.values()].reduce((n, s) => n + s, 0) / Math.max(1, sizes.size),
      )
      staticBody = jsonOfSize(bodyBytes)

      const base = { url: server.url, connections: CONNECTIONS, duration: seconds }
      const search = await load({
        ...base,
        requests: paths.map((path) => ({ method: 'GET', path })),
      })
      const searchUncached = await load({
        ...base,
        url: uncachedServer.url,
        requests: paths.map((path) => ({ method: 'GET', path })),
      })
      const baseline = await load({ ...base, requests: [{ method: 'GET', path: STATIC_PATH }] })
      return {
        documents,
        firstSearchMs,
        bodyBytes,
        warmupErrors,
        search,
        searchUncached,
        static: baseline,
      }
    } finally {
      await server.close()
      await uncachedServer.close()
    }
  } finally {
    await handle.close()
    await database.drop()
  }
}
