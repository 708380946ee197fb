/**
 * The funding feature's public module: what other features may import (docs/architecture.md,
 * "Feature boundaries"). The accounts of applicant organisations are the platform's link between a
 * person and the directory organisation they act for; the offers finder reuses it.
 */
export { linkOrganisationAccount, organisationAccountRecipients, organisationOfAccount } from './accounts'
