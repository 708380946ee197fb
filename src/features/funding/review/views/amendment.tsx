import { berlinDay as today } from '../../../../platform/days'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { moneyInput } from '../../money'
import type { ApplicationBundle } from '../../queries'
import { yearsOf } from '../../rules'
import { germanOrIso, money } from '../../views/parts'
import { type AmendmentRow, amendField, type GrantState } from '../amend-grant'

const day = (ctx: PageContext, at: Date) => germanOrIso(ctx, today(at))
const period = (ctx: PageContext, start: string, end: string) =>
  `${germanOrIso(ctx, start)} – ${germanOrIso(ctx, end)}`

/** Every notice version of an application with its date and a PDF link (applicant and staff pages). */
export function NoticeTable({ ctx, b }: { ctx: PageContext; b: ApplicationBundle }) {
  const { t } = ctx
  if (!b.notices.length) return null
  return (
    <Table
      caption={t('funding.app.noticeCaption')}
      rows={b.notices}
      rowKey={(n) => n.id}
      columns={[
        {
          header: t('funding.app.noticeCol'),
          cell: (n) => (
            <a class="kern-link" href={ctx.href(`/foerderung/antraege/${b.app.id}/bescheid/${n.version}`)}>
              {t(n.kind === 'amending' ? 'funding.app.noticeAmending' : 'funding.app.notice', {
                version: n.version,
              })}
            </a>
          ),
        },
        { header: t('funding.app.noticeDate'), cell: (n) => day(ctx, n.createdAt) },
      ]}
    />
  )
}

function changeLines(ctx: PageContext, a: AmendmentRow['amendment']): string[] {
  const { t } = ctx
  const years = [...new Set([...Object.keys(a.oldAmounts), ...Object.keys(a.newAmounts)])].sort()
  const out = years
    .filter((y) => (a.oldAmounts[y] ?? 0) !== (a.newAmounts[y] ?? 0))
    .map((y) =>
      t('funding.amend.changeAmount', {
        year: y,
        old: money(ctx, a.oldAmounts[y] ?? 0),
        new: money(ctx, a.newAmounts[y] ?? 0),
      }),
    )
  if (a.oldPeriodStart !== a.newPeriodStart || a.oldPeriodEnd !== a.newPeriodEnd) {
    out.push(
      t('funding.amend.changePeriod', {
        old: period(ctx, a.oldPeriodStart, a.oldPeriodEnd),
        new: period(ctx, a.newPeriodStart, a.newPeriodEnd),
      }),
    )
  }
  if (JSON.stringify(a.oldSpecialConditions) !== JSON.stringify(a.newSpecialConditions)) {
    out.push(t('funding.amend.changeConditions'))
  }
  if (a.newCosts) {
    const years = [...new Set([...Object.keys(a.oldCosts ?? {}), ...Object.keys(a.newCosts)])].sort()
    for (const y of years) {
      const cats = [...new Set([...Object.keys(a.oldCosts?.[y] ?? {}), ...Object.keys(a.newCosts[y] ?? {})])]
      for (const c of cats.sort()) {
        const before = a.oldCosts?.[y]?.[c] ?? 0
        const after = a.newCosts[y]?.[c] ?? 0
        if (before !== after)
          out.push(
            t('funding.amend.changeCosts', {
              year: y,
              item: c,
              old: money(ctx, before),
              new: money(ctx, after),
            }),
          )
      }
    }
  }
  if (a.newPurpose !== null) out.push(t('funding.amend.changePurpose', { purpose: a.newPurpose }))
  return out
}

function ChangeList({ ctx, a }: { ctx: PageContext; a: AmendmentRow['amendment'] }) {
  return (
    <ul class="kern-list">
      {changeLines(ctx, a).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  )
}

/** Whether the form state holds a submitted amendment (then its values are shown instead of the grant's). */
const isAmendmentForm = (form: FormState) =>
  Object.keys(form.values).some(
    (k) => k === 'periodStart' || k === 'periodEnd' || k === 'reason' || k.startsWith('amend_'),
  )

/**
 * Staff: the grant as it stands, the amendment history, the open proposal with approve/reject for a
 * second person, or the form to propose an amendment.
 */
export function AmendmentSection({
  ctx,
  b,
  grant,
  amendments,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  grant: GrantState
  amendments: readonly AmendmentRow[]
  form: FormState
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const base = `/foerderung/verwaltung/antraege/${b.app.id}/aenderung`
  const open = amendments.find((r) => r.amendment.status === 'proposed')
  const own = isAmendmentForm(form)
  const endYear = Number(grant.periodEnd.slice(0, 4))
  const isDay = /^\d{4}-\d{2}-\d{2}$/
  const submitted =
    own &&
    typeof form.values.periodStart === 'string' &&
    typeof form.values.periodEnd === 'string' &&
    isDay.test(form.values.periodStart) &&
    isDay.test(form.values.periodEnd) &&
    form.values.periodStart <= form.values.periodEnd
      ? yearsOf(form.values.periodStart, form.values.periodEnd).slice(0, 20)
      : []
  // The years of the current period and the next one (a longer period), plus the years of a period
  // just submitted and any year an amount was submitted for.
  const years = [
    ...new Set([
      ...yearsOf(grant.periodStart, grant.periodEnd),
      endYear + 1,
      ...submitted,
      ...Object.keys(form.values)
        .filter((k) => /^amend_\d{4}$/.test(k))
        .map((k) => Number(k.slice(6))),
    ]),
  ].sort((x, y) => x - y)
  const values: FormState = own
    ? form
    : {
        values: {
          periodStart: grant.periodStart,
          periodEnd: grant.periodEnd,
          conditions: grant.specialConditions.join('\n'),
          ...Object.fromEntries(
            years.map((y) => [amendField(y), moneyInput(grant.amounts.get(y) ?? 0, ctx.locale)]),
          ),
        },
        errors: form.errors,
      }
  const valuesF = fields(ctx, values)
  const amountRows = [...grant.amounts].map(([year, cents]) => ({ year, cents }))
  return (
    <section aria-labelledby="amendment-title">
      <h2 class="kern-heading-medium" id="amendment-title">
        {t('funding.amend.title')}
      </h2>
      <p class="kern-body">
        {t('funding.amend.current', {
          version: grant.notice.version,
          date: germanOrIso(ctx, grant.notice.issuedOn),
        })}
      </p>
      <Table
        caption={t('funding.amend.currentCaption')}
        rows={amountRows}
        rowKey={(r) => String(r.year)}
        columns={[
          { header: t('funding.budget.year'), cell: (r) => r.year },
          { header: t('funding.review.requested'), cell: (r) => money(ctx, r.cents), numeric: true },
        ]}
      />
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('funding.amend.period')}</dt>
          <dd class="kern-description-list-item__value">{period(ctx, grant.periodStart, grant.periodEnd)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('funding.amend.conditions')}</dt>
          <dd class="kern-description-list-item__value">
            {grant.specialConditions.length ? (
              <ul class="kern-list">
                {grant.specialConditions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              t('funding.amend.none')
            )}
          </dd>
        </div>
      </dl>

      {amendments.length ? (
        <Table
          caption={t('funding.amend.history')}
          rows={amendments}
          rowKey={(r) => r.amendment.id}
          columns={[
            {
              header: t('funding.amend.col.proposed'),
              cell: (r) =>
                t('funding.amend.by', { date: day(ctx, r.amendment.proposedAt), by: r.proposedByEmail }),
            },
            { header: t('funding.amend.col.change'), cell: (r) => <ChangeList ctx={ctx} a={r.amendment} /> },
            { header: t('funding.amend.col.reason'), cell: (r) => r.amendment.reason },
            {
              header: t('funding.amend.col.status'),
              cell: (r) =>
                t(`funding.amend.status.${r.amendment.status}`, {
                  by: r.decidedByEmail ?? '–',
                  version: r.amendment.noticeVersion ?? '',
                  reasons: r.amendment.rejectionReasons ?? '',
                }),
            },
          ]}
        />
      ) : null}

      {open ? (
        <>
          <Alert
            kind="info"
            title={t('funding.amend.open', {
              by: open.proposedByEmail,
              date: day(ctx, open.amendment.proposedAt),
            })}
          >
            <ChangeList ctx={ctx} a={open.amendment} />
            <p class="kern-body">{open.amendment.reason}</p>
          </Alert>
          {ctx.can('funding.approve') ? (
            <>
              <Form ctx={ctx} action={ctx.href(`${base}/freigabe`)}>
                <input type="hidden" name="amendment" value={open.amendment.id} />
                <Button>{t('funding.amend.approve')}</Button>
              </Form>
              <Form ctx={ctx} action={ctx.href(`${base}/ablehnung`)}>
                <input type="hidden" name="amendment" value={open.amendment.id} />
                <f.Textarea name="rejectReasons" label={t('funding.amend.rejectReasons')} rows={3} />
                <Button variant="secondary">{t('funding.amend.reject')}</Button>
              </Form>
            </>
          ) : null}
        </>
      ) : ctx.can('funding.propose') ? (
        <>
          <h3 class="kern-heading-small">{t('funding.amend.proposeTitle')}</h3>
          <p class="kern-body">{t('funding.amend.proposeLead')}</p>
          <p class="kern-body">{t('funding.amend.amountHint')}</p>
          <Form ctx={ctx} action={ctx.href(base)}>
            {years.map((y) => (
              <valuesF.Text
                key={y}
                name={amendField(y)}
                label={t('funding.amend.amount', { year: y })}
                inputmode="decimal"
                optional
                width="money"
              />
            ))}
            <valuesF.Date name="periodStart" label={t('funding.amend.periodStart')} />
            <valuesF.Date name="periodEnd" label={t('funding.amend.periodEnd')} />
            <valuesF.Textarea
              name="conditions"
              label={t('funding.amend.conditionsLabel')}
              optional
              rows={4}
            />
            <valuesF.Textarea
              name="reason"
              label={t('funding.amend.reason')}
              hint={t('funding.amend.reasonHint')}
              rows={3}
            />
            <Button>{t('funding.amend.propose')}</Button>
          </Form>
        </>
      ) : null}
    </section>
  )
}
