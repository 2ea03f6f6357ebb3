/**
 * The target indicators over real HTTP on each backend. The three example akimats (region,
 * district and rural district of Akmola region) are seeded into the server's database; their
 * dashboards and the JSON API must show 1.2.4, 1.2.5, 1.2.6 (and, for the rural one, 1.2.10)
 * equal to what is counted here from the exported catalogue alone, as the example's pattern
 * describes it (src/akimat/example.ts). 1.2.7 comes from real applications: the district akimat
 * is bound as a provider, a citizen applies on the portal and the akimat's operator registers
 * applications at its desk, through the e-services API. Values entered by hand need a note
 * (refused without one, with the message in kk, ru and en); computed codes are refused; every
 * version is in the history; readers see no form and get 403; CSRF is checked; another akimat's
 * user gets 404; the region page lists the region's akimats with their values.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  adoptTypicalSet,
  EXAMPLE_AKIMATS,
  seedExampleAkimat,
  typicalSetOptions,
} from '../src/akimat/index.js'
import { actorFor, createOrganisation, createUser, type Role } from '../src/auth/index.js'
import { type CatalogExport, exportCatalog, loadCatalogSnapshot } from '../src/catalog/index.js'
import { type Language, translate } from '../src/i18n/index.js'
import { FIXTURE_CASES } from '../src/services/index.js'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'
import { applicant, bindProvider, staff } from './support/services.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'Көкшетау тауы 2026 жыл'
const SECTION = { region: 1, district: 2, rural: 3 } as const
type Level = keyof typeof SECTION
type Row = CatalogExport['rows'][number]

/** The figures the example's pattern gives, counted from the exported catalogue alone. */
interface ExpectedFigures {
  full: number
  partial: number
  services: number
  resources: number
  electronicResources: number
}

function expectedFigures(exported: CatalogExport, section: number): ExpectedFigures {
  const rows = exported.rows
    .filter((r) => r.section === section && !r.status)
    .sort((a, b) => a.architecture.localeCompare(b.architecture) || a.number - b.number)
  const eLicensing = new Set(
    exported.systems.filter((s) => /ЕЛ\s*МДҚ|лиценз/i.test(s.name)).map((s) => s.id),
  )
  const isService = (row: Row) =>
    /мемлекеттік (және өзге )?(көрсетілетін )?қызмет\S* көрсет|рұқсат беру|государственн\S* услуг|разрешительн/i.test(
      (row.group ?? '').toLowerCase(),
    )
  const pairOf = new Map(exported.systems.map((s) => [s.id, s.pair]))
  const functions = rows.map((row, i) => {
    const ids = row.systemIds ?? []
    const recommended = new Set(ids.flatMap((id) => [id, pairOf.get(id) ?? id]))
    const top = Math.max(1, ...row.levels.map((l) => l.level))
    // The pattern by position (i mod 7): 0 not performed; 1 not automated; 2 and 6 the first
    // named system (or the own object) at the top level; 3 the same at level 1; 4 the own object
    // at the top level; 5 a system the row does not name at the top level.
    const kind = i % 7
    const level = kind === 0 || kind === 1 ? 0 : kind === 3 ? 1 : top
    const system =
      kind === 2 || kind === 3 || kind === 6
        ? (ids[0] ?? null)
        : kind === 5
          ? recommended.has('ekabzh')
            ? 'eup'
            : 'ekabzh'
          : null
    return { row, performed: kind !== 0, level, top, system }
  })
  const services = functions.filter(
    (f) => f.performed && isService(f.row) && !(f.system && eLicensing.has(f.system)),
  )
  const resources = new Map<string, boolean>()
  for (const f of functions.filter((x) => x.performed)) {
    for (const r of f.row.resources) resources.set(r, resources.get(r) || f.level > 0)
  }
  return {
    full: services.filter((f) => f.level >= f.top).length,
    partial: services.filter((f) => f.level > 0 && f.level < f.top).length,
    services: services.length,
    resources: resources.size,
    electronicResources: [...resources.values()].filter(Boolean).length,
  }
}

/** Undoes hono/jsx's escaping, for comparing page text with messages. */
const unescapeHtml = (html: string) =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

/** The indicator's card on the dashboard (from its anchor to the next card). */
function card(html: string, code: string): string {
  const start = html.indexOf(`id="i-${code.replaceAll('.', '-')}"`)
  if (start < 0) throw new Error(`no card ${code}`)
  const end = html.indexOf('<article', start)
  return html.slice(start, end < 0 ? undefined : end)
}
/** The raw value a card shows ('' when none). */
const cardValue = (html: string, code: string) =>
  /class="indicator-value" data-value="([^"]*)"/.exec(card(html, code))?.[1]
/** The raw value of an akimat's row of the region table ('' when none). */
function regionValue(html: string, id: number): string | undefined {
  const start = html.indexOf(`<tr data-akimat="${id}"`)
  if (start < 0) return undefined
  const row = html.slice(start, html.indexOf('</tr>', start))
  return /data-value="([^"]*)"/.exec(row)?.[1]
}
const regionRow = (html: string, id: number) => {
  const start = html.indexOf(`<tr data-akimat="${id}"`)
  return start < 0 ? '' : html.slice(start, html.indexOf('</tr>', start))
}
const regionRows = (html: string) =>
  [...html.matchAll(/<tr data-akimat="(\d+)"/g)].map((m) => Number(m[1]))

/** A JSON API client with the session cookie and the CSRF token of its sign-in. */
class ApiClient {
  cookie = ''
  csrf = ''
  constructor(
    private readonly base: () => string,
    private readonly language: Language = 'en',
  ) {}

  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.base()}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'accept-language': this.language,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? ''
      if (!/max-age=0/i.test(line)) this.cookie = [this.cookie, pair].filter(Boolean).join('; ')
    }
    return res
  }

  async signIn(path: '/api/session' | '/api/citizen/session', credentials: object) {
    const res = await this.call('POST', path, { ...credentials, password: PASSWORD })
    expect(res.status).toBe(200)
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
    return this
  }
}

/** The current year and quarter in Kazakhstan (UTC+5). */
function currentPeriods() {
  const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10)
  const year = today.slice(0, 4)
  return {
    year,
    quarter: `${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
    lastYear: String(Number(year) - 1),
  }
}
/** The period the dashboards are read in: decisions recorded now count in it. */
const YEAR = currentPeriods().year

describe.each(BACKENDS)('target indicators over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const ids = {} as Record<Level, number>
  const expected = {} as Record<Level, ExpectedFigures>
  const email = (name: string) => `${name}-${backend}@akmola.example.kz`
  let strangerAkimat = 0
  let newAkimat = 0

  async function user(name: string, organisationId: number, roles: Role[], fullName: string) {
    await createUser(server().handle.db, {
      email: email(name),
      name: fullName,
      organisationId,
      roles,
      password: PASSWORD,
    })
  }

  async function signedIn(name: string, language: Language = 'en') {
    const session = new WebSession(base, language)
    const res = await session.signIn(email(name), PASSWORD)
    expect(res.status).toBe(303)
    return session
  }

  const api = (name: string, language: Language = 'en') =>
    new ApiClient(base, language).signIn('/api/session', { email: email(name) })

  beforeAll(async () => {
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    for (const example of EXAMPLE_AKIMATS) {
      const seeded = await seedExampleAkimat(db, snapshot, example)
      ids[example.level] = seeded.organisationId
      const exported = await exportCatalog(db, { at: seeded.at })
      expected[example.level] = expectedFigures(exported, SECTION[example.level])
    }
    await user('region-editor', ids.region, ['editor'], 'Әсел Нұрланқызы')
    await user('district-editor', ids.district, ['editor'], 'Бауыржан Серікұлы')
    await user('district-reader', ids.district, ['reader'], 'Гүлнар Маратқызы')
    await user('district-operator', ids.district, ['operator'], 'Дана Қайратқызы')
    // A district akimat of another region (Qostanai, 39), with its typical set adopted.
    const stranger = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Әулиекөл ауданының әкімдігі',
      nameRu: 'Акимат Аулиекольского района',
    })
    strangerAkimat = stranger.id
    await user('stranger', stranger.id, ['editor', 'admin'], 'Ерлан Қанатұлы')
    const strangerActor = (await actorFor(
      db,
      (
        await createUser(db, {
          email: email('stranger-setup'),
          name: 'Setup',
          organisationId: stranger.id,
          roles: ['editor'],
        })
      ).userId,
      stranger.id,
    ))!
    await adoptTypicalSet(db, strangerActor, snapshot, stranger.id, {
      kato: '394200000',
      at: typicalSetOptions(snapshot, 'district')[0]!.date,
    })
    // An akimat that has not adopted the typical set.
    const fresh = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'rural',
      nameKk: 'Жаңа ауылдық округтің әкімдігі',
      nameRu: 'Акимат нового сельского округа',
    })
    newAkimat = fresh.id
    await user('fresh-editor', fresh.id, ['editor'], 'Жаңа Редактор')
    // The district akimat provides the e-services; a citizen can apply.
    const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
    await bindProvider(db, admin, ids.district, { feeKzt: 1_000, termWorkingDays: 5 })
    await applicant(db, FIXTURE_CASES.individual, 'Тестова Әлия Қайратқызы', PASSWORD)
  }, 180_000)

  it('shows each example akimat’s computed indicators as counted from the catalogue', async () => {
    const session = await signedIn('region-editor')
    const client = await api('region-editor')
    for (const level of ['region', 'district', 'rural'] as const) {
      const figures = expected[level]
      expect(figures.services, level).toBeGreaterThan(0)
      const res = await session.get(`/akimats/${ids[level]}/indicators?period=${YEAR}`)
      expect(res.status, level).toBe(200)
      const html = await res.text()
      expect(cardValue(html, '1.2.4'), level).toBe(String(figures.full))
      expect(cardValue(html, '1.2.5'), level).toBe(String(figures.partial))
      const share = (100 * (figures.full + figures.partial)) / figures.services
      expect(Number(cardValue(html, '1.2.6')), level).toBeCloseTo(share, 1)
      // What was counted, in words.
      expect(unescapeHtml(card(html, '1.2.6')), level).toContain(
        translate('en', 'indicators.basis.1.2.6', {
          numerator: figures.full + figures.partial,
          denominator: figures.services,
        }),
      )
      // 42 indicators, grouped as Appendix 2 groups them, titles in Kazakh as printed.
      expect([...html.matchAll(/<article class="indicator-card/g)]).toHaveLength(42)
      for (const group of ['1.1', '1.2', '1.3', '1.4', '1.5']) {
        expect(html).toContain(`id="g-${group.replace('.', '-')}"`)
      }
      expect(html).toContain('<h2 id="g-2">')
      expect(html).toContain(
        '<span lang="kk">Толық автоматтандырылған мемлекеттік көрсетілетін қызметтер саны (ЕЛ МДҚ АЖ автоматтандырылған қызметтерді қоспағанда)</span>',
      )
      // The same figures through the API.
      const body = await json(
        await client.call('GET', `/api/akimats/${ids[level]}/indicators?period=${YEAR}`),
      )
      const value = (code: string) =>
        body.indicators.find((i: { code: string }) => i.code === code)?.value
      expect(body.indicators).toHaveLength(42)
      expect(value('1.2.4')).toBe(figures.full)
      expect(value('1.2.5')).toBe(figures.partial)
      expect(value('1.2.6')).toBeCloseTo(share, 1)
      if (level === 'rural') {
        expect(figures.resources).toBeGreaterThan(0)
        const electronic = (100 * figures.electronicResources) / figures.resources
        expect(Number(cardValue(html, '1.2.10'))).toBeCloseTo(electronic, 1)
        expect(value('1.2.10')).toBeCloseTo(electronic, 1)
      }
      // Trend over the four periods up to this year, with the versions and the history link.
      expect(card(html, '1.2.6')).toContain('<svg')
      expect(card(html, '1.2.6')).toContain(`${Number(YEAR) - 3} – ${YEAR}`)
      expect(card(html, '1.5.1')).toContain(
        `href="/akimats/${ids[level]}/indicators/1.5.1?period=${YEAR}"`,
      )
      // The region's editor reads the district and rural akimats but enters nothing there.
      expect(html.includes(`method="post" action="/akimats/${ids[level]}/indicators"`), level).toBe(
        level === 'region',
      )
    }
  })

  it('documents the API', async () => {
    const doc = await json(await fetch(`${base()}/api/openapi.json`))
    for (const path of [
      '/api/akimats/{id}/indicators',
      '/api/akimats/{id}/indicators/record',
      '/api/akimats/{id}/indicators/{code}/history',
      '/api/regions/{region}/indicators/{code}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    expect(Object.keys(doc.paths['/api/akimats/{id}/indicators'])).toEqual(['get', 'post'])
  })

  it('computes 1.2.7 from real applications on the portal and at the desk', async () => {
    const { year, quarter, lastYear } = currentPeriods()
    const citizen = await new ApiClient(base).signIn('/api/citizen/session', {
      iin: FIXTURE_CASES.individual,
    })
    const operator = await api('district-operator')
    const form = { subject: 'Еңбек өтілі', period: '1995–2001', purpose: 'Зейнетақы' }
    const channels: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await citizen.call('POST', '/api/applications', {
        service: 'archival-certificate',
        providerOrganisationId: ids.district,
        language: 'kk',
        form,
        attachments: [],
      })
      expect(res.status).toBe(201)
      channels.push((await json(res)).channel)
    }
    for (let i = 0; i < 2; i++) {
      const res = await operator.call('POST', '/api/desk/applications', {
        service: 'archival-certificate',
        channel: 'desk',
        providerOrganisationId: ids.district,
        iin: FIXTURE_CASES.individual,
        language: 'ru',
        form,
        attachments: [],
      })
      expect(res.status).toBe(201)
      channels.push((await json(res)).channel)
    }
    const electronic = channels.filter((c) => c === 'portal').length
    expect(electronic).toBe(3)
    expect(channels.length).toBe(5)
    const share = (100 * electronic) / channels.length

    const session = await signedIn('district-editor')
    for (const period of [year, quarter]) {
      const html = await (
        await session.get(`/akimats/${ids.district}/indicators?period=${period}`)
      ).text()
      expect(Number(cardValue(html, '1.2.7')), period).toBeCloseTo(share, 2)
      expect(unescapeHtml(card(html, '1.2.7'))).toContain(
        translate('en', 'indicators.basis.1.2.7', {
          numerator: electronic,
          denominator: channels.length,
        }),
      )
    }
    // Another period had no application: no value, not 0.
    const before = await (
      await session.get(`/akimats/${ids.district}/indicators?period=${lastYear}`)
    ).text()
    expect(cardValue(before, '1.2.7')).toBe('')
    expect(card(before, '1.2.7')).toContain(translate('en', 'indicators.noValue'))
    const client = await api('district-editor')
    const body = await json(
      await client.call('GET', `/api/akimats/${ids.district}/indicators?period=${year}`),
    )
    const entry = body.indicators.find((i: { code: string }) => i.code === '1.2.7')
    expect(entry.value).toBeCloseTo(share, 2)
    expect(entry.basis).toMatchObject({ numerator: electronic, denominator: channels.length })
    const past = await json(
      await client.call('GET', `/api/akimats/${ids.district}/indicators?period=${lastYear}`),
    )
    expect(past.indicators.find((i: { code: string }) => i.code === '1.2.7').value).toBeNull()
    // The region's akimat provides nothing: no value there in the same period.
    const regionApi = await api('region-editor')
    const region = await json(
      await regionApi.call('GET', `/api/akimats/${ids.region}/indicators?period=${year}`),
    )
    expect(region.indicators.find((i: { code: string }) => i.code === '1.2.7').value).toBeNull()
  })

  it('takes a value by hand with its note, refuses one without, and keeps every version', async () => {
    const path = `/akimats/${ids.district}/indicators`
    const editor = await signedIn('district-editor')
    const page = await (await editor.get(`${path}?period=${YEAR}`)).text()
    expect(page).toContain(`method="post" action="${path}"`)
    expect(page).toContain(`method="post" action="${path}/record"`)
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!
    const saved = await editor.post(path, {
      _csrf,
      code: '1.5.1',
      period: YEAR,
      value: '87,5',
      note: 'Inventory of workplaces, 1 March 2026',
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(
      `${path}?period=${YEAR}&done=saved&code=1.5.1#i-1-5-1`,
    )
    let html = await (await editor.get(`${path}?period=${YEAR}&done=saved&code=1.5.1`)).text()
    expect(html).toContain(
      translate('en', 'indicators.done.saved', { code: '1.5.1', period: YEAR }),
    )
    expect(cardValue(html, '1.5.1')).toBe('87.5')
    expect(card(html, '1.5.1')).toContain('Inventory of workplaces, 1 March 2026')
    expect(card(html, '1.5.1')).toContain('Бауыржан Серікұлы')

    // Without a note: refused with the message in each language, the typed value kept.
    for (const language of ['kk', 'ru', 'en'] as const) {
      const session = await signedIn('district-editor', language)
      const token = await session.csrfFrom(`${path}?period=${YEAR}`)
      const res = await session.post(path, {
        _csrf: token,
        code: '1.5.2',
        period: YEAR,
        value: '64',
        note: ' ',
      })
      expect(res.status, language).toBe(400)
      const text = unescapeHtml(await res.text())
      expect(text, language).toContain(translate(language, 'akimat.error.noteRequired'))
      expect(card(text, '1.5.2')).toContain('value="64"')
      expect(card(text, '1.5.2')).toContain('<details class="indicator-form" open')
      // A computed indicator is not entered by hand.
      const computed = await session.post(path, {
        _csrf: token,
        code: '1.2.4',
        period: YEAR,
        value: '3',
        note: 'counted by hand',
      })
      expect(computed.status, language).toBe(400)
      expect(unescapeHtml(await computed.text()), language).toContain(
        translate(language, 'akimat.error.computed', { code: '1.2.4' }),
      )
      // The API says the same in the same language.
      const client = await api('district-editor', language)
      const noNote = await client.call('POST', `/api/akimats/${ids.district}/indicators`, {
        code: '1.5.2',
        period: YEAR,
        value: 64,
      })
      expect(noNote.status).toBe(400)
      expect((await json(noNote)).error.message).toBe(
        translate(language, 'akimat.error.noteRequired'),
      )
      const apiComputed = await client.call('POST', `/api/akimats/${ids.district}/indicators`, {
        code: '1.2.6',
        period: YEAR,
        value: 50,
        note: 'x',
      })
      expect(apiComputed.status).toBe(400)
      expect((await json(apiComputed)).error.message).toBe(
        translate(language, 'akimat.error.computed', { code: '1.2.6' }),
      )
    }
    // A bad period is a 400 page, translated.
    const ru = await signedIn('district-editor', 'ru')
    const bad = await ru.get(`${path}?period=${YEAR}-Q5`)
    expect(bad.status).toBe(400)
    expect(unescapeHtml(await bad.text())).toContain(
      translate('ru', 'akimat.error.period', { value: '2026-Q5' }),
    )

    // A second version through the API; the history shows both, newest first.
    const client = await api('district-editor')
    const second = await client.call('POST', `/api/akimats/${ids.district}/indicators`, {
      code: '1.5.1',
      period: YEAR,
      value: 90,
      note: 'Inventory corrected on 15 March 2026',
    })
    expect(second.status).toBe(201)
    expect(await json(second)).toMatchObject({ code: '1.5.1', value: 90, source: 'manual' })
    html = await (await editor.get(`${path}/1.5.1?period=${YEAR}`)).text()
    const versions = [
      ...html.matchAll(
        new RegExp(`<tr data-version="\\d+" data-period="${YEAR}">[\\s\\S]*?</tr>`, 'g'),
      ),
    ].map((m) => m[0])
    expect(versions).toHaveLength(2)
    expect(versions[0]).toContain('Inventory corrected on 15 March 2026')
    expect(versions[0]).toContain('data-value="90"')
    expect(versions[1]).toContain('Inventory of workplaces, 1 March 2026')
    expect(versions[1]).toContain('data-value="87.5"')
    expect(versions[1]).toContain('Бауыржан Серікұлы')
    expect(html).toContain('id="indicator-history-title"')
    const history = await json(
      await client.call('GET', `/api/akimats/${ids.district}/indicators/1.5.1/history`),
    )
    expect(
      history.versions.map((v: { value: number; recordedByName: string }) => [
        v.value,
        v.recordedByName,
      ]),
    ).toEqual([
      [90, 'Бауыржан Серікұлы'],
      [87.5, 'Бауыржан Серікұлы'],
    ])
    html = await (await editor.get(`${path}?period=${YEAR}`)).text()
    expect(cardValue(html, '1.5.1')).toBe('90')
    expect(card(html, '1.5.1')).toContain('data-versions="2"')
    // An unknown indicator has no history page.
    expect((await editor.get(`${path}/9.9.9`)).status).toBe(404)

    // Recording the computed values: four versions (1.2.10 has nothing to count: section 2
    // prints no information resources), then nothing new.
    const token = await editor.csrfFrom(`${path}?period=${YEAR}`)
    const recorded = await editor.post(`${path}/record`, { _csrf: token, period: YEAR })
    expect(recorded.status).toBe(303)
    expect(recorded.headers.get('location')).toBe(
      `${path}?period=${YEAR}&done=recorded&count=4#record`,
    )
    const again = await editor.post(`${path}/record`, { _csrf: token, period: YEAR })
    expect(again.headers.get('location')).toBe(`${path}?period=${YEAR}&done=unchanged#record`)
    const computedHistory = await json(
      await client.call('GET', `/api/akimats/${ids.district}/indicators/1.2.6/history`),
    )
    expect(computedHistory.versions).toHaveLength(1)
    expect(computedHistory.versions[0]).toMatchObject({ period: YEAR, source: 'computed' })
    expect(computedHistory.versions[0].value).toBeCloseTo(
      (100 * (expected.district.full + expected.district.partial)) / expected.district.services,
      1,
    )
    const recordApi = await client.call('POST', `/api/akimats/${ids.district}/indicators/record`, {
      period: '2025',
    })
    expect(recordApi.status).toBe(200)
    // 2025 ended before the akimat adopted its typical set: nothing to count, nothing written.
    expect((await json(recordApi)).written).toEqual([])
  })

  it('lets a reader read but not enter, checks CSRF, and hides the akimat from others', async () => {
    const path = `/akimats/${ids.district}/indicators`
    const count = async () => {
      const client = await api('district-editor')
      return (
        await json(
          await client.call('GET', `/api/akimats/${ids.district}/indicators/1.3.1/history`),
        )
      ).versions.length
    }
    const reader = await signedIn('district-reader')
    const page = await reader.get(`${path}?period=${YEAR}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).not.toContain(`method="post" action="${path}"`)
    expect(html).not.toContain(`method="post" action="${path}/record"`)
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!
    const forbidden = await reader.post(path, {
      _csrf: token,
      code: '1.3.1',
      period: YEAR,
      value: '120',
      note: 'Web analytics',
    })
    expect(forbidden.status).toBe(403)
    expect(unescapeHtml(await forbidden.text())).toContain(
      translate('en', 'akimat.error.forbidden'),
    )
    expect((await reader.post(`${path}/record`, { _csrf: token, period: YEAR })).status).toBe(403)
    const readerApi = await api('district-reader')
    expect(
      (
        await readerApi.call('POST', `/api/akimats/${ids.district}/indicators`, {
          code: '1.3.1',
          period: YEAR,
          value: 120,
          note: 'x',
        })
      ).status,
    ).toBe(403)

    // Without the CSRF token, nothing is stored.
    const editor = await signedIn('district-editor')
    const noCsrf = await editor.post(path, {
      code: '1.3.1',
      period: YEAR,
      value: '120',
      note: 'Web analytics',
    })
    expect(noCsrf.status).toBe(403)
    const editorApi = await api('district-editor')
    editorApi.csrf = ''
    expect(
      (
        await editorApi.call('POST', `/api/akimats/${ids.district}/indicators`, {
          code: '1.3.1',
          period: YEAR,
          value: 120,
          note: 'x',
        })
      ).status,
    ).toBe(403)
    expect(await count()).toBe(0)

    // Another akimat's user: everything is a 404.
    const stranger = await signedIn('stranger')
    expect((await stranger.get(`${path}?period=${YEAR}`)).status).toBe(404)
    expect((await stranger.get(`${path}/1.5.1`)).status).toBe(404)
    const strangerToken = await stranger.csrfFrom(`/akimats/${strangerAkimat}/indicators`)
    expect(
      (
        await stranger.post(path, {
          _csrf: strangerToken,
          code: '1.3.1',
          period: YEAR,
          value: '1',
          note: 'x',
        })
      ).status,
    ).toBe(404)
    const strangerApi = await api('stranger')
    expect((await strangerApi.call('GET', `/api/akimats/${ids.district}/indicators`)).status).toBe(
      404,
    )
    expect(
      (await strangerApi.call('GET', `/api/akimats/${ids.district}/indicators/1.5.1/history`))
        .status,
    ).toBe(404)
    expect(
      (
        await strangerApi.call('POST', `/api/akimats/${ids.district}/indicators`, {
          code: '1.3.1',
          period: YEAR,
          value: 1,
          note: 'x',
        })
      ).status,
    ).toBe(404)
    expect(await count()).toBe(0)
    // Signed out: to the sign-in page.
    const anonymous = await fetch(`${base()}${path}`, { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/)
  })

  it('says when an akimat has not adopted the typical set, and offers no form', async () => {
    const session = await signedIn('fresh-editor', 'ru')
    const res = await session.get(`/akimats/${newAkimat}/indicators`)
    expect(res.status).toBe(200)
    const html = unescapeHtml(await res.text())
    expect(html).toContain(translate('ru', 'indicators.notAdopted'))
    expect(html).toContain(`href="/akimats/${newAkimat}"`)
    expect(html).not.toContain(`method="post" action="/akimats/${newAkimat}/indicators`)
    expect(cardValue(html, '1.2.6')).toBe('')
    expect(card(html, '1.2.6')).toContain(translate('ru', 'indicators.basis.notAdopted'))
    expect(html).toContain(
      `<h1>${translate('ru', 'indicators.title')}: ${currentPeriods().year}</h1>`,
    )
  })

  it('compares one indicator across region 11 for those who may read it', async () => {
    const regionApi = await api('region-editor')
    const districtApi = await api('district-editor')
    expect(
      (
        await regionApi.call('POST', `/api/akimats/${ids.region}/indicators`, {
          code: '1.5.4',
          period: YEAR,
          value: 75,
          note: 'EDMS licences, 2026',
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await districtApi.call('POST', `/api/akimats/${ids.district}/indicators`, {
          code: '1.5.4',
          period: YEAR,
          value: '62.5',
          note: 'EDMS licences',
        })
      ).status,
    ).toBe(201)
    const session = await signedIn('region-editor', 'kk')
    const res = await session.get(`/akimats/region/11?code=1.5.4&period=${YEAR}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(regionRows(html)).toEqual([ids.region, ids.district, ids.rural])
    expect(regionValue(html, ids.region)).toBe('75')
    expect(regionValue(html, ids.district)).toBe('62.5')
    expect(regionValue(html, ids.rural)).toBe('')
    expect(regionRow(html, ids.rural)).toContain(translate('kk', 'indicators.noValue'))
    expect(html).toContain('id="indicator-region-title"')
    expect(html).toContain(`<option value="1.5.4" selected="">`)
    // The chart writes "no value" too.
    expect(html.split(translate('kk', 'indicators.noValue')).length).toBeGreaterThan(2)

    // A computed indicator: the examples' own figures.
    const computed = await (
      await session.get(`/akimats/region/11?code=1.2.4&period=${YEAR}`)
    ).text()
    for (const level of ['region', 'district', 'rural'] as const) {
      expect(regionValue(computed, ids[level]), level).toBe(String(expected[level].full))
    }
    const body = await json(
      await regionApi.call('GET', `/api/regions/11/indicators/1.5.4?period=${YEAR}`),
    )
    expect(
      body.akimats.map((a: { id: number; value: number | null; kato: string }) => [
        a.id,
        a.kato,
        a.value,
      ]),
    ).toEqual([
      [ids.region, '110000000', 75],
      [ids.district, '114200000', 62.5],
      [ids.rural, '114230100', null],
    ])

    // A district akimat's user sees only its own akimat there; another region's, nothing (404).
    const district = await signedIn('district-editor')
    expect(regionRows(await (await district.get('/akimats/region/11?code=1.5.4')).text())).toEqual([
      ids.district,
    ])
    const stranger = await signedIn('stranger', 'ru')
    const refused = await stranger.get(`/akimats/region/11?code=1.5.4&period=${YEAR}`)
    expect(refused.status).toBe(404)
    expect(unescapeHtml(await refused.text())).toContain(
      translate('ru', 'indicators.error.noRegion', { region: '11' }),
    )
    expect(
      (await (await api('stranger')).call('GET', '/api/regions/11/indicators/1.5.4')).status,
    ).toBe(404)
    // Its own region is there.
    expect(regionRows(await (await stranger.get('/akimats/region/39')).text())).toEqual([
      strangerAkimat,
    ])
  })
})
