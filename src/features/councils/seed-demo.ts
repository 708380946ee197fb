import { eq } from 'drizzle-orm'
import { CLI_ACTOR } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser } from '../../platform/auth/users'
import type { AppDeps } from '../../platform/feature'
import { problemKey } from '../../platform/outcome'
import { createOrganisation, createPerson, importPlacesFromFiles, placeByKey } from '../directory/public'
import { assignCouncilStaff } from './bodies-and-members/assign-council-staff'
import { addMembership, addTerm, createCouncil } from './bodies-and-members/manage-councils'
import { demoPdf } from './demo-pdf'
import {
  addAgendaItem,
  addMotionToAgenda,
  approveMinutes,
  createMeeting,
  eligibleMembers,
  publishMinutes,
  recordVote,
  saveMinutes,
  setAttendance,
} from './meetings/manage-meetings'
import { addMinutesFile } from './papers-and-files/manage-files'
import { agahStateSeats, councils, type MemberRole, meetings } from './tables'

/** Real municipalities, fictional members ("Muster…", "Beispiel…" names). */
const DEMO_COUNCILS = [
  { key: '06412000', name: 'Kommunale Ausländerinnen- und Ausländervertretung Frankfurt am Main', seats: 37 },
  { key: '06414000', name: 'Ausländerbeirat Wiesbaden', seats: 31 },
  { key: '06411000', name: 'Ausländerbeirat Darmstadt', seats: 25 },
  { key: '06413000', name: 'Ausländerbeirat Offenbach am Main', seats: 25 },
  { key: '06611000', name: 'Ausländerbeirat Kassel', seats: 25 },
  { key: '06437004', name: 'Ausländerbeirat Breuberg', seats: 5 },
] as const

const GIVEN = [
  'Aylin',
  'Jonas',
  'Mariam',
  'Luca',
  'Fatma',
  'Dimitri',
  'Elif',
  'Tomasz',
  'Amina',
  'Kofi',
  'Nuria',
  'Sami',
]
const FAMILY = ['Musterfrau', 'Beispielmann', 'Probe', 'Testmann', 'Muster', 'Exempel']

const AGAH_NAME = 'Plenarversammlung der agah'
const TERM_2021 = { startsOn: '2021-04-01', endsOn: '2026-03-31', electionOn: '2021-03-14' }
const TERM_2026 = { startsOn: '2026-04-01', endsOn: '2031-03-31', electionOn: '2026-03-15' }

export async function seedCouncilsDemo(deps: AppDeps, print: (line: string) => void): Promise<void> {
  const db = deps.db
  const result = await importPlacesFromFiles(db, CLI_ACTOR)
  print(`Places: ${result.inserted} added, ${result.updated} updated.`)
  const [existing] = await db.select({ id: councils.id }).from(councils).where(eq(councils.name, AGAH_NAME))
  if (existing) return

  let n = 0
  const person = async () => {
    const givenName = GIVEN[n % GIVEN.length]!
    const familyName = `${FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]}${n >= GIVEN.length * FAMILY.length ? ` ${n}` : ''}`
    n++
    return createPerson(db, CLI_ACTOR, {
      givenName,
      familyName,
      email: `${givenName.toLowerCase()}.${familyName.toLowerCase().replace(/\s/g, '')}@beispiel.example`,
      publicContactConsent: n % 3 === 0,
    })
  }
  const member = async (councilId: string, role: MemberRole, delegatedById?: string) => {
    const personId = await person()
    const r = await addMembership(db, CLI_ACTOR, {
      councilId,
      personId,
      role,
      startsOn: TERM_2026.startsOn,
      endsOn: TERM_2026.endsOn,
      delegatedById: delegatedById ?? null,
    })
    if (!r.ok) throw new Error(`demo membership refused: ${problemKey(r)}`)
    return personId
  }

  const agah = await createCouncil(db, CLI_ACTOR, {
    kind: 'agah',
    name: AGAH_NAME,
    shortName: 'agah',
    delegatesPerCouncil: 2,
    quorumPercent: 50,
    website: 'https://www.agah-hessen.de',
  })
  const board = await createCouncil(db, CLI_ACTOR, {
    kind: 'agah_board',
    name: 'Vorstand der agah',
    parentId: agah,
  })
  await addTerm(db, CLI_ACTOR, { councilId: agah, ...TERM_2026, seats: DEMO_COUNCILS.length * 2 })
  await addTerm(db, CLI_ACTOR, { councilId: board, ...TERM_2026, seats: 5 })
  await member(board, 'chair')
  await member(board, 'deputy')
  await member(board, 'deputy')
  await member(board, 'secretary')
  await member(board, 'member')

  for (const c of DEMO_COUNCILS) {
    const place = await placeByKey(db, c.key)
    const id = await createCouncil(db, CLI_ACTOR, {
      kind: 'auslaenderbeirat',
      name: c.name,
      placeId: place?.id ?? null,
      agahMember: true,
    })
    await addTerm(db, CLI_ACTOR, { councilId: id, ...TERM_2021, seats: c.seats })
    await addTerm(db, CLI_ACTOR, { councilId: id, ...TERM_2026, seats: c.seats })
    await member(id, 'chair')
    await member(id, 'deputy')
    await member(id, 'secretary')
    await member(id, 'member')
    await member(agah, 'delegate', id)
    await member(agah, 'delegate', id)
  }
  const seatHolder = await person()
  const conference = await seedConferenceDemo(deps, agah, seatHolder, person, print)
  await db.insert(agahStateSeats).values([
    {
      bodyName: 'Integrationskonferenz des Landes Hessen',
      seat: 'Mitglied',
      personId: seatHolder,
      councilId: conference,
      startsOn: TERM_2026.startsOn,
    },
    { bodyName: 'Landesjugendhilfeausschuss', seat: 'Mitglied', personId: null },
  ])
  await seedMeetingsDemo(deps, agah)
  const password = generatePassword()
  const email = 'agah@teilhabe.example'
  const user = await createUser(
    db,
    CLI_ACTOR,
    { email, displayName: 'Demo-Geschäftsstelle agah', password, roles: ['agah_office'] },
    deps.permissions.roles,
  )
  if (user.ok)
    print(
      `Demo agah office: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
    )
  print(`Councils: the agah and ${DEMO_COUNCILS.length} advisory councils with fictional members.`)
}

/**
 * The demo plenaries: one in spring 2026 whose minutes were approved in autumn and are published with
 * their PDF, the plenary in Breuberg-Neustadt (cf. the ministry's press release) with a motion and its
 * result, and the next one.
 */
export async function seedMeetingsDemo(deps: AppDeps, agah: string): Promise<void> {
  const db = deps.db
  const spring = await createMeeting(db, CLI_ACTOR, {
    councilId: agah,
    title: 'Plenarversammlung der agah (Frühjahr 2026)',
    startsAt: new Date('2026-04-25T08:00:00Z'),
    endsAt: new Date('2026-04-25T13:00:00Z'),
    locationName: 'Stadthalle Gießen',
    locationAddress: 'Berliner Platz 2, 35390 Gießen',
  })
  if (!spring.ok) throw new Error(problemKey(spring) ?? 'refused')
  const budget = await addMotionToAgenda(db, CLI_ACTOR, {
    meetingId: spring.value,
    title: 'Arbeitsprogramm der agah für die Wahlperiode 2026–2031',
    body: 'Die Plenarversammlung beschließt das Arbeitsprogramm des Vorstands für die neue Wahlperiode. (Demo-Antrag)',
    submittedByText: 'Vorstand der agah',
    public: true,
    majorityRule: 'simple',
  })
  if (!budget.ok) throw new Error(problemKey(budget) ?? 'refused')
  const [springRow] = await db.select().from(meetings).where(eq(meetings.id, spring.value))
  const springPresent = (await eligibleMembers(db, springRow!)).slice(0, 10).map((m) => m.personId)
  await setAttendance(db, CLI_ACTOR, spring.value, springPresent)
  await recordVote(db, CLI_ACTOR, {
    meetingId: spring.value,
    agendaItemId: budget.value,
    yes: 9,
    no: 0,
    abstain: 1,
  })
  const springMinutes =
    'Das Arbeitsprogramm wird mit 9 Ja-Stimmen, 0 Nein-Stimmen und 1 Enthaltung beschlossen.'
  await saveMinutes(db, CLI_ACTOR, spring.value, { [budget.value]: springMinutes })
  const held = await createMeeting(db, CLI_ACTOR, {
    councilId: agah,
    title: 'Plenarversammlung der agah in Breuberg-Neustadt',
    startsAt: new Date('2026-10-17T08:00:00Z'),
    endsAt: new Date('2026-10-17T14:00:00Z'),
    locationName: 'Bürgerhaus Breuberg-Neustadt',
    locationAddress: '64747 Breuberg',
  })
  if (!held.ok) throw new Error(problemKey(held) ?? 'refused')
  await addAgendaItem(db, CLI_ACTOR, {
    meetingId: held.value,
    title: 'Grußwort des Bevollmächtigten für Integration',
    public: true,
  })
  const motion = await addMotionToAgenda(db, CLI_ACTOR, {
    meetingId: held.value,
    title: 'Kommunales Wahlrecht für alle Einwohnerinnen und Einwohner',
    body: 'Die Plenarversammlung bittet die Landesregierung, sich für ein kommunales Wahlrecht aller dauerhaft in Hessen lebenden Menschen einzusetzen. (Demo-Antrag)',
    submittedByText: 'Ausländerbeirat Breuberg',
    public: true,
    majorityRule: 'simple',
  })
  if (!motion.ok) throw new Error(problemKey(motion) ?? 'refused')
  await addAgendaItem(db, CLI_ACTOR, {
    meetingId: held.value,
    title: 'Personalangelegenheiten der Geschäftsstelle',
    public: false,
  })
  const [row] = await db.select().from(meetings).where(eq(meetings.id, held.value))
  const present = (await eligibleMembers(db, row!)).slice(0, 11).map((m) => m.personId)
  await setAttendance(db, CLI_ACTOR, held.value, present)
  await recordVote(db, CLI_ACTOR, {
    meetingId: held.value,
    agendaItemId: motion.value,
    yes: 8,
    no: 2,
    abstain: 1,
  })
  await saveMinutes(db, CLI_ACTOR, held.value, {
    [motion.value]:
      'Nach Aussprache wird der Antrag mit 8 Ja-Stimmen, 2 Nein-Stimmen und 1 Enthaltung angenommen.',
  })
  // The autumn plenary approves the spring minutes, which are then published with their document.
  const approved = await approveMinutes(db, CLI_ACTOR, spring.value, held.value)
  if (!approved.ok) throw new Error(problemKey(approved) ?? 'refused')
  const minutesPdf = await demoPdf('Niederschrift der Plenarversammlung der agah am 25.04.2026', [
    'Ort: Stadthalle Gießen. Beginn 10:00 Uhr, Ende 15:00 Uhr. Anwesend: 10 Delegierte; die Plenarversammlung ist beschlussfähig.',
    `TOP 1 – Arbeitsprogramm der agah für die Wahlperiode 2026–2031: ${springMinutes}`,
    'Genehmigt in der Plenarversammlung am 17.10.2026 in Breuberg-Neustadt. (Demonstrationsdaten)',
  ])
  const file = await addMinutesFile(db, deps.files, CLI_ACTOR, spring.value, {
    role: 'main',
    name: 'Niederschrift 25.04.2026',
    fileName: 'niederschrift-2026-04-25.pdf',
    bytes: minutesPdf,
    truncated: false,
  })
  if (!file.ok) throw new Error(problemKey(file) ?? 'refused')
  const published = await publishMinutes(db, CLI_ACTOR, spring.value)
  if (!published.ok) throw new Error(problemKey(published) ?? 'refused')
  await createMeeting(db, CLI_ACTOR, {
    councilId: agah,
    title: 'Plenarversammlung der agah (Frühjahr)',
    startsAt: new Date('2027-03-06T09:00:00Z'),
    locationName: 'Rathaus Wiesbaden',
    locationAddress: 'Schloßplatz 6, 65183 Wiesbaden',
  })
}

/** Organisations in the demo integration conference (real kinds of member, fictional representatives). */
const CONFERENCE_ORGANISATIONS = [
  { name: 'Liga der Freien Wohlfahrtspflege in Hessen (Demo)', kind: 'association' },
  { name: 'Hessischer Städtetag (Demo)', kind: 'municipality' },
  { name: 'Hessischer Landkreistag (Demo)', kind: 'municipality' },
  { name: 'DGB Hessen-Thüringen (Demo)', kind: 'association' },
  { name: 'Vereinigung der hessischen Unternehmerverbände (Demo)', kind: 'association' },
  { name: 'Landesverband der Migrantenorganisationen (Demo)', kind: 'migrant_organisation' },
] as const

/**
 * The demo integration conference (decision 0005): a body of the councils feature whose members
 * represent directory organisations, with the agah's seat, a spring meeting whose minutes the autumn
 * meeting approved (published), and the next meeting. Returns the conference's id.
 */
export async function seedConferenceDemo(
  deps: AppDeps,
  agah: string,
  agahSeatHolder: string,
  person: () => Promise<string>,
  print: (line: string) => void,
): Promise<string> {
  const db = deps.db
  const conference = await createCouncil(db, CLI_ACTOR, {
    kind: 'integrationskonferenz',
    name: 'Integrationskonferenz des Landes Hessen',
    shortName: 'Integrationskonferenz',
    quorumPercent: 50,
  })
  await addTerm(db, CLI_ACTOR, { councilId: conference, ...TERM_2026, seats: 30 })
  let first = true
  let representative: string | null = null
  for (const o of CONFERENCE_ORGANISATIONS) {
    const organisationId = await createOrganisation(db, CLI_ACTOR, { name: o.name, kind: o.kind })
    const personId = await person()
    representative ??= personId
    const r = await addMembership(db, CLI_ACTOR, {
      councilId: conference,
      personId,
      role: first ? 'deputy' : 'member',
      startsOn: TERM_2026.startsOn,
      organisationId,
    })
    if (!r.ok) throw new Error(`demo membership refused: ${problemKey(r)}`)
    first = false
  }
  const seat = await addMembership(db, CLI_ACTOR, {
    councilId: conference,
    personId: agahSeatHolder,
    role: 'delegate',
    delegatedById: agah,
    startsOn: TERM_2026.startsOn,
  })
  if (!seat.ok) throw new Error(`demo membership refused: ${problemKey(seat)}`)
  // A member's account (the Liga's representative): comments in the plan's comment rounds.
  const password = generatePassword()
  const email = 'konferenz@teilhabe.example'
  const user = await createUser(
    db,
    CLI_ACTOR,
    { email, displayName: 'Demo-Mitglied der Integrationskonferenz', password, roles: ['conference_member'] },
    deps.permissions.roles,
  )
  if (user.ok && representative) {
    const linked = await assignCouncilStaff(db, CLI_ACTOR, { email, personId: representative })
    if (!linked.ok) throw new Error(`demo member link refused: ${problemKey(linked)}`)
    print(
      `Demo conference member: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
    )
  }

  const place = {
    locationName: 'Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales',
    locationAddress: 'Sonnenberger Straße 2/2a, 65193 Wiesbaden',
  }
  const spring = await createMeeting(db, CLI_ACTOR, {
    councilId: conference,
    title: 'Integrationskonferenz (Frühjahr 2026)',
    startsAt: new Date('2026-05-12T08:00:00Z'),
    endsAt: new Date('2026-05-12T12:00:00Z'),
    ...place,
  })
  const past = await createMeeting(db, CLI_ACTOR, {
    councilId: conference,
    title: 'Integrationskonferenz (Herbst 2026)',
    startsAt: new Date('2026-09-24T08:00:00Z'),
    endsAt: new Date('2026-09-24T12:00:00Z'),
    ...place,
  })
  if (!spring.ok || !past.ok) throw new Error('demo meeting refused')
  const report = await addAgendaItem(db, CLI_ACTOR, {
    meetingId: spring.value,
    title: 'Bericht zum Stand des Integrationsplans',
    public: true,
  })
  const round = await addAgendaItem(db, CLI_ACTOR, {
    meetingId: spring.value,
    title: 'Kommentierungsrunde zur Fortschreibung des Integrationsplans',
    public: true,
  })
  const minutesItem = await addAgendaItem(db, CLI_ACTOR, {
    meetingId: past.value,
    title: 'Genehmigung der Niederschrift der Frühjahrssitzung',
    public: true,
  })
  if (!report.ok || !round.ok || !minutesItem.ok) throw new Error('demo agenda refused')
  const [springRow] = await db.select().from(meetings).where(eq(meetings.id, spring.value))
  const present = (await eligibleMembers(db, springRow!)).slice(0, 5).map((m) => m.personId)
  await setAttendance(db, CLI_ACTOR, spring.value, present)
  await saveMinutes(db, CLI_ACTOR, spring.value, {
    [report.value]: 'Das Ministerium berichtet über den Stand der Maßnahmen. (Demonstrationsdaten)',
    [round.value]:
      'Die Konferenz vereinbart eine Kommentierungsrunde zum Entwurf der Fortschreibung. (Demonstrationsdaten)',
  })
  const approved = await approveMinutes(db, CLI_ACTOR, spring.value, past.value)
  if (!approved.ok) throw new Error(problemKey(approved) ?? 'refused')
  const published = await publishMinutes(db, CLI_ACTOR, spring.value)
  if (!published.ok) throw new Error(problemKey(published) ?? 'refused')
  const next = await createMeeting(db, CLI_ACTOR, {
    councilId: conference,
    title: 'Integrationskonferenz (Frühjahr 2027)',
    startsAt: new Date('2027-04-15T08:00:00Z'),
    endsAt: new Date('2027-04-15T12:00:00Z'),
    ...place,
  })
  if (!next.ok) throw new Error(problemKey(next) ?? 'refused')
  const agenda = await addAgendaItem(db, CLI_ACTOR, {
    meetingId: next.value,
    title: 'Ergebnis der Kommentierungsrunde und nächste Fassung des Integrationsplans',
    public: true,
  })
  if (!agenda.ok) throw new Error(problemKey(agenda) ?? 'refused')
  return conference
}
