/**
 * @module
 * `files check` and `files sweep`: compare the uploaded-file store (DATA_DIR/blobs) with the
 * hashes the portal and e-service tables refer to; remove orphans and leftover temporary files.
 */
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import { InputError } from '../../core/index.js'
import type { Database } from '../../db/index.js'
import {
  checkFiles,
  DEFAULT_SWEEP_GRACE_MS,
  LocalFileStore,
  sweepFiles,
} from '../../files/index.js'
import { portalReferencedFiles } from '../../portal/index.js'
import { servicesReferencedFiles } from '../../services/index.js'
import { cliContext, withDatabase } from '../context.js'
import { parseFormat, printJson } from '../output.js'
import { createProgress, type Progress } from '../progress.js'

/** Every file hash the application refers to. */
export async function referencedFiles(db: Kysely<Database>): Promise<Set<string>> {
  const hashes = await portalReferencedFiles(db)
  for (const hash of await servicesReferencedFiles(db)) hashes.add(hash)
  return hashes
}

const FIRST = 10

export function registerFilesCommands(program: Command): void {
  const files = program.command('files').description('the uploaded-file store')

  files
    .command('check')
    .description(
      'compare the stored files with the database: missing (exit 1), orphaned and temporary files',
    )
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      const context = cliContext()
      const store = new LocalFileStore(context.config.dataDir)
      const report = await withDatabase(context, async (handle) => {
        const referenced = await referencedFiles(handle.db)
        let bar: Progress | undefined
        const result = await checkFiles(store, referenced, (_done, total) => {
          bar ??= createProgress('Checking files', total)
          bar.tick()
        })
        bar?.stop()
        return result
      })
      const summary = {
        stored: report.stored,
        referenced: report.referenced,
        missing: report.missing.length,
        orphaned: report.orphaned.length,
        temporary: report.temporary.length,
        firstMissing: report.missing.slice(0, FIRST),
        firstOrphaned: report.orphaned.slice(0, FIRST).map((entry) => entry.name),
      }
      if (format === 'json') printJson(summary)
      else {
        process.stdout.write(
          `Stored ${summary.stored} files, referenced ${summary.referenced}: ${summary.missing} missing, ${summary.orphaned} orphaned, ${summary.temporary} temporary.\n`,
        )
        for (const hash of summary.firstMissing) process.stdout.write(`missing  ${hash}\n`)
        for (const hash of summary.firstOrphaned) process.stdout.write(`orphaned ${hash}\n`)
      }
      if (report.missing.length > 0) {
        throw new InputError(
          `${report.missing.length} referenced files are missing from ${store.root}`,
        )
      }
    })

  files
    .command('sweep')
    .description('remove orphaned files and leftover temporary files older than a grace period')
    .option(
      '--older-than-minutes <minutes>',
      'grace period: keep anything younger (an upload in flight)',
      String(DEFAULT_SWEEP_GRACE_MS / 60_000),
    )
    .option('--dry-run', 'only report what would be removed')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { olderThanMinutes: string; dryRun?: boolean; format: string }) => {
      const format = parseFormat(options.format)
      const minutes = Number(options.olderThanMinutes)
      if (!Number.isFinite(minutes) || minutes < 0) {
        throw new InputError(
          `--older-than-minutes must be a number >= 0, not "${options.olderThanMinutes}"`,
        )
      }
      const context = cliContext()
      const store = new LocalFileStore(context.config.dataDir)
      const result = await withDatabase(context, (handle) =>
        sweepFiles(store, () => referencedFiles(handle.db), {
          graceMs: minutes * 60_000,
          dryRun: options.dryRun ?? false,
        }),
      )
      const summary = {
        dryRun: options.dryRun ?? false,
        orphaned: result.orphaned.length,
        orphanedBytes: result.orphaned.reduce((sum, entry) => sum + entry.size, 0),
        temporary: result.temporary.length,
        kept: result.kept,
      }
      if (format === 'json') printJson(summary)
      else {
        const verb = summary.dryRun ? 'Would remove' : 'Removed'
        process.stdout.write(
          `${verb} ${summary.orphaned} orphaned files (${summary.orphanedBytes} bytes) and ${summary.temporary} temporary files; kept ${summary.kept} younger than ${minutes} minutes.\n`,
        )
      }
    })
}
