import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { FEATURES } from '../../app'
import { runCli } from '../../cli'
import { inTransaction } from '../db'
import { defineFeature } from '../feature'
import {
  anyone,
  contentDisposition,
  detectType,
  FILE_CHUNK_BYTES,
  FileStore,
  fileUrl,
  importFilesFromDirectory,
  MEDIA_TYPES,
  safeFileName,
  withPermission,
} from '.'
import { storedFileChunks, storedFiles } from './tables'

/** Smallest files the type detector recognises by their bytes. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
)
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)])

const filesTestFeature = defineFeature({
  name: 'files-test',
  files: {
    'test.public': anyone,
    'test.confidential': withPermission('audit.read'),
  },
})

const upload = (bytes: Buffer, originalName: string, owner = 'test.public') => ({
  bytes,
  originalName,
  createdBy: null,
  owner,
})

describe('file names and headers', () => {
  it('keeps only the last path part and uses the detected extension', () => {
    assert.equal(safeFileName('../../etc/passwd.pdf', 'pdf'), 'passwd.pdf')
    assert.equal(safeFileName('..\\..\\windows\\win.ini', 'txt'), 'win.txt')
    assert.equal(safeFileName('bericht.png', 'pdf'), 'bericht.pdf')
    assert.equal(safeFileName('..', 'pdf'), 'datei.pdf')
    assert.equal(safeFileName('.htaccess', 'txt'), 'htaccess.txt')
    assert.equal(safeFileName('', 'png'), 'datei.png')
    assert.equal(safeFileName('a"b<c>d|e?f*g:h\u0007.pdf', 'pdf'), 'abcdefgh.pdf')
    assert.equal(safeFileName('rechnung\u202Efdp.exe', 'pdf'), 'rechnungfdp.pdf')
    assert.equal(safeFileName('Bericht über Teilhabe.pdf', 'pdf'), 'Bericht über Teilhabe.pdf')
    assert.ok(safeFileName('x'.repeat(500), 'pdf').length <= 154)
  })

  it('builds an RFC 6266 attachment header with an ASCII fallback and an RFC 8187 UTF-8 name', () => {
    assert.equal(
      contentDisposition('Bericht über „Teilhabe“ (2026).pdf'),
      `attachment; filename="Bericht uber _Teilhabe_ (2026).pdf"; filename*=UTF-8''Bericht%20%C3%BCber%20%E2%80%9ETeilhabe%E2%80%9C%20%282026%29.pdf`,
    )
    assert.equal(
      contentDisposition('a"b\\c%d.txt'),
      `attachment; filename="a_b_c_d.txt"; filename*=UTF-8''a%22b%5Cc%25d.txt`,
    )
    assert.match(contentDisposition("it's*.pdf", true), /^inline; .*filename\*=UTF-8''it%27s%2A\.pdf$/)
  })

  it('detects types from the bytes alone', async () => {
    assert.equal((await detectType(PDF))?.mediaType, 'application/pdf')
    assert.equal((await detectType(PNG))?.mediaType, 'image/png')
    assert.equal((await detectType(EXE))?.mediaType, 'application/x-msdownload')
    assert.equal((await detectType(Buffer.from('Grüße aus Wiesbaden\n')))?.mediaType, 'text/plain')
    assert.equal(await detectType(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05])), null)
    // A character cut at the end of the 64 KiB sample is still text.
    const text = Buffer.from(`${'a'.repeat(64 * 1024 - 1)}ü and more`)
    assert.equal((await detectType(text))?.mediaType, 'text/plain')
  })
})

for (const kind of dbKinds()) {
  describe(`file store and downloads (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { UPLOAD_MAX_MB: '1' }, [...FEATURES, filesTestFeature])
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('staff@example.org', [])
    })
    after(() => t.close())

    const store = (
      bytes: Buffer,
      name: string,
      owner?: string,
      allowed: readonly string[] = MEDIA_TYPES.documents,
    ) => inTransaction(t.deps.db, (tx) => t.deps.files.store(tx, upload(bytes, name, owner), allowed))

    it('stores a PDF renamed .png as a PDF and refuses an executable', async () => {
      const pdf = await store(PDF, 'scan.png', undefined, [...MEDIA_TYPES.documents, ...MEDIA_TYPES.images])
      assert.ok(pdf.ok)
      assert.equal(pdf.mediaType, 'application/pdf')
      const meta = await t.deps.files.meta(t.deps.db, pdf.id)
      assert.equal(meta?.originalName, 'scan.pdf')
      assert.equal(meta?.extension, 'pdf')
      const images = await store(PDF, 'scan.png', undefined, MEDIA_TYPES.images)
      assert.deepEqual(images, { ok: false, error: 'forbidden_type', mediaType: 'application/pdf' })
      const exe = await store(EXE, 'antrag.pdf')
      assert.deepEqual(exe, { ok: false, error: 'forbidden_type', mediaType: 'application/x-msdownload' })
      const unknown = await store(Buffer.from([0, 1, 2, 3, 4, 5]), 'x.pdf')
      assert.deepEqual(unknown, { ok: false, error: 'forbidden_type' })
    })

    it('refuses files above UPLOAD_MAX_MB and empty files', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 1 - PDF.length, 0x20)])
      assert.deepEqual(await store(big, 'big.pdf'), { ok: false, error: 'too_large' })
      const limit = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 - PDF.length, 0x20)])
      assert.ok((await store(limit, 'exactly-1mb.pdf')).ok)
      assert.deepEqual(await store(Buffer.alloc(0), 'empty.pdf'), { ok: false, error: 'empty' })
    })

    it('keeps identical content once, in the database under its hash, and nothing on disk', async () => {
      const bytes = Buffer.concat([PDF, Buffer.from(`%${Math.random()}\n`)])
      const a = await store(bytes, 'a.pdf')
      const b = await store(bytes, '../../b.pdf')
      assert.ok(a.ok && b.ok)
      assert.notEqual(a.id, b.id)
      assert.equal(a.sha256, b.sha256)
      const chunks = await t.deps.db
        .select()
        .from(storedFileChunks)
        .where(eq(storedFileChunks.sha256, a.sha256))
      assert.equal(chunks.length, 1)
      assert.ok(chunks[0]!.bytes.equals(bytes))
      const onDisk = await readdir(path.join(t.config.dataDir, 'files'), { recursive: true }).catch(() => [])
      assert.deepEqual(onDisk, [], 'no bytes on the local disk: every node reads them from the database')
      assert.equal((await t.deps.files.meta(t.deps.db, b.id))?.originalName, 'b.pdf')
    })

    it('cuts a large file into chunks of FILE_CHUNK_BYTES and puts it together byte for byte', async () => {
      const big = Buffer.concat([PDF, randomBytes(FILE_CHUNK_BYTES * 2 + 17)])
      const roomy = new FileStore(t.deps.db, 4 * FILE_CHUNK_BYTES)
      roomy.declareOwner('test.public', anyone)
      const r = await inTransaction(t.deps.db, (tx) =>
        roomy.store(tx, upload(big, 'gross.pdf'), MEDIA_TYPES.documents),
      )
      assert.ok(r.ok)
      const chunks = await t.deps.db
        .select()
        .from(storedFileChunks)
        .where(eq(storedFileChunks.sha256, r.sha256))
      assert.deepEqual(
        chunks.map((c) => c.bytes.length).sort((x, y) => y - x),
        [FILE_CHUNK_BYTES, FILE_CHUNK_BYTES, big.length - 2 * FILE_CHUNK_BYTES],
      )
      assert.ok((await t.deps.files.read(r.sha256)).equals(big))
      const res = await t.app.inject(fileUrl((await t.deps.files.meta(t.deps.db, r.id))!))
      assert.equal(res.statusCode, 200)
      assert.ok(res.rawPayload.equals(big))
    })

    it('moves files an older version kept on disk into the database (files-to-database), once', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-old-files-'))
      try {
        const legacy = Buffer.concat([PDF, Buffer.from(`%legacy ${Math.random()}\n`)])
        const sha = createHash('sha256').update(legacy).digest('hex')
        const [row] = await t.deps.db
          .insert(storedFiles)
          .values({
            sha256: sha,
            owner: 'test.public',
            size: legacy.length,
            mediaType: 'application/pdf',
            extension: 'pdf',
            originalName: 'alt.pdf',
          })
          .returning()
        await mkdir(path.join(dir, sha.slice(0, 2)), { recursive: true })
        await writeFile(path.join(dir, sha.slice(0, 2), sha), legacy)
        const stranger = createHash('sha256').update('nobody').digest('hex')
        await mkdir(path.join(dir, stranger.slice(0, 2)), { recursive: true })
        await writeFile(path.join(dir, stranger.slice(0, 2), stranger), 'nobody')
        assert.equal(
          (await t.app.inject(fileUrl(row!))).statusCode,
          404,
          'before: the bytes are only on disk',
        )
        const first = await importFilesFromDirectory(t.deps.db, dir)
        assert.equal(first.imported, 1)
        assert.equal(first.unknown, 1)
        const res = await t.app.inject(fileUrl(row!))
        assert.equal(res.statusCode, 200)
        assert.ok(res.rawPayload.equals(legacy))
        const again = await importFilesFromDirectory(t.deps.db, dir)
        assert.equal(again.imported, 0)
        assert.equal(again.present, 1)
        // The command: exit 0 while every stored file has its bytes, 1 (naming how many) when one has none.
        const io = { stdout: [] as string[], stderr: [] as string[] }
        const cli = { out: (l: string) => void io.stdout.push(l), err: (l: string) => void io.stderr.push(l) }
        assert.equal(await runCli(['files-to-database', '--from', dir], t.config, t.testDb.database, cli), 0)
        assert.match(
          io.stdout.join('\n'),
          /0 moved into the database, 1 there already, 1 not named by any stored file/,
        )
        const [orphan] = await t.deps.db
          .insert(storedFiles)
          .values({
            sha256: 'f'.repeat(64),
            owner: 'test.public',
            size: 1,
            mediaType: 'text/plain',
            extension: 'txt',
            originalName: 'weg.txt',
          })
          .returning()
        assert.equal(await runCli(['files-to-database', '--from', dir], t.config, t.testDb.database, cli), 1)
        assert.match(io.stderr.join('\n'), /1 stored file\(s\) have no bytes in the database and none in/)
        await t.deps.db.delete(storedFiles).where(eq(storedFiles.id, orphan!.id))
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })

    it('refuses to store under an owner no feature declared', async () => {
      await assert.rejects(store(PDF, 'x.pdf', 'nobody.declared'), /Undeclared file owner nobody\.declared/)
    })

    it('serves a download with the stored type, nosniff and an attachment disposition', async () => {
      const r = await store(PDF, 'Jahresbericht Teilhabe 2026.pdf')
      assert.ok(r.ok)
      const meta = (await t.deps.files.meta(t.deps.db, r.id))!
      const url = fileUrl(meta)
      assert.equal(url, `/dateien/${r.id}/Jahresbericht%20Teilhabe%202026.pdf`)
      const res = await t.app.inject(url)
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/pdf')
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      assert.equal(
        res.headers['content-disposition'],
        `attachment; filename="Jahresbericht Teilhabe 2026.pdf"; filename*=UTF-8''Jahresbericht%20Teilhabe%202026.pdf`,
      )
      assert.match(res.headers['content-security-policy'] as string, /sandbox/)
      assert.deepEqual(res.rawPayload, PDF)
      // The name in the address is decoration: another (even hostile) name serves the same file.
      const other = await t.app.inject(`/dateien/${r.id}/..%2F..%2Fetc%2Fpasswd`)
      assert.equal(other.statusCode, 200)
      assert.match(
        other.headers['content-disposition'] as string,
        /filename="Jahresbericht Teilhabe 2026\.pdf"/,
      )
      // Plain text gets a charset so it is never guessed.
      const txt = await store(Buffer.from('Grüße\n'), 'notiz.txt', undefined, ['text/plain'])
      assert.ok(txt.ok)
      const textRes = await t.app.inject(`/dateien/${txt.id}/notiz.txt`)
      assert.equal(textRes.headers['content-type'], 'text/plain; charset=utf-8')
    })

    it('answers unknown ids with the 404 page', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '..']) {
        const res = await t.app.inject(`/dateien/${id}/x.pdf`)
        assert.equal(res.statusCode, 404, id)
        assert.match(res.body, /Seite nicht gefunden|nicht gefunden/)
      }
    })

    it('lets the owning feature decide: confidential files only for people with the permission', async () => {
      const r = await store(PDF, 'vertraulich.pdf', 'test.confidential')
      assert.ok(r.ok)
      const url = `/dateien/${r.id}/vertraulich.pdf`
      const anonymous = await t.app.inject(url)
      assert.equal(anonymous.statusCode, 303)
      assert.match(anonymous.headers.location as string, /^\/anmelden\?next=/)
      const staff = new Client(t.app)
      await staff.signIn('staff@example.org')
      const denied = await staff.get(url)
      assert.equal(denied.statusCode, 403)
      assert.ok(!denied.rawPayload.includes(PDF))
      const admin = new Client(t.app)
      await admin.signIn('admin@example.org')
      const ok = await admin.get(url)
      assert.equal(ok.statusCode, 200)
      assert.equal(ok.headers['cache-control'], 'private, no-store')
      assert.deepEqual(ok.rawPayload, PDF)
    })

    it('never hands out a file whose owner is not declared (e.g. its feature was removed)', async () => {
      const r = await store(PDF, 'alt.pdf')
      assert.ok(r.ok)
      await t.deps.db.update(storedFiles).set({ owner: 'removed.feature' }).where(eq(storedFiles.id, r.id))
      const admin = new Client(t.app)
      await admin.signIn('admin@example.org')
      assert.equal((await admin.get(`/dateien/${r.id}/alt.pdf`)).statusCode, 403)
      assert.equal((await t.app.inject(`/dateien/${r.id}/alt.pdf`)).statusCode, 303)
    })
  })
}
