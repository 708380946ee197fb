/**
 * `npm run bench:i18n`: what a language costs.
 *
 * 1. Rendering: the same pages (home, councils list, a council, a meeting, the press list, a release,
 *    the funding programme) rendered in German and in Arabic through the real app (app.inject, PGlite
 *    with the demo data), in alternating rounds so both see the same machine state. Per round the
 *    mean time per request of each locale; the report gives the median of the rounds and their spread
 *    (min–max) and the ratio Arabic/German. Target: Arabic within 10 % of German.
 * 2. Memory: the heap taken by compiling every catalogue of every language (all translators the app
 *    builds), measured in a child process with --expose-gc. Target: at most 30 MB.
 *
 * Both parts run in one process each; no load generator is involved (this is rendering cost, not
 * throughput, which bench/press.ts measures against a baseline server).
 */
import { execFileSync } from 'node:child_process'
import { FEATURES } from '../src/app'
import { seedDemoOnce } from '../src/platform/runtime'
import { createTestApp } from '../test/helpers/app'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 40)

if (process.argv[2] === '--memory') {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with --expose-gc')
  const { catalogueParts } = await import('../src/app')
  const { loadCatalogues } = await import('../src/platform/i18n/translations')
  const { LOCALE_LIST, translator } = await import('../src/platform/i18n')
  const parts = catalogueParts()
  gc()
  const before = process.memoryUsage().heapUsed
  const { catalogues } = loadCatalogues(parts)
  // As the app does: a plain translator per locale, and a marking one for pages in translated locales.
  const kept = LOCALE_LIST.flatMap((l) => [
    translator(catalogues, l),
    translator(catalogues, l, { markFallback: true }),
  ])
  gc()
  const after = process.memoryUsage().heapUsed
  console.log(JSON.stringify({ bytes: after - before, translators: kept.length }))
  process.exit(0)
}

const t = await createTestApp('pglite')
await seedDemoOnce(t.deps, FEATURES, () => {})
const first = async (url: string, pattern: RegExp) => pattern.exec((await t.app.inject({ url })).body)?.[1]
const council = await first('/beiraete', /href="(\/beiraete\/[0-9a-f-]{36})"/)
const meeting = await first('/sitzungen', /href="(\/sitzungen\/[0-9a-f-]{36})"/)
const release = await first('/presse', /href="(\/presse\/demo[a-z0-9-]+)"/)
const pages = ['/', '/beiraete', council, meeting, '/presse', release, '/foerderung'].filter(
  (p): p is string => typeof p === 'string',
)
const prefix = { de: '', ar: '/ar' } as const

async function round(locale: 'de' | 'ar'): Promise<number> {
  const start = process.hrtime.bigint()
  for (let i = 0; i < PER_ROUND; i++) {
    for (const p of pages) {
      const res = await t.app.inject({ url: `${prefix[locale]}${p === '/' && locale !== 'de' ? '' : p}` })
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} for ${p} (${locale})`)
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / (PER_ROUND * pages.length)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
await round('de')
await round('ar')
const times = { de: [] as number[], ar: [] as number[] }
for (let r = 0; r < ROUNDS; r++) {
  // Alternate which goes first so neither always gets the warmer machine.
  for (const l of r % 2 ? (['ar', 'de'] as const) : (['de', 'ar'] as const)) times[l].push(await round(l))
}
await t.close()
const ratios = times.ar.map((a, i) => a / times.de[i]!)
const fmt = (xs: number[]) =>
  `${median(xs).toFixed(2)} ms (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`
console.log(`pages: ${pages.join(' ')}`)
console.log(`German  per request: ${fmt(times.de)}`)
console.log(`Arabic  per request: ${fmt(times.ar)}`)
console.log(
  `Arabic / German: median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); target ≤ 1.10: ${median(ratios) <= 1.1 ? 'met' : 'NOT met'}`,
)
const memory = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--memory'], {
    encoding: 'utf8',
  }),
) as { bytes: number; translators: number }
const mb = memory.bytes / 1024 / 1024
console.log(
  `Compiled catalogues (${memory.translators} translators): ${mb.toFixed(1)} MB of heap; target ≤ 30 MB: ${mb <= 30 ? 'met' : 'NOT met'}`,
)
