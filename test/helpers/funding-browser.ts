import type { Browser, Page } from 'playwright-core'
import { TEST_PASSWORD } from './app'
import { launchBrowser, startServer, type TestServer } from './browser'
import { seedProgramme } from './funding'
import { grantThisYear } from './payments'

/** The staff of the funding browser tests: an officer checks and proposes, an approver releases and signs. */
export const OFFICER_EMAIL = 'officer@rp.example'
export const APPROVER_EMAIL = 'approver@rp.example'

export interface FundingBrowser {
  readonly server: TestServer
  readonly browser: Browser
  readonly staff: { officer: { id: string; label: string }; approver: { id: string; label: string } }
  /** The test MSO's grant of 10,000 € running this year (test/helpers/payments.ts). */
  readonly grant: Awaited<ReturnType<typeof grantThisYear>>
  signIn(page: Page, email: string, password?: string): Promise<void>
  close(): Promise<void>
}

/**
 * The set-up the funding browser tests share: a server with the WIR programme, an officer and an
 * approver, the test MSO with an approved grant this year, and a Chromium.
 */
export async function startFundingBrowser(): Promise<FundingBrowser> {
  const server = await startServer()
  await seedProgramme(server.t.deps)
  const staff = {
    officer: { id: await server.t.createUser(OFFICER_EMAIL, ['funding_officer']), label: 'officer' },
    approver: { id: await server.t.createUser(APPROVER_EMAIL, ['funding_approver']), label: 'approver' },
  }
  const grant = await grantThisYear(server.t.deps, staff)
  const browser = await launchBrowser()
  return {
    server,
    browser,
    staff,
    grant,
    async signIn(page, email, password = TEST_PASSWORD) {
      await page.goto(`${server.url}/anmelden`)
      await page.getByLabel('E-Mail-Adresse').fill(email)
      await page.getByLabel('Passwort').fill(password)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind angemeldet.').waitFor()
    },
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
