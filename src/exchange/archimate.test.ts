import { DOMParser } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'
import {
  ARCHIMATE_NAMESPACE,
  type ArchimateModel,
  ArchimateModelError,
  checkArchimateStructure,
  isNCName,
  makeIdentifier,
  relationshipAllowed,
  writeArchimate,
} from './archimate.js'

/** A small model with every kind of thing the catalogue writes. */
function sampleModel(): ArchimateModel {
  return {
    identifier: 'model-1',
    names: [
      { text: 'Үлгілік архитектура', lang: 'kk' },
      { text: 'Типовая архитектура', lang: 'ru' },
      { text: 'Typical architecture', lang: 'en' },
    ],
    documentation: [{ text: 'A & B < C > D "E"', lang: 'en' }],
    properties: [{ definition: 'pd-as-at', values: [{ text: '2017-06-01', lang: 'zxx' }] }],
    elements: [
      { identifier: 'level-1', type: 'Grouping', names: [{ text: 'Облыс', lang: 'kk' }] },
      { identifier: 'group-1', type: 'BusinessFunction', names: [{ text: 'Бюджет', lang: 'kk' }] },
      {
        identifier: 'row-1',
        type: 'BusinessFunction',
        names: [{ text: 'бюджетті әзірлейді', lang: 'kk' }],
        documentation: [{ text: '1-деңгей: автоматтандыру', lang: 'kk' }],
        properties: [
          { definition: 'pd-row', values: [{ text: '158:1.2', lang: 'zxx' }] },
          { definition: 'pd-lines', values: [{ text: '423–425', lang: 'zxx' }] },
        ],
      },
      {
        identifier: 'sys-1',
        type: 'ApplicationComponent',
        names: [
          { text: 'ЭҮП', lang: 'kk' },
          { text: 'ПЭП', lang: 'ru' },
        ],
      },
      {
        identifier: 'res-1',
        type: 'DataObject',
        names: [{ text: 'Өтініштер тізілімі', lang: 'kk' }],
      },
      { identifier: 'unit-1', type: 'BusinessActor', names: [{ text: 'УКЗСП', lang: 'ru' }] },
    ],
    relationships: [
      { identifier: 'rel-1', type: 'Aggregation', source: 'level-1', target: 'group-1' },
      { identifier: 'rel-2', type: 'Composition', source: 'group-1', target: 'row-1' },
      { identifier: 'rel-3', type: 'Serving', source: 'sys-1', target: 'row-1' },
      {
        identifier: 'rel-4',
        type: 'Access',
        source: 'row-1',
        target: 'res-1',
        accessType: 'Write',
      },
      { identifier: 'rel-5', type: 'Assignment', source: 'unit-1', target: 'row-1' },
    ],
    organizations: [
      {
        label: [{ text: 'Functions', lang: 'en' }],
        items: [
          { identifierRef: 'level-1' },
          { identifierRef: 'group-1' },
          { identifierRef: 'row-1' },
        ],
      },
      { label: [{ text: 'Information systems', lang: 'en' }], items: [{ identifierRef: 'sys-1' }] },
    ],
    propertyDefinitions: [
      { identifier: 'pd-as-at', names: [{ text: 'As at', lang: 'en' }], type: 'date' },
      { identifier: 'pd-row', names: [{ text: 'Catalogue row', lang: 'en' }], type: 'string' },
      { identifier: 'pd-lines', names: [{ text: 'Lines', lang: 'en' }], type: 'string' },
    ],
  }
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml')

/** The local names of an element's element children. */
function childNames(element: Element): string[] {
  const names: string[] = []
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) names.push((node as Element).localName ?? '')
  }
  return names
}

describe('makeIdentifier', () => {
  it('gives the same NCName for the same key and different ones for different keys', () => {
    const a = makeIdentifier('row', '158:1.6')
    expect(a).toMatch(/^row-158-1-6-[0-9a-f]{10}$/)
    expect(makeIdentifier('row', '158:1.6')).toBe(a)
    expect(makeIdentifier('row', '158:1.60')).not.toBe(a)
    expect(makeIdentifier('row', '158-1-6')).not.toBe(a)
    for (const key of ['дқбж', 'Әділет', 'АИС "Рынок труда"', ' ', '::', '1', 'é ü']) {
      const id = makeIdentifier('sys', key)
      expect(isNCName(id), id).toBe(true)
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_.-]*$/)
    }
    expect(makeIdentifier('sys', 'дқбж')).toMatch(/^sys-dkbzh-[0-9a-f]{10}$/)
    expect(makeIdentifier('res', 'Қандас куәліктерінің тізілімі')).toMatch(
      /^res-kandas-kualikterinin-tizilimi-[0-9a-f]{10}$/,
    )
  })

  it('refuses a prefix that would not make an NCName', () => {
    expect(() => makeIdentifier('1row', 'x')).toThrow(ArchimateModelError)
    expect(() => makeIdentifier('a:b', 'x')).toThrow(ArchimateModelError)
    expect(() => makeIdentifier('', 'x')).toThrow(ArchimateModelError)
  })

  it('tells NCNames from other strings', () => {
    for (const good of ['a', '_a', 'a-b.c_d', 'ә1', 'Ж-1']) expect(isNCName(good), good).toBe(true)
    for (const bad of ['', '1a', '-a', '.a', 'a b', 'a:b', 'a&b']) {
      expect(isNCName(bad), bad).toBe(false)
    }
  })
})

describe('relationshipAllowed', () => {
  it('follows the ArchiMate 3.1 tables for the types the catalogue writes', () => {
    expect(relationshipAllowed('BusinessFunction', 'Composition', 'BusinessFunction')).toBe(true)
    expect(relationshipAllowed('BusinessFunction', 'Aggregation', 'BusinessFunction')).toBe(true)
    expect(relationshipAllowed('BusinessActor', 'Assignment', 'BusinessFunction')).toBe(true)
    expect(relationshipAllowed('ApplicationComponent', 'Serving', 'BusinessFunction')).toBe(true)
    expect(relationshipAllowed('BusinessFunction', 'Access', 'DataObject')).toBe(true)
    expect(relationshipAllowed('Grouping', 'Aggregation', 'BusinessFunction')).toBe(true)
    expect(relationshipAllowed('DataObject', 'Realization', 'BusinessObject')).toBe(true)
    expect(relationshipAllowed('BusinessFunction', 'Composition', 'DataObject')).toBe(false)
    expect(relationshipAllowed('BusinessFunction', 'Assignment', 'BusinessActor')).toBe(false)
    expect(relationshipAllowed('DataObject', 'Access', 'BusinessFunction')).toBe(false)
    expect(relationshipAllowed('ApplicationComponent', 'Assignment', 'BusinessFunction')).toBe(
      false,
    )
    expect(relationshipAllowed('Node', 'Serving', 'BusinessFunction')).toBeUndefined()
  })
})

describe('writeArchimate', () => {
  const xml = writeArchimate(sampleModel())

  it('writes a UTF-8 document in the ArchiMate namespace that the checker finds nothing wrong with', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<model ')).toBe(true)
    expect(xml).toContain(
      'xsi:schemaLocation="http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"',
    )
    const root = parse(xml).documentElement!
    expect(root.localName).toBe('model')
    expect(root.namespaceURI).toBe(ARCHIMATE_NAMESPACE)
    expect(checkArchimateStructure(xml)).toEqual([])
  })

  it('puts the children in the order of the XSD', () => {
    const root = parse(xml).documentElement!
    expect(childNames(root)).toEqual([
      'name',
      'name',
      'name',
      'documentation',
      'properties',
      'elements',
      'relationships',
      'organizations',
      'propertyDefinitions',
    ])
    const row = parse(xml).getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'element').item(2)!
    expect(row.getAttribute('identifier')).toBe('row-1')
    expect(childNames(row)).toEqual(['name', 'documentation', 'properties'])
    const access = parse(xml).getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'relationship').item(3)!
    expect(access.getAttribute('accessType')).toBe('Write')
    expect(access.getAttribute('source')).toBe('row-1')
    expect(access.getAttribute('target')).toBe('res-1')
  })

  it('gives every name, documentation, label and value its xml:lang', () => {
    const document = parse(xml)
    let count = 0
    for (const tag of ['name', 'documentation', 'label', 'value']) {
      const found = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, tag)
      for (let i = 0; i < found.length; i++) {
        expect(found.item(i)!.getAttribute('xml:lang'), tag).toMatch(/^[a-z]{2,3}$/)
        count++
      }
    }
    // 10 names, 2 documentations, 2 labels, 3 values and 3 property definition names.
    expect(count).toBe(20)
  })

  it('escapes markup characters and drops what XML 1.0 cannot carry', () => {
    const model = sampleModel()
    model.elements[1]!.names = [
      { text: 'a & b <c> "d" \'e\' \u0001f\u0008 \uFFFE g\uD800 h\r\ni', lang: 'kk' },
    ]
    const written = writeArchimate(model)
    expect(written).toContain('a &amp; b &lt;c&gt; &quot;d&quot;')
    for (const dropped of ['\u0001', '\u0008', '\uFFFE', '\uD800']) {
      expect(written.includes(dropped), dropped).toBe(false)
    }
    const group = parse(written).getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'element').item(1)!
    expect(group.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'name').item(0)!.textContent).toBe(
      'a & b <c> "d" \'e\' f  g h\r\ni',
    )
    expect(checkArchimateStructure(written)).toEqual([])
  })

  it('writes a model without elements as a valid, nearly empty document', () => {
    const written = writeArchimate({
      ...sampleModel(),
      elements: [],
      relationships: [],
      organizations: [],
    })
    expect(written).not.toContain('<elements')
    expect(written).not.toContain('<organizations')
    expect(checkArchimateStructure(written)).toEqual([])
  })

  it('refuses what would not be a valid document', () => {
    const broken: [string, (m: ArchimateModel) => void, RegExp][] = [
      ['bad identifier', (m) => (m.elements[0]!.identifier = '1 level'), /not an NCName/],
      ['duplicate identifier', (m) => (m.elements[1]!.identifier = 'row-1'), /already used/],
      ['dangling source', (m) => (m.relationships[0]!.source = 'nope'), /no element/],
      ['unknown property definition', (m) => (m.properties![0]!.definition = 'pd-x'), /pd-x/],
      ['no name', (m) => (m.elements[1]!.names = []), /has no name/],
      ['bad language', (m) => (m.elements[1]!.names[0]!.lang = 'kk kz'), /language tag/],
      [
        'disallowed relationship',
        (m) => {
          m.relationships[3]!.type = 'Composition'
          delete m.relationships[3]!.accessType
        },
        /does not allow Composition from BusinessFunction to DataObject/,
      ],
      [
        'dangling organization item',
        (m) => m.organizations![0]!.items!.push({ identifierRef: 'nope' }),
        /points to nothing/,
      ],
    ]
    for (const [what, change, message] of broken) {
      const model = sampleModel()
      change(model)
      expect(() => writeArchimate(model), what).toThrow(message)
    }
  })
})

describe('checkArchimateStructure', () => {
  const good = writeArchimate(sampleModel())
  /** The good document with `from` replaced by `to` (which must occur). */
  const edit = (from: string | RegExp, to: string) => {
    const changed = good.replace(from, to)
    expect(changed, String(from)).not.toBe(good)
    return changed
  }
  const problems = (xml: string) => checkArchimateStructure(xml).join('\n')

  it('finds nothing wrong with a good document', () => {
    expect(checkArchimateStructure(good)).toEqual([])
  })

  it('catches children out of order', () => {
    // Documentation before the name inside the row element.
    const swapped = edit(
      /(<name xml:lang="kk">бюджетті әзірлейді<\/name>)\n(\s*)(<documentation xml:lang="kk">[^<]*<\/documentation>)/,
      '$3\n$2$1',
    )
    expect(problems(swapped)).toMatch(/element row-1: <name> is out of order/)
    // Relationships before elements under the model.
    const elements = good.slice(good.indexOf('  <elements>'), good.indexOf('  <relationships>'))
    const relationships = good.slice(
      good.indexOf('  <relationships>'),
      good.indexOf('  <organizations>'),
    )
    const moved = good.replace(elements + relationships, relationships + elements)
    expect(moved).not.toBe(good)
    expect(problems(moved)).toMatch(/model: <elements> is out of order/)
    // Properties of the model after its elements.
    const properties = good.slice(good.indexOf('  <properties>'), good.indexOf('  <elements>'))
    const late = good
      .replace(properties, '')
      .replace('  <relationships>', `${properties}  <relationships>`)
    expect(problems(late)).toMatch(/model: <properties> is out of order/)
  })

  it('catches a reference to nothing', () => {
    expect(problems(edit('target="res-1"', 'target="res-9"'))).toMatch(
      /relationship rel-4: target "res-9" points to nothing/,
    )
    expect(problems(edit('identifierRef="sys-1"', 'identifierRef="sys-9"'))).toMatch(
      /identifierRef "sys-9" points to nothing/,
    )
    expect(
      problems(edit('propertyDefinitionRef="pd-row"', 'propertyDefinitionRef="pd-zzz"')),
    ).toMatch(/propertyDefinitionRef points to no property definition/)
    expect(problems(edit('source="sys-1"', 'source="pd-row"'))).toMatch(
      /source "pd-row" is a propertyDefinition, not an element/,
    )
  })

  it('catches a duplicate identifier', () => {
    expect(problems(edit('identifier="unit-1"', 'identifier="row-1"'))).toMatch(
      /identifier "row-1" is used more than once/,
    )
  })

  it('catches an identifier that is not an NCName', () => {
    expect(problems(edit('identifier="level-1"', 'identifier="1-level"'))).toMatch(
      /identifier "1-level" is not an NCName/,
    )
    expect(problems(edit('identifier="group-1"', 'identifier="group 1"'))).toMatch(
      /identifier "group 1" is not an NCName/,
    )
    expect(problems(edit('identifier="group-1"', 'identifier="g:1"'))).toMatch(
      /identifier "g:1" is not an NCName/,
    )
  })

  it('catches a name, documentation, label or value without xml:lang', () => {
    expect(problems(edit('<name xml:lang="ru">ПЭП</name>', '<name>ПЭП</name>'))).toMatch(
      /element sys-1: <name> has no xml:lang/,
    )
    expect(problems(edit('<documentation xml:lang="kk">', '<documentation>'))).toMatch(
      /element row-1: <documentation> has no xml:lang/,
    )
    expect(problems(edit('<label xml:lang="en">Functions', '<label>Functions'))).toMatch(
      /organization item: <label> has no xml:lang/,
    )
    expect(problems(edit('<value xml:lang="zxx">158:1.2', '<value>158:1.2'))).toMatch(
      /property pd-row: <value> has no xml:lang/,
    )
  })

  it('catches a relationship ArchiMate does not allow between its element types', () => {
    expect(
      problems(
        edit(
          'xsi:type="Access" source="row-1" target="res-1" accessType="Write"',
          'xsi:type="Composition" source="row-1" target="res-1"',
        ),
      ),
    ).toMatch(/rel-4: ArchiMate 3.1 does not allow Composition from BusinessFunction to DataObject/)
    expect(
      problems(
        edit(
          'xsi:type="Assignment" source="unit-1" target="row-1"',
          'xsi:type="Assignment" source="row-1" target="unit-1"',
        ),
      ),
    ).toMatch(
      /rel-5: ArchiMate 3.1 does not allow Assignment from BusinessFunction to BusinessActor/,
    )
    expect(problems(edit('accessType="Write"', 'accessType="Erase"'))).toMatch(
      /unknown accessType "Erase"/,
    )
  })

  it('catches unknown types and missing attributes', () => {
    expect(problems(edit('xsi:type="DataObject"', 'xsi:type="DataThing"'))).toMatch(
      /element res-1: unknown element type "DataThing"/,
    )
    expect(problems(edit('xsi:type="Serving"', 'xsi:type="Helping"'))).toMatch(
      /relationship rel-3: unknown relationship type "Helping"/,
    )
    expect(problems(edit(' xsi:type="BusinessActor"', ''))).toMatch(/element unit-1: no xsi:type/)
    expect(problems(edit(' source="sys-1"', ''))).toMatch(/relationship rel-3: no source/)
    expect(problems(edit(' identifier="res-1"', ''))).toMatch(/no identifier/)
    expect(problems(edit('type="date"', 'type="day"'))).toMatch(/unknown data type "day"/)
    expect(problems(edit('<property propertyDefinitionRef="pd-lines">', '<property>'))).toMatch(
      /a property has no propertyDefinitionRef/,
    )
  })

  it('catches a missing name where the XSD requires one', () => {
    expect(problems(edit('<name xml:lang="kk">Өтініштер тізілімі</name>', ''))).toMatch(
      /element res-1: <name> is missing/,
    )
    // A Grouping needs none.
    expect(problems(edit('<name xml:lang="kk">Облыс</name>', ''))).toBe('')
  })

  it('reports a document that is not XML, or not an ArchiMate model', () => {
    expect(problems(edit('</elements>', '</element>'))).toMatch(/not well-formed/)
    expect(problems(edit('<model ', '<model a="1" a="2" '))).toMatch(/not well-formed/)
    expect(problems(edit('Облыс', 'Об\u0001лыс'))).toMatch(/characters XML 1.0 forbids: U\+0001/)
    expect(problems('')).toMatch(/no root element|not well-formed/)
    expect(problems(edit(`xmlns="${ARCHIMATE_NAMESPACE}"`, 'xmlns="urn:other"'))).toMatch(
      /the root element is <model> in namespace urn:other/,
    )
  })
})
