import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Language, translate } from '../i18n/index.js'
import {
  newVerificationCode,
  normaliseVerificationCode,
  type ResultDocumentInput,
  type ResultDocumentLabels,
  renderResultDocument,
  VERIFICATION_ALPHABET,
} from './result-document.js'

let dir: string

beforeAll(() => {
  for (const tool of ['pdftotext', 'pdffonts']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' })
    } catch {
      throw new Error(`${tool} is missing: install poppler-utils (scripts/test-prerequisites.sh)`)
    }
  }
  dir = mkdtempSync(join(tmpdir(), 'result-document-'))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

let files = 0
function pdfFile(bytes: Uint8Array): string {
  const path = join(dir, `${++files}.pdf`)
  writeFileSync(path, bytes)
  return path
}

/** The text of a PDF (or of some of its pages) as pdftotext reads it. */
function pdfText(bytes: Uint8Array, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, pdfFile(bytes), '-'], {
    encoding: 'utf8',
  })
}

function labels(language: Language): ResultDocumentLabels {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key)
  return {
    service: t('services.document.service'),
    provider: t('services.document.provider'),
    number: t('services.document.number'),
    recipient: t('services.document.recipient'),
    decision: t('services.document.decision'),
    reason: t('services.document.reason'),
    date: t('services.document.date'),
    verification: t('services.document.verification'),
    signature: t('services.document.signature'),
  }
}

/** Every word of every label (labels may wrap, so words rather than whole labels). */
function expectLabels(text: string, language: Language): void {
  for (const label of Object.values(labels(language))) {
    for (const word of label.split(/\s+/)) expect(text, label).toContain(word)
  }
}

/** The page footer's "page / pages". */
const pageOf = (page: number, pages: number) => new RegExp(`${page}\\s?/\\s?${pages}`)

const KAZAKH_LETTERS = [...'әғқңөұүһіӘҒҚҢӨҰҮҺІ']
/** Words with every Kazakh letter, small and capital. */
const KAZAKH_WORDS =
  'Әкім Ғимарат Қала МЫҢ Өтініш Ұйым Үй ЖИҺАЗ Іс әкім ғимарат қала мың өтініш ұйым үй жиһаз іс'

const CODE = 'HW3A-3Q2V-HK23'
const ISSUED_AT = new Date('2026-11-26T20:30:00Z') // 2026-11-27 01:30 in Almaty (UTC+5)

const kazakh: ResultDocumentInput = {
  language: 'kk',
  title: translate('kk', 'services.document.refusalTitle'),
  serviceName: 'Шетелге шығарылатын мұрағаттық анықтамаларға апостиль қою',
  providerName: 'Алматы облысының мемлекеттік мұрағаты',
  applicationNumber: 'A-2026-000017',
  recipient: 'Сәрсенбаева Айгүл Нұрланқызы (ЖСН ••••••••0017)',
  decision: translate('kk', 'services.document.decisionRefused'),
  reason: `Өтінішке қоса берілген құжаттар стандартқа сәйкес келмейді.\n${KAZAKH_WORDS}`,
  issuedAt: ISSUED_AT,
  verificationCode: CODE,
  verificationUrl: `https://e-akimat.example.kz/verify/${CODE}`,
  signedBy: 'Мұхтаров Ғалым Есенұлы (5A1F0C3B9D27E4816F0A2B3C4D5E6F70)',
  labels: labels('kk'),
}

describe('renderResultDocument', () => {
  it('writes a Kazakh refusal with every Kazakh letter, the number, the date and the code', async () => {
    const bytes = await renderResultDocument(kazakh)
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const text = pdfText(bytes)
    for (const letter of KAZAKH_LETTERS) expect(text, letter).toContain(letter)
    for (const word of KAZAKH_WORDS.split(' ')) expect(text, word).toContain(word)
    expectLabels(text, 'kk')
    for (const word of kazakh.title.split(' ')) expect(text, word).toContain(word)
    for (const expected of [
      'Шетелге шығарылатын мұрағаттық анықтамаларға',
      'Алматы облысының мемлекеттік мұрағаты',
      'A-2026-000017',
      'Сәрсенбаева Айгүл Нұрланқызы (ЖСН ••••••••0017)',
      '2026-11-27',
      kazakh.decision,
      'Өтінішке қоса берілген құжаттар стандартқа сәйкес келмейді.',
      'Мұхтаров Ғалым Есенұлы (5A1F0C3B9D27E4816F0A2B3C4D5E6F70)',
      CODE,
      `https://e-akimat.example.kz/verify/${CODE}`,
      `A-2026-000017 · ${CODE}`,
    ]) {
      expect(text, expected).toContain(expected)
    }
    expect(text).toMatch(pageOf(1, 1))
  })

  it('writes a Russian result in Russian, without a reason when there is none', async () => {
    const bytes = await renderResultDocument({
      ...kazakh,
      language: 'ru',
      title: 'Уведомление о готовности архивной справки',
      serviceName: 'Выдача архивных справок',
      providerName: 'Государственный архив области Жетісу',
      recipient: 'Щербакова Юлия Эдуардовна (ИИН ••••••••0017)',
      decision: translate('ru', 'services.document.decisionIssued'),
      reason: null,
      labels: labels('ru'),
    })
    const text = pdfText(bytes)
    const { reason, ...shown } = labels('ru')
    for (const label of Object.values(shown)) {
      for (const word of label.split(/\s+/)) expect(text, label).toContain(word)
    }
    for (const expected of [
      'Уведомление о готовности архивной справки',
      'Выдача архивных справок',
      'Государственный архив области Жетісу',
      'Щербакова Юлия Эдуардовна (ИИН ••••••••0017)',
      '2026-11-27',
      translate('ru', 'services.document.decisionIssued'),
      CODE,
    ]) {
      expect(text, expected).toContain(expected)
    }
    expect(text).not.toContain(reason)
  })

  it('writes an English document', async () => {
    const bytes = await renderResultDocument({
      ...kazakh,
      language: 'en',
      title: 'Notice that the archival certificate is ready',
      serviceName: 'Issue of archival certificates',
      providerName: 'State Archive of Almaty Region',
      recipient: '«Жетісу Ақпарат» ЖШС (BIN 040540000014)',
      decision: translate('en', 'services.document.decisionRefused'),
      reason: 'The requested documents are not held by this archive.',
      labels: labels('en'),
    })
    const text = pdfText(bytes)
    expectLabels(text, 'en')
    for (const expected of [
      'Notice that the archival certificate is ready',
      'A-2026-000017',
      '«Жетісу Ақпарат» ЖШС (BIN 040540000014)',
      '2026-11-27',
      translate('en', 'services.document.decisionRefused'),
      'The requested documents are not held by this archive.',
      CODE,
    ]) {
      expect(text, expected).toContain(expected)
    }
  })

  it('wraps a long reason to the page width and continues it on a second page without losing a word', async () => {
    const words = Array.from({ length: 700 }, (_, i) => `сөз${String(i).padStart(3, '0')}`)
    const unbroken = `ұзынсөз${'қ'.repeat(300)}соңы`
    const reason = [
      words.slice(0, 350).join(' '),
      '',
      `${unbroken} ${words.slice(350).join(' ')}`,
    ].join('\n')
    const bytes = await renderResultDocument({ ...kazakh, reason })
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2)
    const pages = pdf.getPageCount()

    const text = pdfText(bytes)
    const found = text.match(/сөз\d{3}/g)
    expect(found).toEqual(words)
    expect(text.replace(/\s+/g, '')).toContain(unbroken)
    // Lines are wrapped: none is longer than the page allows.
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThan(120)

    const first = pdfText(bytes, { first: 1, last: 1 })
    const rest = pdfText(bytes, { first: 2, last: pages })
    const last = pdfText(bytes, { first: pages, last: pages })
    expect(first).toContain('сөз000')
    expect(first).not.toContain('сөз699')
    expect(rest).toContain('сөз699')
    expect(first).toMatch(pageOf(1, pages))
    expect(last).toMatch(pageOf(pages, pages))
    expect(last).toContain(`A-2026-000017 · ${CODE}`)
    // The signature and the verification code come after the reason, on the last page.
    expect(last).toContain('Мұхтаров Ғалым Есенұлы')
    expect(last).toContain(`https://e-akimat.example.kz/verify/${CODE}`)
  })

  it('gives the same bytes for the same input, and other bytes for another', async () => {
    const a = await renderResultDocument(kazakh)
    const b = await renderResultDocument({ ...kazakh, labels: { ...kazakh.labels } })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const c = await renderResultDocument({ ...kazakh, verificationCode: 'HW3A-3Q2V-HK24' })
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false)
  })

  it('embeds DejaVu Sans and DejaVu Sans Bold as subsets with Unicode maps', async () => {
    const path = pdfFile(await renderResultDocument(kazakh))
    const rows = execFileSync('pdffonts', [path], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(/\s+/))
    expect(rows.map((r) => r[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ])
    for (const row of rows) {
      expect(row[0]).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/)
      // name, type (CID TrueType), encoding, emb, sub, uni, object, generation
      expect(row.slice(-5, -2), row.join(' ')).toEqual(['yes', 'yes', 'yes'])
    }
    // Subsets: far smaller than the two font files (about 700 KB each).
    expect((await renderResultDocument(kazakh)).length).toBeLessThan(100_000)
  })

  it('sets the metadata: title, language, producer, and the issue instant as creation date', async () => {
    const pdf = await PDFDocument.load(await renderResultDocument(kazakh), {
      updateMetadata: false,
    })
    expect(pdf.getTitle()).toBe(kazakh.title)
    expect(pdf.getSubject()).toBe(kazakh.serviceName)
    expect(pdf.getAuthor()).toBe(kazakh.providerName)
    expect(pdf.getProducer()).toBe('e-akimat')
    expect(pdf.getCreationDate()?.toISOString()).toBe(ISSUED_AT.toISOString())
    expect(pdf.getModificationDate()?.toISOString()).toBe(ISSUED_AT.toISOString())
    const lang = pdf.catalog.lookup(PDFName.of('Lang'))
    expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toBe('kk')
    const { width, height } = pdf.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
  })

  it('shows the date given, or the issue instant’s date in Almaty', async () => {
    const early = new Date('2026-11-26T18:59:59Z') // 23:59:59 in Almaty
    expect(pdfText(await renderResultDocument({ ...kazakh, issuedAt: early }))).toContain(
      '2026-11-26',
    )
    const given = await renderResultDocument({ ...kazakh, issuedOn: '2026-12-01' })
    expect(pdfText(given)).toContain('2026-12-01')
  })

  it('refuses a malformed verification code, issue instant or date', async () => {
    await expect(
      renderResultDocument({ ...kazakh, verificationCode: 'HW3A-3Q2V' }),
    ).rejects.toThrow(RangeError)
    await expect(
      renderResultDocument({ ...kazakh, issuedAt: new Date('not a date') }),
    ).rejects.toThrow(RangeError)
    await expect(renderResultDocument({ ...kazakh, issuedOn: '27.11.2026' })).rejects.toThrow(
      RangeError,
    )
  })
})

describe('verification codes', () => {
  it('are 12 characters of an alphabet without 0, O, 1, I or L, written XXXX-XXXX-XXXX', () => {
    for (const ambiguous of '0O1IL') expect(VERIFICATION_ALPHABET).not.toContain(ambiguous)
    const seen = new Set<string>()
    const used = new Set<string>()
    for (let i = 0; i < 2_000; i++) {
      const code = newVerificationCode()
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
      seen.add(code)
      for (const char of code.replace(/-/g, '')) used.add(char)
    }
    expect(seen.size).toBe(2_000)
    expect(used.size).toBe(VERIFICATION_ALPHABET.length) // every character turns up
  })

  it('are read in any case, with spaces and dashes anywhere', () => {
    expect(normaliseVerificationCode('HW3A-3Q2V-HK23')).toBe('HW3A-3Q2V-HK23')
    expect(normaliseVerificationCode(' hw3a 3q2v hk23 ')).toBe('HW3A-3Q2V-HK23')
    expect(normaliseVerificationCode('hw3a3q2vhk23')).toBe('HW3A-3Q2V-HK23')
    expect(normaliseVerificationCode('HW-3A3Q–2VHK-23')).toBe('HW3A-3Q2V-HK23')
    const code = newVerificationCode()
    expect(normaliseVerificationCode(code.toLowerCase())).toBe(code)
  })

  it('are undefined when malformed', () => {
    for (const bad of [
      '',
      'HW3A-3Q2V-HK2', // 11
      'HW3A-3Q2V-HK233', // 13
      'HW3A-3Q2V-HK20', // 0
      'HW3A-3Q2V-HKO3', // O
      'HW3A-3Q2V-HK1I', // 1, I
      'HW3A-3Q2V-HKL3', // L
      'HW3A/3Q2V/HK23',
      'НW3А-3Q2V-HK23', // Cyrillic Н and А
      `${'-'.repeat(100)}HW3A3Q2VHK23`,
    ]) {
      expect(normaliseVerificationCode(bad), bad).toBeUndefined()
    }
    expect(normaliseVerificationCode(undefined as unknown as string)).toBeUndefined()
  })
})
