/**
 * @module
 * Exchange formats: pure writers and checkers for the ArchiMate Model Exchange File Format and
 * Backstage catalogue entities. No tables, no database: other modules build the models from
 * their data (the catalogue's in `catalog/exchange.ts`).
 */
export * from './archimate.js'
export * from './backstage.js'
export { asciiSlug, shortHash, transliterate } from './names.js'
