import ical from 'ical-generator'

/** One dated offer as an iCalendar file (RFC 5545), written by ical-generator. */
export function offerCalendar(o: {
  id: string
  title: string
  description: string
  startsAt: Date
  endsAt: Date | null
  location: string | null
  url: string
  host: string
  updatedAt: Date
}): string {
  const cal = ical({ prodId: { company: 'Teilhabe', product: 'Angebote', language: 'DE' }, name: o.title })
  cal.createEvent({
    id: `offer-${o.id}@${o.host}`,
    start: o.startsAt,
    // Without an end the event lasts an hour (RFC 5545 would make it end when it starts).
    end: o.endsAt ?? new Date(o.startsAt.getTime() + 60 * 60 * 1000),
    stamp: o.updatedAt,
    summary: o.title,
    description: o.description,
    location: o.location,
    url: o.url,
  })
  return cal.toString()
}
