/**
 * @module
 * Every row of every table of a database, comparable across backends: for tests that check a
 * copy, a backup or a restore left every table as it was.
 */
import { type DatabaseHandle, tableShapes } from '../../src/db/index.js'

/** A value as both backends mean it: JSON text compared as data, numbers as numbers. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  if (typeof value === 'bigint') return Number(value)
  return value
}

/** Every row of every table, ordered by primary key, with comparable values. */
export async function dump(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  // biome-ignore lint/suspicious/noExplicitAny: every table by name
  const db = handle.db as any
  const out: Record<string, unknown[]> = {}
  for (const shape of await tableShapes(handle)) {
    let query = db.selectFrom(shape.name).select(shape.columns)
    for (const column of shape.primaryKey.length ? shape.primaryKey : shape.columns) {
      query = query.orderBy(column)
    }
    const rows: Record<string, unknown>[] = await query.execute()
    out[shape.name] = rows.map((row) =>
      Object.fromEntries(shape.columns.map((c) => [c, comparable(row[c])])),
    )
  }
  return out
}
