/**
 * @module
 * Regulated e-services (regulations 178/2012): service definitions as data, the engine that runs
 * applications through their steps, the outside systems as adapters, result documents, surveys
 * and quality figures.
 */
export * from './adapters.js'
export * from './applications.js'
export * from './definition.js'
export * from './definitions.js'
export {
  DEMO_CA_CERTIFICATE,
  DEMO_CA_KEY,
  DEMO_CA_NAME,
  DEMO_REVOCATIONS,
  type DemoRevocation,
  demoAuthority,
  demoRevocations,
  demoTrust,
  issueDemoCertificate,
  pkiDirectory,
  revokeDemoCertificate,
} from './demo-authority.js'
export * from './diagram.js'
export * from './embedded.js'
export * from './engine.js'
export * from './figures.js'
export { servicesReferencedFiles } from './file-references.js'
export { type ServicesOperationsFigures, servicesOperationsFigures } from './operations-figures.js'
export * from './payments.js'
export {
  type Authority,
  type AuthorityOptions,
  type CertificateRequest,
  createAuthority,
  type IssuedCertificate,
  issueCertificate,
  issueCertificateFor,
  issueRevocationList,
  type NameAttribute,
  type RevocationListOptions,
  type SignOptions,
  signDetached,
} from './pki.js'
export * from './providers.js'
export * from './result-document.js'
export {
  KeyResultSigner,
  RESULT_SIGNER_CERTIFICATE,
  RESULT_SIGNER_KEY,
  RESULT_SIGNER_NAME,
  verifyResultSignature,
} from './result-signer.js'
export * from './results.js'
export * from './service-registers.js'
export {
  certificateSubject,
  loadTrust,
  MAX_SIGNATURE_LENGTH,
  type TrustMaterial,
  type TrustSource,
  type VerifierOptions,
  X509SignatureVerifier,
} from './signature.js'
export * from './state-databases.js'
export * from './stored-definitions.js'
export type { ServicesTables } from './tables.js'
export { KEY_ALGORITHMS, type KeyAlgorithm } from './x509.js'
