import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { createCouncil } from '../../src/features/councils/bodies-and-members/manage-councils'
import {
  addAgendaItem,
  createMeeting,
  saveMinutes,
} from '../../src/features/councils/meetings/manage-meetings'
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

const DAY = 24 * 60 * 60 * 1000
/** A minimal PDF (the server detects the type from "%PDF-"). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

describe('files of minutes in the browser', () => {
  let server: TestServer
  let browser: Browser
  const meetingIds: Record<string, string> = {}
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    await server.t.createUser('geschaeftsstelle@example.org', ['agah_office'])
    const council = await createCouncil(db, CLI_ACTOR, {
      kind: 'auslaenderbeirat',
      name: 'Ausländerbeirat Wetzlar',
    })
    for (const mode of ['A', 'B']) {
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: council,
        title: `Sitzung mit Niederschrift ${mode}`,
        startsAt: new Date(Date.now() - 3 * DAY),
      })
      assert.ok(m.ok)
      const item = await addAgendaItem(db, CLI_ACTOR, { meetingId: m.value, title: 'Bericht', public: true })
      assert.ok(item.ok)
      assert.ok(
        (
          await saveMinutes(db, CLI_ACTOR, m.value, {
            [item.value]: 'Der Bericht wird zur Kenntnis genommen.',
          })
        ).ok,
      )
      meetingIds[mode] = m.value
      const later = await createMeeting(db, CLI_ACTOR, {
        councilId: council,
        title: `Folgesitzung ${mode}`,
        // Minutes are approved at a meeting that has taken place.
        startsAt: new Date(Date.now() - DAY),
      })
      assert.ok(later.ok)
    }
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript'
    const key = javaScript ? 'A' : 'B'

    it(`the staff uploads the minutes document and publishes; a visitor downloads it ${mode}`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill('geschaeftsstelle@example.org')
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()

      await page.goto(`${server.url}/verwaltung/sitzungen/${meetingIds[key]}/niederschrift`)
      await page.getByRole('link', { name: 'Dateien der Niederschrift verwalten' }).click()
      await page.getByRole('heading', { level: 1, name: /Dateien der Niederschrift/ }).waitFor()
      await assertNoAxeViolations(page)

      // a wrong type is refused next to the field
      await page.getByLabel('Datei', { exact: true }).setInputFiles({
        name: 'notiz.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('kein PDF, nur Text'),
      })
      await page.getByRole('button', { name: 'Datei hochladen' }).click()
      await page.locator('[data-error-summary]').getByText('Dieser Dateityp ist nicht erlaubt').waitFor()
      await assertNoAxeViolations(page)

      await page.getByLabel('Datei', { exact: true }).setInputFiles({
        name: 'niederschrift.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      })
      await page.getByLabel('Bezeichnung der Datei').fill(`Niederschrift ${key}`)
      await page.getByLabel('Niederschrift (Dokument)').check()
      await page.getByRole('button', { name: 'Datei hochladen' }).click()
      await page.getByText('Die Datei wurde hochgeladen.').waitFor()
      await page.getByRole('link', { name: `Niederschrift ${key} (PDF, 1 KB)` }).waitFor()
      await assertNoAxeViolations(page)

      await page.getByRole('link', { name: 'Zurück zur Sitzung' }).first().click()
      await page.getByRole('button', { name: 'Niederschrift genehmigen' }).click()
      await page.getByText('Die Niederschrift wurde genehmigt.').waitFor()
      await page.getByRole('button', { name: 'Niederschrift veröffentlichen' }).click()
      await page.getByText('Die Niederschrift wurde veröffentlicht.').waitFor()
      assertNoConsoleProblems(tp)
      await tp.context.close()

      const visitor = await openPage(browser, { javaScript })
      const v = visitor.page
      await v.goto(`${server.url}/sitzungen/${meetingIds[key]}`)
      const link = v.getByRole('link', { name: `Niederschrift ${key} (PDF, 1 KB)` })
      await link.waitFor()
      await assertNoAxeViolations(v)
      const [download] = await Promise.all([v.waitForEvent('download'), link.click()])
      assert.equal(download.suggestedFilename(), 'niederschrift.pdf')
      const saved = await download.path()
      assert.ok(saved)
      assert.equal((await readFile(saved)).compare(PDF), 0)
      assertNoConsoleProblems(visitor)
      await visitor.context.close()
    })
  }
})
