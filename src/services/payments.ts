/**
 * @module
 * The simulated payment gateway (ЭҮТШ / ПШЭП). It keeps no state: the card number alone decides
 * the answer, as with a card processor's test cards (`TEST_CARDS`):
 *
 * | card number | answer |
 * | --- | --- |
 * | 4000 0000 0000 0002 | `declined` |
 * | 4000 0000 0000 0119 | no answer: the simulated gateway answers `paid` only after `answerAfterMs` (30 s by default), and the client gives up after `timeoutMs` (5 s by default) with `timeout` |
 * | any other number of 12–19 digits that passes the Luhn check, e.g. 4242 4242 4242 4242 | `paid` |
 *
 * A number that is not 12–19 digits (spaces and dashes ignored) or fails the Luhn check is not a
 * card number: `charge` throws `InputError` (`services.error.cardNumber`) and nothing is charged.
 * A declined or paid charge carries a gateway reference `SIM-` and 16 random hexadecimal digits; a
 * timeout carries none. Waiting holds no timer after `charge` settles, so it never keeps a
 * process alive.
 */
import { randomBytes } from 'node:crypto'
import { InputError } from '../core/index.js'
import type { PaymentGateway, PaymentOutcome, PaymentRequest, PaymentStatus } from './adapters.js'

/** The test card numbers and what the simulated gateway answers for them. */
export const TEST_CARDS = {
  /** Any valid number not listed here pays; this is the usual one. */
  paid: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  /** The gateway does not answer within the client's time limit. */
  noAnswer: '4000 0000 0000 0119',
} as const

const DECLINED = TEST_CARDS.declined.replace(/ /g, '')
const NO_ANSWER = TEST_CARDS.noAnswer.replace(/ /g, '')

/** How long the client waits, and how long the simulated gateway takes for the no-answer card. */
export interface SimulatedPaymentGatewayOptions {
  /** The client gives up after this many milliseconds (default 5,000). */
  timeoutMs?: number
  /** The no-answer card is answered `paid` after this many milliseconds (default 30,000). */
  answerAfterMs?: number
}

/** True when the digits pass the Luhn check (the last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/**
 * The digits of a card number as entered (spaces and dashes ignored).
 * @throws InputError (`services.error.cardNumber`) when it is not 12–19 digits or fails the Luhn check.
 * @example normaliseCardNumber('4242 4242 4242 4242') // '4242424242424242'
 */
export function normaliseCardNumber(cardNumber: string): string {
  const digits = typeof cardNumber === 'string' ? cardNumber.replace(/[\s-]+/g, '') : ''
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) {
    throw new InputError(
      'A card number is 12 to 19 digits and passes the Luhn check',
      'services.error.cardNumber',
      {},
    )
  }
  return digits
}

/**
 * Runs `call` with a deadline: its result, or `timeout` when it has not settled after `ms`.
 * Either way the timer is cleared and the call's signal aborted, so nothing is left waiting.
 */
async function withDeadline<T>(
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T | 'timeout'> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    return await Promise.race([call(controller.signal), deadline])
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

/** Resolves with `value` after `ms`, or never once `signal` is aborted (its timer cleared). */
function answerAfter<T>(ms: number, value: T, signal: AbortSignal): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(value), ms)
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true })
  })
}

function gatewayReference(): string {
  return `SIM-${randomBytes(8).toString('hex').toUpperCase()}`
}

/** A payment gateway that answers by test card number (see the module comment). */
export class SimulatedPaymentGateway implements PaymentGateway {
  readonly timeoutMs: number
  readonly answerAfterMs: number
  /**
   * What the gateway did with each reference: like a real gateway, it goes on with a charge the
   * client stopped waiting for (the no-answer card is paid `answerAfterMs` after it arrived).
   */
  readonly #ledger = new Map<string, { outcome: 'paid' | 'declined'; at: number }>()

  constructor({ timeoutMs = 5_000, answerAfterMs = 30_000 }: SimulatedPaymentGatewayOptions = {}) {
    for (const [name, value] of [
      ['timeoutMs', timeoutMs],
      ['answerAfterMs', answerAfterMs],
    ] as const) {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`${name} must be a number of milliseconds, not ${value}`)
      }
    }
    this.timeoutMs = timeoutMs
    this.answerAfterMs = answerAfterMs
  }

  /**
   * Charges the card: `paid` or `declined` with a gateway reference, or `timeout` without one.
   * @throws InputError when the card number is not a card number.
   * @throws RangeError when the amount is not a positive whole number of tenge.
   */
  async charge(
    request: PaymentRequest,
  ): Promise<{ outcome: PaymentOutcome; gatewayReference: string | null }> {
    const digits = normaliseCardNumber(request.cardNumber)
    if (!Number.isSafeInteger(request.amountKzt) || request.amountKzt <= 0) {
      throw new RangeError(
        `The amount must be a positive whole number of tenge, not ${request.amountKzt}`,
      )
    }
    const answerAt = Date.now() + (digits === NO_ANSWER ? this.answerAfterMs : 0)
    this.#ledger.set(request.reference, {
      outcome: digits === DECLINED ? 'declined' : 'paid',
      at: answerAt,
    })
    const outcome = await withDeadline(this.timeoutMs, (signal) => this.#answer(digits, signal))
    return { outcome, gatewayReference: outcome === 'timeout' ? null : gatewayReference() }
  }

  /** `pending` until the gateway has answered a charge, then its outcome; `unknown` if never sent. */
  async status(reference: string): Promise<PaymentStatus> {
    const entry = this.#ledger.get(reference)
    if (!entry) return 'unknown'
    return Date.now() < entry.at ? 'pending' : entry.outcome
  }

  /** What the simulated gateway itself answers, and when. */
  async #answer(digits: string, signal: AbortSignal): Promise<'paid' | 'declined'> {
    if (digits === DECLINED) return 'declined'
    if (digits === NO_ANSWER) return answerAfter(this.answerAfterMs, 'paid', signal)
    return 'paid'
  }
}
