import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import type { CatalogExport, ExportedRow } from './export.js'
import { writeCatalogCsv, writeCatalogXlsx } from './export-files.js'

const HEADER = [
  'id',
  'act',
  'architecture',
  'section',
  'number',
  'group',
  'function',
  'systems',
  'approach',
  'levels',
  'resources',
  'unit',
  'language',
  'first line',
  'last line',
  'valid from',
  'valid to',
  'flags',
  'status',
]

const rows: ExportedRow[] = [
  {
    id: '158:1.12',
    act: '158',
    architecture: '158',
    section: 1,
    number: 12,
    group: 'Жер қатынастары',
    function: 'Жер учаскесіне құқық беру, оның ішінде "уақытша" өтеулі жер пайдалану',
    systems: ['ЭҮП', '"Әділет" НҚА АҚЖ'],
    approach: 'Автоматтандыру',
    levels: [
      { level: 1, text: 'Қағаз түрінде' },
      { level: 2, text: 'Электрондық, ЭЦҚ арқылы' },
    ],
    resources: ['Жер кадастры', 'Мекенжай тіркелімі'],
    unit: 'Жер қатынастары бөлімі',
    language: 'kk',
    lines: [1201, 1204],
    validFrom: '2016-12-01',
    validTo: '2021-07-15',
    flags: ['text-before-number', 'split-by-page-break'],
  },
  {
    id: '352:2.7',
    act: '352',
    architecture: '158',
    section: 2,
    number: 7,
    group: null,
    function: 'Приём заявлений на предоставление земельного участка,\nвыдача "решения" акима',
    systems: ['ПЭП', 'ИПС НПА "Әділет"'],
    approach: null,
    levels: [{ level: 3, text: 'Проактивно; без участия заявителя | через ПЭП' }],
    resources: [],
    unit: null,
    language: 'ru',
    lines: [88, 90],
    validFrom: '2021-07-15',
    validTo: null,
    flags: [],
  },
  {
    id: '142:1.5',
    act: '142',
    architecture: '158',
    section: 1,
    number: 5,
    group: 'Әлеуметтік сала',
    function: 'Алынып тасталды',
    systems: [],
    approach: null,
    levels: [],
    resources: [],
    unit: null,
    language: 'kk',
    lines: [40, 40],
    validFrom: '2021-07-15',
    validTo: null,
    flags: ['merged-cell-span-uncertain'],
    status: 'deleted',
  },
]

const exported: CatalogExport = {
  at: null,
  acts: [
    {
      id: '158',
      number: '158',
      date: '2016-11-24',
      registration: '14543',
      language: 'kk',
      title: 'Электрондық әкімдіктің үлгілік архитектурасын бекіту туралы',
      kind: 'architecture',
      amends: null,
      effectiveFrom: '2016-12-01',
      effectiveFromKind: 'stated',
      repealedOn: null,
    },
    {
      id: '352',
      number: '352',
      date: '2021-06-30',
      registration: '23301',
      language: 'ru',
      title: 'О внесении изменений в приказ "Об утверждении типовой архитектуры"',
      kind: 'amendment',
      amends: '158',
      effectiveFrom: '2021-07-15',
      effectiveFromKind: 'publication',
      repealedOn: null,
    },
  ],
  sections: [
    {
      architecture: '158',
      act: '158',
      section: 1,
      title: 'Жергілікті атқарушы органдардың функциялары',
      language: 'kk',
      validFrom: '2016-12-01',
      validTo: null,
    },
  ],
  rows,
  systems: [
    {
      id: 'eup',
      name: 'ЭҮП',
      language: 'kk',
      aliases: [],
      expansion: 'Электрондық үкімет порталы',
      pair: 'pep',
    },
    {
      id: 'adilet-ru',
      name: 'ИПС НПА "Әділет"',
      language: 'ru',
      aliases: ['ИПС "Әділет"', 'Әділет'],
      expansion: null,
      pair: null,
    },
  ],
  glossary: [
    {
      act: '158',
      abbreviation: 'ЭҮП',
      expansion: 'Электрондық үкімет порталы',
      level: null,
      list: 'abbreviations',
      language: 'kk',
    },
  ],
  indicators: [
    {
      act: '158',
      code: '1.1',
      title: 'Доля государственных услуг, оказанных в электронном виде',
      unit: '%',
      category: 'Услуги',
      group: null,
    },
  ],
  notices: [],
}

describe('catalogue export files', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-akimat-export-'))
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  describe('CSV', () => {
    it('writes the rows with a BOM and header, and every field reads back exactly', async () => {
      const path = join(dir, 'catalog.csv')
      await writeCatalogCsv(exported, path)
      const bytes = readFileSync(path)
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = bytes.toString('utf8')
      expect(text.endsWith('\r\n')).toBe(true)

      const records: string[][] = parse(text, { bom: true, relax_column_count: false })
      expect(records[0]).toEqual(HEADER)
      expect(records.slice(1)).toEqual([
        [
          '158:1.12',
          '158',
          '158',
          '1',
          '12',
          'Жер қатынастары',
          'Жер учаскесіне құқық беру, оның ішінде "уақытша" өтеулі жер пайдалану',
          'ЭҮП; "Әділет" НҚА АҚЖ',
          'Автоматтандыру',
          '1: Қағаз түрінде | 2: Электрондық, ЭЦҚ арқылы',
          'Жер кадастры; Мекенжай тіркелімі',
          'Жер қатынастары бөлімі',
          'kk',
          '1201',
          '1204',
          '2016-12-01',
          '2021-07-15',
          'text-before-number, split-by-page-break',
          '',
        ],
        [
          '352:2.7',
          '352',
          '158',
          '2',
          '7',
          '',
          'Приём заявлений на предоставление земельного участка,\nвыдача "решения" акима',
          'ПЭП; ИПС НПА "Әділет"',
          '',
          '3: Проактивно; без участия заявителя | через ПЭП',
          '',
          '',
          'ru',
          '88',
          '90',
          '2021-07-15',
          '',
          '',
          '',
        ],
        [
          '142:1.5',
          '142',
          '158',
          '1',
          '5',
          'Әлеуметтік сала',
          'Алынып тасталды',
          '',
          '',
          '',
          '',
          '',
          'kk',
          '40',
          '40',
          '2021-07-15',
          '',
          'merged-cell-span-uncertain',
          'deleted',
        ],
      ])
    })

    it('quotes only the fields that need it, doubling inner quotes', async () => {
      const path = join(dir, 'quoting.csv')
      await writeCatalogCsv(exported, path)
      const lines = readFileSync(path, 'utf8').slice(1).split('\r\n')
      expect(lines[0]).toBe(HEADER.join(','))
      expect(lines[1]).toContain(
        ',"Жер учаскесіне құқық беру, оның ішінде ""уақытша"" өтеулі жер пайдалану",',
      )
      expect(lines[1]?.startsWith('158:1.12,158,158,1,12,Жер қатынастары,')).toBe(true)
    })

    it('writes only the header for an export without rows', async () => {
      const path = join(dir, 'empty.csv')
      await writeCatalogCsv({ ...exported, rows: [] }, path)
      expect(readFileSync(path, 'utf8')).toBe(`\uFEFF${HEADER.join(',')}\r\n`)
    })
  })

  describe('XLSX', () => {
    let workbook: ExcelJS.Workbook
    const sheet = (name: string) => {
      const found = workbook.getWorksheet(name)
      if (!found) throw new Error(`no sheet ${name}`)
      return found
    }
    const headerOf = (ws: ExcelJS.Worksheet) =>
      (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v))

    beforeAll(async () => {
      const path = join(dir, 'catalog.xlsx')
      await writeCatalogXlsx(
        { ...exported, notices: ['The text of act 352 is not loaded, only its rows.'] },
        path,
      )
      workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(path)
    })

    it('has one sheet per part, made by e-akimat', () => {
      expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
        'Rows',
        'Acts',
        'Sections',
        'Systems',
        'Glossary',
        'Indicators',
        'Notices',
      ])
      expect(workbook.creator).toBe('e-akimat')
    })

    it('has the CSV columns on the Rows sheet, and the headers of the other sheets', () => {
      expect(headerOf(sheet('Rows'))).toEqual(HEADER)
      expect(headerOf(sheet('Acts'))).toEqual([
        'id',
        'number',
        'date',
        'registration',
        'language',
        'title',
        'kind',
        'amends',
        'effective from',
        'effective from kind',
        'repealed on',
      ])
      expect(headerOf(sheet('Systems'))).toEqual(['id', 'name', 'aliases', 'expansion', 'pair'])
      expect(headerOf(sheet('Notices'))).toEqual(['notice'])
    })

    it('makes each header row bold, frozen and filtered', () => {
      for (const ws of workbook.worksheets) {
        expect(ws.getRow(1).getCell(1).font?.bold).toBe(true)
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
        const last = ws.getRow(1).cellCount
        expect(ws.autoFilter).toBe(`A1:${ws.getColumn(last).letter}1`)
      }
      expect(sheet('Rows').autoFilter).toBe('A1:S1')
    })

    it('keeps the values: text with quotes and line breaks, numbers, dates as text', () => {
      const ws = sheet('Rows')
      expect(ws.rowCount).toBe(4)
      const first = ws.getRow(2)
      expect(first.getCell(1).value).toBe('158:1.12')
      expect(first.getCell(4).value).toBe(1)
      expect(first.getCell(8).value).toBe('ЭҮП; "Әділет" НҚА АҚЖ')
      expect(first.getCell(10).value).toBe('1: Қағаз түрінде | 2: Электрондық, ЭЦҚ арқылы')
      expect(first.getCell(16).value).toBe('2016-12-01')
      expect(first.getCell(16).type).toBe(ExcelJS.ValueType.String)
      const second = ws.getRow(3)
      expect(second.getCell(7).value).toBe(rows[1]?.function)
      expect(second.getCell(6).value).toBeNull()
      expect(second.getCell(17).value).toBeNull()
      expect(ws.getRow(4).getCell(19).value).toBe('deleted')
      expect(ws.getColumn(7).width).toBeGreaterThan(ws.getColumn(4).width ?? 0)
      expect(second.getCell(7).alignment?.wrapText).toBe(true)

      expect(sheet('Acts').getRow(3).getCell(6).value).toBe(exported.acts[1]?.title)
      expect(sheet('Acts').getRow(2).getCell(3).value).toBe('2016-11-24')
      expect(sheet('Systems').getRow(3).getCell(3).value).toBe('ИПС "Әділет"; Әділет')
      expect(sheet('Glossary').getRow(2).getCell(2).value).toBe('ЭҮП')
      expect(sheet('Indicators').getRow(2).getCell(3).value).toBe(exported.indicators[0]?.title)
    })

    it('has no Notices sheet when there are none', async () => {
      const path = join(dir, 'no-notices.xlsx')
      await writeCatalogXlsx(exported, path)
      const other = new ExcelJS.Workbook()
      await other.xlsx.readFile(path)
      expect(other.worksheets.map((ws) => ws.name)).not.toContain('Notices')
    })
  })

  describe('failures', () => {
    it('rejects a folder that does not exist, naming the path', async () => {
      const path = join(dir, 'missing', 'catalog.csv')
      await expect(writeCatalogCsv(exported, path)).rejects.toThrow(InputError)
      await expect(writeCatalogCsv(exported, path)).rejects.toThrow(path)
      const xlsx = join(dir, 'missing', 'catalog.xlsx')
      await expect(writeCatalogXlsx(exported, xlsx)).rejects.toThrow(InputError)
      await expect(writeCatalogXlsx(exported, xlsx)).rejects.toThrow(xlsx)
      expect(existsSync(join(dir, 'missing'))).toBe(false)
    })

    it('leaves no file and no temporary file when the export fails', async () => {
      const folder = join(dir, 'failed')
      await mkdir(folder)
      // A row whose lists are missing: the export throws part-way through.
      const broken = {
        ...exported,
        rows: [...rows, { ...rows[0], systems: null } as unknown as ExportedRow],
      }
      await expect(writeCatalogCsv(broken, join(folder, 'catalog.csv'))).rejects.toThrow()
      await expect(writeCatalogXlsx(broken, join(folder, 'catalog.xlsx'))).rejects.toThrow()
      expect(readdirSync(folder)).toEqual([])
    })

    it('keeps the previous file whole when the new export fails', async () => {
      const folder = join(dir, 'previous')
      await mkdir(folder)
      const path = join(folder, 'catalog.csv')
      writeFileSync(path, 'old')
      const broken = { ...exported, rows: [{ ...rows[0], levels: 1 } as unknown as ExportedRow] }
      await expect(writeCatalogCsv(broken, path)).rejects.toThrow()
      expect(readFileSync(path, 'utf8')).toBe('old')
      expect(readdirSync(folder)).toEqual(['catalog.csv'])
    })

    it('removes the temporary file when the rename fails', async () => {
      const folder = join(dir, 'rename')
      await mkdir(join(folder, 'catalog.xlsx'), { recursive: true })
      writeFileSync(join(folder, 'catalog.xlsx', 'keep'), '')
      // The target is a folder that is not empty: the file is written, the rename is refused.
      await expect(writeCatalogXlsx(exported, join(folder, 'catalog.xlsx'))).rejects.toThrow()
      expect(readdirSync(folder)).toEqual(['catalog.xlsx'])
      expect(readdirSync(join(folder, 'catalog.xlsx'))).toEqual(['keep'])
    })
  })
})
