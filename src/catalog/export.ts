/**
 * @module
 * The catalogue as one JSON document: acts, row versions (all of them, or those in force on a
 * date), information systems, glossary and indicators. The shape is a published contract
 * (`catalog export --format json`).
 */
import type { Kysely, Selectable } from 'kysely'
import { listActs } from '../acts/index.js'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'

export interface ExportedRow {
  id: string
  act: string
  architecture: string
  section: number
  number: number
  group: string | null
  function: string
  systems: string[]
  approach: string | null
  levels: { level: number; text: string }[]
  resources: string[]
  unit: string | null
  language: string
  lines: [number, number]
  validFrom: string | null
  validTo: string | null
  flags: string[]
  status?: 'deleted'
  /** Ids of the information systems the row names, in the order printed. */
  systemIds?: string[]
}

export interface CatalogExport {
  at: string | null
  acts: {
    id: string
    number: string
    date: string
    registration: string
    language: string
    title: string
    kind: string
    amends: string | null
    effectiveFrom: string | null
    effectiveFromKind: string
    repealedOn: string | null
  }[]
  sections: {
    architecture: string
    act: string
    section: number
    title: string
    language: string
    validFrom: string | null
    validTo: string | null
  }[]
  rows: ExportedRow[]
  systems: {
    id: string
    name: string
    language: string | null
    aliases: string[]
    expansion: string | null
    pair: string | null
  }[]
  glossary: {
    act: string
    abbreviation: string
    expansion: string
    level: number | null
    list: string
    language: string
  }[]
  indicators: {
    act: string
    code: string
    title: string
    unit: string
    category: string
    group: string | null
  }[]
  /** What the catalogue cannot show for this date (an architecture whose text is not loaded). */
  notices: string[]
}

/** Checks a YYYY-MM-DD date that exists in the calendar (no 2022-02-30). */
export function checkDate(value: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new InputError(`"${value}" is not a date; write YYYY-MM-DD`)
  }
  return value
}

/** A stored row version, as read from catalog_row_version. */
type RowRecord = Selectable<Database['catalog_row_version']>

/** A stored row version in the export's shape. */
export function toExportedRow(r: RowRecord): ExportedRow {
  return {
    id: `${r.source_act}:${r.section}.${r.number}`,
    act: r.source_act,
    architecture: r.architecture,
    section: r.section,
    number: r.number,
    group: r.group_text,
    function: r.function_text,
    systems: JSON.parse(r.systems) as string[],
    approach: r.approach,
    levels: JSON.parse(r.levels),
    resources: JSON.parse(r.resources) as string[],
    unit: r.unit,
    language: r.language,
    lines: [r.line_first, r.line_last],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    flags: JSON.parse(r.flags) as string[],
    ...(r.status === 'deleted' ? { status: 'deleted' as const } : {}),
  }
}

const inForce = (at: string, from: string | null, to: string | null) =>
  (from === null || from <= at) && (to === null || at < to)

/**
 * Exports the catalogue. Without `at`, every version of every row; with `at` (YYYY-MM-DD), the
 * rows, section titles and glossary in force on that day.
 */
export async function exportCatalog(
  db: Kysely<Database>,
  options: { at?: string } = {},
): Promise<CatalogExport> {
  const at = options.at ? checkDate(options.at) : null
  const acts = await listActs(db)
  const rowRecords = await db
    .selectFrom('catalog_row_version')
    .selectAll()
    .orderBy('architecture')
    .orderBy('section')
    .orderBy('number')
    .orderBy('valid_from')
    .execute()
  const rows: ExportedRow[] = rowRecords
    .filter((r) => (at ? r.status === 'text' && inForce(at, r.valid_from, r.valid_to) : true))
    .map(toExportedRow)
  const sections = (
    await db
      .selectFrom('catalog_section_version')
      .selectAll()
      .orderBy('architecture')
      .orderBy('section')
      .execute()
  )
    .filter((s) => (at ? inForce(at, s.valid_from, s.valid_to) : true))
    .map((s) => ({
      architecture: s.architecture,
      act: s.source_act,
      section: s.section,
      title: s.title,
      language: s.language,
      validFrom: s.valid_from,
      validTo: s.valid_to,
    }))
  const glossaryRecords = await db
    .selectFrom('catalog_glossary_entry')
    .selectAll()
    .orderBy('id')
    .execute()
  const glossary = glossaryRecords
    .filter((g) => (at ? inForce(at, g.valid_from, g.valid_to) : true))
    .map((g) => ({
      act: g.source_act,
      abbreviation: g.abbreviation,
      expansion: g.expansion,
      level: g.level,
      list: g.list,
      language: g.language,
    }))
  const indicators = (await db.selectFrom('catalog_indicator').selectAll().orderBy('id').execute())
    .filter((i) => {
      if (!at) return true
      const act = acts.find((a) => a.id === i.source_act)
      return act ? inForce(at, act.effectiveFrom, act.repealedOn) : false
    })
    .map((i) => ({
      act: i.source_act,
      code: i.code,
      title: i.title,
      unit: i.unit,
      category: i.category,
      group: i.group_code,
    }))

  const systemRecords = await db.selectFrom('catalog_system').selectAll().orderBy('id').execute()
  const links = await db
    .selectFrom('catalog_row_system')
    .select(['row_version_id', 'system_id', 'position'])
    .orderBy('row_version_id')
    .orderBy('position')
    .execute()
  const idsByRow = new Map<number, string[]>()
  for (const link of links) {
    idsByRow.set(link.row_version_id, [
      ...(idsByRow.get(link.row_version_id) ?? []),
      link.system_id,
    ])
  }
  const idByRowKey = new Map(
    rowRecords.map((r) => [`${r.source_act}:${r.section}.${r.number}`, r.id]),
  )
  for (const row of rows) row.systemIds = idsByRow.get(idByRowKey.get(row.id) ?? -1) ?? []
  const named = new Set(rows.flatMap((r) => r.systemIds ?? []))
  const systems = systemRecords
    .filter((s) => !at || named.has(s.id))
    .map((s) => ({
      id: s.id,
      name: s.name,
      language: s.language,
      aliases: JSON.parse(s.aliases) as string[],
      expansion: s.expansion,
      pair: s.pair,
    }))

  const notices: string[] = []
  if (at) {
    const architectures = new Set(rows.map((r) => r.architecture))
    for (const architecture of architectures) {
      if (!acts.some((a) => a.id === architecture && a.kind === 'architecture')) {
        notices.push(
          `The text of act ${architecture} is not loaded: only the rows its amendments restate are shown.`,
        )
      }
    }
    if (rows.length === 0) notices.push(`No loaded architecture is in force on ${at}.`)
  }

  return {
    at,
    acts: acts.map((a) => ({
      id: a.id,
      number: a.number,
      date: a.date,
      registration: a.registration,
      language: a.language,
      title: a.title,
      kind: a.kind,
      amends: a.amends,
      effectiveFrom: a.effectiveFrom,
      effectiveFromKind: a.effectiveFromKind,
      repealedOn: a.repealedOn,
    })),
    sections,
    rows,
    systems,
    glossary,
    indicators,
    notices,
  }
}

/** One stored row version of an act, in the export's shape, or undefined. */
export async function findRowVersion(
  db: Kysely<Database>,
  act: string,
  section: number,
  number: number,
): Promise<(ExportedRow & { status?: 'deleted' }) | undefined> {
  const record = await db
    .selectFrom('catalog_row_version')
    .selectAll()
    .where('source_act', '=', act)
    .where('section', '=', section)
    .where('number', '=', number)
    .executeTakeFirst()
  return record ? toExportedRow(record) : undefined
}
