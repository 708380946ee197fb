import type { RuleProblem } from './rules'

/** What a funding use case answers: the result, or problems each tied to a form field. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: RuleProblem[] }

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })
export const fail = (field: string, key: string, params?: RuleProblem['params']): Outcome<never> => ({
  ok: false,
  problems: [params ? { field, key, params } : { field, key }],
})

/** Thrown inside a transaction to roll it back and answer with problems. */
export class Refused extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map((p) => p.key).join(', '))
  }
}

/** Runs a transaction body; a Refused error becomes a failed Outcome (and rolls everything back). */
export async function refusable<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    if (err instanceof Refused) return { ok: false, problems: err.problems }
    // The database's own guard (CHECK on funding_budgets) answers like the code's check does.
    const cause =
      (err as { cause?: { code?: string; constraint?: string } }).cause ??
      (err as { code?: string; constraint?: string })
    if (cause?.code === '23514' && String(cause.constraint ?? '').startsWith('funding_budgets')) {
      return { ok: false, problems: [{ field: '_form', key: 'funding.error.budgetExceededDb' }] }
    }
    throw err
  }
}

/** Berlin calendar day (YYYY-MM-DD). */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now)
}
