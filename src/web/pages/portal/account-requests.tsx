/**
 * @module
 * Account requests in the browser (rules 174, para 6): the public form of Appendix 2 with which
 * an organisation asks for an architecture portal account, its confirmation with the request
 * number and the day it is due, and for the service integrator the list of requests, a request's
 * page and the decision (grant: the activation link is shown once; refuse: with a reason).
 * The portal module checks who may see and decide; this layer only shows and forwards.
 */
import type { Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import {
  type Actor,
  ADMINISTRATIVE_LEVELS,
  type Organisation,
  userById,
} from '../../../auth/index.js'
import { AppError } from '../../../core/index.js'
import { isMessageKey, type MessageKey, type Translator } from '../../../i18n/index.js'
import {
  type AccountRequest,
  existingOrganisationFor,
  getAccountRequest,
  grantAccountRequest,
  listAccountRequests,
  REQUESTABLE_ROLES,
  REQUESTING_KINDS,
  rejectAccountRequest,
  requestOrganisation,
  submitAccountRequest,
} from '../../../portal/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { siteOrigin } from '../../site.js'
import {
  Deadline,
  ErrorBox,
  errorStatus,
  field,
  idParam,
  kzDateTime,
  organisationName,
  PortalPage,
  todayKz,
} from './frame.js'

const BASE = '/portal/account-requests'
const requestPath = (id: number) => `${BASE}/${id}`

const STATUSES = ['pending', 'granted', 'rejected'] as const
type StatusFilter = (typeof STATUSES)[number] | 'all'

const FORM_FIELDS = [
  'organisationKind',
  'organisationNameKk',
  'organisationNameRu',
  'organisationBin',
  'organisationLevel',
  'contactName',
  'contactPosition',
  'contactEmail',
  'contactPhone',
  'requestedRole',
  'basis',
] as const

export function registerAccountRequestPages(app: Hono<AppEnv>): void {
  // The form is public: whoever asks for an account has none yet.
  app.get(`${BASE}/new`, (c) => c.html(<RequestForm c={c} />))
  app.post(`${BASE}/new`, async (c) => {
    const body = await c.req.parseBody()
    try {
      const request = await submitAccountRequest(
        db(c),
        Object.fromEntries(FORM_FIELDS.map((name) => [name, field(body, name)])) as never,
      )
      c.header('Cache-Control', 'no-store')
      return c.html(<SentPage c={c} request={request} />)
    } catch (error) {
      const failure = formError(c.get('t'), error)
      if (!failure) throw error
      return c.html(
        <RequestForm c={c} values={body} error={failure.message} invalid={failure.field} />,
        errorStatus(error),
      )
    }
  })

  app.get(BASE, async (c) => {
    const actor = requireActor(c)
    const wanted = c.req.query('status')
    const status: StatusFilter = (STATUSES as readonly string[]).includes(wanted ?? '')
      ? (wanted as StatusFilter)
      : 'all'
    const requests = await listAccountRequests(db(c), actor, status === 'all' ? {} : { status })
    return c.html(<ListPage c={c} requests={requests} status={status} />)
  })

  app.get(`${BASE}/:id`, async (c) => {
    const actor = requireActor(c)
    const request = await getAccountRequest(db(c), actor, idParam(c))
    return c.html(await detailPage(c, request, { done: c.req.query('done') }))
  })

  app.post(`${BASE}/:id/grant`, async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    try {
      const body = await c.req.parseBody()
      const { request, activationPath } = await grantAccountRequest(db(c), actor, id, {
        joinExisting: field(body, 'joinExisting') === '1',
      })
      const link = new URL(activationPath, siteOrigin(c)).href
      // The page holds a live one-time link: never kept by a cache, never shown again.
      c.header('Cache-Control', 'no-store')
      return c.html(<GrantedPage c={c} request={request} link={link} />)
    } catch (error) {
      return decisionFailed(c, actor, id, error)
    }
  })

  app.post(`${BASE}/:id/reject`, async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    const body = await c.req.parseBody()
    try {
      await rejectAccountRequest(db(c), actor, id, field(body, 'reason'))
      return c.redirect(`${requestPath(id)}?done=rejected`, 303)
    } catch (error) {
      return decisionFailed(c, actor, id, error, field(body, 'reason'))
    }
  })
}

const db = (c: Context<AppEnv>) => c.get('services').database.db

/** A domain error's message with the field it names in words, and that field (to mark it). */
function formError(t: Translator, error: unknown): { message: string; field?: string } | undefined {
  if (!(error instanceof AppError)) return undefined
  const params = { ...error.params }
  const name = typeof params.field === 'string' ? params.field : undefined
  const label = name ? `portal.field.${name}` : ''
  if (name && isMessageKey(label)) params.field = t(label)
  const message = isMessageKey(error.messageKey) ? t(error.messageKey, params) : error.message
  return { message, field: name ?? FIELD_OF_ERROR[error.messageKey] }
}

const FIELD_OF_ERROR: Record<string, string> = {
  'portal.error.organisationKind': 'organisationKind',
  'portal.error.level': 'organisationLevel',
  'portal.error.email': 'contactEmail',
  'portal.error.phone': 'contactPhone',
  'portal.error.requestedRole': 'requestedRole',
  'auth.error.bin': 'organisationBin',
}

/** A refused decision: the request's page again with the translated message (409 when decided). */
async function decisionFailed(
  c: Context<AppEnv>,
  actor: Actor,
  id: number,
  error: unknown,
  reason?: string,
) {
  const failure = formError(c.get('t'), error)
  if (!failure) throw error
  const request = await getAccountRequest(db(c), actor, id)
  return c.html(
    await detailPage(c, request, { error: failure.message, reason }),
    errorStatus(error),
  )
}

function Hint({ id, children }: { id: string; children: string }) {
  return (
    <span id={id} class="muted hint">
      {children}
    </span>
  )
}

function RequestForm({
  c,
  values = {},
  error,
  invalid,
}: {
  c: Context<AppEnv>
  values?: Record<string, unknown>
  error?: string
  invalid?: string
}) {
  const t = c.get('t')
  const v = (name: string) => field(values, name)
  const aria = (name: string, hint?: string) => ({
    'aria-invalid': invalid === name ? ('true' as const) : undefined,
    'aria-describedby':
      [hint, invalid === name ? 'form-error' : undefined].filter(Boolean).join(' ') || undefined,
  })
  const input = (
    name: (typeof FORM_FIELDS)[number],
    props: {
      type?: string
      maxlength: number
      lang?: string
      autocomplete?: string
      hint?: string
      inputmode?: 'numeric'
      pattern?: string
    },
  ) => {
    const { hint, ...rest } = props
    return (
      <p>
        <label for={`ar-${name}`}>{t(`portal.field.${name}` as MessageKey)}</label>
        <input
          id={`ar-${name}`}
          name={name}
          required
          value={v(name)}
          {...rest}
          {...aria(name, hint && `ar-${name}-hint`)}
        />
        {hint ? <Hint id={`ar-${name}-hint`}>{hint}</Hint> : null}
      </p>
    )
  }
  return (
    <PortalPage c={c} title={t('portal.accounts.new.title')}>
      <h1>{t('portal.accounts.new.title')}</h1>
      <p class="lead">{t('portal.accounts.new.intro')}</p>
      <p class="notice">{t('portal.accounts.new.next')}</p>
      {error ? (
        <p class="error-message" role="alert" id="form-error">
          {error}
        </p>
      ) : null}
      <form method="post" action={`${BASE}/new`} class="portal-form">
        <CsrfField token={c.get('csrfToken')} />
        <fieldset>
          <legend>{t('portal.accounts.new.organisation')}</legend>
          <p>
            <label for="ar-organisationKind">{t('portal.field.organisationKind')}</label>
            <select
              id="ar-organisationKind"
              name="organisationKind"
              required
              {...aria('organisationKind')}
            >
              <option value="">{t('portal.accounts.choose')}</option>
              {REQUESTING_KINDS.map((k) => (
                <option value={k} selected={v('organisationKind') === k}>
                  {t(`auth.kind.${k}`)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="ar-organisationLevel">{t('portal.field.organisationLevel')}</label>
            <select
              id="ar-organisationLevel"
              name="organisationLevel"
              {...aria('organisationLevel', 'ar-organisationLevel-hint')}
            >
              <option value="">{t('portal.accounts.level.none')}</option>
              {ADMINISTRATIVE_LEVELS.map((l) => (
                <option value={l} selected={v('organisationLevel') === l}>
                  {t(`auth.level.${l}`)}
                </option>
              ))}
            </select>
            <Hint id="ar-organisationLevel-hint">{t('portal.accounts.levelHint')}</Hint>
          </p>
          {input('organisationNameKk', {
            maxlength: 500,
            lang: 'kk',
            autocomplete: 'organization',
          })}
          {input('organisationNameRu', { maxlength: 500, lang: 'ru' })}
          {input('organisationBin', {
            maxlength: 20,
            inputmode: 'numeric',
            pattern: '\\s*\\d{12}\\s*',
            hint: t('portal.accounts.binHint'),
          })}
        </fieldset>
        <fieldset>
          <legend>{t('portal.accounts.new.person')}</legend>
          {input('contactName', { maxlength: 300, autocomplete: 'name' })}
          {input('contactPosition', { maxlength: 300, autocomplete: 'organization-title' })}
          {input('contactEmail', {
            type: 'email',
            maxlength: 254,
            autocomplete: 'email',
            hint: t('portal.accounts.emailHint'),
          })}
          {input('contactPhone', { type: 'tel', maxlength: 40, autocomplete: 'tel' })}
        </fieldset>
        <fieldset>
          <legend>{t('portal.accounts.new.account')}</legend>
          <p>
            <label for="ar-requestedRole">{t('portal.field.requestedRole')}</label>
            <select
              id="ar-requestedRole"
              name="requestedRole"
              required
              {...aria('requestedRole', 'ar-requestedRole-hint')}
            >
              {REQUESTABLE_ROLES.map((r) => (
                <option value={r} selected={(v('requestedRole') || 'editor') === r}>
                  {t(`auth.role.${r}`)}
                </option>
              ))}
            </select>
            <Hint id="ar-requestedRole-hint">{t('portal.accounts.roleHint')}</Hint>
          </p>
          <p>
            <label for="ar-basis">{t('portal.field.basis')}</label>
            <textarea
              id="ar-basis"
              name="basis"
              rows={4}
              required
              maxlength={2000}
              {...aria('basis', 'ar-basis-hint')}
            >
              {v('basis')}
            </textarea>
            <Hint id="ar-basis-hint">{t('portal.accounts.basisHint')}</Hint>
          </p>
        </fieldset>
        <p>
          <button type="submit">{t('portal.accounts.submit')}</button>
        </p>
      </form>
    </PortalPage>
  )
}

function SentPage({ c, request }: { c: Context<AppEnv>; request: AccountRequest }) {
  const t = c.get('t')
  return (
    <PortalPage c={c} title={t('portal.accounts.sent.title')}>
      <h1>{t('portal.accounts.sent.title')}</h1>
      <p class="lead" role="status">
        {t('portal.accounts.sent.text', { id: request.id, due: request.dueOn })}
      </p>
      <p>{t('portal.accounts.sent.next', { email: request.contactEmail })}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </PortalPage>
  )
}

function StatusBadge({ t, status }: { t: Translator; status: AccountRequest['status'] }) {
  return <span class={`badge request-${status}`}>{t(`portal.accounts.status.${status}`)}</span>
}

/** The organisation named in a request, in the interface language. */
function requestedName(c: Context<AppEnv>, r: AccountRequest): string {
  return c.get('language') === 'kk' ? r.organisationNameKk : r.organisationNameRu
}

function ListPage({
  c,
  requests,
  status,
}: {
  c: Context<AppEnv>
  requests: AccountRequest[]
  status: StatusFilter
}) {
  const t = c.get('t')
  const today = todayKz()
  return (
    <PortalPage c={c} title={t('portal.accounts.list.title')} tab="requests">
      <h1>{t('portal.accounts.list.title')}</h1>
      <p class="lead">{t('portal.accounts.list.intro')}</p>
      <form method="get" action={BASE} class="filters">
        <p>
          <label for="ar-status">{t('portal.accounts.filter.status')}</label>
          <select id="ar-status" name="status">
            {(['all', ...STATUSES] as const).map((s) => (
              <option value={s} selected={s === status}>
                {t(`portal.accounts.status.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('portal.accounts.filter.apply')}</button>
        </p>
      </form>
      <p>{t('portal.accounts.count', { count: requests.length })}</p>
      {requests.length ? (
        <section class="table-scroll" tabindex={0} aria-label={t('portal.accounts.list.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal.accounts.column.number')}</th>
                <th scope="col">{t('portal.accounts.column.organisation')}</th>
                <th scope="col">{t('portal.accounts.column.contact')}</th>
                <th scope="col">{t('portal.field.requestedRole')}</th>
                <th scope="col">{t('portal.accounts.column.received')}</th>
                <th scope="col">{t('portal.accounts.column.status')}</th>
                <th scope="col">{t('portal.accounts.column.due')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr>
                  <td>
                    <a href={requestPath(r.id)}>{r.id}</a>
                  </td>
                  <td>
                    <a href={requestPath(r.id)}>{requestedName(c, r)}</a>
                    <br />
                    <span class="muted">{t(`auth.kind.${r.organisationKind}`)}</span>
                  </td>
                  <td>
                    {r.contactName}
                    <br />
                    <span class="muted">{r.contactEmail}</span>
                  </td>
                  <td>{t(`auth.role.${r.requestedRole}`)}</td>
                  <td>{kzDateTime(r.receivedAt)}</td>
                  <td>
                    <StatusBadge t={t} status={r.status} />
                  </td>
                  <td>
                    {r.status === 'pending' ? (
                      <Deadline t={t} due={r.dueOn} today={today} />
                    ) : (
                      <span class="muted">{r.decidedAt ? kzDateTime(r.decidedAt) : ''}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p class="muted">{t('portal.accounts.none')}</p>
      )}
    </PortalPage>
  )
}

async function detailPage(
  c: Context<AppEnv>,
  request: AccountRequest,
  options: { error?: string; reason?: string; done?: string },
) {
  const organisation = await requestOrganisation(db(c), request)
  const existing =
    request.status === 'pending' ? await existingOrganisationFor(db(c), request) : undefined
  const decider = request.decidedBy ? await userById(db(c), request.decidedBy) : undefined
  return (
    <DetailPage
      c={c}
      request={request}
      organisation={organisation}
      existing={existing}
      decider={decider ? `${decider.name} (${decider.email})` : undefined}
      {...options}
    />
  )
}

function DetailPage({
  c,
  request: r,
  organisation,
  existing,
  decider,
  error,
  reason,
  done,
}: {
  c: Context<AppEnv>
  request: AccountRequest
  organisation: Organisation | undefined
  existing?: Organisation
  decider: string | undefined
  error?: string
  reason?: string
  done?: string
}) {
  const t = c.get('t')
  const title = t('portal.accounts.detail.title', { id: r.id })
  const row = (label: string, value: Child) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  )
  return (
    <PortalPage c={c} title={title} tab="requests">
      <p class="breadcrumbs">
        <a href={BASE}>{t('portal.accounts.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <StatusBadge t={t} status={r.status} />{' '}
        {r.status === 'pending' ? (
          <Deadline t={t} due={r.dueOn} today={todayKz()} label={t('portal.accounts.column.due')} />
        ) : null}
      </p>
      {done === 'rejected' && r.status === 'rejected' ? (
        <p class="notice" role="status">
          {t('portal.accounts.rejected.done')}
        </p>
      ) : null}
      <ErrorBox message={error} />
      <dl class="facts">
        {row(t('portal.field.organisationKind'), t(`auth.kind.${r.organisationKind}`))}
        {r.organisationLevel
          ? row(
              t('portal.field.organisationLevel'),
              t(`auth.level.${r.organisationLevel}` as MessageKey),
            )
          : null}
        {row(t('portal.field.organisationNameKk'), <span lang="kk">{r.organisationNameKk}</span>)}
        {row(t('portal.field.organisationNameRu'), <span lang="ru">{r.organisationNameRu}</span>)}
        {row(t('portal.field.organisationBin'), r.organisationBin ?? '—')}
        {row(t('portal.field.contactName'), r.contactName)}
        {row(t('portal.field.contactPosition'), r.contactPosition)}
        {row(t('portal.field.contactEmail'), r.contactEmail)}
        {row(t('portal.field.contactPhone'), r.contactPhone)}
        {row(t('portal.field.requestedRole'), t(`auth.role.${r.requestedRole}`))}
        {row(t('portal.field.basis'), r.basis)}
        {row(t('portal.accounts.column.received'), kzDateTime(r.receivedAt))}
        {row(t('portal.accounts.column.due'), r.dueOn)}
        {r.decidedAt ? row(t('portal.accounts.field.decided'), kzDateTime(r.decidedAt)) : null}
        {decider ? row(t('portal.accounts.field.decidedBy'), decider) : null}
        {r.decisionNote ? row(t('portal.field.reason'), r.decisionNote) : null}
        {organisation
          ? row(
              t('portal.accounts.field.organisation'),
              organisationName(organisation, c.get('language')),
            )
          : null}
      </dl>
      {r.status === 'pending' ? (
        <>
          <section aria-labelledby="grant-h" class="decide-box">
            <h2 id="grant-h">{t('portal.accounts.grant.title')}</h2>
            <p>{t('portal.accounts.grant.intro')}</p>
            {existing ? (
              <p class="error-message">
                {t('portal.accounts.existingWarning', {
                  name: organisationName(existing, c.get('language')),
                })}
              </p>
            ) : null}
            <form method="post" action={`${requestPath(r.id)}/grant`}>
              <CsrfField token={c.get('csrfToken')} />
              {existing ? (
                <p class="checkbox">
                  <input
                    type="checkbox"
                    id="join-existing"
                    name="joinExisting"
                    value="1"
                    required
                  />{' '}
                  <label for="join-existing">
                    {t('portal.accounts.joinExisting', {
                      name: organisationName(existing, c.get('language')),
                    })}
                  </label>
                </p>
              ) : null}
              <button type="submit">{t('portal.accounts.grant.submit')}</button>
            </form>
          </section>
          <section aria-labelledby="reject-h" class="decide-box">
            <h2 id="reject-h">{t('portal.accounts.reject.title')}</h2>
            <form method="post" action={`${requestPath(r.id)}/reject`} class="portal-form">
              <CsrfField token={c.get('csrfToken')} />
              <p>
                <label for="ar-reason">{t('portal.field.reason')}</label>
                <textarea
                  id="ar-reason"
                  name="reason"
                  rows={3}
                  required
                  maxlength={2000}
                  aria-describedby="ar-reason-hint"
                >
                  {reason ?? ''}
                </textarea>
                <Hint id="ar-reason-hint">{t('portal.accounts.reject.intro')}</Hint>
              </p>
              <p>
                <button type="submit">{t('portal.accounts.reject.submit')}</button>
              </p>
            </form>
          </section>
        </>
      ) : null}
    </PortalPage>
  )
}

function GrantedPage({
  c,
  request,
  link,
}: {
  c: Context<AppEnv>
  request: AccountRequest
  link: string
}) {
  const t = c.get('t')
  return (
    <PortalPage c={c} title={t('portal.accounts.granted.title')} tab="requests">
      <p class="breadcrumbs">
        <a href={requestPath(request.id)}>
          {t('portal.accounts.detail.title', { id: request.id })}
        </a>
      </p>
      <h1>{t('portal.accounts.granted.title')}</h1>
      <p role="status">{t('portal.accounts.granted.text', { email: request.contactEmail })}</p>
      <p class="activation-link">
        <code>{link}</code>
      </p>
      <p class="notice">{t('portal.accounts.granted.outbox', { email: request.contactEmail })}</p>
      <p>
        <a href={BASE}>{t('portal.accounts.back')}</a>
      </p>
    </PortalPage>
  )
}
