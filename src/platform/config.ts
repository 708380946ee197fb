import path from 'node:path'
import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'

/**
 * Every setting of the platform. This is the only module that reads the environment
 * (see `loadConfig`); everything else receives a `Config`.
 * The README's settings table documents the same list.
 */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: 'localhost' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/.*)?$' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  ASSET_CACHE_DIR: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_REPLICA_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  TRUST_PROXY: Type.Boolean({ default: false }),
  DEMO_DATA: Type.Boolean({ default: true }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Teilhabe <noreply@teilhabe.localhost>' }),
  UPLOAD_MAX_MB: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60 * 30, default: 60 }),
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  LOGIN_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 15 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100000, default: 20 }),
  JOBS_POLL_SECONDS: Type.Number({ minimum: 0.05, maximum: 3600, default: 2 }),
  JOBS_ENABLED: Type.Boolean({ default: true }),
  OPARL_CACHE_SECONDS: Type.Number({ minimum: 0, maximum: 3600, default: 10 }),
  OPARL_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 600 }),
  CASE_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  REPORT_WORK_BITS: Type.Integer({ minimum: 0, maximum: 24, default: 16 }),
  REPORT_WAIT_SECONDS: Type.Integer({ minimum: 0, maximum: 600, default: 8 }),
  CASE_RETENTION_YEARS: Type.Integer({ minimum: 1, maximum: 30, default: 3 }),
  REPORT_EXPIRY_DAYS: Type.Integer({ minimum: 7, maximum: 3650, default: 90 }),
  REPORT_REMINDER_DAYS: Type.Integer({ minimum: 1, maximum: 60, default: 14 }),
  SLOW_QUERY_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 500 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 32, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
})

type Env = Static<typeof EnvSchema>

/** Beside the installed packages the assets are built from; `npm install` fills it. */
const DEFAULT_ASSET_CACHE_DIR = path.resolve(import.meta.dirname, '../../node_modules/.cache/teilhabe-assets')
const checker = Compile(EnvSchema)

export interface Config {
  readonly env: Env['NODE_ENV']
  readonly port: number
  readonly host: string
  /** The origin the public sees, e.g. https://teilhabe.hessen.de; defaults to http://HOST:PORT. */
  readonly publicUrl: string
  /** True when the public URL is https: cookies get `Secure`, responses get HSTS. */
  readonly secure: boolean
  readonly dataDir: string
  /** Where the built stylesheet, fonts and their compressed variants are kept (see http/assets.ts). */
  readonly assetCacheDir: string
  readonly databaseUrl: string | undefined
  /** A streaming replica of DATABASE_URL for reads that tolerate lag (db/index.ts `readDb`); needs DATABASE_URL. */
  readonly databaseReplicaUrl: string | undefined
  readonly logLevel: Env['LOG_LEVEL']
  readonly trustProxy: boolean
  readonly demoData: boolean
  readonly smtpUrl: string | undefined
  readonly mailFrom: string
  readonly uploadMaxBytes: number
  readonly sessionTtlMs: number
  /** A session unused for this long ends, whatever is left of sessionTtlMs. */
  readonly sessionIdleMs: number
  readonly loginMaxFailures: number
  readonly loginLockMs: number
  readonly rateLimitPerMinute: number
  readonly jobsPollMs: number
  readonly jobsEnabled: boolean
  /** How long an OParl answer is served from memory (0: never); changes show up after at most this. */
  readonly oparlCacheMs: number
  /** OParl requests per minute and client address. */
  readonly oparlRateLimitPerMinute: number
  /** The bearer token /metrics asks for; without it /metrics is not served (404). */
  readonly metricsToken: string | undefined
  /** A query that takes at least this long is logged (warn, with the request's id); 0: never. */
  readonly slowQueryMs: number
  /**
   * The key file wrapping the data keys of confidential case files (envelope encryption, see
   * docs/decisions/antidiscrimination-confidentiality.md). Default: DATA_DIR/case-keys.json, created
   * on first start; a file named in CASE_KEY_FILE must exist, or the platform refuses to start.
   */
  readonly caseKeyFile: { readonly path: string; readonly configured: boolean }
  /**
   * The proof-of-work step of /melden: the zero bits a browser's script finds, and how old a form's
   * challenge must be to count as proof without JavaScript.
   */
  readonly reportWorkBits: number
  readonly reportWaitMs: number
  /** Retention of the anti-discrimination network (retention.ts). */
  readonly antidiscRetention: {
    /** Closed cases are anonymised this many years after they were closed. */
    readonly closedCaseYears: number
    /** Anonymous reports nobody answered expire (are anonymised) after this many days … */
    readonly unansweredReportDays: number
    /** … and the centre is reminded this many days before. */
    readonly reminderDays: number
  }
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid setting ${variable}: ${detail}`)
    this.name = 'ConfigError'
  }
}

const BOOLEANS = new Set(['true', 'false', '1', '0', 'yes', 'no'])

/** Turns raw environment strings into the types the schema expects; unknown variables are ignored. */
function coerce(raw: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    const value = raw[key]
    if (value === undefined || value === '') continue
    const type = (schema as { type?: string }).type
    if (type === 'integer' || type === 'number') {
      const n = Number(value)
      out[key] = value.trim() === '' || Number.isNaN(n) ? value : n
    } else if (type === 'boolean') {
      const v = value.toLowerCase()
      out[key] = BOOLEANS.has(v) ? v === 'true' || v === '1' || v === 'yes' : value
    } else {
      out[key] = value
    }
  }
  return out
}

/** Validates the environment once; throws a ConfigError naming the first wrong variable. */
export function loadConfig(raw: Record<string, string | undefined>): Config {
  const input = coerce(raw)
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    const def = (schema as { default?: unknown }).default
    if (input[key] === undefined && def !== undefined) input[key] = def
  }
  const first = [...checker.Errors(input)][0]
  if (first) {
    const variable = first.instancePath.replace(/^\//, '') || String(Object.values(first.params)[0] ?? '?')
    throw new ConfigError(variable, `${first.message} (got ${JSON.stringify(raw[variable] ?? null)})`)
  }
  const env = input as Env
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_REPLICA_URL', 'a replica needs DATABASE_URL (the primary) as well')
  const publicUrl = (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '')
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    secure: publicUrl.startsWith('https://'),
    dataDir: path.resolve(env.DATA_DIR),
    assetCacheDir: env.ASSET_CACHE_DIR ? path.resolve(env.ASSET_CACHE_DIR) : DEFAULT_ASSET_CACHE_DIR,
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    demoData: env.DEMO_DATA,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    uploadMaxBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginLockMs: env.LOGIN_LOCK_MINUTES * 60_000,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    jobsPollMs: Math.round(env.JOBS_POLL_SECONDS * 1000),
    jobsEnabled: env.JOBS_ENABLED,
    oparlCacheMs: Math.round(env.OPARL_CACHE_SECONDS * 1000),
    oparlRateLimitPerMinute: env.OPARL_RATE_LIMIT_PER_MINUTE,
    metricsToken: env.METRICS_TOKEN,
    slowQueryMs: env.SLOW_QUERY_MS,
    caseKeyFile: env.CASE_KEY_FILE
      ? { path: path.resolve(env.CASE_KEY_FILE), configured: true }
      : { path: path.join(path.resolve(env.DATA_DIR), 'case-keys.json'), configured: false },
    reportWorkBits: env.REPORT_WORK_BITS,
    reportWaitMs: env.REPORT_WAIT_SECONDS * 1000,
    antidiscRetention: {
      closedCaseYears: env.CASE_RETENTION_YEARS,
      unansweredReportDays: env.REPORT_EXPIRY_DAYS,
      reminderDays: Math.min(env.REPORT_REMINDER_DAYS, env.REPORT_EXPIRY_DAYS - 1),
    },
  })
}

/** The settings documented in the README, in order. Kept here so a test can check the README lists them all. */
export const SETTING_NAMES = Object.keys(EnvSchema.properties)

/** The process's own environment: called once by the entry points (server, CLI). */
export function loadConfigFromEnv(): Config {
  return loadConfig(process.env)
}
