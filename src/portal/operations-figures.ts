/**
 * @module
 * Counts for /metrics: what is overdue and what waits in the mail outbox, each one indexed count.
 */
import type { Kysely } from 'kysely'
import { kazakhstanDate } from '../calendar/index.js'
import type { Database } from '../db/index.js'
import { MAX_DELIVERY_ATTEMPTS } from './notifications.js'

export interface PortalOperationsFigures {
  /** Objects submitted for review whose review term ended before today. */
  reviewsOverdue: number
  /** Objects changed or returned whose update term ended before today. */
  updatesOverdue: number
  /** Account requests still pending after their due day. */
  accountRequestsOverdue: number
  /** Notifications not sent yet that will still be tried. */
  outboxWaiting: number
  /** Notifications given up after MAX_DELIVERY_ATTEMPTS. */
  outboxFailed: number
}

export async function portalOperationsFigures(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<PortalOperationsFigures> {
  const today = kazakhstanDate(now)
  const count = (n: number | string | bigint | undefined) => Number(n ?? 0)
  const [reviews, updates, requests, waiting, failed] = await Promise.all([
    db
      .selectFrom('portal_object')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_state', '=', 'submitted')
      .where('review_due_on', '<', today)
      .executeTakeFirst(),
    db
      .selectFrom('portal_object')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_state', 'in', ['changed', 'returned'])
      .where('update_due_on', '<', today)
      .executeTakeFirst(),
    db
      .selectFrom('portal_account_request')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('due_on', '<', today)
      .executeTakeFirst(),
    db
      .selectFrom('portal_notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sent_at', 'is', null)
      .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
      .executeTakeFirst(),
    db
      .selectFrom('portal_notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sent_at', 'is', null)
      .where('attempts', '>=', MAX_DELIVERY_ATTEMPTS)
      .executeTakeFirst(),
  ])
  return {
    reviewsOverdue: count(reviews?.n),
    updatesOverdue: count(updates?.n),
    accountRequestsOverdue: count(requests?.n),
    outboxWaiting: count(waiting?.n),
    outboxFailed: count(failed?.n),
  }
}
