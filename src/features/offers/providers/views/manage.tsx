import type { PageContext } from '../../../../platform/http/context'
import { formatDate } from '../../../../platform/i18n'
import { PageHeading, Pagination, Table } from '../../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { languageOptions, targetOptions, topicOptions } from '../../views/parts'
import { HIDE_AFTER_MONTHS, REMIND_AFTER_MONTHS } from '../../vocabulary'
import { KEPT_PAGE_SIZE, type KeptOffer } from '../find-kept-offers'

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

/** Whether an offer is current, due for confirmation or hidden from the public. */
export function offerStatus(confirmedAt: Date, now: Date = new Date()): 'current' | 'due' | 'hidden' {
  if (confirmedAt <= monthsBefore(now, HIDE_AFTER_MONTHS)) return 'hidden'
  if (confirmedAt <= monthsBefore(now, REMIND_AFTER_MONTHS)) return 'due'
  return 'current'
}

/** /angebote/verwalten: the offers the account keeps, oldest confirmation first, each confirmable. */
export function KeptOffersPage({
  ctx,
  rows,
  total,
  page,
  q,
  staff,
  organisationName,
}: {
  ctx: PageContext
  rows: readonly KeptOffer[]
  total: number
  page: number
  q: string
  staff: boolean
  organisationName: string | null
}) {
  const { t } = ctx
  const title = staff ? t('offers.staff.list.title') : t('offers.edit.list.title')
  const lead = staff
    ? t('offers.staff.list.lead')
    : t('offers.edit.list.lead', { organisation: organisationName ?? '', months: REMIND_AFTER_MONTHS })
  const sf = fields(ctx, { values: { q }, errors: {} })
  const base = ctx.href('/angebote/verwalten')
  return (
    <Layout ctx={ctx} title={title}>
      <PageHeading lead={lead}>{title}</PageHeading>
      <p class="kern-body">
        <a class="kern-btn kern-btn--secondary" href={ctx.href('/angebote/verwalten/neu')}>
          <span class="kern-label">{t('offers.edit.new')}</span>
        </a>
      </p>
      {staff ? (
        <form method="get" action={base} class="filter-form">
          <sf.Text name="q" optional label={t('offers.staff.list.search')} />
          <Button variant="secondary">{t('offers.staff.list.searchSubmit')}</Button>
        </form>
      ) : null}
      <p class="kern-body" role="status">
        {t('offers.edit.list.count', { n: total })}
      </p>
      {rows.length ? (
        <div class="offers-kept">
          <Table
            caption={title}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              {
                header: t('offers.edit.list.offer'),
                cell: (r) => (
                  <a class="kern-link" href={ctx.href(`/angebote/verwalten/${r.id}`)} lang={r.lang}>
                    {r.title}
                  </a>
                ),
              },
              ...(staff
                ? [{ header: t('offers.offer.provider'), cell: (r: KeptOffer) => r.organisationName }]
                : []),
              {
                header: t('offers.offer.where'),
                cell: (r) => r.placeName ?? (r.online ? t('offers.results.online') : ''),
              },
              {
                header: t('offers.edit.list.status'),
                cell: (r) => {
                  const s = offerStatus(r.confirmedAt)
                  return (
                    <div>
                      <p class={`kern-body offers-status offers-status--${s}`}>
                        {t(`offers.edit.status.${s}`, {
                          date: formatDate(ctx.locale, r.confirmedAt),
                          months: s === 'hidden' ? HIDE_AFTER_MONTHS : REMIND_AFTER_MONTHS,
                        })}
                      </p>
                      <Form
                        ctx={ctx}
                        action={ctx.href(`/angebote/verwalten/${r.id}/bestaetigen`)}
                        class="offers-confirm"
                      >
                        <button type="submit" class="kern-btn kern-btn--secondary">
                          <span class="kern-label">
                            {t('offers.edit.confirm')}
                            <span class="kern-sr-only">: {r.title}</span>
                          </span>
                        </button>
                      </Form>
                    </div>
                  )
                },
              },
            ]}
          />
        </div>
      ) : (
        <p class="kern-body">{t('offers.edit.list.none')}</p>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        pageCount={Math.max(1, Math.ceil(total / KEPT_PAGE_SIZE))}
        hrefFor={(p) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), seite: String(p) })}`}
      />
    </Layout>
  )
}

/** Create or edit one offer; providers see their organisation named, staff type it. */
export function EditOfferPage({
  ctx,
  form,
  id,
  staff,
  providerName,
}: {
  ctx: PageContext
  form: FormState
  id: string | null
  staff: boolean
  providerName: string | null
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = id ? t('offers.edit.editTitle') : t('offers.edit.newTitle')
  const action = ctx.href(id ? `/angebote/verwalten/${id}` : '/angebote/verwalten/neu')
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        {
          href: '/angebote/verwalten',
          label: staff ? t('offers.staff.list.title') : t('offers.edit.list.title'),
        },
        { label: title },
      ]}
    >
      <PageHeading lead={providerName ? t('offers.edit.for', { organisation: providerName }) : undefined}>
        {title}
      </PageHeading>
      {id ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/angebote/verwalten/${id}/uebersetzungen`)}>
            {t('offers.translation.link')}
          </a>
        </p>
      ) : null}
      <f.Summary />
      <Form ctx={ctx} action={action}>
        <Fieldset heading legend={t('offers.edit.section.what')}>
          {staff ? (
            <f.Text
              name="organisation"
              label={t('offers.staff.field.organisation')}
              hint={t('offers.staff.field.organisationHint')}
            />
          ) : null}
          <f.Text name="title" label={t('offers.edit.field.title')} />
          <f.Textarea
            name="description"
            optional
            label={t('offers.edit.field.description')}
            hint={t('offers.edit.field.descriptionHint')}
          />
          <f.Select name="lang" label={t('offers.edit.field.lang')} options={languageOptions(ctx)} />
          <f.Checkboxes name="topics" label={t('offers.offer.topics')} options={topicOptions(ctx)} />
          <f.Checkboxes
            name="targetGroups"
            optional
            label={t('offers.offer.targetGroups')}
            options={targetOptions(ctx)}
          />
          <f.Checkboxes
            name="languages"
            label={t('offers.edit.field.languages')}
            options={languageOptions(ctx)}
          />
        </Fieldset>
        <Fieldset heading legend={t('offers.edit.section.where')}>
          <f.Text
            name="ort"
            optional
            label={t('offers.edit.field.place')}
            hint={t('offers.edit.field.placeHint')}
            autocomplete="address-level2"
          />
          <f.Checkbox name="online" label={t('offers.edit.field.online')} />
          <f.Text
            name="street"
            optional
            label={t('offers.edit.field.street')}
            autocomplete="street-address"
          />
          <f.Text
            name="postcode"
            optional
            label={t('offers.edit.field.postcode')}
            width="postcode"
            autocomplete="postal-code"
            inputmode="numeric"
          />
          <f.Text name="city" optional label={t('offers.edit.field.city')} />
          <f.Text
            name="latitude"
            optional
            label={t('offers.edit.field.latitude')}
            width="number"
            inputmode="decimal"
          />
          <f.Text
            name="longitude"
            optional
            label={t('offers.edit.field.longitude')}
            width="number"
            inputmode="decimal"
          />
        </Fieldset>
        <Fieldset heading legend={t('offers.edit.section.when')}>
          <f.Text
            name="times"
            optional
            label={t('offers.edit.field.times')}
            hint={t('offers.edit.field.timesHint')}
          />
          <f.Date
            name="startsAt"
            optional
            withTime
            label={t('offers.edit.field.startsAt')}
            hint={t('offers.edit.field.startsAtHint')}
          />
          <f.Date name="endsAt" optional withTime label={t('offers.edit.field.endsAt')} />
          <f.Text
            name="cost"
            optional
            label={t('offers.edit.field.cost')}
            hint={t('offers.edit.field.costHint')}
            width="money"
            inputmode="decimal"
          />
          <f.Text name="costNote" optional label={t('offers.edit.field.costNote')} />
          <f.Radios
            name="wheelchair"
            label={t('offers.edit.field.wheelchair')}
            options={[
              { value: 'yes', label: t('offers.edit.wheelchair.yes') },
              { value: 'no', label: t('offers.edit.wheelchair.no') },
              { value: 'unknown', label: t('offers.edit.wheelchair.unknown') },
            ]}
          />
          <f.Textarea name="accessibility" optional rows={3} label={t('offers.offer.accessibility')} />
        </Fieldset>
        <Fieldset heading legend={t('offers.offer.contact')} hint={t('offers.edit.section.contactHint')}>
          <f.Text
            name="contactName"
            optional
            label={t('offers.edit.field.contactName')}
            autocomplete="name"
          />
          <f.Text
            name="contactEmail"
            optional
            type="email"
            label={t('offers.edit.field.contactEmail')}
            autocomplete="email"
          />
          <f.Text
            name="contactPhone"
            optional
            type="tel"
            label={t('offers.edit.field.contactPhone')}
            width="phone"
            autocomplete="tel"
          />
          <f.Text name="website" optional type="url" label={t('offers.edit.field.website')} />
        </Fieldset>
        <p class="kern-body">{t('offers.edit.savingConfirms')}</p>
        <Button>{id ? t('offers.edit.save') : t('offers.edit.create')}</Button>
      </Form>
    </Layout>
  )
}
