/**
 * @module
 * The scheduler's tables, so that several instances on one database run scheduled work once:
 * system_lease (a named lock with an expiry, held by one instance at a time) and system_job_run
 * (one row per job and time slot, unique, so a slot cannot run twice).
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('system_lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('acquired_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute()
      await t
        .id(db.schema.createTable('system_job_run'))
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .addColumn('outcome', 'text')
        .addColumn('details', t.json, (c) => c.notNull())
        .addUniqueConstraint('system_job_run_slot', ['job', 'slot'])
        .execute()
      // /metrics counts failed and unfinished runs at every scrape.
      await db.schema
        .createIndex('system_job_run_outcome')
        .on('system_job_run')
        .columns(['outcome', 'job'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('system_job_run').execute()
      await db.schema.dropTable('system_lease').execute()
    },
  }
}
