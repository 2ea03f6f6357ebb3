/**
 * The working-day calendar on the command line: real processes, stdout holds only the answer.
 * The database URL points at a closed port, so a command that opened it would fail.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'

const NO_DATABASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }
const run = (args: string[]) => runCli(['calendar', ...args], NO_DATABASE)

describe.concurrent('calendar commands', () => {
  it('add-working-days prints only the date: 5 working days after Wed 2024-03-20', async () => {
    const r = await run(['add-working-days', '2024-03-20', '5'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('2024-04-01\n')
  })

  it('add-working-days across New Year and 7 January 2025', async () => {
    const r = await run(['add-working-days', '2024-12-30', '5'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('2025-01-09\n')
  })

  it('working-days prints only the count', async () => {
    const r = await run(['working-days', '2024-03-01', '2024-03-31'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('17\n')
  })

  it('notes on stderr when a period reaches a year whose transfers are not loaded', async () => {
    const r = await run(['working-days', '2026-03-20', '2026-03-31'])
    expect(r.code).toBe(0)
    // Fri 20; 21–23 Nauryz (Sat–Mon), 24–25 its substitutes; Thu 26, Fri 27, Mon 30, Tue 31.
    expect(r.stdout).toBe('5\n')
    expect(r.stderr).toContain('transfers of days off for 2026 are not loaded')
  })

  it('days-off lists holidays, substitutes and transfers with kk/ru names and sources', async () => {
    const r = await run(['days-off', '2024'])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^Date\s+Day\s+Kind\s+Қазақша\s+По-русски\s+For\s+Source$/)
    const line = (date: string) => lines.find((l) => l.startsWith(date)) ?? ''
    expect(line('2024-03-22')).toMatch(/Fri\s+holiday\s+Наурыз мейрамы\s+Наурыз мейрамы/)
    expect(line('2024-03-25')).toMatch(
      /Mon\s+substitute day off\s+Наурыз мейрамы.*2024-03-23.*art\. 85/,
    )
    expect(line('2024-05-08')).toMatch(/Wed\s+transferred day off.*2024-05-04\s+Order of/)
    expect(line('2024-05-04')).toMatch(/Sat\s+transferred working day/)
    expect(line('2024-01-07')).toContain('Рождество Христово')
    expect(line('2024-06-03')).toBe('')
  })

  it('days-off --format json gives the entries', async () => {
    const r = await run(['days-off', '2023', '--format', 'json'])
    expect(r.code).toBe(0)
    const days = JSON.parse(r.stdout) as { date: string; kind: string; source?: { act: string } }[]
    expect(days.find((d) => d.date === '2023-07-07')).toMatchObject({
      kind: 'transfer-off',
      source: { act: expect.stringContaining('No. 326') },
    })
  })

  it.each([
    [
      ['add-working-days', '2024-02-30', '1'],
      '"2024-02-30" is not a calendar date in the form YYYY-MM-DD',
    ],
    [['add-working-days', '2024-03-20', 'five'], 'N must be a whole number 0 or more, not "five"'],
    [
      ['working-days', '2024-03-31', '2024-03-01'],
      'The range starts (2024-03-31) after it ends (2024-03-01)',
    ],
    [['days-off', '1990'], 'The working-day calendar covers the years 1995–2100, not 1990'],
    [['days-off', '24'], 'YEAR must be 4 digits, not "24"'],
  ])('%j: one line on stderr, exit 1', async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe(`e-akimat: ${message}`)
  })
})
