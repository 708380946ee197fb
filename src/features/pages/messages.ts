import { defineMessages } from '../../platform/i18n'

export const pagesMessages = defineMessages(
  {
    'nav.home': 'Start',
    'home.title': 'Integration und Teilhabe in Hessen',
    'home.lead':
      'Teilhabe ist die Plattform des Landes Hessen für Integration. Was Sie hier erledigen können:',
    'home.tasks': 'Was möchten Sie tun?',
    'home.search': 'Suchen',
    'pages.impressum.title': 'Impressum',
    'pages.impressum.body':
      'Diese Installation von Teilhabe ist eine Demonstrations­umgebung. Im Betrieb steht hier die Anbieterkennzeichnung der betreibenden Behörde nach § 5 Digitale-Dienste-Gesetz.\n\nHerausgeber (Demo): Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales, Sonnenberger Straße 2/2a, 65193 Wiesbaden.\n\nTeilhabe ist freie Software unter der Lizenz EUPL-1.2.',
    'pages.datenschutz.title': 'Datenschutz',
    'pages.datenschutz.body':
      'Wir verarbeiten personenbezogene Daten nur, soweit es für die jeweilige Aufgabe erforderlich ist (Art. 6 Abs. 1 lit. e DSGVO).\n\nBeim Besuch der öffentlichen Seiten setzen wir keine Cookies zur Analyse ein und binden keine Inhalte Dritter ein. Ein technisch notwendiges Cookie schützt Formulare gegen Missbrauch (CSRF-Schutz); nach der Anmeldung hält ein Sitzungs-Cookie Sie angemeldet.\n\nSie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht auf Beschwerde beim Hessischen Beauftragten für Datenschutz und Informationsfreiheit.',
    'pages.barrierefreiheit.title': 'Erklärung zur Barrierefreiheit',
    'pages.barrierefreiheit.body':
      'Wir sind bemüht, dieses Angebot im Einklang mit dem Hessischen Behinderten-Gleichstellungsgesetz und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.\n\nStand der Vereinbarkeit: Die öffentlichen Seiten werden bei jeder Änderung automatisiert mit axe-core geprüft und mit Tastatur und ohne JavaScript getestet. Sie sind nach unserer Einschätzung weitgehend mit WCAG 2.1 Stufe AA vereinbar.\n\nNicht barrierefreie Inhalte: Hochgeladene PDF-Dokumente Dritter sind möglicherweise nicht vollständig barrierefrei.\n\nFeedback: Wenn Ihnen Barrieren auffallen, schreiben Sie uns bitte über die im Impressum genannte Stelle. Wir antworten innerhalb von zwei Wochen.\n\nDurchsetzungsverfahren: Erhalten Sie keine zufriedenstellende Antwort, können Sie sich an die Durchsetzungsstelle für barrierefreie Informationstechnik des Landes Hessen wenden.\n\nDiese Erklärung wurde am 25. November 2026 erstellt.',
    'pages.leichteSprache.title': 'Leichte Sprache',
    'pages.leichteSprache.intro':
      'Das ist die Internet-Seite Teilhabe.\n\nHier finden Sie Informationen über Integration in Hessen.\n\nIntegration heißt: Alle Menschen sollen gut zusammen leben. Egal, woher sie kommen.',
    'pages.leichteSprache.whatTitle': 'Das gibt es auf dieser Seite',
    'pages.leichteSprache.languageTitle': 'Die Seite auf Englisch lesen',
    'pages.leichteSprache.language':
      'Oben auf jeder Seite steht: Teilhabe Hessen. Daneben oder darunter stehen 2 Wörter: Deutsch und English. Klicken Sie auf English. Dann ist die Seite auf Englisch.',
    'pages.gebaerdensprache.title': 'Gebärdensprache',
    'pages.gebaerdensprache.body':
      'Auf dieser Seite erklären wir in Deutscher Gebärdensprache (DGS), was Sie auf Teilhabe finden und wie Sie sich zurechtfinden.',
    'pages.gebaerdensprache.listTitle': 'Die Inhalte',
    'pages.gebaerdensprache.after':
      'Die Videos in Gebärdensprache stellt die betreibende Behörde bereit; sie erscheinen hier mit Untertiteln und einer Textfassung. Diese Installation hat noch keine Videos.',
  },
  {
    'nav.home': 'Home',
    'home.title': 'Integration and participation in Hesse',
    'home.lead': 'Teilhabe is the State of Hesse’s platform for integration. What you can do here:',
    'home.tasks': 'What would you like to do?',
    'home.search': 'Search',
    'pages.impressum.title': 'Legal notice',
    'pages.impressum.body':
      'This installation of Teilhabe is a demonstration environment. In operation, this page carries the legal notice of the operating authority under section 5 of the German Digital Services Act.\n\nPublisher (demo): Hessian Ministry of Labour, Integration, Youth and Social Affairs, Sonnenberger Straße 2/2a, 65193 Wiesbaden.\n\nTeilhabe is free software under the EUPL-1.2 licence.',
    'pages.datenschutz.title': 'Privacy',
    'pages.datenschutz.body':
      'We process personal data only as far as each task requires (Art. 6(1)(e) GDPR).\n\nThe public pages use no analytics cookies and embed no third-party content. One technically necessary cookie protects forms against abuse (CSRF protection); after signing in, a session cookie keeps you signed in.\n\nYou have the right of access, rectification, erasure, restriction and objection, and the right to lodge a complaint with the Hessian Commissioner for Data Protection and Freedom of Information.',
    'pages.barrierefreiheit.title': 'Accessibility statement',
    'pages.barrierefreiheit.body':
      'We strive to make this service accessible in accordance with the Hessian Disability Equality Act and the Accessible Information Technology Ordinance (BITV 2.0).\n\nCompliance status: the public pages are checked automatically with axe-core on every change and tested with the keyboard and without JavaScript. In our assessment they largely conform to WCAG 2.1 level AA.\n\nNon-accessible content: PDF documents uploaded by third parties may not be fully accessible.\n\nFeedback: if you notice barriers, please write to the office named in the legal notice. We answer within two weeks.\n\nEnforcement: if you do not receive a satisfactory answer, you can contact the enforcement body for accessible information technology of the State of Hesse.\n\nThis statement was prepared on 25 November 2026.',
    'pages.leichteSprache.title': 'Easy language',
    'pages.leichteSprache.intro':
      'This is the website Teilhabe.\n\nHere you find information about integration in Hesse.\n\nIntegration means: all people should live well together. No matter where they come from.',
    'pages.leichteSprache.whatTitle': 'What there is on this website',
    'pages.leichteSprache.languageTitle': 'Read the website in German',
    'pages.leichteSprache.language':
      'At the top of every page it says: Teilhabe Hessen. Next to it or below it are 2 words: Deutsch and English. Click on Deutsch. Then the page is in German.',
    'pages.gebaerdensprache.title': 'Sign language',
    'pages.gebaerdensprache.body':
      'On this page we explain in German Sign Language (DGS) what you can find on Teilhabe and how to find your way around.',
    'pages.gebaerdensprache.listTitle': 'The contents',
    'pages.gebaerdensprache.after':
      'The sign language videos are provided by the operating authority; they appear here with subtitles and a text version. This installation has no videos yet.',
  },
)
