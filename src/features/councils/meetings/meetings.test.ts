import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { problemKey } from '../../../platform/outcome'
import { createPerson } from '../../directory/create-person'
import { isoDay } from '../../directory/find-places'
import { membersOn } from '../bodies-and-members/find-councils'
import { addMembership, addTerm, createCouncil } from '../bodies-and-members/manage-councils'
import { councilsFeature } from '../feature'
import { agendaItems, meetings, papers } from '../tables'
import { foldLine, icalText } from './ical'
import {
  addAgendaItem,
  addMotionToAgenda,
  approveMinutes,
  cancelMeeting,
  createMeeting,
  createPaper,
  inviteMeeting,
  publishMinutes,
  recordVote,
  saveMinutes,
  setAttendance,
} from './manage-meetings'
import { recordElection } from './record-election'

describe('iCalendar helpers', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    assert.equal(icalText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne')
    const folded = foldLine(`SUMMARY:${'ä'.repeat(60)}`)
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75)
    assert.equal(folded.replace(/\r\n /g, ''), `SUMMARY:${'ä'.repeat(60)}`)
  })
})

const DAY = 24 * 60 * 60 * 1000

for (const kind of dbKinds()) {
  describe(`meetings (${kind})`, () => {
    let t: TestApp
    let plenary: string
    let delegates: string[]
    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      const council = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Beirat Sitzungstest',
        agahMember: true,
      })
      plenary = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah',
        name: 'Plenum Sitzungstest',
        delegatesPerCouncil: 4,
        quorumPercent: 50,
      })
      await addTerm(db, CLI_ACTOR, {
        councilId: plenary,
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: 4,
      })
      delegates = []
      for (const name of ['Eins', 'Zwei', 'Drei', 'Vier']) {
        const p = await createPerson(db, CLI_ACTOR, { givenName: 'Delegierte', familyName: `Probe${name}` })
        const r = await addMembership(db, CLI_ACTOR, {
          councilId: plenary,
          personId: p,
          role: 'delegate',
          delegatedById: council,
          startsOn: '2026-04-01',
        })
        assert.ok(r.ok)
        delegates.push(p)
      }
    })
    after(() => t.close())

    const future = () => new Date(Date.now() + 7 * DAY)

    it('refuses to invite to a meeting in the past and to a cancelled one', async () => {
      const db = t.deps.db
      const past = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Vergangen',
        startsAt: new Date(Date.now() - DAY),
      })
      assert.ok(past.ok)
      assert.deepEqual(await inviteMeeting(db, CLI_ACTOR, past.value), {
        ok: false,
        problems: [{ field: '_form', key: 'meetings.error.pastInvite' }],
      })
      const next = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Künftig',
        startsAt: future(),
      })
      assert.ok(next.ok)
      assert.ok((await inviteMeeting(db, CLI_ACTOR, next.value)).ok)
      assert.equal((await inviteMeeting(db, CLI_ACTOR, next.value)).ok, false)
      assert.ok((await cancelMeeting(db, CLI_ACTOR, next.value)).ok)
      const ics = await new Client(t.app).get(`/sitzungen/${next.value}/kalender.ics`)
      assert.equal(ics.statusCode, 200)
      assert.match(String(ics.headers['content-type']), /text\/calendar/)
      assert.match(ics.body, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/)
      assert.match(ics.body, /STATUS:CANCELLED\r\n/)
      assert.match(ics.body, /END:VCALENDAR\r\n$/)
      const body = await new Client(t.app).get(`/beiraete/${plenary}/kalender.ics`)
      assert.equal(body.statusCode, 200)
      assert.equal((body.body.match(/BEGIN:VEVENT/g) ?? []).length, 2)
    })

    it('checks quorum, counts and ballots, decides by the majority rule and numbers resolutions', async () => {
      const db = t.deps.db
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Plenarversammlung Test',
        startsAt: future(),
      })
      assert.ok(m.ok)
      const item = await addMotionToAgenda(db, CLI_ACTOR, {
        meetingId: m.value,
        title: 'Antrag Wahlrecht',
        public: true,
        majorityRule: 'simple',
      })
      assert.ok(item.ok)
      const absolute = await addMotionToAgenda(db, CLI_ACTOR, {
        meetingId: m.value,
        title: 'Antrag Satzung',
        public: true,
        majorityRule: 'absolute',
      })
      assert.ok(absolute.ok)
      const roll = await addMotionToAgenda(db, CLI_ACTOR, {
        meetingId: m.value,
        title: 'Antrag namentlich',
        public: true,
        majorityRule: 'two_thirds',
      })
      assert.ok(roll.ok)

      // no attendance yet: no quorum
      const noQuorum = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item.value,
        yes: 1,
        no: 0,
        abstain: 0,
      })
      assert.deepEqual(noQuorum, {
        ok: false,
        problems: [{ field: '_form', key: 'meetings.error.noQuorum' }],
      })
      // 2 of 4 is not more than half
      assert.ok((await setAttendance(db, CLI_ACTOR, m.value, delegates.slice(0, 2))).ok)
      assert.equal(
        (
          await recordVote(db, CLI_ACTOR, {
            meetingId: m.value,
            agendaItemId: item.value,
            yes: 2,
            no: 0,
            abstain: 0,
          })
        ).ok,
        false,
      )
      const stranger = await createPerson(db, CLI_ACTOR, { givenName: 'Fremd', familyName: 'Probe' })
      const notMember = await setAttendance(db, CLI_ACTOR, m.value, [...delegates.slice(0, 3), stranger])
      assert.equal(problemKey(notMember), 'meetings.error.notAMember')
      assert.ok((await setAttendance(db, CLI_ACTOR, m.value, delegates.slice(0, 3))).ok)

      const tooMany = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item.value,
        yes: 3,
        no: 1,
        abstain: 0,
      })
      assert.deepEqual(tooMany, {
        ok: false,
        problems: [{ field: 'yes', key: 'meetings.error.countsExceedPresent' }],
      })
      const adopted = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item.value,
        yes: 2,
        no: 1,
        abstain: 0,
      })
      assert.ok(adopted.ok)
      assert.equal(adopted.value.adopted, true)
      assert.ok(adopted.value.resolutionId)
      const again = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item.value,
        yes: 2,
        no: 1,
        abstain: 0,
      })
      assert.equal(problemKey(again), 'meetings.error.alreadyVoted')

      // absolute majority of 4 members needs 3 yes
      const rejected = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: absolute.value,
        yes: 2,
        no: 0,
        abstain: 1,
      })
      assert.ok(rejected.ok)
      assert.equal(rejected.value.adopted, false)
      assert.equal(rejected.value.resolutionId, null)

      // roll call: a ballot from someone absent is refused; 2 yes 1 no is two thirds
      const absent = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: roll.value,
        ballots: { [delegates[3]!]: 'yes' },
      })
      assert.equal(problemKey(absent), 'meetings.error.ballotNotPresent')
      const named = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: roll.value,
        ballots: { [delegates[0]!]: 'yes', [delegates[1]!]: 'yes', [delegates[2]!]: 'no' },
      })
      assert.ok(named.ok)
      assert.equal(named.value.adopted, true)
      const resolutions = await db.select().from(papers).where(eq(papers.kind, 'resolution'))
      const year = isoDay(future()).slice(0, 4)
      assert.deepEqual(resolutions.map((r) => r.reference).sort(), [`BS-${year}/1`, `BS-${year}/2`])
      assert.deepEqual(resolutions.map((r) => r.resolutionNumber).sort(), [1, 2])

      const page = await new Client(t.app).get(`/sitzungen/${m.value}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Ergebnis: angenommen/)
      assert.match(page.body, /Ja 2, Nein 1, Enthaltungen 0/)
      assert.match(page.body, /Anwesend: 3 von 4 Mitgliedern/)
      const paper = await new Client(t.app).get(`/vorlagen/${adopted.value.resolutionId}`)
      assert.equal(paper.statusCode, 200)
      assert.match(paper.body, /Beschluss Nr\. 1/)
    })

    it('drafts, approves at a later meeting and publishes minutes; keeps non-public items private', async () => {
      const db = t.deps.db
      const first = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Sitzung mit Niederschrift',
        startsAt: new Date(Date.now() - 30 * DAY),
      })
      const later = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Folgesitzung',
        startsAt: new Date(Date.now() - 2 * DAY),
      })
      const upcoming = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Nächste Sitzung',
        startsAt: new Date(Date.now() + 30 * DAY),
      })
      assert.ok(first.ok && later.ok && upcoming.ok)
      const open = await addAgendaItem(db, CLI_ACTOR, {
        meetingId: first.value,
        title: 'Bericht des Vorstands',
        public: true,
      })
      const secretPaper = await createPaper(db, CLI_ACTOR, {
        councilId: plenary,
        kind: 'report',
        title: 'Personalsache Geheim',
        date: '2026-11-01',
      })
      assert.ok(open.ok && secretPaper.ok)
      const secret = await addAgendaItem(db, CLI_ACTOR, {
        meetingId: first.value,
        title: 'Personalsache Geheim',
        public: false,
        paperId: secretPaper.value,
      })
      assert.ok(secret.ok)
      const amendment = await createPaper(db, CLI_ACTOR, {
        councilId: plenary,
        kind: 'amendment',
        title: 'Ohne Bezug',
        date: '2026-11-01',
      })
      assert.equal(problemKey(amendment), 'meetings.error.amendmentNeedsPaper')

      assert.equal((await approveMinutes(db, CLI_ACTOR, first.value, later.value)).ok, false, 'no draft yet')
      assert.ok(
        (
          await saveMinutes(db, CLI_ACTOR, first.value, {
            [open.value]: 'Der Vorstand berichtet über das Jahr.',
          })
        ).ok,
      )
      const earlier = await approveMinutes(db, CLI_ACTOR, later.value, first.value)
      assert.equal(earlier.ok, false)
      const itself = await approveMinutes(db, CLI_ACTOR, first.value, first.value)
      assert.equal(problemKey(itself), 'meetings.error.approveAtLater')
      assert.equal((await publishMinutes(db, CLI_ACTOR, first.value)).ok, false, 'not approved yet')
      const anon = new Client(t.app)
      assert.doesNotMatch((await anon.get(`/sitzungen/${first.value}`)).body, /berichtet über das Jahr/)
      // Not "in" a meeting that has not taken place yet.
      const notHeld = await approveMinutes(db, CLI_ACTOR, first.value, upcoming.value)
      assert.equal(problemKey(notHeld), 'meetings.error.approveNotHeld')
      // Minutes recorded as approved at a future meeting (as the old code allowed) are not published.
      await db
        .update(meetings)
        .set({ minutesState: 'approved', minutesApprovedAtId: upcoming.value })
        .where(eq(meetings.id, first.value))
      const early = await publishMinutes(db, CLI_ACTOR, first.value)
      assert.equal(problemKey(early), 'meetings.error.approveNotHeld')
      assert.doesNotMatch((await anon.get(`/sitzungen/${first.value}`)).body, /berichtet über das Jahr/)
      await db
        .update(meetings)
        .set({ minutesState: 'draft', minutesApprovedAtId: null })
        .where(eq(meetings.id, first.value))
      assert.ok((await approveMinutes(db, CLI_ACTOR, first.value, later.value)).ok)
      assert.equal((await saveMinutes(db, CLI_ACTOR, first.value, { [open.value]: 'geändert' })).ok, false)
      assert.ok((await publishMinutes(db, CLI_ACTOR, first.value)).ok)
      const page = await anon.get(`/sitzungen/${first.value}`)
      assert.match(page.body, /berichtet über das Jahr/)
      assert.match(page.body, /genehmigt und veröffentlicht/)
      assert.doesNotMatch(page.body, /Personalsache/)
      assert.equal((await anon.get(`/vorlagen/${secretPaper.value}`)).statusCode, 404)

      await t.createUser(`delegierte-${kind}@example.org`, ['delegate'])
      await t.createUser(`fremd-${kind}@example.org`, ['delegate'])
      const io = { out: () => {}, err: () => {} }
      const cli = councilsFeature.cli!['assign-council-staff']!
      const link = (email: string, person: string) =>
        cli.run(t.deps, { flags: { email: [email], person: [person] }, positionals: [] }, io)
      assert.equal(await link(`delegierte-${kind}@example.org`, delegates[0]!), 0)
      const outsider = await createPerson(db, CLI_ACTOR, { givenName: 'Nicht', familyName: 'Delegiert' })
      assert.equal(await link(`fremd-${kind}@example.org`, outsider), 0)
      assert.equal(await link(`niemand-${kind}@example.org`, outsider), 1)
      assert.equal(await cli.run(t.deps, { flags: { email: ['x@example.org'] }, positionals: [] }, io), 2)
      const other = new Client(t.app)
      await other.signIn(`fremd-${kind}@example.org`)
      assert.doesNotMatch(
        (await other.get(`/sitzungen/${first.value}`)).body,
        /Personalsache/,
        'not their meeting',
      )
      assert.equal((await other.get(`/vorlagen/${secretPaper.value}`)).statusCode, 404)
      const delegate = new Client(t.app)
      await delegate.signIn(`delegierte-${kind}@example.org`)
      assert.match((await delegate.get(`/sitzungen/${first.value}`)).body, /Personalsache Geheim/)
      assert.equal((await delegate.get(`/vorlagen/${secretPaper.value}`)).statusCode, 200)
      assert.equal((await delegate.get(`/verwaltung/sitzungen/${first.value}`)).statusCode, 403)
    })

    it('hides a public amendment of a non-public motion on the web as OParl does (one rule)', async () => {
      const db = t.deps.db
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Sitzung Bezug',
        startsAt: future(),
      })
      assert.ok(m.ok)
      const motion = await createPaper(db, CLI_ACTOR, {
        councilId: plenary,
        kind: 'motion',
        title: 'Vertraulicher Antrag Bezugstest',
        date: '2026-11-02',
      })
      assert.ok(motion.ok)
      assert.ok(
        (
          await addAgendaItem(db, CLI_ACTOR, {
            meetingId: m.value,
            title: 'Nichtöffentlich',
            public: false,
            paperId: motion.value,
          })
        ).ok,
      )
      const amendment = await createPaper(db, CLI_ACTOR, {
        councilId: plenary,
        kind: 'amendment',
        title: 'Öffentlicher Änderungsantrag Bezugstest',
        date: '2026-11-02',
        relatedPaperId: motion.value,
      })
      assert.ok(amendment.ok)
      assert.ok(
        (
          await addAgendaItem(db, CLI_ACTOR, {
            meetingId: m.value,
            title: 'Öffentlich',
            public: true,
            paperId: amendment.value,
          })
        ).ok,
      )
      const anon = new Client(t.app)
      const web = await anon.get(`/vorlagen/${amendment.value}`)
      const api = await t.app.inject(`/oparl/v1/paper/${amendment.value}`)
      assert.equal(api.statusCode, 404, 'OParl hides the amendment')
      assert.equal(web.statusCode, 404, 'so does the web page')
      assert.doesNotMatch(web.body, /Vertraulicher Antrag Bezugstest/)
      assert.doesNotMatch((await anon.get(`/sitzungen/${m.value}`)).body, /Vertraulicher Antrag Bezugstest/)
    })

    it('records a board election: quorum, counts, ties, winners join the board', async () => {
      const db = t.deps.db
      const board = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah_board',
        name: 'Vorstand Sitzungstest',
        parentId: plenary,
      })
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Wahlversammlung',
        startsAt: future(),
      })
      assert.ok(m.ok)
      const item = await addAgendaItem(db, CLI_ACTOR, {
        meetingId: m.value,
        title: 'Wahl des Vorsitzes',
        public: true,
      })
      assert.ok(item.ok)
      const vote = (candidates: Record<string, number>, seats = 1) =>
        recordElection(db, CLI_ACTOR, {
          meetingId: m.value,
          agendaItemId: item.value,
          role: 'chair',
          seats,
          candidates,
        })
      assert.equal((await vote({ [delegates[0]!]: 2 })).ok ? '' : 'refused', 'refused', 'no quorum')
      assert.ok((await setAttendance(db, CLI_ACTOR, m.value, delegates.slice(0, 3))).ok)
      const tie = await vote({ [delegates[0]!]: 1, [delegates[1]!]: 1 })
      assert.equal(problemKey(tie), 'meetings.error.tie')
      const over = await vote({ [delegates[0]!]: 4 })
      assert.equal(problemKey(over), 'meetings.error.countsExceedPresent')
      assert.equal((await vote({})).ok, false)
      const ok = await vote({ [delegates[0]!]: 2, [delegates[1]!]: 1 })
      assert.ok(ok.ok)
      assert.deepEqual(ok.value, [delegates[0]])
      const again = await vote({ [delegates[0]!]: 2 })
      assert.equal(problemKey(again), 'meetings.error.alreadyVoted')
      const boardMembers = await membersOn(db, board, isoDay(future()))
      assert.deepEqual(
        boardMembers.map((b) => [b.personId, b.role]),
        [[delegates[0], 'chair']],
      )
      const page = await new Client(t.app).get(`/sitzungen/${m.value}`)
      assert.match(page.body, /Wahlergebnis/)
      assert.match(page.body, /DelegierteProbeEins|Delegierte ProbeEins/)
      assert.match(page.body, /gewählt/)

      // through the staff form: bad counts are refused with 400
      await t.createUser(`wahlleitung-${kind}@example.org`, ['agah_office'])
      const c = new Client(t.app)
      await c.signIn(`wahlleitung-${kind}@example.org`)
      const deputy = await addAgendaItem(db, CLI_ACTOR, {
        meetingId: m.value,
        title: 'Wahl der Stellvertretung',
        public: true,
      })
      assert.ok(deputy.ok)
      const manage = `/verwaltung/sitzungen/${m.value}`
      const bad = await c.submit(manage, `${manage}/wahl`, {
        electionItem: deputy.value,
        role: 'deputy',
        seats: '1',
        [`candidate_${delegates[1]}`]: 'drei',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /error-summary/)
      const good = await c.submit(manage, `${manage}/wahl`, {
        electionItem: deputy.value,
        role: 'deputy',
        seats: '1',
        [`candidate_${delegates[1]}`]: '3',
      })
      assert.equal(good.statusCode, 303)
    })

    it('refuses a vote or an election on an agenda item of another meeting in the use case itself', async () => {
      const db = t.deps.db
      const here = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Hier',
        startsAt: future(),
      })
      const there = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary,
        title: 'Dort',
        startsAt: future(),
      })
      assert.ok(here.ok && there.ok)
      const foreign = await addAgendaItem(db, CLI_ACTOR, {
        meetingId: there.value,
        title: 'Fremd',
        public: true,
      })
      assert.ok(foreign.ok)
      // both meetings have quorum, so only the meeting of the item can refuse
      for (const m of [here.value, there.value])
        assert.ok((await setAttendance(db, CLI_ACTOR, m, delegates.slice(0, 3))).ok)
      const notHere = { ok: false, problems: [{ field: 'agendaItemId', key: 'councils.error.notFound' }] }
      const vote = await recordVote(db, CLI_ACTOR, {
        meetingId: here.value,
        agendaItemId: foreign.value,
        yes: 3,
        no: 0,
        abstain: 0,
      })
      assert.deepEqual(vote, notHere)
      const ballots = await recordVote(db, CLI_ACTOR, {
        meetingId: here.value,
        agendaItemId: foreign.value,
        ballots: { [delegates[0]!]: 'yes' },
      })
      assert.deepEqual(ballots, notHere)
      const election = await recordElection(db, CLI_ACTOR, {
        meetingId: here.value,
        agendaItemId: foreign.value,
        role: 'chair',
        seats: 1,
        candidates: { [delegates[0]!]: 3 },
      })
      assert.deepEqual(election, notHere)
      const unknown = await recordVote(db, CLI_ACTOR, {
        meetingId: here.value,
        agendaItemId: '00000000-0000-4000-8000-000000000000',
        yes: 1,
        no: 0,
        abstain: 0,
      })
      assert.deepEqual(unknown, notHere)
      // nothing was written: the item of the other meeting is still open there
      const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, foreign.value))
      assert.equal(row?.result, null)
      assert.equal(
        (await db.select().from(meetings).where(eq(meetings.id, there.value)))[0]?.state,
        'planned',
      )
      // a candidate who is no member of the body is refused by the election use case too
      const own = await addAgendaItem(db, CLI_ACTOR, { meetingId: here.value, title: 'Wahl', public: true })
      assert.ok(own.ok)
      const outsider = await createPerson(db, CLI_ACTOR, { givenName: 'Nicht', familyName: 'Mitglied' })
      const stranger = await recordElection(db, CLI_ACTOR, {
        meetingId: here.value,
        agendaItemId: own.value,
        role: 'chair',
        seats: 1,
        candidates: { [outsider]: 3 },
      })
      assert.equal(problemKey(stranger), 'meetings.error.notAMember')

      // through the staff forms the refusal stands next to the agenda item field of each form
      await t.createUser(`fremdpunkt-${kind}@example.org`, ['agah_office'])
      const c = new Client(t.app)
      await c.signIn(`fremdpunkt-${kind}@example.org`)
      const manage = `/verwaltung/sitzungen/${here.value}`
      const voteForm = await c.submit(manage, `${manage}/abstimmung`, {
        agendaItemId: foreign.value,
        yes: '3',
        no: '0',
        abstain: '0',
      })
      assert.equal(voteForm.statusCode, 400)
      assert.match(voteForm.body, /Diesen Eintrag gibt es nicht/)
      const electionForm = await c.submit(manage, `${manage}/wahl`, {
        electionItem: foreign.value,
        role: 'chair',
        seats: '1',
        [`candidate_${delegates[0]}`]: '3',
      })
      assert.equal(electionForm.statusCode, 400)
      assert.match(electionForm.body, /Diesen Eintrag gibt es nicht/)
      assert.equal(
        (await db.select().from(agendaItems).where(eq(agendaItems.id, foreign.value)))[0]?.result,
        null,
      )
    })

    it('runs a plenary through the staff forms and answers bad input with 400, never 500', async () => {
      await t.createUser(`geschaeftsstelle-${kind}@example.org`, ['agah_office'])
      const c = new Client(t.app)
      await c.signIn(`geschaeftsstelle-${kind}@example.org`)
      const newUrl = `/verwaltung/beiraete/${plenary}/sitzungen/neu`
      const bad = await c.submit(newUrl, `/verwaltung/beiraete/${plenary}/sitzungen`, {
        title: 'X',
        startsAt: 'morgen',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /error-summary/)
      // Days and times that do not exist: a message next to the field, not 2 March or a 500.
      for (const startsAt of ['2027-02-30T10:00', '2027-01-01T25:61', '0000-01-01T10:00']) {
        const res = await c.submit(newUrl, `/verwaltung/beiraete/${plenary}/sitzungen`, {
          title: 'X',
          startsAt,
        })
        assert.equal(res.statusCode, 400, startsAt)
        assert.match(
          res.body,
          /id="feld-startsAt-error"[^>]*>[\s\S]*?Datum mit Uhrzeit ein, das es gibt/,
          startsAt,
        )
      }
      const when = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 16)
      const created = await c.submit(newUrl, `/verwaltung/beiraete/${plenary}/sitzungen`, {
        title: 'Plenarversammlung Formulare',
        startsAt: when,
        locationName: 'Bürgerhaus',
      })
      assert.equal(created.statusCode, 303)
      const manage = String(created.headers.location)
      const id = manage.split('/').pop()!
      const item = await c.submit(manage, `${manage}/tagesordnung`, {
        title: 'Antrag Formular',
        visibility: 'public',
        majorityRule: 'simple',
      })
      assert.equal(item.statusCode, 303)
      const amendmentAlone = await c.submit(manage, `${manage}/tagesordnung`, {
        title: 'Änderung ohne Bezug',
        kind: 'amendment',
        visibility: 'public',
        majorityRule: 'simple',
      })
      assert.equal(amendmentAlone.statusCode, 400)
      assert.match(amendmentAlone.body, /braucht den Antrag, den er ändert/)
      const [motion] = await t.deps.db.select().from(papers).where(eq(papers.title, 'Antrag Formular'))
      const amendment = await c.submit(manage, `${manage}/tagesordnung`, {
        title: 'Änderung zum Antrag Formular',
        kind: 'amendment',
        relatedPaperId: motion!.id,
        visibility: 'public',
        majorityRule: 'simple',
      })
      assert.equal(amendment.statusCode, 303)
      const report = await c.submit(manage, `${manage}/tagesordnung`, {
        title: 'Bericht der Geschäftsstelle',
        kind: 'report',
        visibility: 'public',
        majorityRule: 'simple',
      })
      assert.equal(report.statusCode, 303)
      const kinds = await t.deps.db.select().from(papers).where(eq(papers.councilId, plenary))
      assert.ok(
        kinds.some(
          (p) => p.kind === 'amendment' && p.reference.startsWith('ÄA-') && p.relatedPaperId === motion!.id,
        ),
      )
      assert.ok(kinds.some((p) => p.kind === 'report' && p.reference.startsWith('B-')))
      const page = await c.get(`${manage}/abstimmung`)
      const itemId = /name="agendaItemId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(page.body)?.[1]
      assert.ok(itemId)
      const noQuorum = await c.submit(manage, `${manage}/abstimmung`, {
        agendaItemId: itemId,
        yes: '1',
        no: '0',
        abstain: '0',
      })
      assert.equal(noQuorum.statusCode, 400)
      assert.match(noQuorum.body, /nicht beschlussfähig/)
      const att = await c.submit(manage, `${manage}/anwesenheit`, { present: delegates.slice(0, 3) })
      assert.equal(att.statusCode, 303)
      const over = await c.submit(manage, `${manage}/abstimmung`, {
        agendaItemId: itemId,
        yes: '3',
        no: '1',
        abstain: '0',
      })
      assert.equal(over.statusCode, 400)
      assert.match(over.body, /mehr Stimmen erfasst, als Mitglieder anwesend/)
      const notNumber = await c.submit(manage, `${manage}/abstimmung`, {
        agendaItemId: itemId,
        yes: 'viele',
        no: '1',
        abstain: '0',
      })
      assert.equal(notNumber.statusCode, 400)
      const ok = await c.submit(manage, `${manage}/abstimmung`, {
        agendaItemId: itemId,
        yes: '3',
        no: '0',
        abstain: '0',
      })
      assert.equal(ok.statusCode, 303)
      const invitePast = await c.submit(manage, `${manage}/einladen`, {})
      assert.equal(invitePast.statusCode, 400, 'held meetings cannot be invited to')
      const publicPage = await new Client(t.app).get(`/sitzungen/${id}`)
      assert.match(publicPage.body, /Ergebnis: angenommen/)
      const calendar = await new Client(t.app).get('/sitzungen')
      assert.match(calendar.body, /Plenarversammlung Formulare/)
      assert.equal((await new Client(t.app).get('/sitzungen/unbekannt')).statusCode, 404)
    })
  })
}
