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

/**
 * When session and CSRF cookies carry `Secure`: `auto` when the request came over https (its URL,
 * or `X-Forwarded-Proto: https` from a reverse proxy), `always`, or `never` (plain-http testing).
 */
export const COOKIE_SECURE_MODES = ['auto', 'always', 'never'] as const
export type CookieSecure = (typeof COOKIE_SECURE_MODES)[number]

export interface Config {
  database: DatabaseConfig
  port: number
  host: string
  logLevel: LogLevel
  /** Absolute path of the folder for uploaded files. */
  dataDir: string
  /** `Secure` on the session and CSRF cookies. */
  cookieSecure: CookieSecure
  /** The SMTP server notifications are sent through; null = mail only waits in the outbox. */
  smtp: SmtpConfig | null
  /** The sender of notification e-mails (`Name <address>` or an address). */
  mailFrom: string
  /** The site's public address (`https://host`), to make links in e-mails absolute; null = unset. */
  publicUrl: string | null
  /**
   * A folder of trusted certification authorities (`*.pem`, `*.crt`, `*.cer`) and their
   * revocation lists (`*.crl`) for applicants' signatures; null = the demo authority of DATA_DIR.
   */
  signatureTrustDir: string | null
  /** How long the payment gateway may take to answer, in milliseconds. */
  paymentTimeoutMs: number
  /**
   * Whether the client address is taken from `X-Forwarded-For` (set by a reverse proxy in front
   * of every instance) rather than the connection: for the sign-in rate limit and the audit log.
   */
  trustProxy: boolean
  /** The bearer token /metrics asks for; null = /metrics answers only this machine (loopback). */
  metricsToken: string | null
  /**
   * SQLite's `synchronous` setting: `full` (default: a commit survives a power cut) or `normal`
   * (WAL: a commit survives a crash of the process, the last commits may be lost on power cut).
   */
  sqliteSynchronous: SqliteSynchronous
}

export const SQLITE_SYNCHRONOUS_MODES = ['full', 'normal'] as const
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number]

/** An SMTP server: `url` as given (with any password), `display` with the password hidden. */
export interface SmtpConfig {
  url: string
  display: string
}

/** The sender used when MAIL_FROM is unset. */
export const DEFAULT_MAIL_FROM = 'e-akimat <no-reply@localhost>'

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
    cookieSecure: parseCookieSecure(env.COOKIE_SECURE),
    smtp: parseSmtpUrl(env.SMTP_URL),
    mailFrom: parseMailFrom(env.MAIL_FROM),
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    signatureTrustDir: nonEmpty(env.SIGNATURE_TRUST_DIR)
      ? resolve(cwd, nonEmpty(env.SIGNATURE_TRUST_DIR) as string)
      : null,
    paymentTimeoutMs: parsePaymentTimeout(env.PAYMENT_TIMEOUT_MS),
    trustProxy: parseFlag('TRUST_PROXY', env.TRUST_PROXY),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    sqliteSynchronous: parseSqliteSynchronous(env.SQLITE_SYNCHRONOUS),
  }
}

/** A yes/no variable: 1/true/yes or 0/false/no (any case); unset = no. */
function parseFlag(name: string, value: string | undefined): boolean {
  const raw = nonEmpty(value)?.toLowerCase()
  if (raw === undefined) return false
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  throw new ConfigError(name, `"${value}" is neither 1/true/yes nor 0/false/no`)
}

/** METRICS_TOKEN: at least 16 characters without spaces; unset = loopback only. */
function parseMetricsToken(value: string | undefined): string | null {
  const raw = nonEmpty(value)
  if (raw === undefined) return null
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters with no spaces')
  }
  return raw
}

/** SQLITE_SYNCHRONOUS: full (default) or normal. */
function parseSqliteSynchronous(value: string | undefined): SqliteSynchronous {
  const raw = nonEmpty(value)?.toLowerCase()
  if (raw === undefined) return 'full'
  if ((SQLITE_SYNCHRONOUS_MODES as readonly string[]).includes(raw)) return raw as SqliteSynchronous
  throw new ConfigError('SQLITE_SYNCHRONOUS', `"${value}" is neither full nor normal`)
}

/** PAYMENT_TIMEOUT_MS: 100 to 120000 milliseconds; default 5000. */
function parsePaymentTimeout(value: string | undefined): number {
  const raw = nonEmpty(value)
  if (raw === undefined) return 5_000
  const ms = Number(raw)
  if (!/^\d+$/.test(raw) || ms < 100 || ms > 120_000) {
    throw new ConfigError(
      'PAYMENT_TIMEOUT_MS',
      `"${raw}" is not a number of milliseconds from 100 to 120000`,
    )
  }
  return ms
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

function parseCookieSecure(value: string | undefined): CookieSecure {
  const raw = nonEmpty(value)?.toLowerCase()
  if (raw === undefined) return 'auto'
  if (raw === 'true' || raw === '1') return 'always'
  if (raw === 'false' || raw === '0') return 'never'
  if ((COOKIE_SECURE_MODES as readonly string[]).includes(raw)) return raw as CookieSecure
  throw new ConfigError(
    'COOKIE_SECURE',
    `"${value}" is not one of ${COOKIE_SECURE_MODES.join(', ')} (or true/false)`,
  )
}

/** Parses SMTP_URL: unset = no mail; `smtp://USER:PASS@HOST:PORT` or `smtps://…` (TLS from the start). */
export function parseSmtpUrl(value: string | undefined): SmtpConfig | null {
  const raw = nonEmpty(value)
  if (raw === undefined) return null
  const example = 'expected smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('SMTP_URL', `is not a valid URL; ${example}`)
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `unsupported scheme "${url.protocol}"; ${example}`)
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL', `names no host; ${example}`)
  const copy = new URL(url.href)
  if (copy.password) copy.password = '***'
  return { url: raw, display: copy.href }
}

function parseMailFrom(value: string | undefined): string {
  const raw = nonEmpty(value)
  if (raw === undefined) return DEFAULT_MAIL_FROM
  const address = /<([^<>]+)>$/.exec(raw)?.[1] ?? raw
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(raw) || !/^[^\s@<>]+@[^\s@<>]+$/.test(address)) {
    throw new ConfigError('MAIL_FROM', `"${raw}" is not an e-mail address or "Name <address>"`)
  }
  return raw
}

function parsePublicUrl(value: string | undefined): string | null {
  const raw = nonEmpty(value)
  if (raw === undefined) return null
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new ConfigError(
      'PUBLIC_URL',
      `"${raw}" is not an http(s) address like https://e-akimat.kz`,
    )
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
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
