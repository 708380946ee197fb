import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { claimedGrant as claimedGrant_ } from '../../../../test/helpers/closing'
import { dbKinds } from '../../../../test/helpers/db'
import { must, seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { grantThisYear, staffWho, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { openClaims } from '../closing/find-claims'
import { closingOf, recordRepayment } from '../closing/manage-closing'
import { proofsDue } from '../proof/find-due'
import { overdueProofs } from '../proof/find-overdue'
import { fundingApplications } from '../tables'
import { openPayments } from './find-payments'
import { checkPayment, releasePayment, requestPayment } from './manage-payments'
import { addDays } from './payment-rules'

const Y = THIS_YEAR
const today = berlinDay()

for (const kind of dbKinds()) {
  describe(`the payments dashboard: overdue proofs and open repayment claims (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    const officerWho = () => staffWho(officer, ['funding.review', 'funding.propose'])
    const approverWho = () => staffWho(approver, ['funding.review', 'funding.approve'])
    let n = 0
    const newGrant = () => {
      n += 1
      return grantThisYear(
        t.deps,
        { officer, approver },
        {
          email: `verein${n}@dashboard.example`,
          organisationName: `Dashboard-Verein ${n} e. V.`,
          registerNumber: `VR ${9100 + n}`,
        },
      )
    }
    const fileNumberOf = async (id: string) =>
      (await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, id)))[0]!
        .fileNumber!

    const claimedGrant = () => {
      n += 1
      return claimedGrant_(
        t.deps,
        { officer, approver },
        {
          email: `verein${n}@dashboard.example`,
          organisationName: `Dashboard-Verein ${n} e. V.`,
          registerNumber: `VR ${9100 + n}`,
        },
      )
    }

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@dash.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@dash.example', ['funding_approver']), label: 'approver' }
    })
    after(() => t.close())

    it('lists an overdue proof with its days and money, and not one still running or submitted', async () => {
      const late = await newGrant()
      const running = await newGrant()
      // the project ended on 31 January: its final proof was due six months later
      await t.deps.db
        .update(fundingApplications)
        .set({ periodStart: `${Y}-01-01`, periodEnd: `${Y}-01-31` })
        .where(eq(fundingApplications.id, late.id))
      const pay = must(
        await requestPayment(t.deps, late.actor, late.who, late.id, {
          year: Y,
          amountCents: 250_000,
          dueOn: today,
          purpose: 'Rate',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), pay, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
      )
      must(await releasePayment(t.deps, approver, approverWho(), pay))
      const submitted = await claimedGrant()
      // the dashboard's lists stop at their limit, the oldest first
      for (const cents of [100_000, 200_000]) {
        must(
          await requestPayment(t.deps, running.actor, running.who, running.id, {
            year: Y,
            amountCents: cents,
            dueOn: berlinDay(),
            purpose: 'offen',
          }),
        )
      }
      const firstOpen = await openPayments(t.deps.db, 1)
      assert.equal(firstOpen.length, 1)
      assert.equal(firstOpen[0]?.amountCents, 100_000)
      assert.ok((await openPayments(t.deps.db)).length >= 2)
      const dueOn = `${Y}-07-31`
      const overdue = await overdueProofs(t.deps.db, addDays(dueOn, 10))
      const row = overdue.rows.find((r) => r.applicationId === late.id)
      assert.deepEqual(
        row && { period: row.period, dueOn: row.dueOn, days: row.daysOverdue, paid: row.paidCents },
        { period: 'final', dueOn, days: 10, paid: 250_000 },
      )
      const ids = overdue.rows.map((r) => r.applicationId)
      assert.ok(!ids.includes(running.id), 'a proof not yet due is not overdue')
      assert.ok(!ids.includes(submitted.id), 'a submitted proof is not overdue')
      // on its due day it is not overdue yet
      assert.ok(!(await overdueProofs(t.deps.db, dueOn)).rows.some((r) => r.applicationId === late.id))
      assert.equal(overdue.count, overdue.rows.length)
      assert.equal(
        overdue.paidCents,
        overdue.rows.reduce((s, r) => s + r.paidCents, 0),
      )
      // the longest overdue first, and a limit that keeps count and sum of all
      const later = await overdueProofs(t.deps.db, `${Y + 2}-12-31`)
      const days = later.rows.map((r) => r.daysOverdue)
      assert.deepEqual(
        days,
        [...days].sort((a, b) => b - a),
      )
      const one = await overdueProofs(t.deps.db, `${Y + 2}-12-31`, 1)
      assert.equal(one.rows.length, 1)
      assert.equal(one.count, later.count)
      assert.equal(one.paidCents, later.paidCents)
      assert.ok(later.count >= 2)
    })

    it('says the same as the deadline rule over every grant (proofsDue) on any day', async () => {
      for (const day of [
        `${Y}-06-30`,
        `${Y}-08-01`,
        `${Y + 1}-03-31`,
        `${Y + 1}-04-01`,
        `${Y + 1}-07-01`,
        `${Y + 3}-01-01`,
      ]) {
        const rule = (await proofsDue(t.deps.db, day))
          .filter((p) => p.overdue)
          .map((p) => `${p.applicationId} ${p.period} ${p.dueOn}`)
          .sort()
        const sql = (await overdueProofs(t.deps.db, day, 10_000)).rows
          .map((p) => `${p.applicationId} ${p.period} ${p.dueOn}`)
          .sort()
        assert.deepEqual(sql, rule, day)
      }
    })

    it('lists an open claim with what is outstanding, largest first, and not a settled one', async () => {
      const open = await claimedGrant()
      const settled = await claimedGrant()
      must(
        await recordRepayment(t.deps, officer, officerWho(), open.id, {
          amountCents: 50_000,
          receivedOn: today,
        }),
      )
      must(
        await recordRepayment(t.deps, officer, officerWho(), settled.id, {
          amountCents: settled.total,
          receivedOn: today,
        }),
      )
      assert.equal((await closingOf(t.deps.db, settled.id))!.status, 'settled')
      const claims = await openClaims(t.deps.db)
      const row = claims.rows.find((r) => r.applicationId === open.id)
      assert.deepEqual(row && [row.claimedCents, row.repaidCents, row.outstandingCents, row.proofId], [
        open.total,
        50_000,
        open.total - 50_000,
        open.proofId,
      ])
      assert.ok(!claims.rows.some((r) => r.applicationId === settled.id))
      const outstanding = claims.rows.map((r) => r.outstandingCents)
      assert.deepEqual(
        outstanding,
        [...outstanding].sort((a, b) => b - a),
      )
      assert.equal(claims.count, claims.rows.length)
      assert.equal(
        claims.outstandingCents,
        outstanding.reduce((s, c) => s + c, 0),
      )

      // the page: both panels, sums as money, links to the screens
      await t.deps.db
        .update(fundingApplications)
        .set({ periodStart: `${Y}-01-01`, periodEnd: `${Y}-01-31` })
        .where(eq(fundingApplications.id, (await newGrant()).id))
      const c = new Client(t.app)
      await c.signIn('officer@dash.example')
      const page = (await c.get('/foerderung/verwaltung/zahlungen')).body
      const panel = (id: string) => {
        const from = page.indexOf(`id="${id}"`)
        assert.ok(from > 0, id)
        return page.slice(from, page.indexOf('</section>', from))
      }
      const proofs = panel('nachweise-ueberfaellig')
      assert.match(proofs, /Verwendungsnachweis(e sind| ist) überfällig; dafür ausgezahlt: [\d.]+,\d\d\s€/)
      assert.match(proofs, /href="\/foerderung\/verwaltung\/antraege\/[0-9a-f-]{36}"/)
      assert.match(proofs, /href="\/foerderung\/verwaltung\/nachweise"/)
      const claimsPanel = panel('rueckforderungen')
      assert.match(claimsPanel, /Rückforderung(en sind| ist) offen; noch ausstehend: [\d.]+,\d\d\s€/)
      assert.ok(claimsPanel.includes(await fileNumberOf(open.id)))
      assert.ok(claimsPanel.includes(`href="/foerderung/verwaltung/nachweise/${open.proofId}"`))
      assert.ok(!claimsPanel.includes(await fileNumberOf(settled.id)))
      assert.ok(!claimsPanel.includes(settled.proofId))
      const en = (await c.get('/en/foerderung/verwaltung/zahlungen')).body
      assert.match(en, /Open repayment claims/)
    })
  })
}
