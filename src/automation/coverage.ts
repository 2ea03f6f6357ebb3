/**
 * @module
 * The coverage report: how many rows of each level of each typical architecture (158/2016 and the
 * rows of 304 restated by its amendments) fall into each automation pattern, whether a central
 * system covers them, and examples; with the same data row by row as CSV.
 */
import { type CatalogRow, type CatalogSnapshot, tableToCsv } from '../catalog/index.js'
import {
  type CentralCoverage,
  type Classification,
  centralCoverage,
  classifyRows,
  NOT_AUTOMATABLE,
  type NotAutomatableReason,
  PATTERNS,
  type Pattern,
} from './patterns.js'

export type CoverageCategory = Pattern | `none:${NotAutomatableReason}`
export const COVERAGE_CATEGORIES: CoverageCategory[] = [
  ...PATTERNS,
  ...NOT_AUTOMATABLE.map((r) => `none:${r}` as const),
]

export interface ClassifiedRow {
  row: CatalogRow
  key: string
  classification: Classification
  category: CoverageCategory
  coverage: CentralCoverage
}

export interface CoverageSection {
  architecture: string
  section: number
  rows: number
  counts: Record<CoverageCategory, number>
  /** Rows a central system covers / covers in part / does not cover, of the automatable ones. */
  central: Record<CentralCoverage, number>
  /** Up to three rows per category. */
  examples: Partial<Record<CoverageCategory, ClassifiedRow[]>>
}

export interface CoverageReport {
  sections: CoverageSection[]
  totals: Record<CoverageCategory, number> & { rows: number }
  rows: ClassifiedRow[]
}

const categoryOf = (c: Classification): CoverageCategory =>
  c.pattern === 'none' ? `none:${c.reason ?? 'no-approach'}` : c.pattern

/**
 * The rows the report covers: the latest text of every row of each architecture (158's own rows;
 * for 304, the rows its amendments restated), deleted rows left out.
 */
export function reportRows(snapshot: CatalogSnapshot): CatalogRow[] {
  const latest = new Map<string, CatalogRow>()
  for (const row of snapshot.rows) {
    const key = `${row.architecture}:${row.section}.${row.number}`
    const seen = latest.get(key)
    if (!seen || (row.validFrom ?? '') >= (seen.validFrom ?? '')) latest.set(key, row)
  }
  return [...latest.values()].filter((r) => !r.status)
}

const zero = () =>
  Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, 0])) as Record<CoverageCategory, number>

/** The coverage report of the loaded catalogue. */
export function coverageReport(snapshot: CatalogSnapshot): CoverageReport {
  const rows = reportRows(snapshot)
  const classified = classifyRows(rows)
  const sections = new Map<string, CoverageSection>()
  const totals = { ...zero(), rows: 0 }
  const list: ClassifiedRow[] = []
  for (const row of rows) {
    const classification = classified.get(row.id)!
    const category = categoryOf(classification)
    const coverage = centralCoverage(snapshot, row).coverage
    const item: ClassifiedRow = {
      row,
      key: `${row.architecture}:${row.section}.${row.number}`,
      classification,
      category,
      coverage,
    }
    list.push(item)
    const id = `${row.architecture}:${row.section}`
    const section = sections.get(id) ?? {
      architecture: row.architecture,
      section: row.section,
      rows: 0,
      counts: zero(),
      central: { central: 0, partial: 0, none: 0 },
      examples: {},
    }
    section.rows += 1
    section.counts[category] += 1
    if (classification.pattern !== 'none') section.central[coverage] += 1
    const examples = section.examples[category] ?? []
    if (examples.length < 3) examples.push(item)
    section.examples[category] = examples
    sections.set(id, section)
    totals[category] += 1
    totals.rows += 1
  }
  list.sort(
    (a, b) =>
      a.row.architecture.localeCompare(b.row.architecture) ||
      a.row.section - b.row.section ||
      a.row.number - b.row.number,
  )
  return {
    sections: [...sections.values()].sort(
      (a, b) => a.architecture.localeCompare(b.architecture) || a.section - b.section,
    ),
    totals,
    rows: list,
  }
}

/** The report row by row as CSV (BOM, CRLF, RFC 4180; formulas neutralised). */
export function coverageCsv(report: CoverageReport): Buffer {
  return tableToCsv<ClassifiedRow>(
    [
      { header: 'architecture', value: (r) => r.row.architecture, width: 20 },
      { header: 'section', value: (r) => r.row.section, width: 20 },
      { header: 'number', value: (r) => r.row.number, width: 20 },
      { header: 'act', value: (r) => r.row.act, width: 20 },
      { header: 'lines', value: (r) => `${r.row.lines[0]}-${r.row.lines[1]}`, width: 20 },
      { header: 'pattern', value: (r) => r.classification.pattern, width: 20 },
      { header: 'reason', value: (r) => r.classification.reason, width: 20 },
      { header: 'read_from', value: (r) => r.classification.source, width: 20 },
      { header: 'evidence', value: (r) => r.classification.evidence, width: 20 },
      { header: 'central_coverage', value: (r) => r.coverage, width: 20 },
      { header: 'group', value: (r) => r.row.group, width: 20 },
      { header: 'function', value: (r) => r.row.function, width: 20 },
      { header: 'systems', value: (r) => r.row.systems.join('; '), width: 20 },
    ],
    report.rows,
  )
}
