/**
 * @module
 * Tables owned by the system module.
 */
import type { ColumnType, Generated } from 'kysely'

/** A named setting; `value` is JSON text. */
export interface SystemSettingTable {
  key: string
  value: string
  updated_at: ColumnType<string, string | undefined, string>
  updated_by: string | null
}

/** A named lock with an expiry: the instance in `holder` may do the named work until then. */
export interface SystemLeaseTable {
  name: string
  holder: string
  acquired_at: string
  expires_at: string
}

/** One run of a scheduled job for one time slot; (job, slot) is unique, so a slot runs once. */
export interface SystemJobRunTable {
  id: Generated<number>
  job: string
  slot: string
  holder: string
  started_at: string
  finished_at: string | null
  /** ok | error, null while running. */
  outcome: string | null
  details: string
}

export interface SystemTables {
  system_setting: SystemSettingTable
  system_lease: SystemLeaseTable
  system_job_run: SystemJobRunTable
}
