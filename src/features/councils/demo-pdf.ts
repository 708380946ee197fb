/**
 * A small PDF for the demo data (the minutes of a past plenary), so a fresh installation shows
 * published minutes with their file. pdfkit's built-in Helvetica covers German text (WinAnsi).
 */
export async function demoPdf(title: string, paragraphs: readonly string[]): Promise<Buffer> {
  // pdfkit (with fontkit) is loaded by the first PDF, not by every start.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: {
      Title: title,
      Author: 'agah – Demonstrationsdaten',
      CreationDate: new Date('2026-05-01T00:00:00Z'),
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
  doc.font('Helvetica-Bold').fontSize(14).text(title).moveDown()
  doc.font('Helvetica').fontSize(10)
  for (const p of paragraphs) doc.text(p).moveDown(0.6)
  doc.end()
  return done
}
