/**
 * @module
 * What every request handler can reach: the services the app was built with and the
 * per-request language.
 */
import type { CatalogCache } from '../catalog/index.js'
import type { Logger } from '../core/index.js'
import type { DatabaseHandle } from '../db/index.js'
import type { Language, Translator } from '../i18n/index.js'

/** The parts the web layer is built from. */
export interface AppServices {
  database: DatabaseHandle
  logger: Logger
  /** The loaded catalogue, reloaded when the acts change (made from the database if not given). */
  catalog: CatalogCache
  /** Answer repeated searches from the index's response cache (default true; off to measure). */
  searchCache?: boolean
  /** Largest request body accepted, in bytes (uploads set their own limits). */
  bodyLimitBytes?: number
}

export interface AppEnv {
  Variables: {
    services: AppServices
    language: Language
    t: Translator
    requestId: string
  }
}
