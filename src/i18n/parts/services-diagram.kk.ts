import type { servicesDiagramEn } from './services-diagram.en.js'

/** Kazakh texts of the service process diagrams. */
export const servicesDiagramKk: Record<keyof typeof servicesDiagramEn, string> = {
  'services.diagram.title': '{service}: {channel}',
  'services.diagram.desc':
    'Регламент қадамдары ({count}) актідегі ретпен жоғарыдан төмен қарай, әр қатысушыға бір баған: {steps}.',
  'services.diagram.yes': 'иә',
  'services.diagram.no': 'жоқ',
  'services.diagram.refusal': 'бас тарту',
  'services.diagram.result': 'нәтиже',
  'services.diagram.legend.process': 'үдеріс',
  'services.diagram.legend.condition': 'шарт',
  'services.diagram.legend.path': 'өтінімнің жолы',
  'services.diagram.seconds': '{n} секунд',
  'services.diagram.minutes': '{n} минут',
  'services.diagram.workingDays': '{n} жұмыс күні',
  'services.diagram.channel.portal': '«электрондық үкіметтің» веб-порталы арқылы',
  'services.diagram.channel.desk': 'қызмет көрсетуші арқылы',
  'services.diagram.channel.service-centre': 'халыққа қызмет көрсету орталығы арқылы',
  'services.diagram.actor.recipient': 'Алушы',
  'services.diagram.actor.portal': 'ЭҮП',
  'services.diagram.actor.gateway': 'ЭҮШ',
  'services.diagram.actor.payment-gateway': 'ЭҮТШ',
  'services.diagram.actor.provider-system': 'Қызмет көрсетушінің АЖО',
  'services.diagram.actor.provider-employee': 'Қызмет көрсетуші қызметкері',
  'services.diagram.actor.authorised-person': 'Қызмет көрсетушінің уәкілетті тұлғасы',
  'services.diagram.actor.centre-operator': 'Орталықтың операторы',
  'services.diagram.actor.state-databases': 'ЖТ МДҚ / ЗТ МДҚ',
  'services.diagram.actor.notary-system': 'БНАЖ',
}
