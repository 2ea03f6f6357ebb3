import { describe, expect, it } from 'vitest'
import { loadConfig, parseDatabaseUrl } from './config.js'
import { ConfigError } from './errors.js'

const cwd = '/srv/e-akimat'

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({}, cwd)).toEqual({
      database: { kind: 'sqlite', file: '/srv/e-akimat/var/e-akimat.db' },
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      dataDir: '/srv/e-akimat/var/data',
      cookieSecure: 'auto',
      smtp: null,
      mailFrom: 'e-akimat <no-reply@localhost>',
      publicUrl: null,
      signatureTrustDir: null,
      paymentTimeoutMs: 5000,
      trustProxy: false,
      metricsToken: null,
      sqliteSynchronous: 'full',
    })
  })

  it('reads SIGNATURE_TRUST_DIR relative to the working directory and checks PAYMENT_TIMEOUT_MS', () => {
    expect(loadConfig({ SIGNATURE_TRUST_DIR: 'trust' }, cwd).signatureTrustDir).toBe(
      '/srv/e-akimat/trust',
    )
    expect(loadConfig({ PAYMENT_TIMEOUT_MS: '250' }, cwd).paymentTimeoutMs).toBe(250)
    expect(loadConfig({ TRUST_PROXY: 'yes' }, cwd).trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: '0' }, cwd).trustProxy).toBe(false)
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' }, cwd)).toThrow(/TRUST_PROXY/)
    expect(loadConfig({ METRICS_TOKEN: 'abcdefghijklmnop' }, cwd).metricsToken).toBe(
      'abcdefghijklmnop',
    )
    expect(() => loadConfig({ METRICS_TOKEN: 'short' }, cwd)).toThrow(/METRICS_TOKEN/)
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'NORMAL' }, cwd).sqliteSynchronous).toBe('normal')
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' }, cwd)).toThrow(/SQLITE_SYNCHRONOUS/)
    expect(() => loadConfig({ PAYMENT_TIMEOUT_MS: '5s' }, cwd)).toThrow(/PAYMENT_TIMEOUT_MS/)
    expect(() => loadConfig({ PAYMENT_TIMEOUT_MS: '10' }, cwd)).toThrow(/100 to 120000/)
  })

  it('reads SMTP_URL, MAIL_FROM and PUBLIC_URL, hiding the SMTP password in display', () => {
    const config = loadConfig(
      {
        SMTP_URL: 'smtp://mailer:s3cret@mail.example.kz:587',
        MAIL_FROM: 'e-akimat <portal@example.kz>',
        PUBLIC_URL: 'https://portal.example.kz/',
      },
      cwd,
    )
    expect(config.smtp).toEqual({
      url: 'smtp://mailer:s3cret@mail.example.kz:587',
      display: 'smtp://mailer:***@mail.example.kz:587',
    })
    expect(config.smtp?.display).not.toContain('s3cret')
    expect(config.mailFrom).toBe('e-akimat <portal@example.kz>')
    expect(config.publicUrl).toBe('https://portal.example.kz')
    expect(loadConfig({ SMTP_URL: 'smtps://mail.local' }, cwd).smtp?.display).toBe(
      'smtps://mail.local',
    )
    expect(loadConfig({ MAIL_FROM: 'a@b.kz' }, cwd).mailFrom).toBe('a@b.kz')
  })

  it('never puts the SMTP password in the error about a bad SMTP_URL', () => {
    try {
      loadConfig({ SMTP_URL: 'http://u:s3cret@mail.local' }, cwd)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toContain('SMTP_URL')
      expect((error as Error).message).not.toContain('s3cret')
    }
  })

  it('reads COOKIE_SECURE as auto, always or never (true and false too)', () => {
    expect(loadConfig({ COOKIE_SECURE: 'Always' }, cwd).cookieSecure).toBe('always')
    expect(loadConfig({ COOKIE_SECURE: 'true' }, cwd).cookieSecure).toBe('always')
    expect(loadConfig({ COOKIE_SECURE: 'never' }, cwd).cookieSecure).toBe('never')
    expect(loadConfig({ COOKIE_SECURE: '0' }, cwd).cookieSecure).toBe('never')
    expect(loadConfig({ COOKIE_SECURE: ' auto ' }, cwd).cookieSecure).toBe('auto')
  })

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: ' ', PORT: '', LOG_LEVEL: '' }, cwd).port).toBe(3000)
  })

  it('reads every variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://app:secret@db.local:5433/eakimat',
        PORT: '8080',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'DEBUG',
        DATA_DIR: '/var/lib/e-akimat',
      },
      cwd,
    )
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:secret@db.local:5433/eakimat',
      display: 'postgres://app:***@db.local:5433/eakimat',
    })
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', logLevel: 'debug' })
    expect(config.dataDir).toBe('/var/lib/e-akimat')
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT: "abc" is not a whole number'],
    [{ PORT: '70000' }, 'PORT: 70000 is above 65535'],
    [{ PORT: '-1' }, 'PORT: "-1" is not a whole number'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
    ],
    [{ HOST: 'bad host!' }, 'HOST: "bad host!" is not a host name or IP address'],
    [
      { SMTP_URL: 'mail.example.kz:25' },
      'SMTP_URL: unsupported scheme "mail.example.kz:"; expected smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465',
    ],
    [
      { SMTP_URL: 'not a url' },
      'SMTP_URL: is not a valid URL; expected smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465',
    ],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM: "nobody" is not an e-mail address or "Name <address>"'],
    [
      { MAIL_FROM: 'a@b.kz\r\nBcc: x@y.kz' },
      'MAIL_FROM: "a@b.kz\r\nBcc: x@y.kz" is not an e-mail address or "Name <address>"',
    ],
    [
      { PUBLIC_URL: 'ftp://x.kz' },
      'PUBLIC_URL: "ftp://x.kz" is not an http(s) address like https://e-akimat.kz',
    ],
    [
      { COOKIE_SECURE: 'sometimes' },
      'COOKIE_SECURE: "sometimes" is not one of auto, always, never (or true/false)',
    ],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(
      new ConfigError(message.split(':')[0]!, message.slice(message.indexOf(':') + 2)),
    )
  })
})

describe('parseDatabaseUrl', () => {
  it('reads sqlite: and file: paths relative to the working directory', () => {
    expect(parseDatabaseUrl('sqlite:data/x.db', cwd)).toEqual({
      kind: 'sqlite',
      file: '/srv/e-akimat/data/x.db',
    })
    expect(parseDatabaseUrl('file:///tmp/x.db', cwd)).toEqual({ kind: 'sqlite', file: '/tmp/x.db' })
    expect(parseDatabaseUrl('postgresql://u@h/d', cwd).kind).toBe('postgres')
  })

  it.each([
    [
      'mysql://root@localhost/db',
      'DATABASE_URL: unsupported scheme "mysql:"; use postgres://… for PostgreSQL or leave it unset for SQLite',
    ],
    [
      'not a url',
      'DATABASE_URL: is neither a postgres:// URL nor sqlite:PATH; leave it unset for the embedded SQLite file',
    ],
    [
      'postgres://user@host',
      'DATABASE_URL: names no database; expected postgres://USER@HOST:PORT/DATABASE',
    ],
    [
      'postgres://user@host:99999/db',
      'DATABASE_URL: is not a valid URL; expected postgres://USER@HOST:PORT/DATABASE',
    ],
    ['sqlite:', 'DATABASE_URL: "sqlite:" names no file; write sqlite:PATH'],
  ])('rejects %s', (url, message) => {
    expect(() => parseDatabaseUrl(url, cwd)).toThrow(message)
  })
})
