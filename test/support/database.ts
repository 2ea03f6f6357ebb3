/**
 * @module
 * Fresh databases for tests, on either backend. Each suite gets its own: a new SQLite file in a
 * temporary folder, or a new schema in the test PostgreSQL database (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), with every migration applied.
 *
 * E_AKIMAT_TEST_BACKENDS=sqlite (or postgres) narrows the backends; the default, and CI, is both.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import type { DatabaseConfig } from '../../src/core/config.js'
import {
  type Backend,
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
} from '../../src/db/index.js'

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

/** The backends every storage test runs on. */
export const BACKENDS: Backend[] = (process.env.E_AKIMAT_TEST_BACKENDS || 'sqlite,postgres')
  .split(',')
  .map((b) => b.trim())
  .filter((b): b is Backend => b === 'sqlite' || b === 'postgres')

export interface TestDatabase {
  backend: Backend
  /** The configuration that opens this database, for code that opens its own connection. */
  config: DatabaseConfig
  /** DATABASE_URL that opens this database, for child processes. */
  url: string
  /** Deletes the database (the SQLite folder or the PostgreSQL schema). */
  drop(): Promise<void>
}

/** Creates an empty database on `backend`; nothing is migrated yet. */
export async function createEmptyTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'e-akimat-test-'))
    const file = join(dir, 'test.db')
    return {
      backend,
      config: { kind: 'sqlite', file },
      url: `sqlite:${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 5000,
  })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL for tests is not reachable at ${TEST_DATABASE_URL} (${(error as Error).message}). ` +
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), set ' +
        'TEST_DATABASE_URL, or run only SQLite with E_AKIMAT_TEST_BACKENDS=sqlite.',
    )
  }
  await admin.query(`create schema "${schema}"`)
  await admin.end()
  const url = new URL(TEST_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    backend,
    config: { kind: 'postgres', url: url.href, display: url.href },
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      await client.query(`drop schema if exists "${schema}" cascade`)
      await client.end()
    },
  }
}

/** A fresh, migrated database; close the handle and drop the database when done. */
export async function createTestDatabase(
  backend: Backend,
): Promise<{ handle: DatabaseHandle; database: TestDatabase }> {
  const database = await createEmptyTestDatabase(backend)
  const handle = await openDatabase(database.config)
  await migrateToLatest(handle)
  return { handle, database }
}

/**
 * Registers hooks that give the current suite a fresh migrated database on `backend`, and
 * returns a getter for its handle.
 * @example
 * describe.each(BACKENDS)('settings on %s', (backend) => {
 *   const db = useTestDatabase(backend)
 *   it('…', async () => { await setSetting(db().db, 'a', 1) })
 * })
 */
export function useTestDatabase(backend: Backend): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined
  let database: TestDatabase | undefined
  beforeAll(async () => {
    ;({ handle, database } = await createTestDatabase(backend))
  })
  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })
  return () => {
    if (!handle) throw new Error('The test database is not open yet: use it inside a test or hook')
    return handle
  }
}
