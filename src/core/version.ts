/**
 * @module
 * The application's version, from package.json (read once; the same from src/ and dist/).
 */
import { readFileSync } from 'node:fs'

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string }

export const APP_VERSION: string = packageJson.version
