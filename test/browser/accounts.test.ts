import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { mailOutbox } from '../../src/platform/mail/tables'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

describe('accounts in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await server.t.createUser('chief@example.org', ['admin'])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function linkTo(email: string): Promise<string> {
    // "Forgot password" only queues a job (the same for every address); run it.
    await server.t.deps.jobs.runDue()
    const [mail] = await server.t.deps.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, email))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1)
    const path = mail?.text.match(/\/konto\/passwort-festlegen\?token=[A-Za-z0-9_-]+/)?.[0]
    assert.ok(path, `a link was mailed to ${email}`)
    return `${server.url}${path}`
  }

  for (const javaScript of [true, false]) {
    const email = `invited-${javaScript ? 'js' : 'nojs'}@example.org`
    it(`an administrator invites a colleague who chooses a password, then resets it (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const admin = await openPage(browser, { javaScript })
      const { page } = admin
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill('chief@example.org')
      await page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()
      await page.goto(`${server.url}/verwaltung`)
      await page.getByRole('link', { name: 'Konten' }).click()
      await page.getByRole('heading', { name: 'Konten', level: 1 }).waitFor()
      await assertNoAxeViolations(page)

      await page.getByRole('link', { name: 'Konto anlegen' }).click()
      await page.getByLabel('E-Mail-Adresse').fill(email)
      await page.getByLabel('Name').fill('Invited Colleague')
      await page.getByRole('button', { name: 'Konto anlegen und einladen' }).click()
      await page.locator('[data-error-summary]').waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Pressestelle (press)').check()
      await page.getByRole('button', { name: 'Konto anlegen und einladen' }).click()
      await page.getByText('Das Konto ist angelegt').waitFor()
      await page.getByRole('heading', { name: 'Invited Colleague' }).waitFor()
      await assertNoAxeViolations(page)

      const person = await openPage(browser, { javaScript })
      await person.page.goto(await linkTo(email))
      await person.page.getByRole('heading', { name: 'Willkommen: Passwort festlegen' }).waitFor()
      await assertNoAxeViolations(person.page)
      await person.page.getByLabel('Neues Passwort', { exact: true }).fill('short')
      await person.page.getByLabel('Neues Passwort wiederholen').fill('short')
      await person.page.getByRole('button', { name: 'Passwort speichern' }).click()
      await person.page.locator('[data-error-summary]').waitFor()
      await assertNoAxeViolations(person.page)
      await person.page.getByLabel('Neues Passwort', { exact: true }).fill('my own long passphrase')
      await person.page.getByLabel('Neues Passwort wiederholen').fill('my own long passphrase')
      await person.page.getByRole('button', { name: 'Passwort speichern' }).click()
      await person.page.getByText('Ihr Passwort ist gespeichert').waitFor()
      await person.page.getByLabel('E-Mail-Adresse').fill(email)
      await person.page.getByLabel('Passwort').fill('my own long passphrase')
      await person.page.getByRole('button', { name: 'Anmelden' }).click()
      await person.page.getByText('Sie sind angemeldet.').waitFor()
      await person.context.close()

      // Forgot password, from the sign-in page.
      const forgetful = await openPage(browser, { javaScript })
      await forgetful.page.goto(`${server.url}/anmelden`)
      await forgetful.page.getByRole('link', { name: 'Passwort vergessen?' }).click()
      await forgetful.page.getByRole('heading', { name: 'Passwort vergessen' }).waitFor()
      await assertNoAxeViolations(forgetful.page)
      await forgetful.page.getByLabel('E-Mail-Adresse').fill(email)
      await forgetful.page.getByRole('button', { name: 'Link anfordern' }).click()
      await forgetful.page.getByText('Anfrage erhalten').waitFor()
      await assertNoAxeViolations(forgetful.page)
      await forgetful.page.goto(await linkTo(email))
      await forgetful.page.getByRole('heading', { name: 'Neues Passwort festlegen' }).waitFor()
      await forgetful.page.getByLabel('Neues Passwort', { exact: true }).fill('another long passphrase')
      await forgetful.page.getByLabel('Neues Passwort wiederholen').fill('another long passphrase')
      await forgetful.page.getByRole('button', { name: 'Passwort speichern' }).click()
      await forgetful.page.getByText('Ihr Passwort ist gespeichert').waitFor()
      assertNoConsoleProblems(forgetful)
      await forgetful.context.close()

      assertNoConsoleProblems(admin)
      await admin.context.close()
    })
  }
})
