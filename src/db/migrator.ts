/**
 * @module
 * Runs and reports migrations on either backend, with Kysely's migrator (which takes a lock so
 * several instances starting together migrate once).
 */
import { type Kysely, type MigrationResult, Migrator, sql } from 'kysely'
import type { DatabaseHandle } from './connection.js'
import { migrations as allMigrations, type MigrationFactory } from './migrations/index.js'

/** One migration and whether this database has it. */
export interface MigrationState {
  name: string
  executedAt: string | null
}

/**
 * On PostgreSQL the migration bookkeeping lives in the connection's current schema (the first of
 * its search_path), not always in `public`: Kysely must be told, or it would see another
 * schema's table and then fail to find it.
 */
async function migratorFor(
  handle: DatabaseHandle,
  migrations: Record<string, MigrationFactory> = allMigrations,
): Promise<Migrator> {
  let migrationTableSchema: string | undefined
  if (handle.backend === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      handle.db,
    )
    migrationTableSchema = result.rows[0]?.schema
  }
  return new Migrator({
    db: handle.db as Kysely<unknown>,
    migrationTableSchema,
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          Object.entries(migrations).map(([name, factory]) => [name, factory(handle.backend)]),
        )
      },
    },
  })
}

/** Names of all migrations the code knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(allMigrations).sort()
}

/**
 * Applies every pending migration, calling `onApplied` after each. Throws with the failing
 * migration's name when one fails. All pending migrations run in one transaction on both
 * backends, so a failure leaves the database as it was before the call.
 */
export async function migrateToLatest(
  handle: DatabaseHandle,
  onApplied: (result: MigrationResult) => void = () => {},
  migrations: Record<string, MigrationFactory> = allMigrations,
): Promise<MigrationResult[]> {
  const migrator = await migratorFor(handle, migrations)
  const { error, results = [] } = await migrator.migrateToLatest()
  for (const result of results) if (result.status === 'Success') onApplied(result)
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    })
  }
  return results
}

/** Every known migration with the time it ran here, or null when pending. */
export async function migrationStatus(handle: DatabaseHandle): Promise<MigrationState[]> {
  const list = await (await migratorFor(handle)).getMigrations()
  return list.map((m) => ({
    name: m.name,
    executedAt: m.executedAt ? new Date(m.executedAt).toISOString() : null,
  }))
}
