/**
 * @module
 * Kazakh texts: Target indicators pages: the dashboard, entering values, history and region comparison.
 */
import type { indicatorsEn } from './indicators.en.js'

export const indicatorsKk: Record<keyof typeof indicatorsEn, string> = {}
