import { defineMessages, type MessagesOf } from '../../platform/i18n'

/**
 * Texts of the offers finder's later parts: the councils as offers, provider translations of
 * descriptions, WIR euros and foreign residents on the coverage page. Keys under `offers.staff.`
 * are for staff only.
 */
export const offersMoreMessages = defineMessages(
  {
    'offers.topic.participation': 'Mitbestimmung und Beiräte',
    'offers.coverage.wir': 'WIR-Fördermittel (bewilligt)',
    'offers.coverage.perThousandForeign': 'Angebote je 1.000 ausländische Einwohner',
    'offers.coverage.noFigure': 'keine Zahl',
    'offers.coverage.demoEstimate': 'Demo-Schätzung',
    'offers.coverage.foreignSources': 'Ausländische Einwohnerinnen und Einwohner: {list}.',
    'offers.coverage.foreignSource': '{source}, Stand {date}',
    'offers.coverage.foreignSourceDemo': '{source}, Stand {date} – Demo-Schätzung, keine amtliche Zahl',
    'offers.coverage.foreignNone':
      'Für ausländische Einwohnerinnen und Einwohner je Landkreis liegen noch keine Zahlen vor; die Redaktion trägt sie aus der Tabelle des Statistischen Landesamts ein.',
    'offers.coverage.wirSource':
      'WIR-Fördermittel: die bewilligten Beträge aller veröffentlichten geförderten Projekte (offene Daten „Geförderte Projekte“), gezählt für den Landkreis des Ortes der geförderten Organisation.',
  },
  {
    'offers.topic.participation': 'Having a say, councils',
    'offers.coverage.wir': 'WIR funding (granted)',
    'offers.coverage.perThousandForeign': 'Offers per 1,000 foreign residents',
    'offers.coverage.noFigure': 'no figure',
    'offers.coverage.demoEstimate': 'demo estimate',
    'offers.coverage.foreignSources': 'Foreign residents: {list}.',
    'offers.coverage.foreignSource': '{source}, as of {date}',
    'offers.coverage.foreignSourceDemo': '{source}, as of {date} – demo estimate, not an official figure',
    'offers.coverage.foreignNone':
      'There are no figures yet for foreign residents per district; the editors enter them from the statistical office’s table.',
    'offers.coverage.wirSource':
      'WIR funding: the amounts granted to all published funded projects (open data “Funded projects”), counted for the district of the funded organisation’s place.',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof offersMoreMessages> {}
}
