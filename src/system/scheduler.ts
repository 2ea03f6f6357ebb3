/**
 * @module
 * The scheduler: scheduled work that runs once even when several instances share one database.
 *
 * Every instance ticks (every {@link DEFAULT_TICK_MS}, SCHEDULER_TICK_MS in tests). A job's work
 * for a time slot (`2026-11-26T10:05` for a 1-minute job, the Kazakhstan day for a daily one) is
 * claimed by inserting its (job, slot) row into `system_job_run`: the unique key lets only one
 * instance win, on both backends (`insert … on conflict do nothing returning id`: the loser gets
 * no row, no error, and no aborted PostgreSQL transaction). The winner runs the job and records
 * ok or error with details. A slot that failed is not retried; the next slot runs again.
 *
 * Work that must never run twice at the same time (sending mail: a slow round may outlast its
 * slot) also takes a lease in `system_lease`: one statement inserts the lease, or takes it over
 * when it has expired (or is already ours), and returns a row only to the instance that holds it.
 * The lease is renewed while the job runs and released when it ends; an instance that dies keeps
 * it only until it expires.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Kysely } from 'kysely'
import { kazakhstanDate } from '../calendar/index.js'
import type { Database } from '../db/index.js'

type Db = Kysely<Database>

/** How often an instance looks for due jobs. */
export const DEFAULT_TICK_MS = 15_000
/** How long a lease lasts without renewal. */
export const DEFAULT_LEASE_MS = 5 * 60_000
/** How long job runs are kept. */
export const JOB_RUN_RETENTION_DAYS = 30

/** What a job reports; stored as JSON in the run's details. */
export type JobDetails = Record<string, unknown>

export interface Job {
  /** Unique name, e.g. `portal.deliver-mail`. */
  name: string
  /**
   * How often it runs: a fixed interval in milliseconds (slots are aligned to the epoch, so all
   * instances agree on them), or `'kazakhstan-day'` for once a day (Astana time).
   */
  every: number | 'kazakhstan-day'
  /** Take the lease named after the job while running: never two runs at once, anywhere. */
  exclusive?: boolean
  /** Lease length for exclusive jobs (renewed every third of it while the job runs). */
  leaseMs?: number
  run(context: { db: Db; slot: string; now: Date }): Promise<JobDetails | undefined>
}

/** The slot a job's run at `now` belongs to. */
export function slotOf(every: Job['every'], now: Date): string {
  if (every === 'kazakhstan-day') return kazakhstanDate(now)
  if (!Number.isInteger(every) || every <= 0) throw new Error(`bad job interval ${every}`)
  const start = new Date(Math.floor(now.getTime() / every) * every).toISOString()
  if (every % 60_000 === 0) return start.slice(0, 16)
  if (every % 1_000 === 0) return start.slice(0, 19)
  return start.slice(0, 23)
}

/** This process's name as a lease holder: host:pid:random. */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
}

/**
 * Claims a job's slot for `holder`: the new run's id for the one caller (of any instance) that
 * inserted the row, undefined for everyone else.
 */
export async function claimJobSlot(
  db: Db,
  job: string,
  slot: string,
  holder: string,
  now = new Date(),
): Promise<number | undefined> {
  const row = await db
    .insertInto('system_job_run')
    .values({
      job,
      slot,
      holder,
      started_at: now.toISOString(),
      finished_at: null,
      outcome: null,
      details: '{}',
    })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Records how a claimed run ended. */
export async function finishJobRun(
  db: Db,
  id: number,
  outcome: 'ok' | 'error',
  details: JobDetails,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('system_job_run')
    .set({ finished_at: now.toISOString(), outcome, details: JSON.stringify(details) })
    .where('id', '=', id)
    .execute()
}

/**
 * Takes the named lease for `holder` until `now + ms`, in one statement: inserted when there is
 * none, taken over when it has expired, extended when `holder` has it already. True when
 * `holder` holds it afterwards.
 */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  ms: number,
  now = new Date(),
): Promise<boolean> {
  const at = now.toISOString()
  const expires = new Date(now.getTime() + ms).toISOString()
  const row = await db
    .insertInto('system_lease')
    .values({ name, holder, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, acquired_at: at, expires_at: expires })
        .where((eb) =>
          eb.or([eb('system_lease.expires_at', '<=', at), eb('system_lease.holder', '=', holder)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst()
  return row?.holder === holder
}

/** Gives the lease up, if `holder` has it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db
    .deleteFrom('system_lease')
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}

/** Deletes job runs that started before `before`; returns how many. */
export async function pruneJobRuns(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('system_job_run')
    .where('started_at', '<', before.toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export interface JobRun {
  id: number
  job: string
  slot: string
  holder: string
  startedAt: string
  finishedAt: string | null
  outcome: 'ok' | 'error' | null
  details: JobDetails
}

/** Runs of a job (or of all), newest first. */
export async function listJobRuns(
  db: Db,
  filter: { job?: string; limit?: number } = {},
): Promise<JobRun[]> {
  let query = db.selectFrom('system_job_run').selectAll().orderBy('id', 'desc')
  if (filter.job) query = query.where('job', '=', filter.job)
  const rows = await query.limit(filter.limit ?? 1000).execute()
  return rows.map((r) => ({
    id: r.id,
    job: r.job,
    slot: r.slot,
    holder: r.holder,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome as JobRun['outcome'],
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as JobDetails,
  }))
}

export interface SchedulerOptions {
  /** Lease holder and job-run holder; default host:pid:random. */
  instanceId?: string
  /** How often to look for due jobs (default 15 s). */
  tickMs?: number
  /** After each run this instance made (ok or error). */
  onRun?: (run: {
    job: string
    slot: string
    outcome: 'ok' | 'error'
    details: JobDetails
    error?: unknown
  }) => void
  /** When the scheduler itself could not reach the database. */
  onError?: (error: unknown, job: string) => void
  /** The clock (tests). */
  now?: () => Date
}

export interface Scheduler {
  readonly instanceId: string
  /** Looks for due jobs now and waits for the runs it started. */
  tick(): Promise<void>
  /** Stops ticking and waits for the runs in progress. */
  stop(): Promise<void>
}

/**
 * Starts ticking: at once, then every `tickMs`. Each job runs at most once per slot across all
 * instances, and at most once at a time in this instance.
 */
export function startScheduler(
  db: Db,
  jobs: readonly Job[],
  options: SchedulerOptions = {},
): Scheduler {
  const names = new Set<string>()
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two jobs named ${job.name}`)
    names.add(job.name)
    slotOf(job.every, new Date())
  }
  const instanceId = options.instanceId ?? newInstanceId()
  const clock = options.now ?? (() => new Date())
  const running = new Map<string, Promise<void>>()
  /** The last slot this instance tried per job: a slot is tried once, won or lost. */
  const tried = new Map<string, string>()
  let stopped = false

  async function runJob(job: Job, slot: string): Promise<void> {
    let leased = false
    let renew: NodeJS.Timeout | undefined
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS
    try {
      if (job.exclusive) {
        leased = await acquireLease(db, job.name, instanceId, leaseMs, clock())
        if (!leased) {
          // Someone else is still at it: try this slot again on the next tick.
          tried.delete(job.name)
          return
        }
        renew = setInterval(
          () => void acquireLease(db, job.name, instanceId, leaseMs, clock()).catch(() => {}),
          Math.max(1_000, Math.floor(leaseMs / 3)),
        )
        renew.unref()
      }
      const now = clock()
      const id = await claimJobSlot(db, job.name, slot, instanceId, now)
      if (id === undefined) return
      let outcome: 'ok' | 'error' = 'ok'
      let details: JobDetails
      let failure: unknown
      try {
        details = (await job.run({ db, slot, now })) ?? {}
      } catch (error) {
        outcome = 'error'
        failure = error
        details = { error: error instanceof Error ? error.message : String(error) }
      }
      await finishJobRun(db, id, outcome, details, clock())
      options.onRun?.({ job: job.name, slot, outcome, details, error: failure })
    } catch (error) {
      options.onError?.(error, job.name)
    } finally {
      if (renew) clearInterval(renew)
      if (leased) await releaseLease(db, job.name, instanceId).catch(() => {})
    }
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve()
    const now = clock()
    for (const job of jobs) {
      if (running.has(job.name)) continue
      const slot = slotOf(job.every, now)
      if (tried.get(job.name) === slot) continue
      tried.set(job.name, slot)
      const run = runJob(job, slot).finally(() => running.delete(job.name))
      running.set(job.name, run)
    }
    return Promise.all(running.values()).then(() => undefined)
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? DEFAULT_TICK_MS)
  timer.unref()
  void tick()
  return {
    instanceId,
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await Promise.all(running.values())
    },
  }
}

/** The scheduler's own housekeeping: deletes job runs older than 30 days, once a day. */
export function pruneJobRunsJob(retentionDays = JOB_RUN_RETENTION_DAYS): Job {
  return {
    name: 'system.prune-job-runs',
    every: 'kazakhstan-day',
    async run({ db, now }) {
      const deleted = await pruneJobRuns(db, new Date(now.getTime() - retentionDays * 86_400_000))
      return { deleted }
    },
  }
}
