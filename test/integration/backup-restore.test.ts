/**
 * The restore drill of docs/operations.md, with files, from each database to each (PGlite and
 * PostgreSQL): files are uploaded through HTTP, `backup` is taken while the app runs (the files'
 * bytes inside), `restore` fills a new empty database, and then every row of every table is
 * identical, every stored file is byte-identical, and the restored installation serves the files again.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { FEATURES } from '../../src/app'
import { runCli } from '../../src/cli'
import type { Db } from '../../src/platform/db'
import type { CliIo } from '../../src/platform/feature'
import { FileStore } from '../../src/platform/files'
import { storedFileChunks, storedFiles } from '../../src/platform/files/tables'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

const rows = async <T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(q)) as unknown as { rows: T[] }).rows

/**
 * Every row of every table but the derived ones (read models the installation builds again), as
 * PostgreSQL prints it, sorted (the audit entries of backup and restore
 * themselves left out: they are written after the snapshot and after the restore). Generated columns
 * are left out too: the restoring database computes them again (a search vector's stems depend on the
 * server's text-search dictionaries, which differ between PostgreSQL versions).
 */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> '__drizzle_migrations'
          and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'derived:%' order by 1`,
  )
  const generated = await rows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and is_generated = 'ALWAYS'`,
  )
  const out: Record<string, string[]> = {}
  for (const { name } of tables) {
    const where =
      name === 'audit_log' ? sql` where t.action not in ('system.backup', 'system.restore')` : sql``
    const r = await rows<{ j: string }>(
      db,
      sql`select row_to_json(t)::text as j from ${sql.raw(`"${name}"`)} t${where}`,
    )
    const drop = generated.filter((g) => g.t === name).map((g) => g.c)
    out[name] = r
      .map((x) => {
        if (!drop.length) return x.j
        const row = JSON.parse(x.j) as Record<string, unknown>
        for (const c of drop) delete row[c]
        return JSON.stringify(row)
      })
      .sort()
  }
  return out
}

/** Which column of which row differs (for a readable failure). */
function firstDifference(actual: string[] = [], expected: string[] = []): string {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (actual[i] === expected[i]) continue
    const a = JSON.parse(actual[i] ?? '{}') as Record<string, unknown>
    const e = JSON.parse(expected[i] ?? '{}') as Record<string, unknown>
    const col = Object.keys({ ...a, ...e }).find((k) => JSON.stringify(a[k]) !== JSON.stringify(e[k]))
    return `row ${i}, column ${col}: ${JSON.stringify(a[col ?? '']).slice(0, 300)} ≠ ${JSON.stringify(e[col ?? '']).slice(0, 300)}`
  }
  return 'same'
}

/** sha256 → bytes of every stored file, put together from its chunks. */
async function filesIn(db: Db): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const { sha256 } of await db
    .selectDistinct({ sha256: storedFileChunks.sha256 })
    .from(storedFileChunks))
    out.set(sha256, await new FileStore(db, 1).read(sha256))
  return out
}

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) }
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
)

const kinds = dbKinds()
for (const from of kinds) {
  for (const to of kinds) {
    describe(`backup and restore with files, ${from} → ${to}`, () => {
      const open: TestApp[] = []
      const dirs: string[] = []
      after(async () => {
        for (const t of open) await t.close()
        for (const d of dirs) await rm(d, { recursive: true, force: true })
      })

      it('restores every row and every stored byte, and the restored installation serves the files', async () => {
        const source = await createTestApp(from)
        open.push(source)
        await seedDemoOnce(source.deps, FEATURES, () => {})
        await source.createUser('press@example.org', ['press'])
        const press = new Client(source.app)
        await press.signIn('press@example.org')
        const created = await press.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
          title: 'Sicherung mit Anlagen',
          body: 'Umlaute äöü, ein Emoji 🌍 und eine Anlage.',
        })
        assert.equal(created.statusCode, 303)
        const releaseId = /([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!
        // Two uploads through HTTP: an image and a PDF with every byte value.
        const pdf = Buffer.concat([
          Buffer.from('%PDF-1.4\n% '),
          Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
          Buffer.from('\n%%EOF\n'),
        ])
        for (const [name, bytes, type] of [
          ['bild.png', PNG, 'image/png'],
          ['alle-bytes.pdf', pdf, 'application/pdf'],
        ] as const) {
          const token = await press.csrfToken(`/presse/redaktion/${releaseId}`)
          const form = new FormData()
          form.set('_csrf', token)
          form.set('fileTitle', name)
          form.set('file', new Blob([bytes], { type }), name)
          const req = new Request('http://x/', { method: 'POST', body: form })
          const res = await source.app.inject({
            method: 'POST',
            url: `/presse/redaktion/${releaseId}/anhaenge`,
            payload: Buffer.from(await req.arrayBuffer()),
            headers: {
              'content-type': req.headers.get('content-type')!,
              cookie: [...press.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              'x-csrf-token': token,
            },
          })
          assert.equal(res.statusCode, 303, res.body.slice(0, 300))
        }
        const before = await filesIn(source.deps.db)
        assert.ok(before.size >= 3, `files in the database: ${before.size}`)

        // The drill: backup while running (the files' bytes are inside).
        const backupDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-drill-'))
        dirs.push(backupDir)
        const file = path.join(backupDir, 'teilhabe.json.gz')
        const b = io()
        assert.equal(await runCli(['backup', '--out', file], source.config, source.testDb.database, b), 0)
        const expected = await snapshot(source.deps.db)

        const target = await createTestApp(to)
        open.push(target)
        const r = io()
        const code = await runCli(['restore', '--in', file], target.config, target.testDb.database, r)
        assert.equal(code, 0, r.stderr.join('\n'))
        assert.doesNotMatch(r.stderr.join('\n'), /missing/, 'every stored file is in place')

        const restored = await snapshot(target.deps.db)
        assert.deepEqual(Object.keys(restored), Object.keys(expected))
        for (const name of Object.keys(expected))
          assert.deepEqual(
            restored[name],
            expected[name],
            `table ${name}: ${firstDifference(restored[name], expected[name])}`,
          )

        const after = await filesIn(target.deps.db)
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort())
        for (const [sha, bytes] of before) {
          assert.ok(after.get(sha)?.equals(bytes), `bytes of ${sha}`)
          assert.equal(createHash('sha256').update(bytes).digest('hex'), sha)
        }

        // The restored installation serves the uploads byte for byte (the same URL as before).
        const uploads = await target.deps.db.select().from(storedFiles)
        const press2 = new Client(target.app)
        await press2.signIn('press@example.org')
        for (const [name, bytes] of [
          ['bild.png', PNG],
          ['alle-bytes.pdf', pdf],
        ] as const) {
          const row = uploads.find((u) => u.originalName === name)
          assert.ok(row, name)
          const res = await press2.get(`/dateien/${row.id}/${name}`)
          assert.equal(res.statusCode, 200)
          assert.ok(res.rawPayload.equals(bytes), `download of ${name}`)
        }
      })
    })
  }
}
