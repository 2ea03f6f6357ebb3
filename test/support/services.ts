/**
 * @module
 * What e-service tests need: a test certification authority generated in the test (people's
 * certificates with their IIN/BIN, revocation, a current revocation list), signing with those
 * certificates, and a ServicesContext with the embedded adapters trusting that authority.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import {
  type Actor,
  actorFor,
  createOrganisation,
  createUser,
  type OrganisationKind,
  type Person,
  type Role,
  registerPerson,
} from '../../src/auth/index.js'
import { ConflictError } from '../../src/core/index.js'
import type { Database } from '../../src/db/index.js'
import { LocalFileStore } from '../../src/files/index.js'
import {
  type Authority,
  createAuthority,
  FixtureStateDatabases,
  type IssuedCertificate,
  issueCertificate,
  issueRevocationList,
  KeyResultSigner,
  type ServicesContext,
  SimulatedPaymentGateway,
  setProvider,
  signDetached,
  X509SignatureVerifier,
} from '../../src/services/index.js'

/** A certification authority for one test, with a revocation list it keeps current. */
export class TestPki {
  private revoked: { serialNumber: string; revokedAt: Date }[] = []
  private crl = ''
  private constructor(readonly authority: Authority) {}

  static async create(name = 'e-akimat test CA'): Promise<TestPki> {
    const pki = new TestPki(await createAuthority({ commonName: name }))
    await pki.refreshCrl()
    return pki
  }

  /** The trust the verifier asks for at every check (so revocations take effect at once). */
  trust = async () => ({ certificates: [this.authority.certificate], crls: [this.crl] })

  async refreshCrl(): Promise<void> {
    this.crl = await issueRevocationList(this.authority, { revoked: this.revoked })
  }

  /** A certificate for a person (and, with `bin`, for their company). */
  issue(
    iin: string,
    options: { bin?: string; name?: string; notBefore?: Date; notAfter?: Date } = {},
  ): Promise<IssuedCertificate> {
    return issueCertificate(this.authority, {
      iin,
      bin: options.bin ?? null,
      commonName: options.name ?? `TEST ${iin}`,
      notBefore: options.notBefore,
      notAfter: options.notAfter,
    })
  }

  async revoke(certificate: IssuedCertificate): Promise<void> {
    this.revoked.push({
      serialNumber: certificate.serialNumber,
      revokedAt: new Date(Date.now() - 60_000),
    })
    await this.refreshCrl()
  }
}

/** A detached CMS signature (base64) over `data` with a test certificate. */
export function signWith(
  certificate: IssuedCertificate,
  data: string | Uint8Array,
): Promise<string> {
  return signDetached({
    certificate: certificate.certificate,
    privateKey: certificate.privateKey,
    data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
  })
}

/** The embedded adapters over a fresh data folder, trusting `pki`. */
export async function testServicesContext(
  pki: TestPki,
  options: { dataDir?: string; publicUrl?: string; paymentTimeoutMs?: number } = {},
): Promise<ServicesContext & { dataDir: string }> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'e-akimat-services-')))
  return {
    dataDir,
    files: new LocalFileStore(dataDir),
    publicUrl: options.publicUrl ?? 'http://localhost',
    adapters: {
      stateDatabases: new FixtureStateDatabases(),
      payments: new SimulatedPaymentGateway({
        timeoutMs: options.paymentTimeoutMs ?? 300,
        answerAfterMs: 2_000,
      }),
      signatures: new X509SignatureVerifier(pki.trust),
      resultSigner: await KeyResultSigner.fromDirectory(dataDir),
    },
  }
}

let organisationSerial = 0

/** A valid BIN for test organisations (check digit computed), distinct per call. */
export function testBin(seed: number): string {
  // 11 digits then the check digit; retries seeds whose check digit would be 10.
  for (let n = seed; ; n += 1) {
    const body = `9901${String(400000 + (n % 600000)).padStart(6, '0')}0`.slice(0, 11)
    const digit = checkDigit(body)
    if (digit >= 0 && digit <= 9) return `${body}${digit}`
  }
}

function checkDigit(eleven: string): number {
  const digits = [...eleven].map(Number)
  const weigh = (weights: number[]) =>
    digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11
  let digit = weigh([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  if (digit === 10) digit = weigh([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
  return digit === 10 ? -1 : digit
}

/** A new organisation with a valid BIN no other organisation of the database has. */
async function newOrganisation(
  db: Kysely<Database>,
  options: { kind?: OrganisationKind; name?: string },
) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await createOrganisation(db, {
        kind: options.kind ?? 'state-body',
        nameKk: `${options.name ?? 'Ұйым'} ${organisationSerial}`,
        nameRu: `${options.name ?? 'Организация'} ${organisationSerial}`,
        bin: testBin(Math.floor(Math.random() * 500_000)),
        level: options.kind === 'local-executive-body' ? 'region' : null,
      })
    } catch (error) {
      // A BIN another organisation drew already: draw again.
      if (!(error instanceof ConflictError) || attempt >= 20) throw error
    }
  }
}

/** An organisation with one activated user holding `roles`; returns the actor. */
export async function staff(
  db: Kysely<Database>,
  options: {
    kind?: OrganisationKind
    name?: string
    roles: Role[]
    email?: string
    organisationId?: number
    password?: string
  },
): Promise<Actor> {
  organisationSerial += 1
  const organisationId = options.organisationId ?? (await newOrganisation(db, options)).id
  const email =
    options.email ??
    `staff${organisationSerial}-${Math.random().toString(36).slice(2, 8)}@example.kz`
  const { userId } = await createUser(db, {
    email,
    name: `Staff ${organisationSerial}`,
    organisationId,
    roles: options.roles,
    password: options.password ?? 'correct horse battery staple',
  })
  const actor = await actorFor(db, userId, organisationId)
  if (!actor) throw new Error('no actor')
  return actor
}

/** The provider set-up of a test: a provider organisation bound to every service. */
export async function bindProvider(
  db: Kysely<Database>,
  admin: Actor,
  organisationId: number,
  options: { feeKzt?: number; termWorkingDays?: number | null } = {},
): Promise<void> {
  for (const serviceCode of ['apostille', 'archival-certificate', 'mass-media-registration']) {
    await setProvider(db, admin, {
      serviceCode,
      organisationId,
      feeKzt: serviceCode === 'archival-certificate' ? null : (options.feeKzt ?? 1_000),
      termWorkingDays: options.termWorkingDays === undefined ? 5 : options.termWorkingDays,
    })
  }
}

/** An applicant account. */
export async function applicant(
  db: Kysely<Database>,
  iin: string,
  name = 'Тестова Әлия Қайратқызы',
  password = 'correct horse battery staple',
): Promise<Person> {
  return registerPerson(db, { iin, name, password })
}

/** A one-page PDF small enough for tests, accepted as an attachment. */
export const TINY_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
