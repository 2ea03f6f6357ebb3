/**
 * @module
 * The one rule for names of people, organisations and objects typed by users: nobody may make a
 * name that looks like another one or that reverses the text displayed around it.
 *
 * - Invisible characters (zero-width space U+200B, zero-width non-joiner U+200C, zero-width joiner
 *   U+200D, word joiner U+2060, byte order mark / zero-width no-break space U+FEFF, soft hyphen
 *   U+00AD) are removed: «Ақ\u200Bсу» becomes «Ақсу», the same name as the one typed plainly.
 * - Bidirectional controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the
 *   marks U+200E, U+200F and U+061C) are refused with InputError `security.text.bidi`: they can
 *   turn «abc‮fdp.exe» into «abcexe.pdf» on screen.
 * - The text is NFC-normalised, so «й» typed as «и» + combining breve equals the ready-made «й».
 *   Kazakh letters (ә, і, ң, ғ, ү, ұ, қ, ө, һ) and ordinary combining marks stay.
 */
import { InputError } from './errors.js'

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** True when `text` holds a bidirectional control character. */
export function hasBidiControl(text: string): boolean {
  return BIDI.test(text)
}

/**
 * A user-typed name made safe to show: invisible characters removed, NFC-normalised. Throws
 * InputError `security.text.bidi` (HTTP 400, translated) when it holds a bidirectional control.
 * Trimming, collapsing spaces and length limits stay with the caller.
 * @example safeName('Ақ\u200Bсу') // 'Ақсу'
 */
export function safeName(text: string, field = 'name'): string {
  if (hasBidiControl(text)) {
    throw new InputError(
      `${field} contains bidirectional control characters`,
      'security.text.bidi',
      { field },
    )
  }
  return text.replace(INVISIBLE, '').normalize('NFC')
}
