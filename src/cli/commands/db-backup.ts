/**
 * @module
 * `db backup FILE` and `db restore FILE [--force]`: the database and the uploaded files of
 * DATA_DIR in one archive (see src/db/backup.ts).
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { backupInstallation, openDatabase, restoreInstallation } from '../../db/index.js'
import { cliContext, withDatabase } from '../context.js'
import { parseFormat, printJson } from '../output.js'
import { createProgress, type Progress } from '../progress.js'

export function registerDbBackupCommands(db: Command): void {
  db.command('backup')
    .description(
      'write the database (SQLite online backup, or pg_dump) and the uploaded files (DATA_DIR) to one archive FILE',
    )
    .argument('<file>', 'the archive to write (replaced only when complete)')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (file: string, options: { format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      const target = resolve(file)
      const started = performance.now()
      await withDatabase(
        context,
        async (handle) => {
          const manifest = await backupInstallation(
            handle,
            { config: context.config.database, dataDir: context.config.dataDir },
            target,
            (step) => process.stderr.write(`backup: ${step}…\n`),
          )
          const seconds = Math.round((performance.now() - started) / 100) / 10
          const summary = {
            file: target,
            backend: manifest.backend,
            database: manifest.database,
            files: manifest.files,
            migrations: manifest.migrations.length,
            seconds,
          }
          if (format === 'json') printJson(summary)
          else {
            process.stdout.write(
              `Backed up ${manifest.backend} ${handle.location} (${manifest.database.bytes} bytes) and ${manifest.files.count} files (${manifest.files.bytes} bytes) to ${target} in ${seconds} s.\n`,
            )
          }
        },
        { migrate: false },
      )
    })

  db.command('restore')
    .description(
      'restore the database and the uploaded files from a backup FILE (stop the server first)',
    )
    .argument('<file>', 'an archive written by "db backup"')
    .option('--force', 'replace a database that holds data')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (file: string, options: { force?: boolean; format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      const source = resolve(file)
      const started = performance.now()
      let bar: Progress | undefined
      try {
        const manifest = await restoreInstallation(
          { config: context.config.database, dataDir: context.config.dataDir },
          source,
          () =>
            openDatabase(context.config.database, {
              sqliteSynchronous: context.config.sqliteSynchronous,
            }),
          { force: options.force },
          (step, done, total) => {
            if (step === 'files' && total !== undefined) {
              if (done === 0) bar = createProgress('Restoring files', total)
              else bar?.tick()
            } else process.stderr.write(`restore: ${step}…\n`)
          },
        )
        bar?.stop()
        // Bring the restored schema up to this version's migrations.
        await withDatabase(context, async () => {})
        const seconds = Math.round((performance.now() - started) / 100) / 10
        const summary = {
          file: source,
          backend: manifest.backend,
          createdAt: manifest.createdAt,
          files: manifest.files,
          seconds,
        }
        if (format === 'json') printJson(summary)
        else {
          process.stdout.write(
            `Restored the ${manifest.backend} database and ${manifest.files.count} files from ${source} (made ${manifest.createdAt}) in ${seconds} s.\n`,
          )
        }
      } finally {
        bar?.stop()
      }
    })
}
