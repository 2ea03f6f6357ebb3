/**
 * `catalog search` as the acceptance checks run it, in real processes, on each backend.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, spawnCli } from './support/cli.js'
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/database.js'

describe.each(BACKENDS)('catalog search command [%s]', (backend) => {
  let database: TestDatabase
  let env: Record<string, string>
  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    await created.handle.close()
    database = created.database
    env = { DATABASE_URL: database.url, LOG_LEVEL: 'info' }
  })
  afterAll(async () => database?.drop())

  const search = async (...args: string[]) => {
    const r = await runCli(['catalog', 'search', ...args, '--format', 'json'], env)
    expect(r.code, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as {
      results: {
        kind: string
        act: string | null
        section: number | null
        number: number | null
        function: string
        score: number
      }[]
    }
  }

  it('imports the bundled acts on a new database, then answers in the published shape', async () => {
    const first = await runCli(
      ['catalog', 'search', 'ПЭП', '--limit', '10', '--format', 'json'],
      env,
    )
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('importing the bundled acts first')
    // Logs go to standard error: standard output is only the JSON.
    const body = JSON.parse(first.stdout)
    expect(body.results).toHaveLength(10)
    for (const result of body.results) {
      expect(Object.keys(result)).toEqual(['kind', 'act', 'section', 'number', 'function', 'score'])
      expect(['row', 'system', 'glossary', 'indicator']).toContain(result.kind)
      expect(typeof result.score).toBe('number')
    }
    const scores = body.results.map((r: { score: number }) => r.score)
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a))
    // Act ids are those of `catalog export`.
    const exported = await runCli(['catalog', 'export'], env)
    const actIds = new Set(JSON.parse(exported.stdout).acts.map((a: { id: string }) => a.id))
    for (const result of body.results) expect(actIds.has(result.act)).toBe(true)
  })

  it('finds rows through a Kazakh word form the acts never print', async () => {
    const { results } = await search('мекенжайлардың', '--limit', '10', '--kind', 'row')
    expect(results.length).toBeGreaterThan(0)
    expect(results[0]).toMatchObject({ kind: 'row', act: '158', section: 2 })
    expect(results[0]!.function).toMatch(/мекенжай/u)
    expect(results[0]!.function).not.toMatch(/мекенжайлардың/u)
  })

  it('gives the same rows for «ЭҮП» and «ПЭП», and narrows by date', async () => {
    const rows = async (q: string, ...more: string[]) =>
      (await search(q, '--limit', '500', '--kind', 'row', ...more)).results
        .map((r) => `${r.act}:${r.section}.${r.number}`)
        .sort()
    const kk = await rows('ЭҮП')
    expect(kk.length).toBeGreaterThan(10)
    expect(await rows('ПЭП')).toEqual(kk)
    const at = await rows('ПЭП', '--at', '2022-11-01')
    expect(at.length).toBeGreaterThan(0)
    expect(at.every((id) => id.startsWith('142:') || id.startsWith('352:'))).toBe(true)
  })

  it('stops quietly when the reader of its output goes away (… | head)', async () => {
    const child = spawnCli(['catalog', 'export'], env)
    let stderr = ''
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    child.stdout?.once('data', () => child.stdout?.destroy())
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/)
  })

  it('says on standard error when nothing loaded is in force on the date', async () => {
    const r = await runCli(
      ['catalog', 'search', 'ПЭП', '--at', '2026-11-26', '--format', 'json'],
      env,
    )
    expect(JSON.parse(r.stdout)).toEqual({ results: [] })
    expect(r.stderr).toContain('no loaded text is in force on 2026-11-26')
  })

  it('rejects bad options with one line and exit code 1', async () => {
    for (const [args, message] of [
      [['--limit', '0'], '--limit must be a number from 1 to 9999'],
      [['--at', '2022-02-30'], 'is not a date'],
      [['--kind', 'film'], '--kind must be among row, system, glossary, indicator'],
    ] as const) {
      const r = await runCli(['catalog', 'search', 'жер', ...args], env)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(message)
      expect(r.stdout).toBe('')
    }
    const empty = await runCli(['catalog', 'search', '  '], env)
    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('Write what to search for')
  })
})

describe('catalog search as a table', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-search-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints a readable table with the count', async () => {
    const r = await runCli(['catalog', 'search', 'Е-собес', '--limit', '3'], {
      DATABASE_URL: `sqlite:${join(dir, 'table.db')}`,
      LOG_LEVEL: 'silent',
    })
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^kind\s+act\s+where\s+text\s+score$/)
    expect(lines).toHaveLength(2 + 3 + 1)
    expect(lines.at(-1)).toMatch(/^\d+ found$/)
  })
})
