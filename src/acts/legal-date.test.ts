import { describe, expect, it } from 'vitest'
import { addDays, findDates, isoDate, monthNumber } from './legal-date.js'

describe('monthNumber', () => {
  it.each([
    ['қаңтардан', 1],
    ['ақпан', 2],
    ['наурыздағы', 3],
    ['сәуірдегі', 4],
    ['мамыр', 5],
    ['маусымда', 6],
    ['шілдедегі', 7],
    ['тамыз', 8],
    ['қыркүйектегі', 9],
    ['қазандағы', 10],
    ['қарашадағы', 11],
    ['желтоқсанда', 12],
    ['января', 1],
    ['февраля', 2],
    ['марта', 3],
    ['апреля', 4],
    ['мая', 5],
    ['июня', 6],
    ['июля', 7],
    ['августа', 8],
    ['сентября', 9],
    ['октября', 10],
    ['ноября', 11],
    ['декабря', 12],
  ])('%s → %i', (word, month) => {
    expect(monthNumber(word)).toBe(month)
  })

  it('returns null for other words', () => {
    expect(monthNumber('бұйрығы')).toBeNull()
    expect(monthNumber('марш')).toBeNull()
  })
})

describe('findDates', () => {
  it('reads kk, ru and figure dates in the order printed', () => {
    const text =
      '2016 жылғы 19 қыркүйектегі № 158; 2012 жылы 10 желтоқсанда; от 29 сентября 2022 года; ' +
      '(01.01.2023 бастап'
    expect(findDates(text).map((d) => d.iso)).toEqual([
      '2016-09-19',
      '2012-12-10',
      '2022-09-29',
      '2023-01-01',
    ])
  })

  it('skips impossible days and words that are not months', () => {
    expect(findDates('2016 жылғы 31 қыркүйектегі, 2016 жылғы 3 бөлім, 31.02.2020')).toEqual([])
  })

  it('reports where each date ends', () => {
    const text = 'бастап 2022 жылғы 1 қаңтардан бастап'
    const [d] = findDates(text)
    expect(text.slice(d!.index, d!.end)).toBe('2022 жылғы 1 қаңтардан')
  })
})

describe('isoDate and addDays', () => {
  it('builds ISO dates and counts calendar days across months and years', () => {
    expect(isoDate(2016, 12, 8)).toBe('2016-12-08')
    expect(isoDate(2021, 2, 29)).toBeNull()
    expect(addDays('2016-12-08', 11)).toBe('2016-12-19')
    expect(addDays('2022-12-25', 11)).toBe('2023-01-05')
  })
})
