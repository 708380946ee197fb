/**
 * The migrated template of an empty embedded database (npm install builds it): a new DATA_DIR starts
 * from it instead of running initdb and every migration; a directory that already holds a database
 * is opened as it is; another set of migrations gets another template file.
 */
import assert from 'node:assert/strict'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildPgliteTemplate, MIGRATIONS_DIR, openDatabase, pgliteTemplateFile } from '.'

describe('PGlite template for a first start', () => {
  let tmp: string
  let template: string
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'teilhabe-template-'))
    template = await buildPgliteTemplate(path.join(tmp, 'cache'))
  })
  after(async () => {
    await rm(tmp, { recursive: true, force: true })
  })

  it('a new data directory starts migrated from the template', async () => {
    const database = await openDatabase({ pgliteDir: path.join(tmp, 'fresh'), pgliteInitial: template })
    try {
      // Without the template the directory would hold a bare cluster: no migration applied yet.
      assert.equal(await database.migrationsApplied(), true)
      await database.db.execute(sql`insert into system_settings (key, value) values ('probe', '"x"')`)
    } finally {
      await database.close()
    }
    // The data was written to the directory: a second open (without a template) finds it.
    const again = await openDatabase({ pgliteDir: path.join(tmp, 'fresh') })
    try {
      const res = (await again.db.execute(sql`select value from system_settings where key = 'probe'`)) as {
        rows: unknown[]
      }
      assert.equal(res.rows.length, 1)
    } finally {
      await again.close()
    }
  })

  it('a directory that holds a database is opened as it is, not replaced by the template', async () => {
    const dir = path.join(tmp, 'existing')
    const first = await openDatabase({ pgliteDir: dir })
    await first.close()
    const database = await openDatabase({ pgliteDir: dir, pgliteInitial: template })
    try {
      assert.equal(await database.migrationsApplied(), false)
    } finally {
      await database.close()
    }
  })

  it('a missing template file means initdb as before', async () => {
    const database = await openDatabase({
      pgliteDir: path.join(tmp, 'no-template'),
      pgliteInitial: path.join(tmp, 'missing.tar'),
    })
    try {
      assert.equal(await database.migrationsApplied(), false)
    } finally {
      await database.close()
    }
  })

  it('other migrations get another template file', async () => {
    const other = path.join(tmp, 'migrations')
    await cp(MIGRATIONS_DIR, other, { recursive: true })
    assert.equal(pgliteTemplateFile('/c', other), pgliteTemplateFile('/c'))
    await mkdir(path.join(other, 'extra'), { recursive: true })
    await writeFile(path.join(other, 'extra', 'note.sql'), 'select 1;')
    assert.notEqual(pgliteTemplateFile('/c', other), pgliteTemplateFile('/c'))
  })
})
