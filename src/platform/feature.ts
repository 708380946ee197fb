import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { Permission, PermissionGrants, PermissionRegistry } from './auth/permissions'
import type { Config } from './config'
import type { KeyRing } from './crypto'
import type { Database, Db } from './db'
import type { CanDownload, FileStore } from './files'
import type { CurrentUser, NavItem } from './http/context'
import type { Catalogues, MessageKey } from './i18n'
import type { JobContext, JobHandler, JobQueue } from './jobs'
import type { Mailer } from './mail'
import type { DataService, Dataset } from './open-data'
import type { Installation } from './operator'

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/**
 * The same dependencies with `db` reading from the replica (`readDb`), for code that only reads
 * records that may be seconds old (an open-data dataset's `read`): no write, no read-your-writes.
 */
export function lagTolerant(deps: AppDeps): AppDeps {
  return deps.readDb === deps.db ? deps : { ...deps, db: deps.readDb }
}

/** What the platform hands every feature. Built once in the composition root. */
export interface AppDeps {
  readonly config: Config
  readonly database: Database
  readonly db: Db
  /** Reads that tolerate replication lag: the replica when configured, else `db` (Database.readDb). */
  readonly readDb: Db
  readonly permissions: PermissionRegistry
  readonly files: FileStore
  readonly mail: Mailer
  readonly jobs: JobQueue
  /** Installation secret for signatures (CSRF tokens). */
  readonly signingKey: Buffer
  /** Key-encryption keys from the key file (envelope encryption of confidential case files). */
  readonly keyRing: KeyRing
  /** Every feature's entry on the home page, in the order residents see them (by rank). */
  readonly home: readonly HomeEntry[]
  /** The operator's details and whether demo data is loaded (read once; see Installation). */
  readonly installation: Installation
  /** Every feature's desk declaration, in feature order. */
  readonly desk: readonly DeskDeclaration[]
  /** Every feature's public datasets and APIs (the open-data registry, src/platform/open-data.ts). */
  readonly openData: { readonly datasets: readonly Dataset[]; readonly services: readonly DataService[] }
}

/** Held by everyone who may do anything listed on the staff desk (derived from the desk links). */
export const DESK_PERMISSION = 'desk.open'

declare module './auth/permissions' {
  interface DeclaredPermissions {
    readonly [DESK_PERMISSION]: true
  }
}

/** Something a staff member may do, on their desk (/verwaltung) when they hold the permission. */
export interface DeskLink {
  /** Locale-free path. */
  readonly href: string
  readonly labelKey: MessageKey
  /** One line saying what is there. */
  readonly textKey: MessageKey
  readonly permission: Permission
}

/** Something waiting for a staff member, counted by the feature from its own tables. */
export interface DeskItem {
  /** A message with {n}, e.g. "{n} Anträge warten auf die Prüfung". */
  readonly labelKey: MessageKey
  readonly count: number
  readonly href: string
  /** Further values of the message, e.g. a meeting's title ({title}); {date} is `date`, formatted. */
  readonly params?: Readonly<Record<string, string>>
  readonly date?: Date
}

/** A feature's contribution to the staff desk: what one may do there and what waits. */
export interface DeskDeclaration {
  readonly links?: readonly DeskLink[]
  /** Only the items the viewer may act on, and only those with a count above zero are shown. */
  readonly waiting?: (
    deps: AppDeps,
    viewer: { readonly user: CurrentUser; can(permission: Permission): boolean },
  ) => Promise<readonly DeskItem[]>
}

/**
 * A task a resident can do, as the feature offering it describes it on the home page (and, in
 * plain words, on the Leichte Sprache page). Only features that exist declare one, so the home page
 * never promises what is not there.
 */
export interface HomeEntry {
  /** Locale-free path of the page where the task starts. */
  readonly href: string
  /** The task as a link text, e.g. "Ausländerbeirat finden". */
  readonly labelKey: MessageKey
  /** One line saying what the resident gets there. */
  readonly textKey: MessageKey
  /** The same in Leichte Sprache: short sentences, no foreign words (for /leichte-sprache). */
  readonly easyKey: MessageKey
  /**
   * Order on the home page, task first: 10 find help near me, 20 report discrimination, 30 find my
   * council, 40 apply for funding, 50 press; anything else from 60.
   */
  readonly rank: number
  /** A search field that starts the task at once (GET href?param=…), e.g. the municipality. */
  readonly search?: { readonly param: string; readonly labelKey: MessageKey; readonly hintKey?: MessageKey }
}

/** Arguments of a CLI command: `--flag value` pairs (repeatable) and positionals. */
export interface CliArgs {
  readonly flags: Readonly<Record<string, readonly string[]>>
  readonly positionals: readonly string[]
}

export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** Asks on the terminal; undefined when there is no terminal (then generate or refuse). */
  prompt?(question: string, hidden?: boolean): Promise<string>
}

/** A command of `npm run cli -- <name>`; returns the exit code. */
export interface CliCommand {
  readonly description: string
  readonly usage?: string
  run(deps: AppDeps, args: CliArgs, io: CliIo): Promise<number>
}

/**
 * A feature is a folder under src/features with one `feature.ts` exporting this. The composition root
 * (src/app.ts) lists them; nothing else needs changing to add one.
 */
export interface Feature {
  readonly name: string
  readonly messages?: Catalogues
  /**
   * Message keys used only on staff screens ("press.desk" also covers "press.desk.title"): they stay German and
   * English and are not exported for translation (see platform/i18n/translations.ts).
   */
  readonly staffOnlyMessages?: readonly string[]
  readonly permissions?: PermissionGrants
  /** Entries of the main navigation, in order. */
  readonly nav?: readonly NavItem[]
  /** The feature's tasks for residents on the home page (see HomeEntry). */
  readonly home?: readonly HomeEntry[]
  /** The feature's part of the staff desk at /verwaltung (see DeskDeclaration). */
  readonly desk?: DeskDeclaration
  /**
   * Owner keys of the files this feature stores, each with the rule deciding who may download
   * (GET /dateien/:id/:name), e.g. { 'press.attachment': anyone, 'funding.proof': withPermission('funding.review') }.
   */
  readonly files?: Readonly<Record<string, CanDownload>>
  /** Background job handlers by kind, e.g. { 'press.publish': handler }. */
  readonly jobs?: Readonly<Record<string, JobHandler>>
  /**
   * Recurring jobs by kind: run every `everyMs` (the next run is scheduled when one finishes), with
   * the app's deps, e.g. { 'offers.staleness': { everyMs: DAY, run: (deps) => remind(deps) } }.
   */
  readonly recurring?: Readonly<
    Record<string, { readonly everyMs: number; run(deps: AppDeps, ctx: JobContext): Promise<void> }>
  >
  /** Registers the feature's routes. Paths are locale-free (German); /en/… is served automatically. */
  readonly routes?: (app: App, deps: AppDeps) => void | Promise<void>
  /** Commands for `npm run cli -- <name>`, e.g. { 'import-press-release': … }. */
  readonly cli?: Readonly<Record<string, CliCommand>>
  /**
   * For search engines: locale-free public pages for the platform's general sitemap, sitemaps the
   * feature serves itself (for its many records), and path prefixes to keep out of indexes.
   */
  readonly discovery?: {
    readonly pages?: readonly string[]
    readonly sitemaps?: readonly string[]
    readonly noIndex?: readonly string[]
  }
  /** Public datasets the feature owns, published as CSV/JSON and in the DCAT-AP.de catalogue. */
  readonly datasets?: readonly Dataset[]
  /** APIs the feature serves, listed in the catalogue and on /offene-daten. */
  readonly dataServices?: readonly DataService[]
  /** Loads the feature's demo data; called once on first start with DEMO_DATA=true. Must be idempotent. */
  readonly seedDemo?: (deps: AppDeps, log: (line: string) => void) => Promise<void>
}

export function defineFeature(feature: Feature): Feature {
  return feature
}
