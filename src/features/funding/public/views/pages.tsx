import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  TextInput,
} from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { FundingLine } from '../../queries'
import { categoryRules, lineName, money, text } from '../../views/parts'
import { APPLICANT_KINDS } from '../register-applicant'

export interface BudgetRow {
  readonly lineId: string
  readonly year: number
  readonly budgetCents: number
  readonly committedCents: number
}

export function ProgrammePage({
  ctx,
  lines,
  budgets,
}: {
  ctx: PageContext
  lines: readonly FundingLine[]
  budgets: readonly BudgetRow[]
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('funding.title')} description={t('funding.lead')}>
      <PageHeading lead={t('funding.lead')}>{t('funding.title')}</PageHeading>
      <p class="kern-body">
        {ctx.can('funding.apply') ? (
          <a class="kern-btn kern-btn--primary" href={ctx.href('/foerderung/antraege')}>
            <span class="kern-label">{t('funding.cta.mine')}</span>
          </a>
        ) : ctx.can('funding.review') ? (
          <a class="kern-btn kern-btn--primary" href={ctx.href('/foerderung/verwaltung')}>
            <span class="kern-label">{t('funding.cta.staff')}</span>
          </a>
        ) : (
          <>
            <a class="kern-btn kern-btn--primary" href={ctx.href('/foerderung/registrieren')}>
              <span class="kern-label">{t('funding.cta.register')}</span>
            </a>{' '}
            {ctx.user ? null : (
              <a class="kern-btn kern-btn--secondary" href={ctx.href('/anmelden?next=/foerderung/antraege')}>
                <span class="kern-label">{t('funding.cta.signIn')}</span>
              </a>
            )}
          </>
        )}
      </p>
      <h2 class="kern-heading-medium">{t('funding.lines')}</h2>
      {lines.map((line) => {
        const r = line.rules
        const rows = budgets.filter((b) => b.lineId === line.id)
        return (
          <section key={line.id} class="funding-line" aria-labelledby={`linie-${line.key}`}>
            <h3 class="kern-heading-small" id={`linie-${line.key}`}>
              {lineName(ctx, line)}
            </h3>
            <p class="kern-body">{ctx.locale === 'de' ? line.descriptionDe : line.descriptionEn}</p>
            <dl class="kern-description-list">
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('funding.whoMayApply')}</dt>
                <dd class="kern-description-list-item__value">{text(ctx, r.eligibilityNote)}</dd>
              </div>
              {r.population ? (
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{t('funding.population')}</dt>
                  <dd class="kern-description-list-item__value">{populationText(ctx, r.population)}</dd>
                </div>
              ) : null}
              {r.partnerRequired ? (
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{t('funding.partnerRule')}</dt>
                  <dd class="kern-description-list-item__value">
                    {t('funding.partnerRule.text', {
                      applicants: r.partnerRequired.applicantKinds
                        .map((k) => t(`funding.orgKind.${k}`))
                        .join(', '),
                      partners: [
                        r.partnerRequired.partnerKinds.map((k) => t(`funding.orgKind.${k}`)).join(', '),
                        r.partnerRequired.registered ? t('funding.partnerRule.registered') : '',
                        r.partnerRequired.nonProfit ? t('funding.partnerRule.nonProfit') : '',
                      ]
                        .filter(Boolean)
                        .join(', '),
                    })}
                  </dd>
                </div>
              ) : null}
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('funding.deadline')}</dt>
                <dd class="kern-description-list-item__value">
                  {r.deadline
                    ? t('funding.deadlineRule', {
                        day: String(r.deadline.day).padStart(2, '0'),
                        month: String(r.deadline.month).padStart(2, '0'),
                      })
                    : t('funding.deadlineNone')}
                  {r.maxMonths ? ` · ${t('funding.maxMonths', { months: r.maxMonths })}` : ''}
                </dd>
              </div>
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('funding.financing')}</dt>
                <dd class="kern-description-list-item__value">
                  {t(`funding.fin.${r.financing.type}`)}
                  {r.financing.rateBasisPoints
                    ? ` (${t('funding.fin.rate', { rate: r.financing.rateBasisPoints / 100 })})`
                    : ''}
                </dd>
              </div>
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('funding.costs')}</dt>
                <dd class="kern-description-list-item__value">
                  <ul class="kern-list">
                    {r.costCategories.map((c) => (
                      <li key={c.key}>
                        {text(ctx, c.label)}
                        {categoryRules(ctx, r, c).length ? ` – ${categoryRules(ctx, r, c).join('; ')}` : ''}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('funding.attachments')}</dt>
                <dd class="kern-description-list-item__value">
                  {r.requiredAttachments.map((a) => text(ctx, a.label)).join(', ') || '–'}
                </dd>
              </div>
            </dl>
            {rows.length ? (
              <Table
                caption={t('funding.budget.caption', { line: lineName(ctx, line) })}
                rows={rows}
                rowKey={(b) => String(b.year)}
                columns={[
                  { header: t('funding.budget.year'), cell: (b) => b.year },
                  {
                    header: t('funding.budget.budget'),
                    cell: (b) => money(ctx, b.budgetCents),
                    numeric: true,
                  },
                  {
                    header: t('funding.budget.committed'),
                    cell: (b) => money(ctx, b.committedCents),
                    numeric: true,
                  },
                  {
                    header: t('funding.budget.remaining'),
                    cell: (b) => money(ctx, b.budgetCents - b.committedCents),
                    numeric: true,
                  },
                ]}
              />
            ) : null}
          </section>
        )
      })}
      <p class="kern-body kern-body--small">{t('funding.dataNote')}</p>
    </Layout>
  )
}

/** "Kommunen mit 10.000 bis 50.000 Einwohnerinnen und Einwohnern; kleinere gemeinsam (…)". */
function populationText(ctx: PageContext, p: NonNullable<FundingLine['rules']['population']>): string {
  const n = (v: number) => new Intl.NumberFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB').format(v)
  const range =
    p.min !== undefined && p.max !== undefined
      ? ctx.t('funding.population.range', { min: n(p.min), max: n(p.max) })
      : p.min !== undefined
        ? ctx.t('funding.population.min', { min: n(p.min) })
        : ctx.t('funding.population.max', { max: n(p.max ?? 0) })
  return p.jointBelowMin && p.min !== undefined
    ? `${range}; ${ctx.t('funding.population.joint', { min: n(p.min) })}`
    : range
}

export function RegisterPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx
  const hasErrors = Object.keys(form.errors).length > 0
  return (
    <Layout
      ctx={ctx}
      title={t('funding.register.title')}
      hasErrors={hasErrors}
      breadcrumbs={[{ href: '/foerderung', label: t('nav.funding') }, { label: t('funding.register.title') }]}
    >
      <PageHeading lead={t('funding.register.lead')}>{t('funding.register.title')}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={ctx.href('/foerderung/registrieren')}>
        <fieldset class="kern-fieldset">
          <legend class="kern-heading-small">{t('funding.register.org')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="organisationName"
            label={t('funding.register.name')}
            autocomplete="organization"
          />
          <Select
            ctx={ctx}
            form={form}
            name="kind"
            label={t('funding.register.kind')}
            options={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`funding.register.kind.${k}`) }))}
          />
          <TextInput ctx={ctx} form={form} name="legalForm" label={t('funding.register.legalForm')} />
          <TextInput
            ctx={ctx}
            form={form}
            name="registerCourt"
            label={t('funding.register.registerCourt')}
            optional
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="registerNumber"
            label={t('funding.register.registerNumber')}
            optional
          />
          <Checkbox ctx={ctx} form={form} name="nonProfit" label={t('funding.register.nonProfit')} />
          <TextInput
            ctx={ctx}
            form={form}
            name="officialKey"
            label={t('funding.register.officialKey')}
            hint={t('funding.register.officialKeyHint')}
            inputmode="numeric"
            optional
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="street"
            label={t('funding.register.street')}
            autocomplete="street-address"
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="postcode"
            label={t('funding.register.postcode')}
            autocomplete="postal-code"
            inputmode="numeric"
            width={4}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="city"
            label={t('funding.register.city')}
            autocomplete="address-level2"
          />
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-heading-small">{t('funding.register.representative')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="representativeGivenName"
            label={t('funding.register.givenName')}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="representativeFamilyName"
            label={t('funding.register.familyName')}
          />
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-heading-small">{t('funding.register.bank')}</legend>
          <TextInput ctx={ctx} form={form} name="iban" label={t('funding.register.iban')} />
          <TextInput ctx={ctx} form={form} name="accountHolder" label={t('funding.register.accountHolder')} />
        </fieldset>
        <fieldset class="kern-fieldset">
          <legend class="kern-heading-small">{t('funding.register.user')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="displayName"
            label={t('funding.register.displayName')}
            autocomplete="name"
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="email"
            type="email"
            label={t('funding.register.email')}
            autocomplete="email"
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="password"
            type="password"
            label={t('funding.register.password')}
            autocomplete="new-password"
          />
        </fieldset>
        <Button>{t('funding.register.submit')}</Button>
      </Form>
    </Layout>
  )
}

export function ConfirmPage({
  ctx,
  form,
  needsPassword,
}: {
  ctx: PageContext
  form: FormState
  needsPassword: boolean
}) {
  const { t } = ctx
  const error = form.errors.token
  return (
    <Layout ctx={ctx} title={t('funding.confirm.title')} hasErrors={Object.keys(form.errors).length > 0}>
      <PageHeading>{t('funding.confirm.title')}</PageHeading>
      {error ? <Alert kind="danger" title={error} /> : null}
      {needsPassword ? (
        <ErrorSummary
          ctx={ctx}
          form={{ values: {}, errors: form.errors.password ? { password: form.errors.password } : {} }}
        />
      ) : null}
      <Form ctx={ctx} action={ctx.href('/foerderung/bestaetigen')}>
        <input type="hidden" name="token" value={String(form.values.token ?? '')} />
        {needsPassword ? (
          <TextInput
            ctx={ctx}
            form={form}
            name="password"
            type="password"
            label={t('funding.register.password')}
            autocomplete="new-password"
          />
        ) : null}
        <Button>{t('funding.confirm.button')}</Button>
      </Form>
    </Layout>
  )
}
