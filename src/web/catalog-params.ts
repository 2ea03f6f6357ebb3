/**
 * @module
 * Reading the catalogue's query parameters (the "as at" date and the row filters) the same way
 * for pages and the API, with errors in the user's language.
 */
import type { Context } from 'hono'
import {
  type CatalogSnapshot,
  type DiffSide,
  diffSide,
  type RowFilters,
  todayInKazakhstan,
} from '../catalog/index.js'
import { InputError } from '../core/index.js'
import {
  SEARCH_KINDS,
  type SearchKind,
  type SearchResponse,
  searchIndexFor,
} from '../search/index.js'
import type { AppEnv } from './context.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

/** A date parameter, or undefined when absent or empty. */
export function dateParam(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.query(name)?.trim()
  if (!value) return undefined
  if (!validDate(value)) {
    throw new InputError(c.get('t')('catalog.error.date', { name, value }))
  }
  return value
}

/** The "as at" date: `at`, or today in Kazakhstan. */
export function atParam(c: Context<AppEnv>): { at: string; explicit: boolean } {
  const at = dateParam(c, 'at')
  return at ? { at, explicit: true } : { at: todayInKazakhstan(), explicit: false }
}

/** A whole-number parameter within bounds, or undefined when absent or empty. */
export function intParam(
  c: Context<AppEnv>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = c.req.query(name)?.trim()
  if (!value) return undefined
  const n = Number(value)
  if (!/^\d{1,6}$/.test(value) || n < min || n > max) {
    throw new InputError(c.get('t')('catalog.error.number', { name, value, min, max }))
  }
  return n
}

const text = (c: Context<AppEnv>, name: string, max = 500) => {
  const value = c.req.query(name)?.trim()
  if (!value) return undefined
  if (value.length > max) throw new InputError(c.get('t')('catalog.error.tooLong', { name, max }))
  return value
}

/** The row filters of the query string. */
export function rowFilters(c: Context<AppEnv>): RowFilters {
  const { at } = atParam(c)
  const withoutSystem = c.req.query('withoutSystem')
  return {
    at,
    section: intParam(c, 'section', 1, 99),
    group: text(c, 'group'),
    system: text(c, 'system', 200),
    unit: text(c, 'unit', 200),
    automationLevel: intParam(c, 'automationLevel', 1, 99),
    withoutSystem: withoutSystem === '1' || withoutSystem === 'true' || withoutSystem === 'on',
  }
}

/** The filters as query parameters, for links that keep them. */
export function filterQuery(filters: Partial<RowFilters>, explicitAt: boolean): URLSearchParams {
  const params = new URLSearchParams()
  if (explicitAt && filters.at) params.set('at', filters.at)
  if (filters.section !== undefined) params.set('section', String(filters.section))
  if (filters.group) params.set('group', filters.group)
  if (filters.system) params.set('system', filters.system)
  if (filters.unit) params.set('unit', filters.unit)
  if (filters.automationLevel !== undefined)
    params.set('automationLevel', String(filters.automationLevel))
  if (filters.withoutSystem) params.set('withoutSystem', '1')
  return params
}

/**
 * The search parameters: q, kinds, limit, optional date and section. Pages and the API show up
 * to 200 results (50 unless asked); downloads (`download`) up to 5,000 (all of them unless asked).
 */
export function searchParams(c: Context<AppEnv>, options: { download?: boolean } = {}) {
  const q = c.req.query('q')?.trim() ?? ''
  if (q.length > 200)
    throw new InputError(c.get('t')('catalog.error.tooLong', { name: 'q', max: 200 }))
  const kinds = c.req
    .queries('kind')
    ?.flatMap((k) => k.split(','))
    .map((k) => k.trim())
    .filter(Boolean)
  for (const kind of kinds ?? []) {
    if (!(SEARCH_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        c.get('t')('catalog.error.kind', { value: kind, kinds: SEARCH_KINDS.join(', ') }),
      )
    }
  }
  return {
    q,
    at: dateParam(c, 'at') ?? null,
    kinds: kinds?.length ? (kinds as SearchKind[]) : undefined,
    section: intParam(c, 'section', 1, 99),
    limit: options.download
      ? (intParam(c, 'limit', 1, 5000) ?? 5000)
      : (intParam(c, 'limit', 1, 200) ?? 50),
  }
}

/**
 * Runs the search the query string asks for (pages, downloads and the API alike), or gives
 * undefined when it asks for none (`q` empty).
 */
export async function searchFromQuery(
  c: Context<AppEnv>,
  options: { download?: boolean } = {},
): Promise<{ params: ReturnType<typeof searchParams>; response: SearchResponse | undefined }> {
  const params = searchParams(c, options)
  if (!params.q) return { params, response: undefined }
  const snapshot = await c.get('services').catalog.get()
  const response = searchIndexFor(snapshot).search(params.q, {
    at: params.at,
    kinds: params.kinds,
    section: params.section,
    limit: params.limit,
    cache: c.get('services').searchCache !== false,
  })
  return { params, response }
}

/** One side of a comparison: a date, or an act id standing for the day it took effect. */
export function diffSideParam(
  c: Context<AppEnv>,
  snapshot: CatalogSnapshot,
  name: string,
  value: string,
): DiffSide {
  const t = c.get('t')
  const trimmed = value.trim()
  if (DATE.test(trimmed) && !validDate(trimmed)) {
    throw new InputError(t('catalog.error.date', { name, value: trimmed }))
  }
  if (!DATE.test(trimmed)) {
    const act = snapshot.acts.find((a) => a.id === trimmed)
    if (!act) throw new InputError(t('catalog.error.diffSide', { name, value: trimmed }))
    if (!act.effectiveFrom) throw new InputError(t('catalog.error.actNoDate', { act: act.id }))
  }
  return diffSide(snapshot, trimmed)
}

/** `/catalog/rows/158/1/6`: the page of one row version. */
export const rowPath = (row: { act: string; section: number; number: number }) =>
  `/catalog/rows/${encodeURIComponent(row.act)}/${row.section}/${row.number}`

export const systemPath = (id: string) => `/catalog/systems/${encodeURIComponent(id)}`
export const actPath = (id: string) => `/catalog/acts/${encodeURIComponent(id)}`

/** A link to a catalogue page keeping the explicit date. */
export function withAt(path: string, at: string | undefined): string {
  if (!at) return path
  return `${path}${path.includes('?') ? '&' : '?'}at=${at}`
}
