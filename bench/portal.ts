/**
 * The portal at the scale of a country: N informatization objects (BENCH_PORTAL_OBJECTS, default
 * 2,000) in 40 organisations, most of them accepted, then the registry list as each kind of user
 * sees it, one object as its page reads it, and the document checks — on SQLite and on
 * PostgreSQL, medians of BENCH_RUNS runs. Part of `npm run bench`; alone: `npx tsx bench/portal.ts`.
 *
 * Objects are created through the portal module (each with its first revision); their review
 * states are then set directly in the tables, since only the read side is measured here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { type Actor, actorFor, createOrganisation, createUser } from '../src/auth/index.js'
import type { Backend } from '../src/db/index.js'
import { inspectDocx, inspectPdf } from '../src/files/index.js'
import { createObject, getObject, listObjects } from '../src/portal/index.js'
import { createTestDatabase } from '../test/support/database.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const OBJECTS = Number(process.env.BENCH_PORTAL_OBJECTS ?? 2000)
const ORGANISATIONS = 40
/** The registry list, as any user sees it, should come back within this (median, ms). */
export const LIST_TARGET_MS = 250

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run() // warm-up
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
    const si = await createOrganisation(db, {
      kind: 'service-integrator',
      nameKk: 'Сервистік интегратор',
      nameRu: 'Сервисный интегратор',
    })
    const { userId: reviewerId } = await createUser(db, {
      email: 'reviewer@bench.kz',
      name: 'Reviewer',
      organisationId: si.id,
      roles: ['reviewer'],
    })
    const reviewer = (await actorFor(db, reviewerId)) as Actor
    const editors: Actor[] = []
    for (let i = 0; i < ORGANISATIONS; i++) {
      const org = await createOrganisation(db, {
        kind: 'local-executive-body',
        level: 'district',
        nameKk: `Әкімдік ${i}`,
        nameRu: `Акимат ${i}`,
      })
      const { userId } = await createUser(db, {
        email: `editor${i}@bench.kz`,
        name: `Editor ${i}`,
        organisationId: org.id,
        roles: ['editor'],
      })
      editors.push((await actorFor(db, userId)) as Actor)
    }
    const seedStarted = performance.now()
    for (let n = 0; n < OBJECTS; n++) {
      await createObject(db, editors[n % ORGANISATIONS] as Actor, {
        kind: 'information-system',
        nameKk: `Ақпараттық жүйе ${n}`,
        nameRu: `Информационная система ${n}`,
        purpose: 'Өтініштерді тіркеу және қарау',
        stage: 'industrial-operation',
        stageSince: '2025-01-15',
      })
    }
    const perObject = (performance.now() - seedStarted) / OBJECTS
    // 3 of 4 accepted, 1 of 8 submitted, the rest drafts.
    await sql`update portal_object set review_state = 'accepted', submitted_revision = revision,
      accepted_revision = revision, code = 'KZ-IS-2026-' || lpad(cast(id as text), 5, '0') || '-0'
      where id % 4 <> 0`
      .execute(db)
      .catch(async () => {
        // SQLite has no lpad.
        await sql`update portal_object set review_state = 'accepted', submitted_revision = revision,
          accepted_revision = revision, code = 'KZ-IS-2026-' || substr('00000' || id, -5) || '-0'
          where id % 4 <> 0`.execute(db)
      })
    await sql`update portal_object set review_state = 'submitted', submitted_revision = revision,
      review_due_on = '2026-12-01' where id % 8 = 0`.execute(db)
    const owner = editors[0] as Actor
    const registry = editors[1] as Actor
    const some = Math.max(4, Math.floor(OBJECTS / 2) * 4 + 1)
    const result = {
      perObject,
      owner: await timed(() => listObjects(db, owner)),
      registry: await timed(() => listObjects(db, registry)),
      reviewer: await timed(() => listObjects(db, reviewer)),
      filtered: await timed(() =>
        listObjects(db, registry, { q: 'жүйе 19', stage: 'industrial-operation' }),
      ),
      object: await timed(() => getObject(db, registry, some > OBJECTS ? 5 : some)),
      listed: (await listObjects(db, registry)).length,
    }
    return result
  } finally {
    await handle.close()
    await database.drop()
  }
}

export async function benchPortal(): Promise<boolean> {
  const fixtures = join(import.meta.dirname, '../test/fixtures/files')
  const pdf = new Uint8Array(readFileSync(join(fixtures, 'valid-pdfa1b.pdf')))
  const docx = new Uint8Array(readFileSync(join(fixtures, 'valid.docx')))
  const pdfMs = await timed(() => inspectPdf(pdf))
  const docxMs = await timed(() => inspectDocx(docx))
  console.log(
    `\nportal: ${OBJECTS} objects in ${ORGANISATIONS} organisations, median of ${RUNS} runs`,
  )
  console.log(
    `PDF/A-1 preflight (22 KB fixture): ${pdfMs.toFixed(1)} ms; DOCX text (5 KB): ${docxMs.toFixed(1)} ms`,
  )
  let met = true
  for (const backend of ['sqlite', 'postgres'] as const) {
    const r = await benchBackend(backend)
    const worst = Math.max(r.owner, r.registry, r.reviewer)
    met &&= worst < LIST_TARGET_MS
    console.log(
      `${backend.padEnd(8)} create ${r.perObject.toFixed(1)} ms/object; registry list (${r.listed} rows): ` +
        `owner ${r.owner.toFixed(0)} ms, other organisation ${r.registry.toFixed(0)} ms, reviewer ${r.reviewer.toFixed(0)} ms ` +
        `(target < ${LIST_TARGET_MS} ms: ${worst < LIST_TARGET_MS ? 'met' : 'NOT met'}); filtered ${r.filtered.toFixed(0)} ms; one object ${r.object.toFixed(1)} ms`,
    )
  }
  return met
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchPortal()
}
