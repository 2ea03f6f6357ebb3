/**
 * An akimat's import and export over real HTTP on each backend (`/akimats/:id/exchange`): the
 * downloads (XLSX, CSV, ArchiMate, Backstage) with server-made names; an editor uploads the
 * workbook unchanged (nothing changes) and edited (exactly that changes); a workbook with bad
 * rows is refused with 400 and a table of rows, columns, keys and messages in kk, ru and en, and
 * nothing is stored; a reader sees the downloads but no form and gets 403 when posting anyway;
 * someone of another akimat gets 404; a post without the CSRF field is 403 and a body over the
 * limit is 413.
 */
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type AkimatArchitecture,
  akimatArchitecture,
  EXAMPLE_AKIMATS,
  seedExampleAkimat,
} from '../src/akimat/index.js'
import { createOrganisation, createUser, type Role } from '../src/auth/index.js'
import { type CatalogSnapshot, loadCatalogSnapshot } from '../src/catalog/index.js'
import { checkArchimateStructure, checkBackstageEntities } from '../src/exchange/index.js'
import { type Language, type MessageKey, translate } from '../src/i18n/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'Көкшетау тауы 2026 жыл'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
type Cell = string | number | null

/** Undoes hono/jsx's escaping, for comparing page text with messages. */
const unescapeHtml = (html: string) =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

/** The problems table of a page: [row, column, key, message] per line. */
const problemRows = (html: string) =>
  [
    ...unescapeHtml(html).matchAll(
      /<tr data-row="(\d+)" data-column="([^"]+)"><td class="num">\d+<\/td><td class="code">[^<]*<\/td><td class="code">([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
    ),
  ].map((m) => [Number(m[1]), m[2], m[3], m[4]])

async function withCells(
  buffer: ArrayBuffer,
  edits: { row: number; header: string; value: Cell }[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer)
  const sheet = workbook.getWorksheet('Architecture')!
  const headers = (sheet.getRow(1).values as Cell[]).slice(1).map(String)
  for (const e of edits) sheet.getRow(e.row).getCell(headers.indexOf(e.header) + 1).value = e.value
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe.each(BACKENDS)('akimat import and export over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const db = () => server().handle.db
  const sessions = {} as Record<'editor' | 'reader' | 'stranger', WebSession>
  const district = EXAMPLE_AKIMATS.find((e) => e.level === 'district')!
  let id = 0
  let snapshot: CatalogSnapshot
  let seededActor: Awaited<ReturnType<typeof seedExampleAkimat>>['actor']
  let today = ''

  const architecture = (): Promise<AkimatArchitecture> =>
    akimatArchitecture(db(), seededActor, snapshot, id)
  const versions = async () => (await architecture()).functions.map((f) => f.version)

  async function upload(
    session: WebSession,
    bytes: Uint8Array,
    options: { csrf?: boolean; language?: Language; name?: string } = {},
  ): Promise<Response> {
    const form = new FormData()
    if (options.csrf !== false) {
      form.set('_csrf', await session.csrfFrom(`/akimats/${id}/exchange`))
    }
    form.set(
      'file',
      new File([new Uint8Array(bytes)], options.name ?? 'architecture.xlsx', { type: XLSX }),
    )
    return session.post(`/akimats/${id}/import?lang=${options.language ?? 'en'}`, form)
  }

  async function download(session: WebSession, name: string) {
    const res = await session.get(`/akimats/${id}/${name}`)
    expect(res.status, name).toBe(200)
    return res
  }

  beforeAll(async () => {
    snapshot = await loadCatalogSnapshot(db())
    const seeded = await seedExampleAkimat(db(), snapshot, district)
    id = seeded.organisationId
    seededActor = seeded.actor
    const stranger = await createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бурабай ауданының әкімдігі',
      nameRu: 'Акимат Бурабайского района',
    })
    const people: [keyof typeof sessions, number, Role][] = [
      ['editor', id, 'editor'],
      ['reader', id, 'reader'],
      ['stranger', stranger.id, 'editor'],
    ]
    for (const [name, organisationId, role] of people) {
      await createUser(db(), {
        email: `${name}-exchange@akimat.example.kz`,
        name: `Қызметкер ${name}`,
        organisationId,
        roles: [role],
        password: PASSWORD,
      })
      sessions[name] = new WebSession(base)
      expect(
        (await sessions[name].signIn(`${name}-exchange@akimat.example.kz`, PASSWORD)).status,
      ).toBe(303)
    }
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date())
  }, 180_000)

  it('offers the downloads to readers and the upload form to editors only', async () => {
    const editorPage = await (await sessions.editor.get(`/akimats/${id}/exchange`)).text()
    for (const name of [
      'architecture.xlsx',
      'architecture.csv',
      'architecture.archimate.xml',
      'catalog-info.yaml',
    ]) {
      expect(editorPage).toContain(`href="/akimats/${id}/${name}"`)
    }
    expect(editorPage).toMatch(
      new RegExp(
        `<form method="post" action="/akimats/${id}/import" enctype="multipart/form-data"`,
      ),
    )
    expect(editorPage).toContain(`accept=".xlsx,${XLSX}"`)
    expect(editorPage).toMatch(/name="_csrf" value="[^"]+"/)
    expect(editorPage).toContain('aria-current="page"')

    const readerRes = await sessions.reader.get(`/akimats/${id}/exchange?lang=ru`)
    expect(readerRes.status).toBe(200)
    const readerPage = await readerRes.text()
    expect(readerPage).toContain(`href="/akimats/${id}/architecture.xlsx"`)
    expect(readerPage).not.toContain(`action="/akimats/${id}/import"`)
    expect(unescapeHtml(readerPage)).toContain(
      translate('ru', 'akimat.exchange.pages.upload.readOnly'),
    )

    expect((await sessions.stranger.get(`/akimats/${id}/exchange`)).status).toBe(404)
    expect((await sessions.stranger.get(`/akimats/${id}/architecture.xlsx`)).status).toBe(404)
    const anonymous = await new WebSession(base).get(`/akimats/${id}/architecture.csv`)
    expect(anonymous.status).toBe(303)
  })

  it('sends the files under names made from the KATO code and the date', async () => {
    const functions = (await architecture()).functions
    const xlsx = await download(sessions.reader, 'architecture.xlsx')
    expect(xlsx.headers.get('content-type')).toBe(XLSX)
    expect(xlsx.headers.get('content-disposition')).toBe(
      `attachment; filename="akimat-${district.kato}-architecture-${today}.xlsx"`,
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('Architecture')!
    expect(sheet.actualRowCount).toBe(functions.length + 1)
    expect(sheet.getRow(2).getCell(1).value).toBe(functions[0]!.key)

    const csv = await download(sessions.reader, 'architecture.csv')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="akimat-${district.kato}-architecture-${today}.csv"`,
    )
    const records = parse(
      Buffer.from(await csv.arrayBuffer())
        .toString('utf8')
        .slice(1),
      {
        columns: true,
      },
    ) as Record<string, string>[]
    expect(records.map((r) => r.key)).toEqual(functions.map((f) => f.key))

    const xml = await download(sessions.reader, 'architecture.archimate.xml')
    expect(xml.headers.get('content-disposition')).toBe(
      `attachment; filename="akimat-${district.kato}-architecture-${today}.archimate.xml"`,
    )
    expect(checkArchimateStructure(await xml.text())).toEqual([])
    const yaml = await download(sessions.reader, 'catalog-info.yaml')
    expect(yaml.headers.get('content-disposition')).toBe('attachment; filename="catalog-info.yaml"')
    const text = await yaml.text()
    expect(checkBackstageEntities(text)).toEqual([])
    expect(text).toContain(`name: akimat-${district.kato}\n`)
  })

  it('imports an unchanged workbook with no change, and an edited one with exactly that change', async () => {
    const before = await architecture()
    const file = await (await download(sessions.editor, 'architecture.xlsx')).arrayBuffer()
    const same = await upload(sessions.editor, new Uint8Array(file))
    expect(same.status).toBe(200)
    const samePage = await same.text()
    expect(samePage).toContain(`data-rows="${before.functions.length}" data-changed="0"`)
    expect(unescapeHtml(samePage)).toContain(
      translate('en', 'akimat.exchange.pages.done', { rows: before.functions.length, changed: 0 }),
    )
    expect(await versions()).toEqual(before.functions.map((f) => f.version))

    const index = before.functions.findIndex((f) => f.decision.performed && f.decision.level > 0)
    const edited = await withCells(file, [
      { row: index + 2, header: 'performed', value: 'no' },
      {
        row: index + 2,
        header: 'level',
        value: 0,
      },
      { row: index + 2, header: 'system id', value: null },
      {
        row: index + 2,
        header: 'system name',
        value: null,
      },
      { row: index + 2, header: 'object id', value: null },
    ])
    const changed = await upload(sessions.editor, edited, { language: 'kk' })
    expect(changed.status).toBe(200)
    expect(unescapeHtml(await changed.text())).toContain(
      translate('kk', 'akimat.exchange.pages.done', { rows: before.functions.length, changed: 1 }),
    )
    const after = await architecture()
    after.functions.forEach((fn, i) => {
      if (i === index) {
        expect(fn.decision).toEqual({
          ...before.functions[i]!.decision,
          performed: false,
          level: 0,
          systemId: null,
          objectId: null,
        })
        expect(fn.status).toBe('not-performed')
      } else expect(fn.version, fn.key).toBe(before.functions[i]!.version)
    })
  })

  it('refuses bad rows with a table of row, column, key and message in each language', async () => {
    const before = await architecture()
    const file = await (await download(sessions.editor, 'architecture.xlsx')).arrayBuffer()
    const automated = before.functions.findIndex(
      (f) => f.decision.performed && f.decision.level > 0 && f.decision.systemId !== null,
    )
    const fine = before.functions.findIndex((f, i) => i !== automated && f.decision.note === null)
    const bad = await withCells(file, [
      { row: 3, header: 'performed', value: 'maybe' },
      { row: automated + 2, header: 'system id', value: 'no-such-system' },
      { row: fine + 2, header: 'note', value: 'not stored' },
    ])
    const problems: [number, string, string, MessageKey, Record<string, string | number>][] = [
      [
        3,
        'performed',
        before.functions[1]!.key,
        'akimat.exchange.problem.performed',
        {
          value: 'maybe',
        },
      ],
      [
        automated + 2,
        'system id',
        before.functions[automated]!.key,
        'akimat.problem.system',
        {
          key: before.functions[automated]!.key,
          value: 'no-such-system',
        },
      ],
    ]
    problems.sort((a, b) => a[0] - b[0])
    for (const language of ['kk', 'ru', 'en'] as const) {
      const res = await upload(sessions.editor, bad, { language })
      expect(res.status, language).toBe(400)
      const html = await res.text()
      expect(problemRows(html), language).toEqual(
        problems.map(([row, column, key, messageKey, params]) => [
          row,
          column,
          key,
          translate(language, messageKey, params),
        ]),
      )
      expect(unescapeHtml(html)).toContain(
        translate(language, 'akimat.exchange.pages.problems.intro', { count: 2 }),
      )
    }
    expect(await versions()).toEqual(before.functions.map((f) => f.version))

    // Not a workbook at all: one message, nothing stored.
    const text = await upload(sessions.editor, new TextEncoder().encode('key,performed\n'), {
      language: 'ru',
      name: 'architecture.xlsx',
    })
    expect(text.status).toBe(400)
    expect(unescapeHtml(await text.text())).toContain(
      translate('ru', 'akimat.exchange.error.notXlsx'),
    )
    expect(await versions()).toEqual(before.functions.map((f) => f.version))
  })

  it('answers a reader 403, a post without CSRF 403 and a body over the limit 413', async () => {
    const before = await versions()
    const file = new Uint8Array(
      await (await download(sessions.editor, 'architecture.xlsx')).arrayBuffer(),
    )
    expect((await upload(sessions.reader, file)).status).toBe(403)
    expect((await upload(sessions.stranger, file)).status).toBe(404)
    expect((await upload(sessions.editor, file, { csrf: false })).status).toBe(403)

    // Over the default body limit (1 MiB) but within the import's (5 MiB): read and imported.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(file).buffer)
    const extra = workbook.addWorksheet('Extra')
    for (let i = 0; i < 3000; i++) extra.addRow([randomBytes(750).toString('base64')])
    const large = new Uint8Array(await workbook.xlsx.writeBuffer())
    expect(large.byteLength).toBeGreaterThan(2 * 1024 * 1024)
    expect(large.byteLength).toBeLessThan(5 * 1024 * 1024)
    const accepted = await upload(sessions.editor, large)
    expect(accepted.status).toBe(200)
    expect(await accepted.text()).toContain('data-changed="0"')

    // 6 MiB declared: refused from the header, before the body is read.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base()}/akimats/${id}/import`,
        {
          method: 'POST',
          headers: {
            cookie: sessions.editor.header(),
            'content-type': 'multipart/form-data; boundary=----e-akimat',
            'content-length': String(6 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
          req.destroy()
        },
      )
      req.on('error', reject)
      req.write(Buffer.alloc(64 * 1024, 0x61))
    })
    expect(status).toBe(413)
    expect(await versions()).toEqual(before)
  })
})
