import type { MessageKey } from './i18n'

/**
 * What every use case answers: the value, or a refusal naming what is wrong. One shape for all
 * features, so routes, views and tests read results the same way everywhere (docs/architecture.md,
 * "Outcomes and refusals").
 *
 *   const r = await doSomething(db, actor, input)
 *   if (!r.ok) return renderFormWith(r.problems)   // each problem: field + message key (+ params)
 *   use(r.value)
 */

/** Values put into a message: `{year}`, `{amount}` … */
export type ProblemParams = Readonly<Record<string, string | number>>

/**
 * One reason for a refusal: a message key, the form field it belongs to (`_form` for the whole
 * form) and the values the message needs.
 */
export interface Problem {
  readonly field: string
  readonly key: MessageKey
  readonly params?: ProblemParams
}

/** The whole form, not one field. */
export const FORM = '_form'

/** A refused use case: one or more problems (E is `Problem` unless a helper answers in its own terms). */
export interface Refusal<E = Problem> {
  readonly ok: false
  readonly problems: E[]
}

export type Outcome<T, E = Problem> = { readonly ok: true; readonly value: T } | Refusal<E>

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

/** A refusal with one problem; without a field it concerns the whole form. */
export function refuse(key: MessageKey, field: string = FORM, params?: ProblemParams): Refusal {
  return { ok: false, problems: [params ? { field, key, params } : { field, key }] }
}

/** The problem of a use case whose record does not exist (or may not be seen): routes answer 404. */
export const NOT_FOUND: MessageKey = 'ui.errorPage.404.text'

export function notFound(): Refusal {
  return refuse(NOT_FOUND)
}

export function isNotFound(outcome: Outcome<unknown, Problem>): boolean {
  return !outcome.ok && outcome.problems.some((p) => p.key === NOT_FOUND)
}

/** A refusal with several problems (at least one). */
export function refuseAll<E>(problems: E[]): Refusal<E> {
  return { ok: false, problems }
}

/** The first problem's key, or null when the outcome succeeded (for tests and log lines). */
export function problemKey(outcome: Outcome<unknown, Problem>): MessageKey | null {
  return outcome.ok ? null : (outcome.problems[0]?.key ?? null)
}

/**
 * Thrown inside a transaction to roll everything back and answer with the refusal instead
 * (`refusable` turns it back into a value). Never escapes a use case.
 */
export class Refused<E = Problem> extends Error {
  readonly refusal: Refusal<E>
  constructor(refusal: Refusal<E>) {
    super(refusal.problems.map((p) => (p as { key?: string }).key ?? 'refused').join(', '))
    this.refusal = refusal
  }
}

/**
 * Runs a transaction body; its value becomes a success, a `Refused` thrown inside becomes the
 * refusal (and the transaction rolls back). `onError` may translate a database error (e.g. a CHECK
 * constraint) into a refusal; any other error is rethrown.
 */
export async function refusable<T, E = Problem>(
  work: () => Promise<T>,
  onError?: (err: unknown) => Refusal<E> | null,
): Promise<Outcome<T, E>> {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    if (err instanceof Refused) return err.refusal as Refusal<E>
    const mapped = onError?.(err)
    if (mapped) return mapped
    throw err
  }
}

/** The PostgreSQL error of a failed statement (drizzle wraps it as `cause`), on PGlite and node-postgres. */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as { cause?: { code?: string; constraint?: string }; code?: string; constraint?: string }
  return e.cause?.code ? e.cause : e
}

/** A UNIQUE violation (23505), of the named constraint or index when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgError(err)
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint)
}

/** A CHECK violation (23514) of a constraint whose name starts with `prefix`. */
export function isCheckViolation(err: unknown, prefix: string): boolean {
  const e = pgError(err)
  return e?.code === '23514' && String(e.constraint ?? '').startsWith(prefix)
}
