/**
 * @module
 * Kazakh texts: security (sign-in rate limit, the security audit log, operations). Keys are defined in security.en.ts; security.kk.ts and security.ru.ts must have every one, with the same `{param}` placeholders.
 */
import type { securityEn } from './security.en.js'

export const securityKk: Record<keyof typeof securityEn, string> = {
  'security.requestId': 'Сұраныс идентификаторы (қате туралы хабарлағанда көрсетіңіз)',
  'security.rateLimit.message':
    'Сіздің желі мекенжайыңыздан сәтсіз кіру әрекеттері тым көп. {minutes} минуттан кейін қайталаңыз.',
  'security.audit.title': 'Қауіпсіздік журналы',
  'security.audit.intro':
    'Сәтсіз және қабылданбаған кірулер, тіркелгілерді бұғаттау, жиілік шегімен қабылданбаған кірулер, қолжетімділіктен бас тарту және қабылданбаған форма токендері, жаңасы бірінші, келген мекенжайымен. Оқиғалар {days} күн сақталады.',
  'security.audit.forbidden':
    'Қауіпсіздік журналын тек уәкілетті органның немесе сервистік интегратордың әкімшілері көреді.',
  'security.audit.link': 'Қауіпсіздік журналы',
  'security.audit.filter.kind': 'Оқиға',
  'security.audit.filter.allKinds': 'Барлық оқиғалар',
  'security.audit.filter.ip': 'Мекенжай',
  'security.audit.filter.from': 'Бастап (күні)',
  'security.audit.filter.to': 'Дейін (күні, қоса алғанда)',
  'security.audit.filter.apply': 'Көрсету',
  'security.audit.col.at': 'Уақыты (Астана)',
  'security.audit.col.kind': 'Оқиға',
  'security.audit.col.ip': 'Мекенжай',
  'security.audit.col.account': 'Тіркелгі',
  'security.audit.col.request': 'Сұрау',
  'security.audit.col.details': 'Толығырақ',
  'security.audit.kind.login.failed': 'Сәтсіз кіру',
  'security.audit.kind.login.locked': 'Бұғатталған тіркелгі',
  'security.audit.kind.login.rate-limited': 'Жиілік шегімен қабылданбады',
  'security.audit.kind.access.denied': 'Қолжетімділіктен бас тартылды',
  'security.audit.kind.csrf.rejected': 'Форма токені қабылданбады',
  'security.audit.user': 'пайдаланушы №{id}',
  'security.audit.person': 'өтініш беруші №{id}',
  'security.audit.empty': 'Сәйкес оқиғалар жоқ.',
  'security.audit.shown': '{total} оқиғаның {from}–{to}',
  'security.audit.newer': 'Жаңарақ',
  'security.audit.older': 'Ескірек',
  'security.deadline.reviewOverdue.subject': 'Қарау мерзімі өтті: {name}',
  'security.deadline.reviewOverdue.body':
    '«{name}» ақпараттандыру объектісін қарау мерзімі {due} болатын, шешім әлі жоқ.',
  'security.deadline.accountOverdue.subject': 'Есептік жазбаға өтінім мерзімі өтті: {organisation}',
  'security.deadline.accountOverdue.body':
    '{organisation} өтінімі бойынша шешім {due} дейін қабылдануы тиіс еді, өтінім әлі күтуде.',
  'security.text.bidi':
    'Атауда мәтін бағытын өзгертетін көрінбейтін таңбалар бар (мысалы, көшірілген мәтіннен). Оны оларсыз қайта теріңіз.',
}
