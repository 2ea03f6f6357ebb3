/**
 * @module
 * The executable typical architecture (issue 9): service definitions stored in the database
 * (services_definition: generated from Appendix 1 rows, versioned), and what akimats switch on
 * (automation_function), with its registries, their records and every version of each record,
 * and a history of every change (automation_event).
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('services_definition'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id'),
        )
        .addColumn('definition', t.json, (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('auth_user.id'))
        .addUniqueConstraint('services_definition_version', ['code', 'version'])
        .execute()
      await t
        .id(db.schema.createTable('automation_function'))
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id'),
        )
        .addColumn('function_key', 'text', (c) => c.notNull())
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('service_code', 'text')
        .addColumn('config', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addUniqueConstraint('automation_function_key', ['organisation_id', 'function_key'])
        .execute()
      await t
        .id(db.schema.createTable('automation_registry'))
        .addColumn('automation_id', 'integer', (c) =>
          c.notNull().references('automation_function.id'),
        )
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', t.json, (c) => c.notNull())
        .addColumn('fields', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('automation_registry_slot', ['automation_id', 'slot'])
        .execute()
      await t
        .id(db.schema.createTable('automation_record'))
        .addColumn('registry_id', 'integer', (c) =>
          c.notNull().references('automation_registry.id'),
        )
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('data', t.json, (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addUniqueConstraint('automation_record_number', ['registry_id', 'number'])
        .execute()
      await t
        .id(db.schema.createTable('automation_record_version'))
        .addColumn('record_id', 'integer', (c) => c.notNull().references('automation_record.id'))
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('data', t.json, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await t
        .id(db.schema.createTable('automation_event'))
        .addColumn('automation_id', 'integer', (c) =>
          c.notNull().references('automation_function.id'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('automation_record_version_record')
        .on('automation_record_version')
        .column('record_id')
        .execute()
      await db.schema
        .createIndex('automation_event_automation')
        .on('automation_event')
        .column('automation_id')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'automation_event',
        'automation_record_version',
        'automation_record',
        'automation_registry',
        'automation_function',
        'services_definition',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
