export * from './export.js'
export * from './import.js'
export type { CatalogTables } from './tables.js'
export * from './versions.js'
