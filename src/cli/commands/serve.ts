/**
 * @module
 * `serve`: migrate, then serve the web application until SIGTERM or SIGINT, then shut down
 * gracefully.
 */
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import { authHousekeeping, hasAdministrator } from '../../auth/index.js'
import { coverage as calendarCoverage, kazakhstanDate } from '../../calendar/index.js'
import { importBundledActs } from '../../catalog/index.js'
import type { Config, Logger } from '../../core/index.js'
import { InputError } from '../../core/index.js'
import { type Database, migrateToLatest, openDatabase } from '../../db/index.js'
import { LocalFileStore, sweepFiles } from '../../files/index.js'
import {
  type ClosableMailTransport,
  deliverNotifications,
  notifyOverdue,
  smtpTransport,
} from '../../portal/index.js'
import { embeddedServicesContext } from '../../services/index.js'
import {
  acquireLease,
  DEFAULT_TICK_MS,
  type Job,
  newInstanceId,
  pruneJobRunsJob,
  releaseLease,
  type Scheduler,
  setSetting,
  startScheduler,
} from '../../system/index.js'
import { catalogCacheFor, createApp, startServer } from '../../web/index.js'
import { cliContext } from '../context.js'
import { referencedFiles } from './files.js'

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run migrations, then serve the web application and API (PORT, HOST)')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .action(async (options: { port?: string; host?: string }) => {
      const { config, logger } = cliContext({ logTo: 'stdout' })
      const port = options.port === undefined ? config.port : Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InputError(`--port must be a whole number from 0 to 65535, not "${options.port}"`)
      }
      const host = options.host ?? config.host

      const database = await openDatabase(config.database, {
        sqliteSynchronous: config.sqliteSynchronous,
      })
      let server: Awaited<ReturnType<typeof startServer>>
      const instanceId = newInstanceId()
      try {
        await migrateToLatest(database, (r) =>
          logger.info({ migration: r.migrationName }, 'migration applied'),
        )
        // Two instances starting together on a new database would both import the acts: the
        // lease lets one import while the other waits, then finds them unchanged.
        await underLease(
          database.db,
          instanceId,
          'catalog.import-bundled',
          () => importBundledActsOnStart(database.db, logger),
          logger,
        )
        // Load the catalogue and build its search index before the first request.
        const catalog = catalogCacheFor(database)
        await catalog.get()
        const files = new LocalFileStore(config.dataDir)
        const services = await embeddedServicesContext({
          dataDir: config.dataDir,
          files,
          publicUrl:
            config.publicUrl ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
          trustDir: config.signatureTrustDir,
          paymentTimeoutMs: config.paymentTimeoutMs,
        })
        services.onDocumentError = (error, applicationId) =>
          logger.error(
            { err: error, applicationId },
            'result document not made (made again on first download)',
          )
        const app = createApp({
          database,
          logger,
          catalog,
          files,
          services,
          publicUrl: config.publicUrl,
          cookieSecure: config.cookieSecure,
          metricsToken: config.metricsToken,
          trustProxy: config.trustProxy,
        })
        server = await startServer(app, { port, host, logger })
      } catch (error) {
        await database.close()
        throw error
      }
      const scheduler = startJobs(database.db, config, logger, instanceId)

      let stopping = false
      const stop = async (signal: string) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting now')
          process.exit(1)
        }
        stopping = true
        logger.info({ signal }, 'shutting down: finishing requests in flight')
        const jobsStopped = scheduler.stop()
        await server.close()
        await jobsStopped
        await database.close()
        logger.info('stopped')
        // pino writes asynchronously: let the last lines out before the process ends.
        logger.flush(() => process.exit(0))
      }
      process.on('SIGTERM', () => void stop('SIGTERM'))
      process.on('SIGINT', () => void stop('SIGINT'))
      // Announced once a stop signal is handled gracefully.
      logger.info(
        { url: server.url, backend: database.backend, database: database.location },
        `e-akimat listening on ${server.url}`,
      )

      const year = Number(kazakhstanDate(new Date()).slice(0, 4))
      if (!calendarCoverage().includes(year)) {
        logger.warn(
          { year, known: calendarCoverage() },
          `the government's transfers of days off for ${year} are not loaded (src/calendar/transfers.ts): working-day terms assume none`,
        )
      }
      if (!(await hasAdministrator(database.db))) {
        logger.warn(
          'no administrator yet: run `npm run cli -- auth bootstrap --email YOUR@EMAIL` and open the path it prints to sign in to the portal',
        )
      }
    })
}

/** How often the server sends what waits in the outbox. */
export const MAIL_INTERVAL_MS = 30_000
/** How often the deadline check runs (it announces each overdue item once). */
export const DEADLINE_INTERVAL_MS = 60 * 60_000

/**
 * The scheduled work of this instance (see system/scheduler: each job runs once per slot across
 * all instances on the database): sending the outbox every 30 s under a lease when SMTP_URL is
 * set; the hourly deadline check; daily removal of expired sessions, old security events and
 * old job runs; daily removal of uploaded files no row names (older than an hour).
 * SCHEDULER_TICK_MS (tests only) makes the instance tick that often and, below
 * 1000, gives every job 1-second slots.
 */
function startJobs(
  db: Kysely<Database>,
  config: Config,
  logger: Logger,
  instanceId: string,
): Scheduler {
  const tickEnv = Number(process.env.SCHEDULER_TICK_MS)
  const tickMs = Number.isInteger(tickEnv) && tickEnv > 0 ? tickEnv : DEFAULT_TICK_MS
  const fast = tickMs < 1_000
  const jobs: Job[] = []
  const transport = mailTransport(config, logger)
  if (transport) {
    jobs.push({
      name: 'portal.deliver-mail',
      every: fast ? 1_000 : MAIL_INTERVAL_MS,
      exclusive: true,
      async run({ db }) {
        const result = await deliverNotifications(db, transport)
        if (result.sent || result.failed) logger.info(result, 'notifications delivered')
        return result
      },
    })
  }
  jobs.push(
    {
      name: 'portal.deadlines',
      every: fast ? 1_000 : DEADLINE_INTERVAL_MS,
      exclusive: true,
      async run({ db, now }) {
        const result = await notifyOverdue(db, now)
        if (result.reviews || result.accountRequests) logger.info(result, 'overdue announced')
        return result
      },
    },
    {
      name: 'auth.housekeeping',
      every: fast ? 1_000 : 'kazakhstan-day',
      run: ({ db, now }) => authHousekeeping(db, now),
    },
    { ...pruneJobRunsJob(), ...(fast ? { every: 1_000 } : {}) },
    {
      // Files of uploads that never committed (a crash, a refused request) and torn temporary
      // files; the grace period spares uploads in flight on any instance.
      name: 'files.sweep',
      every: fast ? 1_000 : 'kazakhstan-day',
      exclusive: true,
      async run({ db }) {
        const result = await sweepFiles(new LocalFileStore(config.dataDir), () =>
          referencedFiles(db),
        )
        const summary = {
          orphaned: result.orphaned.length,
          temporary: result.temporary.length,
          kept: result.kept,
        }
        if (summary.orphaned || summary.temporary) {
          logger.info(summary, 'orphaned uploaded files removed')
        }
        return summary
      },
    },
  )
  const scheduler = startScheduler(db, jobs, {
    instanceId,
    tickMs,
    onRun: (run) => {
      if (run.outcome === 'error') {
        logger.error({ err: run.error, job: run.job, slot: run.slot }, 'scheduled job failed')
      } else {
        logger.debug({ job: run.job, slot: run.slot, details: run.details }, 'scheduled job ran')
      }
    },
    onError: (error, job) => logger.error({ err: error, job }, 'scheduler could not run a job'),
  })
  logger.info(
    { instance: scheduler.instanceId, jobs: jobs.map((j) => j.name) },
    'scheduler started',
  )
  const stop = scheduler.stop
  return {
    instanceId: scheduler.instanceId,
    tick: scheduler.tick,
    async stop() {
      await stop()
      transport?.close()
    },
  }
}

/** With SMTP_URL, the SMTP transport; without, says that mail only waits in the outbox. */
function mailTransport(config: Config, logger: Logger): ClosableMailTransport | undefined {
  if (!config.smtp) {
    logger.info(
      'SMTP_URL is not set: notifications are kept in the outbox (/portal/outbox), not sent',
    )
    return undefined
  }
  logger.info(
    { smtp: config.smtp.display, from: config.mailFrom, everySeconds: MAIL_INTERVAL_MS / 1000 },
    'sending notifications by SMTP',
  )
  return smtpTransport({
    url: config.smtp.url,
    from: config.mailFrom,
    siteUrl: config.publicUrl,
  })
}

/** How long the start-up lease lasts without renewal: a killed instance blocks others this long. */
const START_LEASE_MS = 30_000

/**
 * Runs `work` holding the named lease, waiting (up to 10 minutes) while another instance has it.
 * The lease is short and renewed every third of it while `work` runs, so an instance killed
 * mid-work (SIGKILL, power loss) holds up the next start for at most {@link START_LEASE_MS}.
 */
async function underLease<T>(
  db: Kysely<Database>,
  holder: string,
  name: string,
  work: () => Promise<T>,
  logger?: Logger,
): Promise<T> {
  const until = Date.now() + 10 * 60_000
  let warned = false
  while (!(await acquireLease(db, name, holder, START_LEASE_MS))) {
    if (Date.now() > until) throw new Error(`another instance holds "${name}" for too long`)
    if (!warned) {
      logger?.info({ lease: name }, 'waiting for another instance to finish')
      warned = true
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const renew = setInterval(() => {
    acquireLease(db, name, holder, START_LEASE_MS).catch((error) =>
      logger?.warn({ err: error, lease: name }, 'lease not renewed'),
    )
  }, START_LEASE_MS / 3)
  try {
    return await work()
  } finally {
    clearInterval(renew)
    await releaseLease(db, name, holder)
  }
}

const BUNDLED_IMPORTED = 'acts.bundled-imported'

/**
 * On every start, imports the acts shipped with e-akimat: on a new database all of them; later
 * only what changed (a new act, or a newer parser that reads the texts better). Unchanged acts
 * cost a checksum each.
 */
async function importBundledActsOnStart(db: Kysely<Database>, logger: Logger): Promise<void> {
  const started = performance.now()
  const results = await importBundledActs(db)
  const changed = results.filter((r) => r.status !== 'unchanged')
  if (changed.length === 0) return
  await setSetting(
    db,
    BUNDLED_IMPORTED,
    results.map((r) => r.act),
    'serve',
  )
  logger.info(
    {
      acts: changed.map((r) => `${r.act}:${r.status}`),
      ms: Math.round(performance.now() - started),
    },
    'bundled acts imported',
  )
}
