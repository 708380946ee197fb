import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { DEMO_CONTRACTS, seedContractsDemo } from '../../src/features/contracts/seed-demo'
import { organisationsNamed } from '../../src/features/directory/public'
import { linkOrganisationAccount } from '../../src/features/funding/public'
import { CLI_ACTOR } from '../../src/platform/audit'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

describe('integration contracts in the browser (without JavaScript)', () => {
  let server: TestServer
  let browser: Browser
  const fathers = DEMO_CONTRACTS[2]!
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    await seedContractsDemo(server.t.deps, () => {})
    await server.t.createUser('vertraege@example.org', ['ministry'])
    const partner = await server.t.createUser('partner@example.org', ['contract_partner'])
    const [org] = await organisationsNamed(db, fathers.partner)
    await linkOrganisationAccount(db, CLI_ACTOR, partner, org!.id)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const signIn = async (page: import('playwright-core').Page, email: string) => {
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
  }

  it('a resident reads the register and one contract, in German and in Arabic', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/integrationsvertraege`)
    await page.getByRole('heading', { level: 1, name: 'Integrationsverträge' }).waitFor()
    const table = page.getByRole('table', { name: /Integrationsverträge mit Partner/ })
    for (const c of DEMO_CONTRACTS) await table.getByRole('link', { name: c.topic }).waitFor()
    await assertNoAxeViolations(page)
    await table.getByRole('link', { name: DEMO_CONTRACTS[0]!.topic }).click()
    await page.getByRole('heading', { level: 1, name: DEMO_CONTRACTS[0]!.topic }).waitFor()
    await page.getByText('Beispiel-Vertrag (Demodaten)').waitFor()
    await page.getByRole('table', { name: /Meilensteine mit Fälligkeit/ }).waitFor()
    await page.getByRole('link', { name: /Unterzeichneten Vertrag herunterladen/ }).waitFor()
    assert.match((await page.locator('main').textContent()) ?? '', /verlängert bis 31\. Dezember 2027/)
    await assertNoAxeViolations(page)
    await page.goto(`${page.url().replace(server.url, `${server.url}/ar`)}`)
    await page.getByRole('heading', { level: 2, name: 'المراحل' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the partner reports on a milestone; an empty report gets a message next to the field', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await signIn(page, 'partner@example.org')
    await page.getByRole('link', { name: 'Berichte zu Integrationsverträgen' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Berichte zu Ihren Integrationsverträgen' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: fathers.topic }).click()
    await page
      .getByRole('combobox', { name: /^Meilenstein/ })
      .selectOption({ label: 'Vätergruppen in fünf Regionen (15. Dezember 2026)' })
    await page.getByRole('button', { name: 'Bericht einreichen' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Schreiben Sie Ihren Bericht in das Textfeld/,
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('Ihr Bericht').fill('Gruppen in fünf Regionen arbeiten; die Liste liegt bei.')
    await page.getByRole('button', { name: 'Bericht einreichen' }).click()
    await page.getByText('Ihr Bericht wurde eingereicht. Vielen Dank.').waitFor()
    await page.getByText('Gruppen in fünf Regionen arbeiten; die Liste liegt bei.').waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the ministry is told next to the day when a milestone lies after the contract’s end', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await signIn(page, 'vertraege@example.org')
    await page.goto(`${server.url}/verwaltung`)
    await page.getByRole('link', { name: 'Integrationsverträge pflegen' }).click()
    await page.getByRole('heading', { level: 1, name: 'Integrationsverträge verwalten' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: DEMO_CONTRACTS[3]!.topic }).click()
    await page.getByLabel('Meilenstein', { exact: true }).fill('Nach dem Ende')
    await page.getByLabel('Fällig am').fill('2029-01-31')
    await page.getByRole('button', { name: 'Meilenstein eintragen' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('#feld-dueOn-error').textContent()) ?? '',
      /Der Meilenstein liegt nach dem Ende der Laufzeit/,
    )
    assert.equal(await page.getByLabel('Meilenstein', { exact: true }).inputValue(), 'Nach dem Ende')
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
