/**
 * `db backup FILE` and `db restore FILE` through the real command line, on both backends: a
 * database with the bundled acts, the example akimats and uploaded files is backed up, changed
 * (rows added and deleted, a file deleted), restored, and every table and every file is compared
 * with the state at backup time. A damaged archive, another backend's archive and a database that
 * holds data (without --force) are refused and change nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_AKIMATS, seedExampleAkimat } from '../src/akimat/index.js'
import { importBundledActs, loadCatalogSnapshot } from '../src/catalog/index.js'
import { type DatabaseHandle, openDatabase } from '../src/db/index.js'
import { LocalFileStore } from '../src/files/index.js'
import { setSetting } from '../src/system/index.js'
import { runCli } from './support/cli.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'
import { dump } from './support/tables.js'

describe.each(BACKENDS)('db backup and db restore [%s]', (backend) => {
  let handle: DatabaseHandle
  let database: TestDatabase
  let dir: string
  let dataDir: string
  let store: LocalFileStore
  let env: Record<string, string>
  const files: { sha256: string; bytes: Uint8Array }[] = []

  beforeAll(async () => {
    ;({ handle, database } = await createTestDatabase(backend))
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-backup-'))
    dataDir = join(dir, 'data')
    store = new LocalFileStore(dataDir)
    await importBundledActs(handle.db)
    const snapshot = await loadCatalogSnapshot(handle.db)
    await seedExampleAkimat(handle.db, snapshot, EXAMPLE_AKIMATS[2]!)
    await setSetting(handle.db, 'backup.test', { text: 'Қазақ «тексті»' }, 'test')
    for (const text of ['бірінші файл', 'второй файл', 'third file']) {
      const bytes = new TextEncoder().encode(`%PDF-1.4 ${text}`)
      files.push({ ...(await store.put(bytes)), bytes })
    }
    env = { DATABASE_URL: database.url, DATA_DIR: dataDir }
  }, 180_000)

  afterAll(async () => {
    await handle?.close()
    await database?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('restores every table and every file as they were at backup time', async () => {
    const expected = await dump(handle)
    const archive = join(dir, 'backup.tar')
    const backup = await runCli(['db', 'backup', archive, '--format', 'json'], env)
    expect(backup.stderr).not.toMatch(/Error/)
    expect(backup.code).toBe(0)
    const summary = JSON.parse(backup.stdout)
    expect(summary.files.count).toBe(3)
    expect(summary.backend).toBe(backend)

    // Change everything a backup must undo: rows added and deleted, a file lost.
    await setSetting(handle.db, 'after.backup', 1, 'test')
    await handle.db.deleteFrom('system_setting').where('key', '=', 'backup.test').execute()
    await handle.db.deleteFrom('akimat_decision').execute()
    rmSync(store.pathOf(files[0]!.sha256))
    expect(await dump(handle)).not.toEqual(expected)

    // The server holds the SQLite file open in the test: close it as an operator stops the server.
    await handle.close()
    const refused = await runCli(['db', 'restore', archive], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/holds data .*--force/)

    const restored = await runCli(['db', 'restore', archive, '--force', '--format', 'json'], env)
    expect(restored.stderr).not.toMatch(/Error/)
    expect(restored.code).toBe(0)
    handle = await openDatabase(database.config)
    const after = await dump(handle)
    for (const table of Object.keys(expected)) {
      expect(after[table], table).toEqual(expected[table])
    }
    expect(Object.keys(after).sort()).toEqual(Object.keys(expected).sort())
    for (const file of files) {
      expect(new Uint8Array(readFileSync(store.pathOf(file.sha256)))).toEqual(file.bytes)
    }
  }, 240_000)

  it('refuses a damaged archive or another backend’s and changes nothing', async () => {
    const archive = join(dir, 'good.tar')
    expect((await runCli(['db', 'backup', archive], env)).code).toBe(0)
    await handle.close()
    const before = await openDatabase(database.config).then(async (h) => {
      const rows = await dump(h)
      await h.close()
      return rows
    })

    const damaged = join(dir, 'damaged.tar')
    const bytes = readFileSync(archive)
    // Flip bytes in the middle of the database part.
    const copy = Buffer.from(bytes)
    for (let i = 4096; i < 4096 + 64; i++) copy[i] = copy[i]! ^ 0xff
    writeFileSync(damaged, copy)
    const broken = await runCli(['db', 'restore', damaged, '--force'], env)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/damaged|not a readable|not an e-akimat backup/)

    const text = join(dir, 'not-a-backup.tar')
    writeFileSync(text, 'hello')
    const notBackup = await runCli(['db', 'restore', text, '--force'], env)
    expect(notBackup.code).toBe(1)

    const other = backend === 'sqlite' ? 'postgres' : 'sqlite'
    const otherDb = await createTestDatabase(other)
    try {
      const otherArchive = join(dir, 'other.tar')
      const made = await runCli(['db', 'backup', otherArchive], {
        DATABASE_URL: otherDb.database.url,
        DATA_DIR: join(dir, 'other-data'),
      })
      expect(made.code).toBe(0)
      const wrong = await runCli(['db', 'restore', otherArchive, '--force'], env)
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(new RegExp(`backup of a ${other} database`))
    } finally {
      await otherDb.handle.close()
      await otherDb.database.drop()
    }

    handle = await openDatabase(database.config)
    expect(await dump(handle)).toEqual(before)
  }, 240_000)

  it.runIf(backend === 'sqlite')(
    'backs up a SQLite database while it is being written',
    async () => {
      const archive = join(dir, 'live.tar')
      let writing = true
      let written = 0
      const writer = (async () => {
        while (writing) {
          await setSetting(handle.db, `live.${written}`, written, 'test')
          written++
          // better-sqlite3 is synchronous: yield so the child's exit is seen.
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      const result = await runCli(['db', 'backup', archive, '--format', 'json'], env)
      writing = false
      await writer
      expect(result.code).toBe(0)
      expect(written).toBeGreaterThan(0)
      // The archive restores into a fresh installation and passes its checks.
      const fresh = mkdtempSync(join(tmpdir(), 'e-akimat-restore-'))
      try {
        const restored = await runCli(['db', 'restore', archive], {
          DATABASE_URL: `sqlite:${join(fresh, 'restored.db')}`,
          DATA_DIR: join(fresh, 'data'),
        })
        expect(restored.stderr).not.toMatch(/Error/)
        expect(restored.code).toBe(0)
      } finally {
        rmSync(fresh, { recursive: true, force: true })
      }
    },
    240_000,
  )
})
