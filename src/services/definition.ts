/**
 * @module
 * The shape of a service definition: one JSON file per e-service in `src/services/definitions/`,
 * checked against this schema when it is loaded. A definition is data: the engine
 * (`engine.ts`) runs any definition that passes the schema and the cross-checks of
 * `checkDefinition` (every branch leads to a step of the same channel, every path ends).
 *
 * Text of the law (`text.kk`, `table.*`) is kept as printed in the act (after removing only
 * extraction artefacts such as letter-spacing), with the act's line numbers; Russian and English
 * names that the act does not print are marked `"source": "translation"`.
 */
import { z } from 'zod'

export const CHANNELS = ['portal', 'desk', 'service-centre'] as const
export type Channel = (typeof CHANNELS)[number]

/** Who performs a step, in the words of the regulation's tables (ҚФБ). */
export const STEP_ACTORS = [
  'recipient', // алушы
  'portal', // ЭҮП, the e-government portal
  'gateway', // ЭҮШ, the e-government gateway
  'payment-gateway', // ЭҮТШ
  'provider-system', // қызмет көрсетушінің АЖО
  'provider-employee', // қызмет көрсетуші қызметкерi
  'authorised-person', // қызмет көрсетушінің уәкiлеттi тұлғасы: signs the result
  'centre-operator', // Орталықтың операторы (ХҚКО)
  'state-databases', // ЖТ МДҚ / ЗТ МДҚ
  'notary-system', // БНАЖ
] as const
export type StepActor = (typeof STEP_ACTORS)[number]

/**
 * What the engine does at a step. Processes (`kind: "process"`) and conditions
 * (`kind: "condition"`, with `onPass` and `onFail`):
 *
 * - `sign-in`: the applicant's (or employee's) sign-in, completed when the application starts.
 * - `check-credentials` (condition): the sign-in check; passes for every application.
 * - `fill-form`: the applicant fills in the form and attaches the documents.
 * - `enter-recipient`: an employee or centre operator enters the recipient's data at the desk.
 * - `pay`: payment through the payment gateway.
 * - `check-payment` (condition): the payment was received.
 * - `choose-certificate`: the signer picks their certificate (done with `sign`).
 * - `check-signature` (condition): the certificate is valid, not revoked, issued to the
 *   applicant's IIN/BIN, and the signature is over the exact submitted data.
 * - `sign`: the applicant (or employee, operator) signs the form and its documents.
 * - `query-state-databases`: ask the state databases (and the notary system for a power of
 *   attorney) for the recipient's data.
 * - `check-state-data` (condition): the recipient's (and representative's) data were found.
 * - `send`: the signed request goes through the gateway to the provider (with the courier's
 *   paper documents where `courier` is set).
 * - `register`: the provider's system registers the request.
 * - `check-grounds` (condition): the provider's employee decides whether the documents and the
 *   grounds of the service are met.
 * - `refuse`: a refusal notice is formed; the application ends refused. The sign-in refusal
 *   (reason `sign-in`) is never reached by an application (a failed sign-in makes none) and is
 *   kept to draw the process as the act gives it.
 * - `issue-result`: the provider's authorised person signs the result; the application ends
 *   with its result.
 */
export const STEP_ACTIONS = [
  'sign-in',
  'check-credentials',
  'fill-form',
  'enter-recipient',
  'pay',
  'check-payment',
  'choose-certificate',
  'check-signature',
  'sign',
  'query-state-databases',
  'check-state-data',
  'send',
  'register',
  'check-grounds',
  'refuse',
  'issue-result',
] as const
export type StepAction = (typeof STEP_ACTIONS)[number]

/** Why an application was refused; each `refuse` step names the one it forms. */
export const REFUSAL_REASONS = [
  'sign-in', // авторландырудан бас тарту
  'unpaid', // төлемақының жоқтығы
  'signature', // ЭЦҚ шынайылығының расталмауы
  'state-data', // деректердi алу мүмкiн еместiгi
  'grounds', // негiздерге / құжаттарға сәйкес еместігі
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

const lines = z
  .tuple([z.number().int().positive(), z.number().int().positive()])
  .refine(([a, b]) => a <= b, 'the first line must not be after the last')

const localText = z.object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) })

/** A name or label: kk/ru/en, with where each came from. */
const name = localText.extend({
  /** Lines of the act that print the Kazakh text. */
  lines: lines.optional(),
  /** Russian and English are ours where the act prints only Kazakh. */
  source: z.enum(['act', 'translation']),
})

/**
 * A time limit as the regulation's table prints it. `seconds` is the limit (the upper bound of a
 * range such as "10–15 секунд"); `workingDays` counts Kazakhstan working days with the calendar.
 */
const limit = z
  .object({
    /** The text printed in the table's «Орындалу мерзімі» row, e.g. "10–15 секунд". */
    printed: z.string().min(1),
    minSeconds: z.number().int().nonnegative().optional(),
    seconds: z.number().int().positive().optional(),
    workingDays: z.number().int().positive().optional(),
    /** How the printed text was read where it is ambiguous (e.g. "30–1 мин" has no first unit). */
    reading: z.string().optional(),
  })
  .refine((l) => (l.seconds === undefined) !== (l.workingDays === undefined), {
    message: 'a limit is either in seconds or in working days',
  })

const stepId = z.string().regex(/^[PC]\d{1,2}$/, 'a step id is P<n> (process) or C<n> (condition)')

const step = z
  .object({
    /** "P3" for «3 үдерiс», "C2" for «2 шарт»: numbered per channel as in the act. */
    id: stepId,
    kind: z.enum(['process', 'condition']),
    actor: z.enum(STEP_ACTORS),
    action: z.enum(STEP_ACTIONS),
    /** The step's text as printed in the act (Kazakh), with its lines. */
    text: z.object({ kk: z.string().min(1), lines }),
    /** A short label for diagrams and status pages. */
    label: localText,
    /** The step's column in the Appendix 2 table, where there is one. */
    table: z
      .object({
        column: z.number().int().positive(),
        /** «Аяқтау пішіні», as printed. */
        completion: z.string().min(1).optional(),
        /** «Келесі іс-әрекеттің орындалуы», as printed ("-" where the table has none). */
        next: z.string().min(1).optional(),
        lines,
      })
      .optional(),
    limit: limit.optional(),
    /** The next step of a process; absent on the last step. */
    next: stepId.optional(),
    /** Where a condition goes when it holds / fails. */
    onPass: stepId.optional(),
    onFail: stepId.optional(),
    /** For a `refuse` step: which refusal it forms. */
    reason: z.enum(REFUSAL_REASONS).optional(),
    /** For `send`: paper documents also go by the centre's courier (S1, L267–270). */
    courier: z.boolean().optional(),
    /** Notes on how the step was read where the act is unclear or contradicts itself. */
    note: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'condition' && (!s.onPass || !s.onFail || s.next)) {
      ctx.addIssue({ code: 'custom', message: `${s.id}: a condition has onPass and onFail only` })
    }
    if (s.kind === 'process' && (s.onPass || s.onFail)) {
      ctx.addIssue({ code: 'custom', message: `${s.id}: a process has no onPass/onFail` })
    }
    if ((s.kind === 'condition') !== s.id.startsWith('C')) {
      ctx.addIssue({ code: 'custom', message: `${s.id}: conditions are C<n>, processes P<n>` })
    }
    if (s.action === 'refuse' && !s.reason) {
      ctx.addIssue({ code: 'custom', message: `${s.id}: a refusal names its reason` })
    }
  })

const channelFlow = z.object({
  /** The diagram's number in Appendix 1 (the diagrams themselves were images and are lost). */
  diagram: z.number().int().positive(),
  /** The paragraph of the regulation that lists the steps, with its lines. */
  paragraph: z.object({ number: z.number().int().positive(), lines }),
  /** The Appendix 2 table for this channel. */
  table: z.object({ number: z.number().int().positive(), lines }).optional(),
  /** The channel's steps in the act's order; the first one is where an application starts. */
  steps: z.array(step).min(1),
  /** What the recipient gets at the end of this channel. */
  result: z.object({
    kind: z.enum(['notice', 'document']),
    title: name,
    /** Who signs it: always the provider's authorised person in these regulations. */
    signedBy: z.literal('authorised-person'),
  }),
  /** Where the act contradicts itself about the channel as a whole (e.g. a wrong diagram number). */
  note: z.string().optional(),
})

const field = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  type: z.enum(['text', 'textarea', 'date', 'number', 'select']),
  label: localText,
  required: z.boolean(),
  maxLength: z.number().int().positive().optional(),
  options: z.array(z.object({ value: z.string().min(1), label: localText })).optional(),
})

const attachment = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  label: localText,
  required: z.boolean(),
  /** File types accepted, by content (see src/files detectFileType). */
  types: z.array(z.enum(['pdf', 'jpeg', 'png', 'docx'])).min(1),
})

export const serviceDefinitionSchema = z.object({
  /** Stable code used in URLs, numbers and the CLI. */
  code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  /** Prefix of application numbers, e.g. "APS" → APS-2026-000123. */
  numberPrefix: z.string().regex(/^[A-Z]{2,4}$/),
  /** Raised whenever the definition changes; applications keep the version they started with. */
  version: z.number().int().positive(),
  /** The act and the appendix that is this service's regulation. */
  act: z.object({
    /** acts_act id of the order, e.g. "2012-178". */
    id: z.string().min(1),
    file: z.string().min(1),
    appendix: z.number().int().positive(),
    lines,
    /** The order was repealed (L4, L7–11): kept as the model the engine runs. */
    status: z.enum(['in-force', 'repealed']),
  }),
  name,
  /** Providers as the regulation names them (bound to organisations by an administrator). */
  providers: z.array(name).min(1),
  /** The service standard the regulation rests on (its terms, fees and documents are there). */
  standard: z.object({ kk: z.string().min(1), lines }),
  automation: z.enum(['partial', 'full']),
  type: z.enum(['transactional', 'informational']),
  recipientTypes: z.array(z.enum(['individual', 'legal-entity'])).min(1),
  /** How a recipient signs in on the portal (S1, S3: certificate + password; S2: IIN + password). */
  portalAuthentication: z.enum(['certificate-and-password', 'iin-and-password']),
  /** Payment through the payment gateway; the amount is in the standard, not in the act. */
  payment: z.object({ required: z.boolean(), lines: lines.optional() }),
  form: z.object({
    fields: z.array(field),
    attachments: z.array(attachment),
    /** The act refers to the standard's item 11 for the documents; the lines that say so. */
    lines,
  }),
  channels: z.object({
    portal: channelFlow,
    desk: channelFlow.optional(),
    'service-centre': channelFlow.optional(),
  }),
  /** Where the status can be checked, and the call centre (L283–288). */
  help: z.object({ statusCheck: z.string().min(1), callCentre: z.string().min(1), lines }),
  /**
   * Set on a definition an akimat generated from an Appendix 1 row (src/automation): the row
   * (`architecture:section.number`), the akimat and the pattern. Absent on the files.
   */
  origin: z
    .object({
      kind: z.literal('generated'),
      functionKey: z.string().regex(/^\d+:\d\.\d+$/),
      organisationId: z.number().int().positive(),
      pattern: z.literal('application'),
    })
    .optional(),
})

export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>
export type ChannelFlow = z.infer<typeof channelFlow>
export type Step = z.infer<typeof step>
export type StepLimit = z.infer<typeof limit>
export type FormField = z.infer<typeof field>
export type FormAttachment = z.infer<typeof attachment>
export type LocalText = z.infer<typeof localText>

/**
 * Cross-checks the schema cannot express: step ids unique per channel, every `next`/`onPass`/
 * `onFail` names a step of the same channel, every path from the first step ends at a `refuse`
 * or `issue-result` step, and only those steps end. Returns the problems (empty when sound).
 */
export function checkDefinition(definition: ServiceDefinition): string[] {
  const problems: string[] = []
  for (const [channel, flow] of Object.entries(definition.channels)) {
    if (!flow) continue
    const byId = new Map<string, Step>()
    for (const s of flow.steps) {
      if (byId.has(s.id)) problems.push(`${channel}: step ${s.id} twice`)
      byId.set(s.id, s)
    }
    for (const s of flow.steps) {
      for (const target of [s.next, s.onPass, s.onFail]) {
        if (target && !byId.has(target)) {
          problems.push(`${channel}: ${s.id} leads to ${target}, which is not a step`)
        }
      }
      const ends = s.action === 'refuse' || s.action === 'issue-result'
      if (ends && (s.next || s.onPass || s.onFail)) {
        problems.push(`${channel}: ${s.id} ends the application but leads on`)
      }
      if (!ends && s.kind === 'process' && !s.next) {
        problems.push(`${channel}: ${s.id} leads nowhere`)
      }
    }
    // Every path from the first step must end without looping.
    const visiting = new Set<string>()
    const done = new Set<string>()
    const walk = (id: string): void => {
      if (done.has(id)) return
      if (visiting.has(id)) {
        problems.push(`${channel}: a loop through ${id}`)
        return
      }
      visiting.add(id)
      const s = byId.get(id)
      for (const target of [s?.next, s?.onPass, s?.onFail]) if (target) walk(target)
      visiting.delete(id)
      done.add(id)
    }
    const first = flow.steps[0]
    if (first) walk(first.id)
    if (!flow.steps.some((s) => s.action === 'issue-result')) {
      problems.push(`${channel}: no step issues the result`)
    }
  }
  return problems
}
