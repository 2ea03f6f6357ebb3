/**
 * The web helpers of auth on the app itself: requireActor / requireRole answers for pages and
 * the API, and where `next` may send a user.
 */
import { describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { actorFor, createOrganisation, createUser, openSession } from '../auth/index.js'
import { createLogger } from '../core/index.js'
import { createApp } from './app.js'
import { requireActor, requireRole, SESSION_COOKIE, safeNext } from './auth.js'

describe('safeNext', () => {
  it.each([
    ['/portal/objects?page=2#x', '/portal/objects?page=2#x'],
    ['/account', '/account'],
    ['//evil.example/x', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/a\nb', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [undefined, '/'],
    ['/login?next=/x', '/'],
    ['/logout', '/'],
  ])('%j → %j', (value, expected) => {
    expect(safeNext(value)).toBe(expected)
  })
})

describe.each(BACKENDS)('requireActor and requireRole [%s]', (backend) => {
  const handle = useTestDatabase(backend)

  function app() {
    const created = createApp({ database: handle(), logger: createLogger('silent') })
    created.get('/needs-editor', (c) => c.text(`editor ${requireRole(c, 'editor').name}`))
    created.get('/api/who', (c) => c.json({ name: requireActor(c).name }))
    return created
  }

  async function cookieFor(roles: ('editor' | 'reader')[]) {
    const org = await createOrganisation(handle().db, {
      kind: 'state-body',
      nameKk: 'Орган',
      nameRu: 'Орган',
    })
    const { userId } = await createUser(handle().db, {
      email: `${roles.join('-')}-${org.id}@gov.kz`,
      name: `User ${org.id}`,
      organisationId: org.id,
      roles,
    })
    const actor = (await actorFor(handle().db, userId))!
    const { token } = await openSession(handle().db, actor)
    return `${SESSION_COOKIE}=${token}`
  }

  it('sends a signed-out page visitor to sign in, and answers the API with 401 JSON', async () => {
    const page = await app().request('/needs-editor?a=1')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/login?next=%2Fneeds-editor%3Fa%3D1')
    const api = await app().request('/api/who', { headers: { 'accept-language': 'ru' } })
    expect(api.status).toBe(401)
    expect(await api.json()).toEqual({
      error: { code: 'unauthorized', message: 'Для этого нужно войти в систему.' },
    })
  })

  it('lets the holder of the role in and refuses others with a translated 403', async () => {
    const editor = await app().request('/needs-editor', {
      headers: { cookie: await cookieFor(['editor']) },
    })
    expect(editor.status).toBe(200)
    expect(await editor.text()).toMatch(/^editor User \d+$/)
    const reader = await app().request('/needs-editor', {
      headers: { cookie: await cookieFor(['reader']), 'accept-language': 'en' },
    })
    expect(reader.status).toBe(403)
    expect(await reader.text()).toContain(
      'This needs the role &quot;Editor&quot; in your organisation.',
    )
    const api = await app().request('/api/who', {
      headers: { cookie: await cookieFor(['reader']) },
    })
    expect(await api.json()).toEqual({ name: expect.stringMatching(/^User \d+$/) })
  })
})
