/**
 * @module
 * The portal's JSON API (read side), for the signed-in user's session: the registry with the
 * pages' filters (and CSV/XLSX of the same list), one object as the user may see it, its history
 * with differences, its reviews, and the reviewer's queue. Every answer passes through the
 * portal module's access checks; without a session the API answers 401.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  getObject,
  incomingRelations,
  listObjects,
  OBJECT_KINDS,
  objectReviews,
  objectTimeline,
  parseObjectFilters,
  REVIEW_STATES,
  reviewQueue,
  STAGES,
} from '../../portal/index.js'
import { requireActor } from '../auth.js'
import type { AppEnv } from '../context.js'
import { downloadFormat, sendTable } from '../downloads.js'
import { organisationsById } from '../pages/portal/frame.js'
import { objectColumns } from '../pages/portal/lists.js'
import { json } from './openapi.js'

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('PortalError')
const errors = {
  400: json(ErrorSchema, 'A parameter is not valid (message in the interface language)'),
  401: json(ErrorSchema, 'Sign in first (session cookie)'),
  403: json(ErrorSchema, 'Your role does not allow this'),
  404: json(ErrorSchema, 'No such object, or you may not see it'),
}

const kind = z.enum(OBJECT_KINDS)
const stage = z.enum(STAGES)
const state = z.enum(REVIEW_STATES)

const ObjectEntrySchema = z
  .object({
    id: z.number().int(),
    code: z.string().nullable().openapi({ example: 'KZ-IS-2026-00001-4' }),
    audience: z.enum(['owner', 'overseer', 'registry']),
    kind,
    nameKk: z.string(),
    nameRu: z.string(),
    purpose: z.string(),
    stage,
    stageSince: z.string(),
    ownerOrganisationId: z.number().int(),
    reviewState: state,
    reviewDueOn: z.string().nullable(),
    updateDueOn: z.string().nullable(),
    overdue: z.boolean(),
    updatedAt: z.string(),
    functions: z.number().int(),
    documents: z.number().int(),
  })
  .openapi('InformatizationObjectEntry')

const SnapshotSchema = z
  .object({
    kind,
    ownerOrganisationId: z.number().int(),
    nameKk: z.string(),
    nameRu: z.string(),
    purpose: z.string(),
    stage,
    stageSince: z.string(),
    stages: z.array(z.object({ stage, onDate: z.string(), note: z.string().nullable() })),
    relations: z.array(
      z.object({
        id: z.number().int(),
        type: z.enum(['part-of', 'uses']),
        targetId: z.number().int(),
      }),
    ),
    functions: z.array(
      z.object({
        id: z.number().int(),
        architecture: z.string(),
        section: z.number().int(),
        number: z.number().int(),
        functionText: z.string(),
      }),
    ),
    documents: z.array(
      z.object({
        id: z.number().int(),
        kind: z.number().int().openapi({ description: 'Appendix 1 item (1–14)' }),
        format: z.enum(['pdf', 'docx']),
        sha256: z.string(),
        size: z.number().int(),
        originalName: z.string(),
        uploadedAt: z.string(),
      }),
    ),
  })
  .openapi('InformatizationObjectRevision')

const ObjectSchema = z
  .object({
    id: z.number().int(),
    code: z.string().nullable(),
    audience: z.enum(['owner', 'overseer', 'registry']),
    revision: z.number().int().openapi({ description: 'The revision you see' }),
    currentRevision: z.number().int(),
    reviewState: state,
    reviewDueOn: z.string().nullable(),
    updateDueOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    snapshot: SnapshotSchema,
    relations: z
      .array(
        z.object({
          id: z.number().int(),
          type: z.enum(['part-of', 'uses']),
          targetId: z.number().int(),
          code: z.string().nullable(),
          nameKk: z
            .string()
            .nullable()
            .openapi({ description: 'null: you may not see the target' }),
          nameRu: z.string().nullable(),
        }),
      )
      .openapi({ description: 'Relations from this object, with targets as you may see them' }),
    incoming: z.array(
      z.object({
        type: z.enum(['part-of', 'uses']),
        sourceId: z.number().int(),
        code: z.string().nullable(),
        nameKk: z.string(),
        nameRu: z.string(),
      }),
    ),
  })
  .openapi('InformatizationObject')

const idParam = z.object({
  id: z
    .string()
    .regex(/^\d+$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
})

const listRoute = createRoute({
  method: 'get',
  path: '/api/portal/objects',
  tags: ['portal'],
  security: [{ session: [] }],
  summary: 'Informatization objects you may see, with filters; CSV or XLSX of the same list',
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      kind: kind.optional(),
      owner: z.string().regex(/^\d+$/).optional().openapi({ description: 'Owner organisation id' }),
      stage: stage.optional(),
      state: state.optional(),
      overdue: z.enum(['1', 'true']).optional(),
      format: z.enum(['json', 'csv', 'xlsx']).optional(),
    }),
  },
  responses: {
    200: json(z.object({ objects: z.array(ObjectEntrySchema) }), 'The list'),
    ...errors,
  },
})

const objectRoute = createRoute({
  method: 'get',
  path: '/api/portal/objects/{id}',
  tags: ['portal'],
  security: [{ session: [] }],
  summary: 'One object, at the revision you may see',
  request: { params: idParam },
  responses: { 200: json(ObjectSchema, 'The object'), ...errors },
})

const historyRoute = createRoute({
  method: 'get',
  path: '/api/portal/objects/{id}/history',
  tags: ['portal'],
  security: [{ session: [] }],
  summary: 'The object’s events, newest first, with what each revision changed',
  request: { params: idParam },
  responses: {
    200: json(
      z.object({
        events: z.array(
          z.object({
            id: z.number().int(),
            kind: z.string(),
            at: z.string(),
            actorUserId: z.number().int().nullable(),
            actorOrganisationId: z.number().int().nullable(),
            revision: z.number().int().nullable(),
            details: z.record(z.string(), z.unknown()),
            changes: z.array(z.record(z.string(), z.unknown())),
          }),
        ),
        reviews: z.array(
          z.object({
            id: z.number().int(),
            revision: z.number().int(),
            submittedAt: z.string(),
            dueOn: z.string(),
            decision: z.enum(['accepted', 'returned']).nullable(),
            decidedAt: z.string().nullable(),
            remarks: z.array(z.object({ target: z.string(), text: z.string() })),
          }),
        ),
      }),
      'History and reviews',
    ),
    ...errors,
  },
})

const queueRoute = createRoute({
  method: 'get',
  path: '/api/portal/review-queue',
  tags: ['portal'],
  security: [{ session: [] }],
  summary: 'Submissions waiting for the service integrator, earliest deadline first',
  responses: {
    200: json(
      z.object({
        queue: z.array(
          z.object({
            objectId: z.number().int(),
            revision: z.number().int(),
            code: z.string().nullable(),
            kind,
            stage,
            nameKk: z.string(),
            nameRu: z.string(),
            ownerOrganisationId: z.number().int(),
            submittedAt: z.string(),
            dueOn: z.string(),
            overdue: z.boolean(),
            resubmission: z.boolean(),
          }),
        ),
      }),
      'The queue',
    ),
    ...errors,
  },
})

export function registerPortalApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'eakimat_session',
    description:
      'The session cookie set by signing in at /login. Writes from a browser session also need the X-CSRF-Token header.',
  })
  app.openapi(listRoute, async (c) => {
    const actor = requireActor(c)
    const format = downloadFormat(c)
    const objects = await listObjects(
      c.get('services').database.db,
      actor,
      parseObjectFilters(c.req.query()),
    )
    if (format) {
      return sendTable(c, format, {
        name: 'informatization-objects',
        sheet: 'Objects',
        columns: objectColumns(c.get('t'), c.get('language'), await organisationsById(c)),
        items: objects,
      }) as never
    }
    return c.json({ objects }, 200)
  })

  app.openapi(objectRoute, async (c) => {
    const actor = requireActor(c)
    const db = c.get('services').database.db
    const id = Number(c.req.valid('param').id)
    const view = await getObject(db, actor, id)
    return c.json({ ...view, incoming: await incomingRelations(db, actor, id) }, 200)
  })

  app.openapi(historyRoute, async (c) => {
    const actor = requireActor(c)
    const db = c.get('services').database.db
    const id = Number(c.req.valid('param').id)
    const events = await objectTimeline(db, actor, id)
    const reviews = await objectReviews(db, actor, id)
    return c.json(
      {
        events: events.map((e) => ({ ...e, changes: e.changes as Record<string, unknown>[] })),
        reviews: reviews.map((r) => ({
          id: r.id,
          revision: r.revision,
          submittedAt: r.submittedAt,
          dueOn: r.dueOn,
          decision: r.decision,
          decidedAt: r.decidedAt,
          remarks: r.remarks,
        })),
      },
      200,
    )
  })

  app.openapi(queueRoute, async (c) => {
    const actor = requireActor(c)
    return c.json({ queue: await reviewQueue(c.get('services').database.db, actor) }, 200)
  })
}
