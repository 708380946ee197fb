import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { councilsFeature } from '../../src/features/councils/feature'
import { councils } from '../../src/features/councils/tables'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

describe('councils in the browser', () => {
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
    it(`finds a council and reads the agah page ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Ausländerbeiräte' }).first().click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Gemeinde, Landkreis oder Name').fill('Odenwald')
      await page.getByRole('button', { name: 'Suchen' }).click()
      await page.getByRole('link', { name: 'Ausländerbeirat Breuberg' }).click()
      await page.getByRole('heading', { name: 'Ausländerbeirat Breuberg' }).waitFor()
      await assertNoAxeViolations(page)
      const [breuberg] = await server.t.deps.db
        .select()
        .from(councils)
        .where(eq(councils.name, 'Ausländerbeirat Breuberg'))
      assert.equal(new URL(page.url()).pathname, `/beiraete/${breuberg!.id}`)
      await page.getByRole('link', { name: 'agah', exact: true }).first().click()
      await page.getByRole('heading', { name: 'Vorstand' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }
})
