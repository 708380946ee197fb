import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  lineId,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../../test/helpers/funding'
import { grantThisYear, THIS_YEAR } from '../../../../test/helpers/payments'
import { type Actor, CLI_ACTOR } from '../../../platform/audit'
import { importPlacesFromFiles } from '../../directory/public'
import { confirmApproval, proposeDecision } from '../review/decide-application'
import { fundingLines } from '../tables'
import { euroText } from './csv'
import { fundedProjects } from './find-projects'

for (const kind of dbKinds()) {
  describe(`the public list of funded projects (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let msoName = ''
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@projects.example', ['funding_officer']), label: 'officer' }
      approver = {
        id: await t.createUser('approver@projects.example', ['funding_approver']),
        label: 'approver',
      }
      const staff = { officer, approver }
      // Approved, running this year, in Frankfurt.
      await grantThisYear(t.deps, staff, {
        email: 'frankfurt@projects.example',
        organisationName: 'Brücke der Kulturen e. V.',
        officialKey: '06412000',
      })
      // Approved for next year, in Kassel; its name starts like a spreadsheet formula.
      const kassel = await registerMso(t.deps, {
        email: 'kassel@projects.example',
        organisationName: '=Kulturverein Kassel e. V.',
        registerNumber: 'VR 2',
        officialKey: '06611000',
      })
      const k = await submittedMsoApplication(t.deps, kassel.orgId, kassel.actor)
      must(await submitApplication(t.deps, kassel.actor, k, { declared: true }))
      must(await proposeDecision(t.deps, officer, k, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approver, k))
      // Submitted, and proposed but not yet approved: neither is public.
      const fulda = await registerMso(t.deps, {
        email: 'fulda@projects.example',
        organisationName: 'Frauencafé Fulda e. V.',
        registerNumber: 'VR 3',
        officialKey: '06631009',
      })
      const f = await submittedMsoApplication(t.deps, fulda.orgId, fulda.actor)
      must(await submitApplication(t.deps, fulda.actor, f, { declared: true }))
      const giessen = await registerMso(t.deps, {
        email: 'giessen@projects.example',
        organisationName: 'Elternverein Gießen e. V.',
        registerNumber: 'VR 4',
        officialKey: '06531005',
      })
      const g = await submittedMsoApplication(t.deps, giessen.orgId, giessen.actor)
      must(await submitApplication(t.deps, giessen.actor, g, { declared: true }))
      must(await proposeDecision(t.deps, officer, g, { decision: 'approve', reasons: 'Förderfähig.' }))
      const [line] = await t.deps.db
        .select({ nameDe: fundingLines.nameDe })
        .from(fundingLines)
        .where(eq(fundingLines.id, await lineId(t.deps, 'MSO')))
      msoName = line!.nameDe
    })
    after(() => t.close())

    const recipients = (html: string) =>
      [...html.matchAll(/data-label="Empfänger"[^>]*><span>([^<]+)<\/span>/g)].map((m) => m[1])

    it('lists only approved grants, newest year first, with place, line, year, amount and purpose', async () => {
      const page = await t.app.inject('/foerderung/projekte')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /2 Bewilligungen gefunden\. Zusammen: 20\.000,00 €/)
      assert.deepEqual(recipients(page.body), ['=Kulturverein Kassel e. V.', 'Brücke der Kulturen e. V.'])
      assert.doesNotMatch(page.body, /Frauencafé Fulda|Elternverein Gießen/)
      assert.match(page.body, /data-label="Ort"[^>]*>Frankfurt am Main<\/td>/)
      assert.match(page.body, new RegExp(`data-label="Förderlinie"[^>]*>${msoName}</td>`))
      assert.match(page.body, new RegExp(`data-label="Jahr"[^>]*>${THIS_YEAR}</td>`))
      assert.match(page.body, /data-label="Betrag"[^>]*>10\.000,00 €<\/td>/)
      assert.match(page.body, /data-label="Zweck"[^>]*><span>Sprachcafé für Neuzugewanderte<\/span>/)
      // Linked from the programme page; in English too.
      assert.match((await t.app.inject('/foerderung')).body, /href="\/foerderung\/projekte"/)
      const en = await t.app.inject('/en/foerderung/projekte')
      assert.match(en.body, /<h1[^>]*>Funded projects<\/h1>/)
      assert.match(en.body, /2 grants found\./)
      assert.match(en.body, /<a class="kern-link" href="\/en\/foerderung">/, 'the breadcrumb in English')
    })

    it('filters by district, municipality, line and year; a value that is no choice filters nothing', async () => {
      const list = async (q: string) => recipients((await t.app.inject(`/foerderung/projekte?${q}`)).body)
      assert.deepEqual(await list('kreis=06412'), ['Brücke der Kulturen e. V.'])
      assert.deepEqual(await list('gemeinde=06611000'), ['=Kulturverein Kassel e. V.'])
      assert.deepEqual(await list(`jahr=${NEXT_YEAR}`), ['=Kulturverein Kassel e. V.'])
      assert.deepEqual(await list(`linie=MSO&jahr=${THIS_YEAR}`), ['Brücke der Kulturen e. V.'])
      assert.deepEqual(await list('kreis=06611&jahr=1999'), ['=Kulturverein Kassel e. V.'])
      const bad = await t.app.inject('/foerderung/projekte?kreis=%3Cscript%3E&linie=x&jahr=abc&seite=-3')
      assert.equal(bad.statusCode, 200)
      assert.doesNotMatch(bad.body, /<script>/)
      assert.match(bad.body, /2 Bewilligungen gefunden\./)
      // The chosen filter stays selected and the reset link appears.
      const chosen = (await t.app.inject('/foerderung/projekte?kreis=06412')).body
      assert.match(chosen, /<option value="06412" selected>Frankfurt am Main<\/option>/)
      assert.match(chosen, /Alle Filter zurücksetzen/)
    })

    it('pages through the list by offset', async () => {
      const first = await fundedProjects(t.deps.db, {}, 1, 1)
      const second = await fundedProjects(t.deps.db, {}, 2, 1)
      assert.equal(first.total, 2)
      assert.equal(first.sumCents, 2_000_000)
      assert.deepEqual(
        [...first.rows, ...second.rows].map((r) => r.recipient),
        ['=Kulturverein Kassel e. V.', 'Brücke der Kulturen e. V.'],
      )
      assert.deepEqual((await fundedProjects(t.deps.db, {}, 3, 1)).rows, [])
      const beyond = await t.app.inject('/foerderung/projekte?seite=2')
      assert.equal(beyond.statusCode, 200)
      assert.deepEqual(recipients(beyond.body), [])
    })

    it('exports the filtered list as CSV, formulas neutralised, euros from integer cents', async () => {
      const csv = await t.app.inject('/foerderung/projekte.csv')
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/)
      assert.match(
        String(csv.headers['content-disposition']),
        /attachment; filename="gefoerderte-projekte\.csv"/,
      )
      assert.equal(
        csv.body,
        'year,recipient,municipality_key,municipality,district_key,district,line_key,line,amount_eur,purpose\n' +
          `${NEXT_YEAR},'=Kulturverein Kassel e. V.,06611000,Kassel,06611,Kassel,MSO,${msoName},10000.00,Sprachcafé für Neuzugewanderte\n` +
          `${THIS_YEAR},Brücke der Kulturen e. V.,06412000,Frankfurt am Main,06412,Frankfurt am Main,MSO,${msoName},10000.00,Sprachcafé für Neuzugewanderte\n`,
      )
      const filtered = await t.app.inject('/foerderung/projekte.csv?kreis=06412')
      assert.equal(filtered.body.trim().split('\n').length, 2)
      assert.equal(euroText(123_456), '1234.56')
      assert.equal(euroText(5), '0.05')
      assert.equal(euroText(-120), '-1.20')
    })

    it('shows the totals per district on the map with a table, districts without a grant as gaps', async () => {
      const page = (await t.app.inject('/foerderung/projekte')).body
      assert.match(page, /<svg class="district-map__svg" role="img" aria-labelledby="projects-map-title/)
      assert.match(page, /<title>Frankfurt am Main: 10\.000,00 €<\/title>/)
      assert.match(page, /<title>Kassel: 10\.000,00 €<\/title>/)
      assert.match(page, /<title>Fulda: 0,00 € – Keine Bewilligung<\/title>/, 'not approved: not counted')
      assert.match(page, /<caption[^>]*>Bewilligte Mittel je Landkreis und kreisfreier Stadt<\/caption>/)
      assert.match(page, /data-label="Landkreis oder Stadt"[^>]*>Kassel \(Landkreis\)<\/td>/)
      // The map follows the line and year, not the place filter.
      const year = (await t.app.inject(`/foerderung/projekte?jahr=${THIS_YEAR}&kreis=06611`)).body
      assert.match(year, /<title>Frankfurt am Main: 10\.000,00 €<\/title>/)
      assert.match(year, /<title>Kassel: 0,00 € – Keine Bewilligung<\/title>/)
    })
  })
}
