/**
 * @module
 * auth_security_event: the security audit log — failed and refused sign-ins, lock-outs, sign-ins
 * refused by the rate limit, denied access and rejected CSRF tokens — with the client address,
 * so operators see attacks and the rate limit counts failures across every instance.
 */
import type { Kysely } from 'kysely'
import type { MigrationBackend } from './column-types.js'
import { columnTypes } from './column-types.js'

export default (backend: MigrationBackend) => {
  const t = columnTypes(backend)
  return {
    async up(db: Kysely<unknown>) {
      await t
        .id(db.schema.createTable('auth_security_event'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_id', 'integer', (c) => c.references('auth_user.id'))
        .addColumn('person_id', 'integer', (c) => c.references('auth_person.id'))
        .addColumn('organisation_id', 'integer', (c) => c.references('auth_organisation.id'))
        .addColumn('method', 'text')
        .addColumn('path', 'text')
        .addColumn('details', t.json, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('auth_security_event_at')
        .on('auth_security_event')
        .columns(['at'])
        .execute()
      await db.schema
        .createIndex('auth_security_event_ip')
        .on('auth_security_event')
        .columns(['ip', 'kind', 'at'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('auth_security_event').execute()
    },
  }
}
