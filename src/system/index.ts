export * from './settings.js'
export type { SystemTables } from './tables.js'
