/**
 * @module
 * Loads the service definitions: the JSON files in `definitions/` next to this module (in `src`
 * under tsx, in `dist` after `npm run build`, whose `scripts/copy-assets.mjs` copies them). Each
 * file is parsed with `serviceDefinitionSchema`, cross-checked with `checkDefinition` and with the
 * reading of its printed time limits; a file that fails is a bug in the repository, so loading
 * throws an Error that names the file and every problem.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CHANNELS,
  type Channel,
  checkDefinition,
  type ServiceDefinition,
  type Step,
  type StepLimit,
  serviceDefinitionSchema,
} from './definition.js'
import { activeStoredDefinitions, storedDefinition } from './stored-definitions.js'

/** The folder of the definition files, found the same way from `src/services` and `dist/services`. */
export const DEFINITIONS_DIR = fileURLToPath(new URL('./definitions/', import.meta.url))

const UNIT_SECONDS: Record<string, number> = { секунд: 1, сек: 1, минут: 60, мин: 60 }
const NUMBER = String.raw`(\d+(?:,\d+)?)`
const UNIT = '(секунд|сек|минут|мин)'
const PRINTED_LIMIT = new RegExp(`^${NUMBER}(?: ${UNIT})?(?: ?[–-] ?${NUMBER} ${UNIT})?$`)

/**
 * Reads a time limit as the regulation's tables print it: "20 секунд" → 20 s, "1,5 минут" → 90 s,
 * "10–15 секунд" → 10–15 s (a first number without a unit shares the second's),
 * "30 сек – 1 мин" → 30–60 s. Returns undefined when the text cannot be read without a guess:
 * "30–1 мин" (30 minutes to 1 minute is no range) or a text in another form.
 */
export function readPrintedLimit(
  printed: string,
): { minSeconds?: number; seconds: number } | undefined {
  const m = PRINTED_LIMIT.exec(printed)
  if (!m) return undefined
  const [, first, firstUnit, second, secondUnit] = m
  const value = (n: string) => Number(n.replace(',', '.'))
  if (!first) return undefined
  if (!second || !secondUnit) {
    return firstUnit ? { seconds: value(first) * UNIT_SECONDS[firstUnit]! } : undefined
  }
  const seconds = value(second) * UNIT_SECONDS[secondUnit]!
  const minSeconds = value(first) * UNIT_SECONDS[firstUnit ?? secondUnit]!
  if (minSeconds > seconds) return undefined
  return { minSeconds, seconds }
}

/** Problems with a limit whose numbers do not follow from its printed text. */
function limitProblems(where: string, limit: StepLimit): string[] {
  if (limit.workingDays !== undefined) return []
  const read = readPrintedLimit(limit.printed)
  if (!read) {
    return limit.reading
      ? []
      : [`${where}: the limit "${limit.printed}" cannot be read as printed; say how in "reading"`]
  }
  if (read.seconds !== limit.seconds || read.minSeconds !== limit.minSeconds) {
    return [
      `${where}: the limit "${limit.printed}" reads as ${read.minSeconds ?? ''}${
        read.minSeconds === undefined ? '' : '–'
      }${read.seconds} s, not ${limit.minSeconds ?? ''}${
        limit.minSeconds === undefined ? '' : '–'
      }${limit.seconds} s`,
    ]
  }
  return []
}

/**
 * Parses one definition file's content: the schema, `checkDefinition`, and the printed limits
 * against their numbers. Throws an Error naming `file` and listing every problem.
 */
export function parseServiceDefinition(json: unknown, file: string): ServiceDefinition {
  const parsed = serviceDefinitionSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    throw new Error(`${file}: not a valid service definition:\n- ${problems.join('\n- ')}`)
  }
  const definition = parsed.data
  const problems = checkDefinition(definition)
  for (const channel of channelsOf(definition)) {
    for (const step of stepsOf(definition, channel)) {
      if (step.limit) problems.push(...limitProblems(`${channel}: ${step.id}`, step.limit))
    }
  }
  if (problems.length > 0) {
    throw new Error(`${file}: not a valid service definition:\n- ${problems.join('\n- ')}`)
  }
  return definition
}

let cache: ServiceDefinition[] | undefined

/**
 * The service definitions in `definitions/*.json`, in file-name order; read once and kept.
 * Throws when a file is invalid, or when two files share a code or a number prefix.
 */
export function loadServiceDefinitions(): ServiceDefinition[] {
  if (cache) return cache
  const files = readdirSync(DEFINITIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
  const definitions = files.map((file) => {
    const path = join(DEFINITIONS_DIR, file)
    let json: unknown
    try {
      json = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new Error(`${file}: not JSON: ${(error as Error).message}`)
    }
    const definition = parseServiceDefinition(json, file)
    if (`${definition.code}.json` !== file) {
      throw new Error(
        `${file}: the file of service "${definition.code}" is ${definition.code}.json`,
      )
    }
    return definition
  })
  for (const key of ['code', 'numberPrefix'] as const) {
    const seen = new Set<string>()
    for (const d of definitions) {
      if (seen.has(d[key])) throw new Error(`two service definitions have the ${key} "${d[key]}"`)
      seen.add(d[key])
    }
  }
  cache = definitions
  return definitions
}

/**
 * The definition of the service with this code, or undefined: a file's, or a stored one (the given
 * version, or the latest; see `stored-definitions.ts`).
 */
export function serviceDefinition(code: string, version?: number): ServiceDefinition | undefined {
  return (
    loadServiceDefinitions().find((d) => d.code === code) ??
    storedDefinition(code, version)?.definition
  )
}

/** The services offered to applicants: the files' and the active stored ones. */
export function offeredServiceDefinitions(): ServiceDefinition[] {
  return [...loadServiceDefinitions(), ...activeStoredDefinitions().map((d) => d.definition)]
}

/** The channels a service is provided through, in the order of `CHANNELS`. */
export function channelsOf(definition: ServiceDefinition): Channel[] {
  return CHANNELS.filter((channel) => definition.channels[channel] !== undefined)
}

/** A channel's steps in the act's order; empty when the service has no such channel. */
export function stepsOf(definition: ServiceDefinition, channel: Channel): Step[] {
  return definition.channels[channel]?.steps ?? []
}

/** The number of steps over all the service's channels. */
export function stepCount(definition: ServiceDefinition): number {
  return channelsOf(definition).reduce(
    (sum, channel) => sum + stepsOf(definition, channel).length,
    0,
  )
}
