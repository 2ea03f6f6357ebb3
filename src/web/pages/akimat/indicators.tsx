/**
 * @module
 * An akimat's target indicators (Appendix 2 of the typical architecture): the dashboard of a
 * period (`/akimats/:id/indicators?period=2026`) with an overview chart of the share indicators,
 * the 42 indicators grouped as Appendix 2 groups them, each with its value, source, trend and
 * versions; for the akimat's editors, a form per indicator entered by hand and one button that
 * records the computed values of the period. `/akimats/:id/indicators/:code` is the history of
 * one indicator; `/akimats/region/:region?code=&period=` compares one indicator across the
 * akimats of a region (first two KATO digits) the user may read. Every page needs a signed-in
 * user; the akimat module decides who reads and who enters what.
 *
 * Titles and units are shown as printed in Kazakh (`lang="kk"`); the short working titles of the
 * i18n part are only an aid, labelled as such.
 */
import type { Context, Hono } from 'hono'
import {
  type Akimat,
  akimatFor,
  appendix2Indicators,
  type Basis,
  COMPUTED_INDICATORS,
  canEditAkimat,
  checkPeriod,
  type DashboardEntry,
  indicatorDashboard,
  indicatorHistory,
  previousPeriod,
  recordComputedValues,
  recordIndicatorValue,
  regionComparison,
  type StoredValue,
} from '../../../akimat/index.js'
import { userById } from '../../../auth/index.js'
import { type CatalogIndicator, todayInKazakhstan } from '../../../catalog/index.js'
import { InputError, NotFoundError } from '../../../core/index.js'
import {
  isMessageKey,
  type Language,
  type MessageKey,
  type Translator,
  translate,
} from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import { BarChart, CHART_WIDTH } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, errorMessage, field, kzDateTime } from '../portal/frame.js'
import { AkimatPage, akimatIdParam, akimatName, catalogOf, dbOf } from './frame.js'

type Db = ReturnType<typeof dbOf>

/** The current year in Kazakhstan: the period shown when none is asked for. */
export const currentPeriod = (now = new Date()): string => todayInKazakhstan(now).slice(0, 4)

/** The `period` of the query string, checked (a translated 400 when it is not one). */
export function periodQuery(c: Context<AppEnv>): string {
  const raw = c.req.query('period')
  return checkPeriod(raw?.trim() ? raw : currentPeriod())
}

/** The period after (a year after a year, the quarter after a quarter). */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4))
  if (period.length === 4) return String(year + 1)
  const quarter = Number(period.slice(6))
  return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`
}

const NBSP = '\u00a0'

/** A value with at most two decimals, as the page language writes numbers. */
export function formatValue(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'ru-RU', {
    maximumFractionDigits: 2,
  }).format(value)
}

/** The element id of an indicator on the dashboard: `i-1-2-4`. */
export const indicatorAnchor = (code: string) => `i-${code.replaceAll('.', '-')}`

export const indicatorsPath = (id: number, period?: string) =>
  `/akimats/${id}/indicators${period ? `?period=${encodeURIComponent(period)}` : ''}`

export const historyPath = (id: number, code: string, period?: string) =>
  `/akimats/${id}/indicators/${encodeURIComponent(code)}${
    period ? `?period=${encodeURIComponent(period)}` : ''
  }`

const functionPath = (id: number, key: string) =>
  `/akimats/${id}/functions/${encodeURIComponent(key)}`

/** The short working title of an indicator in the page language (an aid, not the printed text). */
export function workingTitle(t: Translator, code: string): string {
  const key = `indicators.aid.${code}`
  return isMessageKey(key) ? t(key) : code
}

/** The heading of an Appendix 2 group as printed in Kazakh, and its working translation. */
function groupHeading(t: Translator, group: string): { printed: string; working: string } {
  const key = `indicators.group.${group}`
  if (!isMessageKey(key)) return { printed: group, working: group }
  return { printed: translate('kk', key), working: t(key) }
}

const isShare = (indicator: CatalogIndicator) => indicator.unit === '%'

/** A value with its unit as printed (`87,5 %`, `12 Бірл.`), or "no value". */
export function ValueText({
  t,
  language,
  indicator,
  value,
}: {
  t: Translator
  language: Language
  indicator: CatalogIndicator
  value: number | null
}) {
  if (value === null) return <span class="muted">{t('indicators.noValue')}</span>
  return (
    <>
      {formatValue(value, language)}
      {NBSP}
      <span lang="kk">{indicator.unit}</span>
    </>
  )
}

/** The printed title (Kazakh) with, in the other languages, its working translation. */
export function IndicatorTitle({
  t,
  language,
  indicator,
}: {
  t: Translator
  language: Language
  indicator: CatalogIndicator
}) {
  return (
    <>
      <span class="indicator-code">{indicator.code}</span> <span lang="kk">{indicator.title}</span>
      {language === 'kk' ? null : (
        <span class="indicator-aid">
          {t('indicators.workingTranslation')}: {workingTitle(t, indicator.code)}
        </span>
      )}
    </>
  )
}

const isComputedCode = (code: string) => (COMPUTED_INDICATORS as readonly string[]).includes(code)

/** Whether the indicator is computed or entered by hand, and its unit as printed. */
function KindAndUnit({ t, indicator }: { t: Translator; indicator: CatalogIndicator }) {
  return (
    <p>
      <span class="indicator-kind">
        {t(isComputedCode(indicator.code) ? 'indicators.kind.computed' : 'indicators.kind.manual')}
      </span>
      . {t('indicators.field.unit')}: <span lang="kk">{indicator.unit}</span>
    </p>
  )
}

/** The names of the users who recorded values, by id. */
export async function userNames(db: Db, ids: Iterable<number | null>) {
  const names = new Map<number, string>()
  for (const id of new Set(ids)) {
    if (id === null) continue
    const user = await userById(db, id)
    if (user) names.set(id, user.name)
  }
  return names
}

export function whoText(t: Translator, names: Map<number, string>, id: number | null): string {
  if (id === null) return '—'
  return names.get(id) ?? t('indicators.unknownUser', { id })
}

/** What a computed value counted, in words. */
export function basisText(t: Translator, code: string, basis: Basis): string {
  const key = `indicators.basis.${code}`
  if (!isMessageKey(key)) return ''
  return t(key, { numerator: basis.numerator, denominator: basis.denominator ?? '—' })
}

/** The channels of 1.2.7's basis (`portal: 3`), translated. */
function channelsText(t: Translator, counted: readonly string[]): string {
  return counted
    .map((item) => {
      const [channel = '', count = ''] = item.split(':').map((s) => s.trim())
      const key = `services.channel.${channel}`
      return `${isMessageKey(key) ? t(key) : channel}: ${count}`
    })
    .join('; ')
}

const TREND_WIDTH = 160
const TREND_HEIGHT = 48
const TREND_PAD = 6

/**
 * A small line of an indicator's values over the periods (oldest first): a dot per value, a
 * hollow dot on the base line where there is none. The values are in its description.
 */
export function TrendChart({
  id,
  title,
  description,
  points,
  max,
}: {
  id: string
  title: string
  description: string
  points: readonly { period: string; value: number | null }[]
  /** The value at the top (100 for a share). */
  max: number
}) {
  const scale = max > 0 ? max : 1
  const span = TREND_WIDTH - 2 * TREND_PAD
  const x = (i: number) =>
    points.length > 1 ? TREND_PAD + (i * span) / (points.length - 1) : TREND_WIDTH / 2
  const base = TREND_HEIGHT - TREND_PAD
  const y = (value: number) =>
    Math.round((base - (Math.min(Math.max(value, 0), scale) / scale) * (base - TREND_PAD)) * 100) /
    100
  const segments = points.slice(1).flatMap((point, index) => {
    const before = points[index]!
    return before.value !== null && point.value !== null
      ? [{ x1: x(index), y1: y(before.value), x2: x(index + 1), y2: y(point.value) }]
      : []
  })
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="indicator-trend"
      viewBox={`0 0 ${TREND_WIDTH} ${TREND_HEIGHT}`}
      width={TREND_WIDTH}
      height={TREND_HEIGHT}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <line class="trend-axis" x1={TREND_PAD} y1={base} x2={TREND_WIDTH - TREND_PAD} y2={base} />
      {segments.map((s) => (
        <line class="trend-line" {...s} />
      ))}
      {points.map((point, i) =>
        point.value === null ? (
          <circle class="trend-missing" cx={x(i)} cy={base} r={2.5} />
        ) : (
          <circle class="trend-point" cx={x(i)} cy={y(point.value)} r={3.5} />
        ),
      )}
    </svg>
  )
}

const ROW = 28
const LABEL_WIDTH = 64
const VALUE_WIDTH = 80
const BAR = 18

/**
 * The share indicators of a period as bars from 0 to 100 (the frame is the whole scale), one
 * row per indicator: its code (a link to it below), its bar and the number after the scale, or
 * "no value" written in the empty scale.
 */
function ShareOverview({
  id,
  title,
  description,
  items,
}: {
  id: string
  title: string
  description: string
  items: { code: string; label: string; value: number | null; text: string; href: string }[]
}) {
  const barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
  const height = 16 + items.length * ROW
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG that holds links is a group (as in charts.tsx); a fieldset cannot be an SVG
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart indicator-overview"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      role="group"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family="inherit"
      font-size={16}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {items.map((item, index) => {
        const top = 8 + index * ROW
        const width =
          item.value === null
            ? 0
            : Math.round((Math.min(Math.max(item.value, 0), 100) / 100) * barSpace * 100) / 100
        return (
          <g class="chart-row" data-code={item.code}>
            <title>{`${item.code} ${item.label}: ${item.text}`}</title>
            <a class="chart-link" href={item.href}>
              <text class="chart-label" x={0} y={top + 18}>
                {item.code}
              </text>
            </a>
            <rect
              class="chart-frame"
              x={LABEL_WIDTH + 0.5}
              y={top + 4.5}
              width={barSpace - 1}
              height={BAR - 1}
            />
            {width > 0 ? (
              <rect class="chart-bar" x={LABEL_WIDTH} y={top + 4} width={width} height={BAR} />
            ) : null}
            <text
              class="chart-value"
              x={item.value === null ? LABEL_WIDTH + 6 : LABEL_WIDTH + barSpace + 6}
              y={top + 18}
            >
              {item.text}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** A form being shown again after a refusal: which, what was typed and why. */
interface FormState {
  code?: string
  values?: Record<string, unknown>
  error?: string
}

const DONE = ['saved', 'recorded', 'unchanged'] as const

/** The word for a stored value's source. */
export const SOURCE_KEYS: Record<StoredValue['source'], MessageKey> = {
  computed: 'indicators.source.computed',
  manual: 'indicators.source.manual',
}

export function registerIndicatorPages(app: Hono<AppEnv>): void {
  app.get('/akimats/region/:region', async (c) => c.html(await regionPage(c)))
  app.get('/akimats/:id/indicators', async (c) => {
    const period = periodQuery(c)
    return c.html(await dashboardPage(c, period))
  })
  app.post('/akimats/:id/indicators', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const code = field(body, 'code').trim()
    try {
      const stored = await recordIndicatorValue(dbOf(c), actor, await catalogOf(c), id, {
        code,
        period: field(body, 'period'),
        value: field(body, 'value'),
        note: field(body, 'note'),
      })
      const query = new URLSearchParams({ period: stored.period, done: 'saved', code })
      return c.redirect(`/akimats/${id}/indicators?${query}#${indicatorAnchor(code)}`, 303)
    } catch (error) {
      // Bad input shows the page again with the form as typed; not found and forbidden are
      // error pages.
      if (!(error instanceof InputError)) throw error
      const period = safePeriod(field(body, 'period'))
      const message = errorMessage(c.get('t'), error)
      return c.html(await dashboardPage(c, period, { code, values: body, error: message }), 400)
    }
  })
  app.post('/akimats/:id/indicators/record', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      const period = checkPeriod(field(body, 'period'))
      const written = await recordComputedValues(dbOf(c), actor, await catalogOf(c), id, period)
      const query = new URLSearchParams({ period })
      if (written.length > 0) {
        query.set('done', 'recorded')
        query.set('count', String(written.length))
      } else query.set('done', 'unchanged')
      return c.redirect(`/akimats/${id}/indicators?${query}#record`, 303)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      const message = errorMessage(c.get('t'), error)
      return c.html(
        await dashboardPage(c, safePeriod(field(body, 'period')), { error: message }),
        400,
      )
    }
  })
  app.get('/akimats/:id/indicators/:code', async (c) => c.html(await historyPage(c)))
}

/** A period from a form, or the current one when it is not a period. */
function safePeriod(value: string): string {
  try {
    return checkPeriod(value)
  } catch {
    return currentPeriod()
  }
}

async function dashboardPage(c: Context<AppEnv>, period: string, form: FormState = {}) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const dashboard = await indicatorDashboard(db, actor, snapshot, id, period)
  const { akimat } = dashboard
  const editable = canEditAkimat(actor, id) && akimat.profile !== null
  const names = await userNames(
    db,
    dashboard.entries.map((e) => e.stored?.recordedBy ?? null),
  )
  const title = t('indicators.title')
  const doneWord = c.req.query('done') as (typeof DONE)[number] | undefined
  const doneCode = c.req.query('code') ?? ''
  const knownCode = dashboard.entries.some((e) => e.indicator.code === doneCode)
  const done =
    doneWord === 'saved' && knownCode
      ? t('indicators.done.saved', { code: doneCode, period })
      : doneWord === 'recorded'
        ? t('indicators.done.recorded', {
            count: Math.min(Number(c.req.query('count')) || 0, COMPUTED_INDICATORS.length),
            period,
          })
        : doneWord === 'unchanged'
          ? t('indicators.done.unchanged', { period })
          : undefined
  const formCodes = new Set(
    editable ? dashboard.entries.filter((e) => !e.computed).map((e) => e.indicator.code) : [],
  )
  const topError = form.error && !(form.code && formCodes.has(form.code)) ? form.error : undefined
  const shares = dashboard.entries.filter((e) => isShare(e.indicator))
  const computedTotal = dashboard.entries.filter((e) => e.computed).length
  const all = dashboard.filled.computed + dashboard.filled.manual
  const groups = groupsOf(dashboard.entries)
  return (
    <AkimatPage c={c} title={`${title} — ${period}`} akimat={akimat} tab="indicators">
      <h1>
        {title}: {period}
      </h1>
      {done ? (
        <p class="notice" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBox message={topError} />
      <p>{t('indicators.lead')}</p>
      <p class="hint">{t('indicators.printed')}</p>
      <PeriodForm c={c} action={indicatorsPath(id)} period={period} />
      {akimat.profile ? null : (
        <p class="notice" data-not-adopted="true">
          {t('indicators.notAdopted')}{' '}
          <a href={`/akimats/${id}`}>{t('indicators.notAdopted.link')}</a>
        </p>
      )}
      <p data-filled={`${dashboard.filled.computed}/${dashboard.filled.manual}`}>
        {t('indicators.filled', {
          period,
          computed: dashboard.filled.computed,
          computedTotal,
          manual: dashboard.filled.manual,
          manualTotal: dashboard.filled.manualTotal,
          all,
          total: dashboard.entries.length,
        })}
      </p>
      <figure class="indicator-overview-figure">
        <figcaption>{t('indicators.overview.title', { period })}</figcaption>
        <ShareOverview
          id="indicator-overview"
          title={t('indicators.overview.title', { period })}
          description={t('indicators.overview.description', {
            period,
            filled: shares.filter((e) => e.value !== null).length,
            total: shares.length,
          })}
          items={shares.map((e) => ({
            code: e.indicator.code,
            label: workingTitle(t, e.indicator.code),
            value: e.value,
            text:
              e.value === null
                ? t('indicators.noValue')
                : `${formatValue(e.value, language)}${NBSP}%`,
            href: `#${indicatorAnchor(e.indicator.code)}`,
          }))}
        />
      </figure>
      {editable ? (
        <section aria-labelledby="record" class="indicator-record">
          <h2 id="record">{t('indicators.record.title')}</h2>
          <p>{t('indicators.record.text')}</p>
          <form method="post" action={`/akimats/${id}/indicators/record`} class="portal-form">
            <CsrfField token={c.get('csrfToken')} />
            <input type="hidden" name="period" value={period} />
            <button type="submit">{t('indicators.record.submit', { period })}</button>
          </form>
        </section>
      ) : null}
      {groups.map((category) => {
        const heading = groupHeading(t, category.code)
        return (
          <section aria-labelledby={`g-${category.code}`} class="indicator-category">
            <h2 id={`g-${category.code}`}>
              {category.code}. <span lang="kk">{heading.printed}</span>
            </h2>
            {language === 'kk' ? null : (
              <p class="indicator-aid">
                {t('indicators.workingTranslation')}: {heading.working}
              </p>
            )}
            {category.entries.map((entry) => (
              <IndicatorCard
                c={c}
                akimat={akimat}
                entry={entry}
                period={period}
                names={names}
                editable={editable}
                form={form.code === entry.indicator.code ? form : undefined}
                level={3}
              />
            ))}
            {category.groups.map((group) => {
              const sub = groupHeading(t, group.code)
              const anchor = `g-${group.code.replaceAll('.', '-')}`
              return (
                <section aria-labelledby={anchor} class="indicator-group">
                  <h3 id={anchor}>
                    {group.code} <span lang="kk">{sub.printed}</span>
                  </h3>
                  {language === 'kk' ? null : (
                    <p class="indicator-aid">
                      {t('indicators.workingTranslation')}: {sub.working}
                    </p>
                  )}
                  {group.entries.map((entry) => (
                    <IndicatorCard
                      c={c}
                      akimat={akimat}
                      entry={entry}
                      period={period}
                      names={names}
                      editable={editable}
                      form={form.code === entry.indicator.code ? form : undefined}
                      level={4}
                    />
                  ))}
                </section>
              )
            })}
          </section>
        )
      })}
    </AkimatPage>
  )
}

/** The period chooser (GET) with links to the periods before and after. */
export function PeriodForm({
  c,
  action,
  period,
  hidden = {},
}: {
  c: Context<AppEnv>
  action: string
  period: string
  hidden?: Record<string, string>
}) {
  const t = c.get('t')
  const link = (p: string) => {
    const q = new URLSearchParams({ ...hidden, period: p })
    return `${action}?${q}`
  }
  return (
    <div class="indicator-period">
      <form method="get" action={action} class="filters">
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p>
          <label for="period">{t('indicators.period.label')}</label>
          <input
            id="period"
            name="period"
            value={period}
            required
            maxlength={7}
            pattern="[0-9]{4}(-[Qq][1-4])?"
            autocomplete="off"
            aria-describedby="period-hint"
          />
          <span class="hint indicator-field-hint" id="period-hint">
            {t('indicators.period.hint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('indicators.period.show')}</button>
        </p>
      </form>
      <nav aria-label={t('indicators.period.nav')} class="indicator-periods">
        <a href={link(previousPeriod(period))} rel="prev">
          {t('indicators.period.previous', { period: previousPeriod(period) })}
        </a>{' '}
        <a href={link(nextPeriod(period))} rel="next">
          {t('indicators.period.next', { period: nextPeriod(period) })}
        </a>
      </nav>
    </div>
  )
}

interface Category {
  code: string
  /** Indicators directly in the category (category 2 has no groups). */
  entries: DashboardEntry[]
  groups: { code: string; entries: DashboardEntry[] }[]
}

/** The entries as Appendix 2 groups them: categories 1 and 2, groups 1.1 … 1.5. */
function groupsOf(entries: DashboardEntry[]): Category[] {
  const categories: Category[] = []
  for (const entry of entries) {
    const { category, group } = entry.indicator
    let c = categories.find((x) => x.code === category)
    if (!c) {
      c = { code: category, entries: [], groups: [] }
      categories.push(c)
    }
    if (!group) {
      c.entries.push(entry)
      continue
    }
    let g = c.groups.find((x) => x.code === group)
    if (!g) {
      g = { code: group, entries: [] }
      c.groups.push(g)
    }
    g.entries.push(entry)
  }
  return categories
}

function IndicatorCard({
  c,
  akimat,
  entry,
  period,
  names,
  editable,
  form,
  level,
}: {
  c: Context<AppEnv>
  akimat: Akimat
  entry: DashboardEntry
  period: string
  names: Map<number, string>
  editable: boolean
  form: FormState | undefined
  level: 3 | 4
}) {
  const t = c.get('t')
  const language = c.get('language')
  const { indicator } = entry
  const id = akimat.organisation.id
  const anchor = indicatorAnchor(indicator.code)
  const Heading = level === 3 ? 'h3' : 'h4'
  const trendMax = isShare(indicator) ? 100 : Math.max(1, ...entry.trend.map((p) => p.value ?? 0))
  const trendValues = entry.trend
    .map(
      (p) =>
        `${p.period}: ${
          p.value === null ? t('indicators.noValue') : formatValue(p.value, language)
        }`,
    )
    .join('; ')
  return (
    <article
      class={`indicator-card${entry.computed ? ' indicator-computed' : ''}`}
      id={anchor}
      data-code={indicator.code}
      aria-labelledby={`${anchor}-h`}
    >
      <Heading id={`${anchor}-h`} class="indicator-title">
        <IndicatorTitle t={t} language={language} indicator={indicator} />
      </Heading>
      <dl class="facts indicator-facts">
        <dt>{t('indicators.field.value')}</dt>
        <dd class="indicator-value" data-value={entry.value === null ? '' : String(entry.value)}>
          <ValueText t={t} language={language} indicator={indicator} value={entry.value} />
        </dd>
        <dt>{t('indicators.field.source')}</dt>
        <dd class="indicator-source">
          {entry.computed ? (
            <ComputedSource t={t} language={language} akimat={akimat} entry={entry} names={names} />
          ) : (
            <ManualSource t={t} entry={entry} period={period} names={names} />
          )}
        </dd>
        <dt>{t('indicators.field.trend', { count: entry.trend.length })}</dt>
        <dd>
          <TrendChart
            id={`${anchor}-trend`}
            title={t('indicators.trend.title', { code: indicator.code })}
            description={t('indicators.trend.description', { values: trendValues })}
            points={entry.trend}
            max={trendMax}
          />
          <span class="indicator-trend-periods">
            {entry.trend[0]?.period} – {entry.trend[entry.trend.length - 1]?.period}
          </span>
        </dd>
        <dt>{t('indicators.field.versions')}</dt>
        <dd data-versions={String(entry.versions)}>
          {t('indicators.versions', { count: entry.versions, period })} —{' '}
          <a href={historyPath(id, indicator.code, period)}>
            {t('indicators.history.open')}
            <span class="visually-hidden"> {indicator.code}</span>
          </a>
        </dd>
      </dl>
      {editable && !entry.computed ? (
        <ValueForm c={c} id={id} indicator={indicator} period={period} form={form} />
      ) : null}
    </article>
  )
}

function ComputedSource({
  t,
  language,
  akimat,
  entry,
  names,
}: {
  t: Translator
  language: Language
  akimat: Akimat
  entry: DashboardEntry
  names: Map<number, string>
}) {
  const code = entry.indicator.code
  const id = akimat.organisation.id
  const counted = entry.basis?.counted ?? []
  return (
    <>
      <span class="indicator-kind">{t('indicators.kind.computed')}.</span>{' '}
      {!akimat.profile ? (
        t('indicators.basis.notAdopted')
      ) : !entry.basis ? (
        t('indicators.basis.future')
      ) : (
        <>
          <span class="indicator-basis">{basisText(t, code, entry.basis)}</span>
          {code === '1.2.7' && counted.length > 0 ? (
            <> {t('indicators.basis.channels', { channels: channelsText(t, counted) })}</>
          ) : null}
          {(code === '1.2.4' || code === '1.2.5') && counted.length > 0 ? (
            <details class="indicator-counted">
              <summary>{t('indicators.basis.functions', { count: counted.length })}</summary>
              <ul class="inline-list">
                {counted.map((key) => (
                  <li>
                    <a href={functionPath(id, key)}>{key}</a>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
      {entry.stored ? (
        <span class="indicator-recorded">
          {' '}
          {t('indicators.recorded', {
            when: kzDateTime(entry.stored.recordedAt),
            who: whoText(t, names, entry.stored.recordedBy),
            value:
              entry.stored.value === null
                ? t('indicators.noValue')
                : formatValue(entry.stored.value, language),
          })}
        </span>
      ) : null}
    </>
  )
}

function ManualSource({
  t,
  entry,
  period,
  names,
}: {
  t: Translator
  entry: DashboardEntry
  period: string
  names: Map<number, string>
}) {
  const stored = entry.stored
  return (
    <>
      <span class="indicator-kind">{t('indicators.kind.manual')}.</span>{' '}
      {stored ? (
        <>
          {t('indicators.manual.entered', {
            when: kzDateTime(stored.recordedAt),
            who: whoText(t, names, stored.recordedBy),
          })}
          <span class="indicator-note">
            <strong>{t('indicators.manual.note')}:</strong> {stored.note}
          </span>
        </>
      ) : (
        t('indicators.manual.none', { period })
      )}
    </>
  )
}

function ValueForm({
  c,
  id,
  indicator,
  period,
  form,
}: {
  c: Context<AppEnv>
  id: number
  indicator: CatalogIndicator
  period: string
  form: FormState | undefined
}) {
  const t = c.get('t')
  const prefix = `f-${indicator.code.replaceAll('.', '-')}`
  const values = form?.values ?? {}
  const errorId = `${prefix}-error`
  return (
    <details class="indicator-form" open={form ? true : undefined}>
      <summary>
        {t('indicators.form.summary', { period })}
        <span class="visually-hidden"> ({indicator.code})</span>
      </summary>
      <form method="post" action={`/akimats/${id}/indicators`} class="portal-form">
        {form?.error ? (
          <p class="error-message" role="alert" id={errorId}>
            {form.error}
          </p>
        ) : null}
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="code" value={indicator.code} />
        <input type="hidden" name="period" value={period} />
        <p>
          <label for={`${prefix}-value`}>
            {t('indicators.form.value')} (<span lang="kk">{indicator.unit}</span>)
          </label>
          <input
            id={`${prefix}-value`}
            name="value"
            inputmode="decimal"
            autocomplete="off"
            maxlength={40}
            required
            value={field(values, 'value')}
            aria-invalid={form?.error ? 'true' : undefined}
            aria-describedby={form?.error ? errorId : undefined}
          />
        </p>
        <p>
          <label for={`${prefix}-note`}>{t('indicators.form.note')}</label>
          <textarea
            id={`${prefix}-note`}
            name="note"
            rows={2}
            maxlength={2000}
            required
            aria-describedby={`${prefix}-note-hint`}
          >
            {field(values, 'note')}
          </textarea>
        </p>
        <p class="hint" id={`${prefix}-note-hint`}>
          {t('indicators.form.noteHint')}
        </p>
        <p>
          <button type="submit">
            {t('indicators.form.submit')}
            <span class="visually-hidden"> ({indicator.code})</span>
          </button>
        </p>
      </form>
    </details>
  )
}

async function historyPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const code = c.req.param('code') ?? ''
  // The akimat first: one the user may not read is a 404 whatever the code.
  const versions = await historyOf(db, actor, snapshot, id, code)
  const { akimat, indicator } = versions
  const period = safePeriod(c.req.query('period') ?? '')
  const names = await userNames(
    db,
    versions.values.map((v) => v.recordedBy),
  )
  const latest = new Map<string, StoredValue>()
  for (const v of versions.values) if (!latest.has(v.period)) latest.set(v.period, v)
  const periods = [...latest.keys()].sort()
  const title = t('indicators.history.title', { code: indicator.code })
  const computed = isComputedCode(indicator.code)
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="indicators">
      <p class="breadcrumbs">
        <a href={`${indicatorsPath(id, period)}#${indicatorAnchor(indicator.code)}`}>
          {t('indicators.history.back', { period })}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="lead indicator-title">
        <IndicatorTitle t={t} language={language} indicator={indicator} />
      </p>
      <KindAndUnit t={t} indicator={indicator} />
      <p>{t('indicators.history.lead')}</p>
      {computed ? <p class="hint">{t('indicators.history.computedHint')}</p> : null}
      {versions.values.length === 0 ? (
        <p class="muted">{t('indicators.history.none')}</p>
      ) : (
        <>
          <figure>
            <figcaption>{t('indicators.history.chart', { code: indicator.code })}</figcaption>
            <BarChart
              id="indicator-history"
              title={t('indicators.history.chart', { code: indicator.code })}
              description={t('indicators.history.chartDescription', { count: periods.length })}
              items={periods.map((p) => ({
                label: p,
                value: latest.get(p)?.value ?? Number.NaN,
              }))}
              max={isShare(indicator) ? 100 : undefined}
              unit={isShare(indicator) ? '%' : undefined}
              formatValue={(v) => formatValue(v, language)}
              missingText={t('indicators.noValue')}
            />
          </figure>
          <section class="table-scroll" aria-labelledby="versions" tabindex={0}>
            <h2 id="versions">{t('indicators.history.versionsTitle')}</h2>
            <table class="indicator-history">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.column.period')}</th>
                  <th scope="col" class="num">
                    {t('indicators.column.value')}
                  </th>
                  <th scope="col">{t('indicators.column.source')}</th>
                  <th scope="col">{t('indicators.column.basis')}</th>
                  <th scope="col">{t('indicators.column.when')}</th>
                  <th scope="col">{t('indicators.column.who')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.values.map((v) => (
                  <tr data-version={String(v.id)} data-period={v.period}>
                    <td>
                      <a href={`${indicatorsPath(id, v.period)}#${indicatorAnchor(v.code)}`}>
                        {v.period}
                      </a>
                    </td>
                    <td class="num" data-value={v.value === null ? '' : String(v.value)}>
                      <ValueText t={t} language={language} indicator={indicator} value={v.value} />
                    </td>
                    <td>{t(SOURCE_KEYS[v.source])}</td>
                    <td class="indicator-note">
                      {v.source === 'computed' && v.basis ? basisText(t, v.code, v.basis) : v.note}
                    </td>
                    <td>
                      <time datetime={v.recordedAt}>{kzDateTime(v.recordedAt)}</time>
                    </td>
                    <td>{whoText(t, names, v.recordedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </AkimatPage>
  )
}

/**
 * One indicator's versions for an akimat the actor may read: a 404 for an akimat they may not
 * read (whatever the code) and for a code that is not an Appendix 2 indicator.
 */
export async function historyOf(
  db: Db,
  actor: Parameters<typeof indicatorHistory>[1],
  snapshot: Parameters<typeof indicatorHistory>[2],
  id: number,
  code: string,
): Promise<{ akimat: Akimat; indicator: CatalogIndicator; values: StoredValue[] }> {
  const akimat = await akimatFor(db, actor, id)
  const indicator = appendix2Indicators(snapshot).find((i) => i.code === code)
  if (!indicator) {
    throw new NotFoundError(`No target indicator ${code}`, 'akimat.error.indicator', {
      code: code.slice(0, 20),
    })
  }
  const values = await indicatorHistory(db, actor, snapshot, id, code)
  return { akimat, indicator, values }
}

/** The indicator compared when none is asked for. */
export const DEFAULT_REGION_CODE = '1.2.6'

async function regionPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const region = c.req.param('region') ?? ''
  const code = c.req.query('code')?.trim() || DEFAULT_REGION_CODE
  const period = periodQuery(c)
  const comparison = await regionComparison(db, actor, snapshot, { region, code, period })
  if (comparison.akimats.length === 0) {
    throw new NotFoundError(`No akimat of region ${region} to read`, 'indicators.error.noRegion', {
      region,
    })
  }
  const { indicator, akimats } = comparison
  const share = isShare(indicator)
  const own = akimats.find((a) => a.akimat.organisation.id === actor.organisation.id)?.akimat
  const filled = akimats.filter((a) => a.value !== null).length
  const title = t('indicators.region.title', { region, code: indicator.code })
  const action = `/akimats/region/${region}`
  return (
    <AkimatPage c={c} title={`${title} — ${period}`} akimat={own} tab="region">
      <h1>{t('indicators.region.heading', { region })}</h1>
      <p>{t('indicators.region.lead', { region })}</p>
      <form method="get" action={action} class="filters indicator-region-form">
        <p>
          <label for="region-code">{t('indicators.region.indicator')}</label>
          <select id="region-code" name="code">
            {appendix2Indicators(snapshot).map((i) => (
              <option value={i.code} selected={i.code === indicator.code}>
                {i.code} — {workingTitle(t, i.code)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="region-period">{t('indicators.period.label')}</label>
          <input
            id="region-period"
            name="period"
            value={period}
            required
            maxlength={7}
            pattern="[0-9]{4}(-[Qq][1-4])?"
            autocomplete="off"
            aria-describedby="region-period-hint"
          />
          <span class="hint indicator-field-hint" id="region-period-hint">
            {t('indicators.period.hint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('indicators.region.show')}</button>
        </p>
      </form>
      <h2 class="indicator-title">
        <IndicatorTitle t={t} language={language} indicator={indicator} />
      </h2>
      <KindAndUnit t={t} indicator={indicator} />
      <figure>
        <figcaption>{t('indicators.region.chart', { code: indicator.code, period })}</figcaption>
        <BarChart
          id="indicator-region"
          title={t('indicators.region.chart', { code: indicator.code, period })}
          description={t('indicators.region.chartDescription', {
            filled,
            total: akimats.length,
            period,
          })}
          items={akimats.map((a) => ({
            label: akimatName(a.akimat, language),
            value: a.value ?? Number.NaN,
            href: `${indicatorsPath(a.akimat.organisation.id, period)}#${indicatorAnchor(indicator.code)}`,
          }))}
          max={share ? 100 : undefined}
          unit={share ? '%' : undefined}
          formatValue={(v) => formatValue(v, language)}
          missingText={t('indicators.noValue')}
        />
      </figure>
      <section class="table-scroll" aria-labelledby="region-caption" tabindex={0}>
        <table class="indicator-region">
          <caption id="region-caption">
            {t('indicators.region.tableCaption', { code: indicator.code, period, region })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.column.akimat')}</th>
              <th scope="col">{t('indicators.column.level')}</th>
              <th scope="col">{t('indicators.column.kato')}</th>
              <th scope="col" class="num">
                {t('indicators.column.value')}
              </th>
              <th scope="col">{t('indicators.column.source')}</th>
            </tr>
          </thead>
          <tbody>
            {akimats.map((a) => (
              <tr data-akimat={String(a.akimat.organisation.id)}>
                <td>
                  <a
                    href={`${indicatorsPath(a.akimat.organisation.id, period)}#${indicatorAnchor(indicator.code)}`}
                  >
                    {akimatName(a.akimat, language)}
                  </a>
                </td>
                <td>{t(`akimat.level.${a.akimat.organisation.level}` as MessageKey)}</td>
                <td class="code">{a.akimat.profile?.kato ?? '—'}</td>
                <td class="num" data-value={a.value === null ? '' : String(a.value)}>
                  <ValueText t={t} language={language} indicator={indicator} value={a.value} />
                </td>
                <td>{a.source ? t(SOURCE_KEYS[a.source]) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AkimatPage>
  )
}
