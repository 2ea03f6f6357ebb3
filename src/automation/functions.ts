/**
 * @module
 * Switching e-akimat's automation on and off for the functions of an akimat's typical set
 * (typical architecture, chapter 2, paragraph 9.2: where no central or interdepartmental system
 * automates a function, the akimat builds its own, to the extent of Appendix 1).
 *
 * For each function of its level an akimat sees the pattern of its row, whether a central system
 * covers it (then e-akimat points to that system and offers nothing of its own) and the level
 * e-akimat reaches. Switching on is one transaction: the function's automation and its registries,
 * for the application pattern a generated service definition (a new version whenever the
 * configuration changes) bound to the akimat as provider, the akimat's decision (system
 * `e-akimat` at the pattern's level), and an event. Switching off stops offering the service and
 * writing records; nothing is deleted.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import {
  type AkimatFunction,
  akimatArchitecture,
  type Decision,
  type DecisionInput,
  DecisionsRejected,
  E_AKIMAT_SYSTEM,
  recordDecisions,
} from '../akimat/index.js'
import { type Actor, hasRole, isUniqueViolation } from '../auth/index.js'
import type { CatalogSnapshot } from '../catalog/index.js'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  bindGeneratedProvider,
  latestStoredVersion,
  refreshStoredDefinitions,
  setServiceDefinitionActive,
  storedVersionList,
  storedVersions,
  storeServiceDefinition,
} from '../services/index.js'
import {
  type AutomationConfig,
  defaultConfig,
  type FieldConfig,
  generatedNumberPrefix,
  generatedServiceCode,
  generateServiceDefinition,
  WRITER_ROLES,
} from './generate.js'
import {
  type CentralCoverage,
  type Classification,
  centralCoverage,
  classifyRows,
  levelReached,
  type Pattern,
} from './patterns.js'
import {
  type RegistryKind,
  type RegistryName,
  recordRegistries,
  serviceRegistries,
} from './presets.js'

type Db = Kysely<Database>

export interface Automation {
  id: number
  organisationId: number
  functionKey: string
  pattern: Pattern
  enabled: boolean
  serviceCode: string | null
  config: AutomationConfig
  createdAt: string
  updatedAt: string
  revision: number
}

export interface Registry {
  id: number
  automationId: number
  slot: string
  kind: RegistryKind
  name: RegistryName
  fields: FieldConfig[]
}

/** One function of an akimat's set as the switch-on page shows it. */
export interface AutomatableFunction {
  key: string
  fn: AkimatFunction
  classification: Classification
  coverage: CentralCoverage
  /** The systems that cover the function (where `coverage` is `central` or `partial`). */
  systems: string[]
  /** Whether e-akimat offers its own automation here. */
  offered: boolean
  /** The level e-akimat's pattern reaches, of the row's highest `fn.maxLevel`. */
  levelReached: number
  automation: Automation | null
}

export interface AutomationOverview {
  organisationId: number
  section: number
  functions: AutomatableFunction[]
  /**
   * Automations whose function is no longer in the adopted set (the akimat adopted another set
   * since): still switched on ones keep their service offered until switched off here.
   */
  outside: Automation[]
  counts: { functions: number; offered: number; central: number; enabled: number }
}

function toAutomation(row: {
  id: number
  organisation_id: number
  function_key: string
  pattern: string
  enabled: number
  service_code: string | null
  config: string
  created_at: string
  updated_at: string
  revision: number
}): Automation {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    functionKey: row.function_key,
    pattern: row.pattern as Pattern,
    enabled: row.enabled === 1,
    serviceCode: row.service_code,
    config: { ...defaultConfig(), ...(JSON.parse(row.config) as Partial<AutomationConfig>) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  }
}

export function toRegistry(row: {
  id: number
  automation_id: number
  slot: string
  kind: string
  name: string
  fields: string
}): Registry {
  return {
    id: row.id,
    automationId: row.automation_id,
    slot: row.slot,
    kind: row.kind as RegistryKind,
    name: JSON.parse(row.name) as RegistryName,
    fields: JSON.parse(row.fields) as FieldConfig[],
  }
}

/** Whether `actor` switches functions on and off and configures them: the akimat's administrators. */
export const canManageAutomation = (actor: Actor, organisationId: number): boolean =>
  actor.organisation.id === organisationId && hasRole(actor, 'admin')

/** The akimat's own people read its automation and its registries (they hold personal data). */
export function requireOwnAkimat(actor: Actor, organisationId: number): void {
  if (actor.organisation.id !== organisationId) {
    throw new NotFoundError(`No akimat ${organisationId}`, 'akimat.error.notFound', {
      id: String(organisationId),
    })
  }
}

function requireManager(actor: Actor, organisationId: number): void {
  requireOwnAkimat(actor, organisationId)
  if (!canManageAutomation(actor, organisationId)) {
    throw new ForbiddenError(
      'Only the akimat’s administrators switch automation on and off',
      'automation.error.forbidden',
    )
  }
}

async function automationsOf(db: Db, organisationId: number): Promise<Map<string, Automation>> {
  const rows = await db
    .selectFrom('automation_function')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .execute()
  return new Map(rows.map((r) => [r.function_key, toAutomation(r)]))
}

/** Every function of the akimat's adopted typical set with its pattern, coverage and automation. */
export async function automationOverview(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
): Promise<AutomationOverview> {
  requireOwnAkimat(actor, organisationId)
  const architecture = await akimatArchitecture(db, actor, snapshot, organisationId)
  const classified = classifyRows(architecture.functions.map((f) => f.row))
  const automations = await automationsOf(db, organisationId)
  const functions = architecture.functions.map((fn): AutomatableFunction => {
    const classification = classified.get(fn.row.id)!
    const { coverage, systems } = centralCoverage(snapshot, fn.row)
    const pattern = classification.pattern
    return {
      key: fn.key,
      fn,
      classification,
      coverage,
      systems,
      offered: pattern !== 'none' && coverage !== 'central',
      levelReached: pattern === 'none' ? 0 : levelReached(pattern, fn.row),
      automation: automations.get(fn.key) ?? null,
    }
  })
  const inSet = new Set(functions.map((f) => f.key))
  return {
    organisationId,
    section: architecture.section,
    functions,
    outside: [...automations.values()].filter((a) => !inSet.has(a.functionKey)),
    counts: {
      functions: functions.length,
      offered: functions.filter((f) => f.offered).length,
      central: functions.filter((f) => f.coverage === 'central').length,
      enabled: functions.filter((f) => f.automation?.enabled).length,
    },
  }
}

async function functionOf(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  key: string,
): Promise<AutomatableFunction> {
  const overview = await automationOverview(db, actor, snapshot, organisationId)
  const found = overview.functions.find((f) => f.key === key)
  if (!found) {
    throw new NotFoundError(
      `${key} is not a function of this akimat`,
      'automation.error.function',
      {
        key,
      },
    )
  }
  return found
}

/** The systems' names as the catalogue prints them (ids it does not hold as they are). */
export function systemNames(snapshot: CatalogSnapshot, ids: readonly string[]): string {
  return [...new Set(ids.map((id) => snapshot.systemById.get(id)?.name ?? id))].join(', ')
}

/**
 * Runs `work` in a transaction; a unique-key clash (two administrators switching the same
 * function on at once) is a conflict to try again, not a server error.
 */
export async function inConflict<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'Someone changed this meanwhile; try again',
        'automation.error.revision',
      )
    }
    throw error
  }
}

/** The decision recorded before the last switch-on, if the akimat had decided otherwise then. */
async function decisionBefore(db: Db, automationId: number): Promise<Decision | null> {
  const event = await db
    .selectFrom('automation_event')
    .select('details')
    .where('automation_id', '=', automationId)
    .where('kind', '=', 'switched-on')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!event) return null
  const previous = (JSON.parse(event.details) as { previous?: Decision }).previous
  return previous ?? null
}

async function writeEvent(
  db: Db,
  automationId: number,
  kind: string,
  actor: Actor,
  at: string,
  details: Record<string, unknown>,
) {
  await db
    .insertInto('automation_event')
    .values({
      automation_id: automationId,
      kind,
      at,
      user_id: actor.userId,
      details: JSON.stringify(details),
    })
    .execute()
}

const organisationName = (actor: Actor) => ({
  kk: actor.organisation.nameKk,
  ru: actor.organisation.nameRu,
  en: actor.organisation.nameRu,
})

/** Stores the next version of a function's service from its row and configuration. */
async function storeNextVersion(
  trx: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  f: AutomatableFunction,
  automationId: number,
  config: AutomationConfig,
  now: Date,
): Promise<string> {
  const code = generatedServiceCode(actor.organisation.id, f.fn.row)
  const existing = await latestStoredVersion(trx, code)
  const prefix = existing?.numberPrefix ?? generatedNumberPrefix(automationId)
  const definition = generateServiceDefinition({
    row: f.fn.row,
    act: snapshot.acts.find((a) => a.id === f.fn.row.act),
    organisationId: actor.organisation.id,
    organisationName: organisationName(actor),
    config,
    version: (existing?.version ?? 0) + 1,
    prefix,
    functionKey: f.key,
  })
  await storeServiceDefinition(trx, definition, actor.organisation.id, actor.userId, now)
  return code
}

/**
 * Switches e-akimat's automation of a function on (again). Refused where the row fits no pattern
 * or a central system covers it. One transaction; returns the automation.
 */
export async function switchOn(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  key: string,
  options: {
    /**
     * Where a central system covers the row in part (e.g. «ПЭП, ИС РШЭП (2 услуги)»), the
     * administrator confirms that this function is not among what it provides.
     */
    confirmNotCentral?: boolean
  } = {},
  now: Date = new Date(),
): Promise<Automation> {
  requireManager(actor, organisationId)
  const stamp = now.toISOString()
  const result = await inConflict(db, async (trx) => {
    const f = await functionOf(trx, actor, snapshot, organisationId, key)
    if (f.classification.pattern === 'none') {
      throw new InputError(
        `${key} fits no automation pattern (${f.classification.reason})`,
        'automation.error.notAutomatable',
        { key, reason: f.classification.reason ?? 'no-approach' },
      )
    }
    const systems = systemNames(snapshot, f.systems)
    if (f.coverage === 'central') {
      throw new InputError(
        `${key} is automated by a central system (${systems}); use it`,
        'automation.error.central',
        { key, systems },
      )
    }
    if (f.coverage === 'partial' && options.confirmNotCentral !== true) {
      throw new InputError(
        `${key}: ${f.fn.row.systems.join(', ')} provide part of these services; confirm this one is not among them`,
        'automation.error.confirmPartial',
        { key, systems: f.fn.row.systems.join(', ') },
      )
    }
    if (f.automation?.enabled) return f.automation
    const pattern = f.classification.pattern
    let automation = f.automation
    if (!automation) {
      const inserted = await trx
        .insertInto('automation_function')
        .values({
          organisation_id: organisationId,
          function_key: key,
          pattern,
          enabled: 1,
          service_code: null,
          config: JSON.stringify(defaultConfig()),
          created_at: stamp,
          updated_at: stamp,
          revision: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      automation = toAutomation(inserted)
      const presets =
        pattern === 'application'
          ? serviceRegistries(f.fn.row.resources)
          : recordRegistries(pattern, f.fn.row.resources, f.fn.row.function)
      for (const preset of presets) {
        await trx
          .insertInto('automation_registry')
          .values({
            automation_id: automation.id,
            slot: preset.slot,
            kind: preset.kind,
            name: JSON.stringify(preset.name),
            fields: JSON.stringify(preset.fields),
            created_at: stamp,
            updated_at: stamp,
          })
          .execute()
      }
    }
    let serviceCode = automation.serviceCode
    if (pattern === 'application') {
      if (serviceCode && storedVersions(serviceCode).length > 0) {
        await setServiceDefinitionActive(trx, serviceCode, true)
      } else {
        serviceCode = await storeNextVersion(
          trx,
          actor,
          snapshot,
          f,
          automation.id,
          automation.config,
          now,
        )
      }
      await bindGeneratedProvider(
        trx,
        serviceCode,
        organisationId,
        automation.config.termDays,
        actor.userId,
        now,
      )
    }
    await trx
      .updateTable('automation_function')
      .set({
        enabled: 1,
        service_code: serviceCode,
        updated_at: stamp,
        revision: automation.revision + (f.automation ? 1 : 0),
      })
      .where('id', '=', automation.id)
      .execute()
    const level = Math.min(f.levelReached, f.fn.maxLevel)
    await recordDecisions(
      trx,
      actor,
      snapshot,
      organisationId,
      [
        {
          key,
          performed: true,
          systemId: E_AKIMAT_SYSTEM,
          level,
          targetLevel: f.fn.decision.targetLevel,
          note:
            f.coverage === 'partial'
              ? `e-akimat: ${pattern}; not provided by ${f.fn.row.systems.join(', ')} (confirmed)`
              : `e-akimat: ${pattern}`,
        },
      ],
      'automation',
      now,
    )
    await writeEvent(trx, automation.id, 'switched-on', actor, stamp, {
      pattern,
      level,
      serviceCode,
      ...(f.coverage === 'partial' ? { confirmedNotProvidedBy: f.fn.row.systems } : {}),
      // What the akimat had decided before, restored when it switches off again.
      ...(f.fn.version !== null && f.fn.decision.systemId !== E_AKIMAT_SYSTEM
        ? { previous: f.fn.decision }
        : {}),
    })
    return { ...automation, enabled: true, serviceCode, updatedAt: stamp }
  })
  await refreshStoredDefinitions(db, { force: true })
  return result
}

/**
 * Switches a function's automation off: the service is no longer offered (applications already
 * made go on to their end), registries become read-only, the decision returns to "not automated".
 * Records, applications and versions stay.
 */
export async function switchOff(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  key: string,
  now: Date = new Date(),
): Promise<Automation> {
  requireManager(actor, organisationId)
  const stamp = now.toISOString()
  const result = await db.transaction().execute(async (trx) => {
    // A function that left the adopted set (adopted again since) is switched off all the same.
    const automation = (await automationsOf(trx, organisationId)).get(key)
    if (!automation) {
      throw new NotFoundError(`${key} was never switched on`, 'automation.error.notSwitchedOn', {
        key,
      })
    }
    if (!automation.enabled) return automation
    const overview = await automationOverview(trx, actor, snapshot, organisationId)
    const f = overview.functions.find((fn) => fn.key === key)
    if (automation.serviceCode) {
      await setServiceDefinitionActive(trx, automation.serviceCode, false)
      await bindGeneratedProvider(trx, automation.serviceCode, organisationId, null, actor.userId)
    }
    await trx
      .updateTable('automation_function')
      .set({ enabled: 0, updated_at: stamp, revision: automation.revision + 1 })
      .where('id', '=', automation.id)
      .execute()
    if (f?.fn.decision.systemId === E_AKIMAT_SYSTEM) {
      const notAutomated = {
        key,
        performed: true,
        level: 0,
        targetLevel: f.fn.decision.targetLevel,
        note: 'e-akimat: switched off',
      }
      const previous = await decisionBefore(trx, automation.id)
      const record = (input: DecisionInput) =>
        recordDecisions(trx, actor, snapshot, organisationId, [input], 'automation', now)
      try {
        await record(previous ? { key, ...previous } : notAutomated)
      } catch (error) {
        // The earlier decision no longer holds (its registry object is gone, its level is not
        // printed any more): the function is simply not automated. Nothing was written yet.
        if (!(error instanceof DecisionsRejected)) throw error
        await record(notAutomated)
      }
    }
    await writeEvent(trx, automation.id, 'switched-off', actor, stamp, {})
    return { ...automation, enabled: false, updatedAt: stamp }
  })
  await refreshStoredDefinitions(db, { force: true })
  return result
}

const text = (max: number) => z.string().trim().min(1).max(max)
const fieldSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/),
  type: z.enum(['text', 'textarea', 'date', 'number']),
  label: z.object({ kk: text(200), ru: text(200), en: text(200) }),
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
})
const fieldsSchema = z
  .array(fieldSchema)
  .max(30)
  .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, {
    message: 'two fields have the same id',
  })

export const configSchema = z.object({
  name: z
    .object({ kk: z.string().max(500), ru: z.string().max(500), en: z.string().max(500) })
    .partial(),
  fields: fieldsSchema.refine((f) => f.length >= 1, { message: 'the form needs a field' }),
  attachment: z.enum(['none', 'optional', 'required']),
  decisionDays: z.number().int().min(1).max(60),
  issueDays: z.number().int().min(1).max(60),
  termDays: z.number().int().min(1).max(365),
  recipientTypes: z.array(z.enum(['individual', 'legal-entity'])).min(1),
  writerRoles: z.array(z.enum(WRITER_ROLES)).min(1),
})

/** Why a configuration was refused, one line per problem. */
function configProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ')
}

/**
 * Changes a function's configuration (form fields, limits, term, roles; registry fields by slot).
 * For an enabled service a changed configuration is a new version of its definition; applications
 * already made keep theirs. Removing a registry field keeps what records hold in it. One
 * transaction with an event; `expectedRevision` guards against a concurrent change.
 */
export async function configureAutomation(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  key: string,
  input: {
    config?: unknown
    registryFields?: Record<string, unknown>
    expectedRevision?: number
  },
  now: Date = new Date(),
): Promise<Automation> {
  requireManager(actor, organisationId)
  const stamp = now.toISOString()
  const result = await inConflict(db, async (trx) => {
    const f = await functionOf(trx, actor, snapshot, organisationId, key)
    const automation = f.automation
    if (!automation) {
      throw new NotFoundError(`${key} was never switched on`, 'automation.error.notSwitchedOn', {
        key,
      })
    }
    if (input.expectedRevision !== undefined && input.expectedRevision !== automation.revision) {
      throw new ConflictError('Someone changed this meanwhile', 'automation.error.revision')
    }
    let config = automation.config
    if (input.config !== undefined) {
      const parsed = configSchema.safeParse(input.config)
      if (!parsed.success) {
        const detail = configProblems(parsed.error)
        throw new InputError(`Invalid configuration: ${detail}`, 'automation.error.config', {
          detail,
        })
      }
      config = parsed.data
    }
    const changedConfig = JSON.stringify(config) !== JSON.stringify(automation.config)
    const registries = (
      await trx
        .selectFrom('automation_registry')
        .selectAll()
        .where('automation_id', '=', automation.id)
        .execute()
    ).map(toRegistry)
    const changedRegistries: string[] = []
    for (const [slot, value] of Object.entries(input.registryFields ?? {})) {
      const registry = registries.find((r) => r.slot === slot)
      if (registry?.kind !== 'records') {
        throw new InputError(`No registry "${slot}" with fields`, 'automation.error.registry', {
          slot,
        })
      }
      const parsed = fieldsSchema.safeParse(value)
      if (!parsed.success || parsed.data.length === 0) {
        const detail = parsed.success ? 'a registry needs a field' : configProblems(parsed.error)
        throw new InputError(`Invalid fields of ${slot}: ${detail}`, 'automation.error.config', {
          detail,
        })
      }
      if (JSON.stringify(parsed.data) === JSON.stringify(registry.fields)) continue
      await trx
        .updateTable('automation_registry')
        .set({ fields: JSON.stringify(parsed.data), updated_at: stamp })
        .where('id', '=', registry.id)
        .execute()
      changedRegistries.push(slot)
    }
    if (!changedConfig && changedRegistries.length === 0) return automation
    let version: number | null = null
    if (changedConfig && automation.pattern === 'application' && automation.serviceCode) {
      await storeNextVersion(trx, actor, snapshot, f, automation.id, config, now)
      if (!automation.enabled) await setServiceDefinitionActive(trx, automation.serviceCode, false)
      else {
        await bindGeneratedProvider(
          trx,
          automation.serviceCode,
          organisationId,
          config.termDays,
          actor.userId,
          now,
        )
      }
      version = (await latestStoredVersion(trx, automation.serviceCode))?.version ?? null
    }
    await trx
      .updateTable('automation_function')
      .set({ config: JSON.stringify(config), updated_at: stamp, revision: automation.revision + 1 })
      .where('id', '=', automation.id)
      .where('revision', '=', automation.revision)
      .executeTakeFirst()
      .then((r) => {
        // Another configuration committed since this one read the automation.
        if (Number(r.numUpdatedRows) !== 1) {
          throw new ConflictError('Someone changed this meanwhile', 'automation.error.revision')
        }
      })
    await writeEvent(trx, automation.id, 'configured', actor, stamp, {
      config: changedConfig,
      registries: changedRegistries,
      ...(version ? { version } : {}),
    })
    return { ...automation, config, updatedAt: stamp, revision: automation.revision + 1 }
  })
  await refreshStoredDefinitions(db, { force: true })
  return result
}

export interface AutomationDetail {
  function: AutomatableFunction
  automation: Automation | null
  registries: (Registry & { records: number })[]
  events: { kind: string; at: string; userId: number | null; details: Record<string, unknown> }[]
  /** The versions of the generated service, oldest first. */
  versions: { version: number; createdAt: string; active: boolean }[]
}

/** One function's automation with its registries, history and service versions. */
export async function automationDetail(
  db: Db,
  actor: Actor,
  snapshot: CatalogSnapshot,
  organisationId: number,
  key: string,
): Promise<AutomationDetail> {
  const f = await functionOf(db, actor, snapshot, organisationId, key)
  const automation = f.automation
  if (!automation)
    return { function: f, automation: null, registries: [], events: [], versions: [] }
  const registries = (
    await db
      .selectFrom('automation_registry')
      .selectAll()
      .where('automation_id', '=', automation.id)
      .orderBy('id')
      .execute()
  ).map(toRegistry)
  const counts = new Map(
    (
      await db
        .selectFrom('automation_record')
        .select(['registry_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('registry_id', 'in', registries.length ? registries.map((r) => r.id) : [-1])
        .where('removed', '=', 0)
        .groupBy('registry_id')
        .execute()
    ).map((r) => [r.registry_id, Number(r.n)]),
  )
  const events = await db
    .selectFrom('automation_event')
    .selectAll()
    .where('automation_id', '=', automation.id)
    .orderBy('id', 'desc')
    .execute()
  const versions = automation.serviceCode ? await storedVersionList(db, automation.serviceCode) : []
  return {
    function: f,
    automation,
    registries: registries.map((r) => ({ ...r, records: counts.get(r.id) ?? 0 })),
    events: events.map((e) => ({
      kind: e.kind,
      at: e.at,
      userId: e.user_id,
      details: JSON.parse(e.details) as Record<string, unknown>,
    })),
    versions,
  }
}
