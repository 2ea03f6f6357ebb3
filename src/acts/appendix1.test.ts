import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { type Appendix1, parseAppendix1 } from './appendix1.js'
import { bundledActPath } from './bundled.js'
import { splitLevels } from './levels.js'
import { normalizeText } from './normalize.js'
import type { CatalogRowDraft } from './types.js'

const raw = readFileSync(bundledActPath('2016-158-kk-typical-architecture.txt'), 'utf8')

describe('Appendix 1 of order 158/2016', () => {
  let parsed: Appendix1
  const row = (section: number, number: number): CatalogRowDraft => {
    const found = parsed.rows.find((r) => r.section === section && r.number === number)
    if (!found) throw new Error(`no row ${section}.${number}`)
    return found
  }
  beforeAll(() => {
    parsed = parseAppendix1(normalizeText(raw))
  })

  it('has 757, 423 and 37 rows in its three sections, numbered without gaps', () => {
    for (const [section, count] of [
      [1, 757],
      [2, 423],
      [3, 37],
    ] as const) {
      const numbers = parsed.rows.filter((r) => r.section === section).map((r) => r.number)
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1))
    }
  })

  it('reads the section titles as printed', () => {
    expect(parsed.sections).toEqual([
      { number: 1, title: 'Облыс, республикалық маңызы бар қала, астана', lines: [398, 398] },
      { number: 2, title: 'Аудан, облыстық маңызы бар қала', lines: [7898, 7898] },
      {
        number: 3,
        title: 'Қаладағы аудан, аудандық маңызы бар қала, кент, ауыл, ауыл округі',
        lines: [12092, 12092],
      },
    ])
  })

  it('gives every row a function text, none holding an automation level', () => {
    const empty = parsed.rows.filter((r) => r.function.trim() === '')
    expect(empty.map((r) => `${r.section}.${r.number}`)).toEqual([])
    expect(parsed.rows.filter((r) => /\d-деңгей:/.test(r.function))).toEqual([])
  })

  it('reads section 1 row 1 with its group, IS and approach (l.402–421)', () => {
    expect(row(1, 1)).toMatchObject({
      group: 'Бюджетті басқару',
      function: 'жергілікті бюжеттердің орындалуын қамтамасыз етеді',
      systems: ['ЖБЖ АЖ'],
      approach:
        'Бюджет жобасын дайындау және жинақтау, қаржыландыру жоспарларын, мемлекеттік сатып алу жоспарларын құру және жинақтау, қаржыландыру жоспарларының орындалуын талдау және бақылау процестерін автоматтандыру',
      levels: [],
      language: 'kk',
      lines: [402, 422],
    })
  })

  it('carries the merged group, IS and approach to the rows below on the same page', () => {
    expect(row(1, 3)).toMatchObject({ group: 'Бюджетті басқару', systems: ['ЖБЖ АЖ'] })
    expect(row(1, 3).flags).not.toContain('merged-cell-span-uncertain')
  })

  it('joins a function split by a page break (section 1 row 5, l.438–447)', () => {
    expect(row(1, 5).function).toBe(
      'бюджеттік өтінімдерді, төлемдер және бағдарламалар мен кіші бағдарламалар бойынша міндеттемелер бойынша қаржыландыру жоспарларын, тауарларды, жұмыстарды және қызметтерді мемлекеттік сатып алулардың жылдық жоспарларын әзірлейді',
    )
  })

  it('splits a tiered approach into levels (section 1 row 27)', () => {
    const r = row(1, 27)
    expect(r.levels.map((l) => l.level)).toEqual([1, 2])
    expect(r.levels[0]!.text).toMatch(/^бақылау субъектілерін және объектілерін есепке алуды/)
    expect(r.approach).toContain('ҚСжАЕК АЖ-мен ықпалдастыру')
  })

  it('finds row numbers glued to the text before them', () => {
    expect(row(1, 509)).toMatchObject({
      function: 'жер учаскесінің нысаналы мақсатын өзгертуге шешім беру',
      systems: ['ЭҮП', 'ЕЛ МДҚ АЖ'],
    })
    expect(row(1, 509).flags).toContain('number-glued')
    expect(row(2, 318).function).toBe(
      'Жер учаскесін іздестіру жұмыстарын жүргізу үшін пайдалануға рұқсат беру',
    )
  })

  it('separates a group label printed on the row number line (section 1 row 757)', () => {
    expect(row(1, 757)).toMatchObject({
      group: 'Алқабилер тізімін құру',
      function:
        'өңір бойынша алқабилер тізімін құрады және облыстық және оған теңестірілген сотқа ұсынады',
    })
  })

  it('puts back text printed before its row number (section 2 row 7, l.7965–7987)', () => {
    const r = row(2, 7)
    expect(r.function).toMatch(
      /^Бюджеттен қайтаруларды және \(немесе\) артық \(қателесіп\) төленген сомаларды есепке алуды жүргізеді және бюджетке/,
    )
    expect(r.function).toMatch(/қарыздарды бақылауды жүзеге асырады$/)
    expect(r.flags).toContain('text-before-number')
    expect(r.lines[0]).toBe(7965)
    expect(row(2, 6).function).toBe(
      'бюджетті орындауды ұйымдастырады және бюджеттік бағдарламалар әкімшілерінің бюджетті орындау бойынша қызметін үйлестіреді',
    )
  })

  it('puts back a narrow function start printed before its number (section 1 row 628)', () => {
    expect(row(1, 628).function).toBe(
      'жергілікті деңгейде тұрмыстық зорлық-зомбылықтың алдын алу субъектілерінің өзара іс-қимылын қамтамасыз етеді',
    )
    expect(row(1, 627).function).toBe('сарапшылық кеңестердің қызметін ұйымдастырады')
  })

  it('gives a label and IS printed together at the top of a page to the group they float in', () => {
    // §2 l.8133–8138: «Бағдарламаларды және НҚА әзірлеу» / «ЭҚАБЖ, "Әділет" НҚА АҚЖ» in row 24.
    expect(row(2, 24)).toMatchObject({
      group: 'Бағдарламаларды және НҚА әзірлеу',
      systems: ['ЭҚАБЖ', '"Әділет" НҚА АҚЖ'],
    })
    expect(row(2, 54).group).toBe('Мемлекеттік мүлікті басқару')
  })

  it('gives a floating label and IS to the group it names (section 2 rows 1–7)', () => {
    for (const n of [1, 3, 7]) {
      expect(row(2, n)).toMatchObject({ group: 'Бюджетті басқару', systems: ['ХБП АЖ', 'ЭҚАБЖ'] })
    }
    expect(row(2, 1).flags).toContain('merged-cell-span-uncertain')
  })

  it('splits a function and its IS printed on one line (section 1 row 476)', () => {
    expect(row(1, 476)).toMatchObject({
      function: 'мұрағаттық анықтамаларды беру',
      systems: ['ЭҮП', 'ЭҮӨШ АЖ'],
      group: 'Ұлттық мұрағат қоры мен мұрағаттар саласындағы мемлекеттік қызметттерді көрсету',
    })
  })

  it('joins an IS cell cut by a page break (section 2 row 171, l.9512–9543)', () => {
    expect(row(2, 171).systems).toEqual(['E-learning ЭОЖ (ішінара)', 'ЭМС ААЖ'])
    expect(row(2, 171).group).toBe(
      'Білім беру саласындағы материалдық-техникалық және кадрлық қамтамасыз ету',
    )
  })

  it('puts back text printed before a number that starts a new page (found by review)', () => {
    expect(row(1, 234).function).toBe(
      'жол жүрісі қауіпсіздігін медициналық қамтамасыз ету жөніндегі шаралар кешенін ұйымдастырады, жүргізеді және олардың орындалуын бақылайды',
    )
    expect(row(1, 233).function).toBe(
      'тиісті аумақта өз құзыреті шегінде жол жүрісі қауіпсіздігін қамтамасыз етеді',
    )
    expect(row(1, 178).function).toMatch(/^уәкілетті орган бекіткен тізбе бойынша жануарлардың/)
    expect(row(1, 539).function).toMatch(/^ұлпаның \(ұлпа бөлігінің\) және органдардың/)
  })

  it('reads automation text without the word «автоматтандыру» as automation, not a group', () => {
    expect(row(1, 45)).toMatchObject({
      group:
        'Энергияны үнемдеу және энергияның тиімділігін арттыру саласындағы рұқсат беру қызметі',
      systems: ['ЭҮП', 'ЕЛ МДҚ АЖ'],
    })
    expect(row(1, 615).group).toBe('Талап-арыз жұмысы')
    expect(row(2, 400).group).toBe('Талап-арыз жұмысы')
  })

  it('recognises systems printed as names with a suffix or in two parts', () => {
    expect(row(2, 177).systems).toEqual(['E-learning ЭОЖ (ішінара)', 'ЭМС ААЖ', 'ЭҚАБЖ'])
    expect(row(2, 231)).toMatchObject({
      group: 'Көші-қон саласындағы қызметті ұйымдастыру',
      systems: ['Оралман ДҚ ААЖ'],
    })
    expect(row(1, 153).systems).toEqual(['ЭҚАБЖ', 'әкімдіктердің ресми интернет-порталдары'])
  })

  it('reads stacked information resources of section 3 as separate items', () => {
    expect(row(3, 6).resources).toEqual([
      'Жер учаскесінің нысаналы мақсатын өзгертуге өтініштер тізілімі',
      'Жер учаскесінің нысаналы мақсатын өзгерту туралы қаулылар тізілімі',
    ])
    expect(row(3, 7).resources[0]).toBe('Спорттық разрядты беруге өтініштер тізілімі')
    // Registers that start in lower case are still items of their own (l.12176–12198).
    expect(row(3, 2).resources).toHaveLength(3)
    expect(row(3, 2).resources[1]).toBe(
      'жер-кадастрлық жоспары қоса берілген жер пайдалану құқығын беру туралы шешімдер тізілімі',
    )
    expect(row(3, 7).approach).toBe(
      'Өтініштерді қабылдау және қарау, шешімдерді келісу және беру процестерін автоматтандыру',
    )
  })

  it('moves a system name started on a function line to the systems (section 1 row 472)', () => {
    expect(row(1, 472)).toMatchObject({
      function:
        '"Қазақстан Республикасындағы ерекше экономикалық аймақтар туралы" Заңмен белгіленген тәртіпте басқарушы компанияға қатысады',
      systems: ['Мемлекеттік мүлік тізілімі АЖ'],
    })
  })

  it('gives a row the function start printed after other columns before a page break (2.293)', () => {
    expect(row(2, 293).function).toMatch(
      /^Қазақстан Республикасының ветеринария саласындағы заңнамасының сақталуы тұрғысынан/,
    )
    expect(row(2, 293).function).toContain(
      'тиісті әкімшілік-аумақтық бірлік шегінде орны ауыстырылатын',
    )
    expect(row(2, 292).function).toBe(
      'тиісті әкімшілік-аумақтық бірлік аумағында жеке және заңды тұлғалардың Қазақстан Республикасының ветеринария саласындағы заңнамасын сақтауына мемлекеттік ветеринариялық-санитариялық бақылау мен қадағалауды жүзеге асырады',
    )
    // A label that starts in lower case and is cut by a page break (l.10600–10602, 10667–10668).
    expect(row(2, 292).group).toBe(
      'а/ш техниканы пайдалану, өсімдік шаруашылығын міндетті сақтандыру саласындағы бақылау және қадағалау',
    )
    expect(row(2, 297).group).toBe(row(2, 292).group)
    expect(row(2, 292).flags).toContain('column-uncertain')
  })

  it('gives each row its five cells where a row straddles a page break (section 3 rows 3–4)', () => {
    // l.12200–12262: row 4's label, function, IS and resource start before «4», after row 3.
    expect(row(3, 3)).toMatchObject({
      group: 'Ауыл шаруышылығы саласындағы мемлекеттік қызметерді көрсету',
      function: 'жеке қосалқы шаруашылығының болуы туралы анықтама беру',
      systems: ['ЭҮП', 'ЭҮӨШ АЖ', 'АЖО'],
      resources: [
        'Жеке қосалқы шаруашылығының болуы туралы анықтамалар тізілімі',
        'Жеке қосалқы шаруашылығының болуы туралы анықтамаларды алуға өтініштер тізілімі',
      ],
    })
    expect(row(3, 4)).toMatchObject({
      group: 'Білім беру саласындағы мемлекеттік қызметтерді көрсету',
      function:
        'мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі (7 жасқа дейін) жастағы балаларды кезекке қою',
      systems: ['ЭҮП', 'ЭҮӨШ АЖ', 'АЖО'],
      resources: [
        'Мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі (7 жасқа дейін) жастағы балаларды кезекке қою туралы өтініштер тізілімі',
        'Мектепке дейінгі балалар ұйымдарына берілген жолдамалар тізілімі',
      ],
    })
    expect(row(3, 4).flags).toContain('text-before-number')
  })

  it('gives an automation text begun at the foot of a page to the next group (found by review)', () => {
    // l.927–928 «Өтініштерді қабылдау, қарау, шешімдерді құру,» in row 45, continued after «46».
    expect(row(1, 46).approach).toBe(
      'Өтініштерді қабылдау, қарау, шешімдерді құру, келісу және беру процестерін автоматтандыру.',
    )
    expect(row(1, 48).approach).toBe(row(1, 46).approach)
    expect(row(1, 45).approach).toBeNull()
    // A «2-деңгей:» marker ends the page; the level's text follows the next number.
    expect(row(2, 149).levels.map((l) => l.level)).toEqual([1, 2])
    expect(row(2, 149).levels[1]!.text).toMatch(/^Бақылау\/мониторингілеу, есептілік негізінде/)
    expect(row(2, 148).approach).toMatch(/^Шағын және орта кәсіпкерлік субъектілері үшін/)
  })

  it('puts back hyperlink words the extraction moved, split or glued (rows 1.25, 1.135)', () => {
    expect(row(1, 25).function).toMatch(
      /^"Тұрғын үй қатынастары туралы" Заңның 32-бабы 2-2-тармағымен көзделген жағдайда, кондоминиум/,
    )
    expect(row(1, 135).function).toBe(
      '"Мақта саласын дамыту туралы" Қазақстан Республикасы Заңының 32-бабы 2-тармағында көзделген негіздер болған кезде мақтаны беруге уақытша тыйым салады',
    )
  })

  it('reads a clean state-service row (section 2 row 410)', () => {
    expect(row(2, 410)).toMatchObject({
      group: 'Неке-отбасылық қатынастар саласындағы мемлекеттік қызметтерді көрсету',
      function:
        'атын, әкесінің атын, тегін өзгертуді тіркеу, оның ішінде азаматтық хал актілері жазбасына өзгерістер, толықтырулар және түзетулер енгізу',
      systems: ['АХАТ АЖ'],
      approach:
        'Өтініштерді қабылдау және қарау, шешімдерді келісу және беру процестерін автоматтандыру, АХАТ АЖ ықпалдастыру',
    })
  })

  it('reads section 3 with information resources and three levels', () => {
    expect(row(3, 9).levels.map((l) => l.level)).toEqual([1, 2, 3])
    expect(row(3, 9).systems).toEqual(['БЭПЖ арқылы жедел өзара іс-қимыл'])
    expect(row(3, 14)).toMatchObject({
      group: 'Шаруашылық бойынша есепке алу',
      function: 'шаруашылық бойынша есепке алуды жүзеге асырады',
      systems: ['АӨК ААЖ'],
      resources: ['Шаруашылық бойынша есепке алу деректері'],
    })
  })
})

describe('parseAppendix1 on bad input', () => {
  it('rejects a text without Appendix 1', () => {
    expect(() => parseAppendix1(normalizeText('Бұйрық\nмәтін'))).toThrow(InputError)
  })

  it('rejects an act cut off in the middle of a table, naming the section and line', () => {
    const cut = raw.split('\n').slice(0, 9000).join('\n')
    expect(() => parseAppendix1(normalizeText(cut))).toThrow(
      /Appendix 1 is cut off: section 2 \(line 7898\) has no end/,
    )
  })
})

describe('splitLevels', () => {
  it('splits at each level marker, including one without a hyphen, in kk and ru', () => {
    expect(splitLevels('1-уровень: А. 2-уровень: Б.').map((l) => l.level)).toEqual([1, 2])
    expect(splitLevels(null)).toEqual([])
    expect(splitLevels('1-деңгей: A. 2-деңгей: B. 3 деңгей: C.')).toEqual([
      { level: 1, text: 'A.' },
      { level: 2, text: 'B.' },
      { level: 3, text: 'C.' },
    ])
  })
})
