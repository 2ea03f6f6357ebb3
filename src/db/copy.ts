/**
 * @module
 * Copying a whole installation's data from one database to another of either backend — above
 * all from the embedded SQLite file to PostgreSQL when an installation grows (several instances
 * need PostgreSQL). Both databases carry the same schema (the same migrations), so the copy is
 * generic: every table, in an order that respects the foreign keys, row by row in batches.
 *
 * The target must be migrated to the same migrations as the source and hold no data. The copy is
 * one transaction on the target: it lands whole or not at all. The source is read in one
 * consistent snapshot, so the server may keep running while it is copied (what it writes after
 * the snapshot is not copied: stop it for the final copy).
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import { InputError } from '../core/index.js'
import type { DatabaseHandle } from './connection.js'
import { migrationStatus } from './migrator.js'

/** Kysely's own bookkeeping tables: each database keeps its own. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

/** Rows per INSERT (well below both backends' limits on bound parameters). */
const BATCH_ROWS = 200

/** A table of the schema: its columns, primary key and the tables it refers to. */
export interface TableShape {
  name: string
  columns: string[]
  primaryKey: string[]
  references: string[]
}

// biome-ignore lint/suspicious/noExplicitAny: the copy works on any table by name
type AnyDb = Kysely<any>

/** The application's tables (without the migrator's), with their columns and references. */
export async function tableShapes(handle: DatabaseHandle): Promise<TableShape[]> {
  const db = handle.db as unknown as AnyDb
  const shapes: TableShape[] = []
  if (handle.backend === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
    `.execute(db)
    for (const { name } of tables.rows) {
      if (MIGRATION_TABLES.has(name)) continue
      const info = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${name}) order by cid
      `.execute(db)
      const foreign = await sql<{ table: string }>`
        select "table" from pragma_foreign_key_list(${name})
      `.execute(db)
      shapes.push({
        name,
        columns: info.rows.map((c) => c.name),
        primaryKey: info.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: [...new Set(foreign.rows.map((f) => f.table))],
      })
    }
    return shapes
  }
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name
  `.execute(db)
  for (const { name } of tables.rows) {
    if (MIGRATION_TABLES.has(name)) continue
    const columns = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${name} order by ordinal_position
    `.execute(db)
    const keys = await sql<{ name: string; kind: string; target: string | null }>`
      select a.attname as name, c.contype as kind, t.relname as target
      from pg_constraint c
      join pg_class r on r.oid = c.conrelid
      join pg_namespace n on n.oid = r.relnamespace and n.nspname = current_schema()
      left join pg_class t on t.oid = c.confrelid
      join lateral unnest(c.conkey) with ordinality as k(attnum, position) on true
      join pg_attribute a on a.attrelid = r.oid and a.attnum = k.attnum
      where r.relname = ${name} and c.contype in ('p', 'f')
      order by c.contype, k.position
    `.execute(db)
    shapes.push({
      name,
      columns: columns.rows.map((c) => c.name),
      primaryKey: keys.rows.filter((k) => k.kind === 'p').map((k) => k.name),
      references: [
        ...new Set(keys.rows.filter((k) => k.kind === 'f' && k.target).map((k) => k.target!)),
      ],
    })
  }
  return shapes
}

/** The tables ordered so that every table comes after the tables it refers to. */
export function dependencyOrder(shapes: TableShape[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]))
  const ordered: TableShape[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (shape: TableShape, path: string[]) => {
    const seen = state.get(shape.name)
    if (seen === 'done') return
    if (seen === 'visiting') {
      throw new Error(`foreign keys form a cycle: ${[...path, shape.name].join(' → ')}`)
    }
    state.set(shape.name, 'visiting')
    for (const target of shape.references) {
      const referenced = byName.get(target)
      if (referenced && referenced !== shape) visit(referenced, [...path, shape.name])
    }
    state.set(shape.name, 'done')
    ordered.push(shape)
  }
  for (const shape of [...shapes].sort((a, b) => a.name.localeCompare(b.name))) visit(shape, [])
  return ordered
}

export interface CopyProgress {
  /** Called before each table with its row count, and after each batch with rows copied. */
  onTable?(table: string, rows: number): void
  onRows?(table: string, copied: number): void
}

export interface CopyResult {
  /** Rows copied per table, in the order copied. */
  tables: { table: string; rows: number }[]
  rows: number
}

/**
 * Copies every row of every table from `source` to `target`. Refuses (InputError) when the two
 * schemas are not at the same migrations, when their tables differ, or when the target holds data.
 */
export async function copyDatabase(
  source: DatabaseHandle,
  target: DatabaseHandle,
  progress: CopyProgress = {},
): Promise<CopyResult> {
  await checkSameMigrations(source, target)
  const sourceShapes = await tableShapes(source)
  const targetShapes = new Map((await tableShapes(target)).map((s) => [s.name, s]))
  for (const shape of sourceShapes) {
    const other = targetShapes.get(shape.name)
    if (!other) throw new InputError(`the target has no table ${shape.name}`)
    const missing = shape.columns.filter((c) => !other.columns.includes(c))
    if (missing.length) {
      throw new InputError(`the target's ${shape.name} lacks the columns ${missing.join(', ')}`)
    }
  }
  const order = dependencyOrder(sourceShapes)
  const sourceDb = source.db as unknown as AnyDb
  const targetDb = target.db as unknown as AnyDb

  return sourceDb.transaction().execute(async (read) => {
    if (source.backend === 'postgres') {
      await sql`set transaction isolation level repeatable read, read only`.execute(read)
    }
    return targetDb.transaction().execute(async (write) => {
      for (const shape of order) {
        const count = await countRows(write, shape.name)
        if (count > 0) {
          throw new InputError(
            `the target database is not empty (${shape.name} has ${count} rows); copy only into a new, migrated database`,
          )
        }
      }
      const tables: CopyResult['tables'] = []
      let total = 0
      for (const shape of order) {
        const rows = await countRows(read, shape.name)
        progress.onTable?.(shape.name, rows)
        let copied = 0
        // Parents before children within a table too (a row may refer to an earlier row).
        const orderBy = shape.primaryKey.length ? shape.primaryKey : shape.columns
        for (let offset = 0; offset < rows; offset += BATCH_ROWS) {
          let query = read.selectFrom(shape.name).select(shape.columns)
          for (const column of orderBy) query = query.orderBy(column)
          const batch = await query.limit(BATCH_ROWS).offset(offset).execute()
          if (batch.length === 0) break
          await write.insertInto(shape.name).values(batch).execute()
          copied += batch.length
          progress.onRows?.(shape.name, copied)
        }
        tables.push({ table: shape.name, rows: copied })
        total += copied
      }
      if (target.backend === 'postgres') await resetSequences(write, order)
      return { tables, rows: total }
    })
  })
}

async function countRows(db: Transaction<unknown> | AnyDb, table: string): Promise<number> {
  const result = await (db as AnyDb)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(result.n)
}

/** After explicit ids were inserted, each serial column's sequence continues after the largest. */
async function resetSequences(write: AnyDb, shapes: TableShape[]): Promise<void> {
  for (const shape of shapes) {
    if (!shape.columns.includes('id')) continue
    const sequence = await sql<{ name: string | null }>`
      select pg_get_serial_sequence(${shape.name}, 'id') as name
    `.execute(write)
    const name = sequence.rows[0]?.name
    if (!name) continue
    await sql`
      select setval(${name}, coalesce((select max(id) from ${sql.table(shape.name)}), 0) + 1, false)
    `.execute(write)
  }
}

async function checkSameMigrations(source: DatabaseHandle, target: DatabaseHandle): Promise<void> {
  const applied = async (handle: DatabaseHandle) =>
    (await migrationStatus(handle)).filter((m) => m.executedAt).map((m) => m.name)
  const from = await applied(source)
  const to = await applied(target)
  if (from.join('\n') !== to.join('\n')) {
    throw new InputError(
      `the two databases are at different migrations (source: ${from.length}, target: ${to.length}); run "e-akimat db migrate" on both with the same version first`,
    )
  }
}
