/**
 * @module
 * Informatization objects: create, change (fields, lifecycle stage, relations, automated catalogue
 * functions), read as the acting user may see them. Every change is one transaction that checks
 * the actor's right and the revision the form was made from, writes the change, stores the new
 * revision whole and records an event: nothing is overwritten without a trace.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import { addWorkingDays, kazakhstanDate } from '../calendar/index.js'
import type { CatalogSnapshot } from '../catalog/index.js'
import { ConflictError, InputError, isRecordId, safeName } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  type Audience,
  audienceOf,
  objectNotFound,
  requireEditor,
  requireVisible,
  reviewStatusFor,
  visibleRevision,
} from './access.js'
import { recordEvent } from './events.js'
import {
  isObjectKind,
  isRelationType,
  isStage,
  type ObjectKind,
  type RelationType,
  type ReviewState,
  STAGES,
  type Stage,
  UPDATE_DEADLINE_WORKING_DAYS,
} from './model.js'
import { buildSnapshot, type ObjectSnapshot, readRevision } from './snapshot.js'

type Db = Kysely<Database>
type ObjectRow = Awaited<ReturnType<typeof findObjectRow>> & {}

export interface ObjectFields {
  kind: ObjectKind
  nameKk: string
  nameRu: string
  purpose: string
}

export interface NewObjectInput extends ObjectFields {
  stage: Stage
  /** The date the object entered its stage. */
  stageSince: string
}

/** What a user sees of an object: the revision they may see and the review status. */
export interface ObjectView {
  id: number
  code: string | null
  audience: Audience
  revision: number
  /** The object's newest revision number (for the owner, the same as `revision`). */
  currentRevision: number
  reviewState: ReviewState
  reviewDueOn: string | null
  updateDueOn: string | null
  createdAt: string
  updatedAt: string
  /** The revision; for the registry without its documents. */
  snapshot: ObjectSnapshot
  /** The revision's relations with each target as the viewer may see it. */
  relations: ResolvedRelation[]
}

/** A relation with its target's code and names, or null names when the viewer may not see it. */
export interface ResolvedRelation {
  id: number
  type: RelationType
  targetId: number
  code: string | null
  nameKk: string | null
  nameRu: string | null
}

export interface VisibleTarget {
  code: string | null
  nameKk: string
  nameRu: string
}

/**
 * Codes and names of objects as `actor` may see them (from the revision visible to them);
 * objects they may not see are left out.
 */
export async function visibleTargets(
  db: Db,
  actor: Actor,
  ids: readonly number[],
): Promise<Map<number, VisibleTarget>> {
  const result = new Map<number, VisibleTarget>()
  const unique = [...new Set(ids)].filter((id) => isRecordId(id))
  if (!unique.length) return result
  const rows = await db.selectFrom('portal_object').selectAll().where('id', 'in', unique).execute()
  for (const row of rows) {
    const revision = visibleRevision(actor, row)
    if (revision === undefined) continue
    const snapshot = await readRevision(db, row.id, revision)
    result.set(row.id, { code: row.code, nameKk: snapshot.nameKk, nameRu: snapshot.nameRu })
  }
  return result
}

const LIMITS = { name: 500, purpose: 4000, note: 1000 }

/** A name as typed: without invisible characters; bidirectional controls refused (safeName). */
function nameText(value: unknown, field: string): unknown {
  return typeof value === 'string' ? safeName(value, field) : value
}

function cleanText(value: unknown, field: string, max: number, required = true): string {
  const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : ''
  if (required && !text) {
    throw new InputError(`${field} is required`, 'portal.error.required', { field })
  }
  if (text.length > max) {
    throw new InputError(`${field} is longer than ${max} characters`, 'portal.error.tooLong', {
      field,
      max,
    })
  }
  // Control characters other than newline and tab never belong in a description.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) {
    throw new InputError(`${field} contains control characters`, 'portal.error.controlChars', {
      field,
    })
  }
  return text
}

export function checkDate(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : ''
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const date = match ? new Date(`${text}T00:00:00Z`) : undefined
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new InputError(`${field} must be a date YYYY-MM-DD`, 'portal.error.date', { field })
  }
  return text
}

export function validateFields(input: Partial<Record<keyof ObjectFields, unknown>>): ObjectFields {
  if (!isObjectKind(input.kind)) {
    throw new InputError('kind is not a known kind of object', 'portal.error.kind')
  }
  return {
    kind: input.kind,
    nameKk: cleanText(nameText(input.nameKk, 'nameKk'), 'nameKk', LIMITS.name),
    nameRu: cleanText(nameText(input.nameRu, 'nameRu'), 'nameRu', LIMITS.name),
    purpose: cleanText(input.purpose, 'purpose', LIMITS.purpose),
  }
}

function checkStage(value: unknown): Stage {
  if (!isStage(value)) throw new InputError('stage is not a lifecycle stage', 'portal.error.stage')
  return value
}

export async function findObjectRow(db: Db, id: number) {
  if (!isRecordId(id)) return undefined
  return db.selectFrom('portal_object').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Creates an object in the actor's organisation as a draft, with its first revision. */
export async function createObject(
  db: Db,
  actor: Actor,
  input: { [K in keyof NewObjectInput]: unknown },
): Promise<number> {
  const fields = validateFields(input)
  const stage = checkStage(input.stage)
  const stageSince = checkDate(input.stageSince, 'stageSince')
  requireEditor(actor, {
    id: 0,
    owner_organisation_id: actor.organisation.id,
    revision: 0,
    submitted_revision: null,
    accepted_revision: null,
  })
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString()
    const { id } = await trx
      .insertInto('portal_object')
      .values({
        code: null,
        kind: fields.kind,
        owner_organisation_id: actor.organisation.id,
        name_kk: fields.nameKk,
        name_ru: fields.nameRu,
        purpose: fields.purpose,
        stage,
        stage_since: stageSince,
        review_state: 'draft',
        revision: 1,
        submitted_revision: null,
        accepted_revision: null,
        review_due_on: null,
        update_due_on: null,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('portal_stage_transition')
      .values({
        object_id: id,
        stage,
        on_date: stageSince,
        note: null,
        recorded_at: now,
        recorded_by: actor.userId,
      })
      .execute()
    await storeRevision(trx, id, 1, actor, now)
    await recordEvent(trx, { objectId: id, kind: 'object.created', actor, at: now, revision: 1 })
    return id
  })
}

async function storeRevision(
  trx: Db,
  objectId: number,
  revision: number,
  actor: Actor,
  at: string,
) {
  const snapshot = await buildSnapshot(trx, objectId)
  await trx
    .insertInto('portal_object_revision')
    .values({
      object_id: objectId,
      revision,
      data: JSON.stringify(snapshot),
      created_at: at,
      created_by: actor.userId,
    })
    .execute()
  return snapshot
}

/**
 * Runs one change of an object's content as the owner's editor: checks the right, the state and
 * the revision the form was made from (`expectedRevision`; a stale form is refused with 409),
 * applies `apply`, then stores the next revision and an event. Changing an accepted object
 * starts the 10-working-day update term (rules 174, para 9).
 */
export async function changeObject(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  event: { kind: string; details?: Record<string, unknown> },
  /** Applies the change; may return new values for the object's own columns. */
  apply: (trx: Db, row: ObjectRow, now: string) => Promise<Partial<ObjectUpdate> | unknown>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await findObjectRow(trx, objectId)
    if (!row) throw objectNotFound(objectId)
    requireEditor(actor, row)
    if (expectedRevision !== undefined && row.revision !== expectedRevision) {
      throw new ConflictError(
        `Object ${objectId} changed since revision ${expectedRevision}`,
        'portal.error.stale',
        { revision: row.revision },
      )
    }
    if (row.review_state === 'submitted') {
      throw new ConflictError(`Object ${objectId} is under review`, 'portal.error.underReview', {})
    }
    const now = new Date()
    const at = now.toISOString()
    const revision = row.revision + 1
    // Claim the revision first: on PostgreSQL this locks the row, so two changes made from the
    // same revision cannot both pass.
    const claimed = await trx
      .updateTable('portal_object')
      .set({ revision, updated_at: at, updated_by: actor.userId })
      .where('id', '=', objectId)
      .where('revision', '=', row.revision)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError(`Object ${objectId} changed meanwhile`, 'portal.error.stale', {
        revision: row.revision,
      })
    }
    const update = ((await apply(trx, row, at)) ?? {}) as Partial<ObjectUpdate>
    const accepted = row.review_state === 'accepted' || row.review_state === 'changed'
    const state: Partial<ObjectUpdate> = accepted
      ? {
          review_state: 'changed',
          update_due_on:
            row.update_due_on ?? addWorkingDays(kazakhstanDate(now), UPDATE_DEADLINE_WORKING_DAYS),
        }
      : {}
    if (Object.keys(update).length || Object.keys(state).length) {
      await trx
        .updateTable('portal_object')
        .set({ ...update, ...state })
        .where('id', '=', objectId)
        .execute()
    }
    await storeRevision(trx, objectId, revision, actor, at)
    await recordEvent(trx, {
      objectId,
      kind: event.kind,
      actor,
      at,
      revision,
      details: event.details,
    })
    return revision
  })
}

type ObjectUpdate = {
  kind: string
  name_kk: string
  name_ru: string
  purpose: string
  stage: string
  stage_since: string
  review_state: string
  update_due_on: string | null
}

/** Changes the description (kind, names, purpose). */
export function editObject(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  input: Partial<Record<keyof ObjectFields, unknown>>,
): Promise<number> {
  const fields = validateFields(input)
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'object.edited' },
    async (_trx, row) => {
      if (
        row.kind === fields.kind &&
        row.name_kk === fields.nameKk &&
        row.name_ru === fields.nameRu &&
        row.purpose === fields.purpose
      ) {
        throw new InputError('Nothing changed', 'portal.error.nothingChanged')
      }
      return {
        kind: fields.kind,
        name_kk: fields.nameKk,
        name_ru: fields.nameRu,
        purpose: fields.purpose,
      }
    },
  )
}

/** Records that the object entered a lifecycle stage on a date (dated transition). */
export function changeStage(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  input: { stage: unknown; onDate: unknown; note?: unknown },
): Promise<number> {
  const stage = checkStage(input.stage)
  const onDate = checkDate(input.onDate, 'onDate')
  const note = cleanText(input.note ?? '', 'note', LIMITS.note, false) || null
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'stage.changed', details: { stage, onDate } },
    async (trx, row, at) => {
      if (row.stage === 'termination') {
        throw new ConflictError(
          'A terminated object has no further stage',
          'portal.error.terminated',
          {},
        )
      }
      if (row.stage === stage) {
        throw new InputError('The object is already at that stage', 'portal.error.sameStage')
      }
      if (onDate < row.stage_since) {
        throw new InputError(
          'A stage cannot start before the current one',
          'portal.error.stageDate',
          {
            since: row.stage_since,
          },
        )
      }
      // Development returns to industrial operation; otherwise stages only move forward.
      const from = STAGES.indexOf(row.stage as Stage)
      const to = STAGES.indexOf(stage)
      const allowed = to > from || (row.stage === 'development' && stage === 'industrial-operation')
      if (!allowed) {
        throw new InputError('Stages move forward only', 'portal.error.stageOrder')
      }
      await trx
        .insertInto('portal_stage_transition')
        .values({
          object_id: objectId,
          stage,
          on_date: onDate,
          note,
          recorded_at: at,
          recorded_by: actor.userId,
        })
        .execute()
      return { stage, stage_since: onDate }
    },
  )
}

/** Adds a relation from this object to another visible object. */
export function addRelation(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  input: { type: unknown; targetId: unknown },
): Promise<number> {
  if (!isRelationType(input.type)) {
    throw new InputError('type is not a relation type', 'portal.error.relationType')
  }
  const type: RelationType = input.type
  const targetId = Number(input.targetId)
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'relation.added', details: { type, targetId } },
    async (trx, _row, at) => {
      if (targetId === objectId) {
        throw new InputError('An object cannot relate to itself', 'portal.error.relationSelf')
      }
      const target = await findObjectRow(trx, targetId)
      if (!target) throw objectNotFound(targetId)
      requireVisible(actor, target)
      const existing = await trx
        .selectFrom('portal_relation')
        .select('id')
        .where('object_id', '=', objectId)
        .where('target_object_id', '=', targetId)
        .where('type', '=', type)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      if (existing) {
        throw new ConflictError('The relation exists already', 'portal.error.relationExists', {})
      }
      if (type === 'part-of' && (await isPartOf(trx, targetId, objectId))) {
        throw new InputError('That would make a cycle of parts', 'portal.error.relationCycle')
      }
      await trx
        .insertInto('portal_relation')
        .values({
          object_id: objectId,
          target_object_id: targetId,
          type,
          created_at: at,
          created_by: actor.userId,
          removed_at: null,
          removed_by: null,
        })
        .execute()
    },
  )
}

/** True when `part` is (transitively) part of `whole`. */
async function isPartOf(db: Db, part: number, whole: number): Promise<boolean> {
  const seen = new Set<number>()
  let frontier = [part]
  while (frontier.length) {
    if (frontier.includes(whole)) return true
    for (const id of frontier) seen.add(id)
    const next = await db
      .selectFrom('portal_relation')
      .select('target_object_id')
      .where('object_id', 'in', frontier)
      .where('type', '=', 'part-of')
      .where('removed_at', 'is', null)
      .execute()
    frontier = next.map((r) => r.target_object_id).filter((id) => !seen.has(id))
  }
  return false
}

/** Ends a relation (kept, with who ended it and when). */
export function removeRelation(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  relationId: number,
): Promise<number> {
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'relation.removed', details: { relationId } },
    async (trx, _row, at) => {
      const result = await trx
        .updateTable('portal_relation')
        .set({ removed_at: at, removed_by: actor.userId })
        .where('id', '=', relationId)
        .where('object_id', '=', objectId)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) {
        throw new InputError('No such relation', 'portal.error.noRelation')
      }
    },
  )
}

/**
 * Links the object to a catalogue function it automates, by the catalogue row's id
 * (`158:1.6`); the function's text is kept as it was printed when linked.
 */
export function linkFunction(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  catalog: CatalogSnapshot,
  rowId: string,
): Promise<number> {
  const row = catalog.rowById.get(rowId.trim())
  if (!row || row.status === 'deleted') {
    throw new InputError(`No catalogue row ${rowId}`, 'portal.error.noCatalogRow', { id: rowId })
  }
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'function.added', details: { row: row.id } },
    async (trx, _row, at) => {
      const existing = await trx
        .selectFrom('portal_object_function')
        .select('id')
        .where('object_id', '=', objectId)
        .where('architecture', '=', row.architecture)
        .where('section', '=', row.section)
        .where('number', '=', row.number)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      if (existing) {
        throw new ConflictError('The function is linked already', 'portal.error.functionExists', {})
      }
      await trx
        .insertInto('portal_object_function')
        .values({
          object_id: objectId,
          architecture: row.architecture,
          section: row.section,
          number: row.number,
          function_text: row.function,
          created_at: at,
          created_by: actor.userId,
          removed_at: null,
          removed_by: null,
        })
        .execute()
    },
  )
}

export function unlinkFunction(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  linkId: number,
): Promise<number> {
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'function.removed', details: { linkId } },
    async (trx, _row, at) => {
      const result = await trx
        .updateTable('portal_object_function')
        .set({ removed_at: at, removed_by: actor.userId })
        .where('id', '=', linkId)
        .where('object_id', '=', objectId)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) {
        throw new InputError('No such function link', 'portal.error.noFunctionLink')
      }
    },
  )
}

/** The object as `actor` may see it; NotFoundError when they may not see it at all. */
export async function getObject(db: Db, actor: Actor, objectId: number): Promise<ObjectView> {
  const row = await findObjectRow(db, objectId)
  if (!row) throw objectNotFound(objectId)
  const revision = requireVisible(actor, row)
  const audience = audienceOf(actor, row)
  const snapshot = await readRevision(db, objectId, revision)
  const targets = await visibleTargets(
    db,
    actor,
    snapshot.relations.map((r) => r.targetId),
  )
  return {
    id: row.id,
    code: row.code,
    audience,
    revision,
    currentRevision: audience === 'owner' ? row.revision : revision,
    ...reviewStatusFor(audience, row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    snapshot: audience === 'registry' ? { ...snapshot, documents: [] } : snapshot,
    relations: snapshot.relations.map((r) => {
      const target = targets.get(r.targetId)
      return {
        id: r.id,
        type: r.type,
        targetId: r.targetId,
        code: target?.code ?? null,
        nameKk: target?.nameKk ?? null,
        nameRu: target?.nameRu ?? null,
      }
    }),
  }
}

/** Objects that point at this one (its parts, its users), as far as `actor` may see them. */
export async function incomingRelations(db: Db, actor: Actor, objectId: number) {
  const rows = await db
    .selectFrom('portal_relation as r')
    .innerJoin('portal_object as o', 'o.id', 'r.object_id')
    .select([
      'r.id',
      'r.type',
      'o.id as object_id',
      'o.owner_organisation_id',
      'o.revision',
      'o.submitted_revision',
      'o.accepted_revision',
      'o.code',
    ])
    .where('r.target_object_id', '=', objectId)
    .where('r.removed_at', 'is', null)
    .orderBy('r.id')
    .execute()
  const result: {
    type: RelationType
    sourceId: number
    code: string | null
    nameKk: string
    nameRu: string
  }[] = []
  for (const r of rows) {
    const source = { ...r, id: r.object_id }
    const revision = (() => {
      try {
        return requireVisible(actor, source)
      } catch {
        return undefined
      }
    })()
    if (revision === undefined) continue
    const snapshot = await readRevision(db, r.object_id, revision)
    // The relation must exist in the revision the actor sees, not only in a newer draft.
    if (!snapshot.relations.some((x) => x.id === r.id)) continue
    result.push({
      type: r.type as RelationType,
      sourceId: r.object_id,
      code: r.code,
      nameKk: snapshot.nameKk,
      nameRu: snapshot.nameRu,
    })
  }
  return result
}

/**
 * The objects that automate a catalogue function (by its row: architecture, section, number), as
 * far as `actor` may see them and as their visible revision links it.
 */
export async function objectsForFunction(
  db: Db,
  actor: Actor,
  row: { architecture: string; section: number; number: number },
): Promise<{ id: number; code: string | null; nameKk: string; nameRu: string }[]> {
  const links = await db
    .selectFrom('portal_object_function')
    .select('object_id')
    .distinct()
    .where('architecture', '=', row.architecture)
    .where('section', '=', row.section)
    .where('number', '=', row.number)
    .execute()
  const ids = links.map((l) => l.object_id)
  if (!ids.length) return []
  const objects = await db.selectFrom('portal_object').selectAll().where('id', 'in', ids).execute()
  const result = []
  for (const object of objects) {
    const revision = visibleRevision(actor, object)
    if (revision === undefined) continue
    const snapshot = await readRevision(db, object.id, revision)
    const linked = snapshot.functions.some(
      (f) =>
        f.architecture === row.architecture && f.section === row.section && f.number === row.number,
    )
    if (linked) {
      result.push({
        id: object.id,
        code: object.code,
        nameKk: snapshot.nameKk,
        nameRu: snapshot.nameRu,
      })
    }
  }
  return result.sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~') || a.id - b.id)
}
