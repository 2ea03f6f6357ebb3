/**
 * @module
 * English texts: Exchange formats (ArchiMate, Backstage) of the catalogue and the akimat architectures. Keys are defined here; exchange.kk.ts and exchange.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const exchangeEn = {
  'exchange.model.name': 'Typical architecture of the e-akimat as at {at}',
  'exchange.model.documentation':
    'The typical architecture of the e-akimat as in force on {at}, read from the legal acts: levels (sections), groups of functions and functions, the information systems that serve them, the information resources they use and the units responsible for them. Every function keeps its act, section, row number and lines.',
  'exchange.folder.functions': 'Functions',
  'exchange.folder.systems': 'Information systems',
  'exchange.folder.resources': 'Information resources',
  'exchange.folder.units': 'Responsible units',
  'exchange.property.asAt': 'As at',
  'exchange.property.row': 'Catalogue row',
  'exchange.property.act': 'Act',
  'exchange.property.architecture': 'Architecture (act)',
  'exchange.property.section': 'Section',
  'exchange.property.number': 'Row number',
  'exchange.property.lines': 'Lines of the act',
  'exchange.property.validFrom': 'Valid from',
  'exchange.property.validTo': 'Valid until (exclusive)',
  'exchange.property.level': 'Automation level {level}',
  'exchange.property.flags': 'Reading notes',
  'exchange.property.systemId': 'Catalogue system id',
  'exchange.property.aliases': 'Also printed as',
  'exchange.backstage.akimat': 'Local executive body (akimat)',
  'exchange.backstage.egovernment': 'E-government',
  'exchange.download': 'The whole catalogue as at {at}, for modelling tools:',
  'exchange.download.archimate': 'ArchiMate (XML)',
  'exchange.download.backstage': 'Backstage (YAML)',
  'exchange.error.format': 'Unknown exchange format "{value}": use archimate or backstage.',
} as const
