/**
 * The command line as a user runs it: real processes, real databases, exit codes and messages.
 */
import { once } from 'node:events'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, spawnCli } from './support/cli.js'
import { BACKENDS, createEmptyTestDatabase, type TestDatabase } from './support/database.js'
import { json } from './support/http.js'

const NO_STACK = /^\s+at /m

describe.concurrent('command line errors', () => {
  it('prints help with the commands and exits 0', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\s+db\b/m)
    expect(r.stdout).toMatch(/^\s+serve\b/m)
  })

  it('names an unknown command and exits 1', async () => {
    const r = await runCli(['frobnicate'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("error: unknown command 'frobnicate'")
    expect(r.stderr).not.toMatch(NO_STACK)
  })

  it.each([
    [
      { DATABASE_URL: 'mysql://root@localhost/db' },
      'e-akimat: DATABASE_URL: unsupported scheme "mysql:"; use postgres://… for PostgreSQL or leave it unset for SQLite',
    ],
    [{ PORT: 'eighty' }, 'e-akimat: PORT: "eighty" is not a whole number'],
    [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' },
      'e-akimat: Cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/test: connection refused (is the server running and listening there?)',
    ],
  ])('stops on %o with one clear line and exit 1', async (env, message) => {
    const r = await runCli(['db', 'status'], env)
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(message)
    expect(r.stdout).toBe('')
  })

  it('rejects an unknown --format', async () => {
    const r = await runCli(['db', 'status', '--format', 'xml'], { DATABASE_URL: 'sqlite::memory:' })
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('e-akimat: --format must be one of table, json, not "xml"')
  })
})

describe.each(BACKENDS)('command line on a database [%s]', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createEmptyTestDatabase(backend)
  })
  afterAll(async () => database.drop())

  it('db status, db migrate, db status: pending, applied, up to date', async () => {
    const env = { DATABASE_URL: database.url }
    const before = JSON.parse((await runCli(['db', 'status', '--format', 'json'], env)).stdout)
    expect(before.backend).toBe(backend)
    expect(before.pending).toBeGreaterThan(0)

    const migrate = await runCli(['db', 'migrate', '--format', 'json'], env)
    expect(migrate.code).toBe(0)
    expect(JSON.parse(migrate.stdout).applied).toEqual(
      before.migrations.map((m: { name: string }) => m.name),
    )
    // Not a terminal: no progress bar on stderr.
    expect(migrate.stderr).toBe('')

    const after = await runCli(['db', 'status'], env)
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('Up to date')
    expect(after.stdout).toMatch(/^migration\s+applied at$/m)

    const again = await runCli(['db', 'migrate'], env)
    expect(again.stdout).toMatch(/^Nothing to migrate: .* is up to date\.$/m)
  })

  it('serve migrates, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const child = spawnCli(['serve', '--port', '0'], { DATABASE_URL: database.url })
    let stdout = ''
    child.stdout?.on('data', (d) => {
      stdout += d
    })
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in: ${stdout}`)), 20_000)
      child.stdout?.on('data', () => {
        const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
    })
    const res = await fetch(`${url}/healthz`)
    expect(res.status).toBe(200)
    expect((await json(res)).database.backend).toBe(backend)

    child.kill('SIGTERM')
    const [code] = await once(child, 'close')
    expect(code).toBe(0)
    expect(stdout).toContain('"msg":"stopped"')
  })

  it('serve refuses a port in use with one line and exit 1', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    const r = await runCli(['serve'], { DATABASE_URL: database.url, PORT: String(port) })
    blocker.close()
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(
      `e-akimat: Port ${port} on 127.0.0.1 is already in use; stop the other program or set PORT to a free port`,
    )
  })
})
