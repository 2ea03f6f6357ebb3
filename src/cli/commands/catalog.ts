/**
 * @module
 * `catalog export` and `catalog show`.
 */

import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { actLines } from '../../acts/index.js'
import {
  exportCatalog,
  findRowVersion,
  writeCatalogCsv,
  writeCatalogXlsx,
} from '../../catalog/index.js'
import { InputError, NotFoundError } from '../../core/index.js'
import { cliContext, withDatabase } from '../context.js'
import { parseFormat, printJson } from '../output.js'

export function registerCatalogCommands(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the typical architecture read from the acts')

  catalog
    .command('export')
    .description('export the catalogue (every version, or what is in force on a date)')
    .option(
      '--format <format>',
      'output: json (to stdout or --out), csv or xlsx (to --out)',
      'json',
    )
    .option('--at <date>', 'only what is in force on this day (YYYY-MM-DD)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { format: string; at?: string; out?: string }) => {
      const format = options.format
      if (!['json', 'csv', 'xlsx'].includes(format)) {
        throw new InputError(`--format must be one of json, csv, xlsx, not "${format}"`)
      }
      if (format !== 'json' && !options.out) {
        throw new InputError(`--format ${format} writes a file: name it with --out FILE`)
      }
      await withDatabase(cliContext(), async (handle) => {
        const exported = await exportCatalog(handle.db, { at: options.at })
        if (format === 'csv') await writeCatalogCsv(exported, options.out!)
        else if (format === 'xlsx') await writeCatalogXlsx(exported, options.out!)
        else if (options.out) {
          await writeFile(options.out, `${JSON.stringify(exported, null, 2)}\n`).catch((error) => {
            throw new InputError(
              `Cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : (error as Error).message}`,
            )
          })
        } else printJson(exported)
        if (options.out) {
          process.stderr.write(`Wrote ${exported.rows.length} rows to ${options.out}\n`)
          for (const notice of exported.notices) process.stderr.write(`Note: ${notice}\n`)
        }
      })
    })

  catalog
    .command('show')
    .description('show one row of an act with the original lines it was read from')
    .requiredOption('--act <id>', 'act id, e.g. 158')
    .requiredOption('--section <n>', 'section number')
    .requiredOption('--row <n>', 'row number')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { act: string; section: string; row: string; format: string }) => {
      const format = parseFormat(options.format)
      for (const [name, value] of [
        ['--section', options.section],
        ['--row', options.row],
      ] as const) {
        if (!/^\d{1,4}$/.test(value))
          throw new InputError(`${name} must be a number, not "${value}"`)
      }
      await withDatabase(cliContext(), async (handle) => {
        const row = await findRowVersion(
          handle.db,
          options.act,
          Number(options.section),
          Number(options.row),
        )
        if (!row) {
          throw new NotFoundError(
            `Act ${options.act} has no row ${options.row} in section ${options.section}` +
              (options.act === '304'
                ? ' (rows of order 304 are read from its amending acts: use --act 142 or --act 352)'
                : ''),
          )
        }
        const [first, last] = row.lines
        const original = (await actLines(handle.db, options.act))
          .slice(first - 1, last)
          .map((text, i) => ({ line: first + i, text }))
        if (format === 'json') {
          printJson({ row, original })
          return
        }
        const list = (items: string[]) => items.join('; ') || '—'
        process.stdout.write(
          [
            `Act ${row.act}, section ${row.section}, row ${row.number} (lines ${first}–${last})`,
            `Valid: ${row.validFrom ?? '?'} – ${row.validTo ?? 'open'}${row.status === 'deleted' ? ' (deleted)' : ''}`,
            `Group:     ${row.group ?? '—'}`,
            `Function:  ${row.function}`,
            `Systems:   ${list(row.systems)}`,
            `Approach:  ${row.approach ?? '—'}`,
            `Resources: ${list(row.resources)}`,
            `Unit:      ${row.unit ?? '—'}`,
            `Flags:     ${list(row.flags)}`,
            '',
            'Original lines:',
            ...original.map((o) => `${String(o.line).padStart(6)}  ${o.text}`),
            '',
          ].join('\n'),
        )
      })
    })
}
