/**
 * @module
 * auth_event: what administrators did to users and organisations (who, when, to whom, what),
 * kept for good — the trail that makes an administrator's power visible.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('auth_event'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('actor_organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('auth_event_user')
        .on('auth_event')
        .columns(['user_id', 'id'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('auth_event').execute()
    },
  }
}
