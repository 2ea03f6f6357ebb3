/**
 * @module
 * An akimat's registries (`/akimats/:id/registries`), for its own users: the list; one registry
 * with its records (kind `records`: a table, the add form for the roles that write, a link to
 * each record's page with its edit form, remove/restore buttons and versions) or with the
 * entries of a service's register (kinds `applications`, `notifications`, `recipients`); and
 * the registry as CSV in the page language (`/akimats/:id/registries/:registryId.csv`).
 *
 * Form field names: a record's values are named by the registry's field ids (`title`, `date`…;
 * ids never start with `_`); `_revision` is the record's revision the form was made from.
 */
import type { Context, Hono } from 'hono'
import { akimatFor } from '../../../akimat/index.js'
import { type Actor, listUsers } from '../../../auth/index.js'
import {
  addRecord,
  changeRecord,
  type FieldConfig,
  type RegistryView,
  recordHistory,
  registriesOf,
  registryCsv,
  registryView,
  requireOwnAkimat,
} from '../../../automation/index.js'
import { AppError, InputError, NotFoundError } from '../../../core/index.js'
import type { MessageKey, Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { AkimatPage, akimatIdParam, dbOf } from '../akimat/frame.js'
import { ErrorBox, errorMessage, errorStatus, field, kzDateTime } from '../portal/frame.js'
import { automationPath, registryPath } from './akimat.js'

/** A record's page. */
export const recordPath = (id: number, registryId: number, recordId: number) =>
  `${registryPath(id, registryId)}/records/${recordId}`

const ID = /^\d{1,9}$/

/** `:registryId` (with `.csv` for the download) as a number; not one is a 404. */
function registryParam(c: Context<AppEnv>): { registryId: number; csv: boolean } {
  const raw = c.req.param('registryId') ?? ''
  const m = /^(\d{1,9})(\.csv)?$/.exec(raw)
  if (!m) throw new NotFoundError(`No registry ${raw}`, 'error.notFound')
  return { registryId: Number(m[1]), csv: m[2] !== undefined }
}

function recordParam(c: Context<AppEnv>): number {
  const raw = c.req.param('recordId') ?? ''
  if (!ID.test(raw)) throw new NotFoundError(`No record ${raw}`, 'error.notFound')
  return Number(raw)
}

/** The registry of the route, read as the actor may (only the akimat's own users). */
async function viewOf(
  c: Context<AppEnv>,
  options: { removed?: boolean } = {},
): Promise<{ actor: Actor; id: number; registryId: number; view: RegistryView; csv: boolean }> {
  const actor = requireActor(c)
  const id = akimatIdParam(c)
  requireOwnAkimat(actor, id)
  const { registryId, csv } = registryParam(c)
  const view = await registryView(dbOf(c), actor, registryId, options)
  return { actor, id, registryId, view, csv }
}

/** The revision the form was made from (`_revision`). */
function revisionOf(body: Record<string, unknown>): number {
  const value = field(body, '_revision')
  if (!ID.test(value)) {
    throw new InputError('The form does not say its revision', 'portal.error.noRevision')
  }
  return Number(value)
}

export function registerRegistryPages(app: Hono<AppEnv>): void {
  app.get('/akimats/:id/registries', async (c) => listPage(c))
  app.get('/akimats/:id/registries/:registryId', async (c) => {
    const { csv } = registryParam(c)
    if (!csv) return c.html(await registryPage(c))
    const { view, registryId } = await viewOf(c)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="registry-${registryId}.csv"`)
    const t = c.get('t')
    const headers = {
      number: t('automation.registry.entry.number'),
      created: t('automation.detail.created'),
      updated: t('automation.registry.updated'),
      registered: t('automation.registry.entry.registered'),
      recipient: t('automation.registry.entry.recipient'),
      iin: t('automation.registry.entry.iin'),
      status: t('automation.registry.entry.status'),
      ended: t('automation.registry.entry.ended'),
      refusal: t('automation.registry.entry.refusal'),
      version: t('automation.detail.version'),
    }
    return c.body(new Uint8Array(registryCsv(view, c.get('language'), headers)))
  })
  app.post('/akimats/:id/registries/:registryId/records', async (c) => {
    const { actor, id, registryId } = await viewOf(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      const record = await addRecord(dbOf(c), actor, registryId, body)
      return c.redirect(`${registryPath(id, registryId)}?done=added&number=${record.number}`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404) throw error
      return c.html(
        await registryPage(c, { values: body, error: errorMessage(c.get('t'), error) }),
        errorStatus(error),
      )
    }
  })
  app.get('/akimats/:id/registries/:registryId/records/:recordId', async (c) =>
    c.html(await recordPage(c)),
  )
  const change = (kind: 'save' | 'remove' | 'restore') => async (c: Context<AppEnv>) => {
    const { actor, id, registryId } = await viewOf(c)
    const recordId = recordParam(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      await changeRecord(dbOf(c), actor, registryId, recordId, {
        ...(kind === 'save' ? { data: body } : { removed: kind === 'remove' }),
        expectedRevision: revisionOf(body),
      })
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404) throw error
      return c.html(
        await recordPage(c, {
          values: kind === 'save' ? body : undefined,
          error: errorMessage(c.get('t'), error),
        }),
        errorStatus(error),
      )
    }
    if (kind === 'save')
      return c.redirect(`${recordPath(id, registryId, recordId)}?done=saved`, 303)
    const done = kind === 'remove' ? 'removed' : 'restored'
    return c.redirect(`${registryPath(id, registryId)}?done=${done}`, 303)
  }
  app.post('/akimats/:id/registries/:registryId/records/:recordId', change('save'))
  app.post('/akimats/:id/registries/:registryId/records/:recordId/remove', change('remove'))
  app.post('/akimats/:id/registries/:registryId/records/:recordId/restore', change('restore'))
}

async function listPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const id = akimatIdParam(c)
  const db = dbOf(c)
  const registries = await registriesOf(db, actor, id)
  const akimat = await akimatFor(db, actor, id)
  const title = t('automation.registries.title')
  return c.html(
    <AkimatPage c={c} title={title} akimat={akimat} tab="automation">
      <p class="breadcrumbs">
        <a href={automationPath(id)}>{t('automation.overview.title')}</a>
      </p>
      <h1>{title}</h1>
      {registries.length === 0 ? (
        <p class="muted">{t('automation.registries.none')}</p>
      ) : (
        <section class="table-scroll" aria-labelledby="registries-caption" tabindex={0}>
          <table class="automation-registries">
            <caption id="registries-caption" class="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('automation.detail.registry')}</th>
                <th scope="col">{t('automation.detail.kind')}</th>
                <th scope="col">{t('automation.registries.function')}</th>
                <th scope="col">{t('automation.registries.state')}</th>
              </tr>
            </thead>
            <tbody>
              {registries.map((r) => (
                <tr data-registry={String(r.id)} data-slot={r.slot}>
                  <td>
                    <a href={registryPath(id, r.id)}>{r.name[language]}</a>
                  </td>
                  <td>{t(`automation.kind.${r.kind}` as MessageKey)}</td>
                  <td>
                    <a href={automationPath(id, r.functionKey)}>{r.functionKey}</a>
                  </td>
                  <td>{t(r.enabled ? 'automation.status.on' : 'automation.status.off')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </AkimatPage>,
  )
}

/** One input of a record form, by the field's type. */
function FieldInput({
  f,
  value,
  prefix,
  language,
}: {
  f: FieldConfig
  value: string
  prefix: string
  language: 'kk' | 'ru' | 'en'
}) {
  const id = `${prefix}-${f.id}`
  const max = f.maxLength ?? (f.type === 'textarea' ? 4000 : 500)
  return (
    <p>
      <label for={id}>
        {f.label[language]}
        {f.required ? ' *' : ''}
      </label>
      <br />
      {f.type === 'textarea' ? (
        <textarea id={id} name={f.id} rows={3} maxlength={max} required={f.required}>
          {value}
        </textarea>
      ) : (
        <input
          type={f.type === 'date' ? 'date' : 'text'}
          inputmode={f.type === 'number' ? 'decimal' : undefined}
          id={id}
          name={f.id}
          value={value}
          maxlength={f.type === 'date' ? undefined : max}
          required={f.required}
        />
      )}
    </p>
  )
}

const DONE: Record<string, MessageKey> = {
  added: 'automation.registry.done.added',
  saved: 'automation.registry.done.saved',
  removed: 'automation.registry.done.removed',
  restored: 'automation.registry.done.restored',
}

async function registryPage(
  c: Context<AppEnv>,
  form: { values?: Record<string, unknown>; error?: string } = {},
) {
  const showRemoved = c.req.query('removed') === '1'
  const { actor, id, registryId, view } = await viewOf(c, { removed: showRemoved })
  const t = c.get('t')
  const language = c.get('language')
  const akimat = await akimatFor(dbOf(c), actor, id)
  const { registry } = view
  const title = t('automation.registry.title', { name: registry.name[language] })
  const done = c.req.query('done') ?? ''
  const number = c.req.query('number') ?? ''
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="automation">
      <p class="breadcrumbs">
        <a href={registryPath(id)}>{t('automation.registries.title')}</a> ·{' '}
        <a href={automationPath(id, view.automation.functionKey)}>{view.automation.functionKey}</a>
      </p>
      <h1>{title}</h1>
      {DONE[done] ? (
        <p class="notice" role="status">
          {t(DONE[done]!, { number: ID.test(number) ? number : '' })}
        </p>
      ) : null}
      <ErrorBox message={form.error} />
      <p>
        {t(`automation.kind.${registry.kind}` as MessageKey)}
        {registry.name.printed ? (
          <>
            {' '}
            · {t('automation.registry.printed')}: <q lang="kk">{registry.name.printed}</q>
          </>
        ) : null}
      </p>
      <p class="downloads">
        <a href={`${registryPath(id, registryId)}.csv`} download>
          {t('automation.registry.csv')}
        </a>
      </p>
      {registry.kind === 'records' ? (
        <>
          {view.writable ? null : <p class="muted">{t('automation.registry.readOnly')}</p>}
          <p>
            {showRemoved ? (
              <a href={registryPath(id, registryId)}>{title}</a>
            ) : (
              <a href={`${registryPath(id, registryId)}?removed=1`}>
                {t('automation.registry.showRemoved')}
              </a>
            )}
          </p>
          <RecordsTable t={t} id={id} view={view} language={language} />
          {view.writable ? (
            <section aria-labelledby="add-h">
              <h2 id="add-h">{t('automation.registry.add')}</h2>
              <form
                method="post"
                action={`${registryPath(id, registryId)}/records`}
                class="portal-form"
              >
                <CsrfField token={c.get('csrfToken')} />
                {registry.fields.map((f) => (
                  <FieldInput
                    f={f}
                    value={form.values ? field(form.values, f.id) : ''}
                    prefix="new"
                    language={language}
                  />
                ))}
                <p>
                  <button type="submit">{t('automation.registry.addButton')}</button>
                </p>
              </form>
            </section>
          ) : null}
        </>
      ) : (
        <EntriesTable t={t} view={view} />
      )}
    </AkimatPage>
  )
}

function RecordsTable({
  t,
  id,
  view,
  language,
}: {
  t: Translator
  id: number
  view: RegistryView
  language: 'kk' | 'ru' | 'en'
}) {
  const { registry, records } = view
  if (records.length === 0) return <p class="muted">{t('automation.registry.noRecords')}</p>
  return (
    <section class="table-scroll" aria-labelledby="records-caption" tabindex={0}>
      <table class="automation-records">
        <caption id="records-caption" class="visually-hidden">
          {registry.name[language]}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('automation.registry.number')}</th>
            {registry.fields.map((f) => (
              <th scope="col">{f.label[language]}</th>
            ))}
            <th scope="col">{t('automation.registry.updated')}</th>
            <th scope="col">{t('automation.registry.open')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr data-record={String(r.id)} data-removed={r.removed ? '1' : undefined}>
              <td class="num">
                {r.number}
                {r.removed ? (
                  <>
                    {' '}
                    <span class="badge">{t('automation.registry.removed')}</span>
                  </>
                ) : null}
              </td>
              {registry.fields.map((f) => (
                <td class="prewrap">{r.data[f.id] ?? ''}</td>
              ))}
              <td>
                <time datetime={r.updatedAt}>{kzDateTime(r.updatedAt)}</time>
              </td>
              <td>
                <a href={recordPath(id, registry.id, r.id)}>
                  {t('automation.registry.open')}
                  <span class="visually-hidden"> {r.number}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function EntriesTable({ t, view }: { t: Translator; view: RegistryView }) {
  if (view.entries.length === 0) return <p class="muted">{t('automation.registry.noEntries')}</p>
  return (
    <section class="table-scroll" aria-labelledby="entries-caption" tabindex={0}>
      <table class="automation-entries">
        <caption id="entries-caption" class="visually-hidden">
          {t(`automation.kind.${view.registry.kind}` as MessageKey)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('automation.registry.entry.number')}</th>
            <th scope="col">{t('automation.registry.entry.registered')}</th>
            <th scope="col">{t('automation.registry.entry.recipient')}</th>
            <th scope="col">{t('automation.registry.entry.status')}</th>
            <th scope="col">{t('automation.registry.entry.ended')}</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e) => (
            <tr data-application={String(e.applicationId)}>
              <td class="code">{e.number}</td>
              <td>
                <time datetime={e.registeredAt}>{kzDateTime(e.registeredAt)}</time>
              </td>
              <td>{e.recipientName}</td>
              <td>{e.status}</td>
              <td>{e.endedAt ? <time datetime={e.endedAt}>{kzDateTime(e.endedAt)}</time> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

async function recordPage(
  c: Context<AppEnv>,
  form: { values?: Record<string, unknown>; error?: string } = {},
) {
  const { actor, id, registryId, view } = await viewOf(c, { removed: true })
  const recordId = recordParam(c)
  const record = view.records.find((r) => r.id === recordId)
  if (!record) {
    throw new NotFoundError(`No record ${recordId}`, 'automation.error.recordNotFound', {
      id: String(recordId),
    })
  }
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const akimat = await akimatFor(db, actor, id)
  const history = await recordHistory(db, actor, registryId, recordId)
  const users = new Map((await listUsers(db)).map((u) => [u.id, u.name]))
  const { registry } = view
  const title = t('automation.record.title', { number: record.number })
  const action = recordPath(id, registryId, recordId)
  const done = c.req.query('done') ?? ''
  return (
    <AkimatPage c={c} title={title} akimat={akimat} tab="automation">
      <p class="breadcrumbs">
        <a href={registryPath(id, registryId)}>{registry.name[language]}</a>
      </p>
      <h1>{title}</h1>
      {DONE[done] ? (
        <p class="notice" role="status">
          {t(DONE[done]!, { number: record.number })}
        </p>
      ) : null}
      <ErrorBox message={form.error} />
      {record.removed ? (
        <p>
          <span class="badge">{t('automation.registry.removed')}</span>
        </p>
      ) : null}
      {view.writable && !record.removed ? (
        <form method="post" action={action} class="portal-form">
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="_revision" value={String(record.revision)} />
          {registry.fields.map((f) => (
            <FieldInput
              f={f}
              value={form.values ? field(form.values, f.id) : (record.data[f.id] ?? '')}
              prefix="edit"
              language={language}
            />
          ))}
          <p>
            <button type="submit">{t('automation.record.save')}</button>
          </p>
        </form>
      ) : (
        <dl class="fields">
          {registry.fields.map((f) => (
            <>
              <dt>{f.label[language]}</dt>
              <dd class="prewrap">{record.data[f.id] ?? '—'}</dd>
            </>
          ))}
        </dl>
      )}
      {view.writable ? (
        <form
          method="post"
          action={`${action}/${record.removed ? 'restore' : 'remove'}`}
          class="inline-form"
        >
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="_revision" value={String(record.revision)} />
          <button type="submit" class="secondary">
            {t(record.removed ? 'automation.record.restore' : 'automation.record.remove')}
          </button>
        </form>
      ) : (
        <p class="muted">{t('automation.registry.readOnly')}</p>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('automation.record.history')}</h2>
        <section class="table-scroll" aria-labelledby="history-h" tabindex={0}>
          <table class="automation-record-history">
            <thead>
              <tr>
                <th scope="col">{t('automation.detail.event.at')}</th>
                <th scope="col">{t('automation.record.change')}</th>
                <th scope="col">{t('automation.detail.event.who')}</th>
                {registry.fields.map((f) => (
                  <th scope="col">{f.label[language]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr data-change={h.change}>
                  <td>
                    <time datetime={h.at}>{kzDateTime(h.at)}</time>
                  </td>
                  <td>
                    {['created', 'updated', 'removed', 'restored'].includes(h.change)
                      ? t(`automation.record.change.${h.change}` as MessageKey)
                      : h.change}
                  </td>
                  <td>{h.userId !== null ? (users.get(h.userId) ?? '—') : '—'}</td>
                  {registry.fields.map((f) => (
                    <td class="prewrap">{h.data[f.id] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
      <p>
        <a href={registryPath(id, registryId)}>{t('automation.record.back')}</a>
      </p>
    </AkimatPage>
  )
}
