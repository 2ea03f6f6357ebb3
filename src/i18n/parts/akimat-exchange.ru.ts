/**
 * @module
 * Russian texts: Akimat architecture import and export (XLSX, CSV, ArchiMate, Backstage).
 */
import type { akimatExchangeEn } from './akimat-exchange.en.js'

export const akimatExchangeRu: Record<keyof typeof akimatExchangeEn, string> = {
  'akimat.exchange.error.tooLarge':
    'Размер файла {size} МиБ; принимается не более {limit} МиБ. Загрузите книгу в том виде, в каком она выгружена, без рисунков и лишних листов.',
  'akimat.exchange.error.notXlsx':
    'Это не книга Excel (XLSX), как бы ни назывался файл. Скачайте архитектуру в формате XLSX, заполните её и загрузите этот файл.',
  'akimat.exchange.error.notWorkbook':
    'Это архив ZIP или другой документ (например, Word), а не книга Excel (XLSX).',
  'akimat.exchange.error.unpacked':
    'В распакованном виде книга заняла бы {size} МиБ; читается не более {limit} МиБ. Загрузите книгу в том виде, в каком она выгружена.',
  'akimat.exchange.error.unreadable':
    'Книгу не удаётся прочитать ({detail}). Сохраните её заново в формате XLSX.',
  'akimat.exchange.error.noSheet':
    'В книге нет листа «{sheet}» (её листы: {sheets}). Загрузите книгу, выгруженную из e-akimat.',
  'akimat.exchange.error.columns':
    'На листе «{sheet}» нет столбцов {columns}. Их заголовки должны оставаться в первой строке, как при выгрузке.',
  'akimat.exchange.error.tooManyRows': 'На листе {count} строк; читается не более {limit}.',
  'akimat.exchange.error.noRows': 'На листе «{sheet}» нет строк для импорта.',
  'akimat.exchange.error.rejected':
    'В файле ошибок: {count}; ничего не сохранено. Исправьте указанные строки и загрузите файл снова.',
  'akimat.exchange.error.noFile': 'Выберите файл XLSX для загрузки.',
  'akimat.exchange.problem.keyMissing': 'В строке нет ключа функции (столбец «key»).',
  'akimat.exchange.problem.required': 'Ячейка пуста; заполните её.',
  'akimat.exchange.problem.performed': '«{value}» — ни yes (да), ни no (нет).',
  'akimat.exchange.problem.whole': '«{value}» — не целое число.',
  'akimat.exchange.problem.cellError': 'В ячейке ошибка {value}.',
  'akimat.exchange.problem.systemName':
    'В каталоге нет информационной системы с названием «{value}» (см. лист Systems).',
  'akimat.exchange.problem.systemAmbiguous':
    '«{value}» называет несколько систем ({ids}); укажите идентификатор системы.',
  'akimat.exchange.problem.systemMismatch':
    'Идентификатор системы {id} и название системы «{value}» не совпадают; измените или очистите одно из них.',
  'akimat.exchange.problem.objectCode': 'Нет доступного вам объекта реестра с кодом «{value}».',
  'akimat.exchange.problem.objectMismatch':
    'Номер объекта {id} и код объекта «{value}» не совпадают; измените или очистите одно из них.',
  'akimat.exchange.about.value': 'Значение',
  'akimat.exchange.about.nameKk': 'Акимат (на казахском)',
  'akimat.exchange.about.nameRu': 'Акимат (на русском)',
  'akimat.exchange.about.bin': 'БИН',
  'akimat.exchange.about.level': 'Уровень (region — область, district — район, rural — сельский)',
  'akimat.exchange.about.kato': 'Код КАТО',
  'akimat.exchange.about.typicalAt': 'Типовой набор в редакции на дату',
  'akimat.exchange.about.asOf': 'Решения по состоянию на',
  'akimat.exchange.about.exportedAt': 'Время выгрузки',
  'akimat.exchange.about.functions': 'Число функций',
  'akimat.exchange.about.howTo':
    'Как заполнять: на листе Architecture меняйте только жёлтые столбцы, по строке на функцию; не переименовывайте заголовки столбцов. Загрузите книгу на странице акимата «Импорт и экспорт»: каждая строка проверяется, и сохраняются либо все строки, либо, если хоть в одной есть ошибка, ни одной. Удалённые строки в e-akimat остаются без изменений.',
  'akimat.exchange.about.column': 'Столбец',
  'akimat.exchange.about.read': 'Читается при импорте',
  'akimat.exchange.about.read.yes': 'да',
  'akimat.exchange.about.read.no': 'нет',
  'akimat.exchange.about.read.fallback': 'если идентификатор пуст',
  'akimat.exchange.column.key':
    'Ключ функции: архитектура (акт), раздел и номер строки (158:1.27). Определяет строку.',
  'akimat.exchange.column.section':
    'Раздел приложения 1: 1 — областные, 2 — районные, 3 — сельские акиматы.',
  'akimat.exchange.column.number': 'Номер строки в разделе.',
  'akimat.exchange.column.group': 'Группа функций, как напечатано.',
  'akimat.exchange.column.function': 'Функция, как напечатано в акте.',
  'akimat.exchange.column.language': 'Язык, на котором напечатана строка (kk или ru).',
  'akimat.exchange.column.recommended':
    'Системы, названные в строке: по подпункту 1) пункта 9 их используют там, где они есть.',
  'akimat.exchange.column.printedLevels':
    'Уровни автоматизации, напечатанные в строке, с их текстом; если их нет, наивысший уровень — 1.',
  'akimat.exchange.column.performed': 'Выполняет ли акимат функцию: yes (да) или no (нет).',
  'akimat.exchange.column.systemId':
    'Информационная система каталога, которая её автоматизирует (идентификатор с листа Systems).',
  'akimat.exchange.column.systemName':
    'Название системы; читается, только если идентификатор системы пуст (название или иное написание).',
  'akimat.exchange.column.objectId':
    'Или объект реестра (обычно собственная система акимата), который её автоматизирует: его номер.',
  'akimat.exchange.column.objectCode':
    'Учётный код объекта; читается, только если номер объекта пуст.',
  'akimat.exchange.column.objectName': 'Название объекта на казахском (для чтения).',
  'akimat.exchange.column.level':
    'Достигнутый уровень автоматизации: 0 — не автоматизирована, наибольший — наивысший напечатанный уровень.',
  'akimat.exchange.column.targetLevel':
    'Уровень, выбранный целевым (подпункт 3) пункта 9), один из напечатанных; пусто — наивысший.',
  'akimat.exchange.column.note': 'Примечание (не более 2 000 знаков).',
  'akimat.exchange.column.status':
    'Статус по пункту 9 на момент выгрузки: not-performed, not-automated, non-recommended, below-level или ok.',
  'akimat.exchange.column.issues': 'Все найденные несоответствия, начиная с самого серьёзного.',
  'akimat.exchange.column.decidedAt': 'Когда записано решение (пусто — решения ещё не было).',
  'akimat.exchange.column.act': 'Акт, из которого прочитана редакция строки.',
  'akimat.exchange.column.lines': 'Строки акта, из которых прочитана строка.',
  'akimat.exchange.archimate.name': '{name}: архитектура (КАТО {kato})',
  'akimat.exchange.archimate.documentation':
    'Архитектура акимата по состоянию на {asOf}: выполняемые им функции типового набора в редакции на {typicalAt}, информационные системы и объекты реестра, которые их автоматизируют, и используемые ими информационные ресурсы.',
  'akimat.exchange.archimate.object': 'Объект реестра {id}',
  'akimat.exchange.property.key': 'Ключ функции',
  'akimat.exchange.property.level': 'Достигнутый уровень автоматизации',
  'akimat.exchange.property.targetLevel': 'Целевой уровень автоматизации',
  'akimat.exchange.property.status': 'Статус (пункт 9)',
  'akimat.exchange.property.kato': 'Код КАТО',
  'akimat.exchange.property.typicalAt': 'Типовой набор в редакции на дату',
  'akimat.exchange.property.asOf': 'Решения по состоянию на',
  'akimat.exchange.property.objectId': 'Номер объекта реестра',
  'akimat.exchange.property.objectCode': 'Учётный код',
  'akimat.exchange.backstage.registry': 'Владельцы объектов реестра',
  'akimat.exchange.pages.title': 'Импорт и экспорт',
  'akimat.exchange.pages.intro':
    'Скачайте архитектуру акимата, чтобы работать с ней в электронной таблице или в средстве моделирования; заполненную книгу загружают обратно редакторы акимата.',
  'akimat.exchange.pages.notAdopted':
    'Акимат ещё не принял типовой набор, поэтому выгружать нечего.',
  'akimat.exchange.pages.download.title': 'Скачать',
  'akimat.exchange.pages.download.xlsx':
    'Книга Excel (XLSX): лист для заполнения и обратной загрузки, со списком систем для выбора',
  'akimat.exchange.pages.download.csv': 'CSV (UTF-8), те же столбцы',
  'akimat.exchange.pages.download.archimate': 'Файл обмена моделями ArchiMate (XML)',
  'akimat.exchange.pages.download.backstage': 'Сущности каталога Backstage (catalog-info.yaml)',
  'akimat.exchange.pages.download.asOf':
    'В файлах — действующие сейчас решения и типовой набор в редакции на {typicalAt} (функций: {functions}).',
  'akimat.exchange.pages.upload.title': 'Загрузить заполненную книгу',
  'akimat.exchange.pages.upload.intro':
    'Читаются только жёлтые столбцы листа Architecture: performed (выполняет), system id (или название системы), object id (или код объекта), level (уровень), target level (целевой уровень) и note (примечание). Сохраняются либо все строки, либо, если хоть в одной есть ошибка, ни одной. Не более 5 МиБ и 5 000 строк.',
  'akimat.exchange.pages.upload.file': 'Книга (XLSX)',
  'akimat.exchange.pages.upload.submit': 'Загрузить и импортировать',
  'akimat.exchange.pages.upload.readOnly':
    'Загружать книгу могут только редакторы и администраторы акимата.',
  'akimat.exchange.pages.done':
    'Импортировано: прочитано строк — {rows}, изменено функций — {changed}.',
  'akimat.exchange.pages.problems.title': 'Книга не импортирована',
  'akimat.exchange.pages.problems.intro':
    'Найдено ошибок: {count}; ничего не сохранено. Исправьте эти строки и загрузите книгу снова.',
  'akimat.exchange.pages.problems.more': '… и ещё ошибок: {count}, в список не вошли.',
  'akimat.exchange.pages.column.row': 'Строка',
  'akimat.exchange.pages.column.column': 'Столбец',
  'akimat.exchange.pages.column.key': 'Функция',
  'akimat.exchange.pages.column.message': 'Ошибка',
}
