/**
 * @module
 * The catalogue as at a date in the exchange formats: an ArchiMate model for modelling tools and
 * Backstage entities for software catalogues. Both are built from a loaded snapshot or from an
 * export, and keep where each thing was read (act, section, row, lines).
 *
 * ArchiMate: a Grouping per level (section, named by its title as printed) aggregates a
 * BusinessFunction per group of functions, which is composed of a BusinessFunction per row; an
 * ApplicationComponent per information system serves the rows that name it; a row accesses a
 * DataObject per information resource it names; a BusinessActor per responsible unit is
 * assigned to the row. Backstage: a Group for the akimat with a Group per responsible unit, a
 * Group for the e-government side that owns the information systems, a System and a Component
 * per information system (the Component depends on the resources of the rows it serves) and a
 * Resource per information resource.
 */
import {
  type ArchimateElement,
  type ArchimateModel,
  type ArchimateOrganization,
  type ArchimateProperty,
  type ArchimatePropertyDefinition,
  type ArchimatePropertyType,
  type ArchimateRelationship,
  type ArchimateRelationshipType,
  type BackstageEntity,
  type BackstageGroup,
  backstageName,
  entityRef,
  type LangString,
  makeIdentifier,
  writeArchimate,
  writeBackstage,
} from '../exchange/index.js'
import { isMessageKey, LANGUAGES, type MessageKey, translate } from '../i18n/index.js'
import { inForceOn } from './browse.js'
import { type CatalogExport, checkDate, type ExportedRow } from './export.js'
import { writeAtomically } from './export-files.js'

/**
 * What the exchange formats read: a loaded snapshot ({@link CatalogSnapshot}) or an export of
 * every version. An export made for the same date also works, but then it holds only the
 * systems named on that date, so a system's other-language pair may be missing.
 */
export type CatalogExchangeSource = Pick<
  CatalogExport,
  'acts' | 'sections' | 'rows' | 'systems' | 'glossary'
>

/** The rows in force on `at` (deleted versions are not rows), in the source's order. */
function rowsOn(source: CatalogExchangeSource, at: string): ExportedRow[] {
  return source.rows.filter((r) => !r.status && inForceOn(at, r.validFrom, r.validTo))
}

/** For codes, numbers and dates, which have no language: BCP 47 "no linguistic content". */
const NO_LANGUAGE = 'zxx'
/** For a text whose language the catalogue does not record. */
const UNKNOWN_LANGUAGE = 'und'

/** A text of the interface in Kazakh, Russian and English. */
const inAllLanguages = (key: MessageKey, params: Record<string, string | number> = {}) =>
  LANGUAGES.map((lang) => ({ text: translate(lang, key, params), lang }))

const code = (text: string | number): LangString[] => [{ text: String(text), lang: NO_LANGUAGE }]

/** The property definitions of the model, by what they hold. */
const PROPERTIES: Record<
  string,
  { key: MessageKey; type: ArchimatePropertyType; params?: Record<string, number> }
> = {
  asAt: { key: 'exchange.property.asAt', type: 'date' },
  row: { key: 'exchange.property.row', type: 'string' },
  act: { key: 'exchange.property.act', type: 'string' },
  architecture: { key: 'exchange.property.architecture', type: 'string' },
  section: { key: 'exchange.property.section', type: 'number' },
  number: { key: 'exchange.property.number', type: 'number' },
  lines: { key: 'exchange.property.lines', type: 'string' },
  validFrom: { key: 'exchange.property.validFrom', type: 'date' },
  validTo: { key: 'exchange.property.validTo', type: 'date' },
  level1: { key: 'exchange.property.level', type: 'string', params: { level: 1 } },
  level2: { key: 'exchange.property.level', type: 'string', params: { level: 2 } },
  level3: { key: 'exchange.property.level', type: 'string', params: { level: 3 } },
  flags: { key: 'exchange.property.flags', type: 'string' },
  systemId: { key: 'exchange.property.systemId', type: 'string' },
  aliases: { key: 'exchange.property.aliases', type: 'string' },
}

/** A readable identifier for a property definition: `propdef-valid-from`. */
const propertyId = (name: string) =>
  `propdef-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/(\d)/, '-$1')}`

/**
 * The catalogue in force on `at` as an ArchiMate model (see the module comment for what becomes
 * what). Names keep the text as printed with the row's language; a system carries its own name
 * and its other-language pair's; the model's name and the folders are in Kazakh, Russian and
 * English. A date on which nothing is in force gives a model with no elements. Throws
 * `InputError` for a date that is not one.
 */
export function catalogArchimate(
  source: CatalogExchangeSource,
  options: { at: string },
): ArchimateModel {
  const at = checkDate(options.at)
  const rows = rowsOn(source, at)
  const usedProperties = new Set<string>()
  const property = (name: string, values: LangString[]): ArchimateProperty => {
    usedProperties.add(name)
    return { definition: propertyId(name), values }
  }
  const elements: ArchimateElement[] = []
  const relationships: ArchimateRelationship[] = []
  const relate = (
    type: ArchimateRelationshipType,
    from: string,
    to: string,
  ): ArchimateRelationship => {
    const relationship = {
      identifier: makeIdentifier('rel', `${type}:${from}:${to}`),
      type,
      source: from,
      target: to,
    }
    relationships.push(relationship)
    return relationship
  }

  // Levels and groups, in the order of the rows (architecture, section, number).
  const levels = new Map<string, { id: string; items: string[] }>()
  const groups = new Map<string, string>()
  const functionFolders: ArchimateOrganization[] = []
  const rowElements: ArchimateElement[] = []
  const groupElements: ArchimateElement[] = []
  const levelElements: ArchimateElement[] = []
  for (const row of rows) {
    const levelKey = `${row.architecture}:${row.section}`
    let level = levels.get(levelKey)
    if (!level) {
      const title = source.sections.find(
        (s) =>
          s.architecture === row.architecture &&
          s.section === row.section &&
          inForceOn(at, s.validFrom, s.validTo),
      )
      const fallback = `catalog.level.${row.section}`
      const names: LangString[] = title
        ? [{ text: title.title, lang: title.language }]
        : isMessageKey(fallback)
          ? inAllLanguages(fallback)
          : [{ text: String(row.section), lang: NO_LANGUAGE }]
      level = { id: makeIdentifier('level', levelKey), items: [] }
      levels.set(levelKey, level)
      level.items.push(level.id)
      levelElements.push({
        identifier: level.id,
        type: 'Grouping',
        names,
        properties: [
          property('architecture', code(row.architecture)),
          property('section', code(row.section)),
          ...(title ? [property('act', code(title.act))] : []),
        ],
      })
    }
    let parent = level.id
    if (row.group !== null) {
      const groupKey = `${levelKey}:${row.group}`
      let groupId = groups.get(groupKey)
      if (!groupId) {
        groupId = makeIdentifier('group', groupKey)
        groups.set(groupKey, groupId)
        level.items.push(groupId)
        groupElements.push({
          identifier: groupId,
          type: 'BusinessFunction',
          names: [{ text: row.group, lang: row.language }],
          properties: [
            property('architecture', code(row.architecture)),
            property('section', code(row.section)),
          ],
        })
        relate('Aggregation', level.id, groupId)
      }
      parent = groupId
    }
    const rowId = makeIdentifier('row', row.id)
    level.items.push(rowId)
    rowElements.push({
      identifier: rowId,
      type: 'BusinessFunction',
      names: [{ text: row.function, lang: row.language }],
      ...(row.approach ? { documentation: [{ text: row.approach, lang: row.language }] } : {}),
      properties: [
        property('row', code(row.id)),
        property('act', code(row.act)),
        property('architecture', code(row.architecture)),
        property('section', code(row.section)),
        property('number', code(row.number)),
        property('lines', code(`${row.lines[0]}–${row.lines[1]}`)),
        ...(row.validFrom ? [property('validFrom', code(row.validFrom))] : []),
        ...(row.validTo ? [property('validTo', code(row.validTo))] : []),
        ...row.levels
          .filter((l) => l.level >= 1 && l.level <= 3)
          .map((l) => property(`level${l.level}`, [{ text: l.text, lang: row.language }])),
        ...(row.flags.length ? [property('flags', code(row.flags.join(', ')))] : []),
      ],
    })
    relate(row.group === null ? 'Aggregation' : 'Composition', parent, rowId)
  }
  for (const level of levels.values()) {
    const grouping = levelElements.find((e) => e.identifier === level.id)!
    functionFolders.push({
      label: grouping.names,
      items: level.items.map((identifierRef) => ({ identifierRef })),
    })
  }

  // Information systems named by the rows, with the other-language pair's name.
  const systemById = new Map(source.systems.map((s) => [s.id, s]))
  const expansionLanguage = (text: string, fallback: string | null) =>
    source.glossary.find((g) => g.expansion === text)?.language ?? fallback ?? UNKNOWN_LANGUAGE
  const systemIds = [...new Set(rows.flatMap((r) => r.systemIds ?? []))].sort()
  const systemElements: ArchimateElement[] = []
  const systemIdentifier = new Map<string, string>()
  for (const id of systemIds) {
    const system = systemById.get(id)
    const identifier = makeIdentifier('sys', id)
    systemIdentifier.set(id, identifier)
    const language = system?.language ?? UNKNOWN_LANGUAGE
    const names: LangString[] = [{ text: system?.name ?? id, lang: language }]
    const documentation: LangString[] = []
    if (system?.expansion) {
      documentation.push({
        text: system.expansion,
        lang: expansionLanguage(system.expansion, system.language),
      })
    }
    const pair = system?.pair ? systemById.get(system.pair) : undefined
    if (pair?.language && pair.language !== language) {
      names.push({ text: pair.name, lang: pair.language })
      if (pair.expansion && pair.expansion !== system?.expansion) {
        const lang = expansionLanguage(pair.expansion, pair.language)
        if (!documentation.some((d) => d.lang === lang)) {
          documentation.push({ text: pair.expansion, lang })
        }
      }
    }
    systemElements.push({
      identifier,
      type: 'ApplicationComponent',
      names,
      ...(documentation.length ? { documentation } : {}),
      properties: [
        property('systemId', code(id)),
        ...(system?.aliases.length
          ? [property('aliases', [{ text: system.aliases.join('; '), lang: language }])]
          : []),
      ],
    })
  }

  // Resources and units, each once, named with the language of the first row that names it.
  const resourceElements: ArchimateElement[] = []
  const resourceIdentifier = new Map<string, string>()
  const unitElements: ArchimateElement[] = []
  const unitIdentifier = new Map<string, string>()
  for (const row of rows) {
    const rowId = makeIdentifier('row', row.id)
    const served = new Set<string>()
    for (const id of row.systemIds ?? []) {
      if (served.has(id)) continue
      served.add(id)
      relate('Serving', systemIdentifier.get(id)!, rowId)
    }
    const accessed = new Set<string>()
    for (const resource of row.resources) {
      if (accessed.has(resource)) continue
      accessed.add(resource)
      let identifier = resourceIdentifier.get(resource)
      if (!identifier) {
        identifier = makeIdentifier('res', resource)
        resourceIdentifier.set(resource, identifier)
        resourceElements.push({
          identifier,
          type: 'DataObject',
          names: [{ text: resource, lang: row.language }],
        })
      }
      relate('Access', rowId, identifier)
    }
    if (row.unit) {
      let identifier = unitIdentifier.get(row.unit)
      if (!identifier) {
        identifier = makeIdentifier('unit', row.unit)
        unitIdentifier.set(row.unit, identifier)
        unitElements.push({
          identifier,
          type: 'BusinessActor',
          names: [{ text: row.unit, lang: row.language }],
        })
      }
      relate('Assignment', identifier, rowId)
    }
  }

  elements.push(
    ...levelElements,
    ...groupElements,
    ...rowElements,
    ...systemElements,
    ...resourceElements,
    ...unitElements,
  )
  const folder = (key: MessageKey, items: ArchimateOrganization[]): ArchimateOrganization[] =>
    items.length ? [{ label: inAllLanguages(key), items }] : []
  const refs = (list: ArchimateElement[]) => list.map((e) => ({ identifierRef: e.identifier }))
  const organizations = [
    ...folder('exchange.folder.functions', functionFolders),
    ...folder('exchange.folder.systems', refs(systemElements)),
    ...folder('exchange.folder.resources', refs(resourceElements)),
    ...folder('exchange.folder.units', refs(unitElements)),
  ]
  const modelProperties = [property('asAt', code(at))]
  const propertyDefinitions: ArchimatePropertyDefinition[] = Object.entries(PROPERTIES)
    .filter(([name]) => usedProperties.has(name))
    .map(([name, definition]) => ({
      identifier: propertyId(name),
      names: inAllLanguages(definition.key, definition.params),
      type: definition.type,
    }))
  return {
    identifier: makeIdentifier('model', `e-akimat:${at}`),
    names: inAllLanguages('exchange.model.name', { at }),
    documentation: inAllLanguages('exchange.model.documentation', { at }),
    properties: modelProperties,
    elements,
    relationships,
    ...(organizations.length ? { organizations } : {}),
    propertyDefinitions,
  }
}

/** Where rows come from, for annotations: row ids, acts, and act:first-last lines. */
function provenance(rows: readonly ExportedRow[]): Record<string, string> {
  return {
    'e-akimat/rows': rows.map((r) => r.id).join(', '),
    'e-akimat/acts': [...new Set(rows.map((r) => r.act))].join(', '),
    'e-akimat/lines': rows.map((r) => `${r.act}:${r.lines[0]}-${r.lines[1]}`).join(', '),
  }
}

/** The names of the fixed groups. */
const AKIMAT_GROUP = 'akimat'
const EGOVERNMENT_GROUP = 'e-government'

/**
 * The catalogue in force on `at` as Backstage entities (see the module comment for what becomes
 * what). Names are Latin slugs of the catalogue's keys (unique per kind); titles keep the text as
 * printed; annotations `e-akimat/rows`, `e-akimat/acts` and `e-akimat/lines` say where each
 * thing was read. Throws `InputError` for a date that is not one.
 */
export function catalogBackstage(
  source: CatalogExchangeSource,
  options: { at: string },
): BackstageEntity[] {
  const at = checkDate(options.at)
  const rows = rowsOn(source, at)
  const asAt = { 'e-akimat/as-at': at }
  const groupNames = new Set([AKIMAT_GROUP, EGOVERNMENT_GROUP])
  const systemNames = new Set<string>()
  const resourceNames = new Set<string>()

  // Units: one Group each, children of the akimat.
  const unitRows = new Map<string, ExportedRow[]>()
  for (const row of rows) {
    if (row.unit) unitRows.set(row.unit, [...(unitRows.get(row.unit) ?? []), row])
  }
  const unitGroups: BackstageGroup[] = [...unitRows.entries()].map(([unit, named]) => ({
    kind: 'Group',
    metadata: {
      name: backstageName(unit, groupNames),
      title: unit,
      annotations: { ...asAt, 'e-akimat/language': named[0]!.language, ...provenance(named) },
    },
    spec: { type: 'department', parent: `group:default/${AKIMAT_GROUP}`, children: [] },
  }))
  const unitRef = new Map(
    [...unitRows.keys()].map((unit, i) => [unit, entityRef(unitGroups[i]!)] as const),
  )
  const akimat: BackstageGroup = {
    kind: 'Group',
    metadata: {
      name: AKIMAT_GROUP,
      title: translate('kk', 'exchange.backstage.akimat'),
      description: translate('en', 'exchange.backstage.akimat'),
      annotations: asAt,
    },
    spec: { type: 'organization', children: unitGroups.map(entityRef) },
  }
  const egovernment: BackstageGroup = {
    kind: 'Group',
    metadata: {
      name: EGOVERNMENT_GROUP,
      title: translate('kk', 'exchange.backstage.egovernment'),
      description: translate('en', 'exchange.backstage.egovernment'),
      annotations: asAt,
    },
    spec: { type: 'organization', children: [] },
  }
  const owner = entityRef(egovernment)

  // Resources: one each; owned by the unit of the rows naming it (or the akimat), in the system
  // the first of those rows names.
  const resourceRows = new Map<string, ExportedRow[]>()
  for (const row of rows) {
    for (const resource of new Set(row.resources)) {
      resourceRows.set(resource, [...(resourceRows.get(resource) ?? []), row])
    }
  }
  const resourceName = new Map(
    [...resourceRows.keys()].map((text) => [text, backstageName(text, resourceNames)] as const),
  )

  // Systems: a System and a Component of the same name each.
  const systemById = new Map(source.systems.map((s) => [s.id, s]))
  const systemIds = [...new Set(rows.flatMap((r) => r.systemIds ?? []))].sort()
  const systemName = new Map(systemIds.map((id) => [id, backstageName(id, systemNames)] as const))
  const systems: BackstageEntity[] = []
  const components: BackstageEntity[] = []
  for (const id of systemIds) {
    const system = systemById.get(id)
    const named = rows.filter((r) => r.systemIds?.includes(id))
    const name = systemName.get(id)!
    const pair = system?.pair ? systemById.get(system.pair) : undefined
    const metadata = {
      name,
      title: system?.name ?? id,
      ...(system?.expansion ? { description: system.expansion } : {}),
      annotations: {
        ...asAt,
        'e-akimat/system-id': id,
        ...(system?.language ? { 'e-akimat/language': system.language } : {}),
        ...(pair ? { 'e-akimat/pair': pair.name } : {}),
        ...provenance(named),
      },
    }
    systems.push({ kind: 'System', metadata, spec: { owner } })
    const dependsOn = [...new Set(named.flatMap((r) => r.resources))].map(
      (text) => `resource:default/${resourceName.get(text)!}`,
    )
    components.push({
      kind: 'Component',
      metadata,
      spec: {
        type: 'information-system',
        lifecycle: 'production',
        owner,
        system: `system:default/${name}`,
        ...(dependsOn.length ? { dependsOn } : {}),
      },
    })
  }

  const resources: BackstageEntity[] = [...resourceRows.entries()].map(([text, named]) => {
    const unit = named.find((r) => r.unit)?.unit
    const systemId = named.flatMap((r) => r.systemIds ?? [])[0]
    return {
      kind: 'Resource',
      metadata: {
        name: resourceName.get(text)!,
        title: text,
        annotations: { ...asAt, 'e-akimat/language': named[0]!.language, ...provenance(named) },
      },
      spec: {
        type: 'information-resource',
        owner: unit ? unitRef.get(unit)! : entityRef(akimat),
        ...(systemId ? { system: `system:default/${systemName.get(systemId)!}` } : {}),
      },
    }
  })

  return [akimat, ...unitGroups, egovernment, ...systems, ...components, ...resources]
}

export type CatalogExchangeFormat = 'archimate' | 'backstage'
export const CATALOG_EXCHANGE_FORMATS: readonly CatalogExchangeFormat[] = ['archimate', 'backstage']

/** A written exchange file of the catalogue and what it holds. */
export interface CatalogExchangeFile {
  text: string
  contentType: string
  /** The file name to offer for download. */
  fileName: string
  /** Rows in force on the date. */
  rows: number
  /** ArchiMate: elements and relationships; Backstage: entities (relationships 0). */
  elements: number
  relationships: number
}

/**
 * The catalogue in force on `at` written in `format`: the ArchiMate exchange file
 * (`application/xml`, e-akimat-archimate-DATE.xml) or Backstage's catalog-info.yaml
 * (`application/yaml`).
 */
export function catalogExchangeFile(
  source: CatalogExchangeSource,
  format: CatalogExchangeFormat,
  options: { at: string },
): CatalogExchangeFile {
  const at = checkDate(options.at)
  const rows = rowsOn(source, at).length
  if (format === 'archimate') {
    const model = catalogArchimate(source, { at })
    return {
      text: writeArchimate(model),
      contentType: 'application/xml; charset=utf-8',
      fileName: `e-akimat-archimate-${at}.xml`,
      rows,
      elements: model.elements.length,
      relationships: model.relationships.length,
    }
  }
  const entities = catalogBackstage(source, { at })
  return {
    text: writeBackstage(entities),
    contentType: 'application/yaml; charset=utf-8',
    fileName: 'catalog-info.yaml',
    rows,
    elements: entities.length,
    relationships: 0,
  }
}

/**
 * Writes the catalogue in force on `at` in `format` to `path`, atomically (a temporary file
 * renamed over `path`), and says what it wrote. Throws `InputError` for a date that is not one
 * or a folder that does not exist.
 */
export async function writeCatalogExchange(
  source: CatalogExchangeSource,
  format: CatalogExchangeFormat,
  path: string,
  options: { at: string },
): Promise<Omit<CatalogExchangeFile, 'text'>> {
  const { text, ...file } = catalogExchangeFile(source, format, options)
  await writeAtomically(path, Buffer.from(text, 'utf8'))
  return file
}
