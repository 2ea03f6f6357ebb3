/**
 * @module
 * The architecture portal's pages, registered together.
 */
import type { Hono } from 'hono'
import type { AppEnv } from '../../context.js'
import { registerPortalHome } from './home.js'
import { registerObjectPages } from './objects.js'

export function registerPortalPages(app: Hono<AppEnv>): void {
  registerPortalHome(app)
  registerObjectPages(app)
}
