/**
 * The executable typical architecture over real HTTP on each backend: the public coverage report
 * (page in kk/ru/en, CSV with one line per report row, JSON); a district akimat that adopted the
 * 304 set switches on 304:2.205 through its page form and sees it on, with its architecture, gap
 * report and indicators changed; refusals (anonymous, another akimat, a non-administrator, a
 * centrally covered or unautomatable function, a bad configuration) in the request language; a
 * registry of records written through the form and the API, exported as CSV, edited into a
 * second version, and read-only once switched off.
 */
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { typicalSetOptions } from '../src/akimat/index.js'
import { createOrganisation, createUser, type Role } from '../src/auth/index.js'
import { coverageReport } from '../src/automation/index.js'
import { type CatalogSnapshot, loadCatalogSnapshot } from '../src/catalog/index.js'
import { type Language, type MessageKey, translate } from '../src/i18n/index.js'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'Талдықорған қаласы 2026 жыл'
const KEY = '304:2.205'

/** Undoes hono/jsx's escaping, for comparing page text with messages. */
const unescapeHtml = (html: string) =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!
const enc = encodeURIComponent

interface Field {
  id: string
  type: 'text' | 'textarea' | 'date' | 'number'
  required: boolean
}

/** A valid value for each field of a registry. */
const valuesFor = (fields: Field[], text: string): Record<string, string> =>
  Object.fromEntries(
    fields.map((f) => [
      f.id,
      f.type === 'date' ? '2026-01-15' : f.type === 'number' ? '12' : `${text} ${f.id}`,
    ]),
  )

describe.each(BACKENDS)('executable typical architecture over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  let snapshot: CatalogSnapshot
  let akimat = 0
  let otherAkimat = 0
  const sessions = {} as Record<'admin' | 'operator' | 'stranger', WebSession>

  async function api(
    session: WebSession,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    body?: unknown,
    language: Language = 'en',
  ): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: session.header(),
      'accept-language': language,
    }
    if (method !== 'GET') {
      headers['content-type'] = 'application/json'
      headers['x-csrf-token'] = await session.csrfFrom('/account')
    }
    return fetch(`${base()}${path}${path.includes('?') ? '&' : '?'}lang=${language}`, {
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
    snapshot = await loadCatalogSnapshot(db)
    const org = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Ескелді ауданының әкімдігі',
      nameRu: 'Акимат Ескельдинского района',
    })
    akimat = org.id
    const other = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Көксу ауданының әкімдігі',
      nameRu: 'Акимат Коксуского района',
    })
    otherAkimat = other.id
    const people: [keyof typeof sessions, number, Role[]][] = [
      ['admin', akimat, ['admin']],
      ['operator', akimat, ['operator']],
      ['stranger', otherAkimat, ['admin']],
    ]
    for (const [name, organisationId, roles] of people) {
      await createUser(db, {
        email: `${name}@automation.example.kz`,
        name: `Қызметкер ${name}`,
        organisationId,
        roles,
        password: PASSWORD,
      })
      sessions[name] = new WebSession(base)
      expect((await sessions[name].signIn(`${name}@automation.example.kz`, PASSWORD)).status).toBe(
        303,
      )
    }
    const option = typicalSetOptions(snapshot, 'district').find((o) => o.architecture === '304')!
    const adopted = await api(sessions.admin, 'POST', `/api/akimats/${akimat}/adopt`, {
      kato: '195630000',
      at: option.date,
    })
    expect(adopted.status, await adopted.clone().text()).toBe(200)
  }, 180_000)

  it('shows the coverage report in kk, ru and en, as CSV with one line per row, and as JSON', async () => {
    const report = coverageReport(snapshot)
    const anonymous = new WebSession(base)
    for (const language of ['kk', 'ru', 'en'] as const) {
      const html = await page(anonymous, `/automation/coverage?lang=${language}`)
      expect(html).toContain(`<html lang="${language}">`)
      expect(unescapeHtml(html)).toContain(translate(language, 'automation.report.title'))
      expect(html).toContain(`data-total-rows="${report.totals.rows}"`)
      for (const s of report.sections) {
        expect(html).toContain(
          `data-section="${s.architecture}:${s.section}" data-rows="${s.rows}"`,
        )
      }
      expect(html).toMatch(/<svg[^>]*class="chart chart-stacked"/)
      expect(html).toContain('href="/automation/coverage.csv"')
    }
    const res = await anonymous.get('/automation/coverage.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/)
    const rows = parse(Buffer.from(await res.arrayBuffer()), { columns: true, bom: true }) as {
      architecture: string
      section: string
      number: string
      pattern: string
    }[]
    expect(rows).toHaveLength(report.rows.length)
    expect(rows.map((r) => `${r.architecture}:${r.section}.${r.number}`)).toEqual(
      report.rows.map((r) => r.key),
    )
    expect(rows.map((r) => r.pattern)).toEqual(report.rows.map((r) => r.classification.pattern))

    const body = await json(await fetch(`${base()}/api/automation/coverage?rows=1`))
    expect(body.totals.rows).toBe(report.totals.rows)
    expect(body.sections.map((s: { rows: number }) => s.rows)).toEqual(
      report.sections.map((s) => s.rows),
    )
    expect(body.rows).toHaveLength(report.rows.length)
    const brief = await json(await fetch(`${base()}/api/automation/coverage`))
    expect(brief.rows).toBeUndefined()
  })

  it('keeps an akimat’s automation and registries from anyone but its own users', async () => {
    const anonymous = new WebSession(base)
    for (const path of [
      `/akimats/${akimat}/automation`,
      `/akimats/${akimat}/automation/${enc(KEY)}`,
      `/akimats/${akimat}/registries`,
    ]) {
      const res = await anonymous.get(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
      expect((await sessions.stranger.get(path)).status, path).toBe(404)
    }
    expect((await fetch(`${base()}/api/akimats/${akimat}/automation`)).status).toBe(401)
    for (const path of [`/api/akimats/${akimat}/automation`, `/api/akimats/${akimat}/registries`]) {
      expect((await api(sessions.stranger, 'GET', path)).status, path).toBe(404)
    }
    const switched = await api(
      sessions.stranger,
      'POST',
      `/api/akimats/${akimat}/automation/${enc(KEY)}/on`,
    )
    expect(switched.status).toBe(404)
    // Its own tab shows for its users only.
    const own = await page(sessions.admin, `/akimats/${akimat}`)
    expect(own).toContain(`href="/akimats/${akimat}/automation"`)
  })

  it('lets the akimat’s administrator switch 304:2.205 on through the form; the architecture counts it', async () => {
    const gapsBefore = await json(await api(sessions.admin, 'GET', `/api/akimats/${akimat}/gaps`))
    expect(gapsBefore.notAutomated).toContain(KEY)
    const year = new Date().getFullYear()
    const indicatorsBefore = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/indicators?period=${year}`),
    )
    const overview = await page(sessions.admin, `/akimats/${akimat}/automation`)
    const row = new RegExp(`<tr data-key="${KEY}"[\\s\\S]*?</tr>`).exec(overview)![0]
    expect(row).toContain('data-state="never"')
    expect(row).toContain(`action="/akimats/${akimat}/automation/${enc(KEY)}/on"`)
    expect(unescapeHtml(row)).toContain(translate('en', 'automation.pattern.application'))

    // An operator may look, but not switch.
    const operatorPage = await page(sessions.operator, `/akimats/${akimat}/automation`)
    expect(operatorPage).not.toContain(`/automation/${enc(KEY)}/on"`)
    const refused = await sessions.operator.post(
      `/akimats/${akimat}/automation/${enc(KEY)}/on?lang=ru`,
      { _csrf: csrfOf(operatorPage) },
    )
    expect(refused.status).toBe(403)
    expect(unescapeHtml(await refused.text())).toContain(
      translate('ru', 'automation.error.forbidden'),
    )
    const refusedApi = await api(
      sessions.operator,
      'POST',
      `/api/akimats/${akimat}/automation/${enc(KEY)}/on`,
    )
    expect(refusedApi.status).toBe(403)

    // ПЭП and ИС РШЭП provide 2 of the 20 social services: without the confirmation, a 400.
    const unconfirmed = await sessions.admin.post(`/akimats/${akimat}/automation/${enc(KEY)}/on`, {
      _csrf: csrfOf(overview),
    })
    expect(unconfirmed.status).toBe(400)
    expect(unescapeHtml(await unconfirmed.text())).toContain('this service is not among them')
    expect(row).toContain('name="confirmNotCentral"')
    const on = await sessions.admin.post(`/akimats/${akimat}/automation/${enc(KEY)}/on`, {
      _csrf: csrfOf(overview),
      confirmNotCentral: 'on',
    })
    expect(on.status).toBe(303)
    const location = on.headers.get('location')!
    expect(location).toBe(`/akimats/${akimat}/automation?done=on&key=${enc(KEY)}`)
    const after = await page(sessions.admin, location)
    const rowAfter = new RegExp(`<tr data-key="${KEY}"[\\s\\S]*?</tr>`).exec(after)![0]
    expect(rowAfter).toContain('data-state="on"')
    expect(rowAfter).toContain(`/automation/${enc(KEY)}/off"`)
    expect(unescapeHtml(after)).toContain(translate('en', 'automation.done.on', { key: KEY }))

    const gapsAfter = await json(await api(sessions.admin, 'GET', `/api/akimats/${akimat}/gaps`))
    expect(gapsAfter.notAutomated).not.toContain(KEY)
    expect(gapsAfter.counts.automated).toBe(gapsBefore.counts.automated + 1)
    const indicatorsAfter = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/indicators?period=${year}`),
    )
    const values = (body: { indicators: { code: string; value: unknown }[] }) =>
      body.indicators.map((i) => `${i.code}=${JSON.stringify(i.value)}`)
    expect(values(indicatorsAfter)).not.toEqual(values(indicatorsBefore))
    // The architecture pages name e-akimat (not a catalogue system: no link to one).
    const architecture = await page(sessions.admin, `/akimats/${akimat}`)
    expect(architecture).toContain('<span class="e-akimat">e-akimat</span>')
    expect(architecture).not.toContain('href="/catalog/systems/e-akimat"')
    const fn = await page(sessions.admin, `/akimats/${akimat}/functions/${enc(KEY)}`)
    expect(fn).toMatch(/<option value="e-akimat" selected="">e-akimat<\/option>/)
    await page(sessions.admin, `/akimats/${akimat}/gaps`)

    // The detail page: the generated service and its registries.
    const detail = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/automation/${enc(KEY)}`),
    )
    expect(detail.automation.enabled).toBe(true)
    expect(detail.automation.serviceCode).toMatch(/^ea-\d+-304-2-205$/)
    expect(detail.versions).toHaveLength(1)
    const html = await page(sessions.admin, `/akimats/${akimat}/automation/${enc(KEY)}`)
    expect(html).toContain(`href="/services/${detail.automation.serviceCode}"`)
    expect(html).toContain(`action="/akimats/${akimat}/automation/${enc(KEY)}/config"`)
    expect((await sessions.admin.get(`/services/${detail.automation.serviceCode}`)).status).toBe(
      200,
    )
  })

  it('refuses a function a central system covers, or one that fits no pattern, in the request language', async () => {
    const overview = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/automation`),
    )
    type F = {
      key: string
      coverage: string
      systems: string[]
      classification: { pattern: string; reason: string }
    }
    const central = (overview.functions as F[]).find(
      (f) => f.coverage === 'central' && f.classification.pattern !== 'none',
    )
    const none = (overview.functions as F[]).find((f) => f.classification.pattern === 'none')
    expect(central ?? none).toBeDefined()
    const html = await page(sessions.admin, `/akimats/${akimat}/automation`)
    if (central) {
      // The systems by their names in the catalogue, not their ids.
      const names: string[] = []
      for (const id of central.systems) {
        const found = await json(await api(sessions.admin, 'GET', `/api/catalog/systems/${id}`))
        names.push(found.system.system.name)
      }
      const centralNames = [...new Set(names)].join(', ')
      const res = await sessions.admin.post(
        `/akimats/${akimat}/automation/${enc(central.key)}/on?lang=ru`,
        { _csrf: csrfOf(html) },
      )
      expect(res.status).toBe(400)
      expect(unescapeHtml(await res.text())).toContain(
        translate('ru', 'automation.error.central', {
          key: central.key,
          systems: centralNames,
        }),
      )
      const viaApi = await api(
        sessions.admin,
        'POST',
        `/api/akimats/${akimat}/automation/${enc(central.key)}/on`,
        undefined,
        'kk',
      )
      expect(viaApi.status).toBe(400)
      expect((await json(viaApi)).error.message).toBe(
        translate('kk', 'automation.error.central', {
          key: central.key,
          systems: centralNames,
        }),
      )
    }
    if (none) {
      const viaApi = await api(
        sessions.admin,
        'POST',
        `/api/akimats/${akimat}/automation/${enc(none.key)}/on`,
        undefined,
        'ru',
      )
      expect(viaApi.status).toBe(400)
      expect((await json(viaApi)).error.message).toBe(
        translate('ru', 'automation.error.notAutomatable', {
          key: none.key,
          reason: none.classification.reason,
        }),
      )
    }
  })

  it('refuses a configuration with a bad field id (page and API), and saves a good one as a new version', async () => {
    const path = `/akimats/${akimat}/automation/${enc(KEY)}`
    const html = await page(sessions.admin, path)
    const revision = /name="revision" value="(\d+)"/.exec(html)![1]!
    const form = (id: string): Record<string, string> => ({
      _csrf: csrfOf(html),
      revision,
      nameKk: '',
      nameRu: '',
      nameEn: 'Benefit',
      'field.count': '2',
      'field.0.id': 'subject',
      'field.0.type': 'textarea',
      'field.0.labelKk': 'Өтініштің мәні',
      'field.0.labelRu': 'Суть заявления',
      'field.0.labelEn': 'What you apply for',
      'field.0.required': 'on',
      'field.1.id': id,
      'field.1.type': 'text',
      'field.1.labelKk': 'Балалар саны',
      'field.1.labelRu': 'Число детей',
      'field.1.labelEn': 'Children',
      attachment: 'optional',
      decisionDays: '5',
      issueDays: '2',
      termDays: '10',
      'recipient.individual': 'on',
      'writers.shown': '1',
      'writer.operator': 'on',
      'writer.admin': 'on',
    })
    const bad = await sessions.admin.post(`${path}/config?lang=ru`, form('Bad id'))
    expect(bad.status).toBe(400)
    const badHtml = unescapeHtml(await bad.text())
    expect(badHtml).toContain(translate('ru', 'automation.error.config', { detail: '' }))
    expect(badHtml).toContain('value="Bad id"')
    const badApi = await api(
      sessions.admin,
      'PUT',
      `/api/akimats/${akimat}/automation/${enc(KEY)}/config`,
      {
        config: {
          name: {},
          fields: [
            { id: '1x', type: 'text', label: { kk: 'a', ru: 'a', en: 'a' }, required: false },
          ],
          attachment: 'none',
          decisionDays: 5,
          issueDays: 2,
          termDays: 10,
          recipientTypes: ['individual'],
          writerRoles: ['admin'],
        },
      },
    )
    expect(badApi.status).toBe(400)

    const good = await sessions.admin.post(`${path}/config`, form('children'))
    expect(good.status).toBe(303)
    expect(good.headers.get('location')).toBe(`${path}?done=configured`)
    const detail = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/automation/${enc(KEY)}`),
    )
    expect(detail.automation.config.fields.map((f: { id: string }) => f.id)).toEqual([
      'subject',
      'children',
    ])
    expect(detail.automation.config.name).toEqual({ en: 'Benefit' })
    expect(detail.versions).toHaveLength(2)
  })

  it('keeps a registry of records: form and API, CSV, versions, read-only once switched off', async () => {
    const overview = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/automation`),
    )
    // The district set of 304 has one function that keeps records and that no central system
    // covers (its registry-pattern rows are covered centrally): take the first such.
    const registryFn = (
      overview.functions as { key: string; offered: boolean; classification: { pattern: string } }[]
    ).find((f) => f.offered && f.classification.pattern !== 'application')
    expect(registryFn).toBeDefined()
    const key = registryFn!.key
    const on = await api(sessions.admin, 'POST', `/api/akimats/${akimat}/automation/${enc(key)}/on`)
    expect(on.status).toBe(200)
    const detail = await json(
      await api(sessions.admin, 'GET', `/api/akimats/${akimat}/automation/${enc(key)}`),
    )
    const registry = detail.registries.find((r: { kind: string }) => r.kind === 'records')
    expect(registry).toBeDefined()
    const fields = registry.fields as Field[]
    const registryPage = `/akimats/${akimat}/registries/${registry.id}`
    // The detail page offers the registry's field editor to the administrator, in Russian too.
    const detailHtml = await page(
      sessions.admin,
      `/akimats/${akimat}/automation/${enc(key)}?lang=ru`,
    )
    expect(detailHtml).toContain(`name="reg.${registry.slot}.count"`)
    expect(detailHtml).toContain(`href="${registryPage}"`)
    expect(detailHtml).not.toContain('name="field.count"')

    // The list names it; a stranger gets nothing, and a registry under another akimat's id neither.
    const list = await page(sessions.operator, `/akimats/${akimat}/registries`)
    expect(list).toContain(`href="${registryPage}"`)
    expect((await sessions.stranger.get(registryPage)).status).toBe(404)
    expect(
      (await sessions.operator.get(`/akimats/${otherAkimat}/registries/${registry.id}`)).status,
    ).toBe(404)

    // Through the form (an operator writes by default).
    const html = await page(sessions.operator, registryPage)
    expect(html).toContain(`action="${registryPage}/records"`)
    const viaForm = valuesFor(fields, 'Форма')
    const added = await sessions.operator.post(`${registryPage}/records`, {
      _csrf: csrfOf(html),
      ...viaForm,
    })
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe(`${registryPage}?done=added&number=1`)
    // A required field left empty: the form again with the message.
    const required = fields.find((f) => f.required)
    if (required) {
      const missing = await sessions.operator.post(`${registryPage}/records?lang=kk`, {
        _csrf: csrfOf(html),
        ...viaForm,
        [required.id]: '',
      })
      expect(missing.status).toBe(400)
    }

    // Through the API.
    const viaApi = valuesFor(fields, 'API')
    const created = await api(
      sessions.operator,
      'POST',
      `/api/akimats/${akimat}/registries/${registry.id}/records`,
      { data: viaApi },
    )
    expect(created.status).toBe(201)
    const record = await json(created)
    expect(record.number).toBe(2)

    const view = await json(
      await api(sessions.operator, 'GET', `/api/akimats/${akimat}/registries/${registry.id}`),
    )
    expect(view.records).toHaveLength(2)
    expect(view.writable).toBe(true)

    // CSV in the request language, with both records.
    const csv = await sessions.operator.get(`${registryPage}.csv?lang=ru`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = parse(Buffer.from(await csv.arrayBuffer()), { bom: true }) as string[][]
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain(registry.fields[0].label.ru as string)
    const first = fields[0]!.id
    expect(lines.flat()).toContain(viaForm[first])
    expect(lines.flat()).toContain(viaApi[first])

    // Editing through the record's form makes a second version.
    const recordId = view.records[0].id
    const recordPage = `${registryPage}/records/${recordId}`
    const recordHtml = await page(sessions.operator, recordPage)
    const revision = /name="_revision" value="(\d+)"/.exec(recordHtml)![1]!
    const saved = await sessions.operator.post(recordPage, {
      _csrf: csrfOf(recordHtml),
      _revision: revision,
      ...viaForm,
      [first]: `${viaForm[first]} (түзетілді)`,
    })
    expect(saved.status).toBe(303)
    const history = await json(
      await api(
        sessions.operator,
        'GET',
        `/api/akimats/${akimat}/registries/${registry.id}/records/${recordId}/history`,
      ),
    )
    expect(history.versions.map((v: { change: string }) => v.change)).toEqual([
      'created',
      'updated',
    ])
    expect(history.versions[1].data[first]).toBe(`${viaForm[first]} (түзетілді)`)
    const afterEdit = await page(sessions.operator, recordPage)
    expect((afterEdit.match(/<tr data-change=/g) ?? []).length).toBe(2)
    // The stale revision is refused.
    const stale = await api(
      sessions.operator,
      'PATCH',
      `/api/akimats/${akimat}/registries/${registry.id}/records/${recordId}`,
      { data: viaForm, expectedRevision: Number(revision) },
    )
    expect(stale.status).toBe(409)

    // Switched off: the records stay, read-only.
    const overviewHtml = await page(sessions.admin, `/akimats/${akimat}/automation`)
    const off = await sessions.admin.post(`/akimats/${akimat}/automation/${enc(key)}/off`, {
      _csrf: csrfOf(overviewHtml),
    })
    expect(off.status).toBe(303)
    const readOnly = await json(
      await api(sessions.operator, 'GET', `/api/akimats/${akimat}/registries/${registry.id}`),
    )
    expect(readOnly.records).toHaveLength(2)
    expect(readOnly.writable).toBe(false)
    const refused = await api(
      sessions.operator,
      'POST',
      `/api/akimats/${akimat}/registries/${registry.id}/records`,
      { data: viaApi },
      'ru',
    )
    expect(refused.status).toBe(409)
    expect((await json(refused)).error.message).toBe(
      translate('ru', 'automation.error.switchedOff' as MessageKey),
    )
    const offPage = await page(sessions.operator, registryPage)
    expect(offPage).not.toContain(`action="${registryPage}/records"`)
    const refusedForm = await sessions.operator.post(`${registryPage}/records`, {
      _csrf: csrfOf(offPage),
      ...viaForm,
    })
    expect(refusedForm.status).toBe(409)
  })
})
