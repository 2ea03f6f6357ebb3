/**
 * The three service definitions against the act they come from (order 178/2012, bundled in
 * data/acts): every cited line exists, every Kazakh text is found where it is cited, the tables'
 * time limits are printed where cited and read as stated, the steps and branches are the act's;
 * and broken definitions are refused with a message.
 *
 * The comparison normaliser is deliberately weak: it only joins letter-spaced words («а р қ ы л ы»
 * → «арқылы») and collapses white space (line breaks included), on both sides alike. Anything
 * else the extraction did (a hyperlink word moved to the end of its line, «т iркеу») must
 * therefore be kept in the definitions as printed.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundledActPath } from '../acts/index.js'
import type { Channel, ServiceDefinition, Step } from './definition.js'
import {
  channelsOf,
  DEFINITIONS_DIR,
  loadServiceDefinitions,
  parseServiceDefinition,
  readPrintedLimit,
  serviceDefinition,
  stepCount,
  stepsOf,
} from './definitions.js'

/** The act's lines as `cat -n` numbers them (the file ends in a line holding one space). */
const ACT_LINES = readFileSync(
  bundledActPath('2012-178-kk-e-service-regulations.txt'),
  'utf8',
).split('\n')

/**
 * Joins letter-spaced words in one line: in each stretch between runs of two or more spaces, a
 * stretch of single characters separated by single spaces, with at least one letter among them,
 * loses its spaces. Digits and dashes alone («4 -», «1 2 3 4 5») are not words and stay apart.
 */
function joinLetterSpacing(line: string): string {
  return line
    .split(/ {2,}/)
    .map((stretch) => {
      const tokens = stretch.split(' ')
      const spaced =
        tokens.length >= 2 &&
        tokens.every((t) => [...t].length === 1) &&
        tokens.some((t) => /\p{L}/u.test(t))
      return spaced ? tokens.join('') : stretch
    })
    .join('  ')
}

/** Collapses every run of white space (line breaks included) to one space. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The act's lines a..b (1-based, inclusive), normalised as one text. */
function actText([a, b]: readonly [number, number]): string {
  return collapse(
    ACT_LINES.slice(a - 1, b)
      .map(joinLetterSpacing)
      .join('\n'),
  )
}

/** A text from a definition, normalised the same way. */
const norm = (text: string) => collapse(text.split('\n').map(joinLetterSpacing).join('\n'))

/** True when the words of `text` occur in `within` in this order (cells printed in pieces). */
function wordsInOrder(text: string, within: string): boolean {
  let at = 0
  for (const word of norm(text).split(' ')) {
    const found = within.indexOf(word, at)
    if (found < 0) return false
    at = found + word.length
  }
  return true
}

const definitions = loadServiceDefinitions()
const byCode = (code: string) => {
  const d = serviceDefinition(code)
  if (!d) throw new Error(`no definition ${code}`)
  return d
}

/** Every `[a, b]` line range in a definition, with where it is. */
function lineRanges(value: unknown, path = ''): { path: string; lines: [number, number] }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => lineRanges(v, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'lines' ? [{ path, lines: v as [number, number] }] : lineRanges(v, `${path}.${key}`),
  )
}

const everyStep = definitions.flatMap((d) =>
  channelsOf(d).flatMap((channel) =>
    stepsOf(d, channel).map((step) => ({ code: d.code, channel, step })),
  ),
)
const stepName = (x: { code: string; channel: Channel; step: Step }) =>
  `${x.code} ${x.channel} ${x.step.id}`

describe('the three service definitions', () => {
  it('load, in file order, with their codes, prefixes, act and channels', () => {
    expect(
      definitions.map((d) => [
        d.code,
        d.numberPrefix,
        d.version,
        d.act.id,
        d.act.appendix,
        d.act.status,
        channelsOf(d),
      ]),
    ).toEqual([
      ['apostille', 'APS', 1, '2012-178', 1, 'repealed', ['portal', 'desk', 'service-centre']],
      [
        'archival-certificate',
        'ARC',
        1,
        '2012-178',
        2,
        'repealed',
        ['portal', 'desk', 'service-centre'],
      ],
      ['mass-media-registration', 'SMI', 1, '2012-178', 3, 'repealed', ['portal', 'desk']],
    ])
    for (const d of definitions) {
      expect(d.act.file).toBe('2012-178-kk-e-service-regulations.txt')
      expect(d.recipientTypes).toEqual(['individual', 'legal-entity'])
      expect(d.name.source).toBe('translation')
    }
    expect(loadServiceDefinitions()).toBe(definitions)
    expect(serviceDefinition('no-such-service')).toBeUndefined()
  })

  it('authenticate and charge as the act says: S1, S3 certificate and paid; S2 IIN, free', () => {
    expect(definitions.map((d) => [d.code, d.portalAuthentication, d.payment])).toEqual([
      ['apostille', 'certificate-and-password', { required: true, lines: [186, 192] }],
      ['archival-certificate', 'iin-and-password', { required: false }],
      [
        'mass-media-registration',
        'certificate-and-password',
        { required: true, lines: [1463, 1472] },
      ],
    ])
  })

  it('have the act’s number of steps per channel', () => {
    const counts = definitions.map((d) => [
      d.code,
      channelsOf(d).map((c) => stepsOf(d, c).length),
      stepCount(d),
    ])
    // Counted in paragraphs 6–8: S1 portal P1–P11 + C1–C4, desk P1–P8 + C1–C2, centre
    // P1–P9 + C1–C2; S2 portal P1–P8 + C1–C3; S3 as S1 without the centre.
    expect(counts).toEqual([
      ['apostille', [15, 10, 11], 36],
      ['archival-certificate', [11, 10, 11], 32],
      ['mass-media-registration', [15, 10], 25],
    ])
    expect(stepsOf(byCode('mass-media-registration'), 'service-centre')).toEqual([])
  })

  it('cite only lines that exist, inside the service’s own appendix, and not blank', () => {
    for (const d of definitions) {
      const [first, last] = d.act.lines
      for (const { path, lines } of lineRanges(d)) {
        const [a, b] = lines
        expect(a, `${d.code}${path}`).toBeGreaterThanOrEqual(1)
        expect(b, `${d.code}${path}`).toBeLessThanOrEqual(ACT_LINES.length)
        expect(a, `${d.code}${path}`).toBeLessThanOrEqual(b)
        expect(a >= first && b <= last, `${d.code}${path} within ${first}–${last}`).toBe(true)
        expect(actText(lines), `${d.code}${path}`).not.toBe('')
      }
    }
    // The numbering is cat -n's: the last survey answer of Appendix 3 of the third regulation.
    expect(ACT_LINES[1827]).toBe('      3) қанағаттанамын.')
  })

  it.each(everyStep.map((x) => [stepName(x), x] as const))(
    '%s: its text is printed at its lines and numbered as its id',
    (_name, { step }) => {
      expect(actText(step.text.lines)).toContain(norm(step.text.kk))
      const number = step.id.slice(1)
      const numbered = step.kind === 'process' ? `${number} үдер[iі]с – ` : `${number} шарт – `
      expect(step.text.kk).toMatch(new RegExp(`^${numbered}`))
      // The text is the whole numbered item: the cited lines hold nothing after it.
      expect(actText(step.text.lines).endsWith(norm(step.text.kk))).toBe(true)
    },
  )

  it('number the steps of each channel as the act: P1, P2, … and C1, C2, … in order', () => {
    for (const d of definitions) {
      for (const channel of channelsOf(d)) {
        const steps = stepsOf(d, channel)
        for (const prefix of ['P', 'C']) {
          const numbers = steps
            .filter((s) => s.id.startsWith(prefix))
            .map((s) => Number(s.id.slice(1)))
          expect(numbers, `${d.code} ${channel} ${prefix}`).toEqual(numbers.map((_, i) => i + 1))
        }
        const lines = steps.map((s) => s.text.lines[0])
        expect(lines, `${d.code} ${channel} in the act's order`).toEqual(
          [...lines].sort((a, b) => a - b),
        )
        const paragraph = d.channels[channel]!.paragraph.lines
        for (const s of steps) {
          expect(s.text.lines[0]).toBeGreaterThanOrEqual(paragraph[0])
          expect(s.text.lines[1]).toBeLessThanOrEqual(paragraph[1])
        }
      }
    }
  })

  it('branch as the notes read the act: a failed check goes to the refusal right after it', () => {
    for (const d of definitions) {
      for (const channel of channelsOf(d)) {
        const steps = stepsOf(d, channel)
        steps.forEach((s, i) => {
          const where = `${d.code} ${channel} ${s.id}`
          if (s.kind === 'condition') {
            expect(s.onFail, where).toBe(steps[i + 1]?.id)
            expect(steps[i + 1]?.action, where).toBe('refuse')
            expect(s.onPass, where).toBe(steps[i + 2]?.id)
          } else if (s.action !== 'refuse' && s.action !== 'issue-result') {
            expect(s.next, where).toBe(steps[i + 1]?.id)
          }
        })
        expect(steps.at(-1)?.action).toBe('issue-result')
      }
    }
  })

  it('map the steps to the engine’s actions and actors', () => {
    const flow = (code: string, channel: Channel) =>
      stepsOf(byCode(code), channel).map(
        (s) => `${s.id} ${s.action}${s.reason ? `:${s.reason}` : ''} ${s.actor}`,
      )
    const portalS1S3 = [
      'P1 sign-in recipient',
      'C1 check-credentials portal',
      'P2 refuse:sign-in portal',
      'P3 fill-form recipient',
      'P4 pay payment-gateway',
      'C2 check-payment provider-system',
      'P5 refuse:unpaid provider-system',
      'P6 choose-certificate recipient',
      'C3 check-signature portal',
      'P7 refuse:signature portal',
      'P8 sign recipient',
      'P9 register provider-system',
      'C4 check-grounds provider-employee',
      'P10 refuse:grounds provider-system',
      'P11 issue-result authorised-person',
    ]
    const desk = [
      'P1 sign-in provider-employee',
      'P2 enter-recipient provider-employee',
      'P3 query-state-databases provider-employee',
      'C1 check-state-data state-databases',
      'P4 refuse:state-data state-databases',
      'P5 sign provider-employee',
      'P6 register provider-system',
      'C2 check-grounds provider-employee',
      'P7 refuse:grounds provider-system',
      'P8 issue-result authorised-person',
    ]
    const centre = [
      'P1 sign-in centre-operator',
      'P2 enter-recipient centre-operator',
      'P3 query-state-databases centre-operator',
      'C1 check-state-data state-databases',
      'P4 refuse:state-data state-databases',
      'P5 sign centre-operator',
      'P6 send centre-operator',
      'P7 register provider-system',
      'C2 check-grounds provider-employee',
      'P8 refuse:grounds provider-system',
      'P9 issue-result authorised-person',
    ]
    expect(flow('apostille', 'portal')).toEqual(portalS1S3)
    expect(flow('mass-media-registration', 'portal')).toEqual(portalS1S3)
    expect(flow('archival-certificate', 'portal')).toEqual([
      'P1 sign-in recipient',
      'C1 check-credentials portal',
      'P2 refuse:sign-in portal',
      'P3 fill-form recipient',
      'C2 check-signature portal',
      'P4 refuse:signature portal',
      'P5 sign recipient',
      'P6 register provider-system',
      'C3 check-grounds provider-employee',
      'P7 refuse:grounds provider-system',
      'P8 issue-result authorised-person',
    ])
    for (const code of ['apostille', 'archival-certificate', 'mass-media-registration']) {
      expect(flow(code, 'desk')).toEqual(desk)
    }
    for (const code of ['apostille', 'archival-certificate']) {
      expect(flow(code, 'service-centre')).toEqual(centre)
    }
    // Only the apostille's centre sends paper documents by courier (L267–270; S2 L910–912).
    const courier = (code: string) =>
      stepsOf(byCode(code), 'service-centre').find((s) => s.action === 'send')?.courier
    expect(courier('apostille')).toBe(true)
    expect(courier('archival-certificate')).toBeUndefined()
  })

  it('give P1–P5 of each channel its Appendix-2 table column, and no limit after it', () => {
    for (const d of definitions) {
      for (const channel of channelsOf(d)) {
        const flow = d.channels[channel]!
        for (const s of flow.steps) {
          const n = Number(s.id.slice(1))
          const where = `${d.code} ${channel} ${s.id}`
          if (s.kind === 'process' && n <= 5) {
            expect(s.table?.column, where).toBe(n)
            expect(s.table?.lines, where).toEqual(flow.table?.lines)
            expect(s.limit, where).toBeDefined()
          } else {
            expect(s.table, where).toBeUndefined()
            expect(s.limit, where).toBeUndefined()
          }
        }
      }
    }
  })

  it.each(definitions.flatMap((d) => channelsOf(d).map((c) => [`${d.code} ${c}`, d, c] as const)))(
    '%s: the table prints each column’s completion, next step and limit',
    (_name, d, channel) => {
      const flow = d.channels[channel]!
      const table = actText(flow.table!.lines)
      const columns = flow.steps
        .filter((s) => s.table)
        .sort((a, b) => a.table!.column - b.table!.column)
      expect(columns).toHaveLength(5)
      for (const s of columns) {
        expect(table, s.id).toContain(norm(s.table!.completion!))
        expect(table, s.id).toContain(norm(s.limit!.printed))
        expect(wordsInOrder(s.table!.next!, table), `${s.id} next: ${s.table!.next}`).toBe(true)
      }
      // The «Орындалу мерзімі» row prints the five limits in column order.
      expect(table).toContain(`Орындалу мерзімі ${columns.map((s) => s.limit!.printed).join(' ')}`)
    },
  )

  it('read every printed limit as stated, and explain the one that needs a reading', () => {
    const limits = everyStep.filter((x) => x.step.limit)
    expect(limits).toHaveLength(8 * 5)
    for (const x of limits) {
      const limit = x.step.limit!
      const read = readPrintedLimit(limit.printed)
      if (read) {
        expect({ minSeconds: limit.minSeconds, seconds: limit.seconds }, stepName(x)).toEqual({
          minSeconds: read.minSeconds,
          seconds: read.seconds,
        })
        expect(limit.reading, stepName(x)).toBeUndefined()
      } else {
        expect(stepName(x)).toBe('archival-certificate portal P1')
        expect(limit).toMatchObject({ printed: '30–1 мин', minSeconds: 30, seconds: 60 })
        expect(limit.reading).toMatch(/no unit/)
      }
    }
    expect(readPrintedLimit('10–15 секунд')).toEqual({ minSeconds: 10, seconds: 15 })
    expect(readPrintedLimit('10-15 сек')).toEqual({ minSeconds: 10, seconds: 15 })
    expect(readPrintedLimit('1,5 минут')).toEqual({ seconds: 90 })
    expect(readPrintedLimit('30 секунд – 1 минут')).toEqual({ minSeconds: 30, seconds: 60 })
    expect(readPrintedLimit('30–1 мин')).toBeUndefined()
    expect(readPrintedLimit('5 жұмыс күні')).toBeUndefined()
  })

  it('print names, providers, standard, results and help where they cite', () => {
    for (const d of definitions) {
      const cited = [
        d.name,
        d.standard,
        ...d.providers,
        ...channelsOf(d).map((c) => d.channels[c]!.result.title),
      ]
      for (const text of cited) {
        expect(actText(text.lines!), `${d.code}: ${text.kk}`).toContain(norm(text.kk))
      }
      expect(actText(d.help.lines)).toContain(norm(d.help.statusCheck))
      expect(actText(d.help.lines)).toContain(d.help.callCentre)
      expect(d.help.callCentre).toBe('1414')
      expect(actText(d.form.lines)).toContain('Стандарттың 11-')
    }
    expect(byCode('archival-certificate').name.ru).toBe('Выдача архивных справок')
    expect(definitions.map((d) => channelsOf(d).map((c) => d.channels[c]!.result.kind))).toEqual([
      ['notice', 'document', 'document'],
      ['notice', 'document', 'document'],
      ['notice', 'document'],
    ])
  })

  it('note where the act contradicts itself', () => {
    const step = (code: string, channel: Channel, id: string) =>
      stepsOf(byCode(code), channel).find((s) => s.id === id)!
    expect(step('apostille', 'portal', 'P4').table?.next).toBe('4 – егер төлемесе; 6 – егер төлесе')
    expect(step('apostille', 'portal', 'P4').note).toMatch(/misprint for 5/)
    expect(step('mass-media-registration', 'portal', 'P4').table?.next).toBe(
      '5 – егер төлемесе; 6 – егер төлесе',
    )
    expect(step('apostille', 'portal', 'P4').note).toMatch(/ЭҮПШ/)
    expect(byCode('apostille').channels['service-centre']?.note).toMatch(/2-қосымшасында/)
    expect(byCode('mass-media-registration').channels.portal.note).toMatch(/№ 2-диаграммасы/)
    expect(step('mass-media-registration', 'portal', 'P11').note).toMatch(/formed by the portal/)
  })
})

describe('a broken definition', () => {
  const source = JSON.parse(
    readFileSync(`${DEFINITIONS_DIR}apostille.json`, 'utf8'),
  ) as ServiceDefinition
  const broken = (change: (d: ServiceDefinition) => void) => {
    const copy = structuredClone(source)
    change(copy)
    return () => parseServiceDefinition(copy, 'broken.json')
  }
  const portalStep = (d: ServiceDefinition, id: string) =>
    d.channels.portal.steps.find((s) => s.id === id)!

  it('is accepted when nothing is broken (the copy is sound)', () => {
    expect(parseServiceDefinition(structuredClone(source), 'apostille.json').code).toBe('apostille')
  })

  it('is refused when a branch leads to a missing step', () => {
    expect(broken((d) => (portalStep(d, 'C2').onPass = 'P42'))).toThrow(
      /broken\.json: .*\n- portal: C2 leads to P42, which is not a step/,
    )
  })

  it('is refused when its steps loop', () => {
    expect(broken((d) => (portalStep(d, 'P9').next = 'P3'))).toThrow(
      /broken\.json.*\n- portal: a loop through P3/,
    )
  })

  it('is refused when a refusal names no reason', () => {
    expect(broken((d) => delete portalStep(d, 'P5').reason)).toThrow(
      /broken\.json.*\n- channels\.portal\.steps\.6: P5: a refusal names its reason/,
    )
  })

  it('is refused when a condition has no onFail', () => {
    expect(broken((d) => delete portalStep(d, 'C3').onFail)).toThrow(
      /C3: a condition has onPass and onFail only/,
    )
  })

  it('is refused when a limit does not follow from its printed text, or needs a reading', () => {
    expect(broken((d) => (portalStep(d, 'P3').limit!.seconds = 60))).toThrow(
      /portal: P3: the limit "1,5 минут" reads as 90 s, not 60 s/,
    )
    expect(broken((d) => (portalStep(d, 'P3').limit!.printed = '30–1 мин'))).toThrow(
      /"30–1 мин" cannot be read as printed; say how in "reading"/,
    )
  })

  it('is refused when it is not a definition at all, naming every problem', () => {
    expect(() => parseServiceDefinition({ code: 'X' }, 'x.json')).toThrow(
      /^x\.json: not a valid service definition:\n- code: .*\n- numberPrefix: /,
    )
  })
})
