/**
 * @module
 * Sending the outbox by SMTP: a {@link MailTransport} over nodemailer, made from the SMTP_URL
 * (`smtp://USER:PASSWORD@HOST:587`, STARTTLS when the server offers it; `smtps://…:465` for TLS
 * from the start). Subjects and texts go as UTF-8 (nodemailer encodes the Kazakh and Russian
 * text). Links that the outbox keeps as site paths are made absolute with the site's address.
 */
import { createTransport } from 'nodemailer'
import type { MailTransport } from './notifications.js'

export interface SmtpTransportOptions {
  /** SMTP_URL: smtp://USER:PASSWORD@HOST:PORT or smtps://… */
  url: string
  /** The sender: `Name <address>` or an address. */
  from: string
  /** The site's public address (PUBLIC_URL), for links in the text; without it, paths stay as they are. */
  siteUrl?: string | null
}

/** A mail transport that can also be closed (for the server's shutdown). */
export interface ClosableMailTransport extends MailTransport {
  close(): void
}

/** Limits so that one unreachable server cannot hold a delivery round for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }

export function smtpTransport(options: SmtpTransportOptions): ClosableMailTransport {
  const transporter = createTransport({ url: options.url, ...TIMEOUTS })
  return {
    async send(message) {
      await transporter.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: absoluteLinks(message.text, options.siteUrl ?? null),
      })
    },
    close() {
      transporter.close()
    },
  }
}

/**
 * Turns each line that is a site path (`/account/activate?token=…`) into a full address on
 * `siteUrl`; other lines, and everything when `siteUrl` is null, stay as they are.
 * @example absoluteLinks('Open:\n/portal/account-requests/3', 'https://e-akimat.kz')
 */
export function absoluteLinks(text: string, siteUrl: string | null): string {
  if (!siteUrl) return text
  const base = siteUrl.replace(/\/+$/, '')
  return text
    .split('\n')
    .map((line) => (/^\/(?!\/)\S*$/.test(line) ? `${base}${line}` : line))
    .join('\n')
}
