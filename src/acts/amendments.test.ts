import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { parseAmendmentInstructions } from './amendments.js'
import { bundledActPath } from './bundled.js'
import { normalizeText } from './normalize.js'
import type { AmendmentInstructionDraft, CatalogRowDraft } from './types.js'

const FILE_142 = '2021-142-kk-amendments-to-304.txt'
const FILE_352 = '2022-352-ru-amendments-to-304.txt'

function text(file: string): string {
  return readFileSync(bundledActPath(file), 'utf8')
}

function parse(raw: string, language: 'kk' | 'ru'): AmendmentInstructionDraft[] {
  return parseAmendmentInstructions(normalizeText(raw), language)
}

/** The first `count` lines of an act, as if the file were cut there. */
function cut(file: string, count: number): string {
  return text(file).split('\n').slice(0, count).join('\n')
}

const ACT_142 = parse(text(FILE_142), 'kk')
const ACT_352 = parse(text(FILE_352), 'ru')

function rowsOf(instructions: AmendmentInstructionDraft[]): CatalogRowDraft[] {
  return instructions.flatMap((i) => (i.op === 'restate-rows' ? i.rows : []))
}

function row(instructions: AmendmentInstructionDraft[], section: number, number: number) {
  const found = rowsOf(instructions).find((r) => r.section === section && r.number === number)
  if (found === undefined) throw new Error(`row ${section}-${number} not parsed`)
  return found
}

const ROWS_142 = rowsOf(ACT_142)
const ROWS_352 = rowsOf(ACT_352)

describe('parseAmendmentInstructions on order 142/НҚ (kk)', () => {
  it('reads 12 instructions in the order printed', () => {
    expect(ACT_142.map((i) => i.op)).toEqual([
      'restate-section-title',
      'delete-rows',
      'restate-rows',
      'restate-rows',
      'restate-rows',
      'restate-rows',
      'restate-rows',
      'restate-section-title',
      'restate-rows',
      'restate-rows',
      'restate-section-title',
      'replace-glossary',
    ])
  })

  it('restates the three section titles as printed inside the quotes', () => {
    const titles = ACT_142.flatMap((i) => (i.op === 'restate-section-title' ? [i] : []))
    expect(titles).toEqual([
      {
        op: 'restate-section-title',
        section: 1,
        title: '1-бөлім. Облыс, республикалық маңызы бар қала, астана',
        lines: [28, 29],
      },
      {
        op: 'restate-section-title',
        section: 2,
        title: '2-бөлім. Аудан, облыстық маңызы бар қала',
        lines: [321, 322],
      },
      {
        op: 'restate-section-title',
        section: 3,
        title: '3-бөлім. Қаладағы аудан, аудандық маңызы бар қала, кент, ауыл, ауыл округі',
        lines: [459, 461],
      },
    ])
  })

  it('deletes section 1 rows 83 and 84 from 2022-01-01 (paragraph 6 of item 1, per para 4)', () => {
    expect(ACT_142[1]).toEqual({
      op: 'delete-rows',
      section: 1,
      numbers: [83, 84],
      lines: [30, 30],
      effectiveFrom: '2022-01-01',
    })
    expect(ACT_142.filter((i) => i.effectiveFrom !== undefined)).toHaveLength(1)
  })

  it('restates 8 rows: section 1 rows 382, 383, 389, 397, 510, 519; section 2 231, 233', () => {
    const restated = ACT_142.flatMap((i) =>
      i.op === 'restate-rows' ? [{ section: i.section, numbers: i.numbers, lines: i.lines }] : [],
    )
    expect(restated).toEqual([
      { section: 1, numbers: [382, 383], lines: [31, 114] },
      { section: 1, numbers: [389], lines: [116, 141] },
      { section: 1, numbers: [397], lines: [143, 200] },
      { section: 1, numbers: [510], lines: [202, 243] },
      { section: 1, numbers: [519], lines: [245, 319] },
      { section: 2, numbers: [231], lines: [323, 427] },
      { section: 2, numbers: [233], lines: [429, 455] },
    ])
    expect(ROWS_142.map((r) => `${r.section}-${r.number}`)).toEqual([
      '1-382',
      '1-383',
      '1-389',
      '1-397',
      '1-510',
      '1-519',
      '2-231',
      '2-233',
    ])
    for (const r of ROWS_142) expect(r.language).toBe('kk')
  })

  it('puts row 382 back together across the page break, text printed before «382.» first', () => {
    expect(row(ACT_142, 1, 382)).toEqual({
      section: 1,
      number: 382,
      group: 'Көші-қон саласындағы мемлекеттік және өзге қызметтерді көрсету, есепке алу',
      function: 'Қандас мәртебесін беру',
      systems: ['"Қандас" ДҚ ААЖ (ішінара)'],
      approach:
        'Өтініштерді тіркеу, қарау, шешімдерді құру және келісу процестерін автоматтандыру. ' +
        'Қазақстан Республикасының азаматтарынан өтініштерді электрондық түрде қабылдауды ' +
        'автоматтандыру',
      levels: [],
      resources: [
        'Қандас мәртебесін беру туралы өтініштер тізілімі',
        'Қандас куәліктерінің тізілімі',
      ],
      unit: 'ЖҚӘББ',
      language: 'kk',
      lines: [34, 84],
      flags: ['text-before-number', 'split-by-page-break'],
    })
  })

  it('carries the merged group and IS of row 382 to row 383, flagged', () => {
    const r = row(ACT_142, 1, 383)
    expect(r.group).toBe(row(ACT_142, 1, 382).group)
    expect(r.systems).toEqual(['"Қандас" ДҚ ААЖ (ішінара)'])
    expect(r.function).toBe(
      'Қандастарды бейімдеу және ықпалдастыру орталықтарын, уақытша орналастыру орталықтарын ' +
        'құрады және олардың қызметін ұйымдастырады',
    )
    expect(r.approach).toBeNull()
    expect(r.resources).toEqual([
      'Қандастарды бейімдеу және ықпалдастыру орталықтарының, уақытша орналастыру ' +
        'орталықтарының тізбесі',
    ])
    expect(r.unit).toBe('ЖҚӘББ')
    expect(r.lines).toEqual([86, 112])
    expect(r.flags).toEqual(['merged-cell-span-uncertain'])
  })

  it('reads row 397 with four systems and an approach', () => {
    const r = row(ACT_142, 1, 397)
    expect(r.group).toBe('Әлеуметтік көмек көрсету саласындағы есепке алу және мониторингілеу')
    expect(r.function).toBe(
      'Қазақстан Республикасының заңнамасына сәйкес қандастарға бюджеттік қаражат есебінен ' +
        'әлеуметтік көмек көрсетеді',
    )
    expect(r.systems).toEqual(['"Е-собес" ААЖ', 'ӘК ААЖ', 'МОДҚ АЖ', 'ЭМС ААЖ'])
    expect(r.approach).toBe(
      'Тұрмыстық зорлық-зомбылықтан зардап шеккен кәмелетке толмағандарды және тұрмысы ' +
        'қолайсыз отбасыларды есепке алуды автоматтандыру',
    )
    expect(r.resources).toEqual([
      'Қандастарға бюджеттік қаражат есебінен әлеуметтік көмек көрсету туралы мәліметтер',
    ])
    expect(r.flags).toEqual([])
  })

  it('keeps quotes that the extraction moved across lines with their names (row 510)', () => {
    const r = row(ACT_142, 1, 510)
    expect(r.systems).toEqual([
      '"Медстат" ААЖ',
      '"Денсаулық көрсеткіштері" АЖ',
      'ДҚБЖ',
      'МОИП',
      'ЭМС ААЖ',
      'ЭҚАБЖ',
    ])
    expect(r.function).toBe(
      'қандастар мен көшіп келушілердің медициналық көмек алуын қамтамасыз етеді',
    )
    expect(r.unit).toBe('ДБ')
    expect(row(ACT_142, 1, 519).function).toBe(
      'азаматтарды және қандастарды тегін медициналық көмектің кепілді көлемі шеңберінде ' +
        'медициналық көмекпен, дәрілік заттармен және медициналық мақсаттағы бұйымдармен, оның ' +
        'ішінде уақытша бейімдеу және уытсыздандыру жөніндегі қызметтермен қамтамасыз етеді',
    )
  })

  it('starts the first registry of section 2 row 231 with the words printed before «231.»', () => {
    const r = row(ACT_142, 2, 231)
    expect(r.group).toBe('Көші-қон саласындағы қызметті ұйымдастыру')
    expect(r.function).toBe(
      'Қазақстан Республикасының халықты жұмыспен қамту туралы заңнамасына сәйкес халықтың ' +
        'нысаналы топтарына жататын қандастарға жұмысқа орналасуға, кәсіптік даярлықтан өтуге, ' +
        'қайта даярлаудан өтуге және біліктілігін арттыруға жәрдем көрсетеді',
    )
    expect(r.systems).toEqual(['"Қандас" ДҚ ААЖ'])
    expect(r.approach).toBe(
      'Қандастарды жұмысқа орналастыру, кәсіби даярлау, қайта даярлау және біліктілігін ' +
        'арттыру туралы мәліметтерді есепке алуды автоматтандыру',
    )
    expect(r.resources).toEqual([
      'Қазақстан Республикасының халықты жұмыспен қамту туралы заңнамасына сәйкес халықтың ' +
        'нысаналы топтарына жататын қандастарға жұмысқа орналасуға, кәсіптік даярлықтан өтуге, ' +
        'қайта даярлаудан өтуге және біліктілігін арттыруға жәрдем көрсетуге өтініштер тізілімі',
      'Қазақстан Республикасының халықты жұмыспен қамту туралы заңнамасына сәйкес қандастарға ' +
        'арналған жұмысқа орналасу, кәсіптік даярлықтан өту, қайта даярлаудан өту және ' +
        'біліктілігін арттыру туралы хабарламалар тізілімі',
    ])
    expect(r.unit).toBe('ЖӘББ')
    expect(r.lines).toEqual([326, 425])
    expect(r.flags).toEqual(['text-before-number', 'split-by-page-break'])
  })

  it('reads row 233 without approach or resources', () => {
    expect(row(ACT_142, 2, 233)).toMatchObject({
      group: 'Көші-қон саласындағы қызметті ұйымдастыру',
      function:
        'қандастарға қазақ тілін және өздерінің қалауы бойынша орыс тілін үйрену үшін ' +
        'жағдай жасайды',
      systems: ['"Қандас" ДҚ ААЖ'],
      approach: null,
      resources: [],
      unit: 'ЖӘББ',
      flags: [],
    })
  })

  it('replaces the abbreviation list with 76 entries, six of them twice with two levels', () => {
    const glossary = ACT_142.at(-1)!
    if (glossary.op !== 'replace-glossary') throw new Error('no glossary')
    expect(glossary.lines).toEqual([462, 565])
    expect(glossary.entries).toHaveLength(76)
    expect(glossary.entries[0]).toMatchObject({ abbreviation: 'ААЖ', list: 'appendix-1' })
    expect(glossary.entries.at(-1)).toMatchObject({
      abbreviation: '"e-Learning" ЭОЖ',
      expansion: '"e-Learning" электрондық оқыту жүйесі',
    })
    const keys = glossary.entries.map((e) => e.abbreviation)
    const twice = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))].sort()
    expect(twice).toEqual(['ББ', 'ДШСБ', 'КБ', 'СҚБ', 'ІСБ', 'ЭҚБ'].sort())
    for (const key of twice) {
      const levels = glossary.entries.filter((e) => e.abbreviation === key).map((e) => e.level)
      expect(levels).toEqual([1, 2])
    }
  })
})

describe('parseAmendmentInstructions on order 352/НҚ (ru)', () => {
  it('reads 8 row restatements and one glossary line', () => {
    expect(ACT_352.map((i) => i.op)).toEqual([
      ...Array(8).fill('restate-rows'),
      'restate-glossary-line',
    ])
    expect(ACT_352.every((i) => i.effectiveFrom === undefined)).toBe(true)
  })

  it('restates 38 rows, each with the number list its instruction announces', () => {
    const restated = ACT_352.flatMap((i) =>
      i.op === 'restate-rows' ? [{ section: i.section, numbers: i.numbers, lines: i.lines }] : [],
    )
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => from + k)
    expect(restated).toEqual([
      { section: 1, numbers: [373], lines: [26, 77] },
      { section: 1, numbers: [378], lines: [78, 105] },
      { section: 1, numbers: [390, 391, 392, 393], lines: [106, 478] },
      { section: 1, numbers: range(398, 403), lines: [479, 638] },
      { section: 1, numbers: [670], lines: [639, 664] },
      { section: 2, numbers: [27], lines: [666, 713] },
      { section: 2, numbers: range(205, 224), lines: [714, 1687] },
      { section: 3, numbers: range(22, 25), lines: [1689, 1765] },
    ])
    for (const i of ACT_352) {
      if (i.op === 'restate-rows') expect(i.rows.map((r) => r.number)).toEqual(i.numbers)
    }
    expect(ROWS_352).toHaveLength(38)
    expect(ROWS_352.filter((r) => r.section === 1)).toHaveLength(13)
    expect(ROWS_352.filter((r) => r.section === 2)).toHaveLength(21)
    expect(ROWS_352.filter((r) => r.section === 3)).toHaveLength(4)
  })

  it('joins the cells of row 373 continued after the page break in column order', () => {
    expect(row(ACT_352, 1, 373)).toEqual({
      section: 1,
      number: 373,
      group: 'Организация работ и мониторинг в сфере занятости',
      function:
        'осуществляет мониторинг по выполнению установленной квоты рабочих мест для лиц с ' +
        'инвалидностью в размере трех процентов от общей численности рабочих мест',
      systems: ['АИС "Рынок труда"'],
      approach: null,
      levels: [],
      resources: [
        'Сведения по мониторингу выполнения установленной квоты рабочих мест для лиц с ' +
          'инвалидностью в размере трех процентов от общей численности рабочих мест',
      ],
      unit: 'УКЗСП',
      language: 'ru',
      lines: [29, 75],
      flags: ['split-by-page-break'],
    })
  })

  it('reads row 390 with the group and IS printed after the page break', () => {
    const r = row(ACT_352, 1, 390)
    expect(r.group).toBe('Оказание государственных услуг в сфере социального обеспечения')
    expect(r.function).toBe(
      'обеспечивает санаторно-курортное лечение лиц с инвалидностью и детей с инвалидностью в ' +
        'соответствии с индивидуальной программой реабилитации лица с инвалидностью',
    )
    expect(r.systems).toEqual(['ПЭП', 'ИС РШЭП'])
    expect(r.approach).toBe(
      'Автоматизация процессов регистрации, рассмотрения заявлений, формирования и согласования ' +
        'решений для неавтоматизированных ГУ',
    )
    expect(r.resources).toHaveLength(3)
    expect(r.resources[1]).toBe(
      'Реестр уведомлений об оформлении документов с указанием сроков предоставления лицам с ' +
        'инвалидностью санитарно-курортного лечения',
    )
    expect(r.flags).toEqual(['split-by-page-break'])
    for (const n of [391, 392]) {
      expect(row(ACT_352, 1, n).group).toBe(r.group)
      expect(row(ACT_352, 1, n).systems).toEqual(['ПЭП', 'ИС РШЭП'])
      expect(row(ACT_352, 1, n).flags).toContain('merged-cell-span-uncertain')
    }
  })

  it('reads row 392 over three pages, its first registry begun before «392.»', () => {
    const r = row(ACT_352, 1, 392)
    expect(r.resources[0]).toBe(
      'Реестр заявлений на получение технических вспомогательных (компенсаторных) средств и ' +
        '(или) специальных средств передвижения в соответствии с индивидуальной программой ' +
        'реабилитации лица с инвалидностью',
    )
    expect(r.resources[2]).toBe(
      'Сведения об обеспечении лиц с инвалидностью техническими вспомогательными ' +
        '(компенсаторными) средствами и (или) специальными средствами передвижения в ' +
        'соответствии с индивидуальной программой реабилитации лица с инвалидностью',
    )
    expect(r.lines).toEqual([251, 363])
    expect(r.flags).toEqual([
      'text-before-number',
      'split-by-page-break',
      'merged-cell-span-uncertain',
    ])
  })

  it('splits the approach of row 393 into its two levels', () => {
    const r = row(ACT_352, 1, 393)
    expect(r.group).toBe('Кадровое и материально-техническое обеспечение в сфере социальной помощи')
    expect(r.systems).toEqual(['АИС ЭГЗ'])
    expect(r.levels).toEqual([
      {
        level: 1,
        text:
          'Автоматизация учета мероприятий по подготовке, переподготовке и повышению ' +
          'квалификации кадров в сфере социального обеспечения. Автоматизация учета ' +
          'предоставленного материально-технического обеспечения.',
      },
      {
        level: 2,
        text:
          'Автоматизация процессов по планированию и прогнозированию потребности в кадрах, ' +
          'включая прием заявок в электронном виде. Автоматизация процессов по планированию и ' +
          'прогнозированию потребности в материально-техническом обеспечении, включая прием ' +
          'заявок в электронном виде.',
      },
    ])
    expect(r.approach).toBe(`1-уровень: ${r.levels[0]!.text} 2-уровень: ${r.levels[1]!.text}`)
    expect(r.resources).toEqual([
      'Реестр специалистов по реабилитации лиц с инвалидностью, в том числе специалистов ' +
        'языка жестов, специалистов по чтению и письму рельефно-точечным шрифтом Брайля',
    ])
    expect(r.function).toContain('повышение классификации специалистов')
  })

  it('gives rows 398–403 the group and IS printed once between rows 400 and 401', () => {
    const systems = ['АИС "Е-собес"', 'АИС СП', 'ИС ЦБДИ', 'АИС ЭГЗ']
    for (let n = 398; n <= 403; n++) {
      const r = row(ACT_352, 1, n)
      expect(r.group).toBe('Учет и мониторинг в сфере социальной помощи')
      expect(r.systems).toEqual(systems)
      expect(r.unit).toBe('УКЗСП')
      expect(r.flags.includes('merged-cell-span-uncertain')).toBe(n !== 401)
    }
    const r401 = row(ACT_352, 1, 401)
    expect(r401.function).toBe(
      'организует на соответствующей территории медицинскую, социальную, профессиональную ' +
        'реабилитацию в соответствии с Законом Республики Казахстан "О социальной защите лиц с ' +
        'инвалидностью в Республике Казахстан" и индивидуальной программой реабилитации лица с ' +
        'инвалидностью',
    )
    expect(r401.lines).toEqual([545, 589])
    expect(r401.flags).toEqual(['text-before-number', 'split-by-page-break'])
    expect(row(ACT_352, 1, 403).function).toBe(
      'организует совместно с общественными объединениями лиц с инвалидностью культурно-массовые ' +
        'и просветительские мероприятия',
    )
  })

  it('separates the unit glued to the IS line of row 670', () => {
    expect(row(ACT_352, 1, 670)).toMatchObject({
      group: 'Разработка программ и НПА',
      function:
        'разрабатывает положение об отделении социальной помощи на дому детям с ограниченными ' +
        'возможностями из числа лиц с инвалидностью',
      systems: ['ЕСЭДО', 'ИПС НПА "Әділет"'],
      unit: 'УКЗСП',
      lines: [642, 662],
      flags: [],
    })
  })

  it('reads section 2 row 27 with its group glued to the number and its quota registry', () => {
    const r = row(ACT_352, 2, 27)
    expect(r.group).toBe('Разработка программ и НПА')
    expect(
      r.function.startsWith('устанавливает квоту для трудоустройства категорий населения'),
    ).toBe(true)
    expect(r.resources).toEqual([
      'Квоты для трудоустройства категорий населения, определенных законодательными актами ' +
        'Республики Казахстан',
    ])
    expect(r.unit).toBe('ОЗСП')
  })

  it('gives rows 205–224 the merged group and IS printed inside row 214', () => {
    const group =
      'Оказание государственных услуг в сферах государственных пособий, занятости населения, ' +
      'поддержки лиц с инвалидностью, социальной помощи и социальных услуг'
    for (let n = 205; n <= 224; n++) {
      const r = row(ACT_352, 2, n)
      expect(r.group).toBe(group)
      expect(r.systems).toEqual(['ПЭП', 'ИС РШЭП (2 услуги)'])
      expect(r.unit).toBe('ОЗСП')
      expect(r.flags.includes('merged-cell-span-uncertain')).toBe(n !== 214)
    }
    expect(row(ACT_352, 2, 205).approach).toBe(
      'Автоматизация приема и рассмотрения заявлений, согласования и выдачи решений по ' +
        'неавтоматизированных услугам',
    )
    expect(row(ACT_352, 2, 206).approach).toBeNull()
  })

  it('puts the text printed before «205.» at the start of its first registry', () => {
    const r = row(ACT_352, 2, 205)
    expect(r.function).toBe('назначение государственного пособия на детей до восемнадцати лет')
    expect(r.resources).toEqual([
      'Реестр заявлений на получение государственного пособия на детей до восемнадцати лет',
      'Реестр уведомлений о назначении или об отказе в назначении государственного пособия на ' +
        'детей до восемнадцати лет',
      'Реестр лиц до 18 лет, которым назначены пособия',
    ])
    expect(r.lines).toEqual([718, 765])
    expect(r.flags).toEqual([
      'text-before-number',
      'split-by-page-break',
      'merged-cell-span-uncertain',
    ])
  })

  it('joins the word «обязательными» split across the page break before «211.»', () => {
    const r = row(ACT_352, 2, 211)
    expect(r.function).toBe(
      'обеспечение лиц с инвалидностью сурдо-тифлотехническими и обязательными гигиеническими ' +
        'средствами',
    )
    expect(r.resources).toEqual([
      'Реестр заявлений на обеспечение лиц с инвалидностью сурдо-тифлотехническими и ' +
        'обязательными гигиеническими средствами',
      'Реестр уведомлений об оформлении документов с указанием сроков предоставления лицам с ' +
        'инвалидностью сурдо-тифлотехнических и обязательных гигиенических средств',
    ])
  })

  it('continues the registry of row 212 after the page break, not its function', () => {
    const r = row(ACT_352, 2, 212)
    expect(
      r.function.endsWith('и специалиста жестового языка для лиц с инвалидностью по слуху'),
    ).toBe(true)
    expect(
      r.resources[1]!.endsWith('и специалиста жестового языка для лиц с инвалидностью по слуху'),
    ).toBe(true)
    expect(r.lines).toEqual([1013, 1083])
  })

  it('continues function and registry of row 214 after the merged cells', () => {
    const r = row(ACT_352, 2, 214)
    expect(
      r.function.endsWith('сопровождающего ребенка с инвалидностью на санаторно-курортное лечение'),
    ).toBe(true)
    expect(r.resources).toEqual([
      'Реестр заявлений на обеспечение лиц с инвалидностью и детей с инвалидностью ' +
        'санаторно-курортным лечением',
      'Реестр уведомлений об оформлении документов с указанием сроков предоставления лицам с ' +
        'инвалидностью и детям с инвалидностью санаторно-курортного лечения',
    ])
    expect(r.lines).toEqual([1115, 1205])
    expect(r.flags).toEqual(['split-by-page-break'])
  })

  it('splits the unit glued to a registry line of row 216', () => {
    const r = row(ACT_352, 2, 216)
    expect(r.function).toBe('назначение государственной адресной социальной помощи')
    expect(r.resources).toEqual([
      'Реестр заявлений на получение государственной адресной социальной помощи',
      'Реестр уведомлений о назначении (отказе в назначении) государственной адресной ' +
        'социальной помощи',
      'Реестр лиц, которым назначена государственная адресная социальная помощь',
    ])
    expect(r.unit).toBe('ОЗСП')
  })

  it('keeps one-letter words apart («проживающим и работающим», «ребенка-сироты (»)', () => {
    expect(row(ACT_352, 2, 218).function).toBe(
      'назначение социальной помощи специалистам социальной сферы, проживающим и работающим в ' +
        'сельских населенных пунктах, по приобретению топлива',
    )
    expect(row(ACT_352, 2, 215).function).toBe(
      'назначение выплаты пособия опекунам или попечителям на содержание ребенка-сироты ' +
        '(детей-сирот) и ребенка (детей), оставшегося без попечения родителей',
    )
  })

  it('reads the text printed before «220.» into both function and registry', () => {
    const r = row(ACT_352, 2, 220)
    expect(r.function).toBe(
      'предоставление мер социальной поддержки специалистам в области здравоохранения, ' +
        'образования, социального обеспечения, культуры, спорта и агропромышленного комплекса, ' +
        'прибывшим для работы и проживания в сельские населенные пункты',
    )
    expect(r.resources[0]!.startsWith('Реестр заявлений на предоставление мер социальной')).toBe(
      true,
    )
    expect(
      r.resources[0]!.endsWith('прибывшим для работы и проживания в сельские населенные пункты'),
    ).toBe(true)
    expect(r.lines).toEqual([1443, 1521])
  })

  it('reads section 3 rows without unit, the group and IS of row 22 carried to 23–25', () => {
    for (let n = 22; n <= 25; n++) {
      const r = row(ACT_352, 3, n)
      expect(r.unit).toBeNull()
      expect(r.resources).toEqual([])
      expect(r.group).toBe('Организация деятельности в сфере социальной помощи')
      expect(r.systems).toEqual(['АИС "Е-собес"', 'АИС СП', 'АИС ЭГЗ'])
      expect(r.flags.includes('merged-cell-span-uncertain')).toBe(n !== 22)
    }
    expect(row(ACT_352, 3, 24).function).toBe(
      'организует совместно с общественными объединениями лиц с инвалидностью культурно-массовые ' +
        'и просветительские мероприятия',
    )
    expect(row(ACT_352, 3, 24).flags).toEqual([
      'text-before-number',
      'split-by-page-break',
      'merged-cell-span-uncertain',
    ])
  })

  it('restates the АИС ЦБДИ line of the abbreviation list', () => {
    expect(ACT_352.at(-1)).toEqual({
      op: 'restate-glossary-line',
      previous:
        'АИС ЦБДИ – Автоматизированная информационная система "Центральная база данных инвалидов"',
      entry: {
        abbreviation: 'АИС ЦБДИ',
        expansion:
          'Автоматизированная информационная система "Центральная база данных лиц с инвалидностью"',
        level: null,
        list: 'appendix-1',
        lines: [1771, 1772],
      },
      lines: [1766, 1772],
    })
  })
})

describe('every restated row', () => {
  const all = [...ROWS_142, ...ROWS_352]

  it('has a function, its number inside its lines, and clean spacing', () => {
    for (const r of all) {
      expect(r.function.length).toBeGreaterThan(10)
      expect(r.lines[0]).toBeLessThanOrEqual(r.lines[1])
      const cells = [r.group, r.function, r.approach, ...r.systems, ...r.resources]
      for (const cell of cells) {
        if (cell === null) continue
        expect(cell).not.toMatch(/ {2}|^ | $| [,.;)]|\( /)
      }
    }
  })

  it('has a unit in sections 1 and 2 of the 2018 layout', () => {
    for (const r of all.filter((x) => x.section !== 3)) expect(r.unit).not.toBeNull()
  })
})

describe('parseAmendmentInstructions on broken input', () => {
  it('throws InputError when the text is cut in the middle of a restated row', () => {
    expect(() => parse(cut(FILE_142, 100), 'kk')).toThrow(InputError)
    expect(() => parse(cut(FILE_142, 100), 'kk')).toThrow(/line 31.*cut off/)
    expect(() => parse(cut(FILE_352, 1200), 'ru')).toThrow(/line 714.*cut off/)
  })

  it('throws InputError when the abbreviation list is cut off', () => {
    expect(() => parse(cut(FILE_142, 500), 'kk')).toThrow(/abbreviation list is cut off/)
  })

  it('throws InputError when an announced row number is missing', () => {
    const lines = text(FILE_142).split('\n')
    const without383 = lines.filter((_, i) => i + 1 !== 86).join('\n')
    expect(() => parse(without383, 'kk')).toThrow(/row 383 is announced/)
  })

  it('throws InputError when the text holds no instruction', () => {
    expect(() => parse(cut(FILE_352, 20), 'ru')).toThrow(/No amendment instructions/)
  })
})
