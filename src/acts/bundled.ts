/**
 * @module
 * The acts shipped with e-akimat in `data/acts/` (copies of the official texts, never edited),
 * listed in `data/acts/manifest.json` with their registration numbers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's data/acts folder, found the same way from src/acts and dist/acts. */
export const BUNDLED_ACTS_DIR = fileURLToPath(new URL('../../data/acts/', import.meta.url))

export interface BundledAct {
  file: string
  /** Absolute path of the text file. */
  path: string
  /** Ministry of Justice registration number, digits only. */
  registration: string
}

/** The bundled acts in the order they are imported (base architecture before its amendments). */
export function bundledActs(): BundledAct[] {
  const manifest = JSON.parse(readFileSync(join(BUNDLED_ACTS_DIR, 'manifest.json'), 'utf8')) as {
    acts: { file: string; registration: string }[]
  }
  return manifest.acts.map((a) => ({ ...a, path: join(BUNDLED_ACTS_DIR, a.file) }))
}

/** Absolute path of a bundled act's text file. */
export function bundledActPath(file: string): string {
  return join(BUNDLED_ACTS_DIR, file)
}
