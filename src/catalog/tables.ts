/**
 * @module
 * Tables owned by the catalog module. Every record names the act it was read from
 * (`source_act`), the original lines, and the dates it is valid (`valid_from` inclusive,
 * `valid_to` exclusive; null = open).
 */
import type { Generated } from 'kysely'

interface Validity {
  valid_from: string | null
  valid_to: string | null
}

export interface CatalogSectionVersionTable extends Validity {
  id: Generated<number>
  architecture: string
  section: number
  title: string
  language: string
  source_act: string
  line_first: number
  line_last: number
}

export interface CatalogRowVersionTable extends Validity {
  id: Generated<number>
  architecture: string
  section: number
  number: number
  /** 'text': the row as printed; 'deleted': an amendment deleted the row from valid_from. */
  status: string
  group_text: string | null
  function_text: string
  /** JSON arrays / objects. */
  systems: string
  approach: string | null
  levels: string
  resources: string
  unit: string | null
  language: string
  source_act: string
  line_first: number
  line_last: number
  flags: string
}

export interface CatalogGlossaryEntryTable extends Validity {
  id: Generated<number>
  source_act: string
  architecture: string
  list: string
  abbreviation: string
  expansion: string
  level: number | null
  language: string
  line_first: number
  line_last: number
}

export interface CatalogIndicatorTable {
  id: Generated<number>
  source_act: string
  code: string
  title: string
  unit: string
  category: string
  group_code: string | null
  line_first: number
  line_last: number
}

export interface CatalogSystemTable {
  id: string
  name: string
  language: string | null
  /** JSON array of other spellings. */
  aliases: string
  expansion: string | null
  /** Id of the same system's entry in the other language. */
  pair: string | null
}

export interface CatalogRowSystemTable {
  row_version_id: number
  system_id: string
  /** The name as the row prints it, qualifiers included. */
  printed: string
  position: number
}

export interface CatalogTables {
  catalog_system: CatalogSystemTable
  catalog_row_system: CatalogRowSystemTable
  catalog_section_version: CatalogSectionVersionTable
  catalog_row_version: CatalogRowVersionTable
  catalog_glossary_entry: CatalogGlossaryEntryTable
  catalog_indicator: CatalogIndicatorTable
}
