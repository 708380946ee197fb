import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { type FormState, fields, hasAnyError } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { ContractDetails, ContractRow } from '../find-contracts'
import { ContractBody } from './parts'
import { ContractTable } from './public'
import { ReportForm } from './staff'

export const PARTNER = '/integrationsvertraege/berichte'

/** A partner's accounts: the contracts of their organisation. */
export function PartnerListPage({
  ctx,
  organisation,
  contracts,
}: {
  ctx: PageContext
  organisation: string | null
  contracts: readonly ContractRow[]
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('contracts.partner.title')}>
      <PageHeading lead={organisation ? t('contracts.partner.lead', { organisation }) : undefined}>
        {t('contracts.partner.title')}
      </PageHeading>
      {!organisation ? (
        <p class="kern-body">{t('contracts.partner.noOrganisation')}</p>
      ) : contracts.length === 0 ? (
        <p class="kern-body">{t('contracts.partner.none')}</p>
      ) : (
        <ContractTable
          ctx={ctx}
          caption={t('contracts.partner.title')}
          contracts={contracts}
          href={(c) => `${PARTNER}/${c.id}`}
        />
      )}
    </Layout>
  )
}

/** One contract of the partner's organisation with the report form. */
export function PartnerContractPage({
  ctx,
  contract,
  details,
  form,
}: {
  ctx: PageContext
  contract: ContractRow
  details: ContractDetails
  form: FormState
}) {
  const { t } = ctx
  const title = t('contracts.partner.contractTitle', { topic: contract.topic })
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasAnyError(form)}
      breadcrumbs={[{ href: PARTNER, label: t('contracts.partner.back') }, { label: contract.topic }]}
    >
      <PageHeading lead={contract.partnerName}>{title}</PageHeading>
      <ReportForm
        ctx={ctx}
        action={`${PARTNER}/${contract.id}`}
        form={form}
        contract={contract}
        details={details}
        legend={t('contracts.partner.reportLegend')}
        bound={fields(ctx, form)}
      />
      <ContractBody ctx={ctx} contract={contract} details={details} />
    </Layout>
  )
}
