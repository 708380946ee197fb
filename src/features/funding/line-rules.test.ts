import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { and, count, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { lineId, must, NEXT_YEAR, registerMso, seedProgramme, TINY_PDF } from '../../../test/helpers/funding'
import { Client } from '../../../test/helpers/http'
import type { Actor } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { organisations, places } from '../directory/tables'
import { createApplication } from './applicant/create-application'
import {
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from './applicant/save-application'
import { submitApplication } from './applicant/submit-application'
import { wirLines } from './programme/wir'
import { applicationBundle } from './queries'
import { type LineRules, validateRules } from './rules'
import { fundingApplications, fundingCostItems, fundingLines, fundingQuantities } from './tables'

const Y = NEXT_YEAR
const project = {
  title: 'Vielfalt vor Ort',
  aims: 'Eine kommunale Strategie',
  targetGroups: 'Alle Einwohnerinnen und Einwohner',
  municipalities: 'Musterstadt',
  periodStart: `${Y}-01-01`,
  periodEnd: `${Y}-12-31`,
}

/** Municipalities of the test directory (fictitious keys) with their population. */
const TOWNS = [
  { officialKey: '06999001', name: 'Kleinau', population: 4_000 },
  { officialKey: '06999002', name: 'Mitteldorf', population: 3_000 },
  { officialKey: '06999003', name: 'Winzigen', population: 2_999 },
  { officialKey: '06999004', name: 'Großstadt am Main', population: 60_000 },
  { officialKey: '06999005', name: 'Mittelstadt', population: 25_000 },
  { officialKey: '06999006', name: 'Neustadt', population: 3_500 },
  { officialKey: '06999007', name: 'Neustadt', population: 3_600 },
  { officialKey: '06999008', name: 'Ohnezahl', population: null },
  { officialKey: '06999009', name: 'Nebenhausen', population: 3_000 },
]

function problemKeys(r: { ok: boolean; problems?: { field: string; key: string }[] }) {
  return r.ok
    ? []
    : (r as { problems: { field: string; key: string }[] }).problems.map((p) => `${p.field}:${p.key}`)
}

for (const kind of dbKinds()) {
  describe(`funding line rules (${kind})`, () => {
    let t: TestApp
    let n = 0
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      await t.deps.db.insert(places).values(TOWNS.map((p) => ({ ...p, kind: 'municipality' as const })))
      await t.createUser('officer@rp.example', ['funding_officer'])
      await t.createUser('fadmin@rp.example', ['funding_admin'])
    })
    after(() => t.close())

    /** A confirmed municipality applicant for the place with this key. */
    async function municipality(officialKey: string) {
      n++
      return registerMso(t.deps, {
        kind: 'municipality',
        organisationName: `Gemeinde ${officialKey}`,
        legalForm: 'Gebietskörperschaft',
        registerCourt: undefined,
        registerNumber: undefined,
        nonProfit: false,
        officialKey,
        email: `kommune-${n}@example.org`,
      })
    }
    async function association(overrides: { nonProfit?: boolean; registerNumber?: string } = {}) {
      n++
      return registerMso(t.deps, {
        organisationName: `Verein ${n} e. V.`,
        email: `verein-${n}@example.org`,
        ...overrides,
      })
    }
    async function draft(orgId: string, actor: Actor, line: string) {
      return must(
        await createApplication(t.deps.db, actor, {
          organisationId: orgId,
          lineId: await lineId(t.deps, line),
        }),
      )
    }
    const rowsOf = async (table: typeof fundingQuantities | typeof fundingCostItems, id: string) =>
      Number(
        (await t.deps.db.select({ n: count() }).from(table).where(eq(table.applicationId, id)))[0]?.n ?? 0,
      )

    it('caps coordinator posts per full-time equivalent and writes nothing on bad input', async () => {
      const { orgId, actor } = await municipality('06411000') // Darmstadt, one of the 33
      const id = await draft(orgId, actor, 'VZ')
      must(await saveProject(t.deps.db, actor, id, project))
      const costs = (coordination: number, staff = 0) => [
        { year: Y, category: 'coordination', cents: coordination },
        { year: Y, category: 'staff', cents: staff },
      ]
      const fte = (v: number, posts = 0) => [
        { year: Y, key: 'coordinator_fte', value: v },
        { year: Y, key: 'staff_posts', value: posts },
      ]
      assert.deepEqual(problemKeys(await saveCosts(t.deps.db, actor, id, costs(9_000_001), fte(150))), [
        `cost_${Y}_coordination:funding.rule.perUnitCap`,
      ])
      assert.deepEqual(problemKeys(await saveCosts(t.deps.db, actor, id, costs(0), fte(201))), [
        `qty_${Y}_coordinator_fte:funding.rule.qtyMax`,
      ])
      assert.deepEqual(problemKeys(await saveCosts(t.deps.db, actor, id, costs(100, 2_000_000), fte(150))), [
        `cost_${Y}_staff:funding.rule.qtyNeeded`,
      ])
      assert.equal(await rowsOf(fundingCostItems, id), 0, 'nothing half-written')
      assert.equal(await rowsOf(fundingQuantities, id), 0)
      must(await saveCosts(t.deps.db, actor, id, costs(9_000_000, 2_000_000), fte(150, 1)))
      const b = (await applicationBundle(t.deps.db, id))!
      assert.deepEqual(b.quantities, [
        { year: Y, key: 'coordinator_fte', value: 150 },
        { year: Y, key: 'staff_posts', value: 1 },
      ])
      const [audit] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'funding.application.costs'), eq(auditLog.entityId, id)))
      assert.deepEqual(audit!.summary, {
        total: 11_000_000,
        quantities: { [`${Y}_coordinator_fte`]: 150, [`${Y}_staff_posts`]: 1 },
      })
      // a refused later change keeps the saved plan as it was
      await saveCosts(t.deps.db, actor, id, costs(12_000_000), fte(150))
      assert.deepEqual((await applicationBundle(t.deps.db, id))!.quantities, b.quantities)
    })

    it('limits volunteer hours and grants the flat rate only to pools of five', async () => {
      const { orgId, actor } = await association()
      const id = await draft(orgId, actor, 'IL')
      must(await saveProject(t.deps.db, actor, id, project))
      const q = (volunteers: number, coordinating: number, hours: number) => [
        { year: Y, key: 'volunteers', value: volunteers },
        { year: Y, key: 'coordinating_volunteers', value: coordinating },
        { year: Y, key: 'hours', value: hours },
      ]
      const c = (hours: number, flat: number) => [
        { year: Y, category: 'allowance', cents: hours * 500 },
        { year: Y, category: 'coordination_flat', cents: flat },
      ]
      assert.deepEqual(
        problemKeys(await saveCosts(t.deps.db, actor, id, c(1_104, 200_000), q(4, 0, 1_105))),
        [`qty_${Y}_hours:funding.rule.qtyPer`, `cost_${Y}_coordination_flat:funding.rule.minPool`],
      )
      assert.deepEqual(problemKeys(await saveCosts(t.deps.db, actor, id, c(1_105, 0), q(4, 1, 1_104))), [
        `cost_${Y}_allowance:funding.rule.perUnitCap`,
      ])
      must(await saveCosts(t.deps.db, actor, id, c(1_518, 200_000), q(4, 1, 1_518)))
      assert.equal(await rowsOf(fundingQuantities, id), 3)
    })

    it('checks population limits and joint applications of small municipalities', async () => {
      const before = Number((await t.deps.db.select({ n: count() }).from(fundingApplications))[0]!.n)
      const large = await municipality('06999004')
      const refused = await createApplication(t.deps.db, large.actor, {
        organisationId: large.orgId,
        lineId: await lineId(t.deps, 'KIV'),
      })
      assert.deepEqual(problemKeys(refused), ['lineId:funding.rule.populationMax'])
      const unknown = await municipality('06999008')
      assert.deepEqual(
        problemKeys(
          await createApplication(t.deps.db, unknown.actor, {
            organisationId: unknown.orgId,
            lineId: await lineId(t.deps, 'KIV'),
          }),
        ),
        ['lineId:funding.rule.populationUnknown'],
      )
      assert.equal(
        Number((await t.deps.db.select({ n: count() }).from(fundingApplications))[0]!.n),
        before,
        'no application row for refused applicants',
      )

      const mid = await municipality('06999005')
      const midId = await draft(mid.orgId, mid.actor, 'KIV')
      must(await saveProject(t.deps.db, mid.actor, midId, project))

      const small = await municipality('06999001') // Kleinau, 4,000
      const id = await draft(small.orgId, small.actor, 'KIV')
      const save = (extra: Partial<Parameters<typeof saveProject>[3]>) =>
        saveProject(t.deps.db, small.actor, id, { ...project, ...extra })
      assert.deepEqual(problemKeys(await save({})), ['joint:funding.rule.populationJoint'])
      assert.deepEqual(problemKeys(await save({ joint: true })), [
        'partnerMunicipalities:funding.rule.partnersMissing',
      ])
      assert.deepEqual(
        problemKeys(await save({ joint: true, partnerMunicipalities: 'Mitteldorf\nWinzigen' })),
        ['partnerMunicipalities:funding.rule.jointTooSmall'],
      )
      assert.deepEqual(problemKeys(await save({ joint: true, partnerMunicipalities: 'Atlantis' })), [
        'partnerMunicipalities:funding.error.placeUnknown',
      ])
      assert.deepEqual(problemKeys(await save({ joint: true, partnerMunicipalities: 'neustadt' })), [
        'partnerMunicipalities:funding.error.placeAmbiguous',
      ])
      assert.deepEqual(problemKeys(await save({ joint: true, partnerMunicipalities: 'Großstadt am Main' })), [
        'partnerMunicipalities:funding.rule.partnerTooLarge',
      ])
      assert.deepEqual(problemKeys(await save({ joint: true, partnerMunicipalities: 'Ohnezahl' })), [
        'partnerMunicipalities:funding.rule.partnerPopulationUnknown',
      ])
      assert.deepEqual(problemKeys(await save({ joint: true, partnerMunicipalities: 'Kleinau' })), [
        'partnerMunicipalities:funding.error.placeTwice',
      ])
      assert.deepEqual(problemKeys(await save({ partnerMunicipalities: 'Mitteldorf' })), [
        'joint:funding.rule.jointUnticked',
      ])
      const app = (await applicationBundle(t.deps.db, id))!.app
      assert.equal(app.title, null, 'refused saves write nothing')
      // 4,000 + 3,000 + 3,600 = 10,600: a key in the line ("Name (key)" as the form shows it) picks one Neustadt
      must(await save({ joint: true, partnerMunicipalities: 'Mitteldorf\nNeustadt (06999007)' }))
      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.app.jointApplication, true)
      assert.deepEqual(
        b.partners.municipalities.map((m) => m.officialKey),
        ['06999002', '06999007'],
      )
      // saving again replaces the partners
      must(await save({ joint: true, partnerMunicipalities: '06999009\n06999006\nMitteldorf' }))
      assert.deepEqual(
        (await applicationBundle(t.deps.db, id))!.partners.municipalities.map((m) => m.name).sort(),
        ['Mitteldorf', 'Nebenhausen', 'Neustadt'],
      )
    })

    it('lets a municipality apply for MSO money only with a registered non-profit MSO as partner', async () => {
      const partner = await association()
      const unregistered = await association({ registerNumber: undefined })
      const [other] = await t.deps.db
        .insert(organisations)
        .values({ kind: 'association', name: 'Sportverein e. V.', nonProfit: true, registerNumber: 'VR 9' })
        .returning({ id: organisations.id })
      const city = await municipality('06412000') // Frankfurt am Main
      const id = await draft(city.orgId, city.actor, 'MSO')

      // the form offers the eligible partners only, starting on "please choose"
      const browser = new Client(t.app)
      await browser.signIn(city.actor.label, 'ein sehr langes Passwort')
      const url = `/foerderung/antraege/${id}/projekt`
      const form = await browser.get(url)
      assert.match(form.body, /<select[^>]*name="partnerOrganisationId"[^>]*required/)
      assert.match(
        form.body,
        /name="partnerOrganisationId"[^>]*>\s*<option value(?:="")?>Bitte wählen<\/option>/,
      )
      assert.ok(form.body.includes(`value="${partner.orgId}"`))
      assert.ok(!form.body.includes(`value="${unregistered.orgId}"`))
      assert.ok(!form.body.includes(`value="${other!.id}"`))
      const missing = await browser.submit(url, url, { ...project, partnerOrganisationId: '' })
      assert.equal(missing.statusCode, 400)
      assert.match(
        missing.body,
        /id="feld-partnerOrganisationId-error"[\s\S]*?nur gemeinsam mit einer Partnerorganisation beantragen/,
      )
      const tampered = await browser.submit(url, url, {
        ...project,
        partnerOrganisationId: unregistered.orgId,
      })
      assert.equal(tampered.statusCode, 400)
      assert.match(tampered.body, /kann nicht Partnerorganisation sein/)
      assert.equal((await applicationBundle(t.deps.db, id))!.app.title, null)

      const save = (partnerOrganisationId?: string) =>
        saveProject(t.deps.db, city.actor, id, { ...project, partnerOrganisationId })
      assert.deepEqual(problemKeys(await save()), ['partnerOrganisationId:funding.rule.partnerRequired'])
      for (const bad of [unregistered.orgId, other!.id, city.orgId, '00000000-0000-4000-8000-000000000000']) {
        assert.deepEqual(problemKeys(await save(bad)), [
          'partnerOrganisationId:funding.rule.partnerNotEligible',
        ])
      }
      must(await save(partner.orgId))
      const b = (await applicationBundle(t.deps.db, id))!
      assert.equal(b.partners.organisation?.id, partner.orgId)

      // the MSO itself applies without a partner
      const msoId = await draft(partner.orgId, partner.actor, 'MSO')
      assert.deepEqual(
        problemKeys(
          await saveProject(t.deps.db, partner.actor, msoId, {
            ...project,
            partnerOrganisationId: city.orgId,
          }),
        ),
        ['partnerOrganisationId:funding.rule.partnerNotAllowed'],
      )
      must(await saveProject(t.deps.db, partner.actor, msoId, project))
    })

    it('asks for quantities and partners in the form without JavaScript; bad input keeps the values', async () => {
      const { orgId, actor } = await municipality('06999009') // Nebenhausen, 3,000
      const id = await draft(orgId, actor, 'KIV')
      const browser = new Client(t.app)
      await browser.signIn(`kommune-${n}@example.org`, 'ein sehr langes Passwort')
      const url = `/foerderung/antraege/${id}/projekt`
      const form = await browser.get(url)
      assert.match(form.body, /Ihre Kommune hat 3\.000 Einwohnerinnen und Einwohner/)
      assert.match(form.body, /name="partnerMunicipalities"/)
      const tooSmall = await browser.submit(url, url, {
        ...project,
        joint: 'on',
        partnerMunicipalities: 'Mitteldorf\nWinzigen',
      })
      assert.equal(tooSmall.statusCode, 400)
      assert.match(tooSmall.body, /data-error-summary/)
      assert.match(
        tooSmall.body,
        /id="feld-partnerMunicipalities-error"[\s\S]*?Zusammen haben die Kommunen 8\.999 Einwohnerinnen und Einwohner; nötig sind mindestens 10\.000/,
      )
      assert.match(tooSmall.body, />Mitteldorf\nWinzigen<\/textarea>/)
      const en = await browser.submit(`/en${url}`, `/en${url}`, { ...project })
      assert.equal(en.statusCode, 400)
      assert.match(en.body, /id="feld-joint-error"[\s\S]*?apply together with other municipalities/)
      const saved = await browser.submit(url, url, {
        ...project,
        joint: 'on',
        partnerMunicipalities: 'Kleinau\nMitteldorf',
      })
      assert.equal(saved.statusCode, 303)
      const again = await browser.get(url)
      assert.match(again.body, /Kleinau \(06999001\)\nMitteldorf \(06999002\)<\/textarea>/)
      assert.match(again.body, /name="joint" value="on" checked/)

      // cost step of a VZ application: quantities next to the amounts
      const vz = await municipality('06411000')
      const vzId = await draft(vz.orgId, vz.actor, 'VZ')
      must(await saveProject(t.deps.db, vz.actor, vzId, project))
      const office = new Client(t.app)
      await office.signIn(`kommune-${n}@example.org`, 'ein sehr langes Passwort')
      const costs = `/foerderung/antraege/${vzId}/kosten`
      const page = await office.get(costs)
      assert.match(page.body, /Koordinierungsstellen in Vollzeitäquivalenten \(z\. B\. 1,5\) \d{4}/)
      assert.match(page.body, /höchstens 60\.000,00 € je Vollzeitstelle/)
      const decimals = await office.submit(costs, costs, {
        [`qty_${Y}_coordinator_fte`]: '1,555',
        [`cost_${Y}_coordination`]: '90.000',
      })
      assert.equal(decimals.statusCode, 400)
      assert.match(
        decimals.body,
        new RegExp(`id="feld-qty_${Y}_coordinator_fte-error"[\\s\\S]*?zwei Nachkommastellen`),
      )
      assert.match(decimals.body, /value="1,555"/)
      const over = await office.submit(costs, costs, {
        [`qty_${Y}_coordinator_fte`]: '1,5',
        [`cost_${Y}_coordination`]: '90.000,01',
      })
      assert.equal(over.statusCode, 400)
      assert.match(
        over.body,
        new RegExp(
          `id="feld-cost_${Y}_coordination-error"[\\s\\S]*?Bei den angegebenen Mengen höchstens 90\\.000,00 € \\(60\\.000,00 € je Vollzeitstelle\\)`,
        ),
      )
      assert.equal(await rowsOf(fundingCostItems, vzId), 0)
      const ok = await office.submit(costs, costs, {
        [`qty_${Y}_coordinator_fte`]: '1,5',
        [`cost_${Y}_coordination`]: '90.000',
      })
      assert.equal(ok.statusCode, 303)
      assert.match(
        (await office.get(costs)).body,
        new RegExp(`name="qty_${Y}_coordinator_fte" type="text" value="1,5"`),
      )
      assert.match(
        (await office.get(`/en${costs}`)).body,
        new RegExp(`name="qty_${Y}_coordinator_fte" type="text" value="1.5"`),
      )
    })

    it('checks partners and quantities again on submission, and shows them to the reviewer', async () => {
      const town = await municipality('06999003') // Winzigen, 2,999
      const id = await draft(town.orgId, town.actor, 'KIV')
      must(
        await saveProject(t.deps.db, town.actor, id, {
          ...project,
          joint: true,
          partnerMunicipalities: 'Mitteldorf\nKleinau\nNebenhausen',
        }),
      )
      must(await saveCosts(t.deps.db, town.actor, id, [{ year: Y, category: 'process', cents: 2_000_000 }]))
      must(
        await saveFinancing(t.deps.db, town.actor, id, [
          { year: Y, ownCents: 0, thirdPartyCents: 0, requestedCents: 2_000_000 },
        ]),
      )
      must(await saveDeclarations(t.deps.db, town.actor, id, { notStarted: true, truth: true }))
      must(
        await saveAttachment(t.deps.db, t.deps.files, town.actor, id, {
          kind: 'concept',
          fileName: 'konzept.pdf',
          bytes: TINY_PDF,
          truncated: false,
        }),
      )
      // the directory's figures change before submission: 2,999 + 3,000 + 1,000 + 3,000 < 10,000
      await t.deps.db.update(places).set({ population: 1_000 }).where(eq(places.officialKey, '06999001'))
      const refused = await submitApplication(t.deps, town.actor, id, { declared: true })
      assert.deepEqual(problemKeys(refused), ['partnerMunicipalities:funding.rule.jointTooSmall'])
      // on the check-your-answers page the message stands at the step it belongs to
      const applicant = new Client(t.app)
      await applicant.signIn(town.actor.label, 'ein sehr langes Passwort')
      const appUrl = `/foerderung/antraege/${id}`
      const page = await applicant.submit(`${appUrl}/pruefen`, `${appUrl}/einreichen`, { declaration: 'on' })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /href="#feld-step_project"/)
      assert.match(
        page.body,
        /id="antworten-project"[\s\S]*?id="feld-step_project"[^>]*>[\s\S]*?Zusammen haben die Kommunen 9\.999 Einwohnerinnen/,
      )
      assert.equal((await applicationBundle(t.deps.db, id))!.app.status, 'draft')
      await t.deps.db.update(places).set({ population: 4_000 }).where(eq(places.officialKey, '06999001'))
      const fileNumber = must(await submitApplication(t.deps, town.actor, id, { declared: true }))
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      const review = await officer.get(`/foerderung/verwaltung/antraege/${id}`)
      assert.ok(review.body.includes(fileNumber))
      assert.match(
        review.body,
        /Gemeinsamer Antrag mit: Kleinau \(06999001\), Mitteldorf \(06999002\), Nebenhausen \(06999009\)/,
      )

      // an IL application whose line rules tightened after the cost plan was saved
      const club = await association()
      const il = await draft(club.orgId, club.actor, 'IL')
      must(await saveProject(t.deps.db, club.actor, il, project))
      must(
        await saveCosts(
          t.deps.db,
          club.actor,
          il,
          [{ year: Y, category: 'allowance', cents: 276 * 500 }],
          [
            { year: Y, key: 'volunteers', value: 1 },
            { year: Y, key: 'hours', value: 276 },
          ],
        ),
      )
      must(
        await saveFinancing(t.deps.db, club.actor, il, [
          { year: Y, ownCents: 0, thirdPartyCents: 0, requestedCents: 276 * 500 },
        ]),
      )
      must(await saveDeclarations(t.deps.db, club.actor, il, { notStarted: true, truth: true }))
      must(
        await saveAttachment(t.deps.db, t.deps.files, club.actor, il, {
          kind: 'volunteers',
          fileName: 'lotsen.pdf',
          bytes: TINY_PDF,
          truncated: false,
        }),
      )
      const [line] = await t.deps.db.select().from(fundingLines).where(eq(fundingLines.key, 'IL'))
      const tighter = structuredClone(line!.rules)
      tighter.costCategories[0]!.quantities![2]!.maxPer![0]!.max = 200
      await t.deps.db.update(fundingLines).set({ rules: tighter }).where(eq(fundingLines.key, 'IL'))
      try {
        assert.deepEqual(problemKeys(await submitApplication(t.deps, club.actor, il, { declared: true })), [
          `qty_${Y}_hours:funding.rule.qtyPer`,
        ])
      } finally {
        await t.deps.db.update(fundingLines).set({ rules: line!.rules }).where(eq(fundingLines.key, 'IL'))
      }
      must(await submitApplication(t.deps, club.actor, il, { declared: true }))
      const ilReview = await officer.get(`/foerderung/verwaltung/antraege/${il}`)
      assert.match(ilReview.body, /Einsatzstunden im Jahr \(alle zusammen\)[\s\S]*?276/)
    })

    it('shows the rules on the public line page from the data', async () => {
      const de = (await new Client(t.app).get('/foerderung')).body
      for (const s of [
        'höchstens 60.000,00 € je Vollzeitstelle',
        'höchstens 276 je Lotsin oder Lotse, 414 je koordinierende Lotsin oder koordinierender Lotse',
        'nur ab 5 Lotsinnen und Lotsen im Pool',
        'Kommunen mit 10.000 bis 50.000 Einwohnerinnen und Einwohnern; kleinere gemeinsam (zusammen mindestens 10.000)',
        'Kommune: nur gemeinsam mit einer Partnerorganisation (Migrantenorganisation, eingetragen, gemeinnützig)',
      ]) {
        assert.ok(de.includes(s), s)
      }
      const en = (await new Client(t.app).get('/en/foerderung')).body
      assert.ok(en.includes('at most €60,000.00 per full-time post'))
      assert.ok(en.includes('municipalities of 10,000 to 50,000 inhabitants'))
    })

    it('refuses inconsistent rules in the administration', async () => {
      const admin = new Client(t.app)
      await admin.signIn('fadmin@rp.example')
      const id = await lineId(t.deps, 'IL')
      const url = `/foerderung/verwaltung/linien/${id}`
      const rules = structuredClone(wirLines().find((l) => l.key === 'IL')!.rules)
      rules.costCategories[1]!.minPool!.quantities = ['volunteers', 'helpers']
      const bad = await admin.submit(url, `${url}/regeln`, { rules: JSON.stringify(rules) })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /minPool: refers to a quantity the line does not have/)
      const [row] = await t.deps.db.select().from(fundingLines).where(eq(fundingLines.id, id))
      assert.deepEqual(row!.rules.costCategories[1]!.minPool!.quantities, [
        'volunteers',
        'coordinating_volunteers',
      ])
    })

    it('upgrades the rules of lines seeded before quantities existed, keeping changed ones', async () => {
      const seeded = new Map(wirLines().map((l) => [l.key, l.rules]))
      const euro = (n: number) => n * 100
      // the rules as the seed wrote them before this change
      const old = (key: string): LineRules => {
        const r = structuredClone(seeded.get(key)!)
        delete r.population
        delete r.partnerRequired
        for (const c of r.costCategories) {
          delete c.quantities
          delete c.minPool
        }
        if (key === 'VZ')
          r.costCategories[0]!.note = {
            de: 'höchstens 60.000 € je Vollzeitstelle und Jahr',
            en: 'at most 60,000 € per full-time post and year',
          }
        if (key === 'IL')
          r.costCategories[0]!.note = {
            de: 'höchstens 276 Stunden je Lotsin/Lotse und Jahr, 414 Stunden für koordinierende Lotsen',
            en: 'at most 276 hours per volunteer and year, 414 hours for coordinating volunteers',
          }
        return r
      }
      for (const key of ['VZ', 'IL', 'KIV', 'MSO', 'IP']) {
        await t.deps.db
          .update(fundingLines)
          .set({ rules: old(key) })
          .where(eq(fundingLines.key, key))
      }
      // an administrator changed the IL line: its categories are no longer the seeded ones
      const changed = old('IL')
      changed.costCategories = [
        { key: 'allowance_2', label: { de: 'AE', en: 'AE' }, capPerYearCents: euro(9) },
      ]
      await t.deps.db.update(fundingLines).set({ rules: changed }).where(eq(fundingLines.key, 'IL'))

      const dir = path.join(import.meta.dirname, '../../../migrations')
      const file = readdirSync(dir).find((f) => f.endsWith('_funding_line_rules.sql'))!
      const run = async () => {
        for (const statement of readFileSync(path.join(dir, file), 'utf8').split(
          '--> statement-breakpoint',
        )) {
          await t.deps.db.execute(sql.raw(statement))
        }
      }
      await run()
      await run() // idempotent
      const rows = await t.deps.db.select().from(fundingLines)
      const rulesOf = (key: string) => rows.find((r) => r.key === key)!.rules
      for (const key of ['VZ', 'KIV', 'MSO', 'IP']) {
        assert.deepEqual(rulesOf(key), seeded.get(key), key)
        assert.equal(validateRules(rulesOf(key)).ok, true, key)
      }
      assert.deepEqual(rulesOf('IL'), changed, 'changed rules stay as they are')

      // once more with the IL line as seeded before
      await t.deps.db
        .update(fundingLines)
        .set({ rules: old('IL') })
        .where(eq(fundingLines.key, 'IL'))
      await run()
      const [il] = await t.deps.db.select().from(fundingLines).where(eq(fundingLines.key, 'IL'))
      assert.deepEqual(il!.rules, seeded.get('IL'))
    })
  })
}
