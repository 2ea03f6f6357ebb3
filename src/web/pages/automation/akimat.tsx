/**
 * @module
 * An akimat's own automation (typical architecture, paragraph 9.2), for the akimat's own users:
 * `/akimats/:id/automation` lists the functions of its adopted set with their pattern, central
 * coverage (a covered function points to its system: nothing to switch on), the level e-akimat
 * reaches and whether it is switched on; administrators switch functions on and off with one
 * button each. `/akimats/:id/automation/:key` shows one function's automation: pattern and
 * evidence, the generated service and its versions, registries, history, and for administrators
 * the configuration form.
 *
 * Configuration form fields (flat names): `revision`; `nameKk`, `nameRu`, `nameEn`;
 * `field.count` and per row N `field.N.id`, `field.N.type`, `field.N.labelKk|labelRu|labelEn`,
 * `field.N.required` (checkbox), `field.N.maxLength`, `field.N.remove` (checkbox) — the last row is
 * empty, to add a field, and rows without id and labels are ignored; `attachment`;
 * `decisionDays`, `issueDays`, `termDays`; `recipient.individual`, `recipient.legal-entity`
 * (checkboxes); `writer.operator|editor|admin|signer` (checkboxes); for each registry of records
 * the same field rows named `reg.<slot>.count`, `reg.<slot>.N.id`…
 */
import type { Context, Hono } from 'hono'
import { akimatFor } from '../../../akimat/index.js'
import { listUsers } from '../../../auth/index.js'
import {
  type AutomatableFunction,
  type AutomationConfig,
  automationDetail,
  automationOverview,
  canManageAutomation,
  configureAutomation,
  type FieldConfig,
  PATTERNS,
  type Pattern,
  type Registry,
  switchOff,
  switchOn,
  WRITER_ROLES,
} from '../../../automation/index.js'
import type { CatalogSnapshot } from '../../../catalog/index.js'
import { AppError, NotFoundError } from '../../../core/index.js'
import type { Language, MessageKey, Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import { rowPath } from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { AkimatPage, akimatIdParam, catalogOf, dbOf } from '../akimat/frame.js'
import { FUNCTION_KEY, functionPath } from '../akimat/function.js'
import { ErrorBox, errorMessage, errorStatus, field, kzDateTime } from '../portal/frame.js'

/** The automation overview of an akimat, or one function's automation page. */
export const automationPath = (id: number, key?: string) =>
  key === undefined
    ? `/akimats/${id}/automation`
    : `/akimats/${id}/automation/${encodeURIComponent(key)}`

/** The akimat's registries, or one of them. */
export const registryPath = (id: number, registryId?: number) =>
  registryId === undefined ? `/akimats/${id}/registries` : `/akimats/${id}/registries/${registryId}`

/** A pattern's full name, or the reason a row is not automatable here. */
export function patternName(t: Translator, pattern: Pattern | 'none', reason: string | null) {
  if (pattern === 'none') return t(`automation.reason.${reason ?? 'no-approach'}` as MessageKey)
  return t(`automation.pattern.${pattern}` as MessageKey)
}

/** The system names of a coverage, as the catalogue writes them (ids it does not hold as they are). */
export function systemNames(snapshot: CatalogSnapshot, ids: readonly string[]): string {
  return [...new Set(ids.map((id) => snapshot.systemById.get(id)?.name ?? id))].join(', ')
}

/** What central systems do for a function, in words. */
export function coverageText(t: Translator, snapshot: CatalogSnapshot, f: AutomatableFunction) {
  if (f.coverage === 'central') {
    return t('automation.useCentral', { systems: systemNames(snapshot, f.systems) })
  }
  if (f.coverage === 'partial') {
    return t('automation.partialCentral', { systems: systemNames(snapshot, f.systems) })
  }
  return t('automation.noCentral')
}

export type SwitchState = 'on' | 'off' | 'never'
export const switchState = (f: AutomatableFunction): SwitchState =>
  !f.automation ? 'never' : f.automation.enabled ? 'on' : 'off'

function StateBadge({ t, state }: { t: Translator; state: SwitchState }) {
  return (
    <span class={`badge automation-state automation-state-${state}`} data-state={state}>
      {t(`automation.status.${state}` as MessageKey)}
    </span>
  )
}

/** The `:key` route parameter, checked (anything else is a 404). */
export function keyParam(c: Context<AppEnv>): string {
  const key = c.req.param('key') ?? ''
  if (!FUNCTION_KEY.test(key)) throw new NotFoundError(`No function ${key}`, 'error.notFound')
  return key
}

const LANGS = ['kk', 'ru', 'en'] as const
const cap = (l: string) => l.charAt(0).toUpperCase() + l.slice(1)
const LANGUAGE_LABEL: Record<(typeof LANGS)[number], string> = {
  kk: 'қаз',
  ru: 'рус',
  en: 'eng',
}

/** The field rows of a form (`prefix.N.…`), as FieldConfig; the empty rows and removed ones left out. */
export function fieldsFromForm(body: Record<string, unknown>, prefix: string): FieldConfig[] {
  const count = Math.min(60, Number(field(body, `${prefix}.count`)) || 0)
  const fields: FieldConfig[] = []
  for (let i = 0; i < count; i++) {
    const value = (name: string) => field(body, `${prefix}.${i}.${name}`).trim()
    if (value('remove') === 'on') continue
    const id = value('id')
    const label = { kk: value('labelKk'), ru: value('labelRu'), en: value('labelEn') }
    if (!id && !label.kk && !label.ru && !label.en) continue
    const max = value('maxLength')
    fields.push({
      id,
      type: (value('type') || 'text') as FieldConfig['type'],
      label,
      required: value('required') === 'on',
      ...(max ? { maxLength: /^\d{1,6}$/.test(max) ? Number(max) : Number.NaN } : {}),
    })
  }
  return fields
}

const days = (value: string) => (/^\d{1,4}$/.test(value.trim()) ? Number(value) : Number.NaN)

/** The configuration form as the domain's input (parts the form does not show stay as they are). */
export function configFromForm(
  body: Record<string, unknown>,
  current: AutomationConfig,
  registries: readonly Registry[],
): { config: AutomationConfig; registryFields: Record<string, FieldConfig[]> } {
  const config: AutomationConfig = { ...current }
  if (body['field.count'] !== undefined) {
    config.name = Object.fromEntries(
      LANGS.map((l) => [l, field(body, `name${cap(l)}`).trim()]).filter(([, v]) => v),
    )
    config.fields = fieldsFromForm(body, 'field')
    config.attachment = field(body, 'attachment') as AutomationConfig['attachment']
    config.decisionDays = days(field(body, 'decisionDays'))
    config.issueDays = days(field(body, 'issueDays'))
    config.termDays = days(field(body, 'termDays'))
    config.recipientTypes = (['individual', 'legal-entity'] as const).filter(
      (r) => field(body, `recipient.${r}`) === 'on',
    )
  }
  if (body['writers.shown'] !== undefined) {
    config.writerRoles = WRITER_ROLES.filter((r) => field(body, `writer.${r}`) === 'on')
  }
  const registryFields: Record<string, FieldConfig[]> = {}
  for (const registry of registries) {
    if (registry.kind !== 'records') continue
    if (body[`reg.${registry.slot}.count`] === undefined) continue
    registryFields[registry.slot] = fieldsFromForm(body, `reg.${registry.slot}`)
  }
  return { config, registryFields }
}

export function registerAutomationAkimatPages(app: Hono<AppEnv>): void {
  app.get('/akimats/:id/automation', async (c) => c.html(await overviewPage(c)))
  app.get('/akimats/:id/automation/:key', async (c) => c.html(await detailPage(c)))
  for (const action of ['on', 'off'] as const) {
    app.post(`/akimats/:id/automation/:key/${action}`, async (c) => {
      const actor = requireActor(c)
      const id = akimatIdParam(c)
      const key = keyParam(c)
      const body = (await c.req.parseBody()) as Record<string, unknown>
      const snapshot = await catalogOf(c)
      if (action === 'on') {
        await switchOn(dbOf(c), actor, snapshot, id, key, {
          confirmNotCentral: field(body, 'confirmNotCentral') === 'on',
        })
      } else await switchOff(dbOf(c), actor, snapshot, id, key)
      const done = `done=${action}&key=${encodeURIComponent(key)}`
      if (field(body, 'back') === 'detail') {
        return c.redirect(`${automationPath(id, key)}?${done}`, 303)
      }
      const pattern = field(body, 'pattern')
      const filter = isFilter(pattern) ? `pattern=${pattern}&` : ''
      return c.redirect(`${automationPath(id)}?${filter}${done}`, 303)
    })
  }
  app.post('/akimats/:id/automation/:key/config', async (c) => {
    const actor = requireActor(c)
    const id = akimatIdParam(c)
    const key = keyParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const db = dbOf(c)
    const snapshot = await catalogOf(c)
    const detail = await automationDetail(db, actor, snapshot, id, key)
    const automation = detail.automation
    if (!automation) {
      throw new NotFoundError(`${key} was never switched on`, 'automation.error.notSwitchedOn', {
        key,
      })
    }
    const draft = configFromForm(body, automation.config, detail.registries)
    const revision = field(body, 'revision')
    try {
      const saved = await configureAutomation(db, actor, snapshot, id, key, {
        config: draft.config,
        registryFields: draft.registryFields,
        expectedRevision: /^\d{1,9}$/.test(revision) ? Number(revision) : undefined,
      })
      const done = saved.revision === automation.revision ? 'unchanged' : 'configured'
      return c.redirect(`${automationPath(id, key)}?done=${done}`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status === 403) throw error
      return c.html(
        await detailPage(c, { draft, error: errorMessage(c.get('t'), error) }),
        errorStatus(error),
      )
    }
  })
}

type Filter = Pattern | 'none'
const isFilter = (value: string): value is Filter =>
  value === 'none' || (PATTERNS as readonly string[]).includes(value)

async function overviewPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const overview = await automationOverview(db, actor, snapshot, id)
  const akimat = await akimatFor(db, actor, id)
  const admin = canManageAutomation(actor, id)
  const wanted = c.req.query('pattern') ?? ''
  const filter = isFilter(wanted) ? wanted : undefined
  const shown = overview.functions.filter(
    (f) => filter === undefined || f.classification.pattern === filter,
  )
  const done = c.req.query('done')
  const doneKey = c.req.query('key') ?? ''
  const title = t('automation.overview.title')
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="automation">
      <h1>{title}</h1>
      <p class="lead">{t('automation.overview.intro')}</p>
      {(done === 'on' || done === 'off') && FUNCTION_KEY.test(doneKey) ? (
        <p class="notice" role="status">
          {t(done === 'on' ? 'automation.done.on' : 'automation.done.off', { key: doneKey })}{' '}
          <a href={automationPath(id, doneKey)}>{doneKey}</a>
        </p>
      ) : null}
      <p data-counts="">{t('automation.overview.counts', overview.counts)}</p>
      <p>
        <a href={registryPath(id)}>{t('automation.overview.registriesLink')}</a> ·{' '}
        <a href="/automation/coverage">{t('automation.overview.reportLink')}</a>
      </p>
      {admin ? null : <p class="muted">{t('automation.overview.notAdmin')}</p>}
      <form method="get" action={automationPath(id)} class="filters">
        <label for="a-pattern">{t('automation.overview.filter')}</label>{' '}
        <select id="a-pattern" name="pattern">
          <option value="">{t('automation.overview.filter.all')}</option>
          {[...PATTERNS, 'none' as const].map((p) => (
            <option value={p} selected={filter === p}>
              {p === 'none'
                ? t('automation.pattern.none')
                : t(`automation.pattern.short.${p}` as MessageKey)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('automation.overview.filter.apply')}</button>
      </form>
      <p data-shown={String(shown.length)}>
        {t('automation.overview.shown', { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p class="muted">{t('automation.overview.none')}</p>
      ) : (
        <section class="table-scroll" aria-labelledby="automation-caption" tabindex={0}>
          <table class="automation-functions">
            <caption id="automation-caption" class="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('automation.column.key')}</th>
                <th scope="col">{t('automation.column.function')}</th>
                <th scope="col">{t('automation.column.pattern')}</th>
                <th scope="col">{t('automation.column.coverage')}</th>
                <th scope="col">{t('automation.column.level')}</th>
                <th scope="col">{t('automation.column.status')}</th>
                {admin ? <th scope="col">{t('automation.column.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => {
                const state = switchState(f)
                return (
                  <tr data-key={f.key} data-pattern={f.classification.pattern}>
                    <td class="nowrap">
                      <a href={automationPath(id, f.key)}>{f.key}</a>
                    </td>
                    <td lang={f.fn.row.language}>{f.fn.row.function}</td>
                    <td title={patternName(t, f.classification.pattern, f.classification.reason)}>
                      {f.classification.pattern === 'none'
                        ? patternName(t, 'none', f.classification.reason)
                        : t(`automation.pattern.short.${f.classification.pattern}` as MessageKey)}
                    </td>
                    <td data-coverage={f.coverage}>{coverageText(t, snapshot, f)}</td>
                    <td class="nowrap">
                      {f.classification.pattern === 'none'
                        ? '—'
                        : `${f.levelReached} / ${f.fn.maxLevel}`}
                    </td>
                    <td>
                      <StateBadge t={t} state={state} />
                    </td>
                    {admin ? (
                      <td>
                        {f.offered ? (
                          <SwitchForm c={c} id={id} f={f} pattern={filter} />
                        ) : (
                          <span class="muted">—</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      )}
      {overview.outside.length > 0 ? (
        <section class="automation-outside">
          <h2>{t('automation.outside.title')}</h2>
          <p>{t('automation.outside.intro')}</p>
          <ul>
            {overview.outside.map((a) => (
              <li data-key={a.functionKey}>
                {a.functionKey} — {patternName(t, a.pattern, null)}{' '}
                {a.enabled && admin ? (
                  <form
                    method="post"
                    action={`${automationPath(id, a.functionKey)}/off`}
                    class="inline-form"
                  >
                    <CsrfField token={c.get('csrfToken')} />
                    <button type="submit" class="secondary">
                      {t('automation.switchOff')}
                    </button>
                  </form>
                ) : (
                  <StateBadge t={t} state={a.enabled ? 'on' : 'off'} />
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AkimatPage>
  )
}

/** An event's details in the reader's words: pattern, level, service and version, what changed. */
function eventDetails(t: Translator, details: Record<string, unknown>): string {
  const parts: string[] = []
  if (typeof details.pattern === 'string') {
    parts.push(
      `${t('automation.detail.pattern')}: ${t(`automation.pattern.short.${details.pattern}` as MessageKey)}`,
    )
  }
  if (typeof details.level === 'number') {
    parts.push(`${t('automation.detail.level')}: ${details.level}`)
  }
  if (typeof details.serviceCode === 'string') {
    parts.push(`${t('automation.detail.service')}: ${details.serviceCode}`)
  }
  if (typeof details.version === 'number') {
    parts.push(`${t('automation.detail.version')}: ${details.version}`)
  }
  if (Array.isArray(details.registries) && details.registries.length > 0) {
    parts.push(`${t('automation.detail.registries')}: ${details.registries.join(', ')}`)
  }
  if (Array.isArray(details.confirmedNotProvidedBy)) {
    parts.push(
      t('automation.confirmPartial', { systems: details.confirmedNotProvidedBy.join(', ') }),
    )
  }
  return parts.join('; ') || '—'
}

/** The one button that switches a function on or off. */
function SwitchForm({
  c,
  id,
  f,
  pattern,
  back,
}: {
  c: Context<AppEnv>
  id: number
  f: AutomatableFunction
  pattern?: string
  back?: 'detail'
}) {
  const t = c.get('t')
  const on = f.automation?.enabled === true
  return (
    <form
      method="post"
      action={`${automationPath(id, f.key)}/${on ? 'off' : 'on'}`}
      class="inline-form"
    >
      <CsrfField token={c.get('csrfToken')} />
      {pattern ? <input type="hidden" name="pattern" value={pattern} /> : null}
      {back ? <input type="hidden" name="back" value={back} /> : null}
      {!on && f.coverage === 'partial' ? (
        <label class="checkbox confirm-partial">
          <input type="checkbox" name="confirmNotCentral" value="on" required />{' '}
          {t('automation.confirmPartial', { systems: f.fn.row.systems.join(', ') })}
        </label>
      ) : null}
      <button type="submit" class={on ? 'secondary' : undefined}>
        {t(on ? 'automation.switchOff' : 'automation.switchOn')}
        <span class="visually-hidden"> {f.key}</span>
      </button>
    </form>
  )
}

interface Draft {
  config: AutomationConfig
  registryFields: Record<string, FieldConfig[]>
}

async function detailPage(c: Context<AppEnv>, form: { draft?: Draft; error?: string } = {}) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const id = akimatIdParam(c)
  const key = keyParam(c)
  const db = dbOf(c)
  const snapshot = await catalogOf(c)
  const detail = await automationDetail(db, actor, snapshot, id, key)
  const akimat = await akimatFor(db, actor, id)
  const admin = canManageAutomation(actor, id)
  const f = detail.function
  const automation = detail.automation
  const users = new Map((await listUsers(db)).map((u) => [u.id, u.name]))
  const done = c.req.query('done')
  const doneKeys: Record<string, MessageKey> = {
    on: 'automation.done.on',
    off: 'automation.done.off',
    configured: 'automation.done.configured',
    unchanged: 'automation.done.unchanged',
  }
  const title = t('automation.detail.title', { key })
  const row = f.fn.row
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="automation">
      <p class="breadcrumbs">
        <a href={automationPath(id)}>{t('automation.overview.title')}</a>
      </p>
      <h1>{title}</h1>
      {done && doneKeys[done] ? (
        <p class="notice" role="status">
          {t(doneKeys[done]!, { key })}
        </p>
      ) : null}
      <ErrorBox message={form.error} />
      <dl class="fields">
        <dt>{t('automation.column.function')}</dt>
        <dd lang={row.language}>{row.function}</dd>
        <dt>{t('automation.detail.pattern')}</dt>
        <dd data-pattern={f.classification.pattern}>
          {patternName(t, f.classification.pattern, f.classification.reason)}
        </dd>
        <dt>{t('automation.detail.evidence')}</dt>
        <dd>
          {f.classification.evidence ? <q lang={row.language}>{f.classification.evidence}</q> : '—'}{' '}
          <span class="muted small">
            ({t(`automation.source.${f.classification.source}` as MessageKey)})
          </span>
        </dd>
        <dt>{t('automation.detail.coverage')}</dt>
        <dd data-coverage={f.coverage}>{coverageText(t, snapshot, f)}</dd>
        <dt>{t('automation.detail.level')}</dt>
        <dd>
          {f.classification.pattern === 'none' ? '—' : `${f.levelReached} / ${f.fn.maxLevel}`}
        </dd>
        <dt>{t('automation.detail.status')}</dt>
        <dd>
          <StateBadge t={t} state={switchState(f)} />
          {admin && f.offered ? (
            <>
              {' '}
              <SwitchForm c={c} id={id} f={f} back="detail" />
            </>
          ) : null}
        </dd>
        <dt>{t('automation.detail.rowPage')}</dt>
        <dd>
          <a href={rowPath(row)}>{key}</a> ·{' '}
          <a href={functionPath(id, key)}>{t('automation.detail.functionPage')}</a>
        </dd>
        {automation?.serviceCode ? (
          <>
            <dt>{t('automation.detail.service')}</dt>
            <dd>
              <a href={`/services/${automation.serviceCode}`} class="code">
                {automation.serviceCode}
              </a>
              {automation.enabled ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/services/${automation.serviceCode}/apply`}>
                    {t('automation.detail.serviceApply')}
                  </a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {!f.offered ? <p class="notice">{t('automation.detail.notOffered')}</p> : null}
      {f.offered && !automation ? <p class="muted">{t('automation.detail.neverOn')}</p> : null}
      {detail.versions.length ? (
        <section aria-labelledby="versions-h">
          <h2 id="versions-h">{t('automation.detail.versions')}</h2>
          <table class="automation-versions">
            <thead>
              <tr>
                <th scope="col">{t('automation.detail.version')}</th>
                <th scope="col">{t('automation.detail.created')}</th>
                <th scope="col">{t('automation.detail.active')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.versions.map((v) => (
                <tr data-version={String(v.version)}>
                  <td class="num">{v.version}</td>
                  <td>
                    <time datetime={v.createdAt}>{kzDateTime(v.createdAt)}</time>
                  </td>
                  <td>{t(v.active ? 'akimat.pages.yes' : 'akimat.pages.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {automation ? (
        <section aria-labelledby="registries-h">
          <h2 id="registries-h">{t('automation.detail.registries')}</h2>
          {detail.registries.length === 0 ? (
            <p class="muted">{t('automation.detail.noRegistries')}</p>
          ) : (
            <table class="automation-registries">
              <thead>
                <tr>
                  <th scope="col">{t('automation.detail.registry')}</th>
                  <th scope="col">{t('automation.detail.kind')}</th>
                  <th scope="col" class="num">
                    {t('automation.detail.records')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.registries.map((r) => (
                  <tr data-registry={String(r.id)} data-slot={r.slot}>
                    <td>
                      <a href={registryPath(id, r.id)}>{r.name[language]}</a>
                    </td>
                    <td>{t(`automation.kind.${r.kind}` as MessageKey)}</td>
                    <td class="num">{r.kind === 'records' ? r.records : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {automation && admin ? (
        <ConfigForm
          c={c}
          id={id}
          fkey={key}
          pattern={automation.pattern}
          revision={automation.revision}
          config={form.draft?.config ?? automation.config}
          registries={detail.registries}
          registryFields={form.draft?.registryFields ?? {}}
        />
      ) : null}
      {automation ? (
        <section aria-labelledby="events-h">
          <h2 id="events-h">{t('automation.detail.events')}</h2>
          {detail.events.length === 0 ? (
            <p class="muted">{t('automation.detail.noEvents')}</p>
          ) : (
            <div class="table-scroll">
              <table class="automation-events">
                <thead>
                  <tr>
                    <th scope="col">{t('automation.detail.event.at')}</th>
                    <th scope="col">{t('automation.detail.event.kind')}</th>
                    <th scope="col">{t('automation.detail.event.who')}</th>
                    <th scope="col">{t('automation.detail.event.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.events.map((e) => (
                    <tr data-event={e.kind}>
                      <td>
                        <time datetime={e.at}>{kzDateTime(e.at)}</time>
                      </td>
                      <td>{eventName(t, e.kind)}</td>
                      <td>{e.userId !== null ? (users.get(e.userId) ?? '—') : '—'}</td>
                      <td class="small">{eventDetails(t, e.details)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </AkimatPage>
  )
}

function eventName(t: Translator, kind: string): string {
  const key = `automation.event.${kind}`
  return ['switched-on', 'switched-off', 'configured'].includes(kind) ? t(key as MessageKey) : kind
}

/** Editable rows of fields (`prefix.N.…`) and one empty row to add a field. */
function FieldRows({
  t,
  prefix,
  fields,
  caption,
}: {
  t: Translator
  prefix: string
  fields: readonly FieldConfig[]
  caption: string
}) {
  const rows: (FieldConfig | null)[] = [...fields, null]
  const idOf = (i: number, name: string) => `${prefix}-${i}-${name}`.replace(/[^\w-]/g, '-')
  return (
    <section class="table-scroll" tabindex={0} aria-label={caption}>
      <input type="hidden" name={`${prefix}.count`} value={String(rows.length)} />
      <table class="automation-field-editor">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('automation.config.field.id')}</th>
            <th scope="col">{t('automation.config.field.type')}</th>
            {LANGS.map((l) => (
              <th scope="col">
                {t('automation.config.field.label', { language: LANGUAGE_LABEL[l] })}
              </th>
            ))}
            <th scope="col">{t('automation.config.field.required')}</th>
            <th scope="col">{t('automation.config.field.maxLength')}</th>
            <th scope="col">{t('automation.config.field.remove')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => {
            const name = (n: string) => `${prefix}.${i}.${n}`
            return (
              <tr data-field={f?.id ?? ''}>
                <td>
                  <input
                    type="text"
                    id={idOf(i, 'id')}
                    name={name('id')}
                    value={f?.id ?? ''}
                    size={12}
                    maxlength={31}
                    aria-label={t('automation.config.field.id')}
                  />
                </td>
                <td>
                  <select name={name('type')} aria-label={t('automation.config.field.type')}>
                    {(['text', 'textarea', 'date', 'number'] as const).map((type) => (
                      <option value={type} selected={(f?.type ?? 'text') === type}>
                        {t(`automation.config.type.${type}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                {LANGS.map((l) => (
                  <td>
                    <input
                      type="text"
                      name={name(`label${cap(l)}`)}
                      value={f?.label[l] ?? ''}
                      maxlength={200}
                      lang={l}
                      aria-label={t('automation.config.field.label', {
                        language: LANGUAGE_LABEL[l],
                      })}
                    />
                  </td>
                ))}
                <td>
                  <input
                    type="checkbox"
                    name={name('required')}
                    checked={f?.required ?? false}
                    aria-label={t('automation.config.field.required')}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    name={name('maxLength')}
                    min={1}
                    max={10000}
                    value={
                      f?.maxLength !== undefined && Number.isFinite(f.maxLength)
                        ? String(f.maxLength)
                        : ''
                    }
                    aria-label={t('automation.config.field.maxLength')}
                  />
                </td>
                <td>
                  {f ? (
                    <input
                      type="checkbox"
                      name={name('remove')}
                      aria-label={t('automation.config.field.remove')}
                    />
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

function ConfigForm({
  c,
  id,
  fkey,
  pattern,
  revision,
  config,
  registries,
  registryFields,
}: {
  c: Context<AppEnv>
  id: number
  fkey: string
  pattern: Pattern
  revision: number
  config: AutomationConfig
  registries: readonly Registry[]
  registryFields: Record<string, FieldConfig[]>
}) {
  const t = c.get('t')
  const language: Language = c.get('language')
  const number = (n: number) => (Number.isFinite(n) ? String(n) : '')
  return (
    <section aria-labelledby="config-h">
      <h2 id="config-h">{t('automation.config.title')}</h2>
      <form
        method="post"
        action={`${automationPath(id, fkey)}/config`}
        class="portal-form automation-config"
      >
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="revision" value={String(revision)} />
        {pattern === 'application' ? (
          <fieldset>
            <legend>{t('automation.config.service')}</legend>
            {LANGS.map((l) => (
              <p>
                <label for={`c-name-${l}`}>
                  {t('automation.config.name', { language: LANGUAGE_LABEL[l] })}
                </label>
                <br />
                <input
                  type="text"
                  id={`c-name-${l}`}
                  name={`name${cap(l)}`}
                  value={config.name[l] ?? ''}
                  maxlength={500}
                  lang={l}
                  class="wide"
                />
              </p>
            ))}
            <p class="hint">{t('automation.config.fieldsHint')}</p>
            <FieldRows
              t={t}
              prefix="field"
              fields={config.fields}
              caption={t('automation.config.fields')}
            />
            <fieldset>
              <legend>{t('automation.config.attachment')}</legend>
              {(['none', 'optional', 'required'] as const).map((a) => (
                <p class="checkbox">
                  <input
                    type="radio"
                    id={`c-attachment-${a}`}
                    name="attachment"
                    value={a}
                    checked={config.attachment === a}
                  />{' '}
                  <label for={`c-attachment-${a}`}>
                    {t(`automation.config.attachment.${a}` as MessageKey)}
                  </label>
                </p>
              ))}
            </fieldset>
            {(
              [
                ['decisionDays', 'automation.config.decisionDays', 60],
                ['issueDays', 'automation.config.issueDays', 60],
                ['termDays', 'automation.config.termDays', 365],
              ] as const
            ).map(([name, label, max]) => (
              <p>
                <label for={`c-${name}`}>{t(label)}</label>{' '}
                <input
                  type="number"
                  id={`c-${name}`}
                  name={name}
                  min={1}
                  max={max}
                  value={number(config[name])}
                  required
                />
              </p>
            ))}
            <fieldset>
              <legend>{t('automation.config.recipientTypes')}</legend>
              {(['individual', 'legal-entity'] as const).map((r) => (
                <p class="checkbox">
                  <input
                    type="checkbox"
                    id={`c-recipient-${r}`}
                    name={`recipient.${r}`}
                    checked={config.recipientTypes.includes(r)}
                  />{' '}
                  <label for={`c-recipient-${r}`}>
                    {t(`automation.config.recipient.${r}` as MessageKey)}
                  </label>
                </p>
              ))}
            </fieldset>
            <p class="hint">{t('automation.config.serviceRoles')}</p>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('automation.config.writerRoles')}</legend>
          <input type="hidden" name="writers.shown" value="1" />
          {WRITER_ROLES.map((r) => (
            <p class="checkbox">
              <input
                type="checkbox"
                id={`c-writer-${r}`}
                name={`writer.${r}`}
                checked={config.writerRoles.includes(r)}
              />{' '}
              <label for={`c-writer-${r}`}>{t(`automation.config.role.${r}` as MessageKey)}</label>
            </p>
          ))}
        </fieldset>
        {registries
          .filter((r) => r.kind === 'records')
          .map((r) => (
            <FieldRows
              t={t}
              prefix={`reg.${r.slot}`}
              fields={registryFields[r.slot] ?? r.fields}
              caption={t('automation.config.registryFields', { name: r.name[language] })}
            />
          ))}
        <p>
          <button type="submit">{t('automation.config.save')}</button>
        </p>
      </form>
    </section>
  )
}
