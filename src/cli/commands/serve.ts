/**
 * @module
 * `serve`: migrate, then serve the web application until SIGTERM or SIGINT, then shut down
 * gracefully.
 */
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import { hasAdministrator } from '../../auth/index.js'
import { coverage as calendarCoverage, kazakhstanDate } from '../../calendar/index.js'
import { importBundledActs } from '../../catalog/index.js'
import type { Config, Logger } from '../../core/index.js'
import { InputError } from '../../core/index.js'
import { type Database, migrateToLatest, openDatabase } from '../../db/index.js'
import { LocalFileStore } from '../../files/index.js'
import { type DeliveryLoop, smtpTransport, startDeliveryLoop } from '../../portal/index.js'
import { embeddedServicesContext } from '../../services/index.js'
import { setSetting } from '../../system/index.js'
import { catalogCacheFor, createApp, startServer } from '../../web/index.js'
import { cliContext } from '../context.js'

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
      try {
        await migrateToLatest(database, (r) =>
          logger.info({ migration: r.migrationName }, 'migration applied'),
        )
        await importBundledActsOnStart(database.db, logger)
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
        })
        server = await startServer(app, { port, host, logger })
      } catch (error) {
        await database.close()
        throw error
      }
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
      const mail = startMail(database.db, config, logger)

      let stopping = false
      const stop = async (signal: string) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting now')
          process.exit(1)
        }
        stopping = true
        logger.info({ signal }, 'shutting down: finishing requests in flight')
        const mailStopped = mail?.stop()
        await server.close()
        await mailStopped
        await database.close()
        logger.info('stopped')
        // pino writes asynchronously: let the last lines out before the process ends.
        logger.flush(() => process.exit(0))
      }
      process.on('SIGTERM', () => void stop('SIGTERM'))
      process.on('SIGINT', () => void stop('SIGINT'))
    })
}

/** How often the server sends what waits in the outbox. */
export const MAIL_INTERVAL_MS = 30_000

/** With SMTP_URL, sends the outbox every 30 s; without, says that mail only waits in the outbox. */
function startMail(db: Kysely<Database>, config: Config, logger: Logger): DeliveryLoop | undefined {
  if (!config.smtp) {
    logger.info(
      'SMTP_URL is not set: notifications are kept in the outbox (/portal/outbox), not sent',
    )
    return undefined
  }
  const transport = smtpTransport({
    url: config.smtp.url,
    from: config.mailFrom,
    siteUrl: config.publicUrl,
  })
  logger.info(
    { smtp: config.smtp.display, from: config.mailFrom, everySeconds: MAIL_INTERVAL_MS / 1000 },
    'sending notifications by SMTP',
  )
  return startDeliveryLoop(db, transport, {
    intervalMs: MAIL_INTERVAL_MS,
    onRound: (result) => logger.info(result, 'notifications delivered'),
    onError: (error) => logger.error({ err: error }, 'notification delivery failed'),
  })
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
