import { and, asc, eq, isNull, lte, or } from 'drizzle-orm'
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit'
import { inTransaction } from '../../platform/db'
import type { AppDeps } from '../../platform/feature'
import { asLocale, formatDate, localePath } from '../../platform/i18n'
import { composeMail } from '../../platform/mail/compose'
import { organisations } from '../directory/public'
import { organisationAccountRecipients } from '../funding/public'
import { offersProviderMessages } from './providers/messages'
import { offers } from './tables'
import { HIDE_AFTER_MONTHS, REMIND_AFTER_MONTHS } from './vocabulary'

export const STALENESS_JOB = 'offers.staleness'
export const STALENESS_EVERY_MS = 24 * 3600_000

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

function monthsAfter(d: Date, months: number): Date {
  const out = new Date(d)
  out.setUTCMonth(out.getUTCMonth() + months)
  return out
}

const MAIL_PART = { name: 'offers', messages: offersProviderMessages } as const

export interface StalenessReport {
  /** Organisations whose accounts were written to. */
  readonly organisations: number
  /** Offers the mails named (now marked as reminded). */
  readonly offers: number
  readonly mails: number
}

/**
 * The staleness job: offers not confirmed for REMIND_AFTER_MONTHS are named in one mail per
 * account of their organisation (in the account's language), once per confirmation: `remindedAt`
 * records it, and confirming again starts a new period. Offers older than HIDE_AFTER_MONTHS are no
 * longer public (the public condition of the search, find-offers.ts); nothing is ever deleted.
 * An organisation without a confirmed account is left for the staff's list and asked again
 * once it has one. Each organisation in its own transaction with its audit entry.
 */
export async function remindStaleOffers(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  now: Date = new Date(),
): Promise<StalenessReport> {
  const due = await deps.db
    .select({
      id: offers.id,
      title: offers.title,
      organisationId: offers.organisationId,
      organisationName: organisations.name,
      confirmedAt: offers.confirmedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(
      and(
        lte(offers.confirmedAt, monthsBefore(now, REMIND_AFTER_MONTHS)),
        or(isNull(offers.remindedAt), lte(offers.remindedAt, offers.confirmedAt)),
      ),
    )
    .orderBy(asc(offers.organisationId), asc(offers.confirmedAt), asc(offers.title))
  const byOrg = new Map<string, typeof due>()
  for (const o of due) byOrg.set(o.organisationId, [...(byOrg.get(o.organisationId) ?? []), o])
  let orgs = 0
  let named = 0
  let mails = 0
  for (const [organisationId, list] of byOrg) {
    const recipients = await organisationAccountRecipients(deps.db, organisationId)
    if (!recipients.length) continue
    await inTransaction(deps.db, async (tx) => {
      for (const r of recipients) {
        const locale = asLocale(r.locale)
        const lines = list.map(
          (o) =>
            `- ${o.title} (${formatDate(locale, o.confirmedAt)}; ${formatDate(locale, monthsAfter(o.confirmedAt, HIDE_AFTER_MONTHS))})`,
        )
        await deps.mail.enqueue(
          tx,
          deps.jobs,
          composeMail(
            MAIL_PART,
            r,
            {
              subject: 'offers.mail.stale.subject',
              greeting: 'offers.mail.stale.greeting',
              text: 'offers.mail.stale.text',
            },
            {
              name: r.displayName,
              organisation: list[0]!.organisationName,
              months: REMIND_AFTER_MONTHS,
              hideMonths: HIDE_AFTER_MONTHS,
              list: lines.join('\n'),
              link: `${deps.config.publicUrl}${localePath(locale, '/angebote/verwalten')}`,
            },
          ),
        )
        mails++
      }
      for (const o of list) await tx.update(offers).set({ remindedAt: now }).where(eq(offers.id, o.id))
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'offers.offer.remind',
        entityType: 'organisation',
        entityId: organisationId,
        summary: { offers: list.length, recipients: recipients.length },
      })
    })
    orgs++
    named += list.length
  }
  return { organisations: orgs, offers: named, mails }
}
