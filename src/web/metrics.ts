/**
 * @module
 * /metrics in Prometheus text format (to be written).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './context.js'

/** Counts every request (to be written). */
export function requestMetrics() {
  return createMiddleware<AppEnv>(async (_c, next) => {
    await next()
  })
}

/** Adds GET /metrics (to be written). */
export function registerMetricsRoutes(_app: OpenAPIHono<AppEnv>): void {}
