import { defineAccess } from '../../platform/access-rules'
import { currentVersion, planTree } from './find-plan'
import { startDraft } from './manage-plan'
import { roundDetails } from './rounds/find-rounds'
import { openRound } from './rounds/manage-rounds'
import { planComments } from './tables'

/** Who keeps the plan: the ministry's integration unit and administrators. */
const keepers = ['ministry', 'admin']

/**
 * The integration plan (authorisation matrix). The fixtures start a draft from the demo plan (as the
 * matrix ministry user) so that the draft's screens have records; the public measure page is asked
 * for a measure of the current adopted version.
 */
export const access = defineAccess({
  async fixtures({ deps, users }) {
    const current = await currentVersion(deps.db)
    if (!current) throw new Error('the demo data has no adopted integration plan')
    const measure = (await planTree(deps.db, current)).fields[0]?.goals[0]?.measures[0]
    const ministry = { id: users.ministry!, label: 'access matrix', can: (p: string) => p === 'plan.manage' }
    const draft = await startDraft(deps.db, ministry, { title: 'Matrix-Entwurf' })
    if (!measure || !draft.ok) throw new Error('could not prepare the integration plan records')
    // A round open now on the draft, with one comment (written directly: the matrix has no member link).
    const round = await openRound(deps.db, ministry, draft.value, {
      title: 'Matrix-Runde',
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 86_400_000),
    })
    const section = round.ok ? (await roundDetails(deps.db, round.value))?.sections[0]?.section : undefined
    if (!round.ok || !section) throw new Error('could not prepare a comment round')
    const [comment] = await deps.db
      .insert(planComments)
      .values({
        sectionId: section.id,
        userId: users.ministry!,
        authorName: 'Matrix',
        body: 'Matrix-Kommentar',
      })
      .returning({ id: planComments.id })
    const { fields } = await planTree(deps.db, { ...current, id: draft.value, status: 'draft' })
    const field = fields[0]!
    const goal = field.goals[0]!
    return {
      measureId: measure.id,
      draftId: draft.value,
      draftFieldId: field.id,
      draftGoalId: goal.id,
      draftMeasureId: goal.measures[0]!.id,
      roundId: round.value,
      sectionId: section.id,
      commentId: comment!.id,
    }
  },
  routes: {
    'GET /integrationsplan': { allow: 'anyone' },
    'GET /integrationsplan/massnahmen/:id': { allow: 'anyone', params: (f) => ({ id: f.measureId }) },
    'GET /verwaltung/integrationsplan': { allow: keepers },
    'POST /verwaltung/integrationsplan/entwurf': { allow: keepers },
    'GET /verwaltung/integrationsplan/fassungen/:id': { allow: keepers, params: (f) => ({ id: f.draftId }) },
    'GET /verwaltung/integrationsplan/fassungen/:id/beschliessen': {
      allow: keepers,
      params: (f) => ({ id: f.draftId }),
    },
    'POST /verwaltung/integrationsplan/fassungen/:id/beschliessen': {
      allow: keepers,
      params: (f) => ({ id: f.draftId }),
    },
    'GET /verwaltung/integrationsplan/handlungsfelder/:id': {
      allow: keepers,
      params: (f) => ({ id: f.draftFieldId }),
    },
    'POST /verwaltung/integrationsplan/handlungsfelder/:id': {
      allow: keepers,
      params: (f) => ({ id: f.draftFieldId }),
    },
    'GET /verwaltung/integrationsplan/ziele/:id': { allow: keepers, params: (f) => ({ id: f.draftGoalId }) },
    'POST /verwaltung/integrationsplan/ziele/:id': { allow: keepers, params: (f) => ({ id: f.draftGoalId }) },
    'GET /verwaltung/integrationsplan/massnahmen/:id': {
      allow: keepers,
      params: (f) => ({ id: f.draftMeasureId }),
    },
    'POST /verwaltung/integrationsplan/massnahmen/:id': {
      allow: keepers,
      params: (f) => ({ id: f.draftMeasureId }),
    },
    'GET /verwaltung/integrationsplan/handlungsfelder/:id/ziele': {
      allow: keepers,
      params: (f) => ({ id: f.draftFieldId }),
    },
    'POST /verwaltung/integrationsplan/handlungsfelder/:id/ziele': {
      allow: keepers,
      params: (f) => ({ id: f.draftFieldId }),
      status: 400,
    },
    'GET /verwaltung/integrationsplan/ziele/:id/massnahmen': {
      allow: keepers,
      params: (f) => ({ id: f.draftGoalId }),
    },
    'POST /verwaltung/integrationsplan/ziele/:id/massnahmen': {
      allow: keepers,
      params: (f) => ({ id: f.draftGoalId }),
      status: 400,
    },
    'GET /verwaltung/integrationsplan/ziele/:id/gewichte': {
      allow: keepers,
      params: (f) => ({ id: f.draftGoalId }),
    },
    'POST /verwaltung/integrationsplan/ziele/:id/gewichte': {
      allow: keepers,
      params: (f) => ({ id: f.draftGoalId }),
      status: 400,
    },
    'POST /verwaltung/integrationsplan/ziele/:id/entfernen': {
      allow: keepers,
      params: (f) => ({ id: f.draftGoalId }),
      status: 400,
    },
    'POST /verwaltung/integrationsplan/massnahmen/:id/indikatoren': {
      allow: keepers,
      params: (f) => ({ id: f.draftMeasureId }),
      status: 400,
    },
    'POST /verwaltung/integrationsplan/massnahmen/:id/entfernen': {
      allow: keepers,
      params: (f) => ({ id: f.draftMeasureId }),
      status: 400,
    },
    'POST /verwaltung/integrationsplan/massnahmen/:id/stand': {
      allow: keepers,
      params: (f) => ({ id: f.measureId }),
    },
    'POST /verwaltung/integrationsplan/massnahmen/:id/messwerte': {
      allow: keepers,
      params: (f) => ({ id: f.measureId }),
    },
    'GET /integrationsplan/kommentierung': { allow: 'anyone' },
    'GET /integrationsplan/kommentierung/:id': { allow: 'anyone', params: (f) => ({ id: f.roundId }) },
    'GET /integrationsplan/kommentierung/abschnitte/:id': {
      allow: 'anyone',
      params: (f) => ({ id: f.sectionId }),
    },
    // The matrix's member account stands for no conference member: the use case refuses (400).
    'POST /integrationsplan/kommentierung/abschnitte/:id': {
      allow: ['conference_member'],
      params: (f) => ({ id: f.sectionId }),
    },
    'GET /verwaltung/integrationsplan/kommentierung': { allow: keepers },
    'POST /verwaltung/integrationsplan/kommentierung': { allow: keepers },
    'GET /verwaltung/integrationsplan/kommentierung/:id': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'POST /verwaltung/integrationsplan/kommentierung/:id/beenden': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'POST /verwaltung/integrationsplan/kommentierung/:id/veroeffentlichen': {
      allow: keepers,
      params: (f) => ({ id: f.roundId }),
    },
    'GET /verwaltung/integrationsplan/kommentare/:id': {
      allow: keepers,
      params: (f) => ({ id: f.commentId }),
    },
    'POST /verwaltung/integrationsplan/kommentare/:id': {
      allow: keepers,
      params: (f) => ({ id: f.commentId }),
    },
    'GET /verwaltung/integrationsplan/kommentierung/abschnitte/:id': {
      allow: keepers,
      params: (f) => ({ id: f.sectionId }),
    },
    'POST /verwaltung/integrationsplan/kommentierung/abschnitte/:id': {
      allow: keepers,
      params: (f) => ({ id: f.sectionId }),
    },
  },
})
