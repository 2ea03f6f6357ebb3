/**
 * @module
 * The instructions of an amendment act to a typical architecture (orders 142/2021 in Kazakh and
 * 352/2022 in Russian, amending order 304/2018). The act's item 1 is a list of paragraphs
 * (абзацы), each either context («1-қосымшада:», «в разделе 1:») or an instruction:
 * - restate a section title: «1-бөлімнің тақырыбы мынадай редакцияда жазылсын:» + «"…";»;
 * - delete rows: «реттік нөмірлері 83 және 84-жолдар алып тасталсын;» / «… исключить»;
 * - restate rows: «реттік нөмірі 389-жол мынадай редакцияда жазылсын:» / «строки, порядковые
 *   номера 390, 391 … изложить в следующей редакции:», followed by the rows in the 2018 layout
 *   between a line «"» and a line «";»;
 * - replace the abbreviation list: «аббревиатуралардың толық жазылуы мынадай редакцияда
 *   жазылсын:» + the quoted list;
 * - restate one abbreviation line: «в расшифровке аббревиатур:» «строку:» «"…"» «изложить в
 *   следующей редакции:» «"…"».
 * Body paragraphs are indented; the extraction moves hyperlinked words to the end of their line
 * («1-бөлімнің  мынадай редакцияда жазылсын:тақырыбы»), so instructions are recognised by their
 * words, not their order. An entry-into-force exception for one paragraph («… 2022 жылғы
 * 1 қаңтардан бастап … 1-тармағының алтыншы абзацын қоспағанда») dates that paragraph's
 * instruction.
 */
import { InputError } from '../core/index.js'
import { parseGlossaryEntries } from './glossary.js'
import { findDates, PARAGRAPH_ORDINALS } from './legal-date.js'
import { joinLines, type SourceLine } from './normalize.js'
import { parseRestatedRows } from './row-layout-2018.js'
import type {
  ActLanguage,
  AmendmentInstructionDraft,
  GlossaryEntryDraft,
  LineRange,
} from './types.js'

/** Responsible units printed in the 2018 rows (the glossary's «басқармасы/бөлімі» are added). */
const KNOWN_UNITS = ['УКЗСП', 'ОЗСП', 'ЖҚӘББ', 'ЖӘББ', 'ЖҮӘББ', 'ДБ']

const RESTATE = /редакцияда\s+жазылсын|изложить\s+в\s+следующей\s+редакции/u
const DELETE = /алып\s+тасталсын|исключить/u
const ADD = /толықтырылсын|дополнить/u
const SECTION_CONTEXT = { kk: /(\d+)-бөлім/u, ru: /раздел\S*\s*(\d+)/u }
const APPENDIX_CONTEXT = { kk: /(\d+)-қосымша/u, ru: /приложени\S*\s*(\d+)/u }
const SECTION_TITLE = { kk: /(\d+)-бөлімнің.*тақырыб|тақырыб.*(\d+)-бөлімнің/u, ru: /заголов/u }
const ROWS = { kk: /-жол/u, ru: /строк/u }
const ROW_NUMBERS = {
  kk: /нөмір\S*\s+(.+?)-жол/u,
  ru: /номер\S*\s+(.+?),?\s*(?:изложить|исключить)/u,
}
const GLOSSARY = /аббревиатур/u
const INDENTED = /^\s{2,}\S/
const CLOSING_QUOTE = /^"\s*[;.]$/u
/** A glossary entry line: an abbreviation, a dash, the expansion. */
const ENTRY_HEAD = /^"?\S.{0,60}?\s[–-]\s/u

/** One body paragraph: an indented line and the unindented lines that continue it. */
interface Paragraph {
  /** Indexes in `lines` of its first and last line. */
  start: number
  end: number
  text: string
  lines: LineRange
}

/** An instruction found, built once the act's units are known (the glossary may come last). */
interface Plan {
  glossary: boolean
  build: (units: ReadonlySet<string>) => AmendmentInstructionDraft
}

/**
 * Reads every instruction of an amendment act, in the order printed.
 * @throws InputError when no instruction is found, an instruction is not one of the kinds above,
 *   its quoted text is cut off, or a row it announces is missing from the restated text.
 * @example parseAmendmentInstructions(normalizeText(text), 'kk')[0]
 * // { op: 'restate-section-title', section: 1, title: '1-бөлім. Облыс, …', lines: [28, 29] }
 */
export function parseAmendmentInstructions(
  lines: SourceLine[],
  language: ActLanguage,
): AmendmentInstructionDraft[] {
  const paragraphs = bodyParagraphs(lines)
  const plans: Plan[] = []
  let appendix = 1
  let section: number | null = null
  let consumed = -1
  for (let k = 0; k < paragraphs.length; k++) {
    const p = paragraphs[k]!
    if (p.start <= consumed) continue
    const name = `Instruction at line ${p.lines[0]} («${p.text.slice(0, 70)}»)`
    const appendixMatch = APPENDIX_CONTEXT[language].exec(p.text)
    if (appendixMatch) appendix = Number(appendixMatch[1])
    const sectionMatch = SECTION_CONTEXT[language].exec(p.text)
    if (sectionMatch && !GLOSSARY.test(p.text)) section = Number(sectionMatch[1])
    const verb = RESTATE.test(p.text) || DELETE.test(p.text)
    if (ADD.test(p.text)) throw new InputError(`${name}: additions are not supported`)

    const lineFollows = /^строк/u.test(paragraphs[k + 1]?.text ?? '')
    if (GLOSSARY.test(p.text) && (verb || lineFollows)) {
      const plan = glossaryInstruction(lines, paragraphs, k, `appendix-${appendix}`, name)
      plans.push(plan.plan)
      consumed = plan.consumed
    } else if (verb && SECTION_TITLE[language].test(p.text)) {
      const titleParagraph = paragraphs[k + 1]
      if (section === null || !titleParagraph?.text.startsWith('"')) {
        throw new InputError(`${name}: the new section title («"…";») does not follow`)
      }
      const instruction: AmendmentInstructionDraft = {
        op: 'restate-section-title',
        section,
        title: unquote(titleParagraph.text),
        lines: [p.lines[0], titleParagraph.lines[1]],
      }
      plans.push({ glossary: false, build: () => instruction })
      consumed = titleParagraph.end
    } else if (verb && ROWS[language].test(p.text)) {
      const numbers = rowNumbers(p.text, language, name)
      if (section === null) throw new InputError(`${name}: no section is named before it`)
      const rowSection = section
      if (DELETE.test(p.text) && !RESTATE.test(p.text)) {
        const instruction: AmendmentInstructionDraft = {
          op: 'delete-rows',
          section: rowSection,
          numbers,
          lines: p.lines,
        }
        plans.push({ glossary: false, build: () => instruction })
      } else {
        const { open, close } = quotedTable(lines, p, name)
        const content = lines.slice(open + 1, close)
        plans.push({
          glossary: false,
          build: (units) => ({
            op: 'restate-rows',
            section: rowSection,
            numbers,
            rows: parseRestatedRows(content, {
              section: rowSection,
              numbers,
              language,
              units,
              instruction: name,
            }),
            lines: [p.lines[0], lines[close]!.n],
          }),
        })
        consumed = close
      }
    } else if (verb) {
      throw new InputError(`${name}: not a kind of instruction this importer knows`)
    }
  }
  if (plans.length === 0) {
    throw new InputError(
      'No amendment instructions found ' +
        '(no «… редакцияда жазылсын» / «… изложить в следующей редакции»)',
    )
  }

  const glossaries = new Map<number, AmendmentInstructionDraft>()
  plans.forEach((plan, i) => {
    if (plan.glossary) glossaries.set(i, plan.build(new Set()))
  })
  const units = new Set(KNOWN_UNITS)
  for (const g of glossaries.values()) {
    const entries =
      g.op === 'replace-glossary' ? g.entries : g.op === 'restate-glossary-line' ? [g.entry] : []
    for (const e of entries) if (e.level !== null) units.add(e.abbreviation)
  }
  const instructions = plans.map((plan, i) => glossaries.get(i) ?? plan.build(units))
  dateExceptions(paragraphs, instructions)
  return instructions
}

/** The body paragraphs: each indented line with the unindented non-blank lines after it. */
function bodyParagraphs(lines: SourceLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.text === '' || !INDENTED.test(lines[i]!.raw)) continue
    let end = i
    while (
      end + 1 < lines.length &&
      lines[end + 1]!.text !== '' &&
      !INDENTED.test(lines[end + 1]!.raw)
    ) {
      end++
    }
    const texts = lines.slice(i, end + 1).map((l) => l.text)
    paragraphs.push({ start: i, end, text: joinLines(texts), lines: [lines[i]!.n, lines[end]!.n] })
    i = end
  }
  return paragraphs
}

/** The text inside a quoted line: «"1-бөлім. Облыс …";» → «1-бөлім. Облыс …». */
function unquote(text: string): string {
  return text
    .replace(/^"/u, '')
    .replace(/\s*"\s*[;.]?$/u, '')
    .trim()
}

/** The row numbers an instruction names («нөмірлері 382 және 383-жолдар», «номера 205, …»). */
function rowNumbers(text: string, language: ActLanguage, name: string): number[] {
  const match = ROW_NUMBERS[language].exec(text)
  const numbers = (match?.[1]?.match(/\d+/g) ?? []).map(Number)
  if (numbers.length === 0) throw new InputError(`${name}: no row numbers found`)
  return numbers
}

/** The opening «"» line after a row instruction and the closing «";» line of its rows. */
function quotedTable(
  lines: SourceLine[],
  p: Paragraph,
  name: string,
): { open: number; close: number } {
  let open = p.end + 1
  while (open < lines.length && lines[open]!.text === '') open++
  if (lines[open]?.text !== '"') {
    throw new InputError(`${name}: the restated rows do not start with a line «"»`)
  }
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (CLOSING_QUOTE.test(line.text)) return { open, close: i }
    if (INDENTED.test(line.raw) && (RESTATE.test(line.text) || /^\d+\.\s/u.test(line.text))) break
  }
  throw new InputError(
    `${name}: the restated rows are cut off (no closing «";» after line ${lines[open]!.n})`,
  )
}

/**
 * A glossary instruction: the whole list restated (kk 142: «аббревиатуралардың толық жазылуы
 * мынадай редакцияда жазылсын:» + the list up to «.".»), or one line of it (ru 352: «в
 * расшифровке аббревиатур:» «строку:» old «изложить в следующей редакции:» new).
 */
function glossaryInstruction(
  lines: SourceLine[],
  paragraphs: Paragraph[],
  k: number,
  list: string,
  name: string,
): { plan: Plan; consumed: number } {
  const p = paragraphs[k]!
  const next = paragraphs[k + 1]
  if (next !== undefined && /^строк/u.test(next.text) && !RESTATE.test(next.text)) {
    const previous = paragraphs[k + 2]
    const verb = paragraphs[k + 3]
    const replacement = paragraphs[k + 4]
    if (!previous?.text.startsWith('"') || !verb || !RESTATE.test(verb.text) || !replacement) {
      throw new InputError(
        `${name}: expected the quoted line, «изложить в следующей редакции:» and the new line`,
      )
    }
    const entries = parseGlossaryEntries(lines.slice(replacement.start, replacement.end + 1), list)
    if (entries.length !== 1) {
      throw new InputError(`${name}: the new line holds ${entries.length} entries, not one`)
    }
    const entry = entries[0]!
    const instruction: AmendmentInstructionDraft = {
      op: 'restate-glossary-line',
      previous: previous.text.replace(/^"/u, '').replace(/[;.]$/u, '').trim(),
      entry,
      lines: [p.lines[0], replacement.lines[1]],
    }
    return { plan: { glossary: true, build: () => instruction }, consumed: replacement.end }
  }
  if (!RESTATE.test(p.text)) {
    throw new InputError(`${name}: a change to the abbreviation list this importer does not know`)
  }
  // The list runs to the first indented line that is not an entry; its last line closes the
  // quote («… жүйесі.".»).
  const start = p.end + 1
  let end = -1
  let closed = false
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!
    if (line.text === '') continue
    if (end >= 0 && INDENTED.test(line.raw) && !ENTRY_HEAD.test(line.text)) {
      closed = true
      break
    }
    end = i
  }
  if (end < 0 || !closed || !/"\s*[.;]$/u.test(lines[end]!.text)) {
    const last = end < 0 ? p.lines[1] : lines[end]!.n
    throw new InputError(`${name}: the restated abbreviation list is cut off after line ${last}`)
  }
  const entries: GlossaryEntryDraft[] = parseGlossaryEntries(lines.slice(start, end + 1), list)
  const instruction: AmendmentInstructionDraft = {
    op: 'replace-glossary',
    entries,
    lines: [p.lines[0], lines[end]!.n],
  }
  return { plan: { glossary: true, build: () => instruction }, consumed: end }
}

/**
 * Applies the act's own exception to its entry into force: «… 2022 жылғы 1 қаңтардан бастап
 * қолданысқа енгізілетін осы бұйрықтың 1-тармағының алтыншы абзацын қоспағанда …» dates the
 * instruction printed as the sixth paragraph of item 1 (the item's own line is its first
 * paragraph; every indented paragraph after it counts).
 */
function dateExceptions(paragraphs: Paragraph[], instructions: AmendmentInstructionDraft[]): void {
  for (const p of paragraphs) {
    if (!/қоспағанда|за\s+исключением/u.test(p.text) || !/абзац/u.test(p.text)) continue
    const item = /(\d+)-тармағының|пункта\s+(\d+)/u.exec(p.text)
    const ordinal = Object.keys(PARAGRAPH_ORDINALS).find((word) => p.text.includes(word))
    const date = findDates(p.text)[0]
    if (!item || ordinal === undefined || date === undefined) continue
    const itemNumber = item[1] ?? item[2]
    const itemStart = paragraphs.findIndex((q) => q.text.startsWith(`${itemNumber}. `))
    const target =
      itemStart < 0 ? undefined : paragraphs[itemStart + PARAGRAPH_ORDINALS[ordinal]! - 1]
    if (target === undefined) continue
    const at = target.lines[0]
    const instruction = instructions.find((i) => i.lines[0] <= at && at <= i.lines[1])
    if (instruction !== undefined) instruction.effectiveFrom = date.iso
  }
}
