import type { AppDeps } from './feature'

/**
 * Who may call a route: the declarations behind the authorisation matrix test
 * (test/integration/access-matrix.test.ts). Every feature (and the platform) keeps an `access.ts`
 * next to its routes exporting `access = defineAccess({ … })` with one entry per registered route and
 * method (`'GET /presse/redaktion/:id'`). The test calls every route as anonymous, as a user of each
 * role, as a signed-in user without roles and as the record-level personas the fixtures create, and
 * compares the status with the entry. A route without an entry fails the test.
 *
 * Nothing in the running application reads these tables.
 */

/** A caller in the matrix: 'anonymous', 'none' (signed in, no role), a role, or a persona name. */
export type Caller = string

export interface RouteRule<F> {
  /**
   * Who gets through: 'anyone' (anonymous too), 'signedIn' (any account), or the roles and personas
   * that may (everyone else is refused: anonymous with 303 to /anmelden, signed in with 403).
   */
  readonly allow: 'anyone' | 'signedIn' | readonly Caller[]
  /** Path parameters from the fixture records, e.g. (f) => ({ id: f.councilId }). */
  readonly params?: (f: F) => Readonly<Record<string, string>>
  /** A query string (without `?`) for GET. */
  readonly query?: string
  /**
   * Expected status of an allowed caller. Default: GET 200; POST (an empty form with a valid CSRF
   * token) any answer below 500 that is not a refusal (not 403, not a redirect to sign in).
   * An object gives it per caller, with `default` for the others.
   */
  readonly status?: number | Readonly<Record<Caller | 'default', number>>
  /**
   * Status for every refused caller, e.g. 404 where a record is not revealed. Default: anonymous
   * callers are sent to sign in (303 to /anmelden?next=…), signed-in ones get 403.
   */
  readonly refused?: number
  /** Record-level: personas refused although their role is allowed, with the status they get. */
  readonly deny?: Readonly<Record<Caller, number>>
}

export interface FixtureContext {
  readonly deps: AppDeps
  /** The matrix user holding each role (`users.council_secretary`), and 'none' without roles. */
  readonly users: Readonly<Record<string, string>>
  /** Creates an extra signed-in caller (a persona) with these roles; returns its user id. */
  persona(name: string, roles: readonly string[]): Promise<string>
  /** GET as an anonymous visitor (e.g. to find the ids a public API hands out). */
  get(url: string): Promise<{ status: number; body: string }>
}

export interface AccessTable<F> {
  /** Creates or finds the records the rules' params use (runs after the demo data is loaded). */
  readonly fixtures?: (ctx: FixtureContext) => Promise<F>
  readonly routes: Readonly<Record<string, RouteRule<F>>>
}

export function defineAccess<F = Record<string, never>>(table: AccessTable<F>): AccessTable<F> {
  return table
}
