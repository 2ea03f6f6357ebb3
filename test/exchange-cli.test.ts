/**
 * `catalog export --format archimate|backstage` as the acceptance checks run it: real processes
 * on a real SQLite file with the bundled acts imported. The expected counts are computed
 * independently from `catalog export --format json`.
 *
 * With ARCHIMATE_XSD naming a copy of archimate3_Model.xsd (with the XSDs it imports beside it:
 * xml.xsd for the xml:lang attribute), the ArchiMate file is also validated by xmllint against
 * the official schema; the http://www.w3.org/2001/xml.xsd import is resolved to the copy beside
 * it through an XML catalogue, so nothing is fetched from the network.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DOMParser } from '@xmldom/xmldom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { CatalogExport } from '../src/catalog/index.js'
import {
  ARCHIMATE_NAMESPACE,
  checkArchimateStructure,
  checkBackstageEntities,
  isBackstageName,
} from '../src/exchange/index.js'
import { runCli } from './support/cli.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

/** The elements of a model by type, with their names, properties and attributes. */
interface ModelElement {
  identifier: string
  type: string
  names: { text: string; lang: string }[]
  properties: Map<string, string>
}

function readModel(xml: string) {
  const document = new DOMParser().parseFromString(xml, 'application/xml')
  const root = document.documentElement!
  expect(root.localName).toBe('model')
  expect(root.namespaceURI).toBe(ARCHIMATE_NAMESPACE)
  const texts = (parent: Element, tag: string) => {
    const found: { text: string; lang: string }[] = []
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 1 && (node as Element).localName === tag) {
        found.push({
          text: (node as Element).textContent ?? '',
          lang: (node as Element).getAttribute('xml:lang') ?? '',
        })
      }
    }
    return found
  }
  const elements: ModelElement[] = []
  const list = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'element')
  for (let i = 0; i < list.length; i++) {
    const element = list.item(i)!
    const properties = new Map<string, string>()
    const props = element.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'property')
    for (let j = 0; j < props.length; j++) {
      const property = props.item(j)!
      properties.set(
        property.getAttribute('propertyDefinitionRef') ?? '',
        property.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'value').item(0)?.textContent ?? '',
      )
    }
    elements.push({
      identifier: element.getAttribute('identifier') ?? '',
      type: element.getAttributeNS(XSI, 'type') ?? '',
      names: texts(element, 'name'),
      properties,
    })
  }
  const relationships: { type: string; source: string; target: string }[] = []
  const rels = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'relationship')
  for (let i = 0; i < rels.length; i++) {
    const r = rels.item(i)!
    relationships.push({
      type: r.getAttributeNS(XSI, 'type') ?? '',
      source: r.getAttribute('source') ?? '',
      target: r.getAttribute('target') ?? '',
    })
  }
  return { names: texts(root, 'name'), elements, relationships }
}

/**
 * Validates `file` against the official XSD named by ARCHIMATE_XSD with xmllint; does nothing
 * when the variable is unset, and fails when it is set but xmllint is missing.
 */
function validateWithXsd(file: string, dir: string): void {
  const xsd = process.env.ARCHIMATE_XSD
  if (!xsd) return
  const schema = resolve(xsd)
  expect(existsSync(schema), `ARCHIMATE_XSD=${xsd} does not exist`).toBe(true)
  // The Model XSD imports http://www.w3.org/2001/xml.xsd: map it to the copy beside the XSD.
  const localXml = join(dirname(schema), 'xml.xsd')
  const catalog = join(dir, 'xml-catalog.xml')
  const uri = pathToFileURL(localXml).href
  writeFileSync(
    catalog,
    `<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n${[
      'http://www.w3.org/2001/xml.xsd',
      'http://www.w3.org/2001/03/xml.xsd',
    ]
      .map(
        (id) => `  <system systemId="${id}" uri="${uri}"/>\n  <uri name="${id}" uri="${uri}"/>\n`,
      )
      .join('')}</catalog>\n`,
  )
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], {
    encoding: 'utf8',
    env: { ...process.env, ...(existsSync(localXml) ? { XML_CATALOG_FILES: catalog } : {}) },
  })
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'ARCHIMATE_XSD is set but xmllint is not installed: install libxml2-utils (apt-get install -y libxml2-utils)',
    )
  }
  expect(result.status, `xmllint: ${result.stderr}`).toBe(0)
  expect(result.stderr).toContain('validates')
}

describe('catalog export in the exchange formats [sqlite]', () => {
  let database: TestDatabase
  let env: Record<string, string>
  let dir: string
  /** Every version of the catalogue, for the systems' pairs. */
  let all: CatalogExport
  beforeAll(async () => {
    const created = await createTestDatabase('sqlite')
    await created.handle.close()
    database = created.database
    env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent' }
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-exchange-'))
    const imported = await runCli(['acts', 'import', '--bundled'], env)
    expect(imported.code, imported.stderr).toBe(0)
    all = await exportJson()
  })
  afterAll(async () => {
    await database?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /**
   * The catalogue in force on `at` (or every version), as `catalog export --format json` writes
   * it. Read from a file: runCli joins standard output chunk by chunk as strings, which can cut
   * a Kazakh letter in two at a chunk boundary.
   */
  const exportJson = async (at?: string) => {
    const file = join(dir, `export-${at ?? 'all'}.json`)
    const r = await runCli(
      ['catalog', 'export', '--format', 'json', '--out', file, ...(at ? ['--at', at] : [])],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    return JSON.parse(readFileSync(file, 'utf8')) as CatalogExport
  }

  it('writes the model as at 2017-06-01: every row a function, every named system a component', async () => {
    const file = join(dir, 'model-2017.xml')
    const r = await runCli(
      ['catalog', 'export', '--format', 'archimate', '--out', file, '--at', '2017-06-01'],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    const counted =
      /^Wrote (\d+) elements and (\d+) relationships \(1217 rows in force on 2017-06-01\) to /.exec(
        lines[0]!,
      )
    expect(counted, lines[0]).not.toBeNull()

    const xml = readFileSync(file, 'utf8')
    expect(checkArchimateStructure(xml)).toEqual([])
    validateWithXsd(file, dir)

    const model = readModel(xml)
    expect(model.elements).toHaveLength(Number(counted![1]))
    expect(model.relationships).toHaveLength(Number(counted![2]))
    expect(model.names.map((n) => n.lang).sort()).toEqual(['en', 'kk', 'ru'])

    // The rows in force that day, computed independently.
    const json = await exportJson('2017-06-01')
    const perSection = [1, 2, 3].map((s) => json.rows.filter((r) => r.section === s).length)
    expect(perSection).toEqual([757, 423, 37])
    const rowFunctions = model.elements.filter(
      (e) => e.type === 'BusinessFunction' && e.properties.has('propdef-row'),
    )
    expect(rowFunctions).toHaveLength(757 + 423 + 37)
    const byRowId = new Map(rowFunctions.map((e) => [e.properties.get('propdef-row')!, e]))
    for (const row of json.rows) {
      const element = byRowId.get(row.id)
      expect(element, row.id).toBeDefined()
      // The function text as printed, in the row's language.
      expect(element!.names).toEqual([{ text: row.function, lang: row.language }])
      expect(element!.properties.get('propdef-act')).toBe(row.act)
      expect(element!.properties.get('propdef-lines')).toBe(`${row.lines[0]}–${row.lines[1]}`)
    }

    // Levels and groups: a Grouping per section, a function per distinct group of a section.
    expect(model.elements.filter((e) => e.type === 'Grouping')).toHaveLength(3)
    const groups = new Set(json.rows.map((r) => `${r.section}|${r.group}`))
    const groupFunctions = model.elements.filter(
      (e) => e.type === 'BusinessFunction' && !e.properties.has('propdef-row'),
    )
    expect(groupFunctions).toHaveLength(groups.size)

    // Systems: one component per system the rows name; pairs carry both languages.
    const named = new Set(json.rows.flatMap((r) => r.systemIds ?? []))
    const components = model.elements.filter((e) => e.type === 'ApplicationComponent')
    expect(components).toHaveLength(named.size)
    expect(new Set(components.map((c) => c.properties.get('propdef-system-id')))).toEqual(named)
    const systems = new Map(all.systems.map((s) => [s.id, s]))
    let pairs = 0
    for (const component of components) {
      const system = systems.get(component.properties.get('propdef-system-id')!)!
      expect(component.names[0]).toEqual({ text: system.name, lang: system.language })
      const pair = system.pair ? systems.get(system.pair) : undefined
      if (pair && pair.language !== system.language) {
        pairs++
        expect(component.names).toContainEqual({ text: pair.name, lang: pair.language })
        expect(component.names.map((n) => n.lang).sort()).toEqual(['kk', 'ru'])
      }
    }
    expect(pairs).toBeGreaterThan(0)

    // Serving from each system to each row naming it; resources accessed, each once.
    const identifierOf = new Map(model.elements.map((e) => [e.identifier, e]))
    const serving = model.relationships.filter((rel) => rel.type === 'Serving')
    const expectedServing = json.rows.reduce((n, r) => n + new Set(r.systemIds).size, 0)
    expect(serving).toHaveLength(expectedServing)
    for (const rel of serving) {
      expect(identifierOf.get(rel.source)!.type).toBe('ApplicationComponent')
      expect(identifierOf.get(rel.target)!.properties.has('propdef-row')).toBe(true)
    }
    const resources = new Set(json.rows.flatMap((r) => r.resources))
    expect(model.elements.filter((e) => e.type === 'DataObject')).toHaveLength(resources.size)
    expect(model.relationships.filter((rel) => rel.type === 'Access')).toHaveLength(
      json.rows.reduce((n, r) => n + new Set(r.resources).size, 0),
    )
  })

  it('names the rows act 352 restates in Russian (2022-11-01)', async () => {
    const file = join(dir, 'model-2022.xml')
    const r = await runCli(
      ['catalog', 'export', '--format', 'archimate', '--out', file, '--at', '2022-11-01'],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(
      /^Wrote \d+ elements and \d+ relationships \(46 rows in force on 2022-11-01\)/,
    )
    const xml = readFileSync(file, 'utf8')
    expect(checkArchimateStructure(xml)).toEqual([])
    validateWithXsd(file, dir)
    const model = readModel(xml)
    const json = await exportJson('2022-11-01')
    const rows = model.elements.filter((e) => e.properties.has('propdef-row'))
    expect(rows).toHaveLength(json.rows.length)
    const fromAct = (act: string) => rows.filter((e) => e.properties.get('propdef-act') === act)
    expect(fromAct('352').length).toBe(json.rows.filter((r) => r.act === '352').length)
    expect(fromAct('352').length).toBeGreaterThan(30)
    for (const element of fromAct('352')) expect(element.names.map((n) => n.lang)).toEqual(['ru'])
    expect(fromAct('142').length).toBeGreaterThan(0)
    for (const element of fromAct('142')) expect(element.names.map((n) => n.lang)).toEqual(['kk'])
    // Units are assigned to their rows.
    const units = new Set(json.rows.map((r) => r.unit).filter(Boolean))
    expect(units.size).toBeGreaterThan(0)
    expect(model.elements.filter((e) => e.type === 'BusinessActor')).toHaveLength(units.size)
    expect(model.relationships.filter((rel) => rel.type === 'Assignment')).toHaveLength(
      json.rows.filter((r) => r.unit).length,
    )
  })

  it('writes a valid, empty model for a date on which nothing is in force, and says so', async () => {
    const file = join(dir, 'model-2010.xml')
    const r = await runCli(
      ['catalog', 'export', '--format', 'archimate', '--out', file, '--at', '2010-01-01'],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('0 elements and 0 relationships')
    expect(r.stderr).toContain('nothing is in force on 2010-01-01')
    const xml = readFileSync(file, 'utf8')
    expect(checkArchimateStructure(xml)).toEqual([])
    validateWithXsd(file, dir)
    expect(readModel(xml).elements).toEqual([])
  })

  it('refuses a date that is not one, with one line and no file', async () => {
    const file = join(dir, 'bad.xml')
    for (const at of ['2022-02-30', '2017-6-1', 'yesterday']) {
      const r = await runCli(
        ['catalog', 'export', '--format', 'archimate', '--out', file, '--at', at],
        env,
      )
      expect(r.code).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toContain(`"${at}" is not a date`)
      expect(existsSync(file)).toBe(false)
    }
    const noOut = await runCli(['catalog', 'export', '--format', 'backstage'], env)
    expect(noOut.code).toBe(1)
    expect(noOut.stderr).toContain('--out FILE')
  })

  it('writes Backstage entities that check clean, with unique valid names', async () => {
    const file = join(dir, 'catalog-info.yaml')
    const r = await runCli(
      [
        'catalog',
        'export',
        '--format',
        'backstage',
        '--out',
        file,
        '--at',
        '2017-06-01',
        '--check',
      ],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('checked: no structural problems')
    const counted = /^Wrote (\d+) entities \(1217 rows in force on 2017-06-01\) to /.exec(r.stderr)
    expect(counted, r.stderr).not.toBeNull()
    const text = readFileSync(file, 'utf8')
    expect(checkBackstageEntities(text)).toEqual([])
    const entities = parseAllDocuments(text) as unknown as { toJS(): Record<string, unknown> }[]
    const values = entities.map((d) => d.toJS()) as {
      kind: string
      metadata: { name: string; title?: string; annotations?: Record<string, string> }
      spec: Record<string, unknown>
    }[]
    expect(values).toHaveLength(Number(counted![1]))
    for (const kind of ['Group', 'System', 'Component', 'Resource']) {
      const names = values.filter((v) => v.kind === kind).map((v) => v.metadata.name)
      expect(names.length, kind).toBeGreaterThan(0)
      expect(new Set(names.map((n) => n.toLowerCase())).size, kind).toBe(names.length)
      for (const name of names) expect(isBackstageName(name), name).toBe(true)
    }
    const json = await exportJson('2017-06-01')
    const named = new Set(json.rows.flatMap((r) => r.systemIds ?? []))
    const systems = values.filter((v) => v.kind === 'System')
    expect(systems).toHaveLength(named.size)
    expect(values.filter((v) => v.kind === 'Component')).toHaveLength(named.size)
    const resources = values.filter((v) => v.kind === 'Resource')
    expect(resources).toHaveLength(new Set(json.rows.flatMap((r) => r.resources)).size)
    // Titles keep the text as printed; annotations say where it was read.
    const eup = all.systems.find((s) => s.id === 'eup')!
    const eupSystem = systems.find((s) => s.metadata.annotations?.['e-akimat/system-id'] === 'eup')
    expect(eupSystem?.metadata.title).toBe(eup.name)
    expect(eupSystem?.metadata.annotations?.['e-akimat/acts']).toBe('158')
    expect(eupSystem?.metadata.annotations?.['e-akimat/lines']).toMatch(/^158:\d+-\d+/)
    for (const resource of resources) {
      expect(json.rows.some((r) => r.resources.includes(resource.metadata.title!))).toBe(true)
    }
  })
})
