export * from './connection.js'
export * from './copy.js'
export * from './migrator.js'
export type { Database } from './schema.js'
