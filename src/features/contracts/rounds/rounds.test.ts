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
import { addObligation, createContract } from '../manage-contracts'
import { contractComments, contractObligations, contractRounds } from '../tables'

const DESK = '/verwaltung/integrationsvertraege'
const STAFF = '/verwaltung/integrationsvertraege/kommentierung'
const PUBLIC = '/integrationsvertraege/kommentierung'
const DRAFT_TEXT = 'Der Partner führt jährlich zwei Fachtage zur Jugendarbeit durch.'
const PROPOSED = 'Der Partner führt jährlich drei Fachtage zur Jugendarbeit in allen Regionen durch.'

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

const keeper = { id: 'test', can: (p: string) => p === 'contracts.manage', organisationId: null }

for (const kind of dbKinds()) {
  describe(`comment rounds on a contract draft, end to end (${kind})`, () => {
    let t: TestApp
    let ministry: Client
    let member: Client
    let unlinked: Client
    let contractId: string
    let roundId: string
    let sectionId: string
    let commentId: string

    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      const partner = await createOrganisation(db, CLI_ACTOR, {
        kind: 'association',
        name: 'Jugendring Probe',
      })
      const c = await createContract(db, CLI_ACTOR, keeper, {
        organisationId: partner,
        topic: 'Zugehörigkeit junger Menschen',
        summary: '',
        startsOn: '2026-01-01',
        endsOn: '2029-12-31',
      })
      assert.ok(c.ok)
      contractId = c.value
      assert.ok(
        (await addObligation(db, CLI_ACTOR, keeper, contractId, { side: 'partner', text: DRAFT_TEXT })).ok,
      )
      assert.ok(
        (await addObligation(db, CLI_ACTOR, keeper, contractId, { side: 'state', text: 'Das Land fördert.' }))
          .ok,
      )
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
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: conference,
            personId,
            role: 'member',
            startsOn: '2020-01-01',
            organisationId,
          })
        ).ok,
      )
      await t.createUser(`cr-ministry-${kind}@example.org`, ['ministry'])
      await t.createUser(`cr-member-${kind}@example.org`, ['conference_member'])
      assert.ok(
        (await assignCouncilStaff(db, CLI_ACTOR, { email: `cr-member-${kind}@example.org`, personId })).ok,
      )
      await t.createUser(`cr-unlinked-${kind}@example.org`, ['conference_member'])
      ministry = new Client(t.app)
      await ministry.signIn(`cr-ministry-${kind}@example.org`)
      member = new Client(t.app)
      await member.signIn(`cr-member-${kind}@example.org`)
      unlinked = new Client(t.app)
      await unlinked.signIn(`cr-unlinked-${kind}@example.org`)
    })
    after(() => t.close())

    it('opens a round on a contract in negotiation, its obligations as sections; a bad period is refused', async () => {
      const page = `${DESK}/${contractId}`
      const action = `${page}/kommentierung`
      const bad = await ministry.submit(page, action, {
        roundTitle: 'Entwurf Jugendring',
        opensAt: berlinLocal(-1),
        closesAt: berlinLocal(-2),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Das Ende der Kommentierung muss nach ihrem Beginn liegen/)
      assert.match(bad.body, /value="Entwurf Jugendring"/, 'the typed title stays')
      assert.equal((await t.deps.db.select().from(contractRounds)).length, 0)
      const opened = await ministry.submit(page, action, {
        roundTitle: 'Entwurf Jugendring',
        opensAt: berlinLocal(-1),
        closesAt: berlinLocal(48),
      })
      assert.equal(opened.statusCode, 303)
      roundId = opened.headers.location!.split('/').pop()!
      const pub = await new Client(t.app).get(`${PUBLIC}/${roundId}`)
      assert.equal(pub.statusCode, 200)
      assert.match(pub.body, /Der Partner: Pflicht 1/)
      assert.match(pub.body, /Das Land Hessen: Pflicht 1/)
      assert.match(pub.body, /Fachtage zur Jugendarbeit/)
      const link = /href="(\/integrationsvertraege\/kommentierung\/abschnitte\/[0-9a-f-]+)"/.exec(pub.body)
      assert.ok(link, 'a link to a section')
      sectionId = link[1]!.split('/').pop()!
      assert.match((await new Client(t.app).get(PUBLIC)).body, /Entwurf Jugendring/)
      // The contract itself stays out of the public register until signed.
      assert.equal((await new Client(t.app).get(`/integrationsvertraege/${contractId}`)).statusCode, 404)
    })

    it('takes a member comment with a changed wording; non-members get a clear message and nothing is written', async () => {
      const url = `${PUBLIC}/abschnitte/${sectionId}`
      const anonymous = await new Client(t.app).get(url)
      assert.doesNotMatch(anonymous.body, /name="body"/)
      assert.match(anonymous.body, /Kommentieren können Mitglieder der Integrationskonferenz/)
      const notMember = await unlinked.submit(url, url, { body: 'Hallo' })
      assert.equal(notMember.statusCode, 400)
      assert.match(notMember.body, /Ihr Konto steht für kein aktuelles Mitglied/)
      const asMember = await member.get(url)
      assert.match(asMember.body, /Sie kommentieren als Aylin Probe für Liga Probe/)
      const empty = await member.submit(url, url, { body: ' ', proposedText: PROPOSED })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Schreiben Sie Ihren Kommentar in das Feld/)
      assert.match(empty.body, /drei Fachtage/, 'the proposal typed stays')
      assert.equal((await t.deps.db.select().from(contractComments)).length, 0)
      const saved = await member.submit(url, url, {
        body: 'Zwei Fachtage reichen nicht.',
        proposedText: PROPOSED,
      })
      assert.equal(saved.statusCode, 303)
      const plain = await member.submit(url, url, { body: 'Gut so.', proposedText: DRAFT_TEXT })
      assert.equal(plain.statusCode, 303)
      const rows = await t.deps.db.select().from(contractComments).orderBy(contractComments.createdAt)
      assert.equal(rows.length, 2)
      assert.equal(rows[0]!.proposedText, PROPOSED)
      assert.equal(rows[0]!.organisationName, 'Liga Probe')
      assert.equal(rows[1]!.proposedText, null, 'the unchanged wording proposes nothing')
      commentId = rows[0]!.id
      const own = await member.get(url)
      assert.match(own.body, /<ins><span class="kern-sr-only">\[eingefügt: <\/span>drei/)
    })

    it('after closing: refuses late comments with a clear message, and publishing while unanswered', async () => {
      const staffPage = `${STAFF}/${roundId}`
      const early = await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /Die Kommentierung läuft noch/)
      assert.equal((await ministry.submit(staffPage, `${staffPage}/beenden`, {})).statusCode, 303)
      const url = `${PUBLIC}/abschnitte/${sectionId}`
      const late = await member.submit(url, url, { body: 'Noch ein Gedanke.' })
      assert.equal(late.statusCode, 400)
      assert.match(
        late.body,
        /Die Kommentierung ist beendet: Ihr Kommentar kann nicht mehr angenommen werden/,
      )
      assert.equal(
        (await t.deps.db.select().from(contractComments)).length,
        2,
        'the late comment is not stored',
      )
      const unanswered = await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})
      assert.equal(unanswered.statusCode, 400)
      assert.match(unanswered.body, /2 Kommentare sind noch nicht beantwortet/)
    })

    it('answers every comment (a reason is required), writes the next wording with its grounds, publishes', async () => {
      const answerUrl = `/verwaltung/integrationsvertraege/kommentare/${commentId}`
      const noReason = await ministry.submit(answerUrl, answerUrl, { answer: 'partly', reason: ' ' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Begründen Sie die Antwort/)
      assert.equal(
        (
          await ministry.submit(answerUrl, answerUrl, {
            answer: 'partly',
            reason: 'Drei Fachtage ja; die Regionen regelt der Förderbescheid.',
          })
        ).statusCode,
        303,
      )
      for (const c of (await t.deps.db.select().from(contractComments)).filter((x) => x.id !== commentId)) {
        const u = `/verwaltung/integrationsvertraege/kommentare/${c.id}`
        assert.equal((await ministry.submit(u, u, { answer: 'accepted', reason: 'Danke.' })).statusCode, 303)
      }
      const revise = `${STAFF}/abschnitte/${sectionId}`
      const next = 'Der Partner führt jährlich drei Fachtage zur Jugendarbeit durch.'
      assert.equal(
        (await ministry.submit(revise, revise, { text: next, commentIds: [commentId] })).statusCode,
        303,
      )
      const obligations = await t.deps.db
        .select()
        .from(contractObligations)
        .where(eq(contractObligations.contractId, contractId))
      assert.ok(
        obligations.some((o) => o.text === next),
        'the next wording is in the contract draft',
      )
      const staffPage = `${STAFF}/${roundId}`
      assert.equal((await ministry.submit(staffPage, `${staffPage}/veroeffentlichen`, {})).statusCode, 303)

      const page = await new Client(t.app).get(`${PUBLIC}/${roundId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Ergebnis der Kommentierung/)
      assert.match(page.body, /Antwort des Ministeriums: teilweise übernommen/)
      assert.match(page.body, /die Regionen regelt der Förderbescheid/)
      assert.match(page.body, /von Aylin Probe für Liga Probe/)
      assert.match(page.body, /Neuer Wortlaut/)
      assert.match(
        page.body,
        new RegExp(`Geändert aufgrund von: Kommentar 1.*href="#kommentar-${commentId}"`, 's'),
      )
      const tr = await new Client(t.app).get(`/tr${PUBLIC}/${roundId}`)
      assert.equal(tr.statusCode, 200)
      assert.match(tr.body, /lang="de"/, 'the German wording is marked as German')

      const afterwards = await ministry.submit(answerUrl, answerUrl, { answer: 'accepted', reason: 'Doch.' })
      assert.equal(afterwards.statusCode, 400)
      assert.match(afterwards.body, /Das Ergebnis ist veröffentlicht/)
      const actions = (await t.deps.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a)
      for (const a of [
        'contracts.round.open',
        'contracts.comment.add',
        'contracts.round.close',
        'contracts.comment.answer',
        'contracts.section.revise',
        'contracts.round.publish',
      ])
        assert.ok(actions.includes(a), `audit ${a}`)
    })

    it('opens no round on a signed contract or on a draft without obligations', async () => {
      const partner = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Leer Probe',
      })
      const c = await createContract(t.deps.db, CLI_ACTOR, keeper, {
        organisationId: partner,
        topic: 'Leer',
        summary: '',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      })
      assert.ok(c.ok)
      const page = `${DESK}/${c.value}`
      const r = await ministry.submit(page, `${page}/kommentierung`, {
        roundTitle: 'Leer',
        opensAt: berlinLocal(-1),
        closesAt: berlinLocal(2),
      })
      assert.equal(r.statusCode, 400)
      assert.match(r.body, /Der Entwurf hat noch keine Pflichten/)
    })
  })
}
