import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { fundingApplications } from '../../src/features/funding/tables'
import {
  assertLayout,
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'
import { claimedGrant } from '../helpers/closing'
import { seedProgramme } from '../helpers/funding'
import { grantThisYear, THIS_YEAR } from '../helpers/payments'

describe('the payments dashboard with overdue proofs and open claims in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await seedProgramme(server.t.deps)
    const staff = {
      officer: {
        id: await server.t.createUser('officer@dash.example', ['funding_officer']),
        label: 'officer',
      },
      approver: {
        id: await server.t.createUser('approver@dash.example', ['funding_approver']),
        label: 'approver',
      },
    }
    const late = await grantThisYear(server.t.deps, staff, {
      email: 'spaet@dash.example',
      organisationName: 'Spätverein e. V.',
      registerNumber: 'VR 9901',
    })
    await server.t.deps.db
      .update(fundingApplications)
      .set({ periodStart: `${THIS_YEAR}-01-01`, periodEnd: `${THIS_YEAR}-01-31` })
      .where(eq(fundingApplications.id, late.id))
    await claimedGrant(server.t.deps, staff, {
      email: 'rueck@dash.example',
      organisationName: 'Rückzahlverein e. V.',
      registerNumber: 'VR 9902',
    })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows both panels as tables at 360 and 1280 px, without axe violations, and the claim opens its closing', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('officer@dash.example')
    await page.getByLabel('Passwort').fill('correct horse battery staple')
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    await page.goto(`${server.url}/foerderung/verwaltung/zahlungen`)
    const overdue = page.getByRole('table', {
      name: 'Überfällige Verwendungsnachweise, der am längsten überfällige zuerst',
    })
    assert.match((await overdue.textContent()) ?? '', /Spätverein e\. V\./)
    const claims = page.getByRole('table', {
      name: 'Offene Rückforderungen, der größte ausstehende Betrag zuerst',
    })
    assert.match((await claims.textContent()) ?? '', /Rückzahlverein e\. V\./)
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await claims.getByRole('link').first().click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    assert.match(page.url(), /\/foerderung\/verwaltung\/nachweise\/[0-9a-f-]{36}$/)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
