/**
 * @module
 * The portal's outbox (GET /portal/outbox) for the people who manage accounts: the newest
 * notifications, whether each was sent, how many attempts failed and why, and the link it
 * carries. Mail leaves by SMTP when the server has SMTP_URL (`serve` sends every 30 seconds,
 * `e-akimat portal deliver-mail` once); otherwise it waits here.
 */
import type { Context, Hono } from 'hono'
import {
  listNotifications,
  MAX_DELIVERY_ATTEMPTS,
  maskSecrets,
  type Notification,
  requireAccountManager,
} from '../../../portal/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { kzDateTime, PortalPage } from './frame.js'

/** How many notifications the page shows. */
export const OUTBOX_PAGE_SIZE = 200

export function registerOutboxPage(app: Hono<AppEnv>): void {
  app.get('/portal/outbox', async (c) => {
    const actor = requireActor(c)
    requireAccountManager(actor)
    const notifications = await listNotifications(c.get('services').database.db, {
      limit: OUTBOX_PAGE_SIZE,
    })
    // Activation links are secrets: the page is never kept by a cache.
    c.header('Cache-Control', 'no-store')
    return c.html(<OutboxPage c={c} notifications={notifications} />)
  })
}

function Delivery({ c, n }: { c: Context<AppEnv>; n: Notification }) {
  const t = c.get('t')
  if (n.sentAt) {
    return (
      <span class="badge delivery-sent">
        {t('portal.outbox.sent', { time: kzDateTime(n.sentAt) })}
      </span>
    )
  }
  const gaveUp = n.attempts >= MAX_DELIVERY_ATTEMPTS
  return (
    <>
      <span class={gaveUp ? 'badge delivery-failed' : 'badge delivery-waiting'}>
        {gaveUp
          ? t('portal.outbox.gaveUp', { attempts: n.attempts })
          : n.attempts
            ? t('portal.outbox.failed', { attempts: n.attempts })
            : t('portal.outbox.waiting')}
      </span>
      {n.lastError ? (
        <>
          <br />
          <span class="muted">{t('portal.outbox.lastError', { error: n.lastError })}</span>
        </>
      ) : null}
    </>
  )
}

function OutboxPage({ c, notifications }: { c: Context<AppEnv>; notifications: Notification[] }) {
  const t = c.get('t')
  return (
    <PortalPage c={c} title={t('portal.outbox.title')} tab="outbox">
      <h1>{t('portal.outbox.title')}</h1>
      <p class="lead">{t('portal.outbox.intro', { max: MAX_DELIVERY_ATTEMPTS })}</p>
      {notifications.length ? (
        <section class="table-scroll" tabindex={0} aria-label={t('portal.outbox.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal.outbox.column.to')}</th>
                <th scope="col">{t('portal.outbox.column.subject')}</th>
                <th scope="col">{t('portal.outbox.column.created')}</th>
                <th scope="col">{t('portal.outbox.column.delivery')}</th>
                <th scope="col">{t('portal.outbox.column.link')}</th>
              </tr>
            </thead>
            <tbody>
              {notifications.map((n) => (
                <tr>
                  <td>{n.email}</td>
                  <td>
                    {n.subject}
                    <details>
                      <summary>{t('portal.outbox.text')}</summary>
                      <pre class="mail-text">{maskSecrets(n.body)}</pre>
                    </details>
                  </td>
                  <td>
                    <time datetime={n.createdAt}>{kzDateTime(n.createdAt)}</time>
                  </td>
                  <td>
                    <Delivery c={c} n={n} />
                  </td>
                  <td>{n.link ? maskSecrets(n.link) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p class="muted">{t('portal.outbox.none')}</p>
      )}
    </PortalPage>
  )
}
