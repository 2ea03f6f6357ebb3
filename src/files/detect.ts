/**
 * @module
 * What a file is, by its bytes rather than its name: a PDF, a Word document (DOCX), another ZIP
 * archive, or something else.
 */
import JSZip from 'jszip'

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
 * the directory cannot be read (not a ZIP, damaged, or ZIP64 sizes). Read before unpacking, so a
 * "zip bomb" that declares its size can be refused without inflating it.
 */
export function zipDeclaredSizes(bytes: Uint8Array): Map<string, number> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff)
  let end = -1
  for (let i = bytes.byteLength - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const sizes = new Map<string, number>()
  const decoder = new TextDecoder('utf-8')
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) {
      return undefined
    }
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    if (size === 0xffffffff || offset + 46 + nameLength > bytes.byteLength) return undefined
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    sizes.set(name, (sizes.get(name) ?? 0) + size)
    offset += 46 + nameLength + extraLength + commentLength
  }
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
 * writes it) when the archive is a Word document; undefined otherwise.
 */
export async function docxMainPart(bytes: Uint8Array): Promise<string | undefined> {
  const sizes = zipDeclaredSizes(bytes)
  const declared = sizes?.get('[Content_Types].xml')
  if (declared === undefined || declared > MAX_CONTENT_TYPES_SIZE) return undefined
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes) // reads the directory; inflates only what is read
  } catch {
    return undefined
  }
  const types = zip.file('[Content_Types].xml')
  if (!types) return undefined
  let xml: string
  try {
    xml = await types.async('string')
  } catch {
    return undefined
  }
  const main = contentTypeOverrides(xml).find(
    (o) => o.contentType.toLowerCase() === DOCX_MAIN_CONTENT_TYPE,
  )
  if (!main) return undefined
  // Part names are case-insensitive (OPC); the archive stores them without the leading slash.
  const wanted = main.partName.replace(/^\//, '').toLowerCase()
  const entry = Object.keys(zip.files).find(
    (name) => name.toLowerCase() === wanted && !zip.files[name]?.dir,
  )
  return entry
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
