import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import {
  addWorkingDays,
  coverage,
  dayInfo,
  daysOff,
  isWorkingDay,
  kazakhstanDate,
  TRANSFERS,
  workingDaysBetween,
} from './index.js'

const kinds = (dates: string[]) => dates.map((d) => dayInfo(d).kind)

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

describe('day kinds', () => {
  it('Nauryz 2024: Thu–Sat 21–23 March, substitute day off on Monday 25 March', () => {
    expect(
      kinds(['2024-03-20', '2024-03-21', '2024-03-22', '2024-03-23', '2024-03-24', '2024-03-25']),
    ).toEqual(['working', 'holiday', 'holiday', 'holiday', 'weekend', 'substitute'])
    expect(dayInfo('2024-03-21').names).toEqual({
      kk: 'Наурыз мейрамы',
      ru: 'Наурыз мейрамы',
      en: 'Nauryz',
    })
    const substitute = dayInfo('2024-03-25')
    expect(substitute.related).toBe('2024-03-23')
    expect(substitute.source?.act).toContain('art. 85')
    expect(isWorkingDay('2024-03-26')).toBe(true)
  })

  it('Nauryz 2025: Fri–Sun 21–23 March, substitutes Monday 24 and Tuesday 25 March', () => {
    expect(kinds(['2025-03-21', '2025-03-22', '2025-03-23', '2025-03-24', '2025-03-25'])).toEqual([
      'holiday',
      'holiday',
      'holiday',
      'substitute',
      'substitute',
    ])
    expect(dayInfo('2025-03-24').related).toBe('2025-03-22')
    expect(dayInfo('2025-03-25').related).toBe('2025-03-23')
    expect(isWorkingDay('2025-03-26')).toBe(true)
  })

  it('Nauryz 2026 (Sat–Mon): the two weekend days off move past the holiday, to 24 and 25 March', () => {
    // date-holidays' own rule would give Mon 23 (a holiday) and Tue 24.
    expect(kinds(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26'])).toEqual([
      'holiday',
      'substitute',
      'substitute',
      'working',
    ])
  })

  it('8 March 2025 on a Saturday gives a day off on Monday 10 March', () => {
    expect(dayInfo('2025-03-08').kind).toBe('holiday')
    expect(dayInfo('2025-03-08').names?.ru).toBe('Международный женский день')
    expect(dayInfo('2025-03-10')).toMatchObject({ kind: 'substitute', related: '2025-03-08' })
  })

  it('Orthodox Christmas and Kurban ait are days off without a substitute', () => {
    // 7 January 2023 and Kurban ait 9 July 2022 fell on Saturdays: Monday stays a working day.
    expect(dayInfo('2023-01-07').kind).toBe('holiday')
    expect(dayInfo('2023-01-09').kind).toBe('working')
    expect(dayInfo('2022-07-09')).toMatchObject({ kind: 'holiday', names: { kk: 'Құрбан айт' } })
    expect(dayInfo('2022-07-11').kind).toBe('working')
    // On a weekday they are days off.
    expect(isWorkingDay('2025-01-07')).toBe(false)
    expect(isWorkingDay('2025-06-06')).toBe(false)
  })

  it('New Year on a weekend: 1–2 January 2022 (Sat–Sun) give 3 and 4 January', () => {
    expect(kinds(['2022-01-01', '2022-01-02', '2022-01-03', '2022-01-04', '2022-01-05'])).toEqual([
      'holiday',
      'holiday',
      'substitute',
      'substitute',
      'working',
    ])
  })

  it('applies the transfers of the yearly acts, with their source', () => {
    expect(dayInfo('2024-05-08')).toMatchObject({ kind: 'transfer-off', related: '2024-05-04' })
    expect(dayInfo('2024-05-04')).toMatchObject({ kind: 'transfer-working', related: '2024-05-08' })
    expect(dayInfo('2024-05-08').source?.act).toContain('17 April 2024')
    expect(isWorkingDay('2024-05-04')).toBe(true)
    expect(isWorkingDay('2024-05-08')).toBe(false)
    expect(dayInfo('2023-07-07').kind).toBe('transfer-off')
    expect(dayInfo('2023-07-01').kind).toBe('transfer-working')
    expect(dayInfo('2023-07-07').source?.act).toContain('No. 326')
    expect(isWorkingDay('2023-07-01')).toBe(true)
    expect(dayInfo('2025-01-05').kind).toBe('transfer-working')
    expect(dayInfo('2022-10-24').source?.act).toContain('No. 796')
  })

  it('a transfer can move a substitute: 11 May 2020 worked, 8 May 2020 off', () => {
    expect(isWorkingDay('2020-05-11')).toBe(true)
    expect(isWorkingDay('2020-05-08')).toBe(false)
  })

  it('keeps the transfer data consistent: a weekday off, a day worked instead, no holiday', () => {
    for (const t of TRANSFERS) {
      const off = new Date(`${t.dayOff}T00:00:00Z`).getUTCDay()
      expect(off, t.dayOff).not.toBe(0)
      expect(off, t.dayOff).not.toBe(6)
      expect(t.dayOff.slice(0, 4), t.dayOff).toBe(t.workingDay.slice(0, 4))
      expect(coverage()).toContain(Number(t.dayOff.slice(0, 4)))
      expect(t.source.act).toMatch(/^(Decree|Order) /)
      expect(dayInfo(t.dayOff).kind).toBe('transfer-off')
      expect(dayInfo(t.workingDay).kind).toBe('transfer-working')
    }
  })

  it('plain weekends and working days carry no name', () => {
    expect(dayInfo('2024-06-01')).toEqual({ date: '2024-06-01', kind: 'weekend' })
    expect(dayInfo('2024-06-03')).toEqual({ date: '2024-06-03', kind: 'working' })
  })

  it('30 August is no longer a holiday from 2026, and 15 March only from 2027', () => {
    expect(dayInfo('2025-08-29').kind).toBe('working')
    expect(dayInfo('2025-08-30').kind).toBe('holiday')
    expect(dayInfo('2026-08-31').kind).toBe('working')
    expect(dayInfo('2026-03-16').kind).toBe('working')
    expect(dayInfo('2027-03-15').kind).toBe('holiday')
  })
})

describe('terms in working days', () => {
  it('5 working days from Wed 2024-03-20 end on Mon 2024-04-01 (Nauryz and its substitute)', () => {
    // After 20 March: 21–23 holidays, 24 Sunday, 25 substitute; 26, 27, 28, 29 March are the
    // 1st–4th working days; 30–31 the weekend; 1 April the 5th.
    expect(addWorkingDays('2024-03-20', 5)).toBe('2024-04-01')
    expect(addWorkingDays('2024-03-20', 4)).toBe('2024-03-29')
    expect(addWorkingDays('2024-03-20', 1)).toBe('2024-03-26')
  })

  it('crosses New Year (1–2 January) and 7 January', () => {
    // From Mon 2024-12-30: 31 Dec (1), 1–2 Jan holidays, 3 Jan transferred off, 4–5… 5 Jan Sunday
    // worked (2), 6 Jan (3), 7 Jan Christmas, 8 Jan (4), 9 Jan (5).
    expect(addWorkingDays('2024-12-30', 5)).toBe('2025-01-09')
    // From Fri 2023-12-29: 1–2 Jan 2024 holidays (Mon–Tue), 3, 4, 5 Jan, 7 Jan is a Sunday.
    expect(addWorkingDays('2023-12-29', 3)).toBe('2024-01-05')
    expect(addWorkingDays('2023-12-29', 4)).toBe('2024-01-08')
    expect(workingDaysBetween('2024-12-30', '2025-01-09')).toBe(6)
  })

  it('n = 0 gives the day itself when working, else the next working day', () => {
    expect(addWorkingDays('2024-03-20', 0)).toBe('2024-03-20')
    expect(addWorkingDays('2024-03-21', 0)).toBe('2024-03-26')
    expect(addWorkingDays('2024-05-04', 0)).toBe('2024-05-04')
  })

  it('counts working days in a closed range', () => {
    expect(workingDaysBetween('2024-03-01', '2024-03-31')).toBe(17)
    expect(workingDaysBetween('2024-03-26', '2024-03-26')).toBe(1)
    expect(workingDaysBetween('2024-03-21', '2024-03-25')).toBe(0)
    expect(workingDaysBetween('2024-05-01', '2024-05-10')).toBe(5) // 2, 3, 4 (Sat), 6, 10
    // 2024 has 366 days, 104 weekend days, 13 weekday holidays/substitutes, +1 −1 transfer.
    expect(workingDaysBetween('2024-01-01', '2024-12-31')).toBe(249)
  })

  it('addWorkingDays lands on a working day, and the days between are exactly n', () => {
    const date = fc
      .date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z') })
      .filter((d) => !Number.isNaN(d.getTime()))
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const end = addWorkingDays(d, n)
        expect(isWorkingDay(end)).toBe(true)
        expect(workingDaysBetween(nextDay(d), end)).toBe(n)
      }),
      { numRuns: 300 },
    )
  })

  it('n = 0 is the first working day on or after the date', () => {
    const date = fc
      .date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z') })
      .filter((d) => !Number.isNaN(d.getTime()))
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, (d) => {
        const start = addWorkingDays(d, 0)
        expect(isWorkingDay(start)).toBe(true)
        expect(workingDaysBetween(d, start)).toBe(1)
      }),
    )
  })
})

describe('listing and coverage', () => {
  it("lists a year's holidays, substitutes and transfers in date order", () => {
    const days = daysOff(2024)
    const dates = days.map((d) => d.date)
    expect(dates).toEqual([...dates].sort())
    expect(days.find((d) => d.date === '2024-03-23')).toMatchObject({ kind: 'holiday', weekday: 6 })
    expect(days.find((d) => d.date === '2024-03-25')).toMatchObject({
      kind: 'substitute',
      weekday: 1,
    })
    expect(days.find((d) => d.date === '2024-05-04')).toMatchObject({
      kind: 'transfer-working',
      weekday: 6,
    })
    expect(days.every((d) => d.kind !== 'working' && d.kind !== 'weekend')).toBe(true)
    expect(days.every((d) => d.names && d.source)).toBe(true)
  })

  it('names the years whose transfers are loaded', () => {
    const years = coverage()
    expect(years).toContain(2022)
    expect(years).toContain(2025)
    expect(years).not.toContain(2015)
    expect(years.every((y, i) => i === 0 || y === years[i - 1]! + 1)).toBe(true)
  })
})

describe('Kazakhstan date of an instant (Asia/Almaty)', () => {
  it('is UTC+6 before 1 March 2024', () => {
    expect(kazakhstanDate(new Date('2024-01-01T17:59:00Z'))).toBe('2024-01-01')
    expect(kazakhstanDate(new Date('2024-01-01T18:00:00Z'))).toBe('2024-01-02')
    expect(kazakhstanDate(new Date('2023-06-30T18:30:00Z'))).toBe('2023-07-01')
  })

  it('is UTC+5 from 1 March 2024', () => {
    expect(kazakhstanDate(new Date('2024-03-10T18:30:00Z'))).toBe('2024-03-10')
    expect(kazakhstanDate(new Date('2024-03-10T19:00:00Z'))).toBe('2024-03-11')
    expect(kazakhstanDate(new Date('2025-12-31T19:30:00Z'))).toBe('2026-01-01')
  })

  it('rejects an invalid instant', () => {
    expect(() => kazakhstanDate(new Date('nope'))).toThrow(InputError)
  })
})

describe('bad input', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '24-03-01', '2024-3-1', '', 'tomorrow'])(
    'rejects %j with calendar.error.date',
    (value) => {
      expect(() => dayInfo(value)).toThrow(InputError)
      expect(() => isWorkingDay(value)).toThrow(
        expect.objectContaining({
          messageKey: 'calendar.error.date',
          message: expect.stringContaining('YYYY-MM-DD'),
        }),
      )
    },
  )

  it('accepts 29 February in a leap year', () => {
    expect(dayInfo('2024-02-29').kind).toBe('working')
  })

  it('rejects years outside 1995..2100', () => {
    expect(() => dayInfo('1994-12-31')).toThrow(/1995–2100/)
    expect(() => daysOff(2101)).toThrow(InputError)
    expect(() => addWorkingDays('2100-12-30', 5)).toThrow(/1995–2100/)
    expect(dayInfo('1995-01-03').date).toBe('1995-01-03')
  })

  it('rejects a negative or fractional n and a reversed range', () => {
    expect(() => addWorkingDays('2024-03-20', -1)).toThrow(InputError)
    expect(() => addWorkingDays('2024-03-20', 1.5)).toThrow(InputError)
    expect(() => workingDaysBetween('2024-03-21', '2024-03-20')).toThrow(
      expect.objectContaining({ messageKey: 'calendar.error.range' }),
    )
  })

  it('answers a year of lookups fast (cached per year)', () => {
    const started = performance.now()
    for (let i = 0; i < 50; i++) workingDaysBetween('2016-01-01', '2025-12-31')
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
