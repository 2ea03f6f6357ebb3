/**
 * @module
 * Applications for e-services: made by an applicant on the portal or registered by an employee
 * at the provider's desk or a population service centre; paid, signed, decided and ended with a
 * result or a reasoned refusal by the engine (`engine.ts`).
 *
 * Access: an applicant sees only the applications they made; staff see the applications of their
 * organisation (as provider, or as the service centre that registered them). Anything else is
 * "not found", so nobody learns that someone else's application exists.
 */
import { createHash } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import { type Actor, binCheckDigit, getOrganisation, hasRole, userById } from '../auth/index.js'
import { kazakhstanDate } from '../calendar/index.js'
import {
  ConflictError,
  ForbiddenError,
  InputError,
  isRecordId,
  NotFoundError,
} from '../core/index.js'
import type { Database } from '../db/index.js'
import { detectFileType, type FileStore, looksLikePdf, safeOriginalName } from '../files/index.js'
import {
  type PaymentGateway,
  type ServiceAdapters,
  SIGNATURE_FAILURES,
  type SignatureFailure,
} from './adapters.js'
import {
  CHANNELS,
  type Channel,
  type FormField,
  type ServiceDefinition,
  type Step,
} from './definition.js'
import { serviceDefinition } from './definitions.js'
import {
  type ApplicationStatus,
  advance,
  type EventActor,
  flowOf,
  type StepInput,
  stepOverLimit,
  type WaitingFor,
} from './engine.js'
import { providerOf, requireServiceCode } from './providers.js'
import { ensureResultDocument, insertResult } from './results.js'
import type { ServicesApplicationTable } from './tables.js'

type ApplicationRow = Selectable<ServicesApplicationTable>

type Db = Kysely<Database>

/** What the services functions need besides the database. */
export interface ServicesContext {
  adapters: ServiceAdapters
  files: FileStore
  /** The site's address, for verification links printed on result documents. */
  publicUrl: string
  /**
   * Told when the result document could not be made right after an application ended (it is
   * made again when first asked for); the application's change is committed either way.
   */
  onDocumentError?: (error: unknown, applicationId: number) => void
}

/** Makes the result document after the ending commit; a failure there is reported, not thrown. */
async function documentAfterCommit(db: Db, ctx: ServicesContext, id: number): Promise<void> {
  try {
    await ensureResultDocument(db, ctx, id)
  } catch (error) {
    ctx.onDocumentError?.(error, id)
  }
}

/** An applicant signed in on the portal (see src/auth persons). */
export interface ApplicantPerson {
  personId: number
  iin: string
  name: string
}

/** The longest signature text accepted (a CMS with a certificate chain is a few kilobytes). */
export const MAX_SIGNATURE_TEXT = 1_000_000

/** The message key that explains a signature failure. */
export function signatureMessageKey(failure: SignatureFailure): string {
  return `services.signature.${failure}`
}

/** What a failed check's event details say went wrong: a signature failure, `declined`, … */
export function failureDetail(details: Record<string, unknown>): string | null {
  if (typeof details.failure === 'string') return details.failure
  if (typeof details.outcome === 'string' && details.outcome !== 'paid') return details.outcome
  if (details.recipient === false) return 'recipient-missing'
  if (typeof details.powerOfAttorney === 'string' && details.powerOfAttorney !== 'valid') {
    return details.powerOfAttorney
  }
  return null
}

/**
 * The message key that explains why a check failed (refusal detail), or undefined. Give the
 * refusal's reason: a `state-data` refusal's detail is about the recipient or the power of
 * attorney, never a certificate, though both may be `expired`.
 */
export function refusalDetailKey(
  detail: string | null,
  reason?: string | null,
): string | undefined {
  if (!detail) return undefined
  if (reason !== 'state-data' && (SIGNATURE_FAILURES as readonly string[]).includes(detail))
    return `services.signature.${detail}`
  if (['declined', 'recipient-missing', 'absent', 'expired', 'mismatch'].includes(detail)) {
    return `services.detail.${detail}`
  }
  return undefined
}

/** Who is looking: an applicant or a staff member acting for their organisation. */
export type Viewer = { person: ApplicantPerson } | { actor: Actor }

export interface UploadedAttachment {
  slot: string
  originalName: string
  bytes: Uint8Array
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
export const MAX_ATTACHMENTS_BYTES = 20 * 1024 * 1024
export const LANGUAGES = ['kk', 'ru', 'en'] as const
export type ApplicationLanguage = (typeof LANGUAGES)[number]

export interface AttachmentView {
  id: number
  slot: string
  sha256: string
  size: number
  fileType: string
  originalName: string
}

export interface EventView {
  id: number
  stepId: string
  outcome: string
  startedAt: string
  at: string
  milliseconds: number
  limitSeconds: number | null
  overLimit: boolean
  actorKind: string
  actorName: string | null
  details: Record<string, unknown>
}

export interface ApplicationView {
  id: number
  number: string
  serviceCode: string
  definitionVersion: number
  channel: Channel
  provider: { id: number; nameKk: string; nameRu: string; bin: string | null }
  centre: { id: number; nameKk: string; nameRu: string } | null
  personId: number | null
  recipient: { kind: 'individual' | 'legal-entity'; iin: string; bin: string | null; name: string }
  representativeIin: string | null
  powerOfAttorney: string | null
  language: ApplicationLanguage
  form: Record<string, string>
  status: ApplicationStatus
  currentStep: string | null
  waitingFor: WaitingFor | null
  stepStartedAt: string
  /** The current step has run past its limit (in seconds or working days). */
  stepOverdue: boolean
  registeredAt: string | null
  dueOn: string | null
  /** Past its term (today in Almaty is after `dueOn`) and not ended. */
  overdue: boolean
  endedAt: string | null
  refusalReason: string | null
  /** The employee's reasons (grounds), or the failed check's detail (signature, payment…). */
  refusalText: string | null
  refusalDetail: string | null
  createdAt: string
  revision: number
  feeKzt: number | null
  attachments: AttachmentView[]
  events: EventView[]
  result: {
    kind: 'result' | 'refusal'
    code: string
    issuedAt: string
    ready: boolean
    shareDetails: boolean
    shareName: boolean
    shareNumber: boolean
    shareDocument: boolean
  } | null
  survey: { quality: number; information: number; answeredAt: string } | null
}

function applicationNotFound(): NotFoundError {
  return new NotFoundError('No such application', 'services.error.applicationNotFound')
}

export function isApplicationLanguage(value: unknown): value is ApplicationLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Checks an IIN or BIN: 12 digits with a valid check digit. */
export function checkIdentityNumber(value: unknown, field: 'iin' | 'bin'): string {
  const digits = typeof value === 'string' ? value.replace(/\s+/g, '') : ''
  if (!/^\d{12}$/.test(digits) || binCheckDigit(digits) !== Number(digits[11])) {
    throw new InputError(
      `${field.toUpperCase()} must be 12 digits with a valid check digit`,
      field === 'iin' ? 'services.error.iin' : 'services.error.bin',
      { value: String(value ?? '') },
    )
  }
  return digits
}

function fieldLabel(field: FormField, language: ApplicationLanguage): string {
  return field.label[language]
}

/** Checks the form's values against the definition; returns only the defined fields, trimmed. */
export function checkForm(
  definition: ServiceDefinition,
  values: Record<string, unknown>,
  language: ApplicationLanguage,
): Record<string, string> {
  const form: Record<string, string> = {}
  for (const field of definition.form.fields) {
    const raw = values[field.id]
    const value = typeof raw === 'string' ? raw.trim() : ''
    const label = fieldLabel(field, language)
    if (!value) {
      if (field.required) {
        throw new InputError(`${field.id} is required`, 'services.error.fieldRequired', {
          field: label,
        })
      }
      continue
    }
    const max = field.maxLength ?? (field.type === 'textarea' ? 4000 : 500)
    if (value.length > max) {
      throw new InputError(`${field.id} is too long`, 'services.error.fieldTooLong', {
        field: label,
        max,
      })
    }
    if (field.type === 'date') {
      const ok =
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
      if (!ok) {
        throw new InputError(`${field.id} is not a date`, 'services.error.fieldDate', {
          field: label,
        })
      }
    }
    if (field.type === 'number' && !/^\d{1,9}$/.test(value)) {
      throw new InputError(`${field.id} is not a number`, 'services.error.fieldNumber', {
        field: label,
      })
    }
    if (field.type === 'select' && !field.options?.some((o) => o.value === value)) {
      throw new InputError(`${field.id} is not one of the options`, 'services.error.fieldOption', {
        field: label,
      })
    }
    form[field.id] = value
  }
  return form
}

/** The file type of an attachment by its content: pdf, docx, jpeg, png or undefined. */
export async function attachmentType(
  bytes: Uint8Array,
): Promise<'pdf' | 'docx' | 'jpeg' | 'png' | undefined> {
  if (bytes.byteLength >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg'
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.byteLength >= 8 && png.every((b, i) => bytes[i] === b)) return 'png'
  if (looksLikePdf(bytes)) return 'pdf'
  if ((await detectFileType(bytes)) === 'docx') return 'docx'
  return undefined
}

interface CheckedAttachment {
  slot: string
  originalName: string
  bytes: Uint8Array
  fileType: string
}

async function checkAttachments(
  definition: ServiceDefinition,
  files: UploadedAttachment[],
  language: ApplicationLanguage,
): Promise<CheckedAttachment[]> {
  const checked: CheckedAttachment[] = []
  let total = 0
  for (const file of files) {
    if (file.bytes.byteLength === 0) continue
    const slot = definition.form.attachments.find((a) => a.id === file.slot)
    if (!slot) {
      throw new InputError(`No attachment "${file.slot}" in this form`, 'services.error.slot', {
        slot: file.slot,
      })
    }
    if (checked.some((c) => c.slot === slot.id)) {
      throw new InputError(`Two files for "${slot.id}"`, 'services.error.slotTwice', {
        field: slot.label[language],
      })
    }
    if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new InputError('The file is too large', 'services.error.fileTooLarge', {
        field: slot.label[language],
        max: MAX_ATTACHMENT_BYTES / 1024 / 1024,
      })
    }
    total += file.bytes.byteLength
    const fileType = await attachmentType(file.bytes)
    if (!fileType || !(slot.types as readonly string[]).includes(fileType)) {
      throw new InputError('The file is not of an accepted type', 'services.error.fileType', {
        field: slot.label[language],
        types: slot.types.join(', '),
      })
    }
    checked.push({
      slot: slot.id,
      originalName: safeOriginalName(file.originalName),
      bytes: file.bytes,
      fileType,
    })
  }
  if (total > MAX_ATTACHMENTS_BYTES) {
    throw new InputError('The files are too large together', 'services.error.filesTooLarge', {
      max: MAX_ATTACHMENTS_BYTES / 1024 / 1024,
    })
  }
  for (const slot of definition.form.attachments) {
    if (slot.required && !checked.some((c) => c.slot === slot.id)) {
      throw new InputError(`"${slot.id}" is required`, 'services.error.attachmentRequired', {
        field: slot.label[language],
      })
    }
  }
  return checked
}

/** The next number of a prefix in a year: APS-2026-000001, never reused (a counter row; gaps possible). */
async function nextNumber(trx: Db, prefix: string, year: number): Promise<string> {
  const row = await trx
    .insertInto('services_counter')
    .values({ prefix, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet((eb) => ({
        last: eb('services_counter.last', '+', 1),
      })),
    )
    .returning('last')
    .executeTakeFirstOrThrow()
  return `${prefix}-${year}-${String(row.last).padStart(6, '0')}`
}

function clampInstant(value: Date | undefined, earliest: Date, latest: Date): Date {
  if (!value || Number.isNaN(value.getTime())) return latest
  return new Date(Math.min(latest.getTime(), Math.max(earliest.getTime(), value.getTime())))
}

/**
 * The exact bytes an applicant (or employee) signs: the application as canonical JSON (fixed
 * key order, form fields sorted, attachments by slot with their SHA-256), UTF-8, ending in a
 * newline. Anyone can recompute it from what was submitted.
 */
export function dataToSign(
  app: Pick<
    ServicesApplicationTable,
    | 'number'
    | 'service_code'
    | 'definition_version'
    | 'channel'
    | 'recipient_kind'
    | 'recipient_iin'
    | 'recipient_bin'
    | 'representative_iin'
    | 'power_of_attorney'
    | 'form'
    | 'created_at'
  >,
  provider: { id: number; bin: string | null },
  attachments: { slot: string; originalName: string; sha256: string; size: number }[],
): string {
  const form = JSON.parse(app.form) as Record<string, string>
  const sortedForm = Object.fromEntries(
    Object.keys(form)
      .sort()
      .map((k) => [k, form[k]]),
  )
  return `${JSON.stringify(
    {
      application: app.number,
      service: app.service_code,
      version: app.definition_version,
      channel: app.channel,
      provider: { id: provider.id, bin: provider.bin },
      recipient: { kind: app.recipient_kind, iin: app.recipient_iin, bin: app.recipient_bin },
      representative: app.representative_iin
        ? { iin: app.representative_iin, powerOfAttorney: app.power_of_attorney }
        : null,
      form: sortedForm,
      attachments: [...attachments]
        .sort((a, b) => a.slot.localeCompare(b.slot))
        .map((a) => ({ slot: a.slot, name: a.originalName, sha256: a.sha256, size: a.size })),
      created: app.created_at,
    },
    null,
    2,
  )}\n`
}

async function loadRow(db: Db, id: number) {
  if (!isRecordId(id)) return undefined
  return db.selectFrom('services_application').selectAll().where('id', '=', id).executeTakeFirst()
}

/** May this viewer see this application? */
export function canSee(
  viewer: Viewer,
  row: {
    person_id: number | null
    provider_organisation_id: number
    centre_organisation_id: number | null
    channel: string
    registered_at: string | null
  },
): boolean {
  if ('person' in viewer) return row.person_id !== null && row.person_id === viewer.person.personId
  return staffMaySee(viewer.actor, row)
}

/** Staff who work on applications: a provider's or a centre's operators and signers. */
export function worksOnApplications(actor: Actor): boolean {
  return hasRole(actor, 'operator') || hasRole(actor, 'signer')
}

/**
 * A provider's operators and signers see the applications it provides once they reach it: at
 * registration for the portal (before, they are the applicant's), at once for the desk; a
 * service centre's, the applications it registered.
 */
function staffMaySee(
  actor: Actor,
  row: {
    provider_organisation_id: number
    centre_organisation_id: number | null
    channel: string
    registered_at: string | null
  },
): boolean {
  if (!worksOnApplications(actor)) return false
  const org = actor.organisation.id
  if (row.centre_organisation_id === org) return true
  // At its own desk the provider registers the application itself; from the portal and a
  // service centre an application reaches it at registration.
  return (
    row.provider_organisation_id === org && (row.channel === 'desk' || row.registered_at !== null)
  )
}

function definitionFor(row: {
  service_code: string
  definition_version: number
}): ServiceDefinition {
  const definition = serviceDefinition(row.service_code, row.definition_version)
  if (!definition) throw new Error(`service ${row.service_code} has no definition`)
  return definition
}

async function attachmentsOf(db: Db, applicationId: number): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom('services_attachment')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('slot')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    slot: r.slot,
    sha256: r.sha256,
    size: r.size,
    fileType: r.file_type,
    originalName: r.original_name,
  }))
}

async function providerParty(db: Db, organisationId: number) {
  const organisation = await getOrganisation(db, organisationId)
  if (!organisation) throw new Error(`organisation ${organisationId} is gone`)
  return organisation
}

/** The canonical data to sign for a stored application. */
export async function signedDataOf(db: Db, row: ApplicationRow): Promise<string> {
  const provider = await providerParty(db, row.provider_organisation_id)
  return dataToSign(row, provider, await attachmentsOf(db, row.id))
}

async function insertApplication(
  ctx: ServicesContext,
  db: Db,
  definition: ServiceDefinition,
  values: Omit<
    ServicesApplicationTable,
    | 'id'
    | 'number'
    | 'status'
    | 'current_step'
    | 'waiting_for'
    | 'signed_data_sha256'
    | 'registered_at'
    | 'due_on'
    | 'ended_at'
    | 'refusal_reason'
    | 'refusal_text'
    | 'updated_at'
    | 'revision'
    | 'definition_version'
    | 'service_code'
  >,
  attachments: CheckedAttachment[],
  input: StepInput,
  actor: EventActor,
  now: Date,
  termWorkingDays: number | null,
): Promise<number> {
  const stored: (CheckedAttachment & { sha256: string; size: number })[] = []
  for (const file of attachments) stored.push({ ...file, ...(await ctx.files.put(file.bytes)) })
  const flow = flowOf(definition, values.channel as Channel)
  const first = flow?.steps[0]
  if (!flow || !first) throw new Error('no flow')
  // The number is taken in its own short transaction: the counter row is every application's
  // contention point (PostgreSQL locks it until commit), so it is held only for the increment.
  // An application that then fails leaves a gap, never a number used twice.
  const number = await db
    .transaction()
    .execute((trx) =>
      nextNumber(trx, definition.numberPrefix, Number(kazakhstanDate(now).slice(0, 4))),
    )
  const { id, ended } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('services_application')
      .values({
        ...values,
        number,
        service_code: definition.code,
        definition_version: definition.version,
        status: 'in-progress',
        current_step: first.id,
        waiting_for: null,
        signed_data_sha256: null,
        registered_at: null,
        due_on: null,
        ended_at: null,
        refusal_reason: null,
        refusal_text: null,
        updated_at: now.toISOString(),
        revision: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    for (const file of stored) {
      await trx
        .insertInto('services_attachment')
        .values({
          application_id: row.id,
          slot: file.slot,
          sha256: file.sha256,
          size: file.size,
          file_type: file.fileType,
          original_name: file.originalName,
          added_at: now.toISOString(),
        })
        .execute()
    }
    const outcome = await advance(trx, ctx.adapters, definition, { ...row }, input, actor, now, {
      termWorkingDays,
    })
    if (outcome.ended) await insertResult(trx, row.id, now, null)
    return { id: row.id, ended: outcome.ended }
  })
  if (ended) await documentAfterCommit(db, ctx, id)
  return id
}

/**
 * An applicant applies on the portal: the form and attachments are checked, the application gets
 * its number, the sign-in and form steps are recorded, and the engine runs to the first step that
 * needs the applicant (payment or signature).
 */
export async function applyOnPortal(
  db: Db,
  ctx: ServicesContext,
  person: ApplicantPerson,
  input: {
    serviceCode: string
    providerOrganisationId: number
    recipientKind: 'individual' | 'legal-entity'
    bin?: string | null
    language: ApplicationLanguage
    form: Record<string, unknown>
    attachments: UploadedAttachment[]
    signedInAt: Date
    formOpenedAt?: Date
    now?: Date
  },
): Promise<ApplicationView> {
  const now = input.now ?? new Date()
  const definition = requireServiceCode(input.serviceCode)
  const language = isApplicationLanguage(input.language) ? input.language : 'kk'
  if (!definition.recipientTypes.includes(input.recipientKind)) {
    throw new InputError(
      'This service is not for this kind of recipient',
      'services.error.recipientKind',
    )
  }
  const bin = input.recipientKind === 'legal-entity' ? checkIdentityNumber(input.bin, 'bin') : null
  const provider = await providerOf(db, definition.code, input.providerOrganisationId)
  if (!provider) {
    throw new InputError('Choose one of the providers of this service', 'services.error.provider')
  }
  if (definition.payment.required && provider.feeKzt === null) {
    throw new ConflictError('The fee of this service is not set', 'services.error.feeNotSet')
  }
  const form = checkForm(definition, input.form, language)
  const attachments = await checkAttachments(definition, input.attachments, language)
  const signedInAt = clampInstant(input.signedInAt, new Date(0), now)
  const id = await insertApplication(
    ctx,
    db,
    definition,
    {
      channel: 'portal',
      provider_organisation_id: provider.organisation.id,
      centre_organisation_id: null,
      person_id: person.personId,
      registered_by: null,
      recipient_kind: input.recipientKind,
      recipient_iin: person.iin,
      recipient_bin: bin,
      recipient_name: person.name,
      representative_iin: null,
      power_of_attorney: null,
      language,
      fee_kzt: definition.payment.required ? provider.feeKzt : null,
      term_working_days: provider.termWorkingDays,
      form: JSON.stringify(form),
      step_started_at: signedInAt.toISOString(),
      created_at: now.toISOString(),
    },
    attachments,
    {
      start: { signedInAt, formOpenedAt: clampInstant(input.formOpenedAt, signedInAt, now) },
    },
    { kind: 'person', personId: person.personId },
    now,
    provider.termWorkingDays,
  )
  return requireView(db, { person }, id, now)
}

/**
 * An employee registers an application at the provider's desk, or a service centre's operator at
 * the centre (with the representative's power of attorney where there is one). The engine
 * queries the state databases; without the recipient's data the application is refused at once,
 * otherwise it waits for the employee's signature on the form.
 */
export async function registerAtDesk(
  db: Db,
  ctx: ServicesContext,
  actor: Actor,
  input: {
    serviceCode: string
    channel: 'desk' | 'service-centre'
    providerOrganisationId: number
    recipientKind: 'individual' | 'legal-entity'
    iin: string
    bin?: string | null
    recipientName?: string | null
    representativeIin?: string | null
    powerOfAttorney?: string | null
    language: ApplicationLanguage
    form: Record<string, unknown>
    attachments: UploadedAttachment[]
    formOpenedAt?: Date
    now?: Date
  },
): Promise<ApplicationView> {
  const now = input.now ?? new Date()
  const definition = requireServiceCode(input.serviceCode)
  if (!flowOf(definition, input.channel)) {
    throw new InputError('This service has no such channel', 'services.error.channel')
  }
  if (!hasRole(actor, 'operator')) {
    throw new ForbiddenError(
      'Only an operator registers applications',
      'services.error.operatorOnly',
    )
  }
  const language = isApplicationLanguage(input.language) ? input.language : 'kk'
  const provider = await providerOf(db, definition.code, input.providerOrganisationId)
  if (!provider) {
    throw new InputError('Choose one of the providers of this service', 'services.error.provider')
  }
  if (input.channel === 'desk' && actor.organisation.id !== provider.organisation.id) {
    throw new ForbiddenError(
      'Only the provider registers applications at its desk',
      'services.error.deskNotProvider',
    )
  }
  if (input.channel === 'service-centre' && actor.organisation.kind !== 'service-centre') {
    throw new ForbiddenError(
      'Only a service centre registers applications through the centre',
      'services.error.notCentre',
    )
  }
  if (!definition.recipientTypes.includes(input.recipientKind)) {
    throw new InputError(
      'This service is not for this kind of recipient',
      'services.error.recipientKind',
    )
  }
  const iin = checkIdentityNumber(input.iin, 'iin')
  const bin = input.recipientKind === 'legal-entity' ? checkIdentityNumber(input.bin, 'bin') : null
  const representativeIin =
    input.channel === 'service-centre' && input.representativeIin?.trim()
      ? checkIdentityNumber(input.representativeIin, 'iin')
      : null
  const powerOfAttorney = representativeIin ? input.powerOfAttorney?.trim() || null : null
  if (powerOfAttorney && powerOfAttorney.length > 50) {
    throw new InputError(
      'The power of attorney number is too long',
      'services.error.powerOfAttorney',
    )
  }
  const form = checkForm(definition, input.form, language)
  const attachments = await checkAttachments(definition, input.attachments, language)
  const recipientName = (input.recipientName ?? '').trim().slice(0, 300) || iin
  const signedInAt = now
  const id = await insertApplication(
    ctx,
    db,
    definition,
    {
      channel: input.channel,
      provider_organisation_id: provider.organisation.id,
      centre_organisation_id: input.channel === 'service-centre' ? actor.organisation.id : null,
      person_id: null,
      registered_by: actor.userId,
      recipient_kind: input.recipientKind,
      recipient_iin: iin,
      recipient_bin: bin,
      recipient_name: recipientName,
      representative_iin: representativeIin,
      power_of_attorney: powerOfAttorney,
      language,
      fee_kzt: null,
      term_working_days: provider.termWorkingDays,
      form: JSON.stringify(form),
      step_started_at: signedInAt.toISOString(),
      created_at: now.toISOString(),
    },
    attachments,
    { start: { signedInAt, formOpenedAt: clampInstant(input.formOpenedAt, new Date(0), now) } },
    { kind: 'user', userId: actor.userId, organisationId: actor.organisation.id },
    now,
    provider.termWorkingDays,
  )
  return requireView(db, { actor }, id, now)
}

async function runStep(
  db: Db,
  ctx: ServicesContext,
  viewer: Viewer,
  id: number,
  expect: (row: ApplicationRow) => void,
  input: StepInput | ((row: ApplicationRow) => Promise<StepInput>),
  now: Date,
  after?: (trx: Db, row: ApplicationRow) => Promise<void>,
): Promise<ApplicationView> {
  const row = await loadRow(db, id)
  if (!row || !canSee(viewer, row)) throw applicationNotFound()
  expect(row)
  const definition = definitionFor(row)
  const stepInput = typeof input === 'function' ? await input(row) : input
  const actor: EventActor =
    'person' in viewer
      ? { kind: 'person', personId: viewer.person.personId }
      : { kind: 'user', userId: viewer.actor.userId, organisationId: viewer.actor.organisation.id }
  const ended = await db.transaction().execute(async (trx) => {
    if (after) await after(trx, row)
    const outcome = await advance(
      trx,
      ctx.adapters,
      definition,
      { ...row },
      stepInput,
      actor,
      now,
      { termWorkingDays: row.term_working_days },
    )
    if (outcome.ended) {
      await insertResult(trx, row.id, now, 'actor' in viewer ? viewer.actor.userId : null)
    }
    return outcome.ended
  })
  if (ended) await documentAfterCommit(db, ctx, id)
  return requireView(db, viewer, id, now)
}

function expectWaiting(row: ApplicationRow, ...who: WaitingFor[]) {
  if (row.status !== 'in-progress' || !who.includes(row.waiting_for as WaitingFor)) {
    throw new ConflictError('The application is not waiting for this', 'services.error.notWaiting')
  }
}

/**
 * How long a claimed payment counts as being charged by its request: longer than any gateway
 * timeout (PAYMENT_TIMEOUT_MS is at most 120 s). A claim older than this, whose request died,
 * is settled by asking the gateway.
 */
export const PAYMENT_IN_FLIGHT_MS = 150_000

/**
 * The applicant pays through the payment gateway. A declined card fails the payment check and
 * the application is refused for non-payment (the regulation's condition 2 → process 5); a
 * gateway that does not answer leaves the application waiting for payment, to be tried again
 * once the gateway has said what became of the charge (never charged twice: the attempt is
 * claimed before charging, and an unanswered one is asked about before a new one).
 */

export async function payApplication(
  db: Db,
  ctx: ServicesContext,
  person: ApplicantPerson,
  id: number,
  cardNumber: string,
  now: Date = new Date(),
): Promise<{ view: ApplicationView; outcome: 'paid' | 'declined' | 'timeout' }> {
  const row = await loadRow(db, id)
  if (!row || !canSee({ person }, row)) throw applicationNotFound()
  expectWaiting(row, 'applicant-payment')
  const amount = row.fee_kzt
  if (!amount) {
    throw new ConflictError('The fee of this service is not set', 'services.error.feeNotSet')
  }
  // The gateway's answer and the step it decides are written in one transaction.
  const settle = async (
    reference: string,
    outcome: 'paid' | 'declined',
    gatewayReference: string | null,
  ) => {
    const view = await runStep(
      db,
      ctx,
      { person },
      id,
      (r) => expectWaiting(r, 'applicant-payment'),
      { payment: { outcome, reference } },
      new Date(),
      async (trx) => {
        await trx
          .updateTable('services_payment')
          .set({ outcome, gateway_reference: gatewayReference, at: new Date().toISOString() })
          .where('reference', '=', reference)
          .execute()
      },
    )
    return { view, outcome }
  }
  const setOutcome = (reference: string, outcome: string, gatewayReference: string | null) =>
    db
      .updateTable('services_payment')
      .set({ outcome, gateway_reference: gatewayReference, at: new Date().toISOString() })
      .where('reference', '=', reference)
      .execute()

  // An earlier attempt the gateway did not answer may have been taken: ask before charging again.
  const last = await db
    .selectFrom('services_payment')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const inFlight = (at: string) => Date.parse(at) > now.getTime() - PAYMENT_IN_FLIGHT_MS
  if (last && (last.outcome === 'paid' || last.outcome === 'declined')) {
    // An answer recorded but not yet applied (its request failed or died between the two
    // writes): apply it; never charge again.
    return settle(last.reference, last.outcome, last.gateway_reference)
  }
  if (last?.outcome === 'pending' && inFlight(last.at)) {
    // Another request is charging right now (claimed, maybe not yet at the gateway).
    throw new ConflictError(
      'The previous payment is still being processed by the gateway',
      'services.error.paymentPending',
    )
  }
  if (last && (last.outcome === 'timeout' || last.outcome === 'pending')) {
    const status = await ctx.adapters.payments.status(last.reference)
    if (status === 'pending') {
      throw new ConflictError(
        'The previous payment is still being processed by the gateway',
        'services.error.paymentPending',
      )
    }
    if (status === 'paid' || status === 'declined') {
      return settle(last.reference, status, last.gateway_reference)
    }
    await setOutcome(last.reference, 'not-received', null)
  }

  // Claim the attempt before charging: a second payment at the same time loses the claim (the
  // revision moved) and charges nothing.
  const reference = `${row.number}-P${row.revision}`
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('services_application')
      .set({ revision: row.revision + 1, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('revision', '=', row.revision)
      .where('waiting_for', '=', 'applicant-payment')
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ConflictError(
        'The application was changed by someone else; reload it',
        'services.error.stale',
      )
    }
    await trx
      .insertInto('services_payment')
      .values({
        application_id: row.id,
        reference,
        amount_kzt: amount,
        outcome: 'pending',
        gateway_reference: null,
        at: now.toISOString(),
      })
      .execute()
  })
  let answer: Awaited<ReturnType<PaymentGateway['charge']>>
  try {
    answer = await ctx.adapters.payments.charge({
      reference,
      amountKzt: amount,
      description: row.number,
      cardNumber,
    })
  } catch (error) {
    // Refused before it was sent (a malformed card number): nothing was charged. Any other
    // failure may have reached the gateway: the claim stays pending and is asked about later.
    if (error instanceof InputError) await setOutcome(reference, 'not-received', null)
    throw error
  }
  if (answer.outcome === 'timeout') {
    await setOutcome(reference, 'timeout', null)
    return { view: await requireView(db, { person }, id, now), outcome: 'timeout' }
  }
  try {
    return await settle(reference, answer.outcome, answer.gatewayReference)
  } catch (error) {
    // Keep the gateway's answer: the next attempt applies it instead of charging again.
    await setOutcome(reference, answer.outcome, answer.gatewayReference)
    throw error
  }
}

/**
 * Submits a signature over the application's data (see {@link dataToSign}). For the applicant on
 * the portal the regulation's check decides: a signature that is invalid, revoked, or of another
 * person refuses the application. For an employee or operator at the desk, a signature that does
 * not pass is refused as input and the application keeps waiting.
 */
export async function signApplication(
  db: Db,
  ctx: ServicesContext,
  viewer: Viewer,
  id: number,
  signature: string,
  now: Date = new Date(),
): Promise<ApplicationView> {
  const row = await loadRow(db, id)
  if (!row || !canSee(viewer, row)) throw applicationNotFound()
  if ('person' in viewer) expectWaiting(row, 'applicant-signature')
  else {
    expectWaiting(row, 'employee-signature')
    if (!hasRole(viewer.actor, 'operator')) {
      throw new ForbiddenError('Only an operator signs the form', 'services.error.operatorOnly')
    }
    const registeringOrg = row.centre_organisation_id ?? row.provider_organisation_id
    if (viewer.actor.organisation.id !== registeringOrg) throw applicationNotFound()
  }
  if (
    typeof signature !== 'string' ||
    signature.trim() === '' ||
    signature.length > MAX_SIGNATURE_TEXT
  ) {
    throw new InputError('Paste the signature', 'services.error.signatureEmpty')
  }
  const data = new TextEncoder().encode(await signedDataOf(db, row))
  // A signature is checked when it arrives, against the certificates and lists of that moment.
  const check = await ctx.adapters.signatures.verify({ signature, data, at: new Date() })
  let failure: SignatureFailure | null = check.ok ? null : check.reason
  if (check.ok && 'person' in viewer) {
    // The applicant's own certificate: a person's for an individual (no BIN), the company's
    // (its BIN and the person's IIN) for a legal entity.
    const signer = check.signer
    const sameIin = signer.iin === row.recipient_iin
    const sameBin =
      row.recipient_kind === 'legal-entity' ? signer.bin === row.recipient_bin : signer.bin === null
    if (!sameIin || !sameBin) failure = 'identity-mismatch'
  }
  if (check.ok && 'actor' in viewer) {
    // An employee signs as an employee of their organisation: its BIN is in the certificate.
    const bin = viewer.actor.organisation.bin
    if (!bin) {
      throw new ConflictError(
        'Your organisation has no BIN recorded, so no certificate can be matched to it',
        'services.error.organisationBin',
      )
    }
    if (check.signer.bin !== bin) {
      throw new InputError(
        'The certificate does not carry your organisation’s BIN',
        'services.error.employeeBin',
        { bin },
      )
    }
  }
  // What cannot be read, or checked for lack of a current revocation list, is not the applicant's
  // fault: it is refused as input (try again), never a refusal of the application.
  const retryable = failure === 'malformed' || failure === 'revocation-unknown'
  if (failure && ('actor' in viewer || retryable)) {
    throw new InputError(`The signature is not accepted: ${failure}`, signatureMessageKey(failure))
  }
  const dataSha256 = createHash('sha256').update(data).digest('hex')
  return runStep(
    db,
    ctx,
    viewer,
    id,
    (r) => {
      if (r.revision !== row.revision) {
        throw new ConflictError('The application was changed; reload it', 'services.error.stale')
      }
    },
    { signature: { ok: failure === null, failure, signer: check.signer } },
    now,
    async (trx) => {
      await trx
        .insertInto('services_signature')
        .values({
          application_id: row.id,
          step_id: row.current_step ?? '',
          signature: signature.trim(),
          data_sha256: dataSha256,
          ok: failure === null ? 1 : 0,
          failure,
          signer_iin: check.signer?.iin ?? null,
          signer_bin: check.signer?.bin ?? null,
          signer_name: check.signer?.commonName ?? null,
          certificate_serial: check.signer?.serialNumber ?? null,
          issuer: check.signer?.issuer ?? null,
          checked_at: now.toISOString(),
        })
        .execute()
      if (failure === null) {
        await trx
          .updateTable('services_application')
          .set({ signed_data_sha256: dataSha256 })
          .where('id', '=', row.id)
          .execute()
      }
    },
  )
}

/**
 * The provider's employee (operator) decides whether the documents and the grounds of the
 * service are met; a refusal must give its reasons (a reasoned refusal).
 */
export async function decideApplication(
  db: Db,
  ctx: ServicesContext,
  actor: Actor,
  id: number,
  decision: { meets: boolean; reason?: string | null },
  now: Date = new Date(),
): Promise<ApplicationView> {
  const reason = decision.reason?.trim() || null
  if (!decision.meets && (!reason || reason.length < 10)) {
    throw new InputError('Give the reasons for the refusal', 'services.error.reasonRequired', {
      min: 10,
    })
  }
  if (reason && reason.length > 4000) {
    throw new InputError('The reasons are too long', 'services.error.reasonTooLong', { max: 4000 })
  }
  return runStep(
    db,
    ctx,
    { actor },
    id,
    (row) => {
      if (row.provider_organisation_id !== actor.organisation.id) throw applicationNotFound()
      expectWaiting(row, 'provider-decision')
      if (!hasRole(actor, 'operator')) {
        throw new ForbiddenError(
          'Only an operator of the provider decides',
          'services.error.operatorOnly',
        )
      }
    },
    { decision: { meets: decision.meets, reason } },
    now,
  )
}

/** The provider's authorised person (signer) signs and issues the result. */
export async function issueResult(
  db: Db,
  ctx: ServicesContext,
  actor: Actor,
  id: number,
  now: Date = new Date(),
): Promise<ApplicationView> {
  return runStep(
    db,
    ctx,
    { actor },
    id,
    (row) => {
      if (row.provider_organisation_id !== actor.organisation.id) throw applicationNotFound()
      expectWaiting(row, 'signer')
      if (!hasRole(actor, 'signer')) {
        throw new ForbiddenError(
          'Only the authorised person signs the result',
          'services.error.signerOnly',
        )
      }
    },
    { issue: true },
    now,
  )
}

function toView(
  row: ApplicationRow,
  parts: {
    provider: { id: number; nameKk: string; nameRu: string; bin: string | null }
    centre: ApplicationView['centre']
    attachments: AttachmentView[]
    events: EventView[]
    result: ApplicationView['result']
    survey: ApplicationView['survey']
    feeKzt: number | null
  },
  now: Date,
): ApplicationView {
  const definition = definitionFor(row)
  const flow = flowOf(definition, row.channel as Channel)
  const step: Step | undefined = flow?.steps.find((s) => s.id === row.current_step)
  const failedEvent = [...parts.events].reverse().find((e) => e.outcome === 'failed')
  const refusalDetail =
    row.status === 'refused' && failedEvent ? failureDetail(failedEvent.details) : null
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    definitionVersion: row.definition_version,
    channel: row.channel as Channel,
    provider: parts.provider,
    centre: parts.centre,
    personId: row.person_id,
    recipient: {
      kind: row.recipient_kind as 'individual' | 'legal-entity',
      iin: row.recipient_iin,
      bin: row.recipient_bin,
      name: row.recipient_name,
    },
    representativeIin: row.representative_iin,
    powerOfAttorney: row.power_of_attorney,
    language: row.language as ApplicationLanguage,
    form: JSON.parse(row.form) as Record<string, string>,
    status: row.status as ApplicationStatus,
    currentStep: row.current_step,
    waitingFor: row.waiting_for as WaitingFor | null,
    stepStartedAt: row.step_started_at,
    stepOverdue: step ? stepOverLimit(step, row.step_started_at, now) : false,
    registeredAt: row.registered_at,
    dueOn: row.due_on,
    overdue: row.status === 'in-progress' && !!row.due_on && kazakhstanDate(now) > row.due_on,
    endedAt: row.ended_at,
    refusalReason: row.refusal_reason,
    refusalText: row.refusal_text,
    refusalDetail,
    createdAt: row.created_at,
    revision: row.revision,
    feeKzt: parts.feeKzt,
    attachments: parts.attachments,
    events: parts.events,
    result: parts.result,
    survey: parts.survey,
  }
}

/** An application as the viewer may see it, or undefined (unknown or not theirs). */
export async function getApplication(
  db: Db,
  viewer: Viewer,
  id: number,
  now: Date = new Date(),
): Promise<ApplicationView | undefined> {
  const row = await loadRow(db, id)
  if (!row || !canSee(viewer, row)) return undefined
  const provider = await providerParty(db, row.provider_organisation_id)
  const centre = row.centre_organisation_id
    ? await providerParty(db, row.centre_organisation_id)
    : null
  const eventRows = await db
    .selectFrom('services_event')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('id')
    .execute()
  const names = await actorNames(db, eventRows)
  const result = await db
    .selectFrom('services_result')
    .selectAll()
    .where('application_id', '=', row.id)
    .executeTakeFirst()
  const survey = await db
    .selectFrom('services_survey')
    .selectAll()
    .where('application_id', '=', row.id)
    .executeTakeFirst()
  return toView(
    row,
    {
      provider: {
        id: provider.id,
        nameKk: provider.nameKk,
        nameRu: provider.nameRu,
        bin: provider.bin,
      },
      centre: centre ? { id: centre.id, nameKk: centre.nameKk, nameRu: centre.nameRu } : null,
      attachments: await attachmentsOf(db, row.id),
      events: eventRows.map((e) => ({
        id: e.id,
        stepId: e.step_id,
        outcome: e.outcome,
        startedAt: e.started_at,
        at: e.at,
        milliseconds: e.milliseconds,
        limitSeconds: e.limit_seconds,
        overLimit: e.over_limit === 1,
        actorKind: e.actor_kind,
        actorName: names.get(e.id) ?? null,
        details: JSON.parse(e.details) as Record<string, unknown>,
      })),
      result: result
        ? {
            kind: result.kind as 'result' | 'refusal',
            code: result.code,
            issuedAt: result.issued_at,
            ready: result.file_sha256 !== null,
            shareDetails: result.share_details === 1,
            shareName: result.share_name === 1,
            shareNumber: result.share_number === 1,
            shareDocument: result.share_document === 1,
          }
        : null,
      survey: survey
        ? {
            quality: survey.quality,
            information: survey.information,
            answeredAt: survey.answered_at,
          }
        : null,
      feeKzt: row.fee_kzt,
    },
    now,
  )
}

/** Names of the people behind events, by event id (staff by their user name). */
async function actorNames(
  db: Db,
  events: { id: number; actor_kind: string; actor_user_id: number | null }[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>()
  const cache = new Map<number, string>()
  for (const e of events) {
    if (e.actor_kind !== 'user' || e.actor_user_id === null) continue
    let name = cache.get(e.actor_user_id)
    if (name === undefined) {
      name = (await userById(db, e.actor_user_id))?.name ?? ''
      cache.set(e.actor_user_id, name)
    }
    if (name) names.set(e.id, name)
  }
  return names
}

export async function requireView(
  db: Db,
  viewer: Viewer,
  id: number,
  now: Date = new Date(),
): Promise<ApplicationView> {
  const view = await getApplication(db, viewer, id, now)
  if (!view) throw applicationNotFound()
  return view
}

/** A line of a list of applications. */
export interface ApplicationSummary {
  id: number
  number: string
  serviceCode: string
  channel: Channel
  recipientName: string
  status: ApplicationStatus
  currentStep: string | null
  waitingFor: WaitingFor | null
  stepStartedAt: string
  stepOverdue: boolean
  registeredAt: string | null
  dueOn: string | null
  overdue: boolean
  createdAt: string
  endedAt: string | null
}

function toSummary(row: ApplicationRow, now: Date): ApplicationSummary {
  const definition = serviceDefinition(row.service_code, row.definition_version)
  const step = definition
    ? flowOf(definition, row.channel as Channel)?.steps.find((s) => s.id === row.current_step)
    : undefined
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    channel: row.channel as Channel,
    recipientName: row.recipient_name,
    status: row.status as ApplicationStatus,
    currentStep: row.current_step,
    waitingFor: row.waiting_for as WaitingFor | null,
    stepStartedAt: row.step_started_at,
    stepOverdue: step ? stepOverLimit(step, row.step_started_at, now) : false,
    registeredAt: row.registered_at,
    dueOn: row.due_on,
    overdue: row.status === 'in-progress' && !!row.due_on && kazakhstanDate(now) > row.due_on,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  }
}

/** The applicant's own applications, newest first. */
export async function applicationsOf(
  db: Db,
  person: ApplicantPerson,
  now: Date = new Date(),
): Promise<ApplicationSummary[]> {
  const rows = await db
    .selectFrom('services_application')
    .selectAll()
    .where('person_id', '=', person.personId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => toSummary(r, now))
}

/**
 * The inbox of an organisation's staff: applications in progress that the organisation provides
 * or registered as a service centre, earliest term first (no term last), then the longest
 * waiting. `waitingFor` filters (e.g. only decisions).
 */
export async function inboxOf(
  db: Db,
  actor: Actor,
  options: { serviceCode?: string; ended?: boolean; now?: Date; limit?: number } = {},
): Promise<ApplicationSummary[]> {
  const now = options.now ?? new Date()
  if (!worksOnApplications(actor)) return []
  const org = actor.organisation.id
  let query = db
    .selectFrom('services_application')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('centre_organisation_id', '=', org),
        eb.and([
          eb('provider_organisation_id', '=', org),
          // A portal or centre application reaches the provider at registration.
          eb.or([eb('channel', '=', 'desk'), eb('registered_at', 'is not', null)]),
        ]),
      ]),
    )
  query = options.ended
    ? query.where('status', '!=', 'in-progress')
    : query.where('status', '=', 'in-progress')
  if (options.serviceCode) query = query.where('service_code', '=', options.serviceCode)
  query = options.ended
    ? query.orderBy('ended_at', 'desc')
    : query
        // Applications without a term last on both backends (NULLs sort differently).
        .orderBy(sql`case when due_on is null then 1 else 0 end`)
        .orderBy('due_on', 'asc')
        .orderBy('step_started_at', 'asc')
  const rows = await query
    .orderBy('id', 'asc')
    .limit(options.limit ?? 500)
    .execute()
  return rows.map((r) => toSummary(r, now))
}

/** Bytes of an attachment the viewer may see. */
export async function attachmentFor(
  db: Db,
  ctx: Pick<ServicesContext, 'files'>,
  viewer: Viewer,
  applicationId: number,
  attachmentId: number,
): Promise<{ bytes: Uint8Array; originalName: string; fileType: string }> {
  const row = await loadRow(db, applicationId)
  if (!row || !canSee(viewer, row) || !isRecordId(attachmentId)) throw applicationNotFound()
  const file = await db
    .selectFrom('services_attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('application_id', '=', row.id)
    .executeTakeFirst()
  if (!file) throw new NotFoundError('No such attachment', 'services.error.attachmentNotFound')
  return {
    bytes: await ctx.files.get(file.sha256),
    originalName: file.original_name,
    fileType: file.file_type,
  }
}

/** The canonical data an applicant or employee signs, for the viewer. */
export async function dataToSignFor(db: Db, viewer: Viewer, id: number): Promise<string> {
  const row = await loadRow(db, id)
  if (!row || !canSee(viewer, row)) throw applicationNotFound()
  return signedDataOf(db, row)
}

export { CHANNELS }
