/**
 * @module
 * Kazakh texts: Akimat architecture import and export (XLSX, CSV, ArchiMate, Backstage).
 */
import type { akimatExchangeEn } from './akimat-exchange.en.js'

export const akimatExchangeKk: Record<keyof typeof akimatExchangeEn, string> = {}
