import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'
import { MSO_REGISTRATION, seedProgramme } from '../helpers/funding'
import { grantThisYear } from '../helpers/payments'

describe('payment request (Mittelabruf) in the browser', () => {
  let server: TestServer
  let browser: Browser
  let grant: Awaited<ReturnType<typeof grantThisYear>>
  before(async () => {
    server = await startServer()
    await seedProgramme(server.t.deps)
    const officer = await server.t.createUser('officer@rp.example', ['funding_officer'])
    const approver = await server.t.createUser('approver@rp.example', ['funding_approver'])
    grant = await grantThisYear(server.t.deps, {
      officer: { id: officer, label: 'officer' },
      approver: { id: approver, label: 'approver' },
    })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel('Passwort').fill(password)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
  }

  it('the recipient requests money without JavaScript at 360 px: too much is refused on the field, then it is requested', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.setViewportSize({ width: 360, height: 800 })
    await signIn(page, MSO_REGISTRATION.email, MSO_REGISTRATION.password)
    await page.goto(`${server.url}/foerderung/antraege/${grant.id}`)
    await page.getByRole('link', { name: 'Mittel abrufen' }).click()
    await page.getByRole('heading', { name: 'Mittel abrufen', level: 1 }).waitFor()
    await assertNoAxeViolations(page)

    await page.getByLabel('Betrag in Euro').fill('12.000,00')
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    await page.getByLabel('Fällig am').fill(today)
    await page.getByLabel('Wofür brauchen Sie das Geld?').fill('Honorare und Raummiete')
    await page.getByRole('button', { name: 'Mittel abrufen' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(await page.title(), /^Fehler:/)
    const error = await page.locator('#feld-amount-error').textContent()
    assert.match(error ?? '', /höchstens 10\.000,00/)
    assert.equal(await page.getByLabel('Wofür brauchen Sie das Geld?').inputValue(), 'Honorare und Raummiete')
    await assertNoAxeViolations(page)

    await page.getByLabel('Betrag in Euro').fill('2.500,00')
    await page.getByRole('button', { name: 'Mittel abrufen' }).click()
    await page.getByText('Ihr Mittelabruf ist eingegangen.').waitFor()
    assert.match((await page.locator('main').textContent()) ?? '', /7\.500,00/)
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the officer sees the request against the plan and checks it', async () => {
    const tp = await openPage(browser)
    const { page } = tp
    await signIn(page, 'officer@rp.example')
    await page.goto(`${server.url}/foerderung/verwaltung/zahlungen`)
    await page.getByRole('heading', { name: 'Zahlungen und Mittelabrufe', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await page.locator('a[href*="/foerderung/verwaltung/zahlungen/"]').first().click()
    await page.getByRole('heading', { name: 'Sachlich prüfen' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('Sachlich richtig: zur Freigabe weitergeben').check()
    await page.getByRole('button', { name: 'Prüfung speichern' }).click()
    await page.getByText('Prüfung gespeichert.').waitFor()
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
