/**
 * @module
 * Draws a service channel's process as an SVG diagram, rendered on the server (no script): one
 * column (swimlane) per participant, the steps top to bottom in the act's order, processes as
 * rounded boxes, checks as diamonds, arrows for the next step and for a check's "yes" / "no",
 * refusals outlined red and the result green, the table's time limit under its box.
 *
 * The act's own diagrams (Appendix 1 of each regulation) were images and are lost; this one is
 * drawn from the numbered steps. The SVG uses presentation attributes only (no `style`, which
 * the pages' content security policy forbids), `currentColor` for lines and text so it follows
 * the page's colour in light and dark mode, and escapes every text it prints.
 */
import { NotFoundError } from '../core/index.js'
import { type Language, type MessageKey, translate } from '../i18n/index.js'
import type { Channel, ServiceDefinition, Step, StepActor, StepLimit } from './definition.js'

export interface DiagramOptions {
  /** Steps drawn emphasised, e.g. the path an application took, in the order it took them. */
  highlight?: readonly string[]
  /** The step an application stands at: drawn emphasised and ringed. */
  current?: string
  /** Prefix of the SVG's element ids; give each diagram on one page its own. */
  idPrefix?: string
}

const LANE_WIDTH = 214
const BOX_WIDTH = 168
const BOX_HEIGHT = 50
const DIAMOND_WIDTH = 176
const DIAMOND_HEIGHT = 62
const ROW_HEIGHT = 92
const HEADER_HEIGHT = 54
const MARGIN = 12
const LEGEND_HEIGHT = 44
const FONT_SIZE = 10.5
const LINE_HEIGHT = 12.5

const RED = '#e53935'
const GREEN = '#43a047'
const BLUE = '#1e88e5'

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  )
}

/** Splits a label into lines of at most `width` characters (at most `max` lines, "…" if cut). */
function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while ([...word].length > width) {
      if (line) {
        lines.push(line)
        line = ''
      }
      lines.push([...word].slice(0, width).join(''))
      word = [...word].slice(width).join('')
    }
    if (!line) line = word
    else if ([...line].length + 1 + [...word].length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= max) return lines
  const kept = lines.slice(0, max)
  const last = [...kept[max - 1]!]
  kept[max - 1] = `${last.slice(0, Math.max(0, width - 1)).join('')}…`
  return kept
}

const num = (n: number, language: Language) =>
  new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n)

/**
 * A time limit for the diagram: in Kazakh as the table prints it; in Russian and English from
 * its reading in seconds ("1,5 мин", "10–15 s", "30 s – 1 min").
 */
export function formatLimit(limit: StepLimit, language: Language): string {
  if (language === 'kk') return limit.printed
  if (limit.workingDays !== undefined) {
    return translate(language, 'services.diagram.workingDays', { n: limit.workingDays })
  }
  const seconds = limit.seconds ?? 0
  const unit = (s: number): MessageKey =>
    s >= 60 ? 'services.diagram.minutes' : 'services.diagram.seconds'
  const amount = (s: number) => num(s >= 60 ? s / 60 : s, language)
  const one = (s: number) => translate(language, unit(s), { n: amount(s) })
  if (limit.minSeconds === undefined || limit.minSeconds === seconds) return one(seconds)
  if (unit(limit.minSeconds) === unit(seconds)) {
    return translate(language, unit(seconds), {
      n: `${amount(limit.minSeconds)}–${amount(seconds)}`,
    })
  }
  return `${one(limit.minSeconds)} – ${one(seconds)}`
}

interface Placed {
  step: Step
  row: number
  lane: number
  cx: number
  cy: number
  /** Half the shape's width and height. */
  hw: number
  hh: number
}

/** Where a step sits on the page. */
function place(step: Step, row: number, lane: number): Placed {
  const condition = step.kind === 'condition'
  const rowTop = HEADER_HEIGHT + row * ROW_HEIGHT
  return {
    step,
    row,
    lane,
    cx: MARGIN + lane * LANE_WIDTH + LANE_WIDTH / 2,
    cy: rowTop + 4 + DIAMOND_HEIGHT / 2,
    hw: (condition ? DIAMOND_WIDTH : BOX_WIDTH) / 2,
    hh: (condition ? DIAMOND_HEIGHT : BOX_HEIGHT) / 2,
  }
}

type EdgeKind = 'next' | 'yes' | 'no'

/**
 * An arrow's path and where its label goes. To the next row it leaves the shape's bottom and
 * enters the target's top (label by the target); further (or back) it runs in the gap under the
 * source to the target lane's margin, along the margin, and enters the target from the side, so
 * it never crosses a box (label by the source, on the side it turns to).
 */
function route(from: Placed, to: Placed, index: number) {
  const x0 = from.cx
  const y0 = from.cy + from.hh
  const rowBottom = HEADER_HEIGHT + (from.row + 1) * ROW_HEIGHT
  if (to.row === from.row + 1) {
    const yMid = rowBottom - 12
    const top = to.cy - to.hh
    const d = x0 === to.cx ? `M${x0} ${y0}V${top}` : `M${x0} ${y0}V${yMid}H${to.cx}V${top}`
    return { d, label: { x: to.cx + 5, y: top - 5, anchor: 'start' as const } }
  }
  const fromLeft = from.cx < to.cx
  const laneLeft = MARGIN + to.lane * LANE_WIDTH
  const stagger = (index % 3) * 4
  const gutter = fromLeft ? laneLeft + 8 + stagger : laneLeft + LANE_WIDTH - 8 - stagger
  const side = fromLeft ? to.cx - to.hw : to.cx + to.hw
  const y = rowBottom - 6
  const turnsRight = gutter > x0
  return {
    d: `M${x0} ${y0}V${y}H${gutter}V${to.cy}H${side}`,
    label: turnsRight
      ? { x: x0 + 4, y: y0 + 10, anchor: 'start' as const }
      : { x: x0 - 4, y: y0 + 10, anchor: 'end' as const },
  }
}

function textLines(
  lines: string[],
  x: number,
  cy: number,
  attributes: string,
  lineHeight = LINE_HEIGHT,
): string {
  const first = cy - ((lines.length - 1) * lineHeight) / 2 + FONT_SIZE * 0.35
  const spans = lines
    .map(
      (l, i) =>
        `<tspan x="${x}" y="${(first + i * lineHeight).toFixed(1)}">${escapeXml(l)}</tspan>`,
    )
    .join('')
  return `<text text-anchor="middle" fill="currentColor" ${attributes}>${spans}</text>`
}

/** The colours of a step's shape by what it is and whether it is highlighted. */
function paint(step: Step, highlighted: boolean) {
  const colour =
    step.action === 'refuse'
      ? RED
      : step.action === 'issue-result'
        ? GREEN
        : highlighted
          ? BLUE
          : null
  return {
    stroke: colour ?? 'currentColor',
    fill: colour ?? 'currentColor',
    fillOpacity: highlighted ? 0.2 : colour ? 0.08 : 0.04,
    strokeWidth: highlighted ? 3.5 : colour ? 2.2 : 1.4,
  }
}

function shape(p: Placed, attributes: string, grow = 0): string {
  const hw = p.hw + grow
  const hh = p.hh + grow
  if (p.step.kind === 'condition') {
    const points = [
      [p.cx, p.cy - hh],
      [p.cx + hw, p.cy],
      [p.cx, p.cy + hh],
      [p.cx - hw, p.cy],
    ]
    return `<polygon points="${points.map(([x, y]) => `${x},${y}`).join(' ')}" ${attributes}/>`
  }
  return `<rect x="${p.cx - hw}" y="${p.cy - hh}" width="${2 * hw}" height="${2 * hh}" rx="${10 + grow}" ${attributes}/>`
}

/** One line per step for the diagram's description (what a screen reader reads). */
function describeStep(step: Step, language: Language): string {
  const t = (key: MessageKey) => translate(language, key)
  let text = `${step.id} ${step.label[language]}`
  if (step.kind === 'condition') {
    text += `: ${t('services.diagram.yes')} → ${step.onPass}, ${t('services.diagram.no')} → ${step.onFail}`
  } else if (step.next) {
    text += ` → ${step.next}`
  }
  if (step.action === 'refuse') text += ` (${t('services.diagram.refusal')})`
  if (step.action === 'issue-result') text += ` (${t('services.diagram.result')})`
  if (step.limit) text += ` [${formatLimit(step.limit, language)}]`
  return text
}

/**
 * The SVG diagram of `definition`'s `channel` in `language`: a complete `<svg>` element with
 * `role="img"`, a `<title>` and a `<desc>` that lists every step and where it leads.
 * Throws NotFoundError when the service has no such channel.
 */
export function renderServiceDiagram(
  definition: ServiceDefinition,
  channel: Channel,
  language: Language,
  options: DiagramOptions = {},
): string {
  const flow = definition.channels[channel]
  if (!flow) {
    throw new NotFoundError(`service ${definition.code} has no channel ${channel}`)
  }
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(language, key, params)
  const id = (options.idPrefix ?? `diagram-${definition.code}-${channel}`).replace(
    /[^A-Za-z0-9_-]/g,
    '-',
  )
  const highlight = new Set(options.highlight ?? [])
  if (options.current) highlight.add(options.current)

  const lanes: StepActor[] = []
  for (const s of flow.steps) if (!lanes.includes(s.actor)) lanes.push(s.actor)
  const placed = new Map<string, Placed>()
  for (const [row, s] of flow.steps.entries()) {
    placed.set(s.id, place(s, row, lanes.indexOf(s.actor)))
  }

  const width = MARGIN * 2 + lanes.length * LANE_WIDTH
  const bodyBottom = HEADER_HEIGHT + flow.steps.length * ROW_HEIGHT
  const height = bodyBottom + LEGEND_HEIGHT + MARGIN

  const title = t('services.diagram.title', {
    service: definition.name[language],
    channel: t(`services.diagram.channel.${channel}`),
  })
  const desc = t('services.diagram.desc', {
    count: flow.steps.length,
    steps: flow.steps.map((s) => describeStep(s, language)).join('; '),
  })

  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
      `class="service-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="${FONT_SIZE}">`,
  )
  out.push(`<title id="${id}-title">${escapeXml(title)}</title>`)
  out.push(`<desc id="${id}-desc">${escapeXml(desc)}</desc>`)
  out.push(
    '<defs>' +
      `<marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="currentColor"/></marker>` +
      `<marker id="${id}-arrow-hl" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${BLUE}"/></marker>` +
      '</defs>',
  )

  // Lanes: a tinted band on every other one, a rule between them, the participant on top.
  lanes.forEach((actor, i) => {
    const x = MARGIN + i * LANE_WIDTH
    out.push(
      `<g class="lane" data-actor="${actor}">` +
        (i % 2 === 0
          ? `<rect x="${x}" y="${MARGIN}" width="${LANE_WIDTH}" height="${bodyBottom - MARGIN}" fill="currentColor" fill-opacity="0.035"/>`
          : '') +
        `<line x1="${x}" y1="${MARGIN}" x2="${x}" y2="${bodyBottom}" stroke="currentColor" stroke-opacity="0.25"/>` +
        textLines(
          wrap(t(`services.diagram.actor.${actor}`), 30, 2),
          x + LANE_WIDTH / 2,
          MARGIN + 18,
          'font-weight="bold"',
        ) +
        '</g>',
    )
  })
  const right = MARGIN + lanes.length * LANE_WIDTH
  out.push(
    `<line x1="${right}" y1="${MARGIN}" x2="${right}" y2="${bodyBottom}" stroke="currentColor" stroke-opacity="0.25"/>` +
      `<line x1="${MARGIN}" y1="${HEADER_HEIGHT - 6}" x2="${right}" y2="${HEADER_HEIGHT - 6}" stroke="currentColor" stroke-opacity="0.25"/>`,
  )

  // Arrows first, so that the shapes cover their ends.
  const path = options.highlight ?? []
  const onPath = (a: string, b: string) =>
    path.some((s, i) => s === a && path[i + 1] === b) ||
    (options.current !== undefined && path.at(-1) === a && options.current === b)
  let index = 0
  for (const s of flow.steps) {
    const from = placed.get(s.id)!
    const edges: [EdgeKind, string | undefined][] = [
      ['next', s.next],
      ['yes', s.onPass],
      ['no', s.onFail],
    ]
    for (const [kind, target] of edges) {
      const to = target ? placed.get(target) : undefined
      if (!to) continue
      const { d, label } = route(from, to, index++)
      const hl = onPath(s.id, to.step.id)
      out.push(
        `<g class="edge${hl ? ' highlighted' : ''}" data-from="${s.id}" data-to="${to.step.id}" data-kind="${kind}">` +
          `<path d="${d}" fill="none" stroke="${hl ? BLUE : 'currentColor'}" stroke-width="${hl ? 2.5 : 1.2}" marker-end="url(#${id}-arrow${hl ? '-hl' : ''})"/>` +
          (kind === 'next'
            ? ''
            : `<text x="${label.x}" y="${label.y}" text-anchor="${label.anchor}" font-size="9.5" fill="currentColor">${escapeXml(t(kind === 'yes' ? 'services.diagram.yes' : 'services.diagram.no'))}</text>`) +
          '</g>',
      )
    }
  }

  // Steps.
  for (const s of flow.steps) {
    const p = placed.get(s.id)!
    const hl = highlight.has(s.id)
    const current = options.current === s.id
    const colours = paint(s, hl)
    const classes = [
      'step',
      s.kind,
      s.action === 'refuse' ? 'refusal' : '',
      s.action === 'issue-result' ? 'result' : '',
      hl ? 'highlighted' : '',
      current ? 'current' : '',
    ].filter(Boolean)
    const condition = s.kind === 'condition'
    const lines = wrap(`${s.id} · ${s.label[language]}`, condition ? 16 : 24, 3)
    let g =
      `<g class="${classes.join(' ')}" data-step="${s.id}"${current ? ' aria-current="step"' : ''}>` +
      `<title>${escapeXml(describeStep(s, language))}</title>`
    if (current) {
      g += shape(p, `fill="none" stroke="${BLUE}" stroke-width="2" stroke-dasharray="5 3"`, 5)
    }
    g += shape(
      p,
      `fill="${colours.fill}" fill-opacity="${colours.fillOpacity}" stroke="${colours.stroke}" stroke-width="${colours.strokeWidth}"`,
    )
    g += textLines(lines, p.cx, p.cy, hl ? 'font-weight="bold"' : '')
    if (s.limit) {
      g +=
        `<text class="limit" x="${p.cx - p.hw}" y="${p.cy + p.hh + (current ? 17 : 12)}" font-size="9.5" fill="currentColor" fill-opacity="0.8">` +
        `${escapeXml(formatLimit(s.limit, language))}</text>`
    }
    out.push(`${g}</g>`)
  }

  // Legend.
  const legendY = bodyBottom + 10
  const items: [string, string, string][] = [
    ['process', t('services.diagram.legend.process'), 'currentColor'],
    ['condition', t('services.diagram.legend.condition'), 'currentColor'],
    ['refusal', t('services.diagram.refusal'), RED],
    ['result', t('services.diagram.result'), GREEN],
  ]
  if (highlight.size > 0) items.push(['highlighted', t('services.diagram.legend.path'), BLUE])
  let legend = `<g class="legend" font-size="9.5">`
  items.forEach(([kind, text, colour], i) => {
    const x = MARGIN + 8 + i * 150
    const mark =
      kind === 'condition'
        ? `<polygon points="${x},${legendY + 10} ${x + 14},${legendY + 3} ${x + 28},${legendY + 10} ${x + 14},${legendY + 17}" fill="none" stroke="${colour}" stroke-width="1.4"/>`
        : `<rect x="${x}" y="${legendY + 3}" width="28" height="14" rx="4" fill="${colour}" fill-opacity="${kind === 'process' || kind === 'condition' ? 0.04 : 0.15}" stroke="${colour}" stroke-width="${kind === 'highlighted' ? 3 : 1.6}"/>`
    legend += `${mark}<text x="${x + 34}" y="${legendY + 14}" fill="currentColor">${escapeXml(text)}</text>`
  })
  out.push(`${legend}</g>`)
  out.push('</svg>')
  return out.join('\n')
}
