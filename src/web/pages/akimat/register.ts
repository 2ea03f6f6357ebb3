/**
 * @module
 * The akimat pages, registered together: the list and architecture with its gaps, the
 * indicators and the region's comparison, import and export. Static paths (`/akimats/region/…`)
 * come before `/akimats/:id`.
 */
import type { Hono } from 'hono'
import type { AppEnv } from '../../context.js'
import { registerArchitecturePages } from './architecture.js'
import { registerExchangePages } from './exchange.js'
import { registerIndicatorPages } from './indicators.js'

/** Registers /akimats…. */
export function registerAkimatPages(app: Hono<AppEnv>): void {
  registerIndicatorPages(app)
  registerExchangePages(app)
  registerArchitecturePages(app)
}
