/**
 * @module
 * Tables owned by the acts module.
 */
import type { ColumnType, Generated } from 'kysely'

/** An imported act: its metadata, its text as published and the text's checksum. */
export interface ActsActTable {
  id: string
  number: string
  date: string
  registration: string
  registered_on: string | null
  language: string
  title: string
  kind: string
  amends: string | null
  amends_date: string | null
  /** Day the act takes effect; for 'after-publication-earliest' the earliest it can be. */
  effective_from: string | null
  /** 'date' (printed), 'after-publication-earliest' (publication date unknown), 'set' (by an administrator), 'unknown'. */
  effective_from_kind: string
  effective_from_set_by: string | null
  repealed_on: string | null
  repealed_by: string | null
  /** The full parsed metadata, JSON. */
  metadata: string
  file_name: string
  sha256: string
  /** The parser version that read the text; a newer parser reads it again on import. */
  parser_version: number
  text: string
  imported_at: ColumnType<string, string | undefined, never>
}

export interface ActsTables {
  acts_act: ActsActTable
}

export type { Generated }
