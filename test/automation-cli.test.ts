/**
 * `automation coverage` as an operator runs it: a real process on a real SQLite file that has no
 * acts yet (it imports the bundled ones first). The table, the JSON and the CSV agree with each
 * other and with the catalogue read independently: every row of 158/2016 (1,217) and every row
 * 304's amendments restate is classified exactly once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

describe('automation coverage (command line)', () => {
  let database: TestDatabase
  let env: Record<string, string>
  const folder = mkdtempSync(join(tmpdir(), 'e-akimat-automation-cli-'))

  beforeAll(async () => {
    const created = await createTestDatabase('sqlite')
    await created.handle.close()
    database = created.database
    env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent' }
  }, 60_000)
  afterAll(async () => {
    await database.drop()
    rmSync(folder, { recursive: true, force: true })
  })

  it('classifies every row of 158/2016 and of 304 once, the same in JSON, CSV and the table', async () => {
    const json = await runCli(['automation', 'coverage', '--format', 'json'], env)
    expect(json.code).toBe(0)
    expect(json.stderr).toContain('importing the bundled acts first')
    const report = JSON.parse(json.stdout) as {
      totals: Record<string, number> & { rows: number }
      sections: {
        architecture: string
        section: number
        rows: number
        counts: Record<string, number>
      }[]
    }
    const rowsOf = (architecture: string) =>
      report.sections.filter((s) => s.architecture === architecture).reduce((n, s) => n + s.rows, 0)
    // Appendix 1 of 158/2016: 757 + 423 + 37 numbered rows (notes, part 2.1).
    expect(report.sections.filter((s) => s.architecture === '158').map((s) => s.rows)).toEqual([
      757, 423, 37,
    ])
    for (const section of report.sections) {
      const counted = Object.values(section.counts).reduce((a, b) => a + b, 0)
      expect(counted).toBe(section.rows)
    }

    const out = join(folder, 'coverage.csv')
    const csv = await runCli(['automation', 'coverage', '--format', 'csv', '--out', out], env)
    expect(csv.code).toBe(0)
    const records = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[]
    expect(records).toHaveLength(report.totals.rows)
    expect(records.filter((r) => r.architecture === '158')).toHaveLength(rowsOf('158'))
    const keys = new Set(records.map((r) => `${r.architecture}:${r.section}.${r.number}`))
    expect(keys.size).toBe(records.length)
    // The 20 social services 352/2022 restates (section 2, rows 205–224) are applications.
    for (let n = 205; n <= 224; n++) {
      const row = records.find(
        (r) => r.architecture === '304' && r.section === '2' && r.number === String(n),
      )
      expect(row?.pattern, `304:2.${n}`).toBe('application')
      expect(row?.central_coverage).toBe('partial')
    }
    for (const r of records) {
      if (r.pattern === 'none') expect(r.reason).not.toBe('')
      else expect(r.reason).toBe('')
    }
    const byPattern = (p: string) => records.filter((r) => r.pattern === p).length
    expect(byPattern('application')).toBe(report.totals.application)

    const table = await runCli(['automation', 'coverage'], env)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/158 §1 region\s+757/)
    expect(table.stdout).toMatch(/304 §2 district\s+23\s+20/)
  }, 120_000)

  it('refuses a CSV without a file and an unknown format with exit code 1', async () => {
    const noOut = await runCli(['automation', 'coverage', '--format', 'csv'], env)
    expect(noOut.code).toBe(1)
    expect(noOut.stderr).toContain('--out')
    const bad = await runCli(['automation', 'coverage', '--format', 'xml'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('table, json or csv')
  })
})
