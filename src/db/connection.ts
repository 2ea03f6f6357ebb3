/**
 * @module
 * Opening the database: the embedded SQLite file (better-sqlite3, WAL, foreign keys on) or a
 * PostgreSQL server (pg pool). Both are reached through one Kysely instance and one schema.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely'
import pg from 'pg'
import type { DatabaseConfig, SqliteSynchronous } from '../core/index.js'
import { UnavailableError } from '../core/index.js'
import type { Database } from './schema.js'

export type Backend = 'sqlite' | 'postgres'

/** An open database: the Kysely instance, which backend it is, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>
  backend: Backend
  /** Where the data is, safe to print (no password). */
  location: string
  close(): Promise<void>
}

export interface OpenOptions {
  /** SQLite's `synchronous` (SQLITE_SYNCHRONOUS): `full` by default, every commit durable. */
  sqliteSynchronous?: SqliteSynchronous
}

/**
 * Opens the configured database and checks that it answers; a database that cannot be reached
 * or opened gives an {@link UnavailableError} with a readable reason.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  const handle =
    config.kind === 'sqlite'
      ? openSqlite(config.file, options.sqliteSynchronous ?? 'full')
      : openPostgres(config)
  try {
    await sql`select 1`.execute(handle.db)
  } catch (error) {
    await handle.close().catch(() => {})
    throw new UnavailableError(describeConnectionFailure(handle, error), { cause: error })
  }
  return handle
}

function openSqlite(file: string, synchronous: SqliteSynchronous): DatabaseHandle {
  let database: SqliteDatabase.Database
  try {
    mkdirSync(dirname(file), { recursive: true })
    database = new SqliteDatabase(file)
    // WAL lets readers work while one writer commits; FULL makes every commit durable, even
    // across a power cut (NORMAL, when configured, only across a crash of the process).
    database.pragma('journal_mode = WAL')
    database.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
  } catch (error) {
    throw new UnavailableError(
      `Cannot open the SQLite database ${file}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database }) })
  return {
    db,
    backend: 'sqlite',
    location: file,
    close: () => db.destroy(),
  }
}

/**
 * SQLite does run schema changes inside transactions, but Kysely's adapter says it does not, so
 * its migrator would leave a half-applied migration behind on failure. This adapter tells the truth.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter()
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

/**
 * Transactions take SQLite's write lock when they begin (`begin immediate`). With the default
 * `begin` (deferred), a transaction that reads and then writes fails at once with "database is
 * locked" when another process (a second instance on the same file) wrote in between; begun
 * immediately, it waits for the other writer (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/** node-pg type ids whose default parsing we change so both backends return the same shapes. */
const PG_DATE = 1082
const PG_TIMESTAMPTZ = 1184
const PG_INT8 = 20
const PG_JSON = 114
const PG_JSONB = 3802

/**
 * Dates come back as 'YYYY-MM-DD' strings (not local-midnight Date objects), timestamps as ISO
 * strings in UTC, bigint counts as numbers and JSON as its text: the same values SQLite returns.
 */
const pgTypes = {
  getTypeParser(id: number, format?: 'text' | 'binary') {
    if (id === PG_DATE) return (value: string) => value
    if (id === PG_TIMESTAMPTZ) {
      const parse = pg.types.getTypeParser(PG_TIMESTAMPTZ) as (value: string) => Date
      return (value: string) => parse(value).toISOString()
    }
    if (id === PG_INT8) return (value: string) => Number(value)
    if (id === PG_JSON || id === PG_JSONB) return (value: string) => value
    // biome-ignore lint/suspicious/noExplicitAny: node-pg's overloads differ only by format
    return pg.types.getTypeParser(id, format as any)
  },
}

function openPostgres(config: { url: string; display: string }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: config.url,
    connectionTimeoutMillis: 5000,
    max: 10,
    types: pgTypes as pg.CustomTypesConfig,
  })
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    backend: 'postgres',
    location: config.display,
    close: () => db.destroy(),
  }
}

function describeConnectionFailure(handle: DatabaseHandle, error: unknown): string {
  const err = error as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] }
  const code = err.code ?? err.errors?.[0]?.code
  if (handle.backend === 'sqlite') {
    return `Cannot use the SQLite database ${handle.location}: ${err.message}`
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running and listening there?)',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name could not be resolved',
    ETIMEDOUT: 'connection timed out',
    '28P01': 'password authentication failed',
    '28000': 'the server refused this user (check the user name and pg_hba.conf)',
    '3D000': 'the database does not exist',
  }
  const reason =
    (code && reasons[code]) ||
    (err.message?.includes('timeout') ? 'connection timed out' : err.message || String(code))
  return `Cannot connect to PostgreSQL at ${handle.location}: ${reason}`
}
