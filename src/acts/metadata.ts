/**
 * @module
 * The identity and dates of an act, read from its own heading and notes as adilet.zan.kz prints
 * them:
 *
 * ```
 * <title, one or more lines>
 *
 * Күшін жойған                                            ← status (Утративший силу)
 * … министрінің 2016 жылғы 19 қыркүйектегі № 158 бұйрығы. … Әділет министрлігінде 2016 жылғы
 * 8 желтоқсанда № 14492 болып тіркелді. Күші жойылды - … 2018 жылғы 3 шілдедегі № 304 бұйрығымен.
 *       Ескерту. Күші жойылды – … 03.07.2018 № 304 (… қолданысқа енгізіледі) бұйрығымен.
 * ```
 *
 * The entry into force is read from the order's own paragraph («4. Осы бұйрық … қолданысқа
 * енгізіледі», «4. Настоящий приказ вводится в действие …»), and for an amendment the amended
 * act's registration from its item 1 («… тізілімінде № 17191 болып тіркелген», «под № 17191»).
 */
import { InputError } from '../core/index.js'
import { addDays, type FoundDate, findDates, PARAGRAPH_ORDINALS } from './legal-date.js'
import { joinLines, type SourceLine } from './normalize.js'
import type { ActKind, ActLanguage, ActMetadata, EntryIntoForce } from './types.js'

/** An act number as printed: digits, optionally «/НҚ». */
const NUMBER = /^\s*№\s*(\d+(?:\/\p{L}+)?)/u

const INDENTED = /^\s{2,}\S/

/** Status line under the title. */
const STATUS = /^(Күшін жойған|Қолданыстағы|Утративший силу|Действующий)$/iu

/** Notes in the heading: editorial notes of the publisher. */
const NOTE_START = /^(Ескерту|Сноска|Примечание|ЗҚАИ|ИЗПИ)/u

/** The clause saying the act is repealed, in the identity paragraph or a note. */
const REPEALED = /күші жойылды|утратил[аои]? силу/iu

/** The order's paragraph on its entry into force («4. Осы бұйрық … қолданысқа енгізіледі»). */
const ENTRY_INTO_FORCE = {
  opening: /^\d+\.?\s*(Осы бұйрық|Осы қаулы|Настоящий приказ|Настоящее постановление)(?=\s)/u,
  contains: /қолданысқа енгізіл|вводится в действие|вступает в силу/iu,
}

/** Kazakh letters Russian does not have. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/giu

const KINDS: [ActKind, RegExp][] = [
  ['amendment', /(өзгеріс|толықтыру)\S*\s+(?:(?:мен|және)\s+\S+\s+)?енгізу\s+туралы/iu],
  ['amendment', /^О\s+внесении\s+(изменени|дополнени)/iu],
  ['architecture', /архитектурасын\s+бекіту|утверждении\s+Типовой\s+архитектуры/iu],
  ['rules', /қағидаларын\s+бекіту|утверждении\s+Правил/iu],
  ['regulations', /регламенттерін\s+бекіту|регламентін\s+бекіту|утверждении\s+регламент/iu],
]

/** Number words the acts use for periods, kk and ru. */
const NUMBER_WORDS: Record<string, number> = {
  бір: 1,
  екі: 2,
  үш: 3,
  төрт: 4,
  бес: 5,
  алты: 6,
  жеті: 7,
  сегіз: 8,
  тоғыз: 9,
  он: 10,
  жиырма: 20,
  отыз: 30,
  одного: 1,
  двух: 2,
  трех: 3,
  трёх: 3,
  четырех: 4,
  пяти: 5,
  шести: 6,
  семи: 7,
  восьми: 8,
  девяти: 9,
  десяти: 10,
  двадцати: 20,
  тридцати: 30,
}

interface Heading {
  title: SourceLine[]
  /** The identity paragraph, without the status line («Күшін жойған»). */
  identity: string
  notes: string[]
  /** Index in `lines` just after the last heading line. */
  end: number
}

interface Paragraph {
  /** The paragraph's lines, not joined (a table printed without indentation is one huge one). */
  texts: string[]
  /** Index in `lines` just after the paragraph's last line. */
  end: number
}

/** Paragraphs from `start`: an indented line and the unindented lines that continue it. */
function* paragraphs(lines: SourceLine[], start: number): Generator<Paragraph> {
  let current: Paragraph | null = null
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!
    if (line.text === '') continue
    if (current !== null && !INDENTED.test(line.raw)) {
      current.texts.push(line.text)
      current.end = i + 1
      continue
    }
    if (current !== null) yield current
    current = { texts: [line.text], end: i + 1 }
  }
  if (current !== null) yield current
}

/**
 * The joined text of the first paragraph whose first two lines match `opening` and whose whole
 * text matches `contains`. Only matching openings are joined in full.
 */
function findParagraph(
  lines: SourceLine[],
  start: number,
  { opening, contains }: { opening: RegExp; contains?: RegExp },
): string | null {
  for (const p of paragraphs(lines, start)) {
    if (!opening.test(joinLines(p.texts.slice(0, 2)))) continue
    const text = joinLines(p.texts)
    if (contains === undefined || contains.test(text)) return text
  }
  return null
}

function readHeading(lines: SourceLine[], where: string): Heading {
  let i = lines.findIndex((l) => l.text !== '')
  if (i < 0) throw new InputError(`Not an act${where}: the text is empty`)
  const title: SourceLine[] = []
  for (; i < lines.length && lines[i]!.text !== ''; i++) title.push(lines[i]!)
  while (i < lines.length && lines[i]!.text === '') i++
  const identity: SourceLine[] = []
  for (; i < lines.length && lines[i]!.text !== '' && !INDENTED.test(lines[i]!.raw); i++) {
    identity.push(lines[i]!)
  }
  if (identity[0] !== undefined && STATUS.test(identity[0].text)) identity.shift()
  const notes: string[] = []
  let end = i
  let noteBodyFollows = false
  for (const p of paragraphs(lines, i)) {
    const text = joinLines(p.texts.slice(0, 20))
    if (!NOTE_START.test(text) && !noteBodyFollows) break
    notes.push(text)
    // «ЗҚАИ-ның ескертпесі!» is a label; the note itself is the next paragraph.
    noteBodyFollows = /^(ЗҚАИ|ИЗПИ)/u.test(text) && text.endsWith('!')
    end = p.end
  }
  return { title, identity: joinLines(identity.map((l) => l.text)), notes, end }
}

/**
 * The act's number and date: «2016 жылғы 19 қыркүйектегі № 158 бұйрығы», «от 29 … года
 * № 352/НҚ».
 */
function readIdentity(text: string): { number: string; date: string } | null {
  for (const d of findDates(text)) {
    const m = NUMBER.exec(text.slice(d.end))
    if (m === null) continue
    const after = text.slice(d.end + m[0].length)
    const kk = /^\.?\s+(бұйрығы|қаулысы|шешімі)(?=[\s.,;]|$)/iu.test(after)
    const ru = /(^|\s)от\s*$/u.test(text.slice(0, d.index))
    if (kk || ru) return { number: m[1]!, date: d.iso }
  }
  return null
}

/**
 * Registration: «… 2016 жылғы 8 желтоқсанда № 14492 болып тіркелді», «Зарегистрирован …
 * № 29966».
 */
function readRegistration(
  text: string,
): { registration: string; registeredOn: string | null } | null {
  const m =
    /№\s*(\d+)\s+(?:болып\s+)?тіркел(?:ді|ген)/u.exec(text) ??
    /Зарегистрирован[^№]*№\s*(\d+)/iu.exec(text)
  if (m === null) return null
  const numberAt = text.indexOf('№', m.index)
  const date = findDates(text).find((d) => text.slice(d.end, numberAt).trim() === '')
  return { registration: m[1]!, registeredOn: date?.iso ?? null }
}

/**
 * Dates printed as the start of a period: «01.01.2023 бастап», «с 01.01.2023», «2022 жылғы
 * 1 қаңтардан бастап».
 */
function startDates(text: string): FoundDate[] {
  return findDates(text).filter(
    (d) => /^\s*бастап/u.test(text.slice(d.end)) || /(^|\s)с\s*$/u.test(text.slice(0, d.index)),
  )
}

/** «күнтізбелік он күн», «он күнтізбелік күн», «десяти календарных дней» → 10. */
function periodDays(text: string): number | null {
  const m =
    /күнтізбелік\s+(\p{L}+|\d+)\s+күн/u.exec(text) ??
    /(\p{L}+|\d+)\s+күнтізбелік\s+күн/u.exec(text) ??
    /(\p{L}+|\d+)\s+календарных\s+дней/u.exec(text)
  if (m === null) return null
  const word = m[1]!.toLowerCase()
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? null)
}

function afterPublication(text: string): boolean {
  return /жарияланған|опубликования/iu.test(text)
}

/** «1-тармағының алтыншы абзацы» → 'item 1, paragraph 6'; the clause as printed when unclear. */
function describeParagraph(clause: string): string {
  const item = /(\d+)-тармағ/u.exec(clause) ?? /пункта\s+(\d+)/u.exec(clause)
  const ordinal = Object.keys(PARAGRAPH_ORDINALS).find((w) =>
    new RegExp(`(^|[^\\p{L}])${w}`, 'u').test(clause),
  )
  const numbered = /(\d+)-абзац/u.exec(clause)
  const sub = /(\d+)\)\s*тармақша/u.exec(clause) ?? /подпункта\s+(\d+)\)/u.exec(clause)
  const parts: string[] = []
  if (item) parts.push(`item ${item[1]}`)
  if (sub) parts.push(`subparagraph ${sub[1]}`)
  if (numbered) parts.push(`paragraph ${numbered[1]}`)
  else if (ordinal !== undefined && /абзац/u.test(clause))
    parts.push(`paragraph ${PARAGRAPH_ORDINALS[ordinal]}`)
  return parts.length >= 2 || (parts.length === 1 && item === null)
    ? parts.join(', ')
    : clause.trim()
}

interface EntryIntoForceReading {
  entry: EntryIntoForce | null
  exceptions: { paragraph: string; date: string }[]
}

/**
 * Reads the order's entry-into-force paragraph. An exception («… 2022 жылғы 1 қаңтардан бастап
 * қолданысқа енгізілетін … 1-тармағының алтыншы абзацын қоспағанда», «за исключением …») is cut
 * out of the paragraph first; the rest says when everything else takes effect.
 */
function readEntryIntoForce(text: string, registeredOn: string): EntryIntoForceReading {
  let main = text
  const exceptions: { paragraph: string; date: string }[] = []
  const kkException = /қоспағанда/u.exec(text)
  const ruException = /за\s+исключением/u.exec(text)
  if (kkException !== null) {
    const start = startDates(text).find((d) => d.index < kkException.index)
    if (start !== undefined) {
      const clause = text.slice(start.end, kkException.index)
      exceptions.push({ paragraph: describeParagraph(clause), date: start.iso })
      main = text.slice(0, start.index) + text.slice(kkException.index + kkException[0].length)
    }
  } else if (ruException !== null) {
    const rest = text.slice(ruException.index)
    const start = startDates(rest)[0]
    if (start !== undefined) {
      exceptions.push({ paragraph: describeParagraph(rest.slice(0, start.index)), date: start.iso })
      main = text.slice(0, ruException.index) + rest.slice(start.end)
    }
  }
  if (afterPublication(main)) {
    const days = periodDays(main)
    if (days !== null) {
      return {
        entry: { kind: 'after-publication', days, earliest: addDays(registeredOn, days + 1) },
        exceptions,
      }
    }
  }
  const fixed = startDates(main)[0]
  return { entry: fixed ? { kind: 'date', date: fixed.iso } : null, exceptions }
}

/**
 * The repeal: which act repealed this one, and from when.
 *
 * - A note giving the repealing act's own start date («(01.01.2023 бастап қолданысқа
 *   енгізіледі)», «(вводится в действие с 01.01.2023)») gives `repealedOn` directly.
 * - A note saying the repealing act takes effect ten calendar days after its first official
 *   publication (order 158, l.10–12: «03.07.2018 (алғашқы ресми жарияланған күнінен кейін
 *   күнтізбелік он күн … өткен соң қолданысқа енгізіледі) № 304») gives no date: the publication
 *   date is not in the text. The act still applied until then, so `repealedOn` is the earliest day
 *   the repeal can have taken effect: the repealing act cannot be published before it is adopted,
 *   so adoption + 10 days + 1 (the same rule as {@link EntryIntoForce} `earliest`, with the
 *   adoption date standing in for the unknown registration date). For 158: 2018-07-14.
 * - Otherwise (order 178, l.7–11: only «… 2016 жылғы 11 сәуірдегі № 100 бұйрығымен») the only
 *   date the text supports is the repealing act's adoption: the repeal cannot precede it.
 */
function readRepeal(
  identity: string,
  notes: string[],
): { repealedOn: string; repealedBy: string } | null {
  const note = notes.find((n) => REPEALED.test(n)) ?? ''
  const clause = REPEALED.exec(identity)
  let act: { number: string; date: string } | null = null
  if (clause !== null) {
    const rest = identity.slice(clause.index)
    for (const d of findDates(rest)) {
      const m = NUMBER.exec(rest.slice(d.end))
      if (m !== null) {
        act = { number: m[1]!, date: d.iso }
        break
      }
    }
  }
  if (act === null && note !== '') {
    // In the notes the hyperlinked number is often displaced («11.04.2016 бұйрығымен.№ 100»).
    const date = findDates(note)[0]
    const number = /№\s*(\d+(?:\/\p{L}+)?)/u.exec(note)
    if (date !== undefined && number !== null) act = { number: number[1]!, date: date.iso }
  }
  if (act === null) return null
  const repealedBy = `№ ${act.number} ${act.date}`
  const start = startDates(note).find((d) => d.iso >= act.date)
  if (start !== undefined) return { repealedOn: start.iso, repealedBy }
  const days = afterPublication(note) ? periodDays(note) : null
  if (days !== null) return { repealedOn: addDays(act.date, days + 1), repealedBy }
  return { repealedOn: act.date, repealedBy }
}

/** 'kk' when Kazakh-only letters make up more than 2 % of the Cyrillic letters, else 'ru'. */
function detectLanguage(lines: SourceLine[]): ActLanguage {
  const text = lines.map((l) => l.text).join(' ')
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length
  const kazakh = (text.match(KAZAKH_LETTERS) ?? []).length
  return cyrillic > 0 && kazakh / cyrillic > 0.02 ? 'kk' : 'ru'
}

/** The amended act from the title («… 2018 жылғы 3 шілдедегі № 304 бұйрығына …») and item 1. */
function readAmended(
  title: string,
  item1: string,
): { number: string; date: string; registration: string | null } | null {
  let target: { number: string; date: string } | null = null
  for (const d of findDates(title)) {
    const m = NUMBER.exec(title.slice(d.end))
    if (m !== null) {
      target = { number: m[1]!, date: d.iso }
      break
    }
  }
  if (target === null) return null
  const registration =
    /тізілімінде\s+№\s*(\d+)/u.exec(item1) ??
    /№\s*(\d+)\s+болып\s+тіркелген/u.exec(item1) ??
    /под\s+№\s*(\d+)/u.exec(item1)
  return { ...target, registration: registration?.[1] ?? null }
}

/**
 * Reads an act's metadata from its normalised text: number as printed ('158', '142/НҚ'), adoption
 * and registration dates, registration number, language, title, kind (from the title's wording),
 * the act it amends, entry into force (a fixed date, or ten days after publication with the
 * earliest possible day), exceptions to it (`paragraph` as 'item 1, paragraph 6'), and the repeal
 * (see the rules on `repealedOn` in this module's readRepeal). `lines` in the result is the range
 * of the heading (title, status, identity paragraph and the publisher's notes); the entry into
 * force and the amended act's registration are read from the order's numbered paragraphs.
 * `file` only names the text in error messages.
 * @throws InputError when the text is not an act: no title, no act number and date, no
 *   registration, or a title that names no known kind of act.
 * @example parseActMetadata(normalizeText(readFileSync(bundledActPath(file), 'utf8')), file)
 */
export function parseActMetadata(lines: SourceLine[], file?: string): ActMetadata {
  const where = file === undefined ? '' : ` (${file})`
  const heading = readHeading(lines, where)
  const title = joinLines(heading.title.map((l) => l.text))
  const identity = readIdentity(heading.identity)
  if (identity === null) {
    throw new InputError(
      `Not an act${where}: no act number and adoption date in the heading ` +
        '(expected «… 2016 жылғы 19 қыркүйектегі № 158 бұйрығы» or «Приказ … от 29 сентября ' +
        '2022 года № 352/НҚ»)',
    )
  }
  const registration = readRegistration(heading.identity)
  if (registration === null) {
    throw new InputError(
      `Not an act${where}: no Ministry of Justice registration number in the heading ` +
        '(expected «… № 14492 болып тіркелді» or «Зарегистрирован … № 29966»)',
    )
  }
  const kind = KINDS.find(([, re]) => re.test(title))?.[0]
  if (kind === undefined) {
    throw new InputError(
      `Unknown kind of act${where}: the title «${title.slice(0, 80)}» names no architecture, ` +
        'amendment, rules or regulations',
    )
  }
  const order = findParagraph(lines, heading.end, ENTRY_INTO_FORCE)
  const force = order
    ? readEntryIntoForce(order, registration.registeredOn ?? identity.date)
    : { entry: null, exceptions: [] }
  const repeal = readRepeal(heading.identity, heading.notes)
  const first = heading.title[0]!.n
  const last =
    lines
      .slice(0, heading.end)
      .filter((l) => l.text !== '')
      .at(-1)?.n ?? first
  return {
    number: identity.number,
    date: identity.date,
    registration: registration.registration,
    registeredOn: registration.registeredOn,
    language: detectLanguage(lines),
    title,
    kind,
    amends:
      kind === 'amendment'
        ? readAmended(title, findParagraph(lines, heading.end, { opening: /^1\.\s/u }) ?? '')
        : null,
    entryIntoForce: force.entry,
    entryIntoForceExceptions: force.exceptions,
    repealedOn: repeal?.repealedOn ?? null,
    repealedBy: repeal?.repealedBy ?? null,
    lines: [first, last],
  }
}
