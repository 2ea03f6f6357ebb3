/**
 * @module
 * Informatization objects in the browser: the registry list with filters and downloads, the form
 * to create or edit an object, an object's page (description, lifecycle, relations, automated
 * functions, the Appendix 1 checklist with uploads, reviews, the owner's and the reviewer's
 * actions) and its history. Every handler passes the signed-in actor to the portal module, which
 * checks the right; forms carry the CSRF token and the revision they were made from.
 */
import type { Context, Hono } from 'hono'
import type { Actor } from '../../../auth/index.js'
import { hasRole, listUsers } from '../../../auth/index.js'
import { contentDisposition } from '../../../files/index.js'
import type { Language, MessageKey, Translator } from '../../../i18n/index.js'
import {
  acceptObject,
  addRelation,
  changeStage,
  checkDate,
  checklist,
  createObject,
  DOCUMENT_KINDS,
  DocumentRejectedError,
  editObject,
  getDocument,
  getObject,
  incomingRelations,
  linkFunction,
  listObjects,
  OBJECT_KINDS,
  type ObjectFields,
  type ObjectListEntry,
  type ObjectView,
  objectReviews,
  objectTimeline,
  parseObjectFilters,
  RELATION_TYPES,
  REQUIRED_DOCUMENTS,
  REVIEW_STATES,
  readDocumentBytes,
  recordChange,
  removeDocument,
  removeRelation,
  requestUpdate,
  returnObject,
  STAGES,
  submitObject,
  type TimelineEntry,
  type UploadCheck,
  unlinkFunction,
  uploadDocument,
  type VisibleTarget,
  visibleTargets,
} from '../../../portal/index.js'
import { requireActor } from '../../auth.js'
import { rowPath } from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { sendTable } from '../../downloads.js'
import { CsrfField } from '../../forms.js'
import {
  Deadline,
  ErrorBox,
  errorMessage,
  errorStatus,
  field,
  idParam,
  kzDateTime,
  objectName,
  organisationName,
  organisationsById,
  PortalPage,
  revisionField,
  StateBadge,
  todayKz,
} from './frame.js'
import { objectColumns } from './lists.js'

const objectPath = (id: number) => `/portal/objects/${id}`

export function registerObjectPages(app: Hono<AppEnv>): void {
  app.get('/portal/objects', async (c) => listPage(c))
  app.get('/portal/objects.csv', async (c) => download(c, 'csv'))
  app.get('/portal/objects.xlsx', async (c) => download(c, 'xlsx'))

  app.get('/portal/objects/new', (c) => {
    requireActor(c)
    return c.html(<ObjectForm c={c} />)
  })
  app.post('/portal/objects/new', async (c) => {
    const actor = requireActor(c)
    const body = await c.req.parseBody()
    const input = fieldsFrom(body)
    try {
      const id = await createObject(c.get('services').database.db, actor, {
        ...input,
        stage: field(body, 'stage'),
        stageSince: field(body, 'stageSince'),
      })
      return c.redirect(`${objectPath(id)}?done=created`, 303)
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      return c.html(<ObjectForm c={c} values={body} error={message} />, errorStatus(error))
    }
  })

  app.get('/portal/objects/:id', async (c) => {
    const actor = requireActor(c)
    const view = await getObject(c.get('services').database.db, actor, idParam(c))
    return c.html(await objectPage(c, actor, view))
  })

  app.get('/portal/objects/:id/edit', async (c) => {
    const actor = requireActor(c)
    const view = await getObject(c.get('services').database.db, actor, idParam(c))
    return c.html(<ObjectForm c={c} view={view} />)
  })
  app.post('/portal/objects/:id/edit', async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    const body = await c.req.parseBody()
    try {
      await editObject(
        c.get('services').database.db,
        actor,
        id,
        revisionField(body),
        fieldsFrom(body),
      )
      return c.redirect(`${objectPath(id)}?done=saved`, 303)
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      const view = await getObject(c.get('services').database.db, actor, id)
      return c.html(
        <ObjectForm c={c} view={view} values={body} error={message} />,
        errorStatus(error),
      )
    }
  })

  // Actions on an object page: each re-renders the page with the error, or redirects on success.
  const action = (
    path: string,
    run: (
      c: Context<AppEnv>,
      actor: Actor,
      id: number,
      body: Record<string, unknown>,
    ) => Promise<unknown>,
    done: string,
  ) =>
    app.post(`/portal/objects/:id/${path}`, async (c) => {
      const actor = requireActor(c)
      const id = idParam(c)
      const body = (await c.req.parseBody({ all: false })) as Record<string, unknown>
      try {
        await run(c, actor, id, body)
        return c.redirect(`${objectPath(id)}?done=${done}`, 303)
      } catch (error) {
        const message = errorMessage(c.get('t'), error)
        if (!message) throw error
        const view = await getObject(c.get('services').database.db, actor, id)
        const checks = error instanceof DocumentRejectedError ? [...error.checks] : undefined
        const item = typeof body.item === 'string' ? body.item : undefined
        return c.html(
          await objectPage(c, actor, view, { message, checks, item }),
          errorStatus(error),
        )
      }
    })
  const db = (c: Context<AppEnv>) => c.get('services').database.db

  action(
    'stage',
    (c, a, id, b) =>
      changeStage(db(c), a, id, revisionField(b), {
        stage: field(b, 'stage'),
        onDate: field(b, 'onDate'),
        note: field(b, 'note'),
      }),
    'stage',
  )
  action(
    'relations',
    (c, a, id, b) =>
      addRelation(db(c), a, id, revisionField(b), {
        type: field(b, 'type'),
        targetId: field(b, 'target'),
      }),
    'relation',
  )
  action(
    'relations/remove',
    (c, a, id, b) => removeRelation(db(c), a, id, revisionField(b), Number(field(b, 'relation'))),
    'relation-removed',
  )
  action(
    'functions',
    async (c, a, id, b) =>
      linkFunction(
        db(c),
        a,
        id,
        revisionField(b),
        await c.get('services').catalog.get(),
        field(b, 'row'),
      ),
    'function',
  )
  action(
    'functions/remove',
    (c, a, id, b) => unlinkFunction(db(c), a, id, revisionField(b), Number(field(b, 'link'))),
    'function-removed',
  )
  action(
    'documents',
    async (c, a, id, b) => {
      const file = b.file
      if (!(file instanceof File)) {
        throw new DocumentRejectedError('No file', 'portal.error.noFile', {})
      }
      const bytes = new Uint8Array(await file.arrayBuffer())
      return uploadDocument(db(c), fileStore(c), a, id, revisionField(b), {
        item: field(b, 'item'),
        fileName: file.name,
        bytes,
      })
    },
    'uploaded',
  )
  action(
    'documents/remove',
    (c, a, id, b) => removeDocument(db(c), a, id, revisionField(b), Number(field(b, 'document'))),
    'document-removed',
  )
  action(
    'change',
    (c, a, id, b) => recordChange(db(c), a, id, checkDate(field(b, 'changedOn'), 'changedOn')),
    'change-recorded',
  )
  action(
    'request-update',
    (c, a, id, b) => requestUpdate(db(c), a, id, field(b, 'reason')),
    'update-requested',
  )
  action('submit', (c, a, id, b) => submitObject(db(c), a, id, revisionField(b) ?? 0), 'submitted')
  action('accept', (c, a, id, b) => acceptObject(db(c), a, id, revisionField(b) ?? 0), 'accepted')
  action(
    'return',
    (c, a, id, b) => {
      const remarks = Object.entries(b)
        .filter(([k, v]) => k.startsWith('remark.') && typeof v === 'string' && v.trim())
        .map(([k, v]) => ({ target: k.slice('remark.'.length), text: String(v) }))
      return returnObject(db(c), a, id, revisionField(b) ?? 0, remarks)
    },
    'returned',
  )

  app.get('/portal/objects/:id/documents/:doc', async (c) => {
    const actor = requireActor(c)
    const { document, bytes } = await readDocumentBytes(
      c.get('services').database.db,
      fileStore(c),
      actor,
      idParam(c),
      idParam(c, 'doc'),
    )
    c.header(
      'Content-Type',
      document.format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    c.header('Content-Disposition', contentDisposition(document.originalName))
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', 'private, no-store')
    return c.body(new Uint8Array(bytes))
  })

  app.get('/portal/objects/:id/documents/:doc/checks', async (c) => {
    const actor = requireActor(c)
    const t = c.get('t')
    const id = idParam(c)
    const database = c.get('services').database.db
    const document = await getDocument(database, actor, id, idParam(c, 'doc'))
    const view = await getObject(database, actor, id)
    const name = objectName(view.snapshot, c.get('language'))
    return c.html(
      <PortalPage c={c} title={document.originalName} tab="objects">
        <p class="breadcrumbs">
          <a href={objectPath(id)}>{name}</a>
        </p>
        <h1>{document.originalName}</h1>
        <dl class="facts">
          <dt>{t('portal.documents.item')}</dt>
          <dd>
            {document.item}. {t(`portal.document.${document.item}` as MessageKey)}
          </dd>
          <dt>{t('portal.document.format')}</dt>
          <dd>{document.format === 'pdf' ? 'PDF/A-1' : 'DOCX'}</dd>
          <dt>{t('portal.document.size')}</dt>
          <dd>{formatSize(document.size)}</dd>
          <dt>SHA-256</dt>
          <dd class="code">{document.sha256}</dd>
          <dt>{t('portal.document.uploaded')}</dt>
          <dd>{kzDateTime(document.uploadedAt)}</dd>
        </dl>
        <p>
          <a href={`${objectPath(id)}/documents/${document.id}`}>{t('portal.document.download')}</a>
        </p>
        <CheckList t={t} checks={document.checks} />
        {document.text ? (
          <section aria-labelledby="text-h">
            <h2 id="text-h">{t('portal.document.text')}</h2>
            <div class="prewrap document-text">{document.text}</div>
          </section>
        ) : null}
      </PortalPage>,
    )
  })

  app.get('/portal/objects/:id/history', async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    const database = c.get('services').database.db
    const view = await getObject(database, actor, id)
    const timeline = await objectTimeline(database, actor, id)
    const orgs = await organisationsById(c)
    const users = new Map((await listUsers(database)).map((u) => [u.id, u.name]))
    const targetIds = timeline.flatMap((e) =>
      e.changes.flatMap((ch) =>
        'list' in ch && ch.list === 'relations'
          ? [...ch.added, ...ch.removed].map((x) => Number(/#(\d+)$/.exec(x)?.[1]))
          : [],
      ),
    )
    const targets = await visibleTargets(database, actor, targetIds)
    return c.html(
      <HistoryPage
        c={c}
        view={view}
        timeline={timeline}
        orgs={orgs}
        users={users}
        targets={targets}
      />,
    )
  })
}

function fileStore(c: Context<AppEnv>) {
  const store = c.get('services').files
  if (!store) throw new Error('No file store configured')
  return store
}

function fieldsFrom(body: Record<string, unknown>): Record<keyof ObjectFields, unknown> {
  return {
    kind: field(body, 'kind'),
    nameKk: field(body, 'nameKk'),
    nameRu: field(body, 'nameRu'),
    purpose: field(body, 'purpose'),
  }
}

async function listPage(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const t = c.get('t')
  const language = c.get('language')
  const filters = parseObjectFilters(c.req.query())
  const entries = await listObjects(c.get('services').database.db, actor, filters)
  const orgs = await organisationsById(c)
  const query = new URLSearchParams(
    Object.entries(c.req.query()).filter(
      ([k, v]) => v && ['q', 'kind', 'owner', 'stage', 'state', 'overdue'].includes(k),
    ),
  )
  const today = todayKz()
  const owners = [...orgs.values()].sort((a, b) =>
    organisationName(a, language).localeCompare(organisationName(b, language), language),
  )
  return c.html(
    <PortalPage c={c} title={t('portal.objects.title')} tab="objects">
      <h1>{t('portal.objects.title')}</h1>
      <p class="lead">{t('portal.objects.intro')}</p>
      <form method="get" action="/portal/objects" class="filters">
        <p>
          <label for="f-q">{t('portal.filter.q')}</label>
          <input type="search" id="f-q" name="q" value={filters.q ?? ''} maxlength={200} />
        </p>
        <Select
          id="f-kind"
          name="kind"
          label={t('portal.field.kind')}
          value={filters.kind}
          any={t('portal.filter.any')}
          options={OBJECT_KINDS.map((k) => [k, t(`portal.kind.${k}`)])}
        />
        <Select
          id="f-stage"
          name="stage"
          label={t('portal.field.stage')}
          value={filters.stage}
          any={t('portal.filter.any')}
          options={STAGES.map((k) => [k, t(`portal.stage.${k}`)])}
        />
        <Select
          id="f-state"
          name="state"
          label={t('portal.filter.state')}
          value={filters.state}
          any={t('portal.filter.any')}
          options={REVIEW_STATES.map((k) => [k, t(`portal.state.${k}`)])}
        />
        <Select
          id="f-owner"
          name="owner"
          label={t('portal.filter.owner')}
          value={filters.owner ? String(filters.owner) : undefined}
          any={t('portal.filter.any')}
          options={owners.map((o) => [String(o.id), organisationName(o, language)])}
        />
        <p class="checkbox">
          <input
            type="checkbox"
            id="f-overdue"
            name="overdue"
            value="1"
            checked={filters.overdue}
          />
          <label for="f-overdue">{t('portal.filter.overdue')}</label>
        </p>
        <p>
          <button type="submit">{t('portal.filter.apply')}</button>
        </p>
      </form>
      <p role="status">{t('portal.objects.count', { count: entries.length })}</p>
      <p class="downloads">
        {t('catalog.download')}{' '}
        <a href={`/portal/objects.csv${query.size ? `?${query}` : ''}`}>CSV</a>{' '}
        <a href={`/portal/objects.xlsx${query.size ? `?${query}` : ''}`}>XLSX</a>
      </p>
      <section class="table-scroll" aria-label={t('portal.objects.title')} tabindex={0}>
        <table class="portal-objects">
          <thead>
            <tr>
              <th scope="col">{t('portal.column.code')}</th>
              <th scope="col">{t('portal.column.name')}</th>
              <th scope="col">{t('portal.field.kind')}</th>
              <th scope="col">{t('portal.column.owner')}</th>
              <th scope="col">{t('portal.field.stage')}</th>
              <th scope="col">{t('portal.filter.state')}</th>
              <th scope="col">{t('portal.column.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr class={e.overdue ? 'overdue' : undefined}>
                <td class="code">{e.code ?? '—'}</td>
                <td>
                  <a href={objectPath(e.id)}>{objectName(e, language)}</a>
                </td>
                <td>{t(`portal.kind.${e.kind}`)}</td>
                <td>{organisationName(orgs.get(e.ownerOrganisationId), language)}</td>
                <td>{t(`portal.stage.${e.stage}`)}</td>
                <td>
                  <StateBadge t={t} state={e.reviewState} />
                </td>
                <td>
                  <Deadline t={t} due={e.reviewDueOn ?? e.updateDueOn} today={today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </PortalPage>,
  )
}

async function download(c: Context<AppEnv>, format: 'csv' | 'xlsx') {
  const actor = requireActor(c)
  const filters = parseObjectFilters(c.req.query())
  const entries = await listObjects(c.get('services').database.db, actor, filters)
  const orgs = await organisationsById(c)
  return sendTable<ObjectListEntry>(c, format, {
    name: 'informatization-objects',
    sheet: 'Objects',
    columns: objectColumns(c.get('t'), c.get('language'), orgs),
    items: entries,
  })
}

function Select({
  id,
  name,
  label,
  value,
  options,
  any,
  required,
}: {
  id: string
  name: string
  label: string
  value: string | undefined
  options: [string, string][]
  any?: string
  required?: boolean
}) {
  return (
    <p>
      <label for={id}>{label}</label>
      <select id={id} name={name} required={required}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  )
}

function ObjectForm({
  c,
  view,
  values,
  error,
}: {
  c: Context<AppEnv>
  view?: ObjectView
  values?: Record<string, unknown>
  error?: string
}) {
  const t = c.get('t')
  const s = view?.snapshot
  const v = (name: string, fallback: string) => (values ? field(values, name) : fallback)
  const title = view ? t('portal.edit.title') : t('portal.new.title')
  return (
    <PortalPage c={c} title={title} tab={view ? 'objects' : 'new'}>
      <h1>{title}</h1>
      {view ? (
        <p>
          <a href={objectPath(view.id)}>{objectName(view.snapshot, c.get('language'))}</a>
        </p>
      ) : (
        <p class="lead">{t('portal.new.intro')}</p>
      )}
      <ErrorBox message={error} />
      <form
        method="post"
        action={view ? `${objectPath(view.id)}/edit` : '/portal/objects/new'}
        class="portal-form"
      >
        <CsrfField token={c.get('csrfToken')} />
        {view ? <input type="hidden" name="revision" value={String(view.currentRevision)} /> : null}
        <Select
          id="o-kind"
          name="kind"
          label={t('portal.field.kind')}
          value={v('kind', s?.kind ?? '')}
          required
          options={OBJECT_KINDS.map((k) => [k, t(`portal.kind.${k}`)])}
        />
        <p>
          <label for="o-name-kk">{t('portal.field.nameKk')}</label>
          <input
            id="o-name-kk"
            name="nameKk"
            lang="kk"
            required
            maxlength={500}
            value={v('nameKk', s?.nameKk ?? '')}
          />
        </p>
        <p>
          <label for="o-name-ru">{t('portal.field.nameRu')}</label>
          <input
            id="o-name-ru"
            name="nameRu"
            lang="ru"
            required
            maxlength={500}
            value={v('nameRu', s?.nameRu ?? '')}
          />
        </p>
        <p>
          <label for="o-purpose">{t('portal.field.purpose')}</label>
          <textarea id="o-purpose" name="purpose" rows={4} required maxlength={4000}>
            {v('purpose', s?.purpose ?? '')}
          </textarea>
        </p>
        {view ? null : (
          <>
            <Select
              id="o-stage"
              name="stage"
              label={t('portal.field.stage')}
              value={v('stage', 'creation')}
              required
              options={STAGES.map((k) => [k, t(`portal.stage.${k}`)])}
            />
            <p>
              <label for="o-since">{t('portal.field.stageSince')}</label>
              <input
                type="date"
                id="o-since"
                name="stageSince"
                required
                value={v('stageSince', todayKz())}
              />
            </p>
          </>
        )}
        <p>
          <button type="submit">
            {view ? t('portal.action.save') : t('portal.action.create')}
          </button>
        </p>
      </form>
    </PortalPage>
  )
}

const DONE_KEYS: Record<string, MessageKey> = {
  created: 'portal.done.created',
  saved: 'portal.done.saved',
  stage: 'portal.done.stage',
  relation: 'portal.done.relation',
  'relation-removed': 'portal.done.relationRemoved',
  function: 'portal.done.function',
  'function-removed': 'portal.done.functionRemoved',
  uploaded: 'portal.done.uploaded',
  'document-removed': 'portal.done.documentRemoved',
  submitted: 'portal.done.submitted',
  accepted: 'portal.done.accepted',
  returned: 'portal.done.returned',
  'change-recorded': 'portal.done.changeRecorded',
  'update-requested': 'portal.done.updateRequested',
}

async function objectPage(
  c: Context<AppEnv>,
  actor: Actor,
  view: ObjectView,
  problem?: { message: string; checks?: UploadCheck[]; item?: string },
) {
  const t = c.get('t')
  const language = c.get('language')
  const database = c.get('services').database.db
  const s = view.snapshot
  const orgs = await organisationsById(c)
  const incoming = await incomingRelations(database, actor, view.id)
  const reviews = await objectReviews(database, actor, view.id)
  const owner = view.audience === 'owner'
  const editor = owner && (hasRole(actor, 'editor') || hasRole(actor, 'admin'))
  const editable = editor && view.reviewState !== 'submitted'
  const reviewer = actor.organisation.kind === 'service-integrator' && hasRole(actor, 'reviewer')
  // Four eyes: a reviewer never decides a submission they made (the domain refuses it too).
  const openReview = reviews.find((r) => r.decision === null)
  const deciding =
    reviewer &&
    view.reviewState === 'submitted' &&
    view.audience !== 'registry' &&
    openReview !== undefined &&
    openReview.submittedBy !== actor.userId
  const today = todayKz()
  const done = DONE_KEYS[c.req.query('done') ?? '']
  const items = checklist(s)
  // Offer the item that is still missing (or the one just tried) first.
  const uploadItem =
    (problem?.item ? String(problem.item) : undefined) ??
    String(items.find((i) => i.required && !i.complete)?.item ?? '')
  const required = new Set(REQUIRED_DOCUMENTS[s.stage])
  const others = editable
    ? (await listObjects(database, actor)).filter((o) => o.id !== view.id)
    : []
  const csrf = <CsrfField token={c.get('csrfToken')} />
  const rev = <input type="hidden" name="revision" value={String(view.currentRevision)} />
  const lastRemarks = reviews.find((r) => r.decision === 'returned')
  const name = objectName(s, language)
  return (
    <PortalPage c={c} title={name} tab="objects">
      <p class="breadcrumbs">
        <a href="/portal/objects">{t('portal.objects.title')}</a>
      </p>
      <h1>
        {name} {view.code ? <span class="code">{view.code}</span> : null}
      </h1>
      {done ? (
        <p class="notice" role="status">
          {t(done)}
        </p>
      ) : null}
      <ErrorBox message={problem?.message} />
      {problem?.checks?.length ? <CheckList t={t} checks={problem.checks} /> : null}
      <p>
        <StateBadge t={t} state={view.reviewState} />{' '}
        <Deadline t={t} due={view.reviewDueOn} today={today} label={t('portal.deadline.review')} />
        <Deadline t={t} due={view.updateDueOn} today={today} label={t('portal.deadline.update')} />
      </p>
      <dl class="facts">
        <dt>{t('portal.field.kind')}</dt>
        <dd>{t(`portal.kind.${s.kind}`)}</dd>
        <dt>{t('portal.column.owner')}</dt>
        <dd>{organisationName(orgs.get(s.ownerOrganisationId), language)}</dd>
        <dt>{t('portal.field.nameKk')}</dt>
        <dd lang="kk">{s.nameKk}</dd>
        <dt>{t('portal.field.nameRu')}</dt>
        <dd lang="ru">{s.nameRu}</dd>
        <dt>{t('portal.field.purpose')}</dt>
        <dd class="prewrap">{s.purpose}</dd>
        <dt>{t('portal.field.stage')}</dt>
        <dd>
          {t(`portal.stage.${s.stage}`)} ({t('portal.since', { date: s.stageSince })})
        </dd>
      </dl>
      <p class="actions">
        {editable ? <a href={`${objectPath(view.id)}/edit`}>{t('portal.action.edit')}</a> : null}{' '}
        {view.audience !== 'registry' ? (
          <a href={`${objectPath(view.id)}/history`}>{t('portal.action.history')}</a>
        ) : null}
      </p>

      {lastRemarks && (view.reviewState === 'returned' || view.reviewState === 'submitted') ? (
        <section aria-labelledby="remarks-h" class="remarks">
          <h2 id="remarks-h">
            {t('portal.remarks.title', { date: kzDateTime(lastRemarks.decidedAt ?? '') })}
          </h2>
          <ul>
            {lastRemarks.remarks.map((r) => (
              <li>
                <strong>{remarkTarget(t, r.target)}:</strong> <span class="prewrap">{r.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="docs-h">
        <h2 id="docs-h">{t('portal.documents.title')}</h2>
        <p class="muted">{t('portal.documents.intro', { stage: t(`portal.stage.${s.stage}`) })}</p>
        <div class="table-scroll" tabindex={0}>
          <table class="checklist">
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('portal.documents.item')}</th>
                <th scope="col">{t('portal.documents.required')}</th>
                <th scope="col">PDF/A-1</th>
                <th scope="col">DOCX</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const kind = DOCUMENT_KINDS.find((k) => k.item === item.item)
                return (
                  <tr class={item.required && !item.complete ? 'missing' : undefined}>
                    <td>{item.item}</td>
                    <td>
                      {t(`portal.document.${item.item}` as MessageKey)}
                      {kind?.standards.length ? (
                        <span class="muted"> ({kind.standards.join('; ')})</span>
                      ) : null}
                    </td>
                    <td>
                      {required.has(item.item)
                        ? item.complete
                          ? t('portal.documents.present')
                          : t('portal.documents.missing')
                        : '—'}
                    </td>
                    {(['pdf', 'docx'] as const).map((format) => {
                      const doc = item.formats[format]
                      const full = doc ? s.documents.find((d) => d.id === doc.id) : undefined
                      return (
                        <td>
                          {doc ? (
                            <>
                              {view.audience !== 'registry' ? (
                                <a href={`${objectPath(view.id)}/documents/${doc.id}`}>
                                  {doc.originalName}
                                </a>
                              ) : (
                                doc.originalName
                              )}
                              {full ? <span class="muted"> ({formatSize(full.size)})</span> : null}
                              {view.audience !== 'registry' ? (
                                <>
                                  {' '}
                                  <a
                                    class="muted"
                                    href={`${objectPath(view.id)}/documents/${doc.id}/checks`}
                                  >
                                    {t('portal.document.checksLink')}
                                  </a>
                                </>
                              ) : null}
                              {editable ? (
                                <form
                                  method="post"
                                  action={`${objectPath(view.id)}/documents/remove`}
                                  class="inline"
                                >
                                  {csrf}
                                  {rev}
                                  <input type="hidden" name="document" value={String(doc.id)} />
                                  <button type="submit" class="link">
                                    {t('portal.action.remove')}
                                  </button>
                                </form>
                              ) : null}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      )
                    })}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {editable ? (
          <form
            method="post"
            action={`${objectPath(view.id)}/documents`}
            enctype="multipart/form-data"
            class="portal-form upload"
          >
            {csrf}
            {rev}
            <h3>{t('portal.upload.title')}</h3>
            <p class="muted">{t('portal.upload.intro')}</p>
            <Select
              id="u-item"
              name="item"
              label={t('portal.documents.item')}
              value={uploadItem}
              required
              options={DOCUMENT_KINDS.map((k) => [
                String(k.item),
                `${k.item}. ${t(`portal.document.${k.item}` as MessageKey)}`,
              ])}
            />
            <p>
              <label for="u-file">{t('portal.upload.file')}</label>
              <input
                type="file"
                id="u-file"
                name="file"
                required
                accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              />
            </p>
            <p>
              <button type="submit">{t('portal.action.upload')}</button>
            </p>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="stages-h">
        <h2 id="stages-h">{t('portal.field.stages')}</h2>
        <ol class="stages">
          {s.stages.map((st) => (
            <li>
              <time datetime={st.onDate}>{st.onDate}</time> — {t(`portal.stage.${st.stage}`)}
              {st.note ? <span class="muted"> ({st.note})</span> : null}
            </li>
          ))}
        </ol>
        {editable && s.stage !== 'termination' ? (
          <form
            method="post"
            action={`${objectPath(view.id)}/stage`}
            class="portal-form inline-fields"
          >
            {csrf}
            {rev}
            <Select
              id="s-stage"
              name="stage"
              label={t('portal.stage.next')}
              value={undefined}
              required
              options={STAGES.filter((x) => x !== s.stage).map((k) => [k, t(`portal.stage.${k}`)])}
            />
            <p>
              <label for="s-date">{t('portal.field.onDate')}</label>
              <input type="date" id="s-date" name="onDate" required value={today} />
            </p>
            <p>
              <label for="s-note">{t('portal.field.note')}</label>
              <input id="s-note" name="note" maxlength={1000} />
            </p>
            <p>
              <button type="submit">{t('portal.action.recordStage')}</button>
            </p>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="rel-h">
        <h2 id="rel-h">{t('portal.field.relations')}</h2>
        {view.relations.length || incoming.length ? (
          <ul>
            {view.relations.map((r) => (
              <li>
                {t(`portal.relation.${r.type}`)}{' '}
                {r.nameKk !== null && r.nameRu !== null ? (
                  <a href={objectPath(r.targetId)}>
                    {objectName({ nameKk: r.nameKk, nameRu: r.nameRu }, language)}
                  </a>
                ) : (
                  <span class="muted">{t('portal.relations.hidden')}</span>
                )}
                {r.code ? <span class="code"> {r.code}</span> : null}
                {editable ? (
                  <form
                    method="post"
                    action={`${objectPath(view.id)}/relations/remove`}
                    class="inline"
                  >
                    {csrf}
                    {rev}
                    <input type="hidden" name="relation" value={String(r.id)} />
                    <button type="submit" class="link">
                      {t('portal.action.remove')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
            {incoming.map((r) => (
              <li>
                {t(`portal.relation.inverse.${r.type}`)}{' '}
                <a href={objectPath(r.sourceId)}>{objectName(r, language)}</a>
                {r.code ? <span class="code"> {r.code}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('portal.relations.none')}</p>
        )}
        {editable && others.length ? (
          <form
            method="post"
            action={`${objectPath(view.id)}/relations`}
            class="portal-form inline-fields"
          >
            {csrf}
            {rev}
            <Select
              id="r-type"
              name="type"
              label={t('portal.relations.type')}
              value={undefined}
              required
              options={RELATION_TYPES.map((k) => [k, t(`portal.relation.${k}`)])}
            />
            <Select
              id="r-target"
              name="target"
              label={t('portal.relations.target')}
              value={undefined}
              required
              options={others.map((o) => [
                String(o.id),
                `${o.code ? `${o.code} ` : ''}${objectName(o, language)}`,
              ])}
            />
            <p>
              <button type="submit">{t('portal.action.addRelation')}</button>
            </p>
          </form>
        ) : editable ? (
          <p class="muted">{t('portal.relations.noTargets')}</p>
        ) : null}
      </section>

      <section aria-labelledby="fn-h">
        <h2 id="fn-h">{t('portal.field.functions')}</h2>
        {s.functions.length ? (
          <ul>
            {s.functions.map((f) => (
              <li>
                <a href={rowPath({ act: f.architecture, section: f.section, number: f.number })}>
                  {f.architecture}:{f.section}.{f.number}
                </a>{' '}
                <span lang="kk">{f.functionText}</span>
                {editable ? (
                  <form
                    method="post"
                    action={`${objectPath(view.id)}/functions/remove`}
                    class="inline"
                  >
                    {csrf}
                    {rev}
                    <input type="hidden" name="link" value={String(f.id)} />
                    <button type="submit" class="link">
                      {t('portal.action.remove')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('portal.functions.none')}</p>
        )}
        {editable ? (
          <form
            method="post"
            action={`${objectPath(view.id)}/functions`}
            class="portal-form inline-fields"
          >
            {csrf}
            {rev}
            <p>
              <label for="f-row">{t('portal.functions.row')}</label>
              <input id="f-row" name="row" required maxlength={100} placeholder="158:1.6" />
            </p>
            <p>
              <button type="submit">{t('portal.action.addFunction')}</button>
            </p>
            <p class="muted">{t('portal.functions.help')}</p>
          </form>
        ) : null}
      </section>

      {editor && (view.reviewState === 'accepted' || view.reviewState === 'changed') ? (
        <section aria-labelledby="change-h">
          <h2 id="change-h">{t('portal.change.title')}</h2>
          <p>{t('portal.change.intro')}</p>
          <form
            method="post"
            action={`${objectPath(view.id)}/change`}
            class="portal-form inline-fields"
          >
            {csrf}
            <p>
              <label for="ch-date">{t('portal.field.changedOn')}</label>
              <input type="date" id="ch-date" name="changedOn" required value={today} max={today} />
            </p>
            <p>
              <button type="submit">{t('portal.action.recordChange')}</button>
            </p>
          </form>
        </section>
      ) : null}

      {reviewer &&
      view.audience !== 'registry' &&
      (view.reviewState === 'accepted' || view.reviewState === 'changed') ? (
        <section aria-labelledby="request-h" class="decide-box">
          <h2 id="request-h">{t('portal.requestUpdate.title')}</h2>
          <p>{t('portal.requestUpdate.intro')}</p>
          <form method="post" action={`${objectPath(view.id)}/request-update`} class="portal-form">
            {csrf}
            <p>
              <label for="ru-reason">{t('portal.field.reason')}</label>
              <textarea id="ru-reason" name="reason" rows={3} required maxlength={4000} />
            </p>
            <button type="submit">{t('portal.action.requestUpdate')}</button>
          </form>
        </section>
      ) : null}

      {editor &&
      (view.reviewState === 'draft' ||
        view.reviewState === 'returned' ||
        view.reviewState === 'changed') ? (
        <section aria-labelledby="submit-h" class="submit-box">
          <h2 id="submit-h">{t('portal.submit.title')}</h2>
          <p>{t('portal.submit.intro')}</p>
          <form method="post" action={`${objectPath(view.id)}/submit`}>
            {csrf}
            {rev}
            <button type="submit">{t('portal.action.submit')}</button>
          </form>
        </section>
      ) : null}

      {deciding ? (
        <section aria-labelledby="decide-h" class="decide-box">
          <h2 id="decide-h">{t('portal.decide.title')}</h2>
          <form method="post" action={`${objectPath(view.id)}/accept`}>
            {csrf}
            <input type="hidden" name="revision" value={String(view.revision)} />
            <p>{t('portal.decide.acceptIntro')}</p>
            <button type="submit">{t('portal.action.accept')}</button>
          </form>
          <form method="post" action={`${objectPath(view.id)}/return`} class="portal-form">
            {csrf}
            <input type="hidden" name="revision" value={String(view.revision)} />
            <p>{t('portal.decide.returnIntro')}</p>
            {remarkTargets(s).map((target) => (
              <p>
                <label for={`remark-${target}`}>{remarkTarget(t, target)}</label>
                <textarea
                  id={`remark-${target}`}
                  name={`remark.${target}`}
                  rows={2}
                  maxlength={4000}
                />
              </p>
            ))}
            <button type="submit">{t('portal.action.return')}</button>
          </form>
        </section>
      ) : null}

      {reviews.length ? (
        <section aria-labelledby="reviews-h">
          <h2 id="reviews-h">{t('portal.reviews.title')}</h2>
          <ol class="reviews">
            {reviews.map((r) => (
              <li>
                {t('portal.reviews.line', {
                  revision: r.revision,
                  submitted: kzDateTime(r.submittedAt),
                })}{' '}
                {r.decision ? (
                  <strong>
                    {t(`portal.reviews.${r.decision}`, { date: kzDateTime(r.decidedAt ?? '') })}
                  </strong>
                ) : (
                  <Deadline t={t} due={r.dueOn} today={today} label={t('portal.deadline.review')} />
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </PortalPage>
  )
}

function remarkTargets(s: ObjectView['snapshot']): string[] {
  const items = new Set([...REQUIRED_DOCUMENTS[s.stage], ...s.documents.map((d) => d.kind)])
  return [
    'general',
    'nameKk',
    'nameRu',
    'purpose',
    'kind',
    'stage',
    'relations',
    'functions',
    ...[...items].sort((a, b) => a - b).map((i) => `document:${i}`),
  ]
}

export function remarkTarget(t: Translator, target: string): string {
  const doc = /^document:(\d+)$/.exec(target)
  if (doc)
    return `${t('portal.remarks.document', { item: doc[1] ?? '' })} — ${t(`portal.document.${doc[1]}` as MessageKey)}`
  const key = `portal.field.${target}` as MessageKey
  return t(key)
}

function CheckList({ t, checks }: { t: Translator; checks: UploadCheck[] }) {
  return (
    <section class="checks" aria-label={t('portal.upload.checks')}>
      <h2>{t('portal.upload.checks')}</h2>
      <ul>
        {checks.map((check) => (
          <li class={check.passed ? 'passed' : 'failed'}>
            <span aria-hidden="true">{check.passed ? '✓' : '✗'}</span>{' '}
            <span class="visually-hidden">
              {check.passed ? t('portal.check.passed') : t('portal.check.failed')}
            </span>
            {translateLoose(t, check.messageKey, check.params)}
          </li>
        ))}
      </ul>
      <p class="muted">{t('files.pdf.notice' as MessageKey)}</p>
    </section>
  )
}

function translateLoose(
  t: Translator,
  key: string,
  params: Record<string, string | number>,
): string {
  try {
    return t(key as MessageKey, params)
  } catch {
    return key
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const EVENT_KEYS = [
  'object.created',
  'object.edited',
  'stage.changed',
  'relation.added',
  'relation.removed',
  'function.added',
  'function.removed',
  'document.uploaded',
  'document.removed',
  'review.submitted',
  'review.returned',
  'review.accepted',
  'update.recorded',
  'update.requested',
  'review.overdue',
]

function HistoryPage({
  c,
  view,
  timeline,
  orgs,
  users,
  targets,
}: {
  c: Context<AppEnv>
  view: ObjectView
  timeline: TimelineEntry[]
  orgs: Awaited<ReturnType<typeof organisationsById>>
  users: Map<number, string>
  targets: Map<number, VisibleTarget>
}) {
  const t = c.get('t')
  const language: Language = c.get('language')
  const name = objectName(view.snapshot, language)
  return (
    <PortalPage c={c} title={`${t('portal.history.title')}: ${name}`} tab="objects">
      <p class="breadcrumbs">
        <a href={objectPath(view.id)}>{name}</a>
      </p>
      <h1>{t('portal.history.title')}</h1>
      <ol class="timeline">
        {timeline.map((e) => (
          <li>
            <p>
              <time datetime={e.at}>{kzDateTime(e.at)}</time> —{' '}
              <strong>
                {EVENT_KEYS.includes(e.kind) ? t(`portal.event.${e.kind}` as MessageKey) : e.kind}
              </strong>
              {e.revision ? (
                <span class="muted">
                  {' '}
                  ({t('portal.history.revision', { revision: e.revision })})
                </span>
              ) : null}
              {' · '}
              {e.actorUserId ? `${users.get(e.actorUserId) ?? `#${e.actorUserId}`}, ` : ''}
              {organisationName(
                e.actorOrganisationId ? orgs.get(e.actorOrganisationId) : undefined,
                language,
              )}
            </p>
            {e.kind === 'review.returned' && Array.isArray(e.details.remarks) ? (
              <ul>
                {(e.details.remarks as { target: string; text: string }[]).map((r) => (
                  <li>
                    {remarkTarget(t, r.target)}: {r.text}
                  </li>
                ))}
              </ul>
            ) : null}
            {e.kind === 'update.requested' && typeof e.details.reason === 'string' ? (
              <p class="prewrap">{e.details.reason}</p>
            ) : null}
            {e.kind === 'review.accepted' && typeof e.details.code === 'string' ? (
              <p class="code">{e.details.code}</p>
            ) : null}
            {e.changes.length ? (
              <table class="diff">
                <tbody>
                  {e.changes.map((ch) =>
                    'field' in ch ? (
                      <tr>
                        <th scope="row">{t(`portal.field.${ch.field}` as MessageKey)}</th>
                        <td>
                          {ch.before !== null ? (
                            <del>{fieldValue(t, ch.field, ch.before)}</del>
                          ) : null}{' '}
                          <ins>{fieldValue(t, ch.field, ch.after)}</ins>
                        </td>
                      </tr>
                    ) : (
                      <tr>
                        <th scope="row">{t(`portal.field.${ch.list}` as MessageKey)}</th>
                        <td>
                          {ch.removed.map((x) => (
                            <del>{listValue(t, ch.list, x, targets, language)}</del>
                          ))}
                          {ch.added.map((x) => (
                            <ins>{listValue(t, ch.list, x, targets, language)}</ins>
                          ))}
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ol>
    </PortalPage>
  )
}

/** A changed field's value as people read it: kinds and stages by their names. */
function fieldValue(t: Translator, field: string, value: string): string {
  if (field === 'kind' && (OBJECT_KINDS as readonly string[]).includes(value)) {
    return t(`portal.kind.${value as (typeof OBJECT_KINDS)[number]}`)
  }
  if (field === 'stage' && (STAGES as readonly string[]).includes(value)) {
    return t(`portal.stage.${value as (typeof STAGES)[number]}`)
  }
  return value
}

/** A list item of a change (see `diffSnapshots`) with its codes named. */
function listValue(
  t: Translator,
  list: string,
  text: string,
  targets: Map<number, VisibleTarget>,
  language: Language,
): string {
  if (list === 'stages') {
    const [stage = '', ...rest] = text.split(' ')
    return [fieldValue(t, 'stage', stage), ...rest].join(' ')
  }
  if (list === 'relations') {
    const match = /^(part-of|uses) → #(\d+)$/.exec(text)
    if (match) {
      const target = targets.get(Number(match[2]))
      const name = target
        ? `${target.code ? `${target.code} ` : ''}${objectName(target, language)}`
        : t('portal.relations.hidden')
      return `${t(`portal.relation.${match[1] as 'part-of' | 'uses'}`)} → ${name}`
    }
  }
  if (list === 'documents') {
    const match = /^(\d+)\/(pdf|docx) (.*)$/.exec(text)
    if (match)
      return `${t('portal.remarks.document', { item: match[1] ?? '' })}, ${match[2] === 'pdf' ? 'PDF/A-1' : 'DOCX'}: ${match[3]}`
  }
  return text
}
