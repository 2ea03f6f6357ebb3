/**
 * @module
 * Result and refusal documents, their public verification, and the Appendix 3 survey.
 *
 * Every ended application gets a document: the result (signed by the provider's authorised
 * person) or the refusal notice with its reasons. The row with the verification code is written
 * in the transaction that ends the application; the PDF itself is made right after it, and again
 * on demand if that was interrupted: it is made from stored data only (the same input gives the
 * same bytes), signed with the result signer, and kept in the file store.
 *
 * The public verification page shows only what the applicant chose to share: by default only
 * that the code exists, that its signature is valid, and whether a given PDF is the one issued
 * (whoever holds the document then sees its details: service, decision, provider, date); the
 * applicant may share those details, their name, the application number and the document.
 */
import type { Kysely } from 'kysely'
import { getOrganisation, isUniqueViolation, userById } from '../auth/index.js'
import { kazakhstanDate } from '../calendar/index.js'
import { ConflictError, InputError, isRecordId, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import { sha256Hex } from '../files/index.js'
import { isMessageKey, type MessageKey, translator } from '../i18n/index.js'
import {
  type ApplicantPerson,
  canSee,
  failureDetail,
  refusalDetailKey,
  type ServicesContext,
  type Viewer,
} from './applications.js'
import type { Channel } from './definition.js'
import { serviceDefinition } from './definitions.js'
import {
  newVerificationCode,
  normaliseVerificationCode,
  renderResultDocument,
} from './result-document.js'

type Db = Kysely<Database>

/** Writes the result row of an application that has just ended (inside its transaction). */
export async function insertResult(
  trx: Db,
  applicationId: number,
  now: Date,
  issuedBy: number | null,
): Promise<void> {
  const app = await trx
    .selectFrom('services_application')
    .select(['status', 'language'])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('services_result')
    .values({
      application_id: applicationId,
      kind: app.status === 'completed' ? 'result' : 'refusal',
      code: newVerificationCode(),
      language: app.language,
      issued_at: now.toISOString(),
      issued_by: app.status === 'completed' ? issuedBy : null,
      file_sha256: null,
      file_size: null,
      signature: null,
      signer_name: null,
      signer_serial: null,
      share_details: 0,
      share_name: 0,
      share_number: 0,
      share_document: 0,
    })
    .execute()
}

function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`
}

function capitalise(text: string, language: string): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1)
}

/** Masks all but the last four digits of an IIN/BIN: ••••••••1234. */
export function maskIdentity(value: string): string {
  return `${'•'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`
}

/**
 * Makes, signs and stores the PDF of an ended application's result or refusal, unless it is
 * there already. Safe to call twice (the second finds it made, or loses the race harmlessly:
 * the bytes are the same).
 */
export async function ensureResultDocument(
  db: Db,
  ctx: ServicesContext,
  applicationId: number,
): Promise<void> {
  const result = await db
    .selectFrom('services_result')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  if (!result || result.file_sha256) return
  const app = await db
    .selectFrom('services_application')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const definition = serviceDefinition(app.service_code, app.definition_version)
  if (!definition) throw new Error(`no definition for ${app.service_code}`)
  const language = (['kk', 'ru', 'en'] as const).find((l) => l === result.language) ?? 'kk'
  const t = translator(language)
  const provider = await getOrganisation(db, app.provider_organisation_id)
  const flow = definition.channels[app.channel as Channel]
  const refused = result.kind === 'refusal'
  const failed = refused
    ? await db
        .selectFrom('services_event')
        .select('details')
        .where('application_id', '=', applicationId)
        .where('outcome', '=', 'failed')
        .orderBy('id', 'desc')
        .executeTakeFirst()
    : undefined
  const failedDetails = failed ? (JSON.parse(failed.details) as Record<string, unknown>) : {}
  const detailKey = refusalDetailKey(failureDetail(failedDetails), app.refusal_reason)
  const reasonText = refused
    ? [
        t(`services.refusal.${app.refusal_reason ?? 'grounds'}` as MessageKey),
        detailKey && isMessageKey(detailKey) ? t(detailKey) : null,
        app.refusal_text,
      ]
        .filter(Boolean)
        .join('\n\n')
    : null
  const signer = ctx.adapters.resultSigner.subject
  const authorisedPerson = result.issued_by ? (await userById(db, result.issued_by))?.name : null
  const bytes = await renderResultDocument({
    language,
    // The act prints the result's name inside a sentence («…хабарламаны алуы»), in lower case.
    title: capitalise(
      refused ? t('services.document.refusalTitle') : (flow?.result.title[language] ?? ''),
      language,
    ),
    serviceName: definition.name[language],
    providerName: provider ? (language === 'kk' ? provider.nameKk : provider.nameRu) : '',
    applicationNumber: app.number,
    recipient: `${app.recipient_name} (${app.recipient_kind === 'legal-entity' ? `${t('services.bin')} ${app.recipient_bin}` : `${t('services.iin')} ${maskIdentity(app.recipient_iin)}`})`,
    decision: refused
      ? t('services.document.decisionRefused')
      : t('services.document.decisionIssued'),
    reason: reasonText,
    issuedOn: kazakhstanDate(new Date(result.issued_at)),
    issuedAt: new Date(result.issued_at),
    verificationCode: result.code,
    verificationUrl: verificationUrl(ctx.publicUrl, result.code),
    signedBy: [authorisedPerson, `${signer.commonName} (${signer.serialNumber})`]
      .filter(Boolean)
      .join(', '),
    labels: {
      service: t('services.document.service'),
      provider: t('services.document.provider'),
      number: t('services.document.number'),
      recipient: t('services.document.recipient'),
      decision: t('services.document.decision'),
      reason: t('services.document.reason'),
      date: t('services.document.date'),
      verification: t('services.document.verification'),
      signature: refused
        ? t('services.document.signatureSystem')
        : t('services.document.signature'),
    },
  })
  const signed = await ctx.adapters.resultSigner.sign(bytes)
  const stored = await ctx.files.put(bytes)
  await db
    .updateTable('services_result')
    .set({
      file_sha256: stored.sha256,
      file_size: stored.size,
      signature: signed.signature,
      signer_name: signed.signer.commonName,
      signer_serial: signed.signer.serialNumber,
    })
    .where('application_id', '=', applicationId)
    .where('file_sha256', 'is', null)
    .execute()
}

/** The PDF of an application's result or refusal, for someone who may see the application. */
export async function resultDocumentFor(
  db: Db,
  ctx: ServicesContext,
  viewer: Viewer,
  applicationId: number,
): Promise<{ bytes: Uint8Array; fileName: string; signature: string }> {
  const app = isRecordId(applicationId)
    ? await db
        .selectFrom('services_application')
        .selectAll()
        .where('id', '=', applicationId)
        .executeTakeFirst()
    : undefined
  if (!app || !canSee(viewer, app)) {
    throw new NotFoundError('No such application', 'services.error.applicationNotFound')
  }
  await ensureResultDocument(db, ctx, app.id)
  const result = await db
    .selectFrom('services_result')
    .selectAll()
    .where('application_id', '=', app.id)
    .executeTakeFirst()
  if (!result?.file_sha256 || !result.signature) {
    throw new NotFoundError('No result yet', 'services.error.noResult')
  }
  return {
    bytes: await ctx.files.get(result.file_sha256),
    fileName: `${app.number}.pdf`,
    signature: result.signature,
  }
}

/** The result's detached CMS signature as a `.p7s` file (DER), for someone who may see it. */
export async function resultSignatureFor(
  db: Db,
  ctx: ServicesContext,
  viewer: Viewer,
  applicationId: number,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const document = await resultDocumentFor(db, ctx, viewer, applicationId)
  return {
    bytes: new Uint8Array(Buffer.from(document.signature, 'base64')),
    fileName: `${document.fileName}.p7s`,
  }
}

/** What the public verification page shows for a code. */
export interface Verification {
  code: string
  /** The details below are shown when the applicant shares them, or to whoever holds the document. */
  detailsShown: boolean
  kind: 'result' | 'refusal' | null
  serviceCode: string | null
  providerName: { kk: string; ru: string } | null
  issuedOn: string | null
  signer: { name: string | null; serial: string | null }
  sha256: string | null
  /** Shared by the applicant, else null. */
  recipientName: string | null
  applicationNumber: string | null
  documentShared: boolean
  /** The stored signature checked over the stored document now (null: not made yet, or not asked). */
  signatureValid: boolean | null
}

async function resultByCode(db: Db, code: string) {
  const normal = normaliseVerificationCode(code)
  if (!normal) return undefined
  return db.selectFrom('services_result').selectAll().where('code', '=', normal).executeTakeFirst()
}

/**
 * The public view of a result by its verification code, or undefined. With `ctx`, the stored
 * signature is checked over the stored document (and the document made if it was not yet).
 */
export async function verification(
  db: Db,
  code: string,
  ctx?: ServicesContext,
  options: { holdsDocument?: boolean } = {},
): Promise<Verification | undefined> {
  let result = await resultByCode(db, code)
  if (!result) return undefined
  let signatureValid: boolean | null = null
  if (ctx) {
    if (!result.file_sha256) {
      await ensureResultDocument(db, ctx, result.application_id)
      result = (await resultByCode(db, code)) ?? result
    }
    if (result.file_sha256 && result.signature) {
      const bytes = await ctx.files.get(result.file_sha256)
      signatureValid = await ctx.adapters.resultSigner.verify(result.signature, bytes)
    }
  }
  const app = await db
    .selectFrom('services_application')
    .select(['service_code', 'provider_organisation_id', 'recipient_name', 'number'])
    .where('id', '=', result.application_id)
    .executeTakeFirstOrThrow()
  const provider = await getOrganisation(db, app.provider_organisation_id)
  const details = result.share_details === 1 || options.holdsDocument === true
  return {
    code: result.code,
    detailsShown: details,
    kind: details ? (result.kind as 'result' | 'refusal') : null,
    serviceCode: details ? app.service_code : null,
    providerName: details ? { kk: provider?.nameKk ?? '', ru: provider?.nameRu ?? '' } : null,
    issuedOn: details ? kazakhstanDate(new Date(result.issued_at)) : null,
    signer: { name: result.signer_name, serial: result.signer_serial },
    sha256: result.file_sha256,
    recipientName: result.share_name === 1 ? app.recipient_name : null,
    applicationNumber: result.share_number === 1 ? app.number : null,
    documentShared: result.share_document === 1 && result.file_sha256 !== null,
    signatureValid,
  }
}

/** Whether `bytes` are the document issued under `code` (reveals nothing else). */
export async function matchesIssuedDocument(
  db: Db,
  code: string,
  bytes: Uint8Array,
): Promise<boolean | undefined> {
  const result = await resultByCode(db, code)
  if (!result) return undefined
  return result.file_sha256 !== null && sha256Hex(bytes) === result.file_sha256
}

/** The shared document of a code, when the applicant chose to share it. */
export async function sharedDocument(
  db: Db,
  ctx: Pick<ServicesContext, 'files'>,
  code: string,
): Promise<{ bytes: Uint8Array; fileName: string; signature: string | null } | undefined> {
  const result = await resultByCode(db, code)
  if (result?.share_document !== 1 || !result.file_sha256) return undefined
  return {
    bytes: await ctx.files.get(result.file_sha256),
    fileName: `${result.code}.pdf`,
    signature: result.signature,
  }
}

async function ownEndedApplication(db: Db, person: ApplicantPerson, applicationId: number) {
  const app = isRecordId(applicationId)
    ? await db
        .selectFrom('services_application')
        .select(['id', 'person_id', 'status'])
        .where('id', '=', applicationId)
        .executeTakeFirst()
    : undefined
  if (!app || app.person_id !== person.personId) {
    throw new NotFoundError('No such application', 'services.error.applicationNotFound')
  }
  if (app.status === 'in-progress') {
    throw new ConflictError('The application has not ended', 'services.error.notEnded')
  }
  return app
}

/** The applicant chooses what the verification page shows besides the defaults. */
export async function setSharing(
  db: Db,
  person: ApplicantPerson,
  applicationId: number,
  share: { details?: boolean; name: boolean; number: boolean; document: boolean },
): Promise<void> {
  const app = await ownEndedApplication(db, person, applicationId)
  await db
    .updateTable('services_result')
    .set({
      share_details: share.details ? 1 : 0,
      share_name: share.name ? 1 : 0,
      share_number: share.number ? 1 : 0,
      share_document: share.document ? 1 : 0,
    })
    .where('application_id', '=', app.id)
    .execute()
}

/** The Appendix 3 answers: 1 not satisfied, 2 partly satisfied, 3 satisfied. */
export const SURVEY_ANSWERS = [1, 2, 3] as const

/** The applicant answers the Appendix 3 survey once, after the application has ended. */
export async function answerSurvey(
  db: Db,
  person: ApplicantPerson,
  applicationId: number,
  answers: { quality: number; information: number },
  now: Date = new Date(),
): Promise<void> {
  const app = await ownEndedApplication(db, person, applicationId)
  for (const value of [answers.quality, answers.information]) {
    if (!(SURVEY_ANSWERS as readonly number[]).includes(value)) {
      throw new InputError('Choose one of the answers', 'services.error.surveyAnswer')
    }
  }
  const existing = await db
    .selectFrom('services_survey')
    .select('application_id')
    .where('application_id', '=', app.id)
    .executeTakeFirst()
  const answered = () => new ConflictError('Already answered', 'services.error.surveyAnswered')
  if (existing) throw answered()
  try {
    await db
      .insertInto('services_survey')
      .values({
        application_id: app.id,
        quality: answers.quality,
        information: answers.information,
        answered_at: now.toISOString(),
      })
      .execute()
  } catch (error) {
    // Two answers at once: the primary key lets one in.
    if (isUniqueViolation(error)) throw answered()
    throw error
  }
}
