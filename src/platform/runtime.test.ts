import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../test/helpers/db'
import { loadConfig } from './config'
import { systemSettings } from './db/tables'
import { defineFeature } from './feature'
import { createDeps, DEMO_CLAIM_STALE_MS, seedDemoOnce } from './runtime'

const silent = { info() {}, error() {} }

for (const kind of dbKinds()) {
  describe(`demo data with several processes starting at once (${kind})`, () => {
    let t: TestDatabase
    let dir: string
    let seeded = 0
    const counting = defineFeature({
      name: 'seed-counter',
      async seedDemo() {
        seeded++
        await new Promise((r) => setTimeout(r, 50))
      },
    })
    before(async () => {
      t = await openTestDatabase(kind)
      dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-seed-'))
    })
    after(async () => {
      await t.drop()
      await rm(dir, { recursive: true, force: true })
    })

    const deps = () =>
      createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), t.database, [counting], silent)

    it('seeds once when two processes start on an empty database at the same moment', async () => {
      const [a, b] = await Promise.all([deps(), deps()])
      const results = await Promise.all([
        seedDemoOnce(a, [counting], () => {}),
        seedDemoOnce(b, [counting], () => {}),
      ])
      assert.equal(seeded, 1)
      assert.deepEqual([...results].sort(), [false, true])
      assert.equal(await seedDemoOnce(a, [counting], () => {}), false, 'and never again')
      const claim = await t.database.db
        .select()
        .from(systemSettings)
        .where(eq(systemSettings.key, 'demo_seeding'))
      assert.deepEqual(claim, [], 'the claim is gone once the data is in')
    })

    it('takes over the claim of a process that died while seeding, not a fresh one', async () => {
      await t.database.db.delete(systemSettings).where(eq(systemSettings.key, 'demo_seeded'))
      const d = await deps()
      await t.database.db.insert(systemSettings).values({ key: 'demo_seeding', value: 'other process' })
      assert.equal(await seedDemoOnce(d, [counting], () => {}), false, 'another process is at it')
      await t.database.db
        .update(systemSettings)
        .set({ updatedAt: new Date(Date.now() - DEMO_CLAIM_STALE_MS - 1000) })
        .where(eq(systemSettings.key, 'demo_seeding'))
      seeded = 0
      assert.equal(await seedDemoOnce(d, [counting], () => {}), true)
      assert.equal(seeded, 1)
    })
  })
}
