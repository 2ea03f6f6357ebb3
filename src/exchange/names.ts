/**
 * @module
 * Names that other tools accept, made from the catalogue's keys (Kazakh and Russian text, act
 * references): a transliteration of Kazakh and Russian Cyrillic into Latin letters, a short
 * stable hash, and ASCII slugs. The same key always gives the same result.
 */
import { createHash } from 'node:crypto'

/**
 * Kazakh and Russian Cyrillic letters in Latin, lower-case. The nine letters only Kazakh has
 * follow the spelling the catalogue's own system ids use (ӘҚ ААЖ → ak-aazh, ЭҮӨШ → euosh): the
 * letter without its diacritic, қ as k, ғ as g, ң as n, һ as h.
 */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  // Kazakh letters
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Russian (and shared) letters
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
}

/**
 * Kazakh and Russian Cyrillic in Latin letters, lower-case; other characters are kept as they are.
 * @example transliterate('ЭҮП') // 'eup'
 */
export function transliterate(text: string): string {
  let out = ''
  for (const char of text.toLowerCase()) out += CYRILLIC_TO_LATIN[char] ?? char
  return out
}

/** A short stable hash of a key (hex, `length` characters of its SHA-256). */
export function shortHash(key: string, length = 8): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, length)
}

/**
 * The key in lower-case ASCII letters and digits with single dashes between the runs, at most
 * `max` characters, never starting or ending with a dash; empty when nothing is left.
 * @example asciiSlug('ЖБЖ АЖ') // 'zhbzh-azh'
 */
export function asciiSlug(key: string, max = 63): string {
  return transliterate(key.normalize('NFC'))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '')
}
