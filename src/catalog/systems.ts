/**
 * @module
 * Information systems as entities. Rows print systems in many spellings («ӨЭҮШ АЖ», «ЭҮӨШ АЖ
 * (1 қызмет)») and in two languages («ЭҮП» / «ПЭП»); `data/catalog/information-systems.json`
 * lists the known systems with their spellings and pairs. Every printed name is resolved to one
 * entity (a name nobody listed becomes an entity of its own), and every row version is linked
 * to the entities it names, with the printed text kept.
 */
import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

interface KnownSystem {
  id: string
  name: string
  language: string
  aliases: string[]
  pair: string | null
}

const KNOWN: KnownSystem[] = (
  JSON.parse(
    readFileSync(new URL('../../data/catalog/information-systems.json', import.meta.url), 'utf8'),
  ) as { systems: KnownSystem[] }
).systems

/** A qualifier after a system's name: «(ішінара)», «(1 қызмет)», «(2 услуги)». */
const QUALIFIER = /\s*\((?:ішінара|частично|\d+ (?:қызмет|услуги|услуга|услуг))\)\s*$/u

/**
 * The name without qualifiers and stray spacing, as the lookup key.
 * @example baseName('ЭҮӨШ АЖ (1 қызмет)') // 'ЭҮӨШ АЖ'
 */
export function baseName(printed: string): string {
  return (
    printed
      .replace(QUALIFIER, '')
      .replace(/\(\s*ішінара\s*\)?$/u, '')
      // «"Е-собес " ААЖ»: a space before a closing quote is an extraction artefact.
      .replace(/ +"(?= |$)/g, '"')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

const byName = new Map<string, KnownSystem>()
for (const system of KNOWN) {
  for (const name of [system.name, ...system.aliases]) byName.set(baseName(name), system)
}

/** A stable id for a system nobody listed: its name, lower-case, with dashes. */
function slug(name: string): string {
  return name
    .replace(/"/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
}

/** The entity a printed name stands for. */
export function resolveSystem(printed: string): { id: string; name: string; known: boolean } {
  const base = baseName(printed)
  const known = byName.get(base)
  return known
    ? { id: known.id, name: known.name, known: true }
    : { id: slug(base), name: base, known: false }
}

/**
 * Rebuilds the systems and their links from every stored row version. Derived data: call it in
 * the import transaction after rows change.
 */
export async function rebuildSystems(db: Kysely<Database>): Promise<number> {
  await db.deleteFrom('catalog_row_system').execute()
  await db.deleteFrom('catalog_system').execute()
  const rows = await db
    .selectFrom('catalog_row_version')
    .select(['id', 'systems', 'language'])
    .execute()
  const glossary = await db
    .selectFrom('catalog_glossary_entry')
    .select(['abbreviation', 'expansion', 'language'])
    .orderBy('id')
    .execute()
  /** The fullest expansion any glossary gives for one of the names, in the system's language first. */
  const expansionOf = (names: string[], language: string | null) => {
    const keys = new Set(names.map(baseName))
    const matches = glossary
      .filter(
        (g) =>
          keys.has(baseName(g.abbreviation.replace(/^"|"$/g, ''))) ||
          names.includes(g.abbreviation),
      )
      .sort(
        (a, b) =>
          Number(b.language === language) - Number(a.language === language) ||
          b.expansion.length - a.expansion.length ||
          a.expansion.localeCompare(b.expansion),
      )
    return matches[0]?.expansion ?? null
  }
  const entities = new Map<
    string,
    { id: string; name: string; language: string | null; aliases: Set<string>; pair: string | null }
  >()
  const links: { row_version_id: number; system_id: string; printed: string; position: number }[] =
    []
  for (const row of rows) {
    const printedNames = JSON.parse(row.systems) as string[]
    printedNames.forEach((printed, position) => {
      const resolved = resolveSystem(printed)
      const known = KNOWN.find((k) => k.id === resolved.id)
      const entity = entities.get(resolved.id) ?? {
        id: resolved.id,
        name: resolved.name,
        language: known?.language ?? row.language,
        aliases: new Set(known?.aliases ?? []),
        pair: known?.pair ?? null,
      }
      const base = baseName(printed)
      if (base !== entity.name) entity.aliases.add(base)
      entities.set(resolved.id, entity)
      links.push({ row_version_id: row.id, system_id: resolved.id, printed, position })
    })
  }
  // A pair whose other half no stored row names is still worth listing: add it.
  for (const entity of [...entities.values()]) {
    if (entity.pair && !entities.has(entity.pair)) {
      const other = KNOWN.find((k) => k.id === entity.pair)
      if (other) {
        entities.set(other.id, { ...other, aliases: new Set(other.aliases) })
      }
    }
  }
  const values = [...entities.values()].map((e) => ({
    id: e.id,
    name: e.name,
    language: e.language,
    aliases: JSON.stringify([...e.aliases].sort()),
    expansion: expansionOf([e.name, ...e.aliases], e.language),
    pair: e.pair && entities.has(e.pair) ? e.pair : null,
  }))
  for (let i = 0; i < values.length; i += 200) {
    await db
      .insertInto('catalog_system')
      .values(values.slice(i, i + 200))
      .execute()
  }
  for (let i = 0; i < links.length; i += 500) {
    await db
      .insertInto('catalog_row_system')
      .values(links.slice(i, i + 500))
      .execute()
  }
  return values.length
}
