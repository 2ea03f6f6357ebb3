/**
 * @module
 * Deadline reminders: reviews of the service integrator (5 working days, para 8) and account
 * requests (2 working days, para 6) that passed their term undecided are announced to the
 * reviewers once per item. The announcement is an event in the portal's history
 * (`review.overdue` on the object, `account.overdue` on the request) written in the same
 * transaction as the notifications; an item with that event is not announced again. The
 * scheduler runs this on one instance at a time.
 */
import type { Kysely } from 'kysely'
import { kazakhstanDate } from '../calendar/index.js'
import type { Database } from '../db/index.js'
import { recordEvent } from './events.js'
import { notifyReviewers } from './notifications.js'

type Db = Kysely<Database>

export const REVIEW_OVERDUE_EVENT = 'review.overdue'
export const ACCOUNT_OVERDUE_EVENT = 'account.overdue'

function reviewIdOf(details: unknown): number | undefined {
  const value = typeof details === 'string' ? JSON.parse(details) : details
  const id = (value as { reviewId?: unknown } | null)?.reviewId
  return typeof id === 'number' ? id : undefined
}

/**
 * Announces each undecided review and pending account request whose term ended before today
 * (in Kazakhstan) and that was not announced yet. Returns how many were announced now.
 */
export async function notifyOverdue(
  db: Db,
  now = new Date(),
): Promise<{ reviews: number; accountRequests: number }> {
  const today = kazakhstanDate(now)
  const at = now.toISOString()

  const reviews = await db
    .selectFrom('portal_review')
    .innerJoin('portal_object', 'portal_object.id', 'portal_review.object_id')
    .select([
      'portal_review.id as id',
      'portal_review.object_id as objectId',
      'portal_review.revision as revision',
      'portal_review.due_on as dueOn',
      'portal_object.name_kk as nameKk',
      'portal_object.name_ru as nameRu',
    ])
    .where('portal_review.decision', 'is', null)
    .where('portal_review.due_on', '<', today)
    .orderBy('portal_review.id')
    .execute()
  const announced = new Set<number>()
  if (reviews.length) {
    const events = await db
      .selectFrom('portal_event')
      .select('details')
      .where('kind', '=', REVIEW_OVERDUE_EVENT)
      .where(
        'object_id',
        'in',
        reviews.map((r) => r.objectId),
      )
      .execute()
    for (const e of events) {
      const id = reviewIdOf(e.details)
      if (id !== undefined) announced.add(id)
    }
  }
  let reviewCount = 0
  for (const review of reviews) {
    if (announced.has(review.id)) continue
    await db.transaction().execute(async (trx) => {
      await recordEvent(trx, {
        objectId: review.objectId,
        kind: REVIEW_OVERDUE_EVENT,
        actor: undefined,
        at,
        revision: review.revision,
        details: { reviewId: review.id, dueOn: review.dueOn },
      })
      await notifyReviewers(
        trx,
        {
          subject: 'security.deadline.reviewOverdue.subject',
          body: 'security.deadline.reviewOverdue.body',
          params: { name: review.nameKk, due: review.dueOn },
          paramsRu: { name: review.nameRu },
          link: `/portal/objects/${review.objectId}`,
        },
        at,
      )
    })
    reviewCount++
  }

  const requests = await db
    .selectFrom('portal_account_request')
    .select(['id', 'due_on', 'organisation_name_kk', 'organisation_name_ru'])
    .where('status', '=', 'pending')
    .where('due_on', '<', today)
    .orderBy('id')
    .execute()
  const requestsAnnounced = new Set<number>()
  if (requests.length) {
    const events = await db
      .selectFrom('portal_event')
      .select('account_request_id')
      .where('kind', '=', ACCOUNT_OVERDUE_EVENT)
      .where(
        'account_request_id',
        'in',
        requests.map((r) => r.id),
      )
      .execute()
    for (const e of events)
      if (e.account_request_id !== null) requestsAnnounced.add(e.account_request_id)
  }
  let requestCount = 0
  for (const request of requests) {
    if (requestsAnnounced.has(request.id)) continue
    await db.transaction().execute(async (trx) => {
      await recordEvent(trx, {
        accountRequestId: request.id,
        kind: ACCOUNT_OVERDUE_EVENT,
        actor: undefined,
        at,
        details: { dueOn: request.due_on },
      })
      await notifyReviewers(
        trx,
        {
          subject: 'security.deadline.accountOverdue.subject',
          body: 'security.deadline.accountOverdue.body',
          params: { organisation: request.organisation_name_kk, due: request.due_on },
          paramsRu: { organisation: request.organisation_name_ru },
          link: `/portal/account-requests/${request.id}`,
        },
        at,
      )
    })
    requestCount++
  }
  return { reviews: reviewCount, accountRequests: requestCount }
}
