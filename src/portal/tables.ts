/**
 * @module
 * Tables owned by the portal module (see migration 2026-11-26-0005-portal).
 */
import type { Generated } from 'kysely'

export interface PortalAccountRequestTable {
  id: Generated<number>
  status: string
  organisation_kind: string
  organisation_name_kk: string
  organisation_name_ru: string
  organisation_bin: string | null
  organisation_level: string | null
  contact_name: string
  contact_position: string
  contact_email: string
  contact_phone: string
  requested_role: string
  basis: string
  received_at: string
  due_on: string
  decided_at: string | null
  decided_by: number | null
  decision_note: string | null
  organisation_id: number | null
  user_id: number | null
}

export interface PortalObjectTable {
  id: Generated<number>
  code: string | null
  kind: string
  owner_organisation_id: number
  name_kk: string
  name_ru: string
  purpose: string
  stage: string
  stage_since: string
  review_state: string
  revision: number
  submitted_revision: number | null
  accepted_revision: number | null
  review_due_on: string | null
  update_due_on: string | null
  created_at: string
  created_by: number
  updated_at: string
  updated_by: number
}

export interface PortalObjectRevisionTable {
  object_id: number
  revision: number
  /** JSON: the object as it was at this revision (see ObjectSnapshot). */
  data: string
  created_at: string
  created_by: number
}

export interface PortalStageTransitionTable {
  id: Generated<number>
  object_id: number
  stage: string
  on_date: string
  note: string | null
  recorded_at: string
  recorded_by: number
}

export interface PortalRelationTable {
  id: Generated<number>
  object_id: number
  target_object_id: number
  type: string
  created_at: string
  created_by: number
  removed_at: string | null
  removed_by: number | null
}

export interface PortalObjectFunctionTable {
  id: Generated<number>
  object_id: number
  architecture: string
  section: number
  number: number
  function_text: string
  created_at: string
  created_by: number
  removed_at: string | null
  removed_by: number | null
}

export interface PortalDocumentTable {
  id: Generated<number>
  object_id: number
  kind: number
  format: string
  sha256: string
  size: number
  original_name: string
  /** JSON: the file check's report. */
  report: string
  text: string | null
  uploaded_at: string
  uploaded_by: number
  replaced_at: string | null
  replaced_by: number | null
}

export interface PortalReviewTable {
  id: Generated<number>
  object_id: number
  revision: number
  submitted_at: string
  submitted_by: number
  due_on: string
  decision: string | null
  decided_at: string | null
  decided_by: number | null
  /** JSON array of { target, text }. */
  remarks: string
}

export interface PortalCodeCounterTable {
  year: number
  last: number
}

export interface PortalEventTable {
  id: Generated<number>
  object_id: number | null
  account_request_id: number | null
  kind: string
  at: string
  actor_user_id: number | null
  actor_organisation_id: number | null
  revision: number | null
  /** JSON object; its shape depends on kind. */
  details: string
}

export interface PortalNotificationTable {
  id: Generated<number>
  user_id: number | null
  email: string
  subject: string
  body: string
  link: string | null
  created_at: string
  sent_at: string | null
  attempts: Generated<number>
  last_error: string | null
}

export interface PortalTables {
  portal_account_request: PortalAccountRequestTable
  portal_object: PortalObjectTable
  portal_object_revision: PortalObjectRevisionTable
  portal_stage_transition: PortalStageTransitionTable
  portal_relation: PortalRelationTable
  portal_object_function: PortalObjectFunctionTable
  portal_document: PortalDocumentTable
  portal_review: PortalReviewTable
  portal_code_counter: PortalCodeCounterTable
  portal_event: PortalEventTable
  portal_notification: PortalNotificationTable
}
