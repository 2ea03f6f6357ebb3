/**
 * @module
 * Russian texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report.
 */
import type { akimatPagesEn } from './akimat-pages.en.js'

export const akimatPagesRu: Record<keyof typeof akimatPagesEn, string> = {}
