/**
 * The architecture portal over real HTTP on each backend: an akimat's editor creates an object,
 * uploads its documents, submits; the service integrator returns and accepts; another akimat sees
 * nothing of the draft or its files; bad files, stale forms and double submits are refused
 * without storing anything.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const FIXTURES = join(import.meta.dirname, 'fixtures/files')
const file = (name: string, as = name) => new File([readFileSync(join(FIXTURES, name))], as)

describe.each(BACKENDS)('architecture portal over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const owner = new WebSession(base)
  const other = new WebSession(base)
  const reviewer = new WebSession(base)
  let objectPath = ''

  beforeAll(async () => {
    const db = server().handle.db
    const akimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бәйдібек ауданының әкімдігі',
      nameRu: 'Акимат Байдибекского района',
    })
    const otherAkimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'region',
      nameKk: 'Түркістан облысының әкімдігі',
      nameRu: 'Акимат Туркестанской области',
    })
    const si = await createOrganisation(db, {
      kind: 'service-integrator',
      nameKk: 'Ұлттық ақпараттық технологиялар АҚ',
      nameRu: 'АО «Национальные информационные технологии»',
    })
    for (const [email, organisationId, role] of [
      ['editor@baidibek.kz', akimat.id, 'editor'],
      ['editor@turkistan.kz', otherAkimat.id, 'editor'],
      ['reviewer@nitec.kz', si.id, 'reviewer'],
    ] as const) {
      await createUser(db, {
        email,
        name: email,
        organisationId,
        roles: [role],
        password: PASSWORD,
      })
    }
    expect((await owner.signIn('editor@baidibek.kz', PASSWORD)).status).toBe(303)
    expect((await other.signIn('editor@turkistan.kz', PASSWORD)).status).toBe(303)
    expect((await reviewer.signIn('reviewer@nitec.kz', PASSWORD)).status).toBe(303)
  })

  async function form(session: WebSession, path: string) {
    const html = await (await session.get(path)).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const revision = /name="revision" value="(\d+)"/.exec(html)?.[1] ?? ''
    return { html, csrf, revision }
  }

  async function upload(name: string, as = name, item = '11') {
    const { csrf, revision } = await form(owner, objectPath)
    const data = new FormData()
    data.set('_csrf', csrf)
    data.set('revision', revision)
    data.set('item', item)
    data.set('file', file(name, as))
    return owner.post(`${objectPath}/documents`, data)
  }

  it('asks for sign-in on portal pages and the API', async () => {
    const anonymous = new WebSession(base)
    const page = await anonymous.get('/portal/objects')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/login?next=%2Fportal%2Fobjects')
    expect((await anonymous.get('/api/portal/objects')).status).toBe(401)
  })

  it('answers odd ids with 404 or 400, never 500 (ids beyond the database’s range too)', async () => {
    for (const path of [
      '/portal/objects/3000000000',
      '/portal/objects/3000000000/history',
      '/portal/objects/99999999999999999999',
      '/portal/objects/abc',
      '/portal/objects/3000000000/documents/1',
      '/api/portal/objects/3000000000',
      '/portal/account-requests/3000000000',
    ]) {
      const res = await owner.get(path)
      expect([400, 403, 404], path).toContain(res.status)
    }
    expect((await owner.get('/portal/objects?owner=3000000000')).status).toBe(200)
    const { csrf } = await form(owner, '/portal/objects/new')
    const post = await owner.post('/portal/objects/3000000000/submit', {
      _csrf: csrf,
      revision: '1',
    })
    expect([400, 404]).toContain(post.status)
  })

  it('creates a draft with script in its name, shown escaped', async () => {
    const { csrf } = await form(owner, '/portal/objects/new')
    const res = await owner.post('/portal/objects/new', {
      _csrf: csrf,
      kind: 'information-system',
      nameKk: 'Құжат айналымы <script>alert(1)</script>',
      nameRu: 'Документооборот',
      purpose: 'Өтініштерді тіркеу',
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    expect(res.status).toBe(303)
    objectPath = (res.headers.get('location') ?? '').replace(/\?.*$/, '')
    expect(objectPath).toMatch(/^\/portal\/objects\/\d+$/)
    const html = await (await owner.get(objectPath)).text()
    expect(html).toContain('Құжат айналымы &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)</script>')
  })

  it('refuses a stale form (CSRF) and changes nothing', async () => {
    const { revision } = await form(owner, objectPath)
    const res = await owner.post(`${objectPath}/edit`, {
      _csrf: 'x'.repeat(43),
      revision,
      kind: 'software',
      nameKk: 'Басқа',
      nameRu: 'Другое',
      purpose: 'x',
    })
    expect(res.status).toBe(403)
    const html = await (await owner.get(objectPath)).text()
    expect(html).toContain('Құжат айналымы')
  })

  it('links a catalogue function, shown both ways, and refuses an unknown row', async () => {
    let page = await form(owner, objectPath)
    const bad = await owner.post(`${objectPath}/functions`, {
      _csrf: page.csrf,
      revision: page.revision,
      row: '158:9.999',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('There is no catalogue row 158:9.999')
    page = await form(owner, objectPath)
    const res = await owner.post(`${objectPath}/functions`, {
      _csrf: page.csrf,
      revision: page.revision,
      row: '158:1.6',
    })
    expect(res.status).toBe(303)
    expect(await (await owner.get(objectPath)).text()).toContain('href="/catalog/rows/158/1/6"')
    const row = await (await owner.get('/catalog/rows/158/1/6')).text()
    expect(row).toContain(`href="${objectPath}"`)
    // The other akimat does not see the draft there either.
    expect(await (await other.get('/catalog/rows/158/1/6')).text()).not.toContain(objectPath)
  })

  it('refuses bad files by content, with the reasons, and stores nothing', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['not-a-pdf.pdf', 'scan.pdf', 400, /neither a PDF nor a DOCX/],
      ['plain.pdf', 'plain.pdf', 400, /not a PDF\/A-1 document/],
      ['encrypted.pdf', 'secret.pdf', 400, /not a PDF\/A-1 document/],
      ['renamed-zip.docx', 'source.docx', 400, /ZIP archive, not a Word document/],
      ['renamed-pdf.docx', 'source.docx', 400, /its name ends in “\.docx”/],
      ['valid-pdfa1b.pdf', '../../etc/passwd.pdf', 400, /./],
    ]
    for (const [name, as, status, message] of cases) {
      const res = await upload(name, as)
      expect(res.status, name).toBe(status)
      expect(await res.text(), name).toMatch(message)
    }
    const html = await (await owner.get(objectPath)).text()
    expect(html).not.toContain('secret.pdf')
    expect(html).not.toContain('passwd')
  })

  it('refuses an oversized upload with 413', async () => {
    const { csrf, revision } = await form(owner, objectPath)
    const data = new FormData()
    data.set('_csrf', csrf)
    data.set('revision', revision)
    data.set('item', '11')
    data.set('file', new File([new Uint8Array(21 * 1024 * 1024)], 'big.pdf'))
    const res = await owner.post(`${objectPath}/documents`, data).catch(() => undefined)
    // The server answers 413 and closes the connection; the client may see either.
    if (res) expect(res.status).toBe(413)
  })

  it('uploads the PDF/A-1 copy and the DOCX source and downloads them with their names', async () => {
    expect((await upload('valid-pdfa1b.pdf', 'Техникалық тапсырма.pdf')).status).toBe(303)
    expect((await upload('valid.docx', 'Техникалық тапсырма.docx')).status).toBe(303)
    const html = await (await owner.get(objectPath)).text()
    const link = /href="(\/portal\/objects\/\d+\/documents\/\d+)">Техникалық тапсырма\.pdf/.exec(
      html,
    )?.[1]
    expect(link).toBeDefined()
    const res = await owner.get(link ?? '')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''")
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    // The DOCX's text was extracted and is shown with its checks.
    const docx = /href="(\/portal\/objects\/\d+\/documents\/\d+)">Техникалық тапсырма\.docx/.exec(
      html,
    )?.[1]
    const checks = await (await owner.get(`${docx}/checks`)).text()
    expect(checks).toContain('Text extracted')
    expect(checks).toMatch(/Қазақ|қазақ|Казах|казах/)
    // Another akimat gets 404 for the draft, its history and its file.
    for (const path of [
      objectPath,
      `${objectPath}/history`,
      link ?? '',
      `${link}/checks`,
      `/api${objectPath}`,
    ]) {
      expect((await other.get(path)).status, path).toBe(404)
    }
  })

  it('submits once (a double submit is a clear 409) and the reviewer returns it with remarks', async () => {
    const { csrf, revision } = await form(owner, objectPath)
    expect((await owner.post(`${objectPath}/submit`, { _csrf: csrf, revision })).status).toBe(303)
    const again = await owner.post(`${objectPath}/submit`, { _csrf: csrf, revision })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('already been submitted')
    const queue = await (await reviewer.get('/portal/review')).text()
    expect(queue).toContain('Документооборот')
    expect((await other.get('/portal/review')).status).toBe(403)
    const page = await form(reviewer, objectPath)
    const res = await reviewer.post(`${objectPath}/return`, {
      _csrf: page.csrf,
      revision:
        /action="[^"]+\/return"[\s\S]*?name="revision" value="(\d+)"/.exec(page.html)?.[1] ?? '',
      'remark.purpose': 'Мақсатын толығырақ жазыңыз',
    })
    expect(res.status).toBe(303)
    const html = await (await owner.get(objectPath)).text()
    expect(html).toContain('Мақсатын толығырақ жазыңыз')
  })

  it('resubmits and the reviewer accepts with an accounting code; the registry then shows it', async () => {
    let page = await form(owner, `${objectPath}/edit`)
    expect(
      (
        await owner.post(`${objectPath}/edit`, {
          _csrf: page.csrf,
          revision: page.revision,
          kind: 'information-system',
          nameKk: 'Құжат айналымы <script>alert(1)</script>',
          nameRu: 'Документооборот',
          purpose: 'Өтініштерді тіркеу, қарау және келісу',
        })
      ).status,
    ).toBe(303)
    page = await form(owner, objectPath)
    expect(
      (await owner.post(`${objectPath}/submit`, { _csrf: page.csrf, revision: page.revision }))
        .status,
    ).toBe(303)
    const review = await form(reviewer, objectPath)
    const res = await reviewer.post(`${objectPath}/accept`, {
      _csrf: review.csrf,
      revision: review.revision,
    })
    expect(res.status).toBe(303)
    const html = await (await owner.get(objectPath)).text()
    const code = /KZ-IS-\d{4}-\d{5}-\d/.exec(html)?.[0]
    expect(code).toBeDefined()
    // Others now see the accepted object in the registry, but not its files or history.
    const seen = await other.get(objectPath)
    expect(seen.status).toBe(200)
    expect(await seen.text()).toContain(code ?? '')
    expect((await other.get(`${objectPath}/history`)).status).toBe(200)
    const api = await (await other.get('/api/portal/objects')).json()
    expect(api.objects.map((o: { code: string }) => o.code)).toContain(code)
    const history = await (await owner.get(`${objectPath}/history`)).text()
    expect(history).toContain('Өтініштерді тіркеу, қарау және келісу')
  })

  it('lets the reviewer ask for an update of an accepted object, with a 10-working-day term', async () => {
    const page = await form(reviewer, objectPath)
    expect(page.html).toContain('/request-update')
    const res = await reviewer.post(`${objectPath}/request-update`, {
      _csrf: page.csrf,
      reason: 'Сынақ хаттамасы жоқ',
    })
    expect(res.status).toBe(303)
    const html = await (await owner.get(objectPath)).text()
    expect(html).toContain('Changed, update due')
    expect(html).toMatch(/update due: <time datetime="\d{4}-\d{2}-\d{2}">/)
    // The other akimat still sees the accepted object, not a term that is not theirs.
    expect(await (await other.get(objectPath)).text()).not.toContain('update due')
  })

  it('exports the registry as CSV and XLSX with the same filters', async () => {
    const csv = await owner.get('/portal/objects.csv?state=changed')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(await csv.text()).toMatch(/KZ-IS-\d{4}-\d{5}-\d/)
    const xlsx = await owner.get('/portal/objects.xlsx')
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const none = await owner.get('/portal/objects.csv?state=draft')
    expect(await none.text()).not.toMatch(/KZ-IS/)
  })
})
