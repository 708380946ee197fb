/**
 * Faults: the real server (src/server.ts on this run's Node) is killed with SIGKILL in the middle of
 * writes of every kind sent through HTTP (a press release with its revision, an account with its
 * invitation mail, an uploaded file, a meeting), on PGlite and on PostgreSQL. Afterwards it must start
 * again, every acknowledged write must be there and nothing half-written (a release without
 * revision, a file row without its bytes, an account without its mail or audit entry); the job
 * scheduler resumes and the outbox delivers every mail exactly once or marks it failed.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import pg from 'pg'
import { councils } from '../../src/features/councils/tables'
import { pressAttachments, pressReleases, pressRevisions } from '../../src/features/press/tables'
import { auditLog } from '../../src/platform/audit/tables'
import { users } from '../../src/platform/auth/tables'
import { type Database, openDatabase } from '../../src/platform/db'
import { FileStore } from '../../src/platform/files'
import { storedFiles } from '../../src/platform/files/tables'
import { jobs } from '../../src/platform/jobs/tables'
import { mailOutbox } from '../../src/platform/mail/tables'
import { dbKinds, withDatabase } from '../helpers/db'
import {
  freePort,
  HttpClient,
  type ServerProcess,
  startServer,
  waitForOutput,
} from '../helpers/server-process'
import { TestSmtpServer } from '../helpers/smtp'

const RUNNING = /Teilhabe is running at/

function pdf(n: string): Blob {
  return new Blob([`%PDF-1.4\n% ${n}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`], {
    type: 'application/pdf',
  })
}

async function sha256(blob: Blob): Promise<string> {
  return createHash('sha256')
    .update(Buffer.from(await blob.arrayBuffer()))
    .digest('hex')
}

/** Waits until the SMTP server has received nothing new for `quietMs`. */
async function mailSettled(smtp: TestSmtpServer, quietMs = 2500, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs
  let last = -1
  let since = Date.now()
  while (Date.now() < until) {
    if (smtp.received.length !== last) {
      last = smtp.received.length
      since = Date.now()
    } else if (Date.now() - since >= quietMs) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

for (const kind of dbKinds()) {
  describe(`kill -9 during writes (${kind})`, () => {
    let dataDir: string
    let databaseUrl: string | undefined
    let dbName: string | undefined
    const smtp = new TestSmtpServer()
    let env: Record<string, string>
    const running: ServerProcess[] = []

    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-crash-'))
      const smtpUrl = await smtp.listen()
      env = { DATA_DIR: dataDir, SMTP_URL: smtpUrl, MAIL_FROM: 'Teilhabe <noreply@teilhabe.example>' }
      if (kind === 'postgres') {
        const base = process.env.TEST_DATABASE_URL!
        dbName = `teilhabe_crash_${randomBytes(5).toString('hex')}`
        const admin = new pg.Client({ connectionString: base })
        await admin.connect()
        await admin.query(`create database ${dbName}`)
        await admin.end()
        databaseUrl = withDatabase(base, dbName)
        env.DATABASE_URL = databaseUrl
      }
    })
    after(async () => {
      for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL')
      await smtp.close()
      if (dbName) {
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
        await admin.connect()
        // pool.end() resolves before the test's own clients have said goodbye; a forced drop would
        // terminate them mid-way (an uncaught error in this process). Wait until they have left.
        for (let i = 0; i < 250; i++) {
          const r = await admin.query(
            'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [dbName],
          )
          if ((r.rows[0] as { n: number }).n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        await admin.query(`drop database if exists ${dbName} with (force)`)
        await admin.end()
      }
      await rm(dataDir, { recursive: true, force: true })
    })

    // The embedded database's lock holds the owner's pid, host and start time: a lock left by a
    // killed process is taken over at once, with a message saying so (issue 11, finding 11), where it
    // used to be refused until it was 15 s old.
    const TAKEN_OVER =
      /locked by Teilhabe process pid \d+ \(started [^)]+\), which is no longer running; taking the lock over/
    /**
     * A restart after kill -9 must not be refused (exit 75) or wait: the first start right after the
     * kill gets the lock. Its time is the server's boot (tsx, the database), which took up to 17 s on
     * a heavily loaded test machine, so the bound only guards against a hang.
     */
    const RESTART_MS = 60_000

    /** Opens the database from the test; on PGlite, whether it took over a dead process's lock. */
    const open = async (): Promise<{ database: Database; tookOver: boolean }> => {
      let tookOver = false
      const database = await openDatabase(
        databaseUrl
          ? { url: databaseUrl }
          : {
              pgliteDir: dataDir,
              onStaleLock: (m) => {
                tookOver = TAKEN_OVER.test(m)
              },
            },
      )
      return { database, tookOver }
    }

    async function start(): Promise<ServerProcess> {
      const s = startServer(await freePort(), env)
      running.push(s)
      return s
    }

    /**
     * Starts the server again after a kill -9: on the first attempt, without waiting for the killed
     * process's lock to go stale (a refused start exits 75); on PGlite it says that it took over the
     * lock of that process.
     */
    async function restart(afterKill = true): Promise<ServerProcess> {
      const t0 = Date.now()
      const s = await start()
      await Promise.race([
        waitForOutput(s, RUNNING, RESTART_MS),
        s.exited.then((code) => {
          throw new Error(`restart refused (exit ${code}): ${s.output()}`)
        }),
      ])
      const ms = Date.now() - t0
      assert.ok(ms < RESTART_MS, `restart took ${ms} ms: ${s.output()}`)
      if (kind === 'pglite' && afterKill) assert.match(s.output(), TAKEN_OVER)
      return s
    }

    async function stop(s: ServerProcess) {
      s.child.kill('SIGTERM')
      assert.equal(await s.exited, 0, s.output())
    }

    /** A worker killed while running a job leaves it locked; the next start takes it over after
     *  STALE_LOCK_MS. Let that time pass (the lock ages), then let a fresh process finish the work. */
    async function resumeStaleJobs(): Promise<void> {
      const { database: db, tookOver } = await open()
      // The second process was killed: its lock is taken over at once by the test's own open.
      if (kind === 'pglite') assert.ok(tookOver, 'the lock of the killed process was not taken over')
      await db.db
        .update(jobs)
        .set({ lockedAt: sql`now() - interval '11 minutes'` })
        .where(eq(jobs.status, 'running'))
      await db.close()
      const s = await restart(false)
      await mailSettled(smtp)
      await stop(s)
    }

    it('keeps every acknowledged write and no half-written one, resumes its jobs, sends each mail once or marks it failed', async () => {
      const first = await start()
      const demoPassword = (await waitForOutput(first, /Demo admin: \S+ {2}password: (\S+)/))[1]!
      await waitForOutput(first, RUNNING)
      const admin = new HttpClient(first.url)
      await admin.signIn('admin@teilhabe.example', demoPassword)
      const token = await admin.token('/presse/redaktion/neu')
      const created = await admin.post('/presse/redaktion/neu', token, {
        title: 'Anlagenträger',
        body: 'Text.',
      })
      assert.equal(created.status, 303)
      const releaseId = /\/presse\/redaktion\/([0-9a-f-]{36})/.exec(
        created.headers.get('location') ?? '',
      )![1]!
      const bodies = JSON.parse((await admin.get('/oparl/v1/bodies')).text) as { data: { id: string }[] }
      const councilId = bodies.data[0]!.id.split('/').pop()!

      const acked = {
        releases: [] as string[],
        accounts: [] as string[],
        files: [] as string[],
        meetings: [] as string[],
      }
      let stopped = false
      let n = 0
      const loop = async (write: (i: number) => Promise<void>) => {
        while (!stopped) {
          try {
            await write(++n)
          } catch {
            return // the connection died with the process: that write's outcome is unknown
          }
        }
      }
      const writers = [
        loop(async (i) => {
          const title = `Absturz ${i}`
          const r = await admin.post('/presse/redaktion/neu', token, { title, body: `Meldung ${i}.` })
          if (r.status === 303) acked.releases.push(title)
        }),
        loop(async (i) => {
          const email = `absturz-${i}@example.org`
          const r = await admin.post('/verwaltung/konten/neu', token, {
            email,
            displayName: `Konto ${i}`,
            roles: 'press',
          })
          if (r.status === 303) acked.accounts.push(email)
        }),
        loop(async (i) => {
          const file = pdf(`Anlage ${i}`)
          const form = new FormData()
          form.set('fileTitle', `Anlage ${i}`)
          form.set('file', file, `anlage-${i}.pdf`)
          const r = await admin.post(`/presse/redaktion/${releaseId}/anhaenge`, token, form)
          if (r.status === 303) acked.files.push(await sha256(file))
        }),
        loop(async (i) => {
          const title = `Sitzung ${i}`
          const day = String((i % 27) + 1).padStart(2, '0')
          const r = await admin.post(`/verwaltung/beiraete/${councilId}/sitzungen`, token, {
            title,
            startsAt: `2027-03-${day}T18:00`,
          })
          if (r.status === 303) acked.meetings.push(title)
        }),
      ]
      // Let every kind be acknowledged a few times, then kill it in the middle of the next ones.
      const until = Date.now() + 60_000
      while (Object.values(acked).some((list) => list.length < 3) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20))
      for (const [k, list] of Object.entries(acked)) assert.ok(list.length >= 3, `${k}: ${first.output()}`)
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 250))
      first.child.kill('SIGKILL')
      await first.exited
      stopped = true
      await Promise.all(writers)

      // The second process finds what the first left, and is killed itself once the SMTP server has the
      // whole mail, before its acceptance reaches the sender (so it cannot have recorded it).
      const second = await restart()
      await mailSettled(smtp)
      const client = new HttpClient(second.url)
      await client.signIn('admin@teilhabe.example', demoPassword)
      const before = smtp.received.length
      const between = 'zwischen@example.org'
      smtp.onMessage = (m) => {
        if (m.to.some((to) => to.includes(between))) second.child.kill('SIGKILL')
      }
      const r = await client.post('/verwaltung/konten/neu', await client.token('/verwaltung/konten/neu'), {
        email: between,
        displayName: 'Zwischen',
        roles: 'press',
      })
      assert.equal(r.status, 303)
      await second.exited
      smtp.onMessage = undefined
      assert.ok(smtp.received.length > before)
      await resumeStaleJobs()

      const { database } = await open()
      const db = database.db
      try {
        const titles = new Set(
          (await db.select({ t: pressReleases.title }).from(pressReleases)).map((r) => r.t),
        )
        for (const t of acked.releases) assert.ok(titles.has(t), `acknowledged release lost: ${t}`)
        const withoutRevision = await db.execute(
          sql`select r.title from ${pressReleases} r where not exists (select 1 from ${pressRevisions} v where v.release_id = r.id)`,
        )
        assert.deepEqual((withoutRevision as { rows: unknown[] }).rows, [], 'releases without a revision')
        const releaseAudit = await db.execute(
          sql`select r.title from ${pressReleases} r where not exists (select 1 from ${auditLog} a where a.entity_id = r.id::text)`,
        )
        assert.deepEqual((releaseAudit as { rows: unknown[] }).rows, [], 'releases without an audit entry')

        const accounts = await db.select({ id: users.id, email: users.email }).from(users)
        const emails = new Set(accounts.map((a) => a.email))
        for (const e of acked.accounts) assert.ok(emails.has(e), `acknowledged account lost: ${e}`)
        const mails = await db.select().from(mailOutbox)
        for (const a of accounts.filter((x) => x.email.startsWith('absturz-'))) {
          assert.ok(
            mails.some((m) => m.to === a.email),
            `account ${a.email} without its invitation mail`,
          )
          const audited = await db.select().from(auditLog).where(eq(auditLog.entityId, a.id))
          assert.ok(audited.length > 0, `account ${a.email} without an audit entry`)
        }

        const files = await db.select().from(storedFiles)
        const shas = new Set(files.map((f) => f.sha256))
        for (const s of acked.files) assert.ok(shas.has(s), `acknowledged upload lost: ${s}`)
        // The bytes live in the database with their row (platform/files), written in the same transaction.
        const store = new FileStore(db, Number.MAX_SAFE_INTEGER)
        for (const f of files) {
          const bytes = await store.read(f.sha256)
          assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, `stored bytes of ${f.id}`)
        }
        const attachments = await db.select().from(pressAttachments)
        for (const a of attachments)
          assert.ok(
            files.some((f) => f.id === a.fileId),
            `attachment ${a.id} without file`,
          )

        const meetingRows = await db.execute(sql`select title from meetings`)
        const meetingTitles = new Set((meetingRows as { rows: { title: string }[] }).rows.map((r) => r.title))
        for (const t of acked.meetings) assert.ok(meetingTitles.has(t), `acknowledged meeting lost: ${t}`)

        // Every mail was delivered exactly once, or marked failed (never twice, never silently queued).
        // One address may receive several mails (the demo's reminders): per address, the deliveries are
        // the mails marked sent, plus at most one for each marked failed.
        for (const m of mails)
          assert.ok(['sent', 'failed'].includes(m.status), `mail to ${m.to} is ${m.status}`)
        for (const address of new Set(mails.map((m) => m.to))) {
          // The exact address (kulturverein@… contains verein@…).
          const delivered = smtp.received.filter((r) =>
            r.to.some((to) => to.replace(/[<>\s]/g, '') === address),
          ).length
          const sent = mails.filter((m) => m.to === address && m.status === 'sent').length
          const failed = mails.filter((m) => m.to === address && m.status === 'failed').length
          assert.ok(
            delivered >= sent && delivered <= sent + failed,
            `mails to ${address}: ${sent} sent, ${failed} failed, delivered ${delivered} times`,
          )
        }
        const pendingJobs = await db
          .select()
          .from(jobs)
          .where(
            sql`${jobs.status} in ('running') or (${jobs.status} = 'pending' and ${jobs.kind} = 'mail.send')`,
          )
        assert.deepEqual(
          pendingJobs.map((j) => j.kind),
          [],
          'jobs left behind',
        )
        assert.ok((await db.select().from(councils)).length > 0)
        // The mail accepted just before the kill: delivered once and marked failed (it may have arrived).
        const [interrupted] = mails.filter((m) => m.to === between)
        assert.equal(interrupted?.status, 'failed')
        assert.match(interrupted?.lastError ?? '', /interrupted while being sent/)
      } finally {
        await database.close()
      }
    })
  })
}
