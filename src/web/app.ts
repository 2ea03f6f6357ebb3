/**
 * @module
 * The web application: JSON API (described at /api/openapi.json) and server-rendered pages, with
 * the middleware every request passes through. Built from its services so tests can make one
 * with a real database and call it directly or over HTTP.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { MAX_ARCHITECTURE_FILE_BYTES } from '../akimat/index.js'
import { CatalogCache } from '../catalog/index.js'
import { APP_VERSION } from '../core/index.js'
import { MAX_DOCUMENT_BYTES } from '../portal/index.js'
import { searchIndexFor } from '../search/index.js'
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_BYTES,
  refreshStoredDefinitions,
} from '../services/index.js'
import { staticAssets } from './assets.js'
import { csrf, requireActor, requirePerson, session } from './auth.js'
import type { AppEnv, AppServices } from './context.js'
import { handleError, handleNotFound } from './errors.js'
import { language } from './language.js'
import {
  createAppMetrics,
  registerMetricsRoutes,
  requestIdentity,
  requestMetrics,
} from './metrics.js'
import { registerAkimatPages } from './pages/akimat/register.js'
import { registerAccountPages } from './pages/auth/account.js'
import { registerActivationPages } from './pages/auth/activate.js'
import { registerAdminPages } from './pages/auth/admin.js'
import { registerLoginPages } from './pages/auth/login.js'
import { registerSecurityPages } from './pages/auth/security.js'
import { registerAutomationAkimatPages } from './pages/automation/akimat.js'
import { registerCoveragePages } from './pages/automation/coverage.js'
import { registerRegistryPages } from './pages/automation/registry.js'
import { registerActPages } from './pages/catalog/acts.js'
import { registerBrowsePages } from './pages/catalog/browse.js'
import { registerSearchPages } from './pages/catalog/search.js'
import { registerSystemPages } from './pages/catalog/systems.js'
import { registerCitizenPages } from './pages/citizen/account.js'
import { registerHomePage } from './pages/home.js'
import { registerAccountRequestPages } from './pages/portal/account-requests.js'
import { registerOutboxPage } from './pages/portal/outbox.js'
import { registerPortalPages } from './pages/portal/register.js'
import { registerServicePages } from './pages/services/register.js'
import { registerAkimatApi } from './routes/akimat-api.js'
import { registerAutomationApi } from './routes/automation-api.js'
import { registerCatalogApi } from './routes/catalog-api.js'
import { registerHealthRoutes } from './routes/health.js'
import { registerIndicatorsApi } from './routes/indicators-api.js'
import { registerPortalApi } from './routes/portal-api.js'
import { registerServicesApi } from './routes/services-api.js'

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

/**
 * The routes that take large bodies, with their limits and who may send one: the server reads a
 * large body only from a signed-in user (staff or applicant), except the public verification of
 * a result document, which is bounded by the document size.
 */
const LARGE_BODIES: { path: RegExp; maxSize: number; who: 'actor' | 'person' | 'anyone' }[] = [
  {
    path: /^\/portal\/objects\/\d+\/documents$/,
    maxSize: MAX_DOCUMENT_BYTES + 64 * 1024,
    who: 'actor',
  },
  {
    path: /^\/services\/[a-z0-9-]+\/apply$/,
    maxSize: MAX_ATTACHMENTS_BYTES + 256 * 1024,
    who: 'person',
  },
  {
    path: /^\/desk\/register\/[a-z0-9-]+$/,
    maxSize: MAX_ATTACHMENTS_BYTES + 256 * 1024,
    who: 'actor',
  },
  // JSON with base64 attachments: 4/3 of the files.
  {
    path: /^\/api\/applications$/,
    maxSize: Math.ceil((MAX_ATTACHMENTS_BYTES * 4) / 3) + 256 * 1024,
    who: 'person',
  },
  {
    path: /^\/api\/desk\/applications$/,
    maxSize: Math.ceil((MAX_ATTACHMENTS_BYTES * 4) / 3) + 256 * 1024,
    who: 'actor',
  },
  { path: /^\/verify\/[A-Za-z0-9-]+$/, maxSize: MAX_ATTACHMENT_BYTES + 64 * 1024, who: 'anyone' },
  // An akimat's filled-in architecture workbook (multipart).
  {
    path: /^\/akimats\/\d+\/import$/,
    maxSize: MAX_ARCHITECTURE_FILE_BYTES + 64 * 1024,
    who: 'actor',
  },
]

export function createApp(
  given: Omit<AppServices, 'catalog'> & Partial<Pick<AppServices, 'catalog'>>,
): OpenAPIHono<AppEnv> {
  const services: AppServices = {
    ...given,
    catalog: given.catalog ?? catalogCacheFor(given.database),
  }
  const limit = services.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const detail = result.error.issues
          .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
          .join('; ')
        throw new HTTPException(400, { message: detail })
      }
    },
  })

  app.use('*', async (c, next) => {
    c.set('services', { ...services, bodyLimitBytes: limit })
    await next()
  })
  const metrics = createAppMetrics()
  app.use('*', requestIdentity(services.trustProxy ?? false))
  app.use('*', requestLog())
  app.use('*', requestMetrics(metrics))
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  )
  app.use('*', language())
  app.use('*', session())
  // Service definitions generated by akimats live in the database; another instance may have
  // stored one (checked at most once a second).
  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/static/')) await refreshStoredDefinitions(services.database.db)
    await next()
  })
  const tooLarge = () => {
    throw new HTTPException(413, { message: 'payload too large' })
  }
  const defaultLimit = bodyLimit({ maxSize: limit, onError: tooLarge })
  const largeLimits = LARGE_BODIES.map((route) => ({
    ...route,
    check: bodyLimit({ maxSize: route.maxSize, onError: tooLarge }),
  }))
  app.use('*', (c, next) => {
    const large =
      c.req.method === 'POST' ? largeLimits.find((route) => route.path.test(c.req.path)) : undefined
    if (!large) return defaultLimit(c, next)
    // Only a signed-in user may make the server read a large body.
    if (large.who === 'actor') requireActor(c)
    if (large.who === 'person') requirePerson(c)
    return large.check(c, next)
  })
  app.use('*', csrf())
  app.use('/static/*', staticAssets())

  registerHealthRoutes(app)
  registerMetricsRoutes(app, metrics)
  registerHomePage(app)
  registerBrowsePages(app)
  registerSystemPages(app)
  registerActPages(app)
  registerSearchPages(app)
  registerCatalogApi(app)
  registerPortalApi(app)
  registerServicesApi(app)
  registerAkimatApi(app)
  registerAutomationApi(app)
  registerIndicatorsApi(app)
  registerLoginPages(app)
  registerCitizenPages(app)
  registerActivationPages(app)
  registerAccountPages(app)
  registerAdminPages(app)
  registerSecurityPages(app)
  registerPortalPages(app)
  registerAkimatPages(app)
  registerCoveragePages(app)
  registerAutomationAkimatPages(app)
  registerRegistryPages(app)
  registerAccountRequestPages(app)
  registerOutboxPage(app)
  registerServicePages(app)

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'e-akimat API',
      version: APP_VERSION,
      description:
        'The typical architecture of the e-akimat as data: catalogue, architecture portal, e-services and indicators.',
    },
  })

  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}

/** The loaded catalogue for a server: the search index is built with each new catalogue. */
export function catalogCacheFor(database: AppServices['database']): CatalogCache {
  return new CatalogCache(database.db, { onLoad: (snapshot) => searchIndexFor(snapshot) })
}

/** One JSON log line per request: id, method, path, status and time taken. */
function requestLog() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    await next()
    // The request's child logger (requestIdentity) carries requestId.
    c.get('services').logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    )
  })
}
