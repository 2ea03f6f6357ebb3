import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { bundledActPath } from '../acts/index.js'
import { InputError } from '../core/index.js'
import { exportCatalog } from './export.js'
import { type ImportResult, importActFile, importBundledActs } from './import.js'

describe.each(BACKENDS)('act import and the dated catalogue [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let first: ImportResult[]
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-acts-'))
    first = await importBundledActs(handle().db)
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const count = async () =>
    Number(
      (
        await handle()
          .db.selectFrom('catalog_row_version')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('imports the five bundled acts with what each holds', () => {
    const byAct = Object.fromEntries(first.map((r) => [r.act, r]))
    expect(Object.keys(byAct).sort()).toEqual(['142', '158', '174', '178', '352'])
    expect(byAct['158']).toMatchObject({
      status: 'new',
      kind: 'architecture',
      rowsPerSection: { 1: 757, 2: 423, 3: 37 },
      sectionTitles: 3,
      glossaryEntries: 89,
      indicators: 42,
    })
    expect(byAct['142']).toMatchObject({
      kind: 'amendment',
      rowsPerSection: { 1: 6, 2: 2 },
      deletedRows: 2,
      sectionTitles: 3,
      glossaryEntries: 76,
    })
    expect(byAct['352']).toMatchObject({
      kind: 'amendment',
      rowsPerSection: { 1: 13, 2: 21, 3: 4 },
      glossaryEntries: 1,
    })
    expect(byAct['174']?.kind).toBe('rules')
    expect(byAct['178']?.kind).toBe('regulations')
  })

  it('changes nothing when the same files are imported again', async () => {
    const before = await count()
    const again = await importBundledActs(handle().db)
    expect(again.map((r) => r.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ])
    expect(await count()).toBe(before)
  })

  it('reads again, in place, an act read by an older parser version', async () => {
    const before = await count()
    await handle()
      .db.updateTable('acts_act')
      .set({ parser_version: 0 })
      .where('id', '=', '158')
      .execute()
    const again = await importBundledActs(handle().db)
    expect(again.map((r) => `${r.act}:${r.status}`)).toEqual([
      '158:replaced',
      '142:unchanged',
      '352:unchanged',
      '174:unchanged',
      '178:unchanged',
    ])
    expect(await count()).toBe(before)
  })

  it('has the 1,217 rows of order 158 as at 2017-06-01', async () => {
    const exported = await exportCatalog(handle().db, { at: '2017-06-01' })
    expect(exported.rows).toHaveLength(1217)
    expect(new Set(exported.rows.map((r) => r.act))).toEqual(new Set(['158']))
    expect(exported.indicators).toHaveLength(42)
    expect(exported.acts.find((a) => a.id === '158')).toMatchObject({
      number: '158',
      registration: '14492',
      kind: 'architecture',
      language: 'kk',
    })
  })

  it('has the restated rows of order 304 from both amendments as at 2022-12-15, not the deleted ones', async () => {
    const exported = await exportCatalog(handle().db, { at: '2022-12-15' })
    expect(exported.rows).toHaveLength(8 + 38)
    expect(new Set(exported.rows.map((r) => r.act))).toEqual(new Set(['142', '352']))
    expect(exported.rows.some((r) => r.section === 1 && (r.number === 83 || r.number === 84))).toBe(
      false,
    )
    expect(exported.notices.join(' ')).toMatch(/text of act 304 is not loaded/)
    expect(exported.sections.map((s) => s.title)).toContain(
      '1-бөлім. Облыс, республикалық маңызы бар қала, астана',
    )
  })

  it('has no rows in force on 2023-06-01, and says so', async () => {
    const exported = await exportCatalog(handle().db, { at: '2023-06-01' })
    expect(exported.rows).toEqual([])
    expect(exported.indicators).toEqual([])
    await expect(exportCatalog(handle().db, { at: '2022-02-30' })).rejects.toThrow(
      '"2022-02-30" is not a date; write YYYY-MM-DD',
    )
    expect(exported.notices).toContain('No loaded architecture is in force on 2023-06-01.')
  })

  it('exports every version of every row without a date', async () => {
    const exported = await exportCatalog(handle().db)
    expect(exported.rows.length).toBe(1217 + 8 + 2 + 38)
    const deleted = exported.rows.filter((r) => r.status === 'deleted')
    expect(deleted.map((r) => `${r.section}.${r.number}@${r.validFrom}`)).toEqual([
      '1.83@2022-01-01',
      '1.84@2022-01-01',
    ])
  })

  it('links every row to information-system entities with spellings, pairs and expansions', async () => {
    const exported = await exportCatalog(handle().db)
    const system = (id: string) => exported.systems.find((s) => s.id === id)
    expect(system('eup')).toMatchObject({ name: 'ЭҮП', pair: 'pep', language: 'kk' })
    expect(system('eup')?.expansion).toMatch(/"Электрондық үкімет порталы" ақпараттық жүйесі$/)
    expect(system('pep')).toMatchObject({ name: 'ПЭП', pair: 'eup', language: 'ru' })
    expect(system('euosh-azh')?.aliases).toEqual(expect.arrayContaining(['ӨЭҮШ АЖ']))
    expect(system('bepzh')?.aliases).toContain('ЕЭПС')
    const row205 = exported.rows.find((r) => r.act === '352' && r.section === 2 && r.number === 205)
    expect(row205?.systems).toEqual(['ПЭП', 'ИС РШЭП (2 услуги)'])
    expect(row205?.systemIds).toEqual(['pep', 'is-rshep'])
    const row1 = exported.rows.find((r) => r.act === '158' && r.section === 1 && r.number === 22)
    expect(row1?.systemIds).toEqual(['eup', 'euosh-azh'])
    expect(exported.systems.some((s) => s.name.includes('"ААЖ') || /"\S*ААЖ/.test(s.name))).toBe(
      false,
    )
  })

  it.each([
    ['empty.txt', Buffer.alloc(0), /empty\.txt: the file is empty/],
    [
      'binary.txt',
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xff]),
      /binary\.txt: not a text file/,
    ],
    [
      'note.txt',
      Buffer.from('Сәлем, бұл акт емес.\nПросто текст.\n'),
      /note\.txt: reading the act heading: /,
    ],
    [
      'cut.txt',
      Buffer.from(
        readFileSync(bundledActPath('2016-158-kk-typical-architecture.txt'), 'utf8')
          .split('\n')
          .slice(0, 9000)
          .join('\n'),
      ),
      /cut\.txt: reading Appendix 1: Appendix 1 is cut off/,
    ],
  ])(
    'rejects %s with a message naming the file and changes nothing',
    async (name, bytes, message) => {
      const before = await count()
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const error = await importActFile(handle().db, path).catch((e) => e)
      expect(error).toBeInstanceOf(InputError)
      expect(error.message).toMatch(message)
      expect(await count()).toBe(before)
    },
  )
})
