import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { inTransaction } from '../../platform/db'
import { pgError, refusable } from '../../platform/outcome'
import { budgetConstraintRefusal, commitBudget, remainingBudget } from './budget'
import { setBudget } from './programme/manage-lines'
import { seedWirProgramme } from './programme/seed-programme'
import { fundingBudgets, fundingLines } from './tables'

const YEAR = 2031

for (const kind of dbKinds()) {
  describe(`commitBudget (${kind})`, () => {
    let t: TestDatabase
    let lineId: string
    const committed = async () => {
      const [row] = await t.database.db
        .select({ c: fundingBudgets.committedCents })
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, lineId), eq(fundingBudgets.year, YEAR)))
      return Number(row!.c)
    }
    before(async () => {
      t = await openTestDatabase(kind)
      await seedWirProgramme(t.database.db, CLI_ACTOR, [])
      const [line] = await t.database.db.select({ id: fundingLines.id }).from(fundingLines).limit(1)
      lineId = line!.id
      assert.equal((await setBudget(t.database.db, CLI_ACTOR, lineId, YEAR, 100_000)).ok, true)
    })
    after(() => t.drop())

    it('commits while the money is there and refuses the cent beyond, leaving the row as it was', async () => {
      const db = t.database.db
      assert.deepEqual(await commitBudget(db, lineId, YEAR, 60_000), { ok: true, value: 60_000 })
      assert.deepEqual(await commitBudget(db, lineId, YEAR, 40_001), {
        ok: false,
        problems: [{ reason: 'exceeded', year: YEAR, remainingCents: 40_000 }],
      })
      assert.equal(await committed(), 60_000)
      assert.deepEqual(await commitBudget(db, lineId, YEAR, 40_000), { ok: true, value: 100_000 })
      assert.equal(await remainingBudget(db, lineId, YEAR), 0)
    })

    it('takes negative deltas (a decrease or a repayment) and frees the money again', async () => {
      const db = t.database.db
      assert.deepEqual(await commitBudget(db, lineId, YEAR, -25_000), { ok: true, value: 75_000 })
      assert.equal(await remainingBudget(db, lineId, YEAR), 25_000)
      // Giving back more than was committed is stopped by the CHECK constraint, inside the transaction.
      const tooMuch = await refusable(
        () => inTransaction(db, (tx) => commitBudget(tx, lineId, YEAR, -75_001)),
        budgetConstraintRefusal,
      )
      assert.deepEqual(tooMuch, {
        ok: false,
        problems: [{ field: '_form', key: 'funding.error.budgetExceededDb' }],
      })
      assert.equal(await committed(), 75_000)
    })

    it('answers for the budget CHECKs only: any other error goes on as it is', async () => {
      const db = t.database.db
      await db.execute(
        sql`create table test_other_check (n integer constraint test_other_check_positive check (n > 0))`,
      )
      try {
        await assert.rejects(
          refusable(() => db.execute(sql`insert into test_other_check values (-1)`), budgetConstraintRefusal),
          (err) => pgError(err)?.constraint === 'test_other_check_positive',
        )
      } finally {
        await db.execute(sql`drop table test_other_check`)
      }
      assert.equal(budgetConstraintRefusal(new Error('connection lost')), null)
    })

    it('answers noBudget for a year without a budget row', async () => {
      assert.deepEqual(await commitBudget(t.database.db, lineId, YEAR + 1, 1), {
        ok: false,
        problems: [{ reason: 'noBudget', year: YEAR + 1 }],
      })
      assert.equal(await remainingBudget(t.database.db, lineId, YEAR + 1), null)
    })
  })
}
