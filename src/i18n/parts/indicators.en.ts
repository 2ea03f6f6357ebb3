/**
 * @module
 * English texts: Target indicators pages: the dashboard, entering values, history and region comparison. Keys are defined here; indicators.kk.ts and indicators.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const indicatorsEn = {} as const
