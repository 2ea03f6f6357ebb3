/**
 * @module
 * The check of an applicant's electronic digital signature (ЭЦҚ) that the regulations require
 * (178/2012, L195–198): a CMS (PKCS #7) SignedData signature, as NCALayer makes it, over the exact
 * bytes submitted; the certificate's chain to a trusted authority; its validity period; and the
 * issuer's revocation list. The engine then compares the IIN/BIN of the request with the
 * certificate's (`identity-mismatch` is its reason, not ours).
 *
 * Rules a reader must know:
 * - `verify` never throws for bad input: it answers `{ ok: false, reason, detail, signer }`, with
 *   `detail` in plain English for the log; the engine translates `reason` for the applicant.
 * - Exactly one signer. The signature is detached, or attached with content equal to the data
 *   byte for byte. A signature text over 1 MiB is refused as malformed.
 * - Supported: RSA (PKCS #1 v1.5 and PSS) and ECDSA P-256/P-384 with SHA-256/384/512. NCA RK's
 *   GOST keys are not supported by WebCrypto and are refused as `malformed`.
 * - The chain may pass through intermediate authorities carried in the signature; it must end
 *   at a trusted certificate (a trust anchor, which may itself be an intermediate). Every
 *   certificate on the chain must be valid at `at`, and each one below the anchor needs its
 *   issuer's current revocation list (signed by that issuer, `nextUpdate` after `at`; the newest
 *   such list is used; delta lists are ignored). A certificate listed with a revocation date
 *   after `at` was not yet revoked at `at`.
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { InputError } from '../core/index.js'
import type {
  CertificateSubject,
  SignatureCheck,
  SignatureFailure,
  SignatureVerifier,
} from './adapters.js'
import {
  acceptedPublicKey,
  acceptedSignatureAlgorithm,
  certificateDer,
  certificateToPem,
  cryptoEngine,
  DIGESTS,
  decodeBase64,
  extensionOf,
  KEY_USAGE,
  keyIdentifier,
  keyUsageBits,
  mayIssue,
  nameToString,
  OID,
  parseCertificateDer,
  parseCertificatePem,
  parseCertificatesPem,
  parseDer,
  pemBlocks,
  sameName,
  serialHex,
  signedBy,
  subjectOf,
  toArrayBuffer,
} from './x509.js'

/** The largest signature text accepted (1 MiB). */
export const MAX_SIGNATURE_LENGTH = 1024 * 1024

/** Longest chain from the signer to a trust anchor, anchor included. */
const MAX_CHAIN = 6

/** Trusted authorities (PEM) and revocation lists (PEM text or DER bytes). */
export interface TrustMaterial {
  certificates: readonly string[]
  crls: readonly (string | Uint8Array)[]
}

/** Where the trust material comes from: fixed, or asked for at every check (fresh lists). */
export type TrustSource = TrustMaterial | (() => Promise<TrustMaterial>)

export interface VerifierOptions {
  /**
   * `required` (default): a current revocation list of each issuer must be present.
   * `unchecked`: revocation is not checked (for the provider's own result signatures).
   */
  revocation?: 'required' | 'unchecked'
}

interface ParsedTrust {
  anchors: pkijs.Certificate[]
  crls: pkijs.CertificateRevocationList[]
}

class Refusal extends Error {
  constructor(
    readonly reason: SignatureFailure,
    readonly detail: string,
    readonly signer: CertificateSubject | null = null,
  ) {
    super(detail)
  }
}

/** Revocation lists from PEM text (one or more blocks) or DER bytes (or PEM given as bytes). */
function parseCrl(input: string | Uint8Array): pkijs.CertificateRevocationList[] {
  const text =
    typeof input === 'string'
      ? input
      : Buffer.from(input.subarray(0, 11)).toString('latin1') === '-----BEGIN '
        ? Buffer.from(input).toString('latin1')
        : null
  if (text === null) {
    return [new pkijs.CertificateRevocationList({ schema: parseDer(input as Uint8Array) })]
  }
  const blocks = pemBlocks(text).filter((b) => b.label === 'X509 CRL')
  if (blocks.length === 0) throw new Error('no "X509 CRL" block')
  return blocks.map((b) => new pkijs.CertificateRevocationList({ schema: parseDer(b.der) }))
}

/** Parses trust material; InputError naming what cannot be read. */
function parseTrust(trust: TrustMaterial): ParsedTrust {
  const anchors = trust.certificates.flatMap((pem, index) => {
    try {
      return parseCertificatesPem(pem)
    } catch (error) {
      throw new InputError(
        `Trusted certificate ${index + 1} cannot be read: ${(error as Error).message}`,
      )
    }
  })
  const crls = trust.crls.flatMap((crl, index) => {
    try {
      return parseCrl(crl)
    } catch (error) {
      throw new InputError(
        `Revocation list ${index + 1} cannot be read: ${(error as Error).message}`,
      )
    }
  })
  return { anchors, crls }
}

/** Decodes the signature text: base64, or PEM with a CMS / PKCS7 / SIGNED DATA header. */
function decodeSignatureText(signature: unknown): Uint8Array {
  if (typeof signature !== 'string') throw new Refusal('malformed', 'the signature is not text')
  if (signature.length > MAX_SIGNATURE_LENGTH) {
    throw new Refusal('malformed', `the signature is larger than ${MAX_SIGNATURE_LENGTH} bytes`)
  }
  const text = signature.trim()
  if (text === '') throw new Refusal('malformed', 'the signature is empty')
  let body = text
  if (text.startsWith('-----BEGIN')) {
    const match =
      /^-----BEGIN (CMS|PKCS7|PKCS #7 SIGNED DATA|SIGNED DATA)-----([\s\S]*)-----END \1-----$/.exec(
        text,
      )
    if (!match) {
      throw new Refusal('malformed', 'the PEM header is not CMS, PKCS7 or SIGNED DATA')
    }
    body = match[2]!
  }
  const der = decodeBase64(body)
  if (der === null) throw new Refusal('malformed', 'the signature is not base64')
  if (der.length === 0) throw new Refusal('malformed', 'the signature is empty')
  return der
}

function parseSignedData(der: Uint8Array): pkijs.SignedData {
  let contentInfo: pkijs.ContentInfo
  try {
    contentInfo = new pkijs.ContentInfo({ schema: parseDer(der) })
  } catch (error) {
    throw new Refusal('malformed', `not a CMS structure: ${(error as Error).message}`)
  }
  if (contentInfo.contentType !== OID.signedData) {
    throw new Refusal('malformed', `the CMS content is ${contentInfo.contentType}, not SignedData`)
  }
  try {
    return new pkijs.SignedData({ schema: contentInfo.content })
  } catch (error) {
    throw new Refusal('malformed', `the SignedData cannot be read: ${(error as Error).message}`)
  }
}

/** The certificate the signer info names (by issuer and serial, or by subject key identifier). */
function findSignerCertificate(
  signerInfo: pkijs.SignerInfo,
  certificates: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Constructed | asn1js.Primitive
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find(
      (c) => sameName(c.issuer, sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
    )
  }
  const block = sid as asn1js.Constructed & asn1js.Primitive
  const wanted = Buffer.from(
    block.idBlock.isConstructed
      ? ((block.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView ??
          new Uint8Array())
      : block.valueBlock.valueHexView,
  )
  return certificates.find((c) => {
    const ski = extensionOf(c, OID.subjectKeyIdentifier)?.parsedValue as
      | asn1js.OctetString
      | undefined
    const id = ski ? ski.valueBlock.valueHexView : keyIdentifier(c.subjectPublicKeyInfo)
    return Buffer.from(id).equals(wanted)
  })
}

function attributeValues(signerInfo: pkijs.SignerInfo, oid: string): unknown[] | null {
  const attributes = signerInfo.signedAttrs?.attributes.filter((a) => a.type === oid) ?? []
  if (attributes.length === 0) return null
  if (attributes.length > 1) {
    throw new Refusal('malformed', `the signed attribute ${oid} appears more than once`)
  }
  return attributes[0]!.values
}

function isoOrNull(value: unknown): string | null {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate()
    return Number.isNaN(date.getTime()) ? null : date.toISOString()
  }
  return null
}

/** Checks the signed attributes against the data; returns the signing time, if any. */
async function checkSignedAttributes(
  signerInfo: pkijs.SignerInfo,
  eContentType: string,
  content: ArrayBuffer,
  digestName: string,
  signerDer: Uint8Array,
  signer: CertificateSubject,
): Promise<string | null> {
  const contentType = attributeValues(signerInfo, OID.contentType)
  const messageDigest = attributeValues(signerInfo, OID.messageDigest)
  if (!contentType || !messageDigest) {
    throw new Refusal(
      'malformed',
      'the signed attributes lack contentType or messageDigest',
      signer,
    )
  }
  const type = contentType[0]
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== eContentType) {
    throw new Refusal(
      'malformed',
      'the contentType attribute differs from the content type signed',
      signer,
    )
  }
  const digest = messageDigest[0]
  if (!(digest instanceof asn1js.OctetString)) {
    throw new Refusal('malformed', 'the messageDigest attribute is not an octet string', signer)
  }
  const actual = new Uint8Array(await globalThis.crypto.subtle.digest(digestName, content))
  if (!Buffer.from(actual).equals(Buffer.from(digest.valueBlock.valueHexView))) {
    throw new Refusal(
      'data-mismatch',
      `the ${digestName} digest of the data differs from the signed messageDigest`,
      signer,
    )
  }
  const signingCertificate = attributeValues(signerInfo, OID.signingCertificateV2)
  if (signingCertificate) await checkSigningCertificate(signingCertificate[0], signerDer, signer)
  const signingTime = attributeValues(signerInfo, OID.signingTime)
  return signingTime ? isoOrNull(signingTime[0]) : null
}

/**
 * The ESS signingCertificateV2 attribute, when present, must name the signer's certificate by
 * its hash (it binds the signature to that certificate).
 */
async function checkSigningCertificate(
  value: unknown,
  signerDer: Uint8Array,
  signer: CertificateSubject,
): Promise<void> {
  const unreadable = () =>
    new Refusal('malformed', 'the signingCertificateV2 attribute cannot be read', signer)
  if (!(value instanceof asn1js.Sequence)) throw unreadable()
  const certs = value.valueBlock.value[0]
  if (!(certs instanceof asn1js.Sequence)) throw unreadable()
  const first = certs.valueBlock.value[0]
  if (!(first instanceof asn1js.Sequence)) throw unreadable()
  const parts = first.valueBlock.value
  let hashName = 'SHA-256'
  let index = 0
  if (parts[0] instanceof asn1js.Sequence) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: parts[0] })
    const name = DIGESTS[algorithm.algorithmId]
    if (!name) {
      throw new Refusal(
        'malformed',
        `the signingCertificateV2 hash ${algorithm.algorithmId} is not supported`,
        signer,
      )
    }
    hashName = name
    index = 1
  }
  const hash = parts[index]
  if (!(hash instanceof asn1js.OctetString)) throw unreadable()
  const actual = await globalThis.crypto.subtle.digest(hashName, toArrayBuffer(signerDer))
  if (!Buffer.from(actual).equals(Buffer.from(hash.valueBlock.valueHexView))) {
    throw new Refusal(
      'malformed',
      'the signingCertificateV2 attribute names another certificate',
      signer,
    )
  }
}

/**
 * A real X.509/CMS signature check against trusted authorities and their revocation lists.
 * @example
 * const verifier = new X509SignatureVerifier(await loadTrust('/etc/e-akimat/trust'))
 * const check = await verifier.verify({ signature, data })
 */
export class X509SignatureVerifier implements SignatureVerifier {
  private readonly fixed: ParsedTrust | null
  private readonly revocation: 'required' | 'unchecked'

  /** Throws InputError when fixed trust material cannot be read. */
  constructor(
    private readonly trust: TrustSource,
    options: VerifierOptions = {},
  ) {
    this.fixed = typeof trust === 'function' ? null : parseTrust(trust)
    this.revocation = options.revocation ?? 'required'
  }

  /**
   * Checks `signature` over `data` at `at` (default now). Never throws for bad input; throws
   * only when a trust source function fails or gives unreadable material.
   */
  async verify(input: { signature: string; data: Uint8Array; at?: Date }): Promise<SignatureCheck> {
    const trust = this.fixed ?? parseTrust(await (this.trust as () => Promise<TrustMaterial>)())
    try {
      return await this.check(input.signature, input.data, input.at ?? new Date(), trust)
    } catch (error) {
      if (error instanceof Refusal) {
        return { ok: false, reason: error.reason, detail: error.detail, signer: error.signer }
      }
      return {
        ok: false,
        reason: 'malformed',
        detail: `the signature cannot be checked: ${(error as Error)?.message ?? String(error)}`,
        signer: null,
      }
    }
  }

  private async check(
    signature: string,
    data: Uint8Array,
    at: Date,
    trust: ParsedTrust,
  ): Promise<SignatureCheck> {
    if (!(data instanceof Uint8Array)) throw new Refusal('malformed', 'the data is not bytes')
    if (Number.isNaN(at.getTime())) throw new Refusal('malformed', 'the check time is not a date')
    const signedData = parseSignedData(decodeSignatureText(signature))
    if (signedData.signerInfos.length !== 1) {
      throw new Refusal(
        'malformed',
        `the signature has ${signedData.signerInfos.length} signers; exactly one is expected`,
      )
    }
    const signerInfo = signedData.signerInfos[0]!
    const carried = (signedData.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
    )
    const signerCertificate = findSignerCertificate(signerInfo, carried)
    if (!signerCertificate) {
      throw new Refusal('malformed', "the signer's certificate is not inside the signature")
    }
    const signer = subjectOf(signerCertificate)

    const signedAt = await this.checkSignatureValue(signedData, signerInfo, signerCertificate, {
      data,
      signer,
    })
    const chain = await this.buildChain(signerCertificate, carried, trust.anchors, signer)
    this.checkValidity(chain, at, signer)
    if (this.revocation === 'required') await this.checkRevocation(chain, trust.crls, at, signer)
    return { ok: true, signer, signedAt }
  }

  /** Algorithms, content, signed attributes and the signature value itself. */
  private async checkSignatureValue(
    signedData: pkijs.SignedData,
    signerInfo: pkijs.SignerInfo,
    certificate: pkijs.Certificate,
    context: { data: Uint8Array; signer: CertificateSubject },
  ): Promise<string | null> {
    const { signer } = context
    const digestName = DIGESTS[signerInfo.digestAlgorithm.algorithmId]
    if (!digestName) {
      throw new Refusal(
        'malformed',
        `the digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not supported (SHA-256/384/512 only; GOST is not)`,
        signer,
      )
    }
    if (
      !acceptedSignatureAlgorithm(signerInfo.signatureAlgorithm, digestName) ||
      !acceptedPublicKey(certificate.subjectPublicKeyInfo)
    ) {
      throw new Refusal(
        'malformed',
        `the signature algorithm ${signerInfo.signatureAlgorithm.algorithmId} or the key ${certificate.subjectPublicKeyInfo.algorithm.algorithmId} is not supported (RSA, RSA-PSS, ECDSA P-256/P-384 only; GOST is not)`,
        signer,
      )
    }

    const eContent = signedData.encapContentInfo.eContent
    const data = toArrayBuffer(context.data)
    if (eContent) {
      const inside = new Uint8Array(eContent.getValue())
      if (!Buffer.from(inside).equals(Buffer.from(context.data))) {
        throw new Refusal(
          'data-mismatch',
          'the signature carries content that differs from the data submitted',
          signer,
        )
      }
    }

    let signedBytes: ArrayBuffer
    let signedAt: string | null = null
    const signerDer = certificateDer(certificate)
    if (signerInfo.signedAttrs) {
      signedAt = await checkSignedAttributes(
        signerInfo,
        signedData.encapContentInfo.eContentType,
        data,
        digestName,
        signerDer,
        signer,
      )
      signedBytes = signerInfo.signedAttrs.encodedValue
    } else {
      signedBytes = data
    }
    let valid: boolean
    try {
      valid = await cryptoEngine.verifyWithPublicKey(
        signedBytes,
        signerInfo.signature,
        certificate.subjectPublicKeyInfo,
        signerInfo.signatureAlgorithm,
        signerInfo.signatureAlgorithm.algorithmId === OID.rsaEncryption ? digestName : undefined,
      )
    } catch (error) {
      throw new Refusal(
        'malformed',
        `the signature value cannot be checked: ${(error as Error).message}`,
        signer,
      )
    }
    if (!valid) {
      throw new Refusal(
        'data-mismatch',
        "the signature value does not verify with the signer's public key",
        signer,
      )
    }
    return signedAt
  }

  /**
   * The chain from the signer to a trust anchor: at each step the issuer is a trusted
   * certificate (which ends the chain) or an authority carried in the signature, with the
   * issuer's name and a signature that verifies with its key.
   */
  private async buildChain(
    signerCertificate: pkijs.Certificate,
    carried: pkijs.Certificate[],
    anchors: pkijs.Certificate[],
    signer: CertificateSubject,
  ): Promise<pkijs.Certificate[]> {
    const usage = keyUsageBits(signerCertificate)
    if (
      usage !== null &&
      !usage.has(KEY_USAGE.digitalSignature) &&
      !usage.has(KEY_USAGE.nonRepudiation)
    ) {
      throw new Refusal('untrusted', 'the certificate is not for signing (key usage)', signer)
    }
    const chain = [signerCertificate]
    let current = signerCertificate
    while (chain.length < MAX_CHAIN) {
      const issuerName = nameToString(current.issuer)
      const namedAnchors = anchors.filter((a) => sameName(a.subject, current.issuer))
      for (const anchor of namedAnchors) {
        if (mayIssue(anchor, true) && (await signedBy(current, anchor))) {
          chain.push(anchor)
          return chain
        }
      }
      const namedCarried = carried.filter(
        (c) => !chain.includes(c) && sameName(c.subject, current.issuer),
      )
      let next: pkijs.Certificate | undefined
      for (const candidate of namedCarried) {
        if (mayIssue(candidate, false) && (await signedBy(current, candidate))) {
          next = candidate
          break
        }
      }
      if (!next) {
        const subject =
          current === signerCertificate ? 'the certificate' : 'an authority on the chain'
        throw new Refusal(
          'untrusted',
          namedAnchors.length > 0 || namedCarried.length > 0
            ? `${subject} is not validly signed by "${issuerName}" (signature, algorithm or CA constraints)`
            : `${subject} was issued by "${issuerName}", which is not a trusted authority`,
          signer,
        )
      }
      chain.push(next)
      current = next
    }
    throw new Refusal(
      'untrusted',
      `no trusted authority within ${MAX_CHAIN - 1} issuers of the certificate`,
      signer,
    )
  }

  /** Every certificate on the chain must be valid at `at`. */
  private checkValidity(chain: pkijs.Certificate[], at: Date, signer: CertificateSubject): void {
    for (const [index, certificate] of chain.entries()) {
      const whose =
        index === 0
          ? 'the certificate'
          : `the authority certificate "${nameToString(certificate.subject)}"`
      const notBefore = certificate.notBefore.value
      const notAfter = certificate.notAfter.value
      if (at < notBefore) {
        throw new Refusal(
          'not-yet-valid',
          `${whose} is valid from ${notBefore.toISOString()}, after ${at.toISOString()}`,
          signer,
        )
      }
      if (at > notAfter) {
        throw new Refusal(
          'expired',
          `${whose} expired on ${notAfter.toISOString()}, before ${at.toISOString()}`,
          signer,
        )
      }
    }
  }

  /**
   * Each certificate below the anchor needs its issuer's current revocation list, signed by the
   * issuer, and must not be on it.
   */
  private async checkRevocation(
    chain: pkijs.Certificate[],
    crls: pkijs.CertificateRevocationList[],
    at: Date,
    signer: CertificateSubject,
  ): Promise<void> {
    for (let index = 0; index < chain.length - 1; index++) {
      const certificate = chain[index]!
      const issuer = chain[index + 1]!
      const issuerName = nameToString(issuer.subject)
      const whose =
        index === 0 ? 'the certificate' : `the authority "${nameToString(certificate.subject)}"`
      const named = crls.filter((crl) => sameName(crl.issuer, issuer.subject) && !isDeltaCrl(crl))
      if (named.length === 0) {
        throw new Refusal(
          'revocation-unknown',
          `no revocation list from "${issuerName}" is loaded`,
          signer,
        )
      }
      const genuine: pkijs.CertificateRevocationList[] = []
      for (const crl of named) if (await crlSignedBy(crl, issuer)) genuine.push(crl)
      if (genuine.length === 0) {
        throw new Refusal(
          'revocation-unknown',
          `the revocation list named "${issuerName}" is not signed by that authority's key`,
          signer,
        )
      }
      const current = genuine
        .filter((crl) => crl.nextUpdate !== undefined && crl.nextUpdate.value > at)
        .sort((a, b) => b.thisUpdate.value.getTime() - a.thisUpdate.value.getTime())[0]
      if (!current) {
        const latest = genuine
          .map((crl) => crl.nextUpdate?.value.toISOString() ?? 'not given')
          .join(', ')
        throw new Refusal(
          'revocation-unknown',
          `the revocation list of "${issuerName}" is out of date (next update ${latest}, checked at ${at.toISOString()})`,
          signer,
        )
      }
      const entry = current.revokedCertificates?.find((r) =>
        r.userCertificate.isEqual(certificate.serialNumber),
      )
      if (entry && entry.revocationDate.value <= at) {
        throw new Refusal(
          'revoked',
          `${whose} (serial ${serialHex(certificate.serialNumber)}) was revoked on ${entry.revocationDate.value.toISOString()} by "${issuerName}"`,
          signer,
        )
      }
    }
  }
}

function isDeltaCrl(crl: pkijs.CertificateRevocationList): boolean {
  return crl.crlExtensions?.extensions.some((e) => e.extnID === OID.deltaCrlIndicator) ?? false
}

async function crlSignedBy(
  crl: pkijs.CertificateRevocationList,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  if (!acceptedSignatureAlgorithm(crl.signatureAlgorithm)) return false
  try {
    return await crl.verify({ issuerCertificate: issuer }, cryptoEngine)
  } catch {
    return false
  }
}

/**
 * Who a certificate (PEM) was issued to: IIN, BIN, common name, serial, issuer and validity.
 * Throws InputError when it cannot be read.
 */
export function certificateSubject(pem: string): CertificateSubject {
  try {
    return subjectOf(parseCertificatePem(pem))
  } catch (error) {
    throw new InputError(`The certificate cannot be read: ${(error as Error).message}`)
  }
}

const CERTIFICATE_FILES = new Set(['.pem', '.crt', '.cer'])

/**
 * Reads a trust folder: `*.pem`, `*.crt` and `*.cer` are trusted authority certificates (PEM,
 * one or more per file, or DER), `*.crl` are revocation lists (PEM or DER). Other files are
 * ignored. Throws InputError naming a file that cannot be read.
 */
export async function loadTrust(dir: string): Promise<TrustMaterial> {
  let names: string[]
  try {
    names = (await readdir(dir)).sort()
  } catch (error) {
    throw new InputError(`The trust folder ${dir} cannot be read: ${(error as Error).message}`)
  }
  const certificates: string[] = []
  const crls: (string | Uint8Array)[] = []
  for (const name of names) {
    const extension = extname(name).toLowerCase()
    if (!CERTIFICATE_FILES.has(extension) && extension !== '.crl') continue
    const path = join(dir, name)
    const bytes = new Uint8Array(await readFile(path))
    const text = Buffer.from(bytes).toString('latin1')
    const isPem = text.includes('-----BEGIN')
    try {
      if (extension === '.crl') {
        const crl = isPem ? text : bytes
        parseCrl(crl)
        crls.push(crl)
      } else {
        const pem = isPem ? text : certificateToPem(parseCertificateDer(bytes))
        parseCertificatesPem(pem)
        certificates.push(pem)
      }
    } catch (error) {
      throw new InputError(`${path} cannot be read: ${(error as Error).message}`)
    }
  }
  return { certificates, crls }
}
