/**
 * @module
 * The registries of automated functions: records kept here (with configurable fields, every
 * version of every record, CSV export), and the registers of a generated service (applications,
 * notices, recipients), read from its applications so that nothing is copied or lost.
 */
import type { Kysely } from 'kysely'
import { type Actor, hasRole } from '../auth/index.js'
import { tableToCsv } from '../catalog/index.js'
import {
  ConflictError,
  ForbiddenError,
  InputError,
  isRecordId,
  NotFoundError,
} from '../core/index.js'
import type { Database } from '../db/index.js'
import { type RegisterEntry, serviceRegister } from '../services/index.js'
import {
  type Automation,
  inConflict,
  type Registry,
  requireOwnAkimat,
  toRegistry,
} from './functions.js'
import type { FieldConfig } from './generate.js'
import { defaultConfig } from './generate.js'

type Db = Kysely<Database>

export interface RegistryRecord {
  id: number
  number: number
  data: Record<string, string>
  removed: boolean
  createdAt: string
  createdBy: number | null
  updatedAt: string
  revision: number
}

export interface RegistryView {
  registry: Registry
  automation: Pick<Automation, 'id' | 'functionKey' | 'pattern' | 'enabled' | 'serviceCode'> & {
    writerRoles: string[]
  }
  /** Records kept here (kind `records`), without the removed ones unless asked. */
  records: RegistryRecord[]
  /** Entries of a service's register (kinds `applications`, `notifications`, `recipients`). */
  entries: RegisterEntry[]
  /** Whether the reader may add and change records now (enabled, and a writer role). */
  writable: boolean
}

const SERVICE_REGISTER_ROLES = ['operator', 'signer', 'admin'] as const

const notFound = (id: number | string) =>
  new NotFoundError(`No registry ${id}`, 'automation.error.registryNotFound', { id: String(id) })

async function loadRegistry(db: Db, actor: Actor, registryId: number) {
  if (!isRecordId(registryId)) throw notFound(registryId)
  const row = await db
    .selectFrom('automation_registry')
    .innerJoin('automation_function', 'automation_function.id', 'automation_registry.automation_id')
    .select([
      'automation_registry.id as id',
      'automation_registry.automation_id as automation_id',
      'automation_registry.slot as slot',
      'automation_registry.kind as kind',
      'automation_registry.name as name',
      'automation_registry.fields as fields',
      'automation_function.organisation_id as organisation_id',
      'automation_function.function_key as function_key',
      'automation_function.pattern as pattern',
      'automation_function.enabled as enabled',
      'automation_function.service_code as service_code',
      'automation_function.config as config',
    ])
    .where('automation_registry.id', '=', registryId)
    .executeTakeFirst()
  if (!row || row.organisation_id !== actor.organisation.id) throw notFound(registryId)
  requireOwnAkimat(actor, row.organisation_id)
  const config = { ...defaultConfig(), ...JSON.parse(row.config) }
  return {
    registry: toRegistry(row),
    organisationId: row.organisation_id,
    automation: {
      id: row.automation_id,
      functionKey: row.function_key,
      pattern: row.pattern as Automation['pattern'],
      enabled: row.enabled === 1,
      serviceCode: row.service_code,
      writerRoles: config.writerRoles as string[],
    },
  }
}

const mayWrite = (actor: Actor, writerRoles: string[]) =>
  writerRoles.some((role) => hasRole(actor, role as Parameters<typeof hasRole>[1]))

const toRecord = (r: {
  id: number
  number: number
  data: string
  removed: number
  created_at: string
  created_by: number | null
  updated_at: string
  revision: number
}): RegistryRecord => ({
  id: r.id,
  number: r.number,
  data: JSON.parse(r.data) as Record<string, string>,
  removed: r.removed === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  revision: r.revision,
})

/** The registries of the akimat's automated functions. */
export async function registriesOf(db: Db, actor: Actor, organisationId: number) {
  requireOwnAkimat(actor, organisationId)
  const rows = await db
    .selectFrom('automation_registry')
    .innerJoin('automation_function', 'automation_function.id', 'automation_registry.automation_id')
    .selectAll('automation_registry')
    .select([
      'automation_function.function_key as function_key',
      'automation_function.enabled as enabled',
    ])
    .where('automation_function.organisation_id', '=', organisationId)
    .orderBy('automation_registry.id')
    .execute()
  return rows.map((r) => ({
    ...toRegistry(r),
    functionKey: r.function_key,
    enabled: r.enabled === 1,
  }))
}

/** A registry with its records or register entries, as `actor` (of the akimat) may read it. */
export async function registryView(
  db: Db,
  actor: Actor,
  registryId: number,
  options: { removed?: boolean } = {},
): Promise<RegistryView> {
  const loaded = await loadRegistry(db, actor, registryId)
  const { registry, automation } = loaded
  if (registry.kind !== 'records' && !SERVICE_REGISTER_ROLES.some((r) => hasRole(actor, r))) {
    // The applicants' names, IINs and refusals: for those who work on applications, as in the
    // e-services (operators, signers), and the akimat's administrators.
    throw new ForbiddenError(
      'The service’s registers are for its operators, signers and administrators',
      'automation.error.registerRole',
    )
  }
  let records: RegistryRecord[] = []
  let entries: RegisterEntry[] = []
  if (registry.kind === 'records') {
    let query = db
      .selectFrom('automation_record')
      .selectAll()
      .where('registry_id', '=', registry.id)
    if (!options.removed) query = query.where('removed', '=', 0)
    records = (await query.orderBy('number').execute()).map(toRecord)
  } else if (automation.serviceCode) {
    entries = await serviceRegister(
      db,
      automation.serviceCode,
      loaded.organisationId,
      registry.kind,
    )
  }
  return {
    registry,
    automation,
    records,
    entries,
    writable:
      registry.kind === 'records' && automation.enabled && mayWrite(actor, automation.writerRoles),
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Checks a record's data against the registry's fields; returns the cleaned data. */
export function checkRecordData(fields: FieldConfig[], input: unknown): Record<string, string> {
  const data = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const clean: Record<string, string> = {}
  const problems: string[] = []
  for (const field of fields) {
    const raw = data[field.id]
    const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : ''
    if (!value) {
      if (field.required) problems.push(`${field.label.en}: required`)
      continue
    }
    const max = field.maxLength ?? (field.type === 'textarea' ? 4000 : 500)
    if (value.length > max) problems.push(`${field.label.en}: at most ${max} characters`)
    if (field.type === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      problems.push(`${field.label.en}: a date YYYY-MM-DD`)
    }
    if (field.type === 'number' && !/^-?\d+([.,]\d+)?$/.test(value)) {
      problems.push(`${field.label.en}: a number`)
    }
    clean[field.id] = value
  }
  if (problems.length > 0) {
    throw new InputError(problems.join('; '), 'automation.error.record', {
      detail: problems.join('; '),
    })
  }
  return clean
}

async function requireWritable(db: Db, actor: Actor, registryId: number) {
  const loaded = await loadRegistry(db, actor, registryId)
  if (loaded.registry.kind !== 'records') {
    throw new InputError(
      'This register is kept by the service: its entries come from the applications',
      'automation.error.serviceRegister',
    )
  }
  if (!loaded.automation.enabled) {
    throw new ConflictError(
      'The function’s automation is switched off: its records are read-only',
      'automation.error.switchedOff',
    )
  }
  if (!mayWrite(actor, loaded.automation.writerRoles)) {
    throw new ForbiddenError(
      'Your role does not write into this registry',
      'automation.error.writerRole',
      { roles: loaded.automation.writerRoles.join(', ') },
    )
  }
  return loaded
}

/** Adds a record (numbered in its registry) with its first version; one transaction. */
export async function addRecord(
  db: Db,
  actor: Actor,
  registryId: number,
  input: unknown,
  now: Date = new Date(),
): Promise<RegistryRecord> {
  const { registry } = await requireWritable(db, actor, registryId)
  const data = checkRecordData(registry.fields, input)
  const stamp = now.toISOString()
  return inConflict(db, async (trx) => {
    const last = await trx
      .selectFrom('automation_record')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('registry_id', '=', registry.id)
      .executeTakeFirst()
    const row = await trx
      .insertInto('automation_record')
      .values({
        registry_id: registry.id,
        number: Number(last?.n ?? 0) + 1,
        data: JSON.stringify(data),
        removed: 0,
        created_at: stamp,
        created_by: actor.userId,
        updated_at: stamp,
        revision: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('automation_record_version')
      .values({
        record_id: row.id,
        change: 'created',
        data: JSON.stringify(data),
        at: stamp,
        user_id: actor.userId,
      })
      .execute()
    return toRecord(row)
  })
}

/**
 * Changes a record (`expectedRevision` as read) or removes/restores it; every change is a
 * version. Fields the registry no longer has are kept in the record.
 */
export async function changeRecord(
  db: Db,
  actor: Actor,
  registryId: number,
  recordId: number,
  change: { data?: unknown; removed?: boolean; expectedRevision: number },
  now: Date = new Date(),
): Promise<RegistryRecord> {
  const { registry } = await requireWritable(db, actor, registryId)
  const stamp = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const current = isRecordId(recordId)
      ? await trx
          .selectFrom('automation_record')
          .selectAll()
          .where('id', '=', recordId)
          .where('registry_id', '=', registry.id)
          .executeTakeFirst()
      : undefined
    if (!current) {
      throw new NotFoundError(`No record ${recordId}`, 'automation.error.recordNotFound', {
        id: String(recordId),
      })
    }
    if (current.revision !== change.expectedRevision) {
      throw new ConflictError('Someone changed this record meanwhile', 'automation.error.revision')
    }
    const data = JSON.parse(current.data) as Record<string, string>
    if (change.data !== undefined) {
      // The registry's fields take the new values (an emptied one goes); values of fields the
      // registry no longer has stay in the record.
      const checked = checkRecordData(registry.fields, change.data)
      for (const field of registry.fields) delete data[field.id]
      Object.assign(data, checked)
    }
    const removed = change.removed ?? current.removed === 1
    const kind =
      removed !== (current.removed === 1) ? (removed ? 'removed' : 'restored') : 'updated'
    const updated = await trx
      .updateTable('automation_record')
      .set({
        data: JSON.stringify(data),
        removed: removed ? 1 : 0,
        updated_at: stamp,
        revision: current.revision + 1,
      })
      .where('id', '=', current.id)
      .where('revision', '=', current.revision)
      .returningAll()
      .executeTakeFirst()
    if (!updated) {
      throw new ConflictError('Someone changed this record meanwhile', 'automation.error.revision')
    }
    await trx
      .insertInto('automation_record_version')
      .values({
        record_id: current.id,
        change: kind,
        data: JSON.stringify(data),
        at: stamp,
        user_id: actor.userId,
      })
      .execute()
    return toRecord(updated)
  })
}

/** Every version of a record, oldest first. */
export async function recordHistory(db: Db, actor: Actor, registryId: number, recordId: number) {
  const { registry } = await loadRegistry(db, actor, registryId)
  const record = isRecordId(recordId)
    ? await db
        .selectFrom('automation_record')
        .select('id')
        .where('id', '=', recordId)
        .where('registry_id', '=', registry.id)
        .executeTakeFirst()
    : undefined
  if (!record) {
    throw new NotFoundError(`No record ${recordId}`, 'automation.error.recordNotFound', {
      id: String(recordId),
    })
  }
  const rows = await db
    .selectFrom('automation_record_version')
    .selectAll()
    .where('record_id', '=', record.id)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    change: r.change,
    data: JSON.parse(r.data) as Record<string, string>,
    at: r.at,
    userId: r.user_id,
  }))
}

/** Column headers of a registry's CSV that are not its fields (the web layer translates them). */
export interface RegistryCsvHeaders {
  number: string
  created: string
  updated: string
  registered: string
  recipient: string
  iin: string
  status: string
  ended: string
  refusal: string
  version: string
}

const CSV_HEADERS: RegistryCsvHeaders = {
  number: 'number',
  created: 'created',
  updated: 'updated',
  registered: 'registered',
  recipient: 'recipient',
  iin: 'iin',
  status: 'status',
  ended: 'ended',
  refusal: 'refusal',
  version: 'version',
}

/** A registry as CSV: the records with their fields (labels in `language`), or the register. */
export function registryCsv(
  view: RegistryView,
  language: 'kk' | 'ru' | 'en',
  headers: RegistryCsvHeaders = CSV_HEADERS,
): Buffer {
  if (view.registry.kind === 'records') {
    return tableToCsv<RegistryRecord>(
      [
        { header: headers.number, value: (r) => r.number, width: 6 },
        ...view.registry.fields.map((f) => ({
          header: f.label[language],
          value: (r: RegistryRecord) => r.data[f.id] ?? null,
          width: 20,
        })),
        { header: headers.created, value: (r) => r.createdAt, width: 20 },
        { header: headers.updated, value: (r) => r.updatedAt, width: 20 },
      ],
      view.records,
    )
  }
  return tableToCsv<RegisterEntry>(
    [
      { header: headers.number, value: (e) => e.number, width: 20 },
      { header: headers.registered, value: (e) => e.registeredAt, width: 20 },
      { header: headers.recipient, value: (e) => e.recipientName, width: 30 },
      { header: headers.iin, value: (e) => e.recipientIin, width: 14 },
      { header: headers.status, value: (e) => e.status, width: 12 },
      { header: headers.ended, value: (e) => e.endedAt, width: 20 },
      { header: headers.refusal, value: (e) => e.refusalText, width: 30 },
      { header: headers.version, value: (e) => e.definitionVersion, width: 8 },
    ],
    view.entries,
  )
}
