/**
 * @module
 * The e-services JSON API: service definitions and figures (public), result verification
 * (public), applications for the signed-in applicant (cookie `eakimat_person`, from
 * `POST /api/citizen/session`), the desk for staff (cookie `eakimat_session`, from
 * `POST /api/session`), and providers for administrators. Writes with a session need the
 * `X-CSRF-Token` header with the token the sign-in answered. Every call goes through the
 * services module's access checks: another applicant's or organisation's application is a 404.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { login, loginPerson } from '../../auth/index.js'
import { InputError, UnavailableError } from '../../core/index.js'
import {
  type ApplicationView,
  answerSurvey,
  applicationsOf,
  applyOnPortal,
  CHANNELS,
  dataToSignFor,
  decideApplication,
  inboxOf,
  issueResult,
  MAX_SIGNATURE_TEXT,
  offeredServiceDefinitions,
  payApplication,
  providersOf,
  registerAtDesk,
  removeProvider,
  requireServiceCode,
  requireView,
  type ServicesContext,
  serviceFigures,
  setProvider,
  setSharing,
  signApplication,
  stepCount,
  type UploadedAttachment,
  verification,
} from '../../services/index.js'
import {
  rateLimitMessage,
  requireActor,
  requirePerson,
  setPersonCookie,
  setSessionCookie,
  signInRequest,
} from '../auth.js'
import type { AppEnv } from '../context.js'
import { json } from './openapi.js'

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('ServicesError')
const errors = {
  400: json(ErrorSchema, 'The input is not valid (message in the interface language)'),
  401: json(ErrorSchema, 'Sign in first'),
  403: json(ErrorSchema, 'Your role does not allow this'),
  404: json(ErrorSchema, 'No such thing, or not yours'),
  409: json(ErrorSchema, 'The application is not waiting for this, or changed meanwhile'),
}
const localText = z.object({ kk: z.string(), ru: z.string(), en: z.string() })
const codeParam = z.object({
  code: z
    .string()
    .max(60)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'apostille' }),
})
const idParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,10}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
})

const ProviderSchema = z
  .object({
    organisationId: z.number().int(),
    nameKk: z.string(),
    nameRu: z.string(),
    bin: z.string().nullable(),
    feeKzt: z.number().int().nullable(),
    termWorkingDays: z.number().int().nullable(),
  })
  .openapi('ServiceProvider')

const ServiceEntrySchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    name: localText,
    channels: z.array(z.enum(CHANNELS)),
    steps: z.number().int().openapi({ description: 'Steps over all channels' }),
    act: z.string().openapi({ example: '2012-178' }),
    paid: z.boolean(),
    portalAuthentication: z.string(),
    providers: z.array(ProviderSchema),
  })
  .openapi('ServiceEntry')

const ApplicationSchema = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: 'APS-2026-000001' }),
    serviceCode: z.string(),
    channel: z.enum(CHANNELS),
    status: z.enum(['in-progress', 'completed', 'refused']),
    currentStep: z.string().nullable(),
    waitingFor: z.string().nullable(),
    stepOverdue: z.boolean(),
    registeredAt: z.string().nullable(),
    dueOn: z.string().nullable(),
    overdue: z.boolean(),
    endedAt: z.string().nullable(),
    refusalReason: z.string().nullable(),
    refusalDetail: z.string().nullable(),
    refusalText: z.string().nullable(),
    revision: z.number().int(),
    feeKzt: z.number().int().nullable(),
    recipient: z.object({
      kind: z.enum(['individual', 'legal-entity']),
      iin: z.string(),
      bin: z.string().nullable(),
      name: z.string(),
    }),
    form: z.record(z.string(), z.string()),
    attachments: z.array(
      z.object({
        id: z.number().int(),
        slot: z.string(),
        sha256: z.string(),
        size: z.number().int(),
        fileType: z.string(),
        originalName: z.string(),
      }),
    ),
    events: z.array(
      z.object({
        stepId: z.string(),
        outcome: z.string(),
        startedAt: z.string(),
        at: z.string(),
        milliseconds: z.number(),
        limitSeconds: z.number().nullable(),
        overLimit: z.boolean(),
        actorKind: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    result: z
      .object({
        kind: z.enum(['result', 'refusal']),
        code: z.string(),
        issuedAt: z.string(),
        ready: z.boolean(),
      })
      .nullable(),
  })
  .openapi('Application')

const SummarySchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    serviceCode: z.string(),
    channel: z.enum(CHANNELS),
    recipientName: z.string(),
    status: z.enum(['in-progress', 'completed', 'refused']),
    currentStep: z.string().nullable(),
    waitingFor: z.string().nullable(),
    stepOverdue: z.boolean(),
    dueOn: z.string().nullable(),
    overdue: z.boolean(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi('ApplicationSummary')

const AttachmentInput = z.object({
  slot: z.string().max(60),
  name: z.string().max(255),
  contentBase64: z.string().max(28 * 1024 * 1024),
})

const ApplyInput = z
  .object({
    service: z.string().max(60),
    providerOrganisationId: z.number().int().positive(),
    recipientKind: z.enum(['individual', 'legal-entity']).default('individual'),
    bin: z.string().max(20).nullable().optional(),
    language: z.enum(['kk', 'ru', 'en']).default('kk'),
    form: z.record(z.string(), z.string().max(10_000)),
    attachments: z.array(AttachmentInput).max(20).default([]),
    formOpenedAt: z.string().max(40).optional(),
  })
  .openapi('ApplyOnPortal')

const DeskInput = ApplyInput.extend({
  channel: z.enum(['desk', 'service-centre']),
  iin: z.string().max(20),
  recipientName: z.string().max(300).optional(),
  representativeIin: z.string().max(20).nullable().optional(),
  powerOfAttorney: z.string().max(50).nullable().optional(),
}).openapi('RegisterAtDesk')

function servicesOf(c: Context<AppEnv>): ServicesContext {
  const services = c.get('services').services
  if (!services) {
    throw new UnavailableError('E-services are not configured on this server')
  }
  return services
}

function decodeAttachments(items: z.infer<typeof AttachmentInput>[]): UploadedAttachment[] {
  return items.map((item) => {
    const text = item.contentBase64.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
      throw new InputError('An attachment is not valid base64', 'services.error.base64')
    }
    return {
      slot: item.slot,
      originalName: item.name,
      bytes: new Uint8Array(Buffer.from(text, 'base64')),
    }
  })
}

function instant(value: string | undefined): Date | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function forApi(view: ApplicationView) {
  return {
    ...view,
    result: view.result
      ? {
          kind: view.result.kind,
          code: view.result.code,
          issuedAt: view.result.issuedAt,
          ready: view.result.ready,
        }
      : null,
  }
}

/** What a sign-in may answer besides the common errors: refused by the rate limit. */
const rateLimited = {
  429: json(
    ErrorSchema,
    'Too many failed sign-ins from this address: wait the seconds in Retry-After (message in the interface language)',
  ),
}

const sessionBody = (schema: z.ZodType) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

export function registerServicesApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'applicant', {
    type: 'apiKey',
    in: 'cookie',
    name: 'eakimat_person',
    description:
      'The applicant session cookie set by POST /api/citizen/session (or signing in at /citizen/login). Writes also need the X-CSRF-Token header.',
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/citizen/session',
      tags: ['e-services'],
      summary:
        'Sign in as an applicant (IIN and password); sets the cookie, answers the CSRF token',
      request: sessionBody(z.object({ iin: z.string().max(20), password: z.string().max(500) })),
      responses: {
        200: json(
          z.object({
            csrfToken: z.string(),
            person: z.object({ personId: z.number(), iin: z.string(), name: z.string() }),
          }),
          'Signed in',
        ),
        ...errors,
        ...rateLimited,
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as { iin: string; password: string }
      const result = await loginPerson(c.get('services').database.db, {
        iin: body.iin,
        password: body.password,
        userAgent: c.req.header('user-agent') ?? null,
        request: signInRequest(c),
      })
      if (!result.ok && result.reason === 'rate-limited') {
        const message = rateLimitMessage(c, result.retryAfterSeconds)
        return c.json({ error: { code: 'rate_limited', message } }, 429)
      }
      if (!result.ok) {
        return c.json(
          { error: { code: 'unauthorized', message: c.get('t')('persons.login.invalid') } },
          401,
        )
      }
      setPersonCookie(c, result.token)
      const { person } = result.session
      return c.json(
        {
          csrfToken: result.session.csrfToken,
          person: { personId: person.personId, iin: person.iin, name: person.name },
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      tags: ['e-services'],
      summary: 'Sign in as staff (e-mail and password); sets the cookie, answers the CSRF token',
      request: sessionBody(z.object({ email: z.string().max(320), password: z.string().max(500) })),
      responses: {
        200: json(
          z.object({
            csrfToken: z.string(),
            actor: z.object({
              userId: z.number(),
              organisationId: z.number(),
              roles: z.array(z.string()),
            }),
          }),
          'Signed in',
        ),
        ...errors,
        ...rateLimited,
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as { email: string; password: string }
      const result = await login(c.get('services').database.db, {
        email: body.email,
        password: body.password,
        userAgent: c.req.header('user-agent') ?? null,
        request: signInRequest(c),
      })
      if (!result.ok && result.reason === 'rate-limited') {
        const message = rateLimitMessage(c, result.retryAfterSeconds)
        return c.json({ error: { code: 'rate_limited', message } }, 429)
      }
      if (!result.ok) {
        return c.json(
          { error: { code: 'unauthorized', message: c.get('t')('auth.login.invalid') } },
          401,
        )
      }
      setSessionCookie(c, result.token)
      const { actor } = result.session
      return c.json(
        {
          csrfToken: result.session.csrfToken,
          actor: {
            userId: actor.userId,
            organisationId: actor.organisation.id,
            roles: [...actor.roles],
          },
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services',
      tags: ['e-services'],
      summary: 'The e-services with their channels, steps and providers',
      responses: { 200: json(z.object({ services: z.array(ServiceEntrySchema) }), 'The services') },
    }),
    async (c) => {
      const db = c.get('services').database.db
      const services = []
      for (const d of offeredServiceDefinitions()) {
        services.push({
          code: d.code,
          version: d.version,
          name: { kk: d.name.kk, ru: d.name.ru, en: d.name.en },
          channels: CHANNELS.filter((ch) => d.channels[ch]),
          steps: stepCount(d),
          act: d.act.id,
          paid: d.payment.required,
          portalAuthentication: d.portalAuthentication,
          providers: (await providersOf(db, d.code)).map((p) => ({
            organisationId: p.organisation.id,
            nameKk: p.organisation.nameKk,
            nameRu: p.organisation.nameRu,
            bin: p.organisation.bin,
            feeKzt: p.feeKzt,
            termWorkingDays: p.termWorkingDays,
          })),
        })
      }
      return c.json({ services }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{code}',
      tags: ['e-services'],
      summary:
        'A service definition as data: channels, steps with their act lines and limits, form',
      request: { params: codeParam },
      responses: { 200: json(z.record(z.string(), z.unknown()), 'The definition'), ...errors },
    }),
    async (c) =>
      c.json(requireServiceCode(c.req.valid('param').code) as Record<string, unknown>, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{code}/figures',
      tags: ['e-services'],
      summary: 'Quality figures: counts, share on time, overdue, median time per step, survey',
      request: {
        params: codeParam,
        query: z.object({
          from: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          to: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
      },
      responses: { 200: json(z.record(z.string(), z.unknown()), 'The figures'), ...errors },
    }),
    async (c) => {
      const code = requireServiceCode(c.req.valid('param').code).code
      const { from, to } = c.req.valid('query')
      const figures = await serviceFigures(c.get('services').database.db, code, { from, to })
      return c.json(figures as unknown as Record<string, unknown>, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/verify/{code}',
      tags: ['e-services'],
      summary: 'Verify a result or refusal by its code: only what the applicant chose to share',
      request: {
        params: z.object({
          code: z
            .string()
            .max(40)
            .openapi({ param: { name: 'code', in: 'path' }, example: 'ABCD-EFGH-JKMN' }),
        }),
      },
      responses: { 200: json(z.record(z.string(), z.unknown()), 'What may be shown'), ...errors },
    }),
    async (c) => {
      const found = await verification(
        c.get('services').database.db,
        c.req.valid('param').code,
        servicesOf(c),
      )
      if (!found) {
        return c.json(
          { error: { code: 'not_found', message: c.get('t')('services.error.codeNotFound') } },
          404,
        )
      }
      return c.json(found as unknown as Record<string, unknown>, 200)
    },
  )

  // The applicant's applications.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/applications',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Your applications, newest first',
      responses: {
        200: json(z.object({ applications: z.array(SummarySchema) }), 'The list'),
        ...errors,
      },
    }),
    async (c) => {
      const person = requirePerson(c)
      return c.json(
        { applications: await applicationsOf(c.get('services').database.db, person) },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/applications',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Apply on the portal; the application then waits for payment or your signature',
      request: sessionBody(ApplyInput),
      responses: { 201: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const person = requirePerson(c)
      const body = c.req.valid('json') as z.infer<typeof ApplyInput>
      const view = await applyOnPortal(c.get('services').database.db, servicesOf(c), person, {
        serviceCode: body.service,
        providerOrganisationId: body.providerOrganisationId,
        recipientKind: body.recipientKind,
        bin: body.bin ?? null,
        language: body.language,
        form: body.form,
        attachments: decodeAttachments(body.attachments),
        signedInAt: new Date(c.get('personSession')?.createdAt ?? Date.now()),
        formOpenedAt: instant(body.formOpenedAt),
      })
      return c.json(forApi(view), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/applications/{id}',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'One of your applications with its history',
      request: { params: idParam },
      responses: { 200: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const person = requirePerson(c)
      const view = await requireView(
        c.get('services').database.db,
        { person },
        Number(c.req.valid('param').id),
      )
      return c.json(forApi(view), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/applications/{id}/data-to-sign',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'The exact bytes to sign (canonical JSON, UTF-8)',
      request: { params: idParam },
      responses: {
        200: { description: 'The data', content: { 'text/plain': { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const person = requirePerson(c)
      const data = await dataToSignFor(
        c.get('services').database.db,
        { person },
        Number(c.req.valid('param').id),
      )
      return c.body(data, 200, { 'Content-Type': 'text/plain; charset=utf-8' }) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/applications/{id}/payment',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Pay through the payment gateway (simulated: see the test cards)',
      request: { params: idParam, ...sessionBody(z.object({ cardNumber: z.string().max(40) })) },
      responses: {
        200: json(
          z.object({
            outcome: z.enum(['paid', 'declined', 'timeout']),
            application: ApplicationSchema,
          }),
          'The outcome',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const person = requirePerson(c)
      const body = c.req.valid('json') as { cardNumber: string }
      const { view, outcome } = await payApplication(
        c.get('services').database.db,
        servicesOf(c),
        person,
        Number(c.req.valid('param').id),
        body.cardNumber,
      )
      return c.json({ outcome, application: forApi(view) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/applications/{id}/signature',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Submit your CMS signature (base64) over the data to sign',
      request: {
        params: idParam,
        ...sessionBody(z.object({ signature: z.string().max(MAX_SIGNATURE_TEXT) })),
      },
      responses: { 200: json(ApplicationSchema, 'The application after the check'), ...errors },
    }),
    async (c) => {
      const person = requirePerson(c)
      const body = c.req.valid('json') as { signature: string }
      const view = await signApplication(
        c.get('services').database.db,
        servicesOf(c),
        { person },
        Number(c.req.valid('param').id),
        body.signature,
      )
      return c.json(forApi(view), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/applications/{id}/survey',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Answer the Appendix 3 survey (1 not satisfied, 2 partly, 3 satisfied)',
      request: {
        params: idParam,
        ...sessionBody(
          z.object({
            quality: z.number().int().min(1).max(3),
            information: z.number().int().min(1).max(3),
          }),
        ),
      },
      responses: { 204: { description: 'Recorded' }, ...errors },
    }),
    async (c) => {
      const person = requirePerson(c)
      const body = c.req.valid('json') as { quality: number; information: number }
      await answerSurvey(
        c.get('services').database.db,
        person,
        Number(c.req.valid('param').id),
        body,
      )
      return c.body(null, 204) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/applications/{id}/sharing',
      tags: ['e-services'],
      security: [{ applicant: [] }],
      summary: 'Choose what the public verification page shows besides the defaults',
      request: {
        params: idParam,
        ...sessionBody(
          z.object({
            details: z.boolean().default(false),
            name: z.boolean(),
            number: z.boolean(),
            document: z.boolean(),
          }),
        ),
      },
      responses: { 204: { description: 'Saved' }, ...errors },
    }),
    async (c) => {
      const person = requirePerson(c)
      const body = c.req.valid('json') as {
        details: boolean
        name: boolean
        number: boolean
        document: boolean
      }
      await setSharing(c.get('services').database.db, person, Number(c.req.valid('param').id), body)
      return c.body(null, 204) as never
    },
  )

  // The desk.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/desk/inbox',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'Applications of your organisation, earliest term first',
      request: {
        query: z.object({
          service: z.string().max(60).optional(),
          ended: z.enum(['1', 'true']).optional(),
        }),
      },
      responses: {
        200: json(z.object({ applications: z.array(SummarySchema) }), 'The inbox'),
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const query = c.req.valid('query')
      const applications = await inboxOf(c.get('services').database.db, actor, {
        serviceCode: query.service,
        ended: !!query.ended,
      })
      return c.json({ applications }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/desk/applications',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'Register an application at the provider’s desk or a service centre (operator)',
      request: sessionBody(DeskInput),
      responses: { 201: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const body = c.req.valid('json') as z.infer<typeof DeskInput>
      const view = await registerAtDesk(c.get('services').database.db, servicesOf(c), actor, {
        serviceCode: body.service,
        channel: body.channel,
        providerOrganisationId: body.providerOrganisationId,
        recipientKind: body.recipientKind,
        iin: body.iin,
        bin: body.bin ?? null,
        recipientName: body.recipientName ?? null,
        representativeIin: body.representativeIin ?? null,
        powerOfAttorney: body.powerOfAttorney ?? null,
        language: body.language,
        form: body.form,
        attachments: decodeAttachments(body.attachments),
        formOpenedAt: instant(body.formOpenedAt),
      })
      return c.json(forApi(view), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/desk/applications/{id}',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'An application of your organisation',
      request: { params: idParam },
      responses: { 200: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const view = await requireView(
        c.get('services').database.db,
        { actor },
        Number(c.req.valid('param').id),
      )
      return c.json(forApi(view), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/desk/applications/{id}/data-to-sign',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'The exact bytes the operator signs',
      request: { params: idParam },
      responses: {
        200: { description: 'The data', content: { 'text/plain': { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c)
      const data = await dataToSignFor(
        c.get('services').database.db,
        { actor },
        Number(c.req.valid('param').id),
      )
      return c.body(data, 200, { 'Content-Type': 'text/plain; charset=utf-8' }) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/desk/applications/{id}/signature',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'The operator signs the registered form (CMS, base64)',
      request: {
        params: idParam,
        ...sessionBody(z.object({ signature: z.string().max(MAX_SIGNATURE_TEXT) })),
      },
      responses: { 200: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const body = c.req.valid('json') as { signature: string }
      const view = await signApplication(
        c.get('services').database.db,
        servicesOf(c),
        { actor },
        Number(c.req.valid('param').id),
        body.signature,
      )
      return c.json(forApi(view), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/desk/applications/{id}/decision',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary:
        'The provider’s operator decides on the documents and grounds (reasons for a refusal)',
      request: {
        params: idParam,
        ...sessionBody(
          z.object({ meets: z.boolean(), reason: z.string().max(4000).nullable().optional() }),
        ),
      },
      responses: { 200: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const body = c.req.valid('json') as { meets: boolean; reason?: string | null }
      const view = await decideApplication(
        c.get('services').database.db,
        servicesOf(c),
        actor,
        Number(c.req.valid('param').id),
        { meets: body.meets, reason: body.reason ?? null },
      )
      return c.json(forApi(view), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/desk/applications/{id}/result',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'The authorised person signs and issues the result (signer)',
      request: { params: idParam },
      responses: { 200: json(ApplicationSchema, 'The application'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const view = await issueResult(
        c.get('services').database.db,
        servicesOf(c),
        actor,
        Number(c.req.valid('param').id),
      )
      return c.json(forApi(view), 200)
    },
  )

  // Providers (administrators of the service integrator or the authorised body).
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/services/{code}/providers/{organisationId}',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'Bind an organisation as a provider, with the fee and term of the service standard',
      request: {
        params: codeParam.extend({
          organisationId: z
            .string()
            .regex(/^\d{1,10}$/)
            .openapi({ param: { name: 'organisationId', in: 'path' } }),
        }),
        ...sessionBody(
          z.object({
            feeKzt: z.number().int().nullable().optional(),
            termWorkingDays: z.number().int().nullable().optional(),
          }),
        ),
      },
      responses: { 200: json(ProviderSchema, 'The binding'), ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const params = c.req.valid('param')
      const body = c.req.valid('json') as {
        feeKzt?: number | null
        termWorkingDays?: number | null
      }
      const p = await setProvider(c.get('services').database.db, actor, {
        serviceCode: params.code,
        organisationId: Number(params.organisationId),
        feeKzt: body.feeKzt ?? null,
        termWorkingDays: body.termWorkingDays ?? null,
      })
      return c.json(
        {
          organisationId: p.organisation.id,
          nameKk: p.organisation.nameKk,
          nameRu: p.organisation.nameRu,
          bin: p.organisation.bin,
          feeKzt: p.feeKzt,
          termWorkingDays: p.termWorkingDays,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/services/{code}/providers/{organisationId}',
      tags: ['e-services'],
      security: [{ session: [] }],
      summary: 'Remove a provider binding (applications already made keep their provider)',
      request: {
        params: codeParam.extend({
          organisationId: z
            .string()
            .regex(/^\d{1,10}$/)
            .openapi({ param: { name: 'organisationId', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Removed' }, ...errors },
    }),
    async (c) => {
      const actor = requireActor(c)
      const params = c.req.valid('param')
      await removeProvider(
        c.get('services').database.db,
        actor,
        params.code,
        Number(params.organisationId),
      )
      return c.body(null, 204) as never
    },
  )
}
