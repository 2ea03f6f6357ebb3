/**
 * @module
 * Reading the catalogue as people browse it: levels → groups → rows as at a date, with filters;
 * one row with its history; the systems directory; coverage; the acts and what each changed; and
 * the difference between two dates or two acts. Pure functions over a loaded
 * {@link CatalogSnapshot}, so pages, the API and the command line give the same answers.
 */
import { InputError, NotFoundError } from '../core/index.js'
import { checkDate } from './export.js'
import type {
  CatalogAct,
  CatalogGlossaryEntry,
  CatalogRow,
  CatalogSection,
  CatalogSnapshot,
  CatalogSystem,
} from './snapshot.js'

/** True when a version valid [from, to) is in force on `at`. */
export const inForceOn = (at: string, from: string | null, to: string | null): boolean =>
  (from === null || from <= at) && (to === null || at < to)

/** Today in Kazakhstan (UTC+5), YYYY-MM-DD: the default "as at" date. */
export function todayInKazakhstan(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10)
}

/** The rows of the catalogue in force on a date (deleted versions are not rows). */
export function rowsInForce(snapshot: CatalogSnapshot, at: string): CatalogRow[] {
  return snapshot.rows.filter((r) => !r.status && inForceOn(at, r.validFrom, r.validTo))
}

/** A stretch of time during which some loaded text of an architecture is in force. */
export interface LoadedPeriod {
  architecture: string
  /** Acts whose rows are in force in the period. */
  acts: string[]
  from: string | null
  /** Exclusive; null = open. */
  to: string | null
  /** The last day of the period (to − 1 day), or null when open. */
  lastDay: string | null
  /** True when the base text of the architecture is loaded (not only its amendments). */
  baseTextLoaded: boolean
}

/** The day before a date (YYYY-MM-DD): the last day of a version valid until `date`. */
export const previousDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

/** When each architecture has loaded text in force: what to offer when a date shows nothing. */
export function loadedPeriods(snapshot: CatalogSnapshot): LoadedPeriod[] {
  const byArchitecture = new Map<string, CatalogRow[]>()
  for (const row of snapshot.rows) {
    if (row.status) continue
    byArchitecture.set(row.architecture, [...(byArchitecture.get(row.architecture) ?? []), row])
  }
  return [...byArchitecture.entries()].map(([architecture, rows]) => {
    const froms = rows.map((r) => r.validFrom).filter((d): d is string => d !== null)
    const tos = rows.map((r) => r.validTo)
    const to = tos.includes(null) ? null : (tos as string[]).sort().at(-1)!
    return {
      architecture,
      acts: [...new Set(rows.map((r) => r.act))].sort(),
      from: froms.length === rows.length ? froms.sort()[0]! : null,
      to,
      lastDay: to ? previousDay(to) : null,
      baseTextLoaded: snapshot.acts.some((a) => a.id === architecture && a.kind === 'architecture'),
    }
  })
}

/** What the catalogue cannot show on a date, as data the pages translate. */
export type CatalogNotice =
  | { kind: 'nothing-in-force'; at: string; periods: LoadedPeriod[] }
  | { kind: 'base-text-missing'; architecture: string; acts: string[] }

export function noticesOn(snapshot: CatalogSnapshot, at: string): CatalogNotice[] {
  const rows = rowsInForce(snapshot, at)
  if (rows.length === 0) return [{ kind: 'nothing-in-force', at, periods: loadedPeriods(snapshot) }]
  const notices: CatalogNotice[] = []
  for (const architecture of new Set(rows.map((r) => r.architecture))) {
    if (!snapshot.acts.some((a) => a.id === architecture && a.kind === 'architecture')) {
      notices.push({
        kind: 'base-text-missing',
        architecture,
        acts: [
          ...new Set(rows.filter((r) => r.architecture === architecture).map((r) => r.act)),
        ].sort(),
      })
    }
  }
  return notices
}

/** Filters of the row list; every one optional. */
export interface RowFilters {
  /** YYYY-MM-DD: rows in force that day. */
  at: string
  section?: number
  group?: string
  system?: string
  unit?: string
  /** Rows whose automation approach has this level («2-деңгей»). */
  automationLevel?: number
  /** Only rows that name no information system. */
  withoutSystem?: boolean
}

/** The rows in force on `filters.at` that pass every filter, in catalogue order. */
export function filterRows(snapshot: CatalogSnapshot, filters: RowFilters): CatalogRow[] {
  checkDate(filters.at)
  return rowsInForce(snapshot, filters.at).filter(
    (r) =>
      (filters.section === undefined || r.section === filters.section) &&
      (filters.group === undefined || r.group === filters.group) &&
      (filters.system === undefined || r.systemIds.includes(filters.system)) &&
      (filters.unit === undefined || r.unit === filters.unit) &&
      (filters.automationLevel === undefined ||
        r.levels.some((l) => l.level === filters.automationLevel)) &&
      (!filters.withoutSystem || r.systemIds.length === 0),
  )
}

export interface GroupSummary {
  /** The group as printed; null for rows the act prints without a group. */
  name: string | null
  rows: number
  withSystem: number
}

export interface LevelSummary {
  section: number
  /** The section's title in force on the date, with the act it comes from. */
  title: CatalogSection | null
  rows: number
  withSystem: number
  groups: GroupSummary[]
}

/** Sections → groups with counts, for the rows that pass the filters. */
export function summarizeLevels(snapshot: CatalogSnapshot, rows: CatalogRow[], at: string) {
  const sections = [...new Set([1, 2, 3, ...rows.map((r) => r.section)])].sort((a, b) => a - b)
  return sections.map((section): LevelSummary => {
    const inSection = rows.filter((r) => r.section === section)
    const groups: GroupSummary[] = []
    for (const row of inSection) {
      let group = groups.find((g) => g.name === row.group)
      if (!group) {
        group = { name: row.group, rows: 0, withSystem: 0 }
        groups.push(group)
      }
      group.rows++
      if (row.systemIds.length) group.withSystem++
    }
    const architectures = new Set(inSection.map((r) => r.architecture))
    const title =
      snapshot.sections.find(
        (s) =>
          s.section === section &&
          inForceOn(at, s.validFrom, s.validTo) &&
          (architectures.size === 0 || architectures.has(s.architecture)),
      ) ?? null
    return {
      section,
      title,
      rows: inSection.length,
      withSystem: inSection.filter((r) => r.systemIds.length).length,
      groups,
    }
  })
}

/** The values the filters can take on a date (within a level, when one is chosen), with counts. */
export function filterOptions(snapshot: CatalogSnapshot, at: string, section?: number) {
  const rows = rowsInForce(snapshot, at).filter(
    (r) => section === undefined || r.section === section,
  )
  const count = <T>(values: T[]) => {
    const counts = new Map<T, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    return [...counts.entries()].map(([value, rows]) => ({ value, rows }))
  }
  return {
    groups: count(rows.map((r) => r.group).filter((g): g is string => g !== null)),
    systems: count(rows.flatMap((r) => r.systemIds))
      .map(({ value, rows }) => ({
        value,
        rows,
        name: snapshot.systemById.get(value)?.name ?? value,
      }))
      .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)),
    units: count(rows.map((r) => r.unit).filter((u): u is string => u !== null)),
    automationLevels: count(rows.flatMap((r) => [...new Set(r.levels.map((l) => l.level))])).sort(
      (a, b) => a.value - b.value,
    ),
  }
}

/** One version of a row in its history. */
export interface RowHistoryEntry {
  id: string
  act: string
  language: string
  validFrom: string | null
  validTo: string | null
  /** 'printed' (the base act), 'restated' (an amendment printed it anew), 'deleted'. */
  change: 'printed' | 'restated' | 'deleted'
}

/** A row version with its history: every version of the same row of the same architecture. */
export function rowWithHistory(snapshot: CatalogSnapshot, id: string) {
  const row = snapshot.rowById.get(id)
  if (!row) throw new NotFoundError(`No row ${id}`)
  const history: RowHistoryEntry[] = snapshot.rows
    .filter(
      (r) =>
        r.architecture === row.architecture && r.section === row.section && r.number === row.number,
    )
    .sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''))
    .map((r) => ({
      id: r.id,
      act: r.act,
      language: r.language,
      validFrom: r.validFrom,
      validTo: r.validTo,
      change:
        r.status === 'deleted' ? 'deleted' : r.act === r.architecture ? 'printed' : 'restated',
    }))
  const systems = row.systemIds.map((sid, i) => ({
    id: sid,
    printed: row.systems[i] ?? sid,
    system: snapshot.systemById.get(sid) ?? null,
  }))
  return { row, history, systems }
}

/** Row id from its parts, as in the export: `158:1.6`. */
export const rowId = (act: string, section: number, number: number) => `${act}:${section}.${number}`

/** One information system with what the catalogue says about it. */
export interface SystemEntry {
  system: CatalogSystem
  /** The same system in the other language. */
  pair: CatalogSystem | null
  /** Expansions of the name from the systems list and the acts' glossaries, per language. */
  expansions: { language: string; text: string; act: string | null }[]
  /** Rows that name it (in force on the date, or every version without a date), per section. */
  rowsBySection: { section: number; rows: CatalogRow[] }[]
  rowCount: number
  units: string[]
}

const normalizeName = (name: string) => name.replace(/["«»]/g, '').replace(/\s+/g, ' ').trim()

/** Glossary entries that expand a system's names. */
function glossaryFor(snapshot: CatalogSnapshot, names: string[]): CatalogGlossaryEntry[] {
  const wanted = new Set(names.map(normalizeName))
  return snapshot.glossary.filter((g) => wanted.has(normalizeName(g.abbreviation)))
}

export function systemEntry(
  snapshot: CatalogSnapshot,
  system: CatalogSystem,
  rows: CatalogRow[],
): SystemEntry {
  const pair = system.pair ? (snapshot.systemById.get(system.pair) ?? null) : null
  const own = rows.filter((r) => r.systemIds.includes(system.id))
  const expansions: SystemEntry['expansions'] = []
  const add = (language: string, text: string | null, act: string | null) => {
    if (text && !expansions.some((e) => e.text === text)) expansions.push({ language, text, act })
  }
  for (const s of [system, pair]) {
    if (!s) continue
    add(s.language ?? '', s.expansion, null)
  }
  for (const g of glossaryFor(snapshot, [
    system.name,
    ...system.aliases,
    ...(pair ? [pair.name, ...pair.aliases] : []),
  ])) {
    add(g.language, g.expansion, g.act)
  }
  const sections = [...new Set(own.map((r) => r.section))].sort((a, b) => a - b)
  return {
    system,
    pair,
    expansions,
    rowsBySection: sections.map((section) => ({
      section,
      rows: own.filter((r) => r.section === section),
    })),
    rowCount: own.length,
    units: [...new Set(own.map((r) => r.unit).filter((u): u is string => u !== null))].sort(),
  }
}

/** The systems directory: with a date, the systems rows in force name; without, all of them. */
export function systemsDirectory(snapshot: CatalogSnapshot, at: string | null): SystemEntry[] {
  const rows = at ? rowsInForce(snapshot, at) : snapshot.rows.filter((r) => !r.status)
  return snapshot.systems
    .map((s) => systemEntry(snapshot, s, rows))
    .filter((e) => !at || e.rowCount > 0)
    .sort((a, b) => b.rowCount - a.rowCount || a.system.name.localeCompare(b.system.name))
}

export function findSystem(snapshot: CatalogSnapshot, id: string): CatalogSystem {
  const system = snapshot.systemById.get(id)
  if (!system) throw new NotFoundError(`No information system ${id}`)
  return system
}

/** Coverage on a date: how many functions name a system, per level and group. */
export function coverage(snapshot: CatalogSnapshot, at: string) {
  const rows = rowsInForce(snapshot, at)
  const levels = summarizeLevels(snapshot, rows, at).filter((l) => l.rows > 0)
  const counts = new Map<string, number>()
  for (const row of rows)
    for (const id of new Set(row.systemIds)) counts.set(id, (counts.get(id) ?? 0) + 1)
  const topSystems = [...counts.entries()]
    .map(([id, rowCount]) => ({
      id,
      name: snapshot.systemById.get(id)?.name ?? id,
      rows: rowCount,
    }))
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name))
  return {
    at,
    total: rows.length,
    withSystem: rows.filter((r) => r.systemIds.length).length,
    levels,
    topSystems,
    withoutSystem: rows.filter((r) => r.systemIds.length === 0),
  }
}

export type ActStatus = 'not-yet' | 'in-force' | 'repealed'

/** An act with its status on a date and what it put into the catalogue. */
export interface ActEntry {
  act: CatalogAct
  status: ActStatus
  rowsPrinted: { section: number; rows: number }[]
  rowsDeleted: CatalogRow[]
  sectionTitles: number
  glossaryEntries: number
  indicators: number
}

export function actStatus(act: CatalogAct, at: string): ActStatus {
  if (act.effectiveFrom && at < act.effectiveFrom) return 'not-yet'
  if (act.repealedOn && at >= act.repealedOn) return 'repealed'
  return 'in-force'
}

export function actEntries(snapshot: CatalogSnapshot, at: string): ActEntry[] {
  return snapshot.acts.map((act) => {
    const own = snapshot.rows.filter((r) => r.act === act.id)
    const printed = own.filter((r) => !r.status)
    const sections = [...new Set(printed.map((r) => r.section))].sort((a, b) => a - b)
    return {
      act,
      status: actStatus(act, at),
      rowsPrinted: sections.map((section) => ({
        section,
        rows: printed.filter((r) => r.section === section).length,
      })),
      rowsDeleted: own.filter((r) => r.status === 'deleted'),
      sectionTitles: snapshot.sections.filter((s) => s.act === act.id).length,
      glossaryEntries: snapshot.glossary.filter((g) => g.act === act.id).length,
      indicators: snapshot.indicators.filter((i) => i.act === act.id).length,
    }
  })
}

export function findActEntry(snapshot: CatalogSnapshot, id: string, at: string): ActEntry {
  const entry = actEntries(snapshot, at).find((e) => e.act.id === id)
  if (!entry) throw new NotFoundError(`No act ${id} is imported`)
  return entry
}

/** One side of a comparison: a date, or an act (the day it took effect). */
export interface DiffSide {
  at: string
  act: string | null
}

/** Reads `2022-10-14` or `352` (an act id: the day it took effect). */
export function diffSide(snapshot: CatalogSnapshot, value: string): DiffSide {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { at: checkDate(value), act: null }
  const act = snapshot.acts.find((a) => a.id === value)
  if (!act) throw new InputError(`"${value}" is neither a date (YYYY-MM-DD) nor an imported act`)
  if (!act.effectiveFrom) throw new InputError(`Act ${value} has no known date of entry into force`)
  return { at: act.effectiveFrom, act: act.id }
}

export interface RowChange {
  key: string
  section: number
  number: number
  change: 'added' | 'removed' | 'changed'
  before: CatalogRow | null
  after: CatalogRow | null
  /** For a changed row: which fields differ. */
  fields: string[]
}

const FIELDS = ['group', 'function', 'systems', 'approach', 'levels', 'resources', 'unit'] as const

/** What differs between the catalogue on two dates: rows added, removed and changed. */
export function diffCatalog(snapshot: CatalogSnapshot, from: DiffSide, to: DiffSide) {
  const key = (r: CatalogRow) => `${r.architecture}:${r.section}.${r.number}`
  const before = new Map(rowsInForce(snapshot, from.at).map((r) => [key(r), r]))
  const after = new Map(rowsInForce(snapshot, to.at).map((r) => [key(r), r]))
  const changes: RowChange[] = []
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(k) ?? null
    const a = after.get(k) ?? null
    const any = (a ?? b)!
    if (b && a && b.id === a.id) continue
    const fields = a && b ? FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])) : []
    changes.push({
      key: k,
      section: any.section,
      number: any.number,
      change: !b ? 'added' : !a ? 'removed' : 'changed',
      before: b,
      after: a,
      fields,
    })
  }
  changes.sort(
    (x, y) =>
      (x.after ?? x.before)!.architecture.localeCompare((y.after ?? y.before)!.architecture) ||
      x.section - y.section ||
      x.number - y.number,
  )
  const count = (c: RowChange['change']) => changes.filter((x) => x.change === c).length
  return {
    from,
    to,
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    changes,
  }
}
