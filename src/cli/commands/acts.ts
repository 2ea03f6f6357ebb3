/**
 * @module
 * `acts import`, `acts list`, `acts set-effective`.
 */
import type { Command } from 'commander'
import { bundledActs, listActs } from '../../acts/index.js'
import { type ImportResult, importActFile, setEffectiveDate } from '../../catalog/index.js'
import { InputError } from '../../core/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, parseFormat, printJson } from '../output.js'
import { createProgress } from '../progress.js'

function describeResult(r: ImportResult): string {
  if (r.status === 'unchanged') return `${r.file}: act ${r.act} already imported, nothing changed`
  const sections = Object.entries(r.rowsPerSection)
    .map(([s, n]) => `section ${s}: ${n}`)
    .join(', ')
  const count = (n: number, one: string, many: string) => n > 0 && `${n} ${n === 1 ? one : many}`
  const parts = [
    sections && `rows (${sections})`,
    count(r.deletedRows, 'deleted row', 'deleted rows'),
    count(r.sectionTitles, 'section title', 'section titles'),
    count(r.glossaryEntries, 'glossary entry', 'glossary entries'),
    count(r.indicators, 'indicator', 'indicators'),
    count(r.flaggedRows, 'row flagged for review', 'rows flagged for review'),
  ].filter(Boolean)
  return `${r.file}: act ${r.act} (${r.kind}) ${r.status === 'replaced' ? 're-imported' : 'imported'}${parts.length ? `: ${parts.join('; ')}` : ''}`
}

export function registerActsCommands(program: Command): void {
  const acts = program.command('acts').description('legal acts: import and list')

  acts
    .command('import')
    .description(
      'import act text files (each in one transaction; the same file twice changes nothing)',
    )
    .argument('[files...]', 'act text files')
    .option('--bundled', 'import the acts shipped in data/acts')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (files: string[], options: { bundled?: boolean; format: string }) => {
      const format = parseFormat(options.format)
      const paths = [...(options.bundled ? bundledActs().map((a) => a.path) : []), ...files]
      if (paths.length === 0) throw new InputError('name act files to import, or use --bundled')
      const context = cliContext()
      await withDatabase(context, async (handle) => {
        const progress = createProgress('Importing acts', paths.length)
        const results: ImportResult[] = []
        try {
          for (const path of paths) {
            results.push(await importActFile(handle.db, path))
            progress.tick(1, results.at(-1)!.file)
          }
        } finally {
          progress.stop()
        }
        if (format === 'json') printJson({ results })
        else process.stdout.write(`${results.map(describeResult).join('\n')}\n`)
      })
    })

  acts
    .command('list')
    .description('list imported acts with their dates and status')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const list = await listActs(handle.db)
        if (format === 'json') {
          printJson({ acts: list })
          return
        }
        process.stdout.write(
          `${formatTable(list, [
            { header: 'id', value: (a) => a.id },
            { header: 'number', value: (a) => a.number },
            { header: 'date', value: (a) => a.date },
            { header: 'reg.', value: (a) => a.registration },
            { header: 'lang', value: (a) => a.language },
            { header: 'kind', value: (a) => a.kind },
            { header: 'amends', value: (a) => a.amends },
            {
              header: 'in force from',
              value: (a) =>
                a.effectiveFrom &&
                `${a.effectiveFrom}${a.effectiveFromKind === 'after-publication-earliest' ? ' (earliest)' : ''}`,
            },
            { header: 'repealed on', value: (a) => a.repealedOn },
          ])}\n`,
        )
      })
    })

  acts
    .command('set-effective')
    .description(
      'record the day an act took effect when its text leaves it open (after publication)',
    )
    .argument('<act>', 'act id, e.g. 142')
    .argument('<date>', 'YYYY-MM-DD')
    .action(async (id: string, date: string) => {
      await withDatabase(cliContext(), async (handle) => {
        await setEffectiveDate(handle.db, id, date, 'cli')
        process.stdout.write(`Act ${id} takes effect on ${date}.\n`)
      })
    })
}
