/**
 * @module
 * Identity and access: organisations, users and their roles, password hashing and policy,
 * sign-in with lock-out, sessions bound to one organisation, one-time activation links;
 * applicants' accounts (persons: citizens and company representatives) and their sessions.
 * Shared by the architecture portal, e-services and akimat modules.
 */
export * from './admin.js'
export * from './bootstrap.js'
export * from './housekeeping.js'
export {
  binCheckDigit,
  createOrganisation,
  findOrganisationByBin,
  getOrganisation,
  listOrganisations,
  normaliseBin,
  type OrganisationInput,
} from './organisations.js'
export {
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SCRYPT_PARAMS,
  verifyPassword,
} from './passwords.js'
export {
  deleteExpiredPersonSessions,
  endPersonSession,
  findPersonByIin,
  loginPerson,
  normaliseIin,
  openPersonSession,
  type Person,
  type PersonCredentials,
  type PersonInput,
  type PersonLoginResult,
  type PersonSession,
  personById,
  personClaimStamp,
  personSessionFromToken,
  registerPerson,
  replacePersonCredentials,
} from './persons.js'
export {
  deleteSecurityEventsBefore,
  isSecurityEventKind,
  LOGIN_RATE_LIMIT,
  listSecurityEvents,
  loginRateLimit,
  type RateLimitState,
  recordSecurityEvent,
  SECURITY_EVENT_KINDS,
  SECURITY_EVENT_RETENTION_DAYS,
  type SecurityEvent,
  type SecurityEventFilters,
  type SecurityEventInput,
  type SecurityEventKind,
  type SecurityEventPage,
  type SignInRequest,
  securityEventRetentionCutoff,
} from './security-events.js'
export * from './sessions.js'
export type { AuthTables } from './tables.js'
export * from './tokens.js'
export * from './types.js'
export {
  actorFor,
  changePassword,
  createUser,
  findUserByEmail,
  hasAdministrator,
  listUsers,
  setPassword,
  type UserInput,
  unlockUser,
  userById,
} from './users.js'
export { isUniqueViolation, normaliseEmail, sameSecret } from './util.js'
