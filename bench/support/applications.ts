/**
 * @module
 * What the e-services benchmark and the soak test both need: applicants' IINs and a valid
 * application of the archival-certificate service, made from its definition.
 */
import { binCheckDigit } from '../../src/auth/index.js'
import { serviceDefinition } from '../../src/services/index.js'
import { TINY_PDF } from '../../test/support/services.js'

/** The service both drive: free of charge, so no payment step. */
export const SERVICE_CODE = 'archival-certificate'

export /** A valid IIN (born 1988-02-01, a man of the 20th century) with serial `n`. */
function generatedIin(n: number): string {
  for (let serial = n; ; serial += 1000) {
    const first11 = `8802013${String(serial % 10_000).padStart(4, '0')}`
    const check = binCheckDigit(first11)
    if (check >= 0) return `${first11}${check}`
  }
}

/** A valid form of the service from its definition's fields, and its required attachments. */
export function archivalCertificateApplication(): {
  form: Record<string, string>
  attachments: { slot: string; name: string; contentBase64: string }[]
} {
  const definition = serviceDefinition(SERVICE_CODE)
  if (!definition) throw new Error(`no service ${SERVICE_CODE}`)
  if (definition.payment.required) throw new Error(`${SERVICE_CODE} now needs a payment`)
  const known: Record<string, string> = {
    subject: 'Жұмыс өтілі туралы мәліметтер: «Алматы қант» АҚ, 1998–2004 жылдар',
    period: '1998–2004',
    archive: 'Алматы облысының мемлекеттік мұрағаты',
    purpose: 'Зейнетақы тағайындау үшін',
  }
  const form: Record<string, string> = {}
  for (const field of definition.form.fields) {
    const value =
      known[field.id] ??
      (field.type === 'date'
        ? '2024-05-17'
        : field.type === 'number'
          ? '3'
          : field.type === 'select'
            ? (field.options?.[0]?.value ?? '')
            : 'Тексеру мәтіні')
    form[field.id] = value.slice(0, field.maxLength ?? value.length)
  }
  const attachments = definition.form.attachments
    .filter((a) => a.required)
    .map((a) => ({
      slot: a.id,
      name: `${a.id}.pdf`,
      contentBase64: Buffer.from(TINY_PDF).toString('base64'),
    }))
  return { form, attachments }
}
