/**
 * The signature check against a real test authority made here (no database): what it accepts,
 * what it refuses and with which reason; and the result signer's files in a data folder.
 */
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import fc from 'fast-check'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../core/index.js'
import {
  type Authority,
  certificateSubject,
  createAuthority,
  DEMO_CA_NAME,
  demoAuthority,
  demoTrust,
  type IssuedCertificate,
  issueCertificate,
  issueCertificateFor,
  issueDemoCertificate,
  issueRevocationList,
  KeyResultSigner,
  loadTrust,
  MAX_SIGNATURE_LENGTH,
  RESULT_SIGNER_NAME,
  type SignatureCheck,
  signDetached,
  type TrustMaterial,
  verifyResultSignature,
  X509SignatureVerifier,
} from './index.js'

const DAY = 86_400_000
const encode = (text: string) => new TextEncoder().encode(text)
const DATA = encode('{"service":"archival-certificate","iin":"900101300123","lang":"kk"}')
const SIGNED_AT = new Date('2026-03-02T09:30:00Z')

/** A CMS signature (base64) taken apart, changed, and put together again. */
function rewrite(signature: string, change: (signedData: pkijs.SignedData) => void): string {
  const contentInfo = pkijs.ContentInfo.fromBER(Buffer.from(signature, 'base64'))
  const signedData = new pkijs.SignedData({ schema: contentInfo.content })
  change(signedData)
  const rebuilt = new pkijs.ContentInfo({
    contentType: contentInfo.contentType,
    content: signedData.toSchema(true),
  })
  return Buffer.from(rebuilt.toSchema().toBER(false)).toString('base64')
}

function refused(check: SignatureCheck): Extract<SignatureCheck, { ok: false }> {
  if (check.ok) throw new Error(`expected a refusal, got ok for ${check.signer.commonName}`)
  return check
}

describe('X509SignatureVerifier', () => {
  let ca: Authority
  let otherCa: Authority
  let crl: string
  let verifier: X509SignatureVerifier
  let rsaPerson: IssuedCertificate
  let pssPerson: IssuedCertificate
  let ecEmployee: IssuedCertificate
  let p384Person: IssuedCertificate

  const sign = (who: IssuedCertificate, data = DATA, extra: { attached?: boolean } = {}) =>
    signDetached({
      certificate: who.certificate,
      privateKey: who.privateKey,
      algorithm: who.algorithm,
      data,
      signingTime: SIGNED_AT,
      ...extra,
    })

  beforeAll(async () => {
    ca = await createAuthority({ commonName: 'Test NCA', algorithm: 'rsa' })
    otherCa = await createAuthority({ commonName: 'Other CA' })
    ;[rsaPerson, pssPerson, ecEmployee, p384Person] = await Promise.all([
      issueCertificate(ca, { iin: '900101300123', commonName: 'ТЕСТОВ ТЕСТ', algorithm: 'rsa' }),
      issueCertificate(ca, { iin: '850202400456', commonName: 'PSS PERSON', algorithm: 'rsa-pss' }),
      issueCertificate(ca, {
        iin: '780303500789',
        bin: '120340001234',
        commonName: 'ҚЫЗМЕТКЕР ТЕСТ',
        algorithm: 'ecdsa-p256',
      }),
      issueCertificate(ca, { iin: '700404600111', commonName: 'P384', algorithm: 'ecdsa-p384' }),
    ])
    crl = await issueRevocationList(ca, { revoked: [] })
    verifier = new X509SignatureVerifier({ certificates: [ca.certificate], crls: [crl] })
  })

  describe('accepts', () => {
    it('an RSA (PKCS #1 v1.5) signature: IIN, name, serial, issuer and signing time', async () => {
      const check = await verifier.verify({ signature: await sign(rsaPerson), data: DATA })
      expect(check).toEqual({
        ok: true,
        signedAt: SIGNED_AT.toISOString(),
        signer: {
          iin: '900101300123',
          bin: null,
          commonName: 'ТЕСТОВ ТЕСТ',
          serialNumber: rsaPerson.serialNumber,
          issuer: 'C=KZ, CN=Test NCA',
          notBefore: expect.any(String),
          notAfter: expect.any(String),
        },
      })
      expect(rsaPerson.serialNumber).toMatch(/^[0-9a-f]{2,40}$/)
    })

    it('an RSA-PSS signature', async () => {
      const check = await verifier.verify({ signature: await sign(pssPerson), data: DATA })
      expect(check).toMatchObject({ ok: true, signer: { iin: '850202400456' } })
    })

    it("an ECDSA P-256 signature of a legal entity's employee: IIN and BIN", async () => {
      const check = await verifier.verify({ signature: await sign(ecEmployee), data: DATA })
      expect(check).toMatchObject({
        ok: true,
        signer: { iin: '780303500789', bin: '120340001234', commonName: 'ҚЫЗМЕТКЕР ТЕСТ' },
      })
    })

    it('an ECDSA P-384 signature (SHA-384)', async () => {
      const check = await verifier.verify({ signature: await sign(p384Person), data: DATA })
      expect(check).toMatchObject({ ok: true, signer: { iin: '700404600111' } })
    })

    it('PEM with CMS, PKCS7 or SIGNED DATA headers, line breaks and spaces', async () => {
      const base64 = await sign(rsaPerson)
      const lines = base64.match(/.{1,64}/g)!.join('\r\n  ')
      for (const label of ['CMS', 'PKCS7', 'SIGNED DATA']) {
        const pem = `\n-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`
        expect((await verifier.verify({ signature: pem, data: DATA })).ok).toBe(true)
      }
      expect((await verifier.verify({ signature: ` ${lines} `, data: DATA })).ok).toBe(true)
    })

    it('an attached signature whose content is the data byte for byte', async () => {
      const attached = await sign(ecEmployee, DATA, { attached: true })
      expect((await verifier.verify({ signature: attached, data: DATA })).ok).toBe(true)
      const other = Uint8Array.from(DATA)
      other[0] = 0x5b
      expect(refused(await verifier.verify({ signature: attached, data: other })).reason).toBe(
        'data-mismatch',
      )
    })

    it('a revocation list given as DER bytes', async () => {
      const der = Buffer.from(crl.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64')
      const fromDer = new X509SignatureVerifier({
        certificates: [ca.certificate],
        crls: [new Uint8Array(der)],
      })
      expect((await fromDer.verify({ signature: await sign(rsaPerson), data: DATA })).ok).toBe(true)
    })
  })

  describe('refuses', () => {
    it('data changed by one byte (data-mismatch), naming the signer', async () => {
      const signature = await sign(rsaPerson)
      const changed = Uint8Array.from(DATA)
      changed[20] = changed[20]! ^ 0x01
      const check = refused(await verifier.verify({ signature, data: changed }))
      expect(check.reason).toBe('data-mismatch')
      expect(check.detail).toContain('digest')
      expect(check.signer?.iin).toBe('900101300123')
      const longer = refused(await verifier.verify({ signature, data: encode('x') }))
      expect(longer.reason).toBe('data-mismatch')
    })

    it('a signature value changed by one bit (data-mismatch)', async () => {
      const signature = rewrite(await sign(rsaPerson), (signedData) => {
        const info = signedData.signerInfos[0]!
        const value = Uint8Array.from(info.signature.valueBlock.valueHexView)
        value[10] = value[10]! ^ 0x01
        info.signature = new asn1js.OctetString({ valueHex: value.buffer })
      })
      const check = refused(await verifier.verify({ signature, data: DATA }))
      expect(check).toMatchObject({ reason: 'data-mismatch', signer: { iin: '900101300123' } })
      expect(check.detail).toContain('signature value')
    })

    it('a certificate from another authority (untrusted)', async () => {
      const stranger = await issueCertificate(otherCa, { iin: '900101300123', commonName: 'X' })
      const check = refused(await verifier.verify({ signature: await sign(stranger), data: DATA }))
      expect(check.reason).toBe('untrusted')
      expect(check.detail).toContain('C=KZ, CN=Other CA')
      expect(check.signer?.iin).toBe('900101300123')
    })

    it('a certificate naming the trusted authority but signed by another key (untrusted)', async () => {
      const impostor = await createAuthority({ commonName: 'Test NCA' })
      const forged = await issueCertificate(impostor, { iin: '900101300123', commonName: 'X' })
      const check = refused(await verifier.verify({ signature: await sign(forged), data: DATA }))
      expect(check.reason).toBe('untrusted')
      expect(check.detail).toContain('not validly signed')
    })

    it('an expired certificate, and one checked after its end (expired)', async () => {
      const old = await issueCertificate(ca, {
        iin: '900101300123',
        commonName: 'OLD',
        notBefore: new Date(Date.now() - 400 * DAY),
        notAfter: new Date(Date.now() - 35 * DAY),
      })
      const check = refused(await verifier.verify({ signature: await sign(old), data: DATA }))
      expect(check.reason).toBe('expired')
      expect(check.signer?.commonName).toBe('OLD')

      const signature = await sign(rsaPerson)
      const afterEnd = new Date(Date.now() + 400 * DAY)
      const late = refused(await verifier.verify({ signature, data: DATA, at: afterEnd }))
      expect(late.reason).toBe('expired')
    })

    it('a certificate not yet valid, now or at an earlier instant (not-yet-valid)', async () => {
      const future = await issueCertificate(ca, {
        iin: '900101300123',
        commonName: 'FUTURE',
        notBefore: new Date(Date.now() + 10 * DAY),
        notAfter: new Date(Date.now() + 400 * DAY),
      })
      const check = refused(await verifier.verify({ signature: await sign(future), data: DATA }))
      expect(check.reason).toBe('not-yet-valid')

      const early = new Date(Date.now() - 3 * DAY)
      const before = refused(
        await verifier.verify({ signature: await sign(rsaPerson), data: DATA, at: early }),
      )
      expect(before.reason).toBe('not-yet-valid')
    })

    it('an authority certificate that has expired (expired, naming the authority)', async () => {
      const oldCa = await createAuthority({
        commonName: 'Old CA',
        notBefore: new Date(Date.now() - 3000 * DAY),
        notAfter: new Date(Date.now() - DAY),
      })
      const person = await issueCertificate(oldCa, { iin: '900101300123', commonName: 'X' })
      const trust = new X509SignatureVerifier({
        certificates: [oldCa.certificate],
        crls: [await issueRevocationList(oldCa, { revoked: [] })],
      })
      const check = refused(await trust.verify({ signature: await sign(person), data: DATA }))
      expect(check.reason).toBe('expired')
      expect(check.detail).toContain('authority certificate "C=KZ, CN=Old CA"')
    })

    it('a certificate on the revocation list (revoked)', async () => {
      const revokedAt = new Date(Date.now() - DAY)
      const revoking = new X509SignatureVerifier({
        certificates: [ca.certificate],
        crls: [
          await issueRevocationList(ca, {
            revoked: [
              { serialNumber: 'abcdef', revokedAt },
              { serialNumber: ecEmployee.serialNumber, revokedAt },
            ],
          }),
        ],
      })
      const check = refused(
        await revoking.verify({ signature: await sign(ecEmployee), data: DATA }),
      )
      expect(check.reason).toBe('revoked')
      expect(check.detail).toContain(ecEmployee.serialNumber)
      expect(check.signer?.bin).toBe('120340001234')
      // Others on the same authority are not affected.
      expect((await revoking.verify({ signature: await sign(rsaPerson), data: DATA })).ok).toBe(
        true,
      )
    })

    it('a revocation dated after the instant checked does not count at that instant', async () => {
      const now = Date.now()
      const person = await issueCertificate(ca, {
        iin: '900101300123',
        commonName: 'LATER REVOKED',
        notBefore: new Date(now - 10 * DAY),
      })
      const list = await issueRevocationList(ca, {
        revoked: [{ serialNumber: person.serialNumber, revokedAt: new Date(now - 10 * 60_000) }],
      })
      const trust = new X509SignatureVerifier({ certificates: [ca.certificate], crls: [list] })
      const signature = await sign(person)
      expect(refused(await trust.verify({ signature, data: DATA })).reason).toBe('revoked')
      const before = await trust.verify({ signature, data: DATA, at: new Date(now - 30 * 60_000) })
      expect(before.ok).toBe(true)
    })

    it('uses the newest current list: a later list that revokes wins', async () => {
      const now = Date.now()
      const older = await issueRevocationList(ca, {
        revoked: [],
        thisUpdate: new Date(now - 2 * DAY),
        nextUpdate: new Date(now + DAY),
      })
      const newer = await issueRevocationList(ca, {
        revoked: [{ serialNumber: rsaPerson.serialNumber, revokedAt: new Date(now - DAY) }],
        thisUpdate: new Date(now - 60_000),
        nextUpdate: new Date(now + DAY),
      })
      for (const crls of [
        [older, newer],
        [newer, older],
      ]) {
        const check = await new X509SignatureVerifier({
          certificates: [ca.certificate],
          crls,
        }).verify({ signature: await sign(rsaPerson), data: DATA })
        expect(refused(check).reason).toBe('revoked')
      }
    })

    it('no revocation list, or one out of date (revocation-unknown)', async () => {
      const signature = await sign(rsaPerson)
      const none = new X509SignatureVerifier({ certificates: [ca.certificate], crls: [] })
      const missing = refused(await none.verify({ signature, data: DATA }))
      expect(missing.reason).toBe('revocation-unknown')
      expect(missing.detail).toContain('no revocation list from "C=KZ, CN=Test NCA"')

      const stale = await issueRevocationList(ca, {
        revoked: [],
        thisUpdate: new Date(Date.now() - 3 * DAY),
        nextUpdate: new Date(Date.now() - DAY),
      })
      const outOfDate = new X509SignatureVerifier({ certificates: [ca.certificate], crls: [stale] })
      const check = refused(await outOfDate.verify({ signature, data: DATA }))
      expect(check.reason).toBe('revocation-unknown')
      expect(check.detail).toContain('out of date')
      // A fresh list checked at a later instant is out of date too.
      const later = refused(
        await verifier.verify({ signature, data: DATA, at: new Date(Date.now() + 2 * DAY) }),
      )
      expect(later.reason).toBe('revocation-unknown')
    })

    it('a revocation list of the same name signed by another key (revocation-unknown)', async () => {
      const impostor = await createAuthority({ commonName: 'Test NCA' })
      const forgedCrl = await issueRevocationList(impostor, { revoked: [] })
      const trust = new X509SignatureVerifier({ certificates: [ca.certificate], crls: [forgedCrl] })
      const check = refused(await trust.verify({ signature: await sign(rsaPerson), data: DATA }))
      expect(check.reason).toBe('revocation-unknown')
      expect(check.detail).toContain("not signed by that authority's key")
    })

    it.each([
      ['garbage text', 'this is not a signature'],
      ['empty text', ''],
      ['only spaces', '   \n '],
      ['base64 of random bytes', Buffer.from('random bytes, not ASN.1').toString('base64')],
      ['a PEM with another header', '-----BEGIN FOO-----\nAAAA\n-----END FOO-----'],
    ])('%s (malformed)', async (_, signature) => {
      const check = refused(await verifier.verify({ signature, data: DATA }))
      expect(check).toMatchObject({ reason: 'malformed', signer: null })
    })

    it('a certificate, or CMS that is not SignedData, where a signature belongs (malformed)', async () => {
      const body = ca.certificate.replace(/-----[A-Z ]+-----|\s/g, '')
      const certificate = refused(await verifier.verify({ signature: body, data: DATA }))
      expect(certificate.reason).toBe('malformed')
      expect(certificate.detail).toContain('not a CMS structure')
      const pem = refused(await verifier.verify({ signature: ca.certificate, data: DATA }))
      expect(pem.detail).toBe('the PEM header is not CMS, PKCS7 or SIGNED DATA')
      const plainData = new pkijs.ContentInfo({
        contentType: '1.2.840.113549.1.7.1',
        content: new asn1js.OctetString({ valueHex: DATA.slice().buffer }),
      })
      const signature = Buffer.from(plainData.toSchema().toBER(false)).toString('base64')
      const notSigned = refused(await verifier.verify({ signature, data: DATA }))
      expect(notSigned).toMatchObject({ reason: 'malformed', signer: null })
      expect(notSigned.detail).toContain('not SignedData')
    })

    it('a signature over 1 MiB (malformed) without decoding it', async () => {
      const huge = 'A'.repeat(MAX_SIGNATURE_LENGTH + 4)
      const check = refused(await verifier.verify({ signature: huge, data: DATA }))
      expect(check.reason).toBe('malformed')
      expect(check.detail).toContain('larger than')
    })

    it('a signature with bytes after its end (malformed)', async () => {
      const der = Buffer.concat([Buffer.from(await sign(rsaPerson), 'base64'), Buffer.from([0])])
      const check = refused(
        await verifier.verify({ signature: der.toString('base64'), data: DATA }),
      )
      expect(check.reason).toBe('malformed')
    })

    it('two signers (malformed)', async () => {
      const second = pkijs.ContentInfo.fromBER(Buffer.from(await sign(ecEmployee), 'base64'))
      const secondData = new pkijs.SignedData({ schema: second.content })
      const signature = rewrite(await sign(rsaPerson), (signedData) => {
        signedData.signerInfos.push(secondData.signerInfos[0]!)
        signedData.certificates!.push(...secondData.certificates!)
      })
      const check = refused(await verifier.verify({ signature, data: DATA }))
      expect(check.reason).toBe('malformed')
      expect(check.detail).toContain('2 signers')
    })

    it('a certificate swapped for another with the same issuer and serial (malformed)', async () => {
      const twin = await issueCertificate(ca, {
        iin: '111111111111',
        commonName: 'TWIN',
        serialNumber: rsaPerson.serialNumber,
        algorithm: 'rsa',
      })
      const twinCertificate = pkijs.Certificate.fromBER(
        Buffer.from(twin.certificate.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'),
      )
      const signature = rewrite(await sign(rsaPerson), (signedData) => {
        signedData.certificates = [twinCertificate]
      })
      const check = refused(await verifier.verify({ signature, data: DATA }))
      expect(check).toMatchObject({ reason: 'malformed', signer: { iin: '111111111111' } })
      expect(check.detail).toContain('signingCertificateV2')
    })

    it("a signature without the signer's certificate (malformed)", async () => {
      const signature = rewrite(await sign(rsaPerson), (signedData) => {
        signedData.certificates = []
      })
      expect(refused(await verifier.verify({ signature, data: DATA })).reason).toBe('malformed')
    })

    it('never throws, whatever the text (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.base64String(),
            fc.uint8Array().map((b) => Buffer.from(b).toString('base64')),
          ),
          async (text) => {
            const check = await verifier.verify({ signature: text, data: DATA })
            expect(check).toMatchObject({ ok: false, reason: 'malformed' })
          },
        ),
        { numRuns: 200 },
      )
    })
  })

  describe('chains through an intermediate authority', () => {
    let root: Authority
    let intermediate: Authority
    let person: IssuedCertificate
    let signature: string
    let rootCrl: string
    let intermediateCrl: string

    beforeAll(async () => {
      root = await createAuthority({ commonName: 'Root CA', algorithm: 'ecdsa-p384' })
      intermediate = await createAuthority({ commonName: 'NCA', issuer: root })
      person = await issueCertificate(intermediate, { iin: '900101300123', commonName: 'CHAIN' })
      signature = await signDetached({
        certificate: person.certificate,
        privateKey: person.privateKey,
        data: DATA,
        certificates: [intermediate.certificate],
      })
      rootCrl = await issueRevocationList(root, { revoked: [] })
      intermediateCrl = await issueRevocationList(intermediate, { revoked: [] })
    })

    it('carried in the signature, to a trusted root, with both lists', async () => {
      const trust = new X509SignatureVerifier({
        certificates: [root.certificate],
        crls: [rootCrl, intermediateCrl],
      })
      expect(await trust.verify({ signature, data: DATA })).toMatchObject({
        ok: true,
        signer: { issuer: 'C=KZ, CN=NCA' },
      })
    })

    it("needs the root's list for the intermediate (revocation-unknown)", async () => {
      const trust = new X509SignatureVerifier({
        certificates: [root.certificate],
        crls: [intermediateCrl],
      })
      const check = refused(await trust.verify({ signature, data: DATA }))
      expect(check.reason).toBe('revocation-unknown')
      expect(check.detail).toContain('C=KZ, CN=Root CA')
    })

    it('refuses a revoked intermediate (revoked)', async () => {
      const intermediateSerial = certificateSubject(intermediate.certificate).serialNumber
      const trust = new X509SignatureVerifier({
        certificates: [root.certificate],
        crls: [
          intermediateCrl,
          await issueRevocationList(root, {
            revoked: [{ serialNumber: intermediateSerial, revokedAt: new Date(Date.now() - DAY) }],
          }),
        ],
      })
      const check = refused(await trust.verify({ signature, data: DATA }))
      expect(check.reason).toBe('revoked')
      expect(check.detail).toContain('the authority "C=KZ, CN=NCA"')
    })

    it('trusts the intermediate itself as an anchor (its list alone is needed)', async () => {
      const trust = new X509SignatureVerifier({
        certificates: [intermediate.certificate],
        crls: [intermediateCrl],
      })
      expect((await trust.verify({ signature, data: DATA })).ok).toBe(true)
    })

    it('refuses an intermediate missing from the signature and the trust (untrusted)', async () => {
      const bare = await signDetached({
        certificate: person.certificate,
        privateKey: person.privateKey,
        data: DATA,
      })
      const trust = new X509SignatureVerifier({
        certificates: [root.certificate],
        crls: [rootCrl, intermediateCrl],
      })
      const check = refused(await trust.verify({ signature: bare, data: DATA }))
      expect(check.reason).toBe('untrusted')
      expect(check.detail).toContain('"C=KZ, CN=NCA", which is not a trusted authority')
    })

    it('refuses a certificate issued by a non-authority (untrusted)', async () => {
      const leafAsIssuer = await issueCertificateFor(
        person,
        [
          ['2.5.4.3', 'SUB'],
          ['2.5.4.5', 'IIN111111111111'],
        ],
        {},
      )
      const subSignature = await signDetached({
        certificate: leafAsIssuer.certificate,
        privateKey: leafAsIssuer.privateKey,
        data: DATA,
        certificates: [person.certificate, intermediate.certificate],
      })
      const trust = new X509SignatureVerifier({
        certificates: [root.certificate],
        crls: [rootCrl, intermediateCrl],
      })
      const check = refused(await trust.verify({ signature: subSignature, data: DATA }))
      expect(check.reason).toBe('untrusted')
    })
  })

  describe('trust material', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'e-akimat-trust-'))
    })
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it('loadTrust reads PEM and DER certificates and revocation lists from a folder', async () => {
      const derCertificate = Buffer.from(
        otherCa.certificate.replace(/-----[A-Z ]+-----|\s/g, ''),
        'base64',
      )
      const otherCrl = await issueRevocationList(otherCa, { revoked: [] })
      await writeFile(join(dir, 'nca.pem'), ca.certificate)
      await writeFile(join(dir, 'other.cer'), derCertificate)
      await writeFile(join(dir, 'nca.crl'), crl)
      await writeFile(
        join(dir, 'other.crl'),
        Buffer.from(otherCrl.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64'),
      )
      await writeFile(join(dir, 'README.txt'), 'ignored')
      const trust = await loadTrust(dir)
      expect(trust.certificates).toHaveLength(2)
      expect(trust.crls).toHaveLength(2)
      const loaded = new X509SignatureVerifier(trust)
      expect((await loaded.verify({ signature: await sign(rsaPerson), data: DATA })).ok).toBe(true)
      const stranger = await issueCertificate(otherCa, { iin: '900101300123', commonName: 'O' })
      expect((await loaded.verify({ signature: await sign(stranger), data: DATA })).ok).toBe(true)
    })

    it('loadTrust names a file it cannot read; a missing folder is an input error', async () => {
      await writeFile(join(dir, 'broken.crt'), 'not a certificate')
      await expect(loadTrust(dir)).rejects.toThrow(/broken\.crt cannot be read/)
      await expect(loadTrust(join(dir, 'missing'))).rejects.toBeInstanceOf(InputError)
      await rm(join(dir, 'broken.crt'))
    })

    it('the constructor refuses unreadable trust with an input error', () => {
      expect(() => new X509SignatureVerifier({ certificates: ['junk'], crls: [] })).toThrow(
        InputError,
      )
      expect(
        () => new X509SignatureVerifier({ certificates: [ca.certificate], crls: ['junk'] }),
      ).toThrow(/Revocation list 1 cannot be read/)
    })

    it('a trust source is asked at every check, so a new revocation counts at once', async () => {
      let material: TrustMaterial = { certificates: [ca.certificate], crls: [crl] }
      const live = new X509SignatureVerifier(async () => material)
      const signature = await sign(pssPerson)
      expect((await live.verify({ signature, data: DATA })).ok).toBe(true)
      material = {
        certificates: [ca.certificate],
        crls: [
          await issueRevocationList(ca, {
            revoked: [{ serialNumber: pssPerson.serialNumber, revokedAt: new Date() }],
          }),
        ],
      }
      expect(refused(await live.verify({ signature, data: DATA })).reason).toBe('revoked')
    })

    it('revocation "unchecked" accepts without lists', async () => {
      const unchecked = new X509SignatureVerifier(
        { certificates: [ca.certificate], crls: [] },
        { revocation: 'unchecked' },
      )
      expect((await unchecked.verify({ signature: await sign(rsaPerson), data: DATA })).ok).toBe(
        true,
      )
    })

    it('certificateSubject reads IIN and BIN; junk is an input error', () => {
      expect(certificateSubject(ecEmployee.certificate)).toMatchObject({
        iin: '780303500789',
        bin: '120340001234',
        commonName: 'ҚЫЗМЕТКЕР ТЕСТ',
        serialNumber: ecEmployee.serialNumber,
        issuer: 'C=KZ, CN=Test NCA',
      })
      expect(certificateSubject(ca.certificate)).toMatchObject({ iin: null, bin: null })
      expect(() => certificateSubject('junk')).toThrow(InputError)
    })

    it('issueCertificate checks the IIN and BIN', async () => {
      await expect(issueCertificate(ca, { iin: '123', commonName: 'X' })).rejects.toThrow(
        'The IIN must be 12 digits, not "123"',
      )
      await expect(
        issueCertificate(ca, { iin: '900101300123', bin: 'BIN1', commonName: 'X' }),
      ).rejects.toThrow('The BIN must be 12 digits')
    })

    it('signDetached refuses a key that is not the certificate’s', async () => {
      await expect(
        signDetached({
          certificate: rsaPerson.certificate,
          privateKey: ecEmployee.privateKey,
          data: DATA,
        }),
      ).rejects.toThrow('The private key does not belong to the certificate')
    })
  })
})

describe('KeyResultSigner and the demo authority', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e-akimat-pki-'))
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('creates its files once, even when started several times at once', async () => {
    const signers = await Promise.all(
      [1, 2, 3, 4].map(() => KeyResultSigner.fromDirectory(dataDir)),
    )
    const pki = join(dataDir, 'pki')
    const certificate = await readFile(join(pki, 'result-signer.pem'), 'utf8')
    for (const signer of signers) expect(signer.certificate).toBe(certificate)
    expect((await stat(join(pki, 'result-signer.key'))).mode & 0o777).toBe(0o600)
    expect((await stat(join(pki, 'demo-ca.key'))).mode & 0o777).toBe(0o600)
    expect(signers[0]!.subject).toMatchObject({
      commonName: RESULT_SIGNER_NAME,
      iin: null,
      issuer: `C=KZ, CN=${DEMO_CA_NAME}`,
    })
  })

  it('signs; the signature verifies against the demo authority and not other data', async () => {
    const signer = await KeyResultSigner.fromDirectory(dataDir)
    const result = encode('%PDF-1.4 result document')
    const { signature, signer: who } = await signer.sign(result)
    expect(who.commonName).toBe(RESULT_SIGNER_NAME)
    const authority = await demoAuthority(dataDir)
    expect(await verifyResultSignature(signature, result, authority.certificate)).toMatchObject({
      ok: true,
      signer: { commonName: RESULT_SIGNER_NAME },
    })
    expect(await verifyResultSignature(signature, result, await demoTrust(dataDir))).toMatchObject({
      ok: true,
    })
    const other = refused(
      await verifyResultSignature(signature, encode('other'), authority.certificate),
    )
    expect(other.reason).toBe('data-mismatch')
    const stranger = await createAuthority({ commonName: 'Stranger' })
    expect(
      refused(await verifyResultSignature(signature, result, stranger.certificate)).reason,
    ).toBe('untrusted')
  })

  it('a second instance reuses the files', async () => {
    const pki = join(dataDir, 'pki')
    const before = await readFile(join(pki, 'result-signer.key'), 'utf8')
    const beforeCa = await readFile(join(pki, 'demo-ca.pem'), 'utf8')
    const again = await KeyResultSigner.fromDirectory(dataDir)
    expect(await readFile(join(pki, 'result-signer.key'), 'utf8')).toBe(before)
    expect(await readFile(join(pki, 'demo-ca.pem'), 'utf8')).toBe(beforeCa)
    expect(again.subject.serialNumber).toBe(
      certificateSubject(await readFile(join(pki, 'result-signer.pem'), 'utf8')).serialNumber,
    )
  })

  it('a lock left by a crashed process is taken over after 30 s', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'e-akimat-pki-'))
    try {
      const { mkdir } = await import('node:fs/promises')
      await mkdir(join(fresh, 'pki'))
      const lock = join(fresh, 'pki', 'demo-ca.lock')
      await writeFile(lock, '')
      const old = new Date(Date.now() - 60_000)
      await utimes(lock, old, old)
      const signer = await KeyResultSigner.fromDirectory(fresh)
      expect(signer.subject.commonName).toBe(RESULT_SIGNER_NAME)
    } finally {
      await rm(fresh, { recursive: true, force: true })
    }
  })

  it('refuses key and certificate files that do not belong together', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'e-akimat-pki-'))
    try {
      await KeyResultSigner.fromDirectory(fresh)
      const other = await createAuthority({ commonName: 'Other' })
      await writeFile(join(fresh, 'pki', 'result-signer.key'), other.privateKey)
      await expect(KeyResultSigner.fromDirectory(fresh)).rejects.toThrow(/cannot sign/)
    } finally {
      await rm(fresh, { recursive: true, force: true })
    }
  })

  it('verifies results of a signer a real authority issued, through the chain kept beside it', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'e-akimat-pki-'))
    try {
      await KeyResultSigner.fromDirectory(fresh)
      const root = await createAuthority({ commonName: 'Real root' })
      const intermediate = await createAuthority({ commonName: 'Real issuing CA', issuer: root })
      const own = await issueCertificate(intermediate, {
        iin: '900101300123',
        commonName: 'PROVIDER',
      })
      await writeFile(join(fresh, 'pki', 'result-signer.key'), own.privateKey)
      await writeFile(join(fresh, 'pki', 'result-signer.pem'), own.certificate)
      const data = new TextEncoder().encode('result')
      // Without the chain the signature cannot be traced to anything trusted.
      const unchained = await KeyResultSigner.fromDirectory(fresh)
      expect(await unchained.verify((await unchained.sign(data)).signature, data)).toBe(false)
      await writeFile(
        join(fresh, 'pki', 'result-signer-chain.pem'),
        `${intermediate.certificate}\n${root.certificate}`,
      )
      const signer = await KeyResultSigner.fromDirectory(fresh)
      const { signature } = await signer.sign(data)
      expect(await signer.verify(signature, data)).toBe(true)
      expect(await signer.verify(signature, new TextEncoder().encode('other'))).toBe(false)
      // A signature of the demo authority's signer is not this signer's.
      const demo = await KeyResultSigner.fromDirectory(dataDir)
      expect(await signer.verify((await demo.sign(data)).signature, data)).toBe(false)
    } finally {
      await rm(fresh, { recursive: true, force: true })
    }
  })

  it('demoTrust accepts demo certificates and lists the revoked ones', async () => {
    const verifier = new X509SignatureVerifier(() => demoTrust(dataDir))
    const good = await issueDemoCertificate(dataDir, { iin: '900101300123', commonName: 'GOOD' })
    const bad = await issueDemoCertificate(dataDir, {
      iin: '850202400456',
      bin: '120340001234',
      commonName: 'BAD',
      revoked: true,
    })
    const revocations = JSON.parse(await readFile(join(dataDir, 'pki', 'revoked.json'), 'utf8'))
    expect(revocations).toEqual([
      {
        serialNumber: bad.serialNumber,
        revokedAt: expect.any(String),
        iin: '850202400456',
        commonName: 'BAD',
      },
    ])
    const signWith = (who: IssuedCertificate) =>
      signDetached({ certificate: who.certificate, privateKey: who.privateKey, data: DATA })
    expect(await verifier.verify({ signature: await signWith(good), data: DATA })).toMatchObject({
      ok: true,
      signer: { iin: '900101300123' },
    })
    expect(await verifier.verify({ signature: await signWith(bad), data: DATA })).toMatchObject({
      ok: false,
      reason: 'revoked',
      signer: { iin: '850202400456', bin: '120340001234' },
    })
  })
})
