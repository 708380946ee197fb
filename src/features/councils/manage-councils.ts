import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { people } from '../directory/tables'
import { rangesOverlap } from './rules'
import { type CouncilKind, councilMemberships, councils, councilTerms, type MemberRole } from './tables'

/** A use case's refusal: a message key, optionally tied to a form field. */
export interface Refusal {
  readonly ok: false
  readonly error: string
  readonly field?: string
}
export type Outcome<T = string> = { readonly ok: true; readonly id: T } | Refusal

export function refuse(error: string, field?: string): Refusal {
  return field ? { ok: false, error, field } : { ok: false, error }
}

export interface NewCouncil {
  kind: CouncilKind
  name: string
  shortName?: string | null
  placeId?: string | null
  parentId?: string | null
  agahMember?: boolean
  delegatesPerCouncil?: number
  quorumPercent?: number
  email?: string | null
  website?: string | null
}

export async function createCouncil(db: Db, actor: Actor, input: NewCouncil): Promise<string> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.insert(councils).values(input).returning({ id: councils.id })
    await writeAudit(tx, actor, {
      action: 'council.create',
      entityType: 'council',
      entityId: row!.id,
      summary: { name: input.name, kind: input.kind },
    })
    return row!.id
  })
}

/** Changes the agah settings (delegates per member council, quorum); only for the agah body. */
export async function updateCouncilSettings(
  db: Db,
  actor: Actor,
  councilId: string,
  settings: { delegatesPerCouncil: number; quorumPercent: number },
): Promise<Outcome> {
  if (settings.quorumPercent < 0 || settings.quorumPercent > 100)
    return refuse('councils.error.quorumPercent', 'quorumPercent')
  if (settings.delegatesPerCouncil < 1 || settings.delegatesPerCouncil > 50)
    return refuse('councils.error.delegatesPerCouncil', 'delegatesPerCouncil')
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(councils)
      .set({ ...settings, updatedAt: new Date() })
      .where(and(eq(councils.id, councilId), isNull(councils.deletedAt)))
      .returning({ id: councils.id })
    if (!row) return refuse('councils.error.notFound')
    await writeAudit(tx, actor, {
      action: 'council.settings',
      entityType: 'council',
      entityId: councilId,
      summary: settings,
    })
    return { ok: true, id: councilId }
  })
}

/** Adds a term (Wahlperiode); terms of one council must not overlap. */
export async function addTerm(
  db: Db,
  actor: Actor,
  input: { councilId: string; startsOn: string; endsOn: string; seats: number; electionOn?: string | null },
): Promise<Outcome> {
  if (input.endsOn < input.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
  if (input.seats < 1 || input.seats > 200) return refuse('councils.error.seats', 'seats')
  return inTransaction(db, async (tx) => {
    const existing = await tx
      .select()
      .from(councilTerms)
      .where(and(eq(councilTerms.councilId, input.councilId), isNull(councilTerms.deletedAt)))
    if (existing.some((t) => rangesOverlap(t, input))) return refuse('councils.error.termOverlap', 'startsOn')
    const [row] = await tx.insert(councilTerms).values(input).returning({ id: councilTerms.id })
    await writeAudit(tx, actor, {
      action: 'council.term.add',
      entityType: 'council',
      entityId: input.councilId,
      summary: { startsOn: input.startsOn, endsOn: input.endsOn, seats: input.seats },
    })
    return { ok: true, id: row!.id }
  })
}

export interface NewMembership {
  councilId: string
  personId: string
  role: MemberRole
  startsOn: string
  endsOn?: string | null
  delegatedById?: string | null
}

/**
 * Adds a membership. Refused when the person already holds an overlapping membership of the body,
 * when another person holds the chair at the same time, or when a member council would send more
 * delegates than the setting allows.
 */
export async function addMembership(db: Db, actor: Actor, input: NewMembership): Promise<Outcome> {
  const range = { startsOn: input.startsOn, endsOn: input.endsOn ?? null }
  if (range.endsOn && range.endsOn < range.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
  return inTransaction(db, async (tx) => {
    const [council] = await tx.select().from(councils).where(eq(councils.id, input.councilId))
    if (!council || council.deletedAt) return refuse('councils.error.notFound')
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId))
    if (!person) return refuse('councils.error.personNotFound', 'personId')
    const current = await tx
      .select()
      .from(councilMemberships)
      .where(and(eq(councilMemberships.councilId, input.councilId), isNull(councilMemberships.deletedAt)))
    if (current.some((m) => m.personId === input.personId && rangesOverlap(m, range)))
      return refuse('councils.error.membershipOverlap', 'startsOn')
    if (input.role === 'chair' && current.some((m) => m.role === 'chair' && rangesOverlap(m, range)))
      return refuse('councils.error.chairTaken', 'role')
    if (input.role === 'delegate') {
      if (!input.delegatedById) return refuse('councils.error.delegateNeedsCouncil', 'delegatedById')
      const sent = current.filter(
        (m) => m.role === 'delegate' && m.delegatedById === input.delegatedById && rangesOverlap(m, range),
      )
      if (sent.length >= council.delegatesPerCouncil)
        return refuse('councils.error.tooManyDelegates', 'delegatedById')
    }
    const [row] = await tx
      .insert(councilMemberships)
      .values({ ...input, endsOn: range.endsOn })
      .returning({ id: councilMemberships.id })
    await writeAudit(tx, actor, {
      action: 'council.membership.add',
      entityType: 'council',
      entityId: input.councilId,
      summary: { personId: input.personId, role: input.role, startsOn: input.startsOn },
    })
    return { ok: true, id: row!.id }
  })
}

/** Ends a membership on a day (it stays in the history). */
export async function endMembership(
  db: Db,
  actor: Actor,
  membershipId: string,
  endsOn: string,
): Promise<Outcome> {
  return inTransaction(db, async (tx) => {
    const [m] = await tx.select().from(councilMemberships).where(eq(councilMemberships.id, membershipId))
    if (!m || m.deletedAt) return refuse('councils.error.notFound')
    if (endsOn < m.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
    await tx
      .update(councilMemberships)
      .set({ endsOn, updatedAt: new Date() })
      .where(eq(councilMemberships.id, membershipId))
    await writeAudit(tx, actor, {
      action: 'council.membership.end',
      entityType: 'council',
      entityId: m.councilId,
      summary: { membershipId, endsOn },
    })
    return { ok: true, id: membershipId }
  })
}
