/**
 * @module
 * From an Appendix 1 row of the application pattern to a service definition the e-services
 * engine runs: the name is the row's function as printed, the registries are the row's
 * information resources, the steps and roles are the pattern's (intake on the portal → signature
 * → registration → the employee's review and decision → the authorised person's approval and
 * signed notice, or a reasoned refusal), and the time limits are defaults an administrator
 * changes. The result is checked by the same schema and cross-checks as the hand-written
 * definitions (`parseServiceDefinition`).
 */
import type { CatalogAct, CatalogRow } from '../catalog/index.js'
import { InputError } from '../core/index.js'
import type { ServiceDefinition } from '../services/index.js'

type Text = { kk: string; ru: string; en: string }

/** A form field an administrator configures. */
export interface FieldConfig {
  id: string
  type: 'text' | 'textarea' | 'date' | 'number'
  label: Text
  required: boolean
  maxLength?: number
}

/** How an akimat configured one function's automation (stored as JSON, versioned by events). */
export interface AutomationConfig {
  /** The service's name where the administrator gave one; otherwise the function as printed. */
  name: Partial<Text>
  fields: FieldConfig[]
  /** Whether the applicant may attach a supporting document, and whether it is required. */
  attachment: 'none' | 'optional' | 'required'
  /** Working days for the employee's decision (step C3) and for the signed notice (P8). */
  decisionDays: number
  issueDays: number
  /** The service term in working days (counts from registration; shown to applicants). */
  termDays: number
  recipientTypes: ('individual' | 'legal-entity')[]
  /** Roles of the akimat that may write records into its registries. */
  writerRoles: ('operator' | 'editor' | 'admin' | 'signer')[]
}

export const WRITER_ROLES = ['operator', 'editor', 'admin', 'signer'] as const

/** The defaults of a newly switched-on function. */
export function defaultConfig(): AutomationConfig {
  return {
    name: {},
    fields: [
      {
        id: 'subject',
        type: 'textarea',
        label: {
          kk: 'Өтініштің мәні',
          ru: 'Суть заявления',
          en: 'What you apply for',
        },
        required: true,
        maxLength: 2000,
      },
      {
        id: 'phone',
        type: 'text',
        label: { kk: 'Байланыс телефоны', ru: 'Контактный телефон', en: 'Contact phone' },
        required: false,
        maxLength: 30,
      },
    ],
    attachment: 'optional',
    decisionDays: 5,
    issueDays: 2,
    termDays: 10,
    recipientTypes: ['individual'],
    writerRoles: ['operator', 'editor', 'admin'],
  }
}

/** The printed function as a name: the first letter capitalised, nothing else changed. */
export function functionName(row: CatalogRow): string {
  const text = row.function.trim()
  return text.charAt(0).toLocaleUpperCase(row.language === 'ru' ? 'ru' : 'kk') + text.slice(1)
}

/** The code of the service generated for an akimat's function (stable across versions). */
export const generatedServiceCode = (organisationId: number, row: CatalogRow) =>
  `ea-${organisationId}-${row.architecture}-${row.section}-${row.number}`

/**
 * The application-number prefix of an automation's service: four letters from its id (EAAA for
 * the first, EAAB…, then FAAA…), so that two akimats switching on at once never share one. The
 * hand-written services' prefixes (APS, ARC, SMI) start with A and S, which are not used.
 */
export function generatedNumberPrefix(automationId: number): string {
  const n = automationId - 1
  if (!Number.isInteger(n) || n < 0 || n >= FIRST_LETTERS.length * 26 ** 3) {
    throw new InputError(
      `No application-number prefix is left for automation ${automationId}`,
      'automation.error.prefixes',
    )
  }
  const first = FIRST_LETTERS[Math.floor(n / 26 ** 3)]
  const rest = n % 26 ** 3
  const letters = [Math.floor(rest / 676), Math.floor(rest / 26) % 26, rest % 26]
  return `${first}${letters.map((i) => String.fromCharCode(65 + i)).join('')}`
}

/** First letters of generated prefixes: E… onwards, without S (the files' SMI). */
const FIRST_LETTERS = 'EFGHIJKLMNOPQRTUVWXYZ'

const limitDays = (days: number) => ({
  printed: `${days} жұмыс күні`,
  workingDays: days,
})

/**
 * The definition of the service for a row. `version` is the next version of the code, `prefix`
 * the number prefix reserved for it, `act` the row's act.
 */
export function generateServiceDefinition(input: {
  row: CatalogRow
  act: CatalogAct | undefined
  organisationId: number
  organisationName: Text
  config: AutomationConfig
  version: number
  prefix: string
  functionKey: string
}): ServiceDefinition {
  const { row, config } = input
  const printed = functionName(row)
  const lines: [number, number] = [row.lines[0], Math.max(row.lines[0], row.lines[1])]
  const named = [config.name.kk, config.name.ru, config.name.en].some((n) => n?.trim())
  const name = {
    kk: config.name.kk?.trim() || printed,
    ru: config.name.ru?.trim() || printed,
    en: config.name.en?.trim() || printed,
    lines,
    // The function as printed, unless the administrator named the service.
    source: named ? ('translation' as const) : ('act' as const),
  }
  const text = (kk: string) => ({ kk, lines })
  const label = (kk: string, ru: string, en: string) => ({ kk, ru, en })
  const year = input.act?.date?.slice(0, 4) ?? '0000'
  const definition = {
    code: generatedServiceCode(input.organisationId, row),
    numberPrefix: input.prefix,
    version: input.version,
    act: {
      id: row.act,
      file: `${year}-${row.act}-${row.language}`,
      appendix: 1,
      lines,
      status: 'in-force' as const,
    },
    name,
    providers: [{ ...input.organisationName, lines, source: 'translation' as const }],
    standard: text(
      `«${printed}» — ${row.architecture}:${row.section}.${row.number} (Appendix 1; ${
        row.approach?.trim() ? row.approach.trim().slice(0, 300) : (row.group ?? '')
      })`,
    ),
    automation: 'full' as const,
    type: 'transactional' as const,
    recipientTypes: config.recipientTypes,
    portalAuthentication: 'iin-and-password' as const,
    payment: { required: false },
    form: {
      fields: config.fields.map((f) => ({
        id: f.id,
        type: f.type,
        label: f.label,
        required: f.required,
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
      })),
      attachments:
        config.attachment === 'none'
          ? []
          : [
              {
                id: 'supportingDocument',
                label: label('Растайтын құжат', 'Подтверждающий документ', 'Supporting document'),
                required: config.attachment === 'required',
                types: ['pdf', 'jpeg', 'png'] as ('pdf' | 'jpeg' | 'png')[],
              },
            ],
      lines,
    },
    channels: {
      portal: {
        diagram: 1,
        paragraph: { number: 9, lines },
        steps: [
          {
            id: 'P1',
            kind: 'process' as const,
            actor: 'recipient' as const,
            action: 'sign-in' as const,
            text: text('Алушы порталда тіркеледі (ЖСН және пароль)'),
            label: label('Кіру', 'Вход', 'Sign in'),
            next: 'C1',
          },
          {
            id: 'C1',
            kind: 'condition' as const,
            actor: 'portal' as const,
            action: 'check-credentials' as const,
            text: text('Тіркелгі деректерін тексеру'),
            label: label('Кіруді тексеру', 'Проверка входа', 'Check sign-in'),
            onPass: 'P3',
            onFail: 'P2',
          },
          {
            id: 'P2',
            kind: 'process' as const,
            actor: 'portal' as const,
            action: 'refuse' as const,
            text: text('Кіруден бас тарту'),
            label: label('Кіруден бас тарту', 'Отказ во входе', 'Sign-in refused'),
            reason: 'sign-in' as const,
          },
          {
            id: 'P3',
            kind: 'process' as const,
            actor: 'recipient' as const,
            action: 'fill-form' as const,
            text: text('Өтінішті толтыру және құжаттарды тіркеу (өтініштерді қабылдау)'),
            label: label('Өтінішті толтыру', 'Заполнение заявления', 'Fill in the application'),
            next: 'P4',
          },
          {
            id: 'P4',
            kind: 'process' as const,
            actor: 'recipient' as const,
            action: 'sign' as const,
            text: text('Өтінішке ЭЦҚ қою және жіберу'),
            label: label('Қол қою және жіберу', 'Подписание и отправка', 'Sign and send'),
            next: 'C2',
          },
          {
            id: 'C2',
            kind: 'condition' as const,
            actor: 'portal' as const,
            action: 'check-signature' as const,
            text: text('ЭЦҚ тексеру'),
            label: label('Қолтаңбаны тексеру', 'Проверка подписи', 'Check the signature'),
            onPass: 'P6',
            onFail: 'P5',
          },
          {
            id: 'P5',
            kind: 'process' as const,
            actor: 'portal' as const,
            action: 'refuse' as const,
            text: text('ЭЦҚ расталмауына байланысты бас тарту'),
            label: label(
              'Бас тарту: қолтаңба расталмады',
              'Отказ: подпись не подтверждена',
              'Refused: signature not confirmed',
            ),
            reason: 'signature' as const,
          },
          {
            id: 'P6',
            kind: 'process' as const,
            actor: 'provider-system' as const,
            action: 'register' as const,
            text: text('Өтінішті өтініштер тізілімінде тіркеу'),
            label: label('Тіркеу', 'Регистрация', 'Register'),
            next: 'C3',
          },
          {
            id: 'C3',
            kind: 'condition' as const,
            actor: 'provider-employee' as const,
            action: 'check-grounds' as const,
            text: text('Өтінішті қарау және шешім жобасын құру'),
            label: label('Қарау және шешім', 'Рассмотрение и решение', 'Review and decision'),
            limit: limitDays(config.decisionDays),
            onPass: 'P8',
            onFail: 'P7',
          },
          {
            id: 'P7',
            kind: 'process' as const,
            actor: 'provider-system' as const,
            action: 'refuse' as const,
            text: text('Дәлелді бас тарту туралы хабарлама (хабарламалар тізілімі)'),
            label: label('Дәлелді бас тарту', 'Мотивированный отказ', 'Reasoned refusal'),
            reason: 'grounds' as const,
          },
          {
            id: 'P8',
            kind: 'process' as const,
            actor: 'authorised-person' as const,
            action: 'issue-result' as const,
            text: text('Шешімді келісу, қол қою және хабарлама беру (хабарламалар тізілімі)'),
            label: label(
              'Келісу және хабарлама',
              'Согласование и уведомление',
              'Approval and notice',
            ),
            limit: limitDays(config.issueDays),
          },
        ],
        result: {
          kind: 'notice' as const,
          title: {
            kk: `Шешім туралы хабарлама: ${name.kk}`,
            ru: `Уведомление о решении: ${name.ru}`,
            en: `Notice of decision: ${name.en}`,
            lines,
            source: 'translation' as const,
          },
          signedBy: 'authorised-person' as const,
        },
      },
    },
    help: {
      statusCheck: 'e-akimat: «Менің өтініштерім» бөлімі',
      callCentre: '1414',
      lines,
    },
    origin: {
      kind: 'generated' as const,
      functionKey: input.functionKey,
      organisationId: input.organisationId,
      pattern: 'application' as const,
    },
  }
  return definition as ServiceDefinition
}
