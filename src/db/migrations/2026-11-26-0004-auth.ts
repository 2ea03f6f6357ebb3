/**
 * @module
 * auth_organisation, auth_user, auth_membership (roles), auth_session (sha256 of the cookie
 * token), auth_password_token (sha256 of one-time activation tokens).
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('auth_organisation'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name_kk', 'text', (c) => c.notNull())
        .addColumn('name_ru', 'text', (c) => c.notNull())
        .addColumn('bin', 'text', (c) => c.unique())
        .addColumn('level', 'text')
        .addColumn('email', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .execute()
      await t
        .id(db.schema.createTable('auth_user'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', t.timestamp)
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .execute()
      await db.schema
        .createTable('auth_membership')
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id').onDelete('cascade'),
        )
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('auth_membership_pk', ['user_id', 'organisation_id', 'role'])
        .execute()
      await db.schema
        .createIndex('auth_membership_organisation')
        .on('auth_membership')
        .column('organisation_id')
        .execute()
      await db.schema
        .createTable('auth_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('organisation_id', 'integer', (c) =>
          c.notNull().references('auth_organisation.id').onDelete('cascade'),
        )
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .execute()
      await db.schema
        .createIndex('auth_session_user')
        .on('auth_session')
        .column('user_id')
        .execute()
      await db.schema
        .createIndex('auth_session_expires')
        .on('auth_session')
        .column('expires_at')
        .execute()
      await db.schema
        .createTable('auth_password_token')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('used_at', t.timestamp)
        .execute()
      await db.schema
        .createIndex('auth_password_token_user')
        .on('auth_password_token')
        .column('user_id')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('auth_password_token').execute()
      await db.schema.dropTable('auth_session').execute()
      await db.schema.dropTable('auth_membership').execute()
      await db.schema.dropTable('auth_user').execute()
      await db.schema.dropTable('auth_organisation').execute()
    },
  }
}
