import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { problemKey } from '../../../platform/outcome'
import { createPerson } from '../../directory/create-person'
import { people } from '../../directory/tables'
import { maxConcurrent } from '../rules'
import { councilMemberships, councilStaff, councilTerms } from '../tables'
import { addMembership, addTerm, createCouncil } from './manage-councils'

describe('seat counting', () => {
  const r = (startsOn: string, endsOn: string | null = null) => ({ startsOn, endsOn })
  it('counts members who follow one another in a seat once', () => {
    const term = r('2026-04-01', '2031-03-31')
    assert.equal(maxConcurrent([r('2026-04-01', '2027-12-31'), r('2028-01-01')], term), 1)
    assert.equal(maxConcurrent([r('2026-04-01', '2027-12-31'), r('2027-12-31')], term), 2)
    assert.equal(maxConcurrent([r('2020-01-01', '2026-03-31'), r('2026-04-01')], term), 1)
    assert.equal(maxConcurrent([r('2021-01-01'), r('2030-01-01'), r('2031-04-01')], term), 2)
    assert.equal(maxConcurrent([], term), 0)
  })
})

for (const kind of dbKinds()) {
  describe(`council staff screens: terms and members (${kind})`, () => {
    let t: TestApp
    let council: string
    let other: string
    let office: Client
    let secretary: Client
    let otherSecretary: Client
    const url = () => `/verwaltung/beiraete/${council}`

    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      council = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Verwaltungsprobe',
        agahMember: true,
      })
      other = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Nachbar',
      })
      await t.createUser(`office-${kind}@example.org`, ['agah_office'])
      const s = await t.createUser(`secretary-${kind}@example.org`, ['council_secretary'])
      const o = await t.createUser(`other-${kind}@example.org`, ['council_secretary'])
      await db.insert(councilStaff).values([
        { userId: s, councilId: council },
        { userId: o, councilId: other },
      ])
      office = new Client(t.app)
      await office.signIn(`office-${kind}@example.org`)
      secretary = new Client(t.app)
      await secretary.signIn(`secretary-${kind}@example.org`)
      otherSecretary = new Client(t.app)
      await otherSecretary.signIn(`other-${kind}@example.org`)
    })
    after(() => t.close())

    it('adds and edits terms; an overlapping term or too few seats are refused with a message', async () => {
      const newTerm = `${url()}/wahlperioden/neu`
      assert.equal((await secretary.get(newTerm)).statusCode, 200)
      const bad = await secretary.submit(newTerm, `${url()}/wahlperioden`, {
        startsOn: '2026-04-01',
        endsOn: '2021-03-31',
        seats: 'viele',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /error-summary/)
      assert.match(bad.body, /Geben Sie bei „Sitze“ eine Zahl ein/)
      assert.match(bad.body, /value="2026-04-01"/, 'values kept')
      const first = await secretary.submit(newTerm, `${url()}/wahlperioden`, {
        startsOn: '2021-04-01',
        endsOn: '2026-03-31',
        electionOn: '2021-03-14',
        seats: '5',
      })
      assert.equal(first.statusCode, 303)
      const second = await secretary.submit(newTerm, `${url()}/wahlperioden`, {
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: '3',
      })
      assert.equal(second.statusCode, 303)
      const overlap = await secretary.submit(newTerm, `${url()}/wahlperioden`, {
        startsOn: '2030-01-01',
        endsOn: '2035-12-31',
        seats: '3',
      })
      assert.equal(overlap.statusCode, 400)
      assert.match(overlap.body, /überschneidet sich mit einer vorhandenen Wahlperiode/)
      assert.match(overlap.body, /value="2035-12-31"/)
      const endFirst = await secretary.submit(newTerm, `${url()}/wahlperioden`, {
        startsOn: '2026-04-01',
        endsOn: '2021-03-31',
        seats: '3',
      })
      assert.equal(endFirst.statusCode, 400)
      assert.match(endFirst.body, /Das Ende liegt vor dem Beginn/)

      const terms = await t.deps.db.select().from(councilTerms).where(eq(councilTerms.councilId, council))
      assert.equal(terms.length, 2, 'nothing written by the refused attempts')
      const current = terms.find((x) => x.startsOn === '2026-04-01')!
      const edit = `${url()}/wahlperioden/${current.id}`
      const page = await secretary.get(edit)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /value="2031-03-31"/)
      const moved = await secretary.submit(edit, edit, {
        startsOn: '2026-03-01',
        endsOn: '2031-03-31',
        seats: '3',
      })
      assert.equal(moved.statusCode, 400, 'moving it into the previous term overlaps')
      assert.match(moved.body, /überschneidet sich/)
      const saved = await secretary.submit(edit, edit, {
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: '4',
      })
      assert.equal(saved.statusCode, 303)
      const [after] = await t.deps.db.select().from(councilTerms).where(eq(councilTerms.id, current.id))
      assert.equal(after?.seats, 4)
      const audit = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'council.term.update'), eq(auditLog.entityId, council)))
      assert.equal(audit.length, 1)
      assert.match((await new Client(t.app).get(`/beiraete/${council}`)).body, /4 Sitze/)
      assert.equal(
        (await secretary.get(`${url()}/wahlperioden/00000000-0000-4000-8000-000000000000`)).statusCode,
        404,
      )
      assert.equal((await secretary.get(`${url()}/wahlperioden/kaputt`)).statusCode, 404)
    })

    it('adds a person from the directory, keeps the seat count and shows contact details only with consent', async () => {
      const db = t.deps.db
      const known = await createPerson(db, CLI_ACTOR, {
        givenName: 'Selin',
        familyName: 'Verzeichnisprobe',
        email: 'selin@beispiel.example',
      })
      const search = await secretary.get(`${url()}/mitglieder/vorhanden?q=verzeichnis`)
      assert.equal(search.statusCode, 200)
      assert.match(search.body, /Verzeichnisprobe, Selin/)
      assert.match((await secretary.get(`${url()}/mitglieder/vorhanden?q=niemandda`)).body, /keine Person/)
      const form = `${url()}/mitglieder/vorhanden?q=verzeichnis`
      const missing = await secretary.submit(form, `${url()}/mitglieder/vorhanden`, {
        q: 'verzeichnis',
        role: 'chair',
      })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /error-summary/)
      const added = await secretary.submit(form, `${url()}/mitglieder/vorhanden`, {
        q: 'verzeichnis',
        personId: known,
        role: 'chair',
        startsOn: '2026-04-01',
      })
      assert.equal(added.statusCode, 303)
      const twice = await secretary.submit(form, `${url()}/mitglieder/vorhanden`, {
        q: 'verzeichnis',
        personId: known,
        role: 'member',
        startsOn: '2027-01-01',
      })
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /bereits Mitglied dieses Gremiums/)

      // new people with and without consent; the term has 4 seats
      const addNew = (givenName: string, extra: Record<string, string> = {}) =>
        secretary.submit(url(), `${url()}/mitglieder`, {
          givenName,
          familyName: 'Sitzprobe',
          role: 'member',
          startsOn: '2026-04-01',
          ...extra,
        })
      const delegateHere = await addNew('Ali', { role: 'delegate' })
      assert.equal(delegateHere.statusCode, 400)
      assert.match(delegateHere.body, /Delegierte gibt es nur in der Plenarversammlung/)
      assert.doesNotMatch((await secretary.get(url())).body, /<option value="delegate"/, 'not offered either')
      const badPhone = await addNew('Ali', { phone: 'bitte anrufen' })
      assert.equal(badPhone.statusCode, 400)
      assert.match(badPhone.body, /nur Ziffern/)
      assert.equal(
        (await addNew('Ali', { email: 'ali@beispiel.example', phone: '0611 123', consent: 'on' })).statusCode,
        303,
      )
      assert.equal((await addNew('Bea', { email: 'bea@beispiel.example' })).statusCode, 303)
      assert.equal((await addNew('Cem')).statusCode, 303)
      const full = await addNew('Dana')
      assert.equal(full.statusCode, 400)
      assert.match(full.body, /bereits alle Sitze der Wahlperiode besetzt/)
      assert.match(full.body, /value="Dana"/)
      const [dana] = await db.select().from(people).where(eq(people.givenName, 'Dana'))
      assert.equal(dana, undefined, 'the person is not created when the membership is refused')
      // a term cannot shrink below its members
      const [term] = await db
        .select()
        .from(councilTerms)
        .where(and(eq(councilTerms.councilId, council), eq(councilTerms.startsOn, '2026-04-01')))
      const edit = `${url()}/wahlperioden/${term!.id}`
      const shrink = await secretary.submit(edit, edit, {
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: '3',
      })
      assert.equal(shrink.statusCode, 400)
      assert.match(shrink.body, /mehr Mitglieder zur selben Zeit/)

      const visitor = new Client(t.app)
      const publicPage = (await visitor.get(`/beiraete/${council}`)).body
      assert.match(publicPage, /Ali Sitzprobe/)
      assert.match(publicPage, /ali@beispiel\.example, 0611 123/)
      assert.match(publicPage, /Bea Sitzprobe/)
      assert.doesNotMatch(publicPage, /bea@beispiel\.example/, 'no contact details without consent')
      assert.doesNotMatch(publicPage, /selin@beispiel\.example/)
    })

    it('edits a membership and the person, ends it and deletes an erroneous one', async () => {
      const db = t.deps.db
      const rows = await db
        .select({ m: councilMemberships, p: people })
        .from(councilMemberships)
        .innerJoin(people, eq(people.id, councilMemberships.personId))
        .where(eq(councilMemberships.councilId, council))
      const bea = rows.find((r) => r.p.givenName === 'Bea')!
      const cem = rows.find((r) => r.p.givenName === 'Cem')!
      const page = `${url()}/mitglieder/${bea.m.id}`
      const view = await secretary.get(page)
      assert.equal(view.statusCode, 200)
      assert.match(view.body, /value="bea@beispiel\.example"/)
      const fields = {
        role: 'member',
        startsOn: '2026-04-01',
        givenName: 'Bea',
        familyName: 'Sitzprobe',
        email: 'bea@beispiel.example',
      }
      const chair = await secretary.submit(page, page, { ...fields, role: 'chair' })
      assert.equal(chair.statusCode, 400)
      assert.match(chair.body, /Den Vorsitz hat in diesem Zeitraum bereits/)
      const [unchanged] = await db.select().from(people).where(eq(people.id, bea.p.id))
      assert.equal(unchanged?.publicContactConsent, false)
      const saved = await secretary.submit(page, page, {
        ...fields,
        role: 'deputy',
        consent: 'on',
        phone: '069 1',
      })
      assert.equal(saved.statusCode, 303)
      const publicPage = (await new Client(t.app).get(`/beiraete/${council}`)).body
      assert.match(publicPage, /bea@beispiel\.example, 069 1/, 'shown once consent is recorded')
      assert.match(publicPage, /Stellvertretung/)

      const end = await secretary.submit(page, `${page}/beenden`, { lastDay: '2020-01-01' })
      assert.equal(end.statusCode, 400)
      assert.match(end.body, /Das Ende liegt vor dem Beginn/)
      assert.match(end.body, /id="feld-lastDay-error"/, 'the message sits next to its field')
      assert.equal(
        (await secretary.submit(page, `${page}/beenden`, { lastDay: '2026-09-30' })).statusCode,
        303,
      )
      const [ended] = await db.select().from(councilMemberships).where(eq(councilMemberships.id, bea.m.id))
      assert.equal(ended?.endsOn, '2026-09-30')
      // the seat is free again after the end: a successor fits
      const successor = await secretary.submit(url(), `${url()}/mitglieder`, {
        givenName: 'Dana',
        familyName: 'Sitzprobe',
        role: 'member',
        startsOn: '2026-10-01',
      })
      assert.equal(successor.statusCode, 303)

      const cemPage = `${url()}/mitglieder/${cem.m.id}`
      const unconfirmed = await secretary.submit(cemPage, `${cemPage}/entfernen`, {})
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(unconfirmed.body, /Bitte bestätigen Sie/)
      assert.equal(
        (await secretary.submit(cemPage, `${cemPage}/entfernen`, { confirm: 'on' })).statusCode,
        303,
      )
      const [removed] = await db.select().from(councilMemberships).where(eq(councilMemberships.id, cem.m.id))
      assert.ok(removed?.deletedAt, 'marked deleted (OParl reports it)')
      assert.equal((await secretary.get(cemPage)).statusCode, 404)
      assert.doesNotMatch((await new Client(t.app).get(`/beiraete/${council}`)).body, /Cem Sitzprobe/)
      const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, council))).map(
        (a) => a.action,
      )
      for (const a of ['council.membership.update', 'council.membership.end', 'council.membership.remove'])
        assert.ok(actions.includes(a), a)
    })

    it('sends anonymous visitors to sign in and refuses another council and plain accounts', async () => {
      const [m] = await t.deps.db
        .select()
        .from(councilMemberships)
        .where(eq(councilMemberships.councilId, council))
      const [term] = await t.deps.db.select().from(councilTerms).where(eq(councilTerms.councilId, council))
      const pages = [
        `${url()}/wahlperioden/neu`,
        `${url()}/wahlperioden/${term!.id}`,
        `${url()}/mitglieder/vorhanden`,
        `${url()}/mitglieder/${m!.id}`,
      ]
      const anon = new Client(t.app)
      for (const p of pages) {
        const res = await anon.get(p)
        assert.equal(res.statusCode, 303, p)
        assert.match(String(res.headers.location), /^\/anmelden\?next=/)
        assert.equal((await otherSecretary.get(p)).statusCode, 403, p)
        assert.equal((await office.get(p)).statusCode, 200, p)
      }
      const token = await otherSecretary.csrfToken(`/verwaltung/beiraete/${other}`)
      const posts: [string, Record<string, string>][] = [
        [`${url()}/wahlperioden`, { startsOn: '2040-01-01', endsOn: '2041-01-01', seats: '3' }],
        [`${url()}/wahlperioden/${term!.id}`, { startsOn: '2040-01-01', endsOn: '2041-01-01', seats: '3' }],
        [`${url()}/mitglieder/${m!.id}/beenden`, { lastDay: '2030-01-01' }],
        [`${url()}/mitglieder/${m!.id}/entfernen`, { confirm: 'on' }],
      ]
      for (const [p, fields] of posts) {
        const res = await otherSecretary.post(p, { _csrf: token, ...fields })
        assert.equal(res.statusCode, 403, p)
      }
      const [still] = await t.deps.db
        .select()
        .from(councilMemberships)
        .where(eq(councilMemberships.id, m!.id))
      assert.equal(still?.deletedAt, null)
      await t.createUser(`plain-${kind}@example.org`, ['press'])
      const plain = new Client(t.app)
      await plain.signIn(`plain-${kind}@example.org`)
      assert.equal((await plain.get(pages[0]!)).statusCode, 403)
      assert.equal(
        (await office.get('/verwaltung/beiraete/00000000-0000-0000-0000-000000000000/wahlperioden/neu'))
          .statusCode,
        404,
      )
    })

    it('applies the same rules to the use cases (delegates only from agah members, seats per term)', async () => {
      const db = t.deps.db
      const plenary = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah',
        name: 'Plenum Staff',
        delegatesPerCouncil: 1,
      })
      assert.ok(
        (
          await addTerm(db, CLI_ACTOR, {
            councilId: plenary,
            startsOn: '2026-04-01',
            endsOn: '2031-03-31',
            seats: 10,
          })
        ).ok,
      )
      const p1 = await createPerson(db, CLI_ACTOR, { givenName: 'Eda', familyName: 'Delegiert' })
      const p2 = await createPerson(db, CLI_ACTOR, { givenName: 'Finn', familyName: 'Delegiert' })
      const notMember = await addMembership(db, CLI_ACTOR, {
        councilId: plenary,
        personId: p1,
        role: 'delegate',
        delegatedById: other,
        startsOn: '2026-04-01',
      })
      assert.equal(problemKey(notMember), 'councils.error.notAgahMember')
      const first = await addMembership(db, CLI_ACTOR, {
        councilId: plenary,
        personId: p1,
        role: 'delegate',
        delegatedById: council,
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
      })
      assert.ok(first.ok)
      // a successor after the first delegate's end is within the setting
      assert.ok(
        (
          await addMembership(db, CLI_ACTOR, {
            councilId: plenary,
            personId: p2,
            role: 'delegate',
            delegatedById: council,
            startsOn: '2027-04-01',
          })
        ).ok,
      )
    })
  })
}
