import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { DEMO_RELEASE_FILE } from '../../src/features/press/feature'
import { importRelease, parseReleaseText } from '../../src/features/press/import-release'
import { CLI_ACTOR } from '../../src/platform/audit'
import {
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

/** The weight budget of issue "light pages": a first visit to a release moves at most 150 KB. */
const FIRST_VISIT_BUDGET = 150 * 1024

describe('light pages in the browser', () => {
  let server: TestServer
  let browser: Browser
  let releaseUrl: string
  before(async () => {
    server = await startServer()
    const result = await importRelease(
      server.t.deps.db,
      CLI_ACTOR,
      parseReleaseText(readFileSync(DEMO_RELEASE_FILE, 'utf8')),
      { publish: true },
    )
    assert.ok(result.ok)
    releaseUrl = `${server.url}/presse/${result.value.slug}`
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const width of [360, 1280]) {
    it(`a first visit to a release at ${width} px moves at most 150 KB and renders in Fira Sans`, async () => {
      const tp = await openPage(browser)
      const { page } = tp
      await page.setViewportSize({ width, height: 800 })
      const transfers: { url: string; bytes: number; encoding: string | undefined }[] = []
      const pending: Promise<void>[] = []
      page.on('requestfinished', (request) => {
        pending.push(
          (async () => {
            // Bytes on the wire: the (compressed) body plus the response headers.
            const sizes = await request.sizes()
            const response = await request.response()
            transfers.push({
              url: request.url().replace(server.url, ''),
              bytes: sizes.responseBodySize + sizes.responseHeadersSize,
              encoding: response?.headers()['content-encoding'],
            })
          })(),
        )
      })
      await page.goto(releaseUrl, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await page.waitForLoadState('networkidle')
      await Promise.all(pending)

      const total = transfers.reduce((sum, x) => sum + x.bytes, 0)
      const list = transfers.map((x) => `${x.url} ${x.bytes} ${x.encoding ?? '-'}`).join('\n')
      assert.ok(total <= FIRST_VISIT_BUDGET, `first visit moved ${total} bytes:\n${list}`)
      // The page and its stylesheet came compressed; the fonts are the Latin subsets only.
      const html = transfers.find((x) => x.url.startsWith('/presse/'))
      const css = transfers.find((x) => x.url.endsWith('.css'))
      assert.ok(html?.encoding && css?.encoding, list)
      const fonts = transfers.filter((x) => x.url.endsWith('.woff2'))
      assert.ok(fonts.length >= 2, list)
      for (const f of fonts) assert.match(f.url, /fira-sans-\d+-latin\./, list)

      // The text really is set in Fira Sans (loaded, not a fallback), body and headings.
      const loaded = await page.evaluate(() =>
        [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`),
      )
      assert.ok(loaded.includes('"Fira Sans" 400') || loaded.includes('Fira Sans 400'), loaded.join(', '))
      assert.ok(
        loaded.some((f) => /Fira Sans"? 600/.test(f)),
        loaded.join(', '),
      )
      const family = await page.locator('h1').evaluate((el) => getComputedStyle(el).fontFamily)
      assert.match(family, /^"Fira Sans"/)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }
})
