/**
 * Security suite, user text (issue 8): script, attribute-breaking and formula payloads, SQL
 * injection strings and invisible or bidirectional Unicode in names, stored through real HTTP on
 * each backend and checked where they are shown: the HTML page (escaped), the JSON API (literal),
 * the CSV download (formulas neutralised), the list filter (found literally).
 */
import { parse } from 'csv-parse/sync'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const SCRIPT = '<script>alert(1)</script>'
const ATTRIBUTE = '"><img src=x onerror=alert(1)>'
const SQL = ["'; drop table auth_user; --", "' or '1'='1", 'a\\b', '100%', 'x_y']

describe.each(BACKENDS)('security: user text over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const owner = new WebSession(base)

  beforeAll(async () => {
    const db = server().handle.db
    const akimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бәйдібек ауданының әкімдігі',
      nameRu: 'Акимат Байдибекского района',
    })
    await createUser(db, {
      email: 'editor@baidibek.kz',
      name: 'Редактор',
      organisationId: akimat.id,
      roles: ['editor'],
      password: PASSWORD,
    })
    expect((await owner.signIn('editor@baidibek.kz', PASSWORD)).status).toBe(303)
  })

  async function createObject(nameKk: string, purpose = 'Мақсаты', lang = 'en') {
    const html = await (await owner.get(`/portal/objects/new?lang=${lang}`)).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    return owner.post('/portal/objects/new', {
      _csrf: csrf,
      kind: 'information-system',
      nameKk,
      nameRu: 'Документооборот',
      purpose,
      stage: 'creation',
      stageSince: '2026-01-15',
    })
  }

  const pathOf = (res: Response) => (res.headers.get('location') ?? '').replace(/\?.*$/, '')

  it('shows script and attribute payloads escaped on the page and literal in JSON', async () => {
    const name = `Жүйе ${SCRIPT} ${ATTRIBUTE} javascript:alert(1)`
    const res = await createObject(name, `${SCRIPT}\n${ATTRIBUTE}`)
    expect(res.status).toBe(303)
    const path = pathOf(res)
    for (const page of [path, '/portal/objects?lang=kk']) {
      const html = await (await owner.get(page)).text()
      expect(html, page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html, page).not.toContain(SCRIPT)
      expect(html, page).not.toContain('<img src=x')
      expect(html, page).not.toMatch(/href="javascript:/i)
    }
    const id = path.split('/').pop()
    const json = (await (await owner.get(`/api/portal/objects/${id}`)).json()) as Record<
      string,
      unknown
    >
    expect(JSON.stringify(json)).toContain(JSON.stringify(name).slice(1, -1))
  })

  it('stores SQL injection strings literally and the list filter finds them literally', async () => {
    for (const [i, text] of SQL.entries()) {
      const res = await createObject(`SQL${i} ${text}`)
      expect(res.status, text).toBe(303)
      const html = await (await owner.get(pathOf(res))).text()
      const shown = text.replace(/&/g, '&amp;').replace(/'/g, '&#39;')
      expect(html.includes(text) || html.includes(shown), text).toBe(true)
    }
    // The users table is still there: the editor can still sign in.
    const again = new WebSession(base)
    expect((await again.signIn('editor@baidibek.kz', PASSWORD)).status).toBe(303)
    // `%` and `_` are not wildcards: "x_y" finds the object named with it, "x%y" finds nothing.
    const csv = async (q: string) =>
      parse(await (await owner.get(`/portal/objects.csv?q=${encodeURIComponent(q)}`)).text(), {
        bom: true,
      }) as string[][]
    const underscore = await csv('x_y')
    expect(
      underscore
        .slice(1)
        .map((r) => r.join(' '))
        .join('\n'),
    ).toContain('SQL4 x_y')
    expect(underscore.slice(1).every((r) => r.join(' ').includes('x_y'))).toBe(true)
    expect((await csv('x%y')).length).toBe(1)
    const quote = await csv("' or '1'='1")
    expect(quote.length).toBe(2)
  })

  it('neutralises formulas in CSV cells', async () => {
    const formula = '=HYPERLINK("http://evil.example","x")'
    expect((await createObject(formula)).status).toBe(303)
    expect((await createObject('@SUM(1+1)')).status).toBe(303)
    const text = await (await owner.get('/portal/objects.csv')).text()
    const rows = parse(text, { bom: true }) as string[][]
    const cells = rows.flat()
    expect(cells).toContain(`'${formula}`)
    expect(cells).toContain("'@SUM(1+1)")
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false)
    // XLSX: the same texts are shared strings, and the sheet has no formula at all.
    const zip = await JSZip.loadAsync(
      Buffer.from(await (await owner.get('/portal/objects.xlsx?lang=kk')).arrayBuffer()),
    )
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? ''
    const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? ''
    expect(sheet).toContain('<row')
    expect(sheet).not.toContain('<f>')
    expect(strings).toContain('=HYPERLINK(')
  })

  it('removes invisible characters from names and refuses bidirectional overrides', async () => {
    const res = await createObject('Ақ\u200bсу\u2060 жүйе\ufeff')
    expect(res.status).toBe(303)
    const html = await (await owner.get(pathOf(res))).text()
    expect(html).toContain('Ақсу жүйе')
    expect(html).not.toMatch(/[\u200b\u2060\ufeff]/)
    for (const [lang, words] of [
      ['en', 'text-direction'],
      ['ru', 'направления текста'],
      ['kk', 'мәтін бағытын'],
    ] as const) {
      const bad = await createObject('report\u202efdp.exe', 'x', lang)
      expect(bad.status, lang).toBe(400)
      expect(await bad.text(), lang).toContain(words)
    }
    const isolate = await createObject('a\u2067b\u2069')
    expect(isolate.status).toBe(400)
    // Kazakh letters and combining marks stay.
    const kazakh = await createObject('әіңғүұқөһ ӘІҢҒҮҰҚӨҺ e\u0301')
    expect(kazakh.status).toBe(303)
    expect(await (await owner.get(pathOf(kazakh))).text()).toContain('әіңғүұқөһ ӘІҢҒҮҰҚӨҺ é')
  })
})
