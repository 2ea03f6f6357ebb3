/**
 * @module
 * English texts: Exchange formats (ArchiMate, Backstage) of the catalogue and the akimat architectures. Keys are defined here; exchange.kk.ts and exchange.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const exchangeEn = {} as const
