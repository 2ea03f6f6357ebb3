/**
 * @module
 * The whole reading of one act file, as named steps: check the bytes are text → normalise →
 * read the metadata → read the content its kind has (Appendix 1, glossaries and Appendix 2 of a
 * typical architecture; the instructions of an amendment). A failure names the file and the step.
 */
import { createHash } from 'node:crypto'
import { InputError } from '../core/index.js'
import { parseAmendmentInstructions } from './amendments.js'
import { parseAppendix1 } from './appendix1.js'
import { parseGlossaries } from './glossary.js'
import { parseIndicators } from './indicators.js'
import { parseActMetadata } from './metadata.js'
import { normalizeText } from './normalize.js'
import type {
  ActMetadata,
  AmendmentInstructionDraft,
  CatalogRowDraft,
  GlossaryEntryDraft,
  IndicatorDraft,
  SectionDraft,
} from './types.js'

/**
 * The version of the reading rules. Raise it whenever a parser reads any act differently: an
 * import then reads again the acts read by an older version, so improvements reach stored data.
 */
export const PARSER_VERSION = 1

/** Everything read from one act file. */
export interface ParsedAct {
  /** Stable id of the act: its number without the «/НҚ» suffix ('158', '142', '352'). */
  id: string
  fileName: string
  sha256: string
  text: string
  metadata: ActMetadata
  sections: SectionDraft[]
  rows: CatalogRowDraft[]
  glossary: GlossaryEntryDraft[]
  indicators: IndicatorDraft[]
  instructions: AmendmentInstructionDraft[]
}

/** The id of an act from its printed number: '142/НҚ' → '142'. */
export function actId(number: string): string {
  return number.split('/')[0]!.trim()
}

/** Decodes a file's bytes as UTF-8 text, refusing empty and binary files. */
export function decodeActText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new InputError(`${fileName}: the file is empty`)
  if (bytes.includes(0)) {
    throw new InputError(`${fileName}: not a text file (it holds binary data)`)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError(`${fileName}: not a UTF-8 text file`)
  }
}

function step<T>(fileName: string, name: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof InputError) {
      throw new InputError(`${fileName}: ${name}: ${error.message}`, undefined, undefined, {
        cause: error,
      })
    }
    throw new Error(`${fileName}: ${name} failed: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Reads an act file completely. Throws {@link InputError} naming the file and the step when the
 * file is not an act or its content cannot be read; nothing is stored by this function.
 */
export function parseAct(bytes: Uint8Array, fileName: string): ParsedAct {
  const text = decodeActText(bytes, fileName)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const lines = step(fileName, 'normalising the text', () => normalizeText(text))
  const metadata = step(fileName, 'reading the act heading', () =>
    parseActMetadata(lines, fileName),
  )
  const parsed: ParsedAct = {
    id: actId(metadata.number),
    fileName,
    sha256,
    text,
    metadata,
    sections: [],
    rows: [],
    glossary: [],
    indicators: [],
    instructions: [],
  }
  if (metadata.kind === 'architecture') {
    const appendix = step(fileName, 'reading Appendix 1', () => parseAppendix1(lines))
    parsed.sections = appendix.sections
    parsed.rows = appendix.rows
    parsed.glossary = step(fileName, 'reading the glossaries', () => parseGlossaries(lines))
    parsed.indicators = step(fileName, 'reading Appendix 2', () => parseIndicators(lines))
  } else if (metadata.kind === 'amendment') {
    parsed.instructions = step(fileName, 'reading the amendment instructions', () =>
      parseAmendmentInstructions(lines, metadata.language),
    )
  }
  return parsed
}
