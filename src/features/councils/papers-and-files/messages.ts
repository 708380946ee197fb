import { defineMessages, type MessagesOf } from '../../../platform/i18n'

/** Files of papers and minutes: staff pages and the public file lists. */
export const papersAndFilesMessages = defineMessages(
  {
    'councils.files.title': 'Dateien',
    'councils.files.none': 'Keine Dateien.',
    'councils.files.listLabel': 'Dateien: {title}',
    'councils.files.main': 'Hauptdokument',
    'councils.files.attachment': 'Anlage',
    'councils.files.minutesMain': 'Niederschrift (Dokument)',
    'councils.files.info': '{type}, {size}',
    'councils.files.paperTitle': 'Dateien zur Vorlage {reference}',
    'councils.files.minutesTitle': 'Dateien der Niederschrift: {title}',
    'councils.files.paperLink': 'Dateien zur Vorlage {reference} verwalten',
    'councils.files.minutesLink': 'Dateien der Niederschrift verwalten',
    'councils.files.managePaper': 'Dateien verwalten',
    'councils.files.back': 'Zurück zur Sitzung',
    'councils.files.backPaper': 'Zur Vorlage',
    'councils.files.upload': 'Datei hochladen',
    'councils.files.file': 'Datei',
    'councils.files.hint':
      'PDF, Office- oder OpenDocument-Datei oder Bild (JPEG, PNG, WebP, GIF), höchstens {mb} MB.',
    'councils.files.name': 'Bezeichnung der Datei',
    'councils.files.nameHint': 'Ohne Angabe wird der Dateiname verwendet.',
    'councils.files.role': 'Art der Datei',
    'councils.files.remove': 'Entfernen',
    'councils.files.final':
      'Die Dateien sind veröffentlicht und können nicht mehr entfernt werden. Weitere Anlagen können hinzugefügt werden.',
    'councils.files.minutesFinal':
      'Die Niederschrift ist veröffentlicht; ihre Dateien können nicht mehr geändert werden.',
    'councils.files.minutesDraftNote':
      'Dateien der Niederschrift sind erst nach der Veröffentlichung öffentlich zugänglich.',
    'councils.files.added': 'Die Datei wurde hochgeladen.',
    'councils.files.removed': 'Die Datei wurde entfernt.',
    'councils.files.error.missing': 'Bitte wählen Sie eine Datei aus.',
    'councils.files.error.empty': 'Die Datei ist leer.',
    'councils.files.error.too_large': 'Die Datei ist zu groß (höchstens {mb} MB).',
    'councils.files.error.forbidden_type':
      'Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, Office- und OpenDocument-Dateien und Bilder.',
    'councils.files.error.mainExists':
      'Es gibt bereits ein Hauptdokument. Entfernen Sie es zuerst oder laden Sie die Datei als Anlage hoch.',
    'councils.files.error.paperPublished':
      'Die Vorlage wurde mit der Einladung veröffentlicht; ihre Dateien können nicht mehr entfernt werden.',
    'councils.files.error.minutesPublished': 'Die Niederschrift ist bereits veröffentlicht.',
    'councils.papers.edit': 'Vorlage bearbeiten',
    'councils.papers.editTitle': 'Vorlage {reference} bearbeiten',
    'councils.papers.referenceStays':
      'Das Aktenzeichen {reference} bleibt auch bei einer anderen Art erhalten; Beschlussnummern ändern sich nie.',
    'councils.papers.submittedByCouncil': 'Eingereicht von Beirat oder Gremium',
    'councils.papers.submittedByText': 'Eingereicht von (Namen)',
    'councils.papers.submittedByHint': 'Zum Beispiel die Namen der Delegierten.',
    'councils.papers.withdrawTitle': 'Antrag zurückziehen',
    'councils.papers.withdrawHint':
      'Ein zurückgezogener Antrag bleibt sichtbar und als zurückgezogen gekennzeichnet; über ihn wird nicht mehr abgestimmt.',
    'councils.papers.withdrawConfirm': 'Ja, die Antragstellenden haben den Antrag zurückgezogen.',
    'councils.papers.withdrawConfirmRequired': 'Bitte bestätigen Sie, dass der Antrag zurückgezogen wurde.',
    'councils.papers.withdraw': 'Antrag zurückziehen',
    'councils.papers.withdrawnOn': 'Zurückgezogen am {date}.',
    'councils.papers.saved': 'Die Vorlage wurde gespeichert.',
    'councils.papers.withdrawn': 'Der Antrag wurde zurückgezogen.',
    'councils.error.resolutionFinal': 'Ein Beschluss wird nicht mehr geändert.',
    'councils.error.paperDecided':
      'Über diese Vorlage wurde bereits entschieden; sie kann nicht mehr geändert werden.',
    'councils.error.paperWithdrawn': 'Diese Vorlage wurde zurückgezogen.',
    'councils.error.onlyMotionsWithdraw': 'Zurückziehen lassen sich nur Anträge und Änderungsanträge.',
    'meetings.result.withdrawn': 'zurückgezogen',
    'meetings.error.paperWithdrawn': 'Der Antrag wurde zurückgezogen; über ihn wird nicht abgestimmt.',
  },
  {
    'councils.files.title': 'Files',
    'councils.files.none': 'No files.',
    'councils.files.listLabel': 'Files: {title}',
    'councils.files.main': 'Main document',
    'councils.files.attachment': 'Attachment',
    'councils.files.minutesMain': 'Minutes (document)',
    'councils.files.info': '{type}, {size}',
    'councils.files.paperTitle': 'Files of paper {reference}',
    'councils.files.minutesTitle': 'Files of the minutes: {title}',
    'councils.files.paperLink': 'Manage the files of paper {reference}',
    'councils.files.minutesLink': 'Manage the files of the minutes',
    'councils.files.managePaper': 'Manage files',
    'councils.files.back': 'Back to the meeting',
    'councils.files.backPaper': 'To the paper',
    'councils.files.upload': 'Upload file',
    'councils.files.file': 'File',
    'councils.files.hint':
      'PDF, Office or OpenDocument file or image (JPEG, PNG, WebP, GIF), at most {mb} MB.',
    'councils.files.name': 'Name of the file',
    'councils.files.nameHint': 'Without a name the file name is used.',
    'councils.files.role': 'Kind of file',
    'councils.files.remove': 'Remove',
    'councils.files.final':
      'The files have been published and can no longer be removed. Further attachments can be added.',
    'councils.files.minutesFinal': 'The minutes have been published; their files can no longer be changed.',
    'councils.files.minutesDraftNote':
      'Files of the minutes become public only when the minutes are published.',
    'councils.files.added': 'The file has been uploaded.',
    'councils.files.removed': 'The file has been removed.',
    'councils.files.error.missing': 'Please choose a file.',
    'councils.files.error.empty': 'The file is empty.',
    'councils.files.error.too_large': 'The file is too large (at most {mb} MB).',
    'councils.files.error.forbidden_type':
      'This type of file is not allowed. Allowed are PDF, Office and OpenDocument files and images.',
    'councils.files.error.mainExists':
      'There already is a main document. Remove it first or upload the file as an attachment.',
    'councils.files.error.paperPublished':
      'The paper was published with the invitation; its files can no longer be removed.',
    'councils.files.error.minutesPublished': 'The minutes have already been published.',
    'councils.papers.edit': 'Edit the paper',
    'councils.papers.editTitle': 'Edit paper {reference}',
    'councils.papers.referenceStays':
      'The reference {reference} stays, also when the kind changes; resolution numbers never change.',
    'councils.papers.submittedByCouncil': 'Submitted by council or body',
    'councils.papers.submittedByText': 'Submitted by (names)',
    'councils.papers.submittedByHint': 'For example the names of the delegates.',
    'councils.papers.withdrawTitle': 'Withdraw the motion',
    'councils.papers.withdrawHint':
      'A withdrawn motion stays visible, marked as withdrawn; it is no longer voted on.',
    'councils.papers.withdrawConfirm': 'Yes, the movers have withdrawn the motion.',
    'councils.papers.withdrawConfirmRequired': 'Please confirm that the motion has been withdrawn.',
    'councils.papers.withdraw': 'Withdraw the motion',
    'councils.papers.withdrawnOn': 'Withdrawn on {date}.',
    'councils.papers.saved': 'The paper has been saved.',
    'councils.papers.withdrawn': 'The motion has been withdrawn.',
    'councils.error.resolutionFinal': 'A resolution is not changed any more.',
    'councils.error.paperDecided': 'This paper has been decided; it can no longer be changed.',
    'councils.error.paperWithdrawn': 'This paper has been withdrawn.',
    'councils.error.onlyMotionsWithdraw': 'Only motions and amendments can be withdrawn.',
    'meetings.result.withdrawn': 'withdrawn',
    'meetings.error.paperWithdrawn': 'The motion has been withdrawn; it is not voted on.',
  },
)

declare module '../../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof papersAndFilesMessages> {}
}
