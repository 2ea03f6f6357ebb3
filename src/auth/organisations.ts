/**
 * @module
 * Organisations: state bodies, akimats of each level, the service integrator, the authorised body.
 */
import type { Kysely, Selectable } from 'kysely'
import { ConflictError, InputError, isRecordId, safeName } from '../core/index.js'
import type { Database } from '../db/index.js'
import type { AuthOrganisationTable } from './tables.js'
import {
  ADMINISTRATIVE_LEVELS,
  type AdministrativeLevel,
  isAdministrativeLevel,
  isOrganisationKind,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
} from './types.js'
import { isUniqueViolation, normaliseEmail } from './util.js'

export interface OrganisationInput {
  kind: OrganisationKind
  nameKk: string
  nameRu: string
  /** 12 digits; spaces are ignored. */
  bin?: string | null
  /** Required for a local executive body, refused for any other kind. */
  level?: AdministrativeLevel | null
  email?: string | null
}

const NAME_MAX = 500

export function toOrganisation(row: Selectable<AuthOrganisationTable>): Organisation {
  return {
    id: row.id,
    kind: row.kind as OrganisationKind,
    nameKk: row.name_kk,
    nameRu: row.name_ru,
    bin: row.bin,
    level: row.level as AdministrativeLevel | null,
    email: row.email,
    createdAt: row.created_at,
  }
}

function checkName(value: unknown, field: string): string {
  const name = typeof value === 'string' ? safeName(value).trim().replace(/\s+/g, ' ') : ''
  if (!name || name.length > NAME_MAX) {
    throw new InputError(
      `${field} is required (at most ${NAME_MAX} characters)`,
      'auth.error.organisationName',
      { field, max: NAME_MAX },
    )
  }
  return name
}

/** Checks a BIN: 12 digits (spaces ignored); null or empty means none. */
export function normaliseBin(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const bin = value.replace(/\s+/g, '')
  if (bin === '') return null
  if (!/^\d{12}$/.test(bin)) {
    throw new InputError(`BIN must be 12 digits, not "${value}"`, 'auth.error.bin', {
      value,
    })
  }
  if (binCheckDigit(bin) !== Number(bin[11])) {
    throw new InputError(`BIN "${value}" has a wrong check digit`, 'auth.error.binCheck', {
      value,
    })
  }
  return bin
}

/**
 * The check digit of a BIN / IIN: the first 11 digits weighted 1…11, modulo 11; when that is 10,
 * weighted 3…11, 1, 2 instead; a second 10 means no number can end that way (-1).
 */
export function binCheckDigit(bin: string): number {
  const digits = [...bin.slice(0, 11)].map(Number)
  const sum = (weights: number[]) =>
    digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0) % 11
  const first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  if (first !== 10) return first
  const second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
  return second === 10 ? -1 : second
}

/**
 * Creates an organisation. A local executive body needs its level; other kinds have none.
 * @example await createOrganisation(db, { kind: 'local-executive-body', level: 'district', nameKk: 'Аудан әкімдігі', nameRu: 'Акимат района', bin: '123456789013' })
 */
export async function createOrganisation(
  db: Kysely<Database>,
  input: OrganisationInput,
): Promise<Organisation> {
  if (!isOrganisationKind(input.kind)) {
    throw new InputError(
      `Organisation kind must be one of ${ORGANISATION_KINDS.join(', ')}, not "${input.kind}"`,
      'auth.error.kind',
      { value: String(input.kind), kinds: ORGANISATION_KINDS.join(', ') },
    )
  }
  const level = input.level ?? null
  if (input.kind === 'local-executive-body') {
    if (!isAdministrativeLevel(level)) {
      throw new InputError(
        `A local executive body needs its level: ${ADMINISTRATIVE_LEVELS.join(', ')}`,
        'auth.error.level',
        { levels: ADMINISTRATIVE_LEVELS.join(', ') },
      )
    }
  } else if (level !== null) {
    throw new InputError(
      'Only a local executive body has an administrative level',
      'auth.error.levelOnlyLocal',
    )
  }
  const nameKk = checkName(input.nameKk, 'nameKk')
  const nameRu = checkName(input.nameRu, 'nameRu')
  const bin = normaliseBin(input.bin)
  const email = input.email ? normaliseEmail(input.email) : null
  if (bin && (await findOrganisationByBin(db, bin))) {
    throw new ConflictError(
      `An organisation with BIN ${bin} already exists`,
      'auth.error.binTaken',
      {
        bin,
      },
    )
  }
  try {
    const row = await db
      .insertInto('auth_organisation')
      .values({
        kind: input.kind,
        name_kk: nameKk,
        name_ru: nameRu,
        bin,
        level,
        email,
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toOrganisation(row)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `An organisation with BIN ${bin} already exists`,
        'auth.error.binTaken',
        {
          bin: bin ?? '',
        },
      )
    }
    throw error
  }
}

export async function getOrganisation(
  db: Kysely<Database>,
  id: number,
): Promise<Organisation | undefined> {
  if (!isRecordId(id)) return undefined
  const row = await db
    .selectFrom('auth_organisation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toOrganisation(row) : undefined
}

/** Every organisation, by id. */
export async function listOrganisations(db: Kysely<Database>): Promise<Organisation[]> {
  const rows = await db.selectFrom('auth_organisation').selectAll().orderBy('id').execute()
  return rows.map(toOrganisation)
}

export async function findOrganisationByBin(
  db: Kysely<Database>,
  bin: string,
): Promise<Organisation | undefined> {
  const normalised = bin.replace(/\s+/g, '')
  if (!/^\d{12}$/.test(normalised)) return undefined
  const row = await db
    .selectFrom('auth_organisation')
    .selectAll()
    .where('bin', '=', normalised)
    .executeTakeFirst()
  return row ? toOrganisation(row) : undefined
}
