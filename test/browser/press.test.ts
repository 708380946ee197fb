import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { createTopic } from '../../src/features/press/manage-topics'
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

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

describe('newsroom in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await server.t.createUser('presse@example.org', ['press'])
    await createTopic(server.t.deps.db, CLI_ACTOR, { name: 'Integration' })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const javaScript of [true, false]) {
    const word = javaScript ? 'Integrationsverträge' : 'Zusammenhaltsverträge'
    const title = `${javaScript ? 'Drei' : 'Vier'} neue ${word} unterzeichnet`
    describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
      it('a press officer creates a release with an attachment and publishes it', async () => {
        const tp = await openPage(browser, { javaScript })
        const { page } = tp
        await page.goto(`${server.url}/anmelden`)
        await page.getByLabel('E-Mail-Adresse').fill('presse@example.org')
        await page.getByLabel('Passwort').fill(TEST_PASSWORD)
        await page.getByRole('button', { name: 'Anmelden' }).click()
        await page.getByText('Sie sind angemeldet.').waitFor()
        await page.getByRole('link', { name: 'Redaktion' }).first().click()
        await page.getByRole('heading', { name: 'Redaktion Pressemitteilungen' }).waitFor()
        await assertNoAxeViolations(page)
        await page.getByRole('link', { name: 'Neue Pressemitteilung' }).click()
        // Submitting without a title shows the error summary.
        await page.getByLabel('Text', { exact: true }).fill('Erst einmal ohne Titel.')
        await page.getByRole('button', { name: 'Entwurf anlegen' }).click()
        await page.locator('[data-error-summary]').waitFor()
        assert.match(
          (await page.locator('[data-error-summary]').textContent()) ?? '',
          /Bitte geben Sie einen Titel ein/,
        )
        await assertNoAxeViolations(page)
        await page.getByLabel('Titel', { exact: true }).fill(title)
        await page.getByLabel('Untertitel').fill('„Integration gelingt gemeinsam“')
        await page.getByLabel('Ortsmarke').fill('Wiesbaden')
        await page
          .getByLabel('Text', { exact: true })
          .fill(`Das Land hat heute ${word} mit drei Partnern geschlossen.\n\n> Ein wichtiger Tag.`)
        await page.getByLabel('Integration').check()
        await page.getByRole('button', { name: 'Entwurf anlegen' }).click()
        await page.getByText('Der Entwurf wurde angelegt.').waitFor()
        await assertNoAxeViolations(page)
        // The editor is split into sub-pages: the downloads have their own.
        await page
          .getByRole('navigation', { name: 'Teile der Pressemitteilung' })
          .getByRole('link', { name: 'Downloads' })
          .click()
        await page.getByRole('heading', { name: 'Downloads', level: 2 }).waitFor()
        await assertNoAxeViolations(page)
        await page.getByLabel('Datei', { exact: true }).setInputFiles({
          name: 'vertrag.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        })
        await page.getByLabel('Titel des Downloads').fill('Vertragstext')
        await page.getByRole('button', { name: 'Datei hochladen' }).click()
        await page.getByText('Die Datei wurde hochgeladen.').waitFor()
        await page.getByRole('link', { name: 'Vorschau' }).click()
        await page.getByText('Vorschau – so erscheint die Pressemitteilung öffentlich').waitFor()
        await page.goBack()
        await page
          .getByRole('navigation', { name: 'Teile der Pressemitteilung' })
          .getByRole('link', { name: 'Veröffentlichung' })
          .click()
        await page.getByRole('heading', { name: 'Veröffentlichung', level: 2 }).waitFor()
        await assertNoAxeViolations(page)
        await page.getByRole('button', { name: 'Jetzt veröffentlichen' }).click()
        await page.getByRole('heading', { name: 'Pressemitteilung jetzt veröffentlichen?' }).waitFor()
        await assertNoAxeViolations(page)
        await page.getByRole('button', { name: 'Ja, jetzt veröffentlichen' }).click()
        await page.getByText('Die Pressemitteilung ist veröffentlicht.').waitFor()
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })

      it('a visitor finds it through search, opens it and downloads the attachment', async () => {
        const tp = await openPage(browser, { javaScript })
        const { page } = tp
        await page.goto(`${server.url}/`)
        await page.getByRole('link', { name: 'Presse' }).first().click()
        await page.getByRole('heading', { name: 'Pressemitteilungen', level: 1 }).waitFor()
        await assertNoAxeViolations(page)
        // Stemming: the singular finds the plural.
        await page.getByLabel('Suchbegriff').fill(word.replace('verträge', 'vertrag'))
        await page.getByRole('button', { name: 'Suchen' }).click()
        await page.getByRole('heading', { name: 'Pressemitteilungen durchsuchen' }).waitFor()
        assert.equal(await page.getByLabel('Suchbegriff').inputValue(), word.replace('verträge', 'vertrag'))
        assert.equal(await page.locator('mark').first().textContent(), word)
        await assertNoAxeViolations(page)
        await page.getByRole('link', { name: title }).click()
        await page.getByRole('heading', { name: title, level: 1 }).waitFor()
        assert.equal(await page.locator('.press-dateline').textContent(), 'Wiesbaden.')
        await page.getByText('1 Minute Lesezeit').waitFor()
        await assertNoAxeViolations(page)
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Vertragstext' }).click(),
        ])
        assert.equal(download.suggestedFilename(), 'vertrag.pdf')
        assert.deepEqual(await readFile((await download.path())!), PDF)
        assertNoConsoleProblems(tp)
        await tp.context.close()
      })
    })
  }

  it('has no axe violations on the editorial desk pages', async () => {
    const tp = await openPage(browser)
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('presse@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    for (const path of [
      '/presse/redaktion',
      '/presse/redaktion/themen',
      '/presse/redaktion/kontakte',
      '/presse/redaktion/kontakte/neu',
    ]) {
      await page.goto(`${server.url}${path}`)
      await assertNoAxeViolations(page)
    }
    await page.goto(`${server.url}/presse/redaktion`)
    await page
      .getByRole('link', { name: /neue Integrationsverträge unterzeichnet/ })
      .first()
      .click()
    await page.getByRole('link', { name: 'Versionen' }).click()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: /^Version 1/ }).click()
    await page.getByRole('heading', { name: 'Version 1' }).waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/en/presse/redaktion/themen`)
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('has no axe violations on the newsroom pages, in German and English', async () => {
    const tp = await openPage(browser)
    for (const path of [
      '/presse',
      '/presse?thema=integration',
      '/presse/suche',
      '/presse/suche?q=nichts',
      '/presse/gibt-es-nicht',
    ]) {
      for (const prefix of ['', '/en']) {
        await tp.page.goto(`${server.url}${prefix}${path}`)
        await assertNoAxeViolations(tp.page)
      }
    }
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
