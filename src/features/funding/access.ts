import {
  lineId,
  must,
  registerMso,
  submitApplication,
  submittedMsoApplication,
} from '../../../test/helpers/funding'
import { defineAccess } from '../../platform/access-rules'
import type { Actor } from '../../platform/audit'
import { berlinDay } from '../../platform/days'
import { createApplication } from './applicant/create-application'
import { saveProject } from './applicant/save-application'
import { fileChangeRequest, recordNotification } from './changes/manage-changes'
import { requestPayment } from './payments/manage-payments'
import { moveGrantToYear } from './payments/seed-demo'
import { submitProof } from './proof/manage-proofs'
import { confirmApproval, proposeDecision } from './review/decide-application'
import { fundingApplicantUsers } from './tables'

const reviewers = ['funding_officer', 'funding_approver', 'funding_admin']
const managers = ['funding_admin', 'admin']

/**
 * Funding (authorisation matrix). The matrix applicant belongs to organisation A, which has a draft,
 * a submitted and an approved application; the persona otherApplicant belongs to organisation B and
 * sees none of A's (404, never a hint that they exist). Staff screens by permission.
 */
export const access = defineAccess({
  async fixtures({ deps, users, persona }) {
    const a = await registerMso(deps)
    const b = await registerMso(deps, {
      organisationName: 'Anderer Verein e. V.',
      email: 'anderer@verein.example',
      registerNumber: 'VR 999',
    })
    const other = await persona('otherApplicant', ['applicant'])
    const now = new Date()
    await deps.db.insert(fundingApplicantUsers).values([
      { userId: users.applicant!, organisationId: a.orgId, emailConfirmedAt: now },
      { userId: other, organisationId: b.orgId, emailConfirmedAt: now },
    ])
    const officer: Actor = { id: users.funding_officer!, label: 'officer' }
    const approver: Actor = { id: users.funding_approver!, label: 'approver' }
    const draft = must(
      await createApplication(deps.db, a.actor, {
        organisationId: a.orgId,
        lineId: await lineId(deps, 'MSO'),
      }),
    )
    // The draft has a project period, so that its cost and financing steps show their fields.
    must(
      await saveProject(deps.db, a.actor, draft, {
        title: 'Nachbarschaftsfest',
        aims: 'Begegnung im Stadtteil',
        targetGroups: 'Nachbarinnen und Nachbarn',
        municipalities: 'Kassel',
        periodStart: `${new Date().getFullYear() + 1}-01-01`,
        periodEnd: `${new Date().getFullYear() + 1}-12-31`,
      }),
    )
    const submitted = await submittedMsoApplication(deps, a.orgId, a.actor)
    must(await submitApplication(deps, a.actor, submitted, { declared: true }))
    const approved = await submittedMsoApplication(deps, a.orgId, a.actor)
    must(await submitApplication(deps, a.actor, approved, { declared: true }))
    must(await proposeDecision(deps, officer, approved, { decision: 'approve', reasons: 'Förderfähig.' }))
    must(await confirmApproval(deps, approver, approved))
    // A payment request on the approved grant, moved to this year so that its money can be requested today.
    const year = Number(berlinDay().slice(0, 4))
    await moveGrantToYear(deps.db, approved, year + 1, year)
    const payment = must(
      await requestPayment(
        deps,
        a.actor,
        { id: users.applicant!, can: (p) => p === 'funding.apply', organisationId: a.orgId },
        approved,
        { year, amountCents: 100_000, dueOn: berlinDay(), purpose: 'Honorare' },
      ),
    )
    // The final proof of use of the approved grant (submitted; the staff pages review it).
    const proof = must(
      await submitProof(
        deps,
        a.actor,
        { id: users.applicant!, can: (p) => p === 'funding.apply', organisationId: a.orgId },
        approved,
        {
          period: 'final',
          answers: { goals: 'Ziele', activities: 'Treffen', reach: 'Familien', cooperation: 'Monatlich' },
          report: 'Wie geplant.',
          actual: { micro_project: 0, minijob: 0 },
          actualOwnCents: 0,
          actualThirdPartyCents: 0,
          receiptsCsv: '',
          hoursCsv: '',
        },
      ),
    )
    const recipient = {
      id: users.applicant!,
      can: (p: string) => p === 'funding.apply',
      organisationId: a.orgId,
    }
    const change = must(
      await fileChangeRequest(deps, a.actor, recipient, approved, {
        kind: 'purpose',
        purpose: 'Begegnung, Spracherwerb und Elternarbeit im Stadtteil',
        reason: 'Elternarbeit kommt hinzu.',
      }),
    )
    const notification = must(
      await recordNotification(deps, a.actor, recipient, approved, {
        kind: 'delay',
        occurredOn: berlinDay(),
        details: 'Die Räume sind erst später frei.',
        amountCents: null,
      }),
    )
    return {
      draft,
      submitted,
      approved,
      payment,
      proof,
      change,
      notification,
      line: await lineId(deps, 'MSO'),
    }
  },
  routes: {
    'GET /foerderung': { allow: 'anyone' },
    'GET /foerderung/registrieren': { allow: 'anyone' },
    'GET /foerderung/projekte': { allow: 'anyone', query: 'kreis=06412&linie=MSO' },
    'GET /foerderung/projekte.csv': { allow: 'anyone' },
    'POST /foerderung/registrieren': { allow: 'anyone' },
    'GET /foerderung/bestaetigen': { allow: 'anyone' },
    'POST /foerderung/bestaetigen': { allow: 'anyone' },

    // The applicant's own applications.
    'POST /foerderung/antraege/mitglieder': { allow: ['applicant', 'otherApplicant'] },
    'GET /foerderung/antraege': { allow: ['applicant', 'otherApplicant'] },
    'POST /foerderung/antraege': { allow: ['applicant', 'otherApplicant'] },
    'GET /foerderung/antraege/:id': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.draft }),
      deny: { otherApplicant: 404 },
    },
    'POST /foerderung/antraege/:id/einreichen': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.draft }),
      deny: { otherApplicant: 404 },
    },
    'GET /foerderung/antraege/:id/pruefen': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.draft }),
      deny: { otherApplicant: 404 },
    },
    'GET /foerderung/antraege/:id/antrag.pdf': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.submitted }),
      deny: { otherApplicant: 404 },
    },
    'GET /foerderung/antraege/:id/bescheid/:version': {
      allow: ['applicant', ...reviewers],
      params: (f) => ({ id: f.approved, version: '1' }),
      refused: 404,
    },
    ...Object.fromEntries(
      ['projekt', 'kosten', 'finanzierung', 'erklaerungen', 'anlagen'].flatMap((step) =>
        ['GET', 'POST'].map((method) => [
          `${method} /foerderung/antraege/:id/${step}`,
          {
            allow: ['applicant', 'otherApplicant'],
            params: (f: { draft: string }) => ({ id: f.draft }),
            deny: { otherApplicant: 404 },
          },
        ]),
      ),
    ),

    // The recipient's payment requests on its own grant.
    ...Object.fromEntries(
      ['GET', 'POST'].map((method) => [
        `${method} /foerderung/antraege/:id/mittelabruf`,
        {
          allow: ['applicant', 'otherApplicant'],
          params: (f: { approved: string }) => ({ id: f.approved }),
          deny: { otherApplicant: 404 },
        },
      ]),
    ),

    // The recipient's proof of use; the final notice (none in the fixtures yet: 404 for everyone; the
    // PDF itself is tested in proof/proof-routes.test.ts).
    ...Object.fromEntries(
      ['GET', 'POST'].map((method) => [
        `${method} /foerderung/antraege/:id/verwendungsnachweis`,
        {
          allow: ['applicant', 'otherApplicant'],
          params: (f: { approved: string }) => ({ id: f.approved }),
          deny: { otherApplicant: 404 },
        },
      ]),
    ),
    'POST /foerderung/antraege/:id/verwendungsnachweis/anlage': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.approved }),
      deny: { otherApplicant: 404 },
    },
    // The answer to the hearing (none open in the fixtures: the page again with the refusal).
    'POST /foerderung/antraege/:id/verwendungsnachweis/anhoerung': {
      allow: ['applicant', 'otherApplicant'],
      params: (f) => ({ id: f.approved }),
      deny: { otherApplicant: 404 },
    },
    'GET /foerderung/antraege/:id/schlussbescheid.pdf': {
      allow: ['applicant', ...reviewers],
      params: (f) => ({ id: f.approved }),
      status: 404,
      refused: 404,
    },

    // Staff: proofs seen by reviewers and reviewed by officers; the hearing and repayments by officers,
    // the final notice by approvers.
    'GET /foerderung/verwaltung/nachweise': { allow: reviewers },
    'GET /foerderung/verwaltung/nachweise/:id': { allow: reviewers, params: (f) => ({ id: f.proof }) },
    ...Object.fromEntries(
      ['pruefung', 'anhoerung', 'rueckzahlung'].map((step) => [
        `POST /foerderung/verwaltung/nachweise/:id/${step}`,
        { allow: ['funding_officer'], params: (f: { proof: string }) => ({ id: f.proof }) },
      ]),
    ),
    'POST /foerderung/verwaltung/nachweise/:id/schlussbescheid': {
      allow: ['funding_approver'],
      params: (f) => ({ id: f.proof }),
    },

    // The recipient's change requests and notifications on its own grant.
    ...Object.fromEntries(
      [
        '/foerderung/antraege/:id/aenderungen',
        '/foerderung/antraege/:id/aenderungen/:kind',
        '/foerderung/antraege/:id/mitteilung',
      ].flatMap((path) =>
        (path.endsWith('aenderungen') ? ['GET'] : ['GET', 'POST']).map((method) => [
          `${method} ${path}`,
          {
            allow: ['applicant', 'otherApplicant'],
            params: (f: { approved: string }) => ({ id: f.approved, kind: 'zweck' }),
            deny: { otherApplicant: 404 },
          },
        ]),
      ),
    ),
    // Pass-through pages of a diversity centre's grant: the matrix grant (an MSO's) passes nothing on,
    // so even its own applicant gets 404 (the allowed path is tested in pass-through/sub-grants.test.ts).
    ...Object.fromEntries(
      [
        '/foerderung/antraege/:id/weiterleitung',
        '/foerderung/antraege/:id/weiterleitung/:subId/nachweis',
      ].flatMap((path) =>
        ['GET', 'POST'].map((method) => [
          `${method} ${path}`,
          {
            allow: ['applicant', 'otherApplicant'],
            params: (f: { approved: string; payment: string }) => ({ id: f.approved, subId: f.payment }),
            status: 404,
          },
        ]),
      ),
    ),
    // Staff: change requests seen by reviewers, decided by officers, notifications dealt with by officers.
    'GET /foerderung/verwaltung/aenderungen': { allow: reviewers },
    'GET /foerderung/verwaltung/aenderungen/:id': { allow: reviewers, params: (f) => ({ id: f.change }) },
    'POST /foerderung/verwaltung/aenderungen/:id/entscheidung': {
      allow: ['funding_officer'],
      params: (f) => ({ id: f.change }),
    },
    'POST /foerderung/verwaltung/mitteilungen/:id/erledigt': {
      allow: ['funding_officer'],
      params: (f) => ({ id: f.notification }),
    },

    // Staff: payments seen by reviewers, checked by officers, released by approvers.
    'GET /foerderung/verwaltung/zahlungen': { allow: reviewers },
    'GET /foerderung/verwaltung/zahlungen/:id': { allow: reviewers, params: (f) => ({ id: f.payment }) },
    'POST /foerderung/verwaltung/zahlungen/:id/pruefung': {
      allow: ['funding_officer'],
      params: (f) => ({ id: f.payment }),
    },
    'POST /foerderung/verwaltung/zahlungen/:id/freigabe': {
      allow: ['funding_approver'],
      params: (f) => ({ id: f.payment }),
    },

    // Staff: review by permission; proposals by officers, approvals by approvers, lines by admins.
    'GET /foerderung/verwaltung': { allow: reviewers },
    'GET /foerderung/verwaltung/export.csv': { allow: reviewers },
    'GET /foerderung/verwaltung/antraege/:id': { allow: reviewers, params: (f) => ({ id: f.submitted }) },
    'POST /foerderung/verwaltung/antraege/:id/pruefliste': {
      allow: reviewers,
      params: (f) => ({ id: f.submitted }),
    },
    'POST /foerderung/verwaltung/antraege/:id/vermerk': {
      allow: reviewers,
      params: (f) => ({ id: f.submitted }),
    },
    'POST /foerderung/verwaltung/antraege/:id/rueckfrage': {
      allow: reviewers,
      params: (f) => ({ id: f.submitted }),
    },
    'POST /foerderung/verwaltung/antraege/:id/vorschlag': {
      allow: ['funding_officer'],
      params: (f) => ({ id: f.submitted }),
    },
    'POST /foerderung/verwaltung/antraege/:id/freigabe': {
      allow: ['funding_approver'],
      params: (f) => ({ id: f.submitted }),
    },
    'POST /foerderung/verwaltung/antraege/:id/aenderung': {
      allow: ['funding_officer'],
      params: (f) => ({ id: f.approved }),
    },
    'POST /foerderung/verwaltung/antraege/:id/aenderung/freigabe': {
      allow: ['funding_approver'],
      params: (f) => ({ id: f.approved }),
    },
    'POST /foerderung/verwaltung/antraege/:id/aenderung/ablehnung': {
      allow: ['funding_approver'],
      params: (f) => ({ id: f.approved }),
    },
    'GET /foerderung/verwaltung/basiszinssatz': { allow: managers },
    'POST /foerderung/verwaltung/basiszinssatz': { allow: managers },
    'GET /foerderung/verwaltung/linien/:id': { allow: managers, params: (f) => ({ id: f.line }) },
    'POST /foerderung/verwaltung/linien/:id/regeln': { allow: managers, params: (f) => ({ id: f.line }) },
    'POST /foerderung/verwaltung/linien/:id/mittel': { allow: managers, params: (f) => ({ id: f.line }) },
  },
})
