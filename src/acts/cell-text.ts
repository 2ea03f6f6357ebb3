/**
 * @module
 * The text of one cell of a narrow PDF table column (the restated rows of an amendment). The
 * columns are about twelve letters wide, so the extraction breaks long words with no hyphen
 * («инвалидность» + «ю», «автоматтанды» + «ру») as well as wrapping whole words. A line that
 * ends in a space always ends a whole word; a line without one ends either a broken word or a
 * word that exactly fills the column, and only the words themselves tell which. The rules below
 * decide from the two lines' edges; nothing else in the text is changed.
 */
import {
  collapseLetterSpacing,
  fixLookAlikes,
  joinDetachedSuffixes,
  joinLines,
  type SourceLine,
} from './normalize.js'
import type { ActLanguage } from './types.js'

/** One wrapped line of a cell, as the cell joiner needs it. */
export interface CellLine {
  /** Original 1-based line number. */
  n: number
  text: string
  /** The printed line ended with a space: its last word is whole. */
  trailingSpace: boolean
  /** The line starts with exactly one space: text a hyperlink displaced (see the notes, §4.10). */
  displaced: boolean
}

/**
 * One pass of the normaliser's steps. `normalizeLine` repeats its steps until nothing changes,
 * and the second round joins single-letter words the first round left apart («ю  в  » → «ю в»
 * → «юв», «м  и  » → «ми»). A line whose one-pass text differs from the normalised text only
 * by such spaces is taken in its one-pass form, which keeps those words apart.
 */
function onePass(raw: string): string {
  const text = raw.replace(/[\t\u00a0\u2007\u202f]/g, ' ').replace(/[\r\f\v\u200b\ufeff]/g, '')
  return joinDetachedSuffixes(collapseLetterSpacing(fixLookAlikes(text)).replace(/ {2,}/g, ' '))
    .replace(/ {2,}/g, ' ')
    .trim()
}

/** The cell line of a normalised source line. */
export function toCellLine(line: SourceLine): CellLine {
  const single = onePass(line.raw)
  const text =
    single !== line.text && single.replace(/ /g, '') === line.text.replace(/ /g, '')
      ? single
      : line.text
  return {
    n: line.n,
    text,
    trailingSpace: /[ \t\u00a0]$/.test(line.raw),
    displaced: /^ \S/.test(line.raw),
  }
}

/** Endings of whole Russian words (adjectives, nouns in -ии/-ия, verbs in -ет/-ит/-ся). */
const RU_WHOLE_WORD_ENDING = /(ых|их|ими|ыми|ому|ему|ого|его|ии|ия|ию|ие|ся|ет|ит|ют|ут|ат|ят)$/u
/** One-letter Russian words that start a new word after a full line. */
const RU_ONE_LETTER_WORDS = new Set(['в', 'с', 'к', 'о', 'у', 'а'])
/** Short Russian words: after a full line they are words of their own, not word endings. */
const RU_SHORT_WORDS = new Set(['по', 'на', 'до', 'от', 'за', 'из', 'об', 'не', 'во', 'со'])
const RU_SHORT_WORDS_3 = new Set(['для', 'при', 'без', 'лиц', 'его', 'или', 'все'])
const VOWELS = /[аеёиоуыэюяәіөүұ]$/u

function quoteCount(text: string): number {
  return text.split('"').length - 1
}

/**
 * Whether a line `a` and the next line `b` of one cell are joined with a space ('') or not, in a
 * text `before` ending with `a`. In order: quotes opened at the end of a line or closed at the
 * start of the next are glued; a trailing space means a whole word; hyphens, slashes and opening
 * brackets glue, closing punctuation glues; a line of several words, or a next line starting
 * with a capital, means a whole word; a hyphenated compound that fills the line is broken; then
 * the first letters of `b`: Russian words do not start with «ь», «ъ», «ы», «й»; one letter is a
 * word ending unless it is a preposition (and «и» is an ending only after a consonant or one
 * «и»: «обязательным|и», «представлени|и», but «передвижении и»); a Russian `a` with a whole-word
 * ending stays whole; a fragment of up to three letters is an ending unless it is a short word.
 * Otherwise Russian joins (long endings: «неавтоматизи|рованных») and Kazakh does not (its
 * endings are short suffixes: «Республикасы|ның», «автоматтанды|ру»).
 */
function separator(before: string, a: CellLine, b: CellLine, language: ActLanguage): '' | ' ' {
  const at = a.text
  const bt = b.text
  const insideQuote = quoteCount(before) % 2 === 1
  if (insideQuote && at.endsWith('"') && (at.length === 1 || /[\s,(:]/u.test(at.at(-2)!))) return ''
  if (insideQuote && bt.startsWith('"') && (bt.length === 1 || /[\s,.;:)]/u.test(bt[1]!))) return ''
  if (a.trailingSpace) return ' '
  if (/\p{L}[-/]$/u.test(at) || at.endsWith('(')) return ''
  if (/^[,.;:)!?]/u.test(bt)) return ''
  if (!/\p{L}$/u.test(at) || !/^\p{L}/u.test(bt)) return ' '
  if (at.includes(' ') || /^\p{Lu}/u.test(bt)) return ' '
  if (at.includes('-')) return ''
  const first = (/^\p{L}+/u.exec(bt)?.[0] ?? '').toLowerCase()
  const lastWord = at.toLowerCase()
  if (language === 'kk') return first.length <= 3 ? '' : ' '
  if (/^[ьъый]/u.test(first)) return ''
  if (first.length === 1) {
    if (first === 'и') return /ии$/u.test(lastWord) || /[аеёоуыэюя]$/u.test(lastWord) ? ' ' : ''
    return RU_ONE_LETTER_WORDS.has(first) && VOWELS.test(lastWord) ? ' ' : ''
  }
  if (RU_WHOLE_WORD_ENDING.test(lastWord)) return ' '
  if (first.length === 2) return RU_SHORT_WORDS.has(first) ? ' ' : ''
  if (first.length === 3) return RU_SHORT_WORDS_3.has(first) ? ' ' : ''
  return ''
}

/**
 * Joins the wrapped lines of one cell (possibly continued over page breaks) into its text:
 * words broken by the narrow column are rejoined, whole words get one space, and the spaces the
 * extraction leaves inside brackets and before punctuation are removed.
 * @example
 * joinCellLines([line('инвалидность'), line('ю в размере ')], 'ru') // 'инвалидностью в размере'
 */
export function joinCellLines(lines: readonly CellLine[], language: ActLanguage): string {
  let text = ''
  let previous: CellLine | null = null
  for (const line of lines) {
    if (line.text === '') continue
    text =
      previous === null ? line.text : text + separator(text, previous, line, language) + line.text
    previous = line
  }
  return joinLines([text])
}
