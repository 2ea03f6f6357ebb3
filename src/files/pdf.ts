/**
 * @module
 * PDF/A-1 "preflight-lite": a quick look, with pdf-lib, at the PDF/A-1 requirements that most
 * often fail in practice (claimed identification, output intent, embedded fonts, no encryption,
 * no JavaScript, no embedded files, no transparency, version ≤ 1.4). It is a heuristic, not a
 * validator: there is no PDF/A validator in JavaScript, and this does not replace veraPDF. What it
 * does not check is listed in docs/architecture.md ("Files").
 *
 * It never throws on a bad file: a file that does not open as a PDF gives a failed `parse` check.
 *
 * It never inflates a stream: a file with object streams or cross-reference streams (PDF 1.5,
 * which pdf-lib would inflate while loading, however large they unpack) fails the `structure`
 * check and is not loaded at all, and a filtered XMP metadata stream fails `pdfa-id` unread. Both
 * are forbidden by PDF/A-1 anyway, so no PDF/A-1 file is refused for them.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFStream,
} from 'pdf-lib'
import type { MessageParams } from '../core/index.js'
import { INSPECTIONS } from './limit.js'

/** The checks, in the order they are reported. */
export const PDF_CHECK_IDS = [
  'parse',
  'structure',
  'encryption',
  'version',
  'pdfa-id',
  'output-intent',
  'fonts-embedded',
  'transparency',
  'javascript',
  'embedded-files',
] as const
export type PdfCheckId = (typeof PDF_CHECK_IDS)[number]

/** One check: its message key (`files.check.<id>.…`) and parameters, for the user's language. */
export interface PdfCheck {
  id: PdfCheckId
  passed: boolean
  messageKey: string
  params: MessageParams
}

/** The preflight's result. `ok` is true when every check passed. */
export interface PdfReport {
  ok: boolean
  /** Always 'preflight-lite': a heuristic check, not a full PDF/A validation. */
  method: 'preflight-lite'
  /** Key of the sentence that says so, to show with the result. */
  noticeKey: 'files.pdf.notice'
  /** The PDF/A part claimed in the XMP metadata (1 for PDF/A-1), when there is a claim. */
  pdfaPart?: number
  /** The claimed conformance level ('A', 'B', …), upper case. */
  conformance?: string
  pageCount?: number
  checks: PdfCheck[]
}

const name = (value: string) => PDFName.of(value)
const N = {
  AA: name('AA'),
  AP: name('AP'),
  Annots: name('Annots'),
  BM: name('BM'),
  CA: name('CA'),
  DescendantFonts: name('DescendantFonts'),
  DestOutputProfile: name('DestOutputProfile'),
  EF: name('EF'),
  EmbeddedFiles: name('EmbeddedFiles'),
  Filter: name('Filter'),
  Font: name('Font'),
  FontDescriptor: name('FontDescriptor'),
  FontFile: name('FontFile'),
  FontFile2: name('FontFile2'),
  FontFile3: name('FontFile3'),
  BaseFont: name('BaseFont'),
  JS: name('JS'),
  JavaScript: name('JavaScript'),
  Metadata: name('Metadata'),
  OutputIntents: name('OutputIntents'),
  Pattern: name('Pattern'),
  Resources: name('Resources'),
  S: name('S'),
  SMask: name('SMask'),
  Subtype: name('Subtype'),
  Type: name('Type'),
  Version: name('Version'),
  XObject: name('XObject'),
  ca: name('ca'),
}

type Context = PDFDocument['context']

const pass = (id: PdfCheckId, params: MessageParams = {}, key = 'passed'): PdfCheck => ({
  id,
  passed: true,
  messageKey: `files.check.${id}.${key}`,
  params,
})
const fail = (id: PdfCheckId, params: MessageParams = {}, key = 'failed'): PdfCheck => ({
  id,
  passed: false,
  messageKey: `files.check.${id}.${key}`,
  params,
})

function dictOf(context: Context, value: PDFObject | undefined): PDFDict | undefined {
  const object = context.lookup(value)
  if (object instanceof PDFDict) return object
  if (object instanceof PDFStream) return object.dict
  return undefined
}

function arrayOf(context: Context, value: PDFObject | undefined): PDFObject[] {
  const object = context.lookup(value)
  return object instanceof PDFArray ? object.asArray() : []
}

function nameOf(context: Context, value: PDFObject | undefined): string | undefined {
  const object = context.lookup(value)
  return object instanceof PDFName ? object.decodeText() : undefined
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

/** The header version, e.g. '1.4', read from the first 1024 bytes. */
function headerVersion(bytes: Uint8Array): string | undefined {
  return /%PDF-(\d+\.\d+)/.exec(latin1(bytes.subarray(0, 1024)))?.[1]
}

const versionNumber = (version: string) => {
  const [major, minor] = version.split('.').map(Number)
  return (major ?? 0) * 100 + (minor ?? 0)
}

/** The pdfaid claim of an XMP packet: part and conformance, in element or attribute form. */
export function readPdfaId(xmp: string): { part?: number; conformance?: string } {
  const prefixes = new Set(['pdfaid'])
  for (const m of xmp.matchAll(
    /xmlns:([\w.-]+)\s*=\s*["']http:\/\/www\.aiim\.org\/pdfa\/ns\/id\/?["']/g,
  )) {
    prefixes.add(m[1]!)
  }
  const property = (local: string): string | undefined => {
    for (const prefix of prefixes) {
      const p = prefix.replace(/[.-]/g, '\\$&')
      const element = new RegExp(`<${p}:${local}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</${p}:${local}>`)
      const attribute = new RegExp(`\\b${p}:${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      const e = element.exec(xmp)
      if (e) return e[1]
      const a = attribute.exec(xmp)
      if (a) return (a[1] ?? a[2] ?? '').trim()
    }
    return undefined
  }
  const part = property('part')
  const conformance = property('conformance')
  const result: { part?: number; conformance?: string } = {}
  if (part !== undefined && /^\d+$/.test(part)) result.part = Number(part)
  if (conformance) result.conformance = conformance.toUpperCase()
  return result
}

/** Counts of what PDF/A-1 forbids, from a walk over every object of the file. */
interface Findings {
  javascript: number
  embeddedFiles: number
  transparency: Set<string>
}

function walkObjects(context: Context): Findings {
  const findings: Findings = { javascript: 0, embeddedFiles: 0, transparency: new Set() }
  const visit = (object: PDFObject | undefined, depth: number): void => {
    if (depth > 64 || object === undefined) return
    if (object instanceof PDFStream) {
      visit(object.dict, depth + 1)
      return
    }
    if (object instanceof PDFArray) {
      for (const item of object.asArray()) visit(item, depth + 1)
      return
    }
    if (!(object instanceof PDFDict)) return
    const s = object.get(N.S)
    const sName = s instanceof PDFName ? s.decodeText() : undefined
    if (object.has(N.JS) || sName === 'JavaScript') findings.javascript++
    if (object.get(N.JavaScript) !== undefined) findings.javascript++ // the names tree
    if (object.has(N.EmbeddedFiles) || object.has(N.EF)) findings.embeddedFiles++
    const type = object.get(N.Type)
    if (type instanceof PDFName && type.decodeText() === 'EmbeddedFile') findings.embeddedFiles++
    const smask = object.get(N.SMask)
    if (smask !== undefined && !(smask instanceof PDFName && smask.decodeText() === 'None')) {
      findings.transparency.add('SMask')
    }
    if (sName === 'Transparency') findings.transparency.add('Group /S /Transparency')
    for (const key of [N.CA, N.ca]) {
      const alpha = object.get(key)
      if (alpha instanceof PDFNumber && alpha.asNumber() < 1) findings.transparency.add('CA/ca < 1')
    }
    const blend = object.get(N.BM)
    const blendName = blend instanceof PDFName ? blend.decodeText() : undefined
    if (blend !== undefined && blendName !== 'Normal' && blendName !== 'Compatible') {
      findings.transparency.add('BM')
    }
    for (const [, value] of object.entries()) visit(value, depth + 1)
  }
  for (const [, object] of context.enumerateIndirectObjects()) visit(object, 0)
  return findings
}

function fontIsEmbedded(context: Context, font: PDFDict): boolean {
  const subtype = nameOf(context, font.get(N.Subtype))
  if (subtype === 'Type3') return true
  let described = font
  if (subtype === 'Type0') {
    const descendant = dictOf(context, arrayOf(context, font.get(N.DescendantFonts))[0])
    if (!descendant) return false
    described = descendant
  }
  const descriptor = dictOf(context, described.get(N.FontDescriptor))
  return !!descriptor && [N.FontFile, N.FontFile2, N.FontFile3].some((k) => descriptor.has(k))
}

/** Every font reachable from the pages: their resources, forms, patterns, Type3 glyphs, annotations. */
function pageFonts(document: PDFDocument): { total: number; missing: string[] } {
  const context = document.context
  const seenResources = new Set<PDFDict>()
  const seenFonts = new Set<PDFDict>()
  const missing = new Set<string>()
  const walkResources = (resources: PDFDict | undefined): void => {
    if (!resources || seenResources.has(resources)) return
    seenResources.add(resources)
    const fonts = dictOf(context, resources.get(N.Font))
    for (const [, value] of fonts?.entries() ?? []) {
      const font = dictOf(context, value)
      if (!font || seenFonts.has(font)) continue
      seenFonts.add(font)
      if (!fontIsEmbedded(context, font)) {
        missing.add(nameOf(context, font.get(N.BaseFont)) ?? '?')
      }
      walkResources(dictOf(context, font.get(N.Resources))) // Type3 glyph procedures
    }
    for (const group of [N.XObject, N.Pattern]) {
      for (const [, value] of dictOf(context, resources.get(group))?.entries() ?? []) {
        walkResources(dictOf(context, dictOf(context, value)?.get(N.Resources)))
      }
    }
  }
  const walkAppearance = (value: PDFObject | undefined): void => {
    const object = context.lookup(value)
    if (object instanceof PDFStream) walkResources(dictOf(context, object.dict.get(N.Resources)))
    else if (object instanceof PDFDict) {
      for (const [, state] of object.entries()) walkAppearance(state)
    }
  }
  for (const page of document.getPages()) {
    walkResources(page.node.Resources())
    for (const annotation of arrayOf(context, page.node.get(N.Annots))) {
      const appearances = dictOf(context, dictOf(context, annotation)?.get(N.AP))
      for (const [, value] of appearances?.entries() ?? []) walkAppearance(value)
    }
  }
  return { total: seenFonts.size, missing: [...missing].sort() }
}

function pdfaIdCheck(
  document: PDFDocument,
  encrypted: boolean,
): { check: PdfCheck; part?: number; conformance?: string } {
  const context = document.context
  const metadata = context.lookup(document.catalog.get(N.Metadata))
  if (!(metadata instanceof PDFStream)) return { check: fail('pdfa-id', {}, 'missing') }
  // PDF/A-1 (ISO 19005-1, 6.7.2): "Metadata object stream dictionaries shall not contain the
  // Filter key", so the XMP is plain text. A filtered one fails here and is never inflated.
  const filter = context.lookup(metadata.dict.get(N.Filter))
  if (filter !== undefined && filter !== PDFNull) {
    return { check: fail('pdfa-id', {}, 'filtered') }
  }
  let xmp: string
  try {
    // Without a filter the contents are the bytes of the file itself: nothing is decoded.
    const raw = metadata.getContents()
    xmp = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8')
  } catch {
    return { check: fail('pdfa-id', {}, 'unreadable') }
  }
  const { part, conformance } = readPdfaId(xmp)
  if (part === undefined) {
    return {
      check: fail('pdfa-id', {}, encrypted && !xmp.includes('<x:') ? 'unreadable' : 'missing'),
    }
  }
  const params = { part, conformance: conformance ?? '?' }
  const passed = part === 1 && (conformance === 'A' || conformance === 'B')
  const check = passed ? pass('pdfa-id', params) : fail('pdfa-id', params, 'wrong')
  return conformance === undefined ? { check, part } : { check, part, conformance }
}

function outputIntentCheck(document: PDFDocument): PdfCheck {
  const context = document.context
  const found = arrayOf(context, document.catalog.get(N.OutputIntents)).some((entry) => {
    const intent = dictOf(context, entry)
    return (
      !!intent &&
      nameOf(context, intent.get(N.S)) === 'GTS_PDFA1' &&
      context.lookup(intent.get(N.DestOutputProfile)) instanceof PDFStream
    )
  })
  return found ? pass('output-intent') : fail('output-intent')
}

/** Bytes that end a name token, as pdf-lib reads them: white-space and delimiters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is white-space in a PDF
const NAME_TOKEN = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)/g

/**
 * Whether the file has object streams (`/Type /ObjStm`) or cross-reference streams
 * (`/Type /XRef`), PDF 1.5 structures that PDF/A-1 (based on PDF 1.4) does not allow and that
 * pdf-lib inflates, without a size limit, while it loads the file. Read from the raw bytes, before
 * any parsing: any name token that pdf-lib would read as /ObjStm or /XRef (also written with `#xx`
 * escapes) counts, wherever it is, since pdf-lib only recognises them by that name (given directly
 * or through an indirect object). A stray such name elsewhere (inside a string) is refused too.
 */
export function usesPdf15Structures(bytes: Uint8Array): boolean {
  for (const match of latin1(bytes).matchAll(NAME_TOKEN)) {
    const token = match[1] ?? ''
    if (token.length > 18) continue // 'ObjStm' with every byte escaped is 18 characters
    const decoded = token.includes('#')
      ? token.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        )
      : token
    if (decoded === 'ObjStm' || decoded === 'XRef') return true
  }
  return false
}

/** Best effort for a file pdf-lib cannot open: does its trailer name an /Encrypt dictionary? */
const mentionsEncrypt = (bytes: Uint8Array) =>
  /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(latin1(bytes))

function report(checks: PdfCheck[], extra: Partial<PdfReport> = {}): PdfReport {
  const ordered = [...checks].sort(
    (a, b) => PDF_CHECK_IDS.indexOf(a.id) - PDF_CHECK_IDS.indexOf(b.id),
  )
  return {
    ok: ordered.length === PDF_CHECK_IDS.length && ordered.every((c) => c.passed),
    method: 'preflight-lite',
    noticeKey: 'files.pdf.notice',
    ...extra,
    checks: ordered,
  }
}

/**
 * Runs the PDF/A-1 preflight-lite on the bytes of a file. Never throws for a bad file: one that
 * is not a PDF or does not open gives `ok: false` with the `parse` check failed (and the
 * `encryption` check failed too when the file is visibly encrypted).
 */
/**
 * Most indirect objects a PDF may have to be checked: pdf-lib keeps every one in memory
 * (about 2.8 KB and 20 µs each); a 1,000-page text document has tens of thousands.
 */
export const MAX_PDF_OBJECTS = 100_000

/** How many indirect objects (`N G obj`) the file's bytes hold. */
export function countIndirectObjects(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return text.match(/\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b/g)?.length ?? 0
}

export function inspectPdf(bytes: Uint8Array): Promise<PdfReport> {
  return INSPECTIONS.run(() => preflight(bytes))
}

async function preflight(bytes: Uint8Array): Promise<PdfReport> {
  const version = headerVersion(bytes)
  if (version === undefined) return report([fail('parse', {}, 'notPdf')])
  const objects = countIndirectObjects(bytes)
  const structure = usesPdf15Structures(bytes)
    ? fail('structure')
    : objects > MAX_PDF_OBJECTS
      ? fail('structure', { count: objects, limit: MAX_PDF_OBJECTS }, 'tooMany')
      : undefined
  if (structure) {
    // Not loaded at all: pdf-lib would inflate the streams whatever they unpack to, or spend
    // seconds and gigabytes on millions of objects.
    return report(
      PDF_CHECK_IDS.map((id) =>
        id === 'structure'
          ? structure
          : { id, passed: false, messageKey: 'files.check.skipped', params: { check: id } },
      ),
    )
  }
  let document: PDFDocument
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    })
    if (!(document.catalog instanceof PDFDict)) throw new Error('no document catalog')
  } catch (error) {
    const checks = [fail('parse', { detail: error instanceof Error ? error.message : '' })]
    if (mentionsEncrypt(bytes)) checks.push(fail('encryption'))
    return report(checks)
  }

  const checks: PdfCheck[] = [pass('parse'), pass('structure')]
  const context = document.context
  const encrypted = context.trailerInfo.Encrypt !== undefined
  checks.push(encrypted ? fail('encryption') : pass('encryption'))

  const catalogVersion = nameOf(context, document.catalog.get(N.Version))
  const effective =
    catalogVersion &&
    /^\d+\.\d+$/.test(catalogVersion) &&
    versionNumber(catalogVersion) > versionNumber(version)
      ? catalogVersion
      : version
  checks.push(
    versionNumber(effective) <= versionNumber('1.4')
      ? pass('version', { version: effective })
      : fail('version', { version: effective }),
  )

  const extra: Partial<PdfReport> = {}
  try {
    extra.pageCount = document.getPageCount()
  } catch {
    // A broken page tree: the font check below reports it.
  }
  const run = (id: PdfCheckId, body: () => PdfCheck) => {
    try {
      checks.push(body())
    } catch (error) {
      // A damaged structure under one check fails that check, not the report.
      const detail = error instanceof Error ? error.message : ''
      checks.push({
        id,
        passed: false,
        messageKey: 'files.check.damaged',
        params: { check: id, detail },
      })
    }
  }
  run('pdfa-id', () => {
    const { check, part, conformance } = pdfaIdCheck(document, encrypted)
    if (part !== undefined) extra.pdfaPart = part
    if (conformance !== undefined) extra.conformance = conformance
    return check
  })
  run('output-intent', () => outputIntentCheck(document))
  run('fonts-embedded', () => {
    const { total, missing } = pageFonts(document)
    return missing.length === 0
      ? pass('fonts-embedded', { count: total })
      : fail('fonts-embedded', { count: missing.length, fonts: missing.slice(0, 10).join(', ') })
  })
  let findings: Findings | undefined
  const walked = () => {
    findings ??= walkObjects(context)
    return findings
  }
  run('transparency', () => {
    const found = [...walked().transparency]
    return found.length === 0
      ? pass('transparency')
      : fail('transparency', { found: found.join(', ') })
  })
  run('javascript', () => {
    const count = walked().javascript
    return count === 0 ? pass('javascript') : fail('javascript', { count })
  })
  run('embedded-files', () => {
    const count = walked().embeddedFiles
    return count === 0 ? pass('embedded-files') : fail('embedded-files', { count })
  })
  return report(checks, extra)
}
