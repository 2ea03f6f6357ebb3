/**
 * @module
 * Server-rendered SVG charts for the catalogue's coverage page: a horizontal bar chart and a
 * 100 % stacked bar chart. No client JavaScript; all text goes through hono/jsx escaping.
 *
 * Layout: a fixed-width viewBox (`CHART_WIDTH` user units) drawn at `width="100%"`, labels on
 * their own line above each bar so the full width stays usable on a 390 px phone. Text is 16
 * user units, so it stays at or above 12 px down to a drawing width of 330 px. Colours come from
 * the `chart-*` classes in public/styles.css (light and dark variants).
 *
 * A chart without links is one picture (`role="img"`, named by its title and description); a
 * chart with links is a `role="group"` with the same name, so its links stay reachable by
 * keyboard and screen reader (an image with focusable links inside is an accessibility error).
 * Pages should still offer the same figures as an HTML table.
 */

import type { Child } from 'hono/jsx'

/** The viewBox width, in user units, of every chart. */
export const CHART_WIDTH = 440
/** Labels longer than this many characters are cut, with an ellipsis. */
export const LABEL_MAX_CHARS = 40

const FONT_SIZE = 16
/** Rough advance width of one character, in user units, for space estimates. */
const CHAR_WIDTH = FONT_SIZE * 0.6
const PAD = 8
const LABEL_LINE = 22
const BAR_HEIGHT = 20
const STACK_HEIGHT = 28
const ROW_GAP = 12
const LEGEND_LINE = 24
const SWATCH = 16
/** How many part colours the palette has; parts beyond it reuse the palette from the start. */
export const PALETTE_SIZE = 4

/** A non-breaking space: keeps a number and its unit on one line. */
const NBSP = '\u00a0'

/**
 * A share as a whole percentage, with a non-breaking space before the sign; '—' when the whole
 * is 0 (or either number is not finite).
 * @example formatPercent(21, 50) // '42 %' (U+00A0 between 42 and %)
 */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0 || !Number.isFinite(part) || !Number.isFinite(whole)) return '—'
  return `${Math.round((part / whole) * 100)}${NBSP}%`
}

/** A number with at most one decimal and non-breaking spaces between thousands: '12 345'. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
    .format(value)
    .replaceAll(',', NBSP)
}

/** Cuts a label to `LABEL_MAX_CHARS` characters (code points), ending with '…'. */
export function truncateLabel(label: string, max = LABEL_MAX_CHARS): string {
  const chars = Array.from(label)
  if (chars.length <= max) return label
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`
}

/** Only relative, http(s) and mailto links are drawn; anything else (javascript:…) is dropped. */
function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined
  const trimmed = href.trim()
  if (trimmed === '') return undefined
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)
  if (scheme && !['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase())) return undefined
  return trimmed
}

/** A finite, non-negative number; anything else counts as 0. */
function clean(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0
}

/** Two decimals are plenty for SVG coordinates and keep the markup short. */
function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * Whole percentages that add up to exactly 100 (largest remainder), or null when the total is 0.
 */
export function sharesOf(parts: readonly number[]): number[] | null {
  const values = parts.map(clean)
  const total = values.reduce((sum, value) => sum + value, 0)
  if (total === 0) return null
  const exact = values.map((value) => (value / total) * 100)
  const shares = exact.map(Math.floor)
  let missing = 100 - shares.reduce((sum, share) => sum + share, 0)
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of byRemainder) {
    if (missing <= 0) break
    shares[index] = shares[index]! + 1
    missing--
  }
  return shares
}

interface FrameProps {
  id: string
  title: string
  description: string
  height: number
  kind: string
  /** True when the chart holds links. */
  interactive: boolean
  children?: Child
}

/** The accessible `<svg>` frame both charts share. */
function ChartFrame({ id, title, description, height, kind, interactive, children }: FrameProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class={`chart ${kind}`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      role={interactive ? 'group' : 'img'}
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family="inherit"
      font-size={FONT_SIZE}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  )
}

export interface BarChartItem {
  label: string
  value: number
  /** When given, the label and bar link here. */
  href?: string
}

export interface BarChartProps {
  /** Prefix for the chart's element ids (`${id}-title`, `${id}-desc`); unique on the page. */
  id: string
  /** The accessible name (the SVG `<title>`); not drawn, so show a visible heading as well. */
  title: string
  /** The accessible description (the SVG `<desc>`): what the chart shows and its main finding. */
  description: string
  items: readonly BarChartItem[]
  /** Printed after each value, e.g. 'functions'. */
  unit?: string
  /** The value of a full-width bar; defaults to the largest value. Larger values are capped. */
  max?: number
  /** Formats the values; defaults to `formatNumber`. */
  formatValue?: (value: number) => string
  /** Written instead of a value that is not a number (NaN: no value); defaults to '—'. */
  missingText?: string
}

/** Horizontal bars, one per item, label above its bar and the value at the bar's end. */
export function BarChart({
  id,
  title,
  description,
  items,
  unit,
  max,
  formatValue = formatNumber,
  missingText,
}: BarChartProps) {
  const values = items.map((item) => clean(item.value))
  const scale = max !== undefined && clean(max) > 0 ? clean(max) : Math.max(0, ...values)
  const valueTexts = items.map((item) => {
    if (!Number.isFinite(item.value) && missingText !== undefined) return missingText
    const text = Number.isFinite(item.value) ? formatValue(item.value) : '—'
    return unit ? `${text}${NBSP}${unit}` : text
  })
  const longest = Math.max(0, ...valueTexts.map((text) => Array.from(text).length))
  const valueSpace = Math.min(CHART_WIDTH / 2, Math.ceil(longest * CHAR_WIDTH) + PAD)
  const barSpace = CHART_WIDTH - valueSpace
  const rowHeight = LABEL_LINE + BAR_HEIGHT + ROW_GAP
  const height = PAD * 2 + items.length * rowHeight

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      height={height}
      kind="chart-bars"
      interactive={items.some((item) => safeHref(item.href) !== undefined)}
    >
      {items.map((item, index) => {
        const top = PAD + index * rowHeight
        const value = values[index]!
        const width = scale > 0 ? round((Math.min(value, scale) / scale) * barSpace) : 0
        const valueText = valueTexts[index]!
        const href = safeHref(item.href)
        const body = (
          <>
            <text class="chart-label" x={0} y={top + 16}>
              {truncateLabel(item.label)}
            </text>
            {width > 0 ? (
              <rect
                class="chart-bar"
                x={0}
                y={top + LABEL_LINE}
                width={width}
                height={BAR_HEIGHT}
              />
            ) : null}
          </>
        )
        return (
          <g class="chart-row">
            <title>{`${item.label}: ${valueText}`}</title>
            {href ? (
              <a class="chart-link" href={href}>
                {body}
              </a>
            ) : (
              body
            )}
            <text class="chart-value" x={round(width + 6)} y={top + LABEL_LINE + 15}>
              {valueText}
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}

export interface StackedBarChartItem {
  label: string
  /** The parts, in legend order, e.g. [functions with a system, functions without]. */
  parts: readonly number[]
  /** When given, the label and bar link here. */
  href?: string
}

export interface StackedBarChartProps {
  /** Prefix for the chart's element ids (`${id}-title`, `${id}-desc`); unique on the page. */
  id: string
  /** The accessible name (the SVG `<title>`); not drawn, so show a visible heading as well. */
  title: string
  /** The accessible description (the SVG `<desc>`): what the chart shows and its main finding. */
  description: string
  items: readonly StackedBarChartItem[]
  /** One name per part, in the order of `parts`. */
  legend: readonly string[]
}

/** The part's colour class: `chart-part-0` … `chart-part-3`, then again from 0. */
const partClass = (index: number) => `chart-part-${index % PALETTE_SIZE}`

/**
 * One 100 % bar per item, split into its parts, with the shares printed inside the parts that are
 * wide enough and on a line below the bar for the others; a legend on top.
 */
export function StackedBarChart({ id, title, description, items, legend }: StackedBarChartProps) {
  const nameOf = (index: number) => legend[index] ?? `${index + 1}`
  const legendHeight = legend.length * LEGEND_LINE + (legend.length > 0 ? PAD : 0)
  const rows = items.map((item) => {
    const values = item.parts.map(clean)
    const total = values.reduce((sum, value) => sum + value, 0)
    const shares = sharesOf(values)
    let sum = 0
    const parts = values.map((value, index) => {
      const x = total > 0 ? round((sum / total) * CHART_WIDTH) : 0
      sum += value
      const end = total > 0 ? round((sum / total) * CHART_WIDTH) : 0
      const share = shares ? `${shares[index]}${NBSP}%` : '—'
      const fits = end - x >= Array.from(share).length * CHAR_WIDTH + PAD
      return { index, value, x, width: round(end - x), share, fits }
    })
    const beside = parts
      .filter((part) => part.value > 0 && !part.fits)
      .map((part) => `${nameOf(part.index)}: ${part.share}`)
      .join('; ')
    return { item, parts, beside, total }
  })
  let height = PAD + legendHeight
  const tops = rows.map((row) => {
    const top = height
    height += LABEL_LINE + STACK_HEIGHT + (row.beside ? LABEL_LINE : 0) + ROW_GAP
    return top
  })
  height += PAD - ROW_GAP + (rows.length > 0 ? 0 : ROW_GAP)

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      height={height}
      kind="chart-stacked"
      interactive={items.some((item) => safeHref(item.href) !== undefined)}
    >
      {legend.length > 0 ? (
        <g class="chart-legend">
          {legend.map((name, index) => {
            const top = PAD + index * LEGEND_LINE
            return (
              <g>
                <rect
                  class={`chart-swatch ${partClass(index)}`}
                  x={0.5}
                  y={top + 0.5}
                  width={SWATCH}
                  height={SWATCH}
                />
                <text class="chart-label" x={SWATCH + 8} y={top + 14}>
                  {name}
                </text>
              </g>
            )
          })}
        </g>
      ) : null}
      {rows.map(({ item, parts, beside, total }, rowIndex) => {
        const top = tops[rowIndex]!
        const barTop = top + LABEL_LINE
        const href = safeHref(item.href)
        const summary = parts.map((part) => `${nameOf(part.index)}: ${part.share}`).join('; ')
        const body = (
          <>
            <text class="chart-label" x={0} y={top + 16}>
              {truncateLabel(item.label)}
            </text>
            {parts
              .filter((part) => part.width > 0)
              .map((part) => (
                <rect
                  class={`chart-part ${partClass(part.index)}`}
                  x={part.x}
                  y={barTop}
                  width={part.width}
                  height={STACK_HEIGHT}
                >
                  <title>{`${nameOf(part.index)}: ${formatNumber(part.value)} (${part.share})`}</title>
                </rect>
              ))}
            <rect
              class="chart-frame"
              x={0.5}
              y={barTop + 0.5}
              width={CHART_WIDTH - 1}
              height={STACK_HEIGHT - 1}
            />
            {parts
              .filter((part) => part.value > 0 && part.fits)
              .map((part) => (
                <text
                  class={`chart-share chart-part-text-${part.index % PALETTE_SIZE}`}
                  x={round(part.x + part.width / 2)}
                  y={barTop + 19}
                  text-anchor="middle"
                >
                  {part.share}
                </text>
              ))}
          </>
        )
        return (
          <g class="chart-row">
            <title>{`${item.label} — ${summary}`}</title>
            {href ? (
              <a class="chart-link" href={href}>
                {body}
              </a>
            ) : (
              body
            )}
            {total === 0 ? (
              <text class="chart-value" x={CHART_WIDTH / 2} y={barTop + 19} text-anchor="middle">
                —
              </text>
            ) : null}
            {beside ? (
              <text class="chart-value" x={0} y={barTop + STACK_HEIGHT + 17}>
                {beside}
              </text>
            ) : null}
          </g>
        )
      })}
    </ChartFrame>
  )
}
