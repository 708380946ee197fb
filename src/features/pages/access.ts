import { defineAccess } from '../../platform/access-rules'

/** The home page and the static pages are public (authorisation matrix). */
export const access = defineAccess({
  routes: {
    'GET /': { allow: 'anyone' },
    'GET /impressum': { allow: 'anyone' },
    'GET /datenschutz': { allow: 'anyone' },
    'GET /barrierefreiheit': { allow: 'anyone' },
    'GET /leichte-sprache': { allow: 'anyone' },
    'GET /gebaerdensprache': { allow: 'anyone' },
  },
})
