/**
 * @module
 * What every catalogue page shares: the tabs, the "as at" date form, the notices when the
 * date shows no loaded text, and small pieces (highlighted text, row and system links).
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import {
  type CatalogNotice,
  type CatalogRow,
  type CatalogSystem,
  type GroupSummary,
  previousDay,
} from '../../../catalog/index.js'
import { isMessageKey, type MessageKey, type Translator } from '../../../i18n/index.js'
import type { Segment } from '../../../search/index.js'
import { actPath, rowPath, systemPath, withAt } from '../../catalog-params.js'
import { formatPercent } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import { layoutAuth } from '../../forms.js'
import { Layout } from '../../layout.js'

export type CatalogTab = 'levels' | 'rows' | 'systems' | 'coverage' | 'acts' | 'changes' | 'search'

const TABS: { tab: CatalogTab; path: string; key: MessageKey }[] = [
  { tab: 'levels', path: '/catalog', key: 'catalog.tab.levels' },
  { tab: 'rows', path: '/catalog/rows', key: 'catalog.tab.rows' },
  { tab: 'systems', path: '/catalog/systems', key: 'catalog.tab.systems' },
  { tab: 'coverage', path: '/catalog/coverage', key: 'catalog.tab.coverage' },
  { tab: 'acts', path: '/catalog/acts', key: 'catalog.tab.acts' },
  { tab: 'changes', path: '/catalog/changes', key: 'catalog.tab.changes' },
]

export interface CatalogPageProps {
  c: Context<AppEnv>
  title: string
  tab: CatalogTab
  /** The "as at" date and whether the user chose it (then links keep it). */
  at?: { at: string; explicit: boolean }
  /** Query parameters the date form keeps (filters). */
  keep?: URLSearchParams
  notices?: CatalogNotice[]
  children?: Child
}

export function CatalogPage({ c, title, tab, at, keep, notices, children }: CatalogPageProps) {
  const t = c.get('t')
  const explicitAt = at?.explicit ? at.at : undefined
  return (
    <Layout t={t} language={c.get('language')} url={c.req.url} title={title} {...layoutAuth(c)}>
      <nav class="catalog-tabs" aria-label={t('catalog.nav')}>
        <ul>
          {TABS.map((item) => (
            <li>
              <a
                href={withAt(item.path, explicitAt)}
                aria-current={item.tab === tab ? 'page' : undefined}
              >
                {t(item.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {at ? <AtForm t={t} at={at.at} keep={keep} action={new URL(c.req.url).pathname} /> : null}
      <h1>{title}</h1>
      {notices?.length ? <Notices t={t} notices={notices} url={c.req.url} /> : null}
      {children}
    </Layout>
  )
}

/** The "as at" date form: a GET form, so the result is a link anyone can share. */
function AtForm(props: { t: Translator; at: string; keep?: URLSearchParams; action: string }) {
  const { t } = props
  const hidden = [...(props.keep?.entries() ?? [])].filter(([name]) => name !== 'at')
  return (
    <form class="at-form" method="get" action={props.action}>
      {hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="at">{t('catalog.at.label')}</label>
      <input type="date" id="at" name="at" value={props.at} min="2000-01-01" max="2100-12-31" />
      <button type="submit">{t('catalog.at.show')}</button>
      <a href={props.action}>{t('catalog.at.today')}</a>
    </form>
  )
}

/** What the chosen date cannot show, with links to the dates that have loaded text. */
export function Notices(props: { t: Translator; notices: CatalogNotice[]; url: string }) {
  const { t, notices } = props
  /** This page, its filters kept, on another date. */
  const onDate = (at: string) => {
    const url = new URL(props.url)
    url.searchParams.set('at', at)
    return `${url.pathname}${url.search}`
  }
  return (
    <div class="notice" role="status">
      {notices.map((notice) =>
        notice.kind === 'nothing-in-force' ? (
          <>
            <p>
              <strong>{t('catalog.notice.nothingInForce', { at: notice.at })}</strong>
            </p>
            <ul>
              {notice.periods.map((p) => (
                <li>
                  {t('catalog.notice.period', {
                    architecture: p.architecture,
                    acts: p.acts.join(', '),
                    from: p.from ?? '?',
                    to: p.lastDay ?? '…',
                  })}{' '}
                  {p.lastDay ? (
                    <a href={onDate(p.lastDay)}>{t('catalog.notice.viewAt', { at: p.lastDay })}</a>
                  ) : null}
                  {p.baseTextLoaded ? '' : ` ${t('catalog.notice.baseMissingShort')}`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            {t('catalog.notice.baseMissing', {
              architecture: notice.architecture,
              acts: notice.acts.join(', '),
            })}
          </p>
        ),
      )}
    </div>
  )
}

/** Text with matched words in <mark>. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>
}

/** The systems a row names, each a link to its page. */
export function SystemLinks(props: { row: CatalogRow; at?: string }) {
  const { row } = props
  if (row.systems.length === 0) return <span class="muted">—</span>
  return (
    <ul class="inline-list">
      {row.systems.map((printed, i) => {
        const id = row.systemIds[i]
        return <li>{id ? <a href={withAt(systemPath(id), props.at)}>{printed}</a> : printed}</li>
      })}
    </ul>
  )
}

/** A link to a system's page, named as it is written, or a dash when there is none. */
export function SystemLink(props: { system: CatalogSystem | null; at?: string }) {
  const { system } = props
  if (!system) return <>—</>
  return (
    <a href={withAt(systemPath(system.id), props.at)} lang={system.language ?? undefined}>
      {system.name}
    </a>
  )
}

/** A link to a row version's page; with `at`, the page says whether it is in force then. */
export function RowLink(props: { row: CatalogRow; at?: string; children?: Child }) {
  return (
    <a href={withAt(rowPath(props.row), props.at)}>
      {props.children ?? `${props.row.section}.${props.row.number}`}
    </a>
  )
}

export function ActLink({ id }: { id: string }) {
  return <a href={actPath(id)}>{id}</a>
}

/** The title of a level in the interface language, after the title the act prints. */
export function levelName(t: Translator, section: number): string {
  const key = `catalog.level.${section}`
  return isMessageKey(key) ? t(key) : String(section)
}

/** "2016-12-19 – 2018-07-13", open ends shown as such. */
export function period(t: Translator, from: string | null, to: string | null): string {
  const last = to ? previousDay(to) : null
  return `${from ?? t('catalog.period.unknown')} – ${last ?? t('catalog.period.open')}`
}

/** Links to the CSV and XLSX of the list on this page. */
export function Downloads(props: { t: Translator; path: string; query: URLSearchParams }) {
  const q = props.query.toString()
  return (
    <p class="downloads">
      {props.t('catalog.download')}{' '}
      <a href={`${props.path}.csv${q ? `?${q}` : ''}`} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={`${props.path}.xlsx${q ? `?${q}` : ''}`} download>
        XLSX
      </a>
    </p>
  )
}

/** A level's groups with their counts; with `link`, each group links to its rows. */
export function GroupTable(props: {
  t: Translator
  groups: GroupSummary[]
  caption: string
  link?: (group: GroupSummary) => string
  /** Also the share of functions that name a system. */
  share?: boolean
}) {
  const { t } = props
  return (
    <table class="groups">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('catalog.column.group')}</th>
          <th scope="col" class="num">
            {t('catalog.column.functions')}
          </th>
          <th scope="col" class="num">
            {t('catalog.column.withSystem')}
          </th>
          {props.share ? (
            <th scope="col" class="num">
              {t('catalog.column.share')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.groups.map((g) => {
          const name = g.name ?? t('catalog.groups.none')
          return (
            <tr>
              <td>{props.link ? <a href={props.link(g)}>{name}</a> : name}</td>
              <td class="num">{g.rows}</td>
              <td class="num">{g.withSystem}</td>
              {props.share ? <td class="num">{formatPercent(g.withSystem, g.rows)}</td> : null}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
