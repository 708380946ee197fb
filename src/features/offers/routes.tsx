import type { App, AppDeps } from '../../platform/feature'
import { IdParams } from '../../platform/ids'
import { coverageRoutes } from './coverage/routes'
import { publicOffer } from './find-offers'
import { finderRequest, findOffers } from './finder'
import { offerCalendar } from './ical'
import { offerJsonLd, scriptJson } from './json-ld'
import { providerRoutes } from './providers/routes'
import { FinderQuery } from './schema'
import { translationsInto, translationsOf, withTranslatedDescriptions } from './translations'
import { OfferPage } from './views/offer'
import { FinderPage } from './views/search'
import { REMIND_AFTER_MONTHS } from './vocabulary'

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

export function offersRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps
  providerRoutes(app, deps)
  coverageRoutes(app, deps)

  app.get('/angebote', { schema: { querystring: FinderQuery } }, async (request, reply) => {
    const raw = request.query as Record<string, unknown>
    const req = finderRequest(raw)
    const found = await findOffers(db, req)
    // A provider's translation of the title into the page's language replaces the original there.
    const translated = await translationsInto(
      db,
      found.hits.map((h) => h.id),
      request.locale,
    )
    const result = {
      ...found,
      hits: found.hits.map((h) => {
        const title = translated.get(h.id)?.title
        return title && h.lang !== request.locale ? { ...h, title, lang: request.locale } : h
      }),
    }
    const values = {
      ort: req.tooLong ? String(raw.ort ?? '').slice(0, 200) : req.place,
      sprache: req.language,
      thema: req.topic,
      fuer: req.targetGroup,
      online: req.online ? 'on' : '',
    }
    const errors: Record<string, string> = req.tooLong ? { ort: request.t('offers.error.searchTooLong') } : {}
    return reply
      .header('cache-control', 'no-store')
      .page(
        <FinderPage ctx={request.pageContext()} result={result} form={{ values, errors }} />,
        req.tooLong ? 400 : 200,
      )
  })

  app.get('/angebote/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const data = await publicOffer(db, request.params.id)
    if (!data) return reply.errorPage(404)
    const o = data.offer
    const url = `${config.publicUrl}/angebote/${o.id}`
    const translations = await translationsOf(db, o.id)
    const translation =
      o.lang === request.locale ? null : (translations.find((x) => x.lang === request.locale) ?? null)
    const jsonLd = scriptJson(
      withTranslatedDescriptions(
        offerJsonLd({
          url,
          title: o.title,
          description: o.description,
          lang: o.lang,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          online: o.online,
          placeName: data.place?.name ?? null,
          street: o.street,
          postcode: o.postcode,
          city: o.city,
          latitude: o.latitude,
          longitude: o.longitude,
          providerName: data.provider.name,
          providerUrl: data.provider.website,
          languages: o.languages,
          costCents: o.costCents,
          email: o.contactEmail ?? data.provider.email,
          phone: o.contactPhone ?? data.provider.phone,
        }),
        o,
        translations,
      ),
    )
    const stale = o.confirmedAt < monthsBefore(new Date(), REMIND_AFTER_MONTHS)
    return reply.page(
      <OfferPage
        ctx={request.pageContext()}
        data={data}
        stale={stale}
        jsonLd={jsonLd}
        translation={translation}
      />,
    )
  })

  app.get('/angebote/:id/termin.ics', { schema: { params: IdParams } }, async (request, reply) => {
    const data = await publicOffer(db, request.params.id)
    if (!data?.offer.startsAt) return reply.errorPage(404)
    const o = data.offer
    const location = [o.street, [o.postcode, o.city ?? data.place?.name].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ')
    const body = offerCalendar({
      id: o.id,
      title: o.title,
      description: o.description,
      startsAt: o.startsAt!,
      endsAt: o.endsAt,
      location: location || (o.online ? 'online' : null),
      url: `${config.publicUrl}/angebote/${o.id}`,
      host: new URL(config.publicUrl).host,
      updatedAt: o.updatedAt,
    })
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="angebot-${o.id}.ics"`)
      .send(body)
  })
}
