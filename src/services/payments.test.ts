import { describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import type { PaymentRequest } from './adapters.js'
import { luhnValid, normaliseCardNumber, SimulatedPaymentGateway, TEST_CARDS } from './payments.js'

const request = (cardNumber: string): PaymentRequest => ({
  reference: 'A-2026-000001-1',
  amountKzt: 1_276,
  description: 'Apostille',
  cardNumber,
})

/** How many timers the process holds: a settled charge must not add any. */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('SimulatedPaymentGateway', () => {
  it('pays with the usual test card and with any other Luhn-valid number', async () => {
    const gateway = new SimulatedPaymentGateway()
    for (const card of [
      TEST_CARDS.paid,
      '5555-5555-5555-4444',
      '4111111111111111',
      '123456789007', // 12 digits
      '6011 0009 9013 9424 017', // 19 digits
    ]) {
      const answer = await gateway.charge(request(card))
      expect(answer.outcome, card).toBe('paid')
      expect(answer.gatewayReference).toMatch(/^SIM-[0-9A-F]{16}$/)
    }
  })

  it('gives every answer its own gateway reference', async () => {
    const gateway = new SimulatedPaymentGateway()
    const references = new Set<string | null>()
    for (let i = 0; i < 50; i++) {
      references.add((await gateway.charge(request(TEST_CARDS.paid))).gatewayReference)
    }
    expect(references.size).toBe(50)
  })

  it('declines the declined test card, with a reference', async () => {
    const answer = await new SimulatedPaymentGateway().charge(request(TEST_CARDS.declined))
    expect(answer.outcome).toBe('declined')
    expect(answer.gatewayReference).toMatch(/^SIM-[0-9A-F]{16}$/)
    // The spaces are not what decides: the bare digits are declined too.
    const bare = await new SimulatedPaymentGateway().charge(request('4000000000000002'))
    expect(bare.outcome).toBe('declined')
  })

  it('times out on the no-answer card after timeoutMs, without a reference or a timer left', async () => {
    const gateway = new SimulatedPaymentGateway({ timeoutMs: 30, answerAfterMs: 60_000 })
    const before = timers()
    const started = performance.now()
    const answer = await gateway.charge(request(TEST_CARDS.noAnswer))
    const took = performance.now() - started
    expect(answer).toEqual({ outcome: 'timeout', gatewayReference: null })
    expect(took).toBeGreaterThanOrEqual(25)
    expect(took).toBeLessThan(2_000)
    expect(timers()).toBe(before)
  })

  it('pays on the no-answer card when the gateway answers before the client gives up', async () => {
    const gateway = new SimulatedPaymentGateway({ timeoutMs: 1_000, answerAfterMs: 20 })
    const before = timers()
    const started = performance.now()
    const answer = await gateway.charge(request(TEST_CARDS.noAnswer))
    expect(answer.outcome).toBe('paid')
    expect(performance.now() - started).toBeLessThan(900)
    expect(timers()).toBe(before)
  })

  it('tells what became of a charge by its reference: pending, then paid; unknown when never sent', async () => {
    const gateway = new SimulatedPaymentGateway({ timeoutMs: 20, answerAfterMs: 150 })
    const answer = await gateway.charge(request(TEST_CARDS.noAnswer))
    expect(answer.outcome).toBe('timeout')
    expect(await gateway.status('A-2026-000001-1')).toBe('pending')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await gateway.status('A-2026-000001-1')).toBe('paid')
    expect(await gateway.status('never-sent')).toBe('unknown')
    await gateway.charge({ ...request(TEST_CARDS.declined), reference: 'B-1' })
    expect(await gateway.status('B-1')).toBe('declined')
  })

  it('waits 5 s and answers after 30 s by default', () => {
    const gateway = new SimulatedPaymentGateway()
    expect(gateway.timeoutMs).toBe(5_000)
    expect(gateway.answerAfterMs).toBe(30_000)
  })

  it('refuses what is not a card number, with the services.error.cardNumber key', async () => {
    const gateway = new SimulatedPaymentGateway()
    for (const card of [
      '',
      '4242 4242 4242 4241', // Luhn fails
      '4000 0000 0000 0003',
      '12345678903', // 11 digits
      '42424242424242424242', // 20 digits
      '4242 4242 4242 424x',
      '４２４２４２４２４２４２４２４２', // full-width digits are not digits here
    ]) {
      const error = await gateway.charge(request(card)).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, card).toBeInstanceOf(InputError)
      expect((error as InputError).messageKey).toBe('services.error.cardNumber')
      // The number is not echoed back in the error.
      if (card.length > 4) expect((error as InputError).message).not.toContain(card)
    }
  })

  it('refuses an amount that is not a positive whole number of tenge', async () => {
    const gateway = new SimulatedPaymentGateway()
    for (const amountKzt of [0, -5, 1.5, Number.NaN]) {
      await expect(
        gateway.charge({ ...request(TEST_CARDS.paid), amountKzt }),
      ).rejects.toBeInstanceOf(RangeError)
    }
  })

  it('refuses negative or non-numeric waits', () => {
    expect(() => new SimulatedPaymentGateway({ timeoutMs: -1 })).toThrow(RangeError)
    expect(() => new SimulatedPaymentGateway({ answerAfterMs: Number.NaN })).toThrow(RangeError)
  })
})

describe('card numbers', () => {
  it('checks the Luhn digit', () => {
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
    for (const card of Object.values(TEST_CARDS)) {
      expect(luhnValid(card.replace(/ /g, '')), card).toBe(true)
    }
  })

  it('reads digits with spaces and dashes', () => {
    expect(normaliseCardNumber(' 4242 4242-4242 4242 ')).toBe('4242424242424242')
  })
})
