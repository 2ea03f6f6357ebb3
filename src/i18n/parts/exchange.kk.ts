/**
 * @module
 * Kazakh texts: Exchange formats (ArchiMate, Backstage) of the catalogue and the akimat architectures.
 */
import type { exchangeEn } from './exchange.en.js'

export const exchangeKk: Record<keyof typeof exchangeEn, string> = {}
