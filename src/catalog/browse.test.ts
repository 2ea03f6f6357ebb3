import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  actEntries,
  coverage,
  diffCatalog,
  diffSide,
  filterOptions,
  filterRows,
  loadedPeriods,
  noticesOn,
  rowWithHistory,
  summarizeLevels,
  systemsDirectory,
  todayInKazakhstan,
} from './browse.js'
import { importBundledActs } from './import.js'
import { CatalogCache, type CatalogSnapshot, loadCatalogSnapshot } from './snapshot.js'
import { setEffectiveDate } from './versions.js'

describe.each(BACKENDS)('browsing the catalogue [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let snapshot: CatalogSnapshot

  beforeAll(async () => {
    await importBundledActs(handle().db)
    snapshot = await loadCatalogSnapshot(handle().db)
  })

  it('shows the 158 text on a day it was in force, by level and group', () => {
    const rows = filterRows(snapshot, { at: '2017-01-01' })
    expect(rows).toHaveLength(757 + 423 + 37)
    expect(new Set(rows.map((r) => r.act))).toEqual(new Set(['158']))
    const levels = summarizeLevels(snapshot, rows, '2017-01-01')
    expect(levels.map((l) => l.rows)).toEqual([757, 423, 37])
    expect(levels[0]!.title).toMatchObject({ act: '158', title: expect.stringMatching(/^Облыс/) })
    for (const level of levels) {
      // Groups partition the level: their counts add up to the level's.
      expect(level.groups.reduce((n, g) => n + g.rows, 0)).toBe(level.rows)
      expect(level.groups.reduce((n, g) => n + g.withSystem, 0)).toBe(level.withSystem)
    }
  })

  it('filters by level, group, system, automation level and "no system", each narrowing', () => {
    const at = '2017-01-01'
    const all = filterRows(snapshot, { at })
    const section2 = filterRows(snapshot, { at, section: 2 })
    expect(section2.every((r) => r.section === 2)).toBe(true)
    const group = section2[0]!.group!
    const inGroup = filterRows(snapshot, { at, section: 2, group })
    expect(inGroup.length).toBeGreaterThan(0)
    expect(inGroup.every((r) => r.group === group)).toBe(true)
    const system = filterOptions(snapshot, at).systems[0]!
    // Within a level, the counts are the level's.
    for (const g of filterOptions(snapshot, at, 1).groups) {
      expect(filterRows(snapshot, { at, section: 1, group: g.value })).toHaveLength(g.rows)
    }
    const bySystem = filterRows(snapshot, { at, system: system.value })
    expect(bySystem).toHaveLength(system.rows)
    expect(bySystem.every((r) => r.systemIds.includes(system.value))).toBe(true)
    const without = filterRows(snapshot, { at, withoutSystem: true })
    expect(without.every((r) => r.systems.length === 0)).toBe(true)
    expect(without.length + all.filter((r) => r.systemIds.length).length).toBe(all.length)
    const level3 = filterRows(snapshot, { at, automationLevel: 3 })
    expect(level3.length).toBeGreaterThan(0)
    expect(level3.every((r) => r.levels.some((l) => l.level === 3))).toBe(true)
  })

  it('shows order 304 as its amendments restate it, with a notice that its text is not loaded', () => {
    const at = '2022-11-01'
    const rows = filterRows(snapshot, { at })
    expect(new Set(rows.map((r) => r.act))).toEqual(new Set(['142', '352']))
    expect(rows.some((r) => r.id === '352:2.206')).toBe(true)
    expect(noticesOn(snapshot, at)).toEqual([
      { kind: 'base-text-missing', architecture: '304', acts: ['142', '352'] },
    ])
    // Before 352 took effect, only 142's rows.
    expect(new Set(filterRows(snapshot, { at: '2022-01-01' }).map((r) => r.act))).toEqual(
      new Set(['142']),
    )
  })

  it('tells what is in force when nothing loaded is, and offers the loaded periods', () => {
    const today = todayInKazakhstan(new Date('2026-11-26T10:00:00Z'))
    expect(today).toBe('2026-11-26')
    expect(filterRows(snapshot, { at: today })).toEqual([])
    const [notice] = noticesOn(snapshot, today)
    expect(notice?.kind).toBe('nothing-in-force')
    expect(loadedPeriods(snapshot)).toEqual([
      expect.objectContaining({ architecture: '158', lastDay: '2018-07-13', baseTextLoaded: true }),
      expect.objectContaining({
        architecture: '304',
        acts: ['142', '352'],
        lastDay: '2022-12-31',
        baseTextLoaded: false,
      }),
    ])
    // The last day of each period does show rows; the next day does not.
    expect(filterRows(snapshot, { at: '2018-07-13' }).length).toBe(1217)
    expect(filterRows(snapshot, { at: '2018-07-14' })).toEqual([])
  })

  it('gives a row with its systems, and a deleted row with its history', () => {
    const { row, systems, history } = rowWithHistory(snapshot, '158:1.6')
    expect(row.function).toMatch(/бағдарламаллрдың әкімшісі/) // printed as published, typo kept
    expect(systems.map((s) => s.id)).toEqual(row.systemIds)
    expect(history).toEqual([
      expect.objectContaining({ id: '158:1.6', change: 'printed', validFrom: '2016-12-19' }),
    ])
    const deleted = snapshot.rows.find((r) => r.status === 'deleted')!
    expect(rowWithHistory(snapshot, deleted.id).history.map((h) => h.change)).toContain('deleted')
    expect(() => rowWithHistory(snapshot, '158:9.9999')).toThrow(/No row/)
  })

  it('lists systems with their pair, expansions and rows per level', () => {
    const directory = systemsDirectory(snapshot, '2017-01-01')
    const eup = directory.find((e) => e.system.name === 'ЭҮП')!
    expect(eup.pair?.name).toBe('ПЭП')
    expect(eup.expansions.some((e) => /порталы/.test(e.text))).toBe(true)
    expect(eup.rowCount).toBe(
      filterRows(snapshot, { at: '2017-01-01', system: eup.system.id }).length,
    )
    expect(eup.rowsBySection.reduce((n, s) => n + s.rows.length, 0)).toBe(eup.rowCount)
    // Sorted by how many functions each system carries.
    const counts = directory.map((e) => e.rowCount)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    // A date with only 352's rows lists the Russian names, with units.
    const ru = systemsDirectory(snapshot, '2022-11-01')
    expect(ru.find((e) => e.system.name === 'ПЭП')?.units.length).toBeGreaterThan(0)
  })

  it('computes coverage that adds up', () => {
    const result = coverage(snapshot, '2017-01-01')
    expect(result.total).toBe(1217)
    expect(result.withSystem + result.withoutSystem.length).toBe(result.total)
    expect(result.levels.reduce((n, l) => n + l.withSystem, 0)).toBe(result.withSystem)
    expect(result.topSystems[0]!.rows).toBeGreaterThanOrEqual(result.topSystems[1]!.rows)
  })

  it('knows each act’s status on a date and what it changed', () => {
    const entries = Object.fromEntries(actEntries(snapshot, '2022-11-01').map((e) => [e.act.id, e]))
    expect(entries['158']!.status).toBe('repealed')
    expect(entries['352']!.status).toBe('in-force')
    expect(entries['352']!.rowsPrinted).toEqual([
      { section: 1, rows: 13 },
      { section: 2, rows: 21 },
      { section: 3, rows: 4 },
    ])
    expect(entries['142']!.rowsDeleted).toHaveLength(2)
    expect(entries['158']!.indicators).toBe(42)
    expect(actEntries(snapshot, '2012-01-01').find((e) => e.act.id === '178')?.status).toBe(
      'not-yet',
    )
  })

  it('compares two dates or two acts', () => {
    const byAct = diffCatalog(snapshot, diffSide(snapshot, '142'), diffSide(snapshot, '352'))
    expect(byAct.from).toEqual({ at: '2021-05-04', act: '142' })
    expect(byAct.added).toBe(38)
    expect(byAct.changes.every((c) => c.after?.act === '352')).toBe(true)
    const across = diffCatalog(
      snapshot,
      diffSide(snapshot, '2018-07-13'),
      diffSide(snapshot, '2018-07-14'),
    )
    expect(across.removed).toBe(1217)
    expect(() => diffSide(snapshot, '999')).toThrow(/neither a date/)
    expect(() => diffSide(snapshot, '2022-02-30')).toThrow(/not a date/)
  })

  it('reloads the cached catalogue when an act’s date changes, and only then', async () => {
    const cache = new CatalogCache(handle().db, { recheckMs: 0 })
    const first = await cache.get()
    expect(await cache.get()).toBe(first)
    // Within the recheck interval the loaded copy is used without asking the database.
    const lazy = new CatalogCache(handle().db, { recheckMs: 60_000 })
    const lazyFirst = await lazy.get()
    await setEffectiveDate(handle().db, '352', '2022-10-20', 'test')
    const second = await cache.get()
    expect(second).not.toBe(first)
    expect(second.rowById.get('352:2.206')?.validFrom).toBe('2022-10-20')
    expect(filterRows(second, { at: '2022-10-15' }).some((r) => r.act === '352')).toBe(false)
    expect(await lazy.get()).toBe(lazyFirst)
    lazy.invalidate()
    expect((await lazy.get()).rowById.get('352:2.206')?.validFrom).toBe('2022-10-20')
  })
})
