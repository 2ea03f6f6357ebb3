/**
 * @module
 * The acts (metadata, status, what each changed) and the comparison of two dates or two acts.
 */
import { diffWords } from 'diff'
import type { Hono } from 'hono'
import {
  actEntries,
  type CatalogRow,
  diffCatalog,
  findActEntry,
  noticesOn,
  previousDay,
} from '../../../catalog/index.js'
import { isMessageKey, type Translator } from '../../../i18n/index.js'
import { actPath, atParam, diffSideParam } from '../../catalog-params.js'
import type { AppEnv } from '../../context.js'
import { ActLink, CatalogPage, levelName, period, RowLink } from './frame.js'

export function registerActPages(app: Hono<AppEnv>): void {
  app.get('/catalog/acts', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const entries = actEntries(snapshot, at.at)
    return c.html(
      <CatalogPage c={c} title={t('catalog.acts.title')} tab="acts" at={at}>
        <section class="table-scroll" aria-label={t('catalog.acts.title')} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalog.column.act')}</th>
                <th scope="col">{t('catalog.column.title')}</th>
                <th scope="col">{t('catalog.column.kind')}</th>
                <th scope="col">{t('catalog.column.status')}</th>
                <th scope="col">{t('catalog.column.valid')}</th>
                <th scope="col">{t('catalog.column.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <a href={actPath(e.act.id)}>
                      № {e.act.number} ({e.act.date})
                    </a>
                  </td>
                  <td lang={e.act.language}>{e.act.title}</td>
                  <td>{actKind(t, e.act.kind)}</td>
                  <td>
                    <span class={`badge badge-${e.status}`}>{t(`catalog.status.${e.status}`)}</span>
                  </td>
                  <td>
                    {e.act.effectiveFrom ?? '?'}
                    {e.act.effectiveFromKind === 'after-publication-earliest'
                      ? ` (${t('catalog.acts.earliest')})`
                      : ''}{' '}
                    – {e.act.repealedOn ? previousDay(e.act.repealedOn) : t('catalog.period.open')}
                  </td>
                  <td>
                    <ActChanges t={t} entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </CatalogPage>,
    )
  })

  app.get('/catalog/acts/:id', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const entry = findActEntry(snapshot, c.req.param('id'), at.at)
    const { act } = entry
    const rows = snapshot.rows.filter((r) => r.act === act.id)
    return c.html(
      <CatalogPage
        c={c}
        title={t('catalog.act.title', { number: act.number, date: act.date })}
        tab="acts"
        at={at}
      >
        <p class="lead" lang={act.language}>
          {act.title}
        </p>
        <dl class="fields">
          <dt>{t('catalog.column.kind')}</dt>
          <dd>{actKind(t, act.kind)}</dd>
          <dt>{t('catalog.column.language')}</dt>
          <dd>{act.language}</dd>
          <dt>{t('catalog.column.registration')}</dt>
          <dd>{act.registration}</dd>
          {act.amends ? (
            <>
              <dt>{t('catalog.column.amends')}</dt>
              <dd>
                {snapshot.acts.some((a) => a.id === act.amends) ? (
                  <ActLink id={act.amends} />
                ) : (
                  act.amends
                )}
              </dd>
            </>
          ) : null}
          <dt>{t('catalog.column.status')}</dt>
          <dd>
            <span class={`badge badge-${entry.status}`}>{t(`catalog.status.${entry.status}`)}</span>{' '}
            {t('catalog.acts.statusOn', { at: at.at })}
          </dd>
          <dt>{t('catalog.column.valid')}</dt>
          <dd>
            {act.effectiveFrom ?? '?'}
            {act.effectiveFromKind === 'after-publication-earliest'
              ? ` (${t('catalog.acts.earliest')})`
              : ''}{' '}
            – {act.repealedOn ? previousDay(act.repealedOn) : t('catalog.period.open')}
          </dd>
          <dt>{t('catalog.column.changed')}</dt>
          <dd>
            <ActChanges t={t} entry={entry} />
          </dd>
        </dl>
        {act.effectiveFrom ? (
          <p>
            <a href={`/catalog/changes?from=${previousDay(act.effectiveFrom)}&to=${act.id}`}>
              {t('catalog.act.showChanges')}
            </a>
          </p>
        ) : null}
        {rows.length ? (
          <>
            <h2>{t('catalog.act.rows', { rows: rows.length })}</h2>
            <ul class="row-list">
              {rows.map((r) => (
                <li>
                  <RowLink row={r} />{' '}
                  {r.status === 'deleted' ? (
                    <em>{t('catalog.change.deleted')}</em>
                  ) : (
                    <span lang={r.language}>{r.function}</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </CatalogPage>,
    )
  })

  app.get('/catalog/changes', async (c) => {
    const t = c.get('t')
    const snapshot = await c.get('services').catalog.get()
    const fromValue = c.req.query('from')?.trim()
    const toValue = c.req.query('to')?.trim()
    const periods = snapshot.acts.filter(
      (a) => a.effectiveFrom && a.kind !== 'rules' && a.kind !== 'regulations',
    )
    const form = (
      <form class="filters" method="get" action="/catalog/changes">
        <fieldset>
          <legend>{t('catalog.changes.compare')}</legend>
          <label>
            {t('catalog.changes.from')}
            <input
              name="from"
              value={fromValue ?? ''}
              placeholder="2021-05-01"
              list="change-points"
              required
            />
          </label>
          <label>
            {t('catalog.changes.to')}
            <input
              name="to"
              value={toValue ?? ''}
              placeholder="352"
              list="change-points"
              required
            />
          </label>
          <datalist id="change-points">
            {periods.map((a) => (
              <option value={a.id}>
                № {a.number} ({a.effectiveFrom})
              </option>
            ))}
          </datalist>
          <button type="submit">{t('catalog.changes.show')}</button>
        </fieldset>
        <p class="muted">{t('catalog.changes.hint')}</p>
      </form>
    )
    if (!fromValue || !toValue) {
      return c.html(
        <CatalogPage c={c} title={t('catalog.changes.title')} tab="changes">
          {form}
          <h2>{t('catalog.changes.suggested')}</h2>
          <ul>
            {periods
              .filter((a) => a.kind === 'amendment')
              .map((a) => (
                <li>
                  <a href={`/catalog/changes?from=${previousDay(a.effectiveFrom!)}&to=${a.id}`}>
                    {t('catalog.changes.byAct', { number: a.number, date: a.effectiveFrom! })}
                  </a>
                </li>
              ))}
          </ul>
        </CatalogPage>,
      )
    }
    const from = diffSideParam(c, snapshot, 'from', fromValue)
    const to = diffSideParam(c, snapshot, 'to', toValue)
    const diff = diffCatalog(snapshot, from, to)
    // What either date cannot show (an amended act whose own text is not loaded) is said here:
    // a row "added" may be a restatement of a row whose earlier text is not loaded.
    const notices = [...noticesOn(snapshot, from.at), ...noticesOn(snapshot, to.at)].filter(
      (n, i, all) => all.findIndex((m) => JSON.stringify(m) === JSON.stringify(n)) === i,
    )
    return c.html(
      <CatalogPage c={c} title={t('catalog.changes.title')} tab="changes" notices={notices}>
        {form}
        <p class="lead" role="status">
          {t('catalog.changes.summary', {
            from: from.act ? `№ ${from.act} (${from.at})` : from.at,
            to: to.act ? `№ ${to.act} (${to.at})` : to.at,
            added: diff.added,
            removed: diff.removed,
            changed: diff.changed,
          })}
        </p>
        {diff.changes.map((change) => (
          <article class={`change change-${change.change}`}>
            <h2>
              {t(`catalog.diff.${change.change}`)}: {levelName(t, change.section)}, {change.section}
              .{change.number}
            </h2>
            <div class="change-sides">
              {change.before ? (
                <ChangeSide t={t} label={t('catalog.changes.before')} row={change.before} />
              ) : null}
              {change.after ? (
                <ChangeSide t={t} label={t('catalog.changes.after')} row={change.after} />
              ) : null}
            </div>
            {change.before && change.after && change.before.language === change.after.language ? (
              <p class="word-diff" lang={change.after.language}>
                <span class="visually-hidden">{t('catalog.changes.wordDiff')}</span>
                <WordDiff before={change.before.function} after={change.after.function} />
              </p>
            ) : null}
          </article>
        ))}
      </CatalogPage>,
    )
  })
}

function ActChanges({ t, entry }: { t: Translator; entry: ReturnType<typeof actEntries>[number] }) {
  const parts: string[] = []
  for (const p of entry.rowsPrinted) {
    parts.push(t('catalog.acts.rowsInLevel', { rows: p.rows, section: p.section }))
  }
  if (entry.rowsDeleted.length)
    parts.push(t('catalog.acts.deleted', { rows: entry.rowsDeleted.length }))
  if (entry.sectionTitles) parts.push(t('catalog.acts.titles', { n: entry.sectionTitles }))
  if (entry.glossaryEntries) parts.push(t('catalog.acts.glossary', { n: entry.glossaryEntries }))
  if (entry.indicators) parts.push(t('catalog.acts.indicators', { n: entry.indicators }))
  return <>{parts.length ? parts.join('; ') : t('catalog.acts.nothing')}</>
}

function ChangeSide({ t, label, row }: { t: Translator; label: string; row: CatalogRow }) {
  return (
    <div class="change-side">
      <p class="meta">
        {label}: <RowLink row={row}>{`№ ${row.act}, ${row.section}.${row.number}`}</RowLink> ·{' '}
        {period(t, row.validFrom, row.validTo)}
      </p>
      <p lang={row.language}>{row.function}</p>
      <p class="muted" lang={row.language}>
        {row.systems.join('; ') || '—'}
      </p>
    </div>
  )
}

/** Word-level differences: removed words struck through, added words marked. */
function WordDiff({ before, after }: { before: string; after: string }) {
  return (
    <>
      {diffWords(before, after).map((part) =>
        part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : part.value,
      )}
    </>
  )
}

/** The kind of an act in the interface language. */
function actKind(t: Translator, kind: string): string {
  const key = `catalog.actKind.${kind}`
  return isMessageKey(key) ? t(key) : kind
}
