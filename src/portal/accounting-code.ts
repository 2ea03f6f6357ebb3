/**
 * @module
 * Accounting codes (есептік код, rules 174 para 4 def. 5 and para 8). The rules require a unique
 * identification number and leave the format open; ours is
 *
 *     KZ-<kind>-<year>-<sequence>-<check>      e.g. KZ-IS-2026-00017-7
 *
 * - `kind`: two letters for the object's kind when the code was assigned (IS information system,
 *   ER state electronic information resource, SW software, IR internet resource, IC ICT
 *   infrastructure object);
 * - `year`: the year (in Kazakhstan) the service integrator accepted the object;
 * - `sequence`: five digits (more when a year passes 99 999), counting every code of that year;
 * - `check`: one Damm check digit over the year and sequence digits, which catches every single
 *   mistyped digit and every swap of two neighbouring digits before a lookup.
 *
 * A code is assigned once, at the first acceptance, and never changes or is reused, even when the
 * object's kind changes later or the object is terminated.
 */
import { KIND_CODES, type ObjectKind } from './model.js'

const CODE_PATTERN = /^KZ-(IS|ER|SW|IR|IC)-(\d{4})-(\d{5,})-(\d)$/

/** The Damm algorithm's totally anti-symmetric quasigroup of order 10. */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const

/** Damm check digit of a string of decimal digits. */
export function checkDigit(digits: string): number {
  let interim = 0
  for (const char of digits) interim = DAMM[interim]?.[Number(char)] ?? 0
  return interim
}

/**
 * The code for the `sequence`-th object accepted in `year`.
 * @example formatAccountingCode('information-system', 2026, 17) // 'KZ-IS-2026-00017-7'
 */
export function formatAccountingCode(kind: ObjectKind, year: number, sequence: number): string {
  const seq = String(sequence).padStart(5, '0')
  return `KZ-${KIND_CODES[kind]}-${year}-${seq}-${checkDigit(`${year}${seq}`)}`
}

/** True when `code` has the format and a right check digit. */
export function isValidAccountingCode(code: string): boolean {
  const match = CODE_PATTERN.exec(code.trim().toUpperCase())
  if (!match) return false
  const [, , year, seq, check] = match
  return checkDigit(`${year}${seq}`) === Number(check)
}
