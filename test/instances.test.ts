/**
 * Several instances: two real `serve` processes on one database and one DATA_DIR behave as one.
 * Sessions signed in on one work on the other (and a sign-out on one ends them on both), a file
 * uploaded through one downloads through the other, scheduled work (mail, deadline reminders,
 * housekeeping) runs once per slot with a real SMTP sink, and concurrent requests split across
 * both get distinct accounting codes and application numbers.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/auth/index.js'
import type { Backend } from '../src/db/index.js'
import { openDatabase } from '../src/db/index.js'
import { LocalFileStore } from '../src/files/index.js'
import {
  createObject,
  getObject,
  listNotifications,
  REVIEW_OVERDUE_EVENT,
  submitAccountRequest,
  submitObject,
  uploadDocument,
} from '../src/portal/index.js'
import { FIXTURE_CASES } from '../src/services/index.js'
import { listJobRuns } from '../src/system/index.js'
import { cliEnv, REPO_ROOT } from './support/cli.js'
import { BACKENDS, createEmptyTestDatabase, type TestDatabase } from './support/database.js'
import { applicant, bindProvider, staff, TINY_PDF, testBin } from './support/services.js'
import { WebSession } from './support/web-session.js'

const PASSWORD = 'correct horse battery staple'
const FIXTURES = join(import.meta.dirname, 'fixtures/files')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))
/** Objects accepted at once (codes) and applications submitted at once (numbers). */
const CONCURRENT = 12

interface Instance {
  child: ChildProcess
  url: string
  log: () => string
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000)
    const check = () => {
      const url = /e-akimat listening on (http:\/\/[^"\s]+)/.exec(out)?.[1]
      if (url) {
        clearTimeout(timer)
        child.stdout?.off('data', check)
        resolve({ child, url, log: () => out })
      }
    }
    child.stdout?.on('data', check)
    child.on('close', (code) => reject(new Error(`serve exited ${code}:\n${out}`)))
  })
}

async function stopInstance(instance: Instance | undefined): Promise<number | null> {
  if (!instance || instance.child.exitCode !== null) return instance?.child.exitCode ?? null
  instance.child.kill('SIGTERM')
  const [code] = await once(instance.child, 'close')
  return code as number | null
}

/** The e-services JSON API as one client, with its cookie and CSRF token. */
class ApiClient {
  cookie = ''
  csrf = ''
  async call(base: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? ''
      if (!/max-age=0/i.test(line)) this.cookie = pair
    }
    return res
  }
}

/** Waits until `check` holds, polling. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe.each(BACKENDS)('two instances on one database [%s]', (backend: Backend) => {
  let database: TestDatabase
  let dataDir: string
  let smtp: SMTPServer
  const received: { to: string[]; subject: string }[] = []
  let one: Instance | undefined
  let two: Instance | undefined
  const base1 = () => one?.url ?? ''
  const base2 = () => two?.url ?? ''
  let reviewerEmail = ''
  let editor: Actor
  let providerId = 0
  let overdueObjectId = 0
  let uploadObjectId = 0
  const submitted: { id: number; revision: number }[] = []
  let holdersSeen = 0

  beforeAll(async () => {
    // An empty database and an empty DATA_DIR: both instances start at the same time, migrate,
    // import the bundled acts and make their keys without tripping over each other.
    database = await createEmptyTestDatabase(backend)
    dataDir = mkdtempSync(join(tmpdir(), 'e-akimat-instances-'))
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '',
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const smtpPort = (smtp.server.address() as AddressInfo).port

    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'e-akimat <portal@example.kz>',
      SCHEDULER_TICK_MS: '200',
      LOG_LEVEL: 'debug',
    }
    ;[one, two] = await Promise.all([startInstance(env), startInstance(env)])

    const store = new LocalFileStore(dataDir)
    const handle = await openDatabase(database.config)
    const db = handle.db
    try {
      const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
      const reviewer = await staff(db, {
        kind: 'service-integrator',
        roles: ['reviewer'],
        organisationId: admin.organisation.id,
      })
      reviewerEmail = reviewer.email
      editor = await staff(db, { kind: 'local-executive-body', roles: ['editor'] })
      const operator = await staff(db, { roles: ['operator'] })
      providerId = operator.organisation.id
      await bindProvider(db, admin, providerId, { feeKzt: 1_000, termWorkingDays: 5 })
      await applicant(db, FIXTURE_CASES.individual)

      const complete = async (name: string, submittedAt?: Date) => {
        const id = await createObject(db, editor, {
          kind: 'information-system',
          nameKk: name,
          nameRu: name,
          purpose: 'Тест',
          stage: 'creation',
          stageSince: '2026-01-15',
        })
        let rev = (await getObject(db, editor, id)).currentRevision
        for (const [fileName, bytes] of [
          ['ТТ.pdf', fixture('valid-pdfa1b.pdf')],
          ['ТТ.docx', fixture('valid.docx')],
        ] as const) {
          rev = (await uploadDocument(db, store, editor, id, rev, { item: 11, fileName, bytes }))
            .revision
        }
        if (!submittedAt) return { id, revision: rev }
        const review = await submitObject(db, editor, id, rev, submittedAt)
        return { id, revision: review.revision }
      }
      // Submitted two weeks ago and never decided: overdue.
      overdueObjectId = (
        await complete('Мерзімі өткен жүйе', new Date(Date.now() - 14 * 86_400_000))
      ).id
      for (let i = 0; i < CONCURRENT; i++) {
        submitted.push(await complete(`Жүйе ${i}`, new Date()))
      }
      uploadObjectId = await createObject(db, editor, {
        kind: 'information-system',
        nameKk: 'Жүктеу',
        nameRu: 'Загрузка',
        purpose: 'Тест',
        stage: 'creation',
        stageSince: '2026-01-15',
      })
      await submitAccountRequest(
        db,
        {
          organisationKind: 'local-executive-body',
          organisationNameKk: 'Аудан әкімдігі',
          organisationNameRu: 'Акимат района',
          organisationBin: testBin(Math.floor(Math.random() * 500_000)),
          organisationLevel: 'district',
          contactName: 'Асқар',
          contactPosition: 'Бас маман',
          contactEmail: 'late-request@example.kz',
          contactPhone: '+77010000000',
          requestedRole: 'editor',
          basis: 'Тест',
        },
        new Date(Date.now() - 14 * 86_400_000),
      )
    } finally {
      await handle.close()
    }
  }, 180_000)

  afterAll(async () => {
    await Promise.all([stopInstance(one), stopInstance(two)])
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('shares staff and applicant sessions; a sign-out on one ends the session on both', async () => {
    const staffOn1 = new WebSession(base1)
    expect((await staffOn1.signIn(reviewerEmail, PASSWORD)).status).toBe(303)
    const staffOn2 = new WebSession(base2)
    staffOn2.cookies = new Map(staffOn1.cookies)
    expect((await staffOn2.get('/account')).status).toBe(200)
    expect((await staffOn2.get('/api/portal/objects')).status).toBe(200)
    const csrf = await staffOn2.csrfFrom('/account')
    expect((await staffOn2.post('/logout', { _csrf: csrf })).status).toBe(303)
    const after = await staffOn1.get('/account')
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toMatch(/^\/login/)
    expect((await staffOn1.get('/api/portal/objects')).status).toBe(401)

    const citizen = new ApiClient()
    const signIn = await citizen.call(base1(), 'POST', '/api/citizen/session', {
      iin: FIXTURE_CASES.individual,
      password: PASSWORD,
    })
    expect(signIn.status).toBe(200)
    citizen.csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken
    expect((await citizen.call(base2(), 'GET', '/api/applications')).status).toBe(200)
    const out = await fetch(`${base2()}/citizen/logout`, {
      method: 'POST',
      headers: { cookie: citizen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: citizen.csrf }).toString(),
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    expect((await citizen.call(base1(), 'GET', '/api/applications')).status).toBe(401)
  })

  it('downloads through one instance a document uploaded through the other', async () => {
    const owner = new WebSession(base1)
    expect((await owner.signIn(editor.email, PASSWORD)).status).toBe(303)
    const page = await (await owner.get(`/portal/objects/${uploadObjectId}`)).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
    const revision = /name="revision" value="(\d+)"/.exec(page)?.[1] ?? ''
    const bytes = fixture('valid-pdfa1b.pdf')
    const data = new FormData()
    data.set('_csrf', csrf)
    data.set('revision', revision)
    data.set('item', '11')
    data.set('file', new File([bytes], 'ТТ.pdf', { type: 'application/pdf' }))
    expect((await owner.post(`/portal/objects/${uploadObjectId}/documents`, data)).status).toBe(303)
    const handle = await openDatabase(database.config)
    let documentId = 0
    try {
      const view = await getObject(handle.db, editor, uploadObjectId)
      documentId = view.snapshot.documents[0]?.id ?? 0
    } finally {
      await handle.close()
    }
    expect(documentId).toBeGreaterThan(0)
    const onTwo = new WebSession(base2)
    onTwo.cookies = new Map(owner.cookies)
    const res = await onTwo.get(`/portal/objects/${uploadObjectId}/documents/${documentId}`)
    expect(res.status).toBe(200)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes)
  })

  it('issues distinct accounting codes and application numbers under concurrent requests on both', async () => {
    const reviewer1 = new WebSession(base1)
    expect((await reviewer1.signIn(reviewerEmail, PASSWORD)).status).toBe(303)
    const reviewer2 = new WebSession(base2)
    reviewer2.cookies = new Map(reviewer1.cookies)
    const forms = await Promise.all(
      submitted.map(async (o, i) => {
        const session = i % 2 ? reviewer2 : reviewer1
        const html = await (await session.get(`/portal/objects/${o.id}`)).text()
        return {
          session,
          id: o.id,
          csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
          revision: /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '',
        }
      }),
    )
    const accepts = await Promise.all(
      forms.map((f) =>
        f.session.post(`/portal/objects/${f.id}/accept`, { _csrf: f.csrf, revision: f.revision }),
      ),
    )
    expect(accepts.map((r) => r.status)).toEqual(accepts.map(() => 303))

    const citizen = new ApiClient()
    const signIn = await citizen.call(base1(), 'POST', '/api/citizen/session', {
      iin: FIXTURE_CASES.individual,
      password: PASSWORD,
    })
    citizen.csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken
    const applications = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        citizen.call(i % 2 ? base2() : base1(), 'POST', '/api/applications', {
          service: 'apostille',
          providerOrganisationId: providerId,
          language: 'ru',
          form: {
            documentKind: 'archival-certificate',
            destinationCountry: 'Германия',
            issuingArchive: 'Национальный архив',
            documentNumber: `17-04/${i}`,
            documentDate: '2024-05-17',
          },
          attachments: [
            {
              slot: 'archivalDocument',
              name: 'справка.pdf',
              contentBase64: Buffer.from(TINY_PDF).toString('base64'),
            },
          ],
        }),
      ),
    )
    const bodies = await Promise.all(applications.map((r) => r.json()))
    expect(
      applications.map((r) => r.status),
      JSON.stringify(bodies.slice(0, 2)),
    ).toEqual(applications.map(() => 201))
    const numbers = bodies.map((b) => (b as { number: string }).number)
    expect(
      numbers.every((n) => /^[A-Z]+-\d{4}-\d{6}$/.test(n)),
      numbers.join(),
    ).toBe(true)
    expect(new Set(numbers).size).toBe(CONCURRENT)

    const handle = await openDatabase(database.config)
    try {
      const codes: string[] = []
      for (const o of submitted) {
        const code = (await getObject(handle.db, editor, o.id)).code
        expect(code).toMatch(/^KZ-IS-\d{4}-\d{5}-\d$/)
        codes.push(code ?? '')
      }
      expect(new Set(codes).size).toBe(CONCURRENT)
    } finally {
      await handle.close()
    }
  })

  it('runs scheduled work once: each job slot once, one reminder per overdue item, each mail once', async () => {
    const handle = await openDatabase(database.config)
    try {
      const db = handle.db
      // Let both instances tick through several 1-second slots.
      await until(
        async () => {
          const runs = await listJobRuns(db, { job: 'portal.deliver-mail' })
          const notifications = await listNotifications(db, { limit: 1000 })
          return runs.length >= 8 && notifications.every((n) => n.sentAt !== null)
        },
        60_000,
        'mail rounds',
      )
      await new Promise((r) => setTimeout(r, 2_000))
      const runs = await listJobRuns(db, { limit: 10_000 })
      const keys = runs.map((r) => `${r.job} ${r.slot}`)
      expect(new Set(keys).size).toBe(keys.length)
      for (const job of ['portal.deliver-mail', 'portal.deadlines', 'auth.housekeeping']) {
        const ofJob = runs.filter((r) => r.job === job)
        expect(ofJob.length, job).toBeGreaterThan(3)
        expect(
          ofJob.every((r) => r.outcome === 'ok'),
          JSON.stringify(ofJob.filter((r) => r.outcome !== 'ok')),
        ).toBe(true)
      }
      // Runs are made by the two instances only (whichever ticks first after a slot begins).
      const ids = [one, two].map(
        (i) => /"instance":"([^"]+)","jobs"/.exec(i?.log() ?? '')?.[1] ?? 'none',
      )
      expect(new Set(ids).size).toBe(2)
      expect(runs.every((r) => ids.includes(r.holder))).toBe(true)
      holdersSeen = [...new Set(runs.map((r) => r.holder))].length

      // The overdue review and account request were announced once, to the one reviewer.
      const outbox = await listNotifications(db, { limit: 1000 })
      const reminders = outbox.filter((n) => n.subject.includes('Срок рассмотрения истёк'))
      expect(reminders.map((n) => [n.email, n.link])).toEqual([
        [reviewerEmail, `/portal/objects/${overdueObjectId}`],
      ])
      expect(outbox.filter((n) => n.subject.includes('Срок по заявке'))).toHaveLength(1)
      const events = await db
        .selectFrom('portal_event')
        .select('object_id')
        .where('kind', '=', REVIEW_OVERDUE_EVENT)
        .execute()
      expect(events).toEqual([{ object_id: overdueObjectId }])

      // Every notification left the outbox, and the SMTP server got each exactly once.
      expect(outbox.length).toBeGreaterThan(CONCURRENT)
      expect(outbox.every((n) => n.sentAt !== null && n.attempts === 1)).toBe(true)
      expect(received).toHaveLength(outbox.length)
    } finally {
      await handle.close()
    }
  }, 90_000)

  it('both stop cleanly on SIGTERM', async () => {
    const [code1, code2] = await Promise.all([stopInstance(one), stopInstance(two)])
    expect([code1, code2]).toEqual([0, 0])
    expect(one?.log()).toContain('"msg":"stopped"')
    expect(one?.log()).not.toMatch(/"level":50/)
    expect(two?.log()).not.toMatch(/"level":50/)
    console.info(`[${backend}] instances that won job slots: ${holdersSeen} of 2`)
  })
})
