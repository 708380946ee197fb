import { formatMoney } from '../money'
import type { ApplicationBundle } from '../queries'
import { financingName, germanDate, PDF_FONTS } from '../review/notice-pdf'
import { submissionDeclaration } from './submission'

const berlinDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d)

/**
 * The applicant's copy of a submitted application (PDF, pdfkit with DejaVu Sans as the notices):
 * every answer, the attachments by name and the declaration made on submission. German, as the
 * application itself.
 */
export async function renderApplicationPdf(b: ApplicationBundle): Promise<Buffer> {
  const a = b.app
  const submittedOn = a.submittedAt ? berlinDay(a.submittedAt) : null
  // pdfkit (with fontkit) is loaded by the first PDF, not by every start.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: {
      Title: `Antrag ${a.fileNumber ?? ''} – ${a.title ?? ''}`.trim(),
      Author: b.org.name,
      Subject: `WIR – Vielfalt und Teilhabe, Förderlinie ${b.line.nameDe}`,
      ...(a.submittedAt ? { CreationDate: a.submittedAt } : {}),
    },
    lang: 'de-DE',
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('regular', PDF_FONTS.regular)
  doc.registerFont('bold', PDF_FONTS.bold)
  const h = (text: string) =>
    doc.moveDown(0.8).font('bold').fontSize(11).text(text).moveDown(0.2).font('regular').fontSize(10)
  const p = (text: string) => doc.font('regular').fontSize(10).text(text)
  const field = (label: string, value: string | null | undefined) => {
    doc
      .font('bold')
      .fontSize(10)
      .text(`${label}: `, { continued: true })
      .font('regular')
      .text(value || '–')
  }

  doc.font('regular').fontSize(9).text('WIR – Vielfalt und Teilhabe · Ihre Ausfertigung des Antrags')
  doc.moveDown()
  doc.font('bold').fontSize(16).text('Antrag auf Zuwendung')
  doc.font('regular').fontSize(10).text(`Förderlinie ${b.line.nameDe}`)
  doc.moveDown()
  field('Aktenzeichen', a.fileNumber)
  field('Eingereicht am', submittedOn ? germanDate(submittedOn) : null)
  field('Antragstellende Organisation', b.org.name)
  field(
    'Anschrift',
    [b.org.street, [b.org.postcode, b.org.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
  )

  h('1. Vorhaben')
  field('Titel', a.title)
  field('Ziele', a.aims)
  field('Zielgruppen', a.targetGroups)
  field('Kommunen, in denen das Vorhaben wirkt', a.municipalities)
  field(
    'Zeitraum',
    a.periodStart && a.periodEnd ? `${germanDate(a.periodStart)} bis ${germanDate(a.periodEnd)}` : null,
  )
  const partners = [
    ...b.partners.municipalities.map((m) => m.name),
    ...(b.partners.organisation ? [b.partners.organisation.name] : []),
  ]
  if (partners.length) field('Partner', partners.join(', '))

  h('2. Kostenplan')
  const label = (key: string) => b.line.rules.costCategories.find((c) => c.key === key)?.label.de ?? key
  for (const c of b.costs.filter((x) => x.cents > 0))
    p(`${c.year} · ${label(c.category)}: ${formatMoney(c.cents)}`)
  p(`Summe: ${formatMoney(b.costs.reduce((s, c) => s + c.cents, 0))}`)

  h(`3. Finanzierungsplan (${financingName(b.line.rules.financing.type)})`)
  for (const f of b.financing)
    p(
      `${f.year}: Eigenmittel ${formatMoney(f.ownCents)}, Drittmittel ${formatMoney(f.thirdPartyCents)}, ` +
        `beantragte Zuwendung ${formatMoney(f.requestedCents)}`,
    )
  p(`Beantragte Zuwendung insgesamt: ${formatMoney(b.financing.reduce((s, f) => s + f.requestedCents, 0))}`)

  h('4. Erklärungen')
  p(`Mit dem Vorhaben wurde noch nicht begonnen: ${a.notStartedDeclared ? 'erklärt' : 'nicht erklärt'}`)
  p(`Die Angaben sind vollständig und richtig: ${a.truthDeclared ? 'erklärt' : 'nicht erklärt'}`)

  h('5. Anlagen')
  for (const req of b.line.rules.requiredAttachments) {
    const have = b.attachments.find((x) => x.kind === req.key)
    p(`${req.label.de}: ${have ? have.fileName : 'fehlt'}`)
  }

  h('Erklärung bei der Einreichung')
  p(submissionDeclaration(b))
  doc.end()
  return done
}
