import { asc } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { checkBaseRate, mayRecordBaseRate } from '../policies'
import { fundingBaseRates } from '../tables'
import { BASE_RATES, type BaseRate, lastKnownRateDay } from './interest'

export interface RecordedBaseRate extends BaseRate {
  /** Where the rate was published (e.g. the Bundesbank's press release or the Bundesanzeiger). */
  readonly source: string
  readonly recordedAt: Date | null
}

/**
 * The whole base-rate history: the one shipped in data/base-rates.json, then the rates staff
 * recorded after it (funding_base_rates), in order. A recorded rate never overrides a shipped one:
 * recording is refused for days not after the last known one.
 */
export async function baseRatesOf(db: Db): Promise<RecordedBaseRate[]> {
  const shipped = BASE_RATES.map((r) => ({ ...r, source: 'data', recordedAt: null }))
  const last = lastKnownRateDay()
  const recorded = await db.select().from(fundingBaseRates).orderBy(asc(fundingBaseRates.validFrom))
  return [
    ...shipped,
    ...recorded
      .filter((r) => r.validFrom > last)
      .map((r) => ({
        from: r.validFrom,
        basisPoints: r.basisPoints,
        source: r.source,
        recordedAt: r.recordedAt,
      })),
  ]
}

/**
 * Records a newly published base rate (staff with funding.manage): valid from 1 January or 1 July
 * after the last rate known, the percentage as published (two decimals, kept exact as basis points)
 * and where it was published. The row and its audit entry are written together; the interest of
 * every hearing opened afterwards uses it.
 */
export async function recordBaseRate(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: Who,
  input: { readonly validFrom: string; readonly percent: string; readonly source: string },
): Promise<Outcome<void>> {
  if (!mayRecordBaseRate(who)) return refuse('funding.baseRate.error.mayNot')
  const source = input.source.trim()
  if (!source) return refuse('funding.baseRate.error.source', 'source')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      // Read the history inside the transaction; the primary key refuses a second row of a day.
      const rates = await baseRatesOf(tx)
      const checked = checkBaseRate(input, rates.at(-1)?.from ?? '')
      if (!checked.ok) throw new Refused(refuse(checked.key, checked.field))
      const rows = await tx
        .insert(fundingBaseRates)
        .values({
          validFrom: input.validFrom,
          basisPoints: checked.basisPoints,
          source,
          recordedBy: actor.id,
        })
        .onConflictDoNothing()
        .returning({ validFrom: fundingBaseRates.validFrom })
      if (!rows.length) throw new Refused(refuse('funding.baseRate.error.notAfter', 'validFrom'))
      await writeAudit(tx, actor, {
        action: 'funding.baseRate.record',
        entityType: 'funding_base_rate',
        entityId: input.validFrom,
        summary: { validFrom: input.validFrom, basisPoints: checked.basisPoints, source },
      })
    }),
  )
}
