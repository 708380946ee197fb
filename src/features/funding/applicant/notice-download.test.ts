import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  lineId,
  MSO_REGISTRATION,
  must,
  registerMso,
  seedProgramme,
  submitApplication,
  submittedMsoApplication,
} from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { recordingReads } from '../../../../test/helpers/recording-db'
import { fundingWhoOf, grantNoticeFor } from '../queries'
import { confirmApproval, proposeDecision } from '../review/decide-application'

for (const kind of dbKinds()) {
  describe(`grant notice download and application ids (${kind})`, () => {
    let t: TestApp
    let id: string
    let ownerId: string
    let otherId: string
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      const officer = { id: await t.createUser('officer@rp.example', ['funding_officer']), label: 'o' }
      const approver = { id: await t.createUser('approver@rp.example', ['funding_approver']), label: 'a' }
      await t.createUser('manager@rp.example', ['funding_admin'])
      const { orgId, actor } = await registerMso(t.deps)
      ownerId = actor.id
      id = await submittedMsoApplication(t.deps, orgId, actor)
      must(await submitApplication(t.deps, actor, id, { declared: true }))
      must(await proposeDecision(t.deps, officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
      must(await confirmApproval(t.deps, approver, id))
      otherId = (await registerMso(t.deps, { email: 'andere@example.org', organisationName: 'Andere e. V.' }))
        .userId
    })
    after(() => t.close())

    const whoFor = (userId: string, permissions: string[]) =>
      fundingWhoOf(t.deps.db, { id: userId, can: (p) => permissions.includes(p) })

    it('another applicant’s notice is refused after reading only whose application it is', async () => {
      const { db, tables } = recordingReads(t.deps.db)
      const stranger = await whoFor(otherId, ['funding.apply'])
      assert.equal(await grantNoticeFor(db, stranger, id, 1), null)
      assert.deepEqual(tables, ['funding_applications'], 'no notice, cost or partner row was read')

      tables.length = 0
      const owner = await whoFor(ownerId, ['funding.apply'])
      const notice = await grantNoticeFor(db, owner, id, 1)
      assert.equal(notice?.kind, 'initial')
      assert.equal(
        Buffer.from(notice?.pdf ?? [])
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      )
      assert.deepEqual(tables, ['funding_applications', 'funding_notices'])
    })

    it('the route: the owner gets the PDF, another applicant and a visitor a 404 page', async () => {
      const url = `/foerderung/antraege/${id}/bescheid/1`
      const owner = new Client(t.app)
      await owner.signIn(MSO_REGISTRATION.email, MSO_REGISTRATION.password)
      const pdf = await owner.get(url)
      assert.equal(pdf.statusCode, 200)
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      assert.match(
        String(pdf.headers['content-disposition']),
        /Zuwendungsbescheid-WIR-MSO-\d{4}-\d{5}-v1\.pdf/,
      )
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
      const other = new Client(t.app)
      await other.signIn('andere@example.org', MSO_REGISTRATION.password)
      for (const client of [other, new Client(t.app)]) {
        const res = await client.get(url)
        assert.equal(res.statusCode, 404)
        assert.match(res.body, /Seite nicht gefunden/)
      }
      // a version that is no number fails the route's params schema: the same 404 page
      const bad = await owner.get(`/foerderung/antraege/${id}/bescheid/eins`)
      assert.equal(bad.statusCode, 404)
      assert.match(bad.body, /Seite nicht gefunden/)
    })

    it('an application or line id that is no uuid answers the 404 page on applicant, review and programme routes', async () => {
      const applicant = new Client(t.app)
      await applicant.signIn(MSO_REGISTRATION.email, MSO_REGISTRATION.password)
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      const manager = new Client(t.app)
      await manager.signIn('manager@rp.example')
      const own = `/foerderung/antraege/${id}`
      const review = `/foerderung/verwaltung/antraege/${id}`
      const line = `/foerderung/verwaltung/linien/${await lineId(t.deps, 'MSO')}`
      const cases: [Client, string, string[], string, string[]][] = [
        [
          applicant,
          own,
          [
            '/foerderung/antraege/kein-uuid',
            '/foerderung/antraege/kein-uuid/pruefen',
            '/foerderung/antraege/kein-uuid/projekt',
            '/foerderung/antraege/kein-uuid/bescheid/1',
          ],
          `${own}/pruefen`,
          ['/foerderung/antraege/kein-uuid/einreichen', '/foerderung/antraege/kein-uuid/kosten'],
        ],
        [
          officer,
          review,
          ['/foerderung/verwaltung/antraege/kein-uuid'],
          review,
          [
            '/foerderung/verwaltung/antraege/kein-uuid/vermerk',
            '/foerderung/verwaltung/antraege/kein-uuid/pruefliste',
          ],
        ],
        [
          manager,
          line,
          ['/foerderung/verwaltung/linien/kein-uuid'],
          line,
          ['/foerderung/verwaltung/linien/kein-uuid/mittel'],
        ],
      ]
      for (const [client, valid, gets, formPage, posts] of cases) {
        assert.equal((await client.get(valid)).statusCode, 200, valid)
        for (const url of gets) {
          const res = await client.get(url)
          assert.equal(res.statusCode, 404, url)
          assert.match(res.body, /Seite nicht gefunden/, url)
        }
        for (const url of posts) {
          const res = await client.submit(formPage, url, { body: 'x' })
          assert.equal(res.statusCode, 404, url)
          assert.match(res.body, /Seite nicht gefunden/, url)
        }
      }
    })
  })
}
