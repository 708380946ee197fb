import { Fragment } from 'preact'
import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle, FundingApplication, FundingLine } from '../../queries'
import { NoticeTable } from '../../review/views/amendment'
import { costField, financingField, quantityField } from '../../rules'
import { costHint, germanOrIso, lineName, money, quantityHint, StatusBadge, text } from '../../views/parts'
import { editable, periodYears, STEPS, type Step } from '../save-application'

export const STEP_PATHS: Record<Step, string> = {
  project: 'projekt',
  costs: 'kosten',
  financing: 'finanzierung',
  declarations: 'erklaerungen',
  attachments: 'anlagen',
}

const base = (id: string) => `/foerderung/antraege/${id}`

export function MyApplicationsPage({
  ctx,
  rows,
  lines,
  closedLines = [],
  confirmed,
  form,
  inviteForm = { values: {}, errors: {} },
  members,
}: {
  ctx: PageContext
  rows: readonly { app: FundingApplication; lineName: string; lineNameEn: string }[]
  /** The open lines this organisation may apply for. */
  lines: readonly FundingLine[]
  /** The open lines it may not apply for, with the reasons (shown, not offered). */
  closedLines?: readonly { line: FundingLine; reasons: readonly string[] }[]
  confirmed: boolean
  form: FormState
  inviteForm?: FormState
  members: readonly { email: string; displayName: string; confirmed: boolean }[]
}) {
  const f = fields(ctx, form)
  const inviteFormF = fields(ctx, inviteForm)
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('funding.mine.title')}
      breadcrumbs={[{ href: '/foerderung', label: t('nav.funding') }, { label: t('funding.mine.title') }]}
    >
      <PageHeading>{t('funding.mine.title')}</PageHeading>
      {!confirmed ? <Alert kind="warning" title={t('funding.mine.unconfirmed')} /> : null}
      {rows.length ? (
        <Table
          caption={t('funding.mine.caption')}
          rows={rows}
          rowKey={(r) => r.app.id}
          columns={[
            {
              header: t('funding.col.title'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(base(r.app.id))}>
                  {r.app.title ?? t('funding.untitled')}
                </a>
              ),
            },
            { header: t('funding.col.line'), cell: (r) => (ctx.locale === 'de' ? r.lineName : r.lineNameEn) },
            { header: t('funding.col.fileNumber'), cell: (r) => r.app.fileNumber ?? '–' },
            { header: t('funding.col.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.app.status} /> },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.mine.none')}</p>
      )}
      {confirmed ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.mine.new')}</h2>
          <f.Summary />
          <Form ctx={ctx} action={ctx.href('/foerderung/antraege')}>
            <f.Select
              name="lineId"
              label={t('funding.mine.line')}
              options={lines.map((l) => ({ value: l.id, label: lineName(ctx, l) }))}
            />
            <Button>{t('funding.mine.start')}</Button>
          </Form>
          {closedLines.length ? (
            <div class="funding-not-eligible">
              <h3 class="kern-heading-small">{t('funding.mine.notEligible')}</h3>
              <ul class="kern-list">
                {closedLines.map(({ line, reasons }) => (
                  <li key={line.id}>
                    <strong>{lineName(ctx, line)}:</strong> {reasons.join(' ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h2 class="kern-heading-medium">{t('funding.members.title')}</h2>
          <ul class="kern-list">
            {members.map((m) => (
              <li key={m.email}>
                {m.displayName} ({m.email}){m.confirmed ? '' : ` – ${t('funding.members.pending')}`}
              </li>
            ))}
          </ul>
          <inviteFormF.Summary />
          <Form ctx={ctx} action={ctx.href('/foerderung/antraege/mitglieder')}>
            <inviteFormF.Text name="displayName" label={t('funding.members.name')} autocomplete="off" />
            <inviteFormF.Text
              name="email"
              type="email"
              label={t('funding.members.email')}
              autocomplete="off"
            />
            <Button variant="secondary">{t('funding.members.invite')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  )
}

function crumbs(ctx: PageContext, b: ApplicationBundle, here?: string) {
  const title = b.app.title ?? ctx.t('funding.untitled')
  return [
    { href: '/foerderung', label: ctx.t('nav.funding') },
    { href: '/foerderung/antraege', label: ctx.t('funding.mine.title') },
    ...(here ? [{ href: base(b.app.id), label: title }, { label: here }] : [{ label: title }]),
  ]
}

export function TaskListPage({ ctx, b, form }: { ctx: PageContext; b: ApplicationBundle; form: FormState }) {
  const f = fields(ctx, form)
  const { t } = ctx
  const canEdit = editable(b)
  return (
    <Layout
      ctx={ctx}
      title={t('funding.app.title', { line: lineName(ctx, b.line) })}
      breadcrumbs={crumbs(ctx, b)}
    >
      <PageHeading lead={b.app.title ?? undefined}>
        {t('funding.app.title', { line: lineName(ctx, b.line) })}
      </PageHeading>
      <p class="kern-body">
        <StatusBadge ctx={ctx} status={b.app.status} />
        {b.app.fileNumber ? (
          <>
            {' '}
            {t('funding.col.fileNumber')}: <bdi dir="ltr">{b.app.fileNumber}</bdi>
          </>
        ) : (
          ''
        )}
      </p>
      <f.Summary />
      {b.notices.length ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.app.notices')}</h2>
          <NoticeTable ctx={ctx} b={b} />
          {b.grants.length && (b.app.status === 'approved' || b.app.status === 'partially_approved') ? (
            <p class="kern-body">
              <a class="kern-btn kern-btn--secondary" href={ctx.href(`${base(b.app.id)}/mittelabruf`)}>
                <span class="kern-label">{t('funding.pay.link')}</span>
              </a>{' '}
              <a
                class="kern-btn kern-btn--secondary"
                href={ctx.href(`${base(b.app.id)}/verwendungsnachweis`)}
              >
                <span class="kern-label">{t('funding.proof.link')}</span>
              </a>{' '}
              <a class="kern-btn kern-btn--secondary" href={ctx.href(`${base(b.app.id)}/aenderungen`)}>
                <span class="kern-label">{t('funding.change.link')}</span>
              </a>
              {b.line.rules.costCategories.some((c) => c.passThrough) ? (
                <>
                  {' '}
                  <a class="kern-btn kern-btn--secondary" href={ctx.href(`${base(b.app.id)}/weiterleitung`)}>
                    <span class="kern-label">{t('funding.sub.link')}</span>
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
      {!canEdit && b.app.status !== 'draft' && !b.notices.length ? (
        <p class="kern-body">{t('funding.app.readOnly')}</p>
      ) : null}
      <div class="kern-task-list">
        <div class="kern-task-list__header">
          <h2 class="kern-heading-medium">{t('funding.app.tasks')}</h2>
        </div>
        <ol class="kern-task-list__list" id="feld-steps">
          {STEPS.map((step, i) => {
            const done = b.app.doneSteps.includes(step)
            const label = t(`funding.app.step.${step}`)
            return (
              <li key={step} class="kern-task-list__item" id={`feld-step_${step}`}>
                <span class="kern-number" aria-hidden="true">
                  {i + 1}
                </span>
                <div class="kern-task-list__content-wrapper">
                  {canEdit ? (
                    <a
                      class="kern-link kern-link--stretched kern-task-list__title"
                      href={ctx.href(`${base(b.app.id)}/${STEP_PATHS[step]}`)}
                    >
                      {label}
                    </a>
                  ) : (
                    <a
                      class="kern-link kern-link--stretched kern-task-list__title"
                      href={ctx.href(`${base(b.app.id)}/pruefen#schritt-${step}`)}
                    >
                      {label}
                    </a>
                  )}
                  {form.errors[`step_${step}`] ? (
                    <p class="kern-error" id={`feld-step_${step}-error`}>
                      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                      <span class="kern-sr-only">{t('ui.error.prefix')} </span>
                      {form.errors[`step_${step}`]}
                    </p>
                  ) : null}
                </div>
                <div class="kern-task-list__status">
                  <span class={`kern-badge kern-badge--${done ? 'success' : 'info'}`}>
                    {done ? t('funding.app.done') : t('funding.app.open')}
                  </span>
                </div>
              </li>
            )
          })}
        </ol>
      </div>
      {b.comments.length ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.app.messages')}</h2>
          <ul class="kern-list">
            {b.comments
              .filter((c) => c.kind !== 'comment')
              .map((c) => (
                <li key={c.id}>
                  <strong>{t(`funding.comment.${c.kind}`)}:</strong> {c.body}
                </li>
              ))}
          </ul>
        </>
      ) : null}
      {b.app.status !== 'draft' || canEdit ? (
        <p class="kern-body">
          <a class="kern-btn kern-btn--primary" href={ctx.href(`${base(b.app.id)}/pruefen`)}>
            <span class="kern-label">{canEdit ? t('funding.check.open') : t('funding.check.view')}</span>
          </a>
        </p>
      ) : null}
      {!canEdit && b.app.fileNumber ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`${base(b.app.id)}/antrag.pdf`)}>
            {t('funding.check.pdf')}
          </a>
        </p>
      ) : null}
    </Layout>
  )
}

function StepLayout({
  ctx,
  b,
  step,
  form,
  children,
  multipart,
}: {
  ctx: PageContext
  b: ApplicationBundle
  step: Step
  form: FormState
  children: preact.ComponentChildren
  multipart?: boolean
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const title = t(`funding.app.step.${step}`)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, b, title)}>
      <PageHeading lead={lineName(ctx, b.line)}>{title}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${base(b.app.id)}/${STEP_PATHS[step]}`)} multipart={multipart}>
        {children}
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(base(b.app.id))}>
          {t('funding.app.back')}
        </a>
      </p>
    </Layout>
  )
}

export function ProjectStep({
  ctx,
  b,
  form,
  partnerOptions = [],
}: {
  ctx: PageContext
  b: ApplicationBundle
  form: FormState
  partnerOptions?: readonly { id: string; name: string }[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const rules = b.line.rules
  const pop = rules.population
  const jointPossible = b.org.facts.kind === 'municipality' && !!pop?.jointBelowMin && pop.min !== undefined
  const partner = rules.partnerRequired
  const needsPartner = !!partner && partner.applicantKinds.includes(b.org.facts.kind)
  const count = (n: number) => new Intl.NumberFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB').format(n)
  return (
    <StepLayout ctx={ctx} b={b} step="project" form={form}>
      <f.Text name="title" label={t('funding.project.title')} />
      <f.Textarea name="aims" label={t('funding.project.aims')} rows={5} />
      <f.Textarea name="targetGroups" label={t('funding.project.targetGroups')} rows={3} />
      <f.Textarea name="municipalities" label={t('funding.project.municipalities')} rows={2} />
      <f.Date name="periodStart" label={t('funding.project.periodStart')} />
      <f.Date name="periodEnd" label={t('funding.project.periodEnd')} />
      {jointPossible ? (
        <Fieldset heading legend={t('funding.partners.joint')}>
          <p class="kern-body">
            {t('funding.partners.jointLead', {
              own: b.org.facts.population != null ? count(b.org.facts.population) : '–',
              min: count(pop.min!),
            })}
          </p>
          <f.Checkbox name="joint" label={t('funding.partners.jointCheck')} />
          <f.Textarea
            name="partnerMunicipalities"
            label={t('funding.partners.municipalities')}
            hint={t('funding.partners.municipalitiesHint')}
            optional
            rows={4}
          />
        </Fieldset>
      ) : null}
      {needsPartner ? (
        <f.Select
          name="partnerOrganisationId"
          label={t('funding.partners.organisation')}
          hint={t(
            partnerOptions.length ? 'funding.partners.organisationHint' : 'funding.partners.organisationNone',
            {
              kinds: partner.partnerKinds.map((k) => t(`funding.orgKind.${k}`)).join(', '),
            },
          )}
          options={partnerOptions.map((o) => ({ value: o.id, label: o.name }))}
          placeholder
        />
      ) : null}
      <Button>{t('funding.app.save')}</Button>
    </StepLayout>
  )
}

export function CostsStep({ ctx, b, form }: { ctx: PageContext; b: ApplicationBundle; form: FormState }) {
  const f = fields(ctx, form)
  const { t } = ctx
  const years = periodYears(b)
  const rules = b.line.rules
  return (
    <StepLayout ctx={ctx} b={b} step="costs" form={form}>
      <p class="kern-body">{t('funding.costs.hint')}</p>
      {years.map((year) => (
        <Fieldset heading key={year} legend={t('funding.costs.year', { year })}>
          {rules.costCategories.map((c) => (
            <Fragment key={c.key}>
              {(c.quantities ?? []).map((q) => (
                <f.Text
                  key={q.key}
                  name={quantityField(year, q.key)}
                  label={`${text(ctx, q.label)} ${year}`}
                  hint={quantityHint(ctx, rules, q)}
                  inputmode={q.unit === 'fte' ? 'decimal' : 'numeric'}
                  optional
                  width="number"
                />
              ))}
              <f.Text
                name={costField(year, c.key)}
                label={`${text(ctx, c.label)} ${year}`}
                hint={costHint(ctx, c)}
                inputmode="decimal"
                optional
                width="money"
              />
            </Fragment>
          ))}
        </Fieldset>
      ))}
      <Button>{t('funding.app.save')}</Button>
    </StepLayout>
  )
}

export function FinancingStep({ ctx, b, form }: { ctx: PageContext; b: ApplicationBundle; form: FormState }) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <StepLayout ctx={ctx} b={b} step="financing" form={form}>
      {periodYears(b).map((year) => {
        const costs = b.costs.filter((c) => c.year === year).reduce((s, c) => s + c.cents, 0)
        return (
          <Fieldset heading key={year} legend={t('funding.fin.year', { year, costs: money(ctx, costs) })}>
            <f.Text
              name={financingField(year, 'own')}
              label={t('funding.fin.own', { year })}
              inputmode="decimal"
              optional
              width="money"
            />
            <f.Text
              name={financingField(year, 'third')}
              label={t('funding.fin.third', { year })}
              inputmode="decimal"
              optional
              width="money"
            />
            <f.Text
              name={financingField(year, 'requested')}
              label={t('funding.fin.requested', { year })}
              inputmode="decimal"
              width="money"
            />
          </Fieldset>
        )
      })}
      <Button>{t('funding.app.save')}</Button>
    </StepLayout>
  )
}

export function DeclarationsStep({
  ctx,
  b,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  form: FormState
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <StepLayout ctx={ctx} b={b} step="declarations" form={form}>
      <f.Checkbox name="notStarted" label={t('funding.decl.notStarted')} />
      <f.Checkbox name="truth" label={t('funding.decl.truth')} />
      <Button>{t('funding.app.save')}</Button>
    </StepLayout>
  )
}

export function AttachmentsStep({
  ctx,
  b,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  form: FormState
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const required = b.line.rules.requiredAttachments
  return (
    <StepLayout ctx={ctx} b={b} step="attachments" form={form} multipart>
      <ul class="kern-list">
        {required.map((a) => {
          const have = b.attachments.find((x) => x.kind === a.key)
          return (
            <li key={a.key}>
              {text(ctx, a.label)}:{' '}
              {have ? (
                <a
                  class="kern-link"
                  href={ctx.href(fileUrl({ id: have.fileId, originalName: have.fileName }))}
                >
                  {t('funding.att.have', { name: have.fileName })}
                </a>
              ) : (
                t('funding.att.missing')
              )}
            </li>
          )
        })}
      </ul>
      <f.Select
        name="kind"
        label={t('funding.att.kind')}
        options={required.map((a) => ({ value: a.key, label: text(ctx, a.label) }))}
      />
      <f.File name="file" label={t('funding.att.file')} accept=".pdf,.docx,.xlsx,.odt,.ods,application/pdf" />
      <Button>{t('funding.att.upload')}</Button>
    </StepLayout>
  )
}

export { germanOrIso }
