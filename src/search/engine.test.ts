import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, useTestDatabase } from '../../test/support/database.js'
import {
  type CatalogSnapshot,
  importBundledActs,
  inForceOn,
  loadCatalogSnapshot,
} from '../catalog/index.js'
import { InputError } from '../core/index.js'
import { normalizeWord, snippet, stem, tokenize } from './analysis.js'
import { type CatalogSearch, searchIndexFor } from './engine.js'

describe.each(BACKENDS)('catalogue search [%s]', (backend) => {
  const handle = useTestDatabase(backend)
  let snapshot: CatalogSnapshot
  let search: CatalogSearch

  beforeAll(async () => {
    await importBundledActs(handle().db)
    snapshot = await loadCatalogSnapshot(handle().db)
    search = searchIndexFor(snapshot)
  })

  /** Every word printed anywhere in the catalogue, lower case. */
  const printedWords = () => {
    const words = new Set<string>()
    const add = (text: string | null) => {
      for (const t of tokenize(text ?? '')) words.add(normalizeWord(t.text))
    }
    for (const r of snapshot.rows) {
      for (const text of [r.function, r.group, r.approach, r.unit, ...r.systems, ...r.resources])
        add(text)
      for (const l of r.levels) add(l.text)
    }
    for (const g of snapshot.glossary) add(`${g.abbreviation} ${g.expansion}`)
    for (const i of snapshot.indicators) add(i.title)
    return words
  }

  const rowText = (id: string) => {
    const r = snapshot.rowById.get(id)!
    return [r.function, r.group, r.approach, ...r.systems, ...r.resources, r.unit]
      .concat(r.levels.map((l) => l.text))
      .join(' ')
  }

  it.each([
    ['өтініштеріне', 'kk', 'өтініш'],
    ['тіркеулерді', 'kk', 'тірке'],
    ['мекенжайлардың', 'kk', 'мекенжай'],
    ['безработными', 'ru', 'безработн'],
    ['инвалидностями', 'ru', 'инвалидн'],
  ] as const)(
    'finds rows with another form of «%s» (%s), which the acts never print',
    (query, language, stemmed) => {
      expect(printedWords().has(query)).toBe(false)
      expect(stem(query, language)).toBe(stemmed)
      const formsIn = (id: string) =>
        tokenize(rowText(id))
          .map((t) => t.text)
          .filter((w) => stem(w, language) === stemmed)
      const response = search.search(query, { limit: 2000, kinds: ['row'] })
      const found = new Set(response.hits.map((h) => h.ref))
      // Every row of the query's language that prints a form of the word is found …
      const holding = snapshot.rows.filter(
        (r) => !r.status && r.language === language && formsIn(r.id).length > 0,
      )
      expect(holding.length).toBeGreaterThan(0)
      for (const row of holding) expect(found.has(row.id), row.id).toBe(true)
      // … none of them in the query's exact form, and those rows come first.
      for (const row of holding) expect(formsIn(row.id).map(normalizeWord)).not.toContain(query)
      const first = response.hits.slice(0, Math.min(holding.length, 5))
      for (const hit of first) expect(formsIn(hit.ref).length, hit.ref).toBeGreaterThan(0)
    },
  )

  it('finds the same rows for «ЭҮП» and «ПЭП», Kazakh and Russian rows alike', () => {
    const rows = (q: string) =>
      new Set(search.search(q, { limit: 1000, kinds: ['row'] }).hits.map((h) => h.ref))
    const kk = rows('ЭҮП')
    const ru = rows('ПЭП')
    expect(kk).toEqual(ru)
    const eup = snapshot.systems.find((s) => s.name === 'ЭҮП')!
    const pep = snapshot.systems.find((s) => s.name === 'ПЭП')!
    const naming = snapshot.rows
      .filter((r) => !r.status && (r.systemIds.includes(eup.id) || r.systemIds.includes(pep.id)))
      .map((r) => r.id)
    // Every row naming either name is found, in both languages.
    for (const id of naming) expect(kk.has(id), id).toBe(true)
    expect(naming.some((id) => snapshot.rowById.get(id)!.language === 'kk')).toBe(true)
    expect(naming.some((id) => snapshot.rowById.get(id)!.language === 'ru')).toBe(true)
  })

  it('expands an abbreviation of the glossary to its full name', () => {
    // «ӘА» is «Әкім Аппараты»: rows that spell it out are found though they never say «ӘА».
    const hits = search.search('ӘА', { limit: 20, kinds: ['row'] }).hits
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(rowText(hit.ref)).toMatch(/әкім.*аппарат|аппарат.*әкім/isu)
  })

  it('tolerates a typo in a long word', () => {
    const typo = 'субсидялау' // «субсидиялау» with a letter missing
    expect(printedWords().has(typo)).toBe(false)
    const hits = search.search(typo, { limit: 5, kinds: ['row'] }).hits
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(rowText(hit.ref)).toMatch(/субсидиял/iu)
    // Short words are matched exactly: no typo tolerance that would make noise.
    expect(search.search('жылх', { kinds: ['row'] }).total).toBe(0)
  })

  it('ranks, filters by date and kind, and marks the matched words', () => {
    const all = search.search('жер учаскелерін', { limit: 100 })
    expect(all.hits.length).toBeGreaterThan(1)
    const scores = all.hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    const top = all.hits[0]!
    const marked = top.highlights.title.filter((s) => s.match).map((s) => s.text)
    expect(marked.length).toBeGreaterThan(0)
    for (const word of marked) expect(['жер', 'учаске']).toContain(stem(word, 'kk'))
    // The pieces give the text back exactly.
    expect(top.highlights.title.map((s) => s.text).join('')).toBe(top.function)

    const at = search.search('ПЭП', { at: '2022-11-01', limit: 100 })
    expect(at.hits.length).toBeGreaterThan(0)
    for (const h of at.hits) expect(inForceOn('2022-11-01', h.validFrom, h.validTo)).toBe(true)
    expect(search.search('ПЭП', { at: '2015-01-01' }).total).toBe(0)
    const systems = search.search('ПЭП', { kinds: ['system'] })
    expect(systems.hits.every((h) => h.kind === 'system')).toBe(true)
    expect(systems.hits[0]!.function).toBe('ПЭП')
  })

  it('shows a snippet when the match is not in the title', () => {
    const response = search.search('заявлений', { limit: 10, kinds: ['row'] })
    const hit = response.hits.find((h) => !h.highlights.title.some((s) => s.match))!
    expect(hit.highlights.snippet.some((s) => s.match && stem(s.text, 'ru') === 'заявлен')).toBe(
      true,
    )
  })

  it('falls back to any word when no result has them all, and says so', () => {
    const response = search.search('өтініштерді zzzxqy')
    expect(response.partial).toBe(true)
    expect(response.total).toBeGreaterThan(0)
  })

  it('rejects an empty or overlong query with a message', () => {
    expect(() => search.search('   ')).toThrow(InputError)
    expect(() => search.search('а'.repeat(201))).toThrow(/too long/)
  })
})

describe('snippet', () => {
  it('cuts around the first match at word boundaries', () => {
    const before = 'бір екі үш төрт бес алты жеті сегіз тоғыз он '.repeat(4)
    const segments = [
      { text: before, match: false },
      { text: 'өтініш', match: true },
      { text: ` ${before}`, match: false },
    ]
    const cut = snippet(segments, 30)
    expect(cut.find((s) => s.match)?.text).toBe('өтініш')
    expect(cut[0]!.text.startsWith('…')).toBe(true)
    expect(cut.at(-1)!.text.endsWith('…')).toBe(true)
    expect(cut.map((s) => s.text).join('').length).toBeLessThan(80)
    expect(snippet([{ text: 'no match', match: false }])).toEqual([])
  })
})
