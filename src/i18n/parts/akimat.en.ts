/**
 * @module
 * English texts: Akimat architectures: domain errors and words shared by the akimat pages. Keys are defined here; akimat.kk.ts and akimat.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const akimatEn = {
  'akimat.error.reduction':
    'A reduction is at most 100 % (a growth is written as a negative number), not {value}.',
  'akimat.error.katoFixed':
    'The akimat’s KATO code stays {value} once the typical set is adopted; the service integrator corrects a wrong one.',
  'akimat.home.available':
    'Available now: each akimat adopts the typical set of its level, sees its gaps by paragraph 9 and reports the Appendix 2 indicators (signed-in staff)',
  'akimat.home.open': 'Open the akimats',
  'akimat.nav.akimats': 'Akimats',
  'akimat.nav.label': 'Akimat navigation',
  'akimat.tab.list': 'Akimats',
  'akimat.tab.architecture': 'Architecture',
  'akimat.tab.gaps': 'Gaps',
  'akimat.tab.indicators': 'Indicators',
  'akimat.tab.exchange': 'Import and export',
  'akimat.tab.region': 'Region',
  'akimat.error.kato':
    'The KATO code is nine digits (the classifier of administrative-territorial objects), not “{value}”.',
  'akimat.error.katoRegion': 'A region’s KATO code ends in seven zeros ({expected}), not {value}.',
  'akimat.error.katoNotRegion':
    '{value} is the KATO code of a region; this akimat is of another level.',
  'akimat.error.katoTaken': 'KATO code {value} already belongs to another akimat.',
  'akimat.error.period': 'A period is a year (2026) or a quarter (2026-Q3), not “{value}”.',
  'akimat.error.date': '“{value}” is not a date; write YYYY-MM-DD.',
  'akimat.error.notFound': 'There is no akimat {id}, or you may not see it.',
  'akimat.error.notAdopted': 'Akimat {id} has not adopted the typical set yet.',
  'akimat.error.forbidden':
    'Only the akimat’s editors and administrators change its architecture and indicators.',
  'akimat.error.noTypicalSet': 'No typical set of this level is in force on {date}.',
  'akimat.error.decisions': '{count} decision(s) have problems; nothing was saved.',
  'akimat.error.indicator': 'There is no target indicator {code}.',
  'akimat.error.value': '“{value}” is not a number.',
  'akimat.error.share': 'A share is from 0 to 100, not {value}.',
  'akimat.error.count': 'A count is a whole number, 0 or more, not {value}.',
  'akimat.error.negative': 'The value cannot be negative ({value}).',
  'akimat.error.computed':
    'Indicator {code} is computed from e-akimat’s data and is not entered by hand.',
  'akimat.error.noteRequired': 'Say where the value comes from (a note is required).',
  'akimat.error.noteLong': 'A note has at most {max} characters.',
  'akimat.error.region': 'A region is the first two digits of a KATO code, not “{value}”.',
  'akimat.problem.key': '{key} is not a function of the adopted typical set.',
  'akimat.problem.duplicate': '{key} appears twice.',
  'akimat.problem.performed': '{key}: “performed” must be yes or no.',
  'akimat.problem.system': '{key}: there is no information system “{value}” in the catalogue.',
  'akimat.problem.object': '{key}: there is no registry object {value} that you may see.',
  'akimat.problem.both':
    '{key}: choose a system of the catalogue or an object of the registry, not both.',
  'akimat.problem.level': '{key}: the level reached is 0 to {max}, not {value}.',
  'akimat.problem.levelWithout':
    '{key}: an automated function needs the system or object that automates it.',
  'akimat.problem.automated':
    '{key}: e-akimat automates this function; switch its automation off on the Automation page before deciding otherwise.',
  'akimat.problem.levelZero':
    '{key}: a function with a system is automated: choose level 1 or higher.',
  'akimat.problem.notPerformed':
    '{key}: a function the akimat does not perform cannot be automated.',
  'akimat.problem.target': '{key}: the target level is one of {choices}, not {value}.',
  'akimat.problem.note': '{key}: a note has at most {max} characters.',
  'akimat.problem.version': '{key}: someone changed this function meanwhile; reload and try again.',
  'akimat.status.not-performed': 'not performed',
  'akimat.status.not-automated': 'not automated',
  'akimat.status.non-recommended': 'not the recommended system',
  'akimat.status.below-level': 'below the target level',
  'akimat.status.ok': 'as the typical architecture asks',
  'akimat.level.region': 'region, city of republican significance, capital',
  'akimat.level.district': 'district, city of regional significance',
  'akimat.level.rural':
    'district in a city, town of district significance, settlement, village, rural district',
} as const
