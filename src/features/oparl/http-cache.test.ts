import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { addTerm, createCouncil } from '../councils/bodies-and-members/manage-councils'

/** The legislative terms of the first body, as a harvester asks for them. */
async function terms(t: TestApp) {
  const bodies = JSON.parse((await t.app.inject('/oparl/v1/bodies')).body) as {
    data: { legislativeTermList: string }[]
  }
  const url = bodies.data[0]?.legislativeTermList
  assert.ok(url, 'the body links its terms')
  return t.app.inject(url.replace(t.config.publicUrl, ''))
}

for (const kind of dbKinds()) {
  describe(`OParl answers kept by data version (${kind})`, () => {
    let t: TestApp
    let council: string
    before(async () => {
      // OPARL_CACHE_SECONDS=0 (the test default): every answer is checked against the data version.
      t = await createTestApp(kind)
      council = await createCouncil(t.deps.db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Fulda',
      })
      await addTerm(t.deps.db, CLI_ACTOR, {
        councilId: council,
        startsOn: '2021-04-01',
        endsOn: '2026-03-31',
        seats: 9,
      })
    })
    after(() => t.close())

    it('sends a kept answer again while the data have not changed, and a new one at once after a change', async () => {
      const first = await terms(t)
      assert.equal(first.statusCode, 200)
      assert.equal(first.headers['x-oparl-cache'], undefined)
      const again = await terms(t)
      assert.equal(again.headers['x-oparl-cache'], 'hit')
      assert.equal(again.body, first.body)
      assert.equal(again.headers.etag, first.headers.etag)

      const term = await addTerm(t.deps.db, CLI_ACTOR, {
        councilId: council,
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: 11,
      })
      assert.ok(term.ok)
      const changed = await terms(t)
      assert.equal(changed.headers['x-oparl-cache'], undefined, 'not from the cache')
      assert.match(changed.body, /2031-03-31/)
      assert.notEqual(changed.headers.etag, first.headers.etag)
    })
  })

  describe(`OParl answers within OPARL_CACHE_SECONDS (${kind})`, () => {
    let t: TestApp
    let council: string
    before(async () => {
      t = await createTestApp(kind, { OPARL_CACHE_SECONDS: '600' })
      council = await createCouncil(t.deps.db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Gießen',
      })
    })
    after(() => t.close())

    it('sends the kept answer for the interval without looking at the data', async () => {
      const first = await terms(t)
      await addTerm(t.deps.db, CLI_ACTOR, {
        councilId: council,
        startsOn: '2026-04-01',
        endsOn: '2031-03-31',
        seats: 11,
      })
      const within = await terms(t)
      assert.equal(within.headers['x-oparl-cache'], 'hit')
      assert.doesNotMatch(within.body, /2031-03-31/)
      assert.equal(within.body, first.body)
    })
  })
}
