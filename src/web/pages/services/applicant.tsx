/**
 * @module
 * The applicant's pages (signed in through /citizen/login): the application form of a service,
 * their own applications, and one application with what to do next — pay through the simulated
 * payment gateway, sign the exact data with their EDS, share what the verification page shows,
 * answer the Appendix 3 survey — and its downloads. Everything goes through the services
 * module with the applicant as viewer, so another applicant's application, attachment, data to
 * sign or result is "not found" (404).
 */
import type { Context, Hono } from 'hono'
import type { Person } from '../../../auth/index.js'
import type { Language, Translator } from '../../../i18n/index.js'
import {
  type ApplicantPerson,
  answerSurvey,
  applicationsOf,
  applyOnPortal,
  attachmentFor,
  dataToSignFor,
  payApplication,
  providersOf,
  requireView,
  resultDocumentFor,
  resultSignatureFor,
  type ServiceDefinition,
  type ServiceProvider,
  serviceDefinition,
  setSharing,
  signApplication,
  TEST_CARDS,
} from '../../../services/index.js'
import { requirePerson } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, errorMessage, errorStatus, field, idParam, kzDateTime } from '../portal/frame.js'
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
  dbOf,
  definitionParam,
  feeText,
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

const appPath = (id: number) => `/applications/${id}`

/** What `?done=` may say after an action on the applicant's page. */
const DONE = [
  'submitted',
  'paid',
  'declined',
  'timeout',
  'signed',
  'refused',
  'sharing',
  'survey',
] as const

function applicant(person: Person): ApplicantPerson {
  return { personId: person.personId, iin: person.iin, name: person.name }
}

/** Registers the application form, /applications and one application's actions and downloads. */
export function registerApplicantPages(app: Hono<AppEnv>): void {
  app.get('/services/:code/apply', async (c) => {
    const person = requirePerson(c)
    const definition = definitionParam(c)
    const providers = await providersOf(dbOf(c), definition.code)
    return c.html(
      <ApplyPage
        c={c}
        person={person}
        definition={definition}
        providers={providers}
        body={{ language: c.get('language') }}
      />,
    )
  })

  app.post('/services/:code/apply', async (c) => {
    const person = requirePerson(c)
    const definition = definitionParam(c)
    const ctx = servicesContext(c)
    const db = dbOf(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      const kind = field(body, 'recipientKind')
      const view = await applyOnPortal(db, ctx, applicant(person), {
        serviceCode: definition.code,
        providerOrganisationId: Number(field(body, 'provider')),
        recipientKind: kind === 'legal-entity' ? 'legal-entity' : 'individual',
        bin: kind === 'legal-entity' ? field(body, 'bin') : null,
        language: resultLanguageFrom(body, c.get('language')),
        form: formValuesFrom(definition, body),
        attachments: await attachmentsFrom(definition, body),
        signedInAt: new Date(c.get('personSession')?.createdAt ?? Date.now()),
        formOpenedAt: instantFieldOf(body, 'opened'),
      })
      return c.redirect(`${appPath(view.id)}?done=submitted`, 303)
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      const providers = await providersOf(db, definition.code)
      return c.html(
        <ApplyPage
          c={c}
          person={person}
          definition={definition}
          providers={providers}
          body={body}
          error={message}
        />,
        errorStatus(error),
      )
    }
  })

  app.get('/applications', async (c) => {
    const person = requirePerson(c)
    const t = c.get('t')
    const language = c.get('language')
    const list = await applicationsOf(dbOf(c), applicant(person))
    return c.html(
      <ServicesPage c={c} title={t('services.mine.title')} tab="applications">
        <h1>{t('services.mine.title')}</h1>
        {list.length === 0 ? (
          <p>
            {t('services.mine.none')} <a href="/services">{t('services.mine.choose')}</a>
          </p>
        ) : (
          <section class="table-scroll" tabindex={0} aria-labelledby="mine-caption">
            <table class="applications">
              <caption id="mine-caption" class="visually-hidden">
                {t('services.mine.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('services.list.number')}</th>
                  <th scope="col">{t('services.list.service')}</th>
                  <th scope="col">{t('services.list.status')}</th>
                  <th scope="col">{t('services.list.step')}</th>
                  <th scope="col">{t('services.list.date')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => {
                  const definition = serviceDefinition(a.serviceCode)
                  return (
                    <tr class={a.overdue ? 'overdue' : undefined}>
                      <th scope="row">
                        <a href={appPath(a.id)}>{a.number}</a>
                      </th>
                      <td>{serviceNameOf(a.serviceCode, language)}</td>
                      <td>
                        <StatusBadge t={t} status={a.status} />
                        {a.overdue ? (
                          <strong class="overdue"> {t('services.overdue')}</strong>
                        ) : null}
                      </td>
                      <td>
                        {a.status === 'in-progress' ? (
                          <>
                            {stepLabel(definition, a.channel, a.currentStep, language)}
                            <br />
                            <span class="muted">{waitingText(t, a.waitingFor)}</span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{kzDateTime(a.createdAt)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </section>
        )}
      </ServicesPage>,
    )
  })

  app.get('/applications/:id', async (c) => {
    const person = requirePerson(c)
    const done = c.req.query('done')
    return c.html(
      await detailPage(c, person, idParam(c), {
        notice: (DONE as readonly string[]).includes(done ?? '')
          ? c.get('t')(`services.done.${done as (typeof DONE)[number]}`)
          : undefined,
      }),
    )
  })

  app.get('/applications/:id/data-to-sign', async (c) => {
    const person = requirePerson(c)
    const db = dbOf(c)
    const id = idParam(c)
    const view = await requireView(db, { person: applicant(person) }, id)
    return sendDataToSign(
      c,
      view.number,
      await dataToSignFor(db, { person: applicant(person) }, id),
    )
  })

  app.get('/applications/:id/attachments/:aid', async (c) => {
    const person = requirePerson(c)
    const file = await attachmentFor(
      dbOf(c),
      servicesContext(c),
      { person: applicant(person) },
      idParam(c),
      idParam(c, 'aid'),
    )
    return sendAttachment(c, file)
  })

  app.get('/applications/:id/result.pdf.p7s', async (c) => {
    const person = requirePerson(c)
    const signature = await resultSignatureFor(
      dbOf(c),
      servicesContext(c),
      { person: applicant(person) },
      idParam(c),
    )
    return sendSignature(c, signature)
  })

  app.get('/applications/:id/result.pdf', async (c) => {
    const person = requirePerson(c)
    const document = await resultDocumentFor(
      dbOf(c),
      servicesContext(c),
      { person: applicant(person) },
      idParam(c),
    )
    return sendResultPdf(c, document)
  })

  // Actions: each redirects to the page on success, or shows it again with the error.
  const action = (
    path: string,
    run: (
      c: Context<AppEnv>,
      person: ApplicantPerson,
      id: number,
      body: Record<string, unknown>,
    ) => Promise<(typeof DONE)[number]>,
  ) =>
    app.post(`/applications/:id/${path}`, async (c) => {
      const person = requirePerson(c)
      const id = idParam(c)
      const body = (await c.req.parseBody()) as Record<string, unknown>
      try {
        const done = await run(c, applicant(person), id, body)
        return c.redirect(`${appPath(id)}?done=${done}`, 303)
      } catch (error) {
        const message = errorMessage(c.get('t'), error)
        if (!message) throw error
        return c.html(await detailPage(c, person, id, { error: message }), errorStatus(error))
      }
    })

  action('pay', async (c, person, id, body) => {
    const { outcome } = await payApplication(
      dbOf(c),
      servicesContext(c),
      person,
      id,
      field(body, 'cardNumber').slice(0, 40),
    )
    return outcome
  })
  action('sign', async (c, person, id, body) => {
    const view = await signApplication(
      dbOf(c),
      servicesContext(c),
      { person },
      id,
      field(body, 'signature'),
    )
    return view.status === 'refused' ? 'refused' : 'signed'
  })
  action('sharing', async (c, person, id, body) => {
    await setSharing(dbOf(c), person, id, {
      details: field(body, 'shareDetails') === 'on',
      name: field(body, 'shareName') === 'on',
      number: field(body, 'shareNumber') === 'on',
      document: field(body, 'shareDocument') === 'on',
    })
    return 'sharing'
  })
  action('survey', async (c, person, id, body) => {
    await answerSurvey(dbOf(c), person, id, {
      quality: Number(field(body, 'quality')),
      information: Number(field(body, 'information')),
    })
    return 'survey'
  })
}

/** The applicant's page of one application (404 when it is not theirs). */
async function detailPage(
  c: Context<AppEnv>,
  person: Person,
  id: number,
  extra: { notice?: string; error?: string },
) {
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const viewer = { person: applicant(person) }
  const view = await requireView(db, viewer, id)
  const definition = serviceDefinition(view.serviceCode, view.definitionVersion)
  if (!definition) throw new Error(`service ${view.serviceCode} has no definition`)
  const base = appPath(view.id)
  const csrf = c.get('csrfToken')
  let actions = null
  if (view.status === 'in-progress' && view.waitingFor === 'applicant-payment') {
    actions = <PaymentPanel t={t} csrfToken={csrf} base={base} fee={view.feeKzt} />
  } else if (view.status === 'in-progress' && view.waitingFor === 'applicant-signature') {
    actions = (
      <SignaturePanel
        t={t}
        csrfToken={csrf}
        action={`${base}/sign`}
        data={await dataToSignFor(db, viewer, view.id)}
        downloadHref={`${base}/data-to-sign`}
        fileName={`${view.number}-data-to-sign.txt`}
        iin={view.recipient.iin}
        bin={view.recipient.kind === 'legal-entity' ? view.recipient.bin : null}
        intro={t('services.sign.applicantIntro')}
      />
    )
  } else if (view.status === 'in-progress') {
    actions = (
      <p class="notice">
        {t('services.app.waitingOthers', { who: waitingText(t, view.waitingFor) })}
      </p>
    )
  }
  const ctx = c.get('services').services
  const verifyUrl =
    view.result && ctx
      ? `${ctx.publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(view.result.code)}`
      : undefined
  return (
    <ServicesPage c={c} title={t('services.app.title', { number: view.number })} tab="applications">
      <ApplicationDetail
        t={t}
        language={language}
        view={view}
        definition={definition}
        variant="applicant"
        base={base}
        notice={extra.notice}
        error={extra.error}
        actions={actions}
        verifyUrl={verifyUrl}
        resultExtras={
          view.result ? (
            <>
              <SharingForm t={t} csrfToken={csrf} base={base} result={view.result} />
              <Survey t={t} csrfToken={csrf} base={base} survey={view.survey} />
            </>
          ) : null
        }
      />
    </ServicesPage>
  )
}

/** Payment by card through the simulated gateway, with its test cards. */
function PaymentPanel({
  t,
  csrfToken,
  base,
  fee,
}: {
  t: Translator
  csrfToken: string
  base: string
  fee: number | null
}) {
  return (
    <section aria-labelledby="pay-h" class="decide-box">
      <h2 id="pay-h">{t('services.pay.title')}</h2>
      <p>
        {t('services.pay.amount')}: <strong>{feeText(t, fee)}</strong>
      </p>
      <p class="notice">
        <strong>{t('services.pay.simulation')}</strong> {t('services.pay.simulationText')}
      </p>
      <table class="test-cards">
        <caption>{t('services.pay.testCards')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('services.pay.card')}</th>
            <th scope="col">{t('services.pay.answer')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" class="code">
              {TEST_CARDS.paid}
            </th>
            <td>{t('services.pay.card.paid')}</td>
          </tr>
          <tr>
            <th scope="row" class="code">
              {TEST_CARDS.declined}
            </th>
            <td>{t('services.pay.card.declined')}</td>
          </tr>
          <tr>
            <th scope="row" class="code">
              {TEST_CARDS.noAnswer}
            </th>
            <td>{t('services.pay.card.noAnswer')}</td>
          </tr>
        </tbody>
      </table>
      <form method="post" action={`${base}/pay`} class="portal-form">
        <CsrfField token={csrfToken} />
        <p>
          <label for="card-number">{t('services.pay.cardNumber')}</label>
          <input
            id="card-number"
            name="cardNumber"
            inputmode="numeric"
            autocomplete="off"
            maxlength={23}
            required
          />
        </p>
        <p>
          <button type="submit">{t('services.pay.submit')}</button>
        </p>
      </form>
    </section>
  )
}

/** What the public verification page shows besides the defaults. */
function SharingForm({
  t,
  csrfToken,
  base,
  result,
}: {
  t: Translator
  csrfToken: string
  base: string
  result: {
    shareDetails: boolean
    shareName: boolean
    shareNumber: boolean
    shareDocument: boolean
    ready: boolean
  }
}) {
  return (
    <form method="post" action={`${base}/sharing`} class="portal-form">
      <CsrfField token={csrfToken} />
      <fieldset>
        <legend>{t('services.share.title')}</legend>
        <p class="hint">{t('services.share.always')}</p>
        {(
          [
            ['shareDetails', result.shareDetails, t('services.share.details')],
            ['shareName', result.shareName, t('services.share.name')],
            ['shareNumber', result.shareNumber, t('services.share.number')],
            ['shareDocument', result.shareDocument, t('services.share.document')],
          ] as const
        ).map(([name, checked, label]) => (
          <p class="checkbox">
            <input type="checkbox" id={`share-${name}`} name={name} checked={checked} />{' '}
            <label for={`share-${name}`}>{label}</label>
          </p>
        ))}
        <p>
          <button type="submit">{t('services.share.submit')}</button>
        </p>
      </fieldset>
    </form>
  )
}

const SURVEY_QUESTIONS = ['quality', 'information'] as const

/** The Appendix 3 survey: two questions, three answers each, once per application. */
function Survey({
  t,
  csrfToken,
  base,
  survey,
}: {
  t: Translator
  csrfToken: string
  base: string
  survey: { quality: number; information: number; answeredAt: string } | null
}) {
  if (survey) {
    return (
      <section aria-labelledby="survey-h">
        <h3 id="survey-h">{t('services.survey.title')}</h3>
        <p>{t('services.survey.thanks', { time: kzDateTime(survey.answeredAt) })}</p>
        <dl class="facts narrow-stack">
          {SURVEY_QUESTIONS.map((q) => (
            <>
              <dt>{t(`services.survey.${q}`)}</dt>
              <dd>{t(`services.survey.answer${survey[q] as 1 | 2 | 3}`)}</dd>
            </>
          ))}
        </dl>
      </section>
    )
  }
  return (
    <section aria-labelledby="survey-h">
      <h3 id="survey-h">{t('services.survey.title')}</h3>
      <p class="hint">{t('services.survey.source')}</p>
      <form method="post" action={`${base}/survey`} class="portal-form">
        <CsrfField token={csrfToken} />
        {SURVEY_QUESTIONS.map((q, index) => (
          <fieldset>
            <legend>
              {index + 1}. {t(`services.survey.${q}`)}
            </legend>
            {([1, 2, 3] as const).map((answer) => (
              <p class="checkbox">
                <input
                  type="radio"
                  id={`survey-${q}-${answer}`}
                  name={q}
                  value={String(answer)}
                  required
                />{' '}
                <label for={`survey-${q}-${answer}`}>
                  {answer}) {t(`services.survey.answer${answer}`)}
                </label>
              </p>
            ))}
          </fieldset>
        ))}
        <p>
          <button type="submit">{t('services.survey.submit')}</button>
        </p>
      </form>
    </section>
  )
}

/** The application form of a service for a signed-in applicant. */
function ApplyPage({
  c,
  person,
  definition,
  providers,
  body,
  error,
}: {
  c: Context<AppEnv>
  person: Person
  definition: ServiceDefinition
  providers: ServiceProvider[]
  body: Record<string, unknown>
  error?: string
}) {
  const t = c.get('t')
  const language: Language = c.get('language')
  const name = serviceName(definition, language)
  const title = t('services.apply.title', { service: name })
  const kind = field(body, 'recipientKind') || definition.recipientTypes[0]
  const again = error !== undefined
  return (
    <ServicesPage c={c} title={title} tab="services">
      <p class="breadcrumbs">
        <a href={`/services/${definition.code}`}>{t('services.about')}</a>
      </p>
      <h1>{t('services.apply.heading')}</h1>
      <p class="lead">{name}</p>
      <ErrorBox message={error} />
      {providers.length === 0 ? (
        <p class="notice">{t('services.apply.notAvailable')}</p>
      ) : (
        <form
          method="post"
          action={`/services/${definition.code}/apply`}
          enctype="multipart/form-data"
          class="portal-form"
        >
          <CsrfField token={c.get('csrfToken')} />
          <OpenedField value={field(body, 'opened')} />
          <p>
            {t('services.apply.as', { name: person.name })}{' '}
            <span class="muted">
              ({t('services.iin')} <span class="code">{person.iin}</span>)
            </span>
          </p>
          <p>
            <label for="provider">{t('services.apply.provider')}</label>
            <select id="provider" name="provider" required>
              {sortedOrganisations(providers, language).map((p) => (
                <option
                  value={String(p.organisation.id)}
                  selected={String(p.organisation.id) === field(body, 'provider')}
                >
                  {orgName(p.organisation, language)}
                  {definition.payment.required ? ` — ${feeText(t, p.feeKzt)}` : ''}
                  {` — ${termText(t, p.termWorkingDays)}`}
                </option>
              ))}
            </select>
          </p>
          <fieldset>
            <legend>{t('services.apply.recipientKind')}</legend>
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
            {definition.recipientTypes.includes('legal-entity') ? (
              <BinField t={t} value={field(body, 'bin')} />
            ) : null}
          </fieldset>
          <LanguageSelect t={t} value={resultLanguageFrom(body, language)} />
          <DefinitionFields
            t={t}
            language={language}
            definition={definition}
            values={formValuesFrom(definition, body)}
          />
          <AttachmentInputs t={t} language={language} definition={definition} again={again} />
          <p class="hint">
            {definition.payment.required ? t('services.apply.nextPaid') : t('services.apply.next')}
          </p>
          <p>
            <button type="submit">{t('services.apply.submit')}</button>
          </p>
        </form>
      )}
    </ServicesPage>
  )
}
