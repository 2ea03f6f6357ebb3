/**
 * @module
 * `automation coverage`: how the rows of Appendix 1 (158/2016 and the rows 304 restated) fall
 * into the automation patterns e-akimat runs, per level, with the central systems' coverage; as
 * a table, JSON, or the row-by-row CSV written to a file.
 */
import type { Command } from 'commander'
import {
  COVERAGE_CATEGORIES,
  type CoverageReport,
  coverageCsv,
  coverageReport,
} from '../../automation/index.js'
import { importBundledActs, loadCatalogSnapshot, writeAtomically } from '../../catalog/index.js'
import { InputError } from '../../core/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, printJson } from '../output.js'

const SECTION_NAMES: Record<number, string> = { 1: 'region', 2: 'district', 3: 'rural' }

function summary(report: CoverageReport) {
  return {
    totals: report.totals,
    sections: report.sections.map((s) => ({
      architecture: s.architecture,
      section: s.section,
      level: SECTION_NAMES[s.section] ?? String(s.section),
      rows: s.rows,
      counts: s.counts,
      central: s.central,
      examples: Object.fromEntries(
        Object.entries(s.examples).map(([category, items]) => [
          category,
          (items ?? []).map((i) => i.key),
        ]),
      ),
    })),
  }
}

export function registerAutomationCommands(program: Command): void {
  const automation = program
    .command('automation')
    .description('the executable typical architecture: automation patterns of Appendix 1')
  automation
    .command('coverage')
    .description('how many rows of each level fall into each automation pattern')
    .option('--format <format>', 'output: table, json, or csv (row by row, to --out)', 'table')
    .option('--out <file>', 'write the CSV to this file')
    .action(async (options: { format: string; out?: string }) => {
      const format = options.format
      if (!['table', 'json', 'csv'].includes(format)) {
        throw new InputError(`--format is table, json or csv, not "${format}"`)
      }
      if (format === 'csv' && !options.out) throw new InputError('--format csv needs --out FILE')
      await withDatabase(cliContext(), async ({ db }) => {
        let snapshot = await loadCatalogSnapshot(db)
        if (snapshot.acts.length === 0) {
          process.stderr.write('No acts imported yet: importing the bundled acts first.\n')
          await importBundledActs(db)
          snapshot = await loadCatalogSnapshot(db)
        }
        const report = coverageReport(snapshot)
        if (format === 'json') {
          printJson(summary(report))
          return
        }
        if (format === 'csv') {
          await writeAtomically(options.out!, coverageCsv(report))
          process.stdout.write(`Wrote ${report.rows.length} rows to ${options.out}\n`)
          return
        }
        const columns = [
          {
            header: 'Rows of',
            value: (s: CoverageReport['sections'][number]) =>
              `${s.architecture} §${s.section} ${SECTION_NAMES[s.section] ?? ''}`,
          },
          { header: 'Rows', value: (s: CoverageReport['sections'][number]) => s.rows },
          ...COVERAGE_CATEGORIES.map((category) => ({
            header: category.replace('none:', '∅ '),
            value: (s: CoverageReport['sections'][number]) => s.counts[category],
          })),
        ]
        process.stdout.write(`${formatTable(report.sections, columns)}\n`)
      })
    })
}
