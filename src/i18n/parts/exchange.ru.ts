/**
 * @module
 * Russian texts: Exchange formats (ArchiMate, Backstage) of the catalogue and the akimat architectures.
 */
import type { exchangeEn } from './exchange.en.js'

export const exchangeRu: Record<keyof typeof exchangeEn, string> = {
  'exchange.model.name': 'Типовая архитектура «электронного акимата» на {at}',
  'exchange.model.documentation':
    'Типовая архитектура «электронного акимата», действующая на {at}, прочитанная из нормативных правовых актов: уровни (разделы), группы функций и функции, информационные системы, которые их обслуживают, используемые ими информационные ресурсы и ответственные подразделения. Каждая функция сохраняет свой акт, раздел, номер строки и строки текста.',
  'exchange.folder.functions': 'Функции',
  'exchange.folder.systems': 'Информационные системы',
  'exchange.folder.resources': 'Информационные ресурсы',
  'exchange.folder.units': 'Ответственные подразделения',
  'exchange.property.asAt': 'По состоянию на',
  'exchange.property.row': 'Строка каталога',
  'exchange.property.act': 'Акт',
  'exchange.property.architecture': 'Архитектура (акт)',
  'exchange.property.section': 'Раздел',
  'exchange.property.number': 'Номер строки',
  'exchange.property.lines': 'Строки акта',
  'exchange.property.validFrom': 'Действует с',
  'exchange.property.validTo': 'Действует до (не включая)',
  'exchange.property.level': 'Уровень автоматизации {level}',
  'exchange.property.flags': 'Отметки при чтении',
  'exchange.property.systemId': 'Идентификатор системы в каталоге',
  'exchange.property.aliases': 'Также напечатано как',
  'exchange.backstage.akimat': 'Местный исполнительный орган (акимат)',
  'exchange.backstage.egovernment': 'Электронное правительство',
  'exchange.download': 'Весь каталог на {at}, для средств моделирования:',
  'exchange.download.archimate': 'ArchiMate (XML)',
  'exchange.download.backstage': 'Backstage (YAML)',
  'exchange.error.format':
    'Неизвестный формат обмена «{value}»: используйте archimate или backstage.',
}
