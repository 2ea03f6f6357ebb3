/**
 * @module
 * Counts for /metrics: e-service applications in progress, those past their term, and those whose
 * current step is past the regulation's limit for that step.
 */
import type { Kysely } from 'kysely'
import { kazakhstanDate } from '../calendar/index.js'
import type { Database } from '../db/index.js'
import type { Channel } from './definition.js'
import { serviceDefinition } from './definitions.js'
import { flowOf, stepOverLimit } from './engine.js'

export interface ServicesOperationsFigures {
  /** Applications in progress (the queue of work at providers). */
  inProgress: number
  /** Applications in progress whose term (due_on) ended before today. */
  overdue: number
  /** Applications in progress whose current step has run past its limit, by service. */
  stepsOverdueByService: Record<string, number>
}

export async function servicesOperationsFigures(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<ServicesOperationsFigures> {
  const today = kazakhstanDate(now)
  // One row per (service, channel, step, start): the work queue, not the history.
  const rows = await db
    .selectFrom('services_application')
    .select((eb) => [
      'service_code',
      'channel',
      'current_step',
      'step_started_at',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('status', '=', 'in-progress')
    .groupBy(['service_code', 'channel', 'current_step', 'step_started_at'])
    .execute()
  const figures: ServicesOperationsFigures = {
    inProgress: 0,
    overdue: 0,
    stepsOverdueByService: {},
  }
  for (const row of rows) {
    const n = Number(row.n)
    figures.inProgress += n
    figures.overdue += Number(row.overdue ?? 0)
    const definition = serviceDefinition(row.service_code)
    const step = definition
      ? flowOf(definition, row.channel as Channel)?.steps.find((s) => s.id === row.current_step)
      : undefined
    const late = step ? stepOverLimit(step, row.step_started_at, now) : false
    figures.stepsOverdueByService[row.service_code] =
      (figures.stepsOverdueByService[row.service_code] ?? 0) + (late ? n : 0)
  }
  return figures
}
