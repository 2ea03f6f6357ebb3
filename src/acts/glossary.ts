/**
 * @module
 * The abbreviation glossaries of an act («Аббревиатуралардың толық жазылуы:», «Расшифровка
 * аббревиатур:»): runs of «ABBR – expansion» lines. Each entry starts on an indented line; its
 * expansion can wrap onto following lines printed from the left margin. The separator is an en
 * dash or a hyphen followed by a space («ӘА – Әкім Аппараты», «ТРБ- Табиғи ресурстар
 * басқармасы»). Order 158 prints two entries run together on one line (l.12918–12921: «… ақпараттық
 * жүйесі Мемлекеттік мүлік тіркелімі АЖ - …»); they are split again. Text is kept as printed:
 * only extraction artefacts and the list punctuation ending an entry («;», «.») are removed.
 */
import { InputError } from '../core/index.js'
import type { SourceLine } from './normalize.js'
import type { GlossaryEntryDraft, LineRange } from './types.js'
import { joinWrapped } from './wrapped-lines.js'

/** The heading of a glossary, kk or ru. */
const GLOSSARY_HEADING = /^(Аббревиатуралардың толық жазылуы|Расшифровка аббревиатур):?$/iu

/** The heading of Appendix 2 («2-қосымша», «Приложение 2»). */
const APPENDIX_2_HEADING = /^(2-қосымша|Приложение 2)$/iu

/** «ABBR – rest»: the first dash followed by a space (or ending the line) separates them. */
const HEAD = /^(.+?)\s*[–-](?:\s+|$)(.*)$/u

/** An abbreviation has a run of two capitals or digit and capital («ӘА», «АЖ», «3G», «ЭОЖ»). */
const ABBREVIATION_MARK = /\p{Lu}[\p{Lu}\d]|\d\p{Lu}/u

/** A dash separating a second entry printed on the same line as the end of the previous one. */
const INNER_SEPARATOR = /\s*[–-](?:\s+|$)/gu

/** Words (and punctuation) an expansion ends with, after which a run-on entry can start. */
const EXPANSION_END = new RegExp(
  `(${[
    'жүйесі',
    'жүйелері',
    'жүйе',
    'қоры',
    'порталы',
    'кадастры',
    'тіркелімі',
    'басқармасы',
    'бөлімі',
    'Аппараты',
    'системы',
    'система',
    'портал',
  ].join('|')}|[;.])$`,
  'u',
)

const INDENTED = /^\s{2,}\S/

/** An abbreviation as printed, when `text` can be one (short, with a capital pair). */
function asAbbreviation(text: string): string | null {
  const words = text.trim().split(/\s+/)
  if (text.trim() === '' || words.length > 6 || text.length > 60) return null
  if (/[,;:]/.test(text) || !ABBREVIATION_MARK.test(text)) return null
  return text.trim()
}

/** The level an expansion names: 1 an oblast administration, 2 a district department. */
function levelOf(expansion: string): number | null {
  const words = expansion
    .toLowerCase()
    .replace(/[«»"().,;]/g, ' ')
    .trim()
    .split(/\s+/)
  const last = words.at(-1) ?? ''
  const first = words[0] ?? ''
  if (last === 'басқармасы' || last === 'управление' || first === 'управление') return 1
  // «болімі» is the source's misspelling of «бөлімі» (158 l.12943, ЖКАЖБ); the text stays as
  // printed, but the entry is still a district department.
  if (last === 'бөлімі' || last === 'болімі' || last === 'отдел' || first === 'отдел') return 2
  return null
}

/** Removes the punctuation that ends a list item and the quote that closes a quoted list. */
function cleanExpansion(text: string): string {
  let t = text.trim()
  // The last entry of a list quoted by an amendment ends «жүйесі.".»: period, closing quote of
  // the replacement text, period.
  t = t.replace(/[;.]$/u, '').trimEnd()
  if (t.endsWith('."')) t = t.slice(0, -2)
  return t.replace(/[;.]$/u, '').trimEnd()
}

/** Removes the quote opening a quoted replacement list («"ААЖ – …» in order 142). */
function cleanAbbreviation(text: string): string {
  const t = text.trim()
  return t.startsWith('"') && !t.slice(1).includes('"') ? t.slice(1) : t
}

interface PendingEntry {
  abbreviation: string
  texts: string[]
  first: number
  last: number
}

/**
 * Where, in one line of an entry's expansion, a second entry starts: the text before the
 * separator must end in an abbreviation that follows the end of an expansion («… жүйесі
 * Мемлекеттік мүлік тіркелімі АЖ -»). Returns the split, or null when the line has none.
 */
function findRunOnEntry(
  text: string,
): { before: string; abbreviation: string; after: string } | null {
  for (const m of text.matchAll(INNER_SEPARATOR)) {
    const at = m.index ?? 0
    const words = text.slice(0, at).split(' ')
    for (let i = Math.max(1, words.length - 6); i < words.length; i++) {
      const word = words[i]!
      if (!/^["«]?[\p{Lu}\d]/u.test(word) || !EXPANSION_END.test(words[i - 1]!)) continue
      const abbreviation = asAbbreviation(words.slice(i).join(' '))
      if (abbreviation === null) continue
      return {
        before: words.slice(0, i).join(' '),
        abbreviation,
        after: text.slice(at + m[0].length),
      }
    }
  }
  return null
}

/**
 * Parses a run of glossary lines into entries, in the order printed. `lines` holds only the
 * entries (blank lines and page breaks may sit between them): an entry starts on an indented
 * line of the form «ABBR – expansion» and takes the following lines up to the next entry. When no
 * line of the run is indented (text without layout), every «ABBR – expansion» line starts an
 * entry. `level` is 1 for «… басқармасы» / «Управление …», 2 for «… бөлімі» / «Отдел …», else null.
 * Reused for the glossaries an amendment restates (order 142's full list, 352's one line).
 * @throws InputError when a line before the first entry is not an entry, or no entry is found.
 * @example parseGlossaryEntries(normalizeText('      ӘА – Әкім Аппараты'), 'appendix-1')
 */
export function parseGlossaryEntries(lines: SourceLine[], list: string): GlossaryEntryDraft[] {
  const layout = lines.some((l) => l.text !== '' && INDENTED.test(l.raw))
  const entries: GlossaryEntryDraft[] = []
  let pending: PendingEntry | null = null

  const finish = () => {
    if (pending === null) return
    const lineRange: LineRange = [pending.first, pending.last]
    const expansion = cleanExpansion(joinWrapped(pending.texts))
    entries.push({
      abbreviation: cleanAbbreviation(pending.abbreviation),
      expansion,
      level: levelOf(expansion),
      list,
      lines: lineRange,
    })
    pending = null
  }

  for (const line of lines) {
    if (line.text === '') continue
    const head = HEAD.exec(line.text)
    const abbreviation = head ? asAbbreviation(head[1]!) : null
    if (abbreviation !== null && (!layout || INDENTED.test(line.raw))) {
      finish()
      pending = { abbreviation, texts: [], first: line.n, last: line.n }
      addText(head![2]!, line.n)
      continue
    }
    if (pending === null) {
      throw new InputError(
        `Glossary line ${line.n} is not an «ABBR – expansion» entry: «${line.text.slice(0, 60)}»`,
      )
    }
    addText(line.text, line.n)
  }
  finish()
  if (entries.length === 0) throw new InputError('No glossary entry («ABBR – expansion») found')
  return entries

  /** Adds one line's text to the pending entry, splitting off a run-on second entry. */
  function addText(text: string, n: number): void {
    const current = pending!
    current.last = n
    const runOn = findRunOnEntry(text)
    if (runOn === null) {
      current.texts.push(text)
      return
    }
    current.texts.push(runOn.before)
    finish()
    pending = { abbreviation: runOn.abbreviation, texts: [], first: n, last: n }
    addText(runOn.after, n)
  }
}

/** True when a line can start a glossary entry (used to find where a glossary ends). */
function startsEntry(line: SourceLine): boolean {
  const head = HEAD.exec(line.text)
  return head !== null && asAbbreviation(head[1]!) !== null && INDENTED.test(line.raw)
}

/**
 * The glossaries of an architecture act (order 158): every «Аббревиатуралардың толық жазылуы:»
 * list, named 'appendix-1' when printed before the Appendix 2 heading («2-қосымша») and
 * 'appendix-2' after it. A glossary ends where a non-blank line after a blank line does not start
 * an entry (the next appendix's heading), or at the end of the text. For order 158: 79 entries
 * (l.12837–12982) and 10 entries (l.13156–13177).
 * @throws InputError when the text has no glossary.
 */
export function parseGlossaries(lines: SourceLine[]): GlossaryEntryDraft[] {
  const appendix2 = lines.find((l) => APPENDIX_2_HEADING.test(l.text))
  const headings = lines.flatMap((l, i) => (GLOSSARY_HEADING.test(l.text) ? [i] : []))
  if (headings.length === 0) {
    throw new InputError('No abbreviation glossary («Аббревиатуралардың толық жазылуы:») found')
  }
  return headings.flatMap((start) => {
    const heading = lines[start]!
    const list = appendix2 !== undefined && heading.n > appendix2.n ? 'appendix-2' : 'appendix-1'
    let end = start + 1
    let afterBlank = false
    for (; end < lines.length; end++) {
      const line = lines[end]!
      if (line.text === '') {
        afterBlank = true
        continue
      }
      if (GLOSSARY_HEADING.test(line.text) || (afterBlank && !startsEntry(line))) break
      afterBlank = false
    }
    return parseGlossaryEntries(lines.slice(start + 1, end), list)
  })
}
