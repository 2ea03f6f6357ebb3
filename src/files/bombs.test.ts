/**
 * Decompression bombs, built here at run time: small files that would unpack to gigabytes. Each
 * must be refused quickly, with the right check or message, and without the memory growing.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { isMessageKey } from '../i18n/index.js'
import {
  DOCX_MAIN_CONTENT_TYPE,
  detectFileType,
  inspectDocx,
  inspectPdf,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_UNCOMPRESSED,
  MAX_PDF_OBJECTS,
  PDF_CHECK_IDS,
  usesPdf15Structures,
} from './index.js'

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/files/', import.meta.url))
const fixture = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}${name}`))
const MiB = 1024 * 1024

/** One MiB of zeros, deflated and flushed: a byte-aligned piece that can be repeated. */
const ZEROS_MIB = deflateRawSync(Buffer.alloc(MiB), {
  level: 9,
  finishFlush: constants.Z_FULL_FLUSH,
})
/** Raw deflate data of `mib` MiB of zeros (about 1 KiB per MiB), never holding them in memory. */
const rawZeros = (mib: number) =>
  Buffer.concat([...Array.from({ length: mib }, () => ZEROS_MIB), Buffer.from([0x03, 0x00])])
/** The same in a zlib wrapper (/FlateDecode), with the right Adler-32 of `mib` MiB of zeros. */
function zlibZeros(mib: number): Buffer {
  const adler = Buffer.alloc(4)
  adler.writeUInt32BE((((mib * MiB) % 65521) * 65536 + 1) >>> 0)
  return Buffer.concat([Buffer.from([0x78, 0xda]), rawZeros(mib), adler])
}

/** A PDF 1.4 with a classic xref table; objects numbered from 1, object 1 the catalog. */
function makePdf(objects: (string | Buffer)[][]): Uint8Array {
  const parts: Buffer[] = []
  const offsets: number[] = []
  let position = 0
  const push = (part: string | Buffer) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part
    parts.push(bytes)
    position += bytes.length
  }
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
  objects.forEach((object, i) => {
    offsets.push(position)
    push(`${i + 1} 0 obj\n`)
    for (const part of object) push(part)
    push('\nendobj\n')
  })
  const xref = position
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`)
  for (const offset of offsets) push(`${String(offset).padStart(10, '0')} 00000 n \n`)
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return new Uint8Array(Buffer.concat(parts))
}

const stream = (dict: string, data: Buffer) => [
  `<< ${dict} /Length ${data.length} >>\nstream\n`,
  data,
  '\nendstream',
]

interface ZipPart {
  name: string
  data: Buffer
  /** The uncompressed size to declare. */
  size: number
  method?: number
  flags?: number
  crc?: number
}

/** A ZIP archive written by hand, so that it can declare whatever sizes a test wants. */
function makeZip(parts: ZipPart[], options: { prefix?: Buffer; hiddenRecord?: ZipPart } = {}) {
  const local: Buffer[] = []
  const central: Buffer[] = []
  const start = options.prefix?.length ?? 0
  let offset = start
  const record = (part: ZipPart, at: number) => {
    const name = Buffer.from(part.name)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(20, 4)
    c.writeUInt16LE(20, 6)
    c.writeUInt16LE(part.flags ?? 0, 8)
    c.writeUInt16LE(part.method ?? 8, 10)
    c.writeUInt32LE(part.crc ?? 0, 16)
    c.writeUInt32LE(part.data.length, 20)
    c.writeUInt32LE(part.size, 24)
    c.writeUInt16LE(name.length, 28)
    c.writeUInt32LE(at, 42)
    return Buffer.concat([c, name])
  }
  for (const part of [...parts, ...(options.hiddenRecord ? [options.hiddenRecord] : [])]) {
    const name = Buffer.from(part.name)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(part.flags ?? 0, 6)
    h.writeUInt16LE(part.method ?? 8, 8)
    h.writeUInt32LE(part.crc ?? 0, 14)
    h.writeUInt32LE(part.data.length, 18)
    h.writeUInt32LE(part.size, 22)
    h.writeUInt16LE(name.length, 26)
    local.push(h, name, part.data)
    central.push(record(part, offset - start))
    offset += 30 + name.length + part.data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8) // a hidden record is not counted
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset - start, 16)
  return new Uint8Array(
    Buffer.concat([options.prefix ?? Buffer.alloc(0), ...local, directory, end]),
  )
}

const deflated = (name: string, text: string): ZipPart => {
  const data = Buffer.from(text)
  return { name, data: deflateRawSync(data), size: data.length, crc: crc32(data) }
}
const CONTENT_TYPES = deflated(
  '[Content_Types].xml',
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${DOCX_MAIN_CONTENT_TYPE}"/></Types>`,
)
const RELS = deflated(
  '_rels/.rels',
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
)
const DOCUMENT = deflated(
  'word/document.xml',
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Сәлем, әлем</w:t></w:r></w:p></w:body></w:document>',
)

/** Runs `body`, with its time and how much the process's memory grew. */
async function measured<T>(body: () => Promise<T>) {
  const before = process.memoryUsage()
  const started = performance.now()
  const result = await body()
  const ms = performance.now() - started
  const after = process.memoryUsage()
  return {
    result,
    ms,
    rssGrowth: after.rss - before.rss,
    buffersGrowth: after.arrayBuffers - before.arrayBuffers,
  }
}

/** Well under what inflating any of the bombs would take (each unpacks to 500 MiB or more). */
const MEMORY_LIMIT = 200 * 1024 * 1024
const TIME_LIMIT_MS = 2000

describe('PDF bombs', () => {
  it('does not inflate a compressed XMP metadata stream (1 GiB of zeros in 1 MiB): pdfa-id fails', async () => {
    const bomb = zlibZeros(1024)
    const pdf = makePdf([
      ['<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>'],
      ['<< /Type /Pages /Kids [] /Count 0 >>'],
      stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', bomb),
    ])
    expect(pdf.byteLength).toBeLessThan(2 * MiB)
    const { result: report, ms, rssGrowth, buffersGrowth } = await measured(() => inspectPdf(pdf))
    expect(report.ok).toBe(false)
    expect(report.checks.find((c) => c.id === 'parse')?.passed).toBe(true)
    expect(report.checks.find((c) => c.id === 'structure')?.passed).toBe(true)
    expect(report.checks.find((c) => c.id === 'pdfa-id')).toEqual({
      id: 'pdfa-id',
      passed: false,
      messageKey: 'files.check.pdfa-id.filtered',
      params: {},
    })
    expect(isMessageKey('files.check.pdfa-id.filtered')).toBe(true)
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
    expect(buffersGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('fails pdfa-id for a PDF/A-1b whose real XMP has been compressed (PDF/A-1 6.7.2)', async () => {
    const doc = await PDFDocument.load(fixture('valid-pdfa1b.pdf'), { updateMetadata: false })
    const xmp = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata')))
    expect(xmp).toBeDefined()
    const original = (await inspectPdf(fixture('valid-pdfa1b.pdf'))).checks
    expect(original.find((c) => c.id === 'pdfa-id')?.passed).toBe(true)
    const text = Buffer.from(
      (xmp as unknown as { getContents(): Uint8Array }).getContents(),
    ).toString('utf8')
    expect(text).toContain('pdfaid')
    const compressed = doc.context.flateStream(text, { Type: 'Metadata', Subtype: 'XML' })
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(compressed))
    const report = await inspectPdf(await doc.save({ useObjectStreams: false }))
    expect(report.checks.find((c) => c.id === 'pdfa-id')?.messageKey).toBe(
      'files.check.pdfa-id.filtered',
    )
    expect(report.pdfaPart).toBeUndefined()
  })

  it('does not load a PDF with an object stream (1 GiB of zeros in 1 MiB): structure fails', async () => {
    const bomb = zlibZeros(1024)
    const pdf = makePdf([
      ['<< /Type /Catalog /Pages 2 0 R >>'],
      ['<< /Type /Pages /Kids [] /Count 0 >>'],
      stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb),
    ])
    const { result: report, ms, rssGrowth, buffersGrowth } = await measured(() => inspectPdf(pdf))
    expect(report.ok).toBe(false)
    expect(report.checks.map((c) => c.id)).toEqual([...PDF_CHECK_IDS])
    for (const check of report.checks) {
      expect(check.passed, check.id).toBe(false)
      expect(check.messageKey, check.id).toBe(
        check.id === 'structure' ? 'files.check.structure.failed' : 'files.check.skipped',
      )
      expect(isMessageKey(check.messageKey)).toBe(true)
    }
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
    expect(buffersGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('refuses a cross-reference stream too, as pdf-lib writes one by default', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([100, 100])
    const withStreams = await doc.save() // object streams and a cross-reference stream
    expect(usesPdf15Structures(withStreams)).toBe(true)
    const report = await inspectPdf(withStreams)
    expect(report.checks.find((c) => c.id === 'structure')?.passed).toBe(false)
    const xrefOnly = makePdf([
      ['<< /Type /Catalog /Pages 2 0 R >>'],
      ['<< /Type /Pages /Kids [] /Count 0 >>'],
      stream('/Type /XRef /Size 4 /W [1 4 2] /Filter /FlateDecode', zlibZeros(64)),
    ])
    expect((await inspectPdf(xrefOnly)).checks[1]).toMatchObject({
      id: 'structure',
      passed: false,
    })
  })

  it('does not load a PDF of more objects than can be checked (300,000 tiny ones in 11 MB)', async () => {
    const chunks = ['%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n']
    chunks.push('2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n')
    for (let i = 3; i < 300_000; i++) chunks.push(`${i} 0 obj\n[[[[1]]]]\nendobj\n`)
    chunks.push('trailer\n<< /Root 1 0 R >>\n%%EOF\n')
    const pdf = new Uint8Array(Buffer.from(chunks.join(''), 'latin1'))
    const { result: report, ms, rssGrowth } = await measured(() => inspectPdf(pdf))
    expect(report.ok).toBe(false)
    expect(report.checks.find((c) => c.id === 'structure')).toMatchObject({
      passed: false,
      messageKey: 'files.check.structure.tooMany',
      params: { count: 299_999, limit: MAX_PDF_OBJECTS },
    })
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('finds /ObjStm and /XRef however the name is written, and only those names', () => {
    const enc = (s: string) => new TextEncoder().encode(s)
    for (const found of [
      '<</Type/ObjStm/N 1>>',
      '<< /Type\n/XRef >>',
      '<< /Type /Obj#53tm >>',
      '<< /Type /#58#52#65#66 >>',
      '<< /Type 5 0 R >> 5 0 obj /ObjStm endobj', // an indirect /Type: the name is still there
      '<< /Type /XRef%comment\n>>',
      '\0/XRef\0',
    ]) {
      expect(usesPdf15Structures(enc(`%PDF-1.4\n${found}\n%%EOF`)), found).toBe(true)
    }
    for (const clean of [
      '<< /XRefStm 100 >>',
      '<< /Type /ObjStmX >>',
      '<< /Type /XRe >>',
      '<< /Type /Obj#53tmm >>',
      '<< /Type /Obj#5 3tm >>',
    ]) {
      expect(usesPdf15Structures(enc(`%PDF-1.4\n${clean}\n%%EOF`)), clean).toBe(false)
    }
    for (const name of ['valid-pdfa1b.pdf', 'plain.pdf', 'encrypted.pdf', 'javascript.pdf']) {
      expect(usesPdf15Structures(fixture(name)), name).toBe(false)
    }
  })
})

describe('DOCX bombs', () => {
  it('refuses a document.xml that declares 1000 bytes and inflates to 500 MiB, inflating ~1 KB', async () => {
    const docx = makeZip([
      CONTENT_TYPES,
      RELS,
      { name: 'word/document.xml', data: rawZeros(500), size: 1000 },
    ])
    expect(docx.byteLength).toBeLessThan(MiB)
    expect(await detectFileType(docx)).toBe('docx') // the main part is not unpacked to know
    const { result: report, ms, rssGrowth, buffersGrowth } = await measured(() => inspectDocx(docx))
    expect(report).toMatchObject({ ok: false, text: '', wordCount: 0 })
    expect(report.messages).toEqual([
      {
        type: 'error',
        messageKey: 'files.docx.sizeMismatch',
        params: { name: 'word/document.xml' },
      },
    ])
    expect(isMessageKey('files.docx.sizeMismatch')).toBe(true)
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
    expect(buffersGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('refuses a document.xml that honestly declares 500 MiB, before inflating it', async () => {
    const docx = makeZip([
      CONTENT_TYPES,
      RELS,
      { name: 'word/document.xml', data: rawZeros(500), size: 500 * MiB },
    ])
    const { result: report, ms, rssGrowth, buffersGrowth } = await measured(() => inspectDocx(docx))
    expect(report.ok).toBe(false)
    expect(report.messages).toEqual([
      {
        type: 'error',
        messageKey: 'files.docx.tooLarge',
        params: {
          size: 500 * MiB + CONTENT_TYPES.size + RELS.size,
          limit: MAX_DOCX_UNCOMPRESSED,
        },
      },
    ])
    expect(MAX_DOCX_UNCOMPRESSED).toBe(100 * MiB)
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
    expect(buffersGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('refuses a document of millions of empty paragraphs before mammoth builds its tree', async () => {
    // 3 million <w:p/> — 15 MiB of XML in about 15 KB — would take mammoth gigabytes.
    const paragraphs = Buffer.from('<w:p/>'.repeat(3_000_000))
    const xml = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
      ),
      paragraphs,
      Buffer.from('</w:body></w:document>'),
    ])
    const docx = makeZip([
      CONTENT_TYPES,
      RELS,
      { name: 'word/document.xml', data: deflateRawSync(xml), size: xml.length, crc: crc32(xml) },
    ])
    const { result: report, ms, rssGrowth } = await measured(() => inspectDocx(docx))
    expect(report.ok).toBe(false)
    expect(report.messages[0]?.messageKey).toBe('files.docx.tooComplex')
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('does not inflate a lying [Content_Types].xml to detect the type', async () => {
    const docx = makeZip([
      { name: '[Content_Types].xml', data: rawZeros(500), size: 300 },
      RELS,
      DOCUMENT,
    ])
    const { result: type, ms, rssGrowth } = await measured(() => detectFileType(docx))
    expect(type).toBe('zip')
    expect((await inspectDocx(docx)).messages[0]?.messageKey).toBe('files.docx.notWord')
    // Declaring the truth (500 MiB, over the 1 MiB cap for that part) does not help either.
    const honest = makeZip([
      { name: '[Content_Types].xml', data: rawZeros(500), size: 500 * MiB },
      DOCUMENT,
    ])
    expect(await detectFileType(honest)).toBe('zip')
    expect(ms).toBeLessThan(TIME_LIMIT_MS)
    expect(rssGrowth).toBeLessThan(MEMORY_LIMIT)
  })

  it('reads a hand-made honest document, and refuses one whose part is smaller than declared', async () => {
    const good = await inspectDocx(makeZip([CONTENT_TYPES, RELS, DOCUMENT]))
    expect(good).toMatchObject({ ok: true, text: 'Сәлем, әлем', wordCount: 2 })
    const short = await inspectDocx(
      makeZip([CONTENT_TYPES, RELS, { ...DOCUMENT, size: DOCUMENT.size + 1 }]),
    )
    expect(short.messages[0]).toMatchObject({
      messageKey: 'files.docx.sizeMismatch',
      params: { name: 'word/document.xml' },
    })
    const stored = Buffer.from('<w:document/>')
    const storedLie = await inspectDocx(
      makeZip([CONTENT_TYPES, RELS, DOCUMENT, { name: 'a.xml', data: stored, size: 1, method: 0 }]),
    )
    expect(storedLie.messages[0]?.messageKey).toBe('files.docx.sizeMismatch')
  })

  it(`refuses more than ${MAX_DOCX_ENTRIES} entries`, async () => {
    const empty = deflated('x', '')
    const many = Array.from({ length: MAX_DOCX_ENTRIES }, (_, i) => ({
      ...empty,
      name: `customXml/item${i}.xml`,
    }))
    const report = await inspectDocx(makeZip([CONTENT_TYPES, RELS, DOCUMENT, ...many]))
    expect(report.messages).toEqual([
      {
        type: 'error',
        messageKey: 'files.docx.tooManyEntries',
        params: { count: MAX_DOCX_ENTRIES + 3, limit: MAX_DOCX_ENTRIES },
      },
    ])
    expect(isMessageKey('files.docx.tooManyEntries')).toBe(true)
  })

  it('refuses archives JSZip would read differently, and other compression or encryption', async () => {
    const bomb: ZipPart = { name: 'word/document.xml', data: rawZeros(500), size: 1000 }
    // A record after the declared ones (JSZip reads it, and it replaces word/document.xml).
    const hidden = makeZip([CONTENT_TYPES, RELS, DOCUMENT], { hiddenRecord: bomb })
    // Data before the archive: JSZip shifts every offset by it.
    const prefixed = makeZip([CONTENT_TYPES, RELS, DOCUMENT], { prefix: Buffer.alloc(100, 0x20) })
    for (const bytes of [hidden, prefixed]) {
      expect(await detectFileType(bytes)).toBe('unknown')
      expect((await inspectDocx(bytes)).messages[0]?.messageKey).toBe('files.docx.notZip')
    }
    const bzip2 = makeZip([CONTENT_TYPES, RELS, DOCUMENT, { ...RELS, name: 'b', method: 12 }])
    const encrypted = makeZip([CONTENT_TYPES, RELS, DOCUMENT, { ...RELS, name: 'e', flags: 1 }])
    for (const bytes of [bzip2, encrypted]) {
      expect((await inspectDocx(bytes)).messages[0]?.messageKey).toBe('files.docx.notWord')
    }
    const corrupt = makeZip([
      CONTENT_TYPES,
      RELS,
      { ...DOCUMENT, data: DOCUMENT.data.subarray(0, 10) },
    ])
    expect((await inspectDocx(corrupt)).messages[0]?.messageKey).toBe('files.docx.unreadable')
  })
})
