/**
 * @module
 * An akimat's architecture as files: a table (one row per function of the adopted typical set)
 * written as XLSX and CSV, the same XLSX read back and imported with a problem per row and
 * column, and the architecture in the exchange formats (ArchiMate, Backstage).
 *
 * The workbook has the sheets "Architecture" (the table; the columns to fill in are yellow and
 * have drop-down lists where Excel allows), "About" (the akimat, the typical set, and what each
 * column means, in Kazakh, Russian and English), "Systems" (the catalogue's systems to pick an
 * id from) and "Objects" (the registry objects the reader may see). Import reads the sheet
 * "Architecture" by its column headers, never by position: `key`, `performed`, `system id` (or
 * `system name` when the id is empty), `object id` (or `object code` when the id is empty),
 * `level`, `target level` and `note`. Every other column is for reading only.
 *
 * An import is all or nothing: problems of the file (a cell that is not yes/no or not a whole
 * number, an unknown system name) and of the decisions (paragraph 9's checks in
 * {@link recordDecisions}) come back together, each with its sheet row and column, and nothing is
 * stored. An unchanged file changes nothing. A file exported from one akimat imports into
 * another of the same level and typical set: the decisions come over as they are, except that a
 * registry object the importing editor may not see (another akimat's own system, not yet
 * accepted into the registry) is a problem of its row, and the import stores nothing until the
 * row names an object of its own (or none).
 */
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import {
  type CatalogSnapshot,
  type Column,
  tableToCsv,
  todayInKazakhstan,
  type Value,
} from '../catalog/index.js'
import { ForbiddenError, InputError } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  type ArchimateElement,
  type ArchimateModel,
  type ArchimateProperty,
  type ArchimatePropertyType,
  type ArchimateRelationship,
  type ArchimateRelationshipType,
  type BackstageEntity,
  type BackstageGroup,
  backstageName,
  entityRef,
  type LangString,
  makeIdentifier,
  writeArchimate,
  writeBackstage,
} from '../exchange/index.js'
import { checkZipContents, detectFileType, zipDeclaredSizes } from '../files/index.js'
import {
  isMessageKey,
  LANGUAGES,
  type Language,
  type MessageKey,
  translate,
} from '../i18n/index.js'
import {
  type AkimatArchitecture,
  type AkimatFunction,
  akimatArchitecture,
  canEditAkimat,
  checkDecisions,
  type DecisionInput,
  type DecisionProblem,
  DecisionsRejected,
  recordDecisions,
} from './architecture.js'
import { E_AKIMAT_SYSTEM, type ObjectInfo } from './model.js'

type Db = Kysely<Database>

/** The sheet that holds the architecture, written and read back. */
export const ARCHITECTURE_SHEET = 'Architecture'
/** Largest workbook imported, in bytes (5 MiB); the web limits the request body to a little more. */
export const MAX_ARCHITECTURE_FILE_BYTES = 5 * 1024 * 1024
/** Most rows of the sheet imported (the largest typical set has 757 functions). */
export const MAX_ARCHITECTURE_ROWS = 5000
/** Largest total unpacked size the workbook may declare (its XML parts), in bytes. */
export const MAX_ARCHITECTURE_UNPACKED_BYTES = 20 * 1024 * 1024

/** One function of the architecture as a row of the table. */
export interface ArchitectureRow {
  key: string
  section: number
  number: number
  group: string | null
  function: string
  language: string
  /** Names of the systems the row names (paragraph 9.1), `; `-separated. */
  recommended: string | null
  /** The printed levels with their text: `1: … | 2: …`. */
  printedLevels: string | null
  performed: 'yes' | 'no'
  systemId: string | null
  systemName: string | null
  objectId: number | null
  /** Empty when the object has no code, or the reader may not see it. */
  objectCode: string | null
  objectName: string | null
  level: number
  /** Empty = the highest printed level. */
  targetLevel: number | null
  note: string | null
  status: string
  issues: string | null
  decidedAt: string | null
  act: string
  lines: string
}

/** A column of the table: the catalogue's column, with the field it shows and whether it is read back. */
export interface ArchitectureColumn extends Column<ArchitectureRow> {
  field: keyof ArchitectureRow
  /** 'input': filled in and read back; 'fallback': read only when the id beside it is empty. */
  role?: 'input' | 'fallback'
}

const column = (
  field: keyof ArchitectureRow,
  header: string,
  width: number,
  extra: Partial<ArchitectureColumn> = {},
): ArchitectureColumn => ({
  field,
  header,
  width,
  value: (row) => row[field] as Value,
  ...extra,
})

/** The table's columns, in order; the headers are what import looks for. */
export const ARCHITECTURE_COLUMNS: readonly ArchitectureColumn[] = [
  column('key', 'key', 12),
  column('section', 'section', 8),
  column('number', 'number', 8),
  column('group', 'group', 30, { wrap: true }),
  column('function', 'function', 60, { wrap: true }),
  column('language', 'language', 9),
  column('recommended', 'recommended systems', 24, { wrap: true }),
  column('printedLevels', 'printed levels', 40, { wrap: true }),
  column('performed', 'performed', 11, { role: 'input' }),
  column('systemId', 'system id', 16, { role: 'input' }),
  column('systemName', 'system name', 22, { role: 'fallback', wrap: true }),
  column('objectId', 'object id', 10, { role: 'input' }),
  column('objectCode', 'object code', 14, { role: 'fallback' }),
  column('objectName', 'object name (kk)', 30, { wrap: true }),
  column('level', 'level', 8, { role: 'input' }),
  column('targetLevel', 'target level', 11, { role: 'input' }),
  column('note', 'note', 40, { role: 'input', wrap: true }),
  column('status', 'status', 16),
  column('issues', 'issues', 24, { wrap: true }),
  column('decidedAt', 'decided at', 24),
  column('act', 'act', 8),
  column('lines', 'lines', 12),
]

const header = (field: keyof ArchitectureRow) =>
  ARCHITECTURE_COLUMNS.find((c) => c.field === field)!.header

/** The columns import must find (system name and object code are optional). */
const REQUIRED_FIELDS: (keyof ArchitectureRow)[] = [
  'key',
  'performed',
  'systemId',
  'objectId',
  'level',
  'targetLevel',
  'note',
]

/** The architecture as table rows, one per function of the adopted set, in its order. */
export function architectureTable(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): ArchitectureRow[] {
  const objects = new Map(architecture.objects.map((o) => [o.id, o]))
  return architecture.functions.map((fn): ArchitectureRow => {
    const { decision, row } = fn
    const object = decision.objectId === null ? undefined : objects.get(decision.objectId)
    return {
      key: fn.key,
      section: row.section,
      number: row.number,
      group: row.group,
      function: row.function,
      language: row.language,
      recommended:
        fn.recommended.map((id) => snapshot.systemById.get(id)?.name ?? id).join('; ') || null,
      printedLevels: row.levels.map((l) => `${l.level}: ${l.text}`).join(' | ') || null,
      performed: decision.performed ? 'yes' : 'no',
      systemId: decision.systemId,
      systemName:
        decision.systemId === null
          ? null
          : decision.systemId === E_AKIMAT_SYSTEM
            ? 'e-akimat'
            : (snapshot.systemById.get(decision.systemId)?.name ?? null),
      objectId: decision.objectId,
      objectCode: object?.code ?? null,
      objectName: object?.nameKk ?? null,
      level: decision.level,
      targetLevel: decision.targetLevel,
      note: decision.note,
      status: fn.status,
      issues: fn.issues.join(', ') || null,
      decidedAt: fn.decidedAt,
      act: row.act,
      lines: `${row.lines[0]}–${row.lines[1]}`,
    }
  })
}

/** A server-made file name: `akimat-KATO-architecture-DATE.ext` (the date in Kazakhstan). */
export function architectureFileName(
  architecture: AkimatArchitecture,
  extension: 'xlsx' | 'csv' | 'archimate.xml',
  now = new Date(),
): string {
  return `akimat-${architecture.akimat.profile.kato}-architecture-${todayInKazakhstan(now)}.${extension}`
}

/** The table as CSV: UTF-8 with a byte order mark, CRLF, RFC 4180 quoting (as the catalogue's). */
export function writeArchitectureCsv(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): Buffer {
  return tableToCsv([...ARCHITECTURE_COLUMNS], architectureTable(architecture, snapshot))
}

const FILL_INPUT = 'FFFFE699'
const FILL_INPUT_CELL = 'FFFFF2CC'
const FILL_FALLBACK = 'FFFFF2CC'
const FILL_OTHER = 'FFD9D9D9'
const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
})

/** A text in the three interface languages, joined: for the workbook's few fixed words. */
const threeLanguages = (key: MessageKey) => LANGUAGES.map((l) => translate(l, key)).join(' / ')

/**
 * The architecture as an XLSX workbook (see the module comment for its sheets). The header row
 * of "Architecture" is frozen with the key column and has an auto-filter; the input columns are
 * yellow, with drop-down lists (performed: yes/no; system id: the sheet Systems; target level:
 * the row's printed levels) and a whole-number check of the level (0 to the row's highest).
 */
export async function writeArchitectureXlsx(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
  options: { now?: Date } = {},
): Promise<Buffer> {
  const now = options.now ?? new Date()
  const { akimat } = architecture
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'e-akimat'
  workbook.lastModifiedBy = 'e-akimat'
  workbook.title = `${akimat.organisation.nameKk}: ${ARCHITECTURE_SHEET}`
  workbook.subject = `KATO ${akimat.profile.kato}, typical set ${akimat.profile.typicalAt}`

  const rows = architectureTable(architecture, snapshot)
  const systems = [...snapshot.systems].sort((a, b) => a.id.localeCompare(b.id))

  // Architecture
  const sheet = workbook.addWorksheet(ARCHITECTURE_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  })
  sheet.columns = ARCHITECTURE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: c.wrap === true } },
  }))
  for (const row of rows) sheet.addRow(ARCHITECTURE_COLUMNS.map((c) => c.value(row)))
  const head = sheet.getRow(1)
  head.font = { bold: true }
  head.alignment = { vertical: 'top', wrapText: true }
  ARCHITECTURE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1)
    cell.fill = solid(
      c.role === 'input' ? FILL_INPUT : c.role === 'fallback' ? FILL_FALLBACK : FILL_OTHER,
    )
    if (c.role) {
      // What to write, in Kazakh, Russian and English.
      const key = `akimat.exchange.column.${c.field}` as MessageKey
      cell.note = LANGUAGES.map((l) => translate(l, key)).join('\n\n')
    }
  })
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: ARCHITECTURE_COLUMNS.length },
  }
  const letter = (field: keyof ArchitectureRow) =>
    sheet.getColumn(ARCHITECTURE_COLUMNS.findIndex((c) => c.field === field) + 1).letter
  const inputLetters = ARCHITECTURE_COLUMNS.filter((c) => c.role === 'input').map((c) =>
    letter(c.field),
  )
  const last = architecture.functions.length + 1
  if (last >= 2) {
    for (const l of inputLetters) {
      for (let r = 2; r <= last; r++) sheet.getCell(`${l}${r}`).fill = solid(FILL_INPUT_CELL)
    }
    // Validations by runs of rows (exceljs's own merging of single cells overlaps its ranges);
    // `dataValidations` is in exceljs but not in its types.
    const validations = (
      sheet as unknown as {
        dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void }
      }
    ).dataValidations
    const byRuns = (
      field: keyof ArchitectureRow,
      runKey: (fn: AkimatFunction) => string,
      make: (fn: AkimatFunction) => ExcelJS.DataValidation,
    ) => {
      const l = letter(field)
      let start = 0
      architecture.functions.forEach((fn, i) => {
        const next = architecture.functions[i + 1]
        if (next && runKey(next) === runKey(fn)) return
        validations.add(`${l}${start + 2}:${l}${i + 2}`, make(fn))
        start = i + 1
      })
    }
    byRuns(
      'performed',
      () => '',
      () => ({
        type: 'list',
        allowBlank: false,
        formulae: ['"yes,no"'],
        showErrorMessage: true,
        errorTitle: 'performed',
        error: 'yes / no',
      }),
    )
    byRuns(
      'level',
      (fn) => String(fn.maxLevel),
      (fn) => ({
        type: 'whole',
        operator: 'between',
        allowBlank: false,
        formulae: [0, fn.maxLevel],
        showErrorMessage: true,
        errorTitle: 'level',
        error: `0–${fn.maxLevel}`,
      }),
    )
    byRuns(
      'targetLevel',
      (fn) => fn.targetChoices.join(','),
      (fn) => ({
        type: 'list',
        allowBlank: true,
        formulae: [`"${fn.targetChoices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: 'target level',
        error: fn.targetChoices.join(', '),
      }),
    )
    if (systems.length > 0) {
      byRuns(
        'systemId',
        () => '',
        () => ({
          type: 'list',
          allowBlank: true,
          formulae: [`Systems!$A$2:$A$${systems.length + 1}`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: 'system id',
          error: 'Systems',
        }),
      )
    }
  }

  // About
  const about = workbook.addWorksheet('About')
  about.columns = [
    { width: 34, style: { alignment: { vertical: 'top', wrapText: true } } },
    { width: 34, style: { alignment: { vertical: 'top', wrapText: true } } },
    { width: 34, style: { alignment: { vertical: 'top', wrapText: true } } },
    { width: 50, style: { alignment: { vertical: 'top', wrapText: true } } },
    { width: 50, style: { alignment: { vertical: 'top', wrapText: true } } },
  ]
  const labelled = (key: MessageKey, value: Value) =>
    about.addRow([...LANGUAGES.map((l) => translate(l, key)), value])
  about.addRow([
    'Қазақша',
    'Русский',
    'English',
    threeLanguages('akimat.exchange.about.value'),
  ]).font = { bold: true }
  labelled('akimat.exchange.about.nameKk', akimat.organisation.nameKk)
  labelled('akimat.exchange.about.nameRu', akimat.organisation.nameRu)
  labelled('akimat.exchange.about.bin', akimat.organisation.bin)
  labelled('akimat.exchange.about.level', akimat.organisation.level)
  labelled('akimat.exchange.about.kato', akimat.profile.kato)
  labelled('akimat.exchange.about.typicalAt', akimat.profile.typicalAt)
  labelled('akimat.exchange.about.asOf', architecture.asOf)
  labelled('akimat.exchange.about.exportedAt', now.toISOString())
  labelled('akimat.exchange.about.functions', architecture.functions.length)
  about.addRow([])
  about.addRow(LANGUAGES.map((l) => translate(l, 'akimat.exchange.about.howTo')))
  about.addRow([])
  const columnsHead = about.addRow([
    threeLanguages('akimat.exchange.about.column'),
    threeLanguages('akimat.exchange.about.read'),
    'Қазақша',
    'Русский',
    'English',
  ])
  columnsHead.font = { bold: true }
  for (const c of ARCHITECTURE_COLUMNS) {
    const read =
      c.field === 'key' || c.role === 'input'
        ? 'akimat.exchange.about.read.yes'
        : c.role === 'fallback'
          ? 'akimat.exchange.about.read.fallback'
          : 'akimat.exchange.about.read.no'
    const row = about.addRow([
      c.header,
      threeLanguages(read),
      ...LANGUAGES.map((l) => translate(l, `akimat.exchange.column.${c.field}` as MessageKey)),
    ])
    if (c.role === 'input') row.getCell(1).fill = solid(FILL_INPUT)
  }

  // Systems
  const systemsSheet = workbook.addWorksheet('Systems', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const systemColumns: Column<(typeof systems)[number]>[] = [
    { header: 'id', value: (s) => s.id, width: 24 },
    { header: 'name', value: (s) => s.name, width: 30, wrap: true },
    { header: 'language', value: (s) => s.language, width: 10 },
    { header: 'pair', value: (s) => s.pair, width: 24 },
    { header: 'aliases', value: (s) => s.aliases.join('; '), width: 30, wrap: true },
    { header: 'expansion', value: (s) => s.expansion, width: 70, wrap: true },
  ]
  fillSheet(systemsSheet, systemColumns, systems)

  // Objects
  const objectsSheet = workbook.addWorksheet('Objects', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const own = akimat.organisation.id
  const objectColumns: Column<ObjectInfo>[] = [
    { header: 'id', value: (o) => o.id, width: 10 },
    { header: 'code', value: (o) => o.code, width: 16 },
    { header: 'name (kk)', value: (o) => o.nameKk, width: 50, wrap: true },
    { header: 'name (ru)', value: (o) => o.nameRu, width: 50, wrap: true },
    {
      header: 'own',
      value: (o) => (o.ownerOrganisationId === own ? 'yes' : 'no'),
      width: 8,
    },
  ]
  fillSheet(objectsSheet, objectColumns, architecture.objects)

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function fillSheet<T>(sheet: ExcelJS.Worksheet, columns: Column<T>[], items: readonly T[]) {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: c.wrap === true } },
  }))
  sheet.getRow(1).font = { bold: true }
  for (const item of items) sheet.addRow(columns.map((c) => c.value(item)))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

/** What is wrong with one cell (or row) of an imported sheet. */
export interface ImportProblem {
  /** The sheet's row number (the header is row 1). */
  row: number
  /** The column's header (`level`, `system id`, …). */
  column: string
  /** The cell (`O12`), or null when the column is not in the sheet. */
  cell: string | null
  /** The function key of the row, as written (may be empty). */
  key: string
  messageKey: string
  params: Record<string, string | number>
  /** In English; the web and the CLI translate `messageKey` where they can. */
  message: string
}

/** An import with problems: nothing of it was stored. */
export class ImportRejected extends InputError {
  constructor(readonly problems: ImportProblem[]) {
    super(
      `${problems.length} problem(s), nothing saved: ${problems
        .slice(0, 5)
        .map((p) => `row ${p.row}, column ${p.column}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? '; …' : ''}`,
      'akimat.exchange.error.rejected',
      { count: problems.length },
    )
  }
}

/** What `readArchitectureXlsx` found: the decisions and where each came from. */
export interface ParsedArchitecture {
  /** The rows without problems, as decisions. */
  inputs: DecisionInput[]
  /** The sheet row of each input. */
  rowNumbers: number[]
  /** Each input's "decided at" as exported (empty: undecided, or not given). */
  decidedAt: (string | null)[]
  problems: ImportProblem[]
  /** For mapping the decisions' problems back: the column each system and object came from. */
  sources: { system: string; object: string }[]
  /** Header → column letter, for the cells of problems. */
  letters: Map<string, string>
}

/** What names and codes are resolved against: the catalogue's systems and the objects one may see. */
export interface ArchitectureLookup {
  snapshot: CatalogSnapshot
  objects: readonly ObjectInfo[]
}

const english = (key: string, params: Record<string, string | number>, fallback: string) =>
  isMessageKey(key) ? translate('en', key, params) : fallback

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

const fileError = (key: MessageKey, params: Record<string, string | number> = {}) =>
  new InputError(translate('en', key, params), key, params)

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

/** A cell's value as text, or the Excel error it holds. */
function cellText(value: ExcelJS.CellValue): { text: string; error?: string } {
  if (value === null || value === undefined) return { text: '' }
  if (typeof value === 'string') return { text: value.trim() }
  if (typeof value === 'number') return { text: String(value) }
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' }
  if (value instanceof Date) return { text: value.toISOString() }
  if (typeof value === 'object') {
    if ('error' in value) return { text: '', error: String(value.error) }
    if ('richText' in value)
      return {
        text: value.richText
          .map((r) => r.text)
          .join('')
          .trim(),
      }
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      if (result && typeof result === 'object' && 'error' in result) {
        return { text: '', error: String((result as { error: unknown }).error) }
      }
      return cellText((result ?? null) as ExcelJS.CellValue)
    }
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text)
  }
  return { text: String(value).trim() }
}

/** Whether `name` is how the catalogue writes a system (its name, an alias), ignoring case and spaces. */
function systemsNamed(snapshot: CatalogSnapshot, name: string): string[] {
  const wanted = normalise(name)
  const ids = new Set<string>()
  for (const s of snapshot.systems) {
    if (normalise(s.id) === wanted) ids.add(s.id)
    if (normalise(s.name) === wanted || s.aliases.some((a) => normalise(a) === wanted)) {
      ids.add(s.id)
    }
  }
  return [...ids]
}

/**
 * Reads the sheet "Architecture" of an XLSX workbook by its column headers (see the module
 * comment). Refuses with one `InputError` what cannot be read at all: a file over 5 MiB, what is
 * not a ZIP (`akimat.exchange.error.notXlsx`), a ZIP that is not a workbook (`notWorkbook`), a
 * workbook that declares more than 100 MiB unpacked (`unpacked`) or cannot be read
 * (`unreadable`), one without the sheet (`noSheet`) or without a required column (`columns`),
 * more than 5,000 rows (`tooManyRows`) or none (`noRows`). Otherwise returns the rows as
 * decisions and, separately, the problems of the others with their row and column. Empty rows
 * are skipped. A system name is resolved when the system id is empty, an object code (among
 * `lookup.objects`) when the object id is empty.
 */
export async function readArchitectureXlsx(
  buffer: Uint8Array,
  lookup: ArchitectureLookup,
): Promise<ParsedArchitecture> {
  if (buffer.byteLength > MAX_ARCHITECTURE_FILE_BYTES) {
    throw fileError('akimat.exchange.error.tooLarge', {
      size: mib(buffer.byteLength),
      limit: mib(MAX_ARCHITECTURE_FILE_BYTES),
    })
  }
  const type = await detectFileType(buffer)
  if (type === 'pdf' || type === 'unknown') throw fileError('akimat.exchange.error.notXlsx')
  if (type === 'docx') throw fileError('akimat.exchange.error.notWorkbook')
  const sizes = zipDeclaredSizes(buffer)
  if (!sizes?.has('xl/workbook.xml') || !sizes.has('[Content_Types].xml')) {
    throw fileError('akimat.exchange.error.notWorkbook')
  }
  // Every entry is unpacked once, keeping none, before exceljs sees the file: an entry that
  // unpacks to more than it declares (a zip bomb), or a total over the limit, is refused here.
  const contents = checkZipContents(buffer, {
    maxTotal: MAX_ARCHITECTURE_UNPACKED_BYTES,
    maxEntries: 5_000,
  })
  if (!contents.ok) {
    if (contents.reason === 'tooLarge') {
      throw fileError('akimat.exchange.error.unpacked', {
        size: mib(contents.declared),
        limit: mib(MAX_ARCHITECTURE_UNPACKED_BYTES),
      })
    }
    throw fileError('akimat.exchange.error.notWorkbook')
  }
  const workbook = new ExcelJS.Workbook()
  try {
    // A copy in an ArrayBuffer of its own: exceljs reads an ArrayBuffer (or a Node Buffer).
    const copy = new Uint8Array(buffer.byteLength)
    copy.set(buffer)
    await workbook.xlsx.load(copy.buffer)
  } catch (error) {
    throw fileError('akimat.exchange.error.unreadable', {
      detail: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : '?',
    })
  }
  const sheet = workbook.worksheets.find((w) => normalise(w.name) === normalise(ARCHITECTURE_SHEET))
  if (!sheet) {
    throw fileError('akimat.exchange.error.noSheet', {
      sheet: ARCHITECTURE_SHEET,
      sheets: workbook.worksheets.map((w) => `“${w.name}”`).join(', ') || '—',
    })
  }

  // Headers: the first row, by name.
  const positions = new Map<string, number>()
  const letters = new Map<string, string>()
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const name = normalise(cellText(cell.value).text)
    if (name && !positions.has(name)) {
      positions.set(name, col)
      letters.set(name, sheet.getColumn(col).letter)
    }
  })
  const missing = REQUIRED_FIELDS.map(header).filter((h) => !positions.has(h))
  if (missing.length > 0) {
    throw fileError('akimat.exchange.error.columns', {
      sheet: sheet.name,
      columns: missing.map((m) => `“${m}”`).join(', '),
    })
  }
  const dataRows = sheet.actualRowCount - 1
  if (dataRows > MAX_ARCHITECTURE_ROWS) {
    throw fileError('akimat.exchange.error.tooManyRows', {
      count: dataRows,
      limit: MAX_ARCHITECTURE_ROWS,
    })
  }

  const read = [
    'key',
    'performed',
    'systemId',
    'systemName',
    'objectId',
    'objectCode',
    'level',
    'targetLevel',
    'note',
  ] as const
  const objectsById = new Map(lookup.objects.map((o) => [o.id, o]))
  const result: ParsedArchitecture = {
    inputs: [],
    rowNumbers: [],
    decidedAt: [],
    problems: [],
    sources: [],
    letters,
  }
  const rows: ExcelJS.Row[] = []
  sheet.eachRow((row, r) => {
    if (r > 1) rows.push(row)
  })
  let seen = 0
  for (const row of rows) {
    const r = row.number
    const cells = {} as Record<(typeof read)[number], { text: string; error?: string }>
    let empty = true
    for (const field of read) {
      const col = positions.get(header(field))
      cells[field] = col === undefined ? { text: '' } : cellText(row.getCell(col).value)
      if (cells[field].text !== '' || cells[field].error) empty = false
    }
    if (empty) continue
    seen += 1
    if (seen > MAX_ARCHITECTURE_ROWS) {
      throw fileError('akimat.exchange.error.tooManyRows', {
        count: seen,
        limit: MAX_ARCHITECTURE_ROWS,
      })
    }
    const key = cells.key.text
    const before = result.problems.length
    const problem = (
      field: (typeof read)[number],
      messageKey: MessageKey,
      params: Record<string, string | number> = {},
    ) => {
      const name = header(field)
      const letter = letters.get(name)
      result.problems.push({
        row: r,
        column: name,
        cell: letter ? `${letter}${r}` : null,
        key,
        messageKey,
        params: { key, ...params },
        message: translate('en', messageKey, { key, ...params }),
      })
    }
    for (const field of read) {
      const error = cells[field].error
      if (error) problem(field, 'akimat.exchange.problem.cellError', { value: error })
    }
    if (result.problems.length > before) continue
    if (key === '') problem('key', 'akimat.exchange.problem.keyMissing')

    const performedText = cells.performed.text.toLowerCase()
    const performed =
      performedText === 'yes' || performedText === 'true'
        ? true
        : performedText === 'no' || performedText === 'false'
          ? false
          : undefined
    if (performedText === '') problem('performed', 'akimat.exchange.problem.required')
    else if (performed === undefined) {
      problem('performed', 'akimat.exchange.problem.performed', { value: cells.performed.text })
    }

    const whole = (field: 'level' | 'targetLevel' | 'objectId', required: boolean) => {
      const text = cells[field].text
      if (text === '') {
        if (required) problem(field, 'akimat.exchange.problem.required')
        return null
      }
      if (!/^[+-]?\d{1,9}(\.0+)?$/.test(text)) {
        problem(field, 'akimat.exchange.problem.whole', { value: text })
        return null
      }
      return Number.parseInt(text, 10)
    }
    const level = whole('level', true)
    const targetLevel = whole('targetLevel', false)

    let systemId: string | null = cells.systemId.text || null
    let systemSource = header('systemId')
    const systemName = cells.systemName.text
    if (systemName !== '') {
      const named = systemsNamed(lookup.snapshot, systemName)
      if (systemId === null) {
        systemSource = header('systemName')
        if (named.length === 0) {
          problem('systemName', 'akimat.exchange.problem.systemName', { value: systemName })
        } else if (named.length > 1) {
          problem('systemName', 'akimat.exchange.problem.systemAmbiguous', {
            value: systemName,
            ids: named.join(', '),
          })
        } else systemId = named[0]!
      } else if (
        lookup.snapshot.systemById.has(systemId) &&
        !named.some(
          (id) => id === systemId || lookup.snapshot.systemById.get(id)?.pair === systemId,
        )
      ) {
        problem('systemName', 'akimat.exchange.problem.systemMismatch', {
          id: systemId,
          value: systemName,
        })
      }
    }

    let objectId = whole('objectId', false)
    let objectSource = header('objectId')
    const objectCode = cells.objectCode.text
    if (objectCode !== '' && cells.objectId.text === '') {
      objectSource = header('objectCode')
      const found = lookup.objects.filter(
        (o) => o.code !== null && normalise(o.code) === normalise(objectCode),
      )
      if (found.length !== 1) {
        problem('objectCode', 'akimat.exchange.problem.objectCode', { value: objectCode })
      } else objectId = found[0]!.id
    } else if (objectCode !== '' && objectId !== null) {
      const code = objectsById.get(objectId)?.code
      if (code && normalise(code) !== normalise(objectCode)) {
        problem('objectCode', 'akimat.exchange.problem.objectMismatch', {
          id: objectId,
          value: objectCode,
        })
      }
    }

    if (result.problems.length > before) continue
    result.inputs.push({
      key,
      performed: performed!,
      systemId,
      objectId,
      level: level!,
      targetLevel,
      note: cells.note.text === '' ? null : cells.note.text,
    })
    result.rowNumbers.push(r)
    const decidedColumn = positions.get(header('decidedAt'))
    const decided =
      decidedColumn === undefined ? '' : cellText(row.getCell(decidedColumn).value).text.trim()
    result.decidedAt.push(decided === '' ? null : decided)
    result.sources.push({ system: systemSource, object: objectSource })
  }
  if (seen === 0) throw fileError('akimat.exchange.error.noRows', { sheet: sheet.name })
  return result
}

const FIELD_COLUMNS: Record<DecisionProblem['field'], keyof ArchitectureRow> = {
  key: 'key',
  performed: 'performed',
  system: 'systemId',
  object: 'objectId',
  level: 'level',
  targetLevel: 'targetLevel',
  note: 'note',
  version: 'key',
}

/** The decisions' problems at the sheet rows and columns they came from. */
function mapProblems(parsed: ParsedArchitecture, problems: DecisionProblem[]): ImportProblem[] {
  return problems.map((p) => {
    const row = parsed.rowNumbers[p.index] ?? 0
    const source = parsed.sources[p.index]
    const name =
      p.field === 'system' && source
        ? source.system
        : p.field === 'object' && source
          ? source.object
          : header(FIELD_COLUMNS[p.field])
    const letter = parsed.letters.get(name)
    return {
      row,
      column: name,
      cell: letter ? `${letter}${row}` : null,
      key: p.key,
      messageKey: p.messageKey,
      params: p.params,
      message: english(p.messageKey, p.params, p.message),
    }
  })
}

const columnOrder = (name: string) => {
  const i = ARCHITECTURE_COLUMNS.findIndex((c) => c.header === name)
  return i === -1 ? ARCHITECTURE_COLUMNS.length : i
}

/**
 * Imports a workbook into the akimat's architecture as `actor` (an editor or administrator of
 * the akimat; others get ForbiddenError, or NotFoundError when they may not read it): reads it
 * ({@link readArchitectureXlsx}) and records its decisions in one transaction with the source
 * `import`. Every problem, of the file and of the decisions, comes back together as
 * {@link ImportRejected} and nothing is stored. Returns the rows read and the functions changed
 * (0 for a file exported and uploaded unchanged).
 */
export async function importArchitecture(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  buffer: Uint8Array,
  now = new Date(),
): Promise<{ rows: number; changed: number }> {
  const architecture = await akimatArchitecture(db, actor, snapshot, organisationId, {
    asOf: '9999-12-31T23:59:59.999Z',
  })
  if (!canEditAkimat(actor, organisationId)) {
    throw new ForbiddenError(
      'Only the akimat’s editors and administrators change its architecture',
      'akimat.error.forbidden',
    )
  }
  const parsed = await readArchitectureXlsx(buffer, { snapshot, objects: architecture.objects })
  const reject = (domain: DecisionProblem[]) => {
    const problems = [...parsed.problems, ...mapProblems(parsed, domain)].sort(
      (a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column),
    )
    return new ImportRejected(problems)
  }
  // A row changed in the file whose function was decided again after the file was exported
  // (its "decided at" is older than the current decision's) would undo that newer decision:
  // it is a problem of that row ("changed meanwhile"), as on the form and in the API.
  const current = new Map(architecture.functions.map((f) => [f.key, f]))
  parsed.inputs.forEach((input, i) => {
    const fn = current.get(input.key.trim())
    const exported = parsed.decidedAt[i] ?? null
    if (!fn?.decidedAt || (exported !== null && exported >= fn.decidedAt)) return
    const d = fn.decision
    const same =
      d.performed === input.performed &&
      d.systemId === (input.systemId ?? null) &&
      d.objectId === (input.objectId ?? null) &&
      d.level === input.level &&
      d.targetLevel === (input.targetLevel ?? null) &&
      (d.note ?? '') === (input.note?.trim() ?? '')
    if (!same) input.expectedVersion = -1
  })
  if (parsed.problems.length > 0) {
    throw reject(checkDecisions(architecture, snapshot, parsed.inputs))
  }
  try {
    const { changed } = await recordDecisions(
      db,
      actor,
      snapshot,
      organisationId,
      parsed.inputs,
      'import',
      now,
    )
    return { rows: parsed.inputs.length, changed }
  } catch (error) {
    if (error instanceof DecisionsRejected) throw reject(error.problems)
    throw error
  }
}

// ── Exchange formats ─────────────────────────────────────────────────────────────────────────

/** For codes, numbers and dates, which have no language (BCP 47 "no linguistic content"). */
const NO_LANGUAGE = 'zxx'
const code = (text: string | number): LangString[] => [{ text: String(text), lang: NO_LANGUAGE }]
const inLanguages = (
  key: MessageKey,
  params: Record<string, string | number> = {},
  languages: readonly Language[] = LANGUAGES,
): LangString[] => languages.map((lang) => ({ text: translate(lang, key, params), lang }))

/** The texts of an object in Kazakh and Russian (only the non-empty ones). */
const objectNames = (object: ObjectInfo): LangString[] =>
  [
    { text: object.nameKk, lang: 'kk' },
    { text: object.nameRu, lang: 'ru' },
  ].filter((n) => n.text.trim() !== '')

const PROPERTIES: Record<string, { key: MessageKey; type: ArchimatePropertyType }> = {
  kato: { key: 'akimat.exchange.property.kato', type: 'string' },
  typicalAt: { key: 'akimat.exchange.property.typicalAt', type: 'date' },
  asOf: { key: 'akimat.exchange.property.asOf', type: 'string' },
  key: { key: 'akimat.exchange.property.key', type: 'string' },
  act: { key: 'exchange.property.act', type: 'string' },
  lines: { key: 'exchange.property.lines', type: 'string' },
  level: { key: 'akimat.exchange.property.level', type: 'number' },
  targetLevel: { key: 'akimat.exchange.property.targetLevel', type: 'number' },
  status: { key: 'akimat.exchange.property.status', type: 'string' },
  systemId: { key: 'exchange.property.systemId', type: 'string' },
  objectId: { key: 'akimat.exchange.property.objectId', type: 'number' },
  objectCode: { key: 'akimat.exchange.property.objectCode', type: 'string' },
}
const propertyId = (name: string) =>
  `propdef-akimat-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

const performedFunctions = (architecture: AkimatArchitecture) =>
  architecture.functions.filter((f) => f.decision.performed)

/**
 * The akimat's architecture as an ArchiMate model: a BusinessActor for the akimat (named in
 * Kazakh and Russian) assigned to a BusinessFunction per function it performs (named as printed,
 * in the row's language, with the key, act, lines, levels and status as properties); an
 * ApplicationComponent per catalogue system (with its other-language pair's name) or registry
 * object (names kk and ru where the reader may see it) that automates a function, serving it;
 * and a DataObject per information resource a performed function names, which it accesses.
 */
export function akimatArchimate(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): ArchimateModel {
  const { akimat } = architecture
  const kato = akimat.profile.kato
  const used = new Set<string>()
  const property = (name: string, values: LangString[]): ArchimateProperty => {
    used.add(name)
    return { definition: propertyId(name), values }
  }
  const relationships: ArchimateRelationship[] = []
  const relate = (type: ArchimateRelationshipType, source: string, target: string) => {
    const identifier = makeIdentifier('rel', `${type}:${source}:${target}`)
    if (!relationships.some((r) => r.identifier === identifier)) {
      relationships.push({ identifier, type, source, target })
    }
  }
  const actorId = makeIdentifier('akimat', kato)
  const actor: ArchimateElement = {
    identifier: actorId,
    type: 'BusinessActor',
    names: [
      { text: akimat.organisation.nameKk, lang: 'kk' },
      { text: akimat.organisation.nameRu, lang: 'ru' },
    ].filter((n) => n.text.trim() !== ''),
    properties: [
      property('kato', code(kato)),
      property('typicalAt', code(akimat.profile.typicalAt)),
      property('asOf', code(architecture.asOf)),
    ],
  }
  const functions: ArchimateElement[] = []
  const components = new Map<string, ArchimateElement>()
  const resources = new Map<string, ArchimateElement>()
  const objects = new Map(architecture.objects.map((o) => [o.id, o]))

  const systemComponent = (id: string): string => {
    const identifier = makeIdentifier('sys', id)
    if (!components.has(identifier)) {
      const system = snapshot.systemById.get(id)
      const language = system?.language ?? 'und'
      const names: LangString[] = [{ text: system?.name ?? id, lang: language }]
      const pair = system?.pair ? snapshot.systemById.get(system.pair) : undefined
      if (pair?.language && pair.language !== language) {
        names.push({ text: pair.name, lang: pair.language })
      }
      components.set(identifier, {
        identifier,
        type: 'ApplicationComponent',
        names,
        ...(system?.expansion
          ? { documentation: [{ text: system.expansion, lang: language }] }
          : {}),
        properties: [property('systemId', code(id))],
      })
    }
    return identifier
  }
  const objectComponent = (id: number): string => {
    const identifier = makeIdentifier('object', String(id))
    if (!components.has(identifier)) {
      const object = objects.get(id)
      const names = object ? objectNames(object) : []
      components.set(identifier, {
        identifier,
        type: 'ApplicationComponent',
        names: names.length ? names : inLanguages('akimat.exchange.archimate.object', { id }),
        properties: [
          property('objectId', code(id)),
          ...(object?.code ? [property('objectCode', code(object.code))] : []),
        ],
      })
    }
    return identifier
  }

  for (const fn of performedFunctions(architecture)) {
    const { row, decision } = fn
    const identifier = makeIdentifier('fn', fn.key)
    functions.push({
      identifier,
      type: 'BusinessFunction',
      names: [{ text: row.function, lang: row.language }],
      properties: [
        property('key', code(fn.key)),
        property('act', code(row.act)),
        property('lines', code(`${row.lines[0]}–${row.lines[1]}`)),
        property('level', code(decision.level)),
        property('targetLevel', code(fn.target)),
        property('status', code(fn.status)),
      ],
    })
    relate('Assignment', actorId, identifier)
    if (decision.systemId) relate('Serving', systemComponent(decision.systemId), identifier)
    if (decision.objectId !== null) {
      relate('Serving', objectComponent(decision.objectId), identifier)
    }
    for (const text of row.resources) {
      const resourceId = makeIdentifier('res', text)
      if (!resources.has(resourceId)) {
        resources.set(resourceId, {
          identifier: resourceId,
          type: 'DataObject',
          names: [{ text, lang: row.language }],
        })
      }
      relate('Access', identifier, resourceId)
    }
  }

  const refs = (list: Iterable<ArchimateElement>) =>
    [...list].map((e) => ({ identifierRef: e.identifier }))
  const folders = [
    { key: 'exchange.folder.functions' as const, items: refs([actor, ...functions]) },
    { key: 'exchange.folder.systems' as const, items: refs(components.values()) },
    { key: 'exchange.folder.resources' as const, items: refs(resources.values()) },
  ].filter((f) => f.items.length > 0)
  const nameOf = (language: Language) =>
    language === 'ru' ? akimat.organisation.nameRu : akimat.organisation.nameKk
  return {
    identifier: makeIdentifier('model', `akimat:${kato}`),
    names: (['kk', 'ru'] as const).map((lang) => ({
      text: translate(lang, 'akimat.exchange.archimate.name', { name: nameOf(lang), kato }),
      lang,
    })),
    documentation: inLanguages('akimat.exchange.archimate.documentation', {
      asOf: architecture.asOf,
      typicalAt: akimat.profile.typicalAt,
    }),
    elements: [actor, ...functions, ...components.values(), ...resources.values()],
    relationships,
    organizations: folders.map((f) => ({ label: inLanguages(f.key), items: f.items })),
    propertyDefinitions: Object.entries(PROPERTIES)
      .filter(([name]) => used.has(name))
      .map(([name, definition]) => ({
        identifier: propertyId(name),
        names: inLanguages(definition.key),
        type: definition.type,
      })),
  }
}

/** The ArchiMate model of {@link akimatArchimate} as an exchange file (XML text). */
export function writeAkimatArchimate(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): string {
  return writeArchimate(akimatArchimate(architecture, snapshot))
}

/**
 * The akimat's architecture as Backstage entities: a Group for the akimat (title in Kazakh,
 * description in Russian) and a System of its architecture; a Component per catalogue system
 * (owned by the e-government Group) and per registry object (owned by the akimat when it is its
 * own, else by the Group of registry owners) that automates a performed function, depending on
 * the resources of the functions it serves; a Resource per information resource of a performed
 * function. Annotations keep the KATO code, the function keys and the ids.
 */
export function akimatBackstage(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): BackstageEntity[] {
  const { akimat } = architecture
  const kato = akimat.profile.kato
  const base = {
    'e-akimat/kato': kato,
    'e-akimat/typical-at': akimat.profile.typicalAt,
    'e-akimat/as-of': architecture.asOf,
  }
  const group: BackstageGroup = {
    kind: 'Group',
    metadata: {
      name: `akimat-${kato}`,
      title: akimat.organisation.nameKk,
      description: akimat.organisation.nameRu,
      annotations: {
        ...base,
        ...(akimat.organisation.bin ? { 'e-akimat/bin': akimat.organisation.bin } : {}),
        'e-akimat/level': akimat.organisation.level,
      },
    },
    spec: { type: 'organization', children: [] },
  }
  const egovernment: BackstageGroup = {
    kind: 'Group',
    metadata: {
      name: 'e-government',
      title: translate('kk', 'exchange.backstage.egovernment'),
      description: translate('en', 'exchange.backstage.egovernment'),
    },
    spec: { type: 'organization', children: [] },
  }
  const registry: BackstageGroup = {
    kind: 'Group',
    metadata: {
      name: 'registry-owners',
      title: translate('kk', 'akimat.exchange.backstage.registry'),
      description: translate('en', 'akimat.exchange.backstage.registry'),
    },
    spec: { type: 'organization', children: [] },
  }
  const systemName = `akimat-${kato}-architecture`
  const system: BackstageEntity = {
    kind: 'System',
    metadata: {
      name: systemName,
      title: translate('kk', 'akimat.exchange.archimate.name', {
        name: akimat.organisation.nameKk,
        kato,
      }),
      description: translate('ru', 'akimat.exchange.archimate.name', {
        name: akimat.organisation.nameRu,
        kato,
      }),
      annotations: base,
    },
    spec: { owner: entityRef(group) },
  }

  const performed = performedFunctions(architecture)
  const resourceNames = new Set<string>()
  const resourceFunctions = new Map<string, AkimatFunction[]>()
  for (const fn of performed) {
    for (const text of new Set(fn.row.resources)) {
      resourceFunctions.set(text, [...(resourceFunctions.get(text) ?? []), fn])
    }
  }
  const resourceName = new Map(
    [...resourceFunctions.keys()].map((text) => [text, backstageName(text, resourceNames)]),
  )
  const resources: BackstageEntity[] = [...resourceFunctions.entries()].map(([text, fns]) => ({
    kind: 'Resource',
    metadata: {
      name: resourceName.get(text)!,
      title: text,
      annotations: {
        'e-akimat/language': fns[0]!.row.language,
        'e-akimat/functions': fns.map((f) => f.key).join(', '),
      },
    },
    spec: { type: 'information-resource', owner: entityRef(group), system: entityRef(system) },
  }))

  // Components: by what automates the functions.
  const serving = new Map<string, { fns: AkimatFunction[]; systemId?: string; objectId?: number }>()
  for (const fn of performed) {
    const { systemId, objectId } = fn.decision
    const id = systemId ? `system:${systemId}` : objectId !== null ? `object:${objectId}` : null
    if (!id) continue
    const entry = serving.get(id) ?? {
      fns: [],
      ...(systemId ? { systemId } : { objectId: objectId! }),
    }
    entry.fns.push(fn)
    serving.set(id, entry)
  }
  const componentNames = new Set<string>()
  const objects = new Map(architecture.objects.map((o) => [o.id, o]))
  let usesRegistry = false
  const components = [...serving.values()].map((entry): BackstageEntity => {
    const dependsOn = [...new Set(entry.fns.flatMap((f) => f.row.resources))].map(
      (text) => `resource:default/${resourceName.get(text)!}`,
    )
    const functions = entry.fns.map((f) => f.key).join(', ')
    if (entry.systemId) {
      const found = snapshot.systemById.get(entry.systemId)
      return {
        kind: 'Component',
        metadata: {
          name: backstageName(entry.systemId, componentNames),
          title: found?.name ?? entry.systemId,
          ...(found?.expansion ? { description: found.expansion } : {}),
          annotations: { 'e-akimat/system-id': entry.systemId, 'e-akimat/functions': functions },
        },
        spec: {
          type: 'information-system',
          lifecycle: 'production',
          owner: entityRef(egovernment),
          system: entityRef(system),
          ...(dependsOn.length ? { dependsOn } : {}),
        },
      }
    }
    const object = objects.get(entry.objectId!)
    const own = object?.ownerOrganisationId === akimat.organisation.id
    if (!own) usesRegistry = true
    return {
      kind: 'Component',
      metadata: {
        name: backstageName(`object-${entry.objectId}`, componentNames),
        title:
          object?.nameKk ??
          translate('kk', 'akimat.exchange.archimate.object', { id: entry.objectId! }),
        ...(object?.nameRu ? { description: object.nameRu } : {}),
        annotations: {
          'e-akimat/object-id': String(entry.objectId),
          ...(object?.code ? { 'e-akimat/object-code': object.code } : {}),
          'e-akimat/functions': functions,
        },
      },
      spec: {
        type: 'information-system',
        lifecycle: 'production',
        owner: entityRef(own ? group : registry),
        system: entityRef(system),
        ...(dependsOn.length ? { dependsOn } : {}),
      },
    }
  })
  const usesCatalogue = [...serving.values()].some((e) => e.systemId)
  return [
    group,
    ...(usesCatalogue ? [egovernment] : []),
    ...(usesRegistry ? [registry] : []),
    system,
    ...components,
    ...resources,
  ]
}

/** The entities of {@link akimatBackstage} as one catalog-info.yaml. */
export function writeAkimatBackstage(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): string {
  return writeBackstage(akimatBackstage(architecture, snapshot))
}
