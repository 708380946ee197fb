import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { publicOffer } from '../find-offers'
import { dirOf, type OfferTranslation } from '../translations'
import { languageName } from '../vocabulary'
import { formatEuro, placeLabel, targetLabel, topicLabel } from './parts'

type Offer = NonNullable<Awaited<ReturnType<typeof publicOffer>>>

function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="offer-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** An offer's own page: what, where (in words), when, languages, cost, accessibility, contact. */
export function OfferPage({
  ctx,
  data,
  stale,
  jsonLd,
  translation = null,
}: {
  ctx: PageContext
  data: Offer
  /** Not confirmed for 12 months (still shown until 15). */
  stale: boolean
  jsonLd: string
  /** The provider's translation into the page's language, if there is one. */
  translation?: OfferTranslation | null
}) {
  const { t } = ctx
  const o = data.offer
  const placeName = data.place ? placeLabel(ctx, data.place) : null
  const address = [o.street, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  const email = o.contactEmail ?? data.provider.email
  const phone = o.contactPhone ?? data.provider.phone
  const website = o.website ?? data.provider.website
  // The provider's translation into the page's language; otherwise the original with its language.
  const title = translation?.title ?? o.title
  const titleLang = translation?.title ? translation.lang : o.lang
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={(translation?.description ?? o.description).slice(0, 160)}
      breadcrumbs={[{ href: '/angebote', label: t('offers.title') }, { label: title }]}
      head={
        // JSON-LD is data, not script: escaped by scriptJson so it cannot close the element.
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      }
    >
      <div class="offer-heading" lang={titleLang} dir={dirOf(titleLang)}>
        <PageHeading>{title}</PageHeading>
      </div>
      {o.demo ? <p class="kern-body offers-tag offers-tag--demo">{t('offers.offer.demo')}</p> : null}
      {stale ? (
        <div class="kern-alert kern-alert--warning" role="note">
          <div class="kern-alert__body">
            <p class="kern-body">{t('offers.offer.stale')}</p>
          </div>
        </div>
      ) : null}
      {translation ? (
        <div class="prose">
          <p class="kern-body offer-description" lang={translation.lang} dir={dirOf(translation.lang)}>
            {translation.description}
          </p>
          <p class="kern-body kern-hint">
            {t('offers.translation.byProvider', { language: languageName(o.lang, ctx.locale) })}
          </p>
          <details class="offer-original">
            <summary class="kern-body">
              {t('offers.translation.original', { language: languageName(o.lang, ctx.locale) })}
            </summary>
            <p class="kern-body" lang={o.lang} dir={dirOf(o.lang)}>
              {o.title}
            </p>
            {o.description ? (
              <p class="kern-body" lang={o.lang} dir={dirOf(o.lang)}>
                {o.description}
              </p>
            ) : null}
          </details>
        </div>
      ) : o.description ? (
        <div class="prose">
          <p class="kern-body offer-description" lang={o.lang} dir={dirOf(o.lang)}>
            {o.description}
          </p>
          {o.lang !== ctx.locale ? (
            <p class="kern-body kern-hint">
              {t('offers.offer.originalLanguage', { language: languageName(o.lang, ctx.locale) })}
            </p>
          ) : null}
        </div>
      ) : null}
      <dl class="offer-facts">
        <Row label={t('offers.offer.provider')}>{data.provider.name}</Row>
        <Row label={t('offers.offer.where')}>
          {placeName ?? t('offers.offer.onlineOnly')}
          {placeName && o.online ? <div>{t('offers.offer.online')}</div> : null}
        </Row>
        {o.times ? (
          <Row label={t('offers.offer.when')}>
            <span lang={o.lang} dir="auto">
              {o.times}
            </span>
          </Row>
        ) : null}
        {o.startsAt ? (
          <Row label={t('offers.offer.dates')}>
            {formatDate(ctx.locale, o.startsAt, true)}
            {o.endsAt ? ` – ${formatDate(ctx.locale, o.endsAt, true)}` : null}
            <div>
              <a class="kern-link" href={ctx.href(`/angebote/${o.id}/termin.ics`)} download>
                {t('offers.offer.ical')}
              </a>
            </div>
          </Row>
        ) : null}
        <Row label={t('offers.offer.languages')}>
          {o.languages.map((l) => languageName(l, ctx.locale)).join(', ')}
        </Row>
        <Row label={t('offers.offer.topics')}>{o.topics.map((x) => topicLabel(ctx, x)).join(', ')}</Row>
        {o.targetGroups.length ? (
          <Row label={t('offers.offer.targetGroups')}>
            {o.targetGroups.map((x) => targetLabel(ctx, x)).join(', ')}
          </Row>
        ) : null}
        <Row label={t('offers.offer.cost')}>
          {o.costCents === null
            ? t('offers.offer.costUnknown')
            : o.costCents === 0
              ? t('offers.offer.free')
              : formatEuro(ctx.locale, o.costCents)}
          {o.costNote ? (
            <span lang={o.lang} dir="auto">
              {' '}
              ({o.costNote})
            </span>
          ) : null}
        </Row>
        {o.wheelchairAccessible !== null || o.accessibility ? (
          <Row label={t('offers.offer.accessibility')}>
            {o.wheelchairAccessible === true ? <div>{t('offers.offer.wheelchair')}</div> : null}
            {o.wheelchairAccessible === false ? <div>{t('offers.offer.noWheelchair')}</div> : null}
            {o.accessibility ? (
              <div class="offer-heading" lang={o.lang} dir="auto">
                {o.accessibility}
              </div>
            ) : null}
          </Row>
        ) : null}
      </dl>
      {address && placeName ? (
        <>
          <h2 class="kern-heading-medium">{t('offers.offer.directions')}</h2>
          <p class="kern-body">
            {o.city && o.city === data.place?.name
              ? `${address}.`
              : t('offers.offer.directionsText', { address, place: placeName })}
          </p>
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('offers.offer.contact')}</h2>
      <dl class="offer-facts">
        {o.contactName ? <Row label={t('offers.offer.contact')}>{o.contactName}</Row> : null}
        {email ? (
          <Row label={t('offers.offer.email')}>
            <a class="kern-link" href={`mailto:${email}`} dir="ltr">
              {email}
            </a>
          </Row>
        ) : null}
        {phone ? (
          <Row label={t('offers.offer.phone')}>
            <a class="kern-link" href={`tel:${phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
              {phone}
            </a>
          </Row>
        ) : null}
        {website ? (
          <Row label={t('offers.offer.website')}>
            <a class="kern-link" href={website} dir="ltr" rel="noopener">
              {website}
            </a>
          </Row>
        ) : null}
      </dl>
      <p class="kern-body">{t('offers.offer.confirmed', { date: formatDate(ctx.locale, o.confirmedAt) })}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/angebote')}>
          {t('offers.offer.back')}
        </a>
      </p>
    </Layout>
  )
}
