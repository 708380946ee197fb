import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import jsonld from 'jsonld'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { FEATURES } from '../../app'
import { CLI_ACTOR } from '../../platform/audit'
import { seedDemoOnce } from '../../platform/runtime'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../directory/public'
import { saveOffer } from '../offers/save-offer'
import { DCAT_CONTEXT } from './catalog'

const EXPECTED = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, '../../../test/fixtures/opendata/catalog-expected.json'),
    'utf8',
  ),
) as {
  catalog: {
    '@type': string
    spatial: string
    geocodingLevel: string
    languages: string[]
    publisherType: string
    contactType: string
  }
  datasets: Record<string, { licence: string; frequency: string; themes: string[] }>
  distributions: Record<'csv' | 'json', { mediaType: string; format: string }>
  services: Record<string, { endpoint: string; conformsTo: string; licence: string }>
}
const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'
const DCATDE = 'http://dcat-ap.de/def/dcatde/'
const DAY = 86_400_000

type Expanded = Record<string, unknown[]> & { '@id'?: string; '@type'?: string[] }
const ids = (n: Expanded, p: string) => ((n[p] ?? []) as { '@id': string }[]).map((v) => v['@id'])
const values = (n: Expanded, p: string) => (n[p] ?? []) as { '@value': string; '@language'?: string }[]

interface Quad {
  subject: { termType: string; value: string }
  predicate: { value: string }
  object: { termType: string; value: string; language?: string; datatype?: { value: string } }
}
/** Triples as comparable strings; blank nodes by the IRI-labelled triples they hang from are rare here, so by label. */
const tripleSet = (quads: readonly Quad[]) =>
  new Set(
    quads.map((q) => {
      const o = q.object
      const obj =
        o.termType === 'Literal'
          ? `"${o.value}"@${o.language ?? ''}^^${o.language ? '' : (o.datatype?.value ?? '')}`
          : o.termType === 'BlankNode'
            ? '_:b'
            : `<${o.value}>`
      const subj = q.subject.termType === 'BlankNode' ? '_:b' : `<${q.subject.value}>`
      return `${subj} <${q.predicate.value}> ${obj}`
    }),
  )

for (const kind of dbKinds()) {
  describe(`open data: datasets, DCAT-AP.de catalogue, /offene-daten (${kind})`, () => {
    let t: TestApp
    let offerId = ''
    before(async () => {
      t = await createTestApp(kind, { PUBLIC_URL: 'https://teilhabe.example' })
      await seedDemoOnce(t.deps, FEATURES, () => {})
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const org = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Offene Tür e. V.',
      })
      const staff = { id: 'u-staff', can: (p: string) => p === 'offers.manage', organisationId: null }
      const add = async (title: string, confirmedAt: Date) => {
        const r = await saveOffer(t.deps.db, { id: null, label: 'test' }, staff, {
          organisationId: org,
          placeId: (await placeByKey(t.deps.db, '06631009'))!.id,
          online: false,
          title,
          description: 'Beratung auf Türkisch',
          lang: 'de',
          languages: ['de', 'tr'],
          topics: ['counselling'],
          targetGroups: [],
          contactEmail: 'info@example.org',
          confirmedAt,
        })
        assert.ok(r.ok)
        return r.value
      }
      offerId = await add('=Beratung Fulda', new Date())
      await add('Alte Beratung', new Date(Date.now() - 16 * 31 * DAY))
    })
    after(() => t.close())

    it('serves every registered dataset as CSV and JSON with the same records and the declared columns', async () => {
      assert.deepEqual(
        t.deps.openData.datasets.map((d) => d.id).sort(),
        Object.keys(EXPECTED.datasets).sort(),
      )
      for (const d of t.deps.openData.datasets) {
        const csv = await t.app.inject(`/opendata/${d.id}.csv`)
        assert.equal(csv.statusCode, 200, d.id)
        assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/)
        assert.equal(csv.headers['access-control-allow-origin'], '*')
        const json = await t.app.inject(`/opendata/${d.id}.json`)
        assert.equal(json.statusCode, 200, d.id)
        const body = json.json() as {
          columns: { name: string }[]
          records: Record<string, unknown>[]
          license: string
        }
        assert.equal(body.license, EXPECTED.datasets[d.id]!.licence)
        const rows = parse(csv.body, { columns: true }) as Record<string, string>[]
        assert.deepEqual(
          Object.keys(rows[0] ?? Object.fromEntries(d.columns.map((c) => [c.name, '']))),
          d.columns.map((c) => c.name),
        )
        assert.equal(rows.length, body.records.length, d.id)
        assert.ok(body.records.length > 0, `${d.id} has records from the demo data`)
        // CSV and JSON say the same (CSV: empty for null, text for the rest; formulas escaped).
        body.records.forEach((rec, i) => {
          for (const c of d.columns) {
            const v = rec[c.name]
            const cell = rows[i]![c.name]!
            const text = v === null ? '' : String(v)
            assert.equal(cell.replace(/^'(?=[=+\-@])/, ''), text, `${d.id} row ${i} ${c.name}`)
          }
        })
      }
    })

    it('publishes only public, non-demo offers, and escapes a formula in CSV', async () => {
      const json = (await t.app.inject('/opendata/angebote.json')).json() as {
        records: Record<string, unknown>[]
      }
      assert.deepEqual(
        json.records.map((r) => r.title),
        ['=Beratung Fulda'],
        'the demo offers and the offer not confirmed for 16 months are left out',
      )
      const rec = json.records[0]!
      assert.equal(rec.id, offerId)
      assert.equal(rec.municipality_key, '06631009')
      assert.equal(rec.district_key, '06631')
      assert.equal(rec.languages, 'de|tr')
      assert.equal(rec.online, false)
      assert.equal(rec.url, `https://teilhabe.example/angebote/${offerId}`)
      const csv = (await t.app.inject('/opendata/angebote.csv')).body
      assert.match(csv, /\r\n/)
      assert.ok(csv.includes(",'=Beratung Fulda,"), 'a text starting with = is escaped in CSV')
    })

    it('gives council members’ contact details only with their consent, and no small counts', async () => {
      const members = (await t.app.inject('/opendata/beiraete-mitglieder.json')).json() as {
        records: Record<string, unknown>[]
      }
      const { people } = await import('../directory/tables')
      const consenting = new Set(
        (await t.deps.db.select().from(people)).filter((p) => p.publicContactConsent).map((p) => p.email),
      )
      assert.ok(members.records.length > 0)
      for (const m of members.records)
        if (m.email !== null) assert.ok(consenting.has(m.email as string), String(m.email))
      assert.ok(
        members.records.some((m) => m.email === null),
        'the demo has members without consent, published without contact details',
      )
      const stats = (await t.app.inject('/opendata/diskriminierung-statistik.json')).json() as {
        records: { count: number | null; suppressed: boolean; table: string }[]
      }
      for (const c of stats.records) {
        assert.equal(c.suppressed, c.count === null)
        if (c.count !== null) assert.ok(c.count === 0 || c.count >= 5, `${c.table}: ${c.count}`)
      }
      const tables = new Set(stats.records.map((c) => c.table))
      assert.ok(tables.has('grounds') && tables.has('domains'), [...tables].join())
      for (const table of tables)
        assert.ok(['districts', 'domains', 'grounds', 'quarters'].includes(table), table)
    })

    it('answers 404 for an unknown dataset or format', async () => {
      for (const f of ['nichts.csv', 'angebote.xml', 'angebote', '..%2Fangebote.csv'])
        assert.equal((await t.app.inject(`/opendata/${f}`)).statusCode, 404, f)
    })

    it('describes every dataset in a DCAT-AP.de catalogue, checked field by field after JSON-LD expansion', async () => {
      const res = await t.app.inject('/opendata/catalog')
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^application\/ld\+json/)
      assert.equal(res.headers.vary, 'Accept')
      const doc = res.json() as { '@context': unknown }
      assert.deepEqual(doc['@context'], DCAT_CONTEXT, 'the context shipped in the repository')
      const flat = (await jsonld.flatten(doc as jsonld.JsonLdDocument)) as unknown as { '@graph': Expanded[] }
      const graph = flat['@graph'] ?? (flat as unknown as Expanded[])
      const byId = new Map(graph.map((n) => [n['@id'] as string, n]))
      const base = 'https://teilhabe.example'
      const catalog = byId.get(`${base}/opendata/catalog`)!
      assert.deepEqual(catalog['@type'], [EXPECTED.catalog['@type']])
      assert.deepEqual(ids(catalog, `${DCT}spatial`), [EXPECTED.catalog.spatial])
      assert.deepEqual(ids(catalog, `${DCT}language`).sort(), EXPECTED.catalog.languages)
      assert.deepEqual(
        values(catalog, `${DCT}title`)
          .map((v) => v['@language'])
          .sort(),
        ['de', 'en'],
      )
      const publisher = byId.get(ids(catalog, `${DCT}publisher`)[0]!)!
      assert.deepEqual(publisher['@type'], [EXPECTED.catalog.publisherType])
      assert.ok(values(publisher, 'http://xmlns.com/foaf/0.1/name')[0]?.['@value'])
      const contact = byId.get(ids(catalog, `${DCAT}contactPoint`)[0]!)!
      assert.deepEqual(contact['@type'], [EXPECTED.catalog.contactType])
      assert.ok(ids(contact, 'http://www.w3.org/2006/vcard/ns#hasEmail')[0]?.startsWith('mailto:'))

      const datasetIds = ids(catalog, `${DCAT}dataset`)
      assert.deepEqual(
        datasetIds.map((i) => i.replace(`${base}/opendata/`, '')).sort(),
        Object.keys(EXPECTED.datasets).sort(),
      )
      for (const [id, want] of Object.entries(EXPECTED.datasets)) {
        const d = byId.get(`${base}/opendata/${id}`)!
        assert.deepEqual(d['@type'], [`${DCAT}Dataset`], id)
        assert.deepEqual(
          values(d, `${DCT}identifier`).map((v) => v['@value']),
          [id],
        )
        for (const p of ['title', 'description'])
          assert.deepEqual(
            values(d, `${DCT}${p}`)
              .map((v) => v['@language'])
              .sort(),
            ['de', 'en'],
            `${id} ${p}`,
          )
        assert.ok(values(d, `${DCAT}keyword`).length > 0, `${id} keywords`)
        assert.deepEqual(ids(d, `${DCT}accrualPeriodicity`), [want.frequency], id)
        assert.deepEqual(
          ids(d, `${DCAT}theme`),
          want.themes.map((th) => `http://publications.europa.eu/resource/authority/data-theme/${th}`),
        )
        assert.deepEqual(ids(d, `${DCT}publisher`), ids(catalog, `${DCT}publisher`))
        assert.deepEqual(ids(d, `${DCAT}contactPoint`), ids(catalog, `${DCAT}contactPoint`))
        const spatial = ids(d, `${DCT}spatial`)
        assert.equal(spatial[0], EXPECTED.catalog.spatial, `${id}: Hessen first`)
        for (const s of spatial.slice(1))
          assert.match(s, /^http:\/\/dcat-ap\.de\/def\/politicalGeocoding\/districtKey\/06\d{3}$/, id)
        assert.deepEqual(ids(d, `${DCATDE}politicalGeocodingURI`), spatial)
        assert.deepEqual(ids(d, `${DCATDE}politicalGeocodingLevelURI`), [EXPECTED.catalog.geocodingLevel])
        assert.deepEqual(ids(d, `${DCAT}landingPage`), [`${base}/offene-daten#${id}`])
        const temporal = ids(d, `${DCT}temporal`)
        if (temporal.length) {
          const period = byId.get(temporal[0]!)!
          assert.deepEqual(period['@type'], [`${DCT}PeriodOfTime`])
          const start = values(period, `${DCAT}startDate`)[0]!
          const end = values(period, `${DCAT}endDate`)[0]!
          assert.equal(
            (start as unknown as { '@type': string })['@type'],
            'http://www.w3.org/2001/XMLSchema#date',
          )
          assert.ok(start['@value'] <= end['@value'], `${id} period`)
        }
        const dists = ids(d, `${DCAT}distribution`)
        assert.deepEqual(dists.sort(), [`${base}/opendata/${id}.csv`, `${base}/opendata/${id}.json`])
        for (const url of dists) {
          const dist = byId.get(url)!
          const fmt = url.endsWith('.csv') ? EXPECTED.distributions.csv : EXPECTED.distributions.json
          assert.deepEqual(dist['@type'], [`${DCAT}Distribution`])
          assert.deepEqual(ids(dist, `${DCAT}accessURL`), [url])
          assert.deepEqual(ids(dist, `${DCAT}downloadURL`), [url])
          assert.deepEqual(ids(dist, `${DCAT}mediaType`), [fmt.mediaType])
          assert.deepEqual(ids(dist, `${DCT}format`), [fmt.format])
          assert.deepEqual(ids(dist, `${DCT}license`), [want.licence])
          // The download URL answers.
          assert.equal((await t.app.inject(url.replace(base, ''))).statusCode, 200, url)
        }
      }
      // The offers cover the Landkreis Fulda.
      assert.ok(
        ids(byId.get(`${base}/opendata/angebote`)!, `${DCT}spatial`).includes(
          'http://dcat-ap.de/def/politicalGeocoding/districtKey/06631',
        ),
      )
      for (const [id, want] of Object.entries(EXPECTED.services)) {
        const s = byId.get(`${base}${want.endpoint}`)!
        assert.deepEqual(s['@type'], [`${DCAT}DataService`], id)
        assert.deepEqual(ids(s, `${DCAT}endpointURL`), [`${base}${want.endpoint}`])
        assert.deepEqual(ids(s, `${DCT}conformsTo`), [want.conformsTo])
        assert.deepEqual(ids(s, `${DCT}license`), [want.licence])
      }
      assert.deepEqual(
        ids(catalog, `${DCAT}service`),
        Object.values(EXPECTED.services).map((s) => `${base}${s.endpoint}`),
      )
    })

    it('gives the same triples as RDF/XML, by content negotiation and at catalog.rdf', async () => {
      const jsonDoc = (await t.app.inject('/opendata/catalog.jsonld')).json() as object
      const fromJson = tripleSet((await jsonld.toRDF(jsonDoc as jsonld.JsonLdDocument)) as unknown as Quad[])
      const negotiated = await t.app.inject({
        url: '/opendata/catalog',
        headers: { accept: 'application/rdf+xml' },
      })
      assert.match(String(negotiated.headers['content-type']), /^application\/rdf\+xml/)
      const rdf = await t.app.inject('/opendata/catalog.rdf')
      assert.equal(rdf.body, negotiated.body)
      const quads: Quad[] = []
      await new Promise<void>((resolve, reject) => {
        const parser = new RdfXmlParser()
        parser.on('data', (q: Quad) => quads.push(q))
        parser.on('error', reject)
        parser.on('end', () => resolve())
        parser.write(rdf.body)
        parser.end()
      })
      const fromXml = tripleSet(quads)
      assert.ok(fromJson.size > 100, `${fromJson.size} triples`)
      assert.deepEqual([...fromXml].sort(), [...fromJson].sort())
    })

    it('explains every dataset on /offene-daten with its downloads, the catalogue and the OParl API, in German and Arabic', async () => {
      const de = await t.app.inject('/offene-daten')
      assert.equal(de.statusCode, 200)
      assert.match(de.body, /<h1[^>]*>Offene Daten</)
      for (const d of t.deps.openData.datasets) {
        assert.ok(de.body.includes(`href="/opendata/${d.id}.csv"`), d.id)
        assert.ok(de.body.includes(`href="/opendata/${d.id}.json"`), d.id)
        assert.ok(de.body.includes(`id="${d.id}"`), d.id)
      }
      assert.ok(de.body.includes('href="/opendata/catalog.rdf"'))
      assert.ok(de.body.includes('https://teilhabe.example/oparl/v1'), 'the OParl entry point stays')
      assert.match(de.body, /Datenlizenz Deutschland – Zero – Version 2\.0/)
      const ar = await t.app.inject('/ar/offene-daten')
      assert.equal(ar.statusCode, 200)
      assert.match(ar.body, /<html[^>]*dir="rtl"/)
      assert.match(ar.body, /<html[^>]*lang="ar"/)
    })
  })
}
