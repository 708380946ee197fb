import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { extractText, getDocumentProxy } from 'unpdf'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { dbError, noticeImmutable } from '../../../test/helpers/errors'
import {
  lineId,
  MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import type { Actor } from '../../platform/audit'
import { mailOutbox } from '../../platform/mail/tables'
import { createApplication } from './applicant/create-application'
import { saveCosts, saveFinancing, saveProject } from './applicant/save-application'
import { submitApplication } from './applicant/submit-application'
import { setBudget } from './programme/manage-lines'
import { registerApplicant } from './public/register-applicant'
import { applicationBundle, budgetOverview, noticePdf } from './queries'
import { confirmApproval, proposeDecision } from './review/decide-application'
import { requestInformation } from './review/review-application'
import { fundingApplications, fundingBudgets, fundingFinancing, fundingNotices } from './tables'

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  return (await extractText(doc, { mergePages: true })).text as string
}

for (const kind of dbKinds()) {
  describe(`funding workflow (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    let approver2: Actor
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = {
        id: await t.createUser('officer@rp.example', ['funding_officer']),
        label: 'officer@rp.example',
      }
      approver = {
        id: await t.createUser('approver@rp.example', ['funding_approver']),
        label: 'approver@rp.example',
      }
      approver2 = {
        id: await t.createUser('approver2@rp.example', ['funding_approver', 'funding_officer']),
        label: 'approver2@rp.example',
      }
    })
    after(() => t.close())

    it('runs application → review → four-eyes approval → notice, committing the budget', async () => {
      const { orgId, actor } = await registerMso(t.deps)
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      // Without the line's declaration nothing is submitted.
      const undeclared = await submitApplication(t.deps, actor, id, { declared: false })
      assert.deepEqual(undeclared.ok ? [] : undeclared.problems.map((p) => p.field), ['declaration'])
      assert.equal((await applicationBundle(t.deps.db, id))!.app.status, 'draft')
      const fileNumber = must(await submitApplication(t.deps, actor, id, { declared: true }))
      const [submitted] = await t.deps.db
        .execute(
          sql`select summary from audit_log where action = 'funding.application.submit' and entity_id = ${id}`,
        )
        .then((r) => (r as unknown as { rows: { summary: { declaration: string } }[] }).rows)
      assert.match(
        submitted!.summary.declaration,
        /in der Förderlinie Migrantenorganisationen eine Zuwendung als/,
      )
      assert.match(submitted!.summary.declaration, /§ 264 des Strafgesetzbuchs/)
      assert.match(fileNumber, /^WIR-MSO-\d{4}-00001$/)
      const mails = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, MSO_REGISTRATION.email))
      assert.ok(
        mails.some((m) => m.subject.includes(fileNumber)),
        'confirmation mail with the file number',
      )

      // more information requested, then submitted again under the same file number
      must(await requestInformation(t.deps, officer, id, 'Bitte Kooperationspartner nennen.'))
      assert.equal(
        must(await submitApplication(t.deps, actor, id, { declared: true, reply: 'Stadtteilbibliothek' })),
        fileNumber,
      )

      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      // the proposer may not approve, even when they hold the approver role too
      const same = await confirmApproval(t.deps, { ...officer }, id)
      assert.deepEqual(same.ok ? null : same.problems[0]?.key, 'funding.error.fourEyes')
      const version = must(await confirmApproval(t.deps, approver, id))
      assert.equal(version, 1)
      const again = await confirmApproval(t.deps, approver2, id)
      assert.equal(again.ok ? null : again.problems[0]?.key, 'funding.error.notProposed')

      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.app.status, 'approved')
      assert.deepEqual(b.grants, [{ year: NEXT_YEAR, cents: 1_000_000 }])
      const overview = await budgetOverview(t.deps.db)
      const mso = await lineId(t.deps, 'MSO')
      const row = overview.budgets.find((x) => x.lineId === mso && x.year === NEXT_YEAR)!
      assert.equal(row.committedCents, 1_000_000)

      const pdf = (await noticePdf(t.deps.db, id, 1))!
      const text = await pdfText(pdf)
      for (const expected of [
        'Zuwendungsbescheid',
        fileNumber,
        'Brücke der Kulturen e. V.',
        'Sprachcafé für Neuzugewanderte',
        '10.000,00 €',
        'Fehlbedarfsfinanzierung',
        `01.01.${NEXT_YEAR} bis 31.12.${NEXT_YEAR}`,
        'ANBest-P',
        `Verwendung der Zuwendung ist bis zum 30.06.${NEXT_YEAR + 1}`,
        'Rechtsbehelfsbelehrung',
        'DE89 3704 0044 0532 0130 00'.replace(/ /g, ''),
      ]) {
        assert.ok(text.replace(/\s+/g, ' ').includes(expected), `notice mentions ${expected}`)
      }

      // notices are versioned and never overwritten: the database refuses changes
      await assert.rejects(
        t.deps.db.update(fundingNotices).set({ version: 9 }).where(eq(fundingNotices.applicationId, id)),
        noticeImmutable,
      )
      await assert.rejects(
        t.deps.db.delete(fundingNotices).where(eq(fundingNotices.applicationId, id)),
        noticeImmutable,
      )
    })

    it('refuses bad input with a message and writes nothing', async () => {
      const bad = await registerApplicant(
        t.deps,
        { id: null, label: 'anonymous' },
        {
          ...MSO_REGISTRATION,
          email: 'other@example.org',
          iban: 'DE89 3704 0044 0532 0130 01',
        },
      )
      assert.equal(bad.ok ? null : bad.problems[0]?.field, 'iban')

      const { orgId, actor } = await registerMso(t.deps, {
        email: 'second@bruecke.example',
        organisationName: 'Zweiter Verein e. V.',
      })
      // a non-profit MSO may not apply for the diversity centres
      const vz = await createApplication(t.deps.db, actor, {
        organisationId: orgId,
        lineId: await lineId(t.deps, 'VZ'),
      })
      assert.equal(vz.ok ? null : vz.problems[0]?.key, 'funding.rule.kind')
      const { orgId: profitOrg, actor: profitActor } = await registerMso(t.deps, {
        email: 'gmbh@example.org',
        nonProfit: false,
      })
      const notNonProfit = await createApplication(t.deps.db, profitActor, {
        organisationId: profitOrg,
        lineId: await lineId(t.deps, 'MSO'),
      })
      assert.equal(notNonProfit.ok ? null : notNonProfit.problems[0]?.key, 'funding.rule.nonProfit')

      const id = await submittedMsoApplication(t.deps, orgId, actor)
      // over the cap: refused, the old cost plan stays
      const over = await saveCosts(t.deps.db, actor, id, [
        { year: NEXT_YEAR, category: 'minijob', cents: 720_001 },
      ])
      assert.equal(over.ok ? null : over.problems[0]?.field, `cost_${NEXT_YEAR}_minijob`)
      // unbalanced by one cent
      const unbalanced = await saveFinancing(t.deps.db, actor, id, [
        { year: NEXT_YEAR, ownCents: 20_001, thirdPartyCents: 0, requestedCents: 1_000_000 },
      ])
      assert.equal(unbalanced.ok ? null : unbalanced.problems[0]?.key, 'funding.rule.unbalanced')
      const [fin] = await t.deps.db
        .select()
        .from(fundingFinancing)
        .where(eq(fundingFinancing.applicationId, id))
      assert.equal(Number(fin!.ownCents), 20_000, 'the refused plan changed nothing')

      // an approval beyond the remaining budget
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'ok' }))
      const kiv = await lineId(t.deps, 'MSO')
      const [budget] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, kiv), eq(fundingBudgets.year, NEXT_YEAR)))
      must(await setBudget(t.deps.db, officer, kiv, NEXT_YEAR, Number(budget!.committedCents) + 999_999))
      const refused = await confirmApproval(t.deps, approver, id)
      assert.equal(refused.ok ? null : refused.problems[0]?.key, 'funding.error.budgetExceeded')
      const [still] = await t.deps.db.select().from(fundingApplications).where(eq(fundingApplications.id, id))
      assert.equal(still!.status, 'proposed', 'nothing half-written')
      const notices = await t.deps.db
        .select()
        .from(fundingNotices)
        .where(eq(fundingNotices.applicationId, id))
      assert.equal(notices.length, 0)
      // the budget cannot be set below what is committed
      const below = await setBudget(t.deps.db, officer, kiv, NEXT_YEAR, 0)
      assert.equal(below.ok ? null : below.problems[0]?.key, 'funding.error.budgetBelowCommitted')
    })

    it('rejects with reasons at once (no second person, no budget), and refuses a passed deadline', async () => {
      const { orgId, actor } = await registerMso(t.deps, {
        email: 'reject@example.org',
        organisationName: 'Abgelehnt e. V.',
      })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(
        await proposeDecision(t.deps, officer, id, {
          decision: 'reject',
          reasons: 'Kein Bezug zum Förderzweck.',
        }),
      )
      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.app.status, 'rejected')
      assert.deepEqual(b.grants, [])
      assert.equal(b.notices.length, 0)
      const mails = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'reject@example.org'))
      assert.ok(mails.some((m) => m.text.includes('Kein Bezug zum Förderzweck.')))
      const late = await createApplication(t.deps.db, actor, {
        organisationId: orgId,
        lineId: await lineId(t.deps, 'MSO'),
      })
      const thisYear = NEXT_YEAR - 1
      const refused = await saveProject(t.deps.db, actor, must(late), {
        title: 'Zu spät',
        aims: 'x',
        targetGroups: 'x',
        municipalities: 'x',
        periodStart: `${thisYear}-12-01`,
        periodEnd: `${thisYear}-12-31`,
      })
      assert.equal(refused.ok ? null : refused.problems[0]?.key, 'funding.rule.deadline')
    })

    it('the database itself refuses committing beyond the budget (CHECK constraint)', async () => {
      const line = await lineId(t.deps, 'LD')
      await assert.rejects(
        t.deps.db
          .update(fundingBudgets)
          .set({ committedCents: sql`${fundingBudgets.budgetCents} + 1` })
          .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, NEXT_YEAR))),
        dbError(/funding_budgets_committed_within_budget/),
      )
    })

    it(`never overspends under ${kind === 'postgres' ? '200 concurrent' : '40 sequential'} approvals`, async () => {
      const n = kind === 'postgres' ? 200 : 40
      const fits = kind === 'postgres' ? 23 : 7
      const line = await lineId(t.deps, 'IL')
      const year = NEXT_YEAR + 1
      const amount = 123_45
      must(await setBudget(t.deps.db, officer, line, year, fits * amount + amount - 1))
      const { orgId } = await registerMso(t.deps, {
        email: 'pool@example.org',
        organisationName: 'Lotsenpool e. V.',
      })
      const ids: string[] = []
      for (let i = 0; i < n; i++) {
        const [row] = await t.deps.db
          .insert(fundingApplications)
          .values({
            lineId: line,
            organisationId: orgId,
            status: 'proposed',
            fileNumber: `WIR-IL-TEST-${i}`,
            title: `Lotsen ${i}`,
            aims: 'Begleitung',
            periodStart: `${year}-01-01`,
            periodEnd: `${year}-12-31`,
            proposedDecision: 'approve',
            proposedAmounts: { [String(year)]: amount },
            proposedBy: officer.id,
          })
          .returning({ id: fundingApplications.id })
        await t.deps.db
          .insert(fundingFinancing)
          .values({ applicationId: row!.id, year, ownCents: 0, thirdPartyCents: 0, requestedCents: amount })
        ids.push(row!.id)
      }
      const approvers = [approver, approver2]
      const results =
        kind === 'postgres'
          ? await Promise.all(ids.map((id, i) => confirmApproval(t.deps, approvers[i % 2]!, id)))
          : await (async () => {
              const out = []
              for (const [i, id] of ids.entries())
                out.push(await confirmApproval(t.deps, approvers[i % 2]!, id))
              return out
            })()
      const approved = results.filter((r) => r.ok).length
      const refused = results.filter((r) => !r.ok)
      assert.equal(approved, fits)
      assert.ok(refused.every((r) => !r.ok && r.problems[0]?.key.startsWith('funding.error.budgetExceeded')))
      const [b] = await t.deps.db
        .select()
        .from(fundingBudgets)
        .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, year)))
      assert.equal(Number(b!.committedCents), fits * amount)
      assert.ok(Number(b!.committedCents) <= Number(b!.budgetCents))
      const approvedRows = await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(fundingApplications)
        .where(and(eq(fundingApplications.lineId, line), eq(fundingApplications.status, 'approved')))
      assert.equal(Number(approvedRows[0]!.n), fits)
      const noticeRows = await t.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(fundingNotices)
        .innerJoin(fundingApplications, eq(fundingApplications.id, fundingNotices.applicationId))
        .where(eq(fundingApplications.lineId, line))
      assert.equal(Number(noticeRows[0]!.n), fits, 'a notice exactly for each approval')
    })
  })
}
