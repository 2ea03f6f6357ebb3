/**
 * The SVG process diagrams: well-formed XML (checked by a small strict parser below: balanced
 * tags, quoted attributes without `<`, only the five XML entities and character references), one
 * shape per step, the arrows of the definition, accessible title and description, escaping, the
 * highlighted path, and nothing the pages' content security policy would block.
 */
import { describe, expect, it } from 'vitest'
import { NotFoundError } from '../core/index.js'
import { LANGUAGES, type Language } from '../i18n/index.js'
import type { Channel, ServiceDefinition } from './definition.js'
import { channelsOf, loadServiceDefinitions, serviceDefinition, stepsOf } from './definitions.js'
import { escapeXml, formatLimit, renderServiceDiagram } from './diagram.js'

interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** The element's own text (entities decoded), without its children's. */
  text: string
}

const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/y
const decode = (s: string) =>
  s.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!,
  )

/** Every `&` in `s` starts an entity or character reference. */
function entitiesValid(s: string): boolean {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i
    if (!ENTITY.test(s)) return false
  }
  return true
}

/** Parses the subset of XML the diagrams use; throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  const token =
    /<!--[\s\S]*?-->|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/gy
  let at = 0
  while (at < xml.length) {
    token.lastIndex = at
    const m = token.exec(xml)
    if (!m) throw new Error(`cannot read the XML at ${at}`)
    at = token.lastIndex
    const [, close, open, attrs, selfClosing, text, stray] = m
    if (stray) throw new Error(`a stray "<" at ${m.index}`)
    if (text !== undefined) {
      if (!entitiesValid(text)) throw new Error(`a bare "&" in text at ${m.index}`)
      if (text.includes('>')) throw new Error(`an unescaped ">" in text at ${m.index}`)
      const top = stack.at(-1)
      if (top) top.text += decode(text)
      else if (text.trim()) throw new Error('text outside the root element')
      continue
    }
    if (close) {
      const top = stack.pop()
      if (top?.name !== close) throw new Error(`</${close}> closes <${top?.name}>`)
      continue
    }
    if (!open) continue // a comment
    const attributes: Record<string, string> = {}
    for (const a of (attrs ?? '').matchAll(/\s+([^\s=/>]+)="([^"]*)"/g)) {
      const [, name, value] = a
      if (!/^[A-Za-z_:][\w:.-]*$/.test(name!)) throw new Error(`bad attribute name ${name}`)
      if (name! in attributes) throw new Error(`attribute ${name} twice on <${open}>`)
      if (value!.includes('<') || !entitiesValid(value!)) throw new Error(`bad value of ${name}`)
      attributes[name!] = decode(value!)
    }
    const element: XmlElement = { name: open, attributes, children: [], text: '' }
    const parent = stack.at(-1)
    if (parent) parent.children.push(element)
    else if (root) throw new Error('a second root element')
    else root = element
    if (!selfClosing) stack.push(element)
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is not closed`)
  if (!root) throw new Error('no root element')
  return root
}

/** All elements under `e` (itself included) that satisfy `test`. */
function findAll(e: XmlElement, test: (x: XmlElement) => boolean): XmlElement[] {
  return [...(test(e) ? [e] : []), ...e.children.flatMap((c) => findAll(c, test))]
}
const hasClass = (e: XmlElement, name: string) =>
  (e.attributes.class ?? '').split(' ').includes(name)
/** The text of an element and its descendants. */
const textOf = (e: XmlElement): string => e.text + e.children.map(textOf).join('')

const definitions = loadServiceDefinitions()
const cases = definitions.flatMap((d) =>
  channelsOf(d).flatMap((c) => LANGUAGES.map((l) => [`${d.code} ${c} ${l}`, d, c, l] as const)),
)

describe('the XML check used here', () => {
  it('accepts well-formed XML and refuses what is not', () => {
    expect(parseXml('<a x="1"><b/>t &amp; u</a>').children).toHaveLength(1)
    for (const bad of [
      '<a><b></a>',
      '<a>x & y</a>',
      '<a x="<">',
      '<a></a><b/>',
      '<a x=1/>',
      '<a>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow()
    }
  })
})

describe('renderServiceDiagram', () => {
  it.each(cases)(
    '%s: well-formed, accessible, one shape per step',
    (_name, d, channel, language) => {
      const svg = renderServiceDiagram(d, channel, language)
      const root = parseXml(svg)
      const steps = stepsOf(d, channel)
      expect(root.name).toBe('svg')
      expect(root.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img' })
      const [titleId, descId] = root.attributes['aria-labelledby']!.split(' ')
      const title = root.children.find((c) => c.name === 'title')!
      const desc = root.children.find((c) => c.name === 'desc')!
      expect(title.attributes.id).toBe(titleId)
      expect(desc.attributes.id).toBe(descId)
      expect(title.text).toContain(d.name[language])
      for (const s of steps) expect(desc.text).toContain(`${s.id} ${s.label[language]}`)

      const shapes = findAll(root, (e) => hasClass(e, 'step'))
      expect(shapes.map((g) => g.attributes['data-step'])).toEqual(steps.map((s) => s.id))
      for (const [i, g] of shapes.entries()) {
        const s = steps[i]!
        const shape = g.children.find((c) => c.name === 'rect' || c.name === 'polygon')!
        expect(shape.name).toBe(s.kind === 'condition' ? 'polygon' : 'rect')
        const stroke = shape.attributes.stroke
        if (s.action === 'refuse') expect(stroke, s.id).toBe('#e53935')
        else if (s.action === 'issue-result') expect(stroke, s.id).toBe('#43a047')
        else expect(stroke, s.id).toBe('currentColor')
        expect(textOf(g)).toContain(s.id)
      }
      // The table's five limits, under their boxes; Kazakh as printed.
      const limits = findAll(root, (e) => e.name === 'text' && hasClass(e, 'limit'))
      expect(limits).toHaveLength(steps.filter((s) => s.limit).length)
      expect(limits).toHaveLength(5)
      if (language === 'kk') {
        expect(limits.map((l) => l.text)).toEqual(
          steps.filter((s) => s.limit).map((s) => s.limit!.printed),
        )
      }
      // One lane per participant, in order of first appearance.
      const lanes = findAll(root, (e) => hasClass(e, 'lane')).map((e) => e.attributes['data-actor'])
      expect(lanes).toEqual([...new Set(steps.map((s) => s.actor))])
      // An arrow per next / onPass / onFail, labelled yes / no after a check.
      const edges = findAll(root, (e) => hasClass(e, 'edge'))
      const expected = steps.flatMap((s) =>
        (
          [
            ['next', s.next],
            ['yes', s.onPass],
            ['no', s.onFail],
          ] as const
        )
          .filter(([, to]) => to)
          .map(([kind, to]) => `${s.id}>${to}:${kind}`),
      )
      expect(
        edges.map(
          (e) =>
            `${e.attributes['data-from']}>${e.attributes['data-to']}:${e.attributes['data-kind']}`,
        ),
      ).toEqual(expected)
      const yes = { kk: 'иә', ru: 'да', en: 'yes' }[language]
      const no = { kk: 'жоқ', ru: 'нет', en: 'no' }[language]
      for (const e of edges) {
        const label = e.children.find((c) => c.name === 'text')?.text
        expect(label).toBe(
          { next: undefined, yes, no }[e.attributes['data-kind'] as 'next' | 'yes' | 'no'],
        )
      }
      // Nothing a strict CSP blocks, nothing that runs.
      expect(svg).not.toMatch(/<style|style=|<script|\son[a-z]+=|javascript:/i)
      // Markers are referenced by ids that exist.
      const ids = new Set(
        findAll(root, (e) => e.attributes.id !== undefined).map((e) => e.attributes.id),
      )
      for (const e of findAll(root, (x) => x.attributes['marker-end'] !== undefined)) {
        expect(ids.has(/^url\(#(.+)\)$/.exec(e.attributes['marker-end']!)![1])).toBe(true)
      }
      expect(findAll(root, (e) => hasClass(e, 'highlighted'))).toEqual([])
    },
  )

  it('heads each lane with its participant, wrapped over lines', () => {
    const d = serviceDefinition('apostille')!
    const svg = parseXml(renderServiceDiagram(d, 'service-centre', 'ru'))
    const headers = findAll(svg, (e) => hasClass(e, 'lane')).map((e) =>
      findAll(e, (x) => x.name === 'tspan')
        .map((x) => x.text)
        .join(' '),
    )
    expect(headers).toEqual([
      'Оператор ЦОН',
      'ГБД ФЛ / ГБД ЮЛ',
      'АРМ услугодателя',
      'Сотрудник услугодателя',
      'Уполномоченное лицо услугодателя',
    ])
  })

  it('escapes every text it prints', () => {
    const d = structuredClone(serviceDefinition('apostille')!) as ServiceDefinition
    const nasty = `<script>alert("x")</script> & 'q'`
    d.name.en = `A & B <${nasty}>`
    d.channels.portal.steps[0]!.label.en = nasty
    d.channels.portal.steps[1]!.label.en = '"><rect onload="x'
    const svg = renderServiceDiagram(d, 'portal', 'en')
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('"><rect onload')
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;')
    const root = parseXml(svg)
    expect(root.children.find((c) => c.name === 'title')!.text).toContain(`A & B <${nasty}>`)
    const p1 = findAll(root, (e) => e.attributes['data-step'] === 'P1')[0]!
    expect(textOf(p1)).toContain('<script>')
    expect(findAll(root, (e) => e.name === 'script')).toEqual([])
    expect(escapeXml(`<&"'>`)).toBe('&lt;&amp;&quot;&apos;&gt;')
  })

  it('draws the highlighted path and the current step emphasised', () => {
    const d = serviceDefinition('apostille')!
    const svg = renderServiceDiagram(d, 'portal', 'kk', {
      highlight: ['P1', 'C1', 'P3', 'P4', 'C2'],
      current: 'P6',
    })
    const root = parseXml(svg)
    const step = (id: string) => findAll(root, (e) => e.attributes['data-step'] === id)[0]!
    const highlighted = findAll(root, (e) => hasClass(e, 'step') && hasClass(e, 'highlighted'))
    expect(highlighted.map((e) => e.attributes['data-step'])).toEqual([
      'P1',
      'C1',
      'P3',
      'P4',
      'C2',
      'P6',
    ])
    expect(
      findAll(root, (e) => hasClass(e, 'current')).map((e) => e.attributes['data-step']),
    ).toEqual(['P6'])
    expect(step('P6').attributes['aria-current']).toBe('step')
    // The current step is ringed: a second, dashed shape.
    expect(step('P6').children.filter((c) => c.name === 'rect')).toHaveLength(2)
    expect(step('P3').children.find((c) => c.name === 'rect')!.attributes).toMatchObject({
      stroke: '#1e88e5',
      'stroke-width': '3.5',
    })
    expect(step('P2').attributes.class).toBe('step process refusal')
    const edges = findAll(root, (e) => hasClass(e, 'edge') && hasClass(e, 'highlighted'))
    expect(edges.map((e) => `${e.attributes['data-from']}>${e.attributes['data-to']}`)).toEqual([
      'P1>C1',
      'C1>P3',
      'P3>P4',
      'P4>C2',
      'C2>P6',
    ])
    expect(textOf(root)).toContain('өтінімнің жолы')
  })

  it('keeps ids unique per diagram and safe', () => {
    const d = serviceDefinition('archival-certificate')!
    const root = parseXml(renderServiceDiagram(d, 'desk', 'en', { idPrefix: 'a b"<x' }))
    expect(root.attributes['aria-labelledby']).toBe('a-b--x-title a-b--x-desc')
    const other = parseXml(renderServiceDiagram(d, 'portal', 'en'))
    expect(other.attributes['aria-labelledby']).toBe(
      'diagram-archival-certificate-portal-title diagram-archival-certificate-portal-desc',
    )
  })

  it('refuses a channel the service does not have', () => {
    const d = serviceDefinition('mass-media-registration')!
    expect(() => renderServiceDiagram(d, 'service-centre' as Channel, 'en')).toThrow(NotFoundError)
  })
})

describe('formatLimit', () => {
  const limit = (code: string, channel: Channel, id: string) =>
    stepsOf(serviceDefinition(code)!, channel).find((s) => s.id === id)!.limit!
  it.each([
    ['apostille', 'portal', 'P1', 'kk', '10–15 секунд'],
    ['apostille', 'portal', 'P1', 'en', '10–15 s'],
    ['apostille', 'portal', 'P3', 'ru', '1,5 мин'],
    ['apostille', 'portal', 'P3', 'en', '1.5 min'],
    ['apostille', 'service-centre', 'P1', 'en', '30 s – 1 min'],
    ['archival-certificate', 'portal', 'P1', 'kk', '30–1 мин'],
    ['archival-certificate', 'portal', 'P1', 'ru', '30 сек – 1 мин'],
    ['mass-media-registration', 'desk', 'P2', 'en', '10 s'],
  ] as const)('%s %s %s in %s: %s', (code, channel, id, language: Language, text) => {
    expect(formatLimit(limit(code, channel, id), language)).toBe(text)
  })

  it('gives working days in words', () => {
    expect(formatLimit({ printed: '5 жұмыс күні', workingDays: 5 }, 'en')).toBe('5 working days')
  })
})
