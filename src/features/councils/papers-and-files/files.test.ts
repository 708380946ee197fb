import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { count, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR, listAudit } from '../../../platform/audit'
import { storedFiles } from '../../../platform/files/tables'
import { createPerson } from '../../directory/create-person'
import { assignCouncilStaff } from '../bodies-and-members/assign-council-staff'
import { addMembership, createCouncil } from '../bodies-and-members/manage-councils'
import {
  addAgendaItem,
  approveMinutes,
  createMeeting,
  createPaper,
  inviteMeeting,
  publishMinutes,
  saveMinutes,
} from '../meetings/manage-meetings'
import { councilFiles, councilStaff } from '../tables'
import { addMinutesFile, addPaperFile, removeCouncilFile } from './manage-files'

/** A minimal PDF (file-type recognises "%PDF-"). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const DAY = 24 * 60 * 60 * 1000

/** Posts a multipart form with the client's cookies and a CSRF token from `formUrl`, as a browser does. */
async function upload(
  t: TestApp,
  c: Client,
  formUrl: string,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
) {
  const token = await c.csrfToken(formUrl)
  const boundary = '----teilhabe-councils-files'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries({ _csrf: token, ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
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

const downloadPath = (fileId: string) => `/dateien/${fileId}/x`

for (const kind of dbKinds()) {
  describe(`files of papers and minutes (${kind})`, () => {
    let t: TestApp
    const ids = {} as Record<
      | 'council'
      | 'other'
      | 'meeting'
      | 'later'
      | 'publicPaper'
      | 'secretPaper'
      | 'publicPaperItem'
      | 'secretPaperItem',
      string
    >
    const signedIn = async (email: string) => {
      const c = new Client(t.app)
      await c.signIn(email)
      return c
    }
    const fileRowCount = async () => Number((await t.deps.db.select({ n: count() }).from(councilFiles))[0]!.n)
    const storedCount = async () => Number((await t.deps.db.select({ n: count() }).from(storedFiles))[0]!.n)
    const storedIdOf = async (rowId: string) =>
      (await t.deps.db.select().from(councilFiles).where(eq(councilFiles.id, rowId)))[0]!.fileId

    before(async () => {
      t = await createTestApp(kind, { UPLOAD_MAX_MB: '1' })
      const db = t.deps.db
      ids.council = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Dateitest' })
      ids.other = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Anderswo' })
      await t.createUser(`office-${kind}@example.org`, ['agah_office'])
      const own = await t.createUser(`sekretariat-${kind}@example.org`, ['council_secretary'])
      await db.insert(councilStaff).values({ userId: own, councilId: ids.council })
      const foreign = await t.createUser(`fremd-${kind}@example.org`, ['council_secretary'])
      await db.insert(councilStaff).values({ userId: foreign, councilId: ids.other })
      // a delegate who is a member of the body, and one who is not
      for (const [who, council] of [
        ['mitglied', ids.council],
        ['aussen', ids.other],
      ] as const) {
        const person = await createPerson(db, CLI_ACTOR, { givenName: 'Dele', familyName: `Gierte ${who}` })
        const m = await addMembership(db, CLI_ACTOR, {
          councilId: council,
          personId: person,
          role: 'member',
          startsOn: '2020-01-01',
        })
        assert.ok(m.ok)
        await t.createUser(`${who}-${kind}@example.org`, ['delegate'])
        assert.ok(
          (await assignCouncilStaff(db, CLI_ACTOR, { email: `${who}-${kind}@example.org`, personId: person }))
            .ok,
        )
      }
      // a meeting in the past with a public and a non-public item, each with a paper
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: ids.council,
        title: 'Sitzung mit Dateien',
        startsAt: new Date(Date.now() - 2 * DAY),
      })
      assert.ok(m.ok)
      ids.meeting = m.value
      for (const [key, isPublic] of [
        ['publicPaper', true],
        ['secretPaper', false],
      ] as const) {
        const p = await createPaper(db, CLI_ACTOR, {
          councilId: ids.council,
          kind: 'motion',
          title: `Antrag ${key}`,
          date: new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10),
        })
        assert.ok(p.ok)
        ids[key] = p.value
        const item = await addAgendaItem(db, CLI_ACTOR, {
          meetingId: m.value,
          title: `TOP ${key}`,
          public: isPublic,
          paperId: p.value,
        })
        assert.ok(item.ok)
        ids[`${key}Item`] = item.value
      }
      const later = await createMeeting(db, CLI_ACTOR, {
        councilId: ids.council,
        title: 'Folgesitzung',
        // Minutes are approved at a meeting that has taken place.
        startsAt: new Date(Date.now() - DAY),
      })
      assert.ok(later.ok)
      ids.later = later.value
    })
    after(() => t.close())

    it('lets the staff upload a paper file without JavaScript and lists it with name, type and size', async () => {
      const office = await signedIn(`office-${kind}@example.org`)
      const page = `/verwaltung/vorlagen/${ids.publicPaper}/dateien`
      const edit = await office.get(`/verwaltung/vorlagen/${ids.publicPaper}`)
      assert.match(
        edit.body,
        new RegExp(`href="${page}">Dateien zur Vorlage`),
        'linked from the paper staff page',
      )
      assert.match((await office.get(`/vorlagen/${ids.publicPaper}`)).body, new RegExp(`href="${page}"`))
      const form = await office.get(page)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /enctype="multipart\/form-data"/)
      const res = await upload(
        t,
        office,
        page,
        page,
        { role: 'main', name: 'Antragstext (unterschrieben)' },
        {
          name: 'antrag.pdf',
          bytes: PDF,
          type: 'application/pdf',
        },
      )
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, page)
      const attach = await upload(
        t,
        office,
        page,
        page,
        { role: 'attachment' },
        { name: 'Lageplan.png', bytes: PNG },
      )
      assert.equal(attach.statusCode, 303, attach.body)

      const anon = new Client(t.app)
      const paper = await anon.get(`/vorlagen/${ids.publicPaper}`)
      assert.equal(paper.statusCode, 200)
      assert.match(
        paper.body,
        /<a class="kern-link" href="\/dateien\/[0-9a-f-]{36}\/antrag\.pdf">Antragstext \(unterschrieben\) \(PDF, 1 KB\)<\/a> – Hauptdokument/,
      )
      assert.match(paper.body, /Lageplan \(PNG, 1 KB\)/)
      assert.doesNotMatch(paper.body, /Dateien zur Vorlage .* verwalten/, 'no staff link for visitors')
      const meeting = await anon.get(`/sitzungen/${ids.meeting}`)
      assert.match(meeting.body, /Antragstext \(unterschrieben\) \(PDF, 1 KB\)/)
      const english = await anon.get(`/en/vorlagen/${ids.publicPaper}`)
      assert.match(english.body, /Main document/)

      const audit = await listAudit(t.deps.db, {
        entityType: 'paper',
        entityId: ids.publicPaper,
        limit: 100,
        offset: 0,
      })
      assert.equal(audit.filter((a) => a.action === 'paper.file.add').length, 2)
    })

    it('refuses a wrong type, a too large (413), an empty and a missing file with 400 next to the field, writing nothing', async () => {
      const office = await signedIn(`office-${kind}@example.org`)
      const page = `/verwaltung/vorlagen/${ids.secretPaper}/dateien`
      const rows = await fileRowCount()
      const stored = await storedCount()
      const cases: [string, { name: string; bytes: Buffer } | undefined, RegExp][] = [
        [
          'text',
          { name: 'notiz.pdf', bytes: Buffer.from('nur Text, kein PDF') },
          /Dateityp ist nicht erlaubt/,
        ],
        [
          'html',
          { name: 'seite.html', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
          /Dateityp/,
        ],
        [
          'large',
          { name: 'gross.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]) },
          /zu groß \(höchstens 1 MB\)/,
        ],
        ['empty', { name: 'leer.pdf', bytes: Buffer.alloc(0) }, /Die Datei ist leer/],
        ['missing', undefined, /Bitte wählen Sie eine Datei aus/],
      ]
      for (const [label, file, message] of cases) {
        const res = await upload(t, office, page, page, { role: 'attachment', name: `Probe ${label}` }, file)
        // Too large is 413: the file was cut off while streaming and nothing of it was kept.
        assert.equal(res.statusCode, label === 'large' ? 413 : 400, `${label}: ${res.statusCode}`)
        assert.match(res.body, message, label)
        assert.match(res.body, /id="feld-file-error"/, `${label}: message next to the field`)
        assert.match(res.body, /error-summary/)
        assert.match(res.body, new RegExp(`value="Probe ${label}"`), `${label}: values kept`)
      }
      const badRole = await upload(t, office, page, page, { role: 'other' }, { name: 'a.pdf', bytes: PDF })
      assert.equal(badRole.statusCode, 400)
      assert.match(badRole.body, /id="feld-role-error"/)
      assert.equal(await fileRowCount(), rows, 'no file rows')
      assert.equal(await storedCount(), stored, 'no stored files')

      // one main file per paper
      const first = await upload(
        t,
        office,
        page,
        page,
        { role: 'main' },
        { name: 'Vertraulich.pdf', bytes: PDF },
      )
      assert.equal(first.statusCode, 303)
      const second = await upload(
        t,
        office,
        page,
        page,
        { role: 'main' },
        { name: 'Zweites.pdf', bytes: PDF },
      )
      assert.equal(second.statusCode, 400)
      assert.match(second.body, /bereits ein Hauptdokument/)
      assert.match(second.body, /id="feld-role-error"/)
      assert.equal(await fileRowCount(), rows + 1)
    })

    it('lets only the staff of the council manage files', async () => {
      const page = `/verwaltung/vorlagen/${ids.publicPaper}/dateien`
      assert.equal((await new Client(t.app).get(page)).statusCode, 303, 'visitors are sent to sign in')
      const foreign = await signedIn(`fremd-${kind}@example.org`)
      assert.equal((await foreign.get(page)).statusCode, 403)
      assert.equal((await foreign.get(`/verwaltung/sitzungen/${ids.meeting}/dateien`)).statusCode, 403)
      const refused = await upload(
        t,
        foreign,
        `/verwaltung/beiraete/${ids.other}`,
        page,
        { role: 'attachment' },
        {
          name: 'x.pdf',
          bytes: PDF,
        },
      )
      assert.equal(refused.statusCode, 403)
      const delegate = await signedIn(`mitglied-${kind}@example.org`)
      assert.equal((await delegate.get(page)).statusCode, 403)
      const own = await signedIn(`sekretariat-${kind}@example.org`)
      assert.equal((await own.get(page)).statusCode, 200)
      const ok = await upload(
        t,
        own,
        page,
        page,
        { role: 'attachment', name: 'Vom Sekretariat' },
        {
          name: 's.pdf',
          bytes: PDF,
        },
      )
      assert.equal(ok.statusCode, 303)
      assert.equal((await own.get('/verwaltung/vorlagen/kaputt/dateien')).statusCode, 404)
    })

    it('serves paper files by the visibility of the paper: public to all, non-public to staff and the body’s delegates', async () => {
      const db = t.deps.db
      const pub = await addPaperFile(db, t.deps.files, CLI_ACTOR, ids.publicPaper, {
        role: 'attachment',
        name: 'Öffentlich',
        fileName: 'oeffentlich.pdf',
        bytes: PDF,
        truncated: false,
      })
      const sec = await addPaperFile(db, t.deps.files, CLI_ACTOR, ids.secretPaper, {
        role: 'attachment',
        name: 'Geheim',
        fileName: 'geheim.pdf',
        bytes: PDF,
        truncated: false,
      })
      assert.ok(pub.ok && sec.ok)
      const pubFile = downloadPath(await storedIdOf(pub.value))
      const secFile = downloadPath(await storedIdOf(sec.value))
      const who = {
        anonymous: new Client(t.app),
        delegate: await signedIn(`mitglied-${kind}@example.org`),
        otherDelegate: await signedIn(`aussen-${kind}@example.org`),
        office: await signedIn(`office-${kind}@example.org`),
        secretary: await signedIn(`sekretariat-${kind}@example.org`),
        otherSecretary: await signedIn(`fremd-${kind}@example.org`),
      }
      for (const [name, c] of Object.entries(who)) {
        const res = await c.get(pubFile)
        assert.equal(res.statusCode, 200, `${name} downloads the public paper's file`)
        assert.equal(res.headers['content-type'], 'application/pdf')
      }
      const expected: Record<keyof typeof who, number> = {
        anonymous: 303,
        delegate: 200,
        otherDelegate: 403,
        office: 200,
        secretary: 200,
        otherSecretary: 403,
      }
      for (const [name, status] of Object.entries(expected))
        assert.equal(
          (await who[name as keyof typeof who].get(secFile)).statusCode,
          status,
          `${name}: non-public`,
        )
      // pages agree: the non-public paper's files are not listed to visitors
      assert.equal((await who.anonymous.get(`/vorlagen/${ids.secretPaper}`)).statusCode, 404)
      assert.match((await who.delegate.get(`/vorlagen/${ids.secretPaper}`)).body, /Geheim \(PDF/)
      assert.doesNotMatch((await who.anonymous.get(`/sitzungen/${ids.meeting}`)).body, /Geheim/)
      assert.match((await who.delegate.get(`/sitzungen/${ids.meeting}`)).body, /Geheim \(PDF/)

      // removed before publication: gone from the page, the download refused to everyone but the staff
      const removed = await removeCouncilFile(db, CLI_ACTOR, { paperId: ids.publicPaper }, pub.value)
      assert.ok(removed.ok)
      assert.doesNotMatch((await who.anonymous.get(`/vorlagen/${ids.publicPaper}`)).body, /Öffentlich/)
      assert.equal((await who.anonymous.get(pubFile)).statusCode, 303)
      assert.equal((await who.delegate.get(pubFile)).statusCode, 403)
      assert.equal((await who.office.get(pubFile)).statusCode, 200)
      assert.equal((await who.otherSecretary.get(pubFile)).statusCode, 403)
    })

    it('keeps paper files once the paper went out with an invitation (removal refused, attachments allowed)', async () => {
      const db = t.deps.db
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: ids.council,
        title: 'Eingeladen',
        startsAt: new Date(Date.now() + 5 * DAY),
      })
      assert.ok(m.ok)
      const p = await createPaper(db, CLI_ACTOR, {
        councilId: ids.council,
        kind: 'report',
        title: 'Bericht',
        date: new Date().toISOString().slice(0, 10),
      })
      assert.ok(p.ok)
      assert.ok(
        (
          await addAgendaItem(db, CLI_ACTOR, {
            meetingId: m.value,
            title: 'Bericht',
            public: true,
            paperId: p.value,
          })
        ).ok,
      )
      const f = await addPaperFile(db, t.deps.files, CLI_ACTOR, p.value, {
        role: 'main',
        fileName: 'bericht.pdf',
        bytes: PDF,
        truncated: false,
      })
      assert.ok(f.ok)
      assert.ok((await inviteMeeting(db, CLI_ACTOR, m.value)).ok)
      assert.deepEqual(await removeCouncilFile(db, CLI_ACTOR, { paperId: p.value }, f.value), {
        ok: false,
        problems: [{ field: '_form', key: 'councils.files.error.paperPublished' }],
      })
      const office = await signedIn(`office-${kind}@example.org`)
      const page = `/verwaltung/vorlagen/${p.value}/dateien`
      const body = (await office.get(page)).body
      assert.match(body, /können nicht mehr entfernt werden/)
      assert.doesNotMatch(body, /entfernen"/)
      const token = await office.csrfToken(page)
      const res = await office.post(`${page}/${f.value}/entfernen`, { _csrf: token })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /mit der Einladung veröffentlicht/)
      const more = await upload(
        t,
        office,
        page,
        page,
        { role: 'attachment' },
        { name: 'nachtrag.pdf', bytes: PDF },
      )
      assert.equal(more.statusCode, 303)
    })

    it('keeps draft minutes files for the staff and publishes them with the minutes', async () => {
      const db = t.deps.db
      const office = await signedIn(`office-${kind}@example.org`)
      const page = `/verwaltung/sitzungen/${ids.meeting}/dateien`
      assert.match(
        (await office.get(`/verwaltung/sitzungen/${ids.meeting}/niederschrift`)).body,
        /Dateien der Niederschrift verwalten/,
      )
      const res = await upload(
        t,
        office,
        page,
        page,
        { role: 'main', name: 'Niederschrift der Sitzung' },
        {
          name: 'niederschrift.pdf',
          bytes: PDF,
        },
      )
      assert.equal(res.statusCode, 303, res.body)
      const extra = await addMinutesFile(db, t.deps.files, CLI_ACTOR, ids.meeting, {
        role: 'attachment',
        name: 'Anwesenheitsliste',
        fileName: 'liste.pdf',
        bytes: PDF,
        truncated: false,
      })
      assert.ok(extra.ok)
      const wrong = await addMinutesFile(db, t.deps.files, CLI_ACTOR, ids.meeting, {
        role: 'attachment',
        name: 'Falsch',
        fileName: 'falsch.pdf',
        bytes: PDF,
        truncated: false,
      })
      assert.ok(wrong.ok)
      const remove = await office.post(`${page}/${wrong.value}/entfernen`, {
        _csrf: await office.csrfToken(page),
      })
      assert.equal(remove.statusCode, 303)
      const [main] = await db
        .select()
        .from(councilFiles)
        .where(eq(councilFiles.name, 'Niederschrift der Sitzung'))
      const file = downloadPath(main!.fileId)

      const who = {
        anonymous: new Client(t.app),
        delegate: await signedIn(`mitglied-${kind}@example.org`),
        office,
        secretary: await signedIn(`sekretariat-${kind}@example.org`),
        otherSecretary: await signedIn(`fremd-${kind}@example.org`),
      }
      const draft: Record<keyof typeof who, number> = {
        anonymous: 303,
        delegate: 403,
        office: 200,
        secretary: 200,
        otherSecretary: 403,
      }
      for (const [name, status] of Object.entries(draft))
        assert.equal(
          (await who[name as keyof typeof who].get(file)).statusCode,
          status,
          `${name}: draft minutes`,
        )
      assert.doesNotMatch(
        (await who.anonymous.get(`/sitzungen/${ids.meeting}`)).body,
        /Niederschrift der Sitzung/,
      )

      assert.ok((await saveMinutes(db, CLI_ACTOR, ids.meeting, { [ids.publicPaperItem]: 'Beraten.' })).ok)
      assert.ok((await approveMinutes(db, CLI_ACTOR, ids.meeting, ids.later)).ok)
      assert.ok((await publishMinutes(db, CLI_ACTOR, ids.meeting)).ok)
      for (const [name, c] of Object.entries(who))
        assert.equal((await c.get(file)).statusCode, 200, `${name}: published`)
      const pageBody = (await who.anonymous.get(`/sitzungen/${ids.meeting}`)).body
      assert.match(pageBody, /Niederschrift der Sitzung \(PDF, 1 KB\)<\/a> – Niederschrift \(Dokument\)/)
      assert.match(pageBody, /Anwesenheitsliste \(PDF, 1 KB\)/)
      assert.doesNotMatch(pageBody, /Falsch/)

      // published minutes are final
      assert.deepEqual(await removeCouncilFile(db, CLI_ACTOR, { meetingId: ids.meeting }, extra.value), {
        ok: false,
        problems: [{ field: '_form', key: 'councils.files.error.minutesPublished' }],
      })
      const late = await upload(
        t,
        office,
        page,
        page,
        { role: 'attachment' },
        { name: 'spaet.pdf', bytes: PDF },
      )
      assert.equal(late.statusCode, 400)
      assert.match(late.body, /bereits veröffentlicht/)
      const audit = await listAudit(db, {
        entityType: 'meeting',
        entityId: ids.meeting,
        limit: 100,
        offset: 0,
      })
      assert.ok(audit.some((a) => a.action === 'meeting.minutes.file.add'))
      assert.ok(audit.some((a) => a.action === 'meeting.minutes.file.remove'))
    })
  })
}
