import type { Hono } from 'hono'
import type { AppEnv } from '../context.js'

/** Placeholder: replaced by the real routes. */
export function registerIndicatorsApi(_app: Hono<AppEnv>): void {}
