import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, type Refusal, refuse } from '../../../platform/outcome'
import { organisations, people } from '../../directory/public'
import { laterDay, maxConcurrent, rangesOverlap } from '../rules'
import { type CouncilKind, councilMemberships, councils, councilTerms, type MemberRole } from '../tables'
import { createCouncilOrganisation, MUNICIPAL_KINDS } from './council-organisations'

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
    // A municipal council is an organisation of the directory too (the offers finder links to it).
    const organisationId = MUNICIPAL_KINDS.includes(input.kind)
      ? await createCouncilOrganisation(tx, actor, { name: input.name, placeId: input.placeId ?? null })
      : null
    const [row] = await tx
      .insert(councils)
      .values({ ...input, organisationId })
      .returning({ id: councils.id })
    await writeAudit(tx, actor, {
      action: 'council.create',
      entityType: 'council',
      entityId: row!.id,
      summary: { name: input.name, kind: input.kind, organisationId },
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
): Promise<Outcome<string>> {
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
    return ok(councilId)
  })
}

type Range = { startsOn: string; endsOn: string | null }

/** Refuses a term whose dates are wrong, that overlaps another term or has fewer seats than members. */
async function checkTerm(
  tx: Db,
  councilId: string,
  term: { startsOn: string; endsOn: string; seats: number },
  exceptId: string | null,
): Promise<Refusal | null> {
  const existing = await tx
    .select()
    .from(councilTerms)
    .where(and(eq(councilTerms.councilId, councilId), isNull(councilTerms.deletedAt)))
  if (existing.some((t) => t.id !== exceptId && rangesOverlap(t, term)))
    return refuse('councils.error.termOverlap', 'startsOn')
  const members = await tx
    .select()
    .from(councilMemberships)
    .where(and(eq(councilMemberships.councilId, councilId), isNull(councilMemberships.deletedAt)))
  if (maxConcurrent(members, term) > term.seats) return refuse('councils.error.seatsBelowMembers', 'seats')
  return null
}

export interface TermInput {
  startsOn: string
  endsOn: string
  seats: number
  electionOn?: string | null
}

function termInputRefusal(input: TermInput): Refusal | null {
  if (input.endsOn < input.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 200)
    return refuse('councils.error.seats', 'seats')
  return null
}

/**
 * Adds a term (Wahlperiode); terms of one council must not overlap, and a term has at least as many
 * seats as the body has members at one time within it.
 */
export async function addTerm(
  db: Db,
  actor: Actor,
  input: TermInput & { councilId: string },
): Promise<Outcome<string>> {
  const bad = termInputRefusal(input)
  if (bad) return bad
  return inTransaction(db, async (tx) => {
    const [council] = await tx
      .select({ id: councils.id })
      .from(councils)
      .where(and(eq(councils.id, input.councilId), isNull(councils.deletedAt)))
    if (!council) return refuse('councils.error.notFound')
    const refused = await checkTerm(tx, input.councilId, input, null)
    if (refused) return refused
    const [row] = await tx.insert(councilTerms).values(input).returning({ id: councilTerms.id })
    await writeAudit(tx, actor, {
      action: 'council.term.add',
      entityType: 'council',
      entityId: input.councilId,
      summary: { termId: row!.id, startsOn: input.startsOn, endsOn: input.endsOn, seats: input.seats },
    })
    return ok(row!.id)
  })
}

/** Changes a term's dates and seats under the same rules as adding one. */
export async function updateTerm(
  db: Db,
  actor: Actor,
  termId: string,
  input: TermInput,
): Promise<Outcome<string>> {
  const bad = termInputRefusal(input)
  if (bad) return bad
  return inTransaction(db, async (tx) => {
    const [term] = await tx
      .select()
      .from(councilTerms)
      .where(and(eq(councilTerms.id, termId), isNull(councilTerms.deletedAt)))
    if (!term) return refuse('councils.error.notFound')
    const refused = await checkTerm(tx, term.councilId, input, term.id)
    if (refused) return refused
    const values = { ...input, electionOn: input.electionOn ?? null }
    await tx
      .update(councilTerms)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(councilTerms.id, termId))
    await writeAudit(tx, actor, {
      action: 'council.term.update',
      entityType: 'council',
      entityId: term.councilId,
      summary: {
        termId,
        before: { startsOn: term.startsOn, endsOn: term.endsOn, seats: term.seats },
        after: { startsOn: input.startsOn, endsOn: input.endsOn, seats: input.seats },
      },
    })
    return ok(termId)
  })
}

export interface NewMembership {
  councilId: string
  personId: string
  role: MemberRole
  startsOn: string
  endsOn?: string | null
  delegatedById?: string | null
  /** The directory organisation the person represents (integration conference members). */
  organisationId?: string | null
}

/**
 * The rules every membership obeys, checked against the body's other memberships (`exceptId` is the
 * one being changed): one membership of a person at a time, one chair at a time, no more delegates
 * of a member council at a time than the agah setting allows, and no more members at a time than
 * the seats of the term(s) the membership falls into.
 */
async function checkMembership(
  tx: Db,
  council: typeof councils.$inferSelect,
  input: NewMembership,
  range: Range,
  exceptId: string | null,
): Promise<Refusal | null> {
  const others = (
    await tx
      .select()
      .from(councilMemberships)
      .where(and(eq(councilMemberships.councilId, council.id), isNull(councilMemberships.deletedAt)))
  ).filter((m) => m.id !== exceptId)
  if (others.some((m) => m.personId === input.personId && rangesOverlap(m, range)))
    return refuse('councils.error.membershipOverlap', 'startsOn')
  if (input.role === 'chair' && others.some((m) => m.role === 'chair' && rangesOverlap(m, range)))
    return refuse('councils.error.chairTaken', 'role')
  if (input.role === 'delegate' && council.kind === 'integrationskonferenz') {
    // The agah's seat in the conference (one of its seats in state bodies): sent by the agah.
    if (!input.delegatedById) return refuse('councils.error.delegateNeedsCouncil', 'delegatedById')
    const [sender] = await tx
      .select({ kind: councils.kind })
      .from(councils)
      .where(and(eq(councils.id, input.delegatedById), isNull(councils.deletedAt)))
    if (sender?.kind !== 'agah') return refuse('councils.error.notFound', 'delegatedById')
  } else if (input.role === 'delegate') {
    if (council.kind !== 'agah') return refuse('councils.error.delegateOnlyPlenary', 'role')
    if (!input.delegatedById) return refuse('councils.error.delegateNeedsCouncil', 'delegatedById')
    const [sender] = await tx
      .select({ id: councils.id, agahMember: councils.agahMember })
      .from(councils)
      .where(and(eq(councils.id, input.delegatedById), isNull(councils.deletedAt)))
    if (!sender) return refuse('councils.error.notFound', 'delegatedById')
    if (!sender.agahMember) return refuse('councils.error.notAgahMember', 'delegatedById')
    const sent = others.filter((m) => m.role === 'delegate' && m.delegatedById === input.delegatedById)
    if (maxConcurrent([...sent, range], range) > council.delegatesPerCouncil)
      return refuse('councils.error.tooManyDelegates', 'delegatedById')
  }
  const terms = await tx
    .select()
    .from(councilTerms)
    .where(and(eq(councilTerms.councilId, council.id), isNull(councilTerms.deletedAt)))
  for (const term of terms) {
    if (!rangesOverlap(term, range)) continue
    const inTerm = {
      startsOn: laterDay(range.startsOn, term.startsOn),
      endsOn: range.endsOn === null || range.endsOn > term.endsOn ? term.endsOn : range.endsOn,
    }
    if (maxConcurrent([...others, range], inTerm) > term.seats)
      return refuse('councils.error.seatsFull', 'startsOn')
  }
  return null
}

/**
 * Adds a membership under the rules of `checkMembership`; refused with a message key otherwise.
 */
export async function addMembership(db: Db, actor: Actor, input: NewMembership): Promise<Outcome<string>> {
  const range = { startsOn: input.startsOn, endsOn: input.endsOn ?? null }
  if (range.endsOn && range.endsOn < range.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
  return inTransaction(db, async (tx) => {
    const [council] = await tx.select().from(councils).where(eq(councils.id, input.councilId))
    if (!council || council.deletedAt) return refuse('councils.error.notFound')
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId))
    if (!person) return refuse('councils.error.personNotFound', 'personId')
    const refused = await checkMembership(tx, council, input, range, null)
    if (refused) return refused
    // Only members of the integration conference represent an organisation (decision 0005).
    const organisationId = council.kind === 'integrationskonferenz' ? (input.organisationId ?? null) : null
    if (organisationId) {
      const [org] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, organisationId))
      if (!org) return refuse('councils.error.notFound', 'organisationId')
    }
    const [row] = await tx
      .insert(councilMemberships)
      .values({
        ...input,
        delegatedById: input.role === 'delegate' ? input.delegatedById : null,
        organisationId,
        endsOn: range.endsOn,
      })
      .returning({ id: councilMemberships.id })
    await writeAudit(tx, actor, {
      action: 'council.membership.add',
      entityType: 'council',
      entityId: input.councilId,
      summary: {
        membershipId: row!.id,
        personId: input.personId,
        role: input.role,
        startsOn: input.startsOn,
        organisationId,
      },
    })
    return ok(row!.id)
  })
}

export interface MembershipChange {
  role: MemberRole
  startsOn: string
  endsOn?: string | null
  delegatedById?: string | null
}

/** Changes a membership's role, dates or sending council under the same rules as adding one. */
export async function updateMembership(
  db: Db,
  actor: Actor,
  membershipId: string,
  change: MembershipChange,
): Promise<Outcome<string>> {
  const range = { startsOn: change.startsOn, endsOn: change.endsOn ?? null }
  if (range.endsOn && range.endsOn < range.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
  return inTransaction(db, async (tx) => {
    const [m] = await tx
      .select()
      .from(councilMemberships)
      .where(and(eq(councilMemberships.id, membershipId), isNull(councilMemberships.deletedAt)))
    if (!m) return refuse('councils.error.notFound')
    const [council] = await tx.select().from(councils).where(eq(councils.id, m.councilId))
    if (!council || council.deletedAt) return refuse('councils.error.notFound')
    const delegatedById = change.role === 'delegate' ? (change.delegatedById ?? null) : null
    const input = { ...change, councilId: m.councilId, personId: m.personId, delegatedById }
    const refused = await checkMembership(tx, council, input, range, m.id)
    if (refused) return refused
    await tx
      .update(councilMemberships)
      .set({
        role: change.role,
        startsOn: range.startsOn,
        endsOn: range.endsOn,
        delegatedById,
        updatedAt: new Date(),
      })
      .where(eq(councilMemberships.id, membershipId))
    await writeAudit(tx, actor, {
      action: 'council.membership.update',
      entityType: 'council',
      entityId: m.councilId,
      summary: {
        membershipId,
        before: { role: m.role, startsOn: m.startsOn, endsOn: m.endsOn, delegatedById: m.delegatedById },
        after: { role: change.role, startsOn: range.startsOn, endsOn: range.endsOn, delegatedById },
      },
    })
    return ok(membershipId)
  })
}

/**
 * Removes an erroneous membership (it never existed). It is marked deleted, so the OParl API reports
 * it as deleted; ending a real membership is `endMembership`.
 */
export async function removeMembership(db: Db, actor: Actor, membershipId: string): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [m] = await tx
      .select()
      .from(councilMemberships)
      .where(and(eq(councilMemberships.id, membershipId), isNull(councilMemberships.deletedAt)))
    if (!m) return refuse('councils.error.notFound')
    const now = new Date()
    await tx
      .update(councilMemberships)
      .set({ deletedAt: now, updatedAt: now })
      .where(eq(councilMemberships.id, membershipId))
    await writeAudit(tx, actor, {
      action: 'council.membership.remove',
      entityType: 'council',
      entityId: m.councilId,
      summary: { membershipId, personId: m.personId, role: m.role, startsOn: m.startsOn },
    })
    return ok(membershipId)
  })
}

/** Ends a membership on a day (it stays in the history). */
export async function endMembership(
  db: Db,
  actor: Actor,
  membershipId: string,
  endsOn: string,
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [m] = await tx.select().from(councilMemberships).where(eq(councilMemberships.id, membershipId))
    if (!m || m.deletedAt) return refuse('councils.error.notFound')
    if (endsOn < m.startsOn) return refuse('councils.error.endBeforeStart', 'endsOn')
    if (m.endsOn !== null && endsOn > m.endsOn) return refuse('councils.error.endAfterEnd', 'endsOn')
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
    return ok(membershipId)
  })
}
