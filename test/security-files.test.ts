/**
 * Security suite, file names (issue 8): uploads named like paths, with CR/LF header injection,
 * quotes, Cyrillic and Kazakh letters, NUL bytes or very long names, sent as raw multipart bodies
 * (so the client does not escape them first). Path-like and control-character names are refused
 * with 400; the others are stored tidied, downloaded with a safe Content-Disposition (ASCII
 * `filename` plus RFC 5987 `filename*`, no injected header), and nothing lands outside DATA_DIR.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'ақ бидай егістігі 2026'
const PDF = readFileSync(join(import.meta.dirname, 'fixtures/files/valid-pdfa1b.pdf'))

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe.each(BACKENDS)('security: uploaded file names over HTTP [%s]', (backend) => {
  const server = useTestServer(backend, { acts: 'bundled' })
  const base = () => server().url
  const owner = new WebSession(base)
  let objectPath = ''

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
    const html = await (await owner.get('/portal/objects/new')).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const res = await owner.post('/portal/objects/new', {
      _csrf: csrf,
      kind: 'information-system',
      nameKk: 'Құжат айналымы',
      nameRu: 'Документооборот',
      purpose: 'Өтініштерді тіркеу',
      stage: 'creation',
      stageSince: '2026-01-15',
    })
    expect(res.status).toBe(303)
    objectPath = (res.headers.get('location') ?? '').replace(/\?.*$/, '')
  })

  /** Uploads the PDF/A fixture under `name`, written into the multipart body byte for byte. */
  async function uploadRaw(name: string): Promise<Response> {
    const html = await (await owner.get(objectPath)).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const revision = /name="revision" value="(\d+)"/.exec(html)?.[1] ?? ''
    const boundary = '----e-akimat-security-boundary'
    const field = (k: string, v: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
    const body = Buffer.concat([
      Buffer.from(field('_csrf', csrf) + field('revision', revision) + field('item', '11')),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const res = await fetch(`${base()}${objectPath}/documents`, {
      method: 'POST',
      headers: {
        cookie: owner.header(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
      redirect: 'manual',
    })
    owner.keep(res)
    return res
  }

  it('refuses path-like names and control characters with 400', async () => {
    for (const name of ['../../etc/passwd', '..\\..\\evil.pdf', 'C:evil.pdf', 'a\u0000b.pdf']) {
      const res = await uploadRaw(name)
      expect(res.status, JSON.stringify(name)).toBe(400)
    }
    const html = await (await owner.get(objectPath)).text()
    expect(html).not.toContain('passwd')
    expect(html).not.toContain('evil')
  })

  it('never lets a CR/LF in a name inject a header', async () => {
    const res = await uploadRaw('a\r\nSet-Cookie: x=1.pdf')
    // A raw line break breaks the multipart part: the body cannot be read, so the form token is
    // not found (403) or the name is refused (400). Nothing is stored, no header is injected.
    expect([400, 403]).toContain(res.status)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('x='))).toBe(false)
    // Sent as a browser does (%0D%0A in the part header, decoded by the server): refused with 400.
    expect((await upload('a\r\nSet-Cookie: x=1.pdf')).status).toBe(400)
    expect(await (await owner.get(objectPath)).text()).not.toContain('Set-Cookie')
    for (const link of await documentLinks()) {
      const download = await owner.get(link)
      expect(download.headers.getSetCookie().some((c) => c.startsWith('x='))).toBe(false)
      expect(download.headers.get('content-disposition') ?? '').not.toMatch(/[\r\n]/)
    }
  })

  /** Uploads the fixture as a browser does (quotes and line breaks in the name sent as %22, %0D%0A). */
  async function upload(name: string): Promise<Response> {
    const html = await (await owner.get(objectPath)).text()
    const data = new FormData()
    data.set('_csrf', /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '')
    data.set('revision', /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '')
    data.set('item', '11')
    data.set('file', new File([PDF], name))
    return owner.post(`${objectPath}/documents`, data)
  }

  async function documentLinks(): Promise<string[]> {
    const html = await (await owner.get(objectPath)).text()
    return [...html.matchAll(/href="(\/portal\/objects\/\d+\/documents\/\d+)"/g)].map(
      (m) => m[1] ?? '',
    )
  }

  it('keeps quoted, Cyrillic and long names, sent back with a safe Content-Disposition', async () => {
    const long = `${'ұзын '.repeat(80)}атау.pdf`
    for (const [name, ascii] of [
      ['"quoted".pdf', '_quoted_.pdf'],
      ['имя файла.pdf', 'document.pdf'],
      [long, null],
    ] as const) {
      const before = new Set(await documentLinks())
      const res = await upload(name)
      expect(res.status, name.slice(0, 20)).toBe(303)
      const link = (await documentLinks()).find((l) => !before.has(l))
      expect(link, name.slice(0, 20)).toBeDefined()
      const download = await owner.get(link ?? '')
      expect(download.status).toBe(200)
      const header = download.headers.get('content-disposition') ?? ''
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[!#$&+\-.^_`|~%\w]+$/,
      )
      const star = decodeURIComponent(header.split("filename*=UTF-8''")[1] ?? '')
      if (ascii) {
        expect(header).toContain(`filename="${ascii}"`)
        expect(star).toBe(name)
        expect(download.headers.getSetCookie().some((c) => c.startsWith('x='))).toBe(false)
      } else {
        expect([...star].length).toBeLessThanOrEqual(200)
        expect(star.endsWith('.pdf')).toBe(true)
      }
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true)
    }
  })

  it('writes nothing outside DATA_DIR and no file under a user-given name', () => {
    const dir = server().dataDir
    const files = filesUnder(dir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      expect(relative(dir, file).startsWith('..')).toBe(false)
      expect(file).not.toMatch(/passwd|evil|quoted|имя|Set-Cookie/)
    }
  })
})
