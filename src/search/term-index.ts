/**
 * @module
 * The inverted index under the search: for every stem, the documents that hold it with a
 * precomputed BM25 weight (summed over the fields, each with its boost). The catalogue does not
 * change between reloads, so everything that does not depend on the query is computed once, and
 * a search only adds up a few precomputed posting lists: a fraction of a millisecond where a
 * general-purpose engine scores every field of every matching document again.
 *
 * Misspelt stems are looked up in MiniSearch's radix tree (`SearchableMap.fuzzyGet`), and the
 * postings of each stem (with its typo expansions) are kept after first use.
 */
import SearchableMap from 'minisearch/SearchableMap'

/** BM25+ parameters, as MiniSearch uses them. */
const K = 1.2
const B = 0.7
const D = 0.5
/** A stem reached through a typo weighs this share of an exact one (MiniSearch's default). */
const FUZZY_WEIGHT = 0.45

/** Documents that hold a term, and how much the term weighs in each. */
export type Postings = Map<number, number>

/** One word of a query: any of its stems; `fuzzy` when a misspelling may be meant. */
export interface QueryWord {
  stems: string[]
  fuzzy: boolean
}

/** A way of writing a query's word or phrase: all its words must be there. */
export interface QueryAlternative {
  words: QueryWord[]
  /** Multiplies the score (another name or a full name counts less than what was typed). */
  weight: number
}

/** One word or phrase of a query: any alternative may match. */
export type QueryGroup = QueryAlternative[]

/** A document's indexed fields: each a list of stems, with the field's boost. */
export interface IndexedFields {
  [field: string]: string[]
}

export class TermIndex {
  readonly #postings = new Map<string, Postings>()
  readonly #vocabulary = new SearchableMap<true>()
  /** Every stem each document holds, to tell which query stems matched it. */
  readonly #documentTerms: Set<string>[] = []
  readonly #expanded = new Map<string, { postings: Postings; terms: string[] }>()
  #arrays:
    | {
        group: Float64Array
        total: Float64Array
        groupsMatched: Int32Array
        score: Float64Array
        wordsMatched: Int32Array
        lastWord: Int32Array
      }
    | undefined

  constructor(documents: IndexedFields[], boosts: Record<string, number>) {
    const fields = Object.keys(boosts)
    const count = documents.length
    for (const field of fields) {
      const lengths = documents.map((d) => d[field]?.length ?? 0)
      const average = lengths.reduce((n, l) => n + l, 0) / Math.max(1, count) || 1
      // Term frequencies per document, and in how many documents each term occurs.
      const frequencies = documents.map((d) => {
        const tf = new Map<string, number>()
        for (const term of d[field] ?? []) tf.set(term, (tf.get(term) ?? 0) + 1)
        return tf
      })
      const documentFrequency = new Map<string, number>()
      for (const tf of frequencies) {
        for (const term of tf.keys())
          documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
      }
      frequencies.forEach((tf, doc) => {
        const norm = K * (1 - B + (B * lengths[doc]!) / average)
        for (const [term, f] of tf) {
          const n = documentFrequency.get(term)!
          const idf = Math.log(1 + (count - n + 0.5) / (n + 0.5))
          const weight = boosts[field]! * idf * (D + (f * (K + 1)) / (f + norm))
          let postings = this.#postings.get(term)
          if (!postings) {
            postings = new Map()
            this.#postings.set(term, postings)
            this.#vocabulary.set(term, true)
          }
          postings.set(doc, (postings.get(doc) ?? 0) + weight)
        }
      })
    }
    documents.forEach((d, doc) => {
      this.#documentTerms[doc] = new Set(fields.flatMap((f) => d[f] ?? []))
    })
  }

  /** True when some document holds the stem. */
  has(term: string): boolean {
    return this.#postings.has(term)
  }

  /** Which of `terms` the document holds. */
  matchedTerms(doc: number, terms: Iterable<string>): Set<string> {
    const own = this.#documentTerms[doc]!
    return new Set([...terms].filter((t) => own.has(t)))
  }

  /**
   * The documents holding a stem; a stem no document holds, when `fuzzy`, reaches the stems one
   * edit away (seven letters or more) or two (twelve or more), at a lower weight.
   */
  term(stem: string, fuzzy: boolean): { postings: Postings; terms: string[] } {
    const exact = this.#postings.get(stem)
    if (exact || !fuzzy) return { postings: exact ?? new Map(), terms: exact ? [stem] : [] }
    const key = `~${stem}`
    let expanded = this.#expanded.get(key)
    if (!expanded) {
      const distance = stem.length >= 12 ? 2 : stem.length >= 7 ? 1 : 0
      const postings: Postings = new Map()
      const terms: string[] = []
      if (distance > 0) {
        for (const [term, [, edits]] of this.#vocabulary.fuzzyGet(stem, distance)) {
          const factor = (FUZZY_WEIGHT * stem.length) / (stem.length + edits)
          terms.push(term)
          for (const [doc, weight] of this.#postings.get(term)!) {
            postings.set(doc, (postings.get(doc) ?? 0) + weight * factor)
          }
        }
      }
      expanded = { postings, terms }
      // Typo expansions depend only on the index: keep them (bounded) for the next query.
      if (this.#expanded.size > 10_000) this.#expanded.clear()
      this.#expanded.set(key, expanded)
    }
    return expanded
  }

  /**
   * Scores the documents: with `all`, those matching every group (summing what matched);
   * otherwise those matching any. `accept` (when given) filters documents before anything is
   * summed. Returns the matching documents with their scores, and every stem that took part
   * (for highlighting).
   *
   * Scores are added up in arrays as long as the index (a few thousand documents), reused from
   * one search to the next and cleared where they were written: this is the inner loop of every
   * search. Searches are synchronous, so one set of arrays serves them all.
   */
  evaluate(groups: QueryGroup[], all: boolean, accept?: (doc: number) => boolean) {
    const size = this.#documentTerms.length
    let allowed: Uint8Array | undefined
    if (accept) {
      allowed = new Uint8Array(size)
      for (let doc = 0; doc < size; doc++) allowed[doc] = accept(doc) ? 1 : 0
    }
    const used = new Set<string>()
    const { group, total, groupsMatched } = this.#scratch
    const touched: number[] = []
    for (const alternatives of groups) {
      const inGroup: number[] = []
      for (const alternative of alternatives) {
        for (const [doc, score] of this.#phrase(alternative.words, used, allowed)) {
          if (group[doc] === 0) inGroup.push(doc)
          group[doc]! += score * alternative.weight
        }
      }
      for (const doc of inGroup) {
        if (groupsMatched[doc] === 0) touched.push(doc)
        groupsMatched[doc]!++
        total[doc]! += group[doc]!
        group[doc] = 0
      }
    }
    const scores: [doc: number, score: number][] = []
    for (const doc of touched) {
      if (!all || groupsMatched[doc] === groups.length) scores.push([doc, total[doc]!])
      total[doc] = 0
      groupsMatched[doc] = 0
    }
    return { scores, terms: used }
  }

  /** Documents holding every word of a phrase (each word by any of its stems), with scores. */
  #phrase(words: QueryWord[], used: Set<string>, allowed?: Uint8Array): [number, number][] {
    const { score, wordsMatched, lastWord } = this.#scratch
    const touched: number[] = []
    words.forEach((word, w) => {
      // A word is misspelt only when none of its stems (Kazakh or Russian reading) is known.
      const fuzzy = word.fuzzy && !word.stems.some((stem) => this.#postings.has(stem))
      for (const stem of new Set(word.stems)) {
        const { postings, terms } = this.term(stem, fuzzy)
        for (const t of terms) used.add(t)
        for (const [doc, weight] of postings) {
          if (allowed && allowed[doc] === 0) continue
          if (lastWord[doc] !== w + 1) {
            if (lastWord[doc] === 0) touched.push(doc)
            lastWord[doc] = w + 1
            wordsMatched[doc]!++
          }
          score[doc]! += weight
        }
      }
    })
    const result: [number, number][] = []
    for (const doc of touched) {
      if (wordsMatched[doc] === words.length) result.push([doc, score[doc]!])
      score[doc] = 0
      wordsMatched[doc] = 0
      lastWord[doc] = 0
    }
    return result
  }

  /** Work arrays, one slot per document, all zero between searches. */
  get #scratch() {
    const size = this.#documentTerms.length
    this.#arrays ??= {
      group: new Float64Array(size),
      total: new Float64Array(size),
      groupsMatched: new Int32Array(size),
      score: new Float64Array(size),
      wordsMatched: new Int32Array(size),
      lastWord: new Int32Array(size),
    }
    return this.#arrays
  }
}
