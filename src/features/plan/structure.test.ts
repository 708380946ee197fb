import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { currentVersion, draftVersion, planTree } from './find-plan'
import { importAdoptedPlan, type PlanData } from './manage-plan'
import { sharesFromWeights, sharesProblem } from './structure'
import { planGoals, planIndicators, planMeasures } from './tables'

const DESK = '/verwaltung/integrationsplan'

const PLAN: PlanData = {
  title: 'Strukturprobe',
  adoptedOn: '2020-06-01',
  fields: [
    {
      code: '1',
      title: 'Sprache',
      goals: [
        {
          code: '1.1',
          title: 'Kitas',
          measures: [
            {
              code: '1.1.1',
              title: 'Erste',
              responsibleUnit: 'R1',
              startsOn: '2020-01-01',
              status: 'running',
              weight: 1,
              progress: 100,
            },
            {
              code: '1.1.2',
              title: 'Zweite',
              responsibleUnit: 'R1',
              startsOn: '2020-01-01',
              status: 'planned',
              weight: 1,
              progress: 0,
            },
          ],
        },
      ],
    },
  ],
}

describe('goal shares add up to 100', () => {
  it('turns relative weights into shares of 100 for the form', () => {
    assert.deepEqual(sharesFromWeights([3, 1]), [75, 25])
    assert.deepEqual(sharesFromWeights([1, 1, 1]), [34, 33, 33])
    assert.deepEqual(sharesFromWeights([2, 1, 1, 2]), [33, 17, 17, 33])
    for (const ws of [[1], [5, 7, 11], [100, 1, 1, 1], [1, 2, 3, 4, 5, 6]])
      assert.equal(
        sharesFromWeights(ws).reduce((a, b) => a + b, 0),
        100,
        ws.join(':'),
      )
  })

  it('answers null for 100 and the sum otherwise', () => {
    assert.equal(sharesProblem([60, 40]), null)
    assert.equal(sharesProblem([100]), null)
    assert.equal(sharesProblem([60, 30]), 90)
    assert.equal(sharesProblem([60, 50]), 110)
  })
})

for (const kind of dbKinds()) {
  describe(`integration plan structure of a draft (${kind})`, () => {
    let t: TestApp
    let ministry: Client
    let fieldId: string
    let goalId: string
    let adoptedGoalId: string

    before(async () => {
      t = await createTestApp(kind)
      assert.ok((await importAdoptedPlan(t.deps.db, CLI_ACTOR, PLAN)).ok)
      adoptedGoalId = (await planTree(t.deps.db, (await currentVersion(t.deps.db))!)).fields[0]!.goals[0]!.id
      await t.createUser(`struktur-${kind}@example.org`, ['ministry'])
      ministry = new Client(t.app)
      await ministry.signIn(`struktur-${kind}@example.org`)
      assert.equal(
        (await ministry.submit(DESK, `${DESK}/entwurf`, { title: 'Entwurf Struktur' })).statusCode,
        303,
      )
      const tree = await planTree(t.deps.db, (await draftVersion(t.deps.db))!)
      fieldId = tree.fields[0]!.id
      goalId = tree.fields[0]!.goals[0]!.id
    })
    after(() => t.close())

    const draft = async () => planTree(t.deps.db, (await draftVersion(t.deps.db))!)

    it('adds a goal to a field of action and a measure to it, with codes that follow on', async () => {
      const url = `${DESK}/handlungsfelder/${fieldId}/ziele`
      const empty = await ministry.submit(url, url, { title: '' })
      assert.equal(empty.statusCode, 400)
      assert.equal((await ministry.submit(url, url, { title: 'Elternarbeit' })).statusCode, 303)
      const goal = (await draft()).fields[0]!.goals.find((g) => g.title === 'Elternarbeit')!
      assert.equal(goal.code, '1.2')
      const murl = `${DESK}/ziele/${goal.id}/massnahmen`
      const bad = await ministry.submit(murl, murl, {
        title: 'Elterncafés',
        responsibleUnit: 'R2',
        startsOn: '2027-01-01',
        weight: '0',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Geben Sie das Gewicht als ganze Zahl von 1 bis 100 an/)
      assert.match(bad.body, /value="Elterncafés"/)
      const ok = await ministry.submit(murl, murl, {
        title: 'Elterncafés',
        responsibleUnit: 'R2',
        startsOn: '2027-01-01',
        weight: '2',
      })
      assert.equal(ok.statusCode, 303)
      const [m] = await t.deps.db.select().from(planMeasures).where(eq(planMeasures.title, 'Elterncafés'))
      assert.equal(m?.code, '1.2.1')
      assert.equal(m?.status, 'planned')
      const [audit] = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.measure.add'))
      assert.ok(audit)
    })

    it('refuses weights that do not add up to 100, next to the first share; nothing is changed', async () => {
      const measures = (await draft()).fields[0]!.goals[0]!.measures
      const url = `${DESK}/ziele/${goalId}/gewichte`
      const page = await ministry.get(url)
      assert.match(page.body, /Anteil von 1\.1\.1 Erste in Prozent/)
      assert.match(
        page.body,
        new RegExp(`name="share-${measures[0]!.id}"[^>]*value="50"`),
        'weights 1 : 1 open as 50 and 50',
      )
      const bad = await ministry.submit(url, url, {
        [`share-${measures[0]!.id}`]: '60',
        [`share-${measures[1]!.id}`]: '30',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(
        bad.body,
        new RegExp(
          `id="feld-share-${measures[0]!.id}-error"[^>]*>[\\s\\S]*?Die Anteile ergeben zusammen 90 statt 100`,
        ),
      )
      assert.match(bad.body, /value="30"/)
      const unchanged = (await draft()).fields[0]!.goals[0]!.measures
      assert.deepEqual(
        unchanged.map((m) => m.weight),
        [1, 1],
      )
      const ok = await ministry.submit(url, url, {
        [`share-${measures[0]!.id}`]: '75',
        [`share-${measures[1]!.id}`]: '25',
      })
      assert.equal(ok.statusCode, 303)
      const goal = (await draft()).fields[0]!.goals[0]!
      assert.deepEqual(
        goal.measures.map((m) => m.weight),
        [75, 25],
      )
      assert.equal(goal.progress, 75, 'the roll-up uses the new weights: 75 × 100 + 25 × 0')
    })

    it('sets an indicator with its target and changes the target; a target that is no number is refused', async () => {
      const measure = (await draft()).fields[0]!.goals[0]!.measures[1]!
      const url = `${DESK}/massnahmen/${measure.id}`
      const bad = await ministry.submit(url, `${url}/indikatoren`, {
        indicatorName: 'Eltern erreicht',
        indicatorUnit: 'Eltern',
        target: 'viele',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Geben Sie den Zielwert als ganze Zahl ab 0 an/)
      assert.equal(
        (await t.deps.db.select().from(planIndicators).where(eq(planIndicators.measureId, measure.id)))
          .length,
        0,
      )
      const ok = await ministry.submit(url, `${url}/indikatoren`, {
        indicatorName: 'Eltern erreicht',
        indicatorUnit: 'Eltern',
        target: '800',
        targetOn: '2027-12-31',
      })
      assert.equal(ok.statusCode, 303)
      const [ind] = await t.deps.db
        .select()
        .from(planIndicators)
        .where(eq(planIndicators.measureId, measure.id))
      assert.equal(ind?.target, 800)
      const change = await ministry.submit(url, `${url}/indikatoren`, {
        indicatorId: ind!.id,
        indicatorName: 'Eltern erreicht',
        indicatorUnit: 'Eltern',
        target: '900',
      })
      assert.equal(change.statusCode, 303)
      const rows = await t.deps.db
        .select()
        .from(planIndicators)
        .where(eq(planIndicators.measureId, measure.id))
      assert.deepEqual(
        rows.map((r) => [r.target, r.targetOn]),
        [[900, null]],
      )
    })

    it('removes a measure and a goal of the draft only after the confirmation', async () => {
      const goal = (await draft()).fields[0]!.goals.find((g) => g.title === 'Elternarbeit')!
      const measure = goal.measures[0]!
      const url = `${DESK}/massnahmen/${measure.id}`
      const unconfirmed = await ministry.submit(url, `${url}/entfernen`, {})
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(unconfirmed.body, /Bestätigen Sie, dass Sie den Eintrag entfernen möchten/)
      assert.equal(
        (await t.deps.db.select().from(planMeasures).where(eq(planMeasures.id, measure.id))).length,
        1,
      )
      assert.equal((await ministry.submit(url, `${url}/entfernen`, { confirm: 'on' })).statusCode, 303)
      assert.equal(
        (await t.deps.db.select().from(planMeasures).where(eq(planMeasures.id, measure.id))).length,
        0,
      )
      const gurl = `${DESK}/ziele/${goal.id}`
      const noTick = await ministry.submit(gurl, `${gurl}/entfernen`, {})
      assert.equal(noTick.statusCode, 400)
      assert.match(noTick.body, /Bestätigen Sie, dass Sie den Eintrag entfernen möchten/)
      assert.equal((await ministry.submit(gurl, `${gurl}/entfernen`, { confirm: 'on' })).statusCode, 303)
      assert.equal((await t.deps.db.select().from(planGoals).where(eq(planGoals.id, goal.id))).length, 0)
    })

    it('changes nothing in the adopted version', async () => {
      const url = `${DESK}/ziele/${adoptedGoalId}/massnahmen`
      const res = await ministry.submit(url, url, {
        title: 'Heimlich',
        responsibleUnit: 'R',
        startsOn: '2027-01-01',
        weight: '1',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Diese Fassung ist kein Entwurf mehr/)
      const gone = await ministry.submit(
        `${DESK}/ziele/${adoptedGoalId}`,
        `${DESK}/ziele/${adoptedGoalId}/entfernen`,
        {
          confirm: 'on',
        },
      )
      assert.equal(gone.statusCode, 400)
      assert.equal(
        (await t.deps.db.select().from(planGoals).where(eq(planGoals.id, adoptedGoalId))).length,
        1,
      )
      assert.equal(
        (await t.deps.db.select().from(planMeasures).where(eq(planMeasures.title, 'Heimlich'))).length,
        0,
      )
    })
  })
}
