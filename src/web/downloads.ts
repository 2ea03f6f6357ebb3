/**
 * @module
 * Any list as a download: CSV (UTF-8 with BOM) or XLSX, named by the server (never by the
 * request, so nothing a user typed reaches the Content-Disposition header); and the whole
 * catalogue as at a date in the exchange formats (ArchiMate XML, Backstage YAML).
 */
import type { Context } from 'hono'
import {
  type CatalogExchangeFormat,
  type Column,
  catalogExchangeFile,
  tableToCsv,
  tableToXlsx,
} from '../catalog/index.js'
import { InputError } from '../core/index.js'
import type { AppEnv } from './context.js'

export type DownloadFormat = 'csv' | 'xlsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Sends `items` as a file `name.format`; `sheet` names the XLSX worksheet. `name` must be made
 * by the server from constants and validated values.
 */
export async function sendTable<T>(
  c: Context<AppEnv>,
  format: DownloadFormat,
  download: { name: string; sheet: string; columns: Column<T>[]; items: readonly T[] },
): Promise<Response> {
  c.header('Content-Disposition', `attachment; filename="${download.name}.${format}"`)
  if (format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    return c.body(new Uint8Array(tableToCsv(download.columns, download.items)))
  }
  c.header('Content-Type', XLSX)
  const workbook = await tableToXlsx(download.sheet, download.columns, download.items)
  return c.body(new Uint8Array(workbook))
}

/** The `format` parameter of an API list: undefined for JSON, else the download format. */
export function downloadFormat(c: Context<AppEnv>): DownloadFormat | undefined {
  const wanted = c.req.query('format') ?? 'json'
  if (wanted === 'json') return undefined
  if (wanted === 'csv' || wanted === 'xlsx') return wanted
  throw new InputError(c.get('t')('catalog.error.format', { value: wanted }))
}

/**
 * The whole catalogue in force on `at` (a checked date) as an ArchiMate exchange file
 * (`e-akimat-archimate-DATE.xml`, application/xml) or Backstage entities (`catalog-info.yaml`,
 * application/yaml).
 */
export async function sendCatalogExchange(
  c: Context<AppEnv>,
  format: CatalogExchangeFormat,
  at: string,
): Promise<Response> {
  const snapshot = await c.get('services').catalog.get()
  const file = catalogExchangeFile(snapshot, format, { at })
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`)
  c.header('Content-Type', file.contentType)
  return c.body(file.text)
}

/** The `format` parameter of the catalogue's exchange download. */
export function exchangeFormat(c: Context<AppEnv>): CatalogExchangeFormat {
  const wanted = c.req.query('format') ?? ''
  if (wanted === 'archimate' || wanted === 'backstage') return wanted
  throw new InputError(c.get('t')('exchange.error.format', { value: wanted }))
}
