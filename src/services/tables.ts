/**
 * @module
 * Tables owned by the services module (see migration 2026-11-26-0008-services). Timestamps are
 * ISO-8601 strings in UTC, dates `YYYY-MM-DD`, JSON columns text on both backends.
 */
import type { Generated } from 'kysely'

/** An organisation that provides a service, with the fee and term of the service standard. */
export interface ServicesProviderTable {
  service_code: string
  organisation_id: number
  fee_kzt: number | null
  term_working_days: number | null
  updated_at: string
  updated_by: number | null
}

export interface ServicesCounterTable {
  prefix: string
  year: number
  last: number
}

export interface ServicesApplicationTable {
  id: Generated<number>
  number: string
  service_code: string
  definition_version: number
  channel: string
  provider_organisation_id: number
  centre_organisation_id: number | null
  person_id: number | null
  registered_by: number | null
  recipient_kind: string
  recipient_iin: string
  recipient_bin: string | null
  recipient_name: string
  representative_iin: string | null
  power_of_attorney: string | null
  language: string
  /** The fee and term of the provider's binding when the application was made. */
  fee_kzt: number | null
  term_working_days: number | null
  form: string
  status: string
  current_step: string | null
  waiting_for: string | null
  step_started_at: string
  signed_data_sha256: string | null
  registered_at: string | null
  due_on: string | null
  ended_at: string | null
  refusal_reason: string | null
  refusal_text: string | null
  created_at: string
  updated_at: string
  revision: number
}

export interface ServicesAttachmentTable {
  id: Generated<number>
  application_id: number
  slot: string
  sha256: string
  size: number
  file_type: string
  original_name: string
  added_at: string
}

export interface ServicesEventTable {
  id: Generated<number>
  application_id: number
  step_id: string
  outcome: string
  started_at: string
  at: string
  milliseconds: number
  limit_seconds: number | null
  over_limit: number
  actor_kind: string
  actor_person_id: number | null
  actor_user_id: number | null
  actor_organisation_id: number | null
  details: string
}

export interface ServicesSignatureTable {
  id: Generated<number>
  application_id: number
  step_id: string
  signature: string
  data_sha256: string
  ok: number
  failure: string | null
  signer_iin: string | null
  signer_bin: string | null
  signer_name: string | null
  certificate_serial: string | null
  issuer: string | null
  checked_at: string
}

export interface ServicesPaymentTable {
  id: Generated<number>
  application_id: number
  reference: string
  amount_kzt: number
  outcome: string
  gateway_reference: string | null
  at: string
}

export interface ServicesResultTable {
  application_id: number
  kind: string
  code: string
  language: string
  issued_at: string
  issued_by: number | null
  file_sha256: string | null
  file_size: number | null
  signature: string | null
  signer_name: string | null
  signer_serial: string | null
  share_details: number
  share_name: number
  share_number: number
  share_document: number
}

export interface ServicesSurveyTable {
  application_id: number
  quality: number
  information: number
  answered_at: string
}

/**
 * A service definition stored in the database (migration 2026-11-27-0012): one version of a
 * definition generated from an Appendix 1 row for the akimat that provides it. Versions are never
 * changed; `active` marks the versions offered to applicants (at most the latest of a code).
 */
export interface ServicesDefinitionTable {
  id: Generated<number>
  code: string
  version: number
  organisation_id: number
  definition: string
  active: number
  created_at: string
  created_by: number | null
}

export interface ServicesTables {
  services_definition: ServicesDefinitionTable
  services_provider: ServicesProviderTable
  services_counter: ServicesCounterTable
  services_application: ServicesApplicationTable
  services_attachment: ServicesAttachmentTable
  services_event: ServicesEventTable
  services_signature: ServicesSignatureTable
  services_payment: ServicesPaymentTable
  services_result: ServicesResultTable
  services_survey: ServicesSurveyTable
}
