/**
 * Derives the SVG outlines of Hessen's districts from the VG5000 boundary polygons (GeoJSON, WGS84)
 * into reference-data/hessen/hessen_kreise_pfade.json, which the district map
 * (src/platform/ui/district-map.tsx) draws:
 *
 *   npx tsx scripts/district-paths.ts DISTRICTS.geojson MUNICIPALITIES.geojson > reference-data/hessen/hessen_kreise_pfade.json
 *
 * Projection: equirectangular around Hessen's middle latitude (longitude scaled by cos(latitude)),
 * north up, 400 units wide, coordinates rounded to 0.1 unit (well under a pixel on any screen).
 * The 2021 data is already generalised (VG5000: about 2,400 points for 26 districts), so no further
 * simplification is needed and neighbouring districts keep exactly shared borders.
 * Hanau (district-free from 01.01.2026, key 06415) is the 2021 outline of the municipality
 * 06435014; the map draws it over the Main-Kinzig-Kreis when a feature has a value for it.
 */
import { readFileSync } from 'node:fs'

type Ring = [number, number][]
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }
interface FeatureCollection {
  features: { properties: Record<string, string>; geometry: Geometry }[]
}

const [districtsFile, municipalitiesFile] = process.argv.slice(2)
if (!districtsFile || !municipalitiesFile) {
  console.error('usage: district-paths DISTRICTS.geojson MUNICIPALITIES.geojson')
  process.exit(1)
}
const districts = JSON.parse(readFileSync(districtsFile, 'utf8')) as FeatureCollection
const municipalities = JSON.parse(readFileSync(municipalitiesFile, 'utf8')) as FeatureCollection

const rings = (g: Geometry): Ring[] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat())
let minX = Infinity
let maxX = -Infinity
let minY = Infinity
let maxY = -Infinity
for (const f of districts.features)
  for (const ring of rings(f.geometry))
    for (const [x, y] of ring) {
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
const WIDTH = 400
const PAD = 2
const scale = (WIDTH - 2 * PAD) / ((maxX - minX) * k)
const height = Math.ceil((maxY - minY) * scale + 2 * PAD)
const r1 = (v: number) => Math.round(v * 10) / 10

function path(g: Geometry): string {
  return rings(g)
    .map((ring) => {
      const points: string[] = []
      for (const [x, y] of ring.slice(0, -1)) {
        const p = `${r1(PAD + (x - minX) * k * scale)} ${r1(PAD + (maxY - y) * scale)}`
        if (points.at(-1) !== p) points.push(p)
      }
      return `M${points.join('L')}Z`
    })
    .join('')
}

const out = districts.features.map((f) => ({
  key: f.properties.ARS!,
  name: f.properties.GEN!,
  d: path(f.geometry),
}))
const hanau = municipalities.features.find((f) => f.properties.ags_2021 === '06435014')
if (!hanau) throw new Error('Hanau (06435014) missing from the municipalities')
out.push({ key: '06415', name: 'Hanau', d: path(hanau.geometry) })

process.stdout.write(
  `${JSON.stringify(
    {
      source:
        '© GeoBasis-DE / BKG 2021 (Daten verändert): VG5000, Stand 01.01.2021; projiziert und gerundet mit scripts/district-paths.ts',
      licence: 'dl-de/by-2-0',
      viewBox: `0 0 ${WIDTH} ${height}`,
      districts: out,
    },
    null,
    1,
  )}\n`,
)
