/**
 * @module
 * Russian texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report.
 */
import type { akimatPagesEn } from './akimat-pages.en.js'

export const akimatPagesRu: Record<keyof typeof akimatPagesEn, string> = {
  'akimat.pages.list.title': 'Акиматы',
  'akimat.pages.list.who':
    'Вы видите свой акимат; акимат области видит и акиматы своей области (по коду КАТО), а сервисный интегратор и уполномоченный орган — все акиматы.',
  'akimat.pages.list.none': 'Доступных вам акиматов нет.',
  'akimat.pages.column.akimat': 'Акимат',
  'akimat.pages.column.level': 'Уровень',
  'akimat.pages.column.kato': 'Код КАТО',
  'akimat.pages.column.typicalAt': 'Типовой набор на дату',
  'akimat.pages.column.recommended': 'Рекомендованные системы',
  'akimat.pages.column.used': 'Использует акимат',
  'akimat.pages.column.levels': 'Достигнутый / целевой уровень',
  'akimat.pages.column.status': 'Статус',
  'akimat.pages.column.open': 'Страница функции',
  'akimat.pages.column.key': 'Функция',
  'akimat.pages.count.functions': 'Функций',
  'akimat.pages.count.performed': 'Выполняется',
  'akimat.pages.count.automated': 'Автоматизировано',
  'akimat.pages.count.withGaps': 'С пробелами',
  'akimat.pages.unit.functions': 'функц.',
  'akimat.pages.notAdopted.short': 'ещё не принят',
  'akimat.pages.notAdopted.text':
    'Этот акимат ещё не принял типовой набор своего уровня, поэтому архитектуры пока нет.',
  'akimat.pages.notAdopted.wait':
    'Набор принимают редакторы и администраторы акимата; после этого здесь появится его архитектура.',
  'akimat.pages.architecture.title': 'Архитектура акимата',
  'akimat.pages.adopt.kato': 'Код КАТО акимата',
  'akimat.pages.adopt.katoHintRegion':
    'Девять цифр классификатора административно-территориальных объектов, первые две — область. Код акимата области (города республиканского значения, столицы) заканчивается семью нулями, например 110000000.',
  'akimat.pages.adopt.katoHintLower':
    'Девять цифр классификатора административно-территориальных объектов, первые две — область, например 114200000. Семью нулями заканчивается только код области, код этого акимата — нет.',
  'akimat.pages.adopt.set': 'Принимаемый типовой набор',
  'akimat.pages.adopt.option':
    'Архитектура {architecture}, действует {from} – {to}: набор на {date}, функций: {rows}.',
  'akimat.pages.adopt.partial':
    'Загружены только строки, изложенные поправками в новой редакции: основного текста этой архитектуры в каталоге нет.',
  'akimat.pages.adopt.noSets': 'В каталоге нет типового набора этого уровня.',
  'akimat.pages.adopt.keep':
    'Принятые решения сохраняются по каждой функции, которая остаётся в наборе; остальные остаются в истории.',
  'akimat.pages.adopt.submit': 'Принять типовой набор',
  'akimat.pages.adopt.again': 'Принять типовой набор заново, на другую дату',
  'akimat.pages.done.adopted': 'Типовой набор принят.',
  'akimat.pages.done.saved': 'Решение сохранено.',
  'akimat.pages.done.unchanged': 'Ничего не изменилось: решение уже было таким.',
  'akimat.pages.done.toGaps': 'Посмотреть отчёт о пробелах.',
  'akimat.pages.summary.architectures': '(архитектура {architectures}, раздел {section})',
  'akimat.pages.summary.adopted': 'Принят',
  'akimat.pages.chart.statuses': 'Функции по статусам',
  'akimat.pages.chart.statusesDescription':
    'Из {total} функций {ok} соответствуют типовой архитектуре, в {gaps} есть пробелы.',
  'akimat.pages.rule91':
    'Подпункт 1) пункта 9 типовой архитектуры: если функцию автоматизирует ИС центрального уполномоченного органа или межведомственная ИС, МИО использует её в своей деятельности. Рекомендованные системы — те, что названы в строке приложения 1; если такой нет, акимат разрабатывает собственную ИС в объёме приложения 1 (подпункт 2) и выбирает любой из указанных уровней автоматизации (подпункт 3).',
  'akimat.pages.functions.title': 'Функции типового набора',
  'akimat.pages.functions.count': 'Функций: {shown} из {total}.',
  'akimat.pages.functions.page': 'Показаны {first}–{last}.',
  'akimat.pages.functions.none': 'Нет функций, подходящих под фильтры.',
  'akimat.pages.functions.decide': 'Решение',
  'akimat.pages.functions.open': 'Открыть',
  'akimat.pages.filter.status': 'Статус',
  'akimat.pages.filter.anyGap': 'любой пробел',
  'akimat.pages.filter.services': 'Только государственные услуги',
  'akimat.pages.filter.text': 'Текст',
  'akimat.pages.recommended.none': 'не названы',
  'akimat.pages.used.hiddenObject': 'объект реестра № {id}',
  'akimat.pages.levels.printed': 'уровни: {levels}',
  'akimat.pages.levels.nonePrinted': 'уровни не указаны',
  'akimat.pages.levels.noneText':
    'В строке уровни не указаны: автоматизация функции — один уровень (1).',
  'akimat.pages.outside.title': 'Решения по функциям, которых больше нет в наборе',
  'akimat.pages.outside.text':
    'После этих решений акимат заново принял типовой набор; их функций в нынешнем наборе нет.',
  'akimat.pages.events.title': 'Последние события',
  'akimat.pages.events.none': 'Событий пока нет.',
  'akimat.pages.event.adopted': 'принят типовой набор на {at} (КАТО {kato}, функций: {functions})',
  'akimat.pages.event.readopted':
    'типовой набор принят заново: на {at} вместо {before} (КАТО {kato}, функций: {functions})',
  'akimat.pages.event.decisions': 'записаны решения по функциям: {changed}',
  'akimat.pages.event.indicator': 'записаны значения индикаторов за {period} ({code})',
  'akimat.pages.function.title': 'Функция {section}.{number}',
  'akimat.pages.function.outsideTitle': 'Функция {key}',
  'akimat.pages.function.outside':
    'Этой функции нет в типовом наборе, который акимат принял сейчас; показана только история решений по ней.',
  'akimat.pages.function.lines': 'раздел {section}, строки текста {first}–{last}',
  'akimat.pages.function.rowPage': 'строка в каталоге',
  'akimat.pages.recommendation.title': 'Рекомендация (подпункт 1) пункта 9)',
  'akimat.pages.recommendation.named':
    'В строке названа центральная или межведомственная система, которую использует акимат:',
  'akimat.pages.recommendation.none':
    'В строке не названа центральная или межведомственная система: акимат автоматизирует функцию собственной системой (подпункт 2) пункта 9) на уровне, который сам выбирает из указанных (подпункт 3).',
  'akimat.pages.recommendation.current': 'Текущее решение:',
  'akimat.pages.follows.yes': 'следует рекомендации ({system}).',
  'akimat.pages.follows.no': 'не следует ей: функцию автоматизирует другая система.',
  'akimat.pages.follows.own': 'акимат автоматизирует её собственной системой или объектом.',
  'akimat.pages.follows.notAutomated': 'функция ещё не автоматизирована.',
  'akimat.pages.follows.notPerformed': 'акимат не выполняет эту функцию.',
  'akimat.pages.decision.title': 'Решение',
  'akimat.pages.decision.readOnly': 'Решения акимата меняют только его редакторы и администраторы.',
  'akimat.pages.decision.what': 'Чем автоматизирована функция',
  'akimat.pages.decision.whatHint':
    'Выберите систему каталога или объект реестра портала (например, собственную систему акимата), но не то и другое сразу; пока функция не автоматизирована, оставьте оба поля пустыми.',
  'akimat.pages.decision.save': 'Сохранить решение',
  'akimat.pages.field.performed': 'Выполняет ли акимат эту функцию?',
  'akimat.pages.field.system': 'Система каталога',
  'akimat.pages.field.object': 'Объект реестра',
  'akimat.pages.field.none': '— нет —',
  'akimat.pages.field.recommendedGroup': 'Рекомендованные (подпункт 1) пункта 9)',
  'akimat.pages.field.otherSystems': 'Другие системы каталога',
  'akimat.pages.field.ownObjects': 'Объекты этого акимата',
  'akimat.pages.field.registryObjects': 'Другие объекты реестра',
  'akimat.pages.field.level': 'Достигнутый уровень',
  'akimat.pages.field.targetLevel': 'Целевой уровень',
  'akimat.pages.field.note': 'Примечание',
  'akimat.pages.performed.yes': 'Да, выполняет',
  'akimat.pages.performed.no': 'Нет, не выполняет',
  'akimat.pages.level.zero': '0 — не автоматизирована',
  'akimat.pages.level.n': '{level} —',
  'akimat.pages.level.automated': '{level} — автоматизирована',
  'akimat.pages.target.highest': 'наивысший из указанных ({level})',
  'akimat.pages.target.highestShort': 'наивысший',
  'akimat.pages.target.hint':
    'Подпункт 3) пункта 9: если в строке указано несколько уровней, акимат выбирает целевым любой из них.',
  'akimat.pages.history.title': 'Версии решения',
  'akimat.pages.history.none':
    'Решения пока нет: функция считается выполняемой и не автоматизированной.',
  'akimat.pages.history.version': 'Версия',
  'akimat.pages.history.when': 'Записано',
  'akimat.pages.history.who': 'Кем',
  'akimat.pages.source.form': 'через форму',
  'akimat.pages.source.api': 'через API',
  'akimat.pages.source.import': 'импорт',
  'akimat.pages.source.adoption': 'при принятии набора',
  'akimat.pages.yes': 'да',
  'akimat.pages.no': 'нет',
  'akimat.pages.gaps.title': 'Отчёт о пробелах',
  'akimat.pages.gaps.asOf':
    'По состоянию на {time} (время Алматы), для типового набора на {date}; КАТО {kato}.',
  'akimat.pages.gaps.print':
    'Чтобы распечатать отчёт или сохранить его в PDF, воспользуйтесь печатью браузера: навигация и формы не печатаются.',
  'akimat.pages.gaps.chart': 'Пробелы по видам',
  'akimat.pages.gaps.chartDescription':
    'Не автоматизировано функций: {notAutomated}; автоматизировано не рекомендованной системой: {nonRecommended}; ниже целевого уровня: {belowLevel}.',
  'akimat.pages.gaps.notAutomated': 'Не автоматизированы',
  'akimat.pages.gaps.notAutomatedText':
    'Функции, которые акимат выполняет, но которые пока не автоматизирует ни одна система или объект.',
  'akimat.pages.gaps.nonRecommended': 'Не рекомендованная система',
  'akimat.pages.gaps.belowLevel': 'Ниже целевого уровня',
  'akimat.pages.gaps.belowLevelText':
    'Функции, автоматизированные ниже целевого уровня: целевой — наивысший из указанных, если акимат не выбрал другой (подпункт 3) пункта 9).',
  'akimat.pages.gaps.byGroup': 'По группам',
  'akimat.pages.gaps.none': 'Нет.',
  'akimat.pages.api.asOf':
    '«{value}» — не момент времени; укажите дату и время в формате ISO, например 2026-03-01T00:00:00Z.',
}
