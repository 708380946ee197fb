import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../test/helpers/db'
import { type Db, inTransaction } from '../db'
import { CLI_ACTOR, listAudit, SYSTEM_ACTOR, writeAudit } from '.'
import { auditLog } from './tables'

const ALICE = '00000000-0000-4000-8000-00000000000a'

for (const kind of dbKinds()) {
  describe(`audit log (${kind})`, () => {
    let tdb: TestDatabase
    let db: Db
    before(async () => {
      tdb = await openTestDatabase(kind)
      db = tdb.database.db
    })
    after(() => tdb.drop())

    it('writes who did what to which entity, with the summary and the address', async () => {
      await writeAudit(
        db,
        { id: ALICE, label: 'alice@example.org', ip: '192.0.2.7' },
        { action: 'x.create', entityType: 'thing', entityId: 'w-1', summary: { title: 'Eins' } },
      )
      await writeAudit(db, CLI_ACTOR, { action: 'x.import', entityType: 'thing', entityId: 'w-2' })
      const rows = await db.select().from(auditLog).where(eq(auditLog.entityType, 'thing'))
      const byId = Object.fromEntries(rows.map((r) => [r.entityId, r]))
      assert.deepEqual(
        { ...byId['w-1'], id: 0, at: null },
        {
          id: 0,
          at: null,
          actorId: ALICE,
          actorLabel: 'alice@example.org',
          ip: '192.0.2.7',
          action: 'x.create',
          entityType: 'thing',
          entityId: 'w-1',
          summary: { title: 'Eins' },
        },
      )
      assert.equal(byId['w-2']!.actorId, null)
      assert.equal(byId['w-2']!.actorLabel, 'cli')
      assert.equal(byId['w-2']!.ip, null)
      assert.deepEqual(byId['w-2']!.summary, {})
      assert.equal(SYSTEM_ACTOR.label, 'system')
    })

    it('is written with the change or not at all', async () => {
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await writeAudit(tx, CLI_ACTOR, { action: 'x.lost', entityType: 'thing', entityId: 'w-3' })
          throw new Error('the change failed')
        }),
        /the change failed/,
      )
      assert.equal((await db.select().from(auditLog).where(eq(auditLog.action, 'x.lost'))).length, 0)
    })

    it('filters by actor, entity, and a day range whose end is exclusive, newest first', async () => {
      const at = (iso: string) => new Date(iso)
      const row = (actorLabel: string, entityType: string, entityId: string, when: string) => ({
        actorLabel,
        action: 'f.test',
        entityType,
        entityId,
        at: at(when),
      })
      await db
        .insert(auditLog)
        .values([
          row('anna@example.org', 'paper', 'p1', '2030-03-01T08:00:00Z'),
          row('anna@example.org', 'paper', 'p2', '2030-03-02T08:00:00Z'),
          row('ben@example.org', 'paper', 'p1', '2030-03-03T00:00:00Z'),
          row('ben@example.org', 'meeting', 'p1', '2030-03-04T08:00:00Z'),
        ])
      const ids = async (
        f: Omit<Parameters<typeof listAudit>[1], 'limit' | 'offset'>,
        limit = 10,
        offset = 0,
      ) =>
        (await listAudit(db, { from: at('2030-01-01T00:00:00Z'), ...f, limit, offset })).map(
          (r) => `${r.actorLabel.slice(0, 1)}:${r.entityType}:${r.entityId}`,
        )
      assert.deepEqual(await ids({}), ['b:meeting:p1', 'b:paper:p1', 'a:paper:p2', 'a:paper:p1'])
      assert.deepEqual(await ids({ actor: 'anna@example.org' }), ['a:paper:p2', 'a:paper:p1'])
      assert.deepEqual(await ids({ entityType: 'meeting' }), ['b:meeting:p1'])
      assert.deepEqual(await ids({ entityId: 'p2' }), ['a:paper:p2'])
      assert.deepEqual(await ids({ entityType: 'paper', entityId: 'p1' }), ['b:paper:p1', 'a:paper:p1'])
      // from is inclusive, until exclusive: 3 March 00:00 belongs to the 3rd, not to "until the 3rd".
      assert.deepEqual(await ids({ from: at('2030-03-03T00:00:00Z') }), ['b:meeting:p1', 'b:paper:p1'])
      assert.deepEqual(await ids({ until: at('2030-03-03T00:00:00Z') }), ['a:paper:p2', 'a:paper:p1'])
      assert.deepEqual(await ids({ from: at('2030-03-02T00:00:00Z'), until: at('2030-03-04T00:00:00Z') }), [
        'b:paper:p1',
        'a:paper:p2',
      ])
      // Pages.
      assert.deepEqual(await ids({}, 2, 1), ['b:paper:p1', 'a:paper:p2'])
      assert.equal((await listAudit(db, { limit: 1000, offset: 0 })).length >= 6, true, 'no filter: all')
    })

    it('orders entries written in the same instant by their sequence, newest first', async () => {
      const when = new Date('2031-01-01T00:00:00Z')
      await db.insert(auditLog).values([
        { actorLabel: 'cli', action: 'first', entityType: 'same', entityId: '1', at: when },
        { actorLabel: 'cli', action: 'second', entityType: 'same', entityId: '1', at: when },
      ])
      const rows = await listAudit(db, { entityType: 'same', limit: 10, offset: 0 })
      assert.deepEqual(
        rows.map((r) => r.action),
        ['second', 'first'],
      )
    })
  })
}
