import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { importPressReleaseCommand } from '../../src/features/press/cli'
import { findAnyBySlug } from '../../src/features/press/queries'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { IMPORT_FIXTURE_FILE } from '../helpers/fixtures'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } }
}

for (const kind of dbKinds()) {
  describe(`import-press-release (${kind})`, () => {
    let t: TestApp
    let dir: string
    before(async () => {
      t = await createTestApp(kind)
      dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-press-cli-'))
    })
    after(async () => {
      await t.close()
      await rm(dir, { recursive: true, force: true })
    })

    it('creates a draft by default and refuses a second import of the same release', async () => {
      const a = io()
      assert.equal(
        await importPressReleaseCommand.run(t.deps, { flags: {}, positionals: [IMPORT_FIXTURE_FILE] }, a.io),
        0,
      )
      assert.match(
        a.out[0]!,
        /^Draft created: http:\/\/localhost:3000\/presse\/staatssekretaer-kai-klose-bei-plenarsitzung-der-auslaenderbeiraete-hessen$/,
      )
      const detail = await findAnyBySlug(
        t.deps.db,
        'staatssekretaer-kai-klose-bei-plenarsitzung-der-auslaenderbeiraete-hessen',
      )
      assert.equal(detail?.release.status, 'draft')
      assert.equal(detail?.release.readingMinutes, 2)
      assert.equal(detail?.release.dateline, 'Breuberg-Neustadt')
      assert.equal(detail?.contact?.postalCode, '65193')
      assert.equal((await t.app.inject(`/presse/${detail!.release.slug}`)).statusCode, 404)
      const b = io()
      assert.equal(
        await importPressReleaseCommand.run(
          t.deps,
          { flags: { publish: ['true'] }, positionals: [IMPORT_FIXTURE_FILE] },
          b.io,
        ),
        1,
      )
      assert.match(b.err[0]!, /Already imported/)
    })

    it('publishes with --publish and a date, and explains bad arguments', async () => {
      const file = path.join(dir, 'kurz.txt')
      await writeFile(
        file,
        'Kurze Meldung\n\nUntertitel\n\nWiesbaden. Ein Satz.\n\nKontakt für Pressevertreter\n\nErika Muster\nMinisterium\nE-Mail: presse@example.org\n\nDownloads\n',
      )
      const a = io()
      assert.equal(
        await importPressReleaseCommand.run(
          t.deps,
          { flags: { publish: ['true'], date: ['2024-05-02'] }, positionals: [file] },
          a.io,
        ),
        0,
      )
      const page = await t.app.inject('/presse/kurze-meldung')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /2\. Mai 2024/)
      assert.match(page.body, /presse@example\.org/)
      const c = io()
      assert.equal(await importPressReleaseCommand.run(t.deps, { flags: {}, positionals: [] }, c.io), 64)
      assert.equal(
        await importPressReleaseCommand.run(
          t.deps,
          { flags: {}, positionals: [path.join(dir, 'fehlt.txt')] },
          c.io,
        ),
        66,
      )
      assert.equal(
        await importPressReleaseCommand.run(t.deps, { flags: { topic: ['nix'] }, positionals: [file] }, c.io),
        65,
      )
      assert.equal(
        await importPressReleaseCommand.run(
          t.deps,
          { flags: { date: ['gestern'] }, positionals: [file] },
          c.io,
        ),
        64,
      )
      const empty = path.join(dir, 'leer.txt')
      await writeFile(empty, '\n\n')
      assert.equal(await importPressReleaseCommand.run(t.deps, { flags: {}, positionals: [empty] }, c.io), 65)
      assert.match(c.err.join('\n'), /Unknown topic: nix/)
    })

    if (kind === 'postgres') {
      it('runs as `npm run cli -- import-press-release FILE --publish` and publishes', async () => {
        const file = path.join(dir, 'prozess.txt')
        await writeFile(
          file,
          'Meldung aus dem Prozess\n\nUntertitel\n\nWiesbaden. Ein Satz über die Einbürgerungsfeier.\n\nKontakt für Pressevertreter\n\nErika Muster\nMinisterium\nE-Mail: presse@example.org\n\nDownloads\n',
        )
        const cli = (args: string[]) =>
          run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import-press-release', ...args], {
            cwd: root,
            env: { ...process.env, DATABASE_URL: t.testDb.url!, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
          }).then(
            (r) => ({ code: 0, out: `${r.stdout}${r.stderr}` }),
            (e: { stdout: string; stderr: string; code: number }) => ({
              code: e.code,
              out: `${e.stdout}${e.stderr}`,
            }),
          )
        const published = await cli([file, '--publish'])
        assert.equal(published.code, 0, published.out)
        assert.match(published.out, /^Published: http:\/\/localhost:3000\/presse\/meldung-aus-dem-prozess$/m)
        const detail = await findAnyBySlug(t.deps.db, 'meldung-aus-dem-prozess')
        assert.equal(detail?.release.status, 'published')
        assert.ok(detail?.release.publishedAt, 'has a publication time')
        const page = await t.app.inject('/presse/meldung-aus-dem-prozess')
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Einbürgerungsfeier/)
        // A second run finds it and exits 1 without a second release.
        const again = await cli([file, '--publish'])
        assert.equal(again.code, 1, again.out)
        assert.match(again.out, /Already imported: \/presse\/meldung-aus-dem-prozess/)
      })
    }
  })
}
