/**
 * @module
 * Days off moved by the yearly act (Labour Code art. 85 p. 3: "to use working time rationally"
 * a day off is moved, usually a Saturday becomes a working day and a weekday next to a holiday a
 * day off). This is data: each entry names its act. Add a year by appending its entries with the
 * act and extending TRANSFERS_COVER (see docs/architecture.md, "Working-day calendar").
 *
 * Sources. The dates of 2016–2025 agree with `KazakhstanStaticHolidays` in the python `holidays`
 * library (github.com/vacanza/holidays, holidays/countries/kazakhstan.py), which cites each year's
 * act on adilet.zan.kz. Decree numbers of 2016–2021 are read from those adilet document codes
 * (P + year + number, e.g. P1700000864 = decree No. 864 of 2017); their signing dates were not
 * checked. 2022–2025 were also checked against press reports quoting the acts (zakon.kz,
 * tengrinews.kz, sputniknews.kz, nur.kz): since 2024 the transfer is an order of the Minister of
 * Labour and Social Protection of Population instead of a Government decree.
 *
 * Not encoded (not confirmed): years before 2016 (the python library lists transfers for
 * 2000–2014 too, several acts a year, without saying which act moved which day), and 2026 and
 * later (no act found as of this writing: January and Nauryz 2026 passed without a transfer, but
 * a later order could still come).
 */

/** The act that moved a day off. */
export interface TransferSource {
  /** The act's kind, date (when known) and number. */
  act: string
  /** The act on adilet.zan.kz, when known. */
  url?: string
}

export interface Transfer {
  /** The weekday that becomes a day off (`YYYY-MM-DD`). */
  dayOff: string
  /** The day that becomes a working day instead (usually a Saturday or Sunday). */
  workingDay: string
  source: TransferSource
}

/** The years whose transfers are all here (a year with none confirmed counts too). */
export const TRANSFERS_COVER = { from: 2016, to: 2025 } as const

const adilet = (code: string) => `https://adilet.zan.kz/rus/docs/${code}`

const decree = (number: number, year: number, code: string, date?: string): TransferSource => ({
  act: `Decree of the Government of the RK${date ? ` of ${date}` : ` of ${year}`} No. ${number}`,
  url: adilet(code),
})

const D2016 = decree(67, 2016, 'P1600000067')
const D2017 = decree(5, 2017, 'P1700000005')
const D2018 = decree(864, 2017, 'P1700000864')
const D2019 = decree(888, 2018, 'P1800000888')
const D2020 = decree(820, 2019, 'P1900000820')
const D2021 = decree(930, 2020, 'P2000000930')
const D2022 = decree(713, 2021, 'P2100000713', '6 October 2021')
const D2022_AMENDED: TransferSource = {
  act: 'Decree of the Government of the RK of 2022 No. 796 amending Decree No. 713 of 6 October 2021',
  url: adilet('P2200000796'),
}
const D2023 = decree(326, 2023, 'P2300000326', '25 April 2023')
const O2024: TransferSource = {
  act: 'Order of the acting Minister of Labour and Social Protection of Population of the RK of 17 April 2024 "On the transfer of a day of rest in 2024"',
  url: adilet('G24G0000109'),
}
const O2025: TransferSource = {
  act: 'Order of the Minister of Labour and Social Protection of Population of the RK (2024) on the transfer of a day of rest in 2025',
  url: adilet('G24G0000436'),
}

export const TRANSFERS: readonly Transfer[] = [
  { dayOff: '2016-03-07', workingDay: '2016-03-05', source: D2016 },
  { dayOff: '2017-03-20', workingDay: '2017-03-18', source: D2017 },
  { dayOff: '2017-07-07', workingDay: '2017-07-01', source: D2017 },
  { dayOff: '2018-03-09', workingDay: '2018-03-03', source: D2018 },
  { dayOff: '2018-04-30', workingDay: '2018-04-28', source: D2018 },
  { dayOff: '2018-05-08', workingDay: '2018-05-05', source: D2018 },
  { dayOff: '2018-08-31', workingDay: '2018-08-25', source: D2018 },
  { dayOff: '2018-12-31', workingDay: '2018-12-29', source: D2018 },
  { dayOff: '2019-05-10', workingDay: '2019-05-04', source: D2019 },
  { dayOff: '2020-01-03', workingDay: '2020-01-05', source: D2020 },
  // Victory Day fell on Saturday 9 May 2020: its substitute Monday 11 May was moved to Friday 8 May.
  { dayOff: '2020-05-08', workingDay: '2020-05-11', source: D2020 },
  { dayOff: '2020-12-18', workingDay: '2020-12-20', source: D2020 },
  { dayOff: '2021-07-05', workingDay: '2021-07-03', source: D2021 },
  { dayOff: '2022-03-07', workingDay: '2022-03-05', source: D2022 },
  { dayOff: '2022-08-29', workingDay: '2022-08-27', source: D2022 },
  { dayOff: '2022-10-24', workingDay: '2022-10-22', source: D2022_AMENDED },
  { dayOff: '2023-07-07', workingDay: '2023-07-01', source: D2023 },
  { dayOff: '2024-05-08', workingDay: '2024-05-04', source: O2024 },
  { dayOff: '2025-01-03', workingDay: '2025-01-05', source: O2025 },
]
