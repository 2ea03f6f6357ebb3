/**
 * @module
 * The columns of the registry download (CSV/XLSX), in the interface language.
 */
import type { Organisation } from '../../../auth/index.js'
import type { Column } from '../../../catalog/index.js'
import type { Language, Translator } from '../../../i18n/index.js'
import type { ObjectListEntry } from '../../../portal/index.js'
import { organisationName } from './frame.js'

export function objectColumns(
  t: Translator,
  language: Language,
  orgs: Map<number, Organisation>,
): Column<ObjectListEntry>[] {
  return [
    { header: t('portal.column.code'), value: (e) => e.code ?? '', width: 22 },
    { header: t('portal.field.nameKk'), value: (e) => e.nameKk, width: 50, wrap: true },
    { header: t('portal.field.nameRu'), value: (e) => e.nameRu, width: 50, wrap: true },
    { header: t('portal.field.kind'), value: (e) => t(`portal.kind.${e.kind}`), width: 28 },
    {
      header: t('portal.column.owner'),
      value: (e) => organisationName(orgs.get(e.ownerOrganisationId), language),
      width: 40,
      wrap: true,
    },
    { header: 'BIN', value: (e) => orgs.get(e.ownerOrganisationId)?.bin ?? '', width: 14 },
    { header: t('portal.field.stage'), value: (e) => t(`portal.stage.${e.stage}`), width: 24 },
    { header: t('portal.field.stageSince'), value: (e) => e.stageSince, width: 12 },
    {
      header: t('portal.filter.state'),
      value: (e) => t(`portal.state.${e.reviewState}`),
      width: 22,
    },
    {
      header: t('portal.column.deadline'),
      value: (e) => e.reviewDueOn ?? e.updateDueOn ?? '',
      width: 12,
    },
    { header: t('portal.column.overdue'), value: (e) => (e.overdue ? '1' : ''), width: 8 },
    { header: t('portal.field.functions'), value: (e) => e.functions, width: 10 },
    { header: t('portal.field.documents'), value: (e) => e.documents, width: 10 },
    { header: t('portal.field.purpose'), value: (e) => e.purpose, width: 60, wrap: true },
  ]
}
