/**
 * @module
 * The JSON API of the executable typical architecture: the coverage report (public), and for an
 * akimat's own users its automation (functions with pattern, coverage and state; switching on
 * and off and configuring for its administrators) and its registries (records with versions;
 * writing for the roles the configuration names). Session cookie; writes need the
 * `X-CSRF-Token` header. Errors are `{error: {code, message}}` in the request language; an akimat
 * or registry that is not the user's own is a 404.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  type AutomatableFunction,
  type Automation,
  addRecord,
  automationDetail,
  automationOverview,
  type ClassifiedRow,
  COVERAGE_CATEGORIES,
  changeRecord,
  configureAutomation,
  recordHistory,
  registriesOf,
  registryView,
  requireOwnAkimat,
  switchOff,
  switchOn,
} from '../../automation/index.js'
import { NotFoundError } from '../../core/index.js'
import { requireActor } from '../auth.js'
import type { AppEnv } from '../context.js'
import { FUNCTION_KEY } from '../pages/akimat/function.js'
import { reportOf } from '../pages/automation/coverage.js'
import { idParam, json, pathId } from './openapi.js'

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('AutomationError')
const errors = {
  401: json(ErrorSchema, 'Sign in first (session cookie)'),
  403: json(ErrorSchema, 'Only the akimat’s administrators (or writer roles) do this; or CSRF'),
  404: json(ErrorSchema, 'No such akimat, function or registry of your own akimat'),
}

const keyParams = idParam.extend({
  // Checked in the handler (a key of no function is a 404, before the body is read).
  key: z
    .string()
    .max(40)
    .openapi({
      param: { name: 'key', in: 'path' },
      example: '304:2.205',
      description: 'architecture:section.number, e.g. 304:2.205 (URL-encode the colon if you like)',
    }),
})
const registryParams = idParam.extend({
  registryId: pathId('registryId'),
})
const recordParams = registryParams.extend({
  recordId: pathId('recordId'),
})

/** The `key` parameter, checked: a key that names no function is a 404. */
function keyOf(key: string): string {
  if (!FUNCTION_KEY.test(key)) {
    throw new NotFoundError(`${key} is not a function`, 'automation.error.function', {
      key: key.slice(0, 40),
    })
  }
  return key
}

const pattern = z.enum([
  'application',
  'registry',
  'control',
  'appeals',
  'meetings',
  'normative-acts',
  'proposals',
  'monitoring',
  'none',
])
const coverage = z.enum(['central', 'partial', 'none'])
const counts = z.record(z.string(), z.number().int())
const ClassificationSchema = z.object({
  pattern,
  reason: z.string().nullable(),
  evidence: z.string(),
  source: z.string(),
})
const CoverageRowSchema = z
  .object({
    key: z.string(),
    category: z.string(),
    pattern,
    reason: z.string().nullable(),
    coverage,
    evidence: z.string(),
    source: z.string(),
    act: z.string(),
    function: z.string(),
  })
  .openapi('AutomationCoverageRow')
const CoverageSchema = z
  .object({
    categories: z.array(z.string()),
    sections: z.array(
      z.object({
        architecture: z.string(),
        section: z.number().int(),
        rows: z.number().int(),
        counts: counts.openapi({ description: 'Rows per category' }),
        central: z.object({
          central: z.number().int(),
          partial: z.number().int(),
          none: z.number().int(),
        }),
        examples: z.record(z.string(), z.array(z.string())).openapi({
          description: 'Up to three function keys per category',
        }),
      }),
    ),
    totals: counts,
    rows: z.array(CoverageRowSchema).optional().openapi({ description: 'With ?rows=1' }),
  })
  .openapi('AutomationCoverage')

const FieldSchema = z
  .object({
    id: z.string(),
    type: z.enum(['text', 'textarea', 'date', 'number']),
    label: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
    required: z.boolean(),
    maxLength: z.number().int().optional(),
  })
  .openapi('AutomationField')
const ConfigSchema = z
  .object({
    name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).partial(),
    fields: z.array(FieldSchema),
    attachment: z.enum(['none', 'optional', 'required']),
    decisionDays: z.number().int(),
    issueDays: z.number().int(),
    termDays: z.number().int(),
    recipientTypes: z.array(z.enum(['individual', 'legal-entity'])),
    writerRoles: z.array(z.enum(['operator', 'editor', 'admin', 'signer'])),
  })
  .openapi('AutomationConfig')
const AutomationSchema = z
  .object({
    id: z.number().int(),
    functionKey: z.string(),
    pattern,
    enabled: z.boolean(),
    serviceCode: z.string().nullable(),
    config: ConfigSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    revision: z.number().int(),
  })
  .openapi('Automation')
const FunctionSchema = z
  .object({
    key: z.string(),
    function: z.string(),
    group: z.string().nullable(),
    language: z.string(),
    classification: ClassificationSchema,
    coverage,
    systems: z.array(z.string()),
    offered: z.boolean(),
    levelReached: z.number().int(),
    maxLevel: z.number().int(),
    status: z.enum(['on', 'off', 'never']),
    automation: AutomationSchema.nullable(),
  })
  .openapi('AutomatableFunction')
const OverviewSchema = z
  .object({
    organisationId: z.number().int(),
    section: z.number().int(),
    counts: z.object({
      functions: z.number().int(),
      offered: z.number().int(),
      central: z.number().int(),
      enabled: z.number().int(),
    }),
    functions: z.array(FunctionSchema),
  })
  .openapi('AutomationOverview')
const RegistrySchema = z
  .object({
    id: z.number().int(),
    automationId: z.number().int(),
    slot: z.string(),
    kind: z.enum(['records', 'applications', 'notifications', 'recipients']),
    name: z.object({
      kk: z.string(),
      ru: z.string(),
      en: z.string(),
      printed: z.string().nullable(),
    }),
    fields: z.array(FieldSchema),
  })
  .openapi('AutomationRegistry')
const DetailSchema = z
  .object({
    function: FunctionSchema,
    automation: AutomationSchema.nullable(),
    registries: z.array(RegistrySchema.extend({ records: z.number().int() })),
    events: z.array(
      z.object({
        kind: z.string(),
        at: z.string(),
        userId: z.number().int().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    versions: z.array(
      z.object({ version: z.number().int(), createdAt: z.string(), active: z.boolean() }),
    ),
  })
  .openapi('AutomationDetail')
const RecordSchema = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    data: z.record(z.string(), z.string()),
    removed: z.boolean(),
    createdAt: z.string(),
    createdBy: z.number().int().nullable(),
    updatedAt: z.string(),
    revision: z.number().int(),
  })
  .openapi('AutomationRecord')
const RegistryViewSchema = z
  .object({
    registry: RegistrySchema,
    automation: z.object({
      id: z.number().int(),
      functionKey: z.string(),
      pattern,
      enabled: z.boolean(),
      serviceCode: z.string().nullable(),
      writerRoles: z.array(z.string()),
    }),
    records: z.array(RecordSchema),
    entries: z.array(
      z.object({
        applicationId: z.number().int(),
        number: z.string(),
        registeredAt: z.string(),
        status: z.string(),
        recipientName: z.string(),
        recipientIin: z.string(),
        endedAt: z.string().nullable(),
        refusalReason: z.string().nullable(),
        refusalText: z.string().nullable(),
        definitionVersion: z.number().int(),
      }),
    ),
    writable: z.boolean(),
  })
  .openapi('AutomationRegistryView')

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

const functionOf = (f: AutomatableFunction) => ({
  key: f.key,
  function: f.fn.row.function,
  group: f.fn.row.group,
  language: f.fn.row.language,
  classification: f.classification,
  coverage: f.coverage,
  systems: f.systems,
  offered: f.offered,
  levelReached: f.levelReached,
  maxLevel: f.fn.maxLevel,
  status: !f.automation
    ? ('never' as const)
    : f.automation.enabled
      ? ('on' as const)
      : ('off' as const),
  automation: f.automation ? automationOf(f.automation) : null,
})

const automationOf = (a: Automation) => ({
  id: a.id,
  functionKey: a.functionKey,
  pattern: a.pattern,
  enabled: a.enabled,
  serviceCode: a.serviceCode,
  config: a.config,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  revision: a.revision,
})

const rowOf = (r: ClassifiedRow) => ({
  key: r.key,
  category: r.category,
  pattern: r.classification.pattern,
  reason: r.classification.reason,
  coverage: r.coverage,
  evidence: r.classification.evidence,
  source: r.classification.source,
  act: r.row.act,
  function: r.row.function,
})

export function registerAutomationApi(app: OpenAPIHono<AppEnv>): void {
  const db = (c: Context<AppEnv>) => c.get('services').database.db
  const catalog = (c: Context<AppEnv>) => c.get('services').catalog.get()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/automation/coverage',
      tags: ['automation'],
      summary: 'The coverage report: rows per pattern and reason, central coverage, per section',
      request: {
        query: z.object({
          rows: z
            .enum(['0', '1'])
            .optional()
            .openapi({ description: '1: also every row with its pattern, reason and coverage' }),
        }),
      },
      responses: { 200: json(CoverageSchema, 'The report'), 400: json(ErrorSchema, 'Bad query') },
    }),
    async (c) => {
      const report = reportOf(await catalog(c))
      const withRows = c.req.valid('query').rows === '1'
      return c.json(
        {
          categories: [...COVERAGE_CATEGORIES],
          sections: report.sections.map((s) => ({
            architecture: s.architecture,
            section: s.section,
            rows: s.rows,
            counts: s.counts,
            central: s.central,
            examples: Object.fromEntries(
              Object.entries(s.examples).map(([k, list]) => [k, (list ?? []).map((e) => e.key)]),
            ),
          })),
          totals: report.totals,
          ...(withRows ? { rows: report.rows.map(rowOf) } : {}),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/automation',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'The functions of your akimat’s set with pattern, central coverage and state',
      request: { params: idParam },
      responses: { 200: json(OverviewSchema, 'The functions'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const overview = await automationOverview(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
      )
      return c.json(
        {
          organisationId: overview.organisationId,
          section: overview.section,
          counts: overview.counts,
          functions: overview.functions.map(functionOf),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/automation/{key}',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'One function’s automation: registries, history, service versions',
      request: { params: keyParams },
      responses: { 200: json(DetailSchema, 'The automation'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { id, key: raw } = c.req.valid('param')
      const key = keyOf(raw)
      const detail = await automationDetail(db(c), actor, await catalog(c), Number(id), key)
      return c.json(
        {
          function: functionOf(detail.function),
          automation: detail.automation ? automationOf(detail.automation) : null,
          registries: detail.registries,
          events: detail.events,
          versions: detail.versions,
        },
        200,
      )
    },
  )

  for (const action of ['on', 'off'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/akimats/{id}/automation/{key}/${action}`,
        tags: ['automation'],
        security: [{ session: [] }],
        summary:
          action === 'on'
            ? 'Switch e-akimat’s automation of a function on (administrators); where a central system covers the row in part, confirm with ?confirmNotCentral=true that this service is not among what it provides'
            : 'Switch it off: the service is no longer offered, records become read-only',
        request: { params: keyParams },
        responses: {
          200: json(AutomationSchema, action === 'on' ? 'Switched on' : 'Switched off'),
          400: json(ErrorSchema, 'Fits no pattern, or a central system covers it'),
          ...errors,
        },
      }),
      async (c) => {
        const actor = requireActor(c)
        const { id, key: raw } = c.req.valid('param')
        const key = keyOf(raw)
        const snapshot = await catalog(c)
        const automation =
          action === 'on'
            ? await switchOn(db(c), actor, snapshot, Number(id), key, {
                confirmNotCentral: c.req.query('confirmNotCentral') === 'true',
              })
            : await switchOff(db(c), actor, snapshot, Number(id), key)
        return c.json(automationOf(automation), 200)
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/akimats/{id}/automation/{key}/config',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'Configure a function’s automation (a new service version when it changes)',
      request: {
        params: keyParams,
        ...body(
          z
            .object({
              config: z.unknown().optional().openapi({ description: 'An AutomationConfig' }),
              registryFields: z
                .record(z.string(), z.unknown())
                .optional()
                .openapi({ description: 'Fields (AutomationField[]) per registry slot' }),
              expectedRevision: z.number().int().optional(),
            })
            .openapi('AutomationConfigInput'),
        ),
      },
      responses: {
        200: json(AutomationSchema, 'Configured (or unchanged)'),
        400: json(ErrorSchema, 'The configuration is not valid'),
        409: json(ErrorSchema, 'Someone changed the automation since expectedRevision'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { id, key: raw } = c.req.valid('param')
      const key = keyOf(raw)
      const input = c.req.valid('json') as {
        config?: unknown
        registryFields?: Record<string, unknown>
        expectedRevision?: number
      }
      const automation = await configureAutomation(
        db(c),
        actor,
        await catalog(c),
        Number(id),
        key,
        input,
      )
      return c.json(automationOf(automation), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/registries',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'The registries of your akimat’s automated functions',
      request: { params: idParam },
      responses: {
        200: json(
          z.object({
            registries: z.array(
              RegistrySchema.extend({ functionKey: z.string(), enabled: z.boolean() }),
            ),
          }),
          'The registries',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const registries = await registriesOf(db(c), actor, Number(c.req.valid('param').id))
      return c.json({ registries }, 200)
    },
  )

  /** The registry's view, after checking that `:id` is the actor's own akimat. */
  const viewOf = async (
    c: Context<AppEnv>,
    params: { id: string; registryId: string },
    removed = false,
  ) => {
    const actor = requireActor(c)
    // :id must be the actor's akimat; registryView checks that the registry is its.
    requireOwnAkimat(actor, Number(params.id))
    return {
      actor,
      view: await registryView(db(c), actor, Number(params.registryId), { removed }),
    }
  }
  /** The actor, after checking that `:id` is the actor's own akimat (the domain checks the rest). */
  const ownActor = (c: Context<AppEnv>, params: { id: string }) => {
    const actor = requireActor(c)
    requireOwnAkimat(actor, Number(params.id))
    return actor
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/registries/{registryId}',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'A registry: its records, or the entries of a service’s register',
      request: {
        params: registryParams,
        query: z.object({
          removed: z.enum(['0', '1']).optional().openapi({ description: '1: removed records too' }),
        }),
      },
      responses: { 200: json(RegistryViewSchema, 'The registry'), ...errors },
    }),
    async (c) => {
      const { view } = await viewOf(c, c.req.valid('param'), c.req.valid('query').removed === '1')
      return c.json(view, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/akimats/{id}/registries/{registryId}/records',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'Add a record (roles the configuration names)',
      request: {
        params: registryParams,
        ...body(
          z
            .object({ data: z.record(z.string(), z.union([z.string(), z.number()])) })
            .openapi('AutomationRecordInput'),
        ),
      },
      responses: {
        201: json(RecordSchema, 'Added'),
        400: json(ErrorSchema, 'A value is not valid, or the registry is a service’s register'),
        409: json(ErrorSchema, 'The function’s automation is switched off'),
        ...errors,
      },
    }),
    async (c) => {
      const params = c.req.valid('param')
      const actor = ownActor(c, params)
      const { data } = c.req.valid('json') as { data: Record<string, unknown> }
      const record = await addRecord(db(c), actor, Number(params.registryId), data)
      return c.json(record, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/akimats/{id}/registries/{registryId}/records/{recordId}',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'Change, remove or restore a record (every change is a version)',
      request: {
        params: recordParams,
        ...body(
          z
            .object({
              data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
              removed: z.boolean().optional(),
              expectedRevision: z.number().int(),
            })
            .openapi('AutomationRecordChange'),
        ),
      },
      responses: {
        200: json(RecordSchema, 'Changed'),
        400: json(ErrorSchema, 'A value is not valid'),
        409: json(ErrorSchema, 'Switched off, or changed meanwhile'),
        ...errors,
      },
    }),
    async (c) => {
      const params = c.req.valid('param')
      const actor = ownActor(c, params)
      const change = c.req.valid('json') as {
        data?: Record<string, unknown>
        removed?: boolean
        expectedRevision: number
      }
      const record = await changeRecord(
        db(c),
        actor,
        Number(params.registryId),
        Number(params.recordId),
        change,
      )
      return c.json(record, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/registries/{registryId}/records/{recordId}/history',
      tags: ['automation'],
      security: [{ session: [] }],
      summary: 'Every version of a record, oldest first',
      request: { params: recordParams },
      responses: {
        200: json(
          z.object({
            versions: z.array(
              z.object({
                change: z.string(),
                data: z.record(z.string(), z.string()),
                at: z.string(),
                userId: z.number().int().nullable(),
              }),
            ),
          }),
          'The versions',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const params = c.req.valid('param')
      const actor = ownActor(c, params)
      const versions = await recordHistory(
        db(c),
        actor,
        Number(params.registryId),
        Number(params.recordId),
      )
      return c.json({ versions }, 200)
    },
  )
}
