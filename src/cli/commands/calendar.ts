/**
 * @module
 * `calendar add-working-days`, `calendar working-days` and `calendar days-off`: the working-day
 * calendar of Kazakhstan on the command line. No database.
 */
import type { Command } from 'commander'
import {
  addWorkingDays,
  coverage,
  type DayKind,
  daysOff,
  workingDaysBetween,
} from '../../calendar/index.js'
import { InputError } from '../../core/index.js'
import { formatTable, parseFormat, printJson } from '../output.js'

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

const KIND_LABELS: Record<DayKind, string> = {
  working: 'working day',
  weekend: 'weekend',
  holiday: 'holiday',
  substitute: 'substitute day off',
  'transfer-off': 'transferred day off',
  'transfer-working': 'transferred working day',
}

function parseCount(value: string): number {
  if (!/^\d{1,6}$/.test(value)) {
    throw new InputError(`N must be a whole number 0 or more, not "${value}"`)
  }
  return Number(value)
}

/** A note on stderr when a period reaches years whose transfers of days off are not loaded. */
function warnUncovered(from: string, to: string): void {
  const known = coverage()
  const first = Number(from.slice(0, 4))
  const last = Number(to.slice(0, 4))
  const missing: number[] = []
  for (let year = first; year <= last; year++) if (!known.includes(year)) missing.push(year)
  if (missing.length > 0) {
    process.stderr.write(
      `Note: the transfers of days off for ${missing.join(', ')} are not loaded ` +
        `(known: ${known[0]}–${known.at(-1)}); holidays and substitutes are counted.\n`,
    )
  }
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('working days in Kazakhstan: holidays, substitutes, transfers, terms')

  calendar
    .command('add-working-days')
    .description('the N-th working day after DATE (DATE itself not counted; N = 0: DATE or next)')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'number of working days')
    .action((date: string, n: string) => {
      const result = addWorkingDays(date, parseCount(n))
      warnUncovered(date, result)
      process.stdout.write(`${result}\n`)
    })

  calendar
    .command('working-days')
    .description('the number of working days from FROM to TO, both included')
    .argument('<from>', 'YYYY-MM-DD')
    .argument('<to>', 'YYYY-MM-DD')
    .action((from: string, to: string) => {
      const count = workingDaysBetween(from, to)
      warnUncovered(from, to)
      process.stdout.write(`${count}\n`)
    })

  calendar
    .command('days-off')
    .description("a year's holidays, substitute days off and transfers, with their sources")
    .argument('<year>', 'YYYY')
    .option('--format <format>', 'output: table or json', 'table')
    .action((year: string, options: { format: string }) => {
      const format = parseFormat(options.format)
      if (!/^\d{4}$/.test(year)) throw new InputError(`YEAR must be 4 digits, not "${year}"`)
      const days = daysOff(Number(year))
      warnUncovered(`${year}-01-01`, `${year}-12-31`)
      if (format === 'json') {
        printJson(days)
        return
      }
      process.stdout.write(
        `${formatTable(days, [
          { header: 'Date', value: (d) => d.date },
          { header: 'Day', value: (d) => WEEKDAYS[d.weekday] },
          { header: 'Kind', value: (d) => KIND_LABELS[d.kind] },
          { header: 'Қазақша', value: (d) => d.names?.kk },
          { header: 'По-русски', value: (d) => d.names?.ru },
          { header: 'For', value: (d) => d.related },
          { header: 'Source', value: (d) => d.source?.act },
        ])}\n`,
      )
    })
}
