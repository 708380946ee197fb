import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { storedFiles } from '../../platform/files/tables'
import { isUuid } from '../../platform/ids'
import { organisations } from '../directory/public'
import {
  type ContractState,
  contractMilestones,
  contractObligations,
  contractRenewals,
  contractReports,
  integrationContracts,
} from './tables'

export type Contract = typeof integrationContracts.$inferSelect
export type Obligation = typeof contractObligations.$inferSelect
export type Milestone = typeof contractMilestones.$inferSelect
export type Report = typeof contractReports.$inferSelect
export type Renewal = typeof contractRenewals.$inferSelect

export interface ContractRow extends Contract {
  readonly partnerName: string
}

const row = {
  contract: integrationContracts,
  partnerName: organisations.name,
}

function list(db: Db, where: SQL | undefined): Promise<ContractRow[]> {
  return db
    .select(row)
    .from(integrationContracts)
    .innerJoin(organisations, eq(organisations.id, integrationContracts.organisationId))
    .where(where)
    .orderBy(asc(organisations.name), asc(integrationContracts.topic))
    .then((rows) => rows.map((r) => ({ ...r.contract, partnerName: r.partnerName })))
}

/** The public register: every contract from signing on (policies.ts, isPublic). */
export function publicContracts(db: Db): Promise<ContractRow[]> {
  return list(
    db,
    and(ne(integrationContracts.status, 'negotiation'), isNotNull(integrationContracts.signedOn)),
  )
}

/** Every contract (the ministry's list). */
export function allContracts(db: Db): Promise<ContractRow[]> {
  return list(db, undefined)
}

/** The contracts of one partner organisation (its accounts' list). */
export function contractsOfOrganisation(db: Db, organisationId: string): Promise<ContractRow[]> {
  return list(db, eq(integrationContracts.organisationId, organisationId))
}

export async function contractById(db: Db, id: string): Promise<ContractRow | null> {
  if (!isUuid(id)) return null
  const [r] = await db
    .select(row)
    .from(integrationContracts)
    .innerJoin(organisations, eq(organisations.id, integrationContracts.organisationId))
    .where(eq(integrationContracts.id, id))
  return r ? { ...r.contract, partnerName: r.partnerName } : null
}

export interface MilestoneWithReports extends Milestone {
  readonly reports: readonly Report[]
}

export interface ContractDetails {
  readonly obligations: readonly Obligation[]
  readonly milestones: readonly MilestoneWithReports[]
  /** Reports on the contract as a whole (not on one milestone), oldest first. */
  readonly generalReports: readonly Report[]
  readonly renewals: readonly Renewal[]
  readonly document: { id: string; originalName: string; size: number; mediaType: string } | null
}

export async function contractDetails(db: Db, contract: Contract): Promise<ContractDetails> {
  const obligations = await db
    .select()
    .from(contractObligations)
    .where(eq(contractObligations.contractId, contract.id))
    .orderBy(asc(contractObligations.side), asc(contractObligations.position))
  const milestones = await db
    .select()
    .from(contractMilestones)
    .where(eq(contractMilestones.contractId, contract.id))
    .orderBy(asc(contractMilestones.dueOn), asc(contractMilestones.title))
  const reports = await db
    .select()
    .from(contractReports)
    .where(eq(contractReports.contractId, contract.id))
    .orderBy(asc(contractReports.submittedOn), asc(contractReports.createdAt))
  const renewals = await db
    .select()
    .from(contractRenewals)
    .where(eq(contractRenewals.contractId, contract.id))
    .orderBy(asc(contractRenewals.renewedOn))
  const [document] = contract.documentFileId
    ? await db
        .select({
          id: storedFiles.id,
          originalName: storedFiles.originalName,
          size: storedFiles.size,
          mediaType: storedFiles.mediaType,
        })
        .from(storedFiles)
        .where(eq(storedFiles.id, contract.documentFileId))
    : []
  return {
    obligations,
    milestones: milestones.map((m) => ({ ...m, reports: reports.filter((r) => r.milestoneId === m.id) })),
    generalReports: reports.filter((r) => r.milestoneId === null),
    renewals,
    document: document ?? null,
  }
}

/** The contract a stored file is the signed document of (for the download rule). */
export async function contractOfDocument(db: Db, fileId: string): Promise<Contract | null> {
  const [c] = await db
    .select()
    .from(integrationContracts)
    .where(eq(integrationContracts.documentFileId, fileId))
  return c ?? null
}

/** Whether the demo contracts are loaded (the seed runs once). */
export async function hasDemoContracts(db: Db): Promise<boolean> {
  const [c] = await db
    .select({ id: integrationContracts.id })
    .from(integrationContracts)
    .where(eq(integrationContracts.demo, true))
    .limit(1)
  return !!c
}

/** Organisations of the directory to choose the partner from. */
export function partnerOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name))
}

/** Milestones without a report, of contracts that take reports, due on or before `until`. */
export function openMilestonesDue(db: Db, until: string) {
  return db
    .select({
      milestone: contractMilestones,
      contractId: integrationContracts.id,
      topic: integrationContracts.topic,
      organisationId: integrationContracts.organisationId,
      partnerName: organisations.name,
    })
    .from(contractMilestones)
    .innerJoin(integrationContracts, eq(integrationContracts.id, contractMilestones.contractId))
    .innerJoin(organisations, eq(organisations.id, integrationContracts.organisationId))
    .leftJoin(contractReports, eq(contractReports.milestoneId, contractMilestones.id))
    .where(
      and(
        inArray(integrationContracts.status, ['signed', 'running', 'evaluated'] satisfies ContractState[]),
        isNull(contractReports.id),
        lte(contractMilestones.dueOn, until),
      ),
    )
    .orderBy(asc(integrationContracts.organisationId), asc(contractMilestones.dueOn))
}
