/**
 * @module
 * One application as a page, for the applicant (`/applications/:id`) and for staff
 * (`/desk/applications/:id`): status and what it waits for, the action panel the caller gives,
 * refusal reasons, the result with its verification code, the form and its attachments, the
 * history of steps with time taken against the regulation's limit, and the channel's diagram
 * with the path taken. Every link stays under the caller's base path, so the applicant's and the
 * staff's downloads are checked by their own access rules.
 */
import type { Child } from 'hono/jsx'
import { coverage as calendarCoverage } from '../../../calendar/index.js'
import {
  isMessageKey,
  type Language,
  type MessageKey,
  type Translator,
} from '../../../i18n/index.js'
import {
  type ApplicationView,
  type EventView,
  refusalDetailKey,
  type ServiceDefinition,
} from '../../../services/index.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, kzDateTime, todayKz } from '../portal/frame.js'
import {
  channelName,
  Diagram,
  feeText,
  formatDuration,
  LimitText,
  orgName,
  StatusBadge,
  serviceName,
  stepLabel,
  stepOf,
  waitingText,
} from './frame.js'

/** Whose page it is: the applicant's or the staff's. */
export type DetailVariant = 'applicant' | 'staff'

/** Everything the detail page needs besides the view itself. */
export interface DetailProps {
  t: Translator
  language: Language
  view: ApplicationView
  definition: ServiceDefinition
  variant: DetailVariant
  /** `/applications/12` or `/desk/applications/12`. */
  base: string
  /** A message after an action (role=status). */
  notice?: string
  error?: string
  /** The panel of what to do next. */
  actions?: Child
  /** The applicant's result extras: sharing and survey forms. */
  resultExtras?: Child
  /** The public address of the verification page, for the result's code. */
  verifyUrl?: string
}

/** The page body of an application (without the frame). */
export function ApplicationDetail(props: DetailProps) {
  const { t, language, view, definition, variant, base } = props
  const path = view.events.map((e) => e.stepId)
  return (
    <>
      <p class="breadcrumbs">
        <a href={variant === 'applicant' ? '/applications' : '/desk'}>
          {variant === 'applicant' ? t('services.nav.applications') : t('services.nav.desk')}
        </a>
      </p>
      <h1>{t('services.app.title', { number: view.number })}</h1>
      <p class="lead">{serviceName(definition, language)}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorBox message={props.error} />
      <StatusFacts {...props} />
      {props.actions}
      {view.status === 'refused' ? <Refusal t={t} view={view} /> : null}
      {view.result ? (
        <section
          aria-labelledby="result-h"
          class={view.result.kind === 'result' ? 'result-box' : 'result-box refusal-box'}
        >
          <h2 id="result-h">
            {view.result.kind === 'result'
              ? t('services.result.title')
              : t('services.result.refusalTitle')}
          </h2>
          <dl class="facts narrow-stack">
            <dt>{t('services.result.code')}</dt>
            <dd>
              <span class="code">{view.result.code}</span>
            </dd>
            <dt>{t('services.result.issued')}</dt>
            <dd>{kzDateTime(view.result.issuedAt)}</dd>
            <dt>{t('services.result.verifyLink')}</dt>
            <dd>
              <a href={`/verify/${encodeURIComponent(view.result.code)}`}>
                {props.verifyUrl ?? `/verify/${view.result.code}`}
              </a>
            </dd>
          </dl>
          <p>
            <a href={`${base}/result.pdf`} download>
              {t('services.result.download')}
            </a>
            {view.result.ready ? (
              <>
                {' · '}
                <a href={`${base}/result.pdf.p7s`} download>
                  {t('services.result.downloadSignature')}
                </a>
              </>
            ) : null}
            {view.result.ready ? null : (
              <span class="muted"> ({t('services.result.preparing')})</span>
            )}
          </p>
          {props.resultExtras}
        </section>
      ) : null}
      <section aria-labelledby="facts-h">
        <h2 id="facts-h">{t('services.app.details')}</h2>
        <Facts {...props} />
      </section>
      <FormValues t={t} language={language} view={view} definition={definition} />
      <Attachments t={t} language={language} view={view} definition={definition} base={base} />
      <History t={t} language={language} view={view} definition={definition} variant={variant} />
      <section aria-labelledby="diagram-h">
        <h2 id="diagram-h">{t('services.app.diagram')}</h2>
        <Diagram
          t={t}
          definition={definition}
          channel={view.channel}
          language={language}
          caption={t('services.app.diagramCaption', { channel: channelName(t, view.channel) })}
          highlight={path}
          current={view.currentStep}
          idPrefix={`app-${view.id}`}
        />
      </section>
    </>
  )
}

/** Where the application stands: status, step, what it waits for, its term. */
function StatusFacts({ t, language, view, definition }: DetailProps) {
  const today = todayKz()
  const step = stepOf(definition, view.channel, view.currentStep)
  return (
    <dl class="facts narrow-stack">
      <dt>{t('services.app.status')}</dt>
      <dd>
        <StatusBadge t={t} status={view.status} />
        {view.overdue ? <strong class="overdue"> {t('services.overdue')}</strong> : null}
      </dd>
      {view.status === 'in-progress' ? (
        <>
          <dt>{t('services.app.currentStep')}</dt>
          <dd>
            {stepLabel(definition, view.channel, view.currentStep, language)}
            {view.stepOverdue ? (
              <strong class="overdue"> — {t('services.overLimit')}</strong>
            ) : null}
            <br />
            <span class="muted">
              {t('services.app.since', { time: kzDateTime(view.stepStartedAt) })}
              {step?.limit ? ` · ${t('services.app.limit')}: ${step.limit.printed}` : ''}
            </span>
          </dd>
          <dt>{t('services.app.waitingFor')}</dt>
          <dd>{waitingText(t, view.waitingFor)}</dd>
        </>
      ) : null}
      <dt>{t('services.app.due')}</dt>
      <dd>
        {view.dueOn ? (
          <>
            <span class={view.overdue ? 'deadline overdue' : 'deadline'}>
              <time datetime={view.dueOn}>{view.dueOn}</time>
              {view.overdue ? ` — ${t('services.overdue')}` : ''}
            </span>
            {calendarCoverage().includes(Number(view.dueOn.slice(0, 4))) ? null : (
              <span class="muted">
                {' '}
                ({t('portal.calendar.uncovered', { year: Number(view.dueOn.slice(0, 4)) })})
              </span>
            )}
          </>
        ) : view.registeredAt ? (
          t('services.app.noTerm')
        ) : view.status === 'in-progress' ? (
          t('services.app.termAfterRegistration')
        ) : (
          t('services.app.noTermEnded')
        )}
        {view.dueOn && view.status === 'in-progress' && view.dueOn >= today ? (
          <span class="muted"> {t('services.app.workingDaysNote')}</span>
        ) : null}
      </dd>
    </dl>
  )
}

/** Who, through which channel, and when. */
function Facts({ t, language, view, variant }: DetailProps) {
  return (
    <dl class="facts narrow-stack">
      <dt>{t('services.app.channel')}</dt>
      <dd>{channelName(t, view.channel)}</dd>
      <dt>{t('services.app.provider')}</dt>
      <dd>{orgName(view.provider, language)}</dd>
      {view.centre ? (
        <>
          <dt>{t('services.app.centre')}</dt>
          <dd>{orgName(view.centre, language)}</dd>
        </>
      ) : null}
      <dt>{t('services.app.recipient')}</dt>
      <dd>
        {view.recipient.name}
        <br />
        <span class="muted">
          {t('services.iin')} <span class="code">{view.recipient.iin}</span>
          {view.recipient.bin ? (
            <>
              {' · '}
              {t('services.bin')} <span class="code">{view.recipient.bin}</span>
            </>
          ) : null}
          {' · '}
          {t(`services.recipientKind.${view.recipient.kind}`)}
        </span>
      </dd>
      {view.representativeIin ? (
        <>
          <dt>{t('services.app.representative')}</dt>
          <dd>
            {t('services.iin')} <span class="code">{view.representativeIin}</span>
            {view.powerOfAttorney
              ? ` · ${t('services.app.powerOfAttorney')} ${view.powerOfAttorney}`
              : ''}
          </dd>
        </>
      ) : null}
      <dt>{t('services.app.language')}</dt>
      <dd>{t(`services.language.${view.language}`)}</dd>
      <dt>{t('services.app.created')}</dt>
      <dd>{kzDateTime(view.createdAt)}</dd>
      {view.registeredAt ? (
        <>
          <dt>{t('services.app.registered')}</dt>
          <dd>{kzDateTime(view.registeredAt)}</dd>
        </>
      ) : null}
      {variant === 'staff' && view.feeKzt !== null ? (
        <>
          <dt>{t('services.app.fee')}</dt>
          <dd>{feeText(t, view.feeKzt)}</dd>
        </>
      ) : null}
      {view.endedAt ? (
        <>
          <dt>{t('services.app.ended')}</dt>
          <dd>{kzDateTime(view.endedAt)}</dd>
        </>
      ) : null}
    </dl>
  )
}

/** The refusal: the regulation's reason, the failed check's detail and the employee's reasons. */
function Refusal({ t, view }: { t: Translator; view: ApplicationView }) {
  const reasonKey = `services.refusal.${view.refusalReason ?? 'grounds'}`
  const detailKey = refusalDetailKey(view.refusalDetail, view.refusalReason)
  return (
    <section aria-labelledby="refusal-h" class="remarks">
      <h2 id="refusal-h">{t('services.app.refusal')}</h2>
      <p>{isMessageKey(reasonKey) ? t(reasonKey) : view.refusalReason}</p>
      {detailKey && isMessageKey(detailKey) ? <p>{t(detailKey)}</p> : null}
      {view.refusalText ? (
        <>
          <h3>{t('services.app.refusalText')}</h3>
          <p class="prewrap">{view.refusalText}</p>
        </>
      ) : null}
    </section>
  )
}

function FormValues({
  t,
  language,
  view,
  definition,
}: {
  t: Translator
  language: Language
  view: ApplicationView
  definition: ServiceDefinition
}) {
  const fields = definition.form.fields.filter((f) => view.form[f.id] !== undefined)
  return (
    <section aria-labelledby="form-h">
      <h2 id="form-h">{t('services.app.form')}</h2>
      {fields.length ? (
        <dl class="facts narrow-stack">
          {fields.map((f) => {
            const value = view.form[f.id] ?? ''
            const option = f.options?.find((o) => o.value === value)
            return (
              <>
                <dt>{f.label[language]}</dt>
                <dd class="prewrap">{option ? option.label[language] : value}</dd>
              </>
            )
          })}
        </dl>
      ) : (
        <p class="muted">{t('services.app.formEmpty')}</p>
      )}
    </section>
  )
}

function Attachments({
  t,
  language,
  view,
  definition,
  base,
}: {
  t: Translator
  language: Language
  view: ApplicationView
  definition: ServiceDefinition
  base: string
}) {
  return (
    <section aria-labelledby="attachments-h">
      <h2 id="attachments-h">{t('services.app.attachments')}</h2>
      {view.attachments.length ? (
        <ul>
          {view.attachments.map((a) => {
            const slot = definition.form.attachments.find((s) => s.id === a.slot)
            return (
              <li>
                {slot ? `${slot.label[language]}: ` : `${a.slot}: `}
                <a href={`${base}/attachments/${a.id}`}>{a.originalName}</a>{' '}
                <span class="muted">
                  ({a.fileType.toUpperCase()}, {formatSize(t, a.size)})
                </span>
              </li>
            )
          })}
        </ul>
      ) : (
        <p class="muted">{t('services.app.noAttachments')}</p>
      )}
    </section>
  )
}

/** A file size in bytes, KB or MB. */
export function formatSize(t: Translator, bytes: number): string {
  if (bytes < 1024) return t('services.size.bytes', { n: bytes })
  if (bytes < 1024 * 1024) return t('services.size.kb', { n: Math.round(bytes / 1024) })
  return t('services.size.mb', { n: Math.round((bytes / 1024 / 1024) * 10) / 10 })
}

function History({
  t,
  language,
  view,
  definition,
  variant,
}: {
  t: Translator
  language: Language
  view: ApplicationView
  definition: ServiceDefinition
  variant: DetailVariant
}) {
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('services.app.history')}</h2>
      <section class="table-scroll" tabindex={0} aria-labelledby="history-h">
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('services.history.step')}</th>
              <th scope="col">{t('services.history.outcome')}</th>
              <th scope="col">{t('services.history.who')}</th>
              <th scope="col">{t('services.history.started')}</th>
              <th scope="col">{t('services.history.ended')}</th>
              <th scope="col">{t('services.history.taken')}</th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((e) => {
              const step = stepOf(definition, view.channel, e.stepId)
              return (
                <tr class={e.overLimit ? 'over-limit' : undefined}>
                  <th scope="row">{stepLabel(definition, view.channel, e.stepId, language)}</th>
                  <td>{outcomeText(t, e.outcome)}</td>
                  <td>{who(t, e, variant)}</td>
                  <td>{kzDateTime(e.startedAt)}</td>
                  <td>{kzDateTime(e.at)}</td>
                  <td>
                    {formatDuration(t, e.milliseconds)}
                    {step?.limit ? (
                      <>
                        <br />
                        <span class="muted">
                          {t('services.app.limit')}: <LimitText t={t} limit={step.limit} />
                        </span>
                      </>
                    ) : null}
                    {e.overLimit ? (
                      <>
                        <br />
                        <strong class="overdue">{t('services.overLimit')}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>
    </section>
  )
}

function outcomeText(t: Translator, outcome: string): string {
  const key = `services.outcome.${outcome}`
  return isMessageKey(key) ? t(key as MessageKey) : outcome
}

/** Who completed a step: staff see names; the applicant sees the role only. */
function who(t: Translator, e: EventView, variant: DetailVariant): string {
  if (e.actorKind === 'person') return t('services.who.applicant')
  if (e.actorKind === 'user') {
    return variant === 'staff' && e.actorName ? e.actorName : t('services.who.staff')
  }
  return t('services.who.system')
}

/**
 * The signature panel: the exact data to sign in a `<pre>`, a download link, how to sign it,
 * and the field to paste the signature into.
 */
export function SignaturePanel({
  t,
  csrfToken,
  action,
  data,
  downloadHref,
  fileName,
  iin,
  intro,
  bin,
}: {
  t: Translator
  csrfToken: string
  action: string
  data: string
  downloadHref: string
  /** The downloaded file's name, for the command. */
  fileName: string
  /** Whose demo certificate to make in the example (the applicant's IIN), if known. */
  iin?: string
  /** The BIN the certificate must carry: the company's, or the employee's organisation's. */
  bin?: string | null
  intro: string
}) {
  const holder = iin ?? '<IIN>'
  const stem = bin ? `${holder}-${bin}` : holder
  return (
    <section aria-labelledby="sign-h" class="decide-box">
      <h2 id="sign-h">{t('services.sign.title')}</h2>
      <p>{intro}</p>
      <ol>
        <li>
          {t('services.sign.step1')} <a href={downloadHref}>{t('services.sign.download')}</a>
        </li>
        <li>
          {t('services.sign.step2')}
          <br />
          <code class="command">
            {`npm run --silent cli -- services sign --key certs/${stem}.key.pem --cert certs/${stem}.cert.pem --in ${fileName}`}
          </code>
          <br />
          <span class="hint">{t('services.sign.demoCertificate')}</span>
          <br />
          <code class="command">
            {`npm run --silent cli -- services demo-certificate --iin ${holder}${bin ? ` --bin ${bin}` : ''} --name "…" --out certs`}
          </code>
        </li>
        <li>{t('services.sign.step3')}</li>
      </ol>
      <h3 id="data-h">{t('services.sign.data')}</h3>
      <pre class="data-to-sign">{data}</pre>
      <form method="post" action={action} class="portal-form">
        <CsrfField token={csrfToken} />
        <p>
          <label for="signature">{t('services.sign.field')}</label>
          <textarea
            id="signature"
            name="signature"
            rows={6}
            required
            spellcheck={false}
            aria-describedby="signature-hint"
          />
          <span id="signature-hint" class="hint">
            {t('services.sign.hint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('services.sign.submit')}</button>
        </p>
      </form>
    </section>
  )
}
