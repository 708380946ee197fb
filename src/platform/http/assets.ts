/**
 * The stylesheets, script, icon and fonts every page loads, light enough for a phone:
 *
 * - One stylesheet `site.<hash>.css`: KERN's CSS, our @font-face rules and app.css (one
 *   render-blocking request instead of three).
 * - Fira Sans only in the faces KERN and app.css use (400, 500, 600 and 400 italic), each split by
 *   `unicode-range` into Latin, Latin Extended and the rest of the font, so a German page downloads
 *   only the small Latin files and no glyph of the original font is lost. `font-display: swap`.
 * - Every URL carries a content hash, so the files are served `immutable` for a year; a new KERN
 *   version, an edited app.css or a new build recipe gives new URLs.
 * - CSS, JavaScript and SVG are compressed once with brotli (quality 11) and gzip (level 9) and
 *   served precompressed by @fastify/static (`preCompressed`), which picks the encoding and sends
 *   `Vary: Accept-Encoding`.
 *
 * Building (subsetting with harfbuzz through `subset-font`, compressing with node:zlib) takes a few
 * seconds, so it runs once into a cache directory (ASSET_CACHE_DIR; by default in node_modules/.cache,
 * filled by `npm install`'s postinstall and by the test runner) and later starts only check that the
 * files are there. Names are content-addressed, so several versions can share the directory.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import fastifyStatic from '@fastify/static'
import type { App } from '../feature'

const require = createRequire(import.meta.url)
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Bump when the build below changes its output for the same inputs. */
const RECIPE = 'assets-1'

/** Where fingerprinted assets are served. */
export const ASSET_PREFIX = '/assets/v/'

const KERN_DIST = path.join(path.dirname(require.resolve('@kern-ux/native/package.json')), 'dist')
const UI_ASSETS = path.resolve(import.meta.dirname, '../ui/assets')

/** The faces of Fira Sans the pages use (KERN's typography tokens: 400, 500, 600; emphasis in italic). */
const FACES = [
  { weight: 400, style: 'normal', file: 'FiraSans-Regular.woff2' },
  { weight: 500, style: 'normal', file: 'FiraSans-Medium.woff2' },
  { weight: 600, style: 'normal', file: 'FiraSans-SemiBold.woff2' },
  { weight: 400, style: 'italic', file: 'FiraSans-Italic.woff2' },
] as const

type Range = readonly [number, number]
// The same split as the common web font services use for Latin scripts.
const LATIN: readonly Range[] = [
  [0x0000, 0x00ff],
  [0x0131, 0x0131],
  [0x0152, 0x0153],
  [0x02bb, 0x02bc],
  [0x02c6, 0x02c6],
  [0x02da, 0x02da],
  [0x02dc, 0x02dc],
  [0x0304, 0x0304],
  [0x0308, 0x0308],
  [0x0329, 0x0329],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2191, 0x2191],
  [0x2193, 0x2193],
  [0x2212, 0x2212],
  [0x2215, 0x2215],
  [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
]
const LATIN_EXT: readonly Range[] = [
  [0x0100, 0x02ba],
  [0x02bd, 0x02c5],
  [0x02c7, 0x02cc],
  [0x02ce, 0x02d7],
  [0x02dd, 0x02ff],
  [0x1d00, 0x1dbf],
  [0x1e00, 0x1e9f],
  [0x1ef2, 0x1eff],
  [0x2020, 0x2020],
  [0x20a0, 0x20ab],
  [0x20ad, 0x20c0],
  [0x2113, 0x2113],
  [0x2c60, 0x2c7f],
  [0xa720, 0xa7ff],
]

/** Every code point not in the given ranges (up to U+FFFF, which covers everything Fira Sans has). */
function complement(taken: readonly Range[]): Range[] {
  const sorted = [...taken].sort((a, b) => a[0] - b[0])
  const out: Range[] = []
  let next = 0
  for (const [from, to] of sorted) {
    if (from > next) out.push([next, from - 1])
    next = Math.max(next, to + 1)
  }
  if (next <= 0xffff) out.push([next, 0xffff])
  return out
}

const SUBSETS = [
  { name: 'latin', ranges: LATIN },
  { name: 'latin-ext', ranges: LATIN_EXT },
  { name: 'rest', ranges: complement([...LATIN, ...LATIN_EXT]) },
] as const

function unicodeRange(ranges: readonly Range[]): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0')
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ')
}

function textOf(ranges: readonly Range[]): string {
  const points: number[] = []
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) if (c < 0xd800 || c > 0xdfff) points.push(c)
  }
  let s = ''
  for (let i = 0; i < points.length; i += 4096) s += String.fromCodePoint(...points.slice(i, i + 4096))
  return s
}

function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest('base64url').slice(0, 16).replace(/[-_]/g, 'x')
}

/** One file in the cache directory. */
interface AssetFile {
  readonly name: string
  /** Brotli and gzip variants are stored beside it. */
  readonly compress: boolean
  build(): Promise<Buffer>
}

export interface AssetManifest {
  /** URLs for the layout. */
  readonly css: string
  readonly js: string
  readonly favicon: string
  /** Fonts every page needs at once (body text and headings in Latin script): preloaded. */
  readonly preload: readonly string[]
  readonly files: readonly AssetFile[]
}

let manifest: AssetManifest | undefined

/**
 * The fingerprinted asset URLs. Computed once per process from the source files (no building):
 * fonts are named by a hash of their source and subset, everything else by a hash of its content.
 */
export function assetManifest(): AssetManifest {
  if (manifest) return manifest
  const files: AssetFile[] = []
  const fontCss: string[] = []
  const preload: string[] = []
  for (const face of FACES) {
    const source = readFileSync(path.join(KERN_DIST, 'fonts/fira-sans', face.file))
    for (const subset of SUBSETS) {
      const range = unicodeRange(subset.ranges)
      const style = face.style === 'italic' ? 'i' : ''
      const name = `fira-sans-${face.weight}${style}-${subset.name}.${hashOf(RECIPE, source, range)}.woff2`
      files.push({
        name,
        compress: false,
        async build() {
          const { default: subsetFont } = await import('subset-font')
          return subsetFont(source, textOf(subset.ranges), { targetFormat: 'woff2' })
        },
      })
      fontCss.push(
        `@font-face{font-family:'Fira Sans';font-style:${face.style};font-weight:${face.weight};` +
          `font-display:swap;src:url(${ASSET_PREFIX}${name}) format('woff2');unicode-range:${range}}`,
      )
      if (
        subset.name === 'latin' &&
        face.style === 'normal' &&
        (face.weight === 400 || face.weight === 600)
      ) {
        preload.push(`${ASSET_PREFIX}${name}`)
      }
    }
  }
  const css = Buffer.concat([
    readFileSync(path.join(KERN_DIST, 'kern.min.css')),
    Buffer.from(`\n${fontCss.join('\n')}\n`),
    readFileSync(path.join(UI_ASSETS, 'app.css')),
  ])
  const js = readFileSync(path.join(UI_ASSETS, 'app.js'))
  const svg = readFileSync(path.join(UI_ASSETS, 'favicon.svg'))
  const cssName = `site.${hashOf(css)}.css`
  const jsName = `app.${hashOf(js)}.js`
  const svgName = `favicon.${hashOf(svg)}.svg`
  files.push(
    { name: cssName, compress: true, build: async () => css },
    { name: jsName, compress: true, build: async () => js },
    { name: svgName, compress: true, build: async () => svg },
  )
  manifest = {
    css: `${ASSET_PREFIX}${cssName}`,
    js: `${ASSET_PREFIX}${jsName}`,
    favicon: `${ASSET_PREFIX}${svgName}`,
    preload,
    files,
  }
  return manifest
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  // Several processes (test files, app nodes) may build at once: each writes its own temporary file
  // and renames it, so nobody ever reads half a file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(tmp, bytes)
  await rename(tmp, file)
}

const building = new Map<string, Promise<void>>()

/** Builds whatever is missing in the cache directory (once per process and directory). */
export function buildAssets(dir: string): Promise<void> {
  let p = building.get(dir)
  if (!p) {
    p = (async () => {
      await mkdir(dir, { recursive: true })
      for (const file of assetManifest().files) {
        const target = path.join(dir, file.name)
        const missing = !existsSync(target)
        const missingCompressed =
          file.compress && (!existsSync(`${target}.br`) || !existsSync(`${target}.gz`))
        if (!missing && !missingCompressed) continue
        const bytes = await file.build()
        if (missingCompressed) {
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ])
          await writeAtomically(`${target}.br`, br)
          await writeAtomically(`${target}.gz`, gz)
        }
        // The plain file last: its presence says the file is complete.
        if (missing) await writeAtomically(target, bytes)
      }
    })()
    building.set(dir, p)
    p.catch(() => building.delete(dir))
  }
  return p
}

/** Serves the fingerprinted assets from the cache directory (building them first when needed). */
export async function registerAssets(app: App, cacheDir: string): Promise<void> {
  await buildAssets(cacheDir)
  const names = new Set(assetManifest().files.map((f) => f.name))
  await app.register(fastifyStatic, {
    root: cacheDir,
    prefix: ASSET_PREFIX,
    decorateReply: false,
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    index: false,
    // Only this version's files, never the compressed twins by name or leftovers of other versions.
    allowedPath: (p) => names.has(p.replace(/^\/+/, '')),
  })
}
