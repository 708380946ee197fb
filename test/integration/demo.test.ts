import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { DEMO_OPERATOR } from '../../src/features/admin/feature'
import { listAudit } from '../../src/platform/audit'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { Client } from '../helpers/http'

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')

/** The demo installation as `npm start` loads it (PGlite is enough: nothing here is database-specific). */
describe('demo data', () => {
  let t: TestApp
  const printed: string[] = []
  before(async () => {
    t = await createTestApp('pglite')
    await seedDemoOnce(t.deps, FEATURES, (line) => printed.push(line))
  })
  after(() => t.close())

  const logins = () =>
    printed.flatMap((line) => {
      const m = /^Demo ([^:]+): (\S+) {2}password: (\S+)/.exec(line)
      return m ? [{ label: m[1]!, email: m[2]!, password: m[3]! }] : []
    })

  it('prints a login for every demo role, each works, and the README names every one', async () => {
    const byLabel = new Map(logins().map((l) => [l.label, l]))
    for (const label of ['admin', 'press officer', 'agah office', 'funding officer', 'funding approver'])
      assert.ok(byLabel.has(label), `demo login for ${label}`)
    for (const { email, password } of byLabel.values()) {
      const c = new Client(t.app)
      await c.signIn(email, password)
      assert.ok(README.includes(`\`${email}\``), `README names ${email}`)
    }
    // The four-eyes rule can be tried: one proposes, another approves.
    const officer = new Client(t.app)
    await officer.signIn(byLabel.get('funding officer')!.email, byLabel.get('funding officer')!.password)
    assert.equal((await officer.get('/foerderung/verwaltung')).statusCode, 200)
    assert.match(README, /npm run cli -- reset-password --email/)
  })

  it('shows grants paid in instalments: payments against plan, open requests and an interest risk', async () => {
    const byLabel = new Map(logins().map((l) => [l.label, l]))
    assert.ok(byLabel.has('funding recipient 1') && byLabel.has('funding recipient 2'))
    const officer = new Client(t.app)
    await officer.signIn(byLabel.get('funding officer')!.email, byLabel.get('funding officer')!.password)
    const page = (await officer.get('/foerderung/verwaltung/zahlungen')).body
    assert.match(page, /Auszahlungen gegen Plan/)
    assert.match(page, /Demo: Brücke der Kulturen e\. V\./)
    assert.match(page.slice(page.indexOf('id="zinsrisiko"')), /3\.000,00/, 'the instalment paid 70 days ago')
    assert.doesNotMatch(page, /Keine offenen Mittelabrufe/)
  })

  it('lists the demo grants publicly at /foerderung/projekte, with their districts on the map', async () => {
    const page = (await t.app.inject('/foerderung/projekte')).body
    assert.match(page, /9 Bewilligungen gefunden\./)
    for (const name of ['Brücke der Kulturen', 'Ukrainischer Kulturverein Kassel', 'Frauencafé Fulda'])
      assert.ok(page.includes(`Demo: ${name}`), name)
    assert.match(page, /<title>Frankfurt am Main: 10\.000,00 €<\/title>/)
    assert.match(page, /<title>Vogelsbergkreis: 0,00 € – Keine Bewilligung<\/title>/)
  })

  it('shows grants at the end of their life: a proof due, one overdue, a final notice with a repayment', async () => {
    const byLabel = new Map(logins().map((l) => [l.label, l]))
    const officer = new Client(t.app)
    await officer.signIn(byLabel.get('funding officer')!.email, byLabel.get('funding officer')!.password)
    const page = (await officer.get('/foerderung/verwaltung/nachweise')).body
    const due = page.slice(page.indexOf('Fällige und überfällige Nachweise'))
    assert.match(due, /Demo: Frauen für Frauen Wiesbaden e\. V\.[\s\S]*?noch einzureichen/)
    assert.match(due, /Demo: Sportfreunde International Gießen e\. V\.[\s\S]*?überfällig/)
    assert.match(page, /Demo: Bühne Vielfalt Darmstadt e\. V\.[\s\S]*?geprüft und anerkannt/)
    const closed = byLabel.get('funding recipient (final notice, repayment)')!
    const recipient = new Client(t.app)
    await recipient.signIn(closed.email, closed.password)
    const list = (await recipient.get('/foerderung/antraege')).body
    const id = /\/foerderung\/antraege\/([0-9a-f-]{36})/.exec(list)![1]
    const proof = (await recipient.get(`/foerderung/antraege/${id}/verwendungsnachweis`)).body
    assert.match(
      proof,
      /Der Schlussbescheid ist erlassen\. Zu erstatten: [\d.,]+\s€, davon eingegangen: 100,00/,
    )
    assert.equal((await recipient.get(`/foerderung/antraege/${id}/schlussbescheid.pdf`)).statusCode, 200)
  })

  it('says on every page that the data is invented, and only while demo data is loaded', async () => {
    const banner = /Demo: Hier ist nichts echt\./
    for (const path of [
      '/',
      '/presse',
      '/beiraete',
      '/foerderung',
      '/impressum',
      '/anmelden',
      '/gibt-es-nicht',
    ])
      assert.match((await t.app.inject(path)).body, banner, path)
    assert.match((await t.app.inject('/en/presse')).body, /Demo: nothing here is real\./)
    const plain = await createTestApp('pglite')
    try {
      assert.doesNotMatch((await plain.app.inject('/')).body, banner)
      // Without an operator entered, the Impressum says so instead of inventing one.
      assert.match(
        (await plain.app.inject('/impressum')).body,
        /Angaben des Betreibers sind noch nicht eingetragen/,
      )
    } finally {
      await plain.close()
    }
  })

  it('takes the operator from one place the administration edits: Impressum, accessibility, press agree', async () => {
    const admin = logins().find((l) => l.label === 'admin')!
    const c = new Client(t.app)
    await c.signIn(admin.email, admin.password)
    const name = DEMO_OPERATOR.name
    const strip = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    const releaseSlug = /href="\/presse\/(demo-[^"]+)"/.exec((await t.app.inject('/presse')).body)![1]!
    const pages = async () => ({
      impressum: strip((await t.app.inject('/impressum')).body),
      accessibility: strip((await t.app.inject('/barrierefreiheit')).body),
      release: strip((await t.app.inject(`/presse/${releaseSlug}`)).body),
      feed: (await t.app.inject('/presse/feed.atom')).body,
    })
    const before = await pages()
    assert.ok(before.impressum.includes(name))
    assert.ok(before.impressum.includes('Musterstraße 1 65183 Wiesbaden'))
    assert.ok(before.accessibility.includes(DEMO_OPERATOR.accessibilityEmail))
    assert.ok(
      before.accessibility.includes('Durchsetzungsstelle für barrierefreie Informationstechnik (Demo)'),
    )
    assert.ok(
      before.release.includes(DEMO_OPERATOR.pressOffice),
      'a release without contact names the press office',
    )
    assert.ok(before.release.includes(name))
    assert.ok(before.feed.includes(`<author><name>${DEMO_OPERATOR.pressOffice}</name></author>`))

    // Bad input: every field's message names it, values kept, nothing saved.
    const bad = await c.submit('/verwaltung/betreiber', '/verwaltung/betreiber', {
      ...DEMO_OPERATOR,
      postcode: '651',
      pressEmail: 'keine-adresse',
      name: '',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Geben Sie die Postleitzahl mit 5 Ziffern ein/)
    assert.match(bad.body, /Geben Sie die E-Mail-Adresse der Pressestelle ein/)
    assert.match(bad.body, /Geben Sie den Namen der Behörde ein/)
    assert.match(bad.body, /value="keine-adresse"/)
    assert.ok((await pages()).impressum.includes(name))

    const renamed = 'Hessisches Ministerium für Beispiele'
    const ok = await c.submit('/verwaltung/betreiber', '/verwaltung/betreiber', {
      ...DEMO_OPERATOR,
      name: renamed,
      pressOffice: 'Pressestelle für Beispiele',
    })
    assert.equal(ok.statusCode, 303)
    const after = await pages()
    for (const page of [after.impressum, after.accessibility, after.release])
      assert.ok(page.includes(renamed) && !page.includes(name))
    assert.ok(after.release.includes('Pressestelle für Beispiele'))
    assert.ok(after.feed.includes('<author><name>Pressestelle für Beispiele</name></author>'))
    const audit = await listAudit(t.deps.db, { entityType: 'operator', limit: 10, offset: 0 })
    assert.ok(audit.some((a) => a.action === 'operator.update' && a.actorLabel === admin.email))
    // Only the administration may edit it.
    const press = logins().find((l) => l.label === 'press officer')!
    const p = new Client(t.app)
    await p.signIn(press.email, press.password)
    assert.equal((await p.get('/verwaltung/betreiber')).statusCode, 403)
  })
})
