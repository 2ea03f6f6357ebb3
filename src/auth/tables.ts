/**
 * @module
 * Tables owned by the auth module. Timestamps are ISO-8601 strings in UTC on both backends.
 */
import type { ColumnType, Generated } from 'kysely'

/** An organisation that users act for: a state body, an akimat, the service integrator… */
export interface AuthOrganisationTable {
  id: Generated<number>
  kind: string
  name_kk: string
  name_ru: string
  /** 12-digit business identification number (БСН / БИН), unique when present. */
  bin: string | null
  /** region | district | rural, for local executive bodies only. */
  level: string | null
  email: string | null
  created_at: ColumnType<string, string | undefined, string>
}

/** A person who signs in. `email` is stored lower-case and is unique. */
export interface AuthUserTable {
  id: Generated<number>
  email: string
  name: string
  /** `scrypt$N$r$p$salt$hash`; null until the user sets a password through an activation link. */
  password_hash: string | null
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: string | null
  /** 1 = may not sign in (an integer on both backends). */
  disabled: ColumnType<number, number | undefined, number>
  created_at: ColumnType<string, string | undefined, string>
}

/** One role of a user in an organisation; a user may hold several. */
export interface AuthMembershipTable {
  user_id: number
  organisation_id: number
  role: string
}

/** A signed-in session. `id` is the sha256 (hex) of the cookie token, never the token itself. */
export interface AuthSessionTable {
  id: string
  user_id: number
  organisation_id: number
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  user_agent: string | null
}

/** A one-time password setup (activation) link; `hash` is the sha256 (hex) of its token. */
export interface AuthPasswordTokenTable {
  hash: string
  user_id: number
  created_at: string
  expires_at: string
  used_at: string | null
}

/** What an administrator did (see src/auth/admin.ts); `details` is JSON. */
export interface AuthEventTable {
  id: Generated<number>
  kind: string
  at: string
  actor_user_id: number | null
  actor_organisation_id: number | null
  user_id: number | null
  organisation_id: number | null
  details: string
}

/**
 * An applicant's account: a citizen or a company's representative, who signs in with their IIN
 * (12 digits, unique) and a password. Not staff: no organisation, no roles.
 */
export interface AuthPersonTable {
  id: Generated<number>
  iin: string
  name: string
  /** Stored lower-case; optional. */
  email: string | null
  /** `scrypt$N$r$p$salt$hash`; set at registration. */
  password_hash: string
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: string | null
  /** 1 = may not sign in (an integer on both backends). */
  disabled: ColumnType<number, number | undefined, number>
  created_at: ColumnType<string, string | undefined, string>
}

/** An applicant's signed-in session; `id` is the sha256 (hex) of the cookie token. */
export interface AuthPersonSessionTable {
  id: string
  person_id: number
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  user_agent: string | null
}

/**
 * The security audit log: failed and refused sign-ins, lock-outs, sign-ins refused by the rate
 * limit, denied access, rejected CSRF tokens. `kind` is one of SECURITY_EVENT_KINDS; `details` JSON.
 */
export interface AuthSecurityEventTable {
  id: Generated<number>
  kind: string
  at: string
  /** The client address as the server saw it (or as a trusted proxy reported it). */
  ip: string | null
  user_id: number | null
  person_id: number | null
  organisation_id: number | null
  method: string | null
  path: string | null
  details: string
}

export interface AuthTables {
  auth_organisation: AuthOrganisationTable
  auth_user: AuthUserTable
  auth_membership: AuthMembershipTable
  auth_session: AuthSessionTable
  auth_password_token: AuthPasswordTokenTable
  auth_event: AuthEventTable
  auth_person: AuthPersonTable
  auth_person_session: AuthPersonSessionTable
  auth_security_event: AuthSecurityEventTable
}
