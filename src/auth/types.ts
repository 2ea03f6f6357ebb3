/**
 * @module
 * The auth module's vocabulary: organisation kinds, administrative levels, roles, and the acting
 * user as the rest of the application sees it.
 */

/** Kinds of organisation whose people use e-akimat. */
export const ORGANISATION_KINDS = [
  'state-body',
  'local-executive-body',
  'state-legal-entity',
  'quasi-public',
  'service-integrator',
  'authorised-body',
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
 * `reviewer` (the service integrator's reviewer; only in a service-integrator organisation),
 * `admin` (administrator), `reader` (read-only). A role grants only itself: an admin is not an
 * editor unless given both.
 */
export const ROLES = ['editor', 'reviewer', 'admin', 'reader'] as const
export type Role = (typeof ROLES)[number]

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
