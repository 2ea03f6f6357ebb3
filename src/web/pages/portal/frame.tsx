/**
 * @module
 * What the portal's pages share: the frame with the portal's own navigation, labels for
 * organisations and states, deadline badges, error messages from domain errors.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { type Actor, hasRole, listOrganisations, type Organisation } from '../../../auth/index.js'
import { coverage as calendarCoverage, kazakhstanDate } from '../../../calendar/index.js'
import { AppError, InputError, isRecordId } from '../../../core/index.js'
import { isMessageKey, type Language, type Translator } from '../../../i18n/index.js'
import { isOverseer, type ReviewState } from '../../../portal/index.js'
import type { AppEnv } from '../../context.js'
import { layoutAuth } from '../../forms.js'
import { Layout } from '../../layout.js'

export type PortalTab = 'home' | 'objects' | 'new' | 'review' | 'requests' | 'outbox' | 'users'

export function PortalPage({
  c,
  title,
  tab,
  children,
}: {
  c: Context<AppEnv>
  title: string
  tab?: PortalTab
  children?: Child
}) {
  const t = c.get('t')
  const actor = c.get('actor')
  const tabs: { id: PortalTab; href: string; label: string }[] = []
  if (actor) {
    tabs.push({ id: 'home', href: '/portal', label: t('portal.nav.home') })
    tabs.push({ id: 'objects', href: '/portal/objects', label: t('portal.nav.objects') })
    if (hasRole(actor, 'editor') || hasRole(actor, 'admin')) {
      tabs.push({ id: 'new', href: '/portal/objects/new', label: t('portal.nav.new') })
    }
    if (actor.organisation.kind === 'service-integrator' && hasRole(actor, 'reviewer')) {
      tabs.push({ id: 'review', href: '/portal/review', label: t('portal.nav.review') })
    }
    if (canManageAccounts(actor)) {
      tabs.push({
        id: 'requests',
        href: '/portal/account-requests',
        label: t('portal.nav.requests'),
      })
      tabs.push({ id: 'outbox', href: '/portal/outbox', label: t('portal.nav.outbox') })
    }
    if (hasRole(actor, 'admin')) {
      tabs.push({ id: 'users', href: '/admin/users', label: t('admin.nav.users') })
    }
  }
  return (
    <Layout t={t} language={c.get('language')} url={c.req.url} title={title} {...layoutAuth(c)}>
      {tabs.length ? (
        <nav class="portal-nav" aria-label={t('portal.nav.label')}>
          <ul>
            {tabs.map((x) => (
              <li>
                <a href={x.href} aria-current={x.id === tab ? 'page' : undefined}>
                  {x.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {children}
    </Layout>
  )
}

export function canManageAccounts(actor: Actor): boolean {
  return (
    (actor.organisation.kind === 'service-integrator' && hasRole(actor, 'reviewer')) ||
    (isOverseer(actor) && hasRole(actor, 'admin'))
  )
}

/** The organisation's name in the interface language (Russian for English). */
export function organisationName(org: Organisation | undefined, language: Language): string {
  if (!org) return '—'
  return language === 'kk' ? org.nameKk : org.nameRu
}

/** The object's name in the interface language, with the other as a fallback. */
export function objectName(o: { nameKk: string; nameRu: string }, language: Language): string {
  return language === 'kk' ? o.nameKk || o.nameRu : o.nameRu || o.nameKk
}

export async function organisationsById(c: Context<AppEnv>): Promise<Map<number, Organisation>> {
  const all = await listOrganisations(c.get('services').database.db)
  return new Map(all.map((o) => [o.id, o]))
}

export function StateBadge({ t, state }: { t: Translator; state: ReviewState }) {
  return <span class={`badge state-${state}`}>{t(`portal.state.${state}`)}</span>
}

/** A deadline: the date, and "overdue" in red after its last day. */
export function Deadline({
  t,
  due,
  today,
  label,
}: {
  t: Translator
  due: string | null
  today: string
  label?: string
}) {
  if (!due) return null
  const overdue = due < today
  const year = Number(due.slice(0, 4))
  return (
    <span class={overdue ? 'deadline overdue' : 'deadline'}>
      {label ? `${label}: ` : ''}
      <time datetime={due}>{due}</time>
      {overdue ? ` — ${t('portal.overdue')}` : ''}
      {calendarCoverage().includes(year) ? null : (
        <span class="muted"> ({t('portal.calendar.uncovered', { year })})</span>
      )}
    </span>
  )
}

export const todayKz = () => kazakhstanDate(new Date())

/** The translated message of a domain error (or undefined for other errors, which propagate). */
export function errorMessage(t: Translator, error: unknown): string | undefined {
  if (!(error instanceof AppError)) return undefined
  return isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : error.message
}

/** Status of a domain error, for re-rendering a form with it. */
export function errorStatus(error: unknown): 400 | 403 | 404 | 409 | 413 | 422 {
  const status = error instanceof AppError ? error.status : 400
  return status === 503 ? 400 : status
}

export function ErrorBox({ message }: { message?: string }) {
  if (!message) return null
  return (
    <p class="error-message" role="alert">
      {message}
    </p>
  )
}

/** A string field of a parsed form body. */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

/**
 * The revision a form was made from (hidden field `revision`). Required: a form without it could
 * overwrite a change made meanwhile.
 */
export function revisionField(body: Record<string, unknown>): number {
  const n = Number(field(body, 'revision'))
  if (!isRecordId(n)) {
    throw new InputError('The form does not say its revision', 'portal.error.noRevision')
  }
  return n
}

export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const n = Number(c.req.param(name))
  return isRecordId(n) ? n : 0
}

const KZ_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An ISO instant as the date and time in Kazakhstan (Asia/Almaty), `YYYY-MM-DD HH:MM`. */
export function kzDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = Object.fromEntries(KZ_TIME.formatToParts(date).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}
