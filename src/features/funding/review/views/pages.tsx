import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Pagination, Table } from '../../../../platform/ui/components'
import {
  Button,
  Checkboxes,
  emptyForm,
  Form,
  type FormState,
  fields,
  Select,
} from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { formatIban } from '../../iban'
import type { BudgetRow } from '../../public/views/pages'
import type { ApplicationBundle, FundingLine, listApplications } from '../../queries'
import { formatQuantity, lineQuantities } from '../../rules'
import { APPLICATION_STATES } from '../../tables'
import { Facts, germanOrIso, lineName, money, StatusBadge, text } from '../../views/parts'
import type { AmendmentRow, GrantState } from '../amend-grant'
import { CHECKLIST } from '../review-application'
import { AmendmentSection, NoticeTable } from './amendment'

type ListRow = Awaited<ReturnType<typeof listApplications>>[number]

export function DashboardPage({
  ctx,
  lines,
  budgets,
  counts,
  rows,
  query,
  paging,
}: {
  ctx: PageContext
  lines: readonly FundingLine[]
  budgets: readonly BudgetRow[]
  /** Applications per line, budget year (of the project period) and state. */
  counts: readonly { lineId: string; year: number; status: string; n: number }[]
  rows: readonly ListRow[]
  query: { line?: string | undefined; status?: string | undefined }
  paging: { page: number; pageCount: number; pageSize: number; total: number }
}) {
  const { t } = ctx
  const byId = new Map(lines.map((l) => [l.id, l]))
  const countText = (lineId: string, year: number) =>
    APPLICATION_STATES.map(
      (s) =>
        [s, counts.find((c) => c.lineId === lineId && c.year === year && c.status === s)?.n ?? 0] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${t(`funding.status.${s}`)}: ${n}`)
      .join(', ') || '–'
  const exportQuery = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString()
  const hrefFor = (p: number) => {
    const q = new URLSearchParams(exportQuery)
    if (p > 1) q.set('page', String(p))
    const qs = q.toString()
    return ctx.href(`/foerderung/verwaltung${qs ? `?${qs}` : ''}`)
  }
  const first = (paging.page - 1) * paging.pageSize + 1
  return (
    <Layout
      ctx={ctx}
      title={t('funding.staff.title')}
      breadcrumbs={[{ href: '/foerderung', label: t('nav.funding') }, { label: t('funding.staff.title') }]}
    >
      <PageHeading>{t('funding.staff.title')}</PageHeading>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/foerderung/verwaltung/zahlungen')}>
          {t('funding.payStaff.link')}
        </a>
      </p>
      {ctx.can('funding.manage') ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href('/foerderung/verwaltung/basiszinssatz')}>
            {t('funding.baseRate.link')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('funding.staff.budgets')}</h2>
      <Table
        caption={t('funding.staff.budgetCaption')}
        rows={budgets}
        rowKey={(b) => `${b.lineId}-${b.year}`}
        columns={[
          {
            header: t('funding.col.line'),
            cell: (b) => {
              const line = byId.get(b.lineId)
              return line && ctx.can('funding.manage') ? (
                <a class="kern-link" href={ctx.href(`/foerderung/verwaltung/linien/${line.id}`)}>
                  {lineName(ctx, line)}
                </a>
              ) : (
                ((line && lineName(ctx, line)) ?? '')
              )
            },
          },
          { header: t('funding.budget.year'), cell: (b) => b.year },
          { header: t('funding.budget.budget'), cell: (b) => money(ctx, b.budgetCents), numeric: true },
          { header: t('funding.budget.committed'), cell: (b) => money(ctx, b.committedCents), numeric: true },
          {
            header: t('funding.budget.remaining'),
            cell: (b) => money(ctx, b.budgetCents - b.committedCents),
            numeric: true,
          },
          { header: t('funding.staff.counts'), cell: (b) => countText(b.lineId, b.year) },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding.staff.applications')}</h2>
      <Form ctx={ctx} action={ctx.href('/foerderung/verwaltung')} method="get">
        <Select
          ctx={ctx}
          form={{ values: query, errors: {} }}
          name="line"
          label={t('funding.col.line')}
          optional
          options={lines.map((l) => ({ value: l.id, label: lineName(ctx, l) }))}
        />
        <Select
          ctx={ctx}
          form={{ values: query, errors: {} }}
          name="status"
          label={t('funding.col.status')}
          optional
          options={APPLICATION_STATES.filter((s) => s !== 'draft').map((s) => ({
            value: s,
            label: t(`funding.status.${s}`),
          }))}
        />
        <Button variant="secondary">{t('funding.staff.filter')}</Button>
      </Form>
      <p class="kern-body">
        <a
          class="kern-link"
          href={ctx.href(`/foerderung/verwaltung/export.csv${exportQuery ? `?${exportQuery}` : ''}`)}
        >
          {t('funding.staff.export')}
        </a>
      </p>
      {rows.length ? (
        <p class="kern-body" id="antraege-umfang">
          {t('funding.staff.showing', { from: first, to: first + rows.length - 1, total: paging.total })}
        </p>
      ) : null}
      {rows.length ? (
        <Table
          caption={t('funding.staff.applications')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('funding.col.fileNumber'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(`/foerderung/verwaltung/antraege/${r.id}`)}>
                  {r.fileNumber}
                </a>
              ),
            },
            { header: t('funding.col.organisation'), cell: (r) => r.organisation },
            { header: t('funding.col.title'), cell: (r) => r.title },
            { header: t('funding.col.line'), cell: (r) => r.lineKey },
            { header: t('funding.col.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.status} /> },
            {
              header: t('funding.col.requested'),
              cell: (r) => money(ctx, Number(r.requestedCents)),
              numeric: true,
            },
            {
              header: t('funding.col.granted'),
              cell: (r) => money(ctx, Number(r.grantedCents)),
              numeric: true,
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.staff.none')}</p>
      )}
      <Pagination ctx={ctx} page={paging.page} pageCount={paging.pageCount} hrefFor={hrefFor} />
    </Layout>
  )
}

export function ReviewPage({
  ctx,
  b,
  form = emptyForm,
  proposerLabel,
  amendment,
}: {
  ctx: PageContext
  b: ApplicationBundle
  form?: FormState
  proposerLabel: string | null
  /** For an approved grant: its current state and amendments. */
  amendment?: { grant: GrantState; list: readonly AmendmentRow[] } | undefined
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const base = `/foerderung/verwaltung/antraege/${b.app.id}`
  const labels = new Map(b.line.rules.costCategories.map((c) => [c.key, text(ctx, c.label)]))
  const quantities = new Map(lineQuantities(b.line.rules).map((x) => [x.quantity.key, x.quantity]))
  const inReview = b.app.status === 'submitted'
  return (
    <Layout
      ctx={ctx}
      title={t('funding.review.title', { fileNumber: b.app.fileNumber ?? '' })}
      breadcrumbs={[
        { href: '/foerderung/verwaltung', label: t('funding.staff.title') },
        { label: b.app.fileNumber ?? '' },
      ]}
    >
      <PageHeading lead={b.app.title ?? ''}>
        {t('funding.review.title', { fileNumber: b.app.fileNumber ?? '' })}
      </PageHeading>
      <f.Summary />
      <p class="kern-body">
        <StatusBadge ctx={ctx} status={b.app.status} />
      </p>
      <Facts
        items={[
          [t('funding.col.line'), lineName(ctx, b.line)],
          [
            t('funding.review.applicant'),
            `${b.org.name} (${[b.org.street, b.org.postcode, b.org.city].filter(Boolean).join(', ')})`,
          ],
          [t('funding.register.iban'), b.org.iban ? formatIban(b.org.iban) : '–'],
          [t('funding.review.project'), b.app.aims ?? ''],
          [t('funding.project.targetGroups'), b.app.targetGroups ?? ''],
          [t('funding.project.municipalities'), b.app.municipalities ?? ''],
          ...(b.app.jointApplication || b.partners.organisation
            ? [
                [
                  t('funding.review.partners'),
                  [
                    b.app.jointApplication
                      ? t('funding.review.jointWith', {
                          names: b.partners.municipalities
                            .map((m) => `${m.name} (${m.officialKey})`)
                            .join(', '),
                        })
                      : '',
                    b.partners.organisation
                      ? t('funding.review.partnerOrg', { name: b.partners.organisation.name })
                      : '',
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ] as [string, string],
              ]
            : []),
          [
            t('funding.review.period'),
            `${germanOrIso(ctx, b.app.periodStart)} – ${germanOrIso(ctx, b.app.periodEnd)}`,
          ],
          [
            t('funding.review.attachments'),
            b.attachments.length ? (
              <ul class="kern-list">
                {b.attachments.map((a) => (
                  <li key={a.kind}>
                    <a class="kern-link" href={ctx.href(fileUrl({ id: a.fileId, originalName: a.fileName }))}>
                      {a.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              '–'
            ),
          ],
        ]}
      />
      <Table
        caption={t('funding.review.costCaption')}
        rows={b.costs}
        rowKey={(c) => `${c.year}-${c.category}`}
        columns={[
          { header: t('funding.budget.year'), cell: (c) => c.year },
          { header: t('funding.review.category'), cell: (c) => labels.get(c.category) ?? c.category },
          { header: t('funding.review.amount'), cell: (c) => money(ctx, c.cents), numeric: true },
        ]}
      />
      {b.quantities.length ? (
        <Table
          caption={t('funding.review.quantities')}
          rows={b.quantities}
          rowKey={(q) => `${q.year}-${q.key}`}
          columns={[
            { header: t('funding.budget.year'), cell: (q) => q.year },
            {
              header: t('funding.review.quantity'),
              cell: (q) => (quantities.get(q.key) ? text(ctx, quantities.get(q.key)!.label) : q.key),
            },
            {
              header: t('funding.review.value'),
              cell: (q) => formatQuantity(q.value, quantities.get(q.key)?.unit ?? 'count', ctx.locale),
              numeric: true,
            },
          ]}
        />
      ) : null}
      <Table
        caption={t('funding.review.finCaption')}
        rows={b.financing}
        rowKey={(y) => String(y.year)}
        columns={[
          { header: t('funding.budget.year'), cell: (y) => y.year },
          { header: t('funding.review.own'), cell: (y) => money(ctx, y.ownCents), numeric: true },
          { header: t('funding.review.third'), cell: (y) => money(ctx, y.thirdPartyCents), numeric: true },
          { header: t('funding.review.requested'), cell: (y) => money(ctx, y.requestedCents), numeric: true },
        ]}
      />
      <NoticeTable ctx={ctx} b={b} />

      <h2 class="kern-heading-medium">{t('funding.app.messages')}</h2>
      <ul class="kern-list">
        {b.comments.map((c) => (
          <li key={c.id}>
            <strong>
              {t(`funding.comment.${c.kind}`)} ({c.authorLabel}):
            </strong>{' '}
            {c.body}
          </li>
        ))}
      </ul>
      <Form ctx={ctx} action={ctx.href(`${base}/vermerk`)}>
        <f.Textarea name="body" label={t('funding.review.comment')} rows={3} />
        <Button variant="secondary">{t('funding.review.addComment')}</Button>
      </Form>

      {inReview ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.review.checklist')}</h2>
          <Form ctx={ctx} action={ctx.href(`${base}/pruefliste`)}>
            <Checkboxes
              ctx={ctx}
              form={{ values: { check: CHECKLIST.filter((k) => b.app.checklist[k]) }, errors: {} }}
              name="check"
              label={t('funding.review.checklist')}
              options={CHECKLIST.map((k) => ({ value: k, label: t(`funding.review.check.${k}`) }))}
            />
            <Button variant="secondary">{t('funding.review.saveChecklist')}</Button>
          </Form>
          <Form ctx={ctx} action={ctx.href(`${base}/rueckfrage`)}>
            <f.Textarea name="question" label={t('funding.review.question')} rows={3} />
            <Button variant="secondary">{t('funding.review.ask')}</Button>
          </Form>
          {ctx.can('funding.propose') ? (
            <>
              <h2 class="kern-heading-medium">{t('funding.review.decision')}</h2>
              <Form ctx={ctx} action={ctx.href(`${base}/vorschlag`)}>
                <f.Radios
                  name="decision"
                  label={t('funding.review.decision')}
                  options={(['approve', 'approve_part', 'reject'] as const).map((d) => ({
                    value: d,
                    label: t(`funding.review.decision.${d}`),
                  }))}
                />
                {b.financing.map((y) => (
                  <f.Text
                    key={y.year}
                    name={`amount_${y.year}`}
                    label={t('funding.review.partAmount', { year: y.year })}
                    inputmode="decimal"
                    optional
                    width="money"
                  />
                ))}
                <f.Textarea name="reasons" label={t('funding.review.reasons')} rows={4} />
                <Button>{t('funding.review.propose')}</Button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
      {b.app.status === 'proposed' ? (
        <>
          <Alert
            kind="info"
            title={t('funding.review.proposal', {
              decision: t(`funding.review.decision.${b.app.proposedDecision ?? 'approve'}`),
              by: proposerLabel ?? '–',
            })}
          >
            <p class="kern-body">
              {Object.entries(b.app.proposedAmounts ?? {})
                .map(([y, c]) => `${y}: ${money(ctx, c)}`)
                .join(' · ')}
            </p>
            <p class="kern-body">{b.app.decisionReasons}</p>
          </Alert>
          {ctx.can('funding.approve') ? (
            <Form ctx={ctx} action={ctx.href(`${base}/freigabe`)}>
              <Button>{t('funding.review.approve')}</Button>
            </Form>
          ) : null}
        </>
      ) : null}
      {amendment ? (
        <AmendmentSection ctx={ctx} b={b} grant={amendment.grant} amendments={amendment.list} form={form} />
      ) : null}
    </Layout>
  )
}
