/**
 * Moving an installation between backends (`db copy`): a SQLite database with the bundled acts
 * and the example akimats is copied to PostgreSQL and back, and every table is compared row by
 * row; a copy into a database that holds data, or is at other migrations, is refused and
 * changes nothing; the CLI does the same and the copied PostgreSQL database serves new rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_AKIMATS, seedExampleAkimat } from '../src/akimat/index.js'
import { importBundledActs, loadCatalogSnapshot } from '../src/catalog/index.js'
import {
  copyDatabase,
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
} from '../src/db/index.js'
import { setSetting } from '../src/system/index.js'
import { runCli } from './support/cli.js'
import {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from './support/database.js'
import { dump } from './support/tables.js'

describe('copying an installation between backends', () => {
  let source: { handle: DatabaseHandle; database: TestDatabase }
  let expected: Record<string, unknown[]>

  beforeAll(async () => {
    source = await createTestDatabase('sqlite')
    await importBundledActs(source.handle.db)
    const snapshot = await loadCatalogSnapshot(source.handle.db)
    for (const example of EXAMPLE_AKIMATS) {
      await seedExampleAkimat(source.handle.db, snapshot, example)
    }
    await setSetting(source.handle.db, 'copy.test', { text: 'Қазақ «тексті»', n: 1 }, 'test')
    expected = await dump(source.handle)
  }, 180_000)

  afterAll(async () => {
    await source?.handle.close()
    await source?.database.drop()
  })

  it('copies every row of every table from SQLite to PostgreSQL and back', async () => {
    const middle = await createTestDatabase('postgres')
    const back = await createTestDatabase('sqlite')
    try {
      const there = await copyDatabase(source.handle, middle.handle)
      expect(there.rows).toBe(Object.values(expected).reduce((n, rows) => n + rows.length, 0))
      expect(there.rows).toBeGreaterThan(4_000)
      const inPostgres = await dump(middle.handle)
      expect(Object.keys(inPostgres).sort()).toEqual(Object.keys(expected).sort())
      for (const table of Object.keys(expected)) {
        expect(inPostgres[table], table).toEqual(expected[table])
      }
      await copyDatabase(middle.handle, back.handle)
      const returned = await dump(back.handle)
      for (const table of Object.keys(expected)) {
        expect(returned[table], table).toEqual(expected[table])
      }
      // The sequences continue after the copied ids: a new row gets a fresh id.
      await setSetting(middle.handle.db, 'copy.after', 1, 'test')
      const created = await middle.handle.db
        .insertInto('auth_organisation')
        .values({
          kind: 'state-body',
          name_kk: 'Жаңа',
          name_ru: 'Новая',
          bin: null,
          level: null,
          email: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const largest = Math.max(
        ...(expected.auth_organisation as { id: number }[]).map((row) => row.id),
      )
      expect(created.id).toBe(largest + 1)
    } finally {
      await middle.handle.close()
      await middle.database.drop()
      await back.handle.close()
      await back.database.drop()
    }
  }, 240_000)

  it('refuses a target that holds data, or is at other migrations, and changes nothing', async () => {
    const target = await createTestDatabase('postgres')
    const behind = await createEmptyTestDatabase('postgres')
    const behindHandle = await openDatabase(behind.config)
    try {
      await setSetting(target.handle.db, 'already.here', true, 'test')
      const before = await dump(target.handle)
      const error = await copyDatabase(source.handle, target.handle).catch((e: unknown) => e)
      expect((error as Error).message).toMatch(/not empty \(system_setting has 1 rows\)/)
      expect(await dump(target.handle)).toEqual(before)

      const skewed = await copyDatabase(source.handle, behindHandle).catch((e: unknown) => e)
      expect((skewed as Error).message).toMatch(/different migrations/)
    } finally {
      await target.handle.close()
      await target.database.drop()
      await behindHandle.close()
      await behind.drop()
    }
  }, 120_000)

  it('copies through the CLI (db copy --to URL) and reports the rows', async () => {
    const target = await createEmptyTestDatabase('postgres')
    try {
      const result = await runCli(['db', 'copy', '--to', target.url, '--format', 'json'], {
        DATABASE_URL: source.database.url,
      })
      expect(result.stderr).not.toMatch(/Error/)
      expect(result.code).toBe(0)
      const summary = JSON.parse(result.stdout)
      expect(summary.rows).toBe(Object.values(expected).reduce((n, rows) => n + rows.length, 0))
      expect(summary.to).not.toContain('password')
      const handle = await openDatabase(target.config)
      try {
        await migrateToLatest(handle)
        const copied = await dump(handle)
        for (const table of Object.keys(expected)) {
          expect(copied[table], table).toEqual(expected[table])
        }
      } finally {
        await handle.close()
      }
      // A second copy into the same, now filled, database is refused with a message.
      const again = await runCli(['db', 'copy', '--to', target.url], {
        DATABASE_URL: source.database.url,
      })
      expect(again.code).not.toBe(0)
      expect(again.stderr).toMatch(/not empty/)
    } finally {
      await target.drop()
    }
  }, 240_000)
})
