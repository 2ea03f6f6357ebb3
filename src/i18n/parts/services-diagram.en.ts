/**
 * English texts of the service process diagrams (`src/services/diagram.ts`); the keys are
 * defined here, and services-diagram.kk.ts / services-diagram.ru.ts must have every one.
 */
export const servicesDiagramEn = {
  'services.diagram.title': '{service}: {channel}',
  'services.diagram.desc':
    'The steps of the regulation ({count}) from top to bottom in the order of the act, one column per participant: {steps}.',
  'services.diagram.yes': 'yes',
  'services.diagram.no': 'no',
  'services.diagram.refusal': 'refusal',
  'services.diagram.result': 'result',
  'services.diagram.legend.process': 'process',
  'services.diagram.legend.condition': 'check',
  'services.diagram.legend.path': 'path of the application',
  'services.diagram.seconds': '{n} s',
  'services.diagram.minutes': '{n} min',
  'services.diagram.workingDays': '{n} working days',
  'services.diagram.channel.portal': 'through the e-government portal',
  'services.diagram.channel.desk': 'at the service provider',
  'services.diagram.channel.service-centre': 'through a population service centre',
  'services.diagram.actor.recipient': 'Recipient',
  'services.diagram.actor.portal': 'E-government portal',
  'services.diagram.actor.gateway': 'E-government gateway',
  'services.diagram.actor.payment-gateway': 'E-government payment gateway',
  'services.diagram.actor.provider-system': "Provider's workstation",
  'services.diagram.actor.provider-employee': "Provider's employee",
  'services.diagram.actor.authorised-person': "Provider's authorised person",
  'services.diagram.actor.centre-operator': 'Service centre operator',
  'services.diagram.actor.state-databases': 'State databases of individuals and legal entities',
  'services.diagram.actor.notary-system': 'Unified notary information system',
} as const
