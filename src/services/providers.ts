/**
 * @module
 * Which organisations provide a service, with the fee and the term its standard sets. The
 * regulations name the providers (the Committee of Information and Archives, the National
 * Archive…) but leave the fee and the term to the service standard (Government Decree 1278 of
 * 9 Oct 2012, not among our acts), so an administrator of the service integrator or the
 * authorised body binds each service to organisations and enters both.
 */
import type { Kysely } from 'kysely'
import {
  type Actor,
  getOrganisation,
  hasRole,
  listOrganisations,
  type Organisation,
} from '../auth/index.js'
import { ForbiddenError, InputError, isRecordId, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { serviceDefinition } from './definitions.js'
import { storedDefinition } from './stored-definitions.js'

type Db = Kysely<Database>

export interface ServiceProvider {
  serviceCode: string
  organisation: Organisation
  /** The state fee in tenge for a paid service (from its standard); null until entered. */
  feeKzt: number | null
  /** The service term in working days (from its standard); null until entered. */
  termWorkingDays: number | null
  updatedAt: string
}

/** Administrators of the service integrator and the authorised body manage providers. */
export function canManageProviders(actor: Actor): boolean {
  return (
    hasRole(actor, 'admin') &&
    (actor.organisation.kind === 'service-integrator' ||
      actor.organisation.kind === 'authorised-body')
  )
}

export function requireServiceCode(code: string) {
  const definition = serviceDefinition(code)
  if (!definition) {
    throw new NotFoundError(`No service "${code}"`, 'services.error.serviceNotFound', { code })
  }
  const stored = storedDefinition(code)
  if (stored && !stored.active) {
    throw new NotFoundError(
      `The service "${code}" is no longer offered`,
      'services.error.serviceWithdrawn',
      { code },
    )
  }
  return definition
}

/** A service an akimat generated is provided by that akimat only; no administrator rebinds it. */
function refuseGenerated(serviceCode: string): void {
  if (storedDefinition(serviceCode)) {
    throw new InputError(
      `The service ${serviceCode} is an akimat's own: it binds and unbinds itself`,
      'services.error.generatedProvider',
      { code: serviceCode },
    )
  }
}

/**
 * Binds the akimat that generated a service as its only provider, or removes the binding (when
 * it switches the service off): done by the automation module, not by an administrator.
 */
export async function bindGeneratedProvider(
  db: Db,
  serviceCode: string,
  organisationId: number,
  termWorkingDays: number | null,
  userId: number | null,
  now: Date = new Date(),
): Promise<void> {
  if (termWorkingDays === null) {
    await db
      .deleteFrom('services_provider')
      .where('service_code', '=', serviceCode)
      .where('organisation_id', '=', organisationId)
      .execute()
    return
  }
  const values = {
    fee_kzt: null,
    term_working_days: termWorkingDays,
    updated_at: now.toISOString(),
    updated_by: userId,
  }
  await db
    .insertInto('services_provider')
    .values({ service_code: serviceCode, organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.columns(['service_code', 'organisation_id']).doUpdateSet(values))
    .execute()
}

/** The providers of a service, by organisation name. */
export async function providersOf(db: Db, serviceCode: string): Promise<ServiceProvider[]> {
  const rows = await db
    .selectFrom('services_provider')
    .selectAll()
    .where('service_code', '=', serviceCode)
    .execute()
  const organisations = new Map((await listOrganisations(db)).map((o) => [o.id, o]))
  return rows
    .flatMap((row) => {
      const organisation = organisations.get(row.organisation_id)
      return organisation
        ? [
            {
              serviceCode: row.service_code,
              organisation,
              feeKzt: row.fee_kzt,
              termWorkingDays: row.term_working_days,
              updatedAt: row.updated_at,
            },
          ]
        : []
    })
    .sort((a, b) => a.organisation.nameRu.localeCompare(b.organisation.nameRu, 'ru'))
}

/** The provider binding of one organisation for a service, or undefined. */
export async function providerOf(
  db: Db,
  serviceCode: string,
  organisationId: number,
): Promise<ServiceProvider | undefined> {
  if (!isRecordId(organisationId)) return undefined
  return (await providersOf(db, serviceCode)).find((p) => p.organisation.id === organisationId)
}

function checkWhole(
  value: number | null | undefined,
  field: 'feeKzt' | 'termWorkingDays',
  max: number,
): number | null {
  if (value === null || value === undefined) return null
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `${field} must be a whole number from 1 to ${max}`,
      field === 'feeKzt' ? 'services.error.feeRange' : 'services.error.termRange',
      { max },
    )
  }
  return value
}

/** Binds (or updates) an organisation as a provider of a service. */
export async function setProvider(
  db: Db,
  actor: Actor,
  input: {
    serviceCode: string
    organisationId: number
    feeKzt?: number | null
    termWorkingDays?: number | null
    now?: Date
  },
): Promise<ServiceProvider> {
  if (!canManageProviders(actor)) {
    throw new ForbiddenError(
      'Only administrators of the service integrator or the authorised body manage providers',
      'services.error.providersForbidden',
    )
  }
  const definition = requireServiceCode(input.serviceCode)
  refuseGenerated(definition.code)
  const organisation = isRecordId(input.organisationId)
    ? await getOrganisation(db, input.organisationId)
    : undefined
  if (!organisation) {
    throw new NotFoundError('No such organisation', 'services.error.organisationNotFound')
  }
  if (organisation.kind === 'service-centre' || organisation.kind === 'service-integrator') {
    throw new InputError(
      'A service centre or the service integrator does not provide services itself',
      'services.error.providerKind',
    )
  }
  const feeKzt = checkWhole(input.feeKzt, 'feeKzt', 10_000_000)
  const termWorkingDays = checkWhole(input.termWorkingDays, 'termWorkingDays', 365)
  if (definition.payment.required && feeKzt === null) {
    throw new InputError(
      'This service is paid: enter the fee its standard sets',
      'services.error.feeRequired',
    )
  }
  const now = (input.now ?? new Date()).toISOString()
  const values = {
    fee_kzt: definition.payment.required ? feeKzt : null,
    term_working_days: termWorkingDays,
    updated_at: now,
    updated_by: actor.userId,
  }
  await db
    .insertInto('services_provider')
    .values({ service_code: definition.code, organisation_id: organisation.id, ...values })
    .onConflict((oc) => oc.columns(['service_code', 'organisation_id']).doUpdateSet(values))
    .execute()
  const bound = await providerOf(db, definition.code, organisation.id)
  if (!bound) throw new Error('provider binding not found after writing it')
  return bound
}

/** Removes a provider binding; applications already made keep their provider. */
export async function removeProvider(
  db: Db,
  actor: Actor,
  serviceCode: string,
  organisationId: number,
): Promise<void> {
  if (!canManageProviders(actor)) {
    throw new ForbiddenError(
      'Only administrators of the service integrator or the authorised body manage providers',
      'services.error.providersForbidden',
    )
  }
  refuseGenerated(serviceCode)
  if (!isRecordId(organisationId)) return
  await db
    .deleteFrom('services_provider')
    .where('service_code', '=', serviceCode)
    .where('organisation_id', '=', organisationId)
    .execute()
}

/** The services an organisation provides. */
export async function servicesProvidedBy(db: Db, organisationId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('services_provider')
    .select('service_code')
    .where('organisation_id', '=', organisationId)
    .execute()
  return rows.map((r) => r.service_code)
}
