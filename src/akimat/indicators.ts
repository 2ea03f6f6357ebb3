/**
 * @module
 * The target indicators of Appendix 2 of the typical architecture (42 of them) for each akimat and
 * period. Where the data is in e-akimat the value is computed — from the akimat's architecture
 * (automated state services, electronic information resources) and from the e-services'
 * applications (those received electronically) — and says what it counted; every other value
 * is entered by hand with a note saying where it comes from. Every value is kept as a version,
 * so its history is never lost.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import type { CatalogIndicator, CatalogSnapshot } from '../catalog/index.js'
import { ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { providerApplicationCounts } from '../services/index.js'
import {
  type Akimat,
  type AkimatArchitecture,
  akimatArchitecture,
  canEditAkimat,
  readableAkimats,
  requireReadable,
} from './architecture.js'
import { checkPeriod, isELicensing, periodRange, previousPeriod, regionOf } from './model.js'

type Db = Kysely<Database>

/** The indicators computed from e-akimat's own data; the others are entered by hand. */
export const COMPUTED_INDICATORS = ['1.2.4', '1.2.5', '1.2.6', '1.2.7', '1.2.10'] as const
export type ComputedIndicator = (typeof COMPUTED_INDICATORS)[number]
export const isComputed = (code: string): code is ComputedIndicator =>
  (COMPUTED_INDICATORS as readonly string[]).includes(code)

/** What a computed value counted: the figure is numerator (/ denominator × 100 for a share). */
export interface Basis {
  numerator: number
  denominator: number | null
  /** Function keys or application channels counted, for checking by hand. */
  counted?: string[]
}

export interface ComputedValue {
  value: number | null
  basis: Basis
}

/** The Appendix 2 indicators as the catalogue holds them (order 158). */
export function appendix2Indicators(snapshot: CatalogSnapshot): CatalogIndicator[] {
  return snapshot.indicators.filter((i) => i.act === '158')
}

const round = (value: number) => Math.round(value * 100) / 100
const share = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : round((100 * numerator) / denominator)

/**
 * Computes the indicators computed from e-akimat's data for one period, as at its end (or now,
 * while it runs): the architecture's decisions as they stood then, the applications made in it.
 */
export async function computeIndicators(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  period: string,
  now = new Date(),
): Promise<Record<ComputedIndicator, ComputedValue>> {
  const { from, to } = periodRange(period)
  const end = new Date(Date.parse(`${to}T00:00:00+05:00`) + 86_400_000 - 1)
  const asOf = (end < now ? end : now).toISOString()
  const architecture = await akimatArchitecture(db, actor, snapshot, organisationId, { asOf })
  // Before the akimat adopted its typical set, and for a period not yet begun, there is nothing
  // to count: no value, rather than a made-up 0.
  const start = new Date(`${from}T00:00:00+05:00`)
  if (asOf < architecture.akimat.profile.adoptedAt || start > now) {
    const none = { value: null, basis: { numerator: 0, denominator: null } }
    return Object.fromEntries(COMPUTED_INDICATORS.map((code) => [code, none])) as Record<
      ComputedIndicator,
      ComputedValue
    >
  }
  const fromArchitecture = indicatorsOfArchitecture(architecture, snapshot)
  const applications = await providerApplicationCounts(db, organisationId, from, to)
  const electronic = applications.byChannel.portal ?? 0
  return {
    ...fromArchitecture,
    '1.2.7': {
      value: share(electronic, applications.total),
      basis: {
        numerator: electronic,
        denominator: applications.total,
        counted: Object.entries(applications.byChannel).map(([c, n]) => `${c}: ${n}`),
      },
    },
  }
}

/**
 * The indicators an architecture gives by itself (pure). State services are the functions of
 * the "state services" and "permits" groups the akimat performs, without those automated in the
 * e-licensing database (ЕЛ МДҚ АЖ), as Appendix 2 says: fully automated have reached the
 * highest printed level, partially automated a lower one. Information resources are those
 * printed for the functions the akimat performs; one is electronic when a function that keeps
 * it is automated.
 */
export function indicatorsOfArchitecture(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
): Record<Exclude<ComputedIndicator, '1.2.7'>, ComputedValue> {
  const services = architecture.functions.filter(
    (f) => f.isService && f.decision.performed && !isELicensing(snapshot, f.decision.systemId),
  )
  const full = services.filter((f) => f.decision.level >= f.maxLevel)
  const partial = services.filter((f) => f.decision.level > 0 && f.decision.level < f.maxLevel)
  const resources = new Map<string, boolean>()
  for (const f of architecture.functions) {
    if (!f.decision.performed) continue
    for (const resource of f.row.resources) {
      resources.set(resource, (resources.get(resource) ?? false) || f.decision.level > 0)
    }
  }
  const electronic = [...resources.values()].filter(Boolean).length
  return {
    '1.2.4': {
      value: full.length,
      basis: { numerator: full.length, denominator: null, counted: full.map((f) => f.key) },
    },
    '1.2.5': {
      value: partial.length,
      basis: { numerator: partial.length, denominator: null, counted: partial.map((f) => f.key) },
    },
    '1.2.6': {
      value: share(full.length + partial.length, services.length),
      basis: { numerator: full.length + partial.length, denominator: services.length },
    },
    '1.2.10': {
      value: share(electronic, resources.size),
      basis: { numerator: electronic, denominator: resources.size },
    },
  }
}

/** A stored value of an indicator for a period. */
export interface StoredValue {
  id: number
  code: string
  period: string
  value: number | null
  source: 'manual' | 'computed'
  basis: Basis | null
  note: string | null
  recordedAt: string
  recordedBy: number | null
}

const toStored = (r: {
  id: number
  indicator_code: string
  period: string
  value: number | null
  source: string
  basis: string | null
  note: string | null
  recorded_at: string
  recorded_by: number | null
}): StoredValue => ({
  id: r.id,
  code: r.indicator_code,
  period: r.period,
  value: r.value === null ? null : Number(r.value),
  source: r.source as StoredValue['source'],
  basis: r.basis ? (JSON.parse(r.basis) as Basis) : null,
  note: r.note,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
})

function findIndicator(snapshot: CatalogSnapshot, code: string): CatalogIndicator {
  const indicator = appendix2Indicators(snapshot).find((i) => i.code === code)
  if (!indicator) {
    throw new InputError(`No target indicator ${code}`, 'akimat.error.indicator', { code })
  }
  return indicator
}

/** Checks a value against its unit: a share 0–100, a count a whole number ≥ 0, points ≥ 0. */
export function checkIndicatorValue(indicator: CatalogIndicator, value: unknown): number {
  const text = typeof value === 'number' ? String(value) : String(value ?? '').trim()
  const number = Number(text.replace(',', '.'))
  if (text === '' || !Number.isFinite(number)) {
    throw new InputError(`"${text}" is not a number`, 'akimat.error.value', { value: text })
  }
  // 1.4.1 and 1.4.2 are reductions compared with the year before, in %: a growth is negative,
  // and a reduction is at most the whole (100 %).
  if (indicator.group === '1.4') {
    if (number > 100) {
      throw new InputError('A reduction is at most 100 %', 'akimat.error.reduction', {
        value: text,
      })
    }
    return number
  }
  if (indicator.unit === '%' && (number < 0 || number > 100)) {
    throw new InputError('A share is from 0 to 100', 'akimat.error.share', { value: text })
  }
  if (indicator.unit.startsWith('Бірл') && (!Number.isInteger(number) || number < 0)) {
    throw new InputError('A count is a whole number, 0 or more', 'akimat.error.count', {
      value: text,
    })
  }
  if (number < 0) {
    throw new InputError('The value cannot be negative', 'akimat.error.negative', { value: text })
  }
  return number
}

const MAX_NOTE = 2000

/**
 * Records a value entered by hand, with the note that says where it comes from. Computed
 * indicators are not entered by hand.
 */
export async function recordIndicatorValue(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  input: { code: unknown; period: unknown; value: unknown; note: unknown },
  now = new Date(),
): Promise<StoredValue> {
  await requireIndicatorEditor(db, actor, organisationId)
  const code = String(input.code ?? '').trim()
  const indicator = findIndicator(snapshot, code)
  const period = checkPeriod(input.period)
  // A computed indicator is entered by hand only for a period in which e-akimat has nothing to
  // count it from (1.2.10 where the typical set prints no information resources, 1.2.7 where
  // the akimat's applications are not in e-akimat).
  if (isComputed(code)) {
    const computed = await computeIndicators(db, actor, snapshot, organisationId, period, now)
    if (computed[code].value !== null) {
      throw new InputError(
        `Indicator ${code} is computed from e-akimat's data`,
        'akimat.error.computed',
        { code },
      )
    }
  }
  const value = checkIndicatorValue(indicator, input.value)
  const note = typeof input.note === 'string' ? input.note.trim() : ''
  if (!note) {
    throw new InputError('Say where the value comes from', 'akimat.error.noteRequired')
  }
  if (note.length > MAX_NOTE) {
    throw new InputError(`A note has at most ${MAX_NOTE} characters`, 'akimat.error.noteLong', {
      max: MAX_NOTE,
    })
  }
  const stamp = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('akimat_indicator_value')
      .values({
        organisation_id: organisationId,
        indicator_code: code,
        period,
        value,
        source: 'manual',
        basis: null,
        note,
        recorded_at: stamp,
        recorded_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('akimat_event')
      .values({
        organisation_id: organisationId,
        kind: 'indicator',
        at: stamp,
        user_id: actor.userId,
        details: JSON.stringify({ code, period, value, source: 'manual' }),
      })
      .execute()
    return toStored(row)
  })
}

async function requireIndicatorEditor(db: Db, actor: Actor, organisationId: number) {
  const akimat = await requireReadable(db, actor, organisationId)
  if (!canEditAkimat(actor, organisationId)) {
    throw new ForbiddenError(
      'Only the akimat’s editors and administrators enter its indicators',
      'akimat.error.forbidden',
    )
  }
  if (!akimat.profile) {
    throw new NotFoundError(
      `Akimat ${organisationId} has not adopted the typical set yet`,
      'akimat.error.notAdopted',
      { id: String(organisationId) },
    )
  }
  return akimat
}

/**
 * Records the computed values of a period as they are now (closing the period for a report):
 * each becomes a version with what it counted. A value equal to the last recorded one is not
 * written again.
 */
export async function recordComputedValues(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  periodInput: unknown,
  now = new Date(),
): Promise<StoredValue[]> {
  await requireIndicatorEditor(db, actor, organisationId)
  const period = checkPeriod(periodInput)
  const computed = await computeIndicators(db, actor, snapshot, organisationId, period, now)
  const stamp = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const latest = await latestValues(trx, organisationId, period)
    const written: StoredValue[] = []
    for (const code of COMPUTED_INDICATORS) {
      const { value, basis } = computed[code]
      // Nothing to count this period: the value, if any, is entered by hand.
      if (value === null) continue
      const last = latest.get(code)
      if (last && last.source === 'computed' && last.value === value) continue
      const row = await trx
        .insertInto('akimat_indicator_value')
        .values({
          organisation_id: organisationId,
          indicator_code: code,
          period,
          value,
          source: 'computed',
          basis: JSON.stringify(basis),
          note: null,
          recorded_at: stamp,
          recorded_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      written.push(toStored(row))
    }
    if (written.length > 0) {
      await trx
        .insertInto('akimat_event')
        .values({
          organisation_id: organisationId,
          kind: 'indicator',
          at: stamp,
          user_id: actor.userId,
          details: JSON.stringify({
            period,
            source: 'computed',
            codes: written.map((w) => w.code),
          }),
        })
        .execute()
    }
    return written
  })
}

async function latestValues(db: Db, organisationId: number, period: string) {
  const rows = await db
    .selectFrom('akimat_indicator_value')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('period', '=', period)
    .orderBy('id')
    .execute()
  const latest = new Map<string, StoredValue>()
  for (const r of rows) latest.set(r.indicator_code, toStored(r))
  return latest
}

/** One indicator on an akimat's dashboard for a period. */
export interface DashboardEntry {
  indicator: CatalogIndicator
  /** Whether e-akimat computes this indicator where it has the data. */
  computable: boolean
  /** Whether it is computed in this period (else it is entered by hand, with a note). */
  computed: boolean
  /** The value now: computed live, or the last entered by hand; null when there is none. */
  value: number | null
  basis: Basis | null
  /** The last stored version (entered, or computed and recorded), if any. */
  stored: StoredValue | null
  versions: number
  /** The same indicator in the periods before (oldest first), for the trend. */
  trend: { period: string; value: number | null }[]
}

export interface Dashboard {
  akimat: Akimat
  period: string
  entries: DashboardEntry[]
  /** How many have a value, of those computed and of those entered by hand. */
  filled: { computed: number; manual: number; manualTotal: number }
}

/**
 * The dashboard of an akimat for a period: every Appendix 2 indicator with its value and
 * source, and the trend over the `trendLength` periods up to it.
 */
export async function indicatorDashboard(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  periodInput: unknown,
  options: { now?: Date; trendLength?: number } = {},
): Promise<Dashboard> {
  const akimat = await requireReadable(db, actor, organisationId)
  const period = checkPeriod(periodInput)
  const now = options.now ?? new Date()
  const periods = [period]
  while (periods.length < (options.trendLength ?? 4)) periods.unshift(previousPeriod(periods[0]!))
  const computedByPeriod = new Map<string, Record<ComputedIndicator, ComputedValue>>()
  if (akimat.profile) {
    for (const p of periods) {
      if (periodRange(p).from > new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10))
        continue
      computedByPeriod.set(p, await computeIndicators(db, actor, snapshot, organisationId, p, now))
    }
  }
  const rows = await db
    .selectFrom('akimat_indicator_value')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('period', 'in', periods)
    .orderBy('id')
    .execute()
  const latest = new Map<string, StoredValue>()
  const versions = new Map<string, number>()
  for (const r of rows) {
    const k = `${r.indicator_code}|${r.period}`
    latest.set(k, toStored(r))
    versions.set(k, (versions.get(k) ?? 0) + 1)
  }
  const entries = appendix2Indicators(snapshot).map((indicator): DashboardEntry => {
    const computable = isComputed(indicator.code)
    // Computed where e-akimat has something to count; otherwise the value entered by hand.
    const computedIn = (p: string) =>
      computable ? (computedByPeriod.get(p)?.[indicator.code as ComputedIndicator] ?? null) : null
    const valueIn = (p: string) => {
      const c = computedIn(p)
      if (c && c.value !== null) return { value: c.value, basis: c.basis }
      const manual = latest.get(`${indicator.code}|${p}`)
      return { value: manual?.source === 'manual' ? manual.value : null, basis: null }
    }
    const now = valueIn(period)
    const computed = computable && (!akimat.profile || (computedIn(period)?.value ?? null) !== null)
    return {
      indicator,
      computable,
      computed,
      value: now.value,
      basis: now.basis,
      stored: latest.get(`${indicator.code}|${period}`) ?? null,
      versions: versions.get(`${indicator.code}|${period}`) ?? 0,
      trend: periods.map((p) => ({ period: p, value: valueIn(p).value })),
    }
  })
  const manual = entries.filter((e) => !e.computed)
  return {
    akimat,
    period,
    entries,
    filled: {
      computed: entries.filter((e) => e.computed && e.value !== null).length,
      manual: manual.filter((e) => e.value !== null).length,
      manualTotal: manual.length,
    },
  }
}

/** Every stored version of one indicator of an akimat, newest first, in every period. */
export async function indicatorHistory(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  code: string,
): Promise<StoredValue[]> {
  await requireReadable(db, actor, organisationId)
  findIndicator(snapshot, code)
  const rows = await db
    .selectFrom('akimat_indicator_value')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('indicator_code', '=', code)
    .orderBy('id', 'desc')
    .execute()
  return rows.map(toStored)
}

/** One indicator of one period across the akimats of a region `actor` may read. */
export async function regionComparison(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  input: { region: unknown; code: unknown; period: unknown },
  now = new Date(),
): Promise<{
  region: string
  indicator: CatalogIndicator
  period: string
  akimats: { akimat: Akimat; value: number | null; source: 'computed' | 'manual' | null }[]
}> {
  const region = String(input.region ?? '').trim()
  if (!/^\d{2}$/.test(region)) {
    throw new InputError(
      `A region is the first two digits of a KATO code, not "${region}"`,
      'akimat.error.region',
      { value: region },
    )
  }
  const code = String(input.code ?? '').trim()
  const indicator = findIndicator(snapshot, code)
  const period = checkPeriod(input.period)
  const akimats = (await readableAkimats(db, actor)).filter(
    (a) => a.profile && regionOf(a.profile.kato) === region,
  )
  const result = []
  for (const akimat of akimats) {
    const id = akimat.organisation.id
    if (isComputed(code)) {
      const computed = await computeIndicators(db, actor, snapshot, id, period, now)
      result.push({ akimat, value: computed[code].value, source: 'computed' as const })
    } else {
      const stored = (await latestValues(db, id, period)).get(code)
      result.push({
        akimat,
        value: stored?.value ?? null,
        source: stored ? ('manual' as const) : null,
      })
    }
  }
  result.sort(
    (a, b) =>
      (a.akimat.profile?.kato ?? '').localeCompare(b.akimat.profile?.kato ?? '') ||
      a.akimat.organisation.id - b.akimat.organisation.id,
  )
  return { region, indicator, period, akimats: result }
}
