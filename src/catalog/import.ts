/**
 * @module
 * Importing acts into the catalogue. One transaction per act: the act, its rows, sections,
 * glossary and indicators (or, for an amendment, the versions its instructions create), then the
 * validity dates of the architecture it belongs to. The same file twice changes nothing.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Kysely } from 'kysely'
import {
  type AmendmentInstructionDraft,
  bundledActs,
  type CatalogRowDraft,
  findAct,
  findActBySha256,
  PARSER_VERSION,
  type ParsedAct,
  parseAct,
  saveAct,
} from '../acts/index.js'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { rebuildSystems } from './systems.js'
import { recomputeValidity } from './versions.js'

/** What importing one file did. */
export interface ImportResult {
  file: string
  act: string
  status: 'new' | 'replaced' | 'unchanged'
  kind: string
  /** Rows per section read from the act (restated rows for an amendment). */
  rowsPerSection: Record<string, number>
  deletedRows: number
  sectionTitles: number
  glossaryEntries: number
  indicators: number
  flaggedRows: number
}

/**
 * Imports one act file. Throws {@link InputError} naming the file when it is not an act or
 * cannot be read; the database is then exactly as it was.
 */
export async function importActFile(db: Kysely<Database>, path: string): Promise<ImportResult> {
  const fileName = basename(path)
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new InputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code})`)
  }
  return importActBytes(db, bytes, fileName)
}

/** Imports an act from its bytes (see {@link importActFile}). */
export async function importActBytes(
  db: Kysely<Database>,
  bytes: Uint8Array,
  fileName: string,
): Promise<ImportResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const known = await findActBySha256(db, sha256)
  if (known && known.parserVersion >= PARSER_VERSION) {
    return unchanged(fileName, known.id, known.kind)
  }
  const parsed = parseAct(bytes, fileName)
  return db.transaction().execute(async (trx) => {
    // Another import may have stored the same text meanwhile.
    const existing = await findActBySha256(trx, parsed.sha256)
    if (existing && existing.parserVersion >= PARSER_VERSION) {
      return unchanged(fileName, existing.id, existing.kind)
    }
    const status = await saveAct(trx, parsed)
    const architecture = await storeContent(trx, parsed)
    if (architecture) {
      await recomputeValidity(trx, architecture)
      await rebuildSystems(trx)
    }
    return summarise(parsed, status)
  })
}

/** Imports the acts bundled in data/acts, calling `onProgress` after each. */
export async function importBundledActs(
  db: Kysely<Database>,
  onProgress: (result: ImportResult) => void = () => {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  for (const act of bundledActs()) {
    const result = await importActFile(db, act.path)
    results.push(result)
    onProgress(result)
  }
  return results
}

function unchanged(file: string, act: string, kind: string): ImportResult {
  return {
    file,
    act,
    status: 'unchanged',
    kind,
    rowsPerSection: {},
    deletedRows: 0,
    sectionTitles: 0,
    glossaryEntries: 0,
    indicators: 0,
    flaggedRows: 0,
  }
}

function summarise(parsed: ParsedAct, status: ImportResult['status']): ImportResult {
  const rows =
    parsed.metadata.kind === 'amendment'
      ? parsed.instructions.flatMap((i) => (i.op === 'restate-rows' ? i.rows : []))
      : parsed.rows
  const rowsPerSection: Record<string, number> = {}
  for (const row of rows) rowsPerSection[row.section] = (rowsPerSection[row.section] ?? 0) + 1
  const glossary =
    parsed.glossary.length +
    parsed.instructions.reduce(
      (n, i) =>
        n +
        (i.op === 'replace-glossary' ? i.entries.length : i.op === 'restate-glossary-line' ? 1 : 0),
      0,
    )
  return {
    file: parsed.fileName,
    act: parsed.id,
    status,
    kind: parsed.metadata.kind,
    rowsPerSection,
    deletedRows: parsed.instructions.reduce(
      (n, i) => n + (i.op === 'delete-rows' ? i.numbers.length : 0),
      0,
    ),
    sectionTitles:
      parsed.sections.length +
      parsed.instructions.filter((i) => i.op === 'restate-section-title').length,
    glossaryEntries: glossary,
    indicators: parsed.indicators.length,
    flaggedRows: rows.filter((r) => r.flags.length > 0).length,
  }
}

function rowValues(
  architecture: string,
  act: string,
  row: CatalogRowDraft,
  validFrom: string | null,
) {
  return {
    architecture,
    section: row.section,
    number: row.number,
    status: 'text',
    group_text: row.group,
    function_text: row.function,
    systems: JSON.stringify(row.systems),
    approach: row.approach,
    levels: JSON.stringify(row.levels),
    resources: JSON.stringify(row.resources),
    unit: row.unit,
    language: row.language,
    source_act: act,
    line_first: row.lines[0],
    line_last: row.lines[1],
    flags: JSON.stringify(row.flags),
    valid_from: validFrom,
    valid_to: null,
  }
}

const BATCH = 200

async function insertRows(db: Kysely<Database>, values: ReturnType<typeof rowValues>[]) {
  for (let i = 0; i < values.length; i += BATCH) {
    await db
      .insertInto('catalog_row_version')
      .values(values.slice(i, i + BATCH))
      .execute()
  }
}

/** Stores what the act says; returns the architecture it belongs to. */
async function storeContent(db: Kysely<Database>, parsed: ParsedAct): Promise<string | null> {
  const m = parsed.metadata
  const act = parsed.id
  const from =
    m.entryIntoForce?.kind === 'date'
      ? m.entryIntoForce.date
      : m.entryIntoForce?.kind === 'after-publication'
        ? m.entryIntoForce.earliest
        : null
  if (m.kind === 'architecture') {
    await insertRows(
      db,
      parsed.rows.map((r) => rowValues(act, act, r, from)),
    )
    for (const s of parsed.sections) {
      await insertSectionTitle(db, act, act, m.language, s.number, s.title, s.lines, from)
    }
    await insertGlossary(db, act, act, m.language, parsed.glossary, from)
    if (parsed.indicators.length) {
      await db
        .insertInto('catalog_indicator')
        .values(
          parsed.indicators.map((i) => ({
            source_act: act,
            code: i.code,
            title: i.title,
            unit: i.unit,
            category: i.category,
            group_code: i.group,
            line_first: i.lines[0],
            line_last: i.lines[1],
          })),
        )
        .execute()
    }
    return act
  }
  if (m.kind === 'amendment') {
    if (!m.amends) throw new InputError(`${parsed.fileName}: the amendment names no act it amends`)
    const architecture = m.amends.number.split('/')[0]!.trim()
    await checkTargets(db, parsed, architecture)
    for (const instruction of parsed.instructions) {
      await applyInstruction(db, architecture, act, m.language, instruction, from)
    }
    return architecture
  }
  return null
}

async function insertSectionTitle(
  db: Kysely<Database>,
  architecture: string,
  act: string,
  language: string,
  section: number,
  title: string,
  lines: [number, number],
  from: string | null,
) {
  await db
    .insertInto('catalog_section_version')
    .values({
      architecture,
      section,
      title,
      language,
      source_act: act,
      line_first: lines[0],
      line_last: lines[1],
      valid_from: from,
      valid_to: null,
    })
    .execute()
}

async function insertGlossary(
  db: Kysely<Database>,
  architecture: string,
  act: string,
  language: string,
  entries: {
    abbreviation: string
    expansion: string
    level: number | null
    list: string
    lines: [number, number]
  }[],
  from: string | null,
) {
  if (entries.length === 0) return
  await db
    .insertInto('catalog_glossary_entry')
    .values(
      entries.map((e) => ({
        source_act: act,
        architecture,
        list: e.list,
        abbreviation: e.abbreviation,
        expansion: e.expansion,
        level: e.level,
        language,
        line_first: e.lines[0],
        line_last: e.lines[1],
        valid_from: from,
        valid_to: null,
      })),
    )
    .execute()
}

/** When the amended architecture's own text is loaded, every row an instruction names must exist. */
async function checkTargets(db: Kysely<Database>, parsed: ParsedAct, architecture: string) {
  const base = await findAct(db, architecture)
  if (base?.kind !== 'architecture') return
  for (const instruction of parsed.instructions) {
    if (instruction.op !== 'delete-rows' && instruction.op !== 'restate-rows') continue
    for (const number of instruction.numbers) {
      const found = await db
        .selectFrom('catalog_row_version')
        .select('id')
        .where('architecture', '=', architecture)
        .where('section', '=', instruction.section)
        .where('number', '=', number)
        .executeTakeFirst()
      if (!found) {
        throw new InputError(
          `${parsed.fileName}: the instruction at line ${instruction.lines[0]} names row ${number} of section ${instruction.section} of act ${architecture}, which has no such row`,
        )
      }
    }
  }
}

async function applyInstruction(
  db: Kysely<Database>,
  architecture: string,
  act: string,
  language: string,
  instruction: AmendmentInstructionDraft,
  actFrom: string | null,
) {
  const from = instruction.effectiveFrom ?? actFrom
  switch (instruction.op) {
    case 'restate-rows':
      await insertRows(
        db,
        instruction.rows.map((r) => rowValues(architecture, act, r, from)),
      )
      break
    case 'delete-rows':
      await insertRows(
        db,
        instruction.numbers.map((number) => ({
          ...rowValues(
            architecture,
            act,
            {
              section: instruction.section,
              number,
              group: null,
              function: '',
              systems: [],
              approach: null,
              levels: [],
              resources: [],
              unit: null,
              language: language as 'kk' | 'ru',
              lines: instruction.lines,
              flags: [],
            },
            from,
          ),
          status: 'deleted',
        })),
      )
      break
    case 'restate-section-title':
      await insertSectionTitle(
        db,
        architecture,
        act,
        language,
        instruction.section,
        instruction.title,
        instruction.lines,
        from,
      )
      break
    case 'replace-glossary':
      await insertGlossary(db, architecture, act, language, instruction.entries, from)
      break
    case 'restate-glossary-line':
      await insertGlossary(db, architecture, act, language, [instruction.entry], from)
      break
  }
}
