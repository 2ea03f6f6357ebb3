export { type JobRunFigures, jobRunFigures } from './job-figures.js'
export * from './scheduler.js'
export * from './settings.js'
export type { SystemTables } from './tables.js'
