import { CLI_ACTOR } from '../../../platform/audit'
import type { AppDeps } from '../../../platform/feature'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../../directory/public'
import { listCentres } from './find-network'
import { registerCentre } from './manage-network'

/** Demo centres of the network (fictitious, named as such), in the directory, with languages and districts. */
const DEMO_CENTRES = [
  {
    name: 'Antidiskriminierungsberatung Frankfurt (Demo)',
    city: 'Frankfurt am Main',
    email: 'beratung-frankfurt@example.org',
    postcode: '60311',
    languages: ['de', 'en', 'ar', 'tr'],
    services: ['first_advice', 'accompaniment', 'complaint', 'testing'],
    districts: ['06412', '06413', '06438'],
  },
  {
    name: 'Antidiskriminierungsberatung Nordhessen (Demo)',
    city: 'Kassel',
    postcode: '34117',
    languages: ['de', 'ru', 'uk'],
    services: ['first_advice', 'mediation', 'legal_referral'],
    districts: ['06611', '06633', '06636'],
  },
  {
    name: 'Antidiskriminierungsberatung Mittelhessen (Demo)',
    city: 'Marburg',
    postcode: '35037',
    languages: ['de', 'fa', 'ar'],
    services: ['first_advice', 'accompaniment', 'documentation'],
    districts: ['06534', '06531', '06440'],
  },
] as const

export async function seedAntidiscDemo(deps: AppDeps, log: (line: string) => void): Promise<void> {
  if ((await listCentres(deps.db)).length > 0) return
  if (!(await placeByKey(deps.db, '06412'))) await importPlacesFromFiles(deps.db, CLI_ACTOR)
  for (const c of DEMO_CENTRES) {
    const districtIds: string[] = []
    for (const key of c.districts) {
      const place = await placeByKey(deps.db, key)
      if (place) districtIds.push(place.id)
    }
    const organisationId = await createOrganisation(deps.db, CLI_ACTOR, {
      kind: 'counselling_centre',
      name: c.name,
      city: c.city,
      postcode: c.postcode,
      ...('email' in c ? { email: c.email } : {}),
      nonProfit: true,
    })
    const r = await registerCentre(deps.db, CLI_ACTOR, {
      organisationId,
      languages: c.languages,
      services: c.services,
      districtIds,
    })
    if (!r.ok) throw new Error(`demo centre ${c.name}: ${r.problems[0]?.key}`)
  }
  log(`Anti-discrimination network: ${DEMO_CENTRES.length} demo counselling centres.`)
}
