export * from './analysis.js'
export * from './engine.js'
export { stemKazakh } from './kazakh-stemmer.js'
export * from './results-table.js'
