/**
 * @module
 * Kazakh texts: Akimat architectures: domain errors and words shared by the akimat pages.
 */
import type { akimatEn } from './akimat.en.js'

export const akimatKk: Record<keyof typeof akimatEn, string> = {
  'akimat.error.reduction': 'Қысқарту 100 %-дан аспайды (өсу теріс санмен жазылады), {value} емес.',
  'akimat.error.katoFixed':
    'Үлгілік жинақ қабылданғаннан кейін әкімдіктің КАТО коды {value} болып қалады; қате кодты сервистік интегратор түзетеді.',
  'akimat.home.available':
    'Қазір қолжетімді: әр әкімдік өз деңгейінің үлгілік жинағын қабылдайды, 9-тармақ бойынша олқылықтарын көреді және 2-қосымшаның индикаторларын ұсынады (жүйеге кірген қызметкерлер үшін)',
  'akimat.home.open': 'Әкімдіктерді ашу',
  'akimat.nav.akimats': 'Әкімдіктер',
  'akimat.nav.label': 'Әкімдік бөлімдері',
  'akimat.tab.list': 'Әкімдіктер',
  'akimat.tab.architecture': 'Архитектура',
  'akimat.tab.gaps': 'Олқылықтар',
  'akimat.tab.indicators': 'Индикаторлар',
  'akimat.tab.exchange': 'Импорт және экспорт',
  'akimat.tab.region': 'Облыс',
  'akimat.error.kato':
    'КАТО коды — тоғыз цифр (әкімшілік-аумақтық объектілер жіктеуіші), «{value}» емес.',
  'akimat.error.katoRegion': 'Облыстың КАТО коды жеті нөлмен аяқталады ({expected}), {value} емес.',
  'akimat.error.katoNotRegion': '{value} — облыстың КАТО коды; бұл әкімдік басқа деңгейде.',
  'akimat.error.katoTaken': '{value} КАТО коды басқа әкімдікке тиесілі.',
  'akimat.error.period': 'Кезең — жыл (2026) немесе тоқсан (2026-Q3), «{value}» емес.',
  'akimat.error.date': '«{value}» — күн емес; ЖЖЖЖ-АА-КК түрінде жазыңыз.',
  'akimat.error.notFound': '{id} әкімдігі жоқ немесе оны көруге рұқсатыңыз жоқ.',
  'akimat.error.notAdopted': '{id} әкімдігі үлгілік жинақты әлі қабылдаған жоқ.',
  'akimat.error.forbidden':
    'Әкімдіктің архитектурасы мен индикаторларын тек оның редакторлары мен әкімшілері өзгертеді.',
  'akimat.error.noTypicalSet': '{date} күні бұл деңгейдің үлгілік жинағы күшінде емес.',
  'akimat.error.decisions': '{count} шешімде қате бар; ештеңе сақталған жоқ.',
  'akimat.error.indicator': '{code} нысаналы индикаторы жоқ.',
  'akimat.error.value': '«{value}» — сан емес.',
  'akimat.error.share': 'Үлес 0-ден 100-ге дейін болады, {value} емес.',
  'akimat.error.count': 'Саны — 0 немесе одан көп бүтін сан, {value} емес.',
  'akimat.error.negative': 'Мән теріс бола алмайды ({value}).',
  'akimat.error.computed':
    '{code} индикаторы e-akimat деректерінен есептеледі, қолмен енгізілмейді.',
  'akimat.error.noteRequired': 'Мәннің қайдан алынғанын жазыңыз (ескертпе міндетті).',
  'akimat.error.noteLong': 'Ескертпе {max} таңбадан аспайды.',
  'akimat.error.region': 'Облыс — КАТО кодының алғашқы екі цифры, «{value}» емес.',
  'akimat.problem.key': '{key} қабылданған үлгілік жинақтың функциясы емес.',
  'akimat.problem.duplicate': '{key} екі рет кездеседі.',
  'akimat.problem.performed': '{key}: «орындайды» бағаны иә немесе жоқ болуы керек.',
  'akimat.problem.system': '{key}: каталогта «{value}» ақпараттық жүйесі жоқ.',
  'akimat.problem.object': '{key}: сізге көрінетін {value} тізілім объектісі жоқ.',
  'akimat.problem.both':
    '{key}: каталог жүйесін немесе тізілім объектісін таңдаңыз, екеуін бірдей емес.',
  'akimat.problem.level': '{key}: қол жеткізілген деңгей 0-ден {max}-ге дейін, {value} емес.',
  'akimat.problem.levelWithout':
    '{key}: автоматтандырылған функцияға оны автоматтандыратын жүйе немесе объект керек.',
  'akimat.problem.automated':
    '{key}: функцияны e-akimat автоматтандырады; басқа шешім қабылдау үшін алдымен «Автоматтандыру» бетінде оның автоматтандыруын өшіріңіз.',
  'akimat.problem.levelZero':
    '{key}: жүйесі бар функция автоматтандырылған: 1 немесе одан жоғары деңгейді таңдаңыз.',
  'akimat.problem.notPerformed': '{key}: әкімдік орындамайтын функция автоматтандырылмайды.',
  'akimat.problem.target': '{key}: мақсатты деңгей — {choices} ішінен бірі, {value} емес.',
  'akimat.problem.note': '{key}: ескертпе {max} таңбадан аспайды.',
  'akimat.problem.version':
    '{key}: бұл функцияны осы уақытта басқа біреу өзгертті; бетті жаңартып, қайталаңыз.',
  'akimat.status.not-performed': 'орындалмайды',
  'akimat.status.not-automated': 'автоматтандырылмаған',
  'akimat.status.non-recommended': 'ұсынылған жүйе емес',
  'akimat.status.below-level': 'мақсатты деңгейден төмен',
  'akimat.status.ok': 'үлгілік архитектураға сай',
  'akimat.level.region': 'облыс, республикалық маңызы бар қала, астана',
  'akimat.level.district': 'аудан, облыстық маңызы бар қала',
  'akimat.level.rural': 'қаладағы аудан, аудандық маңызы бар қала, кент, ауыл, ауылдық округ',
}
