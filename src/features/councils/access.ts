import { and, asc, eq, gte, isNotNull, isNull, lte, ne, or } from 'drizzle-orm'
import { defineAccess } from '../../platform/access-rules'
import { CLI_ACTOR } from '../../platform/audit'
import { users } from '../../platform/auth/tables'
import { assignCouncilStaff } from './bodies-and-members/assign-council-staff'
import {
  agahStateSeats,
  agendaItems,
  councilFiles,
  councilMemberships,
  councils,
  councilTerms,
  meetings,
  papers,
} from './tables'

/** Who manages council A (the council of the demo meetings): the agah office, administrators, its secretary. */
const staffOfA = ['agah_office', 'admin', 'council_secretary']
/** The agah office's own screens. */
const office = ['agah_office', 'admin']

/**
 * Councils, meetings and papers (authorisation matrix). The matrix council_secretary is linked to
 * council A (the one holding the demo meetings and papers), the persona otherSecretary to another
 * council B; the matrix delegate is linked to a person who sits in A, otherDelegate to one who does not.
 * Record level: otherSecretary is refused on every staff route of A's records; a paper on a
 * non-public agenda item is shown to A's staff and delegate only (404 for everyone else).
 */
export const access = defineAccess({
  async fixtures({ deps, users: matrix, persona }) {
    const db = deps.db
    const [meeting] = await db.select().from(meetings).orderBy(asc(meetings.startsAt)).limit(1)
    if (!meeting) throw new Error('the demo data has no meetings')
    const councilA = meeting.councilId
    const [councilB] = await db
      .select({ id: councils.id })
      .from(councils)
      .where(and(ne(councils.id, councilA), eq(councils.kind, 'auslaenderbeirat')))
      .limit(1)
    const [paper] = await db.select().from(papers).where(eq(papers.councilId, councilA)).limit(1)
    const [term] = await db.select().from(councilTerms).where(eq(councilTerms.councilId, councilA)).limit(1)
    // A member of A on the day of the first meeting (the delegate's person).
    const day = meeting.startsAt.toISOString().slice(0, 10)
    const [membership] = await db
      .select()
      .from(councilMemberships)
      .where(
        and(
          eq(councilMemberships.councilId, councilA),
          isNull(councilMemberships.deletedAt),
          lte(councilMemberships.startsOn, day),
          or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
        ),
      )
      .limit(1)
    const [outsider] = await db
      .select({ personId: councilMemberships.personId })
      .from(councilMemberships)
      .where(eq(councilMemberships.councilId, councilB!.id))
      .limit(1)
    const [seat] = await db.select({ id: agahStateSeats.id }).from(agahStateSeats).limit(1)
    const [minutesFile] = await db
      .select({ id: councilFiles.id, fileId: councilFiles.fileId, meetingId: councilFiles.meetingId })
      .from(councilFiles)
      .where(isNotNull(councilFiles.meetingId))
      .limit(1)
    if (!councilB || !paper || !term || !membership || !outsider || !seat || !minutesFile)
      throw new Error('the demo data lacks a council record the matrix needs')

    const email = async (id: string) =>
      (await db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]!.email
    const link = async (userId: string, input: { councilId?: string; personId?: string }) => {
      const r = await assignCouncilStaff(db, CLI_ACTOR, { email: await email(userId), ...input })
      if (!r.ok) throw new Error(`could not link ${userId}`)
    }
    await link(matrix.council_secretary!, { councilId: councilA })
    await link(await persona('otherSecretary', ['council_secretary']), { councilId: councilB.id })
    await link(matrix.delegate!, { personId: membership.personId })
    await link(await persona('otherDelegate', ['delegate']), { personId: outsider.personId })

    // A paper only on a non-public agenda item of A's first meeting.
    const [secret] = await db
      .insert(papers)
      .values({
        councilId: councilA,
        kind: 'motion',
        reference: 'MATRIX/1',
        title: 'Nicht öffentliche Vorlage',
        date: day,
      })
      .returning({ id: papers.id })
    await db.insert(agendaItems).values({
      meetingId: meeting.id,
      position: 99,
      title: 'Nicht öffentlich',
      public: false,
      paperId: secret!.id,
    })
    return {
      councilA,
      councilB: councilB.id,
      meetingId: meeting.id,
      minutesMeetingId: minutesFile.meetingId!,
      minutesFileId: minutesFile.id,
      paperId: paper.id,
      secretPaperId: secret!.id,
      termId: term.id,
      membershipId: membership.id,
      seatId: seat.id,
    }
  },
  routes: {
    'GET /beiraete': { allow: 'anyone' },
    // The agah has its own page (/agah); a municipal council's page is public.
    'GET /beiraete/:id': { allow: 'anyone', params: (f) => ({ id: f.councilB }) },
    'GET /integrationskonferenz': { allow: 'anyone' },
    'GET /agah': { allow: 'anyone' },
    'GET /sitzungen': { allow: 'anyone' },
    'GET /sitzungen/:id': { allow: 'anyone', params: (f) => ({ id: f.meetingId }) },
    'GET /sitzungen/:id/kalender.ics': { allow: 'anyone', params: (f) => ({ id: f.meetingId }) },
    'GET /beiraete/:id/kalender.ics': { allow: 'anyone', params: (f) => ({ id: f.councilA }) },
    'GET /agah/kalender.ics': { allow: 'anyone' },
    'GET /vorlagen/:id': {
      allow: [...staffOfA, 'delegate'],
      params: (f) => ({ id: f.secretPaperId }),
      refused: 404,
    },
    'GET /beiraete/sitemap.xml': { allow: 'anyone' },

    // Staff screens of council A: the agah office, administrators and A's secretary, not B's.
    'GET /verwaltung/beiraete/:id': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'GET /verwaltung/beiraete/:id/mitglieder/neu': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'POST /verwaltung/beiraete/:id/mitglieder': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'GET /verwaltung/beiraete/:id/einstellungen': { allow: office, params: (f) => ({ id: f.councilA }) },
    // The agah's settings (voting rules) are the agah office's, not a secretary's.
    'POST /verwaltung/beiraete/:id/einstellungen': { allow: office, params: (f) => ({ id: f.councilA }) },
    'GET /verwaltung/beiraete/:id/sitzungen/neu': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'POST /verwaltung/beiraete/:id/sitzungen': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'GET /verwaltung/beiraete/:id/wahlperioden/neu': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'POST /verwaltung/beiraete/:id/wahlperioden': { allow: staffOfA, params: (f) => ({ id: f.councilA }) },
    'GET /verwaltung/beiraete/:id/wahlperioden/:termId': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, termId: f.termId }),
    },
    'POST /verwaltung/beiraete/:id/wahlperioden/:termId': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, termId: f.termId }),
    },
    'GET /verwaltung/beiraete/:id/mitglieder/vorhanden': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA }),
    },
    'POST /verwaltung/beiraete/:id/mitglieder/vorhanden': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA }),
    },
    'GET /verwaltung/beiraete/:id/mitglieder/:membershipId': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, membershipId: f.membershipId }),
    },
    'POST /verwaltung/beiraete/:id/mitglieder/:membershipId': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, membershipId: f.membershipId }),
    },
    'POST /verwaltung/beiraete/:id/mitglieder/:membershipId/beenden': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, membershipId: f.membershipId }),
    },
    'POST /verwaltung/beiraete/:id/mitglieder/:membershipId/entfernen': {
      allow: staffOfA,
      params: (f) => ({ id: f.councilA, membershipId: f.membershipId }),
    },
    'GET /verwaltung/sitzungen/:id': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'GET /verwaltung/sitzungen/:id/tagesordnung': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'GET /verwaltung/sitzungen/:id/anwesenheit': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'GET /verwaltung/sitzungen/:id/abstimmung': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'GET /verwaltung/sitzungen/:id/wahl': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'GET /verwaltung/sitzungen/:id/niederschrift': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/einladen': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/absagen': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/tagesordnung': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/anwesenheit': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/abstimmung': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/wahl': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/niederschrift': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/genehmigen': { allow: staffOfA, params: (f) => ({ id: f.meetingId }) },
    'POST /verwaltung/sitzungen/:id/veroeffentlichen': {
      allow: staffOfA,
      params: (f) => ({ id: f.meetingId }),
    },
    'GET /verwaltung/sitzungen/:id/dateien': { allow: staffOfA, params: (f) => ({ id: f.minutesMeetingId }) },
    'POST /verwaltung/sitzungen/:id/dateien': {
      allow: staffOfA,
      params: (f) => ({ id: f.minutesMeetingId }),
    },
    'POST /verwaltung/sitzungen/:id/dateien/:fileId/entfernen': {
      allow: staffOfA,
      params: (f) => ({ id: f.minutesMeetingId, fileId: f.minutesFileId }),
    },
    'GET /verwaltung/vorlagen/:id': { allow: staffOfA, params: (f) => ({ id: f.paperId }) },
    'POST /verwaltung/vorlagen/:id': { allow: staffOfA, params: (f) => ({ id: f.paperId }) },
    'POST /verwaltung/vorlagen/:id/zurueckziehen': { allow: staffOfA, params: (f) => ({ id: f.paperId }) },
    'GET /verwaltung/vorlagen/:id/dateien': { allow: staffOfA, params: (f) => ({ id: f.paperId }) },
    'POST /verwaltung/vorlagen/:id/dateien': { allow: staffOfA, params: (f) => ({ id: f.paperId }) },
    'POST /verwaltung/vorlagen/:id/dateien/:fileId/entfernen': {
      allow: staffOfA,
      params: (f) => ({ id: f.paperId, fileId: f.minutesFileId }),
    },

    // The agah office's screens: state seats and staff accounts.
    'GET /verwaltung/agah': { allow: office, status: 303 },
    'GET /verwaltung/mein-beirat': { allow: ['council_secretary', 'otherSecretary'], status: 303 },
    'GET /verwaltung/agah/sitze': { allow: office },
    'POST /verwaltung/agah/sitze': { allow: office },
    'GET /verwaltung/agah/sitze/:seatId': { allow: office, params: (f) => ({ seatId: f.seatId }) },
    'POST /verwaltung/agah/sitze/:seatId': { allow: office, params: (f) => ({ seatId: f.seatId }) },
    'POST /verwaltung/agah/sitze/:seatId/beenden': { allow: office, params: (f) => ({ seatId: f.seatId }) },
    'GET /verwaltung/agah/konten': { allow: office },
    'POST /verwaltung/agah/konten/sekretariat': { allow: office },
    'POST /verwaltung/agah/konten/delegierte': { allow: office },
    'POST /verwaltung/agah/konten/loesen': { allow: office },
  },
})
