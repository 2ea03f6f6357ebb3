/**
 * @module
 * catalog_system: the information systems the acts name, with spellings and kk/ru pairs.
 * catalog_row_system: which systems each row version names, as printed.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_system')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('language', 'text')
        .addColumn('aliases', t.json, (c) => c.notNull())
        .addColumn('expansion', 'text')
        .addColumn('pair', 'text')
        .execute()
      await db.schema
        .createTable('catalog_row_system')
        .addColumn('row_version_id', 'integer', (c) =>
          c.notNull().references('catalog_row_version.id').onDelete('cascade'),
        )
        .addColumn('system_id', 'text', (c) =>
          c.notNull().references('catalog_system.id').onDelete('cascade'),
        )
        .addColumn('printed', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_row_system_pk', ['row_version_id', 'position'])
        .execute()
      await db.schema
        .createIndex('catalog_row_system_system')
        .on('catalog_row_system')
        .column('system_id')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_row_system').execute()
      await db.schema.dropTable('catalog_system').execute()
    },
  }
}
