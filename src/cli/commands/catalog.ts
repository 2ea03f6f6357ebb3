/**
 * @module
 * `catalog export` and `catalog show`.
 */

import { readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { actLines } from '../../acts/index.js'
import {
  type CatalogExchangeFormat,
  checkDate,
  exportCatalog,
  findRowVersion,
  importBundledActs,
  loadCatalogSnapshot,
  noticesOn,
  todayInKazakhstan,
  writeCatalogCsv,
  writeCatalogExchange,
  writeCatalogXlsx,
} from '../../catalog/index.js'
import { InputError, NotFoundError } from '../../core/index.js'
import { checkArchimateStructure, checkBackstageEntities } from '../../exchange/index.js'
import { SEARCH_KINDS, type SearchKind, searchIndexFor } from '../../search/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, parseFormat, printJson } from '../output.js'

export function registerCatalogCommands(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the typical architecture read from the acts')

  catalog
    .command('export')
    .description('export the catalogue (every version, or what is in force on a date)')
    .option(
      '--format <format>',
      'output: json (to stdout or --out); csv, xlsx, archimate (ArchiMate exchange XML) or ' +
        'backstage (Backstage catalog-info.yaml), each to --out',
      'json',
    )
    .option(
      '--at <date>',
      'only what is in force on this day (YYYY-MM-DD); archimate and backstage default to today',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--check',
      'archimate and backstage: read the written file back and check its structure (exit 2 on a problem)',
    )
    .addHelpText(
      'after',
      '\nArchiMate: a Grouping per level, a BusinessFunction per group and per row, an\n' +
        'ApplicationComponent per information system (Serving the rows that name it), a\n' +
        'DataObject per information resource (accessed by its rows) and a BusinessActor per\n' +
        'responsible unit (assigned to its rows). Backstage: Groups for the akimat, its units and\n' +
        'the e-government side, a System and a Component per information system, a Resource per\n' +
        'information resource. Files are written whole or not at all; --check reads them back\n' +
        'and checks their structure.\n' +
        'Example: e-akimat catalog export --format archimate --at 2017-06-01 --out model.xml',
    )
    .action(async (options: { format: string; at?: string; out?: string; check?: boolean }) => {
      const format = options.format
      if (!['json', 'csv', 'xlsx', 'archimate', 'backstage'].includes(format)) {
        throw new InputError(
          `--format must be one of json, csv, xlsx, archimate, backstage, not "${format}"`,
        )
      }
      if (format !== 'json' && !options.out) {
        throw new InputError(`--format ${format} writes a file: name it with --out FILE`)
      }
      if (options.check && format !== 'archimate' && format !== 'backstage') {
        throw new InputError('--check works with --format archimate or backstage')
      }
      if (format === 'archimate' || format === 'backstage') {
        const at = checkDate(options.at ?? todayInKazakhstan())
        await withDatabase(cliContext(), async (handle) => {
          const snapshot = await loadCatalogSnapshot(handle.db)
          const written = await writeCatalogExchange(
            snapshot,
            format as CatalogExchangeFormat,
            options.out!,
            { at },
          )
          const what =
            format === 'archimate'
              ? `${written.elements} elements and ${written.relationships} relationships`
              : `${written.elements} entities`
          const notes = noticesOn(snapshot, at).map((n) =>
            n.kind === 'nothing-in-force'
              ? `nothing is in force on ${at}, so the ${format === 'archimate' ? 'model' : 'file'} holds no functions`
              : `the text of act ${n.architecture} is not loaded: only the rows its amendments restate are included`,
          )
          if (options.check) {
            const text = await readFile(options.out!, 'utf8')
            const problems =
              format === 'archimate' ? checkArchimateStructure(text) : checkBackstageEntities(text)
            if (problems.length) {
              throw new Error(
                `${options.out} has ${problems.length} structural problems: ${problems.slice(0, 5).join('; ')}`,
              )
            }
            notes.push('checked: no structural problems')
          }
          process.stderr.write(
            `Wrote ${what} (${written.rows} rows in force on ${at}) to ${options.out}` +
              `${notes.length ? `; note: ${notes.join('; ')}` : ''}\n`,
          )
        })
        return
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

  catalog
    .command('search')
    .description('search rows, systems, glossary and indicators (Kazakh and Russian word forms)')
    .argument('<query>', 'words to find, e.g. "өтініштерді тіркеу" or "ПЭП"')
    .option('--limit <n>', 'how many results', '10')
    .option('--at <date>', 'only what is in force on this day (YYYY-MM-DD); default: every version')
    .option('--kind <kinds>', `only these kinds, comma-separated: ${SEARCH_KINDS.join(', ')}`)
    .option('--format <format>', 'output: table or json', 'table')
    .action(
      async (
        query: string,
        options: { limit: string; at?: string; kind?: string; format: string },
      ) => {
        const format = parseFormat(options.format)
        if (!/^\d{1,4}$/.test(options.limit) || Number(options.limit) < 1) {
          throw new InputError(`--limit must be a number from 1 to 9999, not "${options.limit}"`)
        }
        const at = options.at ? checkDate(options.at) : null
        const kinds = options.kind?.split(',').map((k) => k.trim())
        for (const kind of kinds ?? []) {
          if (!(SEARCH_KINDS as readonly string[]).includes(kind)) {
            throw new InputError(`--kind must be among ${SEARCH_KINDS.join(', ')}, not "${kind}"`)
          }
        }
        const context = cliContext()
        await withDatabase(context, async (handle) => {
          let snapshot = await loadCatalogSnapshot(handle.db)
          if (snapshot.acts.length === 0) {
            // A new database: the same first step as `serve`.
            process.stderr.write('No acts imported yet: importing the bundled acts first.\n')
            await importBundledActs(handle.db)
            snapshot = await loadCatalogSnapshot(handle.db)
          }
          for (const notice of at ? noticesOn(snapshot, at) : []) {
            if (notice.kind !== 'nothing-in-force') continue
            const periods = notice.periods
              .map((p) => `${p.architecture}: ${p.from ?? '?'} – ${p.lastDay ?? 'open'}`)
              .join('; ')
            process.stderr.write(
              `Note: no loaded text is in force on ${at}; loaded periods: ${periods}\n`,
            )
          }
          const response = searchIndexFor(snapshot).search(query, {
            limit: Number(options.limit),
            at,
            kinds: kinds as SearchKind[] | undefined,
          })
          const results = response.hits.map((h) => ({
            kind: h.kind,
            act: h.act,
            section: h.section,
            number: h.number,
            function: h.function,
            score: h.score,
          }))
          if (format === 'json') {
            printJson({ results })
            return
          }
          const cut = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text)
          process.stdout.write(
            `${formatTable(response.hits, [
              { header: 'kind', value: (h) => h.kind },
              { header: 'act', value: (h) => h.act },
              {
                header: 'where',
                value: (h) => (h.section === null ? '' : `${h.section}.${h.number ?? ''}`),
              },
              { header: 'text', value: (h) => cut(h.function) },
              { header: 'score', value: (h) => h.score.toFixed(2) },
            ])}\n${response.total} found${response.partial ? ' (no result has every word: these have some)' : ''}\n`,
          )
        })
      },
    )
}
