import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

describe('platform in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await server.t.createUser('admin@example.org', ['admin'])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
      it('signs in, sees the admin area and signs out', async () => {
        const tp = await openPage(browser, { javaScript })
        const { page } = tp
        await page.goto(`${server.url}/`)
        await assertNoAxeViolations(page)
        await page.getByRole('link', { name: 'Anmelden' }).click()
        await assertNoAxeViolations(page)
        await page.getByLabel('E-Mail-Adresse').fill('admin@example.org')
        await page.getByLabel('Passwort').fill(TEST_PASSWORD)
        await page.getByRole('button', { name: 'Anmelden' }).click()
        await page.getByText('Sie sind angemeldet.').waitFor()
        await page.getByRole('link', { name: 'Verwaltung' }).first().click()
        await page.getByRole('link', { name: 'Änderungsprotokoll' }).click()
        await page.getByRole('heading', { name: 'Änderungsprotokoll' }).waitFor()
        await assertNoAxeViolations(page)
        await page.getByRole('button', { name: 'Abmelden' }).click()
        await page.getByText('Sie sind abgemeldet.').waitFor()
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })

      it('shows a failed sign-in in the error summary, which takes focus', async () => {
        const tp = await openPage(browser, { javaScript })
        const { page } = tp
        await page.goto(`${server.url}/anmelden`)
        await page.getByLabel('E-Mail-Adresse').fill('admin@example.org')
        await page.getByLabel('Passwort').fill('falsch-falsch')
        await page.getByRole('button', { name: 'Anmelden' }).click()
        const summary = page.locator('[data-error-summary]')
        await summary.waitFor()
        assert.match((await summary.textContent()) ?? '', /E-Mail-Adresse oder Passwort sind nicht richtig/)
        assert.equal(
          await page.locator('[data-error-summary]:focus').count(),
          1,
          'the error summary has focus',
        )
        assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), 'admin@example.org')
        await summary.getByRole('link').click()
        assert.equal(await page.locator('#feld-email:focus').count(), 1, 'the link moved focus to the field')
        await assertNoAxeViolations(page)
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })

      it('switches the language and keeps the page', async () => {
        const tp = await openPage(browser, { javaScript })
        const { page } = tp
        await page.goto(`${server.url}/barrierefreiheit`)
        // The language switch is a disclosure: open it, then choose the language by its own name.
        await page.locator('.site-lang summary').click()
        await page.getByRole('link', { name: 'English', exact: true }).click()
        await page.getByRole('heading', { name: 'Accessibility statement' }).waitFor()
        assert.equal(new URL(page.url()).pathname, '/en/barrierefreiheit')
        assert.equal(await page.getAttribute('html', 'lang'), 'en')
        await assertNoAxeViolations(page)
        await page.locator('.site-lang summary').click()
        await page.getByRole('link', { name: 'Deutsch', exact: true }).click()
        await page.getByRole('heading', { name: 'Erklärung zur Barrierefreiheit' }).waitFor()
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })
    })
  }

  for (const javaScript of [true, false]) {
    it(`a resident on a phone finds their council from the home page ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.setViewportSize({ width: 360, height: 800 })
      await page.goto(`${server.url}/`)
      await page.getByRole('heading', { name: 'Was möchten Sie tun?' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Ihre Gemeinde, Stadt oder Ihr Landkreis').fill('Wiesbaden')
      // Two cards search (offers and councils): each button names its task.
      await page.getByRole('button', { name: /^Suchen\s*:\s*Ihren Ausländerbeirat finden$/ }).click()
      await page.waitForURL(/\/beiraete\?q=Wiesbaden$/)
      assert.equal(await page.getByLabel('Gemeinde, Landkreis oder Name').inputValue(), 'Wiesbaden')
      await page.goto(`${server.url}/leichte-sprache`)
      await page.getByRole('link', { name: 'Förderung beantragen' }).click()
      await page.waitForURL(/\/foerderung$/)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }

  it('lands the admin on the desk, and the operator entered there appears in the Impressum (no JavaScript)', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('admin@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByRole('heading', { name: 'Ihr Schreibtisch', level: 1 }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/verwaltung')
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Betreiber' }).click()
    await page.getByLabel('Name der Behörde').fill('Ministerium für Beispiele')
    await page.getByLabel('Straße und Hausnummer').fill('Beispielweg 2')
    await page.getByLabel('Postleitzahl').fill('651')
    await page.getByLabel('Ort', { exact: true }).fill('Wiesbaden')
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('post@example.org')
    await page.getByLabel('Telefon', { exact: true }).fill('0611 1')
    await page.getByLabel('E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit').fill('bf@example.org')
    await page
      .getByLabel('Durchsetzungsstelle mit Anschrift')
      .fill('Durchsetzungsstelle\nBeispielweg 3\n65183 Wiesbaden')
    await page.getByLabel('Name der Pressestelle').fill('Pressestelle')
    await page.getByLabel('E-Mail-Adresse der Pressestelle').fill('presse@example.org')
    await page.getByLabel('Telefon der Pressestelle').fill('0611 2')
    await page.getByRole('button', { name: 'Angaben speichern' }).click()
    const summary = page.locator('[data-error-summary]')
    await summary.waitFor()
    assert.match((await summary.textContent()) ?? '', /Postleitzahl mit 5 Ziffern/)
    await assertNoAxeViolations(page)
    await page.getByLabel('Postleitzahl').fill('65183')
    await page.getByRole('button', { name: 'Angaben speichern' }).click()
    await page.getByText('Die Angaben des Betreibers sind gespeichert.').waitFor()
    await page.goto(`${server.url}/impressum`)
    await page.getByText('Ministerium für Beispiele').waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('has no axe violations on any public page, in German and English', async () => {
    const tp = await openPage(browser)
    for (const path of [
      '/',
      '/impressum',
      '/datenschutz',
      '/barrierefreiheit',
      '/leichte-sprache',
      '/gebaerdensprache',
      '/gibt-es-nicht',
    ]) {
      for (const prefix of ['', '/en']) {
        await tp.page.goto(`${server.url}${prefix}${path === '/' && prefix ? '' : path}`)
        await assertNoAxeViolations(tp.page)
      }
    }
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
