/**
 * @module
 * What commands share: the configuration from the environment and a logger.
 */
import { type Config, createLogger, type Logger, loadConfig, loadDotEnv } from '../core/index.js'
import { type DatabaseHandle, openDatabase } from '../db/index.js'

export interface CliContext {
  config: Config
  logger: Logger
}

/** Reads .env and the environment; throws ConfigError on a bad value. */
export function cliContext(): CliContext {
  loadDotEnv()
  const config = loadConfig(process.env)
  return { config, logger: createLogger(config.logLevel) }
}

/** Opens the database, runs `work`, and always closes it again. */
export async function withDatabase<T>(
  context: CliContext,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(context.config.database)
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}
