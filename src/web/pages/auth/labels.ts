/**
 * @module
 * How organisations, roles and times of the auth module are shown.
 */
import type { Organisation, OrganisationKind, Role } from '../../../auth/index.js'
import type { Language, MessageKey, Translator } from '../../../i18n/index.js'

/** The organisation's name in the interface language (Russian for English: there is no English name). */
export function organisationName(organisation: Organisation, language: Language): string {
  return language === 'kk' ? organisation.nameKk : organisation.nameRu
}

export function roleName(t: Translator, role: Role): string {
  return t(`auth.role.${role}` as MessageKey)
}

export function organisationKindName(t: Translator, kind: OrganisationKind): string {
  return t(`auth.kind.${kind}` as MessageKey)
}

/** A time of day as HH:MM in Kazakhstan (Asia/Almaty), e.g. for "locked until". */
export function timeOfDay(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Almaty',
  }).format(new Date(iso))
}
