import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields, hasAnyError } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { ContractDetails, ContractRow } from '../find-contracts'
import { allowedTransitions } from '../lifecycle'
import type { ContractRoundRow } from '../rounds/find-rounds'
import { OpenRoundForm } from '../rounds/views'
import { OBLIGATION_SIDES } from '../tables'
import { ContractBody, day, statusLabel } from './parts'
import { ContractTable } from './public'

export const DESK = '/verwaltung/integrationsvertraege'
const hasErrors = (...forms: FormState[]) => forms.some(hasAnyError)

type Partner = { id: string; name: string }

function ContractFields({
  f,
  ctx,
  partners,
}: {
  f: ReturnType<typeof fields>
  ctx: PageContext
  partners: readonly Partner[]
}) {
  const { t } = ctx
  return (
    <>
      <f.Select
        name="organisationId"
        label={t('contracts.staff.partner')}
        hint={t('contracts.staff.partnerHint')}
        placeholder
        options={partners.map((p) => ({ value: p.id, label: p.name }))}
      />
      <f.Text name="topic" label={t('contracts.staff.topic')} />
      <f.Textarea name="summary" optional label={t('contracts.staff.summary')} />
      <f.Date name="startsOn" label={t('contracts.staff.startsOn')} />
      <f.Date name="endsOn" label={t('contracts.staff.endsOn')} />
    </>
  )
}

/** The ministry's list of every contract and the form recording a new one. */
export function ContractsDeskPage({
  ctx,
  contracts,
  partners,
  form,
}: {
  ctx: PageContext
  contracts: readonly ContractRow[]
  partners: readonly Partner[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={t('contracts.staff.title')} hasErrors={hasErrors(form)}>
      <PageHeading lead={t('contracts.staff.lead')}>{t('contracts.staff.title')}</PageHeading>
      <ContractTable
        ctx={ctx}
        caption={t('contracts.staff.caption')}
        contracts={contracts}
        href={(c) => `${DESK}/${c.id}`}
      />
      <Form ctx={ctx} class="contracts-form" action={ctx.href(DESK)}>
        <f.Summary />
        <Fieldset heading legend={t('contracts.staff.new')}>
          <ContractFields f={f} ctx={ctx} partners={partners} />
        </Fieldset>
        <Button>{t('contracts.staff.create')}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/integrationsvertraege')}>
          {t('contracts.staff.publicPage')}
        </a>
      </p>
    </Layout>
  )
}

export interface ContractForms {
  readonly details: FormState
  readonly status: FormState
  readonly obligation: FormState
  readonly milestone: FormState
  readonly renewal: FormState
  readonly document: FormState
  readonly report: FormState
  readonly round: FormState
}

/** One contract on the ministry's side: its content as published, then one form per change. */
export function ContractStaffPage({
  ctx,
  contract: c,
  details,
  partners,
  forms,
  maxMb,
  rounds = [],
}: {
  ctx: PageContext
  contract: ContractRow
  details: ContractDetails
  partners: readonly Partner[]
  forms: ContractForms
  maxMb: number
  /** The comment rounds on this contract's draft (rounds/). */
  rounds?: readonly ContractRoundRow[]
}) {
  const { t } = ctx
  const base = `${DESK}/${c.id}`
  const title = t('contracts.staff.contractTitle', { topic: c.topic })
  const d = fields(ctx, forms.details)
  const s = fields(ctx, forms.status)
  const o = fields(ctx, forms.obligation)
  const m = fields(ctx, forms.milestone)
  const r = fields(ctx, forms.renewal)
  const doc = fields(ctx, forms.document)
  const rep = fields(ctx, forms.report)
  const next = allowedTransitions(c.status)
  const term = { start: day(ctx, c.startsOn), end: day(ctx, c.endsOn) }
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(...Object.values(forms))}
      breadcrumbs={[{ href: DESK, label: t('contracts.staff.title') }, { label: c.partnerName }]}
    >
      <PageHeading lead={`${c.partnerName} · ${statusLabel(ctx, c.status)}`}>{title}</PageHeading>
      {c.status !== 'negotiation' ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/integrationsvertraege/${c.id}`)}>
            {t('contracts.staff.publicPage')}
          </a>
        </p>
      ) : null}
      <Form ctx={ctx} class="contracts-form" action={ctx.href(`${base}/status`)}>
        <s.Summary />
        <Fieldset heading legend={t('contracts.staff.statusLegend')}>
          {next.length ? (
            <>
              <s.Radios
                name="to"
                label={t('contracts.staff.statusTo')}
                hint={t('contracts.staff.statusHint')}
                options={next.map((x) => ({ value: x, label: statusLabel(ctx, x) }))}
              />
              {c.status === 'negotiation' ? (
                <s.Date
                  name="signedOn"
                  optional
                  label={t('contracts.staff.signedOn')}
                  hint={t('contracts.staff.signedOnHint')}
                />
              ) : null}
            </>
          ) : (
            <p class="kern-body">{t('contracts.staff.noTransition')}</p>
          )}
        </Fieldset>
        {next.length ? <Button>{t('contracts.staff.changeStatus')}</Button> : null}
      </Form>
      <Form ctx={ctx} class="contracts-form" action={ctx.href(`${base}/vertrag`)} multipart>
        <doc.Summary />
        <Fieldset heading legend={t('contracts.staff.documentLegend')}>
          <doc.File
            name="file"
            label={t('contracts.staff.file')}
            hint={t('contracts.staff.fileHint', { mb: maxMb })}
            accept="application/pdf"
          />
        </Fieldset>
        <Button>{t('contracts.staff.upload')}</Button>
      </Form>
      <Form ctx={ctx} class="contracts-form" action={ctx.href(`${base}/meilensteine`)}>
        <m.Summary />
        <Fieldset heading legend={t('contracts.staff.milestoneLegend')}>
          <m.Text name="milestoneTitle" label={t('contracts.staff.milestoneTitle')} />
          <m.Date
            name="dueOn"
            label={t('contracts.staff.dueOn')}
            hint={t('contracts.staff.dueOnHint', term)}
          />
          <m.Text
            name="evidence"
            optional
            label={t('contracts.staff.evidence')}
            hint={t('contracts.staff.evidenceHint')}
          />
        </Fieldset>
        <Button>{t('contracts.staff.addMilestone')}</Button>
      </Form>
      <Form ctx={ctx} class="contracts-form" action={ctx.href(`${base}/pflichten`)}>
        <o.Summary />
        <Fieldset heading legend={t('contracts.staff.obligationLegend')}>
          <o.Radios
            name="side"
            label={t('contracts.staff.side')}
            options={OBLIGATION_SIDES.map((x) => ({ value: x, label: t(`contracts.obligations.${x}`) }))}
          />
          <o.Textarea name="obligationText" label={t('contracts.staff.obligationText')} />
        </Fieldset>
        <Button>{t('contracts.staff.addObligation')}</Button>
      </Form>
      {c.status === 'negotiation' ? (
        <OpenRoundForm ctx={ctx} contractId={c.id} rounds={rounds} form={forms.round} />
      ) : null}
      {c.status === 'running' || c.status === 'evaluated' ? (
        <Form ctx={ctx} class="contracts-form" action={ctx.href(`${base}/verlaengerung`)}>
          <r.Summary />
          <Fieldset heading legend={t('contracts.staff.renewalLegend')}>
            <r.Date name="renewedOn" label={t('contracts.staff.renewedOn')} />
            <r.Date name="newEndsOn" label={t('contracts.staff.newEndsOn')} />
            <r.Textarea name="renewalNote" optional label={t('contracts.staff.renewalNote')} />
          </Fieldset>
          <Button>{t('contracts.staff.renew')}</Button>
        </Form>
      ) : (
        <r.Summary />
      )}
      <ReportForm
        ctx={ctx}
        action={`${base}/berichte`}
        form={forms.report}
        contract={c}
        details={details}
        legend={t('contracts.staff.reportLegend')}
        bound={rep}
      />
      <Form ctx={ctx} class="contracts-form" action={ctx.href(base)}>
        <d.Summary />
        <Fieldset heading legend={t('contracts.staff.details')}>
          <ContractFields f={d} ctx={ctx} partners={partners} />
        </Fieldset>
        <Button>{t('contracts.staff.save')}</Button>
      </Form>
      <ContractBody ctx={ctx} contract={c} details={details} />
    </Layout>
  )
}

/** The report form (partners, and the ministry recording a report received otherwise). */
export function ReportForm({
  ctx,
  action,
  contract,
  details,
  legend,
  bound: f,
}: {
  ctx: PageContext
  action: string
  form: FormState
  contract: ContractRow
  details: ContractDetails
  legend: string
  bound: ReturnType<typeof fields>
}) {
  const { t } = ctx
  if (contract.status !== 'signed' && contract.status !== 'running' && contract.status !== 'evaluated')
    return (
      <>
        <f.Summary />
        <p class="kern-body">{t('contracts.partner.closed')}</p>
      </>
    )
  return (
    <Form ctx={ctx} class="contracts-form" action={ctx.href(action)}>
      <f.Summary />
      <Fieldset heading legend={legend}>
        <f.Select
          name="milestoneId"
          optional
          label={t('contracts.partner.milestone')}
          hint={t('contracts.partner.milestoneHint')}
          options={details.milestones.map((m) => ({
            value: m.id,
            label: `${m.title} (${day(ctx, m.dueOn)})`,
          }))}
        />
        <f.Textarea name="text" label={t('contracts.partner.text')} hint={t('contracts.partner.textHint')} />
      </Fieldset>
      <Button>{t('contracts.partner.submit')}</Button>
    </Form>
  )
}
