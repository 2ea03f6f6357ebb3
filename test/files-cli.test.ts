/**
 * `files check` and `files sweep` through the real command line, on both backends: portal
 * documents uploaded through the domain functions are referenced; a deleted blob is reported
 * missing (exit 1); an unreferenced blob and a leftover temporary file are orphans that the sweep
 * keeps within the grace period and removes with grace 0. Also: SQLite's synchronous setting.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../src/db/index.js'
import { LocalFileStore } from '../src/files/index.js'
import { createObject, getObject, uploadDocument } from '../src/portal/index.js'
import { runCli } from './support/cli.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'
import { staff } from './support/services.js'

const FIXTURES = join(import.meta.dirname, 'fixtures/files')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

describe.each(BACKENDS)('files check and files sweep [%s]', (backend) => {
  let handle: DatabaseHandle
  let database: TestDatabase
  let dir: string
  let store: LocalFileStore
  let env: Record<string, string>
  const documents: string[] = []

  beforeAll(async () => {
    ;({ handle, database } = await createTestDatabase(backend))
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-files-'))
    store = new LocalFileStore(join(dir, 'data'))
    const db = handle.db
    const editor = await staff(db, { kind: 'local-executive-body', roles: ['editor'] })
    const id = await createObject(db, editor, {
      kind: 'information-system',
      nameKk: 'Файл жүйесі',
      nameRu: 'Система файлов',
      purpose: 'Тест',
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    let rev = (await getObject(db, editor, id)).currentRevision
    for (const [fileName, bytes] of [
      ['ТТ.pdf', fixture('valid-pdfa1b.pdf')],
      ['ТТ.docx', fixture('valid.docx')],
    ] as const) {
      const uploaded = await uploadDocument(db, store, editor, id, rev, {
        item: 11,
        fileName,
        bytes,
      })
      rev = uploaded.revision
    }
    const rows = await db.selectFrom('portal_document').select('sha256').execute()
    documents.push(...rows.map((row) => row.sha256))
    env = { DATABASE_URL: database.url, DATA_DIR: store.dataDir }
  }, 120_000)

  afterAll(async () => {
    await handle?.close()
    await database?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const check = async () => {
    const result = await runCli(['files', 'check', '--format', 'json'], env)
    return { code: result.code, report: JSON.parse(result.stdout), stderr: result.stderr }
  }

  it('reports a clean store, then orphans, temporary files and missing files', async () => {
    expect(documents).toHaveLength(2)
    const clean = await check()
    expect(clean.stderr).not.toMatch(/Error/)
    expect(clean.code).toBe(0)
    expect(clean.report).toMatchObject({ stored: 2, referenced: 2, missing: 0, orphaned: 0 })

    // An upload whose transaction never committed: a blob nobody refers to, and a torn temp file.
    const orphan = await store.put(new TextEncoder().encode('%PDF-1.4 never committed'))
    const temporary = join(dirname(store.pathOf(orphan.sha256)), `.${orphan.sha256}.1.ab.tmp`)
    writeFileSync(temporary, 'half')
    const dirty = await check()
    expect(dirty.code).toBe(0)
    expect(dirty.report).toMatchObject({ stored: 3, missing: 0, orphaned: 1, temporary: 1 })
    expect(dirty.report.firstOrphaned).toEqual([orphan.sha256])

    // Within the grace period (default one hour) nothing is removed.
    const young = await runCli(['files', 'sweep', '--format', 'json'], env)
    expect(young.code).toBe(0)
    expect(JSON.parse(young.stdout)).toMatchObject({ orphaned: 0, temporary: 0, kept: 2 })
    // A dry run with grace 0 names them and removes nothing.
    const dry = await runCli(
      ['files', 'sweep', '--older-than-minutes', '0', '--dry-run', '--format', 'json'],
      env,
    )
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, orphaned: 1, temporary: 1 })
    expect(await store.has(orphan.sha256)).toBe(true)
    // Two hours old: the default sweep removes both, never a referenced blob.
    const old = new Date(Date.now() - 2 * 3_600_000)
    utimesSync(store.pathOf(orphan.sha256), old, old)
    utimesSync(temporary, old, old)
    const swept = await runCli(['files', 'sweep', '--format', 'json'], env)
    expect(swept.code).toBe(0)
    expect(JSON.parse(swept.stdout)).toMatchObject({ orphaned: 1, temporary: 1, kept: 0 })
    expect(await store.has(orphan.sha256)).toBe(false)
    for (const hash of documents) expect(await store.has(hash)).toBe(true)
    expect((await check()).report).toMatchObject({ stored: 2, orphaned: 0, temporary: 0 })

    // A referenced file lost: exit 1 and its hash named.
    rmSync(store.pathOf(documents[0]!))
    const missing = await check()
    expect(missing.code).toBe(1)
    expect(missing.report).toMatchObject({ stored: 1, referenced: 2, missing: 1 })
    expect(missing.report.firstMissing).toEqual([documents[0]])
    const table = await runCli(['files', 'check'], env)
    expect(table.code).toBe(1)
    expect(table.stdout).toContain(`missing  ${documents[0]}`)
  }, 60_000)
})

describe('SQLite synchronous setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'e-akimat-sync-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const synchronous = async (handle: DatabaseHandle) =>
    Object.values((await sql.raw('pragma synchronous').execute(handle.db)).rows[0] as object)[0]

  it('is FULL (2) by default and NORMAL (1) with SQLITE_SYNCHRONOUS=normal', async () => {
    const file = join(dir, 'x.db')
    const full = await openDatabase({ kind: 'sqlite', file })
    expect(await synchronous(full)).toBe(2)
    await full.close()
    const normal = await openDatabase({ kind: 'sqlite', file }, { sqliteSynchronous: 'normal' })
    expect(await synchronous(normal)).toBe(1)
    await normal.close()
  })
})
