/**
 * @module
 * The outside systems the regulations name, as interfaces. Each has an embedded implementation
 * that works on a fresh machine and is what the tests use:
 *
 * - state databases of individuals and legal entities (ЖТ МДҚ / ЗТ МДҚ) and the notary system's
 *   powers of attorney (БНАЖ): `FixtureStateDatabases` over a small bundled data set;
 * - the payment gateway (ЭҮТШ): `SimulatedPaymentGateway`, whose test card numbers pay, are
 *   declined or never answer;
 * - signature verification: `X509SignatureVerifier`, a real check of a CMS (PKCS #7) detached
 *   signature against trusted certificate authorities and their revocation lists;
 * - the provider's result signature: `KeyResultSigner`, a key and certificate kept in the data
 *   folder.
 */

/** A person as the state database of individuals (ЖТ МДҚ / ГБД ФЛ) returns them. */
export interface PersonRecord {
  iin: string
  surname: string
  givenName: string
  patronymic: string | null
  birthDate: string
}

/** A legal entity as the state database of legal entities (ЗТ МДҚ / ГБД ЮЛ) returns it. */
export interface LegalEntityRecord {
  bin: string
  nameKk: string
  nameRu: string
  /** IIN of the head, who may apply for it. */
  headIin: string
  registeredOn: string
}

/** A notarised power of attorney as the notary system (БНАЖ) returns it. */
export interface PowerOfAttorneyRecord {
  number: string
  principalIin: string
  representativeIin: string
  validUntil: string
}

export interface StateDatabases {
  person(iin: string): Promise<PersonRecord | undefined>
  legalEntity(bin: string): Promise<LegalEntityRecord | undefined>
  powerOfAttorney(number: string): Promise<PowerOfAttorneyRecord | undefined>
}

/** What the payment gateway answered; `timeout` when it did not answer in time. */
export type PaymentOutcome = 'paid' | 'declined' | 'timeout'

export interface PaymentRequest {
  /** Our reference for the payment (unique per attempt). */
  reference: string
  amountKzt: number
  description: string
  /** The card number as entered (digits and spaces). */
  cardNumber: string
}

/** What the gateway knows of a charge by our reference: `unknown` when it never received it. */
export type PaymentStatus = 'paid' | 'declined' | 'pending' | 'unknown'

export interface PaymentGateway {
  /** Charges a card; never throws for a declined card or a timeout (those are outcomes). */
  charge(
    request: PaymentRequest,
  ): Promise<{ outcome: PaymentOutcome; gatewayReference: string | null }>
  /**
   * What became of an earlier charge (by our reference): asked before charging again after a
   * timeout, so a charge the gateway did take is not taken twice.
   */
  status(reference: string): Promise<PaymentStatus>
}

/** Who a certificate was issued to, as its subject says. */
export interface CertificateSubject {
  /** From subject serialNumber "IIN123456789012" (the form Kazakh certificates use). */
  iin: string | null
  /** From subject OU "BIN123456789012" for a legal entity's certificate. */
  bin: string | null
  commonName: string
  /** Certificate serial number, hex. */
  serialNumber: string
  issuer: string
  notBefore: string
  notAfter: string
}

/** Why a signature was not accepted. */
export const SIGNATURE_FAILURES = [
  'malformed', // not a CMS signature we can read
  'data-mismatch', // the signature is not over the submitted data
  'untrusted', // the certificate does not chain to a trusted authority
  'not-yet-valid',
  'expired',
  'revoked', // on the issuer's revocation list
  'revocation-unknown', // no current revocation list from the issuer
  'identity-mismatch', // the certificate's IIN/BIN is not the applicant's (checked by the engine)
] as const
export type SignatureFailure = (typeof SIGNATURE_FAILURES)[number]

export type SignatureCheck =
  | { ok: true; signer: CertificateSubject; signedAt: string | null }
  | { ok: false; reason: SignatureFailure; detail: string; signer: CertificateSubject | null }

export interface SignatureVerifier {
  /**
   * Checks a detached CMS signature (base64 or PEM "-----BEGIN CMS-----"/"PKCS7") over `data`,
   * at the instant `at`: signature value, chain to a trusted authority, validity period, and
   * the issuer's current revocation list.
   */
  verify(input: { signature: string; data: Uint8Array; at?: Date }): Promise<SignatureCheck>
}

/** Signs result documents on behalf of the provider's authorised person. */
export interface ResultSigner {
  /** Whose certificate signs (printed on the document before it is signed). */
  readonly subject: CertificateSubject
  /** A detached CMS signature (base64) over `data`, and who signed it. */
  sign(data: Uint8Array): Promise<{ signature: string; signer: CertificateSubject }>
  /** Whether `signature` is a valid signature of this signer over exactly `data`. */
  verify(signature: string, data: Uint8Array): Promise<boolean>
}

/** The outside systems the engine talks to. */
export interface ServiceAdapters {
  stateDatabases: StateDatabases
  payments: PaymentGateway
  signatures: SignatureVerifier
  resultSigner: ResultSigner
}
