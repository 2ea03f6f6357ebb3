/**
 * @module
 * The portal's history: one event per change of an object, a document, a review or an account
 * request (who, in which organisation, when, what), and the timeline of an object with the
 * differences between its revisions.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import type { Database } from '../db/index.js'
import { audienceOf, objectNotFound, requireVisible } from './access.js'
import { findObjectRow } from './objects.js'
import { diffSnapshots, type ObjectSnapshot, type SnapshotChange } from './snapshot.js'

type Db = Kysely<Database>

export async function recordEvent(
  db: Db,
  event: {
    objectId?: number
    accountRequestId?: number
    kind: string
    actor: Actor | undefined
    at: string
    revision?: number
    details?: Record<string, unknown>
  },
): Promise<void> {
  await db
    .insertInto('portal_event')
    .values({
      object_id: event.objectId ?? null,
      account_request_id: event.accountRequestId ?? null,
      kind: event.kind,
      at: event.at,
      actor_user_id: event.actor?.userId ?? null,
      actor_organisation_id: event.actor?.organisation.id ?? null,
      revision: event.revision ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute()
}

export interface TimelineEntry {
  id: number
  kind: string
  at: string
  actorUserId: number | null
  actorOrganisationId: number | null
  revision: number | null
  details: Record<string, unknown>
  /** For events that made a new revision: what changed from the revision before. */
  changes: SnapshotChange[]
}

/**
 * The object's history, newest first, as far as `actor` may see it: the owner sees every
 * event; overseers see events up to the last submitted revision; the registry sees none.
 */
export async function objectTimeline(
  db: Db,
  actor: Actor,
  objectId: number,
): Promise<TimelineEntry[]> {
  const row = await findObjectRow(db, objectId)
  if (!row) throw objectNotFound(objectId)
  const visible = requireVisible(actor, row)
  if (audienceOf(actor, row) === 'registry') return []
  const events = await db
    .selectFrom('portal_event')
    .selectAll()
    .where('object_id', '=', objectId)
    .orderBy('id', 'desc')
    .execute()
  const revisions = await db
    .selectFrom('portal_object_revision')
    .select(['revision', 'data'])
    .where('object_id', '=', objectId)
    .where('revision', '<=', visible)
    .orderBy('revision')
    .execute()
  const snapshots = new Map<number, ObjectSnapshot>(
    revisions.map((r) => [r.revision, JSON.parse(r.data) as ObjectSnapshot]),
  )
  // A revision's changes belong to the event that made it: the first event carrying it.
  const madeBy = new Map<number, number>()
  for (const event of events) {
    if (event.revision !== null) madeBy.set(event.revision, event.id)
  }
  const entries: TimelineEntry[] = []
  for (const event of events) {
    // Events after the visible revision (an owner's newer draft) stay hidden from overseers.
    if (event.revision !== null && event.revision > visible) continue
    const after = event.revision !== null ? snapshots.get(event.revision) : undefined
    let changes: SnapshotChange[] = []
    if (after && event.revision !== null && madeBy.get(event.revision) === event.id) {
      changes = diffSnapshots(snapshots.get(event.revision - 1), after)
    }
    entries.push({
      id: event.id,
      kind: event.kind,
      at: event.at,
      actorUserId: event.actor_user_id,
      actorOrganisationId: event.actor_organisation_id,
      revision: event.revision,
      details: JSON.parse(event.details) as Record<string, unknown>,
      changes,
    })
  }
  return entries
}
