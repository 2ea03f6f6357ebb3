/**
 * @module
 * Kazakh texts: Exchange formats (ArchiMate, Backstage) of the catalogue and the akimat architectures.
 */
import type { exchangeEn } from './exchange.en.js'

export const exchangeKk: Record<keyof typeof exchangeEn, string> = {
  'exchange.model.name': '«Электрондық әкімдіктің» үлгілік архитектурасы, {at} жағдай бойынша',
  'exchange.model.documentation':
    '«Электрондық әкімдіктің» үлгілік архитектурасы, {at} күні қолданыстағы нормативтік құқықтық актілерден оқылған: деңгейлер (бөлімдер), функциялар топтары мен функциялар, оларға қызмет көрсететін ақпараттық жүйелер, олар пайдаланатын ақпараттық ресурстар және жауапты бөлімшелер. Әр функция өзінің актісін, бөлімін, жол нөмірін және жолдарын сақтайды.',
  'exchange.folder.functions': 'Функциялар',
  'exchange.folder.systems': 'Ақпараттық жүйелер',
  'exchange.folder.resources': 'Ақпараттық ресурстар',
  'exchange.folder.units': 'Жауапты бөлімшелер',
  'exchange.property.asAt': 'Жағдай бойынша күні',
  'exchange.property.row': 'Каталог жолы',
  'exchange.property.act': 'Акт',
  'exchange.property.architecture': 'Архитектура (акт)',
  'exchange.property.section': 'Бөлім',
  'exchange.property.number': 'Жол нөмірі',
  'exchange.property.lines': 'Акт жолдары',
  'exchange.property.validFrom': 'Қолданылу басы',
  'exchange.property.validTo': 'Қолданылу соңы (қоса алмағанда)',
  'exchange.property.level': '{level}-автоматтандыру деңгейі',
  'exchange.property.flags': 'Оқу белгілері',
  'exchange.property.systemId': 'Каталогтағы жүйе идентификаторы',
  'exchange.property.aliases': 'Басқаша жазылуы',
  'exchange.backstage.akimat': 'Жергілікті атқарушы орган (әкімдік)',
  'exchange.backstage.egovernment': 'Электрондық үкімет',
  'exchange.download': 'Бүкіл каталог {at} жағдай бойынша, модельдеу құралдары үшін:',
  'exchange.download.archimate': 'ArchiMate (XML)',
  'exchange.download.backstage': 'Backstage (YAML)',
  'exchange.error.format':
    '"{value}" алмасу пішімі белгісіз: archimate немесе backstage қолданыңыз.',
}
