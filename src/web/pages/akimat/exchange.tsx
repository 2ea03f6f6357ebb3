import type { Hono } from 'hono'
import type { AppEnv } from '../../context.js'

/** Placeholder: replaced by the real pages. */
export function registerExchangePages(_app: Hono<AppEnv>): void {}
