/**
 * Security suite, objects of others (issue 8): an editor of akimat B, signed in, tries every
 * portal object route of akimat A's draft by id in the path, in the query string and in form
 * bodies (a relation from B's own object naming A's draft). Every attempt is answered 4xx, and A's
 * draft and its document are unchanged and never listed or exported to B.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const PDF = readFileSync(join(import.meta.dirname, 'fixtures/files/valid-pdfa1b.pdf'))

describe.each(BACKENDS)('security: objects of another organisation [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const a = new WebSession(base)
  const b = new WebSession(base)
  let aOrg = 0
  let aPath = ''
  let bPath = ''
  let docPath = ''

  async function form(session: WebSession, path: string) {
    const html = await (await session.get(path)).text()
    return {
      csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
      revision: /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '1',
    }
  }

  async function createObject(session: WebSession, nameKk: string) {
    const { csrf } = await form(session, '/portal/objects/new')
    const res = await session.post('/portal/objects/new', {
      _csrf: csrf,
      kind: 'information-system',
      nameKk,
      nameRu: nameKk,
      purpose: 'Мақсаты',
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    expect(res.status).toBe(303)
    return (res.headers.get('location') ?? '').replace(/\?.*$/, '')
  }

  beforeAll(async () => {
    const db = server().handle.db
    const orgs = []
    for (const name of ['Бәйдібек ауданының әкімдігі', 'Түркістан облысының әкімдігі']) {
      orgs.push(
        await createOrganisation(db, {
          kind: 'local-executive-body',
          level: 'district',
          nameKk: name,
          nameRu: name,
        }),
      )
    }
    aOrg = orgs[0]?.id ?? 0
    for (const [email, org] of [
      ['a@baidibek.kz', orgs[0]],
      ['b@turkistan.kz', orgs[1]],
    ] as const) {
      await createUser(db, {
        email,
        name: email,
        organisationId: org?.id ?? 0,
        roles: ['editor'],
        password: PASSWORD,
      })
    }
    expect((await a.signIn('a@baidibek.kz', PASSWORD)).status).toBe(303)
    expect((await b.signIn('b@turkistan.kz', PASSWORD)).status).toBe(303)
    aPath = await createObject(a, 'Құпия жоба А')
    bPath = await createObject(b, 'Б жүйесі')
    const { csrf, revision } = await form(a, aPath)
    const data = new FormData()
    data.set('_csrf', csrf)
    data.set('revision', revision)
    data.set('item', '11')
    data.set('file', new File([PDF], 'құпия.pdf'))
    expect((await a.post(`${aPath}/documents`, data)).status).toBe(303)
    const html = await (await a.get(aPath)).text()
    docPath = /href="(\/portal\/objects\/\d+\/documents\/\d+)"/.exec(html)?.[1] ?? ''
    expect(docPath).not.toBe('')
  })

  it('refuses every read of A’s draft to B (pages, document, API)', async () => {
    const id = aPath.split('/').pop()
    for (const path of [
      aPath,
      `${aPath}/edit`,
      `${aPath}/history`,
      docPath,
      `${docPath}/checks`,
      `/api/portal/objects/${id}`,
      `/api/portal/objects/${id}/history`,
    ]) {
      const res = await b.get(path)
      expect([403, 404], path).toContain(res.status)
      expect(await res.text(), path).not.toContain('Құпия жоба')
    }
  })

  it('does not list or export A’s draft to B, even filtered by A’s organisation', async () => {
    for (const path of [
      `/portal/objects?owner=${aOrg}`,
      `/portal/objects.csv?owner=${aOrg}`,
      `/portal/objects.csv?q=${encodeURIComponent('Құпия')}`,
      `/api/portal/objects?owner=${aOrg}`,
    ]) {
      const res = await b.get(path)
      expect(res.status, path).toBeLessThan(500)
      expect(await res.text(), path).not.toContain('Құпия жоба')
    }
  })

  it('refuses every write on A’s draft by B and changes nothing', async () => {
    const { csrf } = await form(b, bPath)
    const writes: [string, Record<string, string>][] = [
      [`${aPath}/edit`, { kind: 'software', nameKk: 'Бұзылды', nameRu: 'x', purpose: 'x' }],
      [`${aPath}/stage`, { stage: 'trial-operation', since: '2026-02-01' }],
      [`${aPath}/functions`, { row: '158:1.6' }],
      [`${aPath}/documents/remove`, { document: docPath.split('/').pop() ?? '' }],
      [`${aPath}/relations`, { type: 'uses', target: bPath.split('/').pop() ?? '' }],
      [`${aPath}/submit`, {}],
      [`${aPath}/change`, { note: 'x' }],
      [`${aPath}/request-update`, { note: 'x' }],
    ]
    for (const [path, fields] of writes) {
      const res = await b.post(path, { _csrf: csrf, revision: '1', ...fields })
      expect([400, 403, 404, 409], path).toContain(res.status)
    }
    const html = await (await a.get(aPath)).text()
    expect(html).toContain('Құпия жоба А')
    expect(html).not.toContain('Бұзылды')
    expect((await a.get(docPath)).status).toBe(200)
  })

  it('refuses a relation from B’s own object naming A’s draft (id in the form body)', async () => {
    const { csrf, revision } = await form(b, bPath)
    const res = await b.post(`${bPath}/relations`, {
      _csrf: csrf,
      revision,
      type: 'uses',
      target: aPath.split('/').pop() ?? '',
    })
    expect([400, 403, 404]).toContain(res.status)
    expect(await (await b.get(bPath)).text()).not.toContain('Құпия жоба')
  })
})
