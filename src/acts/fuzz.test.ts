/**
 * Fuzzing the act reader with the real acts: each property takes one of the bundled act files,
 * mutates its lines the way bad extractions and bad copies do (lines dropped, duplicated, swapped,
 * letter-spaced, split, joined, blanked, truncated, garbage and control characters, lines of the
 * other language mixed in) and checks that
 * (a) the reader returns a result or rejects the file with its own InputError and a message —
 *     never a TypeError, RangeError or stack overflow (which `parseAct` would wrap into a plain
 *     Error "… failed: …");
 * (b) every word of every text it outputs comes from the input: after the documented
 *     normalisation (look-alike letters mapped to Cyrillic, letter-spacing joined, detached
 *     suffixes joined), each output word is a word of the normalised input, or a word broken over
 *     lines — a word that ends a line followed by words that start lines (hyphenation, narrow
 *     table columns);
 * (c) importing a rejected act through the real database (SQLite and PostgreSQL) leaves every
 *     acts_ and catalog_ table exactly as it was.
 *
 * Fixed seed by default so CI is repeatable; FUZZ_SEED and FUZZ_RUNS (a multiplier of the default
 * run counts) allow longer local runs. fast-check prints the seed and the shrunk counterexample of
 * a failure.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { type Kysely, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import { importActBytes, importBundledActs } from '../catalog/import.js'
import { InputError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { bundledActs } from './bundled.js'
import { toCellLine } from './cell-text.js'
import { normalizeText } from './normalize.js'
import { type ParsedAct, parseAct } from './parse-act.js'

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261126
const SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1
const runs = (n: number) => Math.max(1, Math.round(n * SCALE))
const TIMEOUT = 30_000 * Math.max(1, SCALE)

const ACTS = bundledActs().map((act) => ({
  file: act.file,
  text: readFileSync(act.path, 'utf8'),
}))
const byFile = (part: string) => ACTS.find((a) => a.file.includes(part))!
const KK_LINES = byFile('142').text.split('\n')
const RU_LINES = byFile('352').text.split('\n')

// ---------------------------------------------------------------------------------------------
// Mutations of an act's lines

type Mutation =
  | { op: 'drop'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'swap'; at: number }
  | { op: 'letter-space'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'garbage'; at: number; text: string }
  | { op: 'other-language'; at: number; from: number; count: number }
  | { op: 'split'; at: number; cut: number }
  | { op: 'join'; at: number }
  | { op: 'blank'; at: number }
  | { op: 'renumber'; at: number; number: number }

/** Positions are fractions of the current length, so one mutation list fits any act. */
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })

const garbage = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    '\u0007\u001b[0m',
    '\uFEFF',
    '\u200b\u200b',
    '\r',
    '\f',
    '\t\t',
    '\ud800',
    '\u202e',
    '   ',
    '1.',
    '|',
    '«',
    '»',
    '"',
    '(',
    ')',
    '-',
    '1-деңгей:',
    '2-уровень:',
    'Қосымша',
    'Приложение 1',
    '№',
    '999.',
  ),
  fc.string({ maxLength: 12 }),
)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('drop' as const),
    at: position,
    count: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: position,
    count: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ op: fc.constant('swap' as const), at: position }),
  fc.record({ op: fc.constant('letter-space' as const), at: position }),
  fc.record({
    op: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ op: fc.constant('garbage' as const), at: position, text: garbage }),
  fc.record({
    op: fc.constant('other-language' as const),
    at: position,
    from: position,
    count: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ op: fc.constant('split' as const), at: position, cut: position }),
  fc.record({ op: fc.constant('join' as const), at: position }),
  fc.record({ op: fc.constant('blank' as const), at: position }),
  fc.record({
    op: fc.constant('renumber' as const),
    at: position,
    number: fc.integer({ min: 0, max: 99_999 }),
  }),
)

/** «Типтік архитектура» → «Т и п т і к архитектура»: one word letter-spaced, as PDFs print it. */
function letterSpace(line: string): string {
  const words = line.split(' ')
  const index = words.findIndex((w) => [...w].length > 1)
  if (index < 0) return line
  words[index] = [...words[index]!].join(' ')
  return words.join(' ')
}

function applyMutation(text: string, m: Mutation, language: 'kk' | 'ru'): string {
  const lines = text.split('\n')
  const at = Math.min(lines.length - 1, Math.floor(m.at * lines.length))
  switch (m.op) {
    case 'drop':
      lines.splice(at, m.count)
      break
    case 'duplicate':
      lines.splice(at, 0, ...lines.slice(at, at + m.count))
      break
    case 'swap':
      if (at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1]!, lines[at]!]
      break
    case 'letter-space':
      lines[at] = letterSpace(lines[at]!)
      break
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length))
    case 'garbage': {
      const line = lines[at]!
      const cut = Math.floor(m.at * 7919) % (line.length + 1)
      lines[at] = line.slice(0, cut) + m.text + line.slice(cut)
      break
    }
    case 'split': {
      // A line broken in two, anywhere (inside a word too).
      const line = lines[at]!
      const cut = Math.floor(m.cut * line.length)
      lines.splice(at, 1, line.slice(0, cut), line.slice(cut))
      break
    }
    case 'join':
      if (at + 1 < lines.length) lines.splice(at, 2, `${lines[at]} ${lines[at + 1]}`)
      break
    case 'blank':
      lines[at] = ''
      break
    case 'renumber': {
      // A typo in a row number an amendment names («реттік нөмірі 389-жол», «строку 12»).
      const named = lines.flatMap((line, i) => (/(нөмір|строк)\S* \d/u.test(line) ? [i] : []))
      if (named.length === 0) break
      const i = named[Math.floor(m.at * named.length)]!
      lines[i] = lines[i]!.replace(/(?<=(нөмір|строк)\S* )\d+/u, String(m.number))
      break
    }
    case 'other-language': {
      const other = language === 'kk' ? RU_LINES : KK_LINES
      const from = Math.floor(m.from * other.length)
      lines.splice(at, 0, ...other.slice(from, from + m.count))
      break
    }
  }
  return lines.join('\n')
}

function mutate(text: string, mutations: Mutation[], language: 'kk' | 'ru'): string {
  return mutations.reduce((t, m) => applyMutation(t, m, language), text)
}

// ---------------------------------------------------------------------------------------------
// Property (a): a result, or the reader's own error with a message

type Outcome = { parsed: ParsedAct } | { rejected: InputError }

function read(bytes: Uint8Array, fileName: string): Outcome {
  try {
    return { parsed: parseAct(bytes, fileName) }
  } catch (error) {
    if (error instanceof InputError && error.message.trim().length > fileName.length + 2) {
      return { rejected: error }
    }
    // Anything else is a crash of the reader: show what it was (the wrapped cause included).
    const cause = (error as Error).cause as Error | undefined
    throw new Error(
      `parseAct crashed: ${(error as Error).name}: ${(error as Error).message}` +
        (cause ? `\ncaused by ${cause.name}: ${cause.stack}` : ''),
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Property (b): no invented text

const LOOK_ALIKES: Record<string, string> = {
  i: 'і',
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  b: 'в',
  h: 'н',
  k: 'к',
  m: 'м',
  t: 'т',
}

/** The words (runs of letters and digits) of a text, lower-cased, look-alikes made Cyrillic. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map((w) =>
    /\p{Script=Cyrillic}/u.test(w) ? [...w].map((ch) => LOOK_ALIKES[ch] ?? ch).join('') : w,
  )
}

interface Vocabulary {
  /** Every word of every normalised input line. */
  all: Set<string>
  /** Words that end a line (the first half of a word broken over lines). */
  ends: Set<string>
  /** Words that start a line (the rest of a broken word). */
  starts: Set<string>
}

/**
 * The words of the input after the normaliser's documented steps, in both forms the reader uses
 * (the normalised line, and the one-pass form of a narrow table cell that keeps one-letter words
 * apart).
 */
function vocabulary(text: string): Vocabulary {
  const v: Vocabulary = { all: new Set(), ends: new Set(), starts: new Set() }
  for (const line of normalizeText(text)) {
    for (const form of [line.text, toCellLine(line).text]) {
      const w = words(form)
      if (w.length === 0) continue
      for (const word of w) v.all.add(word)
      v.ends.add(w.at(-1)!)
      v.starts.add(w[0]!)
    }
  }
  return v
}

/** Whether `word` is an input word, or input words glued at line breaks. */
function fromInput(word: string, v: Vocabulary): boolean {
  if (v.all.has(word)) return true
  // reachable[i]: word.slice(0, i) is a concatenation of input words (two or more in the end).
  const reachable = new Array<boolean>(word.length + 1).fill(false)
  reachable[0] = true
  for (let i = 0; i < word.length; i++) {
    if (!reachable[i]) continue
    for (let j = i + 1; j <= word.length; j++) {
      const piece = word.slice(i, j)
      if (i === 0 ? v.ends.has(piece) : v.starts.has(piece)) reachable[j] = true
    }
  }
  return reachable[word.length]!
}

/** Every text the reader outputs, with where it came from (for the failure message). */
function outputTexts(parsed: ParsedAct): [where: string, text: string][] {
  const out: [string, string][] = []
  const m = parsed.metadata
  out.push(['metadata.title', m.title], ['metadata.number', m.number])
  const row = (where: string, r: ParsedAct['rows'][number]) => {
    out.push([`${where}.function`, r.function])
    if (r.group) out.push([`${where}.group`, r.group])
    if (r.approach) out.push([`${where}.approach`, r.approach])
    if (r.unit) out.push([`${where}.unit`, r.unit])
    for (const s of r.systems) out.push([`${where}.systems`, s])
    for (const s of r.resources) out.push([`${where}.resources`, s])
    for (const l of r.levels) out.push([`${where}.levels`, l.text])
  }
  const glossary = (where: string, g: ParsedAct['glossary'][number]) => {
    out.push([`${where}.abbreviation`, g.abbreviation], [`${where}.expansion`, g.expansion])
  }
  for (const [i, r] of parsed.rows.entries()) row(`rows[${i}]`, r)
  for (const [i, s] of parsed.sections.entries()) out.push([`sections[${i}]`, s.title])
  for (const [i, g] of parsed.glossary.entries()) glossary(`glossary[${i}]`, g)
  for (const [i, d] of parsed.indicators.entries()) {
    out.push([`indicators[${i}].title`, d.title], [`indicators[${i}].unit`, d.unit])
  }
  for (const [i, ins] of parsed.instructions.entries()) {
    const where = `instructions[${i}]`
    if (ins.op === 'restate-section-title') out.push([where, ins.title])
    if (ins.op === 'restate-rows') {
      for (const [k, r] of ins.rows.entries()) row(`${where}.rows[${k}]`, r)
    }
    if (ins.op === 'replace-glossary') {
      for (const [k, g] of ins.entries.entries()) glossary(`${where}[${k}]`, g)
    }
    if (ins.op === 'restate-glossary-line') {
      out.push([`${where}.previous`, ins.previous])
      glossary(`${where}.entry`, ins.entry)
    }
  }
  return out
}

/** The output words not made of input words, with where they are; [] when none. */
function inventedWords(parsed: ParsedAct, input: string): string[] {
  const v = vocabulary(input)
  const invented: string[] = []
  for (const [where, text] of outputTexts(parsed)) {
    for (const word of words(text)) {
      if (!fromInput(word, v)) invented.push(`${where}: «${word}» in «${text}»`)
    }
  }
  return invented
}

function checkRead(text: string, fileName: string): Outcome {
  const bytes = new TextEncoder().encode(text)
  const outcome = read(bytes, fileName)
  if ('parsed' in outcome) {
    const invented = inventedWords(outcome.parsed, outcome.parsed.text)
    if (invented.length > 0) throw new Error(`invented text:\n${invented.slice(0, 10).join('\n')}`)
  }
  return outcome
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the act reader with mutated real acts', () => {
  it('reads the unmutated acts without inventing a word (calibrates the check)', () => {
    for (const act of ACTS) {
      const outcome = checkRead(act.text, act.file)
      expect('parsed' in outcome, act.file).toBe(true)
    }
  })

  it('the word check allows words broken at line ends, nothing else', () => {
    const v = vocabulary('мемлекеттік қызмет\nкөрсету тәртібі\nавтоматтанды\nру')
    expect(fromInput('қызметкөрсету', v)).toBe(true)
    expect(fromInput('автоматтандыру', v)).toBe(true)
    expect(fromInput('тәртібі', v)).toBe(true)
    expect(fromInput('мемлекеттікқызмет', v)).toBe(false)
    expect(fromInput('көрсетутәртібі', v)).toBe(false)
    expect(fromInput('undefined', v)).toBe(false)
  })

  it('the word check catches invented text', () => {
    const act = byFile('142')
    const parsed = parseAct(new TextEncoder().encode(act.text), act.file)
    const first = parsed.instructions.find((i) => i.op === 'restate-section-title')
    expect(first).toBeDefined()
    if (first?.op === 'restate-section-title') first.title = `${first.title} undefined`
    expect(inventedWords(parsed, act.text).join('\n')).toMatch(/undefined/)
  })

  const cases: [part: string, numRuns: number][] = [
    ['142', 300],
    ['352', 60],
    ['174', 200],
    ['178', 150],
    ['158', 15],
  ]
  for (const [part, numRuns] of cases) {
    const act = byFile(part)
    const language = act.file.includes('-ru-') ? 'ru' : 'kk'
    it(
      `${act.file}: never crashes, never invents text (${runs(numRuns)} runs)`,
      () => {
        let parsed = 0
        fc.assert(
          fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
            const outcome = checkRead(mutate(act.text, mutations, language), act.file)
            if ('parsed' in outcome) parsed++
          }),
          { seed: SEED, numRuns: runs(numRuns) },
        )
        // The text check ran on real output, not only on rejections.
        expect(parsed).toBeGreaterThan(0)
      },
      TIMEOUT,
    )
  }

  it('rejects text that is no act, or no longer one, with a message', () => {
    for (const text of ['', '\u0000\u0001', 'hello', byFile('142').text.slice(0, 200)]) {
      const outcome = read(new TextEncoder().encode(text), 'x.txt')
      expect('rejected' in outcome).toBe(true)
      if ('rejected' in outcome) expect(outcome.rejected.message).toMatch(/^x\.txt: .{5,}/)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Property (c): a rejected import changes nothing in the database

async function snapshot(db: Kysely<Database>, backend: string): Promise<Record<string, string>> {
  const names =
    backend === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          db,
        )
  const tables = names.rows
    .map((r) => r.name)
    .filter((n) => /^(acts|catalog)_/.test(n))
    .sort()
  const out: Record<string, string> = {}
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort()
    out[table] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`
  }
  return out
}

describe.each(BACKENDS)('a rejected act leaves the database unchanged [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let before: Record<string, string>

  beforeAll(async () => {
    await importBundledActs(handle().db)
    before = await snapshot(handle().db, backend)
  }, 4 * TIMEOUT)
  it('holds the bundled acts to compare against', () => {
    expect(Object.keys(before).length).toBeGreaterThan(3)
    expect(before.catalog_row_version).not.toMatch(/^0:/)
  })

  it(
    'mutated amendments that are rejected change no table',
    async () => {
      let rejected = 0
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('142', '352'),
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          async (part, mutations) => {
            const act = byFile(part)
            const text = mutate(act.text, mutations, act.file.includes('-ru-') ? 'ru' : 'kk')
            const bytes = new TextEncoder().encode(text)
            // An accepted mutant changes the tables legitimately, so compare with this run's state.
            const state = await snapshot(handle().db, backend)
            let error: unknown
            try {
              await importActBytes(handle().db, bytes, act.file)
            } catch (e) {
              error = e
            }
            if (error === undefined) return

            rejected++
            expect(error).toBeInstanceOf(InputError)
            expect(await snapshot(handle().db, backend)).toEqual(state)
          },
        ),
        { seed: SEED, numRuns: runs(8) },
      )
      expect(rejected).toBeGreaterThan(0)
    },
    4 * TIMEOUT,
  )
})
