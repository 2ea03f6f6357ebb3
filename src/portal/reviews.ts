/**
 * @module
 * Review by the service integrator (rules 174, para 8): the owner submits a complete object; the
 * service integrator checks it within 5 working days and either accepts it, assigning an
 * accounting code, or returns it with remarks per field or document; the owner corrects and
 * submits again. Each step is one transaction with an event and notifications.
 */
import { type Kysely, sql } from 'kysely'
import { type Actor, hasRole } from '../auth/index.js'
import { addWorkingDays, kazakhstanDate } from '../calendar/index.js'
import { ConflictError, ForbiddenError, InputError } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  audienceOf,
  objectNotFound,
  requireEditor,
  requireReviewer,
  requireVisible,
} from './access.js'
import { formatAccountingCode } from './accounting-code.js'
import { recordEvent } from './events.js'
import {
  DOCUMENT_KINDS,
  type DocumentFormat,
  type ObjectKind,
  REQUIRED_DOCUMENTS,
  REVIEW_DEADLINE_WORKING_DAYS,
  type ReviewState,
  type Stage,
  UPDATE_DEADLINE_WORKING_DAYS,
} from './model.js'
import { notifyOrganisation, notifyReviewers } from './notifications.js'
import { checkDate, findObjectRow } from './objects.js'
import { type ObjectSnapshot, readRevision, SCALAR_FIELDS } from './snapshot.js'

type Db = Kysely<Database>

/** One line of an object's Appendix 1 checklist. */
export interface ChecklistItem {
  item: number
  required: boolean
  formats: Record<DocumentFormat, { id: number; originalName: string } | null>
  complete: boolean
}

/** The 14 items of Appendix 1 for an object at its stage: which are required, which are there. */
export function checklist(snapshot: ObjectSnapshot): ChecklistItem[] {
  const required = new Set(REQUIRED_DOCUMENTS[snapshot.stage])
  return DOCUMENT_KINDS.map(({ item }) => {
    const find = (format: DocumentFormat) => {
      const doc = snapshot.documents.find((d) => d.kind === item && d.format === format)
      return doc ? { id: doc.id, originalName: doc.originalName } : null
    }
    const formats = { pdf: find('pdf'), docx: find('docx') }
    return {
      item,
      required: required.has(item),
      formats,
      complete: !!formats.pdf && !!formats.docx,
    }
  })
}

/** Required items still missing a PDF/A-1 copy or a DOCX source. */
export function missingItems(snapshot: ObjectSnapshot): number[] {
  return checklist(snapshot)
    .filter((c) => c.required && !c.complete)
    .map((c) => c.item)
}

export interface Remark {
  /** A field (`nameKk`, `purpose`, …), `relations`, `functions`, or `document:<item>`. */
  target: string
  text: string
}

export interface Review {
  id: number
  objectId: number
  revision: number
  submittedAt: string
  submittedBy: number
  dueOn: string
  decision: 'accepted' | 'returned' | null
  decidedAt: string | null
  decidedBy: number | null
  remarks: Remark[]
}

const REMARK_TARGETS = new Set<string>([
  ...SCALAR_FIELDS,
  'relations',
  'functions',
  'general',
  ...DOCUMENT_KINDS.map((k) => `document:${k.item}`),
])

export function isRemarkTarget(value: string): boolean {
  return REMARK_TARGETS.has(value)
}

function toReview(row: {
  id: number
  object_id: number
  revision: number
  submitted_at: string
  submitted_by: number
  due_on: string
  decision: string | null
  decided_at: string | null
  decided_by: number | null
  remarks: string
}): Review {
  return {
    id: row.id,
    objectId: row.object_id,
    revision: row.revision,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    dueOn: row.due_on,
    decision: row.decision as Review['decision'],
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    remarks: JSON.parse(row.remarks) as Remark[],
  }
}

/**
 * Submits the object's current revision to the service integrator. Refused when the object is
 * not complete for its stage (the 5-day term runs only from a complete submission), when it is
 * already under review or accepted unchanged, or when the form is stale.
 */
export async function submitObject(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number,
  now = new Date(),
): Promise<Review> {
  return db.transaction().execute(async (trx) => {
    const row = await findObjectRow(trx, objectId)
    if (!row) throw objectNotFound(objectId)
    if (audienceOf(actor, row) !== 'owner') {
      requireVisible(actor, row)
      throw new ForbiddenError('Only the owner submits', 'portal.error.notOwner')
    }
    if (!hasRole(actor, 'editor') && !hasRole(actor, 'admin')) {
      throw new ForbiddenError('Submitting needs the editor role', 'portal.error.notEditor')
    }
    const state = row.review_state as ReviewState
    if (state === 'submitted') {
      throw new ConflictError('Already submitted', 'portal.error.alreadySubmitted', {})
    }
    if (state === 'accepted') {
      throw new ConflictError(
        'Nothing changed since acceptance',
        'portal.error.nothingToSubmit',
        {},
      )
    }
    if (row.revision !== expectedRevision) {
      throw new ConflictError('The object changed since the form was made', 'portal.error.stale', {
        revision: row.revision,
      })
    }
    const snapshot = await readRevision(trx, objectId, row.revision)
    const missing = missingItems(snapshot)
    if (missing.length) {
      throw new InputError(
        `Documents missing for items ${missing.join(', ')}`,
        'portal.error.incomplete',
        { items: missing.join(', ') },
      )
    }
    const at = now.toISOString()
    const dueOn = addWorkingDays(kazakhstanDate(now), REVIEW_DEADLINE_WORKING_DAYS)
    const claimed = await trx
      .updateTable('portal_object')
      .set({
        review_state: 'submitted',
        submitted_revision: row.revision,
        review_due_on: dueOn,
        updated_at: at,
        updated_by: actor.userId,
      })
      .where('id', '=', objectId)
      .where('revision', '=', row.revision)
      .where('review_state', '=', state)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError('Already submitted', 'portal.error.alreadySubmitted', {})
    }
    const review = await trx
      .insertInto('portal_review')
      .values({
        object_id: objectId,
        revision: row.revision,
        submitted_at: at,
        submitted_by: actor.userId,
        due_on: dueOn,
        decision: null,
        decided_at: null,
        decided_by: null,
        remarks: '[]',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      objectId,
      kind: 'review.submitted',
      actor,
      at,
      revision: row.revision,
      details: { dueOn, resubmission: state !== 'draft' },
    })
    await notifyReviewers(
      trx,
      {
        subject: 'portal.mail.submitted.subject',
        body: 'portal.mail.submitted.body',
        params: { name: snapshot.nameKk, due: dueOn },
        paramsRu: { name: snapshot.nameRu },
        link: `/portal/objects/${objectId}`,
      },
      at,
    )
    return toReview(review)
  })
}

async function openReview(trx: Db, objectId: number, revision: number) {
  const review = await trx
    .selectFrom('portal_review')
    .selectAll()
    .where('object_id', '=', objectId)
    .where('revision', '=', revision)
    .where('decision', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return review
}

async function decidable(trx: Db, actor: Actor, objectId: number, revision: number) {
  requireReviewer(actor)
  const row = await findObjectRow(trx, objectId)
  if (!row) throw objectNotFound(objectId)
  requireVisible(actor, row)
  if (row.review_state !== 'submitted' || row.submitted_revision !== revision) {
    throw new ConflictError('Not waiting for a decision', 'portal.error.notSubmitted', {})
  }
  const review = await openReview(trx, objectId, revision)
  if (!review) {
    throw new ConflictError('Not waiting for a decision', 'portal.error.notSubmitted', {})
  }
  // Four eyes: whoever submitted does not decide (the service integrator's own objects too).
  if (review.submitted_by === actor.userId) {
    throw new ForbiddenError('You submitted this yourself', 'portal.error.ownSubmission')
  }
  return { row, review }
}

/** Returns the submission with remarks (at least one) per field or document. */
export async function returnObject(
  db: Db,
  actor: Actor,
  objectId: number,
  revision: number,
  remarks: readonly Remark[],
  now = new Date(),
): Promise<Review> {
  const cleaned = remarks
    .map((r) => ({ target: String(r.target ?? '').trim(), text: String(r.text ?? '').trim() }))
    .filter((r) => r.text)
  if (!cleaned.length) {
    throw new InputError('Write at least one remark', 'portal.error.noRemarks')
  }
  for (const r of cleaned) {
    if (!isRemarkTarget(r.target)) {
      throw new InputError(`Unknown remark target ${r.target}`, 'portal.error.remarkTarget', {
        target: r.target,
      })
    }
    if (r.text.length > 4000) {
      throw new InputError('A remark is too long', 'portal.error.tooLong', {
        field: r.target,
        max: 4000,
      })
    }
  }
  return db.transaction().execute(async (trx) => {
    const { row, review } = await decidable(trx, actor, objectId, revision)
    const at = now.toISOString()
    const claimed = await trx
      .updateTable('portal_review')
      .set({
        decision: 'returned',
        decided_at: at,
        decided_by: actor.userId,
        remarks: JSON.stringify(cleaned),
      })
      .where('id', '=', review.id)
      .where('decision', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError('Already decided', 'portal.error.notSubmitted', {})
    }
    await trx
      .updateTable('portal_object')
      .set({
        review_state: 'returned',
        review_due_on: null,
        updated_at: at,
        updated_by: actor.userId,
      })
      .where('id', '=', objectId)
      .execute()
    await recordEvent(trx, {
      objectId,
      kind: 'review.returned',
      actor,
      at,
      revision,
      details: { remarks: cleaned },
    })
    const snapshot = await readRevision(trx, objectId, revision)
    await notifyOrganisation(
      trx,
      row.owner_organisation_id,
      {
        subject: 'portal.mail.returned.subject',
        body: 'portal.mail.returned.body',
        params: { name: snapshot.nameKk, count: cleaned.length },
        paramsRu: { name: snapshot.nameRu },
        link: `/portal/objects/${objectId}`,
      },
      at,
    )
    return toReview({
      ...review,
      decision: 'returned',
      decided_at: at,
      decided_by: actor.userId,
      remarks: JSON.stringify(cleaned),
    })
  })
}

/** Accepts the submission; the first acceptance assigns the accounting code. */
export async function acceptObject(
  db: Db,
  actor: Actor,
  objectId: number,
  revision: number,
  now = new Date(),
): Promise<{ code: string; review: Review }> {
  return db.transaction().execute(async (trx) => {
    const { row, review } = await decidable(trx, actor, objectId, revision)
    const at = now.toISOString()
    const claimed = await trx
      .updateTable('portal_review')
      .set({ decision: 'accepted', decided_at: at, decided_by: actor.userId })
      .where('id', '=', review.id)
      .where('decision', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError('Already decided', 'portal.error.notSubmitted', {})
    }
    const snapshot = await readRevision(trx, objectId, revision)
    let code = row.code
    if (!code) {
      const year = Number(kazakhstanDate(now).slice(0, 4))
      const counter = await trx
        .insertInto('portal_code_counter')
        .values({ year, last: 1 })
        .onConflict((oc) =>
          oc.column('year').doUpdateSet({ last: sql<number>`portal_code_counter.last + 1` }),
        )
        .returning('last')
        .executeTakeFirstOrThrow()
      code = formatAccountingCode(snapshot.kind as ObjectKind, year, Number(counter.last))
    }
    await trx
      .updateTable('portal_object')
      .set({
        code,
        review_state: 'accepted',
        accepted_revision: revision,
        review_due_on: null,
        update_due_on: null,
        updated_at: at,
        updated_by: actor.userId,
      })
      .where('id', '=', objectId)
      .execute()
    await recordEvent(trx, {
      objectId,
      kind: 'review.accepted',
      actor,
      at,
      revision,
      details: { code, firstCode: !row.code },
    })
    await notifyOrganisation(
      trx,
      row.owner_organisation_id,
      {
        subject: 'portal.mail.accepted.subject',
        body: 'portal.mail.accepted.body',
        params: { name: snapshot.nameKk, code },
        paramsRu: { name: snapshot.nameRu },
        link: `/portal/objects/${objectId}`,
      },
      at,
    )
    return {
      code,
      review: toReview({
        ...review,
        decision: 'accepted',
        decided_at: at,
        decided_by: actor.userId,
      }),
    }
  })
}

/** Every review of an object, newest first, as far as `actor` may see the object. */
export async function objectReviews(db: Db, actor: Actor, objectId: number): Promise<Review[]> {
  const row = await findObjectRow(db, objectId)
  if (!row) throw objectNotFound(objectId)
  requireVisible(actor, row)
  if (audienceOf(actor, row) === 'registry') return []
  const rows = await db
    .selectFrom('portal_review')
    .selectAll()
    .where('object_id', '=', objectId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map(toReview)
}

export interface QueueEntry {
  objectId: number
  revision: number
  code: string | null
  kind: ObjectKind
  stage: Stage
  nameKk: string
  nameRu: string
  ownerOrganisationId: number
  submittedAt: string
  dueOn: string
  overdue: boolean
  resubmission: boolean
}

/** The reviewer's queue: submissions waiting for a decision, earliest deadline first. */
export async function reviewQueue(db: Db, actor: Actor, now = new Date()): Promise<QueueEntry[]> {
  requireReviewer(actor)
  const today = kazakhstanDate(now)
  const rows = await db
    .selectFrom('portal_review as r')
    .innerJoin('portal_object as o', 'o.id', 'r.object_id')
    .innerJoin('portal_object_revision as v', (join) =>
      join.onRef('v.object_id', '=', 'r.object_id').onRef('v.revision', '=', 'r.revision'),
    )
    .select([
      'r.object_id',
      'r.revision',
      'r.submitted_at',
      'r.due_on',
      'o.code',
      'o.owner_organisation_id',
      'v.data',
    ])
    .where('r.decision', 'is', null)
    .where('o.review_state', '=', 'submitted')
    .orderBy('r.due_on')
    .orderBy('r.submitted_at')
    .execute()
  const earlier = await db
    .selectFrom('portal_review')
    .select(['object_id'])
    .where('decision', 'is not', null)
    .execute()
  const decidedBefore = new Set(earlier.map((r) => r.object_id))
  return rows.map((r) => {
    const snapshot = JSON.parse(r.data) as ObjectSnapshot
    return {
      objectId: r.object_id,
      revision: r.revision,
      code: r.code,
      kind: snapshot.kind,
      stage: snapshot.stage,
      nameKk: snapshot.nameKk,
      nameRu: snapshot.nameRu,
      ownerOrganisationId: r.owner_organisation_id,
      submittedAt: r.submitted_at,
      dueOn: r.due_on,
      overdue: r.due_on < today,
      resubmission: decidedBefore.has(r.object_id),
    }
  })
}

/**
 * Marks an accepted object `changed` with its update due 10 working days after `from` (an earlier
 * term already running is kept) and records the event; returns the due date.
 */
async function startUpdateTerm(
  trx: Db,
  actor: Actor,
  row: { id: number; update_due_on: string | null },
  from: string,
  kind: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const due = addWorkingDays(from, UPDATE_DEADLINE_WORKING_DAYS)
  const dueOn = row.update_due_on && row.update_due_on < due ? row.update_due_on : due
  const at = now.toISOString()
  await trx
    .updateTable('portal_object')
    .set({
      review_state: 'changed',
      update_due_on: dueOn,
      updated_at: at,
      updated_by: actor.userId,
    })
    .where('id', '=', row.id)
    .execute()
  await recordEvent(trx, { objectId: row.id, kind, actor, at, details: { ...details, dueOn } })
  return dueOn
}

/**
 * Rules 174, para 9, when the change happened outside the portal: the owner records the day the
 * information changed (or was found missing); the object becomes `changed` and the update is due
 * 10 working days after that day (an earlier term already running is kept).
 */
export async function recordChange(
  db: Db,
  actor: Actor,
  objectId: number,
  changedOn: string,
  now = new Date(),
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await findObjectRow(trx, objectId)
    if (!row) throw objectNotFound(objectId)
    requireEditor(actor, row)
    if (row.review_state !== 'accepted' && row.review_state !== 'changed') {
      throw new ConflictError(
        'Only an accepted object has an update term',
        'portal.error.notAccepted',
        {},
      )
    }
    const today = kazakhstanDate(now)
    checkDate(changedOn, 'changedOn')
    if (changedOn > today) {
      throw new InputError(
        'The day of the change cannot be in the future',
        'portal.error.futureDate',
      )
    }
    return startUpdateTerm(trx, actor, row, changedOn, 'update.recorded', { changedOn }, now)
  })
}

/**
 * The service integrator found the accepted information out of date or missing: the owner must
 * update it within 10 working days (para 9) and is told why.
 */
export async function requestUpdate(
  db: Db,
  actor: Actor,
  objectId: number,
  reason: string,
  now = new Date(),
): Promise<string> {
  requireReviewer(actor)
  const text = reason.trim()
  if (!text) throw new InputError('Say what must be updated', 'portal.error.noRemarks')
  if (text.length > 4000) {
    throw new InputError('The reason is too long', 'portal.error.tooLong', {
      field: 'reason',
      max: 4000,
    })
  }
  return db.transaction().execute(async (trx) => {
    const row = await findObjectRow(trx, objectId)
    if (!row) throw objectNotFound(objectId)
    requireVisible(actor, row)
    if (row.review_state !== 'accepted' && row.review_state !== 'changed') {
      throw new ConflictError(
        'Only an accepted object has an update term',
        'portal.error.notAccepted',
        {},
      )
    }
    const dueOn = await startUpdateTerm(
      trx,
      actor,
      row,
      kazakhstanDate(now),
      'update.requested',
      { reason: text },
      now,
    )
    const at = now.toISOString()
    const snapshot = await readRevision(trx, objectId, row.accepted_revision ?? row.revision)
    await notifyOrganisation(
      trx,
      row.owner_organisation_id,
      {
        subject: 'portal.mail.updateRequested.subject',
        body: 'portal.mail.updateRequested.body',
        params: { name: snapshot.nameKk, due: dueOn, reason: text },
        paramsRu: { name: snapshot.nameRu },
        link: `/portal/objects/${objectId}`,
      },
      at,
    )
    return dueOn
  })
}
