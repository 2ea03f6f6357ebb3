/**
 * @module
 * The X.509 and CMS groundwork shared by the signature check (`signature.ts`), the test and demo
 * authority (`pki.ts`) and the result signer: PEM and base64, certificate and name parsing,
 * serial numbers, key import, and the WebCrypto engine for pkijs.
 *
 * Supported algorithms: RSA with PKCS #1 v1.5 or PSS, and ECDSA on P-256 or P-384, each with
 * SHA-256, SHA-384 or SHA-512. Kazakh NCA RK keys are usually GOST (ГОСТ Р 34.10/34.11), which
 * WebCrypto does not implement; such certificates and signatures are refused, never guessed at.
 */
import type { webcrypto } from 'node:crypto'
import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { CertificateSubject } from './adapters.js'

/**
 * WebCrypto types from Node's own typings: the build does not load the DOM library, where the
 * global names live.
 */
export type CryptoKey = webcrypto.CryptoKey
export type CryptoKeyPair = webcrypto.CryptoKeyPair
type RsaHashedImportParams = webcrypto.RsaHashedImportParams
type EcKeyImportParams = webcrypto.EcKeyImportParams
type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm

/** pkijs over Node's WebCrypto; passed to every pkijs call, so no global engine is needed. */
export const cryptoEngine = new pkijs.CryptoEngine({
  name: 'webcrypto',
  crypto: globalThis.crypto,
})

/** The key types we create and accept. RSA keys are 2048-bit. */
export const KEY_ALGORITHMS = ['rsa', 'rsa-pss', 'ecdsa-p256', 'ecdsa-p384'] as const
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number]

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  authorityKeyIdentifier: '2.5.29.35',
} as const

/** Digest algorithms we accept, by OID, with their WebCrypto names. */
export const DIGESTS: Readonly<Record<string, string>> = {
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
}

/** Signature algorithms we accept (certificates, revocation lists and CMS signer infos). */
const SIGNATURE_ALGORITHMS = new Set<string>([
  OID.rsaEncryption,
  OID.rsaPss,
  OID.sha256WithRsa,
  OID.sha384WithRsa,
  OID.sha512WithRsa,
  OID.ecdsaSha256,
  OID.ecdsaSha384,
  OID.ecdsaSha512,
])

/** Short names for distinguished name attributes, as `issuer` strings print them. */
const NAME_LABELS: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SURNAME',
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.country]: 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.givenName]: 'G',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
}

/** A view of exactly these bytes as an ArrayBuffer (a Uint8Array may be a window on a larger one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/** One `-----BEGIN label-----` block. */
export interface PemBlock {
  label: string
  der: Uint8Array
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes standard base64 after removing whitespace; null if it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '')
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null
  return new Uint8Array(Buffer.from(compact, 'base64'))
}

/** Every PEM block in `text`, in order (text outside the blocks is ignored). */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  for (const match of text.matchAll(PEM_BLOCK)) {
    const der = decodeBase64(match[2]!)
    if (der === null || der.length === 0) throw new Error(`the ${match[1]} block is not base64`)
    blocks.push({ label: match[1]!, der })
  }
  return blocks
}

/** DER bytes as a PEM block with 64-character lines. */
export function toPem(label: string, der: Uint8Array | ArrayBuffer): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString(
    'base64',
  )
  const lines = base64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/**
 * Parses DER into an ASN.1 value, refusing trailing bytes; asn1js limits depth, node count and
 * content length, so hostile input cannot exhaust the stack or memory.
 */
export function parseDer(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(der))
  if (parsed.offset === -1) throw new Error(parsed.result.error || 'not valid DER')
  if (parsed.offset !== der.length) {
    throw new Error(`${der.length - parsed.offset} bytes after the end of the ASN.1 value`)
  }
  return parsed.result
}

/** A certificate from DER. */
export function parseCertificateDer(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: parseDer(der) })
}

/** The certificates in a PEM text (one or more `CERTIFICATE` blocks). */
export function parseCertificatesPem(pem: string): pkijs.Certificate[] {
  const blocks = pemBlocks(pem).filter((b) => b.label === 'CERTIFICATE')
  if (blocks.length === 0) throw new Error('no CERTIFICATE block')
  return blocks.map((b) => parseCertificateDer(b.der))
}

/** The first certificate in a PEM text. */
export function parseCertificatePem(pem: string): pkijs.Certificate {
  return parseCertificatesPem(pem)[0]!
}

/** A certificate as PEM. */
export function certificateToPem(certificate: pkijs.Certificate): string {
  return toPem('CERTIFICATE', certificate.toSchema(true).toBER(false))
}

/** The DER encoding of a certificate as it was read (or as it would be written). */
export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema(false).toBER(false))
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/** A serial number as lower-case hex without leading zero bytes (as certificate tools print it). */
export function serialHex(serial: asn1js.Integer): string {
  let bytes = serial.valueBlock.valueHexView
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1)
  return hex(bytes)
}

/** A serial number from hex (positive: a leading zero byte is added when the top bit is set). */
export function serialFromHex(value: string): asn1js.Integer {
  if (!/^[0-9a-fA-F]{1,40}$/.test(value)) {
    throw new Error(`"${value}" is not a serial number of 1 to 20 bytes in hex`)
  }
  let digits = value.toLowerCase().replace(/^0+/, '')
  if (digits === '') digits = '00'
  if (digits.length % 2 === 1) digits = `0${digits}`
  let bytes = Buffer.from(digits, 'hex')
  if (bytes[0]! >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return new asn1js.Integer({ valueHex: toArrayBuffer(new Uint8Array(bytes)) })
}

/** The text of a name attribute value (strings of any ASN.1 string type). */
function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock
  return typeof block?.value === 'string' ? block.value : ''
}

/** The values of one attribute type in a name, in order. */
export function nameValues(name: pkijs.RelativeDistinguishedNames, oid: string): string[] {
  return name.typesAndValues.filter((tv) => tv.type === oid).map((tv) => attributeText(tv.value))
}

/** A name as `CN=…, O=…` in the order the certificate stores it. */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const text = attributeText(tv.value).replace(/([,+"\\<>;=])/g, '\\$1')
      return `${NAME_LABELS[tv.type] ?? tv.type}=${text}`
    })
    .join(', ')
}

/** Whether two names are the same (attribute by attribute, as pkijs compares them). */
export function sameName(
  a: pkijs.RelativeDistinguishedNames,
  b: pkijs.RelativeDistinguishedNames,
): boolean {
  try {
    return a.isEqual(b)
  } catch {
    return false
  }
}

const IIN_IN_SERIAL = /^IIN(\d{12})$/
const BIN_IN_OU = /^BIN(\d{12})$/

/**
 * Who a certificate was issued to: the IIN from subject serialNumber "IIN…", the BIN from a
 * subject OU "BIN…" (as NCA RK certificates carry them), the common name, serial and validity.
 */
export function subjectOf(certificate: pkijs.Certificate): CertificateSubject {
  const iin = nameValues(certificate.subject, OID.serialNumber)
    .map((v) => IIN_IN_SERIAL.exec(v.trim())?.[1])
    .find((v) => v !== undefined)
  const bin = nameValues(certificate.subject, OID.organizationalUnit)
    .map((v) => BIN_IN_OU.exec(v.trim())?.[1])
    .find((v) => v !== undefined)
  return {
    iin: iin ?? null,
    bin: bin ?? null,
    commonName: nameValues(certificate.subject, OID.commonName)[0] ?? '',
    serialNumber: serialHex(certificate.serialNumber),
    issuer: nameToString(certificate.issuer),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
  }
}

/** The extension with this OID, if the certificate has it. */
export function extensionOf(
  certificate: pkijs.Certificate,
  oid: string,
): pkijs.Extension | undefined {
  return certificate.extensions?.find((e) => e.extnID === oid)
}

/** Key usage bits (RFC 5280 numbering: 0 digitalSignature … 6 cRLSign), or null if absent. */
export function keyUsageBits(certificate: pkijs.Certificate): Set<number> | null {
  const extension = extensionOf(certificate, OID.keyUsage)
  if (!extension) return null
  const value = extension.parsedValue as asn1js.BitString | undefined
  const bytes = value?.valueBlock.valueHexView ?? new Uint8Array()
  const bits = new Set<number>()
  bytes.forEach((byte, index) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) bits.add(index * 8 + bit)
  })
  return bits
}

export const KEY_USAGE = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyCertSign: 5,
  cRLSign: 6,
} as const

/**
 * Whether a certificate may issue certificates: basicConstraints cA (required unless it is an
 * old version 1 certificate without extensions, which only a trust anchor may be), and key
 * usage keyCertSign when key usage is present.
 */
export function mayIssue(certificate: pkijs.Certificate, asAnchor: boolean): boolean {
  const constraints = extensionOf(certificate, OID.basicConstraints)?.parsedValue as
    | pkijs.BasicConstraints
    | undefined
  if (constraints === undefined) {
    if (!(asAnchor && (certificate.extensions?.length ?? 0) === 0)) return false
  } else if (!constraints.cA) {
    return false
  }
  const usage = keyUsageBits(certificate)
  return usage === null || usage.has(KEY_USAGE.keyCertSign)
}

/**
 * Whether a signature algorithm (with its parameters) is one we accept: RSA PKCS #1 v1.5, RSA-PSS
 * or ECDSA, hashing with SHA-256/384/512. `digest` is the digest for the plain rsaEncryption OID
 * that CMS signer infos may use.
 */
export function acceptedSignatureAlgorithm(
  algorithm: pkijs.AlgorithmIdentifier,
  digest?: string,
): boolean {
  if (!SIGNATURE_ALGORITHMS.has(algorithm.algorithmId)) return false
  if (algorithm.algorithmId === OID.rsaEncryption) return digest !== undefined
  try {
    const hash = cryptoEngine.getHashAlgorithm(algorithm)
    return ['SHA-256', 'SHA-384', 'SHA-512'].includes(hash.toUpperCase())
  } catch {
    return false
  }
}

/** Whether a public key is one we accept: RSA, or EC on P-256 or P-384. */
export function acceptedPublicKey(info: pkijs.PublicKeyInfo): boolean {
  const id = info.algorithm.algorithmId
  if (id === OID.rsaEncryption || id === OID.rsaPss) return true
  if (id !== OID.ecPublicKey) return false
  const curve = info.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
  const name = curve instanceof asn1js.ObjectIdentifier ? curve.valueBlock.toString() : ''
  return name === OID.p256 || name === OID.p384
}

/** Whether `issuer`'s key verifies `certificate`'s signature; false (never a throw) otherwise. */
export async function signedBy(
  certificate: pkijs.Certificate,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  if (!acceptedSignatureAlgorithm(certificate.signatureAlgorithm)) return false
  if (!acceptedPublicKey(issuer.subjectPublicKeyInfo)) return false
  try {
    return await certificate.verify(issuer, cryptoEngine)
  } catch {
    return false
  }
}

/** SHA-1 of the subject public key, the usual subject key identifier. */
export function keyIdentifier(info: pkijs.PublicKeyInfo): Uint8Array {
  return new Uint8Array(
    createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest(),
  )
}

/** The WebCrypto parameters of a key type. */
export function keyParameters(algorithm: KeyAlgorithm): RsaHashedImportParams | EcKeyImportParams {
  switch (algorithm) {
    case 'rsa':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    case 'rsa-pss':
      return { name: 'RSA-PSS', hash: 'SHA-256' }
    case 'ecdsa-p256':
      return { name: 'ECDSA', namedCurve: 'P-256' }
    case 'ecdsa-p384':
      return { name: 'ECDSA', namedCurve: 'P-384' }
  }
}

/** The hash used to sign with a key type (SHA-384 for P-384, SHA-256 otherwise). */
export function hashFor(algorithm: KeyAlgorithm): 'SHA-256' | 'SHA-384' {
  return algorithm === 'ecdsa-p384' ? 'SHA-384' : 'SHA-256'
}

/** A new key pair of this type (RSA: 2048 bits, exponent 65537). */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  const base = keyParameters(algorithm)
  const parameters =
    'hash' in base
      ? { ...base, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
      : base
  return (await globalThis.crypto.subtle.generateKey(parameters, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
}

/** A private key as PKCS #8 PEM. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await globalThis.crypto.subtle.exportKey('pkcs8', key))
}

/**
 * The key type of a PKCS #8 key: RSA keys are `rsa` unless `rsaPss` (an RSA key does not say
 * whether it is meant for PSS), EC keys by their curve.
 */
export function keyAlgorithmOf(pkcs8: Uint8Array, rsaPss = false): KeyAlgorithm {
  const info = new pkijs.PrivateKeyInfo({ schema: parseDer(pkcs8) })
  const id = info.privateKeyAlgorithm.algorithmId
  if (id === OID.rsaPss) return 'rsa-pss'
  if (id === OID.rsaEncryption) return rsaPss ? 'rsa-pss' : 'rsa'
  if (id === OID.ecPublicKey) {
    const curve = info.privateKeyAlgorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    const name = curve instanceof asn1js.ObjectIdentifier ? curve.valueBlock.toString() : ''
    if (name === OID.p256) return 'ecdsa-p256'
    if (name === OID.p384) return 'ecdsa-p384'
    throw new Error(
      `the EC key is on curve ${name || '(unnamed)'}; only P-256 and P-384 are supported`,
    )
  }
  throw new Error(`the key algorithm ${id} is not supported (RSA or ECDSA P-256/P-384 only)`)
}

/** A signing key and its type, from PKCS #8 PEM or an existing CryptoKey. */
export interface SigningKey {
  key: CryptoKey
  algorithm: KeyAlgorithm
}

/** Imports a PKCS #8 PEM private key for signing (or takes a CryptoKey as it is). */
export async function importSigningKey(
  privateKey: string | CryptoKey,
  algorithm?: KeyAlgorithm,
): Promise<SigningKey> {
  if (typeof privateKey !== 'string') {
    const name = privateKey.algorithm.name
    const curve = (privateKey.algorithm as EcKeyAlgorithm).namedCurve
    const detected: KeyAlgorithm =
      name === 'RSA-PSS'
        ? 'rsa-pss'
        : name === 'ECDSA'
          ? curve === 'P-384'
            ? 'ecdsa-p384'
            : 'ecdsa-p256'
          : 'rsa'
    return { key: privateKey, algorithm: algorithm ?? detected }
  }
  const block = pemBlocks(privateKey).find((b) => b.label === 'PRIVATE KEY')
  if (!block) throw new Error('no "PRIVATE KEY" (PKCS #8) block in the key')
  const type = algorithm ?? keyAlgorithmOf(block.der)
  const key = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(block.der),
    keyParameters(type),
    false,
    ['sign'],
  )
  return { key, algorithm: type }
}

/** An X.509 time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
export function x509Time(date: Date): pkijs.Time {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000)
  const year = whole.getUTCFullYear()
  return new pkijs.Time({ type: year >= 1950 && year < 2050 ? 0 : 1, value: whole })
}
