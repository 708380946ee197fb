import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { and, count, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { problemKey } from '../../../platform/outcome'
import { createPerson } from '../../directory/create-person'
import { directoryFeature } from '../../directory/feature'
import { placeByKey } from '../../directory/find-places'
import {
  DEFAULT_DISTRICTS,
  DEFAULT_MUNICIPALITIES,
  importPlacesFromFiles,
} from '../../directory/import-places'
import { people, places } from '../../directory/tables'
import { councilsFeature } from '../feature'
import { quorumNeeded, quorumReached, voteAdopted } from '../rules'
import { councilStaff, councils, meetings } from '../tables'
import { agahBodies } from './find-councils'
import { addMembership, addTerm, createCouncil, updateCouncilSettings } from './manage-councils'

const silentIo = () => {
  const out: string[] = []
  const err: string[] = []
  return { out: (l: string) => out.push(l), err: (l: string) => err.push(l), lines: { out, err } }
}

describe('council rules', () => {
  it('computes quorum as more than the percentage of members', () => {
    assert.equal(quorumReached(6, 12, 50), false)
    assert.equal(quorumReached(7, 12, 50), true)
    assert.equal(quorumNeeded(12, 50), 7)
    assert.equal(quorumNeeded(11, 50), 6)
  })
  it('decides simple, absolute and two-thirds majorities', () => {
    assert.equal(voteAdopted('simple', { yes: 3, no: 2, abstain: 5 }, 12), true)
    assert.equal(voteAdopted('simple', { yes: 2, no: 2, abstain: 0 }, 12), false)
    assert.equal(voteAdopted('absolute', { yes: 6, no: 0, abstain: 0 }, 12), false)
    assert.equal(voteAdopted('absolute', { yes: 7, no: 0, abstain: 0 }, 12), true)
    assert.equal(voteAdopted('two_thirds', { yes: 6, no: 3, abstain: 3 }, 12), true)
    assert.equal(voteAdopted('two_thirds', { yes: 5, no: 3, abstain: 0 }, 12), false)
  })
})

for (const kind of dbKinds()) {
  describe(`councils (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    it('imports places idempotently with the 2023 merger and Hanau becoming district-free', async () => {
      const db = t.deps.db
      const io = silentIo()
      const code = await directoryFeature.cli!['import-places']!.run(
        t.deps,
        { flags: {}, positionals: [] },
        io,
      )
      assert.equal(code, 0, io.lines.err.join('\n'))
      const [first] = await db.select({ n: count() }).from(places)
      const again = await importPlacesFromFiles(db, CLI_ACTOR)
      assert.equal(again.inserted, 0)
      const [second] = await db.select({ n: count() }).from(places)
      assert.equal(Number(second!.n), Number(first!.n), 're-import never duplicates')
      // 1 state + 27 district rows + 426 municipalities/areas + 1 new Hanau row
      assert.equal(Number(first!.n), 455)
      assert.equal((await placeByKey(db, '06635005', '2022-12-31'))?.name, 'Bromskirchen')
      assert.equal(await placeByKey(db, '06635005', '2023-01-01'), null)
      const oldHanau = await placeByKey(db, '06435014', '2025-12-31')
      const newHanau = await placeByKey(db, '06415000', '2026-01-02')
      assert.ok(oldHanau && newHanau)
      assert.equal(oldHanau.successorId, newHanau.id)
      const [hanauDistrict] = await db.select().from(places).where(eq(places.id, newHanau.parentId!))
      assert.equal(hanauDistrict?.officialKey, '06415')
      const [mkk] = await db.select().from(places).where(eq(places.id, oldHanau.parentId!))
      assert.equal(mkk?.name, 'Main-Kinzig-Kreis')
    })

    it('accepts a newer file of the same shape and updates instead of duplicating', async () => {
      const db = t.deps.db
      const csv = await readFile(DEFAULT_MUNICIPALITIES, 'utf8')
      const file = path.join(tmpdir(), `gemeinden-${Date.now()}-${kind}.csv`)
      await writeFile(
        file,
        csv.replace(
          'Breuberg,Stadt,06437,Odenwaldkreis,Landkreis,Darmstadt,DE71B,kreisangehörig,7236',
          'Breuberg,Stadt,06437,Odenwaldkreis,Landkreis,Darmstadt,DE71B,kreisangehörig,7300',
        ),
      )
      const io = silentIo()
      const code = await directoryFeature.cli!['import-places']!.run(
        t.deps,
        { flags: { 'file-municipalities': [file], 'file-districts': [DEFAULT_DISTRICTS] }, positionals: [] },
        io,
      )
      assert.equal(code, 0)
      assert.match(io.lines.out.join(''), /0 added/)
      assert.equal((await placeByKey(db, '06437004'))?.population, 7300)
      const missing = silentIo()
      const bad = await directoryFeature.cli!['import-places']!.run(
        t.deps,
        { flags: { 'file-municipalities': ['/nonexistent.csv'] }, positionals: [] },
        missing,
      )
      assert.equal(bad, 1)
      assert.match(missing.lines.err.join(''), /nonexistent/)
    })

    it('refuses overlapping terms, overlapping memberships, a second chair and too many delegates', async () => {
      const db = t.deps.db
      const place = await placeByKey(db, '06437004')
      const id = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Regeltest',
        placeId: place!.id,
        agahMember: true,
      })
      assert.ok(
        (
          await addTerm(db, CLI_ACTOR, {
            councilId: id,
            startsOn: '2021-04-01',
            endsOn: '2026-03-31',
            seats: 5,
          })
        ).ok,
      )
      const overlap = await addTerm(db, CLI_ACTOR, {
        councilId: id,
        startsOn: '2026-03-01',
        endsOn: '2031-03-31',
        seats: 5,
      })
      assert.deepEqual(overlap, {
        ok: false,
        problems: [{ field: 'startsOn', key: 'councils.error.termOverlap' }],
      })
      assert.ok(
        (
          await addTerm(db, CLI_ACTOR, {
            councilId: id,
            startsOn: '2026-04-01',
            endsOn: '2031-03-31',
            seats: 7,
          })
        ).ok,
      )
      const bad = await addTerm(db, CLI_ACTOR, {
        councilId: id,
        startsOn: '2032-04-01',
        endsOn: '2031-03-31',
        seats: 7,
      })
      assert.equal(bad.ok, false)

      const a = await createPerson(db, CLI_ACTOR, { givenName: 'Erika', familyName: 'Regelprobe' })
      const b = await createPerson(db, CLI_ACTOR, { givenName: 'Max', familyName: 'Regelprobe' })
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: id,
            personId: a,
            role: 'chair',
            startsOn: '2026-04-01',
          })
        ).ok,
      )
      const twice = await addMembership(db, CLI_ACTOR, {
        councilId: id,
        personId: a,
        role: 'member',
        startsOn: '2027-01-01',
      })
      assert.equal(problemKey(twice), 'councils.error.membershipOverlap')
      const chair = await addMembership(db, CLI_ACTOR, {
        councilId: id,
        personId: b,
        role: 'chair',
        startsOn: '2026-05-01',
      })
      assert.equal(problemKey(chair), 'councils.error.chairTaken')

      const plenary = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah',
        name: 'Plenum Test',
        delegatesPerCouncil: 1,
      })
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: plenary,
            personId: a,
            role: 'delegate',
            delegatedById: id,
            startsOn: '2026-04-01',
          })
        ).ok,
      )
      const tooMany = await addMembership(db, CLI_ACTOR, {
        councilId: plenary,
        personId: b,
        role: 'delegate',
        delegatedById: id,
        startsOn: '2026-04-01',
      })
      assert.equal(problemKey(tooMany), 'councils.error.tooManyDelegates')
      assert.ok(
        (await updateCouncilSettings(db, CLI_ACTOR, plenary, { delegatesPerCouncil: 2, quorumPercent: 50 }))
          .ok,
      )
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: plenary,
            personId: b,
            role: 'delegate',
            delegatedById: id,
            startsOn: '2026-04-01',
          })
        ).ok,
      )
      const badSetting = await updateCouncilSettings(db, CLI_ACTOR, plenary, {
        delegatesPerCouncil: 2,
        quorumPercent: 150,
      })
      assert.equal(badSetting.ok, false)
    })

    it('loads the demo data once and shows the directory, council and agah pages', async () => {
      await councilsFeature.seedDemo!(t.deps, () => {})
      await councilsFeature.seedDemo!(t.deps, () => {})
      const [agahCount] = await t.deps.db
        .select({ n: count() })
        .from(councils)
        .where(eq(councils.kind, 'agah'))
      assert.equal(Number(agahCount!.n), 2, 'the test plenary and one demo agah')
      const c = new Client(t.app)
      const all = await c.get('/beiraete')
      assert.equal(all.statusCode, 200)
      assert.match(all.body, /Ausländerbeirat Breuberg/)
      assert.match(all.body, /GeoBasis-DE \/ BKG 2021/)
      assert.match(all.body, /dl-de\/by-2-0/)
      const byDistrict = await c.get(`/beiraete?q=${encodeURIComponent('Odenwald')}`)
      assert.match(byDistrict.body, /Ausländerbeirat Breuberg/)
      assert.doesNotMatch(byDistrict.body, /Ausländerbeirat Kassel/)
      const byTown = await c.get('/beiraete?q=kassel')
      assert.match(byTown.body, /Ausländerbeirat Kassel/)
      const none = await c.get('/beiraete?q=Atlantis')
      assert.match(none.body, /keinen Beirat/)
      const long = await c.get(`/beiraete?q=${'x'.repeat(300)}`)
      assert.equal(long.statusCode, 400)

      // The spring plenary's minutes are published with their PDF, downloadable by anyone.
      const [spring] = await t.deps.db
        .select()
        .from(meetings)
        .where(eq(meetings.title, 'Plenarversammlung der agah (Frühjahr 2026)'))
      assert.equal(spring?.minutesState, 'published')
      const meetingPage = await c.get(`/sitzungen/${spring!.id}`)
      const href = meetingPage.body.match(
        /href="(\/dateien\/[^"]+)"[^>]*>[^<]*Niederschrift 25\.04\.2026/,
      )?.[1]
      assert.ok(href, 'the meeting page links the minutes file')
      const download = await c.get(href.replace(/&amp;/g, '&'))
      assert.equal(download.statusCode, 200)
      assert.equal(download.headers['content-type'], 'application/pdf')
      assert.equal(download.rawPayload.subarray(0, 5).toString(), '%PDF-')

      const [breuberg] = await t.deps.db
        .select()
        .from(councils)
        .where(eq(councils.name, 'Ausländerbeirat Breuberg'))
      const page = await c.get(`/beiraete/${breuberg!.id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Vorsitz/)
      assert.match(page.body, /Odenwaldkreis/)
      // contact details only with consent
      const consenting = await t.deps.db.select().from(people).where(eq(people.publicContactConsent, true))
      const hidden = await t.deps.db.select().from(people).where(eq(people.publicContactConsent, false))
      const agah = await c.get('/agah')
      const allPages = page.body + agah.body
      assert.ok(consenting.some((p) => p.email && allPages.includes(p.email)))
      assert.ok(!hidden.some((p) => p.email && allPages.includes(p.email)), 'no contact without consent')
      assert.equal(agah.statusCode, 200)
      assert.match(agah.body, /Vorstand/)
      assert.match(agah.body, /Integrationskonferenz/)
      assert.match(agah.body, /entsandt von/)
      assert.equal((await c.get('/beiraete/00000000-0000-0000-0000-000000000000')).statusCode, 404)
      assert.equal((await c.get('/beiraete/kaputt')).statusCode, 404)
      assert.equal((await c.get('/en/beiraete')).statusCode, 200)
    })

    it('lets the agah office and the council secretary add members, nobody else', async () => {
      const db = t.deps.db
      const [breuberg] = await db.select().from(councils).where(eq(councils.name, 'Ausländerbeirat Breuberg'))
      const [kassel] = await db.select().from(councils).where(eq(councils.name, 'Ausländerbeirat Kassel'))
      const secretary = await t.createUser(`sekretariat-${kind}@example.org`, ['council_secretary'])
      await db.insert(councilStaff).values({ userId: secretary, councilId: breuberg!.id })
      await t.createUser(`buero-${kind}@example.org`, ['agah_office'])

      const anon = new Client(t.app)
      assert.equal((await anon.get(`/verwaltung/beiraete/${breuberg!.id}`)).statusCode, 303)

      const s = new Client(t.app)
      await s.signIn(`sekretariat-${kind}@example.org`)
      assert.equal((await s.get(`/verwaltung/beiraete/${kassel!.id}`)).statusCode, 403)
      const url = `/verwaltung/beiraete/${breuberg!.id}`
      const empty = await s.submit(url, `${url}/mitglieder`, { givenName: 'Nora' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /error-summary/)
      assert.match(empty.body, /value="Nora"/)
      const ok = await s.submit(url, `${url}/mitglieder`, {
        givenName: 'Nora',
        familyName: 'Formularprobe',
        role: 'member',
        startsOn: '2026-04-01',
      })
      assert.equal(ok.statusCode, 303)
      const again = await s.submit(url, `${url}/mitglieder`, {
        givenName: 'Ole',
        familyName: 'Formularprobe',
        role: 'chair',
        startsOn: '2026-04-01',
      })
      assert.equal(again.statusCode, 400)
      assert.match(again.body, /Den Vorsitz hat in diesem Zeitraum bereits/)
      const [ole] = await db
        .select({ n: count() })
        .from(people)
        .where(and(eq(people.givenName, 'Ole'), eq(people.familyName, 'Formularprobe')))
      assert.equal(Number(ole!.n), 0, 'nothing half-written')
      assert.match((await anon.get(`/beiraete/${breuberg!.id}`)).body, /Formularprobe/)

      const o = new Client(t.app)
      await o.signIn(`buero-${kind}@example.org`)
      assert.equal((await o.get(`/verwaltung/beiraete/${kassel!.id}`)).statusCode, 200)

      // the agah settings are the office's, with bad input refused
      const agah = (await agahBodies(db)).plenary
      const settingsPage = `/verwaltung/beiraete/${agah!.id}`
      const badSettings = await o.submit(settingsPage, `${settingsPage}/einstellungen`, {
        delegatesPerCouncil: '0',
        quorumPercent: '150',
      })
      assert.equal(badSettings.statusCode, 400)
      assert.match(badSettings.body, /error-summary/)
      const saved = await o.submit(settingsPage, `${settingsPage}/einstellungen`, {
        delegatesPerCouncil: '3',
        quorumPercent: '60',
      })
      assert.equal(saved.statusCode, 303)
      assert.match((await anon.get('/agah')).body, /entsendet 3 Delegierte[\s\S]*mehr als 60 %/)
      const sx = await s.submit(`/verwaltung/beiraete/${breuberg!.id}`, `${settingsPage}/einstellungen`, {
        delegatesPerCouncil: '5',
        quorumPercent: '50',
      })
      assert.equal(sx.statusCode, 403, 'a council secretary cannot change the agah settings')
    })
  })
}
