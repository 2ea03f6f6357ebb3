import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { bundledActPath } from './bundled.js'
import { parseGlossaries, parseGlossaryEntries } from './glossary.js'
import { normalizeText, type SourceLine } from './normalize.js'

function read(file: string): SourceLine[] {
  return normalizeText(readFileSync(bundledActPath(file), 'utf8'))
}

const LINES_158 = read('2016-158-kk-typical-architecture.txt')
const ENTRIES_158 = parseGlossaries(LINES_158)
const APPENDIX_1 = ENTRIES_158.filter((e) => e.list === 'appendix-1')
const APPENDIX_2 = ENTRIES_158.filter((e) => e.list === 'appendix-2')

describe('parseGlossaries on order 158', () => {
  it('finds 79 definitions in Appendix 1 and 10 in Appendix 2, in that order', () => {
    expect(APPENDIX_1).toHaveLength(79)
    expect(APPENDIX_2).toHaveLength(10)
    expect(ENTRIES_158.map((e) => e.list)).toEqual([
      ...Array(79).fill('appendix-1'),
      ...Array(10).fill('appendix-2'),
    ])
  })

  it('keeps every entry inside its glossary, in line order', () => {
    for (const e of APPENDIX_1) {
      expect(e.lines[0]).toBeGreaterThanOrEqual(12837)
      expect(e.lines[1]).toBeLessThanOrEqual(12982)
    }
    for (const e of APPENDIX_2) expect(e.lines[0]).toBeGreaterThanOrEqual(13156)
    const starts = ENTRIES_158.map((e) => e.lines[0])
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('reads the first and last entries of Appendix 1', () => {
    expect(APPENDIX_1[0]).toEqual({
      abbreviation: 'ӘА',
      expansion: 'Әкім Аппараты',
      level: null,
      list: 'appendix-1',
      lines: [12837, 12837],
    })
    expect(APPENDIX_1.at(-1)).toEqual({
      abbreviation: 'МММ ЭДҚ',
      expansion:
        'Қазақстан Республикасы Қаржы министрлігінің Меншіктің мемлекеттік мониторингі ' +
        'электрондық деректер қоры',
      level: null,
      list: 'appendix-1',
      lines: [12981, 12982],
    })
  })

  it('joins wrapped expansions and drops the list punctuation', () => {
    expect(APPENDIX_1[1]).toMatchObject({
      abbreviation: '"Е-собес" ААЖ',
      expansion:
        'Қазақстан Республикасы Денсаулық сақтау және әлеуметтік даму министрлігінің "Е-собес" ' +
        'автоматтандырылған ақпараттық жүйесі',
      lines: [12838, 12839],
    })
    const joo = APPENDIX_1.find((e) => e.abbreviation === 'ЖҮӘББ')
    expect(joo).toMatchObject({
      expansion: 'Жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы',
      level: 1,
      lines: [12964, 12965],
    })
  })

  it('rejoins a quotation the extraction split over two lines', () => {
    const oralman = APPENDIX_1.find((e) => e.abbreviation === 'Оралман ДҚ ААЖ')
    expect(oralman?.expansion).toBe(
      'Қазақстан Республикасы Ішкі істер министрлігінің "Оралман" деректер қоры" ' +
        'автоматтандырылған ақпараттық жүйесі',
    )
    const adilet = APPENDIX_1.find((e) => e.abbreviation === '"Әділет" НҚА АҚЖ')
    expect(adilet?.expansion).toBe(
      'Қазақстан Республикасы Әділет министрлігінің "Әділет" ақпараттық-құқықтық жүйесі',
    )
  })

  it('splits the two entries printed on one line (l.12918–12921)', () => {
    const i = APPENDIX_1.findIndex((e) => e.abbreviation === 'БПМ АЖ')
    expect(APPENDIX_1.slice(i, i + 2)).toEqual([
      {
        abbreviation: 'БПМ АЖ',
        expansion:
          'Қазақстан Республикасы Қаржы министрлігінің "Бюджеттік процестің мониторингі " ' +
          'ақпараттық жүйесі',
        level: null,
        list: 'appendix-1',
        lines: [12918, 12919],
      },
      {
        abbreviation: 'Мемлекеттік мүлік тіркелімі АЖ',
        expansion:
          'Қазақстан Республикасы Қаржы министрлігінің Мемлекеттік мүлік тіркелімінің ақпараттық ' +
          'жүйелері',
        level: null,
        list: 'appendix-1',
        lines: [12919, 12921],
      },
    ])
  })

  it('accepts a hyphen separator without a space before it («ТРБ- …», «АЖ- …»)', () => {
    expect(APPENDIX_1.find((e) => e.abbreviation === 'ТРБ')?.expansion).toBe(
      'Табиғи ресурстар басқармасы',
    )
    expect(APPENDIX_1.find((e) => e.abbreviation === 'e-Learning ЭОЖ')?.lines).toEqual([
      12953, 12954,
    ])
  })

  it('keeps duplicate keys apart by level: 1 басқармасы, 2 бөлімі', () => {
    const levels = (abbreviation: string) =>
      APPENDIX_1.filter((e) => e.abbreviation === abbreviation).map((e) => [e.lines[0], e.level])
    expect(levels('СҚБ')).toEqual([
      [12932, 2],
      [12955, 1],
    ])
    for (const key of ['ІСБ', 'ББ', 'КБ', 'ДШСБ', 'ЭҚБ', 'ЖКАЖБ']) {
      expect(levels(key).map(([, level]) => level)).toEqual([2, 1])
    }
    expect(APPENDIX_1.filter((e) => e.level === 1)).toHaveLength(21)
    expect(APPENDIX_1.filter((e) => e.level === 2)).toHaveLength(12)
  })

  it('keeps the source typo «болімі» while reading it as a district department', () => {
    expect(APPENDIX_1.find((e) => e.abbreviation === 'ЖКАЖБ' && e.level === 2)?.expansion).toBe(
      'Жолаушылар көлігі және автомобиль жолдары болімі',
    )
  })

  it('reads the Appendix 2 glossary without splitting «абоненттерге - 1 Гбит/с»', () => {
    expect(APPENDIX_2.map((e) => e.abbreviation)).toEqual([
      'ЕЛ МДҚ АЖ',
      '"e-қызмет" ЫАЖ',
      'МОИП',
      'АЕ ААЖ',
      'ДК',
      'ЭЦҚ',
      'МО БКО',
      'КБҚ',
      '3G',
      '4G',
    ])
    expect(APPENDIX_2.at(-1)).toMatchObject({
      expansion:
        'жоғары талаптары бар ұтқыр байланыс буыны. Төртінші буынға жылжымалы абоненттерге ' +
        'деректерді 100 Мбит/с асатын, тұрақты абоненттерге - 1 Гбит/с жылдамдылықпен беруге ' +
        'мүмкіндік беретін перспективалық технологияларды жатқызады',
      lines: [13174, 13177],
    })
    expect(APPENDIX_2.every((e) => e.level === null)).toBe(true)
  })

  it('throws InputError when the text has no glossary', () => {
    const lines = normalizeText('1. Жалпы ережелер\n      1. Осы Қағидалар')
    expect(() => parseGlossaries(lines)).toThrow(InputError)
    expect(() => parseGlossaries(lines)).toThrow(/No abbreviation glossary/)
  })
})

describe('parseGlossaryEntries, reused for the glossaries amendments restate', () => {
  it('reads the 76 entries of order 142 (l.463–565) without the quotes around the list', () => {
    const lines = read('2021-142-kk-amendments-to-304.txt').filter((l) => l.n >= 463 && l.n <= 565)
    const entries = parseGlossaryEntries(lines, 'appendix-1')
    expect(entries).toHaveLength(76)
    expect(entries[0]).toEqual({
      abbreviation: 'ААЖ',
      expansion: 'Селекциялық және тұқым жұмысының бірыңғай ақпараттық қоры',
      level: null,
      list: 'appendix-1',
      lines: [463, 463],
    })
    expect(entries.at(-1)).toMatchObject({
      abbreviation: '"e-Learning" ЭОЖ',
      expansion: '"e-Learning" электрондық оқыту жүйесі',
      lines: [565, 565],
    })
    expect(entries.find((e) => e.lines[0] === 514)?.abbreviation).toBe('"Қандас" ДҚ" ААЖ')
    const keys = entries.map((e) => e.abbreviation)
    const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))]
    expect(repeated.sort()).toEqual(['ББ', 'ДШСБ', 'КБ', 'СҚБ', 'ІСБ', 'ЭҚБ'].sort())
    for (const key of repeated) {
      expect(entries.filter((e) => e.abbreviation === key).map((e) => e.level)).toEqual([1, 2])
    }
  })

  it('reads the one line order 352 restates (l.1771–1772)', () => {
    const lines = read('2022-352-ru-amendments-to-304.txt').filter(
      (l) => l.n >= 1771 && l.n <= 1772,
    )
    expect(parseGlossaryEntries(lines, 'appendix-1')).toEqual([
      {
        abbreviation: 'АИС ЦБДИ',
        expansion:
          'Автоматизированная информационная система "Центральная база данных лиц с инвалидностью"',
        level: null,
        list: 'appendix-1',
        lines: [1771, 1772],
      },
    ])
  })

  it('reads Russian levels from «Управление …» and «Отдел …», and text without indentation', () => {
    const lines = normalizeText(
      'УКЗСП – Управление координации занятости и социальных программ\n' +
        'ОЗСП – Отдел занятости и социальных\nпрограмм',
    )
    expect(parseGlossaryEntries(lines, 'x').map((e) => [e.abbreviation, e.level, e.lines])).toEqual(
      [
        ['УКЗСП', 1, [1, 1]],
        ['ОЗСП', 2, [2, 3]],
      ],
    )
  })

  it('throws InputError naming the line that is not an entry', () => {
    const lines = read('2021-142-kk-amendments-to-304.txt').filter((l) => l.n >= 462 && l.n <= 470)
    expect(() => parseGlossaryEntries(lines, 'appendix-1')).toThrow(
      /Glossary line 462 is not an «ABBR – expansion» entry/,
    )
  })
})
