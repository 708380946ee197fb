import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { addObligation, createContract } from '../../src/features/contracts/manage-contracts'
import { openContractRound } from '../../src/features/contracts/rounds/manage-rounds'
import { assignCouncilStaff } from '../../src/features/councils/bodies-and-members/assign-council-staff'
import {
  addMembership,
  addTerm,
  createCouncil,
} from '../../src/features/councils/bodies-and-members/manage-councils'
import { createOrganisation } from '../../src/features/directory/create-organisation'
import { createPerson } from '../../src/features/directory/create-person'
import { CLI_ACTOR } from '../../src/platform/audit'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertLayout,
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

const DAY = 86_400_000
const DUTY = 'Der Partner führt jährlich zwei Fachtage zur Jugendarbeit in der Migrationsgesellschaft durch.'

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/anmelden`)
  await page.getByLabel('E-Mail-Adresse').fill(email)
  await page.getByLabel('Passwort').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.getByText('Sie sind angemeldet.').waitFor()
}

describe('comment rounds on a contract draft in the browser (without JavaScript)', () => {
  let server: TestServer
  let browser: Browser
  let contractId: string
  let roundId: string
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    const keeper = { id: 'test', can: (p: string) => p === 'contracts.manage', organisationId: null }
    const partner = await createOrganisation(db, CLI_ACTOR, {
      kind: 'association',
      name: 'Hessischer Jugendring (Demo)',
    })
    const c = await createContract(db, CLI_ACTOR, keeper, {
      organisationId: partner,
      topic: 'Identität und Zugehörigkeit junger Menschen',
      summary: '',
      startsOn: '2027-01-01',
      endsOn: '2029-12-31',
    })
    assert.ok(c.ok)
    contractId = c.value
    assert.ok((await addObligation(db, CLI_ACTOR, keeper, contractId, { side: 'partner', text: DUTY })).ok)
    assert.ok(
      (
        await addObligation(db, CLI_ACTOR, keeper, contractId, {
          side: 'state',
          text: 'Das Land fördert eine Landesfachstelle für Integration in der Jugendarbeit.',
        })
      ).ok,
    )
    const conference = await createCouncil(db, CLI_ACTOR, {
      kind: 'integrationskonferenz',
      name: 'Integrationskonferenz des Landes Hessen',
    })
    await addTerm(db, CLI_ACTOR, {
      councilId: conference,
      startsOn: '2020-01-01',
      endsOn: '2040-12-31',
      seats: 30,
    })
    const liga = await createOrganisation(db, CLI_ACTOR, { kind: 'association', name: 'Liga (Demo)' })
    const personId = await createPerson(db, CLI_ACTOR, { givenName: 'Fatma', familyName: 'Musterfrau' })
    assert.ok(
      (
        await addMembership(db, CLI_ACTOR, {
          councilId: conference,
          personId,
          role: 'member',
          startsOn: '2020-01-01',
          organisationId: liga,
        })
      ).ok,
    )
    await server.t.createUser('vr-mitglied@example.org', ['conference_member'])
    assert.ok((await assignCouncilStaff(db, CLI_ACTOR, { email: 'vr-mitglied@example.org', personId })).ok)
    await server.t.createUser('vr-ministerium@example.org', ['ministry'])
    const round = await openContractRound(db, CLI_ACTOR, keeper, contractId, {
      title: 'Kommentierung des Vertrags mit dem Jugendring (Demo)',
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + 14 * DAY),
    })
    assert.ok(round.ok)
    roundId = round.value
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a conference member comments on a section of the contract draft with a changed wording', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await signIn(page, server.url, 'vr-mitglied@example.org')
    await page.goto(`${server.url}/integrationsvertraege`)
    await page.getByRole('link', { name: 'Kommentierung von Vertragsentwürfen' }).click()
    await page.getByRole('heading', { level: 1, name: 'Kommentierung von Vertragsentwürfen' }).waitFor()
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await page.getByRole('link', { name: 'Kommentierung des Vertrags mit dem Jugendring (Demo)' }).click()
    await page.getByRole('heading', { level: 3, name: 'Der Partner: Pflicht 1' }).waitFor()
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await page.getByRole('link', { name: 'Zu „Der Partner: Pflicht 1“ kommentieren' }).click()
    await page.getByText('Sie kommentieren als Fatma Musterfrau für Liga (Demo).').waitFor()
    await page.getByRole('button', { name: 'Kommentar abgeben' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Schreiben Sie Ihren Kommentar in das Feld „Kommentar“/,
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('Kommentar', { exact: true }).fill('Zwei Fachtage reichen für ganz Hessen nicht.')
    const wording = page.getByLabel('Vorschlag für einen geänderten Wortlaut')
    assert.equal(await wording.inputValue(), DUTY, 'the field starts with the draft')
    await wording.fill(DUTY.replace('zwei Fachtage', 'drei regionale Fachtage'))
    await page.getByRole('button', { name: 'Kommentar abgeben' }).click()
    await page.getByText('Ihr Kommentar ist eingegangen.').waitFor()
    assert.match(
      (await page.locator('.plan-diff ins').first().textContent()) ?? '',
      /eingefügt: drei regionale/,
    )
    await assertNoAxeViolations(page)
    await assertLayout(page)
    // The same form in Arabic (right to left), translated.
    await page.goto(`${server.url}/ar${new URL(page.url()).pathname}`)
    await page.getByRole('button', { name: 'إرسال التعليق' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await assertNoAxeViolations(page)
    await assertLayout(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the ministry closes the round, answers the comment with a reason and publishes the outcome', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await signIn(page, server.url, 'vr-ministerium@example.org')
    await page.goto(`${server.url}/verwaltung/integrationsvertraege/${contractId}`)
    await page
      .getByRole('heading', { level: 2, name: 'Kommentierung durch die Integrationskonferenz' })
      .waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Kommentierung des Vertrags mit dem Jugendring (Demo)' }).click()
    await page.getByText('Noch nicht beantwortet.').waitFor()
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await page.getByRole('button', { name: 'Kommentierung jetzt beenden' }).click()
    await page.getByText('Die Kommentierung ist beendet.', { exact: true }).waitFor()
    await page.getByRole('link', { name: 'Kommentar 1 beantworten' }).click()
    await page.getByLabel('teilweise übernommen').check()
    await page.getByRole('button', { name: 'Antwort speichern' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Begründen Sie die Antwort/,
    )
    assert.equal(await page.getByLabel('teilweise übernommen').isChecked(), true, 'the choice stays')
    await assertNoAxeViolations(page)
    await page.getByLabel('Begründung').fill('Drei Fachtage ja; die Regionen legt der Förderbescheid fest.')
    await page.getByRole('button', { name: 'Antwort speichern' }).click()
    await page.getByText('Die Antwort ist gespeichert.').waitFor()
    await page.getByRole('link', { name: 'Neuen Wortlaut für „Der Partner: Pflicht 1“ schreiben' }).click()
    await page.getByLabel('Neuer Wortlaut der Pflicht').fill(DUTY.replace('zwei Fachtage', 'drei Fachtage'))
    await page.getByLabel(/^Kommentar 1:/).check()
    await assertNoAxeViolations(page)
    await page.getByRole('button', { name: 'Wortlaut übernehmen' }).click()
    await page.getByText('Der neue Wortlaut ist in den Entwurf übernommen.').waitFor()
    await page.getByRole('button', { name: 'Ergebnis veröffentlichen' }).click()
    await page.getByRole('heading', { level: 2, name: 'Ergebnis der Kommentierung' }).waitFor()
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('anyone reads the outcome with every answer; a late comment is refused with a clear message', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/integrationsvertraege/kommentierung/${roundId}`)
    await page.getByRole('heading', { level: 2, name: 'Ergebnis der Kommentierung' }).waitFor()
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Antwort des Ministeriums: teilweise übernommen/)
    assert.match(main, /die Regionen legt der Förderbescheid fest/)
    assert.match(main, /Geändert aufgrund von: Kommentar 1/)
    assert.match((await page.locator('.plan-diff ins').last().textContent()) ?? '', /eingefügt: drei/)
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await tp.context.close()

    const late = await openPage(browser, { javaScript: false })
    await signIn(late.page, server.url, 'vr-mitglied@example.org')
    await late.page.goto(`${server.url}/integrationsvertraege/kommentierung/${roundId}`)
    await late.page.getByRole('heading', { level: 2, name: 'Ergebnis der Kommentierung' }).waitFor()
    const section = (await late.page.locator('a[href*="/abschnitte/"]').count()) === 0
    assert.ok(section, 'no comment links once the round is over')
    await late.context.close()
  })
})
