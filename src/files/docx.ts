/**
 * @module
 * Word documents (DOCX): checks that the file really is one and reads its text with mammoth, for
 * search and for a reviewer's quick look. Never throws for a bad file.
 */
import mammoth from 'mammoth'
import type { MessageParams } from '../core/index.js'
import { detectFileType, zipDeclaredSizes } from './detect.js'

/** Longest text kept in a report, in characters. */
export const DOCX_TEXT_LIMIT = 20_000

/** Largest total uncompressed size a DOCX may declare (200 MiB): refuses "zip bombs". */
export const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024

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
 * `files.docx.unreadable`); an empty document is `ok` with the warning `files.docx.empty`.
 */
export async function inspectDocx(bytes: Uint8Array): Promise<DocxReport> {
  const type = await detectFileType(bytes)
  if (type === 'pdf') return error('files.docx.isPdf')
  if (type === 'zip') return error('files.docx.notWord')
  if (type !== 'docx') return error('files.docx.notZip')
  const declared = [...(zipDeclaredSizes(bytes)?.values() ?? [])].reduce((a, b) => a + b, 0)
  if (declared > MAX_DOCX_UNCOMPRESSED) {
    return error('files.docx.tooLarge', { size: declared, limit: MAX_DOCX_UNCOMPRESSED })
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
