import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { importPlacesFromFiles } from '../../src/features/directory/public'
import { places } from '../../src/features/directory/tables'
import { CLI_ACTOR } from '../../src/platform/audit'
import { mailOutbox } from '../../src/platform/mail/tables'
import { TEST_PASSWORD } from '../helpers/app'
import {
  assertNoAxeViolations,
  assertNoConsoleProblems,
  launchBrowser,
  openPage,
  startServer,
  type TestServer,
} from '../helpers/browser'
import { MSO_REGISTRATION, registerMso, seedProgramme } from '../helpers/funding'
import { grantThisYear } from '../helpers/payments'

const NEXT_YEAR = new Date().getFullYear() + 1

describe('funding in the browser', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await seedProgramme(server.t.deps)
    await server.t.createUser('officer@rp.example', ['funding_officer'])
    await server.t.createUser('approver@rp.example', ['funding_approver'])
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
    await page.goto(`${server.url}/anmelden`)
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel('Passwort').fill(password)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind angemeldet.').waitFor()
  }

  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.getByText('Sie sind abgemeldet.').waitFor()
  }

  for (const javaScript of [false, true]) {
    it(`an MSO registers, applies, is reviewed, approved by a second person and downloads the notice (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const email = `verein-${javaScript ? 'js' : 'nojs'}@example.org`
      const password = 'ein sehr langes Passwort'
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await page.goto(`${server.url}/`)
      await page.getByRole('link', { name: 'Förderung' }).first().click()
      await page.getByRole('heading', { name: 'Förderprogramm WIR – Vielfalt und Teilhabe' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByRole('link', { name: 'Organisation registrieren' }).click()
      await assertNoAxeViolations(page)
      await page
        .getByLabel('Name der Organisation')
        .fill(`Brücke der Kulturen ${javaScript ? 'JS' : 'ohne JS'} e. V.`)
      await page.getByLabel('Migrantenorganisation (Verein)').check()
      await page.getByLabel('Rechtsform').fill('eingetragener Verein')
      await page.getByLabel('Registergericht').fill('Amtsgericht Frankfurt am Main')
      await page.getByLabel('Registernummer (z. B. VR 12345)').fill('VR 12345')
      await page.getByLabel('Die Organisation ist als gemeinnützig anerkannt.').check()
      await page.getByLabel('Straße und Hausnummer').fill('Hauptstraße 1')
      await page.getByLabel('Postleitzahl').fill('60311')
      await page.getByLabel('Ort', { exact: true }).fill('Frankfurt am Main')
      await page.getByLabel('Vorname').fill('Ayşe')
      await page.getByLabel('Nachname').fill('Yılmaz')
      await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01')
      await page.getByLabel('Kontoinhaber').fill('Brücke der Kulturen e. V.')
      await page.getByLabel('Ihr Name').fill('Ayşe Yılmaz')
      await page.getByLabel('E-Mail-Adresse').fill(email)
      await page.getByLabel('Passwort (mindestens 12 Zeichen)').fill(password)
      await page.getByRole('button', { name: 'Registrieren' }).click()
      // a wrong IBAN check digit: message next to the field, values kept
      await page.locator('[data-error-summary]').waitFor()
      assert.match((await page.locator('#feld-iban-error').textContent()) ?? '', /IBAN ist nicht gültig/)
      assert.equal(await page.getByLabel('Nachname').inputValue(), 'Yılmaz')
      await assertNoAxeViolations(page)
      await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00')
      await page.getByLabel('Passwort (mindestens 12 Zeichen)').fill(password)
      await page.getByRole('button', { name: 'Registrieren' }).click()
      await page
        .getByText('Wir haben Ihnen eine E-Mail an die angegebene Adresse geschickt.', { exact: false })
        .waitFor()

      // the confirmation link from the outbox
      const [mail] = await server.t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))
      const token = /token=([\w-]+)/.exec(mail!.text)![1]
      await page.goto(`${server.url}/foerderung/bestaetigen?token=${token}`)
      await assertNoAxeViolations(page)
      await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click()
      await page.getByText('Ihre E-Mail-Adresse ist bestätigt.').waitFor()
      await signIn(page, email, password)

      await page.goto(`${server.url}/foerderung/antraege`)
      await page.getByLabel('Förderlinie').selectOption({ label: 'Migrantenorganisationen' })
      await page.getByRole('button', { name: 'Antrag beginnen' }).click()
      await page.locator('.kern-task-list').waitFor()
      await assertNoAxeViolations(page)
      await page.getByRole('link', { name: 'Vorhaben' }).click()
      await page.getByLabel('Titel des Vorhabens').fill('Sprachcafé für Neuzugewanderte')
      await page.getByLabel('Ziele').fill('Begegnung und Spracherwerb im Stadtteil')
      await page.getByLabel('Zielgruppen').fill('Neuzugewanderte Familien')
      await page.getByLabel('Kommunen, in denen das Vorhaben wirkt').fill('Frankfurt am Main')
      await page.getByLabel('Beginn').fill(`${NEXT_YEAR}-01-01`)
      await page.getByLabel('Ende').fill(`${NEXT_YEAR}-12-31`)
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Kostenplan' }).waitFor()
      await page.getByLabel(`Mikroprojekt ${NEXT_YEAR}`).fill('3.000,00')
      await page.getByLabel(`Minijob ${NEXT_YEAR}`).fill('7.200,001')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.locator('[data-error-summary]').waitFor()
      assert.match((await page.locator('[data-error-summary]').textContent()) ?? '', /zwei Nachkommastellen/)
      await assertNoAxeViolations(page)
      await page.getByLabel(`Minijob ${NEXT_YEAR}`).fill('7.200,00')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Finanzierungsplan' }).waitFor()
      await page.getByLabel(`Eigenmittel ${NEXT_YEAR}`).fill('200')
      await page.getByLabel(`Beantragte Zuwendung ${NEXT_YEAR}`).fill('10.000')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Erklärungen' }).waitFor()
      await page.getByLabel('Mit dem Vorhaben wurde noch nicht begonnen', { exact: false }).check()
      await page.getByLabel('Die Angaben sind vollständig und richtig.', { exact: false }).check()
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Anlagen' }).waitFor()
      await assertNoAxeViolations(page)
      for (const label of ['Projektkonzept', 'Bestätigung der kommunalen Integrationsstelle']) {
        await page.getByLabel('Art der Anlage').selectOption({ label })
        await page.getByLabel('Datei (PDF oder Office-Dokument)').setInputFiles({
          name: 'anlage.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
        })
        await page.getByRole('button', { name: 'Hochladen' }).click()
        await page.getByText('Gespeichert.').waitFor()
      }
      await page.getByRole('link', { name: 'Angaben prüfen und einreichen' }).click()
      await page.getByRole('heading', { name: 'Angaben prüfen und Antrag einreichen', level: 1 }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel('Ich gebe diese Erklärung für unsere Organisation ab.').check()
      await page.getByRole('button', { name: 'Antrag einreichen' }).click()
      await page.getByText('Ihr Antrag ist eingereicht.').waitFor()
      await page.getByRole('heading', { name: 'Ihr eingereichter Antrag', level: 1 }).waitFor()
      await assertNoAxeViolations(page)
      const fileNumber = /WIR-MSO-\d{4}-\d{5}/.exec((await page.locator('main').textContent()) ?? '')![0]
      await signOut(page)

      // the officer reviews and proposes
      await signIn(page, 'officer@rp.example')
      await page.goto(`${server.url}/foerderung/verwaltung`)
      await assertNoAxeViolations(page)
      await page.getByRole('link', { name: fileNumber }).click()
      await assertNoAxeViolations(page)
      await page.getByLabel('Antragsberechtigung geprüft').check()
      await page.getByRole('button', { name: 'Prüfliste speichern' }).click()
      await page.getByLabel('in voller Höhe bewilligen').check()
      await page.getByLabel('Begründung').fill('Förderfähig; Konzept überzeugend.')
      await page.getByRole('button', { name: 'Entscheidung vorschlagen' }).click()
      await page.getByText('Der Vorschlag ist gespeichert.').waitFor()
      await signOut(page)

      // a second person approves
      await signIn(page, 'approver@rp.example')
      await page.goto(`${server.url}/foerderung/verwaltung`)
      await page.getByRole('link', { name: fileNumber }).click()
      await page.getByRole('button', { name: 'Bewilligung freigeben (zweite Person)' }).click()
      await page.getByText('Die Bewilligung ist freigegeben').waitFor()
      await signOut(page)

      // the applicant sees the notice and downloads the PDF
      await signIn(page, email, password)
      await page.goto(`${server.url}/foerderung/antraege`)
      await page.getByRole('link', { name: 'Sprachcafé für Neuzugewanderte' }).click()
      await page.getByText('bewilligt', { exact: true }).first().waitFor()
      await assertNoAxeViolations(page)
      const download = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Zuwendungsbescheid, Fassung 1 (PDF)' }).click()
      const file = await download
      assert.match(file.suggestedFilename(), new RegExp(`^Zuwendungsbescheid-${fileNumber}-v1\\.pdf$`))
      const path = await file.path()
      const { readFile } = await import('node:fs/promises')
      assert.equal((await readFile(path)).subarray(0, 5).toString(), '%PDF-')
      await signOut(page)

      // an amendment (partial revocation): the officer proposes, a second person approves
      await signIn(page, 'officer@rp.example')
      await page.goto(`${server.url}/foerderung/verwaltung`)
      await page.getByRole('link', { name: fileNumber }).click()
      await page.getByRole('heading', { name: 'Zuwendung ändern (Änderungsbescheid)' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel(new RegExp(`^Zuwendung ${NEXT_YEAR}\\b`)).fill('9.000,001')
      await page.getByLabel('Begründung der Änderung').fill('Teilwiderruf: Minijob nur zehn Monate besetzt.')
      await page.getByRole('button', { name: 'Änderung vorschlagen' }).click()
      await page.locator('[data-error-summary]').waitFor()
      assert.match(
        (await page.locator(`#feld-amend_${NEXT_YEAR}-error`).textContent()) ?? '',
        /zwei Nachkommastellen/,
      )
      assert.equal(
        await page.getByLabel('Begründung der Änderung').inputValue(),
        'Teilwiderruf: Minijob nur zehn Monate besetzt.',
      )
      await assertNoAxeViolations(page)
      await page.getByLabel(new RegExp(`^Zuwendung ${NEXT_YEAR}\\b`)).fill('9.000,00')
      await page.getByRole('button', { name: 'Änderung vorschlagen' }).click()
      await page.getByText('Der Änderungsvorschlag ist gespeichert').waitFor()
      await signOut(page)
      await signIn(page, 'approver@rp.example')
      await page.goto(`${server.url}/foerderung/verwaltung`)
      await page.getByRole('link', { name: fileNumber }).click()
      await page.getByText(`Zuwendung ${NEXT_YEAR}: 10.000,00 € → 9.000,00 €`).first().waitFor()
      await assertNoAxeViolations(page)
      await page.getByRole('button', { name: 'Änderung freigeben (zweite Person)' }).click()
      await page.getByText('Die Änderung ist freigegeben').waitFor()
      await signOut(page)

      // the applicant sees both versions and downloads the amending notice
      await signIn(page, email, password)
      await page.goto(`${server.url}/foerderung/antraege`)
      await page.getByRole('link', { name: 'Sprachcafé für Neuzugewanderte' }).click()
      await page.getByRole('link', { name: 'Zuwendungsbescheid, Fassung 1 (PDF)' }).waitFor()
      await assertNoAxeViolations(page)
      const amending = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Änderungsbescheid, Fassung 2 (PDF)' }).click()
      const file2 = await amending
      assert.match(file2.suggestedFilename(), new RegExp(`^Aenderungsbescheid-${fileNumber}-v2\\.pdf$`))
      assert.equal((await readFile(await file2.path())).subarray(0, 5).toString(), '%PDF-')
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }

  for (const javaScript of [false, true]) {
    it(`a small municipality names its partners and states volunteers and hours (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const suffix = javaScript ? '1' : '2'
      await server.t.deps.db.insert(places).values([
        {
          kind: 'municipality',
          officialKey: `0699910${suffix}`,
          name: `Kleinau ${suffix}`,
          population: 4_000,
        },
        {
          kind: 'municipality',
          officialKey: `0699920${suffix}`,
          name: `Mitteldorf ${suffix}`,
          population: 7_000,
        },
      ])
      const email = `kommune-${suffix}@example.org`
      await registerMso(server.t.deps, {
        kind: 'municipality',
        organisationName: `Gemeinde Kleinau ${suffix}`,
        legalForm: 'Gebietskörperschaft',
        registerCourt: undefined,
        registerNumber: undefined,
        nonProfit: false,
        officialKey: `0699910${suffix}`,
        email,
      })
      const tp = await openPage(browser, { javaScript })
      const { page } = tp
      await signIn(page, email, MSO_REGISTRATION.password)
      await page.goto(`${server.url}/foerderung/antraege`)
      await page
        .getByLabel('Förderlinie')
        .selectOption({ label: 'KIV – Kommunale Vielfalts- und Integrationsstrategien' })
      await page.getByRole('button', { name: 'Antrag beginnen' }).click()
      await page.getByRole('link', { name: 'Vorhaben' }).click()
      await page.getByLabel('Titel des Vorhabens').fill('Vielfaltsstrategie')
      await page.getByLabel('Ziele').fill('Eine Strategie für zwei Gemeinden')
      await page.getByLabel('Zielgruppen').fill('Alle')
      await page.getByLabel('Kommunen, in denen das Vorhaben wirkt').fill(`Kleinau ${suffix}`)
      await page.getByLabel('Beginn').fill(`${NEXT_YEAR}-01-01`)
      await page.getByLabel('Ende').fill(`${NEXT_YEAR}-12-31`)
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      // below 10,000 inhabitants: only jointly
      await page.locator('[data-error-summary]').waitFor()
      assert.match(
        (await page.locator('#feld-joint-error').textContent()) ?? '',
        /gemeinsam mit anderen Kommunen/,
      )
      await assertNoAxeViolations(page)
      await page.getByLabel('Wir beantragen gemeinsam mit anderen Kommunen.').check()
      await page.getByLabel('Partnerkommunen').fill('Atlantis')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.locator('#feld-partnerMunicipalities-error').waitFor()
      assert.match(
        (await page.locator('#feld-partnerMunicipalities-error').textContent()) ?? '',
        /„Atlantis“ ist keine Kommune im Verzeichnis/,
      )
      assert.equal(await page.getByLabel('Titel des Vorhabens').inputValue(), 'Vielfaltsstrategie')
      await page.getByLabel('Partnerkommunen').fill(`Mitteldorf ${suffix}`)
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Kostenplan' }).waitFor()

      // the same municipality applies for volunteers: the cost plan asks for them and their hours
      await page.goto(`${server.url}/foerderung/antraege`)
      await page.getByLabel('Förderlinie').selectOption({ label: 'Integrationslotsen' })
      await page.getByRole('button', { name: 'Antrag beginnen' }).click()
      await page.getByRole('link', { name: 'Vorhaben' }).click()
      await page.getByLabel('Titel des Vorhabens').fill('Lotsenpool')
      await page.getByLabel('Ziele').fill('Begleitung Neuzugewanderter')
      await page.getByLabel('Zielgruppen').fill('Neuzugewanderte')
      await page.getByLabel('Kommunen, in denen das Vorhaben wirkt').fill(`Kleinau ${suffix}`)
      await page.getByLabel('Beginn').fill(`${NEXT_YEAR}-01-01`)
      await page.getByLabel('Ende').fill(`${NEXT_YEAR}-12-31`)
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Kostenplan' }).waitFor()
      await assertNoAxeViolations(page)
      await page.getByLabel(`Lotsinnen und Lotsen (ohne koordinierende) ${NEXT_YEAR}`).fill('4')
      await page.getByLabel(`Einsatzstunden im Jahr (alle zusammen) ${NEXT_YEAR}`).fill('1105')
      await page.getByLabel(`Aufwandsentschädigung (5 € je Stunde) ${NEXT_YEAR}`).fill('5.525')
      await page.getByLabel(`Koordinierungspauschale (Pools ab 5 Lotsen) ${NEXT_YEAR}`).fill('2.000')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.locator('[data-error-summary]').waitFor()
      const summary = (await page.locator('[data-error-summary]').textContent()) ?? ''
      assert.match(summary, /Höchstens 1\.104 \(276 je Lotsin oder Lotse/)
      assert.match(summary, /Nur ab 5 Lotsinnen und Lotsen im Pool/)
      await assertNoAxeViolations(page)
      await page.getByLabel(`Koordinierende Lotsinnen und Lotsen ${NEXT_YEAR}`).fill('1')
      await page.getByRole('button', { name: 'Speichern und weiter' }).click()
      await page.getByRole('heading', { name: 'Finanzierungsplan' }).waitFor()
      assertNoConsoleProblems(tp)
      await tp.context.close()
    })
  }

  it('has no axe violations on the public funding pages, in German and English', async () => {
    const tp = await openPage(browser)
    for (const path of [
      '/foerderung',
      '/foerderung/registrieren',
      '/foerderung/bestaetigen?token=ungueltig',
    ]) {
      for (const prefix of ['', '/en']) {
        await tp.page.goto(`${server.url}${prefix}${path}`)
        await assertNoAxeViolations(tp.page)
      }
    }
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })

  it('lists the approved grants publicly, filtered without JavaScript, with the map of totals per district', async () => {
    await importPlacesFromFiles(server.t.deps.db, CLI_ACTOR)
    const staff = {
      officer: {
        id: await server.t.createUser('officer-map@rp.example', ['funding_officer']),
        label: 'officer',
      },
      approver: {
        id: await server.t.createUser('approver-map@rp.example', ['funding_approver']),
        label: 'approver',
      },
    }
    await grantThisYear(server.t.deps, staff, {
      email: 'karte@rp.example',
      organisationName: 'Verein Karte e. V.',
      registerNumber: 'VR 4711',
      officialKey: '06412000',
    })
    const tp = await openPage(browser, { javaScript: false })
    const { page } = tp
    await page.goto(`${server.url}/foerderung`)
    await page.getByRole('link', { name: 'Geförderte Projekte' }).click()
    await page.getByRole('heading', { level: 1, name: 'Geförderte Projekte' }).waitFor()
    await page
      .getByRole('img', { name: 'Karte: bewilligte Mittel je Landkreis und kreisfreier Stadt' })
      .waitFor()
    await assertNoAxeViolations(page)
    await page.getByLabel('Kreis oder kreisfreie Stadt').selectOption({ label: 'Frankfurt am Main' })
    await page.getByRole('button', { name: 'Filter anwenden' }).click()
    await page.waitForURL(/kreis=06412/)
    await page.getByRole('cell', { name: 'Verein Karte e. V.' }).waitFor()
    assert.equal(
      await page.getByRole('table', { name: 'Bewilligte Zuwendungen' }).getByRole('row').count(),
      2,
    )
    await page.getByRole('table', { name: 'Bewilligte Mittel je Landkreis und kreisfreier Stadt' }).waitFor()
    await page.goto(`${server.url}/en/foerderung/projekte`)
    await page.getByRole('img', { name: 'Map: funds granted per district and district-free city' }).waitFor()
    await assertNoAxeViolations(page)
    assertNoConsoleProblems(tp)
    await tp.context.close()
  })
})
