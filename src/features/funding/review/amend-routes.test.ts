import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { extractText, getDocumentProxy } from 'unpdf'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  lineId,
  MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import type { Actor } from '../../../platform/audit'
import { setBudget } from '../programme/manage-lines'
import { fundingAmendments, fundingBudgets, fundingNotices } from '../tables'
import { confirmApproval, proposeDecision } from './decide-application'

const Y = NEXT_YEAR

for (const kind of dbKinds()) {
  describe(`amendment pages (${kind})`, () => {
    let t: TestApp
    let officerActor: Actor
    let approverActor: Actor
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officerActor = { id: await t.createUser('officer@rp.example', ['funding_officer']), label: 'officer' }
      approverActor = {
        id: await t.createUser('approver@rp.example', ['funding_approver']),
        label: 'approver',
      }
    })
    after(() => t.close())

    it('officer proposes with bad input kept and explained, a second person approves, the applicant downloads both versions', async () => {
      const { orgId, actor } = await registerMso(t.deps)
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      const reviewUrl = `/foerderung/verwaltung/antraege/${id}`
      const amendUrl = `${reviewUrl}/aenderung`

      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      // not approved yet: no amendment form, and posting one is refused with a message
      assert.doesNotMatch((await officer.get(reviewUrl)).body, /Änderung vorschlagen/)
      const early = await officer.submit(reviewUrl, amendUrl, {
        [`amend_${Y}`]: '9.000',
        periodStart: `${Y}-01-01`,
        periodEnd: `${Y}-12-31`,
        reason: 'Teilwiderruf',
      })
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /Nur eine bewilligte Zuwendung kann geändert werden/)

      must(await proposeDecision(t.deps, officerActor, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approverActor, id))

      const page = await officer.get(reviewUrl)
      assert.match(page.body, /Zuwendung ändern \(Änderungsbescheid\)/)
      assert.match(page.body, new RegExp(`name="amend_${Y}"[^>]*value="10000,00"`))
      assert.match(page.body, new RegExp(`name="amend_${Y + 1}"[^>]*value="0,00"`))
      assert.match(page.body, new RegExp(`name="periodEnd"[^>]*value="${Y}-12-31"`))
      assert.match((await officer.get(`/en${reviewUrl}`)).body, /Propose amendment/)

      const good = {
        [`amend_${Y}`]: '10.200,00',
        [`amend_${Y + 1}`]: '2.500',
        periodStart: `${Y}-01-01`,
        periodEnd: `${Y + 1}-03-31`,
        conditions:
          'Die Allgemeinen Nebenbestimmungen (ANBest-P bzw. für Gebietskörperschaften ANBest-GK) sind Bestandteil dieses Bescheids.\nZwischenbericht zum 30.09.',
        reason: 'Änderungsantrag vom 2. Februar: Verlängerung bis März.',
      }
      const decimals = await officer.submit(reviewUrl, amendUrl, { ...good, [`amend_${Y}`]: '10.200,001' })
      assert.equal(decimals.statusCode, 400)
      assert.match(decimals.body, /data-error-summary/)
      assert.match(
        decimals.body,
        new RegExp(`id="feld-amend_${Y}-error"[\\s\\S]*?höchstens zwei Nachkommastellen`),
      )
      assert.match(decimals.body, /value="10.200,001"/, 'the value typed is kept')
      assert.match(decimals.body, /Verlängerung bis März/)
      const negative = await officer.submit(reviewUrl, amendUrl, { ...good, [`amend_${Y + 1}`]: '-5' })
      assert.equal(negative.statusCode, 400)
      assert.match(negative.body, /nicht negativ/)
      const tooLong = await officer.submit(reviewUrl, amendUrl, { ...good, periodEnd: `${Y + 2}-01-31` })
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /id="feld-periodEnd-error"[\s\S]*?höchstens 24 Monate/)
      assert.match(
        tooLong.body,
        new RegExp(`name="amend_${Y + 2}"`),
        'a field for each year of the period typed',
      )
      const noReason = await officer.submit(reviewUrl, amendUrl, { ...good, reason: '' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /id="feld-reason-error"/)

      // beyond the remaining budget: a clear message, nothing written
      const mso = await lineId(t.deps, 'MSO')
      const [budget] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, mso), eq(fundingBudgets.year, Y + 1)))
      must(await setBudget(t.deps.db, officerActor, mso, Y + 1, Number(budget!.committedCents) + 100_000))
      const beyond = await officer.submit(reviewUrl, amendUrl, good)
      assert.equal(beyond.statusCode, 400)
      assert.match(
        beyond.body,
        /Nicht genug Mittel: Die Erhöhung um 2\.500,00 € für \d{4} übersteigt die verfügbaren 1\.000,00 €/,
      )
      const beyondEn = await officer.submit(`/en${reviewUrl}`, `/en${amendUrl}`, good)
      assert.equal(beyondEn.statusCode, 400)
      assert.match(
        beyondEn.body,
        /Not enough funds: the increase of €2,500\.00 for \d{4} exceeds the €1,000\.00 available/,
      )
      assert.equal((await t.deps.db.select().from(fundingAmendments)).length, 0)
      must(await setBudget(t.deps.db, officerActor, mso, Y + 1, Number(budget!.budgetCents)))

      assert.equal((await officer.submit(reviewUrl, amendUrl, good)).statusCode, 303)
      const withProposal = await officer.get(reviewUrl)
      assert.match(withProposal.body, /Offener Änderungsvorschlag von officer@rp\.example/)
      assert.match(withProposal.body, new RegExp(`Zuwendung ${Y}: 10\\.000,00 € → 10\\.200,00 €`))
      assert.doesNotMatch(withProposal.body, /Änderung freigeben/, 'officers hold no approval permission')
      const [open] = await t.deps.db.select().from(fundingAmendments)
      const selfApprove = await officer.submit(reviewUrl, `${amendUrl}/freigabe`, { amendment: open!.id })
      assert.equal(selfApprove.statusCode, 403)

      const approver = new Client(t.app)
      await approver.signIn('approver@rp.example')
      const noReasons = await approver.submit(reviewUrl, `${amendUrl}/ablehnung`, { amendment: open!.id })
      assert.equal(noReasons.statusCode, 400)
      assert.match(noReasons.body, /id="feld-rejectReasons-error"/)
      const badId = await approver.submit(reviewUrl, `${amendUrl}/freigabe`, { amendment: 'kein-uuid' })
      assert.equal(badId.statusCode, 400)
      assert.match(badId.body, /nicht mehr offen/)
      const approved = await approver.submit(reviewUrl, `${amendUrl}/freigabe`, { amendment: open!.id })
      assert.equal(approved.statusCode, 303)
      const twice = await approver.submit(reviewUrl, `${amendUrl}/freigabe`, { amendment: open!.id })
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /nicht mehr offen/)

      // the applicant sees both versions with dates and downloads them
      const applicant = new Client(t.app)
      await applicant.signIn(MSO_REGISTRATION.email, MSO_REGISTRATION.password)
      const appPage = await applicant.get(`/foerderung/antraege/${id}`)
      assert.match(appPage.body, /Zuwendungsbescheid, Fassung 1 \(PDF\)/)
      assert.match(appPage.body, /Änderungsbescheid, Fassung 2 \(PDF\)/)
      assert.match(appPage.body, /\d{2}\.\d{2}\.\d{4}/)
      assert.match(
        (await applicant.get(`/en/foerderung/antraege/${id}`)).body,
        /Amending notice, version 2 \(PDF\)/,
      )
      const pdf = await applicant.get(`/foerderung/antraege/${id}/bescheid/2`)
      assert.equal(pdf.statusCode, 200)
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      assert.match(
        String(pdf.headers['content-disposition']),
        /Aenderungsbescheid-WIR-MSO-\d{4}-\d{5}-v2\.pdf/,
      )
      const text = (
        await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })
      ).text as string
      assert.match(text.replace(/\s+/g, ' '), /Änderungsbescheid/)
      assert.match(text.replace(/\s+/g, ' '), /bisher 0,00 € → neu 2\.500,00 €/)
      assert.equal((await applicant.get(`/foerderung/antraege/${id}/bescheid/1`)).statusCode, 200)
      assert.equal((await applicant.get(`/foerderung/antraege/${id}/bescheid/3`)).statusCode, 404)
      // only the organisation's own users (and staff) may download
      const stranger = new Client(t.app)
      await t.createUser('fremd@example.org', ['applicant'])
      await stranger.signIn('fremd@example.org')
      assert.equal((await stranger.get(`/foerderung/antraege/${id}/bescheid/2`)).statusCode, 404)
      assert.equal((await new Client(t.app).get(`/foerderung/antraege/${id}/bescheid/2`)).statusCode, 404)
      const other = await registerMso(t.deps, {
        email: 'andere@example.org',
        organisationName: 'Andere e. V.',
      })
      const otherClient = new Client(t.app)
      await otherClient.signIn('andere@example.org', MSO_REGISTRATION.password)
      assert.ok(other.orgId)
      assert.equal((await otherClient.get(`/foerderung/antraege/${id}/bescheid/2`)).statusCode, 404)
      assert.equal((await officer.get(`/foerderung/antraege/${id}/bescheid/2`)).statusCode, 200)
      const notices = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
      assert.equal(notices.length, 2)

      // a new proposal can be rejected with reasons
      assert.equal(
        (
          await officer.submit(reviewUrl, amendUrl, {
            ...good,
            [`amend_${Y}`]: '9.000',
            reason: 'Teilwiderruf',
          })
        ).statusCode,
        303,
      )
      const [second] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.status, 'proposed'))
      const rejected = await approver.submit(reviewUrl, `${amendUrl}/ablehnung`, {
        amendment: second!.id,
        rejectReasons: 'Anhörung fehlt.',
      })
      assert.equal(rejected.statusCode, 303)
      const history = await officer.get(reviewUrl)
      assert.match(history.body, /abgelehnt von approver@rp\.example: Anhörung fehlt\./)
      assert.match(history.body, /freigegeben von approver@rp\.example: Änderungsbescheid Fassung 2/)
    })
  })
}
