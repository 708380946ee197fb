import { and, eq, gt, lt, or, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import type { FileStore } from '../../platform/files'
import { notFound, type Outcome, Refused, refusable, refuse } from '../../platform/outcome'
import { organisations } from '../directory/public'
import {
  acceptsReports,
  type LifecycleProblem,
  milestoneRefusal,
  renewalRefusal,
  reportRefusal,
  termRefusal,
  transitionRefusal,
} from './lifecycle'
import { type ContractsWho, editsContract, reportsOn } from './policies'
import {
  type ContractState,
  contractMilestones,
  contractObligations,
  contractRenewals,
  contractReports,
  integrationContracts,
  type ObligationSide,
} from './tables'

/**
 * The use cases of the integration contracts. Each runs in one transaction, asks the policies
 * (policies.ts) and the lifecycle rules (lifecycle.ts) and writes its audit entry in the same
 * transaction; a refusal writes nothing.
 */

/** Owner key of the signed contracts in the file store (download rule in feature.ts). */
export const DOCUMENT_OWNER = 'contracts.document'
export const DOCUMENT_TYPES: readonly string[] = ['application/pdf']

const today = () => new Date().toISOString().slice(0, 10)

function fail(problem: LifecycleProblem | null): void {
  if (problem) throw new Refused(refuse(problem.key, problem.field))
}

async function lockContract(tx: Db, id: string) {
  const [c] = await tx
    .select()
    .from(integrationContracts)
    .where(eq(integrationContracts.id, id))
    .for('update')
  if (!c) throw new Refused(notFound())
  return c
}

async function mustEdit(tx: Db, who: ContractsWho, id: string) {
  const c = await lockContract(tx, id)
  if (!editsContract(who, c)) throw new Refused(notFound())
  return c
}

export interface ContractInput {
  organisationId: string
  topic: string
  summary: string
  startsOn: string
  endsOn: string
  demo?: boolean
}

async function checkPartner(tx: Db, organisationId: string) {
  const [o] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  if (!o) throw new Refused(refuse('contracts.error.unknownPartner', 'organisationId'))
}

/** Records a contract in negotiation. */
export function createContract(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  input: ContractInput,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      if (
        !editsContract(who, { status: 'negotiation', organisationId: input.organisationId, signedOn: null })
      )
        throw new Refused(notFound())
      fail(termRefusal(input))
      await checkPartner(tx, input.organisationId)
      const [c] = await tx
        .insert(integrationContracts)
        .values({ ...input, status: 'negotiation' })
        .returning({ id: integrationContracts.id })
      await writeAudit(tx, actor, {
        action: 'contracts.contract.create',
        entityType: 'integration_contract',
        entityId: c!.id,
        summary: { ...input },
      })
      return c!.id
    }),
  )
}

/** Changes partner, topic, summary and term; the term must still hold every milestone. */
export function updateContract(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: Omit<ContractInput, 'demo'>,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const before = await mustEdit(tx, who, id)
      fail(termRefusal(input))
      if (before.status !== 'negotiation' && input.organisationId !== before.organisationId)
        throw new Refused(refuse('contracts.error.partnerFixed', 'organisationId'))
      await checkPartner(tx, input.organisationId)
      const [outside] = await tx
        .select({ id: contractMilestones.id })
        .from(contractMilestones)
        .where(
          and(
            eq(contractMilestones.contractId, id),
            or(gt(contractMilestones.dueOn, input.endsOn), lt(contractMilestones.dueOn, input.startsOn)),
          ),
        )
        .limit(1)
      if (outside) throw new Refused(refuse('contracts.error.termExcludesMilestone', 'endsOn'))
      await tx
        .update(integrationContracts)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(integrationContracts.id, id))
      await writeAudit(tx, actor, {
        action: 'contracts.contract.update',
        entityType: 'integration_contract',
        entityId: id,
        summary: {
          before: { topic: before.topic, startsOn: before.startsOn, endsOn: before.endsOn },
          after: { ...input },
        },
      })
      return id
    }),
  )
}

/** Adds an obligation of the state or of the partner. */
export function addObligation(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: { side: ObligationSide; text: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      await mustEdit(tx, who, id)
      const text = input.text.trim()
      if (!text) throw new Refused(refuse('contracts.error.obligationText', 'obligationText'))
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`coalesce(max(${contractObligations.position}), 0)::int` })
        .from(contractObligations)
        .where(eq(contractObligations.contractId, id))
      const [o] = await tx
        .insert(contractObligations)
        .values({ contractId: id, side: input.side, text, position: n + 1 })
        .returning({ id: contractObligations.id })
      await writeAudit(tx, actor, {
        action: 'contracts.obligation.add',
        entityType: 'integration_contract',
        entityId: id,
        summary: { side: input.side, text },
      })
      return o!.id
    }),
  )
}

/** Adds a milestone within the contract's term. */
export function addMilestone(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: { title: string; dueOn: string; evidence: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await mustEdit(tx, who, id)
      if (c.status === 'ended') throw new Refused(refuse('contracts.error.ended'))
      fail(milestoneRefusal(input.dueOn, c))
      const [m] = await tx
        .insert(contractMilestones)
        .values({ contractId: id, ...input })
        .returning({ id: contractMilestones.id })
      await writeAudit(tx, actor, {
        action: 'contracts.milestone.add',
        entityType: 'integration_contract',
        entityId: id,
        summary: { milestoneId: m!.id, ...input },
      })
      return m!.id
    }),
  )
}

/** Moves the contract along its lifecycle (lifecycle.ts); signing records the day of signature. */
export function changeStatus(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: { to: ContractState; signedOn?: string | undefined },
  now: string = today(),
): Promise<Outcome<ContractState>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await mustEdit(tx, who, id)
      fail(
        transitionRefusal({
          from: c.status,
          to: input.to,
          signedOn: input.signedOn ?? null,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          today: now,
          hasDocument: c.documentFileId !== null,
        }),
      )
      await tx
        .update(integrationContracts)
        .set({
          status: input.to,
          ...(input.to === 'signed' ? { signedOn: input.signedOn! } : {}),
          updatedAt: new Date(),
        })
        .where(eq(integrationContracts.id, id))
      await writeAudit(tx, actor, {
        action: 'contracts.contract.status',
        entityType: 'integration_contract',
        entityId: id,
        summary: { from: c.status, to: input.to, signedOn: input.signedOn ?? null },
      })
      return input.to
    }),
  )
}

/** Renews the contract: a later end of the term; an evaluated contract runs again. */
export function renewContract(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: { renewedOn: string; endsOn: string; note: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await mustEdit(tx, who, id)
      fail(renewalRefusal(c.status, c.endsOn, input.endsOn))
      const [r] = await tx
        .insert(contractRenewals)
        .values({
          contractId: id,
          renewedOn: input.renewedOn,
          previousEndsOn: c.endsOn,
          endsOn: input.endsOn,
          note: input.note,
        })
        .returning({ id: contractRenewals.id })
      await tx
        .update(integrationContracts)
        .set({ endsOn: input.endsOn, status: 'running', updatedAt: new Date() })
        .where(eq(integrationContracts.id, id))
      await writeAudit(tx, actor, {
        action: 'contracts.contract.renew',
        entityType: 'integration_contract',
        entityId: id,
        summary: { ...input, previousEndsOn: c.endsOn, from: c.status },
      })
      return r!.id
    }),
  )
}

export interface DocumentUpload {
  fileName: string
  bytes: Buffer
  truncated: boolean
}

/** Stores the signed contract (PDF) as the contract's document; a new upload replaces the link. */
export function attachDocument(
  db: Db,
  files: FileStore,
  actor: Actor,
  who: ContractsWho,
  id: string,
  upload: DocumentUpload | undefined,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await mustEdit(tx, who, id)
      if (!upload || (upload.bytes.length === 0 && !upload.fileName))
        throw new Refused(refuse('contracts.error.fileMissing', 'file'))
      if (upload.truncated || upload.bytes.length > files.maxBytes)
        throw new Refused(refuse('contracts.error.fileTooLarge', 'file'))
      const stored = await files.store(
        tx,
        {
          bytes: upload.bytes,
          originalName: upload.fileName || 'vertrag.pdf',
          createdBy: actor.id,
          owner: DOCUMENT_OWNER,
        },
        DOCUMENT_TYPES,
      )
      if (!stored.ok)
        throw new Refused(
          refuse(
            stored.error === 'too_large'
              ? 'contracts.error.fileTooLarge'
              : stored.error === 'empty'
                ? 'contracts.error.fileMissing'
                : 'contracts.error.fileType',
            'file',
          ),
        )
      await tx
        .update(integrationContracts)
        .set({ documentFileId: stored.id, updatedAt: new Date() })
        .where(eq(integrationContracts.id, id))
      await writeAudit(tx, actor, {
        action: 'contracts.document.attach',
        entityType: 'integration_contract',
        entityId: id,
        summary: { fileId: stored.id, sha256: stored.sha256, replaced: c.documentFileId },
      })
      return stored.id
    }),
  )
}

/**
 * A report on a milestone (or on the contract as a whole) by the partner's account, or by the
 * ministry for a report it received otherwise. A partner of another contract learns nothing: 404.
 */
export function submitReport(
  db: Db,
  actor: Actor,
  who: ContractsWho,
  id: string,
  input: { milestoneId: string | null; text: string },
  now: string = today(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await lockContract(tx, id)
      if (!reportsOn(who, c)) throw new Refused(notFound())
      if (!acceptsReports(c.status)) throw new Refused(refuse('contracts.partner.error.noReports'))
      fail(reportRefusal(input.text))
      if (input.milestoneId) {
        const [m] = await tx
          .select({ id: contractMilestones.id })
          .from(contractMilestones)
          .where(and(eq(contractMilestones.id, input.milestoneId), eq(contractMilestones.contractId, id)))
        if (!m) throw new Refused(refuse('contracts.partner.error.milestoneNotOfContract', 'milestoneId'))
      }
      const [r] = await tx
        .insert(contractReports)
        .values({
          contractId: id,
          milestoneId: input.milestoneId,
          text: input.text.trim(),
          submittedBy: actor.id,
          submittedOn: now,
        })
        .returning({ id: contractReports.id })
      await writeAudit(tx, actor, {
        action: 'contracts.report.submit',
        entityType: 'integration_contract',
        entityId: id,
        summary: { reportId: r!.id, milestoneId: input.milestoneId, length: input.text.trim().length },
      })
      return r!.id
    }),
  )
}
