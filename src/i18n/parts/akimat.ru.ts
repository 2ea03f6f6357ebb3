/**
 * @module
 * Russian texts: Akimat architectures: domain errors and words shared by the akimat pages.
 */
import type { akimatEn } from './akimat.en.js'

export const akimatRu: Record<keyof typeof akimatEn, string> = {
  'akimat.error.reduction':
    'Сокращение — не больше 100 % (рост записывается отрицательным числом), а не {value}.',
  'akimat.error.katoFixed':
    'После принятия типового набора код КАТО акимата остаётся {value}; ошибочный код исправляет сервисный интегратор.',
  'akimat.home.available':
    'Доступно сейчас: каждый акимат принимает типовой набор своего уровня, видит пробелы по пункту 9 и отчитывается по индикаторам приложения 2 (для вошедших сотрудников)',
  'akimat.home.open': 'Открыть акиматы',
  'akimat.nav.akimats': 'Акиматы',
  'akimat.nav.label': 'Разделы акимата',
  'akimat.tab.list': 'Акиматы',
  'akimat.tab.architecture': 'Архитектура',
  'akimat.tab.gaps': 'Пробелы',
  'akimat.tab.indicators': 'Индикаторы',
  'akimat.tab.exchange': 'Импорт и экспорт',
  'akimat.tab.region': 'Регион',
  'akimat.error.kato':
    'Код КАТО — девять цифр (классификатор административно-территориальных объектов), а не «{value}».',
  'akimat.error.katoRegion':
    'Код КАТО области заканчивается семью нулями ({expected}), а не {value}.',
  'akimat.error.katoNotRegion': '{value} — код КАТО области; этот акимат другого уровня.',
  'akimat.error.katoTaken': 'Код КАТО {value} уже принадлежит другому акимату.',
  'akimat.error.period': 'Период — год (2026) или квартал (2026-Q3), а не «{value}».',
  'akimat.error.date': '«{value}» — не дата; пишите ГГГГ-ММ-ДД.',
  'akimat.error.notFound': 'Акимата {id} нет, или у вас нет права его видеть.',
  'akimat.error.notAdopted': 'Акимат {id} ещё не принял типовой набор.',
  'akimat.error.forbidden':
    'Архитектуру и индикаторы акимата меняют только его редакторы и администраторы.',
  'akimat.error.noTypicalSet': 'На {date} типовой набор этого уровня не действует.',
  'akimat.error.decisions': 'В решениях ({count}) есть ошибки; ничего не сохранено.',
  'akimat.error.indicator': 'Целевого индикатора {code} нет.',
  'akimat.error.value': '«{value}» — не число.',
  'akimat.error.share': 'Доля — от 0 до 100, а не {value}.',
  'akimat.error.count': 'Количество — целое число от 0, а не {value}.',
  'akimat.error.negative': 'Значение не может быть отрицательным ({value}).',
  'akimat.error.computed': 'Индикатор {code} вычисляется по данным e-akimat и не вводится вручную.',
  'akimat.error.noteRequired': 'Укажите, откуда взято значение (примечание обязательно).',
  'akimat.error.noteLong': 'Примечание — не длиннее {max} знаков.',
  'akimat.error.region': 'Регион — первые две цифры кода КАТО, а не «{value}».',
  'akimat.problem.key': '{key} — не функция принятого типового набора.',
  'akimat.problem.duplicate': '{key} встречается дважды.',
  'akimat.problem.performed': '{key}: «выполняет» — да или нет.',
  'akimat.problem.system': '{key}: в каталоге нет информационной системы «{value}».',
  'akimat.problem.object': '{key}: нет доступного вам объекта реестра {value}.',
  'akimat.problem.both': '{key}: выберите систему каталога или объект реестра, не оба.',
  'akimat.problem.level': '{key}: достигнутый уровень — от 0 до {max}, а не {value}.',
  'akimat.problem.levelWithout':
    '{key}: для автоматизированной функции укажите систему или объект.',
  'akimat.problem.automated':
    '{key}: функцию автоматизирует e-akimat; чтобы принять другое решение, сначала выключите её автоматизацию на странице «Автоматизация».',
  'akimat.problem.levelZero':
    '{key}: функция с системой автоматизирована: выберите уровень 1 или выше.',
  'akimat.problem.notPerformed':
    '{key}: функция, которую акимат не выполняет, не может быть автоматизирована.',
  'akimat.problem.target': '{key}: целевой уровень — один из {choices}, а не {value}.',
  'akimat.problem.note': '{key}: примечание — не длиннее {max} знаков.',
  'akimat.problem.version':
    '{key}: эту функцию тем временем изменил кто-то другой; обновите страницу и повторите.',
  'akimat.status.not-performed': 'не выполняется',
  'akimat.status.not-automated': 'не автоматизирована',
  'akimat.status.non-recommended': 'не рекомендованная система',
  'akimat.status.below-level': 'ниже целевого уровня',
  'akimat.status.ok': 'как требует типовая архитектура',
  'akimat.level.region': 'область, город республиканского значения, столица',
  'akimat.level.district': 'район, город областного значения',
  'akimat.level.rural': 'район в городе, город районного значения, посёлок, село, сельский округ',
}
