import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  applicant,
  bindProvider,
  signWith,
  staff,
  TestPki,
  TINY_PDF,
  testServicesContext,
} from '../../test/support/services.js'
import type { Actor, Person } from '../auth/index.js'
import { ConflictError, ForbiddenError, InputError } from '../core/index.js'
import {
  answerSurvey,
  applicationsOf,
  applyOnPortal,
  dataToSignFor,
  decideApplication,
  FIXTURE_CASES,
  getApplication,
  inboxOf,
  issueResult,
  matchesIssuedDocument,
  payApplication,
  registerAtDesk,
  resultDocumentFor,
  resultSignatureFor,
  type ServicesContext,
  serviceFigures,
  setSharing,
  signApplication,
  TEST_CARDS,
  verification,
} from './index.js'

const FORMS: Record<string, Record<string, string>> = {}

describe.each(BACKENDS)('e-services engine [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let pki: TestPki
  let ctx: ServicesContext
  let provider: Actor
  let signer: Actor
  let otherOrg: Actor
  let centre: Actor
  let citizen: Person
  let company: Person
  let stranger: Person

  beforeAll(async () => {
    pki = await TestPki.create()
    ctx = await testServicesContext(pki)
    const admin = await staff(db(), { kind: 'service-integrator', roles: ['admin'] })
    provider = await staff(db(), { kind: 'state-body', roles: ['operator'] })
    signer = await staff(db(), { roles: ['signer'], organisationId: provider.organisation.id })
    otherOrg = await staff(db(), { kind: 'state-body', roles: ['operator', 'signer'] })
    centre = await staff(db(), { kind: 'service-centre', roles: ['operator'] })
    await bindProvider(db(), admin, provider.organisation.id, { feeKzt: 2_500, termWorkingDays: 5 })
    citizen = await applicant(db(), FIXTURE_CASES.individual)
    company = await applicant(db(), FIXTURE_CASES.entityHead, 'Басшы Ерлан')
    stranger = await applicant(db(), FIXTURE_CASES.principal, 'Бөтен Адам')
    for (const [code, form] of Object.entries(await formsFor())) FORMS[code] = form
  })
  afterAll(() => undefined)

  /** A valid form for each service, from its definition's fields. */
  async function formsFor(): Promise<Record<string, Record<string, string>>> {
    const { loadServiceDefinitions } = await import('./definitions.js')
    const forms: Record<string, Record<string, string>> = {}
    for (const d of loadServiceDefinitions()) {
      forms[d.code] = Object.fromEntries(
        d.form.fields.map((f) => [
          f.id,
          f.type === 'date'
            ? '2024-05-17'
            : f.type === 'number'
              ? '3'
              : f.type === 'select'
                ? (f.options?.[0]?.value ?? '')
                : 'Тексеру мәтіні',
        ]),
      )
    }
    return forms
  }

  async function attachmentsFor(code: string) {
    const { serviceDefinition } = await import('./definitions.js')
    const definition = serviceDefinition(code)
    return (definition?.form.attachments ?? [])
      .filter((a) => a.required)
      .map((a) => ({ slot: a.id, originalName: `${a.id}.pdf`, bytes: TINY_PDF }))
  }

  async function apply(
    code: string,
    person: Person = citizen,
    extra: Partial<Parameters<typeof applyOnPortal>[3]> = {},
  ) {
    return applyOnPortal(db(), ctx, person, {
      serviceCode: code,
      providerOrganisationId: provider.organisation.id,
      recipientKind: 'individual',
      language: 'kk',
      form: FORMS[code] ?? {},
      attachments: await attachmentsFor(code),
      signedInAt: new Date(Date.now() - 120_000),
      formOpenedAt: new Date(Date.now() - 60_000),
      ...extra,
    })
  }

  async function sign(person: Person, id: number, certificateIin = person.iin, bin?: string) {
    const certificate = await pki.issue(certificateIin, { bin })
    const data = await dataToSignFor(db(), { person }, id)
    return signApplication(db(), ctx, { person }, id, await signWith(certificate, data))
  }

  it('runs the apostille through the portal: payment, signature, registration, decision, signed result', async () => {
    let view = await apply('apostille')
    expect(view.number).toMatch(/^APS-\d{4}-\d{6}$/)
    expect(view.status).toBe('in-progress')
    expect(view.waitingFor).toBe('applicant-payment')
    expect(view.events.map((e) => e.stepId)).toEqual(['P1', 'C1', 'P3'])
    expect(view.feeKzt).toBe(2_500)

    const paid = await payApplication(
      db(),
      ctx,
      { personId: citizen.personId, iin: citizen.iin, name: citizen.name },
      view.id,
      TEST_CARDS.paid,
    )
    expect(paid.outcome).toBe('paid')
    view = paid.view
    expect(view.waitingFor).toBe('applicant-signature')

    view = await sign(citizen, view.id)
    expect(view.waitingFor).toBe('provider-decision')
    expect(view.registeredAt).not.toBeNull()
    expect(view.dueOn).not.toBeNull()

    await expect(decideApplication(db(), ctx, otherOrg, view.id, { meets: true })).rejects.toThrow()
    await expect(issueResult(db(), ctx, signer, view.id)).rejects.toBeInstanceOf(ConflictError)
    view = await decideApplication(db(), ctx, provider, view.id, { meets: true })
    expect(view.waitingFor).toBe('signer')
    await expect(issueResult(db(), ctx, provider, view.id)).rejects.toBeInstanceOf(ForbiddenError)
    view = await issueResult(db(), ctx, signer, view.id)
    expect(view.status).toBe('completed')
    expect(view.events.map((e) => `${e.stepId}:${e.outcome}`)).toEqual([
      'P1:done',
      'C1:passed',
      'P3:done',
      'P4:done',
      'C2:passed',
      'P6:done',
      'C3:passed',
      'P8:done',
      'P9:done',
      'C4:passed',
      'P11:issued',
    ])
    expect(view.result?.kind).toBe('result')
    expect(view.result?.ready).toBe(true)

    const document = await resultDocumentFor(db(), ctx, { person: citizen }, view.id)
    expect(new TextDecoder().decode(document.bytes.subarray(0, 5))).toBe('%PDF-')
    expect(await matchesIssuedDocument(db(), view.result?.code ?? '', document.bytes)).toBe(true)
    expect(await matchesIssuedDocument(db(), view.result?.code ?? '', TINY_PDF)).toBe(false)
    // The document is signed: the signature checks over it and over nothing else.
    expect(await ctx.adapters.resultSigner.verify(document.signature, document.bytes)).toBe(true)
    expect(await ctx.adapters.resultSigner.verify(document.signature, TINY_PDF)).toBe(false)
    expect((await verification(db(), view.result?.code ?? '', ctx))?.signatureValid).toBe(true)
    const p7s = await resultSignatureFor(db(), ctx, { person: citizen }, view.id)
    expect(p7s.fileName).toBe(`${view.number}.pdf.p7s`)
    expect(p7s.bytes[0]).toBe(0x30) // a DER SEQUENCE
    await expect(resultSignatureFor(db(), ctx, { person: stranger }, view.id)).rejects.toThrow()

    // The verification page shows nothing personal until the applicant chooses to share it.
    const hidden = await verification(db(), view.result?.code ?? '')
    expect(hidden?.kind).toBeNull()
    expect(hidden?.serviceCode).toBeNull()
    expect(hidden?.issuedOn).toBeNull()
    // Whoever holds the document sees its details (they are printed on it).
    const holder = await verification(db(), view.result?.code ?? '', ctx, { holdsDocument: true })
    expect(holder?.kind).toBe('result')
    expect(holder?.serviceCode).toBe('apostille')
    expect(hidden?.recipientName).toBeNull()
    expect(hidden?.applicationNumber).toBeNull()
    expect(hidden?.documentShared).toBe(false)
    await setSharing(db(), citizen, view.id, {
      details: true,
      name: true,
      number: false,
      document: true,
    })
    const shared = await verification(db(), view.result?.code ?? '')
    expect(shared?.recipientName).toBe(citizen.name)
    expect(shared?.applicationNumber).toBeNull()
    expect(shared?.documentShared).toBe(true)

    await answerSurvey(db(), citizen, view.id, { quality: 3, information: 2 })
    await expect(
      answerSurvey(db(), citizen, view.id, { quality: 3, information: 2 }),
    ).rejects.toBeInstanceOf(ConflictError)
  })

  it('counts the term in Kazakhstan working days from registration', async () => {
    // Registered on Friday 2026-03-20: 23 March (Nauryz) and its substitute days 24–25 March are
    // not working days, so five working days end on 1 April, not on 27 March.
    let view = await apply('archival-certificate', citizen, {
      now: new Date('2026-03-20T05:00:00Z'),
      signedInAt: new Date('2026-03-20T04:58:00Z'),
      formOpenedAt: new Date('2026-03-20T04:59:00Z'),
    })
    expect(view.waitingFor).toBe('applicant-signature')
    const certificate = await pki.issue(citizen.iin)
    const data = await dataToSignFor(db(), { person: citizen }, view.id)
    view = await signApplication(
      db(),
      ctx,
      { person: citizen },
      view.id,
      await signWith(certificate, data),
      new Date('2026-03-20T05:02:00Z'),
    )
    expect(view.dueOn).toBe('2026-04-01')
    const later = await getApplication(
      db(),
      { actor: provider },
      view.id,
      new Date('2026-04-02T06:00:00Z'),
    )
    expect(later?.overdue).toBe(true)
    const inTime = await getApplication(
      db(),
      { actor: provider },
      view.id,
      new Date('2026-04-01T12:00:00Z'),
    )
    expect(inTime?.overdue).toBe(false)
  })

  it('measures each step against the limit the regulation prints, in seconds', async () => {
    const view = await apply('apostille', citizen, {
      signedInAt: new Date(Date.now() - 600_000),
      formOpenedAt: new Date(Date.now() - 300_000),
    })
    const form = view.events.find((e) => e.stepId === 'P3')
    expect(form?.limitSeconds).toBe(90)
    expect(form?.milliseconds).toBeGreaterThanOrEqual(299_000)
    expect(form?.overLimit).toBe(true)
    const quick = await apply('apostille')
    expect(quick.events.find((e) => e.stepId === 'P3')?.overLimit).toBe(false)
  })

  it('refuses for non-payment when the card is declined, and keeps waiting when the gateway does not answer', async () => {
    const person = { personId: citizen.personId, iin: citizen.iin, name: citizen.name }
    const first = await apply('mass-media-registration')
    const timeout = await payApplication(db(), ctx, person, first.id, TEST_CARDS.noAnswer)
    expect(timeout.outcome).toBe('timeout')
    expect(timeout.view.status).toBe('in-progress')
    expect(timeout.view.waitingFor).toBe('applicant-payment')
    const next = await apply('mass-media-registration')
    const declined = await payApplication(db(), ctx, person, next.id, TEST_CARDS.declined)
    expect(declined.outcome).toBe('declined')
    expect(declined.view.status).toBe('refused')
    expect(declined.view.refusalReason).toBe('unpaid')
    expect(declined.view.refusalDetail).toBe('declined')
    expect(declined.view.result?.kind).toBe('refusal')
    await expect(
      payApplication(db(), ctx, person, next.id, TEST_CARDS.paid),
    ).rejects.toBeInstanceOf(ConflictError)
  })

  it.each([
    ['identity-mismatch', 'another person’s certificate'],
    ['revoked', 'a revoked certificate'],
    ['expired', 'an expired certificate'],
    ['data-mismatch', 'a signature over other data'],
    ['untrusted', 'a certificate of an unknown authority'],
  ])('refuses the signature step for %s (%s)', async (failure) => {
    const view = await apply('archival-certificate')
    let certificate = await pki.issue(citizen.iin)
    let data = await dataToSignFor(db(), { person: citizen }, view.id)
    if (failure === 'identity-mismatch') certificate = await pki.issue(stranger.iin)
    if (failure === 'revoked') await pki.revoke(certificate)
    if (failure === 'expired') {
      certificate = await pki.issue(citizen.iin, {
        notBefore: new Date(Date.now() - 400 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      })
    }
    if (failure === 'data-mismatch') data = data.replace('"version"', '"versions"')
    if (failure === 'untrusted') {
      const other = await TestPki.create('Another CA')
      certificate = await other.issue(citizen.iin)
    }
    const signed = await signApplication(
      db(),
      ctx,
      { person: citizen },
      view.id,
      await signWith(certificate, data),
    )
    expect(signed.status).toBe('refused')
    expect(signed.refusalReason).toBe('signature')
    expect(signed.refusalDetail).toBe(failure)
    expect(signed.events.at(-1)?.stepId).toBe('P4')
    expect(signed.result?.ready).toBe(true)
  })

  it('does not refuse the application for a signature it cannot read: the applicant tries again', async () => {
    const view = await apply('archival-certificate')
    await expect(
      signApplication(db(), ctx, { person: citizen }, view.id, 'aGVsbG8='),
    ).rejects.toBeInstanceOf(InputError)
    const still = await getApplication(db(), { person: citizen }, view.id)
    expect(still?.status).toBe('in-progress')
    expect(still?.waitingFor).toBe('applicant-signature')
    // A company's certificate is not the person's own for an individual application.
    const companyCertificate = await pki.issue(citizen.iin, { bin: FIXTURE_CASES.entity })
    const data = await dataToSignFor(db(), { person: citizen }, view.id)
    const signed = await signApplication(
      db(),
      ctx,
      { person: citizen },
      view.id,
      await signWith(companyCertificate, data),
    )
    expect(signed.refusalDetail).toBe('identity-mismatch')
  })

  it('charges once: two payments at once, and a retry after a timeout the gateway did take', async () => {
    let charges = 0
    const inner = ctx.adapters.payments
    const counting: ServicesContext = {
      ...ctx,
      adapters: {
        ...ctx.adapters,
        payments: {
          charge: async (request) => {
            charges += 1
            return inner.charge(request)
          },
          status: (reference) => inner.status(reference),
        },
      },
    }
    const first = await apply('apostille')
    const both = await Promise.allSettled([
      payApplication(db(), counting, citizen, first.id, TEST_CARDS.paid),
      payApplication(db(), counting, citizen, first.id, TEST_CARDS.paid),
    ])
    expect(charges).toBe(1)
    expect(both.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect((await getApplication(db(), { person: citizen }, first.id))?.waitingFor).toBe(
      'applicant-signature',
    )

    // The gateway does not answer in time but takes the charge (after 2 s in the test gateway):
    // asking again while it works is refused, and once it has answered the charge counts.
    charges = 0
    const second = await apply('apostille')
    const timeout = await payApplication(db(), counting, citizen, second.id, TEST_CARDS.noAnswer)
    expect(timeout.outcome).toBe('timeout')
    await expect(
      payApplication(db(), counting, citizen, second.id, TEST_CARDS.paid),
    ).rejects.toBeInstanceOf(ConflictError)
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    const settled = await payApplication(db(), counting, citizen, second.id, TEST_CARDS.paid)
    expect(settled.outcome).toBe('paid')
    expect(charges).toBe(1)
    expect(settled.view.waitingFor).toBe('applicant-signature')

    // An answer recorded but not applied (the request died between the two writes) is applied
    // by the next attempt, without charging.
    charges = 0
    const third = await apply('apostille')
    await db()
      .insertInto('services_payment')
      .values({
        application_id: third.id,
        reference: `${third.number}-lost`,
        amount_kzt: 2_500,
        outcome: 'paid',
        gateway_reference: 'SIM-LOST',
        at: new Date().toISOString(),
      })
      .execute()
    const applied = await payApplication(db(), counting, citizen, third.id, TEST_CARDS.paid)
    expect(applied.outcome).toBe('paid')
    expect(charges).toBe(0)
    expect(applied.view.waitingFor).toBe('applicant-signature')
  })

  it('shows applications only to the provider’s operators and signers, and only once registered', async () => {
    const reader = await staff(db(), {
      roles: ['reader', 'editor'],
      organisationId: provider.organisation.id,
    })
    const view = await apply('archival-certificate')
    expect(await getApplication(db(), { actor: provider }, view.id)).toBeUndefined()
    expect((await inboxOf(db(), provider)).some((a) => a.id === view.id)).toBe(false)
    await sign(citizen, view.id)
    expect(await getApplication(db(), { actor: provider }, view.id)).toBeDefined()
    expect(await getApplication(db(), { actor: reader }, view.id)).toBeUndefined()
    expect(await inboxOf(db(), reader)).toEqual([])
  })

  it('keeps the fee and term an application was made with when the provider binding changes', async () => {
    const admin = await staff(db(), { kind: 'authorised-body', roles: ['admin'] })
    const other = await staff(db(), { kind: 'state-body', roles: ['operator'] })
    await bindProvider(db(), admin, other.organisation.id, { feeKzt: 700, termWorkingDays: 3 })
    const view = await apply('apostille', citizen, {
      providerOrganisationId: other.organisation.id,
    })
    expect(view.feeKzt).toBe(700)
    const { removeProvider } = await import('./index.js')
    for (const code of ['apostille', 'archival-certificate', 'mass-media-registration']) {
      await removeProvider(db(), admin, code, other.organisation.id)
    }
    const paid = await payApplication(db(), ctx, citizen, view.id, TEST_CARDS.paid)
    expect(paid.outcome).toBe('paid')
  })

  it('checks the BIN of a company’s certificate against the application', async () => {
    const view = await apply('archival-certificate', company, {
      recipientKind: 'legal-entity',
      bin: FIXTURE_CASES.entity,
    })
    const wrong = await sign(company, view.id, company.iin, FIXTURE_CASES.absentBin)
    expect(wrong.refusalDetail).toBe('identity-mismatch')
    const next = await apply('archival-certificate', company, {
      recipientKind: 'legal-entity',
      bin: FIXTURE_CASES.entity,
    })
    const right = await sign(company, next.id, company.iin, FIXTURE_CASES.entity)
    expect(right.waitingFor).toBe('provider-decision')
  })

  it('refuses with the employee’s reasons when the grounds are not met', async () => {
    const view = await apply('archival-certificate')
    await sign(citizen, view.id)
    await expect(
      decideApplication(db(), ctx, provider, view.id, { meets: false, reason: 'no' }),
    ).rejects.toBeInstanceOf(InputError)
    const refused = await decideApplication(db(), ctx, provider, view.id, {
      meets: false,
      reason: 'Мұрағаттық анықтаманың көшірмесі оқылмайды.',
    })
    expect(refused.status).toBe('refused')
    expect(refused.refusalReason).toBe('grounds')
    expect(refused.refusalText).toBe('Мұрағаттық анықтаманың көшірмесі оқылмайды.')
  })

  it('registers at the desk: no state data is refused at once, else the operator signs and the provider decides', async () => {
    const base = {
      serviceCode: 'archival-certificate',
      channel: 'desk' as const,
      providerOrganisationId: provider.organisation.id,
      recipientKind: 'individual' as const,
      language: 'ru' as const,
      form: FORMS['archival-certificate'] ?? {},
      attachments: await attachmentsFor('archival-certificate'),
    }
    const missing = await registerAtDesk(db(), ctx, provider, {
      ...base,
      iin: FIXTURE_CASES.absentIin,
    })
    expect(missing.status).toBe('refused')
    expect(missing.refusalReason).toBe('state-data')
    expect(missing.refusalDetail).toBe('recipient-missing')
    expect(missing.events.map((e) => e.stepId)).toEqual(['P1', 'P2', 'P3', 'C1', 'P4'])

    await expect(
      registerAtDesk(db(), ctx, otherOrg, { ...base, iin: FIXTURE_CASES.individual }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    let view = await registerAtDesk(db(), ctx, provider, { ...base, iin: FIXTURE_CASES.individual })
    expect(view.waitingFor).toBe('employee-signature')
    expect(view.recipient.name).not.toBe(FIXTURE_CASES.individual)
    const data = await dataToSignFor(db(), { actor: provider }, view.id)
    const employeeBin = provider.organisation.bin ?? ''
    const revokedCert = await pki.issue('850722300021', { bin: employeeBin })
    await pki.revoke(revokedCert)
    await expect(
      signApplication(db(), ctx, { actor: provider }, view.id, await signWith(revokedCert, data)),
    ).rejects.toBeInstanceOf(InputError)
    // An employee's certificate must carry their organisation's BIN, not only be valid.
    const personal = await pki.issue('850722300021')
    await expect(
      signApplication(db(), ctx, { actor: provider }, view.id, await signWith(personal, data)),
    ).rejects.toThrow(/organisation’s BIN/)
    const otherOrganisation = await pki.issue('850722300021', {
      bin: otherOrg.organisation.bin ?? '',
    })
    await expect(
      signApplication(
        db(),
        ctx,
        { actor: provider },
        view.id,
        await signWith(otherOrganisation, data),
      ),
    ).rejects.toThrow(/organisation’s BIN/)
    view = await signApplication(
      db(),
      ctx,
      { actor: provider },
      view.id,
      await signWith(await pki.issue('850722300021', { bin: employeeBin }), data),
    )
    expect(view.waitingFor).toBe('provider-decision')
    const inbox = await inboxOf(db(), provider)
    expect(inbox.some((a) => a.id === view.id)).toBe(true)
    expect((await inboxOf(db(), otherOrg)).some((a) => a.id === view.id)).toBe(false)
    view = await decideApplication(db(), ctx, provider, view.id, { meets: true })
    view = await issueResult(db(), ctx, signer, view.id)
    expect(view.status).toBe('completed')
  })

  it('checks the power of attorney at a service centre', async () => {
    const base = {
      serviceCode: 'apostille',
      channel: 'service-centre' as const,
      providerOrganisationId: provider.organisation.id,
      recipientKind: 'individual' as const,
      language: 'kk' as const,
      form: FORMS.apostille ?? {},
      attachments: await attachmentsFor('apostille'),
    }
    const expired = await registerAtDesk(db(), ctx, centre, {
      ...base,
      iin: FIXTURE_CASES.expiredPrincipal,
      representativeIin: FIXTURE_CASES.expiredRepresentative,
      powerOfAttorney: FIXTURE_CASES.expiredPowerOfAttorney,
    })
    expect(expired.status).toBe('refused')
    expect(expired.refusalDetail).toBe('expired')
    const valid = await registerAtDesk(db(), ctx, centre, {
      ...base,
      iin: FIXTURE_CASES.principal,
      representativeIin: FIXTURE_CASES.representative,
      powerOfAttorney: FIXTURE_CASES.powerOfAttorney,
    })
    expect(valid.waitingFor).toBe('employee-signature')
    expect(valid.centre?.id).toBe(centre.organisation.id)
    // The centre sees it; the provider only once the signed request reaches it and is
    // registered; another organisation never.
    expect(await getApplication(db(), { actor: centre }, valid.id)).toBeDefined()
    expect(await getApplication(db(), { actor: provider }, valid.id)).toBeUndefined()
    expect(await getApplication(db(), { actor: otherOrg }, valid.id)).toBeUndefined()
    // Only a service centre registers through the centre.
    await expect(
      registerAtDesk(db(), ctx, provider, { ...base, iin: FIXTURE_CASES.principal }),
    ).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('lets an applicant see only their own applications', async () => {
    const view = await apply('archival-certificate')
    expect(await getApplication(db(), { person: stranger }, view.id)).toBeUndefined()
    await expect(dataToSignFor(db(), { person: stranger }, view.id)).rejects.toThrow()
    await expect(resultDocumentFor(db(), ctx, { person: stranger }, view.id)).rejects.toThrow()
    expect((await applicationsOf(db(), stranger)).some((a) => a.id === view.id)).toBe(false)
    expect((await applicationsOf(db(), citizen)).some((a) => a.id === view.id)).toBe(true)
    await expect(
      setSharing(db(), stranger, view.id, { name: true, number: true, document: true }),
    ).rejects.toThrow()
  })

  it('gives distinct numbers and lets only one of two simultaneous decisions through', async () => {
    const views = await Promise.all([1, 2, 3, 4].map(() => apply('archival-certificate')))
    const numbers = new Set(views.map((v) => v.number))
    expect(numbers.size).toBe(4)
    const view = views[0]
    if (!view) throw new Error('no view')
    await sign(citizen, view.id)
    const outcomes = await Promise.allSettled([
      decideApplication(db(), ctx, provider, view.id, { meets: true }),
      decideApplication(db(), ctx, provider, view.id, {
        meets: false,
        reason: 'Құжаттар толық емес.',
      }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(ConflictError)
  })

  it('refuses bad forms and attachments with their field named', async () => {
    await expect(apply('archival-certificate', citizen, { form: {} })).rejects.toBeInstanceOf(
      InputError,
    )
    await expect(
      apply('apostille', citizen, {
        attachments: (await attachmentsFor('apostille')).map((a) => ({
          ...a,
          bytes: new TextEncoder().encode('not a pdf'),
        })),
      }),
    ).rejects.toBeInstanceOf(InputError)
    await expect(
      apply('archival-certificate', citizen, { recipientKind: 'legal-entity', bin: '123' }),
    ).rejects.toBeInstanceOf(InputError)
  })

  it('reports figures: counts, refusals by reason, steps over their limit, survey answers', async () => {
    const figures = await serviceFigures(db(), 'apostille')
    expect(figures.total).toBeGreaterThanOrEqual(3)
    expect(figures.completed).toBeGreaterThanOrEqual(1)
    expect(figures.byChannel.portal).toBeGreaterThanOrEqual(2)
    expect(figures.stepsWithLimit).toBeGreaterThan(0)
    expect(figures.stepsWithinLimit).toBeLessThan(figures.stepsWithLimit)
    const form = figures.steps.find((s) => s.channel === 'portal' && s.stepId === 'P3')
    expect(form?.overLimit).toBeGreaterThanOrEqual(1)
    expect(figures.survey.answers).toBe(1)
    expect(figures.survey.quality).toEqual([0, 0, 1])
    const archival = await serviceFigures(db(), 'archival-certificate')
    expect(archival.refusalsByReason.signature).toBeGreaterThanOrEqual(5)
    expect(archival.refusalsByReason.grounds).toBeGreaterThanOrEqual(1)
  })
})
