/**
 * @module
 * The catalogue export as files for people: a CSV of the row versions and an XLSX workbook with
 * one sheet per part of the export. Both are written to a temporary file beside the target and
 * renamed over it at the end, so a failed export never leaves a half-written file behind.
 */
import { randomUUID } from 'node:crypto'
import { open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { InputError } from '../core/index.js'
import type { SystemEntry } from './browse.js'
import type { CatalogExport, ExportedRow } from './export.js'

/** A cell value: numbers stay numbers in the workbook; `null` is an empty cell. */
export type Value = string | number | null

/** One column of a table written as CSV or XLSX. */
export interface Column<T> {
  header: string
  value: (item: T) => Value
  /** Column width in the workbook, in characters. */
  width: number
  /** Long text: wrapped in the workbook. */
  wrap?: boolean
}

const list = (items: readonly string[]) => items.join('; ')

/** The columns of a row version, shared by the CSV and the "Rows" sheet. */
export const ROW_COLUMNS: Column<ExportedRow>[] = [
  { header: 'id', value: (r) => r.id, width: 22 },
  { header: 'act', value: (r) => r.act, width: 14 },
  { header: 'architecture', value: (r) => r.architecture, width: 14 },
  { header: 'section', value: (r) => r.section, width: 8 },
  { header: 'number', value: (r) => r.number, width: 8 },
  { header: 'group', value: (r) => r.group, width: 30, wrap: true },
  { header: 'function', value: (r) => r.function, width: 60, wrap: true },
  { header: 'systems', value: (r) => list(r.systems), width: 30, wrap: true },
  { header: 'approach', value: (r) => r.approach, width: 30, wrap: true },
  {
    header: 'levels',
    value: (r) => r.levels.map((l) => `${l.level}: ${l.text}`).join(' | '),
    width: 40,
    wrap: true,
  },
  { header: 'resources', value: (r) => list(r.resources), width: 30, wrap: true },
  { header: 'unit', value: (r) => r.unit, width: 20, wrap: true },
  { header: 'language', value: (r) => r.language, width: 10 },
  { header: 'first line', value: (r) => r.lines[0], width: 10 },
  { header: 'last line', value: (r) => r.lines[1], width: 10 },
  { header: 'valid from', value: (r) => r.validFrom, width: 12 },
  { header: 'valid to', value: (r) => r.validTo, width: 12 },
  { header: 'flags', value: (r) => r.flags.join(', '), width: 20, wrap: true },
  { header: 'status', value: (r) => r.status ?? null, width: 10 },
]

type Act = CatalogExport['acts'][number]
const actColumns: Column<Act>[] = [
  { header: 'id', value: (a) => a.id, width: 14 },
  { header: 'number', value: (a) => a.number, width: 10 },
  { header: 'date', value: (a) => a.date, width: 12 },
  { header: 'registration', value: (a) => a.registration, width: 14 },
  { header: 'language', value: (a) => a.language, width: 10 },
  { header: 'title', value: (a) => a.title, width: 70, wrap: true },
  { header: 'kind', value: (a) => a.kind, width: 14 },
  { header: 'amends', value: (a) => a.amends, width: 14 },
  { header: 'effective from', value: (a) => a.effectiveFrom, width: 14 },
  { header: 'effective from kind', value: (a) => a.effectiveFromKind, width: 20 },
  { header: 'repealed on', value: (a) => a.repealedOn, width: 12 },
]

type Section = CatalogExport['sections'][number]
const sectionColumns: Column<Section>[] = [
  { header: 'architecture', value: (s) => s.architecture, width: 14 },
  { header: 'act', value: (s) => s.act, width: 14 },
  { header: 'section', value: (s) => s.section, width: 8 },
  { header: 'title', value: (s) => s.title, width: 60, wrap: true },
  { header: 'language', value: (s) => s.language, width: 10 },
  { header: 'valid from', value: (s) => s.validFrom, width: 12 },
  { header: 'valid to', value: (s) => s.validTo, width: 12 },
]

type System = CatalogExport['systems'][number]
export const SYSTEM_COLUMNS: Column<System>[] = [
  { header: 'id', value: (s) => s.id, width: 24 },
  { header: 'name', value: (s) => s.name, width: 30, wrap: true },
  { header: 'aliases', value: (s) => list(s.aliases), width: 30, wrap: true },
  { header: 'expansion', value: (s) => s.expansion, width: 60, wrap: true },
  { header: 'pair', value: (s) => s.pair, width: 24 },
]

type GlossaryEntry = CatalogExport['glossary'][number]
const glossaryColumns: Column<GlossaryEntry>[] = [
  { header: 'act', value: (g) => g.act, width: 14 },
  { header: 'abbreviation', value: (g) => g.abbreviation, width: 16 },
  { header: 'expansion', value: (g) => g.expansion, width: 70, wrap: true },
  { header: 'level', value: (g) => g.level, width: 8 },
  { header: 'list', value: (g) => g.list, width: 14 },
  { header: 'language', value: (g) => g.language, width: 10 },
]

type Indicator = CatalogExport['indicators'][number]
const indicatorColumns: Column<Indicator>[] = [
  { header: 'act', value: (i) => i.act, width: 14 },
  { header: 'code', value: (i) => i.code, width: 10 },
  { header: 'title', value: (i) => i.title, width: 70, wrap: true },
  { header: 'unit', value: (i) => i.unit, width: 16, wrap: true },
  { header: 'category', value: (i) => i.category, width: 20, wrap: true },
  { header: 'group', value: (i) => i.group, width: 10 },
]

/** The columns of the systems directory (page download and API). */
export const SYSTEM_ENTRY_COLUMNS: Column<SystemEntry>[] = [
  { header: 'id', value: (e) => e.system.id, width: 24 },
  { header: 'name', value: (e) => e.system.name, width: 30, wrap: true },
  { header: 'language', value: (e) => e.system.language, width: 10 },
  { header: 'aliases', value: (e) => e.system.aliases.join('; '), width: 30, wrap: true },
  { header: 'pair', value: (e) => e.pair?.name ?? null, width: 24 },
  {
    header: 'expansions',
    value: (e) => e.expansions.map((x) => x.text).join(' | '),
    width: 70,
    wrap: true,
  },
  { header: 'rows', value: (e) => e.rowCount, width: 8 },
  {
    header: 'rows per level',
    value: (e) => e.rowsBySection.map((s) => `${s.section}: ${s.rows.length}`).join('; '),
    width: 20,
  },
  { header: 'units', value: (e) => e.units.join('; '), width: 20, wrap: true },
]

const noticeColumns: Column<string>[] = [
  { header: 'notice', value: (n) => n, width: 100, wrap: true },
]

/**
 * A cell text that no spreadsheet runs as a formula: a text starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading apostrophe (OWASP "CSV injection"), so
 * `=HYPERLINK(…)` typed into a name is shown as that text. Numbers stay as they are.
 */
export function neutraliseFormula(value: string | number): string {
  if (typeof value === 'number') return String(value)
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/**
 * One CSV field, quoted as RFC 4180 says: in double quotes, with inner quotes doubled, when it
 * holds a comma, a quote or a line break. Written by hand rather than with csv-stringify: with
 * one fixed delimiter and no streaming these few lines are the whole of what is needed, and the
 * tests read the output back with a real parser (csv-parse).
 */
function csvField(value: Value): string {
  const text = value === null ? '' : neutraliseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Writes the row versions of an export as CSV: UTF-8 with a byte order mark (so that Excel reads
 * Kazakh and Russian text right), a header line, CRLF line ends and RFC 4180 quoting. Lists are
 * joined with "; " (flags with ", "), levels as "1: text | 2: text", empty values as empty
 * fields. Throws `InputError` when the folder of `path` does not exist.
 */
export async function writeCatalogCsv(exported: CatalogExport, path: string): Promise<void> {
  await writeAtomically(path, tableToCsv(ROW_COLUMNS, exported.rows))
}

/** Any list as CSV, in the same form as the catalogue's (BOM, CRLF, RFC 4180 quoting). */
export function tableToCsv<T>(columns: Column<T>[], items: readonly T[]): Buffer {
  const lines = [
    columns.map((c) => csvField(c.header)).join(','),
    ...items.map((item) => columns.map((c) => csvField(c.value(item))).join(',')),
  ]
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}

/** Any list as an XLSX workbook of one sheet, formatted as the catalogue's sheets. */
export async function tableToXlsx<T>(
  sheetName: string,
  columns: Column<T>[],
  items: readonly T[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'e-akimat'
  addSheet(workbook, sheetName, columns, items)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * Writes an export as an XLSX workbook with the sheets "Rows" (the CSV's columns), "Acts",
 * "Sections", "Systems", "Glossary", "Indicators" and, when there are any, "Notices". Each sheet
 * has a bold, frozen header row with an auto-filter; long text is wrapped. Dates stay text
 * (YYYY-MM-DD), never Excel dates, so no time zone can shift them. Throws `InputError` when the
 * folder of `path` does not exist.
 */
export async function writeCatalogXlsx(exported: CatalogExport, path: string): Promise<void> {
  await checkFolder(path)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'e-akimat'
  workbook.lastModifiedBy = 'e-akimat'
  workbook.title = 'e-akimat catalogue'
  workbook.subject = exported.at ? `In force on ${exported.at}` : 'All versions'
  addSheet(workbook, 'Rows', ROW_COLUMNS, exported.rows)
  addSheet(workbook, 'Acts', actColumns, exported.acts)
  addSheet(workbook, 'Sections', sectionColumns, exported.sections)
  addSheet(workbook, 'Systems', SYSTEM_COLUMNS, exported.systems)
  addSheet(workbook, 'Glossary', glossaryColumns, exported.glossary)
  addSheet(workbook, 'Indicators', indicatorColumns, exported.indicators)
  if (exported.notices.length > 0) addSheet(workbook, 'Notices', noticeColumns, exported.notices)
  await writeAtomically(path, Buffer.from(await workbook.xlsx.writeBuffer()))
}

function addSheet<T>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column<T>[],
  items: readonly T[],
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: c.wrap === true } },
  }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { vertical: 'top' }
  // Strings are stored as strings: a date such as "2024-01-01" is never turned into an Excel date.
  for (const item of items) sheet.addRow(columns.map((c) => c.value(item)))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
}

/** Throws `InputError` unless the folder that is to hold `path` exists. */
async function checkFolder(path: string): Promise<void> {
  const folder = dirname(path)
  const found = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
    throw error
  })
  if (!found?.isDirectory()) {
    throw new InputError(`Cannot write ${path}: the folder ${folder} does not exist`)
  }
}

/**
 * Writes `data` to a temporary file in the folder of `path`, flushes it to disk and renames it
 * over `path`: a reader sees the old file or the whole new one, never a part. On any failure the
 * temporary file is removed and `path` is left as it was.
 */
export async function writeAtomically(path: string, data: Uint8Array): Promise<void> {
  await checkFolder(path)
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`)
  try {
    const file = await open(temporary, 'wx')
    try {
      await file.writeFile(data)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => {})
    throw error
  }
}
