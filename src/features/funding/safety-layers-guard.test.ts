import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { and, asc, eq, sql } from 'drizzle-orm'
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
import {
  fundingAmendments,
  fundingApplications,
  fundingBudgets,
  fundingGrants,
  fundingNotices,
} from './tables'

/**
 * Each layer that guards a funding invariant, proven on its own: where code checks early and the
 * database guards again, a test takes the early check out of play (a concurrent writer that commits
 * between the check and the transaction) so that only the layer under test can refuse.
 */
const Y = NEXT_YEAR

for (const kind of dbKinds()) {
  describe(`funding budget guard and four eyes, each layer on its own (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let both: Actor
    let msoLine: string
    let n = 0
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
    afterEach(async () => {
      await t.deps.db.execute(sql`drop trigger if exists test_concurrent_commit on funding_applications`)
      await t.deps.db.execute(sql`drop trigger if exists test_concurrent_commit on funding_amendments`)
      await t.deps.db.execute(sql`drop function if exists test_concurrent_commit()`)
    })
    after(() => t.close())

    /** A submitted MSO application for 10,000 € next year, proposed for approval by the officer. */
    /** An officer's proposal to change the grant of `id` to `cents` for the whole year Y. */
    async function amendTo(id: string, cents: number, reason: string) {
      return must(
        await proposeAmendment(t.deps, officer, id, {
          amounts: { [Y]: cents },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y}-12-31`,
          specialConditions: [],
          reason,
        }),
      )
    }

    async function proposedApplication(
      proposal: Parameters<typeof proposeDecision>[3] = { decision: 'approve', reasons: 'Förderfähig.' },
    ) {
      const i = ++n
      const { orgId, actor } = await registerMso(t.deps, {
        email: `layer${i}@example.org`,
        organisationName: `Schicht ${i} e. V.`,
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, proposal))
      return id
    }

    /**
     * The app's dependencies with a writer that gets there first: `first` runs on the real database
     * after the use case's early checks and right before its transaction starts (once).
     */
    function afterConcurrent(first: () => Promise<unknown>): typeof t.deps {
      let done = false
      const real = t.deps.db
      const db = new Proxy(real, {
        get(target, prop) {
          if (prop === 'transaction' && !done) {
            return async (...args: Parameters<typeof real.transaction>) => {
              done = true
              await first()
              return target.transaction(...args)
            }
          }
          const value = Reflect.get(target, prop, target)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
      return { ...t.deps, db }
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
    async function concurrentCommitOn(
      table: 'funding_applications' | 'funding_amendments',
      year: number,
      change = 'update funding_budgets set committed_cents = budget_cents - 1',
    ) {
      await t.deps.db.execute(
        sql.raw(`create function test_concurrent_commit() returns trigger language plpgsql as $$
          begin
            ${change} where line_id = '${msoLine}' and year = ${year};
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

      // Once the money is there again the same approval commits exactly the granted amount.
      await t.deps.db.execute(sql`drop trigger test_concurrent_commit on funding_applications`)
      assert.equal(must(await confirmApproval(t.deps, approver, id)), 1, 'notice version 1')
      assert.deepEqual(await budgetRow(Y), { budget: before.budget, committed: before.committed + 1_000_000 })
      const granted = (await applicationBundle(t.deps.db, id))!
      assert.equal(granted.app.status, 'approved')
      assert.deepEqual(
        granted.grants.map((g) => [g.year, g.cents]),
        [[Y, 1_000_000]],
      )
    })

    it('approval: the guard names a missing budget when the year’s row is gone after the early check', async () => {
      const id = await proposedApplication()
      await concurrentCommitOn('funding_applications', Y, 'delete from funding_budgets')
      const r = await confirmApproval(t.deps, approver, id)
      assert.deepEqual(r, {
        ok: false,
        problems: [{ field: '_form', key: 'funding.error.noBudget', params: { year: Y } }],
      })
      assert.ok(await budgetRow(Y), 'the delete was rolled back with the refusal')
    })

    it('four eyes: the proposer never approves, even holding the approver role', async () => {
      const id = await proposedApplication()
      const [app] = await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, id))
      // Let the second role holder be the proposer.
      await t.deps.db
        .update(fundingApplications)
        .set({ proposedBy: both.id })
        .where(eq(fundingApplications.id, id))
      assert.deepEqual(await confirmApproval(t.deps, both, id), {
        ok: false,
        problems: [{ field: '_form', key: 'funding.error.fourEyes' }],
      })
      assert.equal(app!.status, 'proposed')
      const still = (await applicationBundle(t.deps.db, id))!
      assert.equal(still.app.status, 'proposed')
      assert.equal(still.app.decidedBy, null)
      must(await confirmApproval(t.deps, approver, id))
      // An amendment proposed by one person is approved by another, never by the proposer or a
      // non-personal actor.
      const amendmentId = must(
        await proposeAmendment(t.deps, both, id, {
          amounts: { [Y]: 990_000 },
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y}-12-31`,
          specialConditions: [],
          reason: 'Kleinere Kosten.',
        }),
      )
      const fourEyes = { ok: false, problems: [{ field: '_form', key: 'funding.amend.error.fourEyes' }] }
      assert.deepEqual(await approveAmendment(t.deps, both, id, amendmentId), fourEyes)
      assert.deepEqual(await approveAmendment(t.deps, { id: null, label: 'cli' }, id, amendmentId), fourEyes)
      const [open] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendmentId))
      assert.equal(open!.status, 'proposed')
      assert.equal(must(await approveAmendment(t.deps, approver, id, amendmentId)), 2)
    })

    it('approval: the guarded status UPDATE refuses what another approver decided after the early check', async () => {
      const id = await proposedApplication({
        decision: 'approve_part',
        reasons: 'Teilweise förderfähig.',
        amounts: { [Y]: 800_000 },
      })
      const before = await budgetRow(Y)
      // Both approvers open the proposal; the other one confirms first (a partial approval).
      const r = await confirmApproval(
        afterConcurrent(async () => assert.equal(must(await confirmApproval(t.deps, both, id)), 1)),
        approver,
        id,
      )
      assert.deepEqual(r, { ok: false, problems: [{ field: '_form', key: 'funding.error.notProposed' }] })
      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.app.status, 'partially_approved')
      assert.equal(b.app.decidedBy, both.id)
      assert.deepEqual(
        b.grants.map((g) => [g.year, g.cents]),
        [[Y, 800_000]],
      )
      assert.equal(b.notices.length, 1)
      assert.deepEqual(await budgetRow(Y), { budget: before.budget, committed: before.committed + 800_000 })
    })

    it('amendment: the guarded status UPDATE refuses an amendment another approver decided after the early check', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 1_010_000, 'Mehr Kosten.')
      const before = await budgetRow(Y)
      const r = await approveAmendment(
        afterConcurrent(async () =>
          assert.equal(must(await approveAmendment(t.deps, both, id, amendmentId)), 2),
        ),
        approver,
        id,
        amendmentId,
      )
      assert.deepEqual(r, { ok: false, problems: [{ field: '_form', key: 'funding.amend.error.notOpen' }] })
      const [a] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendmentId))
      assert.equal(a!.status, 'approved')
      assert.equal(a!.decidedBy, both.id)
      // The increase was committed once, by the approval that got there first.
      assert.deepEqual(await budgetRow(Y), { budget: before.budget, committed: before.committed + 10_000 })
      const notices = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
      assert.equal(notices.length, 2)
    })

    it('notices: an approval issues version 1, audited against the application, and never replaces an issued notice', async () => {
      const id = await proposedApplication()
      assert.equal(must(await confirmApproval(t.deps, approver, id)), 1)
      const [notice] = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
      assert.deepEqual([notice!.version, notice!.kind, notice!.createdBy], [1, 'initial', approver.id])
      assert.equal((notice!.facts as { version: number }).version, 1)
      assert.equal(Buffer.from(notice!.pdf).subarray(0, 5).toString(), '%PDF-')
      const issued = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'funding.notice.issue')))
      assert.deepEqual(
        issued.map((e) => [e.entityType, e.actorId, e.summary]),
        [['funding_application', approver.id, { version: 1, kind: 'initial' }]],
      )

      // A proposed application that already holds a notice (no use case leads there): the approval
      // numbers its notice after the issued one (version 2, so amending, but amending nothing), which
      // the amends CHECK refuses; it rolls back and the issued notice stays as it was.
      const other = await proposedApplication()
      const earlier = {
        applicationId: other,
        version: 1,
        kind: 'initial' as const,
        pdf: Buffer.from('%PDF-1.4 alt'),
      }
      await t.deps.db.insert(fundingNotices).values({ ...earlier, facts: { version: 1 } })
      const before = await budgetRow(Y)
      await assert.rejects(confirmApproval(t.deps, approver, other), dbError(/funding_notices_amends/))
      const kept = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, other))
      assert.deepEqual(
        kept.map((x) => [x.version, x.kind, x.createdBy, x.facts]),
        [[1, 'initial', null, { version: 1 }]],
      )
      assert.ok(Buffer.from(kept[0]!.pdf).equals(earlier.pdf), 'the same bytes')
      assert.equal((await applicationBundle(t.deps.db, other))!.app.status, 'proposed')
      assert.deepEqual(await budgetRow(Y), before)
    })

    it('notices: an amendment of a notice that is no longer the latest is refused as stale, early and in the database', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const [v1] = await t.deps.db.select().from(fundingNotices).where(eq(fundingNotices.applicationId, id))
      const amend = async () => amendTo(id, 990_000, 'Geringere Kosten.')
      /** Another notice version 2 appears (only one amendment is open at a time, so no use case does this). */
      const otherVersion2 = () =>
        t.deps.db.insert(fundingNotices).values({
          applicationId: id,
          version: 2,
          kind: 'amending',
          pdf: Buffer.from('%PDF-1.4 anderer'),
          facts: { version: 2 },
          amendsId: v1!.id,
        })
      const stale = { ok: false, problems: [{ field: '_form', key: 'funding.amend.error.stale' }] }
      const amendment = await amend()
      const before = await budgetRow(Y)
      // Issued between the early check and the transaction: the unique version refuses the amendment.
      assert.deepEqual(await approveAmendment(afterConcurrent(otherVersion2), approver, id, amendment), stale)
      const [open] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendment))
      assert.equal(open!.status, 'proposed')
      assert.deepEqual(await budgetRow(Y), before)
      // Issued before: the early check refuses it.
      assert.deepEqual(await approveAmendment(t.deps, approver, id, amendment), stale)
      const notices = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
        .orderBy(asc(fundingNotices.version))
      assert.deepEqual(
        notices.map((x) => [x.version, x.createdBy]),
        [
          [1, approver.id],
          [2, null],
        ],
      )
    })

    it('notices: a stale amendment is refused as stale before its increase is weighed against the budget', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const [v1] = await t.deps.db.select().from(fundingNotices).where(eq(fundingNotices.applicationId, id))
      const amendmentId = await amendTo(id, 1_020_000, 'Höhere Kosten.')
      await t.deps.db.insert(fundingNotices).values({
        applicationId: id,
        version: 2,
        kind: 'amending',
        pdf: Buffer.from('%PDF-1.4 anderer'),
        facts: { version: 2 },
        amendsId: v1!.id,
      })
      const before = await budgetRow(Y)
      const where = sql`line_id = ${msoLine} and year = ${Y}`
      await t.deps.db.execute(sql`update funding_budgets set committed_cents = budget_cents where ${where}`)
      try {
        assert.deepEqual(await approveAmendment(t.deps, approver, id, amendmentId), {
          ok: false,
          problems: [{ field: '_form', key: 'funding.amend.error.stale' }],
        })
      } finally {
        await t.deps.db.execute(
          sql`update funding_budgets set committed_cents = ${before.committed} where ${where}`,
        )
      }
    })

    it('amendment: an application no longer granted is refused as not approved, nothing written', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 1_010_000, 'Mehr Kosten.')
      // No use case takes a grant back; the early check answers for it all the same.
      await t.deps.db
        .update(fundingApplications)
        .set({ status: 'rejected' })
        .where(eq(fundingApplications.id, id))
      const before = await budgetRow(Y)
      assert.deepEqual(await approveAmendment(t.deps, approver, id, amendmentId), {
        ok: false,
        problems: [{ field: '_form', key: 'funding.amend.error.notApproved' }],
      })
      const [a] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendmentId))
      assert.equal(a!.status, 'proposed')
      assert.deepEqual(await budgetRow(Y), before)
    })

    it('amendment: another database error is not taken for a stale notice', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 990_000, 'Geringere Kosten.')
      await concurrentCommitOn(
        'funding_amendments',
        Y,
        `raise exception 'test: another failure'; perform 1 from funding_budgets`,
      )
      await assert.rejects(
        approveAmendment(t.deps, approver, id, amendmentId),
        dbError(/test: another failure/),
      )
      const [a] = await t.deps.db
        .select()
        .from(fundingAmendments)
        .where(eq(fundingAmendments.id, amendmentId))
      assert.equal(a!.status, 'proposed')
    })

    it('amendment: the guarded budget UPDATE refuses an increase that no longer fits', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 1_020_000, 'Höhere Kosten für Honorare.')
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

    it('amendment: the guard names a missing budget when the year’s row is gone after the early check', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 1_010_000, 'Mehr Kosten.')
      await concurrentCommitOn('funding_amendments', Y, 'delete from funding_budgets')
      assert.deepEqual(await approveAmendment(t.deps, approver, id, amendmentId), {
        ok: false,
        problems: [{ field: '_form', key: 'funding.error.noBudget', params: { year: Y } }],
      })
      assert.ok(await budgetRow(Y), 'the delete was rolled back with the refusal')
    })

    it('a decrease in an amendment always goes through, even with the budget full', async () => {
      const id = await proposedApplication()
      must(await confirmApproval(t.deps, approver, id))
      const amendmentId = await amendTo(id, 900_000, 'Geringere Kosten.')
      await concurrentCommitOn('funding_amendments', Y)
      const full = await budgetRow(Y)
      must(await approveAmendment(t.deps, approver, id, amendmentId))
      // The trigger filled the budget to one cent below; the decrease then freed 1,000 €.
      assert.deepEqual(await budgetRow(Y), { budget: full.budget, committed: full.budget - 1 - 100_000 })
      // The amending notice is a new version beside the initial one, which stays as it was.
      const notices = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
        .orderBy(asc(fundingNotices.version))
      assert.deepEqual(
        notices.map((n) => [
          n.version,
          n.kind,
          (n.facts as { kind: string }).kind,
          n.amendsId === notices[0]!.id,
        ]),
        [
          [1, 'initial', 'initial', false],
          [2, 'amending', 'amending', true],
        ],
      )
      const issued = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'funding.notice.issue')))
      assert.deepEqual(
        issued
          .map((e) => [e.entityType, e.summary] as const)
          .sort(
            ([, x], [, y]) =>
              Number((x as { version: number }).version) - Number((y as { version: number }).version),
          ),
        [
          ['funding_application', { version: 1, kind: 'initial' }],
          ['funding_application', { version: 2, kind: 'amending', amends: 1 }],
        ],
      )
    })
  })
}
