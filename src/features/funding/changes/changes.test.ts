import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { extractText, getDocumentProxy } from 'unpdf'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  submitApplication,
  submittedMsoApplication,
  TINY_PDF,
} from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { submitMultipart } from '../../../../test/helpers/multipart'
import { grantThisYear, staffWho, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { berlinDay } from '../../../platform/days'
import { problemKey } from '../../../platform/outcome'
import { checkPayment, releasePayment, requestPayment } from '../payments/manage-payments'
import type { FundingWho } from '../policies'
import { approveAmendment, proposeAmendment } from '../review/amend-grant'
import { confirmApproval, proposeDecision } from '../review/decide-application'
import {
  fundingAmendments,
  fundingApplications,
  fundingChangeFiles,
  fundingChangeRequests,
  fundingCostItems,
  fundingNotices,
  fundingNotifications,
} from '../tables'
import {
  decideChangeRequest,
  fileChangeRequest,
  handleNotification,
  recordNotification,
} from './manage-changes'

const Y = NEXT_YEAR

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  return ((await extractText(doc, { mergePages: true })).text as string).replace(/\s+/g, ' ')
}

for (const kind of dbKinds()) {
  describe(`change requests and notifications (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    const officerWho = () => staffWho(officer, ['funding.review', 'funding.propose'])
    let n = 0
    /** A fresh organisation with an approved grant for next year (micro-project 2,000 €, minijob 6,200 €). */
    async function newGrant() {
      n += 1
      const email = `verein${n}@changes.example`
      const { orgId, userId, actor } = await registerMso(t.deps, {
        email,
        organisationName: `Änderungsverein ${n} e. V.`,
        registerNumber: `VR ${8100 + n}`,
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approver, id))
      // Below the line's caps, so that items can move (arranged directly: the plan of an approved grant).
      for (const [category, cents] of [
        ['micro_project', 200_000],
        ['minijob', 620_000],
      ] as const) {
        await t.deps.db
          .update(fundingCostItems)
          .set({ amountCents: cents })
          .where(and(eq(fundingCostItems.applicationId, id), eq(fundingCostItems.category, category)))
      }
      const who: FundingWho = { id: userId, can: (p) => p === 'funding.apply', organisationId: orgId }
      return { id, orgId, actor, who, email }
    }
    const requestsOf = (applicationId: string) =>
      t.deps.db
        .select()
        .from(fundingChangeRequests)
        .where(eq(fundingChangeRequests.applicationId, applicationId))
    const audits = (action: string, entityId: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))

    before(async () => {
      t = await createTestApp(kind)
      const { seedProgramme } = await import('../../../../test/helpers/funding')
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@changes.example', ['funding_officer']), label: 'officer' }
      approver = {
        id: await t.createUser('approver@changes.example', ['funding_approver']),
        label: 'approver',
      }
    })
    after(() => t.close())

    it('the recipient files a cost-plan change beyond 20 % in the portal, with a reason and an attachment', async () => {
      const g = await newGrant()
      const recipient = new Client(t.app)
      await recipient.signIn(g.email, MSO_REGISTRATION.password)
      const overview = `/foerderung/antraege/${g.id}/aenderungen`
      const url = `${overview}/kostenplan`
      assert.match(
        (await recipient.get(`/foerderung/antraege/${g.id}`)).body,
        /aenderungen/,
        'linked from the grant',
      )
      const page = await recipient.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /um bis zu 20 % überschreiten/)
      assert.match(page.body, /value="2000,00"/, 'the binding plan as the starting values')
      const field = (c: string) => `cost_${Y}_${c}`

      // within 20 % per item: no request needed, nothing saved, the typed values kept
      const within = await submitMultipart(recipient, url, url, {
        [field('micro_project')]: '2.300,00',
        [field('minijob')]: '5.900,00',
        reason: 'Mehr Material',
      })
      assert.equal(within.statusCode, 400)
      assert.match(within.body, /Kein Posten weicht um mehr als 20 % ab/)
      assert.match(within.body, /value="2\.300,00"/)
      // the year's total is binding
      const total = await submitMultipart(recipient, url, url, {
        [field('micro_project')]: '2.900,00',
        [field('minijob')]: '6.200,00',
        reason: 'Mehr Material',
      })
      assert.equal(total.statusCode, 400)
      assert.match(
        total.body,
        /id="feld-cost_\d{4}_minijob-error"[\s\S]*?Die Summe \d{4} muss gleich bleiben/,
      )
      // the line's cap per item still holds; the reason is required
      const capped = await submitMultipart(recipient, url, url, {
        [field('micro_project')]: '3.500,00',
        [field('minijob')]: '4.700,00',
        reason: '',
      })
      assert.equal(capped.statusCode, 400)
      assert.match(capped.body, /id="feld-cost_\d{4}_micro_project-error"/)
      assert.match(capped.body, /id="feld-reason-error"[\s\S]*?warum die Änderung nötig ist/)
      // a file that is not a document
      const badFile = await submitMultipart(
        recipient,
        url,
        url,
        {
          [field('micro_project')]: '3.000,00',
          [field('minijob')]: '5.200,00',
          reason: 'Zwei Mikroprojekte',
        },
        { field: 'attachment', name: 'x.txt', bytes: Buffer.from('just text'), type: 'text/plain' },
      )
      assert.equal(badFile.statusCode, 400)
      assert.match(badFile.body, /id="feld-attachment-error"[\s\S]*?PDF- oder Office-Datei/)
      assert.equal((await requestsOf(g.id)).length, 0, 'nothing saved by a refusal')

      const done = await submitMultipart(
        recipient,
        url,
        url,
        {
          [field('micro_project')]: '3.000,00',
          [field('minijob')]: '5.200,00',
          reason: 'Zwei Mikroprojekte',
        },
        { field: 'attachment', name: 'angebot.pdf', bytes: TINY_PDF },
      )
      assert.equal(done.statusCode, 303, done.body.slice(0, 400))
      const [req] = await requestsOf(g.id)
      assert.equal(req?.kind, 'costs')
      assert.deepEqual(req?.newCosts, { [String(Y)]: { micro_project: 300_000, minijob: 520_000 } })
      const files = await t.deps.db
        .select()
        .from(fundingChangeFiles)
        .where(eq(fundingChangeFiles.changeRequestId, req!.id))
      assert.equal(files.length, 1)
      assert.equal((await audits('funding.change.file', g.id)).length, 1)
      const listed = await recipient.get(overview)
      assert.match(listed.body, /Änderungsantrag ist eingegangen/)
      assert.match(listed.body, /eingereicht, wird geprüft/)
      // one open request per grant
      const second = await submitMultipart(recipient, `${overview}/zweck`, `${overview}/zweck`, {
        purpose: 'Neu',
        reason: 'Noch etwas',
      })
      assert.equal(second.statusCode, 400)
      assert.match(second.body, /schon ein Änderungsantrag in Prüfung/)

      // the attachment: the recipient and reviewers download it, another organisation does not
      const [stored] = await t.deps.db
        .select({ id: fundingChangeFiles.fileId })
        .from(fundingChangeFiles)
        .where(eq(fundingChangeFiles.changeRequestId, req!.id))
      const fileUrl = `/dateien/${stored!.id}/angebot.pdf`
      assert.equal((await recipient.get(fileUrl)).statusCode, 200)
      const other = await newGrant()
      const otherClient = new Client(t.app)
      await otherClient.signIn(other.email, MSO_REGISTRATION.password)
      assert.notEqual((await otherClient.get(fileUrl)).statusCode, 200)
      assert.equal(
        (await otherClient.get(overview)).statusCode,
        404,
        'another recipient’s grant does not exist',
      )

      // the officer accepts: the amendment is proposed through proposeAmendment in the same step
      const staffClient = new Client(t.app)
      await t.createUser('officer2@changes.example', ['funding_officer'])
      await staffClient.signIn('officer2@changes.example')
      // the payments dashboard names the open change requests and links to them
      const openNow = (
        await t.deps.db
          .select()
          .from(fundingChangeRequests)
          .where(eq(fundingChangeRequests.status, 'submitted'))
      ).length
      assert.ok(openNow >= 1)
      assert.match(
        (await staffClient.get('/foerderung/verwaltung/zahlungen')).body,
        new RegExp(`href="/foerderung/verwaltung/aenderungen">Offene Änderungsanträge: ${openNow}<`),
      )
      const staffPage = await staffClient.get(`/foerderung/verwaltung/aenderungen/${req!.id}`)
      assert.equal(staffPage.statusCode, 200)
      assert.match(staffPage.body, /Zwei Mikroprojekte/)
      assert.match(staffPage.body, /\+50 %/, 'the shift of the item in percent')
      assert.match((await staffClient.get(fileUrl)).headers['content-type'] as string, /pdf/)
      const decide = `/foerderung/verwaltung/aenderungen/${req!.id}/entscheidung`
      const noDecision = await staffClient.submit(`/foerderung/verwaltung/aenderungen/${req!.id}`, decide, {})
      assert.equal(noDecision.statusCode, 400)
      assert.match(noDecision.body, /ob Sie den Antrag annehmen oder ablehnen/)
      const accepted = await staffClient.submit(`/foerderung/verwaltung/aenderungen/${req!.id}`, decide, {
        decision: 'accept',
        note: 'Plausibel.',
      })
      assert.equal(accepted.statusCode, 303)
      const [after1] = await requestsOf(g.id)
      assert.equal(after1?.status, 'accepted')
      const [amendment] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.applicationId, g.id))
      assert.equal(after1?.amendmentId, amendment?.id)
      assert.equal(amendment?.status, 'proposed')
      assert.equal(amendment?.changeRequestId, req!.id)
      assert.deepEqual(amendment?.newCosts, { [String(Y)]: { micro_project: 300_000, minijob: 520_000 } })
      assert.deepEqual(amendment?.oldCosts, { [String(Y)]: { micro_project: 200_000, minijob: 620_000 } })
      assert.equal((await audits('funding.change.accept', g.id)).length, 1)
      assert.equal((await audits('funding.amendment.propose', g.id)).length, 1)

      // a second person approves: the amending notice, the new cost plan
      assert.equal(must(await approveAmendment(t.deps, approver, g.id, amendment!.id)), 2)
      const costs = await t.deps.db
        .select({ category: fundingCostItems.category, cents: fundingCostItems.amountCents })
        .from(fundingCostItems)
        .where(eq(fundingCostItems.applicationId, g.id))
        .orderBy(fundingCostItems.category)
      assert.deepEqual(
        costs.map((c) => [c.category, Number(c.cents)]),
        [
          ['micro_project', 300_000],
          ['minijob', 520_000],
        ],
      )
      const [notice] = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(and(eq(fundingNotices.applicationId, g.id), eq(fundingNotices.version, 2)))
      assert.equal(notice?.kind, 'amending')
      const text = await pdfText(notice!.pdf)
      assert.match(text, /Finanzierungsplan wird in den zuwendungsfähigen Ausgaben neu gefasst/)
      assert.match(text, /Mikroprojekt: 3\.000,00/)
      assert.match((await recipient.get(overview)).body, /Änderungsbescheid erlassen/)
    })

    it('a period change keeps every granted year; accepted and approved, the period is the new one', async () => {
      const g = await newGrant()
      const refused = await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
        kind: 'period',
        periodStart: `${Y + 1}-01-01`,
        periodEnd: `${Y + 1}-12-31`,
        reason: 'Später',
      })
      assert.equal(problemKey(refused), 'funding.change.error.grantYearOutside')
      const same = await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
        kind: 'period',
        periodStart: `${Y}-01-01`,
        periodEnd: `${Y}-12-31`,
        reason: 'Gleich',
      })
      assert.equal(problemKey(same), 'funding.change.error.samePeriod')
      const id = must(
        await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
          kind: 'period',
          periodStart: `${Y}-03-01`,
          periodEnd: `${Y}-12-31`,
          reason: 'Die Räume sind erst ab März frei.',
        }),
      )
      // a recipient never decides, an approver (not an officer) neither
      const selfDecide = await decideChangeRequest(t.deps, g.actor, g.who, id, {
        decision: 'accept',
        note: '',
      })
      assert.equal(problemKey(selfDecide), 'funding.changeStaff.error.mayNotDecide')
      const decided = must(
        await decideChangeRequest(t.deps, officer, officerWho(), id, { decision: 'accept', note: '' }),
      )
      assert.ok(decided.amendmentId)
      must(await approveAmendment(t.deps, approver, g.id, decided.amendmentId))
      const [app] = await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, g.id))
      assert.equal(app?.periodStart, `${Y}-03-01`)
      const again = await decideChangeRequest(t.deps, officer, officerWho(), id, {
        decision: 'reject',
        note: 'x',
      })
      assert.equal(problemKey(again), 'funding.changeStaff.error.notOpen')
    })

    it('a purpose change rejected needs reasons; an acceptance the amendment refuses leaves nothing half-saved', async () => {
      const g = await newGrant()
      const same = await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
        kind: 'purpose',
        purpose: 'Begegnung und Spracherwerb im Stadtteil',
        reason: 'x',
      })
      assert.equal(problemKey(same), 'funding.change.error.samePurpose')
      const id = must(
        await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
          kind: 'purpose',
          purpose: 'Begegnung, Spracherwerb und Elternarbeit im Stadtteil',
          reason: 'Elternarbeit kommt hinzu.',
        }),
      )
      // an officer's own amendment proposal is open: proposeAmendment refuses, the request stays open
      must(
        await proposeAmendment(t.deps, officer, g.id, {
          amounts: { [Y]: 900_000 },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y}-12-31`,
          specialConditions: [],
          reason: 'Kürzung',
        }),
      )
      const blocked = await decideChangeRequest(t.deps, officer, officerWho(), id, {
        decision: 'accept',
        note: '',
      })
      assert.equal(problemKey(blocked), 'funding.amend.error.open')
      const [still] = await requestsOf(g.id)
      assert.equal(still?.status, 'submitted')
      assert.equal(still?.amendmentId, null)
      assert.equal((await audits('funding.change.accept', g.id)).length, 0)
      assert.equal(
        (await t.deps.db.select().from(fundingAmendments).where(eq(fundingAmendments.applicationId, g.id)))
          .length,
        1,
        'only the officer’s own proposal',
      )
      const noReason = await decideChangeRequest(t.deps, officer, officerWho(), id, {
        decision: 'reject',
        note: ' ',
      })
      assert.equal(problemKey(noReason), 'funding.changeStaff.error.noteRequired')
      must(
        await decideChangeRequest(t.deps, officer, officerWho(), id, {
          decision: 'reject',
          note: 'Elternarbeit ist nicht Zweck der Förderlinie.',
        }),
      )
      const [rejected] = await requestsOf(g.id)
      assert.equal(rejected?.status, 'rejected')
      assert.equal((await audits('funding.change.reject', g.id)).length, 1)
    })

    it('an approved purpose change rewrites the purpose on the amending notice', async () => {
      const g = await newGrant()
      const id = must(
        await fileChangeRequest(t.deps, g.actor, g.who, g.id, {
          kind: 'purpose',
          purpose: 'Begegnung, Spracherwerb und Elternarbeit im Stadtteil',
          reason: 'Elternarbeit kommt hinzu.',
        }),
      )
      const { amendmentId } = must(
        await decideChangeRequest(t.deps, officer, officerWho(), id, { decision: 'accept', note: '' }),
      )
      must(await approveAmendment(t.deps, approver, g.id, amendmentId!))
      const [app] = await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, g.id))
      assert.equal(app?.aims, 'Begegnung, Spracherwerb und Elternarbeit im Stadtteil')
      const [notice] = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(and(eq(fundingNotices.applicationId, g.id), eq(fundingNotices.version, 2)))
      assert.match(
        await pdfText(notice!.pdf),
        /Zuwendungszweck wird neu gefasst: Begegnung, Spracherwerb und Elternarbeit/,
      )
    })

    it('notifications are recorded with their consequence; an insolvency holds payments until dealt with', async () => {
      const staff = { officer, approver }
      const g = await grantThisYear(t.deps, staff, {
        email: 'insolvenz@changes.example',
        organisationName: 'Insolvenzverein e. V.',
        registerNumber: 'VR 8999',
      })
      const today = berlinDay()
      const approverWho = staffWho(approver, ['funding.review', 'funding.approve'])
      const pay = { year: THIS_YEAR, amountCents: 100_000, dueOn: today, purpose: 'Honorare' }
      const checked = must(await requestPayment(t.deps, g.actor, g.who, g.id, pay))
      must(
        await checkPayment(t.deps, officer, officerWho(), checked, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
      )

      const noAmount = await recordNotification(t.deps, g.actor, g.who, g.id, {
        kind: 'savings',
        occurredOn: today,
        details: 'Raummiete günstiger',
        amountCents: null,
      })
      assert.equal(problemKey(noAmount), 'funding.notify.error.amount')
      must(
        await recordNotification(t.deps, g.actor, g.who, g.id, {
          kind: 'savings',
          occurredOn: today,
          details: 'Raummiete günstiger',
          amountCents: 50_000,
        }),
      )
      // through the portal, without JavaScript
      const recipient = new Client(t.app)
      await recipient.signIn('insolvenz@changes.example', MSO_REGISTRATION.password)
      const url = `/foerderung/antraege/${g.id}/mitteilung`
      const bad = await submitMultipart(recipient, url, url, { kind: '', occurredOn: '', details: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /id="feld-kind-error"[\s\S]*?Wählen Sie aus, was Sie mitteilen/)
      assert.match(bad.body, /id="feld-details-error"/)
      const sent = await submitMultipart(recipient, url, url, {
        kind: 'insolvency',
        occurredOn: today,
        details: 'Insolvenzantrag gestellt',
      })
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 300))
      const rows = await t.deps.db
        .select()
        .from(fundingNotifications)
        .where(eq(fundingNotifications.applicationId, g.id))
      assert.deepEqual(rows.map((r) => [r.kind, r.consequence]).sort(), [
        ['insolvency', 'payments_held'],
        ['savings', 'grant_review'],
      ])
      assert.match(
        (await recipient.get(`/foerderung/antraege/${g.id}/aenderungen`)).body,
        /Auszahlungen sind angehalten/,
      )

      const requested = await requestPayment(t.deps, g.actor, g.who, g.id, pay)
      assert.equal(problemKey(requested), 'funding.pay.error.insolvency')
      const released = await releasePayment(t.deps, approver, approverWho, checked)
      assert.equal(problemKey(released), 'funding.payStaff.error.insolvency')

      const insolvency = rows.find((r) => r.kind === 'insolvency')!
      const staffClient = new Client(t.app)
      await staffClient.signIn('officer@changes.example')
      const dashboard = await staffClient.get('/foerderung/verwaltung/aenderungen')
      assert.match(dashboard.body, /Insolvenzantrag gestellt/)
      const handled = await staffClient.submit(
        '/foerderung/verwaltung/aenderungen',
        `/foerderung/verwaltung/mitteilungen/${insolvency.id}/erledigt`,
        {},
      )
      assert.equal(handled.statusCode, 303)
      const twice = await handleNotification(t.deps, officer, officerWho(), insolvency.id, '')
      assert.equal(problemKey(twice), 'funding.changeStaff.error.handled')
      must(await releasePayment(t.deps, approver, approverWho, checked))
      assert.equal((await audits('funding.notification.handle', g.id)).length, 1)
    })
  })
}
