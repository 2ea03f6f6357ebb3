/**
 * `akimat example|list|export|import` as an operator runs them: real processes on a real SQLite
 * file. The examples are made once and said to exist the second time; the exported workbook is
 * edited with exceljs (one cell) and imported in an editor's name, and the next export shows
 * exactly that change; a workbook with bad rows is refused with one line per problem and exit
 * code 1, and the next export is the same as before.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_AKIMATS } from '../src/akimat/index.js'
import { runCli } from './support/cli.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

type Cell = string | number | null

async function readWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(readFileSync(file)).buffer)
  return workbook
}

/** The sheet "Architecture" as rows of cells by header. */
async function readSheet(file: string): Promise<Record<string, Cell>[]> {
  const sheet = (await readWorkbook(file)).getWorksheet('Architecture')!
  const headers = (sheet.getRow(1).values as Cell[]).slice(1).map(String)
  const rows: Record<string, Cell>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value as Cell])))
  })
  return rows
}

/** Writes a copy of `from` to `to` with cells changed (sheet rows start at 2). */
async function editWorkbook(
  from: string,
  to: string,
  edits: { row: number; header: string; value: Cell }[],
): Promise<void> {
  const workbook = await readWorkbook(from)
  const sheet = workbook.getWorksheet('Architecture')!
  const headers = (sheet.getRow(1).values as Cell[]).slice(1).map(String)
  for (const edit of edits) {
    sheet.getRow(edit.row).getCell(headers.indexOf(edit.header) + 1).value = edit.value
  }
  await workbook.xlsx.writeFile(to)
}

/** The highest level a row prints ("1: … | 2: …"), or 1 when it prints none. */
const highest = (row: Record<string, Cell>) =>
  Math.max(
    1,
    ...[...String(row['printed levels'] ?? '').matchAll(/(?:^| \| )(\d): /g)].map((m) =>
      Number(m[1]),
    ),
  )

describe('akimat commands [sqlite]', () => {
  let database: TestDatabase
  let env: Record<string, string>
  let dir: string
  const district = EXAMPLE_AKIMATS.find((e) => e.level === 'district')!
  const editor = `example-${district.kato}@example.invalid`
  const run = (args: string[]) => runCli(['akimat', ...args], env)
  const path = (name: string) => join(dir, name)

  beforeAll(async () => {
    const created = await createTestDatabase('sqlite')
    database = created.database
    await created.handle.close()
    env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent' }
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-akimat-cli-'))
  })

  afterAll(async () => {
    await database?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('makes the example akimats once, and says so the second time', async () => {
    const first = await run(['example'])
    expect(first.code, first.stderr).toBe(0)
    const lines = first.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    EXAMPLE_AKIMATS.forEach((example, i) => {
      expect(lines[i]).toMatch(
        new RegExp(`^Created akimat \\d+ \\(${example.level}, KATO ${example.kato}\\): `),
      )
      expect(lines[i]).toContain(example.nameKk)
    })
    // A new database: the acts were imported first, and it said so.
    expect(first.stderr).toContain('importing the bundled acts first')

    const second = await run(['example'])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout.trimEnd().split('\n')).toEqual(
      EXAMPLE_AKIMATS.map((e) =>
        expect.stringMatching(
          new RegExp(`^Akimat with KATO ${e.kato} exists already \\(id \\d+\\); not changed\\.$`),
        ),
      ),
    )
  }, 300_000)

  it('lists the akimats with their typical sets and counts', async () => {
    const json = await run(['list', '--format', 'json'])
    expect(json.code, json.stderr).toBe(0)
    const { akimats } = JSON.parse(json.stdout) as {
      akimats: { kato: string; level: string; functions: number; name: { kk: string } }[]
    }
    expect(akimats.map((a) => [a.kato, a.level, a.functions, a.name.kk])).toEqual(
      EXAMPLE_AKIMATS.map((e) => [
        e.kato,
        e.level,
        { region: 757, district: 423, rural: 37 }[e.level],
        e.nameKk,
      ]),
    )
    const table = await run(['list'])
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^Id\s+KATO\s+Level\s+Typical set\s+Functions\s+Automated\s+Gaps\s+Атауы$/,
    )
    expect(lines).toHaveLength(5)
    expect(lines[3]).toMatch(new RegExp(`^\\d+\\s+${district.kato}\\s+district\\s+\\S+\\s+423\\s`))
  }, 120_000)

  it('exports, takes back an edited workbook in an editor’s name, and exports the change', async () => {
    const exported = await run([
      'export',
      '--akimat',
      district.kato,
      '--format',
      'xlsx',
      '--out',
      path('before.xlsx'),
    ])
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stderr).toContain(`(KATO ${district.kato}, 423 functions`)
    const before = await readSheet(path('before.xlsx'))
    expect(before).toHaveLength(423)

    // The CSV is the same table.
    const csv = await run([
      'export',
      '--akimat',
      district.kato,
      '--format',
      'csv',
      '--out',
      path('a.csv'),
    ])
    expect(csv.code, csv.stderr).toBe(0)
    const text = readFileSync(path('a.csv'), 'utf8')
    expect(text.startsWith('\uFEFFkey,section,number,group,function,')).toBe(true)
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(424)

    // One cell: a function performed and not automated gets a note.
    const index = before.findIndex((r) => r.performed === 'yes' && r.level === 0 && !r.note)
    expect(index).toBeGreaterThanOrEqual(0)
    const note = 'Зеренді: 2027 жылы автоматтандыру жоспарланған'
    await editWorkbook(path('before.xlsx'), path('edited.xlsx'), [
      { row: index + 2, header: 'note', value: note },
    ])
    const imported = await run([
      'import',
      '--akimat',
      district.kato,
      '--user',
      editor,
      path('edited.xlsx'),
    ])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('423 rows read, 1 functions changed')

    const again = await run([
      'export',
      '--akimat',
      district.kato,
      '--format',
      'xlsx',
      '--out',
      path('after.xlsx'),
    ])
    expect(again.code, again.stderr).toBe(0)
    const after = await readSheet(path('after.xlsx'))
    expect(after).toHaveLength(before.length)
    after.forEach((row, i) => {
      if (i === index) {
        expect(row.note).toBe(note)
        expect(row['decided at']).not.toBe(before[i]!['decided at'])
        expect({ ...row, note: null, 'decided at': null }).toEqual({
          ...before[i],
          note: null,
          'decided at': null,
        })
      } else expect(row, String(row.key)).toEqual(before[i])
    })
  }, 300_000)

  it('refuses a workbook with bad rows: one line per problem, exit 1, nothing changed', async () => {
    const rows = await readSheet(path('after.xlsx'))
    const automated = rows.findIndex((r) => r.performed === 'yes' && Number(r.level) > 0)
    const other = rows.findIndex((r, i) => i !== automated && r.note === null)
    await editWorkbook(path('after.xlsx'), path('bad.xlsx'), [
      { row: other + 2, header: 'note', value: 'must not be saved' },
      { row: 3, header: 'performed', value: 'maybe' },
      { row: automated + 2, header: 'level', value: 9 },
    ])
    const refused = await run([
      'import',
      '--akimat',
      district.kato,
      '--user',
      editor,
      path('bad.xlsx'),
    ])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    const lines = refused.stderr.trimEnd().split('\n')
    const expected = [
      [3, 'row 3, column performed: “maybe” is neither yes nor no.'],
      [
        automated + 2,
        `row ${automated + 2}, column level: ${rows[automated]!.key}: the level reached is 0 to ${highest(
          rows[automated]!,
        )}, not 9.`,
      ],
    ] as const
    expect(lines).toEqual([
      ...[...expected].sort((a, b) => a[0] - b[0]).map(([, line]) => line),
      `e-akimat: 2 problem(s) in ${path('bad.xlsx')}; nothing was saved`,
    ])

    // Someone who is not the akimat's editor cannot import either.
    const stranger = await run([
      'import',
      '--akimat',
      district.kato,
      '--user',
      `example-${EXAMPLE_AKIMATS[0]!.kato}@example.invalid`,
      path('after.xlsx'),
    ])
    expect(stranger.code).toBe(1)
    expect(stranger.stderr).toContain('is not a member of organisation')

    const again = await run([
      'export',
      '--akimat',
      district.kato,
      '--format',
      'xlsx',
      '--out',
      path('unchanged.xlsx'),
    ])
    expect(again.code, again.stderr).toBe(0)
    expect(await readSheet(path('unchanged.xlsx'))).toEqual(rows)
  }, 300_000)
})
