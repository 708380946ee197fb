import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { createOrganisation } from '../../src/features/directory/create-organisation'
import { importAdoptedPlan } from '../../src/features/plan/manage-plan'
import { demoPlan } from '../../src/features/plan/seed-demo'
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

describe('integration plan in the browser (without JavaScript)', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    const partner = await createOrganisation(db, CLI_ACTOR, {
      kind: 'association',
      name: 'Verein Sprachbrücke e. V.',
    })
    const r = await importAdoptedPlan(db, CLI_ACTOR, demoPlan([partner], null))
    assert.ok(r.ok)
    await server.t.createUser('plan@example.org', ['ministry'])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a resident reads the plan and a measure with its chart, in German and in Arabic', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/integrationsplan`)
    await page.getByRole('heading', { level: 1, name: 'Integrationsplan des Landes Hessen' }).waitFor()
    await page.getByRole('heading', { level: 2, name: '4. Antidiskriminierung' }).waitFor()
    // Field 1: (3×60 + 1×0 + 2×45) / 6 = 45
    assert.match((await page.locator('.plan-field').first().textContent()) ?? '', /Umsetzungsstand: 45 %/)
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: '1.1.1 Sprachkitas in allen Landkreisen' }).click()
    await page.getByRole('heading', { level: 1, name: '1.1.1 Sprachkitas in allen Landkreisen' }).waitFor()
    await page.getByRole('img', { name: /Diagramm: Messwerte von „Kitas mit Sprachförderung“/ }).waitFor()
    await page.getByRole('table', { name: /Messwerte von „Kitas mit Sprachförderung“/ }).waitFor()
    assert.match((await page.locator('main').textContent()) ?? '', /Verein Sprachbrücke e\. V\./)
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/integrationsplan`)
    await page.getByRole('heading', { level: 1, name: /خطة الاندماج/ }).waitFor()
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the ministry starts a draft and edits one measure, with a message next to a wrong weight', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('plan@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    await page.goto(`${server.url}/verwaltung`)
    await page.getByRole('link', { name: 'Integrationsplan bearbeiten' }).click()
    await page.getByRole('heading', { level: 1, name: 'Integrationsplan: Fassungen' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('Titel des Entwurfs').fill('Fortschreibung 2027 (Demo)')
    await page.getByRole('button', { name: 'Entwurf anlegen' }).click()
    await page.getByText('Der Entwurf wurde angelegt.').waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: '1.1.2 Elternbegleitung beim Übergang in die Schule' }).click()
    await page.getByLabel('Gewicht im Ziel').fill('0')
    await page.getByLabel('Umsetzungsstand in Prozent').fill('25')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Gewicht als ganze Zahl von 1 bis 100/,
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('Gewicht im Ziel').fill('2')
    await page.getByLabel('Status').selectOption('running')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.getByText('Die Änderung wurde gespeichert.').waitFor()
    assert.equal(await page.getByLabel('Umsetzungsstand in Prozent').inputValue(), '25')
    await page.getByRole('link', { name: 'Fortschreibung 2027 (Demo)' }).click()
    await page.getByRole('link', { name: 'Fassung beschließen' }).click()
    await page.getByRole('checkbox', { name: /Ich bestätige/ }).waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
