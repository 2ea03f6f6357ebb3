import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  absoluteLinks,
  deliverNotifications,
  enqueueNotification,
  listNotifications,
  MAX_DELIVERY_ATTEMPTS,
  smtpTransport,
} from './index.js'

interface Received {
  from: string
  to: string[]
  user: string | undefined
  raw: string
}

/** A tiny SMTP server on 127.0.0.1 that accepts `mailer`/`s3cret` and keeps what it receives. */
async function startSmtp(): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret') {
        callback(null, { user: auth.username })
      } else {
        callback(new Error('Invalid username or password'))
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('latin1'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The bytes of a quoted-printable text as UTF-8 (`underscores`: the header "Q" variant). */
function decodeQuotedPrintable(text: string, underscores = false): string {
  const s = text.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3)
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else bytes.push(underscores && s[i] === '_' ? 0x20 : s.charCodeAt(i))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Headers (unfolded, lower-case names) and the decoded text of a single-part message. */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  const body = raw.slice(split + 4)
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1').toString('utf8')
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') }
}

/** A header made of RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_whole, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data, true),
    )
}

describe('absoluteLinks', () => {
  it('prefixes lines that are site paths, and nothing else', () => {
    const text = 'Hello /not/a/link here\n\n/account/activate?token=abc\n//evil.example/x'
    expect(absoluteLinks(text, 'https://e-akimat.kz/')).toBe(
      'Hello /not/a/link here\n\nhttps://e-akimat.kz/account/activate?token=abc\n//evil.example/x',
    )
    expect(absoluteLinks(text, null)).toBe(text)
  })
})

describe.each(BACKENDS)('SMTP delivery of the outbox [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let smtp: Awaited<ReturnType<typeof startSmtp>>

  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp.stop().catch(() => undefined)
  })

  it('sends waiting notifications with the kk and ru text and a UTF-8 subject, and marks them sent', async () => {
    const db = handle().db
    await enqueueNotification(
      db,
      [
        { userId: null, email: 'reviewer1@example.kz' },
        { userId: null, email: 'reviewer2@example.kz' },
      ],
      {
        subject: 'portal.mail.accountRequested.subject',
        body: 'portal.mail.accountRequested.body',
        params: { organisation: 'Алматы облысының әкімдігі', due: '2026-12-01' },
        paramsRu: { organisation: 'Акимат Алматинской области' },
        link: '/portal/account-requests/7',
      },
    )
    const waiting = await listNotifications(db)
    expect(waiting).toHaveLength(2)
    expect(waiting.every((n) => n.sentAt === null && n.attempts === 0)).toBe(true)

    const transport = smtpTransport({
      url: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`,
      from: 'e-akimat <portal@example.kz>',
      siteUrl: 'https://e-akimat.example.kz',
    })
    try {
      expect(await deliverNotifications(db, transport)).toEqual({ sent: 2, failed: 0 })
    } finally {
      transport.close()
    }

    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      ['reviewer1@example.kz'],
      ['reviewer2@example.kz'],
    ])
    for (const mail of smtp.received) {
      expect(mail.user).toBe('mailer')
      expect(mail.from).toBe('portal@example.kz')
      const { headers, text } = parseMessage(mail.raw)
      // Non-ASCII subjects must travel as RFC 2047 encoded words, not raw bytes.
      expect(headers.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i)
      expect(decodeHeader(headers.get('subject') ?? '')).toBe(waiting[0]?.subject)
      expect(decodeHeader(headers.get('subject') ?? '')).toContain('Алматы облысының әкімдігі')
      expect(decodeHeader(headers.get('subject') ?? '')).toContain('Акимат Алматинской области')
      expect(headers.get('content-type')).toMatch(/charset=utf-8/i)
      expect(text).toContain('Алматы облысының әкімдігі')
      expect(text).toContain('Акимат Алматинской области')
      expect(text).toContain('2026-12-01')
      expect(text).toContain('https://e-akimat.example.kz/portal/account-requests/7')
      expect(text).toBe(
        waiting[0]?.body.replace('\n/portal/', '\nhttps://e-akimat.example.kz/portal/'),
      )
    }

    const after = await listNotifications(db)
    expect(after.every((n) => n.sentAt !== null && n.attempts === 1 && n.lastError === null)).toBe(
      true,
    )
    // Nothing is sent twice.
    const again = smtpTransport({
      url: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`,
      from: 'a@b.kz',
    })
    try {
      expect(await deliverNotifications(db, again)).toEqual({ sent: 0, failed: 0 })
    } finally {
      again.close()
    }
    expect(smtp.received).toHaveLength(2)
  })

  it('records attempts and the error while the server is down, marks nothing sent, and gives up after the limit', async () => {
    const db = handle().db
    const port = smtp.port
    await smtp.stop()
    await enqueueNotification(db, [{ userId: null, email: 'person@example.kz' }], {
      subject: 'portal.mail.accountGranted.subject',
      body: 'portal.mail.accountGranted.body',
      params: { name: 'Айгүл' },
      link: '/account/activate?token=x',
    })
    const transport = smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'a@b.kz' })
    try {
      expect(await deliverNotifications(db, transport)).toEqual({ sent: 0, failed: 1 })
      let [latest] = await listNotifications(db, { limit: 1 })
      expect(latest).toMatchObject({ email: 'person@example.kz', sentAt: null, attempts: 1 })
      expect(latest?.lastError).toMatch(/ECONNREFUSED|connect/i)

      for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) await deliverNotifications(db, transport)
      ;[latest] = await listNotifications(db, { limit: 1 })
      expect(latest).toMatchObject({ sentAt: null, attempts: MAX_DELIVERY_ATTEMPTS })
      expect(await deliverNotifications(db, transport)).toEqual({ sent: 0, failed: 0 })
    } finally {
      transport.close()
    }
    const all = await listNotifications(db)
    expect(all.filter((n) => n.sentAt !== null)).toHaveLength(2)
  })
})
