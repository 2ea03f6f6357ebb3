import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BACKENDS,
  createEmptyTestDatabase,
  type TestDatabase,
} from '../../test/support/database.js'
import { UnavailableError } from '../core/index.js'
import { type DatabaseHandle, openDatabase } from './connection.js'
import { knownMigrations, migrateToLatest, migrationStatus } from './migrator.js'

describe.each(BACKENDS)('migrations [%s]', (backend) => {
  let database: TestDatabase
  let handle: DatabaseHandle

  beforeEach(async () => {
    database = await createEmptyTestDatabase(backend)
    handle = await openDatabase(database.config)
  })
  afterEach(async () => {
    await handle.close()
    await database.drop()
  })

  it('lists every migration as pending on an empty database, then as executed', async () => {
    const before = await migrationStatus(handle)
    expect(before.map((m) => m.name)).toEqual(knownMigrations())
    expect(before.every((m) => m.executedAt === null)).toBe(true)

    const applied: string[] = []
    await migrateToLatest(handle, (r) => applied.push(r.migrationName))
    expect(applied).toEqual(knownMigrations())

    const after = await migrationStatus(handle)
    expect(after.every((m) => m.executedAt !== null)).toBe(true)
  })

  it('applies nothing the second time', async () => {
    await migrateToLatest(handle)
    const results = await migrateToLatest(handle)
    expect(results).toEqual([])
  })

  it('leaves no half-applied schema when a migration fails', async () => {
    const failing = {
      '2000-01-01-a-create': () => ({
        up: async (db: Kysely<unknown>) => {
          await db.schema.createTable('probe_created').addColumn('id', 'integer').execute()
        },
      }),
      '2000-01-02-b-fail': () => ({
        up: async (db: Kysely<unknown>) => {
          await sql`select * from table_that_does_not_exist`.execute(db)
        },
      }),
    }
    await expect(migrateToLatest(handle, () => {}, failing)).rejects.toThrow(
      /Migration 2000-01-02-b-fail failed/,
    )
    const tables = await handle.db.introspection.getTables()
    expect(tables.map((t) => t.name)).not.toContain('probe_created')
  })

  it('returns timestamps as ISO strings in UTC and dates as plain dates', async () => {
    await migrateToLatest(handle)
    const row = await sql<{ d: string; ts: string }>`select ${
      backend === 'postgres' ? sql`date '2016-01-29'` : sql`'2016-01-29'`
    } as d, ${
      backend === 'postgres'
        ? sql`timestamptz '2026-11-26 12:00:00+05'`
        : sql`'2026-11-26T07:00:00.000Z'`
    } as ts`.execute(handle.db)
    expect(row.rows[0]).toEqual({ d: '2016-01-29', ts: '2026-11-26T07:00:00.000Z' })
  })
})

describe.runIf(BACKENDS.includes('postgres'))(
  'migrations in a PostgreSQL schema [postgres]',
  () => {
    it('keep their bookkeeping per schema, unconfused by another schema that is migrated', async () => {
      const first = await createEmptyTestDatabase('postgres')
      const second = await createEmptyTestDatabase('postgres')
      const a = await openDatabase(first.config)
      const b = await openDatabase(second.config)
      try {
        await migrateToLatest(a)
        const status = await migrationStatus(b)
        expect(status.every((m) => m.executedAt === null)).toBe(true)
        await migrateToLatest(b)
        expect((await migrationStatus(b)).every((m) => m.executedAt !== null)).toBe(true)
      } finally {
        await a.close()
        await b.close()
        await first.drop()
        await second.drop()
      }
    })
  },
)

describe('SQLite connection', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-conn-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the folder, runs in WAL mode with foreign keys on and full sync', async () => {
    const handle = await openDatabase({ kind: 'sqlite', file: join(dir, 'nested', 'x.db') })
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0]
    expect(await pragma('journal_mode')).toBe('wal')
    expect(await pragma('foreign_keys')).toBe(1)
    expect(await pragma('synchronous')).toBe(2)
    await handle.close()
  })

  it('refuses a file that is not a database with a clear message', async () => {
    const file = join(dir, 'not-a-db.db')
    writeFileSync(file, 'this is plain text, not SQLite '.repeat(100))
    const error = await openDatabase({ kind: 'sqlite', file }).catch((e) => e)
    expect(error).toBeInstanceOf(UnavailableError)
    expect(error.message).toContain(file)
    expect(error.message).toMatch(/not a database/)
  })
})

describe('PostgreSQL connection', () => {
  it('says where and why when the server is unreachable', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/test'
    const error = await openDatabase({ kind: 'postgres', url, display: url }).catch((e) => e)
    expect(error).toBeInstanceOf(UnavailableError)
    expect(error.message).toBe(
      'Cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/test: connection refused (is the server running and listening there?)',
    )
  })

  it.runIf(BACKENDS.includes('postgres'))('says so when the database does not exist', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/no_such_database_e_akimat'
    const error = await openDatabase({ kind: 'postgres', url, display: url }).catch((e) => e)
    expect(error.message).toMatch(/the database does not exist$/)
  })
})
