import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import { extractText, getDocumentProxy } from 'unpdf'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import {
  lineId,
  MSO_REGISTRATION,
  NEXT_YEAR,
  registerMso,
  seedProgramme,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import { Client } from '../../../test/helpers/http'
import { mailOutbox } from '../../platform/mail/tables'
import { fundingApplications } from './tables'

function multipart(fields: Record<string, string>, file: { name: string; field: string; bytes: Buffer }) {
  const boundary = '----teilhabe-test'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

const registration = {
  organisationName: MSO_REGISTRATION.organisationName,
  kind: 'migrant_organisation',
  legalForm: 'eingetragener Verein',
  registerCourt: 'Amtsgericht Frankfurt am Main',
  registerNumber: 'VR 12345',
  nonProfit: 'on',
  street: 'Hauptstraße 1',
  postcode: '60311',
  city: 'Frankfurt am Main',
  representativeGivenName: 'Ayşe',
  representativeFamilyName: 'Yılmaz',
  iban: 'DE89 3704 0044 0532 0130 00',
  accountHolder: 'Brücke der Kulturen e. V.',
  displayName: 'Ayşe Yılmaz',
  email: MSO_REGISTRATION.email,
  password: MSO_REGISTRATION.password,
}

for (const kind of dbKinds()) {
  describe(`funding pages (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      await t.createUser('officer@rp.example', ['funding_officer'])
      await t.createUser('approver@rp.example', ['funding_approver'])
      await t.createUser('fadmin@rp.example', ['funding_admin'])
    })
    after(() => t.close())

    it('shows the programme publicly with lines, eligibility, deadlines and budgets', async () => {
      const res = await new Client(t.app).get('/foerderung')
      assert.equal(res.statusCode, 200)
      for (const s of [
        'WIR-Vielfaltszentren',
        'Migrantenorganisationen',
        'Integrationslotsen',
        'KIV',
        'bereits bewilligt',
        '400.000,00 €',
        '31.12.',
      ]) {
        assert.ok(res.body.includes(s), s)
      }
      assert.match((await new Client(t.app).get('/en/foerderung')).body, /Migrant organisations/)
    })

    it('answers a half-filled registration with every problem at once, each naming its field', async () => {
      const res = await new Client(t.app).submit('/foerderung/registrieren', '/foerderung/registrieren', {
        organisationName: 'Brücke der Kulturen e. V.',
        kind: 'municipality',
        iban: 'DE00 1234',
        password: 'kurz',
        postcode: '6511',
        officialKey: '064',
      })
      assert.equal(res.statusCode, 400)
      const at = (field: string) =>
        new RegExp(`id="feld-${field}-error"[^>]*>(?:<[^>]+>)*[^<]*(?:<[^>]+>)*([^<]+)</p>`).exec(
          res.body,
        )?.[1]
      assert.equal(
        at('representativeGivenName'),
        'Geben Sie den Vornamen der vertretungsberechtigten Person ein.',
      )
      assert.equal(at('postcode'), 'Geben Sie die Postleitzahl mit 5 Ziffern ein, zum Beispiel 65185.')
      assert.match(at('officialKey') ?? '', /8 Ziffern \(Gemeinde oder Stadt\) oder 5 Ziffern \(Landkreis\)/)
      // the rules beyond the schema speak in the same answer as the empty fields
      assert.match(at('iban') ?? '', /IBAN ist nicht gültig/)
      assert.equal(at('password'), 'Das Passwort muss mindestens 12 Zeichen haben.')
      assert.doesNotMatch(res.body, /Bitte füllen Sie dieses Feld aus/)
      // every value is kept but the password, and the form says so
      assert.match(res.body, /name="iban"[^>]*value="DE00 1234"/)
      assert.doesNotMatch(res.body, /value="kurz"/)
      assert.match(res.body, /haben wir das Passwort nicht aufbewahrt/)
      const en = await new Client(t.app).submit(
        '/en/foerderung/registrieren',
        '/en/foerderung/registrieren',
        {},
      )
      assert.match(en.body, /Enter the first name of the authorised representative\./)
    })

    it('takes an MSO from registration to a downloadable grant notice, all without JavaScript', async () => {
      const applicant = new Client(t.app)
      // bad IBAN: 400, message next to the field, values kept, nothing written
      const bad = await applicant.submit('/foerderung/registrieren', '/foerderung/registrieren', {
        ...registration,
        iban: 'DE00 1234',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /IBAN ist nicht gültig/)
      assert.match(bad.body, /value="Brücke der Kulturen e. V."/)
      const ok = await applicant.submit('/foerderung/registrieren', '/foerderung/registrieren', registration)
      assert.equal(ok.statusCode, 303)
      const [mail] = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, registration.email))
      const link = /https?:\/\/[^\s]+\/foerderung\/bestaetigen\?token=([\w-]+)/.exec(mail!.text)
      assert.ok(link, 'confirmation link mailed')
      await applicant.signIn(registration.email, registration.password)
      const unconfirmed = await applicant.get('/foerderung/antraege')
      assert.match(unconfirmed.body, /bestätigen Sie zuerst/)
      const confirmed = await applicant.submit(
        `/foerderung/bestaetigen?token=${link[1]}`,
        '/foerderung/bestaetigen',
        { token: link[1]! },
      )
      assert.equal(confirmed.statusCode, 303)

      // only the lines the organisation may apply for are offered; the others are listed with the reason
      const mine = await applicant.get('/foerderung/antraege')
      const vzId = await lineId(t.deps, 'VZ')
      assert.doesNotMatch(mine.body, new RegExp(`<option value="${vzId}"`))
      assert.match(mine.body, new RegExp(`<option value="${await lineId(t.deps, 'MSO')}"`))
      assert.match(
        mine.body,
        /Für diese Förderlinien kann Ihre Organisation keinen Antrag stellen:[\s\S]*?<strong>WIR-Vielfaltszentren:<\/strong> [^<]+/,
      )
      // a forged choice of an ineligible line is still refused with a message
      const vz = await applicant.submit('/foerderung/antraege', '/foerderung/antraege', {
        lineId: await lineId(t.deps, 'VZ'),
      })
      assert.equal(vz.statusCode, 400)
      assert.match(vz.body, /keinen Antrag stellen/)
      const created = await applicant.submit('/foerderung/antraege', '/foerderung/antraege', {
        lineId: await lineId(t.deps, 'MSO'),
      })
      assert.equal(created.statusCode, 303)
      const appUrl = new URL(created.headers.location as string, 'http://x').pathname
      const task = await applicant.get(appUrl)
      assert.match(task.body, /kern-task-list__item/)

      const project = {
        title: 'Sprachcafé für Neuzugewanderte',
        aims: 'Begegnung und Spracherwerb',
        targetGroups: 'Neuzugewanderte',
        municipalities: 'Frankfurt am Main',
        periodStart: `${NEXT_YEAR}-01-01`,
        periodEnd: `${NEXT_YEAR + 2}-12-31`,
      }
      const tooLong = await applicant.submit(`${appUrl}/projekt`, `${appUrl}/projekt`, project)
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /höchstens 24 Monate/)
      assert.equal(
        (
          await applicant.submit(`${appUrl}/projekt`, `${appUrl}/projekt`, {
            ...project,
            periodEnd: `${NEXT_YEAR}-12-31`,
          })
        ).statusCode,
        303,
      )

      const c = (cat: string) => `cost_${NEXT_YEAR}_${cat}`
      const overCap = await applicant.submit(`${appUrl}/kosten`, `${appUrl}/kosten`, {
        [c('micro_project')]: '3.000,01',
        [c('minijob')]: '7200',
      })
      assert.equal(overCap.statusCode, 400)
      assert.match(overCap.body, /Höchstens 3.000,00 € im Jahr/)
      const decimals = await applicant.submit(`${appUrl}/kosten`, `${appUrl}/kosten`, {
        [c('micro_project')]: '12,345',
      })
      assert.match(decimals.body, /höchstens zwei Nachkommastellen/)
      const negative = await applicant.submit(`${appUrl}/kosten`, `${appUrl}/kosten`, {
        [c('micro_project')]: '-5',
      })
      assert.match(negative.body, /nicht negativ/)
      // a limit speaks in the same answer as an amount that cannot be read
      const both = await applicant.submit(`${appUrl}/kosten`, `${appUrl}/kosten`, {
        [c('micro_project')]: '3.000,01',
        [c('minijob')]: 'zwölf',
      })
      assert.equal(both.statusCode, 400)
      assert.match(
        both.body,
        new RegExp(`id="feld-${c('micro_project')}-error"[\\s\\S]*?Höchstens 3.000,00 €`),
      )
      assert.match(both.body, new RegExp(`id="feld-${c('minijob')}-error"`))
      assert.match(both.body, /value="zwölf"/, 'the amount typed is kept')
      assert.equal(
        (
          await applicant.submit(`${appUrl}/kosten`, `${appUrl}/kosten`, {
            [c('micro_project')]: '3.000,00',
            [c('minijob')]: '7200',
          })
        ).statusCode,
        303,
      )
      const f = (w: string) => `fin_${NEXT_YEAR}_${w}`
      const unbalanced = await applicant.submit(`${appUrl}/finanzierung`, `${appUrl}/finanzierung`, {
        [f('own')]: '200',
        [f('third')]: '0',
        [f('requested')]: '9.999,99',
      })
      assert.equal(unbalanced.statusCode, 400)
      assert.match(unbalanced.body, /geht nicht auf.*Differenz 0,01 €/)
      assert.equal(
        (
          await applicant.submit(`${appUrl}/finanzierung`, `${appUrl}/finanzierung`, {
            [f('own')]: '200',
            [f('requested')]: '10.000,00',
          })
        ).statusCode,
        303,
      )
      const noDecl = await applicant.submit(`${appUrl}/erklaerungen`, `${appUrl}/erklaerungen`, {
        truth: 'on',
      })
      assert.match(noDecl.body, /bereits begonnenes Vorhaben/)
      assert.equal(
        (
          await applicant.submit(`${appUrl}/erklaerungen`, `${appUrl}/erklaerungen`, {
            notStarted: 'on',
            truth: 'on',
          })
        ).statusCode,
        303,
      )

      // submitting early lists what is missing
      assert.match((await applicant.get(`${appUrl}/pruefen`)).body, /Bevor Sie einreichen können, fehlt noch/)
      const early = await applicant.submit(`${appUrl}/pruefen`, `${appUrl}/einreichen`, { declaration: 'on' })
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /fehlen noch Anlagen/)
      for (const kindOf of ['concept', 'coordination']) {
        const token = await applicant.csrfToken(`${appUrl}/anlagen`)
        const { body, contentType } = multipart(
          { _csrf: token, kind: kindOf },
          { field: 'file', name: `${kindOf}.pdf`, bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
        )
        const res = await t.app.inject({
          method: 'POST',
          url: `${appUrl}/anlagen`,
          payload: body,
          headers: {
            'content-type': contentType,
            cookie: [...applicant.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        })
        assert.equal(res.statusCode, 303, res.body.slice(0, 300))
      }
      // check your answers: every answer with a way back to its step, then the line's declaration
      const check = await applicant.get(`${appUrl}/pruefen`)
      assert.equal(check.statusCode, 200)
      assert.match(check.body, /Angaben prüfen und Antrag einreichen/)
      assert.match(check.body, /Sprachcafé für Neuzugewanderte/)
      assert.match(check.body, new RegExp(`href="${appUrl}/kosten">Ändern`))
      assert.match(
        check.body,
        /in der Förderlinie Migrantenorganisationen eine Zuwendung als Fehlbedarfsfinanzierung/,
      )
      assert.match(check.body, /§ 264 des Strafgesetzbuchs/)
      // without the declaration: 400, the message at the checkbox, nothing submitted
      const undeclared = await applicant.submit(`${appUrl}/pruefen`, `${appUrl}/einreichen`, {})
      assert.equal(undeclared.statusCode, 400)
      assert.match(undeclared.body, /href="#feld-declaration"/)
      assert.match(undeclared.body, /Bestätigen Sie die Erklärung zum Antrag/)
      const submitted = await applicant.submit(`${appUrl}/pruefen`, `${appUrl}/einreichen`, {
        declaration: 'on',
      })
      assert.equal(submitted.statusCode, 303)
      assert.equal(submitted.headers.location, `${appUrl}/pruefen`)
      // afterwards: read-only answers (no "Ändern", no form), steps lead there, a printable copy
      const readOnly = await applicant.get(`${appUrl}/pruefen`)
      assert.match(readOnly.body, /Ihr eingereichter Antrag/)
      assert.doesNotMatch(readOnly.body, />Ändern</)
      assert.doesNotMatch(readOnly.body, /name="declaration"/)
      assert.match(readOnly.body, /Sprachcafé für Neuzugewanderte/)
      const step = await applicant.get(`${appUrl}/kosten`)
      assert.equal(step.headers.location, `${appUrl}/pruefen`)
      assert.match((await applicant.get(appUrl)).body, new RegExp(`href="${appUrl}/pruefen#schritt-costs"`))
      const copy = await applicant.get(`${appUrl}/antrag.pdf`)
      assert.equal(copy.statusCode, 200)
      assert.equal(copy.headers['content-type'], 'application/pdf')
      const copyText = (
        await extractText(await getDocumentProxy(new Uint8Array(copy.rawPayload)), { mergePages: true })
      ).text as string
      for (const expected of [
        'Antrag auf Zuwendung',
        'Sprachcafé für Neuzugewanderte',
        'Brücke der Kulturen e. V.',
        '§ 264',
      ])
        assert.ok(copyText.replace(/\s+/g, ' ').includes(expected), `copy mentions ${expected}`)
      // not for anyone else: anonymous visitors are sent to sign in, staff without the role refused
      assert.equal((await new Client(t.app).get(`${appUrl}/antrag.pdf`)).statusCode, 303)
      const [row] = await t.deps.db
        .select()
        .from(fundingApplications)
        .orderBy(desc(fundingApplications.createdAt))
        .limit(1)
      assert.match(row!.fileNumber ?? '', /^WIR-MSO-\d{4}-\d{5}$/)

      // review: officer proposes, the same officer cannot approve, the approver can
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      const reviewUrl = `/foerderung/verwaltung/antraege/${row!.id}`
      const dash = await officer.get('/foerderung/verwaltung')
      assert.ok(dash.body.includes(row!.fileNumber!))
      assert.equal(
        (
          await officer.submit(reviewUrl, `${reviewUrl}/pruefliste`, {
            check: ['eligible_applicant', 'not_started'],
          })
        ).statusCode,
        303,
      )
      assert.equal(
        (await officer.submit(reviewUrl, `${reviewUrl}/vermerk`, { body: 'Konzept überzeugend.' }))
          .statusCode,
        303,
      )
      const noReason = await officer.submit(reviewUrl, `${reviewUrl}/vorschlag`, { decision: 'approve' })
      assert.equal(noReason.statusCode, 400)
      const part = await officer.submit(reviewUrl, `${reviewUrl}/vorschlag`, {
        decision: 'approve_part',
        [`amount_${NEXT_YEAR}`]: '8.000,00',
        reasons: 'Minijob nur anteilig förderfähig.',
      })
      assert.equal(part.statusCode, 303)
      const selfApprove = await officer.submit(reviewUrl, `${reviewUrl}/freigabe`, {})
      assert.equal(selfApprove.statusCode, 403, 'officers hold no approval permission')
      const approver = new Client(t.app)
      await approver.signIn('approver@rp.example')
      assert.equal((await approver.submit(reviewUrl, `${reviewUrl}/freigabe`, {})).statusCode, 303)
      const again = await approver.submit(reviewUrl, `${reviewUrl}/freigabe`, {})
      assert.equal(again.statusCode, 400)
      assert.match(again.body, /kein Bewilligungsvorschlag/)

      // the applicant sees the notice and downloads it
      const withNotice = await applicant.get(appUrl)
      assert.match(withNotice.body, /teilweise bewilligt/)
      const pdfRes = await applicant.get(`${appUrl}/bescheid/1`)
      assert.equal(pdfRes.statusCode, 200)
      assert.equal(pdfRes.headers['content-type'], 'application/pdf')
      const text = (
        await extractText(await getDocumentProxy(new Uint8Array(pdfRes.rawPayload)), { mergePages: true })
      ).text as string
      assert.match(text.replace(/\s+/g, ' '), /teilweise für das Vorhaben „Sprachcafé für Neuzugewanderte“/)
      assert.match(text, /8\.000,00 €/)
      // another organisation's user cannot see it
      const stranger = new Client(t.app)
      await t.createUser('stranger@example.org', ['applicant'])
      await stranger.signIn('stranger@example.org')
      assert.equal((await stranger.get(`${appUrl}/bescheid/1`)).statusCode, 404)

      const csv = await officer.get('/foerderung/verwaltung/export.csv')
      assert.equal(csv.statusCode, 200)
      assert.match(
        csv.body,
        new RegExp(
          `${row!.fileNumber};MSO;Brücke der Kulturen e\\. V\\.;Sprachcafé für Neuzugewanderte;partially_approved;[^;]+;10000,00;8000,00`,
        ),
      )
      const dash2 = await officer.get('/foerderung/verwaltung')
      assert.match(dash2.body, /teilweise bewilligt: 1/)
    })

    it('answers registration the same whether or not the address has an account, and says the rest by mail', async () => {
      const { organisations } = await import('../directory/tables')
      const countOrgs = async () =>
        (await t.deps.db.select({ id: organisations.id }).from(organisations)).length
      const register = (email: string, organisationName: string) =>
        new Client(t.app).submit('/foerderung/registrieren', '/foerderung/registrieren', {
          ...registration,
          organisationName,
          email,
        })
      const before = await countOrgs()
      const fresh = await register('neu@verein.example', 'Neuer Verein e. V.')
      // A staff address (the funding officer's) and an applicant's own address again.
      const staff = await register('officer@rp.example', 'Fremder Verein e. V.')
      const again = await register('neu@verein.example', 'Noch ein Verein e. V.')
      for (const res of [fresh, staff, again]) {
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/anmelden')
        assert.match(String(res.headers['set-cookie']), /teilhabe_flash=funding\.register\.done/)
        assert.doesNotMatch(res.body, /schon einen Zugang/)
      }
      // Only the new address registered an organisation.
      assert.equal(await countOrgs(), before + 1)
      const mails = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'officer@rp.example'))
      assert.equal(mails.length, 1)
      assert.match(mails[0]!.text, /Für diese Adresse gibt es bereits ein Konto; es wurde nichts angelegt/)
      assert.match(mails[0]!.text, /\/anmelden\/passwort-vergessen/)
      assert.doesNotMatch(mails[0]!.text, /bestaetigen\?token=/)
      const toApplicant = await t.deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'neu@verein.example'))
      assert.equal(toApplicant.length, 2)
      // The page the visitor lands on says the same either way: look at the mail.
      const landing = await new Client(t.app).get('/anmelden', {
        cookie: 'teilhabe_flash=funding.register.done',
      })
      assert.match(landing.body, /Wir haben Ihnen eine E-Mail an die angegebene Adresse geschickt/)
    })

    it('lets a confirmed applicant invite a colleague who chooses a password and sees the same applications', async () => {
      const { orgId, actor } = await registerMso(t.deps, {
        email: 'chair@verein.example',
        organisationName: 'Verein Miteinander e. V.',
      })
      const appId = await submittedMsoApplication(t.deps, orgId, actor)
      const chair = new Client(t.app)
      await chair.signIn('chair@verein.example', MSO_REGISTRATION.password)
      const bad = await chair.submit('/foerderung/antraege', '/foerderung/antraege/mitglieder', {
        displayName: 'Kollegin',
        email: 'kein-mail',
      })
      assert.equal(bad.statusCode, 400)
      const taken = await chair.submit('/foerderung/antraege', '/foerderung/antraege/mitglieder', {
        displayName: 'X',
        email: 'chair@verein.example',
      })
      assert.match(taken.body, /schon einen Zugang/)
      const invited = await chair.submit('/foerderung/antraege', '/foerderung/antraege/mitglieder', {
        displayName: 'Kollegin Kaya',
        email: 'kaya@verein.example',
      })
      assert.equal(invited.statusCode, 303)
      const [mail] = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'kaya@verein.example'))
      const token = /token=([\w-]+)/.exec(mail!.text)![1]!
      const colleague = new Client(t.app)
      const page = await colleague.get(`/foerderung/bestaetigen?token=${token}`)
      assert.match(page.body, /name="password"/)
      const short = await colleague.submit(
        `/foerderung/bestaetigen?token=${token}`,
        '/foerderung/bestaetigen',
        { token, password: 'kurz' },
      )
      assert.equal(short.statusCode, 400)
      assert.match(short.body, /mindestens 12 Zeichen/)
      const done = await colleague.submit(
        `/foerderung/bestaetigen?token=${token}`,
        '/foerderung/bestaetigen',
        { token, password: 'ein anderes langes Passwort' },
      )
      assert.equal(done.statusCode, 303)
      await colleague.signIn('kaya@verein.example', 'ein anderes langes Passwort')
      const list = await colleague.get('/foerderung/antraege')
      assert.match(list.body, /Sprachcafé für Neuzugewanderte/)
      assert.match(list.body, /Kollegin Kaya/)
      // attachments: the organisation's users and reviewers may download them, others not
      const steps = await colleague.get(`/foerderung/antraege/${appId}/anlagen`)
      const link = /href="(\/dateien\/[^"]+)"/.exec(steps.body)![1]!.replace(/&amp;/g, '&')
      assert.equal((await colleague.get(link)).statusCode, 200)
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      assert.equal((await officer.get(link)).statusCode, 200)
      const stranger = new Client(t.app)
      await t.createUser('fremd@example.org', ['applicant'])
      await stranger.signIn('fremd@example.org')
      assert.equal((await stranger.get(link)).statusCode, 403)
      assert.equal((await stranger.get(`/foerderung/antraege/${appId}`)).statusCode, 404)
    })

    it('lets the funding admin edit rules (validated) and budgets', async () => {
      const admin = new Client(t.app)
      await admin.signIn('fadmin@rp.example')
      const id = await lineId(t.deps, 'LD')
      const url = `/foerderung/verwaltung/linien/${id}`
      const bad = await admin.submit(url, `${url}/regeln`, { rules: '{"applicantKinds": []}' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Regeln sind nicht gültig/)
      const page = await admin.get(url)
      const json = /<textarea[^>]*name="rules"[^>]*>([\s\S]*?)<\/textarea>/
        .exec(page.body)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
      const rules = JSON.parse(json)
      rules.maxGrantPerYearCents = 1_600_000
      assert.equal(
        (await admin.submit(url, `${url}/regeln`, { rules: JSON.stringify(rules) })).statusCode,
        303,
      )
      const budget = await admin.submit(url, `${url}/mittel`, { year: String(NEXT_YEAR), budget: '1.234,5' })
      assert.equal(budget.statusCode, 303)
      assert.match((await new Client(t.app).get('/foerderung')).body, /1\.234,50 €/)
      const negative = await admin.submit(url, `${url}/mittel`, { year: String(NEXT_YEAR), budget: '-1' })
      assert.equal(negative.statusCode, 400)
      const officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
      assert.equal((await officer.get(url)).statusCode, 403)
    })
  })
}
