/**
 * @module
 * services_*: regulated e-services. Providers bound to a service by an administrator (with the
 * fee and the term the service standard sets), applications with their form, attachments,
 * every step as an event, signatures as checked, payments as the gateway answered, result and
 * refusal documents with their verification codes, and survey answers. Number counters give
 * application numbers without gaps per service prefix and year.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('services_provider')
        .addColumn('service_code', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id'),
        )
        .addColumn('fee_kzt', 'integer')
        .addColumn('term_working_days', 'integer')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('auth_user.id'))
        .addPrimaryKeyConstraint('services_provider_pk', ['service_code', 'organisation_id'])
        .execute()

      await db.schema
        .createTable('services_counter')
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('services_counter_pk', ['prefix', 'year'])
        .execute()

      await t
        .id(db.schema.createTable('services_application'))
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('service_code', 'text', (c) => c.notNull())
        .addColumn('definition_version', 'integer', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('provider_organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id'),
        )
        .addColumn('centre_organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('person_id', 'integer', (c) => c.references('auth_person.id'))
        .addColumn('registered_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('recipient_iin', 'text', (c) => c.notNull())
        .addColumn('recipient_bin', 'text')
        .addColumn('recipient_name', 'text', (c) => c.notNull())
        .addColumn('representative_iin', 'text')
        .addColumn('power_of_attorney', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('fee_kzt', 'integer')
        .addColumn('term_working_days', 'integer')
        .addColumn('form', t.json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('current_step', 'text')
        .addColumn('waiting_for', 'text')
        .addColumn('step_started_at', t.timestamp, (c) => c.notNull())
        .addColumn('signed_data_sha256', 'text')
        .addColumn('registered_at', t.timestamp)
        .addColumn('due_on', t.date)
        .addColumn('ended_at', t.timestamp)
        .addColumn('refusal_reason', 'text')
        .addColumn('refusal_text', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('services_application_person')
        .on('services_application')
        .columns(['person_id', 'id'])
        .execute()
      await db.schema
        .createIndex('services_application_inbox')
        .on('services_application')
        .columns(['provider_organisation_id', 'status', 'due_on'])
        .execute()
      await db.schema
        .createIndex('services_application_centre')
        .on('services_application')
        .columns(['centre_organisation_id', 'status'])
        .execute()
      await db.schema
        .createIndex('services_application_service')
        .on('services_application')
        .columns(['service_code', 'status'])
        .execute()

      await t
        .id(db.schema.createTable('services_attachment'))
        .addColumn('application_id', 'integer', (c) =>
          c.notNull().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('file_type', 'text', (c) => c.notNull())
        .addColumn('original_name', 'text', (c) => c.notNull())
        .addColumn('added_at', t.timestamp, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('services_attachment_application')
        .on('services_attachment')
        .columns(['application_id'])
        .execute()

      await t
        .id(db.schema.createTable('services_event'))
        .addColumn('application_id', 'integer', (c) =>
          c.notNull().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('milliseconds', 'integer', (c) => c.notNull())
        .addColumn('limit_seconds', 'integer')
        .addColumn('over_limit', 'integer', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_person_id', 'integer', (c) => c.references('auth_person.id'))
        .addColumn('actor_user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('actor_organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('services_event_application')
        .on('services_event')
        .columns(['application_id', 'id'])
        .execute()

      await t
        .id(db.schema.createTable('services_signature'))
        .addColumn('application_id', 'integer', (c) =>
          c.notNull().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('data_sha256', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('failure', 'text')
        .addColumn('signer_iin', 'text')
        .addColumn('signer_bin', 'text')
        .addColumn('signer_name', 'text')
        .addColumn('certificate_serial', 'text')
        .addColumn('issuer', 'text')
        .addColumn('checked_at', t.timestamp, (c) => c.notNull())
        .execute()

      await t
        .id(db.schema.createTable('services_payment'))
        .addColumn('application_id', 'integer', (c) =>
          c.notNull().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('amount_kzt', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('gateway_reference', 'text')
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('services_result')
        .addColumn('application_id', 'integer', (c) =>
          c.primaryKey().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('issued_at', t.timestamp, (c) => c.notNull())
        .addColumn('issued_by', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('file_sha256', 'text')
        .addColumn('file_size', 'integer')
        .addColumn('signature', 'text')
        .addColumn('signer_name', 'text')
        .addColumn('signer_serial', 'text')
        .addColumn('share_details', 'integer', (c) => c.notNull())
        .addColumn('share_name', 'integer', (c) => c.notNull())
        .addColumn('share_number', 'integer', (c) => c.notNull())
        .addColumn('share_document', 'integer', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('services_survey')
        .addColumn('application_id', 'integer', (c) =>
          c.primaryKey().references('services_application.id').onDelete('cascade'),
        )
        .addColumn('quality', 'integer', (c) => c.notNull())
        .addColumn('information', 'integer', (c) => c.notNull())
        .addColumn('answered_at', t.timestamp, (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'services_survey',
        'services_result',
        'services_payment',
        'services_signature',
        'services_event',
        'services_attachment',
        'services_application',
        'services_counter',
        'services_provider',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
