import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { assignCouncilStaff } from '../../councils/bodies-and-members/assign-council-staff'
import { addMembership, addTerm, createCouncil } from '../../councils/bodies-and-members/manage-councils'
import { createOrganisation } from '../../directory/create-organisation'
import { createPerson } from '../../directory/create-person'
import { draftVersion, planTree } from '../find-plan'
import { importAdoptedPlan, startDraft } from '../manage-plan'
import { planComments, planFields, planRounds } from '../tables'

const STAFF = '/verwaltung/integrationsplan/kommentierung'
const PUBLIC = '/integrationsplan/kommentierung'
const DRAFT_TEXT = 'Das Land fördert Sprachkurse für Erwachsene in allen Landkreisen.'
const PROPOSED =
  'Das Land fördert Sprachkurse mit Kinderbetreuung für Erwachsene in allen Landkreisen und Städten.'

/** A datetime-local value in Berlin time, hours from now (the form's format). */
function berlinLocal(hoursFromNow: number): string {
  const at = new Date(Date.now() + hoursFromNow * 3_600_000)
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T')
}

for (const kind of dbKinds()) {
  describe(`comment rounds, end to end (${kind})`, () => {
    let t: TestApp
    let ministry: Client
    let member: Client
    let unlinked: Client
    let citizen: Client
    let roundId: string
    let sectionId: string
    let commentId: string

    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      const imported = await importAdoptedPlan(db, CLI_ACTOR, {
        title: 'Integrationsplan Probe',
        adoptedOn: '2020-06-01',
        fields: [
          { code: '1', title: 'Sprache und Bildung', description: DRAFT_TEXT, goals: [] },
          { code: '2', title: 'Antidiskriminierung', description: 'Beratung in jedem Kreis.', goals: [] },
        ],
      })
      assert.ok(imported.ok)
      const ministryId = await t.createUser(`rounds-ministry-${kind}@example.org`, ['ministry'])
      const draft = await startDraft(
        db,
        { id: ministryId, label: 'test', can: (p) => p === 'plan.manage' },
        { title: 'Fortschreibung Probe' },
      )
      assert.ok(draft.ok)
      // The conference (a body of the councils feature) with one member representing an organisation.
      const conference = await createCouncil(db, CLI_ACTOR, {
        kind: 'integrationskonferenz',
        name: 'Integrationskonferenz Probe',
      })
      await addTerm(db, CLI_ACTOR, {
        councilId: conference,
        startsOn: '2020-01-01',
        endsOn: '2040-12-31',
        seats: 20,
      })
      const organisationId = await createOrganisation(db, CLI_ACTOR, {
        kind: 'association',
        name: 'Liga Probe',
      })
      const personId = await createPerson(db, CLI_ACTOR, { givenName: 'Aylin', familyName: 'Probe' })
      const membership = await addMembership(db, CLI_ACTOR, {
        councilId: conference,
        personId,
        role: 'member',
        startsOn: '2020-01-01',
        organisationId,
      })
      assert.ok(membership.ok)
      await t.createUser(`rounds-member-${kind}@example.org`, ['conference_member'])
      const linked = await assignCouncilStaff(db, CLI_ACTOR, {
        email: `rounds-member-${kind}@example.org`,
        personId,
      })
      assert.ok(linked.ok)
      await t.createUser(`rounds-unlinked-${kind}@example.org`, ['conference_member'])
      await t.createUser(`rounds-citizen-${kind}@example.org`, [])
      ministry = new Client(t.app)
      await ministry.signIn(`rounds-ministry-${kind}@example.org`)
      member = new Client(t.app)
      await member.signIn(`rounds-member-${kind}@example.org`)
      unlinked = new Client(t.app)
      await unlinked.signIn(`rounds-unlinked-${kind}@example.org`)
      citizen = new Client(t.app)
      await citizen.signIn(`rounds-citizen-${kind}@example.org`)
    })
    after(() => t.close())

    it('opens a round on the draft, its fields of action as sections; a period ending before it starts is refused', async () => {
      assert.equal((await citizen.get(STAFF)).statusCode, 403)
      const bad = await ministry.submit(STAFF, STAFF, {
        title: 'Kommentierung Probe',
        opensAt: berlinLocal(-1),
        closesAt: berlinLocal(-2),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Das Ende liegt nicht nach dem Beginn/)
      assert.match(bad.body, /value="Kommentierung Probe"/, 'the typed values stay')
      const noDate = await ministry.submit(STAFF, STAFF, {
        title: 'X',
        opensAt: '2026-02-30T10:00',
        closesAt: '',
      })
      assert.equal(noDate.statusCode, 400)
      assert.match(noDate.body, /Geben Sie Datum und Uhrzeit an/)
      const opened = await ministry.submit(STAFF, STAFF, {
        title: 'Kommentierung Probe',
        opensAt: berlinLocal(-1),
        closesAt: berlinLocal(48),
      })
      assert.equal(opened.statusCode, 303)
      roundId = opened.headers.location!.split('/').pop()!
      const page = await new Client(t.app).get(`${PUBLIC}/${roundId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /offen für Kommentare/)
      assert.match(page.body, /Das Land fördert Sprachkurse für Erwachsene/)
      const link = /href="(\/integrationsplan\/kommentierung\/abschnitte\/[0-9a-f-]+)"/.exec(page.body)
      assert.ok(link, 'a link to the first section')
      sectionId = link[1]!.split('/').pop()!
      const list = await new Client(t.app).get(PUBLIC)
      assert.match(list.body, /Kommentierung Probe/)
    })

    it('shows the comment form to a member only; others get a clear message, never the form', async () => {
      const url = `${PUBLIC}/abschnitte/${sectionId}`
      const asMember = await member.get(url)
      assert.match(asMember.body, /Sie kommentieren als Aylin Probe \(Liga Probe\)/)
      assert.match(asMember.body, /name="proposedText"/)
      const anonymous = await new Client(t.app).get(url)
      assert.doesNotMatch(anonymous.body, /name="body"/)
      assert.match(anonymous.body, /Kommentieren können Mitglieder der Integrationskonferenz/)
      assert.equal((await citizen.submit(url, url, { body: 'Hallo' })).statusCode, 403)
      const notMember = await unlinked.submit(url, url, { body: 'Hallo' })
      assert.equal(notMember.statusCode, 400)
      assert.match(notMember.body, /Ihr Konto ist keinem Mitglied zugeordnet/)
      assert.equal((await t.deps.db.select().from(planComments)).length, 0, 'nothing written')
    })

    it('takes a member comment with a changed wording, and refuses an empty one next to the field', async () => {
      const url = `${PUBLIC}/abschnitte/${sectionId}`
      const empty = await member.submit(url, url, { body: ' ', proposedText: PROPOSED })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Geben Sie Ihren Kommentar ein/)
      assert.match(empty.body, /Sprachkurse mit Kinderbetreuung/, 'the proposal typed stays')
      const saved = await member.submit(url, url, {
        body: 'Ohne Kinderbetreuung erreichen die Kurse viele Mütter nicht.',
        proposedText: PROPOSED,
      })
      assert.equal(saved.statusCode, 303)
      // A comment leaving the draft's wording as it was proposes no change.
      const plain = await member.submit(url, url, {
        body: 'Bitte Städte einbeziehen.',
        proposedText: DRAFT_TEXT,
      })
      assert.equal(plain.statusCode, 303)
      const rows = await t.deps.db.select().from(planComments).orderBy(planComments.createdAt)
      assert.equal(rows.length, 2)
      assert.equal(rows[0]!.proposedText, PROPOSED)
      assert.equal(rows[0]!.organisationName, 'Liga Probe')
      assert.equal(rows[1]!.proposedText, null)
      commentId = rows[0]!.id
      const own = await member.get(url)
      assert.match(own.body, /<ins><span class="kern-sr-only">\[eingefügt: <\/span>mit Kinderbetreuung/)
    })

    it('refuses to publish while the round runs; after closing, refuses late comments and unanswered rounds', async () => {
      const staffPage = `${STAFF}/${roundId}`
      const early = await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /Die Runde läuft noch/)
      assert.equal((await ministry.submit(staffPage, `${staffPage}/beenden`, {})).statusCode, 303)
      const url = `${PUBLIC}/abschnitte/${sectionId}`
      const late = await member.submit(url, url, { body: 'Noch ein Gedanke.' })
      assert.equal(late.statusCode, 400)
      assert.match(late.body, /Die Runde ist beendet: Kommentare sind nicht mehr möglich/)
      assert.equal((await t.deps.db.select().from(planComments)).length, 2, 'the late comment is not stored')
      const unanswered = await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})
      assert.equal(unanswered.statusCode, 400)
      assert.match(unanswered.body, /2 Kommentare sind noch nicht beantwortet/)
    })

    it('refuses an answer without a reason, then takes every answer', async () => {
      const answerUrl = `/verwaltung/integrationsplan/kommentare/${commentId}`
      const noReason = await ministry.submit(answerUrl, answerUrl, { answer: 'partly', reason: '  ' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Geben Sie eine Begründung für die Antwort ein/)
      const [stillOpen] = await t.deps.db.select().from(planComments).where(eq(planComments.id, commentId))
      assert.equal(stillOpen!.answer, null)
      const answered = await ministry.submit(answerUrl, answerUrl, {
        answer: 'partly',
        reason: 'Kinderbetreuung wird aufgenommen; die Städte sind schon Teil der Landkreise.',
      })
      assert.equal(answered.statusCode, 303)
      const rest = (await t.deps.db.select().from(planComments)).filter((c) => c.id !== commentId)
      assert.equal(rest.length, 1)
      for (const c of rest) {
        const u = `/verwaltung/integrationsplan/kommentare/${c.id}`
        assert.equal(
          (await ministry.submit(u, u, { answer: 'rejected', reason: 'Siehe oben.' })).statusCode,
          303,
        )
      }
    })

    it('writes the next wording into the draft, linked to the comment behind it, and publishes the outcome', async () => {
      const revise = `${STAFF}/abschnitte/${sectionId}`
      const next = 'Das Land fördert Sprachkurse mit Kinderbetreuung für Erwachsene landesweit.'
      assert.equal(
        (await ministry.submit(revise, revise, { text: next, commentIds: [commentId] })).statusCode,
        303,
      )
      const draft = (await draftVersion(t.deps.db))!
      const [field] = (await planTree(t.deps.db, draft)).fields
      assert.equal(field!.description, next)
      const staffPage = `${STAFF}/${roundId}`
      const published = await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})
      assert.equal(published.statusCode, 303)
      const [round] = await t.deps.db.select().from(planRounds).where(eq(planRounds.id, roundId))
      assert.ok(round!.publishedAt)

      const page = await new Client(t.app).get(`${PUBLIC}/${roundId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Ergebnis der Kommentierung/)
      assert.match(page.body, /Antwort des Ministeriums: teilweise übernommen/)
      assert.match(page.body, /Kinderbetreuung wird aufgenommen/)
      assert.match(page.body, /Antwort des Ministeriums: nicht übernommen/)
      assert.match(page.body, /von Aylin Probe \(Liga Probe\)/)
      assert.match(page.body, /<del><span class="kern-sr-only">\[gestrichen: <\/span>/)
      assert.match(page.body, /Nächste Fassung/)
      assert.match(page.body, new RegExp(`Geändert aufgrund von:.*href="#kommentar-${commentId}"`, 's'))
      assert.match(page.body, /Der Abschnitt bleibt unverändert/, 'the second section did not change')
      const en = await new Client(t.app).get(`/en${PUBLIC}/${roundId}`)
      assert.match(
        en.body,
        /The ministry&#39;s answer: partly accepted|The ministry's answer: partly accepted/,
      )
      assert.match(en.body, /<p class="kern-body plan-diff" lang="de">/)

      const answerUrl = `/verwaltung/integrationsplan/kommentare/${commentId}`
      const afterwards = await ministry.submit(answerUrl, answerUrl, { answer: 'accepted', reason: 'Doch.' })
      assert.equal(afterwards.statusCode, 400)
      assert.match(afterwards.body, /Das Ergebnis ist schon veröffentlicht/)
      const [unchanged] = await t.deps.db
        .select({ f: planFields.description })
        .from(planFields)
        .where(eq(planFields.id, field!.id))
      assert.equal(unchanged!.f, next)
      const actions = (await t.deps.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a)
      for (const a of [
        'plan.round.open',
        'plan.comment.add',
        'plan.round.close',
        'plan.comment.answer',
        'plan.section.revise',
        'plan.round.publish',
      ])
        assert.ok(actions.includes(a), `audit ${a}`)
    })
  })
}
