/**
 * @module
 * Reads Appendix 1 of a typical-architecture act in the 2016 layout (order 158/2016): the
 * «typical set of functional capabilities» in three sections (administrative levels), each a
 * table of numbered rows with the columns group («Функционалдық мүмкіндік»), function, IS
 * («АЖ»), automation approach and, in section 3, information resource.
 *
 * The text comes from a PDF: each cell is a block of wrapped lines, blocks are separated by one
 * blank line, cells of a row come left to right, and pages break through rows. The parser:
 * 1. finds the sections and, in each, the row numbers with the expected-next-number rule (which
 *    also finds numbers glued to the text before them);
 * 2. cuts the text into blocks and classifies each by width, case and vocabulary;
 * 3. puts back text printed before its row number (a row straddling a page break);
 * 4. carries merged cells (group, IS, approach printed once for several rows) to the rows they
 *    cover, as well as the text allows, and flags the rows where it cannot be sure.
 */

import { InputError } from '../core/index.js'
import {
  isSystemsCell,
  isSystemsTail,
  splitSystems,
  splitTrailingSystems,
} from './information-systems.js'
import { splitLevels } from './levels.js'
import { joinLines, type SourceLine } from './normalize.js'
import type { CatalogRowDraft, LineRange, RowFlag, SectionDraft } from './types.js'

/** Section headings of Appendix 1 in the 2016 layout (Kazakh). */
const SECTION_HEADING = /^([123])\. (Облыс|Аудан|Қаладағы)/
/** Where the tables end: the abbreviation list of Appendix 1. */
const TABLES_END = /^Аббревиатуралардың толық жазылуы/

/** Line width at or above which a block is the wide «Функция» column, per section. */
const FUNCTION_WIDTH: Record<number, number> = { 1: 31, 2: 31, 3: 22 }

const APPROACH_WORDS = /автоматтанд|ықпалдаст|\d\s*-?\s*деңгей|процестер|өтініш|қабылдау|келісу/i
/** How group labels end: a verbal noun or «қызметі» («… бақылау және қадағалау»). */
const LABEL_END =
  /(көрсету|ұйымдастыру|қадағалау|бақылау|басқару|реттеу|мониторингі|мониторингілеу|қызметі|жұмысы|есебі|есепке алу|талдау|әзірлеу)$/u

/** Words only the automation column uses (registers of applications also say «өтініш»). */
const STRONG_APPROACH_WORDS = /автоматтанд|ықпалдаст|\d\s*-?\s*деңгей|процестер/i
const RESOURCE_WORDS = /тізілім|мәліметтер|деректері|тізбесі|тізімі|туралы деректер/i

export interface Appendix1 {
  sections: SectionDraft[]
  rows: CatalogRowDraft[]
}

/** A piece of a line that belongs to one row chunk (a line can hold the end of one row and a glued number). */
interface Piece {
  n: number
  text: string
  afterPageBreak: boolean
  /** Width of the whole printed line (with a row number printed on it), which tells the column. */
  width?: number
}

type BlockKind = 'label' | 'function' | 'systems' | 'approach' | 'resource' | 'fragment'

interface Block {
  pieces: Piece[]
  /** Set when the block's column is known from how it was cut out of a line. */
  kind?: BlockKind
  /** The block comes right after a page break. */
  afterPageBreak: boolean
  /** A page break follows the block before any other block. */
  beforePageBreak: boolean
  /** Printed before this row's number, at the end of the previous row's text. */
  carried?: boolean
}

interface Chunk {
  number: number
  /** Pieces of the row from its number (inclusive) to the next number. */
  pieces: Piece[]
  glued: boolean
}

/**
 * Parses Appendix 1 of a 2016-layout typical architecture.
 * @throws InputError when the sections or their rows cannot be found or a section ends in the
 *   middle of its table.
 */
export function parseAppendix1(lines: SourceLine[]): Appendix1 {
  const bounds = findSections(lines)
  const sections: SectionDraft[] = []
  const rows: CatalogRowDraft[] = []
  for (const bound of bounds) {
    sections.push({
      number: bound.number,
      title: bound.title,
      lines: [bound.titleLine, bound.titleLine],
    })
    rows.push(...parseSection(bound.number, lines.slice(bound.start, bound.end)))
  }
  return { sections, rows }
}

interface SectionBounds {
  number: number
  title: string
  titleLine: number
  /** Index of the first line after the heading. */
  start: number
  /** Index after the last line of the section. */
  end: number
}

function findSections(lines: SourceLine[]): SectionBounds[] {
  const headings: { index: number; number: number; title: string }[] = []
  let end = -1
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text
    const match = SECTION_HEADING.exec(text)
    if (match && Number(match[1]) === headings.length + 1) {
      headings.push({ index: i, number: Number(match[1]), title: text.replace(/^\d\.\s*/, '') })
    }
    if (headings.length > 0 && TABLES_END.test(text)) {
      end = i
      break
    }
  }
  if (headings.length === 0) {
    throw new InputError('Appendix 1 not found: no section heading «1. Облыс…» in the text')
  }
  if (end < 0) {
    throw new InputError(
      `Appendix 1 is cut off: section ${headings.length} (line ${lines[headings.at(-1)!.index]!.n}) has no end (the abbreviation list «Аббревиатуралардың толық жазылуы» is missing)`,
    )
  }
  return headings.map((h, k) => ({
    number: h.number,
    title: h.title,
    titleLine: lines[h.index]!.n,
    start: h.index + 1,
    end: k + 1 < headings.length ? headings[k + 1]!.index : end,
  }))
}

/** Finds the row numbers and cuts the section into one chunk of pieces per row. */
function cutChunks(section: number, lines: SourceLine[]): { header: Piece[]; chunks: Chunk[] } {
  const header: Piece[] = []
  const chunks: Chunk[] = []
  let expected = 1
  let pendingBreak = false
  const target = () => chunks.at(-1)?.pieces ?? header
  for (const line of lines) {
    if (line.text === '') {
      target().push({ n: line.n, text: '', afterPageBreak: false })
      continue
    }
    const afterPageBreak = line.afterPageBreak || pendingBreak
    pendingBreak = false
    const anchor = findAnchor(line.text, expected)
    if (!anchor) {
      target().push({ n: line.n, text: line.text, afterPageBreak })
      continue
    }
    if (anchor.before) target().push({ n: line.n, text: anchor.before, afterPageBreak })
    chunks.push({
      number: expected,
      glued: anchor.glued,
      pieces: anchor.after
        ? [{ n: line.n, text: anchor.after, afterPageBreak: false, width: [...line.text].length }]
        : [],
    })
    // The number itself occupies the line; remember it so the row's range starts here.
    chunks.at(-1)!.pieces.unshift({ n: line.n, text: '', afterPageBreak: false })
    expected++
  }
  if (chunks.length === 0) {
    throw new InputError(`Appendix 1 section ${section} has no numbered rows`)
  }
  return { header, chunks }
}

/** The expected row number at the start of the line, or glued to the end of a word in it. */
function findAnchor(
  text: string,
  expected: number,
): { before: string; after: string; glued: boolean } | null {
  const atStart = /^(\d{1,3})(?=\s|$)/.exec(text)
  if (atStart && Number(atStart[1]) === expected && !/^\d{1,3}\s*-?\s*деңгей/.test(text)) {
    return { before: '', after: text.slice(atStart[0].length).trim(), glued: false }
  }
  const glued = new RegExp(String.raw`(?<=[\p{L}"»)])(${expected})(?=\s|$)`, 'u').exec(text)
  if (glued) {
    return {
      before: text.slice(0, glued.index).trim(),
      after: text.slice(glued.index + glued[1]!.length).trim(),
      glued: true,
    }
  }
  return null
}

/** Groups pieces into blocks separated by blank lines, noting page breaks around them. */
function toBlocks(pieces: Piece[]): Block[] {
  const blocks: Block[] = []
  let current: Piece[] = []
  let blanks = 0
  const close = () => {
    if (current.length === 0) return
    blocks.push({
      pieces: current,
      afterPageBreak: current[0]!.afterPageBreak,
      beforePageBreak: false,
    })
    current = []
  }
  for (const piece of pieces) {
    if (piece.text === '') {
      blanks++
      close()
      continue
    }
    if (piece.afterPageBreak && current.length > 0) close()
    if (blanks >= 2 && blocks.length > 0 && current.length === 0) {
      blocks.at(-1)!.beforePageBreak = true
    }
    blanks = 0
    current.push(piece)
  }
  close()
  // Blank lines at the end of the chunk: a page break right before the next row's number.
  if (blanks >= 2 && blocks.length > 0) blocks.at(-1)!.beforePageBreak = true
  for (let i = 0; i + 1 < blocks.length; i++) {
    if (blocks[i + 1]!.afterPageBreak) blocks[i]!.beforePageBreak = true
  }
  return blocks
}

const textOf = (block: Block) => joinLines(block.pieces.map((p) => p.text))
const widthOf = (block: Block) =>
  Math.max(...block.pieces.map((p) => p.width ?? [...p.text].length))
const startsUpper = (text: string) => /^[«"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/u.test(text)

function classify(block: Block, section: number): BlockKind {
  const text = textOf(block)
  const width = widthOf(block)
  if (/^\d\s*-?\s*деңгей\s*:/.test(text)) return 'approach'
  // A list of systems, possibly cut by a page break after «(» or «,».
  if (isSystemsCell(text.replace(/\s*[(,]$/, '')) || /^БЭПЖ арқылы/.test(text)) return 'systems'
  if (width >= FUNCTION_WIDTH[section]!) return 'function'
  if (section === 3 && RESOURCE_WORDS.test(text) && !STRONG_APPROACH_WORDS.test(text)) {
    return 'resource'
  }
  if (APPROACH_WORDS.test(text) && (startsUpper(text) || /автоматтандыру\.?$/.test(text))) {
    return 'approach'
  }
  if (startsUpper(text)) return 'label'
  return 'fragment'
}

/**
 * True when, after a chunk's own function, a narrow block goes on with a sentence begun
 * elsewhere: it starts in lower case, with an abbreviation inside a sentence («АЖ, ЖАО, …»), or
 * is the text of a level whose marker ended the previous page.
 */
function continuesAfterNumber(chunk: Chunk, section: number, afterLevelMarker: boolean): boolean {
  const blocks = toBlocks(chunk.pieces)
  return blocks.slice(1, 4).some((b) => {
    const text = textOf(b)
    return (
      widthOf(b) < FUNCTION_WIDTH[section]! &&
      !isSystemsCell(text) &&
      (/^[a-zа-яёәғқңөұүһі]/u.test(text) ||
        // after «2-деңгей:» the level's text begins with a capital
        (afterLevelMarker && APPROACH_WORDS.test(text)) ||
        /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,5}, \S.* [a-zа-яёәғқңөұүһі]/u.test(text))
    )
  })
}

/**
 * Index of the first block of the next row printed before its number (section 3): a function
 * block after this row's IS, approach or resource, with no page break between it and the chunk's
 * end, which is a page break. -1 when there is none.
 */
function restartOfNextRow(blocks: Block[]): number {
  const last = blocks.at(-1)
  if (!last?.beforePageBreak) return -1
  let later = false
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    if (block.carried) continue
    if (block.kind === 'systems' || block.kind === 'approach' || block.kind === 'resource') {
      later = true
    } else if ((block.kind === 'function' || block.kind === 'label') && later) {
      const rest = blocks.slice(i)
      return rest.slice(1).some((b) => b.afterPageBreak) ? -1 : i
    }
  }
  return -1
}

/** What one row chunk holds, column by column, before merged cells are carried. */
interface ChunkCells {
  number: number
  functionParts: Piece[][]
  label?: { text: string; floating: boolean; lines: Piece[] }
  systems?: { text: string; floating: boolean; lines: Piece[] }
  approach?: { text: string; floating: boolean; lines: Piece[] }
  resources: string[]
  flags: Set<RowFlag>
  /** Column of each block in print order, for continuations. */
  order: BlockKind[]
  first: number
  last: number
}

function parseSection(section: number, lines: SourceLine[]): CatalogRowDraft[] {
  const { chunks } = cutChunks(section, lines)
  const pageBreaks = lines.filter((l) => l.afterPageBreak).map((l) => l.n)
  const cells: ChunkCells[] = []
  /** Text of the next row printed before its number, carried forward. */
  let carried: Piece[] = []
  /** Cells of the next row printed before its number (section 3), carried forward. */
  let carriedBlocks: Block[] = []
  /** The rows whose label, IS and approach cells were printed last: a fragment may continue them. */
  const open: OpenCells = {}

  for (const chunk of chunks) {
    let blocks = refineBlocks(toBlocks(chunk.pieces), section, chunk)
    for (const block of blocks) block.kind ??= classify(block, section)
    if (carriedBlocks.length > 0) {
      blocks = [...carriedBlocks, ...blocks]
      carriedBlocks = []
    }
    const cell: ChunkCells = {
      number: chunk.number,
      functionParts: [],
      resources: [],
      order: [],
      flags: new Set(chunk.glued ? ['number-glued'] : []),
      first: chunk.pieces[0]!.n,
      last: chunk.pieces.at(-1)!.n,
    }
    if (carried.length > 0) {
      cell.functionParts.push(carried)
      cell.flags.add('text-before-number')
      cell.first = carried[0]!.n
      carried = []
    }
    if (blocks[0]?.carried) {
      cell.flags.add('text-before-number')
      cell.first = Math.min(cell.first, blocks[0].pieces[0]!.n)
    }

    // An automation text that begins at the foot of a page, in this row's text, and goes on after
    // the next row's number, is the merged cell of the group that starts with the next row.
    const tail = blocks.at(-1)
    const nextChunk = chunks[chunks.indexOf(chunk) + 1]
    if (
      tail &&
      !tail.carried &&
      tail.kind === 'approach' &&
      tail.beforePageBreak &&
      !/[.;]$|(автоматтандыру|ықпалдастыру)$/.test(textOf(tail)) &&
      nextChunk &&
      continuesAfterNumber(nextChunk, section, /деңгей\s*:$/.test(textOf(tail)))
    ) {
      carriedBlocks = [{ ...tail, carried: true }]
      blocks = blocks.slice(0, -1)
    }

    // Section 3 prints five columns: when a row straddles a page break, the first part of each
    // of its cells comes before its number, after the previous row's cells. A function block
    // after this row's IS / approach / resource, running up to the page break, starts them.
    if (section === 3 && carriedBlocks.length === 0) {
      const restart = restartOfNextRow(blocks)
      if (restart >= 0) {
        carriedBlocks = blocks.slice(restart).map((b) => ({ ...b, carried: true }))
        blocks = blocks.slice(0, restart)
      }
    }

    // The last function-like block before the next number, when a page break follows it, the
    // row already has its function and the next row's text goes on in lower case, starts the
    // next row (whose number is printed on the next page).
    const candidates = blocks.filter(
      (b) =>
        (!b.carried && carriedBlocks.length === 0 && b.kind === 'function') ||
        (b.kind === 'fragment' &&
          /^[a-zа-яёәғқңөұүһі]/u.test(textOf(b)) &&
          !APPROACH_WORDS.test(textOf(b))),
    )
    // The last of them printed just before a page break, with only other columns' continuations
    // (no function text) after it.
    const last = [...candidates]
      .reverse()
      .find(
        (b) =>
          b.beforePageBreak &&
          !blocks.slice(blocks.indexOf(b) + 1).some((after) => after.kind === 'function'),
      )
    const hasOwnFunction =
      cell.functionParts.length > 0 || blocks.some((b) => b !== last && b.kind === 'function')
    const nextText = chunks[chunks.indexOf(chunk) + 1]?.pieces.find((p) => p.text !== '')?.text
    const nextRowStart =
      last &&
      hasOwnFunction &&
      last.beforePageBreak &&
      !endsSentence(textOf(last)) &&
      nextText !== undefined &&
      /^[a-zа-яёәғқңөұүһі]/u.test(nextText)
        ? last
        : undefined

    // Cells printed at the top of a page, before the row's own text goes on, belong to merged
    // cells that cross the page: they float.
    let atPageTop = false
    for (const block of blocks) {
      if (block.afterPageBreak) atPageTop = true
      if (block === nextRowStart) {
        carried = block.pieces
        continue
      }
      const next = blocks[blocks.indexOf(block) + 1]
      const labelBeforeFunction =
        block.kind === 'fragment' &&
        !block.afterPageBreak &&
        !cell.label &&
        cell.functionParts.length === 0 &&
        next?.kind === 'function' &&
        !APPROACH_WORDS.test(textOf(block))
      if (labelBeforeFunction) cell.flags.add('column-uncertain')
      // In section 3 a capitalised narrow block after the function is automation or a resource:
      // the group label comes first.
      const labelAfterFunction =
        section === 3 && block.kind === 'label' && cell.functionParts.length > 0 && !atPageTop
      const { kind, target } = labelBeforeFunction
        ? { kind: 'label' as const, target: cell }
        : labelAfterFunction
          ? {
              kind: STRONG_APPROACH_WORDS.test(textOf(block))
                ? ('approach' as const)
                : ('resource' as const),
              target: cell,
            }
          : block.kind === 'fragment'
            ? continuationOf(block, cell, open, pageBreaks)
            : { kind: block.kind!, target: cell }
      if (block.afterPageBreak && kind === 'function' && cell.functionParts.length > 0) {
        cell.flags.add('split-by-page-break')
      }
      if (target !== cell) target.flags.add('split-by-page-break')
      if (kind === 'function') atPageTop = false
      addToCell(target, kind, block, atPageTop)
      cell.order.push(kind)
      if (kind === 'label' || kind === 'systems' || kind === 'approach') open[kind] = target
    }
    if (cell.functionParts.length === 0 && cell.label && !cell.label.floating) {
      // The only text of the row is in a narrow capitalised block: it is the function (a
      // state service's name), not a new group.
      cell.functionParts.push(cell.label.lines)
      cell.label = undefined
      cell.flags.add('column-uncertain')
    }
    cells.push(cell)
  }
  if (carried.length > 0) {
    // Text printed after the last row's function and before the section end: keep it with it.
    cells.at(-1)!.functionParts.push(carried)
  }
  return carryMergedCells(section, cells, pageBreaks)
}

/** Text that stops where a phrase cannot end («…саласындағы», «…және», «…,»). */
function isUnfinished(text: string): boolean {
  return (
    /(саласындағы|саласында|және|мен|бен|пен|бойынша|жөніндегі|тиісті|туралы|[,(\-–])$/.test(
      text,
    ) ||
    // adjectives and words ending in a/e do not end a group label («…материалдық-техникалық», «…дене»)
    // and neither do objects in the accusative («…міндетті», «…жерлерді»)
    /(лық|лік|дық|дік|тық|тік|ғы|гі|ды|ді|ны|ні|[ае])$/.test(text)
  )
}

/** The rows that printed the latest label, IS and approach cells of the section. */
type OpenCells = Partial<Record<'label' | 'systems' | 'approach', ChunkCells>>

/**
 * Where a lower-case narrow fragment belongs: a cell left unfinished, possibly in an earlier
 * row (a cell split by a page break goes on after the next page's first cells), an automation
 * text when it speaks of automation, otherwise the function of this row.
 */
function continuationOf(
  block: Block,
  cell: ChunkCells,
  open: OpenCells,
  pageBreaks: number[],
): { kind: BlockKind; target: ChunkCells } {
  const text = textOf(block)
  // A cell of an earlier row goes on only after a page break; within a page it is whole.
  const first = block.pieces[0]!.n
  const reachable = (row: ChunkCells | undefined) =>
    row !== undefined && (row === cell || pageBreaks.some((n) => n > row.last && n <= first))
  const systems = open.systems?.systems
  if (
    reachable(open.systems) &&
    systems &&
    /[(,]$/.test(systems.text) &&
    /^[a-zа-яёәғқңөұүһі]+\)/u.test(text)
  ) {
    return { kind: 'systems', target: open.systems! }
  }
  const label = open.label?.label
  const speaksOfAutomation = STRONG_APPROACH_WORDS.test(text)
  if (
    reachable(open.label) &&
    label &&
    (isUnfinished(label.text) || LABEL_END.test(text)) &&
    !speaksOfAutomation
  ) {
    return { kind: 'label', target: open.label! }
  }
  const approach = open.approach?.approach
  if (
    reachable(open.approach) &&
    approach &&
    !/[.;:]$|(автоматтандыру|ықпалдастыру)$/.test(approach.text)
  ) {
    return { kind: 'approach', target: open.approach! }
  }
  if (APPROACH_WORDS.test(text) && cell.order.includes('function')) {
    return { kind: 'approach', target: cell }
  }
  const lastResource = cell.order.lastIndexOf('resource')
  if (
    lastResource >= 0 &&
    (lastResource === cell.order.length - 1 || isUnfinished(cell.resources.at(-1) ?? ''))
  ) {
    return { kind: 'resource', target: cell }
  }
  cell.flags.add('column-uncertain')
  return { kind: 'function', target: cell }
}

function addToCell(cell: ChunkCells, kind: BlockKind, block: Block, floating: boolean): void {
  const text = textOf(block)
  const append = (slot: 'label' | 'systems' | 'approach') => {
    const existing = cell[slot]
    cell[slot] = existing
      ? {
          text: joinLines([existing.text, text]),
          floating: existing.floating,
          lines: [...existing.lines, ...block.pieces],
        }
      : { text, floating, lines: block.pieces }
  }
  switch (kind) {
    case 'function':
    case 'fragment':
      cell.functionParts.push(block.pieces)
      break
    case 'label':
      // A group label is one cell: a second capitalised block after a complete label in the
      // same row is the automation text (which does not always say «автоматтандыру»).
      if (
        block.kind === 'label' &&
        cell.label &&
        !isUnfinished(cell.label.text) &&
        cell.label.lines[0]!.n !== block.pieces[0]!.n
      ) {
        append('approach')
      } else {
        append('label')
      }
      break
    case 'systems':
      append('systems')
      break
    case 'approach':
      append('approach')
      break
    case 'resource':
      // A resource cut by a page break goes on in the next block.
      if (
        cell.resources.length > 0 &&
        (block.kind === 'fragment' ||
          (/^[a-zа-яёәғқңөұүһі]/u.test(text) && isUnfinished(cell.resources.at(-1)!)))
      ) {
        cell.resources[cell.resources.length - 1] = joinLines([cell.resources.at(-1)!, text])
      } else {
        cell.resources.push(text)
      }
      break
  }
}

/** A function text ends a sentence when it ends with a finite verb or a full stop / semicolon. */
function endsSentence(text: string): boolean {
  return /[.;]$|(ады|еді|йды|йді)$/.test(text)
}

/**
 * Cuts blocks where the extraction put two columns together:
 * - a block whose last lines are a list of systems («мұрағат анықтамаларын беру» / «Э Ү П ,» /
 *   «ЭҮӨШ АЖ»): the systems become a block of their own;
 * - a line that ends with systems on the same baseline («… беру ЭҮП, ЭҮӨШ АЖ»);
 * - a group label printed on the row number's line, followed by the function in the same block
 *   («757 Алқабилер тізімін құру» / «өңір бойынша алқабилер тізімін құрады …»).
 */
function refineBlocks(blocks: Block[], section: number, chunk: Chunk): Block[] {
  const out: Block[] = []
  const wide = FUNCTION_WIDTH[section]!
  // Parts of a block keep its place on the page: a cell at the top of a page floats.
  const part = (pieces: Piece[], from: Block, kind?: BlockKind): Block => ({
    pieces,
    kind,
    afterPageBreak: from.afterPageBreak,
    beforePageBreak: pieces.at(-1) === from.pieces.at(-1) ? from.beforePageBreak : false,
  })
  for (const block of blocks) {
    const pieces = block.pieces
    // A whole list of systems, or the rest of one cut by a page break («ішінара), ЭМС ААЖ»).
    if (isSystemsCell(textOf(block)) || /^[a-zа-яёәғқңөұүһі]+\)/u.test(textOf(block))) {
      out.push(block)
      continue
    }
    // Section 3: a label's first words, then its «саласындағы» on the function's first line
    // («Білім беру» / «саласындағы мектепке дейінгі балалар»).
    const sharedLine =
      section === 3 && pieces.length > 1
        ? /^(саласындағы|саласында) (\p{Ll}.*)$/u.exec(pieces[1]!.text)
        : null
    if (sharedLine && startsUpper(pieces[0]!.text) && [...pieces[0]!.text].length <= 18) {
      const second = pieces[1]!
      out.push(
        part([pieces[0]!, { ...second, text: sharedLine[1]! }], block, 'label'),
        part([{ ...second, text: sharedLine[2]! }, ...pieces.slice(2)], block, 'function'),
      )
      continue
    }
    // Label on the number's line, function below it.
    const first = pieces[0]!
    if (
      pieces.length > 1 &&
      chunk.pieces[1] === first &&
      startsUpper(first.text) &&
      [...first.text].length < wide &&
      /^[a-zа-яёәғқңөұүһі]/u.test(pieces[1]!.text) &&
      [...pieces[1]!.text].length >= wide
    ) {
      out.push(part([first], block, 'label'), part(pieces.slice(1), block))
      continue
    }
    // Trailing lines that together read as systems.
    let cut = -1
    for (let k = 1; k < pieces.length; k++) {
      const tail = joinLines(pieces.slice(k).map((p) => p.text))
      const head = joinLines(pieces.slice(0, k).map((p) => p.text))
      if (isSystemsTail(tail) && !isSystemsCell(head)) {
        cut = k
        break
      }
    }
    if (cut > 0) {
      out.push(part(pieces.slice(0, cut), block), part(pieces.slice(cut), block, 'systems'))
      continue
    }
    // Systems at the end of the block's last line (inside a sentence, an IS name is text).
    const lineIndex = pieces.length - 1
    const lastLine = pieces[lineIndex]!.text
    if (splitTrailingSystems(lastLine) && !isSystemsCell(lastLine)) {
      const piece = pieces[lineIndex]!
      const split = splitTrailingSystems(piece.text)!
      const wasWide = [...piece.text].length >= wide
      const head = [...pieces.slice(0, lineIndex), { ...piece, text: split.before }]
      const headKind: BlockKind | undefined =
        wasWide && !startsUpper(joinLines(head.map((p) => p.text))) ? 'function' : undefined
      out.push(part(head, block, headKind))
      out.push({
        pieces: [{ n: piece.n, text: split.systems, afterPageBreak: false }],
        kind: 'systems',
        afterPageBreak: block.afterPageBreak,
        beforePageBreak: block.beforePageBreak,
      })
      continue
    }
    out.push(block)
  }
  return joinSplitSystemNames(out)
}

/**
 * A system's name started on the last line of one cell and ended in the next block
 * («… қатысады Мемлекеттік мүлік» / «тізілімі АЖ»): the name moves to a systems block.
 */
function joinSplitSystemNames(blocks: Block[]): Block[] {
  for (let i = 0; i + 1 < blocks.length; i++) {
    const block = blocks[i]!
    const next = blocks[i + 1]!
    const nextText = textOf(next)
    if (!/^[a-zа-яёәғқңөұүһі]+ (АЖ|ААЖ)/u.test(nextText)) continue
    const last = block.pieces.at(-1)!
    const words = last.text.split(' ')
    for (let k = 1; k < words.length; k++) {
      const tail = words.slice(k).join(' ')
      if (!/^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/u.test(tail) || !isSystemsTail(`${tail} ${nextText}`)) continue
      block.pieces = [...block.pieces.slice(0, -1), { ...last, text: words.slice(0, k).join(' ') }]
      next.pieces = [{ ...last, text: tail }, ...next.pieces]
      next.kind = 'systems'
      break
    }
  }
  return blocks
}

/**
 * Gives every row its group, IS and approach. A group starts at a row whose chunk prints a
 * label right after the number; a label printed at the top of a page (floating: its merged cell
 * crosses the page) names the group that was already open. IS and approach hold from the row
 * that prints them until the group ends or another is printed. Values that reach a row across a
 * page break, or backwards from a floating cell, are flagged as uncertain.
 */
function carryMergedCells(
  section: number,
  cells: ChunkCells[],
  pageBreaks: number[],
): CatalogRowDraft[] {
  interface Value {
    text: string
    from: number
    /** Last original line of the printed cell. */
    line: number
  }
  const rows: CatalogRowDraft[] = []
  let groupStart = 0
  let label: Value | undefined
  let systems: Value | undefined
  let approach: Value | undefined
  const assigned: { label?: Value; systems?: Value; approach?: Value; uncertain: boolean }[] = []

  cells.forEach((cell, index) => {
    if (cell.label && (!cell.label.floating || label)) {
      // A new group: here, or for a floating label of a new group, where its first IS/approach was.
      let start = index
      if (cell.label.floating) {
        const firstOwn = [systems, approach]
          .filter((v): v is Value => v !== undefined && v.from > groupStart)
          .map((v) => v.from)
        if (firstOwn.length) start = Math.min(...firstOwn)
      }
      groupStart = start
      label = { text: cell.label.text, from: start, line: cell.label.lines.at(-1)!.n }
      if (!systems || systems.from < start) systems = undefined
      if (!approach || approach.from < start) approach = undefined
      for (let k = start; k < index; k++) {
        assigned[k]!.label = label
        assigned[k]!.uncertain = true
        if (!systems) assigned[k]!.systems = undefined
        if (!approach) assigned[k]!.approach = undefined
      }
    } else if (cell.label) {
      // Floating label of the group already open: it names it from its start.
      label = { text: cell.label.text, from: groupStart, line: cell.label.lines.at(-1)!.n }
      for (let k = groupStart; k < index; k++) {
        assigned[k]!.label = label
        assigned[k]!.uncertain = true
      }
    }
    for (const slot of ['systems', 'approach'] as const) {
      const printed = cell[slot]
      if (!printed) continue
      const value = { text: printed.text, from: index, line: printed.lines.at(-1)!.n }
      const current = slot === 'systems' ? systems : approach
      if (printed.floating && (!current || current.from < groupStart)) {
        value.from = groupStart
        for (let k = groupStart; k < index; k++) {
          assigned[k]![slot] = value
          assigned[k]!.uncertain = true
        }
      }
      if (slot === 'systems') systems = value
      else approach = value
    }
    assigned.push({ label, systems, approach, uncertain: false })
  })

  cells.forEach((cell, index) => {
    const a = assigned[index]!
    const functionPieces = cell.functionParts.flat()
    const text = joinLines(functionPieces.map((p) => p.text))
    const flags = new Set(cell.flags)
    const carriedAcrossPage = [a.label, a.systems, a.approach].some(
      (v) => v && v.from < index && pageBreaks.some((n) => n > v.line && n <= cell.first),
    )
    if (a.uncertain || carriedAcrossPage) flags.add('merged-cell-span-uncertain')
    if (!text || looksIncomplete(text) || (a.systems && hasRunTogetherSystems(a.systems.text))) {
      flags.add('column-uncertain')
    }
    const range: LineRange = [Math.min(cell.first, ...functionPieces.map((p) => p.n)), cell.last]
    rows.push({
      section,
      number: cell.number,
      group: a.label?.text ?? null,
      function: text,
      systems: a.systems ? splitSystems(a.systems.text) : [],
      approach: a.approach?.text ?? null,
      levels: a.approach ? splitLevels(a.approach.text) : [],
      resources: cell.resources.flatMap(splitResources),
      unit: null,
      language: 'kk',
      lines: range,
      flags: [...flags],
    })
  })
  return rows
}

/**
 * A function that starts or ends where a phrase cannot («шегінде …», «… үшін»): part of it is
 * probably in another row or another column.
 */
function looksIncomplete(text: string): boolean {
  return (
    /^(шегінде|бойынша|үшін|және|мен|арқылы|сондай-ақ|[,;)])/u.test(text) ||
    /(\s(үшін|және|мен|бойынша|арқылы|жөніндегі)|[,(])$/u.test(text)
  )
}

/** Two systems printed as one item («ЭҮӨШ АЖ АЖО ЭҮП»): cells of two rows run together. */
function hasRunTogetherSystems(text: string): boolean {
  return splitSystems(text).some(
    (item) =>
      (item.match(/(^|\s)(АЖ|ААЖ|АҚЖ)(?=\s|$)/gu)?.length ?? 0) > 1 || /АЖ\s+\S+\s+ЭҮП/u.test(item),
  )
}

/**
 * Splits a resource cell that stacks several items: each ends with «тізілімі», «деректері»,
 * «мәліметтер», «тізбесі» or «тізімі» and the next begins with a capital letter.
 * @example splitResources('А өтініштер тізілімі Б тізілімі') // ['А өтініштер тізілімі', 'Б тізілімі']
 */
export function splitResources(text: string): string[] {
  const END = /(?:тізілімі|деректері|мәліметтер|мәліметтері|тізбесі|тізімі)[.;]?$/u
  // Candidate cuts: after each resource word. A cut before a capital always holds; before a
  // lower-case word only when the text up to the next cut is a register too («… тізілімі
  // жер-кадастрлық … шешімдер тізілімі»), not a continuation («… тізілімі немесе … көшірмесі»).
  const pieces = text.split(
    /(?<=(?:тізілімі|деректері|мәліметтер|мәліметтері|тізбесі|тізімі)[.;]?)\s+/u,
  )
  const items: string[] = []
  for (const piece of pieces) {
    const startsUpper = /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/u.test(piece)
    if (items.length === 0 || startsUpper || END.test(piece)) items.push(piece)
    else items[items.length - 1] += ` ${piece}`
  }
  return items.map((item) => item.trim()).filter((item) => item !== '')
}
