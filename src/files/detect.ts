/**
 * @module
 * What a file is, by its bytes rather than its name: a PDF, a Word document (DOCX), another ZIP
 * archive, or something else.
 */
import { inflateZipEntry, readZipDirectory, type ZipEntry } from './zip.js'

/** A file's type as read from its content. */
export type FileType = 'pdf' | 'docx' | 'zip' | 'unknown'

/** Content type of the main part of a Word document (not a template, not macro-enabled). */
export const DOCX_MAIN_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'

/** Largest [Content_Types].xml read, in bytes (a real one is a few kilobytes). */
const MAX_CONTENT_TYPES_SIZE = 1024 * 1024

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** `%PDF-` within the first 1024 bytes and `%%EOF` within the last 1024, as readers accept. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, 1024))
  const tail = latin1(bytes.subarray(Math.max(0, bytes.byteLength - 1024)))
  return head.includes('%PDF-', 0, 'latin1') && tail.includes('%%EOF', 0, 'latin1')
}

/** A ZIP local file header (or the end record of an empty archive) at the start. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= 22 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  )
}

/**
 * The uncompressed sizes the archive's central directory declares, by entry name; undefined when
 * the directory cannot be read (not a ZIP, damaged, ZIP64 sizes, or not laid out as
 * `readZipDirectory` requires). Read before unpacking; the sizes are only what the archive claims.
 */
export function zipDeclaredSizes(bytes: Uint8Array): Map<string, number> | undefined {
  const entries = readZipDirectory(bytes)
  if (!entries) return undefined
  const sizes = new Map<string, number>()
  for (const { name, size } of entries) sizes.set(name, (sizes.get(name) ?? 0) + size)
  return sizes
}

/** The attributes of every `<Override …/>` element of a [Content_Types].xml. */
function contentTypeOverrides(xml: string): { partName: string; contentType: string }[] {
  const overrides: { partName: string; contentType: string }[] = []
  for (const element of xml.matchAll(/<(?:[\w.-]+:)?Override\b([^>]*)>/g)) {
    const attributes = element[1] ?? ''
    const attribute = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)
    const partName = attribute('PartName')
    const contentType = attribute('ContentType')
    if (partName && contentType) {
      overrides.push({
        partName: (partName[1] ?? partName[2] ?? '').trim(),
        contentType: (contentType[1] ?? contentType[2] ?? '').trim(),
      })
    }
  }
  return overrides
}

/**
 * The name, inside the archive, of a Word document's main part (`word/document.xml` as Word
 * writes it) when the archive is a Word document; undefined otherwise. Only [Content_Types].xml
 * is unpacked, by `inflateZipEntry` with a 1 MiB cap, so a lying archive is never inflated here.
 */
export async function docxMainPart(bytes: Uint8Array): Promise<string | undefined> {
  const entries = readZipDirectory(bytes)
  if (!entries) return undefined
  // The last entry of a name wins, as in JSZip (and so in mammoth).
  const byName = new Map<string, ZipEntry>()
  for (const entry of entries) byName.set(entry.name, entry)
  const types = byName.get('[Content_Types].xml')
  if (!types || types.directory) return undefined
  let xml: string
  try {
    xml = inflateZipEntry(bytes, types, MAX_CONTENT_TYPES_SIZE).toString('utf8')
  } catch {
    return undefined
  }
  const main = contentTypeOverrides(xml).find(
    (o) => o.contentType.toLowerCase() === DOCX_MAIN_CONTENT_TYPE,
  )
  if (!main) return undefined
  // Part names are case-insensitive (OPC); the archive stores them without the leading slash.
  const wanted = main.partName.replace(/^\//, '').toLowerCase()
  return [...byName.values()].find((e) => e.name.toLowerCase() === wanted && !e.directory)?.name
}

/**
 * The type of a file judged by its content, never its name: 'pdf' (`%PDF-` in the first 1024
 * bytes, `%%EOF` in the last 1024), 'docx' (a ZIP whose [Content_Types].xml declares a Word
 * main document part that the archive holds), 'zip' (any other readable ZIP) or 'unknown'.
 */
export async function detectFileType(bytes: Uint8Array): Promise<FileType> {
  if (looksLikePdf(bytes)) return 'pdf'
  if (!looksLikeZip(bytes) || !zipDeclaredSizes(bytes)) return 'unknown'
  return (await docxMainPart(bytes)) ? 'docx' : 'zip'
}
