import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { generate } from 'otplib'
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

/** A code for the time step `offset` steps from now, as the person's authenticator app would show it. */
function codeFor(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 })
}

describe('two-factor sign-in in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await server.t.createUser('js@example.org', [])
    await server.t.createUser('nojs@example.org', [])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    const email = javaScript ? 'js@example.org' : 'nojs@example.org'
    it(`enrols TOTP, signs out and signs in with password and code (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill(email)
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()

      // The account page, reached through the header link.
      await page.getByRole('link', { name: email.split('@')[0]! }).click()
      await page.getByRole('heading', { name: 'Ihr Konto' }).waitFor()
      await assertNoAxeViolations(page)

      // Password change page, with an error state.
      await page.getByRole('link', { name: 'Passwort ändern' }).click()
      await page.getByRole('heading', { name: 'Passwort ändern' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Aktuelles Passwort').fill(TEST_PASSWORD)
      await page.getByLabel('Neues Passwort', { exact: true }).fill('a much longer new passphrase')
      await page.getByLabel('Neues Passwort wiederholen').fill('something else entirely')
      await page.getByRole('button', { name: 'Passwort ändern' }).click()
      await page.locator('[data-error-summary]').waitFor()
      assert.match((await page.locator('[data-error-summary]').textContent()) ?? '', /stimmen nicht überein/)
      await assertNoAxeViolations(page)

      // Enrolment: QR code and key; the test plays the authenticator app.
      await page.goto(`${server.url}/konto`)
      await page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung verwalten' }).click()
      await page.getByRole('img', { name: 'QR-Code für die Authenticator-App' }).waitFor()
      await assertNoAxeViolations(page)
      const shown = (await page.locator('.totp-secret').textContent()) ?? ''
      const secret = shown.replace(/\s/g, '')
      assert.match(secret, /^[A-Z2-7]{32}$/)
      await page.getByLabel('Code aus der App').fill('000000')
      await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einschalten' }).click()
      await page.locator('[data-error-summary]').waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Code aus der App').fill(await codeFor(secret))
      await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einschalten' }).click()
      await page.getByText('Die Zwei-Faktor-Anmeldung ist jetzt eingeschaltet.').waitFor()
      await assertNoAxeViolations(page)

      await page.getByRole('button', { name: 'Abmelden' }).click()
      await page.getByText('Sie sind abgemeldet.').waitFor()

      // Sign in again: password, then the code.
      await page.goto(`${server.url}/anmelden?next=%2Fkonto`)
      await page.getByLabel('E-Mail-Adresse').fill(email)
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByRole('heading', { name: 'Code eingeben' }).waitFor()
      assert.equal(new URL(page.url()).pathname, '/anmelden/code')
      await assertNoAxeViolations(page)
      await page.getByLabel('Code aus der App').fill('111111')
      await page.getByRole('button', { name: 'Bestätigen' }).click()
      await page.locator('[data-error-summary]').waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Code aus der App').fill(await codeFor(secret, 1))
      await page.getByRole('button', { name: 'Bestätigen' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()
      assert.equal(new URL(page.url()).pathname, '/konto')
      await page.getByRole('heading', { name: 'Ihr Konto' }).waitFor()
      await assertNoAxeViolations(page)

      // The page to turn it off again.
      await page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung verwalten' }).click()
      await page.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung ausschalten' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }
})
