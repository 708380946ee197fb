import type { PageContext } from '../../../platform/http/context'
import type { MessageKey } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Button, ErrorSummary, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import { CENTRE_SERVICES, COUNSELLING_LANGUAGES } from '../grounds'
import type { NetworkView } from './network-page'

const languageName = (ctx: PageContext, code: string) =>
  new Intl.DisplayNames([ctx.locale], { type: 'language' }).of(code) ?? code
const serviceName = (ctx: PageContext, id: string) => ctx.t(`antidisc.staff.service.${id}` as MessageKey)

/**
 * The network office's page: the member centres with the directory's contact and the network's
 * services, languages and districts; taking a directory organisation into the network (or changing
 * what it offers); binding counsellors to one centre.
 */
export function NetworkPage({
  ctx,
  view,
  centreForm,
  counsellorForm,
}: {
  ctx: PageContext
  view: NetworkView
  centreForm?: FormState
  counsellorForm?: FormState
}) {
  const { t } = ctx
  const cf = centreForm ?? { values: {}, errors: {} }
  const kf = counsellorForm ?? { values: {}, errors: {} }
  const c = fields(ctx, cf)
  const k = fields(ctx, kf)
  const centreName = (id: string | null) =>
    view.centres.find((x) => x.id === id)?.name ?? t('antidisc.staff.network.unbound')
  return (
    <Layout ctx={ctx} title={t('antidisc.staff.network.title')}>
      <PageHeading lead={t('antidisc.staff.network.lead')}>{t('antidisc.staff.network.title')}</PageHeading>
      <ErrorSummary ctx={ctx} form={[cf, kf]} />
      <h2 class="kern-heading-medium">{t('antidisc.staff.network.centres')}</h2>
      <Table
        caption={t('antidisc.staff.network.centres')}
        captionHidden
        rows={view.centres}
        rowKey={(r) => r.id}
        columns={[
          {
            header: t('antidisc.staff.network.col.name'),
            cell: (r) => (r.city ? `${r.name}, ${r.city}` : r.name),
          },
          {
            header: t('antidisc.staff.network.col.contact'),
            cell: (r) => (
              <bdi dir="ltr">{[r.email, r.phone, r.website].filter(Boolean).join(' · ') || '–'}</bdi>
            ),
          },
          {
            header: t('antidisc.staff.network.col.services'),
            cell: (r) => r.services.map((s) => serviceName(ctx, s)).join(', ') || '–',
          },
          {
            header: t('antidisc.staff.network.col.languages'),
            cell: (r) => r.languages.map((l) => languageName(ctx, l)).join(', '),
          },
          { header: t('antidisc.staff.network.col.districts'), cell: (r) => r.districts.join(', ') },
        ]}
      />
      <p class="kern-body kern-body--small">{t('antidisc.staff.network.directory')}</p>
      <h2 class="kern-heading-medium">{t('antidisc.staff.network.register')}</h2>
      <Form ctx={ctx} action="/beratung/netzwerk/stellen">
        <c.Select
          name="organisationId"
          label={t('antidisc.staff.network.organisation')}
          placeholder
          options={view.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <c.Checkboxes
          name="services"
          label={t('antidisc.staff.network.col.services')}
          options={CENTRE_SERVICES.map((s) => ({ value: s, label: serviceName(ctx, s) }))}
        />
        <c.Checkboxes
          name="languages"
          label={t('antidisc.staff.network.col.languages')}
          options={COUNSELLING_LANGUAGES.map((l) => ({ value: l, label: languageName(ctx, l) }))}
        />
        <c.Checkboxes
          name="districtIds"
          label={t('antidisc.staff.network.col.districts')}
          options={view.districts.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Button>{t('antidisc.staff.network.save')}</Button>
      </Form>
      <h2 class="kern-heading-medium">{t('antidisc.staff.network.counsellors')}</h2>
      {view.counsellors.length ? (
        <Table
          caption={t('antidisc.staff.network.counsellors')}
          captionHidden
          rows={view.counsellors}
          rowKey={(r) => r.userId}
          columns={[
            { header: t('antidisc.staff.network.col.person'), cell: (r) => `${r.name} (${r.email})` },
            { header: t('antidisc.staff.network.col.centre'), cell: (r) => centreName(r.centreId) },
          ]}
        />
      ) : (
        <p class="kern-body">{t('antidisc.staff.network.noCounsellors')}</p>
      )}
      <Form ctx={ctx} action="/beratung/netzwerk/beratende">
        <k.Select
          name="userId"
          label={t('antidisc.staff.network.col.person')}
          placeholder
          options={view.counsellors.map((r) => ({ value: r.userId, label: `${r.name} (${r.email})` }))}
        />
        <k.Select
          name="centreId"
          label={t('antidisc.staff.network.col.centre')}
          hint={t('antidisc.staff.network.oneCentre')}
          placeholder
          options={view.centres.map((r) => ({ value: r.id, label: r.name }))}
        />
        <Button variant="secondary">{t('antidisc.staff.network.bind')}</Button>
      </Form>
    </Layout>
  )
}
