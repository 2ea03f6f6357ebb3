/**
 * @module
 * Configuration from environment variables, with defaults. Every variable is documented in
 * `.env.example`. A value that cannot be used stops the start with a {@link ConfigError} naming the
 * variable and the reason.
 */
import { resolve } from 'node:path'
import { ConfigError } from './errors.js'

/** Where the data lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; display: string }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  database: DatabaseConfig
  port: number
  host: string
  logLevel: LogLevel
  /** Absolute path of the folder for uploaded files. */
  dataDir: string
}

/** The SQLite file used when DATABASE_URL is unset, relative to the working directory. */
export const DEFAULT_SQLITE_FILE = 'var/e-akimat.db'

/**
 * Reads the configuration from `env` (normally `process.env`).
 * @example loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '8080' })
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  return {
    database: parseDatabaseUrl(env.DATABASE_URL, cwd),
    port: parsePort(env.PORT),
    host: parseHost(env.HOST),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    dataDir: resolve(cwd, nonEmpty(env.DATA_DIR) ?? 'var/data'),
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** Parses DATABASE_URL: unset = SQLite default, `sqlite:`/`file:` = SQLite, `postgres(ql)://` = PostgreSQL. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const raw = nonEmpty(value)
  if (!raw) return { kind: 'sqlite', file: resolve(cwd, DEFAULT_SQLITE_FILE) }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase()
  if (scheme === 'sqlite' || scheme === 'file') {
    const path = raw.slice(scheme.length + 1).replace(/^\/\//, '')
    if (!path) throw new ConfigError('DATABASE_URL', `"${raw}" names no file; write sqlite:PATH`)
    return { kind: 'sqlite', file: resolve(cwd, path) }
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      throw new ConfigError(
        'DATABASE_URL',
        'is not a valid URL; expected postgres://USER@HOST:PORT/DATABASE',
      )
    }
    if (!url.hostname && !url.searchParams.get('host')) {
      throw new ConfigError(
        'DATABASE_URL',
        'names no host; expected postgres://USER@HOST:PORT/DATABASE',
      )
    }
    if (url.pathname.length <= 1) {
      throw new ConfigError(
        'DATABASE_URL',
        'names no database; expected postgres://USER@HOST:PORT/DATABASE',
      )
    }
    return { kind: 'postgres', url: raw, display: displayPostgresUrl(url) }
  }
  throw new ConfigError(
    'DATABASE_URL',
    scheme
      ? `unsupported scheme "${scheme}:"; use postgres://… for PostgreSQL or leave it unset for SQLite`
      : 'is neither a postgres:// URL nor sqlite:PATH; leave it unset for the embedded SQLite file',
  )
}

/** The URL without its password, for logs and status output. */
function displayPostgresUrl(url: URL): string {
  const copy = new URL(url.href)
  if (copy.password) copy.password = '***'
  return copy.href
}

function parsePort(value: string | undefined): number {
  const raw = nonEmpty(value)
  if (raw === undefined) return 3000
  if (!/^\d+$/.test(raw)) throw new ConfigError('PORT', `"${raw}" is not a whole number`)
  const port = Number(raw)
  if (port > 65535) throw new ConfigError('PORT', `${port} is above 65535`)
  return port
}

function parseHost(value: string | undefined): string {
  const raw = nonEmpty(value)
  if (raw === undefined) return '127.0.0.1'
  if (!/^[A-Za-z0-9.:_-]+$/.test(raw) && !/^\[[0-9a-fA-F:]+\]$/.test(raw)) {
    throw new ConfigError('HOST', `"${raw}" is not a host name or IP address`)
  }
  return raw.replace(/^\[(.*)\]$/, '$1')
}

function parseLogLevel(value: string | undefined): LogLevel {
  const raw = nonEmpty(value)?.toLowerCase()
  if (raw === undefined) return 'info'
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel
  throw new ConfigError('LOG_LEVEL', `"${value}" is not one of ${LOG_LEVELS.join(', ')}`)
}

/**
 * Loads `.env` from the working directory into `process.env` when the file exists; variables
 * already set in the environment win.
 */
export function loadDotEnv(cwd = process.cwd()): void {
  try {
    process.loadEnvFile(resolve(cwd, '.env'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
