import { type AppDeps, lagTolerant } from '../../platform/feature'
import type { MessageKey, Translate } from '../../platform/i18n'
import type { Dataset, DatasetLicence, DatasetRows } from '../../platform/open-data'
import context from './dcat-ap-de.context.json' with { type: 'json' }

/**
 * The DCAT-AP.de catalogue of the installation's open data (JSON-LD), built from the open-data
 * registry: each dataset with its CSV and JSON distributions, each API as a data service. Vocabularies:
 * DCAT-AP.de 2.0 (licences, political geocoding), the EU's frequency, data-theme, language and
 * file-type authority tables, IANA media types. The context is shipped in this folder
 * (dcat-ap-de.context.json) and embedded, so the document needs nothing from the network.
 */

export const DCAT_CONTEXT = context['@context']

const EU = 'http://publications.europa.eu/resource/authority'
const GEO = 'http://dcat-ap.de/def/politicalGeocoding'
/** Hessen's state key (Länderschlüssel). */
export const HESSEN_KEY = '06'
export const licenceUri = (l: DatasetLicence) => `http://dcat-ap.de/def/licenses/${l}`
export const stateUri = (key: string) => `${GEO}/stateKey/${key}`
export const districtUri = (key: string) => `${GEO}/districtKey/${key}`

export const FORMATS = {
  csv: { media: 'text/csv', type: 'CSV', suffix: 'csv' },
  json: { media: 'application/json', type: 'JSON', suffix: 'json' },
} as const
export type FormatName = keyof typeof FORMATS

export type Translators = { readonly de: Translate; readonly en: Translate }

type Node = Record<string, unknown>

const bilingual = (tr: Translators, key: MessageKey) => ({ de: tr.de(key), en: tr.en(key) })

/** The publisher and contact point: the operator's details, or the installation itself until entered. */
function agents(deps: AppDeps, base: string): { publisher: Node; contact: Node } {
  const op = deps.installation.operator
  const name = op?.name ?? 'Teilhabe'
  const publisher: Node = {
    '@id': `${base}/opendata/catalog#publisher`,
    '@type': 'foaf:Organization',
    'foaf:name': { de: name },
    'foaf:homepage': `${base}/`,
  }
  const contact: Node = {
    '@id': `${base}/opendata/catalog#contact`,
    '@type': 'vcard:Organization',
    'vcard:fn': name,
    'vcard:hasURL': `${base}/impressum`,
    ...(op?.email ? { 'vcard:hasEmail': `mailto:${op.email}` } : {}),
    ...(op?.phone ? { 'vcard:hasTelephone': op.phone } : {}),
  }
  return { publisher, contact }
}

export function datasetUrl(base: string, id: string, format: FormatName): string {
  return `${base}/opendata/${id}.${FORMATS[format].suffix}`
}

function datasetNode(
  base: string,
  tr: Translators,
  d: Dataset,
  data: DatasetRows,
  agent: { publisher: Node; contact: Node },
): Node {
  const districts = data.districts ?? []
  const spatial = [stateUri(HESSEN_KEY), ...districts.map(districtUri)]
  const modified = data.modified?.toISOString()
  return {
    '@id': `${base}/opendata/${d.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.id,
    'dct:title': bilingual(tr, d.titleKey),
    'dct:description': bilingual(tr, d.descriptionKey),
    'dcat:keyword': { de: [...d.keywords] },
    'dcat:theme': d.themes.map((t) => `${EU}/data-theme/${t}`),
    'dct:accrualPeriodicity': `${EU}/frequency/${d.frequency}`,
    'dct:language': `${EU}/language/DEU`,
    'dct:publisher': { '@id': agent.publisher['@id'] },
    'dcat:contactPoint': { '@id': agent.contact['@id'] },
    'dct:spatial': spatial,
    // The level the data are collected and published at (DCAT-AP.de: …/Level/state): the state platform.
    'dcatde:politicalGeocodingLevelURI': `${GEO}/Level/state`,
    'dcatde:politicalGeocodingURI': spatial,
    'dcat:landingPage': `${base}/offene-daten#${d.id}`,
    ...(data.temporal
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            'dcat:startDate': data.temporal.start,
            'dcat:endDate': data.temporal.end,
          },
        }
      : {}),
    ...(modified ? { 'dct:modified': modified } : {}),
    'dcat:distribution': (Object.keys(FORMATS) as FormatName[]).map((f) => ({
      '@id': datasetUrl(base, d.id, f),
      '@type': 'dcat:Distribution',
      'dct:title': {
        de: `${tr.de(d.titleKey)} (${FORMATS[f].type})`,
        en: `${tr.en(d.titleKey)} (${FORMATS[f].type})`,
      },
      'dcat:accessURL': datasetUrl(base, d.id, f),
      'dcat:downloadURL': datasetUrl(base, d.id, f),
      'dcat:mediaType': `http://www.iana.org/assignments/media-types/${FORMATS[f].media}`,
      'dct:format': `${EU}/file-type/${FORMATS[f].type}`,
      'dct:license': licenceUri(d.licence),
      ...(d.licence === 'dl-by-de/2.0'
        ? { 'dcatde:licenseAttributionByText': agent.publisher['foaf:name'] }
        : {}),
      ...(modified ? { 'dct:modified': modified } : {}),
    })),
  }
}

/** The whole catalogue as a JSON-LD document (compacted with the shipped context). */
export async function buildCatalog(deps: AppDeps, tr: Translators): Promise<Node> {
  const base = deps.config.publicUrl
  const agent = agents(deps, base)
  const { datasets, services } = deps.openData
  // One after another: on PostgreSQL the test database is a single client, which must not be given
  // overlapping queries.
  const read: DatasetRows[] = []
  for (const d of datasets) read.push(await d.read(lagTolerant(deps)))
  const modified = read
    .map((r) => r.modified)
    .filter((m): m is Date => !!m)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${base}/opendata/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': bilingual(tr, 'opendata.catalog.title'),
    'dct:description': bilingual(tr, 'opendata.catalog.description'),
    'dct:publisher': agent.publisher,
    'dcat:contactPoint': agent.contact,
    'foaf:homepage': `${base}/offene-daten`,
    'dct:language': [`${EU}/language/DEU`, `${EU}/language/ENG`],
    'dct:spatial': stateUri(HESSEN_KEY),
    ...(modified ? { 'dct:modified': modified.toISOString() } : {}),
    'dcat:dataset': datasets.map((d, i) => datasetNode(base, tr, d, read[i] as DatasetRows, agent)),
    'dcat:service': services.map((s) => ({
      '@id': `${base}${s.endpoint}`,
      '@type': 'dcat:DataService',
      'dct:identifier': s.id,
      'dct:title': bilingual(tr, s.titleKey),
      'dct:description': bilingual(tr, s.descriptionKey),
      'dcat:endpointURL': `${base}${s.endpoint}`,
      'dcat:endpointDescription': `${base}/offene-daten#${s.id}`,
      'dct:conformsTo': s.conformsTo,
      'dct:license': licenceUri(s.licence),
      'dct:publisher': { '@id': agent.publisher['@id'] },
      'dcat:contactPoint': { '@id': agent.contact['@id'] },
    })),
  }
}
