/**
 * @module
 * Browsing the catalogue: levels → groups with counts, the filtered row list (with CSV and XLSX
 * of the same list), and the page of one row version with its source lines and history; the
 * whole catalogue as at the page's date in the exchange formats (ArchiMate XML, Backstage YAML).
 */
import type { Hono } from 'hono'
import { actLines } from '../../../acts/index.js'
import {
  type CatalogRow,
  filterOptions,
  filterRows,
  inForceOn,
  noticesOn,
  ROW_COLUMNS,
  rowId,
  rowWithHistory,
  summarizeLevels,
} from '../../../catalog/index.js'
import { NotFoundError } from '../../../core/index.js'
import { isMessageKey, type MessageKey, type Translator } from '../../../i18n/index.js'
import { objectsForFunction } from '../../../portal/index.js'
import {
  atParam,
  filterQuery,
  intParam,
  rowFilters,
  rowPath,
  systemPath,
  withAt,
} from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { sendCatalogExchange, sendTable } from '../../downloads.js'
import {
  ActLink,
  CatalogPage,
  Downloads,
  GroupTable,
  levelName,
  period,
  RowLink,
  SystemLinks,
} from './frame.js'

/** Rows on one page of the row list. */
export const ROWS_PER_PAGE = 200

export function registerBrowsePages(app: Hono<AppEnv>): void {
  app.get('/catalog', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const rows = filterRows(snapshot, { at: at.at })
    const levels = summarizeLevels(snapshot, rows, at.at)
    const explicit = at.explicit ? at.at : undefined
    const groupLink = (section: number, group: string | null) => {
      const q = filterQuery({ at: at.at, section, ...(group ? { group } : {}) }, at.explicit)
      return `/catalog/rows?${q}`
    }
    return c.html(
      <CatalogPage
        c={c}
        title={t('catalog.levels.title')}
        tab="levels"
        at={at}
        notices={noticesOn(snapshot, at.at)}
      >
        {rows.length ? (
          <p class="lead">{t('catalog.levels.intro', { at: at.at, rows: rows.length })}</p>
        ) : null}
        {rows.length ? <ExchangeDownloads t={t} at={at.at} /> : null}
        {levels
          .filter((level) => level.rows > 0)
          .map((level) => (
            <section class="level" aria-labelledby={`level-${level.section}`}>
              <h2 id={`level-${level.section}`}>
                {t('catalog.level.heading', { section: level.section })}{' '}
                {level.title ? (
                  <span lang={level.title.language}>{sectionTitle(level.title.title)}</span>
                ) : (
                  levelName(t, level.section)
                )}
              </h2>
              <p class="muted">
                {levelName(t, level.section)} ·{' '}
                {t('catalog.counts', { rows: level.rows, withSystem: level.withSystem })}
                {level.title ? (
                  <>
                    {' '}
                    · {t('catalog.titleFrom')} <ActLink id={level.title.act} />
                  </>
                ) : null}
              </p>
              <GroupTable
                t={t}
                groups={level.groups}
                caption={t('catalog.groups.caption', { section: level.section })}
                link={(g) => groupLink(level.section, g.name)}
              />
              <p>
                <a href={withAt(`/catalog/rows?section=${level.section}`, explicit)}>
                  {t('catalog.levels.allRows', { rows: level.rows })}
                </a>
              </p>
            </section>
          ))}
      </CatalogPage>,
    )
  })

  app.get('/catalog/rows', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const filters = rowFilters(c)
    const rows = filterRows(snapshot, filters)
    const options = filterOptions(snapshot, at.at, filters.section)
    const query = filterQuery(filters, at.explicit)
    const explicit = at.explicit ? at.at : undefined
    // Long lists in pages of ROWS_PER_PAGE; the downloads always hold the whole list.
    const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE))
    const page = intParam(c, 'page', 1, 100_000) ?? 1
    if (page > pages) throw new NotFoundError(t('error.notFound'))
    const shown = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)
    const sections = [...new Set(shown.map((r) => r.section))]
    const pageLink = (n: number) => {
      const q = new URLSearchParams(query)
      if (n > 1) q.set('page', String(n))
      return `/catalog/rows?${q}`
    }
    return c.html(
      <CatalogPage
        c={c}
        title={t('catalog.rows.title')}
        tab="rows"
        at={at}
        keep={query}
        notices={noticesOn(snapshot, at.at)}
      >
        <form class="filters" method="get" action="/catalog/rows">
          {at.explicit ? <input type="hidden" name="at" value={at.at} /> : null}
          <fieldset>
            <legend>{t('catalog.filters')}</legend>
            <label>
              {t('catalog.filter.level')}
              <select name="section">
                <option value="">{t('catalog.filter.any')}</option>
                {[1, 2, 3].map((s) => (
                  <option value={String(s)} selected={filters.section === s}>
                    {s}. {levelName(t, s)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('catalog.filter.group')}
              <select name="group">
                <option value="">{t('catalog.filter.any')}</option>
                {options.groups.map((g) => (
                  <option value={g.value} selected={filters.group === g.value}>
                    {g.value.length > 70 ? `${g.value.slice(0, 69)}…` : g.value} ({g.rows})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('catalog.filter.system')}
              <select name="system">
                <option value="">{t('catalog.filter.any')}</option>
                {options.systems.map((s) => (
                  <option value={s.value} selected={filters.system === s.value}>
                    {s.name} ({s.rows})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('catalog.filter.unit')}
              <select name="unit">
                <option value="">{t('catalog.filter.any')}</option>
                {options.units.map((u) => (
                  <option value={u.value} selected={filters.unit === u.value}>
                    {u.value} ({u.rows})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('catalog.filter.automationLevel')}
              <select name="automationLevel">
                <option value="">{t('catalog.filter.any')}</option>
                {options.automationLevels.map((l) => (
                  <option value={String(l.value)} selected={filters.automationLevel === l.value}>
                    {l.value} ({l.rows})
                  </option>
                ))}
              </select>
            </label>
            <label class="check">
              <input
                type="checkbox"
                name="withoutSystem"
                value="1"
                checked={filters.withoutSystem}
              />
              {t('catalog.filter.withoutSystem')}
            </label>
            <button type="submit">{t('catalog.filter.apply')}</button>{' '}
            <a href={withAt('/catalog/rows', explicit)}>{t('catalog.filter.reset')}</a>
          </fieldset>
        </form>
        <p role="status">
          {t('catalog.rows.count', { rows: rows.length })}
          {pages > 1
            ? ` ${t('catalog.rows.page', {
                first: (page - 1) * ROWS_PER_PAGE + 1,
                last: (page - 1) * ROWS_PER_PAGE + shown.length,
              })}`
            : ''}
        </p>
        <Downloads t={t} path="/catalog/rows" query={query} />
        <ExchangeDownloads t={t} at={at.at} />
        {sections.map((section) => (
          <section aria-labelledby={`rows-level-${section}`}>
            <h2 id={`rows-level-${section}`}>
              {t('catalog.level.heading', { section })} {levelName(t, section)}
            </h2>
            <RowTable rows={shown.filter((r) => r.section === section)} t={t} at={explicit} />
          </section>
        ))}
        {pages > 1 ? (
          <nav class="pages" aria-label={t('catalog.pages')}>
            <ul>
              {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
                <li>
                  <a href={pageLink(n)} aria-current={n === page ? 'page' : undefined}>
                    {n}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </CatalogPage>,
    )
  })

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/catalog/rows.${format}`, async (c) => {
      const snapshot = await c.get('services').catalog.get()
      const filters = rowFilters(c)
      const rows = filterRows(snapshot, filters)
      const download = {
        name: `e-akimat-rows-${filters.at}`,
        sheet: 'Rows',
        columns: ROW_COLUMNS,
        items: rows,
      }
      return sendTable(c, format, download)
    })
  }

  // The whole catalogue as at a date (default today) for modelling tools and software catalogues.
  app.get('/catalog/archimate.xml', (c) => sendCatalogExchange(c, 'archimate', atParam(c).at))
  app.get('/catalog/catalog-info.yaml', (c) => sendCatalogExchange(c, 'backstage', atParam(c).at))

  app.get('/catalog/rows/:act/:section/:number', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const { section: sectionText, number: numberText } = c.req.param()
    if (!/^\d{1,4}$/.test(sectionText) || !/^\d{1,5}$/.test(numberText)) {
      throw new NotFoundError(t('error.notFound'))
    }
    const { row, history, systems } = rowWithHistory(
      snapshot,
      rowId(c.req.param('act'), Number(sectionText), Number(numberText)),
    )
    // With a date: is this version the one in force then, and if not, which is?
    const at = atParam(c)
    const versionAt = at.explicit
      ? (history.find((h) => h.change !== 'deleted' && inForceOn(at.at, h.validFrom, h.validTo)) ??
        null)
      : undefined
    const actor = c.get('actor')
    const automating = actor
      ? await objectsForFunction(c.get('services').database.db, actor, row)
      : undefined
    const lines = await actLines(c.get('services').database.db, row.act)
    const [first, last] = row.lines
    const original = lines.slice(first - 1, last)
    const title = t('catalog.row.title', { act: row.act, section: row.section, number: row.number })
    return c.html(
      <CatalogPage
        c={c}
        title={title}
        tab="rows"
        at={at.explicit ? at : { at: '', explicit: false }}
      >
        {versionAt === null ? (
          <p class="notice" role="status">
            {t('catalog.row.noneAt', { at: at.at })}
          </p>
        ) : versionAt && versionAt.id !== row.id ? (
          <p class="notice" role="status">
            {t('catalog.row.otherAt', { at: at.at })}{' '}
            <a href={`${rowPathOf(versionAt.id)}?at=${at.at}`}>
              {t('catalog.row.title', {
                act: versionAt.act,
                section: row.section,
                number: row.number,
              })}
            </a>
          </p>
        ) : null}
        <p class="breadcrumbs">
          <a href="/catalog">{t('catalog.tab.levels')}</a> ›{' '}
          <a href={`/catalog/rows?section=${row.section}&at=${row.validFrom ?? ''}`}>
            {levelName(t, row.section)}
          </a>
          {row.group ? (
            <>
              {' '}
              ›{' '}
              <a
                href={`/catalog/rows?${filterQuery({ section: row.section, group: row.group, at: row.validFrom ?? undefined }, row.validFrom !== null)}`}
              >
                {row.group}
              </a>
            </>
          ) : null}
        </p>
        {row.status === 'deleted' ? <p class="notice">{t('catalog.row.deleted')}</p> : null}
        <dl class="fields">
          <dt>{t('catalog.column.function')}</dt>
          <dd class="function" lang={row.language}>
            {row.function}
          </dd>
          <dt>{t('catalog.column.group')}</dt>
          <dd lang={row.language}>{row.group ?? '—'}</dd>
          <dt>{t('catalog.column.systems')}</dt>
          <dd lang={row.language}>
            {systems.length ? (
              <ul class="inline-list">
                {systems.map((s) => (
                  <li>
                    <a href={systemPath(s.id)}>{s.printed}</a>
                    {s.system?.expansion ? (
                      <span class="muted"> — {s.system.expansion}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              t('catalog.row.noSystem')
            )}
          </dd>
          <dt>{t('catalog.column.approach')}</dt>
          <dd lang={row.language}>{row.approach ?? '—'}</dd>
          <dt>{t('catalog.column.levels')}</dt>
          <dd lang={row.language}>
            {row.levels.length ? (
              <ol class="automation-levels">
                {row.levels.map((l) => (
                  <li value={String(l.level)}>{l.text}</li>
                ))}
              </ol>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('catalog.column.resources')}</dt>
          <dd lang={row.language}>{row.resources.length ? row.resources.join('; ') : '—'}</dd>
          <dt>{t('catalog.column.unit')}</dt>
          <dd lang={row.language}>{row.unit ?? '—'}</dd>
        </dl>
        <section aria-labelledby="automating-h" class="automating">
          <h2 id="automating-h">{t('catalog.row.automating')}</h2>
          <p>
            {t('catalog.row.linkId')} <code>{row.id}</code>
          </p>
          {automating === undefined ? (
            <p class="muted">{t('catalog.row.automatingSignIn')}</p>
          ) : automating.length ? (
            <ul>
              {automating.map((o) => (
                <li>
                  <a href={`/portal/objects/${o.id}`}>
                    {c.get('language') === 'kk' ? o.nameKk : o.nameRu}
                  </a>
                  {o.code ? <span class="code"> {o.code}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('catalog.row.automatingNone')}</p>
          )}
        </section>
        <dl class="fields">
          <dt>{t('catalog.column.act')}</dt>
          <dd>
            <ActLink id={row.act} /> ({t('catalog.row.architecture')} {row.architecture})
          </dd>
          <dt>{t('catalog.column.valid')}</dt>
          <dd>{period(t, row.validFrom, row.validTo)}</dd>
          {row.flags.length ? (
            <>
              <dt>{t('catalog.column.flags')}</dt>
              <dd>
                <ul>
                  {row.flags.map((flag) => (
                    <li>
                      {isMessageKey(`catalog.flag.${flag}`)
                        ? t(`catalog.flag.${flag}` as MessageKey)
                        : flag}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        <h2>{t('catalog.row.source', { act: row.act, first, last })}</h2>
        <pre class="source" lang={row.language}>
          {original.map((text, i) => (
            <>
              <span class="line-number" aria-hidden="true">
                {String(first + i).padStart(5)}
              </span>{' '}
              {text}
              {'\n'}
            </>
          ))}
        </pre>
        <h2>{t('catalog.row.history')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalog.column.act')}</th>
              <th scope="col">{t('catalog.column.change')}</th>
              <th scope="col">{t('catalog.column.valid')}</th>
              <th scope="col">{t('catalog.column.language')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => {
              return (
                <tr aria-current={h.id === row.id ? 'true' : undefined}>
                  <td>
                    <a href={rowPathOf(h.id)}>{h.act}</a>
                  </td>
                  <td>{t(`catalog.change.${h.change}`)}</td>
                  <td>{period(t, h.validFrom, h.validTo)}</td>
                  <td>{h.language}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </CatalogPage>,
    )
  })
}

/** A section's title as the act prints it, without the «1-бөлім.» the 2021 amendment adds. */
/** Links to the whole catalogue as at `at` in the exchange formats. */
function ExchangeDownloads(props: { t: Translator; at: string }) {
  const query = `?at=${props.at}`
  return (
    <p class="downloads">
      {props.t('exchange.download', { at: props.at })}{' '}
      <a href={`/catalog/archimate.xml${query}`} download>
        {props.t('exchange.download.archimate')}
      </a>{' '}
      ·{' '}
      <a href={`/catalog/catalog-info.yaml${query}`} download>
        {props.t('exchange.download.backstage')}
      </a>
    </p>
  )
}

function sectionTitle(title: string): string {
  return title.replace(/^\d+-бөлім\.\s*/u, '')
}

/** The page of a row version from its id (`158:1.6`). */
function rowPathOf(id: string): string {
  const [act, place] = id.split(':') as [string, string]
  const [section, number] = place.split('.')
  return rowPath({ act, section: Number(section), number: Number(number) })
}

/** Rows as a table (number, function, systems), one body per group, headed by the group. */
export function RowTable(props: { rows: CatalogRow[]; t: Translator; at?: string }) {
  const { t } = props
  const groups: { name: string | null; language: string; rows: CatalogRow[] }[] = []
  for (const row of props.rows) {
    const last = groups.at(-1)
    if (last && last.name === row.group) last.rows.push(row)
    else groups.push({ name: row.group, language: row.language, rows: [row] })
  }
  return (
    <table class="rows">
      <thead>
        <tr>
          <th scope="col">{t('catalog.column.number')}</th>
          <th scope="col">{t('catalog.column.function')}</th>
          <th scope="col">{t('catalog.column.systems')}</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody>
          <tr class="group-row">
            <th scope="rowgroup" colspan={3} lang={group.name ? group.language : undefined}>
              {group.name ?? t('catalog.groups.none')}
            </th>
          </tr>
          {group.rows.map((row) => (
            <tr>
              <td>
                <RowLink row={row} at={props.at} />
              </td>
              <td lang={row.language}>{row.function}</td>
              <td lang={row.language}>
                <SystemLinks row={row} at={props.at} />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  )
}
