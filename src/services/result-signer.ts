/**
 * @module
 * The provider's signature on result documents (the authorised person's ЭЦҚ in the regulations):
 * `KeyResultSigner` holds a key and its certificate and makes detached CMS signatures.
 *
 * `KeyResultSigner.fromDirectory(dataDir)` uses `DATA_DIR/pki/result-signer.key` and
 * `result-signer.pem`; on first use it makes them: a key and an "e-akimat local result signer"
 * certificate issued by the local demo authority (`demo-authority.ts`), created safely even when
 * several processes start at once. A real deployment puts the provider's key and certificate
 * there instead, with `result-signer-chain.pem` (the issuing authority's chain up to its root),
 * which is carried in each signature and trusted when results are verified.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from '../core/index.js'
import type { CertificateSubject, ResultSigner, SignatureCheck } from './adapters.js'
import {
  createOnce,
  demoAuthority,
  makePkiDirectory,
  pkiDirectory,
  readAuthority,
  writeFileAtomic,
} from './demo-authority.js'
import { issueCertificateFor, signDetached } from './pki.js'
import { certificateSubject, type TrustMaterial, X509SignatureVerifier } from './signature.js'
import type { CryptoKey } from './x509.js'
import {
  certificateToPem,
  importSigningKey,
  type KeyAlgorithm,
  OID,
  parseCertificatesPem,
  type SigningKey,
} from './x509.js'

export const RESULT_SIGNER_KEY = 'result-signer.key'
export const RESULT_SIGNER_CERTIFICATE = 'result-signer.pem'

/** The common name of the certificate made on first use. */
export const RESULT_SIGNER_NAME = 'e-akimat local result signer'
/** Optional: the chain (intermediates and root, PEM) of a result signer a real authority issued. */
export const RESULT_SIGNER_CHAIN = 'result-signer-chain.pem'

const YEAR = 365 * 86_400_000

/** Signs result documents with a key and certificate (PEM). */
export class KeyResultSigner implements ResultSigner {
  /** Who signs, from the certificate. */
  readonly subject: CertificateSubject
  private key: Promise<SigningKey> | null = null

  /** Throws InputError when the certificate cannot be read. */
  constructor(
    readonly certificate: string,
    private readonly privateKey: string | CryptoKey,
    private readonly options: {
      algorithm?: KeyAlgorithm
      chain?: readonly string[]
      /** The authorities (PEM) `verify` trusts: the issuer, or the chain up to the root. */
      anchors?: readonly string[]
    } = {},
  ) {
    this.subject = certificateSubject(certificate)
  }

  /**
   * The signer kept in `<dataDir>/pki/` (`result-signer.key`, `result-signer.pem`), made on first
   * use from the demo authority. Throws InputError when the files do not form a key pair.
   */
  static async fromDirectory(dataDir: string): Promise<KeyResultSigner> {
    const dir = pkiDirectory(dataDir)
    await makePkiDirectory(dir)
    const certificatePath = join(dir, RESULT_SIGNER_CERTIFICATE)
    const keyPath = join(dir, RESULT_SIGNER_KEY)
    await createOnce(certificatePath, join(dir, 'result-signer.lock'), async () => {
      const authority = await demoAuthority(dataDir)
      const now = Date.now()
      const issued = await issueCertificateFor(
        authority,
        [
          [OID.country, 'KZ'],
          [OID.organization, 'e-akimat'],
          [OID.commonName, RESULT_SIGNER_NAME],
        ],
        { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 10 * YEAR) },
      )
      await writeFileAtomic(keyPath, issued.privateKey, 0o600)
      await writeFileAtomic(certificatePath, issued.certificate)
    })
    const { certificate, privateKey, algorithm } = await readAuthority(certificatePath, keyPath)
    // A signer issued by a real authority comes with its chain (`result-signer-chain.pem`:
    // intermediates and root), carried in every signature and trusted by `verify`; without it,
    // the signer is the demo authority's.
    let chain: string[] = []
    try {
      chain = parseCertificatesPem(await readFile(join(dir, RESULT_SIGNER_CHAIN), 'utf8')).map(
        certificateToPem,
      )
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new InputError(`${join(dir, RESULT_SIGNER_CHAIN)}: ${(error as Error).message}`)
      }
    }
    const anchors = chain.length > 0 ? chain : [(await demoAuthority(dataDir)).certificate]
    const signer = new KeyResultSigner(certificate, privateKey, { algorithm, anchors, chain })
    try {
      await signer.sign(new Uint8Array())
    } catch (error) {
      throw new InputError(
        `${keyPath} and ${certificatePath} cannot sign: ${(error as Error).message}`,
      )
    }
    return signer
  }

  /**
   * Whether `signature` is this signer's valid signature over exactly `data`: the signature, its
   * chain to the issuer, and that the signing certificate is this signer's (revocation of the
   * signer's own certificate is not checked: it is ours).
   */
  async verify(signature: string, data: Uint8Array): Promise<boolean> {
    const anchors = this.options.anchors ?? []
    if (anchors.length === 0) return false
    const check = await new X509SignatureVerifier(
      { certificates: anchors, crls: [] },
      { revocation: 'unchecked' },
    ).verify({ signature, data })
    return (
      check.ok &&
      check.signer.serialNumber === this.subject.serialNumber &&
      check.signer.issuer === this.subject.issuer
    )
  }

  /** A detached CMS signature (base64) over `data`, and who signed it. */
  async sign(data: Uint8Array): Promise<{ signature: string; signer: CertificateSubject }> {
    this.key ??= importSigningKey(this.privateKey, this.options.algorithm)
    const { key, algorithm } = await this.key
    const signature = await signDetached({
      certificate: this.certificate,
      privateKey: key,
      algorithm,
      data,
      certificates: this.options.chain ?? [],
    })
    return { signature, signer: this.subject }
  }
}

/**
 * Checks a result signature over `data`. With the authority's certificate alone (PEM) the
 * signature and chain are checked but not revocation; with trust material including revocation
 * lists, revocation too.
 */
export async function verifyResultSignature(
  signature: string,
  data: Uint8Array,
  trusted: string | TrustMaterial,
  at?: Date,
): Promise<SignatureCheck> {
  const verifier =
    typeof trusted === 'string'
      ? new X509SignatureVerifier(
          { certificates: [trusted], crls: [] },
          { revocation: 'unchecked' },
        )
      : new X509SignatureVerifier(trusted)
  return verifier.verify({ signature, data, ...(at ? { at } : {}) })
}
