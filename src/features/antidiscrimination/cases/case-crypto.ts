import { randomBytes } from 'node:crypto'
import { type KeyRing, openWithKey, sealWithKey } from '../../../platform/crypto'

/**
 * Envelope encryption of one report's confidential fields (what happened, contact details, the
 * messages): each report has its own random 256-bit data key, stored only wrapped by a key of the key
 * file (KeyRing). Every value is bound to its report and field (AES-GCM additional data), so a sealed
 * value copied to another report or field does not open. The database alone opens nothing.
 */
export interface CaseBox {
  seal(field: string, plaintext: string | Buffer): string
  /** Throws CaseKeyError when the value does not open: never a silent empty value. */
  open(field: string, sealed: string): string
  /** The same for bytes (attachments). */
  openBytes(field: string, sealed: string): Buffer
}

export class CaseKeyError extends Error {
  constructor(readonly reportId: string) {
    super(`the data key of report ${reportId} does not open with the key file`)
    this.name = 'CaseKeyError'
  }
}

const fieldContext = (reportId: string, field: string) => `antidisc:${reportId}:${field}`

function boxFor(reportId: string, dataKey: Buffer): CaseBox {
  return {
    seal: (field, plaintext) => sealWithKey(dataKey, plaintext, fieldContext(reportId, field)),
    open(field, sealed) {
      return this.openBytes(field, sealed).toString('utf8')
    },
    openBytes(field, sealed) {
      const plain = openWithKey(dataKey, sealed, fieldContext(reportId, field))
      if (!plain) throw new CaseKeyError(reportId)
      return plain
    },
  }
}

/** A fresh data key for a new report: what to store (key id, wrapped key) and the box to seal with. */
export function newCaseKey(
  ring: KeyRing,
  reportId: string,
): { keyId: string; dataKey: string; box: CaseBox } {
  const dataKey = randomBytes(32)
  const { keyId, wrapped } = ring.wrap(dataKey, `antidisc:${reportId}`)
  return { keyId, dataKey: wrapped, box: boxFor(reportId, dataKey) }
}

/**
 * The box of a stored report, from its wrapped data key. An anonymised report has no data key any
 * more (retention.ts): nothing of it opens, ever (CaseKeyError).
 */
export function openCaseKey(
  ring: KeyRing,
  report: { readonly id: string; readonly keyId: string | null; readonly dataKey: string | null },
): CaseBox {
  if (!report.keyId || !report.dataKey) throw new CaseKeyError(report.id)
  const dataKey = ring.unwrap(report.keyId, report.dataKey, `antidisc:${report.id}`)
  if (!dataKey) throw new CaseKeyError(report.id)
  return boxFor(report.id, dataKey)
}
