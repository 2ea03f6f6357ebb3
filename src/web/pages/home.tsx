/**
 * @module
 * The home page: what e-akimat is and its four parts.
 */
import type { Hono } from 'hono'
import type { MessageKey } from '../../i18n/index.js'
import type { AppEnv } from '../context.js'
import { layoutAuth } from '../forms.js'
import { Layout } from '../layout.js'

const PARTS = ['catalog', 'portal', 'services', 'indicators'] as const
/** What each part offers today; the others are planned in the issues. */
const AVAILABLE = new Set<string>(['catalog', 'portal', 'services', 'indicators'])

export function registerHomePage(app: Hono<AppEnv>): void {
  app.get('/', (c) => {
    const t = c.get('t')
    return c.html(
      <Layout
        t={t}
        language={c.get('language')}
        url={c.req.url}
        title={t('home.title')}
        {...layoutAuth(c)}
      >
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.intro')}</p>
        <h2>{t('home.parts')}</h2>
        <ul class="cards">
          {PARTS.map((part) => (
            <li class="card" id={`part-${part}`}>
              <h3>{t(`home.part.${part}.title` as MessageKey)}</h3>
              <p>{t(`home.part.${part}.text` as MessageKey)}</p>
              <p class={AVAILABLE.has(part) ? 'status status-available' : 'status status-planned'}>
                {t(
                  part === 'portal'
                    ? 'home.part.portal.available'
                    : part === 'services'
                      ? 'home.part.services.available'
                      : part === 'indicators'
                        ? 'akimat.home.available'
                        : AVAILABLE.has(part)
                          ? 'home.part.available'
                          : 'home.part.planned',
                )}
              </p>
              {part === 'catalog' ? (
                <p>
                  <a href="/catalog">{t('home.part.open')}</a>
                </p>
              ) : null}
              {part === 'services' ? (
                <p>
                  <a href="/services">{t('home.part.services.open')}</a>
                  <br />
                  <a href="/verify">{t('home.part.services.verify')}</a>
                </p>
              ) : null}
              {part === 'indicators' ? (
                <p>
                  <a href="/akimats">{t('akimat.home.open')}</a>
                </p>
              ) : null}
              {part === 'portal' ? (
                <p>
                  <a href="/portal">{t('home.part.portal.open')}</a>
                  <br />
                  <a href="/portal/account-requests/new">{t('portal.accounts.homeLink')}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </Layout>,
    )
  })
}
