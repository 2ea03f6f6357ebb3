/**
 * @module
 * The akimats a user may read (`/akimats`) and one akimat's architecture (`/akimats/:id`): before
 * adoption, the adoption form for its editors (KATO code and one of the typical sets the
 * catalogue holds); after, the summary with a chart of the statuses, adoption at another date,
 * the functions with filters in pages of 100, decisions on functions no longer in the set, and
 * the latest events. Registers the function and gap pages too. Every page needs a signed-in
 * user; the akimat module decides who reads and who changes what.
 */
import type { Context, Hono } from 'hono'
import {
  type Akimat,
  type AkimatArchitecture,
  type AkimatFunction,
  adoptTypicalSet,
  akimatArchitecture,
  akimatEvents,
  akimatFor,
  akimatsWithCounts,
  canEditAkimat,
  type FunctionStatus,
  type TypicalSetOption,
  typicalSetOptions,
} from '../../../akimat/index.js'
import { type Actor, listUsers } from '../../../auth/index.js'
import { InputError, NotFoundError } from '../../../core/index.js'
import type { MessageKey, Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import { intParam } from '../../catalog-params.js'
import { BarChart, formatPercent } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, errorMessage, field, kzDateTime } from '../portal/frame.js'
import { AkimatPage, akimatIdParam, akimatName, catalogOf, dbOf } from './frame.js'
import {
  akimatPath,
  functionPath,
  Levels,
  Recommended,
  registerFunctionPages,
  StatusBadge,
  statusWord,
  Used,
} from './function.js'
import { registerGapPages } from './gaps.js'

/** Functions shown per page of the architecture. */
export const FUNCTIONS_PER_PAGE = 100

const STATUSES: readonly FunctionStatus[] = [
  'not-performed',
  'not-automated',
  'non-recommended',
  'below-level',
  'ok',
]

/** The text with its first letter in capitals (status words begin in lower case). */
const capitalized = (text: string) => text.charAt(0).toLocaleUpperCase('kk') + text.slice(1)

/** Functions with any gap (each counted once, by its worst issue). */
export const gapCount = (counts: AkimatArchitecture['counts']) =>
  counts['not-automated'] + counts['non-recommended'] + counts['below-level']

export function registerArchitecturePages(app: Hono<AppEnv>): void {
  registerGapPages(app)
  registerFunctionPages(app)
  app.get('/akimats', async (c) => listPage(c))
  app.get('/akimats/:id', async (c) => c.html(await akimatPage(c)))
  app.post('/akimats/:id/adopt', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      await adoptTypicalSet(dbOf(c), actor, await catalogOf(c), id, {
        kato: field(body, 'kato'),
        at: field(body, 'at'),
      })
      return c.redirect(`${akimatPath(id)}?done=adopted`, 303)
    } catch (error) {
      // Bad input shows the form again; not found and forbidden are error pages.
      if (!(error instanceof InputError)) throw error
      const message = errorMessage(c.get('t'), error)
      return c.html(await akimatPage(c, { values: body, error: message }), 400)
    }
  })
}

async function listPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const rows = (await akimatsWithCounts(db, actor, snapshot)).map(({ counts, ...akimat }) => ({
    akimat,
    counts,
  }))
  rows.sort(
    (a, b) =>
      (a.akimat.profile?.kato ?? '~').localeCompare(b.akimat.profile?.kato ?? '~') ||
      akimatName(a.akimat, language).localeCompare(akimatName(b.akimat, language), language),
  )
  const title = t('akimat.pages.list.title')
  return c.html(
    <AkimatPage c={c} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('akimat.pages.list.who')}</p>
      {rows.length === 0 ? (
        <p class="muted">{t('akimat.pages.list.none')}</p>
      ) : (
        <section class="table-scroll" aria-labelledby="akimats-caption" tabindex={0}>
          <table class="akimat-list">
            <caption id="akimats-caption" class="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('akimat.pages.column.akimat')}</th>
                <th scope="col">{t('akimat.pages.column.level')}</th>
                <th scope="col">{t('akimat.pages.column.kato')}</th>
                <th scope="col">{t('akimat.pages.column.typicalAt')}</th>
                <th scope="col" class="num">
                  {t('akimat.pages.count.functions')}
                </th>
                <th scope="col" class="num">
                  {t('akimat.pages.count.automated')}
                </th>
                <th scope="col" class="num">
                  {t('akimat.pages.count.withGaps')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ akimat, counts }) => (
                <tr data-akimat={String(akimat.organisation.id)}>
                  <td>
                    <a
                      href={akimatPath(akimat.organisation.id)}
                      lang={language === 'ru' ? 'ru' : 'kk'}
                    >
                      {akimatName(akimat, language)}
                    </a>
                  </td>
                  <td>{t(`akimat.level.${akimat.organisation.level}` as MessageKey)}</td>
                  <td class="code">{akimat.profile?.kato ?? '—'}</td>
                  <td>
                    {akimat.profile ? (
                      akimat.profile.typicalAt
                    ) : (
                      <span class="muted">{t('akimat.pages.notAdopted.short')}</span>
                    )}
                  </td>
                  <td class="num">{counts ? counts.total : '—'}</td>
                  <td class="num">{counts ? counts.automated : '—'}</td>
                  <td class="num">{counts ? gapCount(counts) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </AkimatPage>,
  )
}

/** The filters of the architecture's function list, from the query string. */
interface Filters {
  status: FunctionStatus | 'gaps' | undefined
  group: string | undefined
  services: boolean
  q: string | undefined
}

function filtersOf(c: Context<AppEnv>): Filters {
  const status = c.req.query('status') ?? ''
  const q = c.req.query('q')?.trim() ?? ''
  if (q.length > 200) {
    throw new InputError(c.get('t')('catalog.error.tooLong', { name: 'q', max: 200 }))
  }
  return {
    status:
      status === 'gaps' || (STATUSES as readonly string[]).includes(status)
        ? (status as Filters['status'])
        : undefined,
    group: c.req.query('group')?.trim() || undefined,
    services: ['1', 'on', 'true'].includes(c.req.query('services') ?? ''),
    q: q || undefined,
  }
}

function applyFilters(functions: AkimatFunction[], filters: Filters): AkimatFunction[] {
  const needle = filters.q?.toLocaleLowerCase('kk')
  return functions.filter(
    (f) =>
      (filters.status === undefined ||
        (filters.status === 'gaps' ? f.issues.length > 0 : f.status === filters.status)) &&
      (filters.group === undefined || (f.row.group ?? '') === filters.group) &&
      (!filters.services || f.isService) &&
      (needle === undefined ||
        `${f.row.function}\n${f.row.group ?? ''}\n${f.key}\n${f.row.section}.${f.row.number}`
          .toLocaleLowerCase('kk')
          .includes(needle)),
  )
}

function filterQuery(filters: Filters): URLSearchParams {
  const q = new URLSearchParams()
  if (filters.status) q.set('status', filters.status)
  if (filters.group) q.set('group', filters.group)
  if (filters.services) q.set('services', '1')
  if (filters.q) q.set('q', filters.q)
  return q
}

const DONE_KEYS: Record<string, MessageKey> = {
  adopted: 'akimat.pages.done.adopted',
}

async function akimatPage(
  c: Context<AppEnv>,
  form: { values?: Record<string, unknown>; error?: string } = {},
) {
  const actor = requireActor(c)
  const t = c.get('t')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const akimat = await akimatFor(db, actor, id)
  const editable = canEditAkimat(actor, id)
  const options = typicalSetOptions(snapshot, akimat.organisation.level)
  const done = DONE_KEYS[c.req.query('done') ?? '']
  if (!akimat.profile) {
    const title = t('akimat.pages.architecture.title')
    return (
      <AkimatPage c={c} title={title} akimat={akimat} tab="architecture">
        <h1>{title}</h1>
        <p class="notice">{t('akimat.pages.notAdopted.text')}</p>
        {editable ? (
          <AdoptForm c={c} akimat={akimat} options={options} {...form} />
        ) : (
          <p class="muted">{t('akimat.pages.notAdopted.wait')}</p>
        )}
      </AkimatPage>
    )
  }
  const architecture = await akimatArchitecture(db, actor, snapshot, id)
  return architectureView({ c, actor, architecture, options, editable, done, form })
}

function AdoptForm({
  c,
  akimat,
  options,
  values,
  error,
}: {
  c: Context<AppEnv>
  akimat: Akimat
  options: TypicalSetOption[]
  values?: Record<string, unknown>
  error?: string
}) {
  const t = c.get('t')
  const kato = values ? field(values, 'kato') : (akimat.profile?.kato ?? '')
  const chosen = values
    ? field(values, 'at')
    : (akimat.profile?.typicalAt ?? options[0]?.date ?? '')
  const region = akimat.organisation.level === 'region'
  return (
    <form method="post" action={`${akimatPath(akimat.organisation.id)}/adopt`} class="portal-form">
      <ErrorBox message={error} />
      <CsrfField token={c.get('csrfToken')} />
      <p>
        <label for="adopt-kato">{t('akimat.pages.adopt.kato')}</label>
        <input
          id="adopt-kato"
          name="kato"
          inputmode="numeric"
          autocomplete="off"
          pattern="[0-9]{9}"
          maxlength={9}
          required
          value={kato}
          aria-describedby="adopt-kato-hint"
        />
      </p>
      <p class="hint" id="adopt-kato-hint">
        {t(region ? 'akimat.pages.adopt.katoHintRegion' : 'akimat.pages.adopt.katoHintLower')}
      </p>
      <fieldset>
        <legend>{t('akimat.pages.adopt.set')}</legend>
        {options.length === 0 ? <p class="muted">{t('akimat.pages.adopt.noSets')}</p> : null}
        {options.map((o, i) => (
          <p class="checkbox">
            <input
              type="radio"
              id={`adopt-at-${i}`}
              name="at"
              value={o.date}
              checked={chosen === o.date}
              required
            />{' '}
            <label for={`adopt-at-${i}`}>
              {t('akimat.pages.adopt.option', {
                architecture: o.architecture,
                from: o.from ?? '?',
                to: o.lastDay ?? t('catalog.period.open'),
                date: o.date,
                rows: o.rows,
              })}
              {o.baseTextLoaded ? null : (
                <>
                  {' '}
                  <strong>{t('akimat.pages.adopt.partial')}</strong>
                </>
              )}
            </label>
          </p>
        ))}
      </fieldset>
      <p class="hint">{t('akimat.pages.adopt.keep')}</p>
      <p>
        <button type="submit">{t('akimat.pages.adopt.submit')}</button>
      </p>
    </form>
  )
}

const EVENT_KEYS: Record<string, MessageKey> = {
  adopted: 'akimat.pages.event.adopted',
  readopted: 'akimat.pages.event.readopted',
  decisions: 'akimat.pages.event.decisions',
  indicator: 'akimat.pages.event.indicator',
}

function eventText(t: Translator, kind: string, details: Record<string, unknown>): string {
  const key = EVENT_KEYS[kind]
  if (!key) return kind
  const before = details.before as { kato?: string; at?: string } | undefined
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? value : ''
  return t(key, {
    at: text(details.at),
    kato: text(details.kato),
    functions: text(details.functions),
    before: before?.at ?? '',
    changed: text(details.changed),
    period: text(details.period),
    code: text(details.code) || (Array.isArray(details.codes) ? details.codes.join(', ') : ''),
  })
}

async function architectureView({
  c,
  actor,
  architecture,
  options,
  editable,
  done,
  form,
}: {
  c: Context<AppEnv>
  actor: Actor
  architecture: AkimatArchitecture
  options: TypicalSetOption[]
  editable: boolean
  done: MessageKey | undefined
  form: { values?: Record<string, unknown>; error?: string }
}) {
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const { akimat, counts } = architecture
  const id = akimat.organisation.id
  const filters = filtersOf(c)
  const shown = applyFilters(architecture.functions, filters)
  const pages = Math.max(1, Math.ceil(shown.length / FUNCTIONS_PER_PAGE))
  const page = intParam(c, 'page', 1, 100_000) ?? 1
  if (page > pages) throw new NotFoundError(`No page ${page}`, 'error.notFound')
  const first = (page - 1) * FUNCTIONS_PER_PAGE
  const onPage = shown.slice(first, first + FUNCTIONS_PER_PAGE)
  const query = filterQuery(filters)
  const pageLink = (n: number) => {
    const q = new URLSearchParams(query)
    if (n > 1) q.set('page', String(n))
    return q.size ? `${akimatPath(id)}?${q}#functions` : `${akimatPath(id)}#functions`
  }
  const groups = new Map<string, { count: number; language: string }>()
  for (const f of architecture.functions) {
    const name = f.row.group ?? ''
    const g = groups.get(name) ?? { count: 0, language: f.row.language }
    g.count += 1
    groups.set(name, g)
  }
  const events = await akimatEvents(db, actor, id, 20)
  const users = new Map((await listUsers(db)).map((u) => [u.id, u.name]))
  const performed = counts.total - counts['not-performed']
  const title = t('akimat.pages.architecture.title')
  const architectures = [...new Set(architecture.functions.map((f) => f.row.architecture))]
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="architecture">
      <h1>{title}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(done)}
        </p>
      ) : null}
      <dl class="facts akimat-summary">
        <dt>{t('akimat.pages.column.kato')}</dt>
        <dd class="code">{akimat.profile.kato}</dd>
        <dt>{t('akimat.pages.column.level')}</dt>
        <dd>{t(`akimat.level.${akimat.organisation.level}` as MessageKey)}</dd>
        <dt>{t('akimat.pages.column.typicalAt')}</dt>
        <dd>
          <a href={`/catalog?at=${akimat.profile.typicalAt}`}>{akimat.profile.typicalAt}</a>{' '}
          {t('akimat.pages.summary.architectures', {
            architectures: architectures.join(', '),
            section: architecture.section,
          })}
        </dd>
        <dt>{t('akimat.pages.summary.adopted')}</dt>
        <dd>{kzDateTime(akimat.profile.adoptedAt)}</dd>
        <dt>{t('akimat.pages.count.functions')}</dt>
        <dd data-count="total">{counts.total}</dd>
        <dt>{t('akimat.pages.count.performed')}</dt>
        <dd data-count="performed">{performed}</dd>
        <dt>{t('akimat.pages.count.automated')}</dt>
        <dd data-count="automated">
          {counts.automated} ({formatPercent(counts.automated, performed)})
        </dd>
        <dt>{t('akimat.pages.count.withGaps')}</dt>
        <dd data-count="gaps">
          <a href={`${akimatPath(id)}/gaps`}>{gapCount(counts)}</a>
        </dd>
      </dl>
      <figure>
        <figcaption>{t('akimat.pages.chart.statuses')}</figcaption>
        <BarChart
          id="akimat-statuses"
          title={t('akimat.pages.chart.statuses')}
          description={t('akimat.pages.chart.statusesDescription', {
            total: counts.total,
            ok: counts.ok,
            gaps: gapCount(counts),
          })}
          unit={t('akimat.pages.unit.functions')}
          items={STATUSES.map((s) => ({
            label: capitalized(statusWord(t, s)),
            value: counts[s],
            href: `${akimatPath(id)}?status=${s}#functions`,
          }))}
        />
      </figure>
      {editable ? (
        <details class="akimat-readopt" open={form.error ? true : undefined}>
          <summary>{t('akimat.pages.adopt.again')}</summary>
          <AdoptForm c={c} akimat={akimat} options={options} {...form} />
        </details>
      ) : null}

      <section>
        <h2 id="functions">{t('akimat.pages.functions.title')}</h2>
        <p>{t('akimat.pages.rule91')}</p>
        <form method="get" action={akimatPath(id)} class="filters akimat-filters">
          <p>
            <label for="f-status">{t('akimat.pages.filter.status')}</label>
            <select id="f-status" name="status">
              <option value="">{t('catalog.filter.any')}</option>
              <option value="gaps" selected={filters.status === 'gaps'}>
                {t('akimat.pages.filter.anyGap')}
              </option>
              {STATUSES.map((s) => (
                <option value={s} selected={filters.status === s}>
                  {statusWord(t, s)} ({counts[s]})
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="f-group">{t('catalog.filter.group')}</label>
            <select id="f-group" name="group">
              <option value="">{t('catalog.filter.any')}</option>
              {[...groups.entries()].map(([name, g]) => (
                <option value={name} selected={filters.group === name} lang={g.language}>
                  {name.length > 70 ? `${name.slice(0, 69)}…` : name || t('catalog.groups.none')} (
                  {g.count})
                </option>
              ))}
            </select>
          </p>
          <p class="checkbox">
            <input
              type="checkbox"
              id="f-services"
              name="services"
              value="1"
              checked={filters.services}
            />{' '}
            <label for="f-services">{t('akimat.pages.filter.services')}</label>
          </p>
          <p>
            <label for="f-q">{t('akimat.pages.filter.text')}</label>
            <input type="search" id="f-q" name="q" value={filters.q ?? ''} maxlength={200} />
          </p>
          <p>
            <button type="submit">{t('catalog.filter.apply')}</button>{' '}
            <a href={`${akimatPath(id)}#functions`}>{t('catalog.filter.reset')}</a>
          </p>
        </form>
        <p role="status" data-shown={String(shown.length)}>
          {t('akimat.pages.functions.count', { shown: shown.length, total: counts.total })}
          {pages > 1
            ? ` ${t('akimat.pages.functions.page', {
                first: first + 1,
                last: first + onPage.length,
              })}`
            : ''}
        </p>
        {onPage.length ? (
          <section class="table-scroll" aria-labelledby="functions" tabindex={0}>
            <table class="akimat-functions">
              <thead>
                <tr>
                  <th scope="col">{t('catalog.column.number')}</th>
                  <th scope="col">{t('catalog.column.function')}</th>
                  <th scope="col">{t('akimat.pages.column.recommended')}</th>
                  <th scope="col">{t('akimat.pages.column.used')}</th>
                  <th scope="col">{t('akimat.pages.column.levels')}</th>
                  <th scope="col">{t('akimat.pages.column.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('akimat.pages.column.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {onPage.map((fn) => (
                  <tr data-key={fn.key}>
                    <td class="nowrap">
                      {fn.row.section}.{fn.row.number}
                    </td>
                    <td lang={fn.row.language}>{fn.row.function}</td>
                    <td>
                      <Recommended t={t} snapshot={snapshot} ids={fn.recommended} />
                    </td>
                    <td>
                      <Used
                        t={t}
                        snapshot={snapshot}
                        objects={architecture.objects}
                        decision={fn.decision}
                        language={language}
                      />
                    </td>
                    <td>
                      <Levels t={t} fn={fn} />
                    </td>
                    <td>
                      <StatusBadge t={t} status={fn.status} />
                    </td>
                    <td>
                      <a href={functionPath(id, fn.key)}>
                        {t(
                          editable
                            ? 'akimat.pages.functions.decide'
                            : 'akimat.pages.functions.open',
                        )}
                        <span class="visually-hidden">
                          {' '}
                          {fn.row.section}.{fn.row.number}
                        </span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : (
          <p class="muted">{t('akimat.pages.functions.none')}</p>
        )}
        {pages > 1 ? (
          <nav class="pages" aria-label={t('catalog.pages')}>
            <ul>
              {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
                <li>
                  <a href={pageLink(n)} aria-current={n === page ? 'page' : undefined}>
                    {n}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </section>

      {architecture.outside.length ? (
        <section aria-labelledby="outside">
          <h2 id="outside">{t('akimat.pages.outside.title')}</h2>
          <p>{t('akimat.pages.outside.text')}</p>
          <table class="akimat-outside">
            <thead>
              <tr>
                <th scope="col">{t('akimat.pages.column.key')}</th>
                <th scope="col">{t('akimat.pages.column.used')}</th>
                <th scope="col">{t('akimat.pages.field.level')}</th>
                <th scope="col">{t('akimat.pages.history.when')}</th>
              </tr>
            </thead>
            <tbody>
              {architecture.outside.map((o) => (
                <tr>
                  <td>
                    <a href={functionPath(id, o.key)}>{o.key}</a>
                  </td>
                  <td>
                    {o.decision.performed ? (
                      <Used
                        t={t}
                        snapshot={snapshot}
                        objects={architecture.objects}
                        decision={o.decision}
                        language={language}
                      />
                    ) : (
                      statusWord(t, 'not-performed')
                    )}
                  </td>
                  <td>{o.decision.level}</td>
                  <td>{kzDateTime(o.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="events">
        <h2 id="events">{t('akimat.pages.events.title')}</h2>
        {events.length === 0 ? (
          <p class="muted">{t('akimat.pages.events.none')}</p>
        ) : (
          <ol class="timeline akimat-events">
            {events.map((e) => (
              <li>
                <time datetime={e.at}>{kzDateTime(e.at)}</time>
                {e.userId !== null ? ` — ${users.get(e.userId) ?? '—'}` : ''}:{' '}
                {eventText(t, e.kind, e.details)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </AkimatPage>
  )
}
