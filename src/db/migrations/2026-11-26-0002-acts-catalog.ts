/**
 * @module
 * acts_act: every imported act with its metadata, text and checksum.
 * catalog_section_version, catalog_row_version, catalog_glossary_entry, catalog_indicator: what
 * the acts say, each with the act (and lines) it was read from and the dates it is valid.
 */
import type { Kysely } from 'kysely'
import { columnTypes, type MigrationBackend } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('acts_act')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('date', t.date, (c) => c.notNull())
        .addColumn('registration', 'text', (c) => c.notNull().unique())
        .addColumn('registered_on', t.date)
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amends', 'text')
        .addColumn('amends_date', t.date)
        .addColumn('effective_from', t.date)
        .addColumn('effective_from_kind', 'text', (c) => c.notNull())
        .addColumn('effective_from_set_by', 'text')
        .addColumn('repealed_on', t.date)
        .addColumn('repealed_by', 'text')
        .addColumn('metadata', t.json, (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('parser_version', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('imported_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .execute()

      await db.schema
        .createTable('catalog_section_version')
        .$call(t.id)
        .addColumn('architecture', 'text', (c) => c.notNull())
        .addColumn('section', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('source_act', 'text', (c) =>
          c.notNull().references('acts_act.id').onDelete('cascade'),
        )
        .addColumn('line_first', 'integer', (c) => c.notNull())
        .addColumn('line_last', 'integer', (c) => c.notNull())
        .addColumn('valid_from', t.date)
        .addColumn('valid_to', t.date)
        .execute()

      await db.schema
        .createTable('catalog_row_version')
        .$call(t.id)
        .addColumn('architecture', 'text', (c) => c.notNull())
        .addColumn('section', 'integer', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('group_text', 'text')
        .addColumn('function_text', 'text', (c) => c.notNull())
        .addColumn('systems', t.json, (c) => c.notNull())
        .addColumn('approach', 'text')
        .addColumn('levels', t.json, (c) => c.notNull())
        .addColumn('resources', t.json, (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('source_act', 'text', (c) =>
          c.notNull().references('acts_act.id').onDelete('cascade'),
        )
        .addColumn('line_first', 'integer', (c) => c.notNull())
        .addColumn('line_last', 'integer', (c) => c.notNull())
        .addColumn('flags', t.json, (c) => c.notNull())
        .addColumn('valid_from', t.date)
        .addColumn('valid_to', t.date)
        .execute()
      await db.schema
        .createIndex('catalog_row_version_key')
        .on('catalog_row_version')
        .columns(['architecture', 'section', 'number'])
        .execute()

      await db.schema
        .createTable('catalog_glossary_entry')
        .$call(t.id)
        .addColumn('source_act', 'text', (c) =>
          c.notNull().references('acts_act.id').onDelete('cascade'),
        )
        .addColumn('architecture', 'text', (c) => c.notNull())
        .addColumn('list', 'text', (c) => c.notNull())
        .addColumn('abbreviation', 'text', (c) => c.notNull())
        .addColumn('expansion', 'text', (c) => c.notNull())
        .addColumn('level', 'integer')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('line_first', 'integer', (c) => c.notNull())
        .addColumn('line_last', 'integer', (c) => c.notNull())
        .addColumn('valid_from', t.date)
        .addColumn('valid_to', t.date)
        .execute()

      await db.schema
        .createTable('catalog_indicator')
        .$call(t.id)
        .addColumn('source_act', 'text', (c) =>
          c.notNull().references('acts_act.id').onDelete('cascade'),
        )
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('group_code', 'text')
        .addColumn('line_first', 'integer', (c) => c.notNull())
        .addColumn('line_last', 'integer', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'catalog_indicator',
        'catalog_glossary_entry',
        'catalog_row_version',
        'catalog_section_version',
        'acts_act',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
