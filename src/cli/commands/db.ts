/**
 * @module
 * `db migrate` and `db status`.
 */
import type { Command } from 'commander'
import { migrateToLatest, migrationStatus } from '../../db/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, parseFormat, printJson } from '../output.js'
import { createProgress } from '../progress.js'
import { registerDbBackupCommands } from './db-backup.js'
import { registerDbCopyCommand } from './db-copy.js'

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema: migrate and inspect')
  registerDbCopyCommand(db)
  registerDbBackupCommands(db)

  db.command('migrate')
    .description('apply every pending migration (also done on every start)')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      await withDatabase(
        context,
        async (handle) => {
          const pending = (await migrationStatus(handle)).filter((m) => !m.executedAt)
          const progress = createProgress('Migrating', pending.length)
          const applied: string[] = []
          try {
            await migrateToLatest(handle, (result) => {
              applied.push(result.migrationName)
              progress.tick(1, result.migrationName)
            })
          } finally {
            progress.stop()
          }
          if (format === 'json') {
            printJson({ backend: handle.backend, location: handle.location, applied })
          } else {
            const where = `${handle.backend} ${handle.location}`
            process.stdout.write(
              applied.length
                ? `Applied ${applied.length} migration(s) to ${where}:\n${applied.map((n) => `  ${n}`).join('\n')}\n`
                : `Nothing to migrate: ${where} is up to date.\n`,
            )
          }
        },
        { migrate: false },
      )
    })

  db.command('status')
    .description('show the backend and which migrations are applied or pending')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      await withDatabase(
        context,
        async (handle) => {
          const migrations = await migrationStatus(handle)
          const pending = migrations.filter((m) => !m.executedAt).length
          if (format === 'json') {
            printJson({ backend: handle.backend, location: handle.location, pending, migrations })
            return
          }
          process.stdout.write(
            `Database: ${handle.backend} ${handle.location}\n` +
              `${pending ? `${pending} migration(s) pending: run "e-akimat db migrate"` : 'Up to date'}\n\n` +
              `${formatTable(migrations, [
                { header: 'migration', value: (m) => m.name },
                { header: 'applied at', value: (m) => m.executedAt ?? 'pending' },
              ])}\n`,
          )
        },
        { migrate: false },
      )
    })
}
