import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { eq, sql } from 'drizzle-orm'
import { FEATURES } from '../../src/app'
import { runCli } from '../../src/cli'
import { users } from '../../src/platform/auth/tables'
import { type Config, loadConfig } from '../../src/platform/config'
import { type Db, inTransaction, MIGRATIONS_DIR } from '../../src/platform/db'
import type { CliIo } from '../../src/platform/feature'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds, openTestDatabase, type TestDatabase } from '../helpers/db'
import { auditRefused } from '../helpers/errors'

const root = path.resolve(import.meta.dirname, '../..')

function captureIo(answers?: string[]): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  const queue = answers ? [...answers] : undefined
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    ...(queue ? { prompt: async () => queue.shift() ?? '' } : {}),
  }
}

const rows = async <T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(q)) as unknown as { rows: T[] }).rows

/** Tables a backup carries: all of the public schema but derived ones (comment `derived: …`). */
async function tableNames(db: Db): Promise<string[]> {
  const r = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'derived:%' order by 1`,
  )
  return r.map((x) => x.name)
}

/** Every row of every table as sorted JSON text (compared as PostgreSQL prints it). */
async function snapshot(db: Db, skipAudit: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const name of await tableNames(db)) {
    const where =
      name === 'audit_log' && skipAudit.length
        ? sql` where t.action not in (${sql.join(
            skipAudit.map((a) => sql`${a}`),
            sql`, `,
          )})`
        : sql``
    const r = await rows<{ j: string }>(
      db,
      sql`select row_to_json(t)::text as j from ${sql.raw(`"${name}"`)} t${where} order by 1`,
    )
    out[name] = r.map((x) => x.j)
  }
  return out
}

/** A table with every awkward type, created in source and target alike (same schema). */
const PROBE_TABLE = sql`create table backup_probe (
  id bigserial primary key,
  big bigint,
  num numeric,
  bytes bytea,
  tags text[],
  nums bigint[],
  doc jsonb,
  at timestamptz,
  day date,
  ratio double precision,
  parent_id bigint references backup_probe(id),
  ident int generated always as identity,
  doubled bigint generated always as (big * 2) stored
)`

for (const kind of dbKinds()) {
  describe(`CLI (${kind})`, () => {
    let source: TestApp
    let backupDir: string
    before(async () => {
      source = await createTestApp(kind)
      backupDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-backup-'))
    })
    after(async () => {
      await source.close()
      await rm(backupDir, { recursive: true, force: true })
    })

    const cli = (
      argv: string[],
      io = captureIo(),
      t: { config: Config; database: TestDatabase['database'] },
    ) => runCli(argv, t.config, t.database, io)

    it('creates a user with a generated password when there is no terminal', async () => {
      const io = captureIo()
      const code = await cli(
        [
          'create-user',
          '--email',
          'redaktion@example.org',
          '--role',
          'press',
          '--role',
          'admin',
          '--name',
          'Redaktion',
        ],
        io,
        { config: source.config, database: source.testDb.database },
      )
      assert.equal(code, 0, io.stderr.join('\n'))
      const password = io.stdout.join('\n').match(/Password: (\S+)/)?.[1]
      assert.ok(password && password.length >= 16)
      const [user] = await source.deps.db.select().from(users).where(eq(users.email, 'redaktion@example.org'))
      assert.deepEqual(user?.roles, ['press', 'admin'])
      assert.equal(user?.displayName, 'Redaktion')
      assert.ok(!user?.passwordHash.includes(password), 'only the hash is stored')
      const { verifyPassword } = await import('../../src/platform/auth/passwords')
      assert.ok(await verifyPassword(user!.passwordHash, password))
    })

    it('asks twice on a terminal and refuses when the answers differ', async () => {
      const db = { config: source.config, database: source.testDb.database }
      const mismatch = captureIo(['ein langes Passwort 1', 'ein langes Passwort 2'])
      assert.equal(
        await cli(['create-user', '--email', 'tty@example.org', '--role', 'admin'], mismatch, db),
        1,
      )
      assert.match(mismatch.stderr.join('\n'), /do not match/)
      const short = captureIo(['kurz', 'kurz'])
      assert.equal(await cli(['create-user', '--email', 'tty@example.org', '--role', 'admin'], short, db), 1)
      assert.match(short.stderr.join('\n'), /at least 12 characters/)
      const ok = captureIo(['ein langes Passwort', 'ein langes Passwort'])
      assert.equal(await cli(['create-user', '--email', 'tty@example.org', '--role', 'admin'], ok, db), 0)
      assert.doesNotMatch(ok.stdout.join('\n'), /Password:/, 'a chosen password is never printed')
      const again = captureIo(['ein langes Passwort', 'ein langes Passwort'])
      assert.equal(await cli(['create-user', '--email', 'TTY@example.org', '--role', 'admin'], again, db), 1)
      assert.match(again.stderr.join('\n'), /already exists/)
    })

    it('resets a lost password: a new one works, the old one and the sessions do not, a lock-out is lifted', async () => {
      const db = { config: source.config, database: source.testDb.database }
      const { listAudit } = await import('../../src/platform/audit')
      const { verifyPassword } = await import('../../src/platform/auth/passwords')
      const { createSession } = await import('../../src/platform/auth/sessions')
      const { sessions } = await import('../../src/platform/auth/tables')
      const id = await source.createUser('vergessen@example.org', ['agah_office'])
      await createSession(source.deps.db, id, 3_600_000)
      await source.deps.db
        .update(users)
        .set({ failedLogins: 9, lockedUntil: new Date(Date.now() + 3_600_000) })
        .where(eq(users.id, id))
      const io = captureIo()
      assert.equal(
        await cli(['reset-password', '--email', 'Vergessen@example.org'], io, db),
        0,
        io.stderr.join('\n'),
      )
      const password = io.stdout.join('\n').match(/Password: (\S+)/)?.[1]
      assert.ok(password && password.length >= 16)
      assert.match(io.stdout.join('\n'), /1 session\(s\) ended/)
      const [user] = await source.deps.db.select().from(users).where(eq(users.id, id))
      assert.ok(await verifyPassword(user!.passwordHash, password))
      assert.equal(await verifyPassword(user!.passwordHash, 'correct horse battery staple'), false)
      assert.equal(user!.lockedUntil, null)
      assert.equal(user!.failedLogins, 0)
      assert.equal((await source.deps.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0)
      const audit = await listAudit(source.deps.db, {
        entityType: 'user',
        entityId: id,
        limit: 50,
        offset: 0,
      })
      const entry = audit.find((a) => a.action === 'user.password_reset')
      assert.ok(entry, 'audited')
      assert.ok(!JSON.stringify(entry).includes(password), 'the audit entry holds no password')
      // On a terminal: asked twice, never printed; too short or different answers change nothing.
      const short = captureIo(['kurz', 'kurz'])
      assert.equal(await cli(['reset-password', '--email', 'vergessen@example.org'], short, db), 1)
      assert.match(short.stderr.join('\n'), /at least 12 characters; nothing was changed/)
      const differ = captureIo(['ein langes Passwort 1', 'ein langes Passwort 2'])
      assert.equal(await cli(['reset-password', '--email', 'vergessen@example.org'], differ, db), 1)
      const chosen = captureIo(['ein neues langes Passwort', 'ein neues langes Passwort'])
      assert.equal(await cli(['reset-password', '--email', 'vergessen@example.org'], chosen, db), 0)
      assert.doesNotMatch(chosen.stdout.join('\n'), /Password:/)
      const [after] = await source.deps.db.select().from(users).where(eq(users.id, id))
      assert.ok(await verifyPassword(after!.passwordHash, 'ein neues langes Passwort'))
      // Unknown account, missing flag.
      const unknown = captureIo()
      assert.equal(await cli(['reset-password', '--email', 'niemand@example.org'], unknown, db), 1)
      assert.match(unknown.stderr.join('\n'), /No account/)
      assert.equal(await cli(['reset-password'], captureIo(), db), 64)
    })

    it('refuses an unknown role and lists the known ones', async () => {
      const io = captureIo()
      const code = await cli(['create-user', '--email', 'x@example.org', '--role', 'kaiser'], io, {
        config: source.config,
        database: source.testDb.database,
      })
      assert.equal(code, 1)
      const message = io.stderr.join('\n')
      assert.match(message, /Unknown role: kaiser\. Known roles: .*\badmin\b/)
      assert.match(message, /\bpress\b/)
      assert.equal(
        (await source.deps.db.select().from(users).where(eq(users.email, 'x@example.org'))).length,
        0,
      )
      const none = captureIo()
      assert.equal(
        await cli(['create-user', '--email', 'x@example.org'], none, {
          config: source.config,
          database: source.testDb.database,
        }),
        64,
      )
    })

    it('returns 1 for a broken migration and leaves no trace of the statements before the bad one', async () => {
      const t = await openTestDatabase(kind)
      const folder = await mkdtemp(path.join(tmpdir(), 'teilhabe-migrations-'))
      try {
        await cp(MIGRATIONS_DIR, folder, { recursive: true })
        const journalFile = path.join(folder, 'meta/_journal.json')
        const journal = JSON.parse(await readFile(journalFile, 'utf8')) as {
          entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[]
        }
        const last = journal.entries.at(-1)!
        const add = (tag: string, offset: number) =>
          journal.entries.push({ ...last, idx: last.idx + offset, when: last.when + offset * 1000, tag })
        add('9998_good', 1)
        add('9999_bad', 2)
        await writeFile(journalFile, JSON.stringify(journal))
        await writeFile(path.join(folder, '9998_good.sql'), 'CREATE TABLE migration_probe_good (id int);')
        await writeFile(
          path.join(folder, '9999_bad.sql'),
          'CREATE TABLE migration_probe_same_file (id int);\n--> statement-breakpoint\nSELECT * FROM no_such_table;',
        )
        const before = await rows<{ n: number }>(
          t.database.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
        const io = captureIo()
        const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: folder })
        const code = await runCli(['migrate'], config, t.database, io, { migrationsFolder: folder })
        assert.equal(code, 1)
        assert.match(io.stderr.join('\n'), /Migration failed; the database was left unchanged/)
        const [probe] = await rows<{ good: string | null; same: string | null }>(
          t.database.db,
          sql`select to_regclass('migration_probe_good')::text as good, to_regclass('migration_probe_same_file')::text as same`,
        )
        assert.deepEqual(probe, { good: null, same: null })
        const afterCount = await rows<{ n: number }>(
          t.database.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
        assert.deepEqual(afterCount, before)
      } finally {
        await t.drop()
        await rm(folder, { recursive: true, force: true })
      }
    })

    it('backs up every row of every table and restores them into a fresh database', async () => {
      const db = source.deps.db
      await seedDemoOnce(source.deps, FEATURES, () => {})
      await source.createUser('restored@example.org', ['admin'])
      await inTransaction(db, (tx) =>
        source.deps.mail.enqueue(tx, source.deps.jobs, {
          to: 'a@example.org',
          subject: 'Sicherung',
          text: 'x',
        }),
      )
      await source.deps.jobs.enqueue(db, 'test.later', { n: 1 }, { runAt: new Date('2030-01-01T00:00:00Z') })
      const stored = await inTransaction(db, (tx) =>
        source.deps.files.store(
          tx,
          {
            bytes: Buffer.from('%PDF-1.4\n%%EOF\n'),
            originalName: 'anlage.pdf',
            createdBy: null,
            owner: 'press.attachment',
          },
          ['application/pdf'],
        ),
      )
      assert.ok(stored.ok)
      await db.execute(PROBE_TABLE)
      await db.execute(sql`insert into backup_probe (big, num, bytes, tags, nums, doc, at, day, ratio) values
        (9007199254740993, 12345678901234567890.123456789, '\\x00ff10'::bytea, array['a', 'b "c"', null, 'ü'],
         array[9223372036854775807]::bigint[], '{"x": [1, {"y": null}], "n": 1.10, "big": 123456789012345678901234567890}',
         '2026-11-25 12:34:56.123456+00', '2026-02-28', 0.1)`)
      await db.execute(sql`insert into backup_probe (big, parent_id) values (-1, 1)`)
      await db.execute(sql`insert into backup_probe (big) values (null)`)
      // The row with the highest id is deleted: the restored sequence must not hand out its id again.
      const maxId = (await rows<{ m: string }>(db, sql`select max(id)::text as m from backup_probe`))[0]!.m
      await db.execute(sql`delete from backup_probe where id = ${maxId}`)

      const expected = await snapshot(db)
      // Every table the backup must carry holds rows; a renamed table fails here instead of being skipped.
      for (const [table, atLeast] of [
        ['audit_log', 1],
        ['users', 2],
        ['stored_files', 1],
        ['press_releases', 1],
        ['funding_lines', 1],
      ] as const) {
        assert.ok(expected[table], `table ${table} exists`)
        assert.ok(expected[table].length >= atLeast, `${table} holds at least ${atLeast} row(s)`)
      }

      const file = path.join(backupDir, 'teilhabe.json.gz')
      const io = captureIo()
      assert.equal(
        await runCli(['backup', '--out', file], source.config, source.testDb.database, io),
        0,
        io.stderr.join('\n'),
      )
      assert.match(io.stdout.join('\n'), /Backup written to .*schema version \d+/)
      assert.equal((await stat(file)).mode & 0o777, 0o600, 'only the owner may read a backup')
      const doc = JSON.parse((await promisify(gunzip)(await readFile(file))).toString('utf8'))
      assert.equal(doc.format, 'teilhabe-backup')
      // The OParl read model is derived: left out, and built again by the restored installation.
      const names = (doc.tables as { name: string }[]).map((t) => t.name)
      assert.ok(names.includes('councils'))
      for (const derived of ['oparl_entries', 'oparl_index_state', 'oparl_version', 'rate_limit_hits'])
        assert.ok(!names.includes(derived), `${derived} is not backed up`)
      assert.equal(doc.files.directory, path.join(source.config.dataDir, 'files'))
      assert.equal(
        doc.schemaVersion,
        JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')).entries.length,
      )
      assert.ok(!doc.tables.some((t: { name: string }) => t.name === '__drizzle_migrations'))
      assert.deepEqual(
        doc.tables.map((t: { name: string }) => t.name).sort(),
        Object.keys(expected).sort(),
        'every table is in the backup',
      )

      const target = await createTestApp(kind)
      try {
        await target.deps.db.execute(PROBE_TABLE)
        const rio = captureIo()
        const code = await runCli(['restore', '--in', file], target.config, target.testDb.database, rio)
        assert.equal(code, 0, rio.stderr.join('\n'))
        // The bytes of the stored files travel inside the backup (stored_file_chunks): none is missing.
        assert.doesNotMatch(rio.stderr.join('\n'), /missing/, 'every stored file came back with the backup')
        assert.ok((expected.stored_file_chunks?.length ?? 0) > 0, 'the demo documents have their bytes')
        const tdb = target.deps.db
        const restored = await snapshot(tdb, ['system.restore'])
        for (const name of Object.keys(expected)) {
          assert.deepEqual(restored[name], expected[name], `table ${name}`)
        }
        const hash = async (d: Db) =>
          (await d.select().from(users).where(eq(users.email, 'restored@example.org')))[0]?.passwordHash
        assert.equal(await hash(tdb), await hash(db))

        // Sequences continue after the restored ids (also the deleted highest one).
        await tdb.execute(sql`insert into backup_probe (big) values (7)`)
        const id = (await rows<{ m: string }>(tdb, sql`select max(id)::text as m from backup_probe`))[0]!.m
        assert.ok(BigInt(id) > BigInt(maxId), `new id ${id} after ${maxId}`)
        const audit = await rows<{ id: string; action: string }>(
          tdb,
          sql`select a.id::text as id, a.action from audit_log a order by a.id desc limit 1`,
        )
        assert.equal(audit[0]?.action, 'system.restore')
        const prev = (
          await rows<{ m: string }>(
            db,
            sql`select max(id)::text as m from audit_log where action <> 'system.backup'`,
          )
        )[0]!.m
        assert.ok(BigInt(audit[0]!.id) > BigInt(prev), 'the audit log sequence continues')

        // The audit log is still append-only after a restore.
        await assert.rejects(
          tdb.execute(sql`update audit_log set action = 'changed'`),
          auditRefused('UPDATE'),
        )
        await assert.rejects(tdb.execute(sql`delete from audit_log`), auditRefused('DELETE'))
        await assert.rejects(tdb.execute(sql`truncate audit_log`), auditRefused('TRUNCATE'))

        // And a second restore into the now filled database is refused, changing nothing.
        const before = await snapshot(tdb)
        const again = captureIo()
        assert.equal(await runCli(['restore', '--in', file], target.config, target.testDb.database, again), 1)
        assert.match(again.stderr.join('\n'), /not empty \(tables with rows: .*users/)
        assert.deepEqual(await snapshot(tdb), before)
      } finally {
        await target.close()
      }
    })

    it('refuses a backup of another schema version or a file that is no backup', async () => {
      const target = await createTestApp(kind)
      try {
        const file = path.join(backupDir, 'other-version.json.gz')
        const doc = {
          format: 'teilhabe-backup',
          formatVersion: 1,
          schemaVersion: 999,
          createdAt: new Date().toISOString(),
          files: { directory: '/x', count: 0, note: '' },
          sequences: [],
          tables: [],
        }
        await writeFile(file, await promisify(gzip)(JSON.stringify(doc)))
        const io = captureIo()
        assert.equal(await runCli(['restore', '--in', file], target.config, target.testDb.database, io), 1)
        assert.match(io.stderr.join('\n'), /schema version 999/)
        const junk = path.join(backupDir, 'junk.gz')
        await writeFile(junk, 'not gzip')
        const jio = captureIo()
        assert.equal(await runCli(['restore', '--in', junk], target.config, target.testDb.database, jio), 1)
        assert.match(jio.stderr.join('\n'), /not a readable Teilhabe backup/)
        const uio = captureIo()
        assert.equal(await runCli(['backup'], target.config, target.testDb.database, uio), 64)
      } finally {
        await target.close()
      }
    })

    it('exits non-zero as a real process for an unknown command and a failed create-user', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-cli-'))
      const t = kind === 'postgres' ? await openTestDatabase(kind) : undefined
      try {
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          ...(t?.url ? { DATABASE_URL: t.url } : {}),
        }
        const run = (args: string[]) =>
          new Promise<{ code: number | null; out: string }>((resolve) => {
            // The running Node (24), never whichever `node` comes first on PATH.
            const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
              cwd: root,
              env,
              stdio: ['ignore', 'pipe', 'pipe'],
            })
            let out = ''
            child.stdout.on('data', (d) => {
              out += d
            })
            child.stderr.on('data', (d) => {
              out += d
            })
            child.on('exit', (code) => resolve({ code, out }))
          })
        const unknown = await run(['frobnicate'])
        assert.equal(unknown.code, 64)
        assert.match(unknown.out, /Usage: npm run cli/)
        const badRole = await run(['create-user', '--email', 'p@example.org', '--role', 'kaiser'])
        assert.notEqual(badRole.code, 0)
        assert.equal(badRole.code, 1, badRole.out)
        assert.match(badRole.out, /Unknown role: kaiser\. Known roles:/)
        const ok = await run(['create-user', '--email', 'p@example.org', '--role', 'admin'])
        assert.equal(ok.code, 0, ok.out)
        assert.match(ok.out, /Password: \S{16,}/)
      } finally {
        await t?.drop()
        await rm(dataDir, { recursive: true, force: true })
      }
    })
  })
}
