import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type SQL, sql } from 'drizzle-orm'
import { listAudit } from '../../src/platform/audit'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

/** A minimal PDF (file-type recognises "%PDF-"). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

async function countOf(t: TestApp, query: SQL): Promise<number> {
  const res = (await t.deps.db.execute(query)) as unknown as { rows: { n: number }[] }
  return Number(res.rows[0]!.n)
}

/** Posts a multipart form through the client's cookies, as a browser does for file uploads. */
async function postMultipart(
  t: TestApp,
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; field: string; bytes: Buffer; type: string },
) {
  const boundary = '----teilhabe-test-boundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
  })
}

for (const kind of dbKinds()) {
  describe(`press editorial desk (${kind})`, () => {
    let t: TestApp
    const press = () => {
      const c = new Client(t.app)
      return c.signIn('presse@example.org').then(() => c)
    }
    before(async () => {
      t = await createTestApp(kind, { UPLOAD_MAX_MB: '1' })
      await t.createUser('presse@example.org', ['press'])
      await t.createUser('nobody@example.org', [])
    })
    after(() => t.close())

    it('keeps the desk closed to anonymous visitors and people without the role', async () => {
      const anon = await t.app.inject('/presse/redaktion')
      assert.equal(anon.statusCode, 303)
      assert.match(anon.headers.location as string, /^\/anmelden\?next=/)
      const c = new Client(t.app)
      await c.signIn('nobody@example.org')
      assert.equal((await c.get('/presse/redaktion')).statusCode, 403)
      assert.equal((await c.get('/presse/redaktion/neu')).statusCode, 403)
      const token = await c.csrfToken('/')
      assert.equal(
        (await c.post('/presse/redaktion/neu', { _csrf: token, title: 'x', body: 'y' })).statusCode,
        403,
      )
      assert.equal(await countOf(t, sql`select count(*)::int as n from press_releases`), 0)
    })

    it('creates, edits, previews, publishes with an attachment, and keeps revisions', async () => {
      const c = await press()
      assert.match((await c.get('/')).body, /href="\/presse\/redaktion"/)
      // Topic and contact first.
      const topic = await c.submit('/presse/redaktion/themen', '/presse/redaktion/themen', {
        name: 'Integration',
      })
      assert.equal(topic.statusCode, 303)
      const contact = await c.submit('/presse/redaktion/kontakte/neu', '/presse/redaktion/kontakte/neu', {
        name: 'Markus Büttner',
        organisation: 'Hessisches Ministerium für Soziales und Integration',
        street: 'Sonnenbergerstraße 2 /2a',
        postalCode: '65193',
        city: 'Wiesbaden',
        phone: '0611 3219-2161',
        email: 'presse@hsm.hessen.de',
      })
      assert.equal(contact.statusCode, 303)
      const form = await c.get('/presse/redaktion/neu')
      const topicId = /name="topicIds" value="([^"]+)"/.exec(form.body)![1]!
      const contactId = /<option value="([0-9a-f-]{36})"/.exec(form.body)![1]!
      const created = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Neue Integrationsverträge unterzeichnet',
        subtitle: '„Ein starkes Signal“',
        dateline: 'Wiesbaden',
        body: 'Das Land hat **zwei** Integrationsverträge geschlossen.\n\n> Ein Zitat.\n\n<script>alert(1)</script>',
        contactId,
        topicIds: topicId,
      })
      assert.equal(created.statusCode, 303)
      const editUrl = created.headers.location as string
      assert.match(editUrl, /^\/presse\/redaktion\/[0-9a-f-]{36}$/)
      const id = editUrl.split('/').pop()!
      assert.match((await c.get(editUrl)).body, /Der Entwurf wurde angelegt/)
      // Not public yet; the preview shows it to staff.
      assert.equal((await t.app.inject('/presse/neue-integrationsvertraege-unterzeichnet')).statusCode, 404)
      const preview = await c.get(`${editUrl}/vorschau`)
      assert.equal(preview.statusCode, 200)
      assert.match(
        preview.body,
        /<strong class="press-dateline">Wiesbaden\.<\/strong> Das Land hat <strong>zwei<\/strong>/,
      )
      assert.match(preview.body, /<blockquote>/)
      assert.doesNotMatch(preview.body, /<script>alert/)
      assert.match(preview.body, /noindex/)
      // Attachment.
      const upload = await postMultipart(
        t,
        c,
        `${editUrl}/anhaenge`,
        { _csrf: await c.csrfToken(editUrl), fileTitle: 'Vertragstext' },
        { name: 'vertrag.pdf', field: 'file', bytes: PDF, type: 'application/pdf' },
      )
      assert.equal(upload.statusCode, 303, upload.body.slice(0, 300))
      assert.equal(upload.headers.location, `${editUrl}/downloads`)
      // Edit: a revision, audited.
      const edited = await c.submit(editUrl, editUrl, {
        title: 'Neue Integrationsverträge unterzeichnet',
        slug: 'neue-integrationsvertraege-unterzeichnet',
        dateline: 'Wiesbaden',
        body: 'Das Land hat zwei Integrationsverträge geschlossen. Weitere folgen.',
        contactId,
        topicIds: topicId,
      })
      assert.equal(edited.statusCode, 303)
      // Publish: the button leads to a confirmation step; only its "yes" publishes.
      // The editor's sub-pages: the text, the downloads, publication; each shows only its own forms.
      const content = await c.get(editUrl)
      assert.match(content.body, /<nav class="sub-nav" aria-label="Teile der Pressemitteilung">/)
      assert.match(content.body, /<span class="sub-nav__current" aria-current="page">Inhalt<\/span>/)
      assert.doesNotMatch(content.body, /action="[^"]*\/(anhaenge|status|veroeffentlichen)"/)
      const downloads = await c.get(`${editUrl}/downloads`)
      assert.match(downloads.body, /aria-current="page">Downloads<\/span>/)
      assert.match(downloads.body, new RegExp(`action="${editUrl}/anhaenge"`))
      assert.match(downloads.body, /Vertragstext/)
      assert.doesNotMatch(downloads.body, /name="title"/)
      const publication = await c.get(`${editUrl}/veroeffentlichung`)
      assert.match(publication.body, /aria-current="page">Veröffentlichung<\/span>/)
      assert.doesNotMatch(publication.body, /name="title"|action="[^"]*\/anhaenge"/)
      assert.match(publication.body, new RegExp(`<form method="get" action="${editUrl}/veroeffentlichen"`))
      const unconfirmed = await c.submit(editUrl, `${editUrl}/status`, { action: 'publish' })
      assert.equal(unconfirmed.statusCode, 303)
      assert.equal(unconfirmed.headers.location, `${editUrl}/veroeffentlichen`)
      assert.equal((await t.app.inject('/presse/neue-integrationsvertraege-unterzeichnet')).statusCode, 404)
      const confirmPage = await c.get(`${editUrl}/veroeffentlichen`)
      assert.equal(confirmPage.statusCode, 200)
      assert.match(confirmPage.body, /Pressemitteilung jetzt veröffentlichen\?/)
      assert.match(confirmPage.body, /\/presse\/neue-integrationsvertraege-unterzeichnet/)
      assert.match(confirmPage.body, /name="confirm" value="ja"/)
      const published = await c.submit(`${editUrl}/veroeffentlichen`, `${editUrl}/status`, {
        action: 'publish',
        confirm: 'ja',
      })
      assert.equal(published.statusCode, 303)
      assert.equal(published.headers.location, `${editUrl}/veroeffentlichung`)
      // Once public, the confirmation page leads back to the publication sub-page.
      assert.equal(
        (await c.get(`${editUrl}/veroeffentlichen`)).headers.location,
        `${editUrl}/veroeffentlichung`,
      )
      const page = await t.app.inject('/presse/neue-integrationsvertraege-unterzeichnet')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Weitere folgen/)
      assert.match(page.body, /presse@hsm\.hessen\.de/)
      assert.match(page.body, /Downloads/)
      const link = /href="(\/presse\/neue-integrationsvertraege-unterzeichnet\/dateien\/[^"]+)"/.exec(
        page.body,
      )![1]!
      assert.match(page.body, /Vertragstext<\/a> <span class="kern-body kern-body--small">\(PDF, 1 KB\)/)
      const download = await t.app.inject(link)
      assert.equal(download.statusCode, 200)
      assert.equal(download.headers['content-type'], 'application/pdf')
      assert.match(download.headers['content-disposition'] as string, /^attachment; filename="vertrag.pdf"/)
      assert.deepEqual(download.rawPayload, PDF)
      const notAnId = await t.app.inject(
        '/presse/neue-integrationsvertraege-unterzeichnet/dateien/kein-uuid/x.pdf',
      )
      assert.equal(notAnId.statusCode, 404)
      assert.match(notAnId.body, /Seite nicht gefunden/)
      // Revisions: two saves, the first can be viewed and restored.
      const revs = await c.get(`${editUrl}/versionen`)
      const revLinks = [...revs.body.matchAll(/href="(\/presse\/redaktion\/[^"]+\/versionen\/[^"]+)"/g)].map(
        (m) => m[1]!,
      )
      assert.equal(revLinks.length, 2)
      const v1 = revLinks[1]!
      const v1page = await c.get(v1)
      assert.match(v1page.body, /&lt;script>alert\(1\)&lt;\/script>/)
      const restored = await c.submit(v1, `${v1}/wiederherstellen`, {})
      assert.equal(restored.statusCode, 303)
      assert.match(
        (await t.app.inject('/presse/neue-integrationsvertraege-unterzeichnet')).body,
        /<strong>zwei<\/strong>/,
      )
      const audit = await listAudit(t.deps.db, { entityId: id, limit: 20, offset: 0 })
      const actions = audit.map((a) => a.action).sort()
      assert.deepEqual(actions, [
        'press.attachment.add',
        'press.release.create',
        'press.release.publish',
        'press.release.restore',
        'press.release.update',
      ])
      assert.ok(audit.every((a) => a.actorLabel === 'presse@example.org'))
      // Withdraw: gone from the public, the file too.
      await c.submit(editUrl, `${editUrl}/status`, { action: 'unpublish' })
      assert.equal((await t.app.inject('/presse/neue-integrationsvertraege-unterzeichnet')).statusCode, 404)
      assert.equal((await t.app.inject(link)).statusCode, 404)
      assert.equal((await c.get(link)).statusCode, 200, 'staff still get the draft’s file')
    })

    it('stores the reading time computed from the body, and recomputes it on every save', async () => {
      const c = await press()
      // 113 × 11 = 1,243 words (markup and punctuation are not words): 6.2 minutes at 200 a minute → 6.
      const sentence = 'Die Beiräte beraten heute über **zehn** neue Anträge aus den Kommunen. '
      const body = Array.from({ length: 113 }, () => sentence).join('\n\n')
      const created = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Lange Meldung zur Lesezeit',
        body,
      })
      assert.equal(created.statusCode, 303)
      const editUrl = created.headers.location as string
      const id = editUrl.split('/').pop()!
      const minutes = async () =>
        countOf(t, sql`select reading_minutes as n from press_releases where id = ${id}`)
      assert.equal(await minutes(), 6)
      assert.match((await c.get(`${editUrl}/vorschau`)).body, /6 Minuten Lesezeit/)
      const shorter = await c.submit(editUrl, editUrl, {
        title: 'Lange Meldung zur Lesezeit',
        slug: 'lange-meldung-zur-lesezeit',
        body: Array.from({ length: 50 }, () => sentence).join('\n\n'),
      })
      assert.equal(shorter.statusCode, 303)
      assert.equal(await minutes(), 3, '550 words: 2.75 minutes round to 3')
      await c.submit(editUrl, editUrl, {
        title: 'Lange Meldung zur Lesezeit',
        slug: 'lange-meldung-zur-lesezeit',
        body: 'Nur ein Satz.',
      })
      assert.equal(await minutes(), 1)
      assert.match((await c.get(`${editUrl}/vorschau`)).body, /1 Minute Lesezeit/)
    })

    it('explains bad input next to the field and saves nothing', async () => {
      const c = await press()
      const n0 = await countOf(t, sql`select count(*)::int as n from press_releases`)
      const missing = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: '',
        body: 'Text',
      })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /<title>Fehler: /)
      assert.match(missing.body, /id="feld-title-error"[^>]*>[\s\S]*?Bitte geben Sie einen Titel ein\./)
      assert.match(missing.body, />Text<\/textarea>/, 'values are kept')
      const long = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'T',
        body: 'x',
        slug: 'a'.repeat(101),
      })
      assert.equal(long.statusCode, 400)
      assert.match(long.body, /id="feld-slug-error"[^>]*>[\s\S]*?höchstens 100 Zeichen/)
      const bad = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'T',
        body: 'x',
        slug: 'Mit Leerzeichen',
      })
      assert.match(bad.body, /nur Kleinbuchstaben/)
      const first = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Doppelt',
        body: 'x',
      })
      assert.equal(first.statusCode, 303)
      const dup = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Anders',
        body: 'x',
        slug: 'doppelt',
      })
      assert.equal(dup.statusCode, 400)
      assert.match(dup.body, /id="feld-slug-error"[^>]*>[\s\S]*?schon vergeben/)
      const unknownTopic = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'T',
        body: 'x',
        topicIds: '00000000-0000-4000-8000-000000000000',
      })
      assert.equal(unknownTopic.statusCode, 400)
      assert.match(unknownTopic.body, /Ein gewähltes Thema gibt es nicht mehr/)
      assert.equal(await countOf(t, sql`select count(*)::int as n from press_releases`), n0 + 1)
      const editUrl = first.headers.location as string
      // Scheduling in the past, or without a date.
      const past = await c.submit(editUrl, `${editUrl}/status`, {
        action: 'schedule',
        publishAt: '2020-01-01T10:00',
      })
      assert.equal(past.statusCode, 400)
      assert.match(past.body, /id="feld-publishAt-error"[^>]*>[\s\S]*?in der Vergangenheit/)
      const none = await c.submit(editUrl, `${editUrl}/status`, { action: 'schedule' })
      assert.match(none.body, /Bitte geben Sie Datum und Uhrzeit der Veröffentlichung ein/)
      const garbage = await c.submit(editUrl, `${editUrl}/status`, {
        action: 'schedule',
        publishAt: 'morgen',
      })
      assert.match(garbage.body, /vollständig ein/)
      const odd = await c.submit(editUrl, `${editUrl}/status`, { action: 'explode' })
      assert.equal(odd.statusCode, 400)
      // Attachments: too large, forbidden type, missing.
      const token = await c.csrfToken(editUrl)
      const big = await postMultipart(
        t,
        c,
        `${editUrl}/anhaenge`,
        { _csrf: token },
        {
          name: 'gross.pdf',
          field: 'file',
          bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]),
          type: 'application/pdf',
        },
      )
      assert.equal(big.statusCode, 413)
      assert.match(
        big.body,
        /id="feld-file-error"[^>]*>[\s\S]*?Die Datei ist zu groß\. Erlaubt sind höchstens 1 MB/,
      )
      const exe = await postMultipart(
        t,
        c,
        `${editUrl}/anhaenge`,
        { _csrf: token },
        {
          name: 'harmlos.pdf',
          field: 'file',
          bytes: Buffer.from([
            0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff,
          ]),
          type: 'application/pdf',
        },
      )
      assert.equal(exe.statusCode, 400)
      assert.match(exe.body, /Dieser Dateityp ist nicht erlaubt/)
      const html = await postMultipart(
        t,
        c,
        `${editUrl}/anhaenge`,
        { _csrf: token },
        {
          name: 'x.pdf',
          field: 'file',
          bytes: Buffer.from('<html><script>alert(1)</script></html>'),
          type: 'application/pdf',
        },
      )
      assert.equal(html.statusCode, 400)
      const nofile = await postMultipart(t, c, `${editUrl}/anhaenge`, { _csrf: token })
      assert.equal(nofile.statusCode, 400)
      assert.match(nofile.body, /Bitte wählen Sie eine Datei aus/)
      assert.equal(await countOf(t, sql`select count(*)::int as n from press_attachments`), 1)
      // Unknown things are 404 pages.
      for (const url of [
        '/presse/redaktion/00000000-0000-4000-8000-000000000000',
        '/presse/redaktion/kein-uuid',
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/vorschau',
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/versionen',
        `${editUrl}/versionen/00000000-0000-4000-8000-000000000000`,
        '/presse/redaktion/kontakte/00000000-0000-4000-8000-000000000000',
      ]) {
        assert.equal((await c.get(url)).statusCode, 404, url)
      }
      const ghost = await c.submit(editUrl, '/presse/redaktion/00000000-0000-4000-8000-000000000000', {
        title: 'x',
        body: 'y',
      })
      assert.equal(ghost.statusCode, 404)
      const ghostStatus = await c.submit(
        editUrl,
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/status',
        {
          action: 'publish',
          confirm: 'ja',
        },
      )
      assert.equal(ghostStatus.statusCode, 404)
      // An id that is no uuid fails the route's params schema: the same 404 page, never a 400 or 500.
      for (const url of [
        `${editUrl}/versionen/kein-uuid`,
        '/presse/redaktion/kontakte/kein-uuid',
        '/presse/redaktion/kein-uuid/vorschau',
      ]) {
        const res = await c.get(url)
        assert.equal(res.statusCode, 404, url)
        assert.match(res.body, /Seite nicht gefunden/, url)
      }
      for (const url of ['/presse/redaktion/kein-uuid/status', `${editUrl}/anhaenge/kein-uuid/entfernen`]) {
        const res = await c.submit(editUrl, url, { action: 'publish' })
        assert.equal(res.statusCode, 404, url)
        assert.match(res.body, /Seite nicht gefunden/, url)
      }
      assert.equal(
        (await c.get('/presse/redaktion/00000000-0000-4000-8000-000000000000/veroeffentlichen')).statusCode,
        404,
      )
      // Topic with a taken slug, contact with a bad postcode.
      const t1 = await c.submit('/presse/redaktion/themen', '/presse/redaktion/themen', {
        name: 'Integration',
      })
      assert.equal(t1.statusCode, 400)
      assert.match(t1.body, /schon vergeben/)
      const c1 = await c.submit('/presse/redaktion/kontakte/neu', '/presse/redaktion/kontakte/neu', {
        name: 'X',
        organisation: 'Y',
        postalCode: '123',
      })
      assert.equal(c1.statusCode, 400)
      assert.match(c1.body, /Postleitzahl mit fünf Ziffern/)
    })

    it('schedules through the form and the job publishes it', async () => {
      const c = await press()
      const created = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Zukunft',
        body: 'Bald.',
      })
      const editUrl = created.headers.location as string
      const res = await c.submit(editUrl, `${editUrl}/status`, {
        action: 'schedule',
        publishAt: '2099-06-01T09:30',
      })
      assert.equal(res.statusCode, 303)
      const page = await c.get(editUrl)
      assert.match(page.body, /Die Veröffentlichung ist geplant für 1\. Juni 2099 um 09:30/)
      const [row] = (
        (await t.deps.db.execute(
          sql`select run_at from jobs where kind = 'press.publish' and status = 'pending'`,
        )) as unknown as {
          rows: { run_at: string | Date }[]
        }
      ).rows
      assert.equal(new Date(row!.run_at).toISOString(), '2099-06-01T07:30:00.000Z')
      await t.deps.db.execute(
        sql`update jobs set run_at = now() where kind = 'press.publish' and status = 'pending'`,
      )
      assert.equal(await t.deps.jobs.runDue(), 1)
      assert.equal((await t.app.inject('/presse/zukunft')).statusCode, 200)
    })
  })
}
