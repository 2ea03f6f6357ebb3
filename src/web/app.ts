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
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { CatalogCache } from '../catalog/index.js'
import { APP_VERSION } from '../core/index.js'
import { MAX_DOCUMENT_BYTES } from '../portal/index.js'
import { searchIndexFor } from '../search/index.js'
import { staticAssets } from './assets.js'
import { csrf, requireActor, session } from './auth.js'
import type { AppEnv, AppServices } from './context.js'
import { handleError, handleNotFound } from './errors.js'
import { language } from './language.js'
import { registerAccountPages } from './pages/auth/account.js'
import { registerActivationPages } from './pages/auth/activate.js'
import { registerAdminPages } from './pages/auth/admin.js'
import { registerLoginPages } from './pages/auth/login.js'
import { registerActPages } from './pages/catalog/acts.js'
import { registerBrowsePages } from './pages/catalog/browse.js'
import { registerSearchPages } from './pages/catalog/search.js'
import { registerSystemPages } from './pages/catalog/systems.js'
import { registerHomePage } from './pages/home.js'
import { registerAccountRequestPages } from './pages/portal/account-requests.js'
import { registerOutboxPage } from './pages/portal/outbox.js'
import { registerPortalPages } from './pages/portal/register.js'
import { registerCatalogApi } from './routes/catalog-api.js'
import { registerHealthRoutes } from './routes/health.js'
import { registerPortalApi } from './routes/portal-api.js'

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

/** The one route that takes large bodies: a document upload. */
const UPLOAD_PATH = /^\/portal\/objects\/\d+\/documents$/

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
  app.use('*', requestId())
  app.use('*', requestLog())
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
  const tooLarge = () => {
    throw new HTTPException(413, { message: 'payload too large' })
  }
  const defaultLimit = bodyLimit({ maxSize: limit, onError: tooLarge })
  // Document uploads may be larger than other requests: the file limit plus the form's fields.
  const uploadLimit = bodyLimit({ maxSize: MAX_DOCUMENT_BYTES + 64 * 1024, onError: tooLarge })
  app.use('*', (c, next) => {
    if (c.req.method !== 'POST' || !UPLOAD_PATH.test(c.req.path)) return defaultLimit(c, next)
    // Only a signed-in user may make the server read a large body.
    requireActor(c)
    return uploadLimit(c, next)
  })
  app.use('*', csrf())
  app.use('/static/*', staticAssets())

  registerHealthRoutes(app)
  registerHomePage(app)
  registerBrowsePages(app)
  registerSystemPages(app)
  registerActPages(app)
  registerSearchPages(app)
  registerCatalogApi(app)
  registerPortalApi(app)
  registerLoginPages(app)
  registerActivationPages(app)
  registerAccountPages(app)
  registerAdminPages(app)
  registerPortalPages(app)
  registerAccountRequestPages(app)
  registerOutboxPage(app)

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
    c.get('services').logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    )
  })
}
