/**
 * @module
 * The e-services' outside systems as a fresh machine has them: the bundled state databases, the
 * simulated payment gateway, signature checks against the trusted authorities (by default the
 * demo authority of the data folder, so `services demo-certificate` works out of the box), and
 * the result signer kept in the data folder. A trust folder is re-read at most once a minute, so
 * a new revocation list takes effect without a restart; the demo authority's revocations count at
 * once.
 */
import type { FileStore } from '../files/index.js'
import type { ServicesContext } from './applications.js'
import { demoTrust } from './demo-authority.js'
import { SimulatedPaymentGateway } from './payments.js'
import { KeyResultSigner } from './result-signer.js'
import { loadTrust, type TrustMaterial, X509SignatureVerifier } from './signature.js'
import { FixtureStateDatabases } from './state-databases.js'

/** How long trust material read from files is reused. */
export const TRUST_REFRESH_MS = 60_000

/** A trust source that reloads at most every `ttlMs` (a failed reload is retried next time). */
export function cachedTrust(
  load: () => Promise<TrustMaterial>,
  ttlMs = TRUST_REFRESH_MS,
): () => Promise<TrustMaterial> {
  let cached: { at: number; trust: Promise<TrustMaterial> } | undefined
  return () => {
    const now = Date.now()
    if (!cached || now - cached.at > ttlMs) {
      const trust = load()
      cached = { at: now, trust }
      trust.catch(() => {
        if (cached?.trust === trust) cached = undefined
      })
    }
    return cached.trust
  }
}

export interface EmbeddedServicesOptions {
  dataDir: string
  files: FileStore
  publicUrl: string
  /** A folder of trusted authorities and revocation lists; null = the demo authority. */
  trustDir: string | null
  paymentTimeoutMs: number
}

export async function embeddedServicesContext(
  options: EmbeddedServicesOptions,
): Promise<ServicesContext> {
  const { dataDir, trustDir } = options
  // A trust folder is re-read at most once a minute; the demo authority's list is made at every
  // check, so `services demo-certificate --revoked` counts at once.
  const trust = trustDir ? cachedTrust(() => loadTrust(trustDir)) : () => demoTrust(dataDir)
  // Fail at start, not at the first signature, when the trust folder cannot be read.
  await trust()
  return {
    files: options.files,
    publicUrl: options.publicUrl,
    adapters: {
      stateDatabases: new FixtureStateDatabases(),
      payments: new SimulatedPaymentGateway({ timeoutMs: options.paymentTimeoutMs }),
      signatures: new X509SignatureVerifier(trust),
      resultSigner: await KeyResultSigner.fromDirectory(dataDir),
    },
  }
}
