/**
 * @module
 * What every request handler can reach: the services the app was built with and the
 * per-request language.
 */
import type { Actor, Person, PersonSession, Session } from '../auth/index.js'
import type { CatalogCache } from '../catalog/index.js'
import type { CookieSecure, Logger } from '../core/index.js'
import type { DatabaseHandle } from '../db/index.js'
import type { FileStore } from '../files/index.js'
import type { Language, Translator } from '../i18n/index.js'
import type { ServicesContext } from '../services/index.js'

/** The parts the web layer is built from. */
export interface AppServices {
  database: DatabaseHandle
  logger: Logger
  /** The loaded catalogue, reloaded when the acts change (made from the database if not given). */
  catalog: CatalogCache
  /** Answer repeated searches from the index's response cache (default true; off to measure). */
  searchCache?: boolean
  /** The site's public address (PUBLIC_URL), for links shown to be passed on. */
  publicUrl?: string | null
  /** Where uploaded documents are kept (content-addressed); portal uploads need it. */
  files?: FileStore
  /** The e-services' outside systems, file store and public address; e-service pages need it. */
  services?: ServicesContext
  /** Largest request body accepted, in bytes (uploads set their own limits). */
  bodyLimitBytes?: number
  /** `Secure` on the session and CSRF cookies (default `auto`: when the request is https). */
  cookieSecure?: CookieSecure
  /** Take the client address from X-Forwarded-For (TRUST_PROXY; default false). */
  trustProxy?: boolean
  /** The bearer token /metrics asks for (METRICS_TOKEN); unset = loopback clients only. */
  metricsToken?: string | null
}

export interface AppEnv {
  Variables: {
    services: AppServices
    language: Language
    t: Translator
    requestId: string
    /** The signed-in user acting for their organisation, or undefined (src/web/auth.ts). */
    actor: Actor | undefined
    /** The live session (undefined when signed out). */
    session: Session | undefined
    /** The signed-in applicant (citizen or company representative), or undefined. */
    person: Person | undefined
    /** The applicant's live session (undefined when no applicant is signed in). */
    personSession: PersonSession | undefined
    /**
     * The CSRF token forms must send as `_csrf` (`<CsrfField token={c.get('csrfToken')} />`): the
     * staff session's, else the applicant session's, else the double-submit cookie's.
     */
    csrfToken: string
  }
}
