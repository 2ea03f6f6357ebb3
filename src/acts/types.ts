/**
 * @module
 * The law as e-akimat models it. An **act** is one published normative legal act (an order of a
 * minister) in one language. The **typical architecture** is an act whose Appendix 1 is a table
 * of functions per administrative level (a **section**), each **row** naming the function, the
 * information systems that automate it and how; an **amendment** act restates or deletes rows,
 * section titles and glossary lines of the act it amends, from the day it takes effect.
 * Everything parsed keeps the original line numbers it came from.
 */

export type ActLanguage = 'kk' | 'ru'

/** base architecture, amendment of an architecture, rules (174/2019), regulations (178/2012). */
export type ActKind = 'architecture' | 'amendment' | 'rules' | 'regulations'

/** First and last original line (1-based, inclusive) a piece of text was read from. */
export type LineRange = [first: number, last: number]

/**
 * When an act takes effect, as its own notes say.
 * - `date`: a fixed date («2022 жылғы 1 қаңтардан бастап», «с 01.01.2023»).
 * - `after-publication`: «ten calendar days after the day of its first official publication»;
 *   the publication date is not in the text, so the date is unknown: `earliest` is the earliest it
 *   can be (registration date + days + 1) until an administrator sets the real one.
 */
export type EntryIntoForce =
  | { kind: 'date'; date: string }
  | { kind: 'after-publication'; days: number; earliest: string }

/** The identity and dates of an act, read from its heading and notes. */
export interface ActMetadata {
  /** Number as printed, e.g. '158', '142/НҚ', '352/НҚ'. */
  number: string
  /** Date of adoption, YYYY-MM-DD. */
  date: string
  /** Ministry of Justice state registration number, digits only. */
  registration: string
  /** Date of registration, YYYY-MM-DD, when printed. */
  registeredOn: string | null
  language: ActLanguage
  /** Title as printed (normalised extraction artefacts only). */
  title: string
  kind: ActKind
  /** For an amendment: the act it amends (number as printed, date, registration when given). */
  amends: { number: string; date: string; registration: string | null } | null
  entryIntoForce: EntryIntoForce | null
  /** Exceptions to the entry into force stated by the act (e.g. one paragraph from 01.01.2022). */
  entryIntoForceExceptions: { paragraph: string; date: string }[]
  /** Date from which the act no longer applies, YYYY-MM-DD, when the text says so. */
  repealedOn: string | null
  /** The repealing act as printed, e.g. '№ 304 2018-07-03' or '№ 428/НҚ 2022-11-11'. */
  repealedBy: string | null
  /** Where each of the above was read. */
  lines: LineRange
}

/** One level of a tiered automation approach («1-деңгей: …», «2-уровень: …»). */
export interface AutomationLevel {
  level: number
  text: string
}

/**
 * Why a parsed row needs a person's eye. The parser never guesses silently: where the text does
 * not settle something it keeps its best reading and says so.
 */
export type RowFlag =
  /** The row number was glued to the text before it («ЕЛ МДҚ АЖ509»). */
  | 'number-glued'
  /** Part of the row's text was printed before its number (the row straddles a page break). */
  | 'text-before-number'
  /** The row's cells continue after a page break. */
  | 'split-by-page-break'
  /** The group / IS / approach were carried from a merged cell whose span the text cannot prove. */
  | 'merged-cell-span-uncertain'
  /** A block could not be assigned to a column with confidence. */
  | 'column-uncertain'

/** One row of Appendix 1 as read from an act (a base architecture or a restated row). */
export interface CatalogRowDraft {
  /** Section (administrative level): 1 oblast / city of republican significance / capital; 2 district / city of oblast significance; 3 district in a city, town, village, rural district. */
  section: number
  /** Number within the section, as printed. */
  number: number
  /** «Функционалдық мүмкіндік» / group of functional capabilities. */
  group: string | null
  /** «Функция»: the function or state service. */
  function: string
  /** Information systems as printed, one per item, qualifiers kept: 'ЭҮӨШ АЖ (1 қызмет)'. */
  systems: string[]
  /** «Автоматтандыру тәсілі / әдісі»: the whole approach text. */
  approach: string | null
  /** The approach split into levels when it is tiered; [] otherwise. */
  levels: AutomationLevel[]
  /** Information resources / registries, one per item. */
  resources: string[]
  /** Responsible structural unit (2018 layout), e.g. 'ЖҚӘББ', 'ОЗСП'. */
  unit: string | null
  language: ActLanguage
  lines: LineRange
  flags: RowFlag[]
}

/** A section of Appendix 1: number and title as printed. */
export interface SectionDraft {
  number: number
  title: string
  lines: LineRange
}

/**
 * An abbreviation and its expansion from an act's glossary. The same abbreviation can mean an
 * oblast administration («… басқармасы») and a district department («… бөлімі»): `level` keeps
 * which (1 oblast, 2 district), null when the entry is not tied to a level.
 */
export interface GlossaryEntryDraft {
  abbreviation: string
  expansion: string
  level: number | null
  /** Which glossary of the act: 'appendix-1' or 'appendix-2'. */
  list: string
  lines: LineRange
}

/** A target indicator of Appendix 2. */
export interface IndicatorDraft {
  /** Code as printed: '1.1.1', '2.10'. */
  code: string
  title: string
  /** Unit as printed: '%', 'Бірл.', 'Балдар'. */
  unit: string
  /** Top-level category code ('1' or '2'). */
  category: string
  /** Group code inside the category ('1.1' … '1.5'), null for category 2. */
  group: string | null
  lines: LineRange
}

/** What an amendment act does to the act it amends, instruction by instruction. */
export type AmendmentInstructionDraft =
  | {
      op: 'restate-section-title'
      section: number
      title: string
      lines: LineRange
      effectiveFrom?: string
    }
  | {
      op: 'delete-rows'
      section: number
      numbers: number[]
      lines: LineRange
      effectiveFrom?: string
    }
  | {
      op: 'restate-rows'
      section: number
      numbers: number[]
      rows: CatalogRowDraft[]
      lines: LineRange
      effectiveFrom?: string
    }
  | {
      op: 'replace-glossary'
      entries: GlossaryEntryDraft[]
      lines: LineRange
      effectiveFrom?: string
    }
  | {
      op: 'restate-glossary-line'
      /** The line being replaced, as quoted by the amendment. */
      previous: string
      entry: GlossaryEntryDraft
      lines: LineRange
      effectiveFrom?: string
    }
