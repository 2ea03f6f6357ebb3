/**
 * @module
 * Result documents: the PDF an application ends with, a result or a reasoned refusal, in the
 * applicant's language, and the verification codes that let anyone check one at `/verify/<code>`.
 *
 * The document is A4 in DejaVu Sans (regular and bold, from the `dejavu-fonts-ttf` package),
 * embedded as subsets: the font has every Kazakh letter (ә ғ қ ң ө ұ ү һ і and their capitals).
 * Every text is given by the caller already in the document's language: the labels
 * (`ResultDocumentLabels`, from the i18n keys `services.document.*`) and the values, with the
 * recipient's IIN/BIN masked as it should be shown. Domain code only: nothing here translates.
 * Long texts wrap to the page width and continue on new pages; every page has a footer with the
 * application number, the verification code and the page number ("1 / 2").
 *
 * The same input gives the same bytes: the PDF's creation and modification dates are the issue
 * instant, and the fonts' subset tags are derived from the input rather than drawn at random.
 */
import { createHash, randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import { kazakhstanDate } from '../calendar/index.js'
import type { Language } from '../i18n/index.js'

/** The characters of verification codes: digits and capitals without 0, O, 1, I and L. */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

const CODE_LENGTH = 12

function formatCode(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`
}

/**
 * A new verification code from a cryptographic random source: 12 characters of
 * `VERIFICATION_ALPHABET` (about 59 bits), written `XXXX-XXXX-XXXX`.
 */
export function newVerificationCode(): string {
  let compact = ''
  for (let i = 0; i < CODE_LENGTH; i++) {
    compact += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)]
  }
  return formatCode(compact)
}

/**
 * A verification code as typed, in its written form `XXXX-XXXX-XXXX`: letters in any case,
 * spaces and dashes anywhere are ignored. Undefined when it is not 12 characters of the alphabet.
 * @example normaliseVerificationCode(' abcd efgh-jkmn ') // 'ABCD-EFGH-JKMN'
 */
export function normaliseVerificationCode(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > 64) return undefined
  const compact = input.replace(/[\s\-\u2010-\u2015]+/g, '').toUpperCase()
  if (compact.length !== CODE_LENGTH) return undefined
  for (const char of compact) if (!VERIFICATION_ALPHABET.includes(char)) return undefined
  return formatCode(compact)
}

/** The fixed labels of a result document, already in the document's language. */
export interface ResultDocumentLabels {
  service: string
  provider: string
  /** Of the application number. */
  number: string
  recipient: string
  decision: string
  /** Heading of the reason for refusal. */
  reason: string
  date: string
  /** Beside the verification code and address. */
  verification: string
  /** The statement that the provider's authorised person signed the document electronically. */
  signature: string
}

/** What a result document says, every text already in `language`. */
export interface ResultDocumentInput {
  language: Language
  /** The result's title, or the refusal notice's. */
  title: string
  serviceName: string
  providerName: string
  applicationNumber: string
  /** The recipient as shown: name and IIN/BIN, masked as the caller decides. */
  recipient: string
  /** The decision in words, e.g. "The service has been provided" or "Refused". */
  decision: string
  /** The reason for refusal (any length; paragraphs separated by line breaks), or null. */
  reason: string | null
  /** The date shown, `YYYY-MM-DD`; by default the date of `issuedAt` in Asia/Almaty. */
  issuedOn?: string
  /** When the document is issued: the PDF's creation and modification date. */
  issuedAt: Date
  /** `XXXX-XXXX-XXXX`, as `newVerificationCode` gives it (any form `normaliseVerificationCode` reads). */
  verificationCode: string
  /** Where anyone can check the document, e.g. `https://host/verify/ABCD-EFGH-JKMN`. */
  verificationUrl: string
  /** The provider's authorised person who signs, and their certificate, as shown. */
  signedBy: string
  labels: ResultDocumentLabels
}

const PAGE_WIDTH = 595.28 // A4 in points
const PAGE_HEIGHT = 841.89
const MARGIN = 56.7 // 20 mm
const TOP = PAGE_HEIGHT - MARGIN
const BOTTOM = MARGIN + 24 // room for the footer
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
const LABEL_WIDTH = 160
const GAP = 12
const VALUE_X = MARGIN + LABEL_WIDTH + GAP
const VALUE_WIDTH = TEXT_WIDTH - LABEL_WIDTH - GAP
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.35, 0.35, 0.35)

let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined

/** The DejaVu Sans files, read once. */
function dejaVu(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fonts) {
    const dir = join(
      dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    )
    fonts = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    }
  }
  return fonts
}

/** A six-capital subset tag (as PDF font subsets are named) derived from `seed`. */
function subsetTag(seed: string): string {
  const hash = createHash('sha256').update(seed).digest()
  let tag = ''
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (hash[i]! % 26))
  return tag
}

/** Text made drawable: tabs become spaces, other control characters go (line breaks kept). */
function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
}

/**
 * Splits `text` into lines no wider than `width`: at line breaks, then between words; a word
 * wider than the line is cut between characters. An empty paragraph is an empty line.
 */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width
  const lines: string[] = []
  for (const paragraph of clean(text).split(/\r\n|\r|\n/)) {
    const words = paragraph.split(' ').filter((w) => w !== '')
    let line = ''
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`
      if (fits(candidate)) {
        line = candidate
        continue
      }
      if (line !== '') lines.push(line)
      line = ''
      // The word alone: cut it when even that is too wide.
      let rest = word
      while (!fits(rest)) {
        const chars = [...rest]
        let n = chars.length - 1
        while (n > 1 && !fits(chars.slice(0, n).join(''))) n--
        lines.push(chars.slice(0, n).join(''))
        rest = chars.slice(n).join('')
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

/** Draws lines top to bottom, starting new pages as they fill. */
class Writer {
  page: PDFPage
  y = TOP

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
  }

  /** Makes room for `height` points, on a new page when this one has less. */
  room(height: number): void {
    if (this.y - height < BOTTOM) {
      this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
      this.y = TOP
    }
  }

  /** A paragraph across the text width (or centred). */
  paragraph(
    text: string,
    options: { size: number; bold?: boolean; centre?: boolean; after?: number },
  ): void {
    const font = options.bold ? this.bold : this.regular
    const leading = options.size * 1.4
    for (const line of wrapText(text, font, options.size, TEXT_WIDTH)) {
      this.room(leading)
      this.y -= leading
      const width = font.widthOfTextAtSize(line, options.size)
      const x = options.centre ? MARGIN + (TEXT_WIDTH - width) / 2 : MARGIN
      this.page.drawText(line, { x, y: this.y, size: options.size, font, color: BLACK })
    }
    this.y -= options.after ?? 0
  }

  /**
   * A label in the left column and its value beside it, both wrapped; kept on one page when
   * short. The value is lines of text, each regular or bold.
   */
  field(label: string, value: string | { text: string; bold?: boolean }[]): void {
    const size = 10.5
    const leading = size * 1.4
    const labels = wrapText(label, this.bold, size, LABEL_WIDTH)
    const parts = typeof value === 'string' ? [{ text: value }] : value
    const values = parts.flatMap((part) => {
      const font = part.bold ? this.bold : this.regular
      return wrapText(part.text, font, size, VALUE_WIDTH).map((line) => ({ line, font }))
    })
    const rows = Math.max(labels.length, values.length)
    if (rows <= 6) this.room(rows * leading)
    for (let i = 0; i < rows; i++) {
      this.room(leading)
      this.y -= leading
      const l = labels[i]
      const v = values[i]
      if (l) this.page.drawText(l, { x: MARGIN, y: this.y, size, font: this.bold, color: GREY })
      if (v) this.page.drawText(v.line, { x: VALUE_X, y: this.y, size, font: v.font, color: BLACK })
    }
    this.y -= 5
  }

  rule(): void {
    this.room(12)
    this.y -= 6
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.6,
      color: GREY,
    })
    this.y -= 6
  }

  space(points: number): void {
    this.y -= points
  }
}

/**
 * Renders a result document (see the module comment) as PDF bytes.
 * @throws RangeError when the verification code, the date or the issue instant is not valid.
 */
export async function renderResultDocument(input: ResultDocumentInput): Promise<Uint8Array> {
  const code = normaliseVerificationCode(input.verificationCode)
  if (!code) throw new RangeError(`Not a verification code: "${input.verificationCode}"`)
  if (!(input.issuedAt instanceof Date) || Number.isNaN(input.issuedAt.getTime())) {
    throw new RangeError('The issue instant is not a valid date')
  }
  const issuedOn = input.issuedOn ?? kazakhstanDate(input.issuedAt)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) {
    throw new RangeError(`The date shown must be YYYY-MM-DD, not "${issuedOn}"`)
  }
  const { labels } = input

  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(fontkit)
  const seed = JSON.stringify(input)
  const files = dejaVu()
  const regular = await doc.embedFont(files.regular, {
    subset: true,
    customName: `${subsetTag(`regular ${seed}`)}+DejaVuSans`,
  })
  const bold = await doc.embedFont(files.bold, {
    subset: true,
    customName: `${subsetTag(`bold ${seed}`)}+DejaVuSans-Bold`,
  })

  doc.setTitle(input.title, { showInWindowTitleBar: true })
  doc.setSubject(input.serviceName)
  doc.setAuthor(input.providerName)
  doc.setLanguage(input.language)
  doc.setProducer('e-akimat')
  doc.setCreator('e-akimat')
  doc.setCreationDate(input.issuedAt)
  doc.setModificationDate(input.issuedAt)

  const w = new Writer(doc, regular, bold)
  w.paragraph(input.providerName, { size: 11, bold: true })
  w.rule()
  w.space(8)
  w.paragraph(input.title, { size: 16, bold: true, centre: true, after: 14 })

  w.field(labels.service, input.serviceName)
  w.field(labels.provider, input.providerName)
  w.field(labels.number, [{ text: input.applicationNumber, bold: true }])
  w.field(labels.recipient, input.recipient)
  w.field(labels.date, issuedOn)
  w.field(labels.decision, [{ text: input.decision, bold: true }])

  if (input.reason !== null && input.reason.trim() !== '') {
    w.space(10)
    w.room(40)
    w.paragraph(labels.reason, { size: 12, bold: true, after: 2 })
    w.paragraph(input.reason, { size: 11 })
  }
  w.space(16)

  // The signature and verification block stays on one page.
  const lines = (text: string, font: PDFFont, size: number, width: number) =>
    wrapText(text, font, size, width).length
  const verificationRows = Math.max(
    lines(labels.verification, bold, 10.5, LABEL_WIDTH),
    1 + lines(input.verificationUrl, regular, 10.5, VALUE_WIDTH),
  )
  w.room(
    12 +
      lines(labels.signature, regular, 10, TEXT_WIDTH) * 14 +
      lines(input.signedBy, bold, 10.5, TEXT_WIDTH) * 14.7 +
      10 +
      verificationRows * 14.7,
  )
  w.rule()
  w.paragraph(labels.signature, { size: 10 })
  w.paragraph(input.signedBy, { size: 10.5, bold: true, after: 10 })
  w.field(labels.verification, [{ text: code, bold: true }, { text: input.verificationUrl }])

  const pages = doc.getPages()
  pages.forEach((page, index) => {
    const size = 8
    const y = MARGIN - 4
    const left = `${input.applicationNumber} · ${code}`
    page.drawText(left, { x: MARGIN, y, size, font: regular, color: GREY })
    const right = `${index + 1} / ${pages.length}`
    const width = regular.widthOfTextAtSize(right, size)
    page.drawText(right, { x: PAGE_WIDTH - MARGIN - width, y, size, font: regular, color: GREY })
  })

  return doc.save()
}
