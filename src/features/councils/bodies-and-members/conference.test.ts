import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { problemKey } from '../../../platform/outcome'
import { createPerson } from '../../directory/create-person'
import { people } from '../../directory/tables'
import { conferenceMemberOf, integrationConference } from '../conference'
import { councilsFeature } from '../feature'
import { agahStateSeats, councilMemberships, councils } from '../tables'
import { assignCouncilStaff } from './assign-council-staff'
import { addMembership } from './manage-councils'

for (const kind of dbKinds()) {
  describe(`integration conference, a body of the councils (${kind})`, () => {
    let t: TestApp
    let conferenceId: string

    before(async () => {
      t = await createTestApp(kind)
      await councilsFeature.seedDemo!(t.deps, () => {})
      conferenceId = (await integrationConference(t.deps.db))!.id
    })
    after(() => t.close())

    it('has its page at /integrationskonferenz: members with the organisations they represent, the agah seat, meetings', async () => {
      const page = await new Client(t.app).get('/integrationskonferenz')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1[^>]*>Integrationskonferenz des Landes Hessen<\/h1>/)
      assert.match(page.body, /<th[^>]*>Organisation<\/th>/)
      assert.match(page.body, /Liga der Freien Wohlfahrtspflege in Hessen \(Demo\)/)
      assert.match(page.body, /Plenarversammlung der agah/, 'the agah seat names the agah')
      assert.match(page.body, /Integrationskonferenz \(Herbst 2026\)/)
      assert.match(page.body, /Integrationskonferenz \(Frühjahr 2027\)/)
      assert.match(page.body, new RegExp(`href="/beiraete/${conferenceId}/kalender.ics"`))
      assert.match(page.body, /href="\/integrationsplan\/kommentierung"/)
      const ical = await new Client(t.app).get(`/beiraete/${conferenceId}/kalender.ics`)
      assert.equal(ical.statusCode, 200)
      assert.match(ical.body, /SUMMARY:Integrationskonferenz \(Frühjahr 2027\)/)
      const [seat] = await t.deps.db
        .select()
        .from(agahStateSeats)
        .where(eq(agahStateSeats.councilId, conferenceId))
      assert.equal(
        seat?.bodyName,
        'Integrationskonferenz des Landes Hessen',
        'the agah seat points to the body',
      )
    })

    it('publishes the spring minutes and lists the conference in no council directory', async () => {
      const spring = await new Client(t.app).get('/sitzungen')
      assert.match(spring.body, /Integrationskonferenz/)
      const directory = await new Client(t.app).get('/beiraete')
      assert.doesNotMatch(directory.body, /Integrationskonferenz des Landes Hessen/)
    })

    it('takes delegates only from the agah, and knows which account stands for a member today', async () => {
      const db = t.deps.db
      const personId = await createPerson(db, CLI_ACTOR, { givenName: 'Nur', familyName: 'Probe' })
      const [council] = await db.select().from(councils).where(eq(councils.kind, 'auslaenderbeirat')).limit(1)
      const refused = await addMembership(db, CLI_ACTOR, {
        councilId: conferenceId,
        personId,
        role: 'delegate',
        delegatedById: council!.id,
        startsOn: '2026-04-01',
      })
      assert.equal(problemKey(refused), 'councils.error.notFound')
      const added = await addMembership(db, CLI_ACTOR, {
        councilId: conferenceId,
        personId,
        role: 'member',
        startsOn: '2026-04-01',
        endsOn: '2026-12-31',
      })
      assert.ok(added.ok)
      const userId = await t.createUser(`konferenz-${kind}@example.org`, ['conference_member'])
      assert.equal(
        await conferenceMemberOf(db, userId, new Date('2026-06-01T12:00:00Z')),
        null,
        'no link yet',
      )
      assert.ok(
        (await assignCouncilStaff(db, CLI_ACTOR, { email: `konferenz-${kind}@example.org`, personId })).ok,
      )
      const member = await conferenceMemberOf(db, userId, new Date('2026-06-01T12:00:00Z'))
      assert.equal(member?.name, 'Nur Probe')
      assert.equal(
        await conferenceMemberOf(db, userId, new Date('2027-01-02T12:00:00Z')),
        null,
        'after it ended',
      )
    })

    it('lets the agah office add a member representing a directory organisation on the staff screen', async () => {
      await t.createUser(`buero-${kind}@example.org`, ['agah_office'])
      const office = new Client(t.app)
      await office.signIn(`buero-${kind}@example.org`)
      const form = `/verwaltung/beiraete/${conferenceId}/mitglieder/neu`
      const page = await office.get(form)
      assert.equal(page.statusCode, 200)
      const option = /<option value="([0-9a-f-]+)"[^>]*>DGB Hessen-Thüringen \(Demo\)<\/option>/.exec(
        page.body,
      )
      assert.ok(option, 'the directory organisations are offered')
      const saved = await office.submit(form, `/verwaltung/beiraete/${conferenceId}/mitglieder`, {
        givenName: 'Jonas',
        familyName: 'Vertretung',
        role: 'member',
        startsOn: '2026-04-01',
        organisationId: option[1]!,
      })
      assert.equal(saved.statusCode, 303)
      const [m] = await t.deps.db
        .select({ org: councilMemberships.organisationId })
        .from(councilMemberships)
        .innerJoin(people, eq(people.id, councilMemberships.personId))
        .where(eq(people.familyName, 'Vertretung'))
      assert.equal(m?.org, option[1])
      const unknown = await office.submit(form, `/verwaltung/beiraete/${conferenceId}/mitglieder`, {
        givenName: 'Nie',
        familyName: 'Gespeichert',
        role: 'member',
        startsOn: '2026-04-01',
        organisationId: '00000000-0000-4000-8000-000000000000',
      })
      assert.equal(unknown.statusCode, 400, 'an unknown organisation is refused')
      const none = await t.deps.db.select().from(people).where(eq(people.familyName, 'Gespeichert'))
      assert.equal(none.length, 0, 'nor is the person created')
    })
  })
}
