/**
 * @module
 * Reads rows of Appendix 1 in the 2018 layout (order 304, as restated by amendments 142/2021 and
 * 352/2022): seven columns № («382.»), group, function, IS, automation approach, information
 * resources, responsible unit. The text comes from a PDF:
 * - each cell is a block of wrapped lines; blocks are separated by one blank line, page breaks
 *   by two or more; cells of a row come left to right and empty cells leave no trace;
 * - cells are vertically centred, so when a row straddles a page the tops of its tall cells come
 *   before its number, and the rest of each cut cell comes after the break, in column order;
 * - a cell merged over several rows (group, IS) is printed once, near the middle of its span,
 *   sometimes out of column order.
 *
 * The parser cuts the text into blocks and row numbers, then chooses, for every row, which
 * blocks are its own and which column each block fills (a new cell or the continuation of a
 * cell cut by the page break before). Every choice that the layout allows is scored by how well
 * the resulting cells read as their columns and how well continuations join; the best reading of
 * the whole instruction wins. Rows whose reading is close to another are flagged.
 */

import { InputError } from '../core/index.js'
import { type CellLine, joinCellLines, toCellLine } from './cell-text.js'
import { isSystemsCell, splitSystems } from './information-systems.js'
import { splitLevels } from './levels.js'
import type { SourceLine } from './normalize.js'
import type { ActLanguage, CatalogRowDraft, RowFlag } from './types.js'

/** What the caller knows about the restated rows of one instruction. */
export interface RestatedRowsContext {
  section: number
  /** Row numbers the instruction announces, in order. */
  numbers: readonly number[]
  language: ActLanguage
  /** Abbreviations of responsible units («УКЗСП», «ЖҚӘББ», «ДБ» …). */
  units: ReadonlySet<string>
  /** The instruction as named in error messages, e.g. «instruction at line 31». */
  instruction: string
}

/** Columns after the number, left to right. */
const COLUMNS = ['group', 'function', 'systems', 'approach', 'resources', 'unit'] as const
type Column = (typeof COLUMNS)[number]

interface Block {
  lines: CellLine[]
  page: number
  unit: boolean
}

interface RowMark {
  number: number
  /** Line of the number. */
  n: number
  page: number
  glued: boolean
  /** How many blocks precede the number. */
  before: number
}

/** Where a block goes: a column, as a new cell or as the continuation of a cut cell. */
interface Choice {
  column: Column
  continued: boolean
}

interface Reading {
  score: number
  /** Score of the best different reading of the same blocks (-Infinity when none). */
  runnerUp: number
  choices: Choice[]
}

/** Below this margin over the next best reading, a row's columns are flagged as uncertain. */
const UNCERTAIN_MARGIN = 0.5

const ROW_NUMBER = /^(\d{1,3})\.$/

/** A lone line «"населения»: the end of a hyperlinked quotation displaced by the extraction. */
const CLOSING_QUOTE_TAIL = /^"(?=\p{Ll})\p{Script=Cyrillic}/u

/**
 * Parses the restated rows printed between an instruction's opening and closing quotes.
 * @throws InputError when an announced row number is missing or a row has no function.
 */
export function parseRestatedRows(
  content: readonly SourceLine[],
  context: RestatedRowsContext,
): CatalogRowDraft[] {
  const { blocks, marks } = cutBlocks(content, context)
  if (marks.length < context.numbers.length) {
    const missing = context.numbers[marks.length]
    throw new InputError(
      `${context.instruction}: row ${missing} is announced but its number «${missing}.» ` +
        'is not found in the restated text',
    )
  }
  const readings = chooseReadings(blocks, marks, context)
  const rows = readings.map(({ mark, own, reading }) => buildRow(mark, own, reading, context))
  carryMergedCells(rows)
  return rows
}

/** Cuts the restated text into blocks and row numbers, noting the page of each. */
function cutBlocks(
  content: readonly SourceLine[],
  context: RestatedRowsContext,
): { blocks: Block[]; marks: RowMark[] } {
  const blocks: Block[] = []
  const marks: RowMark[] = []
  let page = 0
  let blanks = 0
  let seenText = false
  let current: CellLine[] = []
  let currentAfterBreak = false
  let lastWasMark = true

  const close = () => {
    if (current.length === 0) return
    const previous = blocks.at(-1)
    const first = current[0]!
    const hyperlinkTail =
      first.displaced ||
      (current.length === 1 && CLOSING_QUOTE_TAIL.test(first.text) && quotes(first.text) === 1)
    if (hyperlinkTail && !currentAfterBreak && !lastWasMark && previous && !previous.unit) {
      previous.lines.push(...current)
    } else {
      blocks.push(...splitUnit({ lines: current, page, unit: false }, context.units))
    }
    lastWasMark = false
    current = []
  }

  for (const line of content) {
    if (line.text === '') {
      blanks++
      close()
      continue
    }
    const pageBreak = seenText && (blanks >= 2 || line.afterPageBreak)
    if (pageBreak) page++
    if (current.length === 0) currentAfterBreak = pageBreak
    blanks = 0
    seenText = true
    const cell = toCellLine(line)
    const expected = context.numbers[marks.length]
    if (expected !== undefined) {
      if (ROW_NUMBER.test(cell.text) && Number(cell.text.slice(0, -1)) === expected) {
        close()
        marks.push({ number: expected, n: line.n, page, glued: false, before: blocks.length })
        lastWasMark = true
        continue
      }
      // A number glued to the end of the text before it («ЕЛ МДҚ АЖ509.»).
      const glued = new RegExp(String.raw`^(.*[\p{L}"»)])${expected}\.$`, 'u').exec(cell.text)
      if (glued) {
        current.push({ ...cell, text: glued[1]!.trim(), trailingSpace: false })
        close()
        marks.push({ number: expected, n: line.n, page, glued: true, before: blocks.length })
        lastWasMark = true
        continue
      }
    }
    current.push(cell)
  }
  close()
  return { blocks, marks }
}

function quotes(text: string): number {
  return text.split('"').length - 1
}

/** A block that is a unit, or whose last line ends with a unit printed on the same baseline. */
function splitUnit(block: Block, units: ReadonlySet<string>): Block[] {
  const last = block.lines.at(-1)!
  if (block.lines.length === 1 && units.has(last.text)) return [{ ...block, unit: true }]
  const glued = /^(.*\S)\s+(\S+)$/u.exec(last.text)
  if (!glued || !units.has(glued[2]!)) return [block]
  const text = { ...last, text: glued[1]!, trailingSpace: true }
  return [
    { ...block, lines: [...block.lines.slice(0, -1), text] },
    { lines: [{ ...last, text: glued[2]!, displaced: false }], page: block.page, unit: true },
  ]
}

interface RowReading {
  mark: RowMark
  own: Block[]
  reading: Reading
}

/**
 * Chooses which blocks belong to which row and how each row reads. Between two row numbers, the
 * blocks before the last page break that follow the first row's cells can be the tops of the next
 * row's cells; the split that gives the best readings of the rows wins (dynamic programming over
 * the rows of the instruction).
 */
function chooseReadings(
  blocks: Block[],
  marks: RowMark[],
  context: RestatedRowsContext,
): RowReading[] {
  const segments = marks.map((mark, r) => blocks.slice(mark.before, marks[r + 1]?.before))
  const pre = blocks.slice(0, marks[0]!.before)
  const candidates = segments.map((segment, r) => {
    const next = marks[r + 1]
    if (next === undefined) return [segment.length]
    if (next.page === marks[r]!.page && segment.every((b) => b.page === next.page)) {
      return [segment.length]
    }
    const from = segment.findIndex((b) => b.page >= next.page - 1)
    const start = from < 0 ? segment.length : from
    return Array.from({ length: segment.length - start + 1 }, (_, k) => start + k)
  })
  const memo = new Map<string, Reading | null>()
  const readRow = (r: number, from: number, to: number): Reading | null => {
    const key = `${r}:${from}:${to}`
    if (!memo.has(key)) {
      const own = [...(r === 0 ? pre : segments[r - 1]!.slice(from)), ...segments[r]!.slice(0, to)]
      memo.set(key, readBlocks(own, marks[r]!, context.language))
    }
    return memo.get(key)!
  }
  // best[r].get(split) = best total score of rows 0..r when row r keeps segment[r].slice(0, split)
  const best: Map<number, { score: number; from: number }>[] = []
  marks.forEach((_, r) => {
    const layer = new Map<number, { score: number; from: number }>()
    for (const to of candidates[r]!) {
      const froms = r === 0 ? [0] : [...best[r - 1]!.keys()]
      for (const from of froms) {
        const before = r === 0 ? 0 : best[r - 1]!.get(from)!.score
        const reading = readRow(r, from, to)
        if (reading === null) continue
        const score = before + reading.score
        if (!layer.has(to) || layer.get(to)!.score < score) layer.set(to, { score, from })
      }
    }
    best.push(layer)
  })
  const result: RowReading[] = []
  let to = candidates.at(-1)![0]!
  for (let r = marks.length - 1; r >= 0; r--) {
    const entry = best[r]!.get(to)
    if (entry === undefined) {
      const mark = marks[r]!
      throw new InputError(
        `${context.instruction}: restated row ${mark.number} (line ${mark.n}) ` +
          'cannot be read as the 2018 columns',
      )
    }
    const own = [
      ...(r === 0 ? pre : segments[r - 1]!.slice(entry.from)),
      ...segments[r]!.slice(0, to),
    ]
    result.unshift({ mark: marks[r]!, own, reading: readRow(r, entry.from, to)! })
    to = entry.from
  }
  return result
}

/**
 * The best reading of one row's blocks (in printed order), or null when the layout allows none.
 * A block is a new cell of a column the row does not have yet, or continues a cell that has a
 * block on the page before; on one page, columns come left to right, except a group or IS cell
 * printed on a later page (a merged cell, printed out of order at a cost). A unit block is
 * the unit. Every cell with a block on a page before the row number's page must continue.
 */
function readBlocks(blocks: Block[], mark: RowMark, language: ActLanguage): Reading | null {
  if (blocks.length === 0) return null
  const firstPage = blocks[0]!.page
  const choices: Choice[] = []
  const pages = new Map<Column, number[]>()
  const lastOrder = new Map<number, number>()
  let best: Reading | null = null
  let runnerUp = Number.NEGATIVE_INFINITY
  let bestScore = Number.NEGATIVE_INFINITY

  const visit = (i: number, penalty: number) => {
    if (i === blocks.length) {
      const score = scoreReading(blocks, choices, mark, language) - penalty
      if (score > bestScore) {
        runnerUp = bestScore
        bestScore = score
        best = { score, runnerUp: 0, choices: [...choices] }
      } else if (score > runnerUp) {
        runnerUp = score
      }
      return
    }
    const block = blocks[i]!
    const page = block.page
    const order = lastOrder.get(page) ?? 0
    for (const column of block.unit ? (['unit'] as const) : COLUMNS.slice(0, 5)) {
      const rank = COLUMNS.indexOf(column) + 1
      const onPages = pages.get(column) ?? []
      // A group or IS cell first printed on a later page is a merged cell: it may stand out of
      // column order (at a cost when it does) and does not move the order on.
      const merged = (column === 'group' || column === 'systems') && page !== firstPage
      const options: { continued: boolean; cost: number }[] = []
      if (onPages.length === 0) {
        if (merged) options.push({ continued: false, cost: rank > order ? 0 : 1 })
        else if (rank > order) options.push({ continued: false, cost: 0 })
      } else if (onPages.includes(page - 1) && !onPages.includes(page) && rank > order) {
        options.push({ continued: true, cost: 0 })
      }
      for (const option of options) {
        choices.push({ column, continued: option.continued })
        pages.set(column, [...onPages, page])
        const moves = !(merged && !option.continued)
        if (moves) lastOrder.set(page, rank)
        visit(i + 1, penalty + option.cost)
        if (moves) lastOrder.set(page, order)
        pages.set(column, onPages)
        if (onPages.length === 0) pages.delete(column)
        choices.pop()
      }
    }
  }
  visit(0, 0)
  if (best === null) return null
  const found: Reading = best
  return { ...found, runnerUp }
}

/** The cells of a reading: each column's blocks in printed order. */
function cellsOf(blocks: Block[], choices: Choice[]): Map<Column, Block[]> {
  const cells = new Map<Column, Block[]>()
  choices.forEach((choice, i) => {
    const list = cells.get(choice.column) ?? []
    list.push(blocks[i]!)
    cells.set(choice.column, list)
  })
  return cells
}

function cellText(pieces: Block[], language: ActLanguage): string {
  return joinCellLines(
    pieces.flatMap((b) => b.lines),
    language,
  )
}

const RU_RESOURCE_START = /^(Реестр|Сведения|Перечень|Квоты)(\s|$)/u
const KK_RESOURCE_END = /(тізілімі|мәліметтер|мәліметтері|тізбесі|тізімі)[.;]?$/u
const KK_FINITE_VERB = /(ды|ді|ты|ті)[.;]?$/u
const APPROACH = { ru: /^(Автоматизаци|\d+\s*-\s*уровень)/u, kk: /автоматтанд|\d+\s*-\s*деңгей/u }

/** How well a text reads as a cell of a column (positive: well, negative: badly). */
function columnFit(column: Column, text: string, language: ActLanguage): number {
  const systems = isSystemsCell(text)
  if (column === 'unit') return 2
  if (column === 'systems') return systems ? 4 : -5
  if (systems) return -4
  if (column !== 'approach' && APPROACH[language].test(text)) return -2
  const capital = /^\p{Lu}/u.test(text)
  switch (column) {
    case 'group':
      if (!capital) return -3
      return language === 'kk' && KK_FINITE_VERB.test(text) ? -3 : 1
    case 'function':
      if (language === 'ru') return capital ? -2 : 2
      return KK_FINITE_VERB.test(text) ? 2 : 0
    case 'approach':
      return APPROACH[language].test(text) ? 3 : -3
    case 'resources':
      if (language === 'ru') return RU_RESOURCE_START.test(text) ? 3 : -3
      return KK_RESOURCE_END.test(text) ? 3 : -3
  }
}

/**
 * How well a block continues the piece of its cell on the page before: a continuation that
 * starts in lower case or with punctuation, after a line that ended in a space (cut between
 * words) or filled the column (cut inside a word), and from one of the taller blocks of that
 * page, is likely; one after a short last line (the cell ended there) is not.
 */
function continuationFit(previous: Block, next: Block, pageBlocks: Block[]): number {
  const last = previous.lines.at(-1)!
  const first = next.lines[0]!.text
  let fit = /^[\p{Ll}(,.;:)]/u.test(first) ? 1.5 : -1
  if (last.trailingSpace) fit += 1
  else if ([...last.text].length >= 11) fit += 0.5
  else fit -= 1.5
  const tallest = Math.max(...pageBlocks.map((b) => b.lines.length))
  return fit + (0.5 * previous.lines.length) / tallest
}

function scoreReading(
  blocks: Block[],
  choices: Choice[],
  mark: RowMark,
  language: ActLanguage,
): number {
  const cells = cellsOf(blocks, choices)
  let score = cells.has('function') ? 0 : -10
  for (const [column, pieces] of cells) {
    // A cell printed on a page before the number's page is cut there and must continue.
    const pagesOfCell = pieces.map((b) => b.page)
    for (const page of pagesOfCell) {
      if (page < mark.page && !pagesOfCell.includes(page + 1)) return Number.NEGATIVE_INFINITY
    }
    score += columnFit(column, cellText(pieces, language), language)
    for (let k = 1; k < pieces.length; k++) {
      const pageBlocks = blocks.filter((b) => b.page === pieces[k - 1]!.page)
      score += continuationFit(pieces[k - 1]!, pieces[k]!, pageBlocks)
    }
  }
  return score
}

/**
 * Splits a resources cell into its items: in Russian each starts with «Реестр», «Сведения»,
 * «Перечень» or «Квоты»; in Kazakh each ends with «тізілімі», «мәліметтер» or «тізбесі» and the
 * next starts with a capital.
 */
function splitResources(lines: CellLine[], language: ActLanguage): string[] {
  const items: CellLine[][] = []
  for (const line of lines) {
    const previous = items.at(-1)?.at(-1)
    const starts =
      previous === undefined ||
      (language === 'ru'
        ? RU_RESOURCE_START.test(line.text)
        : KK_RESOURCE_END.test(previous.text) && /^\p{Lu}/u.test(line.text))
    if (starts) items.push([line])
    else items.at(-1)!.push(line)
  }
  return items.map((item) => joinCellLines(item, language))
}

function buildRow(
  mark: RowMark,
  own: Block[],
  reading: Reading,
  context: RestatedRowsContext,
): CatalogRowDraft {
  const { language } = context
  const cells = cellsOf(own, reading.choices)
  const text = (column: Column) => {
    const pieces = cells.get(column)
    return pieces === undefined ? null : cellText(pieces, language)
  }
  const fn = text('function')
  if (fn === null) {
    throw new InputError(
      `${context.instruction}: restated row ${mark.number} (line ${mark.n}) has no function text`,
    )
  }
  const approach = text('approach')
  const systems = text('systems')
  const resources = cells.get('resources')
  const numbers = [mark.n, ...own.flatMap((b) => b.lines.map((l) => l.n))]
  const flags: RowFlag[] = []
  if (mark.glued) flags.push('number-glued')
  if (own.some((b) => b.lines[0]!.n < mark.n)) flags.push('text-before-number')
  if (reading.choices.some((c) => c.continued)) flags.push('split-by-page-break')
  if (reading.score - reading.runnerUp < UNCERTAIN_MARGIN) flags.push('column-uncertain')
  return {
    section: context.section,
    number: mark.number,
    group: text('group'),
    function: fn,
    systems: systems === null ? [] : splitSystems(systems),
    approach,
    levels: splitLevels(approach),
    resources:
      resources === undefined
        ? []
        : splitResources(
            resources.flatMap((b) => b.lines),
            language,
          ),
    unit: text('unit'),
    language,
    lines: [Math.min(...numbers), Math.max(...numbers)],
    flags,
  }
}

/**
 * A group or IS cell printed once for several rows of one instruction is carried to the rows
 * that print none: from the nearest row before that has its own, else the nearest after. The
 * text cannot prove the span of a merged cell, so carried rows are flagged.
 */
function carryMergedCells(rows: CatalogRowDraft[]): void {
  const ownGroup = rows.map((r) => r.group)
  const ownSystems = rows.map((r) => r.systems)
  rows.forEach((row, i) => {
    let carried = false
    if (row.group === null) {
      const from = nearest(ownGroup, i, (g) => g !== null)
      if (from !== null) {
        row.group = ownGroup[from]!
        carried = true
      }
    }
    if (row.systems.length === 0) {
      const from = nearest(ownSystems, i, (s) => s.length > 0)
      if (from !== null) {
        row.systems = [...ownSystems[from]!]
        carried = true
      }
    }
    if (carried) row.flags.push('merged-cell-span-uncertain')
  })
}

function nearest<T>(values: T[], i: number, has: (value: T) => boolean): number | null {
  for (let k = i - 1; k >= 0; k--) if (has(values[k]!)) return k
  for (let k = i + 1; k < values.length; k++) if (has(values[k]!)) return k
  return null
}
