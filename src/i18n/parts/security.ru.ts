/**
 * @module
 * Russian texts: security (sign-in rate limit, the security audit log, operations). Keys are defined in security.en.ts; security.kk.ts and security.ru.ts must have every one, with the same `{param}` placeholders.
 */
import type { securityEn } from './security.en.js'

export const securityRu: Record<keyof typeof securityEn, string> = {
  'security.requestId': 'Идентификатор запроса (укажите его, сообщая об ошибке)',
  'security.rateLimit.message':
    'Слишком много неудачных попыток входа с вашего сетевого адреса. Повторите через {minutes} мин.',
  'security.audit.title': 'Журнал безопасности',
  'security.audit.intro':
    'Неудачные и отклонённые входы, блокировки учётных записей, входы, отклонённые ограничением частоты, отказы в доступе и отклонённые токены форм, сначала новые, с адресом, откуда пришёл запрос. События хранятся {days} дней.',
  'security.audit.forbidden':
    'Журнал безопасности видят только администраторы уполномоченного органа или сервисного интегратора.',
  'security.audit.link': 'Журнал безопасности',
  'security.audit.filter.kind': 'Событие',
  'security.audit.filter.allKinds': 'Все события',
  'security.audit.filter.ip': 'Адрес',
  'security.audit.filter.from': 'С (дата)',
  'security.audit.filter.to': 'По (дата, включительно)',
  'security.audit.filter.apply': 'Показать',
  'security.audit.col.at': 'Время (Астана)',
  'security.audit.col.kind': 'Событие',
  'security.audit.col.ip': 'Адрес',
  'security.audit.col.account': 'Учётная запись',
  'security.audit.col.request': 'Запрос',
  'security.audit.col.details': 'Подробности',
  'security.audit.kind.login.failed': 'Неудачный вход',
  'security.audit.kind.login.locked': 'Заблокированная учётная запись',
  'security.audit.kind.login.rate-limited': 'Отклонено ограничением частоты',
  'security.audit.kind.access.denied': 'Доступ запрещён',
  'security.audit.kind.csrf.rejected': 'Токен формы отклонён',
  'security.audit.user': 'пользователь №{id}',
  'security.audit.person': 'заявитель №{id}',
  'security.audit.empty': 'Подходящих событий нет.',
  'security.audit.shown': 'События {from}–{to} из {total}',
  'security.audit.newer': 'Новее',
  'security.audit.older': 'Старше',
  'security.deadline.reviewOverdue.subject': 'Срок рассмотрения истёк: {name}',
  'security.deadline.reviewOverdue.body':
    'Рассмотрение объекта информатизации «{name}» нужно было завершить до {due}, решения пока нет.',
  'security.deadline.accountOverdue.subject':
    'Срок по заявке на учётную запись истёк: {organisation}',
  'security.deadline.accountOverdue.body':
    'Заявку {organisation} нужно было рассмотреть до {due}, она всё ещё ждёт решения.',
  'security.text.bidi':
    'В названии есть невидимые символы направления текста (например, из скопированного текста). Введите его заново без них.',
}
