import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { councilsFeature } from '../../src/features/councils/feature'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

/**
 * A resident who reads Arabic or Turkish: finds the language, finds a council, reads a meeting.
 * Checked with axe and the layout check (360 and 1280 px) on every page, with and without JavaScript.
 */
describe('journeys in Arabic and Turkish', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await councilsFeature.seedDemo!(server.t.deps, () => {})
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
      it('Arabic: right to left, the navigation starts on the right, a council and its meeting', async () => {
        const tp = await openPage(browser, { javaScript, locale: 'ar' })
        const { page } = tp
        await page.setViewportSize({ width: 360, height: 800 })
        await page.goto(`${server.url}/`)
        // The German home page offers Arabic in one line, in Arabic, without redirecting.
        assert.equal(new URL(page.url()).pathname, '/')
        await page.getByRole('link', { name: 'هذه الصفحة متوفرة أيضًا باللغة العربية.' }).click()
        assert.equal(new URL(page.url()).pathname, '/ar')
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
        await assertNoAxeViolations(page)
        // In right to left the site name (first in the header) sits at the right edge.
        const brand = await page.locator('.site-header__brand').boundingBox()
        const width = page.viewportSize()!.width
        assert.ok(
          brand && brand.x + brand.width > width - 40,
          `brand at ${brand?.x}+${brand?.width} of ${width}`,
        )
        const firstNav = await page.locator('.site-nav li').first().boundingBox()
        assert.ok(
          firstNav && firstNav.x + firstNav.width > width / 2,
          'the first navigation item is on the right',
        )
        await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link').nth(2).click()
        await page.locator('h1').waitFor()
        await assertNoAxeViolations(page)
        await page.locator('main table a, main .kern-card a, main li a').first().click()
        await page.locator('h1').waitFor()
        assert.match(new URL(page.url()).pathname, /^\/ar\//)
        await assertNoAxeViolations(page)
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })

      it('Turkish: chooses the language in the switcher and searches for a council', async () => {
        const tp = await openPage(browser, { javaScript, locale: 'de-DE' })
        const { page } = tp
        await page.goto(`${server.url}/beiraete`)
        await page.locator('.site-lang summary').click()
        await page.getByRole('link', { name: 'Türkçe' }).click()
        assert.equal(new URL(page.url()).pathname, '/tr/beiraete')
        assert.equal(await page.getAttribute('html', 'lang'), 'tr')
        await assertNoAxeViolations(page)
        await page.getByRole('searchbox').or(page.getByRole('textbox')).first().fill('Frankfurt')
        await page.getByRole('button', { name: 'Ara' }).first().click()
        await page.locator('h1').waitFor()
        assert.match((await page.locator('main').textContent()) ?? '', /Frankfurt/)
        await assertNoAxeViolations(page)
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })
    })
  }
})
