/**
 * @module
 * The target indicators of Appendix 2 of an architecture act (order 158, l.12985–13153): a
 * two-column table «Индикатор» / «Өлшем бірлігі». A row starts with its code at the left margin
 * («1.1.1», «2.10»); its title may follow on the same line or on the next ones, and its unit is
 * printed either at the end of the title's last line («… саны Бірл.») or on a line of its own
 * after a blank line. Codes with sub-codes («1.», «1.1», «2.») are category and group headings,
 * not indicators.
 */
import { InputError } from '../core/index.js'
import type { SourceLine } from './normalize.js'
import type { IndicatorDraft } from './types.js'
import { joinWrapped } from './wrapped-lines.js'

/** The heading of Appendix 2 («2-қосымша», «Приложение 2»). */
const APPENDIX_2_HEADING = /^(2-қосымша|Приложение 2)$/iu

/** The table's header row starts with the first column's name. */
const TABLE_HEADER = /^Индикатор(\s|$)/u

/** A row's code: «1.» (a category), «1.1», «1.1.1», «2.10», then the title if on the same line. */
const CODE = /^(\d+)\.(\d+(?:\.\d+)*)?\.?(?:\s+(.*))?$/u

/** Units of measure as printed, alone on a line or ending the title's last line. */
const UNIT = /^(?:(.*\S)\s+)?(%|Бірл\.|Балдар)$/u

/** Lines after the table are indented (the glossary) — table lines start at the margin. */
const INDENTED = /^\s{2,}\S/

interface Block {
  code: string
  lines: SourceLine[]
}

function codeOf(line: SourceLine): { code: string; rest: string } | null {
  const m = CODE.exec(line.text)
  if (m === null) return null
  return { code: m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`, rest: m[3] ?? '' }
}

/** Reads one leaf row: title lines, then the unit (on its own line or ending the last line). */
function toIndicator(block: Block): IndicatorDraft {
  const first = block.lines[0]!
  const texts = [codeOf(first)!.rest, ...block.lines.slice(1).map((l) => l.text)]
  const filled = texts
    .map((text, i) => ({ text, line: block.lines[i]! }))
    .filter((t) => t.text !== '')
  const last = filled.at(-1)
  const unit = last === undefined ? null : UNIT.exec(last.text)
  if (last === undefined || unit === null) {
    throw new InputError(
      `Appendix 2 indicator ${block.code} (line ${first.n}) has no unit (%, Бірл., Балдар)`,
    )
  }
  const titleTexts = filled.slice(0, -1).map((t) => t.text)
  if (unit[1] !== undefined) titleTexts.push(unit[1])
  const title = joinWrapped(titleTexts)
  if (title === '') {
    throw new InputError(`Appendix 2 indicator ${block.code} (line ${first.n}) has no title`)
  }
  const segments = block.code.split('.')
  return {
    code: block.code,
    title,
    unit: unit[2]!,
    category: segments[0]!,
    group: segments.length > 2 ? segments.slice(0, -1).join('.') : null,
    lines: [first.n, last.line.n],
  }
}

/**
 * The leaf indicators of Appendix 2, in the order printed, each with its title (wrapped lines
 * joined, the unit split off), unit, category ('1' or '2'), group ('1.1' … or null) and lines.
 * The table is found after the «2-қосымша» heading by its «Индикатор» header row, and ends at the
 * first indented line (the glossary that follows it) or at the end of the text. For order 158:
 * 42 indicators, 1.1.1 … 1.5.6 and 2.1 … 2.11.
 * @throws InputError when there is no Appendix 2 or no indicator table, when a code repeats, or
 *   when an indicator has no unit or title.
 */
export function parseIndicators(lines: SourceLine[]): IndicatorDraft[] {
  const appendix = lines.findIndex((l) => APPENDIX_2_HEADING.test(l.text))
  if (appendix < 0) throw new InputError('No Appendix 2 («2-қосымша») found in the act')
  const header = lines.findIndex((l, i) => i > appendix && TABLE_HEADER.test(l.text))
  if (header < 0) {
    throw new InputError(
      'Appendix 2 has no indicator table (no «Индикатор / Өлшем бірлігі» header)',
    )
  }

  const blocks: Block[] = []
  for (const line of lines.slice(header + 1)) {
    if (line.text !== '' && INDENTED.test(line.raw)) break
    const code = codeOf(line)
    if (code !== null) {
      if (blocks.some((b) => b.code === code.code)) {
        throw new InputError(`Appendix 2 indicator code ${code.code} repeats (line ${line.n})`)
      }
      blocks.push({ code: code.code, lines: [line] })
    } else {
      blocks.at(-1)?.lines.push(line)
    }
  }
  const leaves = blocks.filter((b) => !blocks.some((o) => o.code.startsWith(`${b.code}.`)))
  if (leaves.length === 0) throw new InputError('Appendix 2 indicator table has no indicators')
  return leaves.map(toIndicator)
}
