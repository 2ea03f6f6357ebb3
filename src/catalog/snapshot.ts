/**
 * @module
 * The whole catalogue in memory, for browsing and search. It is small (about 1,300 row versions
 * from five acts) and read far more often than written, so pages and the search index work on
 * one loaded copy. The copy is keyed by a fingerprint of the imported acts (ids, checksums,
 * parser version and dates): another process importing an act or setting a date changes the
 * fingerprint, and the next read loads the catalogue again. Checking costs one small query.
 */
import type { Kysely } from 'kysely'
import { actsFingerprint } from '../acts/index.js'
import type { Database } from '../db/index.js'
import { type CatalogExport, type ExportedRow, exportCatalog } from './export.js'

export type CatalogAct = CatalogExport['acts'][number]
export type CatalogSection = CatalogExport['sections'][number]
export type CatalogSystem = CatalogExport['systems'][number]
export type CatalogGlossaryEntry = CatalogExport['glossary'][number]
export type CatalogIndicator = CatalogExport['indicators'][number]

/** A row version with the ids of the systems it names (always present here). */
export interface CatalogRow extends ExportedRow {
  systemIds: string[]
}

export interface CatalogSnapshot {
  fingerprint: string
  acts: CatalogAct[]
  sections: CatalogSection[]
  /** Every row version, deleted ones included, ordered by architecture, section, number, date. */
  rows: CatalogRow[]
  systems: CatalogSystem[]
  glossary: CatalogGlossaryEntry[]
  indicators: CatalogIndicator[]
  rowById: Map<string, CatalogRow>
  systemById: Map<string, CatalogSystem>
}

/** What identifies the loaded catalogue: changes whenever an import or a date changes it. */
export const catalogFingerprint = actsFingerprint

/** Loads the catalogue: every version of everything. */
export async function loadCatalogSnapshot(db: Kysely<Database>): Promise<CatalogSnapshot> {
  const fingerprint = await catalogFingerprint(db)
  const exported = await exportCatalog(db)
  const rows = exported.rows.map((r) => ({ ...r, systemIds: r.systemIds ?? [] }))
  return {
    fingerprint,
    acts: exported.acts,
    sections: exported.sections,
    rows,
    systems: exported.systems,
    glossary: exported.glossary,
    indicators: exported.indicators,
    rowById: new Map(rows.map((r) => [r.id, r])),
    systemById: new Map(exported.systems.map((s) => [s.id, s])),
  }
}

/**
 * Holds the loaded catalogue for a long-running process and reloads it when the fingerprint
 * changes. The fingerprint is checked at most once per `recheckMs` (default one second): a
 * change made by another process (an import from the command line, another instance) shows
 * within that time, and busy pages do not ask the database on every request. Concurrent
 * callers share one load.
 */
export class CatalogCache {
  #current: CatalogSnapshot | undefined
  #loading: Promise<CatalogSnapshot> | undefined
  #checkedAt = Number.NEGATIVE_INFINITY
  readonly #recheckMs: number
  readonly #onLoad: ((snapshot: CatalogSnapshot) => void) | undefined

  /**
   * `onLoad` runs on every newly loaded catalogue before anyone gets it: the place to build what
   * belongs with it (the search index), so no request waits for that later.
   */
  constructor(
    private readonly db: Kysely<Database>,
    options: { recheckMs?: number; onLoad?: (snapshot: CatalogSnapshot) => void } = {},
  ) {
    this.#recheckMs = options.recheckMs ?? 1000
    this.#onLoad = options.onLoad
  }

  /** Forgets when the fingerprint was last checked: the next `get` checks it. */
  invalidate(): void {
    this.#checkedAt = Number.NEGATIVE_INFINITY
  }

  async get(): Promise<CatalogSnapshot> {
    const now = performance.now()
    if (this.#current && now - this.#checkedAt < this.#recheckMs) return this.#current
    const fingerprint = await catalogFingerprint(this.db)
    this.#checkedAt = now
    if (this.#current?.fingerprint === fingerprint) return this.#current
    this.#loading ??= loadCatalogSnapshot(this.db)
      .then((snapshot) => {
        this.#onLoad?.(snapshot)
        return snapshot
      })
      .finally(() => {
        this.#loading = undefined
      })
    const loaded = await this.#loading
    this.#current = loaded
    return loaded
  }
}
