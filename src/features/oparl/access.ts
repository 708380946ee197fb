import { defineAccess } from '../../platform/access-rules'

const LISTS = [
  'organizations',
  'persons',
  'memberships',
  'meetings',
  'agenda-items',
  'consultations',
  'papers',
  'files',
  'locations',
  'legislative-terms',
] as const

/** The OParl API and the open-data page are public (authorisation matrix); ids come from its own lists. */
export const access = defineAccess({
  async fixtures({ get }) {
    const idOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)
    const list = async (url: string) => {
      const res = await get(url)
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
      return (JSON.parse(res.body) as { data: { id: string }[] }).data
    }
    // The first body with an object of every kind (the demo's agah plenary has them all).
    let best: { body: string; ids: Record<string, string> } | null = null
    for (const body of await list('/oparl/v1/bodies')) {
      const bodyId = idOf(body.id)
      const ids: Record<string, string> = {}
      for (const l of LISTS) {
        const first = (await list(`/oparl/v1/body/${bodyId}/${l}`))[0]
        if (first) ids[l] = idOf(first.id)
      }
      if (!best || Object.keys(ids).length > Object.keys(best.ids).length) best = { body: bodyId, ids }
      if (Object.keys(ids).length === LISTS.length) break
    }
    if (!best || Object.keys(best.ids).length < LISTS.length)
      throw new Error(`no OParl body with every kind of object: ${JSON.stringify(best)}`)
    const i = best.ids
    return {
      body: best.body,
      organization: i.organizations!,
      person: i.persons!,
      membership: i.memberships!,
      meeting: i.meetings!,
      agendaItem: i['agenda-items']!,
      consultation: i.consultations!,
      paper: i.papers!,
      file: i.files!,
      location: i.locations!,
      term: i['legislative-terms']!,
    }
  },
  routes: {
    'OPTIONS /oparl/*': { allow: 'anyone', status: 204 },
    'GET /oparl/*': { allow: 'anyone', status: 404 },
    'GET /oparl/v1': { allow: 'anyone' },
    'GET /oparl/v1/bodies': { allow: 'anyone' },
    'GET /oparl/v1/body/:id': { allow: 'anyone', params: (f) => ({ id: f.body }) },
    ...Object.fromEntries(
      LISTS.map((l) => [
        `GET /oparl/v1/body/:id/${l}`,
        { allow: 'anyone', params: (f: { body: string }) => ({ id: f.body }) },
      ]),
    ),
    'GET /oparl/v1/organization/:id/meetings': { allow: 'anyone', params: (f) => ({ id: f.organization }) },
    'GET /oparl/v1/organization/:id': { allow: 'anyone', params: (f) => ({ id: f.organization }) },
    'GET /oparl/v1/person/:id': { allow: 'anyone', params: (f) => ({ id: f.person }) },
    'GET /oparl/v1/membership/:id': { allow: 'anyone', params: (f) => ({ id: f.membership }) },
    'GET /oparl/v1/meeting/:id': { allow: 'anyone', params: (f) => ({ id: f.meeting }) },
    'GET /oparl/v1/agenda-item/:id': { allow: 'anyone', params: (f) => ({ id: f.agendaItem }) },
    'GET /oparl/v1/consultation/:id': { allow: 'anyone', params: (f) => ({ id: f.consultation }) },
    'GET /oparl/v1/paper/:id': { allow: 'anyone', params: (f) => ({ id: f.paper }) },
    'GET /oparl/v1/file/:id': { allow: 'anyone', params: (f) => ({ id: f.file }) },
    'GET /oparl/v1/location/:id': { allow: 'anyone', params: (f) => ({ id: f.location }) },
    'GET /oparl/v1/legislative-term/:id': { allow: 'anyone', params: (f) => ({ id: f.term }) },
    'GET /oparl/v1/file/:id/content': { allow: 'anyone', params: (f) => ({ id: f.file }) },
    'GET /oparl/v1/file/:id/download': { allow: 'anyone', params: (f) => ({ id: f.file }) },
  },
})
