import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { problemKey } from '../../../platform/outcome'
import { createPerson } from '../../directory/create-person'
import { isoDay } from '../../directory/find-places'
import { people } from '../../directory/tables'
import { addMembership, createCouncil } from '../bodies-and-members/manage-councils'
import { councilsFeature } from '../feature'
import {
  addMotionToAgenda,
  createMeeting,
  eligibleMembers,
  recordVote,
  setAttendance,
} from '../meetings/manage-meetings'
import { agahStateSeats, agendaItems, councilMemberships, councilStaff, meetings, papers } from '../tables'

const future = (days = 30) => new Date(Date.now() + days * 24 * 60 * 60 * 1000)
const daysAgo = (days: number) => isoDay(future(-days))

for (const kind of dbKinds()) {
  describe(`agah staff screens: seats, delegates, accounts, papers (${kind})`, () => {
    let t: TestApp
    let plenary: string
    let board: string
    let memberCouncil: string
    let otherCouncil: string
    let holder: string
    let office: Client
    let secretary: Client
    let otherSecretary: Client
    const io = { out: () => {}, err: () => {} }

    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      plenary = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah',
        name: 'Plenum Probe',
        delegatesPerCouncil: 1,
      })
      board = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah_board',
        name: 'Vorstand Probe',
        parentId: plenary,
      })
      memberCouncil = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Mitgliedsprobe',
        agahMember: true,
      })
      otherCouncil = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Fremdprobe',
        agahMember: true,
      })
      holder = await createPerson(db, CLI_ACTOR, { givenName: 'Hülya', familyName: 'Sitzinhaberin' })
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: board,
            personId: holder,
            role: 'chair',
            startsOn: '2026-04-01',
          })
        ).ok,
      )
      await t.createUser(`office-${kind}@example.org`, ['agah_office'])
      const s = await t.createUser(`sec-${kind}@example.org`, ['council_secretary'])
      const o = await t.createUser(`othersec-${kind}@example.org`, ['council_secretary'])
      await db.insert(councilStaff).values([
        { userId: s, councilId: memberCouncil },
        { userId: o, councilId: otherCouncil },
      ])
      office = new Client(t.app)
      await office.signIn(`office-${kind}@example.org`)
      secretary = new Client(t.app)
      await secretary.signIn(`sec-${kind}@example.org`)
      otherSecretary = new Client(t.app)
      await otherSecretary.signIn(`othersec-${kind}@example.org`)
    })
    after(() => t.close())

    it('records, changes and ends the agah seats in state bodies; one holder per seat at a time', async () => {
      const page = '/verwaltung/agah/sitze'
      const anon = new Client(t.app)
      assert.equal((await anon.get(page)).statusCode, 303)
      assert.equal((await secretary.get(page)).statusCode, 403, 'only the agah office')
      const view = await office.get(page)
      assert.equal(view.statusCode, 200)
      assert.match(view.body, /Sitzinhaberin, Hülya/)
      const seat = {
        bodyName: 'Landesintegrationsbeirat',
        seat: 'Mitglied',
        personId: holder,
        startsOn: daysAgo(400),
      }
      const missing = await office.submit(page, page, { bodyName: 'Landesintegrationsbeirat' })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /error-summary/)
      assert.match(missing.body, /value="Landesintegrationsbeirat"/)
      assert.equal((await office.submit(page, page, seat)).statusCode, 303)
      const twice = await office.submit(page, page, { ...seat, personId: '', startsOn: daysAgo(100) })
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /bereits eine andere Eintragung/)
      const deputy = await office.submit(page, page, { ...seat, seat: 'Stellvertretung', personId: '' })
      assert.equal(deputy.statusCode, 303, 'another seat of the same body')
      const secretaryPost = await secretary.post(page, {
        _csrf: await secretary.csrfToken(`/verwaltung/beiraete/${memberCouncil}`),
        ...seat,
      })
      assert.equal(secretaryPost.statusCode, 403)

      const rows = await t.deps.db.select().from(agahStateSeats)
      const member = rows.find((r) => r.seat === 'Mitglied')!
      const edit = `${page}/${member.id}`
      assert.equal((await office.get(edit)).statusCode, 200)
      const badEnd = await office.submit(edit, `${edit}/beenden`, { lastDay: daysAgo(800) })
      assert.equal(badEnd.statusCode, 400)
      assert.match(badEnd.body, /Das Ende liegt vor dem Beginn/)
      assert.equal((await office.submit(edit, `${edit}/beenden`, { lastDay: daysAgo(30) })).statusCode, 303)
      const successor = await office.submit(page, page, { ...seat, startsOn: daysAgo(29), personId: '' })
      assert.equal(successor.statusCode, 303, 'a successor from the following day')
      const overlapEdit = await office.submit(edit, edit, { ...seat, endsOn: daysAgo(10) })
      assert.equal(overlapEdit.statusCode, 400, 'stretching the ended seat over its successor')
      const agahPage = (await anon.get('/agah')).body.split('Sitze in Gremien des Landes')[1] ?? ''
      assert.match(agahPage, /Landesintegrationsbeirat/)
      assert.doesNotMatch(agahPage, /Hülya Sitzinhaberin/, 'an ended seat is not shown as current')
      assert.equal((await office.get(`${page}/kaputt`)).statusCode, 404)
      const english = await office.get(`/en${page}`)
      assert.equal(english.statusCode, 200)
      assert.match(english.body, /The agah's seats in state bodies/)
      assert.match((await office.get('/en/verwaltung/agah/konten')).body, /Link an account to a person/)
    })

    it('refuses more delegates of a member council than the setting allows, on the form', async () => {
      const url = `/verwaltung/beiraete/${plenary}`
      const add = (givenName: string, startsOn = '2026-04-01', delegatedById = memberCouncil) =>
        office.submit(url, `${url}/mitglieder`, {
          givenName,
          familyName: 'Delegiertenprobe',
          role: 'delegate',
          startsOn,
          delegatedById,
        })
      assert.equal((await add('Ece')).statusCode, 303)
      const second = await add('Falk')
      assert.equal(second.statusCode, 400)
      assert.match(second.body, /so viele Delegierte, wie die Einstellung erlaubt/)
      assert.match(second.body, /value="Falk"/)
      assert.equal((await add('Falk', '2026-04-01', otherCouncil)).statusCode, 303, 'another member council')
      // changing the sending council is held to the same setting
      const [ece] = await t.deps.db
        .select({ m: councilMemberships })
        .from(councilMemberships)
        .innerJoin(people, eq(people.id, councilMemberships.personId))
        .where(and(eq(councilMemberships.councilId, plenary), eq(people.givenName, 'Ece')))
      const ecePage = `${url}/mitglieder/${ece!.m.id}`
      assert.match((await office.get(ecePage)).body, /<option value="delegate" selected/)
      const moved = await office.submit(ecePage, ecePage, {
        role: 'delegate',
        startsOn: '2026-04-01',
        delegatedById: otherCouncil,
        givenName: 'Ece',
        familyName: 'Delegiertenprobe',
      })
      assert.equal(moved.statusCode, 400)
      assert.match(moved.body, /so viele Delegierte, wie die Einstellung erlaubt/)
      const later = await office.submit(ecePage, ecePage, {
        role: 'delegate',
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
        delegatedById: memberCouncil,
        givenName: 'Ece',
        familyName: 'Delegiertenprobe',
      })
      assert.equal(later.statusCode, 303)
      assert.equal((await add('Gina', '2026-05-01')).statusCode, 303, 'a successor after the end')

      // the board has its terms and members on the same screens
      const boardUrl = `/verwaltung/beiraete/${board}`
      const term = await office.submit(`${boardUrl}/wahlperioden/neu`, `${boardUrl}/wahlperioden`, {
        startsOn: '2026-04-01',
        endsOn: '2030-03-31',
        seats: '1',
      })
      assert.equal(term.statusCode, 303)
      const deputy = await office.submit(
        `${boardUrl}/mitglieder/vorhanden?q=Delegiertenprobe`,
        `${boardUrl}/mitglieder/vorhanden`,
        {
          personId: ece!.m.personId,
          role: 'deputy',
          startsOn: '2026-06-01',
        },
      )
      assert.equal(deputy.statusCode, 400, 'the board term has one seat, held by the chair')
      assert.match(deputy.body, /bereits alle Sitze der Wahlperiode besetzt/)
      assert.equal(
        (await secretary.get(`${boardUrl}/wahlperioden/neu`)).statusCode,
        403,
        'a council secretary does not manage the board',
      )

      const staffPage = (await office.get(url)).body
      assert.match(staffPage, /Vorstand der agah verwalten/)
      assert.match(staffPage, /Sitze der agah in Gremien des Landes/)
      assert.match((await office.get(`/verwaltung/beiraete/${board}`)).body, /Hülya Sitzinhaberin/)
    })

    it('lets the agah office link secretary and delegate accounts; the CLI shares the rules', async () => {
      const db = t.deps.db
      const page = '/verwaltung/agah/konten'
      assert.equal((await secretary.get(page)).statusCode, 403)
      assert.equal((await new Client(t.app).get(page)).statusCode, 303)
      const newSec = await t.createUser(`newsec-${kind}@example.org`, ['council_secretary'])
      const del = await t.createUser(`del-${kind}@example.org`, ['delegate', 'council_secretary'])
      await t.createUser(`press-${kind}@example.org`, ['press'])
      const view = await office.get(page)
      assert.equal(view.statusCode, 200)
      assert.match(view.body, new RegExp(`newsec-${kind}@example.org`))
      assert.doesNotMatch(view.body, new RegExp(`press-${kind}@example.org`))

      const notSecretary = await office.submit(page, `${page}/sekretariat`, {
        secretaryEmail: `press-${kind}@example.org`,
        councilId: memberCouncil,
      })
      assert.equal(notSecretary.statusCode, 400)
      assert.match(notSecretary.body, /nicht die Rolle Sekretariat/)
      const assigned = await office.submit(page, `${page}/sekretariat`, {
        secretaryEmail: `newsec-${kind}@example.org`,
        councilId: otherCouncil,
      })
      assert.equal(assigned.statusCode, 303)
      const s = new Client(t.app)
      await s.signIn(`newsec-${kind}@example.org`)
      assert.equal(
        (await s.get(`/verwaltung/beiraete/${otherCouncil}`)).statusCode,
        200,
        'manages the council now',
      )
      assert.equal((await s.get(`/verwaltung/beiraete/${memberCouncil}`)).statusCode, 403)

      // a delegate account: council link and person link kept side by side
      assert.equal(
        (
          await office.submit(page, `${page}/sekretariat`, {
            secretaryEmail: `del-${kind}@example.org`,
            councilId: memberCouncil,
          })
        ).statusCode,
        303,
      )
      const linked = await office.submit(page, `${page}/delegierte`, {
        delegateEmail: `del-${kind}@example.org`,
        personId: holder,
      })
      assert.equal(linked.statusCode, 303)
      const [link] = await db.select().from(councilStaff).where(eq(councilStaff.userId, del))
      assert.deepEqual([link?.councilId, link?.personId], [memberCouncil, holder])
      const wrongRole = await office.submit(page, `${page}/delegierte`, {
        delegateEmail: `newsec-${kind}@example.org`,
        personId: holder,
      })
      assert.equal(wrongRole.statusCode, 400)
      assert.match(wrongRole.body, /nicht die Rolle Delegierte/)

      // the CLI runs the same use case
      const cli = councilsFeature.cli!['assign-council-staff']!
      assert.equal(
        await cli.run(
          t.deps,
          { flags: { email: [`press-${kind}@example.org`], council: [memberCouncil] }, positionals: [] },
          io,
        ),
        1,
      )
      assert.equal(
        await cli.run(
          t.deps,
          { flags: { email: [`newsec-${kind}@example.org`], council: [memberCouncil] }, positionals: [] },
          io,
        ),
        0,
      )
      assert.equal((await s.get(`/verwaltung/beiraete/${memberCouncil}`)).statusCode, 200)

      const unlink = await office.submit(page, `${page}/loesen`, { userId: newSec })
      assert.equal(unlink.statusCode, 303)
      assert.equal((await s.get(`/verwaltung/beiraete/${memberCouncil}`)).statusCode, 403, 'link removed')
      const again = await office.submit(page, `${page}/loesen`, { userId: newSec })
      assert.equal(again.statusCode, 400)
    })

    it('edits a paper before it is decided, withdraws a motion, and leaves decided papers and resolutions alone', async () => {
      const db = t.deps.db
      for (const p of ['Gül', 'Hans', 'Ida'])
        await addMembership(db, CLI_ACTOR, {
          councilId: memberCouncil,
          personId: await createPerson(db, CLI_ACTOR, { givenName: p, familyName: 'Vorlagenprobe' }),
          role: 'member',
          startsOn: '2026-01-01',
        })
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: memberCouncil,
        title: 'Vorlagensitzung',
        startsAt: future(),
      })
      assert.ok(m.ok)
      const motion = (title: string) =>
        addMotionToAgenda(db, CLI_ACTOR, { meetingId: m.value, title, public: true, majorityRule: 'simple' })
      const first = await motion('Antrag Radwege')
      const second = await motion('Antrag Sprachkurse')
      assert.ok(first.ok && second.ok)
      const [p1] = await db.select().from(papers).where(eq(papers.title, 'Antrag Radwege'))
      const [p2] = await db.select().from(papers).where(eq(papers.title, 'Antrag Sprachkurse'))
      const edit = `/verwaltung/vorlagen/${p1!.id}`

      assert.equal((await new Client(t.app).get(edit)).statusCode, 303)
      assert.equal((await otherSecretary.get(edit)).statusCode, 403)
      assert.equal((await secretary.get(edit)).statusCode, 200)
      assert.equal(
        (await secretary.get('/verwaltung/vorlagen/00000000-0000-4000-8000-000000000000')).statusCode,
        404,
      )
      const amendment = await secretary.submit(edit, edit, { kind: 'amendment', title: 'Antrag Radwege' })
      assert.equal(amendment.statusCode, 400)
      assert.match(amendment.body, /error-summary/)
      const empty = await secretary.submit(edit, edit, { kind: 'motion', title: '' })
      assert.equal(empty.statusCode, 400)
      const saved = await secretary.submit(edit, edit, {
        kind: 'report',
        title: 'Bericht Radwege',
        body: 'Neuer Text',
        submittedByCouncilId: memberCouncil,
        submittedBy: 'Gül Vorlagenprobe',
      })
      assert.equal(saved.statusCode, 303)
      const [after] = await db.select().from(papers).where(eq(papers.id, p1!.id))
      assert.deepEqual(
        [after?.kind, after?.title, after?.reference, after?.submittedByText],
        ['report', 'Bericht Radwege', p1!.reference, 'Gül Vorlagenprobe'],
        'the reference stays',
      )
      const [item] = await db.select().from(agendaItems).where(eq(agendaItems.paperId, p1!.id))
      assert.equal(item?.title, 'Bericht Radwege')
      const back = await secretary.submit(edit, edit, {
        kind: 'motion',
        title: 'Antrag Radwege',
        body: 'Neuer Text',
      })
      assert.equal(back.statusCode, 303, 'still open: it can change again')
      const otherPost = await otherSecretary.post(edit, {
        _csrf: await otherSecretary.csrfToken(`/verwaltung/beiraete/${otherCouncil}`),
        kind: 'motion',
        title: 'Übernommen',
      })
      assert.equal(otherPost.statusCode, 403)

      // withdraw the second motion: it is marked, and no vote is taken on it
      const edit2 = `/verwaltung/vorlagen/${p2!.id}`
      const unconfirmed = await secretary.submit(edit2, `${edit2}/zurueckziehen`, {})
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(unconfirmed.body, /Bitte bestätigen Sie, dass der Antrag zurückgezogen wurde/)
      assert.equal(
        (await secretary.submit(edit2, `${edit2}/zurueckziehen`, { confirm: 'on' })).statusCode,
        303,
      )
      const publicPaper = (await new Client(t.app).get(`/vorlagen/${p2!.id}`)).body
      assert.match(publicPaper, /Zurückgezogen am/)
      const [meeting] = await db.select().from(meetings).where(eq(meetings.id, m.value))
      const present = (await eligibleMembers(db, meeting!)).map((x) => x.personId)
      assert.ok((await setAttendance(db, CLI_ACTOR, m.value, present)).ok)
      const [item2] = await db.select().from(agendaItems).where(eq(agendaItems.paperId, p2!.id))
      assert.equal(item2?.result, 'withdrawn')
      const voteOnWithdrawn = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item2!.id,
        yes: 3,
        no: 0,
        abstain: 0,
      })
      assert.equal(problemKey(voteOnWithdrawn), 'meetings.error.paperWithdrawn')
      const afterWithdraw = await secretary.submit(edit2, edit2, { kind: 'motion', title: 'Doch noch' })
      assert.equal(afterWithdraw.statusCode, 400)
      assert.match(afterWithdraw.body, /zurückgezogen/)

      // a decided paper and its resolution stay as they are
      const voted = await recordVote(db, CLI_ACTOR, {
        meetingId: m.value,
        agendaItemId: item!.id,
        yes: 3,
        no: 0,
        abstain: 0,
      })
      assert.ok(voted.ok)
      const decided = await secretary.submit(edit, edit, { kind: 'report', title: 'Nachträglich' })
      assert.equal(decided.statusCode, 400)
      assert.match(decided.body, /bereits entschieden/)
      assert.match((await secretary.get(edit)).body, /bereits entschieden/)
      const withdrawDecided = await secretary.submit(edit, `${edit}/zurueckziehen`, { confirm: 'on' })
      assert.equal(withdrawDecided.statusCode, 400)
      const [unchanged] = await db.select().from(papers).where(eq(papers.id, p1!.id))
      assert.equal(unchanged?.title, 'Antrag Radwege')
    })

    it('keeps the resolution number of an adopted motion', async () => {
      const db = t.deps.db
      const [resolution] = await db
        .select()
        .from(papers)
        .where(and(eq(papers.councilId, memberCouncil), eq(papers.kind, 'resolution')))
      if (!resolution) return assert.fail('the adopted motion became a resolution')
      const edit = `/verwaltung/vorlagen/${resolution.id}`
      const refused = await secretary.submit(edit, edit, { kind: 'motion', title: 'Umgeschrieben' })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /Ein Beschluss wird nicht mehr geändert/)
      const [same] = await db.select().from(papers).where(eq(papers.id, resolution.id))
      assert.deepEqual(
        [same?.resolutionNumber, same?.reference, same?.title],
        [resolution.resolutionNumber, resolution.reference, resolution.title],
      )
    })
  })
}
