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
    it(`reaches the OParl page from the navigation, in German and English, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Offene Daten' }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Offene Daten (OParl)' }).waitFor()
      await assertNoAxeViolations(page)
      const endpoint = await page.getByRole('link', { name: /\/oparl\/v1$/ }).getAttribute('href')
      assert.ok(endpoint?.endsWith('/oparl/v1'))
      await page.goto(`${server.url}/en/offene-daten`)
      await page.getByRole('heading', { level: 1, name: 'Open data (OParl)' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }
})
