/**
 * @module
 * Normalisation of text extracted from the acts' PDF publications. Only extraction artefacts are
 * undone, never the law's wording: letter-spaced words («т р е х» → «трех»), a space inserted
 * before a Kazakh suffix («процестер ін» → «процестерін»), Latin look-alike letters inside
 * Cyrillic words (Latin «i» → «і», «c» → «с»), runs of spaces, trailing spaces, and the
 * three-empty-line page breaks, hyperlink text displaced to the end of its line. Every normalised line keeps the number of the original line, so
 * any text can be traced back to where it is printed.
 *
 * Guarantees (checked by property tests): never throws; idempotent; keeps every letter and digit
 * of the input (only white space changes, look-alike letters become Cyrillic, and a hyperlink's
 * words displaced to the end of a line go back where they were printed).
 */

/** One line of an act after normalisation, with its original 1-based line number. */
export interface SourceLine {
  /** Line number in the original file (1-based). */
  n: number
  /**
   * The normalised text, without leading or trailing spaces; '' for a blank line. Spaces are
   * single, except two between one-character words (see {@link normalizeLine}).
   */
  text: string
  /** The line exactly as in the file. */
  raw: string
  /** True when this is the first non-blank line after a page break. */
  afterPageBreak: boolean
}

/** Latin letters that look like Cyrillic ones, and the Cyrillic letter they stand for. */
const LOOK_ALIKES: Record<string, string> = {
  i: 'і',
  I: 'І',
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
}

const CYRILLIC = /\p{Script=Cyrillic}/u
const LATIN_LETTER = /\p{Script=Latin}/u

/**
 * Kazakh suffixes that the PDF extraction separates from their word with a space
 * («процестер ін», «процестерд і», «мерз імдер ін», «бер ілген», «мемлекетт ік», «Кәс іпқой»).
 * None of them is a word of its own in the acts; «іс», «іске», «ішкі» are words and stay apart.
 */
const DETACHED_SUFFIXES = new Set(['і', 'ін', 'ік', 'імдер', 'ілген', 'іпқой'])

/** Replaces Latin look-alikes inside words whose other letters are all Cyrillic. */
export function fixLookAlikes(text: string): string {
  if (!/[A-Za-z]/.test(text)) return text
  return text.replace(/[\p{L}]+/gu, (word) => {
    if (!CYRILLIC.test(word)) return word
    let latinOther = false
    for (const ch of word) {
      if (LATIN_LETTER.test(ch) && !(ch in LOOK_ALIKES)) latinOther = true
    }
    if (latinOther) return word
    return [...word].map((ch) => LOOK_ALIKES[ch] ?? ch).join('')
  })
}

/**
 * Collapses letter-spaced words: in each stretch between runs of two or more spaces, when every
 * space-separated token is a single character, the single spaces are dropped
 * («е с е п к е  а л у д ы» → «есепке алуды», «1 - д е ң г е й :» → «1-деңгей:»).
 */
export function collapseLetterSpacing(text: string): string {
  // Fast path: no two one-character tokens side by side, nothing to collapse.
  if (!/(^| )\S \S( |$)/u.test(text)) return text
  return text
    .split(/ {2,}/)
    .map((stretch) => {
      const tokens = stretch.split(' ')
      if (tokens.length < 2 || !tokens.every((t) => [...t].length === 1)) return stretch
      // An opening bracket after a letter-spaced word keeps its space: «Э О Ж (» → «ЭОЖ (».
      return tokens.join('').replace(/(?<=\p{L})\(/gu, ' (')
    })
    .join('  ')
}

/** Re-attaches suffixes the extraction split off their word. */
export function joinDetachedSuffixes(text: string): string {
  if (!text.includes(' і')) return text
  return text.replace(
    /(\p{Script=Cyrillic}{2,}) (\p{Script=Cyrillic}+)(?=$|[\s,.;:)])/gu,
    (whole, word: string, suffix: string) =>
      DETACHED_SUFFIXES.has(suffix) ? word + suffix : whole,
  )
}

/**
 * Folds runs of spaces to one, except between two one-character words («проживающи м  и
 * работающим»): there two spaces stay, so that normalising again does not mistake them for a
 * letter-spaced word and glue them («ми»).
 */
function foldSpaces(text: string): string {
  const stretches = text.trim().split(/ {2,}/)
  let out = stretches[0] ?? ''
  for (let i = 1; i < stretches.length; i++) {
    const left = out.split(' ').at(-1) ?? ''
    const right = stretches[i]!.split(' ')[0] ?? ''
    out += ([...left].length === 1 && [...right].length === 1 ? '  ' : ' ') + stretches[i]
  }
  return out
}

/** Words the publisher prints as hyperlinks (article, appendix, decree references). */
const LINK_WORD =
  /^(?:\d+-(?:бабының|бабы|бабына|тармағының|тармағымен|тармағына|қосымшаға|қосымшаның)|қосымшаға|қаулысымен|бұйрығымен|Жарлығымен|статьи|приложению|постановлением|приказом|Указом)$/u

/**
 * Puts a hyperlink's text back where it was printed (best effort). The extraction moves linked
 * words to the end of their line and leaves two spaces in their place: «Заңы (бұдан әрі – Заң)
 * 18) тармақшасына сәйкес 7-бабының» → «… Заң) 7-бабының 18) тармақшасына сәйкес». Only a line
 * with exactly one such gap that ends in a link word is changed; only word order changes.
 */
export function restoreDisplacedLink(text: string): string {
  const trimmed = text.trim()
  const gaps = trimmed.match(/ {2,}/g)
  if (gaps?.length !== 1) return text
  const words = trimmed.split(' ')
  let last = words.at(-1)!
  // The link glued to the line's real last word «2-» («Заңының  2-32-бабы» = «Заңының 32-бабы 2-»).
  const glued = /^(\d+-)(\d+-\p{L}+)$/u.exec(last)
  let keepAtEnd = ''
  if (glued && LINK_WORD.test(glued[2]!)) {
    keepAtEnd = glued[1]!
    last = glued[2]!
  } else if (!LINK_WORD.test(last)) {
    return text
  }
  const body = trimmed.slice(0, trimmed.length - words.at(-1)!.length).trimEnd()
  const gap = body.search(/ {2,}/)
  const indent = text.slice(0, text.length - text.trimStart().length)
  // The gap right before the glued word: the link stood there, before «2-».
  if (gap < 0) return keepAtEnd ? `${indent}${body} ${last} ${keepAtEnd}` : text
  const rest = `${body.slice(gap).trimStart()}${keepAtEnd ? ` ${keepAtEnd}` : ''}`
  return `${indent}${body.slice(0, gap)} ${last} ${rest}`
}

/** The end of a link word whose number stayed at the end of the line above («32» / «… -бабы»). */
const LINK_TAIL = /^(.*\S) (-(?:бабының|бабы|бабына|тармағының|тармағымен|тармағына))$/u

/**
 * Puts back a hyperlink split over two lines (best effort): the number at the end of one line,
 * the rest of the link word at the end of the next, which begins with the gap where the link was
 * («… Заңның 32» / « 2-2-тармағымен көзделген жағдайда, -бабы» → «… Заңның» /
 * «32-бабы 2-2-тармағымен көзделген жағдайда,»). Works on the raw lines, before normalising.
 */
function restoreSplitLinks(rawLines: string[]): string[] {
  const out = [...rawLines]
  for (let i = 1; i < out.length; i++) {
    const line = out[i]!
    if (!/^ \S/.test(line)) continue
    const tail = LINK_TAIL.exec(line.trimEnd())
    const number = / (\d{1,3})\s*$/.exec(out[i - 1]!)
    if (!tail || !number) continue
    out[i - 1] = out[i - 1]!.slice(0, number.index)
    out[i] = `${number[1]}${tail[2]} ${tail[1]!.trim()}`
  }
  return out
}

function normalizeOnce(text: string): string {
  return joinDetachedSuffixes(
    foldSpaces(restoreDisplacedLink(collapseLetterSpacing(fixLookAlikes(text)))),
  )
}

/**
 * Normalises one line: look-alikes, letter-spacing, detached suffixes, spaces. Repeated until
 * nothing changes (each step only removes spaces), so normalising twice changes nothing.
 */
export function normalizeLine(raw: string): string {
  let text = raw.replace(/[\t\u00a0\u2007\u202f]/g, ' ').replace(/[\r\f\v\u200b\ufeff]/g, '')
  for (let i = 0; i < 10; i++) {
    const next = normalizeOnce(text)
    if (next === text) break
    text = next
  }
  return text
}

/**
 * Splits an act's text into normalised lines and marks page breaks (runs of two or more blank
 * or space-only lines). Blank lines stay, as '' (single blank lines separate table cells).
 */
export function normalizeText(raw: string): SourceLine[] {
  const rawLines = raw.replace(/^\uFEFF/, '').split(/\r?\n/)
  const repaired = restoreSplitLinks(rawLines)
  const lines: SourceLine[] = []
  let blankRun = 0
  rawLines.forEach((line, index) => {
    const text = normalizeLine(repaired[index]!)
    const afterPageBreak = text !== '' && blankRun >= 2
    blankRun = text === '' ? blankRun + 1 : 0
    lines.push({ n: index + 1, text, raw: line, afterPageBreak })
  })
  return lines
}

/**
 * Joins wrapped lines of one cell or paragraph into one string: lines are joined with a space,
 * then the space the extraction leaves before closing punctuation and after opening brackets
 * and quotes is removed («мақсаты үшін (» + «...» → «мақсаты үшін (...»). Only spaces change.
 */
export function joinLines(texts: readonly string[]): string {
  const parts: string[] = []
  let quotes = 0
  for (const text of texts) {
    if (text === '') continue
    // A line ending in an opening straight quote («ЭҚАБЖ, "» + «Әділет"») joins without a space.
    const previous = parts.at(-1) ?? ''
    const opensQuote = previous.endsWith('"') && quotes % 2 === 1
    // «бизнес-» + «процестерді», «2-» + «тармағында»: a word hyphenated at the line's end.
    const hyphenated = /[\p{L}\d]-$/u.test(previous)
    if (parts.length > 0 && !opensQuote && !hyphenated) parts.push(' ')
    parts.push(text)
    for (const ch of text) if (ch === '"') quotes++
  }
  return parts
    .join('')
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.;:)»])/g, '$1')
    .replace(/([(«]) /g, '$1')
    .trim()
}

/** The letters and digits of a text, with look-alikes mapped to Cyrillic: what must never change. */
export function letterSequence(text: string): string {
  return [...text]
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch))
    .map((ch) => LOOK_ALIKES[ch] ?? ch)
    .join('')
}
