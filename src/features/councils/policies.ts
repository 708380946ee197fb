import type { Who } from '../../platform/policy'

/**
 * Record-level rules of the councils feature: may this actor do this to this body, meeting item or
 * file? Routes (staff-guard.ts), the file download rules and use cases ask here
 * (docs/architecture.md, "Record-level rules").
 *
 * - The agah office (councils.manage) manages every body; a council secretary (councils.manageOwn)
 *   only the one council linked to their account (council_staff).
 * - Non-public agenda items (and the papers on them) are read by those who hold
 *   meetings.readNonPublic and belong to the body: the agah office, the body's secretary, or a
 *   delegate who is a member of the body on the meeting day.
 * - Files follow their paper or minutes: public ones for anyone, non-public papers as their items,
 *   removed files and unpublished minutes only for the staff managing the body.
 */

/** The actor as the councils rules see it: the council_staff link of the account, if any. */
export interface CouncilsWho extends Who {
  /** The council a secretary's account is linked to. */
  readonly staffCouncilId: string | null
}

/** Whether the actor manages (edits, schedules, records) this body. */
export function managesCouncil(who: CouncilsWho, councilId: string): boolean {
  if (who.id === null) return false
  if (who.can('councils.manage')) return true
  return who.can('councils.manageOwn') && who.staffCouncilId === councilId
}

/**
 * Whether the actor reads the non-public items of a meeting of this body. `memberOnDay`: the
 * account's person is a member of the body on the meeting day (loaded by the caller only when needed).
 */
export function readsNonPublic(who: CouncilsWho, councilId: string, memberOnDay: boolean): boolean {
  if (who.id === null || !who.can('meetings.readNonPublic')) return false
  if (who.can('councils.manage')) return true
  if (who.can('councils.manageOwn') && who.staffCouncilId === councilId) return true
  return memberOnDay
}

/** What decides over a paper's file. */
export interface PaperFileFacts {
  readonly councilId: string
  /** The file, its paper or its body was removed. */
  readonly removed: boolean
  /** The paper is public (not only on non-public agenda items). */
  readonly paperPublic: boolean
  /** The actor's person is a member of the body on the paper's date. */
  readonly memberOnDay: boolean
}

export function downloadsPaperFile(who: CouncilsWho, file: PaperFileFacts): boolean {
  if (managesCouncil(who, file.councilId)) return true
  if (file.removed) return false
  return file.paperPublic || readsNonPublic(who, file.councilId, file.memberOnDay)
}

/** What decides over a file of minutes. */
export interface MinutesFileFacts {
  readonly councilId: string
  readonly removed: boolean
  readonly published: boolean
}

export function downloadsMinutesFile(who: CouncilsWho, file: MinutesFileFacts): boolean {
  if (managesCouncil(who, file.councilId)) return true
  return !file.removed && file.published
}
