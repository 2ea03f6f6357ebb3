/**
 * @module
 * English texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report. Keys are defined here; akimat-pages.kk.ts and akimat-pages.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const akimatPagesEn = {} as const
