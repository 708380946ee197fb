import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { eq, lt } from 'drizzle-orm'
import { PASSWORD_RESET_JOB, sendPasswordReset } from './auth/password-links'
import { PermissionRegistry } from './auth/permissions'
import type { Config } from './config'
import { KeyFileError, type KeyRing, newKeyFileContent, parseKeyFile } from './crypto'
import type { Database } from './db'
import { systemSettings } from './db/tables'
import { type AppDeps, DESK_PERMISSION, type Feature } from './feature'
import { FileStore } from './files'
import { HOUSEKEEPING_EVERY_MS, HOUSEKEEPING_JOB, housekeeping } from './housekeeping'
import { JobQueue } from './jobs'
import { MAIL_SEND_JOB, Mailer } from './mail'
import { Installation } from './operator'

interface Logger {
  error(obj: unknown, msg?: string): void
  info(obj: unknown, msg?: string): void
}

/** Reads or creates the installation's signing key (kept in the database, so every process shares it). */
export async function signingKeyOf(database: Database): Promise<Buffer> {
  const fresh = randomBytes(32).toString('base64')
  await database.db.insert(systemSettings).values({ key: 'signing_key', value: fresh }).onConflictDoNothing()
  const [row] = await database.db.select().from(systemSettings).where(eq(systemSettings.key, 'signing_key'))
  return Buffer.from(row!.value as string, 'base64')
}

/**
 * Reads the key file of the case files' envelope encryption. The default file (in DATA_DIR) is created
 * on first start, readable by the owner only; a file named in CASE_KEY_FILE must exist: without it
 * the platform refuses to start and names the file (it never makes up a new key in its place).
 */
export async function loadKeyRing(setting: Config['caseKeyFile']): Promise<KeyRing> {
  const file = setting.path
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new KeyFileError(file, `cannot be read (${(err as Error).message})`)
    if (setting.configured)
      throw new KeyFileError(file, 'is missing (CASE_KEY_FILE names it): restore it from the key backup')
    await mkdir(path.dirname(file), { recursive: true })
    content = newKeyFileContent()
    try {
      await writeFile(file, content, { mode: 0o600, flag: 'wx' })
    } catch (e) {
      // Another process created it at the same moment: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      content = await readFile(file, 'utf8')
    }
  }
  return parseKeyFile(file, content)
}

/**
 * Builds everything the app and the CLI share, from a migrated database. Registers each feature's
 * permissions and job handlers. Does not start anything.
 */
export async function createDeps(
  config: Config,
  database: Database,
  features: readonly Feature[],
  log: Logger,
): Promise<AppDeps> {
  const permissions = new PermissionRegistry()
  const jobs = new JobQueue(database.db, log)
  const mail = new Mailer(config.smtpUrl, config.mailFrom)
  jobs.register(MAIL_SEND_JOB, ({ db, payload, attempt, maxAttempts }) =>
    mail.send(db, String(payload.id), attempt, maxAttempts),
  )
  jobs.register(PASSWORD_RESET_JOB, ({ db, payload }) =>
    sendPasswordReset({ db, mail, jobs, config }, { email: String(payload.email), ip: String(payload.ip) }),
  )
  jobs.register(HOUSEKEEPING_JOB, async ({ db }) => {
    const removed = await housekeeping(db, config.loginLockMs)
    log.info(removed, 'housekeeping done')
  })
  jobs.every(HOUSEKEEPING_JOB, HOUSEKEEPING_EVERY_MS)
  const files = new FileStore(database.db, config.uploadMaxBytes)
  for (const f of features) {
    if (f.permissions) permissions.add(f.permissions)
    for (const [owner, rule] of Object.entries(f.files ?? {})) files.declareOwner(owner, rule)
    for (const [kind, handler] of Object.entries(f.jobs ?? {})) jobs.register(kind, handler)
  }
  // Whoever may do anything listed on the desk may open it (the nav entry and /verwaltung).
  const deskPermissions = features.flatMap((f) => f.desk?.links?.map((l) => l.permission) ?? [])
  permissions.add({ [DESK_PERMISSION]: [...new Set(deskPermissions.flatMap((p) => permissions.rolesOf(p)))] })
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    readDb: database.readDb,
    permissions,
    files,
    mail,
    jobs,
    signingKey: await signingKeyOf(database),
    keyRing: await loadKeyRing(config.caseKeyFile),
    home: features.flatMap((f) => f.home ?? []).sort((a, b) => a.rank - b.rank),
    installation: await Installation.load(database.db),
    desk: features.flatMap((f) => (f.desk ? [f.desk] : [])),
    openData: {
      datasets: features.flatMap((f) => f.datasets ?? []),
      services: features.flatMap((f) => f.dataServices ?? []),
    },
  }
  // Recurring work that needs the whole of deps (mail, jobs, config), e.g. reminders.
  for (const f of features)
    for (const [kind, r] of Object.entries(f.recurring ?? {})) {
      jobs.register(kind, (ctx) => r.run(deps, ctx))
      jobs.every(kind, r.everyMs)
    }
  return deps
}

const DEMO_CLAIM = 'demo_seeding'

/** A process that claimed the demo seeding this long ago without finishing died: another takes over. */
export const DEMO_CLAIM_STALE_MS = 10 * 60_000

/**
 * Runs each feature's demo data once per database (a marker in system_settings). Several processes
 * starting at once on an empty database (docs/scaling.md) do not all seed it: the one that writes
 * the claim `demo_seeding` does, the others go on without waiting (the data appears when it is done).
 */
export async function seedDemoOnce(
  deps: AppDeps,
  features: readonly Feature[],
  print: (line: string) => void,
  force = false,
): Promise<boolean> {
  if (!force) {
    const [done] = await deps.db.select().from(systemSettings).where(eq(systemSettings.key, 'demo_seeded'))
    if (done) return false
    const stale = new Date(Date.now() - DEMO_CLAIM_STALE_MS)
    const claimed = await deps.db
      .insert(systemSettings)
      .values({ key: DEMO_CLAIM, value: new Date().toISOString() })
      .onConflictDoUpdate({
        target: systemSettings.key,
        set: { value: new Date().toISOString(), updatedAt: new Date() },
        where: lt(systemSettings.updatedAt, stale),
      })
      .returning({ key: systemSettings.key })
    if (claimed.length === 0) return false
    // Another process may have finished (seeded, then dropped its claim) between our look and our
    // claim: it marks the data as seeded before it drops the claim, so looking again now is enough.
    const [doneMeanwhile] = await deps.db
      .select()
      .from(systemSettings)
      .where(eq(systemSettings.key, 'demo_seeded'))
    if (doneMeanwhile) {
      await deps.db.delete(systemSettings).where(eq(systemSettings.key, DEMO_CLAIM))
      return false
    }
  }
  for (const f of features) await f.seedDemo?.(deps, print)
  await deps.db
    .insert(systemSettings)
    .values({ key: 'demo_seeded', value: new Date().toISOString() })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value: new Date().toISOString() } })
  await deps.db.delete(systemSettings).where(eq(systemSettings.key, DEMO_CLAIM))
  await deps.installation.changed()
  return true
}
