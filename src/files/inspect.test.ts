import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import JSZip from 'jszip'
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { isMessageKey } from '../i18n/index.js'
import {
  DOCX_MAIN_CONTENT_TYPE,
  DOCX_TEXT_LIMIT,
  detectFileType,
  inspectDocx,
  inspectPdf,
  type PdfReport,
  readPdfaId,
} from './index.js'

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/files/', import.meta.url))
const fixture = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}${name}`))

/** Check id → passed, and the message key of each check. */
const summary = (report: PdfReport) =>
  Object.fromEntries(report.checks.map((c) => [c.id, c.passed ? 'passed' : c.messageKey]))
const check = (report: PdfReport, id: string) => report.checks.find((c) => c.id === id)

function expectTranslatable(report: { messageKey: string }[]) {
  for (const { messageKey } of report) expect(isMessageKey(messageKey), messageKey).toBe(true)
}

describe('detectFileType', () => {
  it.each([
    ['valid-pdfa1b.pdf', 'pdf'],
    ['plain.pdf', 'pdf'],
    ['encrypted.pdf', 'pdf'],
    ['javascript.pdf', 'pdf'],
    ['renamed-pdf.docx', 'pdf'],
    ['valid.docx', 'docx'],
    ['renamed-zip.docx', 'zip'],
    ['not-a-pdf.pdf', 'unknown'],
  ])('%s is %s, whatever its name says', async (name, type) => {
    expect(await detectFileType(fixture(name))).toBe(type)
  })

  it('needs the main part declared in [Content_Types].xml and present in the archive', async () => {
    const withoutPart = await makeDocx(['текст'], { dropDocument: true })
    expect(await detectFileType(withoutPart)).toBe('zip')
    const macro = await makeDocx(['текст'], {
      contentType: 'application/vnd.ms-word.document.macroEnabled.main+xml',
    })
    expect(await detectFileType(macro)).toBe('zip')
    expect(await detectFileType(await makeDocx(['текст']))).toBe('docx')
  })

  it('does not call a PDF header without %%EOF, an empty file or a broken zip anything known', async () => {
    const enc = new TextEncoder()
    expect(await detectFileType(enc.encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'))).toBe('unknown')
    expect(await detectFileType(new Uint8Array(0))).toBe('unknown')
    expect(await detectFileType(fixture('valid.docx').subarray(0, 2000))).toBe('unknown')
  })
})

describe('inspectPdf', () => {
  it('passes the PDF/A-1b made by Ghostscript on every check', async () => {
    const report = await inspectPdf(fixture('valid-pdfa1b.pdf'))
    expect(summary(report)).toEqual({
      parse: 'passed',
      structure: 'passed',
      encryption: 'passed',
      version: 'passed',
      'pdfa-id': 'passed',
      'output-intent': 'passed',
      'fonts-embedded': 'passed',
      transparency: 'passed',
      javascript: 'passed',
      'embedded-files': 'passed',
    })
    expect(report).toMatchObject({
      ok: true,
      method: 'preflight-lite',
      pdfaPart: 1,
      conformance: 'B',
      pageCount: 1,
    })
    expect(check(report, 'pdfa-id')?.params).toEqual({ part: 1, conformance: 'B' })
    expect(check(report, 'fonts-embedded')?.params).toEqual({ count: 2 })
    expect(check(report, 'version')?.params).toEqual({ version: '1.4' })
    expectTranslatable(report.checks)
    expect(isMessageKey(report.noticeKey)).toBe(true)
  })

  it('fails an ordinary PDF on the PDF/A identification, output intent and version', async () => {
    const report = await inspectPdf(fixture('plain.pdf'))
    expect(report.ok).toBe(false)
    expect(report.pdfaPart).toBeUndefined()
    expect(summary(report)).toMatchObject({
      parse: 'passed',
      encryption: 'passed',
      version: 'files.check.version.failed',
      'pdfa-id': 'files.check.pdfa-id.missing',
      'output-intent': 'files.check.output-intent.failed',
      'fonts-embedded': 'passed',
      javascript: 'passed',
    })
    expect(check(report, 'version')?.params).toEqual({ version: '1.6' })
  })

  it('fails an encrypted PDF clearly instead of crashing', async () => {
    const report = await inspectPdf(fixture('encrypted.pdf'))
    expect(report.ok).toBe(false)
    expect(check(report, 'parse')?.passed).toBe(true)
    expect(check(report, 'encryption')).toMatchObject({
      passed: false,
      messageKey: 'files.check.encryption.failed',
    })
    expectTranslatable(report.checks)
  })

  it('finds the JavaScript of an /OpenAction', async () => {
    const report = await inspectPdf(fixture('javascript.pdf'))
    expect(check(report, 'javascript')).toMatchObject({
      passed: false,
      messageKey: 'files.check.javascript.failed',
      params: { count: 1 },
    })
    expect(check(report, 'embedded-files')?.passed).toBe(true)
  })

  it('reports a file that is not a PDF, or a broken one, without throwing', async () => {
    for (const name of ['not-a-pdf.pdf', 'valid.docx', 'renamed-zip.docx']) {
      const report = await inspectPdf(fixture(name))
      expect(report.ok, name).toBe(false)
      expect(report.checks, name).toEqual([
        { id: 'parse', passed: false, messageKey: 'files.check.parse.notPdf', params: {} },
      ])
    }
    const enc = new TextEncoder()
    const garbage = [
      enc.encode('%PDF-1.4\n'),
      enc.encode(
        '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF',
      ),
      enc.encode(
        '%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Encrypt 5 0 R >>\n%%EOF',
      ),
      fixture('valid-pdfa1b.pdf').subarray(0, 4000),
      fixture('encrypted.pdf').subarray(0, 900),
    ]
    for (const bytes of garbage) {
      const report = await inspectPdf(bytes)
      expect(report.ok).toBe(false)
      expect(report.checks.some((c) => !c.passed)).toBe(true)
      expectTranslatable(report.checks)
    }
  })

  it('finds fonts that are not embedded, attachments and transparency', async () => {
    const doc = await PDFDocument.create()
    const page = doc.addPage([200, 200])
    page.drawText('Hello', { font: await doc.embedFont(StandardFonts.Helvetica), x: 10, y: 100 })
    page.drawRectangle({ x: 10, y: 10, width: 50, height: 50, opacity: 0.5 })
    page.node.set(PDFName.of('Group'), doc.context.obj({ S: 'Transparency', CS: 'DeviceRGB' }))
    await doc.attach(new TextEncoder().encode('қосымша'), 'attachment.txt', {
      mimeType: 'text/plain',
    })
    // Without object streams: a file with them fails `structure` and is not looked into.
    const report = await inspectPdf(await doc.save({ useObjectStreams: false }))
    expect(report.ok).toBe(false)
    expect(check(report, 'fonts-embedded')).toMatchObject({
      passed: false,
      params: { count: 1, fonts: 'Helvetica' },
    })
    expect(check(report, 'embedded-files')?.passed).toBe(false)
    const transparency = check(report, 'transparency')
    expect(transparency?.passed).toBe(false)
    expect(String(transparency?.params.found)).toContain('CA/ca < 1')
    expect(String(transparency?.params.found)).toContain('Group /S /Transparency')
    expect(check(report, 'javascript')?.passed).toBe(true)
    expectTranslatable(report.checks)
  })

  it('reads a claim of another PDF/A part and reports it as the wrong one', async () => {
    const doc = await PDFDocument.load(fixture('valid-pdfa1b.pdf'), { updateMetadata: false })
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>u</pdfaid:conformance>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
    const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream))
    const report = await inspectPdf(await doc.save({ useObjectStreams: false }))
    expect(report).toMatchObject({ pdfaPart: 2, conformance: 'U' })
    expect(check(report, 'pdfa-id')).toMatchObject({
      passed: false,
      messageKey: 'files.check.pdfa-id.wrong',
      params: { part: 2, conformance: 'U' },
    })
  })
})

describe('readPdfaId', () => {
  it('reads the attribute form, the element form and another prefix', () => {
    expect(readPdfaId(`<rdf:Description pdfaid:part='1' pdfaid:conformance='B'/>`)).toEqual({
      part: 1,
      conformance: 'B',
    })
    expect(
      readPdfaId('<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>a</pdfaid:conformance>'),
    ).toEqual({
      part: 1,
      conformance: 'A',
    })
    expect(
      readPdfaId(
        '<rdf:Description xmlns:id="http://www.aiim.org/pdfa/ns/id/" id:part="1" id:conformance="B"/>',
      ),
    ).toEqual({ part: 1, conformance: 'B' })
    expect(readPdfaId('<dc:title>pdfaid</dc:title>')).toEqual({})
  })
})

describe('inspectDocx', () => {
  it('reads the Kazakh and Russian text of a real Word document', async () => {
    const report = await inspectDocx(fixture('valid.docx'))
    expect(report.ok).toBe(true)
    expect(report.text).toContain('Қазақ әліпбиінің әріптері: ә ғ қ ң ө ұ ү һ і')
    expect(report.text).toContain('Техническое задание на создание объекта информатизации')
    expect(report.text.split('\n\n')[0]).toBe('Техникалық құжат / Техническая документация')
    expect(report.paragraphs).toBe(4)
    expect(report.wordCount).toBe(38)
    expect(report.truncated).toBe(false)
    expect(report.messages.filter((m) => m.type === 'error')).toEqual([])
  })

  it.each([
    ['renamed-zip.docx', 'files.docx.notWord'],
    ['renamed-pdf.docx', 'files.docx.isPdf'],
    ['not-a-pdf.pdf', 'files.docx.notZip'],
  ])('refuses %s with %s', async (name, messageKey) => {
    const report = await inspectDocx(fixture(name))
    expect(report).toEqual({
      ok: false,
      text: '',
      truncated: false,
      wordCount: 0,
      paragraphs: 0,
      messages: [{ type: 'error', messageKey, params: {} }],
    })
    expectTranslatable(report.messages)
  })

  it('turns a Word document mammoth cannot read into a message, not an exception', async () => {
    const broken = await makeDocx(['x'], { documentXml: '<w:document><w:body><w:p>' })
    expect(await detectFileType(broken)).toBe('docx')
    const report = await inspectDocx(broken)
    expect(report.ok).toBe(false)
    expect(report.messages[0]).toMatchObject({ type: 'error', messageKey: 'files.docx.unreadable' })
  })

  it('cuts the text at 20,000 characters but counts every word, and warns on an empty one', async () => {
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Абзац ${i + 1}: мәтін`)
    const report = await inspectDocx(await makeDocx(paragraphs))
    expect(report.ok).toBe(true)
    expect(report.text).toHaveLength(DOCX_TEXT_LIMIT)
    expect(report.truncated).toBe(true)
    expect(report.paragraphs).toBe(3000)
    expect(report.wordCount).toBe(9000)

    const empty = await inspectDocx(await makeDocx([]))
    expect(empty).toMatchObject({ ok: true, text: '', wordCount: 0, paragraphs: 0 })
    expect(empty.messages[0]).toMatchObject({ type: 'warning', messageKey: 'files.docx.empty' })
  })

  it('refuses an archive that declares more than it may unpack to', async () => {
    const bytes = fixture('valid.docx').slice()
    // Declare 4 GB for word/document.xml in the central directory (not inflated to find out).
    const name = new TextEncoder().encode('word/document.xml')
    const view = new DataView(bytes.buffer)
    let patched = false
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue
      const length = view.getUint16(i + 28, true)
      if (Buffer.from(bytes.subarray(i + 46, i + 46 + length)).equals(Buffer.from(name))) {
        view.setUint32(i + 24, 0xfffffff0, true)
        patched = true
      }
    }
    expect(patched).toBe(true)
    const report = await inspectDocx(bytes)
    expect(report.ok).toBe(false)
    expect(report.messages[0]?.messageKey).toBe('files.docx.tooLarge')
  })
})

/** A minimal Word document made with JSZip, with levers to break it. */
async function makeDocx(
  paragraphs: string[],
  options: { contentType?: string; dropDocument?: boolean; documentXml?: string } = {},
): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override ContentType='${options.contentType ?? DOCX_MAIN_CONTENT_TYPE}' PartName='/word/document.xml'/>
</Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  )
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')
  if (!options.dropDocument) {
    zip.file(
      'word/document.xml',
      options.documentXml ??
        `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    )
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}
