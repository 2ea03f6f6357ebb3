/**
 * @module
 * The recurring automation patterns of Appendix 1 (typical architecture, Appendix 1; notes part 6)
 * and the reading of every row into one of them, from its printed automation approach («Автоматтандыру
 * тәсілі / әдісі», «Способ автоматизации») or, where a row prints none, from its group («Функционалдық
 * мүмкіндік») and its information resources. Pure functions over catalogue rows: the same answer for
 * the coverage report, the akimat's switch-on page, the API and the tests.
 *
 * Where a row fits no pattern it stays "not automatable here", with the reason.
 */
import type { CatalogRow, CatalogSnapshot } from '../catalog/index.js'

/** The patterns e-akimat runs, in the order reports list them. */
export const PATTERNS = [
  'application',
  'registry',
  'control',
  'appeals',
  'meetings',
  'normative-acts',
  'proposals',
  'monitoring',
] as const
export type Pattern = (typeof PATTERNS)[number]

/** Why a row is not automatable here. */
export const NOT_AUTOMATABLE = ['no-approach', 'budget', 'trading', 'specialised-system'] as const
export type NotAutomatableReason = (typeof NOT_AUTOMATABLE)[number]

export interface Classification {
  pattern: Pattern | 'none'
  reason: NotAutomatableReason | null
  /** What decided it: the words of the approach, group or resource that matched. */
  evidence: string
  /** Where the words were read: the row's approach, one printed for its group, its group, its resources. */
  source: 'approach' | 'group-approach' | 'group' | 'resources' | 'none'
}

interface Rule {
  pattern: Pattern | 'budget' | 'trading' | 'specialised-system'
  test: RegExp
}

/**
 * Rules on the approach text, most specific first: the first that matches decides. Monitoring and
 * registry come last, and between the two the earlier match in the text decides: the approach
 * names first what it automates first (a calendar kept, then information collected about it, is a
 * registry).
 */
const APPROACH_RULES: Rule[] = [
  // Domain workflows no pattern runs, even where they also take applications: calculating
  // subsidies, the temporary management of grain and cotton enterprises, accounting on the
  // typical solutions.
  {
    pattern: 'specialised-system',
    test: /субсидия\S*\s+есепте|есептеу\s+және\s+субсидия|уақытша\s+басқару|бухгалтерлік\s+есеп/,
  },
  {
    pattern: 'control',
    test: /бақылау\s+субъектіл|тексеру(лер)?\s+жоспар|тексерулер\s+жосп|субъект\S*\s+контрол|план\S*\s+проверок/,
  },
  {
    pattern: 'appeals',
    test: /жүгінулер|жүгінуле|жүгінуді|обращени[йя]\s+граждан|обращений/,
  },
  { pattern: 'meetings', test: /мәжілістер|отырыстар|заседани|совещани/ },
  {
    pattern: 'normative-acts',
    test: /нқа\s+(есепке|жоба)|нқа-ны|нпа|нормативтік\s+құқықтық\s+акті|актілерін\s+есепке\s+алуды\s+және\s+ресми/,
  },
  { pattern: 'proposals', test: /ұсыныстарды|предложени/ },
  {
    pattern: 'application',
    test: /өтініш\S*\s+(қабыл|тіркеу|беру|қарау)|өтінімдер\S*\s+тіркеу|заявлени|өтініштерін\s+қабыл/,
  },
  {
    pattern: 'trading',
    test: /сауда-?саттығ|саудасын|конкурстарды\s+жүргізу|конкурстық\s+рәсім|тендерлік\s+рәсім|аукцион|торг/,
  },
  {
    pattern: 'budget',
    test: /бюджет\S*\s+(жобасын\s+)?дайындау|бюджет\s+жобасын|қаржыландыру\s+жоспар/,
  },
]

const MONITORING =
  /мониторинг|талдау|е?ептілікті\s+қабылда|есептілік\S*\s+(жинау|қабылдау)|(ақпарат\S*|мәліметтерді)\s+жинау|жоспарлау|болжау|сбор\S*\s+(и\s+анализ|информац)|анализ|планирован|прогноз|отчет/
const REGISTRY =
  /есепке\s+ал|еепке\s+ал|есебін|тізімін|тізілім|күнтізбе|тіркелім|учет|учёт|реестр|перечн|тіркеуді/

/** Group labels that name a pattern when the row prints no approach. */
const GROUP_RULES: Rule[] = [
  { pattern: 'control', test: /бақылау\s+және\s+қадағалау|контрол\S*\s+и\s+надзор/ },
  { pattern: 'normative-acts', test: /\bнқа\b|нқа\s|нпа|нормативтік\s+құқықтық/ },
  { pattern: 'proposals', test: /ұсыныстарды\s+әзірлеу|разработка\s+предложений/ },
  {
    pattern: 'application',
    test: /мемлекеттік\s+(және\s+өзге\s+)?(көрсетілетін\s+)?қызмет\S*\s+көрсет|рұқсат\s+беру|государственн\S*\s+услуг|разрешительн/,
  },
  { pattern: 'monitoring', test: /мониторинг/ },
  { pattern: 'registry', test: /есепке\s+алу|учет|учёт/ },
]

const APPLICATIONS_REGISTER = /өтініштер\s+тізілімі|өтініштер\S*\s+тізілім|реестр\s+заявлений/

const normalise = (text: string) => text.toLocaleLowerCase('ru').replace(/\s+/g, ' ')

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20)
  const end = Math.min(text.length, index + length + 40)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`
}

function classifyApproach(
  approach: string,
  source: 'approach' | 'group-approach',
): Classification | undefined {
  const text = normalise(approach)
  for (const rule of APPROACH_RULES) {
    const m = rule.test.exec(text)
    if (!m) continue
    const evidence = excerpt(text, m.index, m[0].length)
    if (rule.pattern === 'budget' || rule.pattern === 'trading') {
      return { pattern: 'none', reason: rule.pattern, evidence, source }
    }
    if (rule.pattern === 'specialised-system') {
      return { pattern: 'none', reason: 'specialised-system', evidence, source }
    }
    return { pattern: rule.pattern, reason: null, evidence, source }
  }
  const monitoring = MONITORING.exec(text)
  const registry = REGISTRY.exec(text)
  const first =
    monitoring && registry
      ? monitoring.index < registry.index
        ? ('monitoring' as const)
        : ('registry' as const)
      : monitoring
        ? ('monitoring' as const)
        : registry
          ? ('registry' as const)
          : undefined
  if (first) {
    const m = (first === 'monitoring' ? monitoring : registry)!
    return { pattern: first, reason: null, evidence: excerpt(text, m.index, m[0].length), source }
  }
  return {
    pattern: 'none',
    reason: 'specialised-system',
    evidence: excerpt(text, 0, 80),
    source,
  }
}

/**
 * The pattern of one row. `groupApproach` is the approach printed once for the row's group (a
 * merged cell) when the row prints none itself; see {@link classifyRows}.
 */
export function classifyRow(row: CatalogRow, groupApproach?: string | null): Classification {
  if (row.approach?.trim()) return classifyApproach(row.approach, 'approach')!
  const group = normalise(row.group ?? '')
  for (const rule of GROUP_RULES) {
    if (rule.pattern !== 'application') continue
    const m = rule.test.exec(group)
    if (m) {
      return {
        pattern: 'application',
        reason: null,
        evidence: excerpt(group, m.index, m[0].length),
        source: 'group',
      }
    }
  }
  const resources = normalise(row.resources.join(' ¶ '))
  const register = APPLICATIONS_REGISTER.exec(resources)
  if (register) {
    return {
      pattern: 'application',
      reason: null,
      evidence: excerpt(resources, register.index, register[0].length),
      source: 'resources',
    }
  }
  if (groupApproach?.trim()) return classifyApproach(groupApproach, 'group-approach')!
  for (const rule of GROUP_RULES) {
    const m = rule.test.exec(group)
    if (m) {
      return {
        pattern: rule.pattern as Pattern,
        reason: null,
        evidence: excerpt(group, m.index, m[0].length),
        source: 'group',
      }
    }
  }
  if (row.resources.length > 0) {
    return {
      pattern: 'registry',
      reason: null,
      evidence: excerpt(resources, 0, 80),
      source: 'resources',
    }
  }
  return { pattern: 'none', reason: 'no-approach', evidence: '', source: 'none' }
}

/**
 * Classifies rows with their context: a row that prints no approach takes the one printed for its
 * group in an earlier row of the same act, architecture and section (Appendix 1 prints a merged
 * approach cell once for the rows it spans, e.g. 352/2022 rows 205–224).
 */
export function classifyRows(rows: readonly CatalogRow[]): Map<string, Classification> {
  const result = new Map<string, Classification>()
  const sorted = [...rows].sort(
    (a, b) =>
      a.architecture.localeCompare(b.architecture) ||
      a.section - b.section ||
      a.act.localeCompare(b.act) ||
      a.number - b.number,
  )
  let last: { key: string; approach: string } | undefined
  for (const row of sorted) {
    const key = `${row.architecture}/${row.section}/${row.act}/${row.group ?? ''}`
    if (row.approach?.trim()) last = { key, approach: row.approach }
    const groupApproach = !row.approach?.trim() && last?.key === key ? last.approach : null
    result.set(row.id, classifyRow(row, groupApproach))
  }
  return result
}

/** Systems that carry requests or documents but automate no function by themselves. */
const CHANNEL_SYSTEMS = new Set([
  'ekabzh',
  'esedo',
  'ems-aazh',
  'ais-egz',
  'моип',
  'eup',
  'pep',
  'euosh-azh',
  'is-rshep',
  'bepzh',
  'adilet-kk',
  'adilet-ru',
  'мт-аж',
  'әкімдіктердің-ресми-интернет-порталдары',
])

/** How far central or interdepartmental systems automate a row (paragraph 9.1). */
export type CentralCoverage = 'central' | 'partial' | 'none'

/**
 * Whether a central system covers a row: `central` when the row names a system that automates
 * the function itself (not only a portal, gateway, document or mail system) without a mark that
 * it does so in part; `partial` with such a mark («(ішінара)», «(2 қызмет)», «(2 услуги)») or an
 * approach for the services not automated centrally («Автоматтандырылмаған қызметтер үшін…»);
 * `none` otherwise. Where it is `central`, e-akimat points to the system and offers nothing of
 * its own (paragraph 9.1); otherwise an akimat may switch on e-akimat's automation (9.2).
 */
export function centralCoverage(
  snapshot: CatalogSnapshot,
  row: CatalogRow,
): { coverage: CentralCoverage; systems: string[] } {
  const systems = row.systemIds.filter((id) => !CHANNEL_SYSTEMS.has(id))
  const marked = row.systems.some((s) => /\((ішінара|частично|\d+\s*(қызмет|услуг)\S*)\)/i.test(s))
  const forTheRest =
    /автоматтандырылмаған|автоматандырылмаған|атвоматтандырылмаған|неавтоматизированн/i.test(
      row.approach ?? '',
    )
  const named = [...new Set(systems.flatMap((id) => [id, snapshot.systemById.get(id)?.pair ?? id]))]
  if (marked || forTheRest) return { coverage: 'partial', systems: row.systemIds }
  if (systems.length > 0) return { coverage: 'central', systems: named }
  return { coverage: 'none', systems: row.systemIds }
}

/**
 * The automation level e-akimat reaches for a row with its pattern: an application runs from
 * intake to the signed notice, the whole of what a row without printed levels describes (its
 * highest level where it prints levels is beyond it: e-notices to controlled subjects, risk
 * grades, publication); every other pattern keeps the records of level 1.
 */
export function levelReached(pattern: Pattern, row: CatalogRow): number {
  const printed = [...new Set(row.levels.map((l) => l.level))]
  if (pattern === 'application') return printed.length === 0 ? 1 : Math.min(...printed)
  return 1
}
