/** One formatter for every call: building an Intl.DateTimeFormat costs far more than formatting with it. */
const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })

/** The calendar day in Germany (YYYY-MM-DD) at the given moment (default now). */
export function berlinDay(at: Date = new Date()): string {
  return BERLIN_DAY.format(at)
}
