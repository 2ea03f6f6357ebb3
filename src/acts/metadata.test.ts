import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { bundledActPath, bundledActs } from './bundled.js'
import { parseActMetadata } from './metadata.js'
import { normalizeText } from './normalize.js'
import type { ActMetadata } from './types.js'

function metadataOf(file: string): ActMetadata {
  return parseActMetadata(normalizeText(readFileSync(bundledActPath(file), 'utf8')), file)
}

describe('parseActMetadata on the bundled acts', () => {
  it('reads order 158 (architecture, repealed by order 304 ten days after its publication)', () => {
    expect(metadataOf('2016-158-kk-typical-architecture.txt')).toEqual({
      number: '158',
      date: '2016-09-19',
      registration: '14492',
      registeredOn: '2016-12-08',
      language: 'kk',
      title: '"Электрондық әкімдіктің" үлгілік архитектурасын бекіту туралы',
      kind: 'architecture',
      amends: null,
      // l.42–43: «алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң»
      entryIntoForce: { kind: 'after-publication', days: 10, earliest: '2016-12-19' },
      entryIntoForceExceptions: [],
      // l.10–12: order 304 of 03.07.2018 itself takes effect ten days after its publication,
      // which the text does not date: the earliest possible day is 03.07 + 11.
      repealedOn: '2018-07-14',
      repealedBy: '№ 304 2018-07-03',
      lines: [2, 12],
    })
  })

  it('reads order 142 with the garbled para 4 and its exception for item 1, paragraph 6', () => {
    expect(metadataOf('2021-142-kk-amendments-to-304.txt')).toEqual({
      number: '142/НҚ',
      date: '2021-04-21',
      registration: '22606',
      registeredOn: '2021-04-23',
      language: 'kk',
      title:
        '"Электрондық әкімдіктің" үлгілік архитектурасын бекіту туралы" Қазақстан Республикасы ' +
        'Ақпарат және коммуникациялар министрінің 2018 жылғы 3 шілдедегі № 304 бұйрығына ' +
        'өзгерістер енгізу туралы',
      kind: 'amendment',
      amends: { number: '304', date: '2018-07-03', registration: '17191' },
      entryIntoForce: { kind: 'after-publication', days: 10, earliest: '2021-05-04' },
      // l.584–586: «… 2022 жылғы 1 қаңтардан бастап қолданысқа енгізілетін осы бұйрықтың
      // алтыншы1-тармағының абзацын қоспағанда …»
      entryIntoForceExceptions: [{ paragraph: 'item 1, paragraph 6', date: '2022-01-01' }],
      // l.13–15: «11.11.2022 № 428/НҚ (01.01.2023 бастап қолданысқа енгізіледі)»
      repealedOn: '2023-01-01',
      repealedBy: '№ 428/НҚ 2022-11-11',
      // title, status, identity, the repeal note and the ЗҚАИ note (l.16–17)
      lines: [2, 17],
    })
  })

  it('reads order 352 in Russian', () => {
    expect(metadataOf('2022-352-ru-amendments-to-304.txt')).toEqual({
      number: '352/НҚ',
      date: '2022-09-29',
      registration: '29966',
      registeredOn: '2022-10-03',
      language: 'ru',
      title:
        'О внесении изменений в приказ Министра информации и коммуникаций Республики Казахстан ' +
        'от 3 июля 2018 года № 304 "Об утверждении Типовой архитектуры "электронного акимата"',
      kind: 'amendment',
      // the title prints «№ 304», item 1 «№ 304/НҚ»: the number is taken from the title
      amends: { number: '304', date: '2018-07-03', registration: '17191' },
      entryIntoForce: { kind: 'after-publication', days: 10, earliest: '2022-10-14' },
      entryIntoForceExceptions: [],
      // l.13–15: «(вводится в № 428/НҚ действие с 01.01.2023)»
      repealedOn: '2023-01-01',
      repealedBy: '№ 428/НҚ 2022-11-11',
      lines: [2, 15],
    })
  })

  it('reads order 174 (rules), repealed from 22.07.2024', () => {
    expect(metadataOf('2019-174-kk-architecture-portal-rules.txt')).toEqual({
      number: '174/НҚ',
      date: '2019-07-25',
      registration: '19104',
      registeredOn: '2019-07-29',
      language: 'kk',
      title:
        '"Электрондық үкіметтің" ақпараттандыру объектілері туралы мәліметтерді есепке алу және ' +
        '"электрондық үкіметтің" ақпараттандыру объектілерінің техникалық құжаттамасының ' +
        'электрондық көшірмелерін орналастыру қағидаларын бекіту туралы',
      kind: 'rules',
      amends: null,
      entryIntoForce: { kind: 'after-publication', days: 10, earliest: '2019-08-09' },
      entryIntoForceExceptions: [],
      repealedOn: '2024-07-22',
      repealedBy: '№ 420/НҚ 2024-07-12',
      lines: [2, 16],
    })
  })

  it('reads order 178 (regulations), its repeal dated by the repealing act', () => {
    expect(metadataOf('2012-178-kk-e-service-regulations.txt')).toEqual({
      number: '178',
      date: '2012-11-07',
      registration: '8141',
      registeredOn: '2012-12-10',
      language: 'kk',
      title: 'Электрондық мемлекеттік қызметтерді көрсетудің регламенттерін бекіту туралы',
      kind: 'regulations',
      amends: null,
      entryIntoForce: { kind: 'after-publication', days: 10, earliest: '2012-12-21' },
      entryIntoForceExceptions: [],
      // l.7–11 name order No. 100 of 11.04.2016 and nothing about when it took effect
      repealedOn: '2016-04-11',
      repealedBy: '№ 100 2016-04-11',
      lines: [2, 11],
    })
  })

  it('finds the registration number the manifest lists for every bundled act', () => {
    for (const act of bundledActs()) {
      expect(metadataOf(act.file).registration, act.file).toBe(act.registration)
    }
  })
})

const RU_ACT = [
  '',
  'О внесении изменений в приказ Министра от 3 июля 2018 года № 304',
  '',
  'Приказ Министра цифрового развития от 5 мая 2021 года № 10/НҚ. Зарегистрирован в',
  'Министерстве юстиции Республики Казахстан 7 мая 2021 года № 22000.',
  '      ПРИКАЗЫВАЮ:',
  '      1. Внести в приказ (зарегистрирован в Реестре государственной регистрации',
  'нормативных правовых актов под № 17191) следующие изменения:',
  '      2. Настоящий приказ вводится в действие с 1 января 2022 года, за исключением',
  'абзаца третьего пункта 1, который вводится в действие с 01.03.2022.',
].join('\n')

describe('parseActMetadata on made-up headings', () => {
  it('reads a fixed entry-into-force date and a Russian exception', () => {
    const m = parseActMetadata(normalizeText(RU_ACT))
    expect(m).toMatchObject({
      number: '10/НҚ',
      date: '2021-05-05',
      registration: '22000',
      registeredOn: '2021-05-07',
      language: 'ru',
      kind: 'amendment',
      amends: { number: '304', date: '2018-07-03', registration: '17191' },
      entryIntoForce: { kind: 'date', date: '2022-01-01' },
      entryIntoForceExceptions: [{ paragraph: 'item 1, paragraph 3', date: '2022-03-01' }],
      repealedOn: null,
      repealedBy: null,
      lines: [2, 5],
    })
  })

  it('throws InputError naming the missing number and date for a text that is not an act', () => {
    const lines = normalizeText('Қысқаша хабарлама\n\nБұл жерде бұйрық жоқ.\n')
    expect(() => parseActMetadata(lines, 'note.txt')).toThrow(InputError)
    expect(() => parseActMetadata(lines, 'note.txt')).toThrow(
      /Not an act \(note\.txt\): no act number and adoption date/,
    )
  })

  it('throws InputError when the registration is missing', () => {
    const text = 'Қағидаларын бекіту туралы\n\nМинистрдің 2019 жылғы 25 шілдедегі № 174/НҚ бұйрығы.'
    expect(() => parseActMetadata(normalizeText(text))).toThrow(
      /no Ministry of Justice registration number/,
    )
  })

  it('throws InputError for an empty text and for a title of no known kind', () => {
    expect(() => parseActMetadata(normalizeText('\n\n'))).toThrow(/the text is empty/)
    const text =
      'Бір нәрсе туралы\n\nМинистрдің 2019 жылғы 25 шілдедегі № 1 бұйрығы. Әділет ' +
      'министрлігінде 2019 жылғы 29 шілдеде № 19104 болып тіркелді.'
    expect(() => parseActMetadata(normalizeText(text))).toThrow(/Unknown kind of act/)
  })
})
