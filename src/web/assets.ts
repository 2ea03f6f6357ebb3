/**
 * @module
 * Static assets from `public/`: served under /static with long cache lifetimes, linked with a
 * content hash (`?v=`) so a changed file gets a new URL.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import type { AppEnv } from './context.js'

/** The repository's public/ folder, found the same way from src/web and dist/web. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url))

const versions = new Map<string, string>()
for (const name of readdirSync(PUBLIC_DIR)) {
  const hash = createHash('sha256')
    .update(readFileSync(join(PUBLIC_DIR, name)))
    .digest('hex')
  versions.set(name, hash.slice(0, 12))
}

/**
 * The URL of a file in public/, with its content hash.
 * @example asset('styles.css') // '/static/styles.css?v=3f2a…'
 */
export function asset(name: string): string {
  const version = versions.get(name)
  if (!version) throw new Error(`No asset public/${name}`)
  return `/static/${name}?v=${version}`
}

/** Serves public/ under /static: a year and immutable when the link carries the current hash. */
export const staticAssets = () =>
  serveStatic<AppEnv>({
    root: PUBLIC_DIR,
    rewriteRequestPath: (path) => path.replace(/^\/static/, ''),
    onFound: (_path, c) => {
      const version = versions.get(c.req.path.replace(/^\/static\//, ''))
      const current = version !== undefined && c.req.query('v') === version
      c.header(
        'Cache-Control',
        current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      )
    },
  })
