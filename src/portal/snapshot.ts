/**
 * @module
 * An object's revision: everything about it at one moment (fields, lifecycle, relations,
 * functions, documents), stored whole as JSON in portal_object_revision on every change, and the
 * differences between two revisions for the history timeline.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import type { DocumentFormat, ObjectKind, RelationType, Stage } from './model.js'

/**
 * A relation as stored in a revision: only the target's id. Its name and code are looked up when
 * shown, from the revision of the target the viewer may see (never the target's draft).
 */
export interface SnapshotRelation {
  id: number
  type: RelationType
  targetId: number
}

export interface SnapshotFunction {
  id: number
  architecture: string
  section: number
  number: number
  functionText: string
}

export interface SnapshotDocument {
  id: number
  kind: number
  format: DocumentFormat
  sha256: string
  size: number
  originalName: string
  uploadedAt: string
}

export interface SnapshotStage {
  stage: Stage
  onDate: string
  note: string | null
}

export interface ObjectSnapshot {
  kind: ObjectKind
  ownerOrganisationId: number
  nameKk: string
  nameRu: string
  purpose: string
  stage: Stage
  stageSince: string
  stages: SnapshotStage[]
  relations: SnapshotRelation[]
  functions: SnapshotFunction[]
  documents: SnapshotDocument[]
}

type Db = Kysely<Database>

/** Reads the object's current state from its tables. */
export async function buildSnapshot(db: Db, objectId: number): Promise<ObjectSnapshot> {
  const object = await db
    .selectFrom('portal_object')
    .selectAll()
    .where('id', '=', objectId)
    .executeTakeFirstOrThrow()
  const stages = await db
    .selectFrom('portal_stage_transition')
    .select(['stage', 'on_date', 'note'])
    .where('object_id', '=', objectId)
    .orderBy('on_date')
    .orderBy('id')
    .execute()
  const relations = await db
    .selectFrom('portal_relation')
    .select(['id', 'type', 'target_object_id'])
    .where('object_id', '=', objectId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute()
  const functions = await db
    .selectFrom('portal_object_function')
    .select(['id', 'architecture', 'section', 'number', 'function_text'])
    .where('object_id', '=', objectId)
    .where('removed_at', 'is', null)
    .orderBy('architecture')
    .orderBy('section')
    .orderBy('number')
    .execute()
  const documents = await db
    .selectFrom('portal_document')
    .select(['id', 'kind', 'format', 'sha256', 'size', 'original_name', 'uploaded_at'])
    .where('object_id', '=', objectId)
    .where('replaced_at', 'is', null)
    .orderBy('kind')
    .orderBy('format')
    .execute()
  return {
    kind: object.kind as ObjectKind,
    ownerOrganisationId: object.owner_organisation_id,
    nameKk: object.name_kk,
    nameRu: object.name_ru,
    purpose: object.purpose,
    stage: object.stage as Stage,
    stageSince: object.stage_since,
    stages: stages.map((s) => ({ stage: s.stage as Stage, onDate: s.on_date, note: s.note })),
    relations: relations.map((r) => ({
      id: r.id,
      type: r.type as RelationType,
      targetId: r.target_object_id,
    })),
    functions: functions.map((f) => ({
      id: f.id,
      architecture: f.architecture,
      section: f.section,
      number: f.number,
      functionText: f.function_text,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      format: d.format as DocumentFormat,
      sha256: d.sha256,
      size: d.size,
      originalName: d.original_name,
      uploadedAt: d.uploaded_at,
    })),
  }
}

/** The stored revision of an object. */
export async function readRevision(
  db: Db,
  objectId: number,
  revision: number,
): Promise<ObjectSnapshot> {
  const row = await db
    .selectFrom('portal_object_revision')
    .select('data')
    .where('object_id', '=', objectId)
    .where('revision', '=', revision)
    .executeTakeFirstOrThrow()
  return JSON.parse(row.data) as ObjectSnapshot
}

/** One difference between two revisions. */
export type SnapshotChange =
  | { field: ScalarField; before: string | null; after: string }
  | { list: 'relations' | 'functions' | 'documents' | 'stages'; added: string[]; removed: string[] }

export const SCALAR_FIELDS = ['kind', 'nameKk', 'nameRu', 'purpose', 'stage', 'stageSince'] as const
export type ScalarField = (typeof SCALAR_FIELDS)[number]

/** Keys for list items: what makes two items "the same" across revisions, and how to show it. */
const itemLabel = {
  relations: (r: SnapshotRelation) => `${r.type} → #${r.targetId}`,
  functions: (f: SnapshotFunction) =>
    `${f.architecture}:${f.section}.${f.number} ${f.functionText}`,
  documents: (d: SnapshotDocument) =>
    `${d.kind}/${d.format} ${d.originalName} (sha256 ${d.sha256.slice(0, 12)})`,
  stages: (s: SnapshotStage) => `${s.stage} ${s.onDate}${s.note ? ` — ${s.note}` : ''}`,
}

/** What changed from `before` (undefined for the first revision) to `after`. */
export function diffSnapshots(
  before: ObjectSnapshot | undefined,
  after: ObjectSnapshot,
): SnapshotChange[] {
  const changes: SnapshotChange[] = []
  for (const field of SCALAR_FIELDS) {
    const old = before ? String(before[field]) : null
    const now = String(after[field])
    if (old !== now) changes.push({ field, before: old, after: now })
  }
  for (const list of ['stages', 'relations', 'functions', 'documents'] as const) {
    const label = itemLabel[list] as (item: unknown) => string
    const old = new Set((before?.[list] ?? []).map(label))
    const now = new Set((after[list] as unknown[]).map(label))
    const added = [...now].filter((x) => !old.has(x))
    const removed = [...old].filter((x) => !now.has(x))
    if (added.length || removed.length) changes.push({ list, added, removed })
  }
  return changes
}
