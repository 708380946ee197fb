import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatMoney } from '../money'

// Read once per process, by the first PDF (not at start); pdfkit embeds only the glyphs a notice uses.
let fonts: { readonly regular: Buffer; readonly bold: Buffer } | undefined
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(path.join(import.meta.dirname, 'fonts/DejaVuSans.ttf')),
    bold: readFileSync(path.join(import.meta.dirname, 'fonts/DejaVuSans-Bold.ttf')),
  })
/** The fonts of every funding PDF (notices, the applicant's copy of an application). */
export const PDF_FONTS = {
  get regular(): Buffer {
    return loadFonts().regular
  },
  get bold(): Buffer {
    return loadFonts().bold
  },
}

/** Everything printed on a grant notice (Zuwendungsbescheid); kept with the notice as its facts. */
export interface NoticeFacts {
  readonly version: number
  readonly kind: 'initial' | 'amending'
  readonly issuedOn: string
  readonly authority: string
  readonly programme: string
  readonly legalBasis: string
  readonly line: string
  readonly recipient: { readonly name: string; readonly address: string; readonly iban: string }
  readonly fileNumber: string
  readonly title: string
  readonly purpose: string
  readonly periodStart: string
  readonly periodEnd: string
  readonly financingType: string
  readonly partial: boolean
  readonly amounts: readonly { readonly year: number; readonly cents: number }[]
  readonly costs: readonly { readonly year: number; readonly label: string; readonly cents: number }[]
  readonly financing: readonly {
    readonly year: number
    readonly ownCents: number
    readonly thirdPartyCents: number
    readonly grantCents: number
  }[]
  readonly conditions: string
  readonly specialConditions: readonly string[]
  readonly proofOfUseDue: string
  readonly reasons: string | null
  /** Amending notices: the notice this one amends. */
  readonly amends?: { readonly version: number; readonly issuedOn: string }
  /** Amending notices: what changed against the amended notice. */
  readonly changes?: NoticeChanges
}

export interface NoticeChanges {
  readonly amounts: readonly { readonly year: number; readonly oldCents: number; readonly newCents: number }[]
  readonly period: {
    readonly oldStart: string
    readonly oldEnd: string
    readonly newStart: string
    readonly newEnd: string
  } | null
  readonly specialConditionsChanged: boolean
  /** A recipient's change request moved cost items beyond the free 20 % (absent on older notices). */
  readonly costsChanged?: boolean
  /** The purpose details changed (absent on older notices). */
  readonly purposeChanged?: boolean
}

const FINANCING_NAMES: Record<string, string> = {
  anteil: 'Anteilfinanzierung',
  fehlbedarf: 'Fehlbedarfsfinanzierung',
  festbetrag: 'Festbetragsfinanzierung',
  voll: 'Vollfinanzierung',
}

export const financingName = (type: string) => FINANCING_NAMES[type] ?? type

export function germanDate(day: string): string {
  const [y, m, d] = day.split('-')
  return `${d}.${m}.${y}`
}

/** Renders a grant notice as PDF (pdfkit, DejaVu Sans embedded as a subset). Deterministic apart from the creation date. */
export async function renderNoticePdf(f: NoticeFacts): Promise<Buffer> {
  // pdfkit (with fontkit) is loaded by the first PDF, not by every start.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: {
      Title: `${f.kind === 'amending' ? 'Änderungsbescheid' : 'Zuwendungsbescheid'} ${f.fileNumber}`,
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
  const h = (text: string) => {
    doc.moveDown(0.8).font('bold').fontSize(11).text(text).moveDown(0.2).font('regular').fontSize(10)
  }
  const p = (text: string) => doc.font('regular').fontSize(10).text(text, { align: 'left' })

  doc.font('regular').fontSize(9).text(`${f.authority} · ${f.programme}`)
  doc.moveDown()
  p(f.recipient.name)
  p(f.recipient.address)
  doc.moveDown()
  p(`Aktenzeichen: ${f.fileNumber}`)
  p(`Datum: ${germanDate(f.issuedOn)}`)
  doc.moveDown()
  const total = formatMoney(f.amounts.reduce((s, a) => s + a.cents, 0))
  const period = (start: string, end: string) => `${germanDate(start)} bis ${germanDate(end)}`
  let n = 0
  const section = (title: string) => h(`${++n}. ${title}`)

  if (f.kind === 'amending' && f.amends && f.changes) {
    const c = f.changes
    doc.font('bold').fontSize(16).text('Änderungsbescheid')
    doc
      .font('regular')
      .fontSize(10)
      .text(
        `zum Zuwendungsbescheid vom ${germanDate(f.amends.issuedOn)}, Aktenzeichen ${f.fileNumber} ` +
          `(Fassung ${f.amends.version}; dieser Bescheid ist Fassung ${f.version})`,
      )
    doc.text(`${f.programme} – Förderlinie ${f.line}`)
    section('Änderungen')
    p(
      `Der Zuwendungsbescheid vom ${germanDate(f.amends.issuedOn)} (Aktenzeichen ${f.fileNumber}) in der Fassung ` +
        `${f.amends.version} wird wie folgt geändert:`,
    )
    for (const a of c.amounts) {
      p(
        `– Zuwendung Haushaltsjahr ${a.year}: bisher ${formatMoney(a.oldCents)} → neu ${formatMoney(a.newCents)}`,
      )
    }
    if (c.period) {
      p(
        `– Bewilligungszeitraum: bisher ${period(c.period.oldStart, c.period.oldEnd)} → neu ` +
          period(c.period.newStart, c.period.newEnd),
      )
    }
    if (c.costsChanged)
      p('– Der Finanzierungsplan wird in den zuwendungsfähigen Ausgaben neu gefasst (siehe unten).')
    if (c.purposeChanged) p(`– Der Zuwendungszweck wird neu gefasst: ${f.purpose}`)
    if (c.specialConditionsChanged)
      p(`– Die besonderen Nebenbestimmungen werden neu gefasst (Nr. ${f.reasons ? 6 : 5}).`)
    p('Im Übrigen bleibt der Zuwendungsbescheid unverändert.')
    if (f.reasons) {
      section('Begründung')
      p(f.reasons)
    }
    section('Bewilligung nach der Änderung')
    p(
      `Für das Vorhaben „${f.title}“ beträgt die Zuwendung als Projektförderung (${f.legalBasis}) ` +
        `nunmehr insgesamt höchstens ${total}.`,
    )
    for (const a of f.amounts) p(`Haushaltsjahr ${a.year}: höchstens ${formatMoney(a.cents)}`)
    p(`Zuwendungszweck: ${f.purpose}`)
    p(`Finanzierungsart: ${financingName(f.financingType)}`)
    p(`Bewilligungszeitraum: ${period(f.periodStart, f.periodEnd)}`)
  } else {
    doc.font('bold').fontSize(16).text('Zuwendungsbescheid')
    doc.font('regular').fontSize(10).text(`${f.programme} – Förderlinie ${f.line}`)
    section('Bewilligung')
    p(
      `Auf Ihren Antrag bewilligen wir Ihnen ${f.partial ? 'teilweise ' : ''}für das Vorhaben „${f.title}“ eine Zuwendung ` +
        `als Projektförderung (${f.legalBasis}) in Höhe von insgesamt höchstens ${total}.`,
    )
    for (const a of f.amounts) p(`Haushaltsjahr ${a.year}: höchstens ${formatMoney(a.cents)}`)
    section('Zuwendungszweck')
    p(f.purpose)
    section('Finanzierungsart und Bewilligungszeitraum')
    p(`Finanzierungsart: ${financingName(f.financingType)}`)
    p(`Bewilligungszeitraum: ${period(f.periodStart, f.periodEnd)}`)
  }
  section('Zuwendungsfähige Ausgaben')
  for (const c of f.costs) p(`${c.year} · ${c.label}: ${formatMoney(c.cents)}`)
  section('Verbindlicher Finanzierungsplan')
  for (const y of f.financing) {
    p(
      `${y.year}: Eigenmittel ${formatMoney(y.ownCents)}, Drittmittel ${formatMoney(y.thirdPartyCents)}, ` +
        `Zuwendung ${formatMoney(y.grantCents)}`,
    )
  }
  p(
    'Der Finanzierungsplan ist hinsichtlich des Gesamtergebnisses verbindlich. Einzelne Ausgabenansätze dürfen um bis zu 20 % überschritten werden, soweit die Überschreitung durch Einsparungen bei anderen Ansätzen ausgeglichen wird.',
  )
  section('Nebenbestimmungen')
  p(`Bestandteil dieses Bescheids sind die ${f.conditions}.`)
  for (const s of f.specialConditions) p(`– ${s}`)
  section('Verwendungsnachweis')
  p(
    `Die Verwendung der Zuwendung ist bis zum ${germanDate(f.proofOfUseDue)} nachzuweisen (Sachbericht und zahlenmäßiger Nachweis mit Belegliste). ` +
      'Belege sind fünf Jahre aufzubewahren. Das Land und der Hessische Rechnungshof sind zur Prüfung berechtigt (§ 44 LHO).',
  )
  if (f.kind !== 'amending' && f.reasons) {
    section('Begründung')
    p(f.reasons)
  }
  h('Rechtsbehelfsbelehrung')
  p(
    'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht Darmstadt, ' +
      'Julius-Reiber-Straße 37, 64293 Darmstadt, erhoben werden. Die Klage ist schriftlich, zur Niederschrift der ' +
      'Urkundsbeamtin oder des Urkundsbeamten der Geschäftsstelle oder elektronisch nach Maßgabe des § 55a VwGO zu erheben.',
  )
  doc.moveDown()
  p(`Zahlungen erfolgen auf das Konto ${f.recipient.iban}.`)
  doc.moveDown()
  p(`Im Auftrag – ${f.authority}`)
  doc.end()
  return done
}
