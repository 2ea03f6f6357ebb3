import { describe, expect, it } from 'vitest'
import { type CellLine, joinCellLines, toCellLine } from './cell-text.js'
import { normalizeText } from './normalize.js'

/** Cell lines from raw printed lines (trailing spaces matter). */
function cell(...raw: string[]): CellLine[] {
  return normalizeText(raw.join('\n')).map(toCellLine)
}

describe('joinCellLines', () => {
  it('joins a word the narrow column broke without a hyphen', () => {
    expect(joinCellLines(cell('инвалидность', 'ю в размере '), 'ru')).toBe(
      'инвалидностью в размере',
    )
    expect(joinCellLines(cell('неавтоматизи', 'рованных ', 'услугам'), 'ru')).toBe(
      'неавтоматизированных услугам',
    )
    expect(joinCellLines(cell('Республикасы', 'н ы ң  ', 'азаматтарына', 'н'), 'kk')).toBe(
      'Республикасының азаматтарынан',
    )
  })

  it('keeps whole words that fill the column apart', () => {
    expect(joinCellLines(cell('реабилитации', 'л и ц а  с  '), 'ru')).toBe('реабилитации лица с')
    expect(joinCellLines(cell('передвижении', 'и специалиста'), 'ru')).toBe(
      'передвижении и специалиста',
    )
    expect(joinCellLines(cell('орталықтарын', 'құрады және '), 'kk')).toBe(
      'орталықтарын құрады және',
    )
  })

  it('tells a word ending «и» from the conjunction', () => {
    expect(joinCellLines(cell('специальным', 'и средствами '), 'ru')).toBe(
      'специальными средствами',
    )
    expect(joinCellLines(cell('классификаци', 'и '), 'ru')).toBe('классификации')
  })

  it('keeps one-letter words the normaliser would glue («ю  в  », «м  и  »)', () => {
    expect(joinCellLines(cell('инвалидность', 'ю  в  ', 'соответствии '), 'ru')).toBe(
      'инвалидностью в соответствии',
    )
    expect(joinCellLines(cell('проживающи', 'м  и  ', 'работающим '), 'ru')).toBe(
      'проживающим и работающим',
    )
  })

  it('glues quotes moved across lines and brackets to their words', () => {
    expect(
      joinCellLines(cell('"Медстат" ', 'А А Ж ,  "', 'Денсаулық ', 'көрсеткіштері', '" АЖ'), 'kk'),
    ).toBe('"Медстат" ААЖ, "Денсаулық көрсеткіштері" АЖ')
    expect(joinCellLines(cell('АИС "Е-собес', '", АИС СП, '), 'ru')).toBe('АИС "Е-собес", АИС СП,')
    expect(joinCellLines(cell('"Қандас" ДҚ ', 'ААЖ (ішінара', ')'), 'kk')).toBe(
      '"Қандас" ДҚ ААЖ (ішінара)',
    )
    expect(joinCellLines(cell('ьное обучение', '(', 'переобучение', ')  л и ц  с  '), 'ru')).toBe(
      'ьное обучение (переобучение) лиц с',
    )
  })

  it('keeps a hyphen ending a line and joins hyphenated compounds', () => {
    expect(joinCellLines(cell('материально-', 'техническое '), 'ru')).toBe(
      'материально-техническое',
    )
    expect(joinCellLines(cell('санаторно-кур', 'ортное  ', 'лечение'), 'ru')).toBe(
      'санаторно-курортное лечение',
    )
  })
})
