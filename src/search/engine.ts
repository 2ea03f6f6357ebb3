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
 * - **Ranking**: BM25 with per-field boosts, the function text weighing most (`term-index.ts`);
 *   all words must match, and when nothing matches all of them, any word may; what was typed
 *   weighs more than its other names, which weigh more than full names spelt out.
 * The index is built in memory from a loaded catalogue (a few hundred milliseconds) and kept
 * with it, so a search is a lookup, not a query.
 */
import type { CatalogRow, CatalogSnapshot, CatalogSystem } from '../catalog/index.js'
import { inForceOn } from '../catalog/index.js'
import { InputError } from '../core/index.js'
import {
  analyze,
  highlight,
  normalizeWord,
  queryStems,
  type Segment,
  type StemmedToken,
  snippet,
  stemTokens,
  type TextLanguage,
  tokenize,
} from './analysis.js'
import { type QueryAlternative, type QueryGroup, TermIndex } from './term-index.js'

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
  /** For a row: the systems it names (to show a match found through their other names). */
  systemIds: string[]
  /** Indexed text: stems, space-separated. */
  titleStems: string
  groupStems: string
  systemStems: string
  bodyStems: string
  synonymStems: string
}

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

/** A way of writing a phrase: another name, or the full name. */
interface SynonymText {
  text: string
  language: TextLanguage
  kind: 'name' | 'expansion'
}

/** A query phrase (normalised words) and what else it may be written as, ready to search. */
interface Synonym {
  words: string[]
  alternatives: QueryAlternative[]
}

const FIELD_BOOST = {
  titleStems: 3,
  systemStems: 2,
  synonymStems: 1.5,
  groupStems: 1,
  bodyStems: 1,
}
const FIELDS = Object.keys(FIELD_BOOST) as (keyof typeof FIELD_BOOST)[]
/** Another name of what was typed (the pair in the other language) counts a little less. */
const NAME_WEIGHT = 0.8
/** A full name matched word by word counts a quarter of the name itself. */
const EXPANSION_WEIGHT = 0.25
/** Longer full names are not searched word by word: their words are too common. */
const MAX_EXPANSION_WORDS = 6
/** Responses with more hits than this are not kept (they are large and rarely asked again). */
const CACHED_HITS_LIMIT = 50

export class CatalogSearch {
  readonly #documents: SearchDocument[]
  readonly #index: TermIndex
  /** Synonyms by their first word, longest phrase first. */
  readonly #synonyms: Map<string, Synonym[]>
  /** Each system's names and full name as one line, to show why a row matched through them. */
  readonly #systemLines: Map<
    string,
    { text: string; language: TextLanguage; tokens: StemmedToken[] }
  >
  /** Recent responses by query and options, least recently used first (a Map keeps order). */
  readonly #responses = new Map<string, SearchResponse>()
  /** Each document's place among equal scores: newer versions first, then catalogue order. */
  readonly #tieOrder: Int32Array
  /** The stemmed words of each document's title and detail, computed at its first highlight. */
  readonly #shownTokens: {
    title: StemmedToken[]
    detail: StemmedToken[]
    body?: StemmedToken[]
  }[] = []
  readonly documents: number

  constructor(snapshot: CatalogSnapshot) {
    this.#documents = buildDocuments(snapshot)
    this.documents = this.#documents.length
    const byTie = this.#documents
      .map((d, doc) => ({ d, doc }))
      .sort(
        (a, b) =>
          (b.d.validFrom ?? '').localeCompare(a.d.validFrom ?? '') || a.d.id.localeCompare(b.d.id),
      )
    this.#tieOrder = new Int32Array(this.documents)
    byTie.forEach(({ doc }, place) => {
      this.#tieOrder[doc] = place
    })
    this.#index = new TermIndex(
      this.#documents.map((d) =>
        Object.fromEntries(FIELDS.map((f) => [f, d[f].split(' ').filter(Boolean)])),
      ),
      FIELD_BOOST,
    )
    this.#synonyms = buildSynonyms(snapshot)
    this.#systemLines = new Map(
      snapshot.systems.map((system) => {
        const { names, expansions } = systemNames(snapshot, system)
        const text = [...new Set(names.map((n) => n.text))].join(' = ')
        const full = expansions[0] ? ` — ${expansions[0].text}` : ''
        const line = `${text}${full}`.normalize('NFC')
        const language = asLanguage(system.language)
        return [system.id, { text: line, language, tokens: stemTokens(line, language) }]
      }),
    )
  }

  /**
   * Searches. Responses are cached per index (so a new catalogue starts with an empty cache) and
   * shared between callers: treat them as read-only.
   */
  search(query: string, options: SearchOptions = {}): SearchResponse {
    const text = query.trim()
    if (!text) throw new InputError('Write what to search for')
    if (text.length > 200) throw new InputError('The query is too long (200 characters at most)')
    const limit = options.limit ?? 20
    if (options.cache === false || limit > CACHED_HITS_LIMIT) return this.#search(text, options)
    const key = JSON.stringify([
      text,
      limit,
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
    const documents = this.#documents
    const filtered = options.kinds || options.section !== undefined || options.at
    const accept = filtered
      ? (doc: number) => {
          const d = documents[doc]!
          return (
            (!options.kinds || options.kinds.includes(d.kind)) &&
            (options.section === undefined || d.section === options.section) &&
            (!options.at || inForceOn(options.at, d.validFrom, d.validTo))
          )
        }
      : undefined
    let partial = false
    let result = this.#index.evaluate(groups, true, accept)
    if (result.scores.length === 0 && groups.length > 1) {
      result = this.#index.evaluate(groups, false, accept)
      partial = result.scores.length > 0
    }
    const best = topResults(result.scores, limit, this.#tieOrder)
    const hits = best.map(([doc, score]) =>
      this.#hit(doc, score, this.#index.matchedTerms(doc, result.terms)),
    )
    return { query: text, total: result.scores.length, hits, partial }
  }

  /** For each word (or known phrase) of the query: what it may match, as a group. */
  #queryGroups(text: string): QueryGroup[] {
    const words = tokenize(text).map((t) => t.text)
    const normalized = words.map(normalizeWord)
    const typed = (word: string) => ({ stems: queryStems(word), fuzzy: true })
    const groups: QueryGroup[] = []
    for (let i = 0; i < words.length; ) {
      const synonym = this.#synonyms
        .get(normalized[i]!)
        ?.find((candidate) => candidate.words.every((w, k) => normalized[i + k] === w))
      if (synonym) {
        const span = words.slice(i, i + synonym.words.length)
        const alternatives: QueryAlternative[] = [
          { words: span.map(typed), weight: 1 },
          ...synonym.alternatives,
        ]
        groups.push(alternatives)
        i += synonym.words.length
      } else {
        groups.push([{ words: [typed(words[i]!)], weight: 1 }])
        i++
      }
    }
    return groups
  }

  #hit(doc: number, score: number, matched: Set<string>): SearchHit {
    const d = this.#documents[doc]!
    const language = d.language
    this.#shownTokens[doc] ??= {
      title: stemTokens(d.title, language),
      detail: stemTokens(d.detail, language),
    }
    const tokens = this.#shownTokens[doc]
    const title = highlight(d.title, language, matched, tokens.title)
    const detail = highlight(d.detail, language, matched, tokens.detail)
    const shown = [...title, ...detail].some((segment) => segment.match)
    let context: Segment[] = []
    if (!shown) {
      tokens.body ??= stemTokens(d.body, language)
      context = snippet(highlight(d.body, language, matched, tokens.body))
      // Found through another name of a system the row names: show that name.
      for (const id of context.length ? [] : d.systemIds) {
        const line = this.#systemLines.get(id)
        const marked = line ? highlight(line.text, line.language, matched, line.tokens) : []
        if (marked.some((segment) => segment.match)) {
          context = marked
          break
        }
      }
    }
    return {
      kind: d.kind,
      ref: d.ref,
      act: d.act,
      section: d.section,
      number: d.number,
      function: d.title,
      detail: d.detail,
      language,
      validFrom: d.validFrom,
      validTo: d.validTo,
      score: Math.round(score * 1000) / 1000,
      highlights: { title, detail, snippet: context },
    }
  }
}

/**
 * The `limit` best of the scored documents, best first; equal scores in `tieOrder` (newer
 * versions first, then catalogue order). Keeps a short sorted list instead of sorting them all:
 * a common word matches a thousand rows, and a page shows twenty.
 */
export function topResults(
  scored: [doc: number, score: number][],
  limit: number,
  tieOrder: ArrayLike<number>,
): [number, number][] {
  const before = (a: [number, number], b: [number, number]) =>
    b[1] - a[1] || tieOrder[a[0]]! - tieOrder[b[0]]!
  if (scored.length <= limit * 4) return scored.sort(before).slice(0, limit)
  const top: [number, number][] = []
  for (const entry of scored) {
    if (top.length === limit && before(entry, top[limit - 1]!) >= 0) continue
    let i = top.length
    while (i > 0 && before(entry, top[i - 1]!) < 0) i--
    top.splice(i, 0, entry)
    if (top.length > limit) top.pop()
  }
  return top
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

/** The documents to index; the texts shown (title, detail, body) in NFC, as highlighting expects. */
function buildDocuments(snapshot: CatalogSnapshot): SearchDocument[] {
  return collectDocuments(snapshot).map((d) => ({
    ...d,
    title: d.title.normalize('NFC'),
    detail: d.detail.normalize('NFC'),
    body: d.body.normalize('NFC'),
  }))
}

function collectDocuments(snapshot: CatalogSnapshot): SearchDocument[] {
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
      systemIds: row.systemIds,
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
    // The act that defines the name in its glossary, else the first act whose rows print it,
    // else the act that defines its pair.
    const definedIn = snapshot.glossary.find((g) => own.includes(g.abbreviation))
    const pairDefinedIn = snapshot.glossary.find((g) =>
      names.some((n) => n.text === g.abbreviation),
    )
    const validity = systemValidity(snapshot, system.id)
    documents.push({
      id: `system:${system.id}`,
      kind: 'system',
      act: definedIn?.act ?? firstActOf.get(system.id) ?? pairDefinedIn?.act ?? null,
      section: null,
      number: null,
      title: system.name,
      detail: expansions.map((e) => e.text).join('; '),
      body: names.map((n) => n.text).join(' · '),
      language: asLanguage(system.language),
      validFrom: validity.from,
      validTo: validity.to,
      ref: system.id,
      systemIds: [],
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
      systemIds: [],
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
      systemIds: [],
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
function buildSynonyms(snapshot: CatalogSnapshot): Map<string, Synonym[]> {
  const byKey = new Map<string, { words: string[]; texts: SynonymText[] }>()
  const add = (name: string, alternatives: SynonymText[]) => {
    const words = tokenize(name).map((t) => normalizeWord(t.text))
    if (words.length === 0) return
    const key = words.join(' ')
    const entry = byKey.get(key) ?? { words, texts: [] }
    for (const a of alternatives) {
      if (a.text !== name && !entry.texts.some((x) => x.text === a.text)) entry.texts.push(a)
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
  const byFirstWord = new Map<string, Synonym[]>()
  for (const { words, texts } of byKey.values()) {
    const alternatives: QueryAlternative[] = []
    for (const a of texts) {
      const stems = tokenize(a.text).map((t) => ({
        stems: [analyze(t.text, a.language)],
        fuzzy: false,
      }))
      if (a.kind === 'name') alternatives.push({ words: stems, weight: NAME_WEIGHT })
      // A full name spelt out in the text: all its words, weighing less than the name.
      else if (stems.length <= MAX_EXPANSION_WORDS)
        alternatives.push({ words: stems, weight: EXPANSION_WEIGHT })
    }
    if (alternatives.length === 0) continue
    const list = byFirstWord.get(words[0]!) ?? []
    list.push({ words, alternatives })
    byFirstWord.set(words[0]!, list)
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length)
  return byFirstWord
}
