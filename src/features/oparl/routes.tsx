import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { parseInstant } from '../../platform/dates'
import type { Db } from '../../platform/db'
import type { App, AppDeps } from '../../platform/feature'
import { contentDisposition } from '../../platform/files'
import { isUuid } from '../../platform/ids'
import {
  bodyIdOf,
  bodyIdOfPerson,
  bodyIdOfRepresented,
  emptyWorld,
  loadBody,
  personTombstone,
} from './find-oparl'
import { oparlHttpCache } from './http-cache'
import {
  BODY_LISTS,
  BodyObjects,
  dateTime,
  fileNameOf,
  LIST_OF,
  OBJECT_KINDS,
  type ObjectKind,
  type OParlObject,
  oparlUrls,
  SCHEMA,
} from './objects'
import {
  ALL_BODIES,
  BODY_ENTRY,
  bodiesSpan,
  type Cursor,
  currentVersion,
  decodeCursor,
  encodeCursor,
  entryOf,
  freshEntries,
  freshEntryById,
  listPage,
  orgMeetingsList,
} from './oparl-index'
import { IdParams, ListQuery } from './schema'

/** Licence of all data (System.license applies to every object, OParl 3.1 `license`). */
export const LICENSE = 'https://www.govdata.de/dl-de/by-2-0'

/** Largest page of a list; a client's `limit` may only make pages smaller (2.5). */
export const PAGE_SIZE = 100

const JSON_TYPE = 'application/json; charset=utf-8'

interface Filters {
  createdSince?: Date
  createdUntil?: Date
  modifiedSince?: Date
  modifiedUntil?: Date
  omitInternal: boolean
  /** Where the page starts (the `after` cursor of a `next` link). */
  after?: Cursor
  limit: number
  /** The query parameters to keep in every link, in a fixed order. */
  keep: [string, string][]
}

type Query = Static<typeof ListQuery>

function oparlError(reply: FastifyReply, status: 400 | 404 | 410, message: string, debug?: string) {
  return reply
    .code(status)
    .type(JSON_TYPE)
    .send({ type: `${SCHEMA}Error`, message, ...(debug ? { debug } : {}) })
}

const notFound = (reply: FastifyReply) =>
  oparlError(reply, 404, 'Das angefragte Objekt existiert nicht.', 'Unknown object id or path')

/** Parses and checks the list query; undefined after answering 400. */
function parseFilters(
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
): Filters | undefined {
  if (request.validationError) {
    oparlError(reply, 400, 'Ungültiger Parameter.', request.validationError.message)
    return undefined
  }
  const q = request.query
  const dates: Partial<Record<keyof Query, Date>> = {}
  const keep: [string, string][] = []
  for (const key of ['created_since', 'created_until', 'modified_since', 'modified_until'] as const) {
    const raw = q[key]
    if (raw === undefined) continue
    // The platform's one date parser: 2026-02-31 is refused, not read as 3 March.
    const d = parseInstant(raw)
    if (!d) {
      oparlError(
        reply,
        400,
        `Ungültiges Datum in ${key}.`,
        `${key} must be a date-time like 2024-01-31T23:59:59+01:00`,
      )
      return undefined
    }
    dates[key] = d
    keep.push([key, raw])
  }
  if (q.omit_internal) keep.push(['omit_internal', q.omit_internal])
  if (q.limit !== undefined) keep.push(['limit', String(q.limit)])
  const after = q.after === undefined ? undefined : decodeCursor(q.after)
  if (after === null) {
    oparlError(reply, 400, 'Ungültiger Parameter after.', 'after must be taken from a links.next URL')
    return undefined
  }
  return {
    createdSince: dates.created_since,
    createdUntil: dates.created_until,
    modifiedSince: dates.modified_since,
    modifiedUntil: dates.modified_until,
    omitInternal: q.omit_internal === 'true',
    ...(after ? { after } : {}),
    limit: Math.min(q.limit ?? PAGE_SIZE, PAGE_SIZE),
    keep,
  }
}

/** Internal lists a client may ask us to leave out (2.5, omit_internal). */
const INTERNAL_LISTS = ['agendaItem', 'membership', 'auxiliaryFile'] as const

function withoutInternal(o: OParlObject): OParlObject {
  const copy = { ...o }
  for (const key of INTERNAL_LISTS) delete copy[key]
  return copy
}

/**
 * One page of a list (2.5): filtered and paged in the database (oparl-index.ts), sorted by
 * modification time and id, so that paging goes on where the last page ended even while objects are
 * added; `links.next` carries the cursor. The filters and the page size are kept in every link.
 */
async function listAnswer(db: Db, bodyId: string, list: string, f: Filters, url: string): Promise<string> {
  const page = await listPage(db, bodyId, list, f)
  const link = (after?: Cursor) => {
    const params = new URLSearchParams(f.keep)
    if (after) params.set('after', encodeCursor(after))
    const qs = params.toString()
    return qs ? `${url}?${qs}` : url
  }
  const links: Record<string, string> = { first: link(), self: link(f.after) }
  if (page.next) links.next = link(page.next)
  const data = f.omitInternal
    ? page.objects.map((o) => JSON.stringify(withoutInternal(JSON.parse(o) as OParlObject)))
    : page.objects
  const pagination = { totalElements: page.total, elementsPerPage: f.limit }
  return `{"data":[${data.join(',')}],"pagination":${JSON.stringify(pagination)},"links":${JSON.stringify(links)}}`
}

/** Which table an object kind's id belongs to, to find its body. */
const OWNER: Record<
  ObjectKind,
  'council' | 'term' | 'membership' | 'meeting' | 'paper' | 'item' | 'file' | 'person'
> = {
  organization: 'council',
  person: 'person',
  membership: 'membership',
  meeting: 'meeting',
  location: 'meeting',
  'agenda-item': 'item',
  consultation: 'item',
  paper: 'paper',
  file: 'file',
  'legislative-term': 'term',
}

export function oparlRoutes(app: App, deps: AppDeps): void {
  const u = oparlUrls(deps.config.publicUrl)
  // ETags, a short in-memory cache and a per-address rate limit for every OParl answer.
  const { rateLimit } = oparlHttpCache(app, {
    cacheMs: deps.config.oparlCacheMs,
    perMinute: deps.config.oparlRateLimitPerMinute,
    version: () => currentVersion(deps.db),
  })
  const json = { config: { json: true, rateLimit } }
  const listOpts = { ...json, attachValidation: true, schema: { querystring: ListQuery } }
  const idOpts = { ...json, schema: { params: IdParams } }

  // Every OParl answer, errors included, may be read by any web page (2.6).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/oparl' || request.url.startsWith('/oparl/')) {
      reply.header('access-control-allow-origin', '*')
      reply.header('cross-origin-resource-policy', 'cross-origin')
    }
    return payload
  })

  app.options('/oparl/*', json, async (_request, reply) =>
    reply.code(204).header('access-control-allow-methods', 'GET, HEAD, OPTIONS').send(),
  )

  app.get('/oparl/v1', json, async (_request, reply) => {
    await freshEntries(deps.db, ALL_BODIES, u)
    const { created, modified } = await bodiesSpan(deps.db)
    return reply.type(JSON_TYPE).send({
      id: u.system,
      type: `${SCHEMA}System`,
      oparlVersion: 'https://schema.oparl.org/1.1/',
      body: u.bodies,
      name: 'Teilhabe: Ausländerbeiräte, Integrationskommissionen und agah',
      website: deps.config.publicUrl,
      web: u.web.openData,
      license: LICENSE,
      created: dateTime(created ?? new Date(0)),
      modified: dateTime(modified ?? new Date(0)),
    })
  })

  app.get('/oparl/v1/bodies', listOpts, async (request, reply) => {
    const f = parseFilters(request, reply)
    if (!f) return reply
    await freshEntries(deps.db, ALL_BODIES, u)
    return reply.type(JSON_TYPE).send(await listAnswer(deps.db, ALL_BODIES, 'bodies', f, u.bodies))
  })

  /** The body's entries brought up to date; false for an unknown body. */
  const knownBody = (id: string) => isUuid(id) && id !== ALL_BODIES && freshEntries(deps.db, id, u)

  app.get('/oparl/v1/body/:id', idOpts, async (request, reply) => {
    const id = request.params.id
    const body = (await knownBody(id)) ? await entryOf(deps.db, id, BODY_ENTRY, u.body(id)) : null
    if (!body) return notFound(reply)
    return reply.type(JSON_TYPE).send(body)
  })

  for (const list of BODY_LISTS) {
    app.get(
      `/oparl/v1/body/:id/${list}`,
      { ...listOpts, schema: { ...listOpts.schema, params: IdParams } },
      async (request, reply) => {
        const f = parseFilters(request, reply)
        if (!f) return reply
        const id = request.params.id
        if (!(await knownBody(id))) return notFound(reply)
        return reply.type(JSON_TYPE).send(await listAnswer(deps.db, id, list, f, u.bodyList(id, list)))
      },
    )
  }

  app.get(
    '/oparl/v1/organization/:id/meetings',
    { ...listOpts, schema: { ...listOpts.schema, params: IdParams } },
    async (request, reply) => {
      const f = parseFilters(request, reply)
      if (!f) return reply
      const id = request.params.id
      const bodyId = await bodyIdOf(deps.db, 'council', id)
      if (!bodyId || !(await knownBody(bodyId))) return notFound(reply)
      if (!(await entryOf(deps.db, bodyId, 'organizations', u.object('organization', id))))
        return notFound(reply)
      return reply
        .type(JSON_TYPE)
        .send(await listAnswer(deps.db, bodyId, orgMeetingsList(id), f, u.organizationMeetings(id)))
    },
  )

  /** The OParl JSON of an object by kind and id, through the body it belongs to. */
  async function findObject(kind: ObjectKind, id: string): Promise<string | OParlObject | null> {
    if (!isUuid(id)) return null
    if (kind !== 'person') {
      const found = await freshEntryById(deps.db, LIST_OF[kind], u.object(kind, id))
      if (found) return found
    }
    const owner = OWNER[kind]
    let bodyId: string | null
    if (owner === 'person') {
      const found = await bodyIdOfPerson(deps.db, id)
      if (found === 'tombstone') {
        const t = await personTombstone(deps.db, id)
        return t
          ? (new BodyObjects({ ...emptyWorld(''), personTombstones: [t] }, u).persons()[0]?.object ?? null)
          : null
      }
      bodyId = found
    } else bodyId = await bodyIdOf(deps.db, owner, id)
    // An Organization is a council, or a directory organisation a member represents (onBehalfOf).
    if (!bodyId && kind === 'organization') bodyId = await bodyIdOfRepresented(deps.db, id)
    if (!bodyId || !(await knownBody(bodyId))) return null
    return entryOf(deps.db, bodyId, LIST_OF[kind], u.object(kind, id))
  }

  for (const kind of OBJECT_KINDS) {
    app.get(`/oparl/v1/${kind}/:id`, idOpts, async (request, reply) => {
      const found = await findObject(kind, request.params.id)
      if (!found) return notFound(reply)
      return reply.type(JSON_TYPE).send(found)
    })
  }

  // A File's content: inline (accessUrl) and as attachment (downloadUrl), 2.7. Either the text of a
  // paper or an uploaded file of a paper or of published minutes; non-public ones answer 404.
  for (const mode of ['content', 'download'] as const) {
    app.get(`/oparl/v1/file/:id/${mode}`, idOpts, async (request, reply) => {
      const id = request.params.id
      const bodyId = await bodyIdOf(deps.db, 'file', id)
      const world = bodyId ? await loadBody(deps.db, bodyId) : null
      const objects = world ? new BodyObjects(world, u) : null
      const file = objects ? objects.fileContent(id) : null
      if (!file) {
        const gone = objects?.files().find((e) => e.id === u.object('file', id))
        return gone ? oparlError(reply, 410, 'Die Datei wurde gelöscht.') : notFound(reply)
      }
      if (file.deleted) return oparlError(reply, 410, 'Die Datei wurde gelöscht.')
      if (file.kind === 'upload') {
        const { upload } = file
        let bytes: Buffer
        try {
          bytes = await deps.files.read(upload.sha256)
        } catch (err) {
          request.log.error({ err, file: upload.link.id }, 'stored file missing on disk')
          return notFound(reply)
        }
        return reply
          .type(
            upload.mediaType.startsWith('text/') ? `${upload.mediaType}; charset=utf-8` : upload.mediaType,
          )
          .header('last-modified', upload.link.updatedAt.toUTCString())
          .header('content-disposition', contentDisposition(upload.fileName, mode === 'content'))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
          .send(bytes)
      }
      reply.type('text/plain; charset=utf-8').header('last-modified', file.paper.updatedAt.toUTCString())
      if (mode === 'download') {
        const name = fileNameOf(file.paper)
        reply.header(
          'content-disposition',
          `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
      }
      return reply.send(file.paper.body)
    })
  }

  app.get('/oparl/*', json, async (_request, reply) => notFound(reply))
}
