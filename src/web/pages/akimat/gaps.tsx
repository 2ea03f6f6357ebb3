/**
 * @module
 * An akimat's gap report (`/akimats/:id/gaps`): what paragraph 9 finds missing, as counts, a
 * chart, three tables (not automated; not the recommended system; below the target level) and a
 * summary per group. Printable (the print stylesheet leaves out navigation and forms), and as
 * CSV or XLSX with one row per gap.
 */
import type { Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import {
  type AkimatFunction,
  akimatArchitecture,
  type GapReport,
  gapReport,
  type Issue,
  type ObjectInfo,
} from '../../../akimat/index.js'
import type { CatalogSnapshot, Column } from '../../../catalog/index.js'
import type { Language, Translator } from '../../../i18n/index.js'
import { requireActor } from '../../auth.js'
import { BarChart, formatPercent } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { type DownloadFormat, sendTable } from '../../downloads.js'
import { kzDateTime } from '../portal/frame.js'
import { AkimatPage, akimatIdParam, catalogOf, dbOf } from './frame.js'
import {
  akimatPath,
  functionPath,
  Levels,
  Recommended,
  recommendedNames,
  Used,
  usedText,
} from './function.js'

/** The issues in the order the report lists them. */
export const ISSUES: readonly Issue[] = ['not-automated', 'non-recommended', 'below-level']

const ISSUE_TITLES = {
  'not-automated': 'akimat.pages.gaps.notAutomated',
  'non-recommended': 'akimat.pages.gaps.nonRecommended',
  'below-level': 'akimat.pages.gaps.belowLevel',
} as const

/** One gap: one issue of one function (a function may have two: another system, too low). */
export interface GapItem {
  key: string
  section: number
  number: number
  group: string | null
  function: string
  issue: Issue
  used: string
  recommended: string
  level: number
  target: number
  note: string | null
}

/** The report's gaps, one per function and issue, in the order of the typical set. */
export function gapItems(
  report: GapReport,
  snapshot: CatalogSnapshot,
  objects: readonly ObjectInfo[],
  language: Language,
): GapItem[] {
  return report.gaps.flatMap((fn) =>
    fn.issues.map((issue) => ({
      key: fn.key,
      section: fn.row.section,
      number: fn.row.number,
      group: fn.row.group,
      function: fn.row.function,
      issue,
      used: usedText(snapshot, objects, fn.decision, language),
      recommended: recommendedNames(snapshot, fn.recommended).join('; '),
      level: fn.decision.level,
      target: fn.target,
      note: fn.decision.note,
    })),
  )
}

/** The download's columns: stable English headers, the issue as its code. */
export const GAP_COLUMNS: Column<GapItem>[] = [
  { header: 'key', value: (g) => g.key, width: 12 },
  { header: 'section', value: (g) => g.section, width: 8 },
  { header: 'number', value: (g) => g.number, width: 8 },
  { header: 'group', value: (g) => g.group, width: 30, wrap: true },
  { header: 'function', value: (g) => g.function, width: 60, wrap: true },
  { header: 'issue', value: (g) => g.issue, width: 16 },
  { header: 'used', value: (g) => g.used || null, width: 30, wrap: true },
  { header: 'recommended', value: (g) => g.recommended || null, width: 30, wrap: true },
  { header: 'level', value: (g) => g.level, width: 8 },
  { header: 'target', value: (g) => g.target, width: 8 },
  { header: 'note', value: (g) => g.note, width: 40, wrap: true },
]

async function reportOf(c: Context<AppEnv>) {
  const actor = requireActor(c)
  const snapshot = await catalogOf(c)
  const architecture = await akimatArchitecture(dbOf(c), actor, snapshot, akimatIdParam(c))
  return { snapshot, architecture, report: gapReport(architecture) }
}

async function download(c: Context<AppEnv>, format: DownloadFormat) {
  const { snapshot, architecture, report } = await reportOf(c)
  return sendTable(c, format, {
    name: `akimat-${architecture.akimat.organisation.id}-gaps`,
    sheet: 'Gaps',
    columns: GAP_COLUMNS,
    items: gapItems(report, snapshot, architecture.objects, c.get('language')),
  })
}

export function registerGapPages(app: Hono<AppEnv>): void {
  app.get('/akimats/:id/gaps.csv', (c) => download(c, 'csv'))
  app.get('/akimats/:id/gaps.xlsx', (c) => download(c, 'xlsx'))
  app.get('/akimats/:id/gaps', async (c) => {
    const t = c.get('t')
    const language = c.get('language')
    const { snapshot, architecture, report } = await reportOf(c)
    const id = architecture.akimat.organisation.id
    const { counts } = report
    const performed = counts.total - counts['not-performed']
    const title = t('akimat.pages.gaps.title')
    const issueCount: Record<Issue, number> = {
      'not-automated': report.notAutomated.length,
      'non-recommended': report.nonRecommended.length,
      'below-level': report.belowLevel.length,
    }
    const groupLanguage = new Map(
      architecture.functions.map((f) => [f.row.group ?? '—', f.row.language]),
    )
    const No = ({ fn }: { fn: AkimatFunction }) => (
      <a href={functionPath(id, fn.key)}>
        {fn.row.section}.{fn.row.number}
      </a>
    )
    const FunctionText = ({ fn }: { fn: AkimatFunction }) => (
      <>
        <span lang={fn.row.language}>{fn.row.function}</span>
        {fn.row.group ? (
          <>
            <br />
            <span class="muted small" lang={fn.row.language}>
              {fn.row.group}
            </span>
          </>
        ) : null}
      </>
    )
    const used = (fn: AkimatFunction) => (
      <Used
        t={t}
        snapshot={snapshot}
        objects={architecture.objects}
        decision={fn.decision}
        language={language}
      />
    )
    return c.html(
      <AkimatPage c={c} title={title} akimat={architecture.akimat} tab="gaps">
        <h1>{title}</h1>
        <p class="lead">
          {t('akimat.pages.gaps.asOf', {
            time: kzDateTime(report.asOf),
            date: architecture.akimat.profile.typicalAt,
            kato: architecture.akimat.profile.kato,
          })}
        </p>
        <p class="hint no-print">{t('akimat.pages.gaps.print')}</p>
        <p class="downloads">
          {t('catalog.download')} <a href={`${akimatPath(id)}/gaps.csv`}>CSV</a> ·{' '}
          <a href={`${akimatPath(id)}/gaps.xlsx`}>XLSX</a>
        </p>
        <dl class="facts akimat-counts">
          <dt>{t('akimat.pages.count.functions')}</dt>
          <dd>{counts.total}</dd>
          <dt>{t('akimat.pages.count.performed')}</dt>
          <dd>{performed}</dd>
          <dt>{t('akimat.pages.count.automated')}</dt>
          <dd>
            {counts.automated} ({formatPercent(counts.automated, performed)})
          </dd>
          <dt>{t('akimat.pages.count.withGaps')}</dt>
          <dd>{report.gaps.length}</dd>
          {ISSUES.map((issue) => (
            <>
              <dt>{t(ISSUE_TITLES[issue])}</dt>
              <dd>{issueCount[issue]}</dd>
            </>
          ))}
        </dl>
        <figure>
          <figcaption>{t('akimat.pages.gaps.chart')}</figcaption>
          <BarChart
            id="akimat-gaps"
            title={t('akimat.pages.gaps.chart')}
            description={t('akimat.pages.gaps.chartDescription', {
              notAutomated: issueCount['not-automated'],
              nonRecommended: issueCount['non-recommended'],
              belowLevel: issueCount['below-level'],
            })}
            unit={t('akimat.pages.unit.functions')}
            items={ISSUES.map((issue) => ({
              label: t(ISSUE_TITLES[issue]),
              value: issueCount[issue],
              href: `#${issue}`,
            }))}
          />
        </figure>

        <section>
          <h2 id="not-automated">
            {t('akimat.pages.gaps.notAutomated')} ({issueCount['not-automated']})
          </h2>
          <p>{t('akimat.pages.gaps.notAutomatedText')}</p>
          <GapTable
            t={t}
            labelledBy="not-automated"
            empty={report.notAutomated.length === 0}
            head={[
              t('catalog.column.number'),
              t('catalog.column.function'),
              t('akimat.pages.column.recommended'),
              t('akimat.pages.field.note'),
            ]}
          >
            {report.notAutomated.map((fn) => (
              <tr>
                <td class="nowrap">
                  <No fn={fn} />
                </td>
                <td>
                  <FunctionText fn={fn} />
                </td>
                <td>
                  <Recommended t={t} snapshot={snapshot} ids={fn.recommended} />
                </td>
                <td class="prewrap">{fn.decision.note ?? ''}</td>
              </tr>
            ))}
          </GapTable>
        </section>

        <section>
          <h2 id="non-recommended">
            {t('akimat.pages.gaps.nonRecommended')} ({issueCount['non-recommended']})
          </h2>
          <p>{t('akimat.pages.rule91')}</p>
          <GapTable
            t={t}
            labelledBy="non-recommended"
            empty={report.nonRecommended.length === 0}
            head={[
              t('catalog.column.number'),
              t('catalog.column.function'),
              t('akimat.pages.column.used'),
              t('akimat.pages.column.recommended'),
            ]}
          >
            {report.nonRecommended.map((fn) => (
              <tr>
                <td class="nowrap">
                  <No fn={fn} />
                </td>
                <td>
                  <FunctionText fn={fn} />
                </td>
                <td>{used(fn)}</td>
                <td>
                  <Recommended t={t} snapshot={snapshot} ids={fn.recommended} />
                </td>
              </tr>
            ))}
          </GapTable>
        </section>

        <section>
          <h2 id="below-level">
            {t('akimat.pages.gaps.belowLevel')} ({issueCount['below-level']})
          </h2>
          <p>{t('akimat.pages.gaps.belowLevelText')}</p>
          <GapTable
            t={t}
            labelledBy="below-level"
            empty={report.belowLevel.length === 0}
            head={[
              t('catalog.column.number'),
              t('catalog.column.function'),
              t('akimat.pages.column.used'),
              t('akimat.pages.column.levels'),
            ]}
          >
            {report.belowLevel.map((fn) => (
              <tr>
                <td class="nowrap">
                  <No fn={fn} />
                </td>
                <td>
                  <FunctionText fn={fn} />
                </td>
                <td>{used(fn)}</td>
                <td>
                  <Levels t={t} fn={fn} />
                </td>
              </tr>
            ))}
          </GapTable>
        </section>

        <section>
          <h2 id="by-group">{t('akimat.pages.gaps.byGroup')}</h2>
          <section class="table-scroll" aria-labelledby="by-group" tabindex={0}>
            <table class="akimat-groups">
              <thead>
                <tr>
                  <th scope="col">{t('catalog.column.group')}</th>
                  <th scope="col" class="num">
                    {t('akimat.pages.count.performed')}
                  </th>
                  <th scope="col" class="num">
                    {t('akimat.pages.count.automated')}
                  </th>
                  <th scope="col" class="num">
                    {t('catalog.column.share')}
                  </th>
                  <th scope="col" class="num">
                    {t('akimat.pages.count.withGaps')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.byGroup.map((g) => (
                  <tr>
                    <td lang={groupLanguage.get(g.group)}>{g.group}</td>
                    <td class="num">{g.performed}</td>
                    <td class="num">{g.automated}</td>
                    <td class="num">{formatPercent(g.automated, g.performed)}</td>
                    <td class="num">{g.gaps}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      </AkimatPage>,
    )
  })
}

/** A table of gaps, or a line saying there are none. */
function GapTable({
  t,
  labelledBy,
  head,
  empty,
  children,
}: {
  t: Translator
  /** The id of the section's heading, which names the scrolling box. */
  labelledBy: string
  head: string[]
  empty: boolean
  children?: Child
}) {
  if (empty) return <p class="muted">{t('akimat.pages.gaps.none')}</p>
  return (
    <section class="table-scroll" aria-labelledby={labelledBy} tabindex={0}>
      <table class="akimat-gaps">
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  )
}
