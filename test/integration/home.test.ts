import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { createTestApp, type TestApp } from '../helpers/app'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'))

/** The platform as it was before a feature offered reporting at /melden. */
const withoutReporting = FEATURES.filter((f) => f.name !== 'antidiscrimination')

describe('home page for residents', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp('pglite', {}, withoutReporting)
  })
  after(() => t.close())

  it('offers the tasks that exist, task first, each with one line of text', async () => {
    const res = await t.app.inject('/')
    assert.equal(res.statusCode, 200)
    const body = main(res.body)
    const order = ['Ihren Ausländerbeirat finden', 'Förderung beantragen', 'Pressemitteilungen lesen'].map(
      (label) => body.indexOf(`>${label}</a>`),
    )
    assert.ok(
      order.every((i) => i > 0),
      'every task is a link',
    )
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in the order of their rank',
    )
    assert.match(body, /href="\/beiraete">Ihren Ausländerbeirat finden/)
    assert.match(text(body), /Wer die ausländischen Einwohnerinnen und Einwohner Ihrer Gemeinde/)
    // Finding the council starts right here: a search field sending q to the directory.
    assert.match(body, /<form method="get" action="\/beiraete"[^>]*>/)
    assert.match(body, /<input[^>]*name="q"[^>]*type="search"|<input[^>]*type="search"[^>]*name="q"/)
    // Nothing is promised that does not exist yet, not even in the footer.
    assert.doesNotMatch(text(body), /Diskriminierung|Beratung bei|Hilfe in Ihrer Nähe/)
    assert.doesNotMatch(text(res.body), /Antidiskriminierung/)
    assert.match(
      text(main((await t.app.inject('/en')).body)),
      /Find your foreign residents’ advisory council/,
    )
  })

  it('tells the truth in Leichte Sprache and on the sign language page', async () => {
    const easy = text(main((await t.app.inject('/leichte-sprache')).body))
    assert.match(easy, /Ausländer-Beirat ist eine Gruppe von Menschen/)
    assert.match(easy, /Vereine und Städte können Geld für Integrations-Projekte bekommen/)
    assert.match(easy, /Nachrichten vom Ministerium/)
    // Reporting does not exist yet: the page says so and where help is, and promises nothing more.
    assert.doesNotMatch(easy, /schlecht behandelt/, 'no help is promised that is not there')
    assert.match(easy, /Auf dieser Internet-Seite können Sie Diskriminierung noch nicht melden/)
    assert.match(easy, /www\.antidiskriminierungsstelle\.de/)
    // How to reach the ministry, and how to find one's language (the globe at the top of every page).
    assert.match(easy, /Dann schreiben Sie dem Ministerium eine E-Mail/)
    assert.match(easy, /kleines Bild von der Welt-Kugel/)
    assert.doesNotMatch(easy, /Oben rechts/)
    const dgs = text(main((await t.app.inject('/gebaerdensprache')).body))
    assert.doesNotMatch(dgs, /Diskriminierung/)
    assert.match(dgs, /Diese Installation hat noch keine Videos/)
    // How to ask for information in sign language, and that navigation and accessibility are covered.
    assert.match(dgs, /Eine Auskunft in Gebärdensprache erbitten/)
    assert.match(dgs, /Wie Sie sich auf der Seite zurechtfinden/)
    assert.match(dgs, /Förderung beantragen/)
  })

  it('shows a task as soon as a feature declares it, and drops one whose feature is gone', async () => {
    const withReporting = await createTestApp(
      'pglite',
      {},
      FEATURES.filter((f) => f.name !== 'funding'),
    )
    try {
      const body = main((await withReporting.app.inject('/')).body)
      const report = body.indexOf('>Diskriminierung melden</a>')
      assert.ok(report > 0)
      assert.ok(report < body.indexOf('>Ihren Ausländerbeirat finden</a>'), 'rank 20 comes before 30')
      assert.doesNotMatch(body, /Förderung beantragen/)
      const easy = text(main((await withReporting.app.inject('/leichte-sprache')).body))
      assert.match(easy, /schlecht behandelt/)
      assert.doesNotMatch(easy, /noch nicht melden/)
    } finally {
      await withReporting.close()
    }
  })
})
