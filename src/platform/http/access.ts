import { asc, eq } from 'drizzle-orm'
import { defineAccess } from '../access-rules'
import { storedFiles } from '../files/tables'

/** Platform routes: health, metrics, assets, discovery and file downloads (authorisation matrix). */
export const access = defineAccess({
  async fixtures({ deps }) {
    // The demo's published minutes: a file anyone may download.
    const [file] = await deps.db
      .select({ id: storedFiles.id })
      .from(storedFiles)
      .where(eq(storedFiles.owner, 'councils.minutes'))
      .orderBy(asc(storedFiles.createdAt))
      .limit(1)
    if (!file) throw new Error('the demo data has no published minutes file')
    return { publicFileId: file.id }
  },
  routes: {
    'GET /assets/kern/*': { allow: 'anyone', status: 404 },
    // Fingerprinted assets: only this version's names are served, anything else is 404.
    'GET /assets/v/*': { allow: 'anyone', status: 404 },
    'GET /assets/*': { allow: 'anyone', status: 404 },
    'GET /health/live': { allow: 'anyone' },
    'GET /health/ready': { allow: 'anyone' },
    'GET /favicon.ico': { allow: 'anyone', status: 301 },
    // Not served without METRICS_TOKEN (and the matrix sets none).
    'GET /metrics': { allow: 'anyone', status: 404 },
    'GET /robots.txt': { allow: 'anyone' },
    'GET /sitemap.xml': { allow: 'anyone' },
    'GET /sitemap-seiten.xml': { allow: 'anyone' },
    'GET /dateien/:id/:name': {
      allow: 'anyone',
      params: (f) => ({ id: f.publicFileId, name: 'niederschrift.pdf' }),
    },
  },
})
