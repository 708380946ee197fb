import type { PageContext } from '../../../../platform/http/context'
import { formatNumber } from '../../../../platform/i18n'
import { Table } from '../../../../platform/ui/components'
import type { OpenClaims } from '../../closing/find-claims'
import type { OverdueProofs } from '../../proof/find-overdue'
import { periodLabel } from '../../proof/views/recipient'
import { STAFF_PROOFS, staffProofPath } from '../../proof/views/staff'
import { formatDay, money } from '../../views/parts'

const fileLink = (ctx: PageContext, href: string, fileNumber: string | null) => (
  <a class="kern-link" href={ctx.href(href)}>
    <bdi dir="ltr">{fileNumber ?? '–'}</bdi>
  </a>
)

/** Overdue proofs of use: count, money paid out for them, the longest overdue first. */
export function OverdueProofsPanel({ ctx, overdue }: { ctx: PageContext; overdue: OverdueProofs }) {
  const { t } = ctx
  return (
    <section aria-labelledby="nachweise-ueberfaellig">
      <h2 class="kern-heading-medium" id="nachweise-ueberfaellig">
        {t('funding.payStaff.overdue.caption')}
      </h2>
      <p class="kern-body">
        {overdue.count
          ? t('funding.payStaff.overdue.summary', { n: overdue.count, paid: money(ctx, overdue.paidCents) })
          : t('funding.payStaff.overdue.none')}
      </p>
      {overdue.rows.length ? (
        <Table
          caption={t('funding.payStaff.overdue.tableCaption')}
          rows={overdue.rows}
          rowKey={(r) => `${r.applicationId}-${r.period}`}
          columns={[
            {
              header: t('funding.payStaff.col.fileNumber'),
              cell: (r) => fileLink(ctx, `/foerderung/verwaltung/antraege/${r.applicationId}`, r.fileNumber),
            },
            { header: t('funding.payStaff.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.payStaff.col.proof'), cell: (r) => periodLabel(ctx, r.period) },
            { header: t('funding.payStaff.col.proofDue'), cell: (r) => formatDay(ctx.locale, r.dueOn) },
            {
              header: t('funding.payStaff.col.daysOverdue'),
              cell: (r) => formatNumber(ctx.locale, r.daysOverdue),
              numeric: true,
            },
            {
              header: t('funding.payStaff.col.paidFor'),
              cell: (r) => money(ctx, r.paidCents),
              numeric: true,
            },
          ]}
        />
      ) : null}
      {overdue.count > overdue.rows.length ? (
        <p class="kern-body">
          {t('funding.payStaff.overdue.more', { shown: overdue.rows.length, n: overdue.count })}
        </p>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(STAFF_PROOFS)}>
          {t('funding.payStaff.overdue.all')}
        </a>
      </p>
    </section>
  )
}

/** Open repayment claims: count, what is still outstanding, the largest first; each opens its closing. */
export function OpenClaimsPanel({ ctx, claims }: { ctx: PageContext; claims: OpenClaims }) {
  const { t } = ctx
  return (
    <section aria-labelledby="rueckforderungen">
      <h2 class="kern-heading-medium" id="rueckforderungen">
        {t('funding.payStaff.claims.caption')}
      </h2>
      <p class="kern-body">
        {claims.count
          ? t('funding.payStaff.claims.summary', {
              n: claims.count,
              outstanding: money(ctx, claims.outstandingCents),
            })
          : t('funding.payStaff.claims.none')}
      </p>
      {claims.rows.length ? (
        <Table
          caption={t('funding.payStaff.claims.tableCaption')}
          rows={claims.rows}
          rowKey={(r) => r.closingId}
          columns={[
            {
              header: t('funding.payStaff.col.fileNumber'),
              cell: (r) => fileLink(ctx, staffProofPath(r.proofId), r.fileNumber),
            },
            { header: t('funding.payStaff.col.recipient'), cell: (r) => r.organisation },
            {
              header: t('funding.payStaff.col.claimed'),
              cell: (r) => money(ctx, r.claimedCents),
              numeric: true,
            },
            {
              header: t('funding.payStaff.col.repaid'),
              cell: (r) => money(ctx, r.repaidCents),
              numeric: true,
            },
            {
              header: t('funding.payStaff.col.outstanding'),
              cell: (r) => money(ctx, r.outstandingCents),
              numeric: true,
            },
            {
              header: t('funding.payStaff.col.payBy'),
              cell: (r) => (r.dueOn ? formatDay(ctx.locale, r.dueOn) : '–'),
            },
          ]}
        />
      ) : null}
      {claims.count > claims.rows.length ? (
        <p class="kern-body">
          {t('funding.payStaff.claims.more', { shown: claims.rows.length, n: claims.count })}
        </p>
      ) : null}
    </section>
  )
}
