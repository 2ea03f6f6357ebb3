/**
 * @module
 * One place that turns errors into answers: JSON for the API (`/api/…`, `/healthz`), an HTML page
 * for everything else, always in the request's language. Unknown errors are logged and become a
 * plain 500 that reveals nothing.
 *
 * Every 403 is recorded in the security audit log before the answer goes out: `csrf.rejected` for
 * a failed CSRF check, `access.denied` for anything else, with the address, method, path and who
 * was signed in. A failure to record is logged and never changes the answer. 401 and 404 are not
 * recorded (see src/auth/security-events.ts).
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { recordSecurityEvent } from '../auth/index.js'
import { AppError } from '../core/index.js'
import { DEFAULT_LANGUAGE, isMessageKey, type MessageKey, translator } from '../i18n/index.js'
import { clientAddress } from './auth.js'
import type { AppEnv } from './context.js'
import { Layout } from './layout.js'

/** A translated problem: what the error handler needs to answer. */
interface Problem {
  status: ContentfulStatusCode
  code: string
  message: string
}

function wantsJson(c: Context<AppEnv>): boolean {
  const path = c.req.path
  return path.startsWith('/api/') || path === '/healthz' || path === '/api'
}

function t(c: Context<AppEnv>) {
  return c.get('t') ?? translator(DEFAULT_LANGUAGE)
}

/** Renders `problem` as JSON or as an HTML page, as the request calls for. */
export function respondWithProblem(
  c: Context<AppEnv>,
  problem: Problem,
): Response | Promise<Response> {
  if (wantsJson(c)) {
    const requestId = problem.status >= 500 ? c.get('requestId') : undefined
    return c.json(
      {
        error: {
          code: problem.code,
          message: problem.message,
          ...(requestId ? { requestId } : {}),
        },
      },
      problem.status,
    )
  }
  const tr = t(c)
  return c.html(
    <Layout
      t={tr}
      language={c.get('language') ?? DEFAULT_LANGUAGE}
      url={c.req.url}
      title={tr('error.title')}
      actor={c.get('actor') ?? null}
      csrfToken={c.get('csrfToken')}
    >
      <h1>
        {tr('error.title')} {problem.status}
      </h1>
      <p class="error-message">{problem.message}</p>
      {problem.status >= 500 && c.get('requestId') ? (
        <p class="error-request-id">
          {tr('security.requestId')}: <code>{c.get('requestId')}</code>
        </p>
      ) : null}
      <p>
        <a href="/">{tr('error.back')}</a>
      </p>
    </Layout>,
    problem.status,
  )
}

const HTTP_MESSAGES: Partial<Record<number, { code: string; key: MessageKey }>> = {
  404: { code: 'not_found', key: 'error.notFound' },
  413: { code: 'payload_too_large', key: 'error.payloadTooLarge' },
}

/** The translation key of the CSRF failure (src/web/auth.ts). */
const CSRF_FAILED = 'auth.csrf.failed'

/** Records a 403 in the security audit log; logs (never throws) when that fails. */
async function recordDenied(c: Context<AppEnv>, error: AppError | HTTPException): Promise<void> {
  const services = c.get('services')
  if (!services) return
  const csrf = error instanceof AppError && error.messageKey === CSRF_FAILED
  const actor = c.get('actor')
  const person = c.get('person')
  try {
    await recordSecurityEvent(services.database.db, {
      kind: csrf ? 'csrf.rejected' : 'access.denied',
      ip: clientAddress(c),
      userId: actor?.userId ?? null,
      organisationId: actor?.organisation.id ?? null,
      personId: person?.personId ?? null,
      method: c.req.method,
      path: c.req.path,
      details: {
        ...(error instanceof AppError ? { code: error.code, reason: error.messageKey } : {}),
        ...(error instanceof AppError && !csrf ? { message: error.message.slice(0, 300) } : {}),
      },
    })
  } catch (failure) {
    services.logger.error({ err: failure, path: c.req.path }, 'could not record a security event')
  }
}

export const handleError: ErrorHandler<AppEnv> = async (error, c) => {
  const tr = t(c)
  if ((error instanceof AppError || error instanceof HTTPException) && error.status === 403) {
    await recordDenied(c, error)
  }
  if (error instanceof AppError) {
    const message = isMessageKey(error.messageKey)
      ? tr(error.messageKey, error.params)
      : error.message
    return respondWithProblem(c, { status: error.status, code: error.code, message })
  }
  if (error instanceof HTTPException && error.status < 500) {
    // The rest of an oversized body is never read: the connection cannot carry another request.
    if (error.status === 413) c.header('Connection', 'close')
    const known = HTTP_MESSAGES[error.status]
    const message = known
      ? tr(known.key, { limit: c.get('services')?.bodyLimitBytes ?? '' })
      : /malformed json/i.test(error.message)
        ? tr('error.malformedJson')
        : tr('error.input', { detail: error.message })
    return respondWithProblem(c, {
      status: error.status as ContentfulStatusCode,
      code: known?.code ?? 'bad_request',
      message,
    })
  }
  // A value PostgreSQL cannot take (a number beyond a column's range, text where a number
  // belongs) is the request's fault, whatever check let it through: 400, not 500.
  const pgCode = (error as { code?: unknown }).code
  if (pgCode === '22003' || pgCode === '22P02') {
    return respondWithProblem(c, {
      status: 400,
      code: 'bad_request',
      message: tr('error.input', { detail: tr('error.valueOutOfRange') }),
    })
  }
  c.get('services')?.logger.error({ err: error, path: c.req.path }, 'request failed')
  return respondWithProblem(c, { status: 500, code: 'internal', message: tr('error.internal') })
}

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  respondWithProblem(c, { status: 404, code: 'not_found', message: t(c)('error.notFound') })
