/**
 * @module
 * Dates as the acts print them, read into ISO `YYYY-MM-DD`: Kazakh («2016 жылғы 19
 * қыркүйектегі», «2012 жылы 10 желтоқсанда», «2022 жылғы 1 қаңтардан»), Russian («29 сентября
 * 2022 года», «от 3 июля 2018 года») and figures («03.07.2018»). Kazakh month names carry case
 * suffixes (-дағы, -да, -дан), so they are matched by their stem.
 */

/** Kazakh month names (nominative), January first. */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
]

/** Russian month names, nominative and genitive, January first. */
const RU_MONTHS = [
  /^январ[ья]$/,
  /^феврал[ья]$/,
  /^марта?$/,
  /^апрел[ья]$/,
  /^ма[йя]$/,
  /^июн[ья]$/,
  /^июл[ья]$/,
  /^августа?$/,
  /^сентябр[ья]$/,
  /^октябр[ья]$/,
  /^ноябр[ья]$/,
  /^декабр[ья]$/,
]

/** A date found in a text: its ISO form and where it is printed. */
export interface FoundDate {
  iso: string
  /** Offset of the first character of the date in the text. */
  index: number
  /** Offset just after the date (after its month word or year). */
  end: number
}

/**
 * The month (1–12) a Kazakh or Russian month word names, suffixes allowed in Kazakh
 * («қыркүйектегі» → 9, «желтоқсанда» → 12, «сентября» → 9); null for any other word.
 */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase()
  const kk = KK_MONTHS.findIndex((stem) => w.startsWith(stem))
  if (kk >= 0) return kk + 1
  const ru = RU_MONTHS.findIndex((re) => re.test(w))
  return ru >= 0 ? ru + 1 : null
}

/** `YYYY-MM-DD` for a calendar date; null when the day does not exist (31 June). */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null
  }
  return d.toISOString().slice(0, 10)
}

/** The ISO date `days` calendar days after `iso` (negative for before). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const KK_DATE = /(\d{4})\s+жыл(?:ғы|ы)\s+(\d{1,2})\s+(\p{L}+)/gu
const RU_DATE = /(\d{1,2})\s+(\p{L}+)\s+(\d{4})(?:\s+года?)?/gu
const FIGURES_DATE = /(?<!\d)(\d{2})\.(\d{2})\.(\d{4})(?!\d)/g

/**
 * Every date printed in a text, in the order they appear. Words that are not month names and
 * impossible days are skipped.
 * @example findDates('2016 жылғы 8 желтоқсанда № 14492') // [{ iso: '2016-12-08', … }]
 */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = []
  const push = (year: string, month: number | null, day: string, m: RegExpMatchArray) => {
    if (month === null) return
    const iso = isoDate(Number(year), month, Number(day))
    const index = m.index ?? 0
    if (iso !== null) found.push({ iso, index, end: index + m[0].length })
  }
  for (const m of text.matchAll(KK_DATE)) push(m[1]!, monthNumber(m[3]!), m[2]!, m)
  for (const m of text.matchAll(RU_DATE)) {
    if (RU_MONTHS.some((re) => re.test(m[2]!.toLowerCase())))
      push(m[3]!, monthNumber(m[2]!), m[1]!, m)
  }
  for (const m of text.matchAll(FIGURES_DATE)) push(m[3]!, Number(m[2]), m[1]!, m)
  return found.sort((a, b) => a.index - b.index)
}

/** Ordinals naming a paragraph (абзац), kk and ru. */
export const PARAGRAPH_ORDINALS: Record<string, number> = {
  бірінші: 1,
  екінші: 2,
  үшінші: 3,
  төртінші: 4,
  бесінші: 5,
  алтыншы: 6,
  жетінші: 7,
  сегізінші: 8,
  тоғызыншы: 9,
  оныншы: 10,
  первого: 1,
  второго: 2,
  третьего: 3,
  четвертого: 4,
  четвёртого: 4,
  пятого: 5,
  шестого: 6,
  седьмого: 7,
  восьмого: 8,
  девятого: 9,
  десятого: 10,
}
