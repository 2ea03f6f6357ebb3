/**
 * @module
 * The security audit log for administrators of the authorised body and the service integrator
 * (overseer admins): `/admin/security` (events newest first, filters by kind, address and dates in
 * Astana time, 50 a page) and the same as JSON, `GET /api/admin/security-events` (OpenAPI).
 * Anyone else signed in gets 403 (itself recorded as `access.denied`).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  type Actor,
  isOverseerAdmin,
  isSecurityEventKind,
  listSecurityEvents,
  SECURITY_EVENT_KINDS,
  SECURITY_EVENT_RETENTION_DAYS,
  type SecurityEvent,
  type SecurityEventFilters,
} from '../../../auth/index.js'
import { ForbiddenError, InputError } from '../../../core/index.js'
import type { MessageKey } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { json } from '../../routes/openapi.js'
import { kzDateTime, PortalPage } from '../portal/frame.js'

export const SECURITY_PATH = '/admin/security'
const PAGE_SIZE = 50
/** Kazakhstan's single time zone since 1 March 2024. */
const ASTANA_OFFSET = '+05:00'

/** The signed-in overseer admin; 403 for anyone else. */
function requireAuditor(c: Context<AppEnv>): Actor {
  const actor = requireActor(c)
  if (!isOverseerAdmin(actor)) {
    throw new ForbiddenError(
      'Only administrators of the authorised body or the service integrator see the security log',
      'security.audit.forbidden',
    )
  }
  return actor
}

/**
 * A date (YYYY-MM-DD, the day's start in Astana; `endOfDay` gives the next day's start) or an
 * ISO instant; undefined for anything else.
 */
function instant(value: string | undefined, endOfDay = false): Date | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = new Date(`${text}T00:00:00${ASTANA_OFFSET}`)
    if (Number.isNaN(start.getTime())) return undefined
    return endOfDay ? new Date(start.getTime() + 24 * 60 * 60 * 1000) : start
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined
  const at = new Date(text)
  return Number.isNaN(at.getTime()) ? undefined : at
}

function kindLabel(c: Context<AppEnv>, kind: string): string {
  return isSecurityEventKind(kind) ? c.get('t')(`security.audit.kind.${kind}` as MessageKey) : kind
}

function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
}

function AccountCell({ c, event }: { c: Context<AppEnv>; event: SecurityEvent }) {
  const t = c.get('t')
  if (event.userId !== null) {
    return (
      <a href={`/admin/users/${event.userId}`}>{t('security.audit.user', { id: event.userId })}</a>
    )
  }
  if (event.personId !== null) return <>{t('security.audit.person', { id: event.personId })}</>
  const identifier = event.details.identifier
  return <>{typeof identifier === 'string' ? identifier : ''}</>
}

function SecurityPage({
  c,
  events,
  total,
  offset,
  query,
}: {
  c: Context<AppEnv>
  events: SecurityEvent[]
  total: number
  offset: number
  query: { kind: string; ip: string; from: string; to: string }
}) {
  const t = c.get('t')
  const link = (at: number) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
    if (at > 0) params.set('offset', String(at))
    const search = params.toString()
    return search ? `${SECURITY_PATH}?${search}` : SECURITY_PATH
  }
  return (
    <PortalPage c={c} title={t('security.audit.title')} tab="users">
      <h1>{t('security.audit.title')}</h1>
      <p class="lead">{t('security.audit.intro', { days: SECURITY_EVENT_RETENTION_DAYS })}</p>
      <form method="get" action={SECURITY_PATH} class="filters">
        <p>
          <label for="security-kind">{t('security.audit.filter.kind')}</label>{' '}
          <select id="security-kind" name="kind">
            <option value="">{t('security.audit.filter.allKinds')}</option>
            {SECURITY_EVENT_KINDS.map((kind) => (
              <option value={kind} selected={kind === query.kind}>
                {kindLabel(c, kind)}
              </option>
            ))}
          </select>{' '}
          <label for="security-ip">{t('security.audit.filter.ip')}</label>{' '}
          <input id="security-ip" name="ip" value={query.ip} maxlength={100} size={16} />{' '}
          <label for="security-from">{t('security.audit.filter.from')}</label>{' '}
          <input id="security-from" type="date" name="from" value={query.from} />{' '}
          <label for="security-to">{t('security.audit.filter.to')}</label>{' '}
          <input id="security-to" type="date" name="to" value={query.to} />{' '}
          <button type="submit">{t('security.audit.filter.apply')}</button>
        </p>
      </form>
      {events.length === 0 ? (
        <p>{t('security.audit.empty')}</p>
      ) : (
        <>
          <p>
            {t('security.audit.shown', {
              from: offset + 1,
              to: offset + events.length,
              total,
            })}
          </p>
          <section class="table-scroll" tabindex={0} aria-label={t('security.audit.title')}>
            <table class="security-events">
              <thead>
                <tr>
                  <th scope="col">{t('security.audit.col.at')}</th>
                  <th scope="col">{t('security.audit.col.kind')}</th>
                  <th scope="col">{t('security.audit.col.ip')}</th>
                  <th scope="col">{t('security.audit.col.account')}</th>
                  <th scope="col">{t('security.audit.col.request')}</th>
                  <th scope="col">{t('security.audit.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr data-kind={event.kind}>
                    <td>
                      <time datetime={event.at}>{kzDateTime(event.at)}</time>
                    </td>
                    <td>{kindLabel(c, event.kind)}</td>
                    <td>{event.ip ?? ''}</td>
                    <td>
                      <AccountCell c={c} event={event} />
                    </td>
                    <td>{event.method ? `${event.method} ${event.path ?? ''}` : ''}</td>
                    <td>{detailText(event.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <p>
            {offset > 0 ? (
              <a href={link(Math.max(0, offset - PAGE_SIZE))} rel="prev">
                {t('security.audit.newer')}
              </a>
            ) : null}{' '}
            {offset + events.length < total ? (
              <a href={link(offset + PAGE_SIZE)} rel="next">
                {t('security.audit.older')}
              </a>
            ) : null}
          </p>
        </>
      )}
    </PortalPage>
  )
}

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('SecurityError')

const SecurityEventSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: 'login.failed' }),
    at: z.string().openapi({ example: '2026-11-26T10:15:00.000Z' }),
    ip: z.string().nullable(),
    userId: z.number().int().nullable(),
    personId: z.number().int().nullable(),
    organisationId: z.number().int().nullable(),
    method: z.string().nullable(),
    path: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('SecurityEvent')

const listRoute = createRoute({
  method: 'get',
  path: '/api/admin/security-events',
  tags: ['administration'],
  summary:
    'The security audit log, newest first (administrators of the authorised body or the service integrator)',
  request: {
    query: z.object({
      kind: z.enum(SECURITY_EVENT_KINDS).optional(),
      ip: z.string().max(100).optional(),
      from: z
        .string()
        .optional()
        .openapi({ description: 'YYYY-MM-DD (Astana) or an ISO instant; inclusive' }),
      to: z.string().optional().openapi({
        description: 'YYYY-MM-DD (Astana, the whole day) or an ISO instant; exclusive',
      }),
      limit: z.coerce.number().int().min(1).max(500).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        events: z.array(SecurityEventSchema),
        total: z.number().int(),
        limit: z.number().int(),
        offset: z.number().int(),
      }),
      'The events',
    ),
    400: json(ErrorSchema, 'A parameter is not valid (message in the interface language)'),
    401: json(ErrorSchema, 'Sign in first (session cookie)'),
    403: json(ErrorSchema, 'Only overseer administrators see the security log'),
  },
})

/** Registers /admin/security and GET /api/admin/security-events. */
export function registerSecurityPages(app: OpenAPIHono<AppEnv>): void {
  app.get(SECURITY_PATH, async (c) => {
    requireAuditor(c)
    const raw = {
      kind: c.req.query('kind') ?? '',
      ip: (c.req.query('ip') ?? '').trim().slice(0, 100),
      from: c.req.query('from') ?? '',
      to: c.req.query('to') ?? '',
    }
    const filters: SecurityEventFilters = {
      kind: isSecurityEventKind(raw.kind) ? raw.kind : undefined,
      ip: raw.ip || undefined,
      from: instant(raw.from),
      to: instant(raw.to, true),
    }
    const offset = Math.max(0, Math.trunc(Number(c.req.query('offset')) || 0))
    const page = await listSecurityEvents(c.get('services').database.db, filters, {
      limit: PAGE_SIZE,
      offset,
    })
    c.header('Cache-Control', 'private, no-store')
    return c.html(
      <SecurityPage
        c={c}
        events={page.events}
        total={page.total}
        offset={page.offset}
        query={{
          kind: filters.kind ?? '',
          ip: raw.ip,
          from: filters.from ? raw.from : '',
          to: filters.to ? raw.to : '',
        }}
      />,
    )
  })

  app.openapi(listRoute, async (c) => {
    requireAuditor(c)
    const query = c.req.valid('query')
    const from = instant(query.from)
    const to = instant(query.to, true)
    for (const [name, value, parsed] of [
      ['from', query.from, from],
      ['to', query.to, to],
    ] as const) {
      if (value?.trim() && !parsed) {
        throw new InputError(`${name} is not a date`, 'error.input', {
          detail: `${name}: ${value.slice(0, 40)}`,
        })
      }
    }
    const page = await listSecurityEvents(
      c.get('services').database.db,
      { kind: query.kind, ip: query.ip?.trim() || undefined, from, to },
      { limit: query.limit ?? PAGE_SIZE, offset: query.offset ?? 0 },
    )
    c.header('Cache-Control', 'private, no-store')
    return c.json(page, 200)
  })
}
