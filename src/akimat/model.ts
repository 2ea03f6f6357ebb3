/**
 * @module
 * The akimat module's vocabulary, without storage: KATO codes, reporting periods, function keys,
 * decisions on the functions of the typical set, and the rules that judge them (chapter 2,
 * paragraph 9 of the typical architecture: use the central or interdepartmental system where one
 * exists; otherwise build your own, to the extent of Appendix 1, at any of the printed levels).
 */
import type { AdministrativeLevel } from '../auth/index.js'
import type { CatalogRow, CatalogSnapshot } from '../catalog/index.js'
import { InputError } from '../core/index.js'

/** The catalogue section (Appendix 1 part) of each administrative level. */
export const SECTION_OF_LEVEL: Record<AdministrativeLevel, number> = {
  region: 1,
  district: 2,
  rural: 3,
}

/**
 * Checks a KATO code (the classifier of administrative-territorial objects): nine digits, the
 * first two the region. A region's akimat (oblast, city of republican significance, the capital)
 * has a code ending in seven zeros; an akimat of a lower level never does.
 */
export function checkKato(value: unknown, level: AdministrativeLevel): string {
  const kato = typeof value === 'string' ? value.trim() : ''
  if (!/^\d{9}$/.test(kato) || kato.startsWith('00')) {
    throw new InputError(`KATO must be nine digits, not "${kato}"`, 'akimat.error.kato', {
      value: kato,
    })
  }
  const regional = /^\d{2}0{7}$/.test(kato)
  if (level === 'region' && !regional) {
    throw new InputError(
      `A region's KATO code ends in seven zeros (${kato.slice(0, 2)}0000000)`,
      'akimat.error.katoRegion',
      { value: kato, expected: `${kato.slice(0, 2)}0000000` },
    )
  }
  if (level !== 'region' && regional) {
    throw new InputError(
      `${kato} is a region's KATO code; this akimat is not a region's`,
      'akimat.error.katoNotRegion',
      { value: kato },
    )
  }
  return kato
}

/** The region a KATO code belongs to: its first two digits. */
export const regionOf = (kato: string): string => kato.slice(0, 2)

/** A reporting period: a year (`2026`) or a quarter (`2026-Q3`). */
export function checkPeriod(value: unknown): string {
  const period = typeof value === 'string' ? value.trim().toUpperCase() : ''
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(period)
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2100) {
    throw new InputError(
      `A period is a year (2026) or a quarter (2026-Q3), not "${String(value)}"`,
      'akimat.error.period',
      { value: String(value ?? '') },
    )
  }
  return period
}

/** The first and last day of a period (YYYY-MM-DD, both included). */
export function periodRange(period: string): { from: string; to: string } {
  const checked = checkPeriod(period)
  const year = Number(checked.slice(0, 4))
  const quarter = checked.length > 4 ? Number(checked.slice(6)) : null
  if (quarter === null) return { from: `${year}-01-01`, to: `${year}-12-31` }
  const firstMonth = (quarter - 1) * 3 + 1
  const lastMonth = firstMonth + 2
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` }
}

/** The period before (a year before a year, the quarter before a quarter). */
export function previousPeriod(period: string): string {
  const checked = checkPeriod(period)
  const year = Number(checked.slice(0, 4))
  if (checked.length === 4) return String(year - 1)
  const quarter = Number(checked.slice(6))
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`
}

/** The period a date falls in, as a year or as a quarter. */
export function periodOf(date: string, kind: 'year' | 'quarter'): string {
  const year = date.slice(0, 4)
  if (kind === 'year') return year
  return `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`
}

/**
 * A function of the typical set is known by its row in its architecture, across the versions
 * amendments make of it: `architecture:section.number` (`158:1.27`, `304:2.6`).
 */
export const functionKey = (row: Pick<CatalogRow, 'architecture' | 'section' | 'number'>) =>
  `${row.architecture}:${row.section}.${row.number}`

/** The automation levels Appendix 1 prints for a row (1, 2, 3), or [] when it prints none. */
export const printedLevels = (row: CatalogRow): number[] =>
  [...new Set(row.levels.map((l) => l.level))].sort((a, b) => a - b)

/**
 * The highest level a row can reach: its highest printed level, or 1 for a row that describes
 * one way of automating it (or only the system to use).
 */
export const maxLevel = (row: CatalogRow): number => Math.max(1, ...printedLevels(row))

/** The levels an akimat may choose as its target for a row (paragraph 9.3). */
export const targetChoices = (row: CatalogRow): number[] => {
  const printed = printedLevels(row)
  return printed.length > 0 ? printed : [1]
}

/**
 * The system id of a decision recorded when an akimat switches on e-akimat's own automation of a
 * function (src/automation): paragraph 9.2's "own system", built to the extent of Appendix 1.
 * Only the automation module records it, and only where no central system covers the function.
 */
export const E_AKIMAT_SYSTEM = 'e-akimat'

/** What an akimat says about one function of its typical set. */
export interface Decision {
  /** Whether the akimat performs the function at all. */
  performed: boolean
  /** The catalogue's information system that automates it (central or interdepartmental). */
  systemId: string | null
  /** Or an informatization object of the portal registry (usually the akimat's own). */
  objectId: number | null
  /** The automation level reached: 0 = not automated. */
  level: number
  /** The level chosen as the target (paragraph 9.3); null = the highest printed one. */
  targetLevel: number | null
  note: string | null
}

/** The decision of a function nobody has decided on yet: performed, not automated. */
export const UNDECIDED: Decision = {
  performed: true,
  systemId: null,
  objectId: null,
  level: 0,
  targetLevel: null,
  note: null,
}

export type Issue = 'not-automated' | 'non-recommended' | 'below-level'
export type FunctionStatus = 'not-performed' | Issue | 'ok'

/** A portal object as the rules need it: whose it is. */
export interface ObjectInfo {
  id: number
  code: string | null
  nameKk: string
  nameRu: string
  ownerOrganisationId: number
}

/**
 * The systems a row names (its АЖ column), as catalogue ids with their kk/ru pairs: where any
 * exists, paragraph 9.1 says the akimat uses it.
 */
export function recommendedSystems(snapshot: CatalogSnapshot, row: CatalogRow): string[] {
  const ids = new Set<string>()
  for (const id of row.systemIds) {
    ids.add(id)
    const pair = snapshot.systemById.get(id)?.pair
    if (pair) ids.add(pair)
  }
  return [...ids]
}

/** Judges a decision by paragraph 9: the issues, worst first, and the function's status. */
export function judge(
  row: CatalogRow,
  recommended: readonly string[],
  decision: Decision,
): { issues: Issue[]; status: FunctionStatus; target: number } {
  const target = decision.targetLevel ?? maxLevel(row)
  if (!decision.performed) return { issues: [], status: 'not-performed', target }
  const issues: Issue[] = []
  if (decision.level === 0) issues.push('not-automated')
  else {
    const usesRecommended = decision.systemId !== null && recommended.includes(decision.systemId)
    // e-akimat's own automation is switched on only where no central system covers the function.
    const ownAutomation = decision.systemId === E_AKIMAT_SYSTEM
    if (recommended.length > 0 && !usesRecommended && !ownAutomation) issues.push('non-recommended')
    if (decision.level < target) issues.push('below-level')
  }
  return { issues, status: issues[0] ?? 'ok', target }
}

/**
 * Whether a row is a state service (or a permit, which the law counts among them): its group —
 * the functional capability — says so, in Kazakh («… мемлекеттік қызметтерді көрсету»,
 * «… рұқсат беру қызметі») or Russian. The function's own text is not read: «мемлекеттік
 * қызметшілер» (civil servants) or controlling the quality of services are not services.
 * Indicators 1.2.4–1.2.6 count these.
 */
export function isStateService(row: CatalogRow): boolean {
  const group = (row.group ?? '').toLocaleLowerCase('kk')
  return (
    /мемлекеттік\s+(және\s+өзге\s+)?(көрсетілетін\s+)?қызмет\S*\s+көрсет/.test(group) ||
    /рұқсат\s+беру/.test(group) ||
    /государственн\S*\s+услуг/.test(group) ||
    /разрешительн/.test(group)
  )
}

/**
 * Whether a system is the e-licensing state database (ЕЛ МДҚ АЖ, ГБД «Е-лицензирование»):
 * indicators 1.2.4–1.2.7 leave out the services automated there.
 */
export function isELicensing(snapshot: CatalogSnapshot, systemId: string | null): boolean {
  if (!systemId) return false
  const system = snapshot.systemById.get(systemId)
  if (!system) return false
  const names = [system.name, ...system.aliases, system.expansion ?? ''].join(' ')
  return /ЕЛ\s*МДҚ|Е-?лиценз|ГБД\s*ЕЛ/i.test(names)
}
