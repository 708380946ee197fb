import { defineMessages, type MessagesOf } from '../../../platform/i18n'

/** The reminder before an unanswered anonymous report expires (staff only: German and English). */
export const retentionMessages = defineMessages(
  {
    'antidisc.staff.mail.greeting': 'Guten Tag,',
    'antidisc.staff.mail.expiry.subject': 'Eine anonyme Meldung läuft am {expires} ab',
    'antidisc.staff.mail.expiry.text':
      'die anonyme Meldung vom {received} hat noch keine Antwort und keine Fallakte. Am {expires} wird sie anonymisiert: Schilderung und Eingangsnummer werden gelöscht, nur die Angaben für die Statistik bleiben.\n\nWenn Sie die Meldung bearbeiten wollen, antworten Sie der meldenden Person oder legen Sie eine Fallakte an:\n{url}',
  },
  {
    'antidisc.staff.mail.greeting': 'Hello,',
    'antidisc.staff.mail.expiry.subject': 'An anonymous report expires on {expires}',
    'antidisc.staff.mail.expiry.text':
      'the anonymous report of {received} has no answer and no case file yet. On {expires} it will be anonymised: the account and the receipt number are deleted, only the facts for the statistics remain.\n\nTo work on the report, answer the reporter or start a case file:\n{url}',
  },
)

declare module '../../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof retentionMessages> {}
}
