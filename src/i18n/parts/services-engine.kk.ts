import type { servicesEngineEn } from './services-engine.en.js'

export const servicesEngineKk: Record<keyof typeof servicesEngineEn, string> = {
  'services.error.serviceNotFound': '«{code}» қызметі жоқ.',
  'services.error.generatedProvider':
    '«{code}» қызметі — әкімдіктің өз электрондық қызметі: әкімдік оны өзі қосып-өшіреді, оған басқа көрсетушілер байланыстырылмайды.',
  'services.error.serviceWithdrawn': '«{code}» қызметі енді көрсетілмейді: әкімдік оны өшірді.',
  'services.error.organisationNotFound': 'Мұндай ұйым жоқ.',
  'services.error.providerKind':
    'Халыққа қызмет көрсету орталығы немесе сервистік интегратор қызметті өзі көрсетпейді.',
  'services.error.wholeNumber': '{field} 1-ден {max}-ге дейінгі бүтін сан болуы керек.',
  'services.error.feeRequired':
    'Бұл қызмет ақылы: стандартында белгіленген төлем сомасын енгізіңіз.',
  'services.error.providersForbidden':
    'Қызмет көрсетушілерді тек сервистік интегратордың немесе уәкілетті органның әкімшілері басқарады.',
  'services.error.applicationNotFound': 'Мұндай өтінім жоқ.',
  'services.error.iin': 'ЖСН — бақылау цифры дұрыс 12 цифр: «{value}» олай емес.',
  'services.error.bin': 'БСН — бақылау цифры дұрыс 12 цифр: «{value}» олай емес.',
  'services.error.fieldRequired': '«{field}» толтырыңыз.',
  'services.error.fieldTooLong': '«{field}» тым ұзын (ең көбі {max} таңба).',
  'services.error.fieldDate': '«{field}» күн болуы керек (ЖЖЖЖ-АА-КК).',
  'services.error.fieldNumber': '«{field}» бүтін сан болуы керек.',
  'services.error.fieldOption': '«{field}» нұсқаларының бірін таңдаңыз.',
  'services.error.slot': 'Бұл нысанда «{slot}» қосымшасы жоқ.',
  'services.error.slotTwice': '«{field}» үшін бір файл тіркеңіз.',
  'services.error.fileTooLarge': '«{field}» файлы тым үлкен (ең көбі {max} МБ).',
  'services.error.fileType': '«{field}» файлы мыналардың бірі болуы керек: {types}.',
  'services.error.filesTooLarge': 'Файлдардың жалпы көлемі тым үлкен (ең көбі {max} МБ).',
  'services.error.attachmentRequired': '«{field}» тіркеңіз.',
  'services.error.recipientKind': 'Бұл қызмет алушының мұндай түріне көрсетілмейді.',
  'services.error.provider': 'Осы қызметті көрсетушілердің бірін таңдаңыз.',
  'services.error.feeNotSet': 'Бұл қызметтің төлем сомасы әлі енгізілмеген; оны төлеу мүмкін емес.',
  'services.error.channel': 'Бұл қызметте мұндай арна жоқ.',
  'services.error.operatorOnly': 'Мұны тек оператор жасайды.',
  'services.error.deskNotProvider': 'Өз кеңсесінде өтінімдерді тек қызмет көрсетуші тіркейді.',
  'services.error.notCentre':
    'Орталық арқылы өтінімдерді тек халыққа қызмет көрсету орталығы тіркейді.',
  'services.error.powerOfAttorney': 'Сенімхат нөмірі тым ұзын.',
  'services.error.notWaiting': 'Өтінім қазір мұны күтіп тұрған жоқ; бетті жаңартыңыз.',
  'services.error.signatureEmpty': 'Қолтаңбаны қойыңыз (CMS, base64).',
  'services.error.reasonRequired': 'Бас тарту себептерін көрсетіңіз (кемінде {min} таңба).',
  'services.error.reasonTooLong': 'Себептер тым ұзын (ең көбі {max} таңба).',
  'services.error.signerOnly': 'Нәтижеге тек қызмет көрсетушінің уәкілетті тұлғасы қол қояды.',
  'services.error.attachmentNotFound': 'Мұндай қосымша жоқ.',
  'services.error.noResult': 'Нәтиже құжаты әлі жоқ.',
  'services.error.notEnded': 'Өтінім әлі аяқталған жоқ.',
  'services.error.surveyAnswer': 'Әр сұраққа жауаптардың бірін таңдаңыз.',
  'services.error.surveyAnswered': 'Сіз бұл өтінім бойынша сауалнамаға жауап бердіңіз.',
  'services.error.stale':
    'Осы уақытта өтінім бойынша басқа біреу әрекет жасады; бетті жаңартып, қайталаңыз.',
  'services.signature.malformed':
    'Қолтаңбаны оқу мүмкін болмады: ол base64 форматындағы CMS (PKCS #7) қолтаңбасы болуы керек (CLI-мен `npm run --silent …` іске қосыңыз: npm-нің өз жолдары оған кірмейді).',
  'services.signature.data-mismatch': 'Қолтаңба осы өтінімнің деректеріне қойылмаған.',
  'services.signature.untrusted': 'Тіркеу куәлігін сенімді куәландырушы орталық бермеген.',
  'services.signature.not-yet-valid': 'Тіркеу куәлігінің қолданылу мерзімі әлі басталмаған.',
  'services.signature.expired': 'Тіркеу куәлігінің қолданылу мерзімі өтіп кеткен.',
  'services.signature.revoked': 'Тіркеу куәлігі кері қайтарылған (күші жойылғандар тізімінде).',
  'services.signature.revocation-unknown':
    'Тіркеу куәлігінің кері қайтарылу мәртебесі белгісіз (жаңа тізім жоқ).',
  'services.signature.identity-mismatch':
    'Тіркеу куәлігі алушының өзінікі емес: ол алушының ЖСН-іне берілуі керек, жеке өтінім үшін БСН-сіз, компания өтінімі үшін компанияның БСН-імен.',
  'services.refusal.sign-in':
    'Алушының деректеріндегі бұзушылықтарға байланысты авторландырудан бас тартылды.',
  'services.refusal.unpaid': 'Бас тартылды: қызмет үшін төлем жоқ.',
  'services.refusal.signature': 'Бас тартылды: ЭЦҚ шынайылығы расталмады.',
  'services.refusal.state-data':
    'Бас тартылды: алушының деректерін мемлекеттік дерекқорлардан алу мүмкін болмады.',
  'services.refusal.grounds': 'Бас тартылды: құжаттар немесе қызмет көрсету негіздері сәйкес емес.',
  'services.detail.declined': 'Төлемді төлем шлюзі қабылдамады.',
  'services.detail.recipient-missing': 'Алушы мемлекеттік дерекқорларда жоқ.',
  'services.detail.absent': 'Сенімхат нотариаттық жүйеде жоқ.',
  'services.detail.expired': 'Сенімхаттың мерзімі өтіп кеткен.',
  'services.detail.mismatch': 'Сенімхатты бұл алушы осы өкілге бермеген.',
  'services.document.refusalTitle': 'Қызмет көрсетуден бас тарту туралы хабарлама',
  'services.document.decisionIssued': 'Қызмет көрсетілді.',
  'services.document.decisionRefused': 'Қызмет көрсетуден бас тартылды.',
  'services.document.service': 'Қызмет',
  'services.document.provider': 'Қызмет көрсетуші',
  'services.document.number': 'Өтінім нөмірі',
  'services.document.recipient': 'Алушы',
  'services.document.decision': 'Шешім',
  'services.document.reason': 'Себептері',
  'services.document.date': 'Күні',
  'services.document.verification': 'Тексеру коды',
  'services.document.signature':
    'Қызмет көрсетушінің уәкілетті тұлғасының тапсырмасы бойынша берілді және қызмет көрсетушінің ЭЦҚ-сымен қол қойылды',
  'services.iin': 'ЖСН',
  'services.bin': 'БСН',
  'services.error.notConfigured': 'Бұл серверде электрондық қызметтер бапталмаған.',
  'services.error.base64': 'Қосымша дұрыс base64 емес.',
  'services.error.codeNotFound': 'Бұл тексеру коды бар нәтиже немесе бас тарту жоқ.',
  'services.error.feeRange': 'Төлем сомасы 1-ден {max}-ге дейінгі бүтін теңге болуы керек.',
  'services.error.termRange':
    'Мерзім 1-ден {max}-ге дейінгі жұмыс күндерінің бүтін саны болуы керек.',
  'services.error.paymentPending':
    'Алдыңғы төлемді төлем шлюзі әлі өңдеп жатыр; бір минуттан кейін қайталаңыз.',
  'services.error.organisationBin':
    'Ұйымыңыздың БСН-і енгізілмеген, сондықтан тіркеу куәлігін оған сәйкестендіру мүмкін емес; әкімшіден оны енгізуді сұраңыз.',
  'services.result.downloadSignature': 'Қолтаңбасын жүктеу (.p7s)',
  'services.verify.signature': 'Электрондық цифрлық қолтаңба',
  'services.verify.signatureValid': 'Жарамды: сақталған қолтаңба берілген құжатқа сәйкес.',
  'services.verify.signatureInvalid': 'Жарамсыз: сақталған қолтаңба берілген құжатқа сәйкес емес.',
  'services.share.details': 'мәліметтері: қызмет, шешім, қызмет көрсетуші, күні',
  'services.verify.detailsHidden':
    'Алушы бұл құжаттың мәліметтерін көрсетуді таңдамаған. Өзіңізге берілген PDF файлын жүктеңіз: егер ол осы кодпен берілген құжат болса, оның мәліметтері көрсетіледі.',
  'services.done.refused': 'Өтінім бойынша бас тартылды: себептері төменде.',
  'services.app.noTermEnded': 'жоқ: өтінім тіркелгенге дейін аяқталды',
  'services.document.signatureSystem':
    'Қызмет көрсетушінің ақпараттық жүйесі қалыптастырды және оның ЭЦҚ-сымен қол қойылды',
  'services.error.employeeBin':
    'Тіркеу куәлігі ұйымыңыздың қызметкерінің куәлігі емес: онда {bin} БСН-і болуы керек.',
}
