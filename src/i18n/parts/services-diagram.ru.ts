import type { servicesDiagramEn } from './services-diagram.en.js'

/** Russian texts of the service process diagrams. */
export const servicesDiagramRu: Record<keyof typeof servicesDiagramEn, string> = {
  'services.diagram.title': '{service}: {channel}',
  'services.diagram.desc':
    'Шаги регламента ({count}) сверху вниз в порядке акта, по столбцу на каждого участника: {steps}.',
  'services.diagram.yes': 'да',
  'services.diagram.no': 'нет',
  'services.diagram.refusal': 'отказ',
  'services.diagram.result': 'результат',
  'services.diagram.legend.process': 'процесс',
  'services.diagram.legend.condition': 'условие',
  'services.diagram.legend.path': 'путь заявки',
  'services.diagram.seconds': '{n} сек',
  'services.diagram.minutes': '{n} мин',
  'services.diagram.workingDays': '{n} раб. дн.',
  'services.diagram.channel.portal': 'через веб-портал «электронного правительства»',
  'services.diagram.channel.desk': 'через услугодателя',
  'services.diagram.channel.service-centre': 'через центр обслуживания населения',
  'services.diagram.actor.recipient': 'Услугополучатель',
  'services.diagram.actor.portal': 'ПЭП',
  'services.diagram.actor.gateway': 'ШЭП',
  'services.diagram.actor.payment-gateway': 'ПШЭП',
  'services.diagram.actor.provider-system': 'АРМ услугодателя',
  'services.diagram.actor.provider-employee': 'Сотрудник услугодателя',
  'services.diagram.actor.authorised-person': 'Уполномоченное лицо услугодателя',
  'services.diagram.actor.centre-operator': 'Оператор ЦОН',
  'services.diagram.actor.state-databases': 'ГБД ФЛ / ГБД ЮЛ',
  'services.diagram.actor.notary-system': 'ЕНИС',
}
