import { Negotiator } from '@fastify/accept-negotiator'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { type App, type AppDeps, lagTolerant } from '../../platform/feature'
import { buildCatalog, FORMATS, type FormatName, licenceUri } from './catalog'
import { datasetCsv, datasetJson } from './encode'
import { toRdfXml } from './rdf-xml'
import { OpenDataPage } from './views/page'

const JSON_LD = 'application/ld+json'
const RDF_XML = 'application/rdf+xml'
const catalogTypes = new Negotiator({ supportedValues: [JSON_LD, RDF_XML, 'application/json'] })

const FileParams = Type.Object({ file: Type.String({ maxLength: 80 }) })

/**
 * Open data: /offene-daten explains it for people; /opendata/<id>.csv and .json serve each dataset of
 * the registry; /opendata/catalog is the DCAT-AP.de catalogue (JSON-LD, or RDF/XML when the client
 * asks for application/rdf+xml; /opendata/catalog.rdf and .jsonld name the format in the URL).
 */
export function openDataRoutes(app: App, deps: AppDeps): void {
  const { datasets, services } = deps.openData
  const byId = new Map(datasets.map((d) => [d.id, d]))
  const both = () => ({ de: app.translators.de, en: app.translators.en })
  const open = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }

  app.get('/offene-daten', async (request, reply) =>
    reply.page(
      <OpenDataPage
        ctx={request.pageContext()}
        datasets={datasets}
        services={services}
        base={deps.config.publicUrl}
      />,
    ),
  )

  const sendCatalog = async (format: 'jsonld' | 'rdf', reply: FastifyReply) => {
    const doc = await buildCatalog(deps, both())
    reply.headers(open)
    if (format === 'rdf') return reply.type(`${RDF_XML}; charset=utf-8`).send(await toRdfXml(doc))
    return reply.type(`${JSON_LD}; charset=utf-8`).send(JSON.stringify(doc, null, 2))
  }
  app.get('/opendata/catalog', async (request, reply) => {
    reply.header('vary', 'Accept')
    const wanted = catalogTypes.negotiate(request.headers.accept ?? JSON_LD)
    return sendCatalog(wanted === RDF_XML ? 'rdf' : 'jsonld', reply)
  })
  app.get('/opendata/catalog.rdf', async (_request, reply) => sendCatalog('rdf', reply))
  app.get('/opendata/catalog.jsonld', async (_request, reply) => sendCatalog('jsonld', reply))

  app.get('/opendata/:file', { schema: { params: FileParams } }, async (request, reply) => {
    const m = /^([a-z0-9-]+)\.(csv|json)$/.exec(request.params.file)
    const dataset = m ? byId.get(m[1] as string) : undefined
    if (!m || !dataset) return reply.errorPage(404)
    const format = m[2] as FormatName
    // Published records: read where lag is tolerated (the replica, when there is one).
    const data = await dataset.read(lagTolerant(deps))
    reply.headers(open)
    if (data.modified) reply.header('last-modified', data.modified.toUTCString())
    if (format === 'csv')
      return reply
        .type(`${FORMATS.csv.media}; charset=utf-8; header=present`)
        .header('content-disposition', `attachment; filename="${dataset.id}.csv"`)
        .send(datasetCsv(dataset, data))
    return reply.type(`${FORMATS.json.media}; charset=utf-8`).send(
      JSON.stringify(
        datasetJson(dataset, data, {
          url: `${deps.config.publicUrl}/opendata/catalog`,
          licence: licenceUri(dataset.licence),
        }),
      ),
    )
  })
}
