/**
 * @module
 * Notifications: written to an outbox table in the same transaction as the change they announce
 * (so a rolled-back change sends nothing), delivered later by {@link deliverNotifications} through
 * a {@link MailTransport} (SMTP when configured). Texts are in Kazakh and Russian together, as
 * official letters in Kazakhstan are.
 */
import type { Kysely } from 'kysely'
import { listOrganisations, listUsers, type OrganisationKind, type Role } from '../auth/index.js'
import type { Database } from '../db/index.js'
import { type MessageKey, translate } from '../i18n/index.js'

type Db = Kysely<Database>

export interface Recipient {
  userId: number | null
  email: string
}

export interface Notification {
  id: number
  userId: number | null
  email: string
  subject: string
  body: string
  link: string | null
  createdAt: string
  sentAt: string | null
  attempts: number
  lastError: string | null
}

/** Members having `role` in organisations of `kind` (or in organisation `organisationId`). */
export async function membersWithRole(
  db: Db,
  where: { organisationKind?: OrganisationKind; organisationId?: number; roles: readonly Role[] },
): Promise<Recipient[]> {
  const organisations = await listOrganisations(db)
  const ids = new Set(
    organisations
      .filter((o) => where.organisationKind === undefined || o.kind === where.organisationKind)
      .filter((o) => where.organisationId === undefined || o.id === where.organisationId)
      .map((o) => o.id),
  )
  const users = await listUsers(db)
  return users
    .filter((u) => !u.disabled)
    .filter((u) =>
      u.memberships.some((m) => ids.has(m.organisationId) && where.roles.includes(m.role)),
    )
    .map((u) => ({ userId: u.id, email: u.email }))
}

/** What a notification says: translation keys, their parameters and a link. */
export interface NotificationMessage {
  subject: MessageKey
  body: MessageKey
  params: Record<string, string | number>
  /** Parameters that differ in the Russian text (names have a Russian form). */
  paramsRu?: Record<string, string | number>
  link?: string
}

/** Tells every reviewer of the service integrator. */
export async function notifyReviewers(
  db: Db,
  message: NotificationMessage,
  at?: string,
): Promise<void> {
  const reviewers = await membersWithRole(db, {
    organisationKind: 'service-integrator',
    roles: ['reviewer'],
  })
  await enqueueNotification(db, reviewers, message, at)
}

/** Tells the editors and administrators of an organisation. */
export async function notifyOrganisation(
  db: Db,
  organisationId: number,
  message: NotificationMessage,
  at?: string,
): Promise<void> {
  const members = await membersWithRole(db, { organisationId, roles: ['editor', 'admin'] })
  await enqueueNotification(db, members, message, at)
}

/** Puts one notification per recipient in the outbox (kk and ru text together). */
export async function enqueueNotification(
  db: Db,
  recipients: readonly Recipient[],
  message: NotificationMessage,
  at = new Date().toISOString(),
): Promise<void> {
  const unique = new Map(recipients.map((r) => [r.email.toLowerCase(), r]))
  if (!unique.size) return
  const ru = { ...message.params, ...message.paramsRu }
  const subject = `${translate('kk', message.subject, message.params)} / ${translate('ru', message.subject, ru)}`
  const body = [
    translate('kk', message.body, message.params),
    '',
    translate('ru', message.body, ru),
    ...(message.link ? ['', message.link] : []),
  ].join('\n')
  await db
    .insertInto('portal_notification')
    .values(
      [...unique.values()].map((r) => ({
        user_id: r.userId,
        email: r.email,
        subject,
        body,
        link: message.link ?? null,
        created_at: at,
        sent_at: null,
        last_error: null,
      })),
    )
    .execute()
}

function toNotification(row: {
  id: number
  user_id: number | null
  email: string
  subject: string
  body: string
  link: string | null
  created_at: string
  sent_at: string | null
  attempts: number
  last_error: string | null
}): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    subject: row.subject,
    body: row.body,
    link: row.link,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
  }
}

/** The outbox, newest first (for administrators), or one user's notifications. */
export async function listNotifications(
  db: Db,
  filter: { userId?: number; limit?: number } = {},
): Promise<Notification[]> {
  let query = db.selectFrom('portal_notification').selectAll().orderBy('id', 'desc')
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId)
  const rows = await query.limit(filter.limit ?? 200).execute()
  return rows.map(toNotification)
}

/** Sends one message; throws when it could not. */
export interface MailTransport {
  send(message: { to: string; subject: string; text: string }): Promise<void>
}

/** Gives up on a notification after this many failed attempts (kept, with the last error). */
export const MAX_DELIVERY_ATTEMPTS = 5

/**
 * Sends what is waiting in the outbox, oldest first, marking each sent or recording the error.
 * Returns how many were sent.
 */
export async function deliverNotifications(
  db: Db,
  transport: MailTransport,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .selectFrom('portal_notification')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
    .orderBy('id')
    .limit(limit)
    .execute()
  let sent = 0
  let failed = 0
  for (const row of pending) {
    try {
      await transport.send({ to: row.email, subject: row.subject, text: row.body })
      // Once sent, the one-time link has done its job here: keep no usable secret in the outbox.
      await db
        .updateTable('portal_notification')
        .set({
          sent_at: new Date().toISOString(),
          attempts: row.attempts + 1,
          last_error: null,
          body: maskSecrets(row.body),
          link: row.link === null ? null : maskSecrets(row.link),
        })
        .where('id', '=', row.id)
        .execute()
      sent++
    } catch (error) {
      await db
        .updateTable('portal_notification')
        .set({ attempts: row.attempts + 1, last_error: String((error as Error).message ?? error) })
        .where('id', '=', row.id)
        .execute()
      failed++
    }
  }
  return { sent, failed }
}

/**
 * Hides the token of one-time links (`?token=…`): whoever has one can set a user's password.
 * @example maskSecrets('/account/activate?token=abc') // '/account/activate?token=…'
 */
export function maskSecrets(text: string): string {
  return text.replace(/([?&]token=)[\w-]+/g, '$1…')
}
