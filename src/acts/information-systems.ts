/**
 * @module
 * Recognising information-system names as the acts print them in the «АЖ» column: abbreviations
 * (ЭҮП, ЕЛ МДҚ АЖ, "Е-собес" ААЖ, ИС РШЭП), with qualifiers kept («(ішінара)», «(1 қызмет)»,
 * «(2 услуги)»), and a few descriptive entries that stand in that column.
 */

const UPPER = 'A-ZА-ЯЁӘҒҚҢӨҰҮҺІ'

/** Descriptive entries printed in the IS column, in their normalised form. */
const DESCRIPTIVE_SYSTEMS = [
  'әкімдіктердің ресми интернет-порталдары',
  'БЭПЖ арқылы жедел өзара іс-қимыл',
  'ҚР денсаулық көрсеткіштері АЖ',
  'Мемлекеттік мүлік тізілімі АЖ',
  'МММ ЭДҚ (Мемлекеттік мүлік тізілімі АЖ)',
]

/** A qualifier after a system: «(ішінара)», «(1 қызмет)», «(2 услуги)», «(частично)». */
const QUALIFIER = String.raw`\((?:ішінара|частично|\d+ (?:қызмет|услуги|услуга|услуг))\)`

/**
 * One system: an optional quoted name, then abbreviations of two or more capitals (possibly with
 * a hyphen, e.g. «Е-кызмет» inside quotes), then an optional qualifier.
 */
const SYSTEM_ITEM = new RegExp(
  String.raw`^(?:"[^"]{2,40}"\s*(?:[${UPPER}]{2,6}\s*)*)?` +
    String.raw`(?:[${UPPER}][${UPPER}0-9]{1,9}(?:\s+[${UPPER}][${UPPER}0-9]{1,9}){0,4})?` +
    String.raw`(?:\s*"[^"]{2,40}")?` +
    String.raw`(?:\s*${QUALIFIER})?"?$`,
)

/** Systems printed without a generic suffix (АЖ, ААЖ, ИС …) that stand alone in the IS column. */
const STANDALONE_SYSTEMS = new Set([
  'ЭҮП',
  'ПЭП',
  'ЭҚАБЖ',
  'ЕСЭДО',
  'МОИП',
  'ИПГО',
  'БЭПЖ',
  'ЕЭПС',
  'СЕӨЖ',
  'СЕӨС',
  'ДҚБЖ',
  'СРББАТЖ',
  'АТЖ',
  'АЖБ',
  'ЫАЖ',
  'ЖАЖ',
  'АЖО',
  'ЭҮӨШ',
  'ӨЭҮШ',
])

/** A generic word that marks an information system: АЖ, ААЖ, АҚЖ, АИС, ИС, ЫАЖ, ЭДҚ, БАБЖ. */
const SYSTEM_SUFFIX = /(^|[\s"])(АЖ|ААЖ|АҚЖ|АИС|ИС|ИПС|ЫАЖ|ЭДҚ|ДҚ|БАБЖ|АҚ)($|[\s"(])/u

/**
 * Stricter than {@link isSystemsCell}: every item names a system by a generic suffix or is a
 * known standalone system. Used where a list of systems is cut off the end of other text, so
 * that an abbreviation inside a sentence («ЖАО бекітілген НҚА») is not mistaken for one.
 */
export function isSystemsTail(text: string): boolean {
  const items = splitSystems(text)
  return (
    items.length > 0 &&
    // A generic word alone («ААЖ») is the end of a longer name, not a system.
    !items.some((item) => /^(АЖ|ААЖ|АҚЖ|ИС|АИС|ДҚ)$/.test(item)) &&
    items.every(
      (item) =>
        isSystemItem(item) &&
        (SYSTEM_SUFFIX.test(item) || STANDALONE_SYSTEMS.has(item.replace(/\s*\(.*\)$/, ''))),
    )
  )
}

/** A capitalised name before abbreviations and a suffix: «Кадрлар ААЖ», «Оралман ДҚ ААЖ». */
const NAMED_SYSTEM = new RegExp(
  String.raw`^[${UPPER}][a-zа-яёәғқңөұүһі]+(?:\s+[${UPPER}]{2,5})*\s+(?:ААЖ|АЖ|АҚЖ)(?:\s*${QUALIFIER})?$`,
  'u',
)

/** The e-learning system in its printed forms, «(» possibly glued by letter-spacing. */
const E_LEARNING = /^(?:E-learning\s*ЭОЖ|ЭОЖ\s*E-learning)\s*(?:\(\s*(?:ішінара\)?)?)?$/iu

function isSystemItem(item: string): boolean {
  const text = item.trim()
  if (DESCRIPTIVE_SYSTEMS.includes(text) || E_LEARNING.test(text) || NAMED_SYSTEM.test(text)) {
    return true
  }
  if (!/[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}/u.test(text)) return false
  return SYSTEM_ITEM.test(text)
}

/**
 * Splits an IS cell into its systems: items are separated by commas (once by a full stop:
 * «ЭҚАБЖ. МОИП»); qualifiers stay with their system.
 * @example splitSystems('ЭҮП, ЭҮӨШ АЖ (1 қызмет)') // ['ЭҮП', 'ЭҮӨШ АЖ (1 қызмет)']
 */
export function splitSystems(text: string): string[] {
  return (
    text
      .split(/,|\.\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"])/u)
      .map((s) => s.trim().replace(/[.;]$/, '').trim())
      // Two systems with no comma between («ЭҮӨШ АЖ АЖО»): split after the first one's suffix.
      .flatMap((s) => s.split(/(?<=\s(?:АЖ|ААЖ))\s+(?=(?:АЖО|ЭҮП|ПЭП|МОИП|ЭҚАБЖ)$)/u))
      .filter((s) => s !== '')
  )
}

/** True when the whole text reads as a list of information systems. */
export function isSystemsCell(text: string): boolean {
  const items = splitSystems(text)
  return items.length > 0 && items.every(isSystemItem)
}

/**
 * When a line of another column ends with a list of systems printed on the same baseline
 * («мұрағаттық анықтамаларды беру ЭҮП, ЭҮӨШ АЖ»), returns the text before it and the systems.
 */
export function splitTrailingSystems(line: string): { before: string; systems: string } | null {
  const words = line.split(' ')
  // Try the longest tail first that reads as systems and leaves a real text before it.
  for (let start = 1; start < words.length; start++) {
    const tail = words.slice(start).join(' ')
    const before = words.slice(0, start).join(' ')
    if (!/[a-zа-яёәғқңөұүһі]/u.test(before)) continue
    if (/^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"]/u.test(tail) && isSystemsTail(tail) && tail.length >= 3) {
      return { before, systems: tail }
    }
  }
  return null
}
