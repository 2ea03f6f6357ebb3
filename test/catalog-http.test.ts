/**
 * The catalogue's pages and JSON API over real HTTP, with the bundled acts, on each backend.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'

describe.each(BACKENDS)('catalogue over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const get = (path: string, init?: RequestInit) => fetch(`${server().url}${path}`, init)

  it('gives levels with groups and counts as at a date', async () => {
    const res = await get('/api/catalog/levels?at=2017-01-01')
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.levels.map((l: { rows: number }) => l.rows)).toEqual([757, 423, 37])
    expect(body.levels[0].title).toMatchObject({ act: '158', language: 'kk' })
    expect(body.notices).toEqual([])
    const today = await json(await get('/api/catalog/levels'))
    expect(today.notices[0].kind).toBe('nothing-in-force')
  })

  it('filters rows and downloads the same list as CSV and XLSX', async () => {
    const query = 'at=2017-01-01&section=2&withoutSystem=1'
    const body = await json(await get(`/api/catalog/rows?${query}`))
    expect(body.total).toBeGreaterThan(0)
    expect(body.rows.every((r: { section: number; systems: string[] }) => r.section === 2)).toBe(
      true,
    )
    expect(body.rows.every((r: { systems: string[] }) => r.systems.length === 0)).toBe(true)

    const csv = await get(`/api/catalog/rows?${query}&format=csv`)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="e-akimat-rows-2017-01-01.csv"',
    )
    const records = parse(await csv.text(), { bom: true, columns: true }) as { id: string }[]
    expect(records.map((r) => r.id)).toEqual(body.rows.map((r: { id: string }) => r.id))

    // The page's download link gives the same rows.
    const page = await get(`/catalog/rows.xlsx?${query}`)
    expect(page.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await page.arrayBuffer())
    const sheet = workbook.getWorksheet('Rows')!
    expect(sheet.rowCount - 1).toBe(body.total)
    expect(sheet.getRow(2).getCell(1).value).toBe(body.rows[0].id)
  })

  it('gives one row with its systems, the original lines and its history', async () => {
    const res = await get('/api/catalog/rows/352/2/206')
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.row.function).toBe('регистрация и постановка на учет безработных граждан')
    expect(body.systems.map((s: { printed: string }) => s.printed)).toEqual(body.row.systems)
    expect(body.original[0].line).toBe(body.row.lines[0])
    expect(body.original.map((o: { text: string }) => o.text).join(' ')).toContain('безработных')
    expect(body.history).toEqual([
      expect.objectContaining({ act: '352', change: 'restated', validFrom: '2022-10-14' }),
    ])
    expect((await get('/api/catalog/rows/352/2/9999')).status).toBe(404)
    expect((await get('/api/catalog/rows/352/x/1')).status).toBe(400)
  })

  it('answers search with the same rows for «ЭҮП» and «ПЭП»', async () => {
    const refs = async (q: string) => {
      const body = await json(
        await get(`/api/search?q=${encodeURIComponent(q)}&kind=row&limit=200`),
      )
      return new Set(body.results.map((r: { ref: string }) => r.ref))
    }
    const kk = await refs('ЭҮП')
    expect(kk.size).toBeGreaterThan(10)
    expect(await refs('ПЭП')).toEqual(kk)
  })

  it('rejects bad parameters with a message in the user’s language', async () => {
    const ru = await get('/api/catalog/rows?at=2022-02-30', {
      headers: { 'accept-language': 'ru' },
    })
    expect(ru.status).toBe(400)
    expect((await json(ru)).error.message).toContain('не дата')
    const en = await get('/api/catalog/rows?section=x&lang=en')
    expect(en.status).toBe(400)
    expect((await json(en)).error.message).toContain('section must be a whole number')
    expect((await get('/api/search?q=')).status).toBe(400)
    const missing = await get('/api/catalog/changes?to=352', {
      headers: { 'accept-language': 'ru' },
    })
    expect(missing.status).toBe(400)
    expect((await json(missing)).error.message).toContain('Укажите from.')
    const noQuery = await get('/api/search?lang=kk')
    expect((await json(noQuery)).error.message).toContain('Не іздейтініңізді жазыңыз')
    expect((await get(`/api/search?q=${'а'.repeat(201)}`)).status).toBe(400)
    expect((await get('/api/search?q=x&kind=film')).status).toBe(400)
    expect((await get('/api/catalog/rows?format=pdf')).status).toBe(400)
    expect((await get('/api/catalog/changes?from=2022-01-01&to=999')).status).toBe(400)
    const page = await get('/catalog?at=2017-13-01&lang=en')
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('is not a date')
  })

  it('documents the catalogue API in OpenAPI', async () => {
    const doc = await json(await get('/api/openapi.json'))
    for (const path of [
      '/api/catalog/levels',
      '/api/catalog/rows',
      '/api/catalog/rows/{act}/{section}/{number}',
      '/api/catalog/systems',
      '/api/catalog/systems/{id}',
      '/api/catalog/coverage',
      '/api/catalog/acts',
      '/api/catalog/acts/{id}',
      '/api/catalog/changes',
      '/api/search',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined()
    }
    const params = doc.paths['/api/catalog/rows'].get.parameters.map(
      (p: { name: string }) => p.name,
    )
    expect(params).toEqual(
      expect.arrayContaining([
        'at',
        'section',
        'group',
        'system',
        'unit',
        'withoutSystem',
        'format',
      ]),
    )
  })

  it('renders every catalogue page, with the notice on a date without loaded text', async () => {
    for (const path of [
      '/catalog?at=2017-01-01',
      '/catalog/rows?section=3&at=2017-01-01',
      '/catalog/rows/158/1/6',
      '/catalog/systems',
      '/catalog/systems?all=1',
      '/catalog/coverage?at=2017-01-01',
      '/catalog/acts',
      '/catalog/acts/142',
      '/catalog/changes',
      '/catalog/changes?from=142&to=352',
      '/search?q=%D3%A9%D1%82%D1%96%D0%BD%D1%96%D1%88',
    ]) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}lang=en`)
      expect(res.status, path).toBe(200)
      expect(await res.text(), path).toContain('<h1>')
    }
    const html = await (await get('/catalog?lang=en')).text()
    expect(html).toContain('No loaded text of the typical architecture is in force on')
    expect(html).toContain('href="/catalog?lang=en&amp;at=2022-12-31"')
    const coverage = await (await get('/catalog/coverage?at=2017-01-01&lang=en')).text()
    expect(coverage).toMatch(/<svg[^>]*role="group"[^>]*aria-labelledby="coverage-levels-title/)
  })

  it('downloads search results as CSV, best first', async () => {
    const q = encodeURIComponent('мекенжайлардың')
    const api = await json(await get(`/api/search?q=${q}&limit=20`))
    const csv = await get(`/search.csv?q=${q}&limit=20`)
    expect(csv.status).toBe(200)
    const records = parse(await csv.text(), { bom: true, columns: true }) as { text: string }[]
    expect(records.map((r) => r.text)).toEqual(
      api.results.map((r: { function: string }) => r.function),
    )
  })

  it('downloads search results from the API too, all of them unless a limit is given', async () => {
    const q = encodeURIComponent('ЭҮП')
    const api = await json(await get(`/api/search?q=${q}&limit=200`))
    const csv = await get(`/api/search?q=${q}&format=csv`)
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="e-akimat-search.csv"',
    )
    const records = parse(await csv.text(), { bom: true, columns: true }) as unknown[]
    expect(records).toHaveLength(api.total)
  })

  it('explains a comparison it cannot make, in the user’s language, and what a date lacks', async () => {
    const bad = await get('/api/catalog/changes?from=2022-01-01&to=999&lang=ru')
    expect(bad.status).toBe(400)
    expect((await json(bad)).error.message).toContain(
      '«999» — не дата (ГГГГ-ММ-ДД) и не загруженный акт',
    )
    const html = await (await get('/catalog/changes?from=2022-10-13&to=352&lang=en')).text()
    expect(html).toContain('The text of act 304 is not loaded')
  })

  it('pages a long list of rows, keeping the filters in the page links', async () => {
    const count = (html: string) => (html.match(/href="\/catalog\/rows\/158\/1\/\d+/g) ?? []).length
    const first = await (await get('/catalog/rows?section=1&at=2017-01-01&lang=en')).text()
    expect(count(first)).toBe(200)
    expect(first).toContain('href="/catalog/rows?at=2017-01-01&amp;section=1&amp;page=4"')
    const last = await (await get('/catalog/rows?section=1&at=2017-01-01&page=4')).text()
    expect(count(last)).toBe(757 - 600)
    expect((await get('/catalog/rows?section=1&at=2017-01-01&page=5')).status).toBe(404)
  })

  it('tells on a row page whether the version is the one in force on the date', async () => {
    const inForce = await (await get('/catalog/rows/352/2/206?at=2022-11-01&lang=en')).text()
    expect(inForce).not.toContain('No version of this row is in force')
    const before = await (await get('/catalog/rows/352/2/206?at=2022-01-01&lang=en')).text()
    expect(before).toContain('No version of this row is in force on 2022-01-01.')
    expect((await get('/catalog/rows/352/2/1e2')).status).toBe(404)
  })

  it('shows script and markup in a query as text', async () => {
    const q = '<script>alert(1)</script> "ЭҮП"'
    const html = await (await get(`/search?q=${encodeURIComponent(q)}`)).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
