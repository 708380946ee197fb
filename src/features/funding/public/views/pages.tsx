import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, ErrorSummary, Fieldset, Form, type FormState, fields } from '../../../../platform/ui/form'
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
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/foerderung/projekte')}>
          {t('funding.projects.link')}
        </a>
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
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('funding.register.title')}
      breadcrumbs={[{ href: '/foerderung', label: t('nav.funding') }, { label: t('funding.register.title') }]}
    >
      <PageHeading lead={t('funding.register.lead')}>{t('funding.register.title')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/foerderung/registrieren')}>
        <Fieldset heading legend={t('funding.register.org')}>
          <f.Text name="organisationName" label={t('funding.register.name')} autocomplete="organization" />
          <f.Radios
            name="kind"
            label={t('funding.register.kind')}
            options={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`funding.register.kind.${k}`) }))}
          />
          <f.Text name="legalForm" label={t('funding.register.legalForm')} />
          <f.Text name="registerCourt" label={t('funding.register.registerCourt')} optional />
          <f.Text name="registerNumber" label={t('funding.register.registerNumber')} optional />
          <f.Checkbox name="nonProfit" label={t('funding.register.nonProfit')} />
          <f.Text
            name="officialKey"
            label={t('funding.register.officialKey')}
            hint={t('funding.register.officialKeyHint')}
            inputmode="numeric"
            width="code"
            optional
          />
          <f.Text name="street" label={t('funding.register.street')} autocomplete="street-address" />
          <f.Text
            name="postcode"
            label={t('funding.register.postcode')}
            autocomplete="postal-code"
            inputmode="numeric"
            width="postcode"
          />
          <f.Text name="city" label={t('funding.register.city')} autocomplete="address-level2" />
        </Fieldset>
        <Fieldset heading legend={t('funding.register.representative')}>
          <f.Text name="representativeGivenName" label={t('funding.register.givenName')} />
          <f.Text name="representativeFamilyName" label={t('funding.register.familyName')} />
        </Fieldset>
        <Fieldset heading legend={t('funding.register.bank')}>
          <f.Text name="iban" label={t('funding.register.iban')} width="iban" autocomplete="off" />
          <f.Text name="accountHolder" label={t('funding.register.accountHolder')} />
        </Fieldset>
        <Fieldset heading legend={t('funding.register.user')}>
          <f.Text name="displayName" label={t('funding.register.displayName')} autocomplete="name" />
          <f.Text name="email" type="email" label={t('funding.register.email')} autocomplete="email" />
          <f.Text
            name="password"
            type="password"
            label={t('funding.register.password')}
            autocomplete="new-password"
          />
        </Fieldset>
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
  const f = fields(ctx, form)
  const { t } = ctx
  const error = form.errors.token
  return (
    <Layout ctx={ctx} title={t('funding.confirm.title')}>
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
          <f.Text
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
