/**
 * @module
 * Dated versions of the typical architecture. Each row, section title and glossary entry read
 * from an act holds from the day that act (or its instruction) takes effect until the next
 * version of the same row replaces it, or until the architecture ends (the base act is repealed;
 * for a base text that is not loaded, the repeal of its amending acts).
 */
import type { Kysely } from 'kysely'
import { listActs, setActEffectiveFrom } from '../acts/index.js'
import type { Database } from '../db/index.js'

/** The day an architecture stops applying, from what is loaded. */
async function architectureEnd(db: Kysely<Database>, architecture: string): Promise<string | null> {
  const acts = await listActs(db)
  const base = acts.find((a) => a.id === architecture && a.kind === 'architecture')
  if (base) return base.repealedOn
  const dates = acts
    .filter((a) => a.amends === architecture)
    .map((a) => a.repealedOn)
    .filter((d): d is string => d !== null)
  return dates.length ? dates.sort().at(-1)! : null
}

const before = (a: string | null, b: string | null) => (a ?? '') < (b ?? '')

/**
 * Recomputes `valid_to` of every version of one architecture: each version ends where the next
 * version of the same row (or section title) begins, the last one when the architecture ends.
 */
export async function recomputeValidity(db: Kysely<Database>, architecture: string): Promise<void> {
  const end = await architectureEnd(db, architecture)
  const rows = await db
    .selectFrom('catalog_row_version')
    .select(['id', 'section', 'number', 'valid_from', 'valid_to'])
    .where('architecture', '=', architecture)
    .execute()
  const byKey = new Map<string, typeof rows>()
  for (const row of rows) {
    const key = `${row.section}.${row.number}`
    byKey.set(key, [...(byKey.get(key) ?? []), row])
  }
  for (const versions of byKey.values()) {
    versions.sort((a, b) => (before(a.valid_from, b.valid_from) ? -1 : 1))
    for (let i = 0; i < versions.length; i++) {
      const validTo = versions[i + 1]?.valid_from ?? end
      if (versions[i]!.valid_to !== validTo) {
        await db
          .updateTable('catalog_row_version')
          .set({ valid_to: validTo })
          .where('id', '=', versions[i]!.id)
          .execute()
      }
    }
  }
  const sections = await db
    .selectFrom('catalog_section_version')
    .select(['id', 'section', 'valid_from'])
    .where('architecture', '=', architecture)
    .execute()
  for (const section of sections) {
    const next = sections
      .filter((s) => s.section === section.section && before(section.valid_from, s.valid_from))
      .sort((a, b) => (before(a.valid_from, b.valid_from) ? -1 : 1))[0]
    await db
      .updateTable('catalog_section_version')
      .set({ valid_to: next?.valid_from ?? end })
      .where('id', '=', section.id)
      .execute()
  }
  await db
    .updateTable('catalog_glossary_entry')
    .set({ valid_to: end })
    .where('architecture', '=', architecture)
    .execute()
}

/**
 * Records the day an act took effect (when its text leaves it open) and moves the versions it
 * started with it: everything that began on the old day now begins on the new one. One
 * transaction.
 */
export async function setEffectiveDate(
  db: Kysely<Database>,
  act: string,
  date: string,
  setBy: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const previous = await setActEffectiveFrom(trx, act, date, setBy)
    for (const table of [
      'catalog_row_version',
      'catalog_section_version',
      'catalog_glossary_entry',
    ] as const) {
      await trx
        .updateTable(table)
        .set({ valid_from: date })
        .where('source_act', '=', act)
        .where((eb) =>
          previous === null ? eb('valid_from', 'is', null) : eb('valid_from', '=', previous),
        )
        .execute()
    }
    const architectures = await trx
      .selectFrom('catalog_row_version')
      .select('architecture')
      .distinct()
      .where('source_act', '=', act)
      .execute()
    for (const a of architectures) await recomputeValidity(trx, a.architecture)
  })
}
