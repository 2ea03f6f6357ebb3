/**
 * @module
 * Account requests (rules 174, para 6): a state body, akimat, state legal entity or quasi-public
 * entity asks the service integrator for a portal account on the form of Appendix 2; the service
 * integrator grants it within two working days. The Appendix 2 form itself is not in the text we
 * have, so its fields here are our reading of what the rules need: the organisation, the person,
 * the role asked for and why.
 *
 * Granting creates (or reuses, by BIN) the organisation and the user, and gives a one-time
 * activation link with which the person sets their password; the link goes to them by e-mail
 * (outbox) and is shown to the reviewer once, to pass on when mail is not configured.
 */
import type { Kysely } from 'kysely'
import {
  type Actor,
  ADMINISTRATIVE_LEVELS,
  activationPath,
  createOrganisation,
  createPasswordSetupToken,
  createUser,
  findOrganisationByBin,
  getOrganisation,
  isAdministrativeLevel,
  isOrganisationKind,
  normaliseBin,
  type OrganisationKind,
} from '../auth/index.js'
import { addWorkingDays, kazakhstanDate } from '../calendar/index.js'
import { ConflictError, InputError, isRecordId, NotFoundError, safeName } from '../core/index.js'
import type { Database } from '../db/index.js'
import { requireAccountManager } from './access.js'
import { recordEvent } from './events.js'
import { ACCOUNT_DEADLINE_WORKING_DAYS } from './model.js'
import { enqueueNotification, notifyOrganisation, notifyReviewers } from './notifications.js'

type Db = Kysely<Database>

/** Organisations that ask for accounts (para 6); the service integrator and authorised body are set up by an administrator. */
export const REQUESTING_KINDS = [
  'state-body',
  'local-executive-body',
  'state-legal-entity',
  'quasi-public',
] as const satisfies readonly OrganisationKind[]

export const REQUESTABLE_ROLES = ['editor', 'reader'] as const
export type RequestableRole = (typeof REQUESTABLE_ROLES)[number]

export interface AccountRequestInput {
  organisationKind: unknown
  organisationNameKk: unknown
  organisationNameRu: unknown
  organisationBin: unknown
  organisationLevel?: unknown
  contactName: unknown
  contactPosition: unknown
  contactEmail: unknown
  contactPhone: unknown
  requestedRole: unknown
  basis: unknown
}

export interface AccountRequest {
  id: number
  status: 'pending' | 'granted' | 'rejected'
  organisationKind: OrganisationKind
  organisationNameKk: string
  organisationNameRu: string
  organisationBin: string | null
  organisationLevel: string | null
  contactName: string
  contactPosition: string
  contactEmail: string
  contactPhone: string
  requestedRole: RequestableRole
  basis: string
  receivedAt: string
  dueOn: string
  overdue: boolean
  decidedAt: string | null
  decidedBy: number | null
  decisionNote: string | null
  organisationId: number | null
  userId: number | null
}

/** A name as typed: without invisible characters; bidirectional controls refused (safeName). */
function nameText(value: unknown, field: string): unknown {
  return typeof value === 'string' ? safeName(value, field) : value
}

function text(value: unknown, field: string, max: number, required = true): string {
  const s = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : ''
  if (required && !s)
    throw new InputError(`${field} is required`, 'portal.error.required', { field })
  if (s.length > max) {
    throw new InputError(`${field} is too long`, 'portal.error.tooLong', { field, max })
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(s)) {
    throw new InputError(`${field} contains control characters`, 'portal.error.controlChars', {
      field,
    })
  }
  return s
}

function validate(input: AccountRequestInput) {
  const kind = input.organisationKind
  if (!isOrganisationKind(kind) || !(REQUESTING_KINDS as readonly string[]).includes(kind)) {
    throw new InputError('Choose the kind of organisation', 'portal.error.organisationKind')
  }
  const level = text(input.organisationLevel ?? '', 'organisationLevel', 20, false) || null
  if (kind === 'local-executive-body' && !isAdministrativeLevel(level)) {
    throw new InputError(
      `An akimat needs its level (${ADMINISTRATIVE_LEVELS.join(', ')})`,
      'portal.error.level',
    )
  }
  const binText = text(input.organisationBin, 'organisationBin', 20)
  const bin = normaliseBin(binText)
  const email = text(input.contactEmail, 'contactEmail', 254)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new InputError('The e-mail address is not valid', 'portal.error.email')
  }
  const phone = text(input.contactPhone, 'contactPhone', 40)
  if (!/^\+?[\d\s()-]{6,}$/.test(phone)) {
    throw new InputError('The phone number is not valid', 'portal.error.phone')
  }
  const role = input.requestedRole
  if (!(REQUESTABLE_ROLES as readonly unknown[]).includes(role)) {
    throw new InputError('Choose the role', 'portal.error.requestedRole')
  }
  return {
    organisation_kind: kind,
    organisation_name_kk: text(
      nameText(input.organisationNameKk, 'organisationNameKk'),
      'organisationNameKk',
      500,
    ),
    organisation_name_ru: text(
      nameText(input.organisationNameRu, 'organisationNameRu'),
      'organisationNameRu',
      500,
    ),
    organisation_bin: bin,
    organisation_level: kind === 'local-executive-body' ? level : null,
    contact_name: text(nameText(input.contactName, 'contactName'), 'contactName', 300),
    contact_position: text(input.contactPosition, 'contactPosition', 300),
    contact_email: email.toLowerCase(),
    contact_phone: phone,
    requested_role: role as RequestableRole,
    basis: text(input.basis, 'basis', 2000),
  }
}

type RequestRow = Awaited<ReturnType<typeof findRequest>> & {}

async function findRequest(db: Db, id: number) {
  if (!isRecordId(id)) return undefined
  return db.selectFrom('portal_account_request').selectAll().where('id', '=', id).executeTakeFirst()
}

function toRequest(row: RequestRow, today: string): AccountRequest {
  return {
    id: row.id,
    status: row.status as AccountRequest['status'],
    organisationKind: row.organisation_kind as OrganisationKind,
    organisationNameKk: row.organisation_name_kk,
    organisationNameRu: row.organisation_name_ru,
    organisationBin: row.organisation_bin,
    organisationLevel: row.organisation_level,
    contactName: row.contact_name,
    contactPosition: row.contact_position,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    requestedRole: row.requested_role as RequestableRole,
    basis: row.basis,
    receivedAt: row.received_at,
    dueOn: row.due_on,
    overdue: row.status === 'pending' && row.due_on < today,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
    organisationId: row.organisation_id,
    userId: row.user_id,
  }
}

/**
 * Records a request (anyone may send one) and tells the service integrator's reviewers. The
 * two-working-day term counts from the day it is received.
 */
export async function submitAccountRequest(
  db: Db,
  input: AccountRequestInput,
  now = new Date(),
): Promise<AccountRequest> {
  const values = validate(input)
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('portal_account_request')
      .select('id')
      .where('contact_email', '=', values.contact_email)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (pending) {
      throw new ConflictError(
        'A request from this e-mail is already waiting',
        'portal.error.requestPending',
        { id: pending.id },
      )
    }
    const at = now.toISOString()
    const dueOn = addWorkingDays(kazakhstanDate(now), ACCOUNT_DEADLINE_WORKING_DAYS)
    const row = await trx
      .insertInto('portal_account_request')
      .values({
        ...values,
        status: 'pending',
        received_at: at,
        due_on: dueOn,
        decided_at: null,
        decided_by: null,
        decision_note: null,
        organisation_id: null,
        user_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      accountRequestId: row.id,
      kind: 'account.requested',
      actor: undefined,
      at,
      details: { email: values.contact_email, dueOn },
    })
    await notifyReviewers(
      trx,
      {
        subject: 'portal.mail.accountRequested.subject',
        body: 'portal.mail.accountRequested.body',
        params: { organisation: values.organisation_name_kk, due: dueOn },
        paramsRu: { organisation: values.organisation_name_ru },
        link: `/portal/account-requests/${row.id}`,
      },
      at,
    )
    return toRequest(row, kazakhstanDate(now))
  })
}

/** Requests, pending first by deadline, for the service integrator. */
export async function listAccountRequests(
  db: Db,
  actor: Actor,
  filter: { status?: AccountRequest['status'] } = {},
  now = new Date(),
): Promise<AccountRequest[]> {
  requireAccountManager(actor)
  let query = db.selectFrom('portal_account_request').selectAll()
  if (filter.status) query = query.where('status', '=', filter.status)
  const rows = await query.orderBy('due_on').orderBy('id').execute()
  const today = kazakhstanDate(now)
  return rows
    .map((r) => toRequest(r, today))
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'))
}

export async function getAccountRequest(
  db: Db,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<AccountRequest> {
  requireAccountManager(actor)
  const row = await findRequest(db, id)
  if (!row) {
    throw new NotFoundError(`No account request ${id}`, 'portal.error.noRequest', { id })
  }
  return toRequest(row, kazakhstanDate(now))
}

async function pendingRequest(trx: Db, id: number) {
  const row = await findRequest(trx, id)
  if (!row) throw new NotFoundError(`No account request ${id}`, 'portal.error.noRequest', { id })
  if (row.status !== 'pending') {
    throw new ConflictError('The request was decided already', 'portal.error.requestDecided', {
      status: row.status,
    })
  }
  return row
}

/**
 * Grants a request: the organisation (found by BIN, or created), the user with the role asked
 * for, and a one-time activation link (returned once, and sent to the person).
 */
export async function grantAccountRequest(
  db: Db,
  actor: Actor,
  id: number,
  options: {
    /** The organisation with the request's BIN exists: the grant adds a member to it only if set. */
    joinExisting?: boolean
  } = {},
  now = new Date(),
): Promise<{ request: AccountRequest; activationPath: string }> {
  requireAccountManager(actor)
  return db.transaction().execute(async (trx) => {
    const row = await pendingRequest(trx, id)
    const at = now.toISOString()
    let organisation = row.organisation_bin
      ? await findOrganisationByBin(trx, row.organisation_bin)
      : undefined
    if (organisation && !options.joinExisting) {
      throw new ConflictError(
        'An organisation with this BIN exists; confirm joining it',
        'portal.error.binExists',
        { bin: row.organisation_bin ?? '', name: organisation.nameKk },
      )
    }
    const joined = organisation !== undefined
    if (organisation && organisation.kind !== row.organisation_kind) {
      throw new ConflictError(
        'An organisation with this BIN exists with another kind',
        'portal.error.binKind',
        { bin: row.organisation_bin ?? '' },
      )
    }
    organisation ??= await createOrganisation(trx, {
      kind: row.organisation_kind as OrganisationKind,
      nameKk: row.organisation_name_kk,
      nameRu: row.organisation_name_ru,
      bin: row.organisation_bin,
      level: row.organisation_level as never,
      email: null,
    })
    // Tell the organisation's members before the new one is among them.
    if (joined) {
      await notifyOrganisation(
        trx,
        organisation.id,
        {
          subject: 'portal.mail.memberAdded.subject',
          body: 'portal.mail.memberAdded.body',
          params: { name: row.contact_name, email: row.contact_email, role: row.requested_role },
        },
        at,
      )
    }
    const { userId } = await createUser(trx, {
      email: row.contact_email,
      name: row.contact_name,
      organisationId: organisation.id,
      roles: [row.requested_role as RequestableRole],
    })
    const token = await createPasswordSetupToken(trx, userId, now)
    const path = activationPath(token)
    const claimed = await trx
      .updateTable('portal_account_request')
      .set({
        status: 'granted',
        decided_at: at,
        decided_by: actor.userId,
        organisation_id: organisation.id,
        user_id: userId,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError('The request was decided already', 'portal.error.requestDecided', {
        status: 'granted',
      })
    }
    await recordEvent(trx, {
      accountRequestId: id,
      kind: 'account.granted',
      actor,
      at,
      details: {
        organisationId: organisation.id,
        userId,
        onTime: kazakhstanDate(now) <= row.due_on,
      },
    })
    await enqueueNotification(
      trx,
      [{ userId, email: row.contact_email }],
      {
        subject: 'portal.mail.accountGranted.subject',
        body: 'portal.mail.accountGranted.body',
        params: { name: row.contact_name },
        link: path,
      },
      at,
    )
    const updated = await findRequest(trx, id)
    return { request: toRequest(updated as RequestRow, kazakhstanDate(now)), activationPath: path }
  })
}

/** Refuses a request with a reason, which is sent to the person. */
export async function rejectAccountRequest(
  db: Db,
  actor: Actor,
  id: number,
  reason: unknown,
  now = new Date(),
): Promise<AccountRequest> {
  requireAccountManager(actor)
  const note = text(reason, 'reason', 2000)
  return db.transaction().execute(async (trx) => {
    const row = await pendingRequest(trx, id)
    const at = now.toISOString()
    await trx
      .updateTable('portal_account_request')
      .set({ status: 'rejected', decided_at: at, decided_by: actor.userId, decision_note: note })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute()
    await recordEvent(trx, {
      accountRequestId: id,
      kind: 'account.rejected',
      actor,
      at,
      details: { reason: note },
    })
    await enqueueNotification(
      trx,
      [{ userId: null, email: row.contact_email }],
      {
        subject: 'portal.mail.accountRejected.subject',
        body: 'portal.mail.accountRejected.body',
        params: { name: row.contact_name, reason: note },
      },
      at,
    )
    const updated = await findRequest(trx, id)
    return toRequest(updated as RequestRow, kazakhstanDate(now))
  })
}

/** The organisation a granted request made or reused (for display). */
export async function requestOrganisation(db: Db, request: AccountRequest) {
  return request.organisationId ? getOrganisation(db, request.organisationId) : undefined
}

/** The organisation already on the portal with the request's BIN, if any (to warn before a grant). */
export async function existingOrganisationFor(db: Db, request: AccountRequest) {
  return request.organisationBin ? findOrganisationByBin(db, request.organisationBin) : undefined
}
