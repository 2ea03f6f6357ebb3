/**
 * @module
 * The e-services' downloads: attachments, the exact data to sign, result documents. File names
 * are made by the server (the application number) or cleaned by `contentDisposition`; every
 * download is an attachment, never sniffed, never cached by shared caches.
 */
import type { Context } from 'hono'
import { contentDisposition } from '../../../files/index.js'
import type { AppEnv } from '../../context.js'

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

function privateFile(c: Context<AppEnv>, type: string, disposition: string): void {
  c.header('Content-Type', type)
  c.header('Content-Disposition', disposition)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Cache-Control', 'private, no-store')
}

/** An attachment as uploaded (its type checked by content when it was stored). */
export function sendAttachment(
  c: Context<AppEnv>,
  file: { bytes: Uint8Array; originalName: string; fileType: string },
): Response {
  privateFile(
    c,
    TYPES[file.fileType] ?? 'application/octet-stream',
    contentDisposition(file.originalName),
  )
  return c.body(new Uint8Array(file.bytes))
}

/** The exact bytes to sign (UTF-8 text), as `<number>-data-to-sign.txt`. */
export function sendDataToSign(c: Context<AppEnv>, number: string, data: string): Response {
  privateFile(c, 'text/plain; charset=utf-8', contentDisposition(`${number}-data-to-sign.txt`))
  return c.body(new TextEncoder().encode(data))
}

/** A result or refusal document (PDF). */
export function sendResultPdf(
  c: Context<AppEnv>,
  document: { bytes: Uint8Array; fileName: string },
): Response {
  privateFile(c, 'application/pdf', contentDisposition(document.fileName))
  return c.body(new Uint8Array(document.bytes))
}

/** A result's detached CMS signature (DER), to check the PDF with any CMS tool. */
export function sendSignature(
  c: Context<AppEnv>,
  signature: { bytes: Uint8Array; fileName: string },
): Response {
  privateFile(c, 'application/pkcs7-signature', contentDisposition(signature.fileName))
  return c.body(new Uint8Array(signature.bytes))
}
