#!/usr/bin/env node
// The installed `e-akimat` command runs the compiled CLI (npm run build makes dist/).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    'e-akimat: not built yet; run "npm run build" in the e-akimat folder first\n',
  )
  process.exit(2)
}
await import(entry.href)
