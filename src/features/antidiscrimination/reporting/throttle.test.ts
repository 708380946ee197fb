import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db'
import { openDatabase } from '../../../platform/db'
import { antidiscReceiptTries } from '../tables'
import { pruneReceiptTries, ReceiptThrottle } from './throttle'

const SECRET = Buffer.alloc(32, 1)

for (const kind of dbKinds()) {
  describe(`receipt throttle, counted in the database (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
    })
    after(() => t.drop())
    const db = () => t.database.db
    let address = 0
    /** A fresh address per test: the tests share one database. */
    const fresh = () => `198.51.100.${++address}`
    /** Takes a try and treats the code as wrong (keeps the try). */
    const wrong = async (th: ReceiptThrottle, a: string) => (await th.take(a)) !== null

    test('refuses an address after five wrong codes until the window has passed; other addresses go on', async () => {
      let now = 1_000_000
      const th = new ReceiptThrottle(db(), SECRET, 5, 60_000, () => now)
      const a = fresh()
      for (let i = 0; i < 5; i++) assert.equal(await wrong(th, a), true, `try ${i + 1}`)
      assert.equal(await th.take(a), null)
      assert.equal(await wrong(th, fresh()), true)
      now += 60_001
      assert.equal(await wrong(th, a), true)
    })

    test('a try counts for exactly the window; the oldest leaves first; a refused try does not count', async () => {
      let now = 1_000_000
      const th = new ReceiptThrottle(db(), SECRET, 3, 60_000, () => now)
      const a = fresh()
      await wrong(th, a)
      now += 10_000
      await wrong(th, a)
      await wrong(th, a)
      assert.equal(await th.take(a), null)
      assert.equal(await th.take(a), null)
      now = 1_000_000 + 59_999
      assert.equal(await th.take(a), null)
      now = 1_000_000 + 60_000
      assert.equal(await wrong(th, a), true, 'the oldest left the window')
      assert.equal(await th.take(a), null, 'the other two are still in it')
      now = 1_000_000 + 70_000
      assert.equal(await wrong(th, a), true)
    })

    test('defaults: five tries within 15 minutes', async () => {
      let now = 0
      const th = new ReceiptThrottle(db(), SECRET, undefined, undefined, () => now)
      assert.equal(th.limit, 5)
      assert.equal(th.windowMs, 15 * 60_000)
      const a = fresh()
      for (let i = 0; i < 5; i++) await wrong(th, a)
      now = 15 * 60_000 - 1
      assert.equal(await th.take(a), null)
      now = 15 * 60_000
      assert.equal(await wrong(th, a), true)
    })

    test('a right code gives its try back', async () => {
      const th = new ReceiptThrottle(db(), SECRET, 2, 60_000)
      const a = fresh()
      for (let i = 0; i < 10; i++) await (await th.take(a))!.giveBack()
      assert.equal(await wrong(th, a), true)
      assert.equal(await wrong(th, a), true)
      assert.equal(await th.take(a), null)
    })

    test('tries sent at once cannot all pass before the first is counted', async () => {
      const th = new ReceiptThrottle(db(), SECRET, 5, 60_000)
      const a = fresh()
      const taken = await Promise.all(Array.from({ length: 25 }, () => th.take(a)))
      assert.equal(taken.filter((x) => x !== null).length, 5)
    })

    test('the address is stored only as a keyed hash, and pruning forgets tries that left the window', async () => {
      let now = 5_000_000
      const th = new ReceiptThrottle(db(), SECRET, 5, 60_000, () => now)
      const a = fresh()
      await wrong(th, a)
      now += 30_000
      await wrong(th, a)
      const rows = await db().select().from(antidiscReceiptTries)
      assert.ok(rows.length >= 2)
      for (const r of rows) assert.ok(!r.key.includes('198.51.100'), 'no address in the table')
      const removed = await pruneReceiptTries(db(), 60_000, 5_000_000 + 60_000)
      assert.ok(removed >= 1)
      const at = async (ms: number) =>
        (
          await db()
            .select({ n: sql<number>`count(*)::int` })
            .from(antidiscReceiptTries)
            .where(sql`${antidiscReceiptTries.at} = ${new Date(ms)}`)
        )[0]?.n
      assert.equal(await at(5_000_000), 0, 'the try that left the window is forgotten')
      assert.equal(await at(5_030_000), 1, 'the try within the window is kept')
    })

    if (kind === 'postgres') {
      test('two app nodes (two connection pools on one database) share the count, also at once', async () => {
        const other = await openDatabase({ url: t.url })
        try {
          const nodeA = new ReceiptThrottle(db(), SECRET, 5, 60_000)
          const nodeB = new ReceiptThrottle(other.db, SECRET, 5, 60_000)
          const a = fresh()
          assert.equal(await wrong(nodeA, a), true)
          assert.equal(await wrong(nodeB, a), true)
          assert.equal(await wrong(nodeA, a), true)
          assert.equal(await wrong(nodeB, a), true)
          assert.equal(await wrong(nodeA, a), true)
          assert.equal(await nodeB.take(a), null, 'node B counts the tries made through node A')
          assert.equal(await nodeA.take(a), null)
          const b = fresh()
          const both = await Promise.all(
            Array.from({ length: 20 }, (_, i) => (i % 2 ? nodeA : nodeB).take(b)),
          )
          assert.equal(both.filter((x) => x !== null).length, 5)
        } finally {
          await other.close()
        }
      })
    }
  })
}
