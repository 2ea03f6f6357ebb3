import { describe, expect, it } from 'vitest'
import {
  BarChart,
  type BarChartProps,
  CHART_WIDTH,
  formatPercent,
  StackedBarChart,
  type StackedBarChartProps,
  sharesOf,
  truncateLabel,
} from './charts.js'

async function renderBar(props: Partial<BarChartProps> = {}): Promise<string> {
  return await (
    <BarChart id="bars" title="Functions" description="Functions per level" items={[]} {...props} />
  ).toString()
}

async function renderStacked(props: Partial<StackedBarChartProps> = {}): Promise<string> {
  return await (
    <StackedBarChart
      id="stacked"
      title="Coverage"
      description="Functions with and without a system"
      items={[]}
      legend={['With a system', 'Without']}
      {...props}
    />
  ).toString()
}

/** The attributes of every element with the given tag, in document order. */
function elements(svg: string, tag: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  )
}

const classed = (svg: string, tag: string, className: string) =>
  elements(svg, tag).filter((attrs) => attrs.class?.split(' ').includes(className))

const widths = (rects: Record<string, string>[]) => rects.map((rect) => Number(rect.width))

describe('formatPercent', () => {
  it('rounds to a whole percentage with a non-breaking space', () => {
    expect(formatPercent(21, 50)).toBe('42\u00a0%')
    expect(formatPercent(1, 3)).toBe('33\u00a0%')
    expect(formatPercent(0, 7)).toBe('0\u00a0%')
  })
  it('returns a dash when the whole is 0', () => {
    expect(formatPercent(0, 0)).toBe('—')
    expect(formatPercent(5, 0)).toBe('—')
  })
})

describe('sharesOf', () => {
  it('gives whole percentages that add up to 100', () => {
    expect(sharesOf([1, 1, 1])).toEqual([34, 33, 33])
    expect(sharesOf([2, 1])).toEqual([67, 33])
    expect(sharesOf([0, 0])).toBeNull()
  })
})

describe('BarChart', () => {
  it('is a group when it holds links, so they stay reachable, and an image otherwise', async () => {
    const linked = await renderBar({ items: [{ label: 'A', value: 1, href: '/a' }] })
    expect(elements(linked, 'svg')[0]).toMatchObject({ role: 'group' })
    const unsafe = await renderBar({ items: [{ label: 'A', value: 1, href: 'javascript:x' }] })
    expect(elements(unsafe, 'svg')[0]).toMatchObject({ role: 'img' })
  })

  it('is an accessible, scalable SVG with its own title and desc ids', async () => {
    const svg = await renderBar({ items: [{ label: 'A', value: 1 }] })
    const [root] = elements(svg, 'svg')
    expect(root).toMatchObject({
      role: 'img',
      'aria-labelledby': 'bars-title bars-desc',
      width: '100%',
      'font-family': 'inherit',
      viewBox: `0 0 ${CHART_WIDTH} ${root!.viewBox!.split(' ')[3]}`,
    })
    expect(Number(root!['font-size'])).toBeGreaterThanOrEqual(12)
    expect(svg).toContain('<title id="bars-title">Functions</title>')
    expect(svg).toContain('<desc id="bars-desc">Functions per level</desc>')
  })

  it('draws bars proportional to the values, the largest at full bar width', async () => {
    const svg = await renderBar({
      items: [
        { label: 'A', value: 10 },
        { label: 'B', value: 5 },
        { label: 'C', value: 2.5 },
      ],
    })
    const [a, b, c] = widths(classed(svg, 'rect', 'chart-bar'))
    expect(a! / b!).toBeCloseTo(2, 2)
    expect(a! / c!).toBeCloseTo(4, 2)
    expect(a).toBeLessThanOrEqual(CHART_WIDTH)
    expect(svg).toContain('>10<')
    expect(svg).toContain('>2.5<')
  })

  it('scales against max when given and caps larger values', async () => {
    const svg = await renderBar({
      max: 100,
      items: [
        { label: 'A', value: 50 },
        { label: 'B', value: 100 },
        { label: 'C', value: 250 },
      ],
    })
    const [a, b, c] = widths(classed(svg, 'rect', 'chart-bar'))
    expect(a! / b!).toBeCloseTo(0.5, 2)
    expect(c).toBe(b)
  })

  it('prints the unit after each value', async () => {
    const svg = await renderBar({ unit: 'functions', items: [{ label: 'A', value: 1234 }] })
    expect(svg).toContain('>1\u00a0234\u00a0functions</text>')
  })

  it('draws no bars and no NaN when all values are 0', async () => {
    const svg = await renderBar({
      items: [
        { label: 'A', value: 0 },
        { label: 'B', value: 0 },
      ],
    })
    expect(classed(svg, 'rect', 'chart-bar')).toHaveLength(0)
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg.endsWith('</svg>')).toBe(true)
    expect(classed(svg, 'text', 'chart-label')).toHaveLength(2)
  })

  it('stays valid with no items and with negative or non-finite values', async () => {
    const empty = await renderBar()
    expect(empty).not.toMatch(/NaN|Infinity/)
    const odd = await renderBar({
      items: [
        { label: 'A', value: -3 },
        { label: 'B', value: Number.NaN },
        { label: 'C', value: 4 },
      ],
    })
    expect(widths(classed(odd, 'rect', 'chart-bar'))).toHaveLength(1)
    expect(odd).not.toMatch(/NaN|Infinity/)
    expect(odd).toContain('<title>B: —</title>')
  })

  it('grows in height with the number of items', async () => {
    const height = (svg: string) => Number(elements(svg, 'svg')[0]!.viewBox!.split(' ')[3])
    const one = await renderBar({ items: [{ label: 'A', value: 1 }] })
    const three = await renderBar({
      items: [
        { label: 'A', value: 1 },
        { label: 'B', value: 2 },
        { label: 'C', value: 3 },
      ],
    })
    expect(height(three)).toBeGreaterThan(height(one))
  })

  it('escapes labels, titles and descriptions', async () => {
    const svg = await renderBar({
      title: 'T <b>"x"</b>',
      description: "It's <i>",
      items: [{ label: '<script>alert("x")</script>', value: 1, href: '/a?b=1&c="2"' }],
    })
    expect(svg).not.toContain('<script>')
    expect(svg).not.toContain('<b>')
    expect(svg).not.toContain('<i>')
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(svg).toContain('href="/a?b=1&amp;c=&quot;2&quot;"')
  })

  it('truncates long labels with an ellipsis and keeps the full text in a title', async () => {
    const long = 'Управление земельными отношениями и архитектурой района'
    const svg = await renderBar({ items: [{ label: long, value: 1 }] })
    const label = svg.match(/<text class="chart-label"[^>]*>([^<]*)<\/text>/)![1]!
    expect(label).toBe(truncateLabel(long))
    expect(Array.from(label)).toHaveLength(40)
    expect(label.endsWith('…')).toBe(true)
    expect(long.startsWith(label.slice(0, -1))).toBe(true)
    expect(svg).toMatch(new RegExp(`<title>${long}: 1</title>`))
  })

  it('keeps short labels as they are', async () => {
    const svg = await renderBar({ items: [{ label: 'Short label', value: 1 }] })
    expect(svg).toContain('>Short label</text>')
    expect(svg).not.toContain('…')
  })

  it('links label and bar only for items with an href', async () => {
    const svg = await renderBar({
      items: [
        { label: 'Linked', value: 2, href: '/catalog/levels/district' },
        { label: 'Plain', value: 1 },
        { label: 'Unsafe', value: 1, href: 'javascript:alert(1)' },
      ],
    })
    const links = elements(svg, 'a')
    expect(links).toEqual([{ class: 'chart-link', href: '/catalog/levels/district' }])
    expect(svg).toMatch(
      /<a [^>]*><text class="chart-label"[^>]*>Linked<\/text><rect class="chart-bar"[^>]*><\/rect><\/a>/,
    )
    expect(svg).not.toContain('javascript:')
  })
})

describe('StackedBarChart', () => {
  const items = [
    { label: 'Region', parts: [2, 1], href: '/catalog/levels/region' },
    { label: 'District', parts: [1, 1, 1] },
    { label: 'Village', parts: [99, 1] },
    { label: 'Empty', parts: [0, 0] },
  ]

  it('fills exactly 100 % of the width for every item with data', async () => {
    const svg = await renderStacked({ items })
    const parts = classed(svg, 'rect', 'chart-part')
    const byRow = new Map<string, number[]>()
    for (const part of parts)
      byRow.set(part.y!, [...(byRow.get(part.y!) ?? []), Number(part.width)])
    expect([...byRow.values()].map((row) => row.length)).toEqual([2, 3, 2])
    for (const row of byRow.values()) {
      expect(row.reduce((sum, width) => sum + width, 0)).toBeCloseTo(CHART_WIDTH, 6)
    }
    const [region] = [...byRow.values()]
    expect(region![0]! / region![1]!).toBeCloseTo(2, 2)
    for (const part of parts) {
      expect(Number(part.x) + Number(part.width)).toBeLessThanOrEqual(CHART_WIDTH + 1e-9)
    }
  })

  it('prints shares that add up to 100 % and a dash, not NaN, for an empty item', async () => {
    const svg = await renderStacked({ items })
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
    const shares = classed(svg, 'text', 'chart-share').length
    expect(shares).toBeGreaterThan(0)
    expect(svg).toContain('>67\u00a0%</text>')
    expect(svg).toContain('>33\u00a0%</text>')
    expect(svg).toContain('>34\u00a0%</text>')
    // 1 % is too narrow to print inside its part: it goes on a line below the bar.
    expect(svg).toContain('>99\u00a0%</text>')
    expect(svg).toContain('>Without: 1\u00a0%</text>')
    expect(svg).toMatch(/>—<\/text>/)
  })

  it('colours parts by position and pairs each share with its text colour', async () => {
    const svg = await renderStacked({ items: [{ label: 'A', parts: [1, 1, 1, 1, 1] }] })
    const classes = classed(svg, 'rect', 'chart-part').map((rect) => rect.class)
    expect(classes).toEqual([
      'chart-part chart-part-0',
      'chart-part chart-part-1',
      'chart-part chart-part-2',
      'chart-part chart-part-3',
      'chart-part chart-part-0',
    ])
    expect(classed(svg, 'text', 'chart-share').map((text) => text.class)).toEqual([
      'chart-share chart-part-text-0',
      'chart-share chart-part-text-1',
      'chart-share chart-part-text-2',
      'chart-share chart-part-text-3',
      'chart-share chart-part-text-0',
    ])
  })

  it('draws a legend with one swatch per name', async () => {
    const svg = await renderStacked({ items })
    expect(classed(svg, 'rect', 'chart-swatch').map((rect) => rect.class)).toEqual([
      'chart-swatch chart-part-0',
      'chart-swatch chart-part-1',
    ])
    expect(svg).toContain('>With a system</text>')
    expect(svg).toContain('>Without</text>')
  })

  it('links only items with an href and escapes labels', async () => {
    const svg = await renderStacked({
      items: [...items, { label: `<script>"it's"</script>`, parts: [1, 0] }],
    })
    expect(elements(svg, 'a')).toEqual([{ class: 'chart-link', href: '/catalog/levels/region' }])
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;&quot;it&#39;s&quot;&lt;/script&gt;')
  })

  it('truncates long labels and keeps the full text in a title', async () => {
    const long = `${'A'.repeat(30)} ${'B'.repeat(30)}`
    const svg = await renderStacked({ items: [{ label: long, parts: [1, 1] }] })
    expect(svg).toContain(`>${truncateLabel(long)}</text>`)
    expect(svg).toContain(`<title>${long} — With a system: 50\u00a0%; Without: 50\u00a0%</title>`)
  })
})

describe('ids', () => {
  it('are unique within a page of several charts', async () => {
    const page = [
      await renderBar({ id: 'coverage-levels', items: [{ label: 'A', value: 1 }] }),
      await renderStacked({ id: 'coverage-systems', items: [{ label: 'A', parts: [1, 2] }] }),
      await renderBar({ id: 'coverage-bodies', items: [{ label: 'A', value: 1 }] }),
    ].join('')
    const ids = [...page.matchAll(/\bid="([^"]*)"/g)].map((match) => match[1])
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(ids.length)
    for (const root of elements(page, 'svg')) {
      for (const ref of root['aria-labelledby']!.split(' ')) expect(ids).toContain(ref)
    }
  })
})
