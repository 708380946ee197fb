import { defineAccess } from '../../platform/access-rules'
import { CLI_ACTOR } from '../../platform/audit'
import { organisationsNamed } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { publicContracts } from './find-contracts'
import { addObligation, createContract } from './manage-contracts'
import { contractRoundDetails } from './rounds/find-rounds'
import { openContractRound } from './rounds/manage-rounds'
import { DEMO_CONTRACTS } from './seed-demo'
import { contractComments } from './tables'

/**
 * Integration contracts: the register for anyone; the ministry's screens for ministry and admin.
 * The matrix partner account (role contract_partner) is linked to the partner of a running demo
 * contract; the persona otherPartner to the partner of another one, and gets 404 for the first. A
 * contract in negotiation is not public: 404 for everyone but the ministry.
 */
const keepers = ['ministry', 'admin']
const partners = ['contract_partner', 'otherPartner']

export const access = defineAccess({
  async fixtures({ deps, users, persona }) {
    const [own] = await organisationsNamed(deps.db, DEMO_CONTRACTS[2]!.partner)
    const [other] = await organisationsNamed(deps.db, DEMO_CONTRACTS[0]!.partner)
    if (!own || !other) throw new Error('the demo data has no integration contract partners')
    const contract = (await publicContracts(deps.db)).find((c) => c.organisationId === own.id)
    if (!contract) throw new Error('the demo data has no integration contract')
    await linkOrganisationAccount(deps.db, CLI_ACTOR, users.contract_partner!, own.id)
    await linkOrganisationAccount(
      deps.db,
      CLI_ACTOR,
      await persona('otherPartner', ['contract_partner']),
      other.id,
    )
    const negotiation = await createContract(
      deps.db,
      CLI_ACTOR,
      { id: 'matrix', can: (p) => p === 'contracts.manage', organisationId: null },
      {
        organisationId: own.id,
        topic: 'Matrix-Verhandlung',
        summary: '',
        startsOn: '2026-01-01',
        endsOn: '2028-12-31',
      },
    )
    if (!negotiation.ok) throw new Error('could not prepare the contract in negotiation')
    // A comment round open now on the draft, with one comment (written directly: no member link).
    const keeper = { id: users.ministry!, can: (p: string) => p === 'contracts.manage', organisationId: null }
    await addObligation(deps.db, CLI_ACTOR, keeper, negotiation.value, {
      side: 'partner',
      text: 'Matrix-Pflicht',
    })
    const round = await openContractRound(deps.db, CLI_ACTOR, keeper, negotiation.value, {
      title: 'Matrix-Kommentierung',
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 86_400_000),
    })
    const section = round.ok
      ? (await contractRoundDetails(deps.db, round.value))?.sections[0]?.section
      : undefined
    if (!round.ok || !section) throw new Error('could not prepare a contract comment round')
    const [comment] = await deps.db
      .insert(contractComments)
      .values({
        sectionId: section.id,
        userId: users.ministry!,
        authorName: 'Matrix',
        body: 'Matrix-Kommentar',
      })
      .returning({ id: contractComments.id })
    return {
      contractId: contract.id,
      negotiationId: negotiation.value,
      roundId: round.value,
      sectionId: section.id,
      commentId: comment!.id,
    }
  },
  routes: {
    'GET /integrationsvertraege': { allow: 'anyone' },
    'GET /integrationsvertraege/:id': { allow: 'anyone', params: (f) => ({ id: f.contractId }) },
    'GET /integrationsvertraege/berichte': { allow: partners },
    'GET /integrationsvertraege/berichte/:id': {
      allow: ['contract_partner'],
      params: (f) => ({ id: f.contractId }),
      deny: { otherPartner: 404 },
    },
    'POST /integrationsvertraege/berichte/:id': {
      allow: ['contract_partner'],
      params: (f) => ({ id: f.contractId }),
      deny: { otherPartner: 404 },
      status: 400,
    },
    'GET /verwaltung/integrationsvertraege': { allow: keepers },
    'POST /verwaltung/integrationsvertraege': { allow: keepers, status: 400 },
    'GET /verwaltung/integrationsvertraege/:id': { allow: keepers, params: (f) => ({ id: f.negotiationId }) },
    'POST /verwaltung/integrationsvertraege/:id': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/status': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/pflichten': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/meilensteine': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/verlaengerung': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/berichte': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'GET /integrationsvertraege/kommentierung': { allow: 'anyone' },
    'GET /integrationsvertraege/kommentierung/:id': { allow: 'anyone', params: (f) => ({ id: f.roundId }) },
    'GET /integrationsvertraege/kommentierung/abschnitte/:id': {
      allow: 'anyone',
      params: (f) => ({ id: f.sectionId }),
    },
    // The matrix's member account stands for no conference member: the use case refuses (400).
    'POST /integrationsvertraege/kommentierung/abschnitte/:id': {
      allow: ['conference_member'],
      params: (f) => ({ id: f.sectionId }),
      status: 400,
    },
    'POST /verwaltung/integrationsvertraege/:id/kommentierung': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
      status: 400,
    },
    'GET /verwaltung/integrationsvertraege/kommentierung/:id': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'POST /verwaltung/integrationsvertraege/kommentierung/:id/beenden': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'POST /verwaltung/integrationsvertraege/kommentierung/:id/veroeffentlichen': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'GET /verwaltung/integrationsvertraege/kommentare/:id': {
      allow: keepers,
      params: (f) => ({ id: f.commentId }),
    },
    'POST /verwaltung/integrationsvertraege/kommentare/:id': {
      allow: keepers,
      params: (f) => ({ id: f.commentId }),
    },
    'GET /verwaltung/integrationsvertraege/kommentierung/abschnitte/:id': {
      allow: keepers,
      params: (f) => ({ id: f.sectionId }),
    },
    'POST /verwaltung/integrationsvertraege/kommentierung/abschnitte/:id': {
      allow: keepers,
      params: (f) => ({ id: f.sectionId }),
    },
    'POST /verwaltung/integrationsvertraege/:id/vertrag': {
      allow: keepers,
      params: (f) => ({ id: f.negotiationId }),
    },
  },
})
