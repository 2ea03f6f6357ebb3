/**
 * @module
 * A service's quality figures (Appendix 3 of the regulations asks for "quality" and
 * "accessibility"): applications by outcome and channel, the share ended within the term, what
 * is overdue now, the steps kept within the regulation's limit, the median time of each step
 * against its limit, and the survey answers. Bars are server-rendered SVG; every number is also
 * in a table.
 */
import type { Context } from 'hono'
import type { Language, Translator } from '../../../i18n/index.js'
import {
  type Channel,
  type ServiceDefinition,
  type ServiceFigures,
  type StepFigure,
  serviceFigures,
} from '../../../services/index.js'
import { BarChart, formatPercent, StackedBarChart } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import {
  channelName,
  dbOf,
  formatDuration,
  ServicesPage,
  serviceName,
  stepLabel,
  stepOf,
} from './frame.js'

const share = (part: number, whole: number) => (whole ? formatPercent(part, whole) : '—')

/** The figures page of one service. */
export async function FiguresPage(c: Context<AppEnv>, definition: ServiceDefinition) {
  const t = c.get('t')
  const language = c.get('language')
  const figures = await serviceFigures(dbOf(c), definition.code)
  const name = serviceName(definition, language)
  const title = t('services.figures.title', { service: name })
  const timed = figures.steps.filter((s) => s.limitSeconds !== null)
  return c.html(
    <ServicesPage c={c} title={title} tab="services">
      <p class="breadcrumbs">
        <a href={`/services/${definition.code}`}>{t('services.about')}</a>
      </p>
      <h1>{t('services.figures.heading')}</h1>
      <p class="lead">{name}</p>
      <section aria-labelledby="counts-h">
        <h2 id="counts-h">{t('services.figures.counts')}</h2>
        <BarChart
          id="counts"
          title={t('services.figures.counts')}
          description={t('services.figures.countsDesc', {
            total: figures.total,
            completed: figures.completed,
            refused: figures.refused,
            inProgress: figures.inProgress,
          })}
          items={[
            { label: t('services.status.completed'), value: figures.completed },
            { label: t('services.status.refused'), value: figures.refused },
            { label: t('services.status.in-progress'), value: figures.inProgress },
          ]}
        />
        <CountsTable t={t} figures={figures} />
      </section>
      <section aria-labelledby="time-h">
        <h2 id="time-h">{t('services.figures.onTime')}</h2>
        <table>
          <tbody>
            <tr>
              <th scope="row">{t('services.figures.endedWithTerm')}</th>
              <td class="num">{figures.endedWithTerm}</td>
            </tr>
            <tr>
              <th scope="row">{t('services.figures.endedOnTime')}</th>
              <td class="num">
                {figures.endedOnTime} ({share(figures.endedOnTime, figures.endedWithTerm)})
              </td>
            </tr>
            <tr class={figures.overdueNow ? 'overdue' : undefined}>
              <th scope="row">{t('services.figures.overdueNow')}</th>
              <td class="num">
                {figures.overdueNow}
                {figures.overdueNow ? (
                  <strong class="overdue"> {t('services.overdue')}</strong>
                ) : null}
              </td>
            </tr>
            <tr class={figures.stepsOverdueNow ? 'overdue' : undefined}>
              <th scope="row">{t('services.figures.stepsOverdueNow')}</th>
              <td class="num">
                {figures.stepsOverdueNow}
                {figures.stepsOverdueNow ? (
                  <strong class="overdue"> {t('services.overLimit')}</strong>
                ) : null}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('services.figures.stepsWithinLimit')}</th>
              <td class="num">
                {figures.stepsWithinLimit} / {figures.stepsWithLimit} (
                {share(figures.stepsWithinLimit, figures.stepsWithLimit)})
              </td>
            </tr>
          </tbody>
        </table>
        <p class="hint">{t('services.figures.termNote')}</p>
      </section>
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{t('services.figures.steps')}</h2>
        {figures.steps.length === 0 ? (
          <p>{t('services.figures.noSteps')}</p>
        ) : (
          <>
            {[...new Set(timed.map((x) => x.channel))].map((channel) => (
              <StepTimesChart
                t={t}
                language={language}
                definition={definition}
                channel={channel}
                steps={timed.filter((x) => x.channel === channel)}
              />
            ))}
            <section class="table-scroll" tabindex={0} aria-labelledby="steps-h">
              <table class="figure-steps">
                <thead>
                  <tr>
                    <th scope="col">{t('services.figures.step')}</th>
                    <th scope="col" class="num">
                      {t('services.figures.count')}
                    </th>
                    <th scope="col" class="num">
                      {t('services.figures.median')}
                    </th>
                    <th scope="col">{t('services.figures.limit')}</th>
                    <th scope="col" class="num">
                      {t('services.figures.overLimit')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {figures.steps.map((s) => {
                    const step = stepOf(definition, s.channel, s.stepId)
                    const over = s.limitSeconds !== null && s.medianMs > s.limitSeconds * 1000
                    return (
                      <tr class={over ? 'over-limit' : undefined}>
                        <th scope="row">
                          {stepLabel(definition, s.channel, s.stepId, language)}
                          <br />
                          <span class="muted">{channelName(t, s.channel)}</span>
                        </th>
                        <td class="num">{s.count}</td>
                        <td class="num">
                          {formatDuration(t, s.medianMs)}
                          {over ? (
                            <>
                              <br />
                              <strong class="overdue">{t('services.overLimit')}</strong>
                            </>
                          ) : null}
                        </td>
                        <td>{step?.limit ? <span lang="kk">{step.limit.printed}</span> : '—'}</td>
                        <td class="num">{s.limitSeconds === null ? '—' : s.overLimit}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </section>
          </>
        )}
      </section>
      <section aria-labelledby="survey-h">
        <h2 id="survey-h">{t('services.figures.survey')}</h2>
        {figures.survey.answers === 0 ? (
          <p>{t('services.figures.noSurvey')}</p>
        ) : (
          <>
            <StackedBarChart
              id="survey"
              title={t('services.figures.survey')}
              description={t('services.figures.surveyDesc', { n: figures.survey.answers })}
              legend={[
                t('services.survey.answer1'),
                t('services.survey.answer2'),
                t('services.survey.answer3'),
              ]}
              items={[
                { label: t('services.survey.quality'), parts: figures.survey.quality },
                { label: t('services.survey.information'), parts: figures.survey.information },
              ]}
            />
            <section class="table-scroll" tabindex={0} aria-labelledby="survey-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('services.figures.question')}</th>
                    {([1, 2, 3] as const).map((a) => (
                      <th scope="col" class="num">
                        {t(`services.survey.answer${a}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(['quality', 'information'] as const).map((q) => (
                    <tr>
                      <th scope="row">{t(`services.survey.${q}`)}</th>
                      {figures.survey[q].map((n) => (
                        <td class="num">
                          {n} ({share(n, figures.survey.answers)})
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </section>
    </ServicesPage>,
  )
}

function CountsTable({ t, figures }: { t: Translator; figures: ServiceFigures }) {
  return (
    <table>
      <caption class="visually-hidden">{t('services.figures.counts')}</caption>
      <tbody>
        <tr>
          <th scope="row">{t('services.figures.total')}</th>
          <td class="num">{figures.total}</td>
        </tr>
        {(['completed', 'refused', 'in-progress'] as const).map((status) => (
          <tr>
            <th scope="row">{t(`services.status.${status}`)}</th>
            <td class="num">
              {status === 'completed'
                ? figures.completed
                : status === 'refused'
                  ? figures.refused
                  : figures.inProgress}
            </td>
          </tr>
        ))}
        {Object.entries(figures.byChannel).map(([channel, n]) => (
          <tr>
            <th scope="row">
              {t('services.figures.byChannel', { channel: channelName(t, channel) })}
            </th>
            <td class="num">{n}</td>
          </tr>
        ))}
        {Object.entries(figures.refusalsByReason).map(([reason, n]) => (
          <tr>
            <th scope="row">
              {t('services.figures.byReason', {
                reason: t(`services.reason.${reason}` as 'services.reason.grounds'),
              })}
            </th>
            <td class="num">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const WIDTH = 440
const ROW = 58
const PAD = 8

/**
 * The median time of each step against its limit: the limit is the mark at the middle of the
 * row, so a bar past it is over the limit (drawn up to twice the limit, and marked in words).
 */
function StepTimesChart({
  t,
  language,
  definition,
  channel,
  steps,
}: {
  t: Translator
  language: Language
  definition: ServiceDefinition
  channel: Channel
  steps: StepFigure[]
}) {
  const id = `step-times-${channel}`
  const title = t('services.figures.stepTimesIn', { channel: channelName(t, channel) })
  const height = PAD * 2 + steps.length * ROW
  const half = WIDTH / 2
  const over = steps.filter((s) => s.medianMs > (s.limitSeconds ?? 0) * 1000).length
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="chart chart-bars step-times"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        font-family="inherit"
        font-size={16}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {t('services.figures.stepTimesDesc', { n: steps.length, over })}
        </desc>
        {steps.map((s, index) => {
          const limit = (s.limitSeconds ?? 1) * 1000
          const ratio = Math.min(2, s.medianMs / limit)
          const width = Math.round(ratio * half * 100) / 100
          const top = PAD + index * ROW
          const isOver = s.medianMs > limit
          const label = stepLabel(definition, s.channel, s.stepId, language)
          const value = t('services.figures.medianOf', {
            median: formatDuration(t, s.medianMs),
            limit: formatDuration(t, limit),
          })
          return (
            <g class={isOver ? 'chart-row over' : 'chart-row'}>
              <title>{`${label}: ${value}${isOver ? ` — ${t('services.overLimit')}` : ''}`}</title>
              <text class="chart-label" x={0} y={top + 15}>
                {label.length > 44 ? `${label.slice(0, 43)}…` : label}
              </text>
              {width > 0 ? (
                <rect
                  class={isOver ? 'chart-bar step-over-bar' : 'chart-bar'}
                  x={0}
                  y={top + 22}
                  width={width}
                  height={14}
                />
              ) : null}
              <line class="limit-mark" x1={half} x2={half} y1={top + 19} y2={top + 39} />
              <text class="chart-value" x={0} y={top + 50} font-size={14}>
                {value}
                {isOver ? ` — ${t('services.overLimit')}` : ''}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
