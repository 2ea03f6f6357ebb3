/**
 * Akimat architectures over real HTTP on each backend: the three example akimats (region,
 * district, rural of Akmola region) are seeded into the server's database; the list, the
 * architecture pages (filters, paging), the gap report and its CSV/XLSX downloads and the JSON
 * API must show the numbers worked out here from the exported catalogue alone. A decision saved
 * through the form changes the gap report; a bad one is refused with the message in kk, ru and
 * en and stores nothing; CSRF, another akimat's user (404) and a reader (no form, 403) are
 * checked on the pages and the API; a new akimat adopts its typical set through the form.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_AKIMATS, seedExampleAkimat } from '../src/akimat/index.js'
import { createOrganisation, createUser, type Role } from '../src/auth/index.js'
import { type CatalogExport, exportCatalog, loadCatalogSnapshot } from '../src/catalog/index.js'
import { type Language, type MessageKey, translate } from '../src/i18n/index.js'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'Көкшетау тауы 2026 жыл'
const SECTION = { region: 1, district: 2, rural: 3 } as const
type Level = keyof typeof SECTION
type Row = CatalogExport['rows'][number]

interface Expected {
  key: string
  row: Row
  status: string
  level: number
  top: number
  performed: boolean
  recommended: string[]
}

/**
 * The example's expected status of each function, worked out from the exported catalogue alone
 * (not with the module's rules), as the example's pattern describes it (src/akimat/example.ts).
 */
function expectedStatuses(exported: CatalogExport, section: number): Expected[] {
  const rows = exported.rows
    .filter((r) => r.section === section && !r.status)
    .sort((a, b) => a.architecture.localeCompare(b.architecture) || a.number - b.number)
  const pairOf = new Map(exported.systems.map((s) => [s.id, s.pair]))
  return rows.map((row, i) => {
    const ids = row.systemIds ?? []
    const recommended = [...new Set(ids.flatMap((id) => [id, pairOf.get(id) ?? id]))]
    const top = Math.max(1, ...row.levels.map((l) => l.level))
    const named = ids.length > 0
    let status: string
    let level = 0
    switch (i % 7) {
      case 0:
        status = 'not-performed'
        break
      case 1:
        status = 'not-automated'
        break
      case 2:
      case 6:
        level = top
        status = 'ok'
        break
      case 3:
        level = 1
        status = top > 1 ? 'below-level' : 'ok'
        break
      case 4:
        level = top
        status = named ? 'non-recommended' : 'ok'
        break
      default: {
        level = top
        const system = recommended.includes('ekabzh') ? 'eup' : 'ekabzh'
        status = !named || recommended.includes(system) ? 'ok' : 'non-recommended'
      }
    }
    return {
      key: `${row.architecture}:${row.section}.${row.number}`,
      row,
      status,
      level,
      top,
      performed: i % 7 !== 0,
      recommended,
    }
  })
}

const isService = (row: Row) =>
  /мемлекеттік (және өзге )?(көрсетілетін )?қызмет\S* көрсет|рұқсат беру|государственн\S* услуг|разрешительн/i.test(
    (row.group ?? '').toLowerCase(),
  )

const GAP_STATUSES = ['not-automated', 'non-recommended', 'below-level']
const count = (list: Expected[], status: string) => list.filter((e) => e.status === status).length
const countsOf = (list: Expected[]) => ({
  total: list.length,
  automated: list.filter((e) => e.performed && e.level > 0).length,
  gaps: list.filter((e) => GAP_STATUSES.includes(e.status)).length,
})

/** Undoes hono/jsx's escaping, for comparing page text with messages. */
const unescapeHtml = (html: string) =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

const rowKeys = (html: string) => [...html.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1])
const dataCount = (html: string, name: string) =>
  Number(new RegExp(`data-count="${name}">(?:<a [^>]*>)?(\\d+)`).exec(html)?.[1])
const shownCount = (html: string) => Number(/data-shown="(\d+)"/.exec(html)?.[1])
const gapHeading = (html: string, id: string) =>
  Number(new RegExp(`<h2 id="${id}">[^<]*\\((\\d+)\\)</h2>`).exec(html)?.[1])
const functionPath = (id: number, key: string) =>
  `/akimats/${id}/functions/${encodeURIComponent(key)}`

describe.each(BACKENDS)('akimat architectures over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const examples = {} as Record<Level, { id: number; at: string; objectId: number }>
  const expected = {} as Record<Level, Expected[]>
  const sessions = {} as Record<
    'region' | 'district' | 'reader' | 'stranger' | 'overseer',
    WebSession
  >
  let strangerAkimat = 0

  async function api(
    session: WebSession,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: { csrf?: boolean; language?: Language } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: session.header(),
      'accept-language': options.language ?? 'en',
    }
    if (method === 'POST') {
      headers['content-type'] = 'application/json'
      if (options.csrf !== false) headers['x-csrf-token'] = await session.csrfFrom('/akimats')
    }
    // The language cookie a page visit may have left wins over Accept-Language: ask with ?lang.
    const url = options.language
      ? `${path}${path.includes('?') ? '&' : '?'}lang=${options.language}`
      : path
    return fetch(`${base()}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
  }

  async function page(session: WebSession, path: string): Promise<string> {
    const res = await session.get(path)
    expect(res.status, path).toBe(200)
    return res.text()
  }

  beforeAll(async () => {
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    for (const example of EXAMPLE_AKIMATS) {
      const seeded = await seedExampleAkimat(db, snapshot, example)
      examples[example.level] = {
        id: seeded.organisationId,
        at: seeded.at,
        objectId: seeded.objectId,
      }
      expected[example.level] = expectedStatuses(
        await exportCatalog(db, { at: seeded.at }),
        SECTION[example.level],
      )
    }
    const stranger = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бурабай ауданының әкімдігі',
      nameRu: 'Акимат Бурабайского района',
    })
    strangerAkimat = stranger.id
    const integrator = await createOrganisation(db, {
      kind: 'service-integrator',
      nameKk: '«Ұлттық ақпараттық технологиялар» АҚ',
      nameRu: 'АО «Национальные информационные технологии»',
    })
    const people: [keyof typeof sessions, number, Role][] = [
      ['region', examples.region.id, 'editor'],
      ['district', examples.district.id, 'editor'],
      ['reader', examples.district.id, 'reader'],
      ['stranger', stranger.id, 'editor'],
      ['overseer', integrator.id, 'reader'],
    ]
    for (const [name, organisationId, role] of people) {
      await createUser(db, {
        email: `${name}@akimat.example.kz`,
        name: `Қызметкер ${name}`,
        organisationId,
        roles: [role],
        password: PASSWORD,
      })
      sessions[name] = new WebSession(base)
      expect((await sessions[name].signIn(`${name}@akimat.example.kz`, PASSWORD)).status).toBe(303)
    }
  }, 180_000)

  it('asks for sign-in on the pages and the API', async () => {
    const anonymous = new WebSession(base)
    const res = await anonymous.get('/akimats')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fakimats')
    const gaps = await anonymous.get(`/akimats/${examples.district.id}/gaps`)
    expect(gaps.status).toBe(303)
    expect((await anonymous.get('/api/akimats')).status).toBe(401)
  })

  it('lists the akimats each user may read, with the counts worked out from the catalogue', async () => {
    const html = await page(sessions.overseer, '/akimats')
    for (const level of ['region', 'district', 'rural'] as const) {
      const { id } = examples[level]
      const row = new RegExp(`<tr data-akimat="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
      const numbers = [...row.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]))
      const counts = countsOf(expected[level])
      expect(numbers, level).toEqual([counts.total, counts.automated, counts.gaps])
      expect(row).toContain(EXAMPLE_AKIMATS.find((e) => e.level === level)!.kato)
      expect(row).toContain(examples[level].at)
    }
    // Not adopted yet: listed with dashes.
    expect(html).toMatch(new RegExp(`<tr data-akimat="${strangerAkimat}">[\\s\\S]*?—`))

    const listed = async (session: WebSession) =>
      [...(await page(session, '/akimats')).matchAll(/<tr data-akimat="(\d+)"/g)]
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b)
    const all = [examples.region.id, examples.district.id, examples.rural.id].sort((a, b) => a - b)
    expect(await listed(sessions.region)).toEqual(all)
    expect(await listed(sessions.district)).toEqual([examples.district.id])
    expect(await listed(sessions.stranger)).toEqual([strangerAkimat])

    // The API says the same.
    const body = await json(await api(sessions.overseer, 'GET', '/api/akimats'))
    for (const level of ['region', 'district', 'rural'] as const) {
      const entry = body.akimats.find((a: { id: number }) => a.id === examples[level].id)
      const counts = countsOf(expected[level])
      expect(entry).toMatchObject({ level, typicalAt: examples[level].at })
      expect(entry.counts.total).toBe(counts.total)
      expect(entry.counts.automated).toBe(counts.automated)
      for (const status of [...GAP_STATUSES, 'ok', 'not-performed']) {
        expect(entry.counts[status], `${level} ${status}`).toBe(count(expected[level], status))
      }
    }
  })

  it('shows each architecture with the expected counts, statuses and pages of 100', async () => {
    for (const level of ['region', 'district', 'rural'] as const) {
      const { id } = examples[level]
      const list = expected[level]
      const html = await page(sessions.overseer, `/akimats/${id}`)
      const counts = countsOf(list)
      expect(dataCount(html, 'total'), level).toBe(counts.total)
      expect(dataCount(html, 'automated'), level).toBe(counts.automated)
      expect(dataCount(html, 'gaps'), level).toBe(counts.gaps)
      expect(dataCount(html, 'performed'), level).toBe(list.filter((e) => e.performed).length)
      expect(html).toContain(`href="/catalog?at=${examples[level].at}"`)
      expect(rowKeys(html), level).toEqual(list.slice(0, 100).map((e) => e.key))
      // The statuses in words, row by row.
      const words = [...html.matchAll(/akimat-status-([a-z-]+)">/g)].map((m) => m[1])
      expect(words.slice(0, 100)).toEqual(list.slice(0, 100).map((e) => e.status))
      // The function text as printed, marked with its language.
      expect(unescapeHtml(html)).toContain(
        `<td lang="${list[0]!.row.language}">${list[0]!.row.function}</td>`,
      )
      // The chart writes the numbers.
      expect(html).toMatch(/<svg[^>]*class="chart chart-bars"/)
      expect(html).toContain(`>${count(list, 'non-recommended')}\u00a0functions</text>`)
    }
    // Region: 757 functions in 8 pages.
    const region = expected.region
    expect(region.length).toBe(757)
    const second = await page(sessions.overseer, `/akimats/${examples.region.id}?page=2`)
    expect(rowKeys(second)).toEqual(region.slice(100, 200).map((e) => e.key))
    const last = await page(sessions.overseer, `/akimats/${examples.region.id}?page=8`)
    expect(rowKeys(last)).toEqual(region.slice(700).map((e) => e.key))
    expect((await sessions.overseer.get(`/akimats/${examples.region.id}?page=9`)).status).toBe(404)
  })

  it('filters by status, group, state services and text', async () => {
    const { id } = examples.region
    const list = expected.region
    const check = async (query: string, want: Expected[]) => {
      const html = await page(sessions.overseer, `/akimats/${id}?${query}`)
      expect(shownCount(html), query).toBe(want.length)
      expect(rowKeys(html), query).toEqual(want.slice(0, 100).map((e) => e.key))
    }
    for (const status of [
      'not-performed',
      'not-automated',
      'non-recommended',
      'below-level',
      'ok',
    ]) {
      await check(
        `status=${status}`,
        list.filter((e) => e.status === status),
      )
    }
    await check(
      'status=gaps',
      list.filter((e) => GAP_STATUSES.includes(e.status)),
    )
    const group = list[40]!.row.group!
    await check(
      `group=${encodeURIComponent(group)}`,
      list.filter((e) => e.row.group === group),
    )
    const services = list.filter((e) => isService(e.row))
    expect(services.length).toBeGreaterThan(0)
    await check('services=1', services)
    await check(
      'services=1&status=not-automated',
      services.filter((e) => e.status === 'not-automated'),
    )
    const word = 'бюджет'
    const withWord = list.filter((e) =>
      `${e.row.function} ${e.row.group ?? ''}`.toLowerCase().includes(word),
    )
    expect(withWord.length).toBeGreaterThan(0)
    await check(`q=${encodeURIComponent('БЮДЖЕТ')}`, withWord)
    // A status filter keeps its pages: the second page of the functions with gaps.
    const gaps = list.filter((e) => GAP_STATUSES.includes(e.status))
    if (gaps.length > 100) {
      const html = await page(sessions.overseer, `/akimats/${id}?status=gaps&page=2`)
      expect(rowKeys(html)).toEqual(gaps.slice(100, 200).map((e) => e.key))
    }
  })

  it('shows the gap report of each example with the expected counts, and downloads it', async () => {
    for (const level of ['region', 'district', 'rural'] as const) {
      const { id } = examples[level]
      const list = expected[level]
      const html = await page(sessions.overseer, `/akimats/${id}/gaps`)
      for (const status of GAP_STATUSES) {
        expect(gapHeading(html, status), `${level} ${status}`).toBe(count(list, status))
      }
      // From the section's heading to the next one.
      const section = (name: string) =>
        new RegExp(`<h2 id="${name}">([\\s\\S]*?)<h2 `).exec(html)?.[1] ?? ''
      for (const status of GAP_STATUSES) {
        const links = [...section(status).matchAll(/href="\/akimats\/\d+\/functions\/([^"]+)"/g)]
        expect(
          links.map((m) => decodeURIComponent(m[1]!)),
          `${level} ${status}`,
        ).toEqual(list.filter((e) => e.status === status).map((e) => e.key))
      }
      expect(html).toMatch(/<svg[^>]*class="chart chart-bars"/)

      const gapRows = list
        .filter((e) => GAP_STATUSES.includes(e.status))
        .map((e) => [e.key, e.status])
      const csv = await sessions.overseer.get(`/akimats/${id}/gaps.csv`)
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
      expect(csv.headers.get('content-disposition')).toBe(
        `attachment; filename="akimat-${id}-gaps.csv"`,
      )
      const records = parse(await csv.text(), { bom: true, columns: true }) as Record<
        string,
        string
      >[]
      expect(Object.keys(records[0] ?? {})).toEqual([
        'key',
        'section',
        'number',
        'group',
        'function',
        'issue',
        'used',
        'recommended',
        'level',
        'target',
        'note',
      ])
      expect(records.map((r) => [r.key, r.issue])).toEqual(gapRows)
      const byKey = new Map(list.map((e) => [e.key, e]))
      for (const record of records) {
        const e = byKey.get(record.key!)!
        expect(record.function).toBe(e.row.function)
        expect(Number(record.section)).toBe(e.row.section)
        expect(Number(record.number)).toBe(e.row.number)
        expect(Number(record.level)).toBe(e.level)
        if (record.issue === 'not-automated') expect(record.used).toBe('')
        else expect(record.used).not.toBe('')
      }

      const xlsx = await sessions.overseer.get(`/akimats/${id}/gaps.xlsx`)
      expect(xlsx.status).toBe(200)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
      const sheet = workbook.getWorksheet('Gaps')!
      expect(sheet.rowCount).toBe(gapRows.length + 1)
      expect(sheet.getRow(1).getCell(6).value).toBe('issue')
      const cells = (n: number) => [
        sheet.getRow(n).getCell(1).value,
        sheet.getRow(n).getCell(6).value,
      ]
      expect(Array.from({ length: gapRows.length }, (_, i) => cells(i + 2))).toEqual(gapRows)

      // The API's report agrees.
      const report = await json(await api(sessions.overseer, 'GET', `/api/akimats/${id}/gaps`))
      expect(report.notAutomated).toEqual(
        list.filter((e) => e.status === 'not-automated').map((e) => e.key),
      )
      expect(report.nonRecommended).toEqual(
        list.filter((e) => e.status === 'non-recommended').map((e) => e.key),
      )
      expect(report.belowLevel).toEqual(
        list.filter((e) => e.status === 'below-level').map((e) => e.key),
      )
      expect(report.gaps.map((g: { key: string; issue: string }) => [g.key, g.issue])).toEqual(
        gapRows,
      )
    }
  })

  it('saves a decision through the form, and the gap report follows', async () => {
    const { id } = examples.district
    const session = sessions.district
    const target = expected.district.find(
      (e) => e.status === 'not-automated' && e.row.systemIds && e.row.systemIds.length > 0,
    )!
    const before = await page(session, `/akimats/${id}/gaps`)
    const path = functionPath(id, target.key)
    const form = await page(session, path)
    expect(unescapeHtml(form)).toContain(target.row.function)
    expect(form).toContain('name="performed"')
    expect(form).toContain(`<optgroup label="`)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!
    // The example left it undecided: no version yet.
    const version = /name="expectedVersion" value="(\d*)"/.exec(form)![1]!
    expect(version).toBe('')
    const beforeSaving = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 5))
    const res = await session.post(path, {
      _csrf: csrf,
      expectedVersion: version,
      performed: 'yes',
      system: target.row.systemIds![0]!,
      object: '',
      level: String(target.top),
      targetLevel: '',
      note: 'Енгізілді',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`${path}?done=saved`)
    const after = await page(session, `/akimats/${id}/gaps`)
    expect(gapHeading(after, 'not-automated')).toBe(gapHeading(before, 'not-automated') - 1)
    expect(after).not.toContain(`functions/${encodeURIComponent(target.key)}"`)
    const shown = await page(session, `${path}?done=saved`)
    expect(shown).toContain('class="notice"')
    expect(shown).toContain('akimat-status-ok')
    const history = await json(
      await api(
        session,
        'GET',
        `/api/akimats/${id}/functions/${encodeURIComponent(target.key)}/history`,
      ),
    )
    expect(
      history.versions.map((v: { decision: { note: string | null } }) => v.decision.note),
    ).toEqual(['Енгізілді'])
    expect(history.versions[0].source).toBe('form')
    // The same decision again changes nothing.
    const again = await session.post(path, {
      _csrf: csrf,
      expectedVersion: String(history.versions[0].version),
      performed: 'yes',
      system: target.row.systemIds![0]!,
      level: String(target.top),
      targetLevel: '',
      note: 'Енгізілді',
    })
    expect(again.headers.get('location')).toBe(`${path}?done=unchanged`)
    // As at the moment before, the API still shows the example's decision.
    const past = await json(
      await api(
        session,
        'GET',
        `/api/akimats/${id}/architecture?asOf=${encodeURIComponent(beforeSaving)}`,
      ),
    )
    expect(past.functions.find((f: { key: string }) => f.key === target.key).status).toBe(
      'not-automated',
    )
    const bad = await api(
      session,
      'GET',
      `/api/akimats/${id}/architecture?asOf=yesterday`,
      undefined,
      {
        language: 'ru',
      },
    )
    expect(bad.status).toBe(400)
    expect((await json(bad)).error.message).toBe(
      translate('ru', 'akimat.pages.api.asOf', { value: 'yesterday' }),
    )
  })

  it('refuses a bad decision with the message in kk, ru and en, and stores nothing', async () => {
    const { id } = examples.district
    const session = sessions.district
    const target = expected.district.filter((e) => e.status === 'not-automated')[3]!
    const path = functionPath(id, target.key)
    const historyPath = `/api/akimats/${id}/functions/${encodeURIComponent(target.key)}/history`
    const versions = async () =>
      (await json(await api(session, 'GET', historyPath))).versions.length
    const stored = await versions()
    for (const language of ['kk', 'ru', 'en'] as const) {
      const form = await page(session, path)
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!
      const version = /name="expectedVersion" value="(\d*)"/.exec(form)![1]!
      const res = await session.post(`${path}?lang=${language}`, {
        _csrf: csrf,
        expectedVersion: version,
        performed: 'yes',
        system: '',
        object: '',
        level: '1',
        targetLevel: '',
        note: 'жүйесіз',
      })
      expect(res.status).toBe(400)
      const html = unescapeHtml(await res.text())
      const message = translate(language, 'akimat.problem.levelWithout', { key: target.key })
      expect(html).toContain(`<p class="field-error" id="error-level">${message}</p>`)
      expect(html).toContain(translate(language, 'akimat.error.decisions', { count: 1 }))
      // The form keeps what was typed.
      expect(html).toContain('>жүйесіз</textarea>')
    }
    expect(await versions()).toBe(stored)

    // The API lists every problem of a batch, translated, and stores none of it.
    const ok = expected.district.find((e) => e.status === 'ok')!
    const res = await api(
      session,
      'POST',
      `/api/akimats/${id}/decisions`,
      [
        { key: ok.key, performed: false, level: 0 },
        { key: target.key, performed: true, systemId: 'no-such-system', level: 1 },
        { key: '158:2.9999', performed: true, level: 0 },
      ],
      { language: 'ru' },
    )
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.message).toBe(translate('ru', 'akimat.error.decisions', { count: 2 }))
    expect(body.error.problems).toEqual([
      {
        index: 1,
        key: target.key,
        field: 'system',
        message: translate('ru', 'akimat.problem.system', {
          key: target.key,
          value: 'no-such-system',
        }),
      },
      {
        index: 2,
        key: '158:2.9999',
        field: 'key',
        message: translate('ru', 'akimat.problem.key', { key: '158:2.9999' }),
      },
    ])
    const architecture = await json(await api(session, 'GET', `/api/akimats/${id}/architecture`))
    expect(architecture.functions.find((f: { key: string }) => f.key === ok.key).status).toBe('ok')

    // A good batch through the API.
    const good = await api(session, 'POST', `/api/akimats/${id}/decisions`, [
      { key: target.key, performed: true, level: 0, note: 'API арқылы' },
    ])
    expect(good.status).toBe(200)
    expect(await json(good)).toEqual({ changed: 1 })
  })

  it('refuses writes without the CSRF token', async () => {
    const { id } = examples.district
    const key = expected.district[1]!.key
    const res = await sessions.district.post(functionPath(id, key), {
      performed: 'yes',
      level: '0',
    })
    expect(res.status).toBe(403)
    const apiRes = await api(
      sessions.district,
      'POST',
      `/api/akimats/${id}/decisions`,
      [{ key, performed: false, level: 0 }],
      { csrf: false },
    )
    expect(apiRes.status).toBe(403)
    const adopt = await sessions.district.post(`/akimats/${id}/adopt`, {
      kato: '114200000',
      at: examples.district.at,
    })
    expect(adopt.status).toBe(403)
  })

  it('shows another akimat’s user nothing: 404 on every page and API call', async () => {
    const { id } = examples.district
    const key = encodeURIComponent(expected.district[0]!.key)
    const stranger = sessions.stranger
    for (const path of [
      `/akimats/${id}`,
      `/akimats/${id}/gaps`,
      `/akimats/${id}/gaps.csv`,
      `/akimats/${id}/gaps.xlsx`,
      `/akimats/${id}/functions/${key}`,
      `/api/akimats/${id}/architecture`,
      `/api/akimats/${id}/gaps`,
      `/api/akimats/${id}/functions/${key}/history`,
      '/akimats/999999',
      '/akimats/abc',
    ]) {
      expect((await stranger.get(path)).status, path).toBe(404)
    }
    const csrf = await stranger.csrfFrom('/akimats')
    expect(
      (
        await stranger.post(`/akimats/${id}/functions/${key}`, {
          _csrf: csrf,
          performed: 'no',
          level: '0',
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await stranger.post(`/akimats/${id}/adopt`, {
          _csrf: csrf,
          kato: '114200000',
          at: '2018-07-13',
        })
      ).status,
    ).toBe(404)
    const res = await api(stranger, 'POST', `/api/akimats/${id}/decisions`, [
      { key: expected.district[0]!.key, performed: false, level: 0 },
    ])
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('not_found')
  })

  it('gives a reader no form, and 403 when they post anyway', async () => {
    const { id } = examples.district
    const reader = sessions.reader
    const target = expected.district[1]!
    const path = functionPath(id, target.key)
    const html = await page(reader, path)
    expect(html).not.toContain('name="performed"')
    expect(html).toContain(translate('en', 'akimat.pages.decision.readOnly'))
    const architecture = await page(reader, `/akimats/${id}`)
    expect(architecture).not.toContain('akimat-readopt')
    expect(architecture).not.toContain('name="kato"')
    const csrf = await reader.csrfFrom(path)
    const res = await reader.post(path, {
      _csrf: csrf,
      performed: 'yes',
      system: '',
      level: '0',
      expectedVersion: '',
    })
    expect(res.status).toBe(403)
    expect(unescapeHtml(await res.text())).toContain(translate('en', 'akimat.error.forbidden'))
    const apiRes = await api(reader, 'POST', `/api/akimats/${id}/decisions`, [
      { key: target.key, performed: false, level: 0 },
    ])
    expect(apiRes.status).toBe(403)
    const adopt = await api(reader, 'POST', `/api/akimats/${id}/adopt`, {
      kato: '114200000',
      at: examples.district.at,
    })
    expect(adopt.status).toBe(403)
  })

  it('lets a new akimat’s editor adopt the typical set through the form', async () => {
    const session = sessions.stranger
    const path = `/akimats/${strangerAkimat}`
    const html = await page(session, path)
    expect(html).toContain('name="kato"')
    const options = [...html.matchAll(/name="at" value="([\d-]+)"/g)].map((m) => m[1])
    expect(options).toEqual(['2018-07-13', '2022-12-31'])
    expect(unescapeHtml(html)).toContain(translate('en', 'akimat.pages.adopt.partial'))
    expect(unescapeHtml(html)).toContain(
      translate('en', 'akimat.pages.adopt.option', {
        architecture: '158',
        from: '2016-12-19',
        to: '2018-07-13',
        date: '2018-07-13',
        rows: 423,
      }),
    )
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!
    // A region's code for a district akimat: the form again, with the message.
    const wrong = await session.post(`/akimats/${strangerAkimat}/adopt?lang=kk`, {
      _csrf: csrf,
      kato: '310000000',
      at: '2018-07-13',
    })
    expect(wrong.status).toBe(400)
    const wrongHtml = unescapeHtml(await wrong.text())
    expect(wrongHtml).toContain(
      translate('kk', 'akimat.error.katoNotRegion', { value: '310000000' }),
    )
    expect(wrongHtml).toContain('value="310000000"')
    const taken = await session.post(`/akimats/${strangerAkimat}/adopt?lang=ru`, {
      _csrf: csrf,
      kato: EXAMPLE_AKIMATS[1]!.kato,
      at: '2018-07-13',
    })
    expect(taken.status).toBe(400)
    expect(unescapeHtml(await taken.text())).toContain(
      translate('ru', 'akimat.error.katoTaken', { value: EXAMPLE_AKIMATS[1]!.kato }),
    )
    const ok = await session.post(`/akimats/${strangerAkimat}/adopt?lang=en`, {
      _csrf: csrf,
      kato: '314235100',
      at: '2018-07-13',
    })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`${path}?done=adopted`)
    const adopted = await page(session, `${path}?done=adopted`)
    expect(dataCount(adopted, 'total')).toBe(423)
    expect(dataCount(adopted, 'automated')).toBe(0)
    // Undecided: performed and not automated, every one of them a gap.
    expect(dataCount(adopted, 'gaps')).toBe(423)
    expect(adopted).toContain('akimat-readopt')
    const events = await json(await api(session, 'GET', '/api/akimats'))
    expect(events.akimats).toEqual([
      expect.objectContaining({ id: strangerAkimat, kato: '314235100', typicalAt: '2018-07-13' }),
    ])
  })

  it('renders every akimat page in kk, ru and en', async () => {
    const { id } = examples.rural
    const key = encodeURIComponent(expected.rural[2]!.key)
    for (const language of ['kk', 'ru', 'en'] as const) {
      const t = (k: MessageKey) => translate(language, k)
      for (const [path, title] of [
        ['/akimats', t('akimat.pages.list.title')],
        [`/akimats/${id}`, t('akimat.pages.architecture.title')],
        [`/akimats/${id}/gaps`, t('akimat.pages.gaps.title')],
      ] as const) {
        const html = await page(sessions.overseer, `${path}?lang=${language}`)
        expect(html).toContain(`<html lang="${language}">`)
        expect(unescapeHtml(html)).toContain(`<h1>${title}</h1>`)
      }
      const html = unescapeHtml(
        await page(sessions.overseer, `/akimats/${id}/functions/${key}?lang=${language}`),
      )
      expect(html).toContain(t('akimat.pages.recommendation.title'))
      expect(html).toContain(t('akimat.pages.history.title'))
    }
  })

  it('documents the akimat API in OpenAPI', async () => {
    const doc = await json(await fetch(`${base()}/api/openapi.json`))
    for (const [path, method] of [
      ['/api/akimats', 'get'],
      ['/api/akimats/{id}/architecture', 'get'],
      ['/api/akimats/{id}/gaps', 'get'],
      ['/api/akimats/{id}/adopt', 'post'],
      ['/api/akimats/{id}/decisions', 'post'],
      ['/api/akimats/{id}/functions/{key}/history', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], path).toBeDefined()
    }
  })
})
