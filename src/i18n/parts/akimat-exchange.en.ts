/**
 * @module
 * English texts: Akimat architecture import and export (XLSX, CSV, ArchiMate, Backstage). Keys are defined here; akimat-exchange.kk.ts and akimat-exchange.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const akimatExchangeEn = {} as const
