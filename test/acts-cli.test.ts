/**
 * The act and catalogue commands as the acceptance checks run them, in real processes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'

describe.each(BACKENDS)('acts and catalog commands [%s]', (backend) => {
  let database: TestDatabase
  let env: Record<string, string>
  let dir: string
  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    await created.handle.close()
    database = created.database
    env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent' }
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-cli-'))
  })
  afterAll(async () => {
    await database?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('works on a database that was never migrated', async () => {
    const fresh = join(dir, 'fresh.db')
    const r = await runCli(['acts', 'list', '--format', 'json'], {
      DATABASE_URL: `sqlite:${fresh}`,
      LOG_LEVEL: 'silent',
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ acts: [] })
  })

  it('imports the bundled acts with a summary, then changes nothing the second time', async () => {
    const first = await runCli(['acts', 'import', '--bundled'], env)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(
      '2016-158-kk-typical-architecture.txt: act 158 (architecture) imported: rows (section 1: 757, section 2: 423, section 3: 37); 3 section titles; 89 glossary entries; 42 indicators;',
    )
    expect(first.stderr).toBe('')
    const second = await runCli(['acts', 'import', '--bundled'], env)
    expect(second.stdout.trim().split('\n')).toHaveLength(5)
    expect(second.stdout).toContain('act 158 already imported, nothing changed')
  })

  it('lists the acts as JSON', async () => {
    const r = await runCli(['acts', 'list', '--format', 'json'], env)
    const { acts } = JSON.parse(r.stdout)
    expect(acts.map((a: { id: string }) => a.id).sort()).toEqual([
      '142',
      '158',
      '174',
      '178',
      '352',
    ])
  })

  it('exports the catalogue as at a date with the contract fields', async () => {
    const r = await runCli(['catalog', 'export', '--format', 'json', '--at', '2017-06-01'], env)
    expect(r.code).toBe(0)
    const exported = JSON.parse(r.stdout)
    expect(exported.rows).toHaveLength(1217)
    expect(Object.keys(exported.rows[0]).sort()).toEqual(
      expect.arrayContaining([
        'id',
        'act',
        'section',
        'number',
        'group',
        'function',
        'systems',
        'approach',
        'levels',
        'resources',
        'unit',
        'language',
        'lines',
        'validFrom',
        'validTo',
        'flags',
      ]),
    )
    expect(exported.acts.find((a: { id: string }) => a.id === '142')).toMatchObject({
      number: '142/НҚ',
      date: '2021-04-21',
      registration: '22606',
      language: 'kk',
      kind: 'amendment',
      amends: '304',
      repealedOn: '2023-01-01',
    })
    expect(exported.glossary[0]).toHaveProperty('abbreviation')
    expect(exported.indicators[0]).toMatchObject({
      act: '158',
      code: '1.1.1',
      unit: '%',
      category: '1',
    })
  })

  it('exports CSV and XLSX files', async () => {
    const csv = join(dir, 'catalog.csv')
    const xlsx = join(dir, 'catalog.xlsx')
    expect((await runCli(['catalog', 'export', '--format', 'csv', '--out', csv], env)).code).toBe(0)
    const lines = readFileSync(csv, 'utf8')
      .split('\r\n')
      .filter((l) => l.startsWith('158:'))
    expect(lines).toHaveLength(1217)
    const r = await runCli(
      ['catalog', 'export', '--format', 'xlsx', '--at', '2022-12-15', '--out', xlsx],
      env,
    )
    expect(r.stderr.trim().split('\n')).toEqual([
      `Wrote 46 rows to ${xlsx}`,
      'Note: The text of act 304 is not loaded: only the rows its amendments restate are shown.',
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    expect(workbook.getWorksheet('Rows')?.rowCount).toBe(47)
    const missing = await runCli(['catalog', 'export', '--format', 'xlsx'], env)
    expect(missing.code).toBe(1)
  })

  it('shows a row with the original lines it came from', async () => {
    const r = await runCli(
      ['catalog', 'show', '--act', '158', '--section', '1', '--row', '27'],
      env,
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Act 158, section 1, row 27 (lines 720–')
    expect(r.stdout).toContain('Function:  кондоминиум объектісін басқару органдарының')
    expect(r.stdout).toMatch(/^ {3}720 {2}27$/m)
  })

  it('shows a row as JSON in the export shape', async () => {
    const r = await runCli(
      ['catalog', 'show', '--act', '158', '--section', '3', '--row', '14', '--format', 'json'],
      env,
    )
    const { row, original } = JSON.parse(r.stdout)
    expect(row).toMatchObject({
      id: '158:3.14',
      act: '158',
      systems: ['АӨК ААЖ'],
      lines: [12528, 12542],
    })
    expect(original[0]).toEqual({ line: 12528, text: '14' })
    const bad = await runCli(
      ['catalog', 'show', '--act', '158', '--section', 'x', '--row', '1'],
      env,
    )
    expect(bad.stderr.trim()).toBe('e-akimat: --section must be a number, not "x"')
  })

  it('says which row does not exist', async () => {
    const r = await runCli(
      ['catalog', 'show', '--act', '158', '--section', '3', '--row', '38'],
      env,
    )
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('e-akimat: Act 158 has no row 38 in section 3')
  })

  it('rejects a file that is not an act with one line and exit 1', async () => {
    const path = join(dir, 'letter.txt')
    writeFileSync(path, 'Құрметті әріптестер!\nБұл хат.\n')
    const r = await runCli(['acts', 'import', path], env)
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(/^e-akimat: letter\.txt: reading the act heading: /)
  })

  it('lets an administrator set the day an act took effect, moving its row versions', async () => {
    const set = await runCli(['acts', 'set-effective', '142', '2021-05-05'], env)
    expect(set.code).toBe(0)
    const r = await runCli(['catalog', 'export', '--format', 'json'], env)
    const rows = JSON.parse(r.stdout).rows.filter((x: { act: string }) => x.act === '142')
    const text = rows.filter((x: { status?: string }) => x.status !== 'deleted')
    expect(new Set(text.map((x: { validFrom: string }) => x.validFrom))).toEqual(
      new Set(['2021-05-05']),
    )
    // The deletion keeps its own date (paragraph 6 of item 1 takes effect on 2022-01-01).
    expect(rows.filter((x: { status?: string }) => x.status === 'deleted')[0].validFrom).toBe(
      '2022-01-01',
    )
    const bad = await runCli(['acts', 'set-effective', '142', '2021-02-30'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe('e-akimat: "2021-02-30" is not a date; write YYYY-MM-DD')
    const early = await runCli(['acts', 'set-effective', '142', '2021-04-01'], env)
    expect(early.code).toBe(1)
    expect(early.stderr.trim()).toBe(
      'e-akimat: Act 142 cannot take effect on 2021-04-01: it was registered on 2021-04-23',
    )
  })
})
