/**
 * @module
 * The target indicators' JSON API (Appendix 2 of the typical architecture), for the signed-in
 * user's session (cookie `eakimat_session`, from `/login` or `POST /api/session`): an akimat's
 * dashboard of a period, a value entered by hand (with the note saying where it comes from),
 * the computed values of a period recorded as versions, one indicator's versions, and one
 * indicator across the akimats of a region. Writes need the `X-CSRF-Token` header. The akimat
 * module checks every right: an akimat the user may not read is a 404, a value entered by
 * someone who may only read it a 403; errors come in the interface language.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  type Akimat,
  type Basis,
  checkPeriod,
  indicatorDashboard,
  recordComputedValues,
  recordIndicatorValue,
  regionComparison,
  type StoredValue,
} from '../../akimat/index.js'
import type { CatalogIndicator } from '../../catalog/index.js'
import { NotFoundError } from '../../core/index.js'
import { requireActor } from '../auth.js'
import type { AppEnv } from '../context.js'
import { currentPeriod, historyOf, userNames } from '../pages/akimat/indicators.js'
import { idParam, json } from './openapi.js'

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('IndicatorsError')
const errors = {
  400: json(ErrorSchema, 'The input is not valid (message in the interface language)'),
  401: json(ErrorSchema, 'Sign in first (session cookie)'),
  403: json(ErrorSchema, 'Only the akimat’s editors and administrators enter values (or CSRF)'),
  404: json(ErrorSchema, 'No such akimat or indicator, or you may not see it'),
}

const codeParam = idParam.extend({
  code: z
    .string()
    .max(20)
    .openapi({ param: { name: 'code', in: 'path' }, example: '1.2.6' }),
})
const periodQuery = z.object({
  period: z
    .string()
    .max(20)
    .optional()
    .openapi({ description: 'A year (2026) or a quarter (2026-Q3); default the current year' }),
})

const IndicatorSchema = z
  .object({
    code: z.string().openapi({ example: '1.2.6' }),
    title: z.string().openapi({ description: 'As printed in Kazakh in Appendix 2' }),
    unit: z.string().openapi({ description: 'As printed: %, Бірл. (count) or Балдар (points)' }),
    category: z.string(),
    group: z.string().nullable(),
  })
  .openapi('TargetIndicator')
const BasisSchema = z
  .object({
    numerator: z.number(),
    denominator: z.number().nullable(),
    counted: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Function keys or application channels counted' }),
  })
  .openapi('IndicatorBasis')
const StoredSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    period: z.string(),
    value: z.number().nullable(),
    source: z.enum(['manual', 'computed']),
    basis: BasisSchema.nullable(),
    note: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.number().int().nullable(),
  })
  .openapi('IndicatorValue')
const AkimatRefSchema = z
  .object({
    id: z.number().int(),
    nameKk: z.string(),
    nameRu: z.string(),
    level: z.enum(['region', 'district', 'rural']),
    kato: z.string().nullable().openapi({ description: 'null until the typical set is adopted' }),
  })
  .openapi('IndicatorAkimat')
const DashboardSchema = z
  .object({
    akimat: AkimatRefSchema,
    period: z.string(),
    adopted: z.boolean(),
    filled: z.object({
      computed: z.number().int(),
      manual: z.number().int(),
      manualTotal: z.number().int(),
    }),
    indicators: z.array(
      IndicatorSchema.extend({
        computed: z.boolean(),
        value: z.number().nullable().openapi({ description: 'null: no value' }),
        basis: BasisSchema.nullable().openapi({ description: 'What a computed value counted' }),
        stored: StoredSchema.nullable().openapi({ description: 'The last stored version' }),
        versions: z.number().int().openapi({ description: 'Stored versions in the period' }),
        trend: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
      }),
    ),
  })
  .openapi('IndicatorDashboard')
const ValueInputSchema = z
  .object({
    code: z.string().max(20).openapi({ example: '1.5.1' }),
    period: z.string().max(20).openapi({ example: '2026' }),
    value: z
      .union([z.number(), z.string().max(40)])
      .nullable()
      .optional()
      .openapi({ description: 'A number (a share 0–100, a count a whole number)' }),
    note: z
      .string()
      .max(10_000)
      .nullable()
      .optional()
      .openapi({ description: 'Where the value comes from (required)' }),
  })
  .openapi('IndicatorValueInput')

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

const akimatRef = (a: Akimat) => ({
  id: a.organisation.id,
  nameKk: a.organisation.nameKk,
  nameRu: a.organisation.nameRu,
  level: a.organisation.level,
  kato: a.profile?.kato ?? null,
})
const indicatorOf = (i: CatalogIndicator) => ({
  code: i.code,
  title: i.title,
  unit: i.unit,
  category: i.category,
  group: i.group,
})
const basisOf = (b: Basis | null) =>
  b ? { numerator: b.numerator, denominator: b.denominator, counted: b.counted } : null
const storedOf = (v: StoredValue) => ({ ...v, basis: basisOf(v.basis) })

/** The `period` query parameter, or the current year. */
const periodOf = (value: string | undefined) => checkPeriod(value?.trim() ? value : currentPeriod())

export function registerIndicatorsApi(app: OpenAPIHono<AppEnv>): void {
  const db = (c: Context<AppEnv>) => c.get('services').database.db
  const catalog = (c: Context<AppEnv>) => c.get('services').catalog.get()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/indicators',
      tags: ['indicators'],
      security: [{ session: [] }],
      summary: 'The 42 target indicators of a period: value, source, versions and trend',
      request: { params: idParam, query: periodQuery },
      responses: { 200: json(DashboardSchema, 'The dashboard'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const period = periodOf(c.req.valid('query').period)
      const dashboard = await indicatorDashboard(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
        period,
      )
      return c.json(
        {
          akimat: akimatRef(dashboard.akimat),
          period: dashboard.period,
          adopted: dashboard.akimat.profile !== null,
          filled: dashboard.filled,
          indicators: dashboard.entries.map((e) => ({
            ...indicatorOf(e.indicator),
            computed: e.computed,
            value: e.value,
            basis: basisOf(e.basis),
            stored: e.stored ? storedOf(e.stored) : null,
            versions: e.versions,
            trend: e.trend,
          })),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/akimats/{id}/indicators',
      tags: ['indicators'],
      security: [{ session: [] }],
      summary: 'Enter a value by hand, with a note saying where it comes from',
      request: { params: idParam, ...body(ValueInputSchema) },
      responses: { 201: json(StoredSchema, 'Stored as a new version'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const input = c.req.valid('json') as z.infer<typeof ValueInputSchema>
      const stored = await recordIndicatorValue(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
        { code: input.code, period: input.period, value: input.value, note: input.note },
      )
      return c.json(storedOf(stored), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/akimats/{id}/indicators/record',
      tags: ['indicators'],
      security: [{ session: [] }],
      summary: 'Record the computed values of a period as they are now (one version each)',
      request: {
        params: idParam,
        ...body(
          z
            .object({ period: z.string().max(20).openapi({ example: '2026' }) })
            .openapi('IndicatorRecordInput'),
        ),
      },
      responses: {
        200: json(
          z.object({
            written: z
              .array(StoredSchema)
              .openapi({ description: 'Those that changed since last recorded' }),
          }),
          'Recorded',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const written = await recordComputedValues(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
        (c.req.valid('json') as { period: string }).period,
      )
      return c.json({ written: written.map(storedOf) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/indicators/{code}/history',
      tags: ['indicators'],
      security: [{ session: [] }],
      summary: 'Every stored version of one indicator, in every period, newest first',
      request: { params: codeParam },
      responses: {
        200: json(
          z
            .object({
              indicator: IndicatorSchema,
              versions: z.array(
                StoredSchema.extend({
                  recordedByName: z.string().nullable(),
                }),
              ),
            })
            .openapi('IndicatorHistory'),
          'The versions',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { id, code } = c.req.valid('param')
      const history = await historyOf(db(c), actor, await catalog(c), Number(id), code)
      const names = await userNames(
        db(c),
        history.values.map((v) => v.recordedBy),
      )
      return c.json(
        {
          indicator: indicatorOf(history.indicator),
          versions: history.values.map((v) => ({
            ...storedOf(v),
            recordedByName: v.recordedBy === null ? null : (names.get(v.recordedBy) ?? null),
          })),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/regions/{region}/indicators/{code}',
      tags: ['indicators'],
      security: [{ session: [] }],
      summary: 'One indicator of a period across the akimats of a region you may read',
      request: {
        params: z.object({
          region: z
            .string()
            .max(10)
            .openapi({
              param: { name: 'region', in: 'path' },
              example: '11',
              description: 'The first two digits of the KATO code',
            }),
          code: z
            .string()
            .max(20)
            .openapi({ param: { name: 'code', in: 'path' }, example: '1.2.6' }),
        }),
        query: periodQuery,
      },
      responses: {
        200: json(
          z
            .object({
              region: z.string(),
              period: z.string(),
              indicator: IndicatorSchema,
              akimats: z.array(
                AkimatRefSchema.extend({
                  value: z.number().nullable().openapi({ description: 'null: no value' }),
                  source: z.enum(['computed', 'manual']).nullable(),
                }),
              ),
            })
            .openapi('IndicatorRegionComparison'),
          'The akimats of the region, by KATO code',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { region, code } = c.req.valid('param')
      const comparison = await regionComparison(db(c), actor, await catalog(c), {
        region,
        code,
        period: periodOf(c.req.valid('query').period),
      })
      if (comparison.akimats.length === 0) {
        throw new NotFoundError(
          `No akimat of region ${region} to read`,
          'indicators.error.noRegion',
          { region },
        )
      }
      return c.json(
        {
          region: comparison.region,
          period: comparison.period,
          indicator: indicatorOf(comparison.indicator),
          akimats: comparison.akimats.map((a) => ({
            ...akimatRef(a.akimat),
            value: a.value,
            source: a.source,
          })),
        },
        200,
      )
    },
  )
}
