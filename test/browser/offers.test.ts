import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { linkOrganisationAccount } from '../../src/features/funding/public'
import { offersFeature } from '../../src/features/offers/feature'
import { offers } from '../../src/features/offers/tables'
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

describe('offers finder in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await offersFeature.seedDemo!(server.t.deps, () => {})
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript'

    it(`finds an offer near a misspelt town, in Arabic, and opens it ${mode}`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Angebote in meiner Nähe finden' }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Angebote finden' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Ort oder Landkreis').fill('Kasel')
      await page.locator('form.offers-search').getByLabel('Sprache').selectOption('ar')
      await page.getByRole('button', { name: 'Angebote suchen' }).click()
      await page.getByText('Wir zeigen Angebote ab Kassel. Sie hatten „Kasel“ eingegeben.').waitFor()
      await page.getByRole('heading', { name: 'Angebote nach Entfernung ab Kassel' }).waitFor()
      await assertNoAxeViolations(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('ort'), 'Kasel')
      assert.equal(url.searchParams.get('sprache'), 'ar')
      // Nearest first: the distances shown never go down.
      const distances = (await page.locator('.offers-result strong').allTextContents()).map((s) =>
        Number(s.replace(/[^\d,]/g, '').replace(',', '.')),
      )
      assert.ok(distances.length > 3, 'several results with a distance')
      assert.deepEqual(
        distances,
        [...distances].sort((a, b) => a - b),
      )
      // The district of the same name is offered as well.
      await page.getByRole('link', { name: 'Kassel (Landkreis)' }).waitFor()
      const first = page.locator('.offers-result h3 a').first()
      const title = (await first.textContent())!.trim()
      await first.click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByRole('heading', { name: 'Kontakt' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }

  it('finds offers in Arabic, right to left, without JavaScript', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/ar/angebote`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar')
    await page.getByRole('heading', { level: 1, name: 'البحث عن عروض' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('البلدة أو الدائرة').fill('Giesen')
    await page.locator('form.offers-search').getByLabel('اللغة').selectOption('ar')
    await page.getByRole('button', { name: 'البحث عن عروض' }).click()
    await page.getByText('نعرض العروض انطلاقاً من Gießen. لقد كتبت „Giesen“.').waitFor()
    await page.getByRole('heading', { name: 'العروض حسب المسافة من Gießen' }).waitFor()
    await assertNoAxeViolations(page)
    // An Arabic offer keeps its own language; the page around it is Arabic too.
    const first = page.locator('.offers-result h3 a').first()
    await first.click()
    await page.getByRole('heading', { name: 'التواصل' }).waitFor()
    await assertNoAxeViolations(page)
    assert.equal(new URL(page.url()).pathname.startsWith('/ar/angebote/'), true)
    await tp.context.close()
  })

  it('shows the finder in English with the place suggestions, keyboard only', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/en/angebote?ort=Fuld`)
    await page.getByText('Did you mean:').waitFor()
    await page.getByRole('link', { name: 'Fulda (district)' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Fuldatal' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Offers by distance from Fuldatal' }).waitFor()
    await assertNoAxeViolations(page)
    await tp.context.close()
  })

  it('an organisation’s account corrects an offer, without JavaScript, and confirms another as current', async () => {
    const db = server.t.deps.db
    const [offer] = await db.select().from(offers).where(eq(offers.demo, true)).limit(1)
    const userId = await server.t.createUser('verein@angebote.example', ['applicant'])
    await linkOrganisationAccount(db, CLI_ACTOR, userId, offer!.organisationId)
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('verein@angebote.example')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    await page.getByRole('link', { name: 'Unsere Angebote' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Angebote Ihrer Organisation' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: offer!.title }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Angebot bearbeiten' }).waitFor()
    await page.getByLabel('Ort (Gemeinde oder Landkreis)').fill('Marbrug')
    await page.getByLabel('Kosten in Euro pro Person').fill('fünf')
    await page.getByRole('button', { name: 'Änderungen speichern' }).click()
    await page.getByText('Meinten Sie „Marburg“? Geben Sie den Namen des Orts genau ein.').first().waitFor()
    assert.match(await page.title(), /^Fehler:/)
    await assertNoAxeViolations(page)
    await page.getByLabel('Ort (Gemeinde oder Landkreis)').fill('Marburg')
    await page.getByLabel('Kosten in Euro pro Person').fill('5')
    await page.getByRole('button', { name: 'Änderungen speichern' }).click()
    await page.getByText('Die Änderungen sind gespeichert.').waitFor()
    const [saved] = await db.select().from(offers).where(eq(offers.id, offer!.id))
    assert.equal(saved!.costCents, 500)
    await page
      .getByRole('button', { name: /Ist noch aktuell/ })
      .first()
      .click()
    await page.getByText('Danke. Das Angebot ist als aktuell bestätigt.').waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/angebote/verwalten`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await page.getByRole('heading', { level: 1, name: 'عروض منظمتكم' }).waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/angebote/verwalten/neu`)
    await page.getByRole('button', { name: 'إضافة العرض' }).click()
    await page.getByRole('heading', { level: 1, name: 'عرض جديد' }).waitFor()
    await assertNoAxeViolations(page)
    await tp.context.close()
  })

  it('shows the coverage per district, sorted without JavaScript, in German and Arabic', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/angebote/abdeckung`)
    await page.getByRole('heading', { level: 1, name: 'Wo es Angebote gibt und wo sie fehlen' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('Sortieren nach').selectOption('total')
    await page.getByLabel('Reihenfolge').selectOption('ab')
    await page.getByRole('button', { name: 'Sortieren' }).click()
    const counts = (await page.locator('td:nth-child(3)').allTextContents()).map((s) =>
      Number(s.replace(/\D/g, '')),
    )
    assert.ok(counts.length >= 26)
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    )
    await page.getByRole('link', { name: 'Tabelle als CSV-Datei herunterladen' }).waitFor()
    await page.goto(`${server.url}/ar/angebote/abdeckung`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await page.getByRole('heading', { level: 1, name: 'أين توجد العروض وأين تنقص' }).waitFor()
    await assertNoAxeViolations(page)
    await tp.context.close()
  })
})
