/**
 * @module
 * Users and their roles in organisations; the actor a signed-in user becomes.
 */
import type { Kysely, Selectable } from 'kysely'
import { ConflictError, InputError, isRecordId, NotFoundError, safeName } from '../core/index.js'
import type { Database } from '../db/index.js'
import { getOrganisation } from './organisations.js'
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js'
import type { AuthUserTable } from './tables.js'
import {
  type Actor,
  isRole,
  type OrganisationKind,
  ROLES,
  type Role,
  roleAllowedIn,
  type User,
} from './types.js'
import { inTransaction, isUniqueViolation, normaliseEmail } from './util.js'

export interface UserInput {
  email: string
  name: string
  organisationId: number
  roles: Role[]
  /** Normally left out: the user sets it through the activation link. */
  password?: string
}

const NAME_MAX = 300

function checkUserName(value: unknown): string {
  const name = typeof value === 'string' ? safeName(value).trim().replace(/\s+/g, ' ') : ''
  if (!name || name.length > NAME_MAX) {
    throw new InputError(
      `The name is required (at most ${NAME_MAX} characters)`,
      'auth.error.name',
      {
        max: NAME_MAX,
      },
    )
  }
  return name
}

function emailTaken(email: string): ConflictError {
  return new ConflictError(`A user with e-mail ${email} already exists`, 'auth.error.emailTaken', {
    email,
  })
}

/** Why a role may not be held in some kinds of organisation (see ROLE_KINDS in types.ts). */
const ROLE_KIND_ERRORS: Partial<Record<Role, { message: string; key: string }>> = {
  reviewer: {
    message: 'The reviewer role exists only in a service-integrator organisation',
    key: 'auth.error.reviewerOnlyIntegrator',
  },
  operator: {
    message: 'The operator role does not exist in the authorised body',
    key: 'auth.error.operatorKind',
  },
  signer: {
    message:
      'The signer role exists only in state bodies, local executive bodies and state legal entities',
    key: 'auth.error.signerKind',
  },
}

/**
 * Throws an InputError when one of `roles` may not be held in an organisation of `kind`: a
 * reviewer outside the service integrator, an operator in the authorised body, a signer outside
 * state bodies, local executive bodies and state legal entities.
 */
export function checkRolesAllowedIn(roles: readonly Role[], kind: OrganisationKind): void {
  for (const role of roles) {
    if (roleAllowedIn(role, kind)) continue
    const error = ROLE_KIND_ERRORS[role] ?? {
      message: `The ${role} role does not exist in this kind of organisation`,
      key: 'error.input',
    }
    throw new InputError(error.message, error.key)
  }
}

/**
 * Creates a user with roles in one organisation. The e-mail is unique ignoring case. Some roles
 * exist only in some kinds of organisation (a reviewer in the service integrator; see
 * {@link checkRolesAllowedIn}).
 * @example const { userId } = await createUser(db, { email: 'a@example.kz', name: 'Айгүл', organisationId: 1, roles: ['editor'] })
 */
export async function createUser(
  db: Kysely<Database>,
  input: UserInput,
): Promise<{ userId: number }> {
  const email = normaliseEmail(input.email)
  const name = checkUserName(input.name)
  const roles = [...new Set(input.roles)]
  if (roles.length === 0) {
    throw new InputError('A user needs at least one role', 'auth.error.noRole', {
      roles: ROLES.join(', '),
    })
  }
  for (const role of roles) {
    if (!isRole(role)) {
      throw new InputError(
        `Role must be one of ${ROLES.join(', ')}, not "${role}"`,
        'auth.error.role',
        { value: String(role), roles: ROLES.join(', ') },
      )
    }
  }
  let passwordHash: string | null = null
  if (input.password !== undefined) {
    checkPasswordPolicy(input.password, email)
    passwordHash = await hashPassword(input.password)
  }
  return inTransaction(db, async (trx) => {
    const organisation = await getOrganisation(trx, input.organisationId)
    if (!organisation) {
      throw new NotFoundError(
        `Organisation ${input.organisationId} does not exist`,
        'auth.error.organisationNotFound',
        { id: input.organisationId },
      )
    }
    checkRolesAllowedIn(roles, organisation.kind)
    const existing = await trx
      .selectFrom('auth_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst()
    if (existing) throw emailTaken(email)
    let userId: number
    try {
      const row = await trx
        .insertInto('auth_user')
        .values({ email, name, password_hash: passwordHash, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      userId = row.id
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(email)
      throw error
    }
    await trx
      .insertInto('auth_membership')
      .values(roles.map((role) => ({ user_id: userId, organisation_id: organisation.id, role })))
      .execute()
    return { userId }
  })
}

async function toUser(db: Kysely<Database>, row: Selectable<AuthUserTable>): Promise<User> {
  const memberships = await db
    .selectFrom('auth_membership')
    .select(['organisation_id', 'role'])
    .where('user_id', '=', row.id)
    .orderBy('organisation_id')
    .orderBy('role')
    .execute()
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    hasPassword: row.password_hash !== null,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    memberships: memberships.map((m) => ({
      organisationId: m.organisation_id,
      role: m.role as Role,
    })),
  }
}

export async function userById(db: Kysely<Database>, userId: number): Promise<User | undefined> {
  if (!isRecordId(userId)) return undefined
  const row = await db
    .selectFrom('auth_user')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst()
  return row ? toUser(db, row) : undefined
}

/** The user with this e-mail, ignoring case; undefined for an unknown or malformed address. */
export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<User | undefined> {
  const normalised = String(email ?? '')
    .trim()
    .toLowerCase()
  const row = await db
    .selectFrom('auth_user')
    .selectAll()
    .where('email', '=', normalised)
    .executeTakeFirst()
  return row ? toUser(db, row) : undefined
}

/** Every user with their memberships, by id. */
export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('auth_user').selectAll().orderBy('id').execute()
  const memberships = await db
    .selectFrom('auth_membership')
    .select(['user_id', 'organisation_id', 'role'])
    .orderBy('organisation_id')
    .orderBy('role')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    hasPassword: row.password_hash !== null,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    memberships: memberships
      .filter((m) => m.user_id === row.id)
      .map((m) => ({ organisationId: m.organisation_id, role: m.role as Role })),
  }))
}

/**
 * The actor `userId` is when acting for `organisationId` (by default the first organisation the
 * user belongs to); undefined for an unknown or disabled user or one without roles there.
 */
export async function actorFor(
  db: Kysely<Database>,
  userId: number,
  organisationId?: number,
): Promise<Actor | undefined> {
  const user = await userById(db, userId)
  if (!user || user.disabled) return undefined
  const orgId = organisationId ?? user.memberships[0]?.organisationId
  if (orgId === undefined) return undefined
  const roles = user.memberships.filter((m) => m.organisationId === orgId).map((m) => m.role)
  if (roles.length === 0) return undefined
  const organisation = await getOrganisation(db, orgId)
  if (!organisation) return undefined
  return { userId: user.id, email: user.email, name: user.name, organisation, roles }
}

/** Clears a lock-out and the failed sign-in count. */
export async function unlockUser(db: Kysely<Database>, email: string): Promise<User> {
  const user = await findUserByEmail(db, email)
  if (!user) {
    throw new NotFoundError(`No user has e-mail ${email}`, 'auth.error.userNotFound', {})
  }
  await db
    .updateTable('auth_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', user.id)
    .execute()
  return { ...user, failedLogins: 0, lockedUntil: null }
}

/** Sets a user's password after checking the policy (used by activation and change). */
export async function setPassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
): Promise<void> {
  const user = await userById(db, userId)
  if (!user) throw new NotFoundError(`User ${userId} does not exist`, 'auth.error.userNotFound', {})
  checkPasswordPolicy(password, user.email)
  const hash = await hashPassword(password)
  await db
    .updateTable('auth_user')
    .set({ password_hash: hash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute()
}

/**
 * Changes a password after checking the current one; ends the user's other sessions (all but
 * `keepSessionId`, the sha256 id of the session making the change).
 */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: number; current: string; next: string; keepSessionId?: string },
): Promise<void> {
  const row = await db
    .selectFrom('auth_user')
    .select(['password_hash'])
    .where('id', '=', input.userId)
    .executeTakeFirst()
  if (!row?.password_hash || !(await verifyPassword(input.current, row.password_hash))) {
    throw new InputError('The current password is wrong', 'auth.error.currentPassword')
  }
  await setPassword(db, input.userId, input.next)
  let others = db.deleteFrom('auth_session').where('user_id', '=', input.userId)
  if (input.keepSessionId) others = others.where('id', '!=', input.keepSessionId)
  await others.execute()
}

/** True when some user holds the admin role (used by `auth bootstrap`). */
export async function hasAdministrator(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('auth_membership')
    .select('user_id')
    .where('role', '=', 'admin')
    .executeTakeFirst()
  return row !== undefined
}
