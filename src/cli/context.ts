/**
 * @module
 * What commands share: the configuration from the environment and a logger.
 */

import { pino } from 'pino'
import { type Config, createLogger, type Logger, loadConfig, loadDotEnv } from '../core/index.js'
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/index.js'
import { refreshStoredDefinitions } from '../services/index.js'

export interface CliContext {
  config: Config
  logger: Logger
}

/**
 * Reads .env and the environment; throws ConfigError on a bad value. Commands log to standard
 * error, so their output on standard output stays what they print (JSON a program can parse);
 * the server (`logTo: 'stdout'`) logs to standard output as services do.
 */
export function cliContext(options: { logTo?: 'stdout' | 'stderr' } = {}): CliContext {
  loadDotEnv()
  const config = loadConfig(process.env)
  const logger =
    options.logTo === 'stdout'
      ? createLogger(config.logLevel)
      : createLogger(config.logLevel, pino.destination({ fd: 2, sync: true }))
  return { config, logger }
}

/**
 * Opens the database, brings its schema up to date (unless `migrate` is false, for the `db`
 * commands that report on it), runs `work`, and always closes it again.
 */
export async function withDatabase<T>(
  context: CliContext,
  work: (handle: DatabaseHandle) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const handle = await openDatabase(context.config.database, {
    sqliteSynchronous: context.config.sqliteSynchronous,
  })
  try {
    if (options.migrate ?? true) {
      await migrateToLatest(handle, (r) =>
        context.logger.info({ migration: r.migrationName }, 'migration applied'),
      )
      // Commands see the e-services akimats generated as well as the hand-written ones.
      await refreshStoredDefinitions(handle.db, { force: true })
    }
    return await work(handle)
  } finally {
    await handle.close()
  }
}
