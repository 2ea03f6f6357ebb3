/**
 * @module
 * Russian texts: Target indicators pages: the dashboard, entering values, history and region comparison.
 */
import type { indicatorsEn } from './indicators.en.js'

export const indicatorsRu: Record<keyof typeof indicatorsEn, string> = {}
