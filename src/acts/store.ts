/**
 * @module
 * Storing and reading imported acts (table acts_act).
 */
import type { Kysely } from 'kysely'
import { InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { PARSER_VERSION, type ParsedAct } from './parse-act.js'
import type { ActKind, ActLanguage } from './types.js'

/** An imported act as the rest of the application sees it. */
export interface Act {
  id: string
  number: string
  date: string
  registration: string
  registeredOn: string | null
  language: ActLanguage
  title: string
  kind: ActKind
  /** Id of the act this one amends ('304'), null otherwise. */
  amends: string | null
  effectiveFrom: string | null
  /** How `effectiveFrom` is known: printed date, earliest possible, set by an administrator. */
  effectiveFromKind: 'date' | 'after-publication-earliest' | 'set' | 'unknown'
  repealedOn: string | null
  repealedBy: string | null
  fileName: string
  sha256: string
  /** The parser version that read the stored text. */
  parserVersion: number
  importedAt: string
}

type Row = Database['acts_act']

function toAct(row: Omit<Row, 'imported_at'> & { imported_at: string }): Act {
  return {
    id: row.id,
    number: row.number,
    date: row.date,
    registration: row.registration,
    registeredOn: row.registered_on,
    language: row.language as ActLanguage,
    title: row.title,
    kind: row.kind as ActKind,
    amends: row.amends,
    effectiveFrom: row.effective_from,
    effectiveFromKind: row.effective_from_kind as Act['effectiveFromKind'],
    repealedOn: row.repealed_on,
    repealedBy: row.repealed_by,
    fileName: row.file_name,
    sha256: row.sha256,
    parserVersion: row.parser_version,
    importedAt: row.imported_at,
  }
}

const COLUMNS = [
  'id',
  'number',
  'date',
  'registration',
  'registered_on',
  'language',
  'title',
  'kind',
  'amends',
  'amends_date',
  'effective_from',
  'effective_from_kind',
  'effective_from_set_by',
  'repealed_on',
  'repealed_by',
  'metadata',
  'file_name',
  'sha256',
  'parser_version',
  'imported_at',
] as const

/** Every imported act, oldest first. */
export async function listActs(db: Kysely<Database>): Promise<Act[]> {
  const rows = await db
    .selectFrom('acts_act')
    .select(COLUMNS)
    .orderBy('date')
    .orderBy('id')
    .execute()
  return rows.map((r) => toAct({ ...r, text: '' }))
}

/**
 * A short string that changes whenever an act is imported, replaced, re-read by a newer parser
 * or given a date: what caches of anything read from the acts are keyed by.
 */
export async function actsFingerprint(db: Kysely<Database>): Promise<string> {
  const acts = await db
    .selectFrom('acts_act')
    .select(['id', 'sha256', 'parser_version', 'effective_from', 'repealed_on'])
    .orderBy('id')
    .execute()
  return acts
    .map((a) => [a.id, a.sha256, a.parser_version, a.effective_from, a.repealed_on].join('|'))
    .join(';')
}

export async function findAct(db: Kysely<Database>, id: string): Promise<Act | undefined> {
  const row = await db
    .selectFrom('acts_act')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toAct({ ...row, text: '' }) : undefined
}

export async function findActBySha256(
  db: Kysely<Database>,
  sha256: string,
): Promise<Act | undefined> {
  const row = await db
    .selectFrom('acts_act')
    .select(COLUMNS)
    .where('sha256', '=', sha256)
    .executeTakeFirst()
  return row ? toAct({ ...row, text: '' }) : undefined
}

/** The act's text as imported, split into lines (1-based numbering: index 0 is line 1). */
export async function actLines(db: Kysely<Database>, id: string): Promise<string[]> {
  const row = await db.selectFrom('acts_act').select('text').where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError(`No act ${id} is imported`)
  return row.text.split(/\r?\n/)
}

/**
 * Stores a parsed act, replacing an earlier text of the same act (same registration number or
 * id) together with everything read from it. Call inside the import transaction.
 */
export async function saveAct(
  db: Kysely<Database>,
  parsed: ParsedAct,
): Promise<'new' | 'replaced'> {
  const m = parsed.metadata
  const previous = await db
    .selectFrom('acts_act')
    .select('id')
    .where((eb) => eb.or([eb('registration', '=', m.registration), eb('id', '=', parsed.id)]))
    .execute()
  for (const old of previous) await deleteAct(db, old.id)
  const effective =
    m.entryIntoForce?.kind === 'date'
      ? { from: m.entryIntoForce.date, kind: 'date' }
      : m.entryIntoForce?.kind === 'after-publication'
        ? { from: m.entryIntoForce.earliest, kind: 'after-publication-earliest' }
        : { from: null, kind: 'unknown' }
  await db
    .insertInto('acts_act')
    .values({
      id: parsed.id,
      number: m.number,
      date: m.date,
      registration: m.registration,
      registered_on: m.registeredOn,
      language: m.language,
      title: m.title,
      kind: m.kind,
      amends: m.amends ? m.amends.number.split('/')[0]!.trim() : null,
      amends_date: m.amends?.date ?? null,
      effective_from: effective.from,
      effective_from_kind: effective.kind,
      effective_from_set_by: null,
      repealed_on: m.repealedOn,
      repealed_by: m.repealedBy,
      metadata: JSON.stringify(m),
      file_name: parsed.fileName,
      sha256: parsed.sha256,
      parser_version: PARSER_VERSION,
      text: parsed.text,
      imported_at: new Date().toISOString(),
    })
    .execute()
  return previous.length > 0 ? 'replaced' : 'new'
}

/**
 * Deletes an act; the foreign keys of the tables that hold what was read from it
 * (`on delete cascade`) delete that too, on both backends.
 */
export async function deleteAct(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('acts_act').where('id', '=', id).execute()
}

/**
 * Records the day an act took effect when its text leaves it open («ten calendar days after
 * first official publication»), as an administrator found it. Returns the previous date.
 */
export async function setActEffectiveFrom(
  db: Kysely<Database>,
  id: string,
  date: string,
  setBy: string,
): Promise<string | null> {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new InputError(`"${date}" is not a date; write YYYY-MM-DD`)
  }
  const act = await findAct(db, id)
  if (!act) throw new NotFoundError(`No act ${id} is imported`)
  const earliest = act.registeredOn ?? act.date
  if (date < earliest) {
    throw new InputError(
      `Act ${id} cannot take effect on ${date}: it was ${act.registeredOn ? 'registered' : 'adopted'} on ${earliest}`,
    )
  }
  await db
    .updateTable('acts_act')
    .set({ effective_from: date, effective_from_kind: 'set', effective_from_set_by: setBy })
    .where('id', '=', id)
    .execute()
  return act.effectiveFrom
}
