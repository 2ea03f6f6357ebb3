/**
 * @module
 * The public pages of the e-services: the list of services, one service as its regulation
 * defines it (the act and its lines, providers with the fee and term an administrator entered,
 * the form, and each channel's diagram and steps with the time limits as printed and as read),
 * and its quality figures. Text of the law is shown as printed, in Kazakh, with its lines.
 */
import type { Context, Hono } from 'hono'
import type { Language, Translator } from '../../../i18n/index.js'
import {
  CHANNELS,
  type Channel,
  type ChannelFlow,
  offeredServiceDefinitions,
  providersOf,
  type ServiceDefinition,
  type ServiceProvider,
  type Step,
} from '../../../services/index.js'
import type { AppEnv } from '../../context.js'
import { FiguresPage } from './figures.js'
import {
  channelName,
  Diagram,
  dbOf,
  definitionParam,
  feeText,
  LimitText,
  orgName,
  ServicesPage,
  serviceName,
  sortedOrganisations,
  termText,
} from './frame.js'

/** Registers /services, /services/:code and /services/:code/figures. */
export function registerCataloguePages(app: Hono<AppEnv>): void {
  app.get('/services', async (c) => {
    const t = c.get('t')
    const language = c.get('language')
    const db = dbOf(c)
    const items: { definition: ServiceDefinition; providers: ServiceProvider[] }[] = []
    for (const definition of offeredServiceDefinitions()) {
      items.push({ definition, providers: await providersOf(db, definition.code) })
    }
    return c.html(
      <ServicesPage c={c} title={t('services.list.title')} tab="services">
        <h1>{t('services.list.title')}</h1>
        <p class="lead">{t('services.list.intro')}</p>
        <ul class="service-list">
          {items.map(({ definition, providers }) => (
            <ServiceCard t={t} language={language} definition={definition} providers={providers} />
          ))}
        </ul>
      </ServicesPage>,
    )
  })

  app.get('/services/:code', async (c) => serviceDetail(c))
  app.get('/services/:code/figures', async (c) => FiguresPage(c, definitionParam(c)))
}

function channelsOf(definition: ServiceDefinition): Channel[] {
  return CHANNELS.filter((channel) => definition.channels[channel] !== undefined)
}

function ServiceCard({
  t,
  language,
  definition,
  providers,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
  providers: ServiceProvider[]
}) {
  const href = `/services/${definition.code}`
  return (
    <li class="card service-card">
      <h2>
        <a href={href}>{serviceName(definition, language)}</a>
      </h2>
      <dl class="facts narrow-stack">
        <dt>{t('services.detail.providersAct')}</dt>
        <dd>
          {definition.providers.map((p) => (
            <span class="block">{p[language]}</span>
          ))}
        </dd>
        <dt>{t('services.detail.providersBound')}</dt>
        <dd>
          {providers.length
            ? sortedOrganisations(providers, language)
                .map((p) => orgName(p.organisation, language))
                .join('; ')
            : t('services.detail.noProviders')}
        </dd>
        <dt>{t('services.detail.channels')}</dt>
        <dd>
          {channelsOf(definition)
            .map((channel) =>
              t('services.list.channelSteps', {
                channel: channelName(t, channel),
                n: definition.channels[channel]?.steps.length ?? 0,
              }),
            )
            .join('; ')}
        </dd>
        <dt>{t('services.detail.payment')}</dt>
        <dd>{definition.payment.required ? t('services.paid') : t('services.free')}</dd>
      </dl>
      <p class="inline-list">
        <a href={href}>{t('services.list.details')}</a>
        <a href={`${href}/apply`}>{t('services.detail.apply')}</a>
        <a href={`${href}/figures`}>{t('services.detail.figures')}</a>
      </p>
    </li>
  )
}

/** The catalogue's page of the act, when the act is imported. */
async function actHref(c: Context<AppEnv>, id: string): Promise<string | undefined> {
  const snapshot = await c.get('services').catalog.get()
  const [year, number] = id.includes('-') ? id.split('-', 2) : [undefined, id]
  const act = snapshot.acts.find(
    (a) => a.id === id || (a.id === number && (!year || a.date.startsWith(year))),
  )
  return act ? `/catalog/acts/${encodeURIComponent(act.id)}` : undefined
}

const lineText = (t: Translator, lines: readonly [number, number]) =>
  lines[0] === lines[1]
    ? t('services.lines.one', { line: lines[0] })
    : t('services.lines.range', { from: lines[0], to: lines[1] })

async function serviceDetail(c: Context<AppEnv>) {
  const t = c.get('t')
  const language = c.get('language')
  const definition = definitionParam(c)
  const providers = await providersOf(dbOf(c), definition.code)
  const act = definition.act
  const href = await actHref(c, act.id)
  const name = serviceName(definition, language)
  return c.html(
    <ServicesPage c={c} title={name} tab="services">
      <p class="breadcrumbs">
        <a href="/services">{t('services.list.title')}</a>
      </p>
      <h1>{name}</h1>
      {language === 'kk' ? null : (
        <p class="muted" lang="kk">
          {definition.name.kk}
        </p>
      )}
      <p class="inline-list">
        <a class="button" href={`/services/${definition.code}/apply`}>
          {t('services.detail.apply')}
        </a>
        <a href={`/services/${definition.code}/figures`}>{t('services.detail.figures')}</a>
      </p>
      <section aria-labelledby="act-h">
        <h2 id="act-h">{t('services.detail.act')}</h2>
        <dl class="facts narrow-stack">
          <dt>{t('services.detail.regulation')}</dt>
          <dd>
            {t('services.detail.appendix', { appendix: act.appendix, act: act.id })}{' '}
            {href ? <a href={href}>{t('services.detail.actLink')}</a> : null}
            <br />
            <span class="muted">
              <span class="code wrap">{act.file}</span>, {lineText(t, act.lines)}
            </span>
          </dd>
          <dt>{t('services.detail.status')}</dt>
          <dd>
            {act.status === 'repealed' ? (
              <>
                <span class="badge badge-repealed">{t('services.detail.repealed')}</span>{' '}
                {t('services.detail.repealedNote')}
              </>
            ) : (
              <span class="badge badge-in-force">{t('services.detail.inForce')}</span>
            )}
          </dd>
          <dt>{t('services.detail.standard')}</dt>
          <dd>
            <span lang="kk">{definition.standard.kk}</span>
            <br />
            <span class="muted">{lineText(t, definition.standard.lines)}</span>
          </dd>
          <dt>{t('services.detail.kind')}</dt>
          <dd>
            {t(`services.type.${definition.type}`)};{' '}
            {t(`services.automation.${definition.automation}`)}
          </dd>
          <dt>{t('services.detail.recipients')}</dt>
          <dd>
            {definition.recipientTypes.map((k) => t(`services.recipientKind.${k}`)).join('; ')}
          </dd>
          <dt>{t('services.detail.authentication')}</dt>
          <dd>{t(`services.auth.${definition.portalAuthentication}`)}</dd>
          <dt>{t('services.detail.payment')}</dt>
          <dd>
            {definition.payment.required ? t('services.paidVia') : t('services.free')}
            {definition.payment.lines ? (
              <span class="muted"> ({lineText(t, definition.payment.lines)})</span>
            ) : null}
          </dd>
          <dt>{t('services.detail.help')}</dt>
          <dd>
            <span lang="kk">{definition.help.statusCheck}</span>
            <br />
            {t('services.detail.callCentre', { phone: definition.help.callCentre })}{' '}
            <span class="muted">({lineText(t, definition.help.lines)})</span>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="providers-h">
        <h2 id="providers-h">{t('services.detail.providers')}</h2>
        <p>
          {t('services.detail.providersAct')}:{' '}
          {definition.providers.map((p, i) => (
            <>
              {i ? '; ' : ''}
              {p[language]}
              {p.lines ? <span class="muted"> ({lineText(t, p.lines)})</span> : null}
            </>
          ))}
        </p>
        <p class="hint">{t('services.detail.feeNote')}</p>
        {providers.length === 0 ? (
          <p class="notice">{t('services.detail.noProviders')}</p>
        ) : (
          <section class="table-scroll" tabindex={0} aria-labelledby="providers-h">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('services.admin.organisation')}</th>
                  {definition.payment.required ? (
                    <th scope="col">{t('services.admin.fee')}</th>
                  ) : null}
                  <th scope="col">{t('services.admin.term')}</th>
                </tr>
              </thead>
              <tbody>
                {sortedOrganisations(providers, language).map((p) => (
                  <tr>
                    <th scope="row">{orgName(p.organisation, language)}</th>
                    {definition.payment.required ? <td>{feeText(t, p.feeKzt)}</td> : null}
                    <td>{termText(t, p.termWorkingDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <FormSection t={t} language={language} definition={definition} />
      {channelsOf(definition).map((channel) => (
        <ChannelSection
          t={t}
          language={language}
          definition={definition}
          channel={channel}
          flow={definition.channels[channel] as ChannelFlow}
        />
      ))}
    </ServicesPage>,
  )
}

function FormSection({
  t,
  language,
  definition,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
}) {
  const { fields, attachments } = definition.form
  return (
    <section aria-labelledby="form-h">
      <h2 id="form-h">{t('services.detail.form')}</h2>
      <p class="hint">
        {t('services.detail.formNote')} ({lineText(t, definition.form.lines)})
      </p>
      {fields.length ? (
        <table>
          <caption>{t('services.detail.fields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('services.detail.field')}</th>
              <th scope="col">{t('services.detail.fieldType')}</th>
              <th scope="col">{t('services.detail.required')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr>
                <th scope="row">{f.label[language]}</th>
                <td>
                  {t(`services.fieldType.${f.type}`)}
                  {f.options ? `: ${f.options.map((o) => o.label[language]).join('; ')}` : ''}
                </td>
                <td>{f.required ? t('services.yes') : t('services.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {attachments.length ? (
        <table>
          <caption>{t('services.detail.attachments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('services.detail.attachment')}</th>
              <th scope="col">{t('services.detail.types')}</th>
              <th scope="col">{t('services.detail.required')}</th>
            </tr>
          </thead>
          <tbody>
            {attachments.map((a) => (
              <tr>
                <th scope="row">{a.label[language]}</th>
                <td>{a.types.map((x) => x.toUpperCase()).join(', ')}</td>
                <td>{a.required ? t('services.yes') : t('services.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}

function ChannelSection({
  t,
  language,
  definition,
  channel,
  flow,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
  channel: Channel
  flow: ChannelFlow
}) {
  const id = `channel-${channel}`
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('services.detail.channel', { channel: channelName(t, channel) })}</h2>
      <p class="muted">
        {t('services.detail.paragraph', {
          paragraph: flow.paragraph.number,
          lines: lineText(t, flow.paragraph.lines),
        })}
        {flow.table
          ? ` · ${t('services.detail.table', { table: flow.table.number, lines: lineText(t, flow.table.lines) })}`
          : ''}
      </p>
      <p>
        {t('services.detail.result')}: {flow.result.title[language]} (
        {t(`services.resultKind.${flow.result.kind}`)}; {t('services.detail.signedBy')})
      </p>
      <Diagram
        t={t}
        definition={definition}
        channel={channel}
        language={language}
        caption={t('services.detail.diagramCaption', {
          channel: channelName(t, channel),
          number: flow.diagram,
        })}
        idPrefix={`diagram-${channel}`}
      />
      <h3 id={`${id}-steps`}>{t('services.detail.steps', { n: flow.steps.length })}</h3>
      <section class="table-scroll" tabindex={0} aria-labelledby={`${id}-steps`}>
        <table class="steps">
          <thead>
            <tr>
              <th scope="col">{t('services.steps.id')}</th>
              <th scope="col">{t('services.steps.actor')}</th>
              <th scope="col">{t('services.steps.label')}</th>
              <th scope="col">{t('services.steps.limit')}</th>
              <th scope="col">{t('services.steps.text')}</th>
            </tr>
          </thead>
          <tbody>
            {flow.steps.map((step) => (
              <StepRow t={t} language={language} step={step} />
            ))}
          </tbody>
        </table>
      </section>
    </section>
  )
}

function StepRow({ t, language, step }: { t: Translator; language: Language; step: Step }) {
  return (
    <tr>
      <th scope="row">{step.id}</th>
      <td>{t(`services.diagram.actor.${step.actor}`)}</td>
      <td>
        {step.label[language]}
        <br />
        <span class="muted">{branchText(t, step)}</span>
      </td>
      <td>
        <LimitText t={t} limit={step.limit} />
      </td>
      <td>
        <span lang="kk">{step.text.kk}</span>
        <br />
        <span class="muted">{lineText(t, step.text.lines)}</span>
      </td>
    </tr>
  )
}

function branchText(t: Translator, step: Step): string {
  if (step.kind === 'condition') {
    return t('services.steps.branch', { yes: step.onPass ?? '—', no: step.onFail ?? '—' })
  }
  if (step.next) return t('services.steps.next', { next: step.next })
  return step.action === 'refuse' ? t('services.steps.endsRefused') : t('services.steps.ends')
}
