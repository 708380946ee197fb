import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { placeByKey } from '../../directory/public'
import { seedAntidiscDemo } from '../network/seed-demo'
import { antidiscReports, antidiscSpentChallenges } from '../tables'
import {
  CHALLENGE_TTL_MS,
  hasWork,
  ProofOfWork,
  type SpentChallenges,
  solve,
  spentInDatabase,
} from './proof-of-work'

const SECRET = Buffer.alloc(32, 7)

/** The clock-controlled unit test keeps spent challenges in a set (the database store is tested below). */
function spentInSet(): SpentChallenges {
  const set = new Set<string>()
  return {
    isSpent: async (c) => set.has(c),
    async spend(c) {
      if (set.has(c)) return false
      set.add(c)
      return true
    },
  }
}

describe('proof-of-work of the report form', () => {
  test('the work: leading zero bits of SHA-256(challenge ":" nonce), checked as the browser checks them', () => {
    const nonce = solve('abc', 12)
    assert.ok(hasWork('abc', nonce, 12))
    assert.ok(hasWork('abc', nonce, 0))
    // A nonce that is not digits is never work, nor one for another challenge (almost surely).
    assert.equal(hasWork('abc', 'x1', 0), false)
    assert.equal(hasWork('abd', nonce, 12) && hasWork('abe', nonce, 12), false)
  })

  test('with a controlled clock: work at once, the wait without it, refusals for forged, old and spent challenges', async () => {
    let now = 1_800_000_000_000
    const pow = new ProofOfWork(SECRET, { bits: 10, waitMs: 8000, now: () => now }, spentInSet())
    const c = pow.issue()
    assert.equal(await pow.check(c, undefined), 'early')
    assert.equal(await pow.check(c, solve(c, 10)), 'work')
    now += 7999
    assert.equal(await pow.check(c, undefined), 'early')
    now += 1
    assert.equal(await pow.check(c, undefined), 'waited')
    assert.equal(await pow.reusable(c), true)
    // Forged: another key, a changed time, garbage.
    const other = new ProofOfWork(
      Buffer.alloc(32, 8),
      { bits: 10, waitMs: 0, now: () => now },
      spentInSet(),
    ).issue()
    assert.equal(await pow.check(other, undefined), 'invalid')
    const [, rand, mac] = c.split('.')
    assert.equal(await pow.check(`${(now - 60_000).toString(36)}.${rand}.${mac}`, undefined), 'invalid')
    assert.equal(await pow.check('kaputt', undefined), 'invalid')
    assert.equal(await pow.check(undefined, undefined), 'invalid')
    // Spent by the report it let through: not even fresh work lets it through again.
    assert.equal(await pow.spend(c), true)
    assert.equal(await pow.spend(c), false, 'spent once only')
    assert.equal(await pow.check(c, solve(c, 10)), 'spent')
    assert.equal(await pow.reusable(c), false)
    // Too old.
    const d = pow.issue()
    now += CHALLENGE_TTL_MS + 1
    assert.equal(await pow.check(d, solve(d, 10)), 'expired')
  })
})

for (const kind of dbKinds()) {
  describe(`/melden asks for the proof-of-work (${kind})`, () => {
    let t: TestApp
    let frankfurt: string
    const count = async () => (await t.deps.db.select().from(antidiscReports)).length
    const fields = (over: Record<string, string | string[]> = {}) => ({
      narrative: 'PoW-Probe: Der Türsteher ließ mich nicht hinein.',
      occurredOn: '2026-03-01',
      districtId: frankfurt,
      grounds: ['racism'],
      centre: 'network',
      contactWish: 'anonymous',
      consent: 'on',
      ...over,
    })
    const challengeOf = (body: string) => {
      const m = body.match(/name="pow" value="([^"]+)" data-pow-bits="(\d+)"/)
      assert.ok(m?.[1], 'the form carries a challenge')
      return { token: m[1], bits: Number(m[2]) }
    }

    before(async () => {
      // A long wait: only the work lets a report through in this test.
      t = await createTestApp(kind, { REPORT_WAIT_SECONDS: '600', REPORT_WORK_BITS: '8' })
      await seedAntidiscDemo(t.deps, () => {})
      frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
    })
    after(() => t.close())

    test('without a challenge, or before the wait without the work: refused with the text kept, nothing stored', async () => {
      const c = new Client(t.app)
      const before = await count()
      const none = await c.submit('/melden', '/melden', fields())
      assert.equal(none.statusCode, 400)
      assert.ok(none.body.includes('Das Formular ist abgelaufen oder wurde schon verwendet.'))
      assert.ok(none.body.includes('PoW-Probe'))
      assert.equal(none.headers['cache-control'], 'no-store')
      const form = await c.get('/melden')
      const { token, bits } = challengeOf(form.body)
      assert.equal(bits, 8)
      const early = await c.submit('/melden', '/melden', fields({ pow: token }))
      assert.equal(early.statusCode, 400)
      assert.ok(early.body.includes('Warten Sie einige Sekunden und senden Sie sie dann noch einmal ab.'))
      assert.ok(early.body.includes('href="#feld-pow"'), 'the summary links to the message')
      assert.ok(early.body.includes('PoW-Probe'))
      // The same challenge stays on the form, so the wait is not started anew.
      assert.equal(challengeOf(early.body).token, token)
      assert.equal(await count(), before)
    })

    test('with the work a report goes through once; the same challenge again is refused', async () => {
      const c = new Client(t.app)
      const before = await count()
      const { token, bits } = challengeOf((await c.get('/melden')).body)
      const nonce = solve(token, bits)
      const ok = await c.submit('/melden', '/melden', fields({ pow: token, powNonce: nonce }))
      assert.equal(ok.statusCode, 201)
      assert.equal(await count(), before + 1)
      const again = await c.submit('/melden', '/melden', fields({ pow: token, powNonce: nonce }))
      assert.equal(again.statusCode, 400)
      assert.ok(again.body.includes('Das Formular ist abgelaufen oder wurde schon verwendet.'))
      assert.notEqual(challengeOf(again.body).token, token, 'a fresh challenge')
      assert.equal(await count(), before + 1)
    })

    test('spent challenges live in the database: another node refuses one spent here; expired ones are dropped', async () => {
      let now = Date.now()
      const clock = () => now
      const nodeA = new ProofOfWork(
        SECRET,
        { bits: 4, waitMs: 0, now: clock },
        spentInDatabase(t.deps.db, clock),
      )
      const nodeB = new ProofOfWork(
        SECRET,
        { bits: 4, waitMs: 0, now: clock },
        spentInDatabase(t.deps.db, clock),
      )
      const c = nodeA.issue()
      assert.equal(await nodeB.check(c, undefined), 'waited')
      assert.equal(await nodeA.spend(c), true)
      assert.equal(await nodeB.check(c, solve(c, 4)), 'spent')
      assert.equal(await nodeB.reusable(c), false)
      // Both nodes at once with the same challenge: exactly one spends it.
      const d = nodeA.issue()
      const both = await Promise.all([nodeA.spend(d), nodeB.spend(d)])
      assert.deepEqual(both.sort(), [false, true])
      const rows = await t.deps.db.select().from(antidiscSpentChallenges)
      assert.ok(!rows.some((r) => r.digest === c || r.digest === d), 'only digests are stored')
      // Past their time, spent challenges are dropped by the next spend.
      now += CHALLENGE_TTL_MS + 1
      assert.equal(await nodeA.spend(nodeA.issue()), true)
      assert.equal((await t.deps.db.select().from(antidiscSpentChallenges)).length, 1)
    })

    test('a wrong nonce does not count as work', async () => {
      const c = new Client(t.app)
      const { token, bits } = challengeOf((await c.get('/melden')).body)
      let wrong = 0
      while (hasWork(token, String(wrong), bits)) wrong++
      const res = await c.submit('/melden', '/melden', fields({ pow: token, powNonce: String(wrong) }))
      assert.equal(res.statusCode, 400)
      assert.ok(res.body.includes('Warten Sie einige Sekunden'))
    })
  })
}
