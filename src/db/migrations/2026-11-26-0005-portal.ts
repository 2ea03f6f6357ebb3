/**
 * @module
 * The architecture portal (rules 174/2019): account requests, informatization objects with their
 * revisions, lifecycle, relations, automated catalogue functions, documents, reviews, accounting
 * codes, history events and the notification outbox. Rows are never overwritten in place where
 * history matters: an object's every state is a row of portal_object_revision, links are closed
 * with removed_at, documents with replaced_at.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('portal_account_request'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('organisation_kind', 'text', (c) => c.notNull())
        .addColumn('organisation_name_kk', 'text', (c) => c.notNull())
        .addColumn('organisation_name_ru', 'text', (c) => c.notNull())
        .addColumn('organisation_bin', 'text')
        .addColumn('organisation_level', 'text')
        .addColumn('contact_name', 'text', (c) => c.notNull())
        .addColumn('contact_position', 'text', (c) => c.notNull())
        .addColumn('contact_email', 'text', (c) => c.notNull())
        .addColumn('contact_phone', 'text', (c) => c.notNull())
        .addColumn('requested_role', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('received_at', t.timestamp, (c) => c.notNull())
        .addColumn('due_on', t.date, (c) => c.notNull())
        .addColumn('decided_at', t.timestamp)
        .addColumn('decided_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('decision_note', 'text')
        .addColumn('organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('portal_account_request_status')
        .on('portal_account_request')
        .columns(['status', 'due_on'])
        .execute()

      await t
        .id(db.schema.createTable('portal_object'))
        .addColumn('code', 'text', (c) => c.unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id'),
        )
        .addColumn('name_kk', 'text', (c) => c.notNull())
        .addColumn('name_ru', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('stage_since', t.date, (c) => c.notNull())
        .addColumn('review_state', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('submitted_revision', 'integer')
        .addColumn('accepted_revision', 'integer')
        .addColumn('review_due_on', t.date)
        .addColumn('update_due_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('portal_object_owner')
        .on('portal_object')
        .columns(['owner_organisation_id', 'review_state'])
        .execute()

      await db.schema
        .createTable('portal_object_revision')
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('data', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addPrimaryKeyConstraint('portal_object_revision_pk', ['object_id', 'revision'])
        .execute()

      await t
        .id(db.schema.createTable('portal_stage_transition'))
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('on_date', t.date, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .execute()

      await t
        .id(db.schema.createTable('portal_relation'))
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('target_object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addColumn('removed_at', t.timestamp)
        .addColumn('removed_by', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('portal_relation_target')
        .on('portal_relation')
        .column('target_object_id')
        .execute()

      await t
        .id(db.schema.createTable('portal_object_function'))
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('architecture', 'text', (c) => c.notNull())
        .addColumn('section', 'integer', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('function_text', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addColumn('removed_at', t.timestamp)
        .addColumn('removed_by', 'integer', (c) => c.references('auth_user.id'))
        .execute()

      await t
        .id(db.schema.createTable('portal_document'))
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('kind', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('original_name', 'text', (c) => c.notNull())
        .addColumn('report', t.json, (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
        .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addColumn('replaced_at', t.timestamp)
        .addColumn('replaced_by', 'integer', (c) => c.references('auth_user.id'))
        .execute()
      await db.schema
        .createIndex('portal_document_object')
        .on('portal_document')
        .columns(['object_id', 'kind', 'format'])
        .execute()

      await t
        .id(db.schema.createTable('portal_review'))
        .addColumn('object_id', 'integer', (c) =>
          c.notNull().references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
        .addColumn('submitted_by', 'integer', (c) => c.notNull().references('auth_user.id'))
        .addColumn('due_on', t.date, (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decided_at', t.timestamp)
        .addColumn('decided_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('remarks', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('portal_review_object')
        .on('portal_review')
        .columns(['object_id', 'revision'])
        .execute()

      await db.schema
        .createTable('portal_code_counter')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute()

      await t
        .id(db.schema.createTable('portal_event'))
        .addColumn('object_id', 'integer', (c) =>
          c.references('portal_object.id').onDelete('cascade'),
        )
        .addColumn('account_request_id', 'integer', (c) =>
          c.references('portal_account_request.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('actor_organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('revision', 'integer')
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('portal_event_object')
        .on('portal_event')
        .columns(['object_id', 'id'])
        .execute()

      await t
        .id(db.schema.createTable('portal_notification'))
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute()
      await db.schema
        .createIndex('portal_notification_pending')
        .on('portal_notification')
        .columns(['sent_at', 'id'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'portal_notification',
        'portal_event',
        'portal_code_counter',
        'portal_review',
        'portal_document',
        'portal_object_function',
        'portal_relation',
        'portal_stage_transition',
        'portal_object_revision',
        'portal_object',
        'portal_account_request',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
