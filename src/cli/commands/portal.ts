/**
 * @module
 * `portal deliver-mail`: sends what waits in the architecture portal's outbox once, by the SMTP
 * server of SMTP_URL (from MAIL_FROM), and prints how many were sent and how many failed. For
 * a cron job, or to try the mail settings; `serve` does the same every 30 seconds.
 */
import type { Command } from 'commander'
import { InputError } from '../../core/index.js'
import { deliverNotifications, smtpTransport } from '../../portal/index.js'
import { cliContext, withDatabase } from '../context.js'
import { parseFormat, printJson } from '../output.js'

/** The most notifications one run sends (each is tried once per run). */
const BATCH = 1000

export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('the architecture portal: its outbox')

  portal
    .command('deliver-mail')
    .description('send the waiting notifications once by SMTP (SMTP_URL, MAIL_FROM, PUBLIC_URL)')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      const smtp = context.config.smtp
      if (!smtp) {
        throw new InputError(
          'SMTP_URL is not set, so there is nothing to send mail with; notifications stay in the outbox. ' +
            'Set SMTP_URL=smtp://USER:PASSWORD@HOST:587 (see .env.example).',
        )
      }
      const transport = smtpTransport({
        url: smtp.url,
        from: context.config.mailFrom,
        siteUrl: context.config.publicUrl,
      })
      try {
        const result = await withDatabase(context, (handle) =>
          deliverNotifications(handle.db, transport, BATCH),
        )
        if (format === 'json') printJson(result)
        else
          process.stdout.write(
            `Sent ${result.sent}, failed ${result.failed} (via ${smtp.display}).\n`,
          )
      } finally {
        transport.close()
      }
    })
}
