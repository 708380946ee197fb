import type { Who } from '../../platform/policy'
import type { ReleaseStatus } from './tables'

/**
 * Record-level rules of the press feature: may this actor do this to this release? Routes, the file
 * download rule and use cases ask here, nowhere else (docs/architecture.md, "Record-level rules").
 *
 * - A published release (and its attachments) is public; a draft, scheduled or archived one is seen
 *   only by the press office (press.edit) — for everyone else it does not exist.
 * - Content (text, attachments, revisions) is changed with press.edit; publishing, scheduling,
 *   withdrawing and archiving need press.publish.
 */
export type ReleaseAction = 'read' | 'edit' | 'changeStatus'

export function mayOnRelease(
  who: Who,
  action: ReleaseAction,
  release: { readonly status: ReleaseStatus },
): boolean {
  const staff = who.id !== null && who.can('press.edit')
  switch (action) {
    case 'read':
      return release.status === 'published' || staff
    case 'edit':
      return staff
    case 'changeStatus':
      return who.id !== null && who.can('press.publish')
  }
}

/** Whether the actor sees releases that are not published (drafts and previews). */
export function seesUnpublished(who: Who): boolean {
  return mayOnRelease(who, 'read', { status: 'draft' })
}
