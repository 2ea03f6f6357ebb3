/**
 * @module
 * Record ids: auto-numbered integer keys (`serial` on PostgreSQL, 32-bit). A number outside their
 * range names no record; asking the database for it would fail on PostgreSQL instead of finding
 * nothing.
 */

/** The largest id a record can have (PostgreSQL `serial`). */
export const MAX_RECORD_ID = 2_147_483_647

/** True for a whole number from 1 to MAX_RECORD_ID. */
export function isRecordId(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RECORD_ID
}
