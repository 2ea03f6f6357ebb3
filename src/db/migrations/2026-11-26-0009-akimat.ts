/**
 * @module
 * akimat_*: each akimat's own architecture and its target indicators (typical architecture,
 * chapter 2 and Appendix 2). A profile says which typical set the akimat adopted (its level comes
 * from the organisation, the KATO code is kept here, and the date of the typical set); decisions
 * are kept as versions, never overwritten, so the architecture can be read as at any moment;
 * indicator values are kept as versions too; events record who did what.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  const real = backend === 'postgres' ? 'double precision' : 'real'
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('akimat_profile')
        .addColumn('organisation_id', 'integer', (c) =>
          c.primaryKey().references('auth_organisation.id'),
        )
        .addColumn('kato', 'text', (c) => c.notNull().unique())
        .addColumn('typical_at', t.date, (c) => c.notNull())
        .addColumn('adopted_at', t.timestamp, (c) => c.notNull())
        .addColumn('adopted_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute()

      await t
        .id(db.schema.createTable('akimat_decision'))
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('akimat_profile.organisation_id'),
        )
        .addColumn('function_key', 'text', (c) => c.notNull())
        .addColumn('performed', 'integer', (c) => c.notNull())
        .addColumn('system_id', 'text')
        .addColumn('object_id', 'integer', (c) => c.references('portal_object.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('target_level', 'integer')
        .addColumn('note', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('akimat_decision_function')
        .on('akimat_decision')
        .columns(['organisation_id', 'function_key', 'id'])
        .execute()

      await t
        .id(db.schema.createTable('akimat_indicator_value'))
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('akimat_profile.organisation_id'),
        )
        .addColumn('indicator_code', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('value', real)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('basis', t.json)
        .addColumn('note', 'text')
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('akimat_indicator_value_period')
        .on('akimat_indicator_value')
        .columns(['organisation_id', 'indicator_code', 'period', 'id'])
        .execute()

      await t
        .id(db.schema.createTable('akimat_event'))
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('akimat_profile.organisation_id'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('akimat_event_organisation')
        .on('akimat_event')
        .columns(['organisation_id', 'id'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'akimat_event',
        'akimat_indicator_value',
        'akimat_decision',
        'akimat_profile',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
