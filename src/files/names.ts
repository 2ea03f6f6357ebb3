/**
 * @module
 * File names from users' browsers: accepted only as plain names (never paths), and sent back in a
 * Content-Disposition header that every browser reads and nobody can inject into.
 */
import { InputError } from '../core/index.js'

/** Longest original name kept, in characters (code points). */
export const MAX_FILE_NAME_LENGTH = 200

// C0 and C1 control characters, DEL, and the bidirectional overrides and isolates that can make
// «report‮fdp.exe» look like «reportexe.pdf».
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const DRIVE_PREFIX = /^[A-Za-z]:/

function pathError(name: string): InputError {
  return new InputError(`not a plain file name: ${JSON.stringify(name)}`, 'files.error.path')
}

/**
 * The name a user's browser sent for an upload, checked and tidied: trimmed, NFC-normalised,
 * at most 200 characters (the extension kept when cut). Kazakh, Russian and any other letters are
 * kept. Throws InputError `files.error.path` for anything path-like (`/`, `\`, `.` or `..`,
 * a drive prefix such as `C:`, NUL or other control characters) and `files.error.nameEmpty` for an
 * empty name.
 * @example safeOriginalName('  Техникалық тапсырма.pdf ') // 'Техникалық тапсырма.pdf'
 */
export function safeOriginalName(name: string): string {
  if (typeof name !== 'string') throw new InputError('no file name', 'files.error.nameEmpty')
  if (FORBIDDEN_CHARACTERS.test(name) || /[/\\]/.test(name)) throw pathError(name)
  const trimmed = name.normalize('NFC').trim()
  if (trimmed === '') throw new InputError('empty file name', 'files.error.nameEmpty')
  if (trimmed === '.' || trimmed === '..' || DRIVE_PREFIX.test(trimmed)) throw pathError(name)
  return limitLength(trimmed, MAX_FILE_NAME_LENGTH)
}

/** Cuts a name to `limit` code points, keeping a short extension («….pdf»). */
function limitLength(name: string, limit: number): string {
  const chars = [...name]
  if (chars.length <= limit) return name
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? [...name.slice(dot)] : []
  const keep = extension.length > 1 && extension.length <= 16 ? extension : []
  const stem = chars
    .slice(0, limit - keep.length)
    .join('')
    .trimEnd()
  return `${stem}${keep.join('')}`
}

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" /
// "|" / "~". encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** An ASCII stand-in for old clients: other characters become `_`, the extension stays. */
function asciiFallback(name: string): string {
  let ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').replace(/_{2,}/g, '_')
  const dot = ascii.lastIndexOf('.')
  const stem = dot > 0 ? ascii.slice(0, dot) : ascii
  const extension = dot > 0 ? ascii.slice(dot) : ''
  if (/^[\s_.]*$/.test(stem)) ascii = `document${/^\.[\w-]+$/.test(extension) ? extension : ''}`
  return ascii
}

/**
 * A Content-Disposition header value for sending a stored file under its original name
 * (RFC 6266, with the UTF-8 name in `filename*` per RFC 5987 and an ASCII `filename` for old
 * clients). Any string is made safe: control characters and path separators never reach the
 * header.
 * @example contentDisposition('Құжат 1.pdf')
 * // `attachment; filename="_ 1.pdf"; filename*=UTF-8''%D2%9A%D2%B1%D0%B6%D0%B0%D1%82%201.pdf`
 */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const clean = limitLength(
    String(name)
      .normalize('NFC')
      .replace(new RegExp(FORBIDDEN_CHARACTERS.source, 'g'), '')
      .replace(/[/\\]/g, '_')
      .trim(),
    MAX_FILE_NAME_LENGTH,
  )
  const usable = clean === '' || clean === '.' || clean === '..' ? 'document' : clean
  return `${disposition}; filename="${asciiFallback(usable)}"; filename*=UTF-8''${encodeRfc5987(usable)}`
}
