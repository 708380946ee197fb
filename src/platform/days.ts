/** The calendar day in Germany (YYYY-MM-DD) at the given moment (default now). */
export function berlinDay(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at)
}
