import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { createOrganisation } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { demoContractPdf } from './demo-pdf'
import { contractById } from './find-contracts'
import { DEMO_CONTRACTS, seedContractsDemo } from './seed-demo'
import { contractMilestones, contractReports, integrationContracts } from './tables'

const DESK = '/verwaltung/integrationsvertraege'

/** Posts a multipart form through the client's cookies, as a browser does for file uploads. */
async function postMultipart(
  t: TestApp,
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: Buffer,
) {
  const boundary = '----teilhabe-contracts-boundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vertrag.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
  })
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

for (const kind of dbKinds()) {
  describe(`integration contracts (${kind})`, () => {
    let t: TestApp
    let ministry: Client
    let partner: Client
    let otherPartner: Client
    let orgId: string
    let contractId: string

    before(async () => {
      t = await createTestApp(kind)
      orgId = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Brückenbau e. V.',
      })
      const otherOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Andere e. V.',
      })
      await t.createUser(`ministerium-${kind}@example.org`, ['ministry'])
      const p = await t.createUser(`partner-${kind}@example.org`, ['contract_partner'])
      const o = await t.createUser(`anderer-${kind}@example.org`, ['contract_partner'])
      await linkOrganisationAccount(t.deps.db, CLI_ACTOR, p, orgId)
      await linkOrganisationAccount(t.deps.db, CLI_ACTOR, o, otherOrg)
      ministry = new Client(t.app)
      await ministry.signIn(`ministerium-${kind}@example.org`)
      partner = new Client(t.app)
      await partner.signIn(`partner-${kind}@example.org`)
      otherPartner = new Client(t.app)
      await otherPartner.signIn(`anderer-${kind}@example.org`)
    })
    after(() => t.close())

    it('the ministry records a contract in negotiation; the public does not see it yet', async () => {
      const res = await ministry.submit(DESK, DESK, {
        organisationId: orgId,
        topic: 'Teilhabe im Sportverein',
        summary: 'Probevertrag',
        startsOn: '2025-01-01',
        endsOn: '2026-12-31',
      })
      assert.equal(res.statusCode, 303)
      contractId = res.headers.location!.split('/').pop()!
      const c = await contractById(t.deps.db, contractId)
      assert.equal(c?.status, 'negotiation')
      assert.equal((await new Client(t.app).get(`/integrationsvertraege/${contractId}`)).statusCode, 404)
      assert.equal((await otherPartner.get(`/integrationsvertraege/${contractId}`)).statusCode, 404)
      assert.equal((await partner.get(`/integrationsvertraege/${contractId}`)).statusCode, 200)
      assert.doesNotMatch(
        (await new Client(t.app).get('/integrationsvertraege')).body,
        /Teilhabe im Sportverein/,
      )
      const [audit] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'contracts.contract.create'), eq(auditLog.entityId, contractId)))
      assert.ok(audit, 'the creation is audited')
    })

    it('refuses a term ending before it starts, next to the end field, and keeps what was typed', async () => {
      const res = await ministry.submit(DESK, DESK, {
        organisationId: orgId,
        topic: 'Verkehrter Vertrag',
        startsOn: '2026-01-01',
        endsOn: '2025-01-01',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /id="feld-endsOn-error"[^>]*>[\s\S]*?Das Ende der Laufzeit liegt vor dem Beginn/)
      assert.match(res.body, /value="Verkehrter Vertrag"/)
      const rows = await t.deps.db
        .select()
        .from(integrationContracts)
        .where(eq(integrationContracts.topic, 'Verkehrter Vertrag'))
      assert.equal(rows.length, 0)
    })

    it('refuses a milestone after the contract’s end with a message next to the day; nothing is saved', async () => {
      const page = `${DESK}/${contractId}`
      const res = await ministry.submit(page, `${page}/meilensteine`, {
        milestoneTitle: 'Zu spät',
        dueOn: '2027-01-01',
        evidence: 'Bericht',
      })
      assert.equal(res.statusCode, 400)
      assert.match(
        res.body,
        /id="feld-dueOn-error"[^>]*>[\s\S]*?Der Meilenstein liegt nach dem Ende der Laufzeit/,
      )
      assert.match(res.body, /value="Zu spät"/)
      assert.equal((await t.deps.db.select().from(contractMilestones)).length, 0)
      const ok = await ministry.submit(page, `${page}/meilensteine`, {
        milestoneTitle: 'Trainerinnen geschult',
        dueOn: '2026-12-31',
        evidence: 'Teilnahmelisten',
      })
      assert.equal(ok.statusCode, 303)
      const obligation = await ministry.submit(page, `${page}/pflichten`, {
        side: 'partner',
        obligationText: 'Der Verein schult zehn Trainerinnen.',
      })
      assert.equal(obligation.statusCode, 303)
    })

    it('refuses a step the lifecycle does not allow, and signing without its day', async () => {
      const page = `${DESK}/${contractId}`
      const jump = await ministry.submit(page, `${page}/status`, { to: 'evaluated' })
      assert.equal(jump.statusCode, 400)
      assert.match(jump.body, /Diesen Schritt kann der Vertrag von seinem jetzigen Stand aus nicht gehen/)
      const noDay = await ministry.submit(page, `${page}/status`, { to: 'signed' })
      assert.equal(noDay.statusCode, 400)
      assert.match(
        noDay.body,
        /id="feld-signedOn-error"[^>]*>[\s\S]*?Geben Sie den Tag der Unterzeichnung an/,
      )
      assert.equal((await contractById(t.deps.db, contractId))?.status, 'negotiation')
    })

    it('stores the signed contract as a PDF, downloadable by the public only once signed', async () => {
      const page = `${DESK}/${contractId}`
      const notPdf = await postMultipart(
        t,
        ministry,
        `${page}/vertrag`,
        { _csrf: await ministry.csrfToken(page) },
        Buffer.from('kein PDF'),
      )
      assert.equal(notPdf.statusCode, 400)
      assert.match(notPdf.body, /Laden Sie den Vertrag als PDF-Datei hoch/)
      const up = await postMultipart(
        t,
        ministry,
        `${page}/vertrag`,
        { _csrf: await ministry.csrfToken(page) },
        demoContractPdf(['Probevertrag']),
      )
      assert.equal(up.statusCode, 303)
      const fileId = (await contractById(t.deps.db, contractId))!.documentFileId!
      const link = (await ministry.get(page)).body.match(/href="(\/dateien\/[^"]+)"/)![1]!
      assert.match(link, new RegExp(fileId))
      const before = await new Client(t.app).get(link)
      assert.equal(before.statusCode, 303, 'not public while in negotiation')
      assert.equal((await partner.get(link)).statusCode, 200, 'the partner downloads its own contract')
      assert.equal((await otherPartner.get(link)).statusCode, 403)
      const signed = await ministry.submit(page, `${page}/status`, { to: 'signed', signedOn: '2024-12-20' })
      assert.equal(signed.statusCode, 303)
      const after = await new Client(t.app).get(link)
      assert.equal(after.statusCode, 200)
      assert.equal(after.headers['content-type'], 'application/pdf')
      const running = await ministry.submit(page, `${page}/status`, { to: 'running' })
      assert.equal(running.statusCode, 303)
      const pub = plain((await new Client(t.app).get(`/integrationsvertraege/${contractId}`)).body)
      assert.match(pub, /Teilhabe im Sportverein/)
      assert.match(pub, /Unterzeichnet am 20\. Dezember 2024/)
      assert.match(pub, /Der Verein schult zehn Trainerinnen\./)
      assert.match(pub, /Trainerinnen geschult/)
      assert.match((await new Client(t.app).get('/integrationsvertraege')).body, /Teilhabe im Sportverein/)
    })

    it('the partner reports on its milestone; a report without text is refused next to the field', async () => {
      const page = `/integrationsvertraege/berichte/${contractId}`
      const list = await partner.get('/integrationsvertraege/berichte')
      assert.match(list.body, /Teilhabe im Sportverein/)
      const [m] = await t.deps.db
        .select()
        .from(contractMilestones)
        .where(eq(contractMilestones.contractId, contractId))
      const blank = await partner.submit(page, page, { milestoneId: m!.id, text: '   ' })
      assert.equal(blank.statusCode, 400)
      assert.match(
        blank.body,
        /id="feld-text-error"[^>]*>[\s\S]*?Schreiben Sie Ihren Bericht in das Textfeld/,
      )
      assert.equal((await t.deps.db.select().from(contractReports)).length, 0)
      const ok = await partner.submit(page, page, {
        milestoneId: m!.id,
        text: 'Acht Trainerinnen sind geschult.',
      })
      assert.equal(ok.statusCode, 303)
      const pub = plain((await new Client(t.app).get(`/integrationsvertraege/${contractId}`)).body)
      assert.match(pub, /Acht Trainerinnen sind geschult\./)
      assert.match(pub, /berichtet am/)
    })

    it('a partner of another contract gets 404 for its pages and reports, and nothing is saved', async () => {
      const page = `/integrationsvertraege/berichte/${contractId}`
      assert.equal((await otherPartner.get(page)).statusCode, 404)
      const token = await otherPartner.csrfToken('/integrationsvertraege/berichte')
      const res = await otherPartner.post(page, { _csrf: token, text: 'Fremder Bericht' })
      assert.equal(res.statusCode, 404)
      const reports = await t.deps.db
        .select()
        .from(contractReports)
        .where(eq(contractReports.text, 'Fremder Bericht'))
      assert.equal(reports.length, 0)
      assert.doesNotMatch(
        (await otherPartner.get('/integrationsvertraege/berichte')).body,
        /Teilhabe im Sportverein/,
      )
      assert.equal((await partner.get(`${DESK}/${contractId}`)).statusCode, 403)
    })

    it('renews to a later end only; the earlier end is refused next to the field', async () => {
      const page = `${DESK}/${contractId}`
      const same = await ministry.submit(page, `${page}/verlaengerung`, {
        renewedOn: '2026-11-01',
        newEndsOn: '2026-12-31',
      })
      assert.equal(same.statusCode, 400)
      assert.match(
        same.body,
        /id="feld-newEndsOn-error"[^>]*>[\s\S]*?Das neue Ende muss nach dem bisherigen Ende/,
      )
      const ok = await ministry.submit(page, `${page}/verlaengerung`, {
        renewedOn: '2026-11-01',
        newEndsOn: '2028-12-31',
        renewalNote: 'Zweite Runde',
      })
      assert.equal(ok.statusCode, 303)
      assert.equal((await contractById(t.deps.db, contractId))?.endsOn, '2028-12-31')
      const pub = plain((await new Client(t.app).get(`/integrationsvertraege/${contractId}`)).body)
      assert.match(
        pub,
        /Am 1\. November 2026 verlängert bis 31\. Dezember 2028 \(bisher bis 31\. Dezember 2026\)\./,
      )
      const later = await ministry.submit(page, `${page}/meilensteine`, {
        milestoneTitle: 'Neue Runde',
        dueOn: '2028-06-30',
      })
      assert.equal(later.statusCode, 303, 'a milestone in the renewed term is fine')
    })

    it('a negotiation broken off ends unsigned and stays out of the public register', async () => {
      const res = await ministry.submit(DESK, DESK, {
        organisationId: orgId,
        topic: 'Abgebrochene Verhandlung',
        startsOn: '2025-01-01',
        endsOn: '2026-12-31',
      })
      const id = res.headers.location!.split('/').pop()!
      const page = `${DESK}/${id}`
      assert.equal((await ministry.submit(page, `${page}/status`, { to: 'ended' })).statusCode, 303)
      assert.equal((await contractById(t.deps.db, id))?.status, 'ended')
      assert.equal((await new Client(t.app).get(`/integrationsvertraege/${id}`)).statusCode, 404)
      assert.doesNotMatch(
        (await new Client(t.app).get('/integrationsvertraege')).body,
        /Abgebrochene Verhandlung/,
      )
    })

    it('loads the four demo contracts, marked as demo, public in every language', async () => {
      await seedContractsDemo(t.deps, () => {})
      await seedContractsDemo(t.deps, () => {})
      const demo = await t.deps.db
        .select()
        .from(integrationContracts)
        .where(eq(integrationContracts.demo, true))
      assert.equal(demo.length, 4, 'the seed runs once')
      const list = await new Client(t.app).get('/integrationsvertraege')
      for (const c of DEMO_CONTRACTS) assert.ok(list.body.includes(c.topic), c.topic)
      const anne = demo.find((c) => c.topic === DEMO_CONTRACTS[0]!.topic)!
      assert.equal(anne.status, 'running')
      assert.equal(anne.endsOn, '2027-12-31')
      const page = await new Client(t.app).get(`/integrationsvertraege/${anne.id}`)
      assert.match(page.body, /Beispiel-Vertrag \(Demodaten\)/)
      const ar = await new Client(t.app).get(`/ar/integrationsvertraege/${anne.id}`)
      assert.equal(ar.statusCode, 200)
      assert.match(ar.body, /dir="rtl"/)
      assert.match(ar.body, /عقد نموذجي/)
      assert.match(ar.body, /lang="de"[^>]*>Antisemitismus und Rassismus/)
      const jugendring = demo.find((c) => c.topic === DEMO_CONTRACTS[1]!.topic)!
      assert.equal(jugendring.status, 'evaluated')
    })
  })
}
