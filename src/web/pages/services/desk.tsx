/**
 * @module
 * The staff's pages for e-services: the inbox of the actor's organisation (applications it
 * provides, or registered as a population service centre), earliest term first, overdue rows
 * and steps over their limit marked in words; the ended applications; registering an application
 * at the provider's desk or at a service centre; and one application with the actions its
 * current step waits for — the operator's signature on the form, the operator's decision on the
 * grounds, the authorised person's signature on the result. Staff of another organisation get
 * "not found" (404), as the services module decides.
 */
import type { Context, Hono } from 'hono'
import { type Actor, hasRole } from '../../../auth/index.js'
import { InputError } from '../../../core/index.js'
import type { Language, Translator } from '../../../i18n/index.js'
import {
  type ApplicationSummary,
  attachmentFor,
  dataToSignFor,
  decideApplication,
  inboxOf,
  issueResult,
  offeredServiceDefinitions,
  providersOf,
  registerAtDesk,
  requireView,
  resultDocumentFor,
  resultSignatureFor,
  type ServiceDefinition,
  type ServiceProvider,
  serviceDefinition,
  signApplication,
} from '../../../services/index.js'
import { requireActor, requireRole } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import {
  ErrorBox,
  errorMessage,
  errorStatus,
  field,
  idParam,
  kzDateTime,
  todayKz,
} from '../portal/frame.js'
import { ApplicationDetail, SignaturePanel } from './detail.js'
import { sendAttachment, sendDataToSign, sendResultPdf, sendSignature } from './downloads.js'
import {
  AttachmentInputs,
  attachmentsFrom,
  BinField,
  DefinitionFields,
  formValuesFrom,
  instantFieldOf,
  LanguageSelect,
  OpenedField,
  resultLanguageFrom,
} from './form-fields.js'
import {
  channelName,
  dbOf,
  definitionParam,
  orgName,
  ServicesPage,
  StatusBadge,
  serviceName,
  serviceNameOf,
  servicesContext,
  sortedOrganisations,
  stepLabel,
  termText,
  waitingText,
} from './frame.js'

const deskPath = (id: number) => `/desk/applications/${id}`

const DONE = ['registered', 'refused', 'signed', 'decided', 'issued'] as const

type DeskChannel = 'desk' | 'service-centre'

/** The channels through which the actor's organisation registers applications for a service. */
async function deskChannels(
  c: Context<AppEnv>,
  actor: Actor,
  definition: ServiceDefinition,
): Promise<{ channels: DeskChannel[]; providers: ServiceProvider[] }> {
  const providers = await providersOf(dbOf(c), definition.code)
  const channels: DeskChannel[] = []
  if (
    definition.channels.desk &&
    providers.some((p) => p.organisation.id === actor.organisation.id)
  ) {
    channels.push('desk')
  }
  if (definition.channels['service-centre'] && actor.organisation.kind === 'service-centre') {
    channels.push('service-centre')
  }
  return { channels, providers }
}

/** Registers /desk, /desk/register… and /desk/applications/:id with its actions and downloads. */
export function registerDeskPages(app: Hono<AppEnv>): void {
  app.get('/desk', async (c) => {
    const actor = requireActor(c)
    const ended = c.req.query('view') === 'ended'
    const list = await inboxOf(dbOf(c), actor, { ended })
    return c.html(<Inbox c={c} actor={actor} list={list} ended={ended} />)
  })

  app.get('/desk/register', async (c) => {
    const actor = requireRole(c, 'operator')
    const t = c.get('t')
    const language = c.get('language')
    const options: { definition: ServiceDefinition; channels: DeskChannel[] }[] = []
    for (const definition of offeredServiceDefinitions()) {
      const { channels } = await deskChannels(c, actor, definition)
      if (channels.length) options.push({ definition, channels })
    }
    return c.html(
      <ServicesPage c={c} title={t('services.register.title')} tab="desk-register">
        <h1>{t('services.register.title')}</h1>
        <p class="lead">{t('services.register.intro')}</p>
        {options.length === 0 ? (
          <p class="notice">{t('services.register.none')}</p>
        ) : (
          <ul class="service-list">
            {options.map(({ definition, channels }) => (
              <li>
                <h2>{serviceName(definition, language)}</h2>
                <ul class="inline-list">
                  {channels.map((channel) => (
                    <li>
                      <a
                        class="button"
                        href={`/desk/register/${definition.code}?channel=${channel}`}
                      >
                        {t('services.register.through', { channel: channelName(t, channel) })}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </ServicesPage>,
    )
  })

  app.get('/desk/register/:code', async (c) => {
    const actor = requireRole(c, 'operator')
    const definition = definitionParam(c)
    const { channels, providers } = await deskChannels(c, actor, definition)
    const channel = pickChannel(c.req.query('channel'), channels)
    return c.html(
      <RegisterForm
        c={c}
        actor={actor}
        definition={definition}
        channel={channel}
        providers={providers}
        body={{ language: c.get('language') }}
      />,
      channel ? 200 : 403,
    )
  })

  app.post('/desk/register/:code', async (c) => {
    const actor = requireRole(c, 'operator')
    const definition = definitionParam(c)
    const ctx = servicesContext(c)
    const db = dbOf(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const { channels, providers } = await deskChannels(c, actor, definition)
    const channel = pickChannel(c.req.query('channel') ?? field(body, 'channel'), channels)
    if (!channel) {
      return c.html(
        <RegisterForm
          c={c}
          actor={actor}
          definition={definition}
          providers={providers}
          body={body}
        />,
        403,
      )
    }
    try {
      const kind = field(body, 'recipientKind')
      const view = await registerAtDesk(db, ctx, actor, {
        serviceCode: definition.code,
        channel,
        providerOrganisationId:
          channel === 'desk' ? actor.organisation.id : Number(field(body, 'provider')),
        recipientKind: kind === 'legal-entity' ? 'legal-entity' : 'individual',
        iin: field(body, 'iin'),
        bin: kind === 'legal-entity' ? field(body, 'bin') : null,
        recipientName: field(body, 'recipientName'),
        representativeIin: channel === 'service-centre' ? field(body, 'representativeIin') : null,
        powerOfAttorney: channel === 'service-centre' ? field(body, 'powerOfAttorney') : null,
        language: resultLanguageFrom(body, c.get('language')),
        form: formValuesFrom(definition, body),
        attachments: await attachmentsFrom(definition, body),
        formOpenedAt: instantFieldOf(body, 'opened'),
      })
      return c.redirect(
        `${deskPath(view.id)}?done=${view.status === 'refused' ? 'refused' : 'registered'}`,
        303,
      )
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      return c.html(
        <RegisterForm
          c={c}
          actor={actor}
          definition={definition}
          channel={channel}
          providers={providers}
          body={body}
          error={message}
        />,
        errorStatus(error),
      )
    }
  })

  app.get('/desk/applications/:id', async (c) => {
    const actor = requireActor(c)
    const done = c.req.query('done')
    return c.html(
      await deskDetail(c, actor, idParam(c), {
        notice: (DONE as readonly string[]).includes(done ?? '')
          ? c.get('t')(`services.done.${done as (typeof DONE)[number]}`)
          : undefined,
      }),
    )
  })

  app.get('/desk/applications/:id/data-to-sign', async (c) => {
    const actor = requireActor(c)
    const db = dbOf(c)
    const view = await requireView(db, { actor }, idParam(c))
    return sendDataToSign(c, view.number, await dataToSignFor(db, { actor }, view.id))
  })

  app.get('/desk/applications/:id/attachments/:aid', async (c) => {
    const actor = requireActor(c)
    const file = await attachmentFor(
      dbOf(c),
      servicesContext(c),
      { actor },
      idParam(c),
      idParam(c, 'aid'),
    )
    return sendAttachment(c, file)
  })

  app.get('/desk/applications/:id/result.pdf.p7s', async (c) => {
    const actor = requireActor(c)
    const signature = await resultSignatureFor(dbOf(c), servicesContext(c), { actor }, idParam(c))
    return sendSignature(c, signature)
  })

  app.get('/desk/applications/:id/result.pdf', async (c) => {
    const actor = requireActor(c)
    const document = await resultDocumentFor(dbOf(c), servicesContext(c), { actor }, idParam(c))
    return sendResultPdf(c, document)
  })

  const action = (
    path: string,
    run: (
      c: Context<AppEnv>,
      actor: Actor,
      id: number,
      body: Record<string, unknown>,
    ) => Promise<(typeof DONE)[number]>,
  ) =>
    app.post(`/desk/applications/:id/${path}`, async (c) => {
      const actor = requireActor(c)
      const id = idParam(c)
      const body = (await c.req.parseBody()) as Record<string, unknown>
      try {
        const done = await run(c, actor, id, body)
        return c.redirect(`${deskPath(id)}?done=${done}`, 303)
      } catch (error) {
        const message = errorMessage(c.get('t'), error)
        if (!message) throw error
        return c.html(await deskDetail(c, actor, id, { error: message, body }), errorStatus(error))
      }
    })

  action('sign', async (c, actor, id, body) => {
    await signApplication(dbOf(c), servicesContext(c), { actor }, id, field(body, 'signature'))
    return 'signed'
  })
  action('decision', async (c, actor, id, body) => {
    const decision = field(body, 'decision')
    if (decision !== 'meets' && decision !== 'refuse') {
      throw new DecisionMissing()
    }
    await decideApplication(dbOf(c), servicesContext(c), actor, id, {
      meets: decision === 'meets',
      reason: field(body, 'reason'),
    })
    return 'decided'
  })
  action('issue', async (c, actor, id) => {
    await issueResult(dbOf(c), servicesContext(c), actor, id)
    return 'issued'
  })
}

class DecisionMissing extends InputError {
  constructor() {
    super('Choose a decision', 'services.decision.choose', {})
  }
}

function pickChannel(value: string | undefined, allowed: DeskChannel[]): DeskChannel | undefined {
  return allowed.find((channel) => channel === value)
}

/** The staff's page of one application, with the actions its step waits for. */
async function deskDetail(
  c: Context<AppEnv>,
  actor: Actor,
  id: number,
  extra: { notice?: string; error?: string; body?: Record<string, unknown> },
) {
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const view = await requireView(db, { actor }, id)
  const definition = serviceDefinition(view.serviceCode, view.definitionVersion)
  if (!definition) throw new Error(`service ${view.serviceCode} has no definition`)
  const base = deskPath(view.id)
  const csrf = c.get('csrfToken')
  const org = actor.organisation.id
  const provider = view.provider.id === org
  const registering = (view.centre?.id ?? view.provider.id) === org
  let actions = null
  if (view.status === 'in-progress') {
    const waiting = view.waitingFor
    if (waiting === 'employee-signature' && registering && hasRole(actor, 'operator')) {
      actions = (
        <SignaturePanel
          t={t}
          csrfToken={csrf}
          action={`${base}/sign`}
          data={await dataToSignFor(db, { actor }, view.id)}
          downloadHref={`${base}/data-to-sign`}
          fileName={`${view.number}-data-to-sign.txt`}
          bin={actor.organisation.bin}
          intro={t('services.sign.employeeIntro')}
        />
      )
    } else if (waiting === 'provider-decision' && provider && hasRole(actor, 'operator')) {
      const chosen = extra.body ? field(extra.body, 'decision') : ''
      actions = (
        <section aria-labelledby="decision-h" class="decide-box">
          <h2 id="decision-h">{t('services.decision.title')}</h2>
          <p>{t('services.decision.intro')}</p>
          <form method="post" action={`${base}/decision`} class="portal-form">
            <CsrfField token={csrf} />
            <fieldset>
              <legend>{t('services.decision.legend')}</legend>
              <p class="checkbox">
                <input
                  type="radio"
                  id="decision-meets"
                  name="decision"
                  value="meets"
                  required
                  checked={chosen === 'meets'}
                />{' '}
                <label for="decision-meets">{t('services.decision.meets')}</label>
              </p>
              <p class="checkbox">
                <input
                  type="radio"
                  id="decision-refuse"
                  name="decision"
                  value="refuse"
                  checked={chosen === 'refuse'}
                />{' '}
                <label for="decision-refuse">{t('services.decision.refuse')}</label>
              </p>
            </fieldset>
            <p>
              <label for="reason">{t('services.decision.reason')}</label>
              <textarea
                id="reason"
                name="reason"
                rows={5}
                maxlength={4000}
                aria-describedby="reason-hint"
              >
                {extra.body ? field(extra.body, 'reason') : ''}
              </textarea>
              <span class="hint" id="reason-hint">
                {t('services.decision.reasonHint')}
              </span>
            </p>
            <p>
              <button type="submit">{t('services.decision.submit')}</button>
            </p>
          </form>
        </section>
      )
    } else if (waiting === 'signer' && provider && hasRole(actor, 'signer')) {
      actions = (
        <section aria-labelledby="issue-h" class="decide-box">
          <h2 id="issue-h">{t('services.issue.title')}</h2>
          <p>{t('services.issue.intro')}</p>
          <form method="post" action={`${base}/issue`}>
            <CsrfField token={csrf} />
            <button type="submit">{t('services.issue.submit')}</button>
          </form>
        </section>
      )
    } else {
      actions = (
        <p class="notice">
          {t('services.app.waitingOthers', { who: waitingText(t, view.waitingFor) })}
        </p>
      )
    }
  }
  return (
    <ServicesPage c={c} title={t('services.app.title', { number: view.number })} tab="desk">
      <ApplicationDetail
        t={t}
        language={language}
        view={view}
        definition={definition}
        variant="staff"
        base={base}
        notice={extra.notice}
        error={extra.error}
        actions={actions}
      />
    </ServicesPage>
  )
}

/** The inbox (or the ended applications) of the actor's organisation. */
function Inbox({
  c,
  actor,
  list,
  ended,
}: {
  c: Context<AppEnv>
  actor: Actor
  list: ApplicationSummary[]
  ended: boolean
}) {
  const t = c.get('t')
  const language = c.get('language')
  const today = todayKz()
  const title = ended ? t('services.desk.endedTitle') : t('services.desk.title')
  const overdue = list.filter((a) => a.overdue).length
  return (
    <ServicesPage c={c} title={title} tab={ended ? 'desk-ended' : 'desk'}>
      <h1>{title}</h1>
      <p class="lead">
        {t('services.desk.intro', { organisation: orgName(actor.organisation, language) })}
      </p>
      <nav class="catalog-tabs" aria-label={t('services.desk.views')}>
        <ul>
          <li>
            <a href="/desk" aria-current={ended ? undefined : 'page'}>
              {t('services.desk.inProgress')}
            </a>
          </li>
          <li>
            <a href="/desk?view=ended" aria-current={ended ? 'page' : undefined}>
              {t('services.desk.ended')}
            </a>
          </li>
        </ul>
      </nav>
      {hasRole(actor, 'operator') ? (
        <p>
          <a class="button" href="/desk/register">
            {t('services.desk.register')}
          </a>
        </p>
      ) : null}
      {!ended && overdue ? (
        <p class="notice">
          <strong class="overdue">{t('services.desk.overdueCount', { n: overdue })}</strong>
        </p>
      ) : null}
      {list.length === 0 ? (
        <p>{ended ? t('services.desk.noneEnded') : t('services.desk.none')}</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-labelledby="inbox-caption">
          <table class="inbox">
            <caption id="inbox-caption" class="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('services.list.number')}</th>
                <th scope="col">{t('services.list.service')}</th>
                <th scope="col">{t('services.list.recipient')}</th>
                <th scope="col">{ended ? t('services.list.status') : t('services.list.step')}</th>
                {ended ? null : <th scope="col">{t('services.list.waitingFor')}</th>}
                <th scope="col">{ended ? t('services.list.ended') : t('services.list.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <InboxRow t={t} language={language} a={a} ended={ended} today={today} />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </ServicesPage>
  )
}

function InboxRow({
  t,
  language,
  a,
  ended,
  today,
}: {
  t: Translator
  language: Language
  a: ApplicationSummary
  ended: boolean
  today: string
}) {
  const definition = serviceDefinition(a.serviceCode)
  const classes = [a.overdue ? 'overdue' : '', a.stepOverdue ? 'step-over' : '']
    .filter(Boolean)
    .join(' ')
  return (
    <tr class={classes || undefined}>
      <th scope="row">
        <a href={deskPath(a.id)}>{a.number}</a>
        <br />
        <span class="muted">{channelName(t, a.channel)}</span>
      </th>
      <td>{serviceNameOf(a.serviceCode, language)}</td>
      <td>{a.recipientName}</td>
      {ended ? (
        <td>
          <StatusBadge t={t} status={a.status} />
        </td>
      ) : (
        <>
          <td>
            {stepLabel(definition, a.channel, a.currentStep, language)}
            <br />
            <span class="muted">
              {t('services.app.since', { time: kzDateTime(a.stepStartedAt) })}
            </span>
            {a.stepOverdue ? (
              <>
                <br />
                <strong class="overdue">{t('services.overLimit')}</strong>
              </>
            ) : null}
          </td>
          <td>{waitingText(t, a.waitingFor)}</td>
        </>
      )}
      <td>
        {ended ? (
          a.endedAt ? (
            kzDateTime(a.endedAt)
          ) : (
            '—'
          )
        ) : a.dueOn ? (
          <span class={a.overdue ? 'deadline overdue' : 'deadline'}>
            <time datetime={a.dueOn}>{a.dueOn}</time>
            {a.overdue
              ? ` — ${t('services.overdue')}`
              : a.dueOn === today
                ? ` — ${t('services.dueToday')}`
                : ''}
          </span>
        ) : (
          <span class="muted">{t('services.desk.noTerm')}</span>
        )}
      </td>
    </tr>
  )
}

/** The desk's registration form: the recipient, the representative (centre), the form. */
function RegisterForm({
  c,
  actor,
  definition,
  channel,
  providers,
  body,
  error,
}: {
  c: Context<AppEnv>
  actor: Actor
  definition: ServiceDefinition
  channel?: DeskChannel
  providers: ServiceProvider[]
  body: Record<string, unknown>
  error?: string
}) {
  const t = c.get('t')
  const language = c.get('language')
  const name = serviceName(definition, language)
  const title = t('services.register.formTitle', { service: name })
  const kind = field(body, 'recipientKind') || definition.recipientTypes[0]
  return (
    <ServicesPage c={c} title={title} tab="desk-register">
      <p class="breadcrumbs">
        <a href="/desk/register">{t('services.register.title')}</a>
      </p>
      <h1>{t('services.register.heading')}</h1>
      <p class="lead">{name}</p>
      <ErrorBox message={error} />
      {!channel ? (
        <p class="error-message" role="alert">
          {t('services.register.channelNotYours', {
            organisation: orgName(actor.organisation, language),
          })}
        </p>
      ) : (
        <form
          method="post"
          action={`/desk/register/${definition.code}?channel=${channel}`}
          enctype="multipart/form-data"
          class="portal-form"
        >
          <CsrfField token={c.get('csrfToken')} />
          <OpenedField value={field(body, 'opened')} />
          <input type="hidden" name="channel" value={channel} />
          <p>
            {t('services.register.channel')}: <strong>{channelName(t, channel)}</strong>
          </p>
          {channel === 'service-centre' ? (
            <p>
              <label for="provider">{t('services.apply.provider')}</label>
              <select id="provider" name="provider" required>
                <option value="">{t('services.apply.choose')}</option>
                {sortedOrganisations(providers, language).map((p) => (
                  <option
                    value={String(p.organisation.id)}
                    selected={String(p.organisation.id) === field(body, 'provider')}
                  >
                    {orgName(p.organisation, language)}

                    {` — ${termText(t, p.termWorkingDays)}`}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <fieldset>
            <legend>{t('services.register.recipient')}</legend>
            {definition.recipientTypes.map((k) => (
              <p class="checkbox">
                <input
                  type="radio"
                  id={`kind-${k}`}
                  name="recipientKind"
                  value={k}
                  checked={k === kind}
                />{' '}
                <label for={`kind-${k}`}>{t(`services.recipientKind.${k}`)}</label>
              </p>
            ))}
            <p>
              <label for="iin">{t('services.register.iin')}</label>
              <input
                id="iin"
                name="iin"
                inputmode="numeric"
                maxlength={14}
                required
                value={field(body, 'iin')}
              />
            </p>
            {definition.recipientTypes.includes('legal-entity') ? (
              <BinField t={t} value={field(body, 'bin')} />
            ) : null}
            <p>
              <label for="recipient-name">
                {t('services.register.name')} ({t('services.apply.optional')})
              </label>
              <input
                id="recipient-name"
                name="recipientName"
                maxlength={300}
                value={field(body, 'recipientName')}
                aria-describedby="name-hint"
              />
              <span class="hint" id="name-hint">
                {t('services.register.nameHint')}
              </span>
            </p>
          </fieldset>
          {channel === 'service-centre' ? (
            <fieldset>
              <legend>{t('services.register.representative')}</legend>
              <p class="hint">{t('services.register.representativeHint')}</p>
              <p>
                <label for="representative-iin">{t('services.register.representativeIin')}</label>
                <input
                  id="representative-iin"
                  name="representativeIin"
                  inputmode="numeric"
                  maxlength={14}
                  value={field(body, 'representativeIin')}
                />
              </p>
              <p>
                <label for="power-of-attorney">{t('services.register.powerOfAttorney')}</label>
                <input
                  id="power-of-attorney"
                  name="powerOfAttorney"
                  maxlength={50}
                  value={field(body, 'powerOfAttorney')}
                />
              </p>
            </fieldset>
          ) : null}
          <LanguageSelect t={t} value={resultLanguageFrom(body, language)} />
          <DefinitionFields
            t={t}
            language={language}
            definition={definition}
            values={formValuesFrom(definition, body)}
          />
          <AttachmentInputs
            t={t}
            language={language}
            definition={definition}
            again={error !== undefined}
          />
          <p class="hint">{t('services.register.next')}</p>
          <p>
            <button type="submit">{t('services.register.submit')}</button>
          </p>
        </form>
      )}
    </ServicesPage>
  )
}
