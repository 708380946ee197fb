import assert from 'node:assert/strict'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { auditLog } from '../../../platform/audit/tables'
import { newKeyFileContent, parseKeyFile } from '../../../platform/crypto'
import type { CliIo } from '../../../platform/feature'
import { loadKeyRing } from '../../../platform/runtime'
import { placeByKey } from '../../directory/public'
import { seedAntidiscDemo } from '../network/seed-demo'
import { reporterWrites, threadByCode } from '../reporting/reporter-thread'
import { submitReport } from '../reporting/submit-report'
import { antidiscReports } from '../tables'
import { addReporterAttachment } from './attachments'
import { openCaseKey } from './case-crypto'
import { addCurrentKey, rotateCaseKeys, rotateKeysCommand } from './rotate-keys'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

function captured(): CliIo & { lines: string[] } {
  const lines: string[] = []
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) }
}

for (const kind of dbKinds()) {
  describe(`key rotation of the case files (${kind})`, () => {
    let t: TestApp
    const codes: string[] = []

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      const district = (await placeByKey(t.deps.db, '06412'))!.id
      for (let i = 0; i < 3; i++) {
        const r = await submitReport(t.deps, {
          narrative: `Rotation-Probe ${i}`,
          occurredOn: `2026-02-0${i + 1}`,
          districtId: district,
          grounds: ['racism'],
          centre: 'network',
          contactWish: 'anonymous',
          language: 'de',
        })
        assert.ok(r.ok)
        codes.push(r.value.code)
        await reporterWrites(t.deps, r.value.code, `Nachricht ${i}`)
        assert.ok(
          (
            await addReporterAttachment(t.deps, r.value.reportId, {
              fileName: `beleg-${i}.pdf`,
              bytes: PDF,
              truncated: false,
            })
          ).ok,
        )
      }
    })
    after(() => t.close())

    test('a key file without the key opens nothing and changes nothing', async () => {
      const foreign = parseKeyFile('/elsewhere/case-keys.json', newKeyFileContent())
      const before = await t.deps.db.select().from(antidiscReports)
      const r = await rotateCaseKeys({ db: t.deps.db, keyRing: foreign })
      assert.equal(r.rewrapped, 0)
      assert.equal(r.failed.length, 3)
      assert.deepEqual(await t.deps.db.select().from(antidiscReports), before)
    })

    test('a new current key; stopped after one batch, started again, then once more: every key re-wrapped once; the old key removed, everything opens', async () => {
      const file = t.deps.keyRing.file
      const oldId = t.deps.keyRing.currentId
      const ring = await addCurrentKey(file)
      assert.notEqual(ring.currentId, oldId)
      assert.deepEqual([...ring.ids].sort(), [oldId, ring.currentId].sort())
      assert.equal((await stat(file)).mode & 0o777, 0o600)
      const sealedBefore = await t.deps.db
        .select({ n: antidiscReports.narrativeSealed })
        .from(antidiscReports)

      // Interrupted after the first batch of one report: resumable.
      const first = await rotateCaseKeys({ db: t.deps.db, keyRing: ring }, { batch: 1, maxBatches: 1 })
      assert.deepEqual(first, { rewrapped: 1, failed: [], left: 2 })
      const io = captured()
      const deps = { ...t.deps, keyRing: ring }
      assert.equal(await rotateKeysCommand.run(deps, { flags: { batch: ['1'] }, positionals: [] }, io), 0)
      assert.ok(
        io.lines.includes(`2 case data key(s) re-wrapped with ${ring.currentId}.`),
        io.lines.join('\n'),
      )
      assert.ok(io.lines.some((l) => l.includes(`The key(s) ${oldId} are no longer used`)))
      // Idempotent: nothing left to do.
      const again = captured()
      assert.equal(await rotateKeysCommand.run(deps, { flags: {}, positionals: [] }, again), 0)
      assert.ok(again.lines.includes(`0 case data key(s) re-wrapped with ${ring.currentId}.`))

      const rows = await t.deps.db.select().from(antidiscReports)
      assert.ok(rows.every((r) => r.keyId === ring.currentId))
      // Only the wrapping changed: the sealed texts are the same bytes.
      assert.deepEqual(rows.map((r) => r.narrativeSealed).sort(), sealedBefore.map((r) => r.n).sort())
      const audits = await t.deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'antidisc.keys.rotate'))
      assert.equal(audits.length, 3, 'one entry per batch that changed something')

      // The old key removed from the file: the platform starts, and every report, message and file opens.
      const content = JSON.parse(await readFile(file, 'utf8')) as {
        current: string
        keys: Record<string, string>
      }
      delete content.keys[oldId]
      await writeFile(file, JSON.stringify(content))
      const onlyNew = await loadKeyRing({ path: file, configured: true })
      assert.deepEqual(onlyNew.ids, [ring.currentId])
      const { assertCaseKeysPresent } = await import('./key-check')
      await assertCaseKeysPresent({ ...t.deps, keyRing: onlyNew })
      for (const [i, code] of codes.entries()) {
        const thread = await threadByCode({ ...t.deps, keyRing: onlyNew }, code)
        assert.equal(thread?.narrative, `Rotation-Probe ${i}`)
        assert.deepEqual(
          thread?.messages.map((m) => m.body),
          [`Nachricht ${i}`],
        )
        assert.deepEqual(
          thread?.attachments.map((a) => a.name),
          [`beleg-${i}.pdf`],
        )
      }
      for (const r of rows) assert.ok(openCaseKey(onlyNew, r))
    })

    test('--new-key adds a current key to the file and re-wraps with it; a bad --batch is refused', async () => {
      const io = captured()
      const before = t.deps.keyRing.file
      const ring0 = await loadKeyRing({ path: before, configured: true })
      assert.equal(
        await rotateKeysCommand.run(
          { ...t.deps, keyRing: ring0 },
          { flags: { 'new-key': ['true'] }, positionals: [] },
          io,
        ),
        0,
      )
      const ring1 = await loadKeyRing({ path: before, configured: true })
      assert.notEqual(ring1.currentId, ring0.currentId)
      assert.ok(io.lines[0]?.startsWith(`New current key ${ring1.currentId} added to ${before}.`))
      assert.ok(io.lines.includes(`3 case data key(s) re-wrapped with ${ring1.currentId}.`))
      const bad = captured()
      assert.equal(
        await rotateKeysCommand.run(
          { ...t.deps, keyRing: ring1 },
          { flags: { batch: ['0'] }, positionals: [] },
          bad,
        ),
        64,
      )
      assert.deepEqual(bad.lines, ['ERR --batch must be a whole number of at least 1'])
    })
  })
}
