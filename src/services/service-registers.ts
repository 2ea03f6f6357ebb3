/**
 * @module
 * The registers a provider keeps of one service, read from its applications: of applications
 * (registered), of notices (decided: the signed notice or the reasoned refusal), and of
 * recipients (completed). The automation module shows them as the registries a row of
 * Appendix 1 names; they are never copied, so switching a service off loses nothing.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

type Db = Kysely<Database>

export interface RegisterEntry {
  applicationId: number
  number: string
  registeredAt: string
  status: string
  recipientName: string
  recipientIin: string
  endedAt: string | null
  refusalReason: string | null
  refusalText: string | null
  definitionVersion: number
}

/**
 * The register entries of a service at a provider, newest first: `applications` are those the
 * provider registered, `notifications` those decided (completed or refused on the grounds), and
 * `recipients` those completed.
 */
export async function serviceRegister(
  db: Db,
  serviceCode: string,
  organisationId: number,
  kind: 'applications' | 'notifications' | 'recipients',
): Promise<RegisterEntry[]> {
  let query = db
    .selectFrom('services_application')
    .select([
      'id',
      'number',
      'registered_at',
      'status',
      'recipient_name',
      'recipient_iin',
      'ended_at',
      'refusal_reason',
      'refusal_text',
      'definition_version',
    ])
    .where('service_code', '=', serviceCode)
    .where('provider_organisation_id', '=', organisationId)
    .where('registered_at', 'is not', null)
  if (kind === 'notifications') {
    query = query.where((eb) =>
      eb.or([
        eb('status', '=', 'completed'),
        eb.and([eb('status', '=', 'refused'), eb('refusal_reason', '=', 'grounds')]),
      ]),
    )
  }
  if (kind === 'recipients') query = query.where('status', '=', 'completed')
  const rows = await query.orderBy('id', 'desc').execute()
  return rows.map((r) => ({
    applicationId: r.id,
    number: r.number,
    registeredAt: r.registered_at!,
    status: r.status,
    recipientName: r.recipient_name,
    recipientIin: r.recipient_iin,
    endedAt: r.ended_at,
    refusalReason: r.refusal_reason,
    refusalText: r.refusal_text,
    definitionVersion: r.definition_version,
  }))
}
