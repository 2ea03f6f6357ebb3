import type { servicesEngineEn } from './services-engine.en.js'

export const servicesEngineRu: Record<keyof typeof servicesEngineEn, string> = {
  'services.error.serviceNotFound': 'Услуги «{code}» нет.',
  'services.error.generatedProvider':
    'Услуга «{code}» — собственная электронная услуга акимата: акимат сам включает и выключает её, другие поставщики к ней не привязываются.',
  'services.error.serviceWithdrawn': 'Услуга «{code}» больше не оказывается: акимат её отключил.',
  'services.error.organisationNotFound': 'Такой организации нет.',
  'services.error.providerKind':
    'Центр обслуживания населения или сервисный интегратор сами не оказывают услуги.',
  'services.error.wholeNumber': '{field}: целое число от 1 до {max}.',
  'services.error.feeRequired':
    'Услуга платная: укажите сумму оплаты, установленную её стандартом.',
  'services.error.providersForbidden':
    'Поставщиками услуг управляют только администраторы сервисного интегратора или уполномоченного органа.',
  'services.error.applicationNotFound': 'Такой заявки нет.',
  'services.error.iin': 'ИИН — 12 цифр с верной контрольной цифрой: «{value}» не подходит.',
  'services.error.bin': 'БИН — 12 цифр с верной контрольной цифрой: «{value}» не подходит.',
  'services.error.fieldRequired': 'Заполните поле «{field}».',
  'services.error.fieldTooLong': 'Поле «{field}» слишком длинное (не более {max} символов).',
  'services.error.fieldDate': 'Поле «{field}» должно быть датой (ГГГГ-ММ-ДД).',
  'services.error.fieldNumber': 'Поле «{field}» должно быть целым числом.',
  'services.error.fieldOption': 'Выберите один из вариантов поля «{field}».',
  'services.error.slot': 'В этой форме нет вложения «{slot}».',
  'services.error.slotTwice': 'Приложите один файл для «{field}».',
  'services.error.fileTooLarge': 'Файл для «{field}» слишком большой (не более {max} МБ).',
  'services.error.fileType': 'Файл для «{field}» должен быть одного из типов: {types}.',
  'services.error.filesTooLarge': 'Файлы вместе слишком большие (не более {max} МБ).',
  'services.error.attachmentRequired': 'Приложите «{field}».',
  'services.error.recipientKind': 'Эта услуга не оказывается такому виду получателя.',
  'services.error.provider': 'Выберите одного из поставщиков этой услуги.',
  'services.error.feeNotSet': 'Сумма оплаты этой услуги ещё не указана; оплатить её нельзя.',
  'services.error.channel': 'У этой услуги нет такого канала.',
  'services.error.operatorOnly': 'Это делает только оператор.',
  'services.error.deskNotProvider': 'В своей канцелярии заявки регистрирует только сам поставщик.',
  'services.error.notCentre':
    'Через центр заявки регистрирует только центр обслуживания населения.',
  'services.error.powerOfAttorney': 'Номер доверенности слишком длинный.',
  'services.error.notWaiting': 'Заявка сейчас этого не ждёт; обновите страницу.',
  'services.error.signatureEmpty': 'Вставьте подпись (CMS, base64).',
  'services.error.reasonRequired': 'Укажите причины отказа (не менее {min} символов).',
  'services.error.reasonTooLong': 'Причины слишком длинные (не более {max} символов).',
  'services.error.signerOnly': 'Результат подписывает только уполномоченное лицо поставщика.',
  'services.error.attachmentNotFound': 'Такого вложения нет.',
  'services.error.noResult': 'Документа результата ещё нет.',
  'services.error.notEnded': 'Заявка ещё не завершена.',
  'services.error.surveyAnswer': 'Выберите один из ответов на каждый вопрос.',
  'services.error.surveyAnswered': 'Вы уже ответили на опрос по этой заявке.',
  'services.error.stale':
    'Тем временем по заявке действовал кто-то другой; обновите страницу и повторите.',
  'services.signature.malformed':
    'Подпись не удалось прочитать: нужна подпись CMS (PKCS #7) в base64 (в CLI запускайте `npm run --silent …`: строки самого npm в неё не входят).',
  'services.signature.data-mismatch': 'Подпись поставлена не под данными этой заявки.',
  'services.signature.untrusted': 'Сертификат выдан не доверенным удостоверяющим центром.',
  'services.signature.not-yet-valid': 'Срок действия сертификата ещё не начался.',
  'services.signature.expired': 'Срок действия сертификата истёк.',
  'services.signature.revoked': 'Сертификат отозван (он в списке отозванных).',
  'services.signature.revocation-unknown':
    'Статус отзыва сертификата неизвестен (нет актуального списка отзыва).',
  'services.signature.identity-mismatch':
    'Сертификат не собственный сертификат заявителя: он должен быть выдан на ИИН заявителя, для личной заявки — без БИН, для заявки компании — с БИН компании.',
  'services.refusal.sign-in': 'Отказ в авторизации из-за нарушений в данных получателя.',
  'services.refusal.unpaid': 'Отказано: услуга не оплачена.',
  'services.refusal.signature': 'Отказано: подлинность ЭЦП не подтверждена.',
  'services.refusal.state-data':
    'Отказано: данные получателя не удалось получить из государственных баз данных.',
  'services.refusal.grounds':
    'Отказано: документы или основания для оказания услуги не соответствуют.',
  'services.detail.declined': 'Платёжный шлюз отклонил оплату.',
  'services.detail.recipient-missing': 'Получателя нет в государственных базах данных.',
  'services.detail.absent': 'Доверенности нет в нотариальной системе.',
  'services.detail.expired': 'Срок доверенности истёк.',
  'services.detail.mismatch': 'Доверенность выдана не этим получателем этому представителю.',
  'services.document.refusalTitle': 'Уведомление об отказе в оказании услуги',
  'services.document.decisionIssued': 'Услуга оказана.',
  'services.document.decisionRefused': 'В оказании услуги отказано.',
  'services.document.service': 'Услуга',
  'services.document.provider': 'Услугодатель',
  'services.document.number': 'Номер заявки',
  'services.document.recipient': 'Получатель',
  'services.document.decision': 'Решение',
  'services.document.reason': 'Причины',
  'services.document.date': 'Дата',
  'services.document.verification': 'Код проверки',
  'services.document.signature':
    'Выдано по поручению уполномоченного лица услугодателя и подписано ЭЦП услугодателя',
  'services.iin': 'ИИН',
  'services.bin': 'БИН',
  'services.error.notConfigured': 'Электронные услуги на этом сервере не настроены.',
  'services.error.base64': 'Вложение — не корректный base64.',
  'services.error.codeNotFound': 'Нет результата или отказа с таким кодом проверки.',
  'services.error.feeRange': 'Сумма оплаты — целое число тенге от 1 до {max}.',
  'services.error.termRange': 'Срок — целое число рабочих дней от 1 до {max}.',
  'services.error.paymentPending':
    'Предыдущий платёж ещё обрабатывается платёжным шлюзом; повторите через минуту.',
  'services.error.organisationBin':
    'У вашей организации не указан БИН, поэтому сертификат нельзя с ней сопоставить; попросите администратора его указать.',
  'services.result.downloadSignature': 'Скачать подпись (.p7s)',
  'services.verify.signature': 'Электронная цифровая подпись',
  'services.verify.signatureValid':
    'Действительна: сохранённая подпись соответствует выданному документу.',
  'services.verify.signatureInvalid':
    'Недействительна: сохранённая подпись не соответствует выданному документу.',
  'services.share.details': 'сведения: услуга, решение, услугодатель, дата',
  'services.verify.detailsHidden':
    'Получатель не выбрал показ сведений об этом документе. Загрузите полученный PDF: если это документ, выданный под этим кодом, его сведения будут показаны.',
  'services.done.refused': 'По заявке отказано: причины ниже.',
  'services.app.noTermEnded': 'нет: заявка завершилась до регистрации',
  'services.document.signatureSystem':
    'Сформировано информационной системой услугодателя и подписано её ЭЦП',
  'services.error.employeeBin':
    'Сертификат — не сертификат сотрудника вашей организации: в нём должен быть БИН {bin}.',
}
