import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { projectsCsv } from './csv'
import {
  allFundedProjects,
  fundedProjects,
  type ProjectFacets,
  type ProjectFilter,
  projectFacets,
  totalsPerDistrict,
} from './find-projects'
import { ProjectsPage } from './views/projects'

const ProjectsQuery = Type.Object({
  kreis: Type.Optional(Type.String({ maxLength: 10 })),
  gemeinde: Type.Optional(Type.String({ maxLength: 12 })),
  linie: Type.Optional(Type.String({ maxLength: 40 })),
  jahr: Type.Optional(Type.String({ maxLength: 6 })),
  seite: Type.Optional(Type.String({ maxLength: 6 })),
})
type Query = Partial<Record<'kreis' | 'gemeinde' | 'linie' | 'jahr' | 'seite', string>>

/** The filter from the query string: a value that is none of the choices is no filter (like no choice). */
function filterOf(q: Query, facets: ProjectFacets): ProjectFilter {
  const year = Number(q.jahr)
  return {
    district: facets.districts.some((d) => d.key === q.kreis) ? q.kreis : undefined,
    municipality: facets.municipalities.some((m) => m.key === q.gemeinde) ? q.gemeinde : undefined,
    line: facets.lines.some((l) => l.key === q.linie) ? q.linie : undefined,
    year: facets.years.includes(year) ? year : undefined,
  }
}

/**
 * /foerderung/projekte: the public list of funded projects, its CSV file and the totals per district.
 * Read from the replica when there is one: a grant shows here seconds after it was approved.
 */
export function transparencyRoutes(app: App, deps: AppDeps): void {
  const db = deps.readDb

  app.get('/foerderung/projekte', { schema: { querystring: ProjectsQuery } }, async (request, reply) => {
    const facets = await projectFacets(db)
    const filter = filterOf(request.query, facets)
    const wanted = Number(request.query.seite)
    const page = Number.isInteger(wanted) && wanted > 1 ? wanted : 1
    const [{ rows, total, sumCents }, totals] = await Promise.all([
      fundedProjects(db, filter, page),
      totalsPerDistrict(db, filter),
    ])
    return reply.page(
      <ProjectsPage
        ctx={request.pageContext()}
        filter={filter}
        facets={facets}
        rows={rows}
        total={total}
        sumCents={sumCents}
        page={page}
        totals={totals}
      />,
    )
  })

  app.get('/foerderung/projekte.csv', { schema: { querystring: ProjectsQuery } }, async (request, reply) => {
    const filter = filterOf(request.query, await projectFacets(db))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="gefoerderte-projekte.csv"')
      .send(projectsCsv(await allFundedProjects(db, filter)))
  })
}
