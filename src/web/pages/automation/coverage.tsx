/**
 * @module
 * The coverage report of the executable typical architecture (`/automation/coverage`, public like
 * the catalogue): for each typical architecture (158, 304) and section, the rows in each
 * automation pattern and each reason a row is not automatable here, how many automatable rows a
 * central system covers, a stacked bar per section, and up to three examples per category (with
 * the function, the evidence and a link to the catalogue row). `/automation/coverage.csv` is the
 * same report row by row.
 */
import type { Context, Hono } from 'hono'
import {
  COVERAGE_CATEGORIES,
  type CoverageCategory,
  type CoverageReport,
  type CoverageSection,
  coverageCsv,
  coverageReport,
} from '../../../automation/index.js'
import type { CatalogSnapshot } from '../../../catalog/index.js'
import type { MessageKey, Translator } from '../../../i18n/index.js'
import { rowPath } from '../../catalog-params.js'
import { StackedBarChart, truncateLabel } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { layoutAuth } from '../../forms.js'
import { Layout } from '../../layout.js'
import { levelName } from '../catalog/frame.js'

/** The category's name: a pattern's, or the reason a row is not automatable here. */
export function categoryName(t: Translator, category: CoverageCategory): string {
  return category.startsWith('none:')
    ? t(`automation.reason.${category.slice(5)}` as MessageKey)
    : t(`automation.pattern.${category}` as MessageKey)
}

/** The report of the loaded catalogue, computed once per catalogue snapshot. */
const reports = new WeakMap<CatalogSnapshot, CoverageReport>()
export function reportOf(snapshot: CatalogSnapshot): CoverageReport {
  let report = reports.get(snapshot)
  if (!report) {
    report = coverageReport(snapshot)
    reports.set(snapshot, report)
  }
  return report
}

export function registerCoveragePages(app: Hono<AppEnv>): void {
  app.get('/automation/coverage', async (c) => coveragePage(c))
  app.get('/automation/coverage.csv', async (c) => {
    const report = reportOf(await c.get('services').catalog.get())
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="automation-coverage.csv"')
    return c.body(new Uint8Array(coverageCsv(report)))
  })
}

/** Rows per part of the bar: central, partly central, e-akimat's own, not automatable here. */
const barParts = (s: CoverageSection) => {
  const none = COVERAGE_CATEGORIES.filter((k) => k.startsWith('none:')).reduce(
    (sum, k) => sum + s.counts[k],
    0,
  )
  return [s.central.central, s.central.partial, s.central.none, none]
}

async function coveragePage(c: Context<AppEnv>) {
  const t = c.get('t')
  const report = reportOf(await c.get('services').catalog.get())
  const title = t('automation.report.title')
  const architectures = [...new Set(report.sections.map((s) => s.architecture))]
  return c.html(
    <Layout t={t} language={c.get('language')} url={c.req.url} title={title} {...layoutAuth(c)}>
      <h1>{title}</h1>
      <p class="lead">{t('automation.report.intro')}</p>
      <p class="downloads">
        <a href="/automation/coverage.csv" download>
          {t('automation.report.csv')}
        </a>{' '}
        · <a href="/catalog">{t('nav.catalog')}</a>
      </p>
      <p data-total-rows={String(report.totals.rows)}>
        {t('automation.report.totals', { rows: report.totals.rows })}
      </p>
      {architectures.map((architecture) => {
        const sections = report.sections.filter((s) => s.architecture === architecture)
        return (
          <section aria-labelledby={`arch-${architecture}`} data-architecture={architecture}>
            <h2 id={`arch-${architecture}`}>
              {t('automation.report.architecture', { architecture })}
            </h2>
            <StackedBarChart
              id={`chart-${architecture}`}
              title={t('automation.report.chart.title', { architecture })}
              description={t('automation.report.chart.description')}
              legend={[
                t('automation.report.chart.central'),
                t('automation.report.chart.partial'),
                t('automation.report.chart.own'),
                t('automation.report.chart.none'),
              ]}
              items={sections.map((s) => ({
                label: t('automation.report.chart.item', { section: s.section }),
                parts: barParts(s),
              }))}
            />
            {sections.map((s) => (
              <SectionReport t={t} s={s} />
            ))}
          </section>
        )
      })}
    </Layout>,
  )
}

function SectionReport({ t, s }: { t: Translator; s: CoverageSection }) {
  const id = `s-${s.architecture}-${s.section}`
  return (
    <section
      aria-labelledby={id}
      data-section={`${s.architecture}:${s.section}`}
      data-rows={String(s.rows)}
    >
      <h3 id={id}>
        {t('automation.report.section', { section: s.section, level: levelName(t, s.section) })}
      </h3>
      <p>{t('automation.report.rows', { rows: s.rows })}</p>
      <p>
        <strong>{t('automation.report.central.title')}:</strong>{' '}
        <span data-central="central">
          {t('automation.report.central.central', { count: s.central.central })}
        </span>
        ;{' '}
        <span data-central="partial">
          {t('automation.report.central.partial', { count: s.central.partial })}
        </span>
        ;{' '}
        <span data-central="none">
          {t('automation.report.central.none', { count: s.central.none })}
        </span>
      </p>
      <section class="table-scroll" aria-labelledby={id} tabindex={0}>
        <table class="automation-coverage">
          <thead>
            <tr>
              <th scope="col">{t('automation.report.category')}</th>
              <th scope="col" class="num">
                {t('automation.report.count')}
              </th>
              <th scope="col">{t('automation.report.examples')}</th>
            </tr>
          </thead>
          <tbody>
            {COVERAGE_CATEGORIES.map((category) => {
              const examples = s.examples[category] ?? []
              return (
                <tr data-category={category}>
                  <th scope="row">{categoryName(t, category)}</th>
                  <td class="num" data-count={String(s.counts[category])}>
                    {s.counts[category]}
                  </td>
                  <td>
                    {examples.length === 0 ? (
                      t('automation.report.noExamples')
                    ) : (
                      <ul class="automation-examples">
                        {examples.map((e) => (
                          <li>
                            <a href={rowPath(e.row)} class="nowrap">
                              {e.key}
                            </a>{' '}
                            <span lang={e.row.language}>{truncateLabel(e.row.function, 160)}</span>
                            {e.classification.evidence ? (
                              <>
                                <br />
                                <span class="muted small">
                                  {t('automation.report.evidence')}:{' '}
                                  <q lang={e.row.language}>{e.classification.evidence}</q>
                                </span>
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
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
