/**
 * @module
 * English interface texts. This file defines the keys; kk.ts and ru.ts must have every one.
 * Parameters are written `{name}`.
 */
export const en = {
  'app.name': 'e-akimat',
  'app.tagline': 'The typical architecture of the e-akimat, as working software',
  'nav.home': 'Home',
  'nav.language': 'Language',
  'nav.skipToContent': 'Skip to content',
  'home.title': 'e-akimat',
  'home.intro':
    'e-akimat turns the typical architecture of the e-akimat — the model of how local executive bodies of Kazakhstan are automated — from legal acts into working software: a catalogue read from the law, an architecture portal, regulated e-services and target indicators.',
  'home.parts': 'What e-akimat does',
  'home.part.catalog.title': 'Catalogue from the law',
  'home.part.catalog.text':
    'Every function of every administrative level, the information system that automates it, the automation approach, information resources and responsible units, each pointing to its act and lines, viewable as at any date.',
  'home.part.portal.title': 'Architecture portal',
  'home.part.portal.text':
    'Registry of informatization objects with accounting codes, lifecycle, technical documents and review by the service integrator with deadlines in working days.',
  'home.part.services.title': 'Regulated e-services',
  'home.part.services.text':
    'Public services run as their regulations define them: channels, checks, steps with time limits, signed results and reasoned refusals.',
  'home.part.indicators.title': 'Akimat architectures and indicators',
  'home.part.indicators.text':
    'Each akimat adapts the typical set, sees its gaps and reports the target indicators, computed from live data where the data is ours.',
  'home.part.available': 'Available now: import, dated versions and exports on the command line',
  'home.part.planned': 'Planned',
  'home.status': 'System status',
  'home.status.database': 'Database',
  'footer.text': 'e-akimat — open-source software. The texts of the law are shown as published.',
  'footer.api': 'API (OpenAPI)',
  'error.title': 'Error',
  'error.back': 'Back to the home page',
  'error.notFound': 'The page or resource you asked for does not exist.',
  'error.internal':
    'Something went wrong on our side. The error has been logged; please try again later.',
  'error.input': 'The request is not valid: {detail}',
  'error.conflict': 'The request conflicts with stored data: {detail}',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unavailable': 'The service is temporarily unavailable: {detail}',
  'error.payloadTooLarge': 'The request body is too large: at most {limit} bytes are accepted.',
  'error.malformedJson': 'The request body is not valid JSON.',
  'health.ok': 'ok',
} as const

/** A key of the interface texts. */
export type MessageKey = keyof typeof en
