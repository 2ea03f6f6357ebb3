import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { contentDisposition, MAX_FILE_NAME_LENGTH, safeOriginalName } from './index.js'

const rejection = (name: string) => {
  try {
    safeOriginalName(name)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).messageKey
  }
  return 'accepted'
}

describe('safeOriginalName', () => {
  it('refuses paths, drive prefixes and control characters with files.error.path', () => {
    for (const name of [
      '../../etc/passwd',
      'C:\\x.pdf',
      'C:x.pdf',
      'a\\b.pdf',
      'a/b.pdf',
      '/etc/passwd',
      '..',
      '.',
      ' .. ',
      'file\u0000.pdf',
      'line\nbreak.pdf',
      'tab\t.pdf',
      'del\u007f.pdf',
      'report\u202efdp.exe',
    ]) {
      expect(rejection(name), JSON.stringify(name)).toBe('files.error.path')
    }
  })

  it('refuses an empty name with files.error.nameEmpty', () => {
    expect(rejection('')).toBe('files.error.nameEmpty')
    expect(rejection('   ')).toBe('files.error.nameEmpty')
  })

  it('keeps ordinary Kazakh and Russian names, trimmed and NFC-normalised', () => {
    expect(safeOriginalName('нормальный файл.pdf')).toBe('нормальный файл.pdf')
    expect(safeOriginalName('  Техникалық тапсырма (ТТ) №2.docx ')).toBe(
      'Техникалық тапсырма (ТТ) №2.docx',
    )
    expect(safeOriginalName('a..b.pdf')).toBe('a..b.pdf')
    expect(safeOriginalName('.hidden')).toBe('.hidden')
    // «й» typed as и + combining breve (macOS file names) becomes the single letter.
    expect(safeOriginalName('Жаңа и\u0306.pdf')).toBe('Жаңа й.pdf')
  })

  it('cuts long names to 200 characters, keeping the extension and whole letters', () => {
    const long = `${'ә'.repeat(300)}.pdf`
    const kept = safeOriginalName(long)
    expect([...kept]).toHaveLength(MAX_FILE_NAME_LENGTH)
    expect(kept.endsWith('әә.pdf')).toBe(true)
    const emoji = safeOriginalName('📄'.repeat(250))
    expect([...emoji]).toHaveLength(200)
    expect(emoji).toBe('📄'.repeat(200))
  })
})

/** The two file names of a header value, decoded. */
function parse(header: string) {
  const match =
    /^(attachment|inline); filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(
      header,
    )
  expect(match, header).not.toBeNull()
  return { type: match![1], ascii: match![2]!, utf8: decodeURIComponent(match![3]!) }
}

describe('contentDisposition', () => {
  it('sends a Kazakh name in filename* and an ASCII stand-in in filename', () => {
    const header = contentDisposition('Құжат — ақпараттандыру объектісі (1).pdf')
    const { type, ascii, utf8 } = parse(header)
    expect(type).toBe('attachment')
    expect(utf8).toBe('Құжат — ақпараттандыру объектісі (1).pdf')
    expect(ascii).toMatch(/^[\x20-\x7e]+$/)
    expect(ascii.endsWith(' (1).pdf')).toBe(true)
    expect(header).toContain('%281%29.pdf') // ( and ) are not RFC 5987 attr-chars
  })

  it('falls back to "document" with the extension when nothing ASCII is left', () => {
    expect(parse(contentDisposition('Құжат.pdf')).ascii).toBe('document.pdf')
    expect(parse(contentDisposition('', 'inline'))).toEqual({
      type: 'inline',
      ascii: 'document',
      utf8: 'document',
    })
  })

  it('cannot be used to inject a header or a path, whatever it is given', () => {
    const header = contentDisposition('evil"\r\nSet-Cookie: a=b;\\..\\x.pdf')
    expect(header).not.toMatch(/[\r\n]/)
    const { ascii, utf8 } = parse(header)
    expect(ascii).not.toMatch(/["\\;]/)
    expect(utf8).not.toMatch(/[\r\n/\\]/)
    expect(utf8).toContain('Set-Cookie')
  })
})
