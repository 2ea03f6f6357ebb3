/**
 * @module
 * Column types per backend, for migrations. Part of the migrations: frozen, imports no app code.
 * The same logical type maps to PostgreSQL's native type and to what SQLite stores; the
 * connection makes both come back as the same JavaScript values.
 */
import type { ColumnDataType, CreateTableBuilder, Expression } from 'kysely'
import { sql } from 'kysely'

export type MigrationBackend = 'sqlite' | 'postgres'

type ColumnType = ColumnDataType | Expression<unknown>

export interface ColumnTypes {
  /** Instant in UTC: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
  timestamp: ColumnType
  /** Calendar date: date on PostgreSQL, 'YYYY-MM-DD' text on SQLite. */
  date: ColumnType
  /** JSON document: jsonb on PostgreSQL, text on SQLite. */
  json: ColumnType
  /** Current instant as the column default, in the same format as written by the app. */
  now: Expression<unknown>
  /** Adds an auto-numbered primary key `id`: serial / INTEGER PRIMARY KEY AUTOINCREMENT. */
  id: <T extends string>(table: CreateTableBuilder<T, never>) => CreateTableBuilder<T, 'id'>
}

export function columnTypes(backend: MigrationBackend): ColumnTypes {
  return backend === 'postgres'
    ? {
        timestamp: 'timestamptz',
        date: 'date',
        json: 'jsonb',
        now: sql`now()`,
        id: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
      }
    : {
        timestamp: 'text',
        date: 'text',
        json: 'text',
        now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
        id: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
      }
}
