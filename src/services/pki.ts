/**
 * @module
 * A small certificate authority for tests and the demo commands — NOT a production CA: keys are
 * kept as plain PKCS #8 PEM, there is no policy, audit or hardware key. It issues certificates
 * shaped like NCA RK ones (IIN in subject serialNumber "IIN…", BIN in subject OU "BIN…"),
 * revocation lists, and CMS (CAdES-BES style) signatures like NCALayer produces, so the real check
 * in `signature.ts` can be exercised end to end.
 *
 * Keys: RSA 2048 (PKCS #1 v1.5 or PSS) or ECDSA P-256/P-384 (`KeyAlgorithm`), signing with
 * SHA-256 (SHA-384 for P-384). An RSA PKCS #8 key does not say whether it is for PSS, so PSS keys
 * are marked by `algorithm: 'rsa-pss'` wherever a key is passed.
 */

import { createHash, randomBytes } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { InputError } from '../core/index.js'
import type { CryptoKey } from './x509.js'
import {
  certificateDer,
  certificateToPem,
  cryptoEngine,
  generateKeyPair,
  hashFor,
  importSigningKey,
  KEY_USAGE,
  type KeyAlgorithm,
  keyIdentifier,
  OID,
  parseCertificatePem,
  parseDer,
  privateKeyToPem,
  serialFromHex,
  serialHex,
  toArrayBuffer,
  toPem,
  x509Time,
} from './x509.js'

/** An authority: its certificate and private key (PEM), and the key type. */
export interface Authority {
  certificate: string
  /** PKCS #8 PEM. */
  privateKey: string
  algorithm: KeyAlgorithm
}

export interface AuthorityOptions {
  commonName: string
  /** Default: now minus one hour. */
  notBefore?: Date
  /** Default: twenty years after notBefore. */
  notAfter?: Date
  /** Default: `ecdsa-p256`. */
  algorithm?: KeyAlgorithm
  /** Issue an intermediate authority from this one; default: self-signed (a root). */
  issuer?: Authority
}

export interface CertificateRequest {
  /** Twelve digits; written as subject serialNumber "IIN…". */
  iin: string
  /** Twelve digits, for a legal entity's employee; written as subject OU "BIN…". */
  bin?: string | null
  commonName: string
  /** Default: now minus one hour. */
  notBefore?: Date
  /** Default: one year after notBefore (as NCA RK issues them). */
  notAfter?: Date
  /** Hex; default: 16 random bytes. */
  serialNumber?: string
  /** Default: `ecdsa-p256`. */
  algorithm?: KeyAlgorithm
}

export interface IssuedCertificate {
  certificate: string
  /** PKCS #8 PEM. */
  privateKey: string
  /** Hex, as `CertificateSubject.serialNumber` reports it. */
  serialNumber: string
  algorithm: KeyAlgorithm
}

/** One attribute of a subject name: OID and text. */
export type NameAttribute = readonly [oid: string, value: string]

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A name with one attribute per RDN (as CAs write them; pkijs alone would make one RDN). */
function buildName(attributes: readonly NameAttribute[]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: attributes.map(([type, value]) => {
      // X.520: serialNumber and countryName are PrintableString; the rest UTF8String.
      const printable = type === OID.serialNumber || type === OID.country
      const attribute = new pkijs.AttributeTypeAndValue({
        type,
        value: printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
      })
      return new asn1js.Set({ value: [attribute.toSchema()] })
    }),
  })
  // Parsed back from DER, the name keeps this encoding when written again.
  return new pkijs.RelativeDistinguishedNames({
    schema: parseDer(new Uint8Array(sequence.toBER())),
  })
}

function keyUsage(bits: number[]): pkijs.Extension {
  const bytes = new Uint8Array(1 + Math.floor(Math.max(...bits) / 8))
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7)
  const unusedBits = 7 - (Math.max(...bits) & 7)
  return new pkijs.Extension({
    extnID: OID.keyUsage,
    critical: true,
    extnValue: new asn1js.BitString({
      valueHex: toArrayBuffer(bytes),
      unusedBits,
    }).toBER(false),
  })
}

function basicConstraints(cA: boolean): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.basicConstraints,
    critical: true,
    extnValue: new pkijs.BasicConstraints({ cA }).toSchema().toBER(false),
  })
}

function keyIdentifierExtensions(
  subject: pkijs.PublicKeyInfo,
  issuer: pkijs.PublicKeyInfo,
): pkijs.Extension[] {
  return [
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      extnValue: new asn1js.OctetString({
        valueHex: toArrayBuffer(keyIdentifier(subject)),
      }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.authorityKeyIdentifier,
      extnValue: new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier(issuer)) }),
      })
        .toSchema()
        .toBER(false),
    }),
  ]
}

function randomSerial(): asn1js.Integer {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return new asn1js.Integer({ valueHex: toArrayBuffer(new Uint8Array(bytes)) })
}

function checkPeriod(notBefore: Date, notAfter: Date): void {
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new InputError('the validity dates are not valid dates')
  }
  if (notAfter <= notBefore) {
    throw new InputError(
      `the certificate would end (${notAfter.toISOString()}) before it starts (${notBefore.toISOString()})`,
    )
  }
}

interface IssueOptions {
  subject: readonly NameAttribute[]
  publicKey: CryptoKey
  /** Null: self-signed with `selfKey`. */
  issuer: Authority | null
  selfKey?: CryptoKey
  selfAlgorithm?: KeyAlgorithm
  notBefore: Date
  notAfter: Date
  serialNumber: asn1js.Integer
  ca: boolean
}

async function issue(options: IssueOptions): Promise<pkijs.Certificate> {
  checkPeriod(options.notBefore, options.notAfter)
  const certificate = new pkijs.Certificate()
  certificate.version = 2
  certificate.serialNumber = options.serialNumber
  certificate.subject = buildName(options.subject)
  certificate.notBefore = x509Time(options.notBefore)
  certificate.notAfter = x509Time(options.notAfter)
  await certificate.subjectPublicKeyInfo.importKey(options.publicKey, cryptoEngine)

  let signing: { key: CryptoKey; algorithm: KeyAlgorithm }
  let issuerKeyInfo: pkijs.PublicKeyInfo
  if (options.issuer) {
    const issuerCertificate = parseCertificatePem(options.issuer.certificate)
    certificate.issuer = issuerCertificate.subject
    issuerKeyInfo = issuerCertificate.subjectPublicKeyInfo
    signing = await importSigningKey(options.issuer.privateKey, options.issuer.algorithm)
  } else {
    certificate.issuer = buildName(options.subject)
    issuerKeyInfo = certificate.subjectPublicKeyInfo
    signing = { key: options.selfKey!, algorithm: options.selfAlgorithm! }
  }
  certificate.extensions = [
    basicConstraints(options.ca),
    keyUsage(
      options.ca
        ? [KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]
        : [KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation],
    ),
    ...keyIdentifierExtensions(certificate.subjectPublicKeyInfo, issuerKeyInfo),
  ]
  await certificate.sign(signing.key, hashFor(signing.algorithm), cryptoEngine)
  return certificate
}

/**
 * A new certificate authority: a self-signed root, or an intermediate issued by `issuer`.
 * @example const ca = await createAuthority({ commonName: 'Test CA', algorithm: 'rsa' })
 */
export async function createAuthority(options: AuthorityOptions): Promise<Authority> {
  const algorithm = options.algorithm ?? 'ecdsa-p256'
  const keys = await generateKeyPair(algorithm)
  const notBefore = options.notBefore ?? new Date(Date.now() - HOUR)
  const certificate = await issue({
    subject: [
      [OID.country, 'KZ'],
      [OID.commonName, options.commonName],
    ],
    publicKey: keys.publicKey,
    issuer: options.issuer ?? null,
    selfKey: keys.privateKey,
    selfAlgorithm: algorithm,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 20 * 365 * DAY),
    serialNumber: randomSerial(),
    ca: true,
  })
  return {
    certificate: certificateToPem(certificate),
    privateKey: await privateKeyToPem(keys.privateKey),
    algorithm,
  }
}

/**
 * Issues a signing certificate with any subject (the IIN/BIN form is `issueCertificate`'s).
 * Used for the provider's result signer.
 */
export async function issueCertificateFor(
  authority: Authority,
  subject: readonly NameAttribute[],
  options: { notBefore?: Date; notAfter?: Date; serialNumber?: string; algorithm?: KeyAlgorithm },
): Promise<IssuedCertificate> {
  const algorithm = options.algorithm ?? 'ecdsa-p256'
  const keys = await generateKeyPair(algorithm)
  const notBefore = options.notBefore ?? new Date(Date.now() - HOUR)
  let serial: asn1js.Integer
  try {
    serial = options.serialNumber ? serialFromHex(options.serialNumber) : randomSerial()
  } catch (error) {
    throw new InputError((error as Error).message)
  }
  const certificate = await issue({
    subject,
    publicKey: keys.publicKey,
    issuer: authority,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY),
    serialNumber: serial,
    ca: false,
  })
  return {
    certificate: certificateToPem(certificate),
    privateKey: await privateKeyToPem(keys.privateKey),
    serialNumber: serialHex(certificate.serialNumber),
    algorithm,
  }
}

/** Throws InputError unless the IIN (and BIN, if given) are 12 digits and the name is not blank. */
export function checkCertificateRequest(request: CertificateRequest): void {
  if (!/^\d{12}$/.test(request.iin)) {
    throw new InputError(`The IIN must be 12 digits, not "${request.iin}"`)
  }
  if (request.bin != null && !/^\d{12}$/.test(request.bin)) {
    throw new InputError(`The BIN must be 12 digits, not "${request.bin}"`)
  }
  if (!request.commonName.trim()) throw new InputError('The certificate needs a name')
}

/**
 * Issues a person's (or, with `bin`, a legal entity employee's) signing certificate the way
 * NCA RK shapes them: C=KZ, CN, serialNumber "IIN…", and OU "BIN…" for a legal entity.
 */
export async function issueCertificate(
  authority: Authority,
  request: CertificateRequest,
): Promise<IssuedCertificate> {
  checkCertificateRequest(request)
  const subject: NameAttribute[] = [
    [OID.country, 'KZ'],
    [OID.commonName, request.commonName.trim()],
    [OID.serialNumber, `IIN${request.iin}`],
  ]
  if (request.bin != null) subject.push([OID.organizationalUnit, `BIN${request.bin}`])
  return issueCertificateFor(authority, subject, request)
}

export interface RevocationListOptions {
  revoked: readonly { serialNumber: string; revokedAt: Date | string }[]
  /** Default: now minus five minutes. */
  thisUpdate?: Date
  /** Default: one day after thisUpdate. */
  nextUpdate?: Date
}

/**
 * A revocation list (CRL, PEM) signed by the authority, listing the serial numbers given.
 * @example await issueRevocationList(ca, { revoked: [{ serialNumber: '0a1b', revokedAt: new Date() }] })
 */
export async function issueRevocationList(
  authority: Authority,
  options: RevocationListOptions,
): Promise<string> {
  const issuer = parseCertificatePem(authority.certificate)
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 5 * 60_000)
  const nextUpdate = options.nextUpdate ?? new Date(thisUpdate.getTime() + DAY)
  const crl = new pkijs.CertificateRevocationList()
  crl.version = 1
  crl.issuer = issuer.subject
  crl.thisUpdate = x509Time(thisUpdate)
  crl.nextUpdate = x509Time(nextUpdate)
  if (options.revoked.length > 0) {
    crl.revokedCertificates = options.revoked.map((entry) => {
      const revokedAt = new Date(entry.revokedAt)
      if (Number.isNaN(revokedAt.getTime())) {
        throw new InputError(`"${String(entry.revokedAt)}" is not a date`)
      }
      let serial: asn1js.Integer
      try {
        serial = serialFromHex(entry.serialNumber)
      } catch (error) {
        throw new InputError((error as Error).message)
      }
      return new pkijs.RevokedCertificate({
        userCertificate: serial,
        revocationDate: x509Time(revokedAt),
      })
    })
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({
        extnID: OID.crlNumber,
        extnValue: new asn1js.Integer({ value: Math.floor(thisUpdate.getTime() / 1000) }).toBER(
          false,
        ),
      }),
    ],
  })
  const signing = await importSigningKey(authority.privateKey, authority.algorithm)
  await crl.sign(signing.key, hashFor(signing.algorithm), cryptoEngine)
  return toPem('X509 CRL', crl.toSchema(true).toBER(false))
}

export interface SignOptions {
  /** The signer's certificate (PEM); it is put inside the signature. */
  certificate: string
  /** PKCS #8 PEM or a CryptoKey. */
  privateKey: string | CryptoKey
  /** The exact bytes signed. */
  data: Uint8Array
  /** The signingTime attribute; default now. */
  signingTime?: Date
  /** The key type when it cannot be read from the key (`rsa-pss`). */
  algorithm?: KeyAlgorithm
  /** Put the data inside the signature too (default: detached). */
  attached?: boolean
  /** Further certificates (PEM) to carry, such as an intermediate authority. */
  certificates?: readonly string[]
}

function time(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000)
  const year = whole.getUTCFullYear()
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate: whole })
    : new asn1js.GeneralizedTime({ valueDate: whole })
}

/**
 * A CMS SignedData signature (base64 DER) over `data`, as NCALayer makes them: detached by
 * default, the signer's certificate inside, signed attributes contentType, signingTime,
 * messageDigest and signingCertificateV2. Throws InputError when the key does not belong to the
 * certificate or either cannot be read.
 */
export async function signDetached(options: SignOptions): Promise<string> {
  let certificate: pkijs.Certificate
  let extra: pkijs.Certificate[]
  try {
    certificate = parseCertificatePem(options.certificate)
    extra = (options.certificates ?? []).map(parseCertificatePem)
  } catch (error) {
    throw new InputError(`The certificate cannot be read: ${(error as Error).message}`)
  }
  let signing: { key: CryptoKey; algorithm: KeyAlgorithm }
  try {
    signing = await importSigningKey(options.privateKey, options.algorithm)
  } catch (error) {
    throw new InputError(`The private key cannot be read: ${(error as Error).message}`)
  }
  const hash = hashFor(signing.algorithm)
  const data = toArrayBuffer(options.data)
  const digest = await globalThis.crypto.subtle.digest(hash, data)
  const certificateHash = createHash('sha256').update(certificateDer(certificate)).digest()
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the
  // default hash (SHA-256) and only certHash.
  const signingCertificate = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.OctetString({
                valueHex: toArrayBuffer(new Uint8Array(certificateHash)),
              }),
            ],
          }),
        ],
      }),
    ],
  })
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.data,
      ...(options.attached ? { eContent: new asn1js.OctetString({ valueHex: data }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.data })],
            }),
            new pkijs.Attribute({
              type: OID.signingTime,
              values: [time(options.signingTime ?? new Date())],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: digest })],
            }),
            new pkijs.Attribute({
              type: OID.signingCertificateV2,
              values: [signingCertificate],
            }),
          ],
        }),
      }),
    ],
    certificates: [certificate, ...extra],
  })
  try {
    await signedData.sign(signing.key, 0, hash, data, cryptoEngine)
  } catch (error) {
    throw new InputError(`The data cannot be signed with this key: ${(error as Error).message}`)
  }
  const der = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  })
    .toSchema()
    .toBER(false)
  // Read it back and check the signature value with the certificate's key.
  const written = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content })
  const signerInfo = written.signerInfos[0]!
  const matches = await cryptoEngine
    .verifyWithPublicKey(
      signerInfo.signedAttrs!.encodedValue,
      signerInfo.signature,
      certificate.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
    )
    .catch(() => false)
  if (!matches) throw new InputError('The private key does not belong to the certificate')
  return Buffer.from(der).toString('base64')
}
