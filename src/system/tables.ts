/**
 * @module
 * Tables owned by the system module.
 */
import type { ColumnType } from 'kysely'

/** A named setting; `value` is JSON text. */
export interface SystemSettingTable {
  key: string
  value: string
  updated_at: ColumnType<string, string | undefined, string>
  updated_by: string | null
}

export interface SystemTables {
  system_setting: SystemSettingTable
}
