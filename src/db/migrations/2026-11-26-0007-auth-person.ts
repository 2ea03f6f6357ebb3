/**
 * @module
 * auth_person, auth_person_session: applicants' accounts (citizens and company representatives,
 * who sign in with their IIN and a password, not as staff of an organisation) and their sessions
 * (`id` = sha256 of the cookie token, as for staff sessions).
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('auth_person'))
        .addColumn('iin', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', t.timestamp)
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .execute()
      await db.schema
        .createTable('auth_person_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) =>
          c.notNull().references('auth_person.id').onDelete('cascade'),
        )
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .execute()
      await db.schema
        .createIndex('auth_person_session_person')
        .on('auth_person_session')
        .column('person_id')
        .execute()
      await db.schema
        .createIndex('auth_person_session_expires')
        .on('auth_person_session')
        .column('expires_at')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('auth_person_session').execute()
      await db.schema.dropTable('auth_person').execute()
    },
  }
}
