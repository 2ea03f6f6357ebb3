import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  applicant,
  signWith,
  staff,
  TestPki,
  testServicesContext,
} from '../../test/support/services.js'
import {
  adoptTypicalSet,
  akimatArchitecture,
  E_AKIMAT_SYSTEM,
  gapReport,
  importArchitecture,
  indicatorsOfArchitecture,
  isStateService,
  recordDecisions,
  typicalSetOptions,
  writeArchitectureXlsx,
} from '../akimat/index.js'
import type { Actor, Person } from '../auth/index.js'
import { type CatalogSnapshot, importBundledActs, loadCatalogSnapshot } from '../catalog/index.js'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import {
  applyOnPortal,
  dataToSignFor,
  decideApplication,
  FIXTURE_CASES,
  getApplication,
  issueResult,
  offeredServiceDefinitions,
  type ServicesContext,
  serviceDefinition,
  serviceRegister,
  setProvider,
  signApplication,
  storedVersions,
} from '../services/index.js'
import {
  addRecord,
  automationDetail,
  automationOverview,
  changeRecord,
  configureAutomation,
  recordHistory,
  registryCsv,
  registryView,
  switchOff,
  switchOn,
} from './index.js'

describe.each(BACKENDS)('switching on e-akimat automation [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let snapshot: CatalogSnapshot
  let admin: Actor
  let operator: Actor
  let signer: Actor
  let citizen: Person
  let pki: TestPki
  let ctx: ServicesContext
  let orgId: number

  beforeAll(async () => {
    await importBundledActs(db())
    snapshot = await loadCatalogSnapshot(db())
    pki = await TestPki.create()
    ctx = await testServicesContext(pki)
    admin = await staff(db(), { kind: 'local-executive-body', roles: ['admin'] })
    orgId = admin.organisation.id
    // staff() makes region-level akimats; this one is a district's.
    await db()
      .updateTable('auth_organisation')
      .set({ level: 'district' })
      .where('id', '=', orgId)
      .execute()
    admin = { ...admin, organisation: { ...admin.organisation, level: 'district' } }
    operator = await staff(db(), { roles: ['operator'], organisationId: orgId })
    signer = await staff(db(), { roles: ['signer'], organisationId: orgId })
    operator = { ...operator, organisation: admin.organisation }
    signer = { ...signer, organisation: admin.organisation }
    citizen = await applicant(db(), FIXTURE_CASES.individual)
    const option = typicalSetOptions(snapshot, 'district').find((o) => o.architecture === '304')!
    await adoptTypicalSet(db(), admin, snapshot, orgId, { kato: '751210000', at: option.date })
  }, 120_000)

  const yes = { confirmNotCentral: true }

  async function apply(code: string, subject = 'Прошу назначить пособие') {
    return applyOnPortal(db(), ctx, citizen, {
      serviceCode: code,
      providerOrganisationId: orgId,
      recipientKind: 'individual',
      language: 'ru',
      form: { subject, phone: '+7 701 000 00 00' },
      attachments: [],
      signedInAt: new Date(Date.now() - 60_000),
    })
  }

  async function sign(id: number) {
    const certificate = await pki.issue(citizen.iin)
    const data = await dataToSignFor(db(), { person: citizen }, id)
    return signApplication(db(), ctx, { person: citizen }, id, await signWith(certificate, data))
  }

  it('offers the 20 social services of 352/2022 as applications a central system covers only in part', async () => {
    const overview = await automationOverview(db(), admin, snapshot, orgId)
    const social = overview.functions.filter((f) => /^304:2\.2(0[5-9]|1\d|2[0-4])$/.test(f.key))
    expect(social).toHaveLength(20)
    for (const f of social) {
      expect(f.classification.pattern).toBe('application')
      expect(f.coverage).toBe('partial')
      expect(f.offered).toBe(true)
      expect(f.levelReached).toBe(1)
    }
  })

  it('refuses what a central system covers, what fits no pattern, and non-administrators', async () => {
    const overview = await automationOverview(db(), admin, snapshot, orgId)
    const central = overview.functions.find((f) => f.coverage === 'central')
    if (central) {
      await expect(switchOn(db(), admin, snapshot, orgId, central.key)).rejects.toMatchObject({
        messageKey: 'automation.error.central',
      })
    }
    await expect(switchOn(db(), operator, snapshot, orgId, '304:2.205')).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    const stranger = await staff(db(), { kind: 'local-executive-body', roles: ['admin'] })
    await expect(automationOverview(db(), stranger, snapshot, orgId)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(switchOn(db(), admin, snapshot, orgId, '158:2.1')).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  it('runs a switched-on service from application to the registries the row names, and the architecture counts it', async () => {
    const before = await akimatArchitecture(db(), admin, snapshot, orgId)
    const gapsBefore = gapReport(before)
    // Independently of the functions under test: the state services of the set are the rows of
    // the state-services group; none was automated, none prints levels.
    const services = before.functions.filter((f) => isStateService(f.row)).map((f) => f.key)
    expect(services).toContain('304:2.205')
    expect(indicatorsOfArchitecture(before, snapshot)['1.2.4'].value).toBe(0)

    // ПЭП and ИС РШЭП provide 2 of the 20 services: the administrator confirms this one is not.
    await expect(switchOn(db(), admin, snapshot, orgId, '304:2.205')).rejects.toMatchObject({
      messageKey: 'automation.error.confirmPartial',
    })
    const on = await switchOn(db(), admin, snapshot, orgId, '304:2.205', yes)
    await switchOn(db(), admin, snapshot, orgId, '304:2.216', yes)
    expect(on.serviceCode).toBe(`ea-${orgId}-304-2-205`)
    const definition = serviceDefinition(on.serviceCode!)!
    expect(definition.name.ru).toBe(
      'Назначение государственного пособия на детей до восемнадцати лет',
    )
    expect(definition.origin).toMatchObject({ functionKey: '304:2.205', organisationId: orgId })
    expect(offeredServiceDefinitions().map((d) => d.code)).toContain(on.serviceCode)
    // Only the akimat provides its own service: no administrator binds another organisation.
    const integrator = await staff(db(), { kind: 'service-integrator', roles: ['admin'] })
    await expect(
      setProvider(db(), integrator, {
        serviceCode: on.serviceCode!,
        organisationId: integrator.organisation.id,
        termWorkingDays: 5,
      }),
    ).rejects.toMatchObject({ messageKey: 'services.error.generatedProvider' })

    const after = await akimatArchitecture(db(), admin, snapshot, orgId)
    const fn = after.functions.find((f) => f.key === '304:2.205')!
    expect(fn.decision).toMatchObject({ systemId: E_AKIMAT_SYSTEM, level: 1 })
    expect(fn.status).toBe('ok')
    const indicators = indicatorsOfArchitecture(after, snapshot)
    expect(indicators['1.2.4'].value).toBe(2)
    expect(indicators['1.2.4'].basis.counted).toEqual(['304:2.205', '304:2.216'])
    expect(gapReport(after).notAutomated.length).toBe(gapsBefore.notAutomated.length - 2)

    // A citizen applies, signs; the operator decides; the signer issues the notice.
    let view = await apply(on.serviceCode!)
    expect(view.number).toMatch(/^E[A-Z]{3}-\d{4}-\d{6}$/)
    view = await sign(view.id)
    expect(view.waitingFor).toBe('provider-decision')
    view = await decideApplication(db(), ctx, operator, view.id, { meets: true })
    view = await issueResult(db(), ctx, signer, view.id)
    expect(view.status).toBe('completed')
    let refused = await apply(on.serviceCode!, 'Второе заявление')
    refused = await sign(refused.id)
    refused = await decideApplication(db(), ctx, operator, refused.id, {
      meets: false,
      reason: 'Ребёнок старше восемнадцати лет',
    })
    expect(refused.status).toBe('refused')

    const detail = await automationDetail(db(), operator, snapshot, orgId, '304:2.205')
    expect(detail.registries.map((r) => [r.kind, r.name.printed?.slice(0, 30)])).toEqual([
      ['applications', 'Реестр заявлений на получение '],
      ['notifications', 'Реестр уведомлений о назначени'],
      ['recipients', 'Реестр лиц до 18 лет, которым '],
    ])
    const numbers = async (i: number) =>
      (await registryView(db(), operator, detail.registries[i]!.id)).entries.map((e) => e.number)
    expect(await numbers(0)).toEqual([refused.number, view.number])
    expect(await numbers(1)).toEqual([refused.number, view.number])
    expect(await numbers(2)).toEqual([view.number])
    // The registers hold applicants' data: not for an editor who does not work on applications.
    const editor = await staff(db(), { roles: ['editor'], organisationId: orgId })
    await expect(
      registryView(db(), { ...editor, organisation: admin.organisation }, detail.registries[0]!.id),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const csv = registryCsv(await registryView(db(), operator, detail.registries[2]!.id), 'ru')
    expect(csv.toString('utf8')).toContain(view.number)

    // The architecture's workbook goes out and comes back with e-akimat's decisions unchanged;
    // a workbook cannot claim e-akimat's automation for a function that has none.
    const workbook = await writeArchitectureXlsx(after, snapshot)
    expect(await importArchitecture(db(), admin, snapshot, orgId, workbook)).toMatchObject({
      changed: 0,
    })
    await expect(
      recordDecisions(
        db(),
        admin,
        snapshot,
        orgId,
        [{ key: '304:2.206', performed: true, systemId: E_AKIMAT_SYSTEM, level: 1 }],
        'api',
      ),
    ).rejects.toBeInstanceOf(InputError)
  })

  it('versions the definition when an administrator configures it; applications keep theirs', async () => {
    const code = `ea-${orgId}-304-2-205`
    const first = await apply(code)
    const detail = await automationDetail(db(), admin, snapshot, orgId, '304:2.205')
    const config = {
      ...detail.automation!.config,
      decisionDays: 3,
      fields: [
        ...detail.automation!.config.fields,
        {
          id: 'childBirthDate',
          type: 'date' as const,
          label: {
            kk: 'Баланың туған күні',
            ru: 'Дата рождения ребёнка',
            en: 'Child’s birth date',
          },
          required: true,
        },
      ],
    }
    await expect(
      configureAutomation(db(), admin, snapshot, orgId, '304:2.205', {
        config: { ...config, fields: [{ ...config.fields[0], id: 'Bad id' }] },
      }),
    ).rejects.toBeInstanceOf(InputError)
    await configureAutomation(db(), admin, snapshot, orgId, '304:2.205', { config })
    expect(storedVersions(code).map((v) => v.definition.version)).toEqual([1, 2])
    const limit = serviceDefinition(code)!.channels.portal.steps.find((s) => s.id === 'C3')!.limit
    expect(limit).toMatchObject({ workingDays: 3 })
    await expect(apply(code)).rejects.toBeInstanceOf(InputError)
    const second = await applyOnPortal(db(), ctx, citizen, {
      serviceCode: code,
      providerOrganisationId: orgId,
      recipientKind: 'individual',
      language: 'ru',
      form: { subject: 'С датой', childBirthDate: '2015-03-01' },
      attachments: [],
      signedInAt: new Date(),
    })
    expect(second.definitionVersion).toBe(2)
    const old = await getApplication(db(), { person: citizen }, first.id)
    expect(old?.definitionVersion).toBe(1)
  })

  it('switches off without losing anything, and on again', async () => {
    const code = `ea-${orgId}-304-2-216`
    let application = await apply(code)
    application = await sign(application.id)
    await switchOff(db(), admin, snapshot, orgId, '304:2.216')
    expect(offeredServiceDefinitions().map((d) => d.code)).not.toContain(code)
    await expect(apply(code)).rejects.toMatchObject({
      messageKey: 'services.error.serviceWithdrawn',
    })
    // The application made before goes on to its end.
    const decided = await decideApplication(db(), ctx, operator, application.id, { meets: true })
    expect(decided.waitingFor).toBe('signer')
    expect((await serviceRegister(db(), code, orgId, 'applications')).map((e) => e.number)).toEqual(
      [application.number],
    )
    const architecture = await akimatArchitecture(db(), admin, snapshot, orgId)
    expect(architecture.functions.find((f) => f.key === '304:2.216')!.decision.level).toBe(0)
    expect(indicatorsOfArchitecture(architecture, snapshot)['1.2.4'].value).toBe(1)
    await switchOn(db(), admin, snapshot, orgId, '304:2.216', yes)
    expect(offeredServiceDefinitions().map((d) => d.code)).toContain(code)
    expect(storedVersions(code)).toHaveLength(1)
    const events = (await automationDetail(db(), admin, snapshot, orgId, '304:2.216')).events
    expect(events.map((e) => e.kind)).toEqual(['switched-on', 'switched-off', 'switched-on'])
  })

  it('keeps a registry with configurable fields, records, history and export', async () => {
    const overview = await automationOverview(db(), admin, snapshot, orgId)
    const target = overview.functions.find(
      (f) => f.offered && f.classification.pattern !== 'application',
    )!
    expect(target).toBeDefined()
    await switchOn(db(), admin, snapshot, orgId, target.key)
    const detail = await automationDetail(db(), admin, snapshot, orgId, target.key)
    const registry = detail.registries[0]!
    expect(registry.kind).toBe('records')
    await expect(addRecord(db(), operator, registry.id, {})).rejects.toBeInstanceOf(InputError)
    const record = await addRecord(db(), operator, registry.id, {
      [registry.fields[0]!.id]: 'Первая запись',
      date: '2026-11-27',
    })
    expect(record.number).toBe(1)
    await expect(
      addRecord(db(), signer, registry.id, { [registry.fields[0]!.id]: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const changed = await changeRecord(db(), operator, registry.id, record.id, {
      data: { [registry.fields[0]!.id]: 'Исправленная запись' },
      expectedRevision: 1,
    })
    expect(changed.revision).toBe(2)
    await expect(
      changeRecord(db(), operator, registry.id, record.id, { removed: true, expectedRevision: 1 }),
    ).rejects.toBeInstanceOf(ConflictError)
    expect(
      (await recordHistory(db(), operator, registry.id, record.id)).map((v) => v.change),
    ).toEqual(['created', 'updated'])
    // A new field; the old ones stay in the records.
    await configureAutomation(db(), admin, snapshot, orgId, target.key, {
      registryFields: {
        [registry.slot]: [
          ...registry.fields,
          {
            id: 'owner',
            type: 'text',
            label: { kk: 'Иесі', ru: 'Владелец', en: 'Owner' },
            required: false,
          },
        ],
      },
    })
    const view = await registryView(db(), operator, registry.id)
    expect(view.registry.fields.map((f) => f.id)).toContain('owner')
    expect(registryCsv(view, 'ru').toString('utf8')).toContain('Исправленная запись')
    await switchOff(db(), admin, snapshot, orgId, target.key)
    await expect(
      addRecord(db(), operator, registry.id, { [registry.fields[0]!.id]: 'после' }),
    ).rejects.toBeInstanceOf(ConflictError)
    expect((await registryView(db(), operator, registry.id)).records).toHaveLength(1)
    const stranger = await staff(db(), { kind: 'local-executive-body', roles: ['operator'] })
    await expect(registryView(db(), stranger, registry.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('keeps the akimat’s decision in step: no batch changes it while e-akimat automates it, and switching off restores the earlier one', async () => {
    const key = '304:2.208'
    await recordDecisions(
      db(),
      admin,
      snapshot,
      orgId,
      [{ key, performed: true, systemId: 'pep', level: 1, note: 'через портал' }],
      'api',
    )
    await switchOn(db(), admin, snapshot, orgId, key, yes)
    const decided = async () =>
      (await akimatArchitecture(db(), admin, snapshot, orgId)).functions.find((f) => f.key === key)!
        .decision
    expect(await decided()).toMatchObject({ systemId: E_AKIMAT_SYSTEM, level: 1 })
    await expect(
      recordDecisions(db(), admin, snapshot, orgId, [{ key, performed: true, level: 0 }], 'form'),
    ).rejects.toMatchObject({
      problems: [expect.objectContaining({ messageKey: 'akimat.problem.automated' })],
    })
    // The same decision with another target or note passes.
    await recordDecisions(
      db(),
      admin,
      snapshot,
      orgId,
      [{ key, performed: true, systemId: E_AKIMAT_SYSTEM, level: 1, note: 'e-akimat' }],
      'form',
    )
    await switchOff(db(), admin, snapshot, orgId, key)
    expect(await decided()).toMatchObject({ systemId: 'pep', level: 1, note: 'через портал' })
  })

  it('switches off a function that left the adopted set after the akimat adopted another', async () => {
    const older = typicalSetOptions(snapshot, 'district').find((o) => o.architecture === '158')!
    await adoptTypicalSet(db(), admin, snapshot, orgId, { kato: '751210000', at: older.date })
    const overview = await automationOverview(db(), admin, snapshot, orgId)
    expect(overview.functions.some((f) => f.key === '304:2.205')).toBe(false)
    const outside = overview.outside.find((a) => a.functionKey === '304:2.205')
    expect(outside?.enabled).toBe(true)
    await switchOff(db(), admin, snapshot, orgId, '304:2.205')
    expect(offeredServiceDefinitions().map((d) => d.code)).not.toContain(`ea-${orgId}-304-2-205`)
    const after = await automationOverview(db(), admin, snapshot, orgId)
    expect(after.outside.find((a) => a.functionKey === '304:2.205')?.enabled).toBe(false)
  })
})
