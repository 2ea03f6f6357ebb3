/**
 * @module
 * The stored files the e-services refer to: application attachments and result documents.
 * Used by `files check` / `files sweep` to find missing and orphaned blobs.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

/** The SHA-256 hashes of all attachments and result documents. */
export async function servicesReferencedFiles(db: Kysely<Database>): Promise<Set<string>> {
  const attachments = await db
    .selectFrom('services_attachment')
    .select('sha256')
    .distinct()
    .execute()
  const results = await db
    .selectFrom('services_result')
    .select('file_sha256')
    .where('file_sha256', 'is not', null)
    .distinct()
    .execute()
  const hashes = new Set(attachments.map((row) => row.sha256))
  for (const row of results) if (row.file_sha256) hashes.add(row.file_sha256)
  return hashes
}
