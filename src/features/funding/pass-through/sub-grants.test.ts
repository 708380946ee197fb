import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  lineId,
  MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { problemKey } from '../../../platform/outcome'
import { organisations } from '../../directory/public'
import type { FundingWho } from '../policies'
import { confirmApproval, proposeDecision } from '../review/decide-application'
import { fundingApplications, fundingCostItems, fundingSubGrants } from '../tables'
import { subGrantRollUp } from './find-sub-grants'
import { createSubGrant, recordSubGrantProof } from './manage-sub-grants'

const Y = NEXT_YEAR

for (const kind of dbKinds()) {
  describe(`pass-through to local non-profits (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let n = 0
    /**
     * A diversity centre's grant with 5,000 € for micro-projects in the year. Arranged from an approved
     * grant moved onto the VZ line with a VZ cost plan (the VZ application itself is tested elsewhere).
     */
    async function centreGrant() {
      n += 1
      const email = `zentrum${n}@sub.example`
      const { orgId, userId, actor } = await registerMso(t.deps, {
        email,
        organisationName: `Vielfaltszentrum ${n}`,
        registerNumber: `VR ${9100 + n}`,
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approver, id))
      await t.deps.db
        .update(fundingApplications)
        .set({ lineId: await lineId(t.deps, 'VZ') })
        .where(eq(fundingApplications.id, id))
      await t.deps.db.delete(fundingCostItems).where(eq(fundingCostItems.applicationId, id))
      await t.deps.db.insert(fundingCostItems).values([
        { applicationId: id, year: Y, category: 'staff', amountCents: 520_000 },
        { applicationId: id, year: Y, category: 'micro_projects', amountCents: 500_000 },
      ])
      const who: FundingWho = { id: userId, can: (p) => p === 'funding.apply', organisationId: orgId }
      return { id, actor, who, email }
    }
    const subs = (parent: string) =>
      t.deps.db.select().from(fundingSubGrants).where(eq(fundingSubGrants.parentApplicationId, parent))

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@sub.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@sub.example', ['funding_approver']), label: 'approver' }
    })
    after(() => t.close())

    it('the centre passes money on in the portal; beyond the micro-project budget it is refused, nothing saved', async () => {
      const g = await centreGrant()
      const centre = new Client(t.app)
      await centre.signIn(g.email, MSO_REGISTRATION.password)
      const url = `/foerderung/antraege/${g.id}/weiterleitung`
      assert.match(
        (await centre.get(`/foerderung/antraege/${g.id}`)).body,
        /weiterleitung/,
        'linked from the grant',
      )
      const page = await centre.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /5\.000,00/)
      const good = {
        year: String(Y),
        organisationName: 'Nachbarschaftsverein Eschborn e. V.',
        city: 'Eschborn',
        title: 'Sprachcafé für Eltern',
        amount: '3.000,00',
      }
      const empty = await centre.submit(url, url, {
        year: String(Y),
        organisationName: '',
        title: '',
        amount: '',
      })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /id="feld-organisationName-error"[\s\S]*?Namen des Trägers/)
      assert.match(empty.body, /id="feld-amount-error"/)
      const tooMuch = await centre.submit(url, url, { ...good, amount: '5.000,01' })
      assert.equal(tooMuch.statusCode, 400)
      assert.match(tooMuch.body, /id="feld-amount-error"[\s\S]*?höchstens 5\.000,00/)
      assert.match(tooMuch.body, /value="Sprachcafé für Eltern"/, 'input kept')
      const named = await t.deps.db
        .select()
        .from(organisations)
        .where(eq(organisations.name, good.organisationName))
      assert.equal(named.length, 0, 'no directory organisation left behind by a refusal')
      assert.equal((await subs(g.id)).length, 0)

      assert.equal((await centre.submit(url, url, good)).statusCode, 303)
      const [org] = await t.deps.db
        .select()
        .from(organisations)
        .where(eq(organisations.name, good.organisationName))
      assert.equal(org?.nonProfit, true, 'created through the directory as a non-profit')
      assert.equal(
        (
          await t.deps.db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.action, 'organisation.create'), eq(auditLog.entityId, org!.id)))
        ).length,
        1,
      )
      // the same organisation again by name; 2,000 € left, 2,000.01 € refused
      const more = await createSubGrant(t.deps, g.actor, g.who, g.id, {
        year: Y,
        organisationName: 'nachbarschaftsverein eschborn e. v.',
        city: '',
        title: 'Nähkurs',
        amountCents: 200_001,
      })
      assert.equal(problemKey(more), 'funding.sub.error.budget')
      must(
        await createSubGrant(t.deps, g.actor, g.who, g.id, {
          year: Y,
          organisationName: 'nachbarschaftsverein eschborn e. v.',
          city: '',
          title: 'Nähkurs',
          amountCents: 200_000,
        }),
      )
      const rows = await subs(g.id)
      assert.equal(rows.length, 2)
      assert.ok(rows.every((r) => r.organisationId === org!.id))
      assert.match((await centre.get(url)).body, /Noch verfügbar[\s\S]*0,00/)
    })

    it('two sub-grants at once never exceed the budget together (the parent row is locked)', async () => {
      const g = await centreGrant()
      const ask = (i: number) =>
        createSubGrant(t.deps, g.actor, g.who, g.id, {
          year: Y,
          organisationName: `Parallelverein ${n}-${i} e. V.`,
          city: '',
          title: `Projekt ${i}`,
          amountCents: 300_000,
        })
      const results = await Promise.all([ask(1), ask(2), ask(3)])
      assert.equal(results.filter((r) => r.ok).length, 1, 'one of three 3,000 € sub-grants fits into 5,000 €')
      assert.ok(results.filter((r) => !r.ok).every((r) => problemKey(r) === 'funding.sub.error.budget'))
      const total = (await subs(g.id)).reduce((s, r) => s + Number(r.amountCents), 0)
      assert.equal(total, 300_000)
      const orgs = await t.deps.db
        .select()
        .from(organisations)
        .where(eq(organisations.name, `Parallelverein ${n}-2 e. V.`))
      const orgs3 = await t.deps.db
        .select()
        .from(organisations)
        .where(eq(organisations.name, `Parallelverein ${n}-3 e. V.`))
      const orgs1 = await t.deps.db
        .select()
        .from(organisations)
        .where(eq(organisations.name, `Parallelverein ${n}-1 e. V.`))
      assert.equal(
        orgs.length + orgs3.length + orgs1.length,
        1,
        'only the accepted one created its organisation',
      )
    })

    it('refuses a grant without pass-through, an organisation not non-profit, another centre', async () => {
      const g = await centreGrant()
      const other = await centreGrant()
      const input = { year: Y, organisationName: 'Verein', city: '', title: 'x', amountCents: 1 }
      assert.equal(
        problemKey(await createSubGrant(t.deps, other.actor, other.who, g.id, input)),
        'ui.errorPage.404.text',
      )
      const [company] = await t.deps.db
        .insert(organisations)
        .values({ kind: 'other', name: `Firma ${n} GmbH`, nonProfit: false })
        .returning()
      const notNonProfit = await createSubGrant(t.deps, g.actor, g.who, g.id, {
        ...input,
        organisationName: company!.name,
      })
      assert.equal(problemKey(notNonProfit), 'funding.sub.error.notNonProfit')
      const { orgId, userId, actor } = await registerMso(t.deps, {
        email: `mso${n}@sub.example`,
        organisationName: `MSO ${n} e. V.`,
        registerNumber: `VR ${9500 + n}`,
      })
      const mso = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, mso, { declared: true }))
      must(await proposeDecision(t.deps, officer, mso, { decision: 'approve', reasons: 'ok' }))
      must(await confirmApproval(t.deps, approver, mso))
      const who: FundingWho = { id: userId, can: (p) => p === 'funding.apply', organisationId: orgId }
      assert.equal(
        problemKey(await createSubGrant(t.deps, actor, who, mso, input)),
        'funding.sub.error.noPassThrough',
      )
      const client = new Client(t.app)
      await client.signIn(`mso${n}@sub.example`, MSO_REGISTRATION.password)
      assert.equal((await client.get(`/foerderung/antraege/${mso}/weiterleitung`)).statusCode, 404)
    })

    it('each sub-grant has its simple proof of use, once; the parent’s roll-up per year sums them', async () => {
      const g = await centreGrant()
      const a = must(
        await createSubGrant(t.deps, g.actor, g.who, g.id, {
          year: Y,
          organisationName: `Frauentreff ${n} e. V.`,
          city: 'Oberursel',
          title: 'Stadtteilspaziergänge',
          amountCents: 250_000,
        }),
      )
      must(
        await createSubGrant(t.deps, g.actor, g.who, g.id, {
          year: Y,
          organisationName: `Jugendclub ${n} e. V.`,
          city: 'Oberursel',
          title: 'Hausaufgabenhilfe',
          amountCents: 150_000,
        }),
      )
      const centre = new Client(t.app)
      await centre.signIn(g.email, MSO_REGISTRATION.password)
      const url = `/foerderung/antraege/${g.id}/weiterleitung/${a}/nachweis`
      const above = await centre.submit(url, url, { used: '2.500,01', report: 'Zwölf Spaziergänge' })
      assert.equal(above.statusCode, 400)
      assert.match(above.body, /id="feld-used-error"[\s\S]*?höchstens der weitergeleitete Betrag \(2\.500,00/)
      const done = await centre.submit(url, url, {
        used: '2.300,00',
        report: 'Zwölf Spaziergänge mit 140 Gästen.',
      })
      assert.equal(done.statusCode, 303)
      const twice = await recordSubGrantProof(t.deps, g.actor, g.who, g.id, a, { usedCents: 1, report: 'x' })
      assert.equal(problemKey(twice), 'funding.sub.error.proofTwice')
      assert.deepEqual(await subGrantRollUp(t.deps.db, g.id), [
        {
          year: Y,
          count: 2,
          grantedCents: 400_000,
          usedCents: 230_000,
          unusedCents: 20_000,
          proofsMissing: 1,
          missingCents: 150_000,
        },
      ])
      const list = (await centre.get(`/foerderung/antraege/${g.id}/weiterleitung`)).body
      assert.match(list, /Nachweis: 2\.300,00/)
      assert.match(list, /Nachweis eintragen: Hausaufgabenhilfe/, 'the missing proof, named by its project')
    })
  })
}
