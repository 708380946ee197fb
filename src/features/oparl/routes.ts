import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../platform/feature'
import { isUuid } from '../councils/find-councils'
import { councils } from '../councils/tables'
import { BODY_ID, type Entry, LICENSE, LISTS, OPARL, type OparlObject, Urls } from './objects'
import { OparlError, OparlList, OparlObjectSchema, OparlQuery } from './schema'

const JSON_TYPE = 'application/json; charset=utf-8'
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const
/** A full date-time as the spec requires, e.g. 2026-01-01T00:00:00+01:00. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

export function oparlError(reply: FastifyReply, status: 400 | 404, message: string, debug: string) {
  return reply
    .code(status)
    .type(JSON_TYPE)
    .send({ type: `${OPARL}Error`, message, debug })
}

interface ListQuery {
  page: number
  limit: number
  filters: Partial<Record<(typeof FILTERS)[number], Date>>
  raw: URLSearchParams
}

/** Parses page, limit and the date filters; a message for the client when one is malformed. */
export function parseListQuery(query: Record<string, unknown>): ListQuery | { error: string } {
  const raw = new URLSearchParams()
  const filters: ListQuery['filters'] = {}
  for (const name of FILTERS) {
    const v = query[name]
    if (v === undefined) continue
    if (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v)))
      return {
        error: `${name} muss eine vollständige Datums- und Zeitangabe sein (z. B. 2026-01-01T00:00:00+01:00).`,
      }
    filters[name] = new Date(v)
    raw.set(name, v)
  }
  const int = (name: string, fallback: number, min: number) => {
    const v = query[name]
    if (v === undefined) return fallback
    if (typeof v !== 'string' || !/^\d{1,7}$/.test(v) || Number(v) < min) return null
    return Number(v)
  }
  const page = int('page', 1, 1)
  if (page === null) return { error: 'page muss eine ganze Zahl ab 1 sein.' }
  const limit = int('limit', DEFAULT_LIMIT, 1)
  if (limit === null) return { error: 'limit muss eine ganze Zahl ab 1 sein.' }
  if (query.limit !== undefined) raw.set('limit', String(Math.min(limit, MAX_LIMIT)))
  return { page, limit: Math.min(limit, MAX_LIMIT), filters, raw }
}

/** Filters and pages a list; deleted objects appear only when modified_since is given (spec 2.8). */
export function listPage(entries: readonly Entry[], q: ListQuery, url: string) {
  const f = q.filters
  const selected = entries.filter(
    (e) =>
      (!e.deleted || f.modified_since !== undefined) &&
      (!f.created_since || e.created >= f.created_since) &&
      (!f.created_until || e.created <= f.created_until) &&
      (!f.modified_since || e.modified >= f.modified_since) &&
      (!f.modified_until || e.modified <= f.modified_until),
  )
  const totalPages = Math.max(1, Math.ceil(selected.length / q.limit))
  const pageUrl = (p: number) => {
    const params = new URLSearchParams(q.raw)
    if (p > 1) params.set('page', String(p))
    const s = params.toString()
    return s ? `${url}?${s}` : url
  }
  const links: Record<string, string> = {
    first: pageUrl(1),
    self: pageUrl(q.page),
    last: pageUrl(totalPages),
  }
  if (q.page > 1) links.prev = pageUrl(Math.min(q.page - 1, totalPages))
  if (q.page < totalPages) links.next = pageUrl(q.page + 1)
  return {
    data: selected.slice((q.page - 1) * q.limit, q.page * q.limit).map((e) => e.object),
    pagination: {
      totalElements: selected.length,
      elementsPerPage: q.limit,
      currentPage: q.page,
      totalPages,
    },
    links,
  }
}

const LIST_PATHS: Record<string, keyof typeof LISTS> = {
  organization: 'organization',
  person: 'person',
  membership: 'membership',
  meeting: 'meeting',
  agendaItem: 'agendaItem',
  paper: 'paper',
  consultation: 'consultation',
  file: 'file',
  locationList: 'location',
  legislativeTermList: 'legislativeTerm',
}

export function oparlRoutes(app: App, deps: AppDeps): void {
  const u = new Urls(deps.config.publicUrl)
  const db = deps.db
  const config = { json: true }

  // CORS for every API answer, errors included (spec 2.6).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/oparl/')) reply.header('access-control-allow-origin', '*')
    return payload
  })

  const bodyObject = async () => {
    const rows = await db
      .select({ createdAt: councils.createdAt, updatedAt: councils.updatedAt })
      .from(councils)
    const created = new Date(
      Math.min(Date.parse('2026-01-01T00:00:00Z'), ...rows.map((r) => r.createdAt.getTime())),
    )
    const modified = new Date(Math.max(created.getTime(), ...rows.map((r) => r.updatedAt.getTime())))
    const terms = (await LISTS.legislativeTerm.load(db, u)).filter((e) => !e.deleted).map((e) => e.object)
    return {
      id: u.body,
      type: `${OPARL}Body`,
      system: u.system,
      name: 'Ausländerbeiräte in Hessen und agah',
      shortName: 'agah',
      website: 'https://www.agah-hessen.de',
      license: LICENSE,
      classification: 'Landesarbeitsgemeinschaft',
      organization: u.list('organization'),
      person: u.list('person'),
      meeting: u.list('meeting'),
      paper: u.list('paper'),
      membership: u.list('membership'),
      agendaItem: u.list('agendaItem'),
      consultation: u.list('consultation'),
      file: u.list('file'),
      locationList: u.list('locationList'),
      legislativeTermList: u.list('legislativeTermList'),
      legislativeTerm: terms,
      web: u.web('/agah'),
      created: created.toISOString(),
      modified: modified.toISOString(),
    }
  }

  const systemObject = (body: { created: string; modified: string }) => ({
    id: u.system,
    type: `${OPARL}System`,
    oparlVersion: 'https://schema.oparl.org/1.1/',
    name: 'Teilhabe – Ausländerbeiräte in Hessen',
    body: `${u.system}/body`,
    license: LICENSE,
    vendor: 'https://teilhabe.example',
    product: 'https://teilhabe.example/teilhabe',
    website: deps.config.publicUrl,
    web: u.web('/beiraete'),
    created: body.created,
    modified: body.modified,
  })

  app.get(
    '/oparl/v1',
    { config, schema: { response: { 200: OparlObjectSchema } } },
    async (_request, reply) => {
      const body = await bodyObject()
      return reply.type(JSON_TYPE).send(systemObject(body))
    },
  )

  const withList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<Entry[]>,
    url: string,
  ): Promise<FastifyReply> => {
    const q = parseListQuery(request.query as Record<string, unknown>)
    if ('error' in q) return oparlError(reply, 400, q.error, `query: ${JSON.stringify(request.query)}`)
    const entries = await load()
    return reply.type(JSON_TYPE).send(listPage(entries, q, url))
  }

  app.get(
    '/oparl/v1/body',
    { config, schema: { querystring: OparlQuery, response: { 200: OparlList } } },
    async (request, reply) =>
      withList(
        request,
        reply,
        async () => {
          const b = await bodyObject()
          return [
            {
              object: b as OparlObject,
              created: new Date(b.created),
              modified: new Date(b.modified),
              deleted: false,
            },
          ]
        },
        `${u.system}/body`,
      ),
  )

  app.get(
    `/oparl/v1/body/${BODY_ID}`,
    { config, schema: { response: { 200: OparlObjectSchema } } },
    async (_r, reply) => reply.type(JSON_TYPE).send(await bodyObject()),
  )

  for (const [segment, key] of Object.entries(LIST_PATHS)) {
    app.get(
      `/oparl/v1/body/${BODY_ID}/${segment}`,
      { config, schema: { querystring: OparlQuery, response: { 200: OparlList } } },
      async (request, reply) => withList(request, reply, () => LISTS[key].load(db, u), u.list(segment)),
    )
  }

  app.get<{ Params: { id: string } }>(
    '/oparl/v1/organization/:id/meeting',
    { config, schema: { querystring: OparlQuery, response: { 200: OparlList } } },
    async (request, reply) => {
      const id = request.params.id
      const orgs = await LISTS.organization.load(db, u)
      if (!isUuid(id) || !orgs.some((o) => o.object.id === u.of('organization', id)))
        return oparlError(reply, 404, 'Diese Organisation gibt es nicht.', `organization ${id}`)
      const orgUrl = u.of('organization', id)
      return withList(
        request,
        reply,
        async () =>
          (await LISTS.meeting.load(db, u)).filter(
            (e) => e.deleted || (e.object.organization as string[] | undefined)?.includes(orgUrl),
          ),
        `${orgUrl}/meeting`,
      )
    },
  )

  for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const { type, load } = LISTS[key]
    app.get<{ Params: { id: string } }>(
      `/oparl/v1/${type}/:id`,
      { config, schema: { response: { 200: OparlObjectSchema } } },
      async (request, reply) => {
        const id = request.params.id
        const found = isUuid(id) ? (await load(db, u)).find((e) => e.object.id === u.of(type, id)) : undefined
        if (!found) return oparlError(reply, 404, 'Dieses Objekt gibt es nicht.', `${type} ${id}`)
        return reply.type(JSON_TYPE).send(found.object)
      },
    )
  }

  app.get('/oparl/*', { config, schema: { response: { 404: OparlError } } }, async (request, reply) =>
    oparlError(reply, 404, 'Diese Adresse gibt es in der OParl-Schnittstelle nicht.', request.url),
  )
}
