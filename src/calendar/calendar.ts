/**
 * @module
 * The working-day calendar of Kazakhstan (five-day week): what kind of day a date is, and terms
 * counted in working days. Pure and synchronous; each year is worked out once and cached.
 *
 * Precedence on one date: a public holiday; else a day moved by the yearly act (transfer); else a
 * substitute day off (art. 85); else Saturday and Sunday are the weekend; else a working day.
 */
import { InputError } from '../core/index.js'
import { checkYear, fromDay, isWeekend, toDay, weekdayOf, yearOf } from './dates.js'
import {
  type DayNames,
  HOLIDAYS_SOURCE,
  type HolidaySource,
  publicHolidays,
  SUBSTITUTE_SOURCE,
  substitutes,
} from './holidays.js'
import { TRANSFERS, TRANSFERS_COVER, type TransferSource } from './transfers.js'

export type DayKind =
  | 'working'
  | 'weekend'
  | 'holiday'
  | 'substitute'
  | 'transfer-off'
  | 'transfer-working'

export interface DayInfo {
  /** `YYYY-MM-DD`. */
  date: string
  kind: DayKind
  /** Holidays and substitutes: the holiday's name; transfers: what happened to the day. */
  names?: DayNames
  /** The act that makes this day what it is (not for plain weekends and working days). */
  source?: HolidaySource | TransferSource
  /** A substitute: the holiday it stands for; a transfer: the other day of the pair. */
  related?: string
}

const TRANSFER_OFF_NAMES: DayNames = {
  kk: 'Ауыстырылған демалыс күні',
  ru: 'Перенесённый день отдыха',
  en: 'Transferred day off',
}
const TRANSFER_WORKING_NAMES: DayNames = {
  kk: 'Ауыстырылған жұмыс күні',
  ru: 'Перенесённый рабочий день',
  en: 'Transferred working day',
}
const SUBSTITUTE_NAMES = (holiday: DayNames): DayNames => ({
  kk: `${holiday.kk} (ауыстырылған демалыс күні)`,
  ru: `${holiday.ru} (перенесённый выходной день)`,
  en: `${holiday.en} (substitute day off)`,
})

/** The days of a year that are not what their weekday says, by day number. */
const years = new Map<number, Map<number, DayInfo>>()

function yearDays(year: number): Map<number, DayInfo> {
  const cached = years.get(year)
  if (cached) return cached
  const days = new Map<number, DayInfo>()
  const holidays = publicHolidays(year)
  for (const { day, holiday } of substitutes(holidays)) {
    days.set(day, {
      date: fromDay(day),
      kind: 'substitute',
      names: SUBSTITUTE_NAMES(holiday.names),
      source: SUBSTITUTE_SOURCE,
      related: fromDay(holiday.day),
    })
  }
  for (const transfer of TRANSFERS) {
    const off = toDay(transfer.dayOff)
    const working = toDay(transfer.workingDay)
    if (yearOf(off) === year) {
      days.set(off, {
        date: transfer.dayOff,
        kind: 'transfer-off',
        names: TRANSFER_OFF_NAMES,
        source: transfer.source,
        related: transfer.workingDay,
      })
    }
    if (yearOf(working) === year) {
      days.set(working, {
        date: transfer.workingDay,
        kind: 'transfer-working',
        names: TRANSFER_WORKING_NAMES,
        source: transfer.source,
        related: transfer.dayOff,
      })
    }
  }
  for (const holiday of holidays) {
    const existing = days.get(holiday.day)
    // Two holidays on one day (Kurban ait may meet another): the names are joined.
    const names =
      existing?.kind === 'holiday' && existing.names
        ? {
            kk: `${existing.names.kk}; ${holiday.names.kk}`,
            ru: `${existing.names.ru}; ${holiday.names.ru}`,
            en: `${existing.names.en}; ${holiday.names.en}`,
          }
        : holiday.names
    days.set(holiday.day, {
      date: fromDay(holiday.day),
      kind: 'holiday',
      names,
      source: HOLIDAYS_SOURCE,
    })
  }
  years.set(year, days)
  return days
}

function infoOf(day: number): DayInfo {
  const special = yearDays(yearOf(day)).get(day)
  if (special) return special
  return { date: fromDay(day), kind: isWeekend(day) ? 'weekend' : 'working' }
}

function working(day: number): boolean {
  const kind = infoOf(day).kind
  return kind === 'working' || kind === 'transfer-working'
}

/** What kind of day `date` (`YYYY-MM-DD`) is in Kazakhstan, with names and source when special. */
export function dayInfo(date: string): DayInfo {
  return infoOf(toDay(date))
}

/** True for a working day of the five-day week (including a Saturday made working by an act). */
export function isWorkingDay(date: string): boolean {
  return working(toDay(date))
}

/**
 * The n-th working day after `date`: a term of n working days starts the day after `date`, which
 * itself is not counted. n = 0 gives `date` itself when it is a working day, else the next
 * working day.
 * @example addWorkingDays('2024-03-20', 5) // '2024-03-29' (21–23 and 25 March are days off)
 */
export function addWorkingDays(date: string, n: number): string {
  let day = toDay(date)
  if (!Number.isInteger(n) || n < 0) {
    throw new InputError(
      `The number of working days must be a whole number 0 or more, not ${n}`,
      'calendar.error.count',
      { value: String(n) },
    )
  }
  if (n === 0) {
    while (!working(day)) day = step(day)
    return fromDay(day)
  }
  for (let counted = 0; counted < n; ) {
    day = step(day)
    if (working(day)) counted++
  }
  return fromDay(day)
}

/** The number of working days in the closed range [from, to]; InputError when from > to. */
export function workingDaysBetween(from: string, to: string): number {
  const first = toDay(from)
  const last = toDay(to)
  if (first > last) {
    throw new InputError(
      `The range starts (${from}) after it ends (${to})`,
      'calendar.error.range',
      { from, to },
    )
  }
  let count = 0
  for (let day = first; day <= last; day++) if (working(day)) count++
  return count
}

/** One day of a year's listing: a holiday (also one on a weekend), substitute or transfer. */
export interface DayOff extends DayInfo {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number
}

/**
 * The year's special days in date order: every public holiday (also those falling on a weekend,
 * so the substitute they cause can be read next to them), substitute days off, and the days moved
 * by the year's act (transfer-off and transfer-working).
 */
export function daysOff(year: number): DayOff[] {
  checkYear(year)
  return [...yearDays(year).entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, info]) => ({ ...info, weekday: weekdayOf(day) || 7 }))
}

/**
 * The years whose transfers of days off are loaded, in order. A term that ends in another year
 * may be off by the transfers its act made; callers can warn.
 */
export function coverage(): number[] {
  const result: number[] = []
  for (let year = TRANSFERS_COVER.from; year <= TRANSFERS_COVER.to; year++) result.push(year)
  return result
}

const almaty = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * The calendar date in Kazakhstan at an instant, by the time zone Asia/Almaty (UTC+6 until
 * 2024-03-01, then UTC+5 for the whole country, per the IANA time-zone data in Node).
 */
export function kazakhstanDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new InputError('Not a valid instant', 'calendar.error.date', { value: String(instant) })
  }
  const parts = Object.fromEntries(almaty.formatToParts(instant).map((p) => [p.type, p.value]))
  const date = `${parts.year}-${parts.month}-${parts.day}`
  toDay(date)
  return date
}

function step(day: number): number {
  const next = day + 1
  if (yearOf(next) !== yearOf(day)) checkYear(yearOf(next))
  return next
}
