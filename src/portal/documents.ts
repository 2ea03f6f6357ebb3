/**
 * @module
 * Technical documents of an object (Appendix 1): per item, the PDF/A-1 copy and the DOCX source
 * (rules 174, para 7). An upload is checked by content before anything is stored: its real type,
 * the PDF/A-1 preflight or the DOCX opened and its text extracted. A rejected file leaves nothing
 * behind; an accepted one is stored by its sha256 and recorded in one transaction with the new
 * revision. A newer file of the same item and format replaces the older, which is kept.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/index.js'
import { InputError, NotFoundError } from '../core/index.js'
import type { Database } from '../db/index.js'
import {
  detectFileType,
  type FileStore,
  inspectDocx,
  inspectPdf,
  safeOriginalName,
} from '../files/index.js'
import { canReadDocuments, objectNotFound, requireEditor, requireVisible } from './access.js'
import { type DocumentFormat, documentKind, MAX_DOCUMENT_BYTES } from './model.js'
import { changeObject, findObjectRow } from './objects.js'
import { readRevision } from './snapshot.js'

type Db = Kysely<Database>

/** One check of an upload, as shown to the user. */
export interface UploadCheck {
  id: string
  passed: boolean
  messageKey: string
  params: Record<string, string | number>
}

/** An upload refused by its content, with the checks that explain why. */
export class DocumentRejectedError extends InputError {
  constructor(
    message: string,
    messageKey: string,
    params: Record<string, string | number>,
    readonly checks: readonly UploadCheck[] = [],
  ) {
    super(message, messageKey, params)
  }
}

export interface UploadInput {
  item: unknown
  /** The name the browser sent; only kept for display and download, never used as a path. */
  fileName: string
  bytes: Uint8Array
}

export interface UploadResult {
  documentId: number
  format: DocumentFormat
  revision: number
  checks: UploadCheck[]
}

/** Checks the file and, when it passes, stores it as the item's copy in its format. */
export async function uploadDocument(
  db: Db,
  store: FileStore,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  input: UploadInput,
): Promise<UploadResult> {
  const item = Number(input.item)
  if (!Number.isInteger(item) || !documentKind(item)) {
    throw new InputError('Choose the Appendix 1 item', 'portal.error.documentItem')
  }
  const name = safeOriginalName(input.fileName)
  if (input.bytes.byteLength === 0) {
    throw new DocumentRejectedError('The file is empty', 'portal.error.emptyFile', {})
  }
  if (input.bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new DocumentRejectedError('The file is too large', 'portal.error.fileTooLarge', {
      limit: Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024),
    })
  }
  // Refuse early when the object is not there or not the actor's to change.
  const row = await findObjectRow(db, objectId)
  if (!row) throw objectNotFound(objectId)
  requireEditor(actor, row)

  const type = await detectFileType(input.bytes)
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  let format: DocumentFormat
  let checks: UploadCheck[]
  let text: string | null = null
  if (type === 'pdf') {
    format = 'pdf'
    const report = await inspectPdf(input.bytes)
    checks = report.checks.map(toUploadCheck)
    if (extension !== 'pdf') {
      throw new DocumentRejectedError('A PDF must be named .pdf', 'portal.error.extension', {
        type: 'PDF',
        extension: extension ?? '',
      })
    }
    if (!report.ok) {
      throw new DocumentRejectedError('The PDF is not PDF/A-1', 'portal.error.notPdfA', {}, checks)
    }
  } else if (type === 'docx') {
    format = 'docx'
    const report = await inspectDocx(input.bytes)
    checks = report.messages.map((m, i) => ({
      id: `docx-${i + 1}`,
      passed: m.type !== 'error',
      messageKey: m.messageKey,
      params: m.params,
    }))
    if (report.ok) {
      checks.unshift({
        id: 'docx-text',
        passed: true,
        messageKey: 'portal.upload.docxText',
        params: { words: report.wordCount, paragraphs: report.paragraphs },
      })
    }
    if (extension !== 'docx') {
      throw new DocumentRejectedError('A DOCX must be named .docx', 'portal.error.extension', {
        type: 'DOCX',
        extension: extension ?? '',
      })
    }
    if (!report.ok) {
      throw new DocumentRejectedError('The DOCX cannot be read', 'portal.error.badDocx', {}, checks)
    }
    text = report.text
  } else {
    throw new DocumentRejectedError(
      `The file is ${type === 'zip' ? 'a ZIP archive, not a Word document' : 'neither a PDF nor a DOCX'}`,
      type === 'zip' ? 'portal.error.zipNotDocx' : 'portal.error.fileType',
      {},
    )
  }

  // Content-addressed: storing the same bytes twice keeps one file; a file stored for an
  // upload whose transaction then fails is unreferenced, never half-recorded.
  const stored = await store.put(input.bytes)
  let documentId = 0
  const revision = await changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'document.uploaded', details: { item, format, name, sha256: stored.sha256 } },
    async (trx, _row, at) => {
      await trx
        .updateTable('portal_document')
        .set({ replaced_at: at, replaced_by: actor.userId })
        .where('object_id', '=', objectId)
        .where('kind', '=', item)
        .where('format', '=', format)
        .where('replaced_at', 'is', null)
        .execute()
      const inserted = await trx
        .insertInto('portal_document')
        .values({
          object_id: objectId,
          kind: item,
          format,
          sha256: stored.sha256,
          size: stored.size,
          original_name: name,
          report: JSON.stringify({ checks }),
          text,
          uploaded_at: at,
          uploaded_by: actor.userId,
          replaced_at: null,
          replaced_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      documentId = inserted.id
    },
  )
  return { documentId, format, revision, checks }
}

function toUploadCheck(check: {
  id: string
  passed: boolean
  messageKey: string
  params?: Record<string, string | number>
}): UploadCheck {
  return {
    id: check.id,
    passed: check.passed,
    messageKey: check.messageKey,
    params: check.params ?? {},
  }
}

/** Removes an item's file from the object (the record is kept as replaced). */
export function removeDocument(
  db: Db,
  actor: Actor,
  objectId: number,
  expectedRevision: number | undefined,
  documentId: number,
): Promise<number> {
  return changeObject(
    db,
    actor,
    objectId,
    expectedRevision,
    { kind: 'document.removed', details: { documentId } },
    async (trx, _row, at) => {
      const result = await trx
        .updateTable('portal_document')
        .set({ replaced_at: at, replaced_by: actor.userId })
        .where('id', '=', documentId)
        .where('object_id', '=', objectId)
        .where('replaced_at', 'is', null)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) {
        throw new InputError('No such document', 'portal.error.noDocument')
      }
    },
  )
}

export interface DocumentFile {
  id: number
  item: number
  format: DocumentFormat
  originalName: string
  sha256: string
  size: number
  uploadedAt: string
  checks: UploadCheck[]
  text: string | null
}

/**
 * A document's record as `actor` may see it: the owner and the overseers, and only documents of
 * the revision they see (an owner's newer upload stays hidden from the reviewer until submitted).
 */
export async function getDocument(
  db: Db,
  actor: Actor,
  objectId: number,
  documentId: number,
): Promise<DocumentFile> {
  const row = await findObjectRow(db, objectId)
  if (!row) throw objectNotFound(objectId)
  const revision = requireVisible(actor, row)
  const notFound = () =>
    new NotFoundError(`No document ${documentId}`, 'portal.error.noDocument', {})
  if (!canReadDocuments(actor, row)) throw notFound()
  const snapshot = await readRevision(db, objectId, revision)
  if (!snapshot.documents.some((d) => d.id === documentId)) throw notFound()
  const doc = await db
    .selectFrom('portal_document')
    .selectAll()
    .where('id', '=', documentId)
    .where('object_id', '=', objectId)
    .executeTakeFirst()
  if (!doc) throw notFound()
  return {
    id: doc.id,
    item: doc.kind,
    format: doc.format as DocumentFormat,
    originalName: doc.original_name,
    sha256: doc.sha256,
    size: doc.size,
    uploadedAt: doc.uploaded_at,
    checks: (JSON.parse(doc.report) as { checks: UploadCheck[] }).checks,
    text: doc.text,
  }
}

/** The bytes of a document the actor may read. */
export async function readDocumentBytes(
  db: Db,
  store: FileStore,
  actor: Actor,
  objectId: number,
  documentId: number,
): Promise<{ document: DocumentFile; bytes: Uint8Array }> {
  const document = await getDocument(db, actor, objectId, documentId)
  return { document, bytes: await store.get(document.sha256) }
}
