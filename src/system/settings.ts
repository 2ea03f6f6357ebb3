/**
 * @module
 * Settings: small named values that the application or an administrator keeps in the database,
 * each stored as JSON with who changed it and when.
 */
import type { Kysely } from 'kysely'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'

/** JSON values a setting can hold. */
export type SettingValue =
  | string
  | number
  | boolean
  | null
  | SettingValue[]
  | { [key: string]: SettingValue }

export interface Setting {
  key: string
  value: SettingValue
  updatedAt: string
  updatedBy: string | null
}

const KEY_PATTERN = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.length > 200) {
    throw new InputError(`Setting key "${key}" must be lower-case words joined by . _ or -`)
  }
}

/** JSON columns come back as text on both backends (see db/connection). */
function parseJson(value: string): SettingValue {
  return JSON.parse(value) as SettingValue
}

/**
 * Reads a setting, or undefined when it was never set.
 * @example const imported = await getSetting(db, 'acts.bundled-imported')
 */
export async function getSetting(db: Kysely<Database>, key: string): Promise<Setting | undefined> {
  checkKey(key)
  const row = await db
    .selectFrom('system_setting')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst()
  return row
    ? {
        key: row.key,
        value: parseJson(row.value),
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }
    : undefined
}

/**
 * Creates or replaces a setting in one statement, recording who set it.
 * @example await setSetting(db, 'acts.bundled-imported', ['158'], 'cli')
 */
export async function setSetting(
  db: Kysely<Database>,
  key: string,
  value: SettingValue,
  updatedBy: string | null = null,
): Promise<Setting> {
  checkKey(key)
  const updatedAt = new Date().toISOString()
  const json = JSON.stringify(value)
  await db
    .insertInto('system_setting')
    .values({ key, value: json, updated_at: updatedAt, updated_by: updatedBy })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt, updated_by: updatedBy }),
    )
    .execute()
  return { key, value, updatedAt, updatedBy }
}

/** Every setting, ordered by key. */
export async function listSettings(db: Kysely<Database>): Promise<Setting[]> {
  const rows = await db.selectFrom('system_setting').selectAll().orderBy('key').execute()
  return rows.map((row) => ({
    key: row.key,
    value: parseJson(row.value),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }))
}
