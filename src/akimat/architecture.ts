/**
 * @module
 * An akimat's own architecture (typical architecture, chapter 2, paragraphs 7–9): the akimat
 * adopts the typical set of its level as at a date, says for each function whether it performs
 * it, what automates it (a system of the catalogue or an object of the portal registry) and the
 * level reached; the rules of paragraph 9 judge every decision, and the gaps follow.
 *
 * Decisions are versions (`akimat_decision`), never overwritten: the architecture can be read as
 * at any moment, and each function has its history. Every change is one transaction that also
 * writes an event.
 */
import type { Kysely } from 'kysely'
import {
  type Actor,
  type AdministrativeLevel,
  getOrganisation,
  listOrganisations,
  type Organisation,
} from '../auth/index.js'
import {
  type CatalogRow,
  type CatalogSnapshot,
  loadedPeriods,
  rowsInForce,
  todayInKazakhstan,
} from '../catalog/index.js'
import { ForbiddenError, InputError, isRecordId, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { isOverseer, listObjects } from '../portal/index.js'
import {
  checkKato,
  type Decision,
  E_AKIMAT_SYSTEM,
  type FunctionStatus,
  functionKey,
  type Issue,
  isStateService,
  judge,
  maxLevel,
  type ObjectInfo,
  printedLevels,
  recommendedSystems,
  regionOf,
  SECTION_OF_LEVEL,
  targetChoices,
  UNDECIDED,
} from './model.js'

type Db = Kysely<Database>

export interface AkimatProfile {
  organisationId: number
  kato: string
  typicalAt: string
  adoptedAt: string
  updatedAt: string
  revision: number
}

/** An akimat as lists show it: the organisation and, once it adopted the typical set, its profile. */
export interface Akimat {
  organisation: Organisation & { level: AdministrativeLevel }
  profile: AkimatProfile | null
}

function toProfile(row: {
  organisation_id: number
  kato: string
  typical_at: string
  adopted_at: string
  updated_at: string
  revision: number
}): AkimatProfile {
  return {
    organisationId: row.organisation_id,
    kato: row.kato,
    typicalAt: row.typical_at,
    adoptedAt: row.adopted_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  }
}

export async function getProfile(db: Db, organisationId: number): Promise<AkimatProfile | null> {
  const row = await db
    .selectFrom('akimat_profile')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return row ? toProfile(row) : null
}

const isAkimat = (o: Organisation): o is Organisation & { level: AdministrativeLevel } =>
  o.kind === 'local-executive-body' && o.level !== null

const notFound = (id: number | string) =>
  new NotFoundError(`No akimat ${id}`, 'akimat.error.notFound', { id: String(id) })

/**
 * Who may read an akimat's architecture and indicators: its own people, the overseers (the
 * service integrator and the authorised body), and the people of the akimat of its region
 * (same first two KATO digits). Anyone else gets 404, so that an akimat's existence does not
 * leak.
 */
export async function readableAkimats(db: Db, actor: Actor): Promise<Akimat[]> {
  const organisations = (await listOrganisations(db)).filter(isAkimat)
  const profiles = new Map(
    (await db.selectFrom('akimat_profile').selectAll().execute()).map((p) => [
      p.organisation_id,
      toProfile(p),
    ]),
  )
  const own = profiles.get(actor.organisation.id)
  const regional =
    actor.organisation.kind === 'local-executive-body' &&
    actor.organisation.level === 'region' &&
    own
      ? regionOf(own.kato)
      : null
  return organisations
    .map((organisation) => ({ organisation, profile: profiles.get(organisation.id) ?? null }))
    .filter(
      ({ organisation, profile }) =>
        organisation.id === actor.organisation.id ||
        isOverseer(actor) ||
        (regional !== null && profile !== null && regionOf(profile.kato) === regional),
    )
}

/** The akimat if `actor` may read it; NotFoundError otherwise. */
export async function requireReadable(db: Db, actor: Actor, organisationId: number) {
  if (!isRecordId(organisationId)) throw notFound(organisationId)
  const akimat = (await readableAkimats(db, actor)).find(
    (a) => a.organisation.id === organisationId,
  )
  if (!akimat) throw notFound(organisationId)
  return akimat
}

/** Whether `actor` changes this akimat's architecture and enters its indicators. */
export const canEditAkimat = (actor: Actor, organisationId: number): boolean =>
  actor.organisation.id === organisationId &&
  (actor.roles.includes('editor') || actor.roles.includes('admin'))

async function requireEditable(db: Db, actor: Actor, organisationId: number) {
  const akimat = await requireReadable(db, actor, organisationId)
  if (!canEditAkimat(actor, organisationId)) {
    throw new ForbiddenError(
      'Only the akimat’s editors and administrators change its architecture',
      'akimat.error.forbidden',
    )
  }
  return akimat
}

/** A stretch of time with a typical set for a level, offered when an akimat adopts one. */
export interface TypicalSetOption {
  architecture: string
  from: string | null
  /** Last day in force, or null when still in force. */
  lastDay: string | null
  /** The day offered: the last day in force, or today when still in force. */
  date: string
  rows: number
  /** False when only rows restated by amendments are loaded (the base text is not). */
  baseTextLoaded: boolean
}

/** The typical sets of a level the catalogue holds, the fullest first. */
export function typicalSetOptions(
  snapshot: CatalogSnapshot,
  level: AdministrativeLevel,
  now = new Date(),
): TypicalSetOption[] {
  const section = SECTION_OF_LEVEL[level]
  const today = todayInKazakhstan(now)
  return loadedPeriods(snapshot)
    .map((period) => {
      const onDate = period.lastDay && period.lastDay < today ? period.lastDay : today
      const rows = rowsInForce(snapshot, onDate).filter(
        (r) => r.section === section && r.architecture === period.architecture,
      ).length
      return {
        architecture: period.architecture,
        from: period.from,
        lastDay: period.lastDay,
        date: onDate,
        rows,
        baseTextLoaded: period.baseTextLoaded,
      }
    })
    .filter((o) => o.rows > 0)
    .sort((a, b) => b.rows - a.rows || (b.lastDay ?? '9999').localeCompare(a.lastDay ?? '9999'))
}

/** The rows of a level's typical set in force on a date. */
export function typicalSet(
  snapshot: CatalogSnapshot,
  level: AdministrativeLevel,
  at: string,
): CatalogRow[] {
  const section = SECTION_OF_LEVEL[level]
  return rowsInForce(snapshot, at).filter((r) => r.section === section)
}

async function writeEvent(
  trx: Db,
  organisationId: number,
  actor: Actor | null,
  kind: string,
  at: string,
  details: Record<string, unknown>,
) {
  await trx
    .insertInto('akimat_event')
    .values({
      organisation_id: organisationId,
      kind,
      at,
      user_id: actor?.userId ?? null,
      details: JSON.stringify(details),
    })
    .execute()
}

/**
 * Adopts (or adopts again, at another date) the typical set of the akimat's level. Decisions
 * already made are kept, by function; those whose function is not in the new set stay in the
 * history and are listed as no longer in the set.
 */
export async function adoptTypicalSet(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  input: { kato: unknown; at: unknown },
  now = new Date(),
): Promise<AkimatProfile> {
  const { organisation } = await requireEditable(db, actor, organisationId)
  const kato = checkKato(input.kato, organisation.level)
  const at = typeof input.at === 'string' ? input.at.trim() : ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at) || Number.isNaN(Date.parse(at))) {
    throw new InputError(`"${at}" is not a date; write YYYY-MM-DD`, 'akimat.error.date', {
      value: at,
    })
  }
  const rows = typicalSet(snapshot, organisation.level, at)
  if (rows.length === 0) {
    throw new InputError(
      `No typical set of this level is in force on ${at}`,
      'akimat.error.noTypicalSet',
      { date: at },
    )
  }
  const stamp = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('akimat_profile')
      .select('organisation_id')
      .where('kato', '=', kato)
      .where('organisation_id', '!=', organisationId)
      .executeTakeFirst()
    if (taken) {
      throw new InputError(`KATO ${kato} belongs to another akimat`, 'akimat.error.katoTaken', {
        value: kato,
      })
    }
    const existing = await trx
      .selectFrom('akimat_profile')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    if (existing && existing.kato !== kato) {
      // The KATO code decides which region's akimat reads this one: an akimat does not move
      // itself into another region (or out of its own) by adopting again.
      throw new ForbiddenError(
        `The KATO code of an adopted akimat stays ${existing.kato}`,
        'akimat.error.katoFixed',
        { value: existing.kato },
      )
    }
    if (existing) {
      await trx
        .updateTable('akimat_profile')
        .set({ kato, typical_at: at, updated_at: stamp, revision: existing.revision + 1 })
        .where('organisation_id', '=', organisationId)
        .execute()
    } else {
      await trx
        .insertInto('akimat_profile')
        .values({
          organisation_id: organisationId,
          kato,
          typical_at: at,
          adopted_at: stamp,
          adopted_by: actor.userId,
          updated_at: stamp,
          revision: 1,
        })
        .execute()
    }
    await writeEvent(trx, organisationId, actor, existing ? 'readopted' : 'adopted', stamp, {
      kato,
      at,
      functions: rows.length,
      ...(existing ? { before: { kato: existing.kato, at: existing.typical_at } } : {}),
    })
    const profile = await trx
      .selectFrom('akimat_profile')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow()
    return toProfile(profile)
  })
}

/** One function of an akimat's architecture, with its decision judged. */
export interface AkimatFunction {
  key: string
  row: CatalogRow
  /** The systems the row names (with their kk/ru pairs): paragraph 9.1's recommendation. */
  recommended: string[]
  printedLevels: number[]
  maxLevel: number
  targetChoices: number[]
  decision: Decision
  /** The id of the decision's version, or null while undecided. */
  version: number | null
  decidedAt: string | null
  target: number
  issues: Issue[]
  status: FunctionStatus
  isService: boolean
}

export interface AkimatArchitecture {
  akimat: Akimat & { profile: AkimatProfile }
  section: number
  /** The moment the decisions are read as at (now, unless asked otherwise). */
  asOf: string
  functions: AkimatFunction[]
  /** Decisions on functions that are not in the adopted set (it was adopted again since). */
  outside: { key: string; decision: Decision; decidedAt: string }[]
  /** The registry objects the reader may see (to name them, and to choose from). */
  objects: ObjectInfo[]
  counts: Record<FunctionStatus, number> & { total: number; automated: number }
}

interface DecisionRecord {
  id: number
  function_key: string
  performed: number
  system_id: string | null
  object_id: number | null
  level: number
  target_level: number | null
  note: string | null
  recorded_at: string
}

const toDecision = (r: DecisionRecord): Decision => ({
  performed: r.performed === 1,
  systemId: r.system_id,
  objectId: r.object_id,
  level: r.level,
  targetLevel: r.target_level,
  note: r.note,
})

/**
 * The latest decision per function, as at `asOf` (an ISO instant; default: all). Only the
 * latest version of each function is read (the index on organisation, function and id serves
 * the grouped maximum), so the history's length does not slow the architecture down.
 */
async function currentDecisions(
  db: Db,
  organisationId: number,
  asOf?: string,
): Promise<Map<string, DecisionRecord>> {
  const rows = await db
    .selectFrom('akimat_decision')
    .selectAll()
    .where('id', 'in', (eb) => {
      let latest = eb
        .selectFrom('akimat_decision')
        .select((e) => e.fn.max('id').as('id'))
        .where('organisation_id', '=', organisationId)
      if (asOf) latest = latest.where('recorded_at', '<=', asOf)
      return latest.groupBy('function_key')
    })
    .orderBy('id')
    .execute()
  return new Map(rows.map((row) => [row.function_key, row]))
}

async function objectsFor(db: Db, actor: Actor): Promise<ObjectInfo[]> {
  return (await listObjects(db, actor)).map((o) => ({
    id: o.id,
    code: o.code,
    nameKk: o.nameKk,
    nameRu: o.nameRu,
    ownerOrganisationId: o.ownerOrganisationId,
  }))
}

/**
 * The akimat's architecture as `actor` may read it: every function of its adopted typical set
 * with the decision in force at `asOf` (default now), judged by paragraph 9.
 */
export async function akimatArchitecture(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  options: { asOf?: string } = {},
): Promise<AkimatArchitecture> {
  const akimat = await requireReadable(db, actor, organisationId)
  if (!akimat.profile) {
    throw new NotFoundError(
      `Akimat ${organisationId} has not adopted the typical set yet`,
      'akimat.error.notAdopted',
      { id: String(organisationId) },
    )
  }
  return buildArchitecture(
    db,
    { ...akimat, profile: akimat.profile },
    snapshot,
    options.asOf ?? new Date().toISOString(),
    await objectsFor(db, actor),
  )
}

/**
 * The akimats `actor` may read, each with the counts of its architecture now (null before
 * adoption): what lists show. One access check and no registry objects, so a list of many
 * akimats costs one query of decisions per akimat.
 */
export async function akimatsWithCounts(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
): Promise<(Akimat & { counts: AkimatArchitecture['counts'] | null })[]> {
  const asOf = new Date().toISOString()
  const result = []
  for (const akimat of await readableAkimats(db, actor)) {
    const counts = akimat.profile
      ? (await buildArchitecture(db, { ...akimat, profile: akimat.profile }, snapshot, asOf, []))
          .counts
      : null
    result.push({ ...akimat, counts })
  }
  return result
}

async function buildArchitecture(
  db: Db,
  akimat: Akimat & { profile: AkimatProfile },
  snapshot: CatalogSnapshot,
  asOf: string,
  objects: ObjectInfo[],
): Promise<AkimatArchitecture> {
  const organisationId = akimat.organisation.id
  const profile = akimat.profile
  const decisions = await currentDecisions(db, organisationId, asOf)
  const rows = typicalSet(snapshot, akimat.organisation.level, profile.typicalAt)
  const counts = {
    total: 0,
    automated: 0,
    'not-performed': 0,
    'not-automated': 0,
    'non-recommended': 0,
    'below-level': 0,
    ok: 0,
  }
  const keys = new Set<string>()
  const functions = rows.map((row): AkimatFunction => {
    const key = functionKey(row)
    keys.add(key)
    const record = decisions.get(key)
    const decision = record ? toDecision(record) : UNDECIDED
    const recommended = recommendedSystems(snapshot, row)
    const { issues, status, target } = judge(row, recommended, decision)
    counts.total += 1
    counts[status] += 1
    if (decision.performed && decision.level > 0) counts.automated += 1
    return {
      key,
      row,
      recommended,
      printedLevels: printedLevels(row),
      maxLevel: maxLevel(row),
      targetChoices: targetChoices(row),
      decision,
      version: record?.id ?? null,
      decidedAt: record?.recorded_at ?? null,
      target,
      issues,
      status,
      isService: isStateService(row),
    }
  })
  const outside = [...decisions.values()]
    .filter((r) => !keys.has(r.function_key))
    .map((r) => ({ key: r.function_key, decision: toDecision(r), decidedAt: r.recorded_at }))
  return {
    akimat: { ...akimat, profile },
    section: SECTION_OF_LEVEL[akimat.organisation.level],
    asOf,
    functions,
    outside,
    objects,
    counts,
  }
}

/** A decision as sent by a form, the API or an imported sheet. */
export interface DecisionInput {
  key: string
  performed: boolean
  systemId?: string | null
  objectId?: number | null
  level: number
  targetLevel?: number | null
  note?: string | null
  /** The version the sender saw (null = undecided); a newer one means someone else changed it. */
  expectedVersion?: number | null
}

/** What is wrong with one decision of a batch, translated by the caller. */
export interface DecisionProblem {
  /** Position in the batch (0-based). */
  index: number
  key: string
  field: 'key' | 'performed' | 'system' | 'object' | 'level' | 'targetLevel' | 'note' | 'version'
  messageKey: string
  params: Record<string, string | number>
  message: string
}

/** A batch with problems: nothing of it was stored. */
export class DecisionsRejected extends InputError {
  constructor(readonly problems: DecisionProblem[]) {
    super(problems.map((p) => `${p.key}: ${p.message}`).join('; '), 'akimat.error.decisions', {
      count: problems.length,
    })
  }
}

const MAX_NOTE = 2000

/**
 * Checks a batch of decisions against the adopted typical set, the catalogue's systems and the
 * objects `actor` may see; returns every problem (not just the first).
 */
export function checkDecisions(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
  inputs: readonly DecisionInput[],
  options: { ownAutomation?: boolean } = {},
): DecisionProblem[] {
  const byKey = new Map(architecture.functions.map((f) => [f.key, f]))
  const objects = new Set(architecture.objects.map((o) => o.id))
  const problems: DecisionProblem[] = []
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    const key = String(input.key ?? '').trim()
    const problem = (
      field: DecisionProblem['field'],
      messageKey: string,
      message: string,
      params: Record<string, string | number> = {},
    ) => problems.push({ index, key, field, messageKey, params: { key, ...params }, message })
    const fn = byKey.get(key)
    if (!fn) {
      problem('key', 'akimat.problem.key', `${key} is not a function of the adopted typical set`)
      return
    }
    if (seen.has(key)) {
      problem('key', 'akimat.problem.duplicate', `${key} appears twice`)
      return
    }
    seen.add(key)
    if (typeof input.performed !== 'boolean') {
      problem('performed', 'akimat.problem.performed', 'performed must be yes or no')
    }
    const systemId = input.systemId ?? null
    const objectId = input.objectId ?? null
    // e-akimat's own automation is recorded by switching it on (src/automation); a batch (a form,
    // the API, a workbook read back) may carry it unchanged, never set it.
    const ownAutomation =
      systemId === E_AKIMAT_SYSTEM &&
      (options.ownAutomation === true || fn.decision.systemId === E_AKIMAT_SYSTEM)
    if (systemId !== null && !snapshot.systemById.has(systemId) && !ownAutomation) {
      problem('system', 'akimat.problem.system', `no information system "${systemId}"`, {
        value: systemId,
      })
    }
    if (objectId !== null && !objects.has(objectId)) {
      problem('object', 'akimat.problem.object', `no registry object ${objectId} you may see`, {
        value: objectId,
      })
    }
    if (systemId !== null && objectId !== null) {
      problem('object', 'akimat.problem.both', 'choose a system or a registry object, not both')
    }
    const level = input.level
    if (!Number.isInteger(level) || level < 0 || level > fn.maxLevel) {
      problem('level', 'akimat.problem.level', `level must be 0 to ${fn.maxLevel}`, {
        max: fn.maxLevel,
        value: String(level),
      })
    } else if (level > 0 && systemId === null && objectId === null) {
      problem('level', 'akimat.problem.levelWithout', 'an automated function needs its system')
    } else if (level === 0 && (systemId !== null || objectId !== null)) {
      problem('level', 'akimat.problem.levelZero', 'a function with a system is automated (1+)')
    }
    if (input.performed === false && (level ?? 0) > 0) {
      problem(
        'performed',
        'akimat.problem.notPerformed',
        'a function not performed is not automated',
      )
    }
    const target = input.targetLevel ?? null
    if (target !== null && !fn.targetChoices.includes(target)) {
      problem(
        'targetLevel',
        'akimat.problem.target',
        `the target level must be one of ${fn.targetChoices.join(', ')}`,
        { choices: fn.targetChoices.join(', '), value: String(target) },
      )
    }
    if (input.note && input.note.length > MAX_NOTE) {
      problem('note', 'akimat.problem.note', `a note has at most ${MAX_NOTE} characters`, {
        max: MAX_NOTE,
      })
    }
    // A function e-akimat automates changes by switching its automation (the Automation page),
    // not by a batch: a batch that keeps the decision as it is passes.
    if (
      fn.decision.systemId === E_AKIMAT_SYSTEM &&
      options.ownAutomation !== true &&
      (input.performed !== fn.decision.performed ||
        systemId !== E_AKIMAT_SYSTEM ||
        objectId !== null ||
        level !== fn.decision.level)
    ) {
      problem(
        'system',
        'akimat.problem.automated',
        'e-akimat automates this function: switch it off on the Automation page first',
      )
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== fn.version) {
      problem('version', 'akimat.problem.version', 'someone changed this function meanwhile')
    }
  })
  return problems
}

const sameDecision = (a: Decision, b: Decision) =>
  a.performed === b.performed &&
  a.systemId === b.systemId &&
  a.objectId === b.objectId &&
  a.level === b.level &&
  a.targetLevel === b.targetLevel &&
  (a.note ?? null) === (b.note ?? null)

/**
 * Records decisions in one transaction: all of them or, when any has a problem, none
 * ({@link DecisionsRejected} lists every problem). A decision equal to the current one writes
 * nothing. Returns how many functions changed.
 */
export async function recordDecisions(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  inputs: readonly DecisionInput[],
  source: 'form' | 'api' | 'import' | 'automation',
  now = new Date(),
): Promise<{ changed: number }> {
  await requireEditable(db, actor, organisationId)
  if (inputs.length === 0) return { changed: 0 }
  const stamp = now.toISOString()
  // Inside a caller's transaction (switching automation on records its decision with it) the
  // batch joins that transaction.
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    db.isTransaction ? work(db) : db.transaction().execute(work)
  return inTransaction(async (trx) => {
    // Lock the profile (a no-op update) so two batches are applied one after the other and the
    // version check below sees the other's result.
    await trx
      .updateTable('akimat_profile')
      .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: stamp }))
      .where('organisation_id', '=', organisationId)
      .execute()
    const architecture = await akimatArchitecture(trx, actor, snapshot, organisationId, {
      asOf: '9999-12-31T23:59:59.999Z',
    })
    const problems = checkDecisions(architecture, snapshot, inputs, {
      ownAutomation: source === 'automation',
    })
    if (problems.length > 0) throw new DecisionsRejected(problems)
    const byKey = new Map(architecture.functions.map((f) => [f.key, f]))
    let changed = 0
    const keys: string[] = []
    for (const input of inputs) {
      const key = input.key.trim()
      const fn = byKey.get(key)!
      const decision: Decision = {
        performed: input.performed,
        systemId: input.systemId ?? null,
        objectId: input.objectId ?? null,
        level: input.level,
        targetLevel: input.targetLevel ?? null,
        note: input.note?.trim() ? input.note.trim() : null,
      }
      if (fn.version !== null && sameDecision(fn.decision, decision)) continue
      if (fn.version === null && sameDecision(UNDECIDED, decision)) continue
      await trx
        .insertInto('akimat_decision')
        .values({
          organisation_id: organisationId,
          function_key: key,
          performed: decision.performed ? 1 : 0,
          system_id: decision.systemId,
          object_id: decision.objectId,
          level: decision.level,
          target_level: decision.targetLevel,
          note: decision.note,
          source,
          recorded_at: stamp,
          recorded_by: actor.userId,
        })
        .execute()
      changed += 1
      keys.push(key)
    }
    if (changed > 0) {
      await writeEvent(trx, organisationId, actor, 'decisions', stamp, {
        source,
        changed,
        keys: keys.slice(0, 50),
      })
    }
    return { changed }
  })
}

/** Every version of one function's decision, newest first, with who recorded it. */
export async function decisionHistory(db: Db, actor: Actor, organisationId: number, key: string) {
  await requireReadable(db, actor, organisationId)
  const rows = await db
    .selectFrom('akimat_decision')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('function_key', '=', key)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    version: r.id,
    decision: toDecision(r),
    source: r.source,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }))
}

/** The akimat's events (adoptions, batches of decisions, indicator values), newest first. */
export async function akimatEvents(db: Db, actor: Actor, organisationId: number, limit = 100) {
  await requireReadable(db, actor, organisationId)
  const rows = await db
    .selectFrom('akimat_event')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    userId: r.user_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }))
}

/** What an akimat lacks: the functions with issues, by issue. */
export interface GapReport {
  akimat: AkimatArchitecture['akimat']
  asOf: string
  counts: AkimatArchitecture['counts']
  notAutomated: AkimatFunction[]
  nonRecommended: AkimatFunction[]
  belowLevel: AkimatFunction[]
  /** Functions with any issue, in the order of the typical set. */
  gaps: AkimatFunction[]
  /** Share of performed functions automated, 0–100, or null when none is performed. */
  automatedShare: number | null
  /** Per group of the typical set: functions performed and of those automated. */
  byGroup: { group: string; performed: number; automated: number; gaps: number }[]
}

/** The gap report of an architecture (pure: the same for the page, the API and the exports). */
export function gapReport(architecture: AkimatArchitecture): GapReport {
  const withIssue = (issue: Issue) => architecture.functions.filter((f) => f.issues.includes(issue))
  const performed = architecture.functions.filter((f) => f.decision.performed)
  const groups = new Map<string, { performed: number; automated: number; gaps: number }>()
  for (const f of architecture.functions) {
    const name = f.row.group ?? '—'
    const g = groups.get(name) ?? { performed: 0, automated: 0, gaps: 0 }
    if (f.decision.performed) g.performed += 1
    if (f.decision.performed && f.decision.level > 0) g.automated += 1
    if (f.issues.length > 0) g.gaps += 1
    groups.set(name, g)
  }
  return {
    akimat: architecture.akimat,
    asOf: architecture.asOf,
    counts: architecture.counts,
    notAutomated: withIssue('not-automated'),
    nonRecommended: withIssue('non-recommended'),
    belowLevel: withIssue('below-level'),
    gaps: architecture.functions.filter((f) => f.issues.length > 0),
    automatedShare:
      performed.length === 0
        ? null
        : (100 * performed.filter((f) => f.decision.level > 0).length) / performed.length,
    byGroup: [...groups.entries()].map(([group, g]) => ({ group, ...g })),
  }
}

/** The akimat, when it exists and `actor` may read it, without requiring a profile. */
export async function akimatFor(db: Db, actor: Actor, organisationId: number): Promise<Akimat> {
  return requireReadable(db, actor, organisationId)
}

/** An organisation by id, when it is an akimat. */
export async function akimatOrganisation(db: Db, organisationId: number) {
  const organisation = await getOrganisation(db, organisationId)
  return organisation && isAkimat(organisation) ? organisation : undefined
}
