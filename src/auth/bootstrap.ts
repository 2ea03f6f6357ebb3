/**
 * @module
 * The first start of an installation: the two organisations every installation has and its first
 * administrator.
 */
import type { Kysely } from 'kysely'
import { ConflictError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { createOrganisation, listOrganisations } from './organisations.js'
import { createPasswordSetupToken } from './tokens.js'
import type { Organisation } from './types.js'
import { createUser, hasAdministrator } from './users.js'
import { inTransaction } from './util.js'

/** The service integrator of e-government (the National Information Technologies JSC). */
export const SERVICE_INTEGRATOR = {
  kind: 'service-integrator',
  nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
  nameRu: 'АО «Национальные информационные технологии»',
} as const

/** The authorised body for informatization. */
export const AUTHORISED_BODY = {
  kind: 'authorised-body',
  nameKk:
    'Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
  nameRu:
    'Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан',
} as const

export interface BootstrapResult {
  serviceIntegrator: Organisation
  authorisedBody: Organisation
  /** Organisations that were created now (an existing one of the same kind is reused). */
  created: Organisation[]
  userId: number
  /** One-time password setup token for the administrator. */
  token: string
}

/**
 * When no administrator exists: creates the service integrator and the authorised body (unless
 * an organisation of that kind exists) and an administrator in the authorised body, in one
 * transaction. Throws ConflictError when an administrator already exists.
 */
export async function bootstrap(
  db: Kysely<Database>,
  input: { email: string; name?: string; now?: Date },
): Promise<BootstrapResult> {
  return inTransaction(db, async (trx) => {
    if (await hasAdministrator(trx)) {
      throw new ConflictError(
        'An administrator already exists; create further users with auth create-user',
        'auth.error.bootstrapDone',
        {},
      )
    }
    const existing = await listOrganisations(trx)
    const created: Organisation[] = []
    const ensure = async (template: typeof SERVICE_INTEGRATOR | typeof AUTHORISED_BODY) => {
      const found = existing.find((o) => o.kind === template.kind)
      if (found) return found
      const organisation = await createOrganisation(trx, { ...template })
      created.push(organisation)
      return organisation
    }
    const serviceIntegrator = await ensure(SERVICE_INTEGRATOR)
    const authorisedBody = await ensure(AUTHORISED_BODY)
    const { userId } = await createUser(trx, {
      email: input.email,
      name: input.name ?? 'Administrator',
      organisationId: authorisedBody.id,
      roles: ['admin'],
    })
    const token = await createPasswordSetupToken(trx, userId, input.now)
    return { serviceIntegrator, authorisedBody, created, userId, token }
  })
}
