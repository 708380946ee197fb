import type { PageContext } from '../../../platform/http/context'
import type { MessageKey } from '../../../platform/i18n'
import { PageHeading } from '../../../platform/ui/components'
import { Button, ErrorSummary, Form, type FormState, Textarea, TextInput } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'

/** A field whose label is `admin.operator.<name>`. */
type Labelled<K> = K extends `admin.operator.${infer F}` ? F : never

/** The operator's details: one form, shown on the Impressum, the accessibility statement and the press pages. */
export function OperatorPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx
  const field = (
    name: Labelled<MessageKey>,
    extra: { optional?: boolean; type?: 'email' | 'tel' | 'url'; width?: 'postcode' | 'phone' } = {},
  ) => (
    <TextInput
      ctx={ctx}
      form={form}
      name={name}
      label={t(`admin.operator.${name}`)}
      optional={extra.optional}
      type={extra.type}
      width={extra.width}
      autocomplete={extra.type === 'email' ? 'email' : extra.type === 'tel' ? 'tel' : undefined}
    />
  )
  return (
    <Layout
      ctx={ctx}
      title={t('admin.operator.title')}
      breadcrumbs={[{ href: '/verwaltung', label: t('admin.title') }, { label: t('admin.operator.title') }]}
    >
      <PageHeading lead={t('admin.operator.lead')}>{t('admin.operator.title')}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={ctx.href('/verwaltung/betreiber')} class="operator-form">
        <h2 class="kern-heading-medium">{t('admin.operator.section.authority')}</h2>
        {field('name')}
        {field('representedBy', { optional: true })}
        {field('street')}
        {field('postcode', { width: 'postcode' })}
        {field('city')}
        {field('email', { type: 'email' })}
        {field('phone', { type: 'tel' })}
        <h2 class="kern-heading-medium">{t('admin.operator.section.accessibility')}</h2>
        {field('accessibilityEmail', { type: 'email' })}
        {field('accessibilityPhone', { type: 'tel', optional: true })}
        <Textarea
          ctx={ctx}
          form={form}
          name="enforcementBody"
          rows={4}
          label={t('admin.operator.enforcementBody')}
          hint={t('admin.operator.enforcementBodyHint')}
        />
        {field('enforcementUrl', { type: 'url', optional: true })}
        <h2 class="kern-heading-medium">{t('admin.operator.section.press')}</h2>
        {field('pressOffice')}
        {field('pressEmail', { type: 'email' })}
        {field('pressPhone', { type: 'tel' })}
        <Button>{t('admin.operator.save')}</Button>
      </Form>
    </Layout>
  )
}
