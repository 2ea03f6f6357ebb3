import { describe, expect, it } from 'vitest'
import { en } from './en.js'
import { LANGUAGES, negotiateLanguage, translate } from './index.js'
import { kk } from './kk.js'
import { ru } from './ru.js'

describe('translations', () => {
  it('gives every key a non-empty text in every language, with the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const dictionary of [kk, ru]) {
        expect(dictionary[key], key).toBeTruthy()
        expect(params(dictionary[key]), key).toEqual(params(en[key]))
      }
    }
    expect(Object.keys(kk).sort()).toEqual(Object.keys(en).sort())
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort())
  })

  it('fills named parameters and leaves unknown ones visible', () => {
    expect(translate('ru', 'error.payloadTooLarge', { limit: 1024 })).toBe(
      'Тело запроса слишком велико: принимается не более 1024 байт.',
    )
    expect(translate('en', 'error.input')).toBe('The request is not valid: {detail}')
  })

  it('really differs between languages for the home page', () => {
    const texts = LANGUAGES.map((l) => translate(l, 'home.parts'))
    expect(new Set(texts).size).toBe(3)
  })
})

describe('negotiateLanguage', () => {
  it('follows quality values and region subtags', () => {
    expect(negotiateLanguage('ru-RU,ru;q=0.9,en;q=0.5')).toBe('ru')
    expect(negotiateLanguage('de;q=1, en;q=0.4, kk;q=0.8')).toBe('kk')
    expect(negotiateLanguage('en-GB')).toBe('en')
  })

  it('returns undefined when no offered language fits', () => {
    expect(negotiateLanguage('de, fr;q=0.5')).toBeUndefined()
    expect(negotiateLanguage('')).toBeUndefined()
    expect(negotiateLanguage(undefined)).toBeUndefined()
    expect(negotiateLanguage('ru;q=0')).toBeUndefined()
  })
})
