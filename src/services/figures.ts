/**
 * @module
 * Service quality figures: how many applications, by channel and outcome, how many ended within
 * their term (working days of the service standard, when entered), how many steps kept the
 * regulation's time limit, the median time per step, what is overdue now, and the Appendix 3
 * survey answers. Computed from the stored events, so they are the same for everyone who asks.
 */
import type { Kysely } from 'kysely'
import { kazakhstanDate } from '../calendar/index.js'
import type { Database } from '../db/index.js'
import type { Channel } from './definition.js'
import { serviceDefinition } from './definitions.js'
import { stepOverLimit } from './engine.js'

type Db = Kysely<Database>

export interface StepFigure {
  channel: Channel
  stepId: string
  /** How many times the step was completed. */
  count: number
  medianMs: number
  limitSeconds: number | null
  /** Completions over the limit (only for steps with a limit). */
  overLimit: number
}

export interface ServiceFigures {
  serviceCode: string
  total: number
  inProgress: number
  completed: number
  refused: number
  byChannel: Record<string, number>
  refusalsByReason: Record<string, number>
  /** Ended applications that had a term. */
  endedWithTerm: number
  /** Of those, ended on or before the term. */
  endedOnTime: number
  /** endedOnTime / endedWithTerm, or null when there were none. */
  shareOnTime: number | null
  /** In progress and past their term now. */
  overdueNow: number
  /** In progress, standing at a step that has run past its limit now. */
  stepsOverdueNow: number
  /** Step completions with a limit, and how many kept it. */
  stepsWithLimit: number
  stepsWithinLimit: number
  shareStepsWithinLimit: number | null
  steps: StepFigure[]
  survey: {
    answers: number
    quality: [number, number, number]
    information: [number, number, number]
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2)
}

/** The figures of one service, optionally for applications made in [from, to] (dates). */
export async function serviceFigures(
  db: Db,
  serviceCode: string,
  options: { now?: Date; from?: string; to?: string } = {},
): Promise<ServiceFigures> {
  const now = options.now ?? new Date()
  const today = kazakhstanDate(now)
  let apps = db
    .selectFrom('services_application')
    .select([
      'id',
      'channel',
      'status',
      'due_on',
      'ended_at',
      'refusal_reason',
      'current_step',
      'step_started_at',
    ])
    .where('service_code', '=', serviceCode)
  if (options.from) apps = apps.where('created_at', '>=', `${options.from}T00:00:00.000Z`)
  if (options.to) apps = apps.where('created_at', '<=', `${options.to}T23:59:59.999Z`)
  const rows = await apps.execute()
  const ids = new Set(rows.map((r) => r.id))
  const byChannel: Record<string, number> = {}
  const refusalsByReason: Record<string, number> = {}
  let endedWithTerm = 0
  let endedOnTime = 0
  let overdueNow = 0
  let stepsOverdueNow = 0
  const definition = serviceDefinition(serviceCode)
  for (const r of rows) {
    const step = definition?.channels[r.channel as Channel]?.steps.find(
      (s) => s.id === r.current_step,
    )
    if (r.status === 'in-progress' && step && stepOverLimit(step, r.step_started_at, now)) {
      stepsOverdueNow += 1
    }
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1
    if (r.status === 'refused' && r.refusal_reason) {
      refusalsByReason[r.refusal_reason] = (refusalsByReason[r.refusal_reason] ?? 0) + 1
    }
    if (r.status !== 'in-progress' && r.due_on && r.ended_at) {
      endedWithTerm += 1
      if (kazakhstanDate(new Date(r.ended_at)) <= r.due_on) endedOnTime += 1
    }
    if (r.status === 'in-progress' && r.due_on && today > r.due_on) overdueNow += 1
  }
  const events = await db
    .selectFrom('services_event')
    .innerJoin('services_application', 'services_application.id', 'services_event.application_id')
    .select([
      'services_event.application_id as applicationId',
      'services_application.channel as channel',
      'services_event.step_id as stepId',
      'services_event.milliseconds as milliseconds',
      'services_event.limit_seconds as limitSeconds',
      'services_event.over_limit as overLimit',
    ])
    .where('services_application.service_code', '=', serviceCode)
    .execute()
  const groups = new Map<
    string,
    { channel: Channel; stepId: string; ms: number[]; limit: number | null; over: number }
  >()
  let stepsWithLimit = 0
  let stepsWithinLimit = 0
  for (const e of events) {
    if (!ids.has(e.applicationId)) continue
    const key = `${e.channel}/${e.stepId}`
    let group = groups.get(key)
    if (!group) {
      group = {
        channel: e.channel as Channel,
        stepId: e.stepId,
        ms: [],
        limit: e.limitSeconds,
        over: 0,
      }
      groups.set(key, group)
    }
    group.ms.push(Number(e.milliseconds))
    if (e.limitSeconds !== null) {
      stepsWithLimit += 1
      if (e.overLimit === 1) group.over += 1
      else stepsWithinLimit += 1
    }
  }
  const order = (channel: string, stepId: string) =>
    definition?.channels[channel as Channel]?.steps.findIndex((s) => s.id === stepId) ?? 0
  const steps = [...groups.values()]
    .map((g) => ({
      channel: g.channel,
      stepId: g.stepId,
      count: g.ms.length,
      medianMs: median(g.ms),
      limitSeconds: g.limit,
      overLimit: g.over,
    }))
    .sort((a, b) =>
      a.channel === b.channel
        ? order(a.channel, a.stepId) - order(b.channel, b.stepId)
        : a.channel.localeCompare(b.channel),
    )
  const surveys = await db
    .selectFrom('services_survey')
    .innerJoin('services_application', 'services_application.id', 'services_survey.application_id')
    .select(['services_survey.application_id as applicationId', 'quality', 'information'])
    .where('services_application.service_code', '=', serviceCode)
    .execute()
  const quality: [number, number, number] = [0, 0, 0]
  const information: [number, number, number] = [0, 0, 0]
  let answers = 0
  for (const s of surveys) {
    if (!ids.has(s.applicationId)) continue
    answers += 1
    quality[s.quality - 1] = (quality[s.quality - 1] ?? 0) + 1
    information[s.information - 1] = (information[s.information - 1] ?? 0) + 1
  }
  return {
    serviceCode,
    total: rows.length,
    inProgress: rows.filter((r) => r.status === 'in-progress').length,
    completed: rows.filter((r) => r.status === 'completed').length,
    refused: rows.filter((r) => r.status === 'refused').length,
    byChannel,
    refusalsByReason,
    endedWithTerm,
    endedOnTime,
    shareOnTime: endedWithTerm ? endedOnTime / endedWithTerm : null,
    overdueNow,
    stepsOverdueNow,
    stepsWithLimit,
    stepsWithinLimit,
    shareStepsWithinLimit: stepsWithLimit ? stepsWithinLimit / stepsWithLimit : null,
    steps,
    survey: { answers, quality, information },
  }
}

/**
 * How many applications a provider received in [from, to] (Kazakhstan dates, both included),
 * by channel: the akimat's indicator of applications received electronically (1.2.7) counts
 * those made on the portal.
 */
export async function providerApplicationCounts(
  db: Db,
  organisationId: number,
  from: string,
  to: string,
): Promise<{ total: number; byChannel: Record<string, number> }> {
  const start = new Date(`${from}T00:00:00+05:00`).toISOString()
  const end = new Date(Date.parse(`${to}T00:00:00+05:00`) + 86_400_000).toISOString()
  const rows = await db
    .selectFrom('services_application')
    .select(['channel', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('provider_organisation_id', '=', organisationId)
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy('channel')
    .execute()
  const byChannel: Record<string, number> = {}
  let total = 0
  for (const r of rows) {
    byChannel[r.channel] = Number(r.count)
    total += Number(r.count)
  }
  return { total, byChannel }
}
