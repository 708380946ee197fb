/**
 * schema.org description of an offer for search engines: an Event when it has a date, otherwise a
 * Service, with its provider, place, languages and price. Rendered into the page as
 * `application/ld+json` (escaped so it can never close the script element).
 */
export function offerJsonLd(o: {
  url: string
  title: string
  description: string
  lang: string
  startsAt: Date | null
  endsAt: Date | null
  online: boolean
  placeName: string | null
  street: string | null
  postcode: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
  providerName: string
  providerUrl: string | null
  languages: readonly string[]
  costCents: number | null
  email: string | null
  phone: string | null
}): Record<string, unknown> {
  const address =
    o.placeName || o.street
      ? {
          '@type': 'PostalAddress',
          ...(o.street ? { streetAddress: o.street } : {}),
          ...(o.postcode ? { postalCode: o.postcode } : {}),
          addressLocality: o.city || o.placeName,
          addressRegion: 'Hessen',
          addressCountry: 'DE',
        }
      : null
  const place = address
    ? {
        '@type': 'Place',
        name: o.placeName ?? o.city,
        address,
        ...(o.latitude !== null && o.longitude !== null
          ? { geo: { '@type': 'GeoCoordinates', latitude: o.latitude, longitude: o.longitude } }
          : {}),
      }
    : null
  const provider = {
    '@type': 'Organization',
    name: o.providerName,
    ...(o.providerUrl ? { url: o.providerUrl } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.phone ? { telephone: o.phone } : {}),
  }
  const price =
    o.costCents !== null
      ? {
          offers: {
            '@type': 'Offer',
            price: (o.costCents / 100).toFixed(2),
            priceCurrency: 'EUR',
            url: o.url,
          },
        }
      : {}
  if (o.startsAt) {
    return {
      '@context': 'https://schema.org',
      '@type': 'Event',
      '@id': o.url,
      url: o.url,
      name: o.title,
      description: o.description,
      inLanguage: o.languages[0] ?? o.lang,
      startDate: o.startsAt.toISOString(),
      ...(o.endsAt ? { endDate: o.endsAt.toISOString() } : {}),
      eventAttendanceMode: `https://schema.org/${
        o.online && place ? 'Mixed' : o.online ? 'Online' : 'Offline'
      }EventAttendanceMode`,
      eventStatus: 'https://schema.org/EventScheduled',
      location: place ?? { '@type': 'VirtualLocation', url: o.url },
      organizer: provider,
      ...price,
    }
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'Service',
    '@id': o.url,
    url: o.url,
    name: o.title,
    description: o.description,
    provider,
    availableLanguage: o.languages.map((l) => ({ '@type': 'Language', alternateName: l })),
    areaServed: place ?? { '@type': 'State', name: 'Hessen' },
    ...(o.online ? { availableChannel: { '@type': 'ServiceChannel', serviceUrl: o.url } } : {}),
    ...price,
  }
}

/** JSON for a script element: `<`, `>` and `&` escaped so the data cannot end the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}
