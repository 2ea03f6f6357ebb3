import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  type Actor,
  actorFor,
  createOrganisation,
  createUser,
  type OrganisationKind,
  type Role,
} from '../auth/index.js'
import {
  type CatalogExport,
  type CatalogSnapshot,
  exportCatalog,
  importBundledActs,
  loadCatalogSnapshot,
} from '../catalog/index.js'
import { ForbiddenError, InputError, NotFoundError } from '../core/index.js'
import {
  adoptTypicalSet,
  akimatArchitecture,
  computeIndicators,
  DecisionsRejected,
  decisionHistory,
  EXAMPLE_AKIMATS,
  gapReport,
  indicatorDashboard,
  indicatorHistory,
  readableAkimats,
  recordComputedValues,
  recordDecisions,
  recordIndicatorValue,
  regionComparison,
  seedExampleAkimat,
  typicalSetOptions,
} from './index.js'

type Row = CatalogExport['rows'][number]
const SECTION = { region: 1, district: 2, rural: 3 } as const

/**
 * The example's expected status of each function, worked out here from the exported catalogue
 * alone (not with the module's rules), as the example's pattern describes it.
 */
function expectedStatuses(exported: CatalogExport, section: number) {
  const rows = exported.rows
    .filter((r) => r.section === section && !r.status)
    .sort((a, b) => a.architecture.localeCompare(b.architecture) || a.number - b.number)
  const pairOf = new Map(exported.systems.map((s) => [s.id, s.pair]))
  return rows.map((row, i) => {
    const ids = row.systemIds ?? []
    const recommended = new Set(ids.flatMap((id) => [id, pairOf.get(id) ?? id]))
    const top = Math.max(1, ...row.levels.map((l) => l.level))
    const named = ids.length > 0
    let status: string
    let level = 0
    let system: string | null = null
    switch (i % 7) {
      case 0:
        status = 'not-performed'
        break
      case 1:
        status = 'not-automated'
        break
      case 2:
      case 6:
        level = top
        system = ids[0] ?? null
        status = 'ok'
        break
      case 3:
        level = 1
        system = ids[0] ?? null
        status = top > 1 ? 'below-level' : 'ok'
        break
      case 4:
        level = top
        status = named ? 'non-recommended' : 'ok'
        break
      default: {
        level = top
        system = recommended.has('ekabzh') ? 'eup' : 'ekabzh'
        status = !named || recommended.has(system) ? 'ok' : 'non-recommended'
      }
    }
    return { row, status, level, top, system, performed: i % 7 !== 0 }
  })
}

const isService = (row: Row) =>
  /мемлекеттік (және өзге )?(көрсетілетін )?қызмет\S* көрсет|рұқсат беру|государственн\S* услуг|разрешительн/i.test(
    (row.group ?? '').toLowerCase(),
  )

describe.each(BACKENDS)('akimat architectures and indicators [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let snapshot: CatalogSnapshot
  let seq = 0
  const examples: Record<string, Awaited<ReturnType<typeof seedExampleAkimat>>> = {}

  async function person(
    kind: OrganisationKind,
    roles: Role[],
    options: { orgId?: number; level?: 'region' | 'district' | 'rural' } = {},
  ): Promise<Actor> {
    seq++
    const orgId =
      options.orgId ??
      (
        await createOrganisation(handle().db, {
          kind,
          nameKk: `Ұйым ${seq}`,
          nameRu: `Организация ${seq}`,
          level: kind === 'local-executive-body' ? (options.level ?? 'district') : null,
        })
      ).id
    const { userId } = await createUser(handle().db, {
      email: `akimat-user${seq}@example.kz`,
      name: `Адам ${seq}`,
      organisationId: orgId,
      roles,
    })
    return (await actorFor(handle().db, userId, orgId))!
  }

  beforeAll(async () => {
    await importBundledActs(handle().db)
    snapshot = await loadCatalogSnapshot(handle().db)
    for (const example of EXAMPLE_AKIMATS) {
      examples[example.level] = await seedExampleAkimat(handle().db, snapshot, example)
    }
  }, 120_000)

  it('offers the fullest typical set of each level first', () => {
    const region = typicalSetOptions(snapshot, 'region')
    expect(region[0]).toMatchObject({ architecture: '158', date: '2018-07-13', rows: 757 })
    expect(typicalSetOptions(snapshot, 'district')[0]?.rows).toBe(423)
    expect(typicalSetOptions(snapshot, 'rural')[0]?.rows).toBe(37)
    // The restated rows of 304 are offered too, saying the base text is not loaded.
    expect(region.some((o) => o.architecture === '304' && !o.baseTextLoaded)).toBe(true)
  })

  for (const level of ['region', 'district', 'rural'] as const) {
    it(`judges the example ${level} akimat as the catalogue says`, async () => {
      const example = examples[level]!
      const exported = await exportCatalog(handle().db, { at: example.at })
      const expected = expectedStatuses(exported, SECTION[level])
      const architecture = await akimatArchitecture(
        handle().db,
        example.actor,
        snapshot,
        example.organisationId,
      )
      expect(architecture.functions.map((f) => f.key)).toEqual(
        expected.map((e) => `${e.row.architecture}:${e.row.section}.${e.row.number}`),
      )
      expect(architecture.functions.map((f) => f.status)).toEqual(expected.map((e) => e.status))
      const report = gapReport(architecture)
      const count = (s: string) => expected.filter((e) => e.status === s).length
      expect(report.notAutomated.length).toBe(count('not-automated'))
      expect(report.nonRecommended.length).toBe(count('non-recommended'))
      expect(report.belowLevel.length).toBe(count('below-level'))
      expect(report.gaps.length).toBe(
        count('not-automated') + count('non-recommended') + count('below-level'),
      )
      expect(count('non-recommended')).toBeGreaterThan(0)
      const performed = expected.filter((e) => e.performed)
      expect(report.automatedShare).toBeCloseTo(
        (100 * performed.filter((e) => e.level > 0).length) / performed.length,
        6,
      )

      // Indicators 1.2.4–1.2.6 and 1.2.10, counted here from the exported rows.
      const eLicensing = new Set(
        exported.systems.filter((s) => /ЕЛ\s*МДҚ|лиценз/i.test(s.name)).map((s) => s.id),
      )
      const services = expected.filter(
        (e) => e.performed && isService(e.row) && !(e.system && eLicensing.has(e.system)),
      )
      const full = services.filter((e) => e.level >= e.top).length
      const partial = services.filter((e) => e.level > 0 && e.level < e.top).length
      const resources = new Map<string, boolean>()
      for (const e of expected.filter((x) => x.performed)) {
        for (const r of e.row.resources) resources.set(r, resources.get(r) || e.level > 0)
      }
      const computed = await computeIndicators(
        handle().db,
        example.actor,
        snapshot,
        example.organisationId,
        '2026',
      )
      expect(computed['1.2.4'].value).toBe(full)
      expect(computed['1.2.5'].value).toBe(partial)
      expect(computed['1.2.6'].value).toBeCloseTo(
        services.length ? (100 * (full + partial)) / services.length : Number.NaN,
        1,
      )
      if (level === 'rural') {
        const electronic = [...resources.values()].filter(Boolean).length
        expect(resources.size).toBeGreaterThan(0)
        expect(computed['1.2.10'].value).toBeCloseTo((100 * electronic) / resources.size, 1)
      }
      expect(services.length).toBeGreaterThan(0)
    })
  }

  it('stores a batch whole or not at all, and keeps every version', async () => {
    const { actor, organisationId } = examples.district!
    const before = await akimatArchitecture(handle().db, actor, snapshot, organisationId)
    const [a, , b] = before.functions
    const error = await recordDecisions(
      handle().db,
      actor,
      snapshot,
      organisationId,
      [
        { key: a!.key, performed: true, level: 0, note: 'changed' },
        { key: b!.key, performed: true, systemId: 'no-such-system', level: 1 },
        { key: '158:9.999', performed: true, level: 0 },
      ],
      'api',
    ).catch((e) => e)
    expect(error).toBeInstanceOf(DecisionsRejected)
    expect((error as DecisionsRejected).problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'system'],
      [2, 'key'],
    ])
    const after = await akimatArchitecture(handle().db, actor, snapshot, organisationId)
    expect(after.functions[0]!.decision).toEqual(before.functions[0]!.decision)

    const stamp = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 5))
    const { changed } = await recordDecisions(
      handle().db,
      actor,
      snapshot,
      organisationId,
      [{ key: b!.key, performed: true, level: 0, note: 'waiting for the ministry' }],
      'form',
    )
    expect(changed).toBe(1)
    const history = await decisionHistory(handle().db, actor, organisationId, b!.key)
    // The example decided it (one version); this is the second.
    expect(history.map((h) => h.decision.note)).toEqual(['waiting for the ministry', null])
    expect(history[1]!.decision.level).toBeGreaterThan(0)
    // As at the moment before the change, the old decision.
    const past = await akimatArchitecture(handle().db, actor, snapshot, organisationId, {
      asOf: stamp,
    })
    expect(past.functions[2]!.decision).toEqual(before.functions[2]!.decision)
    // A stale version is refused.
    await expect(
      recordDecisions(
        handle().db,
        actor,
        snapshot,
        organisationId,
        [{ key: b!.key, performed: false, level: 0, expectedVersion: history[1]!.version }],
        'form',
      ),
    ).rejects.toBeInstanceOf(DecisionsRejected)
  })

  it('lets only the akimat, its region and the overseers read it; only its editors write', async () => {
    const { organisationId } = examples.district!
    const stranger = await person('local-executive-body', ['editor', 'admin'])
    await expect(
      akimatArchitecture(handle().db, stranger, snapshot, organisationId),
    ).rejects.toBeInstanceOf(NotFoundError)
    const reader = await person('local-executive-body', ['reader'], { orgId: organisationId })
    await akimatArchitecture(handle().db, reader, snapshot, organisationId)
    await expect(
      recordDecisions(handle().db, reader, snapshot, organisationId, [], 'form'),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const regionPerson = await person('local-executive-body', ['reader'], {
      orgId: examples.region!.organisationId,
    })
    const seen = (await readableAkimats(handle().db, regionPerson)).map((a) => a.organisation.id)
    expect(seen).toEqual(expect.arrayContaining([organisationId, examples.rural!.organisationId]))
    expect(seen).not.toContain(stranger.organisation.id)
    const overseer = await person('service-integrator', ['reader'])
    expect((await readableAkimats(handle().db, overseer)).length).toBeGreaterThanOrEqual(4)
  })

  it('checks the KATO code against the level and keeps it unique', async () => {
    const editor = await person('local-executive-body', ['editor'], { level: 'district' })
    const at = typicalSetOptions(snapshot, 'district')[0]!.date
    for (const kato of ['12345', '110000000', 'abcdefghi']) {
      await expect(
        adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, { kato, at }),
      ).rejects.toBeInstanceOf(InputError)
    }
    await expect(
      adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, {
        kato: EXAMPLE_AKIMATS[1]!.kato,
        at,
      }),
    ).rejects.toThrow(/another akimat/)
    await expect(
      adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, {
        kato: '114400000',
        at: '2019-06-01',
      }),
    ).rejects.toThrow(/No typical set/)
    const profile = await adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, {
      kato: '114400000',
      at,
    })
    expect(profile).toMatchObject({ kato: '114400000', typicalAt: at, revision: 1 })
    // Once adopted, the akimat cannot move itself into another region.
    await expect(
      adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, {
        kato: '750000100',
        at,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const again = await adoptTypicalSet(handle().db, editor, snapshot, editor.organisation.id, {
      kato: '114400000',
      at,
    })
    expect(again.revision).toBe(2)
  })

  it('takes hand-entered values with a note, computes the others, and keeps the history', async () => {
    const { actor, organisationId } = examples.region!
    await expect(
      recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
        code: '1.5.1',
        period: '2026',
        value: '87.5',
        note: '',
      }),
    ).rejects.toThrow(/where the value comes from/)
    await expect(
      recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
        code: '1.5.1',
        period: '2026',
        value: '120',
        note: 'inventory',
      }),
    ).rejects.toThrow(/0 to 100/)
    await expect(
      recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
        code: '1.2.4',
        period: '2026',
        value: '3',
        note: 'x',
      }),
    ).rejects.toThrow(/computed/)
    await expect(
      recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
        code: '2.2',
        period: '2026',
        value: '3.5',
        note: 'x',
      }),
    ).rejects.toThrow(/whole number/)
    // A reduction compared with last year may be negative (a growth), but not over 100 %.
    const growth = await recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
      code: '1.4.1',
      period: '2026',
      value: '-12.5',
      note: 'Two more server rooms than in 2025',
    })
    expect(growth.value).toBe(-12.5)
    await expect(
      recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
        code: '1.4.2',
        period: '2026',
        value: '120',
        note: 'x',
      }),
    ).rejects.toThrow(/at most 100/)
    await recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
      code: '1.5.1',
      period: '2026',
      value: '87,5',
      note: 'Inventory of 1 March',
    })
    await recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
      code: '1.5.1',
      period: '2026',
      value: 90,
      note: 'Inventory corrected',
    })
    const history = await indicatorHistory(handle().db, actor, snapshot, organisationId, '1.5.1')
    expect(history.map((h) => [h.value, h.note])).toEqual([
      [90, 'Inventory corrected'],
      [87.5, 'Inventory of 1 March'],
    ])
    const written = await recordComputedValues(handle().db, actor, snapshot, organisationId, '2026')
    // 1.2.7 (no applications) and 1.2.10 (no resources in section 1) have nothing to count.
    expect(written.map((w) => w.code)).toEqual(['1.2.4', '1.2.5', '1.2.6'])
    expect(
      await recordComputedValues(handle().db, actor, snapshot, organisationId, '2026'),
    ).toEqual([])
    // Section 1 prints no information resources: 1.2.10 cannot be computed for a region, so it
    // is entered by hand with its note, while 1.2.4 (computed) still cannot be.
    await recordIndicatorValue(handle().db, actor, snapshot, organisationId, {
      code: '1.2.10',
      period: '2026',
      value: '40',
      note: 'Register of the akimat’s information resources',
    })
    const dashboard = await indicatorDashboard(handle().db, actor, snapshot, organisationId, '2026')
    expect(dashboard.entries).toHaveLength(42)
    expect(dashboard.entries.find((e) => e.indicator.code === '1.2.10')).toMatchObject({
      computable: true,
      computed: false,
      value: 40,
    })
    const e151 = dashboard.entries.find((e) => e.indicator.code === '1.5.1')!
    expect(e151).toMatchObject({ value: 90, computed: false, versions: 2 })
    const e124 = dashboard.entries.find((e) => e.indicator.code === '1.2.4')!
    expect(e124.computed).toBe(true)
    expect(e124.value).toBe(written[0]!.value)
    expect(e124.trend.map((x) => x.period)).toEqual(['2023', '2024', '2025', '2026'])
    // Before the akimat adopted its typical set there is nothing to count: no value, not 0.
    expect(e124.trend.slice(0, 3).map((x) => x.value)).toEqual([null, null, null])
    // 1.2.7 has no applications: no value rather than a made-up 0.
    expect(dashboard.entries.find((e) => e.indicator.code === '1.2.7')!.value).toBeNull()

    const comparison = await regionComparison(handle().db, actor, snapshot, {
      region: '11',
      code: '1.5.1',
      period: '2026',
    })
    expect(comparison.akimats.map((a) => [a.akimat.profile?.kato, a.value])).toEqual([
      ['110000000', 90],
      ['114200000', null],
      ['114230100', null],
      ['114400000', null],
    ])
  })
})
