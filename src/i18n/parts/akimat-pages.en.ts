/**
 * @module
 * English texts: Akimat architecture pages: the architecture, adoption, decisions and the gap report. Keys are defined here; akimat-pages.kk.ts and akimat-pages.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const akimatPagesEn = {
  'akimat.pages.list.title': 'Akimats',
  'akimat.pages.list.who':
    'You see your own akimat; the akimat of a region also sees the akimats of its region (by KATO code), and the service integrator and the authorised body see them all.',
  'akimat.pages.list.none': 'There is no akimat you may see.',
  'akimat.pages.column.akimat': 'Akimat',
  'akimat.pages.column.level': 'Level',
  'akimat.pages.column.kato': 'KATO code',
  'akimat.pages.column.typicalAt': 'Typical set as at',
  'akimat.pages.column.recommended': 'Recommended systems',
  'akimat.pages.column.used': 'Used by the akimat',
  'akimat.pages.column.levels': 'Level reached / target',
  'akimat.pages.column.status': 'Status',
  'akimat.pages.column.open': 'Function page',
  'akimat.pages.column.key': 'Function',
  'akimat.pages.count.functions': 'Functions',
  'akimat.pages.count.performed': 'Performed',
  'akimat.pages.count.automated': 'Automated',
  'akimat.pages.count.withGaps': 'With gaps',
  'akimat.pages.unit.functions': 'functions',
  'akimat.pages.notAdopted.short': 'not adopted yet',
  'akimat.pages.notAdopted.text':
    'This akimat has not adopted the typical set of its level yet, so it has no architecture to show.',
  'akimat.pages.notAdopted.wait':
    'The akimat’s editors and administrators adopt it; then its architecture appears here.',
  'akimat.pages.architecture.title': 'Architecture of the akimat',
  'akimat.pages.adopt.kato': 'KATO code of the akimat',
  'akimat.pages.adopt.katoHintRegion':
    'Nine digits of the classifier of administrative-territorial objects, the first two being the region. A region’s akimat (region, city of republican significance, capital) has a code ending in seven zeros, for example 110000000.',
  'akimat.pages.adopt.katoHintLower':
    'Nine digits of the classifier of administrative-territorial objects, the first two being the region, for example 114200000. Only a region’s code ends in seven zeros; this akimat’s does not.',
  'akimat.pages.adopt.set': 'Typical set to adopt',
  'akimat.pages.adopt.option':
    'Architecture {architecture}, in force {from} – {to}: the set as at {date}, {rows} functions.',
  'akimat.pages.adopt.partial':
    'Only the rows restated by amendments are loaded: the base text of this architecture is not in the catalogue.',
  'akimat.pages.adopt.noSets': 'The catalogue holds no typical set of this level.',
  'akimat.pages.adopt.keep':
    'Decisions already made are kept for every function that stays in the set; the others remain in the history.',
  'akimat.pages.adopt.submit': 'Adopt the typical set',
  'akimat.pages.adopt.again': 'Adopt the typical set again, as at another date',
  'akimat.pages.done.adopted': 'The typical set is adopted.',
  'akimat.pages.done.saved': 'The decision is saved.',
  'akimat.pages.done.unchanged': 'Nothing changed: the decision was already the same.',
  'akimat.pages.done.toGaps': 'See the gap report.',
  'akimat.pages.summary.architectures': '(architecture {architectures}, section {section})',
  'akimat.pages.summary.adopted': 'Adopted',
  'akimat.pages.chart.statuses': 'Functions by status',
  'akimat.pages.chart.statusesDescription':
    'Of {total} functions, {ok} are as the typical architecture asks and {gaps} have gaps.',
  'akimat.pages.rule91':
    'Paragraph 9.1 of the typical architecture: where a system of a central authorised body or an interdepartmental system automates a function, the akimat uses it. The recommended systems are those the row of Appendix 1 names; without one, the akimat builds its own system to the extent of Appendix 1 (9.2), at any of the printed levels (9.3).',
  'akimat.pages.functions.title': 'Functions of the typical set',
  'akimat.pages.functions.count': '{shown} of {total} functions.',
  'akimat.pages.functions.page': 'Shown: {first}–{last}.',
  'akimat.pages.functions.none': 'No function matches the filters.',
  'akimat.pages.functions.decide': 'Decide',
  'akimat.pages.functions.open': 'Open',
  'akimat.pages.filter.status': 'Status',
  'akimat.pages.filter.anyGap': 'any gap',
  'akimat.pages.filter.services': 'Only state services',
  'akimat.pages.filter.text': 'Text',
  'akimat.pages.recommended.none': 'none named',
  'akimat.pages.used.hiddenObject': 'registry object No. {id}',
  'akimat.pages.levels.printed': 'levels: {levels}',
  'akimat.pages.levels.nonePrinted': 'no levels printed',
  'akimat.pages.levels.noneText': 'The row prints no levels: automating it is one level (1).',
  'akimat.pages.outside.title': 'Decisions on functions no longer in the set',
  'akimat.pages.outside.text':
    'The akimat adopted the typical set again since these decisions; their functions are not in the set adopted now.',
  'akimat.pages.events.title': 'Recent events',
  'akimat.pages.events.none': 'No events yet.',
  'akimat.pages.event.adopted':
    'adopted the typical set as at {at} (KATO {kato}, {functions} functions)',
  'akimat.pages.event.readopted':
    'adopted the typical set again, as at {at} instead of {before} (KATO {kato}, {functions} functions)',
  'akimat.pages.event.decisions': 'recorded decisions on {changed} function(s)',
  'akimat.pages.event.indicator': 'recorded indicator values for {period} ({code})',
  'akimat.pages.function.title': 'Function {section}.{number}',
  'akimat.pages.function.outsideTitle': 'Function {key}',
  'akimat.pages.function.outside':
    'This function is not in the typical set the akimat adopted now; only its decisions’ history is shown.',
  'akimat.pages.function.lines': 'section {section}, lines {first}–{last} of the text',
  'akimat.pages.function.rowPage': 'the row in the catalogue',
  'akimat.pages.recommendation.title': 'Recommendation (paragraph 9.1)',
  'akimat.pages.recommendation.named':
    'The row names a central or interdepartmental system, which the akimat uses:',
  'akimat.pages.recommendation.none':
    'The row names no central or interdepartmental system: the akimat automates the function with its own system (paragraph 9.2), at a level it chooses among the printed ones (9.3).',
  'akimat.pages.recommendation.current': 'The current decision:',
  'akimat.pages.follows.yes': 'follows the recommendation ({system}).',
  'akimat.pages.follows.no': 'does not follow it: another system automates the function.',
  'akimat.pages.follows.own': 'the akimat automates it with its own system or object.',
  'akimat.pages.follows.notAutomated': 'the function is not automated yet.',
  'akimat.pages.follows.notPerformed': 'the akimat does not perform this function.',
  'akimat.pages.decision.title': 'Decision',
  'akimat.pages.decision.readOnly':
    'Only the akimat’s editors and administrators change its decisions.',
  'akimat.pages.decision.what': 'What automates the function',
  'akimat.pages.decision.whatHint':
    'Choose a system of the catalogue or an object of the portal registry (for example the akimat’s own system), not both; leave both empty while it is not automated.',
  'akimat.pages.decision.save': 'Save the decision',
  'akimat.pages.field.performed': 'Does the akimat perform this function?',
  'akimat.pages.field.system': 'System of the catalogue',
  'akimat.pages.field.object': 'Object of the registry',
  'akimat.pages.field.none': '— none —',
  'akimat.pages.field.recommendedGroup': 'Recommended (paragraph 9.1)',
  'akimat.pages.field.otherSystems': 'Other systems of the catalogue',
  'akimat.pages.field.ownObjects': 'This akimat’s objects',
  'akimat.pages.field.registryObjects': 'Other objects of the registry',
  'akimat.pages.field.level': 'Level reached',
  'akimat.pages.field.targetLevel': 'Target level',
  'akimat.pages.field.note': 'Note',
  'akimat.pages.performed.yes': 'Yes, it performs it',
  'akimat.pages.performed.no': 'No, it does not perform it',
  'akimat.pages.level.zero': '0 — not automated',
  'akimat.pages.level.n': '{level} —',
  'akimat.pages.level.automated': '{level} — automated',
  'akimat.pages.target.highest': 'the highest printed ({level})',
  'akimat.pages.target.highestShort': 'highest',
  'akimat.pages.target.hint':
    'Paragraph 9.3: where the row prints several levels, the akimat chooses any of them as its target.',
  'akimat.pages.history.title': 'Versions of the decision',
  'akimat.pages.history.none':
    'No decision yet: the function counts as performed and not automated.',
  'akimat.pages.history.version': 'Version',
  'akimat.pages.history.when': 'Recorded',
  'akimat.pages.history.who': 'By',
  'akimat.pages.source.form': 'form',
  'akimat.pages.source.api': 'API',
  'akimat.pages.source.import': 'import',
  'akimat.pages.source.adoption': 'adoption',
  'akimat.pages.yes': 'yes',
  'akimat.pages.no': 'no',
  'akimat.pages.gaps.title': 'Gap report',
  'akimat.pages.gaps.asOf':
    'As at {time} (Almaty time), for the typical set as at {date}; KATO {kato}.',
  'akimat.pages.gaps.print':
    'To print this report or save it as PDF, use the browser’s print command: the navigation and forms are left out.',
  'akimat.pages.gaps.chart': 'Gaps by kind',
  'akimat.pages.gaps.chartDescription':
    '{notAutomated} functions not automated, {nonRecommended} not with the recommended system, {belowLevel} below the target level.',
  'akimat.pages.gaps.notAutomated': 'Not automated',
  'akimat.pages.gaps.notAutomatedText':
    'Functions the akimat performs that no system or object automates yet.',
  'akimat.pages.gaps.nonRecommended': 'Not the recommended system',
  'akimat.pages.gaps.belowLevel': 'Below the target level',
  'akimat.pages.gaps.belowLevelText':
    'Functions automated to a lower level than the target: the highest printed level unless the akimat chose another (paragraph 9.3).',
  'akimat.pages.gaps.byGroup': 'By group',
  'akimat.pages.gaps.none': 'None.',
  'akimat.pages.api.asOf':
    '“{value}” is not a moment in time; write an ISO date and time, such as 2026-03-01T00:00:00Z.',
} as const
