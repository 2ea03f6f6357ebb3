import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  type Actor,
  actorFor,
  createOrganisation,
  createUser,
  type OrganisationKind,
  type Role,
} from '../auth/index.js'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import { LocalFileStore } from '../files/index.js'
import {
  acceptObject,
  addRelation,
  changeStage,
  createObject,
  DocumentRejectedError,
  editObject,
  getDocument,
  getObject,
  grantAccountRequest,
  incomingRelations,
  isValidAccountingCode,
  listAccountRequests,
  listNotifications,
  listObjects,
  objectTimeline,
  recordChange,
  requestUpdate,
  returnObject,
  reviewQueue,
  submitAccountRequest,
  submitObject,
  uploadDocument,
} from './index.js'

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/files')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

describe.each(BACKENDS)('architecture portal [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let dataDir: string
  let store: LocalFileStore
  let akimat: Actor
  let akimatReader: Actor
  let other: Actor
  let reviewer: Actor
  let seq = 0

  async function actor(kind: OrganisationKind, roles: Role[], orgId?: number): Promise<Actor> {
    seq++
    const org =
      orgId ??
      (
        await createOrganisation(handle().db, {
          kind,
          nameKk: `Ұйым ${seq}`,
          nameRu: `Организация ${seq}`,
          level: kind === 'local-executive-body' ? 'district' : null,
        })
      ).id
    const { userId } = await createUser(handle().db, {
      email: `user${seq}@example.kz`,
      name: `Пайдаланушы ${seq}`,
      organisationId: org,
      roles,
      password: 'a long enough password 1',
    })
    const a = await actorFor(handle().db, userId, org)
    if (!a) throw new Error('no actor')
    return a
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-files-'))
    store = new LocalFileStore(dataDir)
    akimat = await actor('local-executive-body', ['editor'])
    akimatReader = await actor('local-executive-body', ['reader'], akimat.organisation.id)
    other = await actor('local-executive-body', ['editor'])
    reviewer = await actor('service-integrator', ['reviewer'])
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  const newObject = (who: Actor, name = 'Әкімдіктің құжат айналымы жүйесі') =>
    createObject(handle().db, who, {
      kind: 'information-system',
      nameKk: name,
      nameRu: 'Система документооборота акимата',
      purpose: 'Өтініштерді тіркеу',
      stage: 'creation',
      stageSince: '2026-01-15',
    })

  async function complete(id: number) {
    const db = handle().db
    let rev = (await getObject(db, akimat, id)).currentRevision
    rev = (
      await uploadDocument(db, store, akimat, id, rev, {
        item: 11,
        fileName: 'ТТ.pdf',
        bytes: fixture('valid-pdfa1b.pdf'),
      })
    ).revision
    rev = (
      await uploadDocument(db, store, akimat, id, rev, {
        item: 11,
        fileName: 'ТТ.docx',
        bytes: fixture('valid.docx'),
      })
    ).revision
    return rev
  }

  it('walks draft → submitted → returned → resubmitted → accepted with a valid code', async () => {
    const db = handle().db
    const id = await newObject(akimat)
    const view = await getObject(db, akimat, id)
    expect(view.reviewState).toBe('draft')
    await expect(submitObject(db, akimat, id, view.currentRevision)).rejects.toMatchObject({
      messageKey: 'portal.error.incomplete',
      params: { items: '11' },
    })
    const rev = await complete(id)
    const submitted = await submitObject(db, akimat, id, rev, new Date('2024-03-20T06:00:00Z'))
    // Wed 20 March 2024 + 5 working days: 21–23 Nauryz, 24 Sunday, 25 the substitute day off;
    // then 26, 27, 28, 29 March and 1 April.
    expect(submitted.dueOn).toBe('2024-04-01')
    // A double submit is refused and leaves one review.
    await expect(submitObject(db, akimat, id, rev)).rejects.toBeInstanceOf(ConflictError)
    // Under review, the owner cannot change it.
    await expect(
      editObject(db, akimat, id, rev, {
        kind: 'information-system',
        nameKk: 'Жаңа',
        nameRu: 'Новое',
        purpose: 'x',
      }),
    ).rejects.toMatchObject({ messageKey: 'portal.error.underReview' })
    const onDue = await reviewQueue(db, reviewer, new Date('2024-04-01T06:00:00Z'))
    expect(onDue.find((q) => q.objectId === id)).toMatchObject({
      dueOn: '2024-04-01',
      overdue: false,
    })
    const dayAfter = await reviewQueue(db, reviewer, new Date('2024-04-02T06:00:00Z'))
    expect(dayAfter.find((q) => q.objectId === id)?.overdue).toBe(true)
    await expect(returnObject(db, reviewer, id, rev, [])).rejects.toBeInstanceOf(InputError)
    await returnObject(db, reviewer, id, rev, [
      { target: 'purpose', text: 'Мақсатын толығырақ жазыңыз' },
      { target: 'document:11', text: 'Қол қойылған нұсқасы керек' },
    ])
    expect((await getObject(db, akimat, id)).reviewState).toBe('returned')
    const rev2 = await editObject(db, akimat, id, rev, {
      kind: 'information-system',
      nameKk: 'Әкімдіктің құжат айналымы жүйесі',
      nameRu: 'Система документооборота акимата',
      purpose: 'Өтініштерді тіркеу, қарау және шешімдерді келісу',
    })
    await submitObject(db, akimat, id, rev2)
    expect((await reviewQueue(db, reviewer)).find((q) => q.objectId === id)?.resubmission).toBe(
      true,
    )
    // Accepting the old revision is refused; the current one gets a code.
    await expect(acceptObject(db, reviewer, id, rev)).rejects.toBeInstanceOf(ConflictError)
    const { code } = await acceptObject(db, reviewer, id, rev2)
    expect(isValidAccountingCode(code)).toBe(true)
    expect(code).toMatch(/^KZ-IS-\d{4}-\d{5}-\d$/)
    const accepted = await getObject(db, akimat, id)
    expect(accepted).toMatchObject({ reviewState: 'accepted', code })
    // The owner was told at each decision (outbox), the reviewers at each submission.
    const mails = await listNotifications(db)
    expect(mails.filter((m) => m.userId === akimat.userId).map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(code),
        expect.stringContaining('Ескертулермен'),
      ]),
    )
    // History: every step, with the edit's diff.
    const timeline = await objectTimeline(db, akimat, id)
    expect(timeline.map((e) => e.kind)).toEqual([
      'review.accepted',
      'review.submitted',
      'object.edited',
      'review.returned',
      'review.submitted',
      'document.uploaded',
      'document.uploaded',
      'object.created',
    ])
    const edit = timeline.find((e) => e.kind === 'object.edited')
    expect(edit?.changes).toEqual([
      {
        field: 'purpose',
        before: 'Өтініштерді тіркеу',
        after: 'Өтініштерді тіркеу, қарау және шешімдерді келісу',
      },
    ])
  })

  it('starts the 10-working-day update term when an accepted object changes; the code stays', async () => {
    const db = handle().db
    const id = await newObject(akimat, 'Жер кадастры')
    const rev = await complete(id)
    await submitObject(db, akimat, id, rev)
    const { code } = await acceptObject(db, reviewer, id, rev)
    const rev2 = await changeStage(db, akimat, id, rev, {
      stage: 'trial-operation',
      onDate: '2026-11-20',
    })
    const changed = await getObject(db, akimat, id)
    expect(changed.reviewState).toBe('changed')
    expect(changed.updateDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Others still see the accepted revision, at the old stage.
    const seen = await getObject(db, other, id)
    expect(seen.snapshot.stage).toBe('creation')
    expect(seen.revision).toBe(rev)
    // Trial operation needs more documents before it can be submitted.
    await expect(submitObject(db, akimat, id, rev2)).rejects.toMatchObject({
      messageKey: 'portal.error.incomplete',
    })
    expect((await getObject(db, akimat, id)).code).toBe(code)
  })

  it('counts the update term from the day the information changed, or from the reviewer’s request', async () => {
    const db = handle().db
    const id = await newObject(akimat, 'Мектептер тізілімі')
    const rev = await complete(id)
    await submitObject(db, akimat, id, rev)
    await acceptObject(db, reviewer, id, rev)
    await expect(
      recordChange(db, akimat, id, '2099-01-01', new Date('2025-03-21T05:00:00Z')),
    ).rejects.toMatchObject({ messageKey: 'portal.error.futureDate' })
    await expect(recordChange(db, other, id, '2025-03-20')).rejects.toBeInstanceOf(ForbiddenError)
    // Thu 20 March 2025: Nauryz on the 21st, the weekend, substitutes on the 24th and 25th; the
    // tenth working day after is Tue 8 April.
    const due = await recordChange(db, akimat, id, '2025-03-20', new Date('2025-03-21T05:00:00Z'))
    expect(due).toBe('2025-04-08')
    expect(await getObject(db, akimat, id)).toMatchObject({
      reviewState: 'changed',
      updateDueOn: '2025-04-08',
    })
    // The reviewer asks too: the earlier term stays; only reviewers may ask.
    await expect(requestUpdate(db, akimat, id, 'x')).rejects.toBeInstanceOf(ForbiddenError)
    await expect(requestUpdate(db, reviewer, id, '  ')).rejects.toBeInstanceOf(InputError)
    expect(await requestUpdate(db, reviewer, id, 'Сынақ хаттамасы жоқ')).toBe('2025-04-08')
    const kinds = (await objectTimeline(db, akimat, id)).map((e) => e.kind)
    expect(kinds.slice(0, 2)).toEqual(['update.requested', 'update.recorded'])
    const mails = await listNotifications(db)
    expect(
      mails.some((m) => m.userId === akimat.userId && m.body.includes('Сынақ хаттамасы жоқ')),
    ).toBe(true)
    // A draft has no update term.
    const draft = await newObject(akimat, 'Жоба')
    await expect(requestUpdate(db, reviewer, draft, 'x')).rejects.toBeInstanceOf(NotFoundError)
    await expect(recordChange(db, akimat, draft, '2025-03-20')).rejects.toMatchObject({
      messageKey: 'portal.error.notAccepted',
    })
  })

  it('hides drafts, submissions and files from other organisations', async () => {
    const db = handle().db
    const id = await newObject(akimat, 'Жасырын жоба')
    await expect(getObject(db, other, id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(getObject(db, reviewer, id)).rejects.toBeInstanceOf(NotFoundError)
    expect((await listObjects(db, other)).some((o) => o.id === id)).toBe(false)
    const rev = await complete(id)
    const doc = (await getObject(db, akimat, id)).snapshot.documents[0]
    if (!doc) throw new Error('no document')
    await expect(getDocument(db, other, id, doc.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      editObject(db, other, id, rev, { kind: 'software', nameKk: 'x', nameRu: 'x', purpose: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await submitObject(db, akimat, id, rev)
    // The reviewer now sees it and its files; the other akimat still does not.
    expect((await getObject(db, reviewer, id)).revision).toBe(rev)
    expect((await getDocument(db, reviewer, id, doc.id)).format).toBeDefined()
    await expect(getObject(db, other, id)).rejects.toBeInstanceOf(NotFoundError)
    await acceptObject(db, reviewer, id, rev)
    // Accepted: the registry shows it to everyone signed in, but not its documents or history.
    expect((await getObject(db, other, id)).audience).toBe('registry')
    await expect(getDocument(db, other, id, doc.id)).rejects.toBeInstanceOf(NotFoundError)
    expect(await objectTimeline(db, other, id)).toEqual([])
    // A reader of the owner sees it but cannot change it.
    await expect(
      editObject(db, akimatReader, id, rev, {
        kind: 'software',
        nameKk: 'x',
        nameRu: 'x',
        purpose: 'x',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    // Reviewers decide; owners do not.
    await expect(reviewQueue(db, akimat)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('refuses bad files by content and stores nothing for them', async () => {
    const db = handle().db
    const id = await newObject(akimat, 'Файлдар')
    const before = await getObject(db, akimat, id)
    const upload = (fileName: string, bytes: Uint8Array) =>
      uploadDocument(db, store, akimat, id, before.currentRevision, { item: 11, fileName, bytes })
    const blobsBefore = countBlobs(dataDir)
    for (const [name, file, key] of [
      ['scan.pdf', 'not-a-pdf.pdf', 'portal.error.fileType'],
      ['plain.pdf', 'plain.pdf', 'portal.error.notPdfA'],
      ['secret.pdf', 'encrypted.pdf', 'portal.error.notPdfA'],
      ['script.pdf', 'javascript.pdf', 'portal.error.notPdfA'],
      ['source.docx', 'renamed-zip.docx', 'portal.error.zipNotDocx'],
      ['source.docx', 'renamed-pdf.docx', 'portal.error.extension'],
    ] as const) {
      const error = await upload(name, fixture(file)).catch((e: unknown) => e)
      expect(error, file).toBeInstanceOf(DocumentRejectedError)
      expect((error as DocumentRejectedError).messageKey, file).toBe(key)
    }
    const encrypted = (await upload('secret.pdf', fixture('encrypted.pdf')).catch(
      (e) => e,
    )) as DocumentRejectedError
    expect(encrypted.checks.find((c) => c.id === 'encryption')?.passed).toBe(false)
    await expect(
      upload('../../etc/passwd.pdf', fixture('valid-pdfa1b.pdf')),
    ).rejects.toBeInstanceOf(InputError)
    await expect(upload('big.pdf', new Uint8Array(21 * 1024 * 1024))).rejects.toMatchObject({
      messageKey: 'portal.error.fileTooLarge',
    })
    const after = await getObject(db, akimat, id)
    expect(after.currentRevision).toBe(before.currentRevision)
    expect(after.snapshot.documents).toEqual([])
    expect(countBlobs(dataDir)).toBe(blobsBefore)
  })

  it('refuses a stale form and keeps the other change', async () => {
    const db = handle().db
    const id = await newObject(akimat, 'Ескі форма')
    const rev = (await getObject(db, akimat, id)).currentRevision
    const fields = { kind: 'information-system', nameRu: 'Старая форма', purpose: 'Мақсат' }
    await editObject(db, akimat, id, rev, { ...fields, nameKk: 'Бірінші өзгеріс' })
    await expect(
      editObject(db, akimat, id, rev, { ...fields, nameKk: 'Екінші өзгеріс' }),
    ).rejects.toMatchObject({ messageKey: 'portal.error.stale' })
    expect((await getObject(db, akimat, id)).snapshot.nameKk).toBe('Бірінші өзгеріс')
  })

  it('keeps relations visible only as far as each side may see', async () => {
    const db = handle().db
    const platform = await newObject(akimat, 'Платформа')
    const module = await newObject(akimat, 'Модуль')
    const rev = (await getObject(db, akimat, module)).currentRevision
    await addRelation(db, akimat, module, rev, { type: 'part-of', targetId: platform })
    const incoming = await incomingRelations(db, akimat, platform)
    expect(incoming.map((r) => [r.type, r.sourceId])).toEqual([['part-of', module]])
    // A cycle of parts is refused.
    const prev = (await getObject(db, akimat, platform)).currentRevision
    await expect(
      addRelation(db, akimat, platform, prev, { type: 'part-of', targetId: module }),
    ).rejects.toMatchObject({ messageKey: 'portal.error.relationCycle' })
    // Another organisation cannot link to a draft it cannot see.
    const mine = await newObject(other, 'Басқа')
    const r = (await getObject(db, other, mine)).currentRevision
    await expect(
      addRelation(db, other, mine, r, { type: 'uses', targetId: platform }),
    ).rejects.toBeInstanceOf(NotFoundError)
  })

  it('grants an account request within two working days, once', async () => {
    const db = handle().db
    const request = await submitAccountRequest(
      db,
      {
        organisationKind: 'local-executive-body',
        organisationNameKk: 'Бурабай ауданының әкімдігі',
        organisationNameRu: 'Акимат Бурабайского района',
        organisationBin: '123456789013',
        organisationLevel: 'district',
        contactName: 'Асқар <script>alert(1)</script>',
        contactPosition: 'IT бөлімінің басшысы',
        contactEmail: 'Askar@Burabay.example.kz',
        contactPhone: '+7 701 000 00 00',
        requestedRole: 'editor',
        basis: 'Ақпараттандыру объектілерін есепке алу',
      },
      new Date('2025-03-20T05:00:00Z'),
    )
    // Thu 20 March 2025: Fri 21 is Nauryz, Sat–Sun, Mon 24 and Tue 25 are its substitutes.
    expect(request.dueOn).toBe('2025-03-27')
    expect(request.contactName).toBe('Асқар <script>alert(1)</script>')
    await expect(
      submitAccountRequest(db, { ...baseRequest(), contactEmail: 'askar@burabay.example.kz' }),
    ).rejects.toMatchObject({ messageKey: 'portal.error.requestPending' })
    await expect(listAccountRequests(db, akimat)).rejects.toBeInstanceOf(ForbiddenError)
    const granted = await grantAccountRequest(db, reviewer, request.id)
    expect(granted.activationPath).toMatch(/^\/account\/activate\?token=/)
    expect(granted.request.status).toBe('granted')
    await expect(grantAccountRequest(db, reviewer, request.id)).rejects.toBeInstanceOf(
      ConflictError,
    )
    const mails = await listNotifications(db)
    expect(
      mails.some(
        (m) => m.email === 'askar@burabay.example.kz' && m.link === granted.activationPath,
      ),
    ).toBe(true)
    // A second person from the same akimat (same BIN): joining the existing organisation must
    // be confirmed, and its members are told.
    const colleague = await submitAccountRequest(db, {
      ...baseRequest(),
      organisationBin: '123456789013',
      contactEmail: 'colleague@burabay.example.kz',
    })
    await expect(grantAccountRequest(db, reviewer, colleague.id)).rejects.toMatchObject({
      messageKey: 'portal.error.binExists',
    })
    const joined = await grantAccountRequest(db, reviewer, colleague.id, { joinExisting: true })
    expect(joined.request.organisationId).toBe(granted.request.organisationId)
    const after = await listNotifications(db)
    expect(
      after.some((m) => m.email === 'askar@burabay.example.kz' && m.body.includes('colleague@')),
    ).toBe(true)
  })
})

function baseRequest() {
  return {
    organisationKind: 'local-executive-body',
    organisationNameKk: 'Әкімдік',
    organisationNameRu: 'Акимат',
    organisationBin: '123456789025',
    organisationLevel: 'district',
    contactName: 'Аты',
    contactPosition: 'Маман',
    contactEmail: 'x@example.kz',
    contactPhone: '+7 701 000 00 01',
    requestedRole: 'reader',
    basis: 'Қарау',
  }
}

function countBlobs(dir: string): number {
  try {
    return readdirSync(join(dir, 'blobs'), { recursive: true }).filter((f) =>
      /[0-9a-f]{64}$/.test(String(f)),
    ).length
  } catch {
    return 0
  }
}
