import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp, FEATURES } from '../../src/app'
import { CLI_ACTOR } from '../../src/platform/audit'
import { createUser } from '../../src/platform/auth/users'
import { type Config, loadConfig } from '../../src/platform/config'
import type { App, AppDeps, Feature } from '../../src/platform/feature'
import { createDeps } from '../../src/platform/runtime'
import { type DbKind, openTestDatabase, type TestDatabase } from './db'

export const TEST_PASSWORD = 'correct horse battery staple'

export interface TestApp {
  app: App
  deps: AppDeps
  config: Config
  testDb: TestDatabase
  close(): Promise<void>
  /** Creates a user with TEST_PASSWORD and the given roles; returns its id. */
  createUser(email: string, roles: string[]): Promise<string>
}

const silentLog = { info() {}, error() {} }

/** A full app on a fresh copy of the migrated database, with its own data directory. */
export async function createTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
  features: readonly Feature[] = FEATURES,
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-test-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '1000',
    // Tests change data between requests and read it back at once: no OParl response cache.
    OPARL_CACHE_SECONDS: '0',
    OPARL_RATE_LIMIT_PER_MINUTE: '100000',
    // Report forms posted at once count as proven (the proof-of-work tests set their own wait).
    REPORT_WAIT_SECONDS: '0',
    ...env,
  })
  const testDb = await openTestDatabase(kind)
  const deps = await createDeps(config, testDb.database, features, silentLog)
  const app = await buildApp(deps, { features })
  await app.ready()
  return {
    app,
    deps,
    config,
    testDb,
    async close() {
      await app.close()
      await testDb.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
    async createUser(email, roles) {
      const result = await createUser(
        deps.db,
        CLI_ACTOR,
        { email, displayName: email.split('@')[0] ?? email, password: TEST_PASSWORD, roles },
        deps.permissions.roles,
      )
      if (!result.ok) throw new Error(`createUser failed: ${result.error}`)
      return result.id
    },
  }
}
