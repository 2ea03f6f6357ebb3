/**
 * @module
 * Daily housekeeping of the auth module, for the scheduler: deletes staff and applicant sessions
 * past their absolute or idle end, and security events past their retention.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { deleteExpiredPersonSessions } from './persons.js'
import { deleteSecurityEventsBefore, securityEventRetentionCutoff } from './security-events.js'
import { deleteExpiredSessions } from './sessions.js'

/** Deletes what has expired; returns how many security events went. */
export async function authHousekeeping(
  db: Kysely<Database>,
  now = new Date(),
): Promise<{ securityEvents: number }> {
  await deleteExpiredSessions(db, now)
  await deleteExpiredPersonSessions(db, now)
  const securityEvents = await deleteSecurityEventsBefore(db, securityEventRetentionCutoff(now))
  return { securityEvents }
}
