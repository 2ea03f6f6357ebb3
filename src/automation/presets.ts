/**
 * @module
 * The registries each pattern keeps (its level 1: the records Appendix 1 names first), and how a
 * row's printed information resources become registries of a service (applications,
 * notifications, recipients).
 */
import type { FieldConfig } from './generate.js'
import type { Pattern } from './patterns.js'

export type RegistryKind = 'records' | 'applications' | 'notifications' | 'recipients'
export const REGISTRY_KINDS: readonly RegistryKind[] = [
  'records',
  'applications',
  'notifications',
  'recipients',
]

export interface RegistryName {
  kk: string
  ru: string
  en: string
  /** The resource as the act prints it, when the registry is named in the row. */
  printed: string | null
}

export interface RegistryPreset {
  slot: string
  kind: RegistryKind
  name: RegistryName
  fields: FieldConfig[]
}

const field = (
  id: string,
  type: FieldConfig['type'],
  kk: string,
  ru: string,
  en: string,
  required = false,
): FieldConfig => ({
  id,
  type,
  label: { kk, ru, en },
  required,
  ...(type === 'text' ? { maxLength: 500 } : type === 'textarea' ? { maxLength: 4000 } : {}),
})

const TITLE = field('title', 'text', 'Атауы', 'Наименование', 'Title', true)
const DATE = field('date', 'date', 'Күні', 'Дата', 'Date')
const DETAILS = field('details', 'textarea', 'Сипаттамасы', 'Описание', 'Details')

/** The fields of a registry named in a row whose pattern keeps records. */
export const DEFAULT_FIELDS: FieldConfig[] = [TITLE, DATE, DETAILS]

const name = (kk: string, ru: string, en: string): RegistryName => ({ kk, ru, en, printed: null })

/** The registries of each pattern that keeps records, when the row names none. */
export const PATTERN_REGISTRIES: Record<Exclude<Pattern, 'application'>, RegistryPreset[]> = {
  registry: [],
  control: [
    {
      slot: 'subjects',
      kind: 'records',
      name: name(
        'Бақылау субъектілері мен объектілері',
        'Субъекты и объекты контроля',
        'Subjects and objects of control',
      ),
      fields: [
        field('name', 'text', 'Атауы', 'Наименование', 'Name', true),
        field('bin', 'text', 'БСН/ЖСН', 'БИН/ИИН', 'BIN/IIN'),
        field('address', 'text', 'Мекенжайы', 'Адрес', 'Address'),
        field('risk', 'text', 'Тәуекел дәрежесі', 'Степень риска', 'Degree of risk'),
      ],
    },
    {
      slot: 'plans',
      kind: 'records',
      name: name('Тексеру жоспарлары', 'Планы проверок', 'Inspection plans'),
      fields: [
        field('subject', 'text', 'Бақылау субъектісі', 'Субъект контроля', 'Subject', true),
        field('period', 'text', 'Кезеңі', 'Период', 'Period', true),
        field('kind', 'text', 'Тексеру түрі', 'Вид проверки', 'Kind of inspection'),
      ],
    },
    {
      slot: 'inspections',
      kind: 'records',
      name: name('Жүргізілген тексерулер', 'Проведённые проверки', 'Inspections held'),
      fields: [
        field('subject', 'text', 'Бақылау субъектісі', 'Субъект контроля', 'Subject', true),
        field('date', 'date', 'Күні', 'Дата', 'Date', true),
        field('result', 'textarea', 'Нәтижесі', 'Результат', 'Result'),
      ],
    },
    {
      slot: 'orders',
      kind: 'records',
      name: name('Берілген ұйғарымдар', 'Выданные предписания', 'Orders issued'),
      fields: [
        field('subject', 'text', 'Бақылау субъектісі', 'Субъект контроля', 'Subject', true),
        field('date', 'date', 'Күні', 'Дата', 'Date', true),
        field('content', 'textarea', 'Мазмұны', 'Содержание', 'Content'),
        field('deadline', 'date', 'Орындау мерзімі', 'Срок исполнения', 'Deadline'),
      ],
    },
  ],
  appeals: [
    {
      slot: 'appeals',
      kind: 'records',
      name: name('Жүгінулер', 'Обращения', 'Appeals'),
      fields: [
        field('applicant', 'text', 'Жүгінуші', 'Заявитель', 'Applicant', true),
        field('received', 'date', 'Түскен күні', 'Дата поступления', 'Received', true),
        field('subject', 'textarea', 'Мәні', 'Суть', 'Subject', true),
        field('answer', 'textarea', 'Жауап', 'Ответ', 'Answer'),
        field('answered', 'date', 'Жауап берілген күн', 'Дата ответа', 'Answered'),
      ],
    },
  ],
  meetings: [
    {
      slot: 'meetings',
      kind: 'records',
      name: name('Өткізілген мәжілістер', 'Проведённые заседания', 'Meetings held'),
      fields: [
        field('date', 'date', 'Күні', 'Дата', 'Date', true),
        field('subject', 'text', 'Күн тәртібі', 'Повестка', 'Agenda', true),
        field('participants', 'textarea', 'Қатысушылар', 'Участники', 'Participants'),
        field('minutes', 'textarea', 'Хаттама', 'Протокол', 'Minutes'),
      ],
    },
  ],
  'normative-acts': [
    {
      slot: 'acts',
      kind: 'records',
      name: name('Бекітілген НҚА', 'Принятые НПА', 'Normative acts adopted'),
      fields: [
        field('number', 'text', 'Нөмірі', 'Номер', 'Number', true),
        field('date', 'date', 'Күні', 'Дата', 'Date', true),
        field('title', 'text', 'Атауы', 'Наименование', 'Title', true),
        field('published', 'text', 'Жарияланған жері', 'Где опубликован', 'Published at'),
      ],
    },
  ],
  proposals: [
    {
      slot: 'proposals',
      kind: 'records',
      name: name('Әзірленген ұсыныстар', 'Разработанные предложения', 'Proposals drafted'),
      fields: [
        field('subject', 'text', 'Мәні', 'Суть', 'Subject', true),
        field('author', 'text', 'Әзірлеуші', 'Разработчик', 'Author'),
        field('date', 'date', 'Күні', 'Дата', 'Date'),
        field('status', 'text', 'Мәртебесі', 'Статус', 'Status'),
      ],
    },
  ],
  monitoring: [
    {
      slot: 'data',
      kind: 'records',
      name: name('Мониторинг деректері', 'Данные мониторинга', 'Monitoring data'),
      fields: [
        field('period', 'text', 'Кезең', 'Период', 'Period', true),
        field('indicator', 'text', 'Көрсеткіш', 'Показатель', 'Indicator', true),
        field('value', 'number', 'Мәні', 'Значение', 'Value'),
        field('source', 'text', 'Дереккөзі', 'Источник', 'Source'),
      ],
    },
  ],
}

/** The kind of a service's registry printed in a row: of applications, notices, or recipients. */
export function serviceRegistryKind(printed: string): Exclude<RegistryKind, 'records'> {
  const text = printed.toLocaleLowerCase('ru')
  if (/заявлени|өтініш|өтінім/.test(text)) return 'applications'
  if (/уведомлени|решени|хабарлама|шешім/.test(text)) return 'notifications'
  return 'recipients'
}

/** The registries of a generated service: the row's resources, or the three the pattern keeps. */
export function serviceRegistries(resources: readonly string[]): RegistryPreset[] {
  if (resources.length > 0) {
    return resources.map((printed, i) => ({
      slot: `r${i + 1}`,
      kind: serviceRegistryKind(printed),
      name: { kk: printed, ru: printed, en: printed, printed },
      fields: [],
    }))
  }
  return [
    {
      slot: 'applications',
      kind: 'applications',
      name: name('Өтініштер тізілімі', 'Реестр заявлений', 'Registry of applications'),
      fields: [],
    },
    {
      slot: 'notifications',
      kind: 'notifications',
      name: name('Хабарламалар тізілімі', 'Реестр уведомлений', 'Registry of notices'),
      fields: [],
    },
    {
      slot: 'recipients',
      kind: 'recipients',
      name: name('Алушылар тізілімі', 'Реестр получателей', 'Registry of recipients'),
      fields: [],
    },
  ]
}

/** The registries of a record-keeping pattern: the row's resources, or the pattern's own. */
export function recordRegistries(
  pattern: Exclude<Pattern, 'application'>,
  resources: readonly string[],
  functionText: string,
): RegistryPreset[] {
  if (resources.length > 0) {
    return resources.map((printed, i) => ({
      slot: `r${i + 1}`,
      kind: 'records' as const,
      name: { kk: printed, ru: printed, en: printed, printed },
      fields: DEFAULT_FIELDS,
    }))
  }
  const presets = PATTERN_REGISTRIES[pattern]
  if (presets.length > 0) return presets
  return [
    {
      slot: 'records',
      kind: 'records',
      name: { kk: functionText, ru: functionText, en: functionText, printed: null },
      fields: DEFAULT_FIELDS,
    },
  ]
}
