/**
 * @module
 * GET /healthz: is the server up and does its database answer? For load balancers and monitors.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../context.js'

const DATABASE_CHECK_TIMEOUT_MS = 3000

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'error']).openapi({ example: 'ok' }),
    database: z.object({
      backend: z.enum(['sqlite', 'postgres']),
      ok: z.boolean(),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
  })
  .openapi('Health')

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness and database check',
  responses: {
    200: {
      description: 'The server and its database answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
    503: {
      description: 'The database does not answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
})

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthRoute, async (c) => {
    const { database, logger } = c.get('services')
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        sql`select 1`.execute(database.db),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('database check timed out')),
            DATABASE_CHECK_TIMEOUT_MS,
          )
        }),
      ])
      const latencyMs = Math.round((performance.now() - started) * 10) / 10
      return c.json(
        { status: 'ok' as const, database: { backend: database.backend, ok: true, latencyMs } },
        200,
      )
    } catch (error) {
      logger.warn({ err: error }, 'health check: database does not answer')
      return c.json(
        {
          status: 'error' as const,
          database: { backend: database.backend, ok: false, error: (error as Error).message },
        },
        503,
      )
    } finally {
      clearTimeout(timer)
    }
  })
}
