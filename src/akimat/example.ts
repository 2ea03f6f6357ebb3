/**
 * @module
 * Example akimats, one of each administrative level, with an architecture that shows every kind
 * of decision and gap: for trying e-akimat out (`akimat example`) and for the tests, which
 * compute the expected gaps and indicators from the catalogue on their own.
 *
 * The pattern, by a function's position `i` in the typical set (i mod 7):
 * 0 not performed; 1 performed, not automated; 2 the first recommended system at the highest
 * level; 3 the first recommended system at level 1; 4 the akimat's own registry object at the
 * highest level; 5 a system the row does not name (ЭҚАБЖ, or ЭҮП where ЭҚАБЖ is named) at the
 * highest level; 6 the first recommended system at the highest level with the lowest printed
 * level as the target. A function whose row names no system uses the akimat's own object
 * wherever the pattern says "recommended system".
 */
import type { Kysely } from 'kysely'
import type { AdministrativeLevel } from '../auth/index.js'
import { type Actor, actorFor, createOrganisation, createUser } from '../auth/index.js'
import type { CatalogSnapshot } from '../catalog/index.js'
import type { Database } from '../db/index.js'
import { createObject } from '../portal/index.js'
import {
  adoptTypicalSet,
  type DecisionInput,
  recordDecisions,
  typicalSet,
  typicalSetOptions,
} from './architecture.js'
import { functionKey, maxLevel, printedLevels, recommendedSystems } from './model.js'

type Db = Kysely<Database>

/** The decisions of the example pattern for a typical set (pure, deterministic). */
export function exampleDecisions(
  snapshot: CatalogSnapshot,
  level: AdministrativeLevel,
  at: string,
  ownObjectId: number,
): DecisionInput[] {
  return typicalSet(snapshot, level, at).map((row, i): DecisionInput => {
    const key = functionKey(row)
    const top = maxLevel(row)
    const recommended = recommendedSystems(snapshot, row)
    const first = row.systemIds[0] ?? null
    const viaRecommended = (lvl: number): DecisionInput =>
      first
        ? { key, performed: true, systemId: first, level: lvl }
        : { key, performed: true, objectId: ownObjectId, level: lvl }
    switch (i % 7) {
      case 0:
        return { key, performed: false, level: 0 }
      case 1:
        return { key, performed: true, level: 0 }
      case 2:
        return viaRecommended(top)
      case 3:
        return viaRecommended(1)
      case 4:
        return { key, performed: true, objectId: ownObjectId, level: top }
      case 5: {
        const other = recommended.includes('ekabzh') ? 'eup' : 'ekabzh'
        return { key, performed: true, systemId: other, level: top }
      }
      default: {
        const lowest = printedLevels(row)[0] ?? null
        return { ...viaRecommended(top), targetLevel: lowest }
      }
    }
  })
}

/** The three example akimats (Akmola region, its Zerendi district, a rural district of it). */
export const EXAMPLE_AKIMATS: readonly {
  level: AdministrativeLevel
  kato: string
  nameKk: string
  nameRu: string
}[] = [
  {
    level: 'region',
    kato: '110000000',
    nameKk: 'Ақмола облысының әкімдігі (мысал)',
    nameRu: 'Акимат Акмолинской области (пример)',
  },
  {
    level: 'district',
    kato: '114200000',
    nameKk: 'Зеренді ауданының әкімдігі (мысал)',
    nameRu: 'Акимат Зерендинского района (пример)',
  },
  {
    level: 'rural',
    kato: '114230100',
    nameKk: 'Зеренді ауылдық округінің әкімдігі (мысал)',
    nameRu: 'Акимат Зерендинского сельского округа (пример)',
  },
]

/**
 * Makes an example akimat through the same functions people use: the organisation, an editor
 * (who cannot sign in: no password), its own information system in the registry, adoption of
 * the fullest typical set of its level, and the example decisions.
 */
export async function seedExampleAkimat(
  db: Db,
  snapshot: CatalogSnapshot,
  example: (typeof EXAMPLE_AKIMATS)[number],
  options: { emailDomain?: string } = {},
): Promise<{ organisationId: number; actor: Actor; objectId: number; at: string }> {
  const organisation = await createOrganisation(db, {
    kind: 'local-executive-body',
    level: example.level,
    nameKk: example.nameKk,
    nameRu: example.nameRu,
  })
  const { userId } = await createUser(db, {
    email: `example-${example.kato}@${options.emailDomain ?? 'example.invalid'}`,
    name: `Example editor ${example.kato}`,
    organisationId: organisation.id,
    roles: ['editor'],
  })
  const actor = await actorFor(db, userId, organisation.id)
  if (!actor) throw new Error('The example editor has no actor')
  const objectId = await createObject(db, actor, {
    kind: 'information-system',
    nameKk: `${example.nameKk}: ведомстволық ақпараттық жүйе`,
    nameRu: `${example.nameRu}: ведомственная информационная система`,
    purpose: 'Example / мысал',
    stage: 'industrial-operation',
    stageSince: '2017-01-10',
  })
  const option = typicalSetOptions(snapshot, example.level)[0]
  if (!option) throw new Error(`The catalogue has no typical set for ${example.level}`)
  await adoptTypicalSet(db, actor, snapshot, organisation.id, {
    kato: example.kato,
    at: option.date,
  })
  await recordDecisions(
    db,
    actor,
    snapshot,
    organisation.id,
    exampleDecisions(snapshot, example.level, option.date, objectId),
    'form',
  )
  return { organisationId: organisation.id, actor, objectId, at: option.date }
}
