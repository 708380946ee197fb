import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { dbError } from '../../../test/helpers/errors'
import {
  lineId,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import type { Actor } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { applicationBundle } from './queries'
import { approveAmendment, proposeAmendment } from './review/amend-grant'
import { confirmApproval, proposeDecision } from './review/decide-application'
import { fundingAmendments, fundingApplications, fundingBudgets, fundingGrants } from './tables'

/**
 * Each layer that guards a funding invariant, proven on its own: where code checks early and the
 * database guards again, a test takes the early check out of play (a concurrent writer that commits
 * between the check and the transaction) so that only the layer under test can refuse.
 */
const Y = NEXT_YEAR

for (const kind of dbKinds()) {
  describe(`funding safety layers, each on its own (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let msoLine: string
    let n = 0
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@rp.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@rp.example', ['funding_approver']), label: 'approver' }
      msoLine = await lineId(t.deps, 'MSO')
    })
    afterEach(async () => {
      await t.deps.db.execute(sql`drop trigger if exists test_concurrent_commit on funding_applications`)
      await t.deps.db.execute(sql`drop trigger if exists test_concurrent_commit on funding_amendments`)
      await t.deps.db.execute(sql`drop function if exists test_concurrent_commit()`)
    })
    after(() => t.close())

    /** A submitted MSO application for 10,000 € next year, proposed for approval by the officer. */
    async function proposedApplication() {
      const i = ++n
      const { orgId, actor } = await registerMso(t.deps, {
        email: `layer${i}@example.org`,
        organisationName: `Schicht ${i} e. V.`,
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      return id
    }

    async function budgetRow(year: number) {
      const [row] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, msoLine), eq(fundingBudgets.year, year)))
      return { budget: Number(row!.budgetCents), committed: Number(row!.committedCents) }
    }

    /**
     * Simulates another approver committing money right after the early check: when `table` is
     * updated inside the decision's transaction, the budget of (MSO, year) is filled up to one cent.
     * The trigger's own change is part of that transaction and is rolled back with it.
     */
    async function concurrentCommitOn(table: 'funding_applications' | 'funding_amendments', year: number) {
      await t.deps.db.execute(
        sql.raw(`create function test_concurrent_commit() returns trigger language plpgsql as $$
          begin
            update funding_budgets set committed_cents = budget_cents - 1
              where line_id = '${msoLine}' and year = ${year};
            return new;
          end $$`),
      )
      await t.deps.db.execute(
        sql.raw(`create trigger test_concurrent_commit before update on ${table}
          for each row execute function test_concurrent_commit()`),
      )
    }

    it('approval: the guarded budget UPDATE refuses what no longer fits after the early check', async () => {
      const id = await proposedApplication()
      const before = await budgetRow(Y)
      assert.ok(before.budget - before.committed >= 1_000_000, 'the early check sees enough money')
      await concurrentCommitOn('funding_applications', Y)

      const r = await confirmApproval(t.deps, approver, id)
      // The code's guard answers (with the remaining amount), not the CHECK constraint behind it.
      assert.deepEqual(r, {
        ok: false,
        problems: [
          {
            field: '_form',
            key: 'funding.error.budgetExceeded',
            params: { year: Y, amount: '10.000,00 €', remaining: '0,01 €' },
          },
        ],
      })
      // Nothing half-written: still proposed, no grant, no notice, budget as before, no approval audited.
      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.app.status, 'proposed')
      assert.deepEqual(b.grants, [])
      assert.equal(b.notices.length, 0)
      assert.deepEqual(await budgetRow(Y), before)
      const approvals = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'funding.decision.approve')))
      assert.equal(approvals.length, 0)
    })

    it('amendment: the guarded budget UPDATE refuses an increase that no longer fits', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = must(
        await proposeAmendment(t.deps, officer, id, {
          amounts: { [Y]: 1_020_000 },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y}-12-31`,
          specialConditions: [],
          reason: 'Höhere Kosten für Honorare.',
        }),
      )
      const before = await budgetRow(Y)
      assert.ok(before.budget - before.committed >= 20_000, 'the early check sees enough money')
      await concurrentCommitOn('funding_amendments', Y)

      const r = await approveAmendment(t.deps, approver, id, amendmentId)
      assert.deepEqual(r, {
        ok: false,
        problems: [
          {
            field: '_form',
            key: 'funding.amend.error.budget',
            params: { year: Y, increase: 20_000, remaining: 1 },
          },
        ],
      })
      const [a] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendmentId))
      assert.equal(a!.status, 'proposed')
      const grants = await t.deps.db.select().from(fundingGrants).where(eq(fundingGrants.applicationId, id))
      assert.deepEqual(
        grants.map((g) => [g.year, Number(g.amountCents)]),
        [[Y, 1_000_000]],
      )
      assert.deepEqual(await budgetRow(Y), before)
    })

    it('a decrease in an amendment always goes through, even with the budget full', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = must(
        await proposeAmendment(t.deps, officer, id, {
          amounts: { [Y]: 900_000 },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y}-12-31`,
          specialConditions: [],
          reason: 'Geringere Kosten.',
        }),
      )
      await concurrentCommitOn('funding_amendments', Y)
      const full = await budgetRow(Y)
      must(await approveAmendment(t.deps, approver, id, amendmentId))
      // The trigger filled the budget to one cent below; the decrease then freed 1,000 €.
      assert.deepEqual(await budgetRow(Y), { budget: full.budget, committed: full.budget - 1 - 100_000 })
    })

    it('four eyes: the CHECK refuses an approval decided by its proposer, written directly', async () => {
      const id = await proposedApplication()
      await assert.rejects(
        t.deps.db
          .update(fundingApplications)
          .set({ status: 'approved', decidedBy: officer.id, decidedAt: new Date() })
          .where(eq(fundingApplications.id, id)),
        dbError(/funding_applications_four_eyes/),
      )
      // Another person may decide; a rejection by the proposer alone is allowed (it commits no money).
      const other = await proposedApplication()
      await t.deps.db
        .update(fundingApplications)
        .set({ status: 'rejected', decidedBy: officer.id, decidedAt: new Date() })
        .where(eq(fundingApplications.id, other))
      const [row] = await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, id))
      assert.equal(row!.status, 'proposed')
      assert.equal(row!.decidedBy, null)
    })
  })
}
