/**
 * @module
 * Akimat architectures and target indicators (typical architecture, chapters 2 and 4 and
 * Appendix 2): each akimat adopts the typical set of its level, decides on every function, sees
 * its gaps by the rules of paragraph 9, and reports the Appendix 2 indicators, computed from
 * e-akimat's data where the data is ours (akimat_* tables).
 */
export * from './architecture.js'
export * from './example.js'
export * from './exchange.js'
export * from './indicators.js'
export * from './model.js'
export type { AkimatTables } from './tables.js'
