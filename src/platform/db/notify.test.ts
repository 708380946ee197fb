import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../test/helpers/db'
import { type Database, openDatabase } from '.'
import { NOTIFY_CHANNEL, notificationsOf } from './notify'

async function until(check: () => boolean, ms = 5000): Promise<number> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 5))
  }
  return Date.now() - start
}

for (const kind of dbKinds()) {
  describe(`notifications across nodes (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
    })
    after(() => t.drop())

    it('runs the subscribers of a topic on the publishing node at once, and only those of that topic', async () => {
      const n = t.database.notifications
      assert.equal(notificationsOf(t.database.db), n, 'use cases find the bus from their db')
      let mine = 0
      let other = 0
      n.subscribe('test.mine', () => mine++)
      n.subscribe('test.other', () => other++)
      await n.publish('test.mine')
      assert.ok(mine >= 1, 'ran before publish resolved')
      assert.equal(other, 0)
    })

    if (kind === 'postgres') {
      let second: Database
      before(async () => {
        second = await openDatabase({ url: t.url })
      })
      after(() => second.close())

      it('reaches a second process on the same database through LISTEN/NOTIFY', async () => {
        let seen = 0
        second.notifications.subscribe('test.cross', () => seen++)
        await (second.notifications as unknown as { ready(): Promise<void> }).ready()
        await t.database.notifications.publish('test.cross')
        const ms = await until(() => seen === 1)
        assert.ok(ms < 1000, `arrived after ${ms} ms`)
      })

      it('drops everything when the listening connection is lost, and listens again', async () => {
        let seen = 0
        second.notifications.subscribe('test.lost', () => seen++)
        await t.database.db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and query ilike ${`listen ${NOTIFY_CHANNEL}`}`,
        )
        await until(() => seen === 1)
        // Reconnected after about a second: notifications arrive again.
        await until(() => {
          void t.database.notifications.publish('test.lost')
          return seen >= 2
        }, 8000)
      })
    }
  })
}
