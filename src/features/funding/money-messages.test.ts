import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import {
  lineId,
  MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import { Client } from '../../../test/helpers/http'
import { createApplication } from './applicant/create-application'
import { saveCosts, saveProject } from './applicant/save-application'

const Y = NEXT_YEAR

/** The message next to a field (its error paragraph), as text. */
function fieldError(body: string, name: string): string {
  const m = new RegExp(`<p class="kern-error" id="feld-${name}-error">([\\s\\S]*?)</p>`).exec(body)
  return (m?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The error summary's text. */
function summary(body: string): string {
  const m = /data-error-summary[\s\S]*?<\/ul>/.exec(body)
  return (m?.[0] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

for (const kind of dbKinds()) {
  describe(`money inputs name their field and are checked in one pass (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      await t.createUser('officer@rp.example', ['funding_officer'])
      await t.createUser('programm@rp.example', ['funding_admin'])
    })
    after(() => t.close())

    it('costs and financing: every amount and every rule in one answer, each message naming its field (de, en)', async () => {
      const { orgId, actor } = await registerMso(t.deps)
      const id = must(
        await createApplication(t.deps.db, actor, {
          organisationId: orgId,
          lineId: await lineId(t.deps, 'MSO'),
        }),
      )
      must(
        await saveProject(t.deps.db, actor, id, {
          title: 'Sprachcafé über zwei Jahre',
          aims: 'Begegnung',
          targetGroups: 'Neuzugewanderte',
          municipalities: 'Frankfurt am Main',
          periodStart: `${Y}-01-01`,
          periodEnd: `${Y + 1}-06-30`,
        }),
      )
      const applicant = new Client(t.app)
      await applicant.signIn(MSO_REGISTRATION.email, MSO_REGISTRATION.password as string)
      const costs = `/foerderung/antraege/${id}/kosten`

      const bad = await applicant.submit(costs, costs, {
        [`cost_${Y}_micro_project`]: 'drei',
        [`cost_${Y}_minijob`]: '12,345',
        [`cost_${Y + 1}_micro_project`]: '-5',
        [`cost_${Y + 1}_minijob`]: '99999999999999',
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(
        fieldError(bad.body, `cost_${Y}_micro_project`),
        `Fehler: Geben Sie den Betrag für „Mikroprojekt ${Y}“ in Euro ein, zum Beispiel 1.234,56.`,
      )
      assert.equal(
        fieldError(bad.body, `cost_${Y}_minijob`),
        `Fehler: Geben Sie den Betrag für „Minijob ${Y}“ in Euro mit höchstens zwei Nachkommastellen (Cent) ein.`,
      )
      assert.equal(
        fieldError(bad.body, `cost_${Y + 1}_micro_project`),
        `Fehler: Der Betrag für „Mikroprojekt ${Y + 1}“ darf nicht negativ sein.`,
      )
      assert.match(
        fieldError(bad.body, `cost_${Y + 1}_minijob`),
        new RegExp(
          `^Fehler: Der Betrag für „Minijob ${Y + 1}“ ist zu groß: höchstens 10\\.000\\.000\\.000,00 €\\.$`,
        ),
      )
      // The summary names each field too, in the order of the page.
      const listed = summary(bad.body)
      assert.match(
        listed,
        new RegExp(
          `Mikroprojekt ${Y}“ in Euro ein[\\s\\S]*Minijob ${Y}“[\\s\\S]*Mikroprojekt ${Y + 1}“[\\s\\S]*Minijob ${Y + 1}“`,
        ),
      )
      assert.match(bad.body, /value="drei"/, 'the amount typed is kept')

      const en = await applicant.submit(`/en${costs}`, `/en${costs}`, {
        [`cost_${Y}_micro_project`]: 'three',
      })
      assert.equal(en.statusCode, 400)
      assert.equal(
        fieldError(en.body, `cost_${Y}_micro_project`),
        `Error: Enter the amount for “Micro-project ${Y}” in euro, for example 1234.56.`,
      )

      must(
        await saveCosts(t.deps.db, actor, id, [
          { year: Y, category: 'micro_project', cents: 100_000 },
          { year: Y + 1, category: 'micro_project', cents: 100_000 },
        ]),
      )
      const financing = `/foerderung/antraege/${id}/finanzierung`
      // Year Y is read in full and does not balance; in Y+1 one amount is unreadable, one missing.
      const fin = await applicant.submit(financing, financing, {
        [`fin_${Y}_own`]: '100',
        [`fin_${Y}_requested`]: '500',
        [`fin_${Y + 1}_own`]: 'viel',
        [`fin_${Y + 1}_requested`]: '',
      })
      assert.equal(fin.statusCode, 400)
      assert.match(fieldError(fin.body, `fin_${Y}_requested`), /geht nicht auf/)
      assert.equal(
        fieldError(fin.body, `fin_${Y + 1}_own`),
        `Fehler: Geben Sie den Betrag für „Eigenmittel ${Y + 1}“ in Euro ein, zum Beispiel 1.234,56.`,
      )
      assert.equal(
        fieldError(fin.body, `fin_${Y + 1}_requested`),
        `Fehler: Geben Sie den Betrag für „Beantragte Zuwendung ${Y + 1}“ in Euro ein.`,
      )
      const finEn = await applicant.submit(`/en${financing}`, `/en${financing}`, {
        [`fin_${Y}_own`]: '100',
        [`fin_${Y}_requested`]: '900',
        [`fin_${Y + 1}_requested`]: '',
      })
      assert.equal(
        fieldError(finEn.body, `fin_${Y + 1}_requested`),
        `Error: Enter the amount for “Grant requested ${Y + 1}” in euro.`,
      )
    })

    it('a proposal and a line budget: the other fields and the amounts in one answer', async () => {
      const { orgId, actor } = await registerMso(t.deps, { email: 'zwei@bruecke.example' })
      const id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      const review = `/foerderung/verwaltung/antraege/${id}`
      const proposal = await officer.submit(review, `${review}/vorschlag`, {
        decision: 'approve_part',
        reasons: '',
        [`amount_${Y}`]: 'die Hälfte',
      })
      assert.equal(proposal.statusCode, 400)
      assert.match(fieldError(proposal.body, 'reasons'), /Begründung|aus\./)
      assert.equal(
        fieldError(proposal.body, `amount_${Y}`),
        `Fehler: Geben Sie den Betrag für „Bewilligung ${Y}“ in Euro ein, zum Beispiel 1.234,56.`,
      )

      const admin = new Client(t.app)
      await admin.signIn('programm@rp.example')
      const line = `/foerderung/verwaltung/linien/${await lineId(t.deps, 'MSO')}`
      const budget = await admin.submit(line, `${line}/mittel`, { year: 'nächstes', budget: 'eine Million' })
      assert.equal(budget.statusCode, 400)
      assert.notEqual(fieldError(budget.body, 'year'), '')
      assert.equal(
        fieldError(budget.body, 'budget'),
        'Fehler: Geben Sie den Betrag für „Haushaltsmittel“ in Euro ein, zum Beispiel 1.234,56.',
      )
    })
  })
}
