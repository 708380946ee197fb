import { KeyFileError } from '../../../platform/crypto'
import type { AppDeps } from '../../../platform/feature'
import { antidiscReports } from '../tables'

/**
 * Refuses to start (KeyFileError, naming the file) when stored reports are wrapped with keys the
 * key file does not hold: a lost or replaced key file must never lead to a running platform that
 * cannot open, or worse, silently re-keys case files.
 */
export async function assertCaseKeysPresent(deps: AppDeps): Promise<void> {
  const used = await deps.db.selectDistinct({ keyId: antidiscReports.keyId }).from(antidiscReports)
  const missing = used
    .map((u) => u.keyId)
    .filter((id): id is string => id !== null && !deps.keyRing.ids.includes(id))
  if (missing.length)
    throw new KeyFileError(
      deps.keyRing.file,
      `does not hold the key(s) ${missing.join(', ')} that stored case files are wrapped with: restore the key file from its backup (CASE_KEY_FILE)`,
    )
}
