/**
 * Security suite, escaping everywhere (issue 8): one payload with a script tag, an attribute
 * breaker, a formula start and an SQL injection string is put into every user text field this
 * test can reach (each copy tagged so a leak names its field), through the real HTTP forms where
 * there is one and the domain functions otherwise. Then every GET route of the app (derived from
 * `app.routes`, parameters filled with the ids of the seeded objects) is requested by the people
 * who may see those objects: no HTML answer carries the script or the image tag raw, JSON carries
 * the text literally, no CSV cell starts a formula, no XLSX sheet has a formula; each field is
 * shown escaped somewhere (so it was stored), and the users table is still there.
 * Fields: organisation names (kk, ru), user name, applicant name, akimat indicator note and
 * function decision note (domain functions); portal object names (kk, ru) and purpose, portal
 * document file names (PDF, DOCX), review remark, account request (organisation names,
 * contact name and position, basis), e-service application text fields and attachment file
 * name (HTTP forms). A file name has no `/` (such names are refused as folders).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  adoptTypicalSet,
  akimatArchitecture,
  recordDecisions,
  recordIndicatorValue,
  typicalSetOptions,
} from '../src/akimat/index.js'
import { actorFor, createOrganisation, createUser } from '../src/auth/index.js'
import { loadCatalogSnapshot } from '../src/catalog/index.js'
import { createLogger } from '../src/core/logger.js'
import { FIXTURE_CASES } from '../src/services/index.js'
import { createApp } from '../src/web/app.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { applicant, bindProvider, staff, TINY_PDF, testBin } from './support/services.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'correct horse battery staple'
const FIXTURES = join(import.meta.dirname, 'fixtures/files')
/** The current year in Kazakhstan (UTC+5). */
const YEAR = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 4)

/** The payload of field `tag`: starts a formula, breaks out of markup, injects SQL. */
const payload = (tag: string) =>
  `=X${tag}X <script>alert("x")</script><img src=x onerror=alert(1)>'; drop table auth_user; --`
/** How an HTML page shows the start of the payload of `tag` when it is escaped. */
const escaped = (tag: string) => `=X${tag}X &lt;script&gt;alert(`

const app = createApp({
  // biome-ignore lint/suspicious/noExplicitAny: the route list only, no request is served
  database: {} as any,
  logger: createLogger('silent'),
  // biome-ignore lint/suspicious/noExplicitAny: as above
  files: {} as any,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  services: {} as any,
})
const GETS = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].filter(
  (p) => !p.startsWith('/static') && !p.includes('*'),
)

/** Whether an HTML text carries the payload's markup unescaped. */
const rawMarkup = (html: string) =>
  html.includes('<script>alert(') || html.includes('<img src=x onerror')

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no _csrf field on the page')
  return token
}

describe.each(BACKENDS)('security: escaping on every page [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const editor = new WebSession(base)
  const integrator = new WebSession(base)
  const citizen = new WebSession(base)
  const tags: string[] = []
  /** The exact text stored in each field. */
  const texts = new Map<string, string>()
  /** How a JSON answer carries a field: literally (only the quotes escaped by JSON). */
  const literal = (tag: string) => JSON.stringify(texts.get(tag)).slice(1, -1)
  const ids: Record<string, string> = {}
  const tag = (name: string) => {
    tags.push(name)
    texts.set(name, payload(name))
    return payload(name)
  }
  /** A file name payload: the same without the `/` (a file name with one is refused). */
  const fileTag = (name: string, extension: string) => {
    const text = `${tag(name).replace('</script>', '')}${extension}`
    texts.set(name, text)
    return text
  }

  beforeAll(async () => {
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    // Organisation names and a user name (domain functions: no form creates them directly).
    const organisation = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: tag('orgKk'),
      nameRu: tag('orgRu'),
    })
    ids.org = String(organisation.id)
    const email = `escaping-${backend}@example.kz`
    const { userId } = await createUser(db, {
      email,
      name: tag('userName'),
      organisationId: organisation.id,
      roles: ['editor', 'operator', 'signer'],
      password: PASSWORD,
    })
    ids.user = String(userId)
    const actor = (await actorFor(db, userId, organisation.id))!
    await adoptTypicalSet(db, actor, snapshot, organisation.id, {
      kato: '394200000',
      at: typicalSetOptions(snapshot, 'district')[0]!.date,
    })
    // Akimat indicator note and decision note.
    await recordIndicatorValue(db, actor, snapshot, organisation.id, {
      code: '1.5.1',
      period: YEAR,
      value: '87,5',
      note: tag('indicatorNote'),
    })
    const architecture = await akimatArchitecture(db, actor, snapshot, organisation.id)
    const fn = architecture.functions[0]!
    ids.key = fn.key
    await recordDecisions(
      db,
      actor,
      snapshot,
      organisation.id,
      [{ key: fn.key, performed: false, level: 0, note: tag('decisionNote') }],
      'form',
    )
    // The service integrator's admin; the akimat provides the e-services; an applicant.
    const admin = await staff(db, { kind: 'service-integrator', roles: ['admin', 'reviewer'] })
    await bindProvider(db, admin, organisation.id, { feeKzt: 1_000, termWorkingDays: 5 })
    await applicant(db, FIXTURE_CASES.individual, tag('applicantName'), PASSWORD)
    expect((await editor.signIn(email, PASSWORD)).status).toBe(303)
    expect((await integrator.signIn(admin.email, PASSWORD)).status).toBe(303)
    const login = await (await citizen.get('/citizen/login')).text()
    const signedIn = await citizen.post('/citizen/login', {
      _csrf: csrfOf(login),
      iin: FIXTURE_CASES.individual,
      password: PASSWORD,
      next: '/',
    })
    expect(signedIn.status).toBe(303)

    // Portal object name and purpose, through the form.
    const object = await editor.post('/portal/objects/new', {
      _csrf: await editor.csrfFrom('/portal/objects/new'),
      kind: 'information-system',
      nameKk: tag('objectNameKk'),
      nameRu: tag('objectNameRu'),
      purpose: tag('objectPurpose'),
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    expect(object.status).toBe(303)
    ids.object = /\/portal\/objects\/(\d+)/.exec(object.headers.get('location') ?? '')![1]!

    // E-service application text fields, through the applicant's form.
    const form = new FormData()
    form.set('_csrf', csrfOf(await (await citizen.get('/services/apostille/apply')).text()))
    form.set('opened', new Date(Date.now() - 60_000).toISOString())
    form.set('provider', ids.org)
    form.set('recipientKind', 'individual')
    form.set('language', 'ru')
    form.set('field.documentKind', 'archival-certificate')
    form.set('field.destinationCountry', tag('country'))
    form.set('field.issuingArchive', tag('issuingArchive'))
    form.set('field.documentNumber', '17-04/112')
    form.set('field.documentDate', '2024-05-17')
    form.set('file.archivalDocument', new File([TINY_PDF], fileTag('attachmentName', '.pdf')))
    const applied = await citizen.post('/services/apostille/apply', form)
    expect(applied.status, await applied.clone().text()).toBe(303)
    ids.application = /\/applications\/(\d+)/.exec(applied.headers.get('location') ?? '')![1]!

    // A review remark: the editor submits the object, the integrator's reviewer returns it.
    const objectPath = `/portal/objects/${ids.object}`
    for (const name of ['valid-pdfa1b.pdf', 'valid.docx']) {
      const page = await (await editor.get(objectPath)).text()
      const data = new FormData()
      data.set('_csrf', csrfOf(page))
      data.set('revision', /name="revision" value="(\d+)"/.exec(page)?.[1] ?? '')
      data.set('item', '11')
      data.set(
        'file',
        new File(
          [readFileSync(join(FIXTURES, name))],
          fileTag(
            name.endsWith('.pdf') ? 'documentPdf' : 'documentDocx',
            name.slice(name.lastIndexOf('.')),
          ),
        ),
      )
      expect((await editor.post(`${objectPath}/documents`, data)).status, name).toBe(303)
    }
    const own = await (await editor.get(objectPath)).text()
    const submitted = await editor.post(`${objectPath}/submit`, {
      _csrf: csrfOf(own),
      revision: /name="revision" value="(\d+)"/.exec(own)?.[1] ?? '',
    })
    expect(
      submitted.status,
      /class="error-message"[^>]*>([^<]*)/.exec(await submitted.clone().text())?.[1],
    ).toBe(303)
    const review = await (await integrator.get(objectPath)).text()
    const returned = await integrator.post(`${objectPath}/return`, {
      _csrf: csrfOf(review),
      revision:
        /action="[^"]+\/return"[\s\S]*?name="revision" value="(\d+)"/.exec(review)?.[1] ?? '',
      'remark.purpose': tag('remark'),
    })
    expect(returned.status).toBe(303)

    // An account request, through the public form.
    const visitor = new WebSession(base)
    const request = await visitor.post('/portal/account-requests/new', {
      _csrf: await visitor.csrfFrom('/portal/account-requests/new'),
      organisationKind: 'local-executive-body',
      organisationLevel: 'district',
      organisationNameKk: tag('requestOrgKk'),
      organisationNameRu: tag('requestOrgRu'),
      organisationBin: testBin(Date.now() % 100_000),
      contactName: tag('requestContact'),
      contactPosition: tag('requestPosition'),
      contactEmail: `escaping-request-${backend}@example.kz`,
      contactPhone: '+7 725 123 45 67',
      requestedRole: 'editor',
      basis: tag('requestBasis'),
    })
    expect(request.status).toBe(200)
    const list = await (await integrator.get('/portal/account-requests')).text()
    ids.request = /\/portal\/account-requests\/(\d+)/.exec(list)?.[1] ?? '1'
  }, 180_000)

  /** Concrete paths of a route: `:id` by each seeded id, other parameters by known values. */
  function pathsFor(path: string): string[] {
    if (!path.includes(':')) return [path]
    const fixed: Record<string, string[]> = {
      key: [encodeURIComponent(ids.key ?? '')],
      code: ['apostille', '1.5.1'],
      region: ['39'],
    }
    const out = new Set<string>()
    for (const id of new Set(Object.values(ids).filter((v) => /^\d+$/.test(v)))) {
      for (const i of [0, 1]) {
        out.add(
          path
            .replace(/:id\b/g, id)
            .replace(
              /:([A-Za-z]+)(\{[^}]*\})?/g,
              (_, name: string) => fixed[name]?.[i] ?? fixed[name]?.[0] ?? '1',
            ),
        )
      }
    }
    return [...out]
  }

  it('never shows the payload raw, keeps it literal in JSON and neutralised in downloads', async () => {
    // The check itself: it sees the raw payload and passes the escaped one.
    expect(rawMarkup(`<p>${payload('probe')}</p>`)).toBe(true)
    expect(rawMarkup(`<p>${escaped('probe')}&quot;x&quot;)&lt;/script&gt;</p>`)).toBe(false)
    const problems: string[] = []
    let pages = 0
    const seen = new Set<string>()
    let requests = 0
    for (const [who, session] of [
      ['editor', editor],
      ['integrator', integrator],
      ['citizen', citizen],
    ] as const) {
      for (const route of GETS) {
        for (const concrete of pathsFor(route)) {
          const res = await session.get(concrete)
          requests++
          const where = `${who} GET ${concrete} → ${res.status}`
          if (res.status >= 500) problems.push(`${where} (server error)`)
          const type = res.headers.get('content-type') ?? ''
          const bytes = Buffer.from(await res.arrayBuffer())
          if (type.includes('spreadsheetml')) {
            const zip = await JSZip.loadAsync(bytes)
            for (const name of Object.keys(zip.files).filter((n) => n.includes('worksheets/'))) {
              const sheet = (await zip.file(name)?.async('string')) ?? ''
              if (sheet.includes('<f>')) problems.push(`${where}: formula in ${name}`)
            }
            const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? ''
            for (const t of tags) if (strings.includes(`=X${t}X`)) seen.add(`${t} xlsx`)
            continue
          }
          const text = bytes.toString('utf8')
          if (type.includes('text/csv')) {
            const cells = (
              parse(text, { bom: true, relax_column_count: true }) as string[][]
            ).flat()
            for (const cell of cells) {
              const csvTag = /^'=X(\w+)X /.exec(cell)?.[1]
              if (csvTag) seen.add(`${csvTag} csv`)
              if (/^[=+\-@]/.test(cell) && /=X\w+X/.test(cell))
                problems.push(`${where}: formula cell ${cell.slice(0, 30)}`)
            }
            continue
          }
          if (type.includes('html')) {
            if (res.status === 200) pages++
            if (rawMarkup(text))
              problems.push(
                `${where}: raw markup of ${/=X(\w+)X <script>/.exec(text)?.[1] ?? 'some field'}`,
              )
            for (const t of tags) if (text.includes(escaped(t))) seen.add(t)
          }
          if (type.includes('json')) {
            for (const t of tags) {
              if (text.includes(`=X${t}X`)) {
                if (text.includes(literal(t))) seen.add(`${t} json`)
                else problems.push(`${where}: ${t} not literal in JSON`)
              }
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(150)
    expect(pages).toBeGreaterThan(60)
    expect(problems).toEqual([])
    // Every field was stored and is shown (escaped) on at least one page.
    expect(tags.filter((t) => !seen.has(t))).toEqual([])
    // The downloads were checked with the payload in them (a formula start neutralised).
    expect([...seen].filter((s) => s.endsWith(' csv')).length).toBeGreaterThan(0)
    // The users table is still there: every one can still sign in.
    expect(
      (await new WebSession(base).signIn(`escaping-${backend}@example.kz`, PASSWORD)).status,
    ).toBe(303)
    const db = server().handle.db
    const users = await db.selectFrom('auth_user').select('id').execute()
    expect(users.length).toBeGreaterThan(1)
    console.log(
      `[${backend}] ${requests} requests, ${pages} HTML pages; ${[...seen].sort().join(', ')}`,
    )
  }, 300_000)
})
