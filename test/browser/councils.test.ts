import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { councilsFeature } from '../../src/features/councils/feature'
import { councils, meetings, papers } from '../../src/features/councils/tables'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

const DAY = 24 * 60 * 60 * 1000
const local = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

describe('councils in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await councilsFeature.seedDemo!(server.t.deps, () => {})
    await server.t.createUser('geschaeftsstelle@example.org', ['agah_office'])
    await server.t.createUser('delegierte@example.org', ['delegate'])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript'

    it(`finds a council and reads the agah page ${mode}`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Ausländerbeiräte' }).first().click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Gemeinde, Landkreis oder Name').fill('Odenwald')
      await page.getByRole('button', { name: 'Suchen' }).click()
      await page.getByRole('link', { name: 'Ausländerbeirat Breuberg' }).click()
      await page.getByRole('heading', { name: 'Ausländerbeirat Breuberg' }).waitFor()
      await assertNoAxeViolations(page)
      const [breuberg] = await server.t.deps.db
        .select()
        .from(councils)
        .where(eq(councils.name, 'Ausländerbeirat Breuberg'))
      assert.equal(new URL(page.url()).pathname, `/beiraete/${breuberg!.id}`)
      await page.getByRole('link', { name: 'agah', exact: true }).first().click()
      await page.getByRole('heading', { name: 'Vorstand' }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })

    it(`the agah office adds a term and a member, links a delegate account, opens seats and a paper ${mode}`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      const councilName = javaScript ? 'Ausländerbeirat Breuberg' : 'Ausländerbeirat Kassel'
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill('geschaeftsstelle@example.org')
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()
      await page.goto(`${server.url}/beiraete?q=${encodeURIComponent(councilName.split(' ')[1]!)}`)
      await page.getByRole('link', { name: councilName }).click()
      await page.getByRole('link', { name: 'Verwalten' }).click()
      await page.getByRole('heading', { name: 'Wahlperioden' }).waitFor()
      await assertNoAxeViolations(page)

      // a term overlapping the current one is refused with a message, then a later one is added
      await page.getByRole('link', { name: 'Wahlperiode anlegen' }).click()
      await assertNoAxeViolations(page)
      await page.getByLabel('Beginn', { exact: true }).fill('2030-04-01')
      await page.getByLabel('Ende', { exact: true }).fill('2035-03-31')
      await page.getByLabel('Sitze').fill('5')
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.locator('[data-error-summary]').getByText('überschneidet sich').waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Beginn', { exact: true }).fill('2031-04-01')
      await page.getByLabel('Ende', { exact: true }).fill('2036-03-31')
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.getByText('Die Wahlperiode wurde gespeichert.').waitFor()

      // a person from the directory joins for the new term
      await page.getByRole('link', { name: 'Person aus dem Verzeichnis hinzufügen' }).click()
      await page.getByLabel('Name der Person').fill('Beispielmann')
      await page.getByRole('button', { name: 'Suchen' }).click()
      await page.getByLabel('Person', { exact: true }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Funktion').selectOption('member')
      await page.getByLabel('Beginn', { exact: true }).fill('2031-04-01')
      await page.getByRole('button', { name: 'Mitglied hinzufügen' }).click()
      await page.getByText('Das Mitglied wurde hinzugefügt.').waitFor()

      // the membership can be opened and edited
      await page
        .getByRole('table', { name: 'Frühere, aktuelle und künftige Mitgliedschaften' })
        .getByRole('link')
        .first()
        .click()
      await page.getByRole('heading', { name: /Mitgliedschaft bearbeiten/ }).waitFor()
      await assertNoAxeViolations(page)

      // the office links a delegate account to its person, and looks at the seats in state bodies
      await page.goto(`${server.url}/agah`)
      await page.getByRole('link', { name: 'Verwalten' }).click()
      await page.getByRole('link', { name: 'Konten der Sekretariate und Delegierten' }).click()
      await assertNoAxeViolations(page)
      await page.locator('#feld-delegateEmail').selectOption('delegierte@example.org')
      await page.getByRole('button', { name: 'Person verknüpfen' }).click()
      await page.getByText('Die Zuordnung wurde gespeichert.').waitFor()
      await page
        .getByRole('table', { name: 'Konten mit Beirat und Person' })
        .getByRole('cell', { name: 'delegierte (delegierte@example.org)', exact: true })
        .waitFor()
      await assertNoAxeViolations(page)
      await page.goto(`${server.url}/verwaltung/agah/sitze`)
      await page.getByRole('link', { name: 'Integrationskonferenz des Landes Hessen' }).click()
      await page.getByRole('heading', { name: /Sitz bearbeiten/ }).waitFor()
      await assertNoAxeViolations(page)

      // a decided paper's staff page says why it cannot change
      const [paper] = await server.t.deps.db.select().from(papers).where(eq(papers.kind, 'motion')).limit(1)
      await page.goto(`${server.url}/vorlagen/${paper!.id}`)
      await page.getByRole('link', { name: 'Vorlage bearbeiten' }).click()
      await page.getByRole('heading', { name: /Vorlage .* bearbeiten/ }).waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })

    it(`prepares a plenary, records attendance and a vote, publishes minutes; a visitor reads the result ${mode}`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      const title = `Plenarversammlung Breuberg-Neustadt ${javaScript ? 'A' : 'B'}`
      const motion = `Antrag kommunales Wahlrecht ${javaScript ? 'A' : 'B'}`
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill('geschaeftsstelle@example.org')
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()

      const newMeeting = async (name: string, when: Date) => {
        await page.goto(`${server.url}/agah`)
        await page.getByRole('link', { name: 'Verwalten' }).click()
        await page.getByRole('link', { name: 'Neue Sitzung' }).click()
        await assertNoAxeViolations(page)
        await page.getByLabel('Bezeichnung').fill(name)
        await page.getByLabel('Beginn (Datum und Uhrzeit)').fill(local(when))
        await page.getByLabel('Ort').first().fill('Burg Breuberg')
        await page.getByRole('button', { name: 'Sitzung anlegen' }).click()
        await page.getByText('Die Sitzung wurde angelegt.').waitFor()
      }
      await newMeeting(`Folgesitzung ${javaScript ? 'A' : 'B'}`, new Date(Date.now() + 60 * DAY))
      await newMeeting(title, new Date(Date.now() + 14 * DAY))
      const manageUrl = page.url()
      // The administration is split into sub-pages with a sub-navigation.
      const part = (name: string) =>
        page
          .getByRole('navigation', { name: 'Bereiche der Sitzungsverwaltung' })
          .getByRole('link', { name, exact: true })
          .click()

      // the agenda with a motion, then the invitation
      await part('Tagesordnung')
      await page.getByLabel('Titel der Vorlage').fill(motion)
      await page.getByLabel('Text der Vorlage').fill('Die Plenarversammlung fordert das kommunale Wahlrecht.')
      await page.getByLabel('Antragsteller').fill('Ausländerbeirat Breuberg')
      await page.getByRole('button', { name: 'Tagesordnungspunkt mit Vorlage hinzufügen' }).click()
      await page.getByText('Der Tagesordnungspunkt wurde hinzugefügt.').waitFor()
      await part('Übersicht')
      await page.getByRole('button', { name: 'Einladung versenden' }).click()
      await page.getByText('Die Einladung wurde versendet.').waitFor()
      await assertNoAxeViolations(page)

      // a vote before attendance is refused with a clear message
      await part('Abstimmungen')
      await page.getByLabel('Ja-Stimmen').fill('5')
      await page.getByLabel('Nein-Stimmen').fill('1')
      await page.getByLabel('Enthaltungen').fill('1')
      await page.getByRole('button', { name: 'Abstimmung erfassen' }).last().click()
      await page.locator('[data-error-summary]').getByText('nicht beschlussfähig').waitFor()
      await assertNoAxeViolations(page)

      // attendance: 8 of 12 delegates
      await part('Anwesenheit')
      const boxes = page.getByRole('group', { name: 'Anwesende Mitglieder' }).getByRole('checkbox')
      for (let i = 0; i < 8; i++) await boxes.nth(i).check()
      await page.getByRole('button', { name: 'Anwesenheit speichern' }).click()
      await page.getByText('Die Anwesenheit wurde gespeichert.').waitFor()
      await page.getByText('Anwesend: 8 von 12 Mitgliedern').first().waitFor()

      await part('Abstimmungen')
      await page.getByLabel('Ja-Stimmen').fill('6')
      await page.getByLabel('Nein-Stimmen').fill('1')
      await page.getByLabel('Enthaltungen').fill('1')
      await page.getByRole('button', { name: 'Abstimmung erfassen' }).last().click()
      await page.getByText('Die Abstimmung wurde erfasst.').waitFor()

      // minutes: draft, approve at the follow-up meeting, publish
      await part('Niederschrift')
      await page.getByLabel('Niederschrift zu TOP 1').fill('Der Antrag wird nach Aussprache angenommen.')
      await page.getByRole('button', { name: 'Niederschrift speichern' }).click()
      await page.getByText('Die Niederschrift wurde gespeichert.').waitFor()
      // Minutes are approved at a later meeting that has taken place: until then none is offered.
      assert.equal(await page.getByRole('button', { name: 'Niederschrift genehmigen' }).count(), 0)
      // Time passes: both meetings are now behind us.
      const db = server.t.deps.db
      await db
        .update(meetings)
        .set({ startsAt: new Date(Date.now() - 14 * DAY) })
        .where(eq(meetings.title, title))
      await db
        .update(meetings)
        .set({ startsAt: new Date(Date.now() - 7 * DAY) })
        .where(eq(meetings.title, `Folgesitzung ${javaScript ? 'A' : 'B'}`))
      await page.goto(`${manageUrl}/niederschrift`)
      await page.getByRole('button', { name: 'Niederschrift genehmigen' }).click()
      await page.getByText('Die Niederschrift wurde genehmigt.').waitFor()
      await page.getByRole('button', { name: 'Niederschrift veröffentlichen' }).click()
      await page.getByText('Die Niederschrift wurde veröffentlicht.').waitFor()
      await assertNoAxeViolations(page)
      assert.equal(page.url(), `${manageUrl}/niederschrift`)
      assertNoConsoleProblems(tp)
      await tp.context.close()

      // an anonymous visitor reads the result
      const visitor = await openPage(browser, { javaScript })
      const v: Page = visitor.page
      await v.goto(`${server.url}/`)
      await v.getByRole('link', { name: 'Sitzungskalender' }).first().click()
      await assertNoAxeViolations(v)
      await v.getByRole('link', { name: title }).click()
      await v.getByRole('heading', { name: title }).waitFor()
      await v.getByText('Ergebnis: angenommen').waitFor()
      await v.getByText('Ja 6, Nein 1, Enthaltungen 1').waitFor()
      await v.getByText('Der Antrag wird nach Aussprache angenommen.').waitFor()
      await assertNoAxeViolations(v)
      await v.getByRole('link', { name: /Antrag.*A-\d{4}\/\d+/ }).click()
      await v.getByRole('link', { name: /BS-\d{4}\/\d+/ }).click()
      await v.getByText(/Beschluss Nr\. \d+/).waitFor()
      await assertNoAxeViolations(v)
      assertNoConsoleProblems(visitor)
      await visitor.context.close()
    })
  }
  it('splits the administration of a meeting and of a body into sub-pages under 2,500 px at 1280 px, each marked in the sub-navigation', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('geschaeftsstelle@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    // The demo plenary with its agenda and twelve delegates: the longest administration there is.
    const [plenary] = await server.t.deps.db.select().from(councils).where(eq(councils.kind, 'agah'))
    const [meeting] = await server.t.deps.db
      .select()
      .from(meetings)
      .where(eq(meetings.councilId, plenary!.id))
    await page.goto(`${server.url}/verwaltung/sitzungen/${meeting!.id}`)
    const nav = page.getByRole('navigation', { name: 'Bereiche der Sitzungsverwaltung' })
    const parts = ['Übersicht', 'Tagesordnung', 'Anwesenheit', 'Abstimmungen', 'Wahlen', 'Niederschrift']
    for (const name of parts) {
      if (name !== 'Übersicht') await nav.getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor()
      assert.equal(await nav.locator('[aria-current="page"]').textContent(), name)
      assert.equal(await nav.getByRole('link').count(), parts.length - 1, name)
      const height = await page.evaluate(() => document.documentElement.scrollHeight)
      assert.ok(height <= 2500, `${name}: ${height} px`)
      await assertNoAxeViolations(page)
    }
    // The plenary's own administration: terms and members, a new member and the agah settings apart.
    await page.goto(`${server.url}/verwaltung/beiraete/${plenary!.id}`)
    const bodyNav = page.getByRole('navigation', { name: 'Bereiche der Verwaltung des Gremiums' })
    const bodyParts = ['Wahlperioden und Mitglieder', 'Neues Mitglied anlegen', 'Einstellungen der agah']
    for (const name of bodyParts) {
      if (name !== bodyParts[0]) await bodyNav.getByRole('link', { name, exact: true }).click()
      assert.equal(await bodyNav.locator('[aria-current="page"]').textContent(), name)
      const height = await page.evaluate(() => document.documentElement.scrollHeight)
      assert.ok(height <= 2500, `${name}: ${height} px`)
      await assertNoAxeViolations(page)
    }
    await page.getByLabel(/Beschlussfähig bei mehr als/).waitFor()

    // The breadcrumbs point forwards in German; the current crumb and the current language sit on
    // the line of the links beside them (their tops level).
    const top = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => Math.round(el.getBoundingClientRect().top))
    const look = {
      separator: await page
        .locator('.breadcrumbs li + li')
        .first()
        .evaluate((el) => getComputedStyle(el, '::before').content),
      crumb: (await top('.breadcrumbs__current')) - (await top('.breadcrumbs a')),
      language: (await top('.site-lang__current')) - (await top('.site-lang a')),
    }
    assert.deepEqual(look, { separator: '"›"', crumb: 0, language: 0 })
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
  it('shows tables on a phone without a word cut in two and without a caption repeating its heading', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.setViewportSize({ width: 360, height: 800 })
    for (const path of ['/beiraete', '/sitzungen', '/agah']) {
      await page.goto(`${server.url}${path}`)
      const problems = await page.evaluate(() => {
        const out: string[] = []
        for (const cell of document.querySelectorAll('.data-table td')) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // Addresses (e-mail, web) may break anywhere: they have no words to keep whole.
            if (/@|:\/\//.test(node.textContent ?? '')) continue
            for (const m of (node.textContent ?? '').matchAll(/\p{L}{4,}/gu)) {
              const range = document.createRange()
              range.setStart(node, m.index)
              range.setEnd(node, m.index + m[0].length)
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
              if (lines.size > 1) out.push(`word cut: ${m[0]}`)
            }
          }
        }
        for (const caption of document.querySelectorAll('caption')) {
          const heading = caption.closest('.data-table')?.previousElementSibling
          const shown = caption.getBoundingClientRect().height > 1
          if (shown && heading?.matches('h2, h3') && heading.textContent === caption.textContent)
            out.push(`caption repeats its heading: ${caption.textContent}`)
        }
        return out
      })
      assert.deepEqual(problems, [], path)
      await assertNoAxeViolations(page)
    }
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
