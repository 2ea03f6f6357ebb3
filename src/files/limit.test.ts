import { describe, expect, it } from 'vitest'
import { Slots } from './limit.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('inspection slots', () => {
  it('runs at most N at a time, in the order they came, and frees a slot on failure', async () => {
    const slots = new Slots(2)
    let running = 0
    let most = 0
    const order: number[] = []
    const job = (n: number, fail = false) =>
      slots.run(async () => {
        running++
        most = Math.max(most, running)
        await tick()
        order.push(n)
        running--
        if (fail) throw new Error(`job ${n}`)
        return n
      })
    const results = await Promise.allSettled([job(1), job(2, true), job(3), job(4), job(5)])
    expect(most).toBe(2)
    expect(order).toEqual([1, 2, 3, 4, 5])
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ])
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
  })
})
