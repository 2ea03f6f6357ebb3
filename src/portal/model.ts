/**
 * @module
 * The vocabulary of the architecture portal (rules 174/2019): kinds of informatization objects,
 * lifecycle stages, the 14 kinds of information of Appendix 1, review states, relation types and
 * the accounting-code format. Interface labels for all of these live in src/i18n
 * (`portal.kind.*`, `portal.stage.*`, `portal.document.*`, …); the law's own words are kept here
 * as printed, with their lines.
 */

/** The rules' act id and file, for provenance. */
export const RULES_ACT = '2019-174-kk-architecture-portal-rules'

/** Kinds of e-government informatization objects (rules 174, para 4 def. 4). */
export const OBJECT_KINDS = [
  'information-system',
  'information-resource',
  'software',
  'internet-resource',
  'ict-infrastructure',
] as const
export type ObjectKind = (typeof OBJECT_KINDS)[number]

/** Two letters per kind, used in the accounting code. */
export const KIND_CODES: Record<ObjectKind, string> = {
  'information-system': 'IS',
  'information-resource': 'ER',
  software: 'SW',
  'internet-resource': 'IR',
  'ict-infrastructure': 'IC',
}

/**
 * Lifecycle stages (rules 174, para 4 def. 2: creation, industrial operation, development,
 * termination; trial operation from def. 3 and Appendix 1 items 9 and 14), in lifecycle order.
 */
export const STAGES = [
  'creation',
  'trial-operation',
  'industrial-operation',
  'development',
  'termination',
] as const
export type Stage = (typeof STAGES)[number]

/**
 * Review states. `draft` was never submitted; `submitted` waits for the service integrator;
 * `returned` came back with remarks; `accepted` has an accounting code; `changed` is an accepted
 * object whose owner changed it and must submit the update within 10 working days (para 9).
 */
export const REVIEW_STATES = ['draft', 'submitted', 'returned', 'accepted', 'changed'] as const
export type ReviewState = (typeof REVIEW_STATES)[number]

/** Relation types between objects; each is shown from both sides (part of / has part). */
export const RELATION_TYPES = ['part-of', 'uses'] as const
export type RelationType = (typeof RELATION_TYPES)[number]

/** The file formats of a document: the PDF/A-1 copy and the DOCX source (para 7). */
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

export interface DocumentKind {
  /** Item number of Appendix 1 (1–14). */
  item: number
  /** The item as printed (kk), first words, with the standards it names. */
  printed: string
  standards: readonly string[]
  lines: readonly [number, number]
}

/** Appendix 1 of the rules: the information subject to accounting, 14 items. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  {
    item: 1,
    printed: 'ақпараттық қауіпсіздік жөніндегі техникалық құжаттама',
    standards: ['№ 832 (20.12.2016)'],
    lines: [217, 222],
  },
  {
    item: 2,
    printed:
      'ақпараттық қауіпсіздік талаптарына сәйкестігіне сынақтар жүргізу туралы мәліметтер (ақпараттық қауіпсіздік талаптарына сәйкестігіне сынақтар хаттамалары)',
    standards: ['№ 111/НҚ (03.06.2019)'],
    lines: [223, 233],
  },
  {
    item: 3,
    printed:
      '"Электрондық үкіметтің" ақпараттандыру объектілерін бухгалтерлік есепке қою фактісін растайтын құжат',
    standards: [],
    lines: [234, 235],
  },
  {
    item: 4,
    printed: 'Ақпараттандыру объектісін өнеркәсіптік пайдаланудың тоқтатылғанын растайтын құжат',
    standards: [],
    lines: [236, 237],
  },
  {
    item: 5,
    printed:
      'Ақпараттандыру саласындағы тауарларды, жұмыстарды және көрсетілетін қызметтерді мемлекеттік сатып алу туралы шарттар жасасу туралы мәліметтер',
    standards: [],
    lines: [238, 239],
  },
  {
    item: 6,
    printed:
      'Құрамына мыналар кіретін пайдалану құжаттары: пайдаланушы нұсқаулығы; әкімші нұсқаулығы',
    standards: [],
    lines: [240, 242],
  },
  {
    item: 7,
    printed:
      'Құрамына мыналар кіретін техно-жұмыс жобасы: ерекшелігі (ГОСТ 19.202-78); бағдарламаның сипаттамасы (ГОСТ 19.402-78); түсіндірме жазба (ГОСТ 19.404-79)',
    standards: ['ГОСТ 19.202-78', 'ГОСТ 19.402-78', 'ГОСТ 19.404-79'],
    lines: [243, 246],
  },
  {
    item: 8,
    printed: 'Сынақ бағдарламасы мен әдістемесі, сынақ хаттамалары (ГОСТ 34.603-92)',
    standards: ['ГОСТ 34.603-92'],
    lines: [247, 247],
  },
  {
    item: 9,
    printed: 'Тәжірибелік, өнеркәсіптік пайдалануға беру актісі',
    standards: [],
    lines: [248, 248],
  },
  {
    item: 10,
    printed:
      'Техникалық және жобалық құжаттаманы бекіту және оған өзгерістер енгізу туралы мәліметтер',
    standards: [],
    lines: [249, 250],
  },
  {
    item: 11,
    printed: 'Техникалық тапсырма (СТ РК 34.015-2002)',
    standards: ['СТ РК 34.015-2002'],
    lines: [251, 251],
  },
  {
    item: 12,
    printed:
      '"Электрондық үкіметтің" ақпараттандыру объектісін сатып алуға, құруға, дамытуға, қолдап отыруға арналған шарттар',
    standards: [],
    lines: [252, 253],
  },
  {
    item: 13,
    printed:
      '"Электрондық үкіметтің" ақпараттандыру объектісінің түгендеу тізбесі мен сипаттамалары',
    standards: [],
    lines: [257, 258],
  },
  {
    item: 14,
    printed:
      '"Электрондық үкіметтің" құрылатын немесе тәжірибелік пайдалануға берілетін ақпараттандыру объектісі туралы жалпы мәліметтер',
    standards: [],
    lines: [259, 260],
  },
]

/**
 * The Appendix 1 items an object must carry, as PDF/A-1 copy and DOCX source, before it can be
 * submitted at each stage. The rules list the 14 items without saying which applies when; this is
 * our reading, kept here as data. Item 14 (general information) is the object's own description
 * (names, purpose, kind, stage), required at every stage by the form itself.
 */
export const REQUIRED_DOCUMENTS: Record<Stage, readonly number[]> = {
  creation: [11],
  'trial-operation': [11, 7, 8, 9],
  'industrial-operation': [11, 7, 8, 9, 6, 2, 3],
  development: [11, 7, 10],
  termination: [4],
}

/** Working days the service integrator has to grant an account (para 6). */
export const ACCOUNT_DEADLINE_WORKING_DAYS = 2
/** Working days the service integrator has to check a complete submission (para 8). */
export const REVIEW_DEADLINE_WORKING_DAYS = 5
/** Working days the owner has to update the portal after a change (para 9). */
export const UPDATE_DEADLINE_WORKING_DAYS = 10

/** Largest upload accepted for one document file. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

export function isObjectKind(value: unknown): value is ObjectKind {
  return typeof value === 'string' && (OBJECT_KINDS as readonly string[]).includes(value)
}
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
}
export function isReviewState(value: unknown): value is ReviewState {
  return typeof value === 'string' && (REVIEW_STATES as readonly string[]).includes(value)
}
export function isRelationType(value: unknown): value is RelationType {
  return typeof value === 'string' && (RELATION_TYPES as readonly string[]).includes(value)
}
export function documentKind(item: number): DocumentKind | undefined {
  return DOCUMENT_KINDS.find((kind) => kind.item === item)
}
