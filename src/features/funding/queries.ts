import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm'
import { users } from '../../platform/auth/tables'
import type { Db } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import type { Recipient } from '../../platform/mail/compose'
import type { Who } from '../../platform/policy'
import { organisations, places } from '../directory/public'
import { type FundingWho, mayOnApplication } from './policies'
import type { ApplicantFacts, CostItem, FinancingYear, LineRules, PartnerFacts, QuantityItem } from './rules'
import {
  fundingAmendments,
  fundingApplicants,
  fundingApplicantUsers,
  fundingApplications,
  fundingAttachments,
  fundingBudgets,
  fundingComments,
  fundingCostItems,
  fundingFinancing,
  fundingGrants,
  fundingLines,
  fundingNotices,
  fundingPartnerPlaces,
  fundingProgrammes,
  fundingQuantities,
} from './tables'

export type FundingLine = typeof fundingLines.$inferSelect
export type FundingApplication = typeof fundingApplications.$inferSelect

export function listLines(db: Db) {
  return db.select().from(fundingLines).orderBy(asc(fundingLines.sort), asc(fundingLines.key))
}

export async function lineById(db: Db, id: string): Promise<FundingLine | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(fundingLines).where(eq(fundingLines.id, id))
  return row ?? null
}

export async function programmeOf(db: Db, line: FundingLine) {
  const [row] = await db.select().from(fundingProgrammes).where(eq(fundingProgrammes.id, line.programmeId))
  return row!
}

/** Re-exported for the funding routes; the helper lives in the platform. */
export { isUuid }

/** Budget, committed and remaining per line and year, with application counts by state. */
export async function budgetOverview(db: Db) {
  const budgets = await db
    .select({
      lineId: fundingBudgets.lineId,
      year: fundingBudgets.year,
      budgetCents: fundingBudgets.budgetCents,
      committedCents: fundingBudgets.committedCents,
    })
    .from(fundingBudgets)
    .orderBy(asc(fundingBudgets.year))
  // An application counts in every budget year its project period touches (a 2027 project in 2027
  // only, a 2027–2028 project in both); one without a period yet concerns no budget year.
  const year = sql<number>`y.year`
  const counts = await db
    .select({ lineId: fundingApplications.lineId, year, status: fundingApplications.status, n: count() })
    .from(fundingApplications)
    .innerJoin(
      sql`lateral generate_series(extract(year from ${fundingApplications.periodStart})::int, extract(year from ${fundingApplications.periodEnd})::int) as y(year)`,
      sql`true`,
    )
    .where(and(isNotNull(fundingApplications.periodStart), isNotNull(fundingApplications.periodEnd)))
    .groupBy(fundingApplications.lineId, year, fundingApplications.status)
  return {
    budgets: budgets.map((b) => ({
      ...b,
      budgetCents: Number(b.budgetCents),
      committedCents: Number(b.committedCents),
    })),
    counts: counts.map((c) => ({ ...c, year: Number(c.year), n: Number(c.n) })),
  }
}

/** The organisation a platform user acts for, or null when the user is no applicant. */
export async function applicantOrgOf(db: Db, userId: string) {
  const [row] = await db
    .select({
      organisationId: fundingApplicantUsers.organisationId,
      emailConfirmedAt: fundingApplicantUsers.emailConfirmedAt,
    })
    .from(fundingApplicantUsers)
    .where(eq(fundingApplicantUsers.userId, userId))
  return row ?? null
}

/** The actor as the funding policies see it: the organisation their account applies for, if any. */
export async function fundingWhoOf(db: Db, who: Who): Promise<FundingWho> {
  const org = who.id ? await applicantOrgOf(db, who.id) : null
  return { id: who.id, can: (p) => who.can(p), organisationId: org?.organisationId ?? null }
}

/**
 * A notice (PDF) of an application for download. Ownership is checked first, on the application's
 * organisation alone: nothing else of an application the actor may not read is loaded.
 */
export async function grantNoticeFor(db: Db, who: FundingWho, applicationId: string, version: number) {
  if (!isUuid(applicationId)) return null
  const [app] = await db
    .select({
      organisationId: fundingApplications.organisationId,
      fileNumber: fundingApplications.fileNumber,
    })
    .from(fundingApplications)
    .where(eq(fundingApplications.id, applicationId))
  if (!app || !mayOnApplication(who, 'read', app)) return null
  const [notice] = await db
    .select({ pdf: fundingNotices.pdf, kind: fundingNotices.kind })
    .from(fundingNotices)
    .where(and(eq(fundingNotices.applicationId, applicationId), eq(fundingNotices.version, version)))
  return notice ? { ...notice, fileNumber: app.fileNumber } : null
}

export async function applicantFacts(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      nonProfit: organisations.nonProfit,
      registerNumber: organisations.registerNumber,
      officialKey: places.officialKey,
      population: places.population,
      street: organisations.street,
      postcode: organisations.postcode,
      city: organisations.city,
      iban: fundingApplicants.iban,
    })
    .from(organisations)
    .leftJoin(places, eq(places.id, organisations.placeId))
    .leftJoin(fundingApplicants, eq(fundingApplicants.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId))
  if (!row) return null
  const facts: ApplicantFacts = {
    kind: row.kind,
    nonProfit: row.nonProfit,
    registerNumber: row.registerNumber,
    officialKey: row.officialKey ?? null,
    population: row.population ?? null,
  }
  return { ...row, facts }
}

export async function applicationsOfOrg(db: Db, organisationId: string) {
  return db
    .select({ app: fundingApplications, lineName: fundingLines.nameDe, lineNameEn: fundingLines.nameEn })
    .from(fundingApplications)
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .where(eq(fundingApplications.organisationId, organisationId))
    .orderBy(desc(fundingApplications.createdAt))
}

export async function costsOf(db: Db, applicationId: string): Promise<CostItem[]> {
  const rows = await db
    .select()
    .from(fundingCostItems)
    .where(eq(fundingCostItems.applicationId, applicationId))
    .orderBy(asc(fundingCostItems.year), asc(fundingCostItems.category))
  return rows.map((r) => ({ year: r.year, category: r.category, cents: Number(r.amountCents) }))
}

export async function financingOf(db: Db, applicationId: string): Promise<FinancingYear[]> {
  const rows = await db
    .select()
    .from(fundingFinancing)
    .where(eq(fundingFinancing.applicationId, applicationId))
    .orderBy(asc(fundingFinancing.year))
  return rows.map((r) => ({
    year: r.year,
    ownCents: Number(r.ownCents),
    thirdPartyCents: Number(r.thirdPartyCents),
    requestedCents: Number(r.requestedCents),
  }))
}

export async function quantitiesOf(db: Db, applicationId: string): Promise<QuantityItem[]> {
  const rows = await db
    .select()
    .from(fundingQuantities)
    .where(eq(fundingQuantities.applicationId, applicationId))
    .orderBy(asc(fundingQuantities.year), asc(fundingQuantities.key))
  return rows.map((r) => ({ year: r.year, key: r.key, value: r.value }))
}

/** The partners an application names, with what the rule engine needs to know about them. */
export async function partnersOf(
  db: Db,
  app: Pick<FundingApplication, 'id' | 'jointApplication' | 'partnerOrganisationId'>,
) {
  const municipalities = await db
    .select({
      id: places.id,
      name: places.name,
      officialKey: places.officialKey,
      population: places.population,
    })
    .from(fundingPartnerPlaces)
    .innerJoin(places, eq(places.id, fundingPartnerPlaces.placeId))
    .where(eq(fundingPartnerPlaces.applicationId, app.id))
    .orderBy(asc(places.name))
  const organisation = app.partnerOrganisationId ? await applicantFacts(db, app.partnerOrganisationId) : null
  const facts: PartnerFacts = {
    joint: app.jointApplication,
    municipalities,
    organisation: organisation?.facts ?? null,
  }
  return {
    municipalities,
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    facts,
  }
}

/** The line's possible partner organisations (kind, non-profit, registered as its rules require). */
export async function partnerOrganisationOptions(
  db: Db,
  rules: LineRules,
  applicantId: string,
): Promise<{ id: string; name: string }[]> {
  const p = rules.partnerRequired
  if (!p) return []
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(
        inArray(organisations.kind, [...p.partnerKinds]),
        p.nonProfit ? eq(organisations.nonProfit, true) : undefined,
        p.registered ? isNotNull(organisations.registerNumber) : undefined,
        ne(organisations.id, applicantId),
      ),
    )
    .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
    .limit(1000)
}

/**
 * Municipalities valid on a day, by official key (8 digits) or by name (case-insensitive), for the
 * partners of a joint application. Answers all matches per entry, so callers can tell "unknown"
 * from "ambiguous".
 */
export async function municipalitiesMatching(db: Db, entries: readonly string[], day: string) {
  const keys = entries.filter((e) => /^\d{8}$/.test(e))
  const names = entries.filter((e) => !/^\d{8}$/.test(e)).map((e) => e.toLowerCase())
  if (!keys.length && !names.length) return []
  return db
    .select({
      id: places.id,
      name: places.name,
      officialKey: places.officialKey,
      population: places.population,
    })
    .from(places)
    .where(
      and(
        eq(places.kind, 'municipality'),
        or(isNull(places.validFrom), lte(places.validFrom, day)),
        or(isNull(places.validUntil), gte(places.validUntil, day)),
        or(
          keys.length ? inArray(places.officialKey, keys) : undefined,
          names.length ? inArray(sql`lower(${places.name})`, names) : undefined,
        ),
      ),
    )
}

/** An application with everything its pages show. */
export async function applicationBundle(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [app] = await db.select().from(fundingApplications).where(eq(fundingApplications.id, id))
  if (!app) return null
  const line = (await lineById(db, app.lineId))!
  const org = (await applicantFacts(db, app.organisationId))!
  const [costs, quantities, partners, financing, grants, notices, comments, attachments] = await Promise.all([
    costsOf(db, id),
    quantitiesOf(db, id),
    partnersOf(db, app),
    financingOf(db, id),
    db
      .select()
      .from(fundingGrants)
      .where(eq(fundingGrants.applicationId, id))
      .orderBy(asc(fundingGrants.year)),
    db
      .select({
        id: fundingNotices.id,
        version: fundingNotices.version,
        kind: fundingNotices.kind,
        createdAt: fundingNotices.createdAt,
      })
      .from(fundingNotices)
      .where(eq(fundingNotices.applicationId, id))
      .orderBy(asc(fundingNotices.version)),
    db
      .select()
      .from(fundingComments)
      .where(eq(fundingComments.applicationId, id))
      .orderBy(asc(fundingComments.createdAt), asc(fundingComments.id)),
    db.select().from(fundingAttachments).where(eq(fundingAttachments.applicationId, id)),
  ])
  return {
    app,
    line,
    org,
    costs,
    quantities,
    partners,
    financing,
    grants: grants.map((g) => ({ year: g.year, cents: Number(g.amountCents) })),
    notices,
    comments,
    attachments,
  }
}
export type ApplicationBundle = NonNullable<Awaited<ReturnType<typeof applicationBundle>>>

export async function noticePdf(db: Db, applicationId: string, version: number) {
  const [row] = await db
    .select({ pdf: fundingNotices.pdf })
    .from(fundingNotices)
    .where(and(eq(fundingNotices.applicationId, applicationId), eq(fundingNotices.version, version)))
  return row?.pdf ?? null
}

export interface ApplicationFilter {
  lineId?: string | undefined
  status?: string | undefined
}

function applicationFilter(filter: ApplicationFilter) {
  return and(
    filter.lineId && isUuid(filter.lineId) ? eq(fundingApplications.lineId, filter.lineId) : undefined,
    filter.status ? eq(fundingApplications.status, filter.status as FundingApplication['status']) : undefined,
    sql`${fundingApplications.status} <> 'draft'`,
  )
}

/** How many applications the staff list shows for a filter (for its page links). */
export async function countApplications(db: Db, filter: ApplicationFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(fundingApplications).where(applicationFilter(filter))
  return Number(row?.n ?? 0)
}

/** Staff list of applications, optionally by line and state. */
export async function listApplications(
  db: Db,
  filter: ApplicationFilter & { limit: number; offset: number },
) {
  const where = applicationFilter(filter)
  return db
    .select({
      id: fundingApplications.id,
      fileNumber: fundingApplications.fileNumber,
      title: fundingApplications.title,
      status: fundingApplications.status,
      submittedAt: fundingApplications.submittedAt,
      lineKey: fundingLines.key,
      lineName: fundingLines.nameDe,
      organisation: organisations.name,
      requestedCents: sql<string>`(select coalesce(sum(${fundingFinancing.requestedCents}), 0) from ${fundingFinancing} where ${fundingFinancing.applicationId} = ${fundingApplications.id})`,
      grantedCents: sql<string>`(select coalesce(sum(${fundingGrants.amountCents}), 0) from ${fundingGrants} where ${fundingGrants.applicationId} = ${fundingApplications.id})`,
    })
    .from(fundingApplications)
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .where(where)
    .orderBy(desc(fundingApplications.submittedAt), asc(fundingApplications.id))
    .limit(filter.limit)
    .offset(filter.offset)
}

/** The users of an applicant organisation as mail recipients, each with their language. */
export async function applicantRecipients(db: Db, organisationId: string): Promise<Recipient[]> {
  return db
    .select({ email: users.email, locale: users.locale })
    .from(fundingApplicantUsers)
    .innerJoin(users, eq(users.id, fundingApplicantUsers.userId))
    .where(eq(fundingApplicantUsers.organisationId, organisationId))
}

/** The users of an applicant organisation, for the members list. */
export async function membersOf(db: Db, organisationId: string) {
  const rows = await db
    .select({
      email: users.email,
      displayName: users.displayName,
      confirmedAt: fundingApplicantUsers.emailConfirmedAt,
    })
    .from(fundingApplicantUsers)
    .innerJoin(users, eq(users.id, fundingApplicantUsers.userId))
    .where(eq(fundingApplicantUsers.organisationId, organisationId))
    .orderBy(asc(users.email))
  return rows.map((r) => ({ email: r.email, displayName: r.displayName, confirmed: r.confirmedAt !== null }))
}

/** The e-mail address of a staff account (who proposed a decision), or null. */
export async function userEmail(db: Db, userId: string): Promise<string | null> {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId))
  return u?.email ?? null
}

/** Amendments proposed and waiting for a second person's decision (for the staff desk). */
export async function countOpenAmendments(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(fundingAmendments)
    .where(eq(fundingAmendments.status, 'proposed'))
  return Number(row?.n ?? 0)
}
