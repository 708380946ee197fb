import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createTestApp, type TestApp } from './app'

export const CHROMIUM_PATH = '/usr/bin/chromium'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const LAYOUT_PROBE = readFileSync(path.join(import.meta.dirname, 'layout-probe.js'), 'utf8')

/** Every page the browser tests check is photographed here at both widths (gitignored). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots')
/** A phone and a desktop. */
export const LAYOUT_WIDTHS = [360, 1280] as const

export interface TestServer {
  t: TestApp
  /** http://127.0.0.1:<port> */
  url: string
  close(): Promise<void>
}

/** The real app on a free loopback port, on a fresh PGlite copy (browser tests need no second database). */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const t = await createTestApp('pglite', env)
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const address = t.app.server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return { t, url: `http://127.0.0.1:${address.port}`, close: () => t.close() }
}

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export interface TestPage {
  page: Page
  context: BrowserContext
  /** Console errors and CSP violations seen so far. */
  problems: string[]
}

/** A page in a new context; `javaScript: false` to prove a journey works without it. */
export async function openPage(
  browser: Browser,
  options: { javaScript?: boolean; locale?: string } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? 'de-DE',
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  if (options.javaScript === false) noScriptPages.add(page)
  const problems: string[] = []
  page.on('console', (msg) => {
    // A form answered with 400 is expected; failed sub-resources are caught below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text())
  })
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      problems.push(`${res.status()} for ${res.request().resourceType()} ${res.url()}`)
    }
  })
  page.on('pageerror', (err) => problems.push(err.message))
  return { page, context, problems }
}

const noScriptPages = new WeakSet<Page>()

/**
 * Checks the page as it is now, the way the browser tests check every page they visit:
 * - axe-core finds no WCAG 2.1 A/AA violation;
 * - at 360 px and at 1280 px the layout is sound (see `assertLayout`), and a screenshot of each
 *   width goes to test-results/screenshots/ for people to look through.
 * axe needs JavaScript timers, so a page without JavaScript is checked through a script-enabled twin
 * that loads exactly the same HTML from the same URL (same locale, so dates read the same).
 */
export async function assertNoAxeViolations(page: Page): Promise<void> {
  if (noScriptPages.has(page)) {
    const html = await page.content()
    const url = page.url()
    const browser = page.context().browser()!
    const twinContext = await browser.newContext({ locale: 'de-DE', viewport: page.viewportSize() })
    const twin = await twinContext.newPage()
    try {
      // The page's own stylesheets and fonts come from the server; only the document is replayed.
      await twin.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
      await twin.goto(url)
      await runAxe(twin)
      await assertLayout(twin)
    } finally {
      await twinContext.close()
    }
    return
  }
  await runAxe(page)
  await assertLayout(page)
}

/** What the layout probe finds wrong at the page's current width (one line per problem). */
export async function layoutProblems(page: Page): Promise<string[]> {
  // page.evaluate runs through the DevTools protocol, so the page's strict CSP stays untouched.
  return (await page.evaluate(LAYOUT_PROBE)) as string[]
}

let shots = 0
const testFile = path.basename(process.argv.find((a) => /\.test\.tsx?$/.test(a)) ?? 'page', '.ts')

/**
 * Fails when, at 360 px or 1280 px, the page scrolls sideways, a legend, label or heading overlaps
 * another element or runs into the text beside it or is cut off, or an input is narrower than its
 * content. Writes a screenshot of both widths (the viewport is restored afterwards).
 */
export async function assertLayout(page: Page): Promise<void> {
  const before = page.viewportSize()
  const found: string[] = []
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const n = String(++shots).padStart(3, '0')
  const slug =
    new URL(page.url()).pathname
      .replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1')
      .replace(/[^a-zA-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'start'
  try {
    for (const width of LAYOUT_WIDTHS) {
      await page.setViewportSize({ width, height: 800 })
      for (const p of await layoutProblems(page)) found.push(`${width} px: ${p}`)
      // JPEG: a third of the time of a PNG for a long page, and plenty to look at.
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `${testFile}-${n}-${slug}-${width}.jpg`),
        type: 'jpeg',
        quality: 70,
        fullPage: true,
      })
    }
  } finally {
    if (before) await page.setViewportSize(before)
  }
  assert.deepEqual(found, [], `layout problems on ${page.url()}`)
}

async function runAxe(page: Page): Promise<void> {
  // page.evaluate runs through the DevTools protocol, so the page's strict CSP stays untouched.
  await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })
    return result.violations
  })) as { id: string; help: string; nodes: { target: string[] }[] }[]
  const report = violations.map(
    (v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  assert.deepEqual(report, [], `axe violations on ${page.url()}`)
}

/** Fails when the browser reported a CSP violation or another console error. */
export function assertNoConsoleProblems(tp: TestPage): void {
  assert.deepEqual(tp.problems, [], 'console errors or CSP violations')
}
