import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import { checkPasswordPolicy, hashPassword, SCRYPT_PARAMS, verifyPassword } from './passwords.js'

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with the documented parameters and a fresh salt', async () => {
    const a = await hashPassword('correct horse battery staple')
    const b = await hashPassword('correct horse battery staple')
    const parts = a.split('$')
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1'])
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(SCRYPT_PARAMS.saltBytes)
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(SCRYPT_PARAMS.keyBytes)
    expect(a).not.toBe(b)
    expect(a).not.toContain('correct')
  })

  it('verifies the right password and refuses a wrong or malformed one', async () => {
    const hash = await hashPassword('Қазақстан 2026 жыл!')
    expect(await verifyPassword('Қазақстан 2026 жыл!', hash)).toBe(true)
    expect(await verifyPassword('Қазақстан 2026 жыл?', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
    expect(await verifyPassword('Қазақстан 2026 жыл!', 'plain-text')).toBe(false)
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$AAAA$AAAA`)).toBe(false)
    // Flip a bit of the stored key (not the last base64 character, whose low bits are padding).
    const parts = hash.split('$')
    const key = Buffer.from(parts[5]!, 'base64url')
    key[10] = key[10]! ^ 1
    const tampered = [...parts.slice(0, 5), key.toString('base64url')].join('$')
    expect(await verifyPassword('Қазақстан 2026 жыл!', tampered)).toBe(false)
  })
})

describe('password policy', () => {
  it('accepts 12 characters of any alphabet that are not the e-mail', () => {
    expect(() => checkPasswordPolicy('әкімдік әкім', 'a@b.kz')).not.toThrow()
    expect(() => checkPasswordPolicy('123456789012', 'a@b.kz')).not.toThrow()
  })

  it('refuses fewer than 12 characters, counted as characters, not bytes', () => {
    // 11 Kazakh letters are 22 bytes in UTF-8: still too short.
    expect(() => checkPasswordPolicy('әәәәәәәәәәә', 'a@b.kz')).toThrow(InputError)
    expect(() => checkPasswordPolicy('short', 'a@b.kz')).toThrow(
      expect.objectContaining({ messageKey: 'auth.error.passwordShort', params: { min: 12 } }),
    )
  })

  it('refuses the e-mail address itself, whatever its case', () => {
    expect(() => checkPasswordPolicy('Aigul@Akimat.KZ', 'aigul@akimat.kz')).toThrow(
      /must not be the e-mail/,
    )
  })

  it('refuses absurdly long passwords', () => {
    expect(() => checkPasswordPolicy('x'.repeat(1025), 'a@b.kz')).toThrow(/at most 1024/)
  })
})
