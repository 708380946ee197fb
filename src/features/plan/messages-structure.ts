import { defineMessages, type MessagesOf } from '../../platform/i18n'

/** The structure screens of a draft (staff only, German and English: PLAN_STAFF_ONLY). */
export const planStructureMessages = defineMessages(
  {
    'plan.staff.addGoal': 'Ziel hinzufügen',
    'plan.staff.addGoalTitle': 'Ziel hinzufügen: {field}',
    'plan.staff.goalTitle': 'Titel des Ziels',
    'plan.staff.addMeasure': 'Maßnahme hinzufügen',
    'plan.staff.addMeasureTitle': 'Maßnahme hinzufügen: {goal}',
    'plan.staff.addMeasureHint':
      'Die Maßnahme beginnt als „geplant“ mit 0 %. Partner, Ende, Förderlinie und Indikatoren tragen Sie danach auf ihrer Seite ein.',
    'plan.staff.weights': 'Gewichte festlegen',
    'plan.staff.weightsTitle': 'Gewichte der Maßnahmen: {goal}',
    'plan.staff.weightsLead':
      'Geben Sie für jede Maßnahme ihren Anteil am Umsetzungsstand des Ziels in Prozent an. Zusammen ergeben die Anteile 100.',
    'plan.staff.share': 'Anteil von {measure} in Prozent',
    'plan.staff.remove': 'Entfernen',
    'plan.staff.removeGoalLegend': 'Ziel aus dem Entwurf entfernen',
    'plan.staff.removeMeasureLegend': 'Maßnahme aus dem Entwurf entfernen',
    'plan.staff.removeConfirm':
      'Ich möchte den Eintrag mit allem, was darunter steht, aus dem Entwurf entfernen.',
    'plan.staff.indicatorLegend': 'Indikator und Zielwert',
    'plan.staff.indicatorChoice': 'Indikator',
    'plan.staff.indicatorChoiceHint': 'Ohne Auswahl legen Sie einen neuen Indikator an.',
    'plan.staff.indicatorName': 'Name des Indikators',
    'plan.staff.indicatorUnit': 'Einheit',
    'plan.staff.indicatorUnitHint': 'Zum Beispiel „Kitas“ oder „Teilnehmende“.',
    'plan.staff.target': 'Zielwert',
    'plan.staff.targetHint': 'Ganze Zahl ab 0.',
    'plan.staff.targetOn': 'Zieldatum',
    'plan.staff.saveIndicator': 'Indikator übernehmen',
    'plan.flash.goalAdded': 'Das Ziel wurde hinzugefügt.',
    'plan.flash.measureAdded': 'Die Maßnahme wurde hinzugefügt.',
    'plan.flash.removed': 'Der Eintrag wurde aus dem Entwurf entfernt.',
    'plan.flash.weights': 'Die Gewichte wurden gespeichert.',
    'plan.flash.indicator': 'Der Indikator wurde gespeichert.',
    'plan.error.target': 'Geben Sie den Zielwert als ganze Zahl ab 0 an.',
    'plan.error.share': 'Geben Sie den Anteil als ganze Zahl von 1 bis 100 an.',
    'plan.error.sharesSum':
      'Die Anteile ergeben zusammen {sum} statt 100: ändern Sie die Anteile, bis sie zusammen 100 ergeben.',
    'plan.error.noMeasures': 'Das Ziel hat noch keine Maßnahmen.',
    'plan.error.removeConfirm': 'Bestätigen Sie, dass Sie den Eintrag entfernen möchten.',
    'plan.error.indicatorName': 'Geben Sie den Namen des Indikators ein.',
    'plan.error.indicatorUnit': 'Geben Sie die Einheit des Indikators ein.',
  },
  {
    'plan.staff.addGoal': 'Add a goal',
    'plan.staff.addGoalTitle': 'Add a goal: {field}',
    'plan.staff.goalTitle': 'Title of the goal',
    'plan.staff.addMeasure': 'Add a measure',
    'plan.staff.addMeasureTitle': 'Add a measure: {goal}',
    'plan.staff.addMeasureHint':
      'The measure starts as “planned” at 0 %. Enter partners, end, funding line and indicators on its page afterwards.',
    'plan.staff.weights': 'Set the weights',
    'plan.staff.weightsTitle': 'Weights of the measures: {goal}',
    'plan.staff.weightsLead':
      'Enter each measure’s share in the goal’s progress in percent. Together the shares make 100.',
    'plan.staff.share': 'Share of {measure} in percent',
    'plan.staff.remove': 'Remove',
    'plan.staff.removeGoalLegend': 'Remove the goal from the draft',
    'plan.staff.removeMeasureLegend': 'Remove the measure from the draft',
    'plan.staff.removeConfirm': 'I want to remove this entry with everything below it from the draft.',
    'plan.staff.indicatorLegend': 'Indicator and target',
    'plan.staff.indicatorChoice': 'Indicator',
    'plan.staff.indicatorChoiceHint': 'Without a choice you add a new indicator.',
    'plan.staff.indicatorName': 'Name of the indicator',
    'plan.staff.indicatorUnit': 'Unit',
    'plan.staff.indicatorUnitHint': 'For example “day-care centres” or “participants”.',
    'plan.staff.target': 'Target',
    'plan.staff.targetHint': 'A whole number from 0.',
    'plan.staff.targetOn': 'Target date',
    'plan.staff.saveIndicator': 'Apply indicator',
    'plan.flash.goalAdded': 'The goal has been added.',
    'plan.flash.measureAdded': 'The measure has been added.',
    'plan.flash.removed': 'The entry has been removed from the draft.',
    'plan.flash.weights': 'The weights have been saved.',
    'plan.flash.indicator': 'The indicator has been saved.',
    'plan.error.target': 'Enter the target as a whole number from 0.',
    'plan.error.share': 'Enter the share as a whole number from 1 to 100.',
    'plan.error.sharesSum':
      'The shares add up to {sum} instead of 100: change them until they add up to 100.',
    'plan.error.noMeasures': 'The goal has no measures yet.',
    'plan.error.removeConfirm': 'Confirm that you want to remove the entry.',
    'plan.error.indicatorName': 'Enter the name of the indicator.',
    'plan.error.indicatorUnit': 'Enter the unit of the indicator.',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof planStructureMessages> {}
}
