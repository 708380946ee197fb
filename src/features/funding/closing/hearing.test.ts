import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { grantInHearing } from '../../../../test/helpers/closing'
import { dbKinds } from '../../../../test/helpers/db'
import { MSO_REGISTRATION, must, seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { submitMultipart } from '../../../../test/helpers/multipart'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { users } from '../../../platform/auth/tables'
import { berlinDay } from '../../../platform/days'
import { mailOutbox } from '../../../platform/mail/tables'
import { problemKey } from '../../../platform/outcome'
import { addDays } from '../payments/payment-rules'
import { HEARING_ANSWER_DAYS } from '../policies'
import { formatDay } from '../views/parts'
import { answerHearing, closingOf, issueFinalNotice } from './manage-closing'

/** The smallest PDF the file store recognises. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

for (const kind of dbKinds()) {
  describe(`the hearing before the repayment claim, answered in the portal (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    const today = berlinDay()

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@hearing.example', ['funding_officer']), label: 'officer' }
      approver = {
        id: await t.createUser('approver@hearing.example', ['funding_approver']),
        label: 'approver',
      }
    })
    after(() => t.close())

    it('refuses the final notice while the answer period runs with no statement; a statement by letter or the end of the period lets it go ahead', async () => {
      const running = await grantInHearing(
        t.deps,
        { officer, approver },
        { email: 'running@hearing.example' },
      )
      const due = (await closingOf(t.deps.db, running.id))!.hearingDue!
      for (const day of [today, due]) {
        assert.equal(
          problemKey(
            await issueFinalNotice(
              t.deps,
              approver,
              running.approverWho,
              running.id,
              { hearingReply: ' ' },
              day,
            ),
          ),
          'funding.closing.error.hearingRunning',
          `refused on ${day}`,
        )
      }
      assert.equal((await closingOf(t.deps.db, running.id))!.status, 'hearing', 'nothing issued')
      must(
        await issueFinalNotice(
          t.deps,
          approver,
          running.approverWho,
          running.id,
          { hearingReply: 'Schreiben vom Verein: keine Einwände.' },
          today,
        ),
      )
      assert.equal((await closingOf(t.deps.db, running.id))!.status, 'claimed')

      const ended = await grantInHearing(t.deps, { officer, approver }, { email: 'ended@hearing.example' })
      const endedDue = (await closingOf(t.deps.db, ended.id))!.hearingDue!
      must(
        await issueFinalNotice(
          t.deps,
          approver,
          ended.approverWho,
          ended.id,
          { hearingReply: '' },
          addDays(endedDue, 1),
        ),
      )
      assert.equal(
        (await closingOf(t.deps.db, ended.id))!.status,
        'claimed',
        'after the period without an answer',
      )
    })

    it('takes one answer before the deadline, with the audit entry; late, second and empty answers are refused', async () => {
      const g = await grantInHearing(t.deps, { officer, approver }, { email: 'uc@hearing.example' })
      const hearing = (await closingOf(t.deps.db, g.id))!
      assert.equal(hearing.hearingDue, addDays(today, HEARING_ANSWER_DAYS))
      const due = hearing.hearingDue!
      assert.equal(
        problemKey(await answerHearing(t.deps, g.actor, g.who, g.id, { answer: '  ' })),
        'funding.hearing.error.answer',
      )
      assert.equal(
        problemKey(await answerHearing(t.deps, g.actor, g.who, g.id, { answer: 'Zu spät' }, addDays(due, 1))),
        'funding.hearing.error.late',
      )
      const stranger = { ...g.who, organisationId: '00000000-0000-4000-8000-000000000000' }
      assert.equal(
        problemKey(await answerHearing(t.deps, g.actor, stranger, g.id, { answer: 'Fremd' })),
        'ui.errorPage.404.text',
      )
      assert.equal((await closingOf(t.deps.db, g.id))!.hearingAnswerAt, null, 'nothing saved')
      // the last day still counts
      must(
        await answerHearing(
          t.deps,
          g.actor,
          g.who,
          g.id,
          {
            answer: 'Der Druckauftrag gehörte zum Projekt.',
            attachment: { fileName: 'rechnung.pdf', bytes: PDF, truncated: false },
          },
          due,
        ),
      )
      const answered = (await closingOf(t.deps.db, g.id))!
      assert.equal(answered.hearingAnswer, 'Der Druckauftrag gehörte zum Projekt.')
      assert.equal(answered.hearingAnswerBy, g.userId)
      assert.ok(answered.hearingAnswerFileId)
      assert.equal(
        problemKey(await answerHearing(t.deps, g.actor, g.who, g.id, { answer: 'Noch etwas' })),
        'funding.hearing.error.answered',
      )
      const audit = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, g.id), eq(auditLog.action, 'funding.closing.hearingAnswer')))
      assert.equal(audit.length, 1)
      assert.deepEqual(audit[0]!.summary, { chars: 37, file: 'rechnung.pdf' })

      // the final notice takes the portal answer when the officer notes nothing else
      must(await issueFinalNotice(t.deps, approver, g.approverWho, g.id, { hearingReply: '' }))
      const claimed = (await closingOf(t.deps.db, g.id))!
      assert.equal(claimed.hearingReply, 'Der Druckauftrag gehörte zum Projekt.')
      assert.equal(
        problemKey(await answerHearing(t.deps, g.actor, g.who, g.id, { answer: 'Nach dem Bescheid' })),
        'funding.hearing.error.notHearing',
      )
    })

    it('a refused attachment saves nothing of the answer', async () => {
      const g = await grantInHearing(
        t.deps,
        { officer, approver },
        {
          email: 'file@hearing.example',
          organisationName: 'Datei e. V.',
          registerNumber: 'VR 7701',
        },
      )
      const result = await answerHearing(t.deps, g.actor, g.who, g.id, {
        answer: 'Mit Anlage',
        attachment: { fileName: 'x.exe', bytes: Buffer.from('MZ not a document'), truncated: false },
      })
      assert.equal(problemKey(result), 'funding.error.fileType')
      assert.equal((await closingOf(t.deps.db, g.id))!.hearingAnswer, null)
    })

    it('the recipient answers on the page without JavaScript; the officer sees it; the final notice is mailed', async () => {
      const g = await grantInHearing(
        t.deps,
        { officer, approver },
        {
          email: 'pages@hearing.example',
          organisationName: 'Seiten e. V.',
          registerNumber: 'VR 7702',
        },
      )
      const recipient = new Client(t.app)
      await recipient.signIn('pages@hearing.example', MSO_REGISTRATION.password)
      const url = `/foerderung/antraege/${g.id}/verwendungsnachweis`
      const page = await recipient.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Anhörung vor der Rückforderung/)
      assert.match(page.body, /zuwendungsfähige Ausgaben von 8\.800,00/, 'why: the accepted costs')
      assert.match(page.body, /Ein Druckauftrag von 200 € war nicht zuwendungsfähig\./, 'the findings')
      const due = formatDay('de', addDays(berlinDay(), HEARING_ANSWER_DAYS))
      assert.ok(page.body.includes(`bis zum ${due} äußern`), 'the deadline')
      assert.match(
        page.body,
        /action="[^"]*\/verwendungsnachweis\/anhoerung"[^>]*enctype="multipart\/form-data"|enctype="multipart\/form-data"[^>]*action="[^"]*\/anhoerung"/,
      )

      const action = `${url}/anhoerung`
      const empty = await submitMultipart(recipient, url, action, { answer: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /id="feld-answer-error"[\s\S]*?Schreiben Sie Ihre Stellungnahme/)
      const sent = await submitMultipart(
        recipient,
        url,
        action,
        { answer: 'Die Rechnung liegt bei.' },
        { field: 'attachment', name: 'rechnung.pdf', bytes: PDF },
      )
      assert.equal(sent.statusCode, 303)
      const after = await recipient.get(url)
      assert.match(after.body, /Die Rechnung liegt bei\./)
      assert.doesNotMatch(after.body, /name="answer"/, 'no second form')
      const twice = await submitMultipart(recipient, url, action, { answer: 'Noch einmal' })
      assert.equal(twice.statusCode, 400)
      assert.match(twice.body, /bereits Stellung genommen/)
      // in English the same refusal is English
      const twiceEn = await submitMultipart(recipient, `/en${url}`, `/en${action}`, { answer: 'Again' })
      assert.match(twiceEn.body, /already made a statement/)

      const off = new Client(t.app)
      await off.signIn('officer@hearing.example')
      const review = `/foerderung/verwaltung/nachweise/${g.proofId}`
      const staff = await off.get(review)
      assert.match(staff.body, /Stellungnahme im Portal/)
      assert.match(staff.body, /Die Rechnung liegt bei\./)
      const link = /href="(\/dateien\/[^"]+)"[^>]*>Anlage: rechnung\.pdf/.exec(staff.body)?.[1]
      assert.ok(link, 'the attachment is linked for the officer')
      assert.equal((await off.get(link)).statusCode, 200)
      assert.equal((await recipient.get(link)).statusCode, 200, 'and for the recipient')
      const other = new Client(t.app)
      await t.createUser('other@hearing.example', ['applicant'])
      await other.signIn('other@hearing.example')
      assert.notEqual((await other.get(link)).statusCode, 200, 'not for another applicant')

      // the recipient reads English (the language stored with the account)
      await t.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, g.userId))
      const appr = new Client(t.app)
      await appr.signIn('approver@hearing.example')
      assert.equal(
        (await appr.submit(review, `${review}/schlussbescheid`, { hearingReply: '' })).statusCode,
        303,
      )
      const [mail] = await t.deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'pages@hearing.example'))
        .orderBy(desc(mailOutbox.createdAt))
        .limit(1)
      assert.ok(mail, 'a mail to the recipient')
      assert.match(mail.subject, /^Final notice issued: /)
      assert.match(mail.text, /To be repaid: [^\n]*1,4\d\d\.\d\d/)
      assert.match(mail.text, new RegExp(`/en/foerderung/antraege/${g.id}/verwendungsnachweis`))
      assert.doesNotMatch(mail.subject + mail.text, /\{\w+\}/)
      const done = await recipient.get(url)
      assert.match(done.body, /schlussbescheid\.pdf/)
    })
  })
}
