/**
 * @module
 * The search page (`/search`) and the same results as CSV and XLSX (`/search.csv`, `/search.xlsx`).
 */
import type { Hono } from 'hono'
import { noticesOn, todayInKazakhstan } from '../../../catalog/index.js'
import { SEARCH_RESULT_COLUMNS } from '../../../search/index.js'
import { actPath, rowPath, searchFromQuery, systemPath, withAt } from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { sendTable } from '../../downloads.js'
import { CatalogPage, Downloads, Highlighted, levelName, period } from './frame.js'

export function registerSearchPages(app: Hono<AppEnv>): void {
  app.get('/search', async (c) => {
    const t = c.get('t')
    const { params, response } = await searchFromQuery(c)
    const hits = response?.hits ?? []
    const groups: { key: string; title: string; hits: typeof hits }[] = []
    for (const hit of hits) {
      const key = hit.kind === 'row' ? `row-${hit.section}` : hit.kind
      let group = groups.find((g) => g.key === key)
      if (!group) {
        group = {
          key,
          title:
            hit.kind === 'row'
              ? `${t('catalog.level.heading', { section: hit.section ?? 0 })} ${levelName(t, hit.section ?? 0)}`
              : t(`search.kind.${hit.kind}`),
          hits: [],
        }
        groups.push(group)
      }
      group.hits.push(hit)
    }
    // Groups in the order of their best result: the best match is always first on the page.
    const today = todayInKazakhstan()
    // A date on which no loaded text is in force explains an empty result.
    const snapshot = await c.get('services').catalog.get()
    const notices = params.at
      ? noticesOn(snapshot, params.at).filter((n) => n.kind === 'nothing-in-force')
      : []
    return c.html(
      <CatalogPage
        c={c}
        title={params.q ? t('search.titleFor', { q: params.q }) : t('search.title')}
        tab="search"
        notices={notices}
      >
        <search aria-label={t('search.title')}>
          <form class="filters search-form" method="get" action="/search">
            <label for="search-q">{t('search.label')}</label>
            <input type="search" id="search-q" name="q" value={params.q} maxlength={200} />
            <label for="search-at">{t('search.at')}</label>
            <input type="date" id="search-at" name="at" value={params.at ?? ''} />
            <button type="submit">{t('search.submit')}</button>
          </form>
        </search>
        {response ? (
          <>
            <p role="status">
              {t('search.count', { total: response.total, shown: hits.length })}
              {response.partial ? ` ${t('search.partial')}` : ''}
              {params.at
                ? ` ${t('search.atNote', { at: params.at })}`
                : ` ${t('search.allVersions')}`}
            </p>
            {hits.length ? (
              <Downloads t={t} path="/search" query={new URL(c.req.url).searchParams} />
            ) : null}
          </>
        ) : (
          <p>{t('search.help')}</p>
        )}
        {groups.map((group) => (
          <section aria-labelledby={`results-${group.key}`}>
            <h2 id={`results-${group.key}`}>
              {group.title} ({group.hits.length})
            </h2>
            <ol class="results">
              {group.hits.map((hit) => {
                const href =
                  hit.kind === 'row'
                    ? withAt(
                        rowPath({ act: hit.act!, section: hit.section!, number: hit.number! }),
                        params.at ?? undefined,
                      )
                    : hit.kind === 'system'
                      ? systemPath(hit.ref)
                      : actPath(hit.act ?? '')
                return (
                  <li>
                    <a href={href} lang={hit.language}>
                      <Highlighted segments={hit.highlights.title} />
                    </a>
                    {hit.detail ? (
                      <p class="muted" lang={hit.language}>
                        <Highlighted segments={hit.highlights.detail} />
                      </p>
                    ) : null}
                    {hit.highlights.snippet.length ? (
                      <p class="snippet" lang={hit.language}>
                        <Highlighted segments={hit.highlights.snippet} />
                      </p>
                    ) : null}
                    <p class="meta">
                      {hit.kind === 'row' ? `${hit.section}.${hit.number} · ` : ''}
                      <a href={actPath(hit.act ?? '')}>№ {hit.act}</a> ·{' '}
                      {period(t, hit.validFrom, hit.validTo)}
                      {hit.validTo && hit.validTo <= today ? ` · ${t('search.historical')}` : ''} ·{' '}
                      {t('search.score', { score: hit.score.toFixed(1) })}
                    </p>
                  </li>
                )
              })}
            </ol>
          </section>
        ))}
        {params.q && params.at === null && hits.length ? (
          <p class="muted">{t('search.atHint')}</p>
        ) : null}
      </CatalogPage>,
    )
  })

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/search.${format}`, async (c) => {
      const hits = (await searchFromQuery(c, { download: true })).response?.hits ?? []
      const download = {
        name: 'e-akimat-search',
        sheet: 'Search',
        columns: SEARCH_RESULT_COLUMNS,
        items: hits,
      }
      return sendTable(c, format, download)
    })
  }
}
