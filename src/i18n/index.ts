/**
 * @module
 * Interface languages and translation. Texts live in one file per language (kk.ts, ru.ts, en.ts);
 * domain code never holds interface labels, only keys.
 */
import { en, type MessageKey } from './en.js'
import { kk } from './kk.js'
import { ru } from './ru.js'

export type { MessageKey }

/** Interface languages, in the order they are offered. Kazakh is the state language. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'kk'

/** Each language's name written in that language, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
}

const dictionaries: Record<Language, Record<MessageKey, string>> = { kk, ru, en }

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value)
}

/**
 * The text of `key` in `language` with `{name}` parameters filled in.
 * @example translate('ru', 'error.payloadTooLarge', { limit: 1024 })
 */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const text = dictionaries[language][key]
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** A translator bound to one language, as pages use it: `t('home.title')`. */
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string

export function translator(language: Language): Translator {
  return (key, params) => translate(language, key, params)
}

/**
 * Picks the best interface language from an Accept-Language header, or undefined when none fits.
 * @example negotiateLanguage('ru-RU,ru;q=0.9,en;q=0.5') // 'ru'
 */
export function negotiateLanguage(header: string | undefined | null): Language | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.trim().split(';')
      const q = attrs.map((a) => /^\s*q=([\d.]+)\s*$/.exec(a)?.[1]).find(Boolean)
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0]
    if (isLanguage(primary)) return primary
  }
  return undefined
}
