/**
 * Derives the centroids of Hessen's municipalities and districts from the VG5000 boundary polygons
 * (GeoJSON, WGS84) into reference-data/hessen/hessen_schwerpunkte.csv, which the place import reads.
 *
 *   npx tsx scripts/place-centroids.ts MUNICIPALITIES.geojson DISTRICTS.geojson > reference-data/hessen/hessen_schwerpunkte.csv
 *
 * The centroid is the area-weighted centroid of all outer rings (planar in degrees, with longitude
 * scaled by cos(latitude) — good to well under 100 m for areas this small).
 */
import { readFileSync } from 'node:fs'

type Ring = [number, number][]
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }
interface FeatureCollection {
  features: { properties: Record<string, string>; geometry: Geometry }[]
}

function centroid(geometry: Geometry): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const k = Math.cos((50.6 * Math.PI) / 180)
  let area = 0
  let cx = 0
  let cy = 0
  for (const polygon of polygons) {
    const ring = polygon[0]
    if (!ring) continue
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]!
      const [x1, y1] = ring[i + 1]!
      const cross = x0 * k * y1 - x1 * k * y0
      area += cross
      cx += (x0 * k + x1 * k) * cross
      cy += (y0 + y1) * cross
    }
  }
  return [cy / (3 * area), cx / (3 * area) / k]
}

const [municipalities, districts] = process.argv.slice(2)
if (!municipalities || !districts) {
  console.error('usage: place-centroids MUNICIPALITIES.geojson DISTRICTS.geojson')
  process.exit(1)
}
const lines = ['official_key,latitude,longitude']
const add = (key: string, [lat, lon]: [number, number]) =>
  lines.push(`${key},${lat.toFixed(5)},${lon.toFixed(5)}`)
const m = JSON.parse(readFileSync(municipalities, 'utf8')) as FeatureCollection
let hanau: [number, number] | undefined
for (const f of m.features) {
  const c = centroid(f.geometry)
  add(f.properties.ags_2021!, c)
  if (f.properties.ags_2021 === '06435014') hanau = c
}
const d = JSON.parse(readFileSync(districts, 'utf8')) as FeatureCollection
for (const f of d.features) add(f.properties.ARS!, centroid(f.geometry))
// Hanau: district-free from 2026 (new keys 06415000 and 06415), the same area as before.
if (hanau) {
  add('06415000', hanau)
  add('06415', hanau)
}
process.stdout.write(`${lines.join('\n')}\n`)
