import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { MSO_REGISTRATION, must, seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { grantThisYear, staffWho, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { checkPayment, releasePayment, requestPayment } from '../payments/manage-payments'
import { addDays } from '../payments/payment-rules'
import { fundingProofs } from '../tables'

const Y = THIS_YEAR

/** Posts a multipart form (the proof has one file, the receipts) with the client's cookies and CSRF token. */
async function postProof(
  t: TestApp,
  c: Client,
  url: string,
  fields: Record<string, string>,
  csv?: string,
  file = { field: 'receipts', name: 'belege.csv', type: 'text/csv' },
  formUrl = url,
) {
  const boundary = '----teilhabe-proof'
  const token = await c.csrfToken(formUrl)
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries({ _csrf: token, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  if (csv !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(csv),
      Buffer.from('\r\n'),
    )
  }
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

const FIELDS = {
  period: 'final',
  q_goals: 'Sprachcafé aufgebaut',
  q_activities: '40 Treffen',
  q_reach: '120 Menschen',
  q_cooperation: 'Monatliche Absprachen',
  report: 'Wie geplant.',
  actual_micro_project: '1.800,00',
  actual_minijob: '7.200,00',
  actualOwn: '200',
  actualThirdParty: '',
}
const CSV = [
  'datum;empfaenger;zweck;betrag;position',
  `${Y}-02-01;Druckerei;Flyer;1.800,00;Mikroprojekt`,
  `${Y}-03-31;Minijobberin;Lohn;7.200,00;minijob`,
].join('\n')

for (const kind of dbKinds()) {
  describe(`proof of use pages, without JavaScript (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = {
        id: await t.createUser('officer@proofpages.example', ['funding_officer']),
        label: 'officer',
      }
      approver = {
        id: await t.createUser('approver@proofpages.example', ['funding_approver']),
        label: 'approver',
      }
    })
    after(() => t.close())

    it('recipient submits the proof, officer reviews it, approver issues the final notice, officer books the repayment', async () => {
      const g = await grantThisYear(t.deps, { officer, approver }, { email: 'pages@proof.example' })
      const pay = must(
        await requestPayment(t.deps, g.actor, g.who, g.id, {
          year: Y,
          amountCents: 1_000_000,
          dueOn: berlinDay(),
          purpose: 'Alles',
        }),
      )
      must(
        await checkPayment(t.deps, officer, staffWho(officer, ['funding.propose']), pay, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
      )
      must(await releasePayment(t.deps, approver, staffWho(approver, ['funding.approve']), pay))

      const recipient = new Client(t.app)
      await recipient.signIn('pages@proof.example', MSO_REGISTRATION.password)
      const url = `/foerderung/antraege/${g.id}/verwendungsnachweis`
      assert.match(
        (await recipient.get(`/foerderung/antraege/${g.id}`)).body,
        /verwendungsnachweis/,
        'linked from the grant',
      )
      const page = await recipient.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Schlussnachweis/)
      assert.match(page.body, /enctype="multipart\/form-data"/)
      assert.match(page.body, /name="q_cooperation"/, 'the MSO line asks about the cooperation')

      // bad rows: each named with its line, nothing saved, the typed text kept
      const bad = await postProof(
        t,
        recipient,
        url,
        FIELDS,
        `${CSV}\n${Y}-13-01;X;Y;5;minijob\n${Y}-04-01;X;Y;5;Reisekosten`,
      )
      assert.equal(bad.statusCode, 400)
      assert.match(
        bad.body,
        /id="feld-receipts-error"[\s\S]*?Zeile 4: Geben Sie das Datum[\s\S]*?Zeile 5: Die Position ist keine/,
      )
      assert.match(bad.body, /Sprachcafé aufgebaut/)
      // receipts that do not add up to the account: the line's field says by how much
      const short = await postProof(t, recipient, url, { ...FIELDS, actual_minijob: '7.300,00' }, CSV)
      assert.equal(short.statusCode, 400)
      assert.match(
        short.body,
        /id="feld-actual_minijob-error"[\s\S]*?Die Belege zu „Minijob“ ergeben 7\.200,00\s€, angegeben sind 7\.300,00\s€/,
      )
      const notMoney = await postProof(t, recipient, url, { ...FIELDS, actual_minijob: 'sieben' }, CSV)
      assert.equal(notMoney.statusCode, 400)
      assert.match(notMoney.body, /id="feld-actual_minijob-error"/)
      assert.equal(
        (await t.deps.db.select().from(fundingProofs).where(eq(fundingProofs.applicationId, g.id))).length,
        0,
      )
      const en = await postProof(t, recipient, `/en${url}`, { ...FIELDS, q_reach: '' }, CSV)
      assert.match(en.body, /Answer this question of the narrative report/)

      const good = await postProof(t, recipient, url, FIELDS, CSV)
      assert.equal(good.statusCode, 303, good.body.slice(0, 500))
      const after = await recipient.get(url)
      assert.match(after.body, /eingereicht, wird geprüft/)
      assert.doesNotMatch(after.body, /name="q_goals"/, 'nothing left to submit')
      const twice = await postProof(t, recipient, url, FIELDS, CSV)
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /bereits eingereicht/)
      // an attachment to the submitted proof, through the platform's file store
      const pdfFile = { field: 'attachment', name: 'fotos.pdf', type: 'application/pdf' }
      const notPdf = await postProof(t, recipient, `${url}/anlage`, {}, 'kein PDF', pdfFile, url)
      assert.equal(notPdf.statusCode, 400)
      assert.match(notPdf.body, /id="feld-attachment-error"/)
      const attached = await postProof(t, recipient, `${url}/anlage`, {}, '%PDF-1.4\n%%EOF\n', pdfFile, url)
      assert.equal(attached.statusCode, 303, attached.body.slice(0, 300))
      assert.match((await recipient.get(url)).body, /Hochgeladen: fotos\.pdf/)
      const [proof] = await t.deps.db
        .select()
        .from(fundingProofs)
        .where(eq(fundingProofs.applicationId, g.id))
      assert.ok(proof?.attachmentFileId, 'the proof refers to its attachment')
      // someone else's grant does not exist for the recipient; staff pages are not theirs
      assert.equal((await recipient.get(`/foerderung/verwaltung/nachweise/${proof!.id}`)).statusCode, 403)

      const off = new Client(t.app)
      await off.signIn('officer@proofpages.example')
      assert.match((await off.get('/foerderung/verwaltung/nachweise')).body, new RegExp(proof!.id))
      const review = `/foerderung/verwaltung/nachweise/${proof!.id}`
      const staffPage = await off.get(review)
      assert.match(staffPage.body, /Druckerei/)
      assert.match(staffPage.body, /Monatliche Absprachen/)
      const link = /href="(\/dateien\/[^"]+)"/.exec(staffPage.body)?.[1]
      assert.ok(link, 'the attachment is linked')
      assert.equal((await off.get(link)).statusCode, 200, 'reviewers download it')
      assert.notEqual((await new Client(t.app).get(link)).statusCode, 200, 'anonymous callers do not')
      const tooMuch = await off.submit(review, `${review}/pruefung`, {
        checkKind: 'in_depth',
        findings: '',
        accepted: '9.000,01',
      })
      assert.equal(tooMuch.statusCode, 400)
      assert.match(
        tooMuch.body,
        /id="feld-accepted-error"[\s\S]*?höchstens die angegebenen Ausgaben von 9\.000,00/,
      )
      const noKind = await off.submit(review, `${review}/pruefung`, { findings: '', accepted: '9.000' })
      assert.match(noKind.body, /id="feld-checkKind-error"/)
      const ok = await off.submit(review, `${review}/pruefung`, {
        checkKind: 'in_depth',
        findings: 'Flyer zu teuer.',
        accepted: '8.800',
      })
      assert.equal(ok.statusCode, 303)
      assert.doesNotMatch(
        (await recipient.get(url)).body,
        /Anlage hochladen/,
        'no attachments after the review',
      )
      const accepted = await off.get(review)
      assert.match(accepted.body, /Fehlbedarfsfinanzierung/)
      assert.match(accepted.body, /zu erstatten wären 1\.400,00/)
      const until = addDays(berlinDay(), 30)
      assert.equal((await off.submit(review, `${review}/anhoerung`, { until: 'morgen' })).statusCode, 400)
      assert.equal((await off.submit(review, `${review}/anhoerung`, { until })).statusCode, 303)
      assert.match(
        (await recipient.get(url)).body,
        /Anhörung: Nach Prüfung des Verwendungsnachweises beträgt die Zuwendung 8\.600,00/,
      )
      // the officer cannot issue the notice (the route needs the approver's permission)
      assert.equal(
        (await off.submit(review, `${review}/schlussbescheid`, { hearingReply: '' })).statusCode,
        403,
      )

      const appr = new Client(t.app)
      await appr.signIn('approver@proofpages.example')
      // while the answer period runs with no statement, the notice waits: a message at the field
      const early = await appr.submit(review, `${review}/schlussbescheid`, { hearingReply: '' })
      assert.equal(early.statusCode, 400)
      assert.match(
        early.body,
        /Die Frist zur Stellungnahme läuft noch und es liegt keine Stellungnahme vor\./,
      )
      assert.match(early.body, /aria-describedby="[^"]*hearingReply-error"/, 'next to the statement field')
      assert.equal(
        (await appr.submit(review, `${review}/schlussbescheid`, { hearingReply: 'Keine Einwände.' }))
          .statusCode,
        303,
      )
      const pdf = await recipient.get(`/foerderung/antraege/${g.id}/schlussbescheid.pdf`)
      assert.equal(pdf.statusCode, 200)
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')

      const open = await off.get(review)
      const m = /zu erstatten ([\d.,]+)\s€, eingegangen 0,00/.exec(open.body)
      assert.ok(m, 'the claim on the page')
      const over = await off.submit(review, `${review}/rueckzahlung`, {
        amount: '99.999',
        receivedOn: berlinDay(),
      })
      assert.equal(over.statusCode, 400)
      assert.match(over.body, /id="feld-amount-error"[\s\S]*?höher als die offene Forderung/)
      const paid = await off.submit(review, `${review}/rueckzahlung`, {
        amount: m[1]!,
        receivedOn: berlinDay(),
      })
      assert.equal(paid.statusCode, 303)
      assert.match((await off.get(review)).body, /vollständig beglichen/)
    })
  })
}
