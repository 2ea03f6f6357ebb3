/**
 * @module
 * system_setting: key/value settings an administrator or the application itself keeps
 * (for example which bundled acts were imported).
 */
import type { Kysely } from 'kysely'
import { columnTypes, type MigrationBackend } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('system_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', t.json, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('updated_by', 'text')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('system_setting').execute()
    },
  }
}
