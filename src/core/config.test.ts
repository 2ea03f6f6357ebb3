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
    })
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
