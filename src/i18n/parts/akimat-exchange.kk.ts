/**
 * @module
 * Kazakh texts: Akimat architecture import and export (XLSX, CSV, ArchiMate, Backstage).
 */
import type { akimatExchangeEn } from './akimat-exchange.en.js'

export const akimatExchangeKk: Record<keyof typeof akimatExchangeEn, string> = {
  'akimat.exchange.error.tooLarge':
    'Файлдың көлемі {size} МиБ; ең көбі {limit} МиБ қабылданады. Кітапты экспортталған күйінде, суреттерсіз және артық парақтарсыз жүктеңіз.',
  'akimat.exchange.error.notXlsx':
    'Атауы қандай болса да, бұл Excel кітабы (XLSX) емес. Архитектураны XLSX түрінде жүктеп алып, толтырыңыз да, сол файлды жүктеңіз.',
  'akimat.exchange.error.notWorkbook':
    'Бұл Excel кітабы (XLSX) емес, ZIP мұрағаты немесе басқа құжат (мысалы, Word).',
  'akimat.exchange.error.unpacked':
    'Ашылған кезде кітап {size} МиБ алар еді; ең көбі {limit} МиБ оқылады. Кітапты экспортталған күйінде жүктеңіз.',
  'akimat.exchange.error.unreadable':
    'Кітапты оқу мүмкін емес ({detail}). Оны XLSX түрінде қайта сақтаңыз.',
  'akimat.exchange.error.noSheet':
    'Кітапта «{sheet}» парағы жоқ (оның парақтары: {sheets}). e-akimat-тан экспортталған кітапты жүктеңіз.',
  'akimat.exchange.error.columns':
    '«{sheet}» парағында {columns} бағандары жоқ. Олардың тақырыптары экспорттағыдай бірінші жолда тұруы керек.',
  'akimat.exchange.error.tooManyRows': 'Парақта {count} жол бар; ең көбі {limit} жол оқылады.',
  'akimat.exchange.error.noRows': '«{sheet}» парағында импорттайтын жол жоқ.',
  'akimat.exchange.error.rejected':
    'Файлда {count} қате бар; ештеңе сақталған жоқ. Көрсетілген жолдарды түзетіп, файлды қайта жүктеңіз.',
  'akimat.exchange.error.noFile': 'Жүктейтін XLSX файлын таңдаңыз.',
  'akimat.exchange.problem.keyMissing': 'Жолда функция кілті жоқ («key» бағаны).',
  'akimat.exchange.problem.required': 'Ұяшық бос; оны толтырыңыз.',
  'akimat.exchange.problem.performed': '«{value}» — yes (иә) да, no (жоқ) та емес.',
  'akimat.exchange.problem.whole': '«{value}» — бүтін сан емес.',
  'akimat.exchange.problem.cellError': 'Ұяшықта {value} қатесі тұр.',
  'akimat.exchange.problem.systemName':
    'Каталогта «{value}» деп аталатын ақпараттық жүйе жоқ (Systems парағын қараңыз).',
  'akimat.exchange.problem.systemAmbiguous':
    '«{value}» бірнеше жүйені атайды ({ids}); жүйенің идентификаторын жазыңыз.',
  'akimat.exchange.problem.systemMismatch':
    '{id} жүйе идентификаторы мен «{value}» жүйе атауы сәйкес келмейді; біреуін өзгертіңіз немесе өшіріңіз.',
  'akimat.exchange.problem.objectCode':
    'Сізге көрінетін, коды «{value}» болатын тізілім объектісі жоқ.',
  'akimat.exchange.problem.objectMismatch':
    '{id} объект нөмірі мен «{value}» объект коды сәйкес келмейді; біреуін өзгертіңіз немесе өшіріңіз.',
  'akimat.exchange.about.value': 'Мәні',
  'akimat.exchange.about.nameKk': 'Әкімдік (қазақша)',
  'akimat.exchange.about.nameRu': 'Әкімдік (орысша)',
  'akimat.exchange.about.bin': 'БСН',
  'akimat.exchange.about.level': 'Деңгейі (region — облыс, district — аудан, rural — ауылдық)',
  'akimat.exchange.about.kato': 'КАТО коды',
  'akimat.exchange.about.typicalAt': 'Үлгілік жинақ күшінде болған күн',
  'akimat.exchange.about.asOf': 'Шешімдер мына сәттегі күйінде',
  'akimat.exchange.about.exportedAt': 'Экспортталған уақыты',
  'akimat.exchange.about.functions': 'Функциялар саны',
  'akimat.exchange.about.howTo':
    'Қалай толтыру керек: Architecture парағында тек сары бағандарды өзгертіңіз, әр функцияға бір жол; баған тақырыптарының атын өзгертпеңіз. Кітапты әкімдіктің «Импорт және экспорт» бетінде жүктеңіз: әр жол тексеріледі де, не барлық жол сақталады, не қай да бір жолда қате болса, ешқайсысы сақталмайды. Өшірілген жолдар e-akimat-та өзгеріссіз қалады.',
  'akimat.exchange.about.column': 'Баған',
  'akimat.exchange.about.read': 'Импортта оқылады ма',
  'akimat.exchange.about.read.yes': 'иә',
  'akimat.exchange.about.read.no': 'жоқ',
  'akimat.exchange.about.read.fallback': 'идентификатор бос болғанда',
  'akimat.exchange.column.key':
    'Функция кілті: архитектура (акт), бөлім және жол нөмірі (158:1.27). Жолды анықтайды.',
  'akimat.exchange.column.section':
    '1-қосымшаның бөлімі: 1 — облыс, 2 — аудан, 3 — ауылдық әкімдіктер.',
  'akimat.exchange.column.number': 'Бөлімдегі жол нөмірі.',
  'akimat.exchange.column.group': 'Функциялар тобы, актіде басылғандай.',
  'akimat.exchange.column.function': 'Функция, актіде басылғандай.',
  'akimat.exchange.column.language': 'Жол басылған тіл (kk немесе ru).',
  'akimat.exchange.column.recommended':
    'Жолда аталған жүйелер: 9-тармақтың 1) тармақшасы бойынша олар бар жерде соларды пайдалану керек.',
  'akimat.exchange.column.printedLevels':
    'Жолда басылған автоматтандыру деңгейлері мәтінімен; олар болмаса, ең жоғары деңгей — 1.',
  'akimat.exchange.column.performed': 'Әкімдік бұл функцияны орындай ма: yes (иә) немесе no (жоқ).',
  'akimat.exchange.column.systemId':
    'Оны автоматтандыратын каталогтағы ақпараттық жүйе (Systems парағындағы идентификатор).',
  'akimat.exchange.column.systemName':
    'Жүйенің атауы; жүйе идентификаторы бос болғанда ғана оқылады (атауы немесе басқа жазылуы).',
  'akimat.exchange.column.objectId':
    'Немесе оны автоматтандыратын тізілім объектісі (әдетте әкімдіктің өз жүйесі): оның нөмірі.',
  'akimat.exchange.column.objectCode':
    'Объектінің есепке алу коды; объект нөмірі бос болғанда ғана оқылады.',
  'akimat.exchange.column.objectName': 'Объектінің қазақша атауы (оқу үшін).',
  'akimat.exchange.column.level':
    'Қол жеткізілген автоматтандыру деңгейі: 0 — автоматтандырылмаған, ең жоғарысы — басылған ең жоғары деңгей.',
  'akimat.exchange.column.targetLevel':
    'Мақсат етіп таңдалған деңгей (9-тармақтың 3) тармақшасы), басылған деңгейлердің бірі; бос болса — ең жоғарысы.',
  'akimat.exchange.column.note': 'Ескертпе (ең көбі 2 000 таңба).',
  'akimat.exchange.column.status':
    'Экспорт кезіндегі 9-тармақ бойынша күйі: not-performed, not-automated, non-recommended, below-level немесе ok.',
  'akimat.exchange.column.issues': 'Табылған барлық олқылық, ең ауырынан бастап.',
  'akimat.exchange.column.decidedAt': 'Шешім жазылған уақыт (бос — әлі шешілмеген).',
  'akimat.exchange.column.act': 'Жол нұсқасы оқылған акт.',
  'akimat.exchange.column.lines': 'Жол оқылған акт жолдары.',
  'akimat.exchange.archimate.name': '{name}: архитектура (КАТО {kato})',
  'akimat.exchange.archimate.documentation':
    'Әкімдіктің {asOf} сәтіндегі архитектурасы: {typicalAt} күні күшінде болған үлгілік жинақтан ол орындайтын функциялар, оларды автоматтандыратын ақпараттық жүйелер мен тізілім объектілері және олар пайдаланатын ақпараттық ресурстар.',
  'akimat.exchange.archimate.object': '{id} тізілім объектісі',
  'akimat.exchange.property.key': 'Функция кілті',
  'akimat.exchange.property.level': 'Қол жеткізілген автоматтандыру деңгейі',
  'akimat.exchange.property.targetLevel': 'Мақсатты автоматтандыру деңгейі',
  'akimat.exchange.property.status': 'Күйі (9-тармақ)',
  'akimat.exchange.property.kato': 'КАТО коды',
  'akimat.exchange.property.typicalAt': 'Үлгілік жинақ күшінде болған күн',
  'akimat.exchange.property.asOf': 'Шешімдер мына сәттегі күйінде',
  'akimat.exchange.property.objectId': 'Тізілім объектісінің нөмірі',
  'akimat.exchange.property.objectCode': 'Есепке алу коды',
  'akimat.exchange.backstage.registry': 'Тізілім объектілерінің иелері',
  'akimat.exchange.pages.title': 'Импорт және экспорт',
  'akimat.exchange.pages.intro':
    'Әкімдіктің архитектурасын электрондық кестеде немесе модельдеу құралында өңдеу үшін жүктеп алыңыз; толтырылған кітапты әкімдіктің редакторлары кері жүктейді.',
  'akimat.exchange.pages.notAdopted':
    'Әкімдік үлгілік жинақты әлі қабылдаған жоқ, сондықтан экспорттайтын ештеңе жоқ.',
  'akimat.exchange.pages.download.title': 'Жүктеп алу',
  'akimat.exchange.pages.download.xlsx':
    'Excel кітабы (XLSX): толтырып, кері жүктейтін парақ, таңдауға арналған жүйелер тізімімен',
  'akimat.exchange.pages.download.csv': 'CSV (UTF-8), бағандары сол',
  'akimat.exchange.pages.download.archimate': 'ArchiMate модельдерімен алмасу файлы (XML)',
  'akimat.exchange.pages.download.backstage': 'Backstage каталогының нысандары (catalog-info.yaml)',
  'akimat.exchange.pages.download.asOf':
    'Файлдарда қазір күшіндегі шешімдер және {typicalAt} күні күшінде болған үлгілік жинақ ({functions} функция) бар.',
  'akimat.exchange.pages.upload.title': 'Толтырылған кітапты жүктеу',
  'akimat.exchange.pages.upload.intro':
    'Architecture парағының тек сары бағандары оқылады: performed (орындайды), system id (немесе жүйе атауы), object id (немесе объект коды), level (деңгей), target level (мақсатты деңгей) және note (ескертпе). Не барлық жол сақталады, не қай да бір жолда қате болса, ешқайсысы сақталмайды. Ең көбі 5 МиБ және 5 000 жол.',
  'akimat.exchange.pages.upload.file': 'Кітап (XLSX)',
  'akimat.exchange.pages.upload.submit': 'Жүктеп, импорттау',
  'akimat.exchange.pages.upload.readOnly':
    'Кітапты тек әкімдіктің редакторлары мен әкімшілері жүктейді.',
  'akimat.exchange.pages.done': 'Импортталды: {rows} жол оқылды, {changed} функция өзгерді.',
  'akimat.exchange.pages.problems.title': 'Кітап импортталмады',
  'akimat.exchange.pages.problems.intro':
    '{count} қате табылды; ештеңе сақталған жоқ. Осы жолдарды түзетіп, кітапты қайта жүктеңіз.',
  'akimat.exchange.pages.problems.more': '… және тағы {count} қате, тізімде көрсетілмеген.',
  'akimat.exchange.pages.column.row': 'Жол',
  'akimat.exchange.pages.column.column': 'Баған',
  'akimat.exchange.pages.column.key': 'Функция',
  'akimat.exchange.pages.column.message': 'Қате',
}
