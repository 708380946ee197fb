import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { discloseIdentity } from '../../src/features/antidiscrimination/cases/identity'
import { listCentres } from '../../src/features/antidiscrimination/network/find-network'
import { assignCounsellor } from '../../src/features/antidiscrimination/network/manage-network'
import { seedAntidiscDemo } from '../../src/features/antidiscrimination/network/seed-demo'
import { hasWork } from '../../src/features/antidiscrimination/reporting/proof-of-work'
import { submitReport } from '../../src/features/antidiscrimination/reporting/submit-report'
import { CLI_ACTOR } from '../../src/platform/audit'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertLayout,
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'

/** Reporting at /melden, the receipt code, the counsellor's answer and the reporter reading it. */
describe('reporting discrimination in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await seedAntidiscDemo(server.t.deps, () => {})
    const centre = (await listCentres(server.t.deps.db)).find((c) => c.name.includes('Frankfurt'))!
    const id = await server.t.createUser('beratung@example.org', ['counsellor'])
    assert.ok((await assignCounsellor(server.t.deps.db, CLI_ACTOR, { userId: id, centreId: centre.id })).ok)
    await server.t.createUser('netzwerkbuero@example.org', ['network_office'])
    const custodianCase = await server.t.createUser('freigabe-beratung@example.org', ['counsellor'])
    assert.ok(
      (await assignCounsellor(server.t.deps.db, CLI_ACTOR, { userId: custodianCase, centreId: centre.id }))
        .ok,
    )
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function receiptCode(page: Page): Promise<string> {
    const shown = (await page.locator('[data-receipt-code]').textContent()) ?? ''
    assert.match(shown, /^\d{4} \d{4} \d{4} \d{4}$/)
    return shown
  }

  for (const javaScript of [false, true]) {
    it(`a person reports anonymously, a counsellor answers, the person reads it with the code (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Diskriminierung melden' }).first().click()
      await page.getByRole('heading', { name: 'Diskriminierung melden' }).waitFor()
      await assertNoAxeViolations(page)
      // Sent empty: every field says what to do.
      await page.getByRole('button', { name: 'Meldung absenden' }).click()
      await page.locator('[data-error-summary]').waitFor()
      const summary = (await page.locator('[data-error-summary]').textContent()) ?? ''
      assert.match(summary, /Beschreiben Sie, was passiert ist/)
      assert.match(summary, /Wählen Sie mindestens einen Grund aus/)
      await assertNoAxeViolations(page)
      const story = `Im Bus hat mich der Fahrer wegen meines Kopftuchs nicht mitgenommen (${javaScript ? 'JS' : 'ohne JS'}).`
      await page.getByLabel('Beschreibung').fill(story)
      await page.getByLabel('Religion').check()
      await page.getByLabel('Äußeres Erscheinungsbild').check()
      await page.getByLabel('Datum').fill('2026-02-10')
      await page.getByLabel('Landkreis oder kreisfreie Stadt').selectOption({ label: 'Frankfurt am Main' })
      await page.getByLabel(/Anonym: nur über die Eingangsnummer/).check()
      await page.getByLabel(/Ich bin einverstanden/).check()
      if (javaScript) {
        // The script in app.js has done the proof-of-work: a nonce the server accepts as work.
        await page.waitForFunction(
          () => (document.querySelector('input[name="powNonce"]') as HTMLInputElement | null)?.value !== '',
        )
        const token = await page.locator('input[name="pow"]').inputValue()
        const nonce = await page.locator('input[name="powNonce"]').inputValue()
        assert.ok(hasWork(token, nonce, server.t.config.reportWorkBits), `nonce ${nonce}`)
      }
      await page.getByRole('button', { name: 'Meldung absenden' }).click()
      await page.getByRole('heading', { name: 'Ihre Meldung ist angekommen' }).waitFor()
      const code = await receiptCode(page)
      await assertNoAxeViolations(page)

      // The counsellor of the Frankfurt centre (chosen by the rule: district and language) answers.
      const staff = await openPage(browser, { javaScript })
      await staff.page.goto(`${server.url}/anmelden`)
      await staff.page.getByLabel('E-Mail-Adresse').fill('beratung@example.org')
      await staff.page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await staff.page.getByRole('button', { name: 'Anmelden' }).click()
      await staff.page.goto(`${server.url}/beratung`)
      await staff.page.getByRole('heading', { name: 'Meldungen' }).waitFor()
      await assertNoAxeViolations(staff.page)
      await staff.page.getByRole('link', { name: 'Öffnen' }).first().click()
      await staff.page.getByText(story).waitFor()
      await assertNoAxeViolations(staff.page)
      await staff.page
        .getByLabel('Antwort an die meldende Person')
        .fill('Das tut uns leid. Wir helfen Ihnen gern.')
      await staff.page.getByRole('button', { name: 'Antwort senden' }).click()
      await staff.page.getByText('Die Antwort ist gespeichert').waitFor()

      // The person comes back with the code, typed with dashes.
      await page.getByRole('link', { name: 'Antwort lesen' }).click()
      await page.getByRole('heading', { name: 'Antwort auf Ihre Meldung lesen' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Eingangsnummer').fill(code.replace(/ /g, '-'))
      await page.getByRole('button', { name: 'Antwort lesen' }).click()
      await page.getByText('Das tut uns leid. Wir helfen Ihnen gern.').waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Nachricht an die Beratungsstelle').fill('Danke, ich melde mich.')
      await page.getByRole('button', { name: 'Nachricht senden' }).click()
      await page.getByText('Ihre Nachricht ist angekommen.').waitFor()
      await page.getByText('Danke, ich melde mich.').waitFor()
      // A photo of the notice: sent with the code, listed by its name.
      const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer()
      await page.getByLabel('Datei (Foto oder PDF)').setInputFiles({
        name: 'aushang.jpg',
        mimeType: 'image/jpeg',
        buffer: photo,
      })
      await page.getByRole('button', { name: 'Datei senden' }).click()
      await page.getByText('Ihre Datei ist angekommen.').waitFor()
      await page.getByText('aushang.jpg').waitFor()
      await assertNoAxeViolations(page)
      assertNoConsoleProblems(tp)
      assertNoConsoleProblems(staff)
      await tp.context.close()
      await staff.context.close()
    })
  }

  it('the custodian step: the counsellor asks with a reason, the network office releases, then the identity shows (without JavaScript)', async () => {
    const centre = (await listCentres(server.t.deps.db)).find((c) => c.name.includes('Frankfurt'))!
    const made = await submitReport(server.t.deps, {
      narrative: 'Im Bus wurde ich wegen meines Kopftuchs beschimpft.',
      occurredOn: '2026-03-03',
      districtId: centre.districtIds[0]!,
      grounds: ['religion'],
      centre: centre.id,
      contactWish: 'anonymous',
      language: 'de',
    })
    assert.ok(made.ok)
    assert.ok(await discloseIdentity(server.t.deps, made.value.code, 'Leyla Beispiel, 0151 1111111'))
    const signIn = async (email: string) => {
      const tp = await openPage(browser, { javaScript: false })
      await tp.page.goto(`${server.url}/anmelden`)
      await tp.page.getByLabel('E-Mail-Adresse').fill(email)
      await tp.page.getByLabel('Passwort').fill(TEST_PASSWORD)
      await tp.page.getByRole('button', { name: 'Anmelden' }).click()
      await tp.page.waitForLoadState()
      if (new URL(tp.page.url()).pathname.endsWith('/anmelden'))
        throw new Error(
          `sign-in of ${email} failed: ${(await tp.page.locator('main').textContent())?.slice(0, 400)}`,
        )
      return tp
    }
    const staff = await signIn('freigabe-beratung@example.org')
    const caseUrl = `${server.url}/beratung/meldungen/${made.value.reportId}`
    await staff.page.goto(caseUrl)
    await staff.page.getByRole('heading', { name: 'Identität der meldenden Person' }).waitFor()
    await staff.page.getByRole('button', { name: 'Freigabe anfragen' }).click()
    await staff.page.locator('[data-error-summary]').waitFor()
    await staff.page.getByLabel('Weshalb brauchen Sie die Angaben?').fill('Die Person bittet um Rückruf.')
    await staff.page.getByRole('button', { name: 'Freigabe anfragen' }).click()
    await staff.page.getByText('Die Freigabe ist angefragt.').waitFor()
    assert.ok(!(await staff.page.content()).includes('Leyla'))
    await assertNoAxeViolations(staff.page)
    await assertLayout(staff.page)
    const office = await signIn('netzwerkbuero@example.org')
    await office.page.goto(`${server.url}/beratung/freigaben`)
    await office.page.getByText('Die Person bittet um Rückruf.').waitFor()
    assert.ok(!(await office.page.content()).includes('Leyla'))
    await assertNoAxeViolations(office.page)
    await assertLayout(office.page)
    await office.page.getByRole('button', { name: 'Freigeben' }).click()
    await office.page.getByText('Freigegeben: Die Beratungsstelle sieht die Angaben jetzt.').waitFor()
    // The network office's own page: the centres, their services, languages and districts.
    await office.page.goto(`${server.url}/beratung/netzwerk`)
    await office.page.getByRole('heading', { name: 'Netzwerk: Beratungsstellen und Beratende' }).waitFor()
    await assertNoAxeViolations(office.page)
    await assertLayout(office.page)
    await staff.page.goto(caseUrl)
    await staff.page.getByText('Leyla Beispiel, 0151 1111111').waitFor()
    await assertNoAxeViolations(staff.page)
    assertNoConsoleProblems(staff)
    assertNoConsoleProblems(office)
    await staff.context.close()
    await office.context.close()
  })

  it('a counsellor keeps the case file: grounds beyond the AGG, the facts, an intervention (without JavaScript)', async () => {
    const centre = (await listCentres(server.t.deps.db)).find((c) => c.name.includes('Frankfurt'))!
    const made = await submitReport(server.t.deps, {
      narrative: 'Beim Einlass in den Club wurde nur ich abgewiesen.',
      occurredOn: '2026-02-01',
      districtId: centre.districtIds[0]!,
      grounds: ['racism'],
      centre: centre.id,
      contactWish: 'anonymous',
      language: 'de',
    })
    assert.ok(made.ok)
    const staff = await openPage(browser, { javaScript: false })
    const { page } = staff
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill('beratung@example.org')
    await page.getByLabel('Passwort').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.goto(`${server.url}/beratung`)
    await page.getByRole('heading', { name: 'Meldungen' }).waitFor()
    await assertNoAxeViolations(page)
    await page.goto(`${server.url}/beratung/meldungen/${made.value.reportId}`)
    await page.getByRole('link', { name: 'Fallakte anlegen' }).click()
    await page.getByRole('heading', { name: /Fallakte zur Meldung/ }).waitFor()
    await assertNoAxeViolations(page)
    // Closing without an outcome: the message next to the field, the text typed kept.
    await page.getByLabel('abgeschlossen').check()
    await page.getByLabel('Gewicht').check()
    await page.getByLabel('Lebensbereich').selectOption('goods_services')
    await page
      .getByLabel(/Sachverhalt \(Verlauf/)
      .fill('Türsteher ließ Freunde ohne Migrationsgeschichte ein.')
    await page.getByRole('button', { name: 'Fallakte speichern' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match((await page.locator('[data-error-summary]').textContent()) ?? '', /Ergebnis/)
    assert.equal(
      await page.getByLabel(/Sachverhalt \(Verlauf/).inputValue(),
      'Türsteher ließ Freunde ohne Migrationsgeschichte ein.',
    )
    await assertNoAxeViolations(page)
    await page.getByLabel('offen', { exact: true }).check()
    await page.getByLabel('Unmittelbare Benachteiligung (§ 3 Abs. 1 AGG)').check()
    await page.getByRole('button', { name: 'Fallakte speichern' }).click()
    await page.getByText('Die Fallakte ist gespeichert.').waitFor()
    await page.getByLabel('Art der Intervention').selectOption({ label: 'Beschwerdebrief' })
    await page.getByLabel('Datum', { exact: true }).fill('2026-02-03')
    await page.getByLabel('Notiz').fill('Brief an den Betreiber des Clubs.')
    await page.getByRole('button', { name: 'Intervention eintragen' }).click()
    await page.getByText('Die Intervention ist eingetragen.').waitFor()
    await page.getByText('Brief an den Betreiber des Clubs.').waitFor()
    await page.getByText('Türsteher ließ Freunde ohne Migrationsgeschichte ein.').waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(staff)
    await staff.context.close()
  })
})

describe('reporting discrimination in Arabic (right to left)', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await seedAntidiscDemo(server.t.deps, () => {})
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('reports in Arabic without JavaScript and reads the (empty) answer with the code in Arabic-Indic digits', async () => {
    const tp = await openPage(browser, { javaScript: false, locale: 'ar' })
    const { page } = tp
    await page.goto(`${server.url}/ar/melden`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar')
    await page.getByRole('heading', { name: 'الإبلاغ عن التمييز' }).waitFor()
    await assertNoAxeViolations(page)
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
    await page.locator('[data-error-summary]').waitFor()
    assert.match((await page.locator('[data-error-summary]').textContent()) ?? '', /صفوا ما حدث/)
    await assertNoAxeViolations(page)
    await page.getByLabel('الوصف').fill('رفض صاحب العمل مقابلتي بسبب اسمي.')
    await page.getByLabel('العنصرية، الأصل العرقي').check()
    await page.getByLabel('التاريخ').fill('2026-01-20')
    await page.getByLabel('المقاطعة أو المدينة المستقلة').selectOption({ label: 'Frankfurt am Main' })
    await page.getByLabel(/دون ذكر الاسم/).check()
    await page.getByLabel(/أوافق على/).check()
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
    await page.getByRole('heading', { name: 'وصل بلاغكم' }).waitFor()
    const code = ((await page.locator('[data-receipt-code]').textContent()) ?? '').replace(/ /g, '')
    assert.match(code, /^\d{16}$/)
    // The code stays left to right inside the right-to-left page.
    assert.equal(await page.locator('[data-receipt-code]').getAttribute('dir'), 'ltr')
    await assertNoAxeViolations(page)
    await page.getByRole('link', { name: 'قراءة الرد' }).click()
    const eastern = code.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)))
    await page.getByLabel('رقم الإيصال').fill(eastern)
    await page.getByRole('button', { name: 'قراءة الرد' }).click()
    await page.getByText('لم يرد مركز الاستشارات بعد').waitFor()
    await assertNoAxeViolations(page)
    // Telling who one is later (sealed; the custodian step guards it), then deleting the report.
    await page.getByLabel('الاسم وبيانات الاتصال').fill('سلمى، هاتف 0151 000000')
    await page.getByRole('button', { name: 'إرسال البيانات' }).click()
    await page.getByText('حُفظت بياناتكم مشفّرة.').waitFor()
    await assertNoAxeViolations(page)
    await assertLayout(page)
    await page.getByRole('button', { name: 'حذف البلاغ' }).click()
    await page.getByText('ضعوا علامة في المربع لتأكيد حذف بلاغكم.').first().waitFor()
    await page.getByLabel('نعم، أريد حذف بلاغي.').check()
    await page.getByRole('button', { name: 'حذف البلاغ' }).click()
    await page.getByRole('heading', { name: 'تم حذف بلاغكم' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await assertNoAxeViolations(page)
    await assertLayout(page)
    // The public statistics in Arabic: charts and tables, right to left, axe and layout at both widths.
    await page.goto(`${server.url}/ar/statistik/diskriminierung`)
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
    await page.getByRole('link', { name: 'تنزيل جميع الأرقام كملف CSV' }).waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
