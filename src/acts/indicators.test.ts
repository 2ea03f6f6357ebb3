import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { bundledActPath } from './bundled.js'
import { parseIndicators } from './indicators.js'
import { normalizeText } from './normalize.js'

const INDICATORS = parseIndicators(
  normalizeText(readFileSync(bundledActPath('2016-158-kk-typical-architecture.txt'), 'utf8')),
)

const range = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`)

describe('parseIndicators on Appendix 2 of order 158', () => {
  it('finds exactly the 42 leaf indicators, in order, and no heading', () => {
    expect(INDICATORS.map((i) => i.code)).toEqual([
      ...range('1.1.', 6),
      ...range('1.2.', 15),
      ...range('1.3.', 2),
      ...range('1.4.', 2),
      ...range('1.5.', 6),
      ...range('2.', 11),
    ])
  })

  it('gives category and group from the code', () => {
    expect(INDICATORS.filter((i) => i.category === '1')).toHaveLength(31)
    expect(INDICATORS.filter((i) => i.category === '2')).toHaveLength(11)
    for (const i of INDICATORS) {
      expect(i.group).toBe(i.category === '1' ? i.code.split('.').slice(0, 2).join('.') : null)
    }
  })

  it('reads the units as printed: 31 %, 10 Бірл., 1 Балдар', () => {
    const count = (unit: string) => INDICATORS.filter((i) => i.unit === unit).length
    expect([count('%'), count('Бірл.'), count('Балдар')]).toEqual([31, 10, 1])
  })

  it('joins a wrapped title whose unit stands on its own line (1.1.1)', () => {
    expect(INDICATORS[0]).toEqual({
      code: '1.1.1',
      title:
        'Электронды түрде қабылданған рұқсатты алуға арналған өтініштер (жолданған хабарламалар) ' +
        'үлесі (тек оларды ЕЛ МДҚ АЖ электронды беру мүмкіндігі іске асырылған қызметтер үшін ' +
        'ғана қарастырылады)',
      unit: '%',
      category: '1',
      group: '1.1',
      lines: [13001, 13006],
    })
  })

  it('closes a bracket printed alone on the next line (1.1.2)', () => {
    expect(INDICATORS.find((i) => i.code === '1.1.2')).toMatchObject({
      title:
        'Электронды түрде берілген рұқсаттар (талондар) үлесі (рұқсаттар бөлігінде тек оларды ЕЛ ' +
        'МДҚ АЖ электронды беру мүмкіндігі іске асырылған қызметтер үшін ғана қарастырылады)',
      lines: [13008, 13013],
    })
  })

  it('splits the unit off the title line («… саны Бірл.», «… өзектілігі Балдар»)', () => {
    expect(INDICATORS.find((i) => i.code === '1.2.9')).toEqual({
      code: '1.2.9',
      title: 'ЖАО қарамағындағы ұйымдардың автоматтандырылған қызметтері саны',
      unit: 'Бірл.',
      category: '1',
      group: '1.2',
      lines: [13067, 13067],
    })
    expect(INDICATORS.find((i) => i.code === '1.3.2')).toMatchObject({
      title: 'ЖАО интернет-ресурсы ақпаратының толықтығы және өзектілігі',
      unit: 'Балдар',
    })
    expect(INDICATORS.find((i) => i.code === '2.7')).toMatchObject({
      title: '3G және 4G қамту деңгейі',
      unit: '%',
      group: null,
    })
  })

  it('joins a line broken after a slash (1.2.8) and keeps typos as printed (1.2.2)', () => {
    expect(INDICATORS.find((i) => i.code === '1.2.8')?.title).toBe(
      'Алынған құжаттардың жалпы санынан ЖТ және ЗТ электронды түрде алынған ' +
        'өтініштер/хабарламалар/есептер/өтінімдер үлесі (мемлекеттік көрсетілетін қызметтерді ' +
        'қоспағанда)',
    )
    expect(INDICATORS.find((i) => i.code === '1.2.2')?.title).toBe(
      'Автоматттандырылған РБЖ негізінде өткізілген жоспарлы тексерулер үлесі',
    )
  })

  it('reads a title that starts after a blank line under its code (1.2.13)', () => {
    expect(INDICATORS.find((i) => i.code === '1.2.13')).toMatchObject({
      title:
        'Электронды түрде өткізілген салалық конкурстардың және тендерлердің үлесі (мемлекеттік ' +
        'ресурстарды пайдалану құқықғын іске асыру немесе беру бойынша, астықтың мемлекеттік ' +
        'тұрақтандыру ресурстарын іске асыру бойынша, тасымалдауды жүзеге асыратын ұйымды ' +
        'айқындау бойынша)',
      unit: '%',
      lines: [13083, 13090],
    })
  })

  it('stops before the glossary that follows the table (2.11 is last)', () => {
    expect(INDICATORS.at(-1)).toEqual({
      code: '2.11',
      title: 'ЭЦҚ бар ересек халықтың үлесі',
      unit: '%',
      category: '2',
      group: null,
      lines: [13153, 13153],
    })
  })
})

describe('parseIndicators on texts without the table', () => {
  it('throws InputError when there is no Appendix 2', () => {
    const lines = normalizeText('1-қосымша\n\n1.1 Бір нәрсе %')
    expect(() => parseIndicators(lines)).toThrow(InputError)
    expect(() => parseIndicators(lines)).toThrow(/No Appendix 2/)
  })

  it('throws InputError when Appendix 2 has no indicator table', () => {
    expect(() => parseIndicators(normalizeText('2-қосымша\n\nБасқа мәтін'))).toThrow(
      /no indicator table/,
    )
  })

  it('throws InputError naming an indicator without a unit', () => {
    const text = '2-қосымша\n\nИндикатор Өлшем\nбірлігі\n\n1. Санат\n\n1.1 Бірлік жоқ\n\n1.2 Бар %'
    expect(() => parseIndicators(normalizeText(text))).toThrow(
      /indicator 1\.1 \(line 8\) has no unit/,
    )
  })
})
