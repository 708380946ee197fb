import { defineMessages, type MessagesOf } from '../../platform/i18n'

export const openDataMessages = defineMessages(
  {
    'nav.openData': 'Offene Daten',
    'opendata.title': 'Offene Daten',
    'opendata.lead':
      'Was diese Plattform öffentlich zeigt, können Sie auch als Datei herunterladen und frei weiterverwenden: für eigene Auswertungen, Karten, Apps oder Berichte.',
    'opendata.datasetsHeading': 'Datensätze zum Herunterladen',
    'opendata.datasetsText':
      'Jeder Datensatz ist als CSV (für Tabellenprogramme) und als JSON (für Programme) verfügbar und immer auf dem aktuellen Stand der Plattform.',
    'opendata.download': 'Herunterladen:',
    'opendata.downloadCsv': '{title} als CSV',
    'opendata.downloadJson': '{title} als JSON',
    'opendata.frequencyLabel': 'Aktualisierung',
    'opendata.licenceLabel': 'Lizenz',
    'opendata.frequency.CONT': 'laufend',
    'opendata.frequency.DAILY': 'täglich',
    'opendata.frequency.WEEKLY': 'wöchentlich',
    'opendata.frequency.MONTHLY': 'monatlich',
    'opendata.frequency.QUARTERLY': 'vierteljährlich',
    'opendata.frequency.ANNUAL': 'jährlich',
    'opendata.frequency.IRREG': 'unregelmäßig',
    'opendata.licence.dl-zero-de/2.0': 'Datenlizenz Deutschland – Zero – Version 2.0 (ohne Bedingungen)',
    'opendata.licence.dl-by-de/2.0': 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    'opendata.licenceHeading': 'Was Sie mit den Daten tun dürfen',
    'opendata.licenceText':
      'Sie dürfen die Daten kopieren, verändern, mit anderen Daten verbinden und auch kommerziell nutzen. Bei „Namensnennung“ nennen Sie bitte die Quelle. Personenbezogene Angaben enthalten die Daten nur, soweit sie auf der Plattform öffentlich sind (zum Beispiel Kontaktdaten von Beiratsmitgliedern, die der Veröffentlichung zugestimmt haben).',
    'opendata.privacyText':
      'Vertrauliche Angaben sind nie enthalten: keine Meldungen über Diskriminierung, nur ihre Zahlen, und kleine Zahlen unter 5 sind unterdrückt.',
    'opendata.catalogHeading': 'Katalog für Datenportale',
    'opendata.catalogText':
      'Alle Datensätze sind in einem Katalog nach dem Standard DCAT-AP.de beschrieben, den Datenportale wie GovData automatisch einlesen: mit Lizenz, herausgebender Stelle, Kontakt, Zeitraum, Gebiet (Hessen und seine Kreise) und Aktualisierung.',
    'opendata.catalogJsonLd': 'Katalog als JSON-LD',
    'opendata.catalogRdf': 'Katalog als RDF/XML',
    'opendata.servicesHeading': 'Schnittstellen',
    'opendata.catalog.title': 'Offene Daten der Integrationsplattform Teilhabe',
    'opendata.catalog.description':
      'Offene Daten der Hessischen Integrationspolitik: Angebote für Eingewanderte, Ausländerbeiräte und ihre Sitzungen, geförderte Projekte, Fortschritt des Integrationsplans und Statistik der Diskriminierungsmeldungen.',
    'opendata.error.unknown': 'Diesen Datensatz gibt es nicht.',
  },
  {
    'nav.openData': 'Open data',
    'opendata.title': 'Open data',
    'opendata.lead':
      'What this platform shows publicly you can also download as a file and reuse freely: for your own analyses, maps, apps or reports.',
    'opendata.datasetsHeading': 'Datasets to download',
    'opendata.datasetsText':
      'Every dataset is available as CSV (for spreadsheets) and as JSON (for programs), always as current as the platform.',
    'opendata.download': 'Download:',
    'opendata.downloadCsv': '{title} as CSV',
    'opendata.downloadJson': '{title} as JSON',
    'opendata.frequencyLabel': 'Updated',
    'opendata.licenceLabel': 'Licence',
    'opendata.frequency.CONT': 'continuously',
    'opendata.frequency.DAILY': 'daily',
    'opendata.frequency.WEEKLY': 'weekly',
    'opendata.frequency.MONTHLY': 'monthly',
    'opendata.frequency.QUARTERLY': 'quarterly',
    'opendata.frequency.ANNUAL': 'yearly',
    'opendata.frequency.IRREG': 'irregularly',
    'opendata.licence.dl-zero-de/2.0': 'Data licence Germany – Zero – version 2.0 (no conditions)',
    'opendata.licence.dl-by-de/2.0': 'Data licence Germany – Attribution – version 2.0',
    'opendata.licenceHeading': 'What you may do with the data',
    'opendata.licenceText':
      'You may copy, change and combine the data with other data, commercially too. Under “Attribution”, please name the source. The data contain personal details only where the platform shows them publicly (for example contact details of council members who agreed to publish them).',
    'opendata.privacyText':
      'Confidential details are never included: no reports of discrimination, only their counts, and small counts below 5 are suppressed.',
    'opendata.catalogHeading': 'Catalogue for data portals',
    'opendata.catalogText':
      'Every dataset is described in a catalogue following the DCAT-AP.de standard, which data portals such as GovData read automatically: with licence, publisher, contact, period, area (Hessen and its districts) and update frequency.',
    'opendata.catalogJsonLd': 'Catalogue as JSON-LD',
    'opendata.catalogRdf': 'Catalogue as RDF/XML',
    'opendata.servicesHeading': 'Interfaces',
    'opendata.catalog.title': 'Open data of the Teilhabe integration platform',
    'opendata.catalog.description':
      'Open data of Hessen’s integration policy: offers for immigrants, foreign residents’ advisory councils and their meetings, funded projects, progress of the integration plan and statistics of discrimination reports.',
    'opendata.error.unknown': 'There is no such dataset.',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof openDataMessages> {}
}
