import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { isUuid } from '../../../platform/ids'
import { type Outcome, Refused, refusable, refuse, refuseAll } from '../../../platform/outcome'
import { places } from '../../directory/public'
import { newCaseKey } from '../cases/case-crypto'
import type { Ground } from '../grounds'
import { listCentres } from '../network/find-network'
import { routeByRule } from '../policies'
import { antidiscReports, type ContactWish } from '../tables'
import { newReceiptCode, receiptHash } from './receipt'
import { reportProblems } from './schema'

/** Who writes a report in the audit log: nobody named, no address. */
export const REPORTER: Actor = { id: null, label: 'reporter', ip: null }

export interface NewReport {
  readonly narrative: string
  readonly occurredOn: string
  readonly districtId: string
  readonly grounds: readonly Ground[]
  /** 'network' or a centre's id */
  readonly centre: string
  readonly contactWish: ContactWish
  readonly contactEmail?: string | undefined
  readonly contactPhone?: string | undefined
  /** The language the report is written in. */
  readonly language: string
}

/**
 * Stores a report: what happened and the contact details sealed with the report's own data key,
 * routed to the chosen centre or by region and language (else left to the network office), with a
 * fresh receipt code of which only the hash is kept. Answers the code, to be shown once.
 */
export async function submitReport(
  deps: AppDeps,
  input: NewReport,
): Promise<Outcome<{ code: string; reportId: string }>> {
  const problems = reportProblems(input, berlinDay())
  if (problems.length) return refuseAll(problems)
  const code = newReceiptCode()
  const hash = await receiptHash(deps.signingKey, code)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const [district] = await tx
        .select({ id: places.id })
        .from(places)
        .where(and(eq(places.id, input.districtId), eq(places.kind, 'district')))
      if (!district) throw new Refused(refuse('antidisc.report.error.district', 'districtId'))
      const centres = await listCentres(tx)
      let centreId: string | null
      let routedBy: 'reporter' | 'rule' | null
      if (input.centre === 'network') {
        centreId = routeByRule(centres, input)
        routedBy = centreId ? 'rule' : null
      } else {
        if (!isUuid(input.centre) || !centres.some((c) => c.id === input.centre))
          throw new Refused(refuse('antidisc.report.error.centre', 'centre'))
        centreId = input.centre
        routedBy = 'reporter'
      }
      const id = randomUUID()
      const key = newCaseKey(deps.keyRing, id)
      const contact =
        input.contactWish === 'email'
          ? { email: input.contactEmail }
          : input.contactWish === 'phone'
            ? { phone: input.contactPhone }
            : null
      await tx.insert(antidiscReports).values({
        id,
        centreId,
        routedBy,
        occurredOn: input.occurredOn,
        districtId: district.id,
        grounds: [...new Set(input.grounds)],
        contactWish: input.contactWish,
        language: input.language,
        keyId: key.keyId,
        dataKey: key.dataKey,
        narrativeSealed: key.box.seal('narrative', input.narrative),
        contactSealed: contact ? key.box.seal('contact', JSON.stringify(contact)) : null,
        receiptHash: hash,
      })
      await writeAudit(tx, REPORTER, {
        action: 'antidisc.report.create',
        entityType: 'antidisc_report',
        entityId: id,
        summary: { routedBy: routedBy ?? 'office', centreId },
      })
      return { code, reportId: id }
    }),
  )
}
