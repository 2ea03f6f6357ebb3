/**
 * @module
 * Who sees and does what in the portal. Every domain function calls these with the acting user,
 * so no route can forget a check.
 *
 * - The owner organisation's members see the object as it is now, drafts included; its editors
 *   (and administrators) change it.
 * - The service integrator and the authorised body ("overseers") see what was last submitted to
 *   them, never an unsubmitted draft; the service integrator's reviewers decide.
 * - Every other signed-in user sees the accepted revision of accepted objects only (the
 *   registry), without documents.
 */
import { type Actor, hasRole } from '../auth/index.js'
import { ForbiddenError, NotFoundError } from '../core/index.js'
import type { ReviewState } from './model.js'

export type Audience = 'owner' | 'overseer' | 'registry'

interface ObjectVisibility {
  id: number
  owner_organisation_id: number
  revision: number
  submitted_revision: number | null
  accepted_revision: number | null
}

export function isOverseer(actor: Actor): boolean {
  const kind = actor.organisation.kind
  return kind === 'service-integrator' || kind === 'authorised-body'
}

export function audienceOf(actor: Actor, object: Pick<ObjectVisibility, 'owner_organisation_id'>) {
  if (actor.organisation.id === object.owner_organisation_id) return 'owner' as const
  return isOverseer(actor) ? ('overseer' as const) : ('registry' as const)
}

/** The revision `actor` may see, or undefined when the object must look absent to them. */
export function visibleRevision(actor: Actor, object: ObjectVisibility): number | undefined {
  switch (audienceOf(actor, object)) {
    case 'owner':
      return object.revision
    case 'overseer':
      return object.submitted_revision ?? undefined
    case 'registry':
      return object.accepted_revision ?? undefined
  }
}

/** Throws NotFoundError when `actor` may not see the object at all. */
export function requireVisible(actor: Actor, object: ObjectVisibility): number {
  const revision = visibleRevision(actor, object)
  if (revision === undefined) throw objectNotFound(object.id)
  return revision
}

export function objectNotFound(id: number): NotFoundError {
  return new NotFoundError(`No informatization object ${id}`, 'portal.error.objectNotFound', {
    id,
  })
}

/** The owner's editors and administrators change an object; anyone else is refused. */
export function requireEditor(actor: Actor, object: ObjectVisibility): void {
  const audience = audienceOf(actor, object)
  if (audience !== 'owner') {
    if (visibleRevision(actor, object) === undefined) throw objectNotFound(object.id)
    throw new ForbiddenError('Only the owner organisation edits an object', 'portal.error.notOwner')
  }
  if (!hasRole(actor, 'editor') && !hasRole(actor, 'admin')) {
    throw new ForbiddenError('Editing needs the editor role', 'portal.error.notEditor')
  }
}

/** The owner and the overseers read documents; the registry does not. */
export function canReadDocuments(actor: Actor, object: ObjectVisibility): boolean {
  return audienceOf(actor, object) !== 'registry'
}

/** Service-integrator reviewers decide submissions and account requests. */
export function requireReviewer(actor: Actor): void {
  if (actor.organisation.kind !== 'service-integrator' || !hasRole(actor, 'reviewer')) {
    throw new ForbiddenError(
      'Only the service integrator’s reviewers decide',
      'portal.error.notReviewer',
    )
  }
}

/** Reviewers, and administrators of the service integrator or the authorised body. */
export function requireAccountManager(actor: Actor): void {
  const reviewer = actor.organisation.kind === 'service-integrator' && hasRole(actor, 'reviewer')
  const admin = isOverseer(actor) && hasRole(actor, 'admin')
  if (!reviewer && !admin) {
    throw new ForbiddenError(
      'Only the service integrator grants accounts',
      'portal.error.notReviewer',
    )
  }
}

/**
 * The review state and terms as `audience` sees them: the registry sees an accepted object as
 * accepted, whatever its owner is doing with it, and no terms that are not theirs to keep.
 */
export function reviewStatusFor(
  audience: Audience,
  row: { review_state: string; review_due_on: string | null; update_due_on: string | null },
): { reviewState: ReviewState; reviewDueOn: string | null; updateDueOn: string | null } {
  if (audience === 'registry') {
    return { reviewState: 'accepted', reviewDueOn: null, updateDueOn: null }
  }
  const reviewState = row.review_state as ReviewState
  return {
    reviewState,
    reviewDueOn: reviewState === 'submitted' ? row.review_due_on : null,
    // The update term of an accepted object runs until the update is submitted (para 9).
    updateDueOn: reviewState === 'changed' || reviewState === 'returned' ? row.update_due_on : null,
  }
}
