/**
 * @module
 * Text analysis for search: splitting text into words, normalising them, and reducing each to a
 * stem with the stemmer of its language: Snowball for Russian, our suffix stripper for Kazakh.
 * The same functions serve the index and the query, and the highlighter finds the matched words
 * in the original text by stemming it again.
 */
import snowball from 'snowball-stemmers'
import { stemKazakh } from './kazakh-stemmer.js'

export type TextLanguage = 'kk' | 'ru'

const russian = snowball.newStemmer('russian')

/** A word and where it stands in the text it came from. */
export interface Token {
  /** As printed. */
  text: string
  start: number
  end: number
}

/** Letters and digits; words joined by a hyphen split in two («ақпараттық-құқықтық»). */
const WORD = /[\p{L}\p{N}]+/gu

/** The words of a text with their positions. */
export function tokenize(text: string): Token[] {
  return [...text.normalize('NFC').matchAll(WORD)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }))
}

/** Lower case, «ё» as «е», Latin look-alikes in Cyrillic words as Cyrillic. */
export function normalizeWord(word: string): string {
  const lower = word.normalize('NFC').toLocaleLowerCase('kk').replace(/ё/g, 'е')
  // Scanned acts mix Latin letters into Cyrillic words («AЖ» with a Latin A).
  return /[\u0400-\u04ff]/.test(lower)
    ? lower.replace(/[aeopcxyki]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c)
    : lower
}

const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  k: 'к',
  i: 'і',
}

/** Letters only Kazakh uses: a word with one of them is Kazakh whatever the document says. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/u

/** An abbreviation as printed: two or more letters, all capitals («ЭҮП», «АЖ», «ЖАО»). */
export const isAbbreviation = (word: string): boolean =>
  word.length >= 2 &&
  word.length <= 8 &&
  word === word.toLocaleUpperCase('kk') &&
  /\p{Lu}/u.test(word)

/** Stems already computed, per language and word as printed: the acts repeat their words. */
const stemCache = new Map<string, string>()
const STEM_CACHE_LIMIT = 200_000

/** The stem of one printed word in a text of the given language. */
export function stem(word: string, language: TextLanguage): string {
  const key = `${language}:${word}`
  let result = stemCache.get(key)
  if (result === undefined) {
    result = computeStem(word, language)
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear()
    stemCache.set(key, result)
  }
  return result
}

function computeStem(word: string, language: TextLanguage): string {
  const normalized = normalizeWord(word)
  if (isAbbreviation(word) || /\d/.test(normalized) || normalized.length < 3) return normalized
  if (language === 'kk' || KAZAKH_LETTERS.test(normalized)) return stemKazakh(normalized)
  return russian.stem(normalized)
}

/**
 * The stems a word of a query may stand for. A query has no language, and many words are
 * spelt the same in both («жүйе» is Kazakh, «система» Russian, «бюджет» both): try both stemmers.
 */
export function queryStems(word: string): string[] {
  const normalized = normalizeWord(word)
  if (isAbbreviation(word) || /\d/.test(normalized) || normalized.length < 3) return [normalized]
  const stems = new Set([stem(word, 'kk'), stem(word, 'ru')])
  return [...stems]
}

/** The text as a space-separated list of stems: what the index stores. */
export function analyze(text: string, language: TextLanguage): string {
  return tokenize(text)
    .map((t) => stem(t.text, language))
    .join(' ')
}

/** A piece of text for display: matched words are marked. */
export interface Segment {
  text: string
  match: boolean
}

/** A word of a text with its stem. */
export interface StemmedToken extends Token {
  stem: string
}

/** The words of a text (NFC) with their stems: what highlighting needs, computed once. */
export function stemTokens(text: string, language: TextLanguage): StemmedToken[] {
  return tokenize(text).map((t) => ({ ...t, stem: stem(t.text, language) }))
}

/**
 * Splits a text into segments, marking the words whose stem is one of `stems`; the pieces joined
 * give the text back exactly (in NFC). `tokens` are the stemmed words of the text when already
 * known (then the text must already be NFC, as the search index stores it).
 */
export function highlight(
  text: string,
  language: TextLanguage,
  stems: ReadonlySet<string>,
  tokens?: StemmedToken[],
): Segment[] {
  const source = tokens ? text : text.normalize('NFC')
  tokens ??= stemTokens(source, language)
  const segments: Segment[] = []
  let position = 0
  for (const token of tokens) {
    if (!stems.has(token.stem)) continue
    if (token.start > position)
      segments.push({ text: source.slice(position, token.start), match: false })
    segments.push({ text: source.slice(token.start, token.end), match: true })
    position = token.end
  }
  if (position < source.length) segments.push({ text: source.slice(position), match: false })
  return segments
}

/**
 * The part of a highlighted text around its first match, about `radius` characters either side,
 * cut at word boundaries and marked with «…» where text was left out; empty when nothing matched.
 */
export function snippet(segments: Segment[], radius = 90): Segment[] {
  const first = segments.findIndex((s) => s.match)
  if (first < 0) return []
  const result: Segment[] = [segments[first]!]
  let before = radius
  for (let i = first - 1; i >= 0 && before > 0; i--) {
    const text = segments[i]!.text
    if (text.length <= before) {
      result.unshift(segments[i]!)
      before -= text.length
    } else {
      const cut = text.slice(text.length - before)
      result.unshift({ text: `…${cut.replace(/^\S*\s/u, '')}`, match: false })
      before = 0
    }
  }
  let after = radius
  for (let i = first + 1; i < segments.length && after > 0; i++) {
    const text = segments[i]!.text
    if (text.length <= after) {
      result.push(segments[i]!)
      after -= text.length
    } else {
      result.push({ text: `${text.slice(0, after).replace(/\s\S*$/u, '')}…`, match: false })
      after = 0
    }
  }
  return result
}
