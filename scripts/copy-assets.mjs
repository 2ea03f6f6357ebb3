#!/usr/bin/env node
/**
 * Copies the data files bundled in the source tree into `dist` after `tsc` (run by `npm run build`):
 * every `src/**\/*.json` except tsconfig files, to the same path under `dist`, so modules that read
 * them relative to their own URL (`new URL('./fixtures/x.json', import.meta.url)`) find them in
 * both trees. Fonts are not copied: they are read from the `dejavu-fonts-ttf` package.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const source = join(root, 'src')
const target = join(root, 'dist')

/** The files under `dir` that are bundled data, recursively. */
function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* assets(path)
    else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('tsconfig')) {
      yield path
    }
  }
}

let count = 0
for (const file of assets(source)) {
  const destination = join(target, relative(source, file))
  mkdirSync(dirname(destination), { recursive: true })
  copyFileSync(file, destination)
  count++
}
console.log(`copy-assets: ${count} file(s) copied from src to dist`)
