import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { staff, testBin } from '../../test/support/services.js'
import { LocalFileStore } from '../files/index.js'
import {
  acceptObject,
  createObject,
  getObject,
  listNotifications,
  notifyOverdue,
  submitAccountRequest,
  submitObject,
  uploadDocument,
} from './index.js'

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/files')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))
const DAY = 86_400_000

describe.each(BACKENDS)('deadline reminders [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-deadlines-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('announces each overdue review and account request once, to the reviewers', async () => {
    const db = handle().db
    const store = new LocalFileStore(dataDir)
    const reviewer = await staff(db, { kind: 'service-integrator', roles: ['reviewer'] })
    const editor = await staff(db, { kind: 'local-executive-body', roles: ['editor'] })
    const submitted = async (name: string, at: Date) => {
      const id = await createObject(db, editor, {
        kind: 'information-system',
        nameKk: `${name} жүйесі`,
        nameRu: `Система ${name}`,
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
      return { id, review: await submitObject(db, editor, id, rev, at) }
    }
    const now = new Date()
    const late = await submitted('кеш', new Date(now.getTime() - 20 * DAY))
    const decided = await submitted('шешілген', new Date(now.getTime() - 20 * DAY))
    await acceptObject(db, reviewer, decided.id, decided.review.revision)
    const fresh = await submitted('жаңа', now)
    await submitAccountRequest(
      db,
      {
        organisationKind: 'local-executive-body',
        organisationNameKk: 'Кеш әкімдік',
        organisationNameRu: 'Поздний акимат',
        organisationBin: testBin(Math.floor(Math.random() * 500_000)),
        organisationLevel: 'district',
        contactName: 'Асқар',
        contactPosition: 'Маман',
        contactEmail: `late-${backend}@example.kz`,
        contactPhone: '+77010000000',
        requestedRole: 'editor',
        basis: 'Тест',
      },
      new Date(now.getTime() - 20 * DAY),
    )

    expect(await notifyOverdue(db, now)).toEqual({ reviews: 1, accountRequests: 1 })
    const reminders = async () =>
      (await listNotifications(db, { userId: reviewer.userId })).filter((n) =>
        n.subject.includes('Срок рассмотрения истёк'),
      )
    const outbox = await reminders()
    expect(outbox).toHaveLength(1)
    const reminder = outbox.find((n) => n.link === `/portal/objects/${late.id}`)
    expect(reminder?.subject).toBe(
      'Қарау мерзімі өтті: кеш жүйесі / Срок рассмотрения истёк: Система кеш',
    )
    expect(reminder?.body).toContain(late.review.dueOn)
    const all = await listNotifications(db, { userId: reviewer.userId })
    expect(all.filter((n) => n.subject.includes('Срок по заявке'))).toHaveLength(1)
    expect(all.find((n) => n.subject.includes('Срок по заявке'))?.subject).toContain(
      'Поздний акимат',
    )

    // Once per item: later checks announce nothing new, even days later.
    expect(await notifyOverdue(db, now)).toEqual({ reviews: 0, accountRequests: 0 })
    expect(await notifyOverdue(db, new Date(now.getTime() + 2 * DAY))).toEqual({
      reviews: 0,
      accountRequests: 0,
    })
    // Two weeks on, the fresh review is overdue too: announced once, the others not again.
    expect(await notifyOverdue(db, new Date(now.getTime() + 14 * DAY))).toEqual({
      reviews: 1,
      accountRequests: 0,
    })
    expect((await reminders()).map((n) => n.link).sort()).toEqual(
      [`/portal/objects/${fresh.id}`, `/portal/objects/${late.id}`].sort(),
    )
    expect(decided.id).toBeGreaterThan(0)
  })
})
