import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { type Actor, CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { users } from '../../platform/auth/tables'
import { recurringKey } from '../../platform/jobs'
import { jobs } from '../../platform/jobs/tables'
import { mailOutbox } from '../../platform/mail/tables'
import { problemKey } from '../../platform/outcome'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { publicOffer, searchOffers } from './find-offers'
import type { OffersWho } from './policies'
import { confirmOffer, saveOffer } from './save-offer'
import { remindStaleOffers, STALENESS_JOB } from './staleness'
import { offers } from './tables'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const ACTOR: Actor = { id: null, label: 'test' }
const NOW = new Date('2027-06-15T08:00:00Z')
const monthsAgo = (m: number, from = NOW) => {
  const d = new Date(from)
  d.setUTCMonth(d.getUTCMonth() - m)
  return d
}

for (const kind of dbKinds()) {
  describe(`offers staleness job (${kind})`, () => {
    let t: TestApp
    let org: string
    let silentOrg: string
    const ids: Record<string, string> = {}

    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      org = await createOrganisation(t.deps.db, CLI_ACTOR, { kind: 'association', name: 'Brücke e. V.' })
      silentOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Ohne Konto e. V.',
      })
      const placeId = (await placeByKey(t.deps.db, '06611000'))!.id
      const add = async (title: string, confirmedAt: Date, organisationId = org) => {
        const r = await saveOffer(t.deps.db, ACTOR, STAFF, {
          organisationId,
          placeId,
          online: false,
          title,
          description: '',
          lang: 'de',
          languages: ['de'],
          topics: ['counselling'],
          targetGroups: [],
          contactEmail: 'info@example.org',
          confirmedAt,
        })
        assert.ok(r.ok, problemKey(r) ?? '')
        ids[title] = r.value
      }
      await add('Frisch', monthsAgo(11))
      await add('Fällig', monthsAgo(13))
      await add('Verborgen', monthsAgo(16))
      await add('Ohne Empfänger', monthsAgo(14), silentOrg)
      const de = await t.createUser('ana@bruecke.example', ['applicant'])
      const tr = await t.createUser('emre@bruecke.example', ['applicant'])
      await t.deps.db.update(users).set({ locale: 'tr' }).where(eq(users.id, tr))
      for (const u of [de, tr]) await linkOrganisationAccount(t.deps.db, CLI_ACTOR, u, org)
    })
    after(() => t.close())

    const mails = () => t.deps.db.select().from(mailOutbox)

    it('writes once to every account of the organisation, in its language, naming the due offers', async () => {
      const report = await remindStaleOffers(t.deps, NOW)
      assert.deepEqual(report, { organisations: 1, offers: 2, mails: 2 })
      const sent = await mails()
      const de = sent.find((m) => m.to === 'ana@bruecke.example')
      const tr = sent.find((m) => m.to === 'emre@bruecke.example')
      assert.ok(de && tr)
      assert.equal(de.subject, 'Bitte bestätigen Sie Ihre Angebote im Angebotsfinder')
      assert.match(de.text, /^Guten Tag ana,/)
      assert.match(de.text, /- Fällig \(/)
      assert.match(de.text, /- Verborgen \(/)
      assert.doesNotMatch(de.text, /Frisch|Ohne Empfänger/)
      assert.match(de.text, /\/angebote\/verwalten/)
      assert.equal(tr.subject, 'Lütfen teklif rehberindeki tekliflerinizi onaylayın')
      assert.match(tr.text, /\/tr\/angebote\/verwalten/)
      const [audit] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'offers.offer.remind'), eq(auditLog.entityId, org)))
      assert.ok(audit)
    })

    it('does not write again for the same confirmation, the next day', async () => {
      const report = await remindStaleOffers(t.deps, new Date(NOW.getTime() + 86_400_000))
      assert.deepEqual(report, { organisations: 0, offers: 0, mails: 0 })
      assert.equal((await mails()).length, 2)
    })

    it('hides offers after 15 months from the public but never deletes them', async () => {
      const hits = await searchOffers(t.deps.db, { now: NOW })
      const titles = hits.hits.map((h) => h.title)
      assert.ok(titles.includes('Fällig'), 'due offers are still public')
      assert.ok(!titles.includes('Verborgen'))
      assert.equal(await publicOffer(t.deps.db, ids.Verborgen!, NOW), null)
      const [row] = await t.deps.db.select().from(offers).where(eq(offers.id, ids.Verborgen!))
      assert.ok(row, 'the hidden offer is still stored')
    })

    it('starts a new period when confirmed: public again, and reminded again 12 months later', async () => {
      const who: OffersWho = { id: 'u-p', can: (p) => p === 'offers.provide', organisationId: org }
      assert.ok((await confirmOffer(t.deps.db, ACTOR, who, ids.Verborgen!, NOW)).ok)
      assert.ok(await publicOffer(t.deps.db, ids.Verborgen!, NOW))
      const soon = await remindStaleOffers(t.deps, new Date(NOW.getTime() + 10 * 86_400_000))
      assert.equal(soon.offers, 0)
      const later = new Date(NOW)
      later.setUTCMonth(later.getUTCMonth() + 12)
      // The confirmed one and "Frisch" (due by then); "Fällig" was reminded for its confirmation already.
      const report = await remindStaleOffers(t.deps, later)
      assert.deepEqual(report, { organisations: 1, offers: 2, mails: 2 })
      const text = (await mails()).at(-1)!.text
      assert.match(text, /Verborgen/)
      assert.doesNotMatch(text, /Fällig/)
    })

    it('runs every day as a recurring job of the platform queue', async () => {
      await t.deps.jobs.ensureRecurring()
      const [job] = await t.deps.db.select().from(jobs).where(eq(jobs.kind, STALENESS_JOB))
      assert.ok(job, 'the recurring run is scheduled')
      assert.equal(job.uniqueKey, recurringKey(STALENESS_JOB))
      await t.deps.jobs.runDue()
      const [ran] = await t.deps.db.select().from(jobs).where(eq(jobs.id, job.id))
      assert.equal(ran?.status, 'done', ran?.lastError ?? '')
    })

    it('waits for an organisation without an account and writes once it has one', async () => {
      const [row] = await t.deps.db.select().from(offers).where(eq(offers.id, ids['Ohne Empfänger']!))
      assert.equal(row?.remindedAt, null)
      const u = await t.createUser('neu@ohne-konto.example', ['applicant'])
      await linkOrganisationAccount(t.deps.db, CLI_ACTOR, u, silentOrg)
      const report = await remindStaleOffers(t.deps, NOW)
      assert.deepEqual(report, { organisations: 1, offers: 1, mails: 1 })
    })
  })
}
