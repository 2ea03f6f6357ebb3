/**
 * Crash tests: real `serve` processes killed with SIGKILL mid-work, then restarted on the same
 * database and DATA_DIR. (1) Killed during the first start's import of the bundled acts: the
 * restart finishes the import (not blocked by the dead process's lease for long) and the acts and
 * catalogue tables equal a clean import's. (2) Killed while ~30 concurrent portal uploads and
 * e-service applications are in flight: every request answered 2xx is there with its file bytes,
 * no application lacks its attachment or events, `files check` finds nothing missing and
 * `files sweep` removes the orphans of unanswered requests. On SQLite also PRAGMA integrity_check.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/auth/index.js'
import { importBundledActs } from '../src/catalog/index.js'
import { type Backend, type DatabaseHandle, openDatabase } from '../src/db/index.js'
import { LocalFileStore, sha256Hex } from '../src/files/index.js'
import { createObject } from '../src/portal/index.js'
import { FIXTURE_CASES } from '../src/services/index.js'
import { cliEnv, REPO_ROOT, runCli } from './support/cli.js'
import {
  BACKENDS,
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from './support/database.js'
import { applicant, bindProvider, staff, TINY_PDF } from './support/services.js'
import { dump } from './support/tables.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'correct horse battery staple'
const FIXTURES = join(import.meta.dirname, 'fixtures/files')
const PDFA = new Uint8Array(readFileSync(join(FIXTURES, 'valid-pdfa1b.pdf')))
/** Portal uploads and e-service applications fired at once (each). */
const UPLOADS = 15
const APPLICATIONS = 15

interface Instance {
  child: ChildProcess
  log: () => string
  /** Resolves with the URL once the server listens; rejects if it exits first. */
  listening: Promise<string>
}

function spawnServe(env: Record<string, string>): Instance {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 120_000)
    const check = () => {
      const url = /e-akimat listening on (http:\/\/[^"\s]+)/.exec(out)?.[1]
      if (url) {
        clearTimeout(timer)
        child.stdout?.off('data', check)
        resolve(url)
      }
    }
    child.stdout?.on('data', check)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`serve exited ${code ?? signal}:\n${out}`))
    })
  })
  listening.catch(() => {})
  return { child, log: () => out, listening }
}

async function kill(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return
  const closed = once(instance.child, 'close')
  instance.child.kill('SIGKILL')
  await closed
}

async function stop(instance: Instance | undefined): Promise<number | null> {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) {
    return instance?.child.exitCode ?? null
  }
  // Its signal handlers are set once the scheduler has started, just after it listens.
  const end = Date.now() + 10_000
  while (!instance.log().includes('scheduler started') && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50))
  }
  const closed = once(instance.child, 'close')
  instance.child.kill('SIGTERM')
  const [code] = await closed
  return code as number | null
}

async function integrity(handle: DatabaseHandle): Promise<string> {
  if (handle.backend !== 'sqlite') return 'ok'
  const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db)
  return rows.rows.map((r) => r.integrity_check).join('\n')
}

/** The acts and catalogue tables, without generated ids (and references to them) and import times, rows sorted. */
async function catalogueContent(handle: DatabaseHandle) {
  const all = await dump(handle)
  const out: Record<string, { count: number; rows: string[] }> = {}
  for (const [table, rows] of Object.entries(all)) {
    if (!/^(acts|catalog)_/.test(table)) continue
    const stripped = rows.map((row) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row as Record<string, unknown>).filter(
            ([column, value]) =>
              // Generated ids, and references to them: PostgreSQL does not reuse the ids a
              // rolled-back import drew, so they differ from a clean import's.
              !((column === 'id' || /_id$/.test(column)) && typeof value === 'number') &&
              !/_at$/.test(column),
          ),
        ),
      ),
    )
    out[table] = { count: rows.length, rows: stripped.sort() }
  }
  return out
}

/** A PDF unique to `tag`: a comment line after the end, which readers ignore. */
function tagged(bytes: Uint8Array, tag: string): Uint8Array<ArrayBuffer> {
  const tail = new TextEncoder().encode(`%crash-${tag}\n`)
  const out = new Uint8Array(bytes.length + tail.length)
  out.set(bytes)
  out.set(tail, bytes.length)
  return out
}

describe.each(BACKENDS)('crash tests [%s]', (backend: Backend) => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('finishes the acts import after a SIGKILL during the first start', async () => {
    // The clean import, for comparison.
    const clean = await createTestDatabase(backend)
    cleanups.push(async () => {
      await clean.handle.close()
      await clean.database.drop()
    })
    await importBundledActs(clean.handle.db)
    const expected = await catalogueContent(clean.handle)
    expect(Object.keys(expected).length).toBeGreaterThan(3)
    expect(expected.acts_act?.count).toBeGreaterThan(0)

    for (const delayMs of [300, 1_500]) {
      const database = await createEmptyTestDatabase(backend)
      const dataDir = mkdtempSync(join(tmpdir(), 'e-akimat-crash-acts-'))
      cleanups.push(async () => {
        await database.drop()
        rmSync(dataDir, { recursive: true, force: true })
      })
      const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' }
      const first = spawnServe(env)
      cleanups.push(() => kill(first))
      // Wait for the migrations to begin, then let it run `delayMs` more and kill it.
      const start = Date.now()
      while (!first.log().includes('migration applied') && Date.now() - start < 30_000) {
        await new Promise((r) => setTimeout(r, 20))
      }
      await new Promise((r) => setTimeout(r, delayMs))
      const wasListening = first.log().includes('listening on')
      await kill(first)
      const killedLog = first.log()

      const restartedAt = Date.now()
      const second = spawnServe(env)
      cleanups.push(() => kill(second))
      await second.listening
      const restartMs = Date.now() - restartedAt
      console.info(
        `[${backend}] killed ${delayMs} ms after the first migration (${
          wasListening ? 'after' : 'before'
        } listening; ${(killedLog.match(/migration applied/g) ?? []).length} migrations logged); restart listened after ${restartMs} ms`,
      )
      // A lease left by the killed process lapses in 30 s (serve.ts START_LEASE_MS).
      expect(restartMs).toBeLessThan(60_000)
      expect(await stop(second)).toBe(0)

      const handle = await openDatabase(database.config)
      try {
        expect(await integrity(handle)).toBe('ok')
        const actual = await catalogueContent(handle)
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
        for (const table of Object.keys(expected)) {
          expect(actual[table]?.count, table).toBe(expected[table]?.count)
          expect(actual[table]?.rows, table).toEqual(expected[table]?.rows)
        }
      } finally {
        await handle.close()
      }
    }
  }, 240_000)

  describe('uploads and applications', () => {
    let database: TestDatabase
    let dataDir: string
    let env: Record<string, string>
    let server: Instance | undefined
    let editor: Actor
    let providerId = 0
    const objectIds: number[] = []

    beforeAll(async () => {
      database = await createEmptyTestDatabase(backend)
      dataDir = mkdtempSync(join(tmpdir(), 'e-akimat-crash-'))
      env = { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' }
      server = spawnServe(env)
      await server.listening
      const handle = await openDatabase(database.config)
      try {
        const db = handle.db
        const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
        editor = await staff(db, { kind: 'local-executive-body', roles: ['editor'] })
        const operator = await staff(db, { roles: ['operator'] })
        providerId = operator.organisation.id
        await bindProvider(db, admin, providerId, { feeKzt: 1_000, termWorkingDays: 5 })
        await applicant(db, FIXTURE_CASES.individual)
        for (let i = 0; i < UPLOADS; i++) {
          objectIds.push(
            await createObject(db, editor, {
              kind: 'information-system',
              nameKk: `Жүйе ${i}`,
              nameRu: `Система ${i}`,
              purpose: 'Тест',
              stage: 'creation',
              stageSince: '2026-01-15',
            }),
          )
        }
      } finally {
        await handle.close()
      }
    }, 180_000)

    afterAll(async () => {
      await kill(server)
      await database?.drop()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    })

    it('keeps every answered upload and application after a SIGKILL mid-flight', async () => {
      const base = await (server as Instance).listening
      // The editor's forms, one object each (each upload makes its object's next revision).
      const owner = new WebSession(() => base)
      expect((await owner.signIn(editor.email, PASSWORD)).status).toBe(303)
      const forms: {
        objectId: number
        csrf: string
        revision: string
        bytes: Uint8Array<ArrayBuffer>
      }[] = []
      for (const [i, objectId] of objectIds.entries()) {
        const page = await (await owner.get(`/portal/objects/${objectId}`)).text()
        forms.push({
          objectId,
          csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '',
          revision: /name="revision" value="(\d+)"/.exec(page)?.[1] ?? '',
          bytes: tagged(PDFA, `upload-${i}`),
        })
      }
      // The applicant's session for the JSON API.
      let cookie = ''
      const signIn = await fetch(`${base}/api/citizen/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ iin: FIXTURE_CASES.individual, password: PASSWORD }),
      })
      expect(signIn.status).toBe(200)
      for (const line of signIn.headers.getSetCookie()) cookie = line.split(';')[0] ?? cookie
      const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken
      const attachments = Array.from({ length: APPLICATIONS }, (_, i) =>
        tagged(TINY_PDF, `application-${i}`),
      )

      // Fire them all, interleaved; kill the server once a few have been answered.
      type Outcome =
        | { kind: 'upload'; i: number; status: number }
        | { kind: 'application'; i: number; status: number; number?: string }
        | { kind: 'upload' | 'application'; i: number; error: string }
      // Kill once at least two of each kind (or any eight) have been answered.
      const answered = { upload: 0, application: 0 }
      let killed: Promise<void> | undefined
      const answer = (kind: keyof typeof answered) => {
        answered[kind]++
        const enough =
          (answered.upload >= 2 && answered.application >= 2) ||
          answered.upload + answered.application >= 8
        if (enough && !killed) killed = kill(server)
      }
      const upload = async (i: number): Promise<Outcome> => {
        const f = forms[i] as (typeof forms)[number]
        const data = new FormData()
        data.set('_csrf', f.csrf)
        data.set('revision', f.revision)
        data.set('item', '11')
        data.set('file', new File([f.bytes], 'ТТ.pdf', { type: 'application/pdf' }))
        try {
          const res = await owner.post(`/portal/objects/${f.objectId}/documents`, data)
          answer('upload')
          return { kind: 'upload', i, status: res.status }
        } catch (error) {
          return { kind: 'upload', i, error: String(error) }
        }
      }
      const apply = async (i: number): Promise<Outcome> => {
        try {
          const res = await fetch(`${base}/api/applications`, {
            method: 'POST',
            headers: {
              cookie,
              'accept-language': 'en',
              'content-type': 'application/json',
              'x-csrf-token': csrf,
            },
            body: JSON.stringify({
              service: 'apostille',
              providerOrganisationId: providerId,
              language: 'ru',
              form: {
                documentKind: 'archival-certificate',
                destinationCountry: 'Германия',
                issuingArchive: 'Национальный архив',
                documentNumber: `17-04/${i}`,
                documentDate: '2024-05-17',
              },
              attachments: [
                {
                  slot: 'archivalDocument',
                  name: 'справка.pdf',
                  contentBase64: Buffer.from(attachments[i] as Uint8Array).toString('base64'),
                },
              ],
            }),
          })
          const body = (await res.json()) as { number?: string }
          answer('application')
          return { kind: 'application', i, status: res.status, number: body.number }
        } catch (error) {
          return { kind: 'application', i, error: String(error) }
        }
      }
      const requests: Promise<Outcome>[] = []
      for (let i = 0; i < Math.max(UPLOADS, APPLICATIONS); i++) {
        if (i < UPLOADS) requests.push(upload(i))
        if (i < APPLICATIONS) requests.push(apply(i))
      }
      const outcomes = await Promise.all(requests)
      await killed
      expect(killed, 'the server was killed mid-flight').toBeDefined()
      const ok = outcomes.filter(
        (o) => 'status' in o && o.status >= 200 && o.status < 400,
      ) as Exclude<Outcome, { error: string }>[]
      const failed = outcomes.filter((o) => 'status' in o && o.status >= 400)
      const cut = outcomes.filter((o) => 'error' in o)
      console.info(
        `[${backend}] ${outcomes.length} requests: ${ok.length} answered 2xx/3xx, ${failed.length} 4xx/5xx, ${cut.length} cut off by the kill`,
      )
      expect(failed, JSON.stringify(failed)).toEqual([])
      expect(ok.length).toBeGreaterThanOrEqual(4)
      expect(cut.length, 'some requests were still in flight').toBeGreaterThan(0)
      const okUploads = ok.filter((o) => o.kind === 'upload')
      const okApplications = ok.filter((o) => o.kind === 'application') as {
        i: number
        status: number
        number?: string
      }[]
      for (const o of okUploads) expect(o.status).toBe(303)
      for (const o of okApplications) {
        expect(o.status).toBe(201)
        expect(o.number).toMatch(/^[A-Z]+-\d{4}-\d{6}$/)
      }

      // Restart on the same database and DATA_DIR.
      const restartedAt = Date.now()
      server = spawnServe(env)
      const base2 = await server.listening
      console.info(`[${backend}] restart listened after ${Date.now() - restartedAt} ms`)

      const store = new LocalFileStore(dataDir)
      const handle = await openDatabase(database.config)
      try {
        const db = handle.db
        expect(await integrity(handle)).toBe('ok')

        // Every answered upload: its document row and its bytes, also served over HTTP.
        const documents = await db
          .selectFrom('portal_document')
          .select(['id', 'object_id', 'sha256', 'size'])
          .execute()
        const again = new WebSession(() => base2)
        again.cookies = new Map(owner.cookies)
        for (const o of okUploads) {
          const f = forms[o.i] as (typeof forms)[number]
          const row = documents.find((d) => d.object_id === f.objectId)
          expect(row, `upload ${o.i}`).toBeDefined()
          expect(row?.sha256).toBe(sha256Hex(f.bytes))
          expect(await store.get(row?.sha256 ?? '')).toEqual(f.bytes)
          const res = await again.get(`/portal/objects/${f.objectId}/documents/${row?.id}`)
          expect(res.status).toBe(200)
          expect(new Uint8Array(await res.arrayBuffer())).toEqual(f.bytes)
        }
        // Every document row (answered or not) has its file.
        for (const d of documents) expect(await store.has(d.sha256), `document ${d.id}`).toBe(true)

        // Every answered application: its number, attachment (with bytes) and events.
        const applications = await db
          .selectFrom('services_application')
          .select(['id', 'number', 'status'])
          .execute()
        const attachmentRows = await db
          .selectFrom('services_attachment')
          .select(['application_id', 'sha256', 'size'])
          .execute()
        const events = await db.selectFrom('services_event').select(['application_id']).execute()
        for (const o of okApplications) {
          const row = applications.find((a) => a.number === o.number)
          expect(row, `application ${o.number}`).toBeDefined()
          const own = attachmentRows.filter((a) => a.application_id === row?.id)
          expect(own.map((a) => a.sha256)).toContain(sha256Hex(attachments[o.i] as Uint8Array))
        }
        // No application, answered or not, without its attachment and events; all files there.
        expect(new Set(applications.map((a) => a.number)).size).toBe(applications.length)
        for (const a of applications) {
          expect(
            attachmentRows.filter((r) => r.application_id === a.id).length,
            a.number,
          ).toBeGreaterThan(0)
          expect(events.filter((e) => e.application_id === a.id).length, a.number).toBeGreaterThan(
            0,
          )
        }
        for (const r of attachmentRows) {
          expect(await store.has(r.sha256), `attachment of ${r.application_id}`).toBe(true)
        }
        console.info(
          `[${backend}] after restart: ${documents.length} documents (${okUploads.length} answered), ${applications.length} applications (${okApplications.length} answered)`,
        )

        // The file store: nothing missing; orphans of unanswered requests swept away.
        const check = async () => {
          const result = await runCli(['files', 'check', '--format', 'json'], env)
          return JSON.parse(result.stdout) as {
            stored: number
            referenced: number
            missing: number
            orphaned: number
          }
        }
        const before = await check()
        expect(before.missing).toBe(0)
        const sweep = await runCli(['files', 'sweep', '--older-than-minutes', '0'], env)
        expect(sweep.code, sweep.stderr).toBe(0)
        const after = await check()
        console.info(
          `[${backend}] files check before sweep ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
        )
        expect(after.missing).toBe(0)
        expect(after.orphaned).toBe(0)
        expect(after.referenced).toBe(before.referenced)
        for (const o of okUploads) {
          expect(await store.has(sha256Hex((forms[o.i] as (typeof forms)[number]).bytes))).toBe(
            true,
          )
        }
        for (const o of okApplications) {
          expect(await store.has(sha256Hex(attachments[o.i] as Uint8Array))).toBe(true)
        }
      } finally {
        await handle.close()
      }
      expect(await stop(server)).toBe(0)
    }, 180_000)
  })
})
