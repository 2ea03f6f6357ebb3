/**
 * @module
 * `YYYY-MM-DD` dates as whole days: checking them and counting with them. A day is held as the
 * number of days since 1970-01-01 (a "day number"), so stepping and comparing are integer sums.
 */
import { InputError } from '../core/index.js'

/** The years the calendar answers for; outside them it throws rather than guess. */
export const FIRST_YEAR = 1995
export const LAST_YEAR = 2100

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

/** The day number of a `YYYY-MM-DD` date; InputError if it is not a real date in range. */
export function toDay(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const ms = Date.UTC(year, month - 1, day)
    const check = new Date(ms)
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      checkYear(year)
      return ms / MS_PER_DAY
    }
  }
  throw new InputError(
    `"${String(date)}" is not a calendar date in the form YYYY-MM-DD`,
    'calendar.error.date',
    { value: String(date) },
  )
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay()
}

export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day)
  return weekday === 0 || weekday === 6
}

/** InputError unless `year` is a whole number within FIRST_YEAR..LAST_YEAR. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new InputError(
      `The working-day calendar covers the years ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`,
      'calendar.error.year',
      { year: String(year), first: FIRST_YEAR, last: LAST_YEAR },
    )
  }
}
