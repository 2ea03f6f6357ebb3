/**
 * @module
 * The catalogue's JSON API: levels, rows (with CSV/XLSX of any filtered list), one row with its
 * history, systems, coverage, acts, changes between two dates or acts, and search. Every list
 * takes the `at` date; the filters are those of the pages, read by the same code. The whole
 * catalogue as at a date also comes in the exchange formats (ArchiMate XML, Backstage YAML).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { actLines } from '../../acts/index.js'
import {
  actEntries,
  coverage,
  diffCatalog,
  filterRows,
  findActEntry,
  findSystem,
  noticesOn,
  ROW_COLUMNS,
  rowId,
  rowsInForce,
  rowWithHistory,
  SYSTEM_ENTRY_COLUMNS,
  type SystemEntry,
  summarizeLevels,
  systemEntry,
  systemsDirectory,
} from '../../catalog/index.js'
import { InputError } from '../../core/index.js'
import { SEARCH_RESULT_COLUMNS } from '../../search/index.js'
import { atParam, diffSideParam, rowFilters, searchFromQuery } from '../catalog-params.js'
import type { AppEnv } from '../context.js'
import { downloadFormat, exchangeFormat, sendCatalogExchange, sendTable } from '../downloads.js'
import { json } from './openapi.js'

const at = z.string().optional().openapi({
  description: 'Show what is in force on this day (YYYY-MM-DD); default: today in Kazakhstan',
  example: '2022-11-01',
})
const format = z
  .enum(['json', 'csv', 'xlsx'])
  .optional()
  .openapi({ description: 'json (default), or a CSV / XLSX download of the same list' })

const RowSchema = z
  .object({
    id: z.string().openapi({ example: '158:1.6' }),
    act: z.string(),
    architecture: z.string(),
    section: z.number().int(),
    number: z.number().int(),
    group: z.string().nullable(),
    function: z.string(),
    systems: z.array(z.string()).openapi({ description: 'As printed' }),
    systemIds: z.array(z.string()),
    approach: z.string().nullable(),
    levels: z.array(z.object({ level: z.number().int(), text: z.string() })),
    resources: z.array(z.string()),
    unit: z.string().nullable(),
    language: z.string(),
    lines: z.tuple([z.number().int(), z.number().int()]),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable().openapi({ description: 'Exclusive; null = open' }),
    flags: z.array(z.string()),
    status: z.literal('deleted').optional(),
  })
  .openapi('CatalogRow')

const NoticeSchema = z.record(z.string(), z.unknown()).openapi('CatalogNotice', {
  description:
    'What the date cannot show: { kind: "nothing-in-force", at, periods } or { kind: "base-text-missing", architecture, acts }',
})

const SystemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string().nullable(),
    aliases: z.array(z.string()),
    expansion: z.string().nullable(),
    pair: z.string().nullable(),
  })
  .openapi('InformationSystem')

const SystemEntrySchema = z
  .object({
    system: SystemSchema,
    pair: SystemSchema.nullable(),
    expansions: z.array(
      z.object({ language: z.string(), text: z.string(), act: z.string().nullable() }),
    ),
    rowCount: z.number().int(),
    rowsPerLevel: z.array(z.object({ section: z.number().int(), rows: z.array(z.string()) })),
    units: z.array(z.string()),
  })
  .openapi('InformationSystemEntry')

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error')
const errors = {
  400: json(ErrorSchema, 'A parameter is not valid (message in the interface language)'),
  404: json(ErrorSchema, 'Not found'),
}

const levelsRoute = createRoute({
  method: 'get',
  path: '/api/catalog/levels',
  tags: ['catalogue'],
  summary: 'Levels (sections) with their titles and groups, with counts, as at a date',
  request: { query: z.object({ at }) },
  responses: {
    200: json(
      z.object({
        at: z.string(),
        levels: z.array(
          z.object({
            section: z.number().int(),
            title: z
              .object({ title: z.string(), act: z.string(), language: z.string() })
              .nullable(),
            rows: z.number().int(),
            withSystem: z.number().int(),
            groups: z.array(
              z.object({
                name: z.string().nullable(),
                rows: z.number().int(),
                withSystem: z.number().int(),
              }),
            ),
          }),
        ),
        notices: z.array(NoticeSchema),
      }),
      'Levels and groups',
    ),
    ...errors,
  },
})

const rowsRoute = createRoute({
  method: 'get',
  path: '/api/catalog/rows',
  tags: ['catalogue'],
  summary: 'Rows in force on a date, filtered; JSON, CSV or XLSX',
  request: {
    query: z.object({
      at,
      section: z.string().optional().openapi({ description: 'Level: 1, 2 or 3' }),
      group: z.string().optional().openapi({ description: 'Group as printed' }),
      system: z.string().optional().openapi({ description: 'Information system id' }),
      unit: z.string().optional().openapi({ description: 'Responsible unit as printed' }),
      automationLevel: z.string().optional().openapi({ description: 'Automation level number' }),
      withoutSystem: z
        .string()
        .optional()
        .openapi({ description: '1: only rows naming no system' }),
      format,
    }),
  },
  responses: {
    200: {
      description: 'The rows (CSV and XLSX as attachments)',
      content: {
        'application/json': {
          schema: z.object({
            at: z.string(),
            total: z.number().int(),
            rows: z.array(RowSchema),
            notices: z.array(NoticeSchema),
          }),
        },
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    ...errors,
  },
})

const rowRoute = createRoute({
  method: 'get',
  path: '/api/catalog/rows/{act}/{section}/{number}',
  tags: ['catalogue'],
  summary: 'One row version with its systems, original lines and history',
  request: {
    params: z.object({
      act: z.string().openapi({ example: '158' }),
      section: z
        .string()
        .regex(/^\d{1,4}$/)
        .openapi({ example: '1' }),
      number: z
        .string()
        .regex(/^\d{1,5}$/)
        .openapi({ example: '6' }),
    }),
  },
  responses: {
    200: json(
      z.object({
        row: RowSchema,
        systems: z.array(
          z.object({ id: z.string(), printed: z.string(), system: SystemSchema.nullable() }),
        ),
        history: z.array(
          z.object({
            id: z.string(),
            act: z.string(),
            language: z.string(),
            validFrom: z.string().nullable(),
            validTo: z.string().nullable(),
            change: z.enum(['printed', 'restated', 'deleted']),
          }),
        ),
        original: z.array(z.object({ line: z.number().int(), text: z.string() })),
      }),
      'The row',
    ),
    ...errors,
  },
})

const systemsRoute = createRoute({
  method: 'get',
  path: '/api/catalog/systems',
  tags: ['catalogue'],
  summary: 'Information systems with expansions, aliases, rows per level and units',
  request: {
    query: z.object({
      at,
      all: z.string().optional().openapi({ description: '1: every system of every version' }),
      format,
    }),
  },
  responses: {
    200: json(
      z.object({
        at: z.string().nullable(),
        systems: z.array(SystemEntrySchema),
        notices: z.array(NoticeSchema),
      }),
      'Systems',
    ),
    ...errors,
  },
})

const systemRoute = createRoute({
  method: 'get',
  path: '/api/catalog/systems/{id}',
  tags: ['catalogue'],
  summary: 'One information system and the rows that name it',
  request: { params: z.object({ id: z.string() }), query: z.object({ at }) },
  responses: {
    200: json(
      z.object({ at: z.string().nullable(), system: SystemEntrySchema, rows: z.array(RowSchema) }),
      'The system',
    ),
    ...errors,
  },
})

const coverageRoute = createRoute({
  method: 'get',
  path: '/api/catalog/coverage',
  tags: ['catalogue'],
  summary: 'How many functions name a system, per level and group; top systems; rows without',
  request: { query: z.object({ at }) },
  responses: {
    200: json(
      z.object({
        at: z.string(),
        total: z.number().int(),
        withSystem: z.number().int(),
        levels: z.array(z.record(z.string(), z.unknown())),
        topSystems: z.array(z.object({ id: z.string(), name: z.string(), rows: z.number().int() })),
        withoutSystem: z.array(z.string()).openapi({ description: 'Row ids' }),
        notices: z.array(NoticeSchema),
      }),
      'Coverage',
    ),
    ...errors,
  },
})

const ActSchema = z
  .object({
    act: z.record(z.string(), z.unknown()),
    status: z.enum(['not-yet', 'in-force', 'repealed']),
    rowsPrinted: z.array(z.object({ section: z.number().int(), rows: z.number().int() })),
    rowsDeleted: z.array(z.string()),
    sectionTitles: z.number().int(),
    glossaryEntries: z.number().int(),
    indicators: z.number().int(),
  })
  .openapi('CatalogAct')

const actsRoute = createRoute({
  method: 'get',
  path: '/api/catalog/acts',
  tags: ['catalogue'],
  summary: 'Imported acts with their status on a date and what each changed',
  request: { query: z.object({ at }) },
  responses: {
    200: json(z.object({ at: z.string(), acts: z.array(ActSchema) }), 'Acts'),
    ...errors,
  },
})

const actRoute = createRoute({
  method: 'get',
  path: '/api/catalog/acts/{id}',
  tags: ['catalogue'],
  summary: 'One act',
  request: { params: z.object({ id: z.string() }), query: z.object({ at }) },
  responses: { 200: json(z.object({ at: z.string(), act: ActSchema }), 'The act'), ...errors },
})

const changesRoute = createRoute({
  method: 'get',
  path: '/api/catalog/changes',
  tags: ['catalogue'],
  summary: 'Rows added, removed and changed between two dates or two acts',
  request: {
    query: z.object({
      from: z.string().optional().openapi({
        description: 'Required: a date (YYYY-MM-DD) or an act id (the day it took effect)',
        example: '2021-05-03',
      }),
      to: z.string().optional().openapi({ description: 'Required: as `from`', example: '142' }),
    }),
  },
  responses: {
    200: json(
      z.object({
        from: z.object({ at: z.string(), act: z.string().nullable() }),
        to: z.object({ at: z.string(), act: z.string().nullable() }),
        added: z.number().int(),
        removed: z.number().int(),
        changed: z.number().int(),
        changes: z.array(
          z.object({
            key: z.string(),
            section: z.number().int(),
            number: z.number().int(),
            change: z.enum(['added', 'removed', 'changed']),
            before: RowSchema.nullable(),
            after: RowSchema.nullable(),
            fields: z.array(z.string()),
          }),
        ),
      }),
      'The changes',
    ),
    ...errors,
  },
})

const exchangeRoute = createRoute({
  method: 'get',
  path: '/api/catalog/exchange',
  tags: ['catalogue'],
  summary:
    'The whole catalogue in force on a date as an ArchiMate exchange file or Backstage entities',
  description:
    'archimate: The Open Group ArchiMate Model Exchange File Format 3.1 (a Grouping per level, a ' +
    'BusinessFunction per group and per row, an ApplicationComponent per information system, a ' +
    'DataObject per information resource, a BusinessActor per responsible unit). backstage: a ' +
    'multi-document catalog-info.yaml (Groups, a System and a Component per information system, ' +
    'a Resource per information resource).',
  request: {
    query: z.object({
      at,
      format: z.string().optional().openapi({
        description: 'Required: archimate (application/xml) or backstage (application/yaml)',
        example: 'archimate',
      }),
    }),
  },
  responses: {
    200: {
      description: 'The file, as an attachment',
      content: {
        'application/xml': { schema: z.string() },
        'application/yaml': { schema: z.string() },
      },
    },
    ...errors,
  },
})

const SegmentSchema = z.object({ text: z.string(), match: z.boolean() })
const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['catalogue'],
  summary: 'Search rows, systems, glossary and indicators (Kazakh and Russian word forms)',
  request: {
    query: z.object({
      q: z.string().optional().openapi({
        description: 'Words to find (required), 200 characters at most',
        example: 'өтініштерді тіркеу',
      }),
      at: z
        .string()
        .optional()
        .openapi({ description: 'Only what is in force on this day; default: every version' }),
      kind: z
        .string()
        .optional()
        .openapi({ description: 'Comma-separated: row, system, glossary, indicator' }),
      section: z.string().optional().openapi({ description: 'Only rows of this level (1, 2, 3)' }),
      limit: z
        .string()
        .optional()
        .openapi({ description: '1–200, default 50; for a download 1–5000, default all' }),
      format,
    }),
  },
  responses: {
    200: json(
      z.object({
        query: z.string(),
        total: z.number().int(),
        partial: z.boolean(),
        results: z.array(
          z.object({
            kind: z.enum(['row', 'system', 'glossary', 'indicator']),
            ref: z.string(),
            act: z.string().nullable(),
            section: z.number().int().nullable(),
            number: z.number().int().nullable(),
            function: z.string(),
            detail: z.string(),
            language: z.string(),
            validFrom: z.string().nullable(),
            validTo: z.string().nullable(),
            score: z.number(),
            highlights: z.object({
              title: z.array(SegmentSchema),
              detail: z.array(SegmentSchema),
              snippet: z.array(SegmentSchema),
            }),
          }),
        ),
      }),
      'Results, best first',
    ),
    ...errors,
  },
})

const entryJson = (e: SystemEntry) => ({
  system: e.system,
  pair: e.pair,
  expansions: e.expansions,
  rowCount: e.rowCount,
  rowsPerLevel: e.rowsBySection.map((s) => ({ section: s.section, rows: s.rows.map((r) => r.id) })),
  units: e.units,
})

export function registerCatalogApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(levelsRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { at } = atParam(c)
    const levels = summarizeLevels(snapshot, filterRows(snapshot, { at }), at).map((l) => ({
      ...l,
      title: l.title
        ? { title: l.title.title, act: l.title.act, language: l.title.language }
        : null,
    }))
    return c.json({ at, levels, notices: noticesOn(snapshot, at) }, 200)
  })

  app.openapi(rowsRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const filters = rowFilters(c)
    const rows = filterRows(snapshot, filters)
    const format = downloadFormat(c)
    if (format) {
      const download = {
        name: `e-akimat-rows-${filters.at}`,
        sheet: 'Rows',
        columns: ROW_COLUMNS,
        items: rows,
      }
      return (await sendTable(c, format, download)) as never
    }
    return c.json(
      { at: filters.at, total: rows.length, rows, notices: noticesOn(snapshot, filters.at) },
      200,
    )
  })

  app.openapi(rowRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { act, section, number } = c.req.valid('param')
    const { row, history, systems } = rowWithHistory(
      snapshot,
      rowId(act, Number(section), Number(number)),
    )
    const lines = await actLines(c.get('services').database.db, row.act)
    const original = lines
      .slice(row.lines[0] - 1, row.lines[1])
      .map((text, i) => ({ line: row.lines[0] + i, text }))
    return c.json({ row, systems, history, original }, 200)
  })

  app.openapi(systemsRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const all = c.req.query('all') === '1'
    const { at } = atParam(c)
    const entries = systemsDirectory(snapshot, all ? null : at)
    const format = downloadFormat(c)
    if (format) {
      const name = `e-akimat-systems-${all ? 'all' : at}`
      const download = { name, sheet: 'Systems', columns: SYSTEM_ENTRY_COLUMNS, items: entries }
      return (await sendTable(c, format, download)) as never
    }
    return c.json(
      {
        at: all ? null : at,
        systems: entries.map(entryJson),
        notices: all ? [] : noticesOn(snapshot, at),
      },
      200,
    )
  })

  app.openapi(systemRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const at = atParam(c)
    const system = findSystem(snapshot, c.req.valid('param').id)
    const rows = at.explicit ? rowsInForce(snapshot, at.at) : snapshot.rows.filter((r) => !r.status)
    const entry = systemEntry(snapshot, system, rows)
    return c.json(
      {
        at: at.explicit ? at.at : null,
        system: entryJson(entry),
        rows: entry.rowsBySection.flatMap((s) => s.rows),
      },
      200,
    )
  })

  app.openapi(coverageRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { at } = atParam(c)
    const result = coverage(snapshot, at)
    return c.json(
      {
        ...result,
        levels: result.levels.map((l) => ({ ...l, title: l.title?.title ?? null })),
        withoutSystem: result.withoutSystem.map((r) => r.id),
        notices: noticesOn(snapshot, at),
      },
      200,
    )
  })

  const actJson = (e: ReturnType<typeof actEntries>[number]) => ({
    ...e,
    act: e.act as Record<string, unknown>,
    rowsDeleted: e.rowsDeleted.map((r) => r.id),
  })

  app.openapi(actsRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { at } = atParam(c)
    return c.json({ at, acts: actEntries(snapshot, at).map(actJson) }, 200)
  })

  app.openapi(actRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { at } = atParam(c)
    return c.json({ at, act: actJson(findActEntry(snapshot, c.req.valid('param').id, at)) }, 200)
  })

  app.openapi(changesRoute, async (c) => {
    const snapshot = await c.get('services').catalog.get()
    const { from, to } = c.req.valid('query')
    const t = c.get('t')
    if (!from) throw new InputError(t('catalog.error.required', { name: 'from' }))
    if (!to) throw new InputError(t('catalog.error.required', { name: 'to' }))
    return c.json(
      diffCatalog(
        snapshot,
        diffSideParam(c, snapshot, 'from', from),
        diffSideParam(c, snapshot, 'to', to),
      ),
      200,
    )
  })

  app.openapi(exchangeRoute, async (c) => {
    const format = exchangeFormat(c)
    const { at } = atParam(c)
    return (await sendCatalogExchange(c, format, at)) as never
  })

  app.openapi(searchRoute, async (c) => {
    const format = downloadFormat(c)
    const { response } = await searchFromQuery(c, { download: format !== undefined })
    if (!response) throw new InputError(c.get('t')('search.error.empty'))
    if (format) {
      const download = {
        name: 'e-akimat-search',
        sheet: 'Search',
        columns: SEARCH_RESULT_COLUMNS,
        items: response.hits,
      }
      return (await sendTable(c, format, download)) as never
    }
    return c.json(
      {
        query: response.query,
        total: response.total,
        partial: response.partial,
        results: response.hits,
      },
      200,
    )
  })
}
