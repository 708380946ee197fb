import { defineAccess } from '../../platform/access-rules'

/** The administration overview, audit log and mail outbox: administrators only (authorisation matrix). */
export const access = defineAccess({
  routes: {
    'GET /verwaltung': { allow: ['admin'] },
    'GET /verwaltung/protokoll': { allow: ['admin'] },
    'GET /verwaltung/postausgang': { allow: ['admin'] },
  },
})
