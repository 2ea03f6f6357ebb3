/**
 * @module
 * Tables owned by the akimat module (see migration 2026-11-26-0009-akimat). Timestamps are
 * ISO-8601 strings in UTC, dates `YYYY-MM-DD`, JSON columns text on both backends.
 */
import type { Generated } from 'kysely'

/** An akimat that adopted the typical set: its KATO code and the date of the set. */
export interface AkimatProfileTable {
  organisation_id: number
  kato: string
  typical_at: string
  adopted_at: string
  adopted_by: number | null
  updated_at: string
  revision: number
}

/** One version of an akimat's decision on one function of the typical set. */
export interface AkimatDecisionTable {
  id: Generated<number>
  organisation_id: number
  /** `architecture:section.number` of the catalogue row, e.g. `158:2.410`. */
  function_key: string
  performed: number
  system_id: string | null
  object_id: number | null
  level: number
  target_level: number | null
  note: string | null
  /** form, api, import or adoption. */
  source: string
  recorded_at: string
  recorded_by: number | null
}

/** One version of an indicator's value for a period. */
export interface AkimatIndicatorValueTable {
  id: Generated<number>
  organisation_id: number
  indicator_code: string
  period: string
  value: number | null
  /** manual or computed. */
  source: string
  /** For computed values: numerator, denominator and what was counted (JSON). */
  basis: string | null
  note: string | null
  recorded_at: string
  recorded_by: number | null
}

export interface AkimatEventTable {
  id: Generated<number>
  organisation_id: number
  kind: string
  at: string
  user_id: number | null
  details: string
}

export interface AkimatTables {
  akimat_profile: AkimatProfileTable
  akimat_decision: AkimatDecisionTable
  akimat_indicator_value: AkimatIndicatorValueTable
  akimat_event: AkimatEventTable
}
