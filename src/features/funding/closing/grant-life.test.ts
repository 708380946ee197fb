import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { must, seedProgramme } from '../../../../test/helpers/funding'
import { grantThisYear, staffWho, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { berlinDay } from '../../../platform/days'
import { problemKey } from '../../../platform/outcome'
import { checkPayment, releasePayment, requestPayment } from '../payments/manage-payments'
import { type ProofInput, reviewProof, submitProof } from '../proof/manage-proofs'
import {
  fundingClosings,
  fundingGrantAccounts,
  fundingLedgerEntries,
  fundingPayments,
  fundingProofReceipts,
  fundingProofs,
} from '../tables'
import { repaymentInterest } from './interest'
import { closingOf, issueFinalNotice, openHearing, recordRepayment } from './manage-closing'

const Y = THIS_YEAR
const today = berlinDay()

/** The MSO grant of the test helpers: micro-project 3,000 €, minijob 7,200 €, own money 200 €, grant 10,000 € (Fehlbedarf). */
const proof = (over: Partial<ProofInput> = {}): ProofInput => ({
  period: 'final',
  answers: {
    goals: 'Sprachcafé aufgebaut',
    activities: '40 Treffen',
    reach: '120 Menschen',
    cooperation: 'Monatlich',
  },
  report: 'Wie geplant.',
  actual: { micro_project: 180_000, minijob: 720_000 },
  actualOwnCents: 20_000,
  actualThirdPartyCents: 0,
  receiptsCsv: [
    'datum;empfaenger;zweck;betrag;position',
    `${Y}-02-01;Druckerei;Flyer;1.800,00;micro_project`,
    `${Y}-03-31;Minijobberin;Lohn Q1;3.600,00;Minijob`,
    `${Y}-06-30;Minijobberin;Lohn Q2;3.600,00;minijob`,
  ].join('\n'),
  hoursCsv: '',
  ...over,
})

for (const kind of dbKinds()) {
  describe(`the life of a grant: payment, proof of use, final notice, repayment (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    const officerWho = () => staffWho(officer, ['funding.review', 'funding.propose'])
    const approverWho = () => staffWho(approver, ['funding.review', 'funding.approve'])

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@life.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@life.example', ['funding_approver']), label: 'approver' }
    })
    after(() => t.close())

    it('runs from the payments to the settled repayment, each step in its own transaction', async () => {
      const g = await grantThisYear(t.deps, { officer, approver }, { email: 'life@proof.example' })
      // two instalments; the final one is held back until the proof is accepted
      const first = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 600_000,
          dueOn: today,
          purpose: 'Rate 1',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), first, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
      )
      must(await releasePayment(t.deps, approver, approverWho(), first))
      const last = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 400_000,
          dueOn: today,
          purpose: 'Rest',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), last, {
          decision: 'check',
          hold: true,
          reason: '',
        }),
      )
      assert.equal(
        problemKey(await releasePayment(t.deps, approver, approverWho(), last)),
        'funding.payStaff.error.held',
      )

      // receipts that do not add up: refused on the line, nothing saved
      const short = await submitProof(
        t.deps,
        g.actor,
        g.who,
        g.id,
        proof({ actual: { micro_project: 190_000, minijob: 720_000 } }),
      )
      assert.equal(short.ok, false)
      assert.deepEqual(!short.ok && short.problems.map((p) => [p.field, p.key]), [
        ['actual_micro_project', 'funding.proof.error.receiptsDoNotAddUp'],
      ])
      // a bad CSV row: refused with its row number, nothing saved
      const badRow = await submitProof(
        t.deps,
        g.actor,
        g.who,
        g.id,
        proof({
          receiptsCsv: `datum;empfaenger;zweck;betrag;position\n${Y}-02-01;;Flyer;zwölf;micro_project`,
        }),
      )
      assert.equal(!badRow.ok && badRow.problems[0]?.field, 'receipts')
      assert.deepEqual(!badRow.ok && badRow.problems[0]?.rows?.map((r) => [r.row, r.key]), [
        [2, 'funding.proof.csv.payee'],
        [2, 'funding.proof.csv.amount'],
      ])
      // a missing answer of the narrative report
      const noAnswer = await submitProof(t.deps, g.actor, g.who, g.id, proof({ answers: { goals: 'x' } }))
      assert.ok(!noAnswer.ok && noAnswer.problems.some((p) => p.field === 'q_activities'))
      const none = await t.deps.db.select().from(fundingProofs).where(eq(fundingProofs.applicationId, g.id))
      assert.equal(none.length, 0, 'nothing half-saved')

      const proofId = must(await submitProof(t.deps, g.actor, g.who, g.id, proof()))
      assert.equal(
        (await t.deps.db.select().from(fundingProofReceipts).where(eq(fundingProofReceipts.proofId, proofId)))
          .length,
        3,
      )
      // a proof is submitted once
      assert.equal(
        problemKey(await submitProof(t.deps, g.actor, g.who, g.id, proof())),
        'funding.proof.error.twice',
      )
      // an unknown period, or someone else's grant
      assert.equal(
        problemKey(await submitProof(t.deps, g.actor, g.who, g.id, proof({ period: '1999' }))),
        'funding.proof.error.period',
      )
      const stranger = { ...g.who, organisationId: '00000000-0000-4000-8000-000000000000' }
      assert.equal(
        problemKey(await submitProof(t.deps, g.actor, stranger, g.id, proof())),
        'ui.errorPage.404.text',
      )

      // review: not more than stated, findings when less is accepted, recipients may not review
      assert.equal(
        problemKey(
          await reviewProof(t.deps, officer, officerWho(), proofId, {
            checkKind: 'summary',
            findings: '',
            acceptedCents: 900_001,
          }),
        ),
        'funding.proofStaff.error.acceptedTooMuch',
      )
      assert.equal(
        problemKey(
          await reviewProof(t.deps, officer, officerWho(), proofId, {
            checkKind: 'in_depth',
            findings: ' ',
            acceptedCents: 880_000,
          }),
        ),
        'funding.proofStaff.error.findingsRequired',
      )
      assert.equal(
        problemKey(
          await reviewProof(t.deps, g.actor, g.who, proofId, {
            checkKind: 'summary',
            findings: '',
            acceptedCents: 1,
          }),
        ),
        'funding.proofStaff.error.mayNotReview',
      )
      must(
        await reviewProof(t.deps, officer, officerWho(), proofId, {
          checkKind: 'in_depth',
          findings: 'Ein Druckauftrag von 200 € war nicht zuwendungsfähig.',
          acceptedCents: 880_000,
        }),
      )
      // acceptance released the hold: the final instalment can now be paid
      const [held] = await t.deps.db.select().from(fundingPayments).where(eq(fundingPayments.id, last))
      assert.equal(held?.heldUntilProof, false)
      must(await releasePayment(t.deps, approver, approverWho(), last))
      assert.equal(
        problemKey(
          await reviewProof(t.deps, officer, officerWho(), proofId, {
            checkKind: 'summary',
            findings: '',
            acceptedCents: 1,
          }),
        ),
        'funding.proofStaff.error.reviewed',
      )

      // hearing: Fehlbedarf — accepted 8,800 € minus own money 200 € = 8,600 € grant; 10,000 € paid → 1,400 € back
      const until = `${Y + 1}-01-31`
      assert.equal(
        problemKey(await openHearing(t.deps, officer, officerWho(), g.id, { until: '2000-01-01' })),
        'funding.closing.error.until',
      )
      must(await openHearing(t.deps, officer, officerWho(), g.id, { until }))
      assert.equal(
        problemKey(await openHearing(t.deps, officer, officerWho(), g.id, { until })),
        'funding.closing.error.exists',
      )
      const hearing = (await closingOf(t.deps.db, g.id))!
      assert.equal(Number(hearing.finalGrantCents), 860_000)
      assert.equal(Number(hearing.repaymentCents), 140_000)
      const paidOn = berlinDay(
        (await t.deps.db.select().from(fundingPayments).where(eq(fundingPayments.id, last)))[0]!.releasedAt!,
      )
      assert.equal(
        Number(hearing.interestCents),
        repaymentInterest([{ paidOn, cents: 400_000 }], 140_000, until),
      )
      assert.ok(Number(hearing.interestCents) > 0)
      assert.equal(
        problemKey(
          await recordRepayment(t.deps, officer, officerWho(), g.id, { amountCents: 100, receivedOn: today }),
        ),
        'funding.closing.error.notClaimed',
      )

      // the final notice: four eyes — not the reviewer (who lacks funding.approve anyway), the approver
      assert.equal(
        problemKey(
          await issueFinalNotice(
            t.deps,
            officer,
            staffWho(officer, ['funding.review', 'funding.approve']),
            g.id,
            { hearingReply: '' },
          ),
        ),
        'funding.closing.error.mayNotClose',
      )
      must(await issueFinalNotice(t.deps, approver, approverWho(), g.id, { hearingReply: 'Keine Einwände.' }))
      const claimed = (await closingOf(t.deps.db, g.id))!
      assert.equal(claimed.status, 'claimed')
      assert.equal(Buffer.from(claimed.noticePdf!).subarray(0, 5).toString(), '%PDF-')

      // incoming repayments: not beyond the claim, interest first, the principal posted in the ledger
      const total = Number(claimed.repaymentCents) + Number(claimed.interestCents)
      const tooMuch = await recordRepayment(t.deps, officer, officerWho(), g.id, {
        amountCents: total + 1,
        receivedOn: today,
      })
      assert.equal(problemKey(tooMuch), 'funding.closing.error.tooMuch')
      assert.equal(
        problemKey(
          await recordRepayment(t.deps, officer, officerWho(), g.id, { amountCents: 0, receivedOn: today }),
        ),
        'funding.closing.error.zero',
      )
      must(
        await recordRepayment(t.deps, officer, officerWho(), g.id, {
          amountCents: 100_000,
          receivedOn: today,
        }),
      )
      must(
        await recordRepayment(t.deps, officer, officerWho(), g.id, {
          amountCents: total - 100_000,
          receivedOn: today,
        }),
      )
      const settled = (await closingOf(t.deps.db, g.id))!
      assert.equal(settled.status, 'settled')
      assert.equal(Number(settled.repaidCents), total)
      const repayments = await t.deps.db
        .select()
        .from(fundingLedgerEntries)
        .where(and(eq(fundingLedgerEntries.applicationId, g.id), eq(fundingLedgerEntries.kind, 'repayment')))
      assert.equal(
        repayments.reduce((s, r) => s + Number(r.amountCents), 0),
        140_000,
        'the ledger holds the principal, the interest stays on the claim',
      )
      const [account] = await t.deps.db
        .select()
        .from(fundingGrantAccounts)
        .where(eq(fundingGrantAccounts.applicationId, g.id))
      assert.equal(Number(account!.paidCents) - Number(account!.repaidCents), 860_000)
      assert.equal(
        problemKey(
          await recordRepayment(t.deps, officer, officerWho(), g.id, { amountCents: 1, receivedOn: today }),
        ),
        'funding.closing.error.notClaimed',
      )
      const actions = (await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, g.id))).map(
        (a) => a.action,
      )
      for (const a of ['funding.closing.hearing', 'funding.closing.notice', 'funding.closing.repayment']) {
        assert.ok(actions.includes(a), a)
      }
      assert.equal((await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, proofId))).length, 2)
    })

    it('refuses a second proof arriving at the same moment through the unique index', async () => {
      const g = await grantThisYear(
        t.deps,
        { officer, approver },
        { email: 'twice@proof.example', organisationName: 'Zweimal e. V.', registerNumber: 'VR 8801' },
      )
      const results = await Promise.all([
        submitProof(t.deps, g.actor, g.who, g.id, proof()),
        submitProof(t.deps, g.actor, g.who, g.id, proof()),
      ])
      assert.equal(results.filter((r) => r.ok).length, 1)
      assert.equal(results.map((r) => problemKey(r)).filter(Boolean)[0], 'funding.proof.error.twice')
      assert.equal(
        (await t.deps.db.select().from(fundingProofs).where(eq(fundingProofs.applicationId, g.id))).length,
        1,
      )
      assert.equal(
        (await t.deps.db.select().from(fundingClosings).where(eq(fundingClosings.applicationId, g.id)))
          .length,
        0,
      )
    })
  })
}
