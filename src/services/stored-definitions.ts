/**
 * @module
 * Service definitions kept in the database (`services_definition`) next to the files of
 * `definitions/`: the ones an akimat generates from a row of Appendix 1 when it switches e-akimat's
 * automation on. Each is checked by the same schema and cross-checks as a file
 * (`parseServiceDefinition`), every change is a new version, and applications keep the version
 * they started with.
 *
 * The engine reads definitions synchronously (`serviceDefinition`), so the stored ones are held in
 * memory: `storeServiceDefinition` and `setServiceDefinitionActive` update this process at once,
 * and `refreshStoredDefinitions` (called by the web layer before requests, at most once a second,
 * and by the command line) picks up what another process or instance wrote.
 */
import type { Kysely } from 'kysely'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'
import type { ServiceDefinition } from './definition.js'
import { parseServiceDefinition } from './definitions.js'

type Db = Kysely<Database>

export interface StoredDefinition {
  definition: ServiceDefinition
  organisationId: number
  active: boolean
  createdAt: string
}

interface StoredState {
  fingerprint: string
  /** code → version → stored definition. */
  byCode: Map<string, Map<number, StoredDefinition>>
}

let state: StoredState = { fingerprint: '', byCode: new Map() }
let checkedAt = Number.NEGATIVE_INFINITY
let loading: Promise<void> | undefined
/** The database the copy was read from: another one (tests run several) is always re-read. */
let source: Db | undefined

async function fingerprintOf(db: Db): Promise<string> {
  const row = await db
    .selectFrom('services_definition')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.max('id').as('last'),
      eb.fn.sum<number | string>('active').as('active'),
    ])
    .executeTakeFirst()
  // Switching a version on or off changes the sum of `active` only together with another
  // version's, so the sum of the active ids is part of the fingerprint as well.
  const activeIds = await db
    .selectFrom('services_definition')
    .select((eb) => eb.fn.sum<number | string>('id').as('ids'))
    .where('active', '=', 1)
    .executeTakeFirst()
  return `${row?.n ?? 0}/${row?.last ?? 0}/${row?.active ?? 0}/${activeIds?.ids ?? 0}`
}

async function load(db: Db, fingerprint: string): Promise<void> {
  const rows = await db.selectFrom('services_definition').selectAll().orderBy('id').execute()
  const byCode = new Map<string, Map<number, StoredDefinition>>()
  for (const row of rows) {
    const definition = parseServiceDefinition(
      JSON.parse(row.definition),
      `services_definition ${row.code} v${row.version}`,
    )
    const versions = byCode.get(row.code) ?? new Map<number, StoredDefinition>()
    versions.set(row.version, {
      definition,
      organisationId: row.organisation_id,
      active: row.active === 1,
      createdAt: row.created_at,
    })
    byCode.set(row.code, versions)
  }
  state = { fingerprint, byCode }
}

/**
 * Brings this process's copy of the stored definitions up to date with the database. Checks at
 * most once per `recheckMs` unless `force`; concurrent callers share one load.
 */
export async function refreshStoredDefinitions(
  db: Db,
  options: { force?: boolean; recheckMs?: number } = {},
): Promise<void> {
  const now = Date.now()
  const sameSource = source === db
  if (!options.force && sameSource && now - checkedAt < (options.recheckMs ?? 1000)) return
  if (loading) {
    // A load already running may have read the database before the caller's commit: a forced
    // refresh (after a write) waits for it and reads again.
    await loading
    if (!options.force && source === db) return
  }
  loading = (async () => {
    try {
      const fingerprint = await fingerprintOf(db)
      checkedAt = Date.now()
      if (fingerprint !== state.fingerprint || !sameSource) await load(db, fingerprint)
      source = db
    } finally {
      loading = undefined
    }
  })()
  return loading
}

/** A stored definition: the given version, or the latest one of the code. */
export function storedDefinition(code: string, version?: number): StoredDefinition | undefined {
  const versions = state.byCode.get(code)
  if (!versions) return undefined
  if (version !== undefined) return versions.get(version)
  return versions.get(Math.max(...versions.keys()))
}

/** The latest version of every stored code that is offered to applicants. */
export function activeStoredDefinitions(): StoredDefinition[] {
  const result: StoredDefinition[] = []
  for (const code of [...state.byCode.keys()].sort()) {
    const latest = storedDefinition(code)
    if (latest?.active) result.push(latest)
  }
  return result
}

/** Every version of a stored code, oldest first. */
export function storedVersions(code: string): StoredDefinition[] {
  const versions = state.byCode.get(code)
  return versions ? [...versions.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d) : []
}

/**
 * Stores a new version of a definition (its `version` must be one more than the latest stored
 * one, or 1), checked like a file; the new version is active and the older ones not. Run it in
 * the caller's transaction: it refreshes this process's copy after commit only when the caller
 * calls {@link refreshStoredDefinitions} with `force`.
 */
export async function storeServiceDefinition(
  db: Db,
  json: unknown,
  organisationId: number,
  userId: number | null,
  now: Date = new Date(),
): Promise<ServiceDefinition> {
  let definition: ServiceDefinition
  try {
    definition = parseServiceDefinition(json, 'the generated definition')
  } catch (error) {
    throw new InputError((error as Error).message, 'automation.error.definition', {
      detail: (error as Error).message,
    })
  }
  const latest = await db
    .selectFrom('services_definition')
    .select(['version', 'organisation_id'])
    .where('code', '=', definition.code)
    .orderBy('version', 'desc')
    .executeTakeFirst()
  if (latest && latest.organisation_id !== organisationId) {
    throw new InputError(
      `The service code ${definition.code} belongs to another organisation`,
      'automation.error.codeTaken',
      { code: definition.code },
    )
  }
  const expected = (latest?.version ?? 0) + 1
  if (definition.version !== expected) {
    throw new Error(
      `${definition.code}: the next version is ${expected}, not ${definition.version}`,
    )
  }
  await db
    .updateTable('services_definition')
    .set({ active: 0 })
    .where('code', '=', definition.code)
    .execute()
  await db
    .insertInto('services_definition')
    .values({
      code: definition.code,
      version: definition.version,
      organisation_id: organisationId,
      definition: JSON.stringify(definition),
      active: 1,
      created_at: now.toISOString(),
      created_by: userId,
    })
    .execute()
  return definition
}

/** Offers (or stops offering) the latest version of a stored code to applicants. */
export async function setServiceDefinitionActive(
  db: Db,
  code: string,
  active: boolean,
): Promise<void> {
  const latest = await db
    .selectFrom('services_definition')
    .select('version')
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .executeTakeFirst()
  if (!latest) return
  await db
    .updateTable('services_definition')
    .set({ active: active ? 1 : 0 })
    .where('code', '=', code)
    .where('version', '=', latest.version)
    .execute()
}

/** The latest stored version of a code with its number prefix, read in the caller's transaction. */
export async function latestStoredVersion(
  db: Db,
  code: string,
): Promise<{ version: number; numberPrefix: string } | undefined> {
  const row = await db
    .selectFrom('services_definition')
    .select(['version', 'definition'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .executeTakeFirst()
  if (!row) return undefined
  const { numberPrefix } = JSON.parse(row.definition) as { numberPrefix: string }
  return { version: row.version, numberPrefix }
}

/** Every stored version of a code, oldest first, as read from the database. */
export async function storedVersionList(
  db: Db,
  code: string,
): Promise<{ version: number; createdAt: string; active: boolean }[]> {
  const rows = await db
    .selectFrom('services_definition')
    .select(['version', 'created_at', 'active'])
    .where('code', '=', code)
    .orderBy('version')
    .execute()
  return rows.map((v) => ({ version: v.version, createdAt: v.created_at, active: v.active === 1 }))
}
