import type { PageContext } from '../../../../platform/http/context'
import { PageHeading } from '../../../../platform/ui/components'
import { Button, ErrorSummary, Form, type FormState, Textarea, TextInput } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { FundingLine } from '../../queries'
import { lineName } from '../../views/parts'

export function LinePage({
  ctx,
  line,
  rulesForm,
  budgetForm,
}: {
  ctx: PageContext
  line: FundingLine
  rulesForm: FormState
  budgetForm: FormState
}) {
  const { t } = ctx
  const form: FormState = { values: {}, errors: { ...rulesForm.errors, ...budgetForm.errors } }
  return (
    <Layout
      ctx={ctx}
      title={t('funding.line.title', { line: lineName(ctx, line) })}
      breadcrumbs={[
        { href: '/foerderung/verwaltung', label: t('funding.staff.title') },
        { label: lineName(ctx, line) },
      ]}
    >
      <PageHeading>{t('funding.line.title', { line: lineName(ctx, line) })}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={ctx.href(`/foerderung/verwaltung/linien/${line.id}/mittel`)}>
        <TextInput
          ctx={ctx}
          form={budgetForm}
          name="year"
          label={t('funding.line.year')}
          inputmode="numeric"
          width={4}
        />
        <TextInput
          ctx={ctx}
          form={budgetForm}
          name="budget"
          label={t('funding.line.budget')}
          inputmode="decimal"
          width={4}
        />
        <Button variant="secondary">{t('funding.line.saveBudget')}</Button>
      </Form>
      <Form ctx={ctx} action={ctx.href(`/foerderung/verwaltung/linien/${line.id}/regeln`)}>
        <Textarea
          ctx={ctx}
          form={rulesForm}
          name="rules"
          label={t('funding.line.rules')}
          hint={t('funding.line.rulesHint')}
          rows={30}
        />
        <Button>{t('funding.line.saveRules')}</Button>
      </Form>
    </Layout>
  )
}
