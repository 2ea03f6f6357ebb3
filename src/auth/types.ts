/**
 * @module
 * The auth module's vocabulary: organisation kinds, administrative levels, roles, and the acting
 * user as the rest of the application sees it.
 */

/**
 * Kinds of organisation whose people use e-akimat. `service-centre` is a population service
 * centre (ХҚКО / ЦОН), which takes applications for public services at its desks.
 */
export const ORGANISATION_KINDS = [
  'state-body',
  'local-executive-body',
  'state-legal-entity',
  'quasi-public',
  'service-integrator',
  'authorised-body',
  'service-centre',
] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/**
 * The level of a local executive body (akimat); maps to the catalogue's sections 1 (region),
 * 2 (district, city of regional significance) and 3 (rural: town, village, rural district).
 */
export const ADMINISTRATIVE_LEVELS = ['region', 'district', 'rural'] as const
export type AdministrativeLevel = (typeof ADMINISTRATIVE_LEVELS)[number]

/**
 * Roles in an organisation: `editor` (the owner's editor of informatization objects),
 * `reviewer` (the service integrator's reviewer), `admin` (administrator), `reader` (read-only),
 * and for e-services `operator` (an employee of a service provider or a population service
 * centre who registers applications at the desk and checks documents and grounds) and `signer`
 * (the provider's authorised person, «уәкiлеттi тұлға», who signs results). A role grants only
 * itself: an admin is not an editor unless given both. {@link ROLE_KINDS} limits where some
 * roles may be held.
 */
export const ROLES = ['editor', 'reviewer', 'admin', 'reader', 'operator', 'signer'] as const
export type Role = (typeof ROLES)[number]

/**
 * The organisation kinds in which a role may be held; a role not listed here may be held in any
 * kind. A reviewer works for the service integrator; the authorised body provides no services at
 * a desk; results are signed by providers that are state bodies, akimats or state legal entities.
 */
export const ROLE_KINDS: Partial<Record<Role, readonly OrganisationKind[]>> = {
  reviewer: ['service-integrator'],
  operator: ORGANISATION_KINDS.filter((kind) => kind !== 'authorised-body'),
  signer: ['state-body', 'local-executive-body', 'state-legal-entity'],
}

/** Whether `role` may be held in an organisation of `kind` (see {@link ROLE_KINDS}). */
export function roleAllowedIn(role: Role, kind: OrganisationKind): boolean {
  return ROLE_KINDS[role]?.includes(kind) ?? true
}

export interface Organisation {
  id: number
  kind: OrganisationKind
  nameKk: string
  nameRu: string
  /** 12-digit business identification number (БСН / БИН). */
  bin: string | null
  /** For local executive bodies only. */
  level: AdministrativeLevel | null
  email: string | null
  createdAt: string
}

/** The signed-in user acting for one organisation, with their roles there. */
export interface Actor {
  userId: number
  email: string
  name: string
  organisation: Organisation
  roles: readonly Role[]
}

/** A user as stored, without the password hash. */
export interface User {
  id: number
  email: string
  name: string
  /** False until the user has set a password through an activation link. */
  hasPassword: boolean
  failedLogins: number
  /** ISO instant while the account is locked after failed sign-ins, else null. */
  lockedUntil: string | null
  disabled: boolean
  createdAt: string
  memberships: { organisationId: number; role: Role }[]
}

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(value)
}

export function isAdministrativeLevel(value: unknown): value is AdministrativeLevel {
  return typeof value === 'string' && (ADMINISTRATIVE_LEVELS as readonly string[]).includes(value)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** True when the actor holds `role` in the organisation they act for. */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role)
}
