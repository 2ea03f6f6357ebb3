/**
 * @module
 * Printing data on the command line: `--format json` for programs, `--format table` for people.
 */
import { InputError } from '../core/index.js'

export const FORMATS = ['table', 'json'] as const
export type Format = (typeof FORMATS)[number]

export function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format
  throw new InputError(`--format must be one of ${FORMATS.join(', ')}, not "${value}"`)
}

export interface Column<Row> {
  header: string
  value: (row: Row) => string | number | null | undefined
}

/**
 * Lays rows out as a text table with a header line; column widths follow the widest cell
 * (counting characters, so Kazakh and Russian text aligns).
 */
export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => String(c.value(row) ?? '—')))
  const widths = columns.map((c, i) =>
    Math.max([...c.header].length, ...cells.map((r) => [...(r[i] ?? '')].length)),
  )
  const line = (values: string[]) =>
    values
      .map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...v].length)))
      .join('  ')
      .trimEnd()
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n')
}

export function printJson(data: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`${JSON.stringify(data, null, 2)}\n`)
}
