/**
 * @module
 * Administration of the e-services' providers (administrators of the service integrator or the
 * authorised body): for each service, the organisations bound to it with the fee and the term
 * its standard sets (the regulations leave both to the standard), a form to bind an
 * organisation or change its fee and term, and remove buttons.
 */
import type { Context, Hono } from 'hono'
import { type Actor, listOrganisations, type Organisation } from '../../../auth/index.js'
import { ForbiddenError, InputError } from '../../../core/index.js'
import {
  canManageProviders,
  loadServiceDefinitions,
  providersOf,
  removeProvider,
  type ServiceDefinition,
  type ServiceProvider,
  setProvider,
} from '../../../services/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox, errorMessage, errorStatus, field, kzDateTime } from '../portal/frame.js'
import {
  dbOf,
  feeText,
  orgName,
  ServicesPage,
  serviceName,
  sortedOrganisations,
  termText,
} from './frame.js'

function requireManager(c: Context<AppEnv>): Actor {
  const actor = requireActor(c)
  if (!canManageProviders(actor)) {
    throw new ForbiddenError(
      'Only administrators of the service integrator or the authorised body manage providers',
      'services.error.providersForbidden',
    )
  }
  return actor
}

/** A whole number from 1 to `max` typed in a form, or null when empty; else InputError. */
function wholeOrNull(value: string, label: string, max: number): number | null {
  const trimmed = value.trim()
  if (!trimmed) return null
  const n = /^\d{1,12}$/.test(trimmed) ? Number(trimmed) : Number.NaN
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new InputError(
      `${label} must be a whole number from 1 to ${max}`,
      'services.error.wholeNumber',
      {
        field: label,
        max,
      },
    )
  }
  return n
}

/** Registers /services/admin and its two forms (bind, remove). */
export function registerAdminPages(app: Hono<AppEnv>): void {
  app.get('/services/admin', async (c) => {
    requireManager(c)
    const done = c.req.query('done')
    return c.html(
      await adminPage(c, {
        notice:
          done === 'bound' || done === 'removed'
            ? c.get('t')(`services.admin.done.${done}`)
            : undefined,
      }),
    )
  })

  app.post('/services/admin/providers', async (c) => {
    const actor = requireManager(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const t = c.get('t')
    try {
      await setProvider(dbOf(c), actor, {
        serviceCode: field(body, 'service'),
        organisationId: Number(field(body, 'organisation')),
        feeKzt: wholeOrNull(field(body, 'fee'), t('services.admin.feeField'), 10_000_000),
        termWorkingDays: wholeOrNull(field(body, 'term'), t('services.admin.termField'), 365),
      })
      return c.redirect('/services/admin?done=bound', 303)
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      return c.html(
        await adminPage(c, { error: message, service: field(body, 'service'), body }),
        errorStatus(error),
      )
    }
  })

  app.post('/services/admin/providers/remove', async (c) => {
    const actor = requireManager(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    try {
      await removeProvider(
        dbOf(c),
        actor,
        field(body, 'service'),
        Number(field(body, 'organisation')),
      )
      return c.redirect('/services/admin?done=removed', 303)
    } catch (error) {
      const message = errorMessage(c.get('t'), error)
      if (!message) throw error
      return c.html(await adminPage(c, { error: message }), errorStatus(error))
    }
  })
}

async function adminPage(
  c: Context<AppEnv>,
  extra: { notice?: string; error?: string; service?: string; body?: Record<string, unknown> },
) {
  const t = c.get('t')
  const language = c.get('language')
  const db = dbOf(c)
  const organisations = (await listOrganisations(db))
    .filter((o) => o.kind !== 'service-centre' && o.kind !== 'service-integrator')
    .sort((a, b) => orgName(a, language).localeCompare(orgName(b, language), language))
  const services: { definition: ServiceDefinition; providers: ServiceProvider[] }[] = []
  for (const definition of loadServiceDefinitions()) {
    services.push({ definition, providers: await providersOf(db, definition.code) })
  }
  return (
    <ServicesPage c={c} title={t('services.admin.title')} tab="admin">
      <h1>{t('services.admin.title')}</h1>
      <p class="lead">{t('services.admin.intro')}</p>
      {extra.notice ? (
        <p class="notice" role="status">
          {extra.notice}
        </p>
      ) : null}
      <ErrorBox message={extra.error} />
      {services.map(({ definition, providers }) => (
        <ServiceProviders
          c={c}
          definition={definition}
          providers={providers}
          organisations={organisations}
          body={extra.service === definition.code ? extra.body : undefined}
        />
      ))}
    </ServicesPage>
  )
}

function ServiceProviders({
  c,
  definition,
  providers,
  organisations,
  body,
}: {
  c: Context<AppEnv>
  definition: ServiceDefinition
  providers: ServiceProvider[]
  organisations: Organisation[]
  body?: Record<string, unknown>
}) {
  const t = c.get('t')
  const language = c.get('language')
  const csrf = c.get('csrfToken')
  const id = `svc-${definition.code}`
  const paid = definition.payment.required
  return (
    <section aria-labelledby={`${id}-h`} class="admin-service">
      <h2 id={`${id}-h`}>{serviceName(definition, language)}</h2>
      <p class="muted">
        {paid ? t('services.paid') : t('services.free')} ·{' '}
        {t('services.admin.actProviders', {
          providers: definition.providers.map((p) => p[language]).join('; '),
        })}
      </p>
      {providers.length === 0 ? (
        <p>{t('services.detail.noProviders')}</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-labelledby={`${id}-h`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('services.admin.organisation')}</th>
                {paid ? <th scope="col">{t('services.admin.fee')}</th> : null}
                <th scope="col">{t('services.admin.term')}</th>
                <th scope="col">{t('services.admin.updated')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('services.admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sortedOrganisations(providers, language).map((p) => (
                <tr>
                  <th scope="row">{orgName(p.organisation, language)}</th>
                  {paid ? <td>{feeText(t, p.feeKzt)}</td> : null}
                  <td>{termText(t, p.termWorkingDays)}</td>
                  <td>{kzDateTime(p.updatedAt)}</td>
                  <td>
                    <form method="post" action="/services/admin/providers/remove">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="service" value={definition.code} />
                      <input type="hidden" name="organisation" value={String(p.organisation.id)} />
                      <button
                        type="submit"
                        aria-label={t('services.admin.removeNamed', {
                          organisation: orgName(p.organisation, language),
                        })}
                      >
                        {t('services.admin.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <form method="post" action="/services/admin/providers" class="portal-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="service" value={definition.code} />
        <fieldset>
          <legend>{t('services.admin.bind')}</legend>
          <div class="inline-fields">
            <p>
              <label for={`${id}-org`}>{t('services.admin.organisation')}</label>
              <select id={`${id}-org`} name="organisation" required>
                <option value="">{t('services.apply.choose')}</option>
                {organisations.map((o) => (
                  <option
                    value={String(o.id)}
                    selected={body ? field(body, 'organisation') === String(o.id) : false}
                  >
                    {orgName(o, language)}
                  </option>
                ))}
              </select>
            </p>
            {paid ? (
              <p>
                <label for={`${id}-fee`}>{t('services.admin.feeField')}</label>
                <input
                  id={`${id}-fee`}
                  name="fee"
                  type="number"
                  min={1}
                  max={10000000}
                  step={1}
                  required
                  value={body ? field(body, 'fee') : ''}
                />
              </p>
            ) : null}
            <p>
              <label for={`${id}-term`}>{t('services.admin.termField')}</label>
              <input
                id={`${id}-term`}
                name="term"
                type="number"
                min={1}
                max={365}
                step={1}
                value={body ? field(body, 'term') : ''}
              />
            </p>
          </div>
          <p class="hint">{t('services.admin.bindHint')}</p>
          <p>
            <button type="submit">{t('services.admin.save')}</button>
          </p>
        </fieldset>
      </form>
    </section>
  )
}
