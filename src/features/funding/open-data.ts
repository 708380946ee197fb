import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { AppDeps } from '../../platform/feature'
import { type DatasetRows, defineDataset } from '../../platform/open-data'
import { isoDay, organisations, places } from '../directory/public'
import { fundingApplications, fundingGrants, fundingLines } from './tables'

/**
 * Funded projects as open data (the transparency list of grants): every approved or partly approved
 * application with its organisation, funding line, period and the amount granted (cents, after
 * amendments: the grants as they stand). Nothing of the review, the bank details or the costs.
 */
export const fundedProjectsDataset = defineDataset({
  id: 'gefoerderte-projekte',
  titleKey: 'funding.openData.title',
  descriptionKey: 'funding.openData.description',
  keywords: ['Förderung', 'WIR-Programm', 'Zuwendung', 'Integration', 'Transparenz'],
  themes: ['GOVE', 'SOCI'],
  frequency: 'WEEKLY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'file_number', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'organisation', type: 'string' },
    { name: 'municipality_key', type: 'string' },
    { name: 'district_key', type: 'string' },
    { name: 'funding_line', type: 'string' },
    { name: 'funding_line_name', type: 'string' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'granted_cents', type: 'integer' },
    { name: 'decided_on', type: 'date' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const granted = deps.db
      .select({
        applicationId: fundingGrants.applicationId,
        cents: sql<string>`sum(${fundingGrants.amountCents})`.as('cents'),
      })
      .from(fundingGrants)
      .groupBy(fundingGrants.applicationId)
      .as('granted')
    const rows = await deps.db
      .select({
        application: fundingApplications,
        organisation: organisations.name,
        key: places.officialKey,
        line: fundingLines.key,
        lineName: fundingLines.nameDe,
        cents: granted.cents,
      })
      .from(fundingApplications)
      .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
      .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
      .leftJoin(places, eq(places.id, organisations.placeId))
      .leftJoin(granted, eq(granted.applicationId, fundingApplications.id))
      .where(inArray(fundingApplications.status, ['approved', 'partially_approved']))
      .orderBy(asc(fundingApplications.fileNumber), asc(fundingApplications.id))
    const starts = rows.flatMap((r) => (r.application.periodStart ? [r.application.periodStart] : [])).sort()
    const ends = rows.flatMap((r) => (r.application.periodEnd ? [r.application.periodEnd] : [])).sort()
    return {
      rows: rows.map(({ application: a, organisation, key, line, lineName, cents }) => ({
        file_number: a.fileNumber,
        title: a.title,
        organisation,
        municipality_key: key,
        district_key: key && key.length >= 5 ? key.slice(0, 5) : null,
        funding_line: line,
        funding_line_name: lineName,
        period_start: a.periodStart,
        period_end: a.periodEnd,
        granted_cents: cents === null ? 0 : Number(cents),
        decided_on: a.decidedAt ? isoDay(a.decidedAt) : null,
      })),
      modified: rows.reduce<Date | null>(
        (m, r) => (!m || r.application.updatedAt > m ? r.application.updatedAt : m),
        null,
      ),
      temporal: starts[0] && ends.at(-1) ? { start: starts[0], end: ends.at(-1) as string } : null,
      districts: [
        ...new Set(rows.flatMap((r) => (r.key && r.key.length >= 5 ? [r.key.slice(0, 5)] : []))),
      ].sort(),
    }
  },
})
