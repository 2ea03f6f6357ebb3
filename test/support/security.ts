/**
 * Seeding for the security suite: two organisations (tenants A and B), each with a signed-in
 * editor and one draft portal object whose name is a marker that must never reach the other
 * tenant. Used by test/security-routes.test.ts (and free for other security tests).
 */
import { expect } from 'vitest'
import { createOrganisation, createUser } from '../../src/auth/index.js'
import type { TestServer } from './server.js'
import { WebSession } from './web-session.js'

export const TENANT_PASSWORD = 'ақ бидай егістігі 2026'

export interface Tenant {
  organisationId: number
  userId: number
  email: string
  /** Signed in as the tenant's editor. */
  session: WebSession
  /** Id of the tenant's draft portal object. */
  objectId: number
  /** The object's name: text that must never appear in an answer to the other tenant. */
  marker: string
}

/** The `_csrf` value of the first form on a page. */
async function csrfOf(session: WebSession, path: string): Promise<string> {
  return session.csrfFrom(path)
}

/** Creates organisations A and B, an editor in each (signed in), and a draft object of each. */
export async function seedTwoTenants(
  server: () => TestServer,
  prefix = 'tenant',
): Promise<{ a: Tenant; b: Tenant }> {
  const db = server().handle.db
  const base = () => server().url
  const made: Tenant[] = []
  for (const letter of ['a', 'b']) {
    const name = `${prefix} ${letter.toUpperCase()} ауданының әкімдігі`
    const organisation = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: name,
      nameRu: name,
    })
    const email = `${prefix}-${letter}@example.kz`
    const { userId } = await createUser(db, {
      email,
      name: email,
      organisationId: organisation.id,
      roles: ['editor'],
      password: TENANT_PASSWORD,
    })
    const session = new WebSession(base)
    expect((await session.signIn(email, TENANT_PASSWORD)).status).toBe(303)
    const marker = `Құпия-${prefix}-${letter}-${Date.now().toString(36)}`
    const res = await session.post('/portal/objects/new', {
      _csrf: await csrfOf(session, '/portal/objects/new'),
      kind: 'information-system',
      nameKk: marker,
      nameRu: marker,
      purpose: 'Мақсаты',
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    expect(res.status).toBe(303)
    const objectId = Number(/\/portal\/objects\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1])
    expect(objectId).toBeGreaterThan(0)
    made.push({ organisationId: organisation.id, userId, email, session, objectId, marker })
  }
  const [a, b] = made as [Tenant, Tenant]
  return { a, b }
}
