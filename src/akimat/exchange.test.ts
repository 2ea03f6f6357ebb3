/**
 * The akimat architecture as files, on each backend: the workbook and the CSV hold every
 * function with its decision (checked cell by cell against the architecture, the expected cells
 * worked out here from the architecture's fields), an unchanged workbook imports with no change,
 * an edited one changes exactly the edited functions, and a workbook from one akimat reproduces
 * its decisions in another of the same level. Problems come back per row and column, all at once,
 * and nothing is stored; files that are no workbook are refused with one clear error.
 */
import { DOMParser } from '@xmldom/xmldom'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { type Actor, actorFor, createOrganisation, createUser } from '../auth/index.js'
import { type CatalogSnapshot, importBundledActs, loadCatalogSnapshot } from '../catalog/index.js'
import { ForbiddenError, InputError } from '../core/index.js'
import {
  ARCHIMATE_NAMESPACE,
  checkArchimateStructure,
  checkBackstageEntities,
} from '../exchange/index.js'
import { isMessageKey } from '../i18n/index.js'
import { createObject } from '../portal/index.js'
import {
  type AkimatArchitecture,
  type AkimatFunction,
  adoptTypicalSet,
  akimatArchitecture,
  EXAMPLE_AKIMATS,
  ImportRejected,
  importArchitecture,
  recordDecisions,
  seedExampleAkimat,
  writeAkimatArchimate,
  writeAkimatBackstage,
  writeArchitectureCsv,
  writeArchitectureXlsx,
} from './index.js'

type Level = 'region' | 'district' | 'rural'
type Cell = string | number | null

/** The headers of the sheet, in order, as the file must have them. */
const HEADERS = [
  'key',
  'section',
  'number',
  'group',
  'function',
  'language',
  'recommended systems',
  'printed levels',
  'performed',
  'system id',
  'system name',
  'object id',
  'object code',
  'object name (kk)',
  'level',
  'target level',
  'note',
  'status',
  'issues',
  'decided at',
  'act',
  'lines',
]

/** The sheet "Architecture" as records by header, read here with exceljs on its own. */
async function readSheet(
  buffer: Buffer,
): Promise<{ headers: string[]; rows: Record<string, Cell>[] }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(buffer).buffer)
  const sheet = workbook.getWorksheet('Architecture')!
  const headers = (sheet.getRow(1).values as Cell[]).slice(1).map(String)
  const rows: Record<string, Cell>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const record: Record<string, Cell> = {}
    headers.forEach((h, i) => {
      const value = row.getCell(i + 1).value
      record[h] = value === undefined ? null : (value as Cell)
    })
    rows.push(record)
  })
  return { headers, rows }
}

/** The workbook with some cells changed: `edit(row, header)` gives the cell of a sheet row. */
async function editSheet(
  buffer: Buffer,
  edit: (cell: (row: number, header: string) => ExcelJS.Cell, sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(buffer).buffer)
  const sheet = workbook.getWorksheet('Architecture')!
  const headers = (sheet.getRow(1).values as Cell[]).slice(1).map(String)
  edit((row, header) => {
    const col = headers.indexOf(header)
    if (col < 0) throw new Error(`no column ${header}`)
    return sheet.getRow(row).getCell(col + 1)
  }, sheet)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** What every cell of a function's row must hold, from the architecture's own fields. */
function expectedCells(
  fn: AkimatFunction,
  snapshot: CatalogSnapshot,
  architecture: AkimatArchitecture,
): Record<string, Cell> {
  const { decision, row } = fn
  const object = architecture.objects.find((o) => o.id === decision.objectId)
  return {
    key: `${row.architecture}:${row.section}.${row.number}`,
    section: row.section,
    number: row.number,
    group: row.group,
    function: row.function,
    language: row.language,
    'recommended systems':
      fn.recommended.map((id) => snapshot.systemById.get(id)!.name).join('; ') || null,
    'printed levels': row.levels.map((l) => `${l.level}: ${l.text}`).join(' | ') || null,
    performed: decision.performed ? 'yes' : 'no',
    'system id': decision.systemId,
    'system name': decision.systemId ? snapshot.systemById.get(decision.systemId)!.name : null,
    'object id': decision.objectId,
    'object code': object?.code ?? null,
    'object name (kk)': object?.nameKk ?? null,
    level: decision.level,
    'target level': decision.targetLevel,
    note: decision.note,
    status: fn.status,
    issues: fn.issues.join(', ') || null,
    'decided at': fn.decidedAt,
    act: row.act,
    lines: `${row.lines[0]}–${row.lines[1]}`,
  }
}

/** Every decision field and version of every function, for before/after comparisons. */
const decisions = (architecture: AkimatArchitecture) =>
  architecture.functions.map((f) => ({ key: f.key, version: f.version, ...f.decision }))

async function rejection(promise: Promise<unknown>): Promise<ImportRejected> {
  const error = await promise.catch((e) => e)
  expect(error).toBeInstanceOf(ImportRejected)
  return error as ImportRejected
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.catch((e) => e)
  expect(error).toBeInstanceOf(InputError)
  expect(error).not.toBeInstanceOf(ImportRejected)
  return error as InputError
}

describe.each(BACKENDS)('akimat architecture files [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  const db = () => handle().db
  let snapshot: CatalogSnapshot
  const examples = {} as Record<Level, Awaited<ReturnType<typeof seedExampleAkimat>>>
  /** A second district akimat with the same typical set, and its own object. */
  let other: { actor: Actor; organisationId: number; objectId: number }

  const architectureOf = (actor: Actor, organisationId: number) =>
    akimatArchitecture(db(), actor, snapshot, organisationId)

  beforeAll(async () => {
    await importBundledActs(db())
    snapshot = await loadCatalogSnapshot(db())
    for (const example of EXAMPLE_AKIMATS) {
      examples[example.level] = await seedExampleAkimat(db(), snapshot, example)
    }
    const organisation = await createOrganisation(db(), {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Бурабай ауданының әкімдігі',
      nameRu: 'Акимат Бурабайского района',
    })
    const { userId } = await createUser(db(), {
      email: 'burabay-editor@akimat.example.kz',
      name: 'Бурабай редакторы',
      organisationId: organisation.id,
      roles: ['editor'],
    })
    const actor = (await actorFor(db(), userId, organisation.id))!
    const objectId = await createObject(db(), actor, {
      kind: 'information-system',
      nameKk: 'Бурабай ауданының ведомстволық жүйесі',
      nameRu: 'Ведомственная система Бурабайского района',
      purpose: 'Тест',
      stage: 'industrial-operation',
      stageSince: '2018-01-10',
    })
    await adoptTypicalSet(db(), actor, snapshot, organisation.id, {
      kato: '114600000',
      at: examples.district.at,
    })
    other = { actor, organisationId: organisation.id, objectId }
  }, 180_000)

  for (const level of ['region', 'district', 'rural'] as const) {
    it(`writes every function of the ${level} akimat and reads it back without losing anything`, async () => {
      const { actor, organisationId } = examples[level]
      const before = await architectureOf(actor, organisationId)
      const xlsx = await writeArchitectureXlsx(before, snapshot)
      const sheet = await readSheet(xlsx)
      expect(sheet.headers).toEqual(HEADERS)
      expect(sheet.rows).toHaveLength(before.functions.length)
      before.functions.forEach((fn, i) => {
        expect(sheet.rows[i], fn.key).toEqual(expectedCells(fn, snapshot, before))
      })
      // Every kind of decision is in the file: not performed, own object, system, target.
      expect(sheet.rows.some((r) => r.performed === 'no')).toBe(true)
      expect(sheet.rows.some((r) => r['object id'] === examples[level].objectId)).toBe(true)
      expect(sheet.rows.some((r) => r['system id'] !== null)).toBe(true)

      // The CSV has the same cells as text.
      const csv = writeArchitectureCsv(before, snapshot)
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      const records = parse(csv.toString('utf8').slice(1), { columns: true }) as Record<
        string,
        string
      >[]
      expect(Object.keys(records[0]!)).toEqual(HEADERS)
      expect(records.map((r) => Object.values(r))).toEqual(
        sheet.rows.map((r) => HEADERS.map((h) => (r[h] === null ? '' : String(r[h])))),
      )

      // The other sheets: what the akimat is, and the systems to pick from.
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(new Uint8Array(xlsx).buffer)
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Architecture',
        'About',
        'Systems',
        'Objects',
      ])
      const about = workbook.getWorksheet('About')!
      const aboutValues = new Map<string, unknown>()
      about.eachRow((row) => aboutValues.set(String(row.getCell(3).value), row.getCell(4).value))
      const example = EXAMPLE_AKIMATS.find((e) => e.level === level)!
      expect(aboutValues.get('Akimat (in Kazakh)')).toBe(example.nameKk)
      expect(aboutValues.get('Akimat (in Russian)')).toBe(example.nameRu)
      expect(aboutValues.get('KATO code')).toBe(example.kato)
      expect(aboutValues.get('Typical set as in force on')).toBe(examples[level].at)
      expect(aboutValues.get('Functions')).toBe(before.functions.length)
      const systems = workbook.getWorksheet('Systems')!
      expect(systems.actualRowCount - 1).toBe(snapshot.systems.length)
      expect((systems.getRow(1).values as string[]).slice(1, 5)).toEqual([
        'id',
        'name',
        'language',
        'pair',
      ])

      // Unchanged: nothing changes, no version is added.
      const result = await importArchitecture(db(), actor, snapshot, organisationId, xlsx)
      expect(result).toEqual({ rows: before.functions.length, changed: 0 })
      const after = await architectureOf(actor, organisationId)
      expect(decisions(after)).toEqual(decisions(before))

      // Edited: exactly the edited functions change, as edited.
      const performedIndex = before.functions.findIndex(
        (f) => f.decision.performed && f.decision.level === 0,
      )
      const noteIndex = before.functions.findIndex(
        (f) => f.decision.performed && f.decision.level > 0 && f.decision.note === null,
      )
      const targetIndex = before.functions.findIndex(
        (f, i) => i !== noteIndex && f.decision.performed && f.decision.level > 0,
      )
      const edited = await editSheet(xlsx, (cell) => {
        cell(performedIndex + 2, 'performed').value = 'no'
        cell(noteIndex + 2, 'note').value = 'Аудандық бағдарлама бойынша 2027 жылы'
        const target = before.functions[targetIndex]!
        cell(targetIndex + 2, 'target level').value = target.targetChoices[0]!
        cell(targetIndex + 2, 'level').value = String(target.decision.level) // text, as typed
      })
      const changedTarget =
        before.functions[targetIndex]!.decision.targetLevel !==
        before.functions[targetIndex]!.targetChoices[0]
      const second = await importArchitecture(db(), actor, snapshot, organisationId, edited)
      expect(second).toEqual({
        rows: before.functions.length,
        changed: 2 + (changedTarget ? 1 : 0),
      })
      const final = await architectureOf(actor, organisationId)
      final.functions.forEach((fn, i) => {
        const was = before.functions[i]!
        if (i === performedIndex) {
          expect(fn.decision).toEqual({ ...was.decision, performed: false })
        } else if (i === noteIndex) {
          expect(fn.decision).toEqual({
            ...was.decision,
            note: 'Аудандық бағдарлама бойынша 2027 жылы',
          })
        } else if (i === targetIndex) {
          expect(fn.decision).toEqual({ ...was.decision, targetLevel: was.targetChoices[0] })
        } else {
          expect({ version: fn.version, ...fn.decision }, fn.key).toEqual({
            version: was.version,
            ...was.decision,
          })
        }
      })
      for (const i of [performedIndex, noteIndex]) {
        expect(final.functions[i]!.version).not.toBe(before.functions[i]!.version)
      }
    })
  }

  it('takes a system name where the id is empty, and a file from another akimat of the level', async () => {
    const { actor, organisationId, objectId } = examples.district
    const source = await architectureOf(actor, organisationId)
    const xlsx = await writeArchitectureXlsx(source, snapshot)
    const withSystem = source.functions.findIndex((f) => f.decision.systemId !== null)
    const byName = await editSheet(xlsx, (cell) => {
      cell(withSystem + 2, 'system id').value = null
    })
    expect(await importArchitecture(db(), actor, snapshot, organisationId, byName)).toEqual({
      rows: source.functions.length,
      changed: 0,
    })

    // Into another district akimat: the akimat's own object is not the other's to use.
    const usesObject = source.functions
      .map((f, i) => ({ f, row: i + 2 }))
      .filter(({ f }) => f.decision.objectId === objectId)
    expect(usesObject.length).toBeGreaterThan(0)
    const refused = await rejection(
      importArchitecture(db(), other.actor, snapshot, other.organisationId, xlsx),
    )
    expect(refused.problems.map((p) => [p.row, p.column, p.messageKey])).toEqual(
      usesObject.map(({ row }) => [row, 'object id', 'akimat.problem.object']),
    )
    expect(refused.problems[0]!.cell).toBe(`L${usesObject[0]!.row}`)
    const untouched = await architectureOf(other.actor, other.organisationId)
    expect(untouched.functions.every((f) => f.version === null)).toBe(true)

    // With the other's own object in those rows, every decision comes over.
    const mapped = await editSheet(xlsx, (cell) => {
      for (const { row } of usesObject) cell(row, 'object id').value = other.objectId
    })
    const decided = source.functions.filter((f) => f.version !== null)
    const undecidedLike = decided.filter(
      (f) =>
        f.decision.performed &&
        f.decision.level === 0 &&
        f.decision.systemId === null &&
        f.decision.objectId === null &&
        f.decision.targetLevel === null &&
        f.decision.note === null,
    )
    const imported = await importArchitecture(
      db(),
      other.actor,
      snapshot,
      other.organisationId,
      mapped,
    )
    expect(imported).toEqual({
      rows: source.functions.length,
      changed: decided.length - undecidedLike.length,
    })
    const copy = await architectureOf(other.actor, other.organisationId)
    expect(copy.functions.map((f) => f.key)).toEqual(source.functions.map((f) => f.key))
    copy.functions.forEach((fn, i) => {
      const was = source.functions[i]!.decision
      expect(fn.decision, fn.key).toEqual({
        ...was,
        objectId: was.objectId === objectId ? other.objectId : was.objectId,
      })
      expect(fn.status).toBe(source.functions[i]!.status)
    })
  })

  it('refuses a row of an old workbook that would undo a newer decision', async () => {
    const { actor, organisationId } = examples.rural
    const before = await architectureOf(actor, organisationId)
    const old = await writeArchitectureXlsx(before, snapshot)
    const i = before.functions.findIndex((f) => f.decision.performed && f.decision.level > 0)
    const j = before.functions.findIndex((f, n) => n !== i && f.decision.performed)
    const key = before.functions[i]!.key
    await new Promise((r) => setTimeout(r, 5))
    // Someone decides function i again after the export.
    await recordDecisions(
      db(),
      actor,
      snapshot,
      organisationId,
      [{ key, performed: false, level: 0, note: 'newer' }],
      'form',
    )
    // The old file, with an unrelated edit, still holds the old decision of i: refused there.
    const edited = await editSheet(old, (cell) => {
      cell(j + 2, 'note').value = 'an unrelated edit'
    })
    const error = await rejection(importArchitecture(db(), actor, snapshot, organisationId, edited))
    expect(error.problems.map((p) => [p.row, p.key, p.messageKey])).toEqual([
      [i + 2, key, 'akimat.problem.version'],
    ])
    const after = await architectureOf(actor, organisationId)
    expect(after.functions[i]!.decision.note).toBe('newer')
    expect(after.functions[j]!.decision).toEqual(before.functions[j]!.decision)
    // Exported again, the same edit goes in.
    const fresh = await editSheet(await writeArchitectureXlsx(after, snapshot), (cell) => {
      cell(j + 2, 'note').value = 'an unrelated edit'
    })
    expect(await importArchitecture(db(), actor, snapshot, organisationId, fresh)).toMatchObject({
      changed: 1,
    })
  })

  it('lists every problem with its row and column, and stores nothing', async () => {
    const { actor, organisationId } = examples.district
    const before = await architectureOf(actor, organisationId)
    const xlsx = await writeArchitectureXlsx(before, snapshot)
    const fns = before.functions
    const pick = (used: Set<number>, test: (f: AkimatFunction) => boolean) => {
      const i = fns.findIndex((f, n) => !used.has(n) && test(f))
      expect(i).toBeGreaterThanOrEqual(0)
      used.add(i)
      return i
    }
    const used = new Set<number>()
    const automated = (f: AkimatFunction) => f.decision.performed && f.decision.level > 0
    const unknownKey = pick(used, () => true)
    const badPerformed = pick(used, () => true)
    const outOfRange = pick(used, (f) => automated(f) && f.decision.systemId !== null)
    const unknownSystem = pick(used, (f) => automated(f) && f.decision.systemId !== null)
    const hiddenObject = pick(used, automated)
    const badLevel = pick(used, () => true)
    const unknownName = pick(used, (f) => automated(f) && f.decision.systemId !== null)
    const first = pick(used, () => true)
    const duplicate = pick(used, () => true)
    const goodEdit = pick(used, (f) => f.decision.note === null)
    const edited = await editSheet(xlsx, (cell) => {
      cell(unknownKey + 2, 'key').value = '158:9.999'
      cell(badPerformed + 2, 'performed').value = 'maybe'
      cell(outOfRange + 2, 'level').value = 9
      cell(unknownSystem + 2, 'system id').value = 'no-such-system'
      cell(hiddenObject + 2, 'system id').value = null
      cell(hiddenObject + 2, 'system name').value = null
      cell(hiddenObject + 2, 'object id').value = other.objectId
      cell(badLevel + 2, 'level').value = '1.5'
      cell(unknownName + 2, 'system id').value = null
      cell(unknownName + 2, 'system name').value = 'Ешқандай жүйе'
      cell(duplicate + 2, 'key').value = fns[first]!.key
      cell(goodEdit + 2, 'note').value = 'This edit must not be stored'
    })
    const error = await rejection(importArchitecture(db(), actor, snapshot, organisationId, edited))
    const expected: [number, string, string, string][] = [
      [unknownKey + 2, 'key', '158:9.999', 'akimat.problem.key'],
      [badPerformed + 2, 'performed', fns[badPerformed]!.key, 'akimat.exchange.problem.performed'],
      [outOfRange + 2, 'level', fns[outOfRange]!.key, 'akimat.problem.level'],
      [unknownSystem + 2, 'system id', fns[unknownSystem]!.key, 'akimat.problem.system'],
      [hiddenObject + 2, 'object id', fns[hiddenObject]!.key, 'akimat.problem.object'],
      [badLevel + 2, 'level', fns[badLevel]!.key, 'akimat.exchange.problem.whole'],
      [unknownName + 2, 'system name', fns[unknownName]!.key, 'akimat.exchange.problem.systemName'],
      [duplicate + 2, 'key', fns[first]!.key, 'akimat.problem.duplicate'],
    ]
    expected.sort((a, b) => a[0] - b[0])
    expect(error.problems.map((p) => [p.row, p.column, p.key, p.messageKey])).toEqual(expected)
    for (const p of error.problems) {
      expect(isMessageKey(p.messageKey), p.messageKey).toBe(true)
      expect(p.message).not.toBe('')
      expect(p.message).not.toMatch(/\{\w+\}/)
    }
    expect(error.messageKey).toBe('akimat.exchange.error.rejected')
    expect(error.params).toEqual({ count: expected.length })
    expect(
      error.problems.find((p) => p.messageKey === 'akimat.problem.level')?.params,
    ).toMatchObject({ value: '9', max: fns[outOfRange]!.maxLevel })
    expect(decisions(await architectureOf(actor, organisationId))).toEqual(decisions(before))

    // One bad row among good edits: still nothing stored.
    const oneBad = await editSheet(xlsx, (cell) => {
      cell(goodEdit + 2, 'note').value = 'This edit must not be stored'
      cell(badPerformed + 2, 'performed').value = 'иә'
    })
    const single = await rejection(
      importArchitecture(db(), actor, snapshot, organisationId, oneBad),
    )
    expect(single.problems.map((p) => [p.row, p.column])).toEqual([[badPerformed + 2, 'performed']])
    expect(decisions(await architectureOf(actor, organisationId))).toEqual(decisions(before))

    // A reader of the akimat may download but not import.
    const { userId } = await createUser(db(), {
      email: `reader-${backend}@akimat.example.kz`,
      name: 'Оқырман',
      organisationId,
      roles: ['reader'],
    })
    const reader = (await actorFor(db(), userId, organisationId))!
    await expect(
      importArchitecture(db(), reader, snapshot, organisationId, xlsx),
    ).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('refuses what is not the workbook with one clear error', async () => {
    const { actor, organisationId } = examples.rural
    const before = await architectureOf(actor, organisationId)
    const run = (bytes: Uint8Array) =>
      refusal(importArchitecture(db(), actor, snapshot, organisationId, bytes))

    const csv = writeArchitectureCsv(before, snapshot)
    expect((await run(csv)).messageKey).toBe('akimat.exchange.error.notXlsx')

    const zip = new JSZip()
    zip.file('architecture.csv', csv)
    zip.file('readme.txt', 'not a workbook')
    const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    expect((await run(archive)).messageKey).toBe('akimat.exchange.error.notWorkbook')

    const other = new ExcelJS.Workbook()
    other.addWorksheet('Парақ1').addRow(['key', 'performed'])
    const noSheet = await run(Buffer.from(await other.xlsx.writeBuffer()))
    expect(noSheet.messageKey).toBe('akimat.exchange.error.noSheet')
    expect(noSheet.params).toMatchObject({ sheet: 'Architecture', sheets: '“Парақ1”' })

    const partial = new ExcelJS.Workbook()
    const sheet = partial.addWorksheet('Architecture')
    sheet.addRow(['key', 'performed', 'level', 'system id'])
    sheet.addRow([before.functions[0]!.key, 'yes', 0, null])
    const columns = await run(Buffer.from(await partial.xlsx.writeBuffer()))
    expect(columns.messageKey).toBe('akimat.exchange.error.columns')
    expect(columns.params).toMatchObject({
      columns: '“object id”, “target level”, “note”',
    })

    const empty = await editSheet(await writeArchitectureXlsx(before, snapshot), (_, s) => {
      s.eachRow((row, n) => {
        if (n > 1) row.eachCell((c) => (c.value = null))
      })
    })
    expect((await run(empty)).messageKey).toBe('akimat.exchange.error.noRows')

    const large = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)
    expect((await run(large)).messageKey).toBe('akimat.exchange.error.tooLarge')

    expect(decisions(await architectureOf(actor, organisationId))).toEqual(decisions(before))
  })

  it('writes the architecture as ArchiMate and Backstage files that pass the structural checks', async () => {
    const { actor, organisationId } = examples.district
    const architecture = await architectureOf(actor, organisationId)
    const xml = writeAkimatArchimate(architecture, snapshot)
    expect(checkArchimateStructure(xml)).toEqual([])
    const document = new DOMParser().parseFromString(xml, 'application/xml')
    const elements = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'element')
    const byType = new Map<string, Element[]>()
    for (let i = 0; i < elements.length; i++) {
      const e = elements.item(i)!
      const type = e.getAttribute('xsi:type')!
      byType.set(type, [...(byType.get(type) ?? []), e])
    }
    const performed = architecture.functions.filter((f) => f.decision.performed)
    expect(byType.get('BusinessFunction')?.length).toBe(performed.length)
    const automatedBy = new Set(
      performed.flatMap((f) =>
        f.decision.systemId
          ? [`s:${f.decision.systemId}`]
          : f.decision.objectId !== null
            ? [`o:${f.decision.objectId}`]
            : [],
      ),
    )
    expect(byType.get('ApplicationComponent')?.length).toBe(automatedBy.size)
    expect(byType.get('DataObject')?.length ?? 0).toBe(
      new Set(performed.flatMap((f) => f.row.resources)).size,
    )
    const actorNames = [...(byType.get('BusinessActor') ?? [])].flatMap((e) => {
      const names = e.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'name')
      return Array.from({ length: names.length }, (_, i) => [
        names.item(i)!.getAttribute('xml:lang'),
        names.item(i)!.textContent,
      ])
    })
    expect(actorNames).toEqual([
      ['kk', EXAMPLE_AKIMATS[1]!.nameKk],
      ['ru', EXAMPLE_AKIMATS[1]!.nameRu],
    ])
    const relationships = document.getElementsByTagNameNS(ARCHIMATE_NAMESPACE, 'relationship')
    const serving = Array.from(
      { length: relationships.length },
      (_, i) => relationships.item(i)!,
    ).filter((r) => r.getAttribute('xsi:type') === 'Serving')
    expect(serving.length).toBe(
      performed.filter((f) => f.decision.systemId || f.decision.objectId !== null).length,
    )

    const yaml = writeAkimatBackstage(architecture, snapshot)
    expect(checkBackstageEntities(yaml)).toEqual([])
    expect(yaml).toContain('name: akimat-114200000\n')
    expect(yaml).toContain(`title: ${EXAMPLE_AKIMATS[1]!.nameKk}`)
  })
})
