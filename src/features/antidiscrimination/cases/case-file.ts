import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, refusable, refuseAll } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { centreOfCounsellor } from '../network/find-network'
import { mayEditCase } from '../policies'
import { antidiscCaseFiles, antidiscInterventions } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'
import type {
  ActorKind,
  AggCoverage,
  CaseGround,
  CaseOutcome,
  CaseStatus,
  ClientAssessment,
  DiscriminationForm,
  Intervention,
  Level,
  LifeDomain,
} from './case-vocabulary'
import { type ReportRow, reportById } from './conversation'
import { caseFileProblems, interventionProblems } from './schema'

/** The case file as the counsellor reads and edits it (opened). */
export interface CaseFile {
  readonly status: CaseStatus
  readonly grounds: readonly CaseGround[]
  readonly intersectional: boolean
  readonly domain: LifeDomain | null
  readonly aggCovered: AggCoverage | null
  readonly forms: readonly DiscriminationForm[]
  readonly level: Level | null
  readonly actorKind: ActorKind | null
  readonly deadlineFrom: string
  readonly facts: string
  readonly consequences: string
  readonly goal: string
  readonly outcome: CaseOutcome | null
  readonly clientAssessment: ClientAssessment | null
  readonly notes: string
  readonly closedAt: Date | null
  readonly updatedAt: Date
}

export interface InterventionEntry {
  readonly id: string
  readonly kind: Intervention
  readonly on: string
  readonly note: string
}

/** The sealed free-text fields, each under its own AES-GCM context. */
const SEALED = ['facts', 'consequences', 'goal', 'notes'] as const
type SealedField = (typeof SEALED)[number]
const column = (f: SealedField) => `${f}Sealed` as const

/** The case file of a report, opened with the report's box; null while none was started. */
export async function caseFileOf(db: Db, box: CaseBox, reportId: string): Promise<CaseFile | null> {
  const [row] = await db.select().from(antidiscCaseFiles).where(eq(antidiscCaseFiles.reportId, reportId))
  if (!row) return null
  const open = (f: SealedField) => {
    const sealed = row[column(f)]
    return sealed ? box.open(`case:${f}`, sealed) : ''
  }
  return {
    status: row.status,
    grounds: row.grounds as CaseGround[],
    intersectional: row.intersectional,
    domain: row.domain as LifeDomain | null,
    aggCovered: row.aggCovered,
    forms: row.forms as DiscriminationForm[],
    level: row.level as Level | null,
    actorKind: row.actorKind as ActorKind | null,
    deadlineFrom: row.deadlineFrom,
    facts: open('facts'),
    consequences: open('consequences'),
    goal: open('goal'),
    outcome: row.outcome as CaseOutcome | null,
    clientAssessment: row.clientAssessment as ClientAssessment | null,
    notes: open('notes'),
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
  }
}

export async function interventionsOf(db: Db, box: CaseBox, reportId: string): Promise<InterventionEntry[]> {
  const rows = await db
    .select()
    .from(antidiscInterventions)
    .where(eq(antidiscInterventions.reportId, reportId))
    .orderBy(asc(antidiscInterventions.on), asc(antidiscInterventions.createdAt))
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Intervention,
    on: r.on,
    note: r.noteSealed ? box.open(`intervention:${r.id}`, r.noteSealed) : '',
  }))
}

/** What a case file form hands over (schema-checked, checkbox groups as lists). */
export interface CaseFileInput {
  readonly status: CaseStatus
  readonly grounds: readonly CaseGround[]
  readonly intersectional: boolean
  readonly domain?: LifeDomain | undefined
  readonly aggCovered?: AggCoverage | undefined
  readonly forms: readonly DiscriminationForm[]
  readonly level?: Level | undefined
  readonly actorKind?: ActorKind | undefined
  readonly deadlineFrom: string
  readonly facts?: string | undefined
  readonly consequences?: string | undefined
  readonly goal?: string | undefined
  readonly outcome?: CaseOutcome | undefined
  readonly clientAssessment?: ClientAssessment | undefined
  readonly notes?: string | undefined
}

/** The report, if this counsellor may work on its case file (else null: the route answers 404). */
async function editableReport(db: Db, who: Who, reportId: string): Promise<ReportRow | null> {
  const report = await reportById(db, reportId)
  const centreId = who.id ? await centreOfCounsellor(db, who.id) : null
  return report && mayEditCase(who, centreId, report) ? report : null
}

/**
 * Starts or updates the case file of a report of the counsellor's centre. Free texts are sealed with
 * the report's data key; the audit entry names the fields that changed, never their content.
 */
export async function saveCaseFile(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  input: CaseFileInput,
  now = new Date(),
): Promise<Outcome<void> | null> {
  const problems = caseFileProblems(input, berlinDay(now))
  const report = await editableReport(deps.db, who, reportId)
  if (!report) return null
  if (problems.length) return refuseAll(problems)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const box = openCaseKey(deps.keyRing, report)
      const before = await caseFileOf(tx, box, report.id)
      const seal = (f: SealedField) => {
        const v = input[f]?.trim()
        return v ? box.seal(`case:${f}`, v) : null
      }
      const values = {
        status: input.status,
        grounds: [...new Set(input.grounds)],
        intersectional: input.intersectional,
        domain: input.domain ?? null,
        aggCovered: input.aggCovered ?? null,
        forms: [...new Set(input.forms)],
        level: input.level ?? null,
        actorKind: input.actorKind ?? null,
        deadlineFrom: input.deadlineFrom,
        outcome: input.outcome ?? null,
        clientAssessment: input.clientAssessment ?? null,
        factsSealed: seal('facts'),
        consequencesSealed: seal('consequences'),
        goalSealed: seal('goal'),
        notesSealed: seal('notes'),
        closedAt: input.status === 'closed' ? (before?.closedAt ?? now) : null,
        updatedAt: now,
      }
      await tx
        .insert(antidiscCaseFiles)
        .values({ reportId: report.id, ...values, createdAt: now })
        .onConflictDoUpdate({ target: antidiscCaseFiles.reportId, set: values })
      const changed = before ? changedFields(before, input) : ['created']
      await writeAudit(tx, actor, {
        action: 'antidisc.case.save',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { changed, status: input.status },
      })
    }),
  )
}

/** The names of the fields an update changes (for the audit entry: names only, never content). */
export function changedFields(before: CaseFile, input: CaseFileInput): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  const text = (v: string | undefined) => v?.trim() ?? ''
  const out: string[] = []
  const pairs: [string, unknown, unknown][] = [
    ['status', before.status, input.status],
    ['grounds', [...before.grounds].sort(), [...new Set(input.grounds)].sort()],
    ['intersectional', before.intersectional, input.intersectional],
    ['domain', before.domain, input.domain],
    ['aggCovered', before.aggCovered, input.aggCovered],
    ['forms', [...before.forms].sort(), [...new Set(input.forms)].sort()],
    ['level', before.level, input.level],
    ['actorKind', before.actorKind, input.actorKind],
    ['deadlineFrom', before.deadlineFrom, input.deadlineFrom],
    ['facts', before.facts, text(input.facts)],
    ['consequences', before.consequences, text(input.consequences)],
    ['goal', before.goal, text(input.goal)],
    ['outcome', before.outcome, input.outcome],
    ['clientAssessment', before.clientAssessment, input.clientAssessment],
    ['notes', before.notes, text(input.notes)],
  ]
  for (const [name, a, b] of pairs) if (!same(a, b)) out.push(name)
  return out
}

/**
 * Records what the centre did on a case (the case file is started from the report when there is
 * none yet, so an intervention never hangs in the air).
 */
export async function addIntervention(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  input: { kind: Intervention; on: string; note?: string | undefined },
  now = new Date(),
): Promise<Outcome<string> | null> {
  const report = await editableReport(deps.db, who, reportId)
  if (!report) return null
  const problems = interventionProblems(input, berlinDay(now))
  if (problems.length) return refuseAll(problems)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const box = openCaseKey(deps.keyRing, report)
      await tx
        .insert(antidiscCaseFiles)
        .values({
          reportId: report.id,
          grounds: report.grounds,
          forms: [],
          deadlineFrom: report.occurredOn,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
      const id = randomUUID()
      const note = input.note?.trim()
      await tx.insert(antidiscInterventions).values({
        id,
        reportId: report.id,
        kind: input.kind,
        on: input.on,
        noteSealed: note ? box.seal(`intervention:${id}`, note) : null,
        userId: who.id,
      })
      await writeAudit(tx, actor, {
        action: 'antidisc.case.intervention',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { interventionId: id, kind: input.kind },
      })
      return id
    }),
  )
}
