/**
 * @module
 * What the e-services pages share: the frame with the services' own navigation, the services
 * context (503 when the app was built without it), names and labels in the page language,
 * durations and time limits, and the application's status words.
 *
 * Rule: a status is never shown by colour alone — "overdue" and "over limit" are written out.
 */
import type { Context } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Organisation } from '../../../auth/index.js'
import { AppError } from '../../../core/index.js'
import type { Language, MessageKey, Translator } from '../../../i18n/index.js'
import {
  type ApplicationStatus,
  type Channel,
  canManageProviders,
  renderServiceDiagram,
  requireServiceCode,
  type ServiceDefinition,
  type ServicesContext,
  type Step,
  type StepLimit,
  serviceDefinition,
  type WaitingFor,
} from '../../../services/index.js'
import type { AppEnv } from '../../context.js'
import { layoutAuth } from '../../forms.js'
import { Layout } from '../../layout.js'

/** The app was built without the e-services' adapters: 503 with a translated message. */
export class ServicesUnavailableError extends AppError {
  readonly code = 'unavailable'
  readonly status = 503 as const
  constructor() {
    super('The e-services are not configured on this server', 'services.error.notConfigured')
  }
}

/** The adapters, file store and public address of the e-services, or a 503. */
export function servicesContext(c: Context<AppEnv>): ServicesContext {
  const ctx = c.get('services').services
  if (!ctx) throw new ServicesUnavailableError()
  return ctx
}

/** The database of the request's app. */
export const dbOf = (c: Context<AppEnv>) => c.get('services').database.db

/** The tab of the services' navigation a page belongs to. */
export type ServicesTab =
  | 'services'
  | 'verify'
  | 'applications'
  | 'desk'
  | 'desk-ended'
  | 'desk-register'
  | 'admin'

/** The page frame with the e-services' navigation (links depend on who is signed in). */
export function ServicesPage({
  c,
  title,
  tab,
  children,
}: {
  c: Context<AppEnv>
  title: string
  tab?: ServicesTab
  children?: Child
}) {
  const t = c.get('t')
  const actor = c.get('actor')
  const person = c.get('person')
  const tabs: { id: ServicesTab; href: string; label: string }[] = [
    { id: 'services', href: '/services', label: t('services.nav.services') },
    { id: 'verify', href: '/verify', label: t('services.nav.verify') },
  ]
  if (person) {
    tabs.push({ id: 'applications', href: '/applications', label: t('services.nav.applications') })
  }
  if (actor) {
    tabs.push({ id: 'desk', href: '/desk', label: t('services.nav.desk') })
    if (canManageProviders(actor)) {
      tabs.push({ id: 'admin', href: '/services/admin', label: t('services.nav.admin') })
    }
  }
  return (
    <Layout t={t} language={c.get('language')} url={c.req.url} title={title} {...layoutAuth(c)}>
      <nav class="portal-nav" aria-label={t('services.nav.label')}>
        <ul>
          {tabs.map((x) => (
            <li>
              <a
                href={x.href}
                aria-current={
                  x.id === tab || (x.id === 'desk' && tab?.startsWith('desk')) ? 'page' : undefined
                }
              >
                {x.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="services-page">{children}</div>
    </Layout>
  )
}

/** A definition by the `:code` route parameter, or 404 (`services.error.serviceNotFound`). */
export function definitionParam(c: Context<AppEnv>): ServiceDefinition {
  return requireServiceCode((c.req.param('code') ?? '').slice(0, 60))
}

/** A service's name in the page language. */
export function serviceName(definition: ServiceDefinition | undefined, language: Language): string {
  return definition ? definition.name[language] : '—'
}

/** The name of a service by its code, or the code itself. */
export function serviceNameOf(code: string, language: Language): string {
  return serviceDefinition(code)?.name[language] ?? code
}

/** An organisation's name in the page language (Russian for English, as the portal does). */
export function orgName(org: { nameKk: string; nameRu: string } | undefined, language: Language) {
  if (!org) return '—'
  return language === 'kk' ? org.nameKk || org.nameRu : org.nameRu || org.nameKk
}

/** A channel's short name in the page language. */
export function channelName(t: Translator, channel: Channel | string): string {
  return t(`services.channel.${channel}` as MessageKey)
}

/** A step of a channel, or undefined. */
export function stepOf(
  definition: ServiceDefinition | undefined,
  channel: Channel,
  stepId: string | null,
): Step | undefined {
  if (!definition || !stepId) return undefined
  return definition.channels[channel]?.steps.find((s) => s.id === stepId)
}

/** "P3 Fill in the request form" in the page language; the bare id when the step is unknown. */
export function stepLabel(
  definition: ServiceDefinition | undefined,
  channel: Channel,
  stepId: string | null,
  language: Language,
): string {
  if (!stepId) return '—'
  const step = stepOf(definition, channel, stepId)
  return step ? `${step.id} ${step.label[language]}` : stepId
}

/**
 * A duration as days, hours, minutes and seconds (the two largest units that are not zero).
 * @example formatDuration(t, 90_500) // '1 min 30 s' (in English)
 */
export function formatDuration(t: Translator, milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds))
  if (ms < 1000) return t('services.unit.ms', { n: ms })
  let seconds = Math.round(ms / 1000)
  const days = Math.floor(seconds / 86_400)
  seconds -= days * 86_400
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  const parts: string[] = []
  if (days) parts.push(t('services.unit.d', { n: days }))
  if (hours) parts.push(t('services.unit.h', { n: hours }))
  if (minutes) parts.push(t('services.unit.min', { n: minutes }))
  if (seconds) parts.push(t('services.unit.s', { n: seconds }))
  return parts.slice(0, 2).join(' ')
}

/** How a limit reads: "10–15 s", "≤ 20 s", "5 working days". */
export function limitReading(t: Translator, limit: StepLimit): string {
  if (limit.workingDays !== undefined) {
    return t('services.limit.workingDays', { n: limit.workingDays })
  }
  const max = formatDuration(t, (limit.seconds ?? 0) * 1000)
  if (limit.minSeconds !== undefined) {
    return t('services.limit.range', { min: formatDuration(t, limit.minSeconds * 1000), max })
  }
  return t('services.limit.upTo', { max })
}

/** A limit as the act prints it (Kazakh), then our reading of it. */
export function LimitText({ t, limit }: { t: Translator; limit: StepLimit | undefined }) {
  if (!limit) return <span class="muted">{t('services.limit.none')}</span>
  return (
    <>
      <span lang="kk">{limit.printed}</span>
      <br />
      <span class="muted">
        {t('services.limit.reading')}: {limitReading(t, limit)}
      </span>
      {limit.reading ? (
        <>
          <br />
          <span class="muted" lang="en">
            {limit.reading}
          </span>
        </>
      ) : null}
    </>
  )
}

/** An application's status as a badge with its word (never colour alone). */
export function StatusBadge({ t, status }: { t: Translator; status: ApplicationStatus }) {
  return <span class={`badge app-${status}`}>{t(`services.status.${status}`)}</span>
}

/** Who an application waits for, as a phrase in the page language; '—' for nobody. */
export function waitingText(t: Translator, waiting: WaitingFor | null): string {
  return waiting ? t(`services.waiting.${waiting}`) : '—'
}

/** Providers (or anything with an organisation) sorted by the organisation's name in the page language. */
export function sortedOrganisations<T extends { organisation: Organisation }>(
  items: T[],
  language: Language,
): T[] {
  return [...items].sort((a, b) =>
    orgName(a.organisation, language).localeCompare(orgName(b.organisation, language), language),
  )
}

/** A fee in tenge with a thin grouping, or "not entered". */
export function feeText(t: Translator, fee: number | null): string {
  return fee === null ? t('services.notEntered') : t('services.fee.amount', { amount: group(fee) })
}

/** A term in working days, or "not entered". */
export function termText(t: Translator, term: number | null): string {
  return term === null ? t('services.notEntered') : t('services.term.days', { n: term })
}

function group(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')
}

/**
 * A channel's process diagram as a figure with a caption; wide diagrams scroll sideways in a
 * focusable region (390 px screens), with the path taken and the current step emphasised.
 */
export function Diagram({
  t,
  definition,
  channel,
  language,
  caption,
  highlight,
  current,
  idPrefix,
}: {
  t: Translator
  definition: ServiceDefinition
  channel: Channel
  language: Language
  caption: string
  highlight?: readonly string[]
  current?: string | null
  idPrefix?: string
}) {
  const svg = renderServiceDiagram(definition, channel, language, {
    highlight,
    current: current ?? undefined,
    idPrefix,
  })
  return (
    <figure class="diagram">
      <figcaption>{caption}</figcaption>
      <section class="diagram-scroll" tabindex={0} aria-label={caption}>
        {raw(svg)}
      </section>
      <p class="hint">{t('services.diagram.hint')}</p>
    </figure>
  )
}
