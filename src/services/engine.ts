/**
 * @module
 * The engine: runs an application through the steps of its service definition's channel.
 *
 * An application always stands at one step (`current_step`) until it ends. `advance` executes
 * steps from there for as long as it can on its own — sign-in and form steps at the start,
 * checks whose answer it has, the state databases, sending, registration, refusals — and stops
 * at a step that needs someone: the applicant's payment or signature, the employee's signature,
 * the provider's decision on the grounds, or the authorised person's signature on the result
 * (`waiting_for`). Each completed step is an event with when it started, when it ended, how long
 * it took and the regulation's limit, so the history and the figures show time against the limit.
 *
 * Every call is one transaction that ends with a compare-and-set on `revision`: two people acting
 * on the same application at once cannot both succeed (the second gets a conflict).
 */
import type { Kysely, Transaction } from 'kysely'
import { addWorkingDays, kazakhstanDate } from '../calendar/index.js'
import { ConflictError } from '../core/index.js'
import type { Database } from '../db/index.js'
import type { CertificateSubject, ServiceAdapters, SignatureFailure } from './adapters.js'
import type { Channel, ChannelFlow, ServiceDefinition, Step } from './definition.js'

type Trx = Transaction<Database> | Kysely<Database>

/** Who the application waits for at its current step. */
export const WAITING_FOR = [
  'applicant-payment',
  'applicant-signature',
  'employee-signature',
  'provider-decision',
  'signer',
] as const
export type WaitingFor = (typeof WAITING_FOR)[number]

export type ApplicationStatus = 'in-progress' | 'completed' | 'refused'

/** Who did something: the applicant, a staff member acting for an organisation, or the system. */
export type EventActor =
  | { kind: 'person'; personId: number }
  | { kind: 'user'; userId: number; organisationId: number }
  | { kind: 'system' }

/** What a call brings to the steps that wait for it. */
export interface StepInput {
  /** The application is being made: sign-in and form steps complete. */
  start?: {
    /** When the person (or employee) signed in: the sign-in step's time. */
    signedInAt: Date
    /** When the form was opened: the form step's start. */
    formOpenedAt: Date
  }
  payment?: { outcome: 'paid' | 'declined'; reference: string }
  signature?: {
    ok: boolean
    failure: SignatureFailure | null
    signer: CertificateSubject | null
  }
  decision?: { meets: boolean; reason: string | null }
  issue?: true
}

/** The row as the engine changes it. */
export interface ApplicationState {
  id: number
  service_code: string
  channel: string
  provider_organisation_id: number
  recipient_kind: string
  recipient_iin: string
  recipient_bin: string | null
  recipient_name: string
  representative_iin: string | null
  power_of_attorney: string | null
  status: string
  current_step: string | null
  waiting_for: string | null
  step_started_at: string
  registered_at: string | null
  due_on: string | null
  ended_at: string | null
  refusal_reason: string | null
  refusal_text: string | null
  revision: number
}

/** What `advance` did, for the caller (e.g. to make the result document after commit). */
export interface AdvanceOutcome {
  ended: boolean
  events: number
}

export function flowOf(definition: ServiceDefinition, channel: Channel): ChannelFlow | undefined {
  return definition.channels[channel]
}

function stepById(flow: ChannelFlow, id: string): Step {
  const step = flow.steps.find((s) => s.id === id)
  if (!step) throw new Error(`step ${id} is not in the flow`)
  return step
}

/** The state databases' answer, as the check-state-data step judges it. */
export interface StateDataFindings {
  recipient: boolean
  /** For a legal entity: the applicant (representative) is its head, or holds a power of attorney. */
  representative: boolean | null
  powerOfAttorney: 'valid' | 'expired' | 'absent' | 'mismatch' | null
  recipientName: string | null
}

async function queryStateDatabases(
  adapters: ServiceAdapters,
  app: ApplicationState,
  today: string,
): Promise<StateDataFindings> {
  const person = await adapters.stateDatabases.person(app.recipient_iin)
  let recipient = !!person
  let recipientName = person
    ? [person.surname, person.givenName, person.patronymic].filter(Boolean).join(' ')
    : null
  if (app.recipient_kind === 'legal-entity') {
    const entity = app.recipient_bin
      ? await adapters.stateDatabases.legalEntity(app.recipient_bin)
      : undefined
    recipient = recipient && !!entity
    recipientName = entity ? entity.nameRu : recipientName
  }
  let powerOfAttorney: StateDataFindings['powerOfAttorney'] = null
  if (app.power_of_attorney) {
    const poa = await adapters.stateDatabases.powerOfAttorney(app.power_of_attorney)
    powerOfAttorney = !poa
      ? 'absent'
      : poa.principalIin !== app.recipient_iin || poa.representativeIin !== app.representative_iin
        ? 'mismatch'
        : poa.validUntil < today
          ? 'expired'
          : 'valid'
  }
  return { recipient, representative: null, powerOfAttorney, recipientName }
}

function stateDataHolds(findings: StateDataFindings): boolean {
  return (
    findings.recipient &&
    (findings.powerOfAttorney === null || findings.powerOfAttorney === 'valid')
  )
}

/** The limit of a step in seconds, if the regulation sets one in seconds. */
function limitSeconds(step: Step): number | null {
  return step.limit?.seconds ?? null
}

/** True when a step running since `startedAt` is over its limit at `now`. */
export function stepOverLimit(step: Step, startedAt: string, now: Date): boolean {
  if (!step.limit) return false
  if (step.limit.seconds !== undefined) {
    return now.getTime() - Date.parse(startedAt) > step.limit.seconds * 1000
  }
  if (step.limit.workingDays !== undefined) {
    const due = addWorkingDays(kazakhstanDate(new Date(startedAt)), step.limit.workingDays)
    return kazakhstanDate(now) > due
  }
  return false
}

/**
 * Runs the application from its current step for as long as it can; stops where the
 * application waits for someone or has ended. Writes one event per completed step and
 * updates the row (compare-and-set on `revision`). Returns whether the application ended.
 */
export async function advance(
  trx: Trx,
  adapters: ServiceAdapters,
  definition: ServiceDefinition,
  app: ApplicationState,
  input: StepInput,
  actor: EventActor,
  now: Date,
  options: { termWorkingDays: number | null },
): Promise<AdvanceOutcome> {
  const flow = flowOf(definition, app.channel as Channel)
  if (!flow) throw new Error(`service ${definition.code} has no channel ${app.channel}`)
  const startRevision = app.revision
  let events = 0
  let findings: StateDataFindings | null = null
  let stepCount = 0

  const complete = async (
    step: Step,
    outcome: 'done' | 'passed' | 'failed' | 'refused' | 'issued',
    details: Record<string, unknown>,
    at: Date = now,
    startedAt: string = app.step_started_at,
    by: EventActor = actor,
  ) => {
    const started = Date.parse(startedAt)
    const milliseconds = Math.max(0, at.getTime() - started)
    const limit = limitSeconds(step)
    await trx
      .insertInto('services_event')
      .values({
        application_id: app.id,
        step_id: step.id,
        outcome,
        started_at: new Date(started).toISOString(),
        at: at.toISOString(),
        milliseconds,
        limit_seconds: limit,
        over_limit: stepOverLimit(step, new Date(started).toISOString(), at) ? 1 : 0,
        actor_kind: by.kind,
        actor_person_id: by.kind === 'person' ? by.personId : null,
        actor_user_id: by.kind === 'user' ? by.userId : null,
        actor_organisation_id: by.kind === 'user' ? by.organisationId : null,
        details: JSON.stringify(details),
      })
      .execute()
    events += 1
    app.step_started_at = at.toISOString()
  }
  const go = (id: string | undefined) => {
    if (!id) throw new Error('a step leads nowhere')
    app.current_step = id
  }
  const wait = (who: WaitingFor) => {
    app.waiting_for = who
  }
  const employeeSigns = app.channel !== 'portal'

  loop: while (app.current_step) {
    stepCount += 1
    if (stepCount > 200) throw new Error('the flow does not end')
    const step = stepById(flow, app.current_step)
    app.waiting_for = null
    switch (step.action) {
      case 'sign-in': {
        if (!input.start) throw new Error('sign-in only at the start')
        const at = input.start.signedInAt
        await complete(step, 'done', {}, at, at.toISOString())
        go(step.next)
        break
      }
      case 'check-credentials': {
        await complete(step, 'passed', {}, input.start?.signedInAt ?? now)
        go(step.onPass)
        break
      }
      case 'fill-form':
      case 'enter-recipient': {
        if (!input.start) throw new Error('form steps only at the start')
        await complete(step, 'done', {}, now, input.start.formOpenedAt.toISOString())
        go(step.next)
        break
      }
      case 'pay': {
        if (!input.payment) {
          wait('applicant-payment')
          break loop
        }
        await complete(step, 'done', {
          reference: input.payment.reference,
          outcome: input.payment.outcome,
        })
        go(step.next)
        break
      }
      case 'check-payment': {
        const paid = input.payment?.outcome === 'paid'
        await complete(step, paid ? 'passed' : 'failed', { outcome: input.payment?.outcome })
        go(paid ? step.onPass : step.onFail)
        break
      }
      case 'choose-certificate': {
        if (!input.signature) {
          wait(employeeSigns ? 'employee-signature' : 'applicant-signature')
          break loop
        }
        await complete(step, 'done', { certificate: input.signature.signer?.serialNumber ?? null })
        go(step.next)
        break
      }
      case 'check-signature': {
        if (!input.signature) {
          wait(employeeSigns ? 'employee-signature' : 'applicant-signature')
          break loop
        }
        const ok = input.signature.ok
        await complete(step, ok ? 'passed' : 'failed', {
          failure: input.signature.failure,
          signer: input.signature.signer
            ? {
                iin: input.signature.signer.iin,
                bin: input.signature.signer.bin,
                commonName: input.signature.signer.commonName,
                serialNumber: input.signature.signer.serialNumber,
              }
            : null,
        })
        go(ok ? step.onPass : step.onFail)
        break
      }
      case 'sign': {
        if (!input.signature?.ok) {
          wait(employeeSigns ? 'employee-signature' : 'applicant-signature')
          break loop
        }
        await complete(step, 'done', {
          signer: input.signature.signer?.commonName ?? null,
          certificate: input.signature.signer?.serialNumber ?? null,
        })
        go(step.next)
        break
      }
      case 'query-state-databases': {
        findings = await queryStateDatabases(adapters, app, kazakhstanDate(now))
        if (findings.recipientName) app.recipient_name = findings.recipientName
        await complete(step, 'done', { ...findings })
        go(step.next)
        break
      }
      case 'check-state-data': {
        findings ??= await queryStateDatabases(adapters, app, kazakhstanDate(now))
        const holds = stateDataHolds(findings)
        await complete(
          step,
          holds ? 'passed' : 'failed',
          {
            recipient: findings.recipient,
            powerOfAttorney: findings.powerOfAttorney,
          },
          now,
        )
        go(holds ? step.onPass : step.onFail)
        break
      }
      case 'send': {
        await complete(step, 'done', { courier: step.courier === true })
        go(step.next)
        break
      }
      case 'register': {
        app.registered_at = now.toISOString()
        app.due_on =
          options.termWorkingDays === null
            ? null
            : addWorkingDays(kazakhstanDate(now), options.termWorkingDays)
        await complete(step, 'done', { dueOn: app.due_on })
        go(step.next)
        break
      }
      case 'check-grounds': {
        if (!input.decision) {
          wait('provider-decision')
          break loop
        }
        await complete(step, input.decision.meets ? 'passed' : 'failed', {
          reason: input.decision.reason,
        })
        go(input.decision.meets ? step.onPass : step.onFail)
        break
      }
      case 'refuse': {
        await complete(step, 'refused', { reason: step.reason })
        app.status = 'refused'
        app.refusal_reason = step.reason ?? null
        if (step.reason === 'grounds') app.refusal_text = input.decision?.reason ?? null
        app.ended_at = now.toISOString()
        app.current_step = null
        break loop
      }
      case 'issue-result': {
        if (!input.issue) {
          wait('signer')
          break loop
        }
        await complete(step, 'issued', {})
        app.status = 'completed'
        app.ended_at = now.toISOString()
        app.current_step = null
        break loop
      }
    }
  }

  const updated = await trx
    .updateTable('services_application')
    .set({
      status: app.status,
      current_step: app.current_step,
      waiting_for: app.current_step ? app.waiting_for : null,
      step_started_at: app.step_started_at,
      recipient_name: app.recipient_name,
      registered_at: app.registered_at,
      due_on: app.due_on,
      ended_at: app.ended_at,
      refusal_reason: app.refusal_reason,
      refusal_text: app.refusal_text,
      updated_at: now.toISOString(),
      revision: startRevision + 1,
    })
    .where('id', '=', app.id)
    .where('revision', '=', startRevision)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ConflictError(
      'The application was changed by someone else; reload it',
      'services.error.stale',
    )
  }
  app.revision = startRevision + 1
  return { ended: app.current_step === null, events }
}
