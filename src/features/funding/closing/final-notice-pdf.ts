import { formatMoney } from '../money'
import { financingName, germanDate, PDF_FONTS } from '../review/notice-pdf'

/** Everything printed on a final notice (Schlussbescheid); kept with it as its facts. */
export interface FinalNoticeFacts {
  readonly issuedOn: string
  readonly authority: string
  readonly programme: string
  readonly line: string
  readonly recipient: { readonly name: string; readonly address: string }
  readonly fileNumber: string
  readonly title: string
  readonly financingType: string
  readonly grantedCents: number
  readonly acceptedCostsCents: number
  readonly finalGrantCents: number
  readonly paidCents: number
  readonly repaymentCents: number
  readonly interestCents: number
  readonly interestUntil: string | null
  readonly checkKind: string
  readonly findings: string | null
  readonly hearingOn: string
  readonly hearingReply: string | null
}

/** Renders the final notice as PDF (pdfkit, the fonts of every funding PDF). */
export async function renderFinalNoticePdf(f: FinalNoticeFacts): Promise<Buffer> {
  // pdfkit (with fontkit) is loaded by the first PDF, not by every start.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: {
      Title: `Schlussbescheid ${f.fileNumber}`,
      Author: f.authority,
      Subject: f.title,
      CreationDate: new Date(`${f.issuedOn}T00:00:00Z`),
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
  let n = 0
  const h = (text: string) =>
    doc
      .moveDown(0.8)
      .font('bold')
      .fontSize(11)
      .text(`${++n}. ${text}`)
      .moveDown(0.2)
      .font('regular')
      .fontSize(10)
  const p = (text: string) => doc.font('regular').fontSize(10).text(text, { align: 'left' })

  doc.font('regular').fontSize(9).text(`${f.authority} · ${f.programme}`)
  doc.moveDown()
  p(f.recipient.name)
  p(f.recipient.address)
  doc.moveDown()
  p(`Aktenzeichen: ${f.fileNumber}`)
  p(`Datum: ${germanDate(f.issuedOn)}`)
  doc.moveDown()
  doc.font('bold').fontSize(16).text('Schlussbescheid')
  doc.font('regular').fontSize(10).text(`${f.programme} – Förderlinie ${f.line}: ${f.title}`)

  h('Festsetzung der Zuwendung')
  p(
    `Nach Prüfung des Verwendungsnachweises (${f.checkKind === 'in_depth' ? 'vertiefte' : 'kursorische'} Prüfung) ` +
      `werden zuwendungsfähige Ausgaben von ${formatMoney(f.acceptedCostsCents)} anerkannt. ` +
      `Die Zuwendung (${financingName(f.financingType)}) wird endgültig auf ${formatMoney(f.finalGrantCents)} festgesetzt ` +
      `(bewilligt waren ${formatMoney(f.grantedCents)}).`,
  )
  if (f.findings) p(`Prüfungsfeststellungen: ${f.findings}`)
  h('Erstattung')
  if (f.repaymentCents > 0) {
    p(
      `Ausgezahlt wurden ${formatMoney(f.paidCents)}. Der Zuwendungsbescheid wird insoweit widerrufen (§ 49 Abs. 3 HVwVfG); ` +
        `der Betrag von ${formatMoney(f.repaymentCents)} ist zu erstatten (§ 49a Abs. 1 HVwVfG).`,
    )
    p(
      `Der Erstattungsbetrag ist mit fünf Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen (§ 49a Abs. 3 HVwVfG). ` +
        `Die Zinsen betragen ${formatMoney(f.interestCents)}` +
        (f.interestUntil ? ` bis zum ${germanDate(f.interestUntil)}.` : '.'),
    )
    p(
      `Bitte überweisen Sie insgesamt ${formatMoney(f.repaymentCents + f.interestCents)}` +
        (f.interestUntil ? ` bis zum ${germanDate(f.interestUntil)}` : '') +
        ` unter Angabe des Aktenzeichens ${f.fileNumber}.`,
    )
  } else {
    p(`Ausgezahlt wurden ${formatMoney(f.paidCents)}. Eine Erstattung ist nicht zu leisten.`)
  }
  h('Anhörung')
  p(
    `Sie wurden am ${germanDate(f.hearingOn)} angehört (§ 28 HVwVfG). ` +
      (f.hearingReply
        ? `Ihre Stellungnahme: ${f.hearingReply}`
        : 'Eine Stellungnahme ist nicht eingegangen.'),
  )
  h('Rechtsbehelfsbelehrung')
  p(
    'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim zuständigen Verwaltungsgericht erhoben werden.',
  )
  doc.end()
  return done
}
