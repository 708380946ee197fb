import type { PageContext } from '../../../../platform/http/context'
import { formatDate, type MessageKey } from '../../../../platform/i18n'
import { Alert, PageHeading } from '../../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { councils, papers } from '../../tables'

type Paper = typeof papers.$inferSelect
type Council = typeof councils.$inferSelect

export function paperValues(paper: Paper): FormState {
  return {
    values: {
      kind: paper.kind,
      title: paper.title,
      body: paper.body ?? undefined,
      submittedByCouncilId: paper.submittedByCouncilId ?? undefined,
      submittedBy: paper.submittedByText ?? undefined,
      relatedPaperId: paper.relatedPaperId ?? undefined,
    },
    errors: {},
  }
}

/** Edit a paper before it is decided, or withdraw a motion; decided papers only say why not. */
export function PaperStaffPage({
  ctx,
  paper,
  council,
  locked,
  related,
  submitters,
  form,
  withdrawForm,
}: {
  ctx: PageContext
  paper: Paper
  council: Council
  /** Message key saying why the paper cannot change any more, or null. */
  locked: MessageKey | null
  related: readonly Paper[]
  submitters: readonly { id: string; name: string }[]
  form?: FormState | undefined
  withdrawForm?: FormState | undefined
}) {
  const { t } = ctx
  const edit = form ?? paperValues(paper)
  const withdraw = withdrawForm ?? emptyForm
  const title = t('councils.papers.editTitle', { reference: paper.reference })
  const base = `/verwaltung/vorlagen/${paper.id}`
  const editF = fields(ctx, edit)
  const withdrawF = fields(ctx, withdraw)
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: `/vorlagen/${paper.id}`, label: `${paper.reference}: ${paper.title}` },
        { label: title },
      ]}
    >
      <PageHeading lead={council.name}>{title}</PageHeading>
      <p class="kern-body">{t('councils.papers.referenceStays', { reference: paper.reference })}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(`${base}/dateien`)}>
          {t('councils.files.paperLink', { reference: paper.reference })}
        </a>
      </p>
      {paper.withdrawnAt ? (
        <p class="kern-body">
          {t('councils.papers.withdrawnOn', { date: formatDate(ctx.locale, paper.withdrawnAt) })}
        </p>
      ) : null}
      {locked ? (
        <Alert kind="info" title={t(locked)} />
      ) : (
        <>
          <editF.Summary />
          <Form ctx={ctx} action={ctx.href(base)}>
            <editF.Radios
              name="kind"
              label={t('meetings.staff.paperKind')}
              options={(['motion', 'amendment', 'report'] as const).map((k) => ({
                value: k,
                label: t(`meetings.paper.kind.${k}`),
              }))}
            />
            <editF.Text name="title" label={t('meetings.staff.itemTitle')} />
            <editF.Textarea name="body" optional label={t('meetings.staff.itemBody')} />
            <editF.Select
              name="submittedByCouncilId"
              optional
              label={t('councils.papers.submittedByCouncil')}
              options={submitters.map((c) => ({ value: c.id, label: c.name }))}
            />
            <editF.Text
              name="submittedBy"
              optional
              label={t('councils.papers.submittedByText')}
              hint={t('councils.papers.submittedByHint')}
            />
            <editF.Select
              name="relatedPaperId"
              optional
              label={t('meetings.staff.relatedPaper')}
              options={related.map((p) => ({ value: p.id, label: `${p.reference}: ${p.title}` }))}
            />
            <Button>{t('councils.staff.save')}</Button>
          </Form>
          {paper.kind === 'motion' || paper.kind === 'amendment' ? (
            <>
              <h2 class="kern-heading-medium">{t('councils.papers.withdrawTitle')}</h2>
              <p class="kern-body">{t('councils.papers.withdrawHint')}</p>
              <withdrawF.Summary />
              <Form ctx={ctx} action={ctx.href(`${base}/zurueckziehen`)}>
                <withdrawF.Checkbox name="confirm" label={t('councils.papers.withdrawConfirm')} />
                <Button variant="secondary">{t('councils.papers.withdraw')}</Button>
              </Form>
            </>
          ) : null}
        </>
      )}
    </Layout>
  )
}
