import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkDigit, formatAccountingCode, isValidAccountingCode } from './accounting-code.js'
import { OBJECT_KINDS } from './model.js'

describe('accounting codes', () => {
  it('formats kind, year, five-digit sequence and check digit', () => {
    expect(formatAccountingCode('information-system', 2026, 17)).toBe('KZ-IS-2026-00017-7')
    expect(formatAccountingCode('ict-infrastructure', 2026, 123456)).toMatch(
      /^KZ-IC-2026-123456-\d$/,
    )
    expect(isValidAccountingCode('KZ-IS-2026-00017-7')).toBe(true)
    expect(isValidAccountingCode(' kz-is-2026-00017-7 ')).toBe(true)
    expect(isValidAccountingCode('KZ-XX-2026-00017-1')).toBe(false)
    expect(isValidAccountingCode('KZ-IS-2026-17-1')).toBe(false)
  })

  it('catches every single mistyped digit and every swap of two neighbouring digits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OBJECT_KINDS),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.nat(8),
        fc.integer({ min: 1, max: 9 }),
        (kind, year, seq, position, delta) => {
          const code = formatAccountingCode(kind, year, seq)
          expect(isValidAccountingCode(code)).toBe(true)
          const digits = `${year}${String(seq).padStart(5, '0')}`
          const changed = [...digits]
          changed[position] = String((Number(changed[position]) + delta) % 10)
          expect(checkDigit(changed.join(''))).not.toBe(checkDigit(digits))
          const swapped = [...digits]
          const [a, b] = [swapped[position], swapped[position + 1]]
          if (a !== b && b !== undefined && a !== undefined) {
            swapped[position] = b
            swapped[position + 1] = a
            expect(checkDigit(swapped.join(''))).not.toBe(checkDigit(digits))
          }
        },
      ),
    )
  })
})
