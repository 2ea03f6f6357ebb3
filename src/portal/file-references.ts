/**
 * @module
 * The stored files the portal refers to: every document version keeps the SHA-256 of its bytes.
 * Used by `files check` / `files sweep` to find missing and orphaned blobs.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

/** The SHA-256 hashes of all portal documents (current and replaced). */
export async function portalReferencedFiles(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('portal_document').select('sha256').distinct().execute()
  return new Set(rows.map((row) => row.sha256))
}
