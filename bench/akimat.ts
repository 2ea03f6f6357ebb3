/**
 * Akimat architectures at their real size: the region example (757 functions of order 158's
 * section 1) on SQLite and PostgreSQL — reading the architecture with its judgement, the gap
 * report, the indicator dashboard (four periods, each computed from the architecture as it was
 * then), and a batch of 757 decisions in one transaction; then the same reads again after 20
 * more batches of every function (about 16,000 versions), since decisions are never overwritten.
 * Medians of BENCH_RUNS runs. Part of `npm run bench`; alone: `npx tsx bench/akimat.ts`.
 */
import {
  akimatArchitecture,
  type DecisionInput,
  EXAMPLE_AKIMATS,
  gapReport,
  indicatorDashboard,
  recordDecisions,
  seedExampleAkimat,
} from '../src/akimat/index.js'
import { importBundledActs, loadCatalogSnapshot } from '../src/catalog/index.js'
import type { Backend } from '../src/db/index.js'
import { createTestDatabase } from '../test/support/database.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const BATCHES = 20

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  return median(times)
}

async function benchBackend(backend: Backend) {
  const { handle, database } = await createTestDatabase(backend)
  const db = handle.db
  try {
    await importBundledActs(db)
    const snapshot = await loadCatalogSnapshot(db)
    const region = await seedExampleAkimat(db, snapshot, EXAMPLE_AKIMATS[0]!)
    const { actor, organisationId } = region
    const read = () => akimatArchitecture(db, actor, snapshot, organisationId)
    const reads = async () => ({
      architecture: await timed(read),
      gaps: await timed(async () => gapReport(await read())),
      dashboard: await timed(() => indicatorDashboard(db, actor, snapshot, organisationId, '2026')),
    })
    const before = await reads()
    const functions = (await read()).functions
    let round = 0
    const batch = () => {
      round += 1
      return functions.map(
        (f): DecisionInput => ({
          key: f.key,
          performed: true,
          level: 0,
          note: `round ${round}`,
        }),
      )
    }
    const batchMs = await timed(() =>
      recordDecisions(db, actor, snapshot, organisationId, batch(), 'api'),
    )
    for (let i = 0; i < BATCHES; i++) {
      await recordDecisions(db, actor, snapshot, organisationId, batch(), 'api')
    }
    const after = await reads()
    return { functions: functions.length, before, after, batchMs, versions: round + 1 }
  } finally {
    await handle.close()
    await database.drop()
  }
}

export async function benchAkimat(): Promise<void> {
  console.log(
    `\nakimat architectures: region example (order 158, section 1), median of ${RUNS} runs`,
  )
  for (const backend of ['sqlite', 'postgres'] as const) {
    const r = await benchBackend(backend)
    const f = (n: number) => `${n.toFixed(1)} ms`
    console.log(
      `${backend.padEnd(8)} ${r.functions} functions: architecture ${f(r.before.architecture)}, ` +
        `gap report ${f(r.before.gaps)}, indicator dashboard (4 periods) ${f(r.before.dashboard)} ` +
        `(${(r.before.dashboard / r.before.architecture).toFixed(1)}× the architecture); ` +
        `batch of ${r.functions} decisions ${f(r.batchMs)}`,
    )
    console.log(
      `${''.padEnd(8)} with ${r.versions} versions of every function: architecture ${f(r.after.architecture)} ` +
        `(${(r.after.architecture / r.before.architecture).toFixed(2)}× before), dashboard ${f(r.after.dashboard)} ` +
        `(${(r.after.dashboard / r.before.dashboard).toFixed(2)}× before)`,
    )
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAkimat()
}
