/**
 * @module
 * The working-day calendar of Kazakhstan, shared by the architecture portal and the e-services:
 * holidays, substitute days off, the yearly transfers, and terms in working days.
 */
export {
  addWorkingDays,
  coverage,
  type DayInfo,
  type DayKind,
  type DayOff,
  dayInfo,
  daysOff,
  isWorkingDay,
  kazakhstanDate,
  workingDaysBetween,
} from './calendar.js'
export { FIRST_YEAR, LAST_YEAR } from './dates.js'
export type { DayNames, HolidaySource } from './holidays.js'
export { TRANSFERS, TRANSFERS_COVER, type Transfer, type TransferSource } from './transfers.js'
