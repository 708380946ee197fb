import { defineMessages, type MessagesOf } from '../../platform/i18n'

export const pagesMessages = defineMessages(
  {
    'nav.home': 'Start',
    'home.title': 'Integration und Teilhabe in Hessen',
    'home.lead':
      'Teilhabe ist die Plattform des Landes Hessen für Integration. Was Sie hier erledigen können:',
    'home.tasks': 'Was möchten Sie tun?',
    'home.search': 'Suchen',
    'pages.impressum.title': 'Impressum',
    'pages.impressum.publisher': 'Herausgeber',
    'pages.impressum.contact': 'Kontakt',
    'pages.impressum.press': 'Presse',
    'pages.impressum.software':
      'Verantwortlich für den Inhalt sind die jeweils genannten Stellen. Teilhabe ist freie Software unter der Lizenz EUPL-1.2.',
    'pages.operator.missing':
      'Die Angaben des Betreibers sind noch nicht eingetragen. Die Verwaltung trägt sie unter „Betreiber“ ein.',
    'pages.operator.enter': 'Angaben des Betreibers eintragen',
    'pages.operator.email': 'E-Mail',
    'pages.operator.phone': 'Telefon',
    'pages.datenschutz.title': 'Datenschutz',
    'pages.datenschutz.body':
      'Wir verarbeiten personenbezogene Daten nur, soweit es für die jeweilige Aufgabe erforderlich ist (Art. 6 Abs. 1 lit. e DSGVO).\n\nBeim Besuch der öffentlichen Seiten setzen wir keine Cookies zur Analyse ein und binden keine Inhalte Dritter ein. Ein technisch notwendiges Cookie schützt Formulare gegen Missbrauch (CSRF-Schutz); nach der Anmeldung hält ein Sitzungs-Cookie Sie angemeldet.\n\nSie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht auf Beschwerde beim Hessischen Beauftragten für Datenschutz und Informationsfreiheit.',
    'pages.barrierefreiheit.title': 'Erklärung zur Barrierefreiheit',
    'pages.barrierefreiheit.body':
      'Wir sind bemüht, dieses Angebot im Einklang mit dem Hessischen Behinderten-Gleichstellungsgesetz und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.\n\nStand der Vereinbarkeit: Die öffentlichen Seiten werden bei jeder Änderung automatisiert mit axe-core geprüft und mit Tastatur und ohne JavaScript getestet. Sie sind nach unserer Einschätzung weitgehend mit WCAG 2.1 Stufe AA vereinbar.\n\nNicht barrierefreie Inhalte: Hochgeladene PDF-Dokumente Dritter sind möglicherweise nicht vollständig barrierefrei. Videos in Deutscher Gebärdensprache gibt es noch nicht.',
    'pages.barrierefreiheit.feedbackTitle': 'Feedback und Kontakt',
    'pages.barrierefreiheit.feedback':
      'Wenn Ihnen Barrieren auffallen oder Sie Inhalte in einer zugänglichen Form brauchen, schreiben Sie uns. Wir antworten innerhalb von zwei Wochen.',
    'pages.barrierefreiheit.enforcementTitle': 'Durchsetzungsverfahren',
    'pages.barrierefreiheit.enforcement':
      'Erhalten Sie keine zufriedenstellende Antwort, können Sie sich an die Durchsetzungsstelle wenden:',
    'pages.barrierefreiheit.date': 'Diese Erklärung wurde am 25. November 2026 erstellt.',
    'pages.leichteSprache.title': 'Leichte Sprache',
    'pages.leichteSprache.intro':
      'Das ist die Internet-Seite Teilhabe.\n\nHier finden Sie Informationen über Integration in Hessen.\n\nIntegration heißt: Alle Menschen sollen gut zusammen leben. Egal, woher sie kommen.',
    'pages.leichteSprache.whatTitle': 'Das gibt es auf dieser Seite',
    'pages.leichteSprache.helpTitle': 'So finden Sie Hilfe',
    'pages.leichteSprache.help':
      'In vielen Städten in Hessen gibt es einen Ausländer-Beirat.\n\nEin Ausländer-Beirat ist eine Gruppe von Menschen. Die Menschen kommen aus vielen Ländern. Sie sprechen mit der Stadt für alle Menschen aus anderen Ländern.\n\nSie können dem Ausländer-Beirat in Ihrer Stadt schreiben. Er hilft Ihnen weiter.',
    'pages.leichteSprache.helpLink': 'Den Ausländer-Beirat in Ihrer Stadt finden',
    'pages.leichteSprache.discriminationTitle': 'Diskriminierung melden',
    'pages.leichteSprache.discrimination':
      'Diskriminierung heißt: Jemand behandelt Sie schlechter als andere Menschen. Zum Beispiel wegen Ihrer Herkunft, Ihrer Sprache oder Ihrer Religion. Das ist verboten.\n\nAuf dieser Internet-Seite können Sie Diskriminierung noch nicht melden.\n\nSie können trotzdem Hilfe bekommen. Die Antidiskriminierungs-Stelle des Bundes berät Sie. Die Beratung kostet nichts. Die Internet-Seite heißt: www.antidiskriminierungsstelle.de',
    'pages.leichteSprache.contactTitle': 'So erreichen Sie das Ministerium',
    'pages.leichteSprache.contact':
      'Sie haben eine Frage? Dann schreiben Sie dem Ministerium eine E-Mail. Oder Sie rufen an.',
    'pages.leichteSprache.contactEmail': 'E-Mail: {email}',
    'pages.leichteSprache.contactPhone': 'Telefon: {phone}',
    'pages.leichteSprache.contactMissing':
      'Die Adresse steht bald im Impressum. Das Impressum finden Sie unten auf jeder Seite.',
    'pages.leichteSprache.languageTitle': 'Die Seite in einer anderen Sprache lesen',
    'pages.leichteSprache.language':
      'Sie können diese Internet-Seite auch in anderen Sprachen lesen.\n\nOben auf jeder Seite ist ein kleines Bild von der Welt-Kugel. Daneben steht der Name von der Sprache. Zum Beispiel: Deutsch.\n\nKlicken Sie darauf. Dann sehen Sie eine Liste mit Sprachen. Klicken Sie auf Ihre Sprache.',
    'pages.gebaerdensprache.title': 'Gebärdensprache',
    'pages.gebaerdensprache.body':
      'Auf dieser Seite erklären wir in Deutscher Gebärdensprache (DGS), was Sie auf Teilhabe finden und wie Sie sich zurechtfinden.',
    'pages.gebaerdensprache.listTitle': 'Die Inhalte',
    'pages.gebaerdensprache.after':
      'Die Videos in Gebärdensprache stellt die betreibende Behörde bereit; sie erscheinen hier mit Untertiteln und einer Textfassung. Diese Installation hat noch keine Videos.',
    'pages.gebaerdensprache.navigation': 'Wie Sie sich auf der Seite zurechtfinden: Menü, Sprachen, Suche',
    'pages.gebaerdensprache.accessibility':
      'Was die Erklärung zur Barrierefreiheit sagt und wie Sie Barrieren melden',
    'pages.gebaerdensprache.requestTitle': 'Eine Auskunft in Gebärdensprache erbitten',
    'pages.gebaerdensprache.request':
      'Sie brauchen eine Information in Deutscher Gebärdensprache? Schreiben Sie eine E-Mail an {email} und sagen Sie, welche Information Sie brauchen. Die Behörde klärt mit Ihnen, wie Sie sie in Gebärdensprache bekommen.',
    'pages.gebaerdensprache.requestMissing':
      'Die Adresse dafür steht in der Erklärung zur Barrierefreiheit, sobald die betreibende Behörde sie eingetragen hat.',
  },
  {
    'nav.home': 'Home',
    'home.title': 'Integration and participation in Hesse',
    'home.lead': 'Teilhabe is the State of Hesse’s platform for integration. What you can do here:',
    'home.tasks': 'What would you like to do?',
    'home.search': 'Search',
    'pages.impressum.title': 'Legal notice',
    'pages.impressum.publisher': 'Publisher',
    'pages.impressum.contact': 'Contact',
    'pages.impressum.press': 'Press',
    'pages.impressum.software':
      'The offices named are responsible for their content. Teilhabe is free software under the EUPL-1.2 licence.',
    'pages.operator.missing':
      'The operator’s details have not been entered yet. The administration enters them under “Operator”.',
    'pages.operator.enter': 'Enter the operator’s details',
    'pages.operator.email': 'E-mail',
    'pages.operator.phone': 'Phone',
    'pages.datenschutz.title': 'Privacy',
    'pages.datenschutz.body':
      'We process personal data only as far as each task requires (Art. 6(1)(e) GDPR).\n\nThe public pages use no analytics cookies and embed no third-party content. One technically necessary cookie protects forms against abuse (CSRF protection); after signing in, a session cookie keeps you signed in.\n\nYou have the right of access, rectification, erasure, restriction and objection, and the right to lodge a complaint with the Hessian Commissioner for Data Protection and Freedom of Information.',
    'pages.barrierefreiheit.title': 'Accessibility statement',
    'pages.barrierefreiheit.body':
      'We strive to make this service accessible in accordance with the Hessian Disability Equality Act and the Accessible Information Technology Ordinance (BITV 2.0).\n\nCompliance status: the public pages are checked automatically with axe-core on every change and tested with the keyboard and without JavaScript. In our assessment they largely conform to WCAG 2.1 level AA.\n\nNon-accessible content: PDF documents uploaded by third parties may not be fully accessible. There are no German Sign Language videos yet.',
    'pages.barrierefreiheit.feedbackTitle': 'Feedback and contact',
    'pages.barrierefreiheit.feedback':
      'If you notice barriers or need content in an accessible form, write to us. We answer within two weeks.',
    'pages.barrierefreiheit.enforcementTitle': 'Enforcement procedure',
    'pages.barrierefreiheit.enforcement':
      'If you do not receive a satisfactory answer, you can contact the enforcement body:',
    'pages.barrierefreiheit.date': 'This statement was prepared on 25 November 2026.',
    'pages.leichteSprache.title': 'Easy language',
    'pages.leichteSprache.intro':
      'This is the website Teilhabe.\n\nHere you find information about integration in Hesse.\n\nIntegration means: all people should live well together. No matter where they come from.',
    'pages.leichteSprache.whatTitle': 'What there is on this website',
    'pages.leichteSprache.helpTitle': 'How to find help',
    'pages.leichteSprache.help':
      'Many towns in Hessen have a foreign residents\u2019 council.\n\nA foreign residents\u2019 council is a group of people. The people come from many countries. They speak to the town for all people from other countries.\n\nYou can write to the council in your town. It will help you.',
    'pages.leichteSprache.helpLink': 'Find the council in your town',
    'pages.leichteSprache.discriminationTitle': 'Report discrimination',
    'pages.leichteSprache.discrimination':
      'Discrimination means: somebody treats you worse than other people. For example because of where you come from, your language or your religion. That is forbidden.\n\nYou cannot report discrimination on this website yet.\n\nYou can still get help. The Federal Anti-Discrimination Agency gives advice. The advice is free. Its website is: www.antidiskriminierungsstelle.de',
    'pages.leichteSprache.contactTitle': 'How to reach the ministry',
    'pages.leichteSprache.contact': 'Do you have a question? Then write an e-mail to the ministry. Or call.',
    'pages.leichteSprache.contactEmail': 'E-mail: {email}',
    'pages.leichteSprache.contactPhone': 'Phone: {phone}',
    'pages.leichteSprache.contactMissing':
      'The address will soon be in the legal notice. You find the legal notice at the bottom of every page.',
    'pages.leichteSprache.languageTitle': 'Read the website in another language',
    'pages.leichteSprache.language':
      'You can read this website in other languages too.\n\nAt the top of every page there is a small picture of the globe. Next to it is the name of the language. For example: English.\n\nClick on it. Then you see a list of languages. Click on your language.',
    'pages.gebaerdensprache.title': 'Sign language',
    'pages.gebaerdensprache.body':
      'On this page we explain in German Sign Language (DGS) what you can find on Teilhabe and how to find your way around.',
    'pages.gebaerdensprache.listTitle': 'The contents',
    'pages.gebaerdensprache.after':
      'The sign language videos are provided by the operating authority; they appear here with subtitles and a text version. This installation has no videos yet.',
    'pages.gebaerdensprache.navigation': 'How to find your way around the site: menu, languages, search',
    'pages.gebaerdensprache.accessibility':
      'What the accessibility statement says and how to report barriers',
    'pages.gebaerdensprache.requestTitle': 'Asking for information in sign language',
    'pages.gebaerdensprache.request':
      'Do you need information in German Sign Language? Write an e-mail to {email} and say which information you need. The authority will agree with you how you get it in sign language.',
    'pages.gebaerdensprache.requestMissing':
      'The address for this will be in the accessibility statement once the operating authority has entered it.',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof pagesMessages> {}
}
