import { defineAccess } from '../../platform/access-rules'
import { CLI_ACTOR } from '../../platform/audit'
import { placeByKey } from '../directory/public'
import { addReporterAttachment } from './cases/attachments'
import { listCentres } from './network/find-network'
import { assignCounsellor } from './network/manage-network'
import { submitReport } from './reporting/submit-report'

/**
 * The anti-discrimination network (authorisation matrix). Reporting is public. The matrix
 * counsellor is bound to centre A, the persona otherCounsellor to centre B: a report of A is a 404
 * for B's counsellor (never its content), and a 403 for everyone without the counsellor role,
 * including the network office and administrators.
 */
export const access = defineAccess({
  async fixtures({ deps, users, persona }) {
    const centres = await listCentres(deps.db)
    const [a, b] = centres
    if (!a || !b) throw new Error('the demo data has fewer than two counselling centres')
    const bind = async (userId: string, centreId: string) => {
      const r = await assignCounsellor(deps.db, CLI_ACTOR, { userId, centreId })
      if (!r.ok) throw new Error(`could not bind counsellor ${userId}`)
    }
    await bind(users.counsellor!, a.id)
    await bind(await persona('otherCounsellor', ['counsellor']), b.id)
    const report = (centre: string, districtId: string) =>
      submitReport(deps, {
        narrative: 'Matrix',
        occurredOn: '2026-01-15',
        districtId,
        grounds: ['racism'],
        centre,
        contactWish: 'anonymous',
        language: 'de',
      })
    const ofA = await report(a.id, a.districtIds[0]!)
    const wiesbaden = await placeByKey(deps.db, '06414')
    const unrouted = await report('network', wiesbaden!.id)
    if (!ofA.ok || !unrouted.ok) throw new Error('could not create the matrix reports')
    const attachment = await addReporterAttachment(deps, ofA.value.reportId, {
      fileName: 'beleg.pdf',
      bytes: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      truncated: false,
    })
    if (!attachment.ok) throw new Error('could not add the matrix attachment')
    return {
      reportOfA: ofA.value.reportId,
      unrouted: unrouted.value.reportId,
      attachmentOfA: attachment.value,
    }
  },
  routes: {
    'GET /melden': { allow: 'anyone' },
    // An empty form: the form again with the messages.
    'POST /melden': { allow: 'anyone', status: 400 },
    'GET /melden/antwort': { allow: 'anyone' },
    'POST /melden/antwort': { allow: 'anyone', status: 400 },
    'POST /melden/antwort/nachricht': { allow: 'anyone', status: 400 },
    // Not multipart: refused before anything is read.
    'POST /melden/antwort/anhang': { allow: 'anyone', status: 415 },
    // Without a code: the code form again with its message.
    'POST /melden/antwort/export': { allow: 'anyone', status: 400 },
    'POST /melden/antwort/loeschen': { allow: 'anyone', status: 400 },
    'POST /melden/antwort/identitaet': { allow: 'anyone', status: 400 },
    'GET /statistik/diskriminierung': { allow: 'anyone' },
    'GET /statistik/diskriminierung.csv': { allow: 'anyone' },
    'GET /beratung': { allow: ['counsellor', 'otherCounsellor'] },
    'GET /beratung/meldungen/:id': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      deny: { otherCounsellor: 404 },
    },
    'POST /beratung/meldungen/:id/antwort': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    'GET /beratung/meldungen/:id/anhaenge/:attachmentId': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA, attachmentId: f.attachmentOfA }),
      deny: { otherCounsellor: 404 },
    },
    'GET /beratung/meldungen/:id/akte': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      deny: { otherCounsellor: 404 },
    },
    // An empty case file form or intervention: the form again with the messages.
    'POST /beratung/meldungen/:id/akte': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    'POST /beratung/meldungen/:id/interventionen': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    'POST /beratung/meldungen/:id/weiterleiten': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    'POST /beratung/meldungen/:id/export': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      deny: { otherCounsellor: 404 },
    },
    // Without the confirmation: the case page again with the message (nothing deleted).
    'POST /beratung/meldungen/:id/loeschen': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    // Without a reason: the case page again with the message.
    'POST /beratung/meldungen/:id/identitaet': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 400,
      deny: { otherCounsellor: 404 },
    },
    // Not multipart: refused before anything is read.
    'POST /beratung/meldungen/:id/dokumente': {
      allow: ['counsellor'],
      params: (f) => ({ id: f.reportOfA }),
      status: 415,
      deny: { otherCounsellor: 415 },
    },
    'GET /beratung/freigaben': { allow: ['network_office'] },
    // Nothing was asked for on this report: nothing to approve.
    'POST /beratung/freigaben/:id': {
      allow: ['network_office'],
      params: (f) => ({ id: f.reportOfA }),
      status: 404,
    },
    'GET /beratung/verteilen': { allow: ['network_office'] },
    'GET /beratung/netzwerk': { allow: ['network_office'] },
    // Empty forms: the page again with the messages.
    'POST /beratung/netzwerk/stellen': { allow: ['network_office'], status: 400 },
    'POST /beratung/netzwerk/beratende': { allow: ['network_office'], status: 400 },
    'POST /beratung/verteilen/:id': {
      allow: ['network_office'],
      params: (f) => ({ id: f.unrouted }),
      status: 400,
    },
  },
})
