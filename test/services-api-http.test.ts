/**
 * The e-services JSON API over real HTTP on both backends: sign-in answers a CSRF token that
 * writes need; an applicant applies, pays, signs; the provider's staff decide and issue; the
 * result verifies by its code; another applicant or organisation gets 404 for everything.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_CASES, TEST_CARDS } from '../src/services/index.js'
import { BACKENDS } from './support/database.js'
import { useTestServer } from './support/server.js'
import { applicant, bindProvider, signWith, staff, TINY_PDF } from './support/services.js'

const PASSWORD = 'correct horse battery staple'

class ApiClient {
  cookie = ''
  csrf = ''
  constructor(
    private readonly base: () => string,
    private readonly language = 'en',
  ) {}

  async call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const res = await fetch(`${this.base()}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'accept-language': this.language,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? ''
      if (!/max-age=0/i.test(line)) this.cookie = [this.cookie, pair].filter(Boolean).join('; ')
    }
    return res
  }

  async signInPerson(iin: string) {
    const res = await this.call('POST', '/api/citizen/session', { iin, password: PASSWORD })
    expect(res.status).toBe(200)
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
  }

  async signInStaff(email: string) {
    const res = await this.call('POST', '/api/session', { email, password: PASSWORD })
    expect(res.status).toBe(200)
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
  }
}

describe.each(BACKENDS)('e-services API [%s]', (backend) => {
  const server = useTestServer(backend)
  const base = () => server().url
  let providerId = 0
  let operatorEmail = ''
  let signerEmail = ''
  let otherEmail = ''

  beforeAll(async () => {
    const db = server().handle.db
    const admin = await staff(db, { kind: 'service-integrator', roles: ['admin'] })
    const operator = await staff(db, { roles: ['operator'] })
    const signer = await staff(db, { roles: ['signer'], organisationId: operator.organisation.id })
    const other = await staff(db, { roles: ['operator', 'signer'] })
    providerId = operator.organisation.id
    operatorEmail = operator.email
    signerEmail = signer.email
    otherEmail = other.email
    await bindProvider(db, admin, providerId, { feeKzt: 3_000, termWorkingDays: 5 })
    await applicant(db, FIXTURE_CASES.individual)
    await applicant(db, FIXTURE_CASES.principal, 'Бөтен Адам')
  })

  const applyBody = (service: string) => ({
    service,
    providerOrganisationId: providerId,
    language: 'ru',
    form:
      service === 'apostille'
        ? {
            documentKind: 'archival-certificate',
            destinationCountry: 'Германия',
            issuingArchive: 'Национальный архив',
            documentNumber: '17-04/112',
            documentDate: '2024-05-17',
          }
        : { subject: 'Стаж работы', period: '1995–2001', purpose: 'Пенсия' },
    attachments:
      service === 'apostille'
        ? [
            {
              slot: 'archivalDocument',
              name: 'справка.pdf',
              contentBase64: Buffer.from(TINY_PDF).toString('base64'),
            },
          ]
        : [],
  })

  it('lists the services with their steps and providers, and documents the API', async () => {
    const res = await fetch(`${base()}/api/services`)
    const body = (await res.json()) as {
      services: { code: string; steps: number; providers: { organisationId: number }[] }[]
    }
    expect(body.services.map((s) => s.code)).toEqual([
      'apostille',
      'archival-certificate',
      'mass-media-registration',
    ])
    expect(body.services.find((s) => s.code === 'apostille')?.steps).toBe(36)
    expect(body.services[0]?.providers.some((p) => p.organisationId === providerId)).toBe(true)
    const doc = (await (await fetch(`${base()}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>
    }
    for (const path of [
      '/api/applications',
      '/api/applications/{id}/signature',
      '/api/desk/inbox',
      '/api/verify/{code}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
  })

  it('runs an apostille application end to end and verifies the result by its code', async () => {
    const citizen = new ApiClient(base, 'ru')
    await citizen.signInPerson(FIXTURE_CASES.individual)
    // A write without the CSRF header is refused.
    const token = citizen.csrf
    citizen.csrf = ''
    expect((await citizen.call('POST', '/api/applications', applyBody('apostille'))).status).toBe(
      403,
    )
    citizen.csrf = token

    const created = await citizen.call('POST', '/api/applications', applyBody('apostille'))
    expect(created.status).toBe(201)
    const app = (await created.json()) as { id: number; number: string; waitingFor: string }
    expect(app.waitingFor).toBe('applicant-payment')
    const paid = await citizen.call('POST', `/api/applications/${app.id}/payment`, {
      cardNumber: TEST_CARDS.paid,
    })
    expect(((await paid.json()) as { outcome: string }).outcome).toBe('paid')

    const data = await (
      await citizen.call('GET', `/api/applications/${app.id}/data-to-sign`)
    ).text()
    expect(JSON.parse(data).application).toBe(app.number)
    const certificate = await server().pki.issue(FIXTURE_CASES.individual)
    const signed = await citizen.call('POST', `/api/applications/${app.id}/signature`, {
      signature: await signWith(certificate, data),
    })
    expect(((await signed.json()) as { waitingFor: string }).waitingFor).toBe('provider-decision')

    // Another applicant and another organisation see nothing of it.
    const stranger = new ApiClient(base)
    await stranger.signInPerson(FIXTURE_CASES.principal)
    for (const path of [
      `/api/applications/${app.id}`,
      `/api/applications/${app.id}/data-to-sign`,
    ]) {
      expect((await stranger.call('GET', path)).status).toBe(404)
    }
    expect(
      (await stranger.call('POST', `/api/applications/${app.id}/signature`, { signature: 'x' }))
        .status,
    ).toBe(404)
    const other = new ApiClient(base)
    await other.signInStaff(otherEmail)
    expect((await other.call('GET', `/api/desk/applications/${app.id}`)).status).toBe(404)
    expect(
      (await other.call('POST', `/api/desk/applications/${app.id}/decision`, { meets: true }))
        .status,
    ).toBe(404)

    const operator = new ApiClient(base, 'ru')
    await operator.signInStaff(operatorEmail)
    const inbox = (await (await operator.call('GET', '/api/desk/inbox')).json()) as {
      applications: { id: number }[]
    }
    expect(inbox.applications.some((a) => a.id === app.id)).toBe(true)
    const refusedWithoutReason = await operator.call(
      'POST',
      `/api/desk/applications/${app.id}/decision`,
      { meets: false },
    )
    expect(refusedWithoutReason.status).toBe(400)
    expect(
      ((await refusedWithoutReason.json()) as { error: { message: string } }).error.message,
    ).toMatch(/причин/)
    expect(
      (await operator.call('POST', `/api/desk/applications/${app.id}/decision`, { meets: true }))
        .status,
    ).toBe(200)
    expect((await operator.call('POST', `/api/desk/applications/${app.id}/result`)).status).toBe(
      403,
    )
    const signer = new ApiClient(base)
    await signer.signInStaff(signerEmail)
    const issued = (await (
      await signer.call('POST', `/api/desk/applications/${app.id}/result`)
    ).json()) as {
      status: string
      result: { code: string; ready: boolean }
    }
    expect(issued.status).toBe('completed')
    expect(issued.result.ready).toBe(true)

    const verify = (await (
      await fetch(`${base()}/api/verify/${issued.result.code}`)
    ).json()) as Record<string, unknown>
    expect(verify.kind).toBeNull()
    expect(verify.detailsShown).toBe(false)
    expect(verify.recipientName).toBeNull()
    expect(verify.applicationNumber).toBeNull()
    expect((await fetch(`${base()}/api/verify/AAAA-BBBB-CCCC`)).status).toBe(404)
    expect(
      (
        await citizen.call('POST', `/api/applications/${app.id}/sharing`, {
          details: true,
          name: false,
          number: true,
          document: false,
        })
      ).status,
    ).toBe(204)
    const after = (await (
      await fetch(`${base()}/api/verify/${issued.result.code}`)
    ).json()) as Record<string, unknown>
    expect(after.applicationNumber).toBe(app.number)
    expect(after.recipientName).toBeNull()
    expect(after.kind).toBe('result')
    expect(
      (
        await citizen.call('POST', `/api/applications/${app.id}/survey`, {
          quality: 2,
          information: 3,
        })
      ).status,
    ).toBe(204)
    const figures = (await (await fetch(`${base()}/api/services/apostille/figures`)).json()) as {
      completed: number
      survey: { answers: number }
    }
    expect(figures.completed).toBe(1)
    expect(figures.survey.answers).toBe(1)
  })

  it('answers 401 without a session and 400 for malformed input', async () => {
    expect((await fetch(`${base()}/api/applications`)).status).toBe(401)
    expect((await fetch(`${base()}/api/desk/inbox`)).status).toBe(401)
    const citizen = new ApiClient(base, 'kk')
    await citizen.signInPerson(FIXTURE_CASES.individual)
    const bad = await citizen.call('POST', '/api/applications', {
      ...applyBody('archival-certificate'),
      form: {},
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /толтырыңыз/,
    )
    const broken = await citizen.call('POST', '/api/applications', '{"service":', {})
    expect(broken.status).toBe(400)
    expect((await citizen.call('GET', '/api/applications/99999999999')).status).toBe(400)
    expect((await citizen.call('GET', '/api/applications/2147483647')).status).toBe(404)
  })
})
