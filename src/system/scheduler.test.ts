import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../test/support/database.js'
import { type DatabaseHandle, openDatabase } from '../db/index.js'
import {
  acquireLease,
  claimJobSlot,
  type Job,
  listJobRuns,
  pruneJobRuns,
  releaseLease,
  slotOf,
  startScheduler,
} from './index.js'

describe('slotOf', () => {
  it('aligns slots to the interval and names the day in Kazakhstan', () => {
    const at = new Date('2026-11-26T10:05:42.123Z')
    expect(slotOf(60_000, at)).toBe('2026-11-26T10:05')
    expect(slotOf(5 * 60_000, at)).toBe('2026-11-26T10:05')
    expect(slotOf(30_000, at)).toBe('2026-11-26T10:05:30')
    expect(slotOf(250, at)).toBe('2026-11-26T10:05:42.000')
    // 20:00 UTC is already the next day in Astana (UTC+5).
    expect(slotOf('kazakhstan-day', new Date('2026-11-26T20:00:00Z'))).toBe('2026-11-27')
    expect(() => slotOf(0, at)).toThrow()
  })
})

describe.each(BACKENDS)('scheduler [%s]', (backend) => {
  let database: TestDatabase
  // Two connections to one database, as two instances have.
  let one: DatabaseHandle
  let two: DatabaseHandle

  beforeAll(async () => {
    const created = await createTestDatabase(backend)
    database = created.database
    one = created.handle
    two = await openDatabase(database.config)
  })
  afterAll(async () => {
    await two?.close()
    await one?.close()
    await database?.drop()
  })

  it('gives a slot to exactly one of many concurrent claims', async () => {
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimJobSlot((i % 2 ? one : two).db, 'race', '2026-11-26T10:05', `holder-${i}`),
      ),
    )
    expect(claims.filter((id) => id !== undefined)).toHaveLength(1)
    const runs = await listJobRuns(one.db, { job: 'race' })
    expect(runs).toHaveLength(1)
    // The next slot can be claimed again.
    expect(await claimJobSlot(two.db, 'race', '2026-11-26T10:06', 'x')).toBeTypeOf('number')
  })

  it('holds a lease for one holder until it expires or is released', async () => {
    const t0 = new Date('2026-11-26T10:00:00Z')
    const later = (ms: number) => new Date(t0.getTime() + ms)
    const both = await Promise.all([
      acquireLease(one.db, 'mail', 'a', 60_000, t0),
      acquireLease(two.db, 'mail', 'b', 60_000, t0),
    ])
    expect(both.filter(Boolean)).toHaveLength(1)
    const [winner, loser] = both[0] ? ['a', 'b'] : ['b', 'a']
    expect(await acquireLease(one.db, 'mail', loser, 60_000, later(30_000))).toBe(false)
    // The holder renews.
    expect(await acquireLease(one.db, 'mail', winner, 60_000, later(30_000))).toBe(true)
    expect(await acquireLease(two.db, 'mail', loser, 60_000, later(60_000))).toBe(false)
    // Expired (the holder died): taken over.
    expect(await acquireLease(two.db, 'mail', loser, 60_000, later(90_000))).toBe(true)
    expect(await acquireLease(one.db, 'mail', winner, 60_000, later(91_000))).toBe(false)
    // Released by its holder only.
    await releaseLease(one.db, 'mail', winner)
    expect(await acquireLease(one.db, 'mail', winner, 60_000, later(92_000))).toBe(false)
    await releaseLease(two.db, 'mail', loser)
    expect(await acquireLease(one.db, 'mail', winner, 60_000, later(92_000))).toBe(true)
    await releaseLease(one.db, 'mail', winner)
  })

  it('runs each job once per slot across two instances, records outcomes, prunes', async () => {
    let clock = new Date('2026-11-26T10:00:10Z')
    const ran: string[] = []
    let failNext = false
    const jobs: Job[] = [
      {
        name: 'count',
        every: 60_000,
        async run({ slot }) {
          ran.push(slot)
          await new Promise((r) => setTimeout(r, 20))
          if (failNext) throw new Error('boom')
          return { slot }
        },
      },
      {
        name: 'exclusive',
        every: 60_000,
        exclusive: true,
        async run() {
          return { fine: true }
        },
      },
    ]
    const options = { tickMs: 3_600_000, now: () => clock }
    const a = startScheduler(one.db, jobs, { ...options, instanceId: 'a' })
    const b = startScheduler(two.db, jobs, { ...options, instanceId: 'b' })
    try {
      for (let minute = 0; minute < 4; minute++) {
        if (minute === 3) failNext = true
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
        clock = new Date(clock.getTime() + 60_000)
      }
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
    expect(ran).toEqual([
      '2026-11-26T10:00',
      '2026-11-26T10:01',
      '2026-11-26T10:02',
      '2026-11-26T10:03',
    ])
    const runs = await listJobRuns(one.db, { job: 'count' })
    expect(runs.map((r) => r.slot).sort()).toEqual(ran)
    expect(runs.every((r) => r.finishedAt !== null && ['a', 'b'].includes(r.holder))).toBe(true)
    const failed = runs.find((r) => r.slot === '2026-11-26T10:03')
    expect(failed?.outcome).toBe('error')
    expect(failed?.details).toEqual({ error: 'boom' })
    expect(runs.find((r) => r.slot === '2026-11-26T10:01')?.details).toEqual({
      slot: '2026-11-26T10:01',
    })
    const exclusive = await listJobRuns(one.db, { job: 'exclusive' })
    expect(exclusive).toHaveLength(4)
    expect(exclusive.every((r) => r.outcome === 'ok')).toBe(true)
    // The lease was released after each run.
    expect(await acquireLease(one.db, 'exclusive', 'someone', 1_000)).toBe(true)

    const before = (await listJobRuns(one.db)).length
    const pruned = await pruneJobRuns(one.db, new Date(Date.now() + 60_000))
    expect(pruned).toBe(before)
    expect(await listJobRuns(one.db)).toHaveLength(0)
  })

  it('waits on stop for a run in progress', async () => {
    let finished = false
    const s = startScheduler(
      one.db,
      [
        {
          name: 'slow',
          every: 60_000,
          async run() {
            await new Promise((r) => setTimeout(r, 300))
            finished = true
            return {}
          },
        },
      ],
      { tickMs: 3_600_000, instanceId: 'slow' },
    )
    await new Promise((r) => setTimeout(r, 50))
    await s.stop()
    expect(finished).toBe(true)
    const [run] = await listJobRuns(one.db, { job: 'slow' })
    expect(run?.outcome).toBe('ok')
  })
})
