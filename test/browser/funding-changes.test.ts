import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { fundingApplications, fundingCostItems } from '../../src/features/funding/tables'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'
import { lineId, MSO_REGISTRATION, seedProgramme, TINY_PDF } from '../helpers/funding'
import { grantThisYear, THIS_YEAR } from '../helpers/payments'

describe('change requests and pass-through in the browser', () => {
  let server: TestServer
  let browser: Browser
  let grant: Awaited<ReturnType<typeof grantThisYear>>
  let centre: Awaited<ReturnType<typeof grantThisYear>>
  before(async () => {
    server = await startServer()
    const { deps } = server.t
    await seedProgramme(deps)
    const officer = await server.t.createUser('officer@rp.example', ['funding_officer'])
    const approver = await server.t.createUser('approver@rp.example', ['funding_approver'])
    const staff = {
      officer: { id: officer, label: 'officer' },
      approver: { id: approver, label: 'approver' },
    }
    grant = await grantThisYear(deps, staff)
    // Below the line's caps, so that an item can move (arranged: the binding plan of the grant).
    for (const [category, cents] of [
      ['micro_project', 200_000],
      ['minijob', 620_000],
    ] as const) {
      await deps.db
        .update(fundingCostItems)
        .set({ amountCents: cents })
        .where(and(eq(fundingCostItems.applicationId, grant.id), eq(fundingCostItems.category, category)))
    }
    // A diversity centre's grant with 5,000 € for micro-projects (arranged on the VZ line).
    centre = await grantThisYear(deps, staff, {
      email: 'zentrum@kreis.example',
      organisationName: 'Vielfaltszentrum Hochtaunus',
      registerNumber: 'VR 4711',
    })
    await deps.db
      .update(fundingApplications)
      .set({ lineId: await lineId(deps, 'VZ') })
      .where(eq(fundingApplications.id, centre.id))
    await deps.db.delete(fundingCostItems).where(eq(fundingCostItems.applicationId, centre.id))
    await deps.db.insert(fundingCostItems).values([
      { applicationId: centre.id, year: THIS_YEAR, category: 'staff', amountCents: 500_000 },
      { applicationId: centre.id, year: THIS_YEAR, category: 'micro_projects', amountCents: 500_000 },
    ])
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

  it('the recipient requests a cost-plan change without JavaScript at 360 px: within 20 % is refused, beyond it is filed with an attachment', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.setViewportSize({ width: 360, height: 800 })
    await signIn(page, MSO_REGISTRATION.email, MSO_REGISTRATION.password)
    await page.goto(`${server.url}/foerderung/antraege/${grant.id}`)
    await page.getByRole('link', { name: 'Änderungen und Mitteilungen' }).click()
    await page.getByRole('heading', { name: 'Änderungen und Mitteilungen', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: /Kostenplan ändern/ }).click()
    await page.getByRole('heading', { name: /Kostenplan ändern/, level: 1 }).waitFor()
    await assertNoAxeViolations(page)

    const micro = page.getByLabel(/^Mikroprojekt \d{4}$/)
    const minijob = page.getByLabel(/^Minijob \d{4}$/)
    await micro.fill('2.300,00')
    await minijob.fill('5.900,00')
    await page.getByLabel('Begründung').fill('Zwei Mikroprojekte statt einem')
    await page.getByRole('button', { name: 'Änderung beantragen' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(await page.title(), /^Fehler:/)
    assert.match((await page.locator('main').textContent()) ?? '', /Kein Posten weicht um mehr als 20 % ab/)
    assert.equal(await page.getByLabel('Begründung').inputValue(), 'Zwei Mikroprojekte statt einem')
    await assertNoAxeViolations(page)

    await micro.fill('3.000,00')
    await minijob.fill('5.200,00')
    await page
      .getByLabel(/Anlage/)
      .setInputFiles({ name: 'angebot.pdf', mimeType: 'application/pdf', buffer: TINY_PDF })
    await page.getByRole('button', { name: 'Änderung beantragen' }).click()
    await page.getByText('Ihr Änderungsantrag ist eingegangen.').waitFor()
    assert.match((await page.locator('main').textContent()) ?? '', /eingereicht, wird geprüft/)
    await assertNoAxeViolations(page)

    await page.getByRole('link', { name: 'Etwas mitteilen' }).click()
    await page.getByRole('heading', { name: 'Etwas mitteilen', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the officer reviews the request and accepts it as an amendment proposal', async () => {
    const tp = await openPage(browser)
    const { page } = tp
    await signIn(page, 'officer@rp.example')
    await page.goto(`${server.url}/foerderung/verwaltung/aenderungen`)
    await page.getByRole('heading', { name: 'Änderungsanträge und Mitteilungen', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await page.locator('a[href*="/foerderung/verwaltung/aenderungen/"]').first().click()
    await page.getByRole('heading', { name: 'Änderungsantrag: Kostenplan', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel(/Annehmen/).check()
    await page.getByRole('button', { name: 'Entscheidung speichern' }).click()
    await page.getByText(/Der Antrag ist angenommen/).waitFor()
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the diversity centre passes micro-project money on; too much is refused on the field', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await signIn(page, 'zentrum@kreis.example', MSO_REGISTRATION.password)
    await page.goto(`${server.url}/foerderung/antraege/${centre.id}/weiterleitung`)
    await page.getByRole('heading', { name: 'Mikroprojekte weiterleiten', level: 1 }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('Name des gemeinnützigen Trägers').fill('Nachbarschaftsverein Oberursel e. V.')
    await page.getByLabel(/Ort des Trägers/).fill('Oberursel')
    await page.getByLabel('Mikroprojekt', { exact: true }).fill('Sprachcafé für Eltern')
    await page.getByLabel('Betrag in Euro').fill('6.000,00')
    await page.getByRole('button', { name: 'Weiterleiten' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match((await page.locator('#feld-amount-error').textContent()) ?? '', /höchstens 5\.000,00/)
    await assertNoAxeViolations(page)
    await page.getByLabel('Betrag in Euro').fill('3.000,00')
    await page.getByRole('button', { name: 'Weiterleiten' }).click()
    await page.getByText('Die Mittel sind weitergeleitet.').waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
