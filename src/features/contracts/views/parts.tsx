import { fileUrl } from '../../../platform/files'
import type { PageContext } from '../../../platform/http/context'
import { formatDate, formatNumber, germanContent } from '../../../platform/i18n'
import { Table } from '../../../platform/ui/components'
import type { ContractDetails, ContractRow, MilestoneWithReports } from '../find-contracts'
import type { ContractState } from '../tables'

/** A day ('YYYY-MM-DD') in the page's language. */
export function day(ctx: PageContext, iso: string): string {
  return formatDate(ctx.locale, new Date(`${iso}T12:00:00Z`))
}

export function statusLabel(ctx: PageContext, status: ContractState): string {
  return ctx.t(`contracts.status.${status}`)
}

export function termText(ctx: PageContext, c: { startsOn: string; endsOn: string }): string {
  return ctx.t('contracts.term', { start: day(ctx, c.startsOn), end: day(ctx, c.endsOn) })
}

export const today = () => new Date().toISOString().slice(0, 10)

function reportState(ctx: PageContext, m: MilestoneWithReports, now: string): string {
  const last = m.reports.at(-1)
  if (last) return ctx.t('contracts.milestone.reported', { date: day(ctx, last.submittedOn) })
  return m.dueOn < now ? ctx.t('contracts.milestone.overdue') : ctx.t('contracts.milestone.open')
}

/**
 * A contract's content as everyone reads it: facts, obligations of both sides, milestones with
 * their reports, the partner's reports, renewals and the signed contract's file. Texts the ministry
 * and partners write stay German (marked so on pages in other languages).
 */
export function ContractBody({
  ctx,
  contract: c,
  details: d,
  headingLevel = 2,
}: {
  ctx: PageContext
  contract: ContractRow
  details: ContractDetails
  headingLevel?: 2 | 3
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const Sub = headingLevel === 2 ? 'h3' : 'h4'
  const now = today()
  const facts: [string, preact.ComponentChildren][] = [
    [t('contracts.fact.partner'), <span {...de}>{c.partnerName}</span>],
    [t('contracts.fact.topic'), <span {...de}>{c.topic}</span>],
    [t('contracts.fact.status'), statusLabel(ctx, c.status)],
    [t('contracts.fact.signedOn'), c.signedOn ? day(ctx, c.signedOn) : t('contracts.fact.notSigned')],
    [t('contracts.fact.term'), termText(ctx, c)],
  ]
  const milestoneTitle = new Map(d.milestones.map((m) => [m.id, m.title]))
  const reports = [...d.milestones.flatMap((m) => m.reports), ...d.generalReports].sort((a, b) =>
    a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : 0,
  )
  return (
    <div class="contracts-body">
      <H class="kern-heading-medium">{t('contracts.facts')}</H>
      <dl class="contracts-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt class="kern-body kern-body--bold">{k}</dt>
            <dd class="kern-body">{v}</dd>
          </div>
        ))}
      </dl>
      <H class="kern-heading-medium">{t('contracts.document')}</H>
      {d.document ? (
        <p class="kern-body">
          <a class="kern-link" href={fileUrl(d.document)} download>
            {t('contracts.document.download', {
              size: `${formatNumber(ctx.locale, Math.max(1, Math.round(d.document.size / 1024)))} kB`,
            })}
          </a>
        </p>
      ) : (
        <p class="kern-body">{t('contracts.document.none')}</p>
      )}
      <H class="kern-heading-medium">{t('contracts.obligations')}</H>
      {(['state', 'partner'] as const).map((side) => {
        const list = d.obligations.filter((o) => o.side === side)
        return (
          <div key={side}>
            <Sub class="kern-heading-small">{t(`contracts.obligations.${side}`)}</Sub>
            {list.length ? (
              <ul class="kern-list">
                {list.map((o) => (
                  <li key={o.id} {...de}>
                    {o.text}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="kern-body">{t('contracts.obligations.none')}</p>
            )}
          </div>
        )
      })}
      <H class="kern-heading-medium">{t('contracts.milestones')}</H>
      {d.milestones.length === 0 ? (
        <p class="kern-body">{t('contracts.milestones.none')}</p>
      ) : (
        <Table
          caption={t('contracts.milestones.caption')}
          captionHidden
          rows={d.milestones}
          rowKey={(m) => m.id}
          columns={[
            { header: t('contracts.milestone.col.title'), cell: (m) => <span {...de}>{m.title}</span> },
            {
              header: t('contracts.milestone.col.due'),
              cell: (m) => <time dateTime={m.dueOn}>{day(ctx, m.dueOn)}</time>,
            },
            { header: t('contracts.milestone.col.evidence'), cell: (m) => <span {...de}>{m.evidence}</span> },
            { header: t('contracts.milestone.col.report'), cell: (m) => reportState(ctx, m, now) },
          ]}
        />
      )}
      <H class="kern-heading-medium">{t('contracts.reports')}</H>
      {reports.length === 0 ? (
        <p class="kern-body">{t('contracts.reports.none')}</p>
      ) : (
        reports.map((r) => (
          <article key={r.id} class="contracts-report">
            <Sub class="kern-heading-small">
              {r.milestoneId
                ? t('contracts.report.on', {
                    date: day(ctx, r.submittedOn),
                    milestone: milestoneTitle.get(r.milestoneId) ?? '',
                  })
                : t('contracts.report.general', { date: day(ctx, r.submittedOn) })}
            </Sub>
            <p class="kern-body contracts-report__text" {...de}>
              {r.text}
            </p>
          </article>
        ))
      )}
      <H class="kern-heading-medium">{t('contracts.renewals')}</H>
      {d.renewals.length === 0 ? (
        <p class="kern-body">{t('contracts.renewals.none')}</p>
      ) : (
        <ul class="kern-list">
          {d.renewals.map((r) => (
            <li key={r.id}>
              {t('contracts.renewal', {
                date: day(ctx, r.renewedOn),
                end: day(ctx, r.endsOn),
                previous: day(ctx, r.previousEndsOn),
              })}
              {r.note ? (
                <>
                  {' '}
                  <span {...de}>{r.note}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
