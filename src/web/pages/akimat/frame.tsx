/**
 * @module
 * What the akimat pages share: the frame with the akimat's own tabs (architecture, gaps,
 * indicators, import and export, automation for its own users, region), the database and the
 * loaded catalogue of the request, and the akimat id of the route.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { Akimat } from '../../../akimat/index.js'
import type { CatalogSnapshot } from '../../../catalog/index.js'
import type { Language } from '../../../i18n/index.js'
import type { AppEnv } from '../../context.js'
import { layoutAuth } from '../../forms.js'
import { Layout } from '../../layout.js'

/** The database of the request's app. */
export const dbOf = (c: Context<AppEnv>) => c.get('services').database.db

/** The loaded catalogue (reloaded when the acts change). */
export const catalogOf = (c: Context<AppEnv>): Promise<CatalogSnapshot> =>
  c.get('services').catalog.get()

/** The `:id` route parameter as an organisation id (NaN when it is not one: a 404 follows). */
export const akimatIdParam = (c: Context<AppEnv>): number => {
  const raw = c.req.param('id') ?? ''
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
}

/** The akimat's name in the page language. */
export const akimatName = (akimat: Pick<Akimat, 'organisation'>, language: Language) =>
  language === 'ru' ? akimat.organisation.nameRu : akimat.organisation.nameKk

export type AkimatTab =
  | 'architecture'
  | 'gaps'
  | 'indicators'
  | 'exchange'
  | 'automation'
  | 'region'

/**
 * The page frame. With an akimat, its tabs; without one (the list), none. `tab` marks the
 * current one.
 */
export function AkimatPage({
  c,
  title,
  akimat,
  tab,
  children,
}: {
  c: Context<AppEnv>
  title: string
  akimat?: Akimat
  tab?: AkimatTab
  children?: Child
}) {
  const t = c.get('t')
  const language = c.get('language')
  const id = akimat?.organisation.id
  const tabs: { id: AkimatTab; href: string; label: string }[] = akimat
    ? [
        { id: 'architecture', href: `/akimats/${id}`, label: t('akimat.tab.architecture') },
        { id: 'gaps', href: `/akimats/${id}/gaps`, label: t('akimat.tab.gaps') },
        { id: 'indicators', href: `/akimats/${id}/indicators`, label: t('akimat.tab.indicators') },
        { id: 'exchange', href: `/akimats/${id}/exchange`, label: t('akimat.tab.exchange') },
        // e-akimat's own automation is for the akimat's own users only.
        ...(c.get('actor')?.organisation.id === id
          ? [
              {
                id: 'automation' as const,
                href: `/akimats/${id}/automation`,
                label: t('automation.tab'),
              },
            ]
          : []),
        ...(akimat.profile
          ? [
              {
                id: 'region' as const,
                href: `/akimats/region/${akimat.profile.kato.slice(0, 2)}`,
                label: t('akimat.tab.region'),
              },
            ]
          : []),
      ]
    : []
  return (
    <Layout t={t} language={language} url={c.req.url} title={title} {...layoutAuth(c)}>
      <nav class="portal-nav" aria-label={t('akimat.nav.label')}>
        <ul>
          <li>
            <a href="/akimats" aria-current={!akimat && !tab ? 'page' : undefined}>
              {t('akimat.tab.list')}
            </a>
          </li>
          {tabs.map((x) => (
            <li>
              <a href={x.href} aria-current={x.id === tab ? 'page' : undefined}>
                {x.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {akimat ? <p class="lead akimat-name">{akimatName(akimat, language)}</p> : null}
      <div class="akimat-page">{children}</div>
    </Layout>
  )
}
