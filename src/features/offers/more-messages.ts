import { defineMessages, type MessagesOf } from '../../platform/i18n'

/**
 * Texts of the offers finder's later parts: the councils as offers, provider translations of
 * descriptions, WIR euros and foreign residents on the coverage page. Keys under `offers.staff.`
 * are for staff only.
 */
export const offersMoreMessages = defineMessages(
  {
    'offers.translation.byProvider':
      'Übersetzung des Trägers. Geschrieben hat er das Angebot auf {language}.',
    'offers.translation.original': 'Originaltext ({language})',
    'offers.translation.error.lang': 'Wählen Sie die Sprache der Übersetzung aus der Liste.',
    'offers.translation.error.sameLang':
      'In dieser Sprache ist das Angebot geschrieben. Wählen Sie eine andere Sprache für die Übersetzung.',
    'offers.translation.error.description':
      'Geben Sie die übersetzte Beschreibung ein (höchstens 5.000 Zeichen).',
    'offers.translation.error.title': 'Der übersetzte Titel darf höchstens 200 Zeichen haben.',
    'offers.translation.title': 'Übersetzungen',
    'offers.translation.lead':
      'Das Angebot bleibt in der Sprache, in der Sie es geschrieben haben ({language}). Hier können Sie Übersetzungen hinzufügen; Besucherinnen und Besucher sehen die Übersetzung in ihrer Sprache.',
    'offers.translation.existing': 'Vorhandene Übersetzungen',
    'offers.translation.none': 'Noch keine Übersetzung.',
    'offers.translation.edit': 'Übersetzung bearbeiten',
    'offers.translation.field.lang': 'Sprache der Übersetzung',
    'offers.translation.field.title': 'Übersetzter Titel',
    'offers.translation.field.titleHint': 'Leer lassen, wenn der Titel bleiben soll.',
    'offers.translation.field.description': 'Übersetzte Beschreibung',
    'offers.translation.save': 'Übersetzung speichern',
    'offers.translation.remove': 'Übersetzung löschen',
    'offers.translation.saved': 'Die Übersetzung ist gespeichert.',
    'offers.translation.removed': 'Die Übersetzung ist gelöscht.',
    'offers.translation.link': 'Übersetzungen der Beschreibung',
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
    'offers.translation.byProvider':
      'Translation by the provider. The provider wrote the offer in {language}.',
    'offers.translation.original': 'Original text ({language})',
    'offers.translation.error.lang': 'Choose the language of the translation from the list.',
    'offers.translation.error.sameLang':
      'The offer is written in this language. Choose another language for the translation.',
    'offers.translation.error.description': 'Enter the translated description (at most 5,000 characters).',
    'offers.translation.error.title': 'The translated title may have at most 200 characters.',
    'offers.translation.title': 'Translations',
    'offers.translation.lead':
      'The offer stays in the language you wrote it in ({language}). Here you can add translations; visitors see the translation in their language.',
    'offers.translation.existing': 'Existing translations',
    'offers.translation.none': 'No translation yet.',
    'offers.translation.edit': 'Edit translation',
    'offers.translation.field.lang': 'Language of the translation',
    'offers.translation.field.title': 'Translated title',
    'offers.translation.field.titleHint': 'Leave it empty to keep the title.',
    'offers.translation.field.description': 'Translated description',
    'offers.translation.save': 'Save translation',
    'offers.translation.remove': 'Delete translation',
    'offers.translation.saved': 'The translation is saved.',
    'offers.translation.removed': 'The translation is deleted.',
    'offers.translation.link': 'Translations of the description',
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
