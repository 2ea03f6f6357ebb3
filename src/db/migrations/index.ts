/**
 * @module
 * Every migration, by name. Names start with an ISO date and run in alphabetical order; a
 * migration is never edited once it has landed: add a new one instead.
 */
import type { Migration } from 'kysely'
import systemSetting from './2026-11-26-0001-system-setting.js'
import actsCatalog from './2026-11-26-0002-acts-catalog.js'
import catalogSystem from './2026-11-26-0003-catalog-system.js'
import auth from './2026-11-26-0004-auth.js'
import portal from './2026-11-26-0005-portal.js'
import authEvent from './2026-11-26-0006-auth-event.js'
import authPerson from './2026-11-26-0007-auth-person.js'
import services from './2026-11-26-0008-services.js'
import akimat from './2026-11-26-0009-akimat.js'
import authSecurityEvent from './2026-11-26-0010-auth-security-event.js'
import systemScheduler from './2026-11-26-0011-system-scheduler.js'
import automation from './2026-11-27-0012-automation.js'
import type { MigrationBackend } from './column-types.js'

export type MigrationFactory = (backend: MigrationBackend) => Migration

export const migrations: Record<string, MigrationFactory> = {
  '2026-11-26-0001-system-setting': systemSetting,
  '2026-11-26-0002-acts-catalog': actsCatalog,
  '2026-11-26-0003-catalog-system': catalogSystem,
  '2026-11-26-0004-auth': auth,
  '2026-11-26-0005-portal': portal,
  '2026-11-26-0006-auth-event': authEvent,
  '2026-11-26-0007-auth-person': authPerson,
  '2026-11-26-0008-services': services,
  '2026-11-26-0009-akimat': akimat,
  '2026-11-26-0010-auth-security-event': authSecurityEvent,
  '2026-11-26-0011-system-scheduler': systemScheduler,
  '2026-11-27-0012-automation': automation,
}
