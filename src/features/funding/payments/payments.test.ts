import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { lineId, MSO_REGISTRATION, must, seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { grantThisYear, staffWho, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { berlinDay } from '../../../platform/days'
import { problemKey } from '../../../platform/outcome'
import { fundingGrantAccounts, fundingGrants, fundingLedgerEntries, fundingPayments } from '../tables'
import { checkPayment, releasePayment, requestPayment } from './manage-payments'
import { addDays } from './payment-rules'

const today = berlinDay()
const Y = THIS_YEAR

for (const kind of dbKinds()) {
  describe(`payments (Mittelabruf) and the ledger (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let both: Actor
    const staff = () => ({ officer, approver })
    const officerWho = () => staffWho(officer, ['funding.review', 'funding.propose'])
    const approverWho = () => staffWho(approver, ['funding.review', 'funding.approve'])
    let n = 0
    /** A fresh organisation with its own grant (each test its own, so they do not depend on each other). */
    const newGrant = () => {
      n += 1
      return grantThisYear(t.deps, staff(), {
        email: `verein${n}@payments.example`,
        organisationName: `Verein ${n} e. V.`,
        registerNumber: `VR ${7000 + n}`,
      })
    }
    const ledgerOf = (applicationId: string) =>
      t.deps.db
        .select({
          kind: fundingLedgerEntries.kind,
          debit: fundingLedgerEntries.debit,
          credit: fundingLedgerEntries.credit,
          cents: fundingLedgerEntries.amountCents,
        })
        .from(fundingLedgerEntries)
        .where(eq(fundingLedgerEntries.applicationId, applicationId))
        .orderBy(fundingLedgerEntries.createdAt, fundingLedgerEntries.kind)
    const accountOf = async (applicationId: string) => {
      const [a] = await t.deps.db
        .select()
        .from(fundingGrantAccounts)
        .where(and(eq(fundingGrantAccounts.applicationId, applicationId), eq(fundingGrantAccounts.year, Y)))
      return a ? { committed: Number(a.committedCents), paid: Number(a.paidCents) } : null
    }
    const paymentRows = (applicationId: string) =>
      t.deps.db.select().from(fundingPayments).where(eq(fundingPayments.applicationId, applicationId))
    const audits = (action: string, entityId: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@pay.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@pay.example', ['funding_approver']), label: 'approver' }
      both = {
        id: await t.createUser('both@pay.example', ['funding_officer', 'funding_approver']),
        label: 'both',
      }
    })
    after(() => t.close())

    it('recipient requests, officer checks, a second person releases: the ledger posts commitment and payment', async () => {
      const g = await newGrant()
      const url = `/foerderung/antraege/${g.id}/mittelabruf`
      const recipient = new Client(t.app)
      await recipient.signIn(`verein${n}@payments.example`, MSO_REGISTRATION.password)

      const page = await recipient.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /10\.000,00/, 'the approved amount')
      assert.match(page.body, /name="amount"/)
      assert.match(
        (await recipient.get(`/foerderung/antraege/${g.id}`)).body,
        /mittelabruf/,
        'linked from the task list',
      )

      const good = { year: String(Y), amount: '3.000,00', dueOn: today, purpose: 'Honorare März' }
      // more than is left: refused on the amount field with what is left, nothing saved, input kept
      const tooMuch = await recipient.submit(url, url, { ...good, amount: '10.000,01' })
      assert.equal(tooMuch.statusCode, 400)
      assert.match(tooMuch.body, /id="feld-amount-error"[\s\S]*?höchstens 10\.000,00/)
      assert.match(tooMuch.body, /value="10\.000,01"/)
      assert.match(tooMuch.body, /Honorare März/)
      // beyond the need window
      const late = await recipient.submit(url, url, { ...good, dueOn: addDays(today, 43) })
      assert.equal(late.statusCode, 400)
      assert.match(late.body, /id="feld-dueOn-error"[\s\S]*?Geld kann nur für Ausgaben abgerufen werden/)
      const bad = await recipient.submit(url, url, { ...good, amount: '3.000,001', purpose: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /id="feld-amount-error"[\s\S]*?höchstens zwei Nachkommastellen/)
      assert.match(bad.body, /id="feld-purpose-error"[\s\S]*?wofür Sie das Geld brauchen/)
      // the schema refuses one field and the rules another: one answer names both
      const both = await recipient.submit(url, url, {
        ...good,
        amount: '10.000,01',
        dueOn: addDays(today, 60),
        purpose: '',
      })
      assert.equal(both.statusCode, 400)
      assert.match(both.body, /id="feld-purpose-error"/)
      assert.match(both.body, /id="feld-amount-error"[\s\S]*?höchstens 10\.000,00/)
      assert.match(both.body, /id="feld-dueOn-error"/)
      const en = await recipient.submit(`/en${url}`, `/en${url}`, { ...good, amount: '20000' })
      assert.match(en.body, /The amount is more than is still available/)
      assert.equal((await paymentRows(g.id)).length, 0, 'nothing saved by a refusal')

      const done = await recipient.submit(url, url, good)
      assert.equal(done.statusCode, 303)
      const after1 = await recipient.get(url)
      assert.match(after1.body, /Mittelabruf ist eingegangen/)
      assert.match(after1.body, /7\.000,00/, 'left after the request')
      const [p] = await paymentRows(g.id)
      assert.equal(p?.status, 'requested')
      assert.equal(Number(p?.amountCents), 300_000)
      assert.equal(p?.final, false)

      const off = new Client(t.app)
      await off.signIn('officer@pay.example')
      const staffUrl = `/foerderung/verwaltung/zahlungen/${p!.id}`
      assert.match((await off.get('/foerderung/verwaltung/zahlungen')).body, new RegExp(p!.id))
      const noDecision = await off.submit(staffUrl, `${staffUrl}/pruefung`, {})
      assert.equal(noDecision.statusCode, 400)
      assert.match(noDecision.body, /Wählen Sie das Ergebnis der Prüfung aus/)
      assert.equal(
        (await off.submit(staffUrl, `${staffUrl}/pruefung`, { decision: 'check' })).statusCode,
        303,
      )
      assert.equal(
        (await off.submit(staffUrl, `${staffUrl}/freigabe`, {})).statusCode,
        403,
        'officers do not release',
      )

      const appr = new Client(t.app)
      await appr.signIn('approver@pay.example')
      assert.match((await appr.get(staffUrl)).body, /Auszahlung freigeben/)
      assert.equal((await appr.submit(staffUrl, `${staffUrl}/freigabe`, {})).statusCode, 303)

      const [released] = await paymentRows(g.id)
      assert.equal(released?.status, 'released')
      assert.equal(released?.releasedBy, approver.id)
      assert.deepEqual(
        (await ledgerOf(g.id)).map((e) => [e.kind, e.debit, e.credit, Number(e.cents)]),
        [
          ['commitment', 'commitment', 'budget', 1_000_000],
          ['payment', 'recipient', 'commitment', 300_000],
        ],
      )
      assert.deepEqual(await accountOf(g.id), { committed: 1_000_000, paid: 300_000 })
      assert.equal((await audits('funding.payment.release', p!.id)).length, 1)
      const recipientView = await recipient.get(url)
      assert.match(recipientView.body, /ausgezahlt/)
      assert.match(recipientView.body, /7\.000,00/)

      const plan = await off.get('/foerderung/verwaltung/zahlungen')
      assert.match(plan.body, /Auszahlungen gegen Plan/)
      assert.match(plan.body, /3\.000,00/)
    })

    it('another organisation gets 404 and cannot request money of the grant', async () => {
      const g = await newGrant()
      await newGrant()
      const url = `/foerderung/antraege/${g.id}/mittelabruf`
      const other = new Client(t.app)
      await other.signIn(`verein${n}@payments.example`, MSO_REGISTRATION.password)
      assert.equal((await other.get(url)).statusCode, 404)
      const token = await other.csrfToken('/foerderung/antraege')
      const post = await other.post(url, {
        _csrf: token,
        year: String(Y),
        amount: '100',
        dueOn: today,
        purpose: 'x',
      })
      assert.equal(post.statusCode, 404)
      assert.equal((await paymentRows(g.id)).length, 0)
      const otherWho = { id: 'someone', can: () => true, organisationId: 'another-org' }
      const direct = await requestPayment(t.deps, officer, otherWho, g.id, {
        year: Y,
        amountCents: 100,
        dueOn: today,
        purpose: 'x',
      })
      assert.equal(problemKey(direct), 'ui.errorPage.404.text')
    })

    it('four eyes: the person who checked a request cannot release it', async () => {
      const g = await newGrant()
      const id = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 50_000,
          dueOn: today,
          purpose: 'x',
        }),
      )
      const bothWho = staffWho(both, ['funding.review', 'funding.propose', 'funding.approve'])
      must(await checkPayment(t.deps, both, bothWho, id, { decision: 'check', hold: false, reason: '' }))
      const c = new Client(t.app)
      await c.signIn('both@pay.example')
      const url = `/foerderung/verwaltung/zahlungen/${id}`
      assert.match((await c.get(url)).body, /Freigeben muss ihn eine andere Person/)
      const token = await c.csrfToken(url)
      const res = await c.post(`${url}/freigabe`, { _csrf: token })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Vier-Augen-Prinzip/)
      const [p] = await paymentRows(g.id)
      assert.equal(p?.status, 'checked')
      assert.equal((await ledgerOf(g.id)).length, 0)
      // the database refuses it too
      await assert.rejects(
        t.deps.db
          .update(fundingPayments)
          .set({ status: 'released', releasedBy: both.id, releasedAt: new Date() })
          .where(eq(fundingPayments.id, id)),
        (err: { cause?: { constraint?: string } }) => err.cause?.constraint === 'funding_payments_four_eyes',
      )
    })

    it('one transaction: a failure after the payment update leaves the payment waiting and the ledger untouched', async () => {
      const g = await newGrant()
      const id = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 70_000,
          dueOn: today,
          purpose: 'x',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), id, { decision: 'check', hold: false, reason: '' }),
      )
      // The last write of the release (the payment's ledger entry) fails, after the payment row was updated.
      await t.deps.db.execute(sql`
        create function test_fail_payment_entry() returns trigger language plpgsql as $$
        begin
          if new.kind = 'payment' then raise exception 'ledger write refused for the test'; end if;
          return new;
        end $$`)
      await t.deps.db.execute(
        sql`create trigger test_fail_payment_entry before insert on funding_ledger_entries for each row execute function test_fail_payment_entry()`,
      )
      try {
        await assert.rejects(releasePayment(t.deps, approver, approverWho(), id), (err: { cause?: Error }) =>
          /ledger write refused for the test/.test(String(err.cause?.message)),
        )
      } finally {
        await t.deps.db.execute(sql`drop trigger test_fail_payment_entry on funding_ledger_entries`)
        await t.deps.db.execute(sql`drop function test_fail_payment_entry()`)
      }
      const [p] = await paymentRows(g.id)
      assert.equal(p?.status, 'checked')
      assert.equal(p?.releasedAt, null)
      assert.equal((await ledgerOf(g.id)).length, 0, 'not even the commitment stayed')
      assert.equal(await accountOf(g.id), null)
      assert.equal((await audits('funding.payment.release', id)).length, 0)
      // and once the fault is gone the same release goes through
      must(await releasePayment(t.deps, approver, approverWho(), id))
      assert.deepEqual(await accountOf(g.id), { committed: 1_000_000, paid: 70_000 })
    })

    if (kind === 'postgres') {
      it('PostgreSQL: the server connection dies between "payment released" and "ledger written": nothing of the release stays', async () => {
        const g = await newGrant()
        const id = must(
          await requestPayment(t.deps, g.actor, g.who, g.id, {
            year: Y,
            amountCents: 80_000,
            dueOn: today,
            purpose: 'x',
          }),
        )
        must(
          await checkPayment(t.deps, officer, officerWho(), id, {
            decision: 'check',
            hold: false,
            reason: '',
          }),
        )
        // The payment's ledger entry waits (the payment row is updated already); then its backend is killed,
        // as when the process dies mid-way: PostgreSQL sees the client vanish inside the transaction.
        await t.deps.db.execute(sql`
          create function test_slow_payment_entry() returns trigger language plpgsql as $$
          begin
            if new.kind = 'payment' then perform pg_sleep(30); end if;
            return new;
          end $$`)
        await t.deps.db.execute(
          sql`create trigger test_slow_payment_entry before insert on funding_ledger_entries for each row execute function test_slow_payment_entry()`,
        )
        try {
          const release = releasePayment(t.deps, approver, approverWho(), id)
          release.catch(() => {})
          let pid: number | undefined
          for (let i = 0; i < 200 && pid === undefined; i++) {
            const rows = await t.deps.db.execute<{ pid: number }>(
              sql`select pid from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`,
            )
            pid = (rows as unknown as { rows: { pid: number }[] }).rows[0]?.pid
            if (pid === undefined) await new Promise((r) => setTimeout(r, 50))
          }
          assert.ok(pid, 'the release reached the ledger write')
          await t.deps.db.execute(sql`select pg_terminate_backend(${pid})`)
          await assert.rejects(release, (err: Error & { cause?: Error }) =>
            /terminat/i.test(`${err.message} ${err.cause?.message ?? ''}`),
          )
        } finally {
          await t.deps.db.execute(sql`drop trigger test_slow_payment_entry on funding_ledger_entries`)
          await t.deps.db.execute(sql`drop function test_slow_payment_entry()`)
        }
        const [p] = await paymentRows(g.id)
        assert.equal(p?.status, 'checked')
        assert.equal(p?.releasedAt, null)
        assert.equal((await ledgerOf(g.id)).length, 0)
        assert.equal(await accountOf(g.id), null)
        assert.equal((await audits('funding.payment.release', id)).length, 0)
        must(await releasePayment(t.deps, approver, approverWho(), id))
        assert.deepEqual(await accountOf(g.id), { committed: 1_000_000, paid: 80_000 })
      })
    }

    it('paid never exceeds committed: a release beyond a reduced grant is refused, and the database refuses it too', async () => {
      const g = await newGrant()
      const first = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 600_000,
          dueOn: today,
          purpose: 'x',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), first, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
      )
      // An amending notice reduced the grant to 5,000 € after the request was checked.
      await t.deps.db
        .update(fundingGrants)
        .set({ amountCents: 500_000 })
        .where(eq(fundingGrants.applicationId, g.id))
      const refused = await releasePayment(t.deps, approver, approverWho(), first)
      assert.equal(problemKey(refused), 'funding.payStaff.error.ledger')
      assert.equal((await paymentRows(g.id))[0]?.status, 'checked')
      assert.equal((await ledgerOf(g.id)).length, 0)
      // Writing the balance directly past the commitment is refused by the CHECK constraint.
      await t.deps.db.insert(fundingGrantAccounts).values({
        applicationId: g.id,
        year: Y,
        lineId: await lineId(t.deps, 'MSO'),
        committedCents: 500_000,
      })
      await assert.rejects(
        t.deps.db
          .update(fundingGrantAccounts)
          .set({ paidCents: 500_001 })
          .where(eq(fundingGrantAccounts.applicationId, g.id)),
        (err: { cause?: { constraint?: string } }) =>
          err.cause?.constraint === 'funding_grant_accounts_paid_within_committed',
      )
    })

    it('the final instalment can be held back until the proof of use; a rejection gives the money back', async () => {
      const g = await newGrant()
      const part = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 400_000,
          dueOn: today,
          purpose: 'x',
        }),
      )
      const rest = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 600_000,
          dueOn: today,
          purpose: 'Rest',
        }),
      )
      const rows = await paymentRows(g.id)
      assert.deepEqual(rows.map((r) => [r.instalment, r.final]).sort(), [
        [1, false],
        [2, true],
      ])
      const nothingLeft = await requestPayment(t.deps, g.actor, g.who, g.id, {
        year: Y,
        amountCents: 1,
        dueOn: today,
        purpose: 'x',
      })
      assert.equal(problemKey(nothingLeft), 'funding.pay.error.tooMuch')
      const holdPart = await checkPayment(t.deps, officer, officerWho(), part, {
        decision: 'check',
        hold: true,
        reason: '',
      })
      assert.equal(problemKey(holdPart), 'funding.payStaff.error.holdNotFinal')
      must(
        await checkPayment(t.deps, officer, officerWho(), rest, {
          decision: 'check',
          hold: true,
          reason: '',
        }),
      )
      const held = await releasePayment(t.deps, approver, approverWho(), rest)
      assert.equal(problemKey(held), 'funding.payStaff.error.held')
      const c = new Client(t.app)
      await c.signIn('approver@pay.example')
      assert.match((await c.get(`/foerderung/verwaltung/zahlungen/${rest}`)).body, /wird zurückgehalten/)
      await assert.rejects(
        t.deps.db
          .update(fundingPayments)
          .set({ status: 'released', releasedBy: approver.id, releasedAt: new Date() })
          .where(eq(fundingPayments.id, rest)),
        (err: { cause?: { constraint?: string } }) =>
          err.cause?.constraint === 'funding_payments_hold_not_released',
      )
      // a rejection needs a reason, and frees the money for a new request
      const noReason = await checkPayment(t.deps, officer, officerWho(), part, {
        decision: 'reject',
        hold: false,
        reason: ' ',
      })
      assert.equal(problemKey(noReason), 'funding.payStaff.error.reasonRequired')
      must(
        await checkPayment(t.deps, officer, officerWho(), part, {
          decision: 'reject',
          hold: false,
          reason: 'Zu früh.',
        }),
      )
      must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 400_000,
          dueOn: today,
          purpose: 'neu',
        }),
      )
    })

    it('money paid out and not used within the need window is flagged on the staff view', async () => {
      const g = await newGrant()
      const id = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 123_400,
          dueOn: today,
          purpose: 'x',
        }),
      )
      must(
        await checkPayment(t.deps, officer, officerWho(), id, { decision: 'check', hold: false, reason: '' }),
      )
      must(await releasePayment(t.deps, approver, approverWho(), id))
      const c = new Client(t.app)
      await c.signIn('officer@pay.example')
      const risk = (body: string) => body.slice(body.indexOf('id="zinsrisiko"'))
      assert.doesNotMatch(risk((await c.get('/foerderung/verwaltung/zahlungen')).body), /1\.234,00/)
      await t.deps.db
        .update(fundingPayments)
        .set({ releasedAt: sql`now() - interval '50 days'` })
        .where(eq(fundingPayments.id, id))
      const page = risk((await c.get('/foerderung/verwaltung/zahlungen')).body)
      assert.match(page, /1\.234,00/)
      assert.match(page, new RegExp(`zahlungen/${id}`))
    })
  })
}
