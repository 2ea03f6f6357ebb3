/**
 * @module
 * English texts: security (sign-in rate limit, the security audit log, operations). Keys are defined in security.en.ts; security.kk.ts and security.ru.ts must have every one, with the same `{param}` placeholders.
 */
export const securityEn = {
  'security.requestId': 'Request id (quote it when you report the error)',
  'security.rateLimit.message':
    'Too many failed sign-ins from your network address. Try again in {minutes} min.',
  'security.audit.title': 'Security log',
  'security.audit.intro':
    'Failed and refused sign-ins, lock-outs, sign-ins refused by the rate limit, denied access and rejected form tokens, newest first, with the address they came from. Events are kept for {days} days.',
  'security.audit.forbidden':
    'Only administrators of the authorised body or the service integrator see the security log.',
  'security.audit.link': 'Security log',
  'security.audit.filter.kind': 'Event',
  'security.audit.filter.allKinds': 'All events',
  'security.audit.filter.ip': 'Address',
  'security.audit.filter.from': 'From (date)',
  'security.audit.filter.to': 'To (date, inclusive)',
  'security.audit.filter.apply': 'Show',
  'security.audit.col.at': 'Time (Astana)',
  'security.audit.col.kind': 'Event',
  'security.audit.col.ip': 'Address',
  'security.audit.col.account': 'Account',
  'security.audit.col.request': 'Request',
  'security.audit.col.details': 'Details',
  'security.audit.kind.login.failed': 'Failed sign-in',
  'security.audit.kind.login.locked': 'Locked account',
  'security.audit.kind.login.rate-limited': 'Refused by the rate limit',
  'security.audit.kind.access.denied': 'Access denied',
  'security.audit.kind.csrf.rejected': 'Form token rejected',
  'security.audit.user': 'user #{id}',
  'security.audit.person': 'applicant #{id}',
  'security.audit.empty': 'No events match.',
  'security.audit.shown': 'Events {from}–{to} of {total}',
  'security.audit.newer': 'Newer',
  'security.audit.older': 'Older',
  'security.deadline.reviewOverdue.subject': 'Review overdue: {name}',
  'security.deadline.reviewOverdue.body':
    'The review of the informatization object “{name}” was due by {due} and has no decision yet.',
  'security.deadline.accountOverdue.subject': 'Account request overdue: {organisation}',
  'security.deadline.accountOverdue.body':
    'The account request of {organisation} had to be decided by {due} and is still waiting.',
  'security.text.bidi':
    'The name contains invisible text-direction characters (for example from a copied text). Type it again without them.',
}
