import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { lineId, seedProgramme } from '../../../test/helpers/funding'
import { Client } from '../../../test/helpers/http'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { createOrganisation } from '../directory/create-organisation'
import { currentVersion, draftVersion, planTree } from './find-plan'
import {
  importAdoptedPlan,
  type PlanData,
  recordIndicatorValue,
  startDraft,
  updateMeasure,
} from './manage-plan'
import { planIndicatorValues, planMeasures, planVersions } from './tables'

const DESK = '/verwaltung/integrationsplan'

function plan(partnerId: string, fundingLineId: string): PlanData {
  return {
    title: 'Integrationsplan Probe',
    adoptedOn: '2020-06-01',
    fields: [
      {
        code: '1',
        title: 'Sprache und Bildung',
        goals: [
          {
            code: '1.1',
            title: 'Kitas stärken',
            measures: [
              {
                code: '1.1.1',
                title: 'Sprachkitas Probe',
                responsibleUnit: 'Referat Probe',
                partnerIds: [partnerId],
                startsOn: '2020-01-01',
                endsOn: '2027-12-31',
                fundingLineId,
                status: 'running',
                weight: 3,
                progress: 100,
                indicators: [
                  {
                    name: 'Kitas mit Sprachförderung',
                    unit: 'Kitas',
                    target: 500,
                    values: [
                      { measuredOn: '2021-12-31', value: 120, source: 'Kita-Statistik 2021' },
                      { measuredOn: '2023-12-31', value: 310, source: 'Kita-Statistik 2023' },
                    ],
                  },
                ],
              },
              {
                code: '1.1.2',
                title: 'Elternbegleitung Probe',
                responsibleUnit: 'Referat Probe',
                startsOn: '2021-01-01',
                status: 'planned',
                weight: 1,
                progress: 0,
              },
            ],
          },
        ],
      },
      {
        code: '2',
        title: 'Antidiskriminierung',
        goals: [
          {
            code: '2.1',
            title: 'Beratung ausbauen',
            measures: [
              {
                code: '2.1.1',
                title: 'Beratungsnetz Probe',
                responsibleUnit: 'Antidiskriminierungsstelle',
                startsOn: '2020-01-01',
                status: 'running',
                weight: 1,
                progress: 33,
              },
            ],
          },
        ],
      },
    ],
  }
}

for (const kind of dbKinds()) {
  describe(`integration plan (${kind})`, () => {
    let t: TestApp
    let ministry: Client
    let citizen: Client
    let partnerId: string
    let firstMeasure: string
    let ministryId: string

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      partnerId = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Verein Probe e. V.',
      })
      const imported = await importAdoptedPlan(
        t.deps.db,
        CLI_ACTOR,
        plan(partnerId, await lineId(t.deps, 'MSO')),
      )
      assert.ok(imported.ok)
      const tree = await planTree(t.deps.db, (await currentVersion(t.deps.db))!)
      firstMeasure = tree.fields[0]!.goals[0]!.measures[0]!.id
      ministryId = await t.createUser(`plan-${kind}@example.org`, ['ministry'])
      await t.createUser(`citizen-${kind}@example.org`, [])
      ministry = new Client(t.app)
      await ministry.signIn(`plan-${kind}@example.org`)
      citizen = new Client(t.app)
      await citizen.signIn(`citizen-${kind}@example.org`)
    })
    after(() => t.close())

    it('shows the plan with progress rolled up by weight, as text, in German content on other languages', async () => {
      const page = await new Client(t.app).get('/integrationsplan')
      assert.equal(page.statusCode, 200)
      // Goal 1.1: (3×100 + 1×0) / 4 = 75; field 2: 33.
      assert.match(page.body, /Umsetzungsstand: 75 %/)
      assert.match(page.body, /Umsetzungsstand: 33 %/)
      assert.match(page.body, /<svg[^>]*aria-hidden="true"/)
      assert.match(page.body, /Beschlossen am 1\. Juni 2020/)
      const tr = await new Client(t.app).get('/tr/integrationsplan')
      assert.match(tr.body, /Uygulama durumu: % 75/)
      assert.match(tr.body, /<h2[^>]*lang="de"[^>]*>1\. Sprache und Bildung/)
    })

    it('shows a measure: facts, partners and funding line by id, timeline, chart with a table, history', async () => {
      const page = await new Client(t.app).get(`/integrationsplan/massnahmen/${firstMeasure}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Verein Probe e\. V\./)
      assert.match(page.body, /Referat Probe/)
      assert.match(page.body, /<dt[^>]*>Förderung<\/dt><dd[^>]*>Migrantenorganisationen<\/dd>/)
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-/)
      assert.match(page.body, /<caption[^>]*>[^<]*Messwerte von „Kitas mit Sprachförderung“/)
      assert.match(page.body, /310 Kitas/)
      assert.match(page.body, /Kita-Statistik 2023/)
      assert.match(page.body, /Beginn der Maßnahme/)
      assert.match(page.body, /Integrationsplan Probe/)
      assert.equal((await new Client(t.app).get('/integrationsplan/massnahmen/nope')).statusCode, 404)
    })

    it('lets only the ministry in; a draft copies the plan and stays out of public view until adopted', async () => {
      assert.equal((await new Client(t.app).get(DESK)).statusCode, 303)
      assert.equal((await citizen.get(DESK)).statusCode, 403)
      assert.equal((await ministry.get(DESK)).statusCode, 200)
      const empty = await ministry.submit(DESK, `${DESK}/entwurf`, { title: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /error-summary/)
      const started = await ministry.submit(DESK, `${DESK}/entwurf`, { title: 'Fortschreibung Probe' })
      assert.equal(started.statusCode, 303)
      const again = await ministry.submit(DESK, `${DESK}/entwurf`, { title: 'Noch einer' })
      assert.equal(again.statusCode, 400, 'one draft at a time')
      assert.match(again.body, /schon einen Entwurf/)
      const draft = (await draftVersion(t.deps.db))!
      const tree = await planTree(t.deps.db, draft)
      assert.equal(tree.fields.length, 2)
      assert.equal(tree.fields[0]!.progress, 75, 'the copy has the same measures and weights')
      const draftMeasure = tree.fields[0]!.goals[0]!.measures[0]!.id
      assert.equal(
        (await new Client(t.app).get(`/integrationsplan/massnahmen/${draftMeasure}`)).statusCode,
        404,
      )
      assert.equal((await citizen.get(`/integrationsplan/massnahmen/${draftMeasure}`)).statusCode, 404)
      assert.equal((await ministry.get(`/integrationsplan/massnahmen/${draftMeasure}`)).statusCode, 200)
      const values = await t.deps.db.select().from(planIndicatorValues)
      assert.equal(values.length, 4, 'indicator values copied with the draft')
    })

    it('edits a draft measure: bad input gets its message next to the field, nothing half-written', async () => {
      const draft = (await draftVersion(t.deps.db))!
      const m = (await planTree(t.deps.db, draft)).fields[0]!.goals[0]!.measures[1]!
      const url = `${DESK}/massnahmen/${m.id}`
      const good = {
        title: 'Elternbegleitung geändert',
        description: '',
        responsibleUnit: 'Referat Neu',
        partnerIds: [partnerId],
        startsOn: '2021-01-01',
        endsOn: '2026-12-31',
        fundingLineId: '',
        status: 'running',
        weight: '2',
        progress: '40',
      }
      const weight = await ministry.submit(url, url, { ...good, weight: '0' })
      assert.equal(weight.statusCode, 400)
      assert.match(weight.body, /Gewicht als ganze Zahl von 1 bis 100/)
      assert.match(weight.body, /value="Elternbegleitung geändert"/, 'input kept')
      const period = await ministry.submit(url, url, { ...good, endsOn: '2020-01-01' })
      assert.equal(period.statusCode, 400)
      assert.match(period.body, /Das geplante Ende liegt vor dem Beginn/)
      const done = await ministry.submit(url, url, { ...good, status: 'done' })
      assert.equal(done.statusCode, 400)
      assert.match(done.body, /abgeschlossene Maßnahme steht bei 100/)
      const unknown = await updateMeasure(
        t.deps.db,
        { ...CLI_ACTOR, id: ministryId, can: () => true },
        m.id,
        {
          ...good,
          endsOn: null,
          fundingLineId: null,
          status: 'running',
          weight: 2,
          progress: 40,
          partnerIds: ['00000000-0000-4000-8000-000000000000'],
        },
      )
      assert.equal(unknown.ok, false)
      const [unchanged] = await t.deps.db.select().from(planMeasures).where(eq(planMeasures.id, m.id))
      assert.equal(unchanged!.title, 'Elternbegleitung Probe', 'a refused change writes nothing')
      const saved = await ministry.submit(url, url, good)
      assert.equal(saved.statusCode, 303)
      const [after] = await t.deps.db.select().from(planMeasures).where(eq(planMeasures.id, m.id))
      assert.deepEqual(
        [after!.title, after!.weight, after!.progress, after!.endsOn],
        ['Elternbegleitung geändert', 2, 40, '2026-12-31'],
      )
      const audit = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'plan.measure.update'), eq(auditLog.entityId, m.id)))
      assert.equal(audit.length, 1)
      // The draft's field of action now rolls up (3×100 + 2×40) / 5 = 76.
      assert.equal((await planTree(t.deps.db, draft)).fields[0]!.progress, 76)
      // The adopted version's content does not change.
      const adoptedUrl = `${DESK}/massnahmen/${firstMeasure}`
      const locked = await ministry.submit(adoptedUrl, adoptedUrl, good)
      assert.equal(locked.statusCode, 400)
      assert.match(locked.body, /kein Entwurf mehr/)
    })

    it('records measured values on the current version only, one per day, not in the future', async () => {
      const url = `${DESK}/massnahmen/${firstMeasure}`
      const page = await ministry.get(url)
      assert.equal(page.statusCode, 200)
      const indicatorId = /name="indicatorId"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(
        page.body,
      )![1]!
      const value = { indicatorId, measuredOn: '2025-06-30', value: '420', source: 'Kita-Statistik 2025' }
      const noDate = await ministry.submit(url, `${url}/messwerte`, { ...value, measuredOn: '' })
      assert.equal(noDate.statusCode, 400)
      assert.match(noDate.body, /Datum als Tag, Monat und Jahr/)
      const future = await ministry.submit(url, `${url}/messwerte`, { ...value, measuredOn: '2999-01-01' })
      assert.equal(future.statusCode, 400)
      assert.match(future.body, /in der Zukunft/)
      assert.equal((await ministry.submit(url, `${url}/messwerte`, value)).statusCode, 303)
      const twice = await ministry.submit(url, `${url}/messwerte`, value)
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /an diesem Tag schon einen Messwert/)
      const draft = (await draftVersion(t.deps.db))!
      const draftMeasure = (await planTree(t.deps.db, draft)).fields[0]!.goals[0]!.measures[0]!.id
      const onDraft = await recordIndicatorValue(
        t.deps.db,
        { ...CLI_ACTOR, id: ministryId, can: () => true },
        draftMeasure,
        { indicatorId, measuredOn: '2025-07-01', value: 1, source: 'x' },
      )
      assert.equal(onDraft.ok, false)
      const publicPage = await new Client(t.app).get(`/integrationsplan/massnahmen/${firstMeasure}`)
      assert.match(publicPage.body, /420 Kitas/)
    })

    it('adopts a draft after confirmation: it becomes current, the old one superseded, new values carried over', async () => {
      const draft = (await draftVersion(t.deps.db))!
      const url = `${DESK}/fassungen/${draft.id}/beschliessen`
      assert.equal((await ministry.get(url)).statusCode, 200)
      const unconfirmed = await ministry.submit(url, url, { adoptedOn: '2026-11-01' })
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(unconfirmed.body, /Bestätigen Sie/)
      const early = await ministry.submit(url, url, { adoptedOn: '2019-01-01', confirm: 'on' })
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /vor dem der gültigen Fassung/)
      assert.equal(
        (await ministry.submit(url, url, { adoptedOn: '2026-11-01', confirm: 'on' })).statusCode,
        303,
      )
      const states = await t.deps.db
        .select({ title: planVersions.title, status: planVersions.status })
        .from(planVersions)
      assert.deepEqual(states.map((s) => `${s.title}:${s.status}`).sort(), [
        'Fortschreibung Probe:adopted',
        'Integrationsplan Probe:superseded',
      ])
      const tree = await planTree(t.deps.db, (await currentVersion(t.deps.db))!)
      const newFirst = tree.fields[0]!.goals[0]!.measures[0]!.id
      const page = await new Client(t.app).get(`/integrationsplan/massnahmen/${newFirst}`)
      assert.match(page.body, /420 Kitas/, 'the value measured after the draft was started is carried over')
      assert.match(page.body, /Integrationsplan Probe/)
      assert.match(page.body, /Fortschreibung Probe/)
      const list = await new Client(t.app).get('/integrationsplan')
      assert.match(list.body, /Umsetzungsstand: 76 %/)
      assert.match(list.body, /fortgeschrieben, beschlossen am 1\. Juni 2020/)
      // An adopted version is not adopted again; a superseded one takes no values.
      assert.equal((await ministry.get(url)).statusCode, 404)
      const old = await recordIndicatorValue(
        t.deps.db,
        { ...CLI_ACTOR, id: ministryId, can: () => true },
        firstMeasure,
        { indicatorId: 'x', measuredOn: '2025-01-01', value: 1, source: 'x' },
      )
      assert.equal(old.ok, false)
      const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.version.adopt'))
      assert.equal(audit.length, 1)
      assert.ok(
        (await startDraft(t.deps.db, { ...CLI_ACTOR, id: ministryId, can: () => true }, { title: 'n' })).ok,
      )
    })

    it('edits the title of a field of action and of a goal in a draft only', async () => {
      const draft = (await draftVersion(t.deps.db))!
      const field = (await planTree(t.deps.db, draft)).fields[1]!
      const fieldUrl = `${DESK}/handlungsfelder/${field.id}`
      const empty = await ministry.submit(fieldUrl, fieldUrl, { title: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /error-summary/)
      assert.equal(
        (await ministry.submit(fieldUrl, fieldUrl, { title: 'Schutz vor Diskriminierung' })).statusCode,
        303,
      )
      const goalUrl = `${DESK}/ziele/${field.goals[0]!.id}`
      assert.equal(
        (await ministry.submit(goalUrl, goalUrl, { title: 'Beratung flächendeckend' })).statusCode,
        303,
      )
      const changed = (await planTree(t.deps.db, draft)).fields[1]!
      assert.deepEqual(
        [changed.title, changed.goals[0]!.title],
        ['Schutz vor Diskriminierung', 'Beratung flächendeckend'],
      )
      const current = (await planTree(t.deps.db, (await currentVersion(t.deps.db))!)).fields[1]!
      assert.equal(current.title, 'Antidiskriminierung', 'the adopted version keeps its title')
      const adoptedUrl = `${DESK}/handlungsfelder/${current.id}`
      const locked = await ministry.submit(adoptedUrl, adoptedUrl, { title: 'Umbenannt' })
      assert.equal(locked.statusCode, 400)
      assert.match(locked.body, /kein Entwurf mehr/)
      const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.field.update'))
      assert.equal(audit.length, 1)
    })
  })
}
