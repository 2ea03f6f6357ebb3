/**
 * @module
 * Counts for /metrics: scheduled job runs by outcome.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'

export interface JobRunFigures {
  /** Runs that ended with outcome `error`, by job. */
  failedByJob: Record<string, number>
  /** Runs not finished yet, by job. */
  runningByJob: Record<string, number>
}

export async function jobRunFigures(db: Kysely<Database>): Promise<JobRunFigures> {
  const rows = await db
    .selectFrom('system_job_run')
    .select((eb) => ['job', 'outcome', eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or([eb('outcome', '=', 'error'), eb('outcome', 'is', null)]))
    .groupBy(['job', 'outcome'])
    .execute()
  const figures: JobRunFigures = { failedByJob: {}, runningByJob: {} }
  for (const row of rows) {
    const into = row.outcome === 'error' ? figures.failedByJob : figures.runningByJob
    into[row.job] = Number(row.n)
  }
  return figures
}
