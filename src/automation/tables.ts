/**
 * @module
 * Tables owned by the automation module (migration 2026-11-27-0012-automation). Timestamps are
 * ISO-8601 strings in UTC, JSON columns text on both backends.
 */
import type { Generated } from 'kysely'

/** An akimat's automation of one function of its typical set (switched on at least once). */
export interface AutomationFunctionTable {
  id: Generated<number>
  organisation_id: number
  /** `architecture:section.number`, as akimat decisions name functions. */
  function_key: string
  pattern: string
  enabled: number
  /** The generated service (application pattern). */
  service_code: string | null
  /** AutomationConfig as JSON. */
  config: string
  created_at: string
  updated_at: string
  revision: number
}

/** A registry of an automated function: named in the row, or the pattern's. */
export interface AutomationRegistryTable {
  id: Generated<number>
  automation_id: number
  /** Stable within the function: `r1`, `r2`… for the row's resources, or the pattern's slot. */
  slot: string
  /** records (kept here) or, for services, applications / notifications / recipients. */
  kind: string
  /** { kk, ru, en, printed } */
  name: string
  /** FieldConfig[] */
  fields: string
  created_at: string
  updated_at: string
}

export interface AutomationRecordTable {
  id: Generated<number>
  registry_id: number
  number: number
  data: string
  removed: number
  created_at: string
  created_by: number | null
  updated_at: string
  revision: number
}

export interface AutomationRecordVersionTable {
  id: Generated<number>
  record_id: number
  /** created, updated, removed, restored */
  change: string
  data: string
  at: string
  user_id: number | null
}

export interface AutomationEventTable {
  id: Generated<number>
  automation_id: number
  /** switched-on, switched-off, configured */
  kind: string
  at: string
  user_id: number | null
  details: string
}

export interface AutomationTables {
  automation_function: AutomationFunctionTable
  automation_registry: AutomationRegistryTable
  automation_record: AutomationRecordTable
  automation_record_version: AutomationRecordVersionTable
  automation_event: AutomationEventTable
}
