import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  assertLayout,
  launchBrowser,
  layoutProblems,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

/**
 * The layout check of the browser tier must fail on the faults people saw: each broken page below
 * is the markup the views wrote before the shared components, styled by the real KERN and app CSS.
 */
const BROKEN = `<!doctype html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/kern/kern.min.css"><link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css">
<link rel="stylesheet" href="/assets/app.css"><title>Kaputt</title></head><body><main class="kern-container">
<h1 class="kern-heading-large">Kaputt</h1>
<!-- a hand-written fieldset without kern-fieldset__body: the legend floats beside the first field -->
<fieldset class="kern-fieldset"><legend class="kern-heading-small">Bankverbindung</legend>
  <div class="kern-form-input"><label class="kern-label" for="iban">IBAN</label>
  <input class="kern-form-input__input" id="iban" name="iban"></div></fieldset>
<!-- KERN's 80 px width class on an amount and on a date with a time -->
<div class="kern-form-input"><label class="kern-label" for="amount">Betrag</label>
  <input class="kern-form-input__input kern-form-input__input--width-4" id="amount" value="3.500,00"></div>
<div class="kern-form-input"><label class="kern-label" for="at">Veröffentlichen am</label>
  <input class="kern-form-input__input kern-form-input__input--width-4" id="at" type="datetime-local" value="2027-03-01T10:30"></div>
<!-- a wide table that scrolls in its region, its caption cut off with it -->
<div class="kern-table-responsive" tabindex="0" role="region" aria-label="Mittel"><table class="kern-table">
  <caption class="kern-title">Mittel der Förderlinie Migrantenorganisationen je Haushaltsjahr, Kommune und Landkreis in Hessen, bewilligt und verfügbar</caption>
  <tr><th>Jahr</th><th>Haushaltsmittel</th><th>bereits bewilligt</th><th>verfügbar</th><th>Kommune</th></tr>
  <tr><td>2026</td><td>5.000.000,00 €</td><td>0,00 €</td><td>5.000.000,00 €</td><td>Frankfurt-am-Main-Höchst</td></tr>
</table></div>
<!-- a heading pulled over the text before it -->
<p class="kern-body">Ein Absatz vor der Überschrift.</p>
<h2 class="kern-heading-medium" style="margin-top:-1.5rem">Überlappt</h2>
<!-- something wider than a phone -->
<pre style="white-space:pre">Eine Zeile, die auf einem Telefon nicht umbricht und die Seite seitlich scrollen lässt.</pre>
</main></body></html>`

describe('layout check of the browser tier', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function brokenPage(width: number): Promise<Page> {
    const { page } = await openPage(browser)
    await page.setViewportSize({ width, height: 800 })
    await page.route(`${server.url}/kaputt`, (route) =>
      route.fulfill({ body: BROKEN, contentType: 'text/html; charset=utf-8' }),
    )
    await page.goto(`${server.url}/kaputt`)
    await page.evaluate(() => document.fonts.ready)
    return page
  }

  it('names every fault of the broken page at 360 px', async () => {
    const page = await brokenPage(360)
    const problems = await layoutProblems(page)
    const has = (pattern: RegExp, what: string) =>
      assert.ok(
        problems.some((p) => pattern.test(p)),
        `${what} not found in:\n${problems.join('\n')}`,
      )
    has(/^page scrolls sideways .*<pre>/, 'sideways scrolling')
    has(/<legend.*“Bankverbindung” runs into <label.*“IBAN”/, 'a legend running into the first label')
    has(/<input#amount.* is \d+ px wide, its content “3\.500,00” needs \d+ px/, 'a too narrow amount')
    has(
      /<input#at.* is \d+ px wide, its content “01\.03\.2000, 22:58”|<input#at.* is \d+ px wide/,
      'a too narrow date',
    )
    has(/<caption.*“Mittel der Förderlinie.* is cut off by <div\.kern-table-responsive>/, 'a caption cut off')
    has(/<h2.*“Überlappt” overlaps <p.*“Ein Absatz/, 'a heading on top of a paragraph')
    await page.context().close()
  })

  it('fails the test, at 1280 px too, and a sound page passes', async () => {
    const page = await brokenPage(1280)
    const wide = await layoutProblems(page)
    assert.ok(
      wide.some((p) => /runs into/.test(p)),
      `the legend runs into its field on a desktop as well:\n${wide.join('\n')}`,
    )
    await assert.rejects(assertLayout(page), /layout problems on .*\/kaputt/)
    await page.goto(`${server.url}/foerderung/registrieren`)
    await assertLayout(page)
    await page.context().close()
  })

  it('puts the last breadcrumb on the line of the links', async () => {
    const { page, context } = await openPage(browser)
    await page.goto(`${server.url}/foerderung/registrieren`)
    const bottoms = await page.evaluate(() =>
      [...document.querySelectorAll('.breadcrumbs li > *')].map((el) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        return Math.round(range.getClientRects()[0]!.bottom)
      }),
    )
    assert.equal(bottoms.length, 2)
    assert.equal(bottoms[0], bottoms[1], 'link text and current page share a baseline')
    await context.close()
  })
  it('keeps the arrow beside a last breadcrumb that wraps on a phone', async () => {
    const { page, context } = await openPage(browser)
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`${server.url}/foerderung/registrieren`)
    const offset = await page.evaluate(() => {
      const current = document.querySelector('.breadcrumbs__current')!
      current.textContent = 'Ein sehr langer Titel einer Seite, der auf dem Telefon über mehrere Zeilen läuft'
      const item = current.closest('li')!
      return Math.round(current.getBoundingClientRect().top - item.getBoundingClientRect().top)
    })
    // Without the fix the arrow takes a line of its own and the title starts a line lower.
    assert.ok(offset < 8, `the title starts ${offset} px below its arrow`)
    await context.close()
  })
})
