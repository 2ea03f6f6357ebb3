/**
 * @module
 * The executable typical architecture (typical architecture, chapter 2, paragraph 9.2; Appendix 1):
 * every row's automation approach read into a pattern, the coverage report, and the automation an
 * akimat switches on for a function — a generated e-service for the application pattern, registries
 * for the patterns that keep records (automation_* tables; generated definitions in services).
 */
export * from './coverage.js'
export * from './functions.js'
export * from './generate.js'
export * from './patterns.js'
export * from './presets.js'
export * from './registries.js'
export type { AutomationTables } from './tables.js'
