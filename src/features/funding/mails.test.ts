import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import {
  MSO_REGISTRATION,
  must,
  registerMso,
  seedProgramme,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import { Client } from '../../../test/helpers/http'
import { type Actor, CLI_ACTOR } from '../../platform/audit'
import { users } from '../../platform/auth/tables'
import { mailOutbox } from '../../platform/mail/tables'
import { submitApplication } from './applicant/submit-application'
import { fundingMail, type MailKey } from './mails'
import { fundingMessages } from './messages'
import { registerApplicant } from './public/register-applicant'
import { proposeDecision } from './review/decide-application'
import { requestInformation } from './review/review-application'

/** Every mail of the funding feature: subject and text keys, as the use cases pair them. */
const MAILS: readonly { subject: MailKey; text: MailKey }[] = [
  { subject: 'funding.mail.confirm.subject', text: 'funding.mail.confirm.text' },
  { subject: 'funding.mail.confirm.subject', text: 'funding.mail.invite.text' },
  { subject: 'funding.mail.existing.subject', text: 'funding.mail.existing.text' },
  { subject: 'funding.mail.received.subject', text: 'funding.mail.received.text' },
  { subject: 'funding.mail.question.subject', text: 'funding.mail.question.text' },
  { subject: 'funding.mail.rejected.subject', text: 'funding.mail.rejected.text' },
  { subject: 'funding.mail.approved.subject', text: 'funding.mail.approved.text' },
  { subject: 'funding.mail.approved.subject', text: 'funding.mail.partiallyApproved.text' },
  { subject: 'funding.mail.amended.subject', text: 'funding.mail.amended.text' },
]

describe('funding mail texts', () => {
  it('come from the catalogue in both languages, every parameter filled', () => {
    const keys = Object.keys(fundingMessages.de).filter((k) => k.startsWith('funding.mail.'))
    const used = new Set(MAILS.flatMap((m) => [m.subject, m.text]))
    for (const k of keys) {
      if (!k.includes('greeting')) assert.ok(used.has(k as MailKey), `${k} is listed here`)
    }
    const params = {
      link: 'L',
      fileNumber: 'WIR-MSO-2027-00001',
      title: 'T',
      line: 'N',
      question: 'Q',
      reasons: 'R',
      signIn: 'S',
      reset: 'P',
    }
    for (const keys of MAILS) {
      const en = fundingMail({ email: 'a@example.org', locale: 'en' }, keys, params)
      const de = fundingMail({ email: 'a@example.org', locale: 'de' }, keys, params)
      assert.match(en.text, /^Hello,\n\n/, keys.text)
      assert.match(de.text, /^Guten Tag,\n\n/, keys.text)
      for (const m of [en, de]) assert.doesNotMatch(m.subject + m.text, /\{\w+\}/, keys.text)
      assert.doesNotMatch(en.subject + en.text, /Antrag|Förder|Sie /, keys.text)
    }
    // An unknown stored language falls back to German.
    assert.match(fundingMail({ email: 'x@example.org', locale: 'xx' }, MAILS[0]!, params).subject, /^Bitte/)
  })
})

for (const kind of dbKinds()) {
  describe(`funding mail in the recipient's language (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    const mailsTo = (email: string) =>
      t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt))
    const localeOf = async (email: string) =>
      (await t.deps.db.select().from(users).where(eq(users.email, email)))[0]!.locale
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@mail.example', ['funding_officer']), label: 'officer' }
    })
    after(() => t.close())

    it('writes to an English recipient in English: confirmation, receipt, question and decision', async () => {
      const email = 'english@bridge.example'
      const { orgId, actor } = await registerMso(t.deps, { email, locale: 'en' })
      const [confirm] = await mailsTo(email)
      assert.equal(confirm!.subject, 'Please confirm your e-mail address')
      assert.match(confirm!.text, /^Hello Ayşe Yılmaz,\n\nplease confirm your e-mail address/)
      const first = await submittedMsoApplication(t.deps, orgId, actor)
      const fileNumber = must(await submitApplication(t.deps, actor, first, { declared: true }))
      const receipt = (await mailsTo(email)).find((m) => m.subject === `Application received: ${fileNumber}`)
      assert.ok(receipt)
      assert.match(
        receipt.text,
        /^Hello,\n\nYour application “Sprachcafé für Neuzugewanderte” in the funding line Migrant organisations has been received\.\nFile number: WIR-MSO-/,
      )
      assert.doesNotMatch(receipt.text, /Guten Tag|Förderlinie/)
      must(await requestInformation(t.deps, officer, first, 'Which rooms will you use?'))
      const [question] = await mailsTo(email)
      assert.equal(question!.subject, `A question about your application ${fileNumber}`)
      assert.match(
        question!.text,
        /^Hello,\n\nwe have a question about your application .*\n\nWhich rooms will you use\?\n/,
      )
      const second = await submittedMsoApplication(t.deps, orgId, actor)
      const secondNumber = must(await submitApplication(t.deps, actor, second, { declared: true }))
      must(await proposeDecision(t.deps, officer, second, { decision: 'reject', reasons: 'Out of scope.' }))
      const [decision] = await mailsTo(email)
      assert.equal(decision!.subject, `Decision on your application ${secondNumber}`)
      assert.equal(
        decision!.text,
        `Hello,\n\nYour application ${secondNumber} has been rejected.\n\nReasons:\nOut of scope.\n`,
      )
    })

    it('writes in German by default, word for word as before', async () => {
      const email = 'deutsch@bruecke.example'
      await registerMso(t.deps, { email })
      assert.equal(await localeOf(email), 'de')
      const [confirm] = await mailsTo(email)
      assert.equal(confirm!.subject, 'Bitte bestätigen Sie Ihre E-Mail-Adresse')
      assert.match(
        confirm!.text,
        /^Guten Tag Ayşe Yılmaz,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse für das Förderportal „WIR – Vielfalt und Teilhabe“:\n\nhttp\S+\/foerderung\/bestaetigen\?token=\S+\n\nWenn Sie sich nicht registriert haben, können Sie diese Nachricht ignorieren\.\n$/,
      )
      const mail = fundingMail(
        { email: 'x@example.org', locale: 'de' },
        { subject: 'funding.mail.approved.subject', text: 'funding.mail.partiallyApproved.text' },
        { fileNumber: 'WIR-MSO-2027-00001' },
      )
      assert.equal(mail.subject, 'Zuwendungsbescheid zu Ihrem Antrag WIR-MSO-2027-00001')
      assert.equal(
        mail.text,
        'Guten Tag,\n\nIhr Antrag WIR-MSO-2027-00001 wurde teilweise bewilligt. Den Zuwendungsbescheid finden Sie im Förderportal unter „Meine Anträge“.\n',
      )
    })

    it('registers in the language of the form, and tells a known address in the language of its account', async () => {
      const res = await new Client(t.app).submit(
        '/en/foerderung/registrieren',
        '/en/foerderung/registrieren',
        {
          ...MSO_REGISTRATION,
          nonProfit: 'on',
          email: 'form@bridge.example',
        },
      )
      assert.equal(res.statusCode, 303)
      assert.equal(await localeOf('form@bridge.example'), 'en')
      const [confirm] = await mailsTo('form@bridge.example')
      assert.equal(confirm!.subject, 'Please confirm your e-mail address')
      // Someone registers the English account's address again from the German form: the owner is
      // told in English, the account's language.
      must(await registerApplicant(t.deps, CLI_ACTOR, { ...MSO_REGISTRATION, email: 'form@bridge.example' }))
      const [known] = await mailsTo('form@bridge.example')
      assert.equal(known!.subject, 'Registration on the funding portal')
      assert.match(
        known!.text,
        /^Hello,\n\nsomeone just tried to register an organisation .*An account with this address already exists; nothing was created\.\nSign in: http\S+\/anmelden – or choose a new password: http\S+\/anmelden\/passwort-vergessen\n/s,
      )
    })

    it('invites a colleague in the language of the inviting page', async () => {
      await registerMso(t.deps, { email: 'chair@bridge.example' })
      const chair = new Client(t.app)
      await chair.signIn('chair@bridge.example', MSO_REGISTRATION.password)
      const res = await chair.submit('/en/foerderung/antraege', '/en/foerderung/antraege/mitglieder', {
        displayName: 'Grace Kaya',
        email: 'kaya@bridge.example',
      })
      assert.equal(res.statusCode, 303)
      const [invite] = await mailsTo('kaya@bridge.example')
      assert.equal(invite!.subject, 'Please confirm your e-mail address')
      assert.match(invite!.text, /^Hello Grace Kaya,\n\nYou have been invited to apply for funding/)
      assert.equal(await localeOf('kaya@bridge.example'), 'en')
    })

    it('remembers the language a person signs in with', async () => {
      const email = 'switch@example.org'
      await t.createUser(email, ['funding_officer'])
      assert.equal(await localeOf(email), 'de')
      const res = await new Client(t.app).submit('/en/anmelden', '/en/anmelden', {
        email,
        password: 'correct horse battery staple',
      })
      assert.equal(res.statusCode, 303)
      assert.equal(await localeOf(email), 'en')
    })
  })
}
