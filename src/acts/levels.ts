/**
 * @module
 * Automation levels: Appendix 1 gives some approaches in tiers («1-деңгей: … 2-деңгей: …»,
 * «1-уровень: …»), from which an akimat may choose (chapter 2, paragraph 9 of the typical
 * architecture).
 */
import type { AutomationLevel } from './types.js'

/** A level marker, with or without its hyphen («3 деңгей:» is printed once without). */
const LEVEL_MARKER = /(\d+)\s*-?\s*(?:деңгей|уровень)\s*:/gu

/**
 * Splits a tiered approach into its levels; [] when it has none.
 * @example splitLevels('1-деңгей: A. 2-деңгей: B.') // [{level:1,text:'A.'},{level:2,text:'B.'}]
 */
export function splitLevels(approach: string | null): AutomationLevel[] {
  if (approach === null) return []
  const markers = [...approach.matchAll(LEVEL_MARKER)]
  return markers.map((m, k) => ({
    level: Number(m[1]),
    text: approach.slice((m.index ?? 0) + m[0].length, markers[k + 1]?.index).trim(),
  }))
}
