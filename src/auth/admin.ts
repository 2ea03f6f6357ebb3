/**
 * @module
 * Administering organisations and users from the browser. Every function takes the acting user
 * and checks the right itself, reading the actor's roles again inside its transaction:
 *
 * - an `admin` of the authorised body or of the service integrator (an *overseer admin*)
 *   administers every organisation and every user;
 * - an `admin` of any other organisation administers only the users whose every membership is in
 *   that organisation (a user who also belongs elsewhere is not theirs to reset or disable);
 * - nobody else administers anything.
 *
 * Users the actor may not administer look absent (NotFoundError); an actor who is no
 * administrator at all, or who names an organisation not theirs, is refused (ForbiddenError).
 * An administrator can neither remove their own `admin` role nor disable themselves, and no
 * change may leave an organisation that had an enabled administrator without one.
 */
import type { Kysely } from 'kysely'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  type OrganisationInput,
} from './organisations.js'
import { endUserSessions } from './sessions.js'
import { activationPath, createPasswordSetupToken } from './tokens.js'
import { type Actor, isRole, type Organisation, ROLES, type Role, type User } from './types.js'
import { actorFor, checkRolesAllowedIn, createUser, listUsers, userById } from './users.js'
import { inTransaction } from './util.js'

/** What an administrator sees of a user's account. */
export type UserState = 'active' | 'not-activated' | 'locked' | 'disabled'
export const USER_STATES: readonly UserState[] = ['active', 'not-activated', 'locked', 'disabled']

/** A user as an administrator sees them: the stored user and the account's state. */
export interface AdministeredUser extends User {
  state: UserState
}

/** True for an `admin` of the authorised body or of the service integrator. */
export function isOverseerAdmin(actor: Actor): boolean {
  const kind = actor.organisation.kind
  return (
    actor.roles.includes('admin') && (kind === 'authorised-body' || kind === 'service-integrator')
  )
}

/** Whether `actor` may administer the users of organisation `organisationId`. */
export function administersOrganisation(actor: Actor, organisationId: number): boolean {
  if (!actor.roles.includes('admin')) return false
  return isOverseerAdmin(actor) || actor.organisation.id === organisationId
}

/** Whether `actor` may administer `user` (see the module notes). */
export function administersUser(actor: Actor, user: Pick<User, 'memberships'>): boolean {
  if (!actor.roles.includes('admin')) return false
  if (isOverseerAdmin(actor)) return true
  return (
    user.memberships.length > 0 &&
    user.memberships.every((m) => m.organisationId === actor.organisation.id)
  )
}

/** The state an administrator sees: disabled, else locked, else not activated, else active. */
export function userState(user: User, now: Date = new Date()): UserState {
  if (user.disabled) return 'disabled'
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) return 'locked'
  if (!user.hasPassword) return 'not-activated'
  return 'active'
}

function notAdmin(): ForbiddenError {
  return new ForbiddenError('Only an administrator administers users', 'admin.error.notAdmin')
}

function userNotFound(userId: number): NotFoundError {
  return new NotFoundError(`User ${userId} does not exist`, 'auth.error.userNotFound', {})
}

/**
 * The actor as stored now (roles, disabled), refused unless an administrator: a session's actor
 * may be minutes old.
 */
async function currentAdmin(db: Kysely<Database>, actor: Actor): Promise<Actor> {
  const current = await actorFor(db, actor.userId, actor.organisation.id)
  if (!current?.roles.includes('admin')) throw notAdmin()
  return current
}

/** The organisation `admin` may administer, or ForbiddenError / NotFoundError. */
async function administeredOrganisation(
  db: Kysely<Database>,
  admin: Actor,
  organisationId: number,
): Promise<Organisation> {
  if (!administersOrganisation(admin, organisationId)) {
    throw new ForbiddenError(
      'You administer only the users of your own organisation',
      'admin.error.otherOrganisation',
    )
  }
  const organisation = await getOrganisation(db, organisationId)
  if (!organisation) {
    throw new NotFoundError(
      `Organisation ${organisationId} does not exist`,
      'auth.error.organisationNotFound',
      { id: organisationId },
    )
  }
  if (!overseesKind(admin, organisation.kind)) {
    throw new ForbiddenError(
      'Only the authorised body administers its own users',
      'admin.error.authorisedBodyOnly',
    )
  }
  return organisation
}

/**
 * The authorised body supervises the service integrator: its users are administered by its own
 * administrators only, never by the service integrator's.
 */
function overseesKind(admin: Actor, kind: Organisation['kind']): boolean {
  return kind !== 'authorised-body' || admin.organisation.kind === 'authorised-body'
}

/** The user `admin` may administer; NotFoundError for one they may not see. */
async function administeredUser(db: Kysely<Database>, admin: Actor, userId: number): Promise<User> {
  const user = await userById(db, userId)
  if (!user || !administersUser(admin, user)) throw userNotFound(userId)
  const kinds = await membershipKinds(db, user)
  if (!kinds.every((kind) => overseesKind(admin, kind))) throw userNotFound(userId)
  return user
}

async function membershipKinds(db: Kysely<Database>, user: User): Promise<Organisation['kind'][]> {
  const ids = [...new Set(user.memberships.map((m) => m.organisationId))]
  const organisations = await Promise.all(ids.map((id) => getOrganisation(db, id)))
  return organisations.flatMap((o) => (o ? [o.kind] : []))
}

/**
 * Takes a row lock on the organisation (PostgreSQL; SQLite serialises writers anyway) so that two
 * administrators changing its admins at the same time cannot both remove "the other" one.
 */
async function lockOrganisation(db: Kysely<Database>, organisationId: number): Promise<void> {
  await db
    .updateTable('auth_organisation')
    .set((eb) => ({ kind: eb.ref('kind') }))
    .where('id', '=', organisationId)
    .execute()
}

/** How many enabled, activated users hold `admin` in the organisation, leaving out `exceptUserId`. */
async function otherEnabledAdmins(
  db: Kysely<Database>,
  organisationId: number,
  exceptUserId: number,
): Promise<number> {
  const row = await db
    .selectFrom('auth_membership')
    .innerJoin('auth_user', 'auth_user.id', 'auth_membership.user_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('auth_membership.organisation_id', '=', organisationId)
    .where('auth_membership.role', '=', 'admin')
    .where('auth_user.disabled', '=', 0)
    // An administrator who never set a password (or whose address nobody reads) cannot act.
    .where('auth_user.password_hash', 'is not', null)
    .where('auth_membership.user_id', '!=', exceptUserId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Records what an administrator did, in the same transaction as the change. */
async function recordAdminEvent(
  db: Kysely<Database>,
  admin: Actor,
  kind: string,
  target: { userId?: number; organisationId?: number },
  details: Record<string, unknown> = {},
  now: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('auth_event')
    .values({
      kind,
      at: now.toISOString(),
      actor_user_id: admin.userId,
      actor_organisation_id: admin.organisation.id,
      user_id: target.userId ?? null,
      organisation_id: target.organisationId ?? null,
      details: JSON.stringify(details),
    })
    .execute()
}

/** One thing an administrator did, as the history shows it. */
export interface AdminEvent {
  id: number
  kind: string
  at: string
  actorUserId: number | null
  actorOrganisationId: number | null
  userId: number | null
  organisationId: number | null
  details: Record<string, unknown>
}

/** What administrators did to a user the actor administers, newest first. */
export async function adminEventsFor(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
): Promise<AdminEvent[]> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    await administeredUser(trx, admin, userId)
    const rows = await trx
      .selectFrom('auth_event')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(100)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorOrganisationId: r.actor_organisation_id,
      userId: r.user_id,
      organisationId: r.organisation_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }))
  })
}

function lastAdmin(): ConflictError {
  return new ConflictError(
    'This is the last administrator of the organisation: make someone else administrator first',
    'admin.error.lastAdmin',
    {},
  )
}

function checkRoles(roles: readonly unknown[]): Role[] {
  const unique = [...new Set(roles)]
  if (unique.length === 0) {
    throw new InputError('A user needs at least one role', 'auth.error.noRole', {
      roles: ROLES.join(', '),
    })
  }
  for (const role of unique) {
    if (!isRole(role)) {
      throw new InputError(
        `Role must be one of ${ROLES.join(', ')}, not "${String(role)}"`,
        'auth.error.role',
        { value: String(role), roles: ROLES.join(', ') },
      )
    }
  }
  return unique as Role[]
}

/**
 * The users `actor` may administer, with their state, by id; `organisationId` narrows the list to
 * one organisation's members. ForbiddenError for an actor who is no administrator.
 */
export async function listUsersFor(
  db: Kysely<Database>,
  actor: Actor,
  options: { organisationId?: number; now?: Date } = {},
): Promise<AdministeredUser[]> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    const now = options.now ?? new Date()
    const kinds = new Map((await listOrganisations(trx)).map((o) => [o.id, o.kind]))
    return (await listUsers(trx))
      .filter((u) => administersUser(admin, u))
      .filter((u) =>
        u.memberships.every((m) =>
          overseesKind(admin, kinds.get(m.organisationId) ?? 'state-body'),
        ),
      )
      .filter(
        (u) =>
          options.organisationId === undefined ||
          u.memberships.some((m) => m.organisationId === options.organisationId),
      )
      .map((u) => ({ ...u, state: userState(u, now) }))
  })
}

/** One user `actor` may administer, with their state; NotFoundError for any other. */
export async function getUserFor(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  now: Date = new Date(),
): Promise<AdministeredUser> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    const user = await administeredUser(trx, admin, userId)
    return { ...user, state: userState(user, now) }
  })
}

/**
 * The organisations `actor` administers: every one for an overseer admin, their own for another
 * admin; ForbiddenError for anyone else.
 */
export async function listOrganisationsFor(
  db: Kysely<Database>,
  actor: Actor,
): Promise<Organisation[]> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    if (isOverseerAdmin(admin)) {
      return (await listOrganisations(trx)).filter((o) => overseesKind(admin, o.kind))
    }
    return [admin.organisation]
  })
}

/**
 * Adds a user with roles in an organisation the actor administers and issues their one-time
 * activation link (72 h). Some roles exist only in some kinds of organisation (see
 * `checkRolesAllowedIn`).
 */
export async function addUser(
  db: Kysely<Database>,
  actor: Actor,
  input: { email: string; name: string; organisationId: number; roles: Role[] },
  now: Date = new Date(),
): Promise<{ userId: number; activationPath: string }> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    await administeredOrganisation(trx, admin, input.organisationId)
    const { userId } = await createUser(trx, {
      email: input.email,
      name: input.name,
      organisationId: input.organisationId,
      roles: checkRoles(input.roles),
    })
    const token = await createPasswordSetupToken(trx, userId, now)
    await recordAdminEvent(
      trx,
      admin,
      'user.added',
      { userId, organisationId: input.organisationId },
      { roles: input.roles },
      now,
    )
    return { userId, activationPath: activationPath(token) }
  })
}

/**
 * Replaces the user's roles in one organisation they belong to (at least one role). Refused:
 * removing one's own `admin` role (ForbiddenError), removing the last enabled administrator of
 * the organisation (ConflictError), a role the organisation's kind does not have (InputError:
 * `reviewer` outside the service integrator, `operator` in the authorised body, `signer` outside
 * state bodies, local executive bodies and state legal entities).
 */
export async function setRoles(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  organisationId: number,
  roles: Role[],
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    const organisation = await administeredOrganisation(trx, admin, organisationId)
    const wanted = checkRoles(roles)
    await lockOrganisation(trx, organisationId)
    const user = await administeredUser(trx, admin, userId)
    const held = user.memberships.filter((m) => m.organisationId === organisationId)
    if (held.length === 0) {
      throw new InputError(
        `User ${userId} does not belong to organisation ${organisationId}`,
        'admin.error.notMember',
      )
    }
    checkRolesAllowedIn(wanted, organisation.kind)
    const losesAdmin = held.some((m) => m.role === 'admin') && !wanted.includes('admin')
    if (userId === admin.userId) {
      // Nobody changes their own roles: not giving themselves `reviewer` (and so deciding what
      // they asked for), not dropping `admin` by mistake. Another administrator does it.
      throw new ForbiddenError(
        'You cannot change your own roles',
        losesAdmin ? 'admin.error.ownAdmin' : 'admin.error.ownRoles',
      )
    }
    if (
      losesAdmin &&
      !user.disabled &&
      (await otherEnabledAdmins(trx, organisationId, userId)) === 0
    ) {
      throw lastAdmin()
    }
    await trx
      .deleteFrom('auth_membership')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .execute()
    await trx
      .insertInto('auth_membership')
      .values(wanted.map((role) => ({ user_id: userId, organisation_id: organisationId, role })))
      .execute()
    await recordAdminEvent(
      trx,
      admin,
      'user.roles',
      { userId, organisationId },
      { before: held.map((m) => m.role), after: wanted },
    )
    // A session acting with the old roles picks up the new ones at its next request (actorFor).
    return (await userById(trx, userId)) as User
  })
}

/**
 * Disables a user (they can no longer sign in; their sessions end at once) or enables them again.
 * Refused: disabling oneself (ForbiddenError), disabling the last enabled administrator of an
 * organisation (ConflictError).
 */
export async function setDisabled(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  disabled: boolean,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    const user = await administeredUser(trx, admin, userId)
    if (disabled && userId === admin.userId) {
      throw new ForbiddenError('You cannot disable yourself', 'admin.error.selfDisable')
    }
    if (disabled && !user.disabled) {
      const adminOf = user.memberships.filter((m) => m.role === 'admin')
      for (const m of adminOf) {
        await lockOrganisation(trx, m.organisationId)
        if ((await otherEnabledAdmins(trx, m.organisationId, userId)) === 0) throw lastAdmin()
      }
    }
    await trx
      .updateTable('auth_user')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', userId)
      .execute()
    if (disabled) await endUserSessions(trx, userId)
    await recordAdminEvent(trx, admin, disabled ? 'user.disabled' : 'user.enabled', { userId })
    return { ...user, disabled }
  })
}

/**
 * Issues a new one-time activation link for a user the actor administers (a forgotten password,
 * a lost link); older unused links stop working. The current password keeps working until the
 * link is used.
 */
export async function newActivationLink(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  now: Date = new Date(),
): Promise<{ activationPath: string; user: User; showToAdministrator: boolean }> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    const user = await administeredUser(trx, admin, userId)
    const token = await createPasswordSetupToken(trx, userId, now)
    await recordAdminEvent(trx, admin, 'user.link', { userId }, {}, now)
    // An account in use keeps its secret from the administrator: the link goes to the user's
    // own address only (the web layer puts it in the outbox). A new account's link is handed on.
    return {
      activationPath: activationPath(token),
      user,
      showToAdministrator: !user.hasPassword,
    }
  })
}

/** Adds an organisation; only an overseer admin may (ForbiddenError for anyone else). */
export async function addOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  input: OrganisationInput,
): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const admin = await currentAdmin(trx, actor)
    if (!isOverseerAdmin(admin)) {
      throw new ForbiddenError(
        'Only administrators of the authorised body or the service integrator add organisations',
        'admin.error.notOverseer',
      )
    }
    if (!overseesKind(admin, input.kind)) {
      throw new ForbiddenError(
        'Only the authorised body adds an authorised body',
        'admin.error.authorisedBodyOnly',
      )
    }
    const organisation = await createOrganisation(trx, input)
    await recordAdminEvent(trx, admin, 'organisation.added', { organisationId: organisation.id })
    return organisation
  })
}
