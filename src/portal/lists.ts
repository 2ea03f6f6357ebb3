/**
 * @module
 * The registry as a list: every object the acting user may see, described by the revision they
 * may see (so nobody reads another organisation's unsubmitted draft through a list or an export),
 * filtered by kind, owner, stage, review state, overdue and text.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import { kazakhstanDate } from '../calendar/index.js'
import { isRecordId } from '../core/index.js'
import type { Database } from '../db/index.js'
import { type Audience, audienceOf, isOverseer, reviewStatusFor } from './access.js'
import {
  isObjectKind,
  isReviewState,
  isStage,
  type ObjectKind,
  type ReviewState,
  type Stage,
} from './model.js'
import type { ObjectSnapshot } from './snapshot.js'

type Db = Kysely<Database>

export interface ObjectFilters {
  q?: string
  kind?: ObjectKind
  owner?: number
  stage?: Stage
  state?: ReviewState
  overdue?: boolean
}

export interface ObjectListEntry {
  id: number
  code: string | null
  audience: Audience
  kind: ObjectKind
  nameKk: string
  nameRu: string
  purpose: string
  stage: Stage
  stageSince: string
  ownerOrganisationId: number
  reviewState: ReviewState
  reviewDueOn: string | null
  updateDueOn: string | null
  overdue: boolean
  updatedAt: string
  functions: number
  documents: number
}

/** Reads filters from loose input (query strings), dropping what is not a known value. */
export function parseObjectFilters(input: Record<string, string | undefined>): ObjectFilters {
  const owner = Number(input.owner)
  return {
    q: input.q?.trim() || undefined,
    kind: isObjectKind(input.kind) ? input.kind : undefined,
    owner: isRecordId(owner) ? owner : undefined,
    stage: isStage(input.stage) ? input.stage : undefined,
    state: isReviewState(input.state) ? input.state : undefined,
    overdue: input.overdue === '1' || input.overdue === 'true' ? true : undefined,
  }
}

/** A deadline is overdue the day after its last day. */
export function isOverdue(
  state: ReviewState,
  reviewDueOn: string | null,
  updateDueOn: string | null,
  today: string,
): boolean {
  if (state === 'submitted' && reviewDueOn) return reviewDueOn < today
  if ((state === 'changed' || state === 'returned') && updateDueOn) return updateDueOn < today
  return false
}

export async function listObjects(
  db: Db,
  actor: Actor,
  filters: ObjectFilters = {},
  now = new Date(),
): Promise<ObjectListEntry[]> {
  const today = kazakhstanDate(now)
  let query = db.selectFrom('portal_object').selectAll()
  // Only rows with a revision the actor may see.
  query = query.where((eb) =>
    eb.or([
      eb('owner_organisation_id', '=', actor.organisation.id),
      eb('accepted_revision', 'is not', null),
      ...(isOverseer(actor) ? [eb('submitted_revision', 'is not', null)] : []),
    ]),
  )
  if (filters.owner) query = query.where('owner_organisation_id', '=', filters.owner)
  const rows = await query.orderBy('id').execute()
  const visible = rows.map((row) => {
    const audience = audienceOf(actor, row)
    const revision =
      audience === 'owner'
        ? row.revision
        : audience === 'overseer'
          ? (row.submitted_revision ?? row.accepted_revision)
          : row.accepted_revision
    return { row, audience, revision: revision as number }
  })
  const snapshots = new Map<string, ObjectSnapshot>()
  const wanted = visible.filter((v) => v.revision !== null && v.revision !== undefined)
  for (let i = 0; i < wanted.length; i += 200) {
    const chunk = wanted.slice(i, i + 200)
    const revs = await db
      .selectFrom('portal_object_revision')
      .select(['object_id', 'revision', 'data'])
      .where((eb) =>
        eb.or(
          chunk.map((v) =>
            eb.and([eb('object_id', '=', v.row.id), eb('revision', '=', v.revision)]),
          ),
        ),
      )
      .execute()
    for (const r of revs) snapshots.set(`${r.object_id}:${r.revision}`, JSON.parse(r.data))
  }
  const q = filters.q?.toLocaleLowerCase('kk')
  const entries: ObjectListEntry[] = []
  for (const { row, audience, revision } of visible) {
    const s = snapshots.get(`${row.id}:${revision}`)
    if (!s) continue
    // Others see the review state as of what they see: an accepted object being changed by its
    // owner is still "accepted" to them.
    const status = reviewStatusFor(audience, row)
    const entry: ObjectListEntry = {
      id: row.id,
      code: row.code,
      audience,
      kind: s.kind,
      nameKk: s.nameKk,
      nameRu: s.nameRu,
      purpose: s.purpose,
      stage: s.stage,
      stageSince: s.stageSince,
      ownerOrganisationId: row.owner_organisation_id,
      ...status,
      overdue: false,
      updatedAt: row.updated_at,
      functions: s.functions.length,
      documents: audience === 'registry' ? 0 : s.documents.length,
    }
    entry.overdue = isOverdue(status.reviewState, entry.reviewDueOn, entry.updateDueOn, today)
    if (filters.kind && entry.kind !== filters.kind) continue
    if (filters.stage && entry.stage !== filters.stage) continue
    if (filters.state && entry.reviewState !== filters.state) continue
    if (filters.overdue && !entry.overdue) continue
    if (q) {
      const haystack = [entry.code ?? '', entry.nameKk, entry.nameRu, entry.purpose]
        .join('\n')
        .toLocaleLowerCase('kk')
      if (!haystack.includes(q)) continue
    }
    entries.push(entry)
  }
  return entries.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.code ?? '~').localeCompare(b.code ?? '~') ||
      a.nameKk.localeCompare(b.nameKk, 'kk'),
  )
}
