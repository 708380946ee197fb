import type { PageContext } from '../../../platform/http/context'
import { germanContent } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { ContractDetails, ContractRow } from '../find-contracts'
import { ContractBody, statusLabel, termText } from './parts'

/** The table of contracts: partner, topic (the link), term and state. */
export function ContractTable({
  ctx,
  caption,
  contracts,
  href,
}: {
  ctx: PageContext
  caption: string
  contracts: readonly ContractRow[]
  href: (c: ContractRow) => string
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <Table
      caption={caption}
      rows={contracts}
      rowKey={(c) => c.id}
      columns={[
        { header: t('contracts.col.partner'), cell: (c) => <span {...de}>{c.partnerName}</span> },
        {
          header: t('contracts.col.topic'),
          cell: (c) => (
            <a class="kern-link" href={ctx.href(href(c))} {...de}>
              {c.topic}
            </a>
          ),
        },
        { header: t('contracts.col.term'), cell: (c) => termText(ctx, c) },
        { header: t('contracts.col.status'), cell: (c) => statusLabel(ctx, c.status) },
      ]}
    />
  )
}

/** /integrationsvertraege: the public register. */
export function ContractsPage({ ctx, contracts }: { ctx: PageContext; contracts: readonly ContractRow[] }) {
  const { t } = ctx
  const title = t('contracts.title')
  return (
    <Layout ctx={ctx} title={title} description={t('home.contracts.text')}>
      <PageHeading lead={t('contracts.lead')}>{title}</PageHeading>
      {contracts.length === 0 ? (
        <p class="kern-body">{t('contracts.none')}</p>
      ) : (
        <ContractTable
          ctx={ctx}
          caption={t('contracts.caption')}
          contracts={contracts}
          href={(c) => `/integrationsvertraege/${c.id}`}
        />
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/integrationsvertraege/kommentierung')}>
          {t('contracts.round.toList')}
        </a>
      </p>
    </Layout>
  )
}

/** /integrationsvertraege/:id: one contract. */
export function ContractPage({
  ctx,
  contract,
  details,
}: {
  ctx: PageContext
  contract: ContractRow
  details: ContractDetails
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={`${contract.topic} – ${contract.partnerName}`}
      breadcrumbs={[
        { href: '/integrationsvertraege', label: t('contracts.title') },
        { label: contract.partnerName },
      ]}
    >
      <PageHeading lead={<span {...de}>{contract.partnerName}</span>}>
        <span {...de}>{contract.topic}</span>
      </PageHeading>
      {contract.demo ? <p class="kern-body contracts-demo">{t('contracts.demo')}</p> : null}
      {contract.summary ? (
        <p class="kern-body" {...de}>
          {contract.summary}
        </p>
      ) : null}
      <ContractBody ctx={ctx} contract={contract} details={details} />
    </Layout>
  )
}
