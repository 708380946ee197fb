import { defineAccess } from '../../platform/access-rules'

/** Open data is public: the page, the catalogue and every dataset file. */
export const access = defineAccess({
  routes: {
    'GET /offene-daten': { allow: 'anyone' },
    'GET /opendata/catalog': { allow: 'anyone' },
    'GET /opendata/catalog.rdf': { allow: 'anyone' },
    'GET /opendata/catalog.jsonld': { allow: 'anyone' },
    'GET /opendata/:file': { allow: 'anyone', params: () => ({ file: 'angebote.csv' }) },
  },
})
