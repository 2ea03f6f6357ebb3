/**
 * `npm run bench`: how long importing every bundled act takes on SQLite and on PostgreSQL, and
 * how fast the parser reads (MB/s). Ratios are measured in one run, on this machine, so they can
 * be compared; absolute times vary with the machine's load.
 */
import { readFileSync } from 'node:fs'
import { bundledActs, parseAct } from '../src/acts/index.js'
import { importBundledActs } from '../src/catalog/index.js'
import { createTestDatabase } from '../test/support/database.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

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
