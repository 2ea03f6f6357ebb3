/**
 * @module
 * Search over the catalogue: row versions, information systems, glossary entries and target
 * indicators, in Kazakh and Russian.
 *
 * - **Morphology**: every word is indexed and queried by its stem (Snowball Russian; our Kazakh
 *   suffix stripper), so «жүйелерінің» finds «жүйесі» and «информационных» finds «информационная».
 * - **Synonyms**: a row is indexed with every name of the systems it names: aliases, the same
 *   system in the other language («ЭҮП» ↔ «ПЭП») and the expansions from the acts' glossaries;
 *   an abbreviation in a query also searches for its expansions.
 * - **Typos**: a stem the index does not hold matches stems one edit away when it has seven
 *   letters or more, two edits away from twelve; a stem the index holds matches only itself.
 * - **Ranking**: BM25 (MiniSearch), the function text weighing most; all words must match, and
 *   when nothing matches all of them, any word may.
 * The index is built in memory from a loaded catalogue (a few hundred milliseconds) and kept
 * with it, so a search is a lookup, not a query.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch'
import type { CatalogRow, CatalogSnapshot, CatalogSystem } from '../catalog/index.js'
import { inForceOn } from '../catalog/index.js'
import { InputError } from '../core/index.js'
import {
  analyze,
  highlight,
  normalizeWord,
  queryStems,
  type Segment,
  snippet,
  type TextLanguage,
  tokenize,
} from './analysis.js'

export type SearchKind = 'row' | 'system' | 'glossary' | 'indicator'
export const SEARCH_KINDS: readonly SearchKind[] = ['row', 'system', 'glossary', 'indicator']

/** What a result refers to and the text shown for it. */
interface SearchDocument {
  id: string
  kind: SearchKind
  /** The act it was read from (for a system: the act whose glossary or rows first name it). */
  act: string | null
  section: number | null
  number: number | null
  /** Function text, system name, abbreviation — expansion, or indicator title. */
  title: string
  /** Further text shown under the title (the row's systems, the system's expansion …). */
  detail: string
  /** The rest of the indexed text, for a snippet when the match is there. */
  body: string
  language: TextLanguage
  validFrom: string | null
  validTo: string | null
  /** For a system: its id; for a row: the row id (`158:1.6`); for others: act and code. */
  ref: string
  /** Indexed text: stems, space-separated. */
  titleStems: string
  groupStems: string
  systemStems: string
  bodyStems: string
  synonymStems: string
}

const STORED = [
  'kind',
  'act',
  'section',
  'number',
  'title',
  'detail',
  'body',
  'language',
  'validFrom',
  'validTo',
  'ref',
] as const

/** One result, best first. */
export interface SearchHit {
  kind: SearchKind
  ref: string
  act: string | null
  section: number | null
  number: number | null
  function: string
  detail: string
  language: TextLanguage
  validFrom: string | null
  validTo: string | null
  score: number
  /**
   * The title and detail split into pieces, matched words marked, and when neither has a match,
   * a snippet of the other text around the first matched word (else empty).
   */
  highlights: { title: Segment[]; detail: Segment[]; snippet: Segment[] }
}

export interface SearchOptions {
  limit?: number
  /** Only what is in force on this day (YYYY-MM-DD); otherwise every version. */
  at?: string | null
  kinds?: SearchKind[]
  section?: number
  /** Answer from the response cache when the same search was made (default true). */
  cache?: boolean
}

/** How many recent responses each index keeps: people repeat searches, and links repeat them. */
const RESPONSE_CACHE_SIZE = 500

export interface SearchResponse {
  query: string
  total: number
  hits: SearchHit[]
  /** True when no result had every word, and these match some of them. */
  partial: boolean
}

const asLanguage = (language: string | null | undefined): TextLanguage =>
  language === 'ru' ? 'ru' : 'kk'

/** A query phrase and what else it may be written as: other names, or full names. */
interface Synonym {
  words: string[]
  alternatives: { text: string; language: TextLanguage; kind: 'name' | 'expansion' }[]
}

const FIELD_BOOST = {
  titleStems: 3,
  systemStems: 2,
  synonymStems: 1.5,
  groupStems: 1,
  bodyStems: 1,
}
/** A full name matched word by word counts a quarter of the name itself. */
const EXPANSION_BOOST = Object.fromEntries(
  Object.entries(FIELD_BOOST).map(([field, boost]) => [field, boost / 4]),
)
/** Longer full names are not searched word by word: their words are too common. */
const MAX_EXPANSION_WORDS = 6

export class CatalogSearch {
  readonly #index: MiniSearch<SearchDocument>
  readonly #synonyms: Synonym[]
  /** Recent responses by query and options, least recently used first (a Map keeps order). */
  readonly #responses = new Map<string, SearchResponse>()
  readonly documents: number

  constructor(snapshot: CatalogSnapshot) {
    const documents = buildDocuments(snapshot)
    this.documents = documents.length
    // Every stem in the index: a query stem found here is spelt right and matched exactly.
    const vocabulary = new Set<string>()
    for (const d of documents) {
      for (const field of [d.titleStems, d.groupStems, d.systemStems, d.bodyStems, d.synonymStems])
        for (const term of field.split(' ')) if (term) vocabulary.add(term)
    }
    this.#index = new MiniSearch<SearchDocument>({
      idField: 'id',
      fields: ['titleStems', 'groupStems', 'systemStems', 'bodyStems', 'synonymStems'],
      storeFields: [...STORED],
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
      searchOptions: {
        boost: FIELD_BOOST,
        fuzzy: (term) =>
          vocabulary.has(term) ? false : term.length >= 12 ? 2 : term.length >= 7 ? 1 : false,
        tokenize: (text) => text.split(' ').filter(Boolean),
        processTerm: (term) => term,
      },
    })
    this.#index.addAll(documents)
    this.#synonyms = buildSynonyms(snapshot)
  }

  /**
   * Searches. Responses are cached per index (so a new catalogue starts with an empty cache) and
   * shared between callers: treat them as read-only.
   */
  search(query: string, options: SearchOptions = {}): SearchResponse {
    const text = query.trim()
    if (!text) throw new InputError('Write what to search for')
    if (text.length > 200) throw new InputError('The query is too long (200 characters at most)')
    if (options.cache === false) return this.#search(text, options)
    const key = JSON.stringify([
      text,
      options.limit ?? null,
      options.at ?? null,
      options.kinds ?? null,
      options.section ?? null,
    ])
    const cached = this.#responses.get(key)
    if (cached) {
      this.#responses.delete(key)
      this.#responses.set(key, cached)
      return cached
    }
    const response = this.#search(text, options)
    this.#responses.set(key, response)
    if (this.#responses.size > RESPONSE_CACHE_SIZE) {
      this.#responses.delete(this.#responses.keys().next().value!)
    }
    return response
  }

  #search(text: string, options: SearchOptions): SearchResponse {
    const limit = options.limit ?? 20
    const groups = this.#queryGroups(text)
    if (groups.length === 0) return { query: text, total: 0, hits: [], partial: false }
    const filter = (r: SearchResult) =>
      (!options.kinds || options.kinds.includes(r.kind)) &&
      (options.section === undefined || r.section === options.section) &&
      (!options.at || inForceOn(options.at, r.validFrom, r.validTo))
    let partial = false
    let results = this.#index.search({ combineWith: 'AND', queries: groups }, { filter })
    if (results.length === 0 && groups.length > 1) {
      results = this.#index.search({ combineWith: 'OR', queries: groups }, { filter })
      partial = results.length > 0
    }
    // Equal scores: newer versions first, then catalogue order.
    results.sort(
      (a, b) =>
        b.score - a.score ||
        (b.validFrom ?? '').localeCompare(a.validFrom ?? '') ||
        String(a.id).localeCompare(String(b.id)),
    )
    const hits = results.slice(0, limit).map((r) => this.#hit(r))
    return { query: text, total: results.length, hits, partial }
  }

  /** For each word (or known phrase) of the query: the stems it may match, as an OR group. */
  #queryGroups(text: string): Query[] {
    const words = tokenize(text).map((t) => t.text)
    const normalized = words.map(normalizeWord)
    const groups: Query[] = []
    for (let i = 0; i < words.length; ) {
      const synonym = this.#synonyms
        .filter((s) => s.words.every((w, k) => normalized[i + k] === w))
        .sort((a, b) => b.words.length - a.words.length)[0]
      if (synonym) {
        const span = words.slice(i, i + synonym.words.length)
        const alternatives: Query[] = [phrase(span.map((w) => queryStems(w)))]
        for (const a of synonym.alternatives) {
          const stems = tokenize(a.text).map((t) => [analyze(t.text, a.language)])
          if (a.kind === 'name') {
            alternatives.push({ combineWith: 'AND', queries: [phrase(stems)], fuzzy: false })
          } else if (stems.length <= MAX_EXPANSION_WORDS) {
            // A full name spelt out in the text: all its words, weighing less than the name.
            alternatives.push({
              combineWith: 'AND',
              queries: [phrase(stems)],
              fuzzy: false,
              boost: EXPANSION_BOOST,
            })
          }
        }
        groups.push({ combineWith: 'OR', queries: alternatives })
        i += synonym.words.length
      } else {
        groups.push({ combineWith: 'OR', queries: queryStems(words[i]!) })
        i++
      }
    }
    return groups
  }

  #hit(r: SearchResult): SearchHit {
    const language = r.language as TextLanguage
    const matched = new Set(r.terms as string[])
    const title = highlight(r.title, language, matched)
    const detail = highlight(r.detail, language, matched)
    const shown = [...title, ...detail].some((segment) => segment.match)
    return {
      kind: r.kind,
      ref: r.ref,
      act: r.act,
      section: r.section,
      number: r.number,
      function: r.title,
      detail: r.detail,
      language,
      validFrom: r.validFrom,
      validTo: r.validTo,
      score: Math.round(r.score * 1000) / 1000,
      highlights: {
        title,
        detail,
        snippet: shown ? [] : snippet(highlight(r.body, language, matched)),
      },
    }
  }
}

/** All words of a phrase, each by any of its stems. */
function phrase(words: string[][]): Query {
  const parts: Query[] = words.map((stems) =>
    stems.length === 1 ? stems[0]! : { combineWith: 'OR', queries: stems },
  )
  return parts.length === 1 ? parts[0]! : { combineWith: 'AND', queries: parts }
}

const indexCache = new WeakMap<CatalogSnapshot, CatalogSearch>()

/** The search index of a loaded catalogue, built on first use and kept with it. */
export function searchIndexFor(snapshot: CatalogSnapshot): CatalogSearch {
  let index = indexCache.get(snapshot)
  if (!index) {
    index = new CatalogSearch(snapshot)
    indexCache.set(snapshot, index)
  }
  return index
}

/** Every name of a system and of its pair, and the glossaries' expansions of them. */
function systemNames(snapshot: CatalogSnapshot, system: CatalogSystem) {
  const pair = system.pair ? snapshot.systemById.get(system.pair) : undefined
  const names: { text: string; language: TextLanguage }[] = []
  for (const s of [system, pair]) {
    if (!s) continue
    for (const name of [s.name, ...s.aliases])
      names.push({ text: name, language: asLanguage(s.language) })
  }
  const plain = (n: string) => n.replace(/["«»]/g, '').replace(/\s+/g, ' ').trim()
  const wanted = new Set(names.map((n) => plain(n.text)))
  const expansions: { text: string; language: TextLanguage }[] = []
  for (const s of [system, pair]) {
    if (s?.expansion) expansions.push({ text: s.expansion, language: asLanguage(s.language) })
  }
  for (const g of snapshot.glossary) {
    if (wanted.has(plain(g.abbreviation)) && !expansions.some((e) => e.text === g.expansion)) {
      expansions.push({ text: g.expansion, language: asLanguage(g.language) })
    }
  }
  return { names, expansions }
}

function buildDocuments(snapshot: CatalogSnapshot): SearchDocument[] {
  const documents: SearchDocument[] = []
  const namesOf = new Map(snapshot.systems.map((s) => [s.id, systemNames(snapshot, s)]))
  const stemsOf = (items: { text: string; language: TextLanguage }[]) =>
    items.map((i) => analyze(i.text, i.language)).join(' ')

  const firstActOf = new Map<string, string>()
  for (const row of snapshot.rows as CatalogRow[]) {
    for (const id of row.systemIds) if (!firstActOf.has(id)) firstActOf.set(id, row.act)
    if (row.status) continue
    const language = asLanguage(row.language)
    const synonyms = row.systemIds.flatMap((id) => {
      const n = namesOf.get(id)
      return n ? [...n.names, ...n.expansions] : []
    })
    documents.push({
      id: `row:${row.id}`,
      kind: 'row',
      act: row.act,
      section: row.section,
      number: row.number,
      title: row.function,
      detail: row.systems.join('; '),
      body: [
        row.approach ?? '',
        ...row.levels.map((l) => `${l.level}: ${l.text}`),
        ...row.resources,
        row.unit ?? '',
        row.group ?? '',
      ]
        .filter(Boolean)
        .join(' · '),
      language,
      validFrom: row.validFrom,
      validTo: row.validTo,
      ref: row.id,
      titleStems: analyze(row.function, language),
      groupStems: analyze(row.group ?? '', language),
      systemStems: analyze(row.systems.join(' '), language),
      bodyStems: analyze(
        [
          row.approach ?? '',
          ...row.levels.map((l) => l.text),
          ...row.resources,
          row.unit ?? '',
        ].join(' '),
        language,
      ),
      synonymStems: stemsOf(synonyms),
    })
  }

  for (const system of snapshot.systems) {
    const { names, expansions } = namesOf.get(system.id)!
    const own = [system.name, ...system.aliases]
    const definedIn =
      snapshot.glossary.find((g) => own.includes(g.abbreviation)) ??
      snapshot.glossary.find((g) => names.some((n) => n.text === g.abbreviation))
    const validity = systemValidity(snapshot, system.id)
    documents.push({
      id: `system:${system.id}`,
      kind: 'system',
      act: definedIn?.act ?? firstActOf.get(system.id) ?? null,
      section: null,
      number: null,
      title: system.name,
      detail: expansions.map((e) => e.text).join('; '),
      body: names.map((n) => n.text).join(' · '),
      language: asLanguage(system.language),
      validFrom: validity.from,
      validTo: validity.to,
      ref: system.id,
      titleStems: analyze(system.name, asLanguage(system.language)),
      groupStems: '',
      systemStems: stemsOf(names),
      bodyStems: stemsOf(expansions),
      synonymStems: '',
    })
  }

  snapshot.glossary.forEach((entry, i) => {
    const language = asLanguage(entry.language)
    const act = snapshot.acts.find((a) => a.id === entry.act)
    documents.push({
      id: `glossary:${entry.act}:${i}`,
      kind: 'glossary',
      act: entry.act,
      section: entry.level,
      number: null,
      title: entry.abbreviation,
      detail: entry.expansion,
      body: '',
      language,
      validFrom: act?.effectiveFrom ?? null,
      validTo: act?.repealedOn ?? null,
      ref: `${entry.act}:${i}`,
      titleStems: analyze(entry.abbreviation, language),
      groupStems: '',
      systemStems: '',
      bodyStems: analyze(entry.expansion, language),
      synonymStems: '',
    })
  })

  for (const indicator of snapshot.indicators) {
    const act = snapshot.acts.find((a) => a.id === indicator.act)
    const language = asLanguage(act?.language)
    documents.push({
      id: `indicator:${indicator.act}:${indicator.code}`,
      kind: 'indicator',
      act: indicator.act,
      section: null,
      number: null,
      title: `${indicator.code} ${indicator.title}`,
      detail: indicator.unit,
      body: '',
      language,
      validFrom: act?.effectiveFrom ?? null,
      validTo: act?.repealedOn ?? null,
      ref: `${indicator.act}:${indicator.code}`,
      titleStems: analyze(indicator.title, language),
      groupStems: '',
      systemStems: '',
      bodyStems: '',
      synonymStems: '',
    })
  }
  return documents
}

/** A system is "in force" while any row naming it is. */
function systemValidity(snapshot: CatalogSnapshot, id: string) {
  const rows = snapshot.rows.filter((r) => !r.status && r.systemIds.includes(id))
  if (rows.length === 0) return { from: null, to: null }
  const froms = rows.map((r) => r.validFrom)
  const tos = rows.map((r) => r.validTo)
  return {
    from: froms.includes(null) ? null : (froms as string[]).sort()[0]!,
    to: tos.includes(null) ? null : (tos as string[]).sort().at(-1)!,
  }
}

/** Abbreviations (from glossaries and system names) and what else they are written as. */
function buildSynonyms(snapshot: CatalogSnapshot): Synonym[] {
  const byKey = new Map<string, Synonym>()
  const add = (name: string, alternatives: Synonym['alternatives']) => {
    const words = tokenize(name).map((t) => normalizeWord(t.text))
    if (words.length === 0) return
    const key = words.join(' ')
    const entry = byKey.get(key) ?? { words, alternatives: [] }
    for (const a of alternatives) {
      if (a.text !== name && !entry.alternatives.some((x) => x.text === a.text))
        entry.alternatives.push(a)
    }
    byKey.set(key, entry)
  }
  for (const system of snapshot.systems) {
    const { names, expansions } = systemNames(snapshot, system)
    for (const name of names) {
      add(name.text, [
        ...names.map((n) => ({ ...n, kind: 'name' as const })),
        ...expansions.map((e) => ({ ...e, kind: 'expansion' as const })),
      ])
    }
  }
  for (const g of snapshot.glossary) {
    add(g.abbreviation, [
      { text: g.expansion, language: asLanguage(g.language), kind: 'expansion' },
    ])
  }
  return [...byKey.values()].filter((s) => s.alternatives.length > 0)
}
