import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import {
  type BackstageEntity,
  backstageName,
  checkBackstageEntities,
  entityRef,
  isBackstageName,
  writeBackstage,
} from './backstage.js'
import { transliterate } from './names.js'

function sampleEntities(): BackstageEntity[] {
  return [
    {
      kind: 'Group',
      metadata: { name: 'akimat', title: 'Жергілікті атқарушы орган' },
      spec: { type: 'organization', children: ['group:default/ukzsp'] },
    },
    {
      kind: 'Group',
      metadata: {
        name: 'ukzsp',
        title: 'УКЗСП',
        annotations: { 'e-akimat/rows': '352:1.373', 'e-akimat/acts': '352' },
      },
      spec: { type: 'department', parent: 'group:default/akimat', children: [] },
    },
    {
      kind: 'Group',
      metadata: { name: 'e-government' },
      spec: { type: 'organization', children: [] },
    },
    {
      kind: 'System',
      metadata: {
        name: 'eup',
        title: 'ЭҮП',
        description: '«Электрондық үкімет» порталы',
        annotations: { 'e-akimat/as-at': '2017-06-01', 'e-akimat/lines': '158:402-422' },
      },
      spec: { owner: 'group:default/e-government' },
    },
    {
      kind: 'Component',
      metadata: { name: 'eup', title: 'ЭҮП' },
      spec: {
        type: 'information-system',
        lifecycle: 'production',
        owner: 'e-government',
        system: 'eup',
        dependsOn: ['resource:default/applications'],
      },
    },
    {
      kind: 'Resource',
      metadata: { name: 'applications', title: 'Өтініштер тізілімі: "1) …"' },
      spec: { type: 'information-resource', owner: 'group:ukzsp', system: 'system:eup' },
    },
  ]
}

describe('backstageName', () => {
  it('transliterates every Kazakh letter and the Russian alphabet', () => {
    expect(transliterate('ӘҒҚҢӨҰҮҺІ әғқңөұүһі')).toBe('agknouuhi agknouuhi')
    expect(transliterate('Съешь же ещё этих мягких французских булок, да выпей чаю')).toBe(
      'sesh zhe eshchyo etikh myagkikh frantsuzskikh bulok, da vypey chayu',
    )
    expect(backstageName('ЭҮП')).toBe('eup')
    expect(backstageName('АИС "Рынок труда"')).toBe('ais-rynok-truda')
    expect(backstageName('Қандас куәліктерінің тізілімі')).toBe('kandas-kualikterinin-tizilimi')
    expect(backstageName('Ғылым, өнер және һәм ұлт')).toBe('gylym-oner-zhane-ham-ult')
  })

  it('always gives a valid name, with a hash when the key does not fit or leaves nothing', () => {
    const long =
      'Мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі (7 жасқа дейін) жастағы балаларды кезекке қою туралы өтініштер тізілімі'
    const name = backstageName(long)
    expect(name.length).toBeLessThanOrEqual(63)
    expect(name).toMatch(/^mektepke-deyingi-balalar-.*-[0-9a-f]{6}$/)
    expect(backstageName(long)).toBe(name)
    for (const key of ['', '—', '"«»"', '   ', '…', '中文', long, `${'я'.repeat(100)}!`]) {
      const made = backstageName(key)
      expect(isBackstageName(made), `${key} → ${made}`).toBe(true)
    }
    expect(backstageName('—')).toMatch(/^x-[0-9a-f]{8}$/)
    expect(backstageName('—')).not.toBe(backstageName('…'))
  })

  it('keeps names unique within one set, the same for the same keys in the same order', () => {
    const keys = ['ЭҮП', 'эүп', 'Э.Ү.П.', 'ЭҮП', 'E-UP']
    const once = (() => {
      const taken = new Set<string>()
      return keys.map((k) => backstageName(k, taken))
    })()
    expect(once[0]).toBe('eup')
    expect(new Set(once.map((n) => n.toLowerCase())).size).toBe(keys.length)
    for (const name of once) expect(isBackstageName(name), name).toBe(true)
    const again = (() => {
      const taken = new Set<string>()
      return keys.map((k) => backstageName(k, taken))
    })()
    expect(again).toEqual(once)
  })

  it('tells valid names from invalid ones', () => {
    for (const good of ['a', 'A1', 'a-b_c.d', 'x'.repeat(63)]) {
      expect(isBackstageName(good), good).toBe(true)
    }
    for (const bad of ['', '-a', 'a-', 'a--b', 'a b', 'ә', 'x'.repeat(64), 'a/b']) {
      expect(isBackstageName(bad), bad).toBe(false)
    }
  })
})

describe('writeBackstage', () => {
  const yamlText = writeBackstage(sampleEntities())

  it('writes one YAML document per entity, apiVersion first, that the checker accepts', () => {
    const documents = parseAllDocuments(yamlText)
    if (!Array.isArray(documents)) throw new Error('not a YAML stream')
    const values = documents.map((d) => d.toJS()) as Record<string, unknown>[]
    expect(values).toHaveLength(6)
    for (const value of values) {
      expect(Object.keys(value)[0]).toBe('apiVersion')
      expect(value.apiVersion).toBe('backstage.io/v1alpha1')
    }
    expect(values.map((v) => v.kind)).toEqual([
      'Group',
      'Group',
      'Group',
      'System',
      'Component',
      'Resource',
    ])
    expect((values[5]!.metadata as { title: string }).title).toBe('Өтініштер тізілімі: "1) …"')
    expect(checkBackstageEntities(yamlText)).toEqual([])
  })

  it('quotes strings a YAML 1.1 reader would take for dates or numbers', () => {
    expect(yamlText).toContain('e-akimat/as-at: "2017-06-01"')
    expect(yamlText).toContain('e-akimat/acts: "352"')
    expect(yamlText.split('\n').filter((l) => l === '---')).toHaveLength(6)
  })

  it('names entities by reference as kind:namespace/name', () => {
    expect(entityRef(sampleEntities()[3]!)).toBe('system:default/eup')
  })
})

describe('checkBackstageEntities', () => {
  const good = writeBackstage(sampleEntities())
  const check = (change: (entities: BackstageEntity[]) => void) => {
    const entities = sampleEntities()
    change(entities)
    return checkBackstageEntities(writeBackstage(entities)).join('\n')
  }

  it('accepts the good file', () => {
    expect(checkBackstageEntities(good)).toEqual([])
  })

  it('catches a missing required field of each kind', () => {
    expect(
      check((e) => {
        delete (e[3]!.spec as { owner?: string }).owner
      }),
    ).toMatch(/System eup: spec.owner is missing/)
    expect(
      check((e) => {
        delete (e[4]!.spec as { lifecycle?: string }).lifecycle
      }),
    ).toMatch(/Component eup: spec.lifecycle is missing/)
    expect(
      check((e) => {
        delete (e[5]!.spec as { type?: string }).type
      }),
    ).toMatch(/Resource applications: spec.type is missing/)
    expect(
      check((e) => {
        delete (e[2]!.spec as { children?: string[] }).children
      }),
    ).toMatch(/Group e-government: spec.children is missing/)
  })

  it('catches names and keys that break the rules', () => {
    expect(check((e) => (e[5]!.metadata.name = 'Өтініштер'))).toMatch(/is not a valid name/)
    expect(check((e) => (e[5]!.metadata.name = 'a'.repeat(64)))).toMatch(/is not a valid name/)
    expect(check((e) => (e[5]!.metadata.namespace = 'My Space'))).toMatch(
      /is not a valid namespace/,
    )
    expect(check((e) => (e[3]!.metadata.annotations = { 'e akimat/rows': '1' }))).toMatch(
      /annotations key "e akimat\/rows" is not valid/,
    )
  })

  it('catches references that resolve to nothing or to the wrong kind', () => {
    expect(check((e) => ((e[5]!.spec as { owner: string }).owner = 'group:nobody'))).toMatch(
      /Resource applications: spec.owner "group:nobody" resolves to nothing in this file/,
    )
    expect(
      check((e) => ((e[4]!.spec as { dependsOn: string[] }).dependsOn = ['applications'])),
    ).toMatch(/spec.dependsOn "applications" must name the kind/)
    expect(
      check((e) => ((e[4]!.spec as { dependsOn: string[] }).dependsOn = ['resource:nothing'])),
    ).toMatch(/spec.dependsOn "resource:nothing" resolves to nothing/)
    expect(check((e) => ((e[4]!.spec as { system: string }).system = 'group:akimat'))).toMatch(
      /spec.system "group:akimat" is not a system/,
    )
    expect(
      check((e) => ((e[0]!.spec as { children: string[] }).children = ['group:default/gone'])),
    ).toMatch(/Group akimat: spec.children "group:default\/gone" resolves to nothing/)
  })

  it('catches two entities with the same kind and name, but not a System and Component sharing one', () => {
    expect(check((e) => (e[2]!.metadata.name = 'UKZSP'))).toMatch(
      /a second entity group:default\/ukzsp/,
    )
    expect(check(() => {})).toBe('')
  })

  it('catches YAML that is broken or not a Backstage entity', () => {
    expect(checkBackstageEntities(`${good}---\nkind: [unclosed\n`).join('\n')).toMatch(/YAML error/)
    expect(
      checkBackstageEntities(
        good.replace('apiVersion: backstage.io/v1alpha1', 'apiVersion: v1'),
      ).join('\n'),
    ).toMatch(/document 1: apiVersion is not backstage.io\/v1alpha1/)
    expect(
      checkBackstageEntities(good.replace('kind: Resource', 'kind: Database')).join('\n'),
    ).toMatch(/kind "Database" is not one of Group, System, Component, Resource/)
    expect(checkBackstageEntities('---\n- a list\n').join('\n')).toMatch(/not a mapping/)
  })
})
