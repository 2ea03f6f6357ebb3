/**
 * @module
 * Public holidays of Kazakhstan, seeded from the `date-holidays` package (its KZ data: names in
 * kk, ru and en, Kurban ait by the Islamic calendar), and the substitute days off of Labour Code
 * art. 85: when a day off coincides with a holiday, the day off moves to the next working day after
 * the holiday. Religious holidays (Orthodox Christmas, Kurban ait) are days off without
 * substitution.
 *
 * What we take from date-holidays: only holidays of type `public` (its other types are not days
 * off) that are not its own substitutes (`substitute: true`). Substitutes are computed here, because
 * date-holidays' rule ("if saturday then next monday, if sunday then next tuesday") gets a
 * weekend covered by two holidays wrong: for Nauryz 2026 (Sat 21, Sun 22, Mon 23 March) it gives
 * Mon 23 (itself a holiday) and Tue 24, where art. 85 gives Tue 24 and Wed 25. Its rule text tells
 * which holidays it substitutes: those without a weekend clause are the religious ones.
 */
import Holidays from 'date-holidays'
import { fromDay, isWeekend, toDay } from './dates.js'

export interface DayNames {
  kk: string
  ru: string
  en: string
}

export interface HolidaySource {
  act: string
  url?: string
}

export interface Holiday {
  day: number
  names: DayNames
  /** False for religious holidays: no substitute day off when they fall on a weekend. */
  substituted: boolean
}

export interface Substitute {
  day: number
  /** The holiday whose weekend day off moved here. */
  holiday: Holiday
}

export const HOLIDAYS_SOURCE: HolidaySource = {
  act: 'Law of the RK of 13 December 2001 No. 267 "On holidays in the Republic of Kazakhstan"',
  url: 'https://adilet.zan.kz/rus/docs/Z010000267_',
}

export const SUBSTITUTE_SOURCE: HolidaySource = {
  act: 'Labour Code of the RK of 23 November 2015 No. 414-V, art. 85',
  url: 'https://adilet.zan.kz/rus/docs/K1500000414',
}

/**
 * Corrections to date-holidays 3.37.0, each with its reason. The new Constitution adopted at the
 * referendum of 15 March 2026 makes 15 March Constitution Day from 2027; 30 August is no longer a
 * holiday from 2026 (Ministry of Labour and Social Protection, March 2026). date-holidays already
 * stops 30 August after 2025 but starts 15 March in 2026.
 */
const NOT_HOLIDAYS = new Set(['2026-03-15'])

/**
 * Kurban ait is declared each year by the Spiritual Administration of Muslims of Kazakhstan;
 * where that differs from date-holidays' computed date (dates as confirmed in the python
 * `holidays` library, KazakhstanIslamicHolidays), the declared one wins.
 */
const MOVED_HOLIDAYS: Record<string, string> = {
  '2015-09-23': '2015-09-24',
  '2016-09-11': '2016-09-12',
}

const LANGUAGES = ['kk', 'ru', 'en'] as const

let source: Holidays | undefined

function holidaysFor(year: number, language: (typeof LANGUAGES)[number]) {
  source ??= new Holidays('KZ', { languages: [...LANGUAGES] })
  return source
    .getHolidays(year, language)
    .filter((h) => h.type === 'public' && !h.substitute)
    .map((h) => {
      const date = h.date.slice(0, 10)
      return { date: MOVED_HOLIDAYS[date] ?? date, name: h.name, rule: h.rule }
    })
}

/** The public holidays of a year, in date order (two on one day are kept). */
export function publicHolidays(year: number): Holiday[] {
  const [kk, ru, en] = LANGUAGES.map((language) => holidaysFor(year, language))
  return kk!
    .map((h, i) => {
      const other = [ru![i], en![i]]
      if (other.some((o) => o?.date !== h.date || o.rule !== h.rule)) {
        throw new Error(`date-holidays gave different KZ holidays per language for ${year}`)
      }
      return {
        day: toDay(h.date),
        names: { kk: h.name, ru: ru![i]!.name, en: en![i]!.name },
        substituted: /\bif (saturday|sunday)/.test(h.rule),
      }
    })
    .filter((h) => !NOT_HOLIDAYS.has(fromDay(h.day)))
    .sort((a, b) => a.day - b.day)
}

/**
 * Labour Code art. 85: each holiday (other than a religious one) that falls on a Saturday or
 * Sunday gives a day off on the next working day after it, taking the holidays in date order.
 */
export function substitutes(holidays: Holiday[]): Substitute[] {
  const holidayDays = new Set(holidays.map((h) => h.day))
  const taken = new Set<number>()
  const result: Substitute[] = []
  for (const holiday of holidays) {
    if (!holiday.substituted || !isWeekend(holiday.day)) continue
    let day = holiday.day + 1
    while (isWeekend(day) || holidayDays.has(day) || taken.has(day)) day++
    taken.add(day)
    result.push({ day, holiday })
  }
  return result
}
