import { defineMessages, type MessagesOf } from '../../platform/i18n'

export const oparlMessages = defineMessages(
  {
    'oparl.title': 'OParl-Schnittstelle der Beiräte und der agah',
    'oparl.lead':
      'Die Sitzungen, Tagesordnungen, Drucksachen und Mitglieder der Ausländerbeiräte, Integrationskommissionen und der agah stehen als offene Daten über die standardisierte Schnittstelle OParl 1.1 bereit.',
    'oparl.endpointHeading': 'Einstiegspunkt',
    'oparl.endpointText':
      'Die Schnittstelle beginnt beim System-Objekt. Von dort führen Verweise zu allen Körperschaften und ihren Listen. Jede Antwort ist JSON und darf von jeder Website abgerufen werden (CORS).',
    'oparl.contentHeading': 'Was enthalten ist',
    'oparl.content1':
      'Jeder Beirat und jede Integrationskommission ist eine Körperschaft (Body), ebenso die agah mit Landesversammlung und Vorstand.',
    'oparl.content2':
      'Sitzungen mit ihren öffentlichen Tagesordnungspunkten, Drucksachen mit ihren Beratungen und die Abstimmungsergebnisse als Erweiterung „teilhabe:vote“.',
    'oparl.content3':
      'Mitglieder mit ihren Mitgliedschaften; Kontaktdaten nur, wenn die Person der Veröffentlichung zugestimmt hat.',
    'oparl.content4': 'Nicht öffentliche Tagesordnungspunkte und ihre Drucksachen sind nie enthalten.',
    'oparl.updatesHeading': 'Aktualisierung',
    'oparl.updatesText':
      'Mit dem Parameter modified_since liefert jede Liste nur die seitdem geänderten Objekte, gelöschte Objekte mit deleted: true. So lässt sich ein eigener Bestand effizient aktuell halten.',
    'oparl.specLink': 'OParl-Spezifikation (externe Website)',
  },
  {
    'oparl.title': 'OParl interface of the councils and the agah',
    'oparl.lead':
      'The meetings, agendas, papers and members of the foreign residents’ advisory councils, the integration commissions and the agah are available as open data through the standard OParl 1.1 interface.',
    'oparl.endpointHeading': 'Entry point',
    'oparl.endpointText':
      'The interface starts at the System object. Links lead from there to every body and its lists. Every answer is JSON and may be fetched by any website (CORS).',
    'oparl.contentHeading': 'What it contains',
    'oparl.content1':
      'Every advisory council and integration commission is a body, and so is the agah with its plenary assembly and its board.',
    'oparl.content2':
      'Meetings with their public agenda items, papers with their consultations, and vote results as the extension “teilhabe:vote”.',
    'oparl.content3':
      'Members with their memberships; contact details only where the person agreed to publish them.',
    'oparl.content4': 'Agenda items that are not public, and their papers, are never included.',
    'oparl.updatesHeading': 'Updates',
    'oparl.updatesText':
      'With the parameter modified_since every list returns only the objects changed since then, and deleted objects with deleted: true, so a copy can be kept up to date efficiently.',
    'oparl.specLink': 'OParl specification (external website)',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof oparlMessages> {}
}
