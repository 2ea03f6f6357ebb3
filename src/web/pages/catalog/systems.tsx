/**
 * @module
 * The systems directory and one system's page; coverage with charts.
 */
import type { Hono } from 'hono'
import {
  coverage,
  findSystem,
  noticesOn,
  rowsInForce,
  SYSTEM_ENTRY_COLUMNS,
  systemEntry,
  systemsDirectory,
} from '../../../catalog/index.js'
import { atParam, systemPath, withAt } from '../../catalog-params.js'
import { BarChart, formatPercent, StackedBarChart } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { sendTable } from '../../downloads.js'
import { RowTable } from './browse.js'
import { CatalogPage, Downloads, GroupTable, levelName, RowLink, SystemLink } from './frame.js'

export function registerSystemPages(app: Hono<AppEnv>): void {
  app.get('/catalog/systems', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const all = c.req.query('all') === '1'
    const entries = systemsDirectory(snapshot, all ? null : at.at)
    const query = new URLSearchParams()
    if (at.explicit) query.set('at', at.at)
    if (all) query.set('all', '1')
    const explicit = at.explicit ? at.at : undefined
    return c.html(
      <CatalogPage
        c={c}
        title={t('catalog.systems.title')}
        tab="systems"
        at={at}
        keep={query}
        notices={all ? [] : noticesOn(snapshot, at.at)}
      >
        <p class="lead">{t('catalog.systems.intro')}</p>
        <p>
          {all ? (
            <a href={withAt('/catalog/systems', explicit)}>
              {t('catalog.systems.onlyInForce', { at: at.at })}
            </a>
          ) : (
            <a href={withAt('/catalog/systems?all=1', explicit)}>{t('catalog.systems.all')}</a>
          )}
        </p>
        <p role="status">{t('catalog.systems.count', { systems: entries.length })}</p>
        <Downloads t={t} path="/catalog/systems" query={query} />
        <section class="table-scroll" aria-label={t('catalog.systems.title')} tabindex={0}>
          <table class="systems">
            <thead>
              <tr>
                <th scope="col">{t('catalog.column.system')}</th>
                <th scope="col">{t('catalog.column.expansion')}</th>
                <th scope="col">{t('catalog.column.pair')}</th>
                <th scope="col" class="num">
                  {t('catalog.column.functions')}
                </th>
                <th scope="col">{t('catalog.column.perLevel')}</th>
                <th scope="col">{t('catalog.column.units')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td lang={e.system.language ?? undefined}>
                    <a href={withAt(systemPath(e.system.id), explicit)}>{e.system.name}</a>
                    {e.system.aliases.length ? (
                      <span class="muted"> ({e.system.aliases.join(', ')})</span>
                    ) : null}
                  </td>
                  <td>{e.expansions[0]?.text ?? '—'}</td>
                  <td>
                    <SystemLink system={e.pair} at={explicit} />
                  </td>
                  <td class="num">{e.rowCount}</td>
                  <td>
                    {e.rowsBySection.map((s) => `${s.section}: ${s.rows.length}`).join(' · ') ||
                      '—'}
                  </td>
                  <td>{e.units.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </CatalogPage>,
    )
  })

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/catalog/systems.${format}`, async (c) => {
      const snapshot = await c.get('services').catalog.get()
      const at = atParam(c)
      const all = c.req.query('all') === '1'
      const entries = systemsDirectory(snapshot, all ? null : at.at)
      const name = `e-akimat-systems-${all ? 'all' : at.at}`
      const download = { name, sheet: 'Systems', columns: SYSTEM_ENTRY_COLUMNS, items: entries }
      return sendTable(c, format, download)
    })
  }

  app.get('/catalog/systems/:id', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const system = findSystem(snapshot, c.req.param('id'))
    // Without a chosen date, every version that names the system; with one, what is in force.
    const rows = at.explicit ? rowsInForce(snapshot, at.at) : snapshot.rows.filter((r) => !r.status)
    const entry = systemEntry(snapshot, system, rows)
    const explicit = at.explicit ? at.at : undefined
    return c.html(
      <CatalogPage
        c={c}
        title={system.name}
        tab="systems"
        at={at.explicit ? at : { at: '', explicit: false }}
      >
        <dl class="fields">
          <dt>{t('catalog.column.language')}</dt>
          <dd>{system.language ?? '—'}</dd>
          <dt>{t('catalog.column.aliases')}</dt>
          <dd>{system.aliases.length ? system.aliases.join('; ') : '—'}</dd>
          <dt>{t('catalog.column.pair')}</dt>
          <dd>
            <SystemLink system={entry.pair} at={explicit} />
          </dd>
          <dt>{t('catalog.column.expansion')}</dt>
          <dd>
            {entry.expansions.length ? (
              <ul>
                {entry.expansions.map((e) => (
                  <li lang={e.language || undefined}>
                    {e.text}{' '}
                    <span class="muted">
                      ({e.language}
                      {e.act ? `, ${e.act}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('catalog.column.units')}</dt>
          <dd>{entry.units.length ? entry.units.join('; ') : '—'}</dd>
        </dl>
        <p role="status">
          {at.explicit
            ? t('catalog.system.rowsAt', { rows: entry.rowCount, at: at.at })
            : t('catalog.system.rowsAll', { rows: entry.rowCount })}
        </p>
        {entry.rowsBySection.map((s) => (
          <section aria-labelledby={`system-level-${s.section}`}>
            <h2 id={`system-level-${s.section}`}>
              {t('catalog.level.heading', { section: s.section })} {levelName(t, s.section)} (
              {s.rows.length})
            </h2>
            <RowTable rows={s.rows} t={t} at={explicit} />
          </section>
        ))}
        <p>
          <a
            href={`/catalog/rows?system=${encodeURIComponent(system.id)}${explicit ? `&at=${explicit}` : ''}`}
          >
            {t('catalog.system.filterRows')}
          </a>
        </p>
      </CatalogPage>,
    )
  })

  app.get('/catalog/coverage', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const result = coverage(snapshot, at.at)
    const explicit = at.explicit ? at.at : undefined
    const top = result.topSystems.slice(0, 15)
    return c.html(
      <CatalogPage
        c={c}
        title={t('catalog.coverage.title')}
        tab="coverage"
        at={at}
        notices={noticesOn(snapshot, at.at)}
      >
        {result.total > 0 ? (
          <>
            <p class="lead">
              {t('catalog.coverage.summary', {
                withSystem: result.withSystem,
                total: result.total,
                share: formatPercent(result.withSystem, result.total),
              })}
            </p>
            <figure>
              <figcaption>{t('catalog.coverage.byLevel')}</figcaption>
              <StackedBarChart
                id="coverage-levels"
                title={t('catalog.coverage.byLevel')}
                description={t('catalog.coverage.summary', {
                  withSystem: result.withSystem,
                  total: result.total,
                  share: formatPercent(result.withSystem, result.total),
                })}
                legend={[t('catalog.coverage.withSystem'), t('catalog.coverage.withoutSystem')]}
                items={result.levels.map((l) => ({
                  label: `${l.section}. ${levelName(t, l.section)}`,
                  parts: [l.withSystem, l.rows - l.withSystem],
                  href: withAt(`/catalog/rows?section=${l.section}&withoutSystem=1`, explicit),
                }))}
              />
            </figure>
            <figure>
              <figcaption>{t('catalog.coverage.topSystems')}</figcaption>
              <BarChart
                id="coverage-systems"
                title={t('catalog.coverage.topSystems')}
                description={t('catalog.coverage.topSystemsDescription', {
                  name: top[0]?.name ?? '—',
                  rows: top[0]?.rows ?? 0,
                })}
                unit={t('catalog.coverage.functionsUnit')}
                items={top.map((s) => ({
                  label: s.name,
                  value: s.rows,
                  href: withAt(systemPath(s.id), explicit),
                }))}
              />
            </figure>
            <details>
              <summary>{t('catalog.coverage.topSystemsTable')}</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('catalog.column.system')}</th>
                    <th scope="col" class="num">
                      {t('catalog.column.functions')}
                    </th>
                    <th scope="col" class="num">
                      {t('catalog.column.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.topSystems.map((s) => (
                    <tr>
                      <td>
                        <a href={withAt(systemPath(s.id), explicit)}>{s.name}</a>
                      </td>
                      <td class="num">{s.rows}</td>
                      <td class="num">{formatPercent(s.rows, result.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            {result.levels.map((level) => (
              <section aria-labelledby={`coverage-level-${level.section}`}>
                <h2 id={`coverage-level-${level.section}`}>
                  {t('catalog.level.heading', { section: level.section })}{' '}
                  {levelName(t, level.section)}: {formatPercent(level.withSystem, level.rows)}
                </h2>
                <GroupTable
                  t={t}
                  groups={level.groups}
                  caption={t('catalog.groups.caption', { section: level.section })}
                  share
                />
              </section>
            ))}
            <h2>{t('catalog.coverage.withoutList', { rows: result.withoutSystem.length })}</h2>
            <ul class="row-list">
              {result.withoutSystem.map((r) => (
                <li>
                  <RowLink row={r} /> <span lang={r.language}>{r.function}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </CatalogPage>,
    )
  })
}
