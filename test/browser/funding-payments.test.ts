import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  assertLayout,
  assertNoAxeViolations,
  assertNoConsoleProblems,
  openPage,
  type TestServer,
} from '../helpers/browser'
import { MSO_REGISTRATION } from '../helpers/funding'
import { type FundingBrowser, startFundingBrowser } from '../helpers/funding-browser'
import { THIS_YEAR } from '../helpers/payments'

describe('payment request (Mittelabruf) in the browser', () => {
  let fb: FundingBrowser
  let server: TestServer
  let browser: Browser
  let grant: FundingBrowser['grant']
  before(async () => {
    fb = await startFundingBrowser()
    ;({ server, browser, grant } = fb)
  })
  after(() => fb?.close())

  const signIn = (page: Page, email: string, password?: string) => fb.signIn(page, email, password)

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

  it('the recipient submits the proof of use without JavaScript at 360 px; a bad receipt row is named, then it goes in; the officer sees it', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.setViewportSize({ width: 360, height: 800 })
    await signIn(page, MSO_REGISTRATION.email, MSO_REGISTRATION.password)
    await page.goto(`${server.url}/foerderung/antraege/${grant.id}`)
    await page.getByRole('link', { name: 'Verwendungsnachweis' }).click()
    await page.getByRole('heading', { name: 'Verwendungsnachweis', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await assertLayout(page)
    const fill = async () => {
      await page.getByLabel('Welche Ziele hatte das Projekt').fill('Sprachcafé aufgebaut')
      await page.getByLabel('Was haben Sie durchgeführt?').fill('40 Treffen')
      await page.getByLabel('Wen haben Sie erreicht?').fill('120 Menschen')
      await page.getByLabel('Wie haben Sie mit dem kommunalen Integrationsbüro').fill('Monatlich')
      await page.getByLabel('Weitere Angaben zum Projekt').fill('Wie geplant.')
      await page.getByLabel('Mikroprojekt: tatsächliche Ausgaben in Euro').fill('1.800,00')
      await page.getByLabel('Minijob: tatsächliche Ausgaben in Euro').fill('7.200,00')
    }
    const csv = (extra = '') => ({
      name: 'belege.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `datum;empfaenger;zweck;betrag;position\n${THIS_YEAR}-02-01;Druckerei;Flyer;1.800,00;Mikroprojekt\n${THIS_YEAR}-03-31;Minijobberin;Lohn;7.200,00;Minijob\n${extra}`,
      ),
    })
    await fill()
    await page
      .getByLabel('Belegliste (CSV-Datei)')
      .setInputFiles(csv(`${THIS_YEAR}-04-01;X;Y;5,00;Reisekosten\n`))
    await page.getByRole('button', { name: 'Nachweis einreichen' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('#feld-receipts-error').textContent()) ?? '',
      /Zeile 4: Die Position ist keine des Finanzierungsplans \(Mikroprojekt, Minijob\)/,
    )
    assert.equal(
      await page.getByLabel('Was haben Sie durchgeführt?').inputValue(),
      '40 Treffen',
      'input kept',
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('Belegliste (CSV-Datei)').setInputFiles(csv())
    await page.getByRole('button', { name: 'Nachweis einreichen' }).click()
    await page.getByText('Ihr Nachweis ist eingegangen.').waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()

    const staff = await openPage(browser)
    await signIn(staff.page, 'officer@rp.example')
    await staff.page.goto(`${server.url}/foerderung/verwaltung/nachweise`)
    await staff.page.getByRole('heading', { name: 'Verwendungsnachweise', level: 1 }).waitFor()
    await assertNoAxeViolations(staff.page)
    await assertLayout(staff.page)
    await staff.page.locator('a[href*="/foerderung/verwaltung/nachweise/"]').first().click()
    await staff.page.getByRole('heading', { name: 'Prüfung' }).waitFor()
    await assertNoAxeViolations(staff.page)
    await assertLayout(staff.page)
    assertNoConsoleProblems(staff)
    await staff.context.close()
  })
})
