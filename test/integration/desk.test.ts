import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assignCouncilStaff } from '../../src/features/councils/bodies-and-members/assign-council-staff'
import { createCouncil } from '../../src/features/councils/bodies-and-members/manage-councils'
import { createMeeting } from '../../src/features/councils/meetings/manage-meetings'
import { submitApplication } from '../../src/features/funding/applicant/submit-application'
import { proposeDecision } from '../../src/features/funding/review/decide-application'
import { createRelease } from '../../src/features/press/save-release'
import { CLI_ACTOR } from '../../src/platform/audit'
import { mailOutbox } from '../../src/platform/mail/tables'
import { createTestApp, type TestApp } from '../helpers/app'
import { must, registerMso, seedProgramme, submittedMsoApplication } from '../helpers/funding'
import { Client } from '../helpers/http'

const DAY = 24 * 60 * 60 * 1000
const main = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

/** The staff desk at /verwaltung (PGlite: nothing here depends on the database kind). */
describe('staff desk', () => {
  let t: TestApp
  const signedIn = async (email: string) => {
    const c = new Client(t.app)
    await c.signIn(email)
    return c
  }
  before(async () => {
    t = await createTestApp('pglite')
    await seedProgramme(t.deps)
    for (const [email, roles] of [
      ['admin@example.org', ['admin']],
      ['presse@example.org', ['press']],
      ['officer@example.org', ['funding_officer']],
      ['approver@example.org', ['funding_approver']],
      ['nobody@example.org', []],
    ] as const)
      await t.createUser(email, [...roles])
  })
  after(() => t.close())

  it('is where staff land after signing in; others land on the home page, a requested page wins', async () => {
    for (const email of ['admin@example.org', 'presse@example.org', 'officer@example.org'])
      assert.equal((await new Client(t.app).signIn(email)).headers.location, '/verwaltung', email)
    assert.equal((await new Client(t.app).signIn('nobody@example.org')).headers.location, '/')
    const c = new Client(t.app)
    const asked = await c.submit('/anmelden', '/anmelden', {
      email: 'presse@example.org',
      password: 'correct horse battery staple',
      next: '/presse',
    })
    assert.equal(asked.headers.location, '/presse')
    // Without anything to do there, the desk is not offered.
    const nobody = await signedIn('nobody@example.org')
    assert.equal((await nobody.get('/verwaltung')).statusCode, 403)
    assert.doesNotMatch((await nobody.get('/')).body, /href="\/verwaltung"/)
  })

  it('lists only what each person may do, each feature contributing its own links', async () => {
    const press = main((await (await signedIn('presse@example.org')).get('/verwaltung')).body)
    assert.match(press, /Ihr Schreibtisch/)
    assert.match(press, /Redaktion Pressemitteilungen schreiben, planen/)
    assert.doesNotMatch(press, /Konten|Förderanträge|Änderungsprotokoll/)
    const admin = main((await (await signedIn('admin@example.org')).get('/verwaltung')).body)
    for (const link of ['Konten', 'Änderungsprotokoll', 'Postausgang', 'Betreiber', 'Redaktion'])
      assert.ok(admin.includes(link), link)
    const officer = main((await (await signedIn('officer@example.org')).get('/verwaltung')).body)
    assert.match(officer, /Förderanträge/)
    assert.doesNotMatch(officer, /Redaktion|Konten/)
  })

  it('shows what waits: drafts and scheduled releases, applications to review and approve, failed mail', async () => {
    const press = await signedIn('presse@example.org')
    assert.match(main((await press.get('/verwaltung')).body), /Im Moment wartet nichts auf Sie/)
    assert.ok((await createRelease(t.deps.db, CLI_ACTOR, { title: 'Entwurf A', body: 'x' })).ok)
    await createRelease(t.deps.db, CLI_ACTOR, { title: 'Entwurf B', body: 'y' })
    assert.match(main((await press.get('/verwaltung')).body), /Entwürfe von Pressemitteilungen: 2/)

    const { orgId, actor } = await registerMso(t.deps)
    const id = await submittedMsoApplication(t.deps, orgId, actor)
    must(await submitApplication(t.deps, actor, id, { declared: true }))
    const officer = await signedIn('officer@example.org')
    const officerDesk = (await officer.get('/verwaltung')).body
    assert.match(main(officerDesk), /Eingereichte Anträge, die auf die Prüfung warten: 1/)
    assert.match(officerDesk, /href="\/foerderung\/verwaltung\?status=submitted"/)
    const approver = await signedIn('approver@example.org')
    assert.doesNotMatch(main((await approver.get('/verwaltung')).body), /warten: 1/)
    const [officerUser] = await t.deps.db
      .execute(
        // the officer's id, for the use case
        (await import('drizzle-orm')).sql`select id from users where email = 'officer@example.org'`,
      )
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows)
    must(
      await proposeDecision(t.deps, { id: officerUser!.id, label: 'officer@example.org' }, id, {
        decision: 'approve',
        reasons: 'Förderfähig.',
      }),
    )
    assert.match(
      main((await approver.get('/verwaltung')).body),
      /Entscheidungsvorschläge, die auf die Bewilligung warten: 1/,
    )
    assert.doesNotMatch(main((await officer.get('/verwaltung')).body), /Prüfung warten: 1/)

    const admin = await signedIn('admin@example.org')
    await t.deps.db
      .insert(mailOutbox)
      .values({ to: 'x@example.org', subject: 's', text: 't', status: 'failed' })
    const adminDesk = (await admin.get('/verwaltung')).body
    assert.match(main(adminDesk), /E-Mails, die nicht zugestellt werden konnten: 1/)
    assert.equal((await admin.get('/verwaltung')).headers['cache-control'], 'private, no-store')
  })

  it('gives the agah office and a council secretary their desk: their pages and the meetings that wait', async () => {
    const db = t.deps.db
    await t.createUser('agah@example.org', ['agah_office'])
    await t.createUser('schrift@example.org', ['council_secretary'])
    const agah = await createCouncil(db, CLI_ACTOR, { kind: 'agah', name: 'agah' })
    const own = await createCouncil(db, CLI_ACTOR, {
      kind: 'auslaenderbeirat',
      name: 'Ausländerbeirat Gießen',
    })
    const other = await createCouncil(db, CLI_ACTOR, {
      kind: 'auslaenderbeirat',
      name: 'Ausländerbeirat Kassel',
    })
    assert.ok((await assignCouncilStaff(db, CLI_ACTOR, { email: 'schrift@example.org', councilId: own })).ok)
    const meeting = async (councilId: string, title: string, days: number) => {
      const r = await createMeeting(db, CLI_ACTOR, {
        councilId,
        title,
        startsAt: new Date(Date.now() + days * DAY),
      })
      assert.ok(r.ok)
      return r.value
    }
    await meeting(agah, 'Plenarversammlung Frühjahr', 10)
    await meeting(own, 'Sitzung Gießen', 5)
    await meeting(other, 'Sitzung Kassel', 5)
    const held = await meeting(own, 'Vergangene Sitzung Gießen', -3)
    await meeting(agah, 'Ferne Sitzung', 200)

    // The agah office no longer gets "Kein Zugriff": it lands on its desk.
    assert.equal((await new Client(t.app).signIn('agah@example.org')).headers.location, '/verwaltung')
    const office = await signedIn('agah@example.org')
    const desk = await office.get('/verwaltung')
    assert.equal(desk.statusCode, 200)
    const text = main(desk.body)
    for (const s of ['agah verwalten', 'Sitze in Landesgremien', 'Zugänge der Beiräte und Delegierten'])
      assert.ok(text.includes(s), s)
    assert.match(text, /Sitzung vorbereiten \(Einladung noch nicht versendet\): Plenarversammlung Frühjahr/)
    assert.match(text, /Sitzung vorbereiten[^:]*: Sitzung Kassel/)
    assert.match(text, /Niederschrift schreiben oder genehmigen lassen: Vergangene Sitzung Gießen/)
    assert.doesNotMatch(text, /Ferne Sitzung/, 'only what is due soon')
    assert.match(desk.body, new RegExp(`href="/verwaltung/sitzungen/${held}"`))
    const agahPage = await office.get('/verwaltung/agah')
    assert.equal(agahPage.headers.location, `/verwaltung/beiraete/${agah}`)
    assert.equal((await office.get(agahPage.headers.location as string)).statusCode, 200)

    // A council secretary sees only their own council's meetings.
    const secretary = await signedIn('schrift@example.org')
    const theirs = main((await secretary.get('/verwaltung')).body)
    assert.match(theirs, /Ihren Beirat verwalten/)
    assert.match(theirs, /Sitzung Gießen/)
    assert.doesNotMatch(theirs, /Kassel|Plenarversammlung|agah verwalten/)
    assert.equal(
      (await secretary.get('/verwaltung/mein-beirat')).headers.location,
      `/verwaltung/beiraete/${own}`,
    )
    assert.equal((await secretary.get('/verwaltung/agah')).statusCode, 403)
  })
})
