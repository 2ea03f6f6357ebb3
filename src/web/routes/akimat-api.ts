/**
 * @module
 * The akimats' JSON API, for the signed-in user's session (cookie `eakimat_session`, from
 * `/login` or `POST /api/session`): the akimats the user may read, an akimat's architecture (as
 * at any moment) and gap report, adoption of the typical set, decisions in batches (all or none,
 * with every problem listed and translated), and one function's versions. Writes need the
 * `X-CSRF-Token` header. The akimat module checks every right: an akimat the user may not read
 * is a 404, a change by someone who may only read it a 403.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  type AkimatArchitecture,
  type AkimatFunction,
  adoptTypicalSet,
  akimatArchitecture,
  akimatsWithCounts,
  type DecisionInput,
  DecisionsRejected,
  decisionHistory,
  gapReport,
  type readableAkimats,
  recordDecisions,
} from '../../akimat/index.js'
import { InputError } from '../../core/index.js'
import type { MessageKey } from '../../i18n/index.js'
import { requireActor } from '../auth.js'
import type { AppEnv } from '../context.js'
import { gapItems } from '../pages/akimat/gaps.js'
import { idParam, json } from './openapi.js'

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('AkimatError')
const ProblemSchema = z
  .object({
    index: z.number().int().openapi({ description: 'Position in the batch (0-based)' }),
    key: z.string(),
    field: z.enum([
      'key',
      'performed',
      'system',
      'object',
      'level',
      'targetLevel',
      'note',
      'version',
    ]),
    message: z.string().openapi({ description: 'In the interface language' }),
  })
  .openapi('AkimatDecisionProblem')
const RejectedSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      problems: z.array(ProblemSchema).optional(),
    }),
  })
  .openapi('AkimatDecisionsRejected')
const errors = {
  401: json(ErrorSchema, 'Sign in first (session cookie)'),
  403: json(ErrorSchema, 'Only the akimat’s editors and administrators change it (or CSRF)'),
  404: json(ErrorSchema, 'No such akimat, or you may not see it; or not adopted yet'),
}

const keyParams = idParam.extend({
  key: z
    .string()
    .regex(/^\d{1,6}:\d{1,3}\.\d{1,5}$/)
    .openapi({
      param: { name: 'key', in: 'path' },
      example: '158:2.1',
      description: 'architecture:section.number (URL-encode the colon if you like)',
    }),
})

const level = z.enum(['region', 'district', 'rural'])
const status = z.enum(['not-performed', 'not-automated', 'non-recommended', 'below-level', 'ok'])
const issue = z.enum(['not-automated', 'non-recommended', 'below-level'])
const CountsSchema = z
  .object({
    total: z.number().int(),
    automated: z.number().int(),
    'not-performed': z.number().int(),
    'not-automated': z.number().int(),
    'non-recommended': z.number().int(),
    'below-level': z.number().int(),
    ok: z.number().int(),
  })
  .openapi('AkimatCounts')
const DecisionSchema = z
  .object({
    performed: z.boolean(),
    systemId: z.string().nullable(),
    objectId: z.number().int().nullable(),
    level: z.number().int(),
    targetLevel: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .openapi('AkimatDecision')
const AkimatSchema = z
  .object({
    id: z.number().int(),
    nameKk: z.string(),
    nameRu: z.string(),
    level,
    kato: z.string().nullable(),
    typicalAt: z.string().nullable(),
    adoptedAt: z.string().nullable(),
    counts: CountsSchema.nullable().openapi({ description: 'null until adopted' }),
  })
  .openapi('Akimat')
const FunctionSchema = z
  .object({
    key: z.string().openapi({ example: '158:2.1' }),
    rowId: z.string().openapi({ description: 'The catalogue row version (act:section.number)' }),
    architecture: z.string(),
    section: z.number().int(),
    number: z.number().int(),
    group: z.string().nullable(),
    function: z.string(),
    language: z.string(),
    recommended: z.array(z.string()).openapi({ description: 'System ids (paragraph 9.1)' }),
    printedLevels: z.array(z.number().int()),
    maxLevel: z.number().int(),
    targetChoices: z.array(z.number().int()),
    isService: z.boolean(),
    decision: DecisionSchema,
    version: z.number().int().nullable().openapi({ description: 'null while undecided' }),
    decidedAt: z.string().nullable(),
    target: z.number().int(),
    issues: z.array(issue),
    status,
  })
  .openapi('AkimatFunction')
const ArchitectureSchema = z
  .object({
    akimat: AkimatSchema,
    section: z.number().int(),
    asOf: z.string(),
    counts: CountsSchema,
    functions: z.array(FunctionSchema),
    outside: z.array(
      z.object({ key: z.string(), decision: DecisionSchema, decidedAt: z.string() }),
    ),
  })
  .openapi('AkimatArchitecture')
const GapSchema = z
  .object({
    key: z.string(),
    section: z.number().int(),
    number: z.number().int(),
    group: z.string().nullable(),
    function: z.string(),
    issue,
    used: z.string(),
    recommended: z.string(),
    level: z.number().int(),
    target: z.number().int(),
    note: z.string().nullable(),
  })
  .openapi('AkimatGap')
const GapReportSchema = z
  .object({
    akimat: AkimatSchema,
    asOf: z.string(),
    counts: CountsSchema,
    automatedShare: z.number().nullable(),
    notAutomated: z.array(z.string()).openapi({ description: 'Function keys' }),
    nonRecommended: z.array(z.string()),
    belowLevel: z.array(z.string()),
    gaps: z.array(GapSchema).openapi({ description: 'One per function and issue' }),
    byGroup: z.array(
      z.object({
        group: z.string(),
        performed: z.number().int(),
        automated: z.number().int(),
        gaps: z.number().int(),
      }),
    ),
  })
  .openapi('AkimatGapReport')
const ProfileSchema = z
  .object({
    organisationId: z.number().int(),
    kato: z.string(),
    typicalAt: z.string(),
    adoptedAt: z.string(),
    updatedAt: z.string(),
    revision: z.number().int(),
  })
  .openapi('AkimatProfile')
const DecisionInputSchema = z
  .object({
    key: z.string().max(40).openapi({ example: '158:2.1' }),
    performed: z.boolean(),
    systemId: z.string().max(100).nullable().optional(),
    objectId: z.number().int().nullable().optional(),
    level: z.number().int(),
    targetLevel: z.number().int().nullable().optional(),
    note: z.string().max(10_000).nullable().optional(),
    expectedVersion: z
      .number()
      .int()
      .nullable()
      .optional()
      .openapi({ description: 'The version you saw (null = undecided); refused if changed' }),
  })
  .openapi('AkimatDecisionInput')
const HistorySchema = z
  .object({
    key: z.string(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        decision: DecisionSchema,
        source: z.string(),
        recordedAt: z.string(),
        recordedBy: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('AkimatDecisionHistory')

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

type Architecture = AkimatArchitecture
const akimatOf = (a: Architecture['akimat'] | Awaited<ReturnType<typeof readableAkimats>>[0]) => ({
  id: a.organisation.id,
  nameKk: a.organisation.nameKk,
  nameRu: a.organisation.nameRu,
  level: a.organisation.level,
  kato: a.profile?.kato ?? null,
  typicalAt: a.profile?.typicalAt ?? null,
  adoptedAt: a.profile?.adoptedAt ?? null,
})

const functionOf = (f: AkimatFunction) => ({
  key: f.key,
  rowId: f.row.id,
  architecture: f.row.architecture,
  section: f.row.section,
  number: f.row.number,
  group: f.row.group,
  function: f.row.function,
  language: f.row.language,
  recommended: f.recommended,
  printedLevels: f.printedLevels,
  maxLevel: f.maxLevel,
  targetChoices: f.targetChoices,
  isService: f.isService,
  decision: f.decision,
  version: f.version,
  decidedAt: f.decidedAt,
  target: f.target,
  issues: f.issues,
  status: f.status,
})

/** `asOf`: an ISO date or instant, as an ISO instant; undefined when absent. */
function asOfParam(c: Context<AppEnv>): string | undefined {
  const value = c.req.query('asOf')?.trim()
  if (!value) return undefined
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/
  const date = shape.test(value) ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) {
    throw new InputError(`asOf is not an ISO instant: ${value}`, 'akimat.pages.api.asOf', {
      value: value.slice(0, 60),
    })
  }
  return date.toISOString()
}

export function registerAkimatApi(app: OpenAPIHono<AppEnv>): void {
  const db = (c: Context<AppEnv>) => c.get('services').database.db
  const catalog = (c: Context<AppEnv>) => c.get('services').catalog.get()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'The akimats you may read, with their counts once adopted',
      responses: {
        200: json(z.object({ akimats: z.array(AkimatSchema) }), 'The akimats'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const snapshot = await catalog(c)
      const akimats = []
      for (const { counts, ...akimat } of await akimatsWithCounts(db(c), actor, snapshot)) {
        akimats.push({ ...akimatOf(akimat), counts })
      }
      return c.json({ akimats }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/architecture',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'The architecture: every function of the adopted set with its decision, judged',
      request: {
        params: idParam,
        query: z.object({
          asOf: z
            .string()
            .max(60)
            .optional()
            .openapi({ description: 'Decisions as at this ISO instant (default now)' }),
        }),
      },
      responses: {
        200: json(ArchitectureSchema, 'The architecture'),
        400: json(ErrorSchema, 'asOf is not a moment'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const asOf = asOfParam(c)
      const architecture = await akimatArchitecture(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
        { asOf },
      )
      return c.json(
        {
          akimat: { ...akimatOf(architecture.akimat), counts: architecture.counts },
          section: architecture.section,
          asOf: architecture.asOf,
          counts: architecture.counts,
          functions: architecture.functions.map(functionOf),
          outside: architecture.outside,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/gaps',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'The gap report: functions not automated, not with the recommended system, too low',
      request: { params: idParam },
      responses: { 200: json(GapReportSchema, 'The gap report'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const snapshot = await catalog(c)
      const architecture = await akimatArchitecture(
        db(c),
        actor,
        snapshot,
        Number(c.req.valid('param').id),
      )
      const report = gapReport(architecture)
      const keys = (list: AkimatFunction[]) => list.map((f) => f.key)
      return c.json(
        {
          akimat: { ...akimatOf(architecture.akimat), counts: architecture.counts },
          asOf: report.asOf,
          counts: report.counts,
          automatedShare: report.automatedShare,
          notAutomated: keys(report.notAutomated),
          nonRecommended: keys(report.nonRecommended),
          belowLevel: keys(report.belowLevel),
          gaps: gapItems(report, snapshot, architecture.objects, c.get('language')),
          byGroup: report.byGroup,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/akimats/{id}/adopt',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'Adopt (or adopt again) the typical set of the akimat’s level as at a date',
      request: {
        params: idParam,
        ...body(
          z
            .object({
              kato: z.string().max(20).openapi({ example: '114200000' }),
              at: z.string().max(20).openapi({ example: '2018-07-13' }),
            })
            .openapi('AkimatAdoption'),
        ),
      },
      responses: {
        200: json(ProfileSchema, 'Adopted'),
        400: json(ErrorSchema, 'The KATO code or date is not valid, or no set is in force then'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const input = c.req.valid('json') as { kato: string; at: string }
      const profile = await adoptTypicalSet(
        db(c),
        actor,
        await catalog(c),
        Number(c.req.valid('param').id),
        input,
      )
      return c.json(profile, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/akimats/{id}/decisions',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'Record decisions: all of them, or none when any has a problem',
      request: { params: idParam, ...body(z.array(DecisionInputSchema).max(5000)) },
      responses: {
        200: json(
          z.object({ changed: z.number().int().openapi({ description: 'Functions changed' }) }),
          'Recorded (a decision equal to the current one changes nothing)',
        ),
        400: json(RejectedSchema, 'Problems, each with its index, field and message'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const t = c.get('t')
      const inputs = c.req.valid('json') as DecisionInput[]
      try {
        const result = await recordDecisions(
          db(c),
          actor,
          await catalog(c),
          Number(c.req.valid('param').id),
          inputs,
          'api',
        )
        return c.json(result, 200)
      } catch (error) {
        if (!(error instanceof DecisionsRejected)) throw error
        return c.json(
          {
            error: {
              code: error.code,
              message: t('akimat.error.decisions', { count: error.problems.length }),
              problems: error.problems.map((p) => ({
                index: p.index,
                key: p.key,
                field: p.field,
                message: t(p.messageKey as MessageKey, p.params),
              })),
            },
          },
          400,
        )
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/akimats/{id}/functions/{key}/history',
      tags: ['akimats'],
      security: [{ session: [] }],
      summary: 'Every version of one function’s decision, newest first',
      request: { params: keyParams },
      responses: { 200: json(HistorySchema, 'The versions'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { id, key } = c.req.valid('param')
      const versions = await decisionHistory(db(c), actor, Number(id), key)
      return c.json({ key, versions }, 200)
    },
  )
}
