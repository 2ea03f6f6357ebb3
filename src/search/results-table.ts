/**
 * @module
 * Search results as a table, for the CSV and XLSX downloads of a search.
 */
import type { Column } from '../catalog/index.js'
import type { SearchHit } from './engine.js'

/** The columns of a downloaded search: what was found, where, and how well it matched. */
export const SEARCH_RESULT_COLUMNS: Column<SearchHit>[] = [
  { header: 'kind', value: (h) => h.kind, width: 10 },
  { header: 'act', value: (h) => h.act, width: 8 },
  { header: 'section', value: (h) => h.section, width: 8 },
  { header: 'number', value: (h) => h.number, width: 8 },
  { header: 'text', value: (h) => h.function, width: 70, wrap: true },
  { header: 'detail', value: (h) => h.detail, width: 40, wrap: true },
  { header: 'language', value: (h) => h.language, width: 8 },
  { header: 'valid from', value: (h) => h.validFrom, width: 12 },
  { header: 'valid to', value: (h) => h.validTo, width: 12 },
  { header: 'score', value: (h) => h.score, width: 8 },
]
