/** English texts of services-engine (keys are defined here; kk and ru must have every one). */
export const servicesEngineEn = {
  'services.error.serviceNotFound': 'No service "{code}".',
  'services.error.generatedProvider':
    'The service «{code}» is an akimat’s own e-service: the akimat switches it on and off itself, and no administrator binds other providers to it.',
  'services.error.serviceWithdrawn':
    'The service "{code}" is no longer offered: the akimat switched it off.',
  'services.error.organisationNotFound': 'No such organisation.',
  'services.error.providerKind':
    'A population service centre or the service integrator does not provide services itself.',
  'services.error.wholeNumber': '{field} must be a whole number from 1 to {max}.',
  'services.error.feeRequired': 'This service is paid: enter the fee its standard sets.',
  'services.error.providersForbidden':
    'Only administrators of the service integrator or the authorised body manage the providers of services.',
  'services.error.applicationNotFound': 'No such application.',
  'services.error.iin': 'An IIN is 12 digits with a valid check digit: "{value}" is not.',
  'services.error.bin': 'A BIN is 12 digits with a valid check digit: "{value}" is not.',
  'services.error.fieldRequired': 'Fill in "{field}".',
  'services.error.fieldTooLong': '"{field}" is too long (at most {max} characters).',
  'services.error.fieldDate': '"{field}" must be a date (YYYY-MM-DD).',
  'services.error.fieldNumber': '"{field}" must be a whole number.',
  'services.error.fieldOption': 'Choose one of the options of "{field}".',
  'services.error.slot': 'This form has no attachment "{slot}".',
  'services.error.slotTwice': 'Attach one file for "{field}".',
  'services.error.fileTooLarge': 'The file for "{field}" is too large (at most {max} MB).',
  'services.error.fileType': 'The file for "{field}" must be one of: {types}.',
  'services.error.filesTooLarge': 'The files are too large together (at most {max} MB).',
  'services.error.attachmentRequired': 'Attach "{field}".',
  'services.error.recipientKind': 'This service is not provided to this kind of recipient.',
  'services.error.provider': 'Choose one of the providers of this service.',
  'services.error.feeNotSet':
    'The fee of this service has not been entered yet; the service cannot be paid for.',
  'services.error.channel': 'This service has no such channel.',
  'services.error.operatorOnly': 'Only an operator does this.',
  'services.error.deskNotProvider': 'Only the provider registers applications at its own desk.',
  'services.error.notCentre':
    'Only a population service centre registers applications through the centre.',
  'services.error.powerOfAttorney': 'The power of attorney number is too long.',
  'services.error.notWaiting': 'The application is not waiting for this now; reload the page.',
  'services.error.signatureEmpty': 'Paste the signature (CMS, base64).',
  'services.error.reasonRequired': 'Give the reasons for the refusal (at least {min} characters).',
  'services.error.reasonTooLong': 'The reasons are too long (at most {max} characters).',
  'services.error.signerOnly': "Only the provider's authorised person signs the result.",
  'services.error.attachmentNotFound': 'No such attachment.',
  'services.error.noResult': 'There is no result document yet.',
  'services.error.notEnded': 'The application has not ended yet.',
  'services.error.surveyAnswer': 'Choose one of the answers to each question.',
  'services.error.surveyAnswered': 'You have already answered the survey for this application.',
  'services.error.stale':
    'Someone else has acted on this application meanwhile; reload the page and try again.',
  'services.signature.malformed':
    "The signature could not be read: it must be a CMS (PKCS #7) signature in base64 (with the CLI, run `npm run --silent …`: npm's own lines are not part of it).",
  'services.signature.data-mismatch': 'The signature is not over the data of this application.',
  'services.signature.untrusted':
    'The certificate was not issued by a trusted certification authority.',
  'services.signature.not-yet-valid': 'The certificate is not valid yet.',
  'services.signature.expired': 'The certificate has expired.',
  'services.signature.revoked': 'The certificate has been revoked (it is on the revocation list).',
  'services.signature.revocation-unknown':
    "The certificate's revocation status is unknown (no current revocation list).",
  'services.signature.identity-mismatch':
    "The certificate is not the applicant's own: it must be issued to the applicant's IIN, without a BIN for a personal application, with the company's BIN for a company's.",
  'services.refusal.sign-in': "Sign-in refused because of errors in the recipient's data.",
  'services.refusal.unpaid': 'Refused: the service was not paid for.',
  'services.refusal.signature': 'Refused: the electronic digital signature was not confirmed.',
  'services.refusal.state-data':
    "Refused: the recipient's data could not be obtained from the state databases.",
  'services.refusal.grounds': 'Refused: the documents or the grounds of the service are not met.',
  'services.detail.declined': 'The payment was declined by the payment gateway.',
  'services.detail.recipient-missing': 'The recipient is not in the state databases.',
  'services.detail.absent': 'The power of attorney is not in the notary system.',
  'services.detail.expired': 'The power of attorney has expired.',
  'services.detail.mismatch':
    'The power of attorney was not given by this recipient to this representative.',
  'services.document.refusalTitle': 'Notice of refusal to provide the service',
  'services.document.decisionIssued': 'The service has been provided.',
  'services.document.decisionRefused': 'The service is refused.',
  'services.document.service': 'Service',
  'services.document.provider': 'Provider',
  'services.document.number': 'Application number',
  'services.document.recipient': 'Recipient',
  'services.document.decision': 'Decision',
  'services.document.reason': 'Reasons',
  'services.document.date': 'Date',
  'services.document.verification': 'Verification code',
  'services.document.signature':
    "Issued on the instruction of the provider's authorised person and signed with the provider's electronic digital signature",
  'services.iin': 'IIN',
  'services.bin': 'BIN',
  'services.error.notConfigured': 'E-services are not configured on this server.',
  'services.error.base64': 'An attachment is not valid base64.',
  'services.error.codeNotFound': 'No result or refusal has this verification code.',
  'services.error.feeRange': 'The fee must be a whole number of tenge from 1 to {max}.',
  'services.error.termRange': 'The term must be a whole number of working days from 1 to {max}.',
  'services.error.paymentPending':
    'The previous payment is still being processed by the payment gateway; try again in a minute.',
  'services.error.organisationBin':
    'Your organisation has no BIN recorded, so no certificate can be matched to it; ask an administrator to enter it.',
  'services.result.downloadSignature': 'Download its signature (.p7s)',
  'services.verify.signature': 'Electronic signature',
  'services.verify.signatureValid': 'Valid: the stored signature matches the issued document.',
  'services.verify.signatureInvalid':
    'Not valid: the stored signature does not match the issued document.',
  'services.share.details': 'the details: service, decision, provider, date',
  'services.verify.detailsHidden':
    'The applicant has not chosen to show the details of this document. Upload the PDF you were given: if it is the one issued under this code, its details are shown.',
  'services.done.refused': 'The application is refused: the reasons are below.',
  'services.app.noTermEnded': 'none: the application ended before it was registered',
  'services.document.signatureSystem':
    "Formed by the provider's information system and signed with its electronic digital signature",
  'services.error.employeeBin':
    'The certificate is not an employee certificate of your organisation: it must carry the BIN {bin}.',
} as const
