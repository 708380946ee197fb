import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

describe('open data page in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    it(`reaches the open data page from the navigation, in German and Arabic, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Offene Daten' }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Offene Daten' }).waitFor()
      await assertNoAxeViolations(page)
      // Every dataset offers both downloads, named for screen readers by the dataset.
      await page.getByRole('link', { name: 'Angebote für Eingewanderte in Hessen als CSV' }).waitFor()
      const json = await page
        .getByRole('link', { name: 'Angebote für Eingewanderte in Hessen als JSON' })
        .getAttribute('href')
      assert.equal(json, '/opendata/angebote.json')
      const endpoint = await page.getByRole('link', { name: /\/oparl\/v1$/ }).getAttribute('href')
      assert.ok(endpoint?.endsWith('/oparl/v1'), 'the OParl entry point stays on the page')
      await page.getByRole('link', { name: 'Katalog als RDF/XML' }).waitFor()

      await page.goto(`${server.url}/ar/offene-daten`)
      await page.getByRole('heading', { level: 1, name: 'البيانات المفتوحة' }).waitFor()
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
      await page.getByRole('link', { name: 'الفهرس بصيغة RDF/XML' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }
})
