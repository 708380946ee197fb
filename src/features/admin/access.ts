import { defineAccess } from '../../platform/access-rules'

/**
 * The staff desk: everyone who may do something listed on it (the desk links' permissions). The
 * audit log, mail outbox and operator's details: administrators only (authorisation matrix).
 */
export const access = defineAccess({
  routes: {
    'GET /verwaltung': {
      allow: [
        'admin',
        'press',
        'agah_office',
        'council_secretary',
        'otherSecretary',
        'funding_officer',
        'funding_approver',
        'funding_admin',
        'counsellor',
        'otherCounsellor',
        'network_office',
        'offers_editor',
        'ministry',
      ],
    },
    'GET /verwaltung/betreiber': { allow: ['admin'] },
    'POST /verwaltung/betreiber': { allow: ['admin'] },
    'GET /verwaltung/protokoll': { allow: ['admin'] },
    'GET /verwaltung/postausgang': { allow: ['admin'] },
    'GET /verwaltung/sprachen': { allow: ['admin'] },
  },
})
