import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { assignCouncilStaff } from '../../src/features/councils/bodies-and-members/assign-council-staff'
import {
  addMembership,
  addTerm,
  createCouncil,
} from '../../src/features/councils/bodies-and-members/manage-councils'
import { createOrganisation } from '../../src/features/directory/create-organisation'
import { createPerson } from '../../src/features/directory/create-person'
import { importAdoptedPlan, startDraft } from '../../src/features/plan/manage-plan'
import { roundDetails } from '../../src/features/plan/rounds/find-rounds'
import {
  addComment,
  answerComment,
  openRound,
  publishOutcome,
  reviseSection,
} from '../../src/features/plan/rounds/manage-rounds'
import { CLI_ACTOR } from '../../src/platform/audit'
import { formatDate } from '../../src/platform/i18n'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

const DAY = 86_400_000
const LANGUAGE =
  'Das Land fördert Sprachkurse für Erwachsene in allen Landkreisen, auch am Abend und am Wochenende, damit Berufstätige teilnehmen können.'

describe('comment rounds in the browser (without JavaScript)', () => {
  let server: TestServer
  let browser: Browser
  let publishedId: string
  /** Section 1 as the second round opened it: the wording revised after the first round. */
  let revised: string
  let commentedAt: Date
  before(async () => {
    server = await startServer()
    const db = server.t.deps.db
    const r = await importAdoptedPlan(db, CLI_ACTOR, {
      title: 'Integrationsplan (Demo)',
      adoptedOn: '2020-06-01',
      fields: [
        { code: '1', title: 'Sprache und Bildung', description: LANGUAGE, goals: [] },
        {
          code: '2',
          title: 'Antidiskriminierung',
          description: 'Das Land baut ein Netz von Beratungsstellen gegen Diskriminierung auf.',
          goals: [],
        },
      ],
    })
    assert.ok(r.ok)
    const ministryId = await server.t.createUser('runde-ministerium@example.org', ['ministry'])
    const ministry = { id: ministryId, label: 'test', can: (p: string) => p === 'plan.manage' }
    const draft = await startDraft(db, ministry, { title: 'Fortschreibung 2027 (Demo)' })
    assert.ok(draft.ok)
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
    const liga = await createOrganisation(db, CLI_ACTOR, {
      kind: 'association',
      name: 'Liga der Wohlfahrtspflege (Demo)',
    })
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
    const memberId = await server.t.createUser('runde-mitglied@example.org', ['conference_member'])
    assert.ok((await assignCouncilStaff(db, CLI_ACTOR, { email: 'runde-mitglied@example.org', personId })).ok)
    const member = { id: memberId, label: 'test', can: (p: string) => p === 'plan.comment' }

    // A round that ran last week, answered and published, with the next wording of section 1.
    const now = Date.now()
    const past = await openRound(db, ministry, draft.value, {
      title: 'Kommentierung der Fortschreibung (Demo)',
      opensAt: new Date(now - 10 * DAY),
      closesAt: new Date(now - DAY),
    })
    assert.ok(past.ok)
    publishedId = past.value
    const [first, second] = (await roundDetails(db, past.value))!.sections
    commentedAt = new Date(now - 5 * DAY)
    const c1 = await addComment(
      db,
      member,
      first!.section.id,
      {
        body: 'Ohne Kinderbetreuung erreichen die Kurse viele Mütter nicht.',
        proposedText: LANGUAGE.replace('Sprachkurse', 'Sprachkurse mit Kinderbetreuung'),
      },
      commentedAt,
    )
    const c2 = await addComment(
      db,
      member,
      second!.section.id,
      { body: 'Bitte auch Beratung in den Sprachen der Ratsuchenden.' },
      new Date(now - 4 * DAY),
    )
    assert.ok(c1.ok && c2.ok)
    assert.ok(
      (
        await answerComment(db, ministry, c1.value, {
          answer: 'partly',
          reason: 'Kinderbetreuung wird aufgenommen.',
        })
      ).ok,
    )
    assert.ok(
      (
        await answerComment(db, ministry, c2.value, {
          answer: 'rejected',
          reason: 'Das regelt das Förderprogramm.',
        })
      ).ok,
    )
    revised = LANGUAGE.replace('Sprachkurse', 'Sprachkurse mit Kinderbetreuung').replace(
      ' in allen Landkreisen',
      ' landesweit',
    )
    assert.ok(
      (await reviseSection(db, ministry, first!.section.id, { text: revised, commentIds: [c1.value] })).ok,
    )
    assert.ok((await publishOutcome(db, ministry, past.value)).ok)
    // And one open now.
    const open = await openRound(db, ministry, draft.value, {
      title: 'Zweite Kommentierung (Demo)',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 14 * DAY),
    })
    assert.ok(open.ok)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('anyone reads a published outcome: every comment with its answer, the next wording as a word diff', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/integrationsplan`)
    await page.getByRole('link', { name: 'Kommentierungsrunden zum Integrationsplan' }).click()
    await page.getByRole('heading', { level: 1, name: 'Kommentierungsrunden zum Integrationsplan' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Kommentierung der Fortschreibung (Demo)' }).click()
    await page.getByRole('heading', { level: 2, name: 'Ergebnis der Kommentierung' }).waitFor()
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Antwort des Ministeriums: teilweise übernommen/)
    assert.match(main, /Das regelt das Förderprogramm\./)
    // The comment keeps the moment it was written (five days ago), not the moment it was stored.
    assert.ok(
      main.includes(
        `von Fatma Musterfrau (Liga der Wohlfahrtspflege (Demo)), ${formatDate('de', commentedAt, true)}`,
      ),
    )
    assert.equal(
      await page.locator('.plan-diff ins').first().textContent(),
      '[eingefügt: mit Kinderbetreuung ]',
    )
    assert.match(
      (await page.locator('.plan-diff del').last().textContent()) ?? '',
      /gestrichen: in allen Landkreisen/,
    )
    await page.getByRole('link', { name: 'Kommentar 1' }).click()
    assert.match(page.url(), /#kommentar-/)
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/integrationskonferenz`)
    await page.getByRole('heading', { level: 1, name: 'Integrationskonferenz des Landes Hessen' }).waitFor()
    await page.getByRole('cell', { name: 'Liga der Wohlfahrtspflege (Demo)' }).waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/ar/integrationsplan/kommentierung/${publishedId}`)
    await page.getByRole('heading', { level: 2, name: 'نتيجة جولة التعليق' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('a member comments on a section of the open round, with a message next to an empty comment', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('runde-mitglied@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    await page.goto(`${server.url}/integrationsplan/kommentierung`)
    await page.getByRole('link', { name: 'Zweite Kommentierung (Demo)' }).click()
    await page.getByRole('link', { name: 'Abschnitt „Sprache und Bildung“ ansehen und kommentieren' }).click()
    await page
      .getByText('Sie kommentieren als Fatma Musterfrau (Liga der Wohlfahrtspflege (Demo)).')
      .waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('button', { name: 'Kommentar abgeben' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Geben Sie Ihren Kommentar ein/,
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('Kommentar', { exact: true }).fill('Bitte die Abendkurse auch online anbieten.')
    const wording = page.getByLabel(/Geänderter Wortlaut/)
    assert.equal(
      await wording.inputValue(),
      revised,
      'the field starts with the draft as this round opened it',
    )
    await wording.fill(revised.replace('am Wochenende', 'am Wochenende und online'))
    await page.getByRole('button', { name: 'Kommentar abgeben' }).click()
    await page.getByText('Ihr Kommentar ist gespeichert.').waitFor()
    await page.getByRole('heading', { level: 2, name: 'Ihre Kommentare zu diesem Abschnitt' }).waitFor()
    assert.match((await page.locator('.plan-diff ins').first().textContent()) ?? '', /^\[eingefügt: .*online/)
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('the ministry answers that comment, and is told to give a reason first', async () => {
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('runde-ministerium@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
    await page.goto(`${server.url}/verwaltung`)
    await page.getByRole('link', { name: 'Kommentierungsrunden' }).click()
    await page.getByRole('heading', { level: 1, name: 'Kommentierungsrunden' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Zweite Kommentierung (Demo)' }).click()
    await page.getByText('noch nicht beantwortet').waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'Kommentar 1 beantworten' }).click()
    await page.getByLabel('nicht übernommen').check()
    await page.getByRole('button', { name: 'Antwort speichern' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match(
      (await page.locator('[data-error-summary]').textContent()) ?? '',
      /Geben Sie eine Begründung für die Antwort ein/,
    )
    assert.equal(await page.getByLabel('nicht übernommen').isChecked(), true, 'the choice stays')
    await assertNoAxeViolations(page)
    await page
      .getByLabel('Begründung')
      .fill('Online-Kurse fördert das Land schon über das Programm „Deutsch digital“.')
    await page.getByRole('button', { name: 'Antwort speichern' }).click()
    await page.getByText('Die Antwort ist gespeichert.').waitFor()
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Antwort des Ministeriums: nicht übernommen/,
    )
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
