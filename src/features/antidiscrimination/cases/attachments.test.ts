import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { and, eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { backupDatabase } from '../../../platform/backup'
import { placeByKey } from '../../directory/public'
import { listCentres } from '../network/find-network'
import { assignCounsellor } from '../network/manage-network'
import { seedAntidiscDemo } from '../network/seed-demo'
import { submitReport } from '../reporting/submit-report'
import { antidiscAttachments } from '../tables'
import { cleanAttachment, MAX_ATTACHMENT_BYTES } from './attachments'

/** A photo as a phone takes it: with EXIF, including a GPS position. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: 'Kamera-Probe-4242', Copyright: 'Kamera-Probe-4242' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 6/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '8/1 40/1 0/1',
      },
    })
    .toBuffer()
}

describe('attachments: type and metadata', () => {
  test('a photo loses its EXIF (GPS position, camera) and stays a picture; a PDF is kept; other files are refused', async () => {
    const photo = await photoWithGps()
    const before = await sharp(photo).metadata()
    assert.ok(before.exif && photo.includes('Kamera-Probe-4242'), 'the test photo has EXIF')
    const clean = await cleanAttachment(photo)
    assert.equal(clean?.mediaType, 'image/jpeg')
    const after = await sharp(clean!.bytes).metadata()
    assert.equal(after.exif, undefined)
    assert.equal(after.xmp, undefined)
    assert.equal(after.width, 40)
    assert.ok(!clean!.bytes.includes('Kamera-Probe-4242'))
    const png = await sharp({ create: { width: 5, height: 5, channels: 4, background: '#00ff00' } })
      .png()
      .withMetadata({ exif: { IFD0: { Artist: 'PNG-Probe' } } })
      .toBuffer()
    const cleanPng = await cleanAttachment(png)
    assert.equal(cleanPng?.mediaType, 'image/png')
    assert.ok(!cleanPng!.bytes.includes('PNG-Probe'))
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    assert.equal((await cleanAttachment(pdf))?.mediaType, 'application/pdf')
    assert.equal(await cleanAttachment(Buffer.from('nur Text, kein Bild')), null)
    assert.equal(await cleanAttachment(Buffer.from('MZ\x90\x00 kein Programm bitte')), null)
    // A JPEG start with nothing behind it is no picture.
    assert.equal(
      await cleanAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0])),
      null,
    )
  })
})

for (const kind of dbKinds()) {
  describe(`attachments of a report (${kind})`, () => {
    let t: TestApp
    let code: string
    let reportId: string
    let counsellorA: Client
    let counsellorB: Client

    /** Posts the file form of the answer page as a browser does (multipart, the CSRF field first). */
    const upload = async (
      c: Client,
      typedCode: string | null,
      file?: { name: string; type: string; bytes: Buffer },
      where: { form: string; url: string } = { form: '/melden/antwort', url: '/melden/antwort/anhang' },
    ) => {
      const token = await c.csrfToken(where.form)
      const boundary = `----probe${randomBytes(8).toString('hex')}`
      const parts: Buffer[] = []
      const field = (name: string, value: string) =>
        parts.push(
          Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
        )
      field('_csrf', token)
      if (typedCode !== null) field('code', typedCode)
      if (file)
        parts.push(
          Buffer.from(
            `--${boundary}\r\ncontent-disposition: form-data; name="attachment"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        )
      parts.push(Buffer.from(`--${boundary}--\r\n`))
      return t.app.inject({
        method: 'POST',
        url: where.url,
        payload: Buffer.concat(parts),
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      })
    }

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      const frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
      const centres = await listCentres(t.deps.db)
      const centreA = centres.find((c) => c.name.includes('Frankfurt'))!.id
      const centreB = centres.find((c) => c.name.includes('Nordhessen'))!.id
      const a = await t.createUser('anhang-a@test.de', ['counsellor'])
      const b = await t.createUser('anhang-b@test.de', ['counsellor'])
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: a, centreId: centreA })).ok)
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: b, centreId: centreB })).ok)
      counsellorA = new Client(t.app)
      await counsellorA.signIn('anhang-a@test.de')
      counsellorB = new Client(t.app)
      await counsellorB.signIn('anhang-b@test.de')
      const r = await submitReport(t.deps, {
        narrative: 'Der Aushang im Treppenhaus (Foto anbei).',
        occurredOn: '2026-02-02',
        districtId: frankfurt,
        grounds: ['racism'],
        centre: centreA,
        contactWish: 'anonymous',
        language: 'de',
      })
      assert.ok(r.ok)
      code = r.value.code
      reportId = r.value.reportId
    })
    after(() => t.close())

    test('the reporter sends a photo with the code (typed with spaces): stored sealed and without its EXIF', async () => {
      const c = new Client(t.app)
      const spaced = code.replace(/(\d{4})(?=\d)/g, '$1 ')
      const res = await upload(c, spaced, {
        name: 'aushang-probe.jpg',
        type: 'image/jpeg',
        bytes: await photoWithGps(),
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['cache-control'], 'no-store')
      assert.ok(res.body.includes('Ihre Datei ist angekommen.'))
      assert.ok(res.body.includes('aushang-probe.jpg'))
      const rows = (await t.deps.db.execute(sql`select a::text as line from antidisc_attachments a`)) as {
        rows: { line: string }[]
      }
      assert.equal(rows.rows.length, 1)
      for (const secret of ['aushang-probe', 'Kamera-Probe-4242'])
        assert.ok(!rows.rows[0]!.line.includes(secret), secret)
      const [created] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, reportId), eq(auditLog.action, 'antidisc.attachment.add')))
      assert.equal(created!.ip, null)
      assert.equal(created!.actorId, null)
    })

    test('no file, a file of another type, a file too large, a wrong code: the message next to the field, nothing stored', async () => {
      const c = new Client(t.app)
      const none = await upload(c, code)
      assert.equal(none.statusCode, 400)
      assert.ok(none.body.includes('Wählen Sie eine Datei aus.'))
      const text = await upload(c, code, {
        name: 'foto.jpg',
        type: 'image/jpeg',
        bytes: Buffer.from('kein Bild'),
      })
      assert.equal(text.statusCode, 400)
      assert.ok(text.body.includes('Diese Datei können wir nicht annehmen.'))
      const big = Buffer.concat([await photoWithGps(), randomBytes(MAX_ATTACHMENT_BYTES)])
      const large = await upload(c, code, { name: 'gross.jpg', type: 'image/jpeg', bytes: big })
      assert.equal(large.statusCode, 400)
      assert.ok(large.body.includes('Die Datei ist zu groß. Wählen Sie eine Datei mit höchstens 5 MB.'))
      const wrong = await upload(new Client(t.app), '1111 2222 3333 4444', {
        name: 'x.jpg',
        type: 'image/jpeg',
        bytes: await photoWithGps(),
      })
      assert.equal(wrong.statusCode, 400)
      assert.ok(wrong.body.includes('Zu dieser Eingangsnummer gibt es keine Meldung.'))
      assert.equal((await t.deps.db.select().from(antidiscAttachments)).length, 1)
    })

    test('the counsellor of the centre downloads it (audited); another centre gets 404', async () => {
      const page = await counsellorA.get(`/beratung/meldungen/${reportId}`)
      const href = page.body.match(/href="(\/beratung\/meldungen\/[^"]+\/anhaenge\/[^"]+)"/)?.[1]
      assert.ok(href, 'the case page links the file')
      const file = await counsellorA.get(href)
      assert.equal(file.statusCode, 200)
      assert.equal(file.headers['content-type'], 'image/jpeg')
      assert.match(String(file.headers['content-disposition']), /attachment/)
      assert.match(String(file.headers['cache-control']), /no-store/)
      const meta = await sharp(file.rawPayload).metadata()
      assert.equal(meta.width, 40)
      assert.equal(meta.exif, undefined)
      const reads = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, reportId), eq(auditLog.action, 'antidisc.attachment.read')))
      assert.equal(reads.length, 1)
      const other = await counsellorB.get(href)
      assert.equal(other.statusCode, 404)
      assert.ok(!other.rawPayload.includes(file.rawPayload.subarray(0, 64)))
    })

    test('counsellors add documents to the case file: sealed, audited, not shown to the reporter, no plaintext in a dump', async () => {
      const url = `/beratung/meldungen/${reportId}`
      const where = { form: url, url: `${url}/dokumente` }
      const letter = Buffer.from(
        '%PDF-1.4\n% Dokument-Probe-5150 Beschwerdebrief an die Hausverwaltung\n%%EOF\n',
      )
      const wrong = await upload(
        counsellorA,
        null,
        { name: 'notiz.txt', type: 'text/plain', bytes: Buffer.from('Text') },
        where,
      )
      assert.equal(wrong.statusCode, 400)
      assert.ok(wrong.body.includes('Wählen Sie ein Foto (JPEG, PNG) oder ein PDF.'))
      const before = (await t.deps.db.select().from(antidiscAttachments)).length
      const foreign = await upload(
        counsellorB,
        null,
        { name: 'brief.pdf', type: 'application/pdf', bytes: letter },
        { form: '/beratung', url: `${url}/dokumente` },
      )
      assert.equal(foreign.statusCode, 404)
      assert.equal((await t.deps.db.select().from(antidiscAttachments)).length, before)
      const added = await upload(
        counsellorA,
        null,
        { name: 'beschwerdebrief-hausverwaltung.pdf', type: 'application/pdf', bytes: letter },
        where,
      )
      assert.equal(added.statusCode, 303, added.body.slice(0, 300))
      const [row] = await t.deps.db
        .select()
        .from(antidiscAttachments)
        .where(and(eq(antidiscAttachments.reportId, reportId), eq(antidiscAttachments.author, 'counsellor')))
      assert.ok(row?.userId, 'the counsellor who added it')
      const page = await counsellorA.get(url)
      assert.ok(page.body.includes('beschwerdebrief-hausverwaltung.pdf'))
      assert.ok(page.body.includes('von der Beratungsstelle'))
      const href = `${url}/anhaenge/${row!.id}`
      const file = await counsellorA.get(href)
      assert.equal(file.statusCode, 200)
      assert.deepEqual(file.rawPayload, letter)
      assert.equal((await counsellorB.get(href)).statusCode, 404)
      const adds = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, reportId), eq(auditLog.action, 'antidisc.document.add')))
      assert.equal(adds.length, 1)
      // The reporter sees their own files only.
      const thread = await new Client(t.app).submit('/melden/antwort', '/melden/antwort', { code })
      assert.equal(thread.statusCode, 200)
      assert.ok(!thread.body.includes('beschwerdebrief'))
      // Neither the raw rows nor a backup show the document or its name.
      const raw = (await t.deps.db.execute(sql`select a::text as line from antidisc_attachments a`)) as {
        rows: { line: string }[]
      }
      const everything = raw.rows.map((r) => r.line).join('\n')
      assert.ok(everything.includes(row!.id))
      const file2 = path.join(t.config.dataDir, 'backup-docs.json.gz')
      await backupDatabase(t.deps.db, file2, path.join(t.config.dataDir, 'files'), CLI_ACTOR)
      const dump = gunzipSync(await readFile(file2)).toString('utf8')
      assert.ok(dump.includes(row!.id), 'the backup has the document row')
      for (const secret of ['Dokument-Probe-5150', 'Beschwerdebrief', 'beschwerdebrief-hausverwaltung']) {
        assert.ok(!everything.includes(secret), secret)
        assert.ok(!dump.includes(secret), secret)
      }
    })
  })
}
