/**
 * @module
 * `db copy --to URL`: copies the configured database (DATABASE_URL) into another, new database
 * of either backend — the way to move an installation from the embedded SQLite file to
 * PostgreSQL. The target is migrated first; the copy is one transaction on the target.
 */
import type { Command } from 'commander'
import { InputError, parseDatabaseUrl } from '../../core/index.js'
import { copyDatabase, migrateToLatest, openDatabase } from '../../db/index.js'
import { cliContext, withDatabase } from '../context.js'
import { parseFormat, printJson } from '../output.js'
import { createProgress, type Progress } from '../progress.js'

export function registerDbCopyCommand(db: Command): void {
  db.command('copy')
    .description(
      'copy every table of this database (DATABASE_URL) into a new, empty database (--to), e.g. from SQLite to PostgreSQL',
    )
    .requiredOption('--to <url>', 'the target: postgres://USER@HOST:PORT/DB or sqlite:PATH')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { to: string; format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      const targetConfig = parseDatabaseUrl(options.to)
      await withDatabase(context, async (source) => {
        const target = await openDatabase(targetConfig, {
          sqliteSynchronous: context.config.sqliteSynchronous,
        })
        const started = performance.now()
        let bar: Progress | undefined
        let done = 0
        try {
          if (source.location === target.location) {
            throw new InputError('the target is the source database itself')
          }
          await migrateToLatest(target)
          const result = await copyDatabase(source, target, {
            onTable(table, rows) {
              bar?.stop()
              bar = createProgress(`Copying ${table}`, rows)
              done = 0
            },
            onRows(_table, copied) {
              bar?.tick(copied - done)
              done = copied
            },
          })
          bar?.stop()
          const seconds = Math.round((performance.now() - started) / 100) / 10
          const summary = {
            from: `${source.backend} ${source.location}`,
            to: `${target.backend} ${target.location}`,
            tables: result.tables.length,
            rows: result.rows,
            seconds,
          }
          if (format === 'json') printJson(summary)
          else {
            process.stdout.write(
              `Copied ${result.rows} rows in ${result.tables.length} tables from ${summary.from} to ${summary.to} in ${seconds} s.\n` +
                'Uploaded files are not in the database: point DATA_DIR of the new installation at the same folder (or copy it).\n',
            )
          }
        } finally {
          bar?.stop()
          await target.close()
        }
      })
    })
}
