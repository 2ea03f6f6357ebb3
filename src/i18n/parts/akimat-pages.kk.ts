/**
 * @module
 * Kazakh texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report.
 */
import type { akimatPagesEn } from './akimat-pages.en.js'

export const akimatPagesKk: Record<keyof typeof akimatPagesEn, string> = {}
