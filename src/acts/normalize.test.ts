import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bundledActPath } from './bundled.js'
import { joinLines, letterSequence, normalizeLine, normalizeText } from './normalize.js'

describe('normalizeLine on real lines of order 158', () => {
  it.each([
    ['с у б ъ е к т і л е р і н і ң', 'субъектілерінің'],
    ['е с е п к е  а л у д ы', 'есепке алуды'],
    ['1 - д е ң г е й :', '1-деңгей:'],
    ['Э Қ А Б Ж ,', 'ЭҚАБЖ,'],
    ['процестер ін  ', 'процестерін'],
    ['процестерд і  ', 'процестерді'],
    ['мерз імдер ін  ', 'мерзімдерін'],
    ['мүгедектердiң қоғамдық бiрлестiктерiмен', 'мүгедектердің қоғамдық бірлестіктерімен'],
    ['ата-анаcының', 'ата-анасының'],
    ['ЭОЖ E-learning (ішінара),', 'ЭОЖ E-learning (ішінара),'],
    ['өзара іс-қимылды іске асыру', 'өзара іс-қимылды іске асыру'],
    ['Заңы (бұдан әрі – Заң)  18) тармақшасына', 'Заңы (бұдан әрі – Заң) 18) тармақшасына'],
    [
      'Республикасының Заңы (бұдан әрі – Заң)  18) тармақшасына сәйкес 7-бабының',
      'Республикасының Заңы (бұдан әрі – Заң) 7-бабының 18) тармақшасына сәйкес',
    ],
    [
      'Қазақстан Республикасы Президентінің № 931  бекітілген Жарлығымен',
      'Қазақстан Республикасы Президентінің № 931 Жарлығымен бекітілген',
    ],
    [
      'үшін осы Үлгілік архитектураға берілген №2  сәйкес, қосымшаға',
      'үшін осы Үлгілік архитектураға берілген №2 қосымшаға сәйкес,',
    ],
    [
      'функционалдық емес талаптардың іске асырылуын және Заңның  3) 6 бабының',
      'функционалдық емес талаптардың іске асырылуын және Заңның 3) 6 бабының',
    ],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeLine(raw)).toBe(expected)
  })
})

describe('normalizeText', () => {
  it('keeps original line numbers and marks the first line after a page break', () => {
    const lines = normalizeText('a\n\nb\n\n\n\nc\n \n \nd')
    expect(lines.map((l) => l.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(lines.filter((l) => l.afterPageBreak).map((l) => l.text)).toEqual(['c', 'd'])
  })

  it('normalises the whole of order 158 without losing a letter', () => {
    const raw = readFileSync(bundledActPath('2016-158-kk-typical-architecture.txt'), 'utf8')
    const lines = normalizeText(raw)
    expect(lines).toHaveLength(raw.split('\n').length)
    expect(sorted(letterSequence(lines.map((l) => l.text).join('')))).toBe(
      sorted(letterSequence(raw)),
    )
    expect(lines.filter((l) => l.afterPageBreak).length).toBeGreaterThanOrEqual(185)
    expect(lines.some((l) => /\p{Script=Cyrillic}i|i\p{Script=Cyrillic}/u.test(l.text))).toBe(false)
  })
})

describe('hyperlink repair across lines', () => {
  it('joins a link number left on the line above with its word at the end of the next', () => {
    const lines = normalizeText(
      '"Тұрғын үй қатынастары туралы" Заңның 32\n 2-2-тармағымен көзделген жағдайда, -бабы',
    )
    expect(lines.map((l) => l.text)).toEqual([
      '"Тұрғын үй қатынастары туралы" Заңның',
      '32-бабы 2-2-тармағымен көзделген жағдайда,',
    ])
  })
})

describe('joinLines', () => {
  it('joins wrapped lines and removes the spaces extraction puts around punctuation', () => {
    expect(joinLines(['мақсаты үшін (', 'жер учаскесі', ') берілген', ', кадрлардағы'])).toBe(
      'мақсаты үшін (жер учаскесі) берілген, кадрлардағы',
    )
    expect(joinLines(['бизнес-', 'процестерді', 'Заңының 32-бабы 2-', 'тармағында'])).toBe(
      'бизнес-процестерді Заңының 32-бабы 2-тармағында',
    )
  })
})

/** The letters in code-point order: equal for texts with the same letters in any order. */
const sorted = (letters: string) => [...letters].sort().join('')

const actLike = fc.oneof(
  fc.stringMatching(/^[ а-яәғқңөұүһіiАЖЭМСc0-9,.;:()«»"\-\n]{0,200}$/),
  // Lines with a gap and a link word at the end, as the hyperlink displacement leaves them.
  fc
    .tuple(fc.stringMatching(/^[а-я ]{0,30}$/), fc.stringMatching(/^[а-я ]{0,30}$/))
    .map(([a, b]) => `${a}  ${b} 7-бабының`),
)

describe('normalisation properties', () => {
  it('never throws, on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        normalizeText(text)
      }),
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(actLike, fc.string({ maxLength: 200 })), (text) => {
        const once = normalizeText(text).map((l) => l.text)
        const twice = normalizeText(once.join('\n')).map((l) => l.text)
        expect(twice).toEqual(once)
      }),
      { numRuns: 500 },
    )
  })

  it('never drops or adds a letter or digit of the law', () => {
    fc.assert(
      fc.property(fc.oneof(actLike, fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        const out = normalizeText(text)
          .map((l) => l.text)
          .join('\n')
        expect(sorted(letterSequence(out))).toBe(sorted(letterSequence(text)))
      }),
      { numRuns: 500 },
    )
  })
})
