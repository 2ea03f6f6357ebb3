/**
 * @module
 * Kazakh texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report.
 */
import type { akimatPagesEn } from './akimat-pages.en.js'

export const akimatPagesKk: Record<keyof typeof akimatPagesEn, string> = {
  'akimat.pages.list.title': 'Әкімдіктер',
  'akimat.pages.list.who':
    'Сіз өз әкімдігіңізді көресіз; облыс әкімдігі өз облысының әкімдіктерін де көреді (КАТО коды бойынша), ал сервистік интегратор мен уәкілетті орган барлығын көреді.',
  'akimat.pages.list.none': 'Сізге көрінетін әкімдік жоқ.',
  'akimat.pages.column.akimat': 'Әкімдік',
  'akimat.pages.column.level': 'Деңгейі',
  'akimat.pages.column.kato': 'КАТО коды',
  'akimat.pages.column.typicalAt': 'Үлгілік жинақ күні',
  'akimat.pages.column.recommended': 'Ұсынылған жүйелер',
  'akimat.pages.column.used': 'Әкімдік пайдаланатыны',
  'akimat.pages.column.levels': 'Қол жеткізілген / мақсатты деңгей',
  'akimat.pages.column.status': 'Күйі',
  'akimat.pages.column.open': 'Функция беті',
  'akimat.pages.column.key': 'Функция',
  'akimat.pages.count.functions': 'Функциялар',
  'akimat.pages.count.performed': 'Орындалатыны',
  'akimat.pages.count.automated': 'Автоматтандырылғаны',
  'akimat.pages.count.withGaps': 'Олқылығы бары',
  'akimat.pages.unit.functions': 'функция',
  'akimat.pages.notAdopted.short': 'әлі қабылданбаған',
  'akimat.pages.notAdopted.text':
    'Бұл әкімдік өз деңгейінің үлгілік жинағын әлі қабылдаған жоқ, сондықтан көрсететін архитектурасы жоқ.',
  'akimat.pages.notAdopted.wait':
    'Жинақты әкімдіктің редакторлары мен әкімшілері қабылдайды; содан кейін архитектурасы осында шығады.',
  'akimat.pages.architecture.title': 'Әкімдіктің архитектурасы',
  'akimat.pages.adopt.kato': 'Әкімдіктің КАТО коды',
  'akimat.pages.adopt.katoHintRegion':
    'Әкімшілік-аумақтық объектілер жіктеуішінің тоғыз цифры, алғашқы екеуі — облыс. Облыс (республикалық маңызы бар қала, астана) әкімдігінің коды жеті нөлмен аяқталады, мысалы 110000000.',
  'akimat.pages.adopt.katoHintLower':
    'Әкімшілік-аумақтық объектілер жіктеуішінің тоғыз цифры, алғашқы екеуі — облыс, мысалы 114200000. Жеті нөлмен тек облыстың коды аяқталады, бұл әкімдіктің коды олай аяқталмайды.',
  'akimat.pages.adopt.set': 'Қабылданатын үлгілік жинақ',
  'akimat.pages.adopt.option':
    '{architecture} архитектурасы, {from} – {to} аралығында күшінде: {date} күнгі жинақ, {rows} функция.',
  'akimat.pages.adopt.partial':
    'Тек түзетулер жаңа редакцияда жазған жолдар жүктелген: бұл архитектураның негізгі мәтіні каталогта жоқ.',
  'akimat.pages.adopt.noSets': 'Каталогта бұл деңгейдің үлгілік жинағы жоқ.',
  'akimat.pages.adopt.keep':
    'Жинақта қалатын әр функция бойынша бұрын қабылданған шешімдер сақталады; қалғандары тарихта қалады.',
  'akimat.pages.adopt.submit': 'Үлгілік жинақты қабылдау',
  'akimat.pages.adopt.again': 'Үлгілік жинақты басқа күнгі күйінде қайта қабылдау',
  'akimat.pages.done.adopted': 'Үлгілік жинақ қабылданды.',
  'akimat.pages.done.saved': 'Шешім сақталды.',
  'akimat.pages.done.unchanged': 'Ештеңе өзгерген жоқ: шешім бұрыннан осындай еді.',
  'akimat.pages.done.toGaps': 'Олқылықтар есебін қараңыз.',
  'akimat.pages.summary.architectures': '({architectures} архитектурасы, {section}-бөлім)',
  'akimat.pages.summary.adopted': 'Қабылданған уақыты',
  'akimat.pages.chart.statuses': 'Функциялар күйі бойынша',
  'akimat.pages.chart.statusesDescription':
    '{total} функцияның {ok} функциясы үлгілік архитектураға сай, {gaps} функциясында олқылық бар.',
  'akimat.pages.rule91':
    'Үлгілік архитектураның 9-тармағының 1) тармақшасы: функцияны орталық уәкілетті органның АЖ немесе ведомствоаралық АЖ автоматтандыратын болса, ЖАО оны өз қызметінде пайдаланады. Ұсынылған жүйелер — 1-қосымшаның жолында аталған жүйелер; ондай жүйе болмаса, әкімдік 1-қосымшада көрсетілген көлемде өз АЖ-сын әзірлейді (2) тармақша) және көрсетілген деңгейлердің кез келгенін таңдайды (3) тармақша).',
  'akimat.pages.functions.title': 'Үлгілік жинақтың функциялары',
  'akimat.pages.functions.count': 'Сүзгіге сай функциялар: {shown}, барлығы {total}.',
  'akimat.pages.functions.page': 'Көрсетілгені: {first}–{last}.',
  'akimat.pages.functions.none': 'Сүзгілерге сай функция жоқ.',
  'akimat.pages.functions.decide': 'Шешім қабылдау',
  'akimat.pages.functions.open': 'Ашу',
  'akimat.pages.filter.status': 'Күйі',
  'akimat.pages.filter.anyGap': 'кез келген олқылық',
  'akimat.pages.filter.services': 'Тек мемлекеттік қызметтер',
  'akimat.pages.filter.text': 'Мәтін',
  'akimat.pages.recommended.none': 'аталмаған',
  'akimat.pages.used.hiddenObject': '№ {id} тізілім объектісі',
  'akimat.pages.levels.printed': 'деңгейлер: {levels}',
  'akimat.pages.levels.nonePrinted': 'деңгейлер көрсетілмеген',
  'akimat.pages.levels.noneText':
    'Жолда деңгейлер көрсетілмеген: оны автоматтандыру — бір деңгей (1).',
  'akimat.pages.outside.title': 'Жинақта енді жоқ функциялар бойынша шешімдер',
  'akimat.pages.outside.text':
    'Бұл шешімдерден кейін әкімдік үлгілік жинақты қайта қабылдады; олардың функциялары қазір қабылданған жинақта жоқ.',
  'akimat.pages.events.title': 'Соңғы оқиғалар',
  'akimat.pages.events.none': 'Әзірге оқиға жоқ.',
  'akimat.pages.event.adopted':
    'үлгілік жинақ {at} күнгі күйінде қабылданды (КАТО {kato}, {functions} функция)',
  'akimat.pages.event.readopted':
    'үлгілік жинақ {before} орнына {at} күнгі күйінде қайта қабылданды (КАТО {kato}, {functions} функция)',
  'akimat.pages.event.decisions': '{changed} функция бойынша шешім жазылды',
  'akimat.pages.event.indicator': '{period} кезеңінің индикатор мәндері жазылды ({code})',
  'akimat.pages.function.title': '{section}.{number} функциясы',
  'akimat.pages.function.outsideTitle': '{key} функциясы',
  'akimat.pages.function.outside':
    'Бұл функция әкімдік қазір қабылдаған үлгілік жинақта жоқ; тек оның шешімдерінің тарихы көрсетілген.',
  'akimat.pages.function.lines': '{section}-бөлім, мәтіннің {first}–{last} жолдары',
  'akimat.pages.function.rowPage': 'каталогтағы жол',
  'akimat.pages.recommendation.title': 'Ұсыныс (9-тармақтың 1) тармақшасы)',
  'akimat.pages.recommendation.named':
    'Жолда орталық немесе ведомствоаралық жүйе аталған, әкімдік соны пайдаланады:',
  'akimat.pages.recommendation.none':
    'Жолда орталық немесе ведомствоаралық жүйе аталмаған: әкімдік функцияны өз жүйесімен автоматтандырады (9-тармақтың 2) тармақшасы), ал деңгейін көрсетілгендердің ішінен өзі таңдайды (3) тармақша).',
  'akimat.pages.recommendation.current': 'Қазіргі шешім:',
  'akimat.pages.follows.yes': 'ұсынысқа сай ({system}).',
  'akimat.pages.follows.no': 'ұсынысқа сай емес: функцияны басқа жүйе автоматтандырады.',
  'akimat.pages.follows.own': 'әкімдік оны өз жүйесімен немесе объектісімен автоматтандырады.',
  'akimat.pages.follows.notAutomated': 'функция әлі автоматтандырылмаған.',
  'akimat.pages.follows.notPerformed': 'әкімдік бұл функцияны орындамайды.',
  'akimat.pages.decision.title': 'Шешім',
  'akimat.pages.decision.readOnly':
    'Әкімдіктің шешімдерін тек оның редакторлары мен әкімшілері өзгертеді.',
  'akimat.pages.decision.what': 'Функцияны не автоматтандырады',
  'akimat.pages.decision.whatHint':
    'Каталогтағы жүйені немесе портал тізіліміндегі объектіні (мысалы, әкімдіктің өз жүйесін) таңдаңыз, екеуін бірдей емес; функция автоматтандырылмаған болса, екеуін де бос қалдырыңыз.',
  'akimat.pages.decision.save': 'Шешімді сақтау',
  'akimat.pages.field.performed': 'Әкімдік бұл функцияны орындай ма?',
  'akimat.pages.field.system': 'Каталогтағы жүйе',
  'akimat.pages.field.object': 'Тізілімдегі объект',
  'akimat.pages.field.none': '— жоқ —',
  'akimat.pages.field.recommendedGroup': 'Ұсынылғандар (9-тармақтың 1) тармақшасы)',
  'akimat.pages.field.otherSystems': 'Каталогтың басқа жүйелері',
  'akimat.pages.field.ownObjects': 'Осы әкімдіктің объектілері',
  'akimat.pages.field.registryObjects': 'Тізілімнің басқа объектілері',
  'akimat.pages.field.level': 'Қол жеткізілген деңгей',
  'akimat.pages.field.targetLevel': 'Мақсатты деңгей',
  'akimat.pages.field.note': 'Ескертпе',
  'akimat.pages.performed.yes': 'Иә, орындайды',
  'akimat.pages.performed.no': 'Жоқ, орындамайды',
  'akimat.pages.level.zero': '0 — автоматтандырылмаған',
  'akimat.pages.level.n': '{level} —',
  'akimat.pages.level.automated': '{level} — автоматтандырылған',
  'akimat.pages.target.highest': 'көрсетілгендердің ең жоғарысы ({level})',
  'akimat.pages.target.highestShort': 'ең жоғарысы',
  'akimat.pages.target.hint':
    '9-тармақтың 3) тармақшасы: жолда бірнеше деңгей көрсетілсе, әкімдік мақсат ретінде олардың кез келгенін таңдайды.',
  'akimat.pages.history.title': 'Шешімнің нұсқалары',
  'akimat.pages.history.none':
    'Әзірге шешім жоқ: функция орындалатын, бірақ автоматтандырылмаған болып саналады.',
  'akimat.pages.history.version': 'Нұсқа',
  'akimat.pages.history.when': 'Жазылған уақыты',
  'akimat.pages.history.who': 'Кім жазды',
  'akimat.pages.source.form': 'нысан арқылы',
  'akimat.pages.source.api': 'API арқылы',
  'akimat.pages.source.import': 'импорт',
  'akimat.pages.source.adoption': 'қабылдау кезінде',
  'akimat.pages.yes': 'иә',
  'akimat.pages.no': 'жоқ',
  'akimat.pages.gaps.title': 'Олқылықтар есебі',
  'akimat.pages.gaps.asOf':
    '{time} (Алматы уақыты) жағдайы бойынша, {date} күнгі үлгілік жинаққа; КАТО {kato}.',
  'akimat.pages.gaps.print':
    'Есепті басып шығару немесе PDF ретінде сақтау үшін браузердің басып шығару командасын пайдаланыңыз: навигация мен нысандар басылмайды.',
  'akimat.pages.gaps.chart': 'Олқылықтар түрі бойынша',
  'akimat.pages.gaps.chartDescription':
    '{notAutomated} функция автоматтандырылмаған, {nonRecommended} функция ұсынылған жүйеде емес, {belowLevel} функция мақсатты деңгейден төмен.',
  'akimat.pages.gaps.notAutomated': 'Автоматтандырылмаған',
  'akimat.pages.gaps.notAutomatedText':
    'Әкімдік орындайтын, бірақ әлі ешбір жүйе не объект автоматтандырмаған функциялар.',
  'akimat.pages.gaps.nonRecommended': 'Ұсынылған жүйе емес',
  'akimat.pages.gaps.belowLevel': 'Мақсатты деңгейден төмен',
  'akimat.pages.gaps.belowLevelText':
    'Мақсаттан төмен деңгейде автоматтандырылған функциялар: әкімдік басқасын таңдамаса, мақсат — көрсетілген деңгейлердің ең жоғарысы (9-тармақтың 3) тармақшасы).',
  'akimat.pages.gaps.byGroup': 'Топтар бойынша',
  'akimat.pages.gaps.none': 'Жоқ.',
  'akimat.pages.api.asOf':
    '«{value}» — уақыт сәті емес; ISO форматында күн мен уақытты жазыңыз, мысалы 2026-03-01T00:00:00Z.',
}
