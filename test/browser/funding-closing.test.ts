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
import { MSO_REGISTRATION, TINY_PDF } from '../helpers/funding'
import {
  APPROVER_EMAIL,
  type FundingBrowser,
  OFFICER_EMAIL,
  startFundingBrowser,
} from '../helpers/funding-browser'
import { THIS_YEAR } from '../helpers/payments'

/**
 * The life of a grant after its notice, in the browser: the recipient requests the money, the
 * officer checks and the approver releases it; the recipient hands in the final proof of use, the
 * officer accepts less and opens the hearing, the recipient answers it, a second person issues the
 * final notice and the recipient downloads it. The recipient's steps run without JavaScript at
 * 360 px; axe on every page visited.
 */
describe('from the payment request to the final notice in the browser', () => {
  let fb: FundingBrowser
  let server: TestServer
  let browser: Browser
  let grant: FundingBrowser['grant']
  before(async () => {
    fb = await startFundingBrowser()
    ;({ server, browser, grant } = fb)
  })
  after(() => fb?.close())

  /** A recipient's step: without JavaScript, 360 px wide, signed in. */
  async function asRecipient(step: (page: Page) => Promise<void>) {
    const tp = await openPage(browser, { javaScript: false })
    await tp.page.setViewportSize({ width: 360, height: 800 })
    await fb.signIn(tp.page, MSO_REGISTRATION.email, MSO_REGISTRATION.password)
    await step(tp.page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  }
  /** A staff step, with JavaScript at the default width. */
  async function asStaff(email: string, step: (page: Page) => Promise<void>) {
    const tp = await openPage(browser)
    await fb.signIn(tp.page, email)
    await step(tp.page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  }
  const checked = async (page: Page) => {
    await assertNoAxeViolations(page)
    await assertLayout(page)
  }

  it('runs the whole closing of a grant', async () => {
    const proofPage = `${server.url}/foerderung/antraege/${grant.id}/verwendungsnachweis`
    await asRecipient(async (page) => {
      await page.goto(`${server.url}/foerderung/antraege/${grant.id}`)
      await checked(page)
      await page.getByRole('link', { name: 'Mittel abrufen' }).click()
      await page.getByRole('heading', { name: 'Mittel abrufen', level: 1 }).waitFor()
      await checked(page)
      await page.getByLabel('Betrag in Euro').fill('10.000,00')
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
      await page.getByLabel('Fällig am').fill(today)
      await page.getByLabel('Wofür brauchen Sie das Geld?').fill('Honorare und Lohn')
      await page.getByRole('button', { name: 'Mittel abrufen' }).click()
      await page.getByText('Ihr Mittelabruf ist eingegangen.').waitFor()
      await checked(page)
    })

    await asStaff(OFFICER_EMAIL, async (page) => {
      await page.goto(`${server.url}/foerderung/verwaltung/zahlungen`)
      await checked(page)
      await page.locator('a[href*="/foerderung/verwaltung/zahlungen/"]').first().click()
      await page.getByRole('heading', { name: 'Sachlich prüfen' }).waitFor()
      await checked(page)
      await page.getByLabel('Sachlich richtig: zur Freigabe weitergeben').check()
      await page.getByRole('button', { name: 'Prüfung speichern' }).click()
      await page.getByText('Prüfung gespeichert.').waitFor()
      await checked(page)
    })

    await asStaff(APPROVER_EMAIL, async (page) => {
      await page.goto(`${server.url}/foerderung/verwaltung/zahlungen`)
      await checked(page)
      await page.locator('a[href*="/foerderung/verwaltung/zahlungen/"]').first().click()
      await page.getByRole('heading', { name: 'Auszahlung freigeben' }).waitFor()
      await checked(page)
      await page.getByRole('button', { name: 'Auszahlung freigeben' }).click()
      await page.getByText('Auszahlung freigegeben und gebucht.').waitFor()
      await checked(page)
    })

    await asRecipient(async (page) => {
      await page.goto(proofPage)
      await page.getByRole('heading', { name: 'Verwendungsnachweis', level: 1 }).waitFor()
      await checked(page)
      await page.getByLabel('Welche Ziele hatte das Projekt').fill('Sprachcafé aufgebaut')
      await page.getByLabel('Was haben Sie durchgeführt?').fill('40 Treffen')
      await page.getByLabel('Wen haben Sie erreicht?').fill('120 Menschen')
      await page.getByLabel('Wie haben Sie mit dem kommunalen Integrationsbüro').fill('Monatlich')
      await page.getByLabel('Weitere Angaben zum Projekt').fill('Wie geplant.')
      await page.getByLabel('Mikroprojekt: tatsächliche Ausgaben in Euro').fill('1.800,00')
      await page.getByLabel('Minijob: tatsächliche Ausgaben in Euro').fill('7.200,00')
      await page.getByLabel('Belegliste (CSV-Datei)').setInputFiles({
        name: 'belege.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `datum;empfaenger;zweck;betrag;position\n${THIS_YEAR}-02-01;Druckerei;Flyer;1.800,00;Mikroprojekt\n${THIS_YEAR}-03-31;Minijobberin;Lohn;7.200,00;Minijob\n`,
        ),
      })
      await page.getByRole('button', { name: 'Nachweis einreichen' }).click()
      await page.getByText('Ihr Nachweis ist eingegangen.').waitFor()
      await checked(page)
    })

    await asStaff(OFFICER_EMAIL, async (page) => {
      await page.goto(`${server.url}/foerderung/verwaltung/nachweise`)
      await checked(page)
      await page.locator('a[href*="/foerderung/verwaltung/nachweise/"]').first().click()
      await page.getByRole('heading', { name: 'Prüfung' }).waitFor()
      await checked(page)
      await page.getByLabel('Vertiefte Prüfung (Belege im Einzelnen)').check()
      await page
        .getByLabel('Prüfungsfeststellungen')
        .fill('Ein Druckauftrag von 200 € war nicht zuwendungsfähig.')
      await page.getByLabel('Anerkannte zuwendungsfähige Ausgaben in Euro').fill('8.800,00')
      await page.getByRole('button', { name: 'Prüfung abschließen' }).click()
      await page.getByText('Die Prüfung ist gespeichert.').waitFor()
      await checked(page)
      assert.match((await page.locator('main').textContent()) ?? '', /zu erstatten wären 1\.200,00/)
      await page.getByRole('button', { name: 'Anhörung einleiten' }).click()
      await page.getByText('Die Anhörung ist eingeleitet.').waitFor()
      await checked(page)
      assert.match((await page.locator('main').textContent()) ?? '', /Noch keine Stellungnahme im Portal/)
    })

    await asRecipient(async (page) => {
      await page.goto(proofPage)
      await page.getByRole('heading', { name: 'Anhörung vor der Rückforderung' }).waitFor()
      await checked(page)
      const main = (await page.locator('main').textContent()) ?? ''
      assert.match(main, /Wir beabsichtigen, 1\.200,00/)
      assert.match(main, /Ein Druckauftrag von 200 € war nicht zuwendungsfähig\./)
      // an empty answer is refused on the field
      await page.getByRole('button', { name: 'Stellungnahme abgeben' }).click()
      await page.locator('[data-error-summary]').waitFor()
      assert.match(
        (await page.locator('#feld-answer-error').textContent()) ?? '',
        /Schreiben Sie Ihre Stellungnahme/,
      )
      await checked(page)
      await page
        .getByLabel('Ihre Stellungnahme')
        .fill('Der Druckauftrag gehörte zum Projekt; die Rechnung liegt bei.')
      await page
        .getByLabel('Anlage')
        .setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: TINY_PDF })
      await page.getByRole('button', { name: 'Stellungnahme abgeben' }).click()
      await page.getByText('Ihre Stellungnahme ist eingegangen.').waitFor()
      await checked(page)
      assert.equal(await page.getByLabel('Ihre Stellungnahme').count(), 0, 'answered once')
    })

    await asStaff(APPROVER_EMAIL, async (page) => {
      await page.goto(`${server.url}/foerderung/verwaltung/nachweise/${await proofIdOf(page)}`)
      await page.getByRole('heading', { name: 'Stellungnahme im Portal' }).waitFor()
      await checked(page)
      assert.match((await page.locator('main').textContent()) ?? '', /die Rechnung liegt bei\./)
      await page.getByRole('button', { name: 'Schlussbescheid erlassen' }).click()
      await page.getByText('Der Schlussbescheid ist erlassen.').waitFor()
      await checked(page)
    })

    await asRecipient(async (page) => {
      await page.goto(proofPage)
      await page.getByText('Der Schlussbescheid ist erlassen.').waitFor()
      await checked(page)
      const href = await page.getByRole('link', { name: 'Schlussbescheid (PDF)' }).getAttribute('href')
      assert.ok(href)
      const pdf = await page.context().request.get(`${server.url}${href}`)
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
    })
  })

  /** The id of the grant's proof: the first link of the staff's proof list. */
  async function proofIdOf(page: Page): Promise<string> {
    await page.goto(`${server.url}/foerderung/verwaltung/nachweise`)
    const href = await page
      .locator('a[href*="/foerderung/verwaltung/nachweise/"]')
      .first()
      .getAttribute('href')
    return href!.split('/').at(-1)!
  }
})
