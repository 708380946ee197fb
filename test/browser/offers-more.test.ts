import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { createCouncil } from '../../src/features/councils/bodies-and-members/manage-councils'
import { placeByKey } from '../../src/features/directory/public'
import { offersFeature } from '../../src/features/offers/feature'
import { syncCouncilOffers } from '../../src/features/offers/linked-offers'
import type { OffersWho } from '../../src/features/offers/policies'
import { offers } from '../../src/features/offers/tables'
import { saveOfferTranslation } from '../../src/features/offers/translations'
import { CLI_ACTOR } from '../../src/platform/audit'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const AR_TITLE = 'مقهى الآباء يوم الأربعاء'
const AR_DESCRIPTION = 'يلتقي الآباء والأمهات ويتحدثون عن المدرسة والروضة.'

describe('offers: translations, councils and the coverage figures in the browser', () => {
  let server: TestServer
  let browser: Browser
  let offerId = ''
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    await offersFeature.seedDemo!(server.t.deps, () => {})
    await createCouncil(db, CLI_ACTOR, {
      kind: 'auslaenderbeirat',
      name: 'Ausländerbeirat der Stadt Fulda',
      placeId: (await placeByKey(db, '06631009'))!.id,
    })
    const [o] = await db.select().from(offers).where(eq(offers.lang, 'de')).limit(1)
    offerId = o!.id
    const r = await saveOfferTranslation(db, CLI_ACTOR, STAFF, offerId, {
      lang: 'ar',
      title: AR_TITLE,
      description: AR_DESCRIPTION,
    })
    assert.ok(r.ok)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the provider’s Arabic translation right to left, the German original under it, without JavaScript', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/ar/angebote/${offerId}`)
    await page.getByRole('heading', { level: 1, name: AR_TITLE }).waitFor()
    const heading = page.locator('.offer-heading')
    assert.equal(await heading.getAttribute('lang'), 'ar')
    assert.equal(await heading.getAttribute('dir'), 'rtl')
    await page.getByText(AR_DESCRIPTION).waitFor()
    await page.locator('details.offer-original summary').click()
    assert.equal(await page.locator('details.offer-original p').first().getAttribute('lang'), 'de')
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/angebote/${offerId}`)
    assert.equal(await page.locator('.offer-heading').getAttribute('lang'), 'de')
    assert.equal(await page.getByText(AR_DESCRIPTION).count(), 0)
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('finds the council by the participation topic, in German and Arabic', async () => {
    assert.deepEqual(await syncCouncilOffers(server.t.deps.db, CLI_ACTOR, { publicUrl: server.url }), {
      created: 1,
      updated: 0,
    })
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/angebote?ort=Fulda&thema=participation`)
    await page.getByRole('link', { name: 'Ausländerbeirat der Stadt Fulda' }).first().waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/angebote?ort=Fulda&thema=participation`)
    await page.getByRole('link', { name: 'Ausländerbeirat der Stadt Fulda' }).first().waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('shows WIR euros and offers per 1,000 foreign residents (demo estimates marked) on the coverage page', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/angebote/abdeckung?sortierung=foreign&richtung=ab`)
    await page.getByRole('columnheader', { name: 'Angebote je 1.000 ausländische Einwohner' }).waitFor()
    await page.getByRole('columnheader', { name: 'WIR-Fördermittel (bewilligt)' }).waitFor()
    assert.ok((await page.getByText('(Demo-Schätzung)').count()) > 0)
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/angebote/abdeckung`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await page.getByRole('columnheader', { name: 'العروض لكل 1,000 من السكان الأجانب' }).waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
