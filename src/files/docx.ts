/**
 * @module
 * Word documents (DOCX): checks that the file really is one and reads its text with mammoth, for
 * search and for a reviewer's quick look. Never throws for a bad file.
 */
import mammoth from 'mammoth'
import type { MessageParams } from '../core/index.js'
import { detectFileType } from './detect.js'
import { INSPECTIONS } from './limit.js'
import { checkZipContents } from './zip.js'

/** Longest text kept in a report, in characters. */
export const DOCX_TEXT_LIMIT = 20_000

/**
 * Largest total uncompressed size of a DOCX (100 MiB), declared and real: refuses "zip bombs".
 * Every entry is unpacked, with this cap, before mammoth sees the file.
 */
export const MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024

/**
 * Most XML elements (counted as `<`) the parts of a DOCX may hold together: mammoth keeps the
 * whole tree in memory (about 240 bytes an element), and a real report of hundreds of pages has
 * well under a million.
 */
export const MAX_DOCX_ELEMENTS = 2_000_000

/** Most entries (parts, folders) a DOCX may have; a long report with images has a few hundred. */
export const MAX_DOCX_ENTRIES = 5000

/** A message about the document: an error makes `ok` false; a warning is for information. */
export interface DocxMessage {
  type: 'error' | 'warning'
  messageKey: string
  params: MessageParams
}

export interface DocxReport {
  /** True when the file is a Word document whose text could be read. */
  ok: boolean
  /** The raw text (paragraphs separated by blank lines), at most 20,000 characters. */
  text: string
  /** True when `text` was cut at the limit. */
  truncated: boolean
  /** Words in the whole text (runs of letters and digits). */
  wordCount: number
  /** Non-empty paragraphs in the whole text. */
  paragraphs: number
  messages: DocxMessage[]
}

const error = (messageKey: string, params: MessageParams = {}): DocxReport => ({
  ok: false,
  text: '',
  truncated: false,
  wordCount: 0,
  paragraphs: 0,
  messages: [{ type: 'error', messageKey, params }],
})

/** Words: runs of letters, marks and digits, with inner hyphens and apostrophes («Нұр-Сұлтан»). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)?.length ?? 0
}

/** The first `limit` characters, never cutting a surrogate pair in half. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text
  const code = text.charCodeAt(limit - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit)
}

/**
 * Checks that the bytes are a Word document and extracts its text. A PDF, another ZIP (a renamed
 * archive, an .xlsx, an .odt) or anything else gives `ok: false` with an error message
 * (`files.docx.isPdf`, `files.docx.notWord`, `files.docx.notZip`, `files.docx.tooLarge`,
 * `files.docx.tooManyEntries`, `files.docx.sizeMismatch`, `files.docx.unreadable`); an empty
 * document is `ok` with the warning `files.docx.empty`.
 *
 * Before mammoth (and JSZip) read anything, every entry is inflated here with a cap
 * (`checkZipContents`): an entry must unpack to exactly the size the archive declares, and all of
 * them together to at most `MAX_DOCX_UNCOMPRESSED`, so mammoth never inflates more than that.
 */
export function inspectDocx(bytes: Uint8Array): Promise<DocxReport> {
  return INSPECTIONS.run(() => readDocx(bytes))
}

async function readDocx(bytes: Uint8Array): Promise<DocxReport> {
  const type = await detectFileType(bytes)
  if (type === 'pdf') return error('files.docx.isPdf')
  if (type === 'zip') return error('files.docx.notWord')
  if (type !== 'docx') return error('files.docx.notZip')
  const contents = checkZipContents(bytes, {
    maxTotal: MAX_DOCX_UNCOMPRESSED,
    maxEntries: MAX_DOCX_ENTRIES,
  })
  if (!contents.ok) {
    switch (contents.reason) {
      case 'structure':
        return error('files.docx.notZip')
      case 'unsupported':
        return error('files.docx.notWord')
      case 'tooManyEntries':
        return error('files.docx.tooManyEntries', {
          count: contents.count ?? 0,
          limit: MAX_DOCX_ENTRIES,
        })
      case 'tooLarge':
        return error('files.docx.tooLarge', {
          size: contents.declared,
          limit: MAX_DOCX_UNCOMPRESSED,
        })
      case 'sizeMismatch':
        return error('files.docx.sizeMismatch', { name: contents.entry })
      case 'corrupt':
        return error('files.docx.unreadable', { detail: contents.detail })
    }
  }

  // mammoth builds the whole XML tree in memory: millions of tiny elements take gigabytes even
  // when the bytes are few. A real document of hundreds of pages has well under a million.
  if (contents.tags > MAX_DOCX_ELEMENTS) {
    return error('files.docx.tooComplex', { count: contents.tags, limit: MAX_DOCX_ELEMENTS })
  }

  let value: string
  const messages: DocxMessage[] = []
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const result = await mammoth.extractRawText({ buffer })
    value = result.value
    for (const message of result.messages) {
      messages.push({
        type: 'warning',
        messageKey: 'files.docx.reader',
        params: { detail: message.message },
      })
    }
  } catch (cause) {
    return error('files.docx.unreadable', { detail: cause instanceof Error ? cause.message : '' })
  }

  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  const paragraphs = text === '' ? 0 : text.split(/\n\s*\n/).filter((p) => p.trim() !== '').length
  const wordCount = countWords(text)
  if (wordCount === 0)
    messages.unshift({ type: 'warning', messageKey: 'files.docx.empty', params: {} })
  const kept = cut(text, DOCX_TEXT_LIMIT)
  return {
    ok: true,
    text: kept,
    truncated: kept.length < text.length,
    wordCount,
    paragraphs,
    messages,
  }
}
