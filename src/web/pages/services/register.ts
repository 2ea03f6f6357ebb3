/**
 * @module
 * The e-services' pages, registered together: administration first (its static paths come
 * before `/services/:code`), then the public catalogue and verification, the applicant's pages
 * and the staff's desk.
 */
import type { Hono } from 'hono'
import type { AppEnv } from '../../context.js'
import { registerAdminPages } from './admin.js'
import { registerApplicantPages } from './applicant.js'
import { registerCataloguePages } from './catalogue.js'
import { registerDeskPages } from './desk.js'
import { registerVerifyPages } from './verify.js'

/** Registers /services…, /applications…, /desk…, /verify…. */
export function registerServicePages(app: Hono<AppEnv>): void {
  registerAdminPages(app)
  registerApplicantPages(app)
  registerCataloguePages(app)
  registerVerifyPages(app)
  registerDeskPages(app)
}
