import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, asc, eq, sql } from 'drizzle-orm'
import { extractText, getDocumentProxy } from 'unpdf'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { dbError, noticeImmutable } from '../../../../test/helpers/errors'
import {
  lineId,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../../test/helpers/funding'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { mailOutbox } from '../../../platform/mail/tables'
import { setBudget } from '../programme/manage-lines'
import { applicationBundle } from '../queries'
import {
  fundingAmendments,
  fundingApplications,
  fundingBudgets,
  fundingFinancing,
  fundingGrants,
  fundingNotices,
} from '../tables'
import { type AmendmentInput, approveAmendment, proposeAmendment, rejectAmendment } from './amend-grant'
import { confirmApproval, proposeDecision } from './decide-application'

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  return ((await extractText(doc, { mergePages: true })).text as string).replace(/\s+/g, ' ')
}

const Y = NEXT_YEAR
const ANBEST_COUNT_NOTE = 'Der Sachbericht ist zusätzlich zum 30.09. vorzulegen.'

for (const kind of dbKinds()) {
  describe(`amending grant notices (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let both: Actor
    let msoLine: string
    let orgCounter = 0
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@rp.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@rp.example', ['funding_approver']), label: 'approver' }
      both = {
        id: await t.createUser('both@rp.example', ['funding_officer', 'funding_approver']),
        label: 'both',
      }
      msoLine = await lineId(t.deps, 'MSO')
    })
    after(() => t.close())

    /** An MSO grant of 10,000 € for next year (period 1 January – 31 December), notice version 1. */
    async function approvedGrant() {
      const n = ++orgCounter
      const { orgId, actor } = await registerMso(t.deps, {
        email: `verein${n}@example.org`,
        organisationName: `Verein ${n} e. V.`,
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approver, id))
      return { id, email: `verein${n}@example.org` }
    }

    async function committed(year: number): Promise<number> {
      const [row] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, msoLine), eq(fundingBudgets.year, year)))
      return Number(row!.committedCents)
    }

    async function notices(id: string) {
      return t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
        .orderBy(asc(fundingNotices.version))
    }

    const unchanged = (over: Partial<AmendmentInput> = {}): AmendmentInput => ({
      amounts: { [Y]: 1_000_000 },
      periodStart: `${Y}-01-01`,
      periodEnd: `${Y}-12-31`,
      specialConditions: [
        'Die Allgemeinen Nebenbestimmungen (ANBest-P bzw. für Gebietskörperschaften ANBest-GK) sind Bestandteil dieses Bescheids.',
      ],
      reason: 'Änderungsantrag',
      ...over,
    })

    it('proposes, approves by a second person, adjusts the budget by the difference and issues version 2', async () => {
      const { id, email } = await approvedGrant()
      const other = await approvedGrant()
      const own = await proposeAmendment(
        t.deps,
        both,
        other.id,
        unchanged({ reason: 'x', amounts: { [Y]: 900_000 } }),
      )
      assert.ok(own.ok)
      const before1 = await committed(Y)
      const before2 = await committed(Y + 1)
      const [v1] = await notices(id)
      const current = (await applicationBundle(t.deps.db, id))!
      const conditions = (v1!.facts as { specialConditions: string[] }).specialConditions
      assert.ok(conditions.length > 0)

      const amendment = must(
        await proposeAmendment(t.deps, officer, id, {
          amounts: { [Y]: 1_020_000, [Y + 1]: 500_000 },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y + 1}-06-30`,
          specialConditions: [...conditions, ANBEST_COUNT_NOTE],
          reason: 'Änderungsantrag des Vereins vom 3. März: Verlängerung um ein halbes Jahr.',
        }),
      )
      // a proposal changes nothing yet
      assert.equal(await committed(Y), before1)
      assert.deepEqual((await applicationBundle(t.deps.db, id))!.grants, current.grants)
      // one open proposal at a time
      const second = await proposeAmendment(t.deps, both, id, unchanged({ amounts: { [Y]: 900_000 } }))
      assert.equal(second.ok ? null : second.problems[0]?.key, 'funding.amend.error.open')

      // four eyes: the proposer cannot approve or reject, even holding the approver role
      const ownId = own.ok ? own.value : ''
      const ownApp = (
        await t.deps.db.select().from(fundingAmendments).where(eq(fundingAmendments.id, ownId))
      )[0]!
      const selfApprove = await approveAmendment(t.deps, both, ownApp.applicationId, ownId)
      assert.equal(selfApprove.ok ? null : selfApprove.problems[0]?.key, 'funding.amend.error.fourEyes')
      const selfReject = await rejectAmendment(t.deps, both, ownApp.applicationId, ownId, 'nein')
      assert.equal(selfReject.ok ? null : selfReject.problems[0]?.key, 'funding.amend.error.fourEyes')
      // … and the database refuses it too
      await assert.rejects(
        t.deps.db
          .update(fundingAmendments)
          .set({ status: 'rejected', decidedBy: both.id, decidedAt: new Date() })
          .where(eq(fundingAmendments.id, ownId)),
        dbError(/funding_amendments_four_eyes/),
      )

      const version = must(await approveAmendment(t.deps, approver, id, amendment))
      assert.equal(version, 2)
      const again = await approveAmendment(t.deps, both, id, amendment)
      assert.equal(again.ok ? null : again.problems[0]?.key, 'funding.amend.error.notOpen')

      assert.equal(await committed(Y), before1 + 20_000)
      assert.equal(await committed(Y + 1), before2 + 500_000)
      const b = (await applicationBundle(t.deps.db, id))!
      assert.deepEqual(b.grants, [
        { year: Y, cents: 1_020_000 },
        { year: Y + 1, cents: 500_000 },
      ])
      assert.equal(b.app.periodEnd, `${Y + 1}-06-30`)
      assert.equal(b.app.status, 'approved')

      const [first, amending] = await notices(id)
      assert.ok(Buffer.from(first!.pdf).equals(Buffer.from(v1!.pdf)), 'version 1 is untouched')
      assert.deepEqual(first!.facts, v1!.facts)
      assert.equal(amending!.kind, 'amending')
      assert.equal(amending!.version, 2)
      assert.equal(amending!.amendsId, v1!.id)

      const text = await pdfText(amending!.pdf)
      const issued = (v1!.facts as { issuedOn: string }).issuedOn.split('-').reverse().join('.')
      for (const expected of [
        'Änderungsbescheid',
        `zum Zuwendungsbescheid vom ${issued}, Aktenzeichen ${b.app.fileNumber}`,
        `Zuwendung Haushaltsjahr ${Y}: bisher 10.000,00 € → neu 10.200,00 €`,
        `Zuwendung Haushaltsjahr ${Y + 1}: bisher 0,00 € → neu 5.000,00 €`,
        `Bewilligungszeitraum: bisher 01.01.${Y} bis 31.12.${Y} → neu 01.01.${Y} bis 30.06.${Y + 1}`,
        'Verlängerung um ein halbes Jahr',
        'nunmehr insgesamt höchstens 15.200,00 €',
        `Haushaltsjahr ${Y}: höchstens 10.200,00 €`,
        `Haushaltsjahr ${Y + 1}: höchstens 5.000,00 €`,
        'Fehlbedarfsfinanzierung',
        `${Y + 1}: Eigenmittel 0,00 €, Drittmittel 0,00 €, Zuwendung 5.000,00 €`,
        'ANBest-P',
        ANBEST_COUNT_NOTE,
        `Verwendung der Zuwendung ist bis zum 31.12.${Y + 1} nachzuweisen`,
        'Rechtsbehelfsbelehrung',
      ]) {
        assert.ok(text.includes(expected), `amending notice mentions ${expected}\n${text}`)
      }

      // old and new versions stay immutable
      for (const v of [1, 2]) {
        await assert.rejects(
          t.deps.db
            .update(fundingNotices)
            .set({ kind: 'initial' })
            .where(and(eq(fundingNotices.applicationId, id), eq(fundingNotices.version, v))),
          noticeImmutable,
        )
        await assert.rejects(
          t.deps.db
            .delete(fundingNotices)
            .where(and(eq(fundingNotices.applicationId, id), eq(fundingNotices.version, v))),
          noticeImmutable,
        )
      }
      // an amending notice must reference the notice it amends
      await assert.rejects(
        t.deps.db
          .insert(fundingNotices)
          .values({ applicationId: id, version: 3, kind: 'amending', pdf: Buffer.from('x'), facts: {} }),
        dbError(/funding_notices_amends/),
      )

      const actions = (
        await t.deps.db
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(eq(auditLog.entityId, id))
          .orderBy(asc(auditLog.id))
      ).map((r) => r.action)
      assert.deepEqual(actions.slice(-3), [
        'funding.amendment.propose',
        'funding.amendment.approve',
        'funding.notice.issue',
      ])
      const mails = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))
      assert.ok(mails.some((m) => m.subject.startsWith('Änderungsbescheid')))
    })

    it('rejects a proposal with reasons (nothing changes), and a decrease frees budget, chained as version 3', async () => {
      const { id } = await approvedGrant()
      const before = await committed(Y)
      const proposal = must(
        await proposeAmendment(
          t.deps,
          officer,
          id,
          unchanged({ amounts: { [Y]: 600_000 }, reason: 'Teilwiderruf' }),
        ),
      )
      must(await rejectAmendment(t.deps, approver, id, proposal, 'Anhörung fehlt noch.'))
      const [rejected] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, proposal))
      assert.equal(rejected!.status, 'rejected')
      assert.equal(rejected!.rejectionReasons, 'Anhörung fehlt noch.')
      const [audit] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'funding.amendment.reject')))
      assert.deepEqual(audit!.summary, { amendment: proposal, reasons: 'Anhörung fehlt noch.' })
      assert.equal(await committed(Y), before)
      assert.equal((await notices(id)).length, 1)
      const approveRejected = await approveAmendment(t.deps, approver, id, proposal)
      assert.equal(
        approveRejected.ok ? null : approveRejected.problems[0]?.key,
        'funding.amend.error.notOpen',
      )

      // partial revocation: 10,000 € → 6,000 €
      const decrease = must(
        await proposeAmendment(
          t.deps,
          officer,
          id,
          unchanged({ amounts: { [Y]: 600_000 }, reason: 'Teilwiderruf nach Anhörung' }),
        ),
      )
      assert.equal(must(await approveAmendment(t.deps, approver, id, decrease)), 2)
      assert.equal(await committed(Y), before - 400_000)
      const more = must(
        await proposeAmendment(
          t.deps,
          both,
          id,
          unchanged({ amounts: { [Y]: 800_000 }, reason: 'Nachbewilligung' }),
        ),
      )
      assert.equal(must(await approveAmendment(t.deps, approver, id, more)), 3)
      assert.equal(await committed(Y), before - 200_000)
      const list = await notices(id)
      assert.deepEqual(
        list.map((n) => [n.version, n.kind, n.amendsId]),
        [
          [1, 'initial', null],
          [2, 'amending', list[0]!.id],
          [3, 'amending', list[1]!.id],
        ],
      )
      const text = await pdfText(list[2]!.pdf)
      assert.ok(text.includes(`bisher 6.000,00 € → neu 8.000,00 €`))
      assert.ok(text.includes('(Fassung 2; dieser Bescheid ist Fassung 3)'))
    })

    it('refuses bad input with a clear message and writes nothing', async () => {
      const { id } = await approvedGrant()
      const count = async () =>
        (await t.deps.db.select().from(fundingAmendments).where(eq(fundingAmendments.applicationId, id)))
          .length
      const key = (r: { ok: boolean; problems?: { key: string }[] }) => (r.ok ? null : r.problems?.[0]?.key)
      const field = (r: { ok: boolean; problems?: { field: string }[] }) =>
        r.ok ? null : r.problems?.[0]?.field

      // not an approved grant
      const { orgId, actor } = await registerMso(t.deps, {
        email: 'offen@example.org',
        organisationName: 'Offen e. V.',
      })
      const pending = await submittedMsoApplication(t.deps, orgId, actor)
      assert.equal(
        key(await proposeAmendment(t.deps, officer, pending, unchanged())),
        'funding.amend.error.notApproved',
      )
      must(await submitApplication(t.deps, actor, pending, { declared: true }))
      assert.equal(
        key(await proposeAmendment(t.deps, officer, pending, unchanged())),
        'funding.amend.error.notApproved',
      )

      const negative = await proposeAmendment(t.deps, officer, id, unchanged({ amounts: { [Y]: -1 } }))
      assert.deepEqual([key(negative), field(negative)], ['funding.money.negative', `amend_${Y}`])
      const fraction = await proposeAmendment(t.deps, officer, id, unchanged({ amounts: { [Y]: 100.5 } }))
      assert.equal(key(fraction), 'funding.money.negative')
      const overCap = await proposeAmendment(t.deps, officer, id, unchanged({ amounts: { [Y]: 1_020_001 } }))
      assert.equal(key(overCap), 'funding.rule.yearCap')
      const tooLong = await proposeAmendment(
        t.deps,
        officer,
        id,
        unchanged({ periodEnd: `${Y + 2}-01-31`, amounts: { [Y]: 1_000_000 } }),
      )
      assert.deepEqual([key(tooLong), field(tooLong)], ['funding.rule.periodMax', 'periodEnd'])
      const backwards = await proposeAmendment(
        t.deps,
        officer,
        id,
        unchanged({ periodEnd: `${Y - 1}-12-31` }),
      )
      assert.equal(key(backwards), 'funding.rule.periodOrder')
      const outside = await proposeAmendment(
        t.deps,
        officer,
        id,
        unchanged({ amounts: { [Y]: 1_000_000, [Y + 1]: 100 } }),
      )
      assert.deepEqual(
        [key(outside), field(outside)],
        ['funding.amend.error.outsidePeriod', `amend_${Y + 1}`],
      )
      assert.equal(
        key(await proposeAmendment(t.deps, officer, id, unchanged({ amounts: { [Y]: 0 } }))),
        'funding.amend.error.zero',
      )
      assert.equal(
        key(await proposeAmendment(t.deps, officer, id, unchanged())),
        'funding.amend.error.noChange',
      )

      // an increase beyond what remains of the line's budget
      const extended = unchanged({
        periodEnd: `${Y + 1}-06-30`,
        amounts: { [Y]: 1_000_000, [Y + 1]: 200_000 },
      })
      must(await setBudget(t.deps.db, officer, msoLine, Y + 1, (await committed(Y + 1)) + 100_000))
      const beyond = await proposeAmendment(t.deps, officer, id, extended)
      assert.deepEqual([key(beyond), field(beyond)], ['funding.amend.error.budget', `amend_${Y + 1}`])
      assert.deepEqual(beyond.ok ? null : beyond.problems[0]?.params, {
        year: Y + 1,
        increase: 200_000,
        remaining: 100_000,
      })
      assert.equal(await count(), 0, 'no proposal was written')

      // the budget shrinks between proposal and approval: refused, nothing half-written
      const proposal = must(
        await proposeAmendment(
          t.deps,
          officer,
          id,
          unchanged({ periodEnd: `${Y + 1}-06-30`, amounts: { [Y]: 1_000_000, [Y + 1]: 100_000 } }),
        ),
      )
      must(await setBudget(t.deps.db, officer, msoLine, Y + 1, (await committed(Y + 1)) + 99_999))
      const committedBefore = await committed(Y + 1)
      const refused = await approveAmendment(t.deps, approver, id, proposal)
      assert.equal(key(refused), 'funding.amend.error.budget')
      const [still] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, proposal))
      assert.equal(still!.status, 'proposed')
      assert.equal(await committed(Y + 1), committedBefore)
      assert.equal((await notices(id)).length, 1)
      const b = (await applicationBundle(t.deps.db, id))!
      assert.deepEqual(b.grants, [{ year: Y, cents: 1_000_000 }])
      assert.equal(b.app.periodEnd, `${Y}-12-31`)
    })

    const n = kind === 'postgres' ? 40 : 12
    const fits = kind === 'postgres' ? 7 : 4
    it(`never overspends under ${n} ${kind === 'postgres' ? 'concurrent' : 'sequential'} amendment approvals`, async () => {
      const line = await lineId(t.deps, 'IL')
      const year = Y + 1
      const granted = 100_000
      const increase = 12_345
      const { orgId } = await registerMso(t.deps, {
        email: 'lotsen@example.org',
        organisationName: 'Lotsen e. V.',
      })
      const pairs: { app: string; amendment: string }[] = []
      for (let i = 0; i < n; i++) {
        const [app] = await t.deps.db
          .insert(fundingApplications)
          .values({
            lineId: line,
            organisationId: orgId,
            status: 'approved',
            fileNumber: `WIR-IL-AMEND-${i}`,
            title: `Lotsen ${i}`,
            aims: 'Begleitung',
            periodStart: `${year}-01-01`,
            periodEnd: `${year}-12-31`,
            proposedDecision: 'approve',
            proposedAmounts: { [String(year)]: granted },
            proposedBy: officer.id,
            decidedBy: approver.id,
            decidedAt: new Date(),
          })
          .returning({ id: fundingApplications.id })
        const appId = app!.id
        await t.deps.db
          .insert(fundingFinancing)
          .values({ applicationId: appId, year, ownCents: 0, thirdPartyCents: 0, requestedCents: granted })
        await t.deps.db.insert(fundingGrants).values({ applicationId: appId, year, amountCents: granted })
        await t.deps.db.insert(fundingNotices).values({
          applicationId: appId,
          version: 1,
          kind: 'initial',
          pdf: Buffer.from('%PDF-1.7\n'),
          facts: { issuedOn: `${Y - 1}-11-25`, specialConditions: [] },
        })
        const [a] = await t.deps.db
          .insert(fundingAmendments)
          .values({
            applicationId: appId,
            basedOnVersion: 1,
            oldAmounts: { [String(year)]: granted },
            newAmounts: { [String(year)]: granted + increase },
            oldPeriodStart: `${year}-01-01`,
            oldPeriodEnd: `${year}-12-31`,
            newPeriodStart: `${year}-01-01`,
            newPeriodEnd: `${year}-12-31`,
            oldSpecialConditions: [],
            newSpecialConditions: [],
            reason: 'Mehr Lotsinnen',
            proposedBy: officer.id!,
          })
          .returning({ id: fundingAmendments.id })
        pairs.push({ app: appId, amendment: a!.id })
      }
      // committed: the n initial grants; room for exactly `fits` increases (one cent short of another)
      await t.deps.db
        .update(fundingBudgets)
        .set({
          budgetCents: n * granted + fits * increase + increase - 1,
          committedCents: n * granted,
        })
        .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, year)))
      const approvers = [approver, both]
      const results =
        kind === 'postgres'
          ? await Promise.all(
              pairs.map((p, i) => approveAmendment(t.deps, approvers[i % 2]!, p.app, p.amendment)),
            )
          : await (async () => {
              const out = []
              for (const [i, p] of pairs.entries()) {
                out.push(await approveAmendment(t.deps, approvers[i % 2]!, p.app, p.amendment))
              }
              return out
            })()
      assert.equal(results.filter((r) => r.ok).length, fits)
      for (const r of results.filter((x) => !x.ok)) {
        assert.ok(
          !r.ok && /^funding\.(amend\.error\.budget|error\.budgetExceededDb)$/.test(r.problems[0]!.key),
        )
      }
      const [budget] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, year)))
      assert.equal(Number(budget!.committedCents), n * granted + fits * increase)
      assert.ok(Number(budget!.committedCents) <= Number(budget!.budgetCents))
      const [approvedCount] = await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(fundingAmendments)
        .innerJoin(fundingApplications, eq(fundingApplications.id, fundingAmendments.applicationId))
        .where(and(eq(fundingApplications.lineId, line), eq(fundingAmendments.status, 'approved')))
      assert.equal(Number(approvedCount!.n), fits)
      const [amendingNotices] = await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(fundingNotices)
        .innerJoin(fundingApplications, eq(fundingApplications.id, fundingNotices.applicationId))
        .where(and(eq(fundingApplications.lineId, line), eq(fundingNotices.kind, 'amending')))
      assert.equal(Number(amendingNotices!.n), fits, 'an amending notice exactly for each approval')
      const [grantSum] = await t.deps.db
        .select({ s: sql<string>`coalesce(sum(${fundingGrants.amountCents}), 0)::text` })
        .from(fundingGrants)
        .innerJoin(fundingApplications, eq(fundingApplications.id, fundingGrants.applicationId))
        .where(eq(fundingApplications.lineId, line))
      assert.equal(Number(grantSum!.s), Number(budget!.committedCents), 'grants and commitment agree')
    })
  })
}
