import { defineMessages, type MessagesOf } from '../../../platform/i18n'

/** The public list of funded projects (transparency). Public: German and English, the rest falls back. */
export const transparencyMessages = defineMessages(
  {
    'funding.projects.link': 'Geförderte Projekte',
    'funding.projects.title': 'Geförderte Projekte',
    'funding.projects.lead':
      'Welche Vereine, Kommunen und Träger das Land im Programm WIR fördert: Empfänger, Ort, Förderlinie, Jahr, Betrag und Zweck jeder Bewilligung.',
    'funding.projects.note':
      'Aufgeführt sind nur bewilligte Zuwendungen, je Haushaltsjahr eine Zeile. Anträge in Bearbeitung und abgelehnte Anträge erscheinen nicht.',
    'funding.projects.filter': 'Projekte filtern',
    'funding.projects.filter.district': 'Kreis oder kreisfreie Stadt',
    'funding.projects.filter.municipality': 'Gemeinde oder Stadt',
    'funding.projects.filter.line': 'Förderlinie',
    'funding.projects.filter.year': 'Jahr',
    'funding.projects.filter.submit': 'Filter anwenden',
    'funding.projects.filter.reset': 'Alle Filter zurücksetzen',
    'funding.projects.count':
      '{n, plural, =0 {Keine Bewilligung gefunden.} one {Eine Bewilligung gefunden.} other {# Bewilligungen gefunden.}}',
    'funding.projects.sum': 'Zusammen: {amount}',
    'funding.projects.caption': 'Bewilligte Zuwendungen',
    'funding.projects.col.recipient': 'Empfänger',
    'funding.projects.col.municipality': 'Ort',
    'funding.projects.col.line': 'Förderlinie',
    'funding.projects.col.year': 'Jahr',
    'funding.projects.col.amount': 'Betrag',
    'funding.projects.col.purpose': 'Zweck',
    'funding.projects.noPlace': 'ohne Ortsangabe',
    'funding.projects.csv': 'Liste als CSV-Datei herunterladen (mit den gewählten Filtern)',
    'funding.projects.map.heading': 'Bewilligte Mittel je Kreis',
    'funding.projects.map.title': 'Karte: bewilligte Mittel je Landkreis und kreisfreier Stadt',
    'funding.projects.map.caption':
      'Bewilligte Mittel je Landkreis und kreisfreier Stadt (nach Förderlinie und Jahr gefiltert, nicht nach Ort); die Gemeinden zählen zu ihrem Kreis.',
    'funding.projects.map.gap': 'Keine Bewilligung',
    'funding.projects.map.tableCaption': 'Bewilligte Mittel je Landkreis und kreisfreier Stadt',
    'funding.projects.map.district': 'Landkreis oder Stadt',
    'funding.projects.map.amount': 'Bewilligt',
    'funding.projects.districtOf': '{name} (Landkreis)',
  },
  {
    'funding.projects.link': 'Funded projects',
    'funding.projects.title': 'Funded projects',
    'funding.projects.lead':
      'Which associations, municipalities and organisations the state funds in the WIR programme: recipient, place, funding line, year, amount and purpose of every grant.',
    'funding.projects.note':
      'Only approved grants are listed, one row per budget year. Applications under review and rejected applications do not appear.',
    'funding.projects.filter': 'Filter the projects',
    'funding.projects.filter.district': 'District or district-free city',
    'funding.projects.filter.municipality': 'Municipality or town',
    'funding.projects.filter.line': 'Funding line',
    'funding.projects.filter.year': 'Year',
    'funding.projects.filter.submit': 'Apply filters',
    'funding.projects.filter.reset': 'Reset all filters',
    'funding.projects.count':
      '{n, plural, =0 {No grant found.} one {One grant found.} other {# grants found.}}',
    'funding.projects.sum': 'In total: {amount}',
    'funding.projects.caption': 'Approved grants',
    'funding.projects.col.recipient': 'Recipient',
    'funding.projects.col.municipality': 'Place',
    'funding.projects.col.line': 'Funding line',
    'funding.projects.col.year': 'Year',
    'funding.projects.col.amount': 'Amount',
    'funding.projects.col.purpose': 'Purpose',
    'funding.projects.noPlace': 'no place given',
    'funding.projects.csv': 'Download the list as a CSV file (with the chosen filters)',
    'funding.projects.map.heading': 'Funds granted per district',
    'funding.projects.map.title': 'Map: funds granted per district and district-free city',
    'funding.projects.map.caption':
      'Funds granted per district and district-free city (filtered by funding line and year, not by place); municipalities count for their district.',
    'funding.projects.map.gap': 'No grant',
    'funding.projects.map.tableCaption': 'Funds granted per district and district-free city',
    'funding.projects.map.district': 'District or city',
    'funding.projects.map.amount': 'Granted',
    'funding.projects.districtOf': '{name} (district)',
  },
)

declare module '../../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof transparencyMessages> {}
}
