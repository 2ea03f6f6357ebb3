/// <reference lib="dom" />
/**
 * An akimat's own automation in Chromium (issue 9): the administrator of a new district akimat
 * adopts the typical set of architecture 304 (the rows 352/2022 restated), switches on three of
 * the twenty social-services functions (304:2.205 … 304:2.224) one after another; a citizen
 * applies to each generated e-service and signs (demo certificates of the suite's authority);
 * the akimat's operator takes each to a decision (two approved, one refused with its reasons)
 * and its signer issues the approved notices; the registries the rows name hold the records.
 * The gap report and the indicators change by figures computed in this file from the catalogue
 * rows, not by the functions under test. At the end one service is switched off: the citizen can
 * no longer apply, the registries keep what they hold, and the figures go back by one.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { typicalSetOptions } from '../src/akimat/index.js'
import { createOrganisation, createUser } from '../src/auth/index.js'
import { type CatalogRow, loadCatalogSnapshot } from '../src/catalog/index.js'
import { type MessageKey, translate } from '../src/i18n/index.js'
import { FIXTURE_CASES, type IssuedCertificate } from '../src/services/index.js'
import { launchBrowser } from './support/browser.js'
import { browserPages } from './support/browser-pages.js'
import { useTestServer } from './support/server.js'
import { applicant, signWith, testBin } from './support/services.js'

const PASSWORD = 'Алакөл жағасы 2026 жыл'
const KATO = '195230000'
const ADMIN = 'admin@alakol.example.kz'
const OPERATOR = 'operator@alakol.example.kz'
const SIGNER = 'signer@alakol.example.kz'
const CITIZEN = { iin: FIXTURE_CASES.individual, name: 'Сәрсенбаева Айгүл Нұрланқызы' }
/** The current year in Kazakhstan: the period the indicators are read for. */
const PERIOD = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 4)
/** Application numbers of generated services: E and three letters, the year, six digits. */
const NUMBER = /\bE[A-Z]{3}-\d{4}-\d{6}\b/

const kk = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('kk', key, params)
const ru = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('ru', key, params)

type RegisterKind = 'applications' | 'notifications' | 'recipients'

/**
 * The three functions switched on, what the citizen asks, what the operator decides, and the
 * registries each row of 352/2022 names, with what each keeps (read from the names as printed:
 * applications, notices of the decision, the people it was granted to).
 */
const FUNCTIONS: {
  key: string
  subject: string
  refuse?: string
  registries: [name: string, kind: RegisterKind][]
}[] = [
  {
    key: '304:2.205',
    subject: 'Прошу назначить пособие на сына, 2016 года рождения.',
    registries: [
      [
        'Реестр заявлений на получение государственного пособия на детей до восемнадцати лет',
        'applications',
      ],
      [
        'Реестр уведомлений о назначении или об отказе в назначении государственного пособия на детей до восемнадцати лет',
        'notifications',
      ],
      ['Реестр лиц до 18 лет, которым назначены пособия', 'recipients'],
    ],
  },
  {
    key: '304:2.208',
    subject: 'Прошу выдать справку о регистрации в качестве безработного для банка.',
    registries: [
      ['Реестр заявлений на получение справок безработным гражданам', 'applications'],
      ['Реестр выданных справок о регистрации в качестве безработного', 'recipients'],
    ],
  },
  {
    key: '304:2.216',
    subject: 'Прошу назначить адресную социальную помощь семье из четырёх человек.',
    refuse: 'Среднедушевой доход семьи выше черты бедности за последний квартал.',
    registries: [
      ['Реестр заявлений на получение государственной адресной социальной помощи', 'applications'],
      [
        'Реестр уведомлений о назначении (отказе в назначении) государственной адресной социальной помощи',
        'notifications',
      ],
      ['Реестр лиц, которым назначена государственная адресная социальная помощь', 'recipients'],
    ],
  },
]

/** `304:2.205` → `ea-<akimat>-304-2-205`, as the generated service's code is documented. */
const serviceCode = (akimatId: number, key: string) =>
  `ea-${akimatId}-${key.replace(':', '-').replace('.', '-')}`

const round2 = (value: number) => Math.round(value * 100) / 100

/** The figures the pages must show, as computed here from the catalogue's rows. */
interface Figures {
  total: number
  automated: number
  notAutomated: string[]
  '1.2.4': number
  '1.2.5': number
  '1.2.6': number
  '1.2.10': number
}

describe('an akimat switches on its own automation in Chromium', () => {
  const server = useTestServer('sqlite', { acts: 'bundled' })
  let browser: Browser
  const contexts: BrowserContext[] = []
  let akimatId = 0
  let adoptedAt = ''
  /** The rows of the typical set adopted (section 2 of 304 in force on the day offered). */
  let setRows: CatalogRow[] = []
  let certificate: IssuedCertificate
  let admin: Page
  let citizen: Page
  let operator: Page
  let signer: Page
  /** Applications made, by function key. */
  const made = new Map<string, { id: number; number: string; code: string }>()
  const url = (path: string) => `${server().url}${path}`
  const keyOf = (row: CatalogRow) => `${row.architecture}:${row.section}.${row.number}`
  const rowOf = (key: string) => {
    const row = setRows.find((r) => keyOf(r) === key)
    if (!row) throw new Error(`${key} is not in the adopted set`)
    return row
  }
  const application = (key: string) => {
    const found = made.get(key)
    if (!found) throw new Error(`no application to ${key} (an earlier test failed)`)
    return found
  }

  /**
   * The figures with `on` switched on, from the rows: every function of the set is performed and
   * undecided (not automated) unless switched on; a state service is a row of the group
   * «Оказание государственных услуг…»; none of them prints levels, so level 1 (what e-akimat's
   * applications reach) is its highest: fully automated (1.2.4), never partially (1.2.5). 1.2.6
   * is the automated share of the state services, 1.2.10 the share of the information resources
   * printed for the set that a switched-on function keeps.
   */
  function expected(on: readonly string[]): Figures {
    const services = setRows.filter((r) =>
      (r.group ?? '').startsWith('Оказание государственных услуг'),
    )
    const full = services.filter((r) => on.includes(keyOf(r)) && r.levels.length === 0)
    const partial = services.filter((r) => on.includes(keyOf(r)) && r.levels.length > 0)
    const resources = new Set(setRows.flatMap((r) => r.resources))
    const electronic = new Set(
      setRows.filter((r) => on.includes(keyOf(r))).flatMap((r) => r.resources),
    )
    return {
      total: setRows.length,
      automated: on.length,
      notAutomated: setRows.map(keyOf).filter((k) => !on.includes(k)),
      '1.2.4': full.length,
      '1.2.5': partial.length,
      '1.2.6': round2((100 * (full.length + partial.length)) / services.length),
      '1.2.10': round2((100 * electronic.size) / resources.size),
    }
  }

  const { person, submit, signInStaff, signInPerson, mainText, status } = browserPages({
    browser: () => browser,
    url,
    password: PASSWORD,
    contexts,
  })

  /** The automation overview's row of a function. */
  const overviewRow = (key: string) =>
    admin.locator(`table.automation-functions tr[data-key="${key}"]`)

  /** The gap report's count of an issue, from its heading "… (n)". */
  const gapCount = async (page: Page, id: string) =>
    Number(/\((\d+)\)\s*$/.exec((await page.locator(`h2#${id}`).textContent()) ?? '')?.[1])

  /** Reads the figures from the pages and the API, and compares them with the computed ones. */
  async function expectFigures(page: Page, figures: Figures): Promise<void> {
    // The architecture's summary.
    await page.goto(url(`/akimats/${akimatId}`))
    expect(await page.locator('[data-count=total]').textContent()).toBe(String(figures.total))
    expect(((await page.locator('[data-count=automated]').textContent()) ?? '').trim()).toMatch(
      new RegExp(`^${figures.automated}\\b`),
    )

    // The gap report: its count, and the very functions it lists as not automated.
    await page.goto(url(`/akimats/${akimatId}/gaps`))
    expect(await gapCount(page, 'not-automated')).toBe(figures.notAutomated.length)
    expect(await gapCount(page, 'below-level')).toBe(0)
    expect(await gapCount(page, 'non-recommended')).toBe(0)
    const listed = await page
      .locator('section', { has: page.locator('h2#not-automated') })
      .locator('a[href*="/functions/"]')
      .evaluateAll((links) =>
        links.map((a) =>
          decodeURIComponent((a.getAttribute('href') ?? '').replace(/^.*\/functions\//, '')),
        ),
      )
    expect(listed.sort()).toEqual([...figures.notAutomated].sort())
    const gaps = (await (
      await page.context().request.get(url(`/api/akimats/${akimatId}/gaps`))
    ).json()) as { notAutomated: string[]; belowLevel: string[] }
    expect([...gaps.notAutomated].sort()).toEqual([...figures.notAutomated].sort())
    expect(gaps.belowLevel).toEqual([])

    // The indicators: the dashboard's cards and the API.
    await page.goto(url(`/akimats/${akimatId}/indicators?period=${PERIOD}`))
    const api = (await (
      await page.context().request.get(url(`/api/akimats/${akimatId}/indicators?period=${PERIOD}`))
    ).json()) as { indicators: { code: string; value: number | null }[] }
    for (const code of ['1.2.4', '1.2.5', '1.2.6', '1.2.10'] as const) {
      const shown = await page
        .locator(`#i-${code.replaceAll('.', '-')} .indicator-value`)
        .getAttribute('data-value')
      expect(Number(shown), `${code} on the dashboard`).toBe(figures[code])
      expect(
        api.indicators.find((i) => i.code === code)?.value,
        `${code} from /api/akimats/${akimatId}/indicators`,
      ).toBe(figures[code])
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    const db = server().handle.db
    const snapshot = await loadCatalogSnapshot(db)
    // The typical set of 304 for a district as offered today (the last day its rows are in force).
    const option = typicalSetOptions(snapshot, 'district').find((o) => o.architecture === '304')
    if (!option) throw new Error('the bundled acts hold no typical set of 304 for districts')
    adoptedAt = option.date
    // Its rows, read from the catalogue here: the latest text of each row of section 2 of 304 in
    // force on that day (valid from ≤ day < valid to), deleted rows left out.
    setRows = snapshot.rows.filter(
      (r) =>
        r.architecture === '304' &&
        r.section === 2 &&
        !r.status &&
        (r.validFrom ?? '') <= adoptedAt &&
        (r.validTo === null || adoptedAt < r.validTo),
    )
    const akimat = await createOrganisation(db, {
      kind: 'local-executive-body',
      level: 'district',
      nameKk: 'Алакөл ауданының әкімдігі',
      nameRu: 'Акимат Алакольского района',
      bin: testBin(Math.floor(Math.random() * 500_000)),
    })
    akimatId = akimat.id
    for (const [email, name, role] of [
      [ADMIN, 'Ерлан Бекұлы', 'admin'],
      [OPERATOR, 'Гүлнар Сейітқызы', 'operator'],
      [SIGNER, 'Нұрлан Әбдірахманұлы', 'signer'],
    ] as const) {
      await createUser(db, {
        email,
        name,
        organisationId: akimatId,
        roles: [role],
        password: PASSWORD,
      })
    }
    await applicant(db, CITIZEN.iin, CITIZEN.name, PASSWORD)
    certificate = await server().pki.issue(CITIZEN.iin, { name: CITIZEN.name })

    admin = await person('ru-RU')
    citizen = await person('kk-KZ')
    operator = await person('ru-RU')
    signer = await person('ru-RU')
    await signInStaff(admin, ADMIN)
    await signInStaff(operator, OPERATOR)
    await signInStaff(signer, SIGNER)
    await signInPerson(citizen, CITIZEN.iin)
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('the catalogue holds the twenty social services of 352/2022 as state services without levels', () => {
    const services = setRows.filter((r) =>
      (r.group ?? '').startsWith('Оказание государственных услуг'),
    )
    expect(services.map(keyOf)).toEqual(Array.from({ length: 20 }, (_, i) => `304:2.${205 + i}`))
    for (const row of services) {
      expect(row.act).toBe('352')
      expect(row.levels, keyOf(row)).toEqual([])
    }
    for (const f of FUNCTIONS) {
      expect(rowOf(f.key).resources).toEqual(f.registries.map(([name]) => name))
    }
  })

  it('the administrator adopts the typical set of 304 for the district; nothing is automated yet', async () => {
    await admin.goto(url(`/akimats/${akimatId}`))
    await admin.locator('input[name=kato]').fill(KATO)
    await admin.locator(`input[name=at][value="${adoptedAt}"]`).check()
    await submit(admin, '/adopt')
    expect(new URL(admin.url()).search).toBe('?done=adopted')
    await expectFigures(admin, expected([]))
    // No application yet: no share of electronic ones (1.2.7).
    await admin.goto(url(`/akimats/${akimatId}/indicators?period=${PERIOD}`))
    expect(await admin.locator('#i-1-2-7 .indicator-value').getAttribute('data-value')).toBe('')
  })

  it('the administrator switches on 304:2.205, 304:2.208 and 304:2.216 one after another', async () => {
    await admin.goto(url(`/akimats/${akimatId}`))
    await admin.locator(`nav.portal-nav a[href="/akimats/${akimatId}/automation"]`).click()
    await admin.waitForLoadState()
    expect(new URL(admin.url()).pathname).toBe(`/akimats/${akimatId}/automation`)
    expect(await admin.locator('table.automation-functions tbody tr').count()).toBe(setRows.length)
    for (const { key } of FUNCTIONS) {
      expect(await overviewRow(key).getAttribute('data-pattern')).toBe('application')
      expect(await overviewRow(key).locator('[data-state]').getAttribute('data-state')).toBe(
        'never',
      )
    }
    const on: string[] = []
    for (const { key } of FUNCTIONS) {
      const button = overviewRow(key).locator('form[action$="/on"] button[type=submit]')
      expect(((await button.textContent()) ?? '').trim()).toContain(ru('automation.switchOn'))
      // ПЭП and ИС РШЭП provide 2 of the 20 services: the administrator confirms this one is not.
      await overviewRow(key).locator('input[name=confirmNotCentral]').check()
      const loaded = admin.waitForEvent('load')
      await button.click()
      await loaded
      on.push(key)
      expect(new URL(admin.url()).pathname).toBe(`/akimats/${akimatId}/automation`)
      expect(await admin.locator('p.notice[role=status]').textContent()).toContain(
        ru('automation.done.on', { key }),
      )
      // Those switched on so far are on, the others not yet.
      for (const f of FUNCTIONS) {
        expect(
          await overviewRow(f.key).locator('[data-state]').getAttribute('data-state'),
          f.key,
        ).toBe(on.includes(f.key) ? 'on' : 'never')
      }
      expect(
        await overviewRow(key).locator('form[action$="/off"] button[type=submit]').count(),
      ).toBe(1)
    }
    // The API says the same: these three on, with their generated services.
    const overview = (await (
      await admin.context().request.get(url(`/api/akimats/${akimatId}/automation`))
    ).json()) as {
      functions: { key: string; status: string; automation: { serviceCode: string } | null }[]
    }
    expect(
      overview.functions
        .filter((f) => f.status === 'on')
        .map((f) => [f.key, f.automation?.serviceCode]),
    ).toEqual(FUNCTIONS.map(({ key }) => [key, serviceCode(akimatId, key)]))
    // Each function's page names its generated service.
    for (const { key } of FUNCTIONS) {
      await overviewRow(key)
        .locator(`a[href$="/automation/${encodeURIComponent(key)}"]`)
        .click()
      await admin.waitForLoadState()
      const code = ((await admin.locator('main dl a.code').first().textContent()) ?? '').trim()
      expect(code).toBe(serviceCode(akimatId, key))
      await admin.goBack()
    }
  })

  it('the gap report and the indicators change by the figures computed from the rows', async () => {
    await expectFigures(admin, expected(FUNCTIONS.map((f) => f.key)))
    // The decisions name e-akimat, which the catalogue does not hold.
    await admin.goto(url(`/akimats/${akimatId}/functions/${encodeURIComponent('304:2.205')}`))
    expect(await mainText(admin)).toContain('e-akimat')
  })

  it('a citizen finds the three services, applies to each and signs', async () => {
    await citizen.goto(url('/services'))
    for (const { key } of FUNCTIONS) {
      const code = serviceCode(akimatId, key)
      expect(
        await citizen.locator(`main a[href="/services/${code}"]`).count(),
        code,
      ).toBeGreaterThan(0)
    }
    for (const { key, subject } of FUNCTIONS) {
      const code = serviceCode(akimatId, key)
      await citizen.goto(url(`/services/${code}`))
      await citizen.locator(`main a[href="/services/${code}/apply"]`).first().click()
      await citizen.waitForURL(`**/services/${code}/apply`)
      await citizen.locator('#provider').selectOption(String(akimatId))
      await citizen.locator('#result-language').selectOption('ru')
      await citizen.locator('[name="field.subject"]').fill(subject)
      await citizen.locator('[name="field.phone"]').fill('+7 701 555 12 34')
      await submit(citizen, `/services/${code}/apply`)
      expect(citizen.url()).toMatch(/\/applications\/\d+\?done=submitted$/)
      expect(await mainText(citizen)).toContain(kk('services.done.submitted'))
      const id = Number(/\/applications\/(\d+)/.exec(citizen.url())?.[1])
      const number = NUMBER.exec((await citizen.locator('h1').textContent()) ?? '')?.[0] ?? ''
      expect(number, 'application number in the heading').toMatch(NUMBER)
      made.set(key, { id, number, code })

      const data = (await citizen.locator('pre.data-to-sign').textContent()) ?? ''
      expect(data).toContain(number)
      await citizen.locator('textarea[name=signature]').fill(await signWith(certificate, data))
      await submit(citizen, '/sign')
      const text = await mainText(citizen)
      expect(text).toContain(kk('services.done.signed'))
      expect(text).toContain(kk('services.waiting.provider-decision'))
      expect(await status(citizen)).toBe(kk('services.status.in-progress'))
    }
    // Numbers of different services differ in their prefix (one per automation).
    expect(new Set([...made.values()].map((m) => m.number.slice(0, 4))).size).toBe(FUNCTIONS.length)
  })

  it('the operator decides each at the desk (two approved, one refused); the signer issues', async () => {
    async function openFromInbox(page: Page, number: string): Promise<void> {
      await page.goto(url('/desk'))
      await page.getByRole('link', { name: number, exact: true }).click()
      await page.waitForURL(/\/desk\/applications\/\d+/)
    }
    for (const f of FUNCTIONS) {
      const { number } = application(f.key)
      await openFromInbox(operator, number)
      expect(await mainText(operator)).toContain(f.subject)
      if (f.refuse) {
        await operator.locator('#decision-refuse').check()
        await operator.locator('#reason').fill(f.refuse)
      } else {
        await operator.locator('#decision-meets').check()
      }
      await submit(operator, '/decision')
      expect(await mainText(operator)).toContain(ru('services.done.decided'))
      if (f.refuse) expect(await status(operator)).toBe(ru('services.status.refused'))
    }
    for (const f of FUNCTIONS.filter((f) => !f.refuse)) {
      await openFromInbox(signer, application(f.key).number)
      await submit(signer, '/issue')
      expect(await mainText(signer)).toContain(ru('services.done.issued'))
      expect(await status(signer)).toBe(ru('services.status.completed'))
    }
    // The citizen sees the outcomes.
    for (const f of FUNCTIONS) {
      await citizen.goto(url(`/applications/${application(f.key).id}`))
      expect(await status(citizen)).toBe(
        kk(f.refuse ? 'services.status.refused' : 'services.status.completed'),
      )
      if (f.refuse) {
        expect(await citizen.locator('main section.remarks').textContent()).toContain(f.refuse)
      }
    }
  })

  it('the registries named in the rows hold the records', async () => {
    for (const f of FUNCTIONS) {
      const { number } = application(f.key)
      for (const [name, kind] of f.registries) {
        const rows = await registryEntries(operator, f.key, name)
        // Every application was decided (a notice each); only the approved have recipients.
        const holds = kind !== 'recipients' || !f.refuse
        const line = rows.find((r) => r.includes(number))
        expect(line !== undefined, `${f.key} «${name}» (${kind}) holds ${number}`).toBe(holds)
        expect(rows, `${f.key} «${name}»`).toHaveLength(holds ? 1 : 0)
        if (kind === 'recipients' && line) expect(line).toContain(CITIZEN.name)
      }
    }
  })

  it('after all, the figures count the applications made on the portal too (1.2.7)', async () => {
    await expectFigures(admin, expected(FUNCTIONS.map((f) => f.key)))
    // Every application this period came through the portal: all of them electronic.
    await admin.goto(url(`/akimats/${akimatId}/indicators?period=${PERIOD}`))
    expect(await admin.locator('#i-1-2-7 .indicator-value').getAttribute('data-value')).toBe('100')
  })

  it('switched off, a service is no longer offered; its registries keep their records', async () => {
    const off = FUNCTIONS[2]!
    const { code, number } = application(off.key)
    await admin.goto(url(`/akimats/${akimatId}/automation`))
    const button = overviewRow(off.key).locator('form[action$="/off"] button[type=submit]')
    expect(((await button.textContent()) ?? '').trim()).toContain(ru('automation.switchOff'))
    const loaded = admin.waitForEvent('load')
    await button.click()
    await loaded
    expect(await admin.locator('p.notice[role=status]').textContent()).toContain(
      ru('automation.done.off', { key: off.key }),
    )
    expect(await overviewRow(off.key).locator('[data-state]').getAttribute('data-state')).toBe(
      'off',
    )
    for (const f of FUNCTIONS.slice(0, 2)) {
      expect(await overviewRow(f.key).locator('[data-state]').getAttribute('data-state')).toBe('on')
    }

    // The citizen: not in the list, and the form is gone with the reason.
    await citizen.goto(url('/services'))
    expect(await citizen.locator(`main a[href="/services/${code}"]`).count()).toBe(0)
    for (const f of FUNCTIONS.slice(0, 2)) {
      const other = serviceCode(akimatId, f.key)
      expect(await citizen.locator(`main a[href="/services/${other}"]`).count()).toBeGreaterThan(0)
    }
    const response = await citizen.goto(url(`/services/${code}/apply`))
    expect(response?.status()).toBe(404)
    expect(await mainText(citizen)).toContain(kk('services.error.serviceWithdrawn', { code }))
    // What was applied for stays the citizen's.
    await citizen.goto(url(`/applications/${application(off.key).id}`))
    expect(await status(citizen)).toBe(kk('services.status.refused'))

    // The registries still hold the refused application.
    for (const [name, kind] of off.registries) {
      const rows = await registryEntries(operator, off.key, name)
      expect(
        rows.some((r) => r.includes(number)),
        `«${name}»`,
      ).toBe(kind !== 'recipients')
    }

    // And the figures go back by one.
    await expectFigures(admin, expected(FUNCTIONS.slice(0, 2).map((f) => f.key)))
  })

  /**
   * The entries of a registry as the akimat's people read them: from /akimats/:id/registries,
   * the registry of the function by its name as printed; one text per row of its table.
   */
  async function registryEntries(page: Page, key: string, name: string): Promise<string[]> {
    await page.goto(url(`/akimats/${akimatId}/registries`))
    const link = page
      .locator('table.automation-registries tbody tr', {
        has: page.locator(`a[href$="/automation/${encodeURIComponent(key)}"]`),
      })
      .getByRole('link', { name, exact: true })
    expect(await link.count(), `${key} «${name}» in the list of registries`).toBe(1)
    await link.click()
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toMatch(
      new RegExp(`^/akimats/${akimatId}/registries/\\d+$`),
    )
    expect(await page.locator('h1').textContent()).toContain(name)
    return page
      .locator('table.automation-entries tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ')))
  }
})
