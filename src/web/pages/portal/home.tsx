/**
 * @module
 * The portal's start page (what is mine and what is due, with a picture of where my objects are
 * in review) and the service integrator's review queue, earliest deadline first.
 */
import type { Hono } from 'hono'
import { hasRole } from '../../../auth/index.js'
import {
  listAccountRequests,
  listObjects,
  REVIEW_STATES,
  reviewQueue,
} from '../../../portal/index.js'
import { requireActor } from '../../auth.js'
import { BarChart } from '../../charts.js'
import type { AppEnv } from '../../context.js'
import {
  canManageAccounts,
  Deadline,
  kzDateTime,
  objectName,
  organisationName,
  organisationsById,
  PortalPage,
  StateBadge,
  todayKz,
} from './frame.js'

export function registerPortalHome(app: Hono<AppEnv>): void {
  app.get('/portal', async (c) => {
    const t = c.get('t')
    const actor = c.get('actor')
    if (!actor) {
      return c.html(
        <PortalPage c={c} title={t('portal.title')}>
          <h1>{t('portal.title')}</h1>
          <p class="lead">{t('portal.intro')}</p>
          <ul class="links">
            <li>
              <a href="/login?next=%2Fportal">{t('portal.home.signIn')}</a>
            </li>
            <li>
              <a href="/portal/account-requests/new">{t('portal.home.askAccount')}</a>
            </li>
          </ul>
        </PortalPage>,
      )
    }
    const language = c.get('language')
    const database = c.get('services').database.db
    const all = await listObjects(database, actor)
    const mine = all.filter((o) => o.audience === 'owner')
    const today = todayKz()
    const due = mine.filter((o) => o.reviewState === 'changed' || o.reviewState === 'returned')
    const counts = REVIEW_STATES.map((state) => ({
      label: t(`portal.state.${state}`),
      value: mine.filter((o) => o.reviewState === state).length,
      href: `/portal/objects?state=${state}&owner=${actor.organisation.id}`,
    }))
    const summary = counts.map((x) => `${x.label}: ${x.value}`).join('; ')
    const orgs = await organisationsById(c)
    const reviewing = actor.organisation.kind === 'service-integrator' && hasRole(actor, 'reviewer')
    const queue = reviewing ? await reviewQueue(database, actor) : []
    const requests = canManageAccounts(actor)
      ? await listAccountRequests(database, actor, { status: 'pending' })
      : []
    const waiting = [
      ...(reviewing
        ? [
            {
              href: '/portal/review',
              text: t('portal.home.reviews', { count: queue.length }),
              overdue: queue.filter((q) => q.overdue).length,
            },
          ]
        : []),
      ...(canManageAccounts(actor)
        ? [
            {
              href: '/portal/account-requests',
              text: t('portal.home.requests', { count: requests.length }),
              overdue: requests.filter((r) => r.overdue).length,
            },
          ]
        : []),
    ]
    return c.html(
      <PortalPage c={c} title={t('portal.title')} tab="home">
        <h1>{t('portal.title')}</h1>
        <p class="lead">
          {t('portal.home.for', {
            name: actor.name,
            organisation: organisationName(orgs.get(actor.organisation.id), language),
          })}
        </p>
        {waiting.length ? (
          <section aria-labelledby="waiting-h">
            <h2 id="waiting-h">{t('portal.home.waiting')}</h2>
            <ul>
              {waiting.map((w) => (
                <li>
                  <a href={w.href}>{w.text}</a>
                  {w.overdue ? (
                    <strong class="overdue">
                      {' '}
                      {t('portal.review.overdue', { count: w.overdue })}
                    </strong>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">{t('portal.home.mine', { count: mine.length })}</h2>
          {mine.length ? (
            <BarChart
              id="by-state"
              title={t('portal.home.byState')}
              description={summary}
              items={counts}
            />
          ) : (
            <p>{t('portal.home.none')}</p>
          )}
        </section>
        {due.length ? (
          <section aria-labelledby="due-h">
            <h2 id="due-h">{t('portal.home.todo')}</h2>
            <ul>
              {due.map((o) => (
                <li class={o.overdue ? 'overdue' : undefined}>
                  <a href={`/portal/objects/${o.id}`}>{objectName(o, language)}</a>{' '}
                  <StateBadge t={t} state={o.reviewState} />{' '}
                  <Deadline t={t} due={o.updateDueOn} today={today} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <a href="/portal/objects">{t('portal.home.registry', { count: all.length })}</a>
        </p>
      </PortalPage>,
    )
  })

  app.get('/portal/review', async (c) => {
    const actor = requireActor(c)
    const t = c.get('t')
    const language = c.get('language')
    const queue = await reviewQueue(c.get('services').database.db, actor)
    const orgs = await organisationsById(c)
    const today = todayKz()
    const overdue = queue.filter((q) => q.overdue).length
    return c.html(
      <PortalPage c={c} title={t('portal.review.title')} tab="review">
        <h1>{t('portal.review.title')}</h1>
        <p class="lead">{t('portal.review.intro')}</p>
        <p role="status">
          {t('portal.review.count', { count: queue.length })}
          {overdue ? (
            <strong class="overdue"> {t('portal.review.overdue', { count: overdue })}</strong>
          ) : null}
        </p>
        <section class="table-scroll" aria-label={t('portal.review.title')} tabindex={0}>
          <table class="review-queue">
            <thead>
              <tr>
                <th scope="col">{t('portal.column.deadline')}</th>
                <th scope="col">{t('portal.column.name')}</th>
                <th scope="col">{t('portal.field.kind')}</th>
                <th scope="col">{t('portal.column.owner')}</th>
                <th scope="col">{t('portal.review.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr class={q.overdue ? 'overdue' : undefined}>
                  <td>
                    <Deadline t={t} due={q.dueOn} today={today} />
                  </td>
                  <td>
                    <a href={`/portal/objects/${q.objectId}`}>{objectName(q, language)}</a>
                    {q.code ? <span class="code"> {q.code}</span> : null}
                    {q.resubmission ? (
                      <span class="muted"> ({t('portal.review.resubmission')})</span>
                    ) : null}
                  </td>
                  <td>{t(`portal.kind.${q.kind}`)}</td>
                  <td>{organisationName(orgs.get(q.ownerOrganisationId), language)}</td>
                  <td>{kzDateTime(q.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {hasRole(actor, 'reviewer') && !queue.length ? <p>{t('portal.review.empty')}</p> : null}
      </PortalPage>,
    )
  })
}
