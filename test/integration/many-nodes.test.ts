/**
 * Issue 17, "many nodes, no shared disk": three app processes exactly as `npm start` runs them
 * (src/server.ts), each on its own port and its own empty DATA_DIR, on one PostgreSQL database made
 * for this test on the shared server (TEST_DATABASE_URL). Runs on the PostgreSQL tier only: PGlite is
 * one process by design (a second process on its DATA_DIR is refused, test/integration/server.test.ts).
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { CLI_ACTOR } from '../../src/platform/audit'
import { PASSWORD_RESET_JOB } from '../../src/platform/auth/password-links'
import { createUser } from '../../src/platform/auth/users'
import { newKeyFileContent } from '../../src/platform/crypto'
import { openDatabase } from '../../src/platform/db'
import { withDatabase } from '../helpers/db'
import {
  freePort,
  HttpClient,
  type ServerProcess,
  startServer,
  waitForOutput,
} from '../helpers/server-process'

const base = process.env.TEST_DATABASE_URL
const PASSWORD = 'correct horse battery staple'
const EMAIL = 'redaktion@example.org'
const LIMIT = 8

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% '), randomBytes(64 * 1024), Buffer.from('\n%%EOF\n')])

async function until<T>(what: string, get: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await get()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

if (base) {
  describe('three app processes on one PostgreSQL database', () => {
    const name = `teilhabe_nodes_${randomBytes(5).toString('hex')}`
    const url = withDatabase(base, name)
    const dirs: string[] = []
    const nodes: ServerProcess[] = []
    let sql: pg.Client
    let A: ServerProcess
    let B: ServerProcess
    let C: ServerProcess

    before(async () => {
      const admin = new pg.Client({ connectionString: base })
      await admin.connect()
      const template = process.env.TEILHABE_PG_TEMPLATE
      await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
      await admin.end()
      // The test arranges one press officer; the nodes migrate (under the advisory lock) on start.
      const db = await openDatabase({ url })
      await db.migrate()
      const created = await createUser(
        db.db,
        CLI_ACTOR,
        { email: EMAIL, displayName: 'Redaktion', password: PASSWORD, roles: ['press'] },
        new Set(['press']),
      )
      assert.ok(created.ok)
      await db.close()
      // One key file for every node, as the operator deploys it (docs/scaling.md).
      const keys = await mkdtemp(path.join(tmpdir(), 'teilhabe-keys-'))
      dirs.push(keys)
      await writeFile(path.join(keys, 'case-keys.json'), newKeyFileContent(), { mode: 0o600 })
      const ports = await Promise.all([freePort(), freePort(), freePort()])
      for (const port of ports) {
        const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-node-'))
        dirs.push(dataDir)
        nodes.push(
          startServer(port, {
            DATABASE_URL: url,
            DATA_DIR: dataDir,
            CASE_KEY_FILE: path.join(keys, 'case-keys.json'),
            DEMO_DATA: 'false',
            RATE_LIMIT_PER_MINUTE: String(LIMIT),
          }),
        )
      }
      ;[A, B, C] = nodes as [ServerProcess, ServerProcess, ServerProcess]
      await Promise.all(nodes.map((n) => waitForOutput(n, /Teilhabe is running at/, 180_000)))
      sql = new pg.Client({ connectionString: url })
      await sql.connect()
    })

    after(async () => {
      await sql?.end()
      for (const n of nodes) n.child.kill('SIGTERM')
      await Promise.all(nodes.map((n) => n.exited))
      const admin = new pg.Client({ connectionString: base })
      await admin.connect()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
      for (const d of dirs) await rm(d, { recursive: true, force: true })
    })

    let releaseId: string
    let slug: string
    const staff = () => new HttpClient(A!.url)
    let editor: HttpClient

    it('a file uploaded through node A downloads from node C (and B), byte for byte', async () => {
      editor = staff()
      await editor.signIn(EMAIL, PASSWORD)
      let token = await editor.token('/presse/redaktion/neu')
      const created = await editor.post('/presse/redaktion/neu', token, {
        title: 'Drei Knoten, eine Datenbank',
        body: 'Erste Fassung.',
      })
      assert.equal(created.status, 303)
      releaseId = /([0-9a-f-]{36})/.exec(String(created.headers.get('location')))![1]!
      token = await editor.token(`/presse/redaktion/${releaseId}`)
      const form = new FormData()
      form.set('fileTitle', 'Anlage')
      form.set('file', new Blob([PDF], { type: 'application/pdf' }), 'anlage.pdf')
      const uploaded = await editor.post(`/presse/redaktion/${releaseId}/anhaenge`, token, form)
      assert.equal(uploaded.status, 303)
      token = await editor.token(`/presse/redaktion/${releaseId}`)
      const published = await editor.post(`/presse/redaktion/${releaseId}/status`, token, {
        action: 'publish',
        confirm: 'ja',
      })
      assert.equal(published.status, 303)
      const [file] = (await sql.query('select id, original_name from stored_files')).rows as {
        id: string
        original_name: string
      }[]
      assert.ok(file)
      for (const node of [C!, B!]) {
        const res: Response = await fetch(`${node.url}/dateien/${file.id}/${file.original_name}`)
        assert.equal(res.status, 200, `download from ${node.url}`)
        assert.ok(Buffer.from(await res.arrayBuffer()).equals(PDF), `bytes from ${node.url}`)
      }
    })

    it('an edit through node A changes the page node B has cached, at once', async () => {
      slug = (await sql.query('select slug from press_releases where id = $1', [releaseId])).rows[0].slug
      const page = async () => (await fetch(`${B!.url}/presse/${slug}`)).text()
      assert.match(await page(), /Drei Knoten, eine Datenbank/)
      // B serves it from its cache: a change behind the app's back (no use case) is not seen.
      await sql.query(`update press_releases set title = 'Hinter dem Rücken' where id = $1`, [releaseId])
      assert.match(await page(), /Drei Knoten, eine Datenbank/, 'B answered from its cache')
      const version = (await sql.query('select version from press_releases where id = $1', [releaseId]))
        .rows[0].version
      const token = await editor.token(`/presse/redaktion/${releaseId}`)
      const saved = await editor.post(`/presse/redaktion/${releaseId}`, token, {
        title: 'Zweite Fassung aus Knoten A',
        body: 'Geändert.',
        version: String(version),
      })
      assert.equal(saved.status, 303)
      const started = Date.now()
      const fresh = await until('B shows the edit', async () =>
        /Zweite Fassung aus Knoten A/.test(await page()) ? Date.now() - started : undefined,
      )
      // The notification's trip: milliseconds on a quiet machine; 2 s of room for a busy one.
      assert.ok(fresh < 2000, `B showed the edit after ${fresh} ms`)
      assert.match(await (await fetch(`${C!.url}/presse/${slug}`)).text(), /Zweite Fassung aus Knoten A/)
    })

    it('a rate limit is counted across the nodes', async () => {
      const statuses: number[] = []
      for (let i = 0; i < LIMIT + 2; i++) {
        const node = nodes[i % 3]!
        const res = await fetch(`${node.url}/abmelden`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: node.url },
          body: '_csrf=x',
          redirect: 'manual',
        })
        await res.arrayBuffer()
        statuses.push(res.status)
      }
      // LIMIT requests spread over three nodes are let through (to the CSRF check); the next are refused.
      assert.deepEqual(
        statuses.map((s) => s === 429),
        [...Array(LIMIT).fill(false), true, true],
        `statuses: ${statuses.join(' ')}`,
      )
    })

    it('the lock-out after wrong receipt codes is counted across the nodes', async () => {
      // Five wrong codes from one address, spread over A, B and C: the sixth try is refused on every
      // node (counted per node, each would still allow five of its own).
      const clients = nodes.map((n) => new HttpClient(n.url))
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const c = clients[i % 3]!
        const token = await c.token('/melden/antwort')
        statuses.push((await c.post('/melden/antwort', token, { code: '1111 2222 3333 4444' })).status)
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429])
      // Eight posts in all: within the route's rate limit (LIMIT), so each 429 is the lock-out's.
      for (const c of clients.slice(0, 2)) {
        const token = await c.token('/melden/antwort')
        assert.equal((await c.post('/melden/antwort', token, { code: '5555 6666 7777 8888' })).status, 429)
      }
    })

    it('a job runs once, though three nodes poll the queue', async () => {
      const n = 30
      const ids = (
        await sql.query(
          `insert into jobs (kind, payload) select $1, jsonb_build_object('email', $2::text, 'ip', 'node-test-' || g)
           from generate_series(1, $3) g returning id`,
          [PASSWORD_RESET_JOB, EMAIL, n],
        )
      ).rows.map((r: { id: string }) => r.id)
      await until('all jobs done', async () => {
        const r = await sql.query(
          `select count(*)::int as n from jobs where id = any($1) and status = 'done'`,
          [ids],
        )
        return r.rows[0].n === n ? true : undefined
      })
      const attempts = await sql.query(`select attempts from jobs where id = any($1)`, [ids])
      assert.deepEqual(
        attempts.rows.map((r: { attempts: number }) => r.attempts),
        Array(n).fill(1),
      )
      const runs = await sql.query(
        `select count(*)::int as n from audit_log where action = 'user.password_reset_request' and ip like 'node-test-%'`,
      )
      assert.equal(runs.rows[0].n, n, 'each job did its work exactly once')
      const mails = await sql.query(`select count(*)::int as n from mail_outbox where "to" = $1`, [EMAIL])
      assert.equal(mails.rows[0].n, n)
    })
  })
}
