/**
 * @module
 * Operations: GET /metrics in Prometheus text format (one registry per app), the request id
 * (taken from X-Request-Id only behind a trusted proxy) and a per-request child logger.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { portalOperationsFigures } from '../portal/index.js'
import { servicesOperationsFigures } from '../services/index.js'
import { jobRunFigures } from '../system/index.js'
import type { AppEnv } from './context.js'

/** Latency buckets in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The metrics of one app. */
export interface AppMetrics {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  duration: Histogram<'method' | 'route'>
  defaultsOn: boolean
}

export function createAppMetrics(): AppMetrics {
  const registry = new Registry()
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, matched route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and matched route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  return { registry, requests, duration, defaultsOn: false }
}

/** The route pattern a request matched ("unmatched" when only middleware ran). */
export function routeLabel(c: Context<AppEnv>): string {
  const path = c.req.routePath
  return !path || path === '*' || path === '/*' ? 'unmatched' : path
}

/** Counts every request and times it. */
export function requestMetrics(metrics: AppMetrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      const route = routeLabel(c)
      const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER'
      metrics.requests.inc({ method, route, status: String(c.res.status) })
      metrics.duration.observe({ method, route }, (performance.now() - started) / 1000)
    }
  })
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * May this client read /metrics? With a token: only `Authorization: Bearer <token>` (compared in
 * constant time). Without: only a loopback socket address (never X-Forwarded-For).
 */
export function metricsAllowed(input: {
  token: string | null | undefined
  authorization: string | undefined
  address: string | undefined
}): boolean {
  if (input.token) {
    const given = /^Bearer (.+)$/.exec(input.authorization ?? '')?.[1] ?? ''
    const digest = (text: string) => createHash('sha256').update(text).digest()
    return timingSafeEqual(digest(given), digest(input.token)) && given.length > 0
  }
  return input.address !== undefined && LOOPBACK.has(input.address)
}

function socketAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/** Adds GET /metrics. */
export function registerMetricsRoutes(app: OpenAPIHono<AppEnv>, metrics: AppMetrics): void {
  let gaugesFor: AppEnv['Variables']['services']['database'] | undefined
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [metrics.registry] })
  const reviewsOverdue = gauge(
    'eakimat_portal_reviews_overdue',
    'Objects submitted for review past their review term.',
  )
  const updatesOverdue = gauge(
    'eakimat_portal_updates_overdue',
    'Changed or returned objects past their update term.',
  )
  const requestsOverdue = gauge(
    'eakimat_portal_account_requests_overdue',
    'Pending account requests past their due day.',
  )
  const outboxWaiting = gauge(
    'eakimat_outbox_waiting',
    'Notifications waiting to be sent (will be retried).',
  )
  const outboxFailed = gauge(
    'eakimat_outbox_failed',
    'Notifications given up after the last attempt.',
  )
  const applicationsInProgress = gauge(
    'eakimat_services_applications_in_progress',
    'E-service applications in progress.',
  )
  const applicationsOverdue = gauge(
    'eakimat_services_applications_overdue',
    'E-service applications in progress past their term.',
  )
  const stepsOverdue = gauge(
    'eakimat_services_steps_overdue',
    "E-service applications whose current step is past the regulation's limit, by service.",
    ['service'],
  )
  const jobsFailed = gauge(
    'eakimat_job_runs_failed',
    'Scheduled job runs that ended in error, by job.',
    ['job'],
  )
  const jobsRunning = gauge(
    'eakimat_job_runs_unfinished',
    'Scheduled job runs started and not finished, by job.',
    ['job'],
  )
  const scrapeSeconds = gauge(
    'eakimat_metrics_query_seconds',
    'Time the database counts of the last scrape took.',
  )

  app.get('/metrics', async (c) => {
    const services = c.get('services')
    if (
      !metricsAllowed({
        token: services.metricsToken,
        authorization: c.req.header('authorization'),
        address: socketAddress(c),
      })
    ) {
      return c.text('forbidden\n', services.metricsToken ? 401 : 403)
    }
    if (!metrics.defaultsOn) {
      collectDefaultMetrics({ register: metrics.registry })
      metrics.defaultsOn = true
    }
    gaugesFor = services.database
    const started = performance.now()
    const [portal, applications, jobs] = await Promise.all([
      portalOperationsFigures(gaugesFor.db),
      servicesOperationsFigures(gaugesFor.db),
      jobRunFigures(gaugesFor.db),
    ])
    scrapeSeconds.set((performance.now() - started) / 1000)
    reviewsOverdue.set(portal.reviewsOverdue)
    updatesOverdue.set(portal.updatesOverdue)
    requestsOverdue.set(portal.accountRequestsOverdue)
    outboxWaiting.set(portal.outboxWaiting)
    outboxFailed.set(portal.outboxFailed)
    applicationsInProgress.set(applications.inProgress)
    applicationsOverdue.set(applications.overdue)
    stepsOverdue.reset()
    for (const [service, n] of Object.entries(applications.stepsOverdueByService)) {
      stepsOverdue.set({ service }, n)
    }
    jobsFailed.reset()
    for (const [job, n] of Object.entries(jobs.failedByJob)) jobsFailed.set({ job }, n)
    jobsRunning.reset()
    for (const [job, n] of Object.entries(jobs.runningByJob)) jobsRunning.set({ job }, n)
    const body = await metrics.registry.metrics()
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType })
  })
}

/**
 * Sets the request id: the proxy's X-Request-Id when `trustProxy` (letters, digits, - _ =; at
 * most 128), else a new UUID; echoed in X-Request-Id. Also gives the request a child logger
 * carrying the id, so every line logged through `c.get('services').logger` has it.
 */
export function requestIdentity(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const given = trustProxy ? c.req.header('x-request-id') : undefined
    const id = given && given.length <= 128 && /^[\w\-=]+$/.test(given) ? given : randomUUID()
    c.set('requestId', id)
    c.header('X-Request-Id', id)
    const services = c.get('services')
    c.set('services', { ...services, logger: services.logger.child({ requestId: id }) })
    await next()
  })
}
