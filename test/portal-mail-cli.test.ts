/**
 * Mail from the portal's outbox on the command line, as real processes against a tiny SMTP
 * server: `portal deliver-mail` once, and `serve`'s delivery loop; on each storage backend.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/index.js'
import { enqueueNotification, listNotifications } from '../src/portal/index.js'
import { runCli, spawnCli } from './support/cli.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'

const SECRET = 'pa55-w0rd-never-logged'

describe.each(BACKENDS)('portal deliver-mail and the serve loop [%s]', (backend) => {
  let database: TestDatabase
  let smtp: SMTPServer
  let port = 0
  const received: { to: string[]; raw: string }[] = []

  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    database = created.database
    await created.handle.close()
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.password === SECRET
          ? callback(null, { user: auth.username })
          : callback(new Error('Invalid username or password')),
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('latin1'),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    port = (smtp.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await database.drop()
  })

  async function enqueue(email: string): Promise<void> {
    const handle = await openDatabase(database.config)
    try {
      await enqueueNotification(handle.db, [{ userId: null, email }], {
        subject: 'portal.mail.accountGranted.subject',
        body: 'portal.mail.accountGranted.body',
        params: { name: 'Айгүл' },
        link: '/account/activate?token=abc',
      })
    } finally {
      await handle.close()
    }
  }

  async function sentTo(email: string): Promise<string | null | undefined> {
    const handle = await openDatabase(database.config)
    try {
      return (await listNotifications(handle.db)).find((n) => n.email === email)?.sentAt
    } finally {
      await handle.close()
    }
  }

  it('says that SMTP_URL is needed, with exit 1 and no stack', async () => {
    const r = await runCli(['portal', 'deliver-mail'], { DATABASE_URL: database.url, SMTP_URL: '' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('e-akimat: SMTP_URL is not set')
    expect(r.stderr).not.toMatch(/^\s+at /m)
  })

  it('deliver-mail sends the outbox once and prints the counts', async () => {
    await enqueue('once@example.kz')
    const env = {
      DATABASE_URL: database.url,
      SMTP_URL: `smtp://mailer:${SECRET}@127.0.0.1:${port}`,
      MAIL_FROM: 'e-akimat <portal@example.kz>',
      PUBLIC_URL: 'https://e-akimat.example.kz',
    }
    const r = await runCli(['portal', 'deliver-mail'], env)
    expect(r.stderr).not.toContain(SECRET)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`Sent 1, failed 0 (via smtp://mailer:***@127.0.0.1:${port}).\n`)
    expect(received.filter((m) => m.to.includes('once@example.kz'))).toHaveLength(1)
    expect(await sentTo('once@example.kz')).not.toBeNull()

    const again = await runCli(['portal', 'deliver-mail', '--format', 'json'], env)
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({ sent: 0, failed: 0 })
  })

  it('serve sends the outbox by SMTP, never logs the password, and stops the loop on SIGTERM', async () => {
    await enqueue('loop@example.kz')
    const child = spawnCli(['serve', '--port', '0'], {
      DATABASE_URL: database.url,
      SMTP_URL: `smtp://mailer:${SECRET}@127.0.0.1:${port}`,
    })
    let stdout = ''
    child.stdout?.on('data', (d) => {
      stdout += d
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no delivery in: ${stdout}`)), 30_000)
      child.stdout?.on('data', () => {
        if (stdout.includes('"msg":"notifications delivered"')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    expect(stdout).toContain('"sent":1')
    expect(stdout).toContain(`"smtp":"smtp://mailer:***@127.0.0.1:${port}"`)
    expect(received.filter((m) => m.to.includes('loop@example.kz'))).toHaveLength(1)
    child.kill('SIGTERM')
    const [code] = await once(child, 'close')
    expect(code).toBe(0)
    expect(stdout).toContain('"msg":"stopped"')
    expect(stdout).not.toContain(SECRET)
    expect(await sentTo('loop@example.kz')).not.toBeNull()
  })
})
